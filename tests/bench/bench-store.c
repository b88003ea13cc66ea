/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <glib/gstdio.h>

#include "roster-client.h"
#include "roster-fake-service.h"
#include "roster-registrant-store.h"
#include "roster-store-sync.h"

/* The local registrant store on a webinar of 100,000 registrants served by the fake service (in
 * a thread, 50 a page as the real API pages, through a limiter that allows 1,000 calls a second:
 * calls are counted, not waited for). Prints, from one run: the calls of a refresh a day later
 * with 1% new sign-ups against the calls of the full sync (target ≤ 5%), and the times of the
 * queries the views make: reopening the store to its first rows (< 300 ms), the first screen
 * sorted by name (< 200 ms), a local search (< 50 ms), a people search (< 50 ms) and the counts. */

#define N_REGISTRANTS 100000
#define PAGE_SIZE     50
#define N_NEW         (N_REGISTRANTS / 100)
#define SCREEN        100

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static RosterRegistrantStore *
open_store (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterRegistrantStore *store;

  roster_registrant_store_open_async (path, NULL, store_result, &result);
  store = roster_registrant_store_open_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  return store;
}

static guint
sync_webinar (RosterStoreSync *sync,
              gint64           webinar_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint before = roster_store_sync_get_n_calls (sync);

  roster_store_sync_run_async (sync, webinar_id, FALSE, NULL, store_result, &result);
  roster_store_sync_run_finish (sync, wait_for (&result), NULL, &error);
  g_assert_no_error (error);
  return roster_store_sync_get_n_calls (sync) - before;
}

static GPtrArray *
list (RosterRegistrantStore        *store,
      gint64                        webinar_id,
      const RosterRegistrantFilter *filter,
      RosterStoreSort               sort)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  roster_registrant_store_list_async (store, webinar_id, filter, sort, FALSE, 0, SCREEN, NULL,
                                      store_result, &result);
  rows = roster_registrant_store_list_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return rows;
}

static void
registered (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RosterRegistration) registration = NULL;
  g_autoptr(GError) error = NULL;

  registration = roster_client_register_finish (ROSTER_CLIENT (object), result, &error);
  g_assert_no_error (error);
  (*(guint *) user_data)++;
}

static void
register_new (RosterClient *client,
              gint64        webinar_id,
              gint64        schedule_id)
{
  guint n_done = 0;

  /* all at once: the limiter paces them */
  for (guint i = 0; i < N_NEW; i++)
    {
      g_autoptr(RosterRegisterParams) params = roster_register_params_new ();

      params->webinar_id = webinar_id;
      params->schedule_id = schedule_id;
      params->first_name = g_strdup ("New");
      params->last_name = g_strdup_printf ("Person%u", i);
      params->email = g_strdup_printf ("new%u@example.org", i);
      roster_client_register_async (client, params, ROSTER_PRIORITY_BULK, NULL, registered,
                                    &n_done);
    }
  while (n_done < N_NEW)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RosterFakeService) fake = roster_fake_service_new (7);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRateLimiter) limiter = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(RosterRegistrantStore) store = NULL;
  g_autoptr(RosterStoreSync) sync = NULL;
  g_autoptr(RosterWebinar) webinar = NULL;
  g_autoptr(RosterSchedule) schedule = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(RosterRegistrantFilter) search = roster_registrant_filter_new ();
  g_autofree char *endpoint = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.sqlite3", NULL);
  g_autofree char *email = NULL;
  RosterStoreStats stats;
  gint64 webinar_id, now = g_get_real_time () / G_USEC_PER_SEC, t0;
  guint full_calls, refresh_calls;
  GStatBuf buf;

  if (!roster_fake_service_start_in_thread (fake, &error))
    g_error ("%s", error->message);
  roster_fake_service_set_now (fake, now);
  roster_fake_service_set_page_size (fake, PAGE_SIZE);
  webinar_id = roster_fake_service_get_main_webinar_id (fake);
  roster_fake_service_set_registrant_count (fake, webinar_id, N_REGISTRANTS);
  endpoint = roster_fake_service_dup_endpoint (fake, FALSE);
  client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, endpoint,
                              roster_fake_service_get_api_key (fake), &error);
  g_assert_no_error (error);
  limiter = roster_rate_limiter_new (1000, G_USEC_PER_SEC);
  g_source_attach ((GSource *) limiter, NULL);
  roster_client_set_rate_limiter (client, limiter);

  store = open_store (path);
  sync = roster_store_sync_new (store, client);
  roster_store_sync_set_now (sync, now);
  t0 = g_get_monotonic_time ();
  full_calls = sync_webinar (sync, webinar_id);
  g_print ("full sync of %d registrants: %u calls, %.1f s\n", N_REGISTRANTS, full_calls,
           (g_get_monotonic_time () - t0) / 1e6);

  /* a day later, 1% more people */
  now += 86400;
  roster_fake_service_set_now (fake, now);
  roster_store_sync_set_now (sync, now);
  roster_client_get_webinar_async (client, webinar_id, NULL, NULL, store_result, &result);
  webinar = roster_client_get_webinar_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  schedule = g_list_model_get_item (roster_webinar_get_schedules (webinar), 2);
  register_new (client, webinar_id, roster_schedule_get_id (schedule));
  refresh_calls = sync_webinar (sync, webinar_id);
  g_print ("refresh a day later with %d new sign-ups: %u calls\n", N_NEW, refresh_calls);
  g_print ("RATIO refresh/full calls: %.4f (target <= 0.05)\n", (double) refresh_calls / full_calls);
  g_clear_object (&sync);
  g_clear_object (&store);
  g_stat (path, &buf);
  g_print ("store file: %.1f MiB\n", buf.st_size / 1048576.0);

  /* reopening: the store and its first screen of rows */
  t0 = g_get_monotonic_time ();
  store = open_store (path);
  rows = list (store, webinar_id, NULL, ROSTER_STORE_SORT_SIGNUP);
  g_print ("reopen to first %u rows: %.1f ms (target < 300)\n", rows->len,
           (g_get_monotonic_time () - t0) / 1e3);
  g_clear_pointer (&rows, g_ptr_array_unref);

  t0 = g_get_monotonic_time ();
  rows = list (store, webinar_id, NULL, ROSTER_STORE_SORT_NAME);
  g_print ("first %u rows sorted by name: %.1f ms (target < 200)\n", rows->len,
           (g_get_monotonic_time () - t0) / 1e3);
  email = g_strdup (roster_registrant_get_email (rows->pdata[rows->len / 2]));
  search->search = g_strdup (roster_registrant_get_last_name (rows->pdata[rows->len / 2]));
  g_clear_pointer (&rows, g_ptr_array_unref);

  t0 = g_get_monotonic_time ();
  rows = list (store, webinar_id, search, ROSTER_STORE_SORT_NAME);
  g_print ("local search \"%s\": %u rows, %.1f ms (target < 50)\n", search->search, rows->len,
           (g_get_monotonic_time () - t0) / 1e3);
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_clear_object (&result);
  t0 = g_get_monotonic_time ();
  roster_registrant_store_people_async (store, email, 50, NULL, store_result, &result);
  rows = roster_registrant_store_people_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_print ("people search \"%s\": %u registrations, %.1f ms (target < 50)\n", email, rows->len,
           (g_get_monotonic_time () - t0) / 1e3);
  g_clear_object (&result);

  t0 = g_get_monotonic_time ();
  roster_registrant_store_stats_async (store, webinar_id, NULL, NULL, store_result, &result);
  roster_registrant_store_stats_finish (store, wait_for (&result), &stats, &error);
  g_assert_no_error (error);
  g_print ("counts of %" G_GINT64_FORMAT " registrants: %.1f ms\n", stats.total,
           (g_get_monotonic_time () - t0) / 1e3);

  g_clear_object (&store);
  roster_registrant_store_forget (path, NULL);
  g_rmdir (dir);
  g_source_destroy ((GSource *) limiter);
  roster_fake_service_stop (fake);
  return 0;
}
