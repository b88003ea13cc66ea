/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-fix-table"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "roster-import-fix-table.h"
#include "roster-index-list.h"

/* The review's rows with problems (invalid, duplicates, warnings) in an editable table: each
 * value an entry, each keystroke a correction the plan checks with the core's rules, so a row
 * shows at once whether it is ready now.  The rows stay listed once fixed, so that nothing
 * moves under the user's hands.  Warnings (a possible duplicate) can be dismissed.  Its export
 * button activates the dialog's `import.export-problems`. */

#define FIELD_KEY "roster-fix-field"
#define ROW_KEY   "roster-fix-row"

struct _RosterImportFixTable
{
  AdwBin               parent_instance;

  RosterImportPlan    *plan;
  GArray              *rows;      /* guint: the plan's rows with problems, in order */
  RosterIndexList     *items;     /* positions into rows */
  GHashTable          *statuses;  /* row -> its bound status box */

  /* Template widgets */
  GtkColumnView       *column_view;
};

G_DEFINE_FINAL_TYPE (RosterImportFixTable, roster_import_fix_table, ADW_TYPE_BIN)

static guint
item_row (RosterImportFixTable *self,
          GtkListItem          *item)
{
  RosterIndexItem *index = gtk_list_item_get_item (item);

  return g_array_index (self->rows, guint, roster_index_item_get_index (index));
}

/* ---- Status --------------------------------------------------------------------------------- */

static void
status_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *dismiss = gtk_button_new_with_mnemonic (_("_Dismiss"));

  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_label_set_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (dismiss, "flat");
  gtk_widget_set_valign (dismiss, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (dismiss, _("Keep this row as it is and send it"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (dismiss), "u", 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (dismiss), "fix.dismiss");
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), dismiss);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

/* Ready, or the row's first problem; Dismiss for a ready row's warnings. */
static void
show_status (RosterImportFixTable *self,
             GtkWidget            *box,
             guint                 row)
{
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (image);
  GtkWidget *dismiss = gtk_widget_get_next_sibling (label);
  const RosterImportProblem *problems = NULL;
  guint n = roster_import_plan_get_row_problems (self->plan, row, &problems);
  RosterImportRowState status = roster_import_plan_get_row_status (self->plan, row);
  const char *icon, *css, *what;

  if (status == ROSTER_IMPORT_ROW_INVALID)
    {
      icon = "dialog-error-symbolic";
      css = "error";
      what = _("Error");
    }
  else if (n > 0)
    {
      icon = "dialog-warning-symbolic";
      css = "warning";
      what = _("Warning");
    }
  else
    {
      icon = "emblem-ok-symbolic";
      css = "success";
      what = _("Ready");
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (image), icon);
  gtk_widget_set_css_classes (image, (const char *[]) { css, NULL });
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, what, -1);
  gtk_label_set_text (GTK_LABEL (label), n > 0 ? problems[0].message : _("Ready to register"));
  gtk_widget_set_visible (dismiss, status == ROSTER_IMPORT_ROW_READY && n > 0);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (dismiss), "u", row);
}

static void
status_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                RosterImportFixTable     *self)
{
  guint row = item_row (self, item);
  GtkWidget *box = gtk_list_item_get_child (item);

  g_hash_table_insert (self->statuses, GUINT_TO_POINTER (row), box);
  show_status (self, box, row);
}

static void
status_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  RosterImportFixTable     *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->statuses);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == box)
      g_hash_table_iter_remove (&iter);
}

/* The plan checked a row again: its status changes in place; its entries keep the focus. */
static void
row_changed_cb (RosterImportFixTable *self,
                guint                 row)
{
  GtkWidget *box = g_hash_table_lookup (self->statuses, GUINT_TO_POINTER (row));

  if (box != NULL)
    show_status (self, box, row);
}

/* ---- Values --------------------------------------------------------------------------------- */

static void
entry_changed_cb (GtkEditable          *entry,
                  RosterImportFixTable *self)
{
  guint row = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), ROW_KEY));
  const char *field = g_object_get_data (G_OBJECT (entry), FIELD_KEY);

  if (self->plan == NULL || row == 0)
    return;
  roster_import_plan_correct (self->plan, row - 1, field, gtk_editable_get_text (entry));
}

static void
value_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                RosterImportFixTable     *self)
{
  GtkWidget *entry = gtk_entry_new ();

  g_object_set_data_full (G_OBJECT (entry), FIELD_KEY,
                          g_strdup (g_object_get_data (G_OBJECT (factory), FIELD_KEY)), g_free);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 14);
  g_signal_connect_object (entry, "changed", G_CALLBACK (entry_changed_cb), self, 0);
  gtk_list_item_set_child (item, entry);
  gtk_list_item_set_activatable (item, FALSE);
}

static const char *
field_value (RosterImportFixTable *self,
             guint                 row,
             const char           *field)
{
  guint n_extras = roster_import_plan_get_n_extras (self->plan);

  for (RosterImportField f = 0; f < ROSTER_IMPORT_N_FIELDS; f++)
    if (g_strcmp0 (roster_import_field_get_key (f), field) == 0)
      return roster_import_plan_get_row_value (self->plan, row, f);
  for (guint i = 0; i < n_extras; i++)
    if (g_str_equal (field + strlen ("extra:"), roster_import_plan_get_extra_label (self->plan, i)))
      return roster_import_plan_get_row_extra (self->plan, row, i);
  return "";
}

static void
value_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               RosterImportFixTable     *self)
{
  GtkWidget *entry = gtk_list_item_get_child (item);
  guint row = item_row (self, item);
  const char *title = g_object_get_data (G_OBJECT (factory), "roster-fix-title");
  g_autofree char *name = NULL;

  /* Showing a value is not correcting it. */
  g_object_set_data (G_OBJECT (entry), ROW_KEY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), field_value (self, row, g_object_get_data (G_OBJECT (entry), FIELD_KEY)));
  g_object_set_data (G_OBJECT (entry), ROW_KEY, GUINT_TO_POINTER (row + 1));

  /* Translators: an entry of the table of rows to fix; %s is a column, %u a line of the file */
  name = g_strdup_printf (_("%s, line %u"), title, roster_import_plan_get_row_line (self->plan, row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
line_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (item, label);
}

static void
line_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              RosterImportFixTable     *self)
{
  g_autofree char *text = g_strdup_printf ("%u", roster_import_plan_get_row_line (self->plan, item_row (self, item)));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_column (RosterImportFixTable *self,
            const char           *title,
            const char           *field,
            GCallback             setup,
            GCallback             bind,
            gboolean              expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_object_set_data_full (G_OBJECT (factory), FIELD_KEY, g_strdup (field), g_free);
  g_object_set_data_full (G_OBJECT (factory), "roster-fix-title", g_strdup (title), g_free);
  g_signal_connect_object (factory, "setup", setup, self, 0);
  g_signal_connect_object (factory, "bind", bind, self, 0);
  if (setup == G_CALLBACK (status_setup_cb))
    g_signal_connect_object (factory, "unbind", G_CALLBACK (status_unbind_cb), self, 0);
  column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
}

static void
clear_columns (RosterImportFixTable *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }
}

/* One column a value: the built-in fields, then the plan's extras. */
static void
make_columns (RosterImportFixTable *self)
{
  static const struct { RosterImportField field; const char *title; } fields[] = {
    { ROSTER_IMPORT_FIELD_EMAIL, N_("Email") },
    { ROSTER_IMPORT_FIELD_FIRST_NAME, N_("First Name") },
    { ROSTER_IMPORT_FIELD_LAST_NAME, N_("Last Name") },
    { ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, N_("Country Code") },
    { ROSTER_IMPORT_FIELD_PHONE, N_("Phone") },
  };
  guint n_extras = roster_import_plan_get_n_extras (self->plan);

  clear_columns (self);
  /* Translators: the column of the line in the file */
  add_column (self, _("Line"), NULL, G_CALLBACK (line_setup_cb), G_CALLBACK (line_bind_cb), FALSE);
  add_column (self, _("Problem"), NULL, G_CALLBACK (status_setup_cb), G_CALLBACK (status_bind_cb), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    add_column (self, _(fields[i].title), roster_import_field_get_key (fields[i].field),
                G_CALLBACK (value_setup_cb), G_CALLBACK (value_bind_cb), fields[i].field == ROSTER_IMPORT_FIELD_EMAIL);
  for (guint i = 0; i < n_extras; i++)
    {
      const char *label = roster_import_plan_get_extra_label (self->plan, i);
      g_autofree char *field = g_strconcat ("extra:", label, NULL);

      add_column (self, label, field, G_CALLBACK (value_setup_cb), G_CALLBACK (value_bind_cb), FALSE);
    }
}

/* ---- Actions -------------------------------------------------------------------------------- */

static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RosterImportFixTable *self = ROSTER_IMPORT_FIX_TABLE (widget);
  guint row = g_variant_get_uint32 (parameter);

  if (self->plan != NULL && row < roster_import_plan_get_n_rows (self->plan))
    roster_import_plan_dismiss_warnings (self->plan, row);
}

/* ---- Object --------------------------------------------------------------------------------- */

static void
roster_import_fix_table_dispose (GObject *object)
{
  RosterImportFixTable *self = ROSTER_IMPORT_FIX_TABLE (object);

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_IMPORT_FIX_TABLE);

  G_OBJECT_CLASS (roster_import_fix_table_parent_class)->dispose (object);
}

static void
roster_import_fix_table_finalize (GObject *object)
{
  RosterImportFixTable *self = ROSTER_IMPORT_FIX_TABLE (object);

  g_clear_object (&self->plan);
  g_clear_object (&self->items);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->statuses, g_hash_table_unref);

  G_OBJECT_CLASS (roster_import_fix_table_parent_class)->finalize (object);
}

static void
roster_import_fix_table_class_init (RosterImportFixTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_import_fix_table_dispose;
  object_class->finalize = roster_import_fix_table_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-import-fix-table.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportFixTable, column_view);
  gtk_widget_class_install_action (widget_class, "fix.dismiss", "u", dismiss_action);
}

static void
roster_import_fix_table_init (RosterImportFixTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  self->items = roster_index_list_new ();
  self->statuses = g_hash_table_new (NULL, NULL);
  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items)))));
}

GtkWidget *
roster_import_fix_table_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORT_FIX_TABLE, NULL);
}

static gboolean
row_has_problems (RosterImportPlan *plan,
                  guint             row)
{
  const RosterImportProblem *problems = NULL;

  return roster_import_plan_get_row_status (plan, row) == ROSTER_IMPORT_ROW_INVALID ||
         roster_import_plan_get_row_status (plan, row) == ROSTER_IMPORT_ROW_DUPLICATE ||
         roster_import_plan_get_row_problems (plan, row, &problems) > 0 ||
         roster_import_plan_get_row_corrected (plan, row);
}

/* Lists @plan's rows with problems as they are now, and those corrected already (a resumed
 * import's); hidden when there are none. */
void
roster_import_fix_table_set_plan (RosterImportFixTable *self,
                                  RosterImportPlan     *plan)
{
  guint n_rows;

  g_return_if_fail (ROSTER_IS_IMPORT_FIX_TABLE (self));
  g_return_if_fail (plan == NULL || ROSTER_IS_IMPORT_PLAN (plan));

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  roster_index_list_set_range (self->items, 0);
  g_array_set_size (self->rows, 0);
  g_set_object (&self->plan, plan);
  if (plan == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  g_signal_connect_object (plan, "row-changed", G_CALLBACK (row_changed_cb), self, G_CONNECT_SWAPPED);
  n_rows = roster_import_plan_get_n_rows (plan);
  for (guint row = 0; row < n_rows; row++)
    if (row_has_problems (plan, row))
      g_array_append_val (self->rows, row);
  make_columns (self);
  roster_index_list_set_range (self->items, self->rows->len);
  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0);
}

/* The plan's row shown at @position. */
guint
roster_import_fix_table_get_row (RosterImportFixTable *self,
                                 guint                 position)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_FIX_TABLE (self), G_MAXUINT);
  g_return_val_if_fail (self->rows != NULL && position < self->rows->len, G_MAXUINT);

  return g_array_index (self->rows, guint, position);
}
