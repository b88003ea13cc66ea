/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-remembered-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-memory.h"
#include "roster-import-remembered-banner.h"

/* The row that says a remembered mapping chose the columns, so the columns step was skipped,
 * with "Change" ("import.change-columns") to go there after all. */

struct _RosterImportRememberedBanner
{
  AdwBin        parent_instance;

  AdwActionRow *row;
};

G_DEFINE_FINAL_TYPE (RosterImportRememberedBanner, roster_import_remembered_banner, ADW_TYPE_BIN)

static void
roster_import_remembered_banner_class_init (RosterImportRememberedBannerClass *klass)
{
}

static void
roster_import_remembered_banner_init (RosterImportRememberedBanner *self)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("C_hange"));
  GtkWidget *icon = gtk_image_new_from_icon_name ("document-open-recent-symbolic");

  self->row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->row), _("The columns step was skipped; the webinar and tidying were chosen as then too."));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Choose the columns again"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "import.change-columns");
  adw_action_row_add_prefix (self->row, icon);
  adw_action_row_add_suffix (self->row, button);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->row));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_bin_set_child (ADW_BIN (self), clamp);
}

GtkWidget *
roster_import_remembered_banner_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORT_REMEMBERED_BANNER, NULL);
}

/* When the mapping was remembered. */
void
roster_import_remembered_banner_set_saved (RosterImportRememberedBanner *self,
                                           GDateTime                    *saved)
{
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (ROSTER_IS_IMPORT_REMEMBERED_BANNER (self));
  g_return_if_fail (saved != NULL);

  date = roster_import_remembered_format_date (saved);
  /* Translators: %s is a day, "3 Dec" */
  title = g_strdup_printf (_("Using the columns from your import of %s"), date);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), title);
}
