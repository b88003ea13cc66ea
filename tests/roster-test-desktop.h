/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The desktop's side of the private test bus: a notification server (org.gtk.Notifications,
 * which GApplication prefers when its name has an owner) and a session manager
 * (org.gnome.SessionManager, which gtk_application_inhibit() calls), each recording the calls
 * it gets as one line of text. */
typedef struct _RosterTestDesktop RosterTestDesktop;

RosterTestDesktop *roster_test_desktop_start       (void);
void               roster_test_desktop_stop        (RosterTestDesktop *self);
GPtrArray         *roster_test_desktop_dup_calls   (RosterTestDesktop *self);
void               roster_test_desktop_clear       (RosterTestDesktop *self);
guint              roster_test_desktop_get_n_inhibitors (RosterTestDesktop *self);
char              *roster_test_desktop_wait_for    (RosterTestDesktop *self,
                                                    const char        *prefix,
                                                    const char        *contains,
                                                    guint              timeout_ms);
char              *roster_test_desktop_find        (RosterTestDesktop *self,
                                                    const char        *prefix,
                                                    const char        *contains);

G_END_DECLS
