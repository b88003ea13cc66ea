/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-connect-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-client.h"
#include "roster-connect-dialog.h"
#include "roster-error.h"
#include "roster-keyring.h"

/* Asks for an account's name, product, key and (in "Advanced") endpoint; tries the key with a
 * `webinars` call while a spinner shows, and stores it only once it worked. When the keyring
 * cannot take it, offers to use the key for this session only. */

struct _RosterConnectDialog
{
  AdwWindow           parent_instance;

  RosterAccountStore *store;
  GCancellable       *cancellable;

  AdwEntryRow        *name_row;
  AdwComboRow        *product_row;
  AdwEntryRow        *key_row;
  AdwEntryRow        *endpoint_row;
  GtkLabel           *error_label;
  GtkButton          *session_button;
  GtkSpinner         *spinner;
  GtkWidget          *connect_button;
};

G_DEFINE_FINAL_TYPE (RosterConnectDialog, roster_connect_dialog, ADW_TYPE_WINDOW)

enum {
  ACCOUNT_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

RosterConnectDialog *
roster_connect_dialog_new (GtkWindow          *parent,
                           RosterAccountStore *store)
{
  RosterConnectDialog *self;

  g_return_val_if_fail (ROSTER_IS_ACCOUNT_STORE (store), NULL);

  self = g_object_new (ROSTER_TYPE_CONNECT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);

  return self;
}

static void
roster_connect_dialog_set_busy (RosterConnectDialog *self,
                                gboolean             busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.connect", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.session-only", !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), !busy);
}

/* A sentence for what the server or the network answered; NULL for the dialog's own checks,
 * whose messages are already written for the user. */
static const char *
roster_connect_dialog_summary (const GError *error)
{
  if (error->domain != ROSTER_API_ERROR)
    return NULL;

  switch (error->code)
    {
    case ROSTER_API_ERROR_AUTHENTICATION:
      return _("The service did not accept this API key. Check that it was copied whole from the account’s settings.");
    case ROSTER_API_ERROR_NETWORK:
    case ROSTER_API_ERROR_TLS:
      return _("The service could not be reached. Check the connection and the API address.");
    case ROSTER_API_ERROR_RATE_LIMITED:
      return _("The service is busy. Try again in a minute.");
    default:
      return _("The service gave an answer Roster did not expect. Check the API address.");
    }
}

/* The error under the form: a plain sentence first, the server's own words below it, small. */
static void
roster_connect_dialog_show_error (RosterConnectDialog *self,
                                  const GError        *error)
{
  const char *summary = error != NULL ? roster_connect_dialog_summary (error) : NULL;

  if (summary != NULL)
    {
      g_autofree char *markup = g_markup_printf_escaped ("%s\n<small>%s</small>", summary, error->message);

      gtk_label_set_markup (self->error_label, markup);
    }
  else
    gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->session_button),
                          error != NULL &&
                          error->domain == ROSTER_KEYRING_ERROR &&
                          roster_keyring_error_offers_session_only (error));
}

static RosterProduct
roster_connect_dialog_get_product (RosterConnectDialog *self)
{
  return adw_combo_row_get_selected (self->product_row) == 1 ? ROSTER_PRODUCT_WEBINARJAM
                                                             : ROSTER_PRODUCT_EVERWEBINAR;
}

/* Checks what can be checked before a call is spent; NULL endpoint means the vendor's. */
static gboolean
roster_connect_dialog_read (RosterConnectDialog  *self,
                            char                **name,
                            const char          **endpoint,
                            GError              **error)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));

  *name = roster_account_store_normalize_name (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), error);
  if (*name == NULL)
    return FALSE;

  if (*key == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Enter the API key."));
      return FALSE;
    }

  *endpoint = gtk_editable_get_text (GTK_EDITABLE (self->endpoint_row));
  if (**endpoint == '\0')
    *endpoint = NULL;
  else if (!roster_client_check_endpoint (*endpoint, error))
    return FALSE;

  return TRUE;
}

static void
roster_connect_dialog_close (RosterConnectDialog *self,
                             RosterAccount       *account)
{
  g_signal_emit (self, signals[ACCOUNT_ADDED], 0, account);
  /* Let the focused entry leave cleanly before its window goes. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
roster_connect_dialog_added_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(RosterConnectDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterAccount) account = NULL;

  account = roster_account_store_add_finish (ROSTER_ACCOUNT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  roster_connect_dialog_set_busy (self, FALSE);
  if (account == NULL)
    {
      /* The entries keep what was typed, so a typo is fixed in place. */
      roster_connect_dialog_show_error (self, error);
      return;
    }

  roster_connect_dialog_close (self, account);
}

static void
roster_connect_dialog_connect_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  RosterConnectDialog *self = ROSTER_CONNECT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *endpoint = NULL;

  if (!roster_connect_dialog_read (self, &name, &endpoint, &error))
    {
      roster_connect_dialog_show_error (self, error);
      return;
    }

  roster_connect_dialog_show_error (self, NULL);
  roster_connect_dialog_set_busy (self, TRUE);
  roster_account_store_add_async (self->store, name, roster_connect_dialog_get_product (self), endpoint,
                                  gtk_editable_get_text (GTK_EDITABLE (self->key_row)),
                                  TRUE, self->cancellable,
                                  roster_connect_dialog_added_cb, g_object_ref (self));
}

/* The key was checked already: only the keyring refused it. */
static void
roster_connect_dialog_session_only_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  RosterConnectDialog *self = ROSTER_CONNECT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterAccount) account = NULL;
  g_autofree char *name = NULL;
  const char *endpoint = NULL;

  if (roster_connect_dialog_read (self, &name, &endpoint, &error))
    account = roster_account_store_add_session_only (self->store, name,
                                                     roster_connect_dialog_get_product (self), endpoint,
                                                     gtk_editable_get_text (GTK_EDITABLE (self->key_row)),
                                                     &error);
  if (account == NULL)
    {
      roster_connect_dialog_show_error (self, error);
      return;
    }

  roster_connect_dialog_close (self, account);
}

static void
roster_connect_dialog_dispose (GObject *object)
{
  RosterConnectDialog *self = ROSTER_CONNECT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_CONNECT_DIALOG);

  G_OBJECT_CLASS (roster_connect_dialog_parent_class)->dispose (object);
}

static void
roster_connect_dialog_finalize (GObject *object)
{
  RosterConnectDialog *self = ROSTER_CONNECT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (roster_connect_dialog_parent_class)->finalize (object);
}

static void
roster_connect_dialog_class_init (RosterConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_connect_dialog_dispose;
  object_class->finalize = roster_connect_dialog_finalize;

  /**
   * RosterConnectDialog::account-added:
   * @account: the account, its key checked and stored (or held for this session)
   */
  signals[ACCOUNT_ADDED] =
    g_signal_new ("account-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ROSTER_TYPE_ACCOUNT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterapp/Roster/roster-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterConnectDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, RosterConnectDialog, product_row);
  gtk_widget_class_bind_template_child (widget_class, RosterConnectDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, RosterConnectDialog, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, RosterConnectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RosterConnectDialog, session_button);
  gtk_widget_class_bind_template_child (widget_class, RosterConnectDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterConnectDialog, connect_button);

  gtk_widget_class_install_action (widget_class, "connect.connect", NULL, roster_connect_dialog_connect_action);
  gtk_widget_class_install_action (widget_class, "connect.session-only", NULL, roster_connect_dialog_session_only_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* What the error was about has been edited: it no longer describes what the dialog holds. */
static void
roster_connect_dialog_input_changed_cb (RosterConnectDialog *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    roster_connect_dialog_show_error (self, NULL);
}

static void
roster_connect_dialog_init (RosterConnectDialog *self)
{
  AdwEntryRow *rows[3];

  gtk_widget_init_template (GTK_WIDGET (self));

  rows[0] = self->name_row;
  rows[1] = self->key_row;
  rows[2] = self->endpoint_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_object (rows[i], "changed", G_CALLBACK (roster_connect_dialog_input_changed_cb), self,
                             G_CONNECT_SWAPPED);

  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), self->connect_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
