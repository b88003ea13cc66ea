/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-rate-limiter"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "roster-rate-limiter.h"

/*
 * RosterRateLimiter: a GSource that releases queued API calls first in, first out within a
 * priority (interactive before bulk), evenly spaced: one call per emission interval, never a
 * burst, however long the queue.
 *
 * It is a GCRA (virtual scheduling): the schedule keeps the next free slot, the instant the
 * next call may go. A call released at now takes the slot, and the next one is a whole interval
 * later. The interval is chosen from the server's point of view: calls reach the server after
 * some network jitter, and the server counts them when they arrive, so any 21 calls must span
 * the window plus twice the jitter: interval = (window + margin) / max_calls, with a margin of
 * 52 ms (± 25 ms of jitter, and 2 ms for a main loop that wakes us late, which we catch up
 * without losing the slot). That is 19.01 calls a second for the vendor's 20.
 *
 * The pace adapts: a 429 from the server (roster_rate_limiter_report_rate_limited()) slows the
 * interval by 10 %, and after 10 s without one it creeps back, 10 % per quiet period, to the
 * target.
 *
 * The schedule may live in a small file shared by every process of the user that uses the same
 * key (roster_rate_limiter_get_for_key() does that; see schedule_open()): the next free slot is
 * taken under flock(), so two processes never take the same slot, and the slowed interval is
 * shared so they adapt together. Times are CLOCK_MONOTONIC µs, the same for every process of a
 * boot. A process that dies leaves nothing stale: a free slot in the past is simply free, and one
 * impossibly far ahead is ignored.
 *
 * The source's ready time is the instant of the next free slot when something is queued, and -1
 * when nothing is, so an idle application never wakes up for it. Another process may take that
 * slot first; then we wake, see the later one in the file, and sleep again.
 *
 * Threading: every function must be called from the thread that runs the limiter's main context
 * (the default main context for the registry's limiters). The one exception is cancellation:
 * a call's GCancellable may be cancelled from any thread. The cancelled handler only sets flags
 * and the ready time (both thread-safe); the call leaves the queue and its callback gets
 * G_IO_ERROR_CANCELLED later, from the main context, which avoids re-entrancy into whoever
 * called g_cancellable_cancel() and lets us disconnect the handler safely (disconnecting from
 * inside the handler would deadlock).
 *
 * When an injected clock is used with an attached source, it must share the timebase of
 * g_get_monotonic_time(), since GLib compares the ready time against that; so must every
 * limiter sharing a state file.
 */

/* See above: twice the ± 25 ms of network jitter we allow for, plus the catch-up. */
#define DEFAULT_MARGIN_USEC (52 * G_TIME_SPAN_MILLISECOND)

/* A release this late is still counted from its slot (so a late wake-up costs no throughput);
 * later than that, the schedule restarts from now. Never more than a quarter interval, so at
 * most one call is released per interval. */
#define CATCH_UP_USEC (2 * G_TIME_SPAN_MILLISECOND)

/* Adapting to the server's 429s. */
#define SLOWDOWN(i)    ((i) * 11 / 10)         /* by 10 %, in whole µs both ways */
#define SPEEDUP(i)     ((i) * 10 / 11)
#define MAX_SLOWDOWN   4                       /* the slowest pace is a quarter of the target */
#define SLOWDOWN_HOLD  G_USEC_PER_SEC          /* 429s within a second of a slow-down are one */
#define QUIET_USEC     (10 * G_USEC_PER_SEC)   /* without a 429, then one step back */

/* The vendor's documented limit: 20 calls per second per API key. */
#define REGISTRY_MAX_CALLS   20
#define REGISTRY_WINDOW_USEC G_TIME_SPAN_SECOND

#define STATE_MAGIC   0x52535452u  /* "RSTR" */
#define STATE_VERSION 1

/* The schedule, as kept in memory and in the shared file (native layout: one machine). */
typedef struct
{
  guint32 magic;
  guint32 version;
  gint64  next_slot;    /* the earliest instant the next call may go */
  gint64  interval;     /* the current emission interval, slowed after a 429 */
  gint64  changed_at;   /* the last slow-down or step back, or the last 429 */
} Schedule;

typedef struct
{
  GList              link;          /* in one of the limiter's queues; link.data == self */
  RosterRateLimiter *limiter;       /* not a ref: the limiter disconnects us before it dies */
  RosterPriority     priority;
  GCancellable      *cancellable;
  gulong             cancelled_id;
  int                cancelled;     /* atomic: set by the cancelled handler, any thread */
  RosterReleaseFunc  func;
  gpointer           user_data;
} Call;

struct _RosterRateLimiter
{
  GSource          source;

  guint            max_calls;
  gint64           window_usec;
  gint64           target_interval;

  RosterClockFunc  clock;
  gpointer         clock_data;

  /* A copy of the shared file's schedule as last read: another process can only have moved
   * next_slot later, so ours is a lower bound and waking up at it is never too late. */
  Schedule         schedule;
  int              state_fd;        /* -1: the schedule is this limiter's alone */

  GQueue           queues[2];       /* indexed by RosterPriority */
  GQueue           cancelled;       /* left their queue; callback with CANCELLED pending */
  int              n_flagged;       /* atomic: cancelled handlers run since the last sweep */
};

G_DEFINE_BOXED_TYPE (RosterRateLimiter, roster_rate_limiter,
                     roster_rate_limiter_ref, roster_rate_limiter_unref)

static gint64
default_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static inline gint64
get_now (RosterRateLimiter *self)
{
  return self->clock (self->clock_data);
}

/* ---- The schedule ---------------------------------------------------------------------------- */

/* Takes the file's lock and reads its schedule into ours, unless it is missing, foreign or
 * stale (for instance left by a limiter with another clock), in which case ours stands. */
static void
schedule_lock (RosterRateLimiter *self,
               gint64             now)
{
  Schedule shared;

  if (self->state_fd < 0)
    return;

  while (flock (self->state_fd, LOCK_EX) < 0 && errno == EINTR)
    ;

  if (pread (self->state_fd, &shared, sizeof shared, 0) != sizeof shared ||
      shared.magic != STATE_MAGIC || shared.version != STATE_VERSION)
    return;

  /* Nothing we would ever write is further ahead than one slowest interval. */
  if (shared.next_slot <= now + MAX_SLOWDOWN * self->target_interval)
    self->schedule.next_slot = MAX (self->schedule.next_slot, shared.next_slot);
  if (shared.interval >= self->target_interval &&
      shared.interval <= MAX_SLOWDOWN * self->target_interval &&
      shared.changed_at <= now)
    {
      self->schedule.interval = shared.interval;
      self->schedule.changed_at = shared.changed_at;
    }
}

/* Writes ours back if @write, and lets go of the lock. */
static void
schedule_unlock (RosterRateLimiter *self,
                 gboolean           write)
{
  if (self->state_fd < 0)
    return;

  if (write && pwrite (self->state_fd, &self->schedule, sizeof self->schedule, 0) != sizeof self->schedule)
    g_debug ("Could not write the shared rate-limit schedule: %s", g_strerror (errno));

  flock (self->state_fd, LOCK_UN);
}

/* After a quiet period, one step back towards the target pace. Under the lock. */
static gboolean
schedule_creep_back (RosterRateLimiter *self,
                     gint64             now)
{
  Schedule *schedule = &self->schedule;

  if (schedule->interval <= self->target_interval || now - schedule->changed_at < QUIET_USEC)
    return FALSE;

  schedule->interval = MAX (self->target_interval, SPEEDUP (schedule->interval));
  schedule->changed_at = now;

  return TRUE;
}

/* Takes the next free slot for a call if it has come. Under the lock. */
static gboolean
schedule_take_slot (RosterRateLimiter *self,
                    gint64             now)
{
  Schedule *schedule = &self->schedule;
  gint64 catch_up = MIN (CATCH_UP_USEC, schedule->interval / 4);

  if (schedule->next_slot > now)
    return FALSE;

  schedule_creep_back (self, now);

  /* Slightly late: count from the slot, so a main loop that wakes a little late loses nothing.
   * Idle or very late: from now, never a burst to catch up. */
  if (schedule->next_slot >= now - catch_up)
    schedule->next_slot += schedule->interval;
  else
    schedule->next_slot = now + schedule->interval;

  return TRUE;
}

static void
call_free (Call *call)
{
  g_clear_object (&call->cancellable);
  g_free (call);
}

/* Disconnects the cancelled handler. Only ever called from the main context, outside any
 * cancelled handler, so g_cancellable_disconnect() cannot deadlock; once it returns, no handler
 * can touch @call any more (it waits for one running in another thread). */
static void
call_disconnect (Call *call)
{
  if (call->cancelled_id != 0)
    {
      g_cancellable_disconnect (call->cancellable, call->cancelled_id);
      call->cancelled_id = 0;
    }
}

/* May run in any thread, synchronously inside g_cancellable_cancel(): only flag the call and
 * wake the main context. The flag goes before the ready time so that update_ready_time(),
 * which rechecks n_flagged after setting its own ready time, never hides this one. */
static void
on_call_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  Call *call = user_data;
  RosterRateLimiter *self = call->limiter;

  if (g_atomic_int_compare_and_exchange (&call->cancelled, 0, 1))
    {
      g_atomic_int_inc (&self->n_flagged);
      g_source_set_ready_time (&self->source, 0);
    }
}

static inline gboolean
call_is_cancelled (Call *call)
{
  return g_atomic_int_get (&call->cancelled) != 0;
}

/* Moves every flagged call out of the queues, so they are neither counted nor released. No
 * disconnect here, so this is safe anywhere in the main thread. */
static void
sweep_cancelled (RosterRateLimiter *self)
{
  if (g_atomic_int_get (&self->n_flagged) == 0)
    return;

  g_atomic_int_set (&self->n_flagged, 0);

  for (guint i = 0; i < G_N_ELEMENTS (self->queues); i++)
    {
      GList *l = self->queues[i].head;

      while (l != NULL)
        {
          GList *next = l->next;

          if (call_is_cancelled (l->data))
            {
              g_queue_unlink (&self->queues[i], l);
              g_queue_push_tail_link (&self->cancelled, l);
            }

          l = next;
        }
    }
}

static Call *
peek_next (RosterRateLimiter *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->queues); i++)
    {
      if (self->queues[i].head != NULL)
        return self->queues[i].head->data;
    }

  return NULL;
}

static inline gboolean
queues_empty (RosterRateLimiter *self)
{
  return self->queues[ROSTER_PRIORITY_INTERACTIVE].length == 0 &&
         self->queues[ROSTER_PRIORITY_BULK].length == 0;
}

/* Sets the source's ready time and returns the next release time (-1 when nothing is queued).
 * Pending cancellations make the source ready at once, to deliver them. */
static gint64
update_ready_time (RosterRateLimiter *self,
                   gint64             now)
{
  gint64 ready = -1;

  if (!queues_empty (self))
    ready = MAX (now, self->schedule.next_slot);

  if (self->cancelled.length > 0 || g_atomic_int_get (&self->n_flagged) > 0)
    g_source_set_ready_time (&self->source, 0);
  else
    g_source_set_ready_time (&self->source, ready);

  /* A handler in another thread may have set 0 just before we overwrote it. */
  if (g_atomic_int_get (&self->n_flagged) > 0)
    g_source_set_ready_time (&self->source, 0);

  return ready;
}

/* Takes @call, which is in no queue any more. */
static void
complete_call (Call         *call,
               const GError *error)
{
  RosterReleaseFunc func = call->func;
  gpointer user_data = call->user_data;

  call_disconnect (call);
  call_free (call);

  /* Called last, with the call gone: the callback may enqueue again, cancel others, pause or
   * drop the last ref of the limiter's owner. */
  func ((GError *) error, user_data);
}

static void
complete_cancelled (Call *call)
{
  g_autoptr(GError) error = NULL;

  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The call was cancelled while waiting for the rate limit");
  complete_call (call, error);
}

/**
 * roster_rate_limiter_release_ready:
 * @self: a #RosterRateLimiter
 *
 * Releases the next queued call if its slot has come at the clock's now (never more than one:
 * the next slot is an interval later), and delivers
 * G_IO_ERROR_CANCELLED to queued calls whose cancellable fired. The source's dispatch uses it;
 * unit tests with an injected clock call it directly.
 *
 * Returns: the instant the next queued call may go, or -1 when the queue is empty
 */
gint64
roster_rate_limiter_release_ready (RosterRateLimiter *self)
{
  gint64 now;
  gint64 ready;
  gboolean released;

  g_return_val_if_fail (self != NULL, -1);

  /* A callback may drop the last outside ref. */
  g_source_ref (&self->source);

  now = get_now (self);

  /* Each round re-reads the queues: callbacks may have changed them. */
  for (;;)
    {
      GList *link;
      Call *call;

      sweep_cancelled (self);

      if ((link = g_queue_pop_head_link (&self->cancelled)) != NULL)
        {
          complete_cancelled (link->data);
          continue;
        }

      if ((call = peek_next (self)) == NULL)
        break;

      /* Flagged since the sweep, e.g. cancelled by a callback in this very loop. */
      if (call_is_cancelled (call))
        {
          g_queue_unlink (&self->queues[call->priority], &call->link);
          g_queue_push_tail_link (&self->cancelled, &call->link);
          continue;
        }

      /* Ours is a lower bound of the shared slot: no need for the file before it. */
      if (self->schedule.next_slot > now)
        break;

      schedule_lock (self, now);
      released = schedule_take_slot (self, now);
      schedule_unlock (self, released);
      if (!released)
        break;

      g_queue_unlink (&self->queues[call->priority], &call->link);
      complete_call (call, NULL);
    }

  ready = update_ready_time (self, now);

  g_source_unref (&self->source);

  return ready;
}

static gboolean
roster_rate_limiter_dispatch (GSource     *source,
                              GSourceFunc  callback,
                              gpointer     user_data)
{
  roster_rate_limiter_release_ready ((RosterRateLimiter *) source);

  return G_SOURCE_CONTINUE;
}

static void
roster_rate_limiter_finalize (GSource *source)
{
  RosterRateLimiter *self = (RosterRateLimiter *) source;
  g_autoptr(GError) error = NULL;
  GList *link;

  /* Disconnect everything first, so no handler in another thread can still reach us. */
  for (guint i = 0; i < G_N_ELEMENTS (self->queues); i++)
    {
      for (GList *l = self->queues[i].head; l != NULL; l = l->next)
        call_disconnect (l->data);
    }
  for (GList *l = self->cancelled.head; l != NULL; l = l->next)
    call_disconnect (l->data);

  /* Every caller is owed exactly one callback. A callback that enqueues again here gets its
   * own CLOSED in a later round. */
  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED, "The rate limiter was destroyed");
  for (;;)
    {
      Call *call;

      if ((link = g_queue_pop_head_link (&self->cancelled)) != NULL)
        {
          complete_cancelled (link->data);
          continue;
        }

      if ((call = peek_next (self)) == NULL)
        break;

      g_queue_unlink (&self->queues[call->priority], &call->link);
      if (call_is_cancelled (call))
        complete_cancelled (call);
      else
        complete_call (call, error);
    }

  if (self->state_fd >= 0)
    close (self->state_fd);
}

static GSourceFuncs roster_rate_limiter_funcs = {
  .prepare = NULL,  /* the ready time does it all */
  .check = NULL,
  .dispatch = roster_rate_limiter_dispatch,
  .finalize = roster_rate_limiter_finalize,
};

/* One call per interval, spread so that any max_calls + 1 calls span the window plus the
 * margin. */
static void
set_target_interval (RosterRateLimiter *self,
                     gint64             margin_usec)
{
  self->target_interval = MAX (1, (self->window_usec + margin_usec) / self->max_calls);
  self->schedule.interval = self->target_interval;
}

/**
 * roster_rate_limiter_new:
 * @max_calls: calls allowed in any sliding window
 * @window_usec: the window's length in microseconds
 *
 * Creates a standalone limiter (the registry, roster_rate_limiter_get_for_key(), is for real
 * accounts) that releases one call per (@window_usec + margin) / @max_calls; the margin starts
 * at 52 ms. Its schedule is its own unless roster_rate_limiter_set_state_file() shares it. It is
 * not attached: use g_source_attach() to have a main context release calls, or call
 * roster_rate_limiter_release_ready() directly with an injected clock.
 *
 * Returns: (transfer full): a new limiter
 */
RosterRateLimiter *
roster_rate_limiter_new (guint  max_calls,
                         gint64 window_usec)
{
  RosterRateLimiter *self;

  g_return_val_if_fail (max_calls > 0, NULL);
  g_return_val_if_fail (window_usec > 0, NULL);

  self = (RosterRateLimiter *) g_source_new (&roster_rate_limiter_funcs, sizeof *self);
  g_source_set_static_name (&self->source, "RosterRateLimiter");

  self->max_calls = max_calls;
  self->window_usec = window_usec;
  self->clock = default_clock;
  self->schedule.magic = STATE_MAGIC;
  self->schedule.version = STATE_VERSION;
  self->schedule.next_slot = G_MININT64;
  set_target_interval (self, DEFAULT_MARGIN_USEC);
  self->state_fd = -1;
  g_queue_init (&self->queues[ROSTER_PRIORITY_INTERACTIVE]);
  g_queue_init (&self->queues[ROSTER_PRIORITY_BULK]);
  g_queue_init (&self->cancelled);

  g_source_set_ready_time (&self->source, -1);

  return self;
}

RosterRateLimiter *
roster_rate_limiter_ref (RosterRateLimiter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (RosterRateLimiter *) g_source_ref (&self->source);
}

/* Dropping the last ref with calls still queued completes them with G_IO_ERROR_CLOSED. An
 * attached source is also held by its main context until g_source_destroy(). */
void
roster_rate_limiter_unref (RosterRateLimiter *self)
{
  g_return_if_fail (self != NULL);

  g_source_unref (&self->source);
}

/* @clock NULL restores g_get_monotonic_time(). */
void
roster_rate_limiter_set_clock (RosterRateLimiter *self,
                               RosterClockFunc    clock,
                               gpointer           user_data)
{
  g_return_if_fail (self != NULL);

  self->clock = clock != NULL ? clock : default_clock;
  self->clock_data = clock != NULL ? user_data : NULL;

  update_ready_time (self, get_now (self));
}

void
roster_rate_limiter_set_margin (RosterRateLimiter *self,
                                gint64             usec)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (usec >= 0);

  set_target_interval (self, usec);

  update_ready_time (self, get_now (self));
}

/**
 * roster_rate_limiter_enqueue:
 * @self: a #RosterRateLimiter
 * @priority: interactive or bulk
 * @at_head: %TRUE to go back to the head of its queue (a call that drew a 429)
 * @cancellable: (nullable): cancelling it takes the call out of the queue
 * @func: called exactly once from the main context: released (error %NULL), cancelled, or
 *   the limiter was destroyed
 * @user_data: for @func
 *
 * Queues a call. A call whose cancellable is already cancelled is never released; it
 * completes with G_IO_ERROR_CANCELLED from the main context, like any other cancelled call.
 */
void
roster_rate_limiter_enqueue (RosterRateLimiter *self,
                             RosterPriority     priority,
                             gboolean           at_head,
                             GCancellable      *cancellable,
                             RosterReleaseFunc  func,
                             gpointer           user_data)
{
  Call *call;

  g_return_if_fail (self != NULL);
  g_return_if_fail (priority == ROSTER_PRIORITY_INTERACTIVE || priority == ROSTER_PRIORITY_BULK);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (func != NULL);

  call = g_new0 (Call, 1);
  call->link.data = call;
  call->limiter = self;
  call->priority = priority;
  call->func = func;
  call->user_data = user_data;

  if (cancellable != NULL)
    {
      call->cancellable = g_object_ref (cancellable);

      if (g_cancellable_is_cancelled (cancellable))
        {
          call->cancelled = 1;
          g_queue_push_tail_link (&self->cancelled, &call->link);
          update_ready_time (self, get_now (self));
          return;
        }

      /* If another thread cancels right now, the handler runs synchronously in here and
       * returns 0; it has flagged the call, which the next sweep picks up. */
      call->cancelled_id = g_cancellable_connect (cancellable,
                                                  G_CALLBACK (on_call_cancelled),
                                                  call, NULL);
    }

  if (at_head)
    g_queue_push_head_link (&self->queues[priority], &call->link);
  else
    g_queue_push_tail_link (&self->queues[priority], &call->link);

  update_ready_time (self, get_now (self));
}

/**
 * roster_rate_limiter_report_rate_limited:
 * @self: a #RosterRateLimiter
 *
 * The server answered 429: our pace and the server's window disagree (another client on the
 * key, or more jitter than we allow for). Slows the pace by 10 % (429s within a second of a
 * slow-down count as one), for every process sharing the schedule; after 10 s without a 429 it
 * creeps back. The refused call itself is the caller's to queue again.
 */
void
roster_rate_limiter_report_rate_limited (RosterRateLimiter *self)
{
  Schedule *schedule;
  gint64 now;

  g_return_if_fail (self != NULL);

  schedule = &self->schedule;
  now = get_now (self);
  schedule_lock (self, now);
  if (schedule->interval == self->target_interval || now - schedule->changed_at >= SLOWDOWN_HOLD)
    schedule->interval = MIN (SLOWDOWN (schedule->interval), MAX_SLOWDOWN * self->target_interval);
  schedule->changed_at = now;
  schedule_unlock (self, TRUE);
  g_debug ("429: the pace slows to %.1f calls per second", (double) G_USEC_PER_SEC / schedule->interval);
}

/**
 * roster_rate_limiter_get_pace:
 * @self: a #RosterRateLimiter
 *
 * The current pace, slowed after 429s, as it stands in the shared schedule.
 *
 * Returns: calls per second
 */
double
roster_rate_limiter_get_pace (RosterRateLimiter *self)
{
  gint64 now;

  g_return_val_if_fail (self != NULL, 0.0);

  now = get_now (self);
  schedule_lock (self, now);
  schedule_unlock (self, schedule_creep_back (self, now));

  return (double) G_USEC_PER_SEC / self->schedule.interval;
}

/**
 * roster_rate_limiter_set_state_file:
 * @self: a #RosterRateLimiter
 * @path: the file that holds the shared schedule; created (0600) if missing
 * @error: return location for a #GError
 *
 * Shares the schedule with every limiter, in this process or another, that uses the same file:
 * together they release one call per interval. A limiter with nothing queued holds no lock.
 *
 * Returns: %TRUE on success
 */
gboolean
roster_rate_limiter_set_state_file (RosterRateLimiter  *self,
                                    const char         *path,
                                    GError            **error)
{
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not open the rate limit’s state file %s: %s",
                   display, g_strerror (saved_errno));
      return FALSE;
    }

  if (self->state_fd >= 0)
    close (self->state_fd);
  self->state_fd = fd;

  update_ready_time (self, get_now (self));

  return TRUE;
}

/* Calls waiting for release; cancelled ones are not counted. */
guint
roster_rate_limiter_get_n_queued (RosterRateLimiter *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  sweep_cancelled (self);

  for (guint i = 0; i < G_N_ELEMENTS (self->queues); i++)
    {
      for (GList *l = self->queues[i].head; l != NULL; l = l->next)
        n += call_is_cancelled (l->data) ? 0 : 1;
    }

  return n;
}

/* Inside Flatpak every instance has a runtime dir of its own; the app's instances (and the
 * host, at the same path) share only $XDG_RUNTIME_DIR/app/$FLATPAK_ID. */
static char *
state_dir_new (void)
{
  const char *flatpak_id = g_getenv ("FLATPAK_ID");

  if (flatpak_id != NULL && *flatpak_id != '\0')
    return g_build_filename (g_get_user_runtime_dir (), "app", flatpak_id, "roster", NULL);

  return g_build_filename (g_get_user_runtime_dir (), "roster", NULL);
}

static GHashTable *registry;
G_LOCK_DEFINE_STATIC (registry);

/**
 * roster_rate_limiter_get_for_key:
 * @api_key: an account's API key
 *
 * The process-wide limiter for @api_key, shared by every window, view and import of that
 * account: one call per 52.6 ms (19.01 a second for the vendor's 20), attached to the default
 * main context. Its schedule is shared with every process of the user on the same key through
 * `$XDG_RUNTIME_DIR/roster/<SHA-256 of the key>` (g_get_user_runtime_dir(); inside Flatpak
 * `$XDG_RUNTIME_DIR/app/$FLATPAK_ID/roster/<SHA-256 of the key>`). The registry and
 * the file are named by the key's SHA-256, so neither holds a copy of the secret. Limiters live
 * for the process.
 *
 * Returns: (transfer none): the limiter for @api_key
 */
RosterRateLimiter *
roster_rate_limiter_get_for_key (const char *api_key)
{
  g_autofree char *digest = NULL;
  RosterRateLimiter *self;

  g_return_val_if_fail (api_key != NULL, NULL);

  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, api_key, -1);

  G_LOCK (registry);

  if (registry == NULL)
    registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self = g_hash_table_lookup (registry, digest);
  if (self == NULL)
    {
      g_autofree char *dir = state_dir_new ();
      g_autofree char *path = g_build_filename (dir, digest, NULL);
      g_autoptr(GError) error = NULL;

      self = roster_rate_limiter_new (REGISTRY_MAX_CALLS, REGISTRY_WINDOW_USEC);
      /* Without the file, this process still keeps to the limit on its own. */
      if (g_mkdir_with_parents (dir, 0700) < 0)
        g_debug ("Could not create %s: %s", dir, g_strerror (errno));
      else if (!roster_rate_limiter_set_state_file (self, path, &error))
        g_debug ("%s", error->message);
      g_source_attach (&self->source, g_main_context_default ());
      /* The registry keeps the one ref for the process's lifetime. */
      g_hash_table_insert (registry, g_steal_pointer (&digest), self);
    }

  G_UNLOCK (registry);

  return self;
}
