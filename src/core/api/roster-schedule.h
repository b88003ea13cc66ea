/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "roster-core-enums.h"

G_BEGIN_DECLS

typedef enum
{
  ROSTER_SCHEDULE_KIND_UNKNOWN,
  ROSTER_SCHEDULE_KIND_INSTANT_REPLAY,
  ROSTER_SCHEDULE_KIND_JUST_IN_TIME,
  ROSTER_SCHEDULE_KIND_RECURRING,
  ROSTER_SCHEDULE_KIND_ONE_TIME,
} RosterScheduleKind;

#define ROSTER_TYPE_SCHEDULE (roster_schedule_get_type ())

G_DECLARE_FINAL_TYPE (RosterSchedule, roster_schedule, ROSTER, SCHEDULE, GObject)

RosterScheduleKind  roster_schedule_kind_from_comment (const char     *comment);

RosterSchedule     *roster_schedule_new               (gint64          id,
                                                       const char     *date,
                                                       const char     *comment);
RosterSchedule     *roster_schedule_new_from_json     (JsonNode       *node,
                                                       GError        **error);
gint64              roster_schedule_get_id            (RosterSchedule *self);
const char         *roster_schedule_get_date          (RosterSchedule *self);
gint64              roster_schedule_get_date_time     (RosterSchedule *self);
const char         *roster_schedule_get_comment       (RosterSchedule *self);
RosterScheduleKind  roster_schedule_get_kind          (RosterSchedule *self);

G_END_DECLS
