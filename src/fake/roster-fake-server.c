/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "roster-fake-server"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "roster-fake-service.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(RosterFakeService) service = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *wj_endpoint = NULL;
  int port = 0;
  int seed = 1;
  int latency = 120;
  int jitter = 40;
  int network_jitter = 10;
  int rate_limit = 20;
  int page_size = 50;
  guint sigint, sigterm;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port to listen on (default: a free one)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the sample data (default 1)", "N" },
    { "latency", 0, 0, G_OPTION_ARG_INT, &latency, "Mean processing time per call (default 120)", "MS" },
    { "jitter", 0, 0, G_OPTION_ARG_INT, &jitter, "Spread of the processing time, ± (default 40)", "MS" },
    { "network-jitter", 0, 0, G_OPTION_ARG_INT, &network_jitter, "Largest delay before a call reaches the limiter (default 10)", "MS" },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &rate_limit, "Calls per second per key, 0 for none (default 20)", "N" },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, "Registrants per page (default 50)", "N" },
    { NULL }
  };

  /* Standard output says where to connect, and scripts read it; debug lines go elsewhere. */
  g_log_writer_default_set_use_stderr (TRUE);

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— serve a fake EverWebinar API on 127.0.0.1");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (port < 0 || port > 65535 || latency < 0 || jitter < 0 || network_jitter < 0 ||
      rate_limit < 0 || page_size < 1)
    {
      g_printerr ("Invalid option value\n");
      return EXIT_FAILURE;
    }

  service = roster_fake_service_new ((guint32) seed);
  roster_fake_service_set_latency (service, latency, jitter);
  roster_fake_service_set_network_jitter (service, network_jitter);
  roster_fake_service_set_rate_limit (service, rate_limit);
  roster_fake_service_set_page_size (service, page_size);
  if (!roster_fake_service_start_on_port (service, port, &error))
    {
      g_printerr ("Could not start the fake service: %s\n", error->message);
      return EXIT_FAILURE;
    }

  endpoint = roster_fake_service_dup_endpoint (service, FALSE);
  wj_endpoint = roster_fake_service_dup_endpoint (service, TRUE);
  g_print ("URL: %s\n", endpoint);
  g_print ("WebinarJam URL: %s\n", wj_endpoint);
  g_print ("API key: %s\n", roster_fake_service_get_api_key (service));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  sigint = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm = g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  roster_fake_service_stop (service);

  return EXIT_SUCCESS;
}
