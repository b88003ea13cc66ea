/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "roster-cli-common.h"
#include "roster-cli-import.h"
#include "roster-csv-reader.h"
#include "roster-import-memory.h"

/* `roster-cli preview`: how Roster reads a CSV file (encoding, delimiter, header, every record
 * and its problems), as text or one JSON line per record, and the CSV options it shares with
 * `roster-cli import`. */

/* "," ";" "|" "tab" or a literal tab. */
gboolean
roster_cli_parse_delimiter (const char *text,
                            char       *delimiter)
{
  if (text == NULL)
    {
      *delimiter = '\0';
      return TRUE;
    }
  if (g_ascii_strcasecmp (text, "tab") == 0 || strcmp (text, "\\t") == 0 || strcmp (text, "\t") == 0)
    {
      *delimiter = '\t';
      return TRUE;
    }
  if (strlen (text) == 1 && strchr (",;|", text[0]) != NULL)
    {
      *delimiter = text[0];
      return TRUE;
    }

  return FALSE;
}

const char *
roster_cli_delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case '\t':
      return "tab";
    case ',':
      return ",";
    case ';':
      return ";";
    case '|':
      return "|";
    default:
      return "?";
    }
}

static RosterCsvReader *
open_reader (const char  *path,
             const char  *encoding,
             char         delimiter,
             const char  *sheet,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(RosterCsvReader) reader = NULL;
  RosterCsvOptions options;

  roster_csv_options_init (&options);
  options.encoding = encoding;
  options.delimiter = delimiter;
  options.sheet = sheet;

  reader = roster_csv_reader_new_for_file (file, &options, NULL, error);
  if (reader == NULL || !roster_csv_reader_detect (reader, NULL, error))
    return NULL;

  return g_steal_pointer (&reader);
}

static char *
record_to_json (const char * const *fields,
                guint               n_fields)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < n_fields; i++)
    json_builder_add_string_value (builder, fields[i] != NULL ? fields[i] : "");
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* The columns `import` would take from an earlier import of the same layout, by any account. */
static void
print_remembered (const char * const *header)
{
  g_autofree char *signature = roster_import_header_signature (header);
  g_autoptr(RosterImportRemembered) remembered = roster_import_memory_lookup_any (signature);
  g_autofree char *date = NULL;
  g_autoptr(GString) columns = g_string_new (NULL);

  if (remembered == NULL)
    return;
  date = roster_import_remembered_format_date (roster_import_remembered_get_saved (remembered));
  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    {
      const char *name = roster_import_remembered_get_column_name (remembered, i);

      if (name != NULL)
        g_string_append_printf (columns, "%s%s=%s", columns->len > 0 ? ", " : "", roster_import_field_to_string (i), name);
    }
  /* Translators: %s is a day, "3 Dec"; then FIELD=COLUMN pairs as --map takes them */
  g_print (_("Remembered columns: from your import of %s: %s\n"), date, columns->str);
}

int
roster_cli_preview_run (int    argc,
                        char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *delimiter_text = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *sheet = NULL;
  gboolean list_sheets = FALSE;
  gboolean no_remembered = FALSE;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text or json (one JSON line per record)"), "FORMAT" },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter_text, N_("Field delimiter: , ; | or tab (default: detect)"), "C" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("Character encoding (default: detect)"), "NAME" },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, N_("The sheet of an XLSX or ODS file (default: the first)"), "NAME" },
    { "list-sheets", 0, 0, G_OPTION_ARG_NONE, &list_sheets, N_("Only list the sheets of an XLSX or ODS file, one a line"), NULL },
    { "no-remembered-mapping", 0, 0, G_OPTION_ARG_NONE, &no_remembered, N_("Do not say which remembered columns an import would use"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(GString) records = g_string_new (NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new ();
  const char * const *header;
  const char * const *sheets;
  gboolean json;
  char delimiter;
  guint n_records = 0;

  if (!roster_cli_parse_options (entries, "FILE", &argc, &argv, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
  if (argc != 2)
    return roster_cli_fail (ROSTER_CLI_USAGE, _("preview needs one FILE"));
  if (format != NULL && g_strcmp0 (format, "text") != 0 && g_strcmp0 (format, "json") != 0)
    return roster_cli_fail (ROSTER_CLI_USAGE, _("--format is text or json"));
  if (!roster_cli_parse_delimiter (delimiter_text, &delimiter))
    return roster_cli_fail (ROSTER_CLI_USAGE, _("--delimiter is one of , ; | or tab"));
  json = g_strcmp0 (format, "json") == 0;

  reader = open_reader (argv[1], encoding, delimiter, sheet, &error);
  if (reader == NULL)
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
  sheets = roster_csv_reader_get_sheet_names (reader);
  if (list_sheets)
    {
      if (sheets == NULL)
        return roster_cli_fail (ROSTER_CLI_USAGE, _("%s is not a spreadsheet: it has no sheets"), argv[1]);
      for (guint i = 0; sheets[i] != NULL; i++)
        g_print ("%s\n", sheets[i]);
      return ROSTER_CLI_OK;
    }

  for (;;)
    {
      g_autoptr(RosterCsvRecord) record = NULL;

      /* FALSE at the end, with no error. */
      if (!roster_csv_reader_read_record (reader, &record, NULL, &error))
        {
          if (error != NULL)
            return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
          break;
        }
      n_records++;
      if (json)
        {
          g_autofree char *line = record_to_json (roster_csv_record_get_fields (record),
                                                  roster_csv_record_get_n_fields (record));

          g_string_append (records, line);
          g_string_append_c (records, '\n');
        }
      else
        {
          GPtrArray *record_problems = roster_csv_record_get_problems (record);

          for (guint i = 0; record_problems != NULL && i < record_problems->len; i++)
            {
              const RosterCsvProblem *problem = g_ptr_array_index (record_problems, i);

              /* The message names its line already. */
              g_string_append (records, problem->message);
              g_string_append_c (records, '\n');
            }
        }
    }

  header = roster_csv_reader_get_header (reader);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "encoding");
      json_builder_add_string_value (builder, roster_csv_reader_get_encoding (reader));
      json_builder_set_member_name (builder, "delimiter");
      json_builder_add_string_value (builder, roster_csv_reader_get_delimiter (reader) == '\t' ? "\t" : roster_cli_delimiter_name (roster_csv_reader_get_delimiter (reader)));
      json_builder_set_member_name (builder, "header");
      if (header != NULL)
        {
          json_builder_begin_array (builder);
          for (guint i = 0; header[i] != NULL; i++)
            json_builder_add_string_value (builder, header[i]);
          json_builder_end_array (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "rows");
      json_builder_add_int_value (builder, n_records);
      if (sheets != NULL)
        {
          json_builder_set_member_name (builder, "sheet");
          json_builder_add_string_value (builder, roster_csv_reader_get_sheet (reader));
          json_builder_set_member_name (builder, "sheets");
          json_builder_begin_array (builder);
          for (guint i = 0; sheets[i] != NULL; i++)
            json_builder_add_string_value (builder, sheets[i]);
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n%s", text, records->str);
      return ROSTER_CLI_OK;
    }

  if (sheets != NULL)
    {
      g_autofree char *all = g_strjoinv (", ", (char **) sheets);

      /* A workbook has no encoding or delimiter of its own. */
      g_print ("%s: %s\n", _("Format"), roster_csv_reader_get_encoding (reader));
      g_print ("%s: %s\n", _("Sheet"), roster_csv_reader_get_sheet (reader));
      g_print ("%s: %s\n", _("Sheets"), all);
    }
  else
    {
      g_print ("%s: %s\n", _("Encoding"), roster_csv_reader_get_encoding (reader));
      g_print ("%s: %s\n", _("Delimiter"), roster_cli_delimiter_name (roster_csv_reader_get_delimiter (reader)));
    }
  if (header != NULL)
    {
      g_autofree char *joined = g_strjoinv (" | ", (char **) header);

      g_print ("%s: %s\n", _("Header"), joined);
    }
  else
    g_print ("%s: %s\n", _("Header"), _("none"));
  if (header != NULL && !no_remembered)
    print_remembered (header);
  g_print ("%s: %u\n", _("Rows"), n_records);
  if (records->len > 0)
    g_print ("%s", records->str);

  return ROSTER_CLI_OK;
}
