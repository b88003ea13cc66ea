/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-register-target"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "roster-test-register.h"
#include "roster-test-ui.h"
#include "roster-test-util.h"

/* Whom the "Register one person" dialog registers for, on screen (Xvfb) against the fake
 * service over real HTTP on loopback: the warning of a schedule that lets people in at once, a
 * series' session in the zone of the user's choice, the zone the main window remembers, and
 * another webinar chosen in the dialog. */

#define WARNING_TEXT "People registered to an instant replay or just-in-time schedule are let in right away, not at a fixed time."

/* ---- Schedules --------------------------------------------------------------------------------- */

static void
test_instant_replay_warning (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *warning;

  open_dialog (fixture, "Growth Masterclass");
  warning = find (fixture, ADW_TYPE_ACTION_ROW, "title", WARNING_TEXT);

  select_schedule (fixture, ROSTER_SCHEDULE_KIND_INSTANT_REPLAY);
  g_assert_true (gtk_widget_is_visible (warning));
  /* A single session: no session to choose. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (combo_row (fixture, "Session"))));
  pause_for_screenshot ("instant-replay");

  select_schedule (fixture, ROSTER_SCHEDULE_KIND_JUST_IN_TIME);
  g_assert_true (gtk_widget_is_visible (warning));

  select_schedule (fixture, ROSTER_SCHEDULE_KIND_RECURRING);
  g_assert_false (gtk_widget_is_visible (warning));

  /* It warns; it does not stop anyone. */
  select_schedule (fixture, ROSTER_SCHEDULE_KIND_INSTANT_REPLAY);
  fill_person (fixture, "Ada", "", "ada@example.org");
  g_assert_true (register_enabled (fixture));
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  wait_until (fixture, not_busy, 5000);
  g_assert_cmpuint (fixture->registered->len, ==, 1);
}

static GPtrArray *
session_dates (Fixture            *fixture,
               gint64              webinar_id,
               const char         *zone,
               RosterScheduleKind  kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterWebinar) detail = NULL;
  GPtrArray *dates = g_ptr_array_new_with_free_func (g_free);
  GListModel *schedules;

  roster_client_get_webinar_async (fixture->client, webinar_id, zone, NULL,
                                   roster_test_store_result, &result);
  detail = roster_client_get_webinar_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  schedules = roster_webinar_get_schedules (detail);
  for (guint i = 0; i < g_list_model_get_n_items (schedules); i++)
    {
      g_autoptr(RosterSchedule) schedule = g_list_model_get_item (schedules, i);

      if (roster_schedule_get_kind (schedule) == kind)
        g_ptr_array_add (dates, g_strdup (roster_schedule_get_date (schedule)));
    }
  return dates;
}

static void
test_series_date_zone (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GVariant) saved = NULL;
  RosterWebinar *webinar;
  AdwComboRow *session;
  AdwComboRow *zone;
  GListModel *dates;

  /* Attendee zones: the zone is the person's own, and the server needs it. */
  open_dialog (fixture, "Onboarding Bootcamp: Your First 30 Days");
  webinar = roster_register_dialog_get_webinar (fixture->dialog);
  session = combo_row (fixture, "Session");
  zone = combo_row (fixture, "Time Zone");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (zone)));
  g_assert_cmpuint (adw_combo_row_get_selected (zone), ==, 0);

  /* One row per schedule ID, though the series comes once per session. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (combo_row (fixture, "Schedule"))), ==, 3);

  select_schedule (fixture, ROSTER_SCHEDULE_KIND_JUST_IN_TIME);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (session)));
  select_schedule (fixture, ROSTER_SCHEDULE_KIND_RECURRING);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (session)));
  dates = adw_combo_row_get_model (session);
  g_assert_cmpuint (g_list_model_get_n_items (dates), >, 1);

  /* Another zone: the dates are fetched again in it. */
  select_zone (fixture, "GMT+2");
  g_assert_true (roster_register_dialog_get_loading (fixture->dialog));
  g_assert_false (register_enabled (fixture));
  wait_until (fixture, detail_loaded, 5000);
  roster_test_ui_iterate (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (session)));
  g_assert_cmpint (roster_schedule_get_kind (adw_combo_row_get_selected_item (combo_row (fixture, "Schedule"))),
                   ==, ROSTER_SCHEDULE_KIND_RECURRING);
  expected = session_dates (fixture, roster_webinar_get_id (webinar), "GMT+2", ROSTER_SCHEDULE_KIND_RECURRING);
  g_assert_cmpuint (g_list_model_get_n_items (dates), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (dates), i), ==,
                     g_ptr_array_index (expected, i));

  adw_combo_row_set_selected (session, 1);
  fill_person (fixture, "Ada", "Lovelace", "ada@example.org");
  g_assert_true (register_enabled (fixture));
  pause_for_screenshot ("series");

  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  wait_until (fixture, not_busy, 5000);
  g_assert_cmpuint (fixture->registered->len, ==, 1);

  form = roster_fake_service_dup_last_form (fixture->service, "register");
  g_assert_cmpstr (g_hash_table_lookup (form, "date"), ==, g_ptr_array_index (expected, 1));
  g_assert_cmpstr (g_hash_table_lookup (form, "timezone"), ==, "GMT+2");
  g_assert_cmpstr (roster_registration_get_date (g_ptr_array_index (fixture->registered, 0)), ==,
                   g_ptr_array_index (expected, 1));

  /* A display choice of the overview, not this person's: the dialog leaves it alone. */
  saved = g_settings_get_value (fixture->settings, "webinar-timezones");
  g_assert_cmpuint (g_variant_n_children (saved), ==, 0);
}

/* The zone the main window shows the webinar in is the one asked for at first. */
static void
test_remembered_zone (Fixture       *fixture,
                      gconstpointer  data)
{
  RosterWebinar *webinar = find_webinar (fixture, "Onboarding Bootcamp: Your First 30 Days");
  g_autoptr(GHashTable) form = NULL;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{xs}"));
  g_variant_builder_add (&builder, "{xs}", roster_webinar_get_id (webinar), "GMT+5:30");
  g_settings_set_value (fixture->settings, "webinar-timezones", g_variant_builder_end (&builder));

  open_dialog (fixture, "Onboarding Bootcamp: Your First 30 Days");
  form = roster_fake_service_dup_last_form (fixture->service, "webinar");
  g_assert_cmpstr (g_hash_table_lookup (form, "timezone"), ==, "GMT+5:30");
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (combo_row (fixture, "Time Zone"))),
                   ==, "GMT+5:30");
  g_clear_pointer (&form, g_hash_table_unref);

  fill_person (fixture, "Ada", "", "ada@example.org");
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  wait_until (fixture, not_busy, 5000);
  g_assert_cmpuint (fixture->registered->len, ==, 1);
  form = roster_fake_service_dup_last_form (fixture->service, "register");
  g_assert_cmpstr (g_hash_table_lookup (form, "timezone"), ==, "GMT+5:30");
}

/* Choosing another webinar fetches it; the selected one comes first. */
static void
test_choose_webinar (Fixture       *fixture,
                     gconstpointer  data)
{
  RosterWebinar *other = find_webinar (fixture, "Launch Day: The Full Replay");
  AdwComboRow *row;
  guint position = GTK_INVALID_LIST_POSITION;

  open_dialog (fixture, "Growth Masterclass");
  row = combo_row (fixture, "Webinar");
  g_assert_true (adw_combo_row_get_selected_item (row) == find_webinar (fixture, "Growth Masterclass"));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->webinars)); i++)
    {
      g_autoptr(RosterWebinar) item = g_list_model_get_item (G_LIST_MODEL (fixture->webinars), i);

      if (item == other)
        position = i;
    }
  fill_person (fixture, "Ada", "", "ada@example.org");
  adw_combo_row_set_selected (row, position);
  g_assert_true (roster_register_dialog_get_loading (fixture->dialog));
  g_assert_false (register_enabled (fixture));
  wait_until (fixture, detail_loaded, 5000);
  g_assert_cmpint (roster_webinar_get_id (roster_register_dialog_get_detail (fixture->dialog)), ==,
                   roster_webinar_get_id (other));
  /* The person stays; the one-time schedule has a single session. */
  g_assert_cmpstr (get_field (fixture, "First name"), ==, "Ada");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (combo_row (fixture, "Schedule"))), ==, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (combo_row (fixture, "Session"))));
  g_assert_true (register_enabled (fixture));
}

int
main (int   argc,
      char *argv[])
{
  roster_test_ui_init (&argc, &argv);
  if (g_getenv ("ROSTER_TEST_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/register-dialog/instant-replay-warning", test_instant_replay_warning);
  ADD ("/register-dialog/series-date-zone", test_series_date_zone);
  ADD ("/register-dialog/remembered-zone", test_remembered_zone);
  ADD ("/register-dialog/choose-webinar", test_choose_webinar);
#undef ADD

  return g_test_run ();
}
