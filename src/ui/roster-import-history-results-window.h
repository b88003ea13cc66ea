/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-import-record.h"

G_BEGIN_DECLS

GtkWindow *roster_import_history_results_window_new (GtkWindow          *parent,
                                                     RosterClient       *client,
                                                     RosterImportRecord *record);

G_END_DECLS
