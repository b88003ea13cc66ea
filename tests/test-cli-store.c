/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-store"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "roster-fake-service.h"
#include "roster-registrant-store.h"
#include "roster-test-fake.h"

/* `roster-cli sync`, `registrants --cached`, `people` and `forget-data` as a user runs them: the
 * real binary, the key in ROSTER_API_KEY, the fake service in a thread of this process. A sync
 * killed half-way resumes where it stopped. */

#define N_PEOPLE 1000
#define PAGE_SIZE 20

typedef RosterTestCliFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  roster_test_cli_fixture_set_up (fixture, 13, 0);
  roster_fake_service_set_page_size (fixture->fake, PAGE_SIZE);
  g_assert_true (roster_fake_service_set_registrant_count (fixture->fake, fixture->webinar, N_PEOPLE));
  roster_fake_service_reset_counters (fixture->fake);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  roster_test_cli_fixture_tear_down (fixture);
}

static GSubprocess *
spawn_cli (Fixture            *fixture,
           const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = roster_test_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GPtrArray) full = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  /* the store goes where this test's isolated data dir is */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "ROSTER_API_KEY", roster_fake_service_get_api_key (fixture->fake), TRUE);
  g_strv_builder_add_many (builder, "--endpoint", fixture->endpoint, NULL);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  full = roster_test_cli_argv_new ((const char * const *) argv);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) full->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static void
run_cli (Fixture            *fixture,
         RosterTestRun      *run,
         const char * const *args)
{
  g_autoptr(GSubprocess) process = spawn_cli (fixture, args);

  roster_test_run_wait (process, run);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_sync_then_cached (Fixture       *fixture,
                       gconstpointer  data)
{
  RosterTestRun run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint n_calls, n_attended;

  run_cli (fixture, &run, (const char *[]) { "sync", fixture->webinar_id, NULL });
  g_assert_cmpint (run.status, ==, 0);
  n_calls = roster_fake_service_get_n_calls (fixture->fake, "registrants");
  g_assert_cmpuint (n_calls, ==, N_PEOPLE / PAGE_SIZE);
  roster_test_run_clear (&run);

  /* from the store, with no call */
  run_cli (fixture, &run, (const char *[]) { "registrants", fixture->webinar_id, "--cached", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, N_PEOPLE + 1);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "registrants"), ==, n_calls);
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "registrants", fixture->webinar_id, "--cached",
                                             "--attended-live", "1", "--format", "json", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  n_attended = json_array_get_length (json_node_get_array (json_parser_get_root (parser)));
  g_assert_cmpuint (n_attended, >, 0);
  g_assert_cmpuint (n_attended, <, N_PEOPLE);
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "sync", "--full", NULL });
  g_assert_cmpint (run.status, ==, 2);
  roster_test_run_clear (&run);
}

static void
test_people (Fixture       *fixture,
             gconstpointer  data)
{
  RosterTestRun run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();

  run_cli (fixture, &run, (const char *[]) { "sync", "--all", NULL });
  g_assert_cmpint (run.status, ==, 0);
  roster_test_run_clear (&run);
  run_cli (fixture, &run, (const char *[]) { "register", fixture->webinar_id, "--schedule",
                                             fixture->schedule_id, "--email",
                                             "ada.people@example.org", "--first-name", "Ada",
                                             "--last-name", "Lovelace", NULL });
  g_assert_cmpint (run.status, ==, 0);
  roster_test_run_clear (&run);
  /* in the store at once, before any sync */
  run_cli (fixture, &run, (const char *[]) { "people", "ada.people", NULL });
  g_assert_true (g_str_has_prefix (run.out, "Ada Lovelace <ada.people@example.org>\n"));
  roster_test_run_clear (&run);
  run_cli (fixture, &run, (const char *[]) { "sync", fixture->webinar_id, NULL });
  g_assert_cmpint (run.status, ==, 0);
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "people", "ada.people", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Ada Lovelace <ada.people@example.org>\n"));
  g_assert_nonnull (strstr (run.out, "live room: http"));
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "people", "Lovelace ada.people", "--json", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 1);
  roster_test_run_clear (&run);
}

static void
test_forget_data (Fixture       *fixture,
                  gconstpointer  data)
{
  RosterTestRun run = { 0 };
  g_autoptr(RosterClient) client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, fixture->endpoint,
                                                      roster_fake_service_get_api_key (fixture->fake),
                                                      NULL);
  g_autofree char *account = roster_client_dup_account_id (client);
  g_autofree char *path = roster_registrant_store_path_for_account (account);

  run_cli (fixture, &run, (const char *[]) { "sync", fixture->webinar_id, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "forget-data", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  roster_test_run_clear (&run);
}

static void
test_killed_sync_resumes (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GSubprocess) process = NULL;
  RosterTestRun run = { 0 };
  guint n_pages = N_PEOPLE / PAGE_SIZE;
  guint before_kill;

  /* slow enough to be stopped half-way */
  roster_fake_service_set_latency (fixture->fake, 40, 0);
  process = spawn_cli (fixture, (const char *[]) { "sync", fixture->webinar_id, NULL });
  while (roster_fake_service_get_n_calls (fixture->fake, "registrants") < n_pages / 2)
    g_usleep (5000);
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
  g_assert_false (g_subprocess_get_if_exited (process));
  before_kill = roster_fake_service_get_n_calls (fixture->fake, "registrants");
  g_assert_cmpuint (before_kill, <, n_pages);

  roster_fake_service_set_latency (fixture->fake, 0, 0);
  roster_fake_service_reset_counters (fixture->fake);
  run_cli (fixture, &run, (const char *[]) { "sync", fixture->webinar_id, NULL });
  g_assert_cmpint (run.status, ==, 0);
  /* at most the page in flight is read again */
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "registrants"), <=,
                    n_pages - before_kill + 2);
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "registrants", fixture->webinar_id, "--cached", NULL });
  g_assert_cmpuint (count_lines (run.out), ==, N_PEOPLE + 1);
  roster_test_run_clear (&run);
}

/* With the webinar synced, `import --skip-registered` asks the store after a refresh (a few
 * calls, not every page), and what the import registers is in the store at once. */
static void
test_import_uses_store (Fixture       *fixture,
                        gconstpointer  data)
{
  RosterTestRun run = { 0 };
  g_autoptr(GString) csv = g_string_new ("Email,First Name\n");
  g_autofree char *dir = g_dir_make_tmp ("cli-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "people.csv", NULL);
  g_auto(GStrv) lines = NULL;
  guint n_calls;

  run_cli (fixture, &run, (const char *[]) { "sync", fixture->webinar_id, NULL });
  g_assert_cmpint (run.status, ==, 0);
  roster_test_run_clear (&run);
  run_cli (fixture, &run, (const char *[]) { "registrants", fixture->webinar_id, "--cached", NULL });
  lines = g_strsplit (run.out, "\n", 4);
  /* two people the webinar has (the email is the fourth column of the CSV), one new */
  for (guint i = 1; i <= 2; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (cells), >, 3);
      g_string_append_printf (csv, "%s,Known\n", cells[3]);
    }
  g_string_append (csv, "brand.new@example.org,New\n");
  g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));
  roster_test_run_clear (&run);

  roster_fake_service_reset_counters (fixture->fake);
  run_cli (fixture, &run, (const char *[]) { "import", path, "--webinar", fixture->webinar_id,
                                             "--schedule", fixture->schedule_id, "--skip-registered",
                                             "--consent", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Registered 1 of 1"));
  g_assert_nonnull (strstr (run.out, "2 already registered"));
  n_calls = roster_fake_service_get_n_calls (fixture->fake, "registrants");
  g_test_message ("import's check: %u registrants calls (a full read: %d)", n_calls, N_PEOPLE / PAGE_SIZE);
  g_assert_cmpuint (n_calls, <, N_PEOPLE / PAGE_SIZE / 4);
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "registrants", fixture->webinar_id, "--cached", NULL });
  g_assert_nonnull (strstr (run.out, "brand.new@example.org"));
  g_assert_cmpuint (count_lines (run.out), ==, N_PEOPLE + 2);
  roster_test_run_clear (&run);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/cli-store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("sync-then-cached", test_sync_then_cached);
  ADD ("people", test_people);
  ADD ("forget-data", test_forget_data);
  ADD ("killed-sync-resumes", test_killed_sync_resumes);
  ADD ("import-uses-store", test_import_uses_store);
#undef ADD

  return g_test_run ();
}
