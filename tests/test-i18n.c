/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-i18n"

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "roster-test-ui.h"
#include "roster-window.h"

/* The running window, built from its template, shows German under LANGUAGE=de. */
static void
test_i18n_window_in_german (void)
{
  g_autoptr(RosterApplication) app = roster_test_ui_application_new ();
  RosterWindow *window = roster_application_new_window (app);

  gtk_window_present (GTK_WINDOW (window));
  roster_test_ui_iterate (200);

  g_assert_nonnull (roster_test_ui_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE,
                                                "title", "Kein Konto verbunden"));
  g_assert_null (roster_test_ui_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE,
                                             "title", "No Account Connected"));
  g_assert_nonnull (roster_test_ui_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON,
                                                "tooltip-text", "Hauptmenü"));

  gtk_window_destroy (GTK_WINDOW (window));
  roster_test_ui_iterate (50);
}

int
main (int   argc,
      char *argv[])
{
  /* LANGUAGE is honoured only under a real locale, so pick a UTF-8 one that exists here. */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");

  roster_test_ui_init (&argc, &argv);

  g_test_add_func ("/i18n/window-in-german", test_i18n_window_in_german);

  return g_test_run ();
}
