/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "roster-cli-accounts.h"
#include "roster-cli-import.h"
#include "roster-cli-imports.h"
#include "roster-cli-store.h"
#include "roster-cli-common.h"
#include "roster-client.h"
#include "roster-contact.h"
#include "roster-error.h"
#include "roster-fake-service.h"
#include "roster-import-journal.h"
#include "roster-registrant-export.h"
#include "roster-registrant-lookup.h"
#include "roster-registrant-store.h"

typedef struct
{
  RosterClient      *client;
  RosterFakeService *demo;
  GMainLoop         *loop;
  GAsyncResult      *result;
  char              *store_path;  /* NULL: the demo's, in memory */
} Cli;

static const char usage_text[] =
  "Commands:\n"
  "  webinars [--json]\n"
  "  webinar WEBINAR_ID [--timezone GMT+2] [--json]\n"
  "  registrants WEBINAR_ID [--schedule ID] [--date-range 0-8] [--attended-live 0-4]\n"
  "              [--attended-replay 0-4] [--purchased 0-2] [--search TEXT]\n"
  "              [--page N | --all | --cached] [--format csv|json] [--output FILE]\n"
  "  register WEBINAR_ID --schedule ID --email E --first-name F [--last-name L]\n"
  "           [--date \"YYYY-MM-DD HH:MM\"] [--timezone TZ] [--phone-country-code +C]\n"
  "           [--phone NUMBER] [--allow-duplicate] [--json]\n"
  "  unsubscribe WEBINAR_ID --lead LEAD_ID\n"
  "  preview FILE [--format text|json] [--delimiter C] [--encoding NAME] [--sheet NAME]\n"
  "          [--list-sheets] [--no-remembered-mapping]\n"
  "  import FILE --webinar ID --schedule ID [--date \"YYYY-MM-DD HH:MM\"] [--timezone TZ]\n"
  "         [--map FIELD=COLUMN]... [--delimiter C] [--encoding NAME] [--sheet NAME]\n"
  "         [--default-country CC] [--no-normalise] [--no-remembered-mapping]\n"
  "         [--skip-registered] [--skip-invalid]\n"
  "         [--dry-run] [--results FILE] [--retry-failed] [--resend-unknown] [--recover]\n"
  "         [--give-up-after SECONDS] [--check-window SECONDS] --consent\n"
  "  imports [list] | imports show ID | imports undo ID --consent | imports forget ID\n"
  "          [--keep-days DAYS] [--check-window SECONDS]\n"
  "  sync [WEBINAR_ID… | --all] [--full]\n"
  "  people TEXT [--json]\n"
  "  forget-data\n"
  "  accounts [list]\n"
  "  accounts add NAME [--product everwebinar|webinarjam] [--endpoint URL]  (key on standard input)\n"
  "  accounts remove NAME\n"
  "\n"
  "The API key is read from the ROSTER_API_KEY environment variable, or with --account NAME\n"
  "from the keyring; ROSTER_API_KEY wins when both are given.";

static int
fail_with_error (const GError *error)
{
  return roster_cli_fail (roster_cli_status_for_error (error), "%s", error->message);
}

/* ---- Waiting for one async call ------------------------------------------------------------- */

static void
cli_store_result_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Cli *cli = user_data;

  cli->result = g_object_ref (result);
  g_main_loop_quit (cli->loop);
}

static GAsyncResult *
cli_wait (Cli *cli)
{
  g_main_loop_run (cli->loop);
  return cli->result;
}

static void
cli_clear_result (Cli *cli)
{
  g_clear_object (&cli->result);
}

/* ---- Parsing helpers -------------------------------------------------------------------------- */

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *id = (gint64) value;
  return TRUE;
}

static gboolean
write_output (const char  *path,
              const char  *data,
              gsize        len,
              GError     **error)
{
  if (path == NULL || g_strcmp0 (path, "-") == 0)
    {
      if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write to standard output"));
          return FALSE;
        }
      return TRUE;
    }

  return g_file_set_contents (path, data, len, error);
}

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* ---- webinars / webinar ------------------------------------------------------------------------ */

static void
build_webinar_json (JsonBuilder   *builder,
                    RosterWebinar *webinar,
                    gboolean       full)
{
  GListModel *schedules = roster_webinar_get_schedules (webinar);
  GListModel *presenters = roster_webinar_get_presenters (webinar);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "webinar_id");
  json_builder_add_int_value (builder, roster_webinar_get_id (webinar));
  add_string_member (builder, "webinar_hash", roster_webinar_get_hash (webinar));
  add_string_member (builder, "name", roster_webinar_get_name (webinar));
  add_string_member (builder, "title", roster_webinar_get_title (webinar));
  add_string_member (builder, "description", roster_webinar_get_description (webinar));
  add_string_member (builder, "timezone", roster_webinar_get_timezone (webinar));
  if (roster_webinar_get_webinar_type (webinar) != NULL)
    add_string_member (builder, "type", roster_webinar_get_webinar_type (webinar));

  json_builder_set_member_name (builder, "schedules");
  json_builder_begin_array (builder);
  for (guint i = 0; schedules != NULL && i < g_list_model_get_n_items (schedules); i++)
    {
      g_autoptr(RosterSchedule) schedule = g_list_model_get_item (schedules, i);

      if (!full)
        {
          json_builder_add_string_value (builder, roster_schedule_get_comment (schedule));
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "schedule");
      json_builder_add_int_value (builder, roster_schedule_get_id (schedule));
      add_string_member (builder, "date", roster_schedule_get_date (schedule));
      add_string_member (builder, "comment", roster_schedule_get_comment (schedule));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (full)
    {
      json_builder_set_member_name (builder, "presenters");
      json_builder_begin_array (builder);
      for (guint i = 0; presenters != NULL && i < g_list_model_get_n_items (presenters); i++)
        {
          g_autoptr(RosterPresenter) presenter = g_list_model_get_item (presenters, i);

          json_builder_begin_object (builder);
          add_string_member (builder, "name", roster_presenter_get_name (presenter));
          add_string_member (builder, "email", roster_presenter_get_email (presenter));
          add_string_member (builder, "picture", roster_presenter_get_picture (presenter));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      add_string_member (builder, "registration_url", roster_webinar_get_registration_url (webinar));
      add_string_member (builder, "registration_type", roster_webinar_get_registration_type (webinar));
      json_builder_set_member_name (builder, "registration_fee");
      json_builder_add_double_value (builder, roster_webinar_get_registration_fee (webinar));
      add_string_member (builder, "registration_currency", roster_webinar_get_registration_currency (webinar));
      add_string_member (builder, "registration_checkout_url", roster_webinar_get_registration_checkout_url (webinar));
      add_string_member (builder, "registration_post_payment_url", roster_webinar_get_registration_post_payment_url (webinar));
      add_string_member (builder, "direct_live_room_url", roster_webinar_get_live_room_url (webinar));
      add_string_member (builder, "direct_replay_room_url", roster_webinar_get_replay_room_url (webinar));
    }

  json_builder_end_object (builder);
}

static int
command_webinars (Cli    *cli,
                  int     argc,
                  char  **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webinars = NULL;

  if (!roster_cli_parse_options (entries, "", &argc, &argv, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
  if (argc > 1)
    return roster_cli_fail (ROSTER_CLI_USAGE, _("webinars takes no arguments"));

  roster_client_list_webinars_async (cli->client, NULL, cli_store_result_cb, cli);
  webinars = roster_client_list_webinars_finish (cli->client, cli_wait (cli), &error);
  cli_clear_result (cli);
  if (webinars == NULL)
    return fail_with_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < webinars->len; i++)
        build_webinar_json (builder, g_ptr_array_index (webinars, i), FALSE);
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return ROSTER_CLI_OK;
    }

  for (guint i = 0; i < webinars->len; i++)
    {
      RosterWebinar *webinar = g_ptr_array_index (webinars, i);
      GListModel *schedules = roster_webinar_get_schedules (webinar);
      g_autoptr(GString) comments = g_string_new (NULL);

      for (guint j = 0; schedules != NULL && j < g_list_model_get_n_items (schedules); j++)
        {
          g_autoptr(RosterSchedule) schedule = g_list_model_get_item (schedules, j);

          if (j > 0)
            g_string_append (comments, "; ");
          g_string_append (comments, roster_schedule_get_comment (schedule) ?: "");
        }

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n",
               roster_webinar_get_id (webinar),
               roster_webinar_get_title (webinar) ?: roster_webinar_get_name (webinar) ?: "",
               roster_webinar_get_timezone (webinar) ?: "",
               comments->str);
    }

  return ROSTER_CLI_OK;
}

static int
command_webinar (Cli    *cli,
                 int     argc,
                 char  **argv)
{
  gboolean json = FALSE;
  g_autofree char *timezone = NULL;
  GOptionEntry entries[] = {
    { "timezone", 0, 0, G_OPTION_ARG_STRING, &timezone, N_("Show times in this zone"), "GMT+2" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterWebinar) webinar = NULL;
  GListModel *schedules;
  GListModel *presenters;
  gint64 webinar_id;

  if (!roster_cli_parse_options (entries, "WEBINAR_ID", &argc, &argv, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
  if (argc != 2 || !parse_id (argv[1], &webinar_id))
    return roster_cli_fail (ROSTER_CLI_USAGE, _("webinar needs one WEBINAR_ID, a positive number"));

  roster_client_get_webinar_async (cli->client, webinar_id, timezone, NULL, cli_store_result_cb, cli);
  webinar = roster_client_get_webinar_finish (cli->client, cli_wait (cli), &error);
  cli_clear_result (cli);
  if (webinar == NULL)
    return fail_with_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      build_webinar_json (builder, webinar, TRUE);
      root = json_builder_get_root (builder);
      print_json (root);
      return ROSTER_CLI_OK;
    }

  g_print ("%s: %s\n", _("Title"), roster_webinar_get_title (webinar) ?: "");
  g_print ("%s: %s\n", _("Name"), roster_webinar_get_name (webinar) ?: "");
  g_print ("%s: %s\n", _("Timezone"), roster_webinar_get_timezone (webinar) ?: "");
  if (roster_webinar_get_registration_url (webinar) != NULL)
    g_print ("%s: %s\n", _("Registration"), roster_webinar_get_registration_url (webinar));

  schedules = roster_webinar_get_schedules (webinar);
  for (guint i = 0; schedules != NULL && i < g_list_model_get_n_items (schedules); i++)
    {
      g_autoptr(RosterSchedule) schedule = g_list_model_get_item (schedules, i);

      g_print ("%s %" G_GINT64_FORMAT ": %s (%s)\n", _("Schedule"),
               roster_schedule_get_id (schedule),
               roster_schedule_get_comment (schedule) ?: "",
               roster_schedule_get_date (schedule) ?: _("no date"));
    }

  presenters = roster_webinar_get_presenters (webinar);
  for (guint i = 0; presenters != NULL && i < g_list_model_get_n_items (presenters); i++)
    {
      g_autoptr(RosterPresenter) presenter = g_list_model_get_item (presenters, i);

      g_print ("%s: %s <%s>\n", _("Presenter"),
               roster_presenter_get_name (presenter) ?: "",
               roster_presenter_get_email (presenter) ?: "");
    }

  return ROSTER_CLI_OK;
}

/* ---- registrants --------------------------------------------------------------------------------- */

static void
registrants_progress_cb (RosterRegistrantPage *page,
                         guint                 n_loaded,
                         gint64                total,
                         gpointer              user_data)
{
  g_printerr ("\r");
  if (total >= 0)
    g_printerr (_("Loaded %u of %u registrants"), n_loaded, (guint) CLAMP (total, 0, G_MAXUINT));
  else
    g_printerr (_("Loaded %u registrants"), n_loaded);
}

static int
command_registrants (Cli    *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(RosterRegistrantFilter) filter = roster_registrant_filter_new ();
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *search = NULL;
  gint64 schedule = 0;
  int page = 0;
  gboolean all = FALSE;
  gboolean cached = FALSE;
  GOptionEntry entries[] = {
    { "schedule", 0, 0, G_OPTION_ARG_INT64, &schedule, N_("Only this schedule"), "ID" },
    { "date-range", 0, 0, G_OPTION_ARG_INT, &filter->date_range, N_("0 all time … 8 last 30 days"), "0-8" },
    { "attended-live", 0, 0, G_OPTION_ARG_INT, &filter->attended_live, N_("Live attendance code"), "0-4" },
    { "attended-replay", 0, 0, G_OPTION_ARG_INT, &filter->attended_replay, N_("Replay attendance code"), "0-4" },
    { "attended-live-timestamp", 0, 0, G_OPTION_ARG_INT64, &filter->attended_live_timestamp, N_("Seconds, for live codes 3 and 4"), "SECONDS" },
    { "attended-replay-timestamp", 0, 0, G_OPTION_ARG_INT64, &filter->attended_replay_timestamp, N_("Seconds, for replay codes 3 and 4"), "SECONDS" },
    { "purchased", 0, 0, G_OPTION_ARG_INT, &filter->purchased, N_("0 everyone, 1 bought, 2 did not buy"), "0-2" },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Name or email"), "TEXT" },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, N_("One page (1-based)"), "N" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every page"), NULL },
    { "cached", 0, 0, G_OPTION_ARG_NONE, &cached, N_("Every stored registrant, with no call (see sync)"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv or json"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), "FILE" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) registrants = NULL;
  g_autoptr(GString) text = NULL;
  gint64 webinar_id;

  if (!roster_cli_parse_options (entries, "WEBINAR_ID", &argc, &argv, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
  if (argc != 2 || !parse_id (argv[1], &webinar_id))
    return roster_cli_fail (ROSTER_CLI_USAGE, _("registrants needs one WEBINAR_ID, a positive number"));
  if (all && page > 0)
    return roster_cli_fail (ROSTER_CLI_USAGE, _("--page and --all cannot be used together"));
  if (page < 0)
    return roster_cli_fail (ROSTER_CLI_USAGE, _("--page must be 1 or more"));
  if (format != NULL && g_strcmp0 (format, "csv") != 0 && g_strcmp0 (format, "json") != 0)
    return roster_cli_fail (ROSTER_CLI_USAGE, _("--format is csv or json"));
  if (filter->date_range < -1 || filter->attended_live < -1 || filter->attended_replay < -1 ||
      filter->purchased < -1 || !roster_registrant_filter_validate (filter, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error ? error->message : _("A filter code is out of range"));

  filter->schedule_id = schedule;
  filter->search = g_steal_pointer (&search);

  if (cached)
    registrants = roster_cli_store_list (cli->store_path, webinar_id, filter, &error);
  else if (all)
    {
      gboolean progress = isatty (STDERR_FILENO);

      roster_client_list_all_registrants_async (cli->client, webinar_id, filter,
                                                ROSTER_PRIORITY_INTERACTIVE,
                                                progress ? registrants_progress_cb : NULL, NULL, NULL,
                                                NULL, cli_store_result_cb, cli);
      registrants = roster_client_list_all_registrants_finish (cli->client, cli_wait (cli), &error);
      if (progress)
        g_printerr ("\n");
    }
  else
    {
      g_autoptr(RosterRegistrantPage) result_page = NULL;

      roster_client_list_registrants_async (cli->client, webinar_id, filter, MAX (page, 1),
                                            ROSTER_PRIORITY_INTERACTIVE, NULL,
                                            cli_store_result_cb, cli);
      result_page = roster_client_list_registrants_finish (cli->client, cli_wait (cli), &error);
      if (result_page != NULL)
        registrants = g_object_ref (roster_registrant_page_get_items (result_page));
    }
  cli_clear_result (cli);
  if (registrants == NULL)
    return fail_with_error (error);

  if (g_strcmp0 (format, "json") == 0)
    text = roster_cli_registrants_json (registrants);
  else
    text = roster_registrant_export_csv (registrants, FALSE);

  if (!write_output (output, text->str, text->len, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);

  return ROSTER_CLI_OK;
}

/* ---- register ------------------------------------------------------------------------------------ */

/* One person, one registration: the email is looked up in the webinar first, and someone
 * already there is not registered again without --allow-duplicate. */
static int
check_not_registered (Cli                        *cli,
                      const RosterRegisterParams *params)
{
  g_autoptr(RosterRegistrant) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *session = NULL;
  g_autofree char *signup = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  roster_client_find_registrant_async (cli->client, params->webinar_id, 0, params->email,
                                       ROSTER_PRIORITY_INTERACTIVE, NULL, cli_store_result_cb, cli);
  found = roster_client_find_registrant_finish (cli->client, cli_wait (cli), &error);
  cli_clear_result (cli);

  if (error != NULL)
    /* Translators: %s is an email address, then the cause */
    return roster_cli_fail (roster_cli_status_for_error (error),
                            _("Could not check whether %s is already registered: %s\n"
                              "Use --allow-duplicate to register without checking."),
                            params->email, error->message);
  if (found == NULL)
    return ROSTER_CLI_OK;

  session = roster_registrant_dup_session_text (found);
  signup = roster_registrant_dup_signup_text (found);
  /* Translators: %s is an email address */
  g_string_append_printf (text, _("%s is already registered for this webinar."), params->email);
  if (*session != '\0')
    {
      g_string_append (text, "\n  ");
      /* Translators: %s is the date and time of the session someone is registered for */
      g_string_append_printf (text, _("Session: %s"), session);
    }
  if (*signup != '\0')
    {
      g_string_append (text, "\n  ");
      /* Translators: %s is the date and time someone signed up */
      g_string_append_printf (text, _("Signed up: %s"), signup);
    }
  g_string_append_c (text, '\n');
  g_string_append (text, _("Use --allow-duplicate to register them again."));

  return roster_cli_fail (ROSTER_CLI_USAGE, "%s", text->str);
}

/* The person as core's contact rules read them, the same as the register dialog and an import:
 * what is sent is cleaned, and what no rule takes is refused before anything is sent. */
static int
normalise_person (RosterRegisterParams *params)
{
  static const char * const options[] = {
    [ROSTER_CONTACT_FIELD_EMAIL] = "--email",
    [ROSTER_CONTACT_FIELD_FIRST_NAME] = "--first-name",
    [ROSTER_CONTACT_FIELD_LAST_NAME] = "--last-name",
    [ROSTER_CONTACT_FIELD_COUNTRY_CODE] = "--phone-country-code",
    [ROSTER_CONTACT_FIELD_PHONE] = "--phone",
  };
  g_autoptr(GError) error = NULL;
  RosterContactField field;

  if (!roster_contact_normalise_person (params, FALSE, &field, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s: %s", options[field], error->message);
  return ROSTER_CLI_OK;
}

static int
command_register (Cli    *cli,
                  int     argc,
                  char  **argv)
{
  g_autoptr(RosterRegisterParams) params = roster_register_params_new ();
  gboolean allow_duplicate = FALSE;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "schedule", 0, 0, G_OPTION_ARG_INT64, &params->schedule_id, N_("Schedule ID from `webinar`"), "ID" },
    { "email", 0, 0, G_OPTION_ARG_STRING, &params->email, N_("Email address"), "E" },
    { "first-name", 0, 0, G_OPTION_ARG_STRING, &params->first_name, N_("First name"), "F" },
    { "last-name", 0, 0, G_OPTION_ARG_STRING, &params->last_name, N_("Last name"), "L" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &params->date, N_("One session of a series"), "\"YYYY-MM-DD HH:MM\"" },
    { "timezone", 0, 0, G_OPTION_ARG_STRING, &params->timezone, N_("Attendee zone"), "TZ" },
    { "phone-country-code", 0, 0, G_OPTION_ARG_STRING, &params->phone_country_code, N_("Phone country code"), "+C" },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &params->phone, N_("Phone number"), "NUMBER" },
    { "allow-duplicate", 0, 0, G_OPTION_ARG_NONE, &allow_duplicate, N_("Register even if the email is already registered for the webinar"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistration) registration = NULL;
  int status;

  if (!roster_cli_parse_options (entries, "WEBINAR_ID", &argc, &argv, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
  if (argc != 2 || !parse_id (argv[1], &params->webinar_id))
    return roster_cli_fail (ROSTER_CLI_USAGE, _("register needs one WEBINAR_ID, a positive number"));
  if (params->schedule_id <= 0 || params->email == NULL || params->first_name == NULL)
    return roster_cli_fail (ROSTER_CLI_USAGE, _("register needs --schedule, --email and --first-name"));
  status = normalise_person (params);
  if (status != ROSTER_CLI_OK)
    return status;

  if (!allow_duplicate)
    {
      status = check_not_registered (cli, params);
      if (status != ROSTER_CLI_OK)
        return status;
    }

  roster_client_register_async (cli->client, params, ROSTER_PRIORITY_INTERACTIVE, NULL,
                                cli_store_result_cb, cli);
  registration = roster_client_register_finish (cli->client, cli_wait (cli), &error);
  cli_clear_result (cli);
  if (registration == NULL)
    return fail_with_error (error);
  roster_cli_store_note (cli->store_path, registration, 0, 0);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "user_id");
      json_builder_add_int_value (builder, roster_registration_get_user_id (registration));
      add_string_member (builder, "email", roster_registration_get_email (registration));
      add_string_member (builder, "first_name", roster_registration_get_first_name (registration));
      add_string_member (builder, "last_name", roster_registration_get_last_name (registration));
      json_builder_set_member_name (builder, "schedule");
      json_builder_add_int_value (builder, roster_registration_get_schedule (registration));
      add_string_member (builder, "date", roster_registration_get_date (registration));
      add_string_member (builder, "timezone", roster_registration_get_timezone (registration));
      add_string_member (builder, "live_room_url", roster_registration_get_live_room_url (registration));
      add_string_member (builder, "replay_room_url", roster_registration_get_replay_room_url (registration));
      add_string_member (builder, "thank_you_url", roster_registration_get_thank_you_url (registration));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return ROSTER_CLI_OK;
    }

  g_print ("%s: %" G_GINT64_FORMAT "\n", _("Registered, user ID"), roster_registration_get_user_id (registration));
  g_print ("%s: %s\n", _("Session"), roster_registration_get_date (registration) ?: "");
  g_print ("%s: %s\n", _("Live room"), roster_registration_get_live_room_url (registration) ?: "");
  g_print ("%s: %s\n", _("Replay room"), roster_registration_get_replay_room_url (registration) ?: "");
  g_print ("%s: %s\n", _("Thank-you page"), roster_registration_get_thank_you_url (registration) ?: "");

  return ROSTER_CLI_OK;
}

/* ---- unsubscribe ------------------------------------------------------------------------------------ */

static int
command_unsubscribe (Cli    *cli,
                     int     argc,
                     char  **argv)
{
  gint64 lead_id = 0;
  GOptionEntry entries[] = {
    { "lead", 0, 0, G_OPTION_ARG_INT64, &lead_id, N_("The registrant's lead ID"), "LEAD_ID" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  gint64 webinar_id;

  if (!roster_cli_parse_options (entries, "WEBINAR_ID", &argc, &argv, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
  if (argc != 2 || !parse_id (argv[1], &webinar_id))
    return roster_cli_fail (ROSTER_CLI_USAGE, _("unsubscribe needs one WEBINAR_ID, a positive number"));
  if (lead_id <= 0)
    return roster_cli_fail (ROSTER_CLI_USAGE, _("unsubscribe needs --lead LEAD_ID"));

  roster_client_unsubscribe_async (cli->client, webinar_id, lead_id, NULL, cli_store_result_cb, cli);
  if (!roster_client_unsubscribe_finish (cli->client, cli_wait (cli), &error))
    {
      cli_clear_result (cli);
      return fail_with_error (error);
    }
  cli_clear_result (cli);
  roster_cli_store_note (cli->store_path, NULL, webinar_id, lead_id);

  {
    g_autofree char *lead = g_strdup_printf ("%" G_GINT64_FORMAT, lead_id);

    /* Translators: %s is a number */
    g_print (_("Unsubscribed lead %s\n"), lead);
  }
  return ROSTER_CLI_OK;
}

/* ---- import ------------------------------------------------------------------------------------------ */

static int
command_import (Cli    *cli,
                int     argc,
                char  **argv)
{
  return roster_cli_import_run (cli->client, cli->store_path, argc, argv);
}

static int
command_imports (Cli    *cli,
                 int     argc,
                 char  **argv)
{
  return roster_cli_imports_run (cli->client, cli->store_path, argc, argv);
}

/* ---- the local store (roster-cli-store.c) ---------------------------------------------------------- */

static int
command_sync (Cli    *cli,
              int     argc,
              char  **argv)
{
  return roster_cli_sync_run (cli->client, cli->store_path, argc, argv);
}

static int
command_people (Cli    *cli,
                int     argc,
                char  **argv)
{
  return roster_cli_people_run (cli->store_path, argc, argv);
}

static int
command_forget_data (Cli    *cli,
                     int     argc,
                     char  **argv)
{
  return roster_cli_forget_data_run (cli->store_path, argc, argv);
}

/* ---- main --------------------------------------------------------------------------------------------- */

static const struct {
  const char *name;
  int (*run) (Cli *cli, int argc, char **argv);
} commands[] = {
  { "webinars", command_webinars },
  { "webinar", command_webinar },
  { "registrants", command_registrants },
  { "register", command_register },
  { "unsubscribe", command_unsubscribe },
  { "import", command_import },
  { "imports", command_imports },
  { "sync", command_sync },
  { "people", command_people },
  { "forget-data", command_forget_data },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *product_name = NULL;
  g_autofree char *api_key = NULL;
  g_autofree char *account = NULL;
  g_autofree char *demo_journal_dir = NULL;
  gboolean demo = FALSE;
  RosterProduct product = ROSTER_PRODUCT_EVERWEBINAR;
  GOptionEntry entries[] = {
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint, N_("API address (https, or http to this computer)"), "URL" },
    { "product", 0, 0, G_OPTION_ARG_STRING, &product_name, N_("everwebinar or webinarjam"), "PRODUCT" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Use a built-in demo service with sample data"), NULL },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("Use this stored account’s key, product and address"), "NAME" },
    { NULL }
  };
  Cli cli = { 0 };
  int status = ROSTER_CLI_USAGE;

  /* Standard output is for what was asked for (CSV, JSON); debug lines go with the errors. */
  g_log_writer_default_set_use_stderr (TRUE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new ("COMMAND [ARGUMENTS…]");
  g_option_context_set_summary (context, _("Manage EverWebinar webinars and registrants"));
  g_option_context_set_description (context, usage_text);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return ROSTER_CLI_USAGE;
    }

  if (product_name != NULL && !roster_product_from_string (product_name, &product))
    return roster_cli_fail (ROSTER_CLI_USAGE, _("--product is everwebinar or webinarjam"));

  cli.loop = g_main_loop_new (NULL, FALSE);

  /* Managing accounts needs no key. */
  if (g_strcmp0 (argv[1], "accounts") == 0)
    {
      status = roster_cli_accounts_run (argc - 1, argv + 1);
      goto out;
    }

  /* Previewing a file needs no key either. */
  if (g_strcmp0 (argv[1], "preview") == 0)
    {
      status = roster_cli_preview_run (argc - 1, argv + 1);
      goto out;
    }

  if (demo)
    {
      cli.demo = roster_fake_service_new (1);
      if (!roster_fake_service_start (cli.demo, &error))
        {
          status = roster_cli_fail (ROSTER_CLI_NETWORK, "%s", error->message);
          goto out;
        }
      g_clear_pointer (&endpoint, g_free);
      endpoint = roster_fake_service_dup_endpoint (cli.demo, product == ROSTER_PRODUCT_WEBINARJAM);
      api_key = g_strdup (roster_fake_service_get_api_key (cli.demo));
    }
  else
    {
      api_key = g_strdup (g_getenv ("ROSTER_API_KEY"));
      /* Keep the key out of the environment of anything this process might start. */
      g_unsetenv ("ROSTER_API_KEY");
    }

  if (account != NULL && !demo && (api_key == NULL || *api_key == '\0'))
    {
      g_autofree char *account_endpoint = NULL;
      RosterProduct account_product;

      g_free (api_key);
      api_key = roster_cli_account_key (account, &account_product, &account_endpoint, &error);
      if (api_key == NULL)
        {
          status = roster_cli_fail (roster_cli_status_for_error (error), "%s", error->message);
          goto out;
        }
      /* --product and --endpoint still win over what the account says. */
      if (product_name == NULL)
        product = account_product;
      if (endpoint == NULL)
        endpoint = g_steal_pointer (&account_endpoint);
    }

  if (api_key == NULL || *api_key == '\0')
    {
      status = roster_cli_fail (ROSTER_CLI_AUTH, _("No API key: set ROSTER_API_KEY, or use --account NAME or --demo"));
      goto out;
    }

  cli.client = roster_client_new (product, endpoint, api_key, &error);
  if (cli.client == NULL)
    {
      status = roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
      goto out;
    }
  /* The demo stores nothing: its import journals live in a folder removed on the way out. */
  if (demo)
    {
      demo_journal_dir = g_dir_make_tmp ("roster-demo-XXXXXX", &error);
      if (demo_journal_dir == NULL)
        {
          status = roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
          goto out;
        }
      roster_client_set_journal_dir (cli.client, demo_journal_dir);
    }
  else
    {
      /* A named account shares its store with the window; a bare key has one of its own. */
      g_autofree char *store_id = account != NULL ? g_strdup (account)
                                                  : roster_client_dup_account_id (cli.client);

      cli.store_path = roster_registrant_store_path_for_account (store_id);
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (argv[1], commands[i].name) == 0)
        {
          status = commands[i].run (&cli, argc - 1, argv + 1);
          goto out;
        }
    }
  status = roster_cli_fail (ROSTER_CLI_USAGE, _("Unknown command “%s”. Try roster-cli --help."), argv[1]);

out:
  if (api_key != NULL)
    explicit_bzero (api_key, strlen (api_key));
  g_clear_object (&cli.client);
  g_clear_object (&cli.demo);
  g_free (cli.store_path);
  g_clear_pointer (&cli.loop, g_main_loop_unref);
  if (demo_journal_dir != NULL)
    {
      g_clear_error (&error);
      if (!roster_import_journal_remove_dir (demo_journal_dir, &error))
        g_printerr ("roster-cli: %s\n", error->message);
    }

  return status;
}
