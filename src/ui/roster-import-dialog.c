/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "roster-csv-reader.h"
#include "roster-import-dialog.h"
#include "roster-import-job.h"
#include "roster-error.h"
#include "roster-import-journal.h"
#include "roster-import-session.h"
#include "roster-import-mapping.h"
#include "roster-import-plan.h"
#include "roster-import-results-page.h"
#include "roster-import-run-page.h"
#include "roster-import-target.h"
#include "roster-index-list.h"
#include "roster-target-picker.h"

/* "Import from CSV": file, columns, webinar, review, run, results.  The file is read (and read
 * again whenever the columns change) in a thread; nothing is sent before the user confirms the
 * people's consent on the review step; the run goes through RosterImportJob, which journals
 * every row, so the window is not modal: the main window stays usable during a long run. */

#define PREVIEW_RECORDS   20
#define PREVIEW_ROWS      6
#define REPLAN_DELAY_MS   400

typedef enum
{
  STEP_FILE,
  STEP_COLUMNS,
  STEP_TARGET,
  STEP_REVIEW,
  STEP_RUN,
  STEP_RESULTS,
  N_STEPS
} Step;

static const char * const step_names[N_STEPS] = {
  "file", "columns", "target", "review", "run", "results",
};

struct _RosterImportDialog
{
  AdwWindow             parent_instance;

  RosterClient         *client;
  GListModel           *webinars;
  GFile                *file;
  char                 *journal_path;       /* resuming: the journal to continue */
  RosterImportTarget   *resume_target;      /* resuming: the target it was for */

  GCancellable         *cancellable;        /* everything; cancelled in dispose */
  GSettings            *settings;
  GCancellable         *load_cancellable;   /* reading the file */
  GCancellable         *plan_cancellable;   /* reading it again for a new mapping */
  GCancellable         *check_cancellable;  /* who is already registered */

  Step                  step;
  RosterCsvPreview     *preview;
  RosterImportMapping  *mapping;
  RosterImportPlan     *plan;
  gboolean              loading;
  gboolean              planning;
  guint                 replan_id;
  gboolean              checking;
  gboolean              checked;
  gboolean              starting;
  gboolean              close_confirmed;
  guint                 suppress;           /* > 0 while rows are changed from code */

  /* Columns */
  AdwComboRow          *field_rows[ROSTER_IMPORT_N_FIELDS];
  AdwEntryRow          *country_row;
  GPtrArray            *extra_rows;         /* AdwActionRow in extras_group */

  /* Review */
  RosterIndexList      *problems;
  AdwActionRow         *warnings_row;
  GtkSwitch            *warnings_switch;
  guint                 n_warned;

  /* Run */
  RosterImportJournal  *journal;
  RosterImportJob      *job;
  RosterImportTarget   *target;

  GtkFileChooserNative *chooser;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  GtkButton            *next_button;
  GtkSpinner           *busy_spinner;
  GtkStack             *stack;
  GtkWidget            *file_page;
  GtkWidget            *drop_area;
  GtkButton            *choose_button;
  AdwPreferencesGroup  *file_error_group;
  AdwActionRow         *file_error_row;
  AdwPreferencesGroup  *detection_group;
  AdwActionRow         *file_name_row;
  AdwActionRow         *encoding_row;
  AdwActionRow         *delimiter_row;
  AdwActionRow         *header_row;
  AdwActionRow         *rows_row;
  AdwPreferencesGroup  *fields_group;
  AdwPreferencesGroup  *extras_group;
  GtkGrid              *preview_grid;
  AdwPreferencesGroup  *target_message_group;
  AdwActionRow         *target_message_row;
  RosterTargetPicker   *picker;
  AdwPreferencesGroup  *resume_group;
  AdwActionRow         *resume_row;
  GtkLabel             *ready_label;
  GtkLabel             *invalid_label;
  GtkLabel             *duplicate_label;
  AdwActionRow         *registered_row;
  GtkSpinner           *check_spinner;
  GtkButton            *check_button;
  GtkLabel             *registered_label;
  AdwActionRow         *skip_row;
  GtkButton            *reload_button;
  GtkWidget            *problems_scroll;
  AdwPreferencesGroup  *problems_group;
  GtkListView          *problems_view;
  GtkCheckButton       *consent_check;
  RosterImportRunPage     *run_page;
  RosterImportResultsPage *results_page;
};

G_DEFINE_FINAL_TYPE (RosterImportDialog, roster_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_WEBINARS,
  PROP_FILE,
  PROP_JOURNAL_PATH,
  PROP_STEP,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_actions     (RosterImportDialog *self);
static void start_plan         (RosterImportDialog *self);
static void go_to              (RosterImportDialog *self,
                                Step                step);

/* ---- Calls ----------------------------------------------------------------------------------- */

/* While its cancellable is not cancelled, the dialog has not been disposed (dispose cancels
 * them all), so a callback may touch it. */
typedef struct
{
  RosterImportDialog *self;
  GCancellable       *cancellable;
} Call;

static Call *
call_new (RosterImportDialog *self,
          GCancellable       *cancellable)
{
  Call *call = g_new0 (Call, 1);

  call->self = self;
  call->cancellable = g_object_ref (cancellable);
  return call;
}

static void
call_free (Call *call)
{
  g_object_unref (call->cancellable);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static void
replace_cancellable (GCancellable **cancellable)
{
  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
}

/* ---- Small helpers --------------------------------------------------------------------------- */

/* The setting is in seconds, the job's property in milliseconds. */
static gboolean
seconds_to_msec (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  g_value_set_uint (value, MIN (g_variant_get_uint32 (variant), G_MAXUINT / 1000) * 1000);
  return TRUE;
}

static gboolean
is_running (RosterImportDialog *self)
{
  RosterImportJobState state;

  if (self->starting)
    return TRUE;
  if (self->job == NULL)
    return FALSE;
  state = roster_import_job_get_state (self->job);
  return state == ROSTER_IMPORT_JOB_RUNNING || state == ROSTER_IMPORT_JOB_PAUSED ||
         roster_import_job_is_busy (self->job);
}

static char *
column_label (RosterImportDialog *self,
              guint               column)
{
  const char *name = self->mapping != NULL ? roster_import_mapping_get_column_name (self->mapping, column) : NULL;

  if (name != NULL && *name != '\0')
    return g_strdup (name);
  /* Translators: a column of a file without a header row; %u counts from 1 */
  return g_strdup_printf (_("Column %u"), column + 1);
}

/* The first non-empty value of @column in the preview, to show what a column holds. */
static const char *
sample_value (RosterImportDialog *self,
              guint               column)
{
  if (self->preview == NULL || self->preview->records == NULL)
    return NULL;

  for (guint i = 0; i < self->preview->records->len; i++)
    {
      RosterCsvRecord *record = g_ptr_array_index (self->preview->records, i);
      const char *value = column < roster_csv_record_get_n_fields (record)
                          ? roster_csv_record_get_field (record, column) : NULL;

      if (value != NULL && *value != '\0')
        return value;
    }
  return NULL;
}

static guint
n_preview_columns (RosterCsvPreview *preview)
{
  guint n = 0;

  if (preview->header != NULL)
    n = g_strv_length (preview->header);
  for (guint i = 0; preview->records != NULL && i < preview->records->len; i++)
    n = MAX (n, roster_csv_record_get_n_fields (g_ptr_array_index (preview->records, i)));
  return n;
}

static void
set_busy_spinner (RosterImportDialog *self)
{
  gboolean busy = self->loading || self->planning || self->starting;

  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
}

/* ---- Step 1: the file ------------------------------------------------------------------------ */

typedef struct
{
  RosterCsvPreview    *preview;
  RosterImportMapping *mapping;
  RosterImportPlan    *plan;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->preview, roster_csv_preview_free);
  g_clear_pointer (&loaded->mapping, roster_import_mapping_free);
  g_clear_object (&loaded->plan);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

/* Detection, the first records, the guessed mapping, and the plan with it: all of it reads
 * the file, which may be large or on slow storage, so a thread does it. */
static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(RosterCsvReader) reader = NULL;
  GError *error = NULL;

  stream = g_file_read (file, cancellable, &error);
  if (stream != NULL)
    loaded->preview = roster_csv_reader_preview (G_INPUT_STREAM (stream), NULL, PREVIEW_RECORDS,
                                                 cancellable, &error);
  if (loaded->preview == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (n_preview_columns (loaded->preview) == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The file is empty: there are no rows to import."));
      return;
    }

  if (loaded->preview->header != NULL)
    loaded->mapping = roster_import_mapping_guess ((const char * const *) loaded->preview->header);
  else
    loaded->mapping = roster_import_mapping_new (n_preview_columns (loaded->preview));

  reader = roster_csv_reader_new_for_file (file, NULL, cancellable, &error);
  if (reader != NULL)
    loaded->plan = roster_import_plan_new (reader, loaded->mapping, cancellable, &error);
  if (loaded->plan == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&loaded), (GDestroyNotify) loaded_free);
}

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

static void
show_file_error (RosterImportDialog *self,
                 const char         *message)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_error_row), message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->file_error_group), message != NULL);
}

static void
update_rows_row (RosterImportDialog *self)
{
  g_autofree char *text = NULL;

  if (self->plan == NULL)
    text = g_strdup (_("Counting…"));
  else
    {
      guint n = roster_import_plan_get_n_rows (self->plan);

      /* Translators: the number of data rows in the file */
      text = g_strdup_printf (ngettext ("%u row", "%u rows", n), n);
    }
  adw_action_row_set_subtitle (self->rows_row, text);
}

static void
fill_detection (RosterImportDialog *self)
{
  RosterCsvPreview *preview = self->preview;
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *path = g_file_get_parse_name (self->file);
  g_autofree char *encoding = NULL;
  g_autofree char *delimiter = delimiter_label (preview->delimiter);
  g_autofree char *header = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_name_row), name);
  adw_action_row_set_subtitle (self->file_name_row, path);

  encoding = g_strdup (preview->encoding != NULL ? preview->encoding : "UTF-8");
  adw_action_row_set_subtitle (self->encoding_row, encoding);
  adw_action_row_set_subtitle (self->delimiter_row, delimiter);

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

  update_rows_row (self);
  gtk_widget_set_visible (GTK_WIDGET (self->detection_group), TRUE);
}

static void fill_columns (RosterImportDialog *self);
static void fill_preview (RosterImportDialog *self);
static void fill_review  (RosterImportDialog *self);

static void
set_plan (RosterImportDialog *self,
          RosterImportPlan   *plan)
{
  g_set_object (&self->plan, plan);
  /* Marks made on another plan are gone. */
  self->checked = FALSE;
  update_rows_row (self);
  fill_preview (self);
  fill_review (self);
  update_actions (self);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) loaded = g_task_propagate_pointer (G_TASK (result), &error);
  RosterImportDialog *self;

  if (g_cancellable_is_cancelled (call->cancellable))
    return;

  self = call->self;
  self->loading = FALSE;
  set_busy_spinner (self);

  if (loaded == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why, in the system's words */
      message = g_strdup_printf (_("The file could not be read: %s"), error->message);
      show_file_error (self, message);
      gtk_widget_set_visible (GTK_WIDGET (self->detection_group), FALSE);
      update_actions (self);
      return;
    }

  g_clear_pointer (&self->preview, roster_csv_preview_free);
  g_clear_pointer (&self->mapping, roster_import_mapping_free);
  self->preview = g_steal_pointer (&loaded->preview);
  self->mapping = g_steal_pointer (&loaded->mapping);

  fill_detection (self);
  fill_columns (self);
  gtk_button_set_label (self->choose_button, _("Choose _Another File…"));
  set_plan (self, loaded->plan);

  /* Resuming: the target and the consent are what is left to confirm. */
  if (self->resume_target != NULL && self->step == STEP_FILE)
    go_to (self, roster_target_picker_get_detail (self->picker) != NULL ? STEP_REVIEW : STEP_TARGET);
  else if (self->step == STEP_FILE)
    gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
load_file (RosterImportDialog *self,
           GFile              *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  if (self->step > STEP_REVIEW || self->starting)
    return;

  replace_cancellable (&self->load_cancellable);
  g_cancellable_cancel (self->plan_cancellable);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_handle_id (&self->replan_id, g_source_remove);
  self->planning = FALSE;
  self->checking = FALSE;

  g_set_object (&self->file, file);
  g_clear_object (&self->plan);
  self->loading = TRUE;
  set_busy_spinner (self);
  show_file_error (self, NULL);
  gtk_check_button_set_active (self->consent_check, FALSE);
  if (self->step != STEP_FILE)
    go_to (self, STEP_FILE);
  update_actions (self);

  task = g_task_new (NULL, self->load_cancellable, load_cb, call_new (self, self->load_cancellable));
  g_task_set_source_tag (task, load_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

static void
chooser_response_cb (GtkNativeDialog    *native,
                     int                 response,
                     RosterImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        load_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Open a CSV File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (csv, _("CSV and text files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_pattern (csv, "*.txt");
  gtk_file_filter_add_pattern (csv, "*.tsv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_mime_type (csv, "text/tab-separated-values");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), csv);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
drop_cb (GtkDropTarget      *target,
         const GValue       *value,
         double              x,
         double              y,
         RosterImportDialog *self)
{
  GFile *file = g_value_get_object (value);

  if (file == NULL || self->step > STEP_REVIEW || self->starting)
    return FALSE;

  load_file (self, file);
  return TRUE;
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (widget);
  g_autoptr(GFile) file = NULL;

  if (self->file == NULL)
    return;
  file = g_object_ref (self->file);
  load_file (self, file);
}

/* ---- Step 2: columns --------------------------------------------------------------------------- */

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

static void
schedule_replan (RosterImportDialog *self,
                 gboolean            now)
{
  g_clear_handle_id (&self->replan_id, g_source_remove);
  g_cancellable_cancel (self->plan_cancellable);
  self->planning = TRUE;
  set_busy_spinner (self);
  update_actions (self);

  if (now)
    start_plan (self);
  else
    self->replan_id = g_timeout_add_once (REPLAN_DELAY_MS, (GSourceOnceFunc) start_plan, self);
}

static void
update_field_subtitle (RosterImportDialog *self,
                       RosterImportField   field)
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

static void fill_extras (RosterImportDialog *self);

static void
field_selected_cb (AdwComboRow        *row,
                   GParamSpec         *pspec,
                   RosterImportDialog *self)
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
  schedule_replan (self, TRUE);
}

static void
extra_toggled_cb (GtkSwitch          *toggle,
                  GParamSpec         *pspec,
                  RosterImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "roster-column"));
  g_autofree char *label = column_label (self, column);

  if (self->suppress > 0 || self->mapping == NULL)
    return;

  roster_import_mapping_set_extra (self->mapping, column,
                                   gtk_switch_get_active (toggle) ? label : NULL);
  schedule_replan (self, TRUE);
}

static void
fill_extras (RosterImportDialog *self)
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
country_changed_cb (GtkEditable        *editable,
                    RosterImportDialog *self)
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
  schedule_replan (self, FALSE);
}

static void
fill_columns (RosterImportDialog *self)
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
status_label (RosterImportRowStatus status)
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
    case ROSTER_IMPORT_N_ROW_STATUSES:
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
fill_preview (RosterImportDialog *self)
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
      RosterImportRowStatus status = roster_import_plan_get_row_status (self->plan, row);
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

typedef struct
{
  RosterImportMapping *mapping;
  GFile               *file;
} PlanData;

static void
plan_data_free (PlanData *data)
{
  roster_import_mapping_free (data->mapping);
  g_object_unref (data->file);
  g_free (data);
}

static void
plan_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PlanData *data = task_data;
  g_autoptr(RosterCsvReader) reader = NULL;
  RosterImportPlan *plan = NULL;
  GError *error = NULL;

  reader = roster_csv_reader_new_for_file (data->file, NULL, cancellable, &error);
  if (reader != NULL)
    plan = roster_import_plan_new (reader, data->mapping, cancellable, &error);
  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, g_object_unref);
}

static void
plan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportPlan) plan = g_task_propagate_pointer (G_TASK (result), &error);
  RosterImportDialog *self;

  if (g_cancellable_is_cancelled (call->cancellable))
    return;

  self = call->self;
  self->planning = FALSE;
  set_busy_spinner (self);

  if (plan == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The file could not be read: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      update_actions (self);
      return;
    }
  set_plan (self, plan);
}

static void
start_plan (RosterImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  PlanData *data;

  self->replan_id = 0;
  if (self->file == NULL || self->mapping == NULL)
    return;

  replace_cancellable (&self->plan_cancellable);
  self->planning = TRUE;
  set_busy_spinner (self);
  update_actions (self);

  data = g_new0 (PlanData, 1);
  data->mapping = roster_import_mapping_copy (self->mapping);
  data->file = g_object_ref (self->file);
  task = g_task_new (NULL, self->plan_cancellable, plan_cb, call_new (self, self->plan_cancellable));
  g_task_set_source_tag (task, start_plan);
  g_task_set_task_data (task, data, (GDestroyNotify) plan_data_free);
  g_task_run_in_thread (task, plan_in_thread);
}

/* ---- Step 3: target ---------------------------------------------------------------------------- */

static RosterImportTarget *
dup_target (RosterImportDialog *self)
{
  if (!roster_target_picker_get_valid (self->picker))
    return NULL;

  return roster_import_target_new (roster_webinar_get_id (roster_target_picker_get_webinar (self->picker)),
                                   roster_target_picker_get_schedule_id (self->picker),
                                   roster_target_picker_get_date (self->picker),
                                   roster_target_picker_get_timezone (self->picker));
}

static void
show_target_message (RosterImportDialog *self,
                     const char         *message)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->target_message_row), message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->target_message_group), message != NULL);
}

static void
target_changed (RosterImportDialog *self)
{
  show_target_message (self, roster_target_picker_get_message (self->picker));

  /* Who is registered depends on the webinar. */
  g_cancellable_cancel (self->check_cancellable);
  self->checking = FALSE;
  if (self->checked)
    {
      self->checked = FALSE;
      schedule_replan (self, TRUE);
    }
  fill_review (self);
  update_actions (self);
}

/* Resuming: with the target known again, the review is next. */
static void
target_loading_cb (RosterImportDialog *self)
{
  if (self->resume_target != NULL && self->step == STEP_TARGET && self->plan != NULL &&
      !roster_target_picker_get_loading (self->picker) && roster_target_picker_get_valid (self->picker))
    go_to (self, STEP_REVIEW);
}

/* ---- Step 4: review ---------------------------------------------------------------------------- */

/* A ready row the plan has something to say about (a warning): the user may leave it out. */
static gboolean
row_has_warnings (RosterImportPlan *plan,
                  guint             row)
{
  const RosterImportProblem *problems = NULL;

  return roster_import_plan_get_row_status (plan, row) == ROSTER_IMPORT_ROW_READY &&
         roster_import_plan_get_row_problems (plan, row, &problems) > 0;
}

static guint
count_warned (RosterImportPlan *plan)
{
  guint n_rows = roster_import_plan_get_n_rows (plan);
  guint n = 0;

  for (guint row = 0; row < n_rows; row++)
    if (row_has_warnings (plan, row))
      n++;
  return n;
}

/* The rows Start would send. */
static guint
count_to_send (RosterImportDialog *self)
{
  guint n;

  if (self->plan == NULL)
    return 0;
  n = roster_import_plan_get_count (self->plan, ROSTER_IMPORT_ROW_READY);
  if (gtk_switch_get_active (self->warnings_switch))
    n -= MIN (n, self->n_warned);
  return n;
}

static void
set_count (GtkLabel *label,
           guint     n)
{
  g_autofree char *text = g_strdup_printf ("%u", n);

  gtk_label_set_text (label, text);
}

static void
fill_review (RosterImportDialog *self)
{
  guint n_rows, n_ready, n_skipped, n_problems;
  g_autofree char *skip = NULL;

  if (self->plan == NULL)
    {
      roster_index_list_set_range (self->problems, 0);
      return;
    }

  n_rows = roster_import_plan_get_n_rows (self->plan);
  n_ready = count_to_send (self);
  set_count (self->ready_label, n_ready);
  set_count (self->invalid_label, roster_import_plan_get_count (self->plan, ROSTER_IMPORT_ROW_INVALID));
  set_count (self->duplicate_label, roster_import_plan_get_count (self->plan, ROSTER_IMPORT_ROW_DUPLICATE));
  set_count (self->registered_label, roster_import_plan_get_count (self->plan, ROSTER_IMPORT_ROW_ALREADY_REGISTERED));

  gtk_widget_set_visible (GTK_WIDGET (self->registered_label), self->checked);
  gtk_widget_set_visible (GTK_WIDGET (self->check_button), !self->checked && !self->checking);
  gtk_widget_set_visible (GTK_WIDGET (self->check_spinner), self->checking);
  gtk_spinner_set_spinning (self->check_spinner, self->checking);
  if (self->checking)
    adw_action_row_set_subtitle (self->registered_row, _("Looking through the webinar’s registrants…"));
  else if (self->checked)
    adw_action_row_set_subtitle (self->registered_row, _("People the webinar has already; they are not sent again"));
  else
    adw_action_row_set_subtitle (self->registered_row, _("Not checked yet"));

  n_skipped = n_rows - n_ready;
  if (n_skipped > 0)
    /* Translators: rows with problems; the subtitle says they are never sent */
    skip = g_strdup_printf (ngettext ("%u row will be skipped", "%u rows will be skipped", n_skipped), n_skipped);
  else
    skip = g_strdup (_("Every row can be sent"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->skip_row), skip);
  adw_action_row_set_subtitle (self->skip_row,
                               n_skipped > 0 ? _("They are never sent. To send them, fix them in the file and reload it.") : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reload_button), n_skipped > 0);

  self->n_warned = count_warned (self->plan);
  if (self->n_warned > 0)
    {
      g_autofree char *title = NULL;

      /* Translators: rows that can be sent but have a warning */
      title = g_strdup_printf (ngettext ("Also skip the %u row with warnings",
                                         "Also skip the %u rows with warnings", self->n_warned),
                               self->n_warned);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->warnings_row), title);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_row), self->n_warned > 0);

  n_problems = roster_import_plan_get_n_problems (self->plan);
  roster_index_list_set_range (self->problems, n_problems);
  gtk_widget_set_visible (self->problems_scroll, n_problems > 0);
}

static void
problem_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
problem_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 RosterImportDialog       *self)
{
  RosterIndexItem *index = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (image);
  const RosterImportProblem *problem;
  gboolean error;

  if (self->plan == NULL || roster_index_item_get_index (index) >= roster_import_plan_get_n_problems (self->plan))
    return;

  problem = roster_import_plan_get_problem (self->plan, roster_index_item_get_index (index));
  error = problem->severity == ROSTER_IMPORT_SEVERITY_ERROR;
  gtk_image_set_from_icon_name (GTK_IMAGE (image), error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (image, error ? "warning" : "error");
  gtk_widget_add_css_class (image, error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  error ? _("Error") : _("Warning"), -1);
  gtk_label_set_text (GTK_LABEL (label), problem->message);
}

static void
check_registered_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  RosterImportDialog *self;
  guint n_marked = 0;
  gboolean ok;

  ok = roster_import_plan_mark_registered_finish (ROSTER_IMPORT_PLAN (object), result, &n_marked, &error);
  if (g_cancellable_is_cancelled (call->cancellable))
    return;

  self = call->self;
  self->checking = FALSE;
  /* The plan may have been replaced while the registrants were read. */
  if (ROSTER_IMPORT_PLAN (object) != self->plan)
    {
      fill_review (self);
      update_actions (self);
      return;
    }

  self->checked = ok;
  fill_review (self);
  fill_preview (self);
  update_actions (self);

  if (!ok)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the server's or the network's own message */
      message = g_strdup_printf (_("Could not check who is registered: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
}

static void
check_registered_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (widget);
  RosterWebinar *webinar = roster_target_picker_get_webinar (self->picker);

  if (self->plan == NULL || webinar == NULL || self->checking || self->planning)
    return;

  replace_cancellable (&self->check_cancellable);
  self->checking = TRUE;
  fill_review (self);
  update_actions (self);
  roster_import_plan_mark_registered_async (self->plan, self->client, roster_webinar_get_id (webinar),
                                            self->check_cancellable, check_registered_cb,
                                            call_new (self, self->check_cancellable));
}

/* ---- Step 5: run --------------------------------------------------------------------------------- */

static void
job_state_cb (RosterImportDialog *self)
{
  RosterImportJobState state = roster_import_job_get_state (self->job);

  if (state == ROSTER_IMPORT_JOB_FINISHED && self->step == STEP_RUN)
    go_to (self, STEP_RESULTS);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
begin_job (RosterImportDialog *self)
{
  roster_import_run_page_set_job (self->run_page, self->job);
  roster_import_results_page_set_job (self->results_page, self->job, self->file);
  g_signal_connect_object (self->job, "notify::state", G_CALLBACK (job_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->job, "notify::busy", G_CALLBACK (job_state_cb), self, G_CONNECT_SWAPPED);
  go_to (self, STEP_RUN);
  roster_import_job_start (self->job);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
hash_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  char *sha = roster_import_file_sha256 (task_data, cancellable, &error);

  if (sha == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sha, g_free);
}

/* The journal is keyed by the account, the file's content and the target: the same file for
 * the same webinar continues where it stopped, and nobody in it is registered twice. */
static RosterImportJournal *
open_journal (RosterImportDialog            *self,
              const char                    *sha,
              RosterImportJournalOpenFlags   flags,
              GError                       **error)
{
  g_autofree char *account_id = roster_client_dup_account_id (self->client);
  g_autofree char *path = g_file_get_path (self->file);

  return roster_import_journal_open (roster_client_get_journal_dir (self->client), account_id, sha,
                                     path != NULL ? path : g_file_peek_path (self->file),
                                     self->target, roster_import_plan_get_n_rows (self->plan), flags, error);
}

static void
show_start_error (RosterImportDialog *self,
                  const GError       *error)
{
  g_autofree char *message = NULL;

  /* Translators: %s says why */
  message = g_strdup_printf (_("The import could not start: %s"), error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  update_actions (self);
}

static void
start_job (RosterImportDialog  *self,
           RosterImportJournal *journal)
{
  g_set_object (&self->journal, journal);
  self->job = roster_import_job_new (self->client, self->plan, self->target, self->journal);
  g_settings_bind_with_mapping (self->settings, "unknown-check-window", self->job, "check-window",
                                G_SETTINGS_BIND_GET, seconds_to_msec, NULL, NULL, NULL);
  if (gtk_switch_get_active (self->warnings_switch))
    {
      guint n_rows = roster_import_plan_get_n_rows (self->plan);

      for (guint row = 0; row < n_rows; row++)
        if (row_has_warnings (self->plan, row))
          roster_import_job_set_row_skipped (self->job, row, TRUE);
    }
  begin_job (self);
}

static void
recover_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     RosterImportDialog *self)
{
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "recover") || self->job != NULL || self->plan == NULL || self->target == NULL)
    return;

  journal = open_journal (self, g_object_get_data (G_OBJECT (dialog), "sha"),
                          ROSTER_IMPORT_JOURNAL_OPEN_RECOVER, &error);
  if (journal == NULL)
    show_start_error (self, error);
  else
    start_job (self, journal);
}

/* What this import sent is unknown: go on only when the user agrees to look everyone up. */
static void
offer_recovery (RosterImportDialog *self,
                const char         *sha,
                const GError       *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Recover the Damaged Import?"),
                                                       error->message));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "recover", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "recover");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sha", g_strdup (sha), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (recover_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  update_actions (self);
}

static void
hash_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(RosterImportJournal) journal = NULL;
  RosterImportDialog *self;

  if (g_cancellable_is_cancelled (call->cancellable))
    return;

  self = call->self;
  self->starting = FALSE;
  set_busy_spinner (self);

  /* Resuming: the journal read at the start goes on, if the file and the target are still
   * the ones it is for. */
  if (sha != NULL && self->journal != NULL)
    {
      if (g_strcmp0 (sha, roster_import_journal_get_file_sha256 (self->journal)) != 0)
        {
          adw_toast_overlay_add_toast (self->toast_overlay,
                                       adw_toast_new (_("The file changed since the import stopped, so it "
                                                        "can’t be resumed. Use “Check” on the review to "
                                                        "leave out people already registered.")));
          g_clear_object (&self->journal);
          g_clear_pointer (&self->journal_path, g_free);
          gtk_widget_set_visible (GTK_WIDGET (self->resume_group), FALSE);
          update_actions (self);
          return;
        }
      if (roster_import_target_equal (self->target, roster_import_journal_get_target (self->journal)))
        journal = g_object_ref (self->journal);
      else
        g_clear_object (&self->journal);   /* unlocks it; another target has its own journal */
    }

  if (sha != NULL && journal == NULL)
    journal = open_journal (self, sha, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  if (journal == NULL)
    {
      if (g_error_matches (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_DAMAGED))
        offer_recovery (self, sha, error);
      else
        show_start_error (self, error);
      return;
    }

  start_job (self, journal);
}

static void
start_import (RosterImportDialog *self)
{
  g_autoptr(GTask) task = NULL;

  if (!gtk_check_button_get_active (self->consent_check) || self->plan == NULL ||
      self->planning || self->checking || self->starting || self->job != NULL)
    return;

  g_clear_pointer (&self->target, roster_import_target_free);
  self->target = dup_target (self);
  if (self->target == NULL)
    return;

  self->starting = TRUE;
  set_busy_spinner (self);
  update_actions (self);

  task = g_task_new (NULL, self->cancellable, hash_cb, call_new (self, self->cancellable));
  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, g_object_ref (self->file), g_object_unref);
  g_task_run_in_thread (task, hash_in_thread);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (widget);

  if (self->job == NULL || is_running (self) || roster_import_job_get_n_failed (self->job) == 0)
    return;

  roster_import_job_set_retry_failed (self->job, TRUE);
  go_to (self, STEP_RUN);
  roster_import_job_start (self->job);
  update_actions (self);
}

static void
resend_unknown_response_cb (AdwMessageDialog   *dialog,
                            const char         *response,
                            RosterImportDialog *self)
{
  if (g_strcmp0 (response, "send") != 0 || self->job == NULL || is_running (self))
    return;

  /* Only this once: a later retry checks again. */
  roster_import_job_set_resend_unknown (self->job, TRUE);
  go_to (self, STEP_RUN);
  roster_import_job_start (self->job);
  roster_import_job_set_resend_unknown (self->job, FALSE);
  update_actions (self);
}

/* Rows whose call may have landed, and that lookups could not settle: sending them is the
 * user's call, after a plain warning. */
static void
resend_unknown_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (widget);
  AdwMessageDialog *dialog;
  guint n_unknown;

  if (self->job == NULL || is_running (self) || (n_unknown = roster_import_job_get_n_unknown (self->job)) == 0)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       ngettext ("Send the Unknown Row?",
                                                                 "Send the Unknown Rows?", n_unknown),
                                                       NULL));
  adw_message_dialog_format_body (dialog,
                                  ngettext ("Roster could not prove whether %u person was registered: "
                                            "the answer was lost and the server’s search could not "
                                            "settle it. Sending the row again may register the "
                                            "person twice. Check the webinar’s registrants first if "
                                            "you can.",
                                            "Roster could not prove whether %u people were registered: "
                                            "the answers were lost and the server’s search could not "
                                            "settle it. Sending the rows again may register some of "
                                            "them twice. Check the webinar’s registrants first if you "
                                            "can.", n_unknown),
                                  n_unknown);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "send", _("_Send Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "send", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (resend_unknown_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Navigation ---------------------------------------------------------------------------------- */

static gboolean
can_go_next (RosterImportDialog *self)
{
  switch (self->step)
    {
    case STEP_FILE:
      return self->plan != NULL && !self->loading;
    case STEP_COLUMNS:
      return self->plan != NULL && !self->planning &&
             roster_import_mapping_get_column (self->mapping, ROSTER_IMPORT_FIELD_EMAIL) >= 0;
    case STEP_TARGET:
      return roster_target_picker_get_valid (self->picker);
    case STEP_REVIEW:
      return self->plan != NULL && !self->planning && !self->checking && !self->starting &&
             roster_target_picker_get_valid (self->picker) &&
             count_to_send (self) > 0 &&
             gtk_check_button_get_active (self->consent_check);
    case STEP_RUN:
      return self->job != NULL && !is_running (self);
    case STEP_RESULTS:
      return TRUE;
    case N_STEPS:
    default:
      g_assert_not_reached ();
    }
}

static void
update_actions (RosterImportDialog *self)
{
  gboolean back = self->step > STEP_FILE && self->step <= STEP_REVIEW && !self->starting;
  const char *label;
  const char *tooltip = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.next", can_go_next (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back", back);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->step > STEP_FILE && self->step <= STEP_REVIEW);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.check-registered",
                                 self->plan != NULL && !self->checking && !self->planning &&
                                 roster_target_picker_get_webinar (self->picker) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.retry",
                                 self->job != NULL && !is_running (self) &&
                                 roster_import_job_get_n_failed (self->job) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.resend-unknown",
                                 self->job != NULL && !is_running (self) &&
                                 roster_import_job_get_n_unknown (self->job) > 0);

  switch (self->step)
    {
    case STEP_REVIEW:
      label = self->journal_path != NULL ? _("_Resume Import") : _("_Start Import");
      tooltip = gtk_check_button_get_active (self->consent_check)
                ? _("Register the ready rows for the webinar")
                : _("Confirm the people’s consent first");
      break;
    case STEP_RUN:
      label = _("Show _Results");
      break;
    case STEP_RESULTS:
      label = _("_Done");
      break;
    case STEP_FILE:
    case STEP_COLUMNS:
    case STEP_TARGET:
    case N_STEPS:
    default:
      label = _("_Next");
      break;
    }
  gtk_button_set_label (self->next_button, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), self->step != STEP_RUN || !is_running (self));

  /* Translators: "Step 2 of 6: Columns" */
  subtitle = g_strdup_printf (_("Step %u of %u: %s"), self->step + 1, (guint) N_STEPS,
                              gtk_stack_page_get_title (gtk_stack_get_page (self->stack,
                                                                             gtk_stack_get_child_by_name (self->stack, step_names[self->step]))));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
go_to (RosterImportDialog *self,
       Step                step)
{
  GtkWidget *focus = NULL;

  self->step = step;
  gtk_stack_set_visible_child_name (self->stack, step_names[step]);

  if (step == STEP_TARGET && roster_target_picker_get_webinar (self->picker) == NULL &&
      self->webinars != NULL && g_list_model_get_n_items (self->webinars) > 0)
    {
      g_autoptr(RosterWebinar) first = g_list_model_get_item (self->webinars, 0);

      roster_target_picker_set_webinar (self->picker, first);
    }

  switch (step)
    {
    case STEP_FILE:
      focus = self->plan != NULL ? GTK_WIDGET (self->next_button) : GTK_WIDGET (self->choose_button);
      break;
    case STEP_COLUMNS:
      focus = GTK_WIDGET (self->field_rows[ROSTER_IMPORT_FIELD_EMAIL]);
      break;
    case STEP_TARGET:
      focus = GTK_WIDGET (self->picker);
      break;
    case STEP_REVIEW:
      focus = GTK_WIDGET (self->consent_check);
      break;
    case STEP_RUN:
    case STEP_RESULTS:
    case N_STEPS:
    default:
      break;
    }

  update_actions (self);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (widget);

  if (!can_go_next (self))
    return;

  switch (self->step)
    {
    case STEP_FILE:
    case STEP_COLUMNS:
    case STEP_TARGET:
      go_to (self, self->step + 1);
      break;
    case STEP_REVIEW:
      start_import (self);
      break;
    case STEP_RUN:
      go_to (self, STEP_RESULTS);
      break;
    case STEP_RESULTS:
      gtk_window_close (GTK_WINDOW (self));
      break;
    case N_STEPS:
    default:
      g_assert_not_reached ();
    }
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (widget);

  if (self->step > STEP_FILE && self->step <= STEP_REVIEW && !self->starting)
    go_to (self, self->step - 1);
}

/* ---- Closing ------------------------------------------------------------------------------------- */

static void
stop_response_cb (AdwMessageDialog   *dialog,
                  const char         *response,
                  RosterImportDialog *self)
{
  g_autoptr(AdwMessageDialog) question = NULL;

  if (!g_str_equal (response, "stop"))
    return;

  if (self->job != NULL)
    roster_import_job_cancel (self->job);
  self->close_confirmed = TRUE;

  /* The question goes before this window, and lets go of it: it may outlive this window while
   * it emits this, and GTK 4.8 does not clear a closed window's transient parent when the
   * parent is destroyed, so it would later reach into this window after it is freed. */
  question = g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (question));
  gtk_window_set_transient_for (GTK_WINDOW (question), NULL);
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
roster_import_dialog_close_request (GtkWindow *window)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (window);
  AdwMessageDialog *dialog;

  if (self->close_confirmed || !is_running (self))
    return GTK_WINDOW_CLASS (roster_import_dialog_parent_class)->close_request (window);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Stop the import?"),
                                                       _("Everyone registered so far stays registered. "
                                                         "Roster’s journal keeps track of every row that "
                                                         "is done, so you can resume this import later "
                                                         "and nobody is registered twice.")));
  adw_message_dialog_add_responses (dialog,
                                    "continue", _("_Keep Importing"),
                                    "stop", _("_Stop Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "stop", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "continue");
  adw_message_dialog_set_close_response (dialog, "continue");
  g_signal_connect_object (dialog, "response", G_CALLBACK (stop_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ---- Resuming ------------------------------------------------------------------------------------ */

/* The journal stays open (it is locked while open) and is the one the job continues. */
static gboolean
read_journal (RosterImportDialog *self,
              GError            **error)
{
  g_autofree char *account_id = roster_client_dup_account_id (self->client);
  g_autoptr(RosterImportJournal) journal = roster_import_journal_open_path (self->journal_path, account_id,
                                                                           ROSTER_IMPORT_JOURNAL_OPEN_NONE, error);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *done = NULL;
  g_autofree char *subtitle = NULL;
  guint n_registered;

  if (journal == NULL)
    return FALSE;

  self->resume_target = roster_import_target_copy (roster_import_journal_get_target (journal));
  g_clear_object (&self->file);
  self->file = g_file_new_for_path (roster_import_journal_get_file_name (journal));
  name = g_file_get_basename (self->file);
  n_registered = roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_STATE_REGISTERED);
  self->journal = g_steal_pointer (&journal);

  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Resuming the unfinished import of “%s”"), name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->resume_row), text);
  /* Translators: people registered before the import stopped */
  done = g_strdup_printf (ngettext ("%u person was registered before it stopped.",
                                    "%u people were registered before it stopped.", n_registered),
                          n_registered);
  /* Translators: the first %s is the sentence above */
  subtitle = g_strdup_printf (_("%s Rows already done are not sent again; rows whose outcome is not "
                                "known are looked up first."), done);
  adw_action_row_set_subtitle (self->resume_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->resume_group), TRUE);
  return TRUE;
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
roster_import_dialog_constructed (GObject *object)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (object);
  g_autoptr(GFile) file = NULL;

  G_OBJECT_CLASS (roster_import_dialog_parent_class)->constructed (object);

  g_assert (self->client != NULL);

  if (self->webinars == NULL)
    self->webinars = G_LIST_MODEL (g_list_store_new (ROSTER_TYPE_WEBINAR));

  roster_target_picker_set_client (self->picker, self->client);
  roster_target_picker_set_webinars (self->picker, self->webinars);

  if (self->journal_path != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!read_journal (self, &error))
        {
          g_autofree char *message = g_strdup_printf (_("The unfinished import could not be read: %s"),
                                                      error->message);

          g_debug ("%s", message);
          show_file_error (self, message);
          g_clear_pointer (&self->journal_path, g_free);
        }
      else
        roster_target_picker_select (self->picker, self->resume_target->webinar_id,
                                     self->resume_target->schedule_id, self->resume_target->date,
                                     self->resume_target->timezone);
    }

  if (self->file != NULL)
    {
      file = g_object_ref (self->file);
      load_file (self, file);
    }

  go_to (self, STEP_FILE);
}

static void
roster_import_dialog_dispose (GObject *object)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (object);

  /* Callbacks check these before touching anything. */
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->plan_cancellable);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_handle_id (&self->replan_id, g_source_remove);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  /* A job still running is told to stop: calls in flight land and are journaled, and what
   * the job says from now on is for nobody here. */
  if (self->job != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->job, self);
      if (is_running (self))
        roster_import_job_cancel (self->job);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (roster_import_dialog_parent_class)->dispose (object);
}

static void
roster_import_dialog_finalize (GObject *object)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (object);

  g_clear_object (&self->client);
  g_clear_object (&self->webinars);
  g_clear_object (&self->settings);
  g_clear_object (&self->file);
  g_clear_pointer (&self->journal_path, g_free);
  g_clear_pointer (&self->resume_target, roster_import_target_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->plan_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_pointer (&self->preview, roster_csv_preview_free);
  g_clear_pointer (&self->mapping, roster_import_mapping_free);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->extra_rows, g_ptr_array_unref);
  g_clear_object (&self->problems);
  g_clear_object (&self->journal);
  g_clear_object (&self->job);
  g_clear_pointer (&self->target, roster_import_target_free);

  G_OBJECT_CLASS (roster_import_dialog_parent_class)->finalize (object);
}

static void
roster_import_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_WEBINARS:
      g_value_set_object (value, self->webinars);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_JOURNAL_PATH:
      g_value_set_string (value, self->journal_path);
      break;
    case PROP_STEP:
      g_value_set_string (value, step_names[self->step]);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, is_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_import_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_WEBINARS:
      self->webinars = g_value_dup_object (value);
      break;
    case PROP_FILE:
      g_set_object (&self->file, g_value_get_object (value));
      break;
    case PROP_JOURNAL_PATH:
      self->journal_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_import_dialog_class_init (RosterImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = roster_import_dialog_constructed;
  object_class->dispose = roster_import_dialog_dispose;
  object_class->finalize = roster_import_dialog_finalize;
  object_class->get_property = roster_import_dialog_get_property;
  object_class->set_property = roster_import_dialog_set_property;
  window_class->close_request = roster_import_dialog_close_request;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         ROSTER_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* RosterWebinar items, as the webinar list has them. */
  properties[PROP_WEBINARS] =
    g_param_spec_object ("webinars", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_JOURNAL_PATH] =
    g_param_spec_string ("journal-path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STEP] =
    g_param_spec_string ("step", NULL, NULL, "file",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ROSTER_TYPE_IMPORT_RUN_PAGE);
  g_type_ensure (ROSTER_TYPE_IMPORT_RESULTS_PAGE);
  g_type_ensure (ROSTER_TYPE_TARGET_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, file_page);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, drop_area);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, file_error_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, file_error_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, detection_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, file_name_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, header_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, rows_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, extras_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, target_message_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, target_message_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, picker);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, resume_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, resume_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, ready_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, invalid_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, duplicate_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, registered_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, check_spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, check_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, registered_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, skip_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, reload_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, problems_scroll);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, problems_view);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, consent_check);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, run_page);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, results_page);

  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "import.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "import.check-registered", NULL, check_registered_action);
  gtk_widget_class_install_action (widget_class, "import.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "import.resend-unknown", NULL, resend_unknown_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "import.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "import.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "import.back", NULL);
}

static void
consent_toggled_cb (RosterImportDialog *self)
{
  update_actions (self);
}

static void
warnings_toggled_cb (RosterImportDialog *self)
{
  fill_review (self);
  update_actions (self);
}

static void
roster_import_dialog_init (RosterImportDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APPLICATION_ID);
  self->load_cancellable = g_cancellable_new ();
  self->plan_cancellable = g_cancellable_new ();
  self->check_cancellable = g_cancellable_new ();
  self->extra_rows = g_ptr_array_new ();
  self->problems = roster_index_list_new ();

  /* Columns: one row per field, filled when a file is read. */
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

  /* Target */
  g_signal_connect_object (self->picker, "changed",
                           G_CALLBACK (target_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->picker, "notify::loading",
                           G_CALLBACK (target_loading_cb), self, G_CONNECT_SWAPPED);

  /* Review */
  g_signal_connect (factory, "setup", G_CALLBACK (problem_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (problem_bind_cb), self, 0);
  gtk_list_view_set_factory (self->problems_view, factory);
  gtk_list_view_set_model (self->problems_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->problems)))));
  g_signal_connect_object (self->consent_check, "notify::active",
                           G_CALLBACK (consent_toggled_cb), self, G_CONNECT_SWAPPED);

  self->warnings_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->warnings_row), FALSE);
  adw_action_row_set_subtitle (self->warnings_row, _("They could be sent, but something in them looks wrong"));
  self->warnings_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->warnings_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->warnings_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Also skip the rows with warnings"), -1);
  adw_action_row_add_suffix (self->warnings_row, GTK_WIDGET (self->warnings_switch));
  adw_action_row_set_activatable_widget (self->warnings_row, GTK_WIDGET (self->warnings_switch));
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_row), FALSE);
  g_signal_connect_object (self->warnings_switch, "notify::active",
                           G_CALLBACK (warnings_toggled_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->problems_group, GTK_WIDGET (self->warnings_row));

  /* A file dropped on the first page is read like a chosen one. */
  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (self->file_page, GTK_EVENT_CONTROLLER (drop));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Next step"), -1);
}

/* ---- Public API ------------------------------------------------------------------------------ */

/**
 * roster_import_dialog_new:
 * @parent: (nullable): the main window
 * @client: the account's client
 * @webinars: (nullable): RosterWebinar items to choose from, as the webinar list has them
 * @file: (nullable): a file to read at once, as one dropped on the main window
 *
 * The dialog is not modal, so the main window stays usable during a long import.
 */
RosterImportDialog *
roster_import_dialog_new (GtkWindow    *parent,
                          RosterClient *client,
                          GListModel   *webinars,
                          GFile        *file)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (webinars == NULL || G_IS_LIST_MODEL (webinars), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  return g_object_new (ROSTER_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "client", client,
                       "webinars", webinars,
                       "file", file,
                       NULL);
}

/**
 * roster_import_dialog_new_for_journal:
 * @journal_path: an unfinished import's journal, as roster_import_journal_list() gives it
 *
 * Reopens the file and the webinar the journal records and shows the review, where the user
 * confirms again before the import continues.
 */
RosterImportDialog *
roster_import_dialog_new_for_journal (GtkWindow    *parent,
                                      RosterClient *client,
                                      GListModel   *webinars,
                                      const char   *journal_path)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (webinars == NULL || G_IS_LIST_MODEL (webinars), NULL);
  g_return_val_if_fail (journal_path != NULL, NULL);

  return g_object_new (ROSTER_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "client", client,
                       "webinars", webinars,
                       "journal-path", journal_path,
                       NULL);
}

/* Reads @file, as a drop on the main window does while the dialog is open; ignored while an
 * import runs. */
void
roster_import_dialog_open_file (RosterImportDialog *self,
                                GFile              *file)
{
  g_return_if_fail (ROSTER_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  load_file (self, file);
}

GFile *
roster_import_dialog_get_file (RosterImportDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_DIALOG (self), NULL);

  return self->file;
}

/* "file", "columns", "target", "review", "run" or "results". */
const char *
roster_import_dialog_get_step (RosterImportDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_DIALOG (self), NULL);

  return step_names[self->step];
}

/* Whether an import is being sent (or paused): closing then asks first. */
gboolean
roster_import_dialog_get_running (RosterImportDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_DIALOG (self), FALSE);

  return is_running (self);
}

/* The job once the import started, or NULL. */
RosterImportJob *
roster_import_dialog_get_job (RosterImportDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_DIALOG (self), NULL);

  return self->job;
}
