/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-cli"

#include "config.h"

#include <gio/gio.h>

#include "roster-cli-common.h"
#include "roster-error.h"
#include "roster-keyring.h"

/* Prints one clear line on stderr and returns @status, for `return roster_cli_fail (…)`. */
int
roster_cli_fail (int         status,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("roster-cli: %s\n", message);
  return status;
}

int
roster_cli_status_for_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, ROSTER_CLI_NETWORK);

  if (error->domain == ROSTER_KEYRING_ERROR)
    return ROSTER_CLI_AUTH;

  /* Files that cannot be read or written, names that are not valid. */
  if (error->domain == G_IO_ERROR || error->domain == G_FILE_ERROR)
    return ROSTER_CLI_USAGE;

  if (error->domain != ROSTER_API_ERROR)
    return ROSTER_CLI_NETWORK;

  switch ((RosterApiError) error->code)
    {
    case ROSTER_API_ERROR_AUTHENTICATION:
      return ROSTER_CLI_AUTH;
    case ROSTER_API_ERROR_VALIDATION:
    case ROSTER_API_ERROR_NOT_FOUND:
      return ROSTER_CLI_USAGE;
    case ROSTER_API_ERROR_RATE_LIMITED:
    case ROSTER_API_ERROR_SERVER:
    case ROSTER_API_ERROR_NETWORK:
    case ROSTER_API_ERROR_TLS:
    case ROSTER_API_ERROR_PROTOCOL:
    case ROSTER_API_ERROR_OUTCOME_UNKNOWN:
    default:
      return ROSTER_CLI_NETWORK;
    }
}

/* Parses one command's options; what is left in argv are its arguments. */
gboolean
roster_cli_parse_options (GOptionEntry   *entries,
                          const char     *parameter_string,
                          int            *argc,
                          char         ***argv,
                          GError        **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return g_option_context_parse (context, argc, argv, error);
}
