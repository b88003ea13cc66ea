/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-client"

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "roster-client.h"
#include "roster-error.h"
#include "roster-fake-service.h"
#include "roster-test-fake.h"

/* RosterClient against the fake service over real HTTP on loopback: every method, every error
 * the API page lists, the 429 path, retries, and exactly-once for `register` under each fault. */

typedef struct
{
  RosterFakeService *service;
  RosterClient      *client;
  RosterRateLimiter *limiter;
  gint64             webinar_id;
  gint64             schedule_id;
} Fixture;

static RosterClient *
client_for (Fixture    *fixture,
            const char *key)
{
  /* Each test gets a limiter of its own, so that no test waits for another's window. */
  return roster_test_client_for (fixture->service, key, fixture->limiter, 2000);
}

static RosterWebinar *
get_webinar (Fixture *fixture,
             gint64   webinar_id)
{
  return roster_test_get_webinar (fixture->client, webinar_id);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(RosterWebinar) webinar = NULL;
  g_autoptr(RosterSchedule) schedule = NULL;

  fixture->service = roster_test_fake_start (42, 0);

  fixture->limiter = roster_rate_limiter_new (1000, G_USEC_PER_SEC);
  g_source_attach ((GSource *) fixture->limiter, NULL);
  fixture->client = client_for (fixture, roster_fake_service_get_api_key (fixture->service));

  fixture->webinar_id = roster_fake_service_get_main_webinar_id (fixture->service);
  webinar = get_webinar (fixture, fixture->webinar_id);
  schedule = g_list_model_get_item (roster_webinar_get_schedules (webinar), 0);
  fixture->schedule_id = roster_schedule_get_id (schedule);
  roster_fake_service_reset_counters (fixture->service);
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
  /* Let the session drop its connections to the stopped server. */
  while (g_main_context_iteration (NULL, FALSE));
}

static RosterRegisterParams *
params_for (Fixture    *fixture,
            const char *email)
{
  RosterRegisterParams *params = roster_register_params_new ();

  params->webinar_id = fixture->webinar_id;
  params->schedule_id = fixture->schedule_id;
  params->first_name = g_strdup ("Ada");
  params->last_name = g_strdup ("Lovelace");
  params->email = g_strdup (email);

  return params;
}

static RosterRegistration *
register_one (Fixture     *fixture,
              const char  *email,
              GError     **error)
{
  g_autoptr(RosterRegisterParams) params = params_for (fixture, email);
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_register_async (fixture->client, params, ROSTER_PRIORITY_BULK, NULL,
                                roster_test_store_result, &result);
  return roster_client_register_finish (fixture->client, roster_test_wait_for_result (&result), error);
}

static GPtrArray *
list_webinars (Fixture  *fixture,
               GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_list_webinars_async (fixture->client, NULL, roster_test_store_result, &result);
  return roster_client_list_webinars_finish (fixture->client, roster_test_wait_for_result (&result), error);
}

/* ---- Methods ---------------------------------------------------------------------------------- */

static void
test_client_webinars (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webinars = list_webinars (fixture, &error);
  g_autofree gint64 *ids = NULL;
  guint n_ids;

  g_assert_no_error (error);
  ids = roster_fake_service_dup_webinar_ids (fixture->service, FALSE, &n_ids);
  g_assert_cmpuint (webinars->len, ==, n_ids);
  for (guint i = 0; i < webinars->len; i++)
    {
      RosterWebinar *webinar = g_ptr_array_index (webinars, i);

      g_assert_cmpint (roster_webinar_get_id (webinar), ==, ids[i]);
      g_assert_nonnull (roster_webinar_get_name (webinar));
      g_assert_nonnull (roster_webinar_get_timezone (webinar));
    }
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "webinars"), ==, 1);
}

static void
test_client_webinar (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RosterWebinar) webinar = get_webinar (fixture, fixture->webinar_id);
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterWebinar) zoned = NULL;
  GListModel *schedules = roster_webinar_get_schedules (webinar);

  g_assert_cmpint (roster_webinar_get_id (webinar), ==, fixture->webinar_id);
  g_assert_cmpuint (g_list_model_get_n_items (schedules), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (schedules); i++)
    {
      g_autoptr(RosterSchedule) schedule = g_list_model_get_item (schedules, i);

      g_assert_cmpint (roster_schedule_get_id (schedule), >, 0);
      g_assert_nonnull (roster_schedule_get_comment (schedule));
    }

  form = roster_fake_service_dup_last_form (fixture->service, "webinar");
  g_assert_cmpstr (g_hash_table_lookup (form, "webinar_id"), !=, NULL);
  g_assert_false (g_hash_table_contains (form, "timezone"));
  g_assert_false (g_hash_table_contains (form, "api_key"));
  g_clear_pointer (&form, g_hash_table_unref);

  roster_client_get_webinar_async (fixture->client, fixture->webinar_id, "GMT+2", NULL,
                                   roster_test_store_result, &result);
  zoned = roster_client_get_webinar_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  form = roster_fake_service_dup_last_form (fixture->service, "webinar");
  g_assert_cmpstr (g_hash_table_lookup (form, "timezone"), ==, "GMT+2");
}

static void
test_client_register (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistration) registration = register_one (fixture, "ada@example.org", &error);
  g_autoptr(GHashTable) form = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (roster_registration_get_user_id (registration), >, 0);
  g_assert_cmpstr (roster_registration_get_email (registration), ==, "ada@example.org");
  g_assert_nonnull (roster_registration_get_live_room_url (registration));
  g_assert_nonnull (roster_registration_get_replay_room_url (registration));
  g_assert_nonnull (roster_registration_get_thank_you_url (registration));
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, fixture->webinar_id,
                                                             "ada@example.org"), ==, 1);

  form = roster_fake_service_dup_last_form (fixture->service, "register");
  g_assert_cmpstr (g_hash_table_lookup (form, "first_name"), ==, "Ada");
  g_assert_cmpstr (g_hash_table_lookup (form, "last_name"), ==, "Lovelace");
  g_assert_false (g_hash_table_contains (form, "date"));
}

static void
test_client_registrants_page (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistrantPage) page = NULL;

  roster_fake_service_set_page_size (fixture->service, 25);
  roster_client_list_registrants_async (fixture->client, fixture->webinar_id, NULL, 2,
                                        ROSTER_PRIORITY_INTERACTIVE, NULL, roster_test_store_result, &result);
  page = roster_client_list_registrants_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_registrant_page_get_current_page (page), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (roster_registrant_page_get_items (page)), ==, 25);
  g_assert_cmpint (roster_registrant_page_get_total (page), ==,
                   roster_fake_service_get_registrant_count (fixture->service, fixture->webinar_id));
}

typedef struct
{
  guint  calls;
  guint  last_loaded;
  gint64 total;
} Progress;

static void
progress_cb (RosterRegistrantPage *page,
             guint                 n_loaded,
             gint64                total,
             gpointer              user_data)
{
  Progress *progress = user_data;

  /* Pages arrive in order, so the count only grows. */
  g_assert_cmpuint (n_loaded, >, progress->last_loaded);
  progress->calls++;
  progress->last_loaded = n_loaded;
  progress->total = total;
}

static void
test_client_registrants_all (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint expected = roster_fake_service_get_registrant_count (fixture->service, fixture->webinar_id);
  Progress progress = { 0 };

  roster_fake_service_set_page_size (fixture->service, 37);
  roster_fake_service_set_latency (fixture->service, 20, 15);
  roster_client_list_all_registrants_async (fixture->client, fixture->webinar_id, NULL,
                                            ROSTER_PRIORITY_INTERACTIVE, progress_cb, &progress, NULL,
                                            NULL, roster_test_store_result, &result);
  all = roster_client_list_all_registrants_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (all), ==, expected);
  g_assert_cmpuint (progress.calls, ==, (expected + 36) / 37);
  g_assert_cmpint (progress.total, ==, expected);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "registrants"), ==, (expected + 36) / 37);

  /* Every registrant once: no page lost or repeated. */
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(RosterRegistrant) registrant = g_list_model_get_item (all, i);
      gint64 *id = g_new (gint64, 1);

      *id = roster_registrant_get_id (registrant);
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);
    }
}

static void
test_client_registrants_filters (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(RosterRegistrantFilter) filter = roster_registrant_filter_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistrantPage) page = NULL;
  g_autoptr(GHashTable) form = NULL;
  GListModel *items;

  filter->schedule_id = fixture->schedule_id;
  filter->date_range = 8;
  filter->attended_live = 3;
  filter->attended_live_timestamp = 600;
  filter->attended_replay = 0;
  filter->purchased = 1;
  filter->search = g_strdup ("a");

  roster_client_list_registrants_async (fixture->client, fixture->webinar_id, filter, 1,
                                        ROSTER_PRIORITY_INTERACTIVE, NULL, roster_test_store_result, &result);
  page = roster_client_list_registrants_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  form = roster_fake_service_dup_last_form (fixture->service, "registrants");
  g_assert_cmpstr (g_hash_table_lookup (form, "date_range"), ==, "8");
  g_assert_cmpstr (g_hash_table_lookup (form, "attended_live"), ==, "3");
  g_assert_cmpstr (g_hash_table_lookup (form, "attended_live_timestamp"), ==, "600");
  g_assert_cmpstr (g_hash_table_lookup (form, "attended_replay"), ==, "0");
  g_assert_false (g_hash_table_contains (form, "attended_replay_timestamp"));
  g_assert_cmpstr (g_hash_table_lookup (form, "purchased"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (form, "search"), ==, "a");
  g_assert_cmpstr (g_hash_table_lookup (form, "page"), ==, "1");

  items = roster_registrant_page_get_items (page);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(RosterRegistrant) registrant = g_list_model_get_item (items, i);

      g_assert_true (roster_registrant_get_purchased_live (registrant) == ROSTER_FLAG_YES ||
                     roster_registrant_get_purchased_replay (registrant) == ROSTER_FLAG_YES);
      g_assert_true (roster_registrant_get_attended_live (registrant) == ROSTER_FLAG_YES);
    }

  /* A code the API does not have is refused before a call is spent on it. */
  g_clear_object (&result);
  g_clear_object (&page);
  filter->purchased = 3;
  roster_client_list_registrants_async (fixture->client, fixture->webinar_id, filter, 1,
                                        ROSTER_PRIORITY_INTERACTIVE, NULL, roster_test_store_result, &result);
  page = roster_client_list_registrants_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_VALIDATION);
  g_assert_null (page);
}

static void
test_client_unsubscribe (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) page_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistrantPage) page = NULL;
  g_autoptr(RosterRegistrant) first = NULL;
  g_autoptr(RosterRegistrantFilter) filter = roster_registrant_filter_new ();
  g_autoptr(GHashTable) form = NULL;
  gint64 lead_id;

  roster_client_list_registrants_async (fixture->client, fixture->webinar_id, NULL, 1,
                                        ROSTER_PRIORITY_INTERACTIVE, NULL, roster_test_store_result, &page_result);
  page = roster_client_list_registrants_finish (fixture->client, roster_test_wait_for_result (&page_result), &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (roster_registrant_page_get_items (page), 0);
  lead_id = roster_registrant_get_lead_id (first);

  roster_client_unsubscribe_async (fixture->client, fixture->webinar_id, lead_id, NULL,
                                   roster_test_store_result, &result);
  g_assert_true (roster_client_unsubscribe_finish (fixture->client, roster_test_wait_for_result (&result), &error));
  g_assert_no_error (error);

  form = roster_fake_service_dup_last_form (fixture->service, "unsubscribe");
  g_assert_cmpint (g_ascii_strtoll (g_hash_table_lookup (form, "lead_id"), NULL, 10), ==, lead_id);

  /* The server now shows the person as not subscribed. */
  g_clear_object (&page_result);
  g_clear_object (&page);
  filter->search = g_strdup (roster_registrant_get_email (first));
  roster_client_list_registrants_async (fixture->client, fixture->webinar_id, filter, 1,
                                        ROSTER_PRIORITY_INTERACTIVE, NULL, roster_test_store_result, &page_result);
  page = roster_client_list_registrants_finish (fixture->client, roster_test_wait_for_result (&page_result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (roster_registrant_page_get_items (page)); i++)
    {
      g_autoptr(RosterRegistrant) registrant = g_list_model_get_item (roster_registrant_page_get_items (page), i);

      if (roster_registrant_get_lead_id (registrant) == lead_id)
        g_assert_cmpint (roster_registrant_get_subscribed (registrant), ==, ROSTER_FLAG_NO);
    }
}

/* ---- Errors --------------------------------------------------------------------------------- */

static void
test_client_error_authentication (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webinars = NULL;

  g_clear_object (&fixture->client);
  fixture->client = client_for (fixture, "not-the-key");
  webinars = list_webinars (fixture, &error);
  g_assert_null (webinars);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION);
  g_assert_nonnull (strstr (error->message, "valid API key"));
  g_assert_null (strstr (error->message, "not-the-key"));
}

static void
test_client_error_not_found (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterWebinar) webinar = NULL;

  roster_client_get_webinar_async (fixture->client, 999999999, NULL, NULL, roster_test_store_result, &result);
  webinar = roster_client_get_webinar_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_null (webinar);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_NOT_FOUND);
}

static void
test_client_error_validation (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistration) registration = register_one (fixture, "not-an-email", &error);

  g_assert_null (registration);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_VALIDATION);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->service), ==, 0);
}

static void
test_client_endpoint_check (void)
{
  const char *allowed[] = { "https://api.webinarjam.com/everwebinar", "http://127.0.0.1:8080/x",
                            "http://localhost/everwebinar", "http://[::1]:9/everwebinar",
                            "http://127.3.2.1/" };
  const char *refused[] = { "http://api.webinarjam.com/everwebinar", "ftp://127.0.0.1/",
                            "http://192.168.1.2/", "not a url", "https://user@host/x",
                            "https://host/x?api_key=1", "http://127.0.0.1.example.com/" };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (roster_client_check_endpoint (allowed[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RosterClient) client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, refused[i], "k", &error);

      g_assert_null (client);
      g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_VALIDATION);
    }
}

/* ---- 429 -------------------------------------------------------------------------------------- */

typedef struct
{
  guint pending;
  guint failed;
} Batch;

static void
batch_register_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistration) registration = roster_client_register_finish (ROSTER_CLIENT (object), result, &error);

  if (registration == NULL)
    {
      g_test_message ("register failed: %s", error->message);
      batch->failed++;
    }
  batch->pending--;
}

static void
register_batch (Fixture    *fixture,
                const char *prefix,
                guint       n,
                Batch      *batch)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *email = g_strdup_printf ("%s-%u@example.org", prefix, i);
      g_autoptr(RosterRegisterParams) params = params_for (fixture, email);

      batch->pending++;
      roster_client_register_async (fixture->client, params, ROSTER_PRIORITY_BULK, NULL,
                                    batch_register_cb, batch);
    }
  while (batch->pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_each_registered_once (Fixture    *fixture,
                             const char *prefix,
                             guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *email = g_strdup_printf ("%s-%u@example.org", prefix, i);

      g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, fixture->webinar_id, email), ==, 1);
    }
}

/* A client twice as fast as the server allows: the 429s slow the limiter and every call still
 * lands, once. */
static void
test_client_rate_limited_retry (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(RosterRateLimiter) fast = roster_rate_limiter_new (40, G_USEC_PER_SEC);
  Batch batch = { 0 };

  g_source_attach ((GSource *) fast, NULL);
  roster_client_set_rate_limiter (fixture->client, fast);
  roster_fake_service_set_rate_limit (fixture->service, 20);

  register_batch (fixture, "burst", 60, &batch);
  g_assert_cmpuint (batch.failed, ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_rate_limited (fixture->service), >, 0);
  assert_each_registered_once (fixture, "burst", 60);
  g_assert_cmpfloat (roster_rate_limiter_get_pace (fast), <, 40 / 1.052 - 1);
  g_source_destroy ((GSource *) fast);
}

/* The refused call waits a second (the vendor's rule); the key's other calls do not. */
static void
test_client_rate_limited_call_waits (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GAsyncResult) refused_result = NULL;
  g_autoptr(RosterRegisterParams) params = params_for (fixture, "refused@example.org");
  g_autoptr(RosterRegistration) registration = NULL;
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, refused_at, other_took;

  roster_fake_service_inject_fault_for_method (fixture->service, ROSTER_FAKE_FAULT_RATE_LIMIT_STORM,
                                               "register", 1);
  start = g_get_monotonic_time ();
  roster_client_register_async (fixture->client, params, ROSTER_PRIORITY_BULK, NULL,
                                roster_test_store_result, &refused_result);
  while (roster_fake_service_get_n_rate_limited (fixture->service) == 0)
    g_main_context_iteration (NULL, TRUE);
  refused_at = g_get_monotonic_time ();

  webinars = list_webinars (fixture, &error);
  g_assert_no_error (error);
  other_took = g_get_monotonic_time () - refused_at;
  g_assert_cmpint (other_took, <, 500 * G_TIME_SPAN_MILLISECOND);

  registration = roster_client_register_finish (fixture->client, roster_test_wait_for_result (&refused_result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, fixture->webinar_id,
                                                             "refused@example.org"), ==, 1);
}

/* ---- Warm connections ---------------------------------------------------------------------- */

static void
preconnect_sent_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);

  (*pending)--;
}

/* Calls go out on an open keep-alive connection, not on a new one each. */
static void
test_client_keep_alive (Fixture       *fixture,
                        gconstpointer  data)
{
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) webinars = list_webinars (fixture, &error);

      g_assert_no_error (error);
    }
  g_assert_cmpuint (roster_fake_service_get_n_connections (fixture->service), ==, 1);
}

/* After a warm-up, calls find their connections open: none waits for a connect. */
static void
test_client_warm_up (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *url = g_strconcat (roster_client_get_endpoint (fixture->client), "/webinars", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessage *messages[4];
  guint pending = G_N_ELEMENTS (messages);

  roster_client_warm_up_async (fixture->client, G_N_ELEMENTS (messages), NULL,
                               roster_test_store_result, &result);
  g_assert_true (roster_client_warm_up_finish (fixture->client, roster_test_wait_for_result (&result), &error));
  g_assert_no_error (error);

  /* All at once, so each needs a connection of its own. */
  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      messages[i] = soup_message_new (SOUP_METHOD_POST, url);
      /* As the client's own calls (see keep-alive above): POSTs that may use an open connection. */
      soup_message_add_flags (messages[i], SOUP_MESSAGE_COLLECT_METRICS | SOUP_MESSAGE_IDEMPOTENT);
      soup_session_send_and_read_async (roster_client_get_session (), messages[i], G_PRIORITY_DEFAULT,
                                        NULL, preconnect_sent_cb, &pending);
    }
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      SoupMessageMetrics *metrics = soup_message_get_metrics (messages[i]);

      g_assert_nonnull (metrics);
      g_assert_cmpuint (soup_message_metrics_get_connect_start (metrics), ==, 0);
      g_object_unref (messages[i]);
    }
}

static void
test_client_rate_limit_storm (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistration) registration = NULL;

  roster_fake_service_inject_fault (fixture->service, ROSTER_FAKE_FAULT_RATE_LIMIT_STORM, 2);
  registration = register_one (fixture, "storm@example.org", &error);
  g_assert_no_error (error);
  /* A 429 is certainly not acted on: the call is sent again, and lands once. */
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 3);
  g_assert_cmpuint (roster_fake_service_get_n_rate_limited (fixture->service), ==, 2);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, fixture->webinar_id,
                                                             "storm@example.org"), ==, 1);
}

/* ---- Faults: reads are retried, `register` never repeated blindly -------------------------------- */

static void
test_client_read_retried (Fixture       *fixture,
                          gconstpointer  data)
{
  RosterFakeFault faults[] = { ROSTER_FAKE_FAULT_HTTP_500_HTML, ROSTER_FAKE_FAULT_CLOSE_BEFORE_PROCESSING,
                               ROSTER_FAKE_FAULT_CLOSE_AFTER_PROCESSING, ROSTER_FAKE_FAULT_TIMEOUT };

  roster_client_set_timeout (fixture->client, 500);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) webinars = NULL;

      roster_fake_service_reset_counters (fixture->service);
      roster_fake_service_inject_fault (fixture->service, faults[i], 1);
      webinars = list_webinars (fixture, &error);
      g_assert_no_error (error);
      g_assert_nonnull (webinars);
      g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "webinars"), ==, 2);
    }
}

static void
test_client_read_gives_up (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webinars = NULL;

  roster_fake_service_inject_fault (fixture->service, ROSTER_FAKE_FAULT_HTTP_500_HTML, 100);
  webinars = list_webinars (fixture, &error);
  g_assert_null (webinars);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER);
  /* The first try and three retries. */
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "webinars"), ==, 4);
}

static void
test_client_register_fault (Fixture       *fixture,
                            gconstpointer  data)
{
  const struct {
    RosterFakeFault fault;
    guint           registrations;  /* what the server did */
  } cases[] = {
    { ROSTER_FAKE_FAULT_HTTP_500_HTML, 0 },
    { ROSTER_FAKE_FAULT_CLOSE_BEFORE_PROCESSING, 0 },
    { ROSTER_FAKE_FAULT_CLOSE_AFTER_PROCESSING, 1 },
    { ROSTER_FAKE_FAULT_TIMEOUT, 0 },
    { ROSTER_FAKE_FAULT_MALFORMED_JSON, 1 },
  };

  roster_client_set_timeout (fixture->client, 500);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RosterRegistration) registration = NULL;
      g_autofree char *email = g_strdup_printf ("fault-%u@example.org", i);

      roster_fake_service_reset_counters (fixture->service);
      roster_fake_service_inject_fault_for_method (fixture->service, cases[i].fault, "register", 1);
      registration = register_one (fixture, email, &error);

      /* The outcome is unknown to the client, and it did not send the call again. */
      g_assert_null (registration);
      g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_OUTCOME_UNKNOWN);
      g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 1);
      g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, fixture->webinar_id, email),
                        ==, cases[i].registrations);
    }
}

/* A loopback port that was free a moment ago and has nobody listening. */
static guint16
dead_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);

  return port;
}

/* Connection refused: the body never left, so `register` is retried, then fails for certain. */
static void
test_client_connection_refused (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistration) registration = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autofree char *endpoint = NULL;
  g_autoptr(RosterRegisterParams) params = params_for (fixture, "refused@example.org");
  g_autoptr(GAsyncResult) result = NULL;

  endpoint = g_strdup_printf ("http://127.0.0.1:%u/everwebinar", dead_port ());
  client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, endpoint, "key", &error);
  g_assert_no_error (error);
  roster_client_set_rate_limiter (client, fixture->limiter);

  roster_client_register_async (client, params, ROSTER_PRIORITY_BULK, NULL, roster_test_store_result, &result);
  registration = roster_client_register_finish (client, roster_test_wait_for_result (&result), &error);
  g_assert_null (registration);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_NETWORK);
}

/* ---- Servers that misbehave: redirects, slow and huge bodies, vanishing ------------------------ */

/* A redirect is never followed: for `register` the first server did receive the call, so its
 * outcome is unknown, and nothing is sent to where the redirect points, nor sent again. */
static void
test_client_redirect_register (Fixture       *fixture,
                               gconstpointer  data)
{
  const guint statuses[] = { 302, 307 };
  g_autoptr(RosterFakeService) elsewhere = roster_fake_service_new (43);
  g_autoptr(GError) error = NULL;

  roster_fake_service_set_rate_limit (elsewhere, 0);
  g_assert_true (roster_fake_service_start (elsewhere, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    for (guint live = 0; live < 2; live++)
      {
        g_autofree char *email = g_strdup_printf ("redirected-%u-%u@example.org", statuses[i], live);
        g_autofree char *location = NULL;
        g_autofree char *status_text = g_strdup_printf ("HTTP %u", statuses[i]);
        g_autoptr(RosterRegistration) registration = NULL;

        /* A dead port, or a live fake that would gladly register anyone (as `localhost`, so
         * that the message shows which host it names). */
        if (live)
          location = g_strdup_printf ("http://localhost:%u/everwebinar/register?api_key=%s",
                                      roster_fake_service_get_port (elsewhere),
                                      roster_fake_service_get_api_key (elsewhere));
        else
          location = g_strdup_printf ("http://127.0.0.1:%u/everwebinar/register", dead_port ());
        roster_fake_service_reset_counters (fixture->service);
        roster_fake_service_reset_counters (elsewhere);
        roster_fake_service_set_redirect (fixture->service, "register", statuses[i], location);

        registration = register_one (fixture, email, &error);
        g_test_message ("%s", error != NULL ? error->message : "registered");
        g_assert_null (registration);
        g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_OUTCOME_UNKNOWN);
        g_assert_nonnull (strstr (error->message, status_text));
        g_assert_nonnull (strstr (error->message, live ? "localhost" : "127.0.0.1"));
        /* The host only: neither the query nor the key. */
        g_assert_null (strstr (error->message, "?"));
        g_assert_null (strstr (error->message, roster_fake_service_get_api_key (elsewhere)));
        g_clear_error (&error);

        g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 1);
        g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, NULL), ==, 1);
        g_assert_cmpuint (roster_fake_service_get_n_calls (elsewhere, NULL), ==, 0);
        g_assert_cmpuint (roster_fake_service_get_n_registrations_total (elsewhere), ==, 0);
      }

  roster_fake_service_stop (elsewhere);
}

/* A read answered with a redirect fails at once: retrying it would only be redirected again. */
static void
test_client_redirect_read (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webinars = NULL;

  roster_fake_service_set_redirect (fixture->service, "webinars", 301, "https://dead.invalid/everwebinar/webinars");
  webinars = list_webinars (fixture, &error);
  g_test_message ("%s", error != NULL ? error->message : "listed");
  g_assert_null (webinars);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "HTTP 301"));
  g_assert_nonnull (strstr (error->message, "dead.invalid"));
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, NULL), ==, 1);
}

static gint64
elapsed_msec (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000;
}

/* A body dribbled at a byte a second: each attempt's timeout covers reading the body, and the
 * deadline covers the call with all its retries. */
static void
test_client_slow_body (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(RosterRegistration) registration = NULL;
  gint64 start;

  roster_client_set_timeout (fixture->client, 1500);
  roster_client_set_deadline (fixture->client, 4000);
  roster_fake_service_set_slow_body (fixture->service, 1);

  start = g_get_monotonic_time ();
  webinars = list_webinars (fixture, &error);
  g_test_message ("read: %s after %" G_GINT64_FORMAT " ms", error != NULL ? error->message : "listed",
                  elapsed_msec (start));
  g_assert_null (webinars);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_NETWORK);
  g_assert_cmpint (elapsed_msec (start), <, 4000 + 500);
  /* It was retried until the deadline. */
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "webinars"), >=, 2);
  g_clear_error (&error);

  start = g_get_monotonic_time ();
  registration = register_one (fixture, "dribble@example.org", &error);
  g_test_message ("register: %s after %" G_GINT64_FORMAT " ms", error != NULL ? error->message : "registered",
                  elapsed_msec (start));
  g_assert_null (registration);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_OUTCOME_UNKNOWN);
  g_assert_cmpint (elapsed_msec (start), <, 1500 + 500);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 1);
}

static glong
peak_rss_kib (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

/* A 300 MB answer: the client stops reading at its cap, and memory stays bounded. */
static void
test_client_huge_body (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(RosterRegistration) registration = NULL;
  glong before;

  if (!g_test_subprocess ())
    {
      /* A fresh process, so that the peak of earlier tests hides nothing. */
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  /* Long enough to read the whole body, were it read. */
  roster_client_set_timeout (fixture->client, 60000);
  roster_fake_service_set_huge_body (fixture->service, 300 * 1000 * 1000);
  before = peak_rss_kib ();

  webinars = list_webinars (fixture, &error);
  g_test_message ("read: %s", error != NULL ? error->message : "listed");
  g_assert_null (webinars);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "32"));
  g_clear_error (&error);

  registration = register_one (fixture, "huge@example.org", &error);
  g_test_message ("register: %s", error != NULL ? error->message : "registered");
  g_assert_null (registration);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_OUTCOME_UNKNOWN);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 1);

  g_test_message ("peak RSS grew by %ld KiB", peak_rss_kib () - before);
  g_assert_cmpint (peak_rss_kib () - before, <, 100 * 1024);
}

/* A server that is gone: `register` certainly did not reach it, reads are retried, and once it
 * is back on its port everything works again. */
static void
test_client_vanished (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(RosterRegistration) registration = NULL;
  guint port = roster_fake_service_get_port (fixture->service);
  gint64 start;

  roster_fake_service_stop (fixture->service);

  registration = register_one (fixture, "vanished@example.org", &error);
  g_assert_null (registration);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_NETWORK);
  g_clear_error (&error);

  start = g_get_monotonic_time ();
  webinars = list_webinars (fixture, &error);
  g_assert_null (webinars);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_NETWORK);
  /* Three retries with backoff: at least 250 + 500 + 1000 ms. */
  g_assert_cmpint (elapsed_msec (start), >=, 1750);
  g_clear_error (&error);

  g_assert_true (roster_fake_service_start_on_port (fixture->service, port, &error));
  g_assert_no_error (error);
  webinars = list_webinars (fixture, &error);
  g_assert_no_error (error);
  registration = register_one (fixture, "vanished@example.org", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, fixture->webinar_id,
                                                             "vanished@example.org"), ==, 1);
}

static void
test_client_cancel_queued (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RosterRateLimiter) slow = roster_rate_limiter_new (1, 10 * G_USEC_PER_SEC);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webinars = NULL;

  g_source_attach ((GSource *) slow, NULL);
  roster_client_set_rate_limiter (fixture->client, slow);

  roster_client_list_webinars_async (fixture->client, NULL, roster_test_store_result, &first);
  roster_client_list_webinars_async (fixture->client, cancellable, roster_test_store_result, &second);
  g_cancellable_cancel (cancellable);

  webinars = roster_client_list_webinars_finish (fixture->client, roster_test_wait_for_result (&second), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_pointer (&webinars, g_ptr_array_unref);

  webinars = roster_client_list_webinars_finish (fixture->client, roster_test_wait_for_result (&first), &error);
  g_assert_no_error (error);
  /* The cancelled call never reached the server. */
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "webinars"), ==, 1);
  g_source_destroy ((GSource *) slow);
}

/* ---- The key stays out of logs and messages ------------------------------------------------------ */

static GString *captured_log;

/* Installed once for the whole program (GLib allows one writer); it captures while a test
 * wants it to and otherwise writes as usual. */
static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  if (captured_log == NULL)
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append (captured_log, fields[i].value);
      else
        g_string_append_len (captured_log, fields[i].value, fields[i].length);
      g_string_append_c (captured_log, ' ');
    }
  g_string_append_c (captured_log, '\n');

  return G_LOG_WRITER_HANDLED;
}

static void
capture_soup_log (SoupLogger         *logger,
                  SoupLoggerLogLevel  level,
                  char                direction,
                  const char         *data,
                  gpointer            user_data)
{
  g_string_append_printf (captured_log, "%c %s\n", direction, data);
}

static void
test_client_key_not_logged (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *secret = "S3CRET-KEY-1f2e3d4c";
  g_autoptr(SoupLogger) logger = soup_logger_new (SOUP_LOGGER_LOG_HEADERS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(RosterRegistration) registration = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) page_result = NULL;
  g_autoptr(GAsyncResult) unsub_result = NULL;
  g_autoptr(RosterWebinar) webinar = NULL;
  g_autoptr(RosterRegistrantPage) page = NULL;
  GString *errors = g_string_new (NULL);

  /* libsoup 3.2 drops a reference on every feature when a message leaves its queue, even on a
   * feature added after the message was queued: let the fixture's last call leave first. */
  while (g_main_context_iteration (NULL, FALSE));

  captured_log = g_string_new (NULL);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  soup_logger_set_printer (logger, capture_soup_log, NULL, NULL);
  soup_session_add_feature (roster_client_get_session (), SOUP_SESSION_FEATURE (logger));

  /* The service knows this key too, so every method succeeds once... */
  roster_fake_service_add_api_key (fixture->service, secret);
  g_clear_object (&fixture->client);
  fixture->client = client_for (fixture, secret);

  webinars = list_webinars (fixture, &error);
  g_assert_no_error (error);
  webinar = get_webinar (fixture, fixture->webinar_id);
  registration = register_one (fixture, "logged@example.org", &error);
  g_assert_no_error (error);
  roster_client_list_registrants_async (fixture->client, fixture->webinar_id, NULL, 1,
                                        ROSTER_PRIORITY_INTERACTIVE, NULL, roster_test_store_result, &page_result);
  page = roster_client_list_registrants_finish (fixture->client, roster_test_wait_for_result (&page_result), &error);
  g_assert_no_error (error);
  roster_client_unsubscribe_async (fixture->client, fixture->webinar_id, 1, NULL, roster_test_store_result, &unsub_result);
  roster_client_unsubscribe_finish (fixture->client, roster_test_wait_for_result (&unsub_result), &error);
  if (error != NULL)
    g_string_append (errors, error->message);
  g_clear_error (&error);

  /* ...and fails once, through every error path. */
  roster_fake_service_inject_fault (fixture->service, ROSTER_FAKE_FAULT_HTTP_500_HTML, 1);
  g_clear_object (&registration);
  registration = register_one (fixture, "logged2@example.org", &error);
  g_string_append (errors, error->message);
  g_clear_error (&error);
  g_clear_pointer (&webinars, g_ptr_array_unref);
  g_clear_object (&fixture->client);
  fixture->client = client_for (fixture, "S3CRET-WRONG-9a8b7c");
  webinars = list_webinars (fixture, &error);
  g_string_append (errors, error->message);
  g_clear_error (&error);

  soup_session_remove_feature (roster_client_get_session (), SOUP_SESSION_FEATURE (logger));

  /* The logs did record the calls, so the check below looked at something. */
  g_assert_nonnull (strstr (captured_log->str, "POST /everwebinar/register"));
  g_assert_null (strstr (captured_log->str, "S3CRET"));
  g_assert_null (strstr (errors->str, "S3CRET"));

  g_string_free (errors, TRUE);
  g_string_free (g_steal_pointer (&captured_log), TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

#define ADD(path, func) g_test_add ("/client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("webinars", test_client_webinars);
  ADD ("webinar", test_client_webinar);
  ADD ("register", test_client_register);
  ADD ("registrants/page", test_client_registrants_page);
  ADD ("registrants/all", test_client_registrants_all);
  ADD ("registrants/filters", test_client_registrants_filters);
  ADD ("unsubscribe", test_client_unsubscribe);
  ADD ("error/authentication", test_client_error_authentication);
  ADD ("error/not-found", test_client_error_not_found);
  ADD ("error/validation", test_client_error_validation);
  ADD ("rate-limit/retry", test_client_rate_limited_retry);
  ADD ("rate-limit/storm", test_client_rate_limit_storm);
  ADD ("rate-limit/call-waits", test_client_rate_limited_call_waits);
  ADD ("keep-alive", test_client_keep_alive);
  ADD ("warm-up", test_client_warm_up);
  ADD ("fault/read-retried", test_client_read_retried);
  ADD ("fault/read-gives-up", test_client_read_gives_up);
  ADD ("fault/register-not-repeated", test_client_register_fault);
  ADD ("fault/connection-refused", test_client_connection_refused);
  ADD ("redirect/register", test_client_redirect_register);
  ADD ("redirect/read", test_client_redirect_read);
  ADD ("slow-body", test_client_slow_body);
  ADD ("huge-body", test_client_huge_body);
  ADD ("vanished", test_client_vanished);
  ADD ("cancel/queued", test_client_cancel_queued);
  ADD ("security/key-not-logged", test_client_key_not_logged);
#undef ADD
  g_test_add_func ("/client/endpoint-check", test_client_endpoint_check);

  return g_test_run ();
}
