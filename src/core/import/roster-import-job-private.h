/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-import-job.h"

G_BEGIN_DECLS

/* What the job's files share: the object's insides and the steps one file takes for another.
 * roster-import-job.c: the object, its counters and properties; -send.c: the loop that sends;
 * -lookup.c: looking up rows whose outcome is unknown; -server.c: whether the server can be
 * reached; roster-import-results.c: each row's outcome and the results CSV.  Not for use
 * outside the job. */

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
  guint8 outcome;         /* RosterImportRowState */
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
  RosterRegistrantStore *registrant_store;  /* told of each registration, when set */
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

extern GParamSpec *job_properties[N_PROPS];
extern guint       job_signals[N_SIGNALS];

/* roster-import-job.c */
JobRow     *job_row                (RosterImportJob      *self,
                                    guint                 row);
guint       job_n_remaining        (RosterImportJob      *self);
void        job_update_rate        (RosterImportJob      *self);
void        job_notify_counts      (RosterImportJob      *self);
void        job_set_state          (RosterImportJob      *self,
                                    RosterImportJobState  state);
void        job_set_outcome        (RosterImportJob      *self,
                                    guint                 row,
                                    RosterImportRowState  outcome);
void        job_fail               (RosterImportJob      *self,
                                    GError               *error);

/* roster-import-job-send.c */
const char *job_row_email          (RosterImportJob      *self,
                                    guint                 row);
void        job_journal_written_cb (GObject              *object,
                                    GAsyncResult         *result,
                                    gpointer              user_data);
gboolean    job_journal_append     (RosterImportJob      *self,
                                    guint                 row,
                                    RosterImportRowState  state,
                                    RosterRegistration   *registration,
                                    const char           *message);
void        job_start_send         (RosterImportJob      *self,
                                    guint                 row);
void        job_maybe_finish       (RosterImportJob      *self);
void        job_pump               (RosterImportJob      *self);
gboolean    job_tick_cb            (gpointer              user_data);
void        job_classify_rows      (RosterImportJob      *self);

/* roster-import-job-lookup.c */
void        job_lookup_later       (RosterImportJob      *self,
                                    guint                 row,
                                    guint                 delay_msec);
void        job_stop_lookup_timers (RosterImportJob      *self);
void        job_schedule_lookup    (RosterImportJob      *self,
                                    guint                 row);
void        job_start_lookup       (RosterImportJob      *self,
                                    guint                 row);

/* roster-import-results.c */
const char *job_row_message        (RosterImportJob      *self,
                                    guint                 row);

/* roster-import-job-server.c */
void        job_set_retry_at       (RosterImportJob      *self,
                                    gint64                retry_at);
void        job_note_contact       (RosterImportJob      *self);
void        job_note_unreachable   (RosterImportJob      *self,
                                    const GError         *error);
void        job_network_changed_cb (GNetworkMonitor      *monitor,
                                    gboolean              available,
                                    RosterImportJob      *self);

G_END_DECLS
