/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-import-mapping.h"
#include "roster-import-plan.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_TIDY_STEP (roster_import_tidy_step_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportTidyStep, roster_import_tidy_step, ROSTER, IMPORT_TIDY_STEP, AdwBin)

GtkWidget *roster_import_tidy_step_new         (void);
void       roster_import_tidy_step_set_mapping (RosterImportTidyStep      *self,
                                                const RosterImportMapping *mapping);
void       roster_import_tidy_step_apply       (RosterImportTidyStep      *self,
                                                RosterImportMapping       *mapping);
void       roster_import_tidy_step_set_plan    (RosterImportTidyStep      *self,
                                                RosterImportPlan          *plan);

G_END_DECLS
