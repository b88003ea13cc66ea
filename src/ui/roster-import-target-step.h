/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-import-target.h"
#include "roster-target-picker.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_TARGET_STEP (roster_import_target_step_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportTargetStep, roster_import_target_step, ROSTER, IMPORT_TARGET_STEP, AdwBin)

GtkWidget          *roster_import_target_step_new            (void);
RosterTargetPicker *roster_import_target_step_get_picker     (RosterImportTargetStep *self);
void                roster_import_target_step_choose_default (RosterImportTargetStep *self);
RosterImportTarget *roster_import_target_step_dup_target     (RosterImportTargetStep *self);

G_END_DECLS
