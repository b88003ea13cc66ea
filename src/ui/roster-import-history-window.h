/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-registrant-store.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_HISTORY_WINDOW (roster_import_history_window_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportHistoryWindow, roster_import_history_window, ROSTER, IMPORT_HISTORY_WINDOW, AdwWindow)

RosterImportHistoryWindow *roster_import_history_window_new        (GtkWindow                 *parent,
                                                                    RosterClient              *client,
                                                                    GListModel                *webinars);
void                       roster_import_history_window_set_registrant_store (RosterImportHistoryWindow *self,
                                                                              RosterRegistrantStore     *store);
void                       roster_import_history_window_reload     (RosterImportHistoryWindow *self);
GListModel                *roster_import_history_window_get_history (RosterImportHistoryWindow *self);
GtkListBox                *roster_import_history_window_get_list   (RosterImportHistoryWindow *self);
void                       roster_import_history_expire_old        (GApplication              *app);

G_END_DECLS
