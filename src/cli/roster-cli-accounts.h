/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "roster-product.h"

G_BEGIN_DECLS

int   roster_cli_accounts_run (int            argc,
                               char         **argv);
char *roster_cli_account_key  (const char    *name,
                               RosterProduct *product,
                               char         **endpoint,
                               GError       **error);

G_END_DECLS
