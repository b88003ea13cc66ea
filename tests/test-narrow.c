/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-narrow"

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "roster-connect-dialog.h"
#include "roster-import-dialog.h"
#include "roster-preferences-window.h"
#include "roster-register-dialog.h"
#include "roster-registrants-view.h"
#include "roster-test-ui.h"
#include "roster-webinar-list.h"
#include "roster-window.h"

/* Every screen fits half a small laptop screen and a phone: 360 px wide. The demo account
 * gives every screen real content (webinars, registrants, charts) without a key. */
#define NARROW 360

static RosterApplication *app;

static gboolean
toplevel_shown (gpointer type)
{
  return roster_test_ui_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

static int
min_width (GtkWidget *widget)
{
  int min = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

/* Finds the widgets that make the screen too wide: each one too wide whose children each fit,
 * so that it is their sum, and says what they are. */
static void
report_too_wide (GtkWidget *widget)
{
  gboolean found = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_get_visible (child) && min_width (child) > NARROW)
        {
          report_too_wide (child);
          found = TRUE;
        }
    }
  if (found)
    return;

  g_printerr ("%s (%s) needs %d px:\n", G_OBJECT_TYPE_NAME (widget),
              gtk_widget_get_name (widget), min_width (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_get_visible (child))
        g_printerr ("  %s (%s): %d px\n", G_OBJECT_TYPE_NAME (child),
                    gtk_widget_get_name (child), min_width (child));
    }
}

/* Fails naming the screen and the widgets that make it wide. A window is measured by what it
 * holds: the frame Xvfb's missing compositor adds is no part of the window on a desktop. */
static void
assert_fits (GtkWidget  *widget,
             const char *screen)
{
  int min = 0, height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_get_visible (child))
        min = MAX (min, min_width (child));
    }

  if (min > NARROW)
    {
      report_too_wide (widget);
      g_error ("%s needs %d px, more than %d", screen, min, NARROW);
    }
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, NARROW, &height, NULL, NULL, NULL);
  g_assert_cmpint (height, >, 0);
}

/* Gives the window a width and waits until it has it (long timeouts: valgrind is slow). Without a window manager under Xvfb a
 * mapped window keeps its size, so it is shown again at the new one. */
static gboolean
has_width (gpointer data)
{
  GtkWidget *window = data;
  int width = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (window), "wanted-width"));

  return gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))) == width;
}

static void
resize (GtkWindow *window,
        int        width)
{
  g_object_set_data (G_OBJECT (window), "wanted-width", GINT_TO_POINTER (width));
  /* A late configure of the old size (under valgrind) can win over the new one: try again. */
  for (guint attempt = 0; attempt < 5 && !has_width (window); attempt++)
    {
      gtk_widget_hide (GTK_WIDGET (window));
      roster_test_ui_iterate (100);
      gtk_window_set_default_size (window, width, 720);
      gtk_window_present (window);
      roster_test_ui_wait_until (has_width, window, 5000);
      roster_test_ui_iterate (300);
    }
  if (!has_width (window))
    g_error ("the window is %d px wide, not %d",
             gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))), width);
}

/* Some main menu button is on screen: the menu is reachable whatever the window shows. */
static gboolean
main_menu_mapped (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (root)), "open-menu-symbolic") == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (main_menu_mapped (child))
        return TRUE;
    }
  return FALSE;
}

static gboolean
window_has_webinars (gpointer data)
{
  GtkWidget *list = roster_test_ui_find_widget (data, ROSTER_TYPE_WEBINAR_LIST, NULL, NULL);

  return g_list_model_get_n_items (roster_webinar_list_get_shown (ROSTER_WEBINAR_LIST (list))) > 0;
}

static gboolean
registrants_listed (gpointer data)
{
  return g_strcmp0 (roster_registrants_view_get_state (data), "list") == 0;
}

static void
open_dialog (RosterWindow *window,
             const char   *action,
             GType         type)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  g_assert_true (roster_test_ui_wait_until (toplevel_shown, GSIZE_TO_POINTER (type), 30000));
  dialog = roster_test_ui_find_toplevel (type);
  roster_test_ui_iterate (200);
  assert_fits (GTK_WIDGET (dialog), g_type_name (type));
  roster_test_ui_destroy (dialog);
}

static void
test_narrow_welcome (void)
{
  RosterWindow *window = roster_application_new_window (app);

  gtk_window_present (GTK_WINDOW (window));
  roster_test_ui_iterate (200);
  assert_fits (GTK_WIDGET (window), "the welcome page");
  resize (GTK_WINDOW (window), NARROW);
  g_assert_true (main_menu_mapped (GTK_WIDGET (window)));

  open_dialog (window, "win.connect", ROSTER_TYPE_CONNECT_DIALOG);
  roster_test_ui_destroy (window);
}

static void
test_narrow_demo (void)
{
  RosterWindow *window = roster_application_new_window (app);
  GtkWidget *list, *view;
  AdwLeaflet *leaflet;
  AdwViewSwitcherBar *bar;
  g_autoptr(RosterWebinar) webinar = NULL;
  g_autoptr(RosterRegistrant) registrant = NULL;

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.try-demo", NULL);
  g_assert_true (roster_test_ui_wait_until (window_has_webinars, window, 30000));

  list = roster_test_ui_find_widget (GTK_WIDGET (window), ROSTER_TYPE_WEBINAR_LIST, NULL, NULL);
  view = roster_test_ui_find_widget (GTK_WIDGET (window), ROSTER_TYPE_REGISTRANTS_VIEW, NULL, NULL);
  leaflet = ADW_LEAFLET (roster_test_ui_find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL, NULL));
  bar = ADW_VIEW_SWITCHER_BAR (roster_test_ui_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR, NULL, NULL));
  webinar = g_list_model_get_item (roster_webinar_list_get_shown (ROSTER_WEBINAR_LIST (list)), 0);
  g_assert_true (roster_webinar_list_select_webinar (ROSTER_WEBINAR_LIST (list),
                                                     roster_webinar_get_id (webinar)));
  roster_test_ui_iterate (300);
  assert_fits (GTK_WIDGET (window), "the overview");

  /* The registrants with their counts, charts and one person's details open. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-registrants", NULL));
  g_assert_true (roster_test_ui_wait_until (registrants_listed, view, 60000));
  registrant = g_list_model_get_item (roster_registrants_view_get_shown (ROSTER_REGISTRANTS_VIEW (view)), 0);
  roster_registrants_view_show_details (ROSTER_REGISTRANTS_VIEW (view), registrant);
  roster_test_ui_iterate (300);
  assert_fits (GTK_WIDGET (window), "the registrants with details");

  /* Wide, the sidebar and the content sit side by side. (Whether the switcher is back in the
   * header is for screenshots-narrow.sh: shown again after a hide, as here, it keeps the title.) */
  resize (GTK_WINDOW (window), 1280);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_true (main_menu_mapped (GTK_WIDGET (window)));

  /* Narrow, the leaflet folds, the switcher moves to the bottom, and on either page of the
   * leaflet the main menu is one click away. */
  resize (GTK_WINDOW (window), NARROW);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_view_switcher_bar_get_reveal (bar));
  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  roster_test_ui_iterate (500);
  g_assert_true (main_menu_mapped (GTK_WIDGET (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  roster_test_ui_iterate (500);
  g_assert_true (main_menu_mapped (GTK_WIDGET (window)));

  open_dialog (window, "win.register", ROSTER_TYPE_REGISTER_DIALOG);
  open_dialog (window, "win.import", ROSTER_TYPE_IMPORT_DIALOG);
  open_dialog (window, "app.preferences", ROSTER_TYPE_PREFERENCES_WINDOW);

  roster_test_ui_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setlocale (LC_ALL, "");
  roster_test_ui_init (&argc, &argv);

  app = roster_test_ui_application_new ();

  g_test_add_func ("/narrow/welcome", test_narrow_welcome);
  g_test_add_func ("/narrow/demo", test_narrow_demo);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
