/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-refresh"

#include "config.h"

#include <adwaita.h>

#include "roster-fake-service.h"
#include "roster-import-dialog.h"
#include "roster-registrants-view.h"
#include "roster-test-import-dialog.h"
#include "roster-test-import.h"
#include "roster-test-ui.h"

/* After an import the registrants view is refreshed: a window shows a webinar's registrants
 * from the account's store, the import dialog (a real one, against the fake over loopback)
 * registers a file into that webinar, and the new people appear in the view without a reload
 * or a sync, because the dialog hands the job the account's store. */

static RosterRegistrantsView *
show_registrants (Fixture       *fixture,
                  RosterAccount *account)
{
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  RosterRegistrantsView *view = ROSTER_REGISTRANTS_VIEW (roster_registrants_view_new ());
  gint64 end = g_get_monotonic_time () + (under_valgrind () ? 300 : 20) * G_USEC_PER_SEC;

  adw_toast_overlay_set_child (overlay, GTK_WIDGET (view));
  gtk_window_set_child (fixture->parent, GTK_WIDGET (overlay));
  roster_registrants_view_set_account (view, account);
  roster_registrants_view_set_client (view, fixture->client);
  roster_registrants_view_set_webinar (view, find_webinar (fixture, TARGET));
  roster_test_ui_iterate (50);
  while (roster_registrants_view_get_loading (view))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      roster_test_ui_iterate (20);
    }
  /* The view reads the people through the store, which the account now holds open. */
  g_assert_nonnull (roster_account_peek_registrant_store (account));
  return view;
}

static gboolean
shows_email (RosterRegistrantsView *view,
             const char            *email)
{
  GListModel *shown = roster_registrants_view_get_shown (view);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(RosterRegistrant) registrant = g_list_model_get_item (shown, i);

      if (g_strcmp0 (roster_registrant_get_email (registrant), email) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_view_refreshed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RosterAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  RosterRegistrantsView *view;
  RosterImportJob *job;
  guint before;
  guint n_rows;
  gint64 end;

  account = roster_account_new ("Refresh Test", ROSTER_PRODUCT_EVERWEBINAR,
                                roster_fake_service_get_base_url (fixture->service));
  g_assert_true (roster_account_forget_registrant_store (account, &error));
  g_assert_no_error (error);
  view = show_registrants (fixture, account);
  before = roster_registrants_view_get_n_loaded (view);
  g_assert_false (shows_email (view, roster_import_plan_get_row_value (fixture->plan, 0, ROSTER_IMPORT_FIELD_EMAIL)));

  open_dialog (fixture, fixture->file);
  roster_import_dialog_set_account (fixture->dialog, account);
  walk_to_review (fixture);
  tick_consent (fixture);
  roster_fake_service_reset_counters (fixture->service);
  next (fixture);
  wait_until (fixture, on_results, under_valgrind () ? 300000 : 20000);
  job = roster_import_dialog_get_job (fixture->dialog);
  n_rows = roster_import_job_get_n_registered (job);
  g_assert_cmpuint (n_rows, >, 0);

  /* Each registration reaches the view through the store's "changed", not a new reading */
  end = g_get_monotonic_time () + (under_valgrind () ? 60 : 5) * G_USEC_PER_SEC;
  while (roster_registrants_view_get_n_loaded (view) < before + n_rows && g_get_monotonic_time () < end)
    roster_test_ui_iterate (20);
  g_assert_cmpuint (roster_registrants_view_get_n_loaded (view), ==, before + n_rows);
  g_assert_true (shows_email (view, roster_import_plan_get_row_value (fixture->plan, 0, ROSTER_IMPORT_FIELD_EMAIL)));
  g_assert_false (roster_registrants_view_get_loading (view));
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "registrants"), ==, 0);

  roster_account_forget_registrant_store (account, NULL);
}

int
main (int   argc,
      char *argv[])
{
  roster_test_ui_init (&argc, &argv);

  g_test_add ("/import-refresh/view-refreshed", Fixture, NULL, fixture_set_up, test_view_refreshed,
              fixture_tear_down);

  return g_test_run ();
}
