/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-corrections"

#include "config.h"

#include <string.h>

#include "roster-error.h"
#include "roster-import-journal.h"
#include "roster-import-plan.h"
#include "roster-test-import.h"

/* Rows the user corrects in the review: the plan checks a corrected row with the same rules as
 * the file's (a fixed row becomes ready, counts move, problems go), and the journal (format
 * version 3) keeps the corrections for a resumed import, still reads version 2, and treats a
 * correction line it cannot read as damage. */

#define SHA_A   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define ACCOUNT "account-a"

static RosterImportPlan *
plan_for (const char *data)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_strdup (data), strlen (data), g_free);
  g_autoptr(RosterCsvReader) reader = roster_csv_reader_new_for_stream (stream, NULL);
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  RosterImportPlan *plan;

  roster_csv_reader_detect (reader, NULL, &error);
  g_assert_no_error (error);
  mapping = roster_import_mapping_guess (roster_csv_reader_get_header (reader));
  if (roster_import_mapping_get_n_columns (mapping) > 4)
  roster_import_mapping_set_extra (mapping, 4, "Company");
  roster_import_mapping_set_tidy (mapping, ROSTER_IMPORT_TIDY_SAFE);
  plan = roster_import_plan_new (reader, mapping, NULL, &error);
  g_assert_no_error (error);
  return plan;
}

static void
count_changes (RosterImportPlan *plan,
               guint             row,
               guint            *n_changed)
{
  (*n_changed)++;
}

static void
test_plan_correct (void)
{
  g_autoptr(RosterImportPlan) plan = plan_for ("Email,First name,Last name,Phone,Company\n"
                                               "ada@example.org,Ada,Lovelace,,Analytical\n"
                                               "bob(at)example.org,Bob,Babbage,,Engines\n"
                                               "cy@example.org,,Clark,,\n"
                                               "dee@example.org,Dee,Dee,12ab,\n");
  const RosterImportProblem *problems = NULL;
  const RosterImportCorrection *correction;
  guint n_problems_before, n_changed = 0;

  g_signal_connect (plan, "row-changed", G_CALLBACK (count_changes), &n_changed);
  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_READY), ==, 1);
  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_INVALID), ==, 3);
  n_problems_before = roster_import_plan_get_n_problems (plan);

  /* Still wrong: the row stays invalid with the new value's problem. */
  g_assert_true (roster_import_plan_correct (plan, 1, "email", "bob@example"));
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 1), ==, ROSTER_IMPORT_ROW_INVALID);
  g_assert_cmpuint (roster_import_plan_get_row_problems (plan, 1, &problems), ==, 1);
  g_assert_nonnull (strstr (problems[0].message, "bob@example"));
  g_assert_cmpuint (problems[0].row, ==, 1);

  /* Fixed, with spaces the rules trim: ready, counted, its problem gone, its extras kept. */
  g_assert_true (roster_import_plan_correct (plan, 1, "email", "  bob@example.org "));
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 1), ==, ROSTER_IMPORT_ROW_READY);
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 1, ROSTER_IMPORT_FIELD_EMAIL), ==, "bob@example.org");
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 1, ROSTER_IMPORT_FIELD_LAST_NAME), ==, "Babbage");
  g_assert_cmpstr (roster_import_plan_get_row_extra (plan, 1, 0), ==, "Engines");
  g_assert_cmpuint (roster_import_plan_get_row_problems (plan, 1, &problems), ==, 0);
  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_READY), ==, 2);
  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_INVALID), ==, 2);
  g_assert_cmpuint (roster_import_plan_get_n_problems (plan), ==, n_problems_before - 1);
  /* The later rows' problems still belong to them. */
  g_assert_cmpuint (roster_import_plan_get_row_problems (plan, 2, &problems), ==, 1);
  g_assert_cmpuint (problems[0].row, ==, 2);
  g_assert_nonnull (strstr (problems[0].message, "first name"));

  /* A missing first name, an invalid phone. */
  g_assert_true (roster_import_plan_correct (plan, 2, "first_name", "Cy"));
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 2), ==, ROSTER_IMPORT_ROW_READY);
  g_assert_true (roster_import_plan_correct (plan, 3, "phone", "+44 20 7946 0958"));
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 3), ==, ROSTER_IMPORT_ROW_READY);
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 3, ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE), ==, "+44");

  /* Another ready row's email: a duplicate, a warning rather than an error. */
  g_assert_true (roster_import_plan_correct (plan, 3, "email", "ADA@example.org"));
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 3), ==, ROSTER_IMPORT_ROW_DUPLICATE);
  g_assert_cmpuint (roster_import_plan_get_row_duplicate_of (plan, 3), ==, 2);
  g_assert_cmpuint (roster_import_plan_get_row_problems (plan, 3, &problems), ==, 1);
  g_assert_cmpint (problems[0].severity, ==, ROSTER_IMPORT_SEVERITY_WARNING);
  g_assert_true (roster_import_plan_correct (plan, 3, "email", "dee@example.org"));
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 3), ==, ROSTER_IMPORT_ROW_READY);
  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_READY), ==, 4);
  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_DUPLICATE), ==, 0);

  /* Extras by label; an unknown field changes nothing. */
  g_assert_true (roster_import_plan_correct (plan, 0, "extra:Company", "Difference"));
  g_assert_cmpstr (roster_import_plan_get_row_extra (plan, 0, 0), ==, "Difference");
  g_assert_false (roster_import_plan_correct (plan, 0, "shoe_size", "44"));
  g_assert_false (roster_import_plan_correct (plan, 0, "extra:Shoe size", "44"));

  /* One correction per row and field, with its last value. */
  g_assert_cmpuint (roster_import_plan_get_n_corrections (plan), ==, 5);
  correction = roster_import_plan_get_correction (plan, 0);
  g_assert_cmpuint (correction->row, ==, 1);
  g_assert_cmpstr (correction->field, ==, "email");
  g_assert_cmpstr (correction->value, ==, "  bob@example.org ");
  correction = roster_import_plan_get_correction (plan, 3);
  g_assert_cmpstr (correction->value, ==, "dee@example.org");
  g_assert_cmpuint (n_changed, ==, 7);
}

/* A possible duplicate (the same Gmail mailbox) is a warning the user can dismiss. */
static void
test_plan_dismiss (void)
{
  g_autoptr(RosterImportPlan) plan = plan_for ("Email,First name\n"
                                               "ada.lovelace@gmail.com,Ada\n"
                                               "adalovelace+webinar@gmail.com,Ada\n");
  const RosterImportProblem *problems = NULL;
  guint n = roster_import_plan_get_n_problems (plan);

  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_READY), ==, 2);
  g_assert_cmpuint (roster_import_plan_get_row_problems (plan, 1, &problems), ==, 1);
  g_assert_cmpint (problems[0].severity, ==, ROSTER_IMPORT_SEVERITY_WARNING);
  roster_import_plan_dismiss_warnings (plan, 1);
  g_assert_cmpuint (roster_import_plan_get_row_problems (plan, 1, &problems), ==, 0);
  g_assert_cmpuint (roster_import_plan_get_n_problems (plan), ==, n - 1);
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 1), ==, ROSTER_IMPORT_ROW_READY);
}

static RosterImportJournal *
open_journal (RosterImportTarget  *target,
              GError             **error)
{
  return roster_import_journal_open (NULL, ACCOUNT, SHA_A, "contacts.csv", target, 4,
                                     ROSTER_IMPORT_JOURNAL_OPEN_NONE, error);
}

static void
test_journal_version_3 (void)
{
  g_autoptr(RosterImportTarget) target = roster_import_target_new (1, 7, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) lines = NULL;
  const RosterImportCorrection *correction;
  RosterImportJournalInfo *info;

  roster_test_remove_journals ();
  journal = open_journal (target, &error);
  g_assert_no_error (error);
  path = g_strdup (roster_import_journal_get_path (journal));
  g_assert_true (roster_import_journal_append_correction (journal, 1, 3, "email", "bob@example.org", &error));
  g_assert_no_error (error);
  g_assert_true (roster_import_journal_append_correction (journal, 2, 4, "extra:Company", "Quote \" and\nnewline", &error));
  g_assert_true (roster_import_journal_append_correction (journal, 1, 3, "email", "bob@example.com", &error));
  /* The same value again writes nothing. */
  g_assert_true (roster_import_journal_append_correction (journal, 1, 3, "email", "bob@example.com", &error));
  g_assert_true (roster_import_journal_append (journal, 1, 3, "bob@example.com", ROSTER_IMPORT_ROW_SENDING,
                                               NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&journal);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"version\":3"));
  g_assert_nonnull (strstr (contents, "{\"event\":\"correct\",\"row\":1,\"line\":3,\"field\":\"email\",\"value\":\"bob@example.org\"}\n"));
  lines = g_strsplit (contents, "\n", -1);
  /* The header, three corrections, one event and the end. */
  g_assert_cmpuint (g_strv_length (lines), ==, 6);

  journal = open_journal (target, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roster_import_journal_get_n_corrections (journal), ==, 2);
  correction = roster_import_journal_get_correction (journal, 0);
  g_assert_cmpuint (correction->row, ==, 1);
  g_assert_cmpstr (correction->field, ==, "email");
  g_assert_cmpstr (correction->value, ==, "bob@example.com");
  correction = roster_import_journal_get_correction (journal, 1);
  g_assert_cmpstr (correction->value, ==, "Quote \" and\nnewline");
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 1), ==, ROSTER_IMPORT_ROW_SENDING);
  g_assert_cmpuint (roster_import_journal_get_n_junk_lines (journal), ==, 0);
  g_clear_object (&journal);

  /* Listing counts rows, not corrections, and finds no damage in them. */
  infos = roster_import_journal_list (NULL, ACCOUNT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);
  g_assert_false (info->damaged);
  g_assert_cmpuint (info->n_unknown, ==, 1);
  roster_test_remove_journals ();
}

/* A journal an earlier Roster wrote (version 2, no corrections) is read as it was; new lines
 * go on after it. */
static void
test_journal_reads_version_2 (void)
{
  g_autoptr(RosterImportTarget) target = roster_import_target_new (1, 7, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *v2 = NULL;
  g_autofree char *contents = NULL;

  roster_test_remove_journals ();
  journal = open_journal (target, &error);
  g_assert_no_error (error);
  path = g_strdup (roster_import_journal_get_path (journal));
  g_clear_object (&journal);

  v2 = g_strdup_printf ("{\"format\":\"roster-import-journal\",\"version\":2,\"account_id\":\"%s\","
                        "\"file_sha256\":\"%s\",\"file_name\":\"contacts.csv\",\"webinar_id\":1,"
                        "\"schedule_id\":7,\"created\":\"2026-01-01T00:00:00Z\",\"n_rows\":4}\n"
                        "{\"row\":0,\"line\":2,\"email\":\"ada@example.org\",\"state\":\"sending\"}\n"
                        "{\"row\":0,\"line\":2,\"email\":\"ada@example.org\",\"state\":\"registered\",\"user_id\":5}\n",
                        ACCOUNT, SHA_A);
  g_assert_true (g_file_set_contents_full (path, v2, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));

  journal = open_journal (target, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 0), ==, ROSTER_IMPORT_ROW_REGISTERED);
  g_assert_cmpstr (roster_import_journal_get_row (journal, 0)->user_id, ==, "5");
  g_assert_cmpuint (roster_import_journal_get_n_corrections (journal), ==, 0);
  g_assert_true (roster_import_journal_append_correction (journal, 1, 3, "email", "bob@example.org", &error));
  g_assert_no_error (error);
  g_clear_object (&journal);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, v2));
  journal = open_journal (target, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roster_import_journal_get_n_corrections (journal), ==, 1);
  g_clear_object (&journal);
  roster_test_remove_journals ();
}

/* A correction line that cannot be read is damage, like any other: refused, and recovery keeps
 * the corrections it can read. */
static void
test_journal_damaged_correction (void)
{
  g_autoptr(RosterImportTarget) target = roster_import_target_new (1, 7, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  const char *junk[] = {
    "{\"event\":\"correct\",\"row\":1,\"field\":\"email\"}",
    "{\"event\":\"correct\",\"row\":-1,\"field\":\"email\",\"value\":\"x@example.org\"}",
    "{\"event\":\"correct\",\"field\":\"email\",\"value\":\"x@example.org\"}",
    "{\"event\":\"correct\",\"row\":1,\"field\":\"\",\"value\":\"x@example.org\"}",
    "{\"event\":\"correct\",\"row\":1,\"field\":7,\"value\":\"x@example.org\"}",
    "{\"event\":\"correct\",\"row\":1,\"field\":\"email\",\"value\":[1]}",
  };

  roster_test_remove_journals ();
  journal = open_journal (target, &error);
  g_assert_no_error (error);
  path = g_strdup (roster_import_journal_get_path (journal));
  g_assert_true (roster_import_journal_append_correction (journal, 2, 4, "first_name", "Cy", &error));
  g_clear_object (&journal);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      g_autofree char *text = g_strdup_printf ("%s%s\n{\"row\":0,\"line\":2,\"email\":\"a@example.org\",\"state\":\"sending\"}\n",
                                               contents, junk[i]);

      g_assert_true (g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
      journal = open_journal (target, &error);
      g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_DAMAGED);
      g_assert_null (journal);
      g_clear_error (&error);
    }

  journal = roster_import_journal_open (NULL, ACCOUNT, SHA_A, "contacts.csv", target, 4,
                                        ROSTER_IMPORT_JOURNAL_OPEN_RECOVER, &error);
  g_assert_no_error (error);
  g_assert_true (roster_import_journal_get_recovering (journal));
  g_assert_cmpuint (roster_import_journal_get_n_corrections (journal), ==, 1);
  g_assert_cmpstr (roster_import_journal_get_correction (journal, 0)->value, ==, "Cy");
  g_clear_object (&journal);

  /* The recovered journal holds it too. */
  journal = open_journal (target, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roster_import_journal_get_n_corrections (journal), ==, 1);
  g_clear_object (&journal);
  roster_test_remove_journals ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-corrections/plan-correct", test_plan_correct);
  g_test_add_func ("/import-corrections/plan-dismiss", test_plan_dismiss);
  g_test_add_func ("/import-corrections/journal-version-3", test_journal_version_3);
  g_test_add_func ("/import-corrections/journal-reads-version-2", test_journal_reads_version_2);
  g_test_add_func ("/import-corrections/journal-damaged-correction", test_journal_damaged_correction);

  return g_test_run ();
}
