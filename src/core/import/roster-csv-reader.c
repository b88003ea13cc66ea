/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-csv-reader"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "roster-csv-reader.h"

#define DEFAULT_MAX_FIELD_SIZE  (64 * 1024)
#define DEFAULT_MAX_RECORD_SIZE (1024 * 1024)
#define DEFAULT_MAX_FIELDS      1024
/* The fuzz target shrinks these so that its inputs cross chunk boundaries. */
#ifndef ROSTER_CSV_CHUNK_SIZE
#define ROSTER_CSV_CHUNK_SIZE   (64 * 1024)
#endif
#ifndef ROSTER_CSV_SAMPLE_SIZE
#define ROSTER_CSV_SAMPLE_SIZE  (64 * 1024)
#endif
#define CHUNK_SIZE              ROSTER_CSV_CHUNK_SIZE
#define SAMPLE_SIZE             ROSTER_CSV_SAMPLE_SIZE
#define RAW_CAPACITY            (CHUNK_SIZE + SAMPLE_SIZE)
#define SNIFF_RECORDS           50
#define REPLAY_RECORDS          16  /* text kept after an open quote's line end, in max_record_size */
#define REPLACEMENT_CHARACTER   "\xEF\xBF\xBD"

static const char candidate_delimiters[] = { ',', ';', '\t', '|' };

typedef enum
{
  DECODE_UTF8,       /* passed through; rows that are not UTF-8 are read as Windows-1252 */
  DECODE_CONVERTER,  /* whole file through a GCharsetConverter */
} DecodeMode;

enum
{
  STOP_UNQUOTED = 1 << 0,
  STOP_QUOTED   = 1 << 1,
};

typedef enum
{
  ST_FIELD_START,
  ST_LEADING_SPACE,
  ST_UNQUOTED,
  ST_QUOTED,
  ST_QUOTE_IN_QUOTED,
  ST_AFTER_QUOTED,
} ParseState;

/* A quoted field that runs past a line end may have been opened by a stray quote, one that
 * swallows the rows after it up to the next quote or the end of the file.  Where the field
 * passed its first line end the parser notes how far the record had got, and keeps the text
 * after it (up to a limit), to go back and read that text again as rows of their own when the
 * field turns out to be such a quote's (end_open_quote, cut_stray_quote). */
typedef struct
{
  guint     line;              /* of that line end, where the quote opened; 0: none */
  gsize     recbuf_len;        /* the record up to the line end */
  guint     n_problems;
  gboolean  field_truncated;
  gboolean  record_truncated;
  gboolean  nul_seen;
  gboolean  pending_cr;        /* the line end was a \r */
  gboolean  overflow;          /* too much text after it to keep */
} QuoteMark;

struct _RosterCsvRecord
{
  gatomicrefcount  ref_count;
  guint            line;
  guint            n_fields;
  GPtrArray       *problems;
  char            *fields[];  /* n_fields + 1 pointers, then the strings, in one block */
};

struct _RosterCsvReader
{
  GObject          parent_instance;

  GInputStream    *stream;
  char            *encoding_override;
  char             delimiter_override;
  RosterCsvHeaderMode header_mode;
  gsize            max_field_size;
  gsize            max_record_size;
  guint            max_fields;

  /* Detection */
  gboolean         detected;
  DecodeMode       mode;
  char            *encoding;
  GConverter      *converter;
  guint            unit_size;       /* bytes skipped past an undecodable sequence */
  GConverter      *row_converter;   /* Windows-1252, for rows of a UTF-8 file that are not */
  char             delimiter;
  gboolean         has_header;
  GStrv            header;
  guint            header_len;
  RosterCsvRecord *pending_record;  /* the first record, when it was not a header */

  /* Input: raw bytes not yet decoded, decoded text not yet parsed */
  guint8          *raw;
  gsize            raw_len;
  gboolean         eof;
  GByteArray      *text;
  gsize            text_pos;
  guint            n_replaced;      /* U+FFFD written by the decoder */

  /* Parser */
  guint8           stops[256];      /* STOP_* flags: the bytes that end a run of field text */
  guint            line;
  gboolean         pending_cr;
  gboolean         last_was_eol;
  GString         *recbuf;          /* the record's fields, each NUL-terminated */
  guint           *offsets;         /* where each field starts in recbuf */
  guint            n_offsets;
  guint            offsets_size;
  gsize            field_start;
  gboolean         field_truncated;
  gboolean         record_truncated;
  gboolean         dropping_fields;
  gboolean         nul_seen;
  guint8           field_bits;      /* OR of the field's bytes: 0x80 set if not all ASCII */
  GArray          *non_ascii;       /* guint: the record's fields that are not plain ASCII */
  GPtrArray       *rec_problems;
  GString         *scratch;
  QuoteMark        quote;           /* the open quoted field's first line end */
  GByteArray      *replay;          /* the text after it, while it stays open */
  gsize            replay_pos;      /* where in self->text the next text to keep starts */

  /* Results */
  guint            n_records;
  guint            n_converted_rows;
  guint            n_problems;
  GPtrArray       *problems;        /* not tied to a returned record */
};

G_DEFINE_FINAL_TYPE (RosterCsvReader, roster_csv_reader, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (RosterCsvRecord, roster_csv_record, roster_csv_record_ref, roster_csv_record_unref)

/* ---- Options and problems ------------------------------------------------------------------- */

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

static RosterCsvProblem *
problem_new (RosterCsvProblemKind  kind,
             guint                 line,
             char                 *message)
{
  RosterCsvProblem *problem = g_new0 (RosterCsvProblem, 1);

  problem->kind = kind;
  problem->line = line;
  problem->message = message;

  return problem;
}

/* ---- Records -------------------------------------------------------------------------------- */

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

/* ---- Object --------------------------------------------------------------------------------- */

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
    }

  return self;
}

RosterCsvReader *
roster_csv_reader_new_for_file (GFile                  *file,
                                const RosterCsvOptions *options,
                                GCancellable           *cancellable,
                                GError                **error)
{
  g_autoptr(GFileInputStream) stream = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  return roster_csv_reader_new_for_stream (G_INPUT_STREAM (stream), options);
}

/* ---- Decoding ------------------------------------------------------------------------------- */

/* Reads until @want bytes sit in self->raw or the stream ends. */
static gboolean
read_raw (RosterCsvReader  *self,
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
static void
decode_raw (RosterCsvReader *self)
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
static gboolean
fill_text (RosterCsvReader  *self,
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
      if (!read_raw (self, self->raw_len + CHUNK_SIZE, cancellable, error))
        return FALSE;
      decode_raw (self);
    }

  *more = TRUE;
  return TRUE;
}

/* Reads the sample as UTF-8: whether some bytes are not UTF-8, and whether some multi-byte
 * characters are.  NUL bytes (which g_utf8_validate refuses; the parser drops and reports them)
 * and a character cut by the end of the sample are neither. */
static void
scan_utf8 (const guint8 *data,
           gsize         len,
           gboolean      at_eof,
           gboolean     *has_invalid,
           gboolean     *has_multibyte)
{
  const char *p = (const char *) data;
  const char *end = p + len;

  *has_invalid = FALSE;
  *has_multibyte = FALSE;

  while (p < end)
    {
      const char *nul = memchr (p, '\0', end - p);
      const char *stop = nul != NULL ? nul : end;
      const char *valid_end;
      gboolean valid = g_utf8_validate_len (p, stop - p, &valid_end);

      for (const char *q = p; q < valid_end && !*has_multibyte; q++)
        *has_multibyte = (guchar) *q >= 0x80;
      if (valid)
        {
          p = nul != NULL ? nul + 1 : end;
          continue;
        }

      /* A character cut by the end of the sample is fine. */
      if (nul == NULL && !at_eof && end - valid_end < 4 && ((guchar) *valid_end & 0xC0) == 0xC0)
        {
          gsize need = ((guchar) *valid_end >= 0xF0) ? 4 : ((guchar) *valid_end >= 0xE0) ? 3 : 2;
          if ((gsize) (end - valid_end) < need)
            return;
        }
      *has_invalid = TRUE;
      if (*has_multibyte)
        return;
      p = valid_end + 1;
    }
}

static char *
normalise_encoding_name (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_toupper (*p));

  return g_string_free (out, FALSE);
}

static gboolean
use_converter (RosterCsvReader  *self,
               const char       *from,
               guint             unit_size,
               GError          **error)
{
  GCharsetConverter *converter = g_charset_converter_new ("UTF-8", from, error);

  if (converter == NULL)
    return FALSE;

  self->mode = DECODE_CONVERTER;
  self->converter = G_CONVERTER (converter);
  self->unit_size = unit_size;
  g_free (self->encoding);
  self->encoding = g_strdup (from);

  return TRUE;
}

/* Drops @n bytes (a byte order mark) from the start of raw. */
static void
skip_raw (RosterCsvReader *self,
          gsize            n)
{
  memmove (self->raw, self->raw + n, self->raw_len - n);
  self->raw_len -= n;
}

static gboolean
detect_encoding (RosterCsvReader  *self,
                 GError          **error)
{
  const guint8 *raw = self->raw;
  gsize len = self->raw_len;
  gboolean bom_utf8 = len >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF;
  gboolean bom_le = len >= 2 && raw[0] == 0xFF && raw[1] == 0xFE;
  gboolean bom_be = len >= 2 && raw[0] == 0xFE && raw[1] == 0xFF;
  gboolean has_invalid, has_multibyte;

  if (self->encoding_override != NULL)
    {
      g_autofree char *name = normalise_encoding_name (self->encoding_override);

      if (g_str_equal (name, "UTF8"))
        {
          if (bom_utf8)
            skip_raw (self, 3);
          self->mode = DECODE_UTF8;
          self->encoding = g_strdup ("UTF-8");
          return TRUE;
        }
      if (g_str_equal (name, "UTF16") || g_str_equal (name, "UCS2"))
        {
          if (bom_le || bom_be)
            skip_raw (self, 2);
          return use_converter (self, bom_be ? "UTF-16BE" : "UTF-16LE", 2, error);
        }
      if (g_str_equal (name, "UTF16LE") || g_str_equal (name, "UTF16BE"))
        {
          if ((bom_le && g_str_equal (name, "UTF16LE")) || (bom_be && g_str_equal (name, "UTF16BE")))
            skip_raw (self, 2);
          return use_converter (self, g_str_equal (name, "UTF16LE") ? "UTF-16LE" : "UTF-16BE", 2, error);
        }
      /* Files labelled Latin-1 are Windows-1252 in practice (HTML5 does the same). */
      if (g_str_equal (name, "WINDOWS1252") || g_str_equal (name, "CP1252") ||
          g_str_equal (name, "LATIN1") || g_str_equal (name, "ISO88591"))
        return use_converter (self, "WINDOWS-1252", 1, error);

      return use_converter (self, self->encoding_override,
                            g_str_has_prefix (name, "UTF32") || g_str_has_prefix (name, "UCS4") ? 4 :
                            g_str_has_prefix (name, "UTF16") ? 2 : 1,
                            error);
    }

  if (bom_utf8)
    {
      skip_raw (self, 3);
      self->mode = DECODE_UTF8;
      self->encoding = g_strdup ("UTF-8");
      return TRUE;
    }
  if (bom_le || bom_be)
    {
      skip_raw (self, 2);
      return use_converter (self, bom_le ? "UTF-16LE" : "UTF-16BE", 2, error);
    }

  /* UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte. */
  if (len >= 8)
    {
      gsize pairs = MIN (len, 4096) / 2;
      gsize zero_even = 0, zero_odd = 0;

      for (gsize i = 0; i < pairs; i++)
        {
          zero_even += raw[2 * i] == 0;
          zero_odd += raw[2 * i + 1] == 0;
        }
      if (zero_odd * 10 >= pairs * 3 && zero_even * 20 < pairs)
        return use_converter (self, "UTF-16LE", 2, error);
      if (zero_even * 10 >= pairs * 3 && zero_odd * 20 < pairs)
        return use_converter (self, "UTF-16BE", 2, error);
    }

  /* A file with UTF-8 in it stays UTF-8, and only its rows that are not are read as
   * Windows-1252 (finish_record): reading it all as Windows-1252 would garble every accented
   * name in its UTF-8 rows.  Only a sample without a single UTF-8 character is Windows-1252. */
  scan_utf8 (raw, len, self->eof, &has_invalid, &has_multibyte);
  if (!has_invalid || has_multibyte)
    {
      self->mode = DECODE_UTF8;
      self->encoding = g_strdup ("UTF-8");
      return TRUE;
    }

  return use_converter (self, "WINDOWS-1252", 1, error);
}

/* Counts each candidate outside quotes per record over the first records of the sample and
 * picks the one whose count is non-zero and the same on most lines. */
static char
sniff_delimiter (const guint8 *text,
                 gsize         len,
                 gboolean      complete)
{
  guint counts[SNIFF_RECORDS][G_N_ELEMENTS (candidate_delimiters)];
  guint current[G_N_ELEMENTS (candidate_delimiters)] = { 0 };
  guint n_records = 0;
  gboolean in_quotes = FALSE;
  gboolean has_content = FALSE;
  char best = ',';
  double best_consistency = 0;
  guint best_mode = 0;

  for (gsize i = 0; i <= len && n_records < SNIFF_RECORDS; i++)
    {
      gboolean at_end = i == len;
      guint8 c = at_end ? '\n' : text[i];

      if (at_end && !complete)
        break;
      if (c == '"')
        {
          in_quotes = !in_quotes;
          has_content = TRUE;
          continue;
        }
      if (in_quotes)
        continue;
      if (c == '\r' || c == '\n')
        {
          if (has_content)
            {
              memcpy (counts[n_records], current, sizeof current);
              n_records++;
            }
          memset (current, 0, sizeof current);
          has_content = FALSE;
          continue;
        }
      if (c != ' ')
        has_content = TRUE;
      for (guint d = 0; d < G_N_ELEMENTS (candidate_delimiters); d++)
        if (c == (guint8) candidate_delimiters[d])
          current[d]++;
    }

  for (guint d = 0; d < G_N_ELEMENTS (candidate_delimiters); d++)
    {
      guint mode = 0, mode_votes = 0;
      double consistency;

      /* The most common non-zero count (n_records is small). */
      for (guint r = 0; r < n_records; r++)
        {
          guint votes = 0;

          if (counts[r][d] == 0)
            continue;
          for (guint s = 0; s < n_records; s++)
            votes += counts[s][d] == counts[r][d];
          if (votes > mode_votes || (votes == mode_votes && counts[r][d] > mode))
            {
              mode = counts[r][d];
              mode_votes = votes;
            }
        }
      if (mode == 0)
        continue;

      consistency = (double) mode_votes / n_records;
      if (consistency > best_consistency + 1e-9 ||
          (consistency > best_consistency - 1e-9 && mode > best_mode))
        {
          best = candidate_delimiters[d];
          best_consistency = consistency;
          best_mode = mode;
        }
    }

  return best;
}

/* ---- Parsing -------------------------------------------------------------------------------- */

static void
add_record_problem (RosterCsvReader      *self,
                    RosterCsvProblemKind  kind,
                    guint                 line,
                    char                 *message)
{
  if (self->rec_problems == NULL)
    self->rec_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_csv_problem_free);
  g_ptr_array_add (self->rec_problems, problem_new (kind, line, message));
}

static void
begin_record (RosterCsvReader *self,
              guint           *rec_line)
{
  *rec_line = self->line;
  g_string_truncate (self->recbuf, 0);
  self->n_offsets = 0;
  self->field_start = 0;
  self->field_truncated = FALSE;
  self->record_truncated = FALSE;
  self->dropping_fields = FALSE;
  self->nul_seen = FALSE;
  self->field_bits = 0;
  g_array_set_size (self->non_ascii, 0);
}

/* g_string_append_len without the function call per field (GLib 2.74 does not inline it). */
static inline void
buf_append (GString    *buf,
            const char *bytes,
            gsize       n)
{
  if (G_UNLIKELY (buf->len + n + 1 > buf->allocated_len))
    {
      gsize len = buf->len;

      g_string_set_size (buf, len + n);
      buf->len = len;
    }
  memcpy (buf->str + buf->len, bytes, n);
  buf->len += n;
  buf->str[buf->len] = '\0';
}

/* Appends field bytes within the limits; a cut never splits a UTF-8 character. */
static void
append_bytes (RosterCsvReader *self,
              guint            rec_line,
              const char      *bytes,
              gsize            n)
{
  gsize field_len = self->recbuf->len - self->field_start;
  gsize cut = n;

  if (self->dropping_fields || self->field_truncated || self->record_truncated || n == 0)
    return;

  if (field_len + cut > self->max_field_size)
    {
      cut = self->max_field_size - field_len;
      self->field_truncated = TRUE;
      add_record_problem (self, ROSTER_CSV_PROBLEM_FIELD_TOO_LONG, rec_line,
                          g_strdup_printf (_("Line %u: field %u is longer than %u KiB and was cut short"),
                                           rec_line, self->n_offsets + 1,
                                           (guint) (self->max_field_size / 1024)));
    }
  if (self->recbuf->len + cut > self->max_record_size)
    {
      cut = self->recbuf->len < self->max_record_size ? self->max_record_size - self->recbuf->len : 0;
      self->record_truncated = TRUE;
      add_record_problem (self, ROSTER_CSV_PROBLEM_RECORD_TOO_LONG, rec_line,
                          g_strdup_printf (_("Line %u: the row is longer than %u KiB; the rest of it was ignored"),
                                           rec_line, (guint) (self->max_record_size / 1024)));
    }
  if (cut < n)
    while (cut > 0 && ((guchar) bytes[cut] & 0xC0) == 0x80)
      cut--;

  buf_append (self->recbuf, bytes, cut);
}

static void
append_spaces (RosterCsvReader *self,
               guint            rec_line,
               guint            n)
{
  for (guint i = 0; i < n; i++)
    append_bytes (self, rec_line, " ", 1);
}

/* @more: another field follows on this record. */
static void
end_field (RosterCsvReader *self,
           guint            rec_line,
           gboolean         more)
{
  guint start = self->field_start;

  if (self->dropping_fields)
    return;

  if (self->field_bits & 0x80)
    g_array_append_val (self->non_ascii, self->n_offsets);
  self->field_bits = 0;
  buf_append (self->recbuf, "", 1);
  if (self->n_offsets == self->offsets_size)
    {
      self->offsets_size *= 2;
      self->offsets = g_renew (guint, self->offsets, self->offsets_size);
    }
  self->offsets[self->n_offsets++] = start;
  self->field_start = self->recbuf->len;
  self->field_truncated = FALSE;

  if (more && self->n_offsets >= self->max_fields)
    {
      self->dropping_fields = TRUE;
      add_record_problem (self, ROSTER_CSV_PROBLEM_TOO_MANY_FIELDS, rec_line,
                          g_strdup_printf (_("Line %u: the row has more than %u fields; the rest were ignored"),
                                           rec_line, self->max_fields));
    }
}

static inline void
count_line_end (RosterCsvReader *self,
                guint8           c)
{
  if (c == '\r')
    {
      self->line++;
      self->pending_cr = TRUE;
    }
  else if (self->pending_cr)
    self->pending_cr = FALSE;  /* the \n of \r\n */
  else
    self->line++;
  self->last_was_eol = TRUE;
}

static void
forget_quote (RosterCsvReader *self)
{
  self->quote.line = 0;
  g_byte_array_set_size (self->replay, 0);
}

/* The quoted field being read passes its first line end, @c. */
static void
mark_quote (RosterCsvReader *self,
            guint8           c)
{
  self->quote.line = self->line;
  self->quote.recbuf_len = self->recbuf->len;
  self->quote.n_problems = self->rec_problems != NULL ? self->rec_problems->len : 0;
  self->quote.field_truncated = self->field_truncated;
  self->quote.record_truncated = self->record_truncated;
  self->quote.nul_seen = self->nul_seen;
  self->quote.pending_cr = c == '\r';
  self->quote.overflow = FALSE;
  g_byte_array_set_size (self->replay, 0);
}

/* Keeps the text parsed since self->replay_pos while a marked quote is open. */
static void
keep_text (RosterCsvReader *self)
{
  gsize limit = self->max_record_size > G_MAXSIZE / REPLAY_RECORDS ? G_MAXSIZE
                                                                     : self->max_record_size * REPLAY_RECORDS;
  gsize n = self->text->len - self->replay_pos;

  if (self->quote.line == 0 || self->quote.overflow)
    return;

  if (n > limit - self->replay->len)
    {
      self->quote.overflow = TRUE;
      g_byte_array_unref (self->replay);
      self->replay = g_byte_array_new ();
      return;
    }
  g_byte_array_append (self->replay, self->text->data + self->replay_pos, n);
}

/* Ends the record at the line end where its open quote was marked, and makes the text after
 * that line end the next to parse. */
static void
cut_at_quote (RosterCsvReader *self)
{
  GByteArray *text = self->text;

  g_string_truncate (self->recbuf, self->quote.recbuf_len);
  if (self->rec_problems != NULL)
    g_ptr_array_set_size (self->rec_problems, self->quote.n_problems);
  self->field_truncated = self->quote.field_truncated;
  self->record_truncated = self->quote.record_truncated;
  self->nul_seen = self->quote.nul_seen;
  self->line = self->quote.line + 1;
  self->pending_cr = self->quote.pending_cr;
  self->last_was_eol = TRUE;

  self->text = self->replay;
  self->replay = text;
  self->text_pos = 0;
  self->replay_pos = 0;
}

static void
add_stray_quote_problem (RosterCsvReader *self,
                         guint            rec_line,
                         guint            last_line)
{
  if (self->quote.overflow)
    add_record_problem (self, ROSTER_CSV_PROBLEM_UNTERMINATED_QUOTE, rec_line,
                        g_strdup_printf (_("Line %u: the quote opened on line %u is never closed; lines %u–%u were read as one value"),
                                         rec_line, self->quote.line, self->quote.line, last_line));
  else
    add_record_problem (self, ROSTER_CSV_PROBLEM_UNTERMINATED_QUOTE, rec_line,
                        g_strdup_printf (_("Line %u: the quote opened on line %u is never closed; the row was cut at the end of that line, and the lines after it were read as rows of their own"),
                                         rec_line, self->quote.line));
}

/* A quoted field that ran past a line end closed, and text follows its closing quote (as in
 * `"NASA⏎…⏎…,"Films", …`) or its lines look like rows (quote_holds_rows): the quote was a
 * stray one that swallowed the lines up to the next quote.  Returns TRUE when the record was
 * cut there (the caller ends it). */
static gboolean
cut_stray_quote (RosterCsvReader *self,
                 guint            rec_line)
{
  keep_text (self);
  if (self->quote.overflow)
    {
      /* Reported; read on as it is. */
      add_stray_quote_problem (self, rec_line, self->line);
      forget_quote (self);
      return FALSE;
    }

  cut_at_quote (self);
  add_stray_quote_problem (self, rec_line, self->line);
  forget_quote (self);
  return TRUE;
}

/* Whether the lines of the marked quoted field after its first line end, up to @n_more bytes
 * of self->text past self->replay_pos, include one that looks like a row of its own: an email
 * and as many delimiters as the header has.  Notes and addresses over several lines rarely
 * have either; the rows a stray quote swallows up to a quote further on have both. */
static gboolean
quote_holds_rows (RosterCsvReader *self,
                  gsize            n_more)
{
  const guint8 *pieces[2] = { self->replay->data, self->text->data + self->replay_pos };
  const gsize lengths[2] = { self->replay->len, n_more };
  guint need = MAX (self->header_len, 2) - 1;
  guint n_delimiters = 0;
  gboolean has_at = FALSE;

  if (!self->has_header || self->quote.line == 0 || self->quote.overflow)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    for (gsize j = 0; j < lengths[i]; j++)
      {
        guint8 c = pieces[i][j];

        if (c == '\r' || c == '\n')
          {
            n_delimiters = 0;
            has_at = FALSE;
          }
        else if (c == '@')
          has_at = TRUE;
        else if (c == (guint8) self->delimiter)
          n_delimiters++;
        if (has_at && n_delimiters >= need)
          return TRUE;
      }

  return FALSE;
}

/* The end of the file came inside a quoted field. */
static void
end_open_quote (RosterCsvReader *self,
                guint            rec_line)
{
  guint last_line = self->last_was_eol ? self->line - 1 : self->line;

  if (self->quote.line != 0 && last_line > self->quote.line)
    {
      if (!self->quote.overflow)
        cut_at_quote (self);
      add_stray_quote_problem (self, rec_line, last_line);
      forget_quote (self);
      return;
    }

  /* Nothing after the quote's line to lose. */
  if (self->quote.line != 0)
    g_string_truncate (self->recbuf, self->quote.recbuf_len);
  add_record_problem (self, ROSTER_CSV_PROBLEM_UNTERMINATED_QUOTE, rec_line,
                      g_strdup_printf (_("Line %u: a quoted field is not closed before the end of the file"),
                                       rec_line));
}

/* Parses one record into recbuf/offsets.  *got is FALSE at the end of the input. */
static gboolean
parse_record (RosterCsvReader  *self,
              guint            *rec_line,
              gboolean         *got,
              GCancellable     *cancellable,
              GError          **error)
{
  ParseState state = ST_FIELD_START;
  gboolean in_record = FALSE;
  guint spaces = 0;
  const guint8 delim = (guint8) self->delimiter;
  const gboolean space_rule = delim != ' ';
  const guint8 *stops = self->stops;

  *got = FALSE;
  forget_quote (self);

  for (;;)
    {
      const guint8 *p, *end;

      if (self->text_pos >= self->text->len)
        {
          gboolean more;

          keep_text (self);
          if (!fill_text (self, &more, cancellable, error))
            return FALSE;
          self->replay_pos = 0;
          if (!more)
            break;
        }

      p = self->text->data + self->text_pos;
      end = self->text->data + self->text->len;

      while (p < end)
        {
          guint8 c = *p;

          if (c == '\0')
            {
              p++;
              self->pending_cr = FALSE;
              self->last_was_eol = FALSE;
              if (!in_record)
                {
                  begin_record (self, rec_line);
                  in_record = TRUE;
                }
              self->nul_seen = TRUE;
              continue;
            }

          if (!in_record)
            {
              if (c == '\r' || c == '\n')
                {
                  /* A blank line, or the \n of a record that ended on \r. */
                  count_line_end (self, c);
                  p++;
                  continue;
                }
              begin_record (self, rec_line);
              in_record = TRUE;
            }

          switch (state)
            {
            case ST_FIELD_START:
              if (c == delim)
                {
                  end_field (self, *rec_line, TRUE);
                  p++;
                }
              else if (c == '"')
                {
                  forget_quote (self);
                  state = ST_QUOTED;
                  p++;
                }
              else if (c == '\r' || c == '\n')
                {
                  end_field (self, *rec_line, FALSE);
                  count_line_end (self, c);
                  p++;
                  goto record_done;
                }
              else if (c == ' ' && space_rule)
                {
                  /* ` "quoted"` after a delimiter: spreadsheets and people write it. */
                  state = ST_LEADING_SPACE;
                  spaces = 1;
                  p++;
                }
              else
                state = ST_UNQUOTED;
              self->pending_cr = FALSE;
              self->last_was_eol = FALSE;
              break;

            case ST_LEADING_SPACE:
              if (c == ' ')
                {
                  spaces++;
                  p++;
                }
              else if (c == '"')
                {
                  forget_quote (self);
                  state = ST_QUOTED;
                  p++;
                }
              else
                {
                  append_spaces (self, *rec_line, spaces);
                  state = ST_UNQUOTED;
                }
              self->pending_cr = FALSE;
              break;

            case ST_UNQUOTED:
              {
                const guint8 *run = p;
                guint8 bits = 0;

                while (p < end && !(stops[*p] & STOP_UNQUOTED))
                  bits |= *p++;
                self->field_bits |= bits;
                append_bytes (self, *rec_line, (const char *) run, p - run);
                self->pending_cr = FALSE;
                self->last_was_eol = FALSE;
                if (p == end || *p == '\0')
                  break;
                if (*p == delim)
                  {
                    end_field (self, *rec_line, TRUE);
                    state = ST_FIELD_START;
                    p++;
                    break;
                  }
                end_field (self, *rec_line, FALSE);
                count_line_end (self, *p);
                p++;
                goto record_done;
              }

            case ST_QUOTED:
              {
                const guint8 *run = p;
                guint8 bits = 0;

                while (p < end && !(stops[*p] & STOP_QUOTED))
                  bits |= *p++;
                self->field_bits |= bits;
                if (p > run)
                  {
                    append_bytes (self, *rec_line, (const char *) run, p - run);
                    self->pending_cr = FALSE;
                    self->last_was_eol = FALSE;
                  }
                if (p == end || *p == '\0')
                  break;
                if (*p == '"')
                  {
                    state = ST_QUOTE_IN_QUOTED;
                    self->pending_cr = FALSE;
                    self->last_was_eol = FALSE;
                  }
                else
                  {
                    gboolean first = self->quote.line == 0;

                    /* Line ends inside quotes are data, kept as written. */
                    if (first)
                      mark_quote (self, *p);
                    append_bytes (self, *rec_line, (const char *) p, 1);
                    count_line_end (self, *p);
                    if (first)
                      self->replay_pos = p + 1 - self->text->data;
                  }
                p++;
                break;
              }

            case ST_QUOTE_IN_QUOTED:
              if (c == '"')
                {
                  append_bytes (self, *rec_line, "\"", 1);
                  state = ST_QUOTED;
                  p++;
                }
              else if (self->quote.line != 0 && c != delim && c != '\r' && c != '\n' &&
                       !(c == ' ' && space_rule))
                {
                  if (cut_stray_quote (self, *rec_line))
                    goto record_cut;
                  state = ST_UNQUOTED;
                }
              else if (self->quote.line != 0 &&
                       quote_holds_rows (self, p - (self->text->data + self->replay_pos)) &&
                       cut_stray_quote (self, *rec_line))
                goto record_cut;
              else if (c == delim)
                {
                  end_field (self, *rec_line, TRUE);
                  state = ST_FIELD_START;
                  p++;
                }
              else if (c == '\r' || c == '\n')
                {
                  end_field (self, *rec_line, FALSE);
                  count_line_end (self, c);
                  p++;
                  goto record_done;
                }
              else if (c == ' ' && space_rule)
                {
                  state = ST_AFTER_QUOTED;
                  spaces = 1;
                  p++;
                }
              else
                state = ST_UNQUOTED;  /* "abc"def reads as abcdef, like Python's csv */
              self->pending_cr = FALSE;
              self->last_was_eol = FALSE;
              break;

            case ST_AFTER_QUOTED:
              if (c == ' ')
                {
                  spaces++;
                  p++;
                }
              else if (c == delim)
                {
                  end_field (self, *rec_line, TRUE);
                  state = ST_FIELD_START;
                  p++;
                }
              else if (c == '\r' || c == '\n')
                {
                  end_field (self, *rec_line, FALSE);
                  count_line_end (self, c);
                  p++;
                  goto record_done;
                }
              else
                {
                  if (self->quote.line != 0 && cut_stray_quote (self, *rec_line))
                    goto record_cut;
                  append_spaces (self, *rec_line, spaces);
                  state = ST_UNQUOTED;
                }
              self->pending_cr = FALSE;
              break;

            default:
              g_assert_not_reached ();
            }
        }

      self->text_pos = p - self->text->data;
      continue;

    record_done:
      self->text_pos = p - self->text->data;
      *got = TRUE;
      return TRUE;

    record_cut:
      end_field (self, *rec_line, FALSE);
      *got = TRUE;
      return TRUE;
    }

  /* End of input. */
  if (!in_record)
    return TRUE;

  switch (state)
    {
    case ST_QUOTED:
      end_open_quote (self, *rec_line);
      break;
    case ST_QUOTE_IN_QUOTED:
      /* Closed by the very last quote of the file, after rows it swallowed. */
      if (quote_holds_rows (self, 0))
        end_open_quote (self, *rec_line);
      break;
    case ST_LEADING_SPACE:
      append_spaces (self, *rec_line, spaces);
      break;
    case ST_FIELD_START:
    case ST_UNQUOTED:
    case ST_AFTER_QUOTED:
    default:
      break;
    }
  end_field (self, *rec_line, FALSE);
  *got = TRUE;

  return TRUE;
}

static gboolean
field_is_blank (const char *field)
{
  for (const char *p = field; *p != '\0'; p++)
    if (*p != ' ' && *p != '\t')
      return FALSE;

  return TRUE;
}

/* Reads a UTF-8 file's row that is not UTF-8 as Windows-1252, field by field. */
static void
convert_row_from_windows_1252 (RosterCsvReader *self)
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

static gboolean
has_replacement (RosterCsvReader *self)
{
  for (guint i = 0; i < self->n_offsets; i++)
    if (strstr (self->recbuf->str + self->offsets[i], REPLACEMENT_CHARACTER) != NULL)
      return TRUE;

  return FALSE;
}

/* Turns the parsed fields into a record, or NULL for a blank row. */
static RosterCsvRecord *
finish_record (RosterCsvReader *self,
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
    add_record_problem (self, ROSTER_CSV_PROBLEM_NUL_BYTES, rec_line,
                        g_strdup_printf (_("Line %u: the row contains NUL bytes, which were removed"),
                                         rec_line));

  for (guint i = 0; i < n_fields && blank; i++)
    blank = field_is_blank (self->recbuf->str + self->offsets[i]);

  /* Plain ASCII (what the parser saw) is valid UTF-8 and needs no check. */
  for (guint i = 0; i < self->non_ascii->len && valid; i++)
    {
      guint field = g_array_index (self->non_ascii, guint, i);
      valid = g_utf8_validate (self->recbuf->str + self->offsets[field], -1, NULL);
    }

  if (!valid && self->mode == DECODE_UTF8)
    {
      convert_row_from_windows_1252 (self);
      self->n_converted_rows++;
      add_record_problem (self, ROSTER_CSV_PROBLEM_ENCODING_FALLBACK, rec_line,
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

  if (self->mode == DECODE_CONVERTER && self->n_replaced > 0 && has_replacement (self))
    add_record_problem (self, ROSTER_CSV_PROBLEM_INVALID_CHARACTERS, rec_line,
                        g_strdup_printf (_("Line %u: some bytes could not be decoded and were replaced with “\xEF\xBF\xBD”"),
                                         rec_line));

  if (!is_header && self->has_header && n_fields > self->header_len && !self->dropping_fields)
    add_record_problem (self, ROSTER_CSV_PROBLEM_EXTRA_FIELDS, rec_line,
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

      if (!parse_record (self, &rec_line, &got, cancellable, error))
        return FALSE;
      if (!got)
        return TRUE;

      *out = finish_record (self, rec_line, is_header);
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

      if (field_is_blank (field))
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

  /* Encoding and delimiter, once (an I/O error below may make the caller retry). */
  if (self->delimiter == '\0')
    {
      if (!read_raw (self, SAMPLE_SIZE, cancellable, error))
        return FALSE;
      if (self->encoding == NULL && !detect_encoding (self, error))
        return FALSE;

      /* Decode the whole sample so that the delimiter is sniffed on text. */
      decode_raw (self);
      while (self->raw_len > 0 && !self->eof)
        {
          if (!read_raw (self, self->raw_len + 16, cancellable, error))
            return FALSE;
          decode_raw (self);
        }

      if (self->delimiter_override != '\0')
        self->delimiter = self->delimiter_override;
      else
        self->delimiter = sniff_delimiter (self->text->data, self->text->len,
                                           self->eof && self->raw_len == 0);

      memset (self->stops, 0, sizeof self->stops);
      self->stops[(guint8) self->delimiter] |= STOP_UNQUOTED;
      self->stops['\r'] |= STOP_UNQUOTED | STOP_QUOTED;
      self->stops['\n'] |= STOP_UNQUOTED | STOP_QUOTED;
      self->stops['\0'] |= STOP_UNQUOTED | STOP_QUOTED;
      self->stops['"'] |= STOP_QUOTED;
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

/* ---- Preview -------------------------------------------------------------------------------- */

void
roster_csv_preview_free (RosterCsvPreview *preview)
{
  if (preview == NULL)
    return;

  g_free (preview->encoding);
  g_strfreev (preview->header);
  g_clear_pointer (&preview->records, g_ptr_array_unref);
  g_clear_pointer (&preview->problems, g_ptr_array_unref);
  g_free (preview);
}

/* The detection results and the first @max_records records, for the import dialog's first
 * step.  Reads a little more than it returns, to tell whether the file is complete. */
RosterCsvPreview *
roster_csv_reader_preview (GInputStream           *stream,
                           const RosterCsvOptions *options,
                           guint                   max_records,
                           GCancellable           *cancellable,
                           GError                **error)
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
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_csv_problem_free);
  for (guint i = 0; i < reader->problems->len; i++)
    {
      RosterCsvProblem *problem = g_ptr_array_index (reader->problems, i);
      g_ptr_array_add (problems, problem_new (problem->kind, problem->line, g_strdup (problem->message)));
    }
  preview->problems = problems;

  return g_steal_pointer (&preview);
}
