/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-rate-limiter"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "roster-client.h"
#include "roster-fake-service.h"
#include "roster-rate-limiter.h"
#include "roster-test-util.h"

#define SEC  G_TIME_SPAN_SECOND
#define MSEC G_TIME_SPAN_MILLISECOND

typedef struct _Fixture Fixture;
typedef struct _Probe   Probe;

typedef void (*ProbeHook) (Probe *probe);

/* One queued call as the test sees it. */
struct _Probe
{
  Fixture      *fixture;
  guint         id;
  guint         n_released;
  guint         n_failed;
  int           error_code;     /* of the last failure */
  gint64        released_at;
  GCancellable *cancellable;
  ProbeHook     hook;           /* run from inside the callback, to test re-entrancy */
  gpointer      hook_data;
};

struct _Fixture
{
  gint64             now;       /* the fake clock */
  RosterRateLimiter *limiter;
  Probe             *probes;
  guint              n_probes;
  GArray            *order;     /* ids in release order */
  GArray            *times;     /* clock at each release */
  GArray            *failed;    /* ids in failure order */
  gboolean           in_enqueue;
  GThread           *main_thread;
};

static gint64
fake_clock (gpointer user_data)
{
  Fixture *f = user_data;

  return f->now;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
on_release (GError   *error,
            gpointer  user_data)
{
  Probe *p = user_data;
  Fixture *f = p->fixture;

  /* Never synchronously from enqueue, always in the main thread. */
  g_assert_false (f->in_enqueue);
  g_assert_true (g_thread_self () == f->main_thread);

  if (error == NULL)
    {
      p->n_released++;
      p->released_at = f->now;
      g_array_append_val (f->order, p->id);
      g_array_append_val (f->times, f->now);
    }
  else
    {
      g_assert_true (error->domain == G_IO_ERROR);
      p->n_failed++;
      p->error_code = error->code;
      g_array_append_val (f->failed, p->id);
    }

  if (p->hook != NULL)
    p->hook (p);
}

static void
fixture_init (Fixture *f,
              guint    max_calls,
              gint64   window_usec,
              guint    n_probes)
{
  memset (f, 0, sizeof *f);
  f->main_thread = g_thread_self ();
  f->limiter = roster_rate_limiter_new (max_calls, window_usec);
  roster_rate_limiter_set_clock (f->limiter, fake_clock, f);
  roster_rate_limiter_set_margin (f->limiter, 0);
  f->n_probes = n_probes;
  f->probes = g_new0 (Probe, n_probes);
  for (guint i = 0; i < n_probes; i++)
    {
      f->probes[i].fixture = f;
      f->probes[i].id = i;
    }
  f->order = g_array_new (FALSE, FALSE, sizeof (guint));
  f->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->failed = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
fixture_clear (Fixture *f)
{
  g_clear_pointer (&f->limiter, roster_rate_limiter_unref);
  for (guint i = 0; i < f->n_probes; i++)
    g_clear_object (&f->probes[i].cancellable);
  g_free (f->probes);
  g_array_unref (f->order);
  g_array_unref (f->times);
  g_array_unref (f->failed);
}

static void
enqueue_full (Fixture        *f,
              guint           id,
              RosterPriority  priority,
              gboolean        at_head,
              gboolean        cancellable)
{
  Probe *p = &f->probes[id];

  if (cancellable && p->cancellable == NULL)
    p->cancellable = g_cancellable_new ();

  f->in_enqueue = TRUE;
  roster_rate_limiter_enqueue (f->limiter, priority, at_head,
                               cancellable ? p->cancellable : NULL, on_release, p);
  f->in_enqueue = FALSE;
}

static void
enqueue (Fixture        *f,
         guint           id,
         RosterPriority  priority)
{
  enqueue_full (f, id, priority, FALSE, FALSE);
}

static gint64
release_at (Fixture *f,
            gint64   now)
{
  f->now = now;
  return roster_rate_limiter_release_ready (f->limiter);
}

static gint64
source_ready_time (Fixture *f)
{
  return g_source_get_ready_time ((GSource *) f->limiter);
}

static void
assert_order (Fixture     *f,
              const guint *expected,
              guint        n)
{
  g_assert_cmpuint (f->order->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (f->order, guint, i), ==, expected[i]);
}

/* ---- even pacing ------------------------------------------------------------------------ */

/* 10 per second with no margin: one call per 100 ms. */
static void
test_pace_even (void)
{
  Fixture f;

  fixture_init (&f, 10, 1 * SEC, 50);

  for (guint i = 0; i < 50; i++)
    enqueue (&f, i, ROSTER_PRIORITY_BULK);
  g_assert_cmpuint (roster_rate_limiter_get_n_queued (f.limiter), ==, 50);

  /* One at once, however long the queue, then one per interval. */
  g_assert_cmpint (release_at (&f, 0), ==, 100 * MSEC);
  g_assert_cmpuint (f.order->len, ==, 1);
  g_assert_cmpint (source_ready_time (&f), ==, 100 * MSEC);
  g_assert_cmpint (release_at (&f, 100 * MSEC - 1), ==, 100 * MSEC);
  g_assert_cmpuint (f.order->len, ==, 1);
  g_assert_cmpint (release_at (&f, 100 * MSEC), ==, 200 * MSEC);
  g_assert_cmpuint (f.order->len, ==, 2);

  /* A main loop that wakes a little late loses nothing: the next slot counts from the last. */
  g_assert_cmpint (release_at (&f, 201 * MSEC), ==, 300 * MSEC);
  g_assert_cmpuint (f.order->len, ==, 3);

  /* Much later: one call, not a burst to catch up, and the schedule restarts from now. */
  g_assert_cmpint (release_at (&f, 5 * SEC), ==, 5100 * MSEC);
  g_assert_cmpuint (f.order->len, ==, 4);
  g_assert_cmpint (release_at (&f, 5100 * MSEC), ==, 5200 * MSEC);
  g_assert_cmpuint (f.order->len, ==, 5);

  for (guint i = 0; i < f.order->len; i++)
    g_assert_cmpuint (g_array_index (f.order, guint, i), ==, i);
  g_assert_cmpuint (roster_rate_limiter_get_n_queued (f.limiter), ==, 45);

  fixture_clear (&f);
}

/* The interval comes from the window and the margin: (1 s + 52 ms) / 20 by default. */
static void
test_pace_margin (void)
{
  g_autoptr(RosterRateLimiter) fresh = roster_rate_limiter_new (20, 1 * SEC);
  Fixture f;

  g_assert_cmpfloat_with_epsilon (roster_rate_limiter_get_pace (fresh), 20.0 / 1.052, 0.001);

  fixture_init (&f, 20, 1 * SEC, 3);
  roster_rate_limiter_set_margin (f.limiter, 52 * MSEC);
  g_assert_cmpfloat_with_epsilon (roster_rate_limiter_get_pace (f.limiter), 20.0 / 1.052, 0.001);

  for (guint i = 0; i < 3; i++)
    enqueue (&f, i, ROSTER_PRIORITY_BULK);
  g_assert_cmpint (release_at (&f, 0), ==, 52600);

  /* A new margin applies from the next slot on. */
  roster_rate_limiter_set_margin (f.limiter, 0);
  g_assert_cmpfloat (roster_rate_limiter_get_pace (f.limiter), ==, 20.0);
  g_assert_cmpint (release_at (&f, 52600), ==, 52600 + 50 * MSEC);

  fixture_clear (&f);
}

/* Random arrivals, irregular dispatch times. Safety: never two releases closer than the interval
 * (less the catch-up of a late wake-up), never more than max_calls in any window. Liveness: a
 * queued call never waits beyond its slot. FIFO within a priority, interactive first. */
static void
test_pace_random (void)
{
  const guint max_calls = 20;
  const gint64 window = 1 * SEC;
  const gint64 margin = 2 * MSEC;  /* the catch-up, so that the window holds exactly */
  const gint64 interval = (window + margin) / max_calls;
  const guint n_calls = 3000;
  const guint32 seed = 0x526f7374;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint next_id = 0;
  guint next_expected[2] = { 0, 0 };
  guint *order_in_priority[2];
  guint n_in_priority[2] = { 0, 0 };
  RosterPriority *priorities;
  gint64 ready = -1;
  Fixture f;

  g_test_message ("seed %u", seed);

  fixture_init (&f, max_calls, window, n_calls);
  roster_rate_limiter_set_margin (f.limiter, margin);
  priorities = g_new0 (RosterPriority, n_calls);
  order_in_priority[0] = g_new0 (guint, n_calls);
  order_in_priority[1] = g_new0 (guint, n_calls);

  while (next_id < n_calls || ready != -1)
    {
      guint before = f.order->len;
      gint64 now;

      /* Mostly short steps, often the announced ready time or a little after it, sometimes a
       * long idle. */
      switch (g_rand_int_range (rand, 0, 10))
        {
        case 0:
          now = f.now + g_rand_int_range (rand, 1 * SEC, 4 * SEC);
          break;
        case 1:
        case 2:
        case 3:
          now = ready > f.now ? ready + g_rand_int_range (rand, 0, 3 * MSEC) : f.now;
          break;
        default:
          now = f.now + g_rand_int_range (rand, 0, 120 * MSEC);
          break;
        }
      f.now = now;

      if (next_id < n_calls)
        {
          guint k = g_rand_int_range (rand, 0, 9);

          for (guint j = 0; j < k && next_id < n_calls; j++, next_id++)
            {
              RosterPriority prio = g_rand_boolean (rand) ? ROSTER_PRIORITY_BULK
                                                          : ROSTER_PRIORITY_INTERACTIVE;

              priorities[next_id] = prio;
              order_in_priority[prio][n_in_priority[prio]++] = next_id;
              enqueue (&f, next_id, prio);
            }
        }

      ready = release_at (&f, now);
      g_assert_cmpuint (f.order->len - before, <=, 1);

      for (guint i = before; i < f.order->len; i++)
        {
          guint id = g_array_index (f.order, guint, i);
          RosterPriority prio = priorities[id];

          g_assert_cmpuint (id, ==, order_in_priority[prio][next_expected[prio]]);
          next_expected[prio]++;
          /* A bulk call goes only once every interactive call queued so far has gone. */
          if (prio == ROSTER_PRIORITY_BULK)
            g_assert_cmpuint (next_expected[ROSTER_PRIORITY_INTERACTIVE], ==,
                              n_in_priority[ROSTER_PRIORITY_INTERACTIVE]);
        }

      if (roster_rate_limiter_get_n_queued (f.limiter) == 0)
        {
          g_assert_cmpint (ready, ==, -1);
        }
      else
        {
          /* Still queued: the slot is ahead, and at most one interval after the last release. */
          g_assert_cmpuint (f.order->len, >, 0);
          g_assert_cmpint (ready, >, now);
          g_assert_cmpint (ready, <=, g_array_index (f.times, gint64, f.order->len - 1) + interval);
        }
      g_assert_cmpint (source_ready_time (&f), ==, ready);
    }

  g_assert_cmpuint (f.order->len, ==, n_calls);
  g_assert_cmpuint (next_expected[0] + next_expected[1], ==, n_calls);

  for (guint i = 1; i < f.times->len; i++)
    g_assert_cmpint (g_array_index (f.times, gint64, i) - g_array_index (f.times, gint64, i - 1),
                     >=, interval - margin);

  /* The busiest half-open window starts at some release, so count from each. */
  for (guint i = 0, j = 0; i < f.times->len; i++)
    {
      while (j < f.times->len && g_array_index (f.times, gint64, j) < g_array_index (f.times, gint64, i) + window)
        j++;
      g_assert_cmpuint (j - i, <=, max_calls);
    }

  g_free (order_in_priority[0]);
  g_free (order_in_priority[1]);
  g_free (priorities);
  fixture_clear (&f);
}

/* ---- idle -------------------------------------------------------------------------------- */

static void
test_idle (void)
{
  Fixture f;

  fixture_init (&f, 20, 1 * SEC, 1);

  g_assert_cmpint (source_ready_time (&f), ==, -1);
  g_assert_cmpint (release_at (&f, 0), ==, -1);
  g_assert_cmpint (source_ready_time (&f), ==, -1);

  enqueue (&f, 0, ROSTER_PRIORITY_INTERACTIVE);
  g_assert_cmpint (source_ready_time (&f), ==, f.now);
  g_assert_cmpint (release_at (&f, 7 * SEC), ==, -1);
  g_assert_cmpuint (f.probes[0].n_released, ==, 1);
  g_assert_cmpint (source_ready_time (&f), ==, -1);
  g_assert_cmpint (release_at (&f, 8 * SEC), ==, -1);

  fixture_clear (&f);
}

/* ---- adapting to 429s -------------------------------------------------------------------- */

static void
test_adapt_slow_and_creep_back (void)
{
  Fixture f;

  fixture_init (&f, 10, 1 * SEC, 5);
  g_assert_cmpfloat (roster_rate_limiter_get_pace (f.limiter), ==, 10.0);

  /* A 429 slows the pace by 10 %; more within the second count as the same one. */
  f.now = 1 * SEC;
  roster_rate_limiter_report_rate_limited (f.limiter);
  g_assert_cmpfloat_with_epsilon (roster_rate_limiter_get_pace (f.limiter), 10 / 1.1, 0.01);
  f.now = 1500 * MSEC;
  roster_rate_limiter_report_rate_limited (f.limiter);
  g_assert_cmpfloat_with_epsilon (roster_rate_limiter_get_pace (f.limiter), 10 / 1.1, 0.01);
  f.now = 2600 * MSEC;
  roster_rate_limiter_report_rate_limited (f.limiter);
  g_assert_cmpfloat_with_epsilon (roster_rate_limiter_get_pace (f.limiter), 10 / 1.21, 0.01);

  /* Released calls are spaced at the slowed interval. */
  for (guint i = 0; i < 5; i++)
    enqueue (&f, i, ROSTER_PRIORITY_BULK);
  g_assert_cmpint (release_at (&f, 3 * SEC), ==, 3121 * MSEC);

  /* Quiet for 10 s after the last 429: one step back, then another 10 s later. */
  g_assert_cmpint (release_at (&f, 12599 * MSEC), ==, 12599 * MSEC + 121 * MSEC);
  g_assert_cmpfloat_with_epsilon (roster_rate_limiter_get_pace (f.limiter), 10 / 1.21, 0.01);
  g_assert_cmpint (release_at (&f, 12721 * MSEC), ==, 12720 * MSEC + 110 * MSEC);
  g_assert_cmpfloat_with_epsilon (roster_rate_limiter_get_pace (f.limiter), 10 / 1.1, 0.01);
  f.now = 22 * SEC;
  g_assert_cmpfloat_with_epsilon (roster_rate_limiter_get_pace (f.limiter), 10 / 1.1, 0.01);
  f.now = 23 * SEC;
  g_assert_cmpfloat (roster_rate_limiter_get_pace (f.limiter), ==, 10.0);
  g_assert_cmpint (release_at (&f, 23 * SEC), ==, 23100 * MSEC);

  /* However many 429s, never slower than a quarter of the target. */
  for (guint i = 0; i < 40; i++)
    {
      f.now = 30 * SEC + i * 2 * SEC;
      roster_rate_limiter_report_rate_limited (f.limiter);
    }
  g_assert_cmpfloat_with_epsilon (roster_rate_limiter_get_pace (f.limiter), 2.5, 0.01);

  fixture_clear (&f);
}

/* A call that drew a 429 goes back to the head of its queue (the client waits a second first);
 * the others keep their slots meanwhile. */
static void
test_adapt_requeue_at_head (void)
{
  const guint expected[] = { 0, 1, 0, 2 };
  Fixture f;

  fixture_init (&f, 10, 1 * SEC, 3);

  for (guint i = 0; i < 3; i++)
    enqueue (&f, i, ROSTER_PRIORITY_BULK);
  g_assert_cmpint (release_at (&f, 0), ==, 100 * MSEC);
  g_assert_cmpint (release_at (&f, 100 * MSEC), ==, 200 * MSEC);

  f.now = 150 * MSEC;
  roster_rate_limiter_report_rate_limited (f.limiter);
  enqueue_full (&f, 0, ROSTER_PRIORITY_BULK, TRUE, FALSE);
  g_assert_cmpuint (roster_rate_limiter_get_n_queued (f.limiter), ==, 2);

  g_assert_cmpint (release_at (&f, 200 * MSEC), ==, 310 * MSEC);
  g_assert_cmpint (release_at (&f, 310 * MSEC), ==, -1);
  assert_order (&f, expected, G_N_ELEMENTS (expected));

  fixture_clear (&f);
}

/* ---- priority ---------------------------------------------------------------------------- */

static void
test_priority (void)
{
  /* 0-2 bulk queued first, then 3-4 interactive; 5 bulk and 6 interactive arrive later. */
  const guint expected[] = { 3, 4, 0, 1, 6, 2, 5 };
  Fixture f;

  fixture_init (&f, 1, 1 * SEC, 7);

  for (guint i = 0; i < 3; i++)
    enqueue (&f, i, ROSTER_PRIORITY_BULK);
  for (guint i = 3; i < 5; i++)
    enqueue (&f, i, ROSTER_PRIORITY_INTERACTIVE);

  g_assert_cmpint (release_at (&f, 0), ==, 1 * SEC);
  g_assert_cmpint (release_at (&f, 1 * SEC), ==, 2 * SEC);
  g_assert_cmpint (release_at (&f, 2 * SEC), ==, 3 * SEC);
  g_assert_cmpint (release_at (&f, 3 * SEC), ==, 4 * SEC);
  g_assert_cmpuint (f.order->len, ==, 4);

  enqueue (&f, 5, ROSTER_PRIORITY_BULK);
  enqueue (&f, 6, ROSTER_PRIORITY_INTERACTIVE);
  g_assert_cmpint (release_at (&f, 4 * SEC), ==, 5 * SEC);
  g_assert_cmpint (release_at (&f, 5 * SEC), ==, 6 * SEC);
  g_assert_cmpint (release_at (&f, 6 * SEC), ==, -1);

  assert_order (&f, expected, G_N_ELEMENTS (expected));

  fixture_clear (&f);
}

/* A bulk call put back at the head still waits behind interactive calls. */
static void
test_priority_requeue_at_head (void)
{
  const guint expected[] = { 0, 4, 1, 0, 2, 3 };
  Fixture f;

  fixture_init (&f, 1, 1 * SEC, 5);

  enqueue (&f, 0, ROSTER_PRIORITY_BULK);
  g_assert_cmpint (release_at (&f, 0), ==, -1);

  enqueue (&f, 1, ROSTER_PRIORITY_INTERACTIVE);
  enqueue (&f, 2, ROSTER_PRIORITY_BULK);
  enqueue (&f, 3, ROSTER_PRIORITY_BULK);
  enqueue_full (&f, 0, ROSTER_PRIORITY_BULK, TRUE, FALSE);
  enqueue_full (&f, 4, ROSTER_PRIORITY_INTERACTIVE, TRUE, FALSE);

  /* Interactive: [4, 1]; bulk: [0, 2, 3]. */
  g_assert_cmpint (release_at (&f, 1 * SEC), ==, 2 * SEC);
  g_assert_cmpint (release_at (&f, 2 * SEC), ==, 3 * SEC);
  g_assert_cmpint (release_at (&f, 3 * SEC), ==, 4 * SEC);
  g_assert_cmpint (release_at (&f, 4 * SEC), ==, 5 * SEC);
  g_assert_cmpint (release_at (&f, 5 * SEC), ==, -1);
  assert_order (&f, expected, G_N_ELEMENTS (expected));

  fixture_clear (&f);
}

/* ---- cancellation ------------------------------------------------------------------------ */

static void
test_cancel_queued (void)
{
  const guint expected[] = { 0, 1, 3 };
  Fixture f;

  fixture_init (&f, 2, 1 * SEC, 4);

  for (guint i = 0; i < 4; i++)
    enqueue_full (&f, i, ROSTER_PRIORITY_BULK, FALSE, TRUE);
  g_assert_cmpint (source_ready_time (&f), ==, 0);
  g_assert_cmpint (release_at (&f, 0), ==, 500 * MSEC);
  g_assert_cmpint (release_at (&f, 500 * MSEC), ==, 1 * SEC);
  g_assert_cmpuint (f.order->len, ==, 2);

  /* 2 and 3 are queued; cancel 2. Nothing is called back from inside the cancel. */
  g_cancellable_cancel (f.probes[2].cancellable);
  g_assert_cmpuint (f.probes[2].n_failed, ==, 0);
  g_assert_cmpuint (roster_rate_limiter_get_n_queued (f.limiter), ==, 1);
  /* The source becomes ready at once to deliver the cancellation. */
  g_assert_cmpint (source_ready_time (&f), ==, 0);

  g_assert_cmpint (release_at (&f, 700 * MSEC), ==, 1 * SEC);
  g_assert_cmpuint (f.probes[2].n_failed, ==, 1);
  g_assert_cmpint (f.probes[2].error_code, ==, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f.order->len, ==, 2);
  g_assert_cmpint (source_ready_time (&f), ==, 1 * SEC);

  g_assert_cmpint (release_at (&f, 1 * SEC), ==, -1);
  assert_order (&f, expected, G_N_ELEMENTS (expected));

  /* Cancelling after release is too late and calls nothing back. */
  g_cancellable_cancel (f.probes[3].cancellable);
  g_assert_cmpint (source_ready_time (&f), ==, -1);
  g_assert_cmpint (release_at (&f, 2 * SEC), ==, -1);
  g_assert_cmpuint (f.probes[3].n_failed, ==, 0);
  g_assert_cmpuint (f.probes[3].n_released, ==, 1);
  g_assert_cmpuint (f.probes[2].n_released, ==, 0);
  g_assert_cmpuint (f.probes[2].n_failed, ==, 1);

  fixture_clear (&f);
}

/* A cancelled call never takes a slot: the live call behind it goes at the next one. */
static void
test_cancel_no_slot (void)
{
  const guint expected[] = { 0, 2 };
  Fixture f;

  fixture_init (&f, 2, 1 * SEC, 4);

  for (guint i = 0; i < 4; i++)
    enqueue_full (&f, i, ROSTER_PRIORITY_BULK, FALSE, TRUE);
  g_cancellable_cancel (f.probes[1].cancellable);

  g_assert_cmpint (release_at (&f, 0), ==, 500 * MSEC);
  g_assert_cmpint (release_at (&f, 500 * MSEC), ==, 1 * SEC);
  assert_order (&f, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (f.probes[1].n_failed, ==, 1);
  g_assert_cmpint (f.probes[1].error_code, ==, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f.probes[1].n_released, ==, 0);
  g_assert_cmpuint (roster_rate_limiter_get_n_queued (f.limiter), ==, 1);

  g_assert_cmpint (release_at (&f, 1 * SEC), ==, -1);
  g_assert_cmpuint (f.probes[3].n_released, ==, 1);

  fixture_clear (&f);
}

static void
test_cancel_pre_cancelled (void)
{
  Fixture f;

  fixture_init (&f, 2, 1 * SEC, 3);

  f.probes[0].cancellable = g_cancellable_new ();
  g_cancellable_cancel (f.probes[0].cancellable);
  enqueue_full (&f, 0, ROSTER_PRIORITY_INTERACTIVE, FALSE, TRUE);

  /* Not called back from inside enqueue (on_release asserts that), not queued, and the
   * source is ready at once to deliver it. */
  g_assert_cmpuint (f.probes[0].n_failed, ==, 0);
  g_assert_cmpuint (roster_rate_limiter_get_n_queued (f.limiter), ==, 0);
  g_assert_cmpint (source_ready_time (&f), ==, 0);

  g_assert_cmpint (release_at (&f, 0), ==, -1);
  g_assert_cmpuint (f.probes[0].n_failed, ==, 1);
  g_assert_cmpint (f.probes[0].error_code, ==, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f.probes[0].n_released, ==, 0);
  g_assert_cmpint (source_ready_time (&f), ==, -1);

  /* It took no slot: the next call goes at once. */
  enqueue (&f, 1, ROSTER_PRIORITY_BULK);
  enqueue (&f, 2, ROSTER_PRIORITY_BULK);
  g_assert_cmpint (release_at (&f, 0), ==, 500 * MSEC);
  g_assert_cmpuint (f.order->len, ==, 1);

  fixture_clear (&f);
}

/* Callbacks may cancel others and enqueue again from inside release_ready. */
static void
cancel_other_hook (Probe *p)
{
  Fixture *f = p->fixture;
  guint other = GPOINTER_TO_UINT (p->hook_data);

  p->hook = NULL;
  g_cancellable_cancel (f->probes[other].cancellable);
  /* Enqueue again, re-entrantly: 4 goes behind 3. */
  enqueue (f, 4, ROSTER_PRIORITY_BULK);
}

static void
test_cancel_reentrant (void)
{
  const guint expected[] = { 0, 2, 3, 4 };
  Fixture f;

  fixture_init (&f, 20, 1 * SEC, 5);

  for (guint i = 0; i < 4; i++)
    enqueue_full (&f, i, ROSTER_PRIORITY_BULK, FALSE, TRUE);
  f.probes[0].hook = cancel_other_hook;
  f.probes[0].hook_data = GUINT_TO_POINTER (1);

  g_assert_cmpint (release_at (&f, 0), ==, 50 * MSEC);
  g_assert_cmpuint (f.probes[1].n_failed, ==, 1);
  g_assert_cmpint (release_at (&f, 50 * MSEC), ==, 100 * MSEC);
  g_assert_cmpint (release_at (&f, 100 * MSEC), ==, 150 * MSEC);
  g_assert_cmpint (release_at (&f, 150 * MSEC), ==, -1);
  assert_order (&f, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (f.probes[1].n_released, ==, 0);
  g_assert_cmpuint (f.probes[1].n_failed, ==, 1);
  g_assert_cmpint (f.probes[1].error_code, ==, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (source_ready_time (&f), ==, -1);

  fixture_clear (&f);
}

static void
quit_loop_hook (Probe *p)
{
  g_main_loop_quit (p->hook_data);
}

static gboolean
on_test_timeout (gpointer user_data)
{
  g_error ("timed out");
  return G_SOURCE_REMOVE;
}

/* On a real main loop: the cancelled call's callback comes from the main context soon after
 * the cancel, not after the window. */
static void
test_cancel_main_loop (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint timeout_id;
  gint64 cancelled_at;
  Fixture f;

  fixture_init (&f, 1, 60 * SEC, 2);
  roster_rate_limiter_set_clock (f.limiter, NULL, NULL);
  g_source_attach ((GSource *) f.limiter, NULL);
  timeout_id = g_timeout_add_seconds (10, on_test_timeout, NULL);

  f.probes[0].hook = quit_loop_hook;
  f.probes[0].hook_data = loop;
  enqueue_full (&f, 0, ROSTER_PRIORITY_BULK, FALSE, TRUE);
  enqueue_full (&f, 1, ROSTER_PRIORITY_BULK, FALSE, TRUE);
  g_main_loop_run (loop);
  g_assert_cmpuint (f.probes[0].n_released, ==, 1);
  g_assert_cmpint (source_ready_time (&f), >, g_get_monotonic_time () + 50 * SEC);

  f.probes[1].hook = quit_loop_hook;
  f.probes[1].hook_data = loop;
  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (f.probes[1].cancellable);
  g_assert_cmpuint (f.probes[1].n_failed, ==, 0);
  g_main_loop_run (loop);
  g_assert_cmpuint (f.probes[1].n_failed, ==, 1);
  g_assert_cmpint (f.probes[1].error_code, ==, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, 5 * SEC);
  g_assert_cmpint (source_ready_time (&f), ==, -1);

  g_source_remove (timeout_id);
  g_source_destroy ((GSource *) f.limiter);
  fixture_clear (&f);
}

static gpointer
cancel_in_thread (gpointer data)
{
  g_cancellable_cancel (data);
  return NULL;
}

/* Cancelled from another thread: delivered in the main thread (on_release asserts it). */
static void
test_cancel_other_thread (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  GThread *thread;
  guint timeout_id;
  Fixture f;

  fixture_init (&f, 1, 60 * SEC, 3);
  roster_rate_limiter_set_clock (f.limiter, NULL, NULL);
  g_source_attach ((GSource *) f.limiter, NULL);
  timeout_id = g_timeout_add_seconds (10, on_test_timeout, NULL);

  f.probes[0].hook = quit_loop_hook;
  f.probes[0].hook_data = loop;
  for (guint i = 0; i < 3; i++)
    enqueue_full (&f, i, ROSTER_PRIORITY_BULK, FALSE, TRUE);
  g_main_loop_run (loop);
  g_assert_cmpuint (f.probes[0].n_released, ==, 1);

  f.probes[2].hook = quit_loop_hook;
  f.probes[2].hook_data = loop;
  thread = g_thread_new ("cancel", cancel_in_thread, f.probes[1].cancellable);
  g_thread_join (thread);
  thread = g_thread_new ("cancel", cancel_in_thread, f.probes[2].cancellable);
  g_main_loop_run (loop);
  g_thread_join (thread);

  while (f.probes[1].n_failed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (f.probes[1].error_code, ==, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (f.probes[2].error_code, ==, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f.probes[1].n_released + f.probes[2].n_released, ==, 0);
  g_assert_cmpuint (roster_rate_limiter_get_n_queued (f.limiter), ==, 0);
  g_assert_cmpint (source_ready_time (&f), ==, -1);

  g_source_remove (timeout_id);
  g_source_destroy ((GSource *) f.limiter);
  fixture_clear (&f);
}

/* ---- lifetime ---------------------------------------------------------------------------- */

/* Every caller gets exactly one callback, even when the limiter dies with calls queued. */
static void
test_finalize_with_queued (void)
{
  Fixture f;

  fixture_init (&f, 1, 1 * SEC, 3);

  for (guint i = 0; i < 3; i++)
    enqueue_full (&f, i, ROSTER_PRIORITY_BULK, FALSE, TRUE);
  g_assert_cmpint (release_at (&f, 0), ==, 1 * SEC);
  g_cancellable_cancel (f.probes[2].cancellable);

  g_clear_pointer (&f.limiter, roster_rate_limiter_unref);
  g_assert_cmpuint (f.probes[0].n_released, ==, 1);
  g_assert_cmpuint (f.probes[0].n_failed, ==, 0);
  g_assert_cmpuint (f.probes[1].n_failed, ==, 1);
  g_assert_cmpint (f.probes[1].error_code, ==, G_IO_ERROR_CLOSED);
  g_assert_cmpuint (f.probes[2].n_failed, ==, 1);
  g_assert_cmpint (f.probes[2].error_code, ==, G_IO_ERROR_CANCELLED);

  fixture_clear (&f);
}

/* ---- registry ---------------------------------------------------------------------------- */

static void
test_registry (void)
{
  RosterRateLimiter *a = roster_rate_limiter_get_for_key ("key-a");
  RosterRateLimiter *a2 = roster_rate_limiter_get_for_key ("key-a");
  RosterRateLimiter *b = roster_rate_limiter_get_for_key ("key-b");
  g_autofree char *key = g_strdup ("key-a");

  g_assert_nonnull (a);
  g_assert_true (a == a2);
  g_assert_true (a != b);
  /* Looked up by value, not by pointer. */
  g_assert_true (roster_rate_limiter_get_for_key (key) == a);

  g_assert_true (g_source_get_context ((GSource *) a) == g_main_context_default ());
  g_assert_true (g_source_get_context ((GSource *) b) == g_main_context_default ());
  g_assert_cmpint (g_source_get_ready_time ((GSource *) a), ==, -1);
}

/* The registry's limiters share their schedule through a private file named by the key's
 * SHA-256, never by the key. */
static void
test_registry_state_file (void)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "key-c", -1);
  g_autofree char *dir = g_build_filename (g_get_user_runtime_dir (), "roster", NULL);
  g_autofree char *path = g_build_filename (dir, digest, NULL);
  g_autofree char *contents = NULL;
  GStatBuf st;
  gsize length;

  /* A key no other test case used: each runs with runtime dir of its own. */
  roster_rate_limiter_get_for_key ("key-c");

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Nothing in it, or in its name, is the key. */
  roster_rate_limiter_report_rate_limited (roster_rate_limiter_get_for_key ("key-c"));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 0);
  g_assert_null (g_strstr_len (contents, length, "key-c"));
  g_assert_null (strstr (path, "key-c"));
}

/* Inside Flatpak, the one runtime dir the app's instances share. */
static void
test_registry_state_file_flatpak (void)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "key-d", -1);
  g_autofree char *path = g_build_filename (g_get_user_runtime_dir (), "app", "io.example.Test",
                                            "roster", digest, NULL);

  g_setenv ("FLATPAK_ID", "io.example.Test", TRUE);
  roster_rate_limiter_get_for_key ("key-d");
  g_unsetenv ("FLATPAK_ID");

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* ---- one schedule per key, across limiters and processes --------------------------------- */

static char *
state_file_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-rate-limiter-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "state", NULL);
}

static void
share_state (Fixture    *f,
             const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (roster_rate_limiter_set_state_file (f->limiter, path, &error));
  g_assert_no_error (error);
}

/* Two limiters on one file and one clock, each with its own queue, take turns: never the
 * same slot, never closer than the interval, and a 429 one of them reports slows both. */
static void
test_shared_two_limiters (void)
{
  g_autofree char *path = state_file_new ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  Fixture a, b;
  gint64 now = 0;

  fixture_init (&a, 10, 1 * SEC, 20);
  fixture_init (&b, 10, 1 * SEC, 20);
  share_state (&a, path);
  share_state (&b, path);
  for (guint i = 0; i < 20; i++)
    {
      enqueue (&a, i, ROSTER_PRIORITY_BULK);
      enqueue (&b, i, ROSTER_PRIORITY_BULK);
    }

  /* Each wakes at its own ready time, b a little after a, as two processes would. */
  while (a.order->len + b.order->len < 40)
    {
      gint64 ready_a = source_ready_time (&a), ready_b = source_ready_time (&b);

      if (ready_a != -1 && (ready_b == -1 || ready_a <= ready_b))
        release_at (&a, now = MAX (now, ready_a));
      else
        release_at (&b, now = MAX (now, ready_b + 300));
      b.now = a.now = now;
      g_assert_cmpuint (a.order->len + b.order->len, <=, now / (100 * MSEC) + 1);
    }

  g_array_append_vals (times, a.times->data, a.times->len);
  g_array_append_vals (times, b.times->data, b.times->len);
  g_array_sort (times, compare_int64);
  for (guint i = 1; i < times->len; i++)
    g_assert_cmpint (g_array_index (times, gint64, i) - g_array_index (times, gint64, i - 1),
                     >=, 100 * MSEC - 2 * MSEC);
  /* Both got their share. */
  g_assert_cmpuint (a.order->len, ==, 20);
  g_assert_cmpuint (b.order->len, ==, 20);

  roster_rate_limiter_report_rate_limited (a.limiter);
  g_assert_cmpfloat_with_epsilon (roster_rate_limiter_get_pace (b.limiter), 10 / 1.1, 0.01);

  fixture_clear (&a);
  fixture_clear (&b);
  g_unlink (path);
}

/* What a process that died (or another boot, or a limiter with another clock) left behind is
 * ignored: a slot in the past is free, one impossibly far ahead is stale. */
static void
test_shared_stale (void)
{
  g_autofree char *path = state_file_new ();
  Fixture a, b;

  fixture_init (&a, 10, 1 * SEC, 2);
  share_state (&a, path);
  enqueue (&a, 0, ROSTER_PRIORITY_BULK);
  g_assert_cmpint (release_at (&a, 3600 * SEC), ==, -1);
  fixture_clear (&a);

  fixture_init (&b, 10, 1 * SEC, 2);
  share_state (&b, path);
  enqueue (&b, 0, ROSTER_PRIORITY_BULK);
  enqueue (&b, 1, ROSTER_PRIORITY_BULK);
  g_assert_cmpint (release_at (&b, 1 * SEC), ==, 1100 * MSEC);
  g_assert_cmpuint (b.order->len, ==, 1);
  g_assert_cmpint (release_at (&b, 1100 * MSEC), ==, -1);

  /* A slot in the past: free at once. */
  enqueue (&b, 0, ROSTER_PRIORITY_BULK);
  g_assert_cmpint (release_at (&b, 7200 * SEC), ==, -1);
  g_assert_cmpuint (b.order->len, ==, 3);

  fixture_clear (&b);
  g_unlink (path);
}

/* Two real processes on one state file, started at the same instant: together they keep the
 * schedule of one. Without the shared file each would release at 19/s on its own. */
static void
test_shared_two_processes (void)
{
  g_autofree char *path = state_file_new ();
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "rate-limiter-helper", NULL);
  g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time () + 300 * MSEC);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  GSubprocess *processes[2];
  const guint n = 30;

  for (guint p = 0; p < 2; p++)
    {
      g_autoptr(GError) error = NULL;

      processes[p] = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                       helper, path, "30", start, NULL);
      g_assert_no_error (error);
    }
  for (guint p = 0; p < 2; p++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;

      g_subprocess_communicate_utf8 (processes[p], NULL, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_successful (processes[p]));
      lines = g_strsplit (g_strstrip (out), "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, n);
      for (guint i = 0; i < n; i++)
        {
          gint64 t = g_ascii_strtoll (lines[i], NULL, 10);

          g_array_append_val (times, t);
        }
      g_object_unref (processes[p]);
    }

  /* The default interval is 52.6 ms; allow for a 2 ms catch-up and for the printing process
   * being scheduled a little late on a busy machine. */
  g_array_sort (times, compare_int64);
  for (guint i = 1; i < times->len; i++)
    g_assert_cmpint (g_array_index (times, gint64, i) - g_array_index (times, gint64, i - 1),
                     >=, 45 * MSEC);
  for (guint i = 20; i < times->len; i++)
    g_assert_cmpint (g_array_index (times, gint64, i) - g_array_index (times, gint64, i - 20),
                     >=, 1 * SEC);
  g_test_message ("60 calls from two processes in %" G_GINT64_FORMAT " ms",
                  (g_array_index (times, gint64, times->len - 1) - g_array_index (times, gint64, 0)) / 1000);

  g_unlink (path);
}

/* ---- against the fake's strict mode --------------------------------------------------------- */

static void
strict_registered_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistration) registration = roster_client_register_finish (ROSTER_CLIENT (object), result, &error);

  g_assert_no_error (error);
  (*pending)--;
}

/* A server that counts calls when they arrive, after ± 25 ms of jitter and a queue: the paced
 * limiter keeps under its window, where a burst of 20 draws 429s. */
static void
test_strict_fake (void)
{
  g_autoptr(RosterFakeService) service = roster_fake_service_new (3);
  g_autoptr(RosterRateLimiter) limiter = roster_rate_limiter_new (20, 1 * SEC);
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(RosterWebinar) webinar = NULL;
  g_autoptr(RosterSchedule) schedule = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  const guint n = 40;
  guint pending = n;

  roster_fake_service_set_strict (service, TRUE);
  roster_fake_service_start_in_thread (service, &error);
  g_assert_no_error (error);
  endpoint = roster_fake_service_dup_endpoint (service, FALSE);
  client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, endpoint, roster_fake_service_get_api_key (service), &error);
  g_assert_no_error (error);
  g_source_attach ((GSource *) limiter, NULL);
  roster_client_set_rate_limiter (client, limiter);

  roster_client_get_webinar_async (client, roster_fake_service_get_main_webinar_id (service), NULL, NULL,
                                   roster_test_store_result, &result);
  webinar = roster_client_get_webinar_finish (client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  schedule = g_list_model_get_item (roster_webinar_get_schedules (webinar), 0);
  roster_fake_service_reset_counters (service);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterRegisterParams) params = roster_register_params_new ();

      params->webinar_id = roster_webinar_get_id (webinar);
      params->schedule_id = roster_schedule_get_id (schedule);
      params->first_name = g_strdup ("Strict");
      params->last_name = g_strdup ("Server");
      params->email = g_strdup_printf ("strict-%u@example.org", i);
      roster_client_register_async (client, params, ROSTER_PRIORITY_BULK, NULL, strict_registered_cb, &pending);
    }
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);

  /* A 429 is possible only when the jitter of two calls twenty apart takes all of the margin,
   * so allow one; a burst draws several every second. */
  g_test_message ("429s: %u, peak: %u in one second", roster_fake_service_get_n_rate_limited (service),
                  roster_fake_service_get_peak_per_second (service));
  g_assert_cmpuint (roster_fake_service_get_n_rate_limited (service), <=, 1);
  g_assert_cmpuint (roster_fake_service_get_peak_per_second (service), <=, 21);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (service), ==, n);

  g_source_destroy ((GSource *) limiter);
  roster_fake_service_stop (service);
}

/* ---- real time --------------------------------------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  GArray    *times;
  guint      n_expected;
} RealTime;

static void
on_real_release (GError   *error,
                 gpointer  user_data)
{
  RealTime *rt = user_data;
  gint64 now = g_get_monotonic_time ();

  g_assert_no_error (error);
  g_array_append_val (rt->times, now);
  if (rt->times->len == rt->n_expected)
    g_main_loop_quit (rt->loop);
}

static gboolean
on_idle_quit (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_real_time (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  RosterRateLimiter *limiter;
  RealTime rt = { loop, times, 60 };
  gint64 start, elapsed;
  guint timeout_id;

  limiter = roster_rate_limiter_new (20, 1 * SEC);
  g_source_attach ((GSource *) limiter, NULL);
  timeout_id = g_timeout_add_seconds (20, on_test_timeout, NULL);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < rt.n_expected; i++)
    roster_rate_limiter_enqueue (limiter, ROSTER_PRIORITY_BULK, FALSE, NULL, on_real_release, &rt);
  g_main_loop_run (loop);

  /* Evenly spaced at 52.6 ms (a 2 ms catch-up for a late wake-up), so any 21 calls span the
   * second plus twice the network jitter we allow for. */
  g_assert_cmpuint (times->len, ==, 60);
  for (guint i = 1; i < times->len; i++)
    g_assert_cmpint (g_array_index (times, gint64, i) - g_array_index (times, gint64, i - 1),
                     >=, 50 * MSEC);
  for (guint i = 20; i < times->len; i++)
    g_assert_cmpint (g_array_index (times, gint64, i) - g_array_index (times, gint64, i - 20),
                     >=, 1050 * MSEC);

  elapsed = g_array_index (times, gint64, times->len - 1) - start;
  g_test_message ("60 calls released in %" G_GINT64_FORMAT " us", elapsed);
  g_assert_cmpint (elapsed, >=, 59 * 52600 - 2 * MSEC);
  g_assert_cmpint (elapsed, <=, 4500 * MSEC);

  /* Idle: nothing queued, no ready time, so the loop never wakes up for it. */
  g_idle_add (on_idle_quit, loop);
  g_main_loop_run (loop);
  g_assert_cmpuint (roster_rate_limiter_get_n_queued (limiter), ==, 0);
  g_assert_cmpint (g_source_get_ready_time ((GSource *) limiter), ==, -1);
  g_assert_false (g_main_context_pending (NULL));

  g_source_remove (timeout_id);
  g_source_destroy ((GSource *) limiter);
  roster_rate_limiter_unref (limiter);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/limiter/pace/even", test_pace_even);
  g_test_add_func ("/limiter/pace/margin", test_pace_margin);
  g_test_add_func ("/limiter/pace/random", test_pace_random);
  g_test_add_func ("/limiter/idle", test_idle);
  g_test_add_func ("/limiter/adapt/slow-and-creep-back", test_adapt_slow_and_creep_back);
  g_test_add_func ("/limiter/adapt/requeue-at-head", test_adapt_requeue_at_head);
  g_test_add_func ("/limiter/priority/interactive-first", test_priority);
  g_test_add_func ("/limiter/priority/requeue-at-head", test_priority_requeue_at_head);
  g_test_add_func ("/limiter/cancel/queued", test_cancel_queued);
  g_test_add_func ("/limiter/cancel/no-slot", test_cancel_no_slot);
  g_test_add_func ("/limiter/cancel/pre-cancelled", test_cancel_pre_cancelled);
  g_test_add_func ("/limiter/cancel/reentrant", test_cancel_reentrant);
  g_test_add_func ("/limiter/cancel/main-loop", test_cancel_main_loop);
  g_test_add_func ("/limiter/cancel/other-thread", test_cancel_other_thread);
  g_test_add_func ("/limiter/lifetime/finalize-with-queued", test_finalize_with_queued);
  g_test_add_func ("/limiter/registry", test_registry);
  g_test_add_func ("/limiter/registry/state-file", test_registry_state_file);
  g_test_add_func ("/limiter/registry/state-file-flatpak", test_registry_state_file_flatpak);
  g_test_add_func ("/limiter/shared/two-limiters", test_shared_two_limiters);
  g_test_add_func ("/limiter/shared/stale", test_shared_stale);
  g_test_add_func ("/limiter/shared/two-processes", test_shared_two_processes);
  g_test_add_func ("/limiter/real-time", test_real_time);
  g_test_add_func ("/limiter/strict-fake", test_strict_fake);

  return g_test_run ();
}
