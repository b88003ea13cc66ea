/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-import-record.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_HISTORY_ROW (roster_import_history_row_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportHistoryRow, roster_import_history_row, ROSTER, IMPORT_HISTORY_ROW, AdwActionRow)

GtkWidget          *roster_import_history_row_new        (RosterImportRecord     *record,
                                                          const char             *webinar_title);
RosterImportRecord *roster_import_history_row_get_record (RosterImportHistoryRow *self);
GMenuModel         *roster_import_history_row_get_menu   (RosterImportHistoryRow *self);

G_END_DECLS
