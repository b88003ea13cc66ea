/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-job"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "roster-error.h"
#include "roster-csv-writer.h"
#include "roster-import-job-private.h"

/* What became of each row (from the job, the journal and the plan), and all of it as the
 * results CSV. */

RosterImportRowState
roster_import_job_get_row_outcome (RosterImportJob *self,
                                   guint            row)
{
  RosterImportRowState outcome;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), ROSTER_IMPORT_ROW_READY);
  g_return_val_if_fail (row < self->rows->len, ROSTER_IMPORT_ROW_READY);

  outcome = job_row (self, row)->outcome;
  /* Rows a cancelled job never sent. */
  if (outcome == ROSTER_IMPORT_ROW_READY && self->state == ROSTER_IMPORT_JOB_CANCELLED &&
      !job_row (self, row)->busy)
    return ROSTER_IMPORT_ROW_SKIPPED;

  return outcome;
}

/* The server's message for a failed row, why a row's outcome is unknown, or the plan's
 * problems for an invalid or duplicate row; NULL when there is nothing to say. */
const char *
job_row_message (RosterImportJob *self,
                 guint            row)
{
  const RosterImportProblem *problems = NULL;
  RosterImportRowState outcome = job_row (self, row)->outcome;
  const RosterImportRow *record;

  if (outcome == ROSTER_IMPORT_ROW_REGISTERED || outcome == ROSTER_IMPORT_ROW_FAILED ||
      outcome == ROSTER_IMPORT_ROW_UNKNOWN)
    {
      record = roster_import_journal_get_row (self->journal, row);
      return record != NULL ? record->message : NULL;
    }

  if ((outcome == ROSTER_IMPORT_ROW_INVALID || outcome == ROSTER_IMPORT_ROW_DUPLICATE) &&
      roster_import_plan_get_row_problems (self->plan, row, &problems) > 0)
    return problems[0].message;

  return NULL;
}

/**
 * roster_import_job_get_row:
 * @record: (out caller-allocates): filled in with strings that stay the job's (its plan's and
 *   its journal's) until the row changes
 *
 * Everything known about @row: its line and email (the plan's), its state as
 * roster_import_job_get_row_outcome() says it, the message that goes with it, and for a
 * registered row the server's user ID and links (the journal's).
 */
gboolean
roster_import_job_get_row (RosterImportJob *self,
                           guint            row,
                           RosterImportRow *record)
{
  const RosterImportRow *journaled;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  memset (record, 0, sizeof *record);
  if (row >= self->rows->len)
    return FALSE;

  record->line = roster_import_plan_get_row_line (self->plan, row);
  record->email = (char *) job_row_email (self, row);
  record->state = roster_import_job_get_row_outcome (self, row);
  record->message = (char *) job_row_message (self, row);

  journaled = roster_import_journal_get_row (self->journal, row);
  if (job_row (self, row)->outcome == ROSTER_IMPORT_ROW_REGISTERED && journaled != NULL)
    {
      record->user_id = journaled->user_id;
      record->live_room_url = journaled->live_room_url;
      record->replay_room_url = journaled->replay_room_url;
      record->thank_you_url = journaled->thank_you_url;
    }

  return TRUE;
}

/* ---- Results ---------------------------------------------------------------------------------------- */

static const char * const results_columns[] = {
  "line", "email", "first_name", "last_name", "status", "message",
  "user_id", "live_room_url", "replay_room_url", "thank_you_url", NULL
};

/* Every row of the plan with its outcome, as CSV (cells a spreadsheet would run as a formula
 * neutralised by the writer). */
GString *
roster_import_job_results_csv (RosterImportJob *self,
                               gboolean         with_bom)
{
  g_autoptr(RosterCsvWriter) writer = NULL;
  guint n_rows;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);

  writer = roster_csv_writer_new (with_bom);
  roster_csv_writer_add_row (writer, results_columns);

  n_rows = roster_import_plan_get_n_rows (self->plan);
  for (guint i = 0; i < n_rows; i++)
    {
      RosterImportRow row;
      g_autofree char *line = NULL;
      g_autofree char *one_line = NULL;

      roster_import_job_get_row (self, i, &row);
      line = g_strdup_printf ("%u", row.line);
      one_line = row.message != NULL ? g_strdelimit (g_strdup (row.message), "\r\n", ' ') : NULL;
      roster_csv_writer_add_field (writer, line);
      roster_csv_writer_add_field (writer, row.email);
      roster_csv_writer_add_field (writer, roster_import_plan_get_row_value (self->plan, i, ROSTER_IMPORT_FIELD_FIRST_NAME));
      roster_csv_writer_add_field (writer, roster_import_plan_get_row_value (self->plan, i, ROSTER_IMPORT_FIELD_LAST_NAME));
      roster_csv_writer_add_field (writer, roster_import_row_state_to_string (row.state));
      roster_csv_writer_add_field (writer, one_line);
      roster_csv_writer_add_field (writer, row.user_id);
      roster_csv_writer_add_field (writer, row.live_room_url);
      roster_csv_writer_add_field (writer, row.replay_room_url);
      roster_csv_writer_add_field (writer, row.thank_you_url);
      roster_csv_writer_end_row (writer);
    }

  return roster_csv_writer_steal_buffer (writer);
}

gboolean
roster_import_job_write_results (RosterImportJob  *self,
                                 GOutputStream    *stream,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = roster_import_job_results_csv (self, FALSE);
  return g_output_stream_write_all (stream, text->str, text->len, NULL, cancellable, error);
}

/* Written to a temporary file and renamed into place, mode 0600: it holds personal data. */
gboolean
roster_import_job_write_results_to_path (RosterImportJob  *self,
                                         const char       *path,
                                         GError          **error)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = roster_import_job_results_csv (self, FALSE);
  return g_file_set_contents_full (path, text->str, text->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
