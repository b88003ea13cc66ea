/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrant"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "roster-json-private.h"
#include "roster-clock.h"
#include "roster-registrant.h"

/* The fields are kept in small tables so that properties, parsing and getters stay in step. */

enum { I_ID, I_LEAD_ID, I_SCHEDULE_ID, I_EVENT_ID, N_IDS };

static const struct { const char *property, *member; } id_fields[N_IDS] = {
  [I_ID] = { "id", "id" },
  [I_LEAD_ID] = { "lead-id", "lead_id" },
  [I_SCHEDULE_ID] = { "schedule-id", "schedule_id" },
  [I_EVENT_ID] = { "event-id", "event_id" },
};

enum {
  S_FIRST_NAME,
  S_LAST_NAME,
  S_EMAIL,
  S_PHONE_COUNTRY_CODE,
  S_IP,
  S_WEBINAR,
  S_ENTERED_LIVE,
  S_GDPR_STATUS,
  S_GDPR_COMMUNICATIONS,
  S_GDPR_STATUS_IP,
  S_UTM_SOURCE,
  S_UTM_MEDIUM,
  S_UTM_CAMPAIGN,
  S_UTM_TERM,
  S_UTM_CONTENT,
  /* Read specially, not straight from a member of the same name: */
  S_PHONE,
  S_LIVE_ROOM_URL,
  S_REPLAY_ROOM_URL,
  S_UNSUBSCRIBE_URL,
  S_DISPLAY_NAME,
  N_STRINGS
};

#define N_PLAIN_STRINGS S_PHONE

static const struct {
  const char *property, *member;
  RosterJsonFlags flags;
} string_fields[N_STRINGS] = {
  [S_FIRST_NAME] = { "first-name", "first_name", ROSTER_JSON_OPTIONAL },
  [S_LAST_NAME] = { "last-name", "last_name", ROSTER_JSON_OPTIONAL },
  [S_EMAIL] = { "email", "email", ROSTER_JSON_OPTIONAL },
  [S_PHONE_COUNTRY_CODE] = { "phone-country-code", "phone_country_code",
                             ROSTER_JSON_EMPTY_IS_NULL | ROSTER_JSON_NUMBER_AS_TEXT },
  [S_IP] = { "ip", "ip", ROSTER_JSON_EMPTY_IS_NULL },
  [S_WEBINAR] = { "webinar", "webinar", ROSTER_JSON_OPTIONAL },
  [S_ENTERED_LIVE] = { "entered-live", "entered_live", ROSTER_JSON_EMPTY_IS_NULL },
  [S_GDPR_STATUS] = { "gdpr-status", "gdpr_status", ROSTER_JSON_EMPTY_IS_NULL },
  [S_GDPR_COMMUNICATIONS] = { "gdpr-communications", "gdpr_communications", ROSTER_JSON_EMPTY_IS_NULL },
  [S_GDPR_STATUS_IP] = { "gdpr-status-ip", "gdpr_status_ip", ROSTER_JSON_EMPTY_IS_NULL },
  [S_UTM_SOURCE] = { "utm-source", "utm_source", ROSTER_JSON_EMPTY_IS_NULL | ROSTER_JSON_NUMBER_AS_TEXT },
  [S_UTM_MEDIUM] = { "utm-medium", "utm_medium", ROSTER_JSON_EMPTY_IS_NULL | ROSTER_JSON_NUMBER_AS_TEXT },
  [S_UTM_CAMPAIGN] = { "utm-campaign", "utm_campaign", ROSTER_JSON_EMPTY_IS_NULL | ROSTER_JSON_NUMBER_AS_TEXT },
  [S_UTM_TERM] = { "utm-term", "utm_term", ROSTER_JSON_EMPTY_IS_NULL | ROSTER_JSON_NUMBER_AS_TEXT },
  [S_UTM_CONTENT] = { "utm-content", "utm_content", ROSTER_JSON_EMPTY_IS_NULL | ROSTER_JSON_NUMBER_AS_TEXT },
  [S_PHONE] = { "phone", NULL, 0 },
  [S_LIVE_ROOM_URL] = { "live-room-url", "live_room", 0 },
  [S_REPLAY_ROOM_URL] = { "replay-room-url", "replay_room", 0 },
  [S_UNSUBSCRIBE_URL] = { "unsubscribe-url", "unsubscribe", 0 },
  [S_DISPLAY_NAME] = { "display-name", NULL, 0 },
};

enum {
  D_SCHEDULE,
  D_EVENT,
  D_SIGNUP,
  D_DATE_LIVE,
  D_DATE_REPLAY,
  D_GDPR_STATUS_DATE,
  D_TWILIO_CONSENTED_AT,
  N_DATES
};

static const struct { const char *property, *time_property, *member; } date_fields[N_DATES] = {
  [D_SCHEDULE] = { "schedule", "schedule-time", "schedule" },
  [D_EVENT] = { "event", "event-time", "event" },
  [D_SIGNUP] = { "signup-date", "signup-time", "signup_date" },
  [D_DATE_LIVE] = { "date-live", "date-live-time", "date_live" },
  [D_DATE_REPLAY] = { "date-replay", "date-replay-time", "date_replay" },
  [D_GDPR_STATUS_DATE] = { "gdpr-status-date", "gdpr-status-time", "gdpr_status_date" },
  [D_TWILIO_CONSENTED_AT] = { "twilio-consented-at", "twilio-consented-time", "twilio_consented_at" },
};

enum { T_LIVE, T_REPLAY, N_DURATIONS };

static const struct { const char *property, *seconds_property, *member; } duration_fields[N_DURATIONS] = {
  [T_LIVE] = { "time-live", "time-live-seconds", "time_live" },
  [T_REPLAY] = { "time-replay", "time-replay-seconds", "time_replay" },
};

enum { F_ATTENDED_LIVE, F_PURCHASED_LIVE, F_ATTENDED_REPLAY, F_PURCHASED_REPLAY, F_SUBSCRIBED, N_FLAGS };

static const struct { const char *property, *member; } flag_fields[N_FLAGS] = {
  [F_ATTENDED_LIVE] = { "attended-live", "attended_live" },
  [F_PURCHASED_LIVE] = { "purchased-live", "purchased_live" },
  [F_ATTENDED_REPLAY] = { "attended-replay", "attended_replay" },
  [F_PURCHASED_REPLAY] = { "purchased-replay", "purchased_replay" },
  [F_SUBSCRIBED] = { "subscribed", "subscribed" },
};

enum { R_LIVE, R_REPLAY, N_DOUBLES };

static const struct { const char *property, *member; } double_fields[N_DOUBLES] = {
  [R_LIVE] = { "revenue-live", "revenue_live" },
  [R_REPLAY] = { "revenue-replay", "revenue_replay" },
};

/* The text of a registrant lives in one block, as a view may hold a hundred thousand of them:
 * the value of every member the API sent, one after the other, then the few typed strings that
 * are not already one of those values; the typed strings are offsets into the block. The member
 * names are a "shape" (the list of names in order) that registrants of one server share. */
enum { TEXT_STRINGS = 0, TEXT_DATES = N_STRINGS, TEXT_DURATIONS = N_STRINGS + N_DATES,
       N_TEXTS = N_STRINGS + N_DATES + N_DURATIONS };

#define NO_TEXT G_MAXUINT32

typedef struct
{
  guint32 n_names;
  guint32 names[];   /* indices into member_names */
} Shape;

#define MAX_SHARED_SHAPES 256

struct _RosterRegistrant
{
  GObject parent_instance;

  gint64 ids[N_IDS];
  gint64 date_times[N_DATES];
  gint64 duration_seconds[N_DURATIONS];
  double doubles[N_DOUBLES];
  guint8 flags[N_FLAGS];
  gboolean owns_shape;       /* when the shared ones ran out */
  guint32 texts[N_TEXTS];    /* offsets into text, NO_TEXT for NULL */
  Shape *shape;
  char *text;
  const char **fields_strv;  /* made on the first get_fields() */
};

/* Member names, shared by every registrant: a page repeats the same forty names. */
G_LOCK_DEFINE_STATIC (member_names);
static GPtrArray *member_names;     /* index -> interned name */
static GHashTable *member_indices;  /* interned name -> index + 1 */

static guint32
member_name_index (const char *name)
{
  const char *interned = g_intern_string (name);
  guint32 index;

  G_LOCK (member_names);
  if (member_names == NULL)
    {
      member_names = g_ptr_array_new ();
      member_indices = g_hash_table_new (NULL, NULL);
    }
  index = GPOINTER_TO_UINT (g_hash_table_lookup (member_indices, interned));
  if (index == 0)
    {
      g_ptr_array_add (member_names, (gpointer) interned);
      index = member_names->len;
      g_hash_table_insert (member_indices, (gpointer) interned, GUINT_TO_POINTER (index));
    }
  G_UNLOCK (member_names);

  return index - 1;
}

static guint
shape_hash (gconstpointer key)
{
  const Shape *shape = key;
  guint hash = shape->n_names;

  for (guint i = 0; i < shape->n_names; i++)
    hash = hash * 31 + shape->names[i];
  return hash;
}

static gboolean
shape_equal (gconstpointer a,
             gconstpointer b)
{
  const Shape *x = a, *y = b;

  return x->n_names == y->n_names && memcmp (x->names, y->names, x->n_names * sizeof (guint32)) == 0;
}

/* The shared shape equal to this one (which is then freed), or NULL when too many shapes are
 * shared already: a server that varies its members endlessly must not grow memory forever. */
static Shape *
share_shape (Shape *shape)
{
  static GHashTable *shapes;
  Shape *shared;

  G_LOCK (member_names);
  if (shapes == NULL)
    shapes = g_hash_table_new (shape_hash, shape_equal);
  shared = g_hash_table_lookup (shapes, shape);
  if (shared == NULL && g_hash_table_size (shapes) < MAX_SHARED_SHAPES)
    {
      g_hash_table_add (shapes, shape);
      shared = shape;
    }
  G_UNLOCK (member_names);

  if (shared != NULL && shared != shape)
    g_free (shape);
  return shared;
}

static const char *
member_name (guint32 index)
{
  const char *name;

  G_LOCK (member_names);
  name = g_ptr_array_index (member_names, index);
  G_UNLOCK (member_names);

  return name;
}

static inline const char *
text_at (RosterRegistrant *self,
         guint             slot)
{
  return self->texts[slot] == NO_TEXT ? NULL : self->text + self->texts[slot];
}

G_DEFINE_FINAL_TYPE (RosterRegistrant, roster_registrant, G_TYPE_OBJECT)

#define PROP_IDS            1
#define PROP_STRINGS        (PROP_IDS + N_IDS)
#define PROP_DATES          (PROP_STRINGS + N_STRINGS)
#define PROP_DATE_TIMES     (PROP_DATES + N_DATES)
#define PROP_DURATIONS      (PROP_DATE_TIMES + N_DATES)
#define PROP_DURATION_SECS  (PROP_DURATIONS + N_DURATIONS)
#define PROP_FLAGS          (PROP_DURATION_SECS + N_DURATIONS)
#define PROP_DOUBLES        (PROP_FLAGS + N_FLAGS)
#define N_PROPS             (PROP_DOUBLES + N_DOUBLES)

#define IN_RANGE(id, start, n) ((id) >= (start) && (id) < (start) + (n))

static GParamSpec *properties[N_PROPS];

static void
roster_registrant_finalize (GObject *object)
{
  RosterRegistrant *self = (RosterRegistrant *) object;

  if (self->owns_shape)
    g_free (self->shape);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->fields_strv, g_free);

  G_OBJECT_CLASS (roster_registrant_parent_class)->finalize (object);
}

static void
roster_registrant_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RosterRegistrant *self = ROSTER_REGISTRANT (object);

  if (IN_RANGE (prop_id, PROP_IDS, N_IDS))
    g_value_set_int64 (value, self->ids[prop_id - PROP_IDS]);
  else if (IN_RANGE (prop_id, PROP_STRINGS, N_STRINGS))
    g_value_set_string (value, text_at (self, TEXT_STRINGS + prop_id - PROP_STRINGS));
  else if (IN_RANGE (prop_id, PROP_DATES, N_DATES))
    g_value_set_string (value, text_at (self, TEXT_DATES + prop_id - PROP_DATES));
  else if (IN_RANGE (prop_id, PROP_DATE_TIMES, N_DATES))
    g_value_set_int64 (value, self->date_times[prop_id - PROP_DATE_TIMES]);
  else if (IN_RANGE (prop_id, PROP_DURATIONS, N_DURATIONS))
    g_value_set_string (value, text_at (self, TEXT_DURATIONS + prop_id - PROP_DURATIONS));
  else if (IN_RANGE (prop_id, PROP_DURATION_SECS, N_DURATIONS))
    g_value_set_int64 (value, self->duration_seconds[prop_id - PROP_DURATION_SECS]);
  else if (IN_RANGE (prop_id, PROP_FLAGS, N_FLAGS))
    g_value_set_enum (value, (RosterFlag) self->flags[prop_id - PROP_FLAGS]);
  else if (IN_RANGE (prop_id, PROP_DOUBLES, N_DOUBLES))
    g_value_set_double (value, self->doubles[prop_id - PROP_DOUBLES]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
roster_registrant_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RosterRegistrant *self = ROSTER_REGISTRANT (object);

  if (prop_id == PROP_FLAGS + F_SUBSCRIBED)
    roster_registrant_set_subscribed (self, g_value_get_enum (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
roster_registrant_class_init (RosterRegistrantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = roster_registrant_finalize;
  object_class->get_property = roster_registrant_get_property;
  object_class->set_property = roster_registrant_set_property;

  for (guint i = 0; i < N_IDS; i++)
    properties[PROP_IDS + i] =
      g_param_spec_int64 (id_fields[i].property, NULL, NULL, 0, G_MAXINT64, 0, flags);
  for (guint i = 0; i < N_STRINGS; i++)
    properties[PROP_STRINGS + i] =
      g_param_spec_string (string_fields[i].property, NULL, NULL, NULL, flags);
  for (guint i = 0; i < N_DATES; i++)
    {
      properties[PROP_DATES + i] =
        g_param_spec_string (date_fields[i].property, NULL, NULL, NULL, flags);
      properties[PROP_DATE_TIMES + i] =
        g_param_spec_int64 (date_fields[i].time_property, NULL, NULL, -1, G_MAXINT64, -1, flags);
    }
  for (guint i = 0; i < N_DURATIONS; i++)
    {
      properties[PROP_DURATIONS + i] =
        g_param_spec_string (duration_fields[i].property, NULL, NULL, NULL, flags);
      properties[PROP_DURATION_SECS + i] =
        g_param_spec_int64 (duration_fields[i].seconds_property, NULL, NULL, -1, G_MAXINT64, -1,
                            flags);
    }
  for (guint i = 0; i < N_FLAGS; i++)
    properties[PROP_FLAGS + i] =
      g_param_spec_enum (flag_fields[i].property, NULL, NULL, ROSTER_TYPE_FLAG,
                         ROSTER_FLAG_UNKNOWN,
                         i == F_SUBSCRIBED ? (flags | G_PARAM_WRITABLE) : flags);
  for (guint i = 0; i < N_DOUBLES; i++)
    properties[PROP_DOUBLES + i] =
      g_param_spec_double (double_fields[i].property, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                           flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_registrant_init (RosterRegistrant *self)
{
  for (guint i = 0; i < N_DATES; i++)
    self->date_times[i] = -1;
  for (guint i = 0; i < N_DURATIONS; i++)
    self->duration_seconds[i] = -1;
  for (guint i = 0; i < N_TEXTS; i++)
    self->texts[i] = NO_TEXT;
}

/* name, value, name, value, ...: every member the API sent, as text. */
static void
collect_fields (GPtrArray  *fields,
                JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (object, name);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *child = json_node_get_object (node);
          g_autoptr(GList) child_members = json_object_get_members (child);

          /* links.live_room and the like, one level down */
          for (const GList *c = child_members; c != NULL; c = c->next)
            {
              const char *child_name = c->data;
              char *text = roster_json_node_to_text (json_object_get_member (child, child_name));

              g_ptr_array_add (fields, g_strconcat (name, ".", child_name, NULL));
              g_ptr_array_add (fields, text ? text : g_strdup (""));
            }
        }
      else
        {
          char *text = roster_json_node_to_text (node);

          g_ptr_array_add (fields, g_strdup (name));
          g_ptr_array_add (fields, text ? text : g_strdup (""));
        }
    }
}

/* Packs the members and the typed strings (texts, N_TEXTS of them, may be NULL) into one
 * block; a typed string equal to a member's value shares its bytes. */
static void
pack_text (RosterRegistrant  *self,
           GPtrArray         *fields,
           char             **texts)
{
  guint n = fields->len / 2;
  gsize size = 0, offset = 0;
  g_autofree gsize *value_offsets = g_new (gsize, n + 1);
  guint32 shared[N_TEXTS];
  Shape *shape, *common;

  for (guint i = 0; i < n; i++)
    {
      value_offsets[i] = size;
      size += strlen (g_ptr_array_index (fields, 2 * i + 1)) + 1;
    }
  for (guint t = 0; t < N_TEXTS; t++)
    {
      shared[t] = NO_TEXT;
      if (texts[t] == NULL)
        continue;
      for (guint i = 0; i < n && shared[t] == NO_TEXT; i++)
        if (strcmp (texts[t], g_ptr_array_index (fields, 2 * i + 1)) == 0)
          shared[t] = i;
      if (shared[t] == NO_TEXT)
        size += strlen (texts[t]) + 1;
    }

  /* Offsets are 32-bit: a registrant of 4 GiB of text is not one the API sends. */
  g_assert (size < NO_TEXT);

  shape = g_malloc (sizeof (Shape) + n * sizeof (guint32));
  shape->n_names = n;
  self->text = g_malloc (MAX (size, 1));

  for (guint i = 0; i < n; i++)
    {
      const char *value = g_ptr_array_index (fields, 2 * i + 1);
      gsize length = strlen (value) + 1;

      shape->names[i] = member_name_index (g_ptr_array_index (fields, 2 * i));
      memcpy (self->text + offset, value, length);
      offset += length;
    }
  for (guint t = 0; t < N_TEXTS; t++)
    {
      if (texts[t] == NULL)
        self->texts[t] = NO_TEXT;
      else if (shared[t] != NO_TEXT)
        self->texts[t] = value_offsets[shared[t]];
      else
        {
          gsize length = strlen (texts[t]) + 1;

          self->texts[t] = offset;
          memcpy (self->text + offset, texts[t], length);
          offset += length;
        }
    }

  common = share_shape (shape);
  self->owns_shape = common == NULL;
  self->shape = common != NULL ? common : shape;
}

static gboolean
read_link (JsonObject  *links,
           JsonObject  *object,
           const char  *member,
           char       **value,
           GError     **error)
{
  g_autofree char *url_member = g_strconcat (member, "_url", NULL);

  if (links != NULL &&
      !roster_json_get_string (links, member, ROSTER_JSON_EMPTY_IS_NULL, value, error))
    return FALSE;

  if (*value == NULL &&
      !roster_json_get_string (object, member, ROSTER_JSON_EMPTY_IS_NULL, value, error))
    return FALSE;

  if (*value == NULL &&
      !roster_json_get_string (object, url_member, ROSTER_JSON_EMPTY_IS_NULL, value, error))
    return FALSE;

  return TRUE;
}

static char *
make_display_name (char **strings)
{
  g_autofree char *full = g_strdup_printf ("%s %s",
                                           strings[S_FIRST_NAME] ?: "",
                                           strings[S_LAST_NAME] ?: "");

  g_strstrip (full);

  if (full[0] != '\0')
    return g_steal_pointer (&full);
  if (strings[S_EMAIL] != NULL && strings[S_EMAIL][0] != '\0')
    return g_strdup (strings[S_EMAIL]);

  return g_strdup (_("Unnamed registrant"));
}

static gboolean parse_members (RosterRegistrant  *self,
                               JsonObject        *object,
                               char             **texts,
                               RosterFlag        *flags,
                               GError           **error);

/* One item of the `registrants` page's `data`.  Nothing in it is certain, so nothing is
 * required; a member of the wrong type is still a protocol error. */
RosterRegistrant *
roster_registrant_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(RosterRegistrant) self = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  char *texts[N_TEXTS] = { NULL, };
  char **strings = texts + TEXT_STRINGS;
  RosterFlag flags[N_FLAGS];
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(object = roster_json_node_get_object (node, "data", error)))
    return NULL;

  self = g_object_new (ROSTER_TYPE_REGISTRANT, NULL);
  if (!parse_members (self, object, texts, flags, error))
    {
      for (guint i = 0; i < N_TEXTS; i++)
        g_free (texts[i]);
      return NULL;
    }
  for (guint i = 0; i < N_FLAGS; i++)
    self->flags[i] = flags[i];

  strings[S_DISPLAY_NAME] = make_display_name (strings);
  fields = g_ptr_array_new_with_free_func (g_free);
  collect_fields (fields, object);
  pack_text (self, fields, texts);
  for (guint i = 0; i < N_TEXTS; i++)
    g_free (texts[i]);

  return g_steal_pointer (&self);
}

/* The typed members into texts (N_TEXTS strings) and flags, the rest into self. */
static gboolean
parse_members (RosterRegistrant  *self,
               JsonObject        *object,
               char             **texts,
               RosterFlag        *flags,
               GError           **error)
{
  char **strings = texts + TEXT_STRINGS;
  char **dates = texts + TEXT_DATES;
  char **durations = texts + TEXT_DURATIONS;
  JsonObject *links = NULL;
  JsonNode *links_node;

  for (guint i = 0; i < N_IDS; i++)
    if (!roster_json_get_id (object, id_fields[i].member, ROSTER_JSON_OPTIONAL, &self->ids[i], error))
      return FALSE;

  for (guint i = 0; i < N_PLAIN_STRINGS; i++)
    if (!roster_json_get_string (object, string_fields[i].member, string_fields[i].flags,
                                 &strings[i], error))
      return FALSE;

  for (guint i = 0; i < N_DATES; i++)
    if (!roster_json_get_date (object, date_fields[i].member, &dates[i],
                               &self->date_times[i], error))
      return FALSE;

  for (guint i = 0; i < N_DURATIONS; i++)
    if (!roster_json_get_duration (object, duration_fields[i].member, &durations[i],
                                   &self->duration_seconds[i], error))
      return FALSE;

  for (guint i = 0; i < N_FLAGS; i++)
    if (!roster_json_get_flag (object, flag_fields[i].member, &flags[i], error))
      return FALSE;

  for (guint i = 0; i < N_DOUBLES; i++)
    if (!roster_json_get_double (object, double_fields[i].member, ROSTER_JSON_OPTIONAL,
                                 &self->doubles[i], error))
      return FALSE;

  /* The page example says phone_number; other traffic says phone. */
  if (!roster_json_get_string (object, "phone_number",
                               ROSTER_JSON_EMPTY_IS_NULL | ROSTER_JSON_NUMBER_AS_TEXT,
                               &strings[S_PHONE], error))
    return FALSE;
  if (strings[S_PHONE] == NULL &&
      !roster_json_get_string (object, "phone",
                               ROSTER_JSON_EMPTY_IS_NULL | ROSTER_JSON_NUMBER_AS_TEXT,
                               &strings[S_PHONE], error))
    return FALSE;

  /* Room links sit under "links" or at the top level. */
  links_node = json_object_get_member (object, "links");
  if (links_node != NULL && !JSON_NODE_HOLDS_NULL (links_node))
    {
      if (!(links = roster_json_node_get_object (links_node, "links", error)))
        return FALSE;
    }

  for (guint i = S_LIVE_ROOM_URL; i <= S_UNSUBSCRIBE_URL; i++)
    if (!read_link (links, object, string_fields[i].member, &strings[i], error))
      return FALSE;

  return TRUE;
}

#define ID_GETTER(func, index)                                  \
  gint64                                                        \
  roster_registrant_get_##func (RosterRegistrant *self)         \
  {                                                             \
    g_return_val_if_fail (ROSTER_IS_REGISTRANT (self), 0);      \
    return self->ids[index];                                    \
  }

#define STRING_GETTER(func, array, index)                       \
  const char *                                                  \
  roster_registrant_get_##func (RosterRegistrant *self)         \
  {                                                             \
    g_return_val_if_fail (ROSTER_IS_REGISTRANT (self), NULL);   \
    return text_at (self, array + index);                       \
  }

#define INT64_GETTER(func, array, index)                        \
  gint64                                                        \
  roster_registrant_get_##func (RosterRegistrant *self)         \
  {                                                             \
    g_return_val_if_fail (ROSTER_IS_REGISTRANT (self), -1);     \
    return self->array[index];                                  \
  }

#define FLAG_GETTER(func, index)                                \
  RosterFlag                                                    \
  roster_registrant_get_##func (RosterRegistrant *self)         \
  {                                                             \
    g_return_val_if_fail (ROSTER_IS_REGISTRANT (self),          \
                          ROSTER_FLAG_UNKNOWN);                 \
    return (RosterFlag) self->flags[index];                     \
  }

#define DOUBLE_GETTER(func, index)                              \
  double                                                        \
  roster_registrant_get_##func (RosterRegistrant *self)         \
  {                                                             \
    g_return_val_if_fail (ROSTER_IS_REGISTRANT (self), 0);      \
    return self->doubles[index];                                \
  }

/* 0 when the API did not send the ID. lead-id is what `unsubscribe` needs. */
ID_GETTER (id, I_ID)
ID_GETTER (lead_id, I_LEAD_ID)
ID_GETTER (schedule_id, I_SCHEDULE_ID)
ID_GETTER (event_id, I_EVENT_ID)

STRING_GETTER (first_name, TEXT_STRINGS, S_FIRST_NAME)
STRING_GETTER (last_name, TEXT_STRINGS, S_LAST_NAME)
/* "First Last", else the email, else a placeholder; never NULL. */
STRING_GETTER (display_name, TEXT_STRINGS, S_DISPLAY_NAME)
STRING_GETTER (email, TEXT_STRINGS, S_EMAIL)
STRING_GETTER (phone_country_code, TEXT_STRINGS, S_PHONE_COUNTRY_CODE)
STRING_GETTER (phone, TEXT_STRINGS, S_PHONE)
STRING_GETTER (ip, TEXT_STRINGS, S_IP)
STRING_GETTER (webinar, TEXT_STRINGS, S_WEBINAR)
STRING_GETTER (entered_live, TEXT_STRINGS, S_ENTERED_LIVE)
STRING_GETTER (gdpr_status, TEXT_STRINGS, S_GDPR_STATUS)
STRING_GETTER (gdpr_communications, TEXT_STRINGS, S_GDPR_COMMUNICATIONS)
STRING_GETTER (gdpr_status_ip, TEXT_STRINGS, S_GDPR_STATUS_IP)
STRING_GETTER (utm_source, TEXT_STRINGS, S_UTM_SOURCE)
STRING_GETTER (utm_medium, TEXT_STRINGS, S_UTM_MEDIUM)
STRING_GETTER (utm_campaign, TEXT_STRINGS, S_UTM_CAMPAIGN)
STRING_GETTER (utm_term, TEXT_STRINGS, S_UTM_TERM)
STRING_GETTER (utm_content, TEXT_STRINGS, S_UTM_CONTENT)
STRING_GETTER (live_room_url, TEXT_STRINGS, S_LIVE_ROOM_URL)
STRING_GETTER (replay_room_url, TEXT_STRINGS, S_REPLAY_ROOM_URL)
STRING_GETTER (unsubscribe_url, TEXT_STRINGS, S_UNSUBSCRIBE_URL)

/* Dates as the API wrote them; the *_time getters give the Unix time (the wall clock read as
 * UTC, for sorting), -1 when absent or unreadable. */
STRING_GETTER (schedule, TEXT_DATES, D_SCHEDULE)
INT64_GETTER (schedule_time, date_times, D_SCHEDULE)
STRING_GETTER (event, TEXT_DATES, D_EVENT)
INT64_GETTER (event_time, date_times, D_EVENT)
STRING_GETTER (signup_date, TEXT_DATES, D_SIGNUP)
INT64_GETTER (signup_time, date_times, D_SIGNUP)
STRING_GETTER (date_live, TEXT_DATES, D_DATE_LIVE)
INT64_GETTER (date_live_time, date_times, D_DATE_LIVE)
STRING_GETTER (date_replay, TEXT_DATES, D_DATE_REPLAY)
INT64_GETTER (date_replay_time, date_times, D_DATE_REPLAY)
STRING_GETTER (gdpr_status_date, TEXT_DATES, D_GDPR_STATUS_DATE)
STRING_GETTER (twilio_consented_at, TEXT_DATES, D_TWILIO_CONSENTED_AT)

/* "00:45:30" as sent, and in seconds (-1 when absent or unreadable). */
STRING_GETTER (time_live, TEXT_DURATIONS, T_LIVE)
INT64_GETTER (time_live_seconds, duration_seconds, T_LIVE)
STRING_GETTER (time_replay, TEXT_DURATIONS, T_REPLAY)
INT64_GETTER (time_replay_seconds, duration_seconds, T_REPLAY)

FLAG_GETTER (attended_live, F_ATTENDED_LIVE)
FLAG_GETTER (purchased_live, F_PURCHASED_LIVE)
FLAG_GETTER (attended_replay, F_ATTENDED_REPLAY)
FLAG_GETTER (purchased_replay, F_PURCHASED_REPLAY)
FLAG_GETTER (subscribed, F_SUBSCRIBED)

DOUBLE_GETTER (revenue_live, R_LIVE)
DOUBLE_GETTER (revenue_replay, R_REPLAY)

#undef ID_GETTER
#undef STRING_GETTER
#undef INT64_GETTER
#undef FLAG_GETTER
#undef DOUBLE_GETTER

/* After a successful `unsubscribe` the client marks the registrant without reloading. */
void
roster_registrant_set_subscribed (RosterRegistrant *self,
                                  RosterFlag        subscribed)
{
  g_return_if_fail (ROSTER_IS_REGISTRANT (self));
  g_return_if_fail (subscribed == ROSTER_FLAG_UNKNOWN ||
                    subscribed == ROSTER_FLAG_NO ||
                    subscribed == ROSTER_FLAG_YES);

  if (self->flags[F_SUBSCRIBED] == subscribed)
    return;

  self->flags[F_SUBSCRIBED] = subscribed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLAGS + F_SUBSCRIBED]);
}

/* Every member the API sent, in its order, as a NULL-terminated array of name, value, name,
 * value, ...  Members of a nested object appear as "links.live_room"; null reads as "".  The
 * array is made on the first call (few registrants are ever asked) and lives as long as the
 * registrant. */
const char * const *
roster_registrant_get_fields (RosterRegistrant *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANT (self), NULL);

  if (self->fields_strv == NULL)
    {
      guint n = self->shape != NULL ? self->shape->n_names : 0;
      const char *value = self->text;

      self->fields_strv = g_new (const char *, 2 * n + 1);
      for (guint i = 0; i < n; i++)
        {
          self->fields_strv[2 * i] = member_name (self->shape->names[i]);
          self->fields_strv[2 * i + 1] = value;
          value += strlen (value) + 1;
        }
      self->fields_strv[2 * n] = NULL;
    }

  return (const char * const *) self->fields_strv;
}

/* A wall-clock time as the *_time getters give it (read as UTC), for people; the API's own
 * text when it could not be read. */
static char *
format_wall_time (gint64      time,
                  const char *fallback)
{
  g_autoptr(GDateTime) dt = NULL;

  if (time < 0 || !(dt = g_date_time_new_from_unix_utc (time)))
    return roster_clock_format_text (roster_clock_get_default (), fallback != NULL ? fallback : "");
  return roster_clock_format (roster_clock_get_default (), dt, ROSTER_CLOCK_DATE);
}

/* The session the person is registered for, as the registrants view shows it. */
char *
roster_registrant_dup_session_text (RosterRegistrant *self)
{
  gint64 time;

  g_return_val_if_fail (ROSTER_IS_REGISTRANT (self), NULL);

  time = roster_registrant_get_event_time (self);
  if (time < 0)
    time = roster_registrant_get_schedule_time (self);
  return format_wall_time (time, roster_registrant_get_event (self) ?: roster_registrant_get_schedule (self));
}

/* When the person signed up, as the registrants view shows it. */
char *
roster_registrant_dup_signup_text (RosterRegistrant *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANT (self), NULL);

  return format_wall_time (roster_registrant_get_signup_time (self), roster_registrant_get_signup_date (self));
}

/* The raw text of one member as get_fields() names it, or NULL if the API did not send it. */
const char *
roster_registrant_get_field (RosterRegistrant *self,
                             const char       *name)
{
  const char *value;
  guint n;

  g_return_val_if_fail (ROSTER_IS_REGISTRANT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  value = self->text;
  n = self->shape != NULL ? self->shape->n_names : 0;

  for (guint i = 0; i < n; i++)
    {
      if (strcmp (member_name (self->shape->names[i]), name) == 0)
        return value;
      value += strlen (value) + 1;
    }

  return NULL;
}
