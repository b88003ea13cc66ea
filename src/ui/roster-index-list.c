/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-index-list"

#include "config.h"

#include "roster-index-list.h"

/* A GListModel of RosterIndexItem for the indices 0..n-1.  Items are made
 * when a view asks for them, so a list of 200,000 import rows costs an array, not 200,000
 * objects. */

struct _RosterIndexList
{
  GObject  parent_instance;

  guint    n_items;
};

static void roster_index_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RosterIndexList, roster_index_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, roster_index_list_model_init))

static GType
roster_index_list_get_item_type (GListModel *model)
{
  return ROSTER_TYPE_INDEX_ITEM;
}

static guint
roster_index_list_get_n_items (GListModel *model)
{
  return ROSTER_INDEX_LIST (model)->n_items;
}

static gpointer
roster_index_list_get_item (GListModel *model,
                            guint       position)
{
  RosterIndexList *self = ROSTER_INDEX_LIST (model);

  if (position >= self->n_items)
    return NULL;

  return roster_index_item_new (roster_index_list_get_index (self, position));
}

static void
roster_index_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = roster_index_list_get_item_type;
  iface->get_n_items = roster_index_list_get_n_items;
  iface->get_item = roster_index_list_get_item;
}

static void
roster_index_list_class_init (RosterIndexListClass *klass)
{
}

static void
roster_index_list_init (RosterIndexList *self)
{
}

RosterIndexList *
roster_index_list_new (void)
{
  return g_object_new (ROSTER_TYPE_INDEX_LIST, NULL);
}

/* The items become 0..@n_items-1. */
void
roster_index_list_set_range (RosterIndexList *self,
                             guint            n_items)
{
  guint old;

  g_return_if_fail (ROSTER_IS_INDEX_LIST (self));

  old = self->n_items;
  self->n_items = n_items;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, n_items);
}

/* What the items stand for changed: views bind them again. */
void
roster_index_list_changed (RosterIndexList *self)
{
  g_return_if_fail (ROSTER_IS_INDEX_LIST (self));

  g_list_model_items_changed (G_LIST_MODEL (self), 0, self->n_items, self->n_items);
}

guint
roster_index_list_get_index (RosterIndexList *self,
                             guint            position)
{
  g_return_val_if_fail (ROSTER_IS_INDEX_LIST (self), 0);
  g_return_val_if_fail (position < self->n_items, 0);

  return position;
}
