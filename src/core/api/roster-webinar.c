/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-webinar"

#include "config.h"

#include "roster-json-private.h"
#include "roster-presenter.h"
#include "roster-schedule.h"
#include "roster-webinar.h"

struct _RosterWebinar
{
  GObject parent_instance;

  gint64 id;
  double registration_fee;
  GListStore *schedules;
  GListStore *presenters;

  /* Indexed by the string fields table below. */
  char *strings[13];
};

G_DEFINE_FINAL_TYPE (RosterWebinar, roster_webinar, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REGISTRATION_FEE,
  PROP_SCHEDULES,
  PROP_PRESENTERS,
  PROP_FIRST_STRING,
  N_PROPS = PROP_FIRST_STRING + 13
};

enum {
  S_HASH,
  S_NAME,
  S_TITLE,
  S_DESCRIPTION,
  S_TIMEZONE,
  S_WEBINAR_TYPE,
  S_REGISTRATION_URL,
  S_REGISTRATION_TYPE,
  S_REGISTRATION_CURRENCY,
  S_REGISTRATION_CHECKOUT_URL,
  S_REGISTRATION_POST_PAYMENT_URL,
  S_LIVE_ROOM_URL,
  S_REPLAY_ROOM_URL,
  N_STRINGS
};

G_STATIC_ASSERT (N_STRINGS == G_N_ELEMENTS (((RosterWebinar *) NULL)->strings));

/* Property name, then the API's member name. */
static const struct {
  const char *property;
  const char *member;
} string_fields[N_STRINGS] = {
  [S_HASH] = { "hash", "webinar_hash" },
  [S_NAME] = { "name", "name" },
  [S_TITLE] = { "title", "title" },
  [S_DESCRIPTION] = { "description", "description" },
  [S_TIMEZONE] = { "timezone", "timezone" },
  [S_WEBINAR_TYPE] = { "webinar-type", "type" },
  [S_REGISTRATION_URL] = { "registration-url", "registration_url" },
  [S_REGISTRATION_TYPE] = { "registration-type", "registration_type" },
  [S_REGISTRATION_CURRENCY] = { "registration-currency", "registration_currency" },
  [S_REGISTRATION_CHECKOUT_URL] = { "registration-checkout-url", "registration_checkout_url" },
  [S_REGISTRATION_POST_PAYMENT_URL] = { "registration-post-payment-url", "registration_post_payment_url" },
  [S_LIVE_ROOM_URL] = { "live-room-url", "direct_live_room_url" },
  [S_REPLAY_ROOM_URL] = { "replay-room-url", "direct_replay_room_url" },
};

static GParamSpec *properties[N_PROPS];

static void
roster_webinar_finalize (GObject *object)
{
  RosterWebinar *self = (RosterWebinar *) object;

  for (guint i = 0; i < N_STRINGS; i++)
    g_clear_pointer (&self->strings[i], g_free);
  g_clear_object (&self->schedules);
  g_clear_object (&self->presenters);

  G_OBJECT_CLASS (roster_webinar_parent_class)->finalize (object);
}

static void
roster_webinar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RosterWebinar *self = ROSTER_WEBINAR (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_REGISTRATION_FEE:
      g_value_set_double (value, self->registration_fee);
      break;
    case PROP_SCHEDULES:
      g_value_set_object (value, self->schedules);
      break;
    case PROP_PRESENTERS:
      g_value_set_object (value, self->presenters);
      break;
    default:
      if (prop_id >= PROP_FIRST_STRING && prop_id < N_PROPS)
        g_value_set_string (value, self->strings[prop_id - PROP_FIRST_STRING]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_webinar_class_init (RosterWebinarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = roster_webinar_finalize;
  object_class->get_property = roster_webinar_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REGISTRATION_FEE] =
    g_param_spec_double ("registration-fee", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_SCHEDULES] =
    g_param_spec_object ("schedules", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_PRESENTERS] =
    g_param_spec_object ("presenters", NULL, NULL, G_TYPE_LIST_MODEL, flags);

  for (guint i = 0; i < N_STRINGS; i++)
    properties[PROP_FIRST_STRING + i] =
      g_param_spec_string (string_fields[i].property, NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_webinar_init (RosterWebinar *self)
{
  self->schedules = g_list_store_new (ROSTER_TYPE_SCHEDULE);
  self->presenters = g_list_store_new (ROSTER_TYPE_PRESENTER);
}

typedef gpointer (*ItemFromJson) (JsonNode *node, GError **error);

/* Absent or null is an empty list; anything but an array is a protocol error. */
static gboolean
fill_list (JsonObject    *object,
           const char    *member,
           GListStore    *store,
           ItemFromJson   item_from_json,
           GError       **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      roster_json_set_type_error (error, member);
      return FALSE;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = item_from_json (json_array_get_element (array, i), error);

      if (item == NULL)
        return FALSE;

      g_list_store_append (store, item);
    }

  return TRUE;
}

/* An item of `webinars` (schedules as strings) or the `webinar` payload (schedules as
 * objects, presenters, registration and room details). Only webinar_id is required. */
RosterWebinar *
roster_webinar_new_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(RosterWebinar) self = NULL;
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(object = roster_json_node_get_object (node, "webinar", error)))
    return NULL;

  self = g_object_new (ROSTER_TYPE_WEBINAR, NULL);

  if (!roster_json_get_id (object, "webinar_id", ROSTER_JSON_REQUIRED, &self->id, error))
    return NULL;

  for (guint i = 0; i < N_STRINGS; i++)
    {
      if (!roster_json_get_string (object, string_fields[i].member, ROSTER_JSON_EMPTY_IS_NULL,
                                   &self->strings[i], error))
        return NULL;
    }

  if (!roster_json_get_double (object, "registration_fee", ROSTER_JSON_OPTIONAL,
                               &self->registration_fee, error) ||
      !fill_list (object, "schedules", self->schedules,
                  (ItemFromJson) roster_schedule_new_from_json, error) ||
      !fill_list (object, "presenters", self->presenters,
                  (ItemFromJson) roster_presenter_new_from_json, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* The `webinars` payload: an array of webinars.  Returns a GPtrArray of RosterWebinar that
 * owns its items. */
GPtrArray *
roster_webinar_list_new_from_json (JsonNode  *webinars_array,
                                   GError   **error)
{
  g_autoptr(GPtrArray) webinars = NULL;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (webinars_array == NULL || !JSON_NODE_HOLDS_ARRAY (webinars_array))
    {
      roster_json_set_type_error (error, "webinars");
      return NULL;
    }

  array = json_node_get_array (webinars_array);
  n = json_array_get_length (array);
  webinars = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      RosterWebinar *webinar = roster_webinar_new_from_json (json_array_get_element (array, i),
                                                             error);
      if (webinar == NULL)
        return NULL;

      g_ptr_array_add (webinars, webinar);
    }

  return g_steal_pointer (&webinars);
}

gint64
roster_webinar_get_id (RosterWebinar *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR (self), 0);
  return self->id;
}

#define STRING_GETTER(func, index)                          \
  const char *                                              \
  roster_webinar_get_##func (RosterWebinar *self)           \
  {                                                         \
    g_return_val_if_fail (ROSTER_IS_WEBINAR (self), NULL);  \
    return self->strings[index];                            \
  }

STRING_GETTER (hash, S_HASH)
STRING_GETTER (name, S_NAME)
STRING_GETTER (title, S_TITLE)
STRING_GETTER (description, S_DESCRIPTION)
STRING_GETTER (timezone, S_TIMEZONE)
/* WebinarJam only: "Series of presentations", "Single presentation", ...; else NULL. */
STRING_GETTER (webinar_type, S_WEBINAR_TYPE)
STRING_GETTER (registration_url, S_REGISTRATION_URL)
STRING_GETTER (registration_type, S_REGISTRATION_TYPE)
STRING_GETTER (registration_currency, S_REGISTRATION_CURRENCY)
STRING_GETTER (registration_checkout_url, S_REGISTRATION_CHECKOUT_URL)
STRING_GETTER (registration_post_payment_url, S_REGISTRATION_POST_PAYMENT_URL)
STRING_GETTER (live_room_url, S_LIVE_ROOM_URL)
STRING_GETTER (replay_room_url, S_REPLAY_ROOM_URL)

#undef STRING_GETTER

/* A list of RosterSchedule; from `webinars` they carry only a comment and id 0. */
GListModel *
roster_webinar_get_schedules (RosterWebinar *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR (self), NULL);
  return G_LIST_MODEL (self->schedules);
}

GListModel *
roster_webinar_get_presenters (RosterWebinar *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR (self), NULL);
  return G_LIST_MODEL (self->presenters);
}

double
roster_webinar_get_registration_fee (RosterWebinar *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR (self), 0);
  return self->registration_fee;
}
