/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-registrants-ux"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "roster-clock.h"
#include "roster-fake-service.h"
#include "roster-registrant-details.h"
#include "roster-registrant-export.h"
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

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1280, 800);
  fixture->view = ROSTER_REGISTRANTS_VIEW (roster_registrants_view_new ());
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
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

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

/* Every chart of the summary, by kind */
static RosterRegistrantsChart *
chart (Fixture                    *fixture,
       RosterRegistrantsChartKind  kind)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GtkWidget *stack[256];
  guint top = 0;

  stack[top++] = GTK_WIDGET (fixture->view);
  while (top > 0)
    {
      GtkWidget *w = stack[--top];

      if (ROSTER_IS_REGISTRANTS_CHART (w) && roster_registrants_chart_get_kind (ROSTER_REGISTRANTS_CHART (w)) == kind)
        return ROSTER_REGISTRANTS_CHART (w);
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && top < G_N_ELEMENTS (stack); c = gtk_widget_get_next_sibling (c))
        stack[top++] = c;
    }
  g_assert_not_reached ();
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
  g_assert_cmpuint (roster_registrants_chart_get_n_values (chart (fixture, ROSTER_REGISTRANTS_CHART_FUNNEL)), ==, 0);

  roster_fake_service_set_latency (fixture->service, 0, 0);
  wait_loaded (fixture);
  g_assert_false (roster_registrants_summary_get_placeholder_shown (summary));
  g_assert_cmpstr (registered_text (fixture), ==, "300");

  /* A load that fails shows no zeros either */
  roster_registrants_view_set_client (fixture->view, bad);
  wait_loaded (fixture);
  g_assert_cmpstr (roster_registrants_view_get_state (fixture->view), ==, "error");
  g_assert_true (roster_registrants_summary_get_placeholder_shown (summary));
  g_assert_cmpstr (registered_text (fixture), ==, "—");
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
  ranking = chart (fixture, ROSTER_REGISTRANTS_CHART_RANKING);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (ranking)));
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

  /* A click on "Campaign" counts by campaign */
  g_signal_emit_by_name (roster_test_ui_find_widget (GTK_WIDGET (utm), GTK_TYPE_TOGGLE_BUTTON, "label", "Campaign"),
                         "clicked");
  roster_test_ui_iterate (50);
  g_assert_cmpint (roster_utm_chart_get_field (utm), ==, ROSTER_UTM_CAMPAIGN);
  g_clear_pointer (&words, g_free);
  words = description (ranking);
  g_assert_true (g_str_has_prefix (words, "Sign-ups by UTM campaign: "));
}

int
main (int   argc,
      char *argv[])
{
  roster_test_ui_init (&argc, &argv);

  g_test_add ("/registrants-ux/placeholder", Fixture, NULL, fixture_set_up, test_placeholder, fixture_tear_down);
  g_test_add ("/registrants-ux/funnel-fits", Fixture, NULL, fixture_set_up, test_funnel_fits, fixture_tear_down);
  g_test_add ("/registrants-ux/utm-chart", Fixture, NULL, fixture_set_up, test_utm_chart, fixture_tear_down);

  return g_test_run ();
}
