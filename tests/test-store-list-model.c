/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-list-model"

#include "config.h"

#include "roster-fake-service.h"
#include "roster-registrant-store-private.h"
#include "roster-store-list-model.h"
#include "roster-store-sync.h"
#include "roster-test-fake.h"

/* The registrants view's model over SQL, against a store filled from the fake service over
 * real HTTP: its count, windows read page by page, order, filters and search agree with the
 * store's own queries, its sums with counting the rows, and writes to the store show in it. */

#define N_PEOPLE 1000
#define PAGE_SIZE 50

typedef struct
{
  RosterFakeService     *service;
  RosterClient          *client;
  RosterRateLimiter     *limiter;
  RosterRegistrantStore *store;
  RosterStoreSync       *sync;
  RosterStoreListModel  *model;
  gint64                 webinar_id;
  guint                  n_changes;
  guint                  last_position, last_removed, last_added;
} Fixture;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  fixture->n_changes++;
  fixture->last_position = position;
  fixture->last_removed = removed;
  fixture->last_added = added;
}

static void
sync_webinar (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  roster_store_sync_run_async (fixture->sync, fixture->webinar_id, FALSE, NULL,
                               roster_test_store_result, &result);
  g_assert_true (roster_store_sync_run_finish (fixture->sync, roster_test_wait_for_result (&result),
                                               NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *account = NULL;
  g_autofree char *path = NULL;

  fixture->service = roster_test_fake_start (7, 0);
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
  roster_registrant_store_open_async (path, NULL, roster_test_store_result, &result);
  fixture->store = roster_registrant_store_open_finish (roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  fixture->sync = roster_store_sync_new (fixture->store, fixture->client);
  sync_webinar (fixture);

  fixture->model = roster_store_list_model_new (fixture->store, fixture->webinar_id, &error);
  g_assert_no_error (error);
  g_signal_connect (fixture->model, "items-changed", G_CALLBACK (items_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (roster_registrant_store_get_path (fixture->store));

  g_clear_object (&fixture->model);
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

/* The store's own answer, sorted and filtered by its worker. */
static GPtrArray *
list (Fixture                      *fixture,
      const RosterRegistrantFilter *filter,
      RosterStoreSort               sort,
      gboolean                      descending)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  roster_registrant_store_list_async (fixture->store, fixture->webinar_id, filter, sort, descending,
                                      0, 0, NULL, roster_test_store_result, &result);
  rows = roster_registrant_store_list_finish (fixture->store, roster_test_wait_for_result (&result),
                                              &error);
  g_assert_no_error (error);
  return rows;
}

static void
assert_same_rows (Fixture   *fixture,
                  GPtrArray *expected)
{
  GListModel *model = G_LIST_MODEL (fixture->model);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (model, i);

      g_assert_cmpint (roster_registrant_get_id (r), ==,
                       roster_registrant_get_id (g_ptr_array_index (expected, i)));
    }
  g_assert_null (g_list_model_get_item (model, expected->len));
}

static RosterRegistration *
register_one (Fixture    *fixture,
              const char *email)
{
  g_autoptr(RosterRegisterParams) params = roster_register_params_new ();
  g_autoptr(RosterWebinar) webinar = roster_test_get_webinar (fixture->client, fixture->webinar_id);
  g_autoptr(RosterSchedule) schedule = g_list_model_get_item (roster_webinar_get_schedules (webinar), 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterRegistration *registration;

  params->webinar_id = fixture->webinar_id;
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

static void
wait_for_change (Fixture *fixture)
{
  guint before = fixture->n_changes;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (fixture->n_changes == before)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_counts_and_windows (Fixture       *fixture,
                         gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->model);
  g_autoptr(GPtrArray) all = list (fixture, NULL, ROSTER_STORE_SORT_SIGNUP, FALSE);
  guint created;

  g_assert_true (g_list_model_get_item_type (model) == ROSTER_TYPE_REGISTRANT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_PEOPLE);
  /* Nothing made before it is asked for */
  g_assert_cmpuint (roster_store_list_model_get_n_created (fixture->model), ==, 0);

  /* One row in the middle makes its window only */
  {
    g_autoptr(RosterRegistrant) r = g_list_model_get_item (model, 510);

    g_assert_cmpint (roster_registrant_get_id (r), ==, roster_registrant_get_id (all->pdata[510]));
    g_assert_cmpstr (roster_registrant_get_email (r), ==, roster_registrant_get_email (all->pdata[510]));
  }
  created = roster_store_list_model_get_n_created (fixture->model);
  g_assert_cmpuint (created, >, 0);
  g_assert_cmpuint (created, <=, 200);

  /* The same row again is the same object, from the cache */
  {
    g_autoptr(RosterRegistrant) a = g_list_model_get_item (model, 511);
    g_autoptr(RosterRegistrant) b = g_list_model_get_item (model, 511);

    g_assert_true (a == b);
    g_assert_cmpuint (roster_store_list_model_get_n_created (fixture->model), ==, created);
  }

  /* End to end, in sign-up order; the cache stays small */
  assert_same_rows (fixture, all);
  g_assert_cmpuint (roster_store_list_model_get_n_cached (fixture->model), <=, 800);
  g_assert_cmpuint (roster_store_list_model_get_n_cached (fixture->model), <, N_PEOPLE);
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  static const RosterStoreSort sorts[] = {
    ROSTER_STORE_SORT_NAME, ROSTER_STORE_SORT_EMAIL, ROSTER_STORE_SORT_SESSION,
    ROSTER_STORE_SORT_LIVE, ROSTER_STORE_SORT_PURCHASED, ROSTER_STORE_SORT_SUBSCRIBED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    for (int descending = 0; descending <= 1; descending++)
      {
        g_autoptr(GPtrArray) expected = list (fixture, NULL, sorts[i], descending);
        guint before = fixture->n_changes;

        roster_store_list_model_set_sort (fixture->model, sorts[i], descending);
        g_assert_cmpuint (fixture->n_changes, ==, before + 1);
        g_assert_cmpuint (fixture->last_removed, ==, N_PEOPLE);
        g_assert_cmpuint (fixture->last_added, ==, N_PEOPLE);
        /* Same keys tie-break on the row, so compare the keys' order only */
        if (sorts[i] == ROSTER_STORE_SORT_NAME || sorts[i] == ROSTER_STORE_SORT_EMAIL)
          for (guint n = 0; n + 1 < N_PEOPLE; n += 37)
            {
              g_autoptr(RosterRegistrant) a = g_list_model_get_item (G_LIST_MODEL (fixture->model), n);
              g_autoptr(RosterRegistrant) b = g_list_model_get_item (G_LIST_MODEL (fixture->model), n + 1);
              g_autofree char *ka = g_utf8_casefold (roster_registrant_get_email (a), -1);
              g_autofree char *kb = g_utf8_casefold (roster_registrant_get_email (b), -1);

              if (sorts[i] == ROSTER_STORE_SORT_EMAIL)
                g_assert_cmpint (descending ? -strcmp (ka, kb) : strcmp (ka, kb), <=, 0);
            }
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, expected->len);
      }

  /* Name, ascending, against the store's own order */
  {
    g_autoptr(GPtrArray) by_name = NULL;

    roster_store_list_model_set_sort (fixture->model, ROSTER_STORE_SORT_NAME, FALSE);
    by_name = list (fixture, NULL, ROSTER_STORE_SORT_NAME, FALSE);
    for (guint n = 0; n < N_PEOPLE; n += 97)
      {
        g_autoptr(RosterRegistrant) r = g_list_model_get_item (G_LIST_MODEL (fixture->model), n);
        g_autofree char *a = g_strdup_printf ("%s %s", roster_registrant_get_first_name (r),
                                              roster_registrant_get_last_name (r));
        g_autofree char *b = g_strdup_printf ("%s %s", roster_registrant_get_first_name (by_name->pdata[n]),
                                              roster_registrant_get_last_name (by_name->pdata[n]));

        g_assert_cmpstr (a, ==, b);
      }
  }
}

static void
test_filters_and_search (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) all = list (fixture, NULL, ROSTER_STORE_SORT_SIGNUP, FALSE);
  g_autofree char *last_name = g_strdup (roster_registrant_get_last_name (all->pdata[17]));
  g_autofree char *email = g_strdup (roster_registrant_get_email (all->pdata[42]));
  RosterRegistrantFilter filters[] = {
    { .attended_live = 1, .attended_replay = -1, .purchased = -1, .date_range = -1 },
    { .attended_live = 2, .attended_replay = -1, .purchased = -1, .date_range = -1 },
    { .attended_live = -1, .attended_replay = 1, .purchased = -1, .date_range = -1 },
    { .attended_live = -1, .attended_replay = -1, .purchased = 1, .date_range = -1 },
    { .attended_live = 4, .attended_live_timestamp = 600, .attended_replay = -1, .purchased = -1, .date_range = -1 },
    { .attended_live = -1, .attended_replay = -1, .purchased = -1, .date_range = 6 },
    { .attended_live = -1, .attended_replay = -1, .purchased = -1, .date_range = -1, .search = last_name },
    { .attended_live = -1, .attended_replay = -1, .purchased = -1, .date_range = -1, .search = email },
  };

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GPtrArray) expected = list (fixture, &filters[i], ROSTER_STORE_SORT_SIGNUP, FALSE);

      roster_store_list_model_set_filter (fixture->model, &filters[i]);
      if (expected->len == 0)
        g_error ("Filter %u matches no one", i);
      g_assert_cmpuint (expected->len, <, N_PEOPLE);
      assert_same_rows (fixture, expected);
    }

  /* The email finds its person; a word of the name is a prefix */
  {
    g_autoptr(RosterRegistrant) r = NULL;
    g_autofree char *prefix = g_utf8_substring (last_name, 0, 3);

    roster_store_list_model_set_filter (fixture->model, &filters[7]);
    r = g_list_model_get_item (G_LIST_MODEL (fixture->model), 0);
    g_assert_cmpstr (roster_registrant_get_email (r), ==, email);

    filters[6].search = prefix;
    roster_store_list_model_set_filter (fixture->model, &filters[6]);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), >=, 1);
    filters[6].search = last_name;
  }

  roster_store_list_model_set_filter (fixture->model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, N_PEOPLE);
}

static void
test_stats (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) all = list (fixture, NULL, ROSTER_STORE_SORT_SIGNUP, FALSE);
  g_autoptr(GListStore) rows = g_list_store_new (ROSTER_TYPE_REGISTRANT);
  g_autoptr(RosterRegistrantStats) expected = NULL;
  g_autoptr(RosterRegistrantStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  g_list_store_splice (rows, 0, 0, all->pdata, all->len);
  expected = roster_registrant_stats_new (G_LIST_MODEL (rows), 60);
  stats = roster_store_list_model_dup_stats (fixture->model, 60, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (stats->n_registered, ==, expected->n_registered);
  g_assert_cmpuint (stats->n_live, ==, expected->n_live);
  g_assert_cmpuint (stats->n_replay, ==, expected->n_replay);
  g_assert_cmpuint (stats->n_bought, ==, expected->n_bought);
  g_assert_cmpfloat_with_epsilon (stats->revenue, expected->revenue, 0.01);
  g_assert_cmpint (stats->first_day, ==, expected->first_day);
  g_assert_cmpuint (stats->n_days, ==, expected->n_days);
  g_assert_cmpuint (stats->n_days, >, 1);
  g_assert_cmpuint (stats->peak_day, ==, expected->peak_day);
  for (guint d = 0; d < stats->n_days; d++)
    g_assert_cmpuint (stats->per_day[d], ==, expected->per_day[d]);
}

static void
test_items_changed_on_writes (Fixture       *fixture,
                              gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->model);
  g_autoptr(RosterRegistration) registration = NULL;
  g_autoptr(RosterRegistrant) first = NULL;
  g_autoptr(RosterRegistrant) again = NULL;

  /* A registration noted: one more row, at the end of the sign-up order */
  registration = register_one (fixture, "grace@example.org");
  roster_registrant_store_note_registered (fixture->store, registration);
  wait_for_change (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_PEOPLE + 1);
  g_assert_cmpuint (fixture->last_position, ==, N_PEOPLE);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, 1);

  /* An unsubscription noted: the row on screen is made again, in its place */
  first = g_list_model_get_item (model, 0);
  g_assert_cmpint (roster_registrant_get_subscribed (first), !=, ROSTER_FLAG_NO);
  roster_registrant_store_note_unsubscribed (fixture->store, fixture->webinar_id,
                                            roster_registrant_get_lead_id (first));
  wait_for_change (fixture);
  g_assert_cmpuint (fixture->last_position, ==, 0);
  g_assert_cmpuint (fixture->last_removed, ==, 1);
  g_assert_cmpuint (fixture->last_added, ==, 1);
  again = g_list_model_get_item (model, 0);
  g_assert_true (again != first);
  g_assert_cmpint (roster_registrant_get_subscribed (again), ==, ROSTER_FLAG_NO);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_PEOPLE + 1);

  /* Another one noted while the model holds its short last page: the page grows with it */
  g_object_unref (g_list_model_get_item (model, N_PEOPLE));
  g_clear_object (&registration);
  registration = register_one (fixture, "ada@example.org");
  roster_registrant_store_note_registered (fixture->store, registration);
  wait_for_change (fixture);
  {
    g_autoptr(RosterRegistrant) ada = g_list_model_get_item (model, N_PEOPLE + 1);

    g_assert_cmpstr (roster_registrant_get_email (ada), ==, "ada@example.org");
  }

  /* New sign-ups on the server reach the model through a refresh, the last row included */
  g_object_unref (g_list_model_get_item (model, N_PEOPLE));
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *email = g_strdup_printf ("new%u@example.org", i);

      g_clear_object (&registration);
      registration = register_one (fixture, email);
    }
  sync_webinar (fixture);
  while (g_list_model_get_n_items (model) < N_PEOPLE + 2 + 5)
    wait_for_change (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_PEOPLE + 2 + 5);
  {
    g_autoptr(RosterRegistrant) last = g_list_model_get_item (model, N_PEOPLE + 6);

    g_assert_nonnull (last);
    g_assert_true (g_str_has_prefix (roster_registrant_get_email (last), "new"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store-list-model/counts-and-windows", test_counts_and_windows);
  ADD ("/store-list-model/sort", test_sort);
  ADD ("/store-list-model/filters-and-search", test_filters_and_search);
  ADD ("/store-list-model/stats", test_stats);
  ADD ("/store-list-model/items-changed-on-writes", test_items_changed_on_writes);
#undef ADD

  return g_test_run ();
}
