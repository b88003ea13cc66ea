/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-account-store.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_PREFERENCES_WINDOW (roster_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (RosterPreferencesWindow, roster_preferences_window, ROSTER, PREFERENCES_WINDOW, AdwPreferencesWindow)

RosterPreferencesWindow *roster_preferences_window_new       (GtkWindow               *parent,
                                                              RosterAccountStore      *store);
RosterAccountStore      *roster_preferences_window_get_store (RosterPreferencesWindow *self);
void                     roster_preferences_window_set_active_account (RosterPreferencesWindow *self,
                                                                       RosterAccount           *account);

G_END_DECLS
