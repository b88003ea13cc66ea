/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rate-limiter-helper"

#include "config.h"

#include "roster-rate-limiter.h"

/* For test-rate-limiter's two-process test: `rate-limiter-helper STATE-FILE N START` queues N
 * calls at 20 per second on a limiter that shares STATE-FILE, from the monotonic instant START
 * on (so that both processes start together), and prints the monotonic time of each release,
 * one per line. */

typedef struct
{
  guint      n_left;
  GMainLoop *loop;
} Helper;

static void
released_cb (GError   *error,
             gpointer  user_data)
{
  Helper *helper = user_data;

  g_assert_no_error (error);
  g_print ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  if (--helper->n_left == 0)
    g_main_loop_quit (helper->loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RosterRateLimiter) limiter = roster_rate_limiter_new (20, G_USEC_PER_SEC);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  Helper helper = { 0, loop };
  gint64 start;

  if (argc != 4)
    g_error ("usage: rate-limiter-helper STATE-FILE N START");
  helper.n_left = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  start = g_ascii_strtoll (argv[3], NULL, 10);

  if (!roster_rate_limiter_set_state_file (limiter, argv[1], &error))
    g_error ("%s", error->message);
  g_source_attach ((GSource *) limiter, NULL);

  if (start > g_get_monotonic_time ())
    g_usleep (start - g_get_monotonic_time ());
  for (guint i = helper.n_left; i > 0; i--)
    roster_rate_limiter_enqueue (limiter, ROSTER_PRIORITY_BULK, FALSE, NULL, released_cb, &helper);
  g_main_loop_run (loop);

  g_source_destroy ((GSource *) limiter);

  return 0;
}
