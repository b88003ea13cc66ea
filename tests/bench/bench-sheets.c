/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-sheets"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <gsf/gsf.h>

#include "roster-csv-reader.h"
#include "roster-import-mapping.h"
#include "roster-import-plan.h"

/* Reads and plans 100,000 rows as XLSX (written as Excel does: every text in the shared
 * strings, phones as numbers, dates as serials with a date style) and the same rows as CSV,
 * in one run, and prints both times, their ratio and the peak RSS of each.  Targets: XLSX at
 * most 3× the CSV's CPU time, and under 200 MiB. */

#define N_ROWS 100000

static const char * const first_names[] = { "Ada", "Grace", "Zoë", "Björn", "José", "Mei", "Łukasz", "Priya" };
static const char * const last_names[] = { "Lovelace", "Hopper", "Müller", "Núñez", "Okafor", "Tanaka", "Wałęsa" };

static void
write_member (GsfOutfile *dir,
              const char *name,
              GString    *text)
{
  GsfOutput *member = gsf_outfile_new_child (dir, name, FALSE);

  g_assert_true (gsf_output_write (member, text->len, (const guint8 *) text->str));
  g_assert_true (gsf_output_close (member));
  g_object_unref (member);
}

static void
write_files (const char *csv_path,
             const char *xlsx_path)
{
  g_autoptr(GString) csv = g_string_new ("Email,First Name,Last Name,Phone,Signed up\n");
  g_autoptr(GString) sheet = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                           "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                                           "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                                           "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v></c></row>");
  g_autoptr(GString) shared = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                            "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                                            "<si><t>Email</t></si><si><t>First Name</t></si><si><t>Last Name</t></si>"
                                            "<si><t>Phone</t></si><si><t>Signed up</t></si>");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GsfOutput *output;
  GsfOutfile *zip, *xl, *rels, *worksheets;
  guint n_shared = 5 + G_N_ELEMENTS (first_names) + G_N_ELEMENTS (last_names);

  for (guint i = 0; i < G_N_ELEMENTS (first_names); i++)
    g_string_append_printf (shared, "<si><t>%s</t></si>", first_names[i]);
  for (guint i = 0; i < G_N_ELEMENTS (last_names); i++)
    g_string_append_printf (shared, "<si><t>%s</t></si>", last_names[i]);

  for (guint i = 0; i < N_ROWS; i++)
    {
      guint first = i % G_N_ELEMENTS (first_names), last = (i / 3) % G_N_ELEMENTS (last_names);
      guint64 phone = G_GUINT64_CONSTANT (4915100000000) + i;
      guint serial = 46000 + i % 365;
      g_autoptr(GDateTime) base = g_date_time_new_utc (1899, 12, 30, 0, 0, 0);
      g_autoptr(GDateTime) day = g_date_time_add_days (base, serial);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      guint r = i + 2;

      g_string_append_printf (csv, "person.%u@example.org,%s,%s,%" G_GUINT64_FORMAT ",%s\n",
                              i, first_names[first], last_names[last], phone, date);
      g_string_append_printf (shared, "<si><t>person.%u@example.org</t></si>", i);
      g_string_append_printf (sheet,
                              "<row r=\"%u\"><c r=\"A%u\" t=\"s\"><v>%u</v></c><c r=\"B%u\" t=\"s\"><v>%u</v></c>"
                              "<c r=\"C%u\" t=\"s\"><v>%u</v></c><c r=\"D%u\"><v>%" G_GUINT64_FORMAT "</v></c>"
                              "<c r=\"E%u\" s=\"1\"><v>%u</v></c></row>",
                              r, r, n_shared + i, r, 5 + first, r, 5 + (guint) G_N_ELEMENTS (first_names) + last,
                              r, phone, r, serial);
    }
  g_string_append (sheet, "</sheetData></worksheet>");
  g_string_append (shared, "</sst>");
  g_assert_true (g_file_set_contents (csv_path, csv->str, csv->len, NULL));

  output = gsf_output_stdio_new (xlsx_path, &error);
  g_assert_no_error (error);
  zip = gsf_outfile_zip_new (output, &error);
  g_assert_no_error (error);
  xl = GSF_OUTFILE (gsf_outfile_new_child (zip, "xl", TRUE));
  rels = GSF_OUTFILE (gsf_outfile_new_child (xl, "_rels", TRUE));
  worksheets = GSF_OUTFILE (gsf_outfile_new_child (xl, "worksheets", TRUE));
  g_string_assign (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                   "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                   "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                   "<sheets><sheet name=\"People\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
  write_member (xl, "workbook.xml", text);
  g_string_assign (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                   "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                   "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>");
  write_member (xl, "styles.xml", text);
  write_member (xl, "sharedStrings.xml", shared);
  write_member (worksheets, "sheet1.xml", sheet);
  g_string_assign (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                   "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                   "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                   "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                   "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
                   "</Relationships>");
  write_member (rels, "workbook.xml.rels", text);
  g_assert_true (gsf_output_close (GSF_OUTPUT (worksheets)));
  g_assert_true (gsf_output_close (GSF_OUTPUT (rels)));
  g_assert_true (gsf_output_close (GSF_OUTPUT (xl)));
  g_assert_true (gsf_output_close (GSF_OUTPUT (zip)));
  g_object_unref (worksheets);
  g_object_unref (rels);
  g_object_unref (xl);
  g_object_unref (zip);
  g_object_unref (output);
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static guint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

/* Reads and plans @path; returns the CPU seconds and the peak RSS from a reset. */
static double
read_and_plan (const char  *path,
               double      *wall,
               guint64     *rss_kib,
               char       **format)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(RosterImportPlan) plan = NULL;
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_seconds ();
  double cpu;

  /* Writing 5 to clear_refs resets VmHWM, so each file's peak is its own. */
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
  reader = roster_csv_reader_new_for_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  roster_csv_reader_detect (reader, NULL, &error);
  g_assert_no_error (error);
  mapping = roster_import_mapping_guess (roster_csv_reader_get_header (reader));
  plan = roster_import_plan_new (reader, mapping, NULL, &error);
  g_assert_no_error (error);
  cpu = cpu_seconds () - cpu_start;
  *wall = (g_get_monotonic_time () - start) / 1e6;
  *rss_kib = peak_rss_kib ();

  g_assert_cmpuint (roster_import_plan_get_n_rows (plan), ==, N_ROWS);
  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_READY), ==, N_ROWS);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, ROSTER_IMPORT_FIELD_PHONE), ==, 3);
  *format = g_strdup (roster_csv_reader_get_encoding (reader));

  return cpu;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("roster-bench-sheets-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "people.csv", NULL);
  g_autofree char *xlsx_path = g_build_filename (dir, "people.xlsx", NULL);
  g_autofree char *csv_format = NULL;
  g_autofree char *xlsx_format = NULL;
  double csv_cpu, xlsx_cpu, csv_wall, xlsx_wall;
  guint64 csv_rss, xlsx_rss;
  GStatBuf csv_st, xlsx_st;

  write_files (csv_path, xlsx_path);
  g_stat (csv_path, &csv_st);
  g_stat (xlsx_path, &xlsx_st);

  csv_cpu = read_and_plan (csv_path, &csv_wall, &csv_rss, &csv_format);
  xlsx_cpu = read_and_plan (xlsx_path, &xlsx_wall, &xlsx_rss, &xlsx_format);
  g_assert_cmpstr (xlsx_format, ==, "XLSX");

  printf ("files: %u rows, CSV %.1f MiB, XLSX %.1f MiB\n", N_ROWS,
          csv_st.st_size / (1024.0 * 1024.0), xlsx_st.st_size / (1024.0 * 1024.0));
  printf ("csv: read + plan %.3f s CPU (%.3f s wall), peak RSS %.1f MiB\n", csv_cpu, csv_wall, csv_rss / 1024.0);
  printf ("xlsx: read + plan %.3f s CPU (%.3f s wall), peak RSS %.1f MiB (target < 200 MiB: %s)\n",
          xlsx_cpu, xlsx_wall, xlsx_rss / 1024.0, xlsx_rss < 200 * 1024 ? "met" : "MISSED");
  printf ("ratio xlsx/csv: %.2fx CPU, %.2fx wall (target <= 3: %s)\n", xlsx_cpu / csv_cpu,
          xlsx_wall / csv_wall, xlsx_cpu <= 3 * csv_cpu ? "met" : "MISSED");

  g_unlink (csv_path);
  g_unlink (xlsx_path);
  g_rmdir (dir);

  return 0;
}
