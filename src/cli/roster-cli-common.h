/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* roster-cli's exit statuses, as scripts rely on them. */
typedef enum
{
  ROSTER_CLI_OK      = 0,
  ROSTER_CLI_PARTIAL = 1, /* some rows or calls failed */
  ROSTER_CLI_USAGE   = 2, /* usage or bad input */
  ROSTER_CLI_AUTH    = 3, /* key rejected, or the keyring cannot give or keep it */
  ROSTER_CLI_NETWORK = 4, /* network or server */
} RosterCliStatus;

int      roster_cli_fail             (int             status,
                                      const char     *format,
                                      ...) G_GNUC_PRINTF (2, 3);
int      roster_cli_status_for_error (const GError   *error);
gboolean roster_cli_parse_options    (GOptionEntry   *entries,
                                      const char     *parameter_string,
                                      int            *argc,
                                      char         ***argv,
                                      GError        **error);

GString *roster_cli_registrants_json (GListModel     *registrants);

G_END_DECLS
