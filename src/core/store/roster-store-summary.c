/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-store"

#include "config.h"

#include <glib/gstdio.h>

#include "roster-registrant-store-private.h"
#include "roster-store-people.h"

/* What a store holds, so that Preferences can say it before the user forgets it. */

static void
summary_work (GTask   *task,
              sqlite3 *db,
              gpointer data)
{
  RosterStoreSummary *summary;
  sqlite3_stmt *stmt = NULL;

  /* Each count walks an index, never the table. */
  if (sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM (SELECT DISTINCT email_folded FROM registrants)),"
                              " (SELECT count(*) FROM registrants),"
                              " (SELECT count(*) FROM (SELECT DISTINCT webinar_id FROM registrants)),"
                              " (SELECT ifnull(max(last_sync), 0) FROM sync_state)",
                          -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      roster_store_return_error (task, db, "Counting the stored people");
      sqlite3_finalize (stmt);
      return;
    }
  summary = g_new0 (RosterStoreSummary, 1);
  summary->n_people = sqlite3_column_int64 (stmt, 0);
  summary->n_registrations = sqlite3_column_int64 (stmt, 1);
  summary->n_webinars = sqlite3_column_int64 (stmt, 2);
  summary->last_sync = sqlite3_column_int64 (stmt, 3);
  sqlite3_finalize (stmt);
  g_task_return_pointer (task, summary, g_free);
}

void
roster_registrant_store_summary_async (RosterRegistrantStore *self,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  g_return_if_fail (ROSTER_IS_REGISTRANT_STORE (self));

  roster_registrant_store_run (self, summary_work, NULL, NULL, cancellable, callback, user_data);
}

gboolean
roster_registrant_store_summary_finish (RosterRegistrantStore  *self,
                                        GAsyncResult           *result,
                                        RosterStoreSummary     *summary,
                                        GError                **error)
{
  g_autofree RosterStoreSummary *found = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return FALSE;
  *summary = *found;
  return TRUE;
}

/**
 * roster_registrant_store_size_on_disk:
 * @path: (nullable): a store's database file
 *
 * Returns: the bytes the store takes, its write-ahead log included; 0 when there is none
 */
guint64
roster_registrant_store_size_on_disk (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  guint64 total = 0;

  for (guint i = 0; path != NULL && i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf buf;

      if (g_stat (file, &buf) == 0)
        total += (guint64) buf.st_size;
    }
  return total;
}
