/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-register-dialog"

#include "config.h"

#include "roster-test-register.h"
#include "roster-test-ui.h"
#include "roster-test-util.h"
#include "roster-zone-row.h"

/* Runs the main loop until the condition holds; fails after timeout_ms. */
void
wait_until (Fixture   *fixture,
            Condition  condition,
            guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* For screenshots: ROSTER_TEST_PAUSE_MS holds the dialog still at interesting moments, and
 * says which on stderr so that a script can take the picture. */
void
pause_for_screenshot (const char *name)
{
  const char *pause = g_getenv ("ROSTER_TEST_PAUSE_MS");

  if (pause == NULL)
    return;
  roster_test_ui_iterate (300);
  g_printerr ("pause: %s\n", name);
  roster_test_ui_iterate ((guint) g_ascii_strtoull (pause, NULL, 10));
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *endpoint = NULL;

  fixture->service = roster_test_fake_start (11, 0);

  /* A limiter of its own, wide open, so that no test waits for the real one's pace. */
  fixture->limiter = roster_rate_limiter_new (1000, G_USEC_PER_SEC);
  g_source_attach ((GSource *) fixture->limiter, NULL);

  endpoint = roster_fake_service_dup_endpoint (fixture->service, FALSE);
  fixture->client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, endpoint,
                                       roster_fake_service_get_api_key (fixture->service), &error);
  g_assert_no_error (error);
  roster_client_set_rate_limiter (fixture->client, fixture->limiter);
  roster_client_set_timeout (fixture->client, 5000);

  /* The dialog reads the zones the overview remembers from the memory backend. */
  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (fixture->settings, "webinar-timezones");

  /* The webinars as the sidebar list has them. */
  roster_client_list_webinars_async (fixture->client, NULL, roster_test_store_result, &result);
  list = roster_client_list_webinars_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  fixture->webinars = g_list_store_new (ROSTER_TYPE_WEBINAR);
  g_list_store_splice (fixture->webinars, 0, 0, list->pdata, list->len);
  roster_fake_service_reset_counters (fixture->service);

  fixture->registered = g_ptr_array_new_with_free_func (g_object_unref);

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
      roster_test_ui_destroy (weak);
      g_assert_null (weak);
    }
  roster_test_ui_destroy (fixture->parent);

  /* Lets cancelled calls finish. */
  roster_test_ui_iterate (200);
  g_clear_pointer (&fixture->registered, g_ptr_array_unref);
  g_clear_object (&fixture->webinars);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->client);
  g_source_destroy ((GSource *) fixture->limiter);
  g_clear_pointer (&fixture->limiter, roster_rate_limiter_unref);
  roster_fake_service_stop (fixture->service);
  g_clear_object (&fixture->service);
  roster_test_ui_iterate (20);
}

RosterWebinar *
find_webinar (Fixture    *fixture,
              const char *title)
{
  return roster_test_find_webinar (G_LIST_MODEL (fixture->webinars), title);
}

static void
registered_cb (RosterRegisterDialog *dialog,
               RosterRegistration   *registration,
               Fixture              *fixture)
{
  g_assert_true (ROSTER_IS_REGISTRATION (registration));
  g_ptr_array_add (fixture->registered, g_object_ref (registration));
}

gboolean
detail_loaded (Fixture *fixture)
{
  return !roster_register_dialog_get_loading (fixture->dialog) &&
         roster_register_dialog_get_detail (fixture->dialog) != NULL;
}

gboolean
not_busy (Fixture *fixture)
{
  return !roster_register_dialog_get_busy (fixture->dialog);
}

void
open_dialog (Fixture    *fixture,
             const char *title)
{
  RosterWebinar *selected = title != NULL ? find_webinar (fixture, title) : NULL;

  fixture->dialog = roster_register_dialog_new (fixture->parent, fixture->client,
                                                G_LIST_MODEL (fixture->webinars), selected);
  g_object_ref_sink (fixture->dialog);
  g_signal_connect (fixture->dialog, "registered", G_CALLBACK (registered_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  wait_until (fixture, detail_loaded, 5000);
  roster_test_ui_iterate (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->dialog)));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (fixture->dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (fixture->dialog)) == fixture->parent);
  if (selected != NULL)
    g_assert_true (roster_register_dialog_get_webinar (fixture->dialog) == selected);
}

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

GtkWidget *
entry_row (Fixture    *fixture,
           const char *title)
{
  return find (fixture, ADW_TYPE_ENTRY_ROW, "title", title);
}

AdwComboRow *
combo_row (Fixture    *fixture,
           const char *title)
{
  return ADW_COMBO_ROW (find (fixture, ADW_TYPE_COMBO_ROW, "title", title));
}

void
set_field (Fixture    *fixture,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry_row (fixture, title)), text);
  roster_test_ui_iterate (10);
}

const char *
get_field (Fixture    *fixture,
           const char *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry_row (fixture, title)));
}

gboolean
register_enabled (Fixture *fixture)
{
  return gtk_widget_get_sensitive (find (fixture, GTK_TYPE_BUTTON, "action-name", "register.register"));
}

/* A visible inline message with exactly this text. */
gboolean
label_shown (Fixture    *fixture,
             const char *text)
{
  GtkWidget *label = roster_test_ui_find_widget (GTK_WIDGET (fixture->dialog), GTK_TYPE_LABEL,
                                                 "label", text);

  return label != NULL && gtk_widget_is_visible (label);
}

gboolean
message_shown (Fixture    *fixture,
               const char *text)
{
  GtkWidget *row = roster_test_ui_find_widget (GTK_WIDGET (fixture->dialog), ADW_TYPE_ACTION_ROW,
                                               "title", text);

  return row != NULL && gtk_widget_is_visible (row);
}

/* Every way a user could send the form: the action, and Enter in the last field. */
void
try_to_register (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  g_signal_emit_by_name (entry_row (fixture, "Phone number"), "entry-activated");
  roster_test_ui_iterate (200);
  g_assert_false (roster_register_dialog_get_busy (fixture->dialog));
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 0);
}

void
select_schedule (Fixture            *fixture,
                 RosterScheduleKind  kind)
{
  AdwComboRow *row = combo_row (fixture, "Schedule");
  GListModel *model = adw_combo_row_get_model (row);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterSchedule) schedule = g_list_model_get_item (model, i);

      if (roster_schedule_get_kind (schedule) == kind)
        {
          adw_combo_row_set_selected (row, i);
          roster_test_ui_iterate (20);
          return;
        }
    }
  g_assert_not_reached ();
}

void
select_zone (Fixture    *fixture,
             const char *zone)
{
  const char * const *zones = roster_zone_row_get_zones ();

  for (guint i = 0; zones[i] != NULL; i++)
    if (g_str_equal (zones[i], zone))
      {
        adw_combo_row_set_selected (combo_row (fixture, "Time Zone"), i + 1);
        return;
      }
  g_assert_not_reached ();
}

void
fill_person (Fixture    *fixture,
             const char *first,
             const char *last,
             const char *email)
{
  set_field (fixture, "First name", first);
  set_field (fixture, "Last name", last);
  set_field (fixture, "Email address", email);
}
