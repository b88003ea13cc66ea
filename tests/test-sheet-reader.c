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

/* A workbook of one sheet whose <sheetData> is @rows, with no shared strings or styles. */
static GBytes *
make_xlsx (const char *rows)
{
  static const char * const members[][2] = {
    { "xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                         "<sheets><sheet name=\"One\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>" },
    { "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                    "<Relationship Id=\"rId1\" Target=\"sheet1.xml\" "
                                    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\"/>"
                                    "</Relationships>" },
    { "xl/sheet1.xml", NULL },
  };
  g_autoptr(GError) error = NULL;
  GsfOutput *memory = gsf_output_memory_new ();
  GsfOutfile *zip = gsf_outfile_zip_new (memory, &error);
  GsfOutfile *xl;
  GBytes *bytes;

  g_assert_no_error (error);
  xl = GSF_OUTFILE (gsf_outfile_new_child (zip, "xl", TRUE));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *sheet = g_strconcat ("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                                            "<sheetData>", rows, "</sheetData></worksheet>", NULL);
      const char *text = members[i][1] != NULL ? members[i][1] : sheet;
      GsfOutfile *dir = xl;
      GsfOutput *member;

      if (g_str_has_prefix (members[i][0], "xl/_rels/"))
        dir = GSF_OUTFILE (gsf_outfile_new_child (xl, "_rels", TRUE));
      member = gsf_outfile_new_child (dir, strrchr (members[i][0], '/') + 1, FALSE);
      g_assert_true (gsf_output_write (member, strlen (text), (const guint8 *) text));
      g_assert_true (gsf_output_close (member));
      g_object_unref (member);
      if (dir != xl)
        {
          g_assert_true (gsf_output_close (GSF_OUTPUT (dir)));
          g_object_unref (dir);
        }
    }
  g_assert_true (gsf_output_close (GSF_OUTPUT (xl)));
  g_assert_true (gsf_output_close (GSF_OUTPUT (zip)));
  bytes = g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (memory)), gsf_output_size (memory));
  g_object_unref (xl);
  g_object_unref (zip);
  g_object_unref (memory);

  return bytes;
}

/* Rows come packed, one NUL-terminated cell after another, into the caller's buffer: columns
 * skipped, cells that go back to an earlier column, numbers as General shows them, and rows
 * beyond one read chunk. */
static void
test_packed_cells (void)
{
  g_autoptr(GString) rows = g_string_new ("<row r=\"1\"><c r=\"C1\" t=\"inlineStr\"><is><t>c</t></is></c>"
                                          "<c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c>"
                                          "<c r=\"E1\"><v>0123</v></c><c r=\"B1\"><v>4915112345678</v></c></row>");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RosterSheetReader) reader = NULL;
  g_autoptr(GString) cells = g_string_new ("kept");
  g_autoptr(GError) error = NULL;
  guint number = 0, n_cells = 0, n_rows = 1;

  for (guint r = 2; r <= 5000; r++)
    g_string_append_printf (rows, "<row r=\"%u\"><c r=\"B%u\" t=\"inlineStr\"><is><t>row %u</t></is></c></row>", r, r, r);
  bytes = make_xlsx (rows->str);
  reader = roster_sheet_reader_new (bytes, &error);
  g_assert_no_error (error);

  g_assert_true (roster_sheet_reader_next_cells (reader, &number, cells, &n_cells, &error));
  g_assert_cmpuint (number, ==, 1);
  g_assert_cmpuint (n_cells, ==, 5);
  g_assert_cmpmem (cells->str, cells->len, "kept" "a\0" "4915112345678\0" "c\0" "\0" "123\0", 4 + 23);

  while (g_string_truncate (cells, 0),
         roster_sheet_reader_next_cells (reader, &number, cells, &n_cells, &error))
    {
      g_autofree char *expected = g_strdup_printf ("row %u", number);

      g_assert_cmpuint (number, ==, ++n_rows);
      g_assert_cmpuint (n_cells, ==, 2);
      g_assert_cmpuint (cells->len, ==, 1 + strlen (expected) + 1);
      g_assert_cmpint (cells->str[0], ==, '\0');
      g_assert_cmpstr (cells->str + 1, ==, expected);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 5000);
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
    { "2958465.99999999", 22, NULL, FALSE, "10000-01-01 00:00:00" },
    { "2958465.99999999", 14, NULL, FALSE, "10000-01-01" },
    { "2958465.99999999", 21, NULL, FALSE, "00:00:00" },
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
  g_test_add_func ("/sheet-reader/xlsx/packed-cells", test_packed_cells);
  g_test_add_func ("/sheet-reader/hostile/zip-bomb", test_zip_bomb);
  g_test_add_func ("/sheet-reader/hostile/unpacked-bytes-cap", test_unpacked_cap);
  g_test_add_func ("/sheet-reader/hostile/entities", test_entities);
  g_test_add_func ("/sheet-reader/hostile/huge-repeat", test_huge_repeat);
  g_test_add_func ("/sheet-reader/hostile/not-a-sheet", test_not_a_sheet);
  g_test_add_func ("/sheet-reader/hostile/legacy-xls", test_legacy_xls);
  g_test_add_func ("/sheet-reader/csv-reader/refuses-xls", test_csv_reader_refuses);

  return g_test_run ();
}
