/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-import-record.h"

G_BEGIN_DECLS

/* The history of an account's imports, from their journals: listing, forgetting one (its
 * journal holds personal data) and forgetting finished ones after some days. */

#define ROSTER_IMPORT_HISTORY_DEFAULT_DAYS 90

GListModel *roster_import_history_list          (const char          *dir,
                                                 const char          *account_id,
                                                 GError             **error);
void        roster_import_history_list_async    (const char          *dir,
                                                 const char          *account_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GListModel *roster_import_history_list_finish   (GAsyncResult        *result,
                                                 GError             **error);
RosterImportRecord *roster_import_history_find  (GListModel          *history,
                                                 const char          *id,
                                                 GError             **error);
gboolean    roster_import_history_forget        (const char          *path,
                                                 GError             **error);
int         roster_import_history_expire        (const char          *dir,
                                                 guint                days,
                                                 GError             **error);
void        roster_import_history_expire_async  (const char          *dir,
                                                 guint                days,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
int         roster_import_history_expire_finish (GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
