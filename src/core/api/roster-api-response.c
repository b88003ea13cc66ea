/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-api-response"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "roster-api-response.h"
#include "roster-error.h"
#include "roster-json-private.h"

/* Long enough for any real message, short enough for a dialog. */
#define MAX_MESSAGE_CHARS 400

/* Server text goes into a dialog: one line, no control characters, bounded. */
static void
append_message (GString    *messages,
                const char *text)
{
  g_autofree char *clean = NULL;
  const char *p;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return;

  clean = g_strdup (text);
  for (char *q = clean; *q != '\0'; q++)
    if ((guchar) *q < 0x20 || *q == 0x7f)
      *q = ' ';
  g_strstrip (clean);

  if (clean[0] == '\0' || g_utf8_strlen (messages->str, -1) >= MAX_MESSAGE_CHARS)
    return;

  if (messages->len > 0)
    g_string_append (messages, "; ");

  p = clean;
  if (g_utf8_strlen (clean, -1) > MAX_MESSAGE_CHARS)
    {
      g_string_append_len (messages, p, g_utf8_offset_to_pointer (p, MAX_MESSAGE_CHARS) - p);
      g_string_append (messages, "…");
    }
  else
    g_string_append (messages, p);
}

static void
append_value_messages (GString  *messages,
                       JsonNode *node)
{
  if (node == NULL)
    return;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    append_message (messages, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING)
            append_message (messages, json_node_get_string (element));
        }
    }
}

/* Collects the server's own words from {"errors": {field: "..." | ["...", ...]}}, "errors"
 * as a bare string or array, "message" and "error", in the order the server sent them. */
static char *
collect_messages (JsonObject *root,
                  gboolean   *names_webinar_id)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  JsonNode *errors = json_object_get_member (root, "errors");

  *names_webinar_id = FALSE;

  if (errors != NULL && JSON_NODE_HOLDS_OBJECT (errors))
    {
      JsonObject *object = json_node_get_object (errors);
      g_autoptr(GList) members = json_object_get_members (object);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          if (g_strcmp0 (l->data, "webinar_id") == 0)
            *names_webinar_id = TRUE;
          append_value_messages (messages, json_object_get_member (object, l->data));
        }
    }
  else
    append_value_messages (messages, errors);

  if (messages->len == 0)
    append_value_messages (messages, json_object_get_member (root, "message"));
  if (messages->len == 0)
    append_value_messages (messages, json_object_get_member (root, "error"));

  if (messages->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&messages), FALSE);
}

static gboolean
member_is_string (JsonObject *object,
                  const char *member,
                  const char *value)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING &&
         g_ascii_strcasecmp (json_node_get_string (node), value) == 0;
}

static gboolean
looks_like_html (const char *content_type,
                 const char *data,
                 gsize       length)
{
  gsize i = 0;

  if (content_type != NULL &&
      (g_ascii_strncasecmp (content_type, "text/html", 9) == 0 ||
       g_ascii_strncasecmp (content_type, "application/xhtml", 17) == 0))
    return TRUE;

  while (i < length && g_ascii_isspace (data[i]))
    i++;

  return i < length && data[i] == '<';
}

/* A short plain-text body ("Unauthorized", "Too many requests") is the server's message;
 * anything long, binary or multi-line is not worth showing. */
static char *
plain_text_message (const char *data,
                    gsize       length)
{
  g_autofree char *text = NULL;

  if (length == 0 || length > 200 || memchr (data, '\0', length) != NULL ||
      !g_utf8_validate_len (data, length, NULL))
    return NULL;

  text = g_strstrip (g_strndup (data, length));
  if (text[0] == '\0' || strchr (text, '\n') != NULL || strchr (text, '<') != NULL)
    return NULL;

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      return NULL;

  return g_steal_pointer (&text);
}

static void
set_error (GError         **error,
           RosterApiError   code,
           guint            http_status,
           const char      *server_message)
{
  const char *fallback = NULL;

  if (server_message != NULL)
    {
      g_set_error_literal (error, ROSTER_API_ERROR, code, server_message);
      return;
    }

  switch (code)
    {
    case ROSTER_API_ERROR_AUTHENTICATION:
      fallback = _("The server rejected the API key");
      break;
    case ROSTER_API_ERROR_VALIDATION:
      fallback = _("The server refused a value in the request");
      break;
    case ROSTER_API_ERROR_NOT_FOUND:
      fallback = _("The server has no such webinar");
      break;
    case ROSTER_API_ERROR_RATE_LIMITED:
      fallback = _("Too many requests: the server’s rate limit was reached");
      break;
    case ROSTER_API_ERROR_SERVER:
    case ROSTER_API_ERROR_NETWORK:
    case ROSTER_API_ERROR_TLS:
    case ROSTER_API_ERROR_PROTOCOL:
    case ROSTER_API_ERROR_OUTCOME_UNKNOWN:
    default:
      /* Translators: %u is an HTTP status code such as 500. */
      g_set_error (error, ROSTER_API_ERROR, code,
                   _("The server had a problem (HTTP %u)"), http_status);
      return;
    }

  g_set_error_literal (error, ROSTER_API_ERROR, code, fallback);
}

/* The error code for a failed call, from the HTTP status first and the body second. */
static RosterApiError
code_for_status (guint    http_status,
                 gboolean names_webinar_id)
{
  if (http_status == 401 || http_status == 403)
    return ROSTER_API_ERROR_AUTHENTICATION;
  if (http_status == 429)
    return ROSTER_API_ERROR_RATE_LIMITED;
  if (http_status >= 500)
    return ROSTER_API_ERROR_SERVER;
  if (http_status == 404 || names_webinar_id)
    return ROSTER_API_ERROR_NOT_FOUND;
  if (http_status == 400 || http_status == 422)
    return ROSTER_API_ERROR_VALIDATION;
  if (http_status >= 200 && http_status < 300)
    return ROSTER_API_ERROR_VALIDATION;

  return ROSTER_API_ERROR_SERVER;
}

static gboolean
payload_has_expected_type (const char *payload_key,
                           JsonNode   *node)
{
  /* The documented payloads; an unknown key only has to be a container. */
  if (g_strcmp0 (payload_key, "webinars") == 0)
    return JSON_NODE_HOLDS_ARRAY (node);
  if (g_strcmp0 (payload_key, "webinar") == 0 || g_strcmp0 (payload_key, "user") == 0)
    return JSON_NODE_HOLDS_OBJECT (node);
  if (g_strcmp0 (payload_key, "registrants") == 0)
    return JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node);

  return JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node);
}

/**
 * roster_api_response_parse:
 * @http_status: the HTTP status code
 * @content_type: (nullable): the Content-Type header
 * @body: (nullable): the body; NULL reads as empty
 * @payload_key: (nullable): the member that holds the payload ("webinars", "webinar", "user",
 *   "registrants"), or NULL for a call that answers with no payload (unsubscribe)
 * @payload: (out) (optional) (transfer full): the payload member, NULL for 204
 * @error: a #ROSTER_API_ERROR carrying the server's own message where it gave one
 *
 * Maps an answer of the API to its payload or an error, tolerant of every envelope the API
 * page lists.  Messages never quote the body beyond the server's own error texts.
 */
gboolean
roster_api_response_parse (guint         http_status,
                           const char   *content_type,
                           GBytes       *body,
                           const char   *payload_key,
                           JsonNode    **payload,
                           GError      **error)
{
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *messages = NULL;
  gboolean names_webinar_id = FALSE;
  gboolean success_status = http_status >= 200 && http_status < 300;
  const char *data = NULL;
  gsize length = 0;
  JsonObject *root = NULL;
  JsonNode *member;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (payload != NULL)
    *payload = NULL;

  if (body != NULL)
    data = g_bytes_get_data (body, &length);
  if (data == NULL)
    {
      data = "";
      length = 0;
    }

  /* unsubscribe: 204 and no body. */
  if (http_status == 204)
    return TRUE;

  if (length > 0 && roster_json_parse (data, length, &root_node, &parse_error) &&
      JSON_NODE_HOLDS_OBJECT (root_node))
    root = json_node_get_object (root_node);

  if (root == NULL)
    {
      g_autofree char *text = NULL;

      if (looks_like_html (content_type, data, length))
        {
          RosterApiError code = success_status ? ROSTER_API_ERROR_SERVER
                                               : code_for_status (http_status, FALSE);

          if (code == ROSTER_API_ERROR_SERVER)
            {
              /* Translators: %u is an HTTP status code such as 502. */
              g_set_error (error, ROSTER_API_ERROR, code,
                           _("The server answered with an error page (HTTP %u)"), http_status);
              return FALSE;
            }

          set_error (error, code, http_status, NULL);
          return FALSE;
        }

      text = plain_text_message (data, length);

      if (text != NULL && g_ascii_strcasecmp (text, "Unauthorized") == 0)
        {
          set_error (error, ROSTER_API_ERROR_AUTHENTICATION, http_status, NULL);
          return FALSE;
        }

      if (success_status)
        {
          /* JSON, but not an object, or nested absurdly deep: the shape is wrong. */
          if (root_node != NULL)
            {
              g_set_error_literal (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL,
                                   _("The server’s answer has an unexpected shape"));
              return FALSE;
            }
          if (parse_error != NULL &&
              g_error_matches (parse_error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL))
            {
              g_propagate_error (error, g_steal_pointer (&parse_error));
              return FALSE;
            }

          if (length == 0 && payload_key == NULL)
            return TRUE;

          if (length == 0)
            g_set_error_literal (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER,
                                 _("The server sent an empty answer"));
          else
            g_set_error_literal (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER,
                                 _("The server’s answer could not be read"));
          return FALSE;
        }

      set_error (error, code_for_status (http_status, FALSE), http_status, text);
      return FALSE;
    }

  messages = collect_messages (root, &names_webinar_id);

  if (!success_status)
    {
      set_error (error, code_for_status (http_status, names_webinar_id), http_status, messages);
      return FALSE;
    }

  member = json_object_get_member (root, "status");
  if (member != NULL && !(JSON_NODE_HOLDS_VALUE (member) &&
                          json_node_get_value_type (member) == G_TYPE_STRING))
    {
      roster_json_set_type_error (error, "status");
      return FALSE;
    }

  /* A 200 that says it failed. */
  if (member_is_string (root, "status", "error") ||
      (!member_is_string (root, "status", "success") && messages != NULL &&
       (payload_key == NULL || json_object_get_member (root, payload_key) == NULL)))
    {
      RosterApiError code = ROSTER_API_ERROR_VALIDATION;
      JsonNode *errors = json_object_get_member (root, "errors");

      if (names_webinar_id)
        code = ROSTER_API_ERROR_NOT_FOUND;
      else if (errors != NULL && JSON_NODE_HOLDS_OBJECT (errors) &&
               json_object_has_member (json_node_get_object (errors), "api_key"))
        code = ROSTER_API_ERROR_AUTHENTICATION;
      else if (messages != NULL && g_ascii_strcasecmp (messages, "Unauthorized") == 0)
        code = ROSTER_API_ERROR_AUTHENTICATION;

      set_error (error, code, http_status, messages);
      return FALSE;
    }

  if (payload_key == NULL)
    return TRUE;

  member = json_object_get_member (root, payload_key);
  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    {
      roster_json_set_missing_error (error, payload_key);
      return FALSE;
    }

  if (!payload_has_expected_type (payload_key, member))
    {
      roster_json_set_type_error (error, payload_key);
      return FALSE;
    }

  if (payload != NULL)
    *payload = json_node_copy (member);

  return TRUE;
}
