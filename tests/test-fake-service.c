/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-fake-service"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "roster-fake-service.h"
#include "roster-test-util.h"

/* Talks to the fake service with a plain SoupSession over real HTTP on loopback. */

typedef struct
{
  gboolean  done;
  guint     status;
  char     *content_type;
  char     *location;
  GBytes   *body;
  GError   *error;
  gint64    elapsed_usec;
  gint64    started;
} Reply;

typedef struct
{
  RosterFakeService *service;
  SoupSession       *session;
  char              *endpoint;
  char              *wj_endpoint;
} Fixture;

static gboolean
under_valgrind (void)
{
  const char *preload = g_getenv ("LD_PRELOAD");

  return preload != NULL && strstr (preload, "vgpreload") != NULL;
}

static void
reply_free (Reply *reply)
{
  g_free (reply->content_type);
  g_free (reply->location);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_error (&reply->error);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static void
fixture_set_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->service = roster_fake_service_new (42);
  /* Cases that make many calls must not trip the window; the rate-limit case turns it on. */
  roster_fake_service_set_rate_limit (f->service, 0);
  g_assert_true (roster_fake_service_start (f->service, &error));
  g_assert_no_error (error);
  f->session = g_object_new (SOUP_TYPE_SESSION, "max-conns", 64, "max-conns-per-host", 64, NULL);
  f->endpoint = roster_fake_service_dup_endpoint (f->service, FALSE);
  f->wj_endpoint = roster_fake_service_dup_endpoint (f->service, TRUE);
}

static void
fixture_tear_down (Fixture *f)
{
  g_clear_object (&f->session);
  roster_fake_service_stop (f->service);
  g_assert_finalize_object (f->service);
  g_free (f->endpoint);
  g_free (f->wj_endpoint);
}

#define FIXTURE_TEST(path, func) \
  g_test_add (path, Fixture, NULL, (void (*) (Fixture *, gconstpointer)) fixture_set_up_cb, func, \
              (void (*) (Fixture *, gconstpointer)) fixture_tear_down_cb)

static void
fixture_set_up_cb (Fixture       *f,
                   gconstpointer  data)
{
  fixture_set_up (f);
}

static void
fixture_tear_down_cb (Fixture       *f,
                      gconstpointer  data)
{
  fixture_tear_down (f);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &reply->error);
  reply->status = soup_message_get_status (msg);
  reply->content_type = g_strdup (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL));
  reply->location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"));
  reply->elapsed_usec = g_get_monotonic_time () - reply->started;
  reply->done = TRUE;
}

/* Sends a form POST: NULL-terminated name/value pairs; the demo key is added unless a pair
 * names api_key (a NULL value then leaves it out). */
static Reply *
post_start_v (Fixture    *f,
              const char *http_method,
              const char *endpoint,
              const char *method,
              va_list     args)
{
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = g_strdup_printf ("%s/%s", endpoint, method);
  Reply *reply = g_new0 (Reply, 1);
  const char *name;
  gboolean key_given = FALSE;

  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (g_str_equal (name, "api_key"))
        key_given = TRUE;
      if (value != NULL)
        g_hash_table_insert (form, (gpointer) name, (gpointer) value);
    }
  if (!key_given)
    g_hash_table_insert (form, (gpointer) "api_key", (gpointer) roster_fake_service_get_api_key (f->service));

  msg = soup_message_new (http_method, url);
  /* Redirects are what some cases test: see them rather than follow them. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (g_str_equal (http_method, "POST"))
    {
      char *body = soup_form_encode_hash (form);
      g_autoptr(GBytes) bytes = g_bytes_new_take (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  reply->started = g_get_monotonic_time ();
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, send_cb, reply);
  return reply;
}

static Reply *
post_start (Fixture    *f,
            const char *method,
            ...)
{
  Reply *reply;
  va_list args;

  va_start (args, method);
  reply = post_start_v (f, "POST", f->endpoint, method, args);
  va_end (args);
  return reply;
}

static void
wait_for (Reply *reply)
{
  while (!reply->done)
    g_main_context_iteration (NULL, TRUE);
}

static Reply *
post (Fixture    *f,
      const char *method,
      ...)
{
  Reply *reply;
  va_list args;

  va_start (args, method);
  reply = post_start_v (f, "POST", f->endpoint, method, args);
  va_end (args);
  wait_for (reply);
  return reply;
}

static Reply *
request (Fixture    *f,
         const char *http_method,
         const char *method,
         ...)
{
  Reply *reply;
  va_list args;

  va_start (args, method);
  reply = post_start_v (f, http_method, f->endpoint, method, args);
  va_end (args);
  wait_for (reply);
  return reply;
}

static Reply *
post_wj (Fixture    *f,
         const char *method,
         ...)
{
  Reply *reply;
  va_list args;

  va_start (args, method);
  reply = post_start_v (f, "POST", f->wj_endpoint, method, args);
  va_end (args);
  wait_for (reply);
  return reply;
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
sleep_loop (guint ms)
{
  gboolean fired = FALSE;

  g_timeout_add (ms, timeout_cb, &fired);
  while (!fired)
    g_main_context_iteration (NULL, TRUE);
}

static JsonNode *
parse (Reply *reply)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  g_assert_no_error (reply->error);
  g_assert_nonnull (reply->body);
  data = g_bytes_get_data (reply->body, &len);
  json_parser_load_from_data (parser, data, len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reply->content_type, ==, "application/json");
  return json_node_ref (json_parser_get_root (parser));
}

/* The success payload object of a 200 answer. */
static JsonNode *
success_payload (Reply      *reply,
                 const char *key)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  root = parse (reply);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "success");
  g_assert_true (json_object_has_member (object, key));
  return json_node_copy (json_object_get_member (object, key));
}

/* The message list of one field in an error envelope. */
static void
assert_error (Reply      *reply,
              guint       status,
              const char *field)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *errors;
  JsonNode *messages;

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, status);
  root = parse (reply);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "error");
  errors = json_object_get_object_member (object, "errors");
  g_assert_nonnull (errors);
  messages = json_object_get_member (errors, field);
  g_assert_nonnull (messages);
  if (JSON_NODE_HOLDS_ARRAY (messages))
    {
      g_assert_cmpuint (json_array_get_length (json_node_get_array (messages)), >, 0);
      g_assert_nonnull (json_array_get_string_element (json_node_get_array (messages), 0));
    }
  else
    {
      g_assert_nonnull (json_node_get_string (messages));
    }
}

static char *
id_string (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* ---- methods ----------------------------------------------------------------------------- */

static void
test_webinars (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(Reply) reply = post (f, "webinars", NULL);
  g_autoptr(JsonNode) webinars = success_payload (reply, "webinars");
  g_autoptr(Reply) wj_reply = post_wj (f, "webinars", NULL);
  g_autoptr(JsonNode) wj_webinars = success_payload (wj_reply, "webinars");
  JsonArray *array = json_node_get_array (webinars);
  gboolean saw_empty_schedules = FALSE;

  g_assert_cmpuint (json_array_get_length (array), ==, 6);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *webinar = json_array_get_object_element (array, i);
      JsonArray *schedules = json_object_get_array_member (webinar, "schedules");

      g_assert_cmpint (json_node_get_value_type (json_object_get_member (webinar, "webinar_id")), ==, G_TYPE_INT64);
      g_assert_cmpint (json_object_get_int_member (webinar, "webinar_id"), >, 0);
      g_assert_nonnull (json_object_get_string_member (webinar, "webinar_hash"));
      g_assert_nonnull (json_object_get_string_member (webinar, "name"));
      g_assert_nonnull (json_object_get_string_member (webinar, "title"));
      g_assert_nonnull (json_object_get_string_member (webinar, "description"));
      g_assert_true (strchr (json_object_get_string_member (webinar, "timezone"), '/') != NULL);
      g_assert_false (json_object_has_member (webinar, "type"));
      for (guint s = 0; s < json_array_get_length (schedules); s++)
        g_assert_nonnull (json_array_get_string_element (schedules, s));
      saw_empty_schedules |= json_array_get_length (schedules) == 0;
    }
  g_assert_true (saw_empty_schedules);

  array = json_node_get_array (wj_webinars);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (array, i), "type"));
  g_assert_cmpuint (roster_fake_service_get_n_calls (f->service, "webinars"), ==, 2);
}

static void
test_webinar (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = id_string (roster_fake_service_get_main_webinar_id (f->service));
  g_autoptr(Reply) reply = post (f, "webinar", "webinar_id", id, NULL);
  g_autoptr(JsonNode) node = success_payload (reply, "webinar");
  JsonObject *webinar = json_node_get_object (node);
  JsonArray *schedules = json_object_get_array_member (webinar, "schedules");
  JsonArray *presenters = json_object_get_array_member (webinar, "presenters");
  g_autoptr(GRegex) date_re = g_regex_new ("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$", 0, 0, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  const char *fields[] = { "registration_url", "registration_type", "registration_currency",
                           "registration_checkout_url", "registration_post_payment_url",
                           "direct_live_room_url", "direct_replay_room_url", "webinar_hash",
                           "name", "title", "description", "timezone" };

  g_assert_cmpint (json_object_get_int_member (webinar, "webinar_id"), ==,
                   roster_fake_service_get_main_webinar_id (f->service));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_nonnull (json_object_get_string_member (webinar, fields[i]));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (webinar, "registration_fee")), ==, G_TYPE_INT64);
  g_assert_cmpuint (json_array_get_length (schedules), >=, 4);
  for (guint i = 0; i < json_array_get_length (schedules); i++)
    {
      JsonObject *schedule = json_array_get_object_element (schedules, i);
      gint64 *sid = g_new (gint64, 1);

      *sid = json_object_get_int_member (schedule, "schedule");
      g_assert_cmpint (*sid, >, 0);
      g_assert_true (g_regex_match (date_re, json_object_get_string_member (schedule, "date"), 0, NULL));
      g_assert_nonnull (json_object_get_string_member (schedule, "comment"));
      /* A series lists several sessions under one ID. */
      g_hash_table_add (ids, sid);
    }
  g_assert_cmpuint (g_hash_table_size (ids), ==, 4);
  g_assert_cmpuint (json_array_get_length (presenters), >=, 1);
  for (guint i = 0; i < json_array_get_length (presenters); i++)
    {
      JsonObject *presenter = json_array_get_object_element (presenters, i);

      g_assert_nonnull (json_object_get_string_member (presenter, "name"));
      g_assert_nonnull (strchr (json_object_get_string_member (presenter, "email"), '@'));
      g_assert_true (g_str_has_prefix (json_object_get_string_member (presenter, "picture"), "http"));
    }
}

static void
test_webinar_paid_and_webinarjam (Fixture       *f,
                                  gconstpointer  data)
{
  guint n_ids;
  g_autofree gint64 *ids = roster_fake_service_dup_webinar_ids (f->service, FALSE, &n_ids);
  g_autofree gint64 *wj_ids = roster_fake_service_dup_webinar_ids (f->service, TRUE, NULL);
  g_autofree char *wj_id = id_string (wj_ids[0]);
  g_autofree char *ew_id = id_string (ids[0]);
  gboolean saw_paid = FALSE;

  for (guint i = 0; i < n_ids; i++)
    {
      g_autofree char *id = id_string (ids[i]);
      g_autoptr(Reply) reply = post (f, "webinar", "webinar_id", id, NULL);
      g_autoptr(JsonNode) node = success_payload (reply, "webinar");
      JsonObject *webinar = json_node_get_object (node);

      if (g_str_equal (json_object_get_string_member (webinar, "registration_type"), "paid"))
        {
          saw_paid = TRUE;
          g_assert_cmpint (json_object_get_int_member (webinar, "registration_fee"), >, 0);
          g_assert_cmpstr (json_object_get_string_member (webinar, "registration_currency"), !=, "");
          g_assert_true (g_str_has_prefix (json_object_get_string_member (webinar, "registration_checkout_url"), "http"));
        }
    }
  g_assert_true (saw_paid);

  {
    g_autoptr(Reply) reply = post_wj (f, "webinar", "webinar_id", wj_id, NULL);
    g_autoptr(JsonNode) node = success_payload (reply, "webinar");

    g_assert_nonnull (json_object_get_string_member (json_node_get_object (node), "type"));
  }
  {
    /* Each product only knows its own webinars. */
    g_autoptr(Reply) reply = post (f, "webinar", "webinar_id", wj_id, NULL);
    g_autoptr(Reply) reply2 = post_wj (f, "webinar", "webinar_id", ew_id, NULL);

    assert_error (reply, 404, "webinar_id");
    assert_error (reply2, 404, "webinar_id");
  }
}

static gint64
parse_local (const char *text)
{
  int y, mo, d, h, mi;
  g_autoptr(GDateTime) dt = NULL;

  g_assert_cmpint (sscanf (text, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi), ==, 5);
  dt = g_date_time_new_utc (y, mo, d, h, mi, 0);
  return g_date_time_to_unix (dt);
}

static void
test_webinar_timezone (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = id_string (roster_fake_service_get_main_webinar_id (f->service));
  g_autoptr(Reply) utc = post (f, "webinar", "webinar_id", id, "timezone", "GMT+0", NULL);
  g_autoptr(Reply) plus = post (f, "webinar", "webinar_id", id, "timezone", "GMT+4:30", NULL);
  g_autoptr(Reply) minus = post (f, "webinar", "webinar_id", id, "timezone", "GMT-5", NULL);
  g_autoptr(Reply) bad = post (f, "webinar", "webinar_id", id, "timezone", "Mars/Olympus", NULL);
  g_autoptr(JsonNode) a = success_payload (utc, "webinar");
  g_autoptr(JsonNode) b = success_payload (plus, "webinar");
  g_autoptr(JsonNode) c = success_payload (minus, "webinar");
  JsonArray *sa = json_object_get_array_member (json_node_get_object (a), "schedules");
  JsonArray *sb = json_object_get_array_member (json_node_get_object (b), "schedules");
  JsonArray *sc = json_object_get_array_member (json_node_get_object (c), "schedules");
  guint last = json_array_get_length (sa) - 1;

  g_assert_cmpuint (json_array_get_length (sa), ==, json_array_get_length (sb));
  /* The last one is a weekly session: stable between the calls. */
  g_assert_cmpint (parse_local (json_object_get_string_member (json_array_get_object_element (sb, last), "date")) -
                   parse_local (json_object_get_string_member (json_array_get_object_element (sa, last), "date")),
                   ==, 4 * 3600 + 30 * 60);
  g_assert_cmpint (parse_local (json_object_get_string_member (json_array_get_object_element (sc, last), "date")) -
                   parse_local (json_object_get_string_member (json_array_get_object_element (sa, last), "date")),
                   ==, -5 * 3600);
  assert_error (bad, 422, "timezone");
}

/* ---- errors ------------------------------------------------------------------------------ */

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = id_string (roster_fake_service_get_main_webinar_id (f->service));

  {
    g_autoptr(Reply) reply = post (f, "webinars", "api_key", NULL, NULL);
    g_autoptr(JsonNode) root = NULL;
    JsonArray *messages;

    assert_error (reply, 400, "api_key");
    root = parse (reply);
    messages = json_object_get_array_member (json_object_get_object_member (json_node_get_object (root), "errors"), "api_key");
    g_assert_cmpstr (json_array_get_string_element (messages, 0), ==, "The api key field is required.");
  }
  {
    g_autoptr(Reply) reply = post (f, "webinars", "api_key", "not-the-key", NULL);
    g_autoptr(JsonNode) root = NULL;

    assert_error (reply, 401, "api_key");
    root = parse (reply);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (root), "errors"), "api_key"),
                     ==, "You must specify a valid API key");
  }
  {
    /* GET is refused, with nothing to show for it. */
    g_autoptr(Reply) reply = request (f, "GET", "webinars", NULL);

    g_assert_no_error (reply->error);
    g_assert_cmpuint (reply->status, ==, 405);
  }
  {
    g_autoptr(Reply) reply = post (f, "webinar", NULL);

    assert_error (reply, 400, "webinar_id");
  }
  {
    g_autoptr(Reply) reply = post (f, "webinar", "webinar_id", "1", NULL);
    g_autoptr(Reply) reply2 = post (f, "registrants", "webinar_id", "1", NULL);
    g_autoptr(Reply) reply3 = post (f, "unsubscribe", "webinar_id", "1", "lead_id", "1", NULL);

    assert_error (reply, 404, "webinar_id");
    assert_error (reply2, 404, "webinar_id");
    assert_error (reply3, 404, "webinar_id");
  }
  {
    g_autoptr(Reply) reply = post (f, "register", "webinar_id", id, NULL);

    assert_error (reply, 400, "first_name");
    assert_error (reply, 400, "email");
    assert_error (reply, 400, "schedule");
  }
  {
    g_autoptr(Reply) reply = post (f, "register", "webinar_id", id, "first_name", "Ada",
                                   "email", "not-an-email", "schedule", "1", NULL);

    assert_error (reply, 422, "email");
    assert_error (reply, 422, "schedule");
  }
  {
    g_autoptr(Reply) reply = post (f, "registrants", "webinar_id", id, "attended_live", "3", NULL);
    g_autoptr(Reply) reply2 = post (f, "registrants", "webinar_id", id, "purchased", "7", NULL);

    assert_error (reply, 400, "attended_live_timestamp");
    assert_error (reply2, 422, "purchased");
  }
  {
    g_autoptr(Reply) reply = post (f, "no-such-method", NULL);

    g_assert_cmpuint (reply->status, ==, 404);
  }
  {
    /* A key in the URL is noticed (and never recorded). */
    g_autofree char *endpoint = f->endpoint;
    g_autoptr(Reply) reply = NULL;

    g_assert_cmpuint (roster_fake_service_get_n_key_exposed (f->service), ==, 0);
    f->endpoint = g_strdup_printf ("%s/webinars?api_key=%s#", endpoint, ROSTER_FAKE_DEMO_KEY);
    reply = post (f, "", NULL);
    g_free (f->endpoint);
    f->endpoint = g_steal_pointer (&endpoint);
    g_assert_cmpuint (roster_fake_service_get_n_key_exposed (f->service), ==, 1);
  }
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (f->service), ==, 0);
}

/* ---- register ---------------------------------------------------------------------------- */

static JsonObject *
first_schedule_of (Fixture    *f,
                   const char *id,
                   JsonNode  **keep)
{
  g_autoptr(Reply) reply = post (f, "webinar", "webinar_id", id, NULL);

  *keep = success_payload (reply, "webinar");
  return json_array_get_object_element (json_object_get_array_member (json_node_get_object (*keep), "schedules"), 0);
}

static void
test_register (Fixture       *f,
               gconstpointer  data)
{
  gint64 main_id = roster_fake_service_get_main_webinar_id (f->service);
  g_autofree char *id = id_string (main_id);
  g_autoptr(JsonNode) webinar = NULL;
  g_autoptr(JsonNode) webinar_tz = NULL;
  g_autoptr(Reply) detail = post (f, "webinar", "webinar_id", id, "timezone", "GMT+2", NULL);
  JsonArray *schedules;
  JsonObject *daily = NULL;
  g_autofree char *schedule_id = NULL;
  g_autofree char *daily_id = NULL;
  const char *user_fields[] = { "webinar_hash", "first_name", "last_name", "phone_country_code",
                                "phone", "email", "date", "timezone", "live_room_url",
                                "replay_room_url", "thank_you_url" };
  gint64 user_ids[2];
  char *links[2];
  guint n_registrants = roster_fake_service_get_registrant_count (f->service, main_id);

  schedule_id = id_string (json_object_get_int_member (first_schedule_of (f, id, &webinar), "schedule"));
  webinar_tz = success_payload (detail, "webinar");
  schedules = json_object_get_array_member (json_node_get_object (webinar_tz), "schedules");
  for (guint i = 0; i < json_array_get_length (schedules) && daily == NULL; i++)
    if (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (schedules, i), "comment"), "Every day"))
      daily = json_array_get_object_element (schedules, i);
  g_assert_nonnull (daily);
  daily_id = id_string (json_object_get_int_member (daily, "schedule"));

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(Reply) reply = post (f, "register", "webinar_id", id, "first_name", "Zoë",
                                     "last_name", "Łukasz-García", "email", round ? "ZOE@Example.org" : "zoe@example.org",
                                     "schedule", schedule_id, "phone_country_code", "+44",
                                     "phone", "2071234567", "twilio_consent", "1", NULL);
      g_autoptr(JsonNode) node = success_payload (reply, "user");
      JsonObject *user = json_node_get_object (node);

      g_assert_cmpint (json_object_get_int_member (user, "webinar_id"), ==, main_id);
      for (guint i = 0; i < G_N_ELEMENTS (user_fields); i++)
        g_assert_nonnull (json_object_get_string_member (user, user_fields[i]));
      g_assert_true (json_object_has_member (user, "password"));
      g_assert_cmpstr (json_object_get_string_member (user, "first_name"), ==, "Zoë");
      g_assert_cmpstr (json_object_get_string_member (user, "phone_country_code"), ==, "+44");
      g_assert_cmpint (json_object_get_int_member (user, "schedule"), ==, g_ascii_strtoll (schedule_id, NULL, 10));
      user_ids[round] = json_object_get_int_member (user, "user_id");
      links[round] = g_strdup (json_object_get_string_member (user, "live_room_url"));
      g_assert_true (g_str_has_prefix (links[round], "http"));
      g_assert_cmpstr (json_object_get_string_member (user, "replay_room_url"), !=, links[round]);
    }

  /* The same person twice is two registrations: a client that resends is caught. */
  g_assert_cmpint (user_ids[0], !=, user_ids[1]);
  g_assert_cmpstr (links[0], !=, links[1]);
  g_free (links[0]);
  g_free (links[1]);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (f->service, main_id, "Zoe@example.ORG"), ==, 2);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (f->service, 0, "zoe@example.org"), ==, 2);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (f->service), ==, 2);
  g_assert_cmpuint (roster_fake_service_get_registrant_count (f->service, main_id), ==, n_registrants + 2);
  {
    g_autoptr(Reply) reply = post (f, "registrants", "webinar_id", id, "search", "zoe@EXAMPLE.org", NULL);
    g_autoptr(JsonNode) page = success_payload (reply, "registrants");
    JsonArray *rows = json_object_get_array_member (json_node_get_object (page), "data");
    guint exact = 0;
    gint64 lead_ids[2] = { 0, 0 };

    for (guint i = 0; i < json_array_get_length (rows); i++)
      {
        JsonObject *row = json_array_get_object_element (rows, i);

        if (g_ascii_strcasecmp (json_object_get_string_member (row, "email"), "zoe@example.org") == 0)
          lead_ids[exact++ % 2] = json_object_get_int_member (row, "lead_id");
      }
    g_assert_cmpuint (exact, ==, 2);
    g_assert_cmpint (lead_ids[0], !=, lead_ids[1]);
  }

  /* A date of a series must be one that `webinar` listed, in the same zone. */
  {
    g_autoptr(Reply) ok = post (f, "register", "webinar_id", id, "first_name", "Ada", "email", "ada@example.org",
                                "schedule", daily_id, "timezone", "GMT+2",
                                "date", json_object_get_string_member (daily, "date"), NULL);
    g_autoptr(Reply) wrong_zone = post (f, "register", "webinar_id", id, "first_name", "Ada", "email", "ada@example.org",
                                        "schedule", daily_id, "timezone", "GMT+3",
                                        "date", json_object_get_string_member (daily, "date"), NULL);
    g_autoptr(Reply) wrong_date = post (f, "register", "webinar_id", id, "first_name", "Ada", "email", "ada@example.org",
                                        "schedule", daily_id, "date", "2001-01-01 13:00", NULL);
    g_autoptr(JsonNode) node = success_payload (ok, "user");

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "date"), ==,
                     json_object_get_string_member (daily, "date"));
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "timezone"), ==, "GMT+2");
    assert_error (wrong_zone, 422, "date");
    assert_error (wrong_date, 422, "date");
    g_assert_cmpuint (roster_fake_service_get_n_registrations (f->service, main_id, "ada@example.org"), ==, 1);
  }

  /* WebinarJam takes no date or timezone. */
  {
    g_autofree gint64 *wj_ids = roster_fake_service_dup_webinar_ids (f->service, TRUE, NULL);
    g_autofree char *wj_id = id_string (wj_ids[0]);
    g_autoptr(Reply) detail_wj = post_wj (f, "webinar", "webinar_id", wj_id, NULL);
    g_autoptr(JsonNode) node_wj = success_payload (detail_wj, "webinar");
    g_autofree char *wj_schedule = id_string (json_object_get_int_member (
      json_array_get_object_element (json_object_get_array_member (json_node_get_object (node_wj), "schedules"), 0),
      "schedule"));
    g_autoptr(Reply) reply = post_wj (f, "register", "webinar_id", wj_id, "first_name", "José",
                                      "email", "jose@example.net", "schedule", wj_schedule, NULL);
    g_autoptr(JsonNode) user = success_payload (reply, "user");

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (user), "webinar_id"), ==, wj_ids[0]);
    g_assert_cmpuint (roster_fake_service_get_n_registrations (f->service, wj_ids[0], "jose@example.net"), ==, 1);
  }

  /* The form of the last call is kept, never its key. */
  {
    g_autoptr(GHashTable) form = roster_fake_service_dup_last_form (f->service, "register");

    g_assert_nonnull (form);
    g_assert_false (g_hash_table_contains (form, "api_key"));
    g_assert_cmpstr (g_hash_table_lookup (form, "email"), ==, "jose@example.net");
  }
}

static void
test_attendee_zone_webinar (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(Reply) list = post (f, "webinars", NULL);
  g_autoptr(JsonNode) webinars = success_payload (list, "webinars");
  JsonArray *array = json_node_get_array (webinars);
  gboolean checked = FALSE;

  /* Exactly one webinar insists on a timezone for register. */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *w = json_array_get_object_element (array, i);
      g_autofree char *id = id_string (json_object_get_int_member (w, "webinar_id"));
      g_autoptr(JsonNode) keep = NULL;
      g_autofree char *schedule = NULL;
      g_autoptr(Reply) reply = NULL;

      if (json_array_get_length (json_object_get_array_member (w, "schedules")) == 0)
        continue;
      schedule = id_string (json_object_get_int_member (first_schedule_of (f, id, &keep), "schedule"));
      reply = post (f, "register", "webinar_id", id, "first_name", "Mia", "last_name", "Kim",
                    "email", "mia@example.com", "schedule", schedule, NULL);
      if (reply->status == 400)
        {
          g_autoptr(Reply) again = NULL;
          g_autoptr(JsonNode) user = NULL;

          g_assert_false (checked);
          assert_error (reply, 400, "timezone");
          again = post (f, "register", "webinar_id", id, "first_name", "Mia", "last_name", "Kim",
                        "email", "mia@example.com", "schedule", schedule, "timezone", "GMT-7", NULL);
          user = success_payload (again, "user");
          g_assert_cmpstr (json_object_get_string_member (json_node_get_object (user), "timezone"), ==, "GMT-7");
          checked = TRUE;
        }
      else
        {
          g_autoptr(JsonNode) user = success_payload (reply, "user");
        }
    }
  g_assert_true (checked);
}

/* ---- registrants ------------------------------------------------------------------------- */

static JsonNode *
registrants (Fixture    *f,
             const char *id,
             const char *name1,
             const char *value1,
             const char *name2,
             const char *value2)
{
  g_autoptr(Reply) reply = NULL;

  if (name1 == NULL)
    reply = post (f, "registrants", "webinar_id", id, NULL);
  else if (name2 == NULL)
    reply = post (f, "registrants", "webinar_id", id, name1, value1, NULL);
  else
    reply = post (f, "registrants", "webinar_id", id, name1, value1, name2, value2, NULL);
  return success_payload (reply, "registrants");
}

static gint64
total_of (JsonNode *page)
{
  return json_object_get_int_member (json_node_get_object (page), "total");
}

static JsonArray *
rows_of (JsonNode *page)
{
  return json_object_get_array_member (json_node_get_object (page), "data");
}

static void
test_registrants_shape (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = id_string (roster_fake_service_get_main_webinar_id (f->service));
  g_autoptr(JsonNode) page = registrants (f, id, NULL, NULL, NULL, NULL);
  JsonObject *object = json_node_get_object (page);
  JsonObject *row = json_array_get_object_element (rows_of (page), 0);
  const char *page_fields[] = { "current_page", "per_page", "total", "last_page", "next_page_url", "from", "to", "data" };
  const char *row_fields[] = {
    "id", "lead_id", "schedule_id", "event_id", "first_name", "last_name", "email",
    "phone_country_code", "phone_number", "ip", "webinar", "schedule", "event", "signup_date",
    "attended_live", "date_live", "entered_live", "time_live", "purchased_live", "revenue_live",
    "attended_replay", "date_replay", "time_replay", "purchased_replay", "revenue_replay",
    "subscribed", "gdpr_status", "gdpr_communications", "gdpr_status_date", "gdpr_status_ip",
    "twilio_consented_at", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "links",
  };
  JsonObject *links = json_object_get_object_member (row, "links");
  g_autoptr(GRegex) human = g_regex_new ("^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d\\d:\\d\\d (AM|PM)$", 0, 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (page_fields); i++)
    g_assert_true (json_object_has_member (object, page_fields[i]));
  g_assert_cmpint (json_object_get_int_member (object, "current_page"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "per_page"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 2400);
  g_assert_cmpint (json_object_get_int_member (object, "last_page"), ==, 48);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (object, "next_page_url"), "/registrants?page=2"));
  g_assert_cmpuint (json_array_get_length (rows_of (page)), ==, 50);
  for (guint i = 0; i < G_N_ELEMENTS (row_fields); i++)
    g_assert_true (json_object_has_member (row, row_fields[i]));
  g_assert_nonnull (json_object_get_string_member (links, "live_room"));
  g_assert_nonnull (json_object_get_string_member (links, "replay_room"));
  g_assert_nonnull (json_object_get_string_member (links, "unsubscribe"));
  g_assert_true (g_regex_match (human, json_object_get_string_member (row, "signup_date"), 0, NULL));
  g_assert_true (g_regex_match (human, json_object_get_string_member (row, "event"), 0, NULL));
  g_assert_cmpint (json_object_get_int_member (row, "lead_id"), !=, json_object_get_int_member (row, "id"));
}

static void
test_registrants_filters (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = id_string (roster_fake_service_get_main_webinar_id (f->service));
  g_autoptr(JsonNode) all = NULL;
  gint64 total;

  /* One page holds every row, so each filter can be checked against all of them. */
  roster_fake_service_set_page_size (f->service, 5000);
  all = registrants (f, id, NULL, NULL, NULL, NULL);
  total = total_of (all);
  g_assert_cmpint (total, ==, 2400);

  {
    g_autoptr(JsonNode) bought = registrants (f, id, "purchased", "1", NULL, NULL);
    g_autoptr(JsonNode) not_bought = registrants (f, id, "purchased", "2", NULL, NULL);
    JsonArray *rows = rows_of (bought);

    g_assert_cmpint (total_of (bought), >, 0);
    g_assert_cmpint (total_of (bought), <, total);
    g_assert_cmpint (total_of (bought) + total_of (not_bought), ==, total);
    for (guint i = 0; i < json_array_get_length (rows); i++)
      {
        JsonObject *row = json_array_get_object_element (rows, i);

        g_assert_true (g_str_equal (json_object_get_string_member (row, "purchased_live"), "Yes") ||
                       g_str_equal (json_object_get_string_member (row, "purchased_replay"), "Yes"));
      }
  }
  {
    g_autoptr(JsonNode) live = registrants (f, id, "attended_live", "1", NULL, NULL);
    g_autoptr(JsonNode) no_live = registrants (f, id, "attended_live", "2", NULL, NULL);
    g_autoptr(JsonNode) left = registrants (f, id, "attended_live", "3", "attended_live_timestamp", "1800");
    g_autoptr(JsonNode) stayed = registrants (f, id, "attended_live", "4", "attended_live_timestamp", "1800");
    g_autoptr(JsonNode) stayed_forever = registrants (f, id, "attended_live", "4", "attended_live_timestamp", "999999");
    g_autoptr(JsonNode) replay = registrants (f, id, "attended_replay", "1", NULL, NULL);
    JsonArray *rows = rows_of (live);

    g_assert_cmpint (total_of (live), >, 0);
    g_assert_cmpint (total_of (live) + total_of (no_live), ==, total);
    g_assert_cmpint (total_of (left) + total_of (stayed), ==, total_of (live));
    g_assert_cmpint (total_of (left), >, 0);
    g_assert_cmpint (total_of (stayed), >, 0);
    g_assert_cmpint (total_of (stayed_forever), ==, 0);
    g_assert_cmpint (total_of (replay), >, 0);
    for (guint i = 0; i < json_array_get_length (rows); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, i), "attended_live"), ==, "Yes");
    rows = rows_of (replay);
    for (guint i = 0; i < json_array_get_length (rows); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, i), "attended_replay"), ==, "Yes");
  }
  {
    JsonObject *row = json_array_get_object_element (rows_of (all), 1234);
    const char *email = json_object_get_string_member (row, "email");
    g_autofree char *upper = g_ascii_strup (email, -1);
    g_autofree char *schedule = id_string (json_object_get_int_member (row, "schedule_id"));
    g_autoptr(JsonNode) found = registrants (f, id, "search", upper, NULL, NULL);
    g_autoptr(JsonNode) by_name = registrants (f, id, "search", json_object_get_string_member (row, "last_name"), NULL, NULL);
    g_autoptr(JsonNode) by_schedule = registrants (f, id, "schedule_id", schedule, NULL, NULL);
    JsonArray *rows = rows_of (found);
    gboolean seen = FALSE;

    g_assert_cmpint (total_of (found), >=, 1);
    g_assert_cmpint (total_of (found), <, 20);
    for (guint i = 0; i < json_array_get_length (rows); i++)
      {
        JsonObject *r = json_array_get_object_element (rows, i);

        g_assert_nonnull (strstr (json_object_get_string_member (r, "email"), email));
        seen |= json_object_get_int_member (r, "id") == json_object_get_int_member (row, "id");
      }
    g_assert_true (seen);
    g_assert_cmpint (total_of (by_name), >=, 1);
    g_assert_cmpint (total_of (by_name), <, total);
    rows = rows_of (by_schedule);
    g_assert_cmpint (total_of (by_schedule), <, total);
    for (guint i = 0; i < json_array_get_length (rows); i++)
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, i), "schedule_id"), ==,
                       json_object_get_int_member (row, "schedule_id"));
  }
  {
    /* Non-ASCII search, case-insensitive. */
    g_autoptr(JsonNode) found = registrants (f, id, "search", "ŁUKASZ", NULL, NULL);
    JsonArray *rows = rows_of (found);

    g_assert_cmpint (total_of (found), >, 0);
    for (guint i = 0; i < json_array_get_length (rows); i++)
      {
        JsonObject *r = json_array_get_object_element (rows, i);

        g_assert_true (g_str_equal (json_object_get_string_member (r, "first_name"), "Łukasz"));
      }
  }
  {
    gint64 previous = 0;

    /* "All time" holds everything; the narrower ranges nest. */
    for (guint code = 0; code <= 8; code++)
      {
        g_autofree char *value = g_strdup_printf ("%u", code);
        g_autoptr(JsonNode) page = registrants (f, id, "date_range", value, NULL, NULL);

        if (code == 0)
          g_assert_cmpint (total_of (page), ==, total);
        else
          g_assert_cmpint (total_of (page), <, total);
        if (code == 5)
          previous = total_of (page);
        if (code == 8)
          g_assert_cmpint (total_of (page), >=, previous);
      }
  }
  {
    g_autoptr(GHashTable) form = roster_fake_service_dup_last_form (f->service, "registrants");

    g_assert_cmpstr (g_hash_table_lookup (form, "date_range"), ==, "8");
    g_assert_cmpstr (g_hash_table_lookup (form, "webinar_id"), ==, id);
    g_assert_false (g_hash_table_contains (form, "api_key"));
  }
}

static void
test_registrants_paging (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = id_string (roster_fake_service_get_main_webinar_id (f->service));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  gint64 total = -1, sum = 0;
  guint pages = 0;
  g_autofree char *page_text = g_strdup ("1");

  roster_fake_service_set_page_size (f->service, 200);
  while (page_text != NULL)
    {
      JsonNode *page = registrants (f, id, "page", page_text, NULL, NULL);
      JsonObject *object = json_node_get_object (page);
      JsonArray *rows = rows_of (page);
      const char *next;

      g_ptr_array_add (keep, page);
      pages++;
      if (total < 0)
        total = json_object_get_int_member (object, "total");
      g_assert_cmpint (json_object_get_int_member (object, "total"), ==, total);
      sum += json_array_get_length (rows);
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          gint64 *row_id = g_new (gint64, 1);

          /* Every row shows up exactly once across the pages. */
          *row_id = json_object_get_int_member (json_array_get_object_element (rows, i), "id");
          g_assert_true (g_hash_table_add (seen, row_id));
        }
      next = json_object_get_string_member_with_default (object, "next_page_url", NULL);
      g_clear_pointer (&page_text, g_free);
      if (next != NULL)
        page_text = g_strdup (strstr (next, "?page=") + strlen ("?page="));
      else
        g_assert_cmpint (json_object_get_int_member (object, "current_page"), ==,
                         json_object_get_int_member (object, "last_page"));
    }
  g_assert_cmpint (sum, ==, total);
  g_assert_cmpuint (g_hash_table_size (seen), ==, total);
  g_assert_cmpuint (pages, ==, 12);

  {
    /* Past the end: an empty page, no next. */
    g_autoptr(JsonNode) page = registrants (f, id, "page", "99", NULL, NULL);

    g_assert_cmpuint (json_array_get_length (rows_of (page)), ==, 0);
    g_assert_true (json_object_get_null_member (json_node_get_object (page), "next_page_url"));
  }
  {
    /* The webinar without registrants. */
    guint n_ids;
    g_autofree gint64 *ids = roster_fake_service_dup_webinar_ids (f->service, FALSE, &n_ids);
    gboolean saw_empty = FALSE;

    for (guint i = 0; i < n_ids; i++)
      {
        g_autofree char *wid = id_string (ids[i]);
        g_autoptr(JsonNode) page = registrants (f, wid, NULL, NULL, NULL, NULL);

        g_assert_cmpint (total_of (page), ==, roster_fake_service_get_registrant_count (f->service, ids[i]));
        if (total_of (page) == 0)
          {
            saw_empty = TRUE;
            g_assert_true (json_object_get_null_member (json_node_get_object (page), "next_page_url"));
          }
      }
    g_assert_true (saw_empty);
  }
}

static void
test_unsubscribe (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = id_string (roster_fake_service_get_main_webinar_id (f->service));
  g_autoptr(JsonNode) page = registrants (f, id, NULL, NULL, NULL, NULL);
  JsonArray *rows = rows_of (page);
  JsonObject *target = NULL;
  g_autofree char *lead = NULL;
  g_autofree char *email = NULL;

  for (guint i = 0; i < json_array_get_length (rows) && target == NULL; i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (rows, i), "subscribed"), "Yes"))
      target = json_array_get_object_element (rows, i);
  g_assert_nonnull (target);
  lead = id_string (json_object_get_int_member (target, "lead_id"));
  email = g_strdup (json_object_get_string_member (target, "email"));

  {
    g_autoptr(Reply) reply = post (f, "unsubscribe", "webinar_id", id, "lead_id", lead, NULL);

    g_assert_no_error (reply->error);
    g_assert_cmpuint (reply->status, ==, 204);
    g_assert_cmpuint (g_bytes_get_size (reply->body), ==, 0);
  }
  {
    g_autoptr(JsonNode) found = registrants (f, id, "search", email, NULL, NULL);
    JsonArray *found_rows = rows_of (found);
    gboolean seen = FALSE;

    for (guint i = 0; i < json_array_get_length (found_rows); i++)
      {
        JsonObject *row = json_array_get_object_element (found_rows, i);

        if (json_object_get_int_member (row, "lead_id") == g_ascii_strtoll (lead, NULL, 10))
          {
            seen = TRUE;
            g_assert_cmpstr (json_object_get_string_member (row, "subscribed"), ==, "No");
          }
      }
    g_assert_true (seen);
  }
  {
    g_autoptr(Reply) reply = post (f, "unsubscribe", "webinar_id", id, "lead_id", "12", NULL);
    g_autoptr(Reply) reply2 = post (f, "unsubscribe", "webinar_id", id, NULL);

    assert_error (reply, 422, "lead_id");
    assert_error (reply2, 400, "lead_id");
  }
}

/* ---- rate limit, latency, faults ----------------------------------------------------------- */

static void
fire (Fixture    *f,
      guint       n,
      guint      *n_ok,
      guint      *n_429)
{
  g_autoptr(GPtrArray) replies = g_ptr_array_new_with_free_func ((GDestroyNotify) reply_free);

  *n_ok = *n_429 = 0;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (replies, post_start (f, "webinars", NULL));
  for (guint i = 0; i < n; i++)
    {
      Reply *reply = g_ptr_array_index (replies, i);

      wait_for (reply);
      g_assert_no_error (reply->error);
      if (reply->status == 200)
        (*n_ok)++;
      else if (reply->status == 429)
        {
          g_autoptr(JsonNode) root = parse (reply);

          g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "message"), ==, "Too many requests");
          (*n_429)++;
        }
    }
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  guint n_ok, n_429;

  roster_fake_service_set_rate_limit (f->service, 20);
  fire (f, 30, &n_ok, &n_429);
  g_assert_cmpuint (n_ok, ==, 20);
  g_assert_cmpuint (n_429, ==, 10);
  g_assert_cmpuint (roster_fake_service_get_n_accepted (f->service), ==, 20);
  g_assert_cmpuint (roster_fake_service_get_n_rate_limited (f->service), ==, 10);
  g_assert_cmpuint (roster_fake_service_get_n_calls (f->service, "webinars"), ==, 30);

  /* A rejected call does not enter the window: a second later it is open again. */
  sleep_loop (1100);
  fire (f, 5, &n_ok, &n_429);
  g_assert_cmpuint (n_ok, ==, 5);
  g_assert_cmpuint (n_429, ==, 0);

  /* Per key: another account has its own window. */
  sleep_loop (1100);
  roster_fake_service_add_api_key (f->service, "second-account-key");
  fire (f, 20, &n_ok, &n_429);
  g_assert_cmpuint (n_ok, ==, 20);
  {
    g_autoptr(Reply) other = post (f, "webinars", "api_key", "second-account-key", NULL);
    g_autoptr(Reply) same = post (f, "webinars", NULL);

    g_assert_cmpuint (other->status, ==, 200);
    g_assert_cmpuint (same->status, ==, 429);
  }

  roster_fake_service_set_rate_limit (f->service, 0);
  fire (f, 30, &n_ok, &n_429);
  g_assert_cmpuint (n_ok, ==, 30);
}

/* Strict mode: a burst queues at the front worker, every checked call is counted for the peak,
 * and the window still refuses the 21st. */
static void
test_strict (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) replies = g_ptr_array_new_with_free_func ((GDestroyNotify) reply_free);
  gint64 slowest = 0;
  guint n_ok = 0, n_429 = 0;

  roster_fake_service_set_rate_limit (f->service, 20);
  fire (f, 3, &n_ok, &n_429);
  g_assert_cmpuint (roster_fake_service_get_peak_per_second (f->service), ==, 0);

  sleep_loop (1100);
  roster_fake_service_reset_counters (f->service);
  roster_fake_service_set_strict (f->service, TRUE);
  for (guint i = 0; i < 25; i++)
    g_ptr_array_add (replies, post_start (f, "webinars", NULL));
  for (guint i = 0; i < replies->len; i++)
    {
      Reply *reply = g_ptr_array_index (replies, i);

      wait_for (reply);
      g_assert_no_error (reply->error);
      n_ok += reply->status == 200 ? 1 : 0;
      slowest = MAX (slowest, reply->elapsed_usec);
    }
  g_assert_cmpuint (n_ok, ==, 3 + 20);
  g_assert_cmpuint (roster_fake_service_get_n_rate_limited (f->service), ==, 5);
  g_assert_cmpuint (roster_fake_service_get_peak_per_second (f->service), ==, 25);
  /* 25 checks of 2 ms each, one after another. */
  g_assert_cmpint (slowest, >=, 50 * G_TIME_SPAN_MILLISECOND);

  roster_fake_service_reset_counters (f->service);
  g_assert_cmpuint (roster_fake_service_get_peak_per_second (f->service), ==, 0);
  roster_fake_service_set_strict (f->service, FALSE);
}

static void
test_latency (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Reply) fast = post (f, "webinars", NULL);
  g_autoptr(Reply) slow = NULL;
  g_autoptr(Reply) jittered = NULL;

  roster_fake_service_set_latency (f->service, 300, 0);
  slow = post (f, "webinars", NULL);
  g_assert_cmpuint (slow->status, ==, 200);
  g_assert_cmpint (slow->elapsed_usec, >=, 300 * 1000);
  if (!under_valgrind ())
    g_assert_cmpint (fast->elapsed_usec, <, 250 * 1000);

  roster_fake_service_set_latency (f->service, 0, 0);
  roster_fake_service_set_network_jitter (f->service, 200);
  jittered = post (f, "webinars", NULL);
  g_assert_cmpuint (jittered->status, ==, 200);
  g_assert_cmpint (jittered->elapsed_usec, <, 2 * G_USEC_PER_SEC);
}

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  gint64 main_id = roster_fake_service_get_main_webinar_id (f->service);
  g_autofree char *id = id_string (main_id);
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *schedule = id_string (json_object_get_int_member (first_schedule_of (f, id, &keep), "schedule"));

  {
    g_autoptr(Reply) reply = NULL;

    roster_fake_service_inject_fault (f->service, ROSTER_FAKE_FAULT_HTTP_500_HTML, 1);
    reply = post (f, "webinars", NULL);
    g_assert_no_error (reply->error);
    g_assert_cmpuint (reply->status, ==, 500);
    g_assert_cmpstr (reply->content_type, ==, "text/html");
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body), "<html>"));
  }
  {
    g_autoptr(Reply) reply = NULL;
    g_autoptr(Reply) after = NULL;

    roster_fake_service_inject_fault (f->service, ROSTER_FAKE_FAULT_CLOSE_BEFORE_PROCESSING, 1);
    reply = post (f, "register", "webinar_id", id, "first_name", "Before", "email", "before@example.com",
                  "schedule", schedule, NULL);
    g_assert_nonnull (reply->error);
    g_assert_cmpuint (roster_fake_service_get_n_registrations (f->service, main_id, "before@example.com"), ==, 0);
    after = post (f, "webinars", NULL);
    g_assert_cmpuint (after->status, ==, 200);
  }
  {
    g_autoptr(Reply) reply = NULL;

    roster_fake_service_inject_fault (f->service, ROSTER_FAKE_FAULT_CLOSE_AFTER_PROCESSING, 1);
    reply = post (f, "register", "webinar_id", id, "first_name", "After", "email", "after@example.com",
                  "schedule", schedule, NULL);
    g_assert_nonnull (reply->error);
    /* It landed although the client never heard. */
    g_assert_cmpuint (roster_fake_service_get_n_registrations (f->service, main_id, "after@example.com"), ==, 1);
  }
  {
    g_autoptr(Reply) reply = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;

    roster_fake_service_inject_fault (f->service, ROSTER_FAKE_FAULT_MALFORMED_JSON, 1);
    reply = post (f, "register", "webinar_id", id, "first_name", "Broken", "email", "broken@example.com",
                  "schedule", schedule, NULL);
    g_assert_no_error (reply->error);
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_false (json_parser_load_from_data (parser, g_bytes_get_data (reply->body, NULL),
                                                g_bytes_get_size (reply->body), &error));
    g_assert_nonnull (error);
    g_assert_cmpuint (roster_fake_service_get_n_registrations (f->service, main_id, "broken@example.com"), ==, 1);
  }
  {
    roster_fake_service_inject_fault (f->service, ROSTER_FAKE_FAULT_RATE_LIMIT_STORM, 3);
    for (guint i = 0; i < 4; i++)
      {
        g_autoptr(Reply) reply = post (f, "webinars", NULL);

        g_assert_cmpuint (reply->status, ==, i < 3 ? 429 : 200);
      }
  }
  {
    /* A fault for one method leaves the others alone. */
    g_autoptr(Reply) other = NULL;
    g_autoptr(Reply) hit = NULL;

    roster_fake_service_inject_fault_for_method (f->service, ROSTER_FAKE_FAULT_HTTP_500_HTML, "registrants", 1);
    other = post (f, "webinars", NULL);
    hit = post (f, "registrants", "webinar_id", id, NULL);
    g_assert_cmpuint (other->status, ==, 200);
    g_assert_cmpuint (hit->status, ==, 500);
  }
  {
    /* TIMEOUT: nothing comes back; the client's own timeout fires. */
    g_autoptr(SoupSession) impatient = g_object_new (SOUP_TYPE_SESSION, "timeout", 1, NULL);
    SoupSession *normal = f->session;
    g_autoptr(Reply) reply = NULL;

    roster_fake_service_inject_fault (f->service, ROSTER_FAKE_FAULT_TIMEOUT, 1);
    f->session = impatient;
    reply = post (f, "register", "webinar_id", id, "first_name", "Slow", "email", "slow@example.com",
                  "schedule", schedule, NULL);
    f->session = normal;
    g_assert_error (reply->error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
    g_assert_cmpuint (roster_fake_service_get_n_registrations (f->service, main_id, "slow@example.com"), ==, 0);
  }
  {
    /* …and a held call ends when the service stops. */
    g_autoptr(Reply) reply = NULL;
    guint accepted = roster_fake_service_get_n_accepted (f->service);
    gint64 start;

    roster_fake_service_inject_fault (f->service, ROSTER_FAKE_FAULT_TIMEOUT, 1);
    reply = post_start (f, "webinars", NULL);
    while (roster_fake_service_get_n_accepted (f->service) == accepted)
      g_main_context_iteration (NULL, TRUE);
    sleep_loop (100);
    g_assert_false (reply->done);
    start = g_get_monotonic_time ();
    roster_fake_service_stop (f->service);
    wait_for (reply);
    g_assert_nonnull (reply->error);
    g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  }
}

static void
count_handled (RosterFakeService *service,
               const char        *method,
               guint              status,
               gpointer           user_data)
{
  GString *log = user_data;

  g_string_append_printf (log, "%s:%u;", method, status);
}

static void
test_request_handled (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(Reply) a = NULL;
  g_autoptr(Reply) b = NULL;

  g_signal_connect (f->service, "request-handled", G_CALLBACK (count_handled), log);
  a = post (f, "webinars", NULL);
  b = post (f, "webinar", "webinar_id", "3", NULL);
  g_assert_cmpstr (log->str, ==, "webinars:200;webinar:404;");
  g_assert_cmpuint (roster_fake_service_get_n_handled (f->service), ==, 2);
  g_signal_handlers_disconnect_by_data (f->service, log);
}

/* ---- servers that misbehave on demand ---------------------------------------------------------- */

static void
test_redirect (Fixture       *f,
               gconstpointer  data)
{
  gint64 main_id = roster_fake_service_get_main_webinar_id (f->service);
  g_autofree char *id = id_string (main_id);
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *schedule = id_string (json_object_get_int_member (first_schedule_of (f, id, &keep), "schedule"));

  roster_fake_service_reset_counters (f->service);
  roster_fake_service_set_redirect (f->service, "register", 302, "http://dead.example/everwebinar/register");
  {
    g_autoptr(Reply) redirected = post (f, "register", "webinar_id", id, "first_name", "Red", "email", "red@example.com",
                                        "schedule", schedule, NULL);
    g_autoptr(Reply) other = post (f, "webinars", NULL);

    /* Answered without being processed; other methods go on as usual. */
    g_assert_no_error (redirected->error);
    g_assert_cmpuint (redirected->status, ==, 302);
    g_assert_cmpstr (redirected->location, ==, "http://dead.example/everwebinar/register");
    g_assert_cmpuint (roster_fake_service_get_n_calls (f->service, "register"), ==, 1);
    g_assert_cmpuint (roster_fake_service_get_n_registrations (f->service, main_id, "red@example.com"), ==, 0);
    g_assert_cmpuint (other->status, ==, 200);
  }

  roster_fake_service_set_redirect (f->service, NULL, 307, "https://elsewhere.example/");
  {
    g_autoptr(Reply) webinars = post (f, "webinars", NULL);
    g_autoptr(Reply) page = post (f, "registrants", "webinar_id", id, NULL);

    g_assert_cmpuint (webinars->status, ==, 307);
    g_assert_cmpuint (page->status, ==, 307);
    g_assert_cmpstr (page->location, ==, "https://elsewhere.example/");
  }

  roster_fake_service_set_redirect (f->service, NULL, 0, NULL);
  {
    g_autoptr(Reply) reply = post (f, "webinars", NULL);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_null (reply->location);
  }
}

static void
test_search_lag (Fixture       *f,
                 gconstpointer  data)
{
  gint64 main_id = roster_fake_service_get_main_webinar_id (f->service);
  g_autofree char *id = id_string (main_id);
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *schedule = id_string (json_object_get_int_member (first_schedule_of (f, id, &keep), "schedule"));
  g_autoptr(JsonNode) before = registrants (f, id, NULL, NULL, NULL, NULL);
  g_autoptr(Reply) reply = NULL;

  roster_fake_service_set_search_lag (f->service, 1000);
  reply = post (f, "register", "webinar_id", id, "first_name", "Lag", "email", "lag@example.com",
                "schedule", schedule, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (f->service, main_id, "lag@example.com"), ==, 1);

  {
    /* Not yet, with or without a filter… */
    g_autoptr(JsonNode) searched = registrants (f, id, "search", "lag@example.com", NULL, NULL);
    g_autoptr(JsonNode) all = registrants (f, id, NULL, NULL, NULL, NULL);

    g_assert_cmpint (total_of (searched), ==, 0);
    g_assert_cmpint (total_of (all), ==, total_of (before));
  }

  sleep_loop (1100);
  {
    /* …but once the lag is over. */
    g_autoptr(JsonNode) searched = registrants (f, id, "search", "lag@example.com", NULL, NULL);
    g_autoptr(JsonNode) all = registrants (f, id, NULL, NULL, NULL, NULL);

    g_assert_cmpint (total_of (searched), ==, 1);
    g_assert_cmpint (total_of (all), ==, total_of (before) + 1);
  }
}

static void
test_paging_modes (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = id_string (roster_fake_service_get_main_webinar_id (f->service));

  roster_fake_service_set_paging (f->service, ROSTER_FAKE_PAGING_ENDLESS);
  {
    /* Far past the real rows, and with a search that matches nobody: still data and a next page. */
    g_autoptr(JsonNode) page = registrants (f, id, "page", "1000", NULL, NULL);
    g_autoptr(JsonNode) nobody = registrants (f, id, "search", "nobody-at-all", "page", "3");
    JsonObject *object = json_node_get_object (page);

    g_assert_cmpint (json_object_get_int_member (object, "current_page"), ==, 1000);
    g_assert_cmpint (json_object_get_int_member (object, "last_page"), ==, 1001);
    g_assert_cmpuint (json_array_get_length (rows_of (page)), >, 0);
    g_assert_nonnull (strstr (json_object_get_string_member (object, "next_page_url"), "?page=1001"));
    g_assert_cmpuint (json_array_get_length (rows_of (nobody)), >, 0);
    g_assert_false (json_object_get_null_member (json_node_get_object (nobody), "next_page_url"));
  }

  roster_fake_service_set_paging (f->service, ROSTER_FAKE_PAGING_STUCK);
  {
    g_autoptr(JsonNode) page = registrants (f, id, "page", "5", NULL, NULL);
    g_autoptr(JsonNode) first = registrants (f, id, "page", "1", NULL, NULL);
    JsonObject *object = json_node_get_object (page);

    g_assert_cmpint (json_object_get_int_member (object, "current_page"), ==, 1);
    g_assert_nonnull (strstr (json_object_get_string_member (object, "next_page_url"), "?page=2"));
    /* Page 5 is page 1 again. */
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows_of (page), 0), "id"), ==,
                     json_object_get_int_member (json_array_get_object_element (rows_of (first), 0), "id"));
  }

  roster_fake_service_set_paging (f->service, ROSTER_FAKE_PAGING_NORMAL);
  {
    g_autoptr(JsonNode) page = registrants (f, id, "page", "1000", NULL, NULL);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (page), "current_page"), ==, 1000);
    g_assert_cmpuint (json_array_get_length (rows_of (page)), ==, 0);
    g_assert_true (json_object_get_null_member (json_node_get_object (page), "next_page_url"));
  }
}

static void
test_slow_body (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Reply) normal = post (f, "webinars", "api_key", "wrong-key", NULL);
  gsize size = g_bytes_get_size (normal->body);

  roster_fake_service_set_slow_body (f->service, 100);
  {
    g_autoptr(Reply) slow = post_start (f, "webinars", "api_key", "wrong-key", NULL);
    g_autoptr(Reply) meanwhile = post_start (f, "webinars", "api_key", "wrong-key", NULL);
    g_autoptr(JsonNode) root = NULL;
    gint64 expected = (gint64) (size - 1) * G_USEC_PER_SEC / 100;

    wait_for (slow);
    wait_for (meanwhile);
    g_assert_cmpuint (slow->status, ==, 401);
    g_assert_true (g_bytes_equal (slow->body, normal->body));
    g_assert_true (g_bytes_equal (meanwhile->body, normal->body));
    root = parse (slow);
    /* About 100 bytes a second, and both answers at once: the dribble does not block the
     * server's context. */
    g_test_message ("%" G_GSIZE_FORMAT " bytes in %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT " ms",
                    size, slow->elapsed_usec / 1000, meanwhile->elapsed_usec / 1000);
    g_assert_cmpint (slow->elapsed_usec, >=, expected - 50000);
    if (!under_valgrind ())
      g_assert_cmpint (meanwhile->elapsed_usec, <, expected * 3 / 2);
  }

  roster_fake_service_set_slow_body (f->service, 1);
  {
    /* A service stopped mid-dribble drops the answer (libsoup may take the cut as the end of
     * the body) and frees what it held. */
    g_autoptr(Reply) slow = post_start (f, "webinars", NULL);

    sleep_loop (1500);
    g_assert_false (slow->done);
    roster_fake_service_stop (f->service);
    wait_for (slow);
    g_assert_true (slow->error != NULL || g_bytes_get_size (slow->body) < 3);
  }
}

static void
test_huge_body (Fixture       *f,
                gconstpointer  data)
{
  gint64 main_id = roster_fake_service_get_main_webinar_id (f->service);
  g_autofree char *id = id_string (main_id);
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *schedule = id_string (json_object_get_int_member (first_schedule_of (f, id, &keep), "schedule"));
  guint64 size = 5 * 1024 * 1024 + 7;
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) root = NULL;

  roster_fake_service_set_huge_body (f->service, size);
  reply = post (f, "register", "webinar_id", id, "first_name", "Huge", "email", "huge@example.com",
                "schedule", schedule, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (reply->body), ==, size);
  root = parse (reply);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "status"), ==, "success");
  /* The call itself was processed. */
  g_assert_cmpuint (roster_fake_service_get_n_registrations (f->service, main_id, "huge@example.com"), ==, 1);

  roster_fake_service_set_huge_body (f->service, 0);
  g_clear_pointer (&reply, reply_free);
  reply = post (f, "webinars", NULL);
  g_clear_pointer (&root, json_node_unref);
  root = success_payload (reply, "webinars");
}

/* A service that vanishes refuses connections, and comes back on its port with its data. */
static void
test_vanish (Fixture       *f,
             gconstpointer  data)
{
  gint64 main_id = roster_fake_service_get_main_webinar_id (f->service);
  g_autofree char *id = id_string (main_id);
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *schedule = id_string (json_object_get_int_member (first_schedule_of (f, id, &keep), "schedule"));
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  guint port = roster_fake_service_get_port (f->service);
  g_autoptr(Reply) registered = NULL;
  g_autoptr(Reply) refused = NULL;
  g_autoptr(Reply) back = NULL;
  g_autoptr(JsonNode) page = NULL;

  registered = post (f, "register", "webinar_id", id, "first_name", "Still", "email", "still@example.com",
                     "schedule", schedule, NULL);
  g_assert_cmpuint (registered->status, ==, 200);

  roster_fake_service_stop (f->service);
  g_assert_false (roster_fake_service_is_running (f->service));
  connection = g_socket_client_connect_to_host (socket_client, "127.0.0.1", port, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (connection);
  g_clear_error (&error);
  refused = post (f, "webinars", NULL);
  g_assert_error (refused->error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);

  g_assert_true (roster_fake_service_start_on_port (f->service, port, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (roster_fake_service_get_port (f->service), ==, port);
  back = post (f, "webinars", NULL);
  g_assert_cmpuint (back->status, ==, 200);
  page = registrants (f, id, "search", "still@example.com", NULL, NULL);
  g_assert_cmpint (total_of (page), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (f->service, main_id, "still@example.com"), ==, 1);
}

/* ---- scale and determinism ------------------------------------------------------------------- */

static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  gint64 main_id = roster_fake_service_get_main_webinar_id (f->service);
  g_autofree char *id = id_string (main_id);
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  g_assert_true (roster_fake_service_set_registrant_count (f->service, main_id, 100000));
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("generated 100,000 registrants in %" G_GINT64_FORMAT " ms", elapsed / 1000);
  if (!under_valgrind ())
    g_assert_cmpint (elapsed, <, G_USEC_PER_SEC);

  {
    g_autoptr(Reply) first = post (f, "registrants", "webinar_id", id, NULL);
    g_autoptr(JsonNode) page = success_payload (first, "registrants");
    g_autofree char *last_text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  json_object_get_int_member (json_node_get_object (page), "last_page"));
    g_autoptr(Reply) last = post (f, "registrants", "webinar_id", id, "page", last_text, NULL);
    g_autoptr(JsonNode) last_page = success_payload (last, "registrants");
    g_autoptr(Reply) searched = post (f, "registrants", "webinar_id", id, "search", "zoë", "purchased", "1", NULL);
    g_autoptr(JsonNode) search_page = success_payload (searched, "registrants");

    g_assert_cmpint (total_of (page), ==, 100000);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (page), "last_page"), ==, 2000);
    g_assert_cmpuint (json_array_get_length (rows_of (last_page)), ==, 50);
    g_assert_true (json_object_get_null_member (json_node_get_object (last_page), "next_page_url"));
    g_assert_cmpint (total_of (search_page), >, 0);
    g_test_message ("page 1 %" G_GINT64_FORMAT " ms, last page %" G_GINT64_FORMAT " ms, filtered %" G_GINT64_FORMAT " ms",
                    first->elapsed_usec / 1000, last->elapsed_usec / 1000, searched->elapsed_usec / 1000);
    if (!under_valgrind ())
      {
        g_assert_cmpint (first->elapsed_usec, <, 300 * 1000);
        g_assert_cmpint (last->elapsed_usec, <, 300 * 1000);
        g_assert_cmpint (searched->elapsed_usec, <, 500 * 1000);
      }
  }
}

static char *
body_string (Reply *reply)
{
  g_assert_cmpuint (reply->status, ==, 200);
  return g_strndup (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body));
}

/* The URLs carry each service's port. */
static char *
strip_port (char              *body,
            RosterFakeService *service)
{
  g_autofree char *port = g_strdup_printf (":%u", roster_fake_service_get_port (service));
  g_auto(GStrv) parts = g_strsplit (body, port, -1);

  g_free (body);
  return g_strjoinv (":PORT", parts);
}

static void
test_determinism (Fixture       *f,
                  gconstpointer  data)
{
  Fixture other = { 0, };
  Fixture third = { 0, };
  gint64 now = 1767225600; /* 2026-01-01 00:00 UTC */
  Fixture *fixtures[] = { f, &other, &third };
  char *bodies[3][3];
  g_autoptr(GError) error = NULL;

  other.service = roster_fake_service_new (42);
  third.service = roster_fake_service_new (43);
  for (guint i = 1; i < 3; i++)
    {
      g_assert_true (roster_fake_service_start (fixtures[i]->service, &error));
      fixtures[i]->session = g_object_ref (f->session);
      fixtures[i]->endpoint = roster_fake_service_dup_endpoint (fixtures[i]->service, FALSE);
      fixtures[i]->wj_endpoint = roster_fake_service_dup_endpoint (fixtures[i]->service, TRUE);
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = NULL;
      g_autoptr(Reply) list = NULL;
      g_autoptr(Reply) detail = NULL;
      g_autoptr(Reply) page = NULL;

      roster_fake_service_set_now (fixtures[i]->service, now);
      id = id_string (roster_fake_service_get_main_webinar_id (fixtures[i]->service));
      list = post (fixtures[i], "webinars", NULL);
      detail = post (fixtures[i], "webinar", "webinar_id", id, NULL);
      page = post (fixtures[i], "registrants", "webinar_id", id, "page", "7", NULL);
      bodies[i][0] = body_string (list);
      bodies[i][1] = body_string (detail);
      /* The URLs carry each service's port. */
      bodies[i][2] = strip_port (body_string (page), fixtures[i]->service);
      bodies[i][1] = strip_port (bodies[i][1], fixtures[i]->service);
    }
  for (guint k = 0; k < 3; k++)
    {
      g_assert_cmpstr (bodies[0][k], ==, bodies[1][k]);
      g_assert_cmpstr (bodies[0][k], !=, bodies[2][k]);
    }
  for (guint i = 0; i < 3; i++)
    for (guint k = 0; k < 3; k++)
      g_free (bodies[i][k]);
  for (guint i = 1; i < 3; i++)
    fixture_tear_down (fixtures[i]);
}

/* ---- threaded mode ---------------------------------------------------------------------------- */

static void
test_thread (void)
{
  g_autoptr(RosterFakeService) service = roster_fake_service_new (7);
  g_autoptr(GError) error = NULL;
  Fixture f = { 0, };
  guint n_ok, n_429;

  g_assert_true (roster_fake_service_start_in_thread (service, &error));
  g_assert_no_error (error);
  f.service = service;
  f.session = g_object_new (SOUP_TYPE_SESSION, "max-conns", 64, "max-conns-per-host", 64, NULL);
  f.endpoint = roster_fake_service_dup_endpoint (service, FALSE);

  roster_fake_service_set_latency (service, 20, 10);
  fire (&f, 25, &n_ok, &n_429);
  g_assert_cmpuint (n_ok, ==, 20);
  g_assert_cmpuint (n_429, ==, 5);
  g_assert_cmpuint (roster_fake_service_get_n_handled (service), ==, 25);

  /* A held call must not keep stop() waiting. */
  roster_fake_service_inject_fault (service, ROSTER_FAKE_FAULT_TIMEOUT, 1);
  sleep_loop (1100);
  {
    g_autoptr(Reply) reply = post_start (&f, "webinars", NULL);

    /* The server runs in its own thread: poll. */
    while (roster_fake_service_get_n_accepted (service) < 21)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
    roster_fake_service_stop (service);
    wait_for (reply);
    g_assert_nonnull (reply->error);
  }
  g_assert_false (roster_fake_service_is_running (service));
  g_clear_object (&f.session);
  g_free (f.endpoint);
}

/* roster-fake-server as scripts run it: standard output says where to connect and nothing
 * else, even with every debug message on. */
static void
test_server_stdout (void)
{
  g_autoptr(GSubprocessLauncher) launcher = roster_test_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  const char *server = g_getenv ("ROSTER_FAKE_SERVER");
  RosterTestRun run = { 0 };
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint port;

  g_assert_nonnull (server);
  /* A port free a moment ago: the server must be told one to be reached before it says it. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  port_text = g_strdup_printf ("%u", port);

  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, server, "--port", port_text,
                                         "--latency", "0", "--jitter", "0", "--network-jitter", "0",
                                         NULL);
  g_assert_no_error (error);

  /* One call, so that the server has something to say in debug. */
  url = g_strdup_printf ("http://127.0.0.1:%u/everwebinar/webinars", port);
  for (;;)
    {
      g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GBytes) request = g_bytes_new_static ("api_key=" ROSTER_FAKE_DEMO_KEY,
                                                      strlen ("api_key=" ROSTER_FAKE_DEMO_KEY));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", request);
      body = soup_session_send_and_read (session, msg, NULL, NULL);
      if (body != NULL && soup_message_get_status (msg) == SOUP_STATUS_OK)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (50000);
    }

  g_subprocess_send_signal (process, SIGTERM);
  roster_test_run_wait (process, &run);
  g_assert_cmpint (run.status, ==, 0);
  expected = g_strdup_printf ("URL: http://127.0.0.1:%u/everwebinar\n"
                              "WebinarJam URL: http://127.0.0.1:%u/webinarjam\n"
                              "API key: " ROSTER_FAKE_DEMO_KEY "\n", port, port);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_nonnull (strstr (run.err, "roster-fake-DEBUG"));
  roster_test_run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  FIXTURE_TEST ("/fake/service/webinars", test_webinars);
  FIXTURE_TEST ("/fake/service/webinar", test_webinar);
  FIXTURE_TEST ("/fake/service/webinar/paid-and-webinarjam", test_webinar_paid_and_webinarjam);
  FIXTURE_TEST ("/fake/service/webinar/timezone", test_webinar_timezone);
  FIXTURE_TEST ("/fake/service/errors", test_errors);
  FIXTURE_TEST ("/fake/service/register", test_register);
  FIXTURE_TEST ("/fake/service/register/attendee-zone", test_attendee_zone_webinar);
  FIXTURE_TEST ("/fake/service/registrants/shape", test_registrants_shape);
  FIXTURE_TEST ("/fake/service/registrants/filters", test_registrants_filters);
  FIXTURE_TEST ("/fake/service/registrants/paging", test_registrants_paging);
  FIXTURE_TEST ("/fake/service/unsubscribe", test_unsubscribe);
  FIXTURE_TEST ("/fake/service/rate-limit", test_rate_limit);
  FIXTURE_TEST ("/fake/service/strict", test_strict);
  FIXTURE_TEST ("/fake/service/latency", test_latency);
  FIXTURE_TEST ("/fake/service/faults", test_faults);
  FIXTURE_TEST ("/fake/service/request-handled", test_request_handled);
  FIXTURE_TEST ("/fake/service/redirect", test_redirect);
  FIXTURE_TEST ("/fake/service/search-lag", test_search_lag);
  FIXTURE_TEST ("/fake/service/paging-modes", test_paging_modes);
  FIXTURE_TEST ("/fake/service/slow-body", test_slow_body);
  FIXTURE_TEST ("/fake/service/huge-body", test_huge_body);
  FIXTURE_TEST ("/fake/service/vanish", test_vanish);
  FIXTURE_TEST ("/fake/service/large", test_large);
  FIXTURE_TEST ("/fake/service/determinism", test_determinism);
  g_test_add_func ("/fake/service/thread", test_thread);
  g_test_add_func ("/fake/server/stdout", test_server_stdout);

  return g_test_run ();
}
