/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-ui-util"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "roster-ui-util.h"

/* Shows @toast on the AdwToastOverlay above @widget (the window's or a dialog's); a widget
 * outside any overlay shows nothing. @toast is not consumed. */
void
roster_ui_add_toast (GtkWidget *widget,
                     AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
}

/* Whether @haystack contains @folded_needle (already g_utf8_casefold()ed), ignoring case: the
 * local search of the webinar list and the registrants view. */
gboolean
roster_ui_contains_folded (const char *haystack,
                           const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

/* A flat icon button for the end of a row; @label is its tooltip and its accessible name. */
GtkWidget *
roster_ui_row_button_new (const char *icon_name,
                          const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return button;
}

/* The list view inside @widget (a GtkColumnView has one), or NULL. */
static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return widget;
  if (!GTK_IS_COLUMN_VIEW (widget))
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

/* Shows the first rows again: after the content was reordered or narrowed, the old offset
 * would leave them hidden above. A list view keeps the row it showed in sight wherever a new
 * order puts it, and cannot scroll to rows not laid out yet, so it is asked for its first item. */
void
roster_ui_scroll_to_top (GtkScrolledWindow *scroller)
{
  GtkAdjustment *adjustment;
  GtkWidget *list;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scroller));

  list = find_list_view (gtk_scrolled_window_get_child (scroller));
  if (list != NULL)
    {
      GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));

      if (model != NULL && g_list_model_get_n_items (model) > 0)
        gtk_widget_activate_action (list, "list.scroll-to-item", "u", 0);
      return;
    }

  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

/* A modal "save as CSV" chooser over @widget's window, suggesting @name. */
GtkFileChooserNative *
roster_ui_csv_save_chooser_new (GtkWidget  *widget,
                                const char *title,
                                const char *name)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  return chooser;
}
