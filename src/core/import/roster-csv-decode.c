/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Decoding: raw bytes into UTF-8 text, whole through a converter, or passed through as UTF-8
 * with the rows that are not read as Windows-1252. */

#define G_LOG_DOMAIN "roster-csv-reader"

#include "config.h"

#include <string.h>

#include "roster-csv-reader-private.h"

/* Reads until @want bytes sit in self->raw or the stream ends. */
gboolean
roster_csv_read_raw (RosterCsvReader  *self,
                     gsize             want,
                     GCancellable     *cancellable,
                     GError          **error)
{
  want = MIN (want, RAW_CAPACITY);
  while (!self->eof && self->raw_len < want)
    {
      gssize n = g_input_stream_read (self->stream, self->raw + self->raw_len,
                                      want - self->raw_len, cancellable, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        self->eof = TRUE;
      self->raw_len += n;
    }

  return TRUE;
}

static void
append_replacement (GByteArray *out)
{
  g_byte_array_append (out, (const guint8 *) REPLACEMENT_CHARACTER, 3);
}

/* Converts as much of @in as it can into @out and returns how many bytes it used.  Undecodable
 * sequences become U+FFFD (GCharsetConverter's own fallback writes "\xx" escapes and, worse,
 * skips single bytes of UTF-16, garbling the rest of the line).  Without @at_end an incomplete
 * sequence at the end stays for the next chunk. */
static gsize
convert_chunk (GConverter   *converter,
               guint         unit_size,
               const guint8 *in,
               gsize         len,
               gboolean      at_end,
               GByteArray   *out,
               guint        *n_replaced)
{
  gsize used = 0;

  while (used < len)
    {
      g_autoptr(GError) local_error = NULL;
      gsize old_len = out->len;
      gsize avail = (len - used) * 4 + 16;
      gsize n_read = 0, n_written = 0;
      GConverterResult result;

      g_byte_array_set_size (out, old_len + avail);
      result = g_converter_convert (converter, in + used, len - used, out->data + old_len, avail,
                                    at_end ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                    &n_read, &n_written, &local_error);
      g_byte_array_set_size (out, old_len + n_written);

      if (result == G_CONVERTER_ERROR)
        {
          gsize skip;

          if (!at_end && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            break;

          /* An incomplete sequence at the very end is one bad character; otherwise skip one
           * code unit and go on. */
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            skip = len - used;
          else
            skip = MIN (unit_size, len - used);
          append_replacement (out);
          (*n_replaced)++;
          used += skip;
          continue;
        }

      used += n_read;
      if (result == G_CONVERTER_FINISHED)
        break;
      if (n_read == 0 && n_written == 0)
        {
          /* No progress: never spin on input the converter will not take. */
          append_replacement (out);
          (*n_replaced)++;
          used += MIN (unit_size, len - used);
        }
    }

  return used;
}

/* Decodes what self->raw holds into self->text (after what is there). */
void
roster_csv_decode_raw (RosterCsvReader *self)
{
  gsize used;

  if (self->mode == DECODE_UTF8)
    {
      g_byte_array_append (self->text, self->raw, self->raw_len);
      self->raw_len = 0;
      return;
    }

  used = convert_chunk (self->converter, self->unit_size, self->raw, self->raw_len, self->eof,
                        self->text, &self->n_replaced);
  /* A converter that keeps waiting for the rest of a "character" longer than the buffer
   * would stall the reader; give up on one unit instead. */
  if (used == 0 && self->raw_len + 64 >= RAW_CAPACITY)
    {
      append_replacement (self->text);
      self->n_replaced++;
      used = MIN (self->unit_size, self->raw_len);
    }
  memmove (self->raw, self->raw + used, self->raw_len - used);
  self->raw_len -= used;
}

/* Makes unparsed text available; *more is FALSE at the end of the input. */
gboolean
roster_csv_fill_text (RosterCsvReader  *self,
                      gboolean         *more,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_byte_array_set_size (self->text, 0);
  self->text_pos = 0;

  while (self->text->len == 0)
    {
      if (self->eof && self->raw_len == 0)
        {
          *more = FALSE;
          return TRUE;
        }
      if (self->mode == DECODE_UTF8 && self->raw_len == 0)
        {
          /* Nothing to convert: read straight into the text buffer. */
          gssize n;

          g_byte_array_set_size (self->text, CHUNK_SIZE);
          n = g_input_stream_read (self->stream, self->text->data, CHUNK_SIZE, cancellable, error);
          g_byte_array_set_size (self->text, MAX (n, 0));
          if (n < 0)
            return FALSE;
          if (n == 0)
            self->eof = TRUE;
          continue;
        }

      /* Leftover bytes (an incomplete character) stay at the start of raw. */
      if (!roster_csv_read_raw (self, self->raw_len + CHUNK_SIZE, cancellable, error))
        return FALSE;
      roster_csv_decode_raw (self);
    }

  *more = TRUE;
  return TRUE;
}

/* Reads a UTF-8 file's row that is not UTF-8 as Windows-1252, field by field. */
void
roster_csv_convert_row_from_windows_1252 (RosterCsvReader *self)
{
  GByteArray *out = g_byte_array_sized_new (self->recbuf->len * 2);
  GArray *offsets = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->n_offsets);
  guint n_replaced = 0;

  if (self->row_converter == NULL)
    self->row_converter = G_CONVERTER (g_charset_converter_new ("UTF-8", "WINDOWS-1252", NULL));

  for (guint i = 0; i < self->n_offsets; i++)
    {
      const char *field = self->recbuf->str + self->offsets[i];
      guint start = out->len;

      g_array_append_val (offsets, start);
      if (self->row_converter != NULL)
        {
          g_converter_reset (self->row_converter);
          convert_chunk (self->row_converter, 1, (const guint8 *) field, strlen (field), TRUE,
                         out, &n_replaced);
        }
      else
        {
          /* No iconv module for it: keep what is valid. */
          g_autofree char *valid = g_utf8_make_valid (field, -1);
          g_byte_array_append (out, (const guint8 *) valid, strlen (valid));
        }
      g_byte_array_append (out, (const guint8 *) "", 1);
    }

  g_string_truncate (self->recbuf, 0);
  g_string_append_len (self->recbuf, (const char *) out->data, out->len);
  memcpy (self->offsets, offsets->data, offsets->len * sizeof (guint));
  g_byte_array_unref (out);
  g_array_unref (offsets);
}

gboolean
roster_csv_has_replacement (RosterCsvReader *self)
{
  for (guint i = 0; i < self->n_offsets; i++)
    if (strstr (self->recbuf->str + self->offsets[i], REPLACEMENT_CHARACTER) != NULL)
      return TRUE;

  return FALSE;
}

