/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_REMEMBERED_MAPPINGS_GROUP (roster_remembered_mappings_group_get_type ())

G_DECLARE_FINAL_TYPE (RosterRememberedMappingsGroup, roster_remembered_mappings_group, ROSTER,
                      REMEMBERED_MAPPINGS_GROUP, AdwPreferencesGroup)

GtkWidget *roster_remembered_mappings_group_new    (void);
void       roster_remembered_mappings_group_reload (RosterRememberedMappingsGroup *self);
gboolean   roster_remembered_mappings_group_get_loading (RosterRememberedMappingsGroup *self);

G_END_DECLS
