/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-csv-reader.h"
#include "roster-import-plan.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_FILE_STEP (roster_import_file_step_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportFileStep, roster_import_file_step, ROSTER, IMPORT_FILE_STEP, AdwBin)

GtkWidget *roster_import_file_step_new            (void);
void       roster_import_file_step_show_error     (RosterImportFileStep   *self,
                                                   const char             *message);
void       roster_import_file_step_show_detection (RosterImportFileStep   *self,
                                                   GFile                  *file,
                                                   const RosterCsvPreview *preview);
void       roster_import_file_step_set_plan       (RosterImportFileStep   *self,
                                                   RosterImportPlan       *plan);

G_END_DECLS
