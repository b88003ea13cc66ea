/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-window"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-connect-dialog.h"
#include "roster-import-dialog.h"
#include "roster-import-history-window.h"
#include "roster-import-journal.h"
#include "roster-imports-banner.h"
#include "roster-people-dialog.h"
#include "roster-register-dialog.h"
#include "roster-registrants-view.h"
#include "roster-webinar-list.h"
#include "roster-webinar-overview.h"
#include "roster-window.h"

struct _RosterWindow
{
  AdwApplicationWindow   parent_instance;

  GSettings             *settings;
  RosterAccountStore    *store;
  RosterDemo            *demo;
  RosterAccount         *account;
  RosterWebinarCache    *cache;
  GCancellable          *account_cancellable;

  AdwToastOverlay       *toast_overlay;
  GtkStack              *main_stack;
  AdwLeaflet            *leaflet;
  AdwViewStack          *view_stack;
  GtkDropDown           *account_switcher;
  AdwViewSwitcherTitle  *window_title;
  GtkWidget             *demo_badge;
  RosterWebinarList     *webinar_list;
  RosterWebinarOverview *webinar_overview;
  RosterRegistrantsView *registrants_view;
  RosterPeopleDialog    *people_dialog;   /* weak */

  gboolean               start_in_demo;
  gboolean               resume_offered;
};

G_DEFINE_FINAL_TYPE (RosterWindow, roster_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_ACCOUNT_STORE,
  PROP_DEMO,
  PROP_START_IN_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * roster_window_new:
 * @application: the application the window belongs to
 * @account_store: the accounts the window offers
 * @demo: (nullable): the demo that "Try the demo" opens; without one it is disabled
 * @start_in_demo: whether the window opens the demo rather than the last account
 */
RosterWindow *
roster_window_new (GtkApplication     *application,
                   RosterAccountStore *account_store,
                   RosterDemo         *demo,
                   gboolean            start_in_demo)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ROSTER_IS_ACCOUNT_STORE (account_store), NULL);
  g_return_val_if_fail (demo == NULL || ROSTER_IS_DEMO (demo), NULL);

  return g_object_new (ROSTER_TYPE_WINDOW,
                       "application", application,
                       "account-store", account_store,
                       "demo", demo,
                       "start-in-demo", start_in_demo,
                       NULL);
}

RosterAccountStore *
roster_window_get_account_store (RosterWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_WINDOW (self), NULL);

  return self->store;
}

RosterDemo *
roster_window_get_demo (RosterWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_WINDOW (self), NULL);

  return self->demo;
}

void
roster_window_add_toast (RosterWindow *self,
                         const char   *text)
{
  g_return_if_fail (ROSTER_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

RosterAccount *
roster_window_get_account (RosterWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_WINDOW (self), NULL);

  return self->account;
}

static void roster_window_offer_resume (RosterWindow *self);

static void
roster_window_got_client_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  RosterWindow *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterClient) client = NULL;

  client = roster_account_get_client_finish (ROSTER_ACCOUNT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = ROSTER_WINDOW (user_data);
  if (client == NULL)
    {
      /* The key could not be read (keyring locked or gone): say so and offer the way in. */
      roster_window_add_toast (self, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      return;
    }

  roster_webinar_list_set_client (self->webinar_list, client);
  roster_webinar_overview_set_client (self->webinar_overview, client);
  roster_registrants_view_set_client (self->registrants_view, client);
  roster_registrants_view_set_account (self->registrants_view, self->account);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.register", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", TRUE);
  roster_window_offer_resume (self);
}

static void
roster_window_sync_switcher (RosterWindow *self)
{
  GListModel *accounts = G_LIST_MODEL (self->store);
  guint n_items = g_list_model_get_n_items (accounts);

  /* One account needs no switcher. */
  gtk_widget_set_visible (GTK_WIDGET (self->account_switcher), n_items > 1);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RosterAccount) account = g_list_model_get_item (accounts, i);

      if (account == self->account)
        {
          gtk_drop_down_set_selected (self->account_switcher, i);
          return;
        }
    }
  gtk_drop_down_set_selected (self->account_switcher, GTK_INVALID_LIST_POSITION);
}

/* Shows an account: its cached webinars at once, then the live ones. NULL shows the welcome. */
void
roster_window_set_account (RosterWindow  *self,
                           RosterAccount *account)
{
  gboolean is_demo;

  g_return_if_fail (ROSTER_IS_WINDOW (self));
  g_return_if_fail (account == NULL || ROSTER_IS_ACCOUNT (account));

  if (self->account == account)
    return;

  /* Nothing of the previous account may land in this one's views. */
  g_cancellable_cancel (self->account_cancellable);
  g_clear_object (&self->account_cancellable);
  roster_registrants_view_set_webinar (self->registrants_view, NULL);
  roster_registrants_view_set_client (self->registrants_view, NULL);
  roster_registrants_view_set_account (self->registrants_view, NULL);
  roster_webinar_overview_set_webinar (self->webinar_overview, NULL);
  roster_webinar_overview_set_client (self->webinar_overview, NULL);
  roster_webinar_list_set_client (self->webinar_list, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.register", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  self->resume_offered = FALSE;
  g_set_object (&self->account, account);
  roster_window_sync_switcher (self);
  if (self->people_dialog != NULL)
    roster_people_dialog_set_account (self->people_dialog, account);

  if (account == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      return;
    }

  is_demo = roster_account_get_is_demo (account);
  gtk_widget_set_visible (self->demo_badge, is_demo);
  adw_view_switcher_title_set_subtitle (self->window_title, roster_account_get_name (account));
  if (!is_demo)
    g_settings_set_string (self->settings, "active-account", roster_account_get_name (account));

  g_clear_object (&self->cache);
  self->cache = roster_webinar_cache_new (roster_account_get_name (account));
  roster_webinar_list_set_cache (self->webinar_list, self->cache);
  roster_webinar_overview_set_cache (self->webinar_overview, self->cache);

  gtk_stack_set_visible_child_name (self->main_stack, "account");

  self->account_cancellable = g_cancellable_new ();
  roster_account_get_client_async (account, self->account_cancellable, roster_window_got_client_cb, self);
}

/* The account named in settings, else the first one; NULL when there is none. Transfer full. */
static RosterAccount *
roster_window_pick_account (RosterWindow *self)
{
  g_autofree char *active = g_settings_get_string (self->settings, "active-account");
  RosterAccount *account = roster_account_store_lookup (self->store, active);

  if (account != NULL)
    return g_object_ref (account);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
    return g_list_model_get_item (G_LIST_MODEL (self->store), 0);

  return NULL;
}

static void
roster_window_accounts_changed_cb (RosterWindow *self)
{
  /* The shown account was forgotten (here, in Preferences or by roster-cli). */
  if (self->account != NULL && !roster_account_get_is_demo (self->account) &&
      roster_account_store_lookup (self->store, roster_account_get_name (self->account)) == NULL)
    {
      g_autoptr(RosterAccount) next = roster_window_pick_account (self);

      roster_window_set_account (self, next);
      return;
    }

  roster_window_sync_switcher (self);
}

static void
roster_window_switcher_selected_cb (RosterWindow *self)
{
  RosterAccount *account = gtk_drop_down_get_selected_item (self->account_switcher);

  if (account != NULL)
    roster_window_set_account (self, account);
}

static void
roster_window_webinar_activated_cb (RosterWindow  *self,
                                    RosterWebinar *webinar)
{
  roster_webinar_overview_set_webinar (self->webinar_overview, webinar);
  roster_registrants_view_set_webinar (self->registrants_view, webinar);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* On a wide window, the overview follows the selection. */
static void
roster_window_selection_changed_cb (RosterWindow *self)
{
  RosterWebinar *webinar = roster_webinar_list_get_selected_webinar (self->webinar_list);

  if (webinar != NULL)
    {
      roster_webinar_overview_set_webinar (self->webinar_overview, webinar);
      roster_registrants_view_set_webinar (self->registrants_view, webinar);
    }
}

static void
roster_window_network_error_cb (RosterWindow *self,
                                const GError *error)
{
  roster_window_add_toast (self, error->message);
}

static void roster_window_connect_action (GtkWidget *widget, const char *action_name, GVariant *parameter);

/* The key was revoked or replaced: ask for the new one. */
static void
roster_window_authentication_failed_cb (RosterWindow *self,
                                        const GError *error)
{
  roster_window_add_toast (self, error->message);
  if (self->account != NULL && !roster_account_get_is_demo (self->account))
    roster_window_connect_action (GTK_WIDGET (self), "win.connect", NULL);
}

static void
roster_window_account_added_cb (RosterWindow  *self,
                                RosterAccount *account)
{
  roster_window_set_account (self, account);
}

static void
roster_window_connect_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  RosterWindow *self = ROSTER_WINDOW (widget);
  RosterConnectDialog *dialog = roster_connect_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (dialog, "account-added", G_CALLBACK (roster_window_account_added_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
roster_window_try_demo_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  RosterWindow *self = ROSTER_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  RosterAccount *demo;

  if (self->demo == NULL)
    return;

  demo = roster_demo_get_account (self->demo, &error);
  if (demo == NULL)
    {
      roster_window_add_toast (self, error->message);
      return;
    }

  roster_window_set_account (self, demo);
}

/* The new person shows in the registrants of that webinar, without a sync. */
static void
roster_window_registered_cb (RosterWindow       *self,
                             RosterRegistration *registration)
{
  RosterRegistrantStore *store = self->account != NULL
                                  ? roster_account_peek_registrant_store (self->account) : NULL;

  /* The store tells the view, which shows the person at once. */
  if (store != NULL)
    roster_registrant_store_note_registered (store, registration);
}

static void
roster_window_register_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  RosterWindow *self = ROSTER_WINDOW (widget);
  RosterClient *client = roster_webinar_list_get_client (self->webinar_list);
  RosterRegisterDialog *dialog;

  /* No client yet (the key is still being read): nothing to register with. */
  if (client == NULL)
    return;

  dialog = roster_register_dialog_new (GTK_WINDOW (self), client,
                                       roster_webinar_list_get_webinars (self->webinar_list),
                                       roster_webinar_list_get_selected_webinar (self->webinar_list));
  g_signal_connect_object (dialog, "registered", G_CALLBACK (roster_window_registered_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Import ------------------------------------------------------------------------------------ */

static void
roster_window_open_import (RosterWindow *self,
                           GFile        *file)
{
  RosterClient *client = roster_webinar_list_get_client (self->webinar_list);
  RosterImportDialog *dialog;

  if (client == NULL)
    {
      roster_window_add_toast (self, _("Connect an account before importing."));
      return;
    }

  dialog = roster_import_dialog_new (GTK_WINDOW (self), client,
                                     roster_webinar_list_get_webinars (self->webinar_list), file);
  roster_import_dialog_set_account (dialog, self->account);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
roster_window_import_history_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  RosterWindow *self = ROSTER_WINDOW (widget);
  RosterClient *client = roster_webinar_list_get_client (self->webinar_list);
  RosterImportHistoryWindow *history;

  if (client == NULL)
    {
      roster_window_add_toast (self, _("Connect an account to see its imports."));
      return;
    }
  history = roster_import_history_window_new (GTK_WINDOW (self), client,
                                              roster_webinar_list_get_webinars (self->webinar_list));
  if (self->account != NULL)
    roster_import_history_window_set_registrant_store (history, roster_account_peek_registrant_store (self->account));
  gtk_window_present (GTK_WINDOW (history));
}

static void
roster_window_import_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  roster_window_open_import (ROSTER_WINDOW (widget), NULL);
}

/* A CSV file dropped anywhere on the window opens the import with it. */
static gboolean
roster_window_drop_cb (RosterWindow  *self,
                       const GValue  *value,
                       double         x,
                       double         y,
                       GtkDropTarget *target)
{
  GFile *file = g_value_get_object (value);
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

  if (name == NULL ||
      !(g_str_has_suffix (name, ".csv") || g_str_has_suffix (name, ".CSV") ||
        g_str_has_suffix (name, ".tsv") || g_str_has_suffix (name, ".txt")))
    {
      roster_window_add_toast (self, _("Only CSV files can be imported."));
      return FALSE;
    }

  roster_window_open_import (self, file);
  return TRUE;
}

static gboolean
roster_window_has_webinar (RosterWindow *self,
                           gint64        webinar_id)
{
  GListModel *webinars = roster_webinar_list_get_webinars (self->webinar_list);

  for (guint i = 0; i < g_list_model_get_n_items (webinars); i++)
    {
      g_autoptr(RosterWebinar) webinar = g_list_model_get_item (webinars, i);

      if (roster_webinar_get_id (webinar) == webinar_id)
        return TRUE;
    }
  return FALSE;
}

static void
roster_window_resume_response_cb (RosterWindow     *self,
                                  const char       *response,
                                  AdwMessageDialog *message)
{
  const char *path = g_object_get_data (G_OBJECT (message), "journal-path");
  RosterClient *client = roster_webinar_list_get_client (self->webinar_list);
  RosterImportDialog *dialog;

  if (g_strcmp0 (response, "resume") != 0 || client == NULL)
    return;

  dialog = roster_import_dialog_new_for_journal (GTK_WINDOW (self), client,
                                                 roster_webinar_list_get_webinars (self->webinar_list),
                                                 path);
  roster_import_dialog_set_account (dialog, self->account);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* An import that a crash, a kill or a closed window left unfinished is offered for resuming,
 * once per account: only this account's journals are listed, and only one whose webinar the
 * account still has is offered. */
static void
roster_window_journals_listed_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(RosterWindow) self = user_data;
  RosterClient *client = roster_webinar_list_get_client (self->webinar_list);
  g_autoptr(GPtrArray) journals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *account_id = NULL;

  journals = roster_import_journal_list_finish (result, &error);
  if (journals == NULL)
    {
      g_debug ("Could not list import journals: %s", error->message);
      return;
    }
  /* The account may have changed, or the window closed, while the folder was read. */
  if (self->account == NULL || client == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  account_id = roster_client_dup_account_id (client);

  for (guint i = 0; i < journals->len; i++)
    {
      RosterImportJournalInfo *info = g_ptr_array_index (journals, i);
      AdwMessageDialog *message;
      g_autofree char *body = NULL;

      /* A damaged journal cannot simply be resumed: importing the file again offers recovery. */
      if (info->complete || info->damaged || g_strcmp0 (info->account_id, account_id) != 0 ||
          !roster_window_has_webinar (self, info->target->webinar_id))
        continue;

      self->resume_offered = TRUE;
      body = g_strdup_printf (_("The import of “%s” stopped after %u of %u people. Roster kept "
                                "a record of every outcome, so resuming sends only the rest and "
                                "registers nobody twice."),
                              info->file_name, info->n_registered + info->n_failed, info->n_rows);
      message = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                            _("Resume the Unfinished Import?"), body));
      adw_message_dialog_add_responses (message,
                                        "later", _("_Later"),
                                        "resume", _("_Resume"),
                                        NULL);
      adw_message_dialog_set_response_appearance (message, "resume", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (message, "resume");
      adw_message_dialog_set_close_response (message, "later");
      g_object_set_data_full (G_OBJECT (message), "journal-path", g_strdup (info->path), g_free);
      g_signal_connect_object (message, "response", G_CALLBACK (roster_window_resume_response_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (message));
      return;
    }
  self->resume_offered = TRUE;
}

static void
roster_window_offer_resume (RosterWindow *self)
{
  RosterClient *client = roster_webinar_list_get_client (self->webinar_list);
  g_autofree char *account_id = NULL;

  if (self->resume_offered || self->account == NULL || client == NULL ||
      g_list_model_get_n_items (roster_webinar_list_get_webinars (self->webinar_list)) == 0)
    return;

  /* Once per account, whatever the list says: the journals are read in a thread. */
  self->resume_offered = TRUE;
  account_id = roster_client_dup_account_id (client);
  roster_import_journal_list_async (roster_client_get_journal_dir (client), account_id, NULL,
                                    roster_window_journals_listed_cb, g_object_ref (self));
}

static void
roster_window_webinars_changed_cb (RosterWindow *self)
{
  roster_window_offer_resume (self);
}

static void
roster_window_refresh_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  RosterWindow *self = ROSTER_WINDOW (widget);

  roster_webinar_list_refresh (self->webinar_list);
}

static void
roster_window_search_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  RosterWindow *self = ROSTER_WINDOW (widget);

  /* On the registrants, the search is theirs; elsewhere it finds a webinar */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "registrants") == 0 &&
      roster_registrants_view_get_webinar (self->registrants_view) != NULL &&
      adw_leaflet_get_visible_child (self->leaflet) != gtk_widget_get_first_child (GTK_WIDGET (self->leaflet)))
    {
      gtk_widget_activate_action (GTK_WIDGET (self->registrants_view), "registrants.search", NULL);
      return;
    }
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  roster_webinar_list_focus_search (self->webinar_list);
}

/* ---- People across webinars -------------------------------------------------------------------- */

/* A registration picked in the People search: its webinar's registrants, on the person. */
static void
roster_window_match_activated_cb (RosterWindow      *self,
                                  RosterPersonMatch *match)
{
  g_autoptr(RosterRegistrantFilter) filter = roster_registrant_filter_new ();

  if (!roster_webinar_list_select_webinar (self->webinar_list, roster_person_match_get_webinar_id (match)))
    {
      roster_window_add_toast (self, _("This webinar is not in the account’s list any more."));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->people_dialog), FALSE);
  filter->search = g_strdup (roster_person_match_get_email (match));
  roster_registrants_view_set_filter (self->registrants_view, filter);
  adw_view_stack_set_visible_child_name (self->view_stack, "registrants");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  roster_registrants_view_show_details (self->registrants_view, roster_person_match_get_registrant (match));
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * roster_window_show_people:
 * @text: (nullable): what to search for, %NULL to keep the last search
 *
 * Shows the People search of the window's account.
 */
void
roster_window_show_people (RosterWindow *self,
                           const char   *text)
{
  g_return_if_fail (ROSTER_IS_WINDOW (self));

  if (self->people_dialog == NULL)
    {
      self->people_dialog = roster_people_dialog_new (GTK_WINDOW (self));
      g_object_add_weak_pointer (G_OBJECT (self->people_dialog), (gpointer *) &self->people_dialog);
      g_signal_connect_object (self->people_dialog, "match-activated",
                               G_CALLBACK (roster_window_match_activated_cb), self, G_CONNECT_SWAPPED);
    }
  roster_people_dialog_set_account (self->people_dialog, self->account);
  if (text != NULL)
    roster_people_dialog_set_text (self->people_dialog, text);
  gtk_window_present (GTK_WINDOW (self->people_dialog));
}

/* The People search, if the window has opened it. */
RosterPeopleDialog *
roster_window_get_people_dialog (RosterWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_WINDOW (self), NULL);

  return self->people_dialog;
}

static void
roster_window_people_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  roster_window_show_people (ROSTER_WINDOW (widget), NULL);
}

/* Alt+1, Alt+2: the content page, as the view switcher would */
static void
roster_window_show_page_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  RosterWindow *self = ROSTER_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack,
                                         g_str_equal (action_name, "win.show-overview") ? "overview" : "registrants");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
roster_window_export_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  RosterWindow *self = ROSTER_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "registrants");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  gtk_widget_activate_action (GTK_WIDGET (self->registrants_view), "registrants.export", NULL);
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
roster_window_constructed (GObject *object)
{
  RosterWindow *self = ROSTER_WINDOW (object);
  g_autoptr(GtkExpression) name = NULL;
  g_autoptr(RosterAccount) account = NULL;

  G_OBJECT_CLASS (roster_window_parent_class)->constructed (object);

  g_assert (ROSTER_IS_ACCOUNT_STORE (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.try-demo", self->demo != NULL);

  name = gtk_property_expression_new (ROSTER_TYPE_ACCOUNT, NULL, "name");
  gtk_drop_down_set_expression (self->account_switcher, name);
  gtk_drop_down_set_model (self->account_switcher, G_LIST_MODEL (self->store));
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (roster_window_accounts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account_switcher, "notify::selected",
                           G_CALLBACK (roster_window_switcher_selected_cb), self, G_CONNECT_SWAPPED);

  if (self->start_in_demo)
    roster_window_try_demo_action (GTK_WIDGET (self), "win.try-demo", NULL);
  else
    {
      account = roster_window_pick_account (self);
      roster_window_set_account (self, account);
    }
  roster_window_sync_switcher (self);
}

static void
roster_window_dispose (GObject *object)
{
  RosterWindow *self = ROSTER_WINDOW (object);

  g_cancellable_cancel (self->account_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_WINDOW);

  G_OBJECT_CLASS (roster_window_parent_class)->dispose (object);
}

static void
roster_window_finalize (GObject *object)
{
  RosterWindow *self = ROSTER_WINDOW (object);

  g_clear_object (&self->account_cancellable);
  g_clear_object (&self->account);
  g_clear_object (&self->cache);
  g_clear_object (&self->store);
  g_clear_object (&self->demo);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (roster_window_parent_class)->finalize (object);
}

static void
roster_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RosterWindow *self = ROSTER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DEMO:
      g_value_set_object (value, self->demo);
      break;
    case PROP_START_IN_DEMO:
      g_value_set_boolean (value, self->start_in_demo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RosterWindow *self = ROSTER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_DEMO:
      self->demo = g_value_dup_object (value);
      break;
    case PROP_START_IN_DEMO:
      self->start_in_demo = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_window_class_init (RosterWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags construct_only = (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                      G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->constructed = roster_window_constructed;
  object_class->dispose = roster_window_dispose;
  object_class->finalize = roster_window_finalize;
  object_class->get_property = roster_window_get_property;
  object_class->set_property = roster_window_set_property;

  /* Given by the application, so that every window shares one list (and one limiter per key)
   * without reaching back for it. */
  properties[PROP_ACCOUNT_STORE] =
    g_param_spec_object ("account-store", NULL, NULL, ROSTER_TYPE_ACCOUNT_STORE, construct_only);
  properties[PROP_DEMO] =
    g_param_spec_object ("demo", NULL, NULL, ROSTER_TYPE_DEMO, construct_only);
  properties[PROP_START_IN_DEMO] =
    g_param_spec_boolean ("start-in-demo", NULL, NULL, FALSE, construct_only);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ROSTER_TYPE_IMPORTS_BANNER);
  g_type_ensure (ROSTER_TYPE_WEBINAR_LIST);
  g_type_ensure (ROSTER_TYPE_WEBINAR_OVERVIEW);
  g_type_ensure (ROSTER_TYPE_REGISTRANTS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterapp/Roster/roster-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, account_switcher);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, demo_badge);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, webinar_list);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, webinar_overview);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, registrants_view);
  gtk_widget_class_bind_template_callback (widget_class, roster_window_webinar_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, roster_window_network_error_cb);
  gtk_widget_class_bind_template_callback (widget_class, roster_window_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, roster_window_authentication_failed_cb);

  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, roster_window_show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, roster_window_connect_action);
  gtk_widget_class_install_action (widget_class, "win.try-demo", NULL, roster_window_try_demo_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, roster_window_refresh_action);
  gtk_widget_class_install_action (widget_class, "win.register", NULL, roster_window_register_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, roster_window_import_action);
  gtk_widget_class_install_action (widget_class, "win.import-history", NULL, roster_window_import_history_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, roster_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.people", NULL, roster_window_people_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, roster_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.show-overview", NULL, roster_window_show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-registrants", NULL, roster_window_show_page_action);
}

static void
roster_window_init (RosterWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.register", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (roster_window_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (roster_webinar_list_get_webinars (self->webinar_list), "items-changed",
                           G_CALLBACK (roster_window_webinars_changed_cb), self, G_CONNECT_SWAPPED);

  /* GTK keeps the default size at the unmaximized one, so a maximized window still comes
   * back to the size it had. */
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}
