/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-register"

#include "config.h"

#include <locale.h>

#include "roster-client.h"
#include "roster-fake-service.h"

/* 1,000 `register` calls through RosterClient against the fake service's strict 20-per-second
 * window, at zero latency and at 150 ± 100 ms processing latency with ± 10 ms network jitter,
 * beside a client that sends one call at a time. Prints achieved calls per second as a ratio of
 * the limit, 429s, and registrations lost or duplicated, as counted by the server. */

#define LIMIT 20

typedef struct
{
  RosterClient *client;
  gint64        webinar_id;
  gint64        schedule_id;
  const char   *tag;
  const char   *slug;  /* the tag as it may stand in an email address */
  guint         total;
  guint         max_in_flight;
  guint         next;
  guint         in_flight;
  guint         succeeded;
  guint         failed;
  GMainLoop    *loop;
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
    g_main_loop_quit (run->loop);
}

static void
send_more (Run *run)
{
  while (run->next < run->total && run->in_flight < run->max_in_flight)
    {
      g_autoptr(RosterRegisterParams) params = roster_register_params_new ();

      params->webinar_id = run->webinar_id;
      params->schedule_id = run->schedule_id;
      params->first_name = g_strdup ("Bench");
      params->last_name = g_strdup_printf ("%s %u", run->tag, run->next);
      params->email = g_strdup_printf ("bench-%s-%u@example.org", run->slug, run->next);

      run->next++;
      run->in_flight++;
      roster_client_register_async (run->client, params, ROSTER_PRIORITY_BULK, NULL,
                                    registered_cb, run);
    }
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

typedef struct
{
  double rate;
  guint  rate_limited;
  guint  lost;
  guint  duplicated;
} Outcome;

static Outcome
run_scenario (RosterFakeService *service,
              const char        *tag,
              const char        *slug,
              guint              total,
              guint              max_in_flight,
              guint              latency_ms,
              guint              latency_jitter_ms,
              guint              network_jitter_ms)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = roster_fake_service_dup_endpoint (service, FALSE);
  g_autoptr(RosterRateLimiter) limiter = roster_rate_limiter_new (LIMIT, G_USEC_PER_SEC);
  g_autoptr(RosterWebinar) webinar = NULL;
  g_autoptr(RosterSchedule) schedule = NULL;
  Outcome outcome = { 0 };
  Run run = { 0 };
  gint64 start, elapsed;

  run.client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, endpoint,
                                  roster_fake_service_get_api_key (service), &error);
  g_assert_no_error (error);
  g_source_attach ((GSource *) limiter, NULL);
  roster_client_set_rate_limiter (run.client, limiter);

  roster_fake_service_set_latency (service, 0, 0);
  roster_fake_service_set_network_jitter (service, 0);
  run.webinar_id = roster_fake_service_get_main_webinar_id (service);
  roster_client_get_webinar_async (run.client, run.webinar_id, NULL, NULL, got_webinar_cb, &webinar);
  while (webinar == NULL)
    g_main_context_iteration (NULL, TRUE);
  schedule = g_list_model_get_item (roster_webinar_get_schedules (webinar), 0);
  run.schedule_id = roster_schedule_get_id (schedule);

  /* A fresh window, so the set-up call above does not count against the run. */
  g_usleep (G_USEC_PER_SEC + 100000);
  roster_fake_service_set_latency (service, latency_ms, latency_jitter_ms);
  roster_fake_service_set_network_jitter (service, network_jitter_ms);
  roster_fake_service_reset_counters (service);

  run.tag = tag;
  run.slug = slug;
  run.total = total;
  run.max_in_flight = max_in_flight;
  run.loop = g_main_loop_new (NULL, FALSE);

  start = g_get_monotonic_time ();
  send_more (&run);
  g_main_loop_run (run.loop);
  elapsed = g_get_monotonic_time () - start;

  outcome.rate = run.succeeded / (elapsed / (double) G_USEC_PER_SEC);
  outcome.rate_limited = roster_fake_service_get_n_rate_limited (service);
  for (guint i = 0; i < total; i++)
    {
      g_autofree char *email = g_strdup_printf ("bench-%s-%u@example.org", slug, i);
      guint n = roster_fake_service_get_n_registrations (service, run.webinar_id, email);

      if (n == 0)
        outcome.lost++;
      else if (n > 1)
        outcome.duplicated += n - 1;
    }

  g_print ("%-28s %5u calls  %6.2f calls/s  %.3f of the limit  429s: %u (%.2f%% of calls)  "
           "lost: %u  duplicated: %u  failed: %u\n",
           tag, total, outcome.rate, outcome.rate / LIMIT, outcome.rate_limited,
           100.0 * outcome.rate_limited / (total + outcome.rate_limited),
           outcome.lost, outcome.duplicated, run.failed);

  g_main_loop_unref (run.loop);
  g_object_unref (run.client);
  g_source_destroy ((GSource *) limiter);

  return outcome;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RosterFakeService) service = roster_fake_service_new (7);
  g_autoptr(GError) error = NULL;
  guint total = 1000, baseline_total = 150;
  Outcome flat, jitter, one_flat, one_jitter;

  setlocale (LC_ALL, "");
  if (argc > 1)
    total = (guint) g_ascii_strtoull (argv[1], NULL, 10);

  /* The server runs on its own thread, as a real one would not share the client's loop. */
  roster_fake_service_set_rate_limit (service, LIMIT);
  if (!roster_fake_service_start_in_thread (service, &error))
    g_error ("%s", error->message);

  flat = run_scenario (service, "roster zero-latency", "flat", total, 64, 0, 0, 0);
  jitter = run_scenario (service, "roster 150±100ms ±10ms", "jitter", total, 64, 150, 100, 10);
  one_flat = run_scenario (service, "one-at-a-time zero-latency", "one-flat", baseline_total, 1, 0, 0, 0);
  one_jitter = run_scenario (service, "one-at-a-time 150±100ms", "one-jitter", baseline_total, 1, 150, 100, 10);

  g_print ("\nratio to the limit: %.3f at zero latency (target 0.95), %.3f with latency and jitter (target 0.90)\n",
           flat.rate / LIMIT, jitter.rate / LIMIT);
  g_print ("Roster / one-at-a-time: %.2f at zero latency, %.2f with latency and jitter\n",
           flat.rate / one_flat.rate, jitter.rate / one_jitter.rate);
  g_print ("lost: %u, duplicated: %u\n", flat.lost + jitter.lost, flat.duplicated + jitter.duplicated);

  roster_fake_service_stop (service);

  return (flat.lost + jitter.lost + flat.duplicated + jitter.duplicated) == 0 ? 0 : 1;
}
