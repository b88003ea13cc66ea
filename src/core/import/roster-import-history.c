/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-history"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "roster-import-history.h"
#include "roster-import-undo-journal.h"

/* Everything here reads or removes files: the _async variants run it in a thread. */

static gint64
last_change (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_mtime : g_get_real_time () / G_USEC_PER_SEC;
}

static RosterImportRecord *
record_for (const RosterImportJournalInfo *info)
{
  guint n_unsubscribed = 0;
  gboolean undo_complete = FALSE;
  gboolean has_undo = roster_import_undo_journal_peek (info->path, &n_unsubscribed, &undo_complete);

  return roster_import_record_new (info, last_change (info->path), roster_import_journal_is_running (info->path),
                                   has_undo, undo_complete, n_unsubscribed);
}

/**
 * roster_import_history_list:
 * @dir: (nullable): the journal folder; %NULL for the default
 * @account_id: the account
 *
 * Returns: (transfer full): a model of RosterImportRecord, newest first
 */
GListModel *
roster_import_history_list (const char  *dir,
                            const char  *account_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) infos = NULL;
  GListStore *store;

  g_return_val_if_fail (account_id != NULL, NULL);

  infos = roster_import_journal_list (dir, account_id, error);
  if (infos == NULL)
    return NULL;
  store = g_list_store_new (ROSTER_TYPE_IMPORT_RECORD);
  for (guint i = 0; i < infos->len; i++)
    {
      g_autoptr(RosterImportRecord) record = record_for (infos->pdata[i]);

      g_list_store_append (store, record);
    }
  return G_LIST_MODEL (store);
}

static void
free_strv2 (char **args)
{
  g_free (args[0]);
  g_free (args[1]);
  g_free (args);
}

static void
list_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  char **args = task_data;
  GError *error = NULL;
  GListModel *history = roster_import_history_list (args[0], args[1], &error);

  if (history == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, history, g_object_unref);
}

void
roster_import_history_list_async (const char          *dir,
                                  const char          *account_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  char **args = g_new0 (char *, 2);

  g_return_if_fail (account_id != NULL);

  args[0] = g_strdup (dir);
  args[1] = g_strdup (account_id);
  g_task_set_source_tag (task, roster_import_history_list_async);
  g_task_set_task_data (task, args, (GDestroyNotify) free_strv2);
  g_task_run_in_thread (task, list_in_thread);
}

GListModel *
roster_import_history_list_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * roster_import_history_find:
 * @history: a model from roster_import_history_list()
 * @id: an import's ID, or the start of one that only one import has
 *
 * Returns: (transfer full) (nullable): the import, or %NULL with @error set
 */
RosterImportRecord *
roster_import_history_find (GListModel  *history,
                            const char  *id,
                            GError     **error)
{
  g_autoptr(RosterImportRecord) found = NULL;
  guint n_found = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (history), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; *id != '\0' && i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(RosterImportRecord) record = g_list_model_get_item (history, i);

      if (g_str_has_prefix (roster_import_record_get_id (record), id))
        {
          g_set_object (&found, record);
          n_found++;
        }
    }
  if (n_found == 1)
    return g_steal_pointer (&found);

  if (n_found == 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No import has the ID “%s”."), id);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("More than one import has an ID starting with “%s”."), id);
  return NULL;
}

/**
 * roster_import_history_forget:
 * @path: an import's journal
 *
 * Removes the journal of an import that is not running, and its undo journal: both hold
 * personal data.
 */
gboolean
roster_import_history_forget (const char  *path,
                              GError     **error)
{
  g_autofree char *undo_path = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  /* The import's lock keeps its run out; an undo holds the import's lock too. */
  if (!roster_import_journal_remove (path, error))
    return FALSE;
  undo_path = roster_import_undo_journal_path_for (path);
  if (g_unlink (undo_path) < 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not remove the undo journal: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * roster_import_history_expire:
 * @dir: (nullable): the journal folder; %NULL for the default
 * @days: how long a finished import is kept; 0 keeps them all
 *
 * Forgets every finished import, of any account, whose journal last changed more than @days
 * ago.  Unfinished ones stay: they may still be resumed.
 *
 * Returns: how many were forgotten, or -1 with @error set
 */
int
roster_import_history_expire (const char  *dir,
                              guint        days,
                              GError     **error)
{
  g_autoptr(GPtrArray) infos = NULL;
  gint64 cutoff = g_get_real_time () / G_USEC_PER_SEC - (gint64) days * 24 * 3600;
  int n_forgotten = 0;

  if (days == 0)
    return 0;
  infos = roster_import_journal_list (dir, NULL, error);
  if (infos == NULL)
    return -1;
  for (guint i = 0; i < infos->len; i++)
    {
      const RosterImportJournalInfo *info = infos->pdata[i];
      g_autoptr(GError) local_error = NULL;

      if (!info->complete || last_change (info->path) > cutoff)
        continue;
      if (!roster_import_history_forget (info->path, &local_error))
        {
          /* A busy one goes next time. */
          g_debug ("Keeping %s: %s", info->path, local_error->message);
          continue;
        }
      n_forgotten++;
    }
  return n_forgotten;
}

static void
expire_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  guint days = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "days"));
  int n = roster_import_history_expire (task_data, days, &error);

  if (n < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

void
roster_import_history_expire_async (const char          *dir,
                                    guint                days,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, roster_import_history_expire_async);
  g_object_set_data (G_OBJECT (task), "days", GUINT_TO_POINTER (days));
  g_task_set_task_data (task, g_strdup (dir), g_free);
  g_task_run_in_thread (task, expire_in_thread);
}

int
roster_import_history_expire_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);

  return (int) g_task_propagate_int (G_TASK (result), error);
}
