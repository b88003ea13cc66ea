/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-import-job.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_PROGRESS_WINDOW (roster_import_progress_window_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportProgressWindow, roster_import_progress_window, ROSTER, IMPORT_PROGRESS_WINDOW, AdwWindow)

GtkWidget       *roster_import_progress_window_new     (GtkWindow                  *parent,
                                                        RosterImportJob            *job,
                                                        GFile                      *file,
                                                        const char                 *webinar_name);
RosterImportJob *roster_import_progress_window_get_job (RosterImportProgressWindow *self);

G_END_DECLS
