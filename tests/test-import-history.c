/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-history"

#include "config.h"

#include <glib/gstdio.h>
#include <utime.h>

#include "roster-error.h"
#include "roster-import-history.h"
#include "roster-import-history-results.h"
#include "roster-import-undo-journal.h"
#include "roster-test-util.h"

/* The history of imports on a real disk: one account's journals, newest first, with their
 * counts and states (running, paused, finished, undone); finding one by the start of its ID;
 * forgetting one removes its journal and its undo journal; expiry forgets finished imports
 * whose journal is older than the days given, and nothing else. */

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define SHA_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

static char *
journal_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "history", NULL);
}

/* A journal of @account with @n_registered, one failed and one unknown row; finished or not. */
static char *
make_journal (const char *account,
              const char *sha,
              const char *file_name,
              guint       n_registered,
              gboolean    complete)
{
  g_autofree char *dir = journal_dir ();
  g_autoptr(RosterImportTarget) target = roster_import_target_new (42, 7, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  guint row = 0;

  journal = roster_import_journal_open (dir, account, sha, file_name, target, n_registered + 5,
                                        ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  for (; row < n_registered; row++)
    {
      g_autofree char *email = g_strdup_printf ("p%u@example.org", row);

      roster_import_journal_append (journal, row, row + 2, email, ROSTER_IMPORT_ROW_REGISTERED, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  roster_import_journal_append (journal, row, row + 2, "f@example.org", ROSTER_IMPORT_ROW_FAILED, NULL, "no", &error);
  g_assert_no_error (error);
  row++;
  roster_import_journal_append (journal, row, row + 2, "u@example.org", ROSTER_IMPORT_ROW_UNKNOWN, NULL, "?", &error);
  g_assert_no_error (error);
  if (complete)
    {
      roster_import_journal_append (journal, row, row + 2, "u@example.org", ROSTER_IMPORT_ROW_REGISTERED, NULL, NULL, &error);
      g_assert_true (roster_import_journal_mark_complete (journal, &error));
      g_assert_no_error (error);
    }
  return g_strdup (roster_import_journal_get_path (journal));
}

static GListModel *
list (const char *account)
{
  g_autofree char *dir = journal_dir ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *history;

  roster_import_history_list_async (dir, account, NULL, roster_test_store_result, &result);
  history = roster_import_history_list_finish (roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return history;
}

static RosterImportRecord *
nth (GListModel *history,
     guint       i)
{
  static RosterImportRecord *last;

  g_clear_object (&last);
  last = g_list_model_get_item (history, i);
  return last;
}

static void
make_old (const char *path,
          guint       days)
{
  struct utimbuf times;

  times.actime = times.modtime = g_get_real_time () / G_USEC_PER_SEC - (gint64) days * 24 * 3600;
  g_assert_cmpint (utime (path, &times), ==, 0);
}

static void
test_list_and_forget (void)
{
  g_autofree char *finished = make_journal ("acc", SHA_A, "first.csv", 7, TRUE);
  g_autofree char *paused = NULL;
  g_autofree char *other = NULL;
  g_autofree char *undo_path = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(RosterImportRecord) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *prefix = NULL;
  RosterImportRecord *record;

  g_usleep (1100000);   /* "created" has whole seconds */
  paused = make_journal ("acc", SHA_B, "second.csv", 3, FALSE);
  other = make_journal ("someone-else", SHA_C, "theirs.csv", 1, TRUE);

  history = list ("acc");
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);

  record = nth (history, 0);
  g_assert_cmpstr (roster_import_record_get_info (record)->file_name, ==, "second.csv");
  g_assert_cmpint (roster_import_record_get_state (record), ==, ROSTER_IMPORT_STATE_PAUSED);
  g_assert_cmpuint (roster_import_record_get_info (record)->n_registered, ==, 3);
  g_assert_cmpuint (roster_import_record_get_info (record)->n_unknown, ==, 1);

  record = nth (history, 1);
  g_assert_cmpstr (roster_import_record_get_info (record)->file_name, ==, "first.csv");
  g_assert_cmpint (roster_import_record_get_state (record), ==, ROSTER_IMPORT_STATE_FINISHED);
  g_assert_cmpint (roster_import_record_get_info (record)->target->webinar_id, ==, 42);
  summary = roster_import_record_dup_summary (record);
  g_assert_cmpstr (summary, ==, "8 registered, 1 failed, 0 unknown, 3 skipped");
  g_assert_cmpint (roster_import_record_get_duration (record), >=, 0);
  g_assert_cmpint (roster_import_record_get_duration (record), <, 60);

  /* By the start of its ID. */
  prefix = g_strndup (roster_import_record_get_id (record), 5);
  found = roster_import_history_find (history, prefix, &error);
  g_assert_no_error (error);
  g_assert_true (found == record);
  g_assert_null (roster_import_history_find (history, "zz", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (roster_import_history_find (history, "", &error));
  g_clear_error (&error);

  /* Its results from the journal alone, as CSV (the file's names are not in it). */
  {
    g_autofree char *csv_path = g_build_filename (g_get_user_data_dir (), "results.csv", NULL);
    g_autofree char *contents = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_true (roster_import_history_export_results (finished, "acc", csv_path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
    lines = g_strsplit (contents, "\r\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + 9 + 1);
    g_assert_cmpstr (lines[0], ==, "line,email,first_name,last_name,status,message,user_id,live_room_url,replay_room_url,thank_you_url");
    g_assert_cmpstr (lines[1], ==, "2,p0@example.org,,,registered,,,,,");
    g_assert_cmpstr (lines[8], ==, "9,f@example.org,,,failed,no,,,,");
    /* Another account's key cannot read it. */
    g_assert_false (roster_import_history_export_results (finished, "someone-else", csv_path, &error));
    g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_OTHER_ACCOUNT);
    g_clear_error (&error);
  }

  /* An undo of the first one, finished. */
  undo_path = roster_import_undo_journal_path_for (finished);
  g_assert_true (g_file_set_contents (undo_path,
                                      "{\"format\":\"roster-undo-journal\",\"version\":1}\n"
                                      "{\"row\":0,\"email\":\"p0@example.org\",\"state\":\"sending\",\"lead_id\":5}\n"
                                      "{\"row\":0,\"email\":\"p0@example.org\",\"state\":\"unsubscribed\",\"lead_id\":5}\n"
                                      "{\"event\":\"complete\"}\n", -1, NULL));
  g_clear_object (&history);
  history = list ("acc");
  record = nth (history, 1);
  g_assert_cmpint (roster_import_record_get_state (record), ==, ROSTER_IMPORT_STATE_UNDONE);
  g_assert_cmpuint (roster_import_record_get_n_unsubscribed (record), ==, 1);

  /* Forgetting takes the journal and its undo. */
  g_assert_true (roster_import_history_forget (finished, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (finished, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (undo_path, G_FILE_TEST_EXISTS));
  g_clear_object (&history);
  history = list ("acc");
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
  g_assert_false (roster_import_history_forget (finished, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (roster_import_history_forget (paused, &error));
  g_assert_true (roster_import_history_forget (other, &error));
  g_assert_no_error (error);
  nth (history, 0);
  g_clear_object (&history);
  history = list ("acc");
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 0);
}

/* An import open in this process shows as running, and cannot be forgotten. */
static void
test_running (void)
{
  g_autofree char *dir = journal_dir ();
  g_autoptr(RosterImportTarget) target = roster_import_target_new (42, 7, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;

  journal = roster_import_journal_open (dir, "acc", SHA_A, "live.csv", target, 3,
                                        ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  history = list ("acc");
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
  g_assert_cmpint (roster_import_record_get_state (nth (history, 0)), ==, ROSTER_IMPORT_STATE_RUNNING);
  g_assert_false (roster_import_history_forget (roster_import_journal_get_path (journal), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);

  g_assert_true (roster_import_journal_remove (roster_import_journal_get_path (journal), &error) ||
                 error != NULL);
  g_clear_error (&error);
  {
    g_autofree char *path = g_strdup (roster_import_journal_get_path (journal));

    g_clear_object (&journal);
    g_assert_true (roster_import_history_forget (path, &error));
    g_assert_no_error (error);
  }
  nth (history, 0);
}

static void
test_expire (void)
{
  g_autofree char *dir = journal_dir ();
  g_autofree char *old_finished = make_journal ("acc", SHA_A, "old.csv", 2, TRUE);
  g_autofree char *old_paused = make_journal ("acc", SHA_B, "paused.csv", 2, FALSE);
  g_autofree char *recent = make_journal ("other", SHA_C, "recent.csv", 2, TRUE);
  g_autofree char *undo_path = roster_import_undo_journal_path_for (old_finished);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (undo_path, "{\"format\":\"roster-undo-journal\",\"version\":1}\n", -1, NULL));
  make_old (old_finished, 91);
  make_old (old_paused, 200);
  make_old (recent, 89);

  /* 0: keep everything. */
  g_assert_cmpint (roster_import_history_expire (dir, 0, &error), ==, 0);
  g_assert_no_error (error);

  roster_import_history_expire_async (dir, ROSTER_IMPORT_HISTORY_DEFAULT_DAYS, NULL, roster_test_store_result, &result);
  g_assert_cmpint (roster_import_history_expire_finish (roster_test_wait_for_result (&result), &error), ==, 1);
  g_assert_no_error (error);
  g_assert_false (g_file_test (old_finished, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (undo_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (old_paused, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (recent, G_FILE_TEST_EXISTS));

  /* Nothing left to do; a folder that does not exist is empty. */
  g_assert_cmpint (roster_import_history_expire (dir, 90, &error), ==, 0);
  g_assert_cmpint (roster_import_history_expire ("/nonexistent/roster", 90, &error), ==, 0);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import-history/list-and-forget", test_list_and_forget);
  g_test_add_func ("/import-history/running", test_running);
  g_test_add_func ("/import-history/expire", test_expire);

  return g_test_run ();
}
