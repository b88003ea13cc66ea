/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-accounts"

#include "config.h"

#include <glib/gstdio.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <string.h>
#include <unistd.h>

#include "roster-account-store.h"
#include "roster-fake-service.h"
#include "roster-keyring.h"
#include "roster-test-fake.h"

/* `roster-cli accounts …` as a user runs it: the real binary, the key on standard input (never
 * on the command line), a keyfile settings backend under the test's XDG config dir so that this
 * process and the CLI share the accounts as the app and the CLI do, the real keyring of
 * build-aux/test-session.sh, and the fake service (in a thread of this process) to check keys. */

typedef struct
{
  RosterFakeService *fake;
  char              *endpoint;
  char              *keyfile_path;
  char              *name;
} Fixture;

static char *name_prefix;

/* Runs roster-cli with @args, feeding @input on standard input. @env: extra NAME=VALUE pairs. */
static void
run_cli (RosterTestRun      *run,
         const char         *input,
         const char * const *env,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = roster_test_cli_argv_new (args);
  g_autoptr(GError) error = NULL;
  g_autofree char *stdin_path = NULL;

  /* Standard input from a file, not a pipe: a command that refuses its arguments exits without
   * reading it, and writing to its closed pipe would fail the test instead. */
  stdin_path = g_build_filename (g_get_user_cache_dir (), "cli-stdin", NULL);
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_file_set_contents (stdin_path, input != NULL ? input : "", -1, &error);
  g_assert_no_error (error);
  launcher = roster_test_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "ROSTER_API_KEY");
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  /* The child has it open; the key must not stay on disk, where the leak check looks. */
  g_unlink (stdin_path);

  roster_test_run_wait (process, run);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the settings backend notice the CLI's write to the keyfile. */
static void
wait_for_n_items (GListModel *model,
                  guint       n_items)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (g_list_model_get_n_items (model) != n_items && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_items);
}

static gboolean
require_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  /* Ask the keyring itself: any answer but "no keyring" will do. */
  key = roster_test_keyring_lookup ("roster-test-cli-accounts-probe", &error);
  if (g_error_matches (error, ROSTER_KEYRING_ERROR, ROSTER_KEYRING_ERROR_UNAVAILABLE))
    {
      g_test_skip ("No Secret Service on the session bus: run through build-aux/test.sh, "
                   "which unlocks a throwaway gnome-keyring");
      return FALSE;
    }

  return TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->fake = roster_test_fake_start_in_thread (11, 20);
  fixture->endpoint = roster_fake_service_dup_endpoint (fixture->fake, FALSE);
  fixture->keyfile_path = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings",
                                            "keyfile", NULL);
  fixture->name = g_strconcat (name_prefix, "acme", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  roster_test_keyring_clear (fixture->name, NULL);
  roster_fake_service_stop (fixture->fake);
  g_clear_object (&fixture->fake);
  g_clear_pointer (&fixture->endpoint, g_free);
  g_clear_pointer (&fixture->keyfile_path, g_free);
  g_clear_pointer (&fixture->name, g_free);
}

static void
test_add_list_use_remove (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *key = "ZQXJ-cli-key-3f9a61c2";
  g_autofree char *input = g_strconcat (key, "\n", NULL);
  g_autofree char *listed = NULL;
  g_autofree char *keyfile = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(RosterAccountStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterKeyringKey) stored = NULL;
  g_autofree char *gone = NULL;
  RosterAccount *account;
  RosterTestRun run = { 0 };

  if (!require_keyring ())
    return;

  roster_fake_service_add_api_key (fixture->fake, key);

  /* The app's view of the same settings file. */
  backend = g_keyfile_settings_backend_new (fixture->keyfile_path, "/", NULL);
  settings = g_settings_new_with_backend (ROSTER_SETTINGS_SCHEMA_ID, backend);
  store = roster_account_store_new_with_settings (settings);

  run_cli (&run, NULL, NULL, (const char *[]) { "accounts", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  roster_test_run_clear (&run);

  run_cli (&run, input, NULL,
           (const char *[]) { "accounts", "add", fixture->name, "--endpoint", fixture->endpoint, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, key));
  g_assert_null (strstr (run.err, key));
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "webinars"), ==, 1);
  roster_test_run_clear (&run);

  /* Stored exactly as the app does: the key in the keyring under the account's name ... */
  stored = roster_test_keyring_lookup (fixture->name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, key);

  /* ... and the account in the settings the app follows. */
  wait_for_n_items (G_LIST_MODEL (store), 1);
  account = roster_account_store_lookup (store, fixture->name);
  g_assert_nonnull (account);
  g_assert_cmpstr (roster_account_get_endpoint (account), ==, fixture->endpoint);

  run_cli (&run, NULL, NULL, (const char *[]) { "accounts", "list", NULL });
  g_assert_cmpint (run.status, ==, 0);
  listed = g_strdup_printf ("%s\teverwebinar\t%s\n", fixture->name, fixture->endpoint);
  g_assert_cmpstr (run.out, ==, listed);
  roster_test_run_clear (&run);

  /* --account uses the stored key. */
  run_cli (&run, NULL, NULL, (const char *[]) { "--account", fixture->name, "webinars", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, !=, "");
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "webinars"), ==, 2);
  roster_test_run_clear (&run);

  /* Names are unique. */
  run_cli (&run, input, NULL, (const char *[]) { "accounts", "add", fixture->name, NULL });
  g_assert_cmpint (run.status, ==, 2);
  roster_test_run_clear (&run);

  /* The key is in no file: the walk does see the settings file, with the name in it. */
  g_assert_true (g_file_get_contents (fixture->keyfile_path, &keyfile, NULL, NULL));
  g_assert_nonnull (strstr (keyfile, fixture->name));
  g_assert_cmpuint (roster_test_assert_no_xdg_file_contains (key), >, 0);

  run_cli (&run, NULL, NULL, (const char *[]) { "accounts", "remove", fixture->name, NULL });
  g_assert_cmpint (run.status, ==, 0);
  roster_test_run_clear (&run);

  gone = roster_test_keyring_lookup (fixture->name, &error);
  g_assert_error (error, ROSTER_KEYRING_ERROR, ROSTER_KEYRING_ERROR_NO_KEY);
  wait_for_n_items (G_LIST_MODEL (store), 0);

  run_cli (&run, NULL, NULL, (const char *[]) { "--account", fixture->name, "webinars", NULL });
  g_assert_cmpint (run.status, ==, 2);
  roster_test_run_clear (&run);
}

static void
test_rejected_key (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *key = "ZQXJ-rejected-cli-key-88a1";
  g_autofree char *input = g_strconcat (key, "\r\n", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  RosterTestRun run = { 0 };

  if (!require_keyring ())
    return;

  run_cli (&run, input, NULL,
           (const char *[]) { "accounts", "add", fixture->name, "--endpoint", fixture->endpoint, NULL });
  g_assert_cmpint (run.status, ==, 3);
  g_assert_null (strstr (run.out, key));
  g_assert_null (strstr (run.err, key));
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "webinars"), ==, 1);
  roster_test_run_clear (&run);

  stored = roster_test_keyring_lookup (fixture->name, &error);
  g_assert_error (error, ROSTER_KEYRING_ERROR, ROSTER_KEYRING_ERROR_NO_KEY);

  run_cli (&run, NULL, NULL, (const char *[]) { "accounts", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  roster_test_run_clear (&run);

  roster_test_assert_no_xdg_file_contains (key);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  RosterTestRun run = { 0 };

  run_cli (&run, NULL, NULL, (const char *[]) { "accounts", "add", NULL });
  g_assert_cmpint (run.status, ==, 2);
  roster_test_run_clear (&run);

  run_cli (&run, "some-key\n", NULL, (const char *[]) { "accounts", "add", "a", "b", NULL });
  g_assert_cmpint (run.status, ==, 2);
  roster_test_run_clear (&run);

  run_cli (&run, "some-key\n", NULL, (const char *[]) { "accounts", "add", "   ", NULL });
  g_assert_cmpint (run.status, ==, 2);
  roster_test_run_clear (&run);

  run_cli (&run, "some-key\n", NULL, (const char *[]) { "accounts", "add", "x", "--product", "zoom", NULL });
  g_assert_cmpint (run.status, ==, 2);
  roster_test_run_clear (&run);

  run_cli (&run, "some-key\n", NULL,
           (const char *[]) { "accounts", "add", "x", "--endpoint", "http://example.com/ew", NULL });
  g_assert_cmpint (run.status, ==, 2);
  roster_test_run_clear (&run);

  /* No key on standard input. */
  run_cli (&run, "\n", NULL,
           (const char *[]) { "accounts", "add", "x", "--endpoint", fixture->endpoint, NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "standard input"));
  roster_test_run_clear (&run);

  run_cli (&run, NULL, NULL, (const char *[]) { "accounts", "remove", "nobody", NULL });
  g_assert_cmpint (run.status, ==, 2);
  roster_test_run_clear (&run);

  run_cli (&run, NULL, NULL, (const char *[]) { "accounts", "frobnicate", NULL });
  g_assert_cmpint (run.status, ==, 2);
  roster_test_run_clear (&run);

  run_cli (&run, NULL, NULL, (const char *[]) { "--account", "nobody", "webinars", NULL });
  g_assert_cmpint (run.status, ==, 2);
  roster_test_run_clear (&run);

  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, NULL), ==, 0);
}

static void
test_environment_key_wins (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *env_key = g_strconcat ("ROSTER_API_KEY=", ROSTER_FAKE_DEMO_KEY, NULL);
  RosterTestRun run = { 0 };

  /* No such account, but the key from the environment is used all the same. */
  run_cli (&run, NULL, (const char *[]) { env_key, NULL },
           (const char *[]) { "--account", "nobody", "--endpoint", fixture->endpoint, "webinars", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "webinars"), ==, 1);
  roster_test_run_clear (&run);
}

static void
test_no_keyring (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *key = ROSTER_FAKE_DEMO_KEY;
  g_autofree char *input = g_strconcat (key, "\n", NULL);
  g_autofree char *bus = g_strconcat ("DBUS_SESSION_BUS_ADDRESS=unix:path=",
                                      g_get_user_runtime_dir (), "/no-such-bus", NULL);
  const char *env[] = { bus, "DISPLAY=", NULL };
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  RosterTestRun run = { 0 };

  run_cli (&run, input, env,
           (const char *[]) { "accounts", "add", fixture->name, "--endpoint", fixture->endpoint, NULL });
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "No keyring is available on this system, so Roster cannot store the key."));
  g_assert_nonnull (strstr (run.err, "ROSTER_API_KEY"));
  roster_test_run_clear (&run);

  run_cli (&run, NULL, env, (const char *[]) { "accounts", NULL });
  g_assert_cmpstr (run.out, ==, "");
  roster_test_run_clear (&run);

  /* An account whose key cannot be read. */
  backend = g_keyfile_settings_backend_new (fixture->keyfile_path, "/", NULL);
  settings = g_settings_new_with_backend (ROSTER_SETTINGS_SCHEMA_ID, backend);
  g_settings_set_value (settings, ROSTER_SETTINGS_ACCOUNTS,
                        g_variant_new_parsed ("[(%s, 'everwebinar', %s)]", fixture->name, fixture->endpoint));
  g_settings_sync ();

  run_cli (&run, NULL, env, (const char *[]) { "--account", fixture->name, "webinars", NULL });
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "No keyring is available on this system, so Roster cannot read the stored key."));
  roster_test_run_clear (&run);

  /* Forgetting the account works without a keyring. */
  run_cli (&run, NULL, env, (const char *[]) { "accounts", "remove", fixture->name, NULL });
  g_assert_cmpint (run.status, ==, 0);
  roster_test_run_clear (&run);

  roster_test_assert_no_xdg_file_contains (key);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  name_prefix = g_strdup_printf ("roster-test-cli-%d-", (int) getpid ());

  g_test_add ("/keyring/cli/add-list-use-remove", Fixture, NULL,
              fixture_set_up, test_add_list_use_remove, fixture_tear_down);
  g_test_add ("/keyring/cli/rejected-key", Fixture, NULL,
              fixture_set_up, test_rejected_key, fixture_tear_down);
  g_test_add ("/keyring/cli/bad-input", Fixture, NULL,
              fixture_set_up, test_bad_input, fixture_tear_down);
  g_test_add ("/keyring/cli/environment-key-wins", Fixture, NULL,
              fixture_set_up, test_environment_key_wins, fixture_tear_down);
  g_test_add ("/keyring/cli/no-keyring", Fixture, NULL,
              fixture_set_up, test_no_keyring, fixture_tear_down);

  status = g_test_run ();
  g_clear_pointer (&name_prefix, g_free);

  return status;
}
