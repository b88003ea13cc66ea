/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-job"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-error.h"
#include "roster-import-job-private.h"

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

G_DEFINE_FINAL_TYPE (RosterImportJob, roster_import_job, G_TYPE_OBJECT)

GParamSpec *job_properties[N_PROPS];
guint job_signals[N_SIGNALS];

/* ---- Counters and properties ---------------------------------------------------------------------- */

JobRow *
job_row (RosterImportJob *self,
         guint            row)
{
  return &g_array_index (self->rows, JobRow, row);
}

guint
job_n_remaining (RosterImportJob *self)
{
  return self->n_total - MIN (self->n_total, self->n_registered + self->n_failed);
}

void
job_update_rate (RosterImportJob *self)
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
    eta = (gint64) (job_n_remaining (self) / rate + 0.5);
  else if (job_n_remaining (self) == 0)
    eta = 0;

  if (rate != self->rate)
    {
      self->rate = rate;
      g_object_notify_by_pspec (G_OBJECT (self), job_properties[PROP_RATE]);
    }
  if (eta != self->eta_seconds)
    {
      self->eta_seconds = eta;
      g_object_notify_by_pspec (G_OBJECT (self), job_properties[PROP_ETA_SECONDS]);
    }

  /* What the limiter allows now: below 20/s after 429s, shared with other Roster processes. */
  pace = roster_rate_limiter_get_pace (roster_client_get_rate_limiter (self->client));
  if (pace != self->pace)
    {
      self->pace = pace;
      g_object_notify_by_pspec (G_OBJECT (self), job_properties[PROP_PACE]);
    }
}

/* Notifies every count property whose value changed since the last call. */
void
job_notify_counts (RosterImportJob *self)
{
  const guint props[] = { PROP_N_TOTAL, PROP_N_REGISTERED, PROP_N_FAILED, PROP_N_UNKNOWN, PROP_N_REMAINING, PROP_BUSY };
  guint values[G_N_ELEMENTS (props)];

  values[0] = self->n_total;
  values[1] = self->n_registered;
  values[2] = self->n_failed;
  values[3] = self->n_unknown;
  values[4] = job_n_remaining (self);
  values[5] = self->n_in_flight > 0;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    {
      if (self->notified[i] != values[i])
        {
          self->notified[i] = values[i];
          g_object_notify_by_pspec (G_OBJECT (self), job_properties[props[i]]);
        }
    }
  job_update_rate (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
job_set_state (RosterImportJob      *self,
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
  g_object_notify_by_pspec (G_OBJECT (self), job_properties[PROP_STATE]);
  job_update_rate (self);
}

/* Moves @row to @outcome, keeping the counters right. */
void
job_set_outcome (RosterImportJob      *self,
                 guint                 row,
                 RosterImportRowState  outcome)
{
  JobRow *r = job_row (self, row);

  if (r->outcome == outcome)
    return;

  if (r->outcome == ROSTER_IMPORT_ROW_REGISTERED)
    self->n_registered--;
  else if (r->outcome == ROSTER_IMPORT_ROW_FAILED)
    self->n_failed--;
  else if (r->outcome == ROSTER_IMPORT_ROW_UNKNOWN)
    self->n_unknown--;

  r->outcome = outcome;

  if (outcome == ROSTER_IMPORT_ROW_REGISTERED)
    {
      gint64 now = g_get_monotonic_time ();

      self->n_registered++;
      g_array_append_val (self->done_times, now);
    }
  else if (outcome == ROSTER_IMPORT_ROW_FAILED)
    self->n_failed++;
  else if (outcome == ROSTER_IMPORT_ROW_UNKNOWN)
    self->n_unknown++;

  if (outcome == ROSTER_IMPORT_ROW_REGISTERED || outcome == ROSTER_IMPORT_ROW_FAILED ||
      outcome == ROSTER_IMPORT_ROW_UNKNOWN)
    g_signal_emit (self, job_signals[ROW_DONE], 0, row);
}

/* Stops sending for good (until the next start()): a journal that cannot be written, a key the
 * server rejects, a server that cannot be reached or keeps refusing.  Sending without a journal
 * would break the promise that nobody is registered twice. */
void
job_fail (RosterImportJob *self,
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
      job_stop_lookup_timers (self);
      job_set_state (self, ROSTER_IMPORT_JOB_CANCELLED);
      self->finished_pending = TRUE;
    }
}

/* ---- Object ------------------------------------------------------------------------------------------ */

static void
roster_import_job_dispose (GObject *object)
{
  RosterImportJob *self = ROSTER_IMPORT_JOB (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  job_stop_lookup_timers (self);
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
  g_clear_object (&self->registrant_store);
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
      g_value_set_uint (value, job_n_remaining (self));
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

  job_properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, ROSTER_TYPE_IMPORT_JOB_STATE, ROSTER_IMPORT_JOB_IDLE, flags);
  job_properties[PROP_N_TOTAL] = g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0, flags);
  job_properties[PROP_N_REGISTERED] = g_param_spec_uint ("n-registered", NULL, NULL, 0, G_MAXUINT, 0, flags);
  job_properties[PROP_N_FAILED] = g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  job_properties[PROP_N_UNKNOWN] = g_param_spec_uint ("n-unknown", NULL, NULL, 0, G_MAXUINT, 0, flags);
  job_properties[PROP_N_REMAINING] = g_param_spec_uint ("n-remaining", NULL, NULL, 0, G_MAXUINT, 0, flags);
  job_properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  job_properties[PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  /* Calls a second the key's rate limiter allows now. */
  job_properties[PROP_PACE] = g_param_spec_double ("pace", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  job_properties[PROP_ETA_SECONDS] = g_param_spec_int64 ("eta-seconds", NULL, NULL, -1, G_MAXINT64, -1, flags);
  /* Monotonic µs of the next try while the server cannot be reached, else 0. */
  job_properties[PROP_RETRY_AT] = g_param_spec_int64 ("retry-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /* The network is gone: nothing is sent until it is back. */
  job_properties[PROP_OFFLINE] = g_param_spec_boolean ("offline", NULL, NULL, FALSE, flags);
  /* Milliseconds; see roster_import_job_set_check_window(). */
  job_properties[PROP_CHECK_WINDOW] =
    g_param_spec_uint ("check-window", NULL, NULL, 1, G_MAXUINT, DEFAULT_CHECK_WINDOW_MSEC,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, job_properties);

  job_signals[ROW_DONE] = g_signal_new ("row-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  job_signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
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
    job_row (self, i)->outcome = ROSTER_IMPORT_ROW_READY;

  /* Show what an earlier run left, before anything starts. */
  job_classify_rows (self);
  g_queue_clear (&self->send_queue);
  g_queue_clear (&self->verify_queue);
  job_notify_counts (self);

  return self;
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
  g_object_notify_by_pspec (G_OBJECT (self), job_properties[PROP_CHECK_WINDOW]);
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
                                                   G_CALLBACK (job_network_changed_cb), self);
      job_network_changed_cb (monitor, g_network_monitor_get_network_available (monitor), self);
    }
  else if (self->offline)
    {
      self->offline = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), job_properties[PROP_OFFLINE]);
      job_pump (self);
    }
}

/* The account's local store, told of every registration as it lands, so that the registrants
 * view and the next import's "already registered" check see them without a sync. */
void
roster_import_job_set_registrant_store (RosterImportJob       *self,
                                        RosterRegistrantStore *store)
{
  g_return_if_fail (ROSTER_IS_IMPORT_JOB (self));
  g_return_if_fail (store == NULL || ROSTER_IS_REGISTRANT_STORE (store));

  g_set_object (&self->registrant_store, store);
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
  job_pump (self);
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
      job_set_state (self, ROSTER_IMPORT_JOB_CANCELLED);
      self->finished_pending = TRUE;
      job_maybe_finish (self);
      return;
    }

  g_clear_error (&self->error);
  self->finished_pending = FALSE;
  self->last_contact = g_get_monotonic_time ();
  self->backoff_sec = 0;
  job_set_retry_at (self, 0);
  /* The fake service and the demo run on this machine: no network is needed to reach them. */
  if (self->network_monitor == NULL && !roster_client_get_is_local (self->client))
    roster_import_job_set_network_monitor (self, g_network_monitor_get_default ());
  g_object_freeze_notify (G_OBJECT (self));
  job_classify_rows (self);
  job_set_state (self, ROSTER_IMPORT_JOB_RUNNING);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, job_tick_cb, self);
  g_object_thaw_notify (G_OBJECT (self));

  /* Enough open connections for the calls in flight at full pace, so that none waits for a
   * handshake after its slot. */
  roster_client_warm_up_async (self->client, WARM_CONNECTIONS, NULL, NULL, NULL);
  job_pump (self);
}

/* Sends nothing new; calls already out land and are recorded. */
void
roster_import_job_pause (RosterImportJob *self)
{
  g_return_if_fail (ROSTER_IS_IMPORT_JOB (self));

  if (self->state == ROSTER_IMPORT_JOB_RUNNING)
    job_set_state (self, ROSTER_IMPORT_JOB_PAUSED);
}

void
roster_import_job_resume (RosterImportJob *self)
{
  g_return_if_fail (ROSTER_IS_IMPORT_JOB (self));

  if (self->state != ROSTER_IMPORT_JOB_PAUSED)
    return;

  job_set_state (self, ROSTER_IMPORT_JOB_RUNNING);
  job_pump (self);
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
  job_stop_lookup_timers (self);
  job_set_state (self, ROSTER_IMPORT_JOB_CANCELLED);
  self->finished_pending = TRUE;
  g_object_ref (self);
  job_notify_counts (self);
  job_maybe_finish (self);
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
  return job_n_remaining (self);
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
