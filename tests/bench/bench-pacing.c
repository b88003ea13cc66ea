/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-pacing"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "roster-client.h"
#include "roster-fake-service.h"

/* Roster against the fake service's strict mode (a busy real server: ± 25 ms network jitter
 * before a strict sliding one-second window of 20 calls, a front worker that queues bursts, a
 * small listen backlog), beside a reference client: the "naive paced script" that sends one
 * call every 1/19.5 s from a thread pool and, on 429, sleeps a second and sends again.
 *
 *   bench-pacing register [N]           N registrations (default 2,000) at zero latency
 *   bench-pacing register-latency [N]   the same at 150 ± 100 ms processing latency
 *   bench-pacing import-processes [N]   three `roster-cli import` on one key, N rows each (600)
 *   bench-pacing pages                  80 pages of registrants at 150 ± 100 ms
 *   bench-pacing interactive            a view's call while an import runs at full speed
 *
 * Each prints successful calls per second ÷ 20, 429s as a share of calls, the peak number of
 * calls in any one second as the server saw them, lost and duplicated registrations, and
 * Roster ÷ reference.  The server runs on its own thread; the clients on this one (or, for the
 * reference, on threads of their own). */

#define LIMIT           20
#define REFERENCE_RATE  19.5
#define REFERENCE_POOL  16
#define MAX_IN_FLIGHT   64

typedef struct
{
  const char *name;
  guint       calls;        /* successful */
  double      seconds;
  guint       rate_limited;
  guint       peak;
  guint       lost;
  guint       duplicated;
} Outcome;

static RosterFakeService *service;
static char *endpoint;
static gint64 webinar_id;
static gint64 schedule_id;

static double
outcome_rate (const Outcome *o)
{
  return o->calls / o->seconds;
}

static void
outcome_print (const Outcome *o)
{
  guint sent = o->calls + o->rate_limited;

  g_print ("%-36s %5u ok in %6.2f s  %.3f of the limit  429s: %u (%.2f%% of calls)  "
           "peak: %u in one second  lost: %u  duplicated: %u\n",
           o->name, o->calls, o->seconds, outcome_rate (o) / LIMIT, o->rate_limited,
           sent > 0 ? 100.0 * o->rate_limited / sent : 0.0, o->peak, o->lost, o->duplicated);
}

static void
outcome_compare (const Outcome *roster,
                 const Outcome *reference)
{
  g_print ("Roster / reference: %.3f\n\n", outcome_rate (roster) / outcome_rate (reference));
}

/* A fresh server window and counters, so one run does not count against the next. */
static void
fresh_window (void)
{
  g_usleep (G_USEC_PER_SEC + 200 * G_TIME_SPAN_MILLISECOND);
  roster_fake_service_reset_counters (service);
}

static char *
email_for (const char *slug,
           guint       i)
{
  return g_strdup_printf ("bench-%s-%u@example.org", slug, i);
}

static void
count_registrations (Outcome    *o,
                     const char *slug,
                     guint       total)
{
  for (guint i = 0; i < total; i++)
    {
      g_autofree char *email = email_for (slug, i);
      guint n = roster_fake_service_get_n_registrations (service, webinar_id, email);

      if (n == 0)
        o->lost++;
      else if (n > 1)
        o->duplicated += n - 1;
    }
}

static void
take_server_counters (Outcome *o)
{
  o->rate_limited = roster_fake_service_get_n_rate_limited (service);
  o->peak = roster_fake_service_get_peak_per_second (service);
}

/* ---- The reference client ------------------------------------------------------------------ */

typedef struct
{
  const char *method;
  const char *slug;     /* register: emails; NULL for registrants pages */
  double      rate;
  guint       total;
  gint64      finished_at;  /* of the last answer, guarded by lock */
  guint       succeeded;
  guint       failed;
  GMutex      lock;
} Reference;

static GPrivate reference_session = G_PRIVATE_INIT (g_object_unref);

static char *
reference_body (Reference *ref,
                guint      i)
{
  g_autoptr(GHashTable) form = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (form, (char *) "api_key", g_strdup (roster_fake_service_get_api_key (service)));
  g_hash_table_insert (form, (char *) "webinar_id", g_strdup_printf ("%" G_GINT64_FORMAT, webinar_id));
  if (ref->slug != NULL)
    {
      g_hash_table_insert (form, (char *) "schedule", g_strdup_printf ("%" G_GINT64_FORMAT, schedule_id));
      g_hash_table_insert (form, (char *) "first_name", g_strdup ("Reference"));
      g_hash_table_insert (form, (char *) "last_name", g_strdup ("Script"));
      g_hash_table_insert (form, (char *) "email", email_for (ref->slug, i));
    }
  else
    {
      g_hash_table_insert (form, (char *) "page", g_strdup_printf ("%u", i + 1));
    }

  return soup_form_encode_hash (form);
}

static void
reference_worker (gpointer data,
                  gpointer user_data)
{
  Reference *ref = user_data;
  guint i = GPOINTER_TO_UINT (data) - 1;
  SoupSession *session = g_private_get (&reference_session);
  g_autofree char *url = g_strconcat (endpoint, "/", ref->method, NULL);
  g_autofree char *body = reference_body (ref, i);
  gboolean ok = FALSE;

  if (session == NULL)
    {
      session = soup_session_new ();
      g_private_set (&reference_session, session);
    }

  for (;;)
    {
      g_autoptr(SoupMessage) msg = soup_message_new_from_encoded_form ("POST", url, g_strdup (body));
      g_autoptr(GBytes) answer = NULL;
      guint status;

      /* Keep-alive, as a script's HTTP session would. */
      soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
      answer = soup_session_send_and_read (session, msg, NULL, NULL);
      status = soup_message_get_status (msg);

      if (status == 429)
        {
          g_usleep (G_USEC_PER_SEC);
          continue;
        }
      ok = answer != NULL && SOUP_STATUS_IS_SUCCESSFUL (status);
      break;
    }

  g_mutex_lock (&ref->lock);
  if (ok)
    ref->succeeded++;
  else
    ref->failed++;
  ref->finished_at = MAX (ref->finished_at, g_get_monotonic_time ());
  g_mutex_unlock (&ref->lock);
}

static gpointer
reference_thread (gpointer data)
{
  Reference *ref = data;
  g_autoptr(GError) error = NULL;
  GThreadPool *pool = g_thread_pool_new (reference_worker, ref, REFERENCE_POOL, FALSE, &error);
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  for (guint i = 0; i < ref->total; i++)
    {
      gint64 at = start + (gint64) (i * G_USEC_PER_SEC / ref->rate);
      gint64 now = g_get_monotonic_time ();

      if (at > now)
        g_usleep (at - now);
      g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE);

  return NULL;
}

/* @n_scripts scripts at once, each at @rate (calls per second), each sending @total calls. */
static Outcome
run_reference (const char *name,
               const char *method,
               const char *slug,
               guint       n_scripts,
               double      rate,
               guint       total)
{
  Reference refs[3] = { 0 };
  GThread *threads[3];
  Outcome o = { name };
  gint64 start, finished = 0;

  g_assert_cmpuint (n_scripts, <=, G_N_ELEMENTS (refs));
  fresh_window ();
  start = g_get_monotonic_time ();
  for (guint s = 0; s < n_scripts; s++)
    {
      refs[s].method = method;
      refs[s].slug = slug != NULL ? g_strdup_printf ("%s%u", slug, s) : NULL;
      refs[s].rate = rate;
      refs[s].total = total;
      g_mutex_init (&refs[s].lock);
      threads[s] = g_thread_new ("reference", reference_thread, &refs[s]);
    }
  for (guint s = 0; s < n_scripts; s++)
    {
      g_thread_join (threads[s]);
      o.calls += refs[s].succeeded;
      finished = MAX (finished, refs[s].finished_at);
    }
  o.seconds = (finished - start) / (double) G_USEC_PER_SEC;
  take_server_counters (&o);
  for (guint s = 0; s < n_scripts; s++)
    {
      if (slug != NULL)
        count_registrations (&o, refs[s].slug, total);
      g_free ((char *) refs[s].slug);
      g_mutex_clear (&refs[s].lock);
    }

  return o;
}

/* ---- Roster through RosterClient, as the app uses it ---------------------------------------- */

typedef struct
{
  RosterClient *client;
  const char   *slug;
  guint         total;
  guint         next;
  guint         in_flight;
  guint         succeeded;
  guint         failed;
  gint64        finished_at;
} Run;

static void send_more (Run *run);

static void
registered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(RosterRegistration) registration = NULL;
  g_autoptr(GError) error = NULL;

  registration = roster_client_register_finish (ROSTER_CLIENT (object), result, &error);
  if (registration != NULL)
    run->succeeded++;
  else if (run->failed++ == 0)
    g_printerr ("register failed: %s\n", error->message);

  run->in_flight--;
  send_more (run);
  if (run->in_flight == 0 && run->next == run->total)
    run->finished_at = g_get_monotonic_time ();
}

static void
send_more (Run *run)
{
  while (run->next < run->total && run->in_flight < MAX_IN_FLIGHT)
    {
      g_autoptr(RosterRegisterParams) params = roster_register_params_new ();

      params->webinar_id = webinar_id;
      params->schedule_id = schedule_id;
      params->first_name = g_strdup ("Bench");
      params->last_name = g_strdup ("Roster");
      params->email = email_for (run->slug, run->next);

      run->next++;
      run->in_flight++;
      roster_client_register_async (run->client, params, ROSTER_PRIORITY_BULK, NULL,
                                    registered_cb, run);
    }
}

static RosterClient *
client_new (void)
{
  g_autoptr(GError) error = NULL;
  RosterClient *client;

  /* The key's own limiter from the registry, shared with every process on this key. */
  client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, endpoint,
                              roster_fake_service_get_api_key (service), &error);
  g_assert_no_error (error);

  return client;
}

static Outcome
run_roster_register (const char *name,
                     const char *slug,
                     guint       total)
{
  Run run = { 0 };
  Outcome o = { name };
  gint64 start;

  run.client = client_new ();
  run.slug = slug;
  run.total = total;

  fresh_window ();
  start = g_get_monotonic_time ();
  send_more (&run);
  while (run.finished_at == 0)
    g_main_context_iteration (NULL, TRUE);

  o.calls = run.succeeded;
  o.seconds = (run.finished_at - start) / (double) G_USEC_PER_SEC;
  take_server_counters (&o);
  count_registrations (&o, slug, total);
  g_object_unref (run.client);

  return o;
}

static void
bench_register (guint total,
                guint latency_ms,
                guint latency_jitter_ms)
{
  g_autofree char *roster_name = g_strdup_printf ("roster, %u ± %u ms", latency_ms, latency_jitter_ms);
  g_autofree char *reference_name = g_strdup_printf ("reference, %u ± %u ms", latency_ms, latency_jitter_ms);
  g_autofree char *slug = g_strdup_printf ("r%u", latency_ms);
  g_autofree char *ref_slug = g_strdup_printf ("ref%u-", latency_ms);
  Outcome roster, reference;

  roster_fake_service_set_latency (service, latency_ms, latency_jitter_ms);
  roster = run_roster_register (roster_name, slug, total);
  outcome_print (&roster);
  reference = run_reference (reference_name, "register", ref_slug, 1, REFERENCE_RATE, total);
  outcome_print (&reference);
  outcome_compare (&roster, &reference);
}

/* ---- Three roster-cli import processes on one key ------------------------------------------- */

static char *
write_csv (const char *dir,
           const char *slug,
           guint       n_rows)
{
  g_autofree char *name = g_strdup_printf ("%s.csv", slug);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) text = g_string_new ("email,first_name,last_name\n");

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *email = email_for (slug, i);

      g_string_append_printf (text, "%s,Bench,Process %s\n", email, slug);
    }
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  return path;
}

static void
bench_import_processes (guint n_rows)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-pacing-XXXXXX", &error);
  g_autofree char *webinar = g_strdup_printf ("%" G_GINT64_FORMAT, webinar_id);
  g_autofree char *schedule = g_strdup_printf ("%" G_GINT64_FORMAT, schedule_id);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  const char *cli = g_getenv ("ROSTER_CLI");
  GSubprocess *processes[3];
  char *paths[3];
  const char *slugs[3] = { "cli0", "cli1", "cli2" };
  Outcome roster = { "roster-cli ×3, 150 ± 100 ms" }, reference;
  gint64 start;

  g_assert_no_error (error);
  g_assert_nonnull (cli);
  roster_fake_service_set_latency (service, 150, 100);
  g_subprocess_launcher_setenv (launcher, "ROSTER_API_KEY", roster_fake_service_get_api_key (service), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", dir, TRUE);
  for (guint p = 0; p < 3; p++)
    paths[p] = write_csv (dir, slugs[p], n_rows);

  fresh_window ();
  start = g_get_monotonic_time ();
  for (guint p = 0; p < 3; p++)
    {
      processes[p] = g_subprocess_launcher_spawn (launcher, &error, cli, "--endpoint", endpoint,
                                                  "import", paths[p], "--webinar", webinar,
                                                  "--schedule", schedule, "--consent", NULL);
      g_assert_no_error (error);
    }
  for (guint p = 0; p < 3; p++)
    {
      g_subprocess_wait (processes[p], NULL, &error);
      g_assert_no_error (error);
      if (!g_subprocess_get_successful (processes[p]))
        g_printerr ("roster-cli import %u failed\n", p);
    }
  roster.seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  take_server_counters (&roster);
  /* Registrations, not accepted calls: an unknown outcome adds lookups. */
  roster.calls = roster_fake_service_get_n_registrations_total (service);
  for (guint p = 0; p < 3; p++)
    {
      count_registrations (&roster, slugs[p], n_rows);
      g_object_unref (processes[p]);
      g_unlink (paths[p]);
      g_free (paths[p]);
    }
  outcome_print (&roster);

  /* The reference: three scripts that split the budget between them by hand. */
  reference = run_reference ("reference ×3 at 6.5/s each", "register", "refcli", 3,
                             REFERENCE_RATE / 3, n_rows);
  outcome_print (&reference);
  outcome_compare (&roster, &reference);
}

/* ---- 80 pages of registrants ---------------------------------------------------------------- */

static void
pages_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GListModel **model = user_data;
  g_autoptr(GError) error = NULL;

  *model = roster_client_list_all_registrants_finish (ROSTER_CLIENT (object), result, &error);
  g_assert_no_error (error);
}

static void
bench_pages (void)
{
  g_autoptr(RosterClient) client = client_new ();
  g_autoptr(GListModel) model = NULL;
  Outcome roster = { "roster, 80 pages, 150 ± 100 ms" }, reference;
  guint n_pages = 80, page_size = 50;
  gint64 start;

  g_assert_true (roster_fake_service_set_registrant_count (service, webinar_id, n_pages * page_size));
  roster_fake_service_set_page_size (service, page_size);
  roster_fake_service_set_latency (service, 150, 100);

  fresh_window ();
  start = g_get_monotonic_time ();
  roster_client_list_all_registrants_async (client, webinar_id, NULL, ROSTER_PRIORITY_INTERACTIVE,
                                            NULL, NULL, NULL, NULL, pages_cb, &model);
  while (model == NULL)
    g_main_context_iteration (NULL, TRUE);
  roster.seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  roster.calls = roster_fake_service_get_n_accepted (service);
  take_server_counters (&roster);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_pages * page_size);
  outcome_print (&roster);
  g_print ("roster: %.2f s for 80 pages, %.3f of the ideal 4 s (target ≤ 1.05)\n",
           roster.seconds, roster.seconds / 4.0);

  reference = run_reference ("reference, 80 pages, 150 ± 100 ms", "registrants", NULL, 1,
                             REFERENCE_RATE, n_pages);
  outcome_print (&reference);
  outcome_compare (&roster, &reference);
}

/* ---- Interactive latency while an import runs ------------------------------------------------ */

static void
webinars_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  gint64 *done_at = user_data;
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(GError) error = NULL;

  webinars = roster_client_list_webinars_finish (ROSTER_CLIENT (object), result, &error);
  g_assert_no_error (error);
  *done_at = g_get_monotonic_time ();
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
median_ms (GArray *usecs)
{
  g_array_sort (usecs, compare_int64);
  return g_array_index (usecs, gint64, usecs->len / 2) / 1000.0;
}

static void
set_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* A view's call every 700 ms; their latencies in µs. */
static GArray *
interactive_latencies (RosterClient *client,
                       guint         n)
{
  GArray *latencies = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n; i++)
    {
      gint64 start, done_at = 0;
      gboolean waited = FALSE;

      /* The import (if any) keeps running meanwhile. */
      g_timeout_add_once (700, set_flag, &waited);
      while (!waited)
        g_main_context_iteration (NULL, TRUE);
      start = g_get_monotonic_time ();
      roster_client_list_webinars_async (client, NULL, webinars_cb, &done_at);
      while (done_at == 0)
        g_main_context_iteration (NULL, TRUE);
      g_array_append_val (latencies, (gint64) { done_at - start });
    }

  return latencies;
}

static void
bench_interactive (void)
{
  g_autoptr(RosterClient) client = client_new ();
  g_autoptr(GArray) idle = NULL;
  g_autoptr(GArray) busy = NULL;
  Run run = { 0 };
  double idle_ms, busy_ms;

  roster_fake_service_set_latency (service, 0, 0);
  fresh_window ();
  idle = interactive_latencies (client, 15);

  fresh_window ();
  run.client = client;
  run.slug = "interactive";
  run.total = 800;
  send_more (&run);
  busy = interactive_latencies (client, 40);
  while (run.finished_at == 0)
    g_main_context_iteration (NULL, TRUE);

  idle_ms = median_ms (idle);
  busy_ms = median_ms (busy);
  g_print ("interactive call: median %.1f ms idle, %.1f ms while an import runs: %.1f ms added "
           "(target ≤ 100 ms); the import's 429s: %u\n",
           idle_ms, busy_ms, busy_ms - idle_ms, roster_fake_service_get_n_rate_limited (service));
}

/* ---- main ------------------------------------------------------------------------------------ */

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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(RosterWebinar) webinar = NULL;
  g_autoptr(RosterSchedule) schedule = NULL;
  const char *scenario = argc > 1 ? argv[1] : "register";
  guint n = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 0;

  setlocale (LC_ALL, "");

  service = roster_fake_service_new (7);
  roster_fake_service_set_rate_limit (service, LIMIT);
  roster_fake_service_set_strict (service, TRUE);
  if (!roster_fake_service_start_in_thread (service, &error))
    g_error ("%s", error->message);
  endpoint = roster_fake_service_dup_endpoint (service, FALSE);
  webinar_id = roster_fake_service_get_main_webinar_id (service);

  client = client_new ();
  roster_client_get_webinar_async (client, webinar_id, NULL, NULL, got_webinar_cb, &webinar);
  while (webinar == NULL)
    g_main_context_iteration (NULL, TRUE);
  schedule = g_list_model_get_item (roster_webinar_get_schedules (webinar), 0);
  schedule_id = roster_schedule_get_id (schedule);

  if (g_str_equal (scenario, "register"))
    bench_register (n > 0 ? n : 2000, 0, 0);
  else if (g_str_equal (scenario, "register-latency"))
    bench_register (n > 0 ? n : 2000, 150, 100);
  else if (g_str_equal (scenario, "import-processes"))
    bench_import_processes (n > 0 ? n : 600);
  else if (g_str_equal (scenario, "pages"))
    bench_pages ();
  else if (g_str_equal (scenario, "interactive"))
    bench_interactive ();
  else
    g_error ("Unknown scenario %s", scenario);

  roster_fake_service_stop (service);
  g_clear_object (&service);
  g_free (endpoint);

  return 0;
}
