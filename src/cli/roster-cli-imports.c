/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <unistd.h>

#include "roster-cli-common.h"
#include "roster-cli-imports.h"
#include "roster-cli-store.h"
#include "roster-import-history.h"
#include "roster-import-undo.h"

/* `roster-cli imports`: the account's import history (list, show), undoing one import
 * (unsubscribing everyone it registered) and forgetting one.  Every subcommand first forgets
 * finished imports older than --keep-days, as the app does at startup. */

typedef struct
{
  RosterClient *client;
  const char   *store_path;  /* NULL: the demo's, none kept */
  GListModel   *history;
  guint         keep_days;
} Imports;

static char *
format_duration (gint64 seconds)
{
  if (seconds < 60)
    return g_strdup_printf ("%" G_GINT64_FORMAT "s", seconds);
  if (seconds < 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT "m%02" G_GINT64_FORMAT "s", seconds / 60, seconds % 60);
  return g_strdup_printf ("%" G_GINT64_FORMAT "h%02" G_GINT64_FORMAT "m", seconds / 3600, (seconds % 3600) / 60);
}

static char *
format_started (RosterImportRecord *record)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (roster_import_record_get_started (record));

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static gboolean
load_history (Imports  *imports,
              GError  **error)
{
  g_autofree char *account_id = roster_client_dup_account_id (imports->client);
  const char *dir = roster_client_get_journal_dir (imports->client);
  int n_forgotten = roster_import_history_expire (dir, imports->keep_days, error);

  if (n_forgotten < 0)
    return FALSE;
  if (n_forgotten > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "Forgot %d finished import older than %u days\n",
                             "Forgot %d finished imports older than %u days\n", n_forgotten),
                n_forgotten, imports->keep_days);
  imports->history = roster_import_history_list (dir, account_id, error);
  return imports->history != NULL;
}

static int
imports_list (Imports *imports)
{
  guint n = g_list_model_get_n_items (imports->history);

  if (n == 0)
    {
      g_print ("%s\n", _("No imports."));
      return ROSTER_CLI_OK;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterImportRecord) record = g_list_model_get_item (imports->history, i);
      const RosterImportJournalInfo *info = roster_import_record_get_info (record);
      g_autofree char *started = format_started (record);
      g_autofree char *summary = roster_import_record_dup_summary (record);

      /* ID, start, state, file, webinar/schedule, counts */
      g_print ("%s  %s  %-12s  %s  %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "  %s\n",
               roster_import_record_get_id (record), started, roster_import_record_get_state_label (record),
               info->file_name ? info->file_name : "-", info->target->webinar_id, info->target->schedule_id,
               summary);
    }
  return ROSTER_CLI_OK;
}

static int
imports_show (Imports            *imports,
              RosterImportRecord *record)
{
  const RosterImportJournalInfo *info = roster_import_record_get_info (record);
  g_autofree char *started = format_started (record);
  g_autofree char *duration = format_duration (roster_import_record_get_duration (record));
  g_autofree char *webinar = g_strdup_printf ("%" G_GINT64_FORMAT, info->target->webinar_id);
  g_autofree char *schedule = g_strdup_printf ("%" G_GINT64_FORMAT, info->target->schedule_id);

  /* The numbers as text: a format macro would hide the rest of the message from xgettext. */
  g_print (_("ID: %s\n"), roster_import_record_get_id (record));
  g_print (_("File: %s\n"), info->file_name ? info->file_name : "-");
  g_print (_("Webinar: %s\n"), webinar);
  g_print (_("Schedule: %s\n"), schedule);
  if (info->target->date != NULL)
    g_print (_("Session: %s\n"), info->target->date);
  g_print (_("Started: %s\n"), started);
  g_print (_("Duration: %s\n"), duration);
  g_print (_("State: %s\n"), roster_import_record_get_state_label (record));
  g_print (_("Rows: %u\n"), info->n_rows);
  g_print (_("Registered: %u\n"), info->n_registered);
  g_print (_("Failed: %u\n"), info->n_failed);
  g_print (_("Unknown: %u\n"), info->n_unknown);
  g_print (_("Skipped: %u\n"), roster_import_record_get_n_skipped (record));
  if (roster_import_record_get_state (record) == ROSTER_IMPORT_STATE_UNDOING ||
      roster_import_record_get_state (record) == ROSTER_IMPORT_STATE_UNDONE)
    g_print (_("Unsubscribed: %u\n"), roster_import_record_get_n_unsubscribed (record));
  return ROSTER_CLI_OK;
}

static int
imports_forget (Imports            *imports,
                RosterImportRecord *record)
{
  g_autoptr(GError) error = NULL;

  if (!roster_import_history_forget (roster_import_record_get_path (record), &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
  g_print (_("Forgot import %s\n"), roster_import_record_get_id (record));
  return ROSTER_CLI_OK;
}

/* ---- undo --------------------------------------------------------------------------------------- */

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  GAsyncResult *result;
  gboolean      progress;
  guint         n_signals;
} Undoing;

static void
undo_progress_cb (RosterImportUndo *undo,
                  Undoing          *undoing)
{
  if (!undoing->progress)
    return;
  g_printerr ("\r");
  /* Translators: progress of undoing an import on a terminal */
  g_printerr (_("Unsubscribing: %u of %u"), roster_import_undo_get_n_done (undo),
              roster_import_undo_get_n_total (undo));
}

static void
undo_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Undoing *undoing = user_data;

  undoing->result = g_object_ref (result);
  g_main_loop_quit (undoing->loop);
}

/* Ctrl+C: no new calls; those under way land and are recorded.  A second one leaves at once. */
static gboolean
undo_interrupted_cb (gpointer user_data)
{
  Undoing *undoing = user_data;

  if (undoing->n_signals++ > 0)
    _exit (ROSTER_CLI_PARTIAL);
  g_cancellable_cancel (undoing->cancellable);
  return G_SOURCE_CONTINUE;
}

static int
imports_undo (Imports            *imports,
              RosterImportRecord *record,
              gboolean            consent,
              guint               check_window)
{
  g_autoptr(RosterRegistrantStore) store = NULL;
  g_autoptr(RosterImportUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  Undoing undoing = { 0 };
  guint sigint, sigterm;
  int status;

  if (!consent)
    return roster_cli_fail (ROSTER_CLI_USAGE,
                            _("Undoing unsubscribes everyone this import registered: they get no more "
                              "emails or reminders about the webinar. Add --consent to go ahead."));

  undo = roster_import_undo_new (imports->client, roster_import_record_get_path (record));
  roster_import_undo_set_check_window (undo, check_window);
  /* A store the user keeps hears of every unsubscription; none is made just for that. */
  if (imports->store_path != NULL && g_file_test (imports->store_path, G_FILE_TEST_IS_REGULAR))
    store = roster_cli_store_open (imports->store_path, NULL);
  roster_import_undo_set_registrant_store (undo, store);
  undoing.loop = g_main_loop_new (NULL, FALSE);
  undoing.cancellable = g_cancellable_new ();
  undoing.progress = isatty (STDERR_FILENO);
  g_signal_connect (undo, "progress", G_CALLBACK (undo_progress_cb), &undoing);
  sigint = g_unix_signal_add (SIGINT, undo_interrupted_cb, &undoing);
  sigterm = g_unix_signal_add (SIGTERM, undo_interrupted_cb, &undoing);

  roster_import_undo_run_async (undo, undoing.cancellable, undo_done_cb, &undoing);
  g_main_loop_run (undoing.loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  if (undoing.progress)
    g_printerr ("\n");
  if (store != NULL)
    roster_cli_store_wait (store);

  if (!roster_import_undo_run_finish (undo, undoing.result, &error))
    status = roster_cli_fail (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                ? ROSTER_CLI_PARTIAL : roster_cli_status_for_error (error),
                              "%s", error->message);
  else
    {
      /* Translators: the report of undoing an import */
      g_print (_("Unsubscribed %u of %u people; %u were already unsubscribed or gone; %u failed\n"),
               roster_import_undo_get_n_unsubscribed (undo), roster_import_undo_get_n_total (undo),
               roster_import_undo_get_n_gone (undo), roster_import_undo_get_n_failed (undo));
      status = roster_import_undo_get_n_failed (undo) > 0 ? ROSTER_CLI_PARTIAL : ROSTER_CLI_OK;
    }

  g_clear_object (&undoing.result);
  g_clear_object (&undoing.cancellable);
  g_main_loop_unref (undoing.loop);
  return status;
}

/* ---- dispatch ----------------------------------------------------------------------------------- */

int
roster_cli_imports_run (RosterClient  *client,
                        const char    *store_path,
                        int            argc,
                        char         **argv)
{
  gboolean consent = FALSE;
  int keep_days = ROSTER_IMPORT_HISTORY_DEFAULT_DAYS;
  int check_window = 60;
  GOptionEntry entries[] = {
    { "consent", 0, 0, G_OPTION_ARG_NONE, &consent, N_("Confirm unsubscribing everyone the import registered"), NULL },
    { "keep-days", 0, 0, G_OPTION_ARG_INT, &keep_days, N_("Forget finished imports older than this many days first (0: keep all)"), "DAYS" },
    { "check-window", 0, 0, G_OPTION_ARG_INT, &check_window, N_("Seconds to keep looking for someone the search does not show yet"), "SECONDS" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportRecord) record = NULL;
  Imports imports = { client, store_path, NULL, 0 };
  const char *command;
  int status;

  if (!roster_cli_parse_options (entries, "[list | show ID | undo ID --consent | forget ID]", &argc, &argv, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
  if (check_window < 0 || keep_days < 0)
    return roster_cli_fail (ROSTER_CLI_USAGE, _("--check-window and --keep-days take a number that is not negative"));
  command = argc > 1 ? argv[1] : "list";
  if (g_strcmp0 (command, "list") != 0 && argc != 3)
    return roster_cli_fail (ROSTER_CLI_USAGE, _("Usage: roster-cli imports [list | show ID | undo ID --consent | forget ID]"));

  imports.keep_days = (guint) keep_days;
  if (!load_history (&imports, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);

  if (g_strcmp0 (command, "list") == 0)
    status = imports_list (&imports);
  else if ((record = roster_import_history_find (imports.history, argv[2], &error)) == NULL)
    status = roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
  else if (g_strcmp0 (command, "show") == 0)
    status = imports_show (&imports, record);
  else if (g_strcmp0 (command, "forget") == 0)
    status = imports_forget (&imports, record);
  else if (g_strcmp0 (command, "undo") == 0)
    status = imports_undo (&imports, record, consent, (guint) check_window);
  else
    status = roster_cli_fail (ROSTER_CLI_USAGE, _("Unknown imports command “%s”."), command);

  g_clear_object (&imports.history);
  return status;
}
