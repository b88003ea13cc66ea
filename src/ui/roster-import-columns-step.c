/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-columns-step"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-columns-step.h"

/* The "Columns" step of the import dialog: which column feeds which registration field, the
 * other columns as custom fields, the country code for phones without one, and the first rows
 * as the plan has them.  It edits its own copy of the mapping and emits ::changed; the dialog
 * plans again with it and hands the new plan back for the preview. */

#define PREVIEW_ROWS 6

struct _RosterImportColumnsStep
{
  AdwBin               parent_instance;

  RosterImportMapping *mapping;
  GPtrArray           *samples;            /* per column, its first non-empty value, or NULL */
  RosterImportPlan    *plan;
  gboolean             ready;
  guint                suppress;           /* > 0 while rows are changed from code */

  AdwComboRow         *field_rows[ROSTER_IMPORT_N_FIELDS];
  AdwEntryRow         *country_row;
  GPtrArray           *extra_rows;         /* AdwActionRow in extras_group */

  /* Template widgets */
  AdwPreferencesGroup *fields_group;
  AdwPreferencesGroup *extras_group;
  GtkGrid             *preview_grid;
};

G_DEFINE_FINAL_TYPE (RosterImportColumnsStep, roster_import_columns_step, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
column_label (RosterImportColumnsStep *self,
              guint                    column)
{
  const char *name = self->mapping != NULL ? roster_import_mapping_get_column_name (self->mapping, column) : NULL;

  if (name != NULL && *name != '\0')
    return g_strdup (name);
  /* Translators: a column of a file without a header row; %u counts from 1 */
  return g_strdup_printf (_("Column %u"), column + 1);
}

/* The first non-empty value of @column in the preview, to show what a column holds. */
static const char *
sample_value (RosterImportColumnsStep *self,
              guint                    column)
{
  return column < self->samples->len ? g_ptr_array_index (self->samples, column) : NULL;
}

static const char *
field_title (RosterImportField field)
{
  switch (field)
    {
    case ROSTER_IMPORT_FIELD_EMAIL:
      return _("Email address");
    case ROSTER_IMPORT_FIELD_FIRST_NAME:
      return _("First name");
    case ROSTER_IMPORT_FIELD_LAST_NAME:
      return _("Last name");
    case ROSTER_IMPORT_FIELD_FULL_NAME:
      return _("Full name, to split");
    case ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE:
      return _("Phone country code");
    case ROSTER_IMPORT_FIELD_PHONE:
      return _("Phone number");
    case ROSTER_IMPORT_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* Without an email column there is nothing to send. */
static void
update_ready (RosterImportColumnsStep *self)
{
  gboolean ready = self->mapping != NULL &&
                   roster_import_mapping_get_column (self->mapping, ROSTER_IMPORT_FIELD_EMAIL) >= 0;

  if (ready == self->ready)
    return;
  self->ready = ready;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

/* @now: FALSE while the user is typing, so that the file is not read at every key. */
static void
emit_changed (RosterImportColumnsStep *self,
              gboolean                 now)
{
  update_ready (self);
  g_signal_emit (self, signals[CHANGED], 0, now);
}

static void
update_field_subtitle (RosterImportColumnsStep *self,
                       RosterImportField        field)
{
  int column = roster_import_mapping_get_column (self->mapping, field);
  const char *sample = column >= 0 ? sample_value (self, column) : NULL;
  g_autofree char *subtitle = NULL;

  if (sample != NULL)
    /* Translators: %s is a value from the file */
    subtitle = g_strdup_printf (_("For example “%s”"), sample);
  else if (field == ROSTER_IMPORT_FIELD_EMAIL && column < 0)
    subtitle = g_strdup (_("Required: choose the column with the email addresses"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->field_rows[field]), subtitle != NULL ? subtitle : "");

  if (field == ROSTER_IMPORT_FIELD_EMAIL && column < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->field_rows[field]), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->field_rows[field]), "error");
}

static void fill_extras (RosterImportColumnsStep *self);

static void
field_selected_cb (AdwComboRow             *row,
                   GParamSpec              *pspec,
                   RosterImportColumnsStep *self)
{
  guint selected = adw_combo_row_get_selected (row);
  int column = selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
  RosterImportField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "roster-field"));

  if (self->suppress > 0 || self->mapping == NULL)
    return;

  /* A column feeds one field: taking it elsewhere leaves the other field without. */
  self->suppress++;
  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    if (i != field && column >= 0 && roster_import_mapping_get_column (self->mapping, i) == column)
      {
        roster_import_mapping_set_column (self->mapping, i, -1);
        adw_combo_row_set_selected (self->field_rows[i], 0);
        update_field_subtitle (self, i);
      }
  self->suppress--;

  roster_import_mapping_set_column (self->mapping, field, column);
  if (column >= 0)
    roster_import_mapping_set_extra (self->mapping, column, NULL);
  update_field_subtitle (self, field);
  fill_extras (self);
  emit_changed (self, TRUE);
}

static void
extra_toggled_cb (GtkSwitch               *toggle,
                  GParamSpec              *pspec,
                  RosterImportColumnsStep *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "roster-column"));
  g_autofree char *label = column_label (self, column);

  if (self->suppress > 0 || self->mapping == NULL)
    return;

  roster_import_mapping_set_extra (self->mapping, column,
                                   gtk_switch_get_active (toggle) ? label : NULL);
  emit_changed (self, TRUE);
}

static void
fill_extras (RosterImportColumnsStep *self)
{
  guint n_columns = roster_import_mapping_get_n_columns (self->mapping);
  guint n_shown = 0;

  for (guint i = 0; i < self->extra_rows->len; i++)
    adw_preferences_group_remove (self->extras_group, g_ptr_array_index (self->extra_rows, i));
  g_ptr_array_set_size (self->extra_rows, 0);

  for (guint column = 0; column < n_columns; column++)
    {
      g_autofree char *label = column_label (self, column);
      g_autofree char *accessible = NULL;
      const char *sample = sample_value (self, column);
      gboolean mapped = FALSE;
      GtkWidget *row;
      GtkWidget *toggle;

      for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
        if (roster_import_mapping_get_column (self->mapping, i) == (int) column)
          mapped = TRUE;
      if (mapped)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      if (sample != NULL)
        {
          g_autofree char *subtitle = g_strdup_printf (_("For example “%s”"), sample);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }

      toggle = gtk_switch_new ();
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      self->suppress++;
      gtk_switch_set_active (GTK_SWITCH (toggle), roster_import_mapping_get_extra (self->mapping, column) != NULL);
      self->suppress--;
      /* Translators: %s is a column name */
      accessible = g_strdup_printf (_("Send “%s” as a custom registration field"), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_widget_set_tooltip_text (toggle, accessible);
      g_object_set_data (G_OBJECT (toggle), "roster-column", GUINT_TO_POINTER (column));
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (extra_toggled_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

      adw_preferences_group_add (self->extras_group, row);
      g_ptr_array_add (self->extra_rows, row);
      n_shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->extras_group), n_shown > 0);
}

static void
country_changed_cb (GtkEditable             *editable,
                    RosterImportColumnsStep *self)
{
  const char *text = gtk_editable_get_text (editable);

  if (self->suppress > 0 || self->mapping == NULL)
    return;

  if (!roster_import_mapping_set_default_country_code (self->mapping, text))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->country_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->country_row), "error");
  emit_changed (self, FALSE);
}

static void
fill_columns (RosterImportColumnsStep *self)
{
  g_autoptr(GtkStringList) columns = gtk_string_list_new (NULL);
  guint n_columns = roster_import_mapping_get_n_columns (self->mapping);

  /* Translators: a field that no column of the file feeds */
  gtk_string_list_append (columns, _("Not in the file"));
  for (guint column = 0; column < n_columns; column++)
    {
      g_autofree char *label = column_label (self, column);

      gtk_string_list_append (columns, label);
    }

  self->suppress++;
  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    {
      int column = roster_import_mapping_get_column (self->mapping, i);

      adw_combo_row_set_model (self->field_rows[i], G_LIST_MODEL (columns));
      adw_combo_row_set_selected (self->field_rows[i], column >= 0 ? (guint) column + 1 : 0);
      update_field_subtitle (self, i);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->country_row), "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->country_row), "error");
  self->suppress--;

  fill_extras (self);
}

static const char *
status_label (RosterImportRowState status)
{
  switch (status)
    {
    case ROSTER_IMPORT_ROW_READY:
      return _("Ready");
    case ROSTER_IMPORT_ROW_INVALID:
      return _("Invalid");
    case ROSTER_IMPORT_ROW_DUPLICATE:
      return _("Duplicate");
    case ROSTER_IMPORT_ROW_ALREADY_REGISTERED:
      return _("Already registered");
    case ROSTER_IMPORT_ROW_SKIPPED:       /* a plan's rows are never in these */
    case ROSTER_IMPORT_ROW_SENDING:
    case ROSTER_IMPORT_ROW_REGISTERED:
    case ROSTER_IMPORT_ROW_FAILED:
    case ROSTER_IMPORT_ROW_UNKNOWN:
    case ROSTER_IMPORT_N_ROW_STATES:
    default:
      return "";
    }
}

static GtkWidget *
grid_label (const char *text,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text != NULL && *text != '\0' ? text : "—");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else if (text == NULL || *text == '\0')
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* The first rows as the plan has them: cleaned, split and checked, as they would be sent. */
static void
fill_preview (RosterImportColumnsStep *self)
{
  const char *headings[] = {
    C_("preview column", "Line"), C_("preview column", "Email"), C_("preview column", "First Name"),
    C_("preview column", "Last Name"), C_("preview column", "Phone"), C_("preview column", "Status"),
  };
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);

  if (self->plan == NULL)
    return;

  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    gtk_grid_attach (self->preview_grid, grid_label (headings[c], TRUE), c, 0, 1, 1);

  n = MIN (roster_import_plan_get_n_rows (self->plan), PREVIEW_ROWS);
  for (guint row = 0; row < n; row++)
    {
      g_autofree char *line = g_strdup_printf ("%u", roster_import_plan_get_row_line (self->plan, row));
      g_autofree char *phone = NULL;
      const char *code = roster_import_plan_get_row_value (self->plan, row, ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE);
      const char *digits = roster_import_plan_get_row_value (self->plan, row, ROSTER_IMPORT_FIELD_PHONE);
      RosterImportRowState status = roster_import_plan_get_row_status (self->plan, row);
      GtkWidget *status_widget;

      phone = g_strstrip (g_strdup_printf ("%s %s", code != NULL ? code : "", digits != NULL ? digits : ""));
      gtk_grid_attach (self->preview_grid, grid_label (line, FALSE), 0, row + 1, 1, 1);
      gtk_grid_attach (self->preview_grid,
                       grid_label (roster_import_plan_get_row_value (self->plan, row, ROSTER_IMPORT_FIELD_EMAIL), FALSE),
                       1, row + 1, 1, 1);
      gtk_grid_attach (self->preview_grid,
                       grid_label (roster_import_plan_get_row_value (self->plan, row, ROSTER_IMPORT_FIELD_FIRST_NAME), FALSE),
                       2, row + 1, 1, 1);
      gtk_grid_attach (self->preview_grid,
                       grid_label (roster_import_plan_get_row_value (self->plan, row, ROSTER_IMPORT_FIELD_LAST_NAME), FALSE),
                       3, row + 1, 1, 1);
      gtk_grid_attach (self->preview_grid, grid_label (phone, FALSE), 4, row + 1, 1, 1);
      status_widget = grid_label (status_label (status), FALSE);
      if (status == ROSTER_IMPORT_ROW_INVALID)
        gtk_widget_add_css_class (status_widget, "error");
      else if (status != ROSTER_IMPORT_ROW_READY)
        gtk_widget_add_css_class (status_widget, "warning");
      else
        gtk_widget_add_css_class (status_widget, "success");
      gtk_grid_attach (self->preview_grid, status_widget, 5, row + 1, 1, 1);
    }
}

/* Focus goes to the one field that must be chosen. */
static gboolean
roster_import_columns_step_grab_focus (GtkWidget *widget)
{
  RosterImportColumnsStep *self = ROSTER_IMPORT_COLUMNS_STEP (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->field_rows[ROSTER_IMPORT_FIELD_EMAIL]));
}

static void
roster_import_columns_step_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_IMPORT_COLUMNS_STEP);

  G_OBJECT_CLASS (roster_import_columns_step_parent_class)->dispose (object);
}

static void
roster_import_columns_step_finalize (GObject *object)
{
  RosterImportColumnsStep *self = ROSTER_IMPORT_COLUMNS_STEP (object);

  g_clear_pointer (&self->mapping, roster_import_mapping_free);
  g_clear_pointer (&self->samples, g_ptr_array_unref);
  g_clear_pointer (&self->extra_rows, g_ptr_array_unref);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (roster_import_columns_step_parent_class)->finalize (object);
}

static void
roster_import_columns_step_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  RosterImportColumnsStep *self = ROSTER_IMPORT_COLUMNS_STEP (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_import_columns_step_class_init (RosterImportColumnsStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_import_columns_step_dispose;
  object_class->finalize = roster_import_columns_step_finalize;
  object_class->get_property = roster_import_columns_step_get_property;
  widget_class->grab_focus = roster_import_columns_step_grab_focus;

  /* Whether a column feeds the email address, without which nothing can be sent. */
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RosterImportColumnsStep::changed:
   * @now: whether to plan again at once; FALSE while the user types
   *
   * The mapping changed: the plan made with the old one is out of date.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-import-columns-step.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportColumnsStep, fields_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportColumnsStep, extras_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportColumnsStep, preview_grid);
}

static void
roster_import_columns_step_init (RosterImportColumnsStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->extra_rows = g_ptr_array_new ();
  self->samples = g_ptr_array_new_with_free_func (g_free);

  /* One row per field, filled when a file is read. */
  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field_title (i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, field_title (i), -1);
      g_object_set_data (G_OBJECT (row), "roster-field", GUINT_TO_POINTER (i));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (field_selected_cb), self, 0);
      adw_preferences_group_add (self->fields_group, GTK_WIDGET (row));
      self->field_rows[i] = row;
    }
  self->country_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->country_row), _("Country code for phones without one"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->country_row), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->country_row), _("A plus sign and digits, such as +1 or +49"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->country_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Country code for phones without one"), -1);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->country_row), 6);
  g_signal_connect_object (self->country_row, "changed", G_CALLBACK (country_changed_cb), self, 0);
  adw_preferences_group_add (self->fields_group, GTK_WIDGET (self->country_row));
  /* The tidy step chooses the default country now; this row only keeps the mapping's. */
  gtk_widget_set_visible (GTK_WIDGET (self->country_row), FALSE);
}

GtkWidget *
roster_import_columns_step_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORT_COLUMNS_STEP, NULL);
}

/* A newly read file: its first records, for examples of what each column holds, and the
 * guessed @mapping, which the step copies and lets the user change. */
void
roster_import_columns_step_set_file (RosterImportColumnsStep   *self,
                                     const RosterCsvPreview    *preview,
                                     const RosterImportMapping *mapping)
{
  guint n_columns;

  g_return_if_fail (ROSTER_IS_IMPORT_COLUMNS_STEP (self));
  g_return_if_fail (preview != NULL);
  g_return_if_fail (mapping != NULL);

  g_clear_pointer (&self->mapping, roster_import_mapping_free);
  self->mapping = roster_import_mapping_copy (mapping);

  n_columns = roster_import_mapping_get_n_columns (mapping);
  g_ptr_array_set_size (self->samples, 0);
  for (guint column = 0; column < n_columns; column++)
    {
      const char *sample = NULL;

      for (guint i = 0; sample == NULL && preview->records != NULL && i < preview->records->len; i++)
        {
          RosterCsvRecord *record = g_ptr_array_index (preview->records, i);
          const char *value = column < roster_csv_record_get_n_fields (record)
                              ? roster_csv_record_get_field (record, column) : NULL;

          if (value != NULL && *value != '\0')
            sample = value;
        }
      g_ptr_array_add (self->samples, g_strdup (sample));
    }

  fill_columns (self);
  update_ready (self);
}

/* The mapping as the user left it, or NULL before a file is read. */
const RosterImportMapping *
roster_import_columns_step_get_mapping (RosterImportColumnsStep *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_COLUMNS_STEP (self), NULL);

  return self->mapping;
}

gboolean
roster_import_columns_step_get_ready (RosterImportColumnsStep *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_COLUMNS_STEP (self), FALSE);

  return self->ready;
}

/* The plan the preview shows; set it again after the plan's rows changed. */
void
roster_import_columns_step_set_plan (RosterImportColumnsStep *self,
                                     RosterImportPlan        *plan)
{
  g_return_if_fail (ROSTER_IS_IMPORT_COLUMNS_STEP (self));
  g_return_if_fail (plan == NULL || ROSTER_IS_IMPORT_PLAN (plan));

  g_set_object (&self->plan, plan);
  fill_preview (self);
}
