/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_REMEMBERED_BANNER (roster_import_remembered_banner_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportRememberedBanner, roster_import_remembered_banner, ROSTER,
                      IMPORT_REMEMBERED_BANNER, AdwBin)

GtkWidget *roster_import_remembered_banner_new       (void);
void       roster_import_remembered_banner_set_saved (RosterImportRememberedBanner *self,
                                                      GDateTime                    *saved);

G_END_DECLS
