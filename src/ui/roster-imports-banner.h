/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-import-runner.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORTS_BANNER (roster_imports_banner_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportsBanner, roster_imports_banner, ROSTER, IMPORTS_BANNER, AdwBin)

GtkWidget          *roster_imports_banner_new        (void);
RosterImportRunner *roster_imports_banner_get_runner (RosterImportsBanner *self);
void                roster_imports_banner_set_runner (RosterImportsBanner *self,
                                                      RosterImportRunner  *runner);

G_END_DECLS
