/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-remembered-mappings-group"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-memory.h"
#include "roster-remembered-mappings-group.h"
#include "roster-ui-call.h"
#include "roster-ui-util.h"

/* Preferences: the remembered mappings of every account (the columns, webinar and tidying an
 * import used, applied again to files of the same header), each with a button to forget it.
 * The files are read and written in a thread. */

#define SHOWN_HEADER_NAMES 4

struct _RosterRememberedMappingsGroup
{
  AdwPreferencesGroup  parent_instance;

  GCancellable        *cancellable;
  GPtrArray           *items;    /* Item, as listed */
  GtkListBox          *list;
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (RosterRememberedMappingsGroup, roster_remembered_mappings_group, ADW_TYPE_PREFERENCES_GROUP)

typedef struct
{
  RosterImportMemory     *memory;
  RosterImportRemembered *remembered;
} Item;

static void
item_free (Item *item)
{
  g_clear_object (&item->memory);
  g_clear_pointer (&item->remembered, roster_import_remembered_free);
  g_free (item);
}

/* ---- Reading and forgetting, in threads -------------------------------------------------------- */

static void
list_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(GPtrArray) memories = roster_import_memory_list_accounts ();
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

  for (guint i = 0; i < memories->len; i++)
    {
      RosterImportMemory *memory = g_ptr_array_index (memories, i);
      g_autoptr(GPtrArray) remembered = roster_import_memory_list (memory);

      for (guint j = 0; j < remembered->len; j++)
        {
          Item *item = g_new0 (Item, 1);

          item->memory = g_object_ref (memory);
          item->remembered = roster_import_remembered_copy (g_ptr_array_index (remembered, j));
          g_ptr_array_add (items, item);
        }
    }
  g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

static void
forget_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Item *item = task_data;
  GError *error = NULL;

  if (roster_import_memory_forget (item->memory, roster_import_remembered_get_signature (item->remembered), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* ---- Rows ------------------------------------------------------------------------------------- */

static char *
header_summary (const RosterImportRemembered *remembered)
{
  const char * const *header = roster_import_remembered_get_header (remembered);
  guint n = g_strv_length ((char **) header);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n && i < SHOWN_HEADER_NAMES; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", header[i]);
  if (n > SHOWN_HEADER_NAMES)
    /* Translators: after the first few column names of a file */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", n - SHOWN_HEADER_NAMES),
                            n - SHOWN_HEADER_NAMES);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
create_row (guint                         index,
            const RosterImportRemembered *remembered)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = roster_ui_row_button_new ("user-trash-symbolic", _("Forget These Columns"));
  g_autofree char *title = header_summary (remembered);
  g_autofree char *date = roster_import_remembered_format_date (roster_import_remembered_get_saved (remembered));
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;
  const char *webinar = roster_import_remembered_get_webinar_title (remembered);

  if (webinar != NULL)
    /* Translators: a webinar's title and the day of the import, "Growth Masterclass · 3 Dec" */
    subtitle = g_strdup_printf (_("%s · %s"), webinar, date);
  else
    /* Translators: %s is the day of the import, "3 Dec" */
    subtitle = g_strdup_printf (_("Imported %s"), date);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Translators: the accessible name of a remove button; %s lists column names */
  label = g_strdup_printf (_("Forget the columns of %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "mappings.forget");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
fill (RosterRememberedMappingsGroup *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      gtk_list_box_append (self->list, create_row (i, item->remembered));
    }
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RosterUiCall) call = user_data;
  RosterRememberedMappingsGroup *self = roster_ui_call_get_owner (call);
  GPtrArray *items;

  if (self == NULL)
    return;
  items = g_task_propagate_pointer (G_TASK (result), NULL);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = items;
  self->loading = FALSE;
  fill (self);
}

/* Reads the files again, as after an import in another window. */
void
roster_remembered_mappings_group_reload (RosterRememberedMappingsGroup *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROSTER_IS_REMEMBERED_MAPPINGS_GROUP (self));

  self->loading = TRUE;
  task = g_task_new (NULL, self->cancellable, listed_cb, roster_ui_call_new (self, self->cancellable));
  g_task_run_in_thread (task, list_in_thread);
}

gboolean
roster_remembered_mappings_group_get_loading (RosterRememberedMappingsGroup *self)
{
  g_return_val_if_fail (ROSTER_IS_REMEMBERED_MAPPINGS_GROUP (self), FALSE);

  return self->loading;
}

static void
forgotten_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RosterUiCall) call = user_data;
  RosterRememberedMappingsGroup *self = roster_ui_call_get_owner (call);
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("The columns could not be forgotten: %s"), error->message);
      g_autoptr(AdwToast) toast = adw_toast_new (message);

      roster_ui_add_toast (GTK_WIDGET (self), toast);
    }
  roster_remembered_mappings_group_reload (self);
}

static void
forget_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterRememberedMappingsGroup *self = ROSTER_REMEMBERED_MAPPINGS_GROUP (widget);
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(GTask) task = NULL;
  Item *item, *copy;

  if (self->loading || self->items == NULL || index >= self->items->len)
    return;
  item = g_ptr_array_index (self->items, index);
  copy = g_new0 (Item, 1);
  copy->memory = g_object_ref (item->memory);
  copy->remembered = roster_import_remembered_copy (item->remembered);

  /* Gone from the list at once; the file follows. */
  self->loading = TRUE;
  g_ptr_array_remove_index (self->items, index);
  fill (self);
  task = g_task_new (NULL, self->cancellable, forgotten_cb, roster_ui_call_new (self, self->cancellable));
  g_task_set_task_data (task, copy, (GDestroyNotify) item_free);
  g_task_run_in_thread (task, forget_in_thread);
}

/* ---- GObject ------------------------------------------------------------------------------------ */

static void
roster_remembered_mappings_group_dispose (GObject *object)
{
  RosterRememberedMappingsGroup *self = ROSTER_REMEMBERED_MAPPINGS_GROUP (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (roster_remembered_mappings_group_parent_class)->dispose (object);
}

static void
roster_remembered_mappings_group_finalize (GObject *object)
{
  RosterRememberedMappingsGroup *self = ROSTER_REMEMBERED_MAPPINGS_GROUP (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (roster_remembered_mappings_group_parent_class)->finalize (object);
}

static void
roster_remembered_mappings_group_class_init (RosterRememberedMappingsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_remembered_mappings_group_dispose;
  object_class->finalize = roster_remembered_mappings_group_finalize;

  gtk_widget_class_install_action (widget_class, "mappings.forget", "u", forget_action);
}

static void
roster_remembered_mappings_group_init (RosterRememberedMappingsGroup *self)
{
  GtkWidget *empty = adw_action_row_new ();

  self->cancellable = g_cancellable_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Remembered Columns"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("A file with the same column names as an earlier import gets the columns, webinar and tidying chosen then. Consent is asked for every import."));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty), _("No remembered columns yet"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (empty), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (empty), _("Starting an import remembers its columns."));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_placeholder (self->list, empty);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remembered Columns"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->list));

  roster_remembered_mappings_group_reload (self);
}

GtkWidget *
roster_remembered_mappings_group_new (void)
{
  return g_object_new (ROSTER_TYPE_REMEMBERED_MAPPINGS_GROUP, NULL);
}
