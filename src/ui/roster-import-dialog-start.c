/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-import-dialog-private.h"
#include "roster-import-prompts.h"
#include "roster-import-runner.h"
#include "roster-ui-call.h"

/* Starting the import dialog's job: resuming an unfinished import from its journal, starting
 * (or recovering a damaged journal), retrying, resending rows whose outcome is unknown, and
 * the question before a running import is stopped by closing the window. */

/* The setting is in seconds, the job's property in milliseconds. */
static gboolean
seconds_to_msec (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  g_value_set_uint (value, MIN (g_variant_get_uint32 (variant), G_MAXUINT / 1000) * 1000);
  return TRUE;
}

gboolean
_roster_import_dialog_is_running (RosterImportDialog *self)
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

/* ---- Step 5: run --------------------------------------------------------------------------------- */

static void
job_state_cb (RosterImportDialog *self)
{
  RosterImportJobState state = roster_import_job_get_state (self->job);

  if (state == ROSTER_IMPORT_JOB_FINISHED && self->step == STEP_RUN)
    _roster_import_dialog_go_to (self, STEP_RESULTS);
  _roster_import_dialog_update_actions (self);
  g_object_notify (G_OBJECT (self), "running");
}

/* Inside Roster's application the import goes on when this dialog or every window closes. */
static void
hand_to_runner (RosterImportDialog *self)
{
  RosterImportRunner *runner = roster_import_runner_for_window (GTK_WINDOW (self));
  RosterWebinar *webinar = roster_target_picker_get_webinar (self->picker);

  if (runner == NULL)
    return;

  roster_import_runner_add (runner, self->job, self->file,
                            webinar != NULL ? roster_webinar_get_name (webinar) : NULL);
  self->backgrounded = TRUE;
}

static void
begin_job (RosterImportDialog *self)
{
  roster_import_run_page_set_job (self->run_page, self->job);
  roster_import_results_page_set_job (self->results_page, self->job, self->file);
  g_signal_connect_object (self->job, "notify::state", G_CALLBACK (job_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->job, "notify::busy", G_CALLBACK (job_state_cb), self, G_CONNECT_SWAPPED);
  _roster_import_dialog_go_to (self, STEP_RUN);
  roster_import_job_start (self->job);
  hand_to_runner (self);
  _roster_import_dialog_update_actions (self);
  g_object_notify (G_OBJECT (self), "running");
}

static void
show_start_error (RosterImportDialog *self,
                  const GError       *error)
{
  g_autofree char *message = NULL;

  /* Translators: %s says why */
  message = g_strdup_printf (_("The import could not start: %s"), error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  _roster_import_dialog_update_actions (self);
}

static void
start_job (RosterImportDialog *self,
           RosterImportJob    *job)
{
  g_set_object (&self->job, job);
  roster_import_job_set_retry_failed (job, self->retry_failed);
  /* The account's store shows each registration at once; one opened later misses none of
   * them, as its refresh reads them from the server. */
  roster_import_job_set_registrant_store (job, self->registrant_store != NULL ? self->registrant_store
                                               : self->account != NULL ? roster_account_peek_registrant_store (self->account)
                                               : NULL);
  g_settings_bind_with_mapping (self->settings, "unknown-check-window", self->job, "check-window",
                                G_SETTINGS_BIND_GET, seconds_to_msec, NULL, NULL, NULL);
  roster_import_review_step_skip_rows (self->review_step, self->job);
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
  _roster_import_dialog_set_busy_spinner (self);

  if (job != NULL)
    start_job (self, job);
  else if (g_error_matches (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_FILE_CHANGED))
    {
      /* The session let the old journal go: starting again is a new import. */
      roster_import_show_file_changed (GTK_WIDGET (self->review_step));
      g_clear_pointer (&self->journal_path, g_free);
      self->retry_failed = FALSE;
      roster_import_review_step_show_resume (self->review_step, NULL, 0);
      _roster_import_dialog_update_actions (self);
    }
  else if (g_error_matches (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_DAMAGED))
    {
      roster_import_prompt_recover (GTK_WINDOW (self), error->message, recover);
      _roster_import_dialog_update_actions (self);
    }
  else
    show_start_error (self, error);
}

static void
start_session (RosterImportDialog           *self,
               RosterImportJournalOpenFlags  flags)
{
  g_autofree char *title = roster_target_picker_dup_webinar_title (self->picker);

  self->starting = TRUE;
  _roster_import_dialog_set_busy_spinner (self);
  _roster_import_dialog_update_actions (self);
  /* Remembered with the columns, for Preferences to show. */
  roster_import_session_set_webinar_title (self->session, title);
  roster_import_session_start_async (self->session, self->target, flags, self->cancellable, started_cb,
                                     roster_ui_call_new (self, self->cancellable));
}

void
_roster_import_dialog_start_import (RosterImportDialog *self)
{
  if (!roster_import_review_step_get_consent (self->review_step) || self->plan == NULL ||
      self->planning || roster_import_review_step_get_checking (self->review_step) || self->starting ||
      self->job != NULL)
    return;

  g_clear_pointer (&self->target, roster_import_target_free);
  self->target = roster_import_target_step_dup_target (self->target_step);
  if (self->target == NULL)
    return;

  start_session (self, ROSTER_IMPORT_JOURNAL_OPEN_NONE);
}

void
_roster_import_dialog_retry_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (widget);

  if (self->job == NULL || _roster_import_dialog_is_running (self) || roster_import_job_get_n_failed (self->job) == 0)
    return;

  roster_import_job_set_retry_failed (self->job, TRUE);
  _roster_import_dialog_go_to (self, STEP_RUN);
  roster_import_job_start (self->job);
  _roster_import_dialog_update_actions (self);
}

static void
resend_unknown (GtkWindow *window)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (window);

  if (self->job == NULL || _roster_import_dialog_is_running (self))
    return;

  /* Only this once: a later retry checks again. */
  roster_import_job_set_resend_unknown (self->job, TRUE);
  _roster_import_dialog_go_to (self, STEP_RUN);
  roster_import_job_start (self->job);
  roster_import_job_set_resend_unknown (self->job, FALSE);
  _roster_import_dialog_update_actions (self);
}

void
_roster_import_dialog_resend_unknown_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (widget);
  guint n_unknown;

  if (self->job == NULL || _roster_import_dialog_is_running (self) ||
      (n_unknown = roster_import_job_get_n_unknown (self->job)) == 0)
    return;

  roster_import_prompt_resend_unknown (GTK_WINDOW (self), n_unknown, resend_unknown);
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

/* Closing while the import runs asks first. */
void
_roster_import_dialog_ask_stop (RosterImportDialog *self)
{
  roster_import_prompt_stop (GTK_WINDOW (self), stop);
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
  RosterImportJournal *journal;

  self = roster_ui_call_get_owner (call);
  if (self == NULL)
    return;
  if (!roster_import_session_open_journal_finish (self->session, result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The unfinished import could not be read: %s"),
                                                  error->message);

      g_debug ("%s", message);
      self->loading = FALSE;
      _roster_import_dialog_set_busy_spinner (self);
      roster_import_file_step_show_error (self->file_step, message);
      g_clear_pointer (&self->journal_path, g_free);
      self->retry_failed = FALSE;
      _roster_import_dialog_update_actions (self);
      return;
    }

  target = roster_import_session_get_resume_target (self->session);
  self->resume_target = roster_import_target_copy (target);
  name = g_file_get_basename (roster_import_session_get_file (self->session));
  journal = roster_import_session_get_journal (self->session);
  if (self->retry_failed)
    roster_import_review_step_show_retry (self->review_step, name,
                                          roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_FAILED));
  else
    roster_import_review_step_show_resume (self->review_step, name,
                                           roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_REGISTERED));
  roster_target_picker_select (self->picker, target->webinar_id, target->schedule_id, target->date,
                               target->timezone);
  _roster_import_dialog_load_file (self, roster_import_session_get_file (self->session));
}

/**
 * roster_import_dialog_set_retry_failed:
 *
 * Whether continuing the journal sends its failed rows again (the history's "Retry"); rows
 * whose outcome is unknown are looked up first either way.
 */
void
roster_import_dialog_set_retry_failed (RosterImportDialog *self,
                                       gboolean            retry_failed)
{
  g_return_if_fail (ROSTER_IS_IMPORT_DIALOG (self));

  self->retry_failed = !!retry_failed;
}

/* Opens the journal the dialog was made for; the rest follows from what it records. */
void
_roster_import_dialog_resume (RosterImportDialog *self)
{
  self->loading = TRUE;
  _roster_import_dialog_set_busy_spinner (self);
  roster_import_session_open_journal_async (self->session, self->journal_path, self->cancellable,
                                            journal_opened_cb, roster_ui_call_new (self, self->cancellable));
}
