/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "roster-csv-reader.h"
#include "roster-sheet-reader-private.h"

/* The sheet reader over files LibreOffice Calc wrote (tests/data/sheets, made by
 * make-fixtures.sh) and hand-made hostile ones; and the CSV reader's records from a workbook,
 * which must be those of the CSV it was made from. */

static char *
sheet_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "sheets", name, NULL);
}

static GBytes *
load (const char *name)
{
  g_autofree char *path = sheet_path (name);
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);

  g_assert_nonnull (mapped);
  return g_mapped_file_get_bytes (mapped);
}

static RosterSheetReader *
open_sheet (const char *name,
            const char *sheet)
{
  g_autoptr(GBytes) bytes = load (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterSheetReader) reader = roster_sheet_reader_new (bytes, &error);

  g_assert_no_error (error);
  g_assert_true (roster_sheet_reader_select_sheet (reader, sheet, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&reader);
}

/* The rows as "number: cell|cell|…" lines. */
static char *
dump (RosterSheetReader *reader)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *cells;
  guint number;

  while (roster_sheet_reader_next_row (reader, &number, &cells, &error))
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (cells, NULL);
      joined = g_strjoinv ("|", (char **) cells->pdata);
      g_string_append_printf (out, "%u: %s\n", number, joined);
      g_ptr_array_unref (cells);
    }
  g_assert_no_error (error);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The records of a file as the CSV reader gives them, one line each with its line number. */
static char *
records_of (const char *path,
            const char *sheet)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  RosterCsvRecord *record;
  RosterCsvOptions options;

  roster_csv_options_init (&options);
  options.sheet = sheet;
  reader = roster_csv_reader_new_for_file (file, &options, NULL, &error);
  g_assert_no_error (error);
  while (roster_csv_reader_read_record (reader, &record, NULL, &error))
    {
      g_autofree char *joined = g_strjoinv ("|", (char **) roster_csv_record_get_fields (record));

      g_string_append_printf (out, "%u: %s\n", roster_csv_record_get_line (record), joined);
      roster_csv_record_unref (record);
    }
  g_assert_no_error (error);
  g_string_prepend_c (out, '\n');
  {
    g_autofree char *header = g_strjoinv ("|", (char **) roster_csv_reader_get_header (reader));

    g_string_prepend (out, header);
  }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* LibreOffice made numbers of the phones and dates of the dates: they come back as the CSV
 * had them, the blank line skipped and the rows numbered as the lines were. */
static void
test_same_as_csv (gconstpointer data)
{
  const char *name = data;
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "sheets", "source", "contacts.csv", NULL);
  g_autofree char *sheet = sheet_path (name);
  g_autofree char *expected = records_of (csv, NULL);
  g_autofree char *got = records_of (sheet, NULL);

  g_assert_cmpstr (got, ==, expected);
  g_assert_nonnull (strstr (got, "4915112345678"));
  g_assert_nonnull (strstr (got, "2026-12-03"));
}

static void
test_sheets (gconstpointer data)
{
  const char *name = data;
  g_autoptr(RosterSheetReader) first = open_sheet (name, NULL);
  g_autoptr(RosterSheetReader) contacts = open_sheet (name, "Contacts");
  g_autoptr(RosterSheetReader) empty = open_sheet (name, "Empty");
  const char * const *names = roster_sheet_reader_get_sheet_names (first);
  g_autofree char *first_rows = dump (first);
  g_autofree char *contact_rows = dump (contacts);
  g_autofree char *empty_rows = dump (empty);

  g_assert_cmpuint (g_strv_length ((GStrv) names), ==, 3);
  g_assert_cmpstr (names[0], ==, "Notes");
  g_assert_cmpstr (names[1], ==, "Contacts");
  g_assert_cmpstr (names[2], ==, "Empty");
  g_assert_cmpstr (roster_sheet_reader_get_sheet_name (first), ==, "Notes");
  g_assert_cmpstr (first_rows, ==, "1: This sheet is not the contacts\n");
  g_assert_cmpstr (empty_rows, ==, "");

  /* A phone with an 11-zero format keeps its 0; a DD.MM.YYYY date is ISO; merged cells have
   * their value in the first cell and nothing in the others, across and down. */
  g_assert_cmpstr (contact_rows, ==,
                   "1: Email|Name|Surname|Phone|Signed up|Company\n"
                   "2: ada@example.org|Ada|Lovelace|07911123456|2026-12-03|Analytical Engines\n"
                   "3: charles@example.org|Charles Babbage||4915112345678\n"
                   "4: grace@example.com|||447700900123\n");
}

static void
test_unknown_sheet (void)
{
  g_autoptr(GBytes) bytes = load ("workbook.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterSheetReader) reader = roster_sheet_reader_new (bytes, &error);

  g_assert_no_error (error);
  g_assert_false (roster_sheet_reader_select_sheet (reader, "Nope", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* Opening or reading fails with @code, quickly and without a warning. */
static void
assert_refused_within (const char *name,
                       gsize       max_bytes,
                       int         code)
{
  g_autoptr(GBytes) bytes = load (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterSheetReader) reader = roster_sheet_reader_new (bytes, &error);
  GPtrArray *cells = NULL;
  guint number;

  if (reader != NULL)
    {
      if (max_bytes > 0)
        roster_sheet_reader_set_max_bytes (reader, max_bytes);
      while (roster_sheet_reader_next_row (reader, &number, &cells, &error))
        {
          for (guint i = 0; i < cells->len; i++)
            g_assert_null (strstr (g_ptr_array_index (cells, i), "root:"));
          g_ptr_array_unref (cells);
        }
    }
  g_assert_error (error, G_IO_ERROR, code);
  g_test_message ("%s: %s", name, error->message);
}

static void
assert_refused (const char *name,
                int         code)
{
  assert_refused_within (name, 0, code);
}

static void
test_zip_bomb (void)
{
  /* 300 MiB of spaces in 300 KiB: refused by its size before a byte is unpacked. */
  assert_refused ("zip-bomb.xlsx", G_IO_ERROR_INVALID_DATA);
}

/* A zip bomb whose sizes lie is caught by the bytes that come out. */
static void
test_unpacked_cap (void)
{
  g_autoptr(GBytes) bytes = load ("contacts.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterSheetReader) reader = roster_sheet_reader_new (bytes, &error);
  GPtrArray *cells = NULL;
  guint number;

  g_assert_no_error (error);
  roster_sheet_reader_set_max_bytes (reader, 64);
  g_assert_false (roster_sheet_reader_next_row (reader, &number, &cells, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_entities (void)
{
  assert_refused ("billion-laughs.xlsx", G_IO_ERROR_INVALID_DATA);
  assert_refused ("billion-laughs.ods", G_IO_ERROR_INVALID_DATA);
  assert_refused ("external-entity.xlsx", G_IO_ERROR_INVALID_DATA);
}

static void
test_huge_repeat (void)
{
  /* A million rows of 16,384 cells in 466 bytes: the rows' text is capped (here lower, to
   * stay fast), and memory stays that of one row. */
  assert_refused_within ("huge-repeat.ods", 8 * 1024 * 1024, G_IO_ERROR_INVALID_DATA);
}

static void
test_not_a_sheet (void)
{
  assert_refused ("not-a-sheet.zip", G_IO_ERROR_INVALID_DATA);
}

static void
test_legacy_xls (void)
{
  g_autoptr(GBytes) bytes = load ("legacy.xls");
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterSheetReader) reader = roster_sheet_reader_new (bytes, &error);

  g_assert_null (reader);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "XLSX or CSV"));
}

/* The session and the CLI read through the CSV reader: it refuses the same way. */
static void
test_csv_reader_refuses (void)
{
  g_autofree char *path = sheet_path ("legacy.xls");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterCsvReader) reader = roster_csv_reader_new_for_file (file, NULL, NULL, &error);
  RosterCsvRecord *record = NULL;

  g_assert_no_error (error);
  g_assert_false (roster_csv_reader_read_record (reader, &record, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
test_numbers (void)
{
  static const struct { const char *value; guint id; const char *code; gboolean date1904; const char *shown; } cases[] = {
    { "4915112345678", 0, NULL, FALSE, "4915112345678" },
    { "4.915112345678E+12", 0, NULL, FALSE, "4915112345678" },
    { "0.30000000000000004", 0, NULL, FALSE, "0.3" },
    { "12.0", 0, NULL, FALSE, "12" },
    { "-3.25", 0, NULL, FALSE, "-3.25" },
    { "7911123456", 164, "00000000000", FALSE, "07911123456" },
    { "3.5", 2, NULL, FALSE, "3.50" },
    { "1234.5", 3, NULL, FALSE, "1235" },
    { "0.125", 10, NULL, FALSE, "12.50%" },
    { "0.5", 165, "0.0%", FALSE, "50.0%" },
    { "46359", 14, NULL, FALSE, "2026-12-03" },
    { "46359", 166, "DD.MM.YYYY", FALSE, "2026-12-03" },
    { "46359.5", 22, NULL, FALSE, "2026-12-03 12:00:00" },
    { "0.75", 20, NULL, FALSE, "18:00:00" },
    { "1", 14, NULL, TRUE, "1904-01-02" },
    { "46359", 167, "[$-409]d\\ mmmm\\ yyyy;@", FALSE, "2026-12-03" },
    { "46359", 168, "\"day\" 0", FALSE, "46359" },
    { "#N/A", 0, NULL, FALSE, "#N/A" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = roster_sheet_format_number (cases[i].value, cases[i].id, cases[i].code, cases[i].date1904);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/sheet-reader/xlsx/same-as-csv", "contacts.xlsx", test_same_as_csv);
  g_test_add_data_func ("/sheet-reader/ods/same-as-csv", "contacts.ods", test_same_as_csv);
  g_test_add_data_func ("/sheet-reader/xlsx/sheets-merged-cells-formats", "workbook.xlsx", test_sheets);
  g_test_add_data_func ("/sheet-reader/ods/sheets-merged-cells-formats", "workbook.ods", test_sheets);
  g_test_add_func ("/sheet-reader/select/unknown-name", test_unknown_sheet);
  g_test_add_func ("/sheet-reader/numbers/as-shown", test_numbers);
  g_test_add_func ("/sheet-reader/hostile/zip-bomb", test_zip_bomb);
  g_test_add_func ("/sheet-reader/hostile/unpacked-bytes-cap", test_unpacked_cap);
  g_test_add_func ("/sheet-reader/hostile/entities", test_entities);
  g_test_add_func ("/sheet-reader/hostile/huge-repeat", test_huge_repeat);
  g_test_add_func ("/sheet-reader/hostile/not-a-sheet", test_not_a_sheet);
  g_test_add_func ("/sheet-reader/hostile/legacy-xls", test_legacy_xls);
  g_test_add_func ("/sheet-reader/csv-reader/refuses-xls", test_csv_reader_refuses);

  return g_test_run ();
}
