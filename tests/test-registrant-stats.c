/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-registrant-stats"

#include "config.h"

#include "roster-registrant-stats.h"
#include "roster-utm-stats.h"
#include "roster-test-fake.h"

/* What a list of registrants adds up to, without a display: the counts of the summary and the
 * funnel, and sign-ups per day. The registrants are parsed from the API's JSON as the client
 * parses them, and one test counts every registrant the fake service serves over HTTP. */

#define DAY 86400
/* 2025-10-06 00:00 UTC, a Monday */
#define MONDAY G_GINT64_CONSTANT (1759708800)

/* One person who signed up at a unix time (negative: no date), with the flags as the API
 * sends them. */
static void
add (GListStore *store,
     gint64      signup,
     const char *attended_live,
     const char *attended_replay,
     const char *purchased_live,
     const char *purchased_replay,
     double      revenue_live,
     double      revenue_replay)
{
  g_autofree char *date = signup >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, signup) : g_strdup ("null");
  g_autofree char *json = NULL;
  g_autoptr(RosterRegistrant) r = NULL;
  char live[G_ASCII_DTOSTR_BUF_SIZE], replay[G_ASCII_DTOSTR_BUF_SIZE];

  json = g_strdup_printf ("{\"id\": %u, \"email\": \"p%u@example.org\", \"signup_date\": %s,"
                          " \"attended_live\": \"%s\", \"attended_replay\": \"%s\","
                          " \"purchased_live\": \"%s\", \"purchased_replay\": \"%s\","
                          " \"revenue_live\": %s, \"revenue_replay\": %s}",
                          g_list_model_get_n_items (G_LIST_MODEL (store)) + 1,
                          g_list_model_get_n_items (G_LIST_MODEL (store)) + 1, date,
                          attended_live, attended_replay, purchased_live, purchased_replay,
                          g_ascii_dtostr (live, sizeof live, revenue_live),
                          g_ascii_dtostr (replay, sizeof replay, revenue_replay));
  r = roster_test_registrant_from_json (json);
  g_list_store_append (store, r);
}

static void
add_signup (GListStore *store,
            gint64      signup)
{
  add (store, signup, "No", "No", "No", "No", 0, 0);
}

static void
test_counts (void)
{
  g_autoptr(GListStore) store = g_list_store_new (ROSTER_TYPE_REGISTRANT);
  g_autoptr(RosterRegistrantStats) stats = NULL;

  add (store, MONDAY, "Yes", "No", "Yes", "No", 97, 0);
  add (store, MONDAY, "Yes", "Yes", "No", "Yes", 0, 47.5);
  add (store, MONDAY, "No", "Yes", "Yes", "Yes", 10, 20);
  add (store, MONDAY, "No", "No", "No", "No", 0, 0);
  /* The API may leave flags out: unknown is not yes */
  add (store, MONDAY, "", "", "", "", 0, 0);

  stats = roster_registrant_stats_new (G_LIST_MODEL (store), 60);
  g_assert_cmpuint (stats->n_registered, ==, 5);
  g_assert_cmpuint (stats->n_live, ==, 2);
  g_assert_cmpuint (stats->n_replay, ==, 2);
  /* Bought in the live session, the replay or both counts once */
  g_assert_cmpuint (stats->n_bought, ==, 3);
  g_assert_cmpfloat_with_epsilon (stats->revenue, 174.5, 1e-9);
}

static void
test_bought (void)
{
  g_autoptr(RosterRegistrant) live = roster_test_registrant_from_json ("{\"purchased_live\": \"Yes\", \"purchased_replay\": \"No\"}");
  g_autoptr(RosterRegistrant) replay = roster_test_registrant_from_json ("{\"purchased_live\": \"No\", \"purchased_replay\": \"Yes\"}");
  g_autoptr(RosterRegistrant) none = roster_test_registrant_from_json ("{\"purchased_live\": \"No\", \"purchased_replay\": \"No\"}");
  g_autoptr(RosterRegistrant) unknown = roster_test_registrant_from_json ("{}");

  g_assert_true (roster_registrant_stats_has_bought (live));
  g_assert_true (roster_registrant_stats_has_bought (replay));
  g_assert_false (roster_registrant_stats_has_bought (none));
  g_assert_false (roster_registrant_stats_has_bought (unknown));
}

static void
test_per_day (void)
{
  g_autoptr(GListStore) store = g_list_store_new (ROSTER_TYPE_REGISTRANT);
  g_autoptr(RosterRegistrantStats) stats = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;

  /* Wednesday twice (morning and just before midnight), Monday once, Friday three times: the
   * days between have none and are still days of the chart. */
  add_signup (store, MONDAY + 2 * DAY + 9 * 3600);
  add_signup (store, MONDAY + 10 * 3600);
  add_signup (store, MONDAY + 2 * DAY + DAY - 1);
  add_signup (store, MONDAY + 4 * DAY);
  add_signup (store, MONDAY + 4 * DAY + 60);
  add_signup (store, MONDAY + 4 * DAY + 3600);
  /* No date: counted as registered, on no day */
  add_signup (store, -1);

  stats = roster_registrant_stats_new (G_LIST_MODEL (store), 60);
  g_assert_cmpuint (stats->n_registered, ==, 7);
  g_assert_cmpint (stats->first_day, ==, MONDAY / DAY);
  g_assert_cmpuint (stats->n_days, ==, 5);
  g_assert_cmpuint (stats->per_day[0], ==, 1);
  g_assert_cmpuint (stats->per_day[1], ==, 0);
  g_assert_cmpuint (stats->per_day[2], ==, 2);
  g_assert_cmpuint (stats->per_day[3], ==, 0);
  g_assert_cmpuint (stats->per_day[4], ==, 3);
  g_assert_cmpuint (stats->peak_day, ==, 4);

  first = roster_registrant_stats_dup_day (stats, 0);
  last = roster_registrant_stats_dup_day (stats, 4);
  g_assert_cmpint (g_date_time_to_unix (first), ==, MONDAY);
  g_assert_cmpint (g_date_time_to_unix (last), ==, MONDAY + 4 * DAY);
}

static void
test_per_day_peak_first (void)
{
  g_autoptr(GListStore) store = g_list_store_new (ROSTER_TYPE_REGISTRANT);
  g_autoptr(RosterRegistrantStats) stats = NULL;

  add_signup (store, MONDAY);
  add_signup (store, MONDAY + DAY);
  add_signup (store, MONDAY + DAY);
  add_signup (store, MONDAY + 2 * DAY);
  add_signup (store, MONDAY + 2 * DAY);

  stats = roster_registrant_stats_new (G_LIST_MODEL (store), 60);
  /* Two days tie for the most: the first of them is the peak */
  g_assert_cmpuint (stats->peak_day, ==, 1);
}

static void
test_per_day_last_days (void)
{
  g_autoptr(GListStore) store = g_list_store_new (ROSTER_TYPE_REGISTRANT);
  g_autoptr(RosterRegistrantStats) stats = NULL;
  guint sum = 0;

  /* One stray sign-up a year before the rest does not squeeze the chart */
  add_signup (store, MONDAY - 365 * DAY);
  for (guint d = 0; d < 10; d++)
    add_signup (store, MONDAY + d * DAY);

  stats = roster_registrant_stats_new (G_LIST_MODEL (store), 7);
  g_assert_cmpuint (stats->n_registered, ==, 11);
  g_assert_cmpuint (stats->n_days, ==, 7);
  g_assert_cmpint (stats->first_day, ==, MONDAY / DAY + 3);
  for (guint d = 0; d < stats->n_days; d++)
    {
      g_assert_cmpuint (stats->per_day[d], ==, 1);
      sum += stats->per_day[d];
    }
  g_assert_cmpuint (sum, ==, 7);
}

static void
test_no_dates (void)
{
  g_autoptr(GListStore) store = g_list_store_new (ROSTER_TYPE_REGISTRANT);
  g_autoptr(RosterRegistrantStats) empty = NULL;
  g_autoptr(RosterRegistrantStats) undated = NULL;

  empty = roster_registrant_stats_new (G_LIST_MODEL (store), 60);
  g_assert_cmpuint (empty->n_registered, ==, 0);
  g_assert_cmpuint (empty->n_bought, ==, 0);
  g_assert_cmpfloat (empty->revenue, ==, 0);
  g_assert_cmpuint (empty->n_days, ==, 0);
  g_assert_null (empty->per_day);

  add_signup (store, -1);
  add_signup (store, -1);
  undated = roster_registrant_stats_new (G_LIST_MODEL (store), 60);
  g_assert_cmpuint (undated->n_registered, ==, 2);
  g_assert_cmpuint (undated->n_days, ==, 0);
  g_assert_null (undated->per_day);
}

static void
test_fake_service (void)
{
  g_autoptr(RosterFakeService) service = roster_test_fake_start (7, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterRegistrantFilter) filter = roster_registrant_filter_new ();
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(RosterRegistrantStats) stats = NULL;
  RosterRateLimiter *limiter;
  guint live = 0, sum = 0;
  gint64 webinar_id;

  webinar_id = roster_fake_service_get_main_webinar_id (service);
  roster_fake_service_set_registrant_count (service, webinar_id, 300);

  limiter = roster_rate_limiter_new (1000, G_USEC_PER_SEC);
  g_source_attach ((GSource *) limiter, NULL);
  client = roster_test_client_for (service, roster_fake_service_get_api_key (service), limiter, 5000);

  roster_client_list_all_registrants_async (client, webinar_id, filter, ROSTER_PRIORITY_INTERACTIVE,
                                            NULL, NULL, NULL, NULL, roster_test_store_result, &result);
  all = roster_client_list_all_registrants_finish (client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 300);

  /* Six weeks of sign-ups: every one falls in the last 60 days that have any */
  stats = roster_registrant_stats_new (all, 60);
  g_assert_cmpuint (stats->n_registered, ==, 300);
  g_assert_cmpuint (stats->n_days, >, 20);
  for (guint d = 0; d < stats->n_days; d++)
    sum += stats->per_day[d];
  g_assert_cmpuint (sum, ==, 300);
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (all, i);

      live += roster_registrant_get_attended_live (r) == ROSTER_FLAG_YES;
    }
  g_assert_cmpuint (stats->n_live, ==, live);
  g_assert_cmpuint (stats->n_live, >, 0);
  g_assert_cmpuint (stats->n_bought, <=, stats->n_registered);

  g_clear_object (&client);
  g_source_destroy ((GSource *) limiter);
  roster_rate_limiter_unref (limiter);
  roster_fake_service_stop (service);
}

/* Sign-ups by UTM source: one value however it is spelt, the most first, "none" after the
 * named values of its count, the rest as "Other". */
static void
test_utm (void)
{
  const char *sources[] = { "google", "Google ", "facebook", NULL, "", "newsletter", "podcast", "GOOGLE",
                            "facebook", "tiktok", NULL };
  g_autoptr(GListStore) store = g_list_store_new (ROSTER_TYPE_REGISTRANT);
  g_autoptr(RosterUtmStats) all = NULL;
  g_autoptr(RosterUtmStats) top = NULL;
  g_autoptr(RosterUtmStats) campaigns = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autofree char *json = sources[i] != NULL
                                ? g_strdup_printf ("{\"utm_source\": \"%s\", \"utm_campaign\": \"spring\"}", sources[i])
                                : g_strdup ("{\"utm_source\": null}");
      g_autoptr(RosterRegistrant) r = roster_test_registrant_from_json (json);

      g_list_store_append (store, r);
    }

  all = roster_utm_stats_new (G_LIST_MODEL (store), ROSTER_UTM_SOURCE, 10);
  g_assert_cmpuint (all->total, ==, G_N_ELEMENTS (sources));
  g_assert_cmpuint (all->n_counts, ==, 6);
  g_assert_cmpstr (roster_utm_count_get_label (&all->counts[0]), ==, "google");
  g_assert_cmpuint (all->counts[0].count, ==, 3);
  /* none: null, "" and a missing campaign's source alike */
  g_assert_null (all->counts[1].value);
  g_assert_cmpstr (roster_utm_count_get_label (&all->counts[1]), ==, "None");
  g_assert_cmpuint (all->counts[1].count, ==, 3);
  g_assert_cmpstr (all->counts[2].value, ==, "facebook");
  g_assert_cmpuint (all->counts[2].count, ==, 2);

  top = roster_utm_stats_new (G_LIST_MODEL (store), ROSTER_UTM_SOURCE, 3);
  g_assert_cmpuint (top->n_counts, ==, 3);
  g_assert_true (top->counts[2].is_other);
  g_assert_cmpstr (roster_utm_count_get_label (&top->counts[2]), ==, "Other");
  g_assert_cmpuint (top->counts[2].count, ==, G_N_ELEMENTS (sources) - 6);

  campaigns = roster_utm_stats_new (G_LIST_MODEL (store), ROSTER_UTM_CAMPAIGN, 10);
  g_assert_cmpuint (campaigns->n_counts, ==, 2);
  g_assert_cmpstr (campaigns->counts[0].value, ==, "spring");
  g_assert_cmpuint (campaigns->counts[0].count, ==, 9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/registrant-stats/counts", test_counts);
  g_test_add_func ("/registrant-stats/bought-live-or-replay", test_bought);
  g_test_add_func ("/registrant-stats/per-day", test_per_day);
  g_test_add_func ("/registrant-stats/per-day/peak-is-the-first-busiest-day", test_per_day_peak_first);
  g_test_add_func ("/registrant-stats/per-day/only-the-last-days", test_per_day_last_days);
  g_test_add_func ("/registrant-stats/per-day/none-without-dates", test_no_dates);
  g_test_add_func ("/registrant-stats/fake-service/every-sign-up-counted", test_fake_service);
  g_test_add_func ("/registrant-stats/utm", test_utm);

  return g_test_run ();
}
