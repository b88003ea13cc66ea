/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-registrants-ux"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "roster-account.h"
#include "roster-clock.h"
#include "roster-fake-service.h"
#include "roster-registrant-details.h"
#include "roster-registrant-export.h"
#include "roster-registrant-stats.h"
#include "roster-registrants-chart.h"
#include "roster-registrants-summary.h"
#include "roster-registrants-view.h"
#include "roster-segment-menu.h"
#include "roster-test-ui.h"
#include "roster-utm-chart.h"

/* What issue 17 found in the registrants view, on screen (Xvfb) against the fake service over
 * HTTP: a dash instead of zeros until the numbers are known, funnel counts shown whole, the
 * UTM chart and its words, segments one click away (built-in and saved) with their export,
 * and readable field names and one clock format in the details. */

typedef struct
{
  RosterFakeService     *service;
  RosterRateLimiter     *limiter;
  RosterClient          *client;
  RosterWebinar         *detail;
  RosterAccount         *account;  /* whose store the view reads */
  GtkWindow             *window;
  RosterRegistrantsView *view;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 webinar_id;

  fixture->service = roster_fake_service_new (17);
  roster_fake_service_set_rate_limit (fixture->service, 0);
  roster_fake_service_set_page_size (fixture->service, 50);
  roster_fake_service_start (fixture->service, &error);
  g_assert_no_error (error);
  webinar_id = roster_fake_service_get_main_webinar_id (fixture->service);
  roster_fake_service_set_registrant_count (fixture->service, webinar_id, 300);

  fixture->limiter = roster_rate_limiter_new (1000, G_USEC_PER_SEC);
  g_source_attach ((GSource *) fixture->limiter, NULL);
  fixture->client = roster_test_client_for (fixture->service, roster_fake_service_get_api_key (fixture->service),
                                            fixture->limiter, 5000);
  fixture->detail = roster_test_get_webinar (fixture->client, webinar_id);
  fixture->account = roster_account_new ("Registrants UX Test", ROSTER_PRODUCT_EVERWEBINAR,
                                         roster_fake_service_get_base_url (fixture->service));
  g_assert_true (roster_account_forget_registrant_store (fixture->account, NULL));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1280, 800);
  fixture->view = ROSTER_REGISTRANTS_VIEW (roster_registrants_view_new ());
  roster_registrants_view_set_account (fixture->view, fixture->account);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  roster_test_ui_iterate (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  roster_test_ui_destroy (fixture->window);
  roster_test_ui_iterate (100);
  g_clear_object (&fixture->detail);
  roster_account_forget_registrant_store (fixture->account, NULL);
  g_clear_object (&fixture->account);
  g_clear_object (&fixture->client);
  g_source_destroy ((GSource *) fixture->limiter);
  g_clear_pointer (&fixture->limiter, roster_rate_limiter_unref);
  roster_fake_service_stop (fixture->service);
  g_clear_object (&fixture->service);
  roster_test_ui_iterate (20);
}

static void
wait_loaded (Fixture *fixture)
{
  /* Long enough for valgrind */
  gint64 end = g_get_monotonic_time () + 180 * G_USEC_PER_SEC;

  while (roster_registrants_view_get_loading (fixture->view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (roster_registrants_view_get_loading (fixture->view));
  /* The counts follow a little after the rows */
  roster_test_ui_iterate (300);
}

static void
start (Fixture *fixture)
{
  roster_registrants_view_set_client (fixture->view, fixture->client);
  roster_registrants_view_set_webinar (fixture->view, fixture->detail);
  roster_registrants_view_set_detail (fixture->view, fixture->detail);
  wait_loaded (fixture);
}

static GtkWidget *
find (Fixture *fixture,
      GType    type)
{
  GtkWidget *widget = roster_test_ui_find_widget (GTK_WIDGET (fixture->view), type, NULL, NULL);

  g_assert_nonnull (widget);
  return widget;
}

static char *
description (gpointer accessible)
{
  /* GTK 4.8 has no getter for an accessible property: the chart keeps what it was given */
  return g_strdup (g_object_get_data (G_OBJECT (accessible), "roster-description"));
}

/* The summary's first value label ("Registered") */
static const char *
registered_text (Fixture *fixture)
{
  GtkWidget *label = roster_test_ui_find_widget (find (fixture, ROSTER_TYPE_REGISTRANTS_SUMMARY),
                                                 GTK_TYPE_LABEL, NULL, NULL);

  return gtk_label_get_text (GTK_LABEL (label));
}

/* ---- the summary ----------------------------------------------------------------------------- */

static void
test_placeholder (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(RosterClient) bad = roster_test_client_for (fixture->service, "not-the-key", fixture->limiter, 5000);
  RosterRegistrantsSummary *summary;

  /* Slow pages: the numbers are not known while the first is on its way */
  roster_fake_service_set_latency (fixture->service, 400, 0);
  roster_registrants_view_set_client (fixture->view, fixture->client);
  roster_registrants_view_set_webinar (fixture->view, fixture->detail);
  roster_test_ui_iterate (100);
  summary = ROSTER_REGISTRANTS_SUMMARY (find (fixture, ROSTER_TYPE_REGISTRANTS_SUMMARY));
  g_assert_true (roster_registrants_view_get_loading (fixture->view));
  g_assert_true (roster_registrants_summary_get_placeholder_shown (summary));
  g_assert_cmpstr (registered_text (fixture), ==, "—");
  /* The charts draw nothing, not zeros */
  g_assert_cmpuint (roster_registrants_chart_get_n_values (ROSTER_REGISTRANTS_CHART (find (fixture, ROSTER_TYPE_REGISTRANTS_CHART))), ==, 0);
  g_assert_cmpuint (roster_registrants_chart_get_n_values (ROSTER_REGISTRANTS_CHART (roster_utm_chart_get_chart (ROSTER_UTM_CHART (find (fixture, ROSTER_TYPE_UTM_CHART))))), ==, 0);

  roster_fake_service_set_latency (fixture->service, 0, 0);
  wait_loaded (fixture);
  g_assert_false (roster_registrants_summary_get_placeholder_shown (summary));
  /* The counts follow the last rows a moment later */
  for (gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
       g_strcmp0 (registered_text (fixture), "300") != 0 && g_get_monotonic_time () < end;)
    roster_test_ui_iterate (10);
  g_assert_cmpstr (registered_text (fixture), ==, "300");

  /* A first load that fails shows no zeros either (stored rows would stay) */
  g_assert_true (roster_account_forget_registrant_store (fixture->account, NULL));
  roster_registrants_view_set_client (fixture->view, bad);
  wait_loaded (fixture);
  g_assert_cmpstr (roster_registrants_view_get_state (fixture->view), ==, "error");
  g_assert_true (roster_registrants_summary_get_placeholder_shown (summary));
  g_assert_cmpstr (registered_text (fixture), ==, "—");
}

/* A label under @root whose text ends so, or NULL */
static GtkLabel *
label_ending (GtkWidget  *root,
              const char *suffix)
{
  if (GTK_IS_LABEL (root) && g_str_has_suffix (gtk_label_get_text (GTK_LABEL (root)), suffix))
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = label_ending (child, suffix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Revenue in the webinar's currency where the API gives one, and said to be unknown where not */
static void
test_revenue_currency (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterWebinar) detail = NULL;
  GtkWidget *summary;
  RosterWebinar *paid = NULL;

  /* The demo's main webinar is free: it sells, but names no currency */
  start (fixture);
  summary = find (fixture, ROSTER_TYPE_REGISTRANTS_SUMMARY);
  g_assert_cmpstr (roster_webinar_get_registration_currency (fixture->detail), ==, NULL);
  g_assert_nonnull (label_ending (summary, " (currency unknown)"));

  roster_client_list_webinars_async (fixture->client, NULL, roster_test_store_result, &result);
  webinars = roster_client_list_webinars_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < webinars->len && paid == NULL; i++)
    if (g_strcmp0 (roster_webinar_get_title (webinars->pdata[i]), "Webinar Funnel Teardown") == 0)
      paid = webinars->pdata[i];
  g_assert_nonnull (paid);
  detail = roster_test_get_webinar (fixture->client, roster_webinar_get_id (paid));
  g_assert_cmpstr (roster_webinar_get_registration_currency (detail), ==, "EUR");

  roster_registrants_view_set_webinar (fixture->view, paid);
  roster_registrants_view_set_detail (fixture->view, detail);
  wait_loaded (fixture);
  g_assert_nonnull (label_ending (summary, " EUR"));
  g_assert_null (label_ending (summary, " (currency unknown)"));
}

/* Width enough for the widest label and count beside a bar: nothing clipped. */
static void
test_funnel_fits (Fixture       *fixture,
                  gconstpointer  data)
{
  RosterRegistrantsChart *funnel = ROSTER_REGISTRANTS_CHART (roster_registrants_chart_new (ROSTER_REGISTRANTS_CHART_FUNNEL));
  const double values[] = { 2400000, 1027000, 600000, 12 };
  const char *labels[] = { "Registered for it", "Attended the live session", "Watched the replay", "Bought" };
  g_autoptr(PangoLayout) label = NULL;
  g_autoptr(PangoLayout) count = NULL;
  PangoAttrList *attrs = pango_attr_list_new ();
  int label_width, count_width, minimum;

  gtk_window_set_child (fixture->window, GTK_WIDGET (funnel));
  roster_registrants_chart_set_data (funnel, values, labels, 4, "test");
  roster_test_ui_iterate (50);

  label = gtk_widget_create_pango_layout (GTK_WIDGET (funnel), labels[1]);
  count = gtk_widget_create_pango_layout (GTK_WIDGET (funnel), "1027000 (43%)");
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (label, attrs);
  pango_layout_set_attributes (count, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (label, &label_width, NULL);
  pango_layout_get_pixel_size (count, &count_width, NULL);

  gtk_widget_measure (GTK_WIDGET (funnel), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, >=, label_width + count_width + 40);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (funnel)), >=, minimum);
}

/* ---- UTM ------------------------------------------------------------------------------------- */

static void
test_utm_chart (Fixture       *fixture,
                gconstpointer  data)
{
  RosterUtmChart *utm;
  RosterRegistrantsChart *ranking;
  g_autofree char *words = NULL;
  g_autofree char *first = NULL;
  double sum = 0;
  guint n;

  start (fixture);
  utm = ROSTER_UTM_CHART (find (fixture, ROSTER_TYPE_UTM_CHART));
  ranking = ROSTER_REGISTRANTS_CHART (roster_utm_chart_get_chart (utm));
  /* Beside the other two at this width */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (ranking)));
  g_assert_cmpint (roster_utm_chart_get_field (utm), ==, ROSTER_UTM_SOURCE);

  /* Every sign-up is counted once; the most common source first */
  g_assert_cmpuint (roster_registrants_chart_get_n_values (ranking), >, 1);
  for (guint i = 0; i < roster_registrants_chart_get_n_values (ranking); i++)
    sum += roster_registrants_chart_get_value (ranking, i);
  g_assert_cmpfloat (sum, ==, 300);
  /* (six at most: past five, the rest add up to "Other", last) */
  n = roster_registrants_chart_get_n_values (ranking);
  g_assert_cmpuint (n, <=, 6);
  for (guint i = 1; i < MIN (n, 5); i++)
    g_assert_cmpfloat (roster_registrants_chart_get_value (ranking, i - 1), >=,
                       roster_registrants_chart_get_value (ranking, i));

  /* Its description states the numbers */
  words = description (ranking);
  g_assert_nonnull (words);
  g_assert_true (g_str_has_prefix (words, "Sign-ups by UTM source: "));
  first = g_strdup_printf ("%.0f (", roster_registrants_chart_get_value (ranking, 0));
  g_assert_nonnull (strstr (words, first));
  g_assert_nonnull (strstr (words, "%)"));

  /* A click on "Campaign" in its title counts by campaign */
  {
    GtkWidget *title = roster_test_ui_find_widget (GTK_WIDGET (utm), GTK_TYPE_LABEL, NULL, NULL);
    gboolean handled = FALSE;

    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (title)), "<a href=\"campaign\">Campaign</a>"));
    g_signal_emit_by_name (title, "activate-link", "campaign", &handled);
    g_assert_true (handled);
  }
  roster_test_ui_iterate (50);
  g_assert_cmpint (roster_utm_chart_get_field (utm), ==, ROSTER_UTM_CAMPAIGN);
  g_clear_pointer (&words, g_free);
  words = description (ranking);
  g_assert_true (g_str_has_prefix (words, "Sign-ups by UTM campaign: "));
}

/* ---- segments -------------------------------------------------------------------------------- */

static void
apply_segment (Fixture    *fixture,
               const char *id)
{
  gtk_widget_activate_action (find (fixture, ROSTER_TYPE_SEGMENT_MENU), "segments.apply", "s", id);
  wait_loaded (fixture);
}

/* The rows shown, exported as the Export button's "shown" choice writes them */
static char *
export_shown (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("roster-segment-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "segment.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  char *contents = NULL;

  g_assert_no_error (error);
  roster_registrants_view_export_to_file_async (fixture->view, file, TRUE, FALSE, NULL,
                                                roster_test_store_result, &result);
  g_assert_true (roster_registrants_view_export_to_file_finish (fixture->view, roster_test_wait_for_result (&result),
                                                                &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_remove (path);
  g_rmdir (dir);
  return contents;
}

/* The export names every person shown with their personal replay link. */
static void
assert_replay_links (const char *csv,
                     GListModel *shown)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
  guint n = g_list_model_get_n_items (shown);

  g_assert_true (g_str_has_prefix (csv, "lead_id,"));
  g_assert_nonnull (strstr (lines[0], ",replay_room_url,"));
  /* The header, a line a person, and the end */
  g_assert_cmpuint (g_strv_length (lines), ==, n + 2);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (shown, i);
      const char *link = roster_registrant_get_replay_room_url (r);

      g_assert_nonnull (link);
      g_assert_true (g_str_has_prefix (link, "http"));
      g_assert_nonnull (strstr (lines[i + 1], link));
    }
}

static void
test_segments (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(RosterRegistrantFilter) filter = NULL;
  g_autoptr(GVariant) saved = NULL;
  g_autofree char *csv = NULL;
  RosterSegmentMenu *menu;
  GListModel *shown;
  start (fixture);
  menu = ROSTER_SEGMENT_MENU (find (fixture, ROSTER_TYPE_SEGMENT_MENU));
  shown = roster_registrants_view_get_shown (fixture->view);

  /* No-shows: the server is asked; no one shown attended */
  apply_segment (fixture, "no-shows");
  filter = roster_registrants_view_dup_filter (fixture->view);
  g_assert_cmpint (filter->attended_live, ==, 2);
  g_assert_cmpint (filter->attended_replay, ==, 2);
  g_assert_cmpstr (roster_segment_menu_get_active (menu)->id, ==, "no-shows");
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (shown, i);

      g_assert_cmpint (roster_registrant_get_attended_live (r), !=, ROSTER_FLAG_YES);
      g_assert_cmpint (roster_registrant_get_attended_replay (r), !=, ROSTER_FLAG_YES);
    }
  /* The re-invite list: each with a personal replay link */
  csv = export_shown (fixture);
  assert_replay_links (csv, shown);

  /* Watched but did not buy: the server leaves out buyers, the rule those who watched neither */
  apply_segment (fixture, "watched-no-purchase");
  g_clear_pointer (&filter, roster_registrant_filter_free);
  filter = roster_registrants_view_dup_filter (fixture->view);
  g_assert_cmpint (filter->purchased, ==, 2);
  g_assert_cmpint (filter->attended_live, <=, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (shown, i);

      g_assert_true (roster_registrant_get_attended_live (r) == ROSTER_FLAG_YES ||
                     roster_registrant_get_attended_replay (r) == ROSTER_FLAG_YES);
      g_assert_false (roster_registrant_stats_has_bought (r));
    }
  g_clear_pointer (&csv, g_free);
  csv = export_shown (fixture);
  assert_replay_links (csv, shown);

  /* Another filter ends the segment, and its rule with it */
  roster_registrants_view_clear_filters (fixture->view);
  wait_loaded (fixture);
  g_assert_null (roster_segment_menu_get_active (menu));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 300);

  /* Saving the filters in force under a name: kept in GSettings, one click away */
  g_clear_pointer (&filter, roster_registrant_filter_free);
  filter = roster_registrant_filter_new ();
  filter->purchased = 1;
  roster_registrants_view_set_filter (fixture->view, filter);
  wait_loaded (fixture);
  {
    AdwMessageDialog *dialog = NULL;
    GListModel *toplevels = gtk_window_get_toplevels ();

    gtk_widget_activate_action (GTK_WIDGET (menu), "segments.save", NULL);
    roster_test_ui_iterate (100);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
          dialog = ADW_MESSAGE_DIALOG (window);
      }
    g_assert_nonnull (dialog);
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Buyers");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
    adw_message_dialog_response (dialog, "save");
    roster_test_ui_iterate (100);
  }
  saved = g_settings_get_value (settings, "registrant-segments");
  g_assert_cmpuint (g_variant_n_children (saved), ==, 1);
  g_assert_cmpstr (roster_segment_menu_get_active (menu)->name, ==, "Buyers");
  roster_registrants_view_clear_filters (fixture->view);
  wait_loaded (fixture);
  g_assert_null (roster_segment_menu_get_active (menu));

  apply_segment (fixture, "saved:Buyers");
  g_clear_pointer (&filter, roster_registrant_filter_free);
  filter = roster_registrants_view_dup_filter (fixture->view);
  g_assert_cmpint (filter->purchased, ==, 1);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (shown, i);

      g_assert_true (roster_registrant_stats_has_bought (r));
    }

  /* Removed: gone from the setting and no longer in force */
  gtk_widget_activate_action (GTK_WIDGET (menu), "segments.remove", "s", "saved:Buyers");
  roster_test_ui_iterate (50);
  g_clear_pointer (&saved, g_variant_unref);
  saved = g_settings_get_value (settings, "registrant-segments");
  g_assert_cmpuint (g_variant_n_children (saved), ==, 0);
  g_assert_null (roster_segment_menu_get_active (menu));
  g_settings_reset (settings, "registrant-segments");
}

/* ---- the details ----------------------------------------------------------------------------- */

/* The value under a field's label in the details pane */
static const char *
field_value (RosterRegistrantDetails *details,
             const char              *label)
{
  GtkWidget *name = roster_test_ui_find_widget (GTK_WIDGET (details), GTK_TYPE_LABEL, "label", label);

  g_assert_nonnull (name);
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (name)));
}

static void
test_details_fields (Fixture       *fixture,
                     gconstpointer  data)
{
  RosterClock *clock = roster_clock_get_default ();
  gboolean was_twelve_hour = roster_clock_get_twelve_hour (clock);
  RosterRegistrantDetails *details;
  g_autoptr(RosterRegistrant) r = NULL;
  const char *raw;

  start (fixture);
  r = g_list_model_get_item (roster_registrants_view_get_shown (fixture->view), 0);
  roster_registrants_view_show_details (fixture->view, r);
  roster_test_ui_iterate (50);
  details = ROSTER_REGISTRANT_DETAILS (find (fixture, ROSTER_TYPE_REGISTRANT_DETAILS));

  /* Words, not the API's names */
  g_assert_nonnull (roster_test_ui_find_widget (GTK_WIDGET (details), GTK_TYPE_LABEL, "label", "Lead ID"));
  g_assert_nonnull (roster_test_ui_find_widget (GTK_WIDGET (details), GTK_TYPE_LABEL, "label", "GDPR Status"));
  g_assert_nonnull (roster_test_ui_find_widget (GTK_WIDGET (details), GTK_TYPE_LABEL, "label", "UTM Source"));
  g_assert_null (roster_test_ui_find_widget (GTK_WIDGET (details), GTK_TYPE_LABEL, "label", "lead_id"));
  g_assert_null (roster_test_ui_find_widget (GTK_WIDGET (details), GTK_TYPE_LABEL, "label", "gdpr_status"));

  /* The sign-up time as the clock says, and again when the setting changes */
  raw = roster_registrant_get_signup_date (r);
  /* the fake writes "Tue, 28 Oct 2025, 09:14 AM" */
  g_assert_true (g_str_has_suffix (raw, " AM") || g_str_has_suffix (raw, " PM"));
  roster_clock_set_twelve_hour (clock, FALSE);
  roster_test_ui_iterate (20);
  g_assert_false (g_str_has_suffix (field_value (details, "Signed Up"), "M"));
  g_assert_cmpint (strlen (field_value (details, "Signed Up")), ==, strlen (raw) - 3);
  roster_clock_set_twelve_hour (clock, TRUE);
  roster_test_ui_iterate (20);
  g_assert_cmpstr (field_value (details, "Signed Up"), ==, raw);
  roster_clock_set_twelve_hour (clock, was_twelve_hour);
}

int
main (int   argc,
      char *argv[])
{
  roster_test_ui_init (&argc, &argv);

  g_test_add ("/registrants-ux/placeholder", Fixture, NULL, fixture_set_up, test_placeholder, fixture_tear_down);
  g_test_add ("/registrants-ux/revenue-currency", Fixture, NULL, fixture_set_up, test_revenue_currency,
              fixture_tear_down);
  g_test_add ("/registrants-ux/funnel-fits", Fixture, NULL, fixture_set_up, test_funnel_fits, fixture_tear_down);
  g_test_add ("/registrants-ux/utm-chart", Fixture, NULL, fixture_set_up, test_utm_chart, fixture_tear_down);
  g_test_add ("/registrants-ux/segments", Fixture, NULL, fixture_set_up, test_segments, fixture_tear_down);
  g_test_add ("/registrants-ux/details-fields", Fixture, NULL, fixture_set_up, test_details_fields,
              fixture_tear_down);

  return g_test_run ();
}
