/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-registrant-lookup"

#include "config.h"

#include <string.h>

#include "roster-error.h"
#include "roster-fake-service.h"
#include "roster-registrant-lookup.h"
#include "roster-test-fake.h"

/* roster_client_find_registrant against the fake service over real HTTP on loopback: a person
 * is found in any schedule of the webinar whatever the case of their address, the search's
 * near misses are not taken for them, pages are followed only while the server answers the
 * page asked for, and only so far. */

typedef struct
{
  RosterFakeService *service;
  RosterClient      *client;
  RosterRateLimiter *limiter;
  gint64             webinar_id;
  gint64             schedule_ids[2];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterWebinar) webinar = NULL;
  GListModel *schedules;

  fixture->service = roster_test_fake_start (42, 0);

  fixture->limiter = roster_rate_limiter_new (1000, G_USEC_PER_SEC);
  g_source_attach ((GSource *) fixture->limiter, NULL);
  fixture->client = roster_test_client_for (fixture->service, roster_fake_service_get_api_key (fixture->service),
                                            fixture->limiter, 2000);

  fixture->webinar_id = roster_fake_service_get_main_webinar_id (fixture->service);
  roster_client_get_webinar_async (fixture->client, fixture->webinar_id, NULL, NULL,
                                   roster_test_store_result, &result);
  webinar = roster_client_get_webinar_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  schedules = roster_webinar_get_schedules (webinar);
  g_assert_cmpuint (g_list_model_get_n_items (schedules), >=, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RosterSchedule) schedule = g_list_model_get_item (schedules, i);

      fixture->schedule_ids[i] = roster_schedule_get_id (schedule);
    }
  g_assert_cmpint (fixture->schedule_ids[0], !=, fixture->schedule_ids[1]);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_source_destroy ((GSource *) fixture->limiter);
  g_clear_pointer (&fixture->limiter, roster_rate_limiter_unref);
  roster_fake_service_stop (fixture->service);
  g_clear_object (&fixture->service);
  while (g_main_context_iteration (NULL, FALSE));
}

static void
register_one (Fixture    *fixture,
              const char *email,
              guint       schedule)
{
  g_autoptr(RosterRegisterParams) params = roster_register_params_new ();
  g_autoptr(RosterRegistration) registration = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  params->webinar_id = fixture->webinar_id;
  params->schedule_id = fixture->schedule_ids[schedule];
  params->first_name = g_strdup ("Ada");
  params->last_name = g_strdup ("Lovelace");
  params->email = g_strdup (email);
  roster_client_register_async (fixture->client, params, ROSTER_PRIORITY_INTERACTIVE, NULL,
                                roster_test_store_result, &result);
  registration = roster_client_register_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
}

static RosterRegistrant *
find (Fixture     *fixture,
      const char  *email,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_find_registrant_async (fixture->client, fixture->webinar_id, 0, email,
                                       ROSTER_PRIORITY_INTERACTIVE, NULL,
                                       roster_test_store_result, &result);
  return roster_client_find_registrant_finish (fixture->client, roster_test_wait_for_result (&result), error);
}

static void
test_found (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(RosterRegistrant) found = NULL;
  g_autoptr(RosterRegistrant) other = NULL;
  g_autoptr(RosterRegistrant) absent = NULL;
  g_autoptr(RosterRegistrant) near = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GError) error = NULL;

  register_one (fixture, "zq.lookup@example.org", 0);
  register_one (fixture, "zq.elsewhere@example.org", 1);
  register_one (fixture, "mzq.near@example.org", 0);
  roster_fake_service_reset_counters (fixture->service);

  /* Case and white space do not make another person. */
  found = find (fixture, "  ZQ.Lookup@EXAMPLE.org ", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (roster_registrant_get_email (found), ==, "zq.lookup@example.org");
  g_assert_cmpint (roster_registrant_get_schedule_id (found), ==, fixture->schedule_ids[0]);
  g_assert_nonnull (roster_registrant_get_signup_date (found));
  g_assert_nonnull (roster_registrant_get_event (found));
  /* The whole webinar is searched, for the address alone. */
  form = roster_fake_service_dup_last_form (fixture->service, "registrants");
  g_assert_cmpstr (g_hash_table_lookup (form, "search"), ==, "ZQ.Lookup@EXAMPLE.org");
  g_assert_null (g_hash_table_lookup (form, "schedule_id"));
  g_assert_cmpstr (g_hash_table_lookup (form, "page"), ==, "1");

  /* Registered for another schedule of the webinar: still found. */
  other = find (fixture, "zq.elsewhere@example.org", &error);
  g_assert_no_error (error);
  g_assert_nonnull (other);
  g_assert_cmpint (roster_registrant_get_schedule_id (other), ==, fixture->schedule_ids[1]);

  /* The search also matches "mzq.near@…" for "zq.near@…": that is someone else. */
  near = find (fixture, "zq.near@example.org", &error);
  g_assert_no_error (error);
  g_assert_null (near);

  absent = find (fixture, "zq.nobody@example.org", &error);
  g_assert_no_error (error);
  g_assert_null (absent);
}

/* Page by page until the person turns up. */
static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(RosterRegistrant) found = NULL;
  g_autoptr(GError) error = NULL;

  register_one (fixture, "a.zq-paged@example.org", 0);
  register_one (fixture, "b.zq-paged@example.org", 1);
  register_one (fixture, "c.zq-paged@example.org", 0);
  register_one (fixture, "zq-paged@example.org", 1);
  roster_fake_service_set_page_size (fixture->service, 1);
  roster_fake_service_reset_counters (fixture->service);

  found = find (fixture, "zq-paged@example.org", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (roster_registrant_get_email (found), ==, "zq-paged@example.org");
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "registrants"), ==, 4);
}

/* A server that answers page 1 whatever is asked would be followed forever: the first page
 * seen again ends the lookup, which then cannot say the person is absent. */
static void
test_page_ignored (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(RosterRegistrant) found = NULL;
  g_autoptr(GError) error = NULL;

  register_one (fixture, "a.zq-stuck@example.org", 0);
  register_one (fixture, "b.zq-stuck@example.org", 0);
  roster_fake_service_set_page_size (fixture->service, 1);
  roster_fake_service_set_paging (fixture->service, ROSTER_FAKE_PAGING_STUCK);
  roster_fake_service_reset_counters (fixture->service);

  found = find (fixture, "zq-stuck@example.org", &error);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL);
  g_assert_null (found);
  g_assert_cmpstr (error->message, ==, "The server sent page 1 when page 2 was asked for.");
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "registrants"), ==, 2);
}

/* More pages than a search for one address can honestly have: give up, and say so. */
static void
test_bound (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(RosterRegistrant) found = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *email = g_strdup_printf ("n%u.zq-many@example.org", i);

      register_one (fixture, email, i % 2);
    }
  /* Behind them all. */
  register_one (fixture, "zq-many@example.org", 0);
  roster_fake_service_set_page_size (fixture->service, 1);
  roster_fake_service_reset_counters (fixture->service);

  found = find (fixture, "zq-many@example.org", &error);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL);
  g_assert_null (found);
  g_assert_nonnull (strstr (error->message, "zq-many@example.org"));
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "registrants"), ==, 10);

  /* With pages of ten, the same search is three pages, and finds them. */
  g_clear_error (&error);
  roster_fake_service_set_page_size (fixture->service, 10);
  g_clear_object (&found);
  found = find (fixture, "zq-many@example.org", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
}

/* The server cannot answer: an error, never "not registered". */
static void
test_failure (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(RosterRegistrant) found = NULL;
  g_autoptr(GError) error = NULL;

  roster_fake_service_inject_fault_for_method (fixture->service, ROSTER_FAKE_FAULT_HTTP_500_HTML,
                                               "registrants", 10);
  found = find (fixture, "zq.lookup@example.org", &error);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER);
  g_assert_null (found);
}

/* Cancelled: the callback still comes, with G_IO_ERROR_CANCELLED. */
static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(RosterRegistrant) found = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  roster_fake_service_set_latency (fixture->service, 300, 0);
  roster_client_find_registrant_async (fixture->client, fixture->webinar_id, 0, "zq.lookup@example.org",
                                       ROSTER_PRIORITY_INTERACTIVE, cancellable,
                                       roster_test_store_result, &result);
  g_cancellable_cancel (cancellable);
  found = roster_client_find_registrant_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (found);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/registrant-lookup/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("found", test_found);
  ADD ("pages", test_pages);
  ADD ("page-ignored", test_page_ignored);
  ADD ("bound", test_bound);
  ADD ("failure", test_failure);
  ADD ("cancelled", test_cancelled);
#undef ADD

  return g_test_run ();
}
