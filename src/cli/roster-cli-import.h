/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-client.h"

G_BEGIN_DECLS

int roster_cli_preview_run (int            argc,
                            char         **argv);
int roster_cli_import_run  (RosterClient  *client,
                            int            argc,
                            char         **argv);

G_END_DECLS
