/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-history"

#include "config.h"

#include "roster-csv-writer.h"
#include "roster-import-history-results.h"
#include "roster-import-journal.h"

/* The same columns as the results of a run (roster_import_job_results_csv()); the names are
 * only in the file, so they stay empty here. */
static const char * const results_columns[] = {
  "line", "email", "first_name", "last_name", "status", "message",
  "user_id", "live_room_url", "replay_room_url", "thank_you_url", NULL
};

static void
row_free (RosterImportRow *row)
{
  roster_import_row_clear (row);
  g_free (row);
}

/* Opening takes the journal's lock: a running import cannot be read this way. */
static GPtrArray *
read_results (const char  *path,
              const char  *account_id,
              GError     **error)
{
  g_autoptr(RosterImportJournal) journal = NULL;
  GPtrArray *rows;
  guint n_rows;

  journal = roster_import_journal_open_path (path, account_id, ROSTER_IMPORT_JOURNAL_OPEN_NONE, error);
  if (journal == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  n_rows = roster_import_journal_get_n_rows (journal);
  for (guint i = 0; i < n_rows || roster_import_journal_get_row (journal, i) != NULL; i++)
    {
      const RosterImportRow *row = roster_import_journal_get_row (journal, i);
      RosterImportRow *copy;

      if (row == NULL || row->state == ROSTER_IMPORT_ROW_READY)
        continue;
      copy = g_new0 (RosterImportRow, 1);
      copy->line = row->line;
      copy->state = row->state;
      copy->email = g_strdup (row->email);
      copy->user_id = g_strdup (row->user_id);
      copy->live_room_url = g_strdup (row->live_room_url);
      copy->replay_room_url = g_strdup (row->replay_room_url);
      copy->thank_you_url = g_strdup (row->thank_you_url);
      copy->message = g_strdup (row->message);
      g_ptr_array_add (rows, copy);
    }
  return rows;
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  char **args = task_data;
  GError *error = NULL;
  GPtrArray *rows = read_results (args[0], args[1], &error);

  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

/* The rows the import at @path sent, as RosterImportRow, in file order. */
void
roster_import_history_read_results_async (const char          *path,
                                          const char          *account_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  const char *args[] = { path, account_id, NULL };

  g_return_if_fail (path != NULL && account_id != NULL);

  g_task_set_source_tag (task, roster_import_history_read_results_async);
  g_task_set_task_data (task, g_strdupv ((char **) args), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, read_in_thread);
}

/* Returns: (transfer container) (element-type RosterImportRow): the rows, or %NULL */
GPtrArray *
roster_import_history_read_results_finish (GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GString *
roster_import_history_results_csv (GPtrArray *rows)
{
  g_autoptr(RosterCsvWriter) writer = roster_csv_writer_new (FALSE);

  g_return_val_if_fail (rows != NULL, NULL);

  roster_csv_writer_add_row (writer, results_columns);
  for (guint i = 0; i < rows->len; i++)
    {
      const RosterImportRow *row = rows->pdata[i];
      g_autofree char *line = g_strdup_printf ("%u", row->line);
      g_autofree char *one_line = row->message ? g_strdelimit (g_strdup (row->message), "\r\n", ' ') : NULL;
      const char * const fields[] = {
        line, row->email, "", "", roster_import_row_state_to_string (row->state), one_line,
        row->user_id, row->live_room_url, row->replay_room_url, row->thank_you_url,
      };

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        roster_csv_writer_add_field (writer, fields[f]);
      roster_csv_writer_end_row (writer);
    }
  return roster_csv_writer_steal_buffer (writer);
}

/* Written whole and renamed into place, mode 0600: it holds personal data. */
gboolean
roster_import_history_export_results (const char  *path,
                                      const char  *account_id,
                                      const char  *destination,
                                      GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (path != NULL && account_id != NULL && destination != NULL, FALSE);

  rows = read_results (path, account_id, error);
  if (rows == NULL)
    return FALSE;
  text = roster_import_history_results_csv (rows);
  return g_file_set_contents_full (destination, text->str, text->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  char **args = task_data;
  GError *error = NULL;

  if (roster_import_history_export_results (args[0], args[1], args[2], &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
roster_import_history_export_results_async (const char          *path,
                                            const char          *account_id,
                                            const char          *destination,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  const char *args[] = { path, account_id, destination, NULL };

  g_return_if_fail (path != NULL && account_id != NULL && destination != NULL);

  g_task_set_source_tag (task, roster_import_history_export_results_async);
  g_task_set_task_data (task, g_strdupv ((char **) args), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, export_in_thread);
}

gboolean
roster_import_history_export_results_finish (GAsyncResult  *result,
                                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
