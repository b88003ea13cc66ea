/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-job"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-contact.h"
#include "roster-csv-writer.h"
#include "roster-error.h"
#include "roster-import-job.h"
#include "roster-registrant-lookup.h"

/* How a row moves:
 *
 *   PENDING --(journal "sending", then register)--> REGISTERED | FAILED | UNKNOWN
 *   UNKNOWN --(lookups: registrants search=<email>)--> REGISTERED (found) | PENDING (proven
 *            absent) | UNKNOWN (not proven either way: stays so, reported)
 *
 * The API has no idempotency key and its search may lag behind a registration, so a row whose
 * call may have landed is sent again only when at least two lookups missed it and the last of
 * them ran no sooner than the check window (60 s by default) after the uncertain call.  A row an
 * earlier run left "sending" or "unknown" counts from when this run started.
 *
 * A failure that certainly left nothing on the server (no connection was ever made, a 429) puts
 * the row back on the queue.  While the server cannot be reached the job waits, 1, 2, 4 … 60 s
 * between tries with one call at a time, and gives up (journal intact, resumable) after the
 * give-up time without any answer.  The journal line is on the disk before the call goes out
 * and before the outcome is counted, so whatever happens to this process, the next run knows
 * which rows may have landed. */

#define DEFAULT_MAX_IN_FLIGHT    32
/* Open before a run, so that the first released calls do not wait for a handshake. */
#define WARM_CONNECTIONS         8
#define MAX_LOOKUP_ERRORS        6
/* A server that loses every answer (a redirect, say) for one row gets it this many times. */
#define MAX_UNCERTAIN_SENDS      3
#define DEFAULT_CHECK_WINDOW_MSEC 60000
#define MIN_SERVER_BACKOFF_SEC   1
#define MAX_SERVER_BACKOFF_SEC   60
#define RATE_WINDOW_USEC         (10 * G_USEC_PER_SEC)

typedef struct
{
  gint64 uncertain_since; /* monotonic µs: when the call whose outcome is unknown went out */
  guint8 outcome;         /* RosterImportOutcome */
  guint8 user_skipped : 1;
  guint8 busy : 1;        /* a call for it is in flight */
  guint8 waiting : 1;     /* a timer will queue it again */
  guint8 lookups_missed;  /* complete lookups that did not find the person */
  guint8 lookup_errors;
  guint8 uncertain_sends; /* calls this run whose outcome was unknown */
} JobRow;

struct _RosterImportJob
{
  GObject               parent_instance;

  RosterClient         *client;
  RosterImportPlan     *plan;
  RosterImportTarget   *target;
  RosterImportJournal  *journal;
  gboolean              retry_failed;
  gboolean              resend_unknown;
  gboolean              journal_failed;
  guint                 n_journal_pending;  /* lines queued, not yet durable */
  guint                 max_in_flight;
  guint                 check_window_msec;
  guint                 give_up_msec;     /* 0: wait for the server as long as it takes */

  RosterImportJobState  state;
  GArray               *rows;           /* JobRow, one per plan row */
  GQueue                send_queue;     /* row indices */
  GQueue                verify_queue;
  guint                 n_in_flight;
  GHashTable           *lookup_timers;  /* source ID -> row to look up again */
  gboolean              finished_pending;

  /* The server: when it last answered, and while it cannot be reached, when to try again. */
  gint64                last_contact;   /* monotonic µs */
  gint64                retry_at;       /* monotonic µs; 0 while the server answers */
  guint                 backoff_sec;
  guint                 retry_id;

  GNetworkMonitor      *network_monitor;
  gulong                network_changed_id;
  gboolean              offline;

  guint                 n_total;
  guint                 n_registered;
  guint                 n_failed;
  guint                 n_unknown;

  GArray               *done_times;     /* gint64, monotonic µs of recent registrations */
  gint64                run_started;
  double                rate;
  double                pace;
  gint64                eta_seconds;
  guint                 tick_id;

  /* What the properties last said, so that notify fires only on change. */
  guint                 notified[6];

  GError               *error;
};

G_DEFINE_FINAL_TYPE (RosterImportJob, roster_import_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_N_TOTAL,
  PROP_N_REGISTERED,
  PROP_N_FAILED,
  PROP_N_UNKNOWN,
  PROP_N_REMAINING,
  PROP_BUSY,
  PROP_RATE,
  PROP_PACE,
  PROP_ETA_SECONDS,
  PROP_RETRY_AT,
  PROP_OFFLINE,
  PROP_CHECK_WINDOW,
  N_PROPS
};

enum {
  ROW_DONE,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const outcome_names[] = {
  "registered", "failed", "invalid", "duplicate", "skipped", "already_registered", "unknown", "pending",
};

static void pump               (RosterImportJob *self);
static void stop_lookup_timers (RosterImportJob *self);

/* The word the results CSV uses. */
const char *
roster_import_outcome_to_string (RosterImportOutcome outcome)
{
  g_return_val_if_fail (outcome < G_N_ELEMENTS (outcome_names), NULL);

  return outcome_names[outcome];
}

/* ---- Counters and properties ---------------------------------------------------------------------- */

static JobRow *
job_row (RosterImportJob *self,
         guint            row)
{
  return &g_array_index (self->rows, JobRow, row);
}

static guint
n_remaining (RosterImportJob *self)
{
  return self->n_total - MIN (self->n_total, self->n_registered + self->n_failed);
}

static void
update_rate (RosterImportJob *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 window;
  guint drop = 0;
  double rate = 0;
  double pace;
  gint64 eta = -1;

  while (drop < self->done_times->len && g_array_index (self->done_times, gint64, drop) < now - RATE_WINDOW_USEC)
    drop++;
  if (drop > 0)
    g_array_remove_range (self->done_times, 0, drop);

  /* Counting from one second before the start keeps the first few answers from promising a
   * rate that a full window would not show. */
  window = MIN (RATE_WINDOW_USEC, now - self->run_started + G_USEC_PER_SEC);
  if (self->run_started > 0 && self->state == ROSTER_IMPORT_JOB_RUNNING)
    rate = self->done_times->len / ((double) window / G_USEC_PER_SEC);
  if (rate > 0)
    eta = (gint64) (n_remaining (self) / rate + 0.5);
  else if (n_remaining (self) == 0)
    eta = 0;

  if (rate != self->rate)
    {
      self->rate = rate;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
    }
  if (eta != self->eta_seconds)
    {
      self->eta_seconds = eta;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ETA_SECONDS]);
    }

  /* What the limiter allows now: below 20/s after 429s, shared with other Roster processes. */
  pace = roster_rate_limiter_get_pace (roster_client_get_rate_limiter (self->client));
  if (pace != self->pace)
    {
      self->pace = pace;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PACE]);
    }
}

/* Notifies every count property whose value changed since the last call. */
static void
notify_counts (RosterImportJob *self)
{
  const guint props[] = { PROP_N_TOTAL, PROP_N_REGISTERED, PROP_N_FAILED, PROP_N_UNKNOWN, PROP_N_REMAINING, PROP_BUSY };
  guint values[G_N_ELEMENTS (props)];

  values[0] = self->n_total;
  values[1] = self->n_registered;
  values[2] = self->n_failed;
  values[3] = self->n_unknown;
  values[4] = n_remaining (self);
  values[5] = self->n_in_flight > 0;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    {
      if (self->notified[i] != values[i])
        {
          self->notified[i] = values[i];
          g_object_notify_by_pspec (G_OBJECT (self), properties[props[i]]);
        }
    }
  update_rate (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_state (RosterImportJob      *self,
           RosterImportJobState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  if (state == ROSTER_IMPORT_JOB_RUNNING)
    {
      self->run_started = g_get_monotonic_time ();
      g_array_set_size (self->done_times, 0);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  update_rate (self);
}

/* Moves @row to @outcome, keeping the counters right. */
static void
set_outcome (RosterImportJob     *self,
             guint                row,
             RosterImportOutcome  outcome)
{
  JobRow *r = job_row (self, row);

  if (r->outcome == outcome)
    return;

  if (r->outcome == ROSTER_IMPORT_OUTCOME_REGISTERED)
    self->n_registered--;
  else if (r->outcome == ROSTER_IMPORT_OUTCOME_FAILED)
    self->n_failed--;
  else if (r->outcome == ROSTER_IMPORT_OUTCOME_UNKNOWN)
    self->n_unknown--;

  r->outcome = outcome;

  if (outcome == ROSTER_IMPORT_OUTCOME_REGISTERED)
    {
      gint64 now = g_get_monotonic_time ();

      self->n_registered++;
      g_array_append_val (self->done_times, now);
    }
  else if (outcome == ROSTER_IMPORT_OUTCOME_FAILED)
    self->n_failed++;
  else if (outcome == ROSTER_IMPORT_OUTCOME_UNKNOWN)
    self->n_unknown++;

  if (outcome == ROSTER_IMPORT_OUTCOME_REGISTERED || outcome == ROSTER_IMPORT_OUTCOME_FAILED ||
      outcome == ROSTER_IMPORT_OUTCOME_UNKNOWN)
    g_signal_emit (self, signals[ROW_DONE], 0, row);
}

/* Stops sending for good (until the next start()): a journal that cannot be written, a key the
 * server rejects, a server that cannot be reached or keeps refusing.  Sending without a journal
 * would break the promise that nobody is registered twice. */
static void
fail_job (RosterImportJob *self,
          GError          *error)
{
  g_debug ("Import stopped: %s", error->message);
  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);

  if (self->state == ROSTER_IMPORT_JOB_RUNNING || self->state == ROSTER_IMPORT_JOB_PAUSED)
    {
      g_clear_handle_id (&self->tick_id, g_source_remove);
      g_clear_handle_id (&self->retry_id, g_source_remove);
      stop_lookup_timers (self);
      set_state (self, ROSTER_IMPORT_JOB_CANCELLED);
      self->finished_pending = TRUE;
    }
}

/* ---- Journal helpers ------------------------------------------------------------------------------- */

static const char *
row_email (RosterImportJob *self,
           guint            row)
{
  return roster_import_plan_get_row_value (self->plan, row, ROSTER_IMPORT_FIELD_EMAIL);
}

static void
journal_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RosterImportJob) self = user_data;
  GError *error = NULL;

  self->n_journal_pending--;
  if (!roster_import_journal_append_finish (ROSTER_IMPORT_JOURNAL (object), result, &error))
    {
      self->journal_failed = TRUE;
      fail_job (self, error);
    }
  /* "finished" waits for the last line to be durable. */
  pump (self);
}

/* Queues a line for the journal's writer thread, so that the main loop never waits on the disk;
 * the job stops if it cannot be written.  Returns FALSE once the journal has failed: nothing
 * more may be recorded or sent. */
static gboolean
journal_append (RosterImportJob      *self,
                guint                 row,
                RosterImportRowState  state,
                RosterRegistration   *registration,
                const char           *message)
{
  if (self->journal_failed)
    return FALSE;

  self->n_journal_pending++;
  roster_import_journal_append_async (self->journal, row, roster_import_plan_get_row_line (self->plan, row),
                                      row_email (self, row), state, registration, message, NULL,
                                      journal_written_cb, g_object_ref (self));
  return TRUE;
}

/* ---- Calls and timers ------------------------------------------------------------------------------ */

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

static gboolean
lookup_timer_cb (gpointer user_data)
{
  RosterImportJob *self = user_data;
  guint source_id = g_source_get_id (g_main_current_source ());
  guint row = GPOINTER_TO_UINT (g_hash_table_lookup (self->lookup_timers, GUINT_TO_POINTER (source_id)));

  g_hash_table_remove (self->lookup_timers, GUINT_TO_POINTER (source_id));
  job_row (self, row)->waiting = FALSE;
  g_queue_push_tail (&self->verify_queue, GUINT_TO_POINTER (row));
  pump (self);

  return G_SOURCE_REMOVE;
}

/* Looks @row up again after @delay_msec.  The timer does not hold the job: a stopped or
 * dropped job takes its timers with it (stop_lookup_timers()), so that nothing keeps its
 * journal locked for the rest of a check window. */
static void
lookup_later (RosterImportJob *self,
              guint            row,
              guint            delay_msec)
{
  guint source_id = g_timeout_add (delay_msec, lookup_timer_cb, self);

  job_row (self, row)->waiting = TRUE;
  g_hash_table_insert (self->lookup_timers, GUINT_TO_POINTER (source_id), GUINT_TO_POINTER (row));
}

/* The rows stay unknown; the next start() looks them up afresh. */
static void
stop_lookup_timers (RosterImportJob *self)
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

/* ---- The server's health ----------------------------------------------------------------------------- */

static void
set_retry_at (RosterImportJob *self,
              gint64           retry_at)
{
  if (self->retry_at == retry_at)
    return;

  self->retry_at = retry_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_AT]);
}

/* The server answered (whatever it said): it can be reached. */
static void
note_contact (RosterImportJob *self)
{
  self->last_contact = g_get_monotonic_time ();
  self->backoff_sec = 0;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  set_retry_at (self, 0);
}

static gboolean
retry_cb (gpointer user_data)
{
  RosterImportJob *self = user_data;

  self->retry_id = 0;
  /* retry_at stays set until an answer comes: meanwhile pump() sends one call at a time. */
  pump (self);

  return G_SOURCE_REMOVE;
}

/* No connection could be made: wait 1, 2, 4 … 60 s between tries, and give up once nothing has
 * answered for the give-up time. */
static void
note_unreachable (RosterImportJob *self,
                  const GError    *error)
{
  gint64 now = g_get_monotonic_time ();

  if (self->retry_id != 0)
    return;  /* already waiting: other calls of the same wave failed too */

  if (self->give_up_msec > 0 && now - self->last_contact >= (gint64) self->give_up_msec * 1000)
    {
      guint seconds = (self->give_up_msec + 999) / 1000;
      g_autofree char *duration = seconds % 60 == 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", seconds / 60), seconds / 60)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", seconds), seconds);

      fail_job (self, g_error_new (ROSTER_API_ERROR, ROSTER_API_ERROR_NETWORK,
                                   /* Translators: the first %s is a duration ("5 minutes"), the
                                    * second says why; the import can be resumed */
                                   _("Gave up: the server could not be reached for %s (%s). "
                                     "Nothing was lost: run the same import again to continue."),
                                   duration, error->message));
      return;
    }

  self->backoff_sec = self->backoff_sec == 0 ? MIN_SERVER_BACKOFF_SEC
                                             : MIN (self->backoff_sec * 2, MAX_SERVER_BACKOFF_SEC);
  g_debug ("Server unreachable (%s); next try in %u s", error->message, self->backoff_sec);
  set_retry_at (self, now + (gint64) self->backoff_sec * G_USEC_PER_SEC);
  self->retry_id = g_timeout_add_seconds (self->backoff_sec, retry_cb, self);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    RosterImportJob *self)
{
  gboolean offline = !g_network_monitor_get_network_available (monitor);

  if (offline == self->offline)
    return;

  self->offline = offline;
  g_debug ("Network %s", offline ? "gone: holding the import" : "back");
  /* Whatever failed while offline says nothing about the server. */
  if (!offline)
    note_contact (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
  pump (self);
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
static void
schedule_lookup (RosterImportJob *self,
                 guint            row)
{
  gint64 delay = next_lookup_at (self, job_row (self, row)) - g_get_monotonic_time ();

  if (delay <= 0)
    g_queue_push_tail (&self->verify_queue, GUINT_TO_POINTER (row));
  else
    lookup_later (self, row, (guint) MIN (delay / 1000 + 1, G_MAXUINT));
}

/* The row stays unknown for this run: report it, never resend it on a guess. */
static void
leave_unknown (RosterImportJob *self,
               guint            row,
               const char      *why)
{
  g_autofree char *message =
    g_strdup_printf (_("The registration may have been made, and could not be checked: %s"), why);

  journal_append (self, row, ROSTER_IMPORT_ROW_STATE_UNKNOWN, NULL, message);
  set_outcome (self, row, ROSTER_IMPORT_OUTCOME_UNKNOWN);
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
          note_unreachable (self, error);
          g_queue_push_head (&self->verify_queue, GUINT_TO_POINTER (row));
        }
      else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION))
        {
          note_contact (self);
          leave_unknown (self, row, error->message);
          fail_job (self, g_steal_pointer (&error));
        }
      else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL))
        {
          /* Pages that never end or never advance: asking again would only spend the key. */
          note_contact (self);
          leave_unknown (self, row, error->message);
        }
      else if (++r->lookup_errors < MAX_LOOKUP_ERRORS)
        {
          /* The server answered, but not usefully: try a few more times within the window. */
          note_contact (self);
          lookup_later (self, row, MAX (self->check_window_msec / MAX_LOOKUP_ERRORS, 100));
        }
      else
        leave_unknown (self, row, error->message);
    }
  else if (found != NULL)
    {
      note_contact (self);
      if (!self->journal_failed)
        {
          self->n_journal_pending++;
          roster_import_journal_append_links_async (self->journal, row,
                                                    roster_import_plan_get_row_line (self->plan, row),
                                                    row_email (self, row),
                                                    roster_registrant_get_live_room_url (found),
                                                    roster_registrant_get_replay_room_url (found),
                                                    _("Found among the registrants after an uncertain outcome"),
                                                    NULL, journal_written_cb, g_object_ref (self));
          set_outcome (self, row, ROSTER_IMPORT_OUTCOME_REGISTERED);
        }
    }
  else
    {
      note_contact (self);
      r->lookups_missed = MIN (r->lookups_missed + 1, G_MAXUINT8);
      if (!proven_absent (self, r, started))
        schedule_lookup (self, row);
      else if (r->uncertain_sends >= MAX_UNCERTAIN_SENDS)
        {
          /* Certainly not there, yet every call's answer was lost: stop sending it. */
          g_autofree char *message = g_strdup_printf (_("Sent %u times without an answer, and the person is not "
                                                        "registered: %s"), (guint) r->uncertain_sends,
                                                      roster_import_job_get_row_message (self, row));

          if (journal_append (self, row, ROSTER_IMPORT_ROW_STATE_FAILED, NULL, message))
            set_outcome (self, row, ROSTER_IMPORT_OUTCOME_FAILED);
        }
      else
        {
          /* Certainly not there, even for a lagging search: the row may be sent (again). */
          set_outcome (self, row, ROSTER_IMPORT_OUTCOME_PENDING);
          g_queue_push_head (&self->send_queue, GUINT_TO_POINTER (row));
        }
    }

  notify_counts (self);
  pump (self);
}

/* Looks the row's address up in the target schedule, every page of the search, through the
 * same limiter as everything else. */
static void
start_lookup (RosterImportJob *self,
              guint            row)
{
  Lookup *lookup = g_new0 (Lookup, 1);

  lookup->job = g_object_ref (self);
  lookup->row = row;
  lookup->started = g_get_monotonic_time ();

  job_row (self, row)->busy = TRUE;
  self->n_in_flight++;
  roster_client_find_registrant_async (self->client, self->target->webinar_id, self->target->schedule_id,
                                       row_email (self, row), ROSTER_PRIORITY_BULK, NULL, lookup_cb, lookup);
}

/* ---- Sending ---------------------------------------------------------------------------------------- */

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
  journal_append (self, row, ROSTER_IMPORT_ROW_STATE_NONE, NULL, why);
  set_outcome (self, row, ROSTER_IMPORT_OUTCOME_PENDING);
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
      note_contact (self);
      if (journal_append (self, call->row, ROSTER_IMPORT_ROW_STATE_REGISTERED, registration, NULL))
        set_outcome (self, call->row, ROSTER_IMPORT_OUTCOME_REGISTERED);
    }
  else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_OUTCOME_UNKNOWN))
    {
      g_debug ("Row %u: outcome unknown: %s", call->row, error->message);
      journal_append (self, call->row, ROSTER_IMPORT_ROW_STATE_UNKNOWN, NULL, error->message);
      set_outcome (self, call->row, ROSTER_IMPORT_OUTCOME_UNKNOWN);
      r->uncertain_since = g_get_monotonic_time ();
      r->lookups_missed = 0;
      r->lookup_errors = 0;
      r->uncertain_sends = MIN (r->uncertain_sends + 1, G_MAXUINT8);
      schedule_lookup (self, call->row);
    }
  else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_NETWORK) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    {
      /* Certainly not sent: try again once the server can be reached. */
      g_debug ("Row %u: not sent: %s", call->row, error->message);
      put_back (self, call->row, error->message);
      note_unreachable (self, error);
    }
  else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_RATE_LIMITED))
    {
      /* The client waited out 429s for a minute: someone else is spending this key. */
      note_contact (self);
      put_back (self, call->row, error->message);
      fail_job (self, g_error_new_literal (ROSTER_API_ERROR, ROSTER_API_ERROR_RATE_LIMITED,
                                           _("The server keeps refusing calls as too many; another "
                                             "program may be using this API key. Nothing was lost: "
                                             "run the same import again later to continue.")));
    }
  else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION))
    {
      /* A rejected key fails every row alike: stop rather than fail them all.  The row is
       * looked up when the import resumes with a good key, not left failed. */
      note_contact (self);
      journal_append (self, call->row, ROSTER_IMPORT_ROW_STATE_UNKNOWN, NULL, error->message);
      set_outcome (self, call->row, ROSTER_IMPORT_OUTCOME_UNKNOWN);
      fail_job (self, g_steal_pointer (&error));
    }
  else
    {
      note_contact (self);
      if (journal_append (self, call->row, ROSTER_IMPORT_ROW_STATE_FAILED, NULL, error->message))
        set_outcome (self, call->row, ROSTER_IMPORT_OUTCOME_FAILED);
    }

  notify_counts (self);
  pump (self);
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
          fail_job (self, error);
        }
      else
        put_back (self, call->row, NULL);
      pump (self);
      row_call_free (call);
      return;
    }

  params = params_for_row (self, call->row);
  roster_client_register_async (self->client, params, ROSTER_PRIORITY_BULK, NULL, register_cb, call);
}

static void
start_send (RosterImportJob *self,
            guint            row)
{
  if (self->journal_failed)
    return;

  job_row (self, row)->busy = TRUE;
  self->n_in_flight++;
  roster_import_journal_append_async (self->journal, row, roster_import_plan_get_row_line (self->plan, row),
                                      row_email (self, row), ROSTER_IMPORT_ROW_STATE_SENDING, NULL, NULL,
                                      NULL, sending_written_cb, row_call_new (self, row));
}

/* ---- The loop ---------------------------------------------------------------------------------------- */

static void
maybe_finish (RosterImportJob *self)
{
  if (self->state == ROSTER_IMPORT_JOB_RUNNING &&
      self->n_in_flight == 0 &&
      g_queue_is_empty (&self->send_queue) &&
      g_queue_is_empty (&self->verify_queue) &&
      g_hash_table_size (self->lookup_timers) == 0)
    {
      g_clear_handle_id (&self->tick_id, g_source_remove);
      if (self->n_unknown == 0 && n_remaining (self) == 0)
        {
          GError *error = NULL;

          if (!roster_import_journal_mark_complete (self->journal, &error))
            {
              g_debug ("Could not mark the import journal complete: %s", error->message);
              g_clear_error (&error);
            }
        }
      set_state (self, ROSTER_IMPORT_JOB_FINISHED);
      self->finished_pending = TRUE;
    }

  if (self->finished_pending && self->n_in_flight == 0 && self->n_journal_pending == 0 &&
      (self->state == ROSTER_IMPORT_JOB_FINISHED || self->state == ROSTER_IMPORT_JOB_CANCELLED))
    {
      self->finished_pending = FALSE;
      notify_counts (self);
      g_signal_emit (self, signals[FINISHED], 0);
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

static void
pump (RosterImportJob *self)
{
  g_object_ref (self);

  while (self->state == ROSTER_IMPORT_JOB_RUNNING && !self->journal_failed &&
         self->n_in_flight < calls_allowed (self))
    {
      if (!g_queue_is_empty (&self->verify_queue))
        start_lookup (self, GPOINTER_TO_UINT (g_queue_pop_head (&self->verify_queue)));
      else if (!g_queue_is_empty (&self->send_queue))
        start_send (self, GPOINTER_TO_UINT (g_queue_pop_head (&self->send_queue)));
      else
        break;
    }

  notify_counts (self);
  maybe_finish (self);
  g_object_unref (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  update_rate (user_data);
  return G_SOURCE_CONTINUE;
}

/* Sorts every row from the plan and the journal into outcomes and queues. */
static void
classify_rows (RosterImportJob *self)
{
  guint n_rows = roster_import_plan_get_n_rows (self->plan);
  gint64 now = g_get_monotonic_time ();

  g_queue_clear (&self->send_queue);
  g_queue_clear (&self->verify_queue);
  self->n_total = 0;

  for (guint i = 0; i < n_rows; i++)
    {
      JobRow *r = job_row (self, i);
      RosterImportRowStatus status = roster_import_plan_get_row_status (self->plan, i);
      RosterImportRowState state = roster_import_journal_get_row_state (self->journal, i);
      const char *journal_email = roster_import_journal_get_row_field (self->journal, i, "email");
      gboolean same = journal_email == NULL || roster_contact_same_email (journal_email, row_email (self, i));

      /* A call for it is still out, or a timer will queue it: it is in hand already. */
      if (r->busy || r->waiting)
        {
          self->n_total++;
          continue;
        }

      if (state == ROSTER_IMPORT_ROW_STATE_REGISTERED && same)
        {
          self->n_total++;
          set_outcome (self, i, ROSTER_IMPORT_OUTCOME_REGISTERED);
          continue;
        }

      switch (status)
        {
        case ROSTER_IMPORT_ROW_INVALID:
          set_outcome (self, i, ROSTER_IMPORT_OUTCOME_INVALID);
          continue;
        case ROSTER_IMPORT_ROW_DUPLICATE:
          set_outcome (self, i, ROSTER_IMPORT_OUTCOME_DUPLICATE);
          continue;
        case ROSTER_IMPORT_ROW_ALREADY_REGISTERED:
          set_outcome (self, i, ROSTER_IMPORT_OUTCOME_ALREADY_REGISTERED);
          continue;
        case ROSTER_IMPORT_ROW_READY:
        case ROSTER_IMPORT_N_ROW_STATUSES:
        default:
          break;
        }

      if (r->user_skipped)
        {
          set_outcome (self, i, ROSTER_IMPORT_OUTCOME_SKIPPED);
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
      if ((state != ROSTER_IMPORT_ROW_STATE_NONE && !same) ||
          state == ROSTER_IMPORT_ROW_STATE_SENDING || state == ROSTER_IMPORT_ROW_STATE_UNKNOWN)
        {
          if (self->resend_unknown)
            {
              set_outcome (self, i, ROSTER_IMPORT_OUTCOME_PENDING);
              g_queue_push_tail (&self->send_queue, GUINT_TO_POINTER (i));
            }
          else
            {
              set_outcome (self, i, ROSTER_IMPORT_OUTCOME_UNKNOWN);
              g_queue_push_tail (&self->verify_queue, GUINT_TO_POINTER (i));
            }
          continue;
        }

      if (state == ROSTER_IMPORT_ROW_STATE_FAILED && !self->retry_failed)
        {
          set_outcome (self, i, ROSTER_IMPORT_OUTCOME_FAILED);
          continue;
        }

      set_outcome (self, i, ROSTER_IMPORT_OUTCOME_PENDING);
      g_queue_push_tail (&self->send_queue, GUINT_TO_POINTER (i));
    }
}

/* ---- Object ------------------------------------------------------------------------------------------ */

static void
roster_import_job_dispose (GObject *object)
{
  RosterImportJob *self = ROSTER_IMPORT_JOB (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  stop_lookup_timers (self);
  g_clear_signal_handler (&self->network_changed_id, self->network_monitor);
  g_clear_object (&self->network_monitor);

  G_OBJECT_CLASS (roster_import_job_parent_class)->dispose (object);
}

static void
roster_import_job_finalize (GObject *object)
{
  RosterImportJob *self = ROSTER_IMPORT_JOB (object);

  g_queue_clear (&self->send_queue);
  g_queue_clear (&self->verify_queue);
  g_clear_pointer (&self->lookup_timers, g_hash_table_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->plan);
  g_clear_object (&self->journal);
  g_clear_pointer (&self->target, roster_import_target_free);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->done_times, g_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (roster_import_job_parent_class)->finalize (object);
}

static void
roster_import_job_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RosterImportJob *self = ROSTER_IMPORT_JOB (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_N_TOTAL:
      g_value_set_uint (value, self->n_total);
      break;
    case PROP_N_REGISTERED:
      g_value_set_uint (value, self->n_registered);
      break;
    case PROP_N_FAILED:
      g_value_set_uint (value, self->n_failed);
      break;
    case PROP_N_UNKNOWN:
      g_value_set_uint (value, self->n_unknown);
      break;
    case PROP_N_REMAINING:
      g_value_set_uint (value, n_remaining (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_in_flight > 0);
      break;
    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;
    case PROP_PACE:
      g_value_set_double (value, self->pace);
      break;
    case PROP_ETA_SECONDS:
      g_value_set_int64 (value, self->eta_seconds);
      break;
    case PROP_RETRY_AT:
      g_value_set_int64 (value, self->retry_at);
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    case PROP_CHECK_WINDOW:
      g_value_set_uint (value, self->check_window_msec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_import_job_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RosterImportJob *self = ROSTER_IMPORT_JOB (object);

  switch (prop_id)
    {
    case PROP_CHECK_WINDOW:
      roster_import_job_set_check_window (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_import_job_class_init (RosterImportJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = roster_import_job_dispose;
  object_class->finalize = roster_import_job_finalize;
  object_class->get_property = roster_import_job_get_property;
  object_class->set_property = roster_import_job_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, ROSTER_TYPE_IMPORT_JOB_STATE, ROSTER_IMPORT_JOB_IDLE, flags);
  properties[PROP_N_TOTAL] = g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_REGISTERED] = g_param_spec_uint ("n-registered", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_FAILED] = g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_UNKNOWN] = g_param_spec_uint ("n-unknown", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_REMAINING] = g_param_spec_uint ("n-remaining", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  /* Calls a second the key's rate limiter allows now. */
  properties[PROP_PACE] = g_param_spec_double ("pace", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_ETA_SECONDS] = g_param_spec_int64 ("eta-seconds", NULL, NULL, -1, G_MAXINT64, -1, flags);
  /* Monotonic µs of the next try while the server cannot be reached, else 0. */
  properties[PROP_RETRY_AT] = g_param_spec_int64 ("retry-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /* The network is gone: nothing is sent until it is back. */
  properties[PROP_OFFLINE] = g_param_spec_boolean ("offline", NULL, NULL, FALSE, flags);
  /* Milliseconds; see roster_import_job_set_check_window(). */
  properties[PROP_CHECK_WINDOW] =
    g_param_spec_uint ("check-window", NULL, NULL, 1, G_MAXUINT, DEFAULT_CHECK_WINDOW_MSEC,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ROW_DONE] = g_signal_new ("row-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
roster_import_job_init (RosterImportJob *self)
{
  self->max_in_flight = DEFAULT_MAX_IN_FLIGHT;
  self->check_window_msec = DEFAULT_CHECK_WINDOW_MSEC;
  self->eta_seconds = -1;
  self->done_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_queue_init (&self->send_queue);
  g_queue_init (&self->verify_queue);
  self->lookup_timers = g_hash_table_new (NULL, NULL);
}

/* The plan's row indices are the journal's: use the same file, read the same way. */
RosterImportJob *
roster_import_job_new (RosterClient             *client,
                       RosterImportPlan         *plan,
                       const RosterImportTarget *target,
                       RosterImportJournal      *journal)
{
  RosterImportJob *self;
  guint n_rows;

  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (plan), NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (journal), NULL);

  self = g_object_new (ROSTER_TYPE_IMPORT_JOB, NULL);
  self->client = g_object_ref (client);
  self->plan = g_object_ref (plan);
  self->target = roster_import_target_copy (target);
  self->journal = g_object_ref (journal);

  n_rows = roster_import_plan_get_n_rows (plan);
  self->rows = g_array_sized_new (FALSE, TRUE, sizeof (JobRow), n_rows);
  g_array_set_size (self->rows, n_rows);
  for (guint i = 0; i < n_rows; i++)
    job_row (self, i)->outcome = ROSTER_IMPORT_OUTCOME_PENDING;

  /* Show what an earlier run left, before anything starts. */
  classify_rows (self);
  g_queue_clear (&self->send_queue);
  g_queue_clear (&self->verify_queue);
  notify_counts (self);

  return self;
}

RosterClient *
roster_import_job_get_client (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);
  return self->client;
}

RosterImportPlan *
roster_import_job_get_plan (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);
  return self->plan;
}

RosterImportJournal *
roster_import_job_get_journal (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);
  return self->journal;
}

const RosterImportTarget *
roster_import_job_get_target (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);
  return self->target;
}

/* Whether start() sends rows that failed in an earlier run again. */
void
roster_import_job_set_retry_failed (RosterImportJob *self,
                                    gboolean         retry_failed)
{
  g_return_if_fail (ROSTER_IS_IMPORT_JOB (self));
  self->retry_failed = !!retry_failed;
}

gboolean
roster_import_job_get_retry_failed (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), FALSE);
  return self->retry_failed;
}

/* Whether start() sends rows whose earlier call may have landed without looking them up
 * first: the user's deliberate choice, which can register such people twice. */
void
roster_import_job_set_resend_unknown (RosterImportJob *self,
                                      gboolean         resend_unknown)
{
  g_return_if_fail (ROSTER_IS_IMPORT_JOB (self));
  self->resend_unknown = !!resend_unknown;
}

/* How long after an uncertain call the last lookup must run before the person counts as
 * absent: long enough for a lagging search index. */
void
roster_import_job_set_check_window (RosterImportJob *self,
                                    guint            msec)
{
  g_return_if_fail (ROSTER_IS_IMPORT_JOB (self));
  g_return_if_fail (msec > 0);

  if (self->check_window_msec == msec)
    return;

  self->check_window_msec = msec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECK_WINDOW]);
}

/* Stop (resumable) after @msec without any answer from the server; 0 waits for ever. */
void
roster_import_job_set_give_up_after (RosterImportJob *self,
                                     guint            msec)
{
  g_return_if_fail (ROSTER_IS_IMPORT_JOB (self));
  self->give_up_msec = msec;
}

/* The monitor whose "network-changed" holds and resumes the import; NULL stops watching.
 * start() watches the default monitor unless the endpoint is this machine. */
void
roster_import_job_set_network_monitor (RosterImportJob *self,
                                       GNetworkMonitor *monitor)
{
  g_return_if_fail (ROSTER_IS_IMPORT_JOB (self));
  g_return_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor));

  if (self->network_monitor == monitor)
    return;

  g_clear_signal_handler (&self->network_changed_id, self->network_monitor);
  g_set_object (&self->network_monitor, monitor);
  if (monitor != NULL)
    {
      self->network_changed_id = g_signal_connect (monitor, "network-changed",
                                                   G_CALLBACK (network_changed_cb), self);
      network_changed_cb (monitor, g_network_monitor_get_network_available (monitor), self);
    }
  else if (self->offline)
    {
      self->offline = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
      pump (self);
    }
}

/* Calls out at once (queued in the limiter or on the wire); enough that the limiter never
 * waits on latency, few enough that pause and cancel take effect within a second or two. */
void
roster_import_job_set_max_in_flight (RosterImportJob *self,
                                     guint            max_in_flight)
{
  g_return_if_fail (ROSTER_IS_IMPORT_JOB (self));
  g_return_if_fail (max_in_flight > 0);

  self->max_in_flight = max_in_flight;
  pump (self);
}

/* A ready row the user chose not to send; takes effect at the next start(). */
void
roster_import_job_set_row_skipped (RosterImportJob *self,
                                   guint            row,
                                   gboolean         skipped)
{
  g_return_if_fail (ROSTER_IS_IMPORT_JOB (self));
  g_return_if_fail (row < self->rows->len);

  job_row (self, row)->user_skipped = !!skipped;
}

/* Starts sending, or resumes an import an earlier run (or an earlier start() of this job)
 * left: REGISTERED rows are never sent again, rows that may have landed are looked up first. */
void
roster_import_job_start (RosterImportJob *self)
{
  g_return_if_fail (ROSTER_IS_IMPORT_JOB (self));

  if (self->state == ROSTER_IMPORT_JOB_RUNNING || self->state == ROSTER_IMPORT_JOB_PAUSED)
    return;

  /* A journal that failed once is not trusted again: open it anew. */
  if (self->journal_failed)
    {
      set_state (self, ROSTER_IMPORT_JOB_CANCELLED);
      self->finished_pending = TRUE;
      maybe_finish (self);
      return;
    }

  g_clear_error (&self->error);
  self->finished_pending = FALSE;
  self->last_contact = g_get_monotonic_time ();
  self->backoff_sec = 0;
  set_retry_at (self, 0);
  /* The fake service and the demo run on this machine: no network is needed to reach them. */
  if (self->network_monitor == NULL && !roster_client_get_is_local (self->client))
    roster_import_job_set_network_monitor (self, g_network_monitor_get_default ());
  g_object_freeze_notify (G_OBJECT (self));
  classify_rows (self);
  set_state (self, ROSTER_IMPORT_JOB_RUNNING);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  g_object_thaw_notify (G_OBJECT (self));

  /* Enough open connections for the calls in flight at full pace, so that none waits for a
   * handshake after its slot. */
  roster_client_warm_up_async (self->client, WARM_CONNECTIONS, NULL, NULL, NULL);
  pump (self);
}

/* Sends nothing new; calls already out land and are recorded. */
void
roster_import_job_pause (RosterImportJob *self)
{
  g_return_if_fail (ROSTER_IS_IMPORT_JOB (self));

  if (self->state == ROSTER_IMPORT_JOB_RUNNING)
    set_state (self, ROSTER_IMPORT_JOB_PAUSED);
}

void
roster_import_job_resume (RosterImportJob *self)
{
  g_return_if_fail (ROSTER_IS_IMPORT_JOB (self));

  if (self->state != ROSTER_IMPORT_JOB_PAUSED)
    return;

  set_state (self, ROSTER_IMPORT_JOB_RUNNING);
  pump (self);
}

/* Stops sending.  Calls already out land and are recorded; "finished" follows once they have. */
void
roster_import_job_cancel (RosterImportJob *self)
{
  g_return_if_fail (ROSTER_IS_IMPORT_JOB (self));

  if (self->state != ROSTER_IMPORT_JOB_RUNNING && self->state != ROSTER_IMPORT_JOB_PAUSED)
    return;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  stop_lookup_timers (self);
  set_state (self, ROSTER_IMPORT_JOB_CANCELLED);
  self->finished_pending = TRUE;
  g_object_ref (self);
  notify_counts (self);
  maybe_finish (self);
  g_object_unref (self);
}

/* ---- Getters ---------------------------------------------------------------------------------------- */

RosterImportJobState
roster_import_job_get_state (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), ROSTER_IMPORT_JOB_IDLE);
  return self->state;
}

/* TRUE while calls are out, e.g. just after pause() or cancel(). */
gboolean
roster_import_job_is_busy (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), FALSE);
  return self->n_in_flight > 0;
}

guint
roster_import_job_get_n_total (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), 0);
  return self->n_total;
}

guint
roster_import_job_get_n_registered (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), 0);
  return self->n_registered;
}

guint
roster_import_job_get_n_failed (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), 0);
  return self->n_failed;
}

guint
roster_import_job_get_n_unknown (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), 0);
  return self->n_unknown;
}

guint
roster_import_job_get_n_remaining (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), 0);
  return n_remaining (self);
}

double
roster_import_job_get_rate (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), 0);
  return self->rate;
}

double
roster_import_job_get_pace (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), 0);
  return self->pace;
}

gint64
roster_import_job_get_eta_seconds (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), -1);
  return self->eta_seconds;
}

/* Monotonic µs of the next try while the server cannot be reached, else 0. */
gint64
roster_import_job_get_retry_at (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), 0);
  return self->retry_at;
}

gboolean
roster_import_job_get_offline (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), FALSE);
  return self->offline;
}

/* Why the job stopped on its own (the journal could not be written, or the key was
 * rejected), or NULL. */
const GError *
roster_import_job_get_error (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);
  return self->error;
}

RosterImportOutcome
roster_import_job_get_row_outcome (RosterImportJob *self,
                                   guint            row)
{
  RosterImportOutcome outcome;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), ROSTER_IMPORT_OUTCOME_PENDING);
  g_return_val_if_fail (row < self->rows->len, ROSTER_IMPORT_OUTCOME_PENDING);

  outcome = job_row (self, row)->outcome;
  /* Rows a cancelled job never sent. */
  if (outcome == ROSTER_IMPORT_OUTCOME_PENDING && self->state == ROSTER_IMPORT_JOB_CANCELLED &&
      !job_row (self, row)->busy)
    return ROSTER_IMPORT_OUTCOME_SKIPPED;

  return outcome;
}

static const char *
journal_field (RosterImportJob *self,
               guint            row,
               const char      *name)
{
  RosterImportOutcome outcome = job_row (self, row)->outcome;

  if (outcome != ROSTER_IMPORT_OUTCOME_REGISTERED)
    return NULL;

  return roster_import_journal_get_row_field (self->journal, row, name);
}

/* The server's message for a failed row, why a row's outcome is unknown, or the plan's
 * problems for an invalid or duplicate row; NULL when there is nothing to say. */
const char *
roster_import_job_get_row_message (RosterImportJob *self,
                                   guint            row)
{
  const RosterImportProblem *problems = NULL;
  RosterImportOutcome outcome;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  outcome = job_row (self, row)->outcome;
  if (outcome == ROSTER_IMPORT_OUTCOME_REGISTERED || outcome == ROSTER_IMPORT_OUTCOME_FAILED ||
      outcome == ROSTER_IMPORT_OUTCOME_UNKNOWN)
    return roster_import_journal_get_row_field (self->journal, row, "message");

  if ((outcome == ROSTER_IMPORT_OUTCOME_INVALID || outcome == ROSTER_IMPORT_OUTCOME_DUPLICATE) &&
      roster_import_plan_get_row_problems (self->plan, row, &problems) > 0)
    return problems[0].message;

  return NULL;
}

const char *
roster_import_job_get_row_user_id (RosterImportJob *self,
                                   guint            row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return journal_field (self, row, "user_id");
}

const char *
roster_import_job_get_row_live_room_url (RosterImportJob *self,
                                         guint            row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return journal_field (self, row, "live_room_url");
}

const char *
roster_import_job_get_row_replay_room_url (RosterImportJob *self,
                                           guint            row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return journal_field (self, row, "replay_room_url");
}

const char *
roster_import_job_get_row_thank_you_url (RosterImportJob *self,
                                         guint            row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return journal_field (self, row, "thank_you_url");
}

/* ---- Results ---------------------------------------------------------------------------------------- */

static const char * const results_columns[] = {
  "line", "email", "first_name", "last_name", "status", "message",
  "user_id", "live_room_url", "replay_room_url", "thank_you_url", NULL
};

const char * const *
roster_import_job_get_results_columns (void)
{
  return results_columns;
}

/* Every row of the plan with its outcome, as CSV (cells a spreadsheet would run as a formula
 * neutralised by the writer). */
GString *
roster_import_job_results_csv (RosterImportJob *self,
                               gboolean         with_bom)
{
  g_autoptr(RosterCsvWriter) writer = NULL;
  guint n_rows;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), NULL);

  writer = roster_csv_writer_new (with_bom);
  roster_csv_writer_add_row (writer, results_columns);

  n_rows = roster_import_plan_get_n_rows (self->plan);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *line = g_strdup_printf ("%u", roster_import_plan_get_row_line (self->plan, i));
      const char *message = roster_import_job_get_row_message (self, i);
      g_autofree char *one_line = message != NULL ? g_strdelimit (g_strdup (message), "\r\n", ' ') : NULL;

      roster_csv_writer_add_field (writer, line);
      roster_csv_writer_add_field (writer, row_email (self, i));
      roster_csv_writer_add_field (writer, roster_import_plan_get_row_value (self->plan, i, ROSTER_IMPORT_FIELD_FIRST_NAME));
      roster_csv_writer_add_field (writer, roster_import_plan_get_row_value (self->plan, i, ROSTER_IMPORT_FIELD_LAST_NAME));
      roster_csv_writer_add_field (writer, roster_import_outcome_to_string (roster_import_job_get_row_outcome (self, i)));
      roster_csv_writer_add_field (writer, one_line);
      roster_csv_writer_add_field (writer, roster_import_job_get_row_user_id (self, i));
      roster_csv_writer_add_field (writer, roster_import_job_get_row_live_room_url (self, i));
      roster_csv_writer_add_field (writer, roster_import_job_get_row_replay_room_url (self, i));
      roster_csv_writer_add_field (writer, roster_import_job_get_row_thank_you_url (self, i));
      roster_csv_writer_end_row (writer);
    }

  return roster_csv_writer_steal_buffer (writer);
}

gboolean
roster_import_job_write_results (RosterImportJob  *self,
                                 GOutputStream    *stream,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = roster_import_job_results_csv (self, FALSE);
  return g_output_stream_write_all (stream, text->str, text->len, NULL, cancellable, error);
}

/* Written to a temporary file and renamed into place, mode 0600: it holds personal data. */
gboolean
roster_import_job_write_results_to_path (RosterImportJob  *self,
                                         const char       *path,
                                         GError          **error)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = roster_import_job_results_csv (self, FALSE);
  return g_file_set_contents_full (path, text->str, text->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
