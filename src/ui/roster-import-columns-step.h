/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-csv-reader.h"
#include "roster-import-mapping.h"
#include "roster-import-plan.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_COLUMNS_STEP (roster_import_columns_step_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportColumnsStep, roster_import_columns_step, ROSTER, IMPORT_COLUMNS_STEP, AdwBin)

GtkWidget                 *roster_import_columns_step_new         (void);
void                       roster_import_columns_step_set_file    (RosterImportColumnsStep   *self,
                                                                   const RosterCsvPreview    *preview,
                                                                   const RosterImportMapping *mapping);
const RosterImportMapping *roster_import_columns_step_get_mapping (RosterImportColumnsStep   *self);
gboolean                   roster_import_columns_step_get_ready   (RosterImportColumnsStep   *self);
void                       roster_import_columns_step_set_plan    (RosterImportColumnsStep   *self,
                                                                   RosterImportPlan          *plan);

G_END_DECLS
