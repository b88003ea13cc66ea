/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-test-import"

#include "config.h"

#include "roster-import-journal.h"
#include "roster-test-fake.h"
#include "roster-test-import.h"
#include "roster-test-util.h"

void
roster_test_iterate_for (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);
}

/* A client on its own limiter: @per_second 20 (or 0) keeps the real pacing; more for speed
 * where pacing is not what is tested (the fake's own limit is then switched off). */
void
roster_test_import_set_up (RosterTestImport *fixture,
                           guint             per_second)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterWebinar) webinar = NULL;
  g_autoptr(RosterSchedule) schedule = NULL;

  if (per_second == 0)
    per_second = 20;

  fixture->fake = roster_test_fake_start (7, per_second > 20 ? 0 : 20);

  endpoint = roster_fake_service_dup_endpoint (fixture->fake, FALSE);
  fixture->client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, endpoint,
                                       roster_fake_service_get_api_key (fixture->fake), &error);
  g_assert_no_error (error);
  fixture->limiter = roster_rate_limiter_new (per_second, G_USEC_PER_SEC);
  g_source_attach ((GSource *) fixture->limiter, NULL);
  roster_client_set_rate_limiter (fixture->client, fixture->limiter);

  fixture->webinar_id = roster_fake_service_get_main_webinar_id (fixture->fake);
  roster_client_get_webinar_async (fixture->client, fixture->webinar_id, NULL, NULL, roster_test_store_result, &result);
  webinar = roster_client_get_webinar_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  schedule = g_list_model_get_item (roster_webinar_get_schedules (webinar), 0);
  fixture->schedule_id = roster_schedule_get_id (schedule);
  g_assert_cmpint (fixture->schedule_id, >, 0);
}

void
roster_test_import_tear_down (RosterTestImport *fixture)
{
  g_clear_object (&fixture->client);
  g_source_destroy ((GSource *) fixture->limiter);
  g_clear_pointer (&fixture->limiter, roster_rate_limiter_unref);
  roster_fake_service_stop (fixture->fake);
  g_clear_object (&fixture->fake);
  /* Let the session drop its connections. */
  roster_test_iterate_for (20);
}

/* @n_rows people, "Person,<tag> <i>,<tag>-<i>@example.org", with a header. */
char *
roster_test_make_csv (const char *tag,
                      guint       n_rows)
{
  GString *text = g_string_new ("First Name,Last Name,Email\r\n");

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "Person,%s %u,%s-%u@example.org\r\n", tag, i, tag, i);

  return g_string_free (text, FALSE);
}

char *
roster_test_email_of (const char *tag,
                      guint       i)
{
  return g_strdup_printf ("%s-%u@example.org", tag, i);
}

static void
finished_cb (RosterImportJob *job,
             gboolean        *finished)
{
  *finished = TRUE;
}

/* Starts @job (unless it runs already) and iterates until "finished". */
void
roster_test_run_job (RosterImportJob *job)
{
  gboolean finished = FALSE;
  gulong id = g_signal_connect (job, "finished", G_CALLBACK (finished_cb), &finished);

  if (roster_import_job_get_state (job) != ROSTER_IMPORT_JOB_RUNNING)
    roster_import_job_start (job);
  while (!finished)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (job, id);
}

/* roster_import_job_get_row() as a value, for a test to pick one field of. */
RosterImportRow
roster_test_job_row (RosterImportJob *job,
                     guint            row)
{
  RosterImportRow record;

  g_assert_true (roster_import_job_get_row (job, row, &record));
  return record;
}

/* Registers @email for the fixture's webinar and schedule, as an import would. */
RosterRegistration *
roster_test_register (RosterTestImport *fixture,
                      const char       *email)
{
  g_autoptr(RosterRegisterParams) params = roster_register_params_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterRegistration *registration;

  params->webinar_id = fixture->webinar_id;
  params->schedule_id = fixture->schedule_id;
  params->first_name = g_strdup ("Person");
  params->email = g_strdup (email);
  roster_client_register_async (fixture->client, params, ROSTER_PRIORITY_INTERACTIVE, NULL,
                                roster_test_store_result, &result);
  registration = roster_client_register_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return registration;
}

/* Removes every journal in the user's journal folder: the same file into the same webinar
 * would otherwise continue an earlier test's import. */
void
roster_test_remove_journals (void)
{
  g_autofree char *dir = roster_import_journal_dup_dir ();
  g_autoptr(GError) error = NULL;

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    g_assert_true (roster_import_journal_remove_dir (dir, &error));
  g_assert_no_error (error);
}
