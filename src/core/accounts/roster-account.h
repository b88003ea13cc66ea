/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-client.h"
#include "roster-product.h"
#include "roster-registrant-store.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_ACCOUNT (roster_account_get_type ())

G_DECLARE_FINAL_TYPE (RosterAccount, roster_account, ROSTER, ACCOUNT, GObject)

RosterAccount *roster_account_new                   (const char           *name,
                                                     RosterProduct         product,
                                                     const char           *endpoint);
RosterAccount *roster_account_new_session_only      (const char           *name,
                                                     RosterProduct         product,
                                                     const char           *endpoint,
                                                     const char           *api_key);
RosterAccount *roster_account_new_demo              (const char           *endpoint,
                                                     const char           *api_key);

const char    *roster_account_get_name              (RosterAccount        *self);
RosterProduct  roster_account_get_product           (RosterAccount        *self);
const char    *roster_account_get_endpoint          (RosterAccount        *self);
const char    *roster_account_get_effective_endpoint (RosterAccount       *self);
gboolean       roster_account_get_is_demo           (RosterAccount        *self);
gboolean       roster_account_get_session_only      (RosterAccount        *self);

void           roster_account_set_session_key       (RosterAccount        *self,
                                                     const char           *api_key);
void           roster_account_forget_client         (RosterAccount        *self);

void           roster_account_get_client_async      (RosterAccount        *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
RosterClient  *roster_account_get_client_finish     (RosterAccount        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
RosterClient  *roster_account_peek_client           (RosterAccount        *self);

char          *roster_account_dup_registrant_store_path   (RosterAccount        *self,
                                                           GError              **error);
void           roster_account_get_registrant_store_async  (RosterAccount        *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
RosterRegistrantStore *roster_account_get_registrant_store_finish (RosterAccount  *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
RosterRegistrantStore *roster_account_peek_registrant_store (RosterAccount      *self);
gboolean       roster_account_forget_registrant_store     (RosterAccount        *self,
                                                           GError              **error);

G_END_DECLS
