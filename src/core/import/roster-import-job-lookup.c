/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-job"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-error.h"
#include "roster-registrant-lookup.h"
#include "roster-import-job-private.h"

/* Rows whose call may have landed: looked up (`registrants` with search=<email>, every page)
 * until they are found, proven absent over the check window, or left unknown. */

/* ---- Timers ------------------------------------------------------------------------------------------ */

static gboolean
lookup_timer_cb (gpointer user_data)
{
  RosterImportJob *self = user_data;
  guint source_id = g_source_get_id (g_main_current_source ());
  guint row = GPOINTER_TO_UINT (g_hash_table_lookup (self->lookup_timers, GUINT_TO_POINTER (source_id)));

  g_hash_table_remove (self->lookup_timers, GUINT_TO_POINTER (source_id));
  job_row (self, row)->waiting = FALSE;
  g_queue_push_tail (&self->verify_queue, GUINT_TO_POINTER (row));
  job_pump (self);

  return G_SOURCE_REMOVE;
}

/* Looks @row up again after @delay_msec.  The timer does not hold the job: a stopped or
 * dropped job takes its timers with it (job_stop_lookup_timers()), so that nothing keeps its
 * journal locked for the rest of a check window. */
void
job_lookup_later (RosterImportJob *self,
                  guint            row,
                  guint            delay_msec)
{
  guint source_id = g_timeout_add (delay_msec, lookup_timer_cb, self);

  job_row (self, row)->waiting = TRUE;
  g_hash_table_insert (self->lookup_timers, GUINT_TO_POINTER (source_id), GUINT_TO_POINTER (row));
}

/* The rows stay unknown; the next start() looks them up afresh. */
void
job_stop_lookup_timers (RosterImportJob *self)
{
  GHashTableIter iter;
  gpointer source_id, row;

  g_hash_table_iter_init (&iter, self->lookup_timers);
  while (g_hash_table_iter_next (&iter, &source_id, &row))
    {
      g_source_remove (GPOINTER_TO_UINT (source_id));
      job_row (self, GPOINTER_TO_UINT (row))->waiting = FALSE;
      g_hash_table_iter_remove (&iter);
    }
}

/* ---- Lookups ------------------------------------------------------------------------------------------ */

/* When the next lookup of an uncertain row may run: one soon (most answers lost on the way
 * are found at once), the last one no sooner than the check window after the uncertain call,
 * so that a lagging search index has caught up. */
static gint64
next_lookup_at (RosterImportJob *self,
                JobRow          *r)
{
  gint64 window = (gint64) self->check_window_msec * 1000;

  return r->uncertain_since + (r->lookups_missed == 0 ? window / 10 : window);
}

/* Whether lookups have proven the person absent: at least two missed them, the last one after
 * the window. */
static gboolean
proven_absent (RosterImportJob *self,
               JobRow          *r,
               gint64           lookup_started)
{
  return r->lookups_missed >= 2 &&
         lookup_started >= r->uncertain_since + (gint64) self->check_window_msec * 1000;
}

/* Queues the next lookup of @row at its time. */
void
job_schedule_lookup (RosterImportJob *self,
                     guint            row)
{
  gint64 delay = next_lookup_at (self, job_row (self, row)) - g_get_monotonic_time ();

  if (delay <= 0)
    g_queue_push_tail (&self->verify_queue, GUINT_TO_POINTER (row));
  else
    job_lookup_later (self, row, (guint) MIN (delay / 1000 + 1, G_MAXUINT));
}

/* The row stays unknown for this run: report it, never resend it on a guess. */
static void
leave_unknown (RosterImportJob *self,
               guint            row,
               const char      *why)
{
  g_autofree char *message =
    g_strdup_printf (_("The registration may have been made, and could not be checked: %s"), why);

  job_journal_append (self, row, ROSTER_IMPORT_ROW_UNKNOWN, NULL, message);
  job_set_outcome (self, row, ROSTER_IMPORT_ROW_UNKNOWN);
}

typedef struct
{
  RosterImportJob *job;
  guint            row;
  gint64           started;  /* monotonic µs, when the lookup began */
} Lookup;

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(RosterImportJob) self = lookup->job;
  guint row = lookup->row;
  gint64 started = lookup->started;
  JobRow *r = job_row (self, row);
  g_autoptr(RosterRegistrant) found = NULL;
  g_autoptr(GError) error = NULL;

  g_free (lookup);
  found = roster_client_find_registrant_finish (ROSTER_CLIENT (object), result, &error);
  self->n_in_flight--;
  r->busy = FALSE;

  if (error != NULL)
    {
      g_debug ("Lookup of row %u failed: %s", row, error->message);
      if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_NETWORK))
        {
          /* Not the row's fault: look again once the server answers. */
          job_note_unreachable (self, error);
          g_queue_push_head (&self->verify_queue, GUINT_TO_POINTER (row));
        }
      else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION))
        {
          job_note_contact (self);
          leave_unknown (self, row, error->message);
          job_fail (self, g_steal_pointer (&error));
        }
      else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL))
        {
          /* Pages that never end or never advance: asking again would only spend the key. */
          job_note_contact (self);
          leave_unknown (self, row, error->message);
        }
      else if (++r->lookup_errors < MAX_LOOKUP_ERRORS)
        {
          /* The server answered, but not usefully: try a few more times within the window. */
          job_note_contact (self);
          job_lookup_later (self, row, MAX (self->check_window_msec / MAX_LOOKUP_ERRORS, 100));
        }
      else
        leave_unknown (self, row, error->message);
    }
  else if (found != NULL)
    {
      job_note_contact (self);
      if (!self->journal_failed)
        {
          self->n_journal_pending++;
          roster_import_journal_append_links_async (self->journal, row,
                                                    roster_import_plan_get_row_line (self->plan, row),
                                                    job_row_email (self, row),
                                                    roster_registrant_get_live_room_url (found),
                                                    roster_registrant_get_replay_room_url (found),
                                                    _("Found among the registrants after an uncertain outcome"),
                                                    NULL, job_journal_written_cb, g_object_ref (self));
          job_set_outcome (self, row, ROSTER_IMPORT_ROW_REGISTERED);
        }
    }
  else
    {
      job_note_contact (self);
      r->lookups_missed = MIN (r->lookups_missed + 1, G_MAXUINT8);
      if (!proven_absent (self, r, started))
        job_schedule_lookup (self, row);
      else if (r->uncertain_sends >= MAX_UNCERTAIN_SENDS)
        {
          /* Certainly not there, yet every call's answer was lost: stop sending it. */
          g_autofree char *message = g_strdup_printf (_("Sent %u times without an answer, and the person is not "
                                                        "registered: %s"), (guint) r->uncertain_sends,
                                                      job_row_message (self, row));

          if (job_journal_append (self, row, ROSTER_IMPORT_ROW_FAILED, NULL, message))
            job_set_outcome (self, row, ROSTER_IMPORT_ROW_FAILED);
        }
      else
        {
          /* Certainly not there, even for a lagging search: the row may be sent (again). */
          job_set_outcome (self, row, ROSTER_IMPORT_ROW_READY);
          g_queue_push_head (&self->send_queue, GUINT_TO_POINTER (row));
        }
    }

  job_notify_counts (self);
  job_pump (self);
}

/* Looks the row's address up in the target schedule, every page of the search, through the
 * same limiter as everything else. */
void
job_start_lookup (RosterImportJob *self,
                  guint            row)
{
  Lookup *lookup = g_new0 (Lookup, 1);

  lookup->job = g_object_ref (self);
  lookup->row = row;
  lookup->started = g_get_monotonic_time ();

  job_row (self, row)->busy = TRUE;
  self->n_in_flight++;
  roster_client_find_registrant_async (self->client, self->target->webinar_id, self->target->schedule_id,
                                       job_row_email (self, row), ROSTER_PRIORITY_BULK, NULL, lookup_cb, lookup);
}
