/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The preview the import dialog shows before it reads the whole file. */

#define G_LOG_DOMAIN "roster-csv-reader"

#include "config.h"

#include "roster-csv-reader-private.h"

void
roster_csv_preview_free (RosterCsvPreview *preview)
{
  if (preview == NULL)
    return;

  g_free (preview->encoding);
  g_strfreev (preview->header);
  g_strfreev (preview->sheet_names);
  g_free (preview->sheet);
  g_clear_pointer (&preview->records, g_ptr_array_unref);
  g_clear_pointer (&preview->problems, g_ptr_array_unref);
  g_free (preview);
}

/* The detection results and the first @max_records records, for the import dialog's first
 * step.  Reads a little more than it returns, to tell whether the file is complete. */
RosterCsvPreview *
roster_csv_reader_preview (GInputStream            *stream,
                           const RosterCsvOptions  *options,
                           guint                    max_records,
                           GCancellable            *cancellable,
                           GError                 **error)
{
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(RosterCsvPreview) preview = NULL;
  RosterCsvRecord *record = NULL;
  GPtrArray *problems;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader = roster_csv_reader_new_for_stream (stream, options);
  preview = g_new0 (RosterCsvPreview, 1);
  preview->records = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_csv_record_unref);

  while (preview->records->len < max_records &&
         roster_csv_reader_read_record (reader, &record, cancellable, error))
    g_ptr_array_add (preview->records, record);
  if (error != NULL && *error != NULL)
    return NULL;

  if (preview->records->len < max_records)
    preview->complete = TRUE;
  else
    {
      g_autoptr(GError) local_error = NULL;

      preview->complete = !roster_csv_reader_read_record (reader, &record, cancellable, &local_error) &&
                          local_error == NULL;
      g_clear_pointer (&record, roster_csv_record_unref);
    }

  preview->encoding = g_strdup (reader->encoding);
  preview->delimiter = reader->delimiter;
  preview->has_header = reader->has_header;
  preview->header = g_strdupv (reader->header);
  preview->sheet_names = g_strdupv ((GStrv) roster_csv_reader_get_sheet_names (reader));
  preview->sheet = g_strdup (roster_csv_reader_get_sheet (reader));
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_csv_problem_free);
  for (guint i = 0; i < reader->problems->len; i++)
    {
      RosterCsvProblem *problem = g_ptr_array_index (reader->problems, i);
      g_ptr_array_add (problems, roster_csv_problem_new (problem->kind, problem->line, g_strdup (problem->message)));
    }
  preview->problems = problems;

  return g_steal_pointer (&preview);
}
