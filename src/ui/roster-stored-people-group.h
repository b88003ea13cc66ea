/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-account-store.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_STORED_PEOPLE_GROUP (roster_stored_people_group_get_type ())

G_DECLARE_FINAL_TYPE (RosterStoredPeopleGroup, roster_stored_people_group, ROSTER, STORED_PEOPLE_GROUP, AdwPreferencesGroup)

GtkWidget *roster_stored_people_group_new         (RosterAccountStore      *accounts,
                                                   RosterAccount           *shown);
gboolean   roster_stored_people_group_get_loading (RosterStoredPeopleGroup *self);

G_END_DECLS
