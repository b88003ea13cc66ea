/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-paste"

#include "config.h"

#include "roster-csv-reader.h"
#include "roster-import-mapping.h"
#include "roster-import-plan.h"
#include "roster-paste.h"

/* What a paste becomes: planned rows, through the same reader, mapping guess and plan as a
 * file.  Each case: the pasted text and the rows as "email|first|last|phone", "\n" between. */

static char *
plan_rows (const char *text)
{
  g_autoptr(RosterCsvReader) reader = roster_paste_reader_new (text);
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(RosterImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  if (!roster_csv_reader_detect (reader, NULL, &error))
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      return g_string_free (out, FALSE);
    }
  if (roster_csv_reader_get_header (reader) == NULL)
    return g_string_free (out, FALSE);
  mapping = roster_import_mapping_guess (roster_csv_reader_get_header (reader));
  plan = roster_import_plan_new (reader, mapping, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < roster_import_plan_get_n_rows (plan); i++)
    g_string_append_printf (out, "%s%s|%s|%s|%s", i > 0 ? "\n" : "",
                            roster_import_plan_get_row_value (plan, i, ROSTER_IMPORT_FIELD_EMAIL),
                            roster_import_plan_get_row_value (plan, i, ROSTER_IMPORT_FIELD_FIRST_NAME),
                            roster_import_plan_get_row_value (plan, i, ROSTER_IMPORT_FIELD_LAST_NAME),
                            roster_import_plan_get_row_value (plan, i, ROSTER_IMPORT_FIELD_PHONE));

  return g_string_free (out, FALSE);
}

static void
test_paste (void)
{
  static const struct { const char *in; const char *rows; } cases[] = {
    /* A spreadsheet's cells with their header. */
    { "Email\tFirst name\tLast name\r\nada@example.org\tAda\tLovelace\r\nbob@example.org\tBob\tBrown\r\n",
      "ada@example.org|Ada|Lovelace|\nbob@example.org|Bob|Brown|" },
    /* Without one: made up from the cells. */
    { "Ada\tLovelace\tada@example.org\t+44 20 7946 0018\nBob\tBrown\tbob@example.org\t030 123456\n",
      "ada@example.org|Ada|Lovelace|2079460018\nbob@example.org|Bob|Brown|030123456" },
    { "ada@example.org\tAda Lovelace\n", "ada@example.org|Ada|Lovelace|" },
    /* A quoted cell with a newline and a tab, as spreadsheets copy it. */
    { "Email\tName\nada@example.org\t\"Ada\n\tLovelace\"\n", "ada@example.org|Ada|Lovelace|" },
    /* Lists of addresses. */
    { "ada@example.org\nbob@example.org\n", "ada@example.org|||\nbob@example.org|||" },
    { "ada@example.org, bob@example.org; cy@example.org", "ada@example.org|||\nbob@example.org|||\ncy@example.org|||" },
    { "ada@example.org bob@example.org", "ada@example.org|||\nbob@example.org|||" },
    { "Ada Lovelace <ada@example.org>, \"Brown, Bob\" <bob@example.org>\n<cy@example.org>",
      "ada@example.org|Ada|Lovelace|\nbob@example.org|Bob|Brown|\ncy@example.org|||" },
    { "Ada Lovelace ada@example.org", "ada@example.org|Ada|Lovelace|" },
    /* A header line, blank lines, a BOM, CRLF. */
    { "\xEF\xBB\xBF" "Email\r\n\r\nada@example.org\r\n\r\n", "ada@example.org|||" },
    /* Kept for the plan to report. */
    { "ada@example.org\nnot an address", "ada@example.org|||\nnot an address|||" },
    { "", "" },
    { "  \n\n", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *rows = NULL;
      g_autofree char *shown = g_strescape (cases[i].in, NULL);

      g_test_message ("%s", shown);
      rows = plan_rows (cases[i].in);
      g_assert_cmpstr (rows, ==, cases[i].rows);
    }
}

static void
test_paste_csv (void)
{
  g_autoptr(GBytes) csv = roster_paste_to_csv ("a\"b@example.org\n");
  static const char expected[] = "\"Email\"\r\n\"a\"\"b@example.org\"\r\n";
  gsize size;
  const char *data = g_bytes_get_data (csv, &size);

  /* Quotes in values are doubled, so a paste cannot split a field. */
  g_assert_cmpmem (data, size, expected, sizeof expected - 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paste/planned-like-a-file", test_paste);
  g_test_add_func ("/paste/csv-quoting", test_paste_csv);

  return g_test_run ();
}
