/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "roster-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RosterApplication) app = NULL;
  const char *localedir;

  /* An uninstalled run (build-aux/run.sh) reads the translations from the build tree. */
  localedir = g_getenv ("ROSTER_LOCALEDIR");
  if (localedir == NULL)
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = roster_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
