/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-registrants-store"

#include "config.h"

#include <adwaita.h>

#include "roster-fake-service.h"
#include "roster-registrants-sync-line.h"
#include "roster-registrants-view.h"
#include "roster-test-fake.h"
#include "roster-test-ui.h"

/* The registrants view's store path on screen (Xvfb), against the fake service over real HTTP
 * and a store in the test's own data folder: a second opening shows the stored rows before its
 * refresh is done, the synced line says when, the refresh button and the full resync cost what
 * they should, a registration shows without a sync, a failed refresh keeps the rows, and a
 * forgotten store empties the view. */

#define N_PEOPLE 400
#define PAGE_SIZE 25

typedef struct
{
  RosterFakeService     *service;
  RosterRateLimiter     *limiter;
  RosterClient          *client;
  RosterAccount         *account;
  RosterWebinar         *webinar;
  GtkWindow             *window;
  RosterRegistrantsView *view;
  gint64                 webinar_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwToastOverlay *overlay;

  fixture->service = roster_test_fake_start (11, 0);
  roster_fake_service_set_page_size (fixture->service, PAGE_SIZE);
  fixture->webinar_id = roster_fake_service_get_main_webinar_id (fixture->service);
  roster_fake_service_set_registrant_count (fixture->service, fixture->webinar_id, N_PEOPLE);
  fixture->limiter = roster_rate_limiter_new (1000, G_USEC_PER_SEC);
  g_source_attach ((GSource *) fixture->limiter, NULL);
  fixture->client = roster_test_client_for (fixture->service,
                                            roster_fake_service_get_api_key (fixture->service),
                                            fixture->limiter, 5000);
  fixture->webinar = roster_test_get_webinar (fixture->client, fixture->webinar_id);
  fixture->account = roster_account_new ("Store Test", ROSTER_PRODUCT_EVERWEBINAR,
                                         roster_fake_service_get_base_url (fixture->service));
  g_assert_true (roster_account_forget_registrant_store (fixture->account, &error));
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1200, 800);
  overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  fixture->view = ROSTER_REGISTRANTS_VIEW (roster_registrants_view_new ());
  adw_toast_overlay_set_child (overlay, GTK_WIDGET (fixture->view));
  gtk_window_set_child (fixture->window, GTK_WIDGET (overlay));
  gtk_window_present (fixture->window);
  roster_test_ui_iterate (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  roster_test_ui_destroy (fixture->window);
  roster_test_ui_iterate (200);
  roster_account_forget_registrant_store (fixture->account, NULL);
  g_clear_object (&fixture->account);
  g_clear_object (&fixture->webinar);
  g_clear_object (&fixture->client);
  g_source_destroy ((GSource *) fixture->limiter);
  g_clear_pointer (&fixture->limiter, roster_rate_limiter_unref);
  roster_fake_service_stop (fixture->service);
  g_clear_object (&fixture->service);
  roster_test_ui_iterate (20);
}

typedef gboolean (*Condition) (Fixture *fixture);

static void
wait_until (Fixture   *fixture,
            Condition  condition)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (fixture))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Condition not met (state %s, %u rows)", roster_registrants_view_get_state (fixture->view),
                 roster_registrants_view_get_n_loaded (fixture->view));
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
    }
}

static gboolean
sync_done (Fixture *fixture)
{
  return !roster_registrants_view_get_loading (fixture->view);
}

static gboolean
all_rows_shown (Fixture *fixture)
{
  return roster_registrants_view_get_n_loaded (fixture->view) >= N_PEOPLE;
}

static gboolean
one_more_shown (Fixture *fixture)
{
  return roster_registrants_view_get_n_loaded (fixture->view) == N_PEOPLE + 1;
}

static guint
n_calls (Fixture *fixture)
{
  return roster_fake_service_get_n_calls (fixture->service, "registrants");
}

static RosterRegistrantsSyncLine *
sync_line (Fixture *fixture)
{
  GtkWidget *line = roster_test_ui_find_widget (GTK_WIDGET (fixture->view),
                                                ROSTER_TYPE_REGISTRANTS_SYNC_LINE, NULL, NULL);

  g_assert_nonnull (line);
  return ROSTER_REGISTRANTS_SYNC_LINE (line);
}

/* Opens the webinar and waits for its sync (the first: a full one). */
static void
open_webinar (Fixture *fixture)
{
  roster_registrants_view_set_account (fixture->view, fixture->account);
  roster_registrants_view_set_client (fixture->view, fixture->client);
  roster_registrants_view_set_webinar (fixture->view, fixture->webinar);
  wait_until (fixture, sync_done);
  roster_test_ui_iterate (200);
  g_assert_cmpuint (roster_registrants_view_get_n_loaded (fixture->view), ==, N_PEOPLE);
}

static void
test_stored_rows_first (Fixture       *fixture,
                        gconstpointer  data)
{
  open_webinar (fixture);
  g_assert_cmpstr (roster_registrants_sync_line_get_text (sync_line (fixture)), ==, "Synced just now");

  /* Away and back, with a slow server: every stored row shows while the refresh still runs */
  roster_registrants_view_set_webinar (fixture->view, NULL);
  g_assert_cmpuint (roster_registrants_view_get_n_loaded (fixture->view), ==, 0);
  roster_fake_service_set_latency (fixture->service, 300, 0);
  roster_fake_service_reset_counters (fixture->service);
  roster_registrants_view_set_webinar (fixture->view, fixture->webinar);
  wait_until (fixture, all_rows_shown);
  g_assert_true (roster_registrants_view_get_loading (fixture->view));
  g_assert_cmpuint (n_calls (fixture), ==, 0);
  g_assert_cmpstr (roster_registrants_view_get_state (fixture->view), ==, "list");
  g_assert_cmpstr (roster_registrants_sync_line_get_text (sync_line (fixture)), ==,
                   "Syncing with the server…");

  /* The refresh asks for far fewer pages than reading everyone */
  wait_until (fixture, sync_done);
  g_assert_cmpuint (n_calls (fixture), <, N_PEOPLE / PAGE_SIZE);
  g_assert_cmpuint (roster_registrants_view_get_n_loaded (fixture->view), ==, N_PEOPLE);
  g_assert_cmpstr (roster_registrants_sync_line_get_text (sync_line (fixture)), ==, "Synced just now");
}

static void
test_synced_line_and_refresh (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *button;

  open_webinar (fixture);

  /* The line counts the time since */
  roster_registrants_sync_line_set_last_sync (sync_line (fixture), g_get_real_time () / G_USEC_PER_SEC - 130);
  g_assert_cmpstr (roster_registrants_sync_line_get_text (sync_line (fixture)), ==, "Synced 2 minutes ago");
  roster_registrants_sync_line_set_last_sync (sync_line (fixture), g_get_real_time () / G_USEC_PER_SEC - 3 * 86400);
  g_assert_cmpstr (roster_registrants_sync_line_get_text (sync_line (fixture)), ==, "Synced 3 days ago");

  /* The button refreshes: a few calls, and the line is current again */
  roster_fake_service_reset_counters (fixture->service);
  button = roster_test_ui_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_BUTTON, "action-name",
                                       "registrants.refresh");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (roster_registrants_view_get_loading (fixture->view));
  wait_until (fixture, sync_done);
  g_assert_cmpuint (n_calls (fixture), >, 0);
  g_assert_cmpuint (n_calls (fixture), <, N_PEOPLE / PAGE_SIZE);
  g_assert_cmpstr (roster_registrants_sync_line_get_text (sync_line (fixture)), ==, "Synced just now");

  /* A full resync reads every page again */
  roster_fake_service_reset_counters (fixture->service);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "registrants.full-resync", NULL);
  wait_until (fixture, sync_done);
  g_assert_cmpuint (n_calls (fixture), >=, N_PEOPLE / PAGE_SIZE);
  g_assert_cmpuint (roster_registrants_view_get_n_loaded (fixture->view), ==, N_PEOPLE);
}

static void
test_registration_appears (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RosterRegisterParams) params = roster_register_params_new ();
  g_autoptr(RosterSchedule) schedule = g_list_model_get_item (roster_webinar_get_schedules (fixture->webinar), 0);
  g_autoptr(RosterRegistration) registration = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;
  GListModel *shown;

  open_webinar (fixture);
  params->webinar_id = fixture->webinar_id;
  params->schedule_id = roster_schedule_get_id (schedule);
  params->first_name = g_strdup ("Grace");
  params->last_name = g_strdup ("Hopper");
  params->email = g_strdup ("grace@example.org");
  roster_client_register_async (fixture->client, params, ROSTER_PRIORITY_INTERACTIVE, NULL,
                                roster_test_store_result, &result);
  registration = roster_client_register_finish (fixture->client, roster_test_wait_for_result (&result),
                                                &error);
  g_assert_no_error (error);

  /* What the window does with the register dialog's answer: no reload, no sync */
  roster_fake_service_reset_counters (fixture->service);
  roster_registrant_store_note_registered (roster_account_peek_registrant_store (fixture->account),
                                           registration);
  wait_until (fixture, one_more_shown);
  g_assert_false (roster_registrants_view_get_loading (fixture->view));
  g_assert_cmpuint (n_calls (fixture), ==, 0);
  shown = roster_registrants_view_get_shown (fixture->view);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (shown, i);

      found |= g_strcmp0 (roster_registrant_get_email (r), "grace@example.org") == 0;
    }
  g_assert_true (found);
}

static void
test_refresh_error_keeps_rows (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(RosterClient) bad = NULL;

  open_webinar (fixture);
  bad = roster_test_client_for (fixture->service, "not-the-key", fixture->limiter, 5000);
  roster_registrants_view_set_client (fixture->view, bad);
  wait_until (fixture, sync_done);

  g_assert_cmpstr (roster_registrants_view_get_state (fixture->view), ==, "list");
  g_assert_cmpuint (roster_registrants_view_get_n_loaded (fixture->view), ==, N_PEOPLE);
  g_assert_nonnull (strstr (roster_registrants_sync_line_get_text (sync_line (fixture)),
                            "Refresh failed, showing the stored registrants"));
}

static void
test_forgotten (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  open_webinar (fixture);
  g_assert_true (roster_account_forget_registrant_store (fixture->account, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (roster_registrants_view_get_n_loaded (fixture->view), ==, 0);
  g_assert_cmpstr (roster_registrants_view_get_state (fixture->view), ==, "none");
  g_assert_cmpstr (roster_registrants_sync_line_get_text (sync_line (fixture)), ==, "Not synced yet");

  /* The next open reads everyone again, into a new store */
  roster_fake_service_reset_counters (fixture->service);
  roster_registrants_view_reload (fixture->view);
  wait_until (fixture, sync_done);
  roster_test_ui_iterate (200);
  g_assert_cmpuint (roster_registrants_view_get_n_loaded (fixture->view), ==, N_PEOPLE);
  g_assert_cmpuint (n_calls (fixture), >=, N_PEOPLE / PAGE_SIZE);
}

int
main (int   argc,
      char *argv[])
{
  roster_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/registrants-store/stored-rows-first", test_stored_rows_first);
  ADD ("/registrants-store/synced-line-and-refresh", test_synced_line_and_refresh);
  ADD ("/registrants-store/registration-appears", test_registration_appears);
  ADD ("/registrants-store/refresh-error-keeps-rows", test_refresh_error_keeps_rows);
  ADD ("/registrants-store/forgotten", test_forgotten);
#undef ADD

  return g_test_run ();
}
