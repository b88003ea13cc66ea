/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-store"

#include "config.h"

#include "roster-person-match.h"

/* One registration of a person that the people search found: the stored registrant and the
 * webinar it belongs to, which the registrant's own fields name but do not number. */
struct _RosterPersonMatch
{
  GObject           parent_instance;

  gint64            webinar_id;
  RosterRegistrant *registrant;
};

G_DEFINE_FINAL_TYPE (RosterPersonMatch, roster_person_match, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WEBINAR_ID,
  PROP_REGISTRANT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_person_match_finalize (GObject *object)
{
  RosterPersonMatch *self = ROSTER_PERSON_MATCH (object);

  g_clear_object (&self->registrant);

  G_OBJECT_CLASS (roster_person_match_parent_class)->finalize (object);
}

static void
roster_person_match_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RosterPersonMatch *self = ROSTER_PERSON_MATCH (object);

  switch (prop_id)
    {
    case PROP_WEBINAR_ID:
      g_value_set_int64 (value, self->webinar_id);
      break;
    case PROP_REGISTRANT:
      g_value_set_object (value, self->registrant);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_person_match_class_init (RosterPersonMatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_person_match_finalize;
  object_class->get_property = roster_person_match_get_property;

  properties[PROP_WEBINAR_ID] =
    g_param_spec_int64 ("webinar-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGISTRANT] =
    g_param_spec_object ("registrant", NULL, NULL, ROSTER_TYPE_REGISTRANT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_person_match_init (RosterPersonMatch *self)
{
}

RosterPersonMatch *
roster_person_match_new (gint64            webinar_id,
                         RosterRegistrant *registrant)
{
  RosterPersonMatch *self;

  g_return_val_if_fail (ROSTER_IS_REGISTRANT (registrant), NULL);

  self = g_object_new (ROSTER_TYPE_PERSON_MATCH, NULL);
  self->webinar_id = webinar_id;
  self->registrant = g_object_ref (registrant);
  return self;
}

gint64
roster_person_match_get_webinar_id (RosterPersonMatch *self)
{
  g_return_val_if_fail (ROSTER_IS_PERSON_MATCH (self), 0);

  return self->webinar_id;
}

RosterRegistrant *
roster_person_match_get_registrant (RosterPersonMatch *self)
{
  g_return_val_if_fail (ROSTER_IS_PERSON_MATCH (self), NULL);

  return self->registrant;
}

const char *
roster_person_match_get_email (RosterPersonMatch *self)
{
  g_return_val_if_fail (ROSTER_IS_PERSON_MATCH (self), NULL);

  return roster_registrant_get_email (self->registrant);
}
