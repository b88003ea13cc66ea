/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "roster-account-private.h"
#include "roster-fake-service.h"
#include "roster-registrant-store-private.h"
#include "roster-store-sync.h"
#include "roster-test-fake.h"

/* The local registrant store and its sync against the fake service over real HTTP: a first
 * sync reads every page, a refresh asks only for what can have changed, a full sync drops whom
 * the server no longer has, an interrupted sync resumes, old schemas migrate, damaged files are
 * moved aside, and the queries agree with the server's own filters. */

#define N_PEOPLE 300
#define N_MANY 3000
#define PAGE_SIZE 25
#define DAY 86400

typedef struct
{
  RosterFakeService     *service;
  RosterClient          *client;
  RosterRateLimiter     *limiter;
  RosterRegistrantStore *store;
  RosterStoreSync       *sync;
  gint64                 webinar_id;
  gint64                 now;
} Fixture;

static RosterRegistrantStore *
open_store (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterRegistrantStore *store;

  roster_registrant_store_open_async (path, NULL, roster_test_store_result, &result);
  store = roster_registrant_store_open_finish (roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *account = NULL;
  g_autofree char *path = NULL;

  fixture->service = roster_test_fake_start (42, 0);
  fixture->now = g_get_real_time () / G_USEC_PER_SEC;
  roster_fake_service_set_now (fixture->service, fixture->now);
  roster_fake_service_set_page_size (fixture->service, PAGE_SIZE);
  fixture->webinar_id = roster_fake_service_get_main_webinar_id (fixture->service);
  g_assert_true (roster_fake_service_set_registrant_count (fixture->service, fixture->webinar_id,
                                                           N_PEOPLE));

  fixture->limiter = roster_rate_limiter_new (1000, G_USEC_PER_SEC);
  g_source_attach ((GSource *) fixture->limiter, NULL);
  fixture->client = roster_test_client_for (fixture->service,
                                            roster_fake_service_get_api_key (fixture->service),
                                            fixture->limiter, 5000);
  account = roster_client_dup_account_id (fixture->client);
  path = roster_registrant_store_path_for_account (account);
  roster_registrant_store_forget (path, NULL);
  fixture->store = open_store (path);
  fixture->sync = roster_store_sync_new (fixture->store, fixture->client);
  roster_store_sync_set_now (fixture->sync, fixture->now);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (roster_registrant_store_get_path (fixture->store));

  g_clear_object (&fixture->sync);
  g_clear_object (&fixture->store);
  roster_registrant_store_forget (path, NULL);
  g_clear_object (&fixture->client);
  g_source_destroy ((GSource *) fixture->limiter);
  g_clear_pointer (&fixture->limiter, roster_rate_limiter_unref);
  roster_fake_service_stop (fixture->service);
  g_clear_object (&fixture->service);
  while (g_main_context_iteration (NULL, FALSE));
}

/* Moves both clocks, the server's and the sync's. */
static void
advance (Fixture *fixture,
         gint64   seconds)
{
  fixture->now += seconds;
  roster_fake_service_set_now (fixture->service, fixture->now);
  roster_store_sync_set_now (fixture->sync, fixture->now);
}

static RosterStoreSyncKind
sync_webinar (Fixture  *fixture,
              gint64    webinar_id,
              gboolean  full)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterStoreSyncKind kind = ROSTER_STORE_SYNC_NONE;

  roster_store_sync_run_async (fixture->sync, webinar_id, full, NULL, roster_test_store_result,
                               &result);
  g_assert_true (roster_store_sync_run_finish (fixture->sync, roster_test_wait_for_result (&result),
                                               &kind, &error));
  g_assert_no_error (error);
  return kind;
}

static RosterStoreStats
stats (Fixture                      *fixture,
       const RosterRegistrantFilter *filter)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterStoreStats found = { 0, };

  roster_registrant_store_stats_async (fixture->store, fixture->webinar_id, filter, NULL,
                                       roster_test_store_result, &result);
  g_assert_true (roster_registrant_store_stats_finish (fixture->store,
                                                       roster_test_wait_for_result (&result),
                                                       &found, &error));
  g_assert_no_error (error);
  return found;
}

static GPtrArray *
list (Fixture                      *fixture,
      const RosterRegistrantFilter *filter,
      RosterStoreSort               sort)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  roster_registrant_store_list_async (fixture->store, fixture->webinar_id, filter, sort, FALSE, 0,
                                      0, NULL, roster_test_store_result, &result);
  rows = roster_registrant_store_list_finish (fixture->store, roster_test_wait_for_result (&result),
                                              &error);
  g_assert_no_error (error);
  return rows;
}

static GPtrArray *
people (Fixture    *fixture,
        const char *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  roster_registrant_store_people_async (fixture->store, text, 0, NULL, roster_test_store_result,
                                        &result);
  rows = roster_registrant_store_people_finish (fixture->store, roster_test_wait_for_result (&result),
                                                &error);
  g_assert_no_error (error);
  return rows;
}

static gboolean
is_registered (Fixture    *fixture,
               gint64      webinar_id,
               const char *email)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) found = NULL;
  const char *emails[] = { email, NULL };

  roster_registrant_store_find_registered_async (fixture->store, webinar_id, 0, emails, NULL,
                                                 roster_test_store_result, &result);
  found = roster_registrant_store_find_registered_finish (fixture->store,
                                                          roster_test_wait_for_result (&result),
                                                          &error);
  g_assert_no_error (error);
  return g_hash_table_size (found) == 1;
}

/* The server's own count for @filter. */
static gint64
server_total (Fixture                      *fixture,
              const RosterRegistrantFilter *filter)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistrantPage) page = NULL;

  roster_client_list_registrants_async (fixture->client, fixture->webinar_id, filter, 1,
                                        ROSTER_PRIORITY_INTERACTIVE, NULL, roster_test_store_result,
                                        &result);
  page = roster_client_list_registrants_finish (fixture->client, roster_test_wait_for_result (&result),
                                                &error);
  g_assert_no_error (error);
  return roster_registrant_page_get_total (page);
}

static RosterRegistration *
register_one (Fixture    *fixture,
              gint64      webinar_id,
              const char *email)
{
  g_autoptr(RosterRegisterParams) params = roster_register_params_new ();
  g_autoptr(RosterWebinar) webinar = roster_test_get_webinar (fixture->client, webinar_id);
  g_autoptr(RosterSchedule) schedule = g_list_model_get_item (roster_webinar_get_schedules (webinar), 2);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterRegistration *registration;

  params->webinar_id = webinar_id;
  params->schedule_id = roster_schedule_get_id (schedule);
  params->first_name = g_strdup ("Grace");
  params->last_name = g_strdup ("Hopper");
  params->email = g_strdup (email);
  roster_client_register_async (fixture->client, params, ROSTER_PRIORITY_INTERACTIVE, NULL,
                                roster_test_store_result, &result);
  registration = roster_client_register_finish (fixture->client, roster_test_wait_for_result (&result),
                                                &error);
  g_assert_no_error (error);
  return registration;
}

static char *
sort_name (RosterRegistrant *registrant)
{
  g_autofree char *name = g_strdup_printf ("%s %s", roster_registrant_get_first_name (registrant),
                                           roster_registrant_get_last_name (registrant));

  return roster_store_fold (name);
}

static void
test_first_sync_reads_every_page (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gint64 last_sync = 0;
  RosterStoreSyncKind kind = ROSTER_STORE_SYNC_NONE;

  g_assert_cmpint (sync_webinar (fixture, fixture->webinar_id, FALSE), ==, ROSTER_STORE_SYNC_FULL);
  /* the webinar, then every page once */
  g_assert_cmpuint (roster_store_sync_get_n_calls (fixture->sync), ==, 1 + N_PEOPLE / PAGE_SIZE);
  g_assert_cmpint (stats (fixture, NULL).total, ==, N_PEOPLE);

  rows = list (fixture, NULL, ROSTER_STORE_SORT_NAME);
  g_assert_cmpuint (rows->len, ==, N_PEOPLE);
  for (guint i = 1; i < rows->len; i++)
    {
      g_autofree char *a = sort_name (rows->pdata[i - 1]);
      g_autofree char *b = sort_name (rows->pdata[i]);

      g_assert_cmpint (g_utf8_collate (a, b), <=, 0);
    }
  /* every field comes back as the server sent it */
  g_assert_nonnull (roster_registrant_get_live_room_url (rows->pdata[0]));
  g_assert_cmpint (roster_registrant_get_lead_id (rows->pdata[0]), >, 0);
  g_assert_cmpint (roster_registrant_get_signup_time (rows->pdata[0]), >, 0);

  roster_registrant_store_get_sync_state_async (fixture->store, fixture->webinar_id, NULL,
                                                roster_test_store_result, &result);
  g_assert_true (roster_registrant_store_get_sync_state_finish (fixture->store,
                                                                roster_test_wait_for_result (&result),
                                                                &last_sync, &kind, NULL));
  g_assert_cmpint (last_sync, ==, fixture->now);
  g_assert_cmpint (kind, ==, ROSTER_STORE_SYNC_FULL);
}

/* The search index holds exactly the rows, after rows were replaced. */
static void
assert_index_intact (Fixture *fixture)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (roster_registrant_store_get_path (fixture->store), &db), ==, SQLITE_OK);
  g_assert_true (roster_store_exec (db, "INSERT INTO registrants_fts (registrants_fts, rank)"
                                        " VALUES ('integrity-check', 1)", NULL));
  sqlite3_close (db);
}

/* @data: the order the server lists people in. Whatever it is, the refresh finds everyone new;
 * when the pages are sorted by sign-up, it reads only those with sign-ups since the last sync. */
static void
test_refresh_finds_new_signups (Fixture       *fixture,
                                gconstpointer  data)
{
  RosterFakeOrder order = GPOINTER_TO_INT (data);
  guint full_calls, refresh_calls;

  roster_fake_service_set_order (fixture->service, order);
  /* enough people that reading them all costs many pages */
  roster_fake_service_set_registrant_count (fixture->service, fixture->webinar_id, N_MANY);
  sync_webinar (fixture, fixture->webinar_id, FALSE);
  full_calls = roster_store_sync_get_n_calls (fixture->sync);
  advance (fixture, DAY);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *email = g_strdup_printf ("new%u@example.org", i);
      g_autoptr(RosterRegistration) registration = register_one (fixture, fixture->webinar_id, email);

      g_assert_false (is_registered (fixture, fixture->webinar_id, email));
    }

  g_assert_cmpint (sync_webinar (fixture, fixture->webinar_id, FALSE), ==, ROSTER_STORE_SYNC_REFRESH);
  g_assert_cmpint (stats (fixture, NULL).total, ==, N_MANY + 3);
  g_assert_true (is_registered (fixture, fixture->webinar_id, "NEW1@example.org"));
  assert_index_intact (fixture);
  /* far fewer calls than reading everything again; sorted, a handful */
  refresh_calls = roster_store_sync_get_n_calls (fixture->sync) - full_calls;
  g_test_message ("full sync: %u calls, refresh: %u", full_calls, refresh_calls);
  g_assert_cmpuint (refresh_calls, <, full_calls / 4);
  if (order != ROSTER_FAKE_ORDER_SCRAMBLED)
    g_assert_cmpuint (refresh_calls, <=, full_calls / 10);
}

static void
test_refresh_sees_attendance (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(RosterRegistrantFilter) absent = roster_registrant_filter_new ();
  g_autoptr(RosterRegistrantFilter) attended = roster_registrant_filter_new ();
  g_autoptr(GPtrArray) rows = NULL;
  RosterRegistrant *chosen = NULL;
  gint64 before;

  sync_webinar (fixture, fixture->webinar_id, FALSE);
  absent->attended_live = 2;
  attended->attended_live = 1;
  rows = list (fixture, absent, ROSTER_STORE_SORT_SESSION);
  /* someone whose session is still to come when the store last saw them */
  for (guint i = 0; i < rows->len && chosen == NULL; i++)
    {
      gint64 event = roster_registrant_get_event_time (rows->pdata[i]);

      if (event > fixture->now && event < fixture->now + DAY)
        chosen = rows->pdata[i];
    }
  g_assert_nonnull (chosen);
  before = stats (fixture, attended).total;

  advance (fixture, DAY);
  g_assert_true (roster_fake_service_set_attended (fixture->service, fixture->webinar_id,
                                                   roster_registrant_get_lead_id (chosen), TRUE));
  g_assert_cmpint (sync_webinar (fixture, fixture->webinar_id, FALSE), ==, ROSTER_STORE_SYNC_REFRESH);
  g_assert_cmpint (stats (fixture, attended).total, ==, before + 1);
  g_assert_cmpint (stats (fixture, attended).total, ==, server_total (fixture, attended));
}

static void
test_full_sync_drops_removed (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *email = NULL;

  sync_webinar (fixture, fixture->webinar_id, FALSE);
  rows = list (fixture, NULL, ROSTER_STORE_SORT_SIGNUP);
  email = g_strdup (roster_registrant_get_email (rows->pdata[7]));
  g_assert_true (roster_fake_service_remove_registrant (fixture->service, fixture->webinar_id,
                                                        roster_registrant_get_lead_id (rows->pdata[7])));
  advance (fixture, 3600);

  /* a refresh cannot see a removal ... */
  g_assert_cmpint (sync_webinar (fixture, fixture->webinar_id, FALSE), ==, ROSTER_STORE_SYNC_REFRESH);
  g_assert_true (is_registered (fixture, fixture->webinar_id, email));
  /* ... a full sync does */
  g_assert_cmpint (sync_webinar (fixture, fixture->webinar_id, TRUE), ==, ROSTER_STORE_SYNC_FULL);
  g_assert_false (is_registered (fixture, fixture->webinar_id, email));
  g_assert_cmpint (stats (fixture, NULL).total, ==, N_PEOPLE - 1);
}

static void
test_old_sync_falls_back_to_full (Fixture       *fixture,
                                  gconstpointer  data)
{
  sync_webinar (fixture, fixture->webinar_id, FALSE);
  advance (fixture, 8 * DAY);
  g_assert_cmpint (sync_webinar (fixture, fixture->webinar_id, FALSE), ==, ROSTER_STORE_SYNC_FULL);
}

static void
cancel_after_pages (RosterStoreSync *sync,
                    guint            n_loaded,
                    gint64           total,
                    gpointer         user_data)
{
  if (n_loaded >= 5 * PAGE_SIZE)
    g_cancellable_cancel (user_data);
}

static void
test_interrupted_sync_resumes (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterStoreSync) again = NULL;

  g_signal_connect (fixture->sync, "progress", G_CALLBACK (cancel_after_pages), cancellable);
  roster_store_sync_run_async (fixture->sync, fixture->webinar_id, FALSE, cancellable,
                               roster_test_store_result, &result);
  g_assert_false (roster_store_sync_run_finish (fixture->sync, roster_test_wait_for_result (&result),
                                                NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (stats (fixture, NULL).total, >=, 4 * PAGE_SIZE);
  g_assert_cmpint (stats (fixture, NULL).total, <, N_PEOPLE);

  /* a new sync (a new process, as far as the store knows) goes on from the page after */
  again = roster_store_sync_new (fixture->store, fixture->client);
  roster_store_sync_set_now (again, fixture->now);
  g_set_object (&fixture->sync, again);
  g_assert_cmpint (sync_webinar (fixture, fixture->webinar_id, FALSE), ==, ROSTER_STORE_SYNC_FULL);
  g_assert_cmpuint (roster_store_sync_get_n_calls (again), <=, 1 + N_PEOPLE / PAGE_SIZE - 4);
  g_assert_cmpint (stats (fixture, NULL).total, ==, N_PEOPLE);
}

static void
test_queries_agree_with_server (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(RosterWebinar) webinar = roster_test_get_webinar (fixture->client, fixture->webinar_id);
  g_autoptr(RosterSchedule) schedule = g_list_model_get_item (roster_webinar_get_schedules (webinar), 0);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) found = NULL;
  RosterRegistrantFilter filters[] = {
    { .attended_live = 1, .attended_replay = -1, .purchased = -1, .date_range = -1 },
    { .attended_live = 2, .attended_replay = -1, .purchased = -1, .date_range = -1 },
    { .attended_live = -1, .attended_replay = 1, .purchased = -1, .date_range = -1 },
    { .attended_live = -1, .attended_replay = -1, .purchased = 1, .date_range = -1 },
    { .attended_live = -1, .attended_replay = -1, .purchased = 2, .date_range = -1 },
    { .attended_live = 3, .attended_live_timestamp = 1200, .attended_replay = -1, .purchased = -1, .date_range = -1 },
    { .attended_live = 4, .attended_live_timestamp = 1200, .attended_replay = -1, .purchased = -1, .date_range = -1 },
    { .schedule_id = roster_schedule_get_id (schedule), .attended_live = -1, .attended_replay = -1, .purchased = -1, .date_range = -1 },
  };
  g_autofree char *last_name = NULL;

  sync_webinar (fixture, fixture->webinar_id, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      gint64 stored = stats (fixture, &filters[i]).total;
      gint64 served = server_total (fixture, &filters[i]);

      /* Codes 3 and 4 read when a person joined, which the API gives only to the minute. */
      if (filters[i].attended_live >= 3)
        g_assert_cmpint (ABS (stored - served), <=, served / 20);
      else
        g_assert_cmpint (stored, ==, served);
    }

  /* local search over name and email */
  all = list (fixture, NULL, ROSTER_STORE_SORT_SIGNUP);
  last_name = g_strdup (roster_registrant_get_last_name (all->pdata[11]));
  filters[0] = (RosterRegistrantFilter) { .attended_live = -1, .attended_replay = -1,
                                          .purchased = -1, .date_range = -1, .search = last_name };
  found = list (fixture, &filters[0], ROSTER_STORE_SORT_NAME);
  g_assert_cmpuint (found->len, >=, 1);
  for (guint i = 0; i < found->len; i++)
    g_assert_cmpstr (roster_registrant_get_last_name (found->pdata[i]), ==, last_name);
  g_assert_cmpint (found->len, ==, server_total (fixture, &filters[0]));
}

static void
test_own_calls_update_store (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(RosterRegistration) registration = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(RosterRegistrantFilter) subscribed = roster_registrant_filter_new ();
  RosterStoreStats before;

  sync_webinar (fixture, fixture->webinar_id, FALSE);
  registration = register_one (fixture, fixture->webinar_id, "grace@example.org");
  roster_registrant_store_note_registered (fixture->store, registration);
  g_assert_true (is_registered (fixture, fixture->webinar_id, "grace@example.org"));
  /* with the webinar's title, for the People search, before any sync brings it */
  rows = people (fixture, "grace@example.org");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_nonnull (roster_registrant_get_webinar (rows->pdata[0]));
  g_assert_cmpstr (roster_registrant_get_webinar (rows->pdata[0]), !=, "");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* the next sync brings the real row in its place */
  advance (fixture, 60);
  sync_webinar (fixture, fixture->webinar_id, FALSE);
  g_assert_cmpint (stats (fixture, NULL).total, ==, N_PEOPLE + 1);
  rows = people (fixture, "grace@example.org");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (roster_registrant_get_lead_id (rows->pdata[0]), >, 0);

  before = stats (fixture, NULL);
  roster_registrant_store_note_unsubscribed (fixture->store, fixture->webinar_id,
                                            roster_registrant_get_lead_id (rows->pdata[0]));
  g_assert_cmpint (stats (fixture, NULL).subscribed, ==, before.subscribed - 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = people (fixture, "grace@example.org");
  g_assert_cmpint (roster_registrant_get_subscribed (rows->pdata[0]), ==, ROSTER_FLAG_NO);
}

static void
test_people_across_webinars (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree gint64 *ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n_ids;

  ids = roster_fake_service_dup_webinar_ids (fixture->service, FALSE, &n_ids);
  g_assert_cmpuint (n_ids, >=, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RosterRegistration) registration = register_one (fixture, ids[i], "ada.lovelace@example.org");
    }
  advance (fixture, 60);
  for (guint i = 0; i < 2; i++)
    sync_webinar (fixture, ids[i], FALSE);

  rows = people (fixture, "ada.lovelace@exam");
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (roster_registrant_get_webinar (rows->pdata[0]), !=,
                   roster_registrant_get_webinar (rows->pdata[1]));
  for (guint i = 0; i < 2; i++)
    g_assert_nonnull (roster_registrant_get_live_room_url (rows->pdata[i]));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = people (fixture, "Hopper grace");
  g_assert_cmpuint (rows->len, ==, 2);
}

static void
test_store_is_private (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *path = roster_registrant_store_get_path (fixture->store);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "roster", "store", NULL);
  GStatBuf buf;

  sync_webinar (fixture, fixture->webinar_id, FALSE);
  g_assert_true (g_str_has_prefix (path, dir));
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0077, ==, 0);
  g_assert_cmpuint (roster_test_assert_no_file_contains (dir, roster_fake_service_get_api_key (fixture->service)),
                    >, 0);
}

static void
test_migrates_from_version_1 (void)
{
  g_autofree char *dir = g_dir_make_tmp ("roster-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.sqlite3", NULL);
  g_autoptr(RosterRegistrantStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (roster_store_schema_migrate (db, 1, NULL));
  g_assert_cmpint (roster_store_schema_get_version (db), ==, 1);
  g_assert_true (roster_store_exec (db, "INSERT INTO registrants (webinar_id, id, lead_id, first_name,"
                                        " last_name, email, name_folded, email_folded, raw) VALUES"
                                        " (5, 9, 10, 'Ada', 'Byron', 'ada@example.org', 'ada byron',"
                                        " 'ada@example.org', '{\"id\":\"9\",\"lead_id\":\"10\","
                                        "\"first_name\":\"Ada\",\"last_name\":\"Byron\","
                                        "\"email\":\"ada@example.org\"}')", NULL));
  sqlite3_close (db);

  store = open_store (path);
  g_assert_null (roster_registrant_store_get_recovered (store));
  /* the search index of version 2 covers what version 1 held */
  roster_registrant_store_people_async (store, "byron", 0, NULL, roster_test_store_result, &result);
  rows = roster_registrant_store_people_finish (store, roster_test_wait_for_result (&result), NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (roster_registrant_get_lead_id (rows->pdata[0]), ==, 10);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (roster_store_schema_get_version (db), ==, ROSTER_STORE_SCHEMA_VERSION);
  sqlite3_close (db);
  roster_registrant_store_forget (path, NULL);
  g_rmdir (dir);
}

static void
test_corrupt_file_is_moved_aside (void)
{
  g_autofree char *dir = g_dir_make_tmp ("roster-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.sqlite3", NULL);
  g_autoptr(RosterRegistrantStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n_aside = 0;
  char garbage[8192];

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) (i * 7919 % 251);
  memcpy (garbage, "SQLite format 3", 16);   /* a header, then nonsense */
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));

  g_test_expect_message ("roster-store", G_LOG_LEVEL_WARNING, "*damaged*moved it aside*");
  store = open_store (path);
  g_test_assert_expected_messages ();
  g_assert_nonnull (roster_registrant_store_get_recovered (store));
  g_assert_error (roster_registrant_store_get_recovered (store), G_IO_ERROR, G_IO_ERROR_INVALID_DATA);

  /* the rebuilt store works */
  roster_registrant_store_people_async (store, "anyone", 0, NULL, roster_test_store_result, &result);
  rows = roster_registrant_store_people_finish (store, roster_test_wait_for_result (&result), NULL);
  g_assert_cmpuint (rows->len, ==, 0);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (strstr (name, ".damaged-") != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        n_aside++;
        g_unlink (file);
      }
  g_assert_cmpuint (n_aside, >=, 1);
  g_clear_object (&store);
  roster_registrant_store_forget (path, NULL);
  g_rmdir (dir);
}

static RosterRegistrantStore *
account_store (RosterAccount *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterRegistrantStore *store;

  roster_account_get_registrant_store_async (account, NULL, roster_test_store_result, &result);
  store = roster_account_get_registrant_store_finish (account, roster_test_wait_for_result (&result),
                                                      &error);
  g_assert_no_error (error);
  return store;
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

/* Every caller shares one open store; forgetting deletes the file and tells the holders; a new
 * name takes the file along; the demo's store goes with the demo. */
static void
test_account_store_shared_forgotten_moved (void)
{
  g_autoptr(RosterAccount) account = roster_account_new_session_only ("Main", ROSTER_PRODUCT_EVERWEBINAR,
                                                                      NULL, "not-a-real-key");
  g_autoptr(RosterAccount) demo = roster_account_new_demo ("http://127.0.0.1:1/", "demo-key");
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(RosterRegistrantStore) a = NULL;
  g_autoptr(RosterRegistrantStore) b = NULL;
  g_autoptr(RosterRegistrantStore) again = NULL;
  g_autoptr(RosterRegistrantStore) demo_store = NULL;
  g_autofree char *path = roster_account_dup_registrant_store_path (account, NULL);
  g_autofree char *moved = roster_registrant_store_path_for_account ("Renamed");
  g_autofree char *demo_path = NULL;
  g_autofree char *demo_dir = NULL;
  guint forgotten = 0;

  /* two callers at once: one open */
  roster_account_get_registrant_store_async (account, NULL, roster_test_store_result, &first);
  roster_account_get_registrant_store_async (account, NULL, roster_test_store_result, &second);
  a = roster_account_get_registrant_store_finish (account, roster_test_wait_for_result (&first), NULL);
  b = roster_account_get_registrant_store_finish (account, roster_test_wait_for_result (&second), NULL);
  g_assert_nonnull (a);
  g_assert_true (a == b);
  g_assert_true (roster_account_peek_registrant_store (account) == a);
  g_assert_cmpstr (roster_registrant_store_get_path (a), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  g_signal_connect (account, "registrant-store-forgotten", G_CALLBACK (count_cb), &forgotten);
  g_assert_true (roster_account_forget_registrant_store (account, NULL));
  g_assert_cmpuint (forgotten, ==, 1);
  g_assert_null (roster_account_peek_registrant_store (account));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_object (&a);
  g_clear_object (&b);

  again = account_store (account);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_object (&again);
  _roster_account_set_name (account, "Renamed");
  g_assert_null (roster_account_peek_registrant_store (account));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (moved, G_FILE_TEST_EXISTS));
  g_assert_true (roster_account_forget_registrant_store (account, NULL));

  demo_store = account_store (demo);
  demo_path = g_strdup (roster_registrant_store_get_path (demo_store));
  g_assert_false (g_str_has_prefix (demo_path, g_get_user_data_dir ()));
  demo_dir = g_path_get_dirname (demo_path);
  g_clear_object (&demo_store);
  g_clear_object (&demo);
  g_assert_false (g_file_test (demo_dir, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/sync/first-reads-every-page", test_first_sync_reads_every_page);
  g_test_add ("/store/sync/refresh-finds-new-signups", Fixture,
              GINT_TO_POINTER (ROSTER_FAKE_ORDER_OLDEST_FIRST), fixture_set_up,
              test_refresh_finds_new_signups, fixture_tear_down);
  g_test_add ("/store/sync/refresh-finds-new-signups-newest-first", Fixture,
              GINT_TO_POINTER (ROSTER_FAKE_ORDER_NEWEST_FIRST), fixture_set_up,
              test_refresh_finds_new_signups, fixture_tear_down);
  g_test_add ("/store/sync/refresh-finds-new-signups-scrambled", Fixture,
              GINT_TO_POINTER (ROSTER_FAKE_ORDER_SCRAMBLED), fixture_set_up,
              test_refresh_finds_new_signups, fixture_tear_down);
  ADD ("/store/sync/refresh-sees-attendance", test_refresh_sees_attendance);
  ADD ("/store/sync/full-drops-removed", test_full_sync_drops_removed);
  ADD ("/store/sync/old-sync-falls-back-to-full", test_old_sync_falls_back_to_full);
  ADD ("/store/sync/interrupted-resumes", test_interrupted_sync_resumes);
  ADD ("/store/query/agrees-with-server", test_queries_agree_with_server);
  ADD ("/store/query/people-across-webinars", test_people_across_webinars);
  ADD ("/store/own-calls-update-store", test_own_calls_update_store);
  ADD ("/store/file/private", test_store_is_private);
#undef ADD
  g_test_add_func ("/store/file/migrates-from-version-1", test_migrates_from_version_1);
  g_test_add_func ("/store/file/corrupt-moved-aside", test_corrupt_file_is_moved_aside);
  g_test_add_func ("/store/account/shared-forgotten-moved", test_account_store_shared_forgotten_moved);

  return g_test_run ();
}
