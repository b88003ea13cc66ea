/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-dialog"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "roster-import-journal.h"
#include "roster-import-results-page.h"
#include "roster-test-import.h"
#include "roster-test-import-dialog.h"
#include "roster-test-ui.h"
#include "roster-test-util.h"


/* Valgrind makes everything, the fake service included, some twenty times slower. */
gboolean
under_valgrind (void)
{
  const char *preload = g_getenv ("LD_PRELOAD");

  return preload != NULL && strstr (preload, "vgpreload") != NULL;
}

void
wait_until (Fixture   *fixture,
            Condition  condition,
            guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000 * (under_valgrind () ? 20 : 1);

  while (!condition (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* ROSTER_TEST_SHOT_DIR: the dialog is saved as <dir>/import-<name>-<ROSTER_TEST_SHOT_STYLE>.png */
void
shoot (Fixture    *fixture,
       const char *name)
{
  g_autofree char *file_name = NULL;

  if (g_getenv ("ROSTER_TEST_SHOT_DIR") == NULL)
    return;

  /* Not in the middle of a page's slide. */
  roster_test_ui_iterate (300);
  while (gtk_stack_get_transition_running (GTK_STACK (find (fixture, GTK_TYPE_STACK, NULL, NULL))))
    roster_test_ui_iterate (50);
  file_name = g_strdup_printf ("import-%s", name);
  roster_test_ui_shoot (GTK_WIDGET (fixture->dialog), file_name);
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *path = NULL;
  const char *samples = g_getenv ("ROSTER_SAMPLES_DIR");

  g_assert_nonnull (samples);

  /* Each test starts without journals: the same file into the same webinar would continue an
   * earlier test's import. */
  roster_test_remove_journals ();
  /* Nor remembered mappings, which would skip the columns step. */
  roster_test_forget_mappings ();
  path = g_build_filename (samples, data != NULL ? (const char *) data : SAMPLE, NULL);
  fixture->file = g_file_new_for_path (path);

  fixture->service = roster_test_fake_start (11, 0);

  /* A limiter of its own, wide open, so that no test waits for the real one's pace. */
  fixture->limiter = roster_rate_limiter_new (1000, G_USEC_PER_SEC);
  g_source_attach ((GSource *) fixture->limiter, NULL);

  endpoint = roster_fake_service_dup_endpoint (fixture->service, FALSE);
  fixture->client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, endpoint,
                                       roster_fake_service_get_api_key (fixture->service), &error);
  g_assert_no_error (error);
  roster_client_set_rate_limiter (fixture->client, fixture->limiter);
  roster_client_set_timeout (fixture->client, under_valgrind () ? 120000 : 10000);

  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (fixture->settings, "webinar-timezones");
  g_settings_reset (fixture->settings, "unknown-check-window");

  roster_client_list_webinars_async (fixture->client, NULL, roster_test_store_result, &result);
  list = roster_client_list_webinars_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  fixture->webinars = g_list_store_new (ROSTER_TYPE_WEBINAR);
  g_list_store_splice (fixture->webinars, 0, 0, list->pdata, list->len);
  roster_fake_service_reset_counters (fixture->service);

  /* What the core makes of the sample, independently of the dialog. */
  reader = roster_csv_reader_new_for_file (fixture->file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (roster_csv_reader_detect (reader, NULL, &error));
  mapping = roster_import_mapping_guess (roster_csv_reader_get_header (reader));
  fixture->plan = roster_import_plan_new (reader, mapping, NULL, &error);
  g_assert_no_error (error);

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->parent, 900, 760);
  gtk_window_present (fixture->parent);
  roster_test_ui_iterate (50);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->dialog != NULL)
    {
      gpointer weak = fixture->dialog;

      /* Nothing (a call in flight, a signal handler) keeps the dialog alive once closed. */
      g_object_add_weak_pointer (G_OBJECT (fixture->dialog), &weak);
      g_object_unref (fixture->dialog);
      if (weak != NULL)
        roster_test_ui_destroy (weak);
      g_assert_null (weak);
    }
  roster_test_ui_destroy (fixture->parent);

  roster_test_ui_iterate (300);
  g_clear_object (&fixture->plan);
  g_clear_object (&fixture->file);
  g_clear_object (&fixture->webinars);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->client);
  g_source_destroy ((GSource *) fixture->limiter);
  g_clear_pointer (&fixture->limiter, roster_rate_limiter_unref);
  roster_fake_service_stop (fixture->service);
  g_clear_object (&fixture->service);
  roster_test_ui_iterate (20);
}

/* ---- Finding things ---------------------------------------------------------------------------- */

GtkWidget *
find (Fixture    *fixture,
      GType       type,
      const char *property,
      const char *value)
{
  GtkWidget *widget = roster_test_ui_find_widget (GTK_WIDGET (fixture->dialog), type, property, value);

  g_assert_nonnull (widget);
  return widget;
}

AdwComboRow *
combo_row (Fixture    *fixture,
           const char *title)
{
  return ADW_COMBO_ROW (find (fixture, ADW_TYPE_COMBO_ROW, "title", title));
}

AdwActionRow *
action_row (Fixture    *fixture,
            const char *title)
{
  return ADW_ACTION_ROW (find (fixture, ADW_TYPE_ACTION_ROW, "title", title));
}

const char *
subtitle_of (Fixture    *fixture,
             const char *title)
{
  return adw_action_row_get_subtitle (action_row (fixture, title));
}

/* The number a review or run row shows at its end. */
guint
count_of (Fixture    *fixture,
          const char *title)
{
  GtkWidget *label = roster_test_ui_find_widget_with_class (GTK_WIDGET (action_row (fixture, title)),
                                                            GTK_TYPE_LABEL, "numeric");

  g_assert_nonnull (label);
  return (guint) g_ascii_strtoull (gtk_label_get_text (GTK_LABEL (label)), NULL, 10);
}

gboolean
action_enabled (Fixture    *fixture,
                const char *action)
{
  GtkWidget *button = roster_test_ui_find_widget (GTK_WIDGET (fixture->dialog), GTK_TYPE_BUTTON,
                                                  "action-name", action);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

void
next (Fixture *fixture)
{
  g_assert_true (action_enabled (fixture, "import.next"));
  /* Enter is bound to the same action. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.next", NULL);
  roster_test_ui_iterate (20);
}

const char *
step (Fixture *fixture)
{
  return roster_import_dialog_get_step (fixture->dialog);
}

gboolean
file_read (Fixture *fixture)
{
  return action_enabled (fixture, "import.next") && g_str_equal (step (fixture), "file");
}

gboolean
columns_ready (Fixture *fixture)
{
  return action_enabled (fixture, "import.next");
}

gboolean
target_ready (Fixture *fixture)
{
  return action_enabled (fixture, "import.next");
}

gboolean
on_review (Fixture *fixture)
{
  return g_str_equal (step (fixture), "review");
}

gboolean
on_run (Fixture *fixture)
{
  return g_str_equal (step (fixture), "run");
}

gboolean
on_results (Fixture *fixture)
{
  return g_str_equal (step (fixture), "results");
}

gboolean
registered_checked (Fixture *fixture)
{
  GtkWidget *label = roster_test_ui_find_widget_with_class (GTK_WIDGET (action_row (fixture, "Already registered")),
                                                            GTK_TYPE_LABEL, "numeric");

  return gtk_widget_get_visible (label);
}

RosterWebinar *
find_webinar (Fixture    *fixture,
              const char *title)
{
  return roster_test_find_webinar (G_LIST_MODEL (fixture->webinars), title);
}

void
choose_webinar (Fixture    *fixture,
                const char *title)
{
  AdwComboRow *row = combo_row (fixture, "Webinar");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->webinars));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterWebinar) webinar = g_list_model_get_item (G_LIST_MODEL (fixture->webinars), i);

      if (g_strcmp0 (roster_webinar_get_title (webinar), title) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_assert_not_reached ();
}

void
open_dialog (Fixture *fixture,
             GFile   *file)
{
  fixture->dialog = roster_import_dialog_new (fixture->parent, fixture->client,
                                              G_LIST_MODEL (fixture->webinars), file);
  g_object_ref_sink (fixture->dialog);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  roster_test_ui_iterate (50);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->dialog)));
  /* The main window stays usable during a run. */
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (fixture->dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (fixture->dialog)) == fixture->parent);
}

/* File, columns and target, as a user goes through them; ends on the review. */
void
walk_to_review (Fixture *fixture)
{
  wait_until (fixture, file_read, 10000);
  next (fixture);
  /* A file imported before in the same test skips the columns, chosen as then. */
  if (g_str_equal (step (fixture), "columns"))
    {
      wait_until (fixture, columns_ready, 10000);
      next (fixture);
    }
  g_assert_cmpstr (step (fixture), ==, "target");
  choose_webinar (fixture, TARGET);
  wait_until (fixture, target_ready, 10000);
  next (fixture);
  g_assert_cmpstr (step (fixture), ==, "tidy");
  wait_until (fixture, target_ready, 10000);
  next (fixture);
  g_assert_cmpstr (step (fixture), ==, "review");
}

void
tick_consent (Fixture *fixture)
{
  GtkWidget *check = roster_test_ui_find_widget (GTK_WIDGET (action_row (fixture, CONSENT)),
                                                 GTK_TYPE_CHECK_BUTTON, NULL, NULL);

  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  roster_test_ui_iterate (10);
}

/* Every ready row's email was registered exactly once, nobody else at all. */
void
assert_registered_exactly_once (Fixture *fixture)
{
  gint64 webinar_id = roster_webinar_get_id (find_webinar (fixture, TARGET));
  guint n_rows = roster_import_plan_get_n_rows (fixture->plan);
  guint n_ready = 0;

  for (guint row = 0; row < n_rows; row++)
    {
      const char *email = roster_import_plan_get_row_value (fixture->plan, row, ROSTER_IMPORT_FIELD_EMAIL);
      gboolean ready = roster_import_plan_get_row_status (fixture->plan, row) == ROSTER_IMPORT_ROW_READY;

      if (email == NULL || *email == '\0')
        continue;
      if (ready)
        {
          n_ready++;
          g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, webinar_id, email), ==, 1);
        }
      else if (roster_import_plan_get_row_status (fixture->plan, row) == ROSTER_IMPORT_ROW_INVALID)
        g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, webinar_id, email), ==, 0);
    }
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->service), ==, n_ready);
}

/* What "Export Results…" does once the file is chosen, waited for. */
gboolean
export_results (GtkWidget  *results_page,
                GFile      *file,
                GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_import_results_page_export_async (ROSTER_IMPORT_RESULTS_PAGE (results_page), file, NULL,
                                           roster_test_store_result, &result);
  return roster_import_results_page_export_finish (ROSTER_IMPORT_RESULTS_PAGE (results_page),
                                                   roster_test_wait_for_result (&result), error);
}


/* The question asked by @parent: an earlier test may leave others open, as
 * adw_message_dialog_response() does not close the dialog it answers. */
GtkWindow *
find_message_dialog_for (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) == parent)
        return window;
    }
  return NULL;
}
