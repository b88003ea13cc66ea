/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-dialog"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "roster-fake-service.h"
#include "roster-application.h"
#include "roster-import-dialog.h"
#include "roster-import-job.h"
#include "roster-import-journal.h"
#include "roster-import-memory.h"
#include "roster-import-results-page.h"
#include "roster-import-run-page.h"
#include "roster-import-target-summary.h"
#include "roster-schedule-row.h"
#include "roster-target-picker.h"
#include "roster-test-desktop.h"
#include "roster-test-import.h"
#include "roster-test-import-dialog.h"
#include "roster-test-ui.h"
#include "roster-test-util.h"

/* The "Import from CSV" dialog on screen (Xvfb), walked through every step with a real sample
 * file against the fake service over real HTTP on loopback: what the reader detected, the
 * guessed columns, the target, the review counts, consent gating Start, the run, the results
 * and their export, closing during a run, and resuming from the journal.  GTest makes
 * warnings fatal, so a warning anywhere fails the test. */

/* ---- The whole way ----------------------------------------------------------------------------- */

static void
test_walk (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) export_file = NULL;
  g_autoptr(GFile) missing_file = NULL;
  g_auto(GStrv) lines = NULL;
  GStatBuf st;
  RosterImportJob *job;
  GtkWidget *results_page;
  GtkWidget *list_view;
  guint n_rows = roster_import_plan_get_n_rows (fixture->plan);
  guint n_ready = roster_import_plan_get_count (fixture->plan, ROSTER_IMPORT_ROW_READY);
  guint n_lines;

  g_assert_cmpuint (n_ready, >, 0);
  open_dialog (fixture, fixture->file);

  /* 1. File: what the reader found. */
  g_assert_cmpstr (step (fixture), ==, "file");
  wait_until (fixture, file_read, 10000);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (action_row (fixture, SAMPLE))), ==, SAMPLE);
  g_assert_cmpstr (subtitle_of (fixture, "Encoding"), ==, "UTF-8");
  g_assert_cmpstr (subtitle_of (fixture, "Delimiter"), ==, "Semicolon ( ; )");
  g_assert_true (g_str_has_prefix (subtitle_of (fixture, "Header Row"), "Yes, 6 columns: Nachname, Vorname, E-Mail-Adresse"));
  rows = g_strdup_printf ("%u rows", n_rows);
  g_assert_cmpstr (subtitle_of (fixture, "Rows"), ==, rows);
  g_assert_false (action_enabled (fixture, "import.back"));
  shoot (fixture, "file");

  /* 2. Columns: guessed from the German header, and the preview as Roster reads the rows. */
  next (fixture);
  g_assert_cmpstr (step (fixture), ==, "columns");
  g_assert_cmpuint (adw_combo_row_get_selected (combo_row (fixture, "Email address")), ==, 3);
  g_assert_cmpuint (adw_combo_row_get_selected (combo_row (fixture, "First name")), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (combo_row (fixture, "Last name")), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (combo_row (fixture, "Phone country code")), ==, 4);
  g_assert_cmpuint (adw_combo_row_get_selected (combo_row (fixture, "Phone number")), ==, 5);
  g_assert_cmpuint (adw_combo_row_get_selected (combo_row (fixture, "Full name, to split")), ==, 0);
  g_assert_nonnull (find (fixture, GTK_TYPE_LABEL, "label",
                          roster_import_plan_get_row_value (fixture->plan, 0, ROSTER_IMPORT_FIELD_EMAIL)));
  /* The consent column feeds no field: it may be sent as a custom one. */
  g_assert_nonnull (action_row (fixture, "Einwilligung"));
  g_assert_true (action_enabled (fixture, "import.back"));
  shoot (fixture, "columns");

  /* Without an email column there is nothing to send; choosing it again reads the file again. */
  adw_combo_row_set_selected (combo_row (fixture, "Email address"), 0);
  roster_test_ui_iterate (50);
  g_assert_false (action_enabled (fixture, "import.next"));
  adw_combo_row_set_selected (combo_row (fixture, "Email address"), 3);
  wait_until (fixture, columns_ready, 10000);

  /* 3. Target: an instant replay is warned about; a daily schedule asks for the session. */
  next (fixture);
  g_assert_cmpstr (step (fixture), ==, "target");
  choose_webinar (fixture, "Growth Masterclass");
  wait_until (fixture, target_ready, 10000);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (action_row (fixture, "People registered to an instant replay or just-in-time schedule are let in right away, not at a fixed time."))));
  choose_webinar (fixture, TARGET);
  roster_test_ui_iterate (20);
  wait_until (fixture, target_ready, 10000);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (combo_row (fixture, "Session"))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (combo_row (fixture, "Time Zone"))));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (action_row (fixture, "People registered to an instant replay or just-in-time schedule are let in right away, not at a fixed time."))));
  shoot (fixture, "target");

  /* 4. Tidy up, then the review: the counts the core gives, and Start only with consent. */
  next (fixture);
  g_assert_cmpstr (step (fixture), ==, "tidy");
  wait_until (fixture, target_ready, 10000);
  shoot (fixture, "tidy");
  next (fixture);
  g_assert_cmpstr (step (fixture), ==, "review");
  g_assert_cmpuint (count_of (fixture, "Ready to register"), ==, n_ready);
  g_assert_cmpuint (count_of (fixture, "Invalid"), ==,
                    roster_import_plan_get_count (fixture->plan, ROSTER_IMPORT_ROW_INVALID));
  g_assert_cmpuint (count_of (fixture, "Duplicates"), ==,
                    roster_import_plan_get_count (fixture->plan, ROSTER_IMPORT_ROW_DUPLICATE));
  g_assert_false (action_enabled (fixture, "import.next"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.next", NULL);
  roster_test_ui_iterate (100);
  g_assert_cmpstr (step (fixture), ==, "review");
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 0);

  /* Nobody in the file is registered yet. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.check-registered", NULL);
  wait_until (fixture, registered_checked, 10000);
  g_assert_cmpuint (count_of (fixture, "Already registered"), ==, 0);
  g_assert_cmpuint (count_of (fixture, "Ready to register"), ==, n_ready);

  tick_consent (fixture);
  g_assert_true (action_enabled (fixture, "import.next"));
  shoot (fixture, "review");

  /* 5. Run, then 6. results. */
  next (fixture);
  wait_until (fixture, on_results, 30000);
  job = roster_import_dialog_get_job (fixture->dialog);
  g_assert_nonnull (job);
  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_FINISHED);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, n_ready);
  g_assert_cmpuint (roster_import_job_get_n_failed (job), ==, 0);
  g_assert_false (roster_import_dialog_get_running (fixture->dialog));
  assert_registered_exactly_once (fixture);

  /* Every row is listed, registered ones with their links. */
  results_page = find (fixture, ROSTER_TYPE_IMPORT_RESULTS_PAGE, NULL, NULL);
  list_view = roster_test_ui_find_widget (results_page, GTK_TYPE_LIST_VIEW, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)))), ==, n_rows);
  roster_test_ui_iterate (300);
  for (guint row = 0; row < n_rows; row++)
    if (roster_import_plan_get_row_status (fixture->plan, row) == ROSTER_IMPORT_ROW_READY)
      {
        g_autofree char *title = g_strdup_printf ("Line %u · %s", roster_import_plan_get_row_line (fixture->plan, row),
                                                  roster_import_plan_get_row_value (fixture->plan, row, ROSTER_IMPORT_FIELD_EMAIL));
        GtkWidget *label = roster_test_ui_find_widget (list_view, GTK_TYPE_LABEL, "label", title);
        g_autofree char *expected = g_strdup_printf ("Registered · User ID %s", roster_test_job_row (job, row).user_id);

        g_assert_nonnull (roster_test_job_row (job, row).live_room_url);
        g_assert_nonnull (roster_test_job_row (job, row).thank_you_url);
        /* The first rows are on screen. */
        g_assert_nonnull (label);
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (label))), ==, expected);
        break;
      }
  shoot (fixture, "results");

  /* Export: a CSV with a header and one line per row, readable by the user alone. */
  dir = g_dir_make_tmp ("roster-import-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  export_path = g_build_filename (dir, "results.csv", NULL);
  export_file = g_file_new_for_path (export_path);
  g_assert_true (export_results (results_page, export_file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (export_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (export_path, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", -1);
  n_lines = 0;
  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      n_lines++;
  g_assert_cmpuint (n_lines, ==, n_rows + 1);
  g_assert_nonnull (strstr (lines[0], "email"));
  g_assert_nonnull (strstr (contents, "registered"));
  g_unlink (export_path);

  /* A folder that is not there: the export says so. */
  missing_file = g_file_new_build_filename (dir, "missing", "results.csv", NULL);
  g_assert_false (export_results (results_page, missing_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_rmdir (dir);

  /* Done closes it without asking: nothing runs. */
  g_assert_true (action_enabled (fixture, "import.next"));
  next (fixture);
  roster_test_ui_iterate (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->dialog)));
}

/* ---- Closing during a run, and resuming ------------------------------------------------------ */

static GtkWindow *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
some_registered (Fixture *fixture)
{
  return roster_fake_service_get_n_registrations_total (fixture->service) >= 5;
}

static gboolean
job_idle (Fixture *fixture)
{
  RosterImportJob *job = roster_import_dialog_get_job (fixture->dialog);

  return job != NULL && !roster_import_job_is_busy (job) &&
         roster_import_job_get_state (job) != ROSTER_IMPORT_JOB_RUNNING;
}

static gpointer *job_gone_ptr;

static gboolean
job_gone (Fixture *fixture)
{
  return *job_gone_ptr == NULL;
}

/* Before Start Import the review says again where the people go: webinar, schedule, session. */
static void
test_review_restates_target (Fixture       *fixture,
                             gconstpointer  data)
{
  RosterImportTargetSummary *summary;
  RosterTargetPicker *picker;
  g_autofree char *date = NULL;
  const char *text;

  open_dialog (fixture, fixture->file);
  walk_to_review (fixture);
  summary = ROSTER_IMPORT_TARGET_SUMMARY (roster_test_ui_find_widget (GTK_WIDGET (fixture->dialog),
                                                                      ROSTER_TYPE_IMPORT_TARGET_SUMMARY,
                                                                      NULL, NULL));
  picker = ROSTER_TARGET_PICKER (roster_test_ui_find_widget (GTK_WIDGET (fixture->dialog),
                                                             ROSTER_TYPE_TARGET_PICKER, NULL, NULL));
  g_assert_nonnull (summary);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (summary)));
  text = roster_import_target_summary_get_text (summary);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, TARGET));
  /* The daily schedule, and the session the target step chose, in the user's words */
  g_assert_nonnull (strstr (text, "Every day"));
  g_assert_nonnull (roster_target_picker_get_date (picker));
  date = roster_schedule_row_format_date (roster_target_picker_get_date (picker));
  g_assert_nonnull (strstr (text, date));
  shoot (fixture, "review-target");
}

/* Starts the sample's import on a limiter of 10 calls a second against a slower server, so
 * that it still runs when the test acts; the test gives the limiter back when done. */
static RosterRateLimiter *
start_slow_run (Fixture *fixture)
{
  RosterRateLimiter *slow = roster_rate_limiter_new (10, G_USEC_PER_SEC);

  g_source_attach ((GSource *) slow, NULL);
  roster_client_set_rate_limiter (fixture->client, slow);
  roster_fake_service_set_latency (fixture->service, 100, 20);
  open_dialog (fixture, fixture->file);
  walk_to_review (fixture);
  tick_consent (fixture);
  next (fixture);
  wait_until (fixture, on_run, 10000);
  wait_until (fixture, some_registered, 20000);

  return slow;
}

static void
test_close_and_resume (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) journals = NULL;
  g_autofree char *account_id = NULL;
  RosterImportJournalInfo *info = NULL;
  GtkWindow *message;
  GtkWidget *run_page;
  gpointer job_weak;
  g_autoptr(RosterRateLimiter) slow = NULL;
  gpointer weak;
  guint n_ready = roster_import_plan_get_count (fixture->plan, ROSTER_IMPORT_ROW_READY);

  /* Slow enough that the run is still going when the user closes the window: 10 a second. */
  slow = start_slow_run (fixture);
  g_assert_true (roster_import_dialog_get_running (fixture->dialog));
  shoot (fixture, "run");

  /* Pause holds it; resume goes on. */
  run_page = find (fixture, ROSTER_TYPE_IMPORT_RUN_PAGE, NULL, NULL);
  gtk_widget_activate_action (run_page, "run.pause", NULL);
  roster_test_ui_iterate (50);
  g_assert_cmpint (roster_import_job_get_state (roster_import_dialog_get_job (fixture->dialog)), ==, ROSTER_IMPORT_JOB_PAUSED);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (find (fixture, GTK_TYPE_BUTTON, "action-name", "run.pause"))), ==, "_Resume");
  gtk_widget_activate_action (run_page, "run.pause", NULL);
  roster_test_ui_iterate (50);
  g_assert_cmpint (roster_import_job_get_state (roster_import_dialog_get_job (fixture->dialog)), ==, ROSTER_IMPORT_JOB_RUNNING);

  /* Escape asks first; keeping on leaves it running. */
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  roster_test_ui_iterate (50);
  message = find_message_dialog ();
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==, "Stop the import?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "continue");
  roster_test_ui_iterate (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->dialog)));
  g_assert_true (roster_import_dialog_get_running (fixture->dialog));

  /* Stopping: calls in flight land and are journaled, the window goes. */
  job_weak = roster_import_dialog_get_job (fixture->dialog);
  g_object_add_weak_pointer (G_OBJECT (job_weak), &job_weak);
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  roster_test_ui_iterate (50);
  message = find_message_dialog ();
  g_assert_nonnull (message);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "stop");
  roster_test_ui_iterate (20);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->dialog)));
  weak = fixture->dialog;
  g_object_add_weak_pointer (G_OBJECT (weak), &weak);
  g_clear_object (&fixture->dialog);
  g_assert_null (weak);
  /* The job finishes its calls in flight on its own, then goes (and so unlocks the journal). */
  job_gone_ptr = &job_weak;
  wait_until (fixture, job_gone, 10000);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->service), <, n_ready);

  /* The unfinished import is listed, and resuming it sends only the rest. */
  account_id = roster_client_dup_account_id (fixture->client);
  journals = roster_import_journal_list (roster_client_get_journal_dir (fixture->client), account_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < journals->len; i++)
    {
      RosterImportJournalInfo *candidate = g_ptr_array_index (journals, i);

      if (!candidate->complete)
        info = candidate;
    }
  g_assert_nonnull (info);
  g_assert_cmpuint (info->n_registered, >, 0);

  roster_fake_service_set_latency (fixture->service, 0, 0);
  roster_client_set_rate_limiter (fixture->client, fixture->limiter);
  g_source_destroy ((GSource *) slow);
  fixture->dialog = roster_import_dialog_new_for_journal (fixture->parent, fixture->client,
                                                          G_LIST_MODEL (fixture->webinars), info->path);
  g_object_ref_sink (fixture->dialog);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  wait_until (fixture, on_review, 10000);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (find (fixture, ADW_TYPE_ACTION_ROW, "title",
                                                          "Resuming the unfinished import of “" SAMPLE "”"))));
  g_assert_true (adw_combo_row_get_selected_item (combo_row (fixture, "Webinar")) == find_webinar (fixture, TARGET));
  g_assert_false (action_enabled (fixture, "import.next"));
  tick_consent (fixture);
  next (fixture);
  wait_until (fixture, on_results, 30000);
  wait_until (fixture, job_idle, 10000);
  g_assert_cmpint (roster_import_job_get_state (roster_import_dialog_get_job (fixture->dialog)), ==, ROSTER_IMPORT_JOB_FINISHED);
  assert_registered_exactly_once (fixture);
}

/* ---- A damaged journal ------------------------------------------------------------------------- */

static gboolean
message_shown (Fixture *fixture)
{
  return find_message_dialog () != NULL;
}

/* Issue 11 §4: the journal of a finished import is damaged; importing the same file again does
 * not start afresh but offers recovery, which looks everyone up and registers nobody again. */
static void
test_recover (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) journals = NULL;
  g_autofree char *account_id = roster_client_dup_account_id (fixture->client);
  g_autofree char *contents = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GDir) gdir = NULL;
  RosterImportJournalInfo *info;
  GtkWindow *message;
  gpointer job_weak;
  const char *name;
  char *first_newline;

  open_dialog (fixture, fixture->file);
  walk_to_review (fixture);
  tick_consent (fixture);
  next (fixture);
  wait_until (fixture, on_results, 30000);
  wait_until (fixture, job_idle, 10000);
  assert_registered_exactly_once (fixture);
  job_weak = roster_import_dialog_get_job (fixture->dialog);
  g_object_add_weak_pointer (G_OBJECT (job_weak), &job_weak);
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  roster_test_ui_iterate (20);
  g_clear_object (&fixture->dialog);
  job_gone_ptr = &job_weak;
  wait_until (fixture, job_gone, 10000);

  /* A line in the middle becomes unreadable. */
  journals = roster_import_journal_list (roster_client_get_journal_dir (fixture->client), account_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (journals->len, ==, 1);
  info = g_ptr_array_index (journals, 0);
  g_assert_true (g_file_get_contents (info->path, &contents, NULL, NULL));
  first_newline = strchr (contents, '\n');
  g_assert_nonnull (first_newline);
  *first_newline = '\0';
  damaged = g_strconcat (contents, "\n{\"row\":3,\"sta\x01\n", first_newline + 1, NULL);
  g_assert_true (g_file_set_contents (info->path, damaged, -1, NULL));

  roster_fake_service_reset_counters (fixture->service);
  open_dialog (fixture, fixture->file);
  walk_to_review (fixture);
  tick_consent (fixture);
  next (fixture);
  wait_until (fixture, message_shown, 10000);
  message = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==, "Recover the Damaged Import?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), "damaged"));
  /* Nothing was sent while the user decides. */
  g_assert_null (roster_import_dialog_get_job (fixture->dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "recover");

  wait_until (fixture, on_results, 30000);
  wait_until (fixture, job_idle, 10000);
  g_assert_cmpint (roster_import_job_get_state (roster_import_dialog_get_job (fixture->dialog)), ==, ROSTER_IMPORT_JOB_FINISHED);
  g_assert_true (roster_import_journal_get_recovering (roster_import_job_get_journal (roster_import_dialog_get_job (fixture->dialog))));
  /* Everyone was found registered: no second registration, not even one call. */
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->service), ==, 0);

  /* The damaged journal is kept aside. */
  dir = g_path_get_dirname (info->path);
  gdir = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (gdir)) != NULL)
    if (strstr (name, ".journal.damaged-") != NULL)
      aside = g_strdup (name);
  g_assert_nonnull (aside);
}

static gpointer *dialog_gone_ptr;

static gboolean
dialog_gone (Fixture *fixture)
{
  return *dialog_gone_ptr == NULL;
}

/* The window is closed during a run and "Stop Import" clicked, as a user does: nothing but the
 * window holds it, so it goes while the question's answer is still being handled. Any
 * warning or critical on the way fails the test (GTest makes them fatal). */
static void
test_close_stop_unreferenced (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(RosterRateLimiter) slow = NULL;
  GtkWindow *message;
  GtkWidget *stop;
  gpointer weak;
  gpointer job_weak;

  slow = start_slow_run (fixture);
  g_assert_true (roster_import_dialog_get_running (fixture->dialog));

  job_weak = roster_import_dialog_get_job (fixture->dialog);
  g_object_add_weak_pointer (G_OBJECT (job_weak), &job_weak);
  weak = fixture->dialog;
  g_object_add_weak_pointer (G_OBJECT (weak), &weak);
  g_clear_object (&fixture->dialog);

  gtk_window_close (GTK_WINDOW (weak));
  roster_test_ui_iterate (50);
  g_assert_nonnull (weak);
  message = find_message_dialog_for (weak);
  g_assert_nonnull (message);
  stop = roster_test_ui_find_widget (GTK_WIDGET (message), GTK_TYPE_BUTTON, "label", "_Stop Import");
  g_assert_nonnull (stop);
  g_object_add_weak_pointer (G_OBJECT (message), (gpointer *) &message);
  g_signal_emit_by_name (stop, "clicked");
  /* Both go: the window and its question. */
  dialog_gone_ptr = &weak;
  wait_until (fixture, dialog_gone, 5000);
  dialog_gone_ptr = (gpointer *) &message;
  wait_until (fixture, dialog_gone, 5000);

  job_gone_ptr = &job_weak;
  wait_until (fixture, job_gone, 10000);
  roster_client_set_rate_limiter (fixture->client, fixture->limiter);
  g_source_destroy ((GSource *) slow);
}

/* Inside Roster's application the import goes on when its dialog closes: no question, and the
 * application's runner sees it to the end.  The test's own session manager answers the
 * inhibitor the runner takes. */
static void
test_close_keeps_running (Fixture       *fixture,
                          gconstpointer  data)
{
  RosterTestDesktop *desktop = roster_test_desktop_start ();
  g_autoptr(RosterApplication) app = roster_test_ui_application_new ();
  RosterImportRunner *runner = roster_application_get_import_runner (app);
  g_autoptr(RosterImportJob) job = NULL;
  RosterRateLimiter *slow;
  gint64 end;
  gpointer weak;

  gtk_window_set_application (fixture->parent, GTK_APPLICATION (app));
  slow = start_slow_run (fixture);
  job = g_object_ref (roster_import_dialog_get_job (fixture->dialog));
  g_assert_true (roster_import_runner_contains (runner, job));

  weak = fixture->dialog;
  g_object_add_weak_pointer (G_OBJECT (weak), &weak);
  g_clear_object (&fixture->dialog);
  gtk_window_close (GTK_WINDOW (weak));
  /* Nothing asked: the dialog is gone at once, and the import runs on. */
  dialog_gone_ptr = &weak;
  wait_until (fixture, dialog_gone, 5000);
  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_RUNNING);

  end = g_get_monotonic_time () + (under_valgrind () ? 600 : 30) * G_USEC_PER_SEC;
  /* The runner lets go once the job has said "finished", its journal complete. */
  while (roster_import_runner_get_n_active (runner) > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      roster_test_ui_iterate (10);
    }
  g_assert_cmpint (roster_import_job_get_state (job), ==, ROSTER_IMPORT_JOB_FINISHED);
  assert_registered_exactly_once (fixture);

  /* Shut down as main() would, so that the next test's application can take the bus path. */
  gtk_window_set_application (fixture->parent, NULL);
  g_signal_connect (app, "activate", G_CALLBACK (g_signal_stop_emission_by_name), (gpointer) "activate");
  g_application_run (G_APPLICATION (app), 0, NULL);
  roster_test_desktop_stop (desktop);
  roster_client_set_rate_limiter (fixture->client, fixture->limiter);
  g_source_destroy ((GSource *) slow);
  roster_rate_limiter_unref (slow);
}

/* ---- Problems ---------------------------------------------------------------------------------- */

/* A file with bad rows: each problem is listed by line, the bad rows are skipped and never
 * sent, and the results say why. */
static void
test_problems (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *skipped = NULL;
  GtkWidget *list_view;
  RosterImportJob *job;
  guint n_rows = roster_import_plan_get_n_rows (fixture->plan);
  guint n_ready = roster_import_plan_get_count (fixture->plan, ROSTER_IMPORT_ROW_READY);
  guint n_problems = roster_import_plan_get_n_problems (fixture->plan);

  g_assert_cmpuint (n_ready, <, n_rows);
  g_assert_cmpuint (n_problems, >, 0);

  open_dialog (fixture, fixture->file);
  walk_to_review (fixture);
  g_assert_cmpuint (count_of (fixture, "Ready to register"), ==, n_ready);
  g_assert_cmpuint (count_of (fixture, "Invalid"), ==,
                    roster_import_plan_get_count (fixture->plan, ROSTER_IMPORT_ROW_INVALID));
  g_assert_cmpuint (count_of (fixture, "Duplicates"), ==,
                    roster_import_plan_get_count (fixture->plan, ROSTER_IMPORT_ROW_DUPLICATE));
  skipped = g_strdup_printf ("%u rows will be skipped", n_rows - n_ready);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (action_row (fixture, skipped))));

  /* Every problem, with its line, in the list. */
  list_view = roster_test_ui_find_widget (find (fixture, ADW_TYPE_PREFERENCES_GROUP, "title", "Problems"),
                                          GTK_TYPE_LIST_VIEW, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)))),
                    ==, n_problems);
  roster_test_ui_iterate (200);
  g_assert_nonnull (roster_test_ui_find_widget (list_view, GTK_TYPE_LABEL, "label",
                                                roster_import_plan_get_problem (fixture->plan, 0)->message));
  tick_consent (fixture);
  shoot (fixture, "review-problems");

  next (fixture);
  wait_until (fixture, on_results, 30000);
  job = roster_import_dialog_get_job (fixture->dialog);
  g_assert_cmpuint (roster_import_job_get_n_registered (job), ==, n_ready);
  assert_registered_exactly_once (fixture);
  for (guint row = 0; row < n_rows; row++)
    {
      RosterImportRowState status = roster_import_plan_get_row_status (fixture->plan, row);
      RosterImportRowState outcome = roster_import_job_get_row_outcome (job, row);

      if (status == ROSTER_IMPORT_ROW_INVALID)
        g_assert_cmpint (outcome, ==, ROSTER_IMPORT_ROW_INVALID);
      else if (status == ROSTER_IMPORT_ROW_DUPLICATE)
        g_assert_cmpint (outcome, ==, ROSTER_IMPORT_ROW_DUPLICATE);
      else
        g_assert_cmpint (outcome, ==, ROSTER_IMPORT_ROW_REGISTERED);
    }
}

/* ---- Small things ------------------------------------------------------------------------------ */

/* A file that can't be read says so on the first step, and the dialog goes nowhere. */
static void
test_missing_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/roster/people.csv");

  open_dialog (fixture, missing);
  roster_test_ui_iterate (300);
  g_assert_cmpstr (step (fixture), ==, "file");
  g_assert_false (action_enabled (fixture, "import.next"));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (action_row (fixture, "Encoding"))));

  /* Another file (as dropped) replaces it. */
  roster_import_dialog_open_file (fixture->dialog, fixture->file);
  wait_until (fixture, file_read, 10000);
  g_assert_true (roster_import_dialog_get_file (fixture->dialog) == fixture->file);
}

/* Closing while the file is read and the webinar fetched touches nothing afterwards. */
static void
test_close_while_loading (Fixture       *fixture,
                          gconstpointer  data)
{
  roster_fake_service_set_latency (fixture->service, 300, 0);
  open_dialog (fixture, fixture->file);
  wait_until (fixture, file_read, 10000);
  next (fixture);
  next (fixture);
  choose_webinar (fixture, TARGET);
  roster_test_ui_iterate (20);
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  roster_test_ui_iterate (20);
  /* No question: nothing was sent. */
  g_assert_null (find_message_dialog ());
  roster_test_ui_iterate (600);
}

/* ---- Rows that stay unknown, and a server that goes away ------------------------------------ */

static gboolean
has_message_dialog (Fixture *fixture)
{
  return find_message_dialog () != NULL;
}

/* Lost answers that no lookup can settle stay unknown; the results offer to send them anyway,
 * after a warning that names the risk. */
static void
test_unknown_rows (Fixture       *fixture,
                   gconstpointer  data)
{
  RosterImportJob *job;
  GtkWidget *results_page;
  GtkWidget *resend;
  GtkWindow *message;

  g_settings_set_uint (fixture->settings, "unknown-check-window", 1);
  roster_fake_service_inject_fault_for_method (fixture->service, ROSTER_FAKE_FAULT_CLOSE_BEFORE_PROCESSING, "register", 2);
  roster_fake_service_inject_fault_for_method (fixture->service, ROSTER_FAKE_FAULT_HTTP_500_HTML, "registrants", 10000);

  open_dialog (fixture, fixture->file);
  walk_to_review (fixture);
  tick_consent (fixture);
  next (fixture);
  wait_until (fixture, on_results, 60000);

  job = roster_import_dialog_get_job (fixture->dialog);
  g_assert_cmpuint (roster_import_job_get_n_unknown (job), ==, 2);
  g_assert_cmpuint (roster_import_job_get_n_failed (job), ==, 0);
  results_page = find (fixture, ROSTER_TYPE_IMPORT_RESULTS_PAGE, NULL, NULL);
  resend = roster_test_ui_find_widget (results_page, GTK_TYPE_BUTTON, "action-name", "import.resend-unknown");
  g_assert_nonnull (resend);
  g_assert_true (gtk_widget_get_visible (resend));
  g_assert_true (gtk_widget_get_sensitive (resend));
  shoot (fixture, "unknown");

  /* The warning first; cancelling sends nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.resend-unknown", NULL);
  wait_until (fixture, has_message_dialog, 5000);
  message = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), "twice"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "cancel");
  roster_test_ui_iterate (100);
  g_assert_cmpuint (roster_import_job_get_n_unknown (job), ==, 2);

  roster_fake_service_clear_faults (fixture->service);
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.resend-unknown", NULL);
  wait_until (fixture, has_message_dialog, 5000);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_message_dialog ()), "send");
  roster_test_ui_iterate (50);
  wait_until (fixture, on_results, 30000);
  wait_until (fixture, job_idle, 30000);
  g_assert_cmpuint (roster_import_job_get_n_unknown (job), ==, 0);
  assert_registered_exactly_once (fixture);
  g_assert_false (gtk_widget_get_visible (resend));
}

static gboolean
waiting_for_server (Fixture *fixture)
{
  GtkWidget *page = find (fixture, ROSTER_TYPE_IMPORT_RUN_PAGE, NULL, NULL);

  return roster_test_ui_find_widget (page, GTK_TYPE_LABEL, "label", "Waiting for the Server…") != NULL;
}

/* The server goes away mid-run: the run page says so with the next try's countdown, and the
 * import goes on by itself when it is back. */
static void
test_server_gone (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint port = roster_fake_service_get_port (fixture->service);
  GtkWidget *page;

  roster_fake_service_set_latency (fixture->service, 30, 10);
  open_dialog (fixture, fixture->file);
  walk_to_review (fixture);
  tick_consent (fixture);
  next (fixture);
  wait_until (fixture, some_registered, 30000);
  roster_fake_service_stop (fixture->service);

  wait_until (fixture, waiting_for_server, 30000);
  page = find (fixture, ROSTER_TYPE_IMPORT_RUN_PAGE, NULL, NULL);
  g_assert_nonnull (roster_test_ui_find_widget (page, GTK_TYPE_LABEL, "label",
                                                "The server could not be reached. Next try in 1 second."));
  shoot (fixture, "waiting");

  roster_fake_service_start_on_port (fixture->service, port, &error);
  g_assert_no_error (error);
  wait_until (fixture, on_results, 60000);
  g_assert_cmpint (roster_import_job_get_state (roster_import_dialog_get_job (fixture->dialog)), ==,
                   ROSTER_IMPORT_JOB_FINISHED);
  assert_registered_exactly_once (fixture);
}

/* The marks of who is registered belong to one webinar: choosing another forgets them, and the
 * review offers the check again. */
static void
test_check_forgotten (Fixture       *fixture,
                      gconstpointer  data)
{
  AdwComboRow *row;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->webinars));
  guint other = G_MAXUINT;

  open_dialog (fixture, fixture->file);
  walk_to_review (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.check-registered", NULL);
  wait_until (fixture, registered_checked, 10000);
  g_assert_cmpstr (subtitle_of (fixture, "Already registered"), ==,
                   "People the webinar has already; they are not sent again");

  row = combo_row (fixture, "Webinar");
  for (guint i = 0; i < n && other == G_MAXUINT; i++)
    {
      g_autoptr(RosterWebinar) webinar = g_list_model_get_item (G_LIST_MODEL (fixture->webinars), i);

      if (g_strcmp0 (roster_webinar_get_title (webinar), TARGET) != 0)
        other = i;
    }
  g_assert_cmpuint (other, !=, G_MAXUINT);
  adw_combo_row_set_selected (row, other);
  roster_test_ui_iterate (100);

  g_assert_false (registered_checked (fixture));
  g_assert_cmpstr (subtitle_of (fixture, "Already registered"), ==, "Not checked yet");
}

int
main (int   argc,
      char *argv[])
{
  roster_test_ui_init (&argc, &argv);

  g_test_add ("/import-dialog/walk", Fixture, NULL, fixture_set_up, test_walk, fixture_tear_down);
  g_test_add ("/import-dialog/review-restates-target", Fixture, NULL, fixture_set_up,
              test_review_restates_target, fixture_tear_down);
  g_test_add ("/import-dialog/unknown-rows", Fixture, NULL, fixture_set_up, test_unknown_rows, fixture_tear_down);
  g_test_add ("/import-dialog/check-registered/forgotten-for-another-webinar", Fixture, NULL, fixture_set_up,
              test_check_forgotten, fixture_tear_down);
  g_test_add ("/import-dialog/server-gone", Fixture, NULL, fixture_set_up, test_server_gone, fixture_tear_down);
  g_test_add ("/import-dialog/close-and-resume", Fixture, NULL, fixture_set_up, test_close_and_resume,
              fixture_tear_down);
  g_test_add ("/import-dialog/recover", Fixture, NULL, fixture_set_up, test_recover, fixture_tear_down);
  g_test_add ("/import-dialog/close-stop-unreferenced", Fixture, NULL, fixture_set_up,
              test_close_stop_unreferenced, fixture_tear_down);
  g_test_add ("/import-dialog/close-keeps-running", Fixture, NULL, fixture_set_up, test_close_keeps_running,
              fixture_tear_down);
  g_test_add ("/import-dialog/problems", Fixture, "messy.csv", fixture_set_up, test_problems,
              fixture_tear_down);
  g_test_add ("/import-dialog/missing-file", Fixture, NULL, fixture_set_up, test_missing_file,
              fixture_tear_down);
  g_test_add ("/import-dialog/close-while-loading", Fixture, NULL, fixture_set_up, test_close_while_loading,
              fixture_tear_down);

  return g_test_run ();
}
