/* SPDX-License-Identifier: GPL-3.0-or-later */

/* JSON answers of the fake service: the envelopes and builder shorthands every handler uses. */

#define G_LOG_DOMAIN "roster-fake"

#include "config.h"

#include "roster-fake-service-private.h"

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return node_to_string (root);
}

/* A page of @webinar on the fake's own address: "live", "register"…; with @token, the page of
 * one person. */
char *
fake_link (RosterFakeService *self,
           const char        *page,
           FakeWebinar       *webinar,
           const char        *token)
{
  if (token != NULL)
    return g_strdup_printf ("%s/%s/%s/%s", self->base_url, page, webinar->hash, token);
  return g_strdup_printf ("%s/%s/%s", self->base_url, page, webinar->hash);
}

/* Errors in the envelope real traffic shows: each field maps to an array of messages. */
void
fake_add_error (JsonObject *errors,
                const char *field,
                const char *message)
{
  JsonArray *array;

  if (!json_object_has_member (errors, field))
    json_object_set_array_member (errors, field, json_array_new ());
  array = json_object_get_array_member (errors, field);
  json_array_add_string_element (array, message);
}

void
fake_add_required_error (JsonObject *errors,
                         const char *field)
{
  g_autofree char *label = g_strdelimit (g_strdup (field), "_", ' ');
  g_autofree char *message = g_strdup_printf ("The %s field is required.", label);

  fake_add_error (errors, field, message);
}

char *
fake_errors_body (JsonObject *errors)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "status", "error");
  json_object_set_object_member (object, "errors", json_object_ref (errors));
  json_node_take_object (root, object);
  return node_to_string (root);
}

char *
fake_message_body (const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "error");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  return builder_to_string (builder);
}

void
fake_builder_add_string_or_null (JsonBuilder *builder,
                                 const char  *member,
                                 const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
fake_builder_take_string_or_null (JsonBuilder *builder,
                                  const char  *member,
                                  char        *value)
{
  fake_builder_add_string_or_null (builder, member, value);
  g_free (value);
}

void
fake_builder_add_string (JsonBuilder *builder,
                         const char  *member,
                         const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value ? value : "");
}

void
fake_builder_add_int (JsonBuilder *builder,
                      const char  *member,
                      gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

void
fake_builder_begin_success (JsonBuilder *builder,
                            const char  *payload_key)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "success");
  json_builder_set_member_name (builder, payload_key);
}

/* Closes what fake_builder_begin_success() opened and answers with it. */
guint
fake_builder_end_success (JsonBuilder  *builder,
                          char        **body)
{
  json_builder_end_object (builder);
  *body = builder_to_string (builder);
  return SOUP_STATUS_OK;
}
