/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-session"

#include "config.h"

#include <string.h>

#include "roster-error.h"
#include "roster-import-session.h"
#include "roster-test-import.h"
#include "roster-test-util.h"

/* RosterImportSession against the fake service over real HTTP on loopback: each step (load,
 * mapping, plan, start), and how starting resolves the journal: a new import, resuming after a
 * stop (by the same file, or from the journal's path), a file that changed since, a damaged
 * journal that needs recovering, another account's journal, the same import running twice.
 * And the journal list a front end offers resuming from, read in a thread. */

typedef RosterTestImport Fixture;

#define N_ROWS 40

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  roster_test_import_set_up (fixture, GPOINTER_TO_UINT (data));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  roster_test_import_tear_down (fixture);
}

/* ---- Helpers ------------------------------------------------------------------------------------- */

static GFile *
write_file (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static GFile *
write_csv (const char *tag,
           guint       n_rows)
{
  g_autofree char *name = g_strconcat (tag, ".csv", NULL);
  g_autofree char *csv = roster_test_make_csv (tag, n_rows);

  return write_file (name, csv);
}

static gboolean
load (RosterImportSession  *session,
      GFile                *file,
      GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_import_session_load_async (session, file, NULL, roster_test_store_result, &result);
  return roster_import_session_load_finish (session, roster_test_wait_for_result (&result), error);
}

static RosterImportPlan *
plan (RosterImportSession *session)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterImportPlan *plan;

  roster_import_session_plan_async (session, NULL, roster_test_store_result, &result);
  plan = roster_import_session_plan_finish (session, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (plan == roster_import_session_get_plan (session));

  return plan;
}

static RosterImportJob *
start (RosterImportSession           *session,
       const RosterImportTarget      *target,
       RosterImportJournalOpenFlags   flags,
       RosterImportResume            *resume,
       GError                       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_import_session_start_async (session, target, flags, NULL, roster_test_store_result, &result);
  return roster_import_session_start_finish (session, roster_test_wait_for_result (&result), resume, error);
}

static gboolean
open_journal (RosterImportSession  *session,
              const char           *path,
              GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_import_session_open_journal_async (session, path, NULL, roster_test_store_result, &result);
  return roster_import_session_open_journal_finish (session, roster_test_wait_for_result (&result), error);
}

static GPtrArray *
list_journals (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *account_id = roster_client_dup_account_id (fixture->client);
  GPtrArray *infos;

  roster_import_journal_list_async (roster_client_get_journal_dir (fixture->client), account_id, NULL,
                                    roster_test_store_result, &result);
  infos = roster_import_journal_list_finish (roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  return infos;
}

/* A session loaded and planned with the guessed mapping. */
static RosterImportSession *
session_for (Fixture *fixture,
             GFile   *file)
{
  RosterImportSession *session = roster_import_session_new (fixture->client);
  g_autoptr(GError) error = NULL;

  g_assert_true (load (session, file, &error));
  g_assert_no_error (error);
  plan (session);

  return session;
}

static RosterImportTarget *
fixture_target (Fixture *fixture)
{
  return roster_import_target_new (fixture->webinar_id, fixture->schedule_id, NULL, NULL);
}

static void
assert_each_registered_once (Fixture    *fixture,
                             const char *tag,
                             guint       n_rows)
{
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *email = roster_test_email_of (tag, i);

      g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->fake, fixture->webinar_id, email), ==, 1);
    }
}

static void
stop_after_cb (RosterImportJob *job,
               guint            row,
               guint           *n_left)
{
  if (*n_left > 0 && --*n_left == 0)
    roster_import_job_cancel (job);
}

/* Registers some of @file's people, then stops as a closed window or Ctrl+C would; returns
 * how many were registered.  The session, its job and journal are gone after. */
static guint
run_partly (Fixture *fixture,
            GFile   *file)
{
  g_autoptr(RosterImportSession) session = session_for (fixture, file);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(GError) error = NULL;
  RosterImportResume resume = ROSTER_IMPORT_RESUME_CONTINUE;
  RosterImportJob *job;
  guint n_left = 8;
  guint n_registered;

  job = start (session, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &resume, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resume, ==, ROSTER_IMPORT_RESUME_NONE);
  g_signal_connect (job, "row-done", G_CALLBACK (stop_after_cb), &n_left);
  roster_test_run_job (job);
  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_CANCELLED);
  n_registered = roster_import_job_get_n_registered (job);
  g_assert_cmpuint (n_registered, >=, 8);
  g_assert_cmpuint (n_registered, <, N_ROWS);

  return n_registered;
}

/* ---- Steps --------------------------------------------------------------------------------------- */

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv ("load", 5);
  g_autoptr(GFile) empty = write_file ("empty.csv", "");
  g_autoptr(RosterImportSession) session = roster_import_session_new (fixture->client);
  g_autoptr(GError) error = NULL;
  const RosterCsvPreview *preview;
  RosterImportMapping *mapping;

  g_assert_true (load (session, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (roster_import_session_get_file (session), file));
  preview = roster_import_session_get_preview (session);
  g_assert_nonnull (preview);
  g_assert_cmpstr (preview->encoding, ==, "UTF-8");
  g_assert_cmpint (preview->delimiter, ==, ',');
  g_assert_true (preview->has_header);
  g_assert_cmpuint (preview->records->len, ==, 5);
  g_assert_cmpuint (roster_import_session_get_n_columns (session), ==, 3);

  /* Guessed from the header. */
  mapping = roster_import_session_get_mapping (session);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, ROSTER_IMPORT_FIELD_FIRST_NAME), ==, 0);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, ROSTER_IMPORT_FIELD_LAST_NAME), ==, 1);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, ROSTER_IMPORT_FIELD_EMAIL), ==, 2);
  g_assert_null (roster_import_session_get_plan (session));

  /* Nothing to map: the session says so, and keeps what it had. */
  g_assert_false (load (session, empty, &error));
  g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_FILE_EMPTY);
  g_assert_true (g_file_equal (roster_import_session_get_file (session), file));
}

/* Pasted text loads like a file (a file in the cache, named by the text), with the session's
 * CSV options back at detection; its plan is the paste's rows. */
static void
test_load_text (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(RosterImportSession) session = roster_import_session_new (fixture->client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RosterImportPlan *pasted;

  roster_import_session_set_csv_options (session, "UTF-16", ';');
  roster_import_session_load_text_async (session, "Ada Lovelace <ada@example.org>\nbob@example.org\n", NULL,
                                         roster_test_store_result, &result);
  g_assert_true (roster_import_session_load_finish (session, roster_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  path = g_file_get_path (roster_import_session_get_file (session));
  g_assert_true (g_str_has_prefix (path, g_get_user_cache_dir ()));
  g_assert_cmpint (roster_import_mapping_get_column (roster_import_session_get_mapping (session),
                                                     ROSTER_IMPORT_FIELD_FULL_NAME), ==, 1);

  pasted = plan (session);
  g_assert_cmpuint (roster_import_plan_get_n_rows (pasted), ==, 2);
  g_assert_cmpstr (roster_import_plan_get_row_value (pasted, 0, ROSTER_IMPORT_FIELD_LAST_NAME), ==, "Lovelace");
  g_assert_cmpstr (roster_import_plan_get_row_value (pasted, 1, ROSTER_IMPORT_FIELD_EMAIL), ==, "bob@example.org");
}

static void
test_plan (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv ("plan", 5);
  g_autoptr(RosterImportSession) session = session_for (fixture, file);
  g_autoptr(RosterImportMapping) mapping = NULL;
  RosterImportPlan *first;
  RosterImportPlan *second;

  first = roster_import_session_get_plan (session);
  g_assert_nonnull (first);
  g_assert_cmpuint (roster_import_plan_get_n_rows (first), ==, 5);
  g_assert_cmpuint (roster_import_plan_get_count (first, ROSTER_IMPORT_ROW_READY), ==, 5);
  g_assert_cmpstr (roster_import_plan_get_row_value (first, 3, ROSTER_IMPORT_FIELD_EMAIL), ==, "plan-3@example.org");

  /* The user takes the email from another column: the next plan reads the file that way. */
  mapping = roster_import_mapping_copy (roster_import_session_get_mapping (session));
  roster_import_mapping_set_column (mapping, ROSTER_IMPORT_FIELD_EMAIL, 0);
  roster_import_session_set_mapping (session, mapping);
  g_assert_cmpint (roster_import_mapping_get_column (roster_import_session_get_mapping (session),
                                                     ROSTER_IMPORT_FIELD_EMAIL), ==, 0);
  second = plan (session);
  g_assert_true (second != first);
  g_assert_cmpuint (roster_import_plan_get_count (second, ROSTER_IMPORT_ROW_INVALID), ==, 5);
}

static void
test_start_new (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv ("new", 12);
  g_autoptr(RosterImportSession) session = session_for (fixture, file);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  RosterImportResume resume = ROSTER_IMPORT_RESUME_CONTINUE;
  RosterImportJob *job;
  RosterImportJournalInfo *info;

  roster_fake_service_reset_counters (fixture->fake);
  job = start (session, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &resume, &error);
  g_assert_no_error (error);
  g_assert_nonnull (job);
  g_assert_true (job == roster_import_session_get_job (session));
  g_assert_cmpint (resume, ==, ROSTER_IMPORT_RESUME_NONE);
  /* Made, not started: the front end sets it up first. */
  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_IDLE);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 0);
  g_assert_true (roster_import_target_equal (roster_import_job_get_target (job), target));
  g_assert_true (roster_import_job_get_plan (job) == roster_import_session_get_plan (session));

  roster_test_run_job (job);
  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_FINISHED);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 12);
  assert_each_registered_once (fixture, "new", 12);

  /* Its journal names the file by its path, so that resuming can open it again. */
  infos = list_journals (fixture);
  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);
  g_assert_cmpstr (info->file_name, ==, path);
  g_assert_cmpuint (info->n_registered, ==, 12);
  g_assert_true (info->complete);
}

/* ---- Resolving the journal ----------------------------------------------------------------------- */

static void
test_resume_after_stop (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv ("again", N_ROWS);
  g_autoptr(RosterImportSession) session = NULL;
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(GError) error = NULL;
  RosterImportResume resume = ROSTER_IMPORT_RESUME_NONE;
  RosterImportJob *job;
  guint n_before = run_partly (fixture, file);
  guint n_calls;

  /* The same file into the same target, as running the same command again does. */
  session = session_for (fixture, file);
  job = start (session, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &resume, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resume, ==, ROSTER_IMPORT_RESUME_CONTINUE);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, n_before);

  n_calls = roster_fake_service_get_n_calls (fixture->fake, "register");
  roster_test_run_job (job);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, N_ROWS);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register") - n_calls, ==, N_ROWS - n_before);
  assert_each_registered_once (fixture, "again", N_ROWS);
}

static void
test_resume_from_journal (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv ("journal", N_ROWS);
  g_autoptr(RosterImportSession) session = roster_import_session_new (fixture->client);
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  RosterImportResume resume = ROSTER_IMPORT_RESUME_NONE;
  RosterImportJournalInfo *info;
  const RosterImportTarget *target;
  RosterImportJob *job;
  guint n_before = run_partly (fixture, file);

  infos = list_journals (fixture);
  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);
  g_assert_false (info->complete);
  g_assert_cmpuint (info->n_registered, ==, n_before);

  /* The journal says which file and which target. */
  g_assert_true (open_journal (session, info->path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (roster_import_session_get_file (session), file));
  target = roster_import_session_get_resume_target (session);
  g_assert_nonnull (target);
  g_assert_cmpint (target->schedule_id, ==, fixture->schedule_id);
  g_assert_cmpuint (roster_import_journal_get_count (roster_import_session_get_journal (session),
                                                     ROSTER_IMPORT_ROW_REGISTERED), ==, n_before);

  g_assert_true (load (session, roster_import_session_get_file (session), &error));
  plan (session);
  job = start (session, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &resume, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resume, ==, ROSTER_IMPORT_RESUME_CONTINUE);
  g_assert_cmpstr (roster_import_journal_get_path (roster_import_job_get_journal (job)), ==, info->path);

  roster_test_run_job (job);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, N_ROWS);
  assert_each_registered_once (fixture, "journal", N_ROWS);
}

static void
test_resume_file_changed (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv ("changed", N_ROWS);
  g_autoptr(GFile) changed = NULL;
  g_autoptr(RosterImportSession) session = roster_import_session_new (fixture->client);
  g_autoptr(RosterImportTarget) target = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  RosterImportResume resume = ROSTER_IMPORT_RESUME_CONTINUE;
  RosterImportJob *job;

  run_partly (fixture, file);
  infos = list_journals (fixture);
  g_assert_cmpuint (infos->len, ==, 1);
  g_assert_true (open_journal (session, ((RosterImportJournalInfo *) g_ptr_array_index (infos, 0))->path, &error));
  g_assert_no_error (error);
  target = roster_import_target_copy (roster_import_session_get_resume_target (session));

  /* Someone edited the file since: one more person. */
  changed = write_csv ("changed", N_ROWS + 1);
  g_assert_true (load (session, roster_import_session_get_file (session), &error));
  plan (session);
  job = start (session, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &resume, &error);
  g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_FILE_CHANGED);
  g_assert_null (job);
  g_clear_error (&error);
  /* The old journal is let go; starting again is a new import of the new content. */
  g_assert_null (roster_import_session_get_journal (session));

  job = start (session, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &resume, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resume, ==, ROSTER_IMPORT_RESUME_NONE);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 0);
  g_clear_pointer (&infos, g_ptr_array_unref);
  infos = list_journals (fixture);
  g_assert_cmpuint (infos->len, ==, 2);
}

static void
test_resume_damaged (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv ("damaged", N_ROWS);
  g_autoptr(RosterImportSession) session = NULL;
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GFile) journal_file = NULL;
  RosterImportResume resume = ROSTER_IMPORT_RESUME_NONE;
  RosterImportJob *job;
  const char *junk = "\x01\x02 not a line Roster wrote\n";
  guint n_lookups;

  run_partly (fixture, file);

  /* A line Roster never wrote, not at the end: what was sent is no longer known. */
  infos = list_journals (fixture);
  journal_file = g_file_new_for_path (((RosterImportJournalInfo *) g_ptr_array_index (infos, 0))->path);
  stream = g_file_append_to (journal_file, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (G_OUTPUT_STREAM (stream), junk, strlen (junk), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&infos, g_ptr_array_unref);
  infos = list_journals (fixture);
  g_assert_true (((RosterImportJournalInfo *) g_ptr_array_index (infos, 0))->damaged);

  session = session_for (fixture, file);
  n_lookups = roster_fake_service_get_n_calls (fixture->fake, "registrants");
  job = start (session, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &resume, &error);
  g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_DAMAGED);
  g_assert_null (job);
  g_clear_error (&error);

  /* The user agreed to recover: everyone without a known outcome is looked up first. */
  job = start (session, target, ROSTER_IMPORT_JOURNAL_OPEN_RECOVER, &resume, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resume, ==, ROSTER_IMPORT_RESUME_RECOVER);
  roster_import_job_set_check_window (job, 300);
  roster_test_run_job (job);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, N_ROWS);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "registrants") - n_lookups, >=, 1);
  assert_each_registered_once (fixture, "damaged", N_ROWS);
}

static void
test_resume_other_account (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv ("other", 3);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(RosterImportSession) session = roster_import_session_new (fixture->client);
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal_path = NULL;

  journal = roster_import_journal_open (roster_client_get_journal_dir (fixture->client), "another-account",
                                        "0123456789abcdef", path, target, 3, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  journal_path = g_strdup (roster_import_journal_get_path (journal));
  g_clear_object (&journal);

  /* Not offered to this account, and not resumed by it even by its path. */
  infos = list_journals (fixture);
  g_assert_cmpuint (infos->len, ==, 0);
  g_assert_false (open_journal (session, journal_path, &error));
  g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_OTHER_ACCOUNT);
  g_assert_null (roster_import_session_get_journal (session));
  g_assert_null (roster_import_session_get_file (session));
}

static void
test_running_twice (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv ("twice", 3);
  g_autoptr(RosterImportSession) first = session_for (fixture, file);
  g_autoptr(RosterImportSession) second = session_for (fixture, file);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (start (first, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (start (second, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
}

/* ---- Listing ------------------------------------------------------------------------------------- */

static void
append (RosterImportJournal  *journal,
        guint                 row,
        RosterImportRowState  state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *email = roster_test_email_of ("list", row);

  roster_import_journal_append (journal, row, row + 2, email, state, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_list_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autofree char *account_id = roster_client_dup_account_id (fixture->client);
  const char *dir = roster_client_get_journal_dir (fixture->client);
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *default_dir = dir == NULL ? roster_import_journal_dup_dir () : NULL;
  g_autofree char *stray = g_build_filename (dir != NULL ? dir : default_dir, "stray.journal", NULL);
  RosterImportJournalInfo *info;

  journal = roster_import_journal_open (dir, account_id, "aaaa", "list.csv", target, 10,
                                        ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  append (journal, 0, ROSTER_IMPORT_ROW_SENDING);
  append (journal, 0, ROSTER_IMPORT_ROW_REGISTERED);
  append (journal, 1, ROSTER_IMPORT_ROW_SENDING);
  append (journal, 1, ROSTER_IMPORT_ROW_FAILED);
  append (journal, 2, ROSTER_IMPORT_ROW_SENDING);
  append (journal, 3, ROSTER_IMPORT_ROW_UNKNOWN);
  append (journal, 4, ROSTER_IMPORT_ROW_SENDING);
  append (journal, 4, ROSTER_IMPORT_ROW_READY);
  g_assert_true (roster_import_journal_flush (journal, &error));

  /* A file without a header is nobody's journal; a torn last line is left out. */
  g_file_set_contents (stray, "{\"row\":0,\"state\":\"registered\"}\n", -1, &error);
  g_assert_no_error (error);

  infos = list_journals (fixture);
  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);
  g_assert_cmpstr (info->path, ==, roster_import_journal_get_path (journal));
  g_assert_cmpstr (info->account_id, ==, account_id);
  g_assert_cmpstr (info->file_name, ==, "list.csv");
  g_assert_cmpstr (info->file_sha256, ==, "aaaa");
  g_assert_true (roster_import_target_equal (info->target, target));
  g_assert_nonnull (info->created);
  g_assert_cmpuint (info->n_rows, ==, 10);
  g_assert_cmpuint (info->n_registered, ==, 1);
  g_assert_cmpuint (info->n_failed, ==, 1);
  g_assert_cmpuint (info->n_unknown, ==, 2);
  g_assert_false (info->complete);
  g_assert_false (info->damaged);
  g_assert_false (info->recovering);

  /* Done, and said so: no longer offered. */
  append (journal, 2, ROSTER_IMPORT_ROW_REGISTERED);
  append (journal, 3, ROSTER_IMPORT_ROW_REGISTERED);
  g_assert_true (roster_import_journal_mark_complete (journal, &error));
  g_clear_object (&journal);
  g_clear_pointer (&infos, g_ptr_array_unref);
  infos = list_journals (fixture);
  info = g_ptr_array_index (infos, 0);
  g_assert_cmpuint (info->n_registered, ==, 3);
  g_assert_cmpuint (info->n_unknown, ==, 0);
  g_assert_true (info->complete);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/import-session/load", Fixture, NULL, fixture_set_up, test_load, fixture_tear_down);
  g_test_add ("/import-session/load/pasted-text", Fixture, NULL, fixture_set_up, test_load_text, fixture_tear_down);
  g_test_add ("/import-session/plan", Fixture, NULL, fixture_set_up, test_plan, fixture_tear_down);
  g_test_add ("/import-session/start/new", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_start_new, fixture_tear_down);
  g_test_add ("/import-session/resume/after-stop", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_resume_after_stop, fixture_tear_down);
  g_test_add ("/import-session/resume/from-journal", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_resume_from_journal, fixture_tear_down);
  g_test_add ("/import-session/resume/file-changed", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_resume_file_changed, fixture_tear_down);
  g_test_add ("/import-session/resume/damaged", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_resume_damaged, fixture_tear_down);
  g_test_add ("/import-session/resume/other-account", Fixture, NULL, fixture_set_up, test_resume_other_account, fixture_tear_down);
  g_test_add ("/import-session/resume/running-twice", Fixture, NULL, fixture_set_up, test_running_twice, fixture_tear_down);
  g_test_add ("/import-session/list/async", Fixture, NULL, fixture_set_up, test_list_async, fixture_tear_down);

  return g_test_run ();
}
