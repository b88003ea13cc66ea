/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "roster-application.h"
#include "roster-test-fake.h"

G_BEGIN_DECLS

RosterApplication *roster_test_ui_application_new (void);
void               roster_test_ui_iterate        (guint        msec);
gboolean           roster_test_ui_wait_until     (gboolean   (*done) (gpointer data),
                                                  gpointer     data,
                                                  guint        timeout_ms);
GtkWindow         *roster_test_ui_find_toplevel  (GType        type);
GtkWidget         *roster_test_ui_find_widget    (GtkWidget   *root,
                                                  GType        type,
                                                  const char  *property,
                                                  const char  *value);
GtkWidget         *roster_test_ui_find_widget_with_class (GtkWidget   *root,
                                                         GType        type,
                                                         const char  *css_class);
void               roster_test_ui_destroy        (gpointer      window);
void               roster_test_ui_shoot          (GtkWidget   *widget,
                                                  const char  *name);
void               roster_test_ui_pause_for_screenshot (void);
void               roster_test_ui_init           (int         *argc,
                                                  char      ***argv);

G_END_DECLS
