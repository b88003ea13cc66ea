/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-import-job.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_RUNNER (roster_import_runner_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportRunner, roster_import_runner, ROSTER, IMPORT_RUNNER, GObject)

RosterImportRunner *roster_import_runner_new                 (GtkApplication       *application);
RosterImportRunner *roster_import_runner_for_window          (GtkWindow            *window);
void                roster_import_runner_add                 (RosterImportRunner   *self,
                                                              RosterImportJob      *job,
                                                              GFile                *file,
                                                              const char           *webinar_name);
gboolean            roster_import_runner_contains            (RosterImportRunner   *self,
                                                              RosterImportJob      *job);
GListModel         *roster_import_runner_get_active          (RosterImportRunner   *self);
guint               roster_import_runner_get_n_active        (RosterImportRunner   *self);
GFile              *roster_import_runner_get_file            (RosterImportRunner   *self,
                                                              RosterImportJob      *job);
const char         *roster_import_runner_get_webinar_name    (RosterImportRunner   *self,
                                                              RosterImportJob      *job);
RosterImportJob    *roster_import_runner_lookup              (RosterImportRunner   *self,
                                                              const char           *id);
const char         *roster_import_runner_get_id              (RosterImportRunner   *self,
                                                              RosterImportJob      *job);
void                roster_import_runner_set_network_monitor (RosterImportRunner   *self,
                                                              GNetworkMonitor      *monitor);
gboolean            roster_import_runner_get_background_refused (RosterImportRunner *self);
guint               roster_import_runner_get_inhibit_cookie  (RosterImportRunner   *self);
void                roster_import_runner_show                (RosterImportRunner   *self,
                                                              RosterImportJob      *job,
                                                              GtkWindow            *parent);
void                roster_import_runner_pause_all_async     (RosterImportRunner   *self,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean            roster_import_runner_pause_all_finish    (RosterImportRunner   *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
char               *roster_import_runner_dup_summary         (RosterImportRunner   *self,
                                                              RosterImportJob      *job);

G_END_DECLS
