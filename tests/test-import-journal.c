/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-journal"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "roster-account.h"
#include "roster-client.h"
#include "roster-error.h"
#include "roster-import-journal.h"
#include "roster-import-session.h"
#include "roster-test-import.h"
#include "roster-test-util.h"

/* The import journal on a real disk (the test's own XDG data dir): what is appended comes
 * back after reopening, a torn last line is ignored, damaged journals are refused or recovered,
 * "sending" is on the disk before append returns, the file is private, a journal belongs to one
 * account, deleting it neither releases its lock nor goes unnoticed, the writer thread keeps
 * order, listing and removing work. */

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define ACCOUNT   "account-a"
#define ACCOUNT_B "account-b"

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
  RosterImportJournal *journal = roster_import_journal_open (NULL, ACCOUNT, sha, "contacts.csv", target, 10,
                                                             ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);

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

static RosterImportJournal *
try_open (const char                   *sha,
          const RosterImportTarget     *target,
          RosterImportJournalOpenFlags  flags,
          GError                      **error)
{
  return roster_import_journal_open (NULL, ACCOUNT, sha, "contacts.csv", target, 10, flags, error);
}

/* Every file of the journal folder, damaged journals set aside and lock files too. */
static void
set_contents (const char *path,
              const char *text,
              gssize      len)
{
  g_assert_true (g_file_set_contents_full (path, text, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
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
  append (journal, 0, "ada@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL);
  append (journal, 0, "ada@example.org", ROSTER_IMPORT_ROW_REGISTERED, registration, NULL);
  append (journal, 1, "bob@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL);
  append (journal, 1, "bob@example.org", ROSTER_IMPORT_ROW_FAILED, NULL, "The email must be a valid \"email\"\naddress.");
  append (journal, 2, "cy@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL);
  append (journal, 3, "di@example.org", ROSTER_IMPORT_ROW_UNKNOWN, NULL, "timed out");
  /* Put back unsent: its call certainly never left. */
  append (journal, 4, "ed@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL);
  append (journal, 4, "ed@example.org", ROSTER_IMPORT_ROW_READY, NULL, "Connection refused");
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

  g_assert_cmpint (roster_import_journal_get_row_state (journal, 0), ==, ROSTER_IMPORT_ROW_REGISTERED);
  g_assert_cmpstr (roster_import_journal_get_row (journal, 0)->user_id, ==, "4242");
  g_assert_cmpstr (roster_import_journal_get_row (journal, 0)->email, ==, "ada@example.org");
  g_assert_cmpstr (roster_import_journal_get_row (journal, 0)->live_room_url, ==, "https://example.org/live/4242");
  g_assert_cmpstr (roster_import_journal_get_row (journal, 0)->replay_room_url, ==, "https://example.org/replay/4242");
  g_assert_cmpstr (roster_import_journal_get_row (journal, 0)->thank_you_url, ==, "https://example.org/thanks/4242");
  g_assert_null (roster_import_journal_get_row (journal, 0)->message);

  g_assert_cmpint (roster_import_journal_get_row_state (journal, 1), ==, ROSTER_IMPORT_ROW_FAILED);
  g_assert_cmpstr (roster_import_journal_get_row (journal, 1)->message, ==,
                   "The email must be a valid \"email\"\naddress.");
  g_assert_null (roster_import_journal_get_row (journal, 1)->user_id);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 2), ==, ROSTER_IMPORT_ROW_SENDING);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 3), ==, ROSTER_IMPORT_ROW_UNKNOWN);
  g_assert_cmpstr (roster_import_journal_get_row (journal, 3)->message, ==, "timed out");
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 4), ==, ROSTER_IMPORT_ROW_READY);
  g_assert_cmpstr (roster_import_journal_get_row (journal, 4)->message, ==, "Connection refused");
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 5), ==, ROSTER_IMPORT_ROW_READY);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 1000), ==, ROSTER_IMPORT_ROW_READY);

  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_REGISTERED), ==, 1);
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_FAILED), ==, 1);
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_SENDING), ==, 1);
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_UNKNOWN), ==, 1);
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_READY), ==, 6);

  /* Each line is one JSON object; the header comes first. */
  {
    g_autofree char *contents = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_true (g_str_has_suffix (contents, "\n"));
    lines = g_strsplit (contents, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 10);  /* header, 8 events, "" */
    g_assert_true (g_str_has_prefix (lines[0], "{\"format\":\"roster-import-journal\",\"version\":3,"));
    g_assert_nonnull (strstr (lines[0], "\"account_id\":\"" ACCOUNT "\""));
    g_assert_nonnull (strstr (lines[0], "\"file_sha256\":\"" SHA_A "\""));
    g_assert_nonnull (strstr (lines[0], "\"webinar_id\":1"));
    g_assert_nonnull (strstr (lines[2], "\"state\":\"registered\""));
    g_assert_nonnull (strstr (lines[2], "\"user_id\":4242"));
  }

  g_clear_object (&journal);
  roster_test_remove_journals ();
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

  append (journal, 0, "ada@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL);
  g_clear_object (&journal);

  /* A power cut in the middle of writing "registered" for row 0 and "sending" for row 1. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  torn = g_string_new (contents);
  g_string_append (torn, "{\"row\":0,\"line\":2,\"email\":\"ada@example.org\",\"state\":\"regis");
  g_assert_true (g_file_set_contents_full (path, torn->str, torn->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));

  journal = open_journal (SHA_A, target);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 0), ==, ROSTER_IMPORT_ROW_SENDING);
  g_assert_cmpuint (roster_import_journal_get_n_junk_lines (journal), ==, 0);

  /* Reopening cut the torn line off, so the next line starts clean. */
  append (journal, 1, "bob@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL);
  g_clear_object (&journal);

  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "regis\""));
  g_assert_null (strstr (contents, "\"regis{"));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);

  journal = open_journal (SHA_A, target);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 0), ==, ROSTER_IMPORT_ROW_SENDING);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 1), ==, ROSTER_IMPORT_ROW_SENDING);
  g_assert_cmpuint (roster_import_journal_get_n_junk_lines (journal), ==, 0);
  g_clear_object (&journal);

  /* A journal only ever appears whole (its header is renamed into place), so one cut inside
   * its header was damaged later: nothing tells what was sent. */
  set_contents (path, "{\"format\":\"roster-imp", -1);
  {
    g_autoptr(GError) error = NULL;

    journal = try_open (SHA_A, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
    g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_DAMAGED);
    g_assert_null (journal);
  }

  roster_test_remove_journals ();
}

static guint
count_damaged_aside (const char  *path,
                     char       **aside)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *prefix = g_strconcat (path, ".damaged-", NULL);
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (gdir != NULL && (name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *candidate = g_build_filename (dir, name, NULL);

      if (g_str_has_prefix (candidate, prefix))
        {
          n++;
          g_free (*aside);
          *aside = g_steal_pointer (&candidate);
        }
    }

  return n;
}

/* A journal with a line that cannot be read, anywhere but at its end, or emptied: what was sent
 * is unknown.  It is refused, and recovering it keeps what it still tells and looks up the rest. */
static void
test_damaged (void)
{
  g_autoptr(RosterImportTarget) target = roster_import_target_new (1, 7, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = open_journal (SHA_A, target);
  g_autoptr(RosterRegistration) registration = registration_new (77, "ada@example.org");
  g_autofree char *path = g_strdup (roster_import_journal_get_path (journal));
  g_autofree char *contents = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *aside_contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  const char *junk[] = {
    "hello", "{}", "[1,2,3]", "{\"row\":\"x\",\"state\":\"sending\"}", "{\"row\":1,\"state\":\"teleported\"}",
    "{\"row\":-3,\"state\":\"sending\"}", "\xff\xfe garbage", "",
  };
  struct stat st;

  append (journal, 0, "ada@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL);
  append (journal, 0, "ada@example.org", ROSTER_IMPORT_ROW_REGISTERED, registration, NULL);
  append (journal, 1, "bob@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL);
  append (journal, 1, "bob@example.org", ROSTER_IMPORT_ROW_FAILED, NULL, "nope");
  g_clear_object (&journal);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  /* Each kind of unreadable line, between good ones, is damage. */
  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      if (text != NULL)
        g_string_free (text, TRUE);
      text = g_string_new (contents);
      g_string_append_printf (text, "%s\n", junk[i]);
      g_string_append (text, "{\"row\":2,\"line\":4,\"email\":\"cy@example.org\",\"state\":\"sending\"}\n");
      set_contents (path, text->str, text->len);

      journal = try_open (SHA_A, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
      g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_DAMAGED);
      g_assert_null (journal);
      g_clear_error (&error);
    }

  /* Emptied, or something that is not a journal at all: damage too, never a new import. */
  set_contents (path, "", 0);
  journal = try_open (SHA_A, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_DAMAGED);
  g_clear_error (&error);
  set_contents (path, "name,email\nAda,ada@example.org\n", -1);
  journal = try_open (SHA_A, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_DAMAGED);
  g_clear_error (&error);
  /* And it was left as it was. */
  g_clear_pointer (&aside_contents, g_free);
  g_assert_true (g_file_get_contents (path, &aside_contents, NULL, NULL));
  g_assert_cmpstr (aside_contents, ==, "name,email\nAda,ada@example.org\n");
  g_assert_cmpuint (count_damaged_aside (path, &aside), ==, 0);

  /* Recovering: the readable outcomes stay, every other row is to be looked up. */
  set_contents (path, text->str, text->len);
  journal = try_open (SHA_A, target, ROSTER_IMPORT_JOURNAL_OPEN_RECOVER, &error);
  g_assert_no_error (error);
  g_assert_true (roster_import_journal_get_recovering (journal));
  g_assert_cmpuint (roster_import_journal_get_n_junk_lines (journal), ==, 1);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 0), ==, ROSTER_IMPORT_ROW_REGISTERED);
  g_assert_cmpstr (roster_import_journal_get_row (journal, 0)->user_id, ==, "77");
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 1), ==, ROSTER_IMPORT_ROW_FAILED);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 2), ==, ROSTER_IMPORT_ROW_UNKNOWN);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 5), ==, ROSTER_IMPORT_ROW_UNKNOWN);
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_UNKNOWN), ==, 8);
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_READY), ==, 0);
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_SENDING), ==, 0);
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_REGISTERED), ==, 1);

  /* The damaged file is kept aside, private, as it was. */
  g_assert_cmpuint (count_damaged_aside (path, &aside), ==, 1);
  g_clear_pointer (&aside_contents, g_free);
  g_assert_true (g_file_get_contents (aside, &aside_contents, NULL, NULL));
  g_assert_cmpstr (aside_contents, ==, text->str);
  g_assert_cmpint (g_stat (aside, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A row looked up and sent after all is final; the mark survives a crash and a reopen. */
  append (journal, 3, "di@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL);
  append (journal, 3, "di@example.org", ROSTER_IMPORT_ROW_FAILED, NULL, "nope");
  g_clear_object (&journal);
  journal = open_journal (SHA_A, target);
  g_assert_true (roster_import_journal_get_recovering (journal));
  g_assert_cmpuint (roster_import_journal_get_n_junk_lines (journal), ==, 0);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 0), ==, ROSTER_IMPORT_ROW_REGISTERED);
  g_assert_cmpstr (roster_import_journal_get_row (journal, 0)->user_id, ==, "77");
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 1), ==, ROSTER_IMPORT_ROW_FAILED);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 2), ==, ROSTER_IMPORT_ROW_UNKNOWN);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 3), ==, ROSTER_IMPORT_ROW_FAILED);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 4), ==, ROSTER_IMPORT_ROW_UNKNOWN);
  g_clear_object (&journal);

  /* An emptied journal recovers too: then every row is to be looked up. */
  set_contents (path, "", 0);
  journal = try_open (SHA_A, target, ROSTER_IMPORT_JOURNAL_OPEN_RECOVER, &error);
  g_assert_no_error (error);
  g_assert_true (roster_import_journal_get_recovering (journal));
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_UNKNOWN), ==, 10);
  g_assert_cmpuint (count_damaged_aside (path, &aside), >=, 1);
  g_clear_object (&journal);

  roster_test_remove_journals ();
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

  append (journal, 5, "eve@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL);

  /* On the disk as soon as append returns, before any call would go out; read as another
   * process would after this one died. */
  g_assert_true (g_file_get_contents (roster_import_journal_get_path (journal), &contents, NULL, NULL));
  g_assert_true (g_str_has_suffix (contents, "{\"row\":5,\"line\":7,\"email\":\"eve@example.org\",\"state\":\"sending\"}\n"));

  infos = roster_import_journal_list (NULL, ACCOUNT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);
  g_assert_cmpuint (info->n_unknown, ==, 1);
  g_assert_cmpuint (info->n_registered, ==, 0);
  g_assert_false (info->complete);
  g_assert_cmpstr (info->target->date, ==, "2025-10-31 12:00");
  g_assert_cmpstr (info->target->timezone, ==, "GMT+2");

  /* Only one writer at a time: a second window or process must not run the same import. */
  second = try_open (SHA_A, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_null (second);
  g_clear_error (&error);

  g_clear_object (&journal);
  second = try_open (SHA_A, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_import_journal_get_row_state (second, 5), ==, ROSTER_IMPORT_ROW_SENDING);
  g_clear_object (&second);

  roster_test_remove_journals ();
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

  append (a, 0, "ada@example.org", ROSTER_IMPORT_ROW_REGISTERED, registration, NULL);
  append (a, 1, "bob@example.org", ROSTER_IMPORT_ROW_FAILED, NULL, "nope");
  g_assert_false (roster_import_journal_is_complete (a));
  g_assert_true (roster_import_journal_mark_complete (a, &error));
  g_assert_no_error (error);
  g_assert_true (roster_import_journal_is_complete (a));
  append (b, 0, "ada@example.org", ROSTER_IMPORT_ROW_UNKNOWN, NULL, NULL);
  g_assert_true (roster_import_journal_mark_complete (b, &error));
  g_assert_false (roster_import_journal_is_complete (b));  /* a row's fate is unknown */
  g_clear_object (&a);
  g_clear_object (&b);
  g_clear_object (&c);

  infos = roster_import_journal_list (NULL, ACCOUNT, &error);
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

  reopened = roster_import_journal_open_path (path_a, ACCOUNT, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_import_journal_get_row_state (reopened, 1), ==, ROSTER_IMPORT_ROW_FAILED);
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
  infos = roster_import_journal_list (NULL, ACCOUNT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 2);

  roster_test_remove_journals ();
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

  roster_test_remove_journals ();
}

/* The account id names the account, never its key, and tells accounts apart. */
static void
test_account_id (void)
{
  const char *key = "k3y-that-must-never-be-written-8d1c";
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterClient) a = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, "https://api.example.org/v2", key, &error);
  g_autoptr(RosterClient) same = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, "https://api.example.org/v2/", key, &error);
  g_autoptr(RosterClient) other_key = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, "https://api.example.org/v2", "another", &error);
  g_autoptr(RosterClient) other_endpoint = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, "https://api.example.com/v2", key, &error);
  g_autoptr(RosterClient) other_product = roster_client_new (ROSTER_PRODUCT_WEBINARJAM, "https://api.example.org/v2", key, &error);
  g_autoptr(RosterImportTarget) target = roster_import_target_new (1, 7, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autofree char *id = roster_client_dup_account_id (a);
  g_autofree char *id_same = roster_client_dup_account_id (same);
  g_autofree char *id_key = roster_client_dup_account_id (other_key);
  g_autofree char *id_endpoint = roster_client_dup_account_id (other_endpoint);
  g_autofree char *id_product = roster_client_dup_account_id (other_product);

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (id), ==, 64);
  g_assert_cmpuint (strspn (id, "0123456789abcdef"), ==, 64);
  g_assert_cmpstr (id, ==, id_same);
  g_assert_cmpstr (id, !=, id_key);
  g_assert_cmpstr (id, !=, id_endpoint);
  g_assert_cmpstr (id, !=, id_product);
  g_assert_null (strstr (id, key));
  /* Nor a plain hash of the key, which would let anyone check a guessed key. */
  {
    g_autofree char *key_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

    g_assert_cmpstr (id, !=, key_hash);
  }

  /* The journal carries the id, and nothing of the key. */
  journal = roster_import_journal_open (NULL, id, SHA_A, "contacts.csv", target, 3, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  append (journal, 0, "ada@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL);
  g_assert_cmpstr (roster_import_journal_get_account_id (journal), ==, id);
  g_assert_cmpuint (roster_test_assert_no_file_contains (g_get_user_data_dir (), key), >, 0);
  g_clear_object (&journal);

  roster_test_remove_journals ();
}

/* Issue 11 §3: the same file into the same target from two accounts is two imports. */
static void
test_accounts_apart (void)
{
  g_autoptr(RosterImportTarget) target = roster_import_target_new (1, 7, NULL, NULL);
  g_autoptr(RosterImportJournal) a = open_journal (SHA_A, target);
  g_autoptr(RosterImportJournal) b = NULL;
  g_autoptr(RosterImportJournal) reopened = NULL;
  g_autoptr(RosterRegistration) registration = registration_new (4242, "ada@example.org");
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path_a = NULL;
  g_autofree char *path_b = NULL;
  g_autofree char *dir = roster_import_journal_dup_dir ();
  g_autofree char *old_path = g_build_filename (dir, "0123.journal", NULL);

  /* Both open at once: they are not the same import. */
  b = roster_import_journal_open (NULL, ACCOUNT_B, SHA_A, "contacts.csv", target, 10, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  path_a = g_strdup (roster_import_journal_get_path (a));
  path_b = g_strdup (roster_import_journal_get_path (b));
  g_assert_cmpstr (path_a, !=, path_b);

  append (a, 0, "ada@example.org", ROSTER_IMPORT_ROW_REGISTERED, registration, NULL);
  g_assert_cmpint (roster_import_journal_get_row_state (b, 0), ==, ROSTER_IMPORT_ROW_READY);
  g_clear_object (&a);
  g_clear_object (&b);

  /* A journal written before journals named their account is never offered. */
  set_contents (old_path, "{\"format\":\"roster-import-journal\",\"version\":1,\"file_sha256\":\"" SHA_A "\","
                          "\"file_name\":\"contacts.csv\",\"webinar_id\":1,\"schedule_id\":7,\"n_rows\":10}\n"
                          "{\"row\":0,\"line\":2,\"email\":\"ada@example.org\",\"state\":\"registered\"}\n", -1);

  infos = roster_import_journal_list (NULL, ACCOUNT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);
  g_assert_cmpstr (((RosterImportJournalInfo *) g_ptr_array_index (infos, 0))->path, ==, path_a);
  g_assert_cmpstr (((RosterImportJournalInfo *) g_ptr_array_index (infos, 0))->account_id, ==, ACCOUNT);
  g_assert_cmpuint (((RosterImportJournalInfo *) g_ptr_array_index (infos, 0))->n_registered, ==, 1);
  g_clear_pointer (&infos, g_ptr_array_unref);
  infos = roster_import_journal_list (NULL, ACCOUNT_B, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);
  g_assert_cmpstr (((RosterImportJournalInfo *) g_ptr_array_index (infos, 0))->path, ==, path_b);
  g_assert_cmpuint (((RosterImportJournalInfo *) g_ptr_array_index (infos, 0))->n_registered, ==, 0);

  /* Another account never resumes it, not even by its path. */
  reopened = roster_import_journal_open_path (path_a, ACCOUNT_B, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_OTHER_ACCOUNT);
  g_assert_null (reopened);
  g_clear_error (&error);
  reopened = roster_import_journal_open_path (old_path, ACCOUNT, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_DAMAGED);
  g_assert_null (reopened);
  g_clear_error (&error);

  roster_test_remove_journals ();
}

/* The demo's journals live in a folder of the demo account's own, gone with the account. */
static void
test_demo_stores_nothing (void)
{
  g_autoptr(RosterAccount) demo = roster_account_new_demo ("http://127.0.0.1:9", "demo-key");
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterImportTarget) target = roster_import_target_new (1, 7, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *user_dir = roster_import_journal_dup_dir ();

  roster_account_get_client_async (demo, NULL, roster_test_store_result, &result);
  client = roster_account_get_client_finish (demo, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  dir = g_strdup (roster_client_get_journal_dir (client));
  g_assert_nonnull (dir);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_assert_false (g_str_has_prefix (dir, g_get_user_data_dir ()));

  account_id = roster_client_dup_account_id (client);
  journal = roster_import_journal_open (dir, account_id, SHA_A, "contacts.csv", target, 3,
                                        ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (roster_import_journal_get_path (journal), dir));
  append (journal, 0, "ada@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL);
  g_clear_object (&journal);

  g_clear_object (&result);  /* it holds the account */
  g_clear_object (&client);
  g_clear_object (&demo);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (user_dir, G_FILE_TEST_EXISTS));
}

/* Issue 11 §4: deleting or replacing the journal while it is open stops the next append. */
static void
test_deleted_while_open (void)
{
  g_autoptr(RosterImportTarget) target = roster_import_target_new (1, 7, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = open_journal (SHA_A, target);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (roster_import_journal_get_path (journal));
  g_autofree char *contents = NULL;

  append (journal, 0, "ada@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL);
  g_assert_cmpint (g_unlink (path), ==, 0);

  g_assert_false (roster_import_journal_append (journal, 1, 3, "bob@example.org", ROSTER_IMPORT_ROW_SENDING,
                                                NULL, NULL, &error));
  g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_REPLACED);
  g_assert_nonnull (strstr (error->message, "deleted or replaced"));
  g_clear_error (&error);

  /* And every later one, synchronous or not. */
  roster_import_journal_append_async (journal, 2, 4, "cy@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL,
                                      NULL, roster_test_store_result, &result);
  g_assert_false (roster_import_journal_append_finish (journal, roster_test_wait_for_result (&result), &error));
  g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_REPLACED);
  g_clear_error (&error);
  g_clear_object (&result);  /* it holds the journal, and so its lock */
  g_assert_false (roster_import_journal_flush (journal, &error));
  g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_REPLACED);
  g_clear_error (&error);
  g_clear_object (&journal);

  /* Replaced by another file (a copy restored from a backup, say) is caught the same way. */
  journal = open_journal (SHA_A, target);
  append (journal, 0, "ada@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  set_contents (path, contents, -1);
  g_assert_false (roster_import_journal_append (journal, 1, 3, "bob@example.org", ROSTER_IMPORT_ROW_SENDING,
                                                NULL, NULL, &error));
  g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_REPLACED);
  g_clear_error (&error);
  g_clear_object (&journal);

  roster_test_remove_journals ();
}

/* Issue 11 §4: the lock is not the journal, so deleting the journal does not release it, for a
 * second open in this process nor for another process. */
static void
test_lock_survives_delete (void)
{
  g_autoptr(RosterImportTarget) target = roster_import_target_new (1, 7, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(RosterImportJournal) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (g_test_subprocess ())
    {
      /* Another process, with the same journal folder. */
      second = roster_import_journal_open (g_getenv ("ROSTER_TEST_JOURNAL_DIR"), ACCOUNT, SHA_A, "contacts.csv",
                                           target, 10, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
      g_assert_null (second);
      return;
    }

  dir = roster_import_journal_dup_dir ();
  g_setenv ("ROSTER_TEST_JOURNAL_DIR", dir, TRUE);
  journal = open_journal (SHA_A, target);
  append (journal, 0, "ada@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL);
  g_assert_cmpint (g_unlink (roster_import_journal_get_path (journal)), ==, 0);

  second = try_open (SHA_A, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_null (second);
  g_clear_error (&error);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  /* Nor can it be removed meanwhile. */
  g_assert_false (roster_import_journal_remove (roster_import_journal_get_path (journal), &error));
  g_clear_error (&error);

  g_clear_object (&journal);
  second = try_open (SHA_A, target, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_clear_object (&second);

  roster_test_remove_journals ();
}

typedef struct
{
  RosterImportJournal *journal;
  guint                n_done;
  gboolean             durable;
} AsyncData;

static void
append_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *needle = g_strdup_printf ("{\"row\":%u,", data->n_done);

  g_assert_true (roster_import_journal_append_finish (data->journal, result, &error));
  g_assert_no_error (error);
  /* In order, and on the disk by the time the callback runs. */
  g_assert_true (g_file_get_contents (roster_import_journal_get_path (data->journal), &contents, NULL, NULL));
  if (strstr (contents, needle) == NULL)
    data->durable = FALSE;
  data->n_done++;
}

/* Issue 12: append_async returns at once with the state changed in memory; one writer thread
 * writes the lines in order and calls back when each is durable. */
static void
test_append_async (void)
{
  g_autoptr(RosterImportTarget) target = roster_import_target_new (1, 7, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = open_journal (SHA_A, target);
  g_autoptr(RosterRegistration) registration = registration_new (99, "row0@example.org");
  g_autoptr(GError) error = NULL;
  AsyncData data = { journal, 0, TRUE };
  const guint n = 200;
  gint64 start, async_usec, sync_usec;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *email = g_strdup_printf ("row%u@example.org", i);

      roster_import_journal_append_async (journal, i, i + 2, email,
                                          i == 0 ? ROSTER_IMPORT_ROW_REGISTERED : ROSTER_IMPORT_ROW_SENDING,
                                          i == 0 ? registration : NULL, NULL, NULL, append_cb, &data);
    }
  async_usec = g_get_monotonic_time () - start;

  /* Known at once, before any line is durable. */
  g_assert_cmpuint (data.n_done, ==, 0);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 0), ==, ROSTER_IMPORT_ROW_REGISTERED);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, n - 1), ==, ROSTER_IMPORT_ROW_SENDING);
  g_assert_cmpuint (roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_SENDING), ==, n - 1);

  while (data.n_done < n)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (data.durable);
  g_assert_true (roster_import_journal_flush (journal, &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    append (journal, n + i, "sync@example.org", ROSTER_IMPORT_ROW_SENDING, NULL, NULL);
  sync_usec = g_get_monotonic_time () - start;
  g_test_message ("The caller waits %.1f µs per append_async and %.1f µs per append",
                  (double) async_usec / n, (double) sync_usec / n);
  g_clear_object (&journal);

  journal = open_journal (SHA_A, target);
  g_assert_cmpint (roster_import_journal_get_row_state (journal, 0), ==, ROSTER_IMPORT_ROW_REGISTERED);
  g_assert_cmpstr (roster_import_journal_get_row (journal, 0)->user_id, ==, "99");
  for (guint i = 1; i < 2 * n; i++)
    g_assert_cmpint (roster_import_journal_get_row_state (journal, i), ==, ROSTER_IMPORT_ROW_SENDING);
  g_assert_cmpstr (roster_import_journal_get_row (journal, n - 1)->email, ==, "row199@example.org");
  g_clear_object (&journal);

  roster_test_remove_journals ();
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
  g_test_add_func ("/import-journal/damaged", test_damaged);
  g_test_add_func ("/import-journal/write-ahead", test_write_ahead);
  g_test_add_func ("/import-journal/list-remove", test_list_remove);
  g_test_add_func ("/import-journal/mode", test_mode);
  g_test_add_func ("/import-journal/account-id", test_account_id);
  g_test_add_func ("/import-journal/accounts-apart", test_accounts_apart);
  g_test_add_func ("/import-journal/demo-stores-nothing", test_demo_stores_nothing);
  g_test_add_func ("/import-journal/deleted-while-open", test_deleted_while_open);
  g_test_add_func ("/import-journal/lock-survives-delete", test_lock_survives_delete);
  g_test_add_func ("/import-journal/append-async", test_append_async);
  g_test_add_func ("/import-journal/file-sha256", test_file_sha256);

  return g_test_run ();
}
