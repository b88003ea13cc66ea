/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-target-picker.h"

G_BEGIN_DECLS

/* What a RosterTargetPicker tells the world, as it was at one moment. */
typedef struct
{
  RosterWebinar *webinar;
  gint64         webinar_id;
  RosterWebinar *detail;
  gint64         schedule_id;
  char          *date;
  char          *timezone;
  gboolean       loading;
  gboolean       valid;
  char          *message;
} RosterTargetState;

void     roster_target_state_capture (RosterTargetState       *state,
                                      RosterTargetPicker      *picker);
gboolean roster_target_state_notify  (const RosterTargetState *before,
                                      const RosterTargetState *now,
                                      RosterTargetPicker      *picker);
void     roster_target_state_clear   (RosterTargetState       *state);

G_END_DECLS
