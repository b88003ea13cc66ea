/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "roster-import-columns-step.h"
#include "roster-import-dialog.h"
#include "roster-import-file-step.h"
#include "roster-import-job.h"
#include "roster-error.h"
#include "roster-import-session.h"
#include "roster-import-prompts.h"
#include "roster-import-results-page.h"
#include "roster-import-review-step.h"
#include "roster-import-run-page.h"
#include "roster-import-target-step.h"
#include "roster-ui-call.h"

/* "Import from CSV": file, columns, webinar, review, run, results, each step a widget of its
 * own; the dialog moves between them and has the work they ask for done by its
 * RosterImportSession: reading the file (again whenever the columns change), finding the
 * journal, and the job.  Nothing is sent before the user confirms the people's consent on the
 * review step; the job journals every row, so the window is not modal: the main window stays
 * usable during a long run. */

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
  RosterImportSession  *session;
  GListModel           *webinars;
  GFile                *file;
  char                 *journal_path;       /* resuming: the journal to continue */
  RosterImportTarget   *resume_target;      /* resuming: the target it was for */

  GCancellable         *cancellable;        /* everything; cancelled in dispose */
  GSettings            *settings;
  GCancellable         *load_cancellable;   /* reading the file */
  GCancellable         *plan_cancellable;   /* reading it again for a new mapping */

  Step                  step;
  RosterImportPlan     *plan;
  gboolean              loading;
  gboolean              planning;
  guint                 replan_id;
  gboolean              starting;
  gboolean              close_confirmed;

  /* Run: the session's */
  RosterImportJob      *job;
  RosterImportTarget   *target;

  RosterTargetPicker   *picker;             /* the target step's */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  GtkButton            *next_button;
  GtkSpinner           *busy_spinner;
  GtkStack             *stack;
  RosterImportFileStep    *file_step;
  RosterImportColumnsStep *columns_step;
  RosterImportTargetStep  *target_step;
  RosterImportReviewStep  *review_step;
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

static void
set_busy_spinner (RosterImportDialog *self)
{
  gboolean busy = self->loading || self->planning || self->starting;

  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
}

/* ---- Step 1: the file ------------------------------------------------------------------------ */

static void
set_plan (RosterImportDialog *self,
          RosterImportPlan   *plan)
{
  g_set_object (&self->plan, plan);
  roster_import_file_step_set_plan (self->file_step, plan);
  roster_import_columns_step_set_plan (self->columns_step, plan);
  roster_import_review_step_set_plan (self->review_step, plan);
  update_actions (self);
}

static void
show_load_error (RosterImportDialog *self,
                 const GError       *error)
{
  g_autofree char *message = NULL;

  /* Translators: %s says why, in the system's words */
  message = g_strdup_printf (_("The file could not be read: %s"), error->message);
  roster_import_file_step_show_error (self->file_step, message);
  roster_import_file_step_show_detection (self->file_step, NULL, NULL);
  update_actions (self);
}

/* The first plan of a file: loading is over. */
static void
first_plan_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RosterUiCall) call = user_data;
  g_autoptr(GError) error = NULL;
  RosterImportDialog *self;
  RosterImportPlan *plan;

  self = roster_ui_call_get_owner (call);
  if (self == NULL)
    return;
  plan = roster_import_session_plan_finish (self->session, result, &error);
  self->loading = FALSE;
  set_busy_spinner (self);
  if (plan == NULL)
    {
      show_load_error (self, error);
      return;
    }
  set_plan (self, plan);

  /* Resuming: the target and the consent are what is left to confirm. */
  if (self->resume_target != NULL && self->step == STEP_FILE)
    go_to (self, roster_target_picker_get_detail (self->picker) != NULL ? STEP_REVIEW : STEP_TARGET);
  else if (self->step == STEP_FILE)
    gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RosterUiCall) call = user_data;
  g_autoptr(GError) error = NULL;
  RosterImportDialog *self;

  self = roster_ui_call_get_owner (call);
  if (self == NULL)
    return;
  if (!roster_import_session_load_finish (self->session, result, &error))
    {
      self->loading = FALSE;
      set_busy_spinner (self);
      show_load_error (self, error);
      return;
    }

  roster_import_file_step_show_detection (self->file_step, self->file,
                                          roster_import_session_get_preview (self->session));
  roster_import_columns_step_set_file (self->columns_step,
                                       roster_import_session_get_preview (self->session),
                                       roster_import_session_get_mapping (self->session));
  roster_import_session_plan_async (self->session, self->load_cancellable, first_plan_cb,
                                    roster_ui_call_new (self, self->load_cancellable));
}

static void
load_file (RosterImportDialog *self,
           GFile              *file)
{
  g_return_if_fail (G_IS_FILE (file));

  if (self->step > STEP_REVIEW || self->starting)
    return;

  replace_cancellable (&self->load_cancellable);
  g_cancellable_cancel (self->plan_cancellable);
  roster_import_review_step_forget_check (self->review_step);
  g_clear_handle_id (&self->replan_id, g_source_remove);
  self->planning = FALSE;

  g_set_object (&self->file, file);
  g_clear_object (&self->plan);
  self->loading = TRUE;
  set_busy_spinner (self);
  roster_import_file_step_show_error (self->file_step, NULL);
  roster_import_review_step_set_consent (self->review_step, FALSE);
  if (self->step != STEP_FILE)
    go_to (self, STEP_FILE);
  update_actions (self);

  roster_import_session_load_async (self->session, file, self->load_cancellable, load_cb,
                                    roster_ui_call_new (self, self->load_cancellable));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
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
plan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RosterUiCall) call = user_data;
  g_autoptr(GError) error = NULL;
  RosterImportPlan *plan;
  RosterImportDialog *self;

  self = roster_ui_call_get_owner (call);
  if (self == NULL)
    return;
  plan = roster_import_session_plan_finish (self->session, result, &error);
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
  const RosterImportMapping *mapping = roster_import_columns_step_get_mapping (self->columns_step);

  self->replan_id = 0;
  if (self->file == NULL || mapping == NULL)
    return;

  replace_cancellable (&self->plan_cancellable);
  self->planning = TRUE;
  set_busy_spinner (self);
  update_actions (self);

  roster_import_session_set_mapping (self->session, mapping);
  roster_import_session_plan_async (self->session, self->plan_cancellable, plan_cb,
                                    roster_ui_call_new (self, self->plan_cancellable));
}

/* ---- Step 3: target ---------------------------------------------------------------------------- */

static void
target_changed (RosterImportDialog *self)
{
  /* Who is registered depends on the webinar. */
  if (roster_import_review_step_forget_check (self->review_step))
    schedule_replan (self, TRUE);
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

static void
check_registered_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (widget);
  RosterWebinar *webinar = roster_target_picker_get_webinar (self->picker);

  if (self->plan == NULL || webinar == NULL || self->planning)
    return;

  roster_import_review_step_check_registered (self->review_step, self->client, roster_webinar_get_id (webinar));
}

/* Rows marked as registered: the columns' preview shows them too. */
static void
checked_cb (RosterImportDialog *self)
{
  if (roster_import_review_step_get_checked (self->review_step))
    roster_import_columns_step_set_plan (self->columns_step, self->plan);
  update_actions (self);
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
start_job (RosterImportDialog *self,
           RosterImportJob    *job)
{
  g_set_object (&self->job, job);
  g_settings_bind_with_mapping (self->settings, "unknown-check-window", self->job, "check-window",
                                G_SETTINGS_BIND_GET, seconds_to_msec, NULL, NULL, NULL);
  for (guint row = 0; row < roster_import_plan_get_n_rows (self->plan); row++)
    if (roster_import_review_step_get_row_skipped (self->review_step, row))
      roster_import_job_set_row_skipped (self->job, row, TRUE);
  begin_job (self);
}

static void start_session (RosterImportDialog           *self,
                           RosterImportJournalOpenFlags  flags);

static void
recover (GtkWindow *window)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (window);

  if (self->job != NULL || self->plan == NULL || self->target == NULL)
    return;

  start_session (self, ROSTER_IMPORT_JOURNAL_OPEN_RECOVER);
}

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RosterUiCall) call = user_data;
  g_autoptr(GError) error = NULL;
  RosterImportDialog *self;
  RosterImportJob *job;

  self = roster_ui_call_get_owner (call);
  if (self == NULL)
    return;
  job = roster_import_session_start_finish (self->session, result, NULL, &error);
  self->starting = FALSE;
  set_busy_spinner (self);

  if (job != NULL)
    start_job (self, job);
  else if (g_error_matches (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_FILE_CHANGED))
    {
      /* The session let the old journal go: starting again is a new import. */
      roster_import_show_file_changed (GTK_WIDGET (self->review_step));
      g_clear_pointer (&self->journal_path, g_free);
      roster_import_review_step_show_resume (self->review_step, NULL, 0);
      update_actions (self);
    }
  else if (g_error_matches (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_DAMAGED))
    {
      roster_import_prompt_recover (GTK_WINDOW (self), error->message, recover);
      update_actions (self);
    }
  else
    show_start_error (self, error);
}

static void
start_session (RosterImportDialog           *self,
               RosterImportJournalOpenFlags  flags)
{
  self->starting = TRUE;
  set_busy_spinner (self);
  update_actions (self);
  roster_import_session_start_async (self->session, self->target, flags, self->cancellable, started_cb,
                                     roster_ui_call_new (self, self->cancellable));
}

static void
start_import (RosterImportDialog *self)
{
  if (!roster_import_review_step_get_consent (self->review_step) || self->plan == NULL ||
      self->planning || roster_import_review_step_get_checking (self->review_step) || self->starting || self->job != NULL)
    return;

  g_clear_pointer (&self->target, roster_import_target_free);
  self->target = roster_import_target_step_dup_target (self->target_step);
  if (self->target == NULL)
    return;

  start_session (self, ROSTER_IMPORT_JOURNAL_OPEN_NONE);
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
resend_unknown (GtkWindow *window)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (window);

  if (self->job == NULL || is_running (self))
    return;

  /* Only this once: a later retry checks again. */
  roster_import_job_set_resend_unknown (self->job, TRUE);
  go_to (self, STEP_RUN);
  roster_import_job_start (self->job);
  roster_import_job_set_resend_unknown (self->job, FALSE);
  update_actions (self);
}

static void
resend_unknown_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (widget);
  guint n_unknown;

  if (self->job == NULL || is_running (self) || (n_unknown = roster_import_job_get_n_unknown (self->job)) == 0)
    return;

  roster_import_prompt_resend_unknown (GTK_WINDOW (self), n_unknown, resend_unknown);
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
    case STEP_REVIEW:
      return self->plan != NULL && !self->planning && !self->starting &&
             !roster_import_review_step_get_checking (self->review_step) &&
             roster_target_picker_get_valid (self->picker) &&
             roster_import_review_step_get_ready (self->review_step);
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
                                 self->plan != NULL && !self->planning &&
                                 !roster_import_review_step_get_checking (self->review_step) &&
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

  if (step == STEP_TARGET)
    roster_import_target_step_choose_default (self->target_step);

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
    case STEP_REVIEW:
      focus = GTK_WIDGET (self->review_step);
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
stop (GtkWindow *window)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (window);

  if (self->job != NULL)
    roster_import_job_cancel (self->job);
  self->close_confirmed = TRUE;
  gtk_window_close (window);
}

static gboolean
roster_import_dialog_close_request (GtkWindow *window)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (window);

  if (self->close_confirmed || !is_running (self))
    return GTK_WINDOW_CLASS (roster_import_dialog_parent_class)->close_request (window);

  roster_import_prompt_stop (window, stop);
  return TRUE;
}

/* ---- Resuming ------------------------------------------------------------------------------------ */

/* The session keeps the journal open (it is locked while open) for the job to continue. */
static void
journal_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RosterUiCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  RosterImportDialog *self;
  const RosterImportTarget *target;

  self = roster_ui_call_get_owner (call);
  if (self == NULL)
    return;
  if (!roster_import_session_open_journal_finish (self->session, result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The unfinished import could not be read: %s"),
                                                  error->message);

      g_debug ("%s", message);
      self->loading = FALSE;
      set_busy_spinner (self);
      roster_import_file_step_show_error (self->file_step, message);
      g_clear_pointer (&self->journal_path, g_free);
      update_actions (self);
      return;
    }

  target = roster_import_session_get_resume_target (self->session);
  self->resume_target = roster_import_target_copy (target);
  name = g_file_get_basename (roster_import_session_get_file (self->session));
  roster_import_review_step_show_resume (self->review_step, name,
                                         roster_import_journal_get_count (roster_import_session_get_journal (self->session),
                                                                          ROSTER_IMPORT_ROW_REGISTERED));
  roster_target_picker_select (self->picker, target->webinar_id, target->schedule_id, target->date,
                               target->timezone);
  load_file (self, roster_import_session_get_file (self->session));
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

  /* Resuming: the journal names the file, which is read next. */
  if (self->journal_path != NULL)
    {
      self->loading = TRUE;
      set_busy_spinner (self);
      roster_import_session_open_journal_async (self->session, self->journal_path, self->cancellable,
                                                journal_opened_cb, roster_ui_call_new (self, self->cancellable));
    }
  else if (self->file != NULL)
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
  g_clear_handle_id (&self->replan_id, g_source_remove);

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

  g_type_ensure (ROSTER_TYPE_IMPORT_FILE_STEP);
  g_type_ensure (ROSTER_TYPE_IMPORT_COLUMNS_STEP);
  g_type_ensure (ROSTER_TYPE_IMPORT_REVIEW_STEP);
  g_type_ensure (ROSTER_TYPE_IMPORT_RUN_PAGE);
  g_type_ensure (ROSTER_TYPE_IMPORT_RESULTS_PAGE);
  g_type_ensure (ROSTER_TYPE_IMPORT_TARGET_STEP);

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
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, review_step);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, run_page);
  gtk_widget_class_bind_template_child (widget_class, RosterImportDialog, results_page);

  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
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
file_chosen_cb (RosterImportDialog *self,
                GFile              *file)
{
  load_file (self, file);
}

static void
columns_changed_cb (RosterImportDialog *self,
                    gboolean            now)
{
  schedule_replan (self, now);
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
  g_signal_connect_object (self->columns_step, "changed",
                           G_CALLBACK (columns_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->picker, "changed",
                           G_CALLBACK (target_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->picker, "notify::loading",
                           G_CALLBACK (target_loading_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_step, "notify::ready",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_step, "notify::checking",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_step, "notify::checked",
                           G_CALLBACK (checked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_step, "notify::consent",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);

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
