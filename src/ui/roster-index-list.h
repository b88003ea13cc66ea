/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-index-item.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_INDEX_LIST (roster_index_list_get_type ())

G_DECLARE_FINAL_TYPE (RosterIndexList, roster_index_list, ROSTER, INDEX_LIST, GObject)

RosterIndexList *roster_index_list_new        (void);
void             roster_index_list_set_range  (RosterIndexList *self,
                                               guint            n_items);
void             roster_index_list_changed    (RosterIndexList *self);
guint            roster_index_list_get_index  (RosterIndexList *self,
                                               guint            position);

G_END_DECLS
