/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-fix"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "roster-import-fix-table.h"
#include "roster-import-journal.h"
#include "roster-import-results-page.h"
#include "roster-test-import-dialog.h"
#include "roster-test-ui.h"
#include "roster-test-util.h"

/* Rows fixed in the review's table, on screen (Xvfb) against the fake service over real
 * HTTP: typing a valid email makes the row ready (the counts follow), the import sends the
 * corrected value and the results show it, the problem rows export with the file's columns
 * and a reason, and a correction survives closing the dialog and resuming from the journal. */

#define TYPOS "typos.csv"

static GtkEntry *
entry_with_text (Fixture    *fixture,
                 const char *text)
{
  GtkWidget *table = find (fixture, ROSTER_TYPE_IMPORT_FIX_TABLE, NULL, NULL);
  GtkWidget *entry;

  roster_test_ui_iterate (100);
  entry = roster_test_ui_find_widget (table, GTK_TYPE_ENTRY, "text", text);
  g_assert_nonnull (entry);
  return GTK_ENTRY (entry);
}

/* Typed one character after another, as a user would. */
static void
type_into (GtkEntry   *entry,
           const char *text)
{
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  for (const char *p = text; *p != '\0'; p++)
    {
      int position = -1;

      gtk_editable_insert_text (GTK_EDITABLE (entry), p, 1, &position);
      roster_test_ui_iterate (1);
    }
}

/* The status the table shows beside @entry's row. */
static const char *
status_of (GtkEntry *entry)
{
  GtkWidget *cell = gtk_widget_get_parent (GTK_WIDGET (entry));
  GtkWidget *row = gtk_widget_get_parent (cell);

  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = roster_test_ui_find_widget (child, GTK_TYPE_LABEL, NULL, NULL);

      if (label != NULL && gtk_widget_get_hexpand (label))
        return gtk_label_get_text (GTK_LABEL (label));
    }
  g_assert_not_reached ();
}

static char *
contents_of (GFile *file)
{
  char *contents = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  return contents;
}

static gboolean
export_problems (Fixture  *fixture,
                 GFile    *file,
                 guint    *n_rows)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  roster_import_dialog_export_problems_async (fixture->dialog, file, NULL, roster_test_store_result, &result);
  ok = roster_import_dialog_export_problems_finish (fixture->dialog, roster_test_wait_for_result (&result),
                                                    n_rows, &error);
  g_assert_no_error (error);
  return ok;
}

static void
test_fix_email (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("roster-fix-XXXXXX", NULL);
  g_autofree char *problems_path = g_build_filename (dir, "problems.csv", NULL);
  g_autofree char *results_path = g_build_filename (dir, "results.csv", NULL);
  g_autoptr(GFile) problems_file = g_file_new_for_path (problems_path);
  g_autoptr(GFile) results_file = g_file_new_for_path (results_path);
  g_autofree char *problems = NULL;
  g_autofree char *results = NULL;
  g_autoptr(GError) error = NULL;
  gint64 webinar_id;
  GtkEntry *email;
  guint n_rows = 0;

  open_dialog (fixture, fixture->file);
  walk_to_review (fixture);
  webinar_id = roster_webinar_get_id (find_webinar (fixture, TARGET));
  g_assert_cmpuint (count_of (fixture, "Ready to register"), ==, 1);
  g_assert_cmpuint (count_of (fixture, "Invalid"), ==, 3);
  g_assert_true (gtk_widget_is_visible (find (fixture, ROSTER_TYPE_IMPORT_FIX_TABLE, NULL, NULL)));

  /* Checked as typed: half way it is still wrong, then ready, and the counts follow. */
  email = entry_with_text (fixture, "grace(at)example.org");
  g_assert_nonnull (strstr (status_of (email), "is not valid"));
  type_into (email, "grace@example");
  g_assert_nonnull (strstr (status_of (email), "“grace@example” is not valid"));
  g_assert_cmpuint (count_of (fixture, "Ready to register"), ==, 1);
  type_into (email, "grace@example.org");
  g_assert_cmpstr (status_of (email), ==, "Ready to register");
  g_assert_cmpuint (count_of (fixture, "Ready to register"), ==, 2);
  g_assert_cmpuint (count_of (fixture, "Invalid"), ==, 2);
  /* The row stays in the table, with what the user typed. */
  g_assert_true (entry_with_text (fixture, "grace@example.org") == email);
  /* Typing kept the focus in the entry: the row was not rebuilt under the user. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (email))),
                                         GTK_WIDGET (email)));
  /* Tab goes on to the row's next value, the first name. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (email))), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (email))),
                                         GTK_WIDGET (entry_with_text (fixture, "Grace"))));

  /* A missing first name, in the row's own entry. */
  type_into (GTK_ENTRY (roster_test_ui_find_widget (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (entry_with_text (fixture, "edsger@example.org")))),
                                                     GTK_TYPE_ENTRY, "text", "")), "Edsger");
  g_assert_cmpuint (count_of (fixture, "Ready to register"), ==, 3);
  shoot (fixture, "review-fix");

  /* The rows still wrong, as the file had them, and why. */
  g_assert_true (export_problems (fixture, problems_file, &n_rows));
  g_assert_cmpuint (n_rows, ==, 1);
  problems = contents_of (problems_file);
  g_assert_true (g_str_has_prefix (problems, "Email,First name,Last name,Company,Problem\r\n"));
  g_assert_nonnull (strstr (problems, "alan@example,Alan,Turing,Bletchley,"));
  g_assert_nonnull (strstr (problems, "is not valid"));
  g_assert_null (strstr (problems, "grace"));

  /* The import sends the corrected values, and the results show them. */
  tick_consent (fixture);
  next (fixture);
  wait_until (fixture, on_results, 30000);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, webinar_id, "grace@example.org"), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, webinar_id, "edsger@example.org"), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, webinar_id, "grace(at)example.org"), ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->service), ==, 3);
  g_assert_true (export_results (find (fixture, ROSTER_TYPE_IMPORT_RESULTS_PAGE, NULL, NULL), results_file, &error));
  g_assert_no_error (error);
  results = contents_of (results_file);
  g_assert_nonnull (strstr (results, "grace@example.org,Grace,Hopper,registered"));
  g_assert_nonnull (strstr (results, "edsger@example.org,Edsger,Dijkstra,registered"));

  g_unlink (problems_path);
  g_unlink (results_path);
  g_rmdir (dir);
}

/* ---- Resuming ------------------------------------------------------------------------------ */

#define N_PEOPLE 40

static gboolean
some_registered (Fixture *fixture)
{
  return roster_fake_service_get_n_registrations_total (fixture->service) >= 3;
}

static gpointer job_weak;

static gboolean
job_gone (Fixture *fixture)
{
  return job_weak == NULL;
}

static gboolean
job_finished (Fixture *fixture)
{
  RosterImportJob *job = roster_import_dialog_get_job (fixture->dialog);

  return job != NULL && roster_import_job_get_state (job) == ROSTER_IMPORT_JOB_FINISHED;
}

static void
test_fix_survives_resume (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("roster-fix-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "people.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) csv = g_string_new ("Email,First name\n");
  g_autoptr(RosterRateLimiter) slow = NULL;
  g_autoptr(GPtrArray) journals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *account_id = NULL;
  RosterImportJournalInfo *info = NULL;
  GtkWindow *message;
  gint64 webinar_id;

  /* The row to fix is the last: still unsent when the run stops. */
  for (guint i = 0; i < N_PEOPLE; i++)
    g_string_append_printf (csv, "person%u@example.org,Person\n", i);
  g_string_append (csv, "last person@example.org,Last\n");
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));

  slow = roster_rate_limiter_new (10, G_USEC_PER_SEC);
  g_source_attach ((GSource *) slow, NULL);
  roster_client_set_rate_limiter (fixture->client, slow);
  roster_fake_service_set_latency (fixture->service, 100, 20);
  open_dialog (fixture, file);
  walk_to_review (fixture);
  webinar_id = roster_webinar_get_id (find_webinar (fixture, TARGET));
  g_assert_cmpuint (count_of (fixture, "Invalid"), ==, 1);
  type_into (entry_with_text (fixture, "last person@example.org"), "last.person@example.org");
  g_assert_cmpuint (count_of (fixture, "Ready to register"), ==, N_PEOPLE + 1);
  tick_consent (fixture);
  next (fixture);
  wait_until (fixture, on_run, 10000);
  wait_until (fixture, some_registered, 20000);

  /* Stopped: the calls in flight land, the window and the job go. */
  job_weak = roster_import_dialog_get_job (fixture->dialog);
  g_object_add_weak_pointer (G_OBJECT (job_weak), &job_weak);
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  roster_test_ui_iterate (50);
  message = find_message_dialog_for (GTK_WINDOW (fixture->dialog));
  g_assert_nonnull (message);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "stop");
  roster_test_ui_iterate (20);
  g_clear_object (&fixture->dialog);
  wait_until (fixture, job_gone, 10000);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, webinar_id, "last.person@example.org"), ==, 0);

  /* Resumed from the journal: the row is ready with its corrected value, and sent so. */
  account_id = roster_client_dup_account_id (fixture->client);
  journals = roster_import_journal_list (roster_client_get_journal_dir (fixture->client), account_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < journals->len; i++)
    if (!((RosterImportJournalInfo *) g_ptr_array_index (journals, i))->complete)
      info = g_ptr_array_index (journals, i);
  g_assert_nonnull (info);
  roster_fake_service_set_latency (fixture->service, 0, 0);
  roster_client_set_rate_limiter (fixture->client, fixture->limiter);
  g_source_destroy ((GSource *) slow);
  fixture->dialog = roster_import_dialog_new_for_journal (fixture->parent, fixture->client,
                                                          G_LIST_MODEL (fixture->webinars), info->path);
  g_object_ref_sink (fixture->dialog);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  wait_until (fixture, on_review, 10000);
  g_assert_cmpstr (status_of (entry_with_text (fixture, "last.person@example.org")), ==, "Ready to register");
  tick_consent (fixture);
  next (fixture);
  wait_until (fixture, job_finished, 30000);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, webinar_id, "last.person@example.org"), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, webinar_id, "last person@example.org"), ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->service), ==, N_PEOPLE + 1);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  roster_test_ui_init (&argc, &argv);

  g_test_add ("/import-fix/email", Fixture, TYPOS, fixture_set_up, test_fix_email, fixture_tear_down);
  g_test_add ("/import-fix/survives-resume", Fixture, TYPOS, fixture_set_up, test_fix_survives_resume,
              fixture_tear_down);

  return g_test_run ();
}
