/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "roster-contact.h"
#include "roster-csv-reader.h"
#include "roster-import-mapping.h"
#include "roster-import-plan.h"
#include "fuzz-import-stubs.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check_utf8 (const char *text)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    abort ();
}

static void
check_record (RosterCsvRecord *record,
              guint            max_field_size)
{
  GPtrArray *problems = roster_csv_record_get_problems (record);
  const char * const *fields = roster_csv_record_get_fields (record);
  guint n = 0;

  for (; fields[n] != NULL; n++)
    {
      check_utf8 (fields[n]);
      /* A Windows-1252 row may grow up to three times when converted. */
      if (strlen (fields[n]) > (gsize) max_field_size * 3)
        abort ();
    }
  if (n != roster_csv_record_get_n_fields (record) || roster_csv_record_get_line (record) == 0)
    abort ();
  if (problems != NULL)
    for (guint i = 0; i < problems->len; i++)
      check_utf8 (((RosterCsvProblem *) g_ptr_array_index (problems, i))->message);
}

/* Four header bytes choose the options (all zero: detect everything, default limits); the
 * rest is the file. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char * const encodings[] = {
    NULL, NULL, NULL, NULL, "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-16", "WINDOWS-1252",
    "ISO-8859-15", "SHIFT_JIS", "UTF-32",
  };
  static const char delimiters[] = { '\0', '\0', '\0', ',', ';', '\t', '|', ' ', ':' };
  static gboolean initialised;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(RosterCsvReader) reader2 = NULL;
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(RosterImportPlan) plan = NULL;
  g_autoptr(GHashTable) registered = NULL;
  g_autoptr(GError) error = NULL;
  RosterCsvOptions options;
  RosterCsvRecord *record = NULL;
  const char * const *header;
  guint n_records = 0;
  guint last_line = 0;

  if (!initialised)
    {
      roster_fuzz_init_logging ();
      initialised = TRUE;
    }

  roster_csv_options_init (&options);
  if (size >= 4)
    {
      options.encoding = encodings[data[0] % G_N_ELEMENTS (encodings)];
      options.delimiter = delimiters[data[1] % G_N_ELEMENTS (delimiters)];
      options.header = data[2] % 3;
      if (data[3] & 1)
        {
          options.max_field_size = 1 + (data[3] >> 1) * 4;
          options.max_record_size = 1 + (data[3] >> 1) * 16;
          options.max_fields = 1 + (data[3] >> 4);
        }
      data += 4;
      size -= 4;
    }

  /* The reader alone, checking every record. */
  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, size), size, g_free);
  reader = roster_csv_reader_new_for_stream (stream, &options);
  while (roster_csv_reader_read_record (reader, &record, NULL, &error))
    {
      check_record (record, options.max_field_size ? options.max_field_size : 64 * 1024);
      if (roster_csv_record_get_line (record) > roster_csv_reader_get_n_lines (reader))
        abort ();
      /* Records come in line order, each from a line of its own: reading lines again after a
       * stray quote must neither repeat nor skip back. */
      if (roster_csv_record_get_line (record) <= last_line)
        abort ();
      last_line = roster_csv_record_get_line (record);
      roster_csv_record_unref (record);
      n_records++;
    }
  if (error != NULL)
    {
      /* Only an encoding the system cannot convert may fail; bytes never do. */
      if (options.encoding == NULL)
        abort ();
      return 0;
    }
  if (n_records != roster_csv_reader_get_n_records (reader))
    abort ();
  check_utf8 (roster_csv_reader_get_encoding (reader));
  header = roster_csv_reader_get_header (reader);

  /* Then mapping and plan over a second pass. */
  mapping = header != NULL ? roster_import_mapping_guess (header) : roster_import_mapping_new (0);
  if (header == NULL)
    {
      roster_import_mapping_set_column (mapping, ROSTER_IMPORT_FIELD_EMAIL, 0);
      roster_import_mapping_set_column (mapping, ROSTER_IMPORT_FIELD_FULL_NAME, 1);
      roster_import_mapping_set_column (mapping, ROSTER_IMPORT_FIELD_PHONE, 2);
      roster_import_mapping_set_column (mapping, ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 3);
      roster_import_mapping_set_extra (mapping, 4, "Company");
    }
  else
    {
      const char * const labels[] = { "Company", "note", header[0], NULL };
      roster_import_mapping_guess_extras (mapping, labels);
    }
  /* Half the inputs also tidy every value, with a default country for national phones. */
  if (size >= 4 && (data[-2] & 0x80))
    {
      roster_import_mapping_set_tidy (mapping, ROSTER_IMPORT_TIDY_SAFE | ROSTER_IMPORT_TIDY_TITLE_CASE);
      roster_import_mapping_set_default_country_code (mapping, "+49");
    }
  g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, NULL, NULL);
  reader2 = roster_csv_reader_new_for_stream (stream, &options);
  plan = roster_import_plan_new (reader2, mapping, NULL, &error);
  if (plan == NULL)
    abort ();

  {
    guint n_rows = roster_import_plan_get_n_rows (plan);
    guint total = 0;

    if (n_rows != n_records)
      abort ();
    for (guint s = 0; s < ROSTER_IMPORT_N_ROW_STATES; s++)
      total += roster_import_plan_get_count (plan, s);
    if (total != n_rows)
      abort ();

    registered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < n_rows; i++)
      {
        const RosterImportProblem *problems;
        guint n_problems = roster_import_plan_get_row_problems (plan, i, &problems);

        for (guint f = 0; f < ROSTER_IMPORT_N_FIELDS; f++)
          if (f != ROSTER_IMPORT_FIELD_FULL_NAME)
            check_utf8 (roster_import_plan_get_row_value (plan, i, f));
        for (guint e = 0; e < roster_import_plan_get_n_extras (plan); e++)
          check_utf8 (roster_import_plan_get_row_extra (plan, i, e));
        for (guint p = 0; p < n_problems; p++)
          {
            check_utf8 (problems[p].message);
            if (problems[p].row != i)
              abort ();
          }
        if (roster_import_plan_get_row_status (plan, i) == ROSTER_IMPORT_ROW_INVALID && n_problems == 0)
          abort ();
        if (i % 2 == 0)
          g_hash_table_add (registered,
                            roster_contact_casefold_email (roster_import_plan_get_row_value (plan, i, ROSTER_IMPORT_FIELD_EMAIL)));
      }
    for (guint p = 0; p < roster_import_plan_get_n_problems (plan); p++)
      check_utf8 (roster_import_plan_get_problem (plan, p)->message);

    roster_import_plan_mark_registered (plan, registered);
    total = 0;
    for (guint s = 0; s < ROSTER_IMPORT_N_ROW_STATES; s++)
      total += roster_import_plan_get_count (plan, s);
    if (total != n_rows)
      abort ();
  }

  return 0;
}
