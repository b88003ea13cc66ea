/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-application"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-application.h"
#include "roster-import-history-window.h"
#include "roster-preferences-window.h"
#include "roster-quit-question.h"
#include "roster-search-provider.h"
#include "roster-window.h"

struct _RosterApplication
{
  AdwApplication      parent_instance;

  RosterAccountStore *account_store;
  RosterDemo         *demo;
  RosterImportRunner *import_runner;
  RosterSearchProvider *search_provider;
  gboolean            start_in_demo;
};

/* How long a Roster that GNOME Shell started for a search stays after its last answer. */
#define INACTIVITY_TIMEOUT_MS 10000

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

/* Shared by every window, so that all see the same accounts (and the same limiter per key). */
RosterAccountStore *
roster_application_get_account_store (RosterApplication *self)
{
  g_return_val_if_fail (ROSTER_IS_APPLICATION (self), NULL);

  if (self->account_store == NULL)
    self->account_store = roster_account_store_new ();

  return self->account_store;
}

/* One demo for the whole application, so every window shows the same sample service. */
RosterDemo *
roster_application_get_demo (RosterApplication *self)
{
  g_return_val_if_fail (ROSTER_IS_APPLICATION (self), NULL);

  if (self->demo == NULL)
    self->demo = roster_demo_new ();

  return self->demo;
}

/* Every import that runs on without its dialog; made at startup. */
RosterImportRunner *
roster_application_get_import_runner (RosterApplication *self)
{
  g_return_val_if_fail (ROSTER_IS_APPLICATION (self), NULL);

  return self->import_runner;
}

/* A main window that shares this application's accounts and demo. */
RosterWindow *
roster_application_new_window (RosterApplication *self)
{
  g_return_val_if_fail (ROSTER_IS_APPLICATION (self), NULL);

  return roster_window_new (GTK_APPLICATION (self),
                            roster_application_get_account_store (self),
                            roster_application_get_demo (self),
                            self->start_in_demo);
}

static int
roster_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  RosterApplication *self = ROSTER_APPLICATION (app);

  if (g_variant_dict_contains (options, "demo"))
    self->start_in_demo = TRUE;

  return -1;
}

/* A result or "more results" picked in GNOME Shell: the People search, on @account if given. */
static void
roster_application_open_people (GApplication  *app,
                                RosterAccount *account,
                                const char    *text)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (!ROSTER_IS_WINDOW (window))
    window = GTK_WINDOW (roster_application_new_window (ROSTER_APPLICATION (app)));
  if (account != NULL)
    roster_window_set_account (ROSTER_WINDOW (window), account);
  gtk_window_present (window);
  roster_window_show_people (ROSTER_WINDOW (window), text);
}

static gboolean
roster_application_dbus_register (GApplication     *app,
                                  GDBusConnection  *connection,
                                  const char       *object_path,
                                  GError          **error)
{
  RosterApplication *self = ROSTER_APPLICATION (app);
  g_autofree char *path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (roster_application_parent_class)->dbus_register (app, connection,
                                                                             object_path, error))
    return FALSE;

  self->search_provider = roster_search_provider_new (app, roster_application_get_account_store (self),
                                                      roster_application_open_people);
  return roster_search_provider_register (self->search_provider, connection, path, error);
}

static void
roster_application_dbus_unregister (GApplication    *app,
                                    GDBusConnection *connection,
                                    const char      *object_path)
{
  RosterApplication *self = ROSTER_APPLICATION (app);

  if (self->search_provider != NULL)
    roster_search_provider_unregister (self->search_provider);
  g_clear_object (&self->search_provider);

  G_APPLICATION_CLASS (roster_application_parent_class)->dbus_unregister (app, connection, object_path);
}

static void
roster_application_activate (GApplication *app)
{
  GtkWindow *window;

  g_assert (ROSTER_IS_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (roster_application_new_window (ROSTER_APPLICATION (app)));

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
roster_application_preferences_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  RosterApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *preferences;

  preferences = GTK_WINDOW (roster_preferences_window_new (parent, roster_application_get_account_store (self)));
  if (ROSTER_IS_WINDOW (parent))
    roster_preferences_window_set_active_account (ROSTER_PREFERENCES_WINDOW (preferences),
                                                  roster_window_get_account (ROSTER_WINDOW (parent)));
  gtk_window_present (preferences);
}

static void
roster_application_quit_now (GtkApplication *app)
{
  /* Destroying the windows lets each cancel its work before the loop ends. */
  roster_quit_question_close_windows ();
  g_application_quit (G_APPLICATION (app));
}

static void
roster_application_quit_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  RosterApplication *self = user_data;

  /* Imports running without a window are not stopped unasked. */
  if (self->import_runner != NULL && roster_import_runner_get_n_active (self->import_runner) > 0)
    roster_quit_question_present (GTK_APPLICATION (self), self->import_runner, roster_application_quit_now);
  else
    roster_application_quit_now (GTK_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "quit", roster_application_quit_action },
  { "about", roster_application_about_action },
  { "preferences", roster_application_preferences_action },
};

/* Kept in one table so that the shortcuts window, the tests and the code agree. */
static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.connect", { "<Control><Shift>n", NULL } },
  { "win.register", { "<Control>n", NULL } },
  { "win.import", { "<Control>i", NULL } },
  { "win.refresh", { "<Control>r", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.people", { "<Control><Shift>f", NULL } },
  { "win.export", { "<Control>e", NULL } },
  { "win.show-overview", { "<Alt>1", NULL } },
  { "win.show-registrants", { "<Alt>2", NULL } },
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
  roster_import_history_expire_old (app);

  ROSTER_APPLICATION (app)->import_runner = roster_import_runner_new (GTK_APPLICATION (app));
}

static void
roster_application_dispose (GObject *object)
{
  RosterApplication *self = ROSTER_APPLICATION (object);

  g_clear_object (&self->search_provider);
  g_clear_object (&self->account_store);
  g_clear_object (&self->demo);
  g_clear_object (&self->import_runner);

  G_OBJECT_CLASS (roster_application_parent_class)->dispose (object);
}

static void
roster_application_class_init (RosterApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = roster_application_dispose;
  app_class->activate = roster_application_activate;
  app_class->handle_local_options = roster_application_handle_local_options;
  app_class->startup = roster_application_startup;
  app_class->dbus_register = roster_application_dbus_register;
  app_class->dbus_unregister = roster_application_dbus_unregister;
}

static void
roster_application_init (RosterApplication *self)
{
  static const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the demo account: a built-in sample service, no key needed"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_inactivity_timeout (G_APPLICATION (self), INACTIVITY_TIMEOUT_MS);
}
