/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-plan"

#include "config.h"

#include "roster-contact.h"
#include "roster-import-plan-private.h"

/* Marking the plan's rows of people the webinar has already (who they are is found by
 * roster-import-registered.c). */

/* Marks every ready row whose email (casefolded with roster_contact_casefold_email) is a key
 * of @emails_casefolded as already registered; returns how many it marked. */
guint
roster_import_plan_mark_registered (RosterImportPlan *self,
                                    GHashTable       *emails_casefolded)
{
  guint n_marked = 0;

  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), 0);
  g_return_val_if_fail (emails_casefolded != NULL, 0);

  if (g_hash_table_size (emails_casefolded) == 0)
    return 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = plan_get_row (self, i);
      g_autofree char *key = NULL;

      if (row->status != ROSTER_IMPORT_ROW_READY)
        continue;
      key = roster_contact_casefold_email (row->values[VALUE_EMAIL]);
      if (g_hash_table_contains (emails_casefolded, key))
        {
          row->status = ROSTER_IMPORT_ROW_ALREADY_REGISTERED;
          n_marked++;
        }
    }

  if (n_marked > 0)
    {
      self->counts[ROSTER_IMPORT_ROW_READY] -= n_marked;
      self->counts[ROSTER_IMPORT_ROW_ALREADY_REGISTERED] += n_marked;
      plan_notify_counts (self);
    }

  return n_marked;
}
