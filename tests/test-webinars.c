/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-webinars"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "roster-error.h"
#include "roster-clock.h"
#include "roster-fake-service.h"
#include "roster-test-ui.h"
#include "roster-webinar-list.h"
#include "roster-webinar-overview.h"
#include "roster-zone-row.h"

/* The sidebar list and the overview, on screen (Xvfb) against the fake service over real HTTP
 * on loopback: rows, search, the overview's schedules and links, copy, the cache that shows
 * before the network answers, and the failure paths. GTest makes warnings fatal, so a warning
 * anywhere fails the test. */

typedef struct
{
  RosterFakeService     *service;
  RosterRateLimiter     *limiter;
  RosterClient          *client;
  RosterWebinarCache    *cache;
  GtkWindow             *window;
  AdwToastOverlay       *overlay;
  RosterWebinarList     *list;
  RosterWebinarOverview *overview;
  char                  *account;
  GError                *auth_error;     /* the last authentication-failed */
  GError                *network_error;  /* the last network-error */
} Fixture;

static RosterClient *
client_for (Fixture    *fixture,
            const char *key)
{
  return roster_test_client_for (fixture->service, key, fixture->limiter, 3000);
}

static void
selected_cb (RosterWebinarList *list,
             GParamSpec        *pspec,
             Fixture           *fixture)
{
  roster_webinar_overview_set_webinar (fixture->overview, roster_webinar_list_get_selected_webinar (list));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static guint counter;
  GtkWidget *box;

  fixture->service = roster_test_fake_start (11, 0);

  fixture->limiter = roster_rate_limiter_new (1000, G_USEC_PER_SEC);
  g_source_attach ((GSource *) fixture->limiter, NULL);
  fixture->client = client_for (fixture, roster_fake_service_get_api_key (fixture->service));

  /* A fresh account name per test, so each has a cache file of its own. */
  fixture->account = g_strdup_printf ("Test account %u", ++counter);
  fixture->cache = roster_webinar_cache_new (fixture->account);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 800);
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  fixture->list = ROSTER_WEBINAR_LIST (roster_webinar_list_new ());
  gtk_widget_set_size_request (GTK_WIDGET (fixture->list), 300, -1);
  fixture->overview = ROSTER_WEBINAR_OVERVIEW (roster_webinar_overview_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (fixture->overview), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->overview));
  adw_toast_overlay_set_child (fixture->overlay, box);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->overlay));
  g_signal_connect (fixture->list, "notify::selected-webinar", G_CALLBACK (selected_cb), fixture);
  gtk_window_present (fixture->window);
  roster_test_ui_iterate (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gpointer weak_list = fixture->list;
  gpointer weak_overview = fixture->overview;

  if (fixture->window != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (fixture->list), &weak_list);
      g_object_add_weak_pointer (G_OBJECT (fixture->overview), &weak_overview);
      gtk_window_destroy (fixture->window);
      roster_test_ui_iterate (50);
      /* Nothing (a pending fetch, a signal handler) kept the widgets alive. */
      g_assert_null (weak_list);
      g_assert_null (weak_overview);
    }

  /* Lets the cache's delayed write and any cancelled call finish. */
  roster_test_ui_iterate (400);
  g_clear_object (&fixture->cache);
  g_clear_object (&fixture->client);
  g_source_destroy ((GSource *) fixture->limiter);
  g_clear_pointer (&fixture->limiter, roster_rate_limiter_unref);
  roster_fake_service_stop (fixture->service);
  g_clear_object (&fixture->service);
  g_clear_pointer (&fixture->account, g_free);
  g_clear_error (&fixture->auth_error);
  g_clear_error (&fixture->network_error);
  roster_test_ui_iterate (20);
}

typedef gboolean (*Condition) (Fixture *fixture);

/* Runs the main loop until the condition holds; fails after timeout_ms. Returns the time it
 * took in ms. */
static double
wait_until (Fixture   *fixture,
            Condition  condition,
            guint      timeout_ms)
{
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + (gint64) timeout_ms * 1000;

  while (!condition (fixture))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Condition not met within %u ms (list: %s, overview: %s)", timeout_ms,
                 roster_webinar_list_get_state (fixture->list),
                 roster_webinar_overview_get_state (fixture->overview));
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
    }
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
list_loaded (Fixture *fixture)
{
  return !roster_webinar_list_get_refreshing (fixture->list) &&
         g_strcmp0 (roster_webinar_list_get_state (fixture->list), "list") == 0;
}

static gboolean
list_has_rows (Fixture *fixture)
{
  return g_list_model_get_n_items (roster_webinar_list_get_shown (fixture->list)) > 0 &&
         g_strcmp0 (roster_webinar_list_get_state (fixture->list), "list") == 0;
}

static gboolean
list_failed (Fixture *fixture)
{
  return !roster_webinar_list_get_refreshing (fixture->list) &&
         g_strcmp0 (roster_webinar_list_get_state (fixture->list), "error") == 0;
}

static gboolean
network_error_seen (Fixture *fixture)
{
  return fixture->network_error != NULL;
}

static gboolean
overview_loaded (Fixture *fixture)
{
  return !roster_webinar_overview_get_refreshing (fixture->overview) &&
         g_strcmp0 (roster_webinar_overview_get_state (fixture->overview), "overview") == 0;
}

static gboolean
overview_shown (Fixture *fixture)
{
  return g_strcmp0 (roster_webinar_overview_get_state (fixture->overview), "overview") == 0;
}

static void
start (Fixture *fixture)
{
  roster_webinar_list_set_cache (fixture->list, fixture->cache);
  roster_webinar_list_set_client (fixture->list, fixture->client);
  roster_webinar_overview_set_cache (fixture->overview, fixture->cache);
  roster_webinar_overview_set_client (fixture->overview, fixture->client);
}

static RosterWebinar *
fetch_detail (Fixture *fixture,
              gint64   id)
{
  return roster_test_get_webinar (fixture->client, id);
}

/* Fills the account's cache file as an earlier run would have. */
static void
warm_cache (Fixture *fixture,
            gboolean with_overview)
{
  g_autoptr(RosterWebinarCache) writer = roster_webinar_cache_new (fixture->account);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(GError) error = NULL;

  roster_client_list_webinars_async (fixture->client, NULL, roster_test_store_result, &result);
  webinars = roster_client_list_webinars_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  roster_webinar_cache_store_list (writer, webinars);
  if (with_overview)
    {
      g_autoptr(RosterWebinar) detail =
        fetch_detail (fixture, roster_fake_service_get_main_webinar_id (fixture->service));

      roster_webinar_cache_store_overview (writer, detail);
    }
  roster_webinar_cache_save_async (writer, NULL, roster_test_store_result, &saved);
  g_assert_true (roster_webinar_cache_save_finish (writer, roster_test_wait_for_result (&saved), &error));
  g_assert_no_error (error);
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect (child, type, out);
}

/* The visible AdwActionRow whose subtitle is (or contains) text. */
static AdwActionRow *
find_row_by_subtitle (GtkWidget  *root,
                      const char *text,
                      gboolean    exact)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (root, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *subtitle = adw_action_row_get_subtitle (rows->pdata[i]);

      if (subtitle != NULL && gtk_widget_is_visible (rows->pdata[i]) &&
          (exact ? g_str_equal (subtitle, text) : strstr (subtitle, text) != NULL))
        return rows->pdata[i];
    }
  return NULL;
}

static gboolean
label_shown (GtkWidget  *root,
             const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0 &&
        gtk_widget_is_drawable (labels->pdata[i]))
      return TRUE;
  return FALSE;
}

/* ---- the list ---------------------------------------------------------------------------------- */

static void
test_list_shows_every_webinar (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GListModel *shown;
  guint n_ids;
  g_autofree gint64 *ids = roster_fake_service_dup_webinar_ids (fixture->service, FALSE, &n_ids);
  gboolean saw_private_name = FALSE;

  g_assert_cmpstr (roster_webinar_list_get_state (fixture->list), ==, "empty");
  start (fixture);
  wait_until (fixture, list_loaded, 5000);

  shown = roster_webinar_list_get_shown (fixture->list);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_ids);
  g_assert_cmpuint (n_ids, >=, 5);

  /* Every row on screen with its title, and the private name where it differs. */
  roster_test_ui_iterate (100);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(RosterWebinar) webinar = g_list_model_get_item (shown, i);
      const char *title = roster_webinar_get_title (webinar);
      const char *name = roster_webinar_get_name (webinar);

      g_assert_true (label_shown (GTK_WIDGET (fixture->list), title));
      if (g_strcmp0 (name, title) != 0)
        {
          g_assert_true (label_shown (GTK_WIDGET (fixture->list), name));
          saw_private_name = TRUE;
        }
    }
  g_assert_true (saw_private_name);
  g_assert_nonnull (roster_test_ui_find_widget (GTK_WIDGET (fixture->list), GTK_TYPE_LABEL,
                                                "label", "Instant replay and 3 more"));

  /* The live list went into the cache. */
  roster_test_ui_iterate (400);
  {
    g_autoptr(RosterWebinarCache) reader = roster_webinar_cache_new (fixture->account);
    g_autoptr(GPtrArray) cached = NULL;
    g_autofree char *contents = NULL;

    roster_webinar_cache_load_async (reader, NULL, roster_test_store_result, &result);
    cached = roster_webinar_cache_load_finish (reader, roster_test_wait_for_result (&result), NULL);
    g_assert_cmpuint (cached->len, ==, n_ids);
    g_assert_true (g_file_get_contents (roster_webinar_cache_get_path (reader), &contents, NULL, NULL));
    g_assert_null (strstr (contents, roster_fake_service_get_api_key (fixture->service)));
  }

  /* Refresh through the action: one more call, the spinner meanwhile. */
  roster_fake_service_reset_counters (fixture->service);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->list), "webinars.refresh", NULL));
  g_assert_true (roster_webinar_list_get_refreshing (fixture->list));
  wait_until (fixture, list_loaded, 5000);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "webinars"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_ids);
}

typedef struct
{
  const char *expected;
  gboolean    seen;
} SearchWait;

static void
search_changed_cb (GtkSearchEntry *entry,
                   SearchWait     *wait)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), wait->expected) == 0)
    wait->seen = TRUE;
}

/* Types into the search entry and waits for its (delayed) search-changed with that text; the
 * list's own handler ran first, as it connected first. */
static void
set_search (Fixture    *fixture,
            const char *text)
{
  GtkWidget *entry = roster_test_ui_find_widget (GTK_WIDGET (fixture->list), GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
  SearchWait wait = { text, FALSE };
  gulong id = g_signal_connect (entry, "search-changed", G_CALLBACK (search_changed_cb), &wait);
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  while (!wait.seen && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (entry, id);
  g_assert_true (wait.seen);
}

static void
test_list_search (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *shown = roster_webinar_list_get_shown (fixture->list);
  GtkWidget *entry = roster_test_ui_find_widget (GTK_WIDGET (fixture->list), GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
  GtkWidget *focus;
  guint n_all;

  start (fixture);
  wait_until (fixture, list_loaded, 5000);
  n_all = g_list_model_get_n_items (shown);

  /* By title, case-insensitively. */
  set_search (fixture, "PRICING");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  {
    g_autoptr(RosterWebinar) webinar = g_list_model_get_item (shown, 0);

    g_assert_cmpstr (roster_webinar_get_title (webinar), ==, "Pricing Psychology Workshop");
  }

  /* By private name only. */
  set_search (fixture, "evergreen");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  {
    g_autoptr(RosterWebinar) webinar = g_list_model_get_item (shown, 0);

    g_assert_cmpstr (roster_webinar_get_name (webinar), ==, "Growth Masterclass (evergreen)");
  }

  /* A selected webinar stays selected while a search hides it. */
  g_assert_true (roster_webinar_list_select_webinar (fixture->list,
                                                     roster_fake_service_get_main_webinar_id (fixture->service)));
  set_search (fixture, "no such webinar at all");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  g_assert_cmpstr (roster_webinar_list_get_state (fixture->list), ==, "no-results");
  g_assert_nonnull (roster_webinar_list_get_selected_webinar (fixture->list));

  set_search (fixture, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all);
  g_assert_cmpstr (roster_webinar_list_get_state (fixture->list), ==, "list");

  /* webinars.search puts the focus into the entry. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->list), "webinars.search", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

/* ---- the overview ------------------------------------------------------------------------------ */

static void
test_overview_every_schedule_and_link (Fixture       *fixture,
                                       gconstpointer  data)
{
  gint64 id = roster_fake_service_get_main_webinar_id (fixture->service);
  g_autoptr(RosterWebinar) truth = NULL;
  GtkWidget *overview = GTK_WIDGET (fixture->overview);
  GListModel *schedules;
  GListModel *presenters;
  const char *urls[5];

  g_assert_cmpstr (roster_webinar_overview_get_state (fixture->overview), ==, "empty");
  start (fixture);
  wait_until (fixture, list_loaded, 5000);
  truth = fetch_detail (fixture, id);

  g_assert_true (roster_webinar_list_select_webinar (fixture->list, id));
  g_assert_true (roster_webinar_overview_get_webinar (fixture->overview) ==
                 roster_webinar_list_get_selected_webinar (fixture->list));
  wait_until (fixture, overview_loaded, 5000);
  roster_test_ui_iterate (50);

  g_assert_true (label_shown (overview, roster_webinar_get_title (truth)));
  g_assert_true (label_shown (overview, roster_webinar_get_description (truth)));
  g_assert_nonnull (find_row_by_subtitle (overview, roster_webinar_get_timezone (truth), TRUE));
  g_assert_nonnull (find_row_by_subtitle (overview, roster_webinar_get_name (truth), TRUE));

  /* Every schedule with its comment and ID, and its kind. */
  schedules = roster_webinar_get_schedules (truth);
  g_assert_cmpuint (g_list_model_get_n_items (schedules), >=, 4);
  for (guint i = 0; i < g_list_model_get_n_items (schedules); i++)
    {
      g_autoptr(RosterSchedule) schedule = g_list_model_get_item (schedules, i);
      g_autofree char *id_text = g_strdup_printf ("Schedule ID %" G_GINT64_FORMAT,
                                                  roster_schedule_get_id (schedule));
      AdwActionRow *row = find_row_by_subtitle (overview, id_text, FALSE);

      g_autofree char *comment = roster_clock_format_text (roster_clock_get_default (),
                                                           roster_schedule_get_comment (schedule));

      g_assert_nonnull (row);
      /* The comment's time in the desktop's clock format ("Every day, 13:00") */
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, comment);
      if (roster_schedule_get_kind (schedule) == ROSTER_SCHEDULE_KIND_RECURRING)
        g_assert_true (label_shown (GTK_WIDGET (row), "Recurring"));
      if (roster_schedule_get_date (schedule) != NULL)
        g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Next session"));
    }

  presenters = roster_webinar_get_presenters (truth);
  g_assert_cmpuint (g_list_model_get_n_items (presenters), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (presenters); i++)
    {
      g_autoptr(RosterPresenter) presenter = g_list_model_get_item (presenters, i);
      AdwActionRow *row = find_row_by_subtitle (overview, roster_presenter_get_email (presenter), TRUE);

      g_assert_nonnull (row);
      g_assert_nonnull (roster_test_ui_find_widget (GTK_WIDGET (row), ADW_TYPE_AVATAR, "text",
                                                    roster_presenter_get_name (presenter)));
    }

  /* Every link the fake returned, each with its buttons. */
  urls[0] = roster_webinar_get_registration_url (truth);
  urls[1] = roster_webinar_get_live_room_url (truth);
  urls[2] = roster_webinar_get_replay_room_url (truth);
  urls[3] = roster_webinar_get_registration_checkout_url (truth);
  urls[4] = roster_webinar_get_registration_post_payment_url (truth);
  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      AdwActionRow *row;

      if (urls[i] == NULL)
        continue;
      row = find_row_by_subtitle (overview, urls[i], TRUE);
      g_assert_nonnull (row);
      g_assert_nonnull (roster_test_ui_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON,
                                                    "action-name", "overview.copy-link"));
      g_assert_nonnull (roster_test_ui_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON,
                                                    "action-name", "overview.open-link"));
    }
  g_assert_nonnull (urls[0]);
  g_assert_nonnull (urls[1]);
  /* The main webinar is free: no checkout link and no price, and those rows are hidden. */
  g_assert_null (urls[3]);
  g_assert_nonnull (find_row_by_subtitle (overview, "Free", TRUE));
  g_assert_null (find_row_by_subtitle (overview, "/checkout/", FALSE));

  /* Presenter pictures (SVG from the fake) load into the avatars. */
  {
    g_autoptr(GPtrArray) avatars = g_ptr_array_new ();
    gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
    gboolean all = FALSE;

    collect (overview, ADW_TYPE_AVATAR, avatars);
    g_assert_cmpuint (avatars->len, ==, g_list_model_get_n_items (presenters));
    while (!all && g_get_monotonic_time () < end)
      {
        all = TRUE;
        for (guint i = 0; i < avatars->len; i++)
          all &= adw_avatar_get_custom_image (avatars->pdata[i]) != NULL;
        roster_test_ui_iterate (20);
      }
    g_assert_true (all);
  }

  /* A paid webinar shows its price and checkout link. */
  {
    GListModel *all_webinars = roster_webinar_list_get_webinars (fixture->list);
    gboolean saw_paid = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (all_webinars) && !saw_paid; i++)
      {
        g_autoptr(RosterWebinar) webinar = g_list_model_get_item (all_webinars, i);
        g_autoptr(RosterWebinar) detail = fetch_detail (fixture, roster_webinar_get_id (webinar));
        g_autofree char *price = NULL;

        if (roster_webinar_get_registration_fee (detail) <= 0)
          continue;
        saw_paid = TRUE;
        roster_webinar_list_select_webinar (fixture->list, roster_webinar_get_id (webinar));
        wait_until (fixture, overview_loaded, 5000);
        price = g_strdup_printf ("%.0f %s", roster_webinar_get_registration_fee (detail),
                                 roster_webinar_get_registration_currency (detail));
        g_assert_nonnull (find_row_by_subtitle (overview, price, TRUE));
        g_assert_nonnull (find_row_by_subtitle (overview, "Paid", TRUE));
        g_assert_nonnull (find_row_by_subtitle (overview,
                                                roster_webinar_get_registration_checkout_url (detail), TRUE));
      }
    g_assert_true (saw_paid);
  }
}

typedef struct
{
  char *toast;
  char *text;
  gboolean done;
} CopyState;

static gboolean
toast_cb (RosterWebinarOverview *overview,
          AdwToast              *toast,
          CopyState             *state)
{
  g_free (state->toast);
  state->toast = g_strdup (adw_toast_get_title (toast));
  return FALSE;  /* the overlay shows it as well */
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CopyState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  state->done = TRUE;
}

static void
test_overview_copy_link (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 id = roster_fake_service_get_main_webinar_id (fixture->service);
  g_autoptr(RosterWebinar) truth = NULL;
  const char *urls[2];
  CopyState state = { NULL, };

  start (fixture);
  wait_until (fixture, list_loaded, 5000);
  truth = fetch_detail (fixture, id);
  urls[0] = roster_webinar_get_live_room_url (truth);
  urls[1] = roster_webinar_get_registration_url (truth);
  roster_webinar_list_select_webinar (fixture->list, id);
  wait_until (fixture, overview_loaded, 5000);
  g_signal_connect (fixture->overview, "toast", G_CALLBACK (toast_cb), &state);

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      AdwActionRow *row = find_row_by_subtitle (GTK_WIDGET (fixture->overview), urls[i], TRUE);
      GtkWidget *button = roster_test_ui_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON,
                                                      "action-name", "overview.copy-link");
      GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->overview));

      g_clear_pointer (&state.toast, g_free);
      g_clear_pointer (&state.text, g_free);
      state.done = FALSE;

      g_signal_emit_by_name (button, "clicked");
      g_assert_cmpstr (state.toast, ==, "Link copied");

      gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &state);
      while (!state.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpstr (state.text, ==, urls[i]);
    }

  g_free (state.toast);
  g_free (state.text);
}

static void
test_overview_timezone (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 id = roster_fake_service_get_main_webinar_id (fixture->service);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GVariant) saved = NULL;
  const char *zone = NULL;
  GtkWidget *combo;

  start (fixture);
  wait_until (fixture, list_loaded, 5000);
  roster_webinar_list_select_webinar (fixture->list, id);
  wait_until (fixture, overview_loaded, 5000);

  /* The choices: whole and half (and quarter) hours from GMT-12 to GMT+14. */
  {
    const char * const *zones = roster_zone_row_get_zones ();

    g_assert_cmpstr (zones[0], ==, "GMT-12");
    g_assert_cmpstr (zones[g_strv_length ((char **) zones) - 1], ==, "GMT+14");
    g_assert_true (g_strv_contains (zones, "GMT+5:30"));
    g_assert_true (g_strv_contains (zones, "GMT+4:30"));
  }
  combo = roster_test_ui_find_widget (GTK_WIDGET (fixture->overview), ADW_TYPE_COMBO_ROW, NULL, NULL);
  g_assert_true (gtk_widget_is_visible (combo));
  form = roster_fake_service_dup_last_form (fixture->service, "webinar");
  g_assert_null (g_hash_table_lookup (form, "timezone"));
  g_clear_pointer (&form, g_hash_table_unref);

  /* Choosing a zone in the combo asks again with it, and remembers it for the webinar. */
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (combo))); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (adw_combo_row_get_model (ADW_COMBO_ROW (combo)), i);

      if (g_str_equal (gtk_string_object_get_string (item), "GMT+5:30"))
        adw_combo_row_set_selected (ADW_COMBO_ROW (combo), i);
    }
  g_assert_cmpstr (roster_webinar_overview_get_timezone (fixture->overview), ==, "GMT+5:30");
  wait_until (fixture, overview_loaded, 5000);
  form = roster_fake_service_dup_last_form (fixture->service, "webinar");
  g_assert_cmpstr (g_hash_table_lookup (form, "timezone"), ==, "GMT+5:30");
  g_assert_nonnull (find_row_by_subtitle (GTK_WIDGET (fixture->overview), "(GMT+5:30)", FALSE));

  saved = g_settings_get_value (settings, "webinar-timezones");
  {
    GVariantIter iter;
    gint64 key;
    const char *value;

    g_variant_iter_init (&iter, saved);
    while (g_variant_iter_next (&iter, "{x&s}", &key, &value))
      if (key == id)
        zone = value;
    g_assert_cmpstr (zone, ==, "GMT+5:30");
  }

  /* Another webinar starts at the default; back to this one brings its zone back. */
  {
    guint n;
    g_autofree gint64 *ids = roster_fake_service_dup_webinar_ids (fixture->service, FALSE, &n);
    gint64 other = ids[0] == id ? ids[1] : ids[0];

    roster_webinar_list_select_webinar (fixture->list, other);
    g_assert_null (roster_webinar_overview_get_timezone (fixture->overview));
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo)), ==, 0);
    wait_until (fixture, overview_loaded, 5000);
    roster_webinar_list_select_webinar (fixture->list, id);
    g_assert_cmpstr (roster_webinar_overview_get_timezone (fixture->overview), ==, "GMT+5:30");
    wait_until (fixture, overview_loaded, 5000);
  }

  /* Back to the default forgets it. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 0);
  g_assert_null (roster_webinar_overview_get_timezone (fixture->overview));
  g_clear_pointer (&saved, g_variant_unref);
  saved = g_settings_get_value (settings, "webinar-timezones");
  g_assert_cmpuint (g_variant_n_children (saved), ==, 0);
  wait_until (fixture, overview_loaded, 5000);
}

/* ---- the cache --------------------------------------------------------------------------------- */

static void
test_list_cached_before_network (Fixture       *fixture,
                                 gconstpointer  data)
{
  gint64 id = roster_fake_service_get_main_webinar_id (fixture->service);
  guint n_ids;
  g_autofree gint64 *ids = roster_fake_service_dup_webinar_ids (fixture->service, FALSE, &n_ids);
  double rows_ms, overview_ms;

  warm_cache (fixture, TRUE);
  roster_fake_service_set_latency (fixture->service, 2000, 0);
  roster_fake_service_reset_counters (fixture->service);

  start (fixture);
  rows_ms = wait_until (fixture, list_has_rows, 1500);
  g_test_message ("cached rows after %.1f ms", rows_ms);
  g_assert_cmpfloat (rows_ms, <, 200);
  /* Marked as refreshing while the live list is on its way. */
  g_assert_true (roster_webinar_list_get_refreshing (fixture->list));
  g_assert_cmpuint (g_list_model_get_n_items (roster_webinar_list_get_shown (fixture->list)), ==, n_ids);
  roster_test_ui_iterate (50);
  g_assert_true (label_shown (GTK_WIDGET (fixture->list), "Pricing Psychology Workshop"));

  /* The cached overview too. */
  roster_webinar_list_select_webinar (fixture->list, id);
  overview_ms = wait_until (fixture, overview_shown, 1500);
  g_test_message ("cached overview after %.1f ms", overview_ms);
  g_assert_cmpfloat (overview_ms, <, 200);
  g_assert_true (roster_webinar_overview_get_refreshing (fixture->overview));

  /* Then the live answers land. */
  wait_until (fixture, list_loaded, 6000);
  wait_until (fixture, overview_loaded, 6000);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "webinars"), ==, 1);
}

/* Widgets destroyed while their calls are in flight: the callbacks return quietly. */
static void
test_destroy_while_loading (Fixture       *fixture,
                            gconstpointer  data)
{
  warm_cache (fixture, TRUE);
  roster_fake_service_set_latency (fixture->service, 500, 0);
  start (fixture);
  wait_until (fixture, list_has_rows, 1500);
  roster_webinar_list_select_webinar (fixture->list, roster_fake_service_get_main_webinar_id (fixture->service));
  g_assert_true (roster_webinar_overview_get_refreshing (fixture->overview));

  {
    gpointer weak_list = fixture->list;
    gpointer weak_overview = fixture->overview;

    g_object_add_weak_pointer (G_OBJECT (fixture->list), &weak_list);
    g_object_add_weak_pointer (G_OBJECT (fixture->overview), &weak_overview);
    gtk_window_destroy (fixture->window);
    fixture->window = NULL;
    roster_test_ui_iterate (20);
    g_assert_null (weak_list);
    g_assert_null (weak_overview);
  }

  /* The answers arrive after that, to nobody. */
  roster_test_ui_iterate (1200);
}

static void
test_list_corrupt_cache_ignored (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *path = roster_webinar_cache_get_path (fixture->cache);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  guint n_ids;
  g_autofree gint64 *ids = roster_fake_service_dup_webinar_ids (fixture->service, FALSE, &n_ids);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, "{\"format\": \"roster-webinar-cache\", \"version\": 1, \"webinars\": [{\"webin",
                       -1, &error);
  g_assert_no_error (error);

  start (fixture);
  wait_until (fixture, list_loaded, 5000);
  g_assert_cmpuint (g_list_model_get_n_items (roster_webinar_list_get_shown (fixture->list)), ==, n_ids);

  /* And the good list replaced the bad file. */
  roster_test_ui_iterate (400);
  {
    g_autoptr(RosterWebinarCache) reader = roster_webinar_cache_new (fixture->account);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) cached = NULL;

    roster_webinar_cache_load_async (reader, NULL, roster_test_store_result, &result);
    cached = roster_webinar_cache_load_finish (reader, roster_test_wait_for_result (&result), NULL);
    g_assert_cmpuint (cached->len, ==, n_ids);
  }
}

/* ---- failures ---------------------------------------------------------------------------------- */

static void
record_error_cb (GtkWidget *widget,
                 GError    *error,
                 GError   **out)
{
  g_clear_error (out);
  *out = g_error_copy (error);
}

static void
test_list_authentication_failed (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(RosterClient) wrong = client_for (fixture, "not-the-key");
  AdwStatusPage *page;

  g_signal_connect (fixture->list, "authentication-failed", G_CALLBACK (record_error_cb), &fixture->auth_error);
  g_signal_connect (fixture->list, "network-error", G_CALLBACK (record_error_cb), &fixture->network_error);
  roster_webinar_list_set_client (fixture->list, wrong);
  wait_until (fixture, list_failed, 5000);

  g_assert_error (fixture->auth_error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION);
  g_assert_null (fixture->network_error);
  /* The server's own message, and never the key. */
  page = ADW_STATUS_PAGE (roster_test_ui_find_widget (GTK_WIDGET (fixture->list), ADW_TYPE_STATUS_PAGE,
                                                      "title", "Could Not Load Webinars"));
  g_assert_cmpstr (adw_status_page_get_description (page), ==, fixture->auth_error->message);
  g_assert_null (strstr (fixture->auth_error->message, "not-the-key"));
}

static void
test_list_network_error_keeps_rows (Fixture       *fixture,
                                    gconstpointer  data)
{
  guint n_ids;
  g_autofree gint64 *ids = roster_fake_service_dup_webinar_ids (fixture->service, FALSE, &n_ids);

  warm_cache (fixture, FALSE);
  /* Nothing listens any more: connection refused. */
  roster_fake_service_stop (fixture->service);
  roster_test_ui_iterate (50);

  g_signal_connect (fixture->list, "network-error", G_CALLBACK (record_error_cb), &fixture->network_error);
  g_signal_connect (fixture->list, "authentication-failed", G_CALLBACK (record_error_cb), &fixture->auth_error);
  start (fixture);
  wait_until (fixture, network_error_seen, 15000);

  g_assert_error (fixture->network_error, ROSTER_API_ERROR, ROSTER_API_ERROR_NETWORK);
  g_assert_null (fixture->auth_error);
  g_assert_false (roster_webinar_list_get_refreshing (fixture->list));
  g_assert_cmpstr (roster_webinar_list_get_state (fixture->list), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (roster_webinar_list_get_shown (fixture->list)), ==, n_ids);

  /* Without a cache, the same failure is the error page with a way to retry. */
  g_clear_error (&fixture->network_error);
  {
    g_autoptr(RosterWebinarCache) empty = roster_webinar_cache_new ("Never seen before");

    roster_webinar_list_set_cache (fixture->list, empty);
    roster_test_ui_iterate (20);
    wait_until (fixture, list_failed, 15000);
    g_assert_null (fixture->network_error);
    g_assert_nonnull (roster_test_ui_find_widget (GTK_WIDGET (fixture->list), GTK_TYPE_BUTTON,
                                                  "action-name", "webinars.refresh"));
  }
}

/* The one zone row of the overview and the target picker: the server's default first, then the
 * offsets; choosing in the list and setting the zone are the same thing, and a zone it does not
 * offer is the server's default. */
static void
count_notify (guint *n)
{
  (*n)++;
}

static void
test_zone_row (void)
{
  g_autoptr(GtkWidget) row = g_object_ref_sink (roster_zone_row_new ());
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_autoptr(GtkStringObject) first = g_list_model_get_item (model, 0);
  const char * const *zones = roster_zone_row_get_zones ();
  guint n_notified = 0;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, g_strv_length ((char **) zones) + 1);
  g_assert_cmpstr (gtk_string_object_get_string (first), ==, "Server Default");
  g_assert_null (roster_zone_row_get_zone (ROSTER_ZONE_ROW (row)));
  g_signal_connect_swapped (row, "notify::zone", G_CALLBACK (count_notify), &n_notified);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_cmpstr (roster_zone_row_get_zone (ROSTER_ZONE_ROW (row)), ==, "GMT-12");
  g_assert_cmpuint (n_notified, ==, 1);

  roster_zone_row_set_zone (ROSTER_ZONE_ROW (row), "GMT+5:30");
  g_assert_cmpstr (roster_zone_row_get_zone (ROSTER_ZONE_ROW (row)), ==, "GMT+5:30");
  g_assert_cmpstr (zones[adw_combo_row_get_selected (ADW_COMBO_ROW (row)) - 1], ==, "GMT+5:30");
  g_assert_cmpuint (n_notified, ==, 2);
  roster_zone_row_set_zone (ROSTER_ZONE_ROW (row), "GMT+5:30");
  g_assert_cmpuint (n_notified, ==, 2);

  roster_zone_row_set_zone (ROSTER_ZONE_ROW (row), "Europe/Berlin");
  g_assert_null (roster_zone_row_get_zone (ROSTER_ZONE_ROW (row)));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  g_assert_cmpuint (n_notified, ==, 3);
}

/* Another webinar starts at its title, not where the last one was scrolled to. */
static void
test_overview_scrolls_to_top (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(GPtrArray) scrollers = g_ptr_array_new ();
  GtkAdjustment *adjustment;
  GtkWidget *scroller = NULL;

  start (fixture);
  roster_client_list_webinars_async (fixture->client, NULL, roster_test_store_result, &result);
  webinars = roster_client_list_webinars_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (webinars->len, >=, 2);

  roster_webinar_overview_set_webinar (fixture->overview, g_ptr_array_index (webinars, 0));
  wait_until (fixture, overview_loaded, 10000);
  roster_test_ui_iterate (100);
  collect (GTK_WIDGET (fixture->overview), GTK_TYPE_SCROLLED_WINDOW, scrollers);
  for (guint i = 0; i < scrollers->len && scroller == NULL; i++)
    {
      GtkWidget *viewport = gtk_scrolled_window_get_child (scrollers->pdata[i]);

      /* The overview's own, not a status page's */
      if (gtk_widget_get_mapped (scrollers->pdata[i]) && GTK_IS_VIEWPORT (viewport) &&
          ADW_IS_CLAMP (gtk_viewport_get_child (GTK_VIEWPORT (viewport))))
        scroller = scrollers->pdata[i];
    }
  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  /* Taller than the window, whatever the fake's webinar holds, so that it scrolls */
  gtk_widget_set_size_request (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)), -1, 2000);
  roster_test_ui_iterate (100);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment) + 200);
  gtk_adjustment_set_value (adjustment, 200);

  roster_webinar_overview_set_webinar (fixture->overview, g_ptr_array_index (webinars, 1));
  wait_until (fixture, overview_loaded, 10000);
  roster_test_ui_iterate (100);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}

static void
link_toast_cb (RosterWebinarOverview *overview,
               AdwToast              *toast,
               char                 **title)
{
  g_free (*title);
  *title = g_strdup (adw_toast_get_title (toast));
}

/* With no browser (the tests have none), a link is copied and a toast says so, instead of
 * GTK's bare error dialog. */
static void
test_overview_open_link_without_browser (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autofree char *title = NULL;
  const char *url;
  gint64 end;

  start (fixture);
  wait_until (fixture, list_loaded, 5000);
  roster_webinar_list_select_webinar (fixture->list, roster_fake_service_get_main_webinar_id (fixture->service));
  wait_until (fixture, overview_loaded, 10000);
  url = roster_webinar_get_registration_url (roster_webinar_overview_get_detail (fixture->overview));
  g_assert_nonnull (url);
  g_signal_connect (fixture->overview, "toast", G_CALLBACK (link_toast_cb), &title);

  gtk_widget_activate_action (GTK_WIDGET (fixture->overview), "overview.open-link", "s", url);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (title == NULL && g_get_monotonic_time () < end)
    roster_test_ui_iterate (20);
  g_assert_cmpstr (title, ==, "No web browser could open the link, so it was copied");
  g_assert_null (roster_test_ui_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_MESSAGE_DIALOG, NULL, NULL));
  g_signal_handlers_disconnect_by_func (fixture->overview, link_toast_cb, &title);
}

int
main (int   argc,
      char *argv[])
{
  roster_test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/webinars/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("list/shows-every-webinar", test_list_shows_every_webinar);
  ADD ("list/search", test_list_search);
  ADD ("list/cached-before-network", test_list_cached_before_network);
  ADD ("list/corrupt-cache-ignored", test_list_corrupt_cache_ignored);
  ADD ("list/authentication-failed", test_list_authentication_failed);
  ADD ("list/network-error-keeps-rows", test_list_network_error_keeps_rows);
  ADD ("overview/every-schedule-and-link", test_overview_every_schedule_and_link);
  ADD ("overview/copy-link", test_overview_copy_link);
  ADD ("overview/timezone", test_overview_timezone);
  ADD ("overview/scrolls-to-top", test_overview_scrolls_to_top);
  ADD ("overview/open-link-without-browser", test_overview_open_link_without_browser);
  ADD ("destroy-while-loading", test_destroy_while_loading);
#undef ADD
  g_test_add_func ("/webinars/zone-row", test_zone_row);

  return g_test_run ();
}
