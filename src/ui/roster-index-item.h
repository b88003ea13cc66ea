/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_INDEX_ITEM (roster_index_item_get_type ())

G_DECLARE_FINAL_TYPE (RosterIndexItem, roster_index_item, ROSTER, INDEX_ITEM, GObject)

RosterIndexItem *roster_index_item_new       (guint            index);
guint            roster_index_item_get_index (RosterIndexItem *self);

G_END_DECLS
