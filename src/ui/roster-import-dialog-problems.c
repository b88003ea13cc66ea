/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "roster-import-dialog-private.h"
#include "roster-import-problems.h"
#include "roster-ui-call.h"
#include "roster-ui-util.h"

/* "Export Problem Rows…" of the review: the rows still not sent, as the file had them (with
 * the user's corrections) and why, saved where the user says. */

static void
toast (RosterImportDialog *self,
       const char         *title)
{
  g_autoptr(AdwToast) toast = adw_toast_new (title);

  adw_toast_overlay_add_toast (self->toast_overlay, g_steal_pointer (&toast));
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RosterUiCall) call = user_data;
  g_autoptr(GError) error = NULL;
  RosterImportDialog *self;
  guint n_rows = 0;
  gboolean ok;

  ok = roster_import_session_export_problems_finish (ROSTER_IMPORT_SESSION (object), result, &n_rows, &error);
  self = roster_ui_call_get_owner (call);
  if (self == NULL)
    return;
  if (ok)
    {
      /* Translators: rows written to the exported file */
      g_autofree char *message = g_strdup_printf (ngettext ("%u problem row saved", "%u problem rows saved", n_rows),
                                                  n_rows);
      toast (self, message);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("The problem rows could not be saved: %s"), error->message);

      toast (self, message);
    }
}

static void
response_cb (GtkNativeDialog    *native,
             int                 response,
             RosterImportDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_clear_object (&self->problems_chooser);
  if (file != NULL && self->plan != NULL)
    roster_import_session_export_problems_async (self->session, file, self->cancellable, export_cb,
                                                 roster_ui_call_new (self, self->cancellable));
}

void
_roster_import_dialog_export_problems_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (widget);
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  char *dot;

  if (self->plan == NULL || self->problems_chooser != NULL)
    return;

  base = self->file != NULL ? g_file_get_basename (self->file) : g_strdup ("import");
  if ((dot = strrchr (base, '.')) != NULL)
    *dot = '\0';
  /* Translators: the saved file's name; %s is the imported file's name without extension */
  name = g_strdup_printf (_("%s problems.csv"), base);
  self->problems_chooser = roster_ui_csv_save_chooser_new (widget, _("Export Problem Rows"), name);
  g_signal_connect_object (self->problems_chooser, "response", G_CALLBACK (response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->problems_chooser));
}

/* Writes the rows of the plan under review that are still invalid or duplicates to @file;
 * the result's source is the dialog's session. */
void
roster_import_dialog_export_problems_async (RosterImportDialog  *self,
                                            GFile               *file,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (ROSTER_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->plan != NULL);

  roster_import_session_export_problems_async (self->session, file, cancellable, callback, user_data);
}

/* @n_rows: (out) (optional): how many rows were written. */
gboolean
roster_import_dialog_export_problems_finish (RosterImportDialog  *self,
                                             GAsyncResult        *result,
                                             guint               *n_rows,
                                             GError             **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_DIALOG (self), FALSE);

  return roster_import_session_export_problems_finish (self->session, result, n_rows, error);
}
