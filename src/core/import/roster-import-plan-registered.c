/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-plan"

#include "config.h"

#include "roster-contact.h"
#include "roster-import-plan-private.h"

/* Marking the plan's rows of people the webinar has already. */

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

static void
on_all_registrants (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GListModel) registrants = NULL;
  g_autoptr(GHashTable) emails = NULL;
  GError *error = NULL;
  guint n;

  registrants = roster_client_list_all_registrants_finish (ROSTER_CLIENT (source), result, &error);
  if (registrants == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n = g_list_model_get_n_items (registrants);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterRegistrant) registrant = g_list_model_get_item (registrants, i);
      const char *email = roster_registrant_get_email (registrant);
      g_autofree char *trimmed = NULL;

      if (email == NULL)
        continue;
      trimmed = g_strstrip (g_strdup (email));
      if (trimmed[0] != '\0')
        g_hash_table_add (emails, roster_contact_casefold_email (trimmed));
    }

  g_task_return_int (task, roster_import_plan_mark_registered (g_task_get_source_object (task), emails));
}

/* Lists every registrant of @webinar_id (through the client's limiter, at bulk priority, so
 * the views stay responsive) and marks the plan's ready rows they already cover. */
void
roster_import_plan_mark_registered_async (RosterImportPlan    *self,
                                          RosterClient        *client,
                                          gint64               webinar_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ROSTER_IS_IMPORT_PLAN (self));
  g_return_if_fail (ROSTER_IS_CLIENT (client));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_import_plan_mark_registered_async);
  roster_client_list_all_registrants_async (client, webinar_id, NULL, ROSTER_PRIORITY_BULK,
                                            NULL, NULL, NULL, cancellable,
                                            on_all_registrants, task);
}

/* @n_marked: (out) (optional): how many rows it marked. */
gboolean
roster_import_plan_mark_registered_finish (RosterImportPlan  *self,
                                           GAsyncResult      *result,
                                           guint             *n_marked,
                                           GError           **error)
{
  gssize n;

  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_import_plan_mark_registered_async, FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_marked != NULL)
    *n_marked = n;

  return TRUE;
}
