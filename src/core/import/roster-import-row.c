/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-row"

#include "config.h"

#include "roster-import-row.h"

static const char * const state_names[ROSTER_IMPORT_N_ROW_STATES] = {
  "pending", "invalid", "duplicate", "already_registered", "skipped", "sending", "registered", "failed",
  "unknown",
};

/* The word the results CSV uses. */
const char *
roster_import_row_state_to_string (RosterImportRowState state)
{
  g_return_val_if_fail (state < ROSTER_IMPORT_N_ROW_STATES, NULL);

  return state_names[state];
}

/* Frees the strings of a record that owns them (the journal's), and empties it. */
void
roster_import_row_clear (RosterImportRow *row)
{
  g_clear_pointer (&row->email, g_free);
  g_clear_pointer (&row->user_id, g_free);
  g_clear_pointer (&row->live_room_url, g_free);
  g_clear_pointer (&row->replay_room_url, g_free);
  g_clear_pointer (&row->thank_you_url, g_free);
  g_clear_pointer (&row->message, g_free);
}
