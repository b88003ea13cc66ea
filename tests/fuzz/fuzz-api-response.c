/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "roster-api-response.h"
#include "roster-error.h"
#include "roster-json-private.h"
#include "roster-presenter.h"
#include "roster-registrant.h"
#include "roster-registrant-page.h"
#include "roster-registration.h"
#include "roster-schedule.h"
#include "roster-webinar.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
log_fatal (const char     *domain,
           GLogLevelFlags  level,
           const char     *message,
           gpointer        user_data)
{
  /* Any warning or critical from parsing hostile input is a bug. */
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_printerr ("%s: %s\n", domain ? domain : "", message);
      abort ();
    }
}

static void
check_error (GError *error)
{
  if (error == NULL || error->domain != ROSTER_API_ERROR ||
      !g_utf8_validate (error->message, -1, NULL) || error->message[0] == '\0')
    abort ();
}

static void
exercise_registrant (RosterRegistrant *r)
{
  const char * const *fields = roster_registrant_get_fields (r);
  gsize total = 0;

  for (guint i = 0; fields[i] != NULL; i++)
    total += strlen (fields[i]);
  (void) total;

  if (roster_registrant_get_display_name (r) == NULL)
    abort ();
  roster_registrant_set_subscribed (r, ROSTER_FLAG_NO);
}

/* Runs every model constructor on @node; each either succeeds or fails with a protocol error. */
static void
run_constructors (JsonNode *node)
{
  GError *error = NULL;
  GPtrArray *list;
  gpointer object;

  if ((list = roster_webinar_list_new_from_json (node, &error)))
    g_ptr_array_unref (list);
  else
    check_error (error);
  g_clear_error (&error);

  if ((object = roster_webinar_new_from_json (node, &error)))
    {
      roster_webinar_get_schedules (object);
      g_object_unref (object);
    }
  else
    check_error (error);
  g_clear_error (&error);

  if ((object = roster_schedule_new_from_json (node, &error)))
    g_object_unref (object);
  else
    check_error (error);
  g_clear_error (&error);

  if ((object = roster_presenter_new_from_json (node, &error)))
    g_object_unref (object);
  else
    check_error (error);
  g_clear_error (&error);

  if ((object = roster_registrant_new_from_json (node, &error)))
    {
      exercise_registrant (object);
      g_object_unref (object);
    }
  else
    check_error (error);
  g_clear_error (&error);

  if ((object = roster_registration_new_from_json (node, &error)))
    g_object_unref (object);
  else
    check_error (error);
  g_clear_error (&error);

  if ((object = roster_registrant_page_new_from_json (node, &error)))
    {
      GListModel *items = roster_registrant_page_get_items (object);
      guint n = g_list_model_get_n_items (items);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RosterRegistrant) r = g_list_model_get_item (items, i);
          exercise_registrant (r);
        }
      roster_registrant_page_has_more (object);
      g_object_unref (object);
    }
  else
    check_error (error);
  g_clear_error (&error);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const guint statuses[] = { 200, 204, 400, 401, 404, 422, 429, 500, 502, 301, 0, 201 };
  static const char * const keys[] = { "webinars", "webinar", "user", "registrants", NULL };
  static const char * const content_types[] = { "application/json", "text/html", NULL, "text/plain" };
  static gboolean initialised;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;
  guint status = 200;
  const char *key = "webinars";
  const char *content_type = "application/json";

  if (!initialised)
    {
      g_log_set_default_handler (log_fatal, NULL);
      g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
      initialised = TRUE;
    }

  /* Three header bytes choose the status, payload key and content type; the rest is the body. */
  if (size >= 3)
    {
      status = statuses[data[0] % G_N_ELEMENTS (statuses)];
      key = keys[data[1] % G_N_ELEMENTS (keys)];
      content_type = content_types[data[2] % G_N_ELEMENTS (content_types)];
      data += 3;
      size -= 3;
    }

  body = g_bytes_new (data, size);

  if (roster_api_response_parse (status, content_type, body, key, &payload, &error))
    {
      if (payload != NULL)
        run_constructors (payload);
    }
  else
    check_error (error);
  g_clear_error (&error);

  /* The models again, on the whole document and on each of its members. */
  if (roster_json_parse ((const char *) data, size, &root, NULL))
    {
      run_constructors (root);

      if (JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonObject *object = json_node_get_object (root);
          g_autoptr(GList) members = json_object_get_members (object);

          for (const GList *l = members; l != NULL; l = l->next)
            run_constructors (json_object_get_member (object, l->data));
        }
    }

  /* The text parsers on the raw bytes. */
  text = g_strndup ((const char *) data, size);
  roster_json_parse_date (text);
  roster_json_parse_duration (text);
  roster_schedule_kind_from_comment (text);

  return 0;
}
