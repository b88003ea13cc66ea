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

static void
correction_clear (gpointer data)
{
  RosterImportCorrection *correction = data;

  g_free (correction->field);
  g_free (correction->value);
}

/* An array of RosterImportCorrection, at most one for each row and field. */
GArray *
roster_import_corrections_new (void)
{
  GArray *corrections = g_array_new (FALSE, FALSE, sizeof (RosterImportCorrection));

  g_array_set_clear_func (corrections, correction_clear);
  return corrections;
}

/* Sets the value of @row's @field, replacing an earlier one; returns whether it changed. */
gboolean
roster_import_corrections_set (GArray     *corrections,
                               guint       row,
                               const char *field,
                               const char *value)
{
  RosterImportCorrection correction;

  g_return_val_if_fail (corrections != NULL, FALSE);
  g_return_val_if_fail (field != NULL && value != NULL, FALSE);

  for (guint i = 0; i < corrections->len; i++)
    {
      RosterImportCorrection *old = &g_array_index (corrections, RosterImportCorrection, i);

      if (old->row == row && g_str_equal (old->field, field))
        {
          if (g_str_equal (old->value, value))
            return FALSE;
          g_free (old->value);
          old->value = g_strdup (value);
          return TRUE;
        }
    }

  correction.row = row;
  correction.field = g_strdup (field);
  correction.value = g_strdup (value);
  g_array_append_val (corrections, correction);
  return TRUE;
}

/* The corrected value of @row's @field, or %NULL. */
const char *
roster_import_corrections_lookup (GArray     *corrections,
                                  guint       row,
                                  const char *field)
{
  g_return_val_if_fail (corrections != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < corrections->len; i++)
    {
      RosterImportCorrection *c = &g_array_index (corrections, RosterImportCorrection, i);

      if (c->row == row && g_str_equal (c->field, field))
        return c->value;
    }
  return NULL;
}
