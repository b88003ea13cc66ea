/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-account-store.h"
#include "roster-demo.h"
#include "roster-people-dialog.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_WINDOW (roster_window_get_type ())

G_DECLARE_FINAL_TYPE (RosterWindow, roster_window, ROSTER, WINDOW, AdwApplicationWindow)

RosterWindow       *roster_window_new               (GtkApplication     *application,
                                                     RosterAccountStore *account_store,
                                                     RosterDemo         *demo,
                                                     gboolean            start_in_demo);
RosterAccountStore *roster_window_get_account_store (RosterWindow       *self);
RosterDemo         *roster_window_get_demo          (RosterWindow       *self);
RosterAccount      *roster_window_get_account       (RosterWindow       *self);
void                roster_window_set_account       (RosterWindow       *self,
                                                     RosterAccount      *account);
void                roster_window_add_toast         (RosterWindow       *self,
                                                     const char         *text);
void                roster_window_show_people       (RosterWindow       *self,
                                                     const char         *text);
RosterPeopleDialog *roster_window_get_people_dialog (RosterWindow       *self);

G_END_DECLS
