/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-undo"

#include "config.h"

#include <glib/gstdio.h>

#include "roster-error.h"
#include "roster-import-journal.h"
#include "roster-import-undo.h"
#include "roster-registrant-lookup.h"
#include "roster-test-fake.h"
#include "roster-test-import.h"

/* RosterImportUndo against the fake over HTTP: it unsubscribes exactly the people the import's
 * journal has as registered, each once, and the import's own registration of an address that
 * was registered before too; it waits out a lagging search, settles a 5xx and a connection
 * closed after the server acted without resending, counts someone already unsubscribed as
 * gone, and a second run sends nothing. */

#define SHA "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

typedef RosterTestImport Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  roster_test_import_set_up (fixture, 100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  roster_test_import_tear_down (fixture);
}

static GPtrArray *
find_all (Fixture    *fixture,
          const char *email)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *found;

  roster_client_find_registrants_async (fixture->client, fixture->webinar_id, fixture->schedule_id, email,
                                        ROSTER_PRIORITY_INTERACTIVE, NULL, roster_test_store_result, &result);
  found = roster_client_find_registrants_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return found;
}

static void
unsubscribe (Fixture *fixture,
             gint64   lead_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  roster_client_unsubscribe_async (fixture->client, fixture->webinar_id, lead_id, NULL,
                                   roster_test_store_result, &result);
  roster_client_unsubscribe_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
}

static gboolean
run_undo (Fixture          *fixture,
          RosterImportUndo *undo,
          GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_import_undo_run_async (undo, NULL, roster_test_store_result, &result);
  return roster_import_undo_run_finish (undo, roster_test_wait_for_result (&result), error);
}

static void
test_exactly_these (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *account_id = roster_client_dup_account_id (fixture->client);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "undo-journals", NULL);
  g_autoptr(RosterImportTarget) target = roster_import_target_new (fixture->webinar_id, fixture->schedule_id, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(RosterImportUndo) undo = NULL;
  g_autoptr(RosterImportUndo) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint row = 0;

  /* There before the import: five people, and the first registration of three addresses the
   * import registers again. */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *email = g_strdup_printf ("before-%u@example.org", i);
      g_autoptr(RosterRegistration) registration = roster_test_register (fixture, email);
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *email = g_strdup_printf ("twice-%u@example.org", i);
      g_autoptr(RosterRegistration) registration = roster_test_register (fixture, email);
    }

  /* The import: its registrations stay out of the search for a while.  Someone unsubscribes
   * its last person before the undo. */
  roster_fake_service_set_search_lag (fixture->fake, 2500);
  journal = roster_import_journal_open (dir, account_id, SHA, "people.csv", target, 16,
                                        ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(RosterRegistration) registration = roster_test_register (fixture, "new-9@example.org");
    g_autoptr(GPtrArray) found = NULL;

    roster_import_journal_append (journal, 12, 14, "new-9@example.org", ROSTER_IMPORT_ROW_REGISTERED,
                                  registration, NULL, &error);
    g_assert_no_error (error);
    roster_test_iterate_for (2700);
    found = find_all (fixture, "new-9@example.org");
    g_assert_cmpuint (found->len, ==, 1);
    unsubscribe (fixture, roster_registrant_get_lead_id (found->pdata[0]));
  }
  for (guint i = 0; i < 12; i++, row++)
    {
      g_autofree char *email = i < 9 ? g_strdup_printf ("new-%u@example.org", i)
                                     : g_strdup_printf ("twice-%u@example.org", i - 9);
      g_autoptr(RosterRegistration) registration = roster_test_register (fixture, email);

      roster_import_journal_append (journal, row, row + 2, email, ROSTER_IMPORT_ROW_REGISTERED,
                                    registration, NULL, &error);
      g_assert_no_error (error);
    }
  row++;
  /* Rows that never landed, and one left out as already registered: never touched. */
  roster_import_journal_append (journal, row, row + 2, "failed@example.org", ROSTER_IMPORT_ROW_FAILED,
                                NULL, "The email must be a valid email address.", &error);
  g_assert_no_error (error);
  row++;
  roster_import_journal_append (journal, row, row + 2, "before-0@example.org", ROSTER_IMPORT_ROW_READY,
                                NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (roster_import_journal_mark_complete (journal, &error));
  g_assert_no_error (error);
  path = g_strdup (roster_import_journal_get_path (journal));
  g_clear_object (&journal);

  /* Trouble while unsubscribing. */
  roster_fake_service_inject_fault_for_method (fixture->fake, ROSTER_FAKE_FAULT_HTTP_500_HTML, "unsubscribe", 1);
  roster_fake_service_inject_fault_for_method (fixture->fake, ROSTER_FAKE_FAULT_CLOSE_AFTER_PROCESSING, "unsubscribe", 1);

  undo = roster_import_undo_new (fixture->client, path);
  roster_import_undo_set_check_window (undo, 10);
  g_assert_true (run_undo (fixture, undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (roster_import_undo_get_n_total (undo), ==, 13);
  g_assert_cmpuint (roster_import_undo_get_n_unsubscribed (undo), ==, 12);
  g_assert_cmpuint (roster_import_undo_get_n_gone (undo), ==, 1);
  g_assert_cmpuint (roster_import_undo_get_n_failed (undo), ==, 0);

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *email = g_strdup_printf ("new-%u@example.org", i);

      g_assert_cmpuint (roster_fake_service_get_n_unsubscribes (fixture->fake, fixture->webinar_id, email), ==, 1);
    }
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *email = g_strdup_printf ("before-%u@example.org", i);

      g_assert_cmpuint (roster_fake_service_get_n_unsubscribes (fixture->fake, fixture->webinar_id, email), ==, 0);
    }
  /* Of an address registered twice, only the import's registration. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *email = g_strdup_printf ("twice-%u@example.org", i);
      g_autoptr(GPtrArray) found = find_all (fixture, email);
      RosterRegistrant *first, *second;

      g_assert_cmpuint (roster_fake_service_get_n_unsubscribes (fixture->fake, fixture->webinar_id, email), ==, 1);
      g_assert_cmpuint (found->len, ==, 2);
      first = found->pdata[0];
      second = found->pdata[1];
      if (roster_registrant_get_id (first) > roster_registrant_get_id (second))
        {
          RosterRegistrant *swap = first;

          first = second;
          second = swap;
        }
      g_assert_cmpint (roster_registrant_get_subscribed (first), ==, ROSTER_FLAG_YES);
      g_assert_cmpint (roster_registrant_get_subscribed (second), ==, ROSTER_FLAG_NO);
    }
  g_assert_cmpuint (roster_fake_service_get_n_unsubscribes (fixture->fake, fixture->webinar_id, "failed@example.org"), ==, 0);

  /* Done: a second run only reads its journal. */
  again = roster_import_undo_new (fixture->client, path);
  roster_fake_service_reset_counters (fixture->fake);
  g_assert_true (run_undo (fixture, again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (roster_import_undo_get_n_unsubscribed (again), ==, 12);
  g_assert_cmpuint (roster_import_undo_get_n_gone (again), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "unsubscribe"), ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "registrants"), ==, 0);
  g_assert_cmpuint (roster_import_undo_get_n_sent (again), ==, 0);
}

/* A second undo of the same import, while one runs, is refused; and so is another account's. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "undo-refused", NULL);
  g_autoptr(RosterImportTarget) target = roster_import_target_new (fixture->webinar_id, fixture->schedule_id, NULL, NULL);
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(RosterImportUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  journal = roster_import_journal_open (dir, "someone-else", SHA, "people.csv", target, 1,
                                        ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  path = g_strdup (roster_import_journal_get_path (journal));

  /* Running: its lock is held. */
  undo = roster_import_undo_new (fixture->client, path);
  g_assert_false (run_undo (fixture, undo, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  g_clear_object (&undo);
  g_clear_object (&journal);

  undo = roster_import_undo_new (fixture->client, path);
  g_assert_false (run_undo (fixture, undo, &error));
  g_assert_error (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_OTHER_ACCOUNT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/import-undo/exactly-these", Fixture, NULL, fixture_set_up, test_exactly_these, fixture_tear_down);
  g_test_add ("/import-undo/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);

  return g_test_run ();
}
