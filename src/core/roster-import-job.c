/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-job"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-csv-writer.h"
#include "roster-error.h"
#include "roster-import-job.h"

/* How a row moves:
 *
 *   PENDING --(journal "sending", then register)--> REGISTERED | FAILED | UNKNOWN
 *   UNKNOWN --(registrants search=<email>, after a short wait)--> REGISTERED (found) | PENDING
 *
 * A failure that certainly left nothing on the server (the request never got out, or 429s the
 * client gave up on) sends the row again after a pause, a few times, then FAILED.  A row whose
 * journal says "sending" or "unknown" from an earlier run starts as UNKNOWN.  The journal line
 * is on the disk before the call goes out and before the outcome is counted, so whatever
 * happens to this process, the next run knows which rows may have landed. */

#define DEFAULT_MAX_IN_FLIGHT   32
#define WARM_CONNECTIONS        8
#define MAX_SEND_ATTEMPTS       4
#define MAX_LOOKUP_ATTEMPTS     6
#define RETRY_BASE_MSEC         1000
/* A call that timed out may still be processed by a slow server; give it a moment before the
 * lookup decides. */
#define VERIFY_DELAY_MSEC       1500
#define MAX_LOOKUP_PAGES        50
#define RATE_WINDOW_USEC        (10 * G_USEC_PER_SEC)

typedef struct
{
  guint8 outcome;       /* RosterImportOutcome */
  guint8 user_skipped : 1;
  guint8 busy : 1;      /* a call for it is in flight */
  guint8 waiting : 1;   /* a timer will queue it again */
  guint8 send_attempts;
  guint8 lookup_attempts;
} JobRow;

struct _RosterImportJob
{
  GObject               parent_instance;

  RosterClient         *client;
  RosterImportPlan     *plan;
  RosterImportTarget   *target;
  RosterImportJournal  *journal;
  gboolean              retry_failed;
  guint                 max_in_flight;

  RosterImportJobState  state;
  GArray               *rows;           /* JobRow, one per plan row */
  GQueue                send_queue;     /* row indices */
  GQueue                verify_queue;
  guint                 n_in_flight;
  guint                 n_waiting;      /* rows a timer will queue again */
  gboolean              finished_pending;

  guint                 n_total;
  guint                 n_registered;
  guint                 n_failed;
  guint                 n_unknown;

  GArray               *done_times;     /* gint64, monotonic µs of recent registrations */
  gint64                run_started;
  double                rate;
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
  PROP_ETA_SECONDS,
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

static void pump (RosterImportJob *self);

GType
roster_import_job_state_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { ROSTER_IMPORT_JOB_IDLE, "ROSTER_IMPORT_JOB_IDLE", "idle" },
        { ROSTER_IMPORT_JOB_RUNNING, "ROSTER_IMPORT_JOB_RUNNING", "running" },
        { ROSTER_IMPORT_JOB_PAUSED, "ROSTER_IMPORT_JOB_PAUSED", "paused" },
        { ROSTER_IMPORT_JOB_CANCELLED, "ROSTER_IMPORT_JOB_CANCELLED", "cancelled" },
        { ROSTER_IMPORT_JOB_FINISHED, "ROSTER_IMPORT_JOB_FINISHED", "finished" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("RosterImportJobState"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

GType
roster_import_outcome_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { ROSTER_IMPORT_OUTCOME_REGISTERED, "ROSTER_IMPORT_OUTCOME_REGISTERED", "registered" },
        { ROSTER_IMPORT_OUTCOME_FAILED, "ROSTER_IMPORT_OUTCOME_FAILED", "failed" },
        { ROSTER_IMPORT_OUTCOME_INVALID, "ROSTER_IMPORT_OUTCOME_INVALID", "invalid" },
        { ROSTER_IMPORT_OUTCOME_DUPLICATE, "ROSTER_IMPORT_OUTCOME_DUPLICATE", "duplicate" },
        { ROSTER_IMPORT_OUTCOME_SKIPPED, "ROSTER_IMPORT_OUTCOME_SKIPPED", "skipped" },
        { ROSTER_IMPORT_OUTCOME_ALREADY_REGISTERED, "ROSTER_IMPORT_OUTCOME_ALREADY_REGISTERED", "already-registered" },
        { ROSTER_IMPORT_OUTCOME_UNKNOWN, "ROSTER_IMPORT_OUTCOME_UNKNOWN", "unknown" },
        { ROSTER_IMPORT_OUTCOME_PENDING, "ROSTER_IMPORT_OUTCOME_PENDING", "pending" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("RosterImportOutcome"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

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
  gint64 eta = -1;

  while (drop < self->done_times->len && g_array_index (self->done_times, gint64, drop) < now - RATE_WINDOW_USEC)
    drop++;
  if (drop > 0)
    g_array_remove_range (self->done_times, 0, drop);

  /* The limiter lets a whole window's worth go at once when a run starts; counting from one
   * second before the start keeps that burst from promising a rate that cannot last. */
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

/* A journal that cannot be written stops everything: sending without it would break the
 * promise that nobody is registered twice. */
static void
fail_job (RosterImportJob *self,
          GError          *error)
{
  g_warning ("Import stopped: %s", error->message);
  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);

  if (self->state == ROSTER_IMPORT_JOB_RUNNING || self->state == ROSTER_IMPORT_JOB_PAUSED)
    {
      g_clear_handle_id (&self->tick_id, g_source_remove);
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

static gboolean
journal_append (RosterImportJob      *self,
                guint                 row,
                RosterImportRowState  state,
                RosterRegistration   *registration,
                const char           *message)
{
  GError *error = NULL;

  if (!roster_import_journal_append (self->journal, row, roster_import_plan_get_row_line (self->plan, row),
                                     row_email (self, row), state, registration, message, &error))
    {
      fail_job (self, error);
      return FALSE;
    }

  return TRUE;
}

/* ---- Timers ------------------------------------------------------------------------------------------ */

typedef struct
{
  RosterImportJob *job;
  guint            row;
  guint            page;
  gboolean         verify;
} RowCall;

static RowCall *
row_call_new (RosterImportJob *self,
              guint            row,
              gboolean         verify,
              guint            page)
{
  RowCall *call = g_new0 (RowCall, 1);

  call->job = g_object_ref (self);
  call->row = row;
  call->verify = verify;
  call->page = page;

  return call;
}

static void
row_call_free (RowCall *call)
{
  g_object_unref (call->job);
  g_free (call);
}

static gboolean
requeue_cb (gpointer user_data)
{
  RowCall *call = user_data;
  RosterImportJob *self = call->job;

  job_row (self, call->row)->waiting = FALSE;
  self->n_waiting--;
  g_queue_push_tail (call->verify ? &self->verify_queue : &self->send_queue, GUINT_TO_POINTER (call->row));
  pump (self);

  return G_SOURCE_REMOVE;
}

/* Puts @row back on a queue after @delay_msec. */
static void
requeue_later (RosterImportJob *self,
               guint            row,
               gboolean         verify,
               guint            delay_msec)
{
  job_row (self, row)->waiting = TRUE;
  self->n_waiting++;
  g_timeout_add_full (G_PRIORITY_DEFAULT, delay_msec, requeue_cb,
                      row_call_new (self, row, verify, 0), (GDestroyNotify) row_call_free);
}

static guint
backoff_msec (guint attempt)
{
  return (RETRY_BASE_MSEC << MIN (attempt, 5)) + g_random_int_range (0, RETRY_BASE_MSEC / 2);
}

/* ---- Lookups ------------------------------------------------------------------------------------------ */

static void start_lookup (RosterImportJob *self, guint row, guint page);

static gboolean
same_email (const char *a,
            const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  ta = g_strstrip (g_strdup (a));
  tb = g_strstrip (g_strdup (b));
  fa = roster_import_casefold_email (ta);
  fb = roster_import_casefold_email (tb);

  return g_strcmp0 (fa, fb) == 0;
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RowCall *call = user_data;
  RosterImportJob *self = call->job;
  JobRow *r = job_row (self, call->row);
  g_autoptr(RosterRegistrantPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistrant) found = NULL;
  GListModel *items;

  page = roster_client_list_registrants_finish (ROSTER_CLIENT (object), result, &error);
  self->n_in_flight--;
  r->busy = FALSE;

  if (page == NULL)
    {
      g_debug ("Lookup of row %u failed: %s", call->row, error->message);
      if (++r->lookup_attempts < MAX_LOOKUP_ATTEMPTS)
        requeue_later (self, call->row, TRUE, backoff_msec (r->lookup_attempts));
      else
        {
          g_autofree char *message = g_strdup_printf (_("Could not check whether this person was registered: %s"),
                                                      error->message);

          journal_append (self, call->row, ROSTER_IMPORT_ROW_STATE_UNKNOWN, NULL, message);
        }
      goto out;
    }

  items = roster_registrant_page_get_items (page);
  for (guint i = 0; items != NULL && found == NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(RosterRegistrant) registrant = g_list_model_get_item (items, i);

      if (same_email (roster_registrant_get_email (registrant), row_email (self, call->row)))
        found = g_steal_pointer (&registrant);
    }

  if (found != NULL)
    {
      GError *journal_error = NULL;

      if (!roster_import_journal_append_links (self->journal, call->row,
                                               roster_import_plan_get_row_line (self->plan, call->row),
                                               row_email (self, call->row),
                                               roster_registrant_get_live_room_url (found),
                                               roster_registrant_get_replay_room_url (found),
                                               _("Found among the registrants after an uncertain outcome"),
                                               &journal_error))
        fail_job (self, journal_error);
      else
        set_outcome (self, call->row, ROSTER_IMPORT_OUTCOME_REGISTERED);
    }
  else if (roster_registrant_page_has_more (page) && call->page < MAX_LOOKUP_PAGES &&
           self->state == ROSTER_IMPORT_JOB_RUNNING)
    {
      start_lookup (self, call->row, call->page + 1);
    }
  else if (roster_registrant_page_has_more (page))
    {
      /* Not every page was read: still unknown. */
      if (self->state == ROSTER_IMPORT_JOB_RUNNING || self->state == ROSTER_IMPORT_JOB_PAUSED)
        g_queue_push_tail (&self->verify_queue, GUINT_TO_POINTER (call->row));
    }
  else
    {
      /* Certainly not there: the row may be sent (again). */
      r->send_attempts = 0;
      set_outcome (self, call->row, ROSTER_IMPORT_OUTCOME_PENDING);
      g_queue_push_head (&self->send_queue, GUINT_TO_POINTER (call->row));
    }

out:
  notify_counts (self);
  pump (self);
  row_call_free (call);
}

static void
start_lookup (RosterImportJob *self,
              guint            row,
              guint            page)
{
  g_autoptr(RosterRegistrantFilter) filter = roster_registrant_filter_new ();

  filter->schedule_id = self->target->schedule_id;
  filter->search = g_strdup (row_email (self, row));

  job_row (self, row)->busy = TRUE;
  self->n_in_flight++;
  roster_client_list_registrants_async (self->client, self->target->webinar_id, filter, page,
                                        ROSTER_PRIORITY_BULK, NULL, lookup_cb,
                                        row_call_new (self, row, TRUE, page));
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
      if (journal_append (self, call->row, ROSTER_IMPORT_ROW_STATE_REGISTERED, registration, NULL))
        set_outcome (self, call->row, ROSTER_IMPORT_OUTCOME_REGISTERED);
    }
  else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_OUTCOME_UNKNOWN))
    {
      g_debug ("Row %u: outcome unknown: %s", call->row, error->message);
      journal_append (self, call->row, ROSTER_IMPORT_ROW_STATE_UNKNOWN, NULL, error->message);
      set_outcome (self, call->row, ROSTER_IMPORT_OUTCOME_UNKNOWN);
      r->lookup_attempts = 0;
      requeue_later (self, call->row, TRUE, VERIFY_DELAY_MSEC);
    }
  else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_NETWORK) ||
           g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_RATE_LIMITED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    {
      /* Certainly not sent (or turned away with 429): safe to send again, a few times. */
      g_debug ("Row %u: not sent: %s", call->row, error->message);
      if (++r->send_attempts < MAX_SEND_ATTEMPTS)
        requeue_later (self, call->row, FALSE, backoff_msec (r->send_attempts));
      else if (journal_append (self, call->row, ROSTER_IMPORT_ROW_STATE_FAILED, NULL, error->message))
        set_outcome (self, call->row, ROSTER_IMPORT_OUTCOME_FAILED);
    }
  else
    {
      if (journal_append (self, call->row, ROSTER_IMPORT_ROW_STATE_FAILED, NULL, error->message))
        set_outcome (self, call->row, ROSTER_IMPORT_OUTCOME_FAILED);
      /* A rejected key fails every row alike: stop rather than fail them all. */
      if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION))
        fail_job (self, g_error_copy (error));
    }

  notify_counts (self);
  pump (self);
  row_call_free (call);
}

static void
start_send (RosterImportJob *self,
            guint            row)
{
  g_autoptr(RosterRegisterParams) params = params_for_row (self, row);

  /* Write-ahead: on the disk before the request can leave. */
  if (!journal_append (self, row, ROSTER_IMPORT_ROW_STATE_SENDING, NULL, NULL))
    {
      g_queue_push_head (&self->send_queue, GUINT_TO_POINTER (row));
      return;
    }

  job_row (self, row)->busy = TRUE;
  self->n_in_flight++;
  roster_client_register_async (self->client, params, ROSTER_PRIORITY_BULK, NULL, register_cb,
                                row_call_new (self, row, FALSE, 0));
}

/* ---- The loop ---------------------------------------------------------------------------------------- */

static void
maybe_finish (RosterImportJob *self)
{
  if (self->state == ROSTER_IMPORT_JOB_RUNNING &&
      self->n_in_flight == 0 &&
      g_queue_is_empty (&self->send_queue) &&
      g_queue_is_empty (&self->verify_queue) &&
      self->n_waiting == 0)
    {
      g_clear_handle_id (&self->tick_id, g_source_remove);
      if (self->n_unknown == 0 && n_remaining (self) == 0)
        {
          GError *error = NULL;

          if (!roster_import_journal_mark_complete (self->journal, &error))
            {
              g_warning ("Could not mark the import journal complete: %s", error->message);
              g_clear_error (&error);
            }
        }
      set_state (self, ROSTER_IMPORT_JOB_FINISHED);
      self->finished_pending = TRUE;
    }

  if (self->finished_pending && self->n_in_flight == 0 &&
      (self->state == ROSTER_IMPORT_JOB_FINISHED || self->state == ROSTER_IMPORT_JOB_CANCELLED))
    {
      self->finished_pending = FALSE;
      notify_counts (self);
      g_signal_emit (self, signals[FINISHED], 0);
    }
}

static void
pump (RosterImportJob *self)
{
  g_object_ref (self);

  while (self->state == ROSTER_IMPORT_JOB_RUNNING && self->n_in_flight < self->max_in_flight)
    {
      if (!g_queue_is_empty (&self->verify_queue))
        start_lookup (self, GPOINTER_TO_UINT (g_queue_pop_head (&self->verify_queue)), 1);
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

  g_queue_clear (&self->send_queue);
  g_queue_clear (&self->verify_queue);
  self->n_total = 0;

  for (guint i = 0; i < n_rows; i++)
    {
      JobRow *r = job_row (self, i);
      RosterImportRowStatus status = roster_import_plan_get_row_status (self->plan, i);
      RosterImportRowState state = roster_import_journal_get_row_state (self->journal, i);
      const char *journal_email = roster_import_journal_get_row_field (self->journal, i, "email");
      gboolean same = journal_email == NULL || same_email (journal_email, row_email (self, i));

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
      r->send_attempts = 0;
      r->lookup_attempts = 0;

      if (state != ROSTER_IMPORT_ROW_STATE_NONE && !same)
        {
          /* The journal's row held another address (the mapping changed): check first. */
          set_outcome (self, i, ROSTER_IMPORT_OUTCOME_UNKNOWN);
          g_queue_push_tail (&self->verify_queue, GUINT_TO_POINTER (i));
          continue;
        }

      switch (state)
        {
        case ROSTER_IMPORT_ROW_STATE_FAILED:
          if (self->retry_failed)
            {
              set_outcome (self, i, ROSTER_IMPORT_OUTCOME_PENDING);
              g_queue_push_tail (&self->send_queue, GUINT_TO_POINTER (i));
            }
          else
            set_outcome (self, i, ROSTER_IMPORT_OUTCOME_FAILED);
          break;
        case ROSTER_IMPORT_ROW_STATE_SENDING:
        case ROSTER_IMPORT_ROW_STATE_UNKNOWN:
          set_outcome (self, i, ROSTER_IMPORT_OUTCOME_UNKNOWN);
          g_queue_push_tail (&self->verify_queue, GUINT_TO_POINTER (i));
          break;
        case ROSTER_IMPORT_ROW_STATE_NONE:
        case ROSTER_IMPORT_ROW_STATE_REGISTERED:  /* with another address: handled above */
        case ROSTER_IMPORT_N_ROW_STATES:
        default:
          set_outcome (self, i, ROSTER_IMPORT_OUTCOME_PENDING);
          g_queue_push_tail (&self->send_queue, GUINT_TO_POINTER (i));
          break;
        }
    }
}

/* ---- Object ------------------------------------------------------------------------------------------ */

static void
roster_import_job_dispose (GObject *object)
{
  RosterImportJob *self = ROSTER_IMPORT_JOB (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  G_OBJECT_CLASS (roster_import_job_parent_class)->dispose (object);
}

static void
roster_import_job_finalize (GObject *object)
{
  RosterImportJob *self = ROSTER_IMPORT_JOB (object);

  g_queue_clear (&self->send_queue);
  g_queue_clear (&self->verify_queue);
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
    case PROP_ETA_SECONDS:
      g_value_set_int64 (value, self->eta_seconds);
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

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, ROSTER_TYPE_IMPORT_JOB_STATE, ROSTER_IMPORT_JOB_IDLE, flags);
  properties[PROP_N_TOTAL] = g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_REGISTERED] = g_param_spec_uint ("n-registered", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_FAILED] = g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_UNKNOWN] = g_param_spec_uint ("n-unknown", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_REMAINING] = g_param_spec_uint ("n-remaining", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_ETA_SECONDS] = g_param_spec_int64 ("eta-seconds", NULL, NULL, -1, G_MAXINT64, -1, flags);
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
  self->eta_seconds = -1;
  self->done_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_queue_init (&self->send_queue);
  g_queue_init (&self->verify_queue);
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

  g_clear_error (&self->error);
  self->finished_pending = FALSE;
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

gint64
roster_import_job_get_eta_seconds (RosterImportJob *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (self), -1);
  return self->eta_seconds;
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
