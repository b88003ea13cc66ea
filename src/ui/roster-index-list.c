/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-index-list"

#include "config.h"

#include "roster-index-list.h"

/* A GListModel of RosterIndexItem: either 0..n-1 or a chosen set of indices.  Items are made
 * when a view asks for them, so a list of 200,000 import rows costs an array, not 200,000
 * objects. */

struct _RosterIndexList
{
  GObject  parent_instance;

  GArray  *indices;   /* guint, or NULL for the range 0..n_items-1 */
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
roster_index_list_finalize (GObject *object)
{
  RosterIndexList *self = ROSTER_INDEX_LIST (object);

  g_clear_pointer (&self->indices, g_array_unref);

  G_OBJECT_CLASS (roster_index_list_parent_class)->finalize (object);
}

static void
roster_index_list_class_init (RosterIndexListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_index_list_finalize;
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
  g_clear_pointer (&self->indices, g_array_unref);
  self->n_items = n_items;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, n_items);
}

/* The items become @indices, in that order. */
void
roster_index_list_set_array (RosterIndexList *self,
                             const guint     *indices,
                             guint            n_items)
{
  guint old;

  g_return_if_fail (ROSTER_IS_INDEX_LIST (self));
  g_return_if_fail (indices != NULL || n_items == 0);

  old = self->n_items;
  g_clear_pointer (&self->indices, g_array_unref);
  self->indices = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_items);
  g_array_append_vals (self->indices, indices, n_items);
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

  return self->indices != NULL ? g_array_index (self->indices, guint, position) : position;
}
