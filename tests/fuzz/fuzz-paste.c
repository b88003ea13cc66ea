/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "roster-csv-reader.h"
#include "roster-import-mapping.h"
#include "roster-import-plan.h"
#include "roster-paste.h"
#include "fuzz-import-stubs.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check_utf8 (const char *text)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    abort ();
}

/* Any clipboard text becomes a CSV the reader reads without an error, and a plan with every
 * kind of tidying, whose values and changes are valid UTF-8. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static gboolean initialised;
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(RosterImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *header;

  if (!initialised)
    {
      roster_fuzz_init_logging ();
      initialised = TRUE;
    }

  reader = roster_paste_reader_new (text);
  if (!roster_csv_reader_detect (reader, NULL, &error))
    abort ();
  header = roster_csv_reader_get_header (reader);
  if (header == NULL)
    return 0;
  mapping = roster_import_mapping_guess (header);
  roster_import_mapping_set_tidy (mapping, ROSTER_IMPORT_TIDY_SAFE | ROSTER_IMPORT_TIDY_TITLE_CASE);
  roster_import_mapping_set_default_country_code (mapping, "+39");
  plan = roster_import_plan_new (reader, mapping, NULL, &error);
  if (plan == NULL)
    abort ();

  for (guint i = 0; i < roster_import_plan_get_n_changes (plan); i++)
    {
      const RosterImportChange *change = roster_import_plan_get_change (plan, i);

      check_utf8 (change->before);
      check_utf8 (change->after);
      if (change->row >= roster_import_plan_get_n_rows (plan))
        abort ();
    }
  for (guint r = 0; r < roster_import_plan_get_n_rows (plan); r++)
    for (guint f = 0; f < ROSTER_IMPORT_N_FIELDS; f++)
      if (f != ROSTER_IMPORT_FIELD_FULL_NAME)
        check_utf8 (roster_import_plan_get_row_value (plan, r, f));

  return 0;
}
