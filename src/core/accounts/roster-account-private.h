/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-account.h"

G_BEGIN_DECLS

/* Used by RosterAccountStore, which owns the settings the account mirrors. */
void     _roster_account_set_name   (RosterAccount *self,
                                     const char    *name);
gboolean _roster_account_update     (RosterAccount *self,
                                     RosterProduct  product,
                                     const char    *endpoint);
void     _roster_account_set_client (RosterAccount *self,
                                     RosterClient  *client);

G_END_DECLS
