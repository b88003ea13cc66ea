/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-history"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-history-row.h"

/* One import in the history: its file as the title; when, where to, what came of it and how
 * long it took below; and a menu of what can be done with it now, each item naming the import's
 * journal as the target of a "history." action of the window. */

struct _RosterImportHistoryRow
{
  AdwActionRow        parent_instance;

  RosterImportRecord *record;
  GMenu              *menu;
};

G_DEFINE_FINAL_TYPE (RosterImportHistoryRow, roster_import_history_row, ADW_TYPE_ACTION_ROW)

static void
roster_import_history_row_dispose (GObject *object)
{
  RosterImportHistoryRow *self = ROSTER_IMPORT_HISTORY_ROW (object);

  g_clear_object (&self->record);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (roster_import_history_row_parent_class)->dispose (object);
}

static void
roster_import_history_row_class_init (RosterImportHistoryRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = roster_import_history_row_dispose;
}

static void
roster_import_history_row_init (RosterImportHistoryRow *self)
{
}

static char *
format_duration (gint64 seconds)
{
  if (seconds < 60)
    /* Translators: a duration */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", (gulong) seconds), (guint) seconds);
  if (seconds < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", (gulong) (seconds / 60)),
                            (guint) (seconds / 60));
  /* Translators: a duration: hours and minutes */
  return g_strdup_printf (_("%u h %02u min"), (guint) (seconds / 3600), (guint) ((seconds % 3600) / 60));
}

static void
add_item (GMenu      *section,
          const char *label,
          const char *action,
          const char *path)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (path));
  g_menu_append_item (section, item);
}

/* Only what the import's state allows. */
static GMenu *
build_menu (RosterImportRecord *record)
{
  const RosterImportJournalInfo *info = roster_import_record_get_info (record);
  RosterImportState state = roster_import_record_get_state (record);
  const char *path = roster_import_record_get_path (record);
  g_autoptr(GMenu) results = g_menu_new ();
  g_autoptr(GMenu) go_on = g_menu_new ();
  g_autoptr(GMenu) undo = g_menu_new ();
  GMenu *menu = g_menu_new ();

  if (state == ROSTER_IMPORT_STATE_RUNNING)
    return menu;

  if (state != ROSTER_IMPORT_STATE_DAMAGED)
    {
      add_item (results, _("_Open Results"), "history.open-results", path);
      add_item (results, _("_Export Results…"), "history.export", path);
    }
  if (state == ROSTER_IMPORT_STATE_PAUSED || state == ROSTER_IMPORT_STATE_DAMAGED)
    add_item (go_on, _("_Resume"), "history.resume", path);
  else if (state == ROSTER_IMPORT_STATE_FINISHED && info->n_failed + info->n_unknown > 0)
    add_item (go_on, _("Re_try Failed and Unknown Rows"), "history.retry", path);
  if (info->n_registered > 0 && state != ROSTER_IMPORT_STATE_UNDONE && state != ROSTER_IMPORT_STATE_DAMAGED)
    add_item (undo, _("_Unsubscribe Everyone From This Import…"), "history.undo", path);
  add_item (undo, _("_Forget"), "history.forget", path);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (results));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (go_on));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (undo));
  return menu;
}

/**
 * roster_import_history_row_new:
 * @record: the import
 * @webinar_title: (nullable): its webinar's title, if the account still has it
 */
GtkWidget *
roster_import_history_row_new (RosterImportRecord *record,
                               const char         *webinar_title)
{
  const RosterImportJournalInfo *info;
  RosterImportHistoryRow *self;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *file = NULL;
  g_autofree char *when = NULL;
  g_autofree char *webinar = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *menu_label = NULL;
  GtkWidget *button;

  g_return_val_if_fail (ROSTER_IS_IMPORT_RECORD (record), NULL);

  info = roster_import_record_get_info (record);
  self = g_object_new (ROSTER_TYPE_IMPORT_HISTORY_ROW, NULL);
  self->record = g_object_ref (record);
  self->menu = build_menu (record);

  file = info->file_name != NULL ? g_path_get_basename (info->file_name) : g_strdup (_("Unnamed file"));
  local = g_date_time_to_local (roster_import_record_get_started (record));
  /* Translators: when an import started; see g_date_time_format() */
  when = g_date_time_format (local, _("%-d %b %Y, %H:%M"));
  if (webinar_title != NULL)
    webinar = g_strdup (webinar_title);
  else
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, info->target->webinar_id);

      /* Translators: a webinar the account no longer lists; %s is its ID */
      webinar = g_strdup_printf (_("Webinar %s"), id);
    }
  counts = roster_import_record_dup_summary (record);
  duration = format_duration (roster_import_record_get_duration (record));
  /* Translators: start, webinar and state of an import; then its counts and how long it took */
  subtitle = g_strdup_printf (_("%s · %s · %s\n%s · %s"), when, webinar,
                              roster_import_record_get_state_label (record), counts, duration);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), file);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 2);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (self->menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_sensitive (button, g_menu_model_get_n_items (G_MENU_MODEL (self->menu)) > 0);
  /* Translators: %s is a file name */
  menu_label = g_strdup_printf (_("Actions for the import of %s"), file);
  gtk_widget_set_tooltip_text (button, _("Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), button);

  return GTK_WIDGET (self);
}

RosterImportRecord *
roster_import_history_row_get_record (RosterImportHistoryRow *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_HISTORY_ROW (self), NULL);

  return self->record;
}

/* What its menu offers: for tests. */
GMenuModel *
roster_import_history_row_get_menu (RosterImportHistoryRow *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_HISTORY_ROW (self), NULL);

  return G_MENU_MODEL (self->menu);
}
