/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-account-store.h"
#include "roster-demo.h"
#include "roster-import-runner.h"
#include "roster-window.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_APPLICATION (roster_application_get_type ())

G_DECLARE_FINAL_TYPE (RosterApplication, roster_application, ROSTER, APPLICATION, AdwApplication)

RosterApplication  *roster_application_new               (void);
RosterAccountStore *roster_application_get_account_store (RosterApplication *self);
RosterDemo         *roster_application_get_demo          (RosterApplication *self);
RosterWindow       *roster_application_new_window        (RosterApplication *self);
RosterImportRunner *roster_application_get_import_runner (RosterApplication *self);

G_END_DECLS
