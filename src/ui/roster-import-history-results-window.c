/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-history"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-history-results.h"
#include "roster-import-history-results-window.h"
#include "roster-import-row.h"
#include "roster-ui-call.h"

/* An import's results from the history: each row it sent, with its outcome and message, as its
 * journal tells them.  A plain window over a list view: the rows of a large import are made
 * only as they scroll into view. */

static const char *
outcome_label (RosterImportRowState state)
{
  if (state == ROSTER_IMPORT_ROW_REGISTERED)
    return _("Registered");
  if (state == ROSTER_IMPORT_ROW_FAILED)
    return _("Failed");
  return _("Outcome unknown");
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  GtkStringObject *text = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (text));
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RosterUiCall) call = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = roster_ui_call_get_owner (call);
  GtkStringList *lines;
  GtkStack *stack;

  rows = roster_import_history_read_results_finish (result, &error);
  if (window == NULL)
    return;
  stack = g_object_get_data (G_OBJECT (window), "stack");
  if (rows == NULL)
    {
      adw_status_page_set_description (g_object_get_data (G_OBJECT (window), "error-page"), error->message);
      gtk_stack_set_visible_child_name (stack, "error");
      return;
    }

  lines = g_object_get_data (G_OBJECT (window), "lines");
  for (guint i = 0; i < rows->len; i++)
    {
      const RosterImportRow *row = rows->pdata[i];
      g_autofree char *text = NULL;

      /* Translators: one row of an import's results: line number, email, outcome */
      text = g_strdup_printf (_("Line %u · %s · %s"), row->line, row->email ? row->email : "", outcome_label (row->state));
      if (row->message != NULL)
        {
          g_autofree char *with_message = g_strconcat (text, "\n", row->message, NULL);

          g_free (text);
          text = g_steal_pointer (&with_message);
        }
      gtk_string_list_append (lines, text);
    }
  gtk_stack_set_visible_child_name (stack, "list");
}

static void
cancel_on_destroy (GtkWidget    *window,
                   GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

/**
 * roster_import_history_results_window_new:
 *
 * Returns: (transfer none): a window listing the import's results, as they load
 */
GtkWindow *
roster_import_history_results_window_new (GtkWindow          *parent,
                                          RosterClient       *client,
                                          RosterImportRecord *record)
{
  const RosterImportJournalInfo *info;
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *file = NULL;
  g_autofree char *title = NULL;
  g_autofree char *account_id = NULL;
  GtkStringList *lines = gtk_string_list_new (NULL);
  GtkWidget *window, *box, *header, *stack, *scrolled, *view, *error_page, *spinner;

  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (ROSTER_IS_IMPORT_RECORD (record), NULL);

  info = roster_import_record_get_info (record);
  file = info->file_name ? g_path_get_basename (info->file_name) : g_strdup (_("Unnamed file"));
  /* Translators: a window title; %s is a file name */
  title = g_strdup_printf (_("Results of %s"), file);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 520);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  stack = gtk_stack_new ();
  gtk_widget_set_vexpand (stack, TRUE);
  gtk_box_append (GTK_BOX (box), stack);

  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (GTK_STACK (stack), spinner, "loading");

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (lines))),
                            g_object_ref (factory));
  gtk_widget_add_css_class (view, "rich-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_stack_add_named (GTK_STACK (stack), scrolled, "list");

  error_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (error_page), "dialog-warning-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (error_page), _("The Results Could Not Be Read"));
  gtk_stack_add_named (GTK_STACK (stack), error_page, "error");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "loading");

  adw_window_set_content (ADW_WINDOW (window), box);
  g_object_set_data (G_OBJECT (window), "stack", stack);
  g_object_set_data (G_OBJECT (window), "error-page", error_page);
  g_object_set_data_full (G_OBJECT (window), "lines", g_object_ref (lines), g_object_unref);
  g_signal_connect_data (window, "destroy", G_CALLBACK (cancel_on_destroy), g_object_ref (cancellable),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);

  account_id = roster_client_dup_account_id (client);
  roster_import_history_read_results_async (roster_import_record_get_path (record), account_id, cancellable,
                                            read_cb, roster_ui_call_new (window, cancellable));
  return GTK_WINDOW (window);
}
