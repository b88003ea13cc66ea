/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-index-item"

#include "config.h"

#include "roster-index-item.h"

/* An item of a RosterIndexList: the position of a row (or problem) in the data behind it, so
 * that list views show large imports without an object per row kept around. */

struct _RosterIndexItem
{
  GObject parent_instance;

  guint   index;
};

G_DEFINE_FINAL_TYPE (RosterIndexItem, roster_index_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_index_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RosterIndexItem *self = ROSTER_INDEX_ITEM (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_index_item_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RosterIndexItem *self = ROSTER_INDEX_ITEM (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      self->index = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_index_item_class_init (RosterIndexItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = roster_index_item_get_property;
  object_class->set_property = roster_index_item_set_property;

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_index_item_init (RosterIndexItem *self)
{
}

RosterIndexItem *
roster_index_item_new (guint index)
{
  return g_object_new (ROSTER_TYPE_INDEX_ITEM, "index", index, NULL);
}

guint
roster_index_item_get_index (RosterIndexItem *self)
{
  g_return_val_if_fail (ROSTER_IS_INDEX_ITEM (self), 0);

  return self->index;
}
