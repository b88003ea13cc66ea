/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import"

#include "config.h"

#include "roster-contact.h"
#include "roster-import-plan.h"
#include "roster-store-sync.h"

/* Who in a plan the webinar has already, without a call per row and without reading every page
 * each time: the account's local store is brought up to date (a refresh costs a handful of calls
 * once the webinar was synced; the first time reads every page), then one query answers for all
 * of the plan's ready rows. */

typedef struct
{
  RosterRegistrantStore *store;
  RosterStoreSync       *sync;
  gint64                 webinar_id;
  GPtrArray             *emails;  /* the ready rows' emails, as in the plan */
} Check;

static void
check_free (Check *check)
{
  g_clear_object (&check->sync);
  g_clear_object (&check->store);
  g_clear_pointer (&check->emails, g_ptr_array_unref);
  g_free (check);
}

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterImportPlan *plan = g_task_get_source_object (task);
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GHashTable) casefolded = NULL;
  GHashTableIter iter;
  gpointer email;
  GError *error = NULL;

  found = roster_registrant_store_find_registered_finish (ROSTER_REGISTRANT_STORE (source), result, &error);
  if (found == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  casefolded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &email, NULL))
    g_hash_table_add (casefolded, roster_contact_casefold_email (email));

  g_task_return_int (task, roster_import_plan_mark_registered (plan, casefolded));
}

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  if (!roster_store_sync_run_finish (ROSTER_STORE_SYNC (source), result, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_ptr_array_add (check->emails, NULL);
  roster_registrant_store_find_registered_async (check->store, check->webinar_id, 0,
                                                 (const char * const *) check->emails->pdata,
                                                 cancellable, found_cb,
                                                 g_steal_pointer (&task));
}

/**
 * roster_import_plan_mark_registered_async:
 * @store: the account's registrant store
 * @client: the account's client, for the refresh (through its limiter, at bulk priority)
 *
 * Refreshes @store for @webinar_id and marks the plan's ready rows whose people it has.
 */
void
roster_import_plan_mark_registered_async (RosterImportPlan      *self,
                                          RosterRegistrantStore *store,
                                          RosterClient          *client,
                                          gint64                 webinar_id,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Check *check;
  guint n_rows;

  g_return_if_fail (ROSTER_IS_IMPORT_PLAN (self));
  g_return_if_fail (ROSTER_IS_REGISTRANT_STORE (store));
  g_return_if_fail (ROSTER_IS_CLIENT (client));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_import_plan_mark_registered_async);

  check = g_new0 (Check, 1);
  check->store = g_object_ref (store);
  check->sync = roster_store_sync_new (store, client);
  check->webinar_id = webinar_id;
  n_rows = roster_import_plan_get_n_rows (self);
  /* Copies: a row corrected during the refresh must not take its old value away. */
  check->emails = g_ptr_array_new_full (n_rows + 1, g_free);
  for (guint i = 0; i < n_rows; i++)
    if (roster_import_plan_get_row_status (self, i) == ROSTER_IMPORT_ROW_READY)
      g_ptr_array_add (check->emails,
                       g_strdup (roster_import_plan_get_row_value (self, i, ROSTER_IMPORT_FIELD_EMAIL)));
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);

  roster_store_sync_run_async (check->sync, webinar_id, FALSE, cancellable, synced_cb,
                               g_steal_pointer (&task));
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
