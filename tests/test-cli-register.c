/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-register"

#include "config.h"

#include <string.h>

#include "roster-client.h"
#include "roster-fake-service.h"
#include "roster-registrant-export.h"
#include "roster-test-fake.h"

/* `roster-cli register` and `roster-cli registrants` as a user runs them: the real binary, the
 * key in ROSTER_API_KEY, the fake service in a thread of this process. Someone already
 * registered is not registered again without --allow-duplicate; a lookup that fails stops the
 * registration; debug output never mixes into what goes to standard output. */

typedef RosterTestCliFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  roster_test_cli_fixture_set_up (fixture, 11, 0);
  roster_fake_service_reset_counters (fixture->fake);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  roster_test_cli_fixture_tear_down (fixture);
}

/* Runs roster-cli --endpoint … @args; @debug: with G_MESSAGES_DEBUG=all. */
static void
run_cli (Fixture            *fixture,
         RosterTestRun      *run,
         gboolean            debug,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = roster_test_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  g_subprocess_launcher_setenv (launcher, "ROSTER_API_KEY", roster_fake_service_get_api_key (fixture->fake), TRUE);
  if (debug)
    g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);

  g_strv_builder_add_many (builder, "--endpoint", fixture->endpoint, NULL);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  roster_test_cli_run (launcher, (const char * const *) argv, run);
}

static void
register_person (Fixture       *fixture,
                 RosterTestRun *run,
                 const char    *email,
                 gboolean       allow_duplicate)
{
  run_cli (fixture, run, FALSE,
           (const char *[]) { "register", fixture->webinar_id, "--schedule", fixture->schedule_id,
                              "--email", email, "--first-name", "Ada",
                              allow_duplicate ? "--allow-duplicate" : NULL, NULL });
}

static void
test_duplicate (Fixture       *fixture,
                gconstpointer  data)
{
  RosterTestRun run = { 0 };

  /* Not there yet: looked up, then registered. */
  register_person (fixture, &run, "ada.cli-twice@example.org", FALSE);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Registered, user ID: "));
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "registrants"), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->fake, fixture->webinar,
                                                             "ada.cli-twice@example.org"), ==, 1);
  roster_test_run_clear (&run);

  /* Again, typed another way: refused, with the registration there is. */
  register_person (fixture, &run, "Ada.CLI-Twice@Example.ORG", FALSE);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "roster-cli: Ada.CLI-Twice@Example.ORG is already registered "
                                            "for this webinar.\n  Session: "));
  g_assert_nonnull (strstr (run.err, "\n  Signed up: "));
  g_assert_true (g_str_has_suffix (run.err, "\nUse --allow-duplicate to register them again.\n"));
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 1);
  roster_test_run_clear (&run);

  /* As asked. */
  register_person (fixture, &run, "Ada.CLI-Twice@Example.ORG", TRUE);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->fake, fixture->webinar,
                                                             "ada.cli-twice@example.org"), ==, 2);
  roster_test_run_clear (&run);
}

/* The person is read with core's contact rules, the same as the register dialog and an import:
 * what no rule takes is refused as bad input before any call, and what is sent is cleaned. */
static void
test_contact_rules (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct { const char *option; const char *value; const char *message; } refused[] = {
    { "--email", "a,b@example.org", "Enter an email address such as name@example.org." },
    { "--first-name", "  ", "Enter a first name." },
    { "--phone-country-code", "+12345", "Enter the country code as a plus sign and digits, such as +49." },
    { "--phone", "555-CALL-NOW", "Enter the phone number in digits; spaces and dashes are fine." },
    { "--phone", "+44 20 7946 0958", "The phone number starts with +44, but the country code is +49." },
  };
  RosterTestRun run = { 0 };
  g_autoptr(GHashTable) form = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *expected = g_strdup_printf ("roster-cli: %s: %s\n", refused[i].option, refused[i].message);

      run_cli (fixture, &run, FALSE,
               (const char *[]) { "register", fixture->webinar_id, "--schedule", fixture->schedule_id,
                                  "--email", "ada.cli-rules@example.org", "--first-name", "Ada",
                                  "--phone-country-code", "49", refused[i].option, refused[i].value, NULL });
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpstr (run.err, ==, expected);
      roster_test_run_clear (&run);
    }
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "registrants"), ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 0);

  /* "49" is +49 and the slash is layout, as in the dialog and an import. */
  run_cli (fixture, &run, FALSE,
           (const char *[]) { "register", fixture->webinar_id, "--schedule", fixture->schedule_id,
                              "--email", " ada.cli-rules@example.org ", "--first-name", " Ada  Augusta ",
                              "--phone-country-code", "49", "--phone", "030/1234567", NULL });
  g_assert_cmpint (run.status, ==, 0);
  roster_test_run_clear (&run);
  form = roster_fake_service_dup_last_form (fixture->fake, "register");
  g_assert_cmpstr (g_hash_table_lookup (form, "email"), ==, "ada.cli-rules@example.org");
  g_assert_cmpstr (g_hash_table_lookup (form, "first_name"), ==, "Ada Augusta");
  g_assert_null (g_hash_table_lookup (form, "last_name"));
  g_assert_cmpstr (g_hash_table_lookup (form, "phone_country_code"), ==, "+49");
  g_assert_cmpstr (g_hash_table_lookup (form, "phone"), ==, "0301234567");
}

/* The lookup cannot be made: nothing is registered, unless the user says so. */
static void
test_lookup_failed (Fixture       *fixture,
                    gconstpointer  data)
{
  RosterTestRun run = { 0 };

  roster_fake_service_inject_fault_for_method (fixture->fake, ROSTER_FAKE_FAULT_HTTP_500_HTML,
                                               "registrants", 100);
  register_person (fixture, &run, "ada.cli-unchecked@example.org", FALSE);
  g_assert_cmpint (run.status, ==, 4);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "roster-cli: Could not check whether "
                                            "ada.cli-unchecked@example.org is already registered: "));
  g_assert_true (g_str_has_suffix (run.err, "\nUse --allow-duplicate to register without checking.\n"));
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->fake, "register"), ==, 0);
  roster_test_run_clear (&run);

  register_person (fixture, &run, "ada.cli-unchecked@example.org", TRUE);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->fake, fixture->webinar,
                                                             "ada.cli-unchecked@example.org"), ==, 1);
  roster_test_run_clear (&run);
}

/* With every debug message on, standard output is the same CSV as without. */
static void
test_csv_with_debug (Fixture       *fixture,
                     gconstpointer  data)
{
  const char * const args[] = { "registrants", fixture->webinar_id, "--format", "csv", NULL };
  g_autofree char *header = g_strjoinv (",", (char **) roster_registrant_export_get_columns ());
  RosterTestRun quiet = { 0 };
  RosterTestRun debug = { 0 };

  run_cli (fixture, &quiet, FALSE, args);
  g_assert_cmpint (quiet.status, ==, 0);
  g_assert_true (g_str_has_prefix (quiet.out, header));
  g_assert_null (strstr (quiet.err, "DEBUG"));

  run_cli (fixture, &debug, TRUE, args);
  g_assert_cmpint (debug.status, ==, 0);
  /* Debug was on, and went to standard error. */
  g_assert_nonnull (strstr (debug.err, "roster-client-DEBUG"));
  g_assert_cmpstr (debug.out, ==, quiet.out);

  roster_test_run_clear (&quiet);
  roster_test_run_clear (&debug);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/cli-register/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("duplicate", test_duplicate);
  ADD ("lookup-failed", test_lookup_failed);
  ADD ("contact-rules", test_contact_rules);
  ADD ("csv-with-debug", test_csv_with_debug);
#undef ADD

  return g_test_run ();
}
