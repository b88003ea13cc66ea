/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-job"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-error.h"
#include "roster-csv-writer.h"
#include "roster-import-job-private.h"

/* What became of each row (from the job, the journal and the plan), and all of it as the
 * results CSV. */

static const char * const outcome_names[] = {
  "registered", "failed", "invalid", "duplicate", "skipped", "already_registered", "unknown", "pending",
};

/* The word the results CSV uses. */
const char *
roster_import_outcome_to_string (RosterImportOutcome outcome)
{
  g_return_val_if_fail (outcome < G_N_ELEMENTS (outcome_names), NULL);

  return outcome_names[outcome];
}

RosterImportOutcome
roster_import_job_get_row_outcome (RosterImportJob *self,
                                   guint            row)
{
  RosterImportOutcome outcome;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), ROSTER_IMPORT_OUTCOME_PENDING);
  g_return_val_if_fail (row < self->rows->len, ROSTER_IMPORT_OUTCOME_PENDING);

  outcome = job_row (self, row)->outcome;
  /* Rows a cancelled job never sent. */
  if (outcome == ROSTER_IMPORT_OUTCOME_PENDING && self->state == ROSTER_IMPORT_JOB_CANCELLED &&
      !job_row (self, row)->busy)
    return ROSTER_IMPORT_OUTCOME_SKIPPED;

  return outcome;
}

static const char *
journal_field (RosterImportJob *self,
               guint            row,
               const char      *name)
{
  RosterImportOutcome outcome = job_row (self, row)->outcome;

  if (outcome != ROSTER_IMPORT_OUTCOME_REGISTERED)
    return NULL;

  return roster_import_journal_get_row_field (self->journal, row, name);
}

/* The server's message for a failed row, why a row's outcome is unknown, or the plan's
 * problems for an invalid or duplicate row; NULL when there is nothing to say. */
const char *
roster_import_job_get_row_message (RosterImportJob *self,
                                   guint            row)
{
  const RosterImportProblem *problems = NULL;
  RosterImportOutcome outcome;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  outcome = job_row (self, row)->outcome;
  if (outcome == ROSTER_IMPORT_OUTCOME_REGISTERED || outcome == ROSTER_IMPORT_OUTCOME_FAILED ||
      outcome == ROSTER_IMPORT_OUTCOME_UNKNOWN)
    return roster_import_journal_get_row_field (self->journal, row, "message");

  if ((outcome == ROSTER_IMPORT_OUTCOME_INVALID || outcome == ROSTER_IMPORT_OUTCOME_DUPLICATE) &&
      roster_import_plan_get_row_problems (self->plan, row, &problems) > 0)
    return problems[0].message;

  return NULL;
}

const char *
roster_import_job_get_row_user_id (RosterImportJob *self,
                                   guint            row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return journal_field (self, row, "user_id");
}

const char *
roster_import_job_get_row_live_room_url (RosterImportJob *self,
                                         guint            row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return journal_field (self, row, "live_room_url");
}

const char *
roster_import_job_get_row_replay_room_url (RosterImportJob *self,
                                           guint            row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return journal_field (self, row, "replay_room_url");
}

const char *
roster_import_job_get_row_thank_you_url (RosterImportJob *self,
                                         guint            row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return journal_field (self, row, "thank_you_url");
}

/* ---- Results ---------------------------------------------------------------------------------------- */

static const char * const results_columns[] = {
  "line", "email", "first_name", "last_name", "status", "message",
  "user_id", "live_room_url", "replay_room_url", "thank_you_url", NULL
};

const char * const *
roster_import_job_get_results_columns (void)
{
  return results_columns;
}

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
      g_autofree char *line = g_strdup_printf ("%u", roster_import_plan_get_row_line (self->plan, i));
      const char *message = roster_import_job_get_row_message (self, i);
      g_autofree char *one_line = message != NULL ? g_strdelimit (g_strdup (message), "\r\n", ' ') : NULL;

      roster_csv_writer_add_field (writer, line);
      roster_csv_writer_add_field (writer, job_row_email (self, i));
      roster_csv_writer_add_field (writer, roster_import_plan_get_row_value (self->plan, i, ROSTER_IMPORT_FIELD_FIRST_NAME));
      roster_csv_writer_add_field (writer, roster_import_plan_get_row_value (self->plan, i, ROSTER_IMPORT_FIELD_LAST_NAME));
      roster_csv_writer_add_field (writer, roster_import_outcome_to_string (roster_import_job_get_row_outcome (self, i)));
      roster_csv_writer_add_field (writer, one_line);
      roster_csv_writer_add_field (writer, roster_import_job_get_row_user_id (self, i));
      roster_csv_writer_add_field (writer, roster_import_job_get_row_live_room_url (self, i));
      roster_csv_writer_add_field (writer, roster_import_job_get_row_replay_room_url (self, i));
      roster_csv_writer_add_field (writer, roster_import_job_get_row_thank_you_url (self, i));
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
