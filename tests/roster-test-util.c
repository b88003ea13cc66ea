/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-test-util"

#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include "roster-test-util.h"

/* A GAsyncReadyCallback that keeps the result in *user_data (a GAsyncResult *). */
void
roster_test_store_result (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

/* Runs the main context until roster_test_store_result() has filled *result. */
GAsyncResult *
roster_test_wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* Files may hold NUL bytes, so no strstr(). */
static gboolean
bytes_contain (const char *data,
               gsize       len,
               const char *needle)
{
  gsize needle_len = strlen (needle);

  for (gsize i = 0; needle_len <= len && i <= len - needle_len; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, needle_len) == 0)
      return TRUE;

  return FALSE;
}

/* Walks every file under @dir and fails when one holds @needle. Returns how many files it read,
 * so that callers can tell the walk did see something. */
guint
roster_test_assert_no_file_contains (const char *dir,
                                     const char *needle)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  guint n_files = 0;
  GFileInfo *info;
  GFile *child;

  enumerator = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (enumerator == NULL)
    return 0;

  while (g_file_enumerator_iterate (enumerator, &info, &child, NULL, NULL) && info != NULL)
    {
      g_autofree char *path = g_file_get_path (child);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        n_files += roster_test_assert_no_file_contains (path, needle);
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        {
          g_autofree char *contents = NULL;
          gsize len;

          if (!g_file_get_contents (path, &contents, &len, NULL))
            continue;
          n_files++;
          if (bytes_contain (contents, len, needle))
            g_error ("The API key was written to %s", path);
        }
    }

  return n_files;
}

guint
roster_test_assert_no_xdg_file_contains (const char *needle)
{
  const char *dirs[] = {
    g_get_home_dir (),
    g_get_user_config_dir (),
    g_get_user_data_dir (),
    g_get_user_cache_dir (),
    g_get_user_state_dir (),
    g_get_user_runtime_dir (),
  };
  guint n_files = 0;

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    n_files += roster_test_assert_no_file_contains (dirs[i], needle);

  return n_files;
}

/* Removes every remembered mapping (g_get_user_data_dir()/roster/mappings), which would
 * otherwise carry one test's columns into the next test's import of the same header. */
void
roster_test_forget_mappings (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "roster", "mappings", NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_unlink (file), ==, 0);
    }
}

/* For every program a test starts (roster-cli, roster-fake-server): GTest makes warnings and
 * criticals fatal only in the test program itself, so the child is told to treat them so too,
 * and stays in the C locale so that tests can read what it says. */
GSubprocessLauncher *
roster_test_launcher_new (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "gc-friendly,fatal-warnings", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");

  return launcher;
}

/* Waits for @process, keeps what it wrote and its status in @run, and fails when it did not
 * exit by itself (a fatal warning aborts it) or wrote a warning or critical. */
void
roster_test_run_wait (GSubprocess   *process,
                      RosterTestRun *run)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);

  if (g_test_verbose ())
    g_test_message ("%s%s", run->out != NULL ? run->out : "", run->err != NULL ? run->err : "");

  /* A fatal warning aborts the child: say what it wrote */
  if (!g_subprocess_get_if_exited (process))
    g_printerr ("%s", run->err != NULL ? run->err : "");
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  if (run->err != NULL)
    {
      g_assert_null (strstr (run->err, "WARNING **"));
      g_assert_null (strstr (run->err, "CRITICAL **"));
    }
}

void
roster_test_run_clear (RosterTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* The argv of roster-cli (the build's, from ROSTER_CLI) with @args, NULL-terminated. */
GPtrArray *
roster_test_cli_argv_new (const char * const *args)
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

/* Runs roster-cli with @args through @launcher (made with roster_test_launcher_new(), piping
 * standard output and error) and waits for it, as roster_test_run_wait() does. */
void
roster_test_cli_run (GSubprocessLauncher *launcher,
                     const char * const  *args,
                     RosterTestRun       *run)
{
  g_autoptr(GPtrArray) argv = roster_test_cli_argv_new (args);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  roster_test_run_wait (process, run);
}

static char *
existing_path (const char *dir,
               const char *name)
{
  char *path = g_build_filename (dir, name, NULL);

  /* Fixtures live in the repository: a missing one is a broken checkout, not a skip. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

/* A vendor export in tests/data/samples (ROSTER_SAMPLES_DIR). */
char *
roster_test_sample_path (const char *name)
{
  const char *dir = g_getenv ("ROSTER_SAMPLES_DIR");

  g_assert_nonnull (dir);
  return existing_path (dir, name);
}

/* One of our own CSV files in tests/data/csv. */
char *
roster_test_csv_path (const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "csv", NULL);

  return existing_path (dir, name);
}
