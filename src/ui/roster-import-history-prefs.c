/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-history"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-history-prefs.h"

/* The preferences' "Import History" group: how many days a finished import's record (it holds
 * personal data) is kept, bound to the forget-imports-after-days setting. */

struct _RosterImportHistoryPrefs
{
  AdwPreferencesGroup  parent_instance;

  GSettings           *settings;
  GtkSpinButton       *days;
};

G_DEFINE_FINAL_TYPE (RosterImportHistoryPrefs, roster_import_history_prefs, ADW_TYPE_PREFERENCES_GROUP)

static void
roster_import_history_prefs_dispose (GObject *object)
{
  RosterImportHistoryPrefs *self = ROSTER_IMPORT_HISTORY_PREFS (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (roster_import_history_prefs_parent_class)->dispose (object);
}

static void
roster_import_history_prefs_class_init (RosterImportHistoryPrefsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = roster_import_history_prefs_dispose;
}

static void
roster_import_history_prefs_init (RosterImportHistoryPrefs *self)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Import History"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("The record of an import holds the names and addresses of the people in it."));

  self->days = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 3650, 1));
  gtk_widget_set_valign (GTK_WIDGET (self->days), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Forget Finished Imports After"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Days; 0 keeps them until they are forgotten by hand"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->days));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->days));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->days), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Days after which a finished import is forgotten"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "forget-imports-after-days", self->days, "value", G_SETTINGS_BIND_DEFAULT);
}

GtkSpinButton *
roster_import_history_prefs_get_days (RosterImportHistoryPrefs *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_HISTORY_PREFS (self), NULL);

  return self->days;
}
