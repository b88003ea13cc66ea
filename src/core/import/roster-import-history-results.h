/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* An import's results as its journal alone tells them (the file may be gone): each row it
 * sent, with its outcome, message, user ID and personal links. */

void       roster_import_history_read_results_async  (const char          *path,
                                                      const char          *account_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray *roster_import_history_read_results_finish (GAsyncResult        *result,
                                                      GError             **error);
GString   *roster_import_history_results_csv         (GPtrArray           *rows);
gboolean   roster_import_history_export_results      (const char          *path,
                                                      const char          *account_id,
                                                      const char          *destination,
                                                      GError             **error);
void       roster_import_history_export_results_async (const char         *path,
                                                      const char          *account_id,
                                                      const char          *destination,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean   roster_import_history_export_results_finish (GAsyncResult      *result,
                                                      GError             **error);

G_END_DECLS
