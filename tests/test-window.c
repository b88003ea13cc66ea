/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "roster-test-ui.h"
#include "roster-window.h"

static RosterApplication *app;

static RosterWindow *
open_window (void)
{
  RosterWindow *window = roster_application_new_window (app);

  gtk_window_present (GTK_WINDOW (window));
  roster_test_ui_iterate (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  return window;
}

/* Destroys the window and proves that nothing kept it alive. */
static void
close_window (RosterWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  roster_test_ui_iterate (100);
  g_assert_null (weak);
}

static void
test_window_empty_state (void)
{
  RosterWindow *window = open_window ();
  GtkWidget *page;

  page = roster_test_ui_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE,
                                     "title", "No Account Connected");
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_nonnull (roster_test_ui_find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL, NULL));
  g_assert_nonnull (roster_test_ui_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL, NULL));

  close_window (window);
}

static void
test_window_actions_have_accels (void)
{
  RosterWindow *window = open_window ();
  g_auto(GStrv) app_actions = g_action_group_list_actions (G_ACTION_GROUP (app));
  const char *window_actions[] = { "window.close", "win.show-help-overlay", "win.export",
                                   "win.show-overview", "win.show-registrants" };

  g_assert_cmpuint (g_strv_length (app_actions), >, 0);
  for (guint i = 0; app_actions[i] != NULL; i++)
    {
      g_autofree char *detailed = g_strconcat ("app.", app_actions[i], NULL);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), detailed);

      /* F1 is for help in GNOME; About needs no key of its own */
      if (g_str_equal (app_actions[i], "about"))
        {
          g_assert_cmpuint (g_strv_length (accels), ==, 0);
          continue;
        }
      /* Actions with a target (a notification's buttons name their import) have no key */
      if (g_action_group_get_action_parameter_type (G_ACTION_GROUP (app), app_actions[i]) != NULL)
        continue;
      if (g_strv_length (accels) == 0)
        g_error ("%s has no keyboard shortcut", detailed);
    }

  for (guint i = 0; i < G_N_ELEMENTS (window_actions); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    window_actions[i]);
      if (g_strv_length (accels) == 0)
        g_error ("%s has no keyboard shortcut", window_actions[i]);
    }

  close_window (window);
}

/* Alt+1 and Alt+2 switch the content between the overview and the registrants. */
static void
test_window_page_shortcuts (void)
{
  RosterWindow *window = open_window ();
  AdwViewStack *stack = ADW_VIEW_STACK (roster_test_ui_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK,
                                                                    NULL, NULL));
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-registrants");

  g_assert_cmpstr (accels[0], ==, "<Alt>2");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "overview");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-registrants", NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "registrants");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-overview", NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "overview");

  close_window (window);
}

static gboolean
window_class_has_action (RosterWindow *window,
                         const char   *action)
{
  const GVariantType *parameter_type;
  const char *name, *property;
  GType owner;

  for (guint i = 0;
       gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (window), i, &owner, &name,
                                      &parameter_type, &property);
       i++)
    {
      if (g_strcmp0 (name, action) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_window_primary_menu_actions_exist (void)
{
  RosterWindow *window = open_window ();
  GtkMenuButton *button;
  GMenuModel *menu;

  button = GTK_MENU_BUTTON (roster_test_ui_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON,
                                                        NULL, NULL));
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);

  /* Every item of the menu must lead to an action that exists and is enabled. */
  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *action = NULL;
          const char *name;
          GActionGroup *group;

          g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
          name = strchr (action, '.') + 1;
          if (g_str_has_prefix (action, "app."))
            group = G_ACTION_GROUP (app);
          else
            group = G_ACTION_GROUP (window);
          /* Actions of the window class (win.import) are enabled once an account is shown. */
          if (!g_action_group_has_action (group, name))
            g_assert_true (window_class_has_action (window, action));
          else
            g_assert_true (g_action_group_get_action_enabled (group, name));
        }
    }

  close_window (window);
}

static void
test_window_state_is_saved (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  RosterWindow *window;
  int width, height;

  window = open_window ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  roster_test_ui_iterate (100);
  close_window (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  window = open_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 600);
  close_window (window);

  /* Restoring the maximized state is not checked: Xvfb has no window manager to maximize. */
}

/* Every window shows the application's one list of accounts and its one demo. */
static void
test_window_shares_accounts_and_demo (void)
{
  RosterWindow *window = open_window ();
  RosterWindow *second = open_window ();

  g_assert_true (roster_window_get_account_store (window) == roster_application_get_account_store (app));
  g_assert_true (roster_window_get_account_store (second) == roster_window_get_account_store (window));
  g_assert_true (roster_window_get_demo (window) == roster_application_get_demo (app));
  g_assert_true (roster_window_get_demo (second) == roster_window_get_demo (window));

  close_window (second);
  close_window (window);
}

static void
test_window_about (void)
{
  RosterWindow *window = open_window ();
  GtkWindow *about = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  roster_test_ui_iterate (200);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel))
        about = toplevel;
    }
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_nonnull (adw_about_window_get_website (ADW_ABOUT_WINDOW (about)));
  g_assert_nonnull (adw_about_window_get_issue_url (ADW_ABOUT_WINDOW (about)));
  gtk_window_destroy (about);

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setlocale (LC_ALL, "");
  roster_test_ui_init (&argc, &argv);

  app = roster_test_ui_application_new ();

  g_test_add_func ("/window/empty-state", test_window_empty_state);
  g_test_add_func ("/window/actions-have-accels", test_window_actions_have_accels);
  g_test_add_func ("/window/page-shortcuts", test_window_page_shortcuts);
  g_test_add_func ("/window/primary-menu-actions-exist", test_window_primary_menu_actions_exist);
  g_test_add_func ("/window/state-is-saved", test_window_state_is_saved);
  g_test_add_func ("/window/shares-accounts-and-demo", test_window_shares_accounts_and_demo);
  g_test_add_func ("/window/about", test_window_about);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
