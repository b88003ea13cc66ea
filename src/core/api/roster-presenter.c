/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-presenter"

#include "config.h"

#include "roster-json-private.h"
#include "roster-presenter.h"

struct _RosterPresenter
{
  GObject parent_instance;

  char *name;
  char *email;
  char *picture;
};

G_DEFINE_FINAL_TYPE (RosterPresenter, roster_presenter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_EMAIL,
  PROP_PICTURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_presenter_finalize (GObject *object)
{
  RosterPresenter *self = (RosterPresenter *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->picture, g_free);

  G_OBJECT_CLASS (roster_presenter_parent_class)->finalize (object);
}

static void
roster_presenter_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RosterPresenter *self = ROSTER_PRESENTER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_PICTURE:
      g_value_set_string (value, self->picture);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_presenter_class_init (RosterPresenterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_presenter_finalize;
  object_class->get_property = roster_presenter_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PICTURE] =
    g_param_spec_string ("picture", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_presenter_init (RosterPresenter *self)
{
}

RosterPresenter *
roster_presenter_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(RosterPresenter) self = NULL;
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(object = roster_json_node_get_object (node, "presenters", error)))
    return NULL;

  self = g_object_new (ROSTER_TYPE_PRESENTER, NULL);

  if (!roster_json_get_string (object, "name", ROSTER_JSON_EMPTY_IS_NULL, &self->name, error) ||
      !roster_json_get_string (object, "email", ROSTER_JSON_EMPTY_IS_NULL, &self->email, error) ||
      !roster_json_get_string (object, "picture", ROSTER_JSON_EMPTY_IS_NULL, &self->picture, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
roster_presenter_get_name (RosterPresenter *self)
{
  g_return_val_if_fail (ROSTER_IS_PRESENTER (self), NULL);
  return self->name;
}

const char *
roster_presenter_get_email (RosterPresenter *self)
{
  g_return_val_if_fail (ROSTER_IS_PRESENTER (self), NULL);
  return self->email;
}

/* An image URL, or NULL. */
const char *
roster_presenter_get_picture (RosterPresenter *self)
{
  g_return_val_if_fail (ROSTER_IS_PRESENTER (self), NULL);
  return self->picture;
}
