/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-client.h"
#include "roster-registrant-store.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_UNDO (roster_import_undo_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportUndo, roster_import_undo, ROSTER, IMPORT_UNDO, GObject)

RosterImportUndo *roster_import_undo_new              (RosterClient      *client,
                                                       const char        *journal_path);
void              roster_import_undo_set_check_window (RosterImportUndo  *self,
                                                       guint              seconds);
void              roster_import_undo_set_registrant_store (RosterImportUndo      *self,
                                                           RosterRegistrantStore *store);
void              roster_import_undo_run_async        (RosterImportUndo  *self,
                                                       GCancellable      *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer           user_data);
gboolean          roster_import_undo_run_finish       (RosterImportUndo  *self,
                                                       GAsyncResult      *result,
                                                       GError           **error);
guint             roster_import_undo_get_n_total      (RosterImportUndo  *self);
guint             roster_import_undo_get_n_done       (RosterImportUndo  *self);
guint             roster_import_undo_get_n_unsubscribed (RosterImportUndo *self);
guint             roster_import_undo_get_n_gone       (RosterImportUndo  *self);
guint             roster_import_undo_get_n_failed     (RosterImportUndo  *self);
guint             roster_import_undo_get_n_sent       (RosterImportUndo  *self);

G_END_DECLS
