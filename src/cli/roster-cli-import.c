/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "roster-cli-import.h"
#include "roster-cli-store.h"
#include "roster-cli-common.h"
#include "roster-contact.h"
#include "roster-country.h"
#include "roster-error.h"
#include "roster-import-session.h"

/* `roster-cli import`: the import dialog's engine, a RosterImportSession, from a shell.  The
 * journal under the user data dir makes running the same command again after any interruption
 * (Ctrl+C, a crash, kill -9) continue where it stopped, never registering anyone twice. */

#define PROGRESS_INTERVAL_USEC        (G_USEC_PER_SEC / 4)
#define DEFAULT_GIVE_UP_SECONDS       300
#define DEFAULT_CHECK_WINDOW_SECONDS  60

/* ---- import: the mapping --------------------------------------------------------------------------- */

/* A 1-based index, or a header name (exactly, then ignoring case and punctuation). -1: none. */
static gboolean
find_column (const RosterImportMapping *mapping,
             const char                *text,
             int                       *column)
{
  guint n_columns = roster_import_mapping_get_n_columns (mapping);
  g_autofree char *wanted = NULL;
  guint64 index;

  if (text[0] == '\0')
    {
      *column = -1;
      return TRUE;
    }
  if (g_ascii_string_to_unsigned (text, 10, 1, n_columns, &index, NULL))
    {
      *column = (int) index - 1;
      return TRUE;
    }

  for (guint i = 0; i < n_columns; i++)
    {
      if (g_strcmp0 (roster_import_mapping_get_column_name (mapping, i), text) == 0)
        {
          *column = i;
          return TRUE;
        }
    }

  wanted = roster_import_normalise_header (text);
  for (guint i = 0; i < n_columns; i++)
    {
      const char *name = roster_import_mapping_get_column_name (mapping, i);
      g_autofree char *normalised = name != NULL ? roster_import_normalise_header (name) : NULL;

      if (normalised != NULL && g_strcmp0 (normalised, wanted) == 0)
        {
          *column = i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
apply_map (RosterImportMapping  *mapping,
           const char           *spec,
           GError              **error)
{
  g_auto(GStrv) parts = g_strsplit (spec, "=", 2);
  int column;

  if (g_strv_length (parts) != 2)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--map takes FIELD=COLUMN, not “%s”"), spec);
      return FALSE;
    }
  if (!find_column (mapping, parts[1], &column))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("No column “%s” in the file (use a header name or a number from 1)"), parts[1]);
      return FALSE;
    }

  if (g_str_has_prefix (parts[0], "extra:"))
    {
      const char *label = parts[0] + strlen ("extra:");

      if (label[0] == '\0' || column < 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--map extra:LABEL=COLUMN needs a label and a column"));
          return FALSE;
        }
      roster_import_mapping_set_extra (mapping, column, label);
      return TRUE;
    }

  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    {
      if (g_strcmp0 (parts[0], roster_import_field_to_string (i)) == 0)
        {
          roster_import_mapping_set_column (mapping, i, column);
          return TRUE;
        }
    }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("Unknown field “%s”: use email, first_name, last_name, full_name, phone_country_code, phone or extra:LABEL"),
               parts[0]);
  return FALSE;
}

static void
print_mapping (const RosterImportMapping *mapping)
{
  g_autofree guint *extras = NULL;
  guint n_extras = 0;

  g_print ("%s\n", _("Columns:"));
  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    {
      int column = roster_import_mapping_get_column (mapping, i);

      if (column < 0)
        g_print ("  %-18s —\n", roster_import_field_to_string (i));
      else
        g_print ("  %-18s %s (%d)\n", roster_import_field_to_string (i),
                 roster_import_mapping_get_column_name (mapping, column) ?: "", column + 1);
    }

  extras = roster_import_mapping_dup_extra_columns (mapping, &n_extras);
  for (guint i = 0; i < n_extras; i++)
    {
      g_autofree char *field = g_strconcat ("extra:", roster_import_mapping_get_extra (mapping, extras[i]), NULL);

      g_print ("  %-18s %s (%u)\n", field,
               roster_import_mapping_get_column_name (mapping, extras[i]) ?: "", extras[i] + 1);
    }
}

static void
print_plan (RosterImportPlan *plan)
{
  guint n_problems = roster_import_plan_get_n_problems (plan);

  g_print (_("Rows: %u (ready %u, invalid %u, duplicates %u, already registered %u)\n"),
           roster_import_plan_get_n_rows (plan),
           roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_READY),
           roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_INVALID),
           roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_DUPLICATE),
           roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_ALREADY_REGISTERED));
  if (n_problems > 0)
    g_print ("%s\n", _("Problems:"));
  for (guint i = 0; i < n_problems; i++)
    {
      const RosterImportProblem *problem = roster_import_plan_get_problem (plan, i);

      g_print ("  %s%s\n", problem->severity == ROSTER_IMPORT_SEVERITY_WARNING ? _("(warning) ") : "",
               problem->message);
    }
}

/* The tidying the plan did or proposes, before → after: what --dry-run is for. */
static void
print_changes (RosterImportPlan *plan)
{
  guint n_changes = roster_import_plan_get_n_changes (plan);

  if (n_changes > 0)
    g_print ("%s\n", _("Proposed changes:"));
  for (guint i = 0; i < n_changes; i++)
    {
      const RosterImportChange *change = roster_import_plan_get_change (plan, i);

      /* Translators: "Line 12: Phone number in international form: “0151 1234” → “+49 1511234”" */
      g_print (_("  Line %u: %s: “%s” → “%s”"), change->line, roster_import_tidy_describe (change->kinds),
               change->before, change->after);
      g_print ("%s\n", change->applied ? "" : _(" (suggested, not applied)"));
    }
}

/* The tidying to do: the safe kinds with a default country (the one given, else the locale's),
 * or none with --no-normalise. */
static gboolean
apply_normalise (RosterImportMapping  *mapping,
                 gboolean              no_normalise,
                 const char           *default_country,
                 GError              **error)
{
  g_autofree char *code = NULL;

  if (default_country != NULL)
    {
      code = roster_contact_country_to_code (default_country);
      if (code == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--default-country takes a country such as DE, Germany or +49, not “%s”"),
                       default_country);
          return FALSE;
        }
    }
  else if (!no_normalise && roster_country_guess_from_environment () != NULL)
    code = g_strdup (roster_country_guess_from_environment ()->calling_code);

  if (code != NULL)
    roster_import_mapping_set_default_country_code (mapping, code);
  roster_import_mapping_set_tidy (mapping, no_normalise ? ROSTER_IMPORT_TIDY_NONE : ROSTER_IMPORT_TIDY_SAFE);

  return TRUE;
}

/* Which remembered mapping chose the columns, on stderr (stdout is the plan's). */
static void
print_remembered (const RosterImportRemembered *remembered)
{
  g_autofree char *date = roster_import_remembered_format_date (roster_import_remembered_get_saved (remembered));
  const char *title = roster_import_remembered_get_webinar_title (remembered);

  if (title != NULL)
    /* Translators: the first %s is a day, "3 Dec"; the second a webinar's title */
    g_printerr (_("Using the columns from your import of %s into “%s” (--no-remembered-mapping to ignore them)\n"),
                date, title);
  else
    /* Translators: %s is a day, "3 Dec" */
    g_printerr (_("Using the columns from your import of %s (--no-remembered-mapping to ignore them)\n"), date);
}

#define MAX_SHOWN_PROBLEMS 10

/* The first problems, errors before warnings, on stderr: enough to see what is wrong without
 * burying the rest of the output. */
static void
print_problem_summary (RosterImportPlan *plan)
{
  guint n_problems = roster_import_plan_get_n_problems (plan);
  guint n_shown = 0;

  if (n_problems == 0)
    return;

  g_printerr (ngettext ("The file has %u problem:\n", "The file has %u problems:\n", n_problems), n_problems);
  for (guint pass = 0; pass < 2; pass++)
    {
      RosterImportSeverity severity = pass == 0 ? ROSTER_IMPORT_SEVERITY_ERROR : ROSTER_IMPORT_SEVERITY_WARNING;

      for (guint i = 0; i < n_problems && n_shown < MAX_SHOWN_PROBLEMS; i++)
        {
          const RosterImportProblem *problem = roster_import_plan_get_problem (plan, i);

          if (problem->severity != severity)
            continue;
          g_printerr ("  %s%s\n", severity == ROSTER_IMPORT_SEVERITY_WARNING ? _("(warning) ") : "",
                      problem->message);
          n_shown++;
        }
    }
  if (n_shown < n_problems)
    g_printerr (_("  … and %u more; --dry-run lists them all\n"), n_problems - n_shown);
}

/* Rows that cannot be sent as they are, counting a header with errors as one. */
static guint
count_rows_with_errors (RosterImportPlan *plan)
{
  guint n = roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_INVALID);

  for (guint i = 0; i < roster_import_plan_get_n_problems (plan); i++)
    {
      const RosterImportProblem *problem = roster_import_plan_get_problem (plan, i);

      if (problem->row == G_MAXUINT && problem->severity == ROSTER_IMPORT_SEVERITY_ERROR)
        return n + 1;
    }

  return n;
}

/* What an import without --skip-invalid says about a plan with rows it cannot send. */
static char *
describe_rows_with_errors (RosterImportPlan *plan,
                           guint             n_bad)
{
  guint n_ready = roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_READY);

  if (n_ready == 0)
    return g_strdup_printf (ngettext ("No row can be sent: %u row has problems; fix it in the file.",
                                      "No row can be sent: %u rows have problems; fix them in the file.", n_bad),
                            n_bad);

  return g_strdup_printf (ngettext ("%u row has problems; fix it in the file, or add --skip-invalid to import the other %u.",
                                    "%u rows have problems; fix them in the file, or add --skip-invalid to import the other %u.",
                                    n_bad),
                          n_bad, n_ready);
}

/* ---- import: running ------------------------------------------------------------------------------- */

typedef struct
{
  GMainLoop       *loop;
  GAsyncResult    *result;
  RosterImportJob *job;
  gboolean         progress;
  gint64           last_progress;
  guint            n_signals;
} Run;

static void
run_store_result_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Run *run = user_data;

  run->result = g_object_ref (result);
  g_main_loop_quit (run->loop);
}

/* Runs the main loop until run_store_result_cb() has the result of the step just begun; the
 * result stays @run's until the next step or run_clear(). */
static GAsyncResult *
run_wait (Run *run)
{
  g_clear_object (&run->result);
  g_main_loop_run (run->loop);
  return run->result;
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->result);
  g_clear_pointer (&run->loop, g_main_loop_unref);
}

static int
run_fail (Run          *run,
          int           status,
          const GError *error)
{
  run_clear (run);
  return roster_cli_fail (status, "%s", error->message);
}

static char *
format_eta (gint64 seconds)
{
  if (seconds < 0)
    return g_strdup ("—");
  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60));

  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static void
print_progress (Run      *run,
                gboolean  force)
{
  RosterImportJob *job = run->job;
  gint64 now = g_get_monotonic_time ();
  g_autofree char *eta = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *pace = NULL;

  if (!run->progress || (!force && now - run->last_progress < PROGRESS_INTERVAL_USEC))
    return;
  run->last_progress = now;

  eta = format_eta (roster_import_job_get_eta_seconds (job));
  rate = g_strdup_printf ("%.1f", roster_import_job_get_rate (job));
  pace = g_strdup_printf ("%.1f", roster_import_job_get_pace (job));
  g_printerr ("\r\033[K");
  /* Translators: the progress line of roster-cli import; the %s are the registrations per
   * second, the calls per second the rate limit allows, and the time left */
  g_printerr (_("%u registered, %u failed, %u remaining · %s/s (pace %s/s) · %s left"),
              roster_import_job_get_n_registered (job),
              roster_import_job_get_n_failed (job),
              roster_import_job_get_n_remaining (job),
              rate, pace, eta);
}

static void
progress_cb (GObject    *object,
             GParamSpec *pspec,
             Run        *run)
{
  print_progress (run, FALSE);
}

/* Says once per wait why nothing moves: the server cannot be reached, or the network is gone. */
static void
waiting_cb (GObject    *object,
            GParamSpec *pspec,
            Run        *run)
{
  RosterImportJob *job = run->job;
  gint64 retry_at = roster_import_job_get_retry_at (job);

  if (run->progress)
    g_printerr ("\r\033[K");
  if (roster_import_job_get_offline (job))
    g_printerr ("%s\n", _("The network is gone; waiting for it to come back…"));
  else if (retry_at > 0)
    g_printerr (_("Waiting for the server… next try in %d s\n"),
                (int) ((retry_at - g_get_monotonic_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));
}

static void
job_finished_cb (RosterImportJob *job,
                 Run             *run)
{
  g_main_loop_quit (run->loop);
}

/* Ctrl+C (or SIGTERM) stops sending; calls under way land and are recorded, so running the
 * same command again continues.  A second one leaves at once: the journal copes. */
static gboolean
interrupted_cb (gpointer user_data)
{
  Run *run = user_data;

  if (run->n_signals++ > 0)
    _exit (ROSTER_CLI_PARTIAL);
  if (run->progress)
    g_printerr ("\n");
  g_printerr ("%s\n", _("Stopping; waiting for the calls under way…"));
  roster_import_job_cancel (run->job);

  return G_SOURCE_CONTINUE;
}

int
roster_cli_import_run (RosterClient  *client,
                       const char    *store_path,
                       int            argc,
                       char         **argv)
{
  gint64 webinar_id = 0;
  gint64 schedule_id = 0;
  g_autofree char *date = NULL;
  g_autofree char *timezone = NULL;
  g_auto(GStrv) maps = NULL;
  g_autofree char *delimiter_text = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *results = NULL;
  g_autofree char *default_country = NULL;
  gboolean no_normalise = FALSE;
  gboolean no_remembered = FALSE;
  gboolean skip_registered = FALSE;
  gboolean skip_invalid = FALSE;
  gboolean dry_run = FALSE;
  gboolean consent = FALSE;
  gboolean retry_failed = FALSE;
  gboolean resend_unknown = FALSE;
  gboolean recover = FALSE;
  int give_up_after = DEFAULT_GIVE_UP_SECONDS;
  int check_window = DEFAULT_CHECK_WINDOW_SECONDS;
  g_autoptr(RosterRegistrantStore) store = NULL;
  GOptionEntry entries[] = {
    { "webinar", 0, 0, G_OPTION_ARG_INT64, &webinar_id, N_("Webinar ID"), "ID" },
    { "schedule", 0, 0, G_OPTION_ARG_INT64, &schedule_id, N_("Schedule ID from `webinar`"), "ID" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("One session of a series"), "\"YYYY-MM-DD HH:MM\"" },
    { "timezone", 0, 0, G_OPTION_ARG_STRING, &timezone, N_("Attendee zone"), "TZ" },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Take FIELD from COLUMN (a header name or a number from 1); repeatable"), "FIELD=COLUMN" },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter_text, N_("Field delimiter: , ; | or tab (default: detect)"), "C" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("Character encoding (default: detect)"), "NAME" },
    { "default-country", 0, 0, G_OPTION_ARG_STRING, &default_country, N_("Complete national phone numbers with this country (default: the locale’s)"), "CC" },
    { "no-normalise", 0, 0, G_OPTION_ARG_NONE, &no_normalise, N_("Send the values as the file has them, without tidying them first"), NULL },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, N_("The sheet of an XLSX or ODS file (default: the first)"), "NAME" },
    { "no-remembered-mapping", 0, 0, G_OPTION_ARG_NONE, &no_remembered, N_("Ignore the columns remembered from an earlier import of the same layout"), NULL },
    { "skip-registered", 0, 0, G_OPTION_ARG_NONE, &skip_registered, N_("Leave out people the webinar already has"), NULL },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid, N_("Import the other rows when some have problems"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Show the plan and send nothing"), NULL },
    { "results", 0, 0, G_OPTION_ARG_FILENAME, &results, N_("Write every row’s outcome and links to FILE (CSV)"), "FILE" },
    { "retry-failed", 0, 0, G_OPTION_ARG_NONE, &retry_failed, N_("Send rows that failed in an earlier run again"), NULL },
    { "recover", 0, 0, G_OPTION_ARG_NONE, &recover, N_("Go on with an import whose journal is damaged, looking every unfinished row up before sending it"), NULL },
    { "resend-unknown", 0, 0, G_OPTION_ARG_NONE, &resend_unknown, N_("Send rows whose earlier call may have landed without checking first (may register them twice)"), NULL },
    { "give-up-after", 0, 0, G_OPTION_ARG_INT, &give_up_after, N_("Stop after SECONDS without an answer from the server (default 300; 0 waits for ever)"), "SECONDS" },
    { "check-window", 0, 0, G_OPTION_ARG_INT, &check_window, N_("Look up a row whose outcome is unknown for SECONDS before sending it again (default 60)"), "SECONDS" },
    { "consent", 0, 0, G_OPTION_ARG_NONE, &consent, N_("Confirm that everyone in the file agreed to be registered"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(RosterImportSession) session = NULL;
  g_autoptr(RosterImportMemory) memory = NULL;
  const RosterImportRemembered *remembered;
  RosterImportMapping *mapping;
  RosterImportPlan *plan;
  g_autoptr(RosterImportTarget) target = NULL;
  RosterImportJob *job;
  RosterImportResume resume = ROSTER_IMPORT_RESUME_NONE;
  const RosterCsvPreview *preview;
  const GError *job_error;
  Run run = { 0 };
  guint sigint_id, sigterm_id;
  guint n_rows;
  guint n_bad;
  guint n_left_out;
  char delimiter;
  int status;

  g_return_val_if_fail (ROSTER_IS_CLIENT (client), ROSTER_CLI_USAGE);

  if (!roster_cli_parse_options (entries, "FILE", &argc, &argv, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
  if (argc != 2)
    return roster_cli_fail (ROSTER_CLI_USAGE, _("import needs one FILE"));
  if (webinar_id <= 0 || schedule_id <= 0)
    return roster_cli_fail (ROSTER_CLI_USAGE, _("import needs --webinar ID and --schedule ID (see `roster-cli webinar ID`)"));
  if (!roster_cli_parse_delimiter (delimiter_text, &delimiter))
    return roster_cli_fail (ROSTER_CLI_USAGE, _("--delimiter is one of , ; | or tab"));
  if (give_up_after < 0 || give_up_after > G_MAXINT / 1000 || check_window <= 0 || check_window > G_MAXINT / 1000)
    return roster_cli_fail (ROSTER_CLI_USAGE, _("--give-up-after and --check-window take a number of seconds"));
  /* Nothing goes out without it, not even a read: the user confirms first. */
  if (!dry_run && !consent)
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s",
                 _("Nothing was sent. Registering people needs their consent (GDPR): confirm that everyone "
                   "in the file agreed to be registered and to be contacted about the webinar, then run the "
                   "command again with --consent."));

  /* Reading and planning, in the session's threads. */
  run.loop = g_main_loop_new (NULL, FALSE);
  session = roster_import_session_new (client);
  roster_import_session_set_csv_options (session, encoding, delimiter);
  roster_import_session_set_sheet (session, sheet);
  /* The mapping an earlier import of this layout used, unless told otherwise; this one's is
   * remembered either way. */
  memory = roster_import_memory_new_for_client (client);
  if (!no_remembered)
    roster_import_session_set_memory (session, memory);
  file = g_file_new_for_commandline_arg (argv[1]);
  roster_import_session_load_async (session, file, NULL, run_store_result_cb, &run);
  if (!roster_import_session_load_finish (session, run_wait (&run), &error))
    return run_fail (&run, ROSTER_CLI_USAGE, error);
  roster_import_session_set_memory (session, memory);
  remembered = roster_import_session_get_remembered (session);
  if (remembered != NULL)
    print_remembered (remembered);
  mapping = roster_import_session_get_mapping (session);
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    if (!apply_map (mapping, maps[i], &error))
      return run_fail (&run, ROSTER_CLI_USAGE, error);
  /* The remembered tidying stands unless the command says how to tidy. */
  if ((remembered == NULL || no_normalise || default_country != NULL) &&
      !apply_normalise (mapping, no_normalise, default_country, &error))
    return run_fail (&run, ROSTER_CLI_USAGE, error);
  if (roster_import_mapping_get_column (mapping, ROSTER_IMPORT_FIELD_EMAIL) < 0)
    {
      run_clear (&run);
      return roster_cli_fail (ROSTER_CLI_USAGE, _("No column holds the email address: add --map email=COLUMN"));
    }

  roster_import_session_plan_async (session, NULL, run_store_result_cb, &run);
  plan = roster_import_session_plan_finish (session, run_wait (&run), &error);
  if (plan == NULL)
    return run_fail (&run, ROSTER_CLI_USAGE, error);
  n_rows = roster_import_plan_get_n_rows (plan);
  n_bad = count_rows_with_errors (plan);

  /* Nothing is sent while rows the user may not know about would be left out, and nothing is
   * read from the server either: a broken file is the user's to fix first. */
  if (!dry_run)
    {
      g_autofree char *verdict = NULL;

      if (n_rows == 0)
        {
          run_clear (&run);
          return roster_cli_fail (ROSTER_CLI_USAGE, _("The file has no rows to import."));
        }
      print_problem_summary (plan);
      if (n_bad > 0 && (!skip_invalid || roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_READY) == 0))
        {
          verdict = describe_rows_with_errors (plan, n_bad);
          run_clear (&run);
          return roster_cli_fail (ROSTER_CLI_USAGE, "%s", verdict);
        }
    }

  if (skip_registered)
    {
      guint n_marked = 0;

      store = roster_cli_store_open (store_path, &error);
      if (store == NULL)
        return run_fail (&run, roster_cli_status_for_error (error), error);
      roster_import_plan_mark_registered_async (plan, store, client, webinar_id, NULL, run_store_result_cb, &run);
      if (!roster_import_plan_mark_registered_finish (plan, run_wait (&run), &n_marked, &error))
        return run_fail (&run, roster_cli_status_for_error (error), error);
    }

  if (dry_run)
    {
      preview = roster_import_session_get_preview (session);
      g_print ("%s: %s, %s: “%s”, %s: %s\n",
               _("Encoding"), preview->encoding,
               _("Delimiter"), roster_cli_delimiter_name (preview->delimiter),
               _("Header"), preview->header != NULL ? _("yes") : _("no"));
      print_mapping (mapping);
      print_plan (plan);
      print_changes (plan);
      if (n_bad > 0)
        {
          g_autofree char *verdict = describe_rows_with_errors (plan, n_bad);

          g_print ("%s\n", verdict);
        }
      g_print ("%s\n", _("Dry run: nothing was sent."));
      run_clear (&run);
      return ROSTER_CLI_OK;
    }

  /* The journal: a new one, or the one an interrupted run of the same import left. */
  target = roster_import_target_new (webinar_id, schedule_id, date, timezone);
  roster_import_session_start_async (session, target,
                                     recover ? ROSTER_IMPORT_JOURNAL_OPEN_RECOVER : ROSTER_IMPORT_JOURNAL_OPEN_NONE,
                                     NULL, run_store_result_cb, &run);
  job = roster_import_session_start_finish (session, run_wait (&run), &resume, &error);
  if (job == NULL)
    {
      run_clear (&run);
      if (g_error_matches (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_DAMAGED))
        return roster_cli_fail (ROSTER_CLI_PARTIAL, _("%s Add --recover to the same command to do so."),
                                error->message);
      return roster_cli_fail (ROSTER_CLI_PARTIAL, "%s", error->message);
    }
  if (resume == ROSTER_IMPORT_RESUME_RECOVER)
    g_printerr ("%s\n", _("Recovering a damaged import: every row without a known outcome is looked up before it is sent."));

  roster_import_job_set_retry_failed (job, retry_failed);
  roster_import_job_set_resend_unknown (job, resend_unknown);
  roster_import_job_set_give_up_after (job, (guint) give_up_after * 1000);
  roster_import_job_set_check_window (job, (guint) check_window * 1000);
  /* A store the user keeps hears of every registration; none is made just for that. */
  if (store == NULL && store_path != NULL && g_file_test (store_path, G_FILE_TEST_IS_REGULAR))
    store = roster_cli_store_open (store_path, NULL);
  roster_import_job_set_registrant_store (job, store);
  if (resume != ROSTER_IMPORT_RESUME_NONE)
    g_printerr (_("Resuming an earlier run of this import: %u registered, %u to check, %u failed.\n"),
                roster_import_job_get_n_registered (job), roster_import_job_get_n_unknown (job),
                roster_import_job_get_n_failed (job));

  run.job = job;
  run.progress = isatty (STDERR_FILENO);
  g_signal_connect (job, "notify::n-remaining", G_CALLBACK (progress_cb), &run);
  g_signal_connect (job, "notify::rate", G_CALLBACK (progress_cb), &run);
  g_signal_connect (job, "notify::retry-at", G_CALLBACK (waiting_cb), &run);
  g_signal_connect (job, "notify::offline", G_CALLBACK (waiting_cb), &run);
  g_signal_connect (job, "finished", G_CALLBACK (job_finished_cb), &run);
  sigint_id = g_unix_signal_add (SIGINT, interrupted_cb, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, interrupted_cb, &run);

  roster_import_job_start (job);
  if (roster_import_job_get_state (job) == ROSTER_IMPORT_JOB_RUNNING ||
      roster_import_job_is_busy (job))
    g_main_loop_run (run.loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  if (run.progress)
    {
      print_progress (&run, TRUE);
      g_printerr ("\n");
    }
  run_clear (&run);
  if (store != NULL)
    roster_cli_store_wait (store);

  /* Failed and unresolved rows, with the server's words. */
  for (guint i = 0; i < n_rows; i++)
    {
      RosterImportRow row;

      roster_import_job_get_row (job, i, &row);
      if (row.state == ROSTER_IMPORT_ROW_FAILED || row.state == ROSTER_IMPORT_ROW_UNKNOWN)
        g_printerr (_("Line %u (%s): %s: %s\n"), row.line, row.email,
                    row.state == ROSTER_IMPORT_ROW_FAILED ? _("failed") : _("not known whether registered"),
                    row.message ?: "");
    }

  if (results != NULL && !roster_import_job_write_results_to_path (job, results, &error))
    {
      g_printerr ("roster-cli: %s\n", error->message);
      g_clear_error (&error);
    }

  g_print (_("Registered %u of %u; %u failed, %u unknown, %u not sent.\n"),
           roster_import_job_get_n_registered (job), roster_import_job_get_n_total (job),
           roster_import_job_get_n_failed (job), roster_import_job_get_n_unknown (job),
           roster_import_job_get_n_remaining (job) - roster_import_job_get_n_unknown (job));
  n_left_out = roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_INVALID) +
               roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_DUPLICATE) +
               roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_ALREADY_REGISTERED);
  if (n_left_out > 0)
    g_print (ngettext ("Left out %u row: %u with problems, %u duplicates in the file, %u already registered.\n",
                       "Left out %u rows: %u with problems, %u duplicates in the file, %u already registered.\n",
                       n_left_out),
             n_left_out,
             roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_INVALID),
             roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_DUPLICATE),
             roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_ALREADY_REGISTERED));

  if (roster_import_job_get_n_unknown (job) > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%u row may have been registered, and it could not be proven either way. "
                             "Run the same command again later to check it, or add --resend-unknown "
                             "to send it anyway (which may register the person twice).\n",
                             "%u rows may have been registered, and they could not be proven either way. "
                             "Run the same command again later to check them, or add --resend-unknown "
                             "to send them anyway (which may register those people twice).\n",
                             roster_import_job_get_n_unknown (job)),
                roster_import_job_get_n_unknown (job));

  job_error = roster_import_job_get_error (job);
  if (job_error != NULL)
    {
      g_printerr ("roster-cli: %s\n", job_error->message);
      status = job_error->domain == ROSTER_API_ERROR ? roster_cli_status_for_error (job_error) : ROSTER_CLI_PARTIAL;
      return status == ROSTER_CLI_OK ? ROSTER_CLI_PARTIAL : status;
    }

  /* Rows skipped for their problems are rows not registered. */
  if (n_bad > 0)
    return ROSTER_CLI_PARTIAL;

  return roster_import_job_get_n_registered (job) == roster_import_job_get_n_total (job) ? ROSTER_CLI_OK : ROSTER_CLI_PARTIAL;
}
