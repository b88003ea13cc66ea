/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-ui-util"

#include "config.h"

#include <string.h>

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
