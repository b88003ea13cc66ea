/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-job"

#include "config.h"

#include <string.h>

#include "roster-client.h"
#include "roster-csv-reader.h"
#include "roster-error.h"
#include "roster-fake-service.h"
#include "roster-import-job.h"
#include "roster-import-journal.h"
#include "roster-import-mapping.h"
#include "roster-import-plan.h"
#include "roster-test-import.h"
#include "roster-test-network-monitor.h"
#include "roster-test-util.h"

/* RosterImportJob against the fake service over real HTTP on loopback: every person of the
 * file ends registered exactly once (as the server counts it) whatever faults the server
 * throws, pause/resume/cancel, resuming a journal an earlier run left, retrying failed rows,
 * and the results CSV. */

typedef RosterTestImport Fixture;

/* ---- Helpers ------------------------------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  roster_test_import_set_up (fixture, GPOINTER_TO_UINT (data));
}

static void
fixture_set_up_fast (Fixture       *fixture,
                     gconstpointer  data)
{
  fixture_set_up (fixture, GUINT_TO_POINTER (100));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  roster_test_import_tear_down (fixture);
}

static RosterImportPlan *
plan_for (const char          *csv,
          RosterImportMapping *mapping_override)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_strdup (csv), strlen (csv), g_free);
  g_autoptr(RosterCsvReader) reader = roster_csv_reader_new_for_stream (stream, NULL);
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  RosterImportPlan *plan;

  roster_csv_reader_detect (reader, NULL, &error);
  g_assert_no_error (error);
  mapping = mapping_override ? roster_import_mapping_copy (mapping_override)
                             : roster_import_mapping_guess (roster_csv_reader_get_header (reader));
  plan = roster_import_plan_new (reader, mapping, NULL, &error);
  g_assert_no_error (error);

  return plan;
}

static RosterImportTarget *
fixture_target (Fixture *fixture)
{
  return roster_import_target_new (fixture->webinar_id, fixture->schedule_id, NULL, NULL);
}

static RosterImportJournal *
journal_for (const char               *csv,
             const RosterImportTarget *target)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, csv, -1);
  g_autoptr(GError) error = NULL;
  RosterImportJournal *journal = roster_import_journal_open (NULL, "test-account", sha, "test.csv", target, 0,
                                                             ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);

  g_assert_no_error (error);
  return journal;
}

static void
finished_cb (RosterImportJob *job,
             gboolean        *finished)
{
  *finished = TRUE;
}

static void
assert_each_registered_once (Fixture    *fixture,
                             const char *tag,
                             guint       first,
                             guint       n_rows)
{
  for (guint i = first; i < n_rows; i++)
    {
      g_autofree char *email = roster_test_email_of (tag, i);

      g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->fake, fixture->webinar_id, email), ==, 1);
    }
}

static void
assert_all_outcomes (RosterImportJob     *job,
                     RosterImportRowState  outcome)
{
  guint n_rows = roster_import_plan_get_n_rows (roster_import_job_get_plan (job));

  for (guint i = 0; i < n_rows; i++)
    g_assert_cmpint (roster_import_job_get_row_outcome (job, i), ==, outcome);
}

static void
remove_journal (RosterImportJournal **journal)
{
  g_autofree char *path = g_strdup (roster_import_journal_get_path (*journal));

  g_clear_object (journal);
  g_assert_true (roster_import_journal_remove (path, NULL));
}

static void
register_directly (Fixture    *fixture,
                   const char *email)
{
  g_autoptr(RosterRegisterParams) params = roster_register_params_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterRegistration) registration = NULL;
  g_autoptr(GError) error = NULL;

  params->webinar_id = fixture->webinar_id;
  params->schedule_id = fixture->schedule_id;
  params->first_name = g_strdup ("Person");
  params->email = g_strdup (email);
  roster_client_register_async (fixture->client, params, ROSTER_PRIORITY_INTERACTIVE, NULL, roster_test_store_result, &result);
  registration = roster_client_register_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
}

static void
rate_cb (RosterImportJob *job,
         GParamSpec      *pspec,
         double          *max_rate)
{
  *max_rate = MAX (*max_rate, roster_import_job_get_rate (job));
}

/* ---- Tests --------------------------------------------------------------------------------------- */

static void
count_cb (RosterImportJob *job,
          guint            row,
          guint           *count)
{
  (*count)++;
}

static void
test_full (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *csv = roster_test_make_csv ("full", 60);
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  g_autoptr(RosterImportJob) job = roster_import_job_new (fixture->client, plan, target, journal);
  g_autofree char *contents = NULL;
  guint n_row_done = 0;
  double max_rate = 0;
  gint64 start, elapsed;

  roster_fake_service_reset_counters (fixture->fake);
  g_assert_cmpuint (roster_import_job_get_n_total (job), ==, 60);
  g_assert_cmpuint (roster_import_job_get_n_remaining (job), ==, 60);
  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_IDLE);
  g_assert_cmpint (roster_import_job_get_row_outcome (job, 0), ==, ROSTER_IMPORT_ROW_READY);
  g_signal_connect (job, "row-done", G_CALLBACK (count_cb), &n_row_done);
  g_signal_connect (job, "notify::rate", G_CALLBACK (rate_cb), &max_rate);

  start = g_get_monotonic_time ();
  roster_test_run_job (job);
  elapsed = g_get_monotonic_time () - start;

  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_FINISHED);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 60);
  g_assert_cmpuint (roster_import_job_get_n_failed (job), ==, 0);
  g_assert_cmpuint (roster_import_job_get_n_unknown (job), ==, 0);
  g_assert_cmpuint (roster_import_job_get_n_remaining (job), ==, 0);
  g_assert_cmpint (roster_import_job_get_eta_seconds (job), ==, 0);
  g_assert_cmpuint (n_row_done, ==, 60);
  g_assert_false (roster_import_job_is_busy (job));
  assert_all_outcomes (job, ROSTER_IMPORT_ROW_REGISTERED);
  assert_each_registered_once (fixture, "full", 0, 60);
  /* A 429 is the only reason to send a row twice without a lookup.  The fake shares this
   * thread's loop, so a slow run (valgrind) can bunch arrivals into one of its windows. */
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==,
                    60 + roster_fake_service_get_n_rate_limited (fixture->fake));
  g_assert_cmpuint (roster_fake_service_get_n_rate_limited (fixture->fake), <, 30);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "registrants"), ==, 0);
  /* Paced at 20 a second: 60 rows take about three seconds, and the rate says so. */
  g_assert_cmpint (elapsed, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpfloat (max_rate, >, 10);
  g_assert_cmpfloat (max_rate, <=, 25);
  /* The pace the limiter allows is shown beside the rate: just under 20 a second. */
  g_assert_cmpfloat (roster_import_job_get_pace (job), >, 18);
  g_assert_cmpfloat (roster_import_job_get_pace (job), <=, 20);

  /* Each person's own links and user ID are kept. */
  for (guint i = 0; i < 60; i++)
    {
      g_assert_nonnull (roster_test_job_row (job, i).user_id);
      g_assert_true (g_str_has_prefix (roster_test_job_row (job, i).live_room_url, "http://127.0.0.1:"));
      g_assert_nonnull (roster_test_job_row (job, i).replay_room_url);
      g_assert_nonnull (roster_test_job_row (job, i).thank_you_url);
    }
  g_assert_cmpstr (roster_test_job_row (job, 0).live_room_url, !=, roster_test_job_row (job, 1).live_room_url);

  g_assert_true (roster_import_journal_is_complete (journal));
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_REGISTERED), ==, 60);

  /* The journal holds personal data, never the key. */
  g_assert_true (g_file_get_contents (roster_import_journal_get_path (journal), &contents, NULL, NULL));
  g_assert_null (strstr (contents, roster_fake_service_get_api_key (fixture->fake)));
  g_assert_null (strstr (contents, "api_key"));
  g_assert_nonnull (strstr (contents, "full-59@example.org"));

  /* Starting again sends nothing: everyone is registered. */
  roster_fake_service_reset_counters (fixture->fake);
  roster_test_run_job (job);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 0);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 60);

  g_clear_object (&job);
  remove_journal (&journal);
}

typedef struct
{
  RosterFakeFault fault;
  guint           count;
  gboolean        lookups;       /* the outcome is unknown: rows are looked up */
  gboolean        short_timeout;
} FaultCase;

static void
test_fault (Fixture       *fixture,
            gconstpointer  data)
{
  const FaultCase *fault = data;
  g_autofree char *tag = g_strdup_printf ("fault%d", fault->fault);
  g_autofree char *csv = roster_test_make_csv (tag, 30);
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  g_autoptr(RosterImportJob) job = roster_import_job_new (fixture->client, plan, target, journal);

  /* Short next to the fake's 60 s hold; a call it cuts off that the server did answer only
   * costs a lookup, since a timed-out register is an unknown outcome. */
  if (fault->short_timeout)
    roster_client_set_timeout (fixture->client, 1000);
  roster_import_job_set_check_window (job, 1000);
  roster_fake_service_reset_counters (fixture->fake);
  roster_fake_service_inject_fault_for_method (fixture->fake, fault->fault, "register", fault->count);

  roster_test_run_job (job);

  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_FINISHED);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 30);
  g_assert_cmpuint (roster_import_job_get_n_failed (job), ==, 0);
  g_assert_cmpuint (roster_import_job_get_n_unknown (job), ==, 0);
  assert_all_outcomes (job, ROSTER_IMPORT_ROW_REGISTERED);
  /* Nobody lost, nobody twice, as the server counts. */
  assert_each_registered_once (fixture, tag, 0, 30);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->fake), ==, 30);
  if (fault->lookups)
    g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "registrants"), >=, fault->count);
  else
    g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "registrants"), ==, 0);
  g_assert_true (roster_import_journal_is_complete (journal));

  g_clear_object (&job);
  remove_journal (&journal);
}

static void
test_pause_resume (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *csv = roster_test_make_csv ("pause", 50);
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  g_autoptr(RosterImportJob) job = roster_import_job_new (fixture->client, plan, target, journal);
  guint at_pause;

  roster_fake_service_reset_counters (fixture->fake);
  roster_import_job_start (job);
  while (roster_import_job_get_n_registered (job) < 10)
    g_main_context_iteration (NULL, TRUE);

  roster_import_job_pause (job);
  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_PAUSED);
  /* Calls already out land and are counted... */
  while (roster_import_job_is_busy (job))
    g_main_context_iteration (NULL, TRUE);
  at_pause = roster_fake_service_get_n_registrations_total (fixture->fake);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, at_pause);
  g_assert_cmpuint (at_pause, <, 50);
  /* ...and nothing new goes out while paused. */
  roster_test_iterate_for (1200);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->fake), ==, at_pause);
  g_assert_cmpuint (roster_import_job_get_n_remaining (job), ==, 50 - at_pause);
  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_PAUSED);

  roster_import_job_resume (job);
  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_RUNNING);
  roster_test_run_job (job);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 50);
  assert_each_registered_once (fixture, "pause", 0, 50);

  g_clear_object (&job);
  remove_journal (&journal);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *csv = roster_test_make_csv ("cancel", 50);
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  g_autoptr(RosterImportJob) job = roster_import_job_new (fixture->client, plan, target, journal);
  g_autoptr(RosterImportJob) again = NULL;
  gboolean finished = FALSE;
  guint registered, n_calls, n_skipped = 0;

  roster_fake_service_reset_counters (fixture->fake);
  g_signal_connect (job, "finished", G_CALLBACK (finished_cb), &finished);
  roster_import_job_start (job);
  while (roster_import_job_get_n_registered (job) < 10)
    g_main_context_iteration (NULL, TRUE);

  roster_import_job_cancel (job);
  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_CANCELLED);
  while (!finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (roster_import_job_is_busy (job));

  /* Every call that went out landed and is in the journal; nothing is left "sending". */
  registered = roster_import_job_get_n_registered (job);
  g_assert_cmpuint (registered, ==, roster_fake_service_get_n_registrations_total (fixture->fake));
  g_assert_cmpuint (registered, <, 50);
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_REGISTERED), ==, registered);
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_SENDING), ==, 0);
  g_assert_false (roster_import_journal_is_complete (journal));
  for (guint i = 0; i < 50; i++)
    {
      RosterImportRowState outcome = roster_import_job_get_row_outcome (job, i);

      g_assert_true (outcome == ROSTER_IMPORT_ROW_REGISTERED || outcome == ROSTER_IMPORT_ROW_SKIPPED);
      n_skipped += outcome == ROSTER_IMPORT_ROW_SKIPPED;
    }
  g_assert_cmpuint (n_skipped, ==, 50 - registered);
  roster_test_iterate_for (500);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->fake), ==, registered);

  /* Another job (as after reopening the app) sends only the rest. */
  g_clear_object (&job);
  n_calls = roster_fake_service_get_n_calls (fixture->fake, "register") -
            roster_fake_service_get_n_rate_limited (fixture->fake);
  again = roster_import_job_new (fixture->client, plan, target, journal);
  g_assert_cmpuint (roster_import_job_get_n_registered (again), ==, registered);
  roster_test_run_job (again);
  g_assert_cmpuint (roster_import_job_get_n_registered (again), ==, 50);
  /* Only what was missing went out (429s, turned away unprocessed, aside). */
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register") -
                    roster_fake_service_get_n_rate_limited (fixture->fake) - n_calls, ==, 50 - registered);
  assert_each_registered_once (fixture, "cancel", 0, 50);

  g_clear_object (&again);
  remove_journal (&journal);
}

/* A journal as a crash leaves it: rows 0-4 registered, 5-7 "sending" (5 and 6 landed), 8-9
 * "unknown" (8 landed), the rest never sent. */
static void
test_resume_journal (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *csv = roster_test_make_csv ("resume", 20);
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  g_autoptr(RosterImportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  guint n_lookups, n_sends;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *email = roster_test_email_of ("resume", i);
      RosterImportRowState state = i < 5 ? ROSTER_IMPORT_ROW_REGISTERED
                                   : i < 8 ? ROSTER_IMPORT_ROW_SENDING
                                   : ROSTER_IMPORT_ROW_UNKNOWN;

      roster_import_journal_append (journal, i, i + 2, email, ROSTER_IMPORT_ROW_SENDING, NULL, NULL, &error);
      g_assert_no_error (error);
      if (state != ROSTER_IMPORT_ROW_SENDING)
        roster_import_journal_append (journal, i, i + 2, email, state, NULL,
                                      state == ROSTER_IMPORT_ROW_UNKNOWN ? "timed out" : NULL, &error);
      g_assert_no_error (error);
      if (i == 5 || i == 6 || i == 8)
        register_directly (fixture, email);
    }

  n_lookups = roster_fake_service_get_n_calls (fixture->fake, "registrants");
  n_sends = roster_fake_service_get_n_calls (fixture->fake, "register");
  job = roster_import_job_new (fixture->client, plan, target, journal);
  roster_import_job_set_check_window (job, 1000);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 5);
  g_assert_cmpuint (roster_import_job_get_n_unknown (job), ==, 5);
  g_assert_cmpint (roster_import_job_get_row_outcome (job, 6), ==, ROSTER_IMPORT_ROW_UNKNOWN);
  g_assert_cmpint (roster_import_job_get_row_outcome (job, 12), ==, ROSTER_IMPORT_ROW_READY);
  roster_test_run_job (job);

  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 20);
  assert_all_outcomes (job, ROSTER_IMPORT_ROW_REGISTERED);
  /* Looked up: the three that landed once each, the two that did not twice (the second after
   * the check window); sent: only what was missing. */
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "registrants") - n_lookups, ==, 3 + 2 * 2);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register") - n_sends, ==, 20 - 5 - 3);
  assert_each_registered_once (fixture, "resume", 5, 20);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *email = roster_test_email_of ("resume", i);

      g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->fake, fixture->webinar_id, email), ==, 0);
    }
  /* Found by lookup: the registrant's own room links are kept. */
  g_assert_nonnull (roster_test_job_row (job, 5).live_room_url);
  g_assert_nonnull (roster_test_job_row (job, 5).message);
  g_assert_null (roster_test_job_row (job, 7).message);
  g_assert_nonnull (roster_test_job_row (job, 7).thank_you_url);

  g_clear_object (&job);
  remove_journal (&journal);
}

/* A webinar that requires a last name: rows without one fail with the server's message; once
 * the mapping gives them one, retrying sends just those rows. */
static void
test_retry_failed (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *csv = "First Name,Email,Surname\r\n"
                    "Ada,ada@example.org,Lovelace\r\n"
                    "Bob,bob@example.org,Builder\r\n"
                    "Cy,cy@example.org,Young\r\n";
  g_autoptr(RosterImportPlan) plan = NULL;
  g_autoptr(RosterImportPlan) fixed_plan = NULL;
  g_autoptr(RosterImportMapping) mapping = roster_import_mapping_new (3);
  g_autoptr(RosterImportTarget) target = NULL;
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(RosterImportJob) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterWebinar) webinar = NULL;
  g_autoptr(RosterSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *ids = NULL;
  guint n_ids;
  gint64 strict_id = 0;

  /* The fake's second webinar requires last_name. */
  ids = roster_fake_service_dup_webinar_ids (fixture->fake, FALSE, &n_ids);
  g_assert_cmpuint (n_ids, >=, 2);
  strict_id = ids[1];
  roster_client_get_webinar_async (fixture->client, strict_id, NULL, NULL, roster_test_store_result, &result);
  webinar = roster_client_get_webinar_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  schedule = g_list_model_get_item (roster_webinar_get_schedules (webinar), 0);
  target = roster_import_target_new (strict_id, roster_schedule_get_id (schedule), NULL, NULL);
  journal = journal_for (csv, target);

  roster_import_mapping_set_column (mapping, ROSTER_IMPORT_FIELD_FIRST_NAME, 0);
  roster_import_mapping_set_column (mapping, ROSTER_IMPORT_FIELD_EMAIL, 1);
  plan = plan_for (csv, mapping);
  job = roster_import_job_new (fixture->client, plan, target, journal);
  roster_test_run_job (job);
  g_assert_cmpuint (roster_import_job_get_n_failed (job), ==, 3);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 0);
  assert_all_outcomes (job, ROSTER_IMPORT_ROW_FAILED);
  g_assert_nonnull (strstr (roster_test_job_row (job, 0).message, "last name"));
  g_clear_object (&job);

  /* With the surname column mapped: without retry_failed nothing is sent... */
  roster_import_mapping_set_column (mapping, ROSTER_IMPORT_FIELD_LAST_NAME, 2);
  fixed_plan = plan_for (csv, mapping);
  roster_fake_service_reset_counters (fixture->fake);
  job = roster_import_job_new (fixture->client, fixed_plan, target, journal);
  roster_test_run_job (job);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 0);
  g_assert_cmpuint (roster_import_job_get_n_failed (job), ==, 3);

  /* ...with it, the failed rows go again, on the same job. */
  roster_import_job_set_retry_failed (job, TRUE);
  roster_test_run_job (job);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 3);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 3);
  g_assert_cmpuint (roster_import_job_get_n_failed (job), ==, 0);
  g_assert_null (roster_test_job_row (job, 0).message);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->fake, strict_id, "bob@example.org"), ==, 1);
  g_assert_true (roster_import_journal_is_complete (journal));

  g_clear_object (&job);
  remove_journal (&journal);
}

static void
test_results (Fixture       *fixture,
              gconstpointer  data)
{
  const char *csv = "First Name,Last Name,Email\r\n"
                    "Ada,Lovelace,ada@example.org\r\n"
                    "Bob,Builder,not-an-email\r\n"
                    "=HYPERLINK(\"http://evil\"),Hacker,eve@example.org\r\n"
                    "Ada,Again,ADA@example.org\r\n";
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  g_autoptr(RosterImportJob) job = roster_import_job_new (fixture->client, plan, target, journal);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "results.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_auto(GStrv) lines = NULL;

  g_assert_cmpuint (roster_import_job_get_n_total (job), ==, 2);
  roster_test_run_job (job);
  g_assert_cmpint (roster_import_job_get_row_outcome (job, 0), ==, ROSTER_IMPORT_ROW_REGISTERED);
  g_assert_cmpint (roster_import_job_get_row_outcome (job, 1), ==, ROSTER_IMPORT_ROW_INVALID);
  g_assert_cmpint (roster_import_job_get_row_outcome (job, 2), ==, ROSTER_IMPORT_ROW_REGISTERED);
  g_assert_cmpint (roster_import_job_get_row_outcome (job, 3), ==, ROSTER_IMPORT_ROW_DUPLICATE);
  g_assert_nonnull (roster_test_job_row (job, 1).message);
  g_assert_nonnull (roster_test_job_row (job, 3).message);

  g_assert_true (roster_import_job_write_results_to_path (job, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_cmpstr (lines[0], ==, "line,email,first_name,last_name,status,message,user_id,live_room_url,replay_room_url,thank_you_url");
  g_assert_true (g_str_has_prefix (lines[1], "2,ada@example.org,Ada,Lovelace,registered,,"));
  g_assert_nonnull (strstr (lines[1], ",http://127.0.0.1:"));
  g_assert_true (g_str_has_prefix (lines[2], "3,not-an-email,Bob,Builder,invalid,"));
  g_assert_true (g_str_has_suffix (lines[2], ",,,,"));
  /* The formula is neutralised, not run by a spreadsheet. */
  g_assert_true (g_str_has_prefix (lines[3], "4,eve@example.org,\"'=HYPERLINK(\"\"http://evil\"\")\",Hacker,registered,"));
  g_assert_true (g_str_has_prefix (lines[4], "5,ADA@example.org,Ada,Again,duplicate,"));
  g_assert_cmpstr (lines[5], ==, "");

  g_assert_true (roster_import_job_write_results (job, memory, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)), ==, strlen (contents));
  g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)), strlen (contents),
                   contents, strlen (contents));

  g_clear_object (&job);
  remove_journal (&journal);
}

/* Rows whose calls may have landed and that no lookup can settle (the search fails) stay
 * unknown: never resent on a guess.  Sending them anyway is the user's deliberate choice. */
static void
test_unknown_unproven (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *csv = roster_test_make_csv ("unproven", 12);
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  g_autoptr(RosterImportJob) job = roster_import_job_new (fixture->client, plan, target, journal);
  guint n_unknown = 0, n_lookups;

  roster_import_job_set_check_window (job, 600);
  roster_fake_service_reset_counters (fixture->fake);
  roster_fake_service_inject_fault_for_method (fixture->fake, ROSTER_FAKE_FAULT_CLOSE_BEFORE_PROCESSING, "register", 3);
  roster_fake_service_inject_fault_for_method (fixture->fake, ROSTER_FAKE_FAULT_HTTP_500_HTML, "registrants", 10000);

  roster_test_run_job (job);

  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_FINISHED);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 9);
  g_assert_cmpuint (roster_import_job_get_n_unknown (job), ==, 3);
  g_assert_cmpuint (roster_import_job_get_n_failed (job), ==, 0);
  /* Each row was sent once: the three uncertain ones were never sent again on a guess. */
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 12);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->fake), ==, 9);
  for (guint i = 0; i < 12; i++)
    {
      if (roster_import_job_get_row_outcome (job, i) != ROSTER_IMPORT_ROW_UNKNOWN)
        continue;
      n_unknown++;
      g_assert_nonnull (strstr (roster_test_job_row (job, i).message, "could not be checked"));
      g_assert_cmpint (roster_import_journal_get_row_state (journal, i), ==, ROSTER_IMPORT_ROW_UNKNOWN);
    }
  g_assert_cmpuint (n_unknown, ==, 3);
  g_assert_false (roster_import_journal_is_complete (journal));
  g_clear_object (&job);

  /* Sending them anyway, deliberately: exactly those rows go, without lookups. */
  roster_fake_service_clear_faults (fixture->fake);
  n_lookups = roster_fake_service_get_n_calls (fixture->fake, "registrants");
  job = roster_import_job_new (fixture->client, plan, target, journal);
  g_assert_cmpuint (roster_import_job_get_n_unknown (job), ==, 3);
  roster_import_job_set_resend_unknown (job, TRUE);
  roster_test_run_job (job);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 12);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 12 + 3);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "registrants"), ==, n_lookups);
  assert_each_registered_once (fixture, "unproven", 0, 12);
  g_assert_true (roster_import_journal_is_complete (journal));

  g_clear_object (&job);
  remove_journal (&journal);
}

/* A lost answer is resent only after two lookups missed the person, the last one no sooner
 * than the check window after the uncertain call. */
static void
test_unknown_window (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *csv = roster_test_make_csv ("window", 1);
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  g_autoptr(RosterImportJob) job = roster_import_job_new (fixture->client, plan, target, journal);
  gint64 start, elapsed;

  roster_import_job_set_check_window (job, 2000);
  roster_fake_service_reset_counters (fixture->fake);
  roster_fake_service_inject_fault_for_method (fixture->fake, ROSTER_FAKE_FAULT_CLOSE_BEFORE_PROCESSING, "register", 1);

  start = g_get_monotonic_time ();
  roster_test_run_job (job);
  elapsed = g_get_monotonic_time () - start;

  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "registrants"), ==, 2);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 2);
  g_assert_cmpint (elapsed, >=, 2 * G_USEC_PER_SEC);
  assert_each_registered_once (fixture, "window", 0, 1);

  g_clear_object (&job);
  remove_journal (&journal);
}

static void
notify_retry_at_cb (RosterImportJob *job,
                    GParamSpec      *pspec,
                    GArray          *waits)
{
  gint64 retry_at = roster_import_job_get_retry_at (job);

  if (retry_at > 0)
    {
      gint64 wait_ms = (retry_at - g_get_monotonic_time ()) / 1000;

      g_array_append_val (waits, wait_ms);
    }
}

static void
row_done_stop_cb (RosterImportJob *job,
                  guint            row,
                  Fixture         *fixture)
{
  if (roster_import_job_get_n_registered (job) == 5 && roster_fake_service_is_running (fixture->fake))
    roster_fake_service_stop (fixture->fake);
}

/* A server that is gone for good: the job backs off (1, 2 … s, one call at a time), gives up
 * after the give-up time with the journal intact, and the same import resumes once it is back. */
static void
test_give_up (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *csv = roster_test_make_csv ("gone", 20);
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  g_autoptr(RosterImportJob) job = roster_import_job_new (fixture->client, plan, target, journal);
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  guint port = roster_fake_service_get_port (fixture->fake);
  const GError *job_error;
  gint64 start, elapsed;
  guint n_before;

  roster_import_job_set_check_window (job, 500);
  roster_import_job_set_give_up_after (job, 8000);
  roster_import_job_set_max_in_flight (job, 2);
  g_signal_connect (job, "notify::retry-at", G_CALLBACK (notify_retry_at_cb), waits);
  g_signal_connect (job, "row-done", G_CALLBACK (row_done_stop_cb), fixture);

  start = g_get_monotonic_time ();
  roster_test_run_job (job);
  elapsed = g_get_monotonic_time () - start;

  g_assert_false (roster_fake_service_is_running (fixture->fake));
  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_CANCELLED);
  job_error = roster_import_job_get_error (job);
  g_assert_error ((GError *) job_error, ROSTER_API_ERROR, ROSTER_API_ERROR_NETWORK);
  g_assert_nonnull (strstr (job_error->message, "run the same import again"));
  /* Waited 1 s, then 2 s (each try the client's own few quick retries), then gave up. */
  g_assert_cmpuint (waits->len, >=, 2);
  g_assert_cmpint (g_array_index (waits, gint64, 0), <=, 1000);
  g_assert_cmpint (g_array_index (waits, gint64, 1), >, 1000);
  g_assert_cmpint (elapsed, <, 20 * G_USEC_PER_SEC);
  n_before = roster_import_job_get_n_registered (job);
  g_assert_cmpuint (n_before, >=, 5);
  g_assert_cmpuint (n_before, <, 20);
  g_assert_cmpuint (roster_import_job_get_n_failed (job), ==, 0);
  g_clear_object (&job);

  /* Back on the same port: the same import continues and nobody is registered twice. */
  roster_fake_service_start_on_port (fixture->fake, port, &error);
  g_assert_no_error (error);
  job = roster_import_job_new (fixture->client, plan, target, journal);
  roster_import_job_set_check_window (job, 500);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, n_before);
  roster_test_run_job (job);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 20);
  assert_each_registered_once (fixture, "gone", 0, 20);

  g_clear_object (&job);
  remove_journal (&journal);
}

static void
row_done_revoke_cb (RosterImportJob *job,
                    guint            row,
                    Fixture         *fixture)
{
  if (roster_import_job_get_n_registered (job) == 4)
    roster_fake_service_remove_api_key (fixture->fake, "second-key");
}

/* A key rejected in the middle of an import stops it; the rows it turned away are unknown, not
 * failed, so the run after the key is fixed goes on without --retry-failed. */
static void
test_key_rejected (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *csv = roster_test_make_csv ("revoked", 15);
  g_autofree char *endpoint = roster_fake_service_dup_endpoint (fixture->fake, FALSE);
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(RosterImportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  guint n_before;

  roster_fake_service_add_api_key (fixture->fake, "second-key");
  client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, endpoint, "second-key", &error);
  g_assert_no_error (error);
  roster_client_set_rate_limiter (client, fixture->limiter);
  job = roster_import_job_new (client, plan, target, journal);
  roster_import_job_set_max_in_flight (job, 3);
  g_signal_connect (job, "row-done", G_CALLBACK (row_done_revoke_cb), fixture);

  roster_test_run_job (job);

  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_CANCELLED);
  g_assert_error ((GError *) roster_import_job_get_error (job), ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION);
  g_assert_cmpuint (roster_import_job_get_n_failed (job), ==, 0);
  g_assert_cmpuint (roster_import_job_get_n_unknown (job), >=, 1);
  n_before = roster_import_job_get_n_registered (job);
  g_clear_object (&job);

  /* The key works again: the turned-away rows are checked, then sent; nothing was failed. */
  roster_fake_service_add_api_key (fixture->fake, "second-key");
  job = roster_import_job_new (client, plan, target, journal);
  roster_import_job_set_check_window (job, 500);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, n_before);
  g_assert_cmpuint (roster_import_job_get_n_failed (job), ==, 0);
  roster_test_run_job (job);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 15);
  assert_each_registered_once (fixture, "revoked", 0, 15);

  g_clear_object (&job);
  remove_journal (&journal);
}

static gboolean
go_online_cb (gpointer user_data)
{
  roster_test_network_monitor_set_available (user_data, TRUE);
  return G_SOURCE_REMOVE;
}

/* While the network is gone nothing is sent, and nothing counts against the give-up time; the
 * import goes on by itself when it is back. */
static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *csv = roster_test_make_csv ("offline", 10);
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  g_autoptr(RosterImportJob) job = roster_import_job_new (fixture->client, plan, target, journal);
  g_autoptr(RosterTestNetworkMonitor) monitor = roster_test_network_monitor_new ();

  roster_test_network_monitor_set_available (monitor, FALSE);
  roster_import_job_set_network_monitor (job, G_NETWORK_MONITOR (monitor));
  roster_import_job_set_give_up_after (job, 300);
  g_assert_true (roster_import_job_get_offline (job));
  roster_fake_service_reset_counters (fixture->fake);

  roster_import_job_start (job);
  roster_test_iterate_for (800);
  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_RUNNING);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 0);

  g_timeout_add (100, go_online_cb, monitor);
  roster_test_run_job (job);
  g_assert_false (roster_import_job_get_offline (job));
  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_FINISHED);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 10);
  assert_each_registered_once (fixture, "offline", 0, 10);

  g_clear_object (&job);
  remove_journal (&journal);
}

/* A search that shows new registrants 5 s late: the answers lost on the way (some calls
 * landed, some did not) are settled by lookups over the check window, and nobody is
 * registered twice. */
static void
test_search_lag (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *csv = roster_test_make_csv ("lag", 20);
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  g_autoptr(RosterImportJob) job = roster_import_job_new (fixture->client, plan, target, journal);

  roster_import_job_set_check_window (job, 6500);
  roster_fake_service_reset_counters (fixture->fake);
  roster_fake_service_set_search_lag (fixture->fake, 5000);
  roster_fake_service_inject_fault_for_method (fixture->fake, ROSTER_FAKE_FAULT_CLOSE_AFTER_PROCESSING, "register", 4);
  roster_fake_service_inject_fault_for_method (fixture->fake, ROSTER_FAKE_FAULT_CLOSE_BEFORE_PROCESSING, "register", 2);

  roster_test_run_job (job);

  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_FINISHED);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 20);
  g_assert_cmpuint (roster_import_job_get_n_unknown (job), ==, 0);
  assert_each_registered_once (fixture, "lag", 0, 20);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->fake), ==, 20);
  /* Only the two that never landed went twice. */
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 22);

  g_clear_object (&job);
  remove_journal (&journal);
}

/* Pages that never end: a lookup stops after a few pages, the row stays unknown, and the key's
 * budget is not spent on it. */
static void
test_endless_pages (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *csv = roster_test_make_csv ("paging", 6);
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  g_autoptr(RosterImportJob) job = roster_import_job_new (fixture->client, plan, target, journal);
  guint row_unknown = G_MAXUINT;

  roster_import_job_set_check_window (job, 500);
  roster_fake_service_set_page_size (fixture->fake, 2);
  roster_fake_service_set_paging (fixture->fake, ROSTER_FAKE_PAGING_ENDLESS);
  roster_fake_service_reset_counters (fixture->fake);
  roster_fake_service_inject_fault_for_method (fixture->fake, ROSTER_FAKE_FAULT_CLOSE_BEFORE_PROCESSING, "register", 1);

  roster_test_run_job (job);

  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_FINISHED);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 5);
  g_assert_cmpuint (roster_import_job_get_n_unknown (job), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 6);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "registrants"), <=, 10);
  for (guint i = 0; i < 6; i++)
    if (roster_import_job_get_row_outcome (job, i) == ROSTER_IMPORT_ROW_UNKNOWN)
      row_unknown = i;
  g_assert_cmpuint (row_unknown, <, 6);
  g_assert_nonnull (strstr (roster_test_job_row (job, row_unknown).message, "more than 10 pages"));

  g_clear_object (&job);
  remove_journal (&journal);
}

/* A register answered with a redirect is never followed: its outcome is unknown, lookups settle
 * it, and a server that redirects every time gets the row a bounded number of times. */
static void
test_redirect (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *csv = roster_test_make_csv ("moved", 2);
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  g_autoptr(RosterImportJob) job = roster_import_job_new (fixture->client, plan, target, journal);
  g_autoptr(RosterFakeService) elsewhere = roster_fake_service_new (3);
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;

  roster_fake_service_start (elsewhere, &error);
  g_assert_no_error (error);
  location = g_strdup_printf ("%s/everwebinar/register", roster_fake_service_get_base_url (elsewhere));
  roster_import_job_set_check_window (job, 300);
  roster_fake_service_reset_counters (fixture->fake);
  roster_fake_service_set_redirect (fixture->fake, "register", 302, location);

  roster_test_run_job (job);

  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_FINISHED);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, 0);
  g_assert_cmpuint (roster_import_job_get_n_failed (job), ==, 2);
  g_assert_nonnull (strstr (roster_test_job_row (job, 0).message, "redirect (HTTP 302)"));
  /* Three tries each, each proven absent before the next; the redirect was never followed. */
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 6);
  g_assert_cmpuint (roster_fake_service_get_n_calls (elsewhere, "register"), ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->fake), ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (elsewhere), ==, 0);

  roster_fake_service_stop (elsewhere);
  g_clear_object (&job);
  remove_journal (&journal);
}


/* A server that dribbles its answers a byte a second: every call ends at its deadline, and the
 * import stops after the give-up time instead of holding on for many minutes. */
static void
test_slow_server (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *csv = roster_test_make_csv ("dribble", 3);
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  g_autoptr(RosterImportJob) job = roster_import_job_new (fixture->client, plan, target, journal);
  gint64 start, elapsed;

  roster_client_set_timeout (fixture->client, 1000);
  roster_client_set_deadline (fixture->client, 2500);
  roster_import_job_set_check_window (job, 1000);
  roster_import_job_set_give_up_after (job, 4000);
  roster_fake_service_set_slow_body (fixture->fake, 1);

  start = g_get_monotonic_time ();
  roster_test_run_job (job);
  elapsed = g_get_monotonic_time () - start;

  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_CANCELLED);
  g_assert_error ((GError *) roster_import_job_get_error (job), ROSTER_API_ERROR, ROSTER_API_ERROR_NETWORK);
  g_assert_cmpuint (roster_import_job_get_n_failed (job), ==, 0);
  g_assert_cmpuint (roster_import_job_get_n_unknown (job), ==, 3);
  g_assert_cmpint (elapsed, <, 30 * G_USEC_PER_SEC);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *email = roster_test_email_of ("dribble", i);

      g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->fake, fixture->webinar_id, email), <=, 1);
    }

  roster_fake_service_set_slow_body (fixture->fake, 0);
  g_clear_object (&job);
  remove_journal (&journal);
}

static void
row_done_cancel_cb (RosterImportJob *job,
                    guint            row,
                    gpointer         user_data)
{
  if (roster_import_job_get_row_outcome (job, row) == ROSTER_IMPORT_ROW_UNKNOWN)
    roster_import_job_cancel (job);
}

/* Stopped while a row waits for its next lookup: the job goes at once with its journal's lock,
 * rather than living on for the rest of the check window. */
static void
test_cancel_while_checking (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *csv = roster_test_make_csv ("stopcheck", 1);
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  RosterImportJob *job = roster_import_job_new (fixture->client, plan, target, journal);
  gpointer weak = job;

  roster_import_job_set_check_window (job, 60000);
  roster_fake_service_inject_fault_for_method (fixture->fake, ROSTER_FAKE_FAULT_CLOSE_BEFORE_PROCESSING, "register", 1);
  g_signal_connect (job, "row-done", G_CALLBACK (row_done_cancel_cb), NULL);
  g_object_add_weak_pointer (G_OBJECT (job), &weak);

  roster_test_run_job (job);
  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_CANCELLED);
  g_assert_cmpuint (roster_import_job_get_n_unknown (job), ==, 1);
  g_object_unref (job);
  roster_test_iterate_for (100);
  g_assert_null (weak);

  remove_journal (&journal);
}

/* A server that answers 429 to every call for a minute: the import stops and says another
 * program may be using the key; the row was certainly not registered and waits for the next run. */
static void
test_refused_for_a_minute (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *csv = roster_test_make_csv ("refused", 1);
  g_autoptr(RosterImportPlan) plan = plan_for (csv, NULL);
  g_autoptr(RosterImportTarget) target = fixture_target (fixture);
  g_autoptr(RosterImportJournal) journal = journal_for (csv, target);
  g_autoptr(RosterImportJob) job = roster_import_job_new (fixture->client, plan, target, journal);
  const GError *error;
  gint64 start, elapsed;

  roster_fake_service_inject_fault_for_method (fixture->fake, ROSTER_FAKE_FAULT_RATE_LIMIT_STORM, "register", 1000);

  start = g_get_monotonic_time ();
  roster_test_run_job (job);
  elapsed = g_get_monotonic_time () - start;

  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_CANCELLED);
  error = roster_import_job_get_error (job);
  g_assert_error ((GError *) error, ROSTER_API_ERROR, ROSTER_API_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "another program may be using this API key"));
  g_assert_cmpint (elapsed, >=, 55 * G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, 120 * G_USEC_PER_SEC);
  g_assert_cmpuint (roster_import_job_get_n_failed (job), ==, 0);
  g_assert_cmpint (roster_import_job_get_row_outcome (job, 0), ==, ROSTER_IMPORT_ROW_SKIPPED);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 0), ==, ROSTER_IMPORT_ROW_READY);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->fake), ==, 0);

  roster_fake_service_clear_faults (fixture->fake);
  g_clear_object (&job);
  remove_journal (&journal);
}

static const FaultCase fault_cases[] = {
  { ROSTER_FAKE_FAULT_RATE_LIMIT_STORM, 25, FALSE, FALSE },
  { ROSTER_FAKE_FAULT_HTTP_500_HTML, 5, TRUE, FALSE },
  { ROSTER_FAKE_FAULT_CLOSE_BEFORE_PROCESSING, 5, TRUE, FALSE },
  { ROSTER_FAKE_FAULT_CLOSE_AFTER_PROCESSING, 5, TRUE, FALSE },
  { ROSTER_FAKE_FAULT_TIMEOUT, 3, TRUE, TRUE },
  { ROSTER_FAKE_FAULT_MALFORMED_JSON, 5, TRUE, FALSE },
};

static const char * const fault_names[] = {
  "rate-limit-storm", "http-500-html", "close-before-processing", "close-after-processing",
  "timeout", "malformed-json",
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/import-job/full", Fixture, NULL, fixture_set_up, test_full, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/import-job/fault/%s", fault_names[i]);

      g_test_add (name, Fixture, &fault_cases[i], fixture_set_up_fast, test_fault, fixture_tear_down);
    }
  g_test_add ("/import-job/pause-resume", Fixture, NULL, fixture_set_up, test_pause_resume, fixture_tear_down);
  g_test_add ("/import-job/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/import-job/resume-journal", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_resume_journal, fixture_tear_down);
  g_test_add ("/import-job/retry-failed", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_retry_failed, fixture_tear_down);
  g_test_add ("/import-job/unknown/unproven", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_unknown_unproven, fixture_tear_down);
  g_test_add ("/import-job/unknown/window", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_unknown_window, fixture_tear_down);
  g_test_add ("/import-job/server-gone", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_give_up, fixture_tear_down);
  g_test_add ("/import-job/key-rejected", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_key_rejected, fixture_tear_down);
  g_test_add ("/import-job/unknown/search-lag", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_search_lag, fixture_tear_down);
  g_test_add ("/import-job/unknown/endless-pages", Fixture, NULL, fixture_set_up_fast, test_endless_pages, fixture_tear_down);
  g_test_add ("/import-job/unknown/redirect", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_redirect, fixture_tear_down);
  g_test_add ("/import-job/slow-server", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_slow_server, fixture_tear_down);
  g_test_add ("/import-job/cancel-while-checking", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_cancel_while_checking, fixture_tear_down);
  g_test_add ("/import-job/refused-for-a-minute", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_refused_for_a_minute, fixture_tear_down);
  g_test_add ("/import-job/offline", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_offline, fixture_tear_down);
  g_test_add ("/import-job/results", Fixture, GUINT_TO_POINTER (100), fixture_set_up, test_results, fixture_tear_down);

  return g_test_run ();
}
