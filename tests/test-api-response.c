/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "roster-api-response.h"
#include "roster-error.h"

static JsonNode *
parse_ok (guint       status,
          const char *content_type,
          const char *body,
          gssize      length,
          const char *payload_key)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *payload = NULL;
  gboolean ok;

  if (body != NULL)
    bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);

  ok = roster_api_response_parse (status, content_type, bytes, payload_key, &payload, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  return payload;
}

static GError *
parse_error (guint       status,
             const char *content_type,
             const char *body,
             gssize      length,
             const char *payload_key)
{
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  JsonNode *payload = (JsonNode *) 0x1;
  gboolean ok;

  if (body != NULL)
    bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);

  ok = roster_api_response_parse (status, content_type, bytes, payload_key, &payload, &error);
  g_assert_false (ok);
  g_assert_null (payload);
  g_assert_nonnull (error);
  g_assert_true (error->domain == ROSTER_API_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpstr (error->message, !=, "");

  return error;
}

#define assert_error(status, ctype, body, key, code, expected)                    \
  G_STMT_START {                                                                  \
    g_autoptr(GError) _e = parse_error (status, ctype, body, -1, key);            \
    g_assert_error (_e, ROSTER_API_ERROR, code);                                  \
    if ((expected) != NULL)                                                       \
      g_assert_cmpstr (_e->message, ==, (expected));                              \
  } G_STMT_END

static const char webinars_example[] =
  "{\"status\": \"success\", \"webinars\": [{\"webinar_id\": 12, \"webinar_hash\": \"a1b2\","
  " \"name\": \"growth-mc\", \"title\": \"Growth Masterclass\", \"description\": \"\","
  " \"schedules\": [\"Instant replay\", \"Every day, 01:00 PM\"],"
  " \"timezone\": \"America/Los_Angeles\"}]}";

static void
test_success_payload (void)
{
  g_autoptr(JsonNode) payload = parse_ok (200, "application/json", webinars_example, -1, "webinars");
  g_autoptr(JsonNode) webinar = NULL;
  g_autoptr(JsonNode) user = NULL;

  g_assert_nonnull (payload);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (payload));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (payload)), ==, 1);
  /* The payload is detached from the envelope it came from. */
  g_assert_null (json_node_get_parent (payload));

  webinar = parse_ok (200, NULL, "{\"status\":\"success\",\"webinar\":{\"webinar_id\":1}}", -1,
                      "webinar");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (webinar));

  /* No "status" at all, but a payload: accepted. */
  user = parse_ok (200, NULL, "{\"user\":{\"user_id\":7}}", -1, "user");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (user));
}

static void
test_success_no_content (void)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  JsonNode *payload = (JsonNode *) 0x1;
  g_autoptr(GError) error = NULL;

  /* unsubscribe: 204, no body */
  g_assert_true (roster_api_response_parse (204, NULL, NULL, NULL, &payload, &error));
  g_assert_no_error (error);
  g_assert_null (payload);

  payload = (JsonNode *) 0x1;
  g_assert_true (roster_api_response_parse (204, NULL, empty, NULL, &payload, &error));
  g_assert_no_error (error);
  g_assert_null (payload);

  /* A 200 with an empty body or a bare success envelope when no payload is expected. */
  g_assert_true (roster_api_response_parse (200, NULL, empty, NULL, NULL, &error));
  g_assert_no_error (error);
  payload = parse_ok (200, NULL, "{\"status\":\"success\"}", -1, NULL);
  g_assert_null (payload);
}

static void
test_error_documented (void)
{
  /* The two envelopes quoted on the API page. */
  assert_error (400, "application/json",
                "{\"status\": \"error\", \"errors\": {\"api_key\": [\"The api key field is required.\"]}}",
                "webinars", ROSTER_API_ERROR_VALIDATION, "The api key field is required.");
  assert_error (401, "application/json",
                "{\"status\": \"error\", \"errors\": {\"api_key\": \"You must specify a valid API key\"}}",
                "webinars", ROSTER_API_ERROR_AUTHENTICATION, "You must specify a valid API key");
}

static void
test_error_status_table (void)
{
  assert_error (404, "application/json", "{\"status\":\"error\",\"errors\":{\"x\":\"Not here\"}}",
                "webinar", ROSTER_API_ERROR_NOT_FOUND, "Not here");
  assert_error (404, NULL, NULL, "webinar", ROSTER_API_ERROR_NOT_FOUND, NULL);
  assert_error (422, "application/json",
                "{\"status\":\"error\",\"errors\":{\"email\":\"The email must be a valid email address.\"}}",
                "user", ROSTER_API_ERROR_VALIDATION, "The email must be a valid email address.");
  /* An error naming webinar_id means no such webinar, whatever the status. */
  assert_error (422, "application/json",
                "{\"status\":\"error\",\"errors\":{\"webinar_id\":[\"The selected webinar id is invalid.\"]}}",
                "webinar", ROSTER_API_ERROR_NOT_FOUND, "The selected webinar id is invalid.");
  assert_error (400, NULL,
                "{\"status\":\"error\",\"errors\":{\"webinar_id\":\"Unknown webinar\"}}",
                "webinar", ROSTER_API_ERROR_NOT_FOUND, "Unknown webinar");
  assert_error (429, "text/plain", "Too many requests", "webinars",
                ROSTER_API_ERROR_RATE_LIMITED, "Too many requests");
  assert_error (429, NULL, "", "webinars", ROSTER_API_ERROR_RATE_LIMITED, NULL);
  assert_error (500, "application/json", "{\"status\":\"error\",\"message\":\"Database is down\"}",
                "webinars", ROSTER_API_ERROR_SERVER, "Database is down");
  assert_error (503, NULL, "", "webinars", ROSTER_API_ERROR_SERVER,
                "The server had a problem (HTTP 503)");
  assert_error (301, NULL, "", "webinars", ROSTER_API_ERROR_SERVER, NULL);
  assert_error (100, NULL, "", "webinars", ROSTER_API_ERROR_SERVER, NULL);
  assert_error (0, NULL, NULL, "webinars", ROSTER_API_ERROR_SERVER, NULL);
}

static void
test_error_joined (void)
{
  /* Several fields and several messages per field, in the order the server sent them. */
  assert_error (422, "application/json",
                "{\"status\":\"error\",\"errors\":{"
                "\"schedule\":[\"The selected schedule is invalid.\",\"The schedule must be a number.\"],"
                "\"email\":\"The email must be a valid email address.\","
                "\"date\":[\"The date does not match any session.\"]}}",
                "user", ROSTER_API_ERROR_VALIDATION,
                "The selected schedule is invalid.; The schedule must be a number.; "
                "The email must be a valid email address.; The date does not match any session.");

  /* errors as a bare string or a bare array; junk inside is skipped */
  assert_error (400, NULL, "{\"status\":\"error\",\"errors\":\"Something is missing\"}",
                "user", ROSTER_API_ERROR_VALIDATION, "Something is missing");
  assert_error (400, NULL, "{\"status\":\"error\",\"errors\":[\"One\", 2, null, \"Two\"]}",
                "user", ROSTER_API_ERROR_VALIDATION, "One; Two");
  assert_error (400, NULL,
                "{\"status\":\"error\",\"errors\":{\"a\":5,\"b\":{\"c\":\"x\"},\"d\":[1,\"ok\"],\"e\":null}}",
                "user", ROSTER_API_ERROR_VALIDATION, "ok");
  /* No usable text at all: a readable fallback. */
  assert_error (400, NULL, "{\"status\":\"error\",\"errors\":{}}", "user",
                ROSTER_API_ERROR_VALIDATION, "The server refused a value in the request");
  assert_error (401, NULL, "{\"status\":\"error\"}", "user",
                ROSTER_API_ERROR_AUTHENTICATION, "The server rejected the API key");
}

static void
test_error_old_shapes (void)
{
  assert_error (400, "application/json", "{\"status\": \"error\", \"message\": \"Invalid email\"}",
                "user", ROSTER_API_ERROR_VALIDATION, "Invalid email");
  assert_error (200, "application/json", "{\"status\": \"error\", \"message\": \"Invalid email\"}",
                "user", ROSTER_API_ERROR_VALIDATION, "Invalid email");
  assert_error (401, "text/plain", "Unauthorized", "webinars",
                ROSTER_API_ERROR_AUTHENTICATION, "The server rejected the API key");
  assert_error (401, NULL, "Unauthorized\n", "webinars",
                ROSTER_API_ERROR_AUTHENTICATION, NULL);
  /* Even with a 200, a plain "Unauthorized" is what it says. */
  assert_error (200, "text/plain", "Unauthorized", "webinars",
                ROSTER_API_ERROR_AUTHENTICATION, NULL);
  assert_error (200, NULL, "{\"status\":\"error\",\"message\":\"Unauthorized\"}", "webinars",
                ROSTER_API_ERROR_AUTHENTICATION, "Unauthorized");
  assert_error (200, NULL, "{\"error\":\"Key revoked\"}", "webinars",
                ROSTER_API_ERROR_VALIDATION, "Key revoked");
}

static void
test_error_status_200 (void)
{
  assert_error (200, "application/json",
                "{\"status\":\"error\",\"errors\":{\"webinar_id\":\"Webinar not found\"}}",
                "webinar", ROSTER_API_ERROR_NOT_FOUND, "Webinar not found");
  assert_error (200, "application/json",
                "{\"status\":\"error\",\"errors\":{\"api_key\":\"You must specify a valid API key\"}}",
                "webinars", ROSTER_API_ERROR_AUTHENTICATION, "You must specify a valid API key");
  assert_error (200, "application/json",
                "{\"status\":\"error\",\"errors\":{\"email\":[\"Bad email\"]}}",
                "user", ROSTER_API_ERROR_VALIDATION, "Bad email");
  /* "status":"error" wins even if a payload member is there too. */
  assert_error (200, NULL, "{\"status\":\"ERROR\",\"user\":{},\"errors\":\"No\"}",
                "user", ROSTER_API_ERROR_VALIDATION, "No");
}

static void
test_error_html (void)
{
  static const char page[] =
    "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
    "<body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>\n";

  assert_error (502, "text/html", page, "webinars", ROSTER_API_ERROR_SERVER,
                "The server answered with an error page (HTTP 502)");
  assert_error (502, NULL, page, "webinars", ROSTER_API_ERROR_SERVER,
                "The server answered with an error page (HTTP 502)");
  assert_error (200, "text/html; charset=UTF-8", page, "webinars", ROSTER_API_ERROR_SERVER,
                "The server answered with an error page (HTTP 200)");
  /* HTML on a status with its own meaning keeps that meaning, not the page text. */
  assert_error (401, "text/html", page, "webinars", ROSTER_API_ERROR_AUTHENTICATION,
                "The server rejected the API key");
  assert_error (404, "text/html", page, "webinars", ROSTER_API_ERROR_NOT_FOUND, NULL);
  /* A JSON body with an HTML content type is still read as JSON. */
  {
    g_autoptr(JsonNode) payload = parse_ok (200, "text/html", webinars_example, -1, "webinars");
    g_assert_true (JSON_NODE_HOLDS_ARRAY (payload));
  }
}

static void
test_protocol (void)
{
  g_autoptr(GError) error = NULL;

  error = parse_error (200, NULL, "{\"status\":\"success\"}", -1, "webinars");
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "webinars"));
  g_clear_error (&error);

  error = parse_error (200, NULL, "{\"status\":\"success\",\"webinars\":null}", -1, "webinars");
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL);
  g_clear_error (&error);

  error = parse_error (200, NULL, "{\"status\":\"success\",\"webinars\":5}", -1, "webinars");
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "webinars"));
  g_clear_error (&error);

  assert_error (200, NULL, "{\"status\":\"success\",\"webinars\":{}}", "webinars",
                ROSTER_API_ERROR_PROTOCOL, NULL);
  assert_error (200, NULL, "{\"status\":\"success\",\"webinar\":[]}", "webinar",
                ROSTER_API_ERROR_PROTOCOL, NULL);
  assert_error (200, NULL, "{\"status\":\"success\",\"user\":\"x\"}", "user",
                ROSTER_API_ERROR_PROTOCOL, NULL);
  assert_error (200, NULL, "{\"status\":\"success\",\"registrants\":true}", "registrants",
                ROSTER_API_ERROR_PROTOCOL, NULL);
  assert_error (200, NULL, "[1,2,3]", "webinars", ROSTER_API_ERROR_PROTOCOL, NULL);
  assert_error (200, NULL, "\"success\"", "webinars", ROSTER_API_ERROR_PROTOCOL, NULL);
  assert_error (200, NULL, "null", "webinars", ROSTER_API_ERROR_PROTOCOL, NULL);
  assert_error (200, NULL, "{\"status\":5,\"webinars\":[]}", "webinars", ROSTER_API_ERROR_PROTOCOL,
                NULL) ;
}

static void
test_hostile_bodies (void)
{
  static const char nul_body[] = "{\"status\":\"success\",\"webinars\":[]}\0garbage";
  static const char nul_inside[] = "{\"status\":\"succ\0ess\",\"webinars\":[]}";
  g_autoptr(GString) deep = g_string_new ("{\"status\":\"success\",\"webinars\":");
  g_autoptr(GError) error = NULL;

  assert_error (200, "application/json", "hello {", "webinars", ROSTER_API_ERROR_SERVER,
                "The server’s answer could not be read");
  assert_error (200, "application/json", "{\"status\":\"success\",\"webinars\":[", "webinars",
                ROSTER_API_ERROR_SERVER, NULL);
  assert_error (200, "application/json", "", "webinars", ROSTER_API_ERROR_SERVER,
                "The server sent an empty answer");
  assert_error (200, "application/json", NULL, "webinars", ROSTER_API_ERROR_SERVER, NULL);
  assert_error (200, NULL, "   \n ", "webinars", ROSTER_API_ERROR_SERVER, NULL);
  assert_error (200, NULL, "\xff\xfe{\"status\":\"success\"}", "webinars",
                ROSTER_API_ERROR_SERVER, NULL);
  assert_error (200, NULL, "{\"status\":\"success\",\"webinars\":[\"\xc3\x28\"]}", "webinars",
                ROSTER_API_ERROR_SERVER, NULL);

  error = parse_error (200, NULL, nul_body, sizeof nul_body - 1, "webinars");
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER);
  g_clear_error (&error);
  error = parse_error (200, NULL, nul_inside, sizeof nul_inside - 1, "webinars");
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER);
  g_clear_error (&error);
  /* A binary error body must not be quoted back. */
  error = parse_error (400, NULL, "\x01\x02\x03", -1, "webinars");
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_VALIDATION);
  g_assert_null (strchr (error->message, '\x01'));
  g_clear_error (&error);

  /* 10000 levels: json-glib recurses without limit, so this must be refused before it. */
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  error = parse_error (200, NULL, deep->str, deep->len, "webinars");
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL);
  g_clear_error (&error);
  error = parse_error (500, NULL, deep->str, deep->len, "webinars");
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER);
  g_clear_error (&error);

  /* Brackets inside strings do not count as nesting. */
  {
    g_autoptr(GString) quoted = g_string_new ("{\"status\":\"success\",\"webinars\":[\"");

    g_autoptr(JsonNode) payload = NULL;

    for (guint i = 0; i < 10000; i++)
      g_string_append (quoted, "[{");
    g_string_append (quoted, "\\\"\"]}");

    payload = parse_ok (200, NULL, quoted->str, quoted->len, "webinars");
    g_assert_true (JSON_NODE_HOLDS_ARRAY (payload));
  }

  /* Huge numbers parse; the models refuse them where an integer is needed. */
  {
    g_autoptr(JsonNode) payload =
      parse_ok (200, NULL,
                "{\"status\":\"success\",\"webinars\":[99999999999999999999, 1e400, -1e400,"
                " -99999999999999999999, 9223372036854775807]}", -1, "webinars");
    JsonArray *array = json_node_get_array (payload);

    g_assert_cmpuint (json_array_get_length (array), ==, 5);
    /* Never silently wrapped into a small integer. */
    g_assert_cmpint (json_node_get_value_type (json_array_get_element (array, 0)), ==, G_TYPE_DOUBLE);
    g_assert_cmpint (json_node_get_value_type (json_array_get_element (array, 3)), ==, G_TYPE_DOUBLE);
    g_assert_cmpint (json_node_get_int (json_array_get_element (array, 4)), ==, G_MAXINT64);
  }
}

static void
test_message_sanitised (void)
{
  g_autoptr(GString) body = g_string_new ("{\"status\":\"error\",\"message\":\"");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append (body, "é");
  g_string_append (body, "\"}");

  error = parse_error (422, NULL, body->str, body->len, "user");
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_VALIDATION);
  g_assert_cmpint (g_utf8_strlen (error->message, -1), <=, 401);
  g_clear_error (&error);

  assert_error (422, NULL, "{\"status\":\"error\",\"message\":\"Line one\\nline\\ttwo\\u0000\"}",
                "user", ROSTER_API_ERROR_VALIDATION, "Line one line two");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/api-response/success/payload", test_success_payload);
  g_test_add_func ("/api-response/success/no-content", test_success_no_content);
  g_test_add_func ("/api-response/error/documented", test_error_documented);
  g_test_add_func ("/api-response/error/status-table", test_error_status_table);
  g_test_add_func ("/api-response/error/joined", test_error_joined);
  g_test_add_func ("/api-response/error/old-shapes", test_error_old_shapes);
  g_test_add_func ("/api-response/error/status-200", test_error_status_200);
  g_test_add_func ("/api-response/error/html", test_error_html);
  g_test_add_func ("/api-response/protocol/payload", test_protocol);
  g_test_add_func ("/api-response/hostile/bodies", test_hostile_bodies);
  g_test_add_func ("/api-response/hostile/message", test_message_sanitised);

  return g_test_run ();
}
