/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-application"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-application.h"
#include "roster-window.h"

struct _RosterApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (RosterApplication, roster_application, ADW_TYPE_APPLICATION)

RosterApplication *
roster_application_new (void)
{
  return g_object_new (ROSTER_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/io/github/rosterapp/Roster",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

static void
roster_application_activate (GApplication *app)
{
  GtkWindow *window;

  g_assert (ROSTER_IS_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (roster_window_new (ROSTER_APPLICATION (app)));

  gtk_window_present (window);
}

static void
roster_application_about_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  static const char *developers[] = { "The Roster developers", NULL };
  GtkApplication *app = user_data;
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("Roster"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Roster developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/rosterapp/roster",
                        "issue-url", "https://github.com/rosterapp/roster/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Roster developers",
                        "developers", developers,
                        /* Translators: replace with your names, one per line. */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Register people for your EverWebinar webinars, one at a time "
                                      "or a whole contact list at once, and see who came."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
roster_application_quit_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows;

  /* Destroying the windows lets each save its state before the loop ends. */
  while ((windows = gtk_application_get_windows (app)) != NULL)
    gtk_window_destroy (windows->data);

  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_actions[] = {
  { "quit", roster_application_quit_action },
  { "about", roster_application_about_action },
};

/* Kept in one table so that the shortcuts window, the tests and the code agree. */
static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  /* No help manual yet, so F1 tells what Roster is. */
  { "app.about", { "F1", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
};

static void
roster_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (roster_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           app_accels[i].action,
                                           app_accels[i].accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);
}

static void
roster_application_class_init (RosterApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = roster_application_activate;
  app_class->startup = roster_application_startup;
}

static void
roster_application_init (RosterApplication *self)
{
}
