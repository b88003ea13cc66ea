/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-import-job.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_RESULTS_PAGE (roster_import_results_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportResultsPage, roster_import_results_page, ROSTER, IMPORT_RESULTS_PAGE, AdwBin)

GtkWidget       *roster_import_results_page_new           (void);
RosterImportJob *roster_import_results_page_get_job       (RosterImportResultsPage  *self);
void             roster_import_results_page_set_job       (RosterImportResultsPage  *self,
                                                           RosterImportJob          *job,
                                                           GFile                    *file);
void             roster_import_results_page_export_async  (RosterImportResultsPage  *self,
                                                           GFile                    *destination,
                                                           GCancellable             *cancellable,
                                                           GAsyncReadyCallback       callback,
                                                           gpointer                  user_data);
gboolean         roster_import_results_page_export_finish (RosterImportResultsPage  *self,
                                                           GAsyncResult             *result,
                                                           GError                  **error);

G_END_DECLS
