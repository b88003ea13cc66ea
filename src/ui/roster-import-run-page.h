/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-import-job.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_RUN_PAGE (roster_import_run_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportRunPage, roster_import_run_page, ROSTER, IMPORT_RUN_PAGE, AdwBin)

GtkWidget       *roster_import_run_page_new     (void);
RosterImportJob *roster_import_run_page_get_job (RosterImportRunPage *self);
void             roster_import_run_page_set_job (RosterImportRunPage *self,
                                                 RosterImportJob     *job);

G_END_DECLS
