/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-application.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_WINDOW (roster_window_get_type ())

G_DECLARE_FINAL_TYPE (RosterWindow, roster_window, ROSTER, WINDOW, AdwApplicationWindow)

RosterWindow  *roster_window_new         (RosterApplication *application);
RosterAccount *roster_window_get_account (RosterWindow      *self);
void           roster_window_set_account (RosterWindow      *self,
                                          RosterAccount     *account);
void           roster_window_add_toast   (RosterWindow      *self,
                                          const char        *text);

G_END_DECLS
