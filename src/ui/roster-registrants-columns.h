/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The currency that labels revenue in the cells as they are bound, or NULL. */
typedef const char *(*RosterRegistrantsCurrencyFunc) (gpointer user_data);

GMenuModel *roster_registrants_columns_add (GtkColumnView                 *column_view,
                                            GSettings                     *settings,
                                            GActionMap                    *actions,
                                            RosterRegistrantsCurrencyFunc  currency_func,
                                            gpointer                       user_data);

G_END_DECLS
