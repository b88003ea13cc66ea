/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Sniffing: the encoding (byte order marks, UTF-8 or not) and the delimiter of the sample. */

#define G_LOG_DOMAIN "roster-csv-reader"

#include "config.h"

#include <string.h>

#include "roster-csv-reader-private.h"

#define SNIFF_RECORDS           50

static const char candidate_delimiters[] = { ',', ';', '\t', '|' };

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

/* UTF-8 is read as it is, with no converter. */
static gboolean
use_utf8 (RosterCsvReader *self)
{
  self->mode = DECODE_UTF8;
  self->encoding = g_strdup ("UTF-8");
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

gboolean
roster_csv_detect_encoding (RosterCsvReader  *self,
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
          return use_utf8 (self);
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
      return use_utf8 (self);
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
   * Windows-1252 (roster_csv_finish_record): reading it all as Windows-1252 would garble every accented
   * name in its UTF-8 rows.  Only a sample without a single UTF-8 character is Windows-1252. */
  scan_utf8 (raw, len, self->eof, &has_invalid, &has_multibyte);
  if (!has_invalid || has_multibyte)
    {
      return use_utf8 (self);
    }

  return use_converter (self, "WINDOWS-1252", 1, error);
}

/* Counts each candidate outside quotes per record over the first records of the sample and
 * picks the one whose count is non-zero and the same on most lines. */
char
roster_csv_sniff_delimiter (const guint8 *text,
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

