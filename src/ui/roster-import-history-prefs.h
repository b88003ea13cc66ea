/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_HISTORY_PREFS (roster_import_history_prefs_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportHistoryPrefs, roster_import_history_prefs, ROSTER, IMPORT_HISTORY_PREFS, AdwPreferencesGroup)

GtkSpinButton *roster_import_history_prefs_get_days (RosterImportHistoryPrefs *self);

G_END_DECLS
