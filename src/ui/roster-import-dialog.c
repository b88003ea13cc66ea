/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-dialog-private.h"

/* "Import from CSV": file, columns, webinar, review, run, results, each step a widget of its
 * own; the dialog moves between them and has the work they ask for done by its
 * RosterImportSession: reading the file (again whenever the columns change; in
 * roster-import-dialog-load.c), finding the journal, and the job (roster-import-dialog-start.c).
 * Nothing is sent before the user confirms the people's consent on the review step; the job
 * journals every row, so the window is not modal: the main window stays usable during a long
 * run. */

static const char * const step_names[N_STEPS] = {
  "file", "columns", "target", "tidy", "review", "run", "results",
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

/* ---- Small helpers --------------------------------------------------------------------------- */

void
_roster_import_dialog_set_busy_spinner (RosterImportDialog *self)
{
  gboolean busy = self->loading || self->planning || self->starting;

  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
}

/* ---- Step 3: target ---------------------------------------------------------------------------- */

static void
target_changed (RosterImportDialog *self)
{
  /* Who is registered depends on the webinar. */
  if (roster_import_review_step_forget_check (self->review_step))
    _roster_import_dialog_schedule_replan (self, TRUE);
  _roster_import_dialog_update_actions (self);
}

/* Resuming: with the target known again, the review is next. */
static void
target_loading_cb (RosterImportDialog *self)
{
  if (self->resume_target != NULL && self->step == STEP_TARGET && self->plan != NULL &&
      !roster_target_picker_get_loading (self->picker) && roster_target_picker_get_valid (self->picker))
    _roster_import_dialog_go_to (self, STEP_REVIEW);
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
             roster_import_columns_step_get_ready (self->columns_step);
    case STEP_TARGET:
      return roster_target_picker_get_valid (self->picker);
    case STEP_TIDY:
      return self->plan != NULL && !self->planning;
    case STEP_REVIEW:
      return self->plan != NULL && !self->planning && !self->starting &&
             !roster_import_review_step_get_checking (self->review_step) &&
             roster_target_picker_get_valid (self->picker) &&
             roster_import_review_step_get_ready (self->review_step);
    case STEP_RUN:
      return self->job != NULL && !_roster_import_dialog_is_running (self);
    case STEP_RESULTS:
      return TRUE;
    case N_STEPS:
    default:
      g_assert_not_reached ();
    }
}

void
_roster_import_dialog_update_actions (RosterImportDialog *self)
{
  gboolean back = self->step > STEP_FILE && self->step <= STEP_REVIEW && !self->starting;
  const char *label;
  const char *tooltip = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.next", can_go_next (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back", back);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->step > STEP_FILE && self->step <= STEP_REVIEW);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.check-registered",
                                 self->plan != NULL && !self->planning &&
                                 !roster_import_review_step_get_checking (self->review_step) &&
                                 roster_target_picker_get_webinar (self->picker) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.retry",
                                 self->job != NULL && !_roster_import_dialog_is_running (self) &&
                                 roster_import_job_get_n_failed (self->job) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.resend-unknown",
                                 self->job != NULL && !_roster_import_dialog_is_running (self) &&
                                 roster_import_job_get_n_unknown (self->job) > 0);

  switch (self->step)
    {
    case STEP_REVIEW:
      label = self->journal_path == NULL ? _("_Start Import")
              : self->retry_failed ? _("_Retry Failed Rows") : _("_Resume Import");
      tooltip = roster_import_review_step_get_consent (self->review_step)
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
    case STEP_TIDY:
    case N_STEPS:
    default:
      label = _("_Next");
      break;
    }
  gtk_button_set_label (self->next_button, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button),
                          self->step != STEP_RUN || !_roster_import_dialog_is_running (self));

  /* Translators: "Step 2 of 6: Columns" */
  subtitle = g_strdup_printf (_("Step %u of %u: %s"), self->step + 1, (guint) N_STEPS,
                              gtk_stack_page_get_title (gtk_stack_get_page (self->stack,
                                                                             gtk_stack_get_child_by_name (self->stack, step_names[self->step]))));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

void
_roster_import_dialog_go_to (RosterImportDialog *self,
                             Step                step)
{
  GtkWidget *focus = NULL;

  self->step = step;
  gtk_stack_set_visible_child_name (self->stack, step_names[step]);

  if (step == STEP_TARGET)
    roster_import_target_step_choose_default (self->target_step);
  /* Once the columns were on screen, they are the user's, remembered or not. */
  if (step == STEP_COLUMNS)
    self->use_remembered = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->remembered_banner),
                          self->use_remembered && (step == STEP_TARGET || step == STEP_TIDY));

  switch (step)
    {
    case STEP_FILE:
      focus = self->plan != NULL ? GTK_WIDGET (self->next_button) : GTK_WIDGET (self->file_step);
      break;
    case STEP_COLUMNS:
      focus = GTK_WIDGET (self->columns_step);
      break;
    case STEP_TARGET:
      focus = GTK_WIDGET (self->target_step);
      break;
    case STEP_TIDY:
      /* Not a switch, which Enter would flip: Enter goes on, as on every step. */
      focus = GTK_WIDGET (self->next_button);
      break;
    case STEP_REVIEW:
      focus = GTK_WIDGET (self->review_step);
      roster_import_target_summary_show (roster_import_review_step_get_target_summary (self->review_step),
                                         roster_import_target_step_get_picker (self->target_step));
      break;
    case STEP_RUN:
    case STEP_RESULTS:
    case N_STEPS:
    default:
      break;
    }

  _roster_import_dialog_update_actions (self);
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
      /* The columns remembered for this header: nothing to choose there. */
      _roster_import_dialog_go_to (self, self->use_remembered ? STEP_TARGET : STEP_COLUMNS);
      break;
    case STEP_COLUMNS:
    case STEP_TARGET:
    case STEP_TIDY:
      _roster_import_dialog_go_to (self, self->step + 1);
      break;
    case STEP_REVIEW:
      _roster_import_dialog_start_import (self);
      break;
    case STEP_RUN:
      _roster_import_dialog_go_to (self, STEP_RESULTS);
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
    _roster_import_dialog_go_to (self, self->step - 1);
}

/* "Change" on the remembered mapping's banner: the columns step after all. */
static void
change_columns_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (widget);

  if (self->step > STEP_REVIEW || self->starting || self->plan == NULL)
    return;
  _roster_import_dialog_go_to (self, STEP_COLUMNS);
}

/* ---- Closing ------------------------------------------------------------------------------------- */

static gboolean
roster_import_dialog_close_request (GtkWindow *window)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (window);

  if (self->close_confirmed || self->backgrounded || !_roster_import_dialog_is_running (self))
    return GTK_WINDOW_CLASS (roster_import_dialog_parent_class)->close_request (window);

  _roster_import_dialog_ask_stop (self);
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

  self->session = roster_import_session_new (self->client);
  {
    g_autoptr(RosterImportMemory) memory = roster_import_memory_new_for_client (self->client);

    roster_import_session_set_memory (self->session, memory);
  }

  /* Resuming: the journal names the file, which is read next. */
  if (self->journal_path != NULL)
    _roster_import_dialog_resume (self);
  else if (self->file != NULL)
    {
      file = g_object_ref (self->file);
      _roster_import_dialog_load_file (self, file);
    }

  _roster_import_dialog_go_to (self, STEP_FILE);
}

static void
roster_import_dialog_dispose (GObject *object)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (object);

  /* Callbacks check these before touching anything. */
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->plan_cancellable);
  g_clear_handle_id (&self->replan_id, g_source_remove);
  if (self->problems_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->problems_chooser));
  g_clear_object (&self->problems_chooser);

  /* A job still running is told to stop: calls in flight land and are journaled, and what
   * the job says from now on is for nobody here. */
  if (self->job != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->job, self);
      if (!self->backgrounded && _roster_import_dialog_is_running (self))
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
  g_clear_object (&self->account);
  g_clear_object (&self->registrant_store);
  g_clear_object (&self->webinars);
  g_clear_object (&self->settings);
  g_clear_object (&self->file);
  g_clear_pointer (&self->journal_path, g_free);
  g_clear_pointer (&self->resume_target, roster_import_target_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->plan_cancellable);
  g_clear_object (&self->plan);
  g_clear_object (&self->job);
  g_clear_object (&self->session);
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
      g_value_set_boolean (value, _roster_import_dialog_is_running (self));
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

  g_type_ensure (ROSTER_TYPE_IMPORT_FILE_STEP);
  g_type_ensure (ROSTER_TYPE_IMPORT_COLUMNS_STEP);
  g_type_ensure (ROSTER_TYPE_IMPORT_REVIEW_STEP);
  g_type_ensure (ROSTER_TYPE_IMPORT_RUN_PAGE);
  g_type_ensure (ROSTER_TYPE_IMPORT_RESULTS_PAGE);
  g_type_ensure (ROSTER_TYPE_IMPORT_TARGET_STEP);
  g_type_ensure (ROSTER_TYPE_IMPORT_TIDY_STEP);
  g_type_ensure (ROSTER_TYPE_IMPORT_REMEMBERED_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, file_step);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, columns_step);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, target_step);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, tidy_step);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, remembered_banner);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, review_step);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, run_page);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, results_page);

  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "import.reload", NULL, _roster_import_dialog_reload_action);
  gtk_widget_class_install_action (widget_class, "import.export-problems", NULL,
                                   _roster_import_dialog_export_problems_action);
  gtk_widget_class_install_action (widget_class, "import.change-columns", NULL, change_columns_action);
  gtk_widget_class_install_action (widget_class, "import.check-registered", NULL,
                                   _roster_import_dialog_check_registered_action);
  gtk_widget_class_install_action (widget_class, "import.retry", NULL, _roster_import_dialog_retry_action);
  gtk_widget_class_install_action (widget_class, "import.resend-unknown", NULL,
                                   _roster_import_dialog_resend_unknown_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "import.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "import.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "import.back", NULL);
}

/* A new file is read from its first sheet. */
static void
file_chosen_cb (RosterImportDialog *self,
                GFile              *file)
{
  roster_import_session_set_sheet (self->session, NULL);
  _roster_import_dialog_load_file (self, file);
}

static void
sheet_chosen_cb (RosterImportDialog *self,
                 const char         *sheet)
{
  g_autoptr(GFile) file = self->file != NULL ? g_object_ref (self->file) : NULL;

  if (file == NULL)
    return;
  roster_import_session_set_sheet (self->session, sheet);
  _roster_import_dialog_load_file (self, file);
}

static void
columns_changed_cb (RosterImportDialog *self,
                    gboolean            now)
{
  _roster_import_dialog_schedule_replan (self, now);
}

static void
tidy_changed_cb (RosterImportDialog *self)
{
  _roster_import_dialog_schedule_replan (self, TRUE);
}

static void
roster_import_dialog_init (RosterImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APPLICATION_ID);
  self->load_cancellable = g_cancellable_new ();
  self->plan_cancellable = g_cancellable_new ();
  self->picker = roster_import_target_step_get_picker (self->target_step);

  g_signal_connect_object (self->file_step, "file-chosen",
                           G_CALLBACK (file_chosen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->file_step, "text-pasted",
                           G_CALLBACK (_roster_import_dialog_load_text), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->file_step, "sheet-chosen",
                           G_CALLBACK (sheet_chosen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->columns_step, "changed",
                           G_CALLBACK (columns_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tidy_step, "changed",
                           G_CALLBACK (tidy_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->picker, "changed",
                           G_CALLBACK (target_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->picker, "notify::loading",
                           G_CALLBACK (target_loading_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_step, "notify::ready",
                           G_CALLBACK (_roster_import_dialog_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_step, "notify::checking",
                           G_CALLBACK (_roster_import_dialog_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_step, "notify::checked",
                           G_CALLBACK (_roster_import_dialog_checked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_step, "notify::consent",
                           G_CALLBACK (_roster_import_dialog_update_actions), self, G_CONNECT_SWAPPED);

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

  _roster_import_dialog_load_file (self, file);
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

  return _roster_import_dialog_is_running (self);
}

/* The account whose local store answers "already registered" and hears of the registrations.
 * Without one, the dialog keeps a store in memory for its own check. */
void
roster_import_dialog_set_account (RosterImportDialog *self,
                                  RosterAccount      *account)
{
  g_return_if_fail (ROSTER_IS_IMPORT_DIALOG (self));
  g_return_if_fail (account == NULL || ROSTER_IS_ACCOUNT (account));

  g_set_object (&self->account, account);
  g_clear_object (&self->registrant_store);
}

/* The job once the import started, or NULL. */
RosterImportJob *
roster_import_dialog_get_job (RosterImportDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_DIALOG (self), NULL);

  return self->job;
}
