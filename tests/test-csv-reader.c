/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-csv-reader"

#include "config.h"

#include <string.h>

#include "roster-csv-reader.h"
#include "roster-csv-writer.h"
#include "roster-test-util.h"

/* RosterCsvReader on every encoding, delimiter, line end and quoting case it promises, on
 * broken input (each problem with its line), on the shared sample exports, on files of our
 * own under tests/data/csv/, and in a seeded round trip with RosterCsvWriter. */

typedef struct
{
  RosterCsvReader *reader;
  GPtrArray       *records;
} Result;

static void
result_free (Result *result)
{
  g_clear_object (&result->reader);
  g_clear_pointer (&result->records, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

static Result *
read_stream (GInputStream           *stream,
             const RosterCsvOptions *options)
{
  g_autoptr(GError) error = NULL;
  Result *result = g_new0 (Result, 1);
  RosterCsvRecord *record;

  result->reader = roster_csv_reader_new_for_stream (stream, options);
  result->records = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_csv_record_unref);
  while (roster_csv_reader_read_record (result->reader, &record, NULL, &error))
    g_ptr_array_add (result->records, record);
  g_assert_no_error (error);
  g_assert_cmpuint (roster_csv_reader_get_n_records (result->reader), ==, result->records->len);

  return result;
}

static Result *
read_bytes (const char             *data,
            gssize                  len,
            const RosterCsvOptions *options)
{
  g_autoptr(GInputStream) stream = NULL;

  if (len < 0)
    len = strlen (data);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);

  return read_stream (stream, options);
}

static Result *
read_file (const char             *path,
           const RosterCsvOptions *options)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, &error);

  g_assert_no_error (error);

  return read_stream (G_INPUT_STREAM (stream), options);
}

static RosterCsvRecord *
rec (Result *result,
     guint   index)
{
  g_assert_cmpuint (index, <, result->records->len);
  return g_ptr_array_index (result->records, index);
}

/* Asserts the record's fields; NULL-terminated varargs. */
static void
assert_fields (RosterCsvRecord *record,
               ...)
{
  const char * const *fields = roster_csv_record_get_fields (record);
  const char *expected;
  va_list args;
  guint i = 0;

  va_start (args, record);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_nonnull (fields[i]);
      g_assert_cmpstr (fields[i], ==, expected);
      i++;
    }
  va_end (args);
  g_assert_null (fields[i]);
  g_assert_cmpuint (roster_csv_record_get_n_fields (record), ==, i);
}

static guint
count_problems (RosterCsvRecord      *record,
                RosterCsvProblemKind  kind)
{
  GPtrArray *problems = roster_csv_record_get_problems (record);
  guint n = 0;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      RosterCsvProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpuint (problem->line, ==, roster_csv_record_get_line (record));
      g_assert_true (g_utf8_validate (problem->message, -1, NULL));
      n += problem->kind == kind;
    }

  return n;
}

static const char *
problem_message (RosterCsvRecord      *record,
                 RosterCsvProblemKind  kind)
{
  GPtrArray *problems = roster_csv_record_get_problems (record);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    if (((RosterCsvProblem *) problems->pdata[i])->kind == kind)
      return ((RosterCsvProblem *) problems->pdata[i])->message;

  return NULL;
}

static guint
n_problems (RosterCsvRecord *record)
{
  GPtrArray *problems = roster_csv_record_get_problems (record);

  return problems != NULL ? problems->len : 0;
}

static RosterCsvOptions
options_with (const char          *encoding,
              char                 delimiter,
              RosterCsvHeaderMode  header)
{
  RosterCsvOptions options;

  roster_csv_options_init (&options);
  options.encoding = encoding;
  options.delimiter = delimiter;
  options.header = header;

  return options;
}

static GByteArray *
utf16 (const char *utf8,
       gboolean    big_endian,
       gboolean    bom)
{
  GByteArray *out = g_byte_array_new ();
  g_autofree gunichar2 *units = g_utf8_to_utf16 (utf8, -1, NULL, NULL, NULL);

  if (bom)
    g_byte_array_append (out, (const guint8 *) (big_endian ? "\xFE\xFF" : "\xFF\xFE"), 2);
  for (guint i = 0; units[i] != 0; i++)
    {
      guint8 pair[2];

      pair[big_endian ? 0 : 1] = units[i] >> 8;
      pair[big_endian ? 1 : 0] = units[i] & 0xFF;
      g_byte_array_append (out, pair, 2);
    }

  return out;
}

/* ---- Encodings ------------------------------------------------------------------------------ */

static void
test_encoding_utf8 (void)
{
  g_autoptr(Result) plain = read_bytes ("email,first\nzoe@example.org,Zoë\n", -1, NULL);
  g_autoptr(Result) bom = read_bytes ("\xEF\xBB\xBF" "email,first\nzoe@example.org,Zoë\n", -1, NULL);

  g_assert_cmpstr (roster_csv_reader_get_encoding (plain->reader), ==, "UTF-8");
  g_assert_cmpstr (roster_csv_reader_get_encoding (bom->reader), ==, "UTF-8");
  /* The BOM is not part of the first header name. */
  g_assert_cmpstr (roster_csv_reader_get_header (bom->reader)[0], ==, "email");
  g_assert_cmpstr (roster_csv_reader_get_header (plain->reader)[0], ==, "email");
  assert_fields (rec (bom, 0), "zoe@example.org", "Zoë", NULL);
  assert_fields (rec (plain, 0), "zoe@example.org", "Zoë", NULL);
  g_assert_cmpuint (n_problems (rec (plain, 0)), ==, 0);
}

static void
test_encoding_utf16 (void)
{
  const char *text = "E-Mail\tVorname\tNachname\r\njurgen@example.de\tJürgen\tMüller €\r\n"
                     "emoji@example.org\t😀 Smile\t\"Quoted\tTab\"\r\n";

  for (guint be = 0; be <= 1; be++)
    {
      g_autoptr(GByteArray) data = utf16 (text, be, TRUE);
      g_autoptr(Result) result = read_bytes ((const char *) data->data, data->len, NULL);

      g_assert_cmpstr (roster_csv_reader_get_encoding (result->reader), ==, be ? "UTF-16BE" : "UTF-16LE");
      g_assert_cmpint (roster_csv_reader_get_delimiter (result->reader), ==, '\t');
      g_assert_true (roster_csv_reader_get_has_header (result->reader));
      g_assert_cmpstr (roster_csv_reader_get_header (result->reader)[0], ==, "E-Mail");
      g_assert_cmpuint (result->records->len, ==, 2);
      assert_fields (rec (result, 0), "jurgen@example.de", "Jürgen", "Müller €", NULL);
      assert_fields (rec (result, 1), "emoji@example.org", "😀 Smile", "Quoted\tTab", NULL);
      g_assert_cmpuint (roster_csv_record_get_line (rec (result, 1)), ==, 3);
      g_assert_cmpuint (n_problems (rec (result, 1)), ==, 0);
    }

  /* No BOM: the NUL in every other byte gives it away. */
  {
    g_autoptr(GByteArray) data = utf16 (text, FALSE, FALSE);
    g_autoptr(Result) result = read_bytes ((const char *) data->data, data->len, NULL);

    g_assert_cmpstr (roster_csv_reader_get_encoding (result->reader), ==, "UTF-16LE");
    assert_fields (rec (result, 0), "jurgen@example.de", "Jürgen", "Müller €", NULL);
  }
}

static void
test_encoding_utf16_invalid (void)
{
  /* A lone high surrogate mid-line, and an odd byte at the very end. */
  static const char data[] = "\xFF\xFE" "a\0,\0b\0\n\0" "x\0\x00\xD8" "y\0,\0z\0\n\0" "q\0,\0r\0" "\n";
  RosterCsvOptions options = options_with (NULL, '\0', ROSTER_CSV_HEADER_NO);
  g_autoptr(Result) result = read_bytes (data, sizeof data - 1, &options);

  g_assert_cmpstr (roster_csv_reader_get_encoding (result->reader), ==, "UTF-16LE");
  assert_fields (rec (result, 0), "a", "b", NULL);
  g_assert_cmpuint (result->records->len, ==, 3);
  assert_fields (rec (result, 1), "x\xEF\xBF\xBDy", "z", NULL);
  g_assert_cmpuint (count_problems (rec (result, 1), ROSTER_CSV_PROBLEM_INVALID_CHARACTERS), ==, 1);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 1)), ==, 2);
  assert_fields (rec (result, 2), "q", "r\xEF\xBF\xBD", NULL);
  g_assert_cmpuint (count_problems (rec (result, 2), ROSTER_CSV_PROBLEM_INVALID_CHARACTERS), ==, 1);
}

static void
test_encoding_windows_1252 (void)
{
  /* é ü € “ ” in Windows-1252, and 0x81, which it leaves undefined. */
  static const char data[] = "email;Vorname;Nachname;Notiz\r\n"
                             "rene@example.fr;Ren\xE9;M\xFCller;\x80 5 \x93quoted\x94\r\n"
                             "x@example.de;A\x81" "B;C;D\r\n";
  g_autoptr(Result) result = read_bytes (data, -1, NULL);

  g_assert_cmpstr (roster_csv_reader_get_encoding (result->reader), ==, "WINDOWS-1252");
  g_assert_cmpint (roster_csv_reader_get_delimiter (result->reader), ==, ';');
  assert_fields (rec (result, 0), "rene@example.fr", "René", "Müller", "€ 5 “quoted”", NULL);
  g_assert_cmpuint (n_problems (rec (result, 0)), ==, 0);
  assert_fields (rec (result, 1), "x@example.de", "A\xEF\xBF\xBD" "B", "C", "D", NULL);
  g_assert_cmpuint (count_problems (rec (result, 1), ROSTER_CSV_PROBLEM_INVALID_CHARACTERS), ==, 1);
  /* The whole file is Windows-1252: no row is a "fallback". */
  g_assert_cmpuint (roster_csv_reader_get_n_converted_rows (result->reader), ==, 0);
}

static void
test_encoding_row_fallback (void)
{
  g_autoptr(GString) data = g_string_new ("email,first,last\n");
  g_autoptr(Result) result = NULL;
  guint n_rows;

  /* More than the 64 KiB detection sample of UTF-8, then one Windows-1252 row. */
  for (n_rows = 0; data->len < 80 * 1024; n_rows++)
    g_string_append_printf (data, "person%u@example.org,Zoë,Müller\n", n_rows);
  g_string_append (data, "late@example.org,Ren\xE9,\x80uro\n");
  g_string_append (data, "after@example.org,Zoë,Ok\n");

  result = read_bytes (data->str, data->len, NULL);
  g_assert_cmpstr (roster_csv_reader_get_encoding (result->reader), ==, "UTF-8");
  g_assert_cmpuint (result->records->len, ==, n_rows + 2);
  assert_fields (rec (result, 0), "person0@example.org", "Zoë", "Müller", NULL);
  assert_fields (rec (result, n_rows), "late@example.org", "René", "€uro", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, n_rows)), ==, n_rows + 2);
  g_assert_cmpuint (count_problems (rec (result, n_rows), ROSTER_CSV_PROBLEM_ENCODING_FALLBACK), ==, 1);
  assert_fields (rec (result, n_rows + 1), "after@example.org", "Zoë", "Ok", NULL);
  g_assert_cmpuint (n_problems (rec (result, n_rows + 1)), ==, 0);
  g_assert_cmpuint (roster_csv_reader_get_n_converted_rows (result->reader), ==, 1);
  g_assert_cmpuint (roster_csv_reader_get_n_problems (result->reader), ==, 1);
}

/* A UTF-8 file with one Windows-1252 row inside the detection sample stays UTF-8. */
static void
test_encoding_mixed (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", "utf8-one-latin1-line.csv", NULL);
  g_autoptr(Result) result = read_file (path, NULL);

  g_assert_cmpstr (roster_csv_reader_get_encoding (result->reader), ==, "UTF-8");
  g_assert_cmpint (roster_csv_reader_get_delimiter (result->reader), ==, ';');
  g_assert_cmpuint (result->records->len, ==, 9);
  assert_fields (rec (result, 0), "jose@example.es", "José", "García", NULL);
  assert_fields (rec (result, 3), "ana@example.pt", "Ana", "Conceição", NULL);
  assert_fields (rec (result, 5), "rene@example.fr", "René", "Dupré", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 5)), ==, 7);
  g_assert_cmpuint (count_problems (rec (result, 5), ROSTER_CSV_PROBLEM_ENCODING_FALLBACK), ==, 1);
  g_assert_cmpstr (problem_message (rec (result, 5), ROSTER_CSV_PROBLEM_ENCODING_FALLBACK), ==,
                   "Line 7 is not valid UTF-8 and was read as Windows-1252");
  assert_fields (rec (result, 6), "lukas@example.cz", "Lukáš", "Dvořák", NULL);
  assert_fields (rec (result, 7), "emoji@example.org", "Zoë 😀", "Smile", NULL);
  for (guint i = 0; i < result->records->len; i++)
    if (i != 5)
      g_assert_cmpuint (n_problems (rec (result, i)), ==, 0);
  g_assert_cmpuint (roster_csv_reader_get_n_converted_rows (result->reader), ==, 1);

  /* The other way round: a Windows-1252 file is read whole as one, even with a first line
   * of plain ASCII. */
  {
    g_autoptr(Result) latin = read_bytes ("email,first\nrene@example.fr,Ren\xE9\nzoe@example.fr,Zo\xEB\n", -1, NULL);

    g_assert_cmpstr (roster_csv_reader_get_encoding (latin->reader), ==, "WINDOWS-1252");
    assert_fields (rec (latin, 0), "rene@example.fr", "René", NULL);
    assert_fields (rec (latin, 1), "zoe@example.fr", "Zoë", NULL);
    g_assert_cmpuint (roster_csv_reader_get_n_problems (latin->reader), ==, 0);
  }
}

static void
test_encoding_override (void)
{
  RosterCsvOptions options = options_with ("ISO-8859-15", '\0', ROSTER_CSV_HEADER_AUTO);
  g_autoptr(Result) latin9 = read_bytes ("name,price\nCaf\xE9,5 \xA4\n", -1, &options);
  RosterCsvOptions utf16_options = options_with ("utf-16", '\0', ROSTER_CSV_HEADER_NO);
  g_autoptr(GByteArray) be = utf16 ("a,b\n", TRUE, TRUE);
  g_autoptr(Result) utf16_result = read_bytes ((const char *) be->data, be->len, &utf16_options);
  RosterCsvOptions bogus = options_with ("NO-SUCH-CHARSET-X", '\0', ROSTER_CSV_HEADER_AUTO);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("a,b\n", 4, NULL);
  g_autoptr(RosterCsvReader) reader = roster_csv_reader_new_for_stream (stream, &bogus);
  g_autoptr(GError) error = NULL;
  RosterCsvRecord *record = NULL;

  /* ISO-8859-15 has € where Latin-1 has ¤. */
  assert_fields (rec (latin9, 0), "Café", "5 €", NULL);
  g_assert_cmpstr (roster_csv_reader_get_encoding (latin9->reader), ==, "ISO-8859-15");
  /* "UTF-16" follows the BOM. */
  g_assert_cmpstr (roster_csv_reader_get_encoding (utf16_result->reader), ==, "UTF-16BE");
  assert_fields (rec (utf16_result, 0), "a", "b", NULL);

  /* An encoding the system cannot convert is the caller's error, not a crash. */
  g_assert_false (roster_csv_reader_read_record (reader, &record, NULL, &error));
  g_assert_nonnull (error);
  g_assert_null (record);
}

/* ---- Delimiters and line ends --------------------------------------------------------------- */

static void
test_delimiter_sniff (void)
{
  static const struct { const char *data; char delimiter; } cases[] = {
    { "email,name,note\na@b.co,A,\"x;y;z|w\"\nc@d.co,C,\"1;2;3\"\n", ',' },
    { "email;name;note\na@b.co;\"Lovelace, Ada\";x,y\nc@d.co;\"Hopper, Grace\";1,2\n", ';' },
    { "email\tname\na@b.co\tLovelace, Ada\nc@d.co\tHopper, Grace\n", '\t' },
    { "email|name|phone\na@b.co|Ada|+1 555, ext 2\nc@d.co|Grace|1\n", '|' },
    /* Ragged rows still agree on the delimiter. */
    { "a;b;c;d\n1;2;3;4\n1;2\n1;2;3;4;5;6\n1;2;3;4\n", ';' },
    /* One column: the default. */
    { "email\na@b.co\nc@d.co\n", ',' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Result) result = read_bytes (cases[i].data, -1, NULL);

      g_assert_cmpint (roster_csv_reader_get_delimiter (result->reader), ==, cases[i].delimiter);
    }

  {
    g_autoptr(Result) result = read_bytes (cases[1].data, -1, NULL);
    assert_fields (rec (result, 0), "a@b.co", "Lovelace, Ada", "x,y", NULL);
  }
  {
    RosterCsvOptions options = options_with (NULL, ';', ROSTER_CSV_HEADER_NO);
    g_autoptr(Result) result = read_bytes (cases[0].data, -1, &options);

    g_assert_cmpint (roster_csv_reader_get_delimiter (result->reader), ==, ';');
    assert_fields (rec (result, 0), "email,name,note", NULL);
    assert_fields (rec (result, 1), "a@b.co,A,\"x", "y", "z|w\"", NULL);
  }
}

static void
test_line_ends (void)
{
  static const char * const files[] = {
    "h1,h2\r\na,b\r\nc,d\r\n",
    "h1,h2\na,b\nc,d\n",
    "h1,h2\ra,b\rc,d\r",
    "h1,h2\r\na,b\rc,d",
    "h1,h2\na,b\r\nc,d\r",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(Result) result = read_bytes (files[i], -1, NULL);

      g_assert_cmpuint (result->records->len, ==, 2);
      assert_fields (rec (result, 0), "a", "b", NULL);
      assert_fields (rec (result, 1), "c", "d", NULL);
      g_assert_cmpuint (roster_csv_record_get_line (rec (result, 0)), ==, 2);
      g_assert_cmpuint (roster_csv_record_get_line (rec (result, 1)), ==, 3);
      g_assert_cmpuint (roster_csv_reader_get_n_lines (result->reader), ==, 3);
    }
}

static void
test_blank_lines (void)
{
  g_autoptr(Result) result = read_bytes ("\n\r\nemail,name\n\n\r\na,b\r\n,\n  ,  \n;;\n\r\rc,d\n\n\n", -1, NULL);

  g_assert_true (roster_csv_reader_get_has_header (result->reader));
  g_assert_cmpstr (roster_csv_reader_get_header (result->reader)[0], ==, "email");
  /* ";;" is a field of text with a comma delimiter, so it stays. */
  g_assert_cmpuint (result->records->len, ==, 3);
  assert_fields (rec (result, 0), "a", "b", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 0)), ==, 6);
  assert_fields (rec (result, 1), ";;", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 1)), ==, 9);
  assert_fields (rec (result, 2), "c", "d", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 2)), ==, 12);
}

/* ---- Quotes --------------------------------------------------------------------------------- */

static void
test_quotes (void)
{
  g_autoptr(Result) result = read_bytes (
    "email,name,note\n"
    "a@b.co,\"Lovelace, Ada\",\"She said \"\"hi\"\"\"\n"     /* 2 */
    "c@d.co,\"Multi\r\nLine\",\"x\ny\rz\"\n"                   /* 3-6 */
    "e@f.co, \"Spaced\" ,5\" screen\n"                        /* 7 */
    "g@h.co,\"\",\"\"\"\"\n"                                   /* 8 */
    "i@j.co,\"ab\"cd,\"end\"\n",                               /* 9 */
    -1, NULL);

  g_assert_cmpuint (result->records->len, ==, 5);
  assert_fields (rec (result, 0), "a@b.co", "Lovelace, Ada", "She said \"hi\"", NULL);
  assert_fields (rec (result, 1), "c@d.co", "Multi\r\nLine", "x\ny\rz", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 1)), ==, 3);
  /* A quote after spaces opens a quoted field; one inside an unquoted field is text. */
  assert_fields (rec (result, 2), "e@f.co", "Spaced", "5\" screen", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 2)), ==, 7);
  assert_fields (rec (result, 3), "g@h.co", "", "\"", NULL);
  assert_fields (rec (result, 4), "i@j.co", "abcd", "end", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 4)), ==, 9);
  for (guint i = 0; i < result->records->len; i++)
    g_assert_cmpuint (n_problems (rec (result, i)), ==, 0);
}

/* A stray quote must not swallow the rows after it: the row ends with the quote's line and
 * the lines after it are read again, as rows of their own.  Here it pairs with the opening
 * quote of line 7, which text follows; below, it runs to the end of the file. */
static void
test_unterminated_quote (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", "unclosed-quote.csv", NULL);
  g_autoptr(Result) result = read_file (path, NULL);
  RosterCsvRecord *cut;

  g_assert_cmpuint (result->records->len, ==, 9);
  for (guint i = 0; i < result->records->len; i++)
    g_assert_cmpuint (roster_csv_record_get_line (rec (result, i)), ==, i + 2);
  assert_fields (rec (result, 1), "grace@example.com", "Grace", "Hopper", "Navy, US", NULL);
  cut = rec (result, 2);
  assert_fields (cut, "katherine@example.org", "Katherine", "Johnson", "NASA Langley", NULL);
  g_assert_cmpuint (count_problems (cut, ROSTER_CSV_PROBLEM_UNTERMINATED_QUOTE), ==, 1);
  g_assert_cmpuint (n_problems (cut), ==, 1);
  g_assert_true (roster_csv_record_has_errors (cut));
  g_assert_cmpstr (problem_message (cut, ROSTER_CSV_PROBLEM_UNTERMINATED_QUOTE), ==,
                   "Line 4: the quote opened on line 4 is never closed; the row was cut at the end of that "
                   "line, and the lines after it were read as rows of their own");
  assert_fields (rec (result, 3), "dorothy@example.org", "Dorothy", "Vaughan", "NASA", NULL);
  assert_fields (rec (result, 5), "hedy@example.net", "Hedy", "Lamarr", "Films, Inventions", NULL);
  assert_fields (rec (result, 8), "barbara@example.org", "Barbara", "Liskov", "MIT", NULL);
  for (guint i = 0; i < result->records->len; i++)
    if (i != 2)
      g_assert_cmpuint (n_problems (rec (result, i)), ==, 0);
  g_assert_cmpuint (roster_csv_reader_get_n_lines (result->reader), ==, 10);
  g_assert_cmpuint (roster_csv_reader_get_n_problems (result->reader), ==, 1);
}

static void
test_unterminated_quote_cases (void)
{
  RosterCsvOptions small = options_with (NULL, '\0', ROSTER_CSV_HEADER_AUTO);

  /* On the last line nothing follows it. */
  {
    g_autoptr(Result) result = read_bytes ("email,name\na@b.co,A\nc@d.co,\"never closed\n", -1, NULL);

    g_assert_cmpuint (result->records->len, ==, 2);
    assert_fields (rec (result, 1), "c@d.co", "never closed", NULL);
    g_assert_cmpstr (problem_message (rec (result, 1), ROSTER_CSV_PROBLEM_UNTERMINATED_QUOTE), ==,
                     "Line 3: a quoted field is not closed before the end of the file");
    g_assert_false (roster_csv_record_has_errors (rec (result, 0)));
  }

  /* A quoted field that closes, then one that opens and does not: the second is the stray. */
  {
    g_autoptr(Result) result = read_bytes ("email,note,more\r\n"
                                           "a@b.co,\"two\r\nlines\",\"open\r\n"   /* 2-3 */
                                           "c@d.co,C,x\r\n"                       /* 4 */
                                           "e@f.co,\"closed\",y\r\n",             /* 5 */
                                           -1, NULL);

    g_assert_cmpuint (result->records->len, ==, 3);
    assert_fields (rec (result, 0), "a@b.co", "two\r\nlines", "open", NULL);
    g_assert_cmpuint (roster_csv_record_get_line (rec (result, 0)), ==, 2);
    g_assert_nonnull (strstr (problem_message (rec (result, 0), ROSTER_CSV_PROBLEM_UNTERMINATED_QUOTE),
                              "Line 2: the quote opened on line 3 is never closed"));
    assert_fields (rec (result, 1), "c@d.co", "C", "x", NULL);
    g_assert_cmpuint (roster_csv_record_get_line (rec (result, 1)), ==, 4);
    assert_fields (rec (result, 2), "e@f.co", "closed", "y", NULL);
    g_assert_cmpuint (roster_csv_record_get_line (rec (result, 2)), ==, 5);
    g_assert_cmpuint (n_problems (rec (result, 2)), ==, 0);
  }

  /* Paired with a quote that ends a field further on (an inch mark, say), a stray quote shows
   * in the rows it swallowed; a note or an address over several lines has no such lines. */
  {
    static const char * const files[] = {
      "email,first,last,company\n"
      "a1@x.org,Ann,One,\"NASA\n"
      "a2@x.org,Bo,Two,IBM\n"
      "a3@x.org,Cy,Three,Monitor 27\"\n"
      "a4@x.org,Di,Four,MIT\n",
      /* The same, closed by the last byte of the file. */
      "email,first,last,company\n"
      "a1@x.org,Ann,One,\"NASA\n"
      "a2@x.org,Bo,Two,IBM\n"
      "a3@x.org,Cy,Three,Monitor 27\"",
    };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autoptr(Result) result = read_bytes (files[i], -1, NULL);

        g_assert_cmpuint (result->records->len, ==, (i == 0 ? 4 : 3));
        assert_fields (rec (result, 0), "a1@x.org", "Ann", "One", "NASA", NULL);
        g_assert_cmpstr (problem_message (rec (result, 0), ROSTER_CSV_PROBLEM_UNTERMINATED_QUOTE), ==,
                         "Line 2: the quote opened on line 2 is never closed; the row was cut at the end of "
                         "that line, and the lines after it were read as rows of their own");
        assert_fields (rec (result, 1), "a2@x.org", "Bo", "Two", "IBM", NULL);
        assert_fields (rec (result, 2), "a3@x.org", "Cy", "Three", "Monitor 27\"", NULL);
        g_assert_cmpuint (roster_csv_record_get_line (rec (result, 2)), ==, 4);
        g_assert_cmpuint (n_problems (rec (result, 2)), ==, 0);
      }
  }
  {
    g_autoptr(Result) result = read_bytes ("email,name,address\n"
                                           "a@x.org,Ann,\"12 Main St, Apt 4\nSpringfield, IL\"\n"
                                           "b@x.org,Bo,\"Note:\nwrite to c@d.org, not here\"\n", -1, NULL);

    g_assert_cmpuint (result->records->len, ==, 2);
    assert_fields (rec (result, 0), "a@x.org", "Ann", "12 Main St, Apt 4\nSpringfield, IL", NULL);
    assert_fields (rec (result, 1), "b@x.org", "Bo", "Note:\nwrite to c@d.org, not here", NULL);
    g_assert_cmpuint (roster_csv_reader_get_n_problems (result->reader), ==, 0);
  }

  /* A closed multi-line field must not be read again when a later one opens on its last line. */
  {
    g_autoptr(Result) result = read_bytes ("email,note,more\na@b.co,\"x\ny\",\"open", -1, NULL);

    g_assert_cmpuint (result->records->len, ==, 1);
    assert_fields (rec (result, 0), "a@b.co", "x\ny", "open", NULL);
    g_assert_cmpuint (count_problems (rec (result, 0), ROSTER_CSV_PROBLEM_UNTERMINATED_QUOTE), ==, 1);
  }

  /* More than a chunk of rows after the quote: all of them are read again. */
  {
    g_autoptr(GString) data = g_string_new ("email,first\r\nstray@example.org,\"Quote\r\n");
    g_autoptr(Result) result = NULL;
    guint n;

    for (n = 0; data->len < 200 * 1024; n++)
      g_string_append_printf (data, "p%u@example.org,Zoë\r\n", n);
    result = read_bytes (data->str, data->len, NULL);
    g_assert_cmpuint (result->records->len, ==, n + 1);
    assert_fields (rec (result, 0), "stray@example.org", "Quote", NULL);
    g_assert_true (roster_csv_record_has_errors (rec (result, 0)));
    for (guint i = 1; i <= n; i++)
      {
        g_autofree char *email = g_strdup_printf ("p%u@example.org", i - 1);

        assert_fields (rec (result, i), email, "Zoë", NULL);
        g_assert_cmpuint (roster_csv_record_get_line (rec (result, i)), ==, i + 2);
        g_assert_cmpuint (n_problems (rec (result, i)), ==, 0);
      }
  }

  /* Past the limit of what is kept (16 records' worth), the rest of the file is one value,
   * and the problem names every line of it. */
  {
    g_autoptr(GString) data = g_string_new ("email,first\nok@example.org,Ok\nstray@example.org,\"Quote\n");
    g_autoptr(Result) result = NULL;
    guint last_line = 3;

    small.max_record_size = 256;
    small.max_field_size = 256;
    while (data->len < 16 * 256 + 1024)
      {
        g_string_append (data, "someone@example.org,Someone\n");
        last_line++;
      }
    result = read_bytes (data->str, data->len, &small);
    g_assert_cmpuint (result->records->len, ==, 2);
    assert_fields (rec (result, 0), "ok@example.org", "Ok", NULL);
    g_assert_true (roster_csv_record_has_errors (rec (result, 1)));
    g_assert_cmpuint (count_problems (rec (result, 1), ROSTER_CSV_PROBLEM_UNTERMINATED_QUOTE), ==, 1);
    {
      g_autofree char *expected = g_strdup_printf ("Line 3: the quote opened on line 3 is never closed; "
                                                   "lines 3–%u were read as one value", last_line);

      g_assert_cmpstr (problem_message (rec (result, 1), ROSTER_CSV_PROBLEM_UNTERMINATED_QUOTE), ==, expected);
    }
  }
}

static void
test_ragged (void)
{
  g_autoptr(Result) result = read_bytes ("a,b,c\n1\n1,2,3\n1,2,3,4,5\n", -1, NULL);

  g_assert_true (roster_csv_reader_get_has_header (result->reader));
  assert_fields (rec (result, 0), "1", NULL);
  g_assert_cmpstr (roster_csv_record_get_field (rec (result, 0), 2), ==, "");
  g_assert_cmpuint (n_problems (rec (result, 0)), ==, 0);
  assert_fields (rec (result, 2), "1", "2", "3", "4", "5", NULL);
  g_assert_cmpuint (count_problems (rec (result, 2), ROSTER_CSV_PROBLEM_EXTRA_FIELDS), ==, 1);
  g_assert_false (roster_csv_record_has_errors (rec (result, 2)));
}

/* ---- Bad bytes and limits ------------------------------------------------------------------- */

static void
test_nul_bytes (void)
{
  static const char data[] = "email,name\na@b.co\0,A\0da\n\0\0\nc@d.co,C\n";
  g_autoptr(Result) result = read_bytes (data, sizeof data - 1, NULL);

  g_assert_cmpstr (roster_csv_reader_get_encoding (result->reader), ==, "UTF-8");
  g_assert_cmpuint (result->records->len, ==, 2);
  assert_fields (rec (result, 0), "a@b.co", "Ada", NULL);
  g_assert_cmpuint (count_problems (rec (result, 0), ROSTER_CSV_PROBLEM_NUL_BYTES), ==, 1);
  /* The line of only NULs is blank; its warning stays with the reader. */
  g_assert_cmpuint (roster_csv_reader_get_problems (result->reader)->len, ==, 1);
  g_assert_cmpuint (((RosterCsvProblem *) roster_csv_reader_get_problems (result->reader)->pdata[0])->line, ==, 3);
  assert_fields (rec (result, 1), "c@d.co", "C", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 1)), ==, 4);
}

static void
test_limits_field (void)
{
  g_autoptr(GString) data = g_string_new ("email,notes\n");
  g_autoptr(Result) result = NULL;
  const char *notes;

  g_string_append (data, "a@b.co,\"");
  for (guint i = 0; i < 50000; i++)
    g_string_append (data, "é");  /* 100,000 bytes */
  g_string_append (data, "\"\nc@d.co,short\n");

  result = read_bytes (data->str, data->len, NULL);
  g_assert_cmpuint (result->records->len, ==, 2);
  notes = roster_csv_record_get_field (rec (result, 0), 1);
  /* Cut at 64 KiB, never inside a character. */
  g_assert_cmpuint (strlen (notes), <=, 64 * 1024);
  g_assert_cmpuint (strlen (notes), >=, 64 * 1024 - 1);
  g_assert_true (g_utf8_validate (notes, -1, NULL));
  g_assert_cmpuint (count_problems (rec (result, 0), ROSTER_CSV_PROBLEM_FIELD_TOO_LONG), ==, 1);
  g_assert_cmpuint (count_problems (rec (result, 0), ROSTER_CSV_PROBLEM_ENCODING_FALLBACK), ==, 0);
  g_assert_true (roster_csv_record_has_errors (rec (result, 0)));
  assert_fields (rec (result, 1), "c@d.co", "short", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 1)), ==, 3);
}

static void
test_limits_record (void)
{
  g_autoptr(GString) data = g_string_new ("h\nx@y.co");
  g_autoptr(Result) result = NULL;
  RosterCsvOptions options = options_with (NULL, ',', ROSTER_CSV_HEADER_YES);

  /* A line of 2 MiB in fields of 60 KiB. */
  for (guint i = 0; i < 35; i++)
    {
      g_string_append_c (data, ',');
      for (guint j = 0; j < 60 * 1024; j++)
        g_string_append_c (data, 'a' + j % 26);
    }
  g_string_append (data, "\nlast,row\n");

  result = read_bytes (data->str, data->len, &options);
  g_assert_cmpuint (result->records->len, ==, 2);
  g_assert_cmpuint (count_problems (rec (result, 0), ROSTER_CSV_PROBLEM_RECORD_TOO_LONG), ==, 1);
  g_assert_true (roster_csv_record_has_errors (rec (result, 0)));
  assert_fields (rec (result, 1), "last", "row", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 1)), ==, 3);

  /* Too many fields: the first 1024 stay. */
  {
    g_autoptr(GString) many = g_string_new ("h\n");
    g_autoptr(Result) result2 = NULL;

    for (guint i = 0; i < 5000; i++)
      g_string_append (many, "x,");
    g_string_append (many, "\nok\n");
    result2 = read_bytes (many->str, many->len, &options);
    g_assert_cmpuint (roster_csv_record_get_n_fields (rec (result2, 0)), ==, 1024);
    g_assert_cmpuint (count_problems (rec (result2, 0), ROSTER_CSV_PROBLEM_TOO_MANY_FIELDS), ==, 1);
    assert_fields (rec (result2, 1), "ok", NULL);
  }

  /* Smaller limits from the caller. */
  {
    RosterCsvOptions small = options_with (NULL, ',', ROSTER_CSV_HEADER_NO);
    g_autoptr(Result) result3 = NULL;

    small.max_field_size = 4;
    small.max_fields = 2;
    result3 = read_bytes ("abcdefgh,b,c\n", -1, &small);
    assert_fields (rec (result3, 0), "abcd", "b", NULL);
    g_assert_cmpuint (count_problems (rec (result3, 0), ROSTER_CSV_PROBLEM_FIELD_TOO_LONG), ==, 1);
    g_assert_cmpuint (count_problems (rec (result3, 0), ROSTER_CSV_PROBLEM_TOO_MANY_FIELDS), ==, 1);
  }
}

/* Seeded random bytes: the reader ends, every field is UTF-8, every record has a line. */
static void
test_garbage (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240607);

  for (guint round = 0; round < 200; round++)
    {
      gsize len = g_rand_int_range (rand, 0, round < 190 ? 2000 : 200000);
      g_autofree guint8 *data = g_malloc (len + 1);
      g_autoptr(Result) result = NULL;

      for (gsize i = 0; i < len; i++)
        {
          /* Bias towards the bytes that matter. */
          static const char special[] = ",;\t|\"\r\n \0\xEF\xBB\xBF\xFF\xFE\xC3\xA9\x80";
          data[i] = g_rand_boolean (rand) ? special[g_rand_int_range (rand, 0, sizeof special)]
                                          : g_rand_int_range (rand, 0, 256);
        }

      result = read_bytes ((const char *) data, len, NULL);
      for (guint r = 0; r < result->records->len; r++)
        {
          const char * const *fields = roster_csv_record_get_fields (rec (result, r));

          g_assert_cmpuint (roster_csv_record_get_line (rec (result, r)), >=, 1);
          for (guint f = 0; fields[f] != NULL; f++)
            g_assert_true (g_utf8_validate (fields[f], -1, NULL));
        }
    }
}

/* ---- Header --------------------------------------------------------------------------------- */

static void
test_header (void)
{
  static const struct { const char *data; gboolean header; } cases[] = {
    { "Email Address,First Name,Last Name\na@b.co,A,B\n", TRUE },
    { "a@b.co,A,B\nc@d.co,C,D\n", FALSE },
    { "12,34\n56,78\n", FALSE },
    { "+44 20 7946 0958,Ada\n", FALSE },
    { "Nachname;Vorname;E-Mail-Adresse\nX;Y;z@w.de\n", TRUE },
    { ",,name\n1,2,3\n", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Result) result = read_bytes (cases[i].data, -1, NULL);

      g_assert_cmpint (roster_csv_reader_get_has_header (result->reader), ==, cases[i].header);
      g_assert_cmpint (roster_csv_reader_get_header (result->reader) != NULL, ==, cases[i].header);
      if (!cases[i].header)
        g_assert_cmpuint (roster_csv_record_get_line (rec (result, 0)), ==, 1);
    }

  /* Declared by the caller, either way. */
  {
    RosterCsvOptions yes = options_with (NULL, '\0', ROSTER_CSV_HEADER_YES);
    RosterCsvOptions no = options_with (NULL, '\0', ROSTER_CSV_HEADER_NO);
    g_autoptr(Result) with = read_bytes ("a@b.co,A\nc@d.co,C\n", -1, &yes);
    g_autoptr(Result) without = read_bytes ("email,name\nc@d.co,C\n", -1, &no);

    g_assert_true (roster_csv_reader_get_has_header (with->reader));
    g_assert_cmpstr (roster_csv_reader_get_header (with->reader)[0], ==, "a@b.co");
    g_assert_cmpuint (with->records->len, ==, 1);
    g_assert_false (roster_csv_reader_get_has_header (without->reader));
    g_assert_null (roster_csv_reader_get_header (without->reader));
    g_assert_cmpuint (without->records->len, ==, 2);
    assert_fields (rec (without, 0), "email", "name", NULL);
  }

  /* Empty input: no header, no records, no problems. */
  {
    g_autoptr(Result) empty = read_bytes ("", 0, NULL);
    g_autoptr(Result) blank = read_bytes ("\r\n\n", -1, NULL);

    g_assert_cmpuint (empty->records->len, ==, 0);
    g_assert_false (roster_csv_reader_get_has_header (empty->reader));
    g_assert_cmpuint (blank->records->len, ==, 0);
    g_assert_cmpuint (roster_csv_reader_get_n_problems (blank->reader), ==, 0);
  }
}

/* ---- Sample exports ------------------------------------------------------------------------- */

typedef void (*SampleCheck) (const char *path);

typedef struct
{
  const char  *name;
  SampleCheck  check;
} SampleTest;

static void
run_sample (gconstpointer data)
{
  const SampleTest *test = data;
  g_autofree char *path = roster_test_sample_path (test->name);

  test->check (path);
}

static void
test_sample_contacts_simple (const char *path)
{
  g_autoptr(Result) result = read_file (path, NULL);
  const char * const *header = roster_csv_reader_get_header (result->reader);

  g_assert_cmpstr (roster_csv_reader_get_encoding (result->reader), ==, "UTF-8");
  g_assert_cmpint (roster_csv_reader_get_delimiter (result->reader), ==, ',');
  g_assert_cmpstr (header[0], ==, "email");
  g_assert_cmpstr (header[1], ==, "first_name");
  g_assert_cmpstr (header[2], ==, "last_name");
  g_assert_null (header[3]);
  g_assert_cmpuint (result->records->len, ==, 50);
  assert_fields (rec (result, 0), "grace.haddad1@example.net", "Grace", "Haddad", NULL);
  assert_fields (rec (result, 1), "mateo.muller2@example.org", "Mateo", "Müller", NULL);
  assert_fields (rec (result, 49), "mei.duchatelet50@example.net", "Mei", "du Châtelet", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 49)), ==, 51);
  g_assert_cmpuint (roster_csv_reader_get_n_problems (result->reader), ==, 0);
}

static void
test_sample_excel_de (const char *path)
{
  g_autoptr(Result) result = read_file (path, NULL);
  const char * const *header = roster_csv_reader_get_header (result->reader);

  g_assert_cmpstr (roster_csv_reader_get_encoding (result->reader), ==, "UTF-8");
  g_assert_cmpint (roster_csv_reader_get_delimiter (result->reader), ==, ';');
  g_assert_cmpstr (header[0], ==, "Nachname");
  g_assert_cmpstr (header[3], ==, "Ländervorwahl");
  g_assert_cmpstr (header[5], ==, "Einwilligung");
  g_assert_cmpuint (result->records->len, ==, 100);
  assert_fields (rec (result, 0), "Núñez", "Çağla", "cagla.nunez251@example.com", "+34", "84420942902", "Ja", NULL);
  assert_fields (rec (result, 99), "Hamilton", "José", "jose.hamilton350@example.net", "+91", "780600301", "Ja", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 99)), ==, 101);
  g_assert_cmpuint (roster_csv_reader_get_n_problems (result->reader), ==, 0);
}

static void
test_sample_mailchimp (const char *path)
{
  g_autoptr(Result) result = read_file (path, NULL);
  const char * const *header = roster_csv_reader_get_header (result->reader);

  g_assert_cmpint (roster_csv_reader_get_delimiter (result->reader), ==, ',');
  g_assert_cmpuint (g_strv_length ((char **) header), ==, 16);
  g_assert_cmpstr (header[0], ==, "Email Address");
  g_assert_cmpstr (header[4], ==, "Phone Number");
  g_assert_cmpstr (header[15], ==, "TIMEZONE");
  g_assert_cmpuint (result->records->len, ==, 200);
  g_assert_cmpuint (roster_csv_record_get_n_fields (rec (result, 0)), ==, 16);
  g_assert_cmpstr (roster_csv_record_get_field (rec (result, 0), 0), ==, "chloe.sjoberg51@example.net");
  g_assert_cmpstr (roster_csv_record_get_field (rec (result, 0), 1), ==, "Chloé");
  g_assert_cmpstr (roster_csv_record_get_field (rec (result, 0), 2), ==, "Sjöberg");
  g_assert_cmpstr (roster_csv_record_get_field (rec (result, 0), 4), ==, "+81 3834316717");
  g_assert_cmpstr (roster_csv_record_get_field (rec (result, 0), 7), ==, "2025-10-09 10:26:00");
  g_assert_cmpstr (roster_csv_record_get_field (rec (result, 199), 0), ==, "ada.sjoberg250@mail.example.org");
  g_assert_cmpstr (roster_csv_record_get_field (rec (result, 199), 4), ==, "+33 964135109");
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 199)), ==, 201);
  g_assert_cmpuint (roster_csv_reader_get_n_problems (result->reader), ==, 0);
}

static void
test_sample_messy (const char *path)
{
  g_autoptr(Result) result = read_file (path, NULL);

  g_assert_cmpint (roster_csv_reader_get_delimiter (result->reader), ==, ',');
  g_assert_cmpstr (roster_csv_reader_get_header (result->reader)[3], ==, "note");
  /* 30 clean rows, a blank line, 8 messy records (one spans two lines). */
  g_assert_cmpuint (result->records->len, ==, 38);
  assert_fields (rec (result, 0), "margaret.vanderberg351@example.org", "Margaret", "Van der Berg", "ok", NULL);
  assert_fields (rec (result, 29), "zoe.duchatelet380@mail.example.org", "Zoë", "du Châtelet", "ok", NULL);
  assert_fields (rec (result, 30), "not-an-email", "Broken", "Address", "invalid email", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 30)), ==, 33);
  assert_fields (rec (result, 32), " spaced@example.org ", " Trim ", "Me", "spaces around fields", NULL);
  assert_fields (rec (result, 33), "quoted@example.org", "Multi\nLine", "Name", "newline inside quotes", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 33)), ==, 36);
  assert_fields (rec (result, 34), "ragged@example.org", "Only", "Two", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 34)), ==, 38);
  assert_fields (rec (result, 35), "toolong@example.org", "A", "B", "C", "D", "E", "F", NULL);
  g_assert_cmpuint (count_problems (rec (result, 35), ROSTER_CSV_PROBLEM_EXTRA_FIELDS), ==, 1);
  assert_fields (rec (result, 36), "", "NoEmail", "Here", "missing email", NULL);
  assert_fields (rec (result, 37), "unicode@example.org", "Åsa", "Øvergård", "non-ASCII names", NULL);
  g_assert_cmpuint (roster_csv_record_get_line (rec (result, 37)), ==, 41);
  g_assert_cmpuint (roster_csv_reader_get_n_problems (result->reader), ==, 1);
}

/* Files of our own under tests/data/csv, beside the vendor-export samples in tests/data/samples. */
static void
test_data_files (void)
{
  g_autofree char *outlook = g_test_build_filename (G_TEST_DIST, "data", "csv", "outlook-utf16le.csv", NULL);
  g_autofree char *french = g_test_build_filename (G_TEST_DIST, "data", "csv", "french-windows-1252.csv", NULL);
  g_autofree char *google = g_test_build_filename (G_TEST_DIST, "data", "csv", "google-contacts.csv", NULL);
  g_autoptr(Result) r1 = read_file (outlook, NULL);
  g_autoptr(Result) r2 = read_file (french, NULL);
  g_autoptr(Result) r3 = read_file (google, NULL);

  g_assert_cmpstr (roster_csv_reader_get_encoding (r1->reader), ==, "UTF-16LE");
  g_assert_cmpint (roster_csv_reader_get_delimiter (r1->reader), ==, '\t');
  g_assert_cmpstr (roster_csv_reader_get_header (r1->reader)[0], ==, "First Name");
  g_assert_cmpuint (r1->records->len, ==, 3);
  g_assert_cmpstr (roster_csv_record_get_field (rec (r1, 1), 1), ==, "Östlund");
  g_assert_cmpstr (roster_csv_record_get_field (rec (r1, 1), 2), ==, "bjorn@example.se");

  g_assert_cmpstr (roster_csv_reader_get_encoding (r2->reader), ==, "WINDOWS-1252");
  g_assert_cmpint (roster_csv_reader_get_delimiter (r2->reader), ==, ';');
  g_assert_cmpstr (roster_csv_reader_get_header (r2->reader)[0], ==, "Prénom");
  g_assert_cmpuint (r2->records->len, ==, 3);
  assert_fields (rec (r2, 0), "Élodie", "Lefèvre", "elodie@example.fr", "+33", "06 12 34 56 78", NULL);
  assert_fields (rec (r2, 2), "Zoë", "Œuvre", "zoe@example.fr", "33", "€ non", NULL);

  g_assert_cmpstr (roster_csv_reader_get_encoding (r3->reader), ==, "UTF-8");
  g_assert_cmpuint (r3->records->len, ==, 2);
  g_assert_cmpstr (roster_csv_record_get_field (rec (r3, 0), 0), ==, "Ada Lovelace");
  g_assert_cmpstr (roster_csv_record_get_field (rec (r3, 1), 8), ==, "+1 (555) 010-9999");
}

/* ---- Round trip ----------------------------------------------------------------------------- */

static char *
random_field (GRand *rand)
{
  static const char * const pieces[] = {
    "a", "Z", "0", "7", " ", ",", ";", "\t", "|", "\"", "\"\"", "\r\n", "\n", "\r", "é", "€",
    "中", "😀", "O'Brien", "x@y.co", "=SUM(A1)", "+44", "-", "@home", "Lovelace, Ada",
  };
  GString *out = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, 12);

  for (guint i = 0; i < n; i++)
    g_string_append (out, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

  return g_string_free (out, FALSE);
}

static guint
count_line_breaks (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
      n++;

  return n;
}

static void
test_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4180);

  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(RosterCsvWriter) writer = roster_csv_writer_new (round % 2 == 0);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GString) buffer = NULL;
      g_autoptr(Result) result = NULL;
      RosterCsvOptions options = options_with (NULL, ',', ROSTER_CSV_HEADER_NO);
      guint n_rows = round < 3 ? 300 : 4000;
      guint line = 1;

      for (guint r = 0; r < n_rows; r++)
        {
          guint n_fields = g_rand_int_range (rand, 1, 9);
          GStrv fields = g_new0 (char *, n_fields + 1);

          for (guint f = 0; f < n_fields; f++)
            {
              g_autofree char *value = random_field (rand);

              /* A row of empty cells reads as a blank line: keep one cell with text. */
              if (f == 0)
                {
                  g_autofree char *tmp = g_steal_pointer (&value);
                  value = g_strconcat ("r", tmp, NULL);
                }
              fields[f] = roster_csv_neutralise (value);
              roster_csv_writer_add_field (writer, value);
            }
          roster_csv_writer_end_row (writer);
          g_ptr_array_add (rows, fields);
          g_array_append_val (lines, line);
          for (guint f = 0; f < n_fields; f++)
            line += count_line_breaks (fields[f]);
          line++;
        }

      buffer = roster_csv_writer_steal_buffer (writer);
      result = read_bytes (buffer->str, buffer->len, &options);

      g_assert_cmpstr (roster_csv_reader_get_encoding (result->reader), ==, "UTF-8");
      g_assert_cmpuint (result->records->len, ==, n_rows);
      for (guint r = 0; r < n_rows; r++)
        {
          GStrv expected = g_ptr_array_index (rows, r);
          const char * const *got = roster_csv_record_get_fields (rec (result, r));

          g_assert_cmpstrv (got, expected);
          g_assert_cmpuint (roster_csv_record_get_line (rec (result, r)), ==, g_array_index (lines, guint, r));
          g_assert_cmpuint (n_problems (rec (result, r)), ==, 0);
        }
    }
}

/* ---- Preview -------------------------------------------------------------------------------- */

static void
test_preview (void)
{
  static const char data[] = "\xEF\xBB\xBF" "Nachname;Vorname;E-Mail\r\nA;B;a@b.de\r\nC;D;c@d.de\r\nE;F;e@f.de\r\n";
  g_autoptr(GInputStream) s1 = g_memory_input_stream_new_from_data (data, -1, NULL);
  g_autoptr(GInputStream) s2 = g_memory_input_stream_new_from_data (data, -1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterCsvPreview) partial = roster_csv_reader_preview (s1, NULL, 2, NULL, &error);
  g_autoptr(RosterCsvPreview) whole = roster_csv_reader_preview (s2, NULL, 10, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (partial->encoding, ==, "UTF-8");
  g_assert_cmpint (partial->delimiter, ==, ';');
  g_assert_true (partial->has_header);
  g_assert_cmpstr (partial->header[2], ==, "E-Mail");
  g_assert_cmpuint (partial->records->len, ==, 2);
  g_assert_false (partial->complete);
  assert_fields (g_ptr_array_index (partial->records, 1), "C", "D", "c@d.de", NULL);
  g_assert_cmpuint (whole->records->len, ==, 3);
  g_assert_true (whole->complete);
  g_assert_cmpuint (whole->problems->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  static const SampleTest samples[] = {
    { "contacts-simple.csv", test_sample_contacts_simple },
    { "excel-de-semicolon-bom.csv", test_sample_excel_de },
    { "mailchimp-export.csv", test_sample_mailchimp },
    { "messy.csv", test_sample_messy },
  };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/csv-reader/encoding/utf8", test_encoding_utf8);
  g_test_add_func ("/csv-reader/encoding/utf16", test_encoding_utf16);
  g_test_add_func ("/csv-reader/encoding/utf16-invalid", test_encoding_utf16_invalid);
  g_test_add_func ("/csv-reader/encoding/windows-1252", test_encoding_windows_1252);
  g_test_add_func ("/csv-reader/encoding/row-fallback", test_encoding_row_fallback);
  g_test_add_func ("/csv-reader/encoding/mixed", test_encoding_mixed);
  g_test_add_func ("/csv-reader/encoding/override", test_encoding_override);
  g_test_add_func ("/csv-reader/delimiter/sniff", test_delimiter_sniff);
  g_test_add_func ("/csv-reader/line-ends", test_line_ends);
  g_test_add_func ("/csv-reader/blank-lines", test_blank_lines);
  g_test_add_func ("/csv-reader/quotes/fields", test_quotes);
  g_test_add_func ("/csv-reader/quotes/unterminated", test_unterminated_quote);
  g_test_add_func ("/csv-reader/quotes/unterminated-cases", test_unterminated_quote_cases);
  g_test_add_func ("/csv-reader/ragged", test_ragged);
  g_test_add_func ("/csv-reader/bad/nul-bytes", test_nul_bytes);
  g_test_add_func ("/csv-reader/bad/huge-field", test_limits_field);
  g_test_add_func ("/csv-reader/bad/huge-record", test_limits_record);
  g_test_add_func ("/csv-reader/bad/garbage", test_garbage);
  g_test_add_func ("/csv-reader/header", test_header);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv-reader/samples/%s", samples[i].name);
      g_test_add_data_func (path, &samples[i], run_sample);
    }
  g_test_add_func ("/csv-reader/data-files", test_data_files);
  g_test_add_func ("/csv-reader/round-trip", test_round_trip);
  g_test_add_func ("/csv-reader/preview", test_preview);

  return g_test_run ();
}
