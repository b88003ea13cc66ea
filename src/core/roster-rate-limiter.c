/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-rate-limiter"

#include "config.h"

#include "roster-rate-limiter.h"

/*
 * RosterRateLimiter: a GSource that releases queued API calls first in, first out within a
 * priority (interactive before bulk), never more than max_calls in any sliding window of
 * window_usec (+ margin).
 *
 * The sliding window is kept exactly, not approximated with token buckets: a ring holds the
 * times of the last max_calls releases, so one more call may go at
 *   max (now, paused_until, ring[oldest] + window + margin)
 * and a burst after idle releases max_calls at once.
 *
 * The source's ready time is the instant the next queued call may go, and -1 when nothing is
 * queued, so an idle application never wakes up for it.
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
 * g_get_monotonic_time(), since GLib compares the ready time against that.
 */

/* Default extra spacing on top of the window. The timestamps we keep are taken when a call
 * leaves the queue, but the server counts calls when they arrive; network jitter (a new
 * connection's handshake for one call, a reused connection for another, scheduling delays)
 * can make two calls released exactly one second apart arrive less than a second apart, and
 * then the 21st lands inside the server's window and draws a 429. 25 ms covers common jitter
 * at a cost of about 2.5 % of throughput. */
#define DEFAULT_MARGIN_USEC (25 * G_TIME_SPAN_MILLISECOND)

/* The vendor's documented limit: 20 calls per second per API key. */
#define REGISTRY_MAX_CALLS   20
#define REGISTRY_WINDOW_USEC G_TIME_SPAN_SECOND

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
  gint64           margin_usec;

  RosterClockFunc  clock;
  gpointer         clock_data;

  /* Times of the last max_calls releases. While fewer than max_calls have been released,
   * they sit in ring[0..ring_count) and the oldest is ring[0]; once full, ring_head is the
   * oldest, which is also where the next release overwrites. */
  gint64          *ring;
  guint            ring_count;
  guint            ring_head;

  gint64           paused_until;

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

/* The earliest instant one more call may be released, ignoring now. */
static gint64
next_slot (RosterRateLimiter *self)
{
  gint64 t = self->paused_until;

  if (self->ring_count == self->max_calls)
    t = MAX (t, self->ring[self->ring_head] + self->window_usec + self->margin_usec);

  return t;
}

static void
record_release (RosterRateLimiter *self,
                gint64             now)
{
  if (self->ring_count < self->max_calls)
    {
      self->ring[self->ring_count++] = now;
    }
  else
    {
      self->ring[self->ring_head] = now;
      self->ring_head = (self->ring_head + 1) % self->max_calls;
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
    ready = MAX (now, next_slot (self));

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
 * Releases every queued call the window allows at the clock's now, in order, and delivers
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

      if (next_slot (self) > now)
        break;

      g_queue_unlink (&self->queues[call->priority], &call->link);
      record_release (self, now);
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

  g_clear_pointer (&self->ring, g_free);
}

static GSourceFuncs roster_rate_limiter_funcs = {
  .prepare = NULL,  /* the ready time does it all */
  .check = NULL,
  .dispatch = roster_rate_limiter_dispatch,
  .finalize = roster_rate_limiter_finalize,
};

/**
 * roster_rate_limiter_new:
 * @max_calls: calls allowed in any sliding window
 * @window_usec: the window's length in microseconds
 *
 * Creates a standalone limiter (the registry, roster_rate_limiter_get_for_key(), is for real
 * accounts). It is not attached: use g_source_attach() to have a main context release calls,
 * or call roster_rate_limiter_release_ready() directly with an injected clock. The margin
 * starts at 25 ms.
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
  self->margin_usec = DEFAULT_MARGIN_USEC;
  self->clock = default_clock;
  self->ring = g_new0 (gint64, max_calls);
  self->paused_until = G_MININT64;
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

  self->margin_usec = usec;

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
 * roster_rate_limiter_pause:
 * @self: a #RosterRateLimiter
 * @usec: how long to hold every call
 *
 * After a 429, hold every call of this key: nothing is released before now + @usec. A shorter
 * pause never cuts a longer one short.
 */
void
roster_rate_limiter_pause (RosterRateLimiter *self,
                           gint64             usec)
{
  gint64 now;

  g_return_if_fail (self != NULL);
  g_return_if_fail (usec >= 0);

  now = get_now (self);
  self->paused_until = MAX (self->paused_until, now + usec);

  update_ready_time (self, now);
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

static GHashTable *registry;
G_LOCK_DEFINE_STATIC (registry);

/**
 * roster_rate_limiter_get_for_key:
 * @api_key: an account's API key
 *
 * The process-wide limiter for @api_key, shared by every window, view and import of that
 * account: 20 calls per second, 25 ms margin, attached to the default main context. The
 * registry is keyed by the key's SHA-256, so it holds no copy of the secret. Limiters live
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
      self = roster_rate_limiter_new (REGISTRY_MAX_CALLS, REGISTRY_WINDOW_USEC);
      g_source_attach (&self->source, g_main_context_default ());
      /* The registry keeps the one ref for the process's lifetime. */
      g_hash_table_insert (registry, g_steal_pointer (&digest), self);
    }

  G_UNLOCK (registry);

  return self;
}
