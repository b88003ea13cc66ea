/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-history"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-undo.h"
#include "roster-import-undo-dialog.h"

/* "Unsubscribe Everyone From This Import": first the question (a plain message dialog, naming
 * the count and what unsubscribing does in EverWebinar); then this dialog, with the progress
 * and Stop, which turns into the report.  The undo itself is RosterImportUndo: stopping leaves
 * its journal, and the next undo of the same import goes on from there. */

struct _RosterImportUndoDialog
{
  AdwMessageDialog    parent_instance;

  RosterClient       *client;
  RosterRegistrantStore *registrant_store;
  RosterImportRecord *record;
  RosterImportUndo   *undo;
  GCancellable       *cancellable;
  GtkProgressBar     *progress;
  gboolean            running;
  gboolean            done;
};

G_DEFINE_FINAL_TYPE (RosterImportUndoDialog, roster_import_undo_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
roster_import_undo_dialog_dispose (GObject *object)
{
  RosterImportUndoDialog *self = ROSTER_IMPORT_UNDO_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->undo);
  g_clear_object (&self->record);
  g_clear_object (&self->client);
  g_clear_object (&self->registrant_store);

  G_OBJECT_CLASS (roster_import_undo_dialog_parent_class)->dispose (object);
}

/* A message dialog closes on every response and on Escape; this one stays until the run has
 * stopped, to show the report: while it runs, closing means Stop. */
static gboolean
roster_import_undo_dialog_close_request (GtkWindow *window)
{
  RosterImportUndoDialog *self = ROSTER_IMPORT_UNDO_DIALOG (window);

  if (!self->done)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (roster_import_undo_dialog_parent_class)->close_request (window);
}

static void
roster_import_undo_dialog_class_init (RosterImportUndoDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = roster_import_undo_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = roster_import_undo_dialog_close_request;
}

static void
roster_import_undo_dialog_init (RosterImportUndoDialog *self)
{
  self->cancellable = g_cancellable_new ();
}

static void
show_progress (RosterImportUndoDialog *self)
{
  guint total = roster_import_undo_get_n_total (self->undo);
  guint done = roster_import_undo_get_n_done (self->undo);
  g_autofree char *text = NULL;

  /* Translators: progress of unsubscribing the people of an import */
  text = g_strdup_printf (_("%u of %u"), done, total);
  gtk_progress_bar_set_fraction (self->progress, total > 0 ? (double) done / total : 0.0);
  gtk_progress_bar_set_text (self->progress, text);
}

static void
progress_cb (RosterImportUndo       *undo,
             RosterImportUndoDialog *self)
{
  show_progress (self);
}

static void
show_report (RosterImportUndoDialog *self,
             const GError           *error)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  guint unsubscribed = roster_import_undo_get_n_unsubscribed (self->undo);
  guint gone = roster_import_undo_get_n_gone (self->undo);
  guint failed = roster_import_undo_get_n_failed (self->undo);
  g_autofree char *heading = NULL;
  g_autoptr(GString) body = g_string_new (NULL);

  self->running = FALSE;
  self->done = TRUE;
  if (error != NULL)
    heading = g_strdup (_("Unsubscribing Stopped"));
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Unsubscribed %u Person",
                                            "Unsubscribed %u People", unsubscribed), unsubscribed);
  adw_message_dialog_set_heading (dialog, heading);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_string_append (body, error->message);
      g_string_append (body, "\n\n");
    }
  g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                             "%u person this import registered is unsubscribed.",
                                             "%u people this import registered are unsubscribed.",
                                             unsubscribed), unsubscribed);
  if (gone > 0)
    {
      g_string_append_c (body, ' ');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u was already unsubscribed or no longer registered.",
                                                 "%u were already unsubscribed or no longer registered.",
                                                 gone), gone);
    }
  if (failed > 0)
    {
      g_string_append_c (body, ' ');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u could not be unsubscribed; doing it again tries them once more.",
                                                 "%u could not be unsubscribed; doing it again tries them once more.",
                                                 failed), failed);
    }
  adw_message_dialog_set_body (dialog, body->str);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  /* The one response now closes. */
  adw_message_dialog_set_response_label (dialog, "stop", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "stop");
}

static void
undone_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RosterImportUndoDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  roster_import_undo_run_finish (ROSTER_IMPORT_UNDO (object), result, &error);
  /* Destroyed meanwhile: nothing to show. */
  if (self->cancellable == NULL)
    return;
  show_report (self, error);
}

static void
start (RosterImportUndoDialog *self)
{
  self->running = TRUE;
  self->undo = roster_import_undo_new (self->client, roster_import_record_get_path (self->record));
  roster_import_undo_set_registrant_store (self->undo, self->registrant_store);
  g_signal_connect_object (self->undo, "progress", G_CALLBACK (progress_cb), self, 0);
  roster_import_undo_run_async (self->undo, self->cancellable, undone_cb, g_object_ref (self));
  show_progress (self);
}

/**
 * roster_import_undo_dialog_new_question:
 * @webinar_title: (nullable): the import's webinar
 *
 * Returns: (transfer none): the question to ask first; its "unsubscribe" response means go
 */
AdwMessageDialog *
roster_import_undo_dialog_new_question (GtkWindow          *parent,
                                        RosterImportRecord *record,
                                        const char         *webinar_title)
{
  AdwMessageDialog *dialog;
  guint n;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (ROSTER_IS_IMPORT_RECORD (record), NULL);

  n = roster_import_record_get_info (record)->n_registered;
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Unsubscribe %u Person?",
                                          "Unsubscribe %u People?", n), n);
  /* Translators: %u is a number of people, %s a webinar's title */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The %u person this import registered for “%s” will be unsubscribed in "
                                       "EverWebinar: they stay on the registrant list, but get no more emails "
                                       "or reminders about the webinar. People who were registered before this "
                                       "import, or by another one, are not touched.",
                                       "The %u people this import registered for “%s” will be unsubscribed in "
                                       "EverWebinar: they stay on the registrant list, but get no more emails "
                                       "or reminders about the webinar. People who were registered before this "
                                       "import, or by another one, are not touched.", n),
                          n, webinar_title != NULL ? webinar_title : _("the webinar"));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "unsubscribe", _("_Unsubscribe"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "unsubscribe", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

/**
 * roster_import_undo_dialog_new:
 *
 * The progress of unsubscribing everyone @record registered, started at once; then the report.
 */
RosterImportUndoDialog *
roster_import_undo_dialog_new (GtkWindow             *parent,
                               RosterClient          *client,
                               RosterRegistrantStore *store,
                               RosterImportRecord    *record)
{
  RosterImportUndoDialog *self;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (ROSTER_IS_IMPORT_RECORD (record), NULL);

  self = g_object_new (ROSTER_TYPE_IMPORT_UNDO_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  dialog = ADW_MESSAGE_DIALOG (self);
  self->client = g_object_ref (client);
  self->record = g_object_ref (record);

  adw_message_dialog_set_heading (dialog, _("Unsubscribing…"));
  adw_message_dialog_set_body (dialog, _("Stopping keeps a record of who is done: unsubscribing again later "
                                         "goes on where it stopped."));
  adw_message_dialog_add_response (dialog, "stop", _("_Stop"));
  adw_message_dialog_set_close_response (dialog, "stop");

  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Unsubscribing progress"), -1);
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (self->progress));

  /* The account's store, if open, hears of each unsubscription. */
  g_set_object (&self->registrant_store, store);
  start (self);
  return self;
}

/* Whether it ended and shows its report. */
gboolean
roster_import_undo_dialog_get_done (RosterImportUndoDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_UNDO_DIALOG (self), FALSE);

  return self->done;
}
