/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrants-view"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-registrant-export.h"
#include "roster-registrant-format.h"
#include "roster-registrants-view-private.h"
#include "roster-ui-write.h"

/* The registrants view's actions: reload and stop, search and clear the filters, and what can
 * be done to one person (copy a link, show the details, unsubscribe) or to the list (export to
 * CSV). Rows, chips, the details pane and the buttons all activate them by name. */

/* ---- actions --------------------------------------------------------------------------------- */

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  roster_registrants_view_reload (ROSTER_REGISTRANTS_VIEW (widget));
}

static void
full_resync_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  roster_registrants_view_resync (ROSTER_REGISTRANTS_VIEW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  roster_registrants_view_cancel_load (ROSTER_REGISTRANTS_VIEW (widget));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  roster_registrants_view_clear_filters (ROSTER_REGISTRANTS_VIEW (widget));
}

static void
clear_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (widget);

  /* The bar works out the filter without it and emits `changed`. */
  roster_registrants_filter_bar_clear_filter (self->filter_bar, g_variant_get_string (parameter, NULL));
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (widget);
  RosterRegistrant *r;
  const char *kind;
  gint64 key;

  g_variant_get (parameter, "(x&s)", &key, &kind);
  if (!(r = _roster_registrants_view_find_registrant (self, key)))
    return;

  for (RosterRegistrantLink link = 0; link < ROSTER_REGISTRANT_N_LINKS; link++)
    {
      const char *url = roster_registrant_link_get_url (link, r);

      if (!g_str_equal (kind, roster_registrant_link_get_id (link)) || url == NULL)
        continue;
      gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), url);
      _roster_registrants_view_toast (self, _("Link copied"));
      return;
    }
}

static void
show_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (widget);
  RosterRegistrant *r = _roster_registrants_view_find_registrant (self, g_variant_get_int64 (parameter));

  if (r != NULL)
    roster_registrants_view_show_details (self, r);
}

static void
hide_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  roster_registrants_view_show_details (ROSTER_REGISTRANTS_VIEW (widget), NULL);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (widget);

  roster_registrants_filter_bar_focus_search (self->filter_bar);
}

/* Unsubscribe */

typedef struct
{
  RosterRegistrantsView *self;
  RosterRegistrant      *registrant;
} Unsubscribe;

static void
unsubscribe_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Unsubscribe *data = user_data;
  g_autoptr(RosterRegistrant) r = data->registrant;
  RosterRegistrantsView *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_free (data);
  if (!roster_client_unsubscribe_finish (ROSTER_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: the first %s is a person's name, the second the server's message */
      text = g_strdup_printf (_("Could not unsubscribe %s: %s"), roster_registrant_get_display_name (r),
                              error->message);
      _roster_registrants_view_toast (self, text);
      if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION))
        _roster_registrants_view_authentication_failed (self, error);
      return;
    }

  roster_registrant_set_subscribed (r, ROSTER_FLAG_NO);
  /* The store too, so the row says so when it is made again */
  if (self->registrant_store != NULL && self->webinar != NULL)
    roster_registrant_store_note_unsubscribed (self->registrant_store, roster_webinar_get_id (self->webinar),
                                              roster_registrant_get_lead_id (r));
  /* Translators: %s is a person's name */
  text = g_strdup_printf (_("%s was unsubscribed"), roster_registrant_get_display_name (r));
  _roster_registrants_view_toast (self, text);
}

static void
unsubscribe_response_cb (AdwMessageDialog      *dialog,
                         const char            *response,
                         RosterRegistrantsView *self)
{
  RosterRegistrant *r = g_object_get_data (G_OBJECT (dialog), "registrant");
  Unsubscribe *data;

  if (!g_str_equal (response, "unsubscribe") || self->client == NULL || self->webinar == NULL)
    return;

  data = g_new0 (Unsubscribe, 1);
  data->self = self;
  data->registrant = g_object_ref (r);
  roster_client_unsubscribe_async (self->client, roster_webinar_get_id (self->webinar),
                                   roster_registrant_get_lead_id (r), self->cancellable,
                                   unsubscribe_cb, data);
}

static void
unsubscribe_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (widget);
  RosterRegistrant *r = _roster_registrants_view_find_registrant (self, g_variant_get_int64 (parameter));
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (r == NULL || roster_registrant_get_lead_id (r) <= 0)
    return;
  if (roster_registrant_get_subscribed (r) == ROSTER_FLAG_NO)
    {
      _roster_registrants_view_toast (self, _("Already unsubscribed"));
      return;
    }

  /* Translators: %s is a person's name */
  heading = g_strdup_printf (_("Unsubscribe %s?"), roster_registrant_get_display_name (r));
  body = g_strdup (_("They will get no more emails or reminders about this webinar. Roster cannot subscribe them again."));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "unsubscribe", _("_Unsubscribe"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unsubscribe",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "registrant", g_object_ref (r), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsubscribe_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Export */

/* Writes the loaded rows (or only those shown, in their order) as CSV with roster-cli's
 * columns, cells that a spreadsheet would run as formulas neutralised; with_bom starts the
 * file with a UTF-8 byte order mark, for Excel. */
void
roster_registrants_view_export_to_file_async (RosterRegistrantsView *self,
                                              GFile                 *file,
                                              gboolean               only_shown,
                                              gboolean               with_bom,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GString *csv;

  g_return_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_registrants_view_export_to_file_async);

  /* The filters and the search are SQL now: what is shown is what there is to export. */
  csv = roster_registrant_export_csv (G_LIST_MODEL (self->selection), with_bom);
  bytes = g_string_free_to_bytes (csv);
  roster_ui_write_for_task (file, bytes, G_FILE_CREATE_NONE, g_steal_pointer (&task));
}

gboolean
roster_registrants_view_export_to_file_finish (RosterRegistrantsView  *self,
                                               GAsyncResult           *result,
                                               GError                **error)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  if (!roster_registrants_view_export_to_file_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s is the reason, from the file system */
      text = g_strdup_printf (_("Could not export: %s"), error->message);
      _roster_registrants_view_toast (self, text);
      return;
    }

  name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Exported to “%s”"), name);
  _roster_registrants_view_toast (self, text);
}

static void
chooser_response_cb (GtkNativeDialog       *chooser,
                     int                    response,
                     RosterRegistrantsView *self)
{
  g_autoptr(GFile) file = NULL;
  const char *rows, *bom;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      rows = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "rows");
      bom = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "bom");
      roster_registrants_view_export_to_file_async (self, file,
                                                    g_strcmp0 (rows, "shown") == 0,
                                                    g_strcmp0 (bom, "true") == 0,
                                                    self->cancellable, export_done_cb,
                                                    g_object_ref (file));
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static char *
export_file_name (RosterRegistrantsView *self)
{
  const char *title = self->webinar != NULL ? roster_webinar_get_title (self->webinar) : NULL;
  g_autofree char *base = NULL;

  if (title == NULL || *title == '\0')
    title = self->webinar != NULL ? roster_webinar_get_name (self->webinar) : NULL;
  /* Translators: the suggested file name of an export, %s is the webinar's title */
  base = g_strdup_printf (_("%s registrants"), title != NULL && *title != '\0' ? title : _("Webinar"));
  g_strdelimit (base, "/\\:*?\"<>|", '-');
  return g_strconcat (base, ".csv", NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autofree char *name = export_file_name (self);
  guint shown = self->n_loaded;

  if (self->chooser != NULL || self->n_loaded == 0)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Registrants"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  /* The rows: all that are loaded, or what the search leaves on screen (in its order). */
  if (shown != self->n_loaded)
    {
      g_autofree char *all_count = roster_registrant_format_count (self->n_loaded);
      g_autofree char *shown_count = roster_registrant_format_count (shown);
      /* Translators: an export choice, %s is a count */
      g_autofree char *all_label = g_strdup_printf (_("All %s loaded"), all_count);
      /* Translators: an export choice, %s is a count */
      g_autofree char *shown_label = g_strdup_printf (_("The %s shown"), shown_count);
      const char *options[] = { "all", "shown", NULL };
      const char *labels[] = { all_label, shown_label, NULL };

      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "rows", _("Registrants"),
                                   options, labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), "rows", "shown");
    }
  /* A byte order mark makes Excel read the file as UTF-8. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "bom",
                               _("For Microsoft Excel (byte order mark)"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), "bom", "false");

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
_roster_registrants_view_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "registrants.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "registrants.full-resync", NULL, full_resync_action);
  gtk_widget_class_install_action (widget_class, "registrants.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "registrants.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "registrants.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "registrants.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "registrants.clear-filter", "s", clear_filter_action);
  gtk_widget_class_install_action (widget_class, "registrants.copy-link", "(xs)", copy_link_action);
  gtk_widget_class_install_action (widget_class, "registrants.show-details", "x", show_details_action);
  gtk_widget_class_install_action (widget_class, "registrants.hide-details", NULL, hide_details_action);
  gtk_widget_class_install_action (widget_class, "registrants.unsubscribe", "x", unsubscribe_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "registrants.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "registrants.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "registrants.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "registrants.hide-details", NULL);
}
