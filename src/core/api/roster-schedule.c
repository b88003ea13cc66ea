/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-schedule"

#include "config.h"

#include "roster-error.h"
#include "roster-json-private.h"
#include "roster-schedule.h"

struct _RosterSchedule
{
  GObject parent_instance;

  gint64 id;
  char *date;
  gint64 date_time;
  char *comment;
  RosterScheduleKind kind;
};

G_DEFINE_FINAL_TYPE (RosterSchedule, roster_schedule, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DATE,
  PROP_DATE_TIME,
  PROP_COMMENT,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The comment is the server's English label: "Instant replay", "Just in time",
 * "Every day, 01:00 PM", "Saturday, 6 Jan 2024, 03:00 PM". */
RosterScheduleKind
roster_schedule_kind_from_comment (const char *comment)
{
  g_autofree char *text = NULL;

  if (comment == NULL)
    return ROSTER_SCHEDULE_KIND_UNKNOWN;

  text = g_strstrip (g_strdup (comment));

  if (g_ascii_strcasecmp (text, "Instant replay") == 0)
    return ROSTER_SCHEDULE_KIND_INSTANT_REPLAY;
  if (g_ascii_strcasecmp (text, "Just in time") == 0)
    return ROSTER_SCHEDULE_KIND_JUST_IN_TIME;
  if (g_ascii_strncasecmp (text, "Every ", 6) == 0)
    return ROSTER_SCHEDULE_KIND_RECURRING;
  if (roster_json_parse_date (text) >= 0)
    return ROSTER_SCHEDULE_KIND_ONE_TIME;

  return ROSTER_SCHEDULE_KIND_UNKNOWN;
}

static void
roster_schedule_finalize (GObject *object)
{
  RosterSchedule *self = (RosterSchedule *) object;

  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->comment, g_free);

  G_OBJECT_CLASS (roster_schedule_parent_class)->finalize (object);
}

static void
roster_schedule_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RosterSchedule *self = ROSTER_SCHEDULE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_DATE_TIME:
      g_value_set_int64 (value, self->date_time);
      break;
    case PROP_COMMENT:
      g_value_set_string (value, self->comment);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_schedule_class_init (RosterScheduleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_schedule_finalize;
  object_class->get_property = roster_schedule_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE_TIME] =
    g_param_spec_int64 ("date-time", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMMENT] =
    g_param_spec_string ("comment", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       ROSTER_TYPE_SCHEDULE_KIND, ROSTER_SCHEDULE_KIND_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_schedule_init (RosterSchedule *self)
{
  self->date_time = -1;
}

static void
roster_schedule_fill (RosterSchedule *self)
{
  self->date_time = roster_json_parse_date (self->date);
  self->kind = roster_schedule_kind_from_comment (self->comment);

  /* No comment but a date: a single session is the only reading that fits. */
  if (self->kind == ROSTER_SCHEDULE_KIND_UNKNOWN && self->comment == NULL && self->date_time >= 0)
    self->kind = ROSTER_SCHEDULE_KIND_ONE_TIME;
}

/* id 0 means "no ID": the `webinars` list names schedules without IDs. */
RosterSchedule *
roster_schedule_new (gint64      id,
                     const char *date,
                     const char *comment)
{
  RosterSchedule *self;

  g_return_val_if_fail (id >= 0, NULL);

  self = g_object_new (ROSTER_TYPE_SCHEDULE, NULL);
  self->id = id;
  self->date = g_strdup (date);
  self->comment = g_strdup (comment);
  roster_schedule_fill (self);

  return self;
}

/* Either an object {"schedule": 938, "date": "...", "comment": "..."} from `webinar`, or a
 * bare string from `webinars`, which becomes a schedule with id 0 and only a comment. */
RosterSchedule *
roster_schedule_new_from_json (JsonNode  *node,
                               GError   **error)
{
  g_autoptr(RosterSchedule) self = NULL;
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return roster_schedule_new (0, NULL, json_node_get_string (node));

  if (!(object = roster_json_node_get_object (node, "schedules", error)))
    return NULL;

  self = g_object_new (ROSTER_TYPE_SCHEDULE, NULL);

  if (!roster_json_get_id (object, "schedule", ROSTER_JSON_REQUIRED, &self->id, error) ||
      !roster_json_get_string (object, "date", ROSTER_JSON_EMPTY_IS_NULL, &self->date, error) ||
      !roster_json_get_string (object, "comment", ROSTER_JSON_EMPTY_IS_NULL, &self->comment, error))
    return NULL;

  roster_schedule_fill (self);

  return g_steal_pointer (&self);
}

gint64
roster_schedule_get_id (RosterSchedule *self)
{
  g_return_val_if_fail (ROSTER_IS_SCHEDULE (self), 0);
  return self->id;
}

/* "YYYY-MM-DD HH:MM" in the webinar's zone, or NULL. */
const char *
roster_schedule_get_date (RosterSchedule *self)
{
  g_return_val_if_fail (ROSTER_IS_SCHEDULE (self), NULL);
  return self->date;
}

/* The date's wall clock read as UTC, for sorting; -1 without a date. */
gint64
roster_schedule_get_date_time (RosterSchedule *self)
{
  g_return_val_if_fail (ROSTER_IS_SCHEDULE (self), -1);
  return self->date_time;
}

const char *
roster_schedule_get_comment (RosterSchedule *self)
{
  g_return_val_if_fail (ROSTER_IS_SCHEDULE (self), NULL);
  return self->comment;
}

RosterScheduleKind
roster_schedule_get_kind (RosterSchedule *self)
{
  g_return_val_if_fail (ROSTER_IS_SCHEDULE (self), ROSTER_SCHEDULE_KIND_UNKNOWN);
  return self->kind;
}
