/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-target-picker.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_TARGET_SUMMARY (roster_import_target_summary_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportTargetSummary, roster_import_target_summary, ROSTER, IMPORT_TARGET_SUMMARY, AdwPreferencesGroup)

GtkWidget  *roster_import_target_summary_new        (void);
void        roster_import_target_summary_show       (RosterImportTargetSummary *self,
                                                     RosterTargetPicker        *picker);
const char *roster_import_target_summary_get_text   (RosterImportTargetSummary *self);

G_END_DECLS
