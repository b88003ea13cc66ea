/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-a11y"

#include "config.h"

#include "roster-a11y.h"

/* Names the row of a GtkListView or GtkColumnView that shows child. GTK 4.8 gives a row no
 * name of its own (it does not read one from the row's labels, and
 * gtk_list_item_set_accessible_label only came in 4.12), so a screen reader would announce
 * "list item" and nothing more: the row widget, an ancestor of the child, is labelled. */
void
roster_a11y_label_row (GtkWidget  *child,
                       const char *label,
                       const char *description)
{
  g_return_if_fail (GTK_IS_WIDGET (child));

  for (GtkWidget *row = gtk_widget_get_parent (child); row != NULL; row = gtk_widget_get_parent (row))
    {
      GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (row));

      if (role == GTK_ACCESSIBLE_ROLE_LIST_ITEM || role == GTK_ACCESSIBLE_ROLE_ROW)
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label != NULL ? label : "",
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "",
                                          -1);
          return;
        }
    }
}
