/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-account-store.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_CONNECT_DIALOG (roster_connect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RosterConnectDialog, roster_connect_dialog, ROSTER, CONNECT_DIALOG, AdwWindow)

RosterConnectDialog *roster_connect_dialog_new (GtkWindow          *parent,
                                                RosterAccountStore *store);

G_END_DECLS
