/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-registrants"

#include "config.h"

#include <adwaita.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdlib.h>

#include "roster-fake-service.h"
#include "roster-registrants-view.h"

/* Loads 100,000 registrants into the registrants view, page by page, from the fake service
 * (in a child process, so that its own data is not counted; no rate limit, 500 a page) through a client whose limiter allows
 * 1,000 calls a second. Prints the time to the first rows on screen, the time to all rows and
 * the peak resident memory (VmHWM), also per 10,000 rows over the baseline before the load.
 * Targets: first rows under 1 s, peak under 150 MiB. Needs a display (skips without one):
 * `xvfb-run -a meson test -C <builddir> --benchmark bench/registrants`. */

#define N_REGISTRANTS 100000
#define PAGE_SIZE     500

/* VmHWM (the peak) or VmRSS (now) of this process, in MiB */
static double
status_mib (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, key)) == NULL)
    return -1;
  return g_ascii_strtod (line + strlen (key), NULL) / 1024.0;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A row of the column view is laid out and mapped: it is in this frame. */
static gboolean
first_rows_shown (RosterRegistrantsView *view)
{
  GtkWidget *column_view = GTK_WIDGET (roster_registrants_view_get_column_view (view));
  GtkWidget *list;

  if (g_strcmp0 (roster_registrants_view_get_state (view), "list") != 0 ||
      !gtk_widget_get_mapped (column_view))
    return FALSE;
  /* The column view's list view holds the rows */
  list = find_type (column_view, GTK_TYPE_LIST_VIEW);
  if (list == NULL)
    list = column_view;
  for (GtkWidget *row = gtk_widget_get_last_child (list); row; row = gtk_widget_get_prev_sibling (row))
    if (gtk_widget_get_mapped (row) && gtk_widget_get_first_child (row) != NULL &&
        gtk_widget_get_height (row) > 0)
      return TRUE;
  return FALSE;
}

static gboolean
stdin_closed_cb (int          fd,
                 GIOCondition condition,
                 gpointer     user_data)
{
  char buffer[64];

  if ((condition & G_IO_IN) && read (fd, buffer, sizeof buffer) > 0)
    return G_SOURCE_CONTINUE;
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* The child: serves the fake until the parent closes our stdin. */
static int
serve (void)
{
  g_autoptr(RosterFakeService) service = roster_fake_service_new (1);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  gint64 webinar_id;

  roster_fake_service_set_rate_limit (service, 0);
  roster_fake_service_set_latency (service, 0, 0);
  roster_fake_service_set_page_size (service, PAGE_SIZE);
  webinar_id = roster_fake_service_get_main_webinar_id (service);
  roster_fake_service_set_registrant_count (service, webinar_id, N_REGISTRANTS);
  if (!roster_fake_service_start (service, &error))
    g_error ("Fake service: %s", error->message);

  g_print ("%s %" G_GINT64_FORMAT "\n", roster_fake_service_get_base_url (service), webinar_id);
  fflush (stdout);
  g_unix_fd_add (0, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_closed_cb, loop);
  g_main_loop_run (loop);
  roster_fake_service_stop (service);
  return EXIT_SUCCESS;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) child_out = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(RosterWebinar) webinar = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  RosterRateLimiter *limiter;
  RosterRegistrantsView *view;
  GtkWindow *window;
  gint64 webinar_id, start, first = 0, landed = 0, all;
  double baseline, peak, now;
  guint n_loaded;

  setlocale (LC_ALL, "");
  if (argc > 1 && g_str_equal (argv[1], "--serve"))
    return serve ();
  if (!gtk_init_check ())
    {
      g_print ("SKIP: no display\n");
      return 77;
    }
  adw_init ();

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            argv[0], "--serve", NULL);
  g_assert_no_error (error);
  child_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (child_out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  words = g_strsplit (line, " ", 2);
  webinar_id = g_ascii_strtoll (words[1], NULL, 10);

  endpoint = g_strconcat (words[0], "/everwebinar", NULL);
  client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, endpoint, ROSTER_FAKE_DEMO_KEY, &error);
  g_assert_no_error (error);
  limiter = roster_rate_limiter_new (1000, G_USEC_PER_SEC);
  g_source_attach ((GSource *) limiter, NULL);
  roster_client_set_rate_limiter (client, limiter);

  roster_client_get_webinar_async (client, webinar_id, NULL, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  webinar = roster_client_get_webinar_finish (client, result, &error);
  g_assert_no_error (error);

  /* The fake makes its 100,000 people on the first `registrants` call: not ours to time. */
  {
    g_autoptr(GAsyncResult) warm = NULL;
    g_autoptr(RosterRegistrantPage) page = NULL;

    roster_client_list_registrants_async (client, webinar_id, NULL, 1, ROSTER_PRIORITY_INTERACTIVE,
                                          NULL, store_result_cb, &warm);
    while (warm == NULL)
      g_main_context_iteration (NULL, TRUE);
    page = roster_client_list_registrants_finish (client, warm, &error);
    g_assert_no_error (error);
  }

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 800);
  view = ROSTER_REGISTRANTS_VIEW (roster_registrants_view_new ());
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  while (g_main_context_iteration (NULL, FALSE));

  baseline = status_mib ("VmHWM:");

  start = g_get_monotonic_time ();
  roster_registrants_view_set_client (view, client);
  roster_registrants_view_set_webinar (view, webinar);
  roster_registrants_view_set_detail (view, webinar);
  while (roster_registrants_view_get_loading (view))
    {
      g_main_context_iteration (NULL, TRUE);
      if (landed == 0 && roster_registrants_view_get_n_loaded (view) > 0)
        landed = g_get_monotonic_time ();
      if (first == 0 && first_rows_shown (view))
        first = g_get_monotonic_time ();
    }
  all = g_get_monotonic_time ();
  /* The last frame and the counts */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  if (first == 0)
    first = all;
  peak = status_mib ("VmHWM:");
  now = status_mib ("VmRSS:");
  n_loaded = roster_registrants_view_get_n_loaded (view);

  g_print ("registrants loaded: %'u (of %'d)\n", n_loaded, N_REGISTRANTS);
  g_print ("time to first rows: %.0f ms (target < 1000 ms); the first page landed after %.0f ms\n",
           (first - start) / 1000.0, (landed - start) / 1000.0);
  g_print ("time to all rows: %.0f ms (%'.0f rows/s)\n", (all - start) / 1000.0,
           n_loaded / ((all - start) / (double) G_USEC_PER_SEC));
  /* The baseline is GTK's own (with Mesa's software GL under Xvfb, most of it). */
  g_print ("peak RSS (VmHWM): %.1f MiB; baseline before the load %.1f MiB; the rows took %.1f MiB (target < 150 MiB)\n",
           peak, baseline, peak - baseline);
  g_print ("resident after the load (VmRSS): %.1f MiB\n", now);
  g_print ("peak RSS per 10,000 rows: %.1f MiB (%.1f MiB over the baseline)\n",
           peak / (n_loaded / 10000.0), (peak - baseline) / (n_loaded / 10000.0));

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE));
  g_output_stream_close (g_subprocess_get_stdin_pipe (child), NULL, NULL);
  g_subprocess_wait (child, NULL, NULL);
  g_source_destroy ((GSource *) limiter);
  roster_rate_limiter_unref (limiter);

  return n_loaded == N_REGISTRANTS ? EXIT_SUCCESS : EXIT_FAILURE;
}
