/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-job"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-contact.h"
#include "roster-error.h"
#include "roster-import-job-private.h"

/* The loop that sends: rows sorted into queues from the plan and the journal, each row's
 * "sending" line made durable before its call leaves, its outcome recorded as it lands, and
 * as many calls in flight as the server's state allows. */

/* ---- Journal helpers ------------------------------------------------------------------------------- */

const char *
job_row_email (RosterImportJob *self,
               guint            row)
{
  return roster_import_plan_get_row_value (self->plan, row, ROSTER_IMPORT_FIELD_EMAIL);
}

void
job_journal_written_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(RosterImportJob) self = user_data;
  GError *error = NULL;

  self->n_journal_pending--;
  if (!roster_import_journal_append_finish (ROSTER_IMPORT_JOURNAL (object), result, &error))
    {
      self->journal_failed = TRUE;
      job_fail (self, error);
    }
  /* "finished" waits for the last line to be durable. */
  job_pump (self);
}

/* Queues a line for the journal's writer thread, so that the main loop never waits on the disk;
 * the job stops if it cannot be written.  Returns FALSE once the journal has failed: nothing
 * more may be recorded or sent. */
gboolean
job_journal_append (RosterImportJob      *self,
                    guint                 row,
                    RosterImportRowState  state,
                    RosterRegistration   *registration,
                    const char           *message)
{
  if (self->journal_failed)
    return FALSE;

  self->n_journal_pending++;
  roster_import_journal_append_async (self->journal, row, roster_import_plan_get_row_line (self->plan, row),
                                      job_row_email (self, row), state, registration, message, NULL,
                                      job_journal_written_cb, g_object_ref (self));
  return TRUE;
}

/* ---- Sending ---------------------------------------------------------------------------------------- */

/* A register call out for a row; it holds the job until its answer is in. */
typedef struct
{
  RosterImportJob *job;
  guint            row;
} RowCall;

static RowCall *
row_call_new (RosterImportJob *self,
              guint            row)
{
  RowCall *call = g_new0 (RowCall, 1);

  call->job = g_object_ref (self);
  call->row = row;

  return call;
}

static void
row_call_free (RowCall *call)
{
  g_object_unref (call->job);
  g_free (call);
}

static char *
dup_value (RosterImportJob   *self,
           guint              row,
           RosterImportField  field)
{
  const char *value = roster_import_plan_get_row_value (self->plan, row, field);

  return value != NULL && value[0] != '\0' ? g_strdup (value) : NULL;
}

static RosterRegisterParams *
params_for_row (RosterImportJob *self,
                guint            row)
{
  RosterRegisterParams *params = roster_register_params_new ();
  guint n_extras = roster_import_plan_get_n_extras (self->plan);

  params->webinar_id = self->target->webinar_id;
  params->schedule_id = self->target->schedule_id;
  params->date = g_strdup (self->target->date);
  params->timezone = g_strdup (self->target->timezone);
  params->email = dup_value (self, row, ROSTER_IMPORT_FIELD_EMAIL);
  params->first_name = dup_value (self, row, ROSTER_IMPORT_FIELD_FIRST_NAME);
  params->last_name = dup_value (self, row, ROSTER_IMPORT_FIELD_LAST_NAME);
  params->phone = dup_value (self, row, ROSTER_IMPORT_FIELD_PHONE);
  if (params->phone != NULL)
    params->phone_country_code = dup_value (self, row, ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE);

  for (guint i = 0; i < n_extras; i++)
    {
      const char *label = roster_import_plan_get_extra_label (self->plan, i);
      const char *value = roster_import_plan_get_row_extra (self->plan, row, i);

      if (label == NULL || value == NULL || value[0] == '\0')
        continue;
      if (params->custom_fields == NULL)
        params->custom_fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (params->custom_fields, g_strdup (label), g_strdup (value));
    }

  return params;
}

/* The call certainly never reached the server: the row waits for its turn again. */
static void
put_back (RosterImportJob *self,
          guint            row,
          const char      *why)
{
  job_journal_append (self, row, ROSTER_IMPORT_ROW_READY, NULL, why);
  job_set_outcome (self, row, ROSTER_IMPORT_ROW_READY);
  g_queue_push_head (&self->send_queue, GUINT_TO_POINTER (row));
}

static void
register_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RowCall *call = user_data;
  RosterImportJob *self = call->job;
  JobRow *r = job_row (self, call->row);
  g_autoptr(RosterRegistration) registration = NULL;
  g_autoptr(GError) error = NULL;

  registration = roster_client_register_finish (ROSTER_CLIENT (object), result, &error);
  self->n_in_flight--;
  r->busy = FALSE;

  if (registration != NULL)
    {
      job_note_contact (self);
      if (job_journal_append (self, call->row, ROSTER_IMPORT_ROW_REGISTERED, registration, NULL))
        job_set_outcome (self, call->row, ROSTER_IMPORT_ROW_REGISTERED);
      if (self->registrant_store != NULL)
        roster_registrant_store_note_registered (self->registrant_store, registration);
    }
  else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_OUTCOME_UNKNOWN))
    {
      g_debug ("Row %u: outcome unknown: %s", call->row, error->message);
      job_journal_append (self, call->row, ROSTER_IMPORT_ROW_UNKNOWN, NULL, error->message);
      job_set_outcome (self, call->row, ROSTER_IMPORT_ROW_UNKNOWN);
      r->uncertain_since = g_get_monotonic_time ();
      r->lookups_missed = 0;
      r->lookup_errors = 0;
      r->uncertain_sends = MIN (r->uncertain_sends + 1, G_MAXUINT8);
      job_schedule_lookup (self, call->row);
    }
  else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_NETWORK) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    {
      /* Certainly not sent: try again once the server can be reached. */
      g_debug ("Row %u: not sent: %s", call->row, error->message);
      put_back (self, call->row, error->message);
      job_note_unreachable (self, error);
    }
  else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_RATE_LIMITED))
    {
      /* The client waited out 429s for a minute: someone else is spending this key. */
      job_note_contact (self);
      put_back (self, call->row, error->message);
      job_fail (self, g_error_new_literal (ROSTER_API_ERROR, ROSTER_API_ERROR_RATE_LIMITED,
                _("The server keeps refusing calls as too many; another "
                "program may be using this API key. Nothing was lost: "
                "run the same import again later to continue.")));
    }
  else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION))
    {
      /* A rejected key fails every row alike: stop rather than fail them all.  The row is
       * looked up when the import resumes with a good key, not left failed. */
      job_note_contact (self);
      job_journal_append (self, call->row, ROSTER_IMPORT_ROW_UNKNOWN, NULL, error->message);
      job_set_outcome (self, call->row, ROSTER_IMPORT_ROW_UNKNOWN);
      job_fail (self, g_steal_pointer (&error));
    }
  else
    {
      job_note_contact (self);
      if (job_journal_append (self, call->row, ROSTER_IMPORT_ROW_FAILED, NULL, error->message))
        job_set_outcome (self, call->row, ROSTER_IMPORT_ROW_FAILED);
    }

  job_notify_counts (self);
  job_pump (self);
  row_call_free (call);
}

/* The row's "sending" line is on the disk: only now may its call leave (write-ahead). */
static void
sending_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  RowCall *call = user_data;
  RosterImportJob *self = call->job;
  g_autoptr(RosterRegisterParams) params = NULL;
  GError *error = NULL;

  if (!roster_import_journal_append_finish (self->journal, result, &error) ||
      self->state != ROSTER_IMPORT_JOB_RUNNING)
    {
      /* Not sent after all: the journal failed, or the job was paused or stopped meanwhile. */
      self->n_in_flight--;
      job_row (self, call->row)->busy = FALSE;
      if (error != NULL)
        {
          self->journal_failed = TRUE;
          g_queue_push_head (&self->send_queue, GUINT_TO_POINTER (call->row));
          job_fail (self, error);
        }
      else
        put_back (self, call->row, NULL);
      job_pump (self);
      row_call_free (call);
      return;
    }

  params = params_for_row (self, call->row);
  roster_client_register_async (self->client, params, ROSTER_PRIORITY_BULK, NULL, register_cb, call);
}

void
job_start_send (RosterImportJob *self,
                guint            row)
{
  if (self->journal_failed)
    return;

  job_row (self, row)->busy = TRUE;
  self->n_in_flight++;
  roster_import_journal_append_async (self->journal, row, roster_import_plan_get_row_line (self->plan, row),
                                      job_row_email (self, row), ROSTER_IMPORT_ROW_SENDING, NULL, NULL,
                                      NULL, sending_written_cb, row_call_new (self, row));
}

/* ---- The loop ---------------------------------------------------------------------------------------- */

void
job_maybe_finish (RosterImportJob *self)
{
  if (self->state == ROSTER_IMPORT_JOB_RUNNING &&
      self->n_in_flight == 0 &&
      g_queue_is_empty (&self->send_queue) &&
      g_queue_is_empty (&self->verify_queue) &&
      g_hash_table_size (self->lookup_timers) == 0)
    {
      g_clear_handle_id (&self->tick_id, g_source_remove);
      if (self->n_unknown == 0 && job_n_remaining (self) == 0)
        {
          GError *error = NULL;

          if (!roster_import_journal_mark_complete (self->journal, &error))
            {
              g_debug ("Could not mark the import journal complete: %s", error->message);
              g_clear_error (&error);
            }
        }
      job_set_state (self, ROSTER_IMPORT_JOB_FINISHED);
      self->finished_pending = TRUE;
    }

  if (self->finished_pending && self->n_in_flight == 0 && self->n_journal_pending == 0 &&
      (self->state == ROSTER_IMPORT_JOB_FINISHED || self->state == ROSTER_IMPORT_JOB_CANCELLED))
    {
      self->finished_pending = FALSE;
      job_notify_counts (self);
      g_signal_emit (self, job_signals[FINISHED], 0);
    }
}

/* How many calls may be out now: none while offline or waiting for the next try, one while
 * trying the server again after it could not be reached. */
static guint
calls_allowed (RosterImportJob *self)
{
  if (self->offline || self->retry_id != 0)
    return 0;
  if (self->retry_at != 0)
    return 1;

  return self->max_in_flight;
}

void
job_pump (RosterImportJob *self)
{
  g_object_ref (self);

  while (self->state == ROSTER_IMPORT_JOB_RUNNING && !self->journal_failed &&
         self->n_in_flight < calls_allowed (self))
    {
      if (!g_queue_is_empty (&self->verify_queue))
        job_start_lookup (self, GPOINTER_TO_UINT (g_queue_pop_head (&self->verify_queue)));
      else if (!g_queue_is_empty (&self->send_queue))
        job_start_send (self, GPOINTER_TO_UINT (g_queue_pop_head (&self->send_queue)));
      else
        break;
    }

  job_notify_counts (self);
  job_maybe_finish (self);
  g_object_unref (self);
}

gboolean
job_tick_cb (gpointer user_data)
{
  job_update_rate (user_data);
  return G_SOURCE_CONTINUE;
}

/* Sorts every row from the plan and the journal into outcomes and queues. */
void
job_classify_rows (RosterImportJob *self)
{
  guint n_rows = roster_import_plan_get_n_rows (self->plan);
  gint64 now = g_get_monotonic_time ();

  g_queue_clear (&self->send_queue);
  g_queue_clear (&self->verify_queue);
  self->n_total = 0;

  for (guint i = 0; i < n_rows; i++)
    {
      JobRow *r = job_row (self, i);
      RosterImportRowState status = roster_import_plan_get_row_status (self->plan, i);
      RosterImportRowState state = roster_import_journal_get_row_state (self->journal, i);
      const RosterImportRow *journaled = roster_import_journal_get_row (self->journal, i);
      const char *journal_email = journaled != NULL ? journaled->email : NULL;
      gboolean same = journal_email == NULL || roster_contact_same_email (journal_email, job_row_email (self, i));

      /* A call for it is still out, or a timer will queue it: it is in hand already. */
      if (r->busy || r->waiting)
        {
          self->n_total++;
          continue;
        }

      if (state == ROSTER_IMPORT_ROW_REGISTERED && same)
        {
          self->n_total++;
          job_set_outcome (self, i, ROSTER_IMPORT_ROW_REGISTERED);
          continue;
        }

      /* A row the plan left out keeps the plan's reason as its outcome. */
      if (status != ROSTER_IMPORT_ROW_READY)
        {
          job_set_outcome (self, i, status);
          continue;
        }

      if (r->user_skipped)
        {
          job_set_outcome (self, i, ROSTER_IMPORT_ROW_SKIPPED);
          continue;
        }

      self->n_total++;
      r->lookups_missed = 0;
      r->lookup_errors = 0;
      r->uncertain_sends = 0;
      /* An earlier run's uncertain call may be seconds old: count the window from now. */
      r->uncertain_since = now;

      /* The journal's row held another address (the mapping changed), or the call may have
       * landed: look first, unless the user chose to send such rows anyway. */
      if ((state != ROSTER_IMPORT_ROW_READY && !same) ||
          state == ROSTER_IMPORT_ROW_SENDING || state == ROSTER_IMPORT_ROW_UNKNOWN)
        {
          if (self->resend_unknown)
            {
              job_set_outcome (self, i, ROSTER_IMPORT_ROW_READY);
              g_queue_push_tail (&self->send_queue, GUINT_TO_POINTER (i));
            }
          else
            {
              job_set_outcome (self, i, ROSTER_IMPORT_ROW_UNKNOWN);
              g_queue_push_tail (&self->verify_queue, GUINT_TO_POINTER (i));
            }
          continue;
        }

      if (state == ROSTER_IMPORT_ROW_FAILED && !self->retry_failed)
        {
          job_set_outcome (self, i, ROSTER_IMPORT_ROW_FAILED);
          continue;
        }

      job_set_outcome (self, i, ROSTER_IMPORT_ROW_READY);
      g_queue_push_tail (&self->send_queue, GUINT_TO_POINTER (i));
    }
}
