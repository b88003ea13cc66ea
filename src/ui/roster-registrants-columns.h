/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "roster-registrant-store.h"

G_BEGIN_DECLS

/* The currency that labels revenue in the cells as they are bound, or NULL. */
typedef const char *(*RosterRegistrantsCurrencyFunc) (gpointer user_data);

GMenuModel *roster_registrants_columns_add (GtkColumnView                 *column_view,
                                            GSettings                     *settings,
                                            GActionMap                    *actions,
                                            RosterRegistrantsCurrencyFunc  currency_func,
                                            gpointer                       user_data);

gboolean    roster_registrants_columns_get_sort (GtkColumnView                 *column_view,
                                                 RosterStoreSort               *sort,
                                                 gboolean                      *descending);

G_END_DECLS
