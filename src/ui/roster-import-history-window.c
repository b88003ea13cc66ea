/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-history"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-dialog.h"
#include "roster-import-history.h"
#include "roster-import-history-results.h"
#include "roster-import-history-results-window.h"
#include "roster-import-history-row.h"
#include "roster-import-history-window.h"
#include "roster-import-undo-dialog.h"
#include "roster-ui-call.h"
#include "roster-webinar.h"

/* "Import History": every import of the account, newest first, from the journals, and what can
 * be done with each: open or export its results, resume it, retry its failed rows, unsubscribe
 * everyone it registered, or forget it.  Each of those is a "history." action whose target is
 * the import's journal. */

struct _RosterImportHistoryWindow
{
  AdwWindow            parent_instance;

  AdwToastOverlay     *toasts;
  GtkStack            *stack;
  AdwPreferencesGroup *group;
  GtkListBox          *list;

  RosterClient        *client;
  RosterRegistrantStore *registrant_store;
  GListModel          *webinars;
  GListModel          *history;
  GCancellable        *cancellable;
  GtkNativeDialog     *chooser;
};

G_DEFINE_FINAL_TYPE (RosterImportHistoryWindow, roster_import_history_window, ADW_TYPE_WINDOW)

static const char *
webinar_title (RosterImportHistoryWindow *self,
               gint64                     webinar_id)
{
  for (guint i = 0; self->webinars != NULL && i < g_list_model_get_n_items (self->webinars); i++)
    {
      g_autoptr(RosterWebinar) webinar = g_list_model_get_item (self->webinars, i);

      /* The model keeps its items: the title outlives this reference. */
      if (roster_webinar_get_id (webinar) == webinar_id)
        return roster_webinar_get_title (webinar);
    }
  return NULL;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RosterImportHistoryWindow *self = user_data;
  RosterImportRecord *record = item;

  return roster_import_history_row_new (record, webinar_title (self, roster_import_record_get_info (record)->target->webinar_id));
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RosterUiCall) call = user_data;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;
  RosterImportHistoryWindow *self = roster_ui_call_get_owner (call);

  history = roster_import_history_list_finish (result, &error);
  if (self == NULL)
    return;
  if (history == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      history = G_LIST_MODEL (g_list_store_new (ROSTER_TYPE_IMPORT_RECORD));
    }
  g_set_object (&self->history, history);
  gtk_list_box_bind_model (self->list, self->history, create_row, self, NULL);
  gtk_stack_set_visible_child_name (self->stack, g_list_model_get_n_items (history) > 0 ? "list" : "empty");
}

void
roster_import_history_window_reload (RosterImportHistoryWindow *self)
{
  g_autofree char *account_id = NULL;

  g_return_if_fail (ROSTER_IS_IMPORT_HISTORY_WINDOW (self));

  account_id = roster_client_dup_account_id (self->client);
  if (self->history == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  roster_import_history_list_async (roster_client_get_journal_dir (self->client), account_id, self->cancellable,
                                    listed_cb, roster_ui_call_new (self, self->cancellable));
}

static RosterImportRecord *
find_record (RosterImportHistoryWindow *self,
             GVariant                  *parameter)
{
  const char *path = g_variant_get_string (parameter, NULL);

  for (guint i = 0; self->history != NULL && i < g_list_model_get_n_items (self->history); i++)
    {
      g_autoptr(RosterImportRecord) record = g_list_model_get_item (self->history, i);

      if (g_strcmp0 (roster_import_record_get_path (record), path) == 0)
        return record;   /* the model keeps it */
    }
  return NULL;
}

static void
toast (RosterImportHistoryWindow *self,
       const char                *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

/* ---- Actions ------------------------------------------------------------------------------------ */

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  roster_import_history_window_reload (ROSTER_IMPORT_HISTORY_WINDOW (widget));
}

static void
open_results_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RosterImportHistoryWindow *self = ROSTER_IMPORT_HISTORY_WINDOW (widget);
  RosterImportRecord *record = find_record (self, parameter);
  GtkWindow *results;

  if (record == NULL)
    return;
  results = roster_import_history_results_window_new (GTK_WINDOW (self), self->client, record);
  gtk_window_present (results);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RosterUiCall) call = user_data;
  g_autoptr(GError) error = NULL;
  RosterImportHistoryWindow *self = roster_ui_call_get_owner (call);
  gboolean ok = roster_import_history_export_results_finish (result, &error);

  if (self == NULL)
    return;
  toast (self, ok ? _("Results exported") : error->message);
}

static void
export_response_cb (GtkNativeDialog           *chooser,
                    int                        response,
                    RosterImportHistoryWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (chooser), "journal-path");
  g_autoptr(GFile) file = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *account_id = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (destination = g_file_get_path (file)) != NULL)
    {
      account_id = roster_client_dup_account_id (self->client);
      roster_import_history_export_results_async (path, account_id, destination, self->cancellable,
                                                  exported_cb, roster_ui_call_new (self, self->cancellable));
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterImportHistoryWindow *self = ROSTER_IMPORT_HISTORY_WINDOW (widget);
  RosterImportRecord *record = find_record (self, parameter);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  const char *file_name;

  if (record == NULL || self->chooser != NULL)
    return;
  file_name = roster_import_record_get_info (record)->file_name;
  base = file_name != NULL ? g_path_get_basename (file_name) : g_strdup ("import");
  if (g_str_has_suffix (base, ".csv"))
    base[strlen (base) - 4] = '\0';
  /* Translators: the default name of an exported results file; %s is the imported file's name */
  name = g_strdup_printf (_("%s results.csv"), base);

  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Export Results"), GTK_WINDOW (self),
                                                                   GTK_FILE_CHOOSER_ACTION_SAVE,
                                                                   _("_Export"), _("_Cancel")));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data_full (G_OBJECT (self->chooser), "journal-path",
                          g_strdup (roster_import_record_get_path (record)), g_free);
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

/* Resuming and retrying both reopen the import's file in the import dialog, which goes on from
 * its journal after the user confirms: only what is left is sent, and on a retry what failed
 * too.  The dialog hands the job to the application's running imports as a new import does. */
static void
continue_import (RosterImportHistoryWindow *self,
                 GVariant                  *parameter,
                 gboolean                   retry_failed)
{
  RosterImportRecord *record = find_record (self, parameter);
  const RosterImportJournalInfo *info;
  RosterImportDialog *dialog;

  if (record == NULL)
    return;
  info = roster_import_record_get_info (record);
  /* The menu offers no retry then; the action is public, so check again. */
  if (retry_failed && info->n_failed + info->n_unknown == 0)
    return;
  dialog = roster_import_dialog_new_for_journal (gtk_window_get_transient_for (GTK_WINDOW (self)), self->client,
                                                 self->webinars, roster_import_record_get_path (record));
  roster_import_dialog_set_retry_failed (dialog, retry_failed);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (roster_import_history_window_reload), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  continue_import (ROSTER_IMPORT_HISTORY_WINDOW (widget), parameter, FALSE);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  continue_import (ROSTER_IMPORT_HISTORY_WINDOW (widget), parameter, TRUE);
}

static void
forget_response_cb (AdwMessageDialog          *dialog,
                    const char                *response,
                    RosterImportHistoryWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "journal-path");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "forget") != 0)
    return;
  /* Two small unlinks: not worth a thread. */
  if (!roster_import_history_forget (path, &error))
    toast (self, error->message);
  else
    toast (self, _("Import forgotten"));
  roster_import_history_window_reload (self);
}

static void
forget_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterImportHistoryWindow *self = ROSTER_IMPORT_HISTORY_WINDOW (widget);
  RosterImportRecord *record = find_record (self, parameter);
  AdwMessageDialog *dialog;

  if (record == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Forget This Import?"),
                                                       _("Its record, with the names and addresses of the people "
                                                         "in it and their results, is deleted from this computer. "
                                                         "Nobody is unsubscribed, and it can no longer be undone "
                                                         "or resumed.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "forget", _("_Forget"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "forget", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "journal-path", g_strdup (roster_import_record_get_path (record)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (forget_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_response_cb (AdwMessageDialog          *question,
                  const char                *response,
                  RosterImportHistoryWindow *self)
{
  RosterImportRecord *record = g_object_get_data (G_OBJECT (question), "record");
  RosterImportUndoDialog *dialog;

  if (g_strcmp0 (response, "unsubscribe") != 0)
    return;
  dialog = roster_import_undo_dialog_new (GTK_WINDOW (self), self->client, self->registrant_store, record);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (roster_import_history_window_reload), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RosterImportHistoryWindow *self = ROSTER_IMPORT_HISTORY_WINDOW (widget);
  RosterImportRecord *record = find_record (self, parameter);
  AdwMessageDialog *question;

  if (record == NULL)
    return;
  question = roster_import_undo_dialog_new_question (GTK_WINDOW (self), record,
                                                     webinar_title (self, roster_import_record_get_info (record)->target->webinar_id));
  g_object_set_data_full (G_OBJECT (question), "record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (question, "response", G_CALLBACK (undo_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (question));
}

/* ---- Object ------------------------------------------------------------------------------------- */

static void
roster_import_history_window_dispose (GObject *object)
{
  RosterImportHistoryWindow *self = ROSTER_IMPORT_HISTORY_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->history);
  g_clear_object (&self->webinars);
  g_clear_object (&self->client);
  g_clear_object (&self->registrant_store);

  G_OBJECT_CLASS (roster_import_history_window_parent_class)->dispose (object);
}

static void
roster_import_history_window_class_init (RosterImportHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_import_history_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterapp/Roster/roster-import-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportHistoryWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, RosterImportHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterImportHistoryWindow, group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportHistoryWindow, list);

  gtk_widget_class_install_action (widget_class, "history.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "history.open-results", "s", open_results_action);
  gtk_widget_class_install_action (widget_class, "history.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "history.resume", "s", resume_action);
  gtk_widget_class_install_action (widget_class, "history.retry", "s", retry_action);
  gtk_widget_class_install_action (widget_class, "history.forget", "s", forget_action);
  gtk_widget_class_install_action (widget_class, "history.undo", "s", undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "history.reload", NULL);
}

static void
roster_import_history_window_init (RosterImportHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * roster_import_history_window_new:
 * @client: the account whose imports are listed
 * @webinars: (nullable): its webinars, for their titles and for resuming
 */
RosterImportHistoryWindow *
roster_import_history_window_new (GtkWindow    *parent,
                                  RosterClient *client,
                                  GListModel   *webinars)
{
  RosterImportHistoryWindow *self;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  guint days = g_settings_get_uint (settings, "forget-imports-after-days");

  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);

  self = g_object_new (ROSTER_TYPE_IMPORT_HISTORY_WINDOW, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->webinars = webinars != NULL ? g_object_ref (webinars) : NULL;
  if (days > 0)
    {
      g_autofree char *description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "Newest first. A finished import is forgotten %u day after it ended: its record holds personal data.",
                                                                   "Newest first. A finished import is forgotten %u days after it ended: its record holds personal data.",
                                                                   days), days);

      adw_preferences_group_set_description (self->group, description);
    }
  roster_import_history_window_reload (self);
  return self;
}

GListModel *
roster_import_history_window_get_history (RosterImportHistoryWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_HISTORY_WINDOW (self), NULL);

  return self->history;
}

GtkListBox *
roster_import_history_window_get_list (RosterImportHistoryWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_HISTORY_WINDOW (self), NULL);

  return self->list;
}

/* ---- Expiry ------------------------------------------------------------------------------------- */

static void
expired_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GApplication) app = user_data;
  g_autoptr(GError) error = NULL;
  int n = roster_import_history_expire_finish (result, &error);

  if (n < 0)
    g_debug ("Could not forget old imports: %s", error->message);
  else if (n > 0)
    g_debug ("Forgot %d finished imports", n);
  g_application_release (app);
}

/* At startup: forget finished imports older than the setting says (the demo's go with it). */
void
roster_import_history_expire_old (GApplication *app)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_return_if_fail (G_IS_APPLICATION (app));

  g_application_hold (app);
  roster_import_history_expire_async (NULL, g_settings_get_uint (settings, "forget-imports-after-days"), NULL,
                                      expired_cb, g_object_ref (app));
}

/* The account's local store, told of what undoing an import unsubscribes. */
void
roster_import_history_window_set_registrant_store (RosterImportHistoryWindow *self,
                                                   RosterRegistrantStore     *store)
{
  g_return_if_fail (ROSTER_IS_IMPORT_HISTORY_WINDOW (self));
  g_return_if_fail (store == NULL || ROSTER_IS_REGISTRANT_STORE (store));

  g_set_object (&self->registrant_store, store);
}
