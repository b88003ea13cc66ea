/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-account.h"

G_BEGIN_DECLS

#define ROSTER_SETTINGS_SCHEMA_ID    "io.github.rosterapp.Roster"
#define ROSTER_SETTINGS_ACCOUNTS     "accounts"
#define ROSTER_SETTINGS_ACTIVE_ACCOUNT "active-account"

#define ROSTER_TYPE_ACCOUNT_STORE (roster_account_store_get_type ())

G_DECLARE_FINAL_TYPE (RosterAccountStore, roster_account_store, ROSTER, ACCOUNT_STORE, GObject)

RosterAccountStore *roster_account_store_new               (void);
RosterAccountStore *roster_account_store_new_with_settings (GSettings            *settings);

GSettings          *roster_account_store_get_settings      (RosterAccountStore   *self);
RosterAccount      *roster_account_store_lookup            (RosterAccountStore   *self,
                                                            const char           *name);
char               *roster_account_store_normalize_name    (const char           *name,
                                                            GError              **error);

void                roster_account_store_add_async         (RosterAccountStore   *self,
                                                            const char           *name,
                                                            RosterProduct         product,
                                                            const char           *endpoint,
                                                            const char           *api_key,
                                                            gboolean              check,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
RosterAccount      *roster_account_store_add_finish        (RosterAccountStore   *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
RosterAccount      *roster_account_store_add_session_only  (RosterAccountStore   *self,
                                                            const char           *name,
                                                            RosterProduct         product,
                                                            const char           *endpoint,
                                                            const char           *api_key,
                                                            GError              **error);
void                roster_account_store_rename_async      (RosterAccountStore   *self,
                                                            RosterAccount        *account,
                                                            const char           *new_name,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean            roster_account_store_rename_finish     (RosterAccountStore   *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                roster_account_store_remove_async      (RosterAccountStore   *self,
                                                            RosterAccount        *account,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean            roster_account_store_remove_finish     (RosterAccountStore   *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

G_END_DECLS
