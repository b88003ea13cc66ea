/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-people"

#include "config.h"

#include <adwaita.h>

#include "roster-people-dialog.h"
#include "roster-person-group.h"
#include "roster-registrants-view.h"
#include "roster-search-provider.h"
#include "roster-test-people.h"
#include "roster-test-ui.h"
#include "roster-webinar-list.h"

/* People across webinars: the People page on screen (Xvfb), and the GNOME Shell search provider
 * called over the test session bus (build-aux/test-session.sh) from a connection of its own, as
 * Shell calls it: in this process against a store filled with known people, and as the real
 * `roster --gapplication-service` that Shell's D-Bus activation starts, which must end by itself. */

#define ACCOUNT "Webinars Inc"
#define PROVIDER_IFACE "org.gnome.Shell.SearchProvider2"

/* One application for the program: a process exports it on the bus once. */
static RosterApplication *test_app;

typedef struct
{
  RosterFakeService *service;
  RosterApplication *app;
  RosterAccount     *account;
  gint64             growth_id;
  gint64             launch_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  RosterAccountStore *accounts;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;

  fixture->service = roster_test_fake_start (14, 0);
  endpoint = roster_fake_service_dup_endpoint (fixture->service, ROSTER_PRODUCT_EVERWEBINAR);
  fixture->app = test_app;
  accounts = roster_application_get_account_store (fixture->app);
  fixture->account = roster_account_store_add_session_only (accounts, ACCOUNT,
                                                            ROSTER_PRODUCT_EVERWEBINAR, endpoint,
                                                            roster_fake_service_get_api_key (fixture->service),
                                                            &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *windows;

  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterAccountStore *accounts = roster_application_get_account_store (fixture->app);

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app))) != NULL)
    roster_test_ui_destroy (windows->data);
  /* Forgetting the account deletes its store too. */
  roster_account_store_remove_async (accounts, fixture->account, NULL, roster_test_store_result, &result);
  g_assert_true (roster_account_store_remove_finish (accounts, roster_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->account);
  roster_fake_service_stop (fixture->service);
  g_clear_object (&fixture->service);
}

static RosterRegistrantStore *
get_store (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterRegistrantStore *store;

  roster_account_get_registrant_store_async (fixture->account, NULL, roster_test_store_result, &result);
  store = roster_account_get_registrant_store_finish (fixture->account,
                                                      roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return store;
}

/* The known people, Growth Masterclass under the fake's main webinar so that the window can
 * open it. */
static void
fill_store (Fixture *fixture)
{
  g_autoptr(RosterRegistrantStore) store = get_store (fixture);
  g_autofree gint64 *ids = NULL;
  guint n_ids;

  ids = roster_fake_service_dup_webinar_ids (fixture->service, FALSE, &n_ids);
  g_assert_cmpuint (n_ids, >=, 2);
  fixture->growth_id = roster_fake_service_get_main_webinar_id (fixture->service);
  fixture->launch_id = ids[0] != fixture->growth_id ? ids[0] : ids[1];
  roster_test_people_fill (store, fixture->growth_id, fixture->launch_id);
}

static void
wait_for_state (RosterPeopleDialog *dialog,
                const char         *state)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_strcmp0 (roster_people_dialog_get_state (dialog), state) != 0)
    {
      if (g_get_monotonic_time () > end)
        g_error ("The People page shows “%s”, not “%s”", roster_people_dialog_get_state (dialog), state);
      roster_test_ui_iterate (5);
    }
}

/* ---- The People page ------------------------------------------------------------------------- */

/* No store on disk: the page says how to get one, and looking made no file. */
static void
test_page_nothing_stored (Fixture       *fixture,
                          gconstpointer  data)
{
  RosterPeopleDialog *dialog = roster_people_dialog_new (NULL);
  g_autofree char *path = roster_account_dup_registrant_store_path (fixture->account, NULL);
  g_autoptr(RosterRegistrantStore) store = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  roster_people_dialog_set_account (dialog, fixture->account);
  roster_people_dialog_set_text (dialog, "ada");
  wait_for_state (dialog, "nothing-stored");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  roster_test_ui_pause_for_screenshot ();

  /* An empty store says the same. */
  store = get_store (fixture);
  roster_people_dialog_set_account (dialog, NULL);
  roster_people_dialog_set_account (dialog, fixture->account);
  wait_for_state (dialog, "nothing-stored");
  roster_test_ui_destroy (dialog);
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *webinar)
{
  return roster_test_ui_find_widget (root, ADW_TYPE_ACTION_ROW, "title", webinar);
}

static void
match_activated_cb (RosterPeopleDialog  *dialog,
                    RosterPersonMatch   *match,
                    RosterPersonMatch  **out)
{
  g_set_object (out, match);
}

static void
test_page_results (Fixture       *fixture,
                   gconstpointer  data)
{
  RosterPeopleDialog *dialog = roster_people_dialog_new (NULL);
  g_autoptr(RosterPersonMatch) activated = NULL;
  GtkWidget *group;
  GtkWidget *row;

  fill_store (fixture);
  g_signal_connect (dialog, "match-activated", G_CALLBACK (match_activated_cb), &activated);
  gtk_window_present (GTK_WINDOW (dialog));
  roster_people_dialog_set_account (dialog, fixture->account);
  wait_for_state (dialog, "search");

  /* Ada: one group, her two webinars, each with session, attendance, purchase and links. */
  roster_people_dialog_set_text (dialog, "lovelace");
  wait_for_state (dialog, "results");
  g_assert_cmpuint (g_list_model_get_n_items (roster_people_dialog_get_matches (dialog)), ==, 2);
  group = roster_test_ui_find_widget (GTK_WIDGET (dialog), ROSTER_TYPE_PERSON_GROUP, "title", "Ada Lovelace");
  g_assert_nonnull (group);
  g_assert_cmpuint (roster_person_group_get_n_matches (ROSTER_PERSON_GROUP (group)), ==, 2);
  row = find_row (group, "Growth Masterclass");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "2025"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "97"));
  g_assert_nonnull (roster_test_ui_find_widget (row, GTK_TYPE_MENU_BUTTON, "tooltip-text", "Personal Links"));
  g_assert_nonnull (find_row (group, "Product Launch"));
  roster_test_ui_pause_for_screenshot ();

  /* Copying a personal link puts it on the clipboard. */
  g_assert_true (gtk_widget_activate_action (row, "people.copy-link", "s", "https://example.org/live/ada"));

  /* Activating a registration hands it to the window. */
  g_signal_emit_by_name (row, "activated");
  g_assert_nonnull (activated);
  g_assert_cmpint (roster_person_match_get_webinar_id (activated), ==, fixture->growth_id);

  /* Names are text, never markup: unescaped, the group's markup label would warn (fatal here)
   * and show nothing; escaped, it shows the name as it is. */
  roster_people_dialog_set_text (dialog, "tom jerry");
  wait_for_state (dialog, "results");
  g_assert_nonnull (roster_test_ui_find_widget (GTK_WIDGET (dialog), ROSTER_TYPE_PERSON_GROUP,
                                                "title", "Tom & Jerry <Co>"));

  roster_people_dialog_set_text (dialog, "nobody at all");
  wait_for_state (dialog, "no-results");
  g_assert_cmpuint (g_list_model_get_n_items (roster_people_dialog_get_matches (dialog)), ==, 0);

  /* Forgetting the stored people (Preferences) leaves the page with nothing. */
  roster_people_dialog_set_text (dialog, "ada");
  wait_for_state (dialog, "results");
  g_assert_true (roster_account_forget_registrant_store (fixture->account, NULL));
  wait_for_state (dialog, "nothing-stored");
  roster_test_ui_destroy (dialog);
}

static GtkWidget *
wait_for_widget (GtkWidget *root,
                 GType      type)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  GtkWidget *found;

  while ((found = roster_test_ui_find_widget (root, type, NULL, NULL)) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  return found;
}

/* Ctrl+Shift+F (win.people, also in the primary menu) opens the page on the window's account;
 * picking a registration opens that webinar's registrants on the person. */
static void
test_window_people (Fixture       *fixture,
                    gconstpointer  data)
{
  RosterWindow *window = roster_application_new_window (fixture->app);
  g_auto(GStrv) accels = NULL;
  g_autoptr(RosterRegistrantFilter) filter = NULL;
  RosterWebinarList *list;
  RosterRegistrantsView *view;
  RosterPeopleDialog *dialog;
  RosterRegistrant *details;
  GtkWidget *row;
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  fill_store (fixture);
  roster_window_set_account (window, fixture->account);
  gtk_window_present (GTK_WINDOW (window));
  list = ROSTER_WEBINAR_LIST (wait_for_widget (GTK_WIDGET (window), ROSTER_TYPE_WEBINAR_LIST));
  while (g_list_model_get_n_items (roster_webinar_list_get_webinars (list)) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), "win.people");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Shift><Control>f"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.people", NULL));
  dialog = roster_window_get_people_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (roster_people_dialog_get_account (dialog) == fixture->account);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  roster_people_dialog_set_text (dialog, "grace");
  wait_for_state (dialog, "results");
  row = find_row (GTK_WIDGET (dialog), "Growth Masterclass");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  roster_test_ui_iterate (100);

  view = ROSTER_REGISTRANTS_VIEW (roster_test_ui_find_widget (GTK_WIDGET (window),
                                                               ROSTER_TYPE_REGISTRANTS_VIEW, NULL, NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_nonnull (roster_registrants_view_get_webinar (view));
  g_assert_cmpint (roster_webinar_get_id (roster_registrants_view_get_webinar (view)), ==, fixture->growth_id);
  filter = roster_registrants_view_dup_filter (view);
  g_assert_cmpstr (filter->search, ==, "grace.hopper@navy.example.mil");
  details = roster_registrants_view_get_details_registrant (view);
  g_assert_nonnull (details);
  g_assert_cmpstr (roster_registrant_get_email (details), ==, "grace.hopper@navy.example.mil");

  /* The page follows the window to another account. */
  roster_window_set_account (window, NULL);
  g_assert_null (roster_people_dialog_get_account (dialog));
}

/* ---- The GNOME Shell search provider ------------------------------------------------------- */

/* A connection of its own to the session bus, as GNOME Shell has. */
static GDBusConnection *
shell_connection (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GDBusConnection *connection;

  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

static GVariant *
call (GDBusConnection *connection,
      const char      *bus_name,
      const char      *object_path,
      const char      *method,
      GVariant        *parameters,
      const char      *reply_type)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  g_dbus_connection_call (connection, bus_name, object_path, PROVIDER_IFACE, method, parameters,
                          G_VARIANT_TYPE (reply_type), G_DBUS_CALL_FLAGS_NONE, 120000, NULL,
                          roster_test_store_result, &result);
  reply = g_dbus_connection_call_finish (connection, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return reply;
}

typedef struct
{
  GDBusConnection *connection;
  const char      *name;
  char            *path;
} Shell;

static void
shell_init (Shell   *shell,
            Fixture *fixture)
{
  GApplication *app = G_APPLICATION (fixture->app);

  shell->connection = shell_connection ();
  /* The test's application is not unique: it answers on its connection's own name. */
  shell->name = g_dbus_connection_get_unique_name (g_application_get_dbus_connection (app));
  shell->path = g_strconcat (g_application_get_dbus_object_path (app), "/SearchProvider", NULL);
}

static void
shell_clear (Shell *shell)
{
  g_clear_object (&shell->connection);
  g_clear_pointer (&shell->path, g_free);
}

static GStrv
search (Shell              *shell,
        const char * const *previous,
        const char * const *terms)
{
  g_autoptr(GVariant) reply = NULL;
  GStrv results;

  if (previous == NULL)
    reply = call (shell->connection, shell->name, shell->path, "GetInitialResultSet",
                  g_variant_new ("(^as)", terms), "(as)");
  else
    reply = call (shell->connection, shell->name, shell->path, "GetSubsearchResultSet",
                  g_variant_new ("(^as^as)", previous, terms), "(as)");
  g_variant_get (reply, "(^as)", &results);
  return results;
}

static void
test_provider_search (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *lov[] = { "lov", NULL };
  const char *ada_lovelace[] = { "lovelace", "ADA", NULL };
  const char *filler[] = { "filler", NULL };
  const char *email[] = { "grace.hopper@navy.example.mil", NULL };
  const char *nobody[] = { "nobody", NULL };
  const char *blank[] = { " ", NULL };
  const char *ids[] = { ACCOUNT "\x1f" "ada@example.org", "Gone\x1fx@example.org", NULL };
  g_auto(GStrv) results = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) metas = NULL;
  g_autoptr(GVariant) meta = NULL;
  g_autoptr(GVariant) icon = NULL;
  const char *text;
  Shell shell;

  fill_store (fixture);
  shell_init (&shell, fixture);

  /* One result per person, whatever their number of webinars. */
  results = search (&shell, NULL, lov);
  g_assert_cmpuint (g_strv_length (results), ==, 1);
  g_assert_cmpstr (results[0], ==, ids[0]);
  g_clear_pointer (&results, g_strfreev);
  results = search (&shell, lov, ada_lovelace);
  g_assert_cmpuint (g_strv_length (results), ==, 1);
  g_assert_cmpstr (results[0], ==, ids[0]);
  g_clear_pointer (&results, g_strfreev);

  /* Shell shows a few: the provider never reads more than a handful of people. */
  results = search (&shell, NULL, filler);
  g_assert_cmpuint (g_strv_length (results), ==, ROSTER_SEARCH_PROVIDER_MAX_PEOPLE);
  g_clear_pointer (&results, g_strfreev);
  results = search (&shell, NULL, email);
  g_assert_cmpuint (g_strv_length (results), ==, 1);
  g_clear_pointer (&results, g_strfreev);
  results = search (&shell, NULL, nobody);
  g_assert_cmpuint (g_strv_length (results), ==, 0);
  g_clear_pointer (&results, g_strfreev);
  results = search (&shell, NULL, blank);
  g_assert_cmpuint (g_strv_length (results), ==, 0);

  /* Name, and "email · webinar" of the latest registration; an unknown ID is left out. */
  reply = call (shell.connection, shell.name, shell.path, "GetResultMetas",
                g_variant_new ("(^as)", ids), "(aa{sv})");
  metas = g_variant_get_child_value (reply, 0);
  g_assert_cmpuint (g_variant_n_children (metas), ==, 1);
  meta = g_variant_get_child_value (metas, 0);
  g_assert_true (g_variant_lookup (meta, "id", "&s", &text));
  g_assert_cmpstr (text, ==, ids[0]);
  g_assert_true (g_variant_lookup (meta, "name", "&s", &text));
  g_assert_cmpstr (text, ==, "Ada Lovelace");
  g_assert_true (g_variant_lookup (meta, "description", "&s", &text));
  g_assert_cmpstr (text, ==, "ADA@Example.org · Product Launch");
  icon = g_variant_lookup_value (meta, "icon", NULL);
  g_assert_nonnull (icon);

  shell_clear (&shell);
}

/* An account that never stored anyone is not searched, and no store is made for it. */
static void
test_provider_no_store (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *ada[] = { "ada", NULL };
  g_autofree char *path = roster_account_dup_registrant_store_path (fixture->account, NULL);
  g_auto(GStrv) results = NULL;
  Shell shell;

  shell_init (&shell, fixture);
  results = search (&shell, NULL, ada);
  g_assert_cmpuint (g_strv_length (results), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  shell_clear (&shell);
}

static RosterPeopleDialog *
wait_for_people (Fixture *fixture)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  GtkWindow *window;

  while ((window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app))) == NULL ||
         !ROSTER_IS_WINDOW (window) || roster_window_get_people_dialog (ROSTER_WINDOW (window)) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  return roster_window_get_people_dialog (ROSTER_WINDOW (window));
}

/* Picking a result opens Roster on that person; "more results" opens the People page. */
static void
test_provider_activate (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *terms[] = { "grace", NULL };
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(RosterPersonMatch) first = NULL;
  RosterPeopleDialog *dialog;
  GtkWindow *window;
  Shell shell;

  fill_store (fixture);
  shell_init (&shell, fixture);
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)));

  reply = call (shell.connection, shell.name, shell.path, "ActivateResult",
                g_variant_new ("(s^asu)", ACCOUNT "\x1f" "ada@example.org", terms, 0), "()");
  dialog = wait_for_people (fixture);
  window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));
  g_assert_true (roster_window_get_account (ROSTER_WINDOW (window)) == fixture->account);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  wait_for_state (dialog, "results");
  g_assert_cmpuint (g_list_model_get_n_items (roster_people_dialog_get_matches (dialog)), ==, 2);
  first = g_list_model_get_item (roster_people_dialog_get_matches (dialog), 0);
  g_assert_cmpstr (roster_person_match_get_email (first), ==, "ADA@Example.org");
  g_clear_pointer (&reply, g_variant_unref);

  reply = call (shell.connection, shell.name, shell.path, "LaunchSearch",
                g_variant_new ("(^asu)", terms, 0), "()");
  roster_test_ui_iterate (50);
  wait_for_state (dialog, "results");
  g_assert_cmpuint (g_list_model_get_n_items (roster_people_dialog_get_matches (dialog)), ==, 1);
  /* The same main window, not a second one. */
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture->app))), ==, 1);
  shell_clear (&shell);
}

static void
name_appeared_cb (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Shell starts Roster as a D-Bus service for a search; with no window it answers and then ends
 * by itself, as GNOME apps do. */
static void
test_provider_service (void)
{
  const char *terms[] = { "ada", NULL };
  g_autoptr(GSubprocess) roster = NULL;
  g_autoptr(GDBusConnection) connection = shell_connection ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *path = g_strconcat ("/", APPLICATION_ID, "/SearchProvider", NULL);
  g_autoptr(GAsyncResult) waited = NULL;
  gboolean appeared = FALSE;
  gint64 answered, end;
  guint watch;

  g_strdelimit (path, ".", '/');
  roster = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, g_getenv ("ROSTER_GUI"),
                             "--gapplication-service", NULL);
  g_assert_no_error (error);
  watch = g_bus_watch_name_on_connection (connection, APPLICATION_ID, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          name_appeared_cb, NULL, &appeared, NULL);
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!appeared)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  g_bus_unwatch_name (watch);

  reply = call (connection, APPLICATION_ID, path, "GetInitialResultSet",
                g_variant_new ("(^as)", terms), "(as)");
  answered = g_get_monotonic_time ();
  g_subprocess_wait_async (roster, NULL, roster_test_store_result, &waited);
  end = answered + 30 * G_USEC_PER_SEC;
  while (waited == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (g_subprocess_wait_finish (roster, waited, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (roster));
  g_assert_cmpint (g_subprocess_get_exit_status (roster), ==, 0);
  /* Not at once (Shell asks again as the user types), but within half a minute. */
  g_assert_cmpint (g_get_monotonic_time () - answered, >, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (g_get_monotonic_time () - answered, <, 30 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  roster_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/people/page/nothing-stored", test_page_nothing_stored);
  ADD ("/people/page/results", test_page_results);
  ADD ("/people/window", test_window_people);
  ADD ("/people/provider/search", test_provider_search);
  ADD ("/people/provider/no-store", test_provider_no_store);
  ADD ("/people/provider/activate", test_provider_activate);
#undef ADD
  g_test_add_func ("/people/provider/service", test_provider_service);

  test_app = roster_test_ui_application_new ();
  status = g_test_run ();
  g_clear_object (&test_app);
  return status;
}
