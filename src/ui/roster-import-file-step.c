/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-file-step"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-file-step.h"

/* The "File" step of the import dialog: choosing or dropping a file (CSV, XLSX or ODS) or
 * pasting a list, the sheet of a workbook, and what the reader found in it.  It reads nothing
 * itself: it emits ::file-chosen, ::text-pasted or ::sheet-chosen, and the dialog, which reads
 * the file, tells it what came out. */

struct _RosterImportFileStep
{
  AdwBin                parent_instance;

  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;   /* reading the clipboard */
  GtkStringList        *sheets;

  /* Template widgets */
  GtkButton            *choose_button;
  AdwPreferencesGroup  *file_error_group;
  AdwActionRow         *file_error_row;
  AdwPreferencesGroup  *detection_group;
  AdwActionRow         *file_name_row;
  AdwActionRow         *encoding_row;
  AdwActionRow         *delimiter_row;
  AdwActionRow         *header_row;
  AdwActionRow         *rows_row;
  AdwComboRow          *sheet_row;
};

G_DEFINE_FINAL_TYPE (RosterImportFileStep, roster_import_file_step, ADW_TYPE_BIN)

enum {
  FILE_CHOSEN,
  TEXT_PASTED,
  SHEET_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
delimiter_label (char delimiter)
{
  switch (delimiter)
    {
    case ',':
      return g_strdup (_("Comma ( , )"));
    case ';':
      return g_strdup (_("Semicolon ( ; )"));
    case '\t':
      return g_strdup (_("Tab"));
    case '|':
      return g_strdup (_("Vertical bar ( | )"));
    default:
      return g_strdup_printf ("%c", delimiter);
    }
}

static const char * const csv_patterns[] = { "*.csv", "*.CSV", "*.txt", "*.tsv" };
static const char * const csv_types[] = { "text/csv", "text/tab-separated-values" };
static const char * const sheet_patterns[] = { "*.xlsx", "*.XLSX", "*.ods", "*.ODS" };
static const char * const sheet_types[] = {
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.spreadsheet",
};

static void
chooser_response_cb (GtkNativeDialog      *native,
                     int                   response,
                     RosterImportFileStep *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        g_signal_emit (self, signals[FILE_CHOSEN], 0, file);
    }
  g_clear_object (&self->chooser);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterImportFileStep *self = ROSTER_IMPORT_FILE_STEP (widget);
  g_autoptr(GtkFileFilter) supported = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) sheets = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Open a Contact List"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  /* Legacy .xls is left out: "All files" reaches it, and reading it says what to do. */
  gtk_file_filter_set_name (supported, _("All supported files"));
  gtk_file_filter_set_name (csv, _("CSV and text files"));
  gtk_file_filter_set_name (sheets, _("Spreadsheets (XLSX, ODS)"));
  for (guint i = 0; i < G_N_ELEMENTS (csv_patterns); i++)
    {
      gtk_file_filter_add_pattern (supported, csv_patterns[i]);
      gtk_file_filter_add_pattern (csv, csv_patterns[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sheet_patterns); i++)
    {
      gtk_file_filter_add_pattern (supported, sheet_patterns[i]);
      gtk_file_filter_add_pattern (sheets, sheet_patterns[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (csv_types); i++)
    {
      gtk_file_filter_add_mime_type (supported, csv_types[i]);
      gtk_file_filter_add_mime_type (csv, csv_types[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sheet_types); i++)
    {
      gtk_file_filter_add_mime_type (supported, sheet_types[i]);
      gtk_file_filter_add_mime_type (sheets, sheet_types[i]);
    }
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), supported);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), sheets);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), supported);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
paste_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RosterImportFileStep) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (text == NULL || g_strstrip (text)[0] == '\0')
    {
      roster_import_file_step_show_error (self, _("The clipboard holds no text to import. Copy the rows "
                                                  "in a spreadsheet, or a list of email addresses, and paste again."));
      return;
    }
  g_signal_emit (self, signals[TEXT_PASTED], 0, text);
}

/* Ctrl+V or the Paste button: rows copied from a spreadsheet, or a list of emails. */
static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RosterImportFileStep *self = ROSTER_IMPORT_FILE_STEP (widget);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), self->cancellable, paste_cb,
                                 g_object_ref (self));
}

static void
sheet_selected_cb (RosterImportFileStep *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->sheet_row);

  if (item != NULL)
    g_signal_emit (self, signals[SHEET_CHOSEN], 0, gtk_string_object_get_string (item));
}

/* A file dropped on the step is read like a chosen one. */
static gboolean
drop_cb (GtkDropTarget        *target,
         const GValue         *value,
         double                x,
         double                y,
         RosterImportFileStep *self)
{
  GFile *file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;

  g_signal_emit (self, signals[FILE_CHOSEN], 0, file);
  return TRUE;
}

/* Focus goes to the button that chooses a file. */
static gboolean
roster_import_file_step_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (ROSTER_IMPORT_FILE_STEP (widget)->choose_button));
}

static void
roster_import_file_step_dispose (GObject *object)
{
  RosterImportFileStep *self = ROSTER_IMPORT_FILE_STEP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sheets);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_IMPORT_FILE_STEP);

  G_OBJECT_CLASS (roster_import_file_step_parent_class)->dispose (object);
}

static void
roster_import_file_step_class_init (RosterImportFileStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_import_file_step_dispose;
  widget_class->grab_focus = roster_import_file_step_grab_focus;

  /**
   * RosterImportFileStep::file-chosen:
   * @file: the file chosen or dropped
   */
  signals[FILE_CHOSEN] =
    g_signal_new ("file-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);
  /**
   * RosterImportFileStep::text-pasted:
   * @text: text from the clipboard
   */
  signals[TEXT_PASTED] =
    g_signal_new ("text-pasted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * RosterImportFileStep::sheet-chosen:
   * @sheet: the name of the workbook's sheet to read
   */
  signals[SHEET_CHOSEN] =
    g_signal_new ("sheet-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-import-file-step.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportFileStep, choose_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFileStep, file_error_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFileStep, file_error_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFileStep, detection_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFileStep, file_name_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFileStep, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFileStep, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFileStep, header_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFileStep, rows_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFileStep, sheet_row);

  gtk_widget_class_install_action (widget_class, "file.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "file.paste", NULL, paste_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "file.paste", NULL);
}

static void
roster_import_file_step_init (RosterImportFileStep *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->sheets = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->sheet_row, G_LIST_MODEL (self->sheets));
  g_signal_connect_object (self->sheet_row, "notify::selected", G_CALLBACK (sheet_selected_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
roster_import_file_step_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORT_FILE_STEP, NULL);
}

/* Why the file could not be read, or NULL to hide it; an error hides what was found before. */
void
roster_import_file_step_show_error (RosterImportFileStep *self,
                                    const char           *message)
{
  g_return_if_fail (ROSTER_IS_IMPORT_FILE_STEP (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_error_row), message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->file_error_group), message != NULL);
}

/* The rows row: counting until the plan is there. */
void
roster_import_file_step_set_plan (RosterImportFileStep *self,
                                  RosterImportPlan     *plan)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ROSTER_IS_IMPORT_FILE_STEP (self));
  g_return_if_fail (plan == NULL || ROSTER_IS_IMPORT_PLAN (plan));

  if (plan == NULL)
    text = g_strdup (_("Counting…"));
  else
    {
      guint n = roster_import_plan_get_n_rows (plan);

      /* Translators: the number of data rows in the file */
      text = g_strdup_printf (ngettext ("%u row", "%u rows", n), n);
    }
  adw_action_row_set_subtitle (self->rows_row, text);
}

/* A workbook of several sheets: which one is read, and the others to choose from. */
static void
show_sheets (RosterImportFileStep   *self,
             const RosterCsvPreview *preview)
{
  guint n = preview->sheet_names != NULL ? g_strv_length (preview->sheet_names) : 0;
  guint selected = 0;

  g_signal_handlers_block_by_func (self->sheet_row, sheet_selected_cb, self);
  gtk_string_list_splice (self->sheets, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sheets)),
                          (const char * const *) preview->sheet_names);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (preview->sheet_names[i], preview->sheet) == 0)
      selected = i;
  adw_combo_row_set_selected (self->sheet_row, selected);
  g_signal_handlers_unblock_by_func (self->sheet_row, sheet_selected_cb, self);
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), n > 1);
}

/* What the reader detected in @file; @preview %NULL hides it, as when the file can't be read. */
void
roster_import_file_step_show_detection (RosterImportFileStep   *self,
                                        GFile                  *file,
                                        const RosterCsvPreview *preview)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *delimiter = NULL;
  g_autofree char *header = NULL;

  g_return_if_fail (ROSTER_IS_IMPORT_FILE_STEP (self));
  g_return_if_fail (preview == NULL || G_IS_FILE (file));

  if (preview == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->detection_group), FALSE);
      return;
    }

  name = g_file_get_basename (file);
  path = g_file_get_parse_name (file);
  delimiter = delimiter_label (preview->delimiter);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_name_row), name);
  adw_action_row_set_subtitle (self->file_name_row, path);
  adw_action_row_set_subtitle (self->encoding_row, preview->encoding != NULL ? preview->encoding : "UTF-8");
  adw_action_row_set_subtitle (self->delimiter_row, delimiter);
  /* A workbook has a format rather than an encoding, and no delimiter. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->encoding_row),
                                 preview->sheet_names != NULL ? _("Format") : _("Encoding"));
  gtk_widget_set_visible (GTK_WIDGET (self->delimiter_row), preview->sheet_names == NULL);

  if (preview->has_header && preview->header != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", preview->header);
      guint n = g_strv_length (preview->header);

      /* Translators: %u is the number of columns, %s their names */
      header = g_strdup_printf (ngettext ("Yes, %u column: %s", "Yes, %u columns: %s", n), n, joined);
    }
  else
    header = g_strdup (_("No, the first row is data"));
  adw_action_row_set_subtitle (self->header_row, header);
  show_sheets (self, preview);

  gtk_button_set_label (self->choose_button, _("Choose _Another File…"));
  gtk_widget_set_visible (GTK_WIDGET (self->detection_group), TRUE);
}
