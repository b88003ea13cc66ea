/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-client.h"

G_BEGIN_DECLS

/* The CSV commands: preview (roster-cli-preview.c) and import, and the options both take. */

int         roster_cli_preview_run     (int            argc,
                                        char         **argv);
int         roster_cli_import_run      (RosterClient  *client,
                                        const char    *store_path,
                                        int            argc,
                                        char         **argv);
gboolean    roster_cli_parse_delimiter (const char    *text,
                                        char          *delimiter);
const char *roster_cli_delimiter_name  (char           delimiter);

G_END_DECLS
