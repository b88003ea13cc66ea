/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-preferences-window.h"
#include "roster-import-history-prefs.h"
#include "roster-remembered-mappings-group.h"
#include "roster-stored-people-group.h"
#include "roster-window.h"
#include "roster-ui-util.h"

/* Preferences: the accounts, each of which can be renamed or forgotten. The list follows the
 * store, so an account that the connect dialog (or roster-cli) adds shows up at once. Adding is
 * the main window's job ("win.connect"); this window only asks for it. */

struct _RosterPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  RosterAccountStore   *store;
  RosterAccount        *active;        /* the account the window shows, or NULL */
  GCancellable         *cancellable;   /* renames and removals in flight */

  /* Template widgets */
  GtkListBox           *accounts_list;
  AdwActionRow         *empty_row;
  AdwActionRow         *add_row;
  AdwPreferencesGroup  *accounts_group;
  AdwPreferencesGroup  *demo_group;
  AdwPreferencesPage   *accounts_page;
};

G_DEFINE_FINAL_TYPE (RosterPreferencesWindow, roster_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Rows ------------------------------------------------------------------------------------ */

static const char *
product_display_name (RosterProduct product)
{
  /* Brand names, never translated. */
  switch (product)
    {
    case ROSTER_PRODUCT_WEBINARJAM:
      return "WebinarJam";
    case ROSTER_PRODUCT_EVERWEBINAR:
    default:
      return "EverWebinar";
    }
}

static GtkWidget *
create_account_button (const char *icon_name,
                       const char *tooltip,
                       const char *action_name)
{
  /* The accessible name, which says which account, comes with the target. */
  GtkWidget *button = roster_ui_row_button_new (icon_name, tooltip);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);

  return button;
}

static void
set_account_button_target (GtkWidget  *button,
                           const char *accessible_label,
                           const char *account_name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_string (account_name));
}

/* The account the window works with: its row says so. The demo is no stored account. */
static gboolean
is_in_use (RosterPreferencesWindow *self,
           RosterAccount           *account)
{
  return self != NULL && self->active != NULL && !roster_account_get_is_demo (self->active) &&
         g_strcmp0 (roster_account_get_name (self->active), roster_account_get_name (account)) == 0;
}

/* "In Use" beside an account's name, in the accent colour like a tag */
static GtkWidget *
in_use_label_new (void)
{
  GtkWidget *label = gtk_label_new (_("In Use"));

  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "accent");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_end (label, 6);
  return label;
}

/* A keyring-backed rename changes the account object in place rather than the list, so the row
 * follows the account's properties. */
static void
update_account_row (RosterAccount *account,
                    GParamSpec    *pspec,
                    AdwActionRow  *row)
{
  const char *name = roster_account_get_name (account);
  const char *product = product_display_name (roster_account_get_product (account));
  const char *endpoint = roster_account_get_effective_endpoint (account);
  g_autofree char *subtitle = NULL;
  g_autofree char *rename_label = NULL;
  g_autofree char *forget_label = NULL;

  if (roster_account_get_session_only (account))
    /* Translators: an account's product and API address, for an account whose key the
     * keyring could not keep */
    subtitle = g_strdup_printf (_("%s · %s · key kept for this session only"), product, endpoint);
  else
    /* Translators: an account's product and API address */
    subtitle = g_strdup_printf (_("%s · %s"), product, endpoint);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (row, subtitle);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "roster-in-use-label"),
                          is_in_use (g_object_get_data (G_OBJECT (row), "roster-preferences"), account));

  /* Translators: the accessible name of a button; %s is an account's name */
  rename_label = g_strdup_printf (_("Rename “%s”"), name);
  /* Translators: the accessible name of a button; %s is an account's name */
  forget_label = g_strdup_printf (_("Forget “%s”"), name);
  set_account_button_target (g_object_get_data (G_OBJECT (row), "roster-rename-button"),
                             rename_label, name);
  set_account_button_target (g_object_get_data (G_OBJECT (row), "roster-forget-button"),
                             forget_label, name);
}

static GtkWidget *
create_account_row (gpointer item,
                    gpointer user_data)
{
  RosterAccount *account = item;
  GtkWidget *row;
  GtkWidget *in_use;
  GtkWidget *rename_button;
  GtkWidget *forget_button;

  row = adw_action_row_new ();
  /* Names and addresses are plain text, whatever characters they hold. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  in_use = in_use_label_new ();
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), in_use);
  g_object_set_data (G_OBJECT (row), "roster-in-use-label", in_use);
  g_object_set_data (G_OBJECT (row), "roster-preferences", user_data);
  rename_button = create_account_button ("document-edit-symbolic", _("Rename"), "account.rename");
  forget_button = create_account_button ("user-trash-symbolic", _("Forget"), "account.forget");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), rename_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), forget_button);
  g_object_set_data (G_OBJECT (row), "roster-rename-button", rename_button);
  g_object_set_data (G_OBJECT (row), "roster-forget-button", forget_button);

  update_account_row (account, NULL, ADW_ACTION_ROW (row));
  g_signal_connect_object (account, "notify", G_CALLBACK (update_account_row), row, 0);

  return row;
}

/* ---- Results --------------------------------------------------------------------------------- */

static void
show_error_toast (RosterPreferencesWindow *self,
                  const GError            *error)
{
  /* A toast's title is markup, and error texts quote account names. */
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

typedef gboolean (*StoreChangeFinish) (RosterAccountStore  *store,
                                        GAsyncResult        *result,
                                        GError             **error);

/* A rename or removal that failed says why; a cancelled one (the window closed) says nothing. */
static void
finish_store_change (GObject           *object,
                     GAsyncResult      *result,
                     gpointer           user_data,
                     StoreChangeFinish  finish)
{
  g_autoptr(RosterPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (finish (ROSTER_ACCOUNT_STORE (object), result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  show_error_toast (self, error);
}

static void
rename_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  finish_store_change (object, result, user_data, roster_account_store_rename_finish);
}

static void
remove_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  finish_store_change (object, result, user_data, roster_account_store_remove_finish);
}

/* ---- Questions ------------------------------------------------------------------------------- */

/* A modal question about @account with Cancel and @response. The dialog is destroyed with this
 * window, so it holds no reference to it; @response_cb finds both on the dialog. */
static AdwMessageDialog *
account_dialog_new (RosterPreferencesWindow *self,
                    RosterAccount           *account,
                    const char              *heading,
                    const char              *body,
                    const char              *response,
                    const char              *label,
                    AdwResponseAppearance    appearance,
                    GCallback                response_cb)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response, label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  /* A destructive answer is never the default one. */
  adw_message_dialog_set_default_response (dialog, appearance == ADW_RESPONSE_DESTRUCTIVE ? "cancel" : response);
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data (G_OBJECT (dialog), "roster-preferences", self);
  g_object_set_data_full (G_OBJECT (dialog), "roster-account", g_object_ref (account), g_object_unref);
  g_signal_connect (dialog, "response", response_cb, NULL);

  return dialog;
}

/* ---- Rename ---------------------------------------------------------------------------------- */

/* The dialog's new name, or NULL (with the reason in @message, or none when the name is simply
 * unchanged) when it cannot be used. */
static char *
validate_new_name (RosterPreferencesWindow  *self,
                   RosterAccount            *account,
                   const char               *text,
                   char                    **message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  RosterAccount *other;

  *message = NULL;

  if ((normalized = roster_account_store_normalize_name (text, &error)) == NULL)
    {
      *message = g_strdup (error->message);
      return NULL;
    }

  if (g_strcmp0 (normalized, roster_account_get_name (account)) == 0)
    return NULL;

  other = roster_account_store_lookup (self->store, normalized);
  if (other != NULL && other != account)
    {
      *message = g_strdup_printf (_("There is already an account named “%s”."), normalized);
      return NULL;
    }

  return g_steal_pointer (&normalized);
}

static void
rename_entry_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  RosterPreferencesWindow *self = g_object_get_data (G_OBJECT (dialog), "roster-preferences");
  RosterAccount *account = g_object_get_data (G_OBJECT (dialog), "roster-account");
  GtkWidget *error_label = g_object_get_data (G_OBJECT (dialog), "roster-error-label");
  g_autofree char *message = NULL;
  g_autofree char *new_name = NULL;

  new_name = validate_new_name (self, account, gtk_editable_get_text (entry), &message);
  adw_message_dialog_set_response_enabled (dialog, "rename", new_name != NULL);

  gtk_label_set_text (GTK_LABEL (error_label), message != NULL ? message : "");
  gtk_widget_set_visible (error_label, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  RosterPreferencesWindow *self = g_object_get_data (G_OBJECT (dialog), "roster-preferences");
  RosterAccount *account = g_object_get_data (G_OBJECT (dialog), "roster-account");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "roster-entry");
  g_autofree char *message = NULL;
  g_autofree char *new_name = NULL;

  if (g_strcmp0 (response, "rename") != 0)
    return;

  /* Checked again: Enter in the entry can answer while the response is disabled. */
  new_name = validate_new_name (self, account, gtk_editable_get_text (entry), &message);
  if (new_name == NULL)
    return;

  roster_account_store_rename_async (self->store, account, new_name, self->cancellable,
                                     rename_cb, g_object_ref (self));
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterPreferencesWindow *self = ROSTER_PREFERENCES_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  RosterAccount *account;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  GtkWidget *box;
  GtkWidget *entry;
  GtkWidget *error_label;

  if ((account = roster_account_store_lookup (self->store, name)) == NULL)
    return;

  /* Translators: a dialog's heading; %s is an account's name */
  heading = g_strdup_printf (_("Rename “%s”"), name);
  dialog = account_dialog_new (self, account, heading,
                               _("The account keeps its API key under the new name."),
                               "rename", _("_Rename"), ADW_RESPONSE_SUGGESTED,
                               G_CALLBACK (rename_response_cb));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New account name"),
                                  -1);
  gtk_box_append (GTK_BOX (box), entry);

  error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0.0);
  gtk_widget_add_css_class (error_label, "caption");
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_box_append (GTK_BOX (box), error_label);

  adw_message_dialog_set_extra_child (dialog, box);
  /* The name as it is renames nothing. */
  adw_message_dialog_set_response_enabled (dialog, "rename", FALSE);

  g_object_set_data (G_OBJECT (dialog), "roster-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "roster-error-label", error_label);
  g_signal_connect_object (entry, "changed", G_CALLBACK (rename_entry_changed_cb), dialog, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ---- Forget ---------------------------------------------------------------------------------- */

static void
forget_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  RosterPreferencesWindow *self = g_object_get_data (G_OBJECT (dialog), "roster-preferences");
  RosterAccount *account = g_object_get_data (G_OBJECT (dialog), "roster-account");

  if (g_strcmp0 (response, "forget") != 0)
    return;

  roster_account_store_remove_async (self->store, account, self->cancellable,
                                     remove_cb, g_object_ref (self));
}

static void
forget_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterPreferencesWindow *self = ROSTER_PREFERENCES_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  RosterAccount *account;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if ((account = roster_account_store_lookup (self->store, name)) == NULL)
    return;

  /* Translators: a dialog's heading; %s is an account's name */
  heading = g_strdup_printf (_("Forget “%s”?"), name);
  dialog = account_dialog_new (self, account, heading,
                               _("Roster removes the account and deletes its API key from the keyring."),
                               "forget", _("_Forget"), ADW_RESPONSE_DESTRUCTIVE,
                               G_CALLBACK (forget_response_cb));

  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Add ------------------------------------------------------------------------------------- */

static void
add_account_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  /* The main window's connect dialog adds accounts; without one there is nothing to do. */
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.connect", NULL);
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
roster_preferences_window_constructed (GObject *object)
{
  RosterPreferencesWindow *self = ROSTER_PREFERENCES_WINDOW (object);
  GtkWindow *parent;

  G_OBJECT_CLASS (roster_preferences_window_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  gtk_list_box_bind_model (self->accounts_list, G_LIST_MODEL (self->store),
                           create_account_row, self, NULL);

  /* What each account's local store holds; the demo's too while the main window shows it. */
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  adw_preferences_page_add (self->accounts_page, ADW_PREFERENCES_GROUP (roster_stored_people_group_new (self->store, ROSTER_IS_WINDOW (parent) ? roster_window_get_account (ROSTER_WINDOW (parent)) : NULL)));
}

static void
roster_preferences_window_dispose (GObject *object)
{
  RosterPreferencesWindow *self = ROSTER_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->accounts_list != NULL)
    gtk_list_box_bind_model (self->accounts_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (roster_preferences_window_parent_class)->dispose (object);
}

static void
roster_preferences_window_finalize (GObject *object)
{
  RosterPreferencesWindow *self = ROSTER_PREFERENCES_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->active);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (roster_preferences_window_parent_class)->finalize (object);
}

static void
roster_preferences_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  RosterPreferencesWindow *self = ROSTER_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  RosterPreferencesWindow *self = ROSTER_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_preferences_window_class_init (RosterPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = roster_preferences_window_constructed;
  object_class->dispose = roster_preferences_window_dispose;
  object_class->finalize = roster_preferences_window_finalize;
  object_class->get_property = roster_preferences_window_get_property;
  object_class->set_property = roster_preferences_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ROSTER_TYPE_ACCOUNT_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ROSTER_TYPE_REMEMBERED_MAPPINGS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-preferences-window.ui");
  g_type_ensure (ROSTER_TYPE_IMPORT_HISTORY_PREFS);
  gtk_widget_class_bind_template_child (widget_class, RosterPreferencesWindow, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, RosterPreferencesWindow, empty_row);
  gtk_widget_class_bind_template_child (widget_class, RosterPreferencesWindow, add_row);
  gtk_widget_class_bind_template_child (widget_class, RosterPreferencesWindow, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, RosterPreferencesWindow, demo_group);
  gtk_widget_class_bind_template_child (widget_class, RosterPreferencesWindow, accounts_page);

  gtk_widget_class_install_action (widget_class, "account.rename", "s", rename_action);
  gtk_widget_class_install_action (widget_class, "account.forget", "s", forget_action);
  gtk_widget_class_install_action (widget_class, "preferences.add-account", NULL, add_account_action);
}

static void
roster_preferences_window_init (RosterPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- Public API ------------------------------------------------------------------------------ */

/**
 * roster_preferences_window_new:
 * @parent: (nullable): the main window; its "win.connect" action adds accounts
 * @store: the accounts to show
 */
RosterPreferencesWindow *
roster_preferences_window_new (GtkWindow          *parent,
                               RosterAccountStore *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTER_IS_ACCOUNT_STORE (store), NULL);

  return g_object_new (ROSTER_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

RosterAccountStore *
roster_preferences_window_get_store (RosterPreferencesWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_PREFERENCES_WINDOW (self), NULL);

  return self->store;
}

/* The account the main window works with, marked "In Use" in the list; the demo gets a row of
 * its own above the stored accounts, which are then all idle. */
void
roster_preferences_window_set_active_account (RosterPreferencesWindow *self,
                                              RosterAccount           *account)
{
  gboolean demo;

  g_return_if_fail (ROSTER_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (account == NULL || ROSTER_IS_ACCOUNT (account));

  if (!g_set_object (&self->active, account))
    return;

  demo = account != NULL && roster_account_get_is_demo (account);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_group), demo);
  adw_preferences_group_set_description (self->accounts_group,
                                         demo ? _("The demo is in use. Switch to one of these accounts to work with its webinars. "
                                                  "The API key of each account is kept in the system keyring.")
                                              : _("The API key of each account is kept in the system keyring."));
  /* The rows follow: bind the list again */
  gtk_list_box_bind_model (self->accounts_list, G_LIST_MODEL (self->store), create_account_row, self, NULL);
}
