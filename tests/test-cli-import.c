/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-import"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "roster-client.h"
#include "roster-fake-service.h"
#include "roster-test-util.h"

/* `roster-cli preview` and `roster-cli import` as a user runs them: the real binary, the key in
 * ROSTER_API_KEY, the fake service in a thread of this process (so it keeps serving while this
 * thread waits on the child), and a data dir of the test's own for the journal.  The kill test
 * SIGKILLs an import half-way and runs it again: everyone ends registered exactly once. */

typedef struct
{
  RosterFakeService *fake;
  char              *endpoint;
  char              *webinar_id;
  char              *schedule_id;
  gint64             webinar;
} Fixture;

static GSubprocessLauncher *
launcher_new (Fixture          *fixture,
              GSubprocessFlags  flags)
{
  GSubprocessLauncher *launcher = roster_test_launcher_new (flags);

  g_subprocess_launcher_setenv (launcher, "ROSTER_API_KEY", roster_fake_service_get_api_key (fixture->fake), TRUE);
  /* The journal lives here; the same for both runs of the kill test. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);

  return launcher;
}

static GPtrArray *
argv_new (const char * const *args)
{
  GPtrArray *argv = g_ptr_array_new ();
  const char *cli = g_getenv ("ROSTER_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  return argv;
}

static void
run_cli (Fixture            *fixture,
         RosterTestRun      *run,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (fixture, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                   G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = argv_new (args);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  roster_test_run_wait (process, run);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterWebinar) webinar = NULL;
  g_autoptr(RosterSchedule) schedule = NULL;

  fixture->fake = roster_fake_service_new (11);
  roster_fake_service_start_in_thread (fixture->fake, &error);
  g_assert_no_error (error);
  roster_fake_service_set_rate_limit (fixture->fake, 20);
  fixture->endpoint = roster_fake_service_dup_endpoint (fixture->fake, FALSE);
  fixture->webinar = roster_fake_service_get_main_webinar_id (fixture->fake);
  fixture->webinar_id = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->webinar);

  client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, fixture->endpoint,
                              roster_fake_service_get_api_key (fixture->fake), &error);
  g_assert_no_error (error);
  roster_client_get_webinar_async (client, fixture->webinar, NULL, NULL, roster_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  webinar = roster_client_get_webinar_finish (client, result, &error);
  g_assert_no_error (error);
  schedule = g_list_model_get_item (roster_webinar_get_schedules (webinar), 2);
  fixture->schedule_id = g_strdup_printf ("%" G_GINT64_FORMAT, roster_schedule_get_id (schedule));
  /* A fresh rate window for the CLI. */
  g_usleep (G_USEC_PER_SEC);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  roster_fake_service_stop (fixture->fake);
  g_clear_object (&fixture->fake);
  g_clear_pointer (&fixture->endpoint, g_free);
  g_clear_pointer (&fixture->webinar_id, g_free);
  g_clear_pointer (&fixture->schedule_id, g_free);
}

static char *
write_csv (const char *tag,
           guint       n_rows)
{
  g_autofree char *name = g_strdup_printf ("%s.csv", tag);
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autoptr(GString) text = g_string_new ("Email;Vorname;Nachname;Firma\r\n");

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "%s-%u@example.org;Person;Nummer %u;ACME %u\r\n", tag, i, i, i % 7);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  return path;
}

static void
assert_each_once (Fixture    *fixture,
                  const char *tag,
                  guint       n_rows)
{
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *email = g_strdup_printf ("%s-%u@example.org", tag, i);

      g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->fake, fixture->webinar, email), ==, 1);
    }
}

static void
assert_results (const char *path,
                guint       n_rows)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n_rows + 2);
  g_assert_cmpstr (lines[0], ==, "line,email,first_name,last_name,status,message,user_id,live_room_url,replay_room_url,thank_you_url");
  for (guint i = 1; i <= n_rows; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 10);
      g_assert_cmpstr (fields[4], ==, "registered");
      g_assert_true (g_str_has_prefix (fields[7], "http://127.0.0.1:"));
    }
}

static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("ROSTER_SAMPLES_DIR"), "excel-de-semicolon-bom.csv", NULL);
  g_auto(GStrv) lines = NULL;
  RosterTestRun run = { 0 };

  run_cli (fixture, &run, (const char *[]) { "preview", path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Encoding: UTF-8\n"));
  g_assert_nonnull (strstr (run.out, "Delimiter: ;\n"));
  g_assert_nonnull (strstr (run.out, "Header: Nachname | Vorname | E-Mail-Adresse"));
  g_assert_nonnull (strstr (run.out, "Rows: 100\n"));
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "preview", "--format", "json", path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 100 + 1);
  for (guint i = 0; i <= 100; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (lines[i], NULL);

      g_assert_nonnull (node);
      if (i == 0)
        {
          JsonObject *meta = json_node_get_object (node);

          g_assert_cmpstr (json_object_get_string_member (meta, "encoding"), ==, "UTF-8");
          g_assert_cmpstr (json_object_get_string_member (meta, "delimiter"), ==, ";");
          g_assert_cmpint (json_object_get_int_member (meta, "rows"), ==, 100);
        }
      else
        {
          g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
          g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), >=, 3);
        }
    }
  g_assert_cmpstr (lines[101], ==, "");
  roster_test_run_clear (&run);

  /* A missing file is a usage error. */
  run_cli (fixture, &run, (const char *[]) { "preview", "/nonexistent.csv", NULL });
  g_assert_cmpint (run.status, ==, 2);
  roster_test_run_clear (&run);
}

static void
test_dry_run_and_consent (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = write_csv ("dry", 20);
  RosterTestRun run = { 0 };

  roster_fake_service_reset_counters (fixture->fake);
  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--map", "extra:Company=Firma", "--dry-run", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Rows: 20 (ready 20, invalid 0, duplicates 0, already registered 0)"));
  g_assert_nonnull (strstr (run.out, "extra:Company"));
  g_assert_nonnull (strstr (run.out, "nothing was sent"));
  roster_test_run_clear (&run);

  /* Without --consent nothing at all goes out. */
  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id, NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "consent (GDPR)"));
  g_assert_nonnull (strstr (run.err, "--consent"));
  roster_test_run_clear (&run);

  /* Bad options are usage errors. */
  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--map", "email=Nonexistent", "--consent", NULL });
  g_assert_cmpint (run.status, ==, 2);
  roster_test_run_clear (&run);

  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "registrants"), ==, 0);
}

static void
test_full (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = write_csv ("clifull", 30);
  g_autofree char *results = g_build_filename (g_get_tmp_dir (), "clifull-results.csv", NULL);
  RosterTestRun run = { 0 };

  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--map", "extra:Company=4", "--consent", "--results", results, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Registered 30 of 30"));
  g_assert_null (strstr (run.out, roster_fake_service_get_api_key (fixture->fake)));
  g_assert_null (strstr (run.err, roster_fake_service_get_api_key (fixture->fake)));
  assert_each_once (fixture, "clifull", 30);
  assert_results (results, 30);
  roster_test_run_clear (&run);

  /* Running it again sends nothing and still reports everyone. */
  roster_fake_service_reset_counters (fixture->fake);
  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", "--results", results, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 0);
  assert_results (results, 30);
  roster_test_run_clear (&run);
}

static void
test_kill (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = write_csv ("kill", 200);
  g_autofree char *results = g_build_filename (g_get_tmp_dir (), "kill-results.csv", NULL);
  const char * const args[] = { "--endpoint", fixture->endpoint, "import", path,
                                "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                "--consent", "--results", results, NULL };
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (fixture, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                   G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GPtrArray) argv = argv_new (args);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint at_kill;
  RosterTestRun run = { 0 };

  g_unlink (results);
  roster_fake_service_set_latency (fixture->fake, 50, 30);
  roster_fake_service_reset_counters (fixture->fake);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  while (roster_fake_service_get_n_registrations_total (fixture->fake) < 40)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10000);
    }
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
  g_assert_false (g_file_test (results, G_FILE_TEST_EXISTS));

  /* Calls it had out may still land at the server after the kill. */
  g_usleep (300000);
  at_kill = roster_fake_service_get_n_registrations_total (fixture->fake);
  g_assert_cmpuint (at_kill, >=, 40);
  g_assert_cmpuint (at_kill, <, 200);

  run_cli (fixture, &run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "Resuming an earlier run"));
  g_assert_nonnull (strstr (run.out, "Registered 200 of 200"));

  assert_each_once (fixture, "kill", 200);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->fake), ==, 200);
  assert_results (results, 200);
  if (g_test_verbose ())
    g_test_message ("killed after %u; second run: %u register calls, %u lookups", at_kill,
                    roster_fake_service_get_n_calls (fixture->fake, "register"),
                    roster_fake_service_get_n_calls (fixture->fake, "registrants"));
  roster_test_run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli-import/preview", Fixture, NULL, fixture_set_up, test_preview, fixture_tear_down);
  g_test_add ("/cli-import/dry-run-and-consent", Fixture, NULL, fixture_set_up, test_dry_run_and_consent, fixture_tear_down);
  g_test_add ("/cli-import/full", Fixture, NULL, fixture_set_up, test_full, fixture_tear_down);
  g_test_add ("/cli-import/kill", Fixture, NULL, fixture_set_up, test_kill, fixture_tear_down);

  return g_test_run ();
}
