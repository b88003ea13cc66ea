/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registration"

#include "config.h"

#include "roster-json-private.h"
#include "roster-registration.h"

enum {
  S_WEBINAR_HASH,
  S_FIRST_NAME,
  S_LAST_NAME,
  S_PHONE_COUNTRY_CODE,
  S_PHONE,
  S_EMAIL,
  S_PASSWORD,
  S_DATE,
  S_TIMEZONE,
  S_LIVE_ROOM_URL,
  S_REPLAY_ROOM_URL,
  S_THANK_YOU_URL,
  S_SCHEDULE_TEXT,
  N_STRINGS
};

#define N_PLAIN_STRINGS S_SCHEDULE_TEXT

/* The register call has already acted when this is parsed, so every string member takes a
 * number too: refusing the answer over a type quibble would lose the person's links. */
static const struct { const char *property, *member; } string_fields[N_STRINGS] = {
  [S_WEBINAR_HASH] = { "webinar-hash", "webinar_hash" },
  [S_FIRST_NAME] = { "first-name", "first_name" },
  [S_LAST_NAME] = { "last-name", "last_name" },
  [S_PHONE_COUNTRY_CODE] = { "phone-country-code", "phone_country_code" },
  [S_PHONE] = { "phone", "phone" },
  [S_EMAIL] = { "email", "email" },
  [S_PASSWORD] = { "password", "password" },
  [S_DATE] = { "date", "date" },
  [S_TIMEZONE] = { "timezone", "timezone" },
  [S_LIVE_ROOM_URL] = { "live-room-url", "live_room_url" },
  [S_REPLAY_ROOM_URL] = { "replay-room-url", "replay_room_url" },
  [S_THANK_YOU_URL] = { "thank-you-url", "thank_you_url" },
  [S_SCHEDULE_TEXT] = { "schedule-text", "schedule" },
};

struct _RosterRegistration
{
  GObject parent_instance;

  gint64 webinar_id;
  gint64 user_id;
  gint64 schedule;
  char *strings[N_STRINGS];
};

G_DEFINE_FINAL_TYPE (RosterRegistration, roster_registration, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WEBINAR_ID,
  PROP_USER_ID,
  PROP_SCHEDULE,
  PROP_FIRST_STRING,
  N_PROPS = PROP_FIRST_STRING + N_STRINGS
};

static GParamSpec *properties[N_PROPS];

static void
roster_registration_finalize (GObject *object)
{
  RosterRegistration *self = (RosterRegistration *) object;

  for (guint i = 0; i < N_STRINGS; i++)
    g_clear_pointer (&self->strings[i], g_free);

  G_OBJECT_CLASS (roster_registration_parent_class)->finalize (object);
}

static void
roster_registration_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RosterRegistration *self = ROSTER_REGISTRATION (object);

  switch (prop_id)
    {
    case PROP_WEBINAR_ID:
      g_value_set_int64 (value, self->webinar_id);
      break;
    case PROP_USER_ID:
      g_value_set_int64 (value, self->user_id);
      break;
    case PROP_SCHEDULE:
      g_value_set_int64 (value, self->schedule);
      break;
    default:
      if (prop_id >= PROP_FIRST_STRING && prop_id < N_PROPS)
        g_value_set_string (value, self->strings[prop_id - PROP_FIRST_STRING]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_registration_class_init (RosterRegistrationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = roster_registration_finalize;
  object_class->get_property = roster_registration_get_property;

  properties[PROP_WEBINAR_ID] =
    g_param_spec_int64 ("webinar-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_USER_ID] =
    g_param_spec_int64 ("user-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SCHEDULE] =
    g_param_spec_int64 ("schedule", NULL, NULL, 0, G_MAXINT64, 0, flags);

  for (guint i = 0; i < N_STRINGS; i++)
    properties[PROP_FIRST_STRING + i] =
      g_param_spec_string (string_fields[i].property, NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_registration_init (RosterRegistration *self)
{
}

/* The `user` payload of `register`.  IDs default to 0 when absent; `schedule` may be an
 * integer or a string (kept as text; the ID is 0 when the text is not a number). */
RosterRegistration *
roster_registration_new_from_json (JsonNode  *node,
                                   GError   **error)
{
  g_autoptr(RosterRegistration) self = NULL;
  const RosterJsonFlags flags = ROSTER_JSON_EMPTY_IS_NULL | ROSTER_JSON_NUMBER_AS_TEXT;
  JsonObject *object;
  JsonNode *schedule;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(object = roster_json_node_get_object (node, "user", error)))
    return NULL;

  self = g_object_new (ROSTER_TYPE_REGISTRATION, NULL);

  if (!roster_json_get_id (object, "webinar_id", ROSTER_JSON_OPTIONAL, &self->webinar_id, error) ||
      !roster_json_get_id (object, "user_id", ROSTER_JSON_OPTIONAL, &self->user_id, error) ||
      !roster_json_get_string (object, "schedule", flags, &self->strings[S_SCHEDULE_TEXT], error))
    return NULL;

  for (guint i = 0; i < N_PLAIN_STRINGS; i++)
    if (!roster_json_get_string (object, string_fields[i].member, flags, &self->strings[i], error))
      return NULL;

  schedule = json_object_get_member (object, "schedule");
  if (schedule != NULL && (!roster_json_node_to_int64 (schedule, &self->schedule) ||
                           self->schedule < 0))
    self->schedule = 0;

  return g_steal_pointer (&self);
}

gint64
roster_registration_get_webinar_id (RosterRegistration *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRATION (self), 0);
  return self->webinar_id;
}

/* The person's own ID; 0 if the server did not send it. */
gint64
roster_registration_get_user_id (RosterRegistration *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRATION (self), 0);
  return self->user_id;
}

gint64
roster_registration_get_schedule (RosterRegistration *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRATION (self), 0);
  return self->schedule;
}

#define STRING_GETTER(func, index)                                \
  const char *                                                    \
  roster_registration_get_##func (RosterRegistration *self)       \
  {                                                               \
    g_return_val_if_fail (ROSTER_IS_REGISTRATION (self), NULL);   \
    return self->strings[index];                                  \
  }

STRING_GETTER (webinar_hash, S_WEBINAR_HASH)
STRING_GETTER (first_name, S_FIRST_NAME)
STRING_GETTER (last_name, S_LAST_NAME)
STRING_GETTER (phone_country_code, S_PHONE_COUNTRY_CODE)
STRING_GETTER (phone, S_PHONE)
STRING_GETTER (email, S_EMAIL)
/* May be NULL: the server sends null when the webinar has no passwords. */
STRING_GETTER (password, S_PASSWORD)
STRING_GETTER (schedule_text, S_SCHEDULE_TEXT)
STRING_GETTER (date, S_DATE)
STRING_GETTER (timezone, S_TIMEZONE)
/* The person's own links, unique to them: an import keeps them. */
STRING_GETTER (live_room_url, S_LIVE_ROOM_URL)
STRING_GETTER (replay_room_url, S_REPLAY_ROOM_URL)
STRING_GETTER (thank_you_url, S_THANK_YOU_URL)

#undef STRING_GETTER
