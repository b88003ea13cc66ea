/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-client.h"

G_BEGIN_DECLS

int roster_cli_imports_run (RosterClient  *client,
                            const char    *store_path,
                            int            argc,
                            char         **argv);

G_END_DECLS
