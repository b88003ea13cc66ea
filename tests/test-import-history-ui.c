/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-history-ui"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include <glib/gstdio.h>

#include "roster-import-dialog.h"
#include "roster-import-history-prefs.h"
#include "roster-import-history-row.h"
#include "roster-import-history-window.h"
#include "roster-import-journal.h"
#include "roster-import-session.h"
#include "roster-import-undo-dialog.h"
#include "roster-test-import.h"
#include "roster-test-ui.h"
#include "roster-test-util.h"

/* The Import History window under Xvfb, over real journals and the fake service: it lists the
 * account's imports newest first with their counts and states; forgetting one asks first and
 * removes its journal; "Unsubscribe Everyone From This Import" asks with the count and what it
 * does in EverWebinar, then shows progress in the same dialog and a report, and the fake saw
 * each of the import's people unsubscribed once. */

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

typedef struct
{
  RosterTestImport           import;
  GtkWindow                 *parent;
  GListStore                *webinars;
  RosterImportHistoryWindow *window;
  char                      *finished;
  char                      *paused;
} Fixture;

static void
pause_for_screenshot (void)
{
  const char *pause = g_getenv ("ROSTER_TEST_PAUSE_MS");

  if (pause != NULL)
    roster_test_ui_iterate ((guint) g_ascii_strtoull (pause, NULL, 10));
}

/* @n_people registered by the import (for real, on the fake), and one failed row. */
static char *
make_journal (Fixture    *fixture,
              const char *sha,
              const char *file_name,
              guint       n_people,
              gboolean    complete)
{
  g_autofree char *account_id = roster_client_dup_account_id (fixture->import.client);
  g_autoptr(RosterImportTarget) target = roster_import_target_new (fixture->import.webinar_id,
                                                                   fixture->import.schedule_id, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(GError) error = NULL;

  journal = roster_import_journal_open (NULL, account_id, sha, file_name, target, n_people + 4,
                                        ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_people; i++)
    {
      g_autofree char *email = g_strdup_printf ("%s-%u@example.org", sha + 60, i);
      g_autoptr(RosterRegistration) registration = roster_test_register (&fixture->import, email);

      roster_import_journal_append (journal, i, i + 2, email, ROSTER_IMPORT_ROW_REGISTERED, registration, NULL, &error);
      g_assert_no_error (error);
    }
  roster_import_journal_append (journal, n_people, n_people + 2, "nobody@example", ROSTER_IMPORT_ROW_FAILED, NULL,
                                "The email must be a valid email address.", &error);
  g_assert_no_error (error);
  if (complete)
    g_assert_true (roster_import_journal_mark_complete (journal, &error));
  return g_strdup (roster_import_journal_get_path (journal));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(RosterWebinar) webinar = NULL;

  roster_test_import_set_up (&fixture->import, 100);
  webinar = roster_test_get_webinar (fixture->import.client, fixture->import.webinar_id);
  fixture->webinars = g_list_store_new (ROSTER_TYPE_WEBINAR);
  g_list_store_append (fixture->webinars, webinar);

  fixture->finished = make_journal (fixture, SHA_A, "/home/user/Spring contacts.csv", 3, TRUE);
  g_usleep (1100000);   /* "created" has whole seconds */
  fixture->paused = make_journal (fixture, SHA_B, "/home/user/Newsletter list.csv", 2, FALSE);

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (fixture->parent);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      gpointer weak = fixture->window;

      g_object_add_weak_pointer (G_OBJECT (fixture->window), &weak);
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      g_clear_object (&fixture->window);
      roster_test_ui_iterate (50);
      g_assert_null (weak);
    }
  roster_test_ui_destroy (fixture->parent);
  g_clear_object (&fixture->webinars);
  g_free (fixture->finished);
  g_free (fixture->paused);
  roster_test_import_tear_down (&fixture->import);
}

static GListModel *
wait_for_history (Fixture *fixture,
                  guint    n_items)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GListModel *history;

  for (;;)
    {
      history = roster_import_history_window_get_history (fixture->window);
      if (history != NULL && g_list_model_get_n_items (history) == n_items)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      roster_test_ui_iterate (20);
    }
  return history;
}

static RosterImportHistoryRow *
row_at (Fixture *fixture,
        int      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (roster_import_history_window_get_list (fixture->window), index);

  g_assert_true (ROSTER_IS_IMPORT_HISTORY_ROW (row));
  return ROSTER_IMPORT_HISTORY_ROW (row);
}

static void
open_window_with (Fixture *fixture,
                  guint    n_imports)
{
  fixture->window = roster_import_history_window_new (fixture->parent, fixture->import.client,
                                                      G_LIST_MODEL (fixture->webinars));
  g_object_ref_sink (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for_history (fixture, n_imports);
  roster_test_ui_iterate (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
}

static void
open_window (Fixture *fixture)
{
  open_window_with (fixture, 2);
}

/* The dialog of @type among the toplevels, with @heading if given. */
static GtkWindow *
find_dialog (GType       type,
             const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          (heading == NULL || g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0))
        return window;
    }
  return NULL;
}

/* Clicks the dialog's button for a response, as a user does (and so the dialog's own close). */
static void
click (GtkWindow  *dialog,
       const char *label)
{
  GtkWidget *button = roster_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "label", label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  roster_test_ui_iterate (50);
}

static gboolean
menu_has (RosterImportHistoryRow *row,
          const char             *action)
{
  GMenuModel *menu = roster_import_history_row_get_menu (row);

  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *name = NULL;

          if (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
              g_strcmp0 (name, action) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  RosterImportHistoryRow *row;
  const char *subtitle;

  open_window (fixture);
  pause_for_screenshot ();

  /* Newest first: the paused one. */
  row = row_at (fixture, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Newsletter list.csv");
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (subtitle, "Paused"));
  g_assert_nonnull (strstr (subtitle, "2 registered, 1 failed, 0 unknown, 3 skipped"));
  g_assert_true (menu_has (row, "history.resume"));
  g_assert_false (menu_has (row, "history.retry"));

  row = row_at (fixture, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Spring contacts.csv");
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (subtitle, "Finished"));
  g_assert_nonnull (strstr (subtitle, "3 registered, 1 failed"));
  /* The webinar by its title. */
  {
    g_autoptr(RosterWebinar) webinar = g_list_model_get_item (G_LIST_MODEL (fixture->webinars), 0);

    g_assert_nonnull (strstr (subtitle, roster_webinar_get_title (webinar)));
  }
  g_assert_true (menu_has (row, "history.retry"));
  g_assert_true (menu_has (row, "history.undo"));
  g_assert_true (menu_has (row, "history.export"));
  g_assert_false (menu_has (row, "history.resume"));
}

/* Open Results: the journal's rows, in a window of their own. */
static void
test_results (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GtkWindow *results = NULL;
  GListModel *lines;
  g_autofree char *first = NULL;

  open_window (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "history.open-results", "s", fixture->finished);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

        if (g_strcmp0 (gtk_window_get_title (window), "Results of Spring contacts.csv") == 0)
          results = window;
      }
  }
  g_assert_nonnull (results);
  lines = g_object_get_data (G_OBJECT (results), "lines");
  while (g_list_model_get_n_items (lines) < 4)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      roster_test_ui_iterate (20);
    }
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 4);
  first = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (lines), 0));
  g_assert_nonnull (strstr (first, "Line 2 · "));
  g_assert_nonnull (strstr (first, "Registered"));
  g_assert_nonnull (strstr (gtk_string_list_get_string (GTK_STRING_LIST (lines), 3), "valid email address"));
  pause_for_screenshot ();
  gtk_window_destroy (results);
}

static void
test_forget (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWindow *dialog;

  open_window (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "history.forget", "s", fixture->paused);
  roster_test_ui_iterate (100);
  dialog = find_dialog (ADW_TYPE_MESSAGE_DIALOG, "Forget This Import?");
  g_assert_nonnull (dialog);

  /* Cancel keeps it. */
  click (dialog, "_Cancel");
  g_assert_true (g_file_test (fixture->paused, G_FILE_TEST_EXISTS));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "history.forget", "s", fixture->paused);
  roster_test_ui_iterate (100);
  dialog = find_dialog (ADW_TYPE_MESSAGE_DIALOG, "Forget This Import?");
  g_assert_nonnull (dialog);
  click (dialog, "_Forget");
  g_assert_false (g_file_test (fixture->paused, G_FILE_TEST_EXISTS));
  wait_for_history (fixture, 1);
  roster_test_ui_iterate (100);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (fixture, 0))), ==, "Spring contacts.csv");
}

static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(RosterWebinar) webinar = g_list_model_get_item (G_LIST_MODEL (fixture->webinars), 0);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  RosterImportUndoDialog *dialog;
  GtkWindow *question;
  const char *body;

  open_window (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "history.undo", "s", fixture->finished);
  roster_test_ui_iterate (200);
  question = find_dialog (ADW_TYPE_MESSAGE_DIALOG, "Unsubscribe 3 People?");
  g_assert_nonnull (question);
  pause_for_screenshot ();

  /* Cancel sends nothing. */
  click (question, "_Cancel");
  g_assert_null (find_dialog (ADW_TYPE_MESSAGE_DIALOG, "Unsubscribe 3 People?"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "history.undo", "s", fixture->finished);
  roster_test_ui_iterate (200);
  question = find_dialog (ADW_TYPE_MESSAGE_DIALOG, "Unsubscribe 3 People?");
  g_assert_nonnull (question);

  /* The question names the count, the webinar and what unsubscribing does. */
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (question));
  g_assert_nonnull (strstr (body, roster_webinar_get_title (webinar)));
  g_assert_nonnull (strstr (body, "EverWebinar"));
  g_assert_nonnull (strstr (body, "no more emails"));
  g_assert_nonnull (strstr (body, "registered before this import"));
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->import.fake, "unsubscribe"), ==, 0);

  /* Going ahead: the progress, which stays open for the report. */
  click (GTK_WINDOW (question), "_Unsubscribe");
  dialog = ROSTER_IMPORT_UNDO_DIALOG (find_dialog (ROSTER_TYPE_IMPORT_UNDO_DIALOG, NULL));
  g_assert_nonnull (dialog);
  while (!roster_import_undo_dialog_get_done (dialog))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      roster_test_ui_iterate (20);
    }
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  roster_test_ui_iterate (100);
  pause_for_screenshot ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Unsubscribed 3 People");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *email = g_strdup_printf ("%s-%u@example.org", SHA_A + 60, i);

      g_assert_cmpuint (roster_fake_service_get_n_unsubscribes (fixture->import.fake, fixture->import.webinar_id, email), ==, 1);
    }
  /* The paused import's people are not touched. */
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->import.fake, "unsubscribe"), ==, 3);

  click (GTK_WINDOW (dialog), "_Close");
  g_assert_null (find_dialog (ROSTER_TYPE_IMPORT_UNDO_DIALOG, NULL));
  roster_test_ui_iterate (300);
  wait_for_history (fixture, 2);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row_at (fixture, 1))), "Unsubscribed"));
  g_assert_false (menu_has (row_at (fixture, 1), "history.undo"));
}

/* ---- Resume and Retry ----------------------------------------------------------------------------- */

#define CONSENT "The people in this file agreed to be registered for this webinar and to be contacted about it"

/* A CSV of made-up people on disk and the journal of its import, one letter a row: 'r'
 * registered (on the fake too), 'f' failed (never landed), 'u' unknown that did land on the
 * fake, 'n' unknown that did not, '.' not reached yet.  Returns the CSV's path. */
static char *
make_file_journal (Fixture    *fixture,
                   const char *tag,
                   const char *rows,
                   gboolean    complete)
{
  g_autofree char *account_id = roster_client_dup_account_id (fixture->import.client);
  g_autoptr(RosterImportTarget) target = roster_import_target_new (fixture->import.webinar_id,
                                                                   fixture->import.schedule_id, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = roster_test_make_csv (tag, strlen (rows));
  g_autofree char *name = g_strdup_printf ("%s.csv", tag);
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *sha = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, csv, -1, &error));
  sha = roster_import_file_sha256 (file, NULL, &error);
  g_assert_no_error (error);
  journal = roster_import_journal_open (NULL, account_id, sha, path, target, strlen (rows),
                                        ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  for (guint i = 0; rows[i] != '\0'; i++)
    {
      g_autofree char *email = roster_test_email_of (tag, i);
      g_autoptr(RosterRegistration) registration = NULL;
      RosterImportRowState state;

      if (rows[i] == 'r' || rows[i] == 'u')
        registration = roster_test_register (&fixture->import, email);
      if (rows[i] == '.')
        continue;
      state = rows[i] == 'r' ? ROSTER_IMPORT_ROW_REGISTERED
              : rows[i] == 'f' ? ROSTER_IMPORT_ROW_FAILED : ROSTER_IMPORT_ROW_UNKNOWN;
      roster_import_journal_append (journal, i, i + 2, email, state,
                                    state == ROSTER_IMPORT_ROW_REGISTERED ? registration : NULL,
                                    state == ROSTER_IMPORT_ROW_FAILED ? "The server could not be reached." : NULL,
                                    &error);
      g_assert_no_error (error);
    }
  if (complete)
    g_assert_true (roster_import_journal_mark_complete (journal, &error));
  return g_steal_pointer (&path);
}

static RosterImportHistoryRow *
row_titled (Fixture    *fixture,
            const char *title)
{
  GtkListBox *list = roster_import_history_window_get_list (fixture->window);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return ROSTER_IMPORT_HISTORY_ROW (row);
  g_assert_not_reached ();
}

static void
wait_for (gboolean (*done) (RosterImportDialog *dialog),
          RosterImportDialog *dialog)
{
  const char *preload = g_getenv ("LD_PRELOAD");
  gboolean valgrind = preload != NULL && strstr (preload, "vgpreload") != NULL;
  gint64 deadline = g_get_monotonic_time () + (valgrind ? 600 : 30) * G_USEC_PER_SEC;

  while (!done (dialog))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      roster_test_ui_iterate (20);
    }
}

static gboolean
dialog_on_review (RosterImportDialog *dialog)
{
  return g_str_equal (roster_import_dialog_get_step (dialog), "review");
}

static gboolean
dialog_started (RosterImportDialog *dialog)
{
  /* Next is enabled once the review has checked who is registered already; past the review
   * it means something else. */
  if (roster_import_dialog_get_job (dialog) == NULL && dialog_on_review (dialog))
    gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL);
  roster_test_ui_iterate (20);
  return roster_import_dialog_get_job (dialog) != NULL;
}

static gboolean
dialog_job_done (RosterImportDialog *dialog)
{
  RosterImportJob *job = roster_import_dialog_get_job (dialog);

  return roster_import_job_get_state (job) == ROSTER_IMPORT_JOB_FINISHED && !roster_import_job_is_busy (job);
}

/* Picks @action for the import of @csv in the history, as its menu does; the import dialog
 * opens on the journal, the user confirms, and the job runs to its end. */
static RosterImportDialog *
continue_from_history (Fixture    *fixture,
                       const char *csv,
                       const char *action)
{
  g_autofree char *title = g_path_get_basename (csv);
  RosterImportHistoryRow *row = row_titled (fixture, title);
  RosterImportDialog *dialog;
  GtkWidget *consent;

  g_assert_true (menu_has (row, action));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, "s",
                              roster_import_record_get_path (roster_import_history_row_get_record (row)));
  roster_test_ui_iterate (50);
  dialog = ROSTER_IMPORT_DIALOG (find_dialog (ROSTER_TYPE_IMPORT_DIALOG, NULL));
  g_assert_nonnull (dialog);
  wait_for (dialog_on_review, dialog);
  consent = roster_test_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "title", CONSENT);
  g_assert_nonnull (consent);
  consent = roster_test_ui_find_widget (consent, GTK_TYPE_CHECK_BUTTON, NULL, NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (consent), TRUE);
  pause_for_screenshot ();
  wait_for (dialog_started, dialog);
  wait_for (dialog_job_done, dialog);
  pause_for_screenshot ();
  return dialog;
}

/* Picks @action for the import of @csv (@tag, @rows as make_file_journal() took them) and
 * runs it to its end: the fake then saw @n_sends register calls, and every row registered
 * once but those whose letter is in @never, which stay as they were (failed, not sent). */
static void
continue_and_check (Fixture    *fixture,
                    const char *csv,
                    const char *tag,
                    const char *rows,
                    const char *action,
                    guint       n_sends,
                    const char *never)
{
  guint n_calls = roster_fake_service_get_n_calls (fixture->import.fake, "register");
  RosterImportDialog *dialog = continue_from_history (fixture, csv, action);
  RosterImportJob *job = roster_import_dialog_get_job (dialog);
  guint n_never = 0;

  for (guint i = 0; rows[i] != '\0'; i++)
    n_never += strchr (never, rows[i]) != NULL;
  g_assert_cmpuint (roster_import_job_get_n_failed (job), ==, n_never);
  g_assert_cmpuint (roster_import_job_get_n_unknown (job), ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->import.fake, "register") - n_calls, ==, n_sends);
  for (guint i = 0; rows[i] != '\0'; i++)
    {
      g_autofree char *email = roster_test_email_of (tag, i);

      g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->import.fake, fixture->import.webinar_id, email),
                        ==, strchr (never, rows[i]) != NULL ? 0 : 1);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  roster_test_ui_iterate (100);
  g_assert_cmpint (g_unlink (csv), ==, 0);
}

/* Retry on a finished import sends its two failed rows again, once each, and leaves the
 * registered rows alone.  (A run that ends with unknown rows is not finished: it is listed as
 * paused.) */
static void
test_retry (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *csv = make_file_journal (fixture, "retry", "rrfrrfr", TRUE);

  open_window_with (fixture, 3);
  continue_and_check (fixture, csv, "retry", "rrfrrfr", "history.retry", 2, "");
}

/* Resume on a paused import sends the three rows it had not reached, once each; its unknown
 * rows are looked up first, and only the one that did not land is sent; its failed row is not
 * sent: that is what Retry is for. */
static void
test_resume (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *csv = make_file_journal (fixture, "resume", "rrfun...", FALSE);

  open_window_with (fixture, 3);
  g_assert_false (menu_has (row_titled (fixture, "resume.csv"), "history.retry"));
  /* The unknown row that did not land is sent after a second of lookups, not a minute. */
  g_settings_set_uint (settings, "unknown-check-window", 1);
  continue_and_check (fixture, csv, "resume", "rrfun...", "history.resume", 4, "f");
  g_settings_reset (settings, "unknown-check-window");
}

/* A finished import where nothing failed offers no retry, and the action does nothing. */
static void
test_nothing_to_retry (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *csv = make_file_journal (fixture, "clean", "rrr", TRUE);
  RosterImportHistoryRow *row;

  open_window_with (fixture, 3);
  row = row_titled (fixture, "clean.csv");
  g_assert_false (menu_has (row, "history.retry"));
  g_assert_false (menu_has (row, "history.resume"));
  roster_fake_service_reset_counters (fixture->import.fake);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "history.retry", "s",
                              roster_import_record_get_path (roster_import_history_row_get_record (row)));
  roster_test_ui_iterate (300);
  g_assert_null (find_dialog (ROSTER_TYPE_IMPORT_DIALOG, NULL));
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->import.fake, "register"), ==, 0);
  g_assert_cmpint (g_unlink (csv), ==, 0);
}

/* The preferences' group: the days a finished import is kept, bound to the setting the
 * startup expiry reads. */
static void
test_prefs (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *prefs = g_object_new (ROSTER_TYPE_IMPORT_HISTORY_PREFS, NULL);
  GtkSpinButton *days = roster_import_history_prefs_get_days (ROSTER_IMPORT_HISTORY_PREFS (prefs));

  gtk_window_set_child (GTK_WINDOW (window), prefs);
  gtk_window_present (GTK_WINDOW (window));
  roster_test_ui_iterate (100);
  g_assert_cmpuint (g_settings_get_uint (settings, "forget-imports-after-days"), ==, 90);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (days), ==, 90);
  pause_for_screenshot ();
  gtk_spin_button_set_value (days, 30);
  g_assert_cmpuint (g_settings_get_uint (settings, "forget-imports-after-days"), ==, 30);
  g_settings_reset (settings, "forget-imports-after-days");
  roster_test_ui_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  roster_test_ui_init (&argc, &argv);
  if (g_getenv ("ROSTER_TEST_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  g_test_add_func ("/import-history-ui/prefs", test_prefs);
  g_test_add ("/import-history-ui/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/import-history-ui/results", Fixture, NULL, fixture_set_up, test_results, fixture_tear_down);
  g_test_add ("/import-history-ui/forget", Fixture, NULL, fixture_set_up, test_forget, fixture_tear_down);
  g_test_add ("/import-history-ui/undo", Fixture, NULL, fixture_set_up, test_undo, fixture_tear_down);
  g_test_add ("/import-history-ui/retry", Fixture, NULL, fixture_set_up, test_retry, fixture_tear_down);
  g_test_add ("/import-history-ui/resume", Fixture, NULL, fixture_set_up, test_resume, fixture_tear_down);
  g_test_add ("/import-history-ui/nothing-to-retry", Fixture, NULL, fixture_set_up, test_nothing_to_retry,
              fixture_tear_down);

  return g_test_run ();
}
