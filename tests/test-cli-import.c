/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-import"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "roster-client.h"
#include "roster-fake-service.h"
#include "roster-test-fake.h"

/* `roster-cli preview` and `roster-cli import` as a user runs them: the real binary, the key in
 * ROSTER_API_KEY, the fake service in a thread of this process (so it keeps serving while this
 * thread waits on the child), and a data dir of the test's own for the journal.  The kill test
 * SIGKILLs an import half-way and runs it again: everyone ends registered exactly once. */

typedef RosterTestCliFixture Fixture;

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
  roster_test_cli_fixture_set_up (fixture, 11, 20);
  roster_test_forget_mappings ();
  /* A fresh rate window for the CLI. */
  g_usleep (G_USEC_PER_SEC);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  roster_test_cli_fixture_tear_down (fixture);
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

static char *
sheet_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "sheets", name, NULL);
}

/* Workbooks that LibreOffice wrote: the sheet chosen by name, phones stored as numbers sent
 * as their digits, and the import's journal and job as for a CSV file. */
static void
test_spreadsheet (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *workbook = sheet_path ("workbook.xlsx");
  g_autofree char *contacts = sheet_path ("contacts.xlsx");
  g_autofree char *legacy = sheet_path ("legacy.xls");
  g_autofree char *results = g_build_filename (g_get_tmp_dir (), "clisheet-results.csv", NULL);
  const char *emails[] = { "ada@example.org", "grace@example.com", "katherine@example.org", "dorothy@example.org" };
  RosterTestRun run = { 0 };

  run_cli (fixture, &run, (const char *[]) { "preview", "--sheet", "Contacts", "--format", "json", workbook, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"encoding\":\"XLSX\""));
  g_assert_nonnull (strstr (run.out, "[\"ada@example.org\",\"Ada\",\"Lovelace\",\"07911123456\",\"2026-12-03\",\"Analytical Engines\"]"));
  roster_test_run_clear (&run);

  /* The sheets are listed, and named in the preview's facts. */
  run_cli (fixture, &run, (const char *[]) { "preview", "--list-sheets", workbook, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Notes\nContacts\nEmpty\n");
  roster_test_run_clear (&run);
  run_cli (fixture, &run, (const char *[]) { "preview", workbook, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Format: XLSX\nSheet: Notes\nSheets: Notes, Contacts, Empty\n"));
  roster_test_run_clear (&run);
  run_cli (fixture, &run, (const char *[]) { "preview", "--list-sheets", legacy, NULL });
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "XLSX"));
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "preview", "--sheet", "Nope", workbook, NULL });
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "Nope"));
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", contacts,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--map", "phone=phone", "--consent", "--results", results, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Registered 4 of 4"));
  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->fake, fixture->webinar, emails[i]), ==, 1);
  roster_test_run_clear (&run);

  /* The journal knows the file by its bytes: a second run sends nothing. */
  roster_fake_service_reset_counters (fixture->fake);
  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", contacts,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--map", "phone=phone", "--consent", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 0);
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", legacy,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", NULL });
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "XLSX or CSV"));
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 0);
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

/* The columns an import used come back for the next file of the same header, say so, and can
 * be ignored; preview names them. */
static void
test_remembered_mapping (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *first = g_build_filename (g_get_tmp_dir (), "remembered-1.csv", NULL);
  g_autofree char *second = g_build_filename (g_get_tmp_dir (), "remembered-2.csv", NULL);
  g_autofree char *mappings = g_build_filename (g_get_user_data_dir (), "roster", "mappings", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *file = NULL;
  RosterTestRun run = { 0 };
  GStatBuf st;

  /* No header name says which column is which. */
  g_assert_true (g_file_set_contents (first, "Contact;Called;Family\r\nrem-1@example.org;Ada;Lovelace\r\n", -1, NULL));
  g_assert_true (g_file_set_contents (second, "contact ; CALLED;Family\r\nrem-2@example.org;Grace;Hopper\r\n", -1, NULL));

  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", second,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--dry-run", NULL });
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "No column holds the email address"));
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", first,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--map", "email=Contact", "--map", "first_name=Called",
                                             "--map", "last_name=3", "--consent", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.err, "Using the columns"));
  roster_test_run_clear (&run);

  /* One file for the account (beside its lock), private, without the key. */
  dir = g_dir_open (mappings, 0, NULL);
  g_assert_nonnull (dir);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL; )
    if (g_str_has_suffix (name, ".json"))
      {
        g_assert_null (file);
        file = g_build_filename (mappings, name, NULL);
      }
  g_assert_nonnull (file);
  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  roster_test_assert_no_file_contains (mappings, roster_fake_service_get_api_key (fixture->fake));

  run_cli (fixture, &run, (const char *[]) { "preview", second, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Remembered columns: from your import of "));
  g_assert_nonnull (strstr (run.out, "email=Contact, first_name=Called, last_name=Family\n"));
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", second,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "Using the columns from your import of "));
  g_assert_nonnull (strstr (run.out, "Registered 1 of 1"));
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->fake, fixture->webinar, "rem-2@example.org"), ==, 1);
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", second,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--no-remembered-mapping", "--dry-run", NULL });
  g_assert_cmpint (run.status, !=, 0);
  g_assert_null (strstr (run.err, "Using the columns"));
  g_assert_nonnull (strstr (run.err, "No column holds the email address"));
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "preview", "--no-remembered-mapping", second, NULL });
  g_assert_null (strstr (run.out, "Remembered columns"));
  roster_test_run_clear (&run);

  g_unlink (first);
  g_unlink (second);
}

static void
test_kill (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = write_csv ("kill", 200);
  g_autofree char *results = g_build_filename (g_get_tmp_dir (), "kill-results.csv", NULL);
  const char * const args[] = { "--endpoint", fixture->endpoint, "import", path,
                                "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                "--consent", "--results", results, "--check-window", "2", NULL };
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (fixture, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                   G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GPtrArray) argv = roster_test_cli_argv_new (args);
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

/* The demo stores nothing: its journal lives in a temporary folder removed on the way out, so
 * running the same demo import again starts afresh, and the user's data dir stays empty. */
static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(RosterFakeService) demo = roster_fake_service_new (1);
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterWebinar) webinar = NULL;
  g_autoptr(RosterSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *webinar_id = NULL;
  g_autofree char *schedule_id = NULL;
  g_autofree char *path = write_csv ("clidemo", 5);
  g_autofree char *tmp = g_build_filename (g_get_tmp_dir (), "clidemo-tmp", NULL);
  g_autofree char *imports = g_build_filename (g_get_user_data_dir (), "roster", "imports", NULL);
  g_autoptr(GDir) dir = NULL;

  /* The same sample data as the CLI's demo, so its webinar and schedule are known here. */
  roster_fake_service_start_in_thread (demo, &error);
  g_assert_no_error (error);
  endpoint = roster_fake_service_dup_endpoint (demo, FALSE);
  client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, endpoint, roster_fake_service_get_api_key (demo), &error);
  g_assert_no_error (error);
  roster_client_get_webinar_async (client, roster_fake_service_get_main_webinar_id (demo), NULL, NULL,
                                   roster_test_store_result, &result);
  webinar = roster_client_get_webinar_finish (client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  schedule = g_list_model_get_item (roster_webinar_get_schedules (webinar), 0);
  webinar_id = g_strdup_printf ("%" G_GINT64_FORMAT, roster_webinar_get_id (webinar));
  schedule_id = g_strdup_printf ("%" G_GINT64_FORMAT, roster_schedule_get_id (schedule));
  roster_fake_service_stop (demo);

  g_assert_cmpint (g_mkdir_with_parents (tmp, 0700), ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = launcher_new (fixture, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_autoptr(GPtrArray) argv = roster_test_cli_argv_new ((const char *[]) { "--demo", "import", path, "--webinar", webinar_id,
                                                               "--schedule", schedule_id, "--consent", NULL });
      g_autoptr(GSubprocess) process = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_subprocess_launcher_setenv (launcher, "TMPDIR", tmp, TRUE);
      process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
      /* Each run registers everyone in its own fresh demo: nothing was kept to resume. */
      g_assert_nonnull (strstr (out, "Registered 5 of 5"));
      g_assert_null (strstr (err, "Resuming"));

      g_assert_false (g_file_test (imports, G_FILE_TEST_EXISTS));
      dir = g_dir_open (tmp, 0, &error);
      g_assert_no_error (error);
      g_assert_null (g_dir_read_name (dir));
      g_clear_pointer (&dir, g_dir_close);
    }
  g_rmdir (tmp);
  g_unlink (path);
}

/* Rows whose outcome stays unknown are counted and named, exit 1; --resend-unknown sends them
 * deliberately. */
static void
test_unknown (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = write_csv ("unknown", 10);
  RosterTestRun run = { 0 };

  roster_fake_service_inject_fault_for_method (fixture->fake, ROSTER_FAKE_FAULT_CLOSE_BEFORE_PROCESSING, "register", 2);
  roster_fake_service_inject_fault_for_method (fixture->fake, ROSTER_FAKE_FAULT_HTTP_500_HTML, "registrants", 10000);
  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", "--check-window", "1", NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "Registered 8 of 10; 0 failed, 2 unknown"));
  g_assert_nonnull (strstr (run.err, "2 rows may have been registered"));
  g_assert_nonnull (strstr (run.err, "--resend-unknown"));
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->fake), ==, 8);
  roster_test_run_clear (&run);

  /* Running it again checks them again (still no answer): still unknown, nothing resent. */
  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", "--check-window", "1", NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 10);
  roster_test_run_clear (&run);

  roster_fake_service_clear_faults (fixture->fake);
  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", "--resend-unknown", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Registered 10 of 10"));
  assert_each_once (fixture, "unknown", 10);
  roster_test_run_clear (&run);
}

/* A server that cannot be reached: backs off, gives up after --give-up-after with exit 4 and
 * says the import can be run again. */
static void
test_give_up (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = write_csv ("unreachable", 5);
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *dead = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed;
  RosterTestRun run = { 0 };

  /* A port that was free a moment ago: nothing listens there. */
  g_socket_bind (socket, any, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  dead = g_strdup_printf ("http://127.0.0.1:%u/everwebinar",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  start = g_get_monotonic_time ();
  run_cli (fixture, &run, (const char *[]) { "--endpoint", dead, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", "--give-up-after", "4", NULL });
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpint (run.status, ==, 4);
  g_assert_nonnull (strstr (run.err, "Waiting for the server… next try in 1 s"));
  g_assert_nonnull (strstr (run.err, "Gave up: the server could not be reached for 4 seconds"));
  g_assert_nonnull (strstr (run.err, "run the same import again"));
  g_assert_nonnull (strstr (run.out, "Registered 0 of 5; 0 failed, 0 unknown, 5 not sent"));
  g_assert_cmpint (elapsed, <, 30 * G_USEC_PER_SEC);
  roster_test_run_clear (&run);

  /* The journal it left (rows put back unsent) is read again as it was: the same command resumes. */
  run_cli (fixture, &run, (const char *[]) { "--endpoint", dead, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", "--give-up-after", "1", NULL });
  g_assert_cmpint (run.status, ==, 4);
  g_assert_nonnull (strstr (run.err, "Resuming an earlier run"));
  g_assert_null (strstr (run.err, "damaged"));
  roster_test_run_clear (&run);
}

/* A journal damaged in the middle: the import refuses to guess, names --recover, and with it
 * looks every unfinished row up first, so that nobody is registered twice. */
static void
test_recover (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = write_csv ("damaged", 12);
  g_autofree char *imports = g_build_filename (g_get_user_data_dir (), "roster", "imports", NULL);
  g_autofree char *journal = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GString) damaged = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  char *registered;
  guint n_sent;
  RosterTestRun run = { 0 };

  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", NULL });
  g_assert_cmpint (run.status, ==, 0);
  roster_test_run_clear (&run);

  /* The line that recorded one registration becomes garbage, as a bad disk leaves it. */
  dir = g_dir_open (imports, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".journal"))
      journal = g_build_filename (imports, name, NULL);
  g_assert_nonnull (journal);
  g_assert_true (g_file_get_contents (journal, &contents, NULL, NULL));
  registered = strstr (contents, "\"registered\"");
  g_assert_nonnull (registered);
  while (registered > contents && registered[-1] != '\n')
    registered--;
  damaged = g_string_new_len (contents, registered - contents);
  g_string_append (damaged, "{\"row\": 3, \"sta\x01");
  g_string_append (damaged, strchr (registered, '\n'));
  g_assert_true (g_file_set_contents (journal, damaged->str, damaged->len, NULL));

  n_sent = roster_fake_service_get_n_calls (fixture->fake, "register");
  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "damaged"));
  g_assert_nonnull (strstr (run.err, "--recover"));
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, n_sent);
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", "--recover", "--check-window", "1", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "Recovering a damaged import"));
  g_assert_nonnull (strstr (run.out, "Registered 12 of 12"));
  /* The row whose outcome was lost was looked up and found, not sent again. */
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, n_sent);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "registrants"), >=, 1);
  assert_each_once (fixture, "damaged", 12);
  roster_test_run_clear (&run);
}

static char *
write_text (const char *name,
            const char *text)
{
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* A stray quote on line 4 of 10: nothing goes out until the user fixes the file or says to
 * skip the broken row, and then the eight others are registered, not three. */
static void
test_unclosed_quote (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const sent[] = {
    "ada@example.org", "grace@example.com", "dorothy@example.org", "mary@example.org",
    "hedy@example.net", "radia@example.com", "frances@example.org", "barbara@example.org",
  };
  g_autofree char *path = roster_test_csv_path ("unclosed-quote.csv");
  RosterTestRun run = { 0 };

  roster_fake_service_reset_counters (fixture->fake);
  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", "--skip-registered", NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "The file has 1 problem:\n"
                                     "  Line 4: the quote opened on line 4 is never closed; the row was cut at the end "
                                     "of that line, and the lines after it were read as rows of their own\n"));
  g_assert_nonnull (strstr (run.err, "roster-cli: 1 row has problems; fix it in the file, or add --skip-invalid "
                                     "to import the other 8.\n"));
  g_assert_cmpstr (run.out, ==, "");
  /* Not a call, not even the lookup of who is registered. */
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "registrants"), ==, 0);
  roster_test_run_clear (&run);

  /* The dry run shows the same and the verdict, and sends nothing. */
  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--dry-run", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Rows: 9 (ready 8, invalid 1, duplicates 0, already registered 0)"));
  g_assert_nonnull (strstr (run.out, "  Line 4: the quote opened on line 4 is never closed"));
  g_assert_nonnull (strstr (run.out, "1 row has problems; fix it in the file, or add --skip-invalid"));
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 0);
  roster_test_run_clear (&run);

  /* With --skip-invalid the others go, and the status says a row was left out. */
  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", "--skip-invalid", NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "  Line 4: the quote opened on line 4 is never closed"));
  g_assert_nonnull (strstr (run.out, "Registered 8 of 8; 0 failed, 0 unknown, 0 not sent.\n"));
  g_assert_nonnull (strstr (run.out, "Left out 1 row: 1 with problems, 0 duplicates in the file, 0 already registered.\n"));
  for (guint i = 0; i < G_N_ELEMENTS (sent); i++)
    g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->fake, fixture->webinar, sent[i]), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->fake, fixture->webinar, "katherine@example.org"), ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 8);
  roster_test_run_clear (&run);
}

/* A UTF-8 file with one Windows-1252 line: every name arrives as written. */
static void
test_mixed_encoding (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct { const char *email, *first_name; } people[] = {
    { "jose@example.es", "José" },
    { "rene@example.fr", "René" },
    { "lukas@example.cz", "Lukáš" },
  };
  g_autofree char *path = roster_test_csv_path ("utf8-one-latin1-line.csv");
  RosterTestRun run = { 0 };

  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", NULL });
  /* A warning stops nothing. */
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "The file has 1 problem:\n"
                                     "  (warning) Line 7 is not valid UTF-8 and was read as Windows-1252\n"));
  g_assert_nonnull (strstr (run.out, "Registered 9 of 9"));
  g_assert_null (strstr (run.out, "Left out"));
  roster_test_run_clear (&run);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autofree char *expected = g_strdup_printf (",%s,", people[i].first_name);

      g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->fake, fixture->webinar, people[i].email), ==, 1);
      run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "registrants", fixture->webinar_id,
                                                 "--search", people[i].email, "--format", "csv", NULL });
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, expected));
      g_assert_null (strstr (run.out, "Ã"));
      roster_test_run_clear (&run);
    }
}

/* Nothing to send is bad input; duplicates are left out, said so, and are no failure. */
static void
test_nothing_sendable (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *broken = write_text ("broken.csv", "email,first_name\nnot-an-email,A\n,B\nc@example.org,\n");
  g_autofree char *empty = write_text ("empty.csv", "email,first_name\n");
  g_autofree char *dups = write_text ("dups.csv", "email,first_name\none@example.org,One\nONE@example.org,Again\n"
                                                  "two@example.org,Two\n");
  RosterTestRun run = { 0 };

  roster_fake_service_reset_counters (fixture->fake);
  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", broken,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", "--skip-invalid", NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "The file has 3 problems:\n"));
  g_assert_nonnull (strstr (run.err, "  Line 3: the email address is missing\n"));
  g_assert_nonnull (strstr (run.err, "roster-cli: No row can be sent: 3 rows have problems; fix them in the file.\n"));
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", empty,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "roster-cli: The file has no rows to import.\n"));
  roster_test_run_clear (&run);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 0);

  /* preview reads them all the same. */
  run_cli (fixture, &run, (const char *[]) { "preview", broken, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Rows: 3\n"));
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", dups,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--consent", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "  (warning) Line 3: “ONE@example.org” is a duplicate of line 2\n"));
  g_assert_nonnull (strstr (run.out, "Registered 2 of 2; 0 failed, 0 unknown, 0 not sent.\n"));
  g_assert_nonnull (strstr (run.out, "Left out 1 row: 0 with problems, 1 duplicates in the file, 0 already registered.\n"));
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->fake, fixture->webinar, "one@example.org"), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 2);
  roster_test_run_clear (&run);
}

/* National phones completed from --default-country and a misspelled domain suggested, both
 * shown before → after by --dry-run; --no-normalise sends what the file has. */
static void
test_normalise (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = write_text ("normalise.csv",
                                      "Email,First Name,Phone\n"
                                      "nora@Example.ORG,Nora,0151 1234 5678\n"
                                      "nils@gmial.com,Nils,+43 664 1234567\n");
  RosterTestRun run = { 0 };

  roster_fake_service_reset_counters (fixture->fake);
  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--default-country", "DE", "--dry-run", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Proposed changes:\n"
                                     "  Line 2: Email domain in lower case: “nora@Example.ORG” → “nora@example.org”\n"
                                     "  Line 2: Phone number in international form: “0151 1234 5678” → “+49 15112345678”\n"
                                     "  Line 3: Suggested email address: “nils@gmial.com” → “nils@gmail.com” (suggested, not applied)\n"
                                     "  Line 3: Phone number in international form: “+43 664 1234567” → “+43 6641234567”\n"));
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--no-normalise", "--dry-run", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "Proposed changes:"));
  g_assert_nonnull (strstr (run.out, "has no country code"));
  roster_test_run_clear (&run);

  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--default-country", "Narnia", "--dry-run", NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--default-country takes a country such as DE"));
  roster_test_run_clear (&run);

  /* Sent as tidied. */
  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "import", path,
                                             "--webinar", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                             "--default-country", "Deutschland", "--consent", NULL });
  g_assert_cmpint (run.status, ==, 0);
  roster_test_run_clear (&run);
  run_cli (fixture, &run, (const char *[]) { "--endpoint", fixture->endpoint, "registrants", fixture->webinar_id,
                                             "--search", "nora@example.org", "--format", "csv", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, ",nora@example.org,+49,15112345678"));
  roster_test_run_clear (&run);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli-import/normalise", Fixture, NULL, fixture_set_up, test_normalise, fixture_tear_down);
  g_test_add ("/cli-import/preview", Fixture, NULL, fixture_set_up, test_preview, fixture_tear_down);
  g_test_add ("/cli-import/remembered-mapping", Fixture, NULL, fixture_set_up, test_remembered_mapping,
              fixture_tear_down);
  g_test_add ("/cli-import/dry-run-and-consent", Fixture, NULL, fixture_set_up, test_dry_run_and_consent, fixture_tear_down);
  g_test_add ("/cli-import/full", Fixture, NULL, fixture_set_up, test_full, fixture_tear_down);
  g_test_add ("/cli-import/spreadsheet", Fixture, NULL, fixture_set_up, test_spreadsheet, fixture_tear_down);
  g_test_add ("/cli-import/kill", Fixture, NULL, fixture_set_up, test_kill, fixture_tear_down);
  g_test_add ("/cli-import/demo", Fixture, NULL, fixture_set_up, test_demo, fixture_tear_down);
  g_test_add ("/cli-import/unknown", Fixture, NULL, fixture_set_up, test_unknown, fixture_tear_down);
  g_test_add ("/cli-import/recover", Fixture, NULL, fixture_set_up, test_recover, fixture_tear_down);
  g_test_add ("/cli-import/give-up", Fixture, NULL, fixture_set_up, test_give_up, fixture_tear_down);
  g_test_add ("/cli-import/unclosed-quote", Fixture, NULL, fixture_set_up, test_unclosed_quote, fixture_tear_down);
  g_test_add ("/cli-import/mixed-encoding", Fixture, NULL, fixture_set_up, test_mixed_encoding, fixture_tear_down);
  g_test_add ("/cli-import/nothing-sendable", Fixture, NULL, fixture_set_up, test_nothing_sendable, fixture_tear_down);

  return g_test_run ();
}
