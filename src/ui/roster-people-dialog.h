/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-account.h"
#include "roster-person-match.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_PEOPLE_DIALOG (roster_people_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RosterPeopleDialog, roster_people_dialog, ROSTER, PEOPLE_DIALOG, AdwWindow)

RosterPeopleDialog *roster_people_dialog_new         (GtkWindow          *parent);
RosterAccount      *roster_people_dialog_get_account (RosterPeopleDialog *self);
void                roster_people_dialog_set_account (RosterPeopleDialog *self,
                                                      RosterAccount      *account);
void                roster_people_dialog_set_text    (RosterPeopleDialog *self,
                                                      const char         *text);
const char         *roster_people_dialog_get_state   (RosterPeopleDialog *self);
GListModel         *roster_people_dialog_get_matches (RosterPeopleDialog *self);

G_END_DECLS
