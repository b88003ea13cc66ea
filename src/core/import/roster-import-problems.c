/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-problems"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "roster-csv-writer.h"
#include "roster-import-plan.h"
#include "roster-import-problems.h"

/* The rows an import could not send, as the file had them (its columns, with the user's
 * corrections in place) and the reason beside each: a file to fix and import again. */

/* The file's column a correction's field came from, or -1 (a name split from a full name). */
static int
column_of (const RosterImportMapping *mapping,
           const char                *field)
{
  guint n_columns = roster_import_mapping_get_n_columns (mapping);

  for (RosterImportField f = 0; f < ROSTER_IMPORT_N_FIELDS; f++)
    if (g_strcmp0 (roster_import_field_get_key (f), field) == 0)
      return roster_import_mapping_get_column (mapping, f);
  if (g_str_has_prefix (field, "extra:"))
    for (guint i = 0; i < n_columns; i++)
      if (g_strcmp0 (roster_import_mapping_get_extra (mapping, i), field + strlen ("extra:")) == 0)
        return i;
  return -1;
}

struct _RosterImportProblemsExport
{
  RosterImportMapping *mapping;
  GFile               *source;
  char                *encoding;
  char                 delimiter;
  char                *sheet;
  GFile               *destination;
  GPtrArray           *reasons;      /* char *, NULL for rows that are sent */
  GArray              *corrections;
};

/* The reasons of a row the plan does not send: its problems, on one line. */
static char *
dup_reason (RosterImportPlan *plan,
            guint             row)
{
  const RosterImportProblem *problems = NULL;
  guint n = roster_import_plan_get_row_problems (plan, row, &problems);
  GString *reason = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (reason, "; ");
      g_string_append (reason, problems[i].message);
    }
  g_strdelimit (reason->str, "\r\n", ' ');
  return g_string_free (reason, FALSE);
}

/* What a thread needs to write @plan's rows that are still invalid or duplicates (taken now:
 * the user may go on correcting meanwhile), read again from @source. */
RosterImportProblemsExport *
roster_import_problems_export_new (RosterImportPlan          *plan,
                                   const RosterImportMapping *mapping,
                                   GFile                     *source,
                                   const RosterCsvOptions    *options,
                                   GFile                     *destination)
{
  RosterImportProblemsExport *self = g_new0 (RosterImportProblemsExport, 1);
  guint n_rows = roster_import_plan_get_n_rows (plan);
  guint n_corrections = roster_import_plan_get_n_corrections (plan);

  self->mapping = roster_import_mapping_copy (mapping);
  self->source = g_object_ref (source);
  self->encoding = g_strdup (options->encoding);
  self->delimiter = options->delimiter;
  self->sheet = g_strdup (options->sheet);
  self->destination = g_object_ref (destination);
  self->reasons = g_ptr_array_new_full (n_rows, g_free);
  for (guint row = 0; row < n_rows; row++)
    {
      RosterImportRowState status = roster_import_plan_get_row_status (plan, row);

      g_ptr_array_add (self->reasons,
                       status == ROSTER_IMPORT_ROW_INVALID || status == ROSTER_IMPORT_ROW_DUPLICATE
                         ? dup_reason (plan, row) : NULL);
    }
  self->corrections = roster_import_corrections_new ();
  for (guint i = 0; i < n_corrections; i++)
    {
      const RosterImportCorrection *c = roster_import_plan_get_correction (plan, i);

      roster_import_corrections_set (self->corrections, c->row, c->field, c->value);
    }

  return self;
}

void
roster_import_problems_export_free (RosterImportProblemsExport *self)
{
  if (self == NULL)
    return;
  roster_import_mapping_free (self->mapping);
  g_object_unref (self->source);
  g_free (self->encoding);
  g_free (self->sheet);
  g_object_unref (self->destination);
  g_ptr_array_unref (self->reasons);
  g_array_unref (self->corrections);
  g_free (self);
}

/* Reads the file again and writes the problem rows (blocking: call it from a thread). */
static GString *
problem_rows_csv (RosterImportProblemsExport  *self,
                  RosterCsvReader             *reader,
                  guint                       *n_written,
                  GCancellable                *cancellable,
                  GError                     **error)
{
  const RosterImportMapping *mapping = self->mapping;
  GPtrArray *reasons = self->reasons;
  GArray *corrections = self->corrections;
  g_autoptr(RosterCsvWriter) writer = roster_csv_writer_new (FALSE);
  guint n_columns = roster_import_mapping_get_n_columns (mapping);
  g_autofree const char **fields = g_new0 (const char *, n_columns + 1);

  *n_written = 0;
  for (guint i = 0; i < n_columns; i++)
    roster_csv_writer_add_field (writer, roster_import_mapping_get_column_name (mapping, i));
  /* Translators: the column of an exported file that says why a row was not sent */
  roster_csv_writer_add_field (writer, _("Problem"));
  roster_csv_writer_end_row (writer);

  for (guint row = 0; ; row++)
    {
      g_autoptr(RosterCsvRecord) record = NULL;

      if (!roster_csv_reader_read_record (reader, &record, cancellable, error))
        {
          if (error != NULL && *error != NULL)
            return NULL;
          break;
        }
      if (row >= reasons->len || g_ptr_array_index (reasons, row) == NULL)
        continue;

      for (guint i = 0; i < n_columns; i++)
        fields[i] = i < roster_csv_record_get_n_fields (record) ? roster_csv_record_get_field (record, i) : "";
      for (guint i = 0; i < corrections->len; i++)
        {
          const RosterImportCorrection *c = &g_array_index (corrections, RosterImportCorrection, i);
          int column = c->row == row ? column_of (mapping, c->field) : -1;

          if (column >= 0 && (guint) column < n_columns)
            fields[column] = c->value;
        }
      for (guint i = 0; i < n_columns; i++)
        roster_csv_writer_add_field (writer, fields[i]);
      roster_csv_writer_add_field (writer, g_ptr_array_index (reasons, row));
      roster_csv_writer_end_row (writer);
      (*n_written)++;
    }

  return roster_csv_writer_steal_buffer (writer);
}

/* Private, in the destination's place: it holds people's data.  *@n_written: the rows. */
gboolean
roster_import_problems_export_run (RosterImportProblemsExport  *self,
                                   guint                       *n_written,
                                   GCancellable                *cancellable,
                                   GError                     **error)
{
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(GString) text = NULL;
  RosterCsvOptions options;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (n_written != NULL, FALSE);

  roster_csv_options_init (&options);
  options.encoding = self->encoding;
  options.delimiter = self->delimiter;
  options.sheet = self->sheet;
  reader = roster_csv_reader_new_for_file (self->source, &options, cancellable, error);
  if (reader == NULL)
    return FALSE;
  text = problem_rows_csv (self, reader, n_written, cancellable, error);
  return text != NULL &&
         g_file_replace_contents (self->destination, text->str, text->len, NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                  cancellable, error);
}

/* ---- The session's export ---------------------------------------------------------------------- */

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  guint n_written = 0;

  if (!roster_import_problems_export_run (task_data, &n_written, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n_written);
}

/**
 * roster_import_session_export_problems_async:
 *
 * Writes the rows of the session's plan that are still invalid or duplicates to @destination
 * as CSV: the file's columns (with the user's corrections) and a "Problem" column.
 */
void
roster_import_session_export_problems_async (RosterImportSession *self,
                                             GFile               *destination,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RosterImportPlan *plan;
  RosterCsvOptions options;

  g_return_if_fail (ROSTER_IS_IMPORT_SESSION (self));
  g_return_if_fail (G_IS_FILE (destination));

  plan = roster_import_session_get_plan (self);
  g_return_if_fail (plan != NULL && roster_import_session_get_mapping (self) != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_import_session_export_problems_async);
  roster_import_session_get_csv_options (self, &options);
  g_task_set_task_data (task,
                        roster_import_problems_export_new (plan, roster_import_session_get_mapping (self),
                                                           roster_import_session_get_file (self), &options,
                                                           destination),
                        (GDestroyNotify) roster_import_problems_export_free);
  g_task_run_in_thread (task, export_in_thread);
}

/* @n_rows: (out) (optional): how many rows it wrote. */
gboolean
roster_import_session_export_problems_finish (RosterImportSession  *self,
                                              GAsyncResult         *result,
                                              guint                *n_rows,
                                              GError              **error)
{
  gssize n;

  g_return_val_if_fail (ROSTER_IS_IMPORT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_rows != NULL)
    *n_rows = n;
  return TRUE;
}
