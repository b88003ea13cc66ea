/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-imports"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "roster-fake-service.h"
#include "roster-test-fake.h"

/* `roster-cli imports` against the fake service over HTTP: the history lists two imports of
 * the same people, and undoing the second one unsubscribes exactly the 180 it registered (not
 * the 20 the first one had registered before it), each once, through a lagging search, a 5xx
 * and a connection closed after the server acted, and a SIGKILL in the middle of the undo. */

typedef RosterTestCliFixture Fixture;

static GSubprocessLauncher *
launcher_new (Fixture          *fixture,
              GSubprocessFlags  flags)
{
  GSubprocessLauncher *launcher = roster_test_launcher_new (flags);

  g_subprocess_launcher_setenv (launcher, "ROSTER_API_KEY", roster_fake_service_get_api_key (fixture->fake), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  return launcher;
}

static void
run_cli (Fixture            *fixture,
         RosterTestRun      *run,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (fixture, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                   G_SUBPROCESS_FLAGS_STDERR_PIPE);

  roster_test_cli_run (launcher, args, run);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  roster_test_cli_fixture_set_up (fixture, 23, 20);
  g_usleep (G_USEC_PER_SEC);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  roster_test_cli_fixture_tear_down (fixture);
}

/* People first..first+n-1 of one list, so that two files share people. */
static char *
write_csv (const char *name,
           guint       first,
           guint       n_rows)
{
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autoptr(GString) text = g_string_new ("Email,First Name,Last Name\n");

  for (guint i = first; i < first + n_rows; i++)
    g_string_append_printf (text, "undo-%u@example.org,Person,Number %u\n", i, i);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  return path;
}

static void
import_file (Fixture    *fixture,
             const char *path)
{
  const char * const args[] = { "--endpoint", fixture->endpoint, "import", path,
                                "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                "--skip-registered", "--consent", NULL };
  RosterTestRun run = { 0 };

  run_cli (fixture, &run, args);
  g_assert_cmpint (run.status, ==, 0);
  roster_test_run_clear (&run);
}

/* The ID on the line of `imports` that names @file_name. */
static char *
find_id (Fixture    *fixture,
         const char *file_name)
{
  const char * const args[] = { "--endpoint", fixture->endpoint, "imports", NULL };
  g_auto(GStrv) lines = NULL;
  RosterTestRun run = { 0 };
  char *id = NULL;

  run_cli (fixture, &run, args);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);   /* two imports and the end */
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], file_name) != NULL)
      id = g_strndup (lines[i], strcspn (lines[i], " "));
  roster_test_run_clear (&run);
  g_assert_nonnull (id);
  return id;
}

static void
assert_unsubscribed_once (Fixture *fixture)
{
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *email = g_strdup_printf ("undo-%u@example.org", i);

      g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->fake, fixture->webinar, email), ==, 1);
      /* The first 20 were there before the batch: never touched. */
      g_assert_cmpuint (roster_fake_service_get_n_unsubscribes (fixture->fake, fixture->webinar, email), ==,
                        i < 20 ? 0 : 1);
    }
}

static void
test_undo_kill (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *early = write_csv ("undo-early.csv", 0, 20);
  g_autofree char *batch = write_csv ("undo-batch.csv", 0, 200);
  g_autofree char *id = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  RosterTestRun run = { 0 };
  guint at_kill;

  import_file (fixture, early);
  /* New registrations stay out of the search for a while: the undo must wait for them. */
  roster_fake_service_set_search_lag (fixture->fake, 4000);
  import_file (fixture, batch);
  id = find_id (fixture, "undo-batch.csv");

  {
    const char * const show[] = { "--endpoint", fixture->endpoint, "imports", "show", id, NULL };

    run_cli (fixture, &run, show);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Registered: 180\n"));
    g_assert_nonnull (strstr (run.out, "Skipped: 20\n"));
    g_assert_nonnull (strstr (run.out, "State: Finished\n"));
    roster_test_run_clear (&run);
  }
  {
    const char * const no_consent[] = { "--endpoint", fixture->endpoint, "imports", "undo", id, NULL };

    run_cli (fixture, &run, no_consent);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--consent"));
    roster_test_run_clear (&run);
    g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "unsubscribe"), ==, 0);
  }

  /* A 5xx that did nothing and a close after the server acted, somewhere in the middle. */
  roster_fake_service_set_latency (fixture->fake, 40, 20);
  roster_fake_service_inject_fault_for_method (fixture->fake, ROSTER_FAKE_FAULT_HTTP_500_HTML, "unsubscribe", 1);
  roster_fake_service_inject_fault_for_method (fixture->fake, ROSTER_FAKE_FAULT_CLOSE_AFTER_PROCESSING, "unsubscribe", 1);

  {
    const char * const undo[] = { "--endpoint", fixture->endpoint, "imports", "undo", id, "--consent",
                                  "--check-window", "30", NULL };

    launcher = launcher_new (fixture, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
    argv = roster_test_cli_argv_new (undo);
    process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
    g_assert_no_error (error);
    while (roster_fake_service_get_n_calls (fixture->fake, "unsubscribe") < 60)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_usleep (10000);
      }
    g_subprocess_force_exit (process);
    g_subprocess_wait (process, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_if_signaled (process));
    g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
    g_usleep (300000);
    at_kill = roster_fake_service_get_n_calls (fixture->fake, "unsubscribe");
    g_assert_cmpuint (at_kill, <, 180);

    run_cli (fixture, &run, undo);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Unsubscribed 180 of 180 people; 0 were already unsubscribed or gone; 0 failed"));
    roster_test_run_clear (&run);
  }
  assert_unsubscribed_once (fixture);
  if (g_test_verbose ())
    g_test_message ("killed after %u unsubscribe calls; %u in all, %u searches", at_kill,
                    roster_fake_service_get_n_calls (fixture->fake, "unsubscribe"),
                    roster_fake_service_get_n_calls (fixture->fake, "registrants"));

  /* Again: nothing left to do, nothing sent. */
  {
    const char * const undo[] = { "--endpoint", fixture->endpoint, "imports", "undo", id, "--consent", NULL };
    guint n_calls = roster_fake_service_get_n_calls (fixture->fake, "unsubscribe");

    run_cli (fixture, &run, undo);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Unsubscribed 180 of 180"));
    g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "unsubscribe"), ==, n_calls);
    roster_test_run_clear (&run);
  }
  {
    const char * const show[] = { "--endpoint", fixture->endpoint, "imports", "show", id, NULL };

    run_cli (fixture, &run, show);
    g_assert_nonnull (strstr (run.out, "State: Unsubscribed\n"));
    g_assert_nonnull (strstr (run.out, "Unsubscribed: 180\n"));
    roster_test_run_clear (&run);
  }
  assert_unsubscribed_once (fixture);
}

static void
test_forget (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *first = write_csv ("forget-a.csv", 1000, 3);
  g_autofree char *second = write_csv ("forget-b.csv", 2000, 3);
  g_autofree char *id = NULL;
  const char * const list[] = { "--endpoint", fixture->endpoint, "imports", NULL };
  RosterTestRun run = { 0 };

  import_file (fixture, first);
  import_file (fixture, second);
  id = find_id (fixture, "forget-a.csv");
  {
    const char * const forget[] = { "--endpoint", fixture->endpoint, "imports", "forget", id, NULL };

    run_cli (fixture, &run, forget);
    g_assert_cmpint (run.status, ==, 0);
    roster_test_run_clear (&run);
    run_cli (fixture, &run, forget);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "No import has the ID"));
    roster_test_run_clear (&run);
  }
  run_cli (fixture, &run, list);
  g_assert_null (strstr (run.out, "forget-a.csv"));
  g_assert_nonnull (strstr (run.out, "forget-b.csv"));
  roster_test_run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli-imports/undo-kill", Fixture, NULL, fixture_set_up, test_undo_kill, fixture_tear_down);
  g_test_add ("/cli-imports/forget", Fixture, NULL, fixture_set_up, test_forget, fixture_tear_down);

  return g_test_run ();
}
