/* SPDX-License-Identifier: GPL-3.0-or-later */

/* RosterCsvReader: the object, detection of the header, and the stream of records. */

#define G_LOG_DOMAIN "roster-csv-reader"

#include "config.h"

#include <string.h>

#include "roster-csv-reader-private.h"

#define DEFAULT_MAX_FIELD_SIZE  (64 * 1024)
#define DEFAULT_MAX_RECORD_SIZE (1024 * 1024)
#define DEFAULT_MAX_FIELDS      1024

G_DEFINE_FINAL_TYPE (RosterCsvReader, roster_csv_reader, G_TYPE_OBJECT)

static void
roster_csv_reader_finalize (GObject *object)
{
  RosterCsvReader *self = (RosterCsvReader *) object;

  g_clear_object (&self->stream);
  g_clear_pointer (&self->encoding_override, g_free);
  g_clear_pointer (&self->encoding, g_free);
  g_clear_object (&self->converter);
  g_clear_object (&self->row_converter);
  g_clear_pointer (&self->header, g_strfreev);
  g_clear_pointer (&self->pending_record, roster_csv_record_unref);
  g_clear_pointer (&self->raw, g_free);
  g_clear_pointer (&self->text, g_byte_array_unref);
  g_clear_pointer (&self->replay, g_byte_array_unref);
  g_string_free (self->recbuf, TRUE);
  g_string_free (self->scratch, TRUE);
  g_free (self->offsets);
  g_array_unref (self->non_ascii);
  g_clear_pointer (&self->rec_problems, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->sheet_name, g_free);
  g_clear_object (&self->sheet);

  G_OBJECT_CLASS (roster_csv_reader_parent_class)->finalize (object);
}

static void
roster_csv_reader_class_init (RosterCsvReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_csv_reader_finalize;
}

static void
roster_csv_reader_init (RosterCsvReader *self)
{
  self->raw = g_malloc (RAW_CAPACITY);
  self->text = g_byte_array_sized_new (CHUNK_SIZE);
  self->replay = g_byte_array_new ();
  self->recbuf = g_string_sized_new (1024);
  self->scratch = g_string_sized_new (256);
  self->offsets_size = 32;
  self->offsets = g_new (guint, self->offsets_size);
  self->non_ascii = g_array_sized_new (FALSE, FALSE, sizeof (guint), 32);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_csv_problem_free);
  self->line = 1;
  self->unit_size = 1;
}

/* @options may be NULL (detect everything).  Nothing is read until the first call that needs
 * the data; read from a worker thread for big files. */
RosterCsvReader *
roster_csv_reader_new_for_stream (GInputStream           *stream,
                                  const RosterCsvOptions *options)
{
  RosterCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (options == NULL ||
                        (options->delimiter != '"' && options->delimiter != '\r' &&
                         options->delimiter != '\n'), NULL);

  self = g_object_new (ROSTER_TYPE_CSV_READER, NULL);
  self->stream = g_object_ref (stream);
  self->max_field_size = DEFAULT_MAX_FIELD_SIZE;
  self->max_record_size = DEFAULT_MAX_RECORD_SIZE;
  self->max_fields = DEFAULT_MAX_FIELDS;
  self->header_mode = ROSTER_CSV_HEADER_AUTO;

  if (options != NULL)
    {
      if (options->encoding != NULL && options->encoding[0] != '\0')
        self->encoding_override = g_strdup (options->encoding);
      self->delimiter_override = options->delimiter;
      self->header_mode = options->header;
      if (options->max_field_size > 0)
        self->max_field_size = options->max_field_size;
      if (options->max_record_size > 0)
        self->max_record_size = options->max_record_size;
      if (options->max_fields > 0)
        self->max_fields = options->max_fields;
      self->sheet_name = g_strdup (options->sheet);
    }

  return self;
}

RosterCsvReader *
roster_csv_reader_new_for_file (GFile                   *file,
                                const RosterCsvOptions  *options,
                                GCancellable            *cancellable,
                                GError                 **error)
{
  g_autoptr(GFileInputStream) stream = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  return roster_csv_reader_new_for_stream (G_INPUT_STREAM (stream), options);
}


/* Reads the next non-blank record; *out is NULL at the end. */
static gboolean
next_record (RosterCsvReader  *self,
             gboolean          is_header,
             RosterCsvRecord **out,
             GCancellable     *cancellable,
             GError          **error)
{
  *out = NULL;

  for (;;)
    {
      guint rec_line = 0;
      gboolean got;

      if (self->sheet != NULL ? !roster_csv_parse_sheet_row (self, &rec_line, &got, error)
                              : !roster_csv_parse_record (self, &rec_line, &got, cancellable, error))
        return FALSE;
      if (!got)
        return TRUE;

      *out = roster_csv_finish_record (self, rec_line, is_header);
      if (*out != NULL)
        return TRUE;
    }
}

/* A header names things: no emails, no numbers, letters in every non-empty cell. */
static gboolean
looks_like_header (RosterCsvRecord *record)
{
  guint n_nonempty = 0;

  for (guint i = 0; i < record->n_fields; i++)
    {
      const char *field = record->fields[i];
      gboolean has_letter = FALSE, has_digit = FALSE, numeric = TRUE;

      if (roster_csv_field_is_blank (field))
        continue;
      n_nonempty++;
      if (strchr (field, '@') != NULL || strlen (field) > 200)
        return FALSE;

      for (const char *p = field; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar ch = g_utf8_get_char (p);

          if (g_unichar_isalpha (ch))
            has_letter = TRUE;
          if (g_unichar_isdigit (ch))
            has_digit = TRUE;
          else if (ch >= 0x80 || ch == 0 || strchr ("+-()./: \t", (int) ch) == NULL)
            numeric = FALSE;
        }
      if ((numeric && has_digit) || !has_letter)
        return FALSE;
    }

  return n_nonempty > 0;
}

/* Reads the start of the input: encoding, delimiter, header.  read_record calls it. */
gboolean
roster_csv_reader_detect (RosterCsvReader  *self,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autoptr(RosterCsvRecord) first = NULL;

  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->detected)
    return TRUE;

  /* Encoding and delimiter, once (an I/O error below may make the caller retry); or a
   * workbook's sheet instead. */
  if (self->delimiter == '\0' && self->sheet == NULL)
    {
      if (!roster_csv_read_raw (self, SAMPLE_SIZE, cancellable, error))
        return FALSE;
      if (!roster_csv_open_sheet (self, cancellable, error))
        return FALSE;
    }

  if (self->delimiter == '\0' && self->sheet == NULL)
    {
      if (self->encoding == NULL && !roster_csv_detect_encoding (self, error))
        return FALSE;

      /* Decode the whole sample so that the delimiter is sniffed on text. */
      roster_csv_decode_raw (self);
      while (self->raw_len > 0 && !self->eof)
        {
          if (!roster_csv_read_raw (self, self->raw_len + 16, cancellable, error))
            return FALSE;
          roster_csv_decode_raw (self);
        }

      if (self->delimiter_override != '\0')
        self->delimiter = self->delimiter_override;
      else
        self->delimiter = roster_csv_sniff_delimiter (self->text->data, self->text->len,
                                                    self->eof && self->raw_len == 0);
      roster_csv_parser_set_delimiter (self, self->delimiter);
    }

  if (!next_record (self, self->header_mode != ROSTER_CSV_HEADER_NO, &first, cancellable, error))
    return FALSE;
  self->detected = TRUE;

  if (first == NULL)
    return TRUE;

  if (self->header_mode == ROSTER_CSV_HEADER_YES ||
      (self->header_mode == ROSTER_CSV_HEADER_AUTO && looks_like_header (first)))
    {
      self->has_header = TRUE;
      self->header = g_strdupv (first->fields);
      self->header_len = first->n_fields;
      if (first->problems != NULL)
        g_ptr_array_extend_and_steal (self->problems, g_steal_pointer (&first->problems));
    }
  else
    self->pending_record = g_steal_pointer (&first);

  return TRUE;
}

/* Returns FALSE at the end (with @error unset) or on an I/O error. */
gboolean
roster_csv_reader_read_record (RosterCsvReader  *self,
                               RosterCsvRecord **out_record,
                               GCancellable     *cancellable,
                               GError          **error)
{
  RosterCsvRecord *record = NULL;

  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (out_record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_record = NULL;

  if (!roster_csv_reader_detect (self, cancellable, error))
    return FALSE;

  if (self->pending_record != NULL)
    record = g_steal_pointer (&self->pending_record);
  else if (!next_record (self, FALSE, &record, cancellable, error))
    return FALSE;

  if (record == NULL)
    return FALSE;

  self->n_records++;
  *out_record = record;

  return TRUE;
}

const char *
roster_csv_reader_get_encoding (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), NULL);

  return self->encoding;
}

char
roster_csv_reader_get_delimiter (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), '\0');

  return self->delimiter;
}

gboolean
roster_csv_reader_get_has_header (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), FALSE);

  return self->has_header;
}

/* NULL when the file has no header row (or before detection). */
const char * const *
roster_csv_reader_get_header (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), NULL);

  return (const char * const *) self->header;
}

/* Data records returned so far. */
guint
roster_csv_reader_get_n_records (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), 0);

  return self->n_records;
}

/* Physical lines read so far. */
guint
roster_csv_reader_get_n_lines (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), 0);

  return self->last_was_eol ? self->line - 1 : self->line;
}

/* Problems found so far, in returned records and outside them. */
guint
roster_csv_reader_get_n_problems (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), 0);

  return self->n_problems;
}

guint
roster_csv_reader_get_n_converted_rows (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), 0);

  return self->n_converted_rows;
}

/* Returns: (transfer none): RosterCsvProblem items not tied to a returned record (the header's). */
GPtrArray *
roster_csv_reader_get_problems (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), NULL);

  return self->problems;
}


/* A workbook's sheets; NULL for text (or before detection). */
const char * const *
roster_csv_reader_get_sheet_names (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), NULL);

  return self->sheet != NULL ? roster_sheet_reader_get_sheet_names (self->sheet) : NULL;
}

/* The sheet read; NULL for text. */
const char *
roster_csv_reader_get_sheet (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), NULL);

  return self->sheet != NULL ? roster_sheet_reader_get_sheet_name (self->sheet) : NULL;
}
