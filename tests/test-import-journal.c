/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-journal"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "roster-import-journal.h"

/* The import journal on a real disk (the test's own XDG data dir): what is appended comes
 * back after reopening, a torn last line and junk lines are ignored, "sending" is on the disk
 * before append returns, the file is private, listing and removing work. */

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

static RosterRegistration *
registration_new (gint64      user_id,
                  const char *email)
{
  g_autofree char *json = g_strdup_printf ("{\"webinar_id\": 1, \"user_id\": %" G_GINT64_FORMAT ", "
                                           "\"first_name\": \"Ada\", \"email\": \"%s\", \"schedule\": 7, "
                                           "\"live_room_url\": \"https://example.org/live/%" G_GINT64_FORMAT "\", "
                                           "\"replay_room_url\": \"https://example.org/replay/%" G_GINT64_FORMAT "\", "
                                           "\"thank_you_url\": \"https://example.org/thanks/%" G_GINT64_FORMAT "\"}",
                                           user_id, email, user_id, user_id, user_id);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  RosterRegistration *registration = roster_registration_new_from_json (node, &error);

  g_assert_no_error (error);
  return registration;
}

static RosterImportJournal *
open_journal (const char               *sha,
              const RosterImportTarget *target)
{
  g_autoptr(GError) error = NULL;
  RosterImportJournal *journal = roster_import_journal_open (sha, "contacts.csv", target, 10, &error);

  g_assert_no_error (error);
  g_assert_nonnull (journal);
  return journal;
}

static void
append (RosterImportJournal  *journal,
        guint                 row,
        const char           *email,
        RosterImportRowState  state,
        RosterRegistration   *registration,
        const char           *message)
{
  g_autoptr(GError) error = NULL;

  roster_import_journal_append (journal, row, row + 2, email, state, registration, message, &error);
  g_assert_no_error (error);
}

static void
remove_all_journals (void)
{
  g_autoptr(GPtrArray) infos = roster_import_journal_list (NULL);

  for (guint i = 0; infos != NULL && i < infos->len; i++)
    {
      RosterImportJournalInfo *info = g_ptr_array_index (infos, i);

      g_assert_true (roster_import_journal_remove (info->path, NULL));
    }
}

static void
test_target (void)
{
  g_autoptr(RosterImportTarget) a = roster_import_target_new (12, 34, "2025-10-31 12:00", "GMT+2");
  g_autoptr(RosterImportTarget) b = roster_import_target_copy (a);
  g_autoptr(RosterImportTarget) c = roster_import_target_new (12, 34, "", NULL);
  g_autoptr(RosterImportTarget) d = roster_import_target_new (12, 34, NULL, NULL);
  g_autofree char *key = roster_import_target_dup_key (a);
  g_autofree char *key_c = roster_import_target_dup_key (c);
  g_autofree char *key_d = roster_import_target_dup_key (d);

  g_assert_true (roster_import_target_equal (a, b));
  g_assert_false (roster_import_target_equal (a, c));
  g_assert_true (roster_import_target_equal (c, d));
  /* The key names the journal file: it must never change for the same target. */
  g_assert_cmpstr (key, ==, "webinar=12;schedule=34;date=2025-10-31 12:00;timezone=GMT+2");
  g_assert_cmpstr (key_c, ==, key_d);
}

static void
test_append_reload (void)
{
  g_autoptr(RosterImportTarget) target = roster_import_target_new (1, 7, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = open_journal (SHA_A, target);
  g_autoptr(RosterRegistration) registration = registration_new (4242, "ada@example.org");
  g_autofree char *path = g_strdup (roster_import_journal_get_path (journal));

  g_assert_true (roster_import_journal_is_empty (journal));
  append (journal, 0, "ada@example.org", ROSTER_IMPORT_ROW_STATE_SENDING, NULL, NULL);
  append (journal, 0, "ada@example.org", ROSTER_IMPORT_ROW_STATE_REGISTERED, registration, NULL);
  append (journal, 1, "bob@example.org", ROSTER_IMPORT_ROW_STATE_SENDING, NULL, NULL);
  append (journal, 1, "bob@example.org", ROSTER_IMPORT_ROW_STATE_FAILED, NULL, "The email must be a valid \"email\"\naddress.");
  append (journal, 2, "cy@example.org", ROSTER_IMPORT_ROW_STATE_SENDING, NULL, NULL);
  append (journal, 3, "di@example.org", ROSTER_IMPORT_ROW_STATE_UNKNOWN, NULL, "timed out");
  g_assert_false (roster_import_journal_is_empty (journal));
  g_clear_object (&journal);

  journal = open_journal (SHA_A, target);
  g_assert_cmpstr (roster_import_journal_get_path (journal), ==, path);
  g_assert_cmpstr (roster_import_journal_get_file_name (journal), ==, "contacts.csv");
  g_assert_cmpstr (roster_import_journal_get_file_sha256 (journal), ==, SHA_A);
  g_assert_true (roster_import_target_equal (roster_import_journal_get_target (journal), target));
  g_assert_cmpuint (roster_import_journal_get_n_rows (journal), ==, 10);
  g_assert_nonnull (roster_import_journal_get_created (journal));
  g_assert_cmpuint (roster_import_journal_get_n_junk_lines (journal), ==, 0);

  g_assert_cmpint (roster_import_journal_get_row_state (journal, 0), ==, ROSTER_IMPORT_ROW_STATE_REGISTERED);
  g_assert_cmpstr (roster_import_journal_get_row_field (journal, 0, "user_id"), ==, "4242");
  g_assert_cmpstr (roster_import_journal_get_row_field (journal, 0, "email"), ==, "ada@example.org");
  g_assert_cmpstr (roster_import_journal_get_row_field (journal, 0, "live_room_url"), ==, "https://example.org/live/4242");
  g_assert_cmpstr (roster_import_journal_get_row_field (journal, 0, "replay_room_url"), ==, "https://example.org/replay/4242");
  g_assert_cmpstr (roster_import_journal_get_row_field (journal, 0, "thank_you_url"), ==, "https://example.org/thanks/4242");
  g_assert_null (roster_import_journal_get_row_field (journal, 0, "message"));

  g_assert_cmpint (roster_import_journal_get_row_state (journal, 1), ==, ROSTER_IMPORT_ROW_STATE_FAILED);
  g_assert_cmpstr (roster_import_journal_get_row_field (journal, 1, "message"), ==,
                   "The email must be a valid \"email\"\naddress.");
  g_assert_null (roster_import_journal_get_row_field (journal, 1, "user_id"));
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 2), ==, ROSTER_IMPORT_ROW_STATE_SENDING);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 3), ==, ROSTER_IMPORT_ROW_STATE_UNKNOWN);
  g_assert_cmpstr (roster_import_journal_get_row_field (journal, 3, "message"), ==, "timed out");
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 4), ==, ROSTER_IMPORT_ROW_STATE_NONE);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 1000), ==, ROSTER_IMPORT_ROW_STATE_NONE);

  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_STATE_REGISTERED), ==, 1);
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_STATE_FAILED), ==, 1);
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_STATE_SENDING), ==, 1);
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_STATE_UNKNOWN), ==, 1);
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_STATE_NONE), ==, 6);

  /* Each line is one JSON object; the header comes first. */
  {
    g_autofree char *contents = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_true (g_str_has_suffix (contents, "\n"));
    lines = g_strsplit (contents, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 8);  /* header, 6 events, "" */
    g_assert_true (g_str_has_prefix (lines[0], "{\"format\":\"roster-import-journal\",\"version\":1,"));
    g_assert_nonnull (strstr (lines[0], "\"file_sha256\":\"" SHA_A "\""));
    g_assert_nonnull (strstr (lines[0], "\"webinar_id\":1"));
    g_assert_nonnull (strstr (lines[2], "\"state\":\"registered\""));
    g_assert_nonnull (strstr (lines[2], "\"user_id\":4242"));
  }

  g_clear_object (&journal);
  remove_all_journals ();
}

static void
test_torn_last_line (void)
{
  g_autoptr(RosterImportTarget) target = roster_import_target_new (1, 7, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = open_journal (SHA_A, target);
  g_autofree char *path = g_strdup (roster_import_journal_get_path (journal));
  g_autofree char *contents = NULL;
  g_autoptr(GString) torn = NULL;
  g_auto(GStrv) lines = NULL;

  append (journal, 0, "ada@example.org", ROSTER_IMPORT_ROW_STATE_SENDING, NULL, NULL);
  g_clear_object (&journal);

  /* A power cut in the middle of writing "registered" for row 0 and "sending" for row 1. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  torn = g_string_new (contents);
  g_string_append (torn, "{\"row\":0,\"line\":2,\"email\":\"ada@example.org\",\"state\":\"regis");
  g_assert_true (g_file_set_contents_full (path, torn->str, torn->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));

  journal = open_journal (SHA_A, target);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 0), ==, ROSTER_IMPORT_ROW_STATE_SENDING);
  g_assert_cmpuint (roster_import_journal_get_n_junk_lines (journal), ==, 0);

  /* Reopening cut the torn line off, so the next line starts clean. */
  append (journal, 1, "bob@example.org", ROSTER_IMPORT_ROW_STATE_SENDING, NULL, NULL);
  g_clear_object (&journal);

  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "regis\""));
  g_assert_null (strstr (contents, "\"regis{"));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);

  journal = open_journal (SHA_A, target);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 0), ==, ROSTER_IMPORT_ROW_STATE_SENDING);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 1), ==, ROSTER_IMPORT_ROW_STATE_SENDING);
  g_assert_cmpuint (roster_import_journal_get_n_junk_lines (journal), ==, 0);
  g_clear_object (&journal);

  /* A file cut inside its header (a crash while creating it) starts over. */
  g_assert_true (g_file_set_contents_full (path, "{\"format\":\"roster-imp", -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
  journal = open_journal (SHA_A, target);
  g_assert_true (roster_import_journal_is_empty (journal));
  append (journal, 2, "cy@example.org", ROSTER_IMPORT_ROW_STATE_SENDING, NULL, NULL);
  g_clear_object (&journal);
  journal = open_journal (SHA_A, target);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 2), ==, ROSTER_IMPORT_ROW_STATE_SENDING);
  g_clear_object (&journal);

  remove_all_journals ();
}

static void
test_junk_lines (void)
{
  g_autoptr(RosterImportTarget) target = roster_import_target_new (1, 7, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = open_journal (SHA_A, target);
  g_autofree char *path = g_strdup (roster_import_journal_get_path (journal));
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;

  append (journal, 0, "ada@example.org", ROSTER_IMPORT_ROW_STATE_SENDING, NULL, NULL);
  g_clear_object (&journal);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  text = g_string_new (contents);
  g_string_append (text, "hello\n");
  g_string_append (text, "{}\n");
  g_string_append (text, "[1,2,3]\n");
  g_string_append (text, "{\"row\":\"x\",\"state\":\"sending\"}\n");
  g_string_append (text, "{\"row\":1,\"state\":\"teleported\"}\n");
  g_string_append (text, "{\"row\":-3,\"state\":\"sending\"}\n");
  g_string_append (text, "\xff\xfe\x00garbage\n");
  g_string_append (text, "\n");
  g_string_append (text, "{\"row\":0,\"line\":2,\"email\":\"ada@example.org\",\"state\":\"registered\",\"user_id\":\"77\"}\n");
  g_assert_true (g_file_set_contents_full (path, text->str, text->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));

  journal = open_journal (SHA_A, target);
  g_assert_cmpuint (roster_import_journal_get_n_junk_lines (journal), ==, 7);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 0), ==, ROSTER_IMPORT_ROW_STATE_REGISTERED);
  g_assert_cmpstr (roster_import_journal_get_row_field (journal, 0, "user_id"), ==, "77");
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 1), ==, ROSTER_IMPORT_ROW_STATE_NONE);
  g_clear_object (&journal);

  /* Something that is not a journal at all is refused, not overwritten. */
  g_assert_true (g_file_set_contents_full (path, "name,email\nAda,ada@example.org\n", -1,
                                           G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
  {
    g_autoptr(GError) error = NULL;

    journal = roster_import_journal_open (SHA_A, "contacts.csv", target, 10, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_null (journal);
  }

  remove_all_journals ();
}

static void
test_write_ahead (void)
{
  g_autoptr(RosterImportTarget) target = roster_import_target_new (1, 7, "2025-10-31 12:00", "GMT+2");
  g_autoptr(RosterImportJournal) journal = open_journal (SHA_A, target);
  g_autoptr(RosterImportJournal) second = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  RosterImportJournalInfo *info;

  append (journal, 5, "eve@example.org", ROSTER_IMPORT_ROW_STATE_SENDING, NULL, NULL);

  /* On the disk as soon as append returns, before any call would go out; read as another
   * process would after this one died. */
  g_assert_true (g_file_get_contents (roster_import_journal_get_path (journal), &contents, NULL, NULL));
  g_assert_true (g_str_has_suffix (contents, "{\"row\":5,\"line\":7,\"email\":\"eve@example.org\",\"state\":\"sending\"}\n"));

  infos = roster_import_journal_list (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);
  g_assert_cmpuint (info->n_unknown, ==, 1);
  g_assert_cmpuint (info->n_registered, ==, 0);
  g_assert_false (info->complete);
  g_assert_cmpstr (info->target->date, ==, "2025-10-31 12:00");
  g_assert_cmpstr (info->target->timezone, ==, "GMT+2");

  /* Only one writer at a time: a second window or process must not run the same import. */
  second = roster_import_journal_open (SHA_A, "contacts.csv", target, 10, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_null (second);
  g_clear_error (&error);

  g_clear_object (&journal);
  second = roster_import_journal_open (SHA_A, "contacts.csv", target, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_import_journal_get_row_state (second, 5), ==, ROSTER_IMPORT_ROW_STATE_SENDING);
  g_clear_object (&second);

  remove_all_journals ();
}

static void
test_list_remove (void)
{
  g_autoptr(RosterImportTarget) t1 = roster_import_target_new (1, 7, NULL, NULL);
  g_autoptr(RosterImportTarget) t2 = roster_import_target_new (1, 8, NULL, NULL);
  g_autoptr(RosterImportJournal) a = open_journal (SHA_A, t1);
  g_autoptr(RosterImportJournal) b = open_journal (SHA_A, t2);
  g_autoptr(RosterImportJournal) c = open_journal (SHA_B, t1);
  g_autoptr(RosterRegistration) registration = registration_new (1, "ada@example.org");
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportJournal) reopened = NULL;
  g_autofree char *path_a = g_strdup (roster_import_journal_get_path (a));
  g_autofree char *path_b = g_strdup (roster_import_journal_get_path (b));
  g_autofree char *path_c = g_strdup (roster_import_journal_get_path (c));

  g_assert_cmpstr (path_a, !=, path_b);
  g_assert_cmpstr (path_a, !=, path_c);

  append (a, 0, "ada@example.org", ROSTER_IMPORT_ROW_STATE_REGISTERED, registration, NULL);
  append (a, 1, "bob@example.org", ROSTER_IMPORT_ROW_STATE_FAILED, NULL, "nope");
  g_assert_false (roster_import_journal_is_complete (a));
  g_assert_true (roster_import_journal_mark_complete (a, &error));
  g_assert_no_error (error);
  g_assert_true (roster_import_journal_is_complete (a));
  append (b, 0, "ada@example.org", ROSTER_IMPORT_ROW_STATE_UNKNOWN, NULL, NULL);
  g_assert_true (roster_import_journal_mark_complete (b, &error));
  g_assert_false (roster_import_journal_is_complete (b));  /* a row's fate is unknown */
  g_clear_object (&a);
  g_clear_object (&b);
  g_clear_object (&c);

  infos = roster_import_journal_list (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 3);
  for (guint i = 0; i < infos->len; i++)
    {
      RosterImportJournalInfo *info = g_ptr_array_index (infos, i);
      g_autoptr(RosterImportJournalInfo) copy = roster_import_journal_info_copy (info);

      g_assert_cmpstr (copy->path, ==, info->path);
      g_assert_cmpstr (info->file_name, ==, "contacts.csv");
      g_assert_cmpuint (info->n_rows, ==, 10);
      if (g_strcmp0 (info->path, path_a) == 0)
        {
          g_assert_cmpuint (info->n_registered, ==, 1);
          g_assert_cmpuint (info->n_failed, ==, 1);
          g_assert_cmpuint (info->n_unknown, ==, 0);
          g_assert_true (info->complete);
          g_assert_cmpstr (info->file_sha256, ==, SHA_A);
        }
      else if (g_strcmp0 (info->path, path_b) == 0)
        {
          g_assert_cmpuint (info->n_unknown, ==, 1);
          g_assert_false (info->complete);
          g_assert_cmpint (info->target->schedule_id, ==, 8);
        }
      else
        {
          g_assert_cmpstr (info->path, ==, path_c);
          g_assert_cmpstr (info->file_sha256, ==, SHA_B);
          g_assert_cmpuint (info->n_registered + info->n_failed + info->n_unknown, ==, 0);
        }
    }

  reopened = roster_import_journal_open_path (path_a, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_import_journal_get_row_state (reopened, 1), ==, ROSTER_IMPORT_ROW_STATE_FAILED);
  g_assert_true (roster_import_journal_is_complete (reopened));
  g_clear_object (&reopened);

  g_assert_true (roster_import_journal_remove (path_b, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path_b, G_FILE_TEST_EXISTS));
  g_assert_false (roster_import_journal_remove (path_b, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (roster_import_journal_remove ("/etc/passwd", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_clear_pointer (&infos, g_ptr_array_unref);
  infos = roster_import_journal_list (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 2);

  remove_all_journals ();
}

static void
test_mode (void)
{
  g_autoptr(RosterImportTarget) target = roster_import_target_new (1, 7, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autofree char *dir = roster_import_journal_dup_dir ();
  g_autofree char *path = NULL;
  struct stat st;
  mode_t old_umask = umask (0);  /* even with a permissive umask */

  journal = open_journal (SHA_A, target);
  umask (old_umask);
  path = g_strdup (roster_import_journal_get_path (journal));
  g_assert_true (g_str_has_prefix (path, dir));
  g_assert_true (g_str_has_prefix (dir, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (path, ".journal"));

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  /* A looser file left by something else is made private again on opening. */
  g_clear_object (&journal);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  journal = open_journal (SHA_A, target);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_object (&journal);

  remove_all_journals ();
}

static void
test_file_sha256 (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "sha-test.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/file.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  char *none;

  g_assert_true (g_file_set_contents (path, "hello\n", -1, NULL));
  sha = roster_import_file_sha256 (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha, ==, "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");

  none = roster_import_file_sha256 (missing, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (none);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import-journal/target", test_target);
  g_test_add_func ("/import-journal/append-reload", test_append_reload);
  g_test_add_func ("/import-journal/torn-last-line", test_torn_last_line);
  g_test_add_func ("/import-journal/junk-lines", test_junk_lines);
  g_test_add_func ("/import-journal/write-ahead", test_write_ahead);
  g_test_add_func ("/import-journal/list-remove", test_list_remove);
  g_test_add_func ("/import-journal/mode", test_mode);
  g_test_add_func ("/import-journal/file-sha256", test_file_sha256);

  return g_test_run ();
}
