/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-test-ui"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "roster-test-ui.h"

/* A registered application that shares no bus name with other test programs running at once. */
RosterApplication *
roster_test_ui_application_new (void)
{
  g_autoptr(GError) error = NULL;
  RosterApplication *app = roster_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

/* Runs the main context for about msec milliseconds, so that widgets map, draw and settle. */
void
roster_test_ui_iterate (guint msec)
{
  gint64 end = g_get_monotonic_time () + (gint64) msec * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* Runs the main context until done (data) is true; FALSE when timeout_ms passed first. */
gboolean
roster_test_ui_wait_until (gboolean (*done) (gpointer data),
                           gpointer   data,
                           guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

/* The first visible toplevel of the given type, or NULL. */
GtkWindow *
roster_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

/* The first descendant of root (or root itself) of the given type whose string property has
 * the given value; property and value may be NULL to match on type alone. */
GtkWidget *
roster_test_ui_find_widget (GtkWidget  *root,
                            GType       type,
                            const char *property,
                            const char *value)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      g_autofree char *actual = NULL;

      if (property == NULL)
        return root;
      g_object_get (root, property, &actual, NULL);
      if (g_strcmp0 (actual, value) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = roster_test_ui_find_widget (child, type, property, value);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* For screenshots: ROSTER_TEST_PAUSE_MS holds the windows still at interesting moments. */
void
roster_test_ui_pause_for_screenshot (void)
{
  const char *pause = g_getenv ("ROSTER_TEST_PAUSE_MS");

  if (pause != NULL)
    roster_test_ui_iterate ((guint) g_ascii_strtoull (pause, NULL, 10));
}

/* Destroys a window as closing it would, letting a focused entry leave first: without a
 * window manager, Xvfb sends no focus-out, and GTK warns when a focused text goes. */
void
roster_test_ui_destroy (gpointer window)
{
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  roster_test_ui_iterate (50);
}

/* The first descendant of root (or root itself) of the given type with the given style class. */
GtkWidget *
roster_test_ui_find_widget_with_class (GtkWidget  *root,
                                       GType       type,
                                       const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_has_css_class (root, css_class))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = roster_test_ui_find_widget_with_class (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Widget tests keep the system's data dirs (icon themes, the MIME database), which GTest's
 * G_TEST_OPTION_ISOLATE_DIRS would hide, and get private user dirs of their own instead. */
void
roster_test_ui_init (int    *argc,
                     char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("roster-test-XXXXXX", &error);
  g_autofree char *localedir = NULL;
  const char *dirs[][2] = {
    { "XDG_CONFIG_HOME", "config" }, { "XDG_DATA_HOME", "data" },
    { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, dirs[i][1], NULL);

      g_setenv (dirs[i][0], dir, TRUE);
    }

  g_test_init (argc, argv, NULL);

  /* Translations come from the build tree, as in an uninstalled run. */
  localedir = g_build_filename (g_getenv ("ROSTER_BUILD_ROOT"), "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  adw_init ();

  /* A blinking cursor keeps a timer that GTK warns about when its window goes unfocused under
   * Xvfb, which has no window manager to send focus-out. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
}

/* With ROSTER_TEST_SHOT_DIR set, saves @widget as <dir>/<name>-<ROSTER_TEST_SHOT_STYLE>.png
 * (run with ADW_DEBUG_COLOR_SCHEME=prefer-dark and ROSTER_TEST_SHOT_STYLE=dark for dark). */
void
roster_test_ui_shoot (GtkWidget  *widget,
                      const char *name)
{
  const char *dir = g_getenv ("ROSTER_TEST_SHOT_DIR");
  const char *style = g_getenv ("ROSTER_TEST_SHOT_STYLE");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  roster_test_ui_iterate (600);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node == NULL)
        roster_test_ui_iterate (100);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file_name = g_strdup_printf ("%s-%s.png", name, style != NULL ? style : "light");
  path = g_build_filename (dir, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}
