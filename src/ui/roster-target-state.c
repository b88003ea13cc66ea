/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-target-state"

#include "config.h"

#include "roster-target-state.h"

/* The target picker changes in batches and tells only at a batch's end, from a comparison of
 * what it told last with what it would tell now: these are the two snapshots and the
 * comparison. */

/* Takes what @picker tells now into @state, which must be empty. */
void
roster_target_state_capture (RosterTargetState  *state,
                             RosterTargetPicker *picker)
{
  RosterWebinar *webinar = roster_target_picker_get_webinar (picker);

  g_set_object (&state->webinar, webinar);
  state->webinar_id = webinar != NULL ? roster_webinar_get_id (webinar) : -1;
  g_set_object (&state->detail, roster_target_picker_get_detail (picker));
  state->schedule_id = roster_target_picker_get_schedule_id (picker);
  state->date = g_strdup (roster_target_picker_get_date (picker));
  state->timezone = g_strdup (roster_target_picker_get_timezone (picker));
  state->loading = roster_target_picker_get_loading (picker);
  state->valid = roster_target_picker_get_valid (picker);
  state->message = g_strdup (roster_target_picker_get_message (picker));
}

/* Notifies on @picker each property that differs from @before to @now. Returns whether the
 * target changed: only the webinar object being replaced by the same webinar (a list refresh)
 * is not a change. */
gboolean
roster_target_state_notify (const RosterTargetState *before,
                            const RosterTargetState *now,
                            RosterTargetPicker      *picker)
{
  const struct {
    gboolean    differs;
    const char *property;
  } checks[] = {
    { now->detail != before->detail, "detail" },
    { now->schedule_id != before->schedule_id, "schedule-id" },
    { g_strcmp0 (now->date, before->date) != 0, "date" },
    { g_strcmp0 (now->timezone, before->timezone) != 0, "timezone" },
    { now->loading != before->loading, "loading" },
    { now->valid != before->valid, "valid" },
    { g_strcmp0 (now->message, before->message) != 0, "message" },
  };
  gboolean changed = now->webinar_id != before->webinar_id;

  if (now->webinar != before->webinar)
    g_object_notify (G_OBJECT (picker), "webinar");
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (checks[i].differs)
      {
        g_object_notify (G_OBJECT (picker), checks[i].property);
        changed = TRUE;
      }

  return changed;
}

void
roster_target_state_clear (RosterTargetState *state)
{
  g_clear_object (&state->webinar);
  g_clear_object (&state->detail);
  g_clear_pointer (&state->date, g_free);
  g_clear_pointer (&state->timezone, g_free);
  g_clear_pointer (&state->message, g_free);
}
