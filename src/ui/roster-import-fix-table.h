/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-import-plan.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_FIX_TABLE (roster_import_fix_table_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportFixTable, roster_import_fix_table, ROSTER, IMPORT_FIX_TABLE, AdwBin)

GtkWidget *roster_import_fix_table_new      (void);
void       roster_import_fix_table_set_plan (RosterImportFixTable *self,
                                             RosterImportPlan     *plan);
guint      roster_import_fix_table_get_row  (RosterImportFixTable *self,
                                             guint                 position);

G_END_DECLS
