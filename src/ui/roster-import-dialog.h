/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-account.h"
#include "roster-client.h"
#include "roster-import-job.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_DIALOG (roster_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportDialog, roster_import_dialog, ROSTER, IMPORT_DIALOG, AdwWindow)

RosterImportDialog *roster_import_dialog_new             (GtkWindow          *parent,
                                                          RosterClient       *client,
                                                          GListModel         *webinars,
                                                          GFile              *file);
RosterImportDialog *roster_import_dialog_new_for_journal (GtkWindow          *parent,
                                                          RosterClient       *client,
                                                          GListModel         *webinars,
                                                          const char         *journal_path);
void                roster_import_dialog_set_account     (RosterImportDialog *self,
                                                          RosterAccount      *account);
void                roster_import_dialog_set_retry_failed (RosterImportDialog *self,
                                                           gboolean            retry_failed);
void                roster_import_dialog_open_file       (RosterImportDialog *self,
                                                          GFile              *file);
GFile              *roster_import_dialog_get_file        (RosterImportDialog *self);
const char         *roster_import_dialog_get_step        (RosterImportDialog *self);
gboolean            roster_import_dialog_get_running     (RosterImportDialog *self);
void                roster_import_dialog_export_problems_async  (RosterImportDialog  *self,
                                                                 GFile               *file,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
gboolean            roster_import_dialog_export_problems_finish (RosterImportDialog  *self,
                                                                 GAsyncResult        *result,
                                                                 guint               *n_rows,
                                                                 GError             **error);
RosterImportJob    *roster_import_dialog_get_job         (RosterImportDialog *self);

G_END_DECLS
