/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Options, problems and records, and turning what the parser gathered into a record. */

#define G_LOG_DOMAIN "roster-csv-reader"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "roster-csv-reader-private.h"

G_DEFINE_BOXED_TYPE (RosterCsvRecord, roster_csv_record, roster_csv_record_ref, roster_csv_record_unref)

void
roster_csv_options_init (RosterCsvOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->header = ROSTER_CSV_HEADER_AUTO;
}

gboolean
roster_csv_problem_is_error (const RosterCsvProblem *problem)
{
  g_return_val_if_fail (problem != NULL, FALSE);

  switch (problem->kind)
    {
    case ROSTER_CSV_PROBLEM_UNTERMINATED_QUOTE:
    case ROSTER_CSV_PROBLEM_FIELD_TOO_LONG:
    case ROSTER_CSV_PROBLEM_RECORD_TOO_LONG:
    case ROSTER_CSV_PROBLEM_TOO_MANY_FIELDS:
      return TRUE;
    case ROSTER_CSV_PROBLEM_EXTRA_FIELDS:
    case ROSTER_CSV_PROBLEM_NUL_BYTES:
    case ROSTER_CSV_PROBLEM_ENCODING_FALLBACK:
    case ROSTER_CSV_PROBLEM_INVALID_CHARACTERS:
    default:
      return FALSE;
    }
}

void
roster_csv_problem_free (RosterCsvProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->message);
  g_free (problem);
}

RosterCsvProblem *
roster_csv_problem_new (RosterCsvProblemKind  kind,
                        guint                 line,
                        char                 *message)
{
  RosterCsvProblem *problem = g_new0 (RosterCsvProblem, 1);

  problem->kind = kind;
  problem->line = line;
  problem->message = message;

  return problem;
}

RosterCsvRecord *
roster_csv_record_ref (RosterCsvRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
roster_csv_record_unref (RosterCsvRecord *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_free (self);
}

/* Owned by the record; NULL-terminated. */
const char * const *
roster_csv_record_get_fields (RosterCsvRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->fields;
}

guint
roster_csv_record_get_n_fields (RosterCsvRecord *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_fields;
}

/* Returns "" for a column the (ragged) record does not have. */
const char *
roster_csv_record_get_field (RosterCsvRecord *self,
                             guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);

  return index < self->n_fields ? self->fields[index] : "";
}

guint
roster_csv_record_get_line (RosterCsvRecord *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->line;
}

/* Returns: (transfer none) (nullable): RosterCsvProblem items, NULL when there are none. */
GPtrArray *
roster_csv_record_get_problems (RosterCsvRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->problems;
}

gboolean
roster_csv_record_has_errors (RosterCsvRecord *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->problems == NULL)
    return FALSE;
  for (guint i = 0; i < self->problems->len; i++)
    if (roster_csv_problem_is_error (g_ptr_array_index (self->problems, i)))
      return TRUE;

  return FALSE;
}

/* Turns the parsed fields into a record, or NULL for a blank row. */
RosterCsvRecord *
roster_csv_finish_record (RosterCsvReader *self,
                          guint            rec_line,
                          gboolean         is_header)
{
  RosterCsvRecord *record;
  gboolean valid = TRUE;
  gboolean blank = TRUE;
  guint n_fields = self->n_offsets;
  gsize size;
  char *data;

  if (self->nul_seen)
    roster_csv_add_record_problem (self, ROSTER_CSV_PROBLEM_NUL_BYTES, rec_line,
                        g_strdup_printf (_("Line %u: the row contains NUL bytes, which were removed"),
                                         rec_line));

  for (guint i = 0; i < n_fields && blank; i++)
    blank = roster_csv_field_is_blank (self->recbuf->str + self->offsets[i]);

  /* Plain ASCII (what the parser saw) is valid UTF-8 and needs no check. */
  for (guint i = 0; i < self->non_ascii->len && valid; i++)
    {
      guint field = g_array_index (self->non_ascii, guint, i);
      valid = g_utf8_validate (self->recbuf->str + self->offsets[field], -1, NULL);
    }

  if (!valid && self->mode == DECODE_UTF8)
    {
      roster_csv_convert_row_from_windows_1252 (self);
      self->n_converted_rows++;
      roster_csv_add_record_problem (self, ROSTER_CSV_PROBLEM_ENCODING_FALLBACK, rec_line,
                          g_strdup_printf (_("Line %u is not valid UTF-8 and was read as Windows-1252"),
                                           rec_line));
    }
  else if (!valid)
    {
      /* A converter never writes invalid UTF-8; stay safe regardless. */
      g_string_truncate (self->scratch, 0);
      for (guint i = 0; i < n_fields; i++)
        {
          g_autofree char *fixed = g_utf8_make_valid (self->recbuf->str + self->offsets[i], -1);
          guint start = self->scratch->len;

          g_string_append_len (self->scratch, fixed, strlen (fixed) + 1);
          self->offsets[i] = start;
        }
      g_string_truncate (self->recbuf, 0);
      g_string_append_len (self->recbuf, self->scratch->str, self->scratch->len);
    }

  if (self->mode == DECODE_CONVERTER && self->n_replaced > 0 && roster_csv_has_replacement (self))
    roster_csv_add_record_problem (self, ROSTER_CSV_PROBLEM_INVALID_CHARACTERS, rec_line,
                        g_strdup_printf (_("Line %u: some bytes could not be decoded and were replaced with “\xEF\xBF\xBD”"),
                                         rec_line));

  if (!is_header && self->has_header && n_fields > self->header_len && !self->dropping_fields)
    roster_csv_add_record_problem (self, ROSTER_CSV_PROBLEM_EXTRA_FIELDS, rec_line,
                        g_strdup_printf (_("Line %u: the row has %u fields but the header has %u; the extra ones are ignored"),
                                         rec_line, n_fields, self->header_len));

  if (blank)
    {
      gboolean has_error = FALSE;

      if (self->rec_problems != NULL)
        for (guint i = 0; i < self->rec_problems->len; i++)
          has_error |= roster_csv_problem_is_error (g_ptr_array_index (self->rec_problems, i));
      /* A row of empty cells (spreadsheets write ";;;;") is a blank line; its warnings (NUL
       * bytes, say) stay on the reader's own list. */
      if (!has_error)
        {
          if (self->rec_problems != NULL)
            {
              self->n_problems += self->rec_problems->len;
              g_ptr_array_extend_and_steal (self->problems, g_steal_pointer (&self->rec_problems));
            }
          return NULL;
        }
    }

  size = sizeof (RosterCsvRecord) + (n_fields + 1) * sizeof (char *) + self->recbuf->len;
  record = g_malloc (size);
  g_atomic_ref_count_init (&record->ref_count);
  record->line = rec_line;
  record->n_fields = n_fields;
  record->problems = g_steal_pointer (&self->rec_problems);
  data = (char *) &record->fields[n_fields + 1];
  memcpy (data, self->recbuf->str, self->recbuf->len);
  for (guint i = 0; i < n_fields; i++)
    record->fields[i] = data + self->offsets[i];
  record->fields[n_fields] = NULL;

  if (record->problems != NULL)
    self->n_problems += record->problems->len;

  return record;
}
