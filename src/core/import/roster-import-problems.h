/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-csv-reader.h"
#include "roster-import-mapping.h"
#include "roster-import-plan.h"
#include "roster-import-session.h"

G_BEGIN_DECLS

typedef struct _RosterImportProblemsExport RosterImportProblemsExport;

RosterImportProblemsExport *roster_import_problems_export_new  (RosterImportPlan           *plan,
                                                                const RosterImportMapping  *mapping,
                                                                GFile                      *source,
                                                                const RosterCsvOptions     *options,
                                                                GFile                      *destination);
gboolean                    roster_import_problems_export_run  (RosterImportProblemsExport *self,
                                                                guint                      *n_written,
                                                                GCancellable               *cancellable,
                                                                GError                    **error);
void                        roster_import_problems_export_free (RosterImportProblemsExport *self);

void     roster_import_session_export_problems_async  (RosterImportSession  *self,
                                                       GFile                *destination,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean roster_import_session_export_problems_finish (RosterImportSession  *self,
                                                       GAsyncResult         *result,
                                                       guint                *n_rows,
                                                       GError              **error);

G_END_DECLS
