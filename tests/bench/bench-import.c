/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-import"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "roster-client.h"
#include "roster-fake-service.h"
#include "roster-import-job.h"
#include "roster-import-journal.h"

/* 2,000 rows through RosterImportJob (journal with fdatasync per line and all) against the fake
 * service on its own thread: the strict 20-per-second window, 150 ± 100 ms processing latency,
 * ± 10 ms network jitter, and a client with a registry-like limiter (20/s, default margin).
 * Prints successful registrations per second as a ratio of the limit (target ≥ 0.90), 429s
 * (target < 1% of calls), and registrations lost or duplicated as the server counts them (must
 * be 0).  Also how long the caller waits for one journal line, synchronous and async. */

#define LIMIT 20

static void
finished_cb (RosterImportJob *job,
             gboolean        *finished)
{
  *finished = TRUE;
}

static void
got_webinar_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RosterWebinar **webinar = user_data;
  g_autoptr(GError) error = NULL;

  *webinar = roster_client_get_webinar_finish (ROSTER_CLIENT (object), result, &error);
  g_assert_no_error (error);
}

static void
appended_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  guint *n_done = user_data;
  g_autoptr(GError) error = NULL;

  roster_import_journal_append_finish (ROSTER_IMPORT_JOURNAL (object), result, &error);
  g_assert_no_error (error);
  (*n_done)++;
}

/* Microseconds the caller waits per journal line: a synchronous append (write + fdatasync)
 * against append_async, which leaves both to the journal's writer thread. */
static void
journal_line_cost (double *sync_usec,
                   double *async_usec)
{
  g_autoptr(RosterImportTarget) target = roster_import_target_new (1, 1, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const guint n = 200;
  gint64 start, elapsed = 0;
  guint n_done = 0;

  journal = roster_import_journal_open (NULL, "bench-account",
                                        "0000000000000000000000000000000000000000000000000000000000000000",
                                        "bench.csv", target, 2 * n, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  path = g_strdup (roster_import_journal_get_path (journal));
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      roster_import_journal_append (journal, i, i + 2, "someone@example.org", ROSTER_IMPORT_ROW_SENDING,
                                    NULL, NULL, &error);
      g_assert_no_error (error);
    }
  *sync_usec = (double) (g_get_monotonic_time () - start) / n;

  /* One line at a time, as the job appends them (one per released call): only the queueing is
   * timed, and each line is let to land before the next. */
  for (guint i = 0; i < n; i++)
    {
      start = g_get_monotonic_time ();
      roster_import_journal_append_async (journal, n + i, n + i + 2, "someone@example.org",
                                          ROSTER_IMPORT_ROW_SENDING, NULL, NULL, NULL, appended_cb, &n_done);
      elapsed += g_get_monotonic_time () - start;
      while (n_done <= i)
        g_main_context_iteration (NULL, TRUE);
    }
  *async_usec = (double) elapsed / n;

  g_clear_object (&journal);
  roster_import_journal_remove (path, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RosterFakeService) service = roster_fake_service_new (7);
  g_autoptr(RosterRateLimiter) limiter = roster_rate_limiter_new (LIMIT, G_USEC_PER_SEC);
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(RosterWebinar) webinar = NULL;
  g_autoptr(RosterSchedule) schedule = NULL;
  g_autoptr(RosterImportTarget) target = NULL;
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(RosterImportJob) job = NULL;
  g_autoptr(RosterImportPlan) plan = NULL;
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GString) csv = g_string_new ("Email,First Name,Last Name\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *journal_path = NULL;
  guint total = 2000, lost = 0, duplicated = 0, n_calls, n_429;
  gboolean finished = FALSE;
  gint64 webinar_id, start, elapsed;
  double rate, line_usec, async_line_usec;

  setlocale (LC_ALL, "");
  if (argc > 1)
    total = (guint) g_ascii_strtoull (argv[1], NULL, 10);

  journal_line_cost (&line_usec, &async_line_usec);

  roster_fake_service_set_rate_limit (service, LIMIT);
  if (!roster_fake_service_start_in_thread (service, &error))
    g_error ("%s", error->message);
  endpoint = roster_fake_service_dup_endpoint (service, FALSE);
  client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, endpoint, roster_fake_service_get_api_key (service), &error);
  g_assert_no_error (error);
  g_source_attach ((GSource *) limiter, NULL);
  roster_client_set_rate_limiter (client, limiter);

  webinar_id = roster_fake_service_get_main_webinar_id (service);
  roster_client_get_webinar_async (client, webinar_id, NULL, NULL, got_webinar_cb, &webinar);
  while (webinar == NULL)
    g_main_context_iteration (NULL, TRUE);
  schedule = g_list_model_get_item (roster_webinar_get_schedules (webinar), 2);

  for (guint i = 0; i < total; i++)
    g_string_append_printf (csv, "bench-import-%u@example.org,Bench,Row %u\n", i, i);
  stream = g_memory_input_stream_new_from_data (g_strdup (csv->str), csv->len, g_free);
  reader = roster_csv_reader_new_for_stream (stream, NULL);
  roster_csv_reader_detect (reader, NULL, &error);
  g_assert_no_error (error);
  mapping = roster_import_mapping_guess (roster_csv_reader_get_header (reader));
  plan = roster_import_plan_new (reader, mapping, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_READY), ==, total);

  target = roster_import_target_new (webinar_id, roster_schedule_get_id (schedule), NULL, NULL);
  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, csv->str, csv->len);
  account_id = roster_client_dup_account_id (client);
  journal = roster_import_journal_open (roster_client_get_journal_dir (client), account_id, sha, "bench.csv",
                                        target, total, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  journal_path = g_strdup (roster_import_journal_get_path (journal));
  g_assert_true (roster_import_journal_is_empty (journal));
  job = roster_import_job_new (client, plan, target, journal);
  g_signal_connect (job, "finished", G_CALLBACK (finished_cb), &finished);

  /* A fresh window, so the set-up call does not count against the run. */
  g_usleep (G_USEC_PER_SEC + 100000);
  roster_fake_service_set_latency (service, 150, 100);
  roster_fake_service_set_network_jitter (service, 10);
  roster_fake_service_reset_counters (service);

  start = g_get_monotonic_time ();
  roster_import_job_start (job);
  while (!finished)
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - start;

  for (guint i = 0; i < total; i++)
    {
      g_autofree char *email = g_strdup_printf ("bench-import-%u@example.org", i);
      guint n = roster_fake_service_get_n_registrations (service, webinar_id, email);

      if (n == 0)
        lost++;
      else if (n > 1)
        duplicated += n - 1;
    }

  rate = roster_import_job_get_n_registered (job) / (elapsed / (double) G_USEC_PER_SEC);
  n_calls = roster_fake_service_get_n_calls (service, "register");
  n_429 = roster_fake_service_get_n_rate_limited (service);
  g_print ("import of %u rows: %.1f s, %u registered, %u failed, %u unknown\n", total,
           elapsed / (double) G_USEC_PER_SEC, roster_import_job_get_n_registered (job),
           roster_import_job_get_n_failed (job), roster_import_job_get_n_unknown (job));
  g_print ("registrations/s: %.2f, ratio to the limit: %.3f (target ≥ 0.90)\n", rate, rate / LIMIT);
  g_print ("429s: %u of %u calls (%.2f%%, target < 1%%)\n", n_429, n_calls, n_calls ? 100.0 * n_429 / n_calls : 0.0);
  g_print ("lost: %u, duplicated: %u (must be 0)\n", lost, duplicated);
  g_print ("journal line: the caller waits %.0f µs for append (write + fdatasync), %.1f µs for append_async\n",
           line_usec, async_line_usec);

  g_clear_object (&job);
  g_clear_object (&journal);
  roster_import_journal_remove (journal_path, NULL);
  g_clear_object (&client);
  g_source_destroy ((GSource *) limiter);
  roster_fake_service_stop (service);

  return lost + duplicated == 0 ? 0 : 1;
}
