/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-registrant-store.h"
#include "roster-import-record.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_UNDO_DIALOG (roster_import_undo_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportUndoDialog, roster_import_undo_dialog, ROSTER, IMPORT_UNDO_DIALOG, AdwMessageDialog)

AdwMessageDialog       *roster_import_undo_dialog_new_question (GtkWindow            *parent,
                                                             RosterImportRecord     *record,
                                                             const char             *webinar_title);
RosterImportUndoDialog *roster_import_undo_dialog_new       (GtkWindow              *parent,
                                                             RosterClient           *client,
                                                             RosterRegistrantStore  *store,
                                                             RosterImportRecord     *record);
gboolean                roster_import_undo_dialog_get_done  (RosterImportUndoDialog *self);

G_END_DECLS
