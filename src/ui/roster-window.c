/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-window"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-window.h"

struct _RosterWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  AdwLeaflet           *leaflet;
  AdwStatusPage        *empty_status_page;
};

G_DEFINE_FINAL_TYPE (RosterWindow, roster_window, ADW_TYPE_APPLICATION_WINDOW)

RosterWindow *
roster_window_new (RosterApplication *application)
{
  g_return_val_if_fail (ROSTER_IS_APPLICATION (application), NULL);

  return g_object_new (ROSTER_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

static void
roster_window_save_state (RosterWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  /* A maximized window's size is the screen's; keep the size it returns to. */
  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
}

static gboolean
roster_window_close_request (GtkWindow *window)
{
  roster_window_save_state (ROSTER_WINDOW (window));

  return GTK_WINDOW_CLASS (roster_window_parent_class)->close_request (window);
}

static void
roster_window_show_sidebar_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  RosterWindow *self = ROSTER_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
roster_window_dispose (GObject *object)
{
  RosterWindow *self = ROSTER_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_WINDOW);

  G_OBJECT_CLASS (roster_window_parent_class)->dispose (object);
}

static void
roster_window_finalize (GObject *object)
{
  RosterWindow *self = ROSTER_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (roster_window_parent_class)->finalize (object);
}

static void
roster_window_class_init (RosterWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = roster_window_dispose;
  object_class->finalize = roster_window_finalize;
  window_class->close_request = roster_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterapp/Roster/roster-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, empty_status_page);

  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, roster_window_show_sidebar_action);
}

static void
roster_window_init (RosterWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}
