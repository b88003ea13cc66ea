/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The CSV reader's other source: a workbook, told by its first bytes, whose sheet's rows are
 * handed to the same record step as parsed text, so that everything after the reader (preview,
 * mapping, plan, journal, job) works on XLSX and ODS unchanged. */

#define G_LOG_DOMAIN "roster-csv-reader"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "roster-csv-reader-private.h"

/* The whole file, up to the sheet reader's cap: a zip's directory sits at its end. */
static GBytes *
read_all (RosterCsvReader  *self,
          GCancellable     *cancellable,
          GError          **error)
{
  g_autoptr(GByteArray) data = g_byte_array_sized_new (self->raw_len);
  g_autofree guint8 *buf = g_malloc (CHUNK_SIZE);

  g_byte_array_append (data, self->raw, self->raw_len);
  self->raw_len = 0;
  while (!self->eof)
    {
      gssize n = g_input_stream_read (self->stream, buf, CHUNK_SIZE, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        self->eof = TRUE;
      g_byte_array_append (data, buf, n);
      if (data->len > ROSTER_SHEET_MAX_FILE_SIZE)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The spreadsheet is larger than %u MiB; save it as CSV to import it"),
                       ROSTER_SHEET_MAX_FILE_SIZE / (1024 * 1024));
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Opens the sheet when the sample in self->raw starts like a workbook; else does nothing. */
gboolean
roster_csv_open_sheet (RosterCsvReader  *self,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(RosterSheetReader) sheet = NULL;

  if (roster_sheet_sniff (self->raw, self->raw_len) == ROSTER_SHEET_FORMAT_NONE)
    return TRUE;

  data = read_all (self, cancellable, error);
  if (data == NULL)
    return FALSE;
  sheet = roster_sheet_reader_new (data, error);
  if (sheet == NULL || !roster_sheet_reader_select_sheet (sheet, self->sheet_name, error))
    return FALSE;

  self->sheet = g_steal_pointer (&sheet);
  g_free (self->encoding);
  self->encoding = g_strdup (roster_sheet_reader_get_format_name (self->sheet));

  return TRUE;
}

/* The next row into recbuf/offsets, as the parser leaves a record; *got is FALSE at the end. */
gboolean
roster_csv_parse_sheet_row (RosterCsvReader  *self,
                            guint            *rec_line,
                            gboolean         *got,
                            GError          **error)
{
  GError *local_error = NULL;
  const char *cell;
  guint n_cells, n;

  g_string_truncate (self->recbuf, 0);
  g_array_set_size (self->non_ascii, 0);
  self->n_offsets = 0;
  self->dropping_fields = FALSE;
  *got = FALSE;

  /* The cells come as the parser leaves a record's fields: each NUL-terminated. */
  if (!roster_sheet_reader_next_cells (self->sheet, rec_line, self->recbuf, &n_cells, &local_error))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, local_error);
      return FALSE;
    }

  n = MIN (n_cells, self->max_fields);
  if (n_cells > self->max_fields)
    {
      self->dropping_fields = TRUE;
      roster_csv_add_record_problem (self, ROSTER_CSV_PROBLEM_TOO_MANY_FIELDS, *rec_line,
                                     g_strdup_printf (_("Line %u: the row has more than %u fields; the rest were ignored"),
                                                      *rec_line, self->max_fields));
    }
  if (self->offsets_size < n)
    {
      self->offsets_size = n;
      self->offsets = g_renew (guint, self->offsets, self->offsets_size);
    }
  cell = self->recbuf->str;
  for (guint i = 0; i < n; i++, cell += strlen (cell) + 1)
    self->offsets[self->n_offsets++] = cell - self->recbuf->str;
  g_string_truncate (self->recbuf, cell - self->recbuf->str);
  *got = TRUE;

  return TRUE;
}
