/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-registrants"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "roster-error.h"
#include "roster-fake-service.h"
#include "roster-form.h"
#include "roster-registrant-export.h"
#include "roster-registrants-chart.h"
#include "roster-registrants-view.h"
#include "roster-test-ui.h"

/* The registrants view on screen (Xvfb) against the fake service over real HTTP on loopback,
 * reading the account's local store (in the test's own data folder): the first sync shows rows
 * as its pages land, every filter works through its own control in SQL (checked against the
 * filter in force and the rows shown, with no call to the server), sorting, export,
 * unsubscribe, and the store's own path: stored rows at once, the synced line, refresh, and a
 * registration that shows without a sync. GTest makes warnings fatal, so a warning anywhere
 * fails the test. */

#define PAGE_SIZE 25

typedef struct
{
  RosterFakeService     *service;
  RosterAccount         *account;
  RosterRateLimiter     *limiter;
  RosterClient          *client;
  RosterWebinar         *detail;
  gint64                 webinar_id;
  GtkWindow             *window;
  AdwToastOverlay       *overlay;
  RosterRegistrantsView *view;
  GError                *auth_error;
  char                  *dir;
} Fixture;

static RosterClient *
client_for (Fixture    *fixture,
            const char *key)
{
  /* A limiter of our own, so that the tests do not wait on the 20-a-second window */
  return roster_test_client_for (fixture->service, key, fixture->limiter, 5000);
}

static void
auth_failed_cb (RosterRegistrantsView *view,
                GError                *error,
                Fixture               *fixture)
{
  g_clear_error (&fixture->auth_error);
  fixture->auth_error = g_error_copy (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->service = roster_fake_service_new (11);
  roster_fake_service_set_rate_limit (fixture->service, 0);
  roster_fake_service_set_page_size (fixture->service, PAGE_SIZE);
  roster_fake_service_start (fixture->service, &error);
  g_assert_no_error (error);
  fixture->webinar_id = roster_fake_service_get_main_webinar_id (fixture->service);
  /* Enough for many pages, few enough to stay quick under valgrind */
  roster_fake_service_set_registrant_count (fixture->service, fixture->webinar_id, 400);

  fixture->limiter = roster_rate_limiter_new (1000, G_USEC_PER_SEC);
  g_source_attach ((GSource *) fixture->limiter, NULL);
  fixture->client = client_for (fixture, roster_fake_service_get_api_key (fixture->service));

  roster_client_get_webinar_async (fixture->client, fixture->webinar_id, NULL, NULL,
                                   roster_test_store_result, &result);
  fixture->detail = roster_client_get_webinar_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  /* A store of its own, empty */
  fixture->account = roster_account_new ("Registrants Test", ROSTER_PRODUCT_EVERWEBINAR,
                                         roster_fake_service_get_base_url (fixture->service));
  g_assert_true (roster_account_forget_registrant_store (fixture->account, &error));
  g_assert_no_error (error);

  fixture->dir = g_dir_make_tmp ("roster-registrants-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1200, 800);
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  fixture->view = ROSTER_REGISTRANTS_VIEW (roster_registrants_view_new ());
  adw_toast_overlay_set_child (fixture->overlay, GTK_WIDGET (fixture->view));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->overlay));
  g_signal_connect (fixture->view, "authentication-failed", G_CALLBACK (auth_failed_cb), fixture);
  gtk_window_present (fixture->window);
  roster_test_ui_iterate (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gpointer weak_view = fixture->view;

  g_object_add_weak_pointer (G_OBJECT (fixture->view), &weak_view);
  roster_test_ui_destroy (fixture->window);
  /* Nothing (a load in flight, a signal handler) kept the view alive. */
  g_assert_null (weak_view);

  roster_test_ui_iterate (200);
  roster_account_forget_registrant_store (fixture->account, NULL);
  g_clear_object (&fixture->account);
  g_clear_object (&fixture->detail);
  g_clear_object (&fixture->client);
  g_source_destroy ((GSource *) fixture->limiter);
  g_clear_pointer (&fixture->limiter, roster_rate_limiter_unref);
  roster_fake_service_stop (fixture->service);
  g_clear_object (&fixture->service);
  g_clear_error (&fixture->auth_error);
  if (fixture->dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

          g_unlink (path);
        }
      g_rmdir (fixture->dir);
      g_free (fixture->dir);
    }
  roster_test_ui_iterate (20);
}

typedef gboolean (*Condition) (Fixture *fixture);

static void
wait_until (Fixture   *fixture,
            Condition  condition,
            guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (fixture))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Condition not met within %u ms (state: %s, loaded %u)", timeout_ms,
                 roster_registrants_view_get_state (fixture->view),
                 roster_registrants_view_get_n_loaded (fixture->view));
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
    }
}

static gboolean
load_finished (Fixture *fixture)
{
  return !roster_registrants_view_get_loading (fixture->view);
}

static gboolean
some_rows_landed (Fixture *fixture)
{
  return roster_registrants_view_get_n_loaded (fixture->view) > 0;
}

/* Shows the main webinar and waits until every page has landed. */
static void
show_webinar (Fixture *fixture)
{
  roster_registrants_view_set_account (fixture->view, fixture->account);
  roster_registrants_view_set_client (fixture->view, fixture->client);
  roster_registrants_view_set_webinar (fixture->view, fixture->detail);
}

static void
start (Fixture *fixture)
{
  roster_registrants_view_set_account (fixture->view, fixture->account);
  roster_registrants_view_set_client (fixture->view, fixture->client);
  roster_registrants_view_set_webinar (fixture->view, fixture->detail);
  roster_registrants_view_set_detail (fixture->view, fixture->detail);
  wait_until (fixture, load_finished, 20000);
  /* The counts follow a little after the rows. */
  roster_test_ui_iterate (250);
}

static GHashTable *
last_server_form (Fixture *fixture)
{
  GHashTable *form = roster_fake_service_dup_last_form (fixture->service, "registrants");

  g_assert_nonnull (form);
  return form;
}

/* The filter in force, as the API would be sent it: the filters are SQL now, so what the
 * controls set is checked here and the rows shown are checked against it. */
static GHashTable *
last_form (Fixture *fixture)
{
  g_autoptr(RosterRegistrantFilter) filter = roster_registrants_view_dup_filter (fixture->view);
  GHashTable *form = roster_form_new ();

  roster_registrant_filter_add_to_form (filter, form);
  return form;
}

static GtkWidget *
find_named (Fixture    *fixture,
            GType       type,
            const char *name)
{
  GtkWidget *widget = roster_test_ui_find_widget (GTK_WIDGET (fixture->view), type, "name", name);

  g_assert_nonnull (widget);
  return widget;
}

/* Picks a choice of a filter's drop-down as a user would. */
static void
choose (Fixture    *fixture,
        const char *name,
        guint       position)
{
  guint calls = roster_fake_service_get_n_calls (fixture->service, "registrants");

  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_named (fixture, GTK_TYPE_DROP_DOWN, name)), position);
  /* SQL: at once, and without asking the server */
  g_assert_false (roster_registrants_view_get_loading (fixture->view));
  roster_test_ui_iterate (50);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "registrants"), ==, calls);
}

static GListModel *
shown (Fixture *fixture)
{
  return roster_registrants_view_get_shown (fixture->view);
}

static guint
n_shown (Fixture *fixture)
{
  return g_list_model_get_n_items (shown (fixture));
}

static RosterRegistrant *
shown_item (Fixture *fixture,
            guint    i)
{
  RosterRegistrant *r = g_list_model_get_item (shown (fixture), i);

  g_object_unref (r);  /* the model keeps it */
  return r;
}

static gboolean
bought (RosterRegistrant *r)
{
  return roster_registrant_get_purchased_live (r) == ROSTER_FLAG_YES ||
         roster_registrant_get_purchased_replay (r) == ROSTER_FLAG_YES;
}

static void
assert_no_filter_sent (GHashTable *form)
{
  const char *keys[] = { "schedule_id", "date_range", "attended_live", "attended_live_timestamp",
                         "attended_replay", "attended_replay_timestamp", "purchased", "search" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_hash_table_contains (form, keys[i]))
      g_error ("%s sent without a filter", keys[i]);
}

static guint
n_chips (Fixture *fixture)
{
  GtkWidget *box = roster_test_ui_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_FLOW_BOX, NULL, NULL);
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (box); child; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* ---- tests ----------------------------------------------------------------------------------- */

typedef struct
{
  Fixture *fixture;
  guint    first_rows;      /* n_loaded when rows first showed */
  gint64   total_then;
  gboolean progress_text_ok;
} Watch;

static void
n_loaded_cb (RosterRegistrantsView *view,
             GParamSpec            *pspec,
             Watch                 *watch)
{
  GtkProgressBar *bar;
  guint n = roster_registrants_view_get_n_loaded (view);
  g_autofree char *expected = NULL;

  if (n == 0 || watch->first_rows != 0)
    return;
  watch->first_rows = n;
  watch->total_then = roster_registrants_view_get_total (view);
  bar = GTK_PROGRESS_BAR (roster_test_ui_find_widget (GTK_WIDGET (view), GTK_TYPE_PROGRESS_BAR, NULL, NULL));
  expected = g_strdup_printf (" of %'u", 400);
  watch->progress_text_ok = g_str_has_suffix (gtk_progress_bar_get_text (bar), expected) &&
                            roster_registrants_view_get_loading (view);
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  data)
{
  guint count = roster_fake_service_get_registrant_count (fixture->service, fixture->webinar_id);
  Watch watch = { fixture, 0, 0, FALSE };
  g_autoptr(GHashTable) form = NULL;

  g_assert_cmpstr (roster_registrants_view_get_state (fixture->view), ==, "empty");
  g_signal_connect (fixture->view, "notify::n-loaded", G_CALLBACK (n_loaded_cb), &watch);
  roster_fake_service_reset_counters (fixture->service);
  start (fixture);
  g_signal_handlers_disconnect_by_data (fixture->view, &watch);

  /* Rows showed as the first sync stored its pages, with "n of N" while the rest came. */
  g_assert_cmpuint (watch.first_rows, >=, PAGE_SIZE);
  g_assert_cmpuint (watch.first_rows, <, count);
  g_assert_true (watch.progress_text_ok);

  g_assert_cmpuint (count, ==, 400);
  g_assert_cmpuint (roster_registrants_view_get_n_loaded (fixture->view), ==, count);
  g_assert_cmpint (roster_registrants_view_get_total (fixture->view), ==, count);
  g_assert_cmpuint (n_shown (fixture), ==, count);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "registrants"), ==,
                    (count + PAGE_SIZE - 1) / PAGE_SIZE);
  g_assert_cmpstr (roster_registrants_view_get_state (fixture->view), ==, "list");

  form = last_server_form (fixture);
  assert_no_filter_sent (form);
  g_assert_cmpuint (n_chips (fixture), ==, 0);

  /* In sign-up order, each person once */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
    GListModel *loaded = roster_registrants_view_get_loaded (fixture->view);
    gint64 *ids = g_new (gint64, count);

    for (guint i = 0; i < count; i++)
      {
        g_autoptr(RosterRegistrant) r = g_list_model_get_item (loaded, i);

        ids[i] = roster_registrant_get_id (r);
        g_assert_true (g_hash_table_add (seen, &ids[i]));
      }
    g_free (ids);
  }
}

static void
test_filter_purchased (Fixture       *fixture,
                       gconstpointer  data)
{
  guint all, yes, no;
  g_autoptr(GHashTable) form1 = NULL;
  g_autoptr(GHashTable) form2 = NULL;
  g_autoptr(GHashTable) cleared = NULL;

  start (fixture);
  all = roster_registrants_view_get_n_loaded (fixture->view);

  choose (fixture, "purchased-filter", 1);
  form1 = last_form (fixture);
  g_assert_cmpstr (g_hash_table_lookup (form1, "purchased"), ==, "1");
  yes = n_shown (fixture);
  g_assert_cmpuint (yes, >, 0);
  for (guint i = 0; i < yes; i++)
    g_assert_true (bought (shown_item (fixture, i)));
  g_assert_cmpuint (n_chips (fixture), ==, 1);

  choose (fixture, "purchased-filter", 2);
  form2 = last_form (fixture);
  g_assert_cmpstr (g_hash_table_lookup (form2, "purchased"), ==, "2");
  no = n_shown (fixture);
  for (guint i = 0; i < no; i++)
    g_assert_false (bought (shown_item (fixture, i)));
  g_assert_cmpuint (yes + no, ==, all);

  /* "Clear Filters" in one click */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "registrants.clear-filters", NULL);
  wait_until (fixture, load_finished, 20000);
  cleared = last_form (fixture);
  assert_no_filter_sent (cleared);
  g_assert_cmpuint (n_shown (fixture), ==, all);
  g_assert_cmpuint (n_chips (fixture), ==, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (find_named (fixture, GTK_TYPE_DROP_DOWN,
                                                                           "purchased-filter"))), ==, 0);
}

static void
test_filter_attendance (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *live_seconds, *replay_seconds;
  guint n;

  start (fixture);
  live_seconds = find_named (fixture, GTK_TYPE_SPIN_BUTTON, "live-seconds");
  replay_seconds = find_named (fixture, GTK_TYPE_SPIN_BUTTON, "replay-seconds");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (live_seconds)));

  /* Live: attended, then did not attend */
  choose (fixture, "live-filter", 1);
  {
    g_autoptr(GHashTable) form = last_form (fixture);

    g_assert_cmpstr (g_hash_table_lookup (form, "attended_live"), ==, "1");
    g_assert_false (g_hash_table_contains (form, "attended_live_timestamp"));
  }
  n = n_shown (fixture);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (roster_registrant_get_attended_live (shown_item (fixture, i)), ==, ROSTER_FLAG_YES);

  choose (fixture, "live-filter", 2);
  {
    g_autoptr(GHashTable) form = last_form (fixture);

    g_assert_cmpstr (g_hash_table_lookup (form, "attended_live"), ==, "2");
  }
  n = n_shown (fixture);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (roster_registrant_get_attended_live (shown_item (fixture, i)), ==, ROSTER_FLAG_NO);

  /* Live: left before a time; the seconds show and go with the code */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (live_seconds), 1200);
  choose (fixture, "live-filter", 3);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (live_seconds)));
  {
    g_autoptr(GHashTable) form = last_form (fixture);

    g_assert_cmpstr (g_hash_table_lookup (form, "attended_live"), ==, "3");
    g_assert_cmpstr (g_hash_table_lookup (form, "attended_live_timestamp"), ==, "1200");
  }
  n = n_shown (fixture);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (roster_registrant_get_attended_live (shown_item (fixture, i)), ==, ROSTER_FLAG_YES);

  /* Changing the seconds loads again, after a pause */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (live_seconds), 60);
  roster_test_ui_iterate (800);
  wait_until (fixture, load_finished, 20000);
  {
    g_autoptr(GHashTable) form = last_form (fixture);

    g_assert_cmpstr (g_hash_table_lookup (form, "attended_live_timestamp"), ==, "60");
  }

  choose (fixture, "live-filter", 4);
  {
    g_autoptr(GHashTable) form = last_form (fixture);

    g_assert_cmpstr (g_hash_table_lookup (form, "attended_live"), ==, "4");
    g_assert_cmpstr (g_hash_table_lookup (form, "attended_live_timestamp"), ==, "60");
  }
  choose (fixture, "live-filter", 0);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (live_seconds)));

  /* Replay: the five codes; "stayed past" is exact, as a replay is watched from its start */
  choose (fixture, "replay-filter", 1);
  {
    g_autoptr(GHashTable) form = last_form (fixture);

    g_assert_false (g_hash_table_contains (form, "attended_live"));
    g_assert_cmpstr (g_hash_table_lookup (form, "attended_replay"), ==, "1");
  }
  n = n_shown (fixture);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (roster_registrant_get_attended_replay (shown_item (fixture, i)), ==, ROSTER_FLAG_YES);

  choose (fixture, "replay-filter", 2);
  n = n_shown (fixture);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (roster_registrant_get_attended_replay (shown_item (fixture, i)), ==, ROSTER_FLAG_NO);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (replay_seconds), 300);
  choose (fixture, "replay-filter", 4);
  {
    g_autoptr(GHashTable) form = last_form (fixture);

    g_assert_cmpstr (g_hash_table_lookup (form, "attended_replay"), ==, "4");
    g_assert_cmpstr (g_hash_table_lookup (form, "attended_replay_timestamp"), ==, "300");
  }
  n = n_shown (fixture);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (roster_registrant_get_time_replay_seconds (shown_item (fixture, i)), >=, 300);

  choose (fixture, "replay-filter", 3);
  {
    g_autoptr(GHashTable) form = last_form (fixture);

    g_assert_cmpstr (g_hash_table_lookup (form, "attended_replay"), ==, "3");
    g_assert_cmpstr (g_hash_table_lookup (form, "attended_replay_timestamp"), ==, "300");
  }
  n = n_shown (fixture);
  for (guint i = 0; i < n; i++)
    {
      RosterRegistrant *r = shown_item (fixture, i);

      g_assert_cmpint (roster_registrant_get_attended_replay (r), ==, ROSTER_FLAG_YES);
      g_assert_cmpint (roster_registrant_get_time_replay_seconds (r), <, 300);
    }
  g_assert_cmpuint (n_chips (fixture), ==, 1);
}

static void
test_filter_schedule_and_dates (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkDropDown *schedules;
  GListModel *names;
  gint64 schedule_id = 0;
  guint position = 0, all, n;

  start (fixture);
  all = n_shown (fixture);

  /* The schedule choices are the detail's distinct IDs, after "Any Schedule" */
  schedules = GTK_DROP_DOWN (find_named (fixture, GTK_TYPE_DROP_DOWN, "schedule-filter"));
  names = gtk_drop_down_get_model (schedules);
  g_assert_cmpuint (g_list_model_get_n_items (names), >=, 2);
  /* The schedule of the first person, so the filter has rows to show */
  schedule_id = roster_registrant_get_schedule_id (shown_item (fixture, 0));
  {
    GListModel *list = roster_webinar_get_schedules (fixture->detail);
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

    for (guint i = 0; i < g_list_model_get_n_items (list); i++)
      {
        g_autoptr(RosterSchedule) s = g_list_model_get_item (list, i);
        gint64 id = roster_schedule_get_id (s);
        gboolean seen = FALSE;

        for (guint k = 0; k < ids->len; k++)
          seen |= g_array_index (ids, gint64, k) == id;
        if (!seen)
          g_array_append_val (ids, id);
      }
    g_assert_cmpuint (g_list_model_get_n_items (names), ==, ids->len + 1);
    for (guint k = 0; k < ids->len; k++)
      if (g_array_index (ids, gint64, k) == schedule_id)
        position = k + 1;
  }
  g_assert_cmpuint (position, >, 0);

  choose (fixture, "schedule-filter", position);
  {
    g_autoptr(GHashTable) form = last_form (fixture);
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, schedule_id);

    g_assert_cmpstr (g_hash_table_lookup (form, "schedule_id"), ==, expected);
  }
  n = n_shown (fixture);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <=, all);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (roster_registrant_get_schedule_id (shown_item (fixture, i)), ==, schedule_id);
  choose (fixture, "schedule-filter", 0);
  g_assert_cmpuint (n_shown (fixture), ==, all);

  /* Every date range preset sends its code */
  for (guint code = 1; code <= 8; code++)
    {
      g_autoptr(GHashTable) form = NULL;
      g_autofree char *expected = g_strdup_printf ("%u", code);

      choose (fixture, "date-range-filter", code);
      form = last_form (fixture);
      g_assert_cmpstr (g_hash_table_lookup (form, "date_range"), ==, expected);
      g_assert_cmpuint (n_shown (fixture), <=, all);
      g_assert_cmpuint (n_chips (fixture), ==, 1);
    }

  /* Last 30 days (the loop's last choice): the sign-ups are spread over six weeks up to now */
  n = n_shown (fixture);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, all);
  {
    gint64 newest = 0;

    for (guint i = 0; i < n; i++)
      newest = MAX (newest, roster_registrant_get_signup_time (shown_item (fixture, i)));
    /* A day of slack for the webinar's zone, which the parsed times do not carry */
    for (guint i = 0; i < n; i++)
      g_assert_cmpint (roster_registrant_get_signup_time (shown_item (fixture, i)), >=,
                       newest - 31 * 86400);
  }
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GtkEditable *entry;
  g_autofree char *needle = NULL;
  g_autofree char *folded = NULL;
  guint all, n;

  start (fixture);
  all = n_shown (fixture);
  entry = GTK_EDITABLE (roster_test_ui_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_ENTRY,
                                                    NULL, NULL));
  needle = g_strdup (roster_registrant_get_last_name (shown_item (fixture, 3)));
  folded = g_utf8_casefold (needle, -1);
  roster_fake_service_reset_counters (fixture->service);

  /* The stored rows narrow at once (full-text search in SQL); the server is never asked */
  gtk_editable_set_text (entry, needle);
  roster_test_ui_iterate (300);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "registrants"), ==, 0);
  n = n_shown (fixture);
  g_assert_cmpuint (roster_registrants_view_get_n_loaded (fixture->view), ==, n);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, all);
  for (guint i = 0; i < n; i++)
    {
      RosterRegistrant *r = shown_item (fixture, i);
      g_autofree char *name = g_utf8_casefold (roster_registrant_get_display_name (r), -1);
      g_autofree char *email = g_utf8_casefold (roster_registrant_get_email (r), -1);

      g_assert_true (strstr (name, folded) != NULL || strstr (email, folded) != NULL);
    }

  /* Enter makes it a filter in force, with its chip */
  g_signal_emit_by_name (entry, "activate");
  wait_until (fixture, load_finished, 20000);
  roster_test_ui_iterate (50);
  {
    g_autoptr(GHashTable) form = last_form (fixture);

    g_assert_cmpstr (g_hash_table_lookup (form, "search"), ==, needle);
  }
  g_assert_cmpuint (roster_registrants_view_get_n_loaded (fixture->view), ==, n);
  g_assert_cmpuint (n_chips (fixture), ==, 1);

  /* A pause in typing too */
  gtk_editable_set_text (entry, "");
  roster_test_ui_iterate (1200);
  wait_until (fixture, load_finished, 20000);
  {
    g_autoptr(GHashTable) form = last_form (fixture);

    g_assert_false (g_hash_table_contains (form, "search"));
  }
  g_assert_cmpuint (n_shown (fixture), ==, all);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "registrants"), ==, 0);
}

static gboolean
filtered_load_done (Fixture *fixture)
{
  g_autoptr(RosterRegistrantFilter) filter = roster_registrants_view_dup_filter (fixture->view);

  return filter->purchased == 1 && !roster_registrants_view_get_loading (fixture->view);
}

static void
test_filter_during_sync (Fixture       *fixture,
                         gconstpointer  data)
{
  guint bought_total = 0, n;
  GListModel *loaded;

  /* Slow pages, so that the first sync is still running when the filter changes */
  roster_fake_service_set_latency (fixture->service, 40, 0);
  show_webinar (fixture);
  roster_registrants_view_set_detail (fixture->view, fixture->detail);
  wait_until (fixture, some_rows_landed, 20000);
  g_assert_true (roster_registrants_view_get_loading (fixture->view));
  g_assert_cmpuint (roster_registrants_view_get_n_loaded (fixture->view), <, 400);

  /* The filter applies to what is stored so far, and to each page as it lands */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_named (fixture, GTK_TYPE_DROP_DOWN, "purchased-filter")), 1);
  g_assert_true (roster_registrants_view_get_loading (fixture->view));
  wait_until (fixture, filtered_load_done, 20000);
  roster_test_ui_iterate (300);

  loaded = roster_registrants_view_get_loaded (fixture->view);
  n = g_list_model_get_n_items (loaded);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (loaded, i);

      g_assert_true (bought (r));
    }
  g_assert_cmpint (roster_registrants_view_get_total (fixture->view), ==, n);

  /* Cross-check against the people bought among all of them */
  roster_fake_service_set_latency (fixture->service, 0, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "registrants.clear-filters", NULL);
  loaded = roster_registrants_view_get_loaded (fixture->view);
  g_assert_cmpuint (g_list_model_get_n_items (loaded), ==, 400);
  for (guint i = 0; i < g_list_model_get_n_items (loaded); i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (loaded, i);

      bought_total += bought (r);
    }
  g_assert_cmpuint (bought_total, ==, n);
}

static void
test_stop (Fixture       *fixture,
           gconstpointer  data)
{
  guint n, calls;

  roster_fake_service_set_latency (fixture->service, 40, 0);
  show_webinar (fixture);
  wait_until (fixture, some_rows_landed, 20000);

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "registrants.cancel", NULL);
  g_assert_false (roster_registrants_view_get_loading (fixture->view));
  roster_test_ui_iterate (300);
  n = roster_registrants_view_get_n_loaded (fixture->view);
  g_assert_cmpuint (n, <, 400);
  calls = roster_fake_service_get_n_calls (fixture->service, "registrants");
  roster_test_ui_iterate (600);
  /* The rows stored stay; no more come */
  g_assert_cmpuint (roster_registrants_view_get_n_loaded (fixture->view), ==, n);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "registrants"), <=, calls + 1);
  g_assert_cmpstr (roster_registrants_view_get_state (fixture->view), ==, "list");

  /* Refresh goes on where the sync stopped, rather than from the start */
  roster_fake_service_set_latency (fixture->service, 0, 0);
  roster_fake_service_reset_counters (fixture->service);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "registrants.refresh", NULL);
  wait_until (fixture, load_finished, 20000);
  roster_test_ui_iterate (300);
  g_assert_cmpuint (roster_registrants_view_get_n_loaded (fixture->view), ==, 400);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "registrants"), <,
                    400 / PAGE_SIZE);
}

static void
assert_sorted (Fixture  *fixture,
               gint64  (*key) (RosterRegistrant *),
               gboolean  ascending)
{
  guint n = n_shown (fixture);

  g_assert_cmpuint (n, ==, 400);
  for (guint i = 1; i < n; i++)
    {
      gint64 a = key (shown_item (fixture, i - 1));
      gint64 b = key (shown_item (fixture, i));

      if (ascending)
        g_assert_cmpint (a, <=, b);
      else
        g_assert_cmpint (a, >=, b);
    }
}

static GtkColumnViewColumn *
column (Fixture    *fixture,
        const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (roster_registrants_view_get_column_view (fixture->view));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (c), title) == 0)
        return c;
    }
  g_error ("No column %s", title);
  return NULL;
}

/* The store sorts the live column by how far into the session a person stayed; those who
 * did not come sort below everyone who did. */
static gint64
attended_live_key (RosterRegistrant *r)
{
  return roster_registrant_get_attended_live (r) == ROSTER_FLAG_YES;
}

static gint64
email_key (RosterRegistrant *r)
{
  return 0;
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  GtkColumnView *view;
  gboolean differs = FALSE;

  start (fixture);
  view = roster_registrants_view_get_column_view (fixture->view);

  /* Sign-up dates sort as dates: the text ("Tue, 28 Oct…") would not */
  gtk_column_view_sort_by_column (view, column (fixture, "Signed Up"), GTK_SORT_ASCENDING);
  roster_test_ui_iterate (50);
  assert_sorted (fixture, roster_registrant_get_signup_time, TRUE);
  for (guint i = 1; i < n_shown (fixture) && !differs; i++)
    differs = g_strcmp0 (roster_registrant_get_signup_date (shown_item (fixture, i - 1)),
                         roster_registrant_get_signup_date (shown_item (fixture, i))) > 0;
  g_assert_true (differs);  /* the raw text is out of order somewhere */

  gtk_column_view_sort_by_column (view, column (fixture, "Signed Up"), GTK_SORT_DESCENDING);
  roster_test_ui_iterate (50);
  assert_sorted (fixture, roster_registrant_get_signup_time, FALSE);

  /* Attendance: those who came first */
  gtk_column_view_sort_by_column (view, column (fixture, "Live"), GTK_SORT_DESCENDING);
  roster_test_ui_iterate (50);
  assert_sorted (fixture, attended_live_key, FALSE);
  g_assert_cmpint (attended_live_key (shown_item (fixture, 0)), ==, 1);

  /* Email, as text */
  gtk_column_view_sort_by_column (view, column (fixture, "Email"), GTK_SORT_ASCENDING);
  roster_test_ui_iterate (50);
  assert_sorted (fixture, email_key, TRUE);
  for (guint i = 1; i < n_shown (fixture); i++)
    {
      g_autofree char *a = g_utf8_casefold (roster_registrant_get_email (shown_item (fixture, i - 1)), -1);
      g_autofree char *b = g_utf8_casefold (roster_registrant_get_email (shown_item (fixture, i)), -1);

      g_assert_cmpint (strcmp (a, b), <=, 0);
    }

  /* No column: sign-up order again */
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  roster_test_ui_iterate (50);
  assert_sorted (fixture, roster_registrant_get_signup_time, TRUE);
}

/* Scrolls the table well down, after the rows laid out. */
static GtkAdjustment *
scroll_down (Fixture *fixture)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (roster_registrants_view_get_column_view (fixture->view)),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  roster_test_ui_iterate (100);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment) + 500);
  gtk_adjustment_set_value (adjustment, 500);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 500);
  return adjustment;
}

/* Every row is replaced by SQL: the list lays them all out again before it scrolls, which
 * takes a while under Xvfb on a busy machine. */
static void
wait_for_top (GtkAdjustment *adjustment)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (gtk_adjustment_get_value (adjustment) != 0 && g_get_monotonic_time () < end)
    roster_test_ui_iterate (20);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}

static void
test_scroll_to_top (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkColumnView *view;
  GtkAdjustment *adjustment;
  GtkEditable *entry;
  g_autoptr(RosterRegistrantFilter) filter = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(GError) error = NULL;
  RosterWebinar *other = NULL;

  start (fixture);
  view = roster_registrants_view_get_column_view (fixture->view);
  entry = GTK_EDITABLE (roster_test_ui_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_ENTRY,
                                                    NULL, NULL));

  /* Sorting */
  adjustment = scroll_down (fixture);
  gtk_column_view_sort_by_column (view, column (fixture, "Signed Up"), GTK_SORT_DESCENDING);
  wait_for_top (adjustment);

  /* Searching what is loaded, and clearing the search */
  adjustment = scroll_down (fixture);
  gtk_editable_set_text (entry, "a");
  wait_for_top (adjustment);
  wait_until (fixture, load_finished, 20000);
  adjustment = scroll_down (fixture);
  gtk_editable_set_text (entry, "");
  wait_for_top (adjustment);
  roster_test_ui_iterate (1200);
  wait_until (fixture, load_finished, 20000);

  /* A server filter */
  adjustment = scroll_down (fixture);
  filter = roster_registrants_view_dup_filter (fixture->view);
  filter->purchased = 2;  /* did not buy */
  roster_registrants_view_set_filter (fixture->view, filter);
  wait_until (fixture, load_finished, 20000);
  roster_test_ui_iterate (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  /* Another webinar, and back */
  adjustment = scroll_down (fixture);
  roster_client_list_webinars_async (fixture->client, NULL, roster_test_store_result, &result);
  webinars = roster_client_list_webinars_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < webinars->len && other == NULL; i++)
    if (roster_webinar_get_id (webinars->pdata[i]) != fixture->webinar_id)
      other = webinars->pdata[i];
  g_assert_nonnull (other);
  roster_fake_service_set_registrant_count (fixture->service, roster_webinar_get_id (other), 400);
  roster_registrants_view_set_webinar (fixture->view, other);
  wait_until (fixture, load_finished, 20000);
  roster_test_ui_iterate (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}

static char *
export (Fixture  *fixture,
        gboolean  only_shown,
        gboolean  with_bom,
        gsize    *length)
{
  g_autofree char *path = g_build_filename (fixture->dir, "export.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  roster_registrants_view_export_to_file_async (fixture->view, file, only_shown, with_bom, NULL,
                                                roster_test_store_result, &result);
  g_assert_true (roster_registrants_view_export_to_file_finish (fixture->view, roster_test_wait_for_result (&result),
                                                                &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, "\r\n")) != NULL; p += 2)
    n++;
  return n;
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *plain = NULL, *bom = NULL, *narrowed = NULL;
  g_autofree char *header = NULL;
  GtkEditable *entry;
  gsize length;
  guint n;

  start (fixture);
  header = g_strjoinv (",", (char **) roster_registrant_export_get_columns ());

  plain = export (fixture, FALSE, FALSE, &length);
  g_assert_true (g_str_has_prefix (plain, header));
  g_assert_cmpint (plain[strlen (header)], ==, '\r');
  g_assert_cmpuint (count_lines (plain), ==, 400 + 1);

  bom = export (fixture, FALSE, TRUE, &length);
  g_assert_true (g_str_has_prefix (bom, "\xEF\xBB\xBF"));
  g_assert_true (g_str_has_prefix (bom + 3, header));
  g_assert_cmpuint (count_lines (bom), ==, 400 + 1);

  /* Only what the search leaves on screen */
  entry = GTK_EDITABLE (roster_test_ui_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_ENTRY,
                                                    NULL, NULL));
  gtk_editable_set_text (entry, roster_registrant_get_last_name (shown_item (fixture, 0)));
  /* The entry waits a moment before it searches; longer on a busy machine */
  for (guint i = 0; i < 50 && n_shown (fixture) == 400; i++)
    roster_test_ui_iterate (100);
  n = n_shown (fixture);
  g_assert_cmpuint (n, <, 400);
  narrowed = export (fixture, TRUE, FALSE, &length);
  g_assert_cmpuint (count_lines (narrowed), ==, n + 1);
}

static void
test_export_formula (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RosterRegisterParams) params = roster_register_params_new ();
  g_autoptr(RosterSchedule) schedule = g_list_model_get_item (roster_webinar_get_schedules (fixture->detail), 0);
  g_autoptr(RosterRegistration) registration = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean found = FALSE;
  gsize length;

  /* A person whose name a spreadsheet would run as a command */
  params->webinar_id = fixture->webinar_id;
  params->schedule_id = roster_schedule_get_id (schedule);
  params->first_name = g_strdup ("=cmd|' /C calc'!A0");
  params->last_name = g_strdup ("Mallory");
  params->email = g_strdup ("mallory@example.org");
  roster_client_register_async (fixture->client, params, ROSTER_PRIORITY_INTERACTIVE, NULL,
                                roster_test_store_result, &result);
  registration = roster_client_register_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  start (fixture);
  g_assert_cmpuint (roster_registrants_view_get_n_loaded (fixture->view), ==, 401);

  csv = export (fixture, FALSE, FALSE, &length);
  lines = g_strsplit (csv, "\r\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;

      if (strstr (lines[i], "mallory@example.org") == NULL)
        continue;
      found = TRUE;
      cells = g_strsplit (lines[i], ",", -1);
      /* lead_id, then first_name: neutralised with a leading apostrophe */
      g_assert_cmpstr (cells[1], ==, "'=cmd|' /C calc'!A0");
      g_assert_cmpstr (cells[2], ==, "Mallory");
    }
  g_assert_true (found);
  g_assert_null (strstr (csv, ",=cmd"));
}

static gboolean
dialog_shown (Fixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static RosterRegistrant *target;

static gboolean
target_unsubscribed (Fixture *fixture)
{
  return roster_registrant_get_subscribed (target) == ROSTER_FLAG_NO;
}

static void
test_unsubscribe (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(RosterRegistrantFilter) filter = roster_registrant_filter_new ();
  g_autoptr(RosterRegistrantPage) page = NULL;
  g_autoptr(RosterRegistrant) fresh = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lead = NULL;
  g_autofree char *action_key = NULL;
  guint n;

  start (fixture);
  n = n_shown (fixture);
  target = NULL;
  for (guint i = 0; i < n && target == NULL; i++)
    if (roster_registrant_get_subscribed (shown_item (fixture, i)) == ROSTER_FLAG_YES)
      target = shown_item (fixture, i);
  g_assert_nonnull (target);

  /* The details panel shows every field the API sent */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "registrants.show-details", "x",
                              roster_registrant_get_id (target));
  g_assert_true (roster_registrants_view_get_details_registrant (fixture->view) == target);

  /* Cancel changes nothing */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "registrants.unsubscribe", "x",
                              roster_registrant_get_id (target));
  wait_until (fixture, dialog_shown, 2000);
  adw_message_dialog_response (find_dialog (), "cancel");
  roster_test_ui_iterate (300);
  g_assert_cmpint (roster_registrant_get_subscribed (target), ==, ROSTER_FLAG_YES);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "unsubscribe"), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "registrants.unsubscribe", "x",
                              roster_registrant_get_id (target));
  wait_until (fixture, dialog_shown, 2000);
  adw_message_dialog_response (find_dialog (), "unsubscribe");
  wait_until (fixture, target_unsubscribed, 5000);

  form = roster_fake_service_dup_last_form (fixture->service, "unsubscribe");
  lead = g_strdup_printf ("%" G_GINT64_FORMAT, roster_registrant_get_lead_id (target));
  g_assert_cmpstr (g_hash_table_lookup (form, "lead_id"), ==, lead);

  /* A fresh query says so too */
  filter->search = g_strdup (roster_registrant_get_email (target));
  roster_client_list_registrants_async (fixture->client, fixture->webinar_id, filter, 1,
                                        ROSTER_PRIORITY_INTERACTIVE, NULL, roster_test_store_result, &result);
  page = roster_client_list_registrants_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (roster_registrant_page_get_items (page)); i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (roster_registrant_page_get_items (page), i);

      if (roster_registrant_get_lead_id (r) == roster_registrant_get_lead_id (target))
        fresh = g_object_ref (r);
    }
  g_assert_nonnull (fresh);
  g_assert_cmpint (roster_registrant_get_subscribed (fresh), ==, ROSTER_FLAG_NO);
  g_assert_cmpstr (roster_registrant_get_field (fresh, "subscribed"), ==, "No");

  /* The store noted it: the row the model makes again says so, with no sync */
  {
    guint position = G_MAXUINT;

    for (guint i = 0; i < n_shown (fixture) && position == G_MAXUINT; i++)
      if (roster_registrant_get_lead_id (shown_item (fixture, i)) == roster_registrant_get_lead_id (target))
        position = i;
    g_assert_cmpuint (position, !=, G_MAXUINT);
    target = NULL;
    roster_test_ui_iterate (400);
    g_assert_cmpint (roster_registrant_get_subscribed (shown_item (fixture, position)), ==, ROSTER_FLAG_NO);
  }
  target = NULL;
}

static void
test_copy_link (Fixture       *fixture,
                gconstpointer  data)
{
  RosterRegistrant *r;
  GdkClipboard *clipboard;
  GValue value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  start (fixture);
  r = shown_item (fixture, 5);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "registrants.copy-link", "(xs)",
                              roster_registrant_get_id (r), "replay");
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->view));
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_value_get_string (&value), ==, roster_registrant_get_replay_room_url (r));
  g_value_unset (&value);
}

static void
test_columns_and_charts (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto(GStrv) visible = NULL;
  RosterRegistrantsChart *funnel = NULL, *bars = NULL;
  double live = 0, replay = 0, purchased = 0, sum = 0;
  GtkColumnViewColumn *phone;

  start (fixture);

  /* The column menu hides a column and remembers it */
  phone = column (fixture, "Phone");
  g_assert_true (gtk_column_view_column_get_visible (phone));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "registrants-columns.phone", NULL);
  g_assert_false (gtk_column_view_column_get_visible (phone));
  visible = g_settings_get_strv (settings, "registrant-columns");
  g_assert_false (g_strv_contains ((const char * const *) visible, "phone"));
  g_assert_true (g_strv_contains ((const char * const *) visible, "email"));
  g_settings_reset (settings, "registrant-columns");
  g_assert_true (gtk_column_view_column_get_visible (phone));

  /* The charts count what is shown */
  for (guint i = 0; i < n_shown (fixture); i++)
    {
      RosterRegistrant *r = shown_item (fixture, i);

      live += roster_registrant_get_attended_live (r) == ROSTER_FLAG_YES;
      replay += roster_registrant_get_attended_replay (r) == ROSTER_FLAG_YES;
      purchased += bought (r);
    }
  {
    g_autoptr(GPtrArray) charts = g_ptr_array_new ();
    GtkWidget *stack[64];
    guint top = 0;

    stack[top++] = GTK_WIDGET (fixture->view);
    while (top > 0)
      {
        GtkWidget *w = stack[--top];

        if (ROSTER_IS_REGISTRANTS_CHART (w))
          g_ptr_array_add (charts, w);
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && top < G_N_ELEMENTS (stack); c = gtk_widget_get_next_sibling (c))
          stack[top++] = c;
      }
    for (guint i = 0; i < charts->len; i++)
      {
        RosterRegistrantsChart *chart = g_ptr_array_index (charts, i);

        if (roster_registrants_chart_get_kind (chart) == ROSTER_REGISTRANTS_CHART_FUNNEL)
          funnel = chart;
        else
          bars = chart;
      }
  }
  g_assert_nonnull (funnel);
  g_assert_nonnull (bars);
  g_assert_cmpuint (roster_registrants_chart_get_n_values (funnel), ==, 4);
  g_assert_cmpfloat (roster_registrants_chart_get_value (funnel, 0), ==, 400);
  g_assert_cmpfloat (roster_registrants_chart_get_value (funnel, 1), ==, live);
  g_assert_cmpfloat (roster_registrants_chart_get_value (funnel, 2), ==, replay);
  g_assert_cmpfloat (roster_registrants_chart_get_value (funnel, 3), ==, purchased);
  /* Six weeks of sign-ups: every one falls in the chart's days */
  g_assert_cmpuint (roster_registrants_chart_get_n_values (bars), >, 20);
  for (guint i = 0; i < roster_registrants_chart_get_n_values (bars); i++)
    sum += roster_registrants_chart_get_value (bars, i);
  g_assert_cmpfloat (sum, ==, 400);
}

static void
test_error (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(RosterClient) bad = client_for (fixture, "not-the-key");

  /* Nothing stored, and the sync refused: the error page */
  roster_registrants_view_set_account (fixture->view, fixture->account);
  roster_registrants_view_set_client (fixture->view, bad);
  roster_registrants_view_set_webinar (fixture->view, fixture->detail);
  wait_until (fixture, load_finished, 20000);
  g_assert_cmpstr (roster_registrants_view_get_state (fixture->view), ==, "error");
  g_assert_error (fixture->auth_error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION);

  /* No webinar: the empty page */
  roster_registrants_view_set_webinar (fixture->view, NULL);
  g_assert_cmpstr (roster_registrants_view_get_state (fixture->view), ==, "empty");
}

int
main (int   argc,
      char *argv[])
{
  roster_test_ui_init (&argc, &argv);

  g_test_add ("/registrants/paging", Fixture, NULL, fixture_set_up, test_paging, fixture_tear_down);
  g_test_add ("/registrants/filter/purchased", Fixture, NULL, fixture_set_up, test_filter_purchased,
              fixture_tear_down);
  g_test_add ("/registrants/filter/attendance", Fixture, NULL, fixture_set_up, test_filter_attendance,
              fixture_tear_down);
  g_test_add ("/registrants/filter/schedule-and-dates", Fixture, NULL, fixture_set_up,
              test_filter_schedule_and_dates, fixture_tear_down);
  g_test_add ("/registrants/filter/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/registrants/filter/during-sync", Fixture, NULL, fixture_set_up, test_filter_during_sync,
              fixture_tear_down);
  g_test_add ("/registrants/stop", Fixture, NULL, fixture_set_up, test_stop, fixture_tear_down);
  g_test_add ("/registrants/sort", Fixture, NULL, fixture_set_up, test_sort, fixture_tear_down);
  g_test_add ("/registrants/scroll-to-top", Fixture, NULL, fixture_set_up, test_scroll_to_top,
              fixture_tear_down);
  g_test_add ("/registrants/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/registrants/export/formula", Fixture, NULL, fixture_set_up, test_export_formula,
              fixture_tear_down);
  g_test_add ("/registrants/unsubscribe", Fixture, NULL, fixture_set_up, test_unsubscribe, fixture_tear_down);
  g_test_add ("/registrants/copy-link", Fixture, NULL, fixture_set_up, test_copy_link, fixture_tear_down);
  g_test_add ("/registrants/columns-and-charts", Fixture, NULL, fixture_set_up, test_columns_and_charts,
              fixture_tear_down);
  g_test_add ("/registrants/error", Fixture, NULL, fixture_set_up, test_error, fixture_tear_down);

  return g_test_run ();
}
