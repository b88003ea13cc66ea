/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-test-fake"

#include "config.h"

#include "roster-keyring.h"
#include "roster-test-fake.h"

/* Helpers for the tests of the engine: the fake service over HTTP on loopback, clients of it,
 * the keyring, the roster-cli fixture. */

static RosterFakeService *
fake_start (guint    seed,
            guint    rate_limit,
            gboolean in_thread)
{
  g_autoptr(RosterFakeService) service = roster_fake_service_new (seed);
  g_autoptr(GError) error = NULL;

  roster_fake_service_set_rate_limit (service, rate_limit);
  if (in_thread)
    roster_fake_service_start_in_thread (service, &error);
  else
    roster_fake_service_start (service, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&service);
}

/* A fake service with the sample data of @seed, serving from this thread's main context.
 * @rate_limit: the calls a key may make in any second before a 429 (0: no limit). */
RosterFakeService *
roster_test_fake_start (guint seed,
                        guint rate_limit)
{
  return fake_start (seed, rate_limit, FALSE);
}

/* The same, serving from a thread of its own: for tests that block on a child process. */
RosterFakeService *
roster_test_fake_start_in_thread (guint seed,
                                  guint rate_limit)
{
  return fake_start (seed, rate_limit, TRUE);
}

/* An EverWebinar client of @service with @api_key. @limiter: one of the test's own, so that
 * no test waits for another's window (NULL: the key's shared one). */
RosterClient *
roster_test_client_for (RosterFakeService *service,
                        const char        *api_key,
                        RosterRateLimiter *limiter,
                        guint              timeout_ms)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = roster_fake_service_dup_endpoint (service, FALSE);
  RosterClient *client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, endpoint, api_key, &error);

  g_assert_no_error (error);
  if (limiter != NULL)
    roster_client_set_rate_limiter (client, limiter);
  roster_client_set_timeout (client, timeout_ms);

  return client;
}

/* The webinar's detail, with its schedules, waited for on the main context. */
RosterWebinar *
roster_test_get_webinar (RosterClient *client,
                         gint64        webinar_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterWebinar *webinar;

  roster_client_get_webinar_async (client, webinar_id, NULL, NULL, roster_test_store_result, &result);
  webinar = roster_client_get_webinar_finish (client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  return webinar;
}

/* The webinar titled @title in @webinars, which must have one. Transfer none. */
RosterWebinar *
roster_test_find_webinar (GListModel *webinars,
                          const char *title)
{
  guint n = g_list_model_get_n_items (webinars);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterWebinar) webinar = g_list_model_get_item (webinars, i);

      if (g_strcmp0 (roster_webinar_get_title (webinar), title) == 0)
        return webinar;
    }
  g_assert_not_reached ();
}

/* A registrant parsed from the API's JSON (one element of `data`) as the client parses it. */
RosterRegistrant *
roster_test_registrant_from_json (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  RosterRegistrant *registrant;

  g_assert_nonnull (node);
  registrant = roster_registrant_new_from_json (node, &error);
  g_assert_no_error (error);
  return registrant;
}

/* The keyring's calls, waited for on the main context. */
gboolean
roster_test_keyring_store (const char  *account,
                           const char  *api_key,
                           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_keyring_store_async (account, api_key, NULL, roster_test_store_result, &result);
  return roster_keyring_store_finish (roster_test_wait_for_result (&result), error);
}

char *
roster_test_keyring_lookup (const char  *account,
                            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_keyring_lookup_async (account, NULL, roster_test_store_result, &result);
  return roster_keyring_lookup_finish (roster_test_wait_for_result (&result), error);
}

gboolean
roster_test_keyring_clear (const char  *account,
                           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_keyring_clear_async (account, NULL, roster_test_store_result, &result);
  return roster_keyring_clear_finish (roster_test_wait_for_result (&result), error);
}

void
roster_test_cli_fixture_set_up (RosterTestCliFixture *fixture,
                                guint                 seed,
                                guint                 rate_limit)
{
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(RosterWebinar) webinar = NULL;
  g_autoptr(RosterSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;

  fixture->fake = roster_test_fake_start_in_thread (seed, rate_limit);
  fixture->endpoint = roster_fake_service_dup_endpoint (fixture->fake, FALSE);
  fixture->webinar = roster_fake_service_get_main_webinar_id (fixture->fake);
  fixture->webinar_id = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->webinar);

  client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, fixture->endpoint,
                              roster_fake_service_get_api_key (fixture->fake), &error);
  g_assert_no_error (error);
  webinar = roster_test_get_webinar (client, fixture->webinar);
  schedule = g_list_model_get_item (roster_webinar_get_schedules (webinar), 2);
  fixture->schedule_id = g_strdup_printf ("%" G_GINT64_FORMAT, roster_schedule_get_id (schedule));
}

void
roster_test_cli_fixture_tear_down (RosterTestCliFixture *fixture)
{
  roster_fake_service_stop (fixture->fake);
  g_clear_object (&fixture->fake);
  g_clear_pointer (&fixture->endpoint, g_free);
  g_clear_pointer (&fixture->webinar_id, g_free);
  g_clear_pointer (&fixture->schedule_id, g_free);
}
