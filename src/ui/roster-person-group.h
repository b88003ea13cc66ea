/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-person-match.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_PERSON_GROUP (roster_person_group_get_type ())

G_DECLARE_FINAL_TYPE (RosterPersonGroup, roster_person_group, ROSTER, PERSON_GROUP, AdwPreferencesGroup)

GtkWidget *roster_person_group_new       (RosterPersonMatch *first);
void       roster_person_group_add_match (RosterPersonGroup *self,
                                          RosterPersonMatch *match);
guint      roster_person_group_get_n_matches (RosterPersonGroup *self);

G_END_DECLS
