/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-cli"

#include "config.h"

#include <gio/gio.h>

#include "roster-cli-common.h"
#include "roster-error.h"
#include "roster-keyring.h"
#include "roster-registrant-export.h"

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

/* Registrants as a pretty JSON array of objects, one member per export column. */
GString *
roster_cli_registrants_json (GListModel *registrants)
{
  const char * const *columns = roster_registrant_export_get_columns ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GString *text = g_string_new (NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (registrants); i++)
    {
      g_autoptr(RosterRegistrant) registrant = g_list_model_get_item (registrants, i);
      g_auto(GStrv) values = roster_registrant_export_values (registrant);

      json_builder_begin_object (builder);
      for (guint c = 0; columns[c] != NULL; c++)
        {
          json_builder_set_member_name (builder, columns[c]);
          if (values[c] != NULL)
            json_builder_add_string_value (builder, values[c]);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  json_generator_to_gstring (generator, text);
  g_string_append_c (text, '\n');
  return text;
}
