/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-webinar-start"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "roster-fake-service.h"
#include "roster-webinar-list.h"

/* How long the sidebar takes from "here is the account" to its first webinar row on screen:
 * with a warm cache (the last run's list) and a cold one (first start), against the fake
 * service answering after 300 ms. The warm start must not wait for the network at all.
 * Needs a display: run it under xvfb-run (it skips without one). */

#define LATENCY_MS 300
#define RUNS       7

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The list page is on screen with a row widget of the list view mapped (laid out, about to be
 * drawn in this frame). */
static gboolean
first_row_shown (RosterWebinarList *list)
{
  GtkWidget *view;

  if (g_strcmp0 (roster_webinar_list_get_state (list), "list") != 0)
    return FALSE;
  if (!(view = find_list_view (GTK_WIDGET (list))) || !gtk_widget_get_mapped (view))
    return FALSE;
  for (GtkWidget *row = gtk_widget_get_first_child (view); row; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_mapped (row) && gtk_widget_get_first_child (row) != NULL)
      return TRUE;
  return FALSE;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  roster_webinar_cache_save_finish (ROSTER_WEBINAR_CACHE (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/* One start: a window with a new list widget, given the client and a fresh cache object for
 * the file at path. Returns the milliseconds to the first row. */
static double
measure_start (RosterClient *client,
               const char   *path,
               gboolean      wait_for_live)
{
  g_autoptr(RosterWebinarCache) cache = roster_webinar_cache_new_for_path ("bench", path);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  RosterWebinarList *list;
  gint64 start, shown;
  gboolean saved = FALSE;

  gtk_window_set_default_size (window, 360, 700);
  gtk_window_present (window);
  while (g_main_context_iteration (NULL, FALSE));

  start = g_get_monotonic_time ();
  list = ROSTER_WEBINAR_LIST (roster_webinar_list_new ());
  gtk_window_set_child (window, GTK_WIDGET (list));
  roster_webinar_list_set_cache (list, cache);
  roster_webinar_list_set_client (list, client);

  while (!first_row_shown (list))
    g_main_context_iteration (NULL, TRUE);
  shown = g_get_monotonic_time ();

  /* The live list lands and is written to the cache, for the next (warm) start. */
  while (wait_for_live && roster_webinar_list_get_refreshing (list))
    g_main_context_iteration (NULL, TRUE);
  roster_webinar_cache_save_async (cache, NULL, save_cb, &saved);
  while (!saved)
    g_main_context_iteration (NULL, TRUE);

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE));

  return (shown - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RosterFakeService) service = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *dir = NULL;
  double cold[RUNS], warm[RUNS];
  double cold_median, warm_median;

  if (!gtk_init_check ())
    {
      g_print ("bench-webinar-start: no display; run it under xvfb-run. Skipped.\n");
      return 77;
    }
  adw_init ();

  dir = g_dir_make_tmp ("roster-bench-XXXXXX", &error);
  g_assert_no_error (error);

  /* The service answers from its own thread, so its latency is not the UI thread's. */
  service = roster_fake_service_new (1);
  roster_fake_service_set_rate_limit (service, 0);
  roster_fake_service_set_latency (service, LATENCY_MS, 0);
  if (!roster_fake_service_start_in_thread (service, &error))
    g_error ("fake service: %s", error->message);
  endpoint = roster_fake_service_dup_endpoint (service, FALSE);
  client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, endpoint,
                              roster_fake_service_get_api_key (service), &error);
  g_assert_no_error (error);

  /* One start first, so that both series run with the session's connection and GTK's
   * caches warm: what is measured is the cache's effect, not first-use costs. */
  {
    g_autofree char *path = g_build_filename (dir, "prime.json", NULL);

    measure_start (client, path, TRUE);
  }

  for (guint i = 0; i < RUNS; i++)
    {
      g_autofree char *name = g_strdup_printf ("run-%u.json", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      /* No file yet: the first row waits for the network. The run leaves the file behind. */
      cold[i] = measure_start (client, path, TRUE);
      /* The same account again: the rows come from the file. */
      warm[i] = measure_start (client, path, TRUE);
      g_unlink (path);
    }

  qsort (cold, RUNS, sizeof (double), compare_doubles);
  qsort (warm, RUNS, sizeof (double), compare_doubles);
  cold_median = cold[RUNS / 2];
  warm_median = warm[RUNS / 2];

  g_print ("Webinar list start, fake service latency %d ms, median of %d runs:\n", LATENCY_MS, RUNS);
  g_print ("  cold cache: %8.1f ms to the first row (min %.1f, max %.1f)\n",
           cold_median, cold[0], cold[RUNS - 1]);
  g_print ("  warm cache: %8.1f ms to the first row (min %.1f, max %.1f)\n",
           warm_median, warm[0], warm[RUNS - 1]);
  g_print ("  ratio cold/warm: %.1fx\n", cold_median / MAX (warm_median, 0.001));

  roster_fake_service_stop (service);
  {
    g_autofree char *prime = g_build_filename (dir, "prime.json", NULL);

    g_unlink (prime);
    g_rmdir (dir);
  }

  /* The warm start must not wait for the network: every warm run beats one round trip. */
  if (warm[RUNS - 1] >= LATENCY_MS)
    {
      g_printerr ("A warm start waited for the network (%.1f ms)\n", warm[RUNS - 1]);
      return 1;
    }
  return 0;
}
