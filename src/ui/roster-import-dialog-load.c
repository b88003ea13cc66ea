/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-dialog-private.h"
#include "roster-country.h"
#include "roster-ui-call.h"

/* The import dialog's file: reading it, and reading it again into a new plan whenever the
 * columns change (a little later while the user types), and checking who is registered. */

#define REPLAN_DELAY_MS   400

static void start_plan (RosterImportDialog *self);

/* ---- Calls ----------------------------------------------------------------------------------- */

static void
replace_cancellable (GCancellable **cancellable)
{
  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
}

/* ---- Step 1: the file ------------------------------------------------------------------------ */

static void
set_plan (RosterImportDialog *self,
          RosterImportPlan   *plan)
{
  g_set_object (&self->plan, plan);
  roster_import_file_step_set_plan (self->file_step, plan);
  roster_import_columns_step_set_plan (self->columns_step, plan);
  roster_import_tidy_step_set_plan (self->tidy_step, plan);
  roster_import_review_step_set_plan (self->review_step, plan);
  _roster_import_dialog_update_actions (self);
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
  _roster_import_dialog_update_actions (self);
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
  _roster_import_dialog_set_busy_spinner (self);
  if (plan == NULL)
    {
      show_load_error (self, error);
      return;
    }
  set_plan (self, plan);

  /* Resuming: the target and the consent are what is left to confirm. */
  if (self->resume_target != NULL && self->step == STEP_FILE)
    _roster_import_dialog_go_to (self, roster_target_picker_get_detail (self->picker) != NULL
                                       ? STEP_REVIEW : STEP_TARGET);
  else if (self->step == STEP_FILE)
    gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

/* A header seen before brings its columns, target and tidying; a new one gets the safe tidying
 * and the locale's country. */
static void
apply_remembered (RosterImportDialog *self)
{
  const RosterImportRemembered *remembered = roster_import_session_get_remembered (self->session);
  RosterImportMapping *mapping = roster_import_session_get_mapping (self->session);
  const RosterImportTarget *target;

  self->use_remembered = remembered != NULL && self->resume_target == NULL;
  if (remembered == NULL)
    {
      const RosterCountry *country = roster_country_guess_from_environment ();

      roster_import_mapping_set_tidy (mapping, ROSTER_IMPORT_TIDY_SAFE);
      if (country != NULL && roster_import_mapping_get_default_country_code (mapping) == NULL)
        roster_import_mapping_set_default_country_code (mapping, country->calling_code);
    }
  roster_import_tidy_step_set_mapping (self->tidy_step, mapping);
  if (!self->use_remembered)
    return;

  roster_import_remembered_banner_set_saved (self->remembered_banner, roster_import_remembered_get_saved (remembered));
  target = roster_import_remembered_get_target (remembered);
  if (target != NULL)
    roster_target_picker_select (self->picker, target->webinar_id, target->schedule_id, target->date,
                                 target->timezone);
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
      _roster_import_dialog_set_busy_spinner (self);
      show_load_error (self, error);
      return;
    }

  /* Pasted text is read from a file of the session's. */
  if (self->file == NULL)
    {
      g_set_object (&self->file, roster_import_session_get_file (self->session));
      g_object_notify (G_OBJECT (self), "file");
    }
  roster_import_file_step_show_detection (self->file_step, self->file,
                                          roster_import_session_get_preview (self->session));
  apply_remembered (self);
  roster_import_columns_step_set_file (self->columns_step,
                                       roster_import_session_get_preview (self->session),
                                       roster_import_session_get_mapping (self->session));
  roster_import_session_plan_async (self->session, self->load_cancellable, first_plan_cb,
                                    roster_ui_call_new (self, self->load_cancellable));
}

/* What every load does first; @file is %NULL for pasted text.  FALSE: not now. */
static gboolean
begin_load (RosterImportDialog *self,
            GFile              *file)
{
  if (self->step > STEP_REVIEW || self->starting)
    return FALSE;

  replace_cancellable (&self->load_cancellable);
  g_cancellable_cancel (self->plan_cancellable);
  roster_import_review_step_forget_check (self->review_step);
  g_clear_handle_id (&self->replan_id, g_source_remove);
  self->planning = FALSE;

  g_set_object (&self->file, file);
  g_clear_object (&self->plan);
  self->loading = TRUE;
  _roster_import_dialog_set_busy_spinner (self);
  roster_import_file_step_show_error (self->file_step, NULL);
  roster_import_review_step_set_consent (self->review_step, FALSE);
  if (self->step != STEP_FILE)
    _roster_import_dialog_go_to (self, STEP_FILE);
  _roster_import_dialog_update_actions (self);
  return TRUE;
}

void
_roster_import_dialog_load_file (RosterImportDialog *self,
                                 GFile              *file)
{
  g_return_if_fail (G_IS_FILE (file));

  if (!begin_load (self, file))
    return;
  roster_import_session_load_async (self->session, file, self->load_cancellable, load_cb,
                                    roster_ui_call_new (self, self->load_cancellable));

  g_object_notify (G_OBJECT (self), "file");
}

/* Rows pasted from a spreadsheet, or a list of emails: an import like a file's. */
void
_roster_import_dialog_load_text (RosterImportDialog *self,
                                 const char         *text)
{
  g_return_if_fail (text != NULL);

  if (!begin_load (self, NULL))
    return;
  roster_import_session_set_sheet (self->session, NULL);
  roster_import_session_load_text_async (self->session, text, self->load_cancellable, load_cb,
                                         roster_ui_call_new (self, self->load_cancellable));
}

void
_roster_import_dialog_reload_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (widget);
  g_autoptr(GFile) file = NULL;

  if (self->file == NULL)
    return;
  file = g_object_ref (self->file);
  _roster_import_dialog_load_file (self, file);
}

/* ---- Step 2: columns --------------------------------------------------------------------------- */

void
_roster_import_dialog_schedule_replan (RosterImportDialog *self,
                                       gboolean            now)
{
  g_clear_handle_id (&self->replan_id, g_source_remove);
  g_cancellable_cancel (self->plan_cancellable);
  self->planning = TRUE;
  _roster_import_dialog_set_busy_spinner (self);
  _roster_import_dialog_update_actions (self);

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
  _roster_import_dialog_set_busy_spinner (self);

  if (plan == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The file could not be read: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      _roster_import_dialog_update_actions (self);
      return;
    }
  set_plan (self, plan);
}

static void
start_plan (RosterImportDialog *self)
{
  const RosterImportMapping *columns = roster_import_columns_step_get_mapping (self->columns_step);
  g_autoptr(RosterImportMapping) mapping = NULL;

  self->replan_id = 0;
  if (self->file == NULL || columns == NULL)
    return;
  /* The columns step's columns with the tidy step's choices. */
  mapping = roster_import_mapping_copy (columns);
  roster_import_tidy_step_apply (self->tidy_step, mapping);

  replace_cancellable (&self->plan_cancellable);
  self->planning = TRUE;
  _roster_import_dialog_set_busy_spinner (self);
  _roster_import_dialog_update_actions (self);

  roster_import_session_set_mapping (self->session, mapping);
  roster_import_session_plan_async (self->session, self->plan_cancellable, plan_cb,
                                    roster_ui_call_new (self, self->plan_cancellable));
}

/* ---- Step 4: review ---------------------------------------------------------------------------- */

static void
check_registered (RosterImportDialog *self)
{
  RosterWebinar *webinar = roster_target_picker_get_webinar (self->picker);

  if (self->plan == NULL || webinar == NULL || self->planning || self->registrant_store == NULL)
    return;

  roster_import_review_step_check_registered (self->review_step, self->registrant_store,
                                              self->client, roster_webinar_get_id (webinar));
}

static void
store_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RosterUiCall) call = user_data;
  g_autoptr(RosterRegistrantStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RosterImportDialog *self;

  if (ROSTER_IS_ACCOUNT (source))
    store = roster_account_get_registrant_store_finish (ROSTER_ACCOUNT (source), result, &error);
  else
    store = roster_registrant_store_open_finish (result, &error);
  self = roster_ui_call_get_owner (call);
  if (self == NULL)
    return;

  if (store == NULL)
    {
      /* Translators: %s says why the local store of registrants could not be opened */
      g_autofree char *message = g_strdup_printf (_("Could not check who is registered: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }
  g_set_object (&self->registrant_store, store);
  check_registered (self);
}

/* Who is registered already comes from the account's local store, refreshed first: a handful
 * of calls, not one per row nor every page each time. */
void
_roster_import_dialog_check_registered_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter)
{
  RosterImportDialog *self = ROSTER_IMPORT_DIALOG (widget);

  if (self->registrant_store != NULL)
    check_registered (self);
  else if (self->account != NULL)
    roster_account_get_registrant_store_async (self->account, self->cancellable, store_ready_cb,
                                               roster_ui_call_new (self, self->cancellable));
  else
    roster_registrant_store_open_async (NULL, self->cancellable, store_ready_cb,
                                        roster_ui_call_new (self, self->cancellable));
}

/* Rows marked as registered: the columns' preview shows them too. */
void
_roster_import_dialog_checked_cb (RosterImportDialog *self)
{
  if (roster_import_review_step_get_checked (self->review_step))
    roster_import_columns_step_set_plan (self->columns_step, self->plan);
  _roster_import_dialog_update_actions (self);
}
