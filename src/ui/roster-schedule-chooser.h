/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-schedule.h"
#include "roster-webinar.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_SCHEDULE_CHOOSER (roster_schedule_chooser_get_type ())

G_DECLARE_FINAL_TYPE (RosterScheduleChooser, roster_schedule_chooser, ROSTER, SCHEDULE_CHOOSER, GObject)

RosterScheduleChooser *roster_schedule_chooser_new               (AdwComboRow           *schedule_row,
                                                                  AdwComboRow           *date_row);
void                   roster_schedule_chooser_set_detail        (RosterScheduleChooser *self,
                                                                  RosterWebinar         *detail,
                                                                  gboolean               sessions,
                                                                  gint64                 keep_id,
                                                                  const char            *keep_date,
                                                                  guint                  keep_position);
RosterSchedule        *roster_schedule_chooser_get_schedule      (RosterScheduleChooser *self);
guint                  roster_schedule_chooser_get_n_schedules   (RosterScheduleChooser *self);
const char            *roster_schedule_chooser_get_date          (RosterScheduleChooser *self);
guint                  roster_schedule_chooser_get_date_position (RosterScheduleChooser *self);
gboolean               roster_schedule_chooser_get_complete      (RosterScheduleChooser *self);

G_END_DECLS
