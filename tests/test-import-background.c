/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-background"

#include "config.h"

#include <string.h>

#include "roster-csv-reader.h"
#include "roster-import-mapping.h"
#include "roster-import-progress-window.h"
#include "roster-import-runner.h"
#include "roster-imports-banner.h"
#include "roster-quit-question.h"
#include "roster-test-desktop.h"
#include "roster-test-import.h"
#include "roster-test-network-monitor.h"
#include "roster-test-ui.h"
#include "roster-test-util.h"

/* Imports that run without a window: against the fake service over loopback, a real
 * RosterApplication under Xvfb, and on the private test bus a notification server and a
 * session manager that record what the application asks of the desktop.  Closing every window
 * lets the import finish and the application quit by itself; the quit question; the
 * notifications (running without a window, the end, an error that stops an import); the
 * inhibitor; and an injected network monitor that holds and resumes a run. */

#define WEBINAR "Growth Masterclass"

/* ---- Fixture ---------------------------------------------------------------------------------- */

typedef struct
{
  RosterTestImport    import;
  RosterTestDesktop  *desktop;
  RosterApplication  *app;
  RosterImportRunner *runner;
  RosterImportJob    *job;
  char               *tag;
  guint               n_rows;
  gboolean            timed_out;
  gboolean            ran;
} Fixture;

static gboolean
under_valgrind (void)
{
  return g_getenv ("G_SLICE") != NULL && g_str_equal (g_getenv ("G_SLICE"), "always-malloc");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  roster_test_import_set_up (&fixture->import, GPOINTER_TO_UINT (data));
  /* Before the application: it looks for both services when it starts. */
  fixture->desktop = roster_test_desktop_start ();
  fixture->app = roster_test_ui_application_new ();
  fixture->runner = roster_application_get_import_runner (fixture->app);
  g_assert_nonnull (fixture->runner);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *journal = NULL;

  if (fixture->job != NULL)
    {
      journal = g_strdup (roster_import_journal_get_path (roster_import_job_get_journal (fixture->job)));
      roster_import_job_cancel (fixture->job);
      while (roster_import_job_is_busy (fixture->job))
        roster_test_ui_iterate (20);
    }
  roster_quit_question_close_windows ();
  roster_test_ui_iterate (100);
  g_clear_object (&fixture->job);
  /* An application that never ran is run once, empty, so that it shuts down and lets go of
   * the bus (the same path is exported by the next test's). */
  if (!fixture->ran)
    {
      g_signal_connect (fixture->app, "activate", G_CALLBACK (g_signal_stop_emission_by_name), (gpointer) "activate");
      g_application_run (G_APPLICATION (fixture->app), 0, NULL);
    }
  g_clear_object (&fixture->app);
  if (journal != NULL)
    roster_import_journal_remove (journal, NULL);
  roster_test_desktop_stop (fixture->desktop);
  roster_test_import_tear_down (&fixture->import);
  g_free (fixture->tag);
}

/* A job for the people in @csv, to @target. */
static RosterImportJob *
make_job_for (Fixture                  *fixture,
              const char               *csv,
              const RosterImportTarget *target)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, csv, -1);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_strdup (csv), strlen (csv), g_free);
  g_autoptr(RosterCsvReader) reader = roster_csv_reader_new_for_stream (stream, NULL);
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(RosterImportPlan) plan = NULL;
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(GError) error = NULL;

  roster_csv_reader_detect (reader, NULL, &error);
  g_assert_no_error (error);
  mapping = roster_import_mapping_guess (roster_csv_reader_get_header (reader));
  plan = roster_import_plan_new (reader, mapping, NULL, &error);
  g_assert_no_error (error);
  journal = roster_import_journal_open (NULL, "test-account", sha, "people.csv", target, 0,
                                        ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);

  fixture->job = roster_import_job_new (fixture->import.client, plan, target, journal);
  return fixture->job;
}

/* A job for @n_rows made-up people, to the fake's main webinar. */
static RosterImportJob *
make_job (Fixture    *fixture,
          const char *tag,
          guint       n_rows)
{
  g_autofree char *csv = roster_test_make_csv (tag, n_rows);
  g_autoptr(RosterImportTarget) target = NULL;

  target = roster_import_target_new (fixture->import.webinar_id, fixture->import.schedule_id, NULL, NULL);
  fixture->tag = g_strdup (tag);
  fixture->n_rows = n_rows;
  return make_job_for (fixture, csv, target);
}

static void
start_job (Fixture *fixture)
{
  roster_import_runner_add (fixture->runner, fixture->job, NULL, WEBINAR);
  roster_import_job_start (fixture->job);
}

static void
wait_for_registered (Fixture *fixture,
                     guint    n)
{
  gint64 end = g_get_monotonic_time () + (under_valgrind () ? 600 : 30) * G_USEC_PER_SEC;

  while (roster_import_job_get_n_registered (fixture->job) < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      roster_test_ui_iterate (10);
    }
}

static void
wait_for_state (Fixture              *fixture,
                RosterImportJobState  state)
{
  gint64 end = g_get_monotonic_time () + (under_valgrind () ? 600 : 60) * G_USEC_PER_SEC;

  /* An ended job is let go of once it has said "finished" (its journal complete). */
  while (roster_import_job_get_state (fixture->job) != state || roster_import_job_is_busy (fixture->job) ||
         (state != ROSTER_IMPORT_JOB_RUNNING && state != ROSTER_IMPORT_JOB_PAUSED &&
          roster_import_runner_contains (fixture->runner, fixture->job) &&
          roster_import_runner_get_n_active (fixture->runner) > 0))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      roster_test_ui_iterate (10);
    }
}

static void
assert_each_registered_once (Fixture *fixture,
                             guint    n_rows)
{
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *email = roster_test_email_of (fixture->tag, i);

      g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->import.fake,
                                                                 fixture->import.webinar_id, email), ==, 1);
    }
}

static guint
timeout_ms (guint ms)
{
  return under_valgrind () ? ms * 20 : ms;
}

static char *
wait_for_call (Fixture    *fixture,
               const char *prefix,
               const char *contains)
{
  return roster_test_desktop_wait_for (fixture->desktop, prefix, contains, timeout_ms (10000));
}

static gboolean
run_timeout_cb (gpointer user_data)
{
  Fixture *fixture = user_data;

  fixture->timed_out = TRUE;
  roster_quit_question_close_windows ();
  g_application_quit (G_APPLICATION (fixture->app));
  return G_SOURCE_REMOVE;
}

/* Runs the application as main() does, with @script instead of the usual first window;
 * returns once the application has quit by itself. */
static void
run_application (Fixture   *fixture,
                 GCallback  script)
{
  guint timeout_id;

  fixture->ran = TRUE;
  g_signal_connect (fixture->app, "activate", script, fixture);
  timeout_id = g_timeout_add (timeout_ms (200000), run_timeout_cb, fixture);
  g_application_run (G_APPLICATION (fixture->app), 0, NULL);
  g_assert_false (fixture->timed_out);
  g_source_remove (timeout_id);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static guint
n_visible_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (window))
        {
          g_test_message ("Visible: %s", G_OBJECT_TYPE_NAME (window));
          n++;
        }
    }

  return n;
}

static GtkWindow *
new_window (Fixture *fixture)
{
  GtkWindow *window = GTK_WINDOW (roster_application_new_window (fixture->app));

  gtk_window_set_default_size (window, 900, 600);
  gtk_window_present (window);
  roster_test_ui_iterate (200);
  return window;
}

/* Asks app.quit, answers @response and lets the answer take effect. */
static void
answer_quit (Fixture    *fixture,
             const char *response,
             const char *shot)
{
  AdwMessageDialog *question;
  GtkWidget *button;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  roster_test_ui_iterate (200);
  question = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (question);
  g_assert_true (adw_message_dialog_has_response (question, "pause"));
  g_assert_true (adw_message_dialog_has_response (question, "keep"));
  g_assert_true (adw_message_dialog_has_response (question, "cancel"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (question, "pause"), ==, "_Pause and Quit");
  g_assert_cmpstr (adw_message_dialog_get_response_label (question, "keep"), ==, "_Keep Running");
  if (shot != NULL)
    roster_test_ui_shoot (GTK_WIDGET (question), shot);
  /* As a click does: the answer, then the question goes. */
  button = roster_test_ui_find_widget (GTK_WIDGET (question), GTK_TYPE_BUTTON, "label",
                                       adw_message_dialog_get_response_label (question, response));
  g_assert_nonnull (button);
  g_object_add_weak_pointer (G_OBJECT (question), (gpointer *) &question);
  g_signal_emit_by_name (button, "clicked");
  roster_test_ui_iterate (300);
  g_assert_true (question == NULL || !gtk_widget_get_visible (GTK_WIDGET (question)));
  if (question != NULL)
    g_object_remove_weak_pointer (G_OBJECT (question), (gpointer *) &question);
}

/* ---- Tests ------------------------------------------------------------------------------------ */

static void
close_every_window (GApplication *app,
                    Fixture      *fixture)
{
  GtkWindow *window;

  g_signal_stop_emission_by_name (app, "activate");
  window = new_window (fixture);
  start_job (fixture);
  wait_for_registered (fixture, 5);
  g_assert_cmpuint (roster_import_runner_get_n_active (fixture->runner), ==, 1);
  g_assert_cmpuint (roster_import_runner_get_inhibit_cookie (fixture->runner), !=, 0);
  g_assert_cmpuint (roster_test_desktop_get_n_inhibitors (fixture->desktop), ==, 1);
  /* While a window shows it, nothing is notified. */
  g_assert_cmpstr (roster_test_desktop_find (fixture->desktop, "add", NULL), ==, NULL);

  gtk_window_close (window);
}

static void
test_close_every_window (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *inhibit = NULL;
  g_autofree char *uninhibit = NULL;
  g_autofree char *running = NULL;
  g_autofree char *end = NULL;
  g_autofree char *cookie = NULL;
  g_autofree char *open_results = NULL;
  g_autofree char *running_id = NULL;

  make_job (fixture, "windowless", 120);
  run_application (fixture, G_CALLBACK (close_every_window));

  /* The application quit by itself once the import had ended, with everyone registered. */
  g_assert_cmpint (roster_import_job_get_state (fixture->job), ==, ROSTER_IMPORT_JOB_FINISHED);
  g_assert_cmpuint (roster_import_job_get_n_registered (fixture->job), ==, 120);
  assert_each_registered_once (fixture, 120);
  g_assert_cmpuint (roster_import_runner_get_n_active (fixture->runner), ==, 0);

  /* Suspend and logout were inhibited, with a reason, and released. */
  inhibit = wait_for_call (fixture, "inhibit", "reason=Registering 120 people");
  g_assert_nonnull (strstr (inhibit, " flags=5 "));
  cookie = g_strdup_printf ("uninhibit %s", inhibit + strlen ("inhibit "));
  *strchr (cookie + strlen ("uninhibit "), ' ') = '\0';
  uninhibit = wait_for_call (fixture, cookie, NULL);
  g_assert_cmpuint (roster_test_desktop_get_n_inhibitors (fixture->desktop), ==, 0);
  g_assert_cmpuint (roster_import_runner_get_inhibit_cookie (fixture->runner), ==, 0);

  /* Without a window: that it runs, then how it went, with its actions. */
  running = wait_for_call (fixture, "add", "title=Registering 120 people in " WEBINAR);
  end = wait_for_call (fixture, "add", "title=Import Finished");
  g_assert_nonnull (strstr (end, "body=Registered 120 people in " WEBINAR));
  open_results = g_strdup_printf ("button=Open Results:app.open-results(%s)",
                                  roster_import_journal_get_path (roster_import_job_get_journal (fixture->job)));
  g_assert_nonnull (strstr (end, open_results));
  g_assert_null (strstr (end, "Retry Failed"));
  /* The end replaces the running one: the same notification ID. */
  running_id = g_strndup (running, strchr (running + strlen ("add "), ' ') - running);
  g_assert_true (g_str_has_prefix (end, running_id));
}

static void
quit_question (GApplication *app,
               Fixture      *fixture)
{
  GtkWindow *window;
  GtkWidget *banner, *revealer, *show;
  GtkWindow *progress;
  g_autofree char *running = NULL;

  g_signal_stop_emission_by_name (app, "activate");
  window = new_window (fixture);
  start_job (fixture);
  wait_for_registered (fixture, 3);

  /* Cancel: nothing changes. */
  answer_quit (fixture, "cancel", "quit-question");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpint (roster_import_job_get_state (fixture->job), ==, ROSTER_IMPORT_JOB_RUNNING);

  /* Keep Running: the windows go, the import goes on and says so. */
  answer_quit (fixture, "keep", NULL);
  g_assert_cmpuint (n_visible_windows (), ==, 0);
  g_assert_cmpint (roster_import_job_get_state (fixture->job), ==, ROSTER_IMPORT_JOB_RUNNING);
  running = wait_for_call (fixture, "add", "title=Registering 400 people in " WEBINAR);
  g_assert_nonnull (strstr (running, "default=app.open-results("));

  /* A new window shows it, and the notification goes. */
  window = new_window (fixture);
  g_free (wait_for_call (fixture, "remove", NULL));
  banner = roster_test_ui_find_widget (GTK_WIDGET (window), ROSTER_TYPE_IMPORTS_BANNER, NULL, NULL);
  g_assert_nonnull (banner);
  revealer = roster_test_ui_find_widget (banner, GTK_TYPE_REVEALER, NULL, NULL);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (roster_test_ui_find_widget (banner, GTK_TYPE_LABEL, "label",
                                                "Registering 400 people in " WEBINAR));
  roster_test_ui_shoot (GTK_WIDGET (window), "background-banner");

  /* Show opens its progress. */
  show = roster_test_ui_find_widget (banner, GTK_TYPE_BUTTON, "label", "_Show");
  g_assert_nonnull (show);
  g_signal_emit_by_name (show, "clicked");
  roster_test_ui_iterate (300);
  progress = find_toplevel (ROSTER_TYPE_IMPORT_PROGRESS_WINDOW);
  g_assert_nonnull (progress);
  g_assert_true (roster_import_progress_window_get_job (ROSTER_IMPORT_PROGRESS_WINDOW (progress)) == fixture->job);
  roster_test_ui_shoot (GTK_WIDGET (progress), "background-progress");

  /* Pause and Quit: stopped where it was, and the application ends. */
  answer_quit (fixture, "pause", NULL);
}

static void
test_quit_question (Fixture       *fixture,
                    gconstpointer  data)
{
  guint n_registered;

  make_job (fixture, "quitting", 400);
  roster_test_desktop_clear (fixture->desktop);
  run_application (fixture, G_CALLBACK (quit_question));

  g_assert_cmpint (roster_import_job_get_state (fixture->job), ==, ROSTER_IMPORT_JOB_CANCELLED);
  g_assert_false (roster_import_job_is_busy (fixture->job));
  n_registered = roster_import_job_get_n_registered (fixture->job);
  g_assert_cmpuint (n_registered, >, 0);
  g_assert_cmpuint (n_registered, <, 400);
  /* Everything that landed is in the journal, for the resume. */
  g_assert_cmpuint (roster_import_journal_get_count (roster_import_job_get_journal (fixture->job),
                                                     ROSTER_IMPORT_ROW_REGISTERED), ==, n_registered);
  /* A call whose answer did not come in time (valgrind) is "unknown", journaled as sent, and
   * looked up when the import resumes: never more than that landed. */
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->import.fake), >=, n_registered);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->import.fake), <=,
                    n_registered + roster_import_job_get_n_unknown (fixture->job));
  /* Paused on purpose: no "finished" or "stopped" news, and nothing inhibited. */
  g_assert_null (roster_test_desktop_find (fixture->desktop, "add", "title=Import "));
  g_assert_cmpuint (roster_test_desktop_get_n_inhibitors (fixture->desktop), ==, 0);
}

static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(RosterTestNetworkMonitor) monitor = roster_test_network_monitor_new ();
  GtkWindow *progress;
  GtkWidget *stack;
  guint n_before;

  roster_import_runner_set_network_monitor (fixture->runner, G_NETWORK_MONITOR (monitor));
  make_job (fixture, "offline", 150);
  start_job (fixture);
  wait_for_registered (fixture, 10);
  /* No window at all: the running notification is out at once. */
  g_free (wait_for_call (fixture, "add", "title=Registering 150 people in " WEBINAR));

  roster_test_network_monitor_set_available (monitor, FALSE);
  g_assert_true (roster_import_job_get_offline (fixture->job));
  g_free (wait_for_call (fixture, "add", "body=Waiting for the network"));
  /* What was out lands; then nothing more is sent. */
  while (roster_import_job_is_busy (fixture->job))
    roster_test_ui_iterate (10);
  n_before = roster_fake_service_get_n_registrations_total (fixture->import.fake);
  roster_test_ui_iterate (1000);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->import.fake), ==, n_before);
  g_assert_cmpuint (n_before, <, 150);
  g_assert_cmpint (roster_import_job_get_state (fixture->job), ==, ROSTER_IMPORT_JOB_RUNNING);
  g_assert_cmpuint (roster_import_runner_get_n_active (fixture->runner), ==, 1);

  roster_test_network_monitor_set_available (monitor, TRUE);
  wait_for_state (fixture, ROSTER_IMPORT_JOB_FINISHED);
  assert_each_registered_once (fixture, 150);
  g_free (wait_for_call (fixture, "add", "body=Registered 150 people in " WEBINAR));
  g_assert_cmpuint (roster_import_runner_get_n_active (fixture->runner), ==, 0);

  /* The notification's Open Results shows them. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "open-results",
                                  g_variant_new_string (roster_import_runner_get_id (fixture->runner, fixture->job)));
  roster_test_ui_iterate (300);
  progress = find_toplevel (ROSTER_TYPE_IMPORT_PROGRESS_WINDOW);
  g_assert_nonnull (progress);
  g_assert_true (roster_import_progress_window_get_job (ROSTER_IMPORT_PROGRESS_WINDOW (progress)) == fixture->job);
  stack = roster_test_ui_find_widget (GTK_WIDGET (progress), GTK_TYPE_STACK, NULL, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "results");
}

static void
test_pause_releases_inhibitor (Fixture       *fixture,
                               gconstpointer  data)
{
  make_job (fixture, "pausing", 300);
  start_job (fixture);
  wait_for_registered (fixture, 3);
  g_assert_cmpuint (roster_test_desktop_get_n_inhibitors (fixture->desktop), ==, 1);

  roster_import_job_pause (fixture->job);
  g_assert_cmpuint (roster_import_runner_get_inhibit_cookie (fixture->runner), ==, 0);
  /* No window: the notification says it is paused. */
  g_free (wait_for_call (fixture, "add", "body=Paused. Open Roster to resume it."));
  g_free (wait_for_call (fixture, "uninhibit", NULL));
  g_assert_cmpuint (roster_test_desktop_get_n_inhibitors (fixture->desktop), ==, 0);
  /* Paused is still an import: the application stays. */
  g_assert_cmpuint (roster_import_runner_get_n_active (fixture->runner), ==, 1);

  roster_import_job_resume (fixture->job);
  g_assert_cmpuint (roster_import_runner_get_inhibit_cookie (fixture->runner), !=, 0);
  g_assert_cmpuint (roster_test_desktop_get_n_inhibitors (fixture->desktop), ==, 1);

  roster_import_job_cancel (fixture->job);
  wait_for_state (fixture, ROSTER_IMPORT_JOB_CANCELLED);
  g_assert_cmpuint (roster_test_desktop_get_n_inhibitors (fixture->desktop), ==, 0);
  g_assert_cmpuint (roster_import_runner_get_n_active (fixture->runner), ==, 0);
}

static void
test_key_rejected (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *stopped = NULL;

  make_job (fixture, "rejected", 300);
  start_job (fixture);
  wait_for_registered (fixture, 3);

  roster_fake_service_remove_api_key (fixture->import.fake, roster_fake_service_get_api_key (fixture->import.fake));
  wait_for_state (fixture, ROSTER_IMPORT_JOB_CANCELLED);
  g_assert_nonnull (roster_import_job_get_error (fixture->job));

  stopped = wait_for_call (fixture, "add", "title=Import Stopped");
  g_assert_nonnull (strstr (stopped, "priority=high"));
  g_assert_nonnull (strstr (stopped, roster_import_job_get_error (fixture->job)->message));
  g_assert_cmpuint (roster_import_runner_get_n_active (fixture->runner), ==, 0);
  g_assert_cmpuint (roster_test_desktop_get_n_inhibitors (fixture->desktop), ==, 0);
}

/* The fake's second webinar requires a last name: the row without one fails.  The end says
 * so and offers Retry Failed, which sends that row (and only it) again. */
static void
test_failed_rows (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *csv = "First Name,Email,Last Name\r\n"
                    "Ada,ada@example.org,Lovelace\r\n"
                    "Bob,bob@example.org,\r\n"
                    "Cy,cy@example.org,Young\r\n";
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterWebinar) webinar = NULL;
  g_autoptr(RosterSchedule) schedule = NULL;
  g_autoptr(RosterImportTarget) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *ids = NULL;
  g_autofree char *end = NULL;
  g_autofree char *retry = NULL;
  const char *id;
  guint n_ids;

  ids = roster_fake_service_dup_webinar_ids (fixture->import.fake, FALSE, &n_ids);
  g_assert_cmpuint (n_ids, >=, 2);
  roster_client_get_webinar_async (fixture->import.client, ids[1], NULL, NULL, roster_test_store_result, &result);
  webinar = roster_client_get_webinar_finish (fixture->import.client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  schedule = g_list_model_get_item (roster_webinar_get_schedules (webinar), 0);
  target = roster_import_target_new (ids[1], roster_schedule_get_id (schedule), NULL, NULL);
  make_job_for (fixture, csv, target);
  start_job (fixture);
  wait_for_state (fixture, ROSTER_IMPORT_JOB_FINISHED);
  g_assert_cmpuint (roster_import_job_get_n_failed (fixture->job), ==, 1);

  id = roster_import_runner_get_id (fixture->runner, fixture->job);
  end = wait_for_call (fixture, "add", "title=Import Finished");
  g_assert_nonnull (strstr (end, "body=Registered 2 people in " WEBINAR "; 1 failed"));
  retry = g_strdup_printf ("button=Retry Failed:app.retry-failed(%s)", id);
  g_assert_nonnull (strstr (end, retry));

  roster_fake_service_reset_counters (fixture->import.fake);
  roster_test_desktop_clear (fixture->desktop);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "retry-failed", g_variant_new_string (id));
  g_assert_cmpint (roster_import_job_get_state (fixture->job), ==, ROSTER_IMPORT_JOB_RUNNING);
  wait_for_state (fixture, ROSTER_IMPORT_JOB_FINISHED);
  /* Just Bob again: the others are registered and stay so. */
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->import.fake, "register"), ==, 1);
  g_assert_cmpuint (roster_import_job_get_n_registered (fixture->job), ==, 2);
  g_free (wait_for_call (fixture, "add", "; 1 failed"));
  g_assert_cmpuint (roster_import_runner_get_n_active (fixture->runner), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  roster_test_ui_init (&argc, &argv);

  g_test_add ("/import-background/close-every-window", Fixture, GUINT_TO_POINTER (60), fixture_set_up,
              test_close_every_window, fixture_tear_down);
  g_test_add ("/import-background/quit-question", Fixture, GUINT_TO_POINTER (20), fixture_set_up,
              test_quit_question, fixture_tear_down);
  g_test_add ("/import-background/offline", Fixture, GUINT_TO_POINTER (60), fixture_set_up,
              test_offline, fixture_tear_down);
  g_test_add ("/import-background/pause-releases-inhibitor", Fixture, GUINT_TO_POINTER (20), fixture_set_up,
              test_pause_releases_inhibitor, fixture_tear_down);
  g_test_add ("/import-background/failed-rows", Fixture, GUINT_TO_POINTER (60), fixture_set_up,
              test_failed_rows, fixture_tear_down);
  g_test_add ("/import-background/key-rejected", Fixture, GUINT_TO_POINTER (20), fixture_set_up,
              test_key_rejected, fixture_tear_down);

  return g_test_run ();
}
