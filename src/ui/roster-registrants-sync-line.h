/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_REGISTRANTS_SYNC_LINE (roster_registrants_sync_line_get_type ())

G_DECLARE_FINAL_TYPE (RosterRegistrantsSyncLine, roster_registrants_sync_line, ROSTER, REGISTRANTS_SYNC_LINE, GtkBox)

GtkWidget  *roster_registrants_sync_line_new           (void);
void        roster_registrants_sync_line_set_last_sync (RosterRegistrantsSyncLine *self,
                                                        gint64                     unix_time);
void        roster_registrants_sync_line_set_syncing   (RosterRegistrantsSyncLine *self,
                                                        gboolean                   syncing);
void        roster_registrants_sync_line_set_failure   (RosterRegistrantsSyncLine *self,
                                                        const char                *message);
const char *roster_registrants_sync_line_get_text      (RosterRegistrantsSyncLine *self);

G_END_DECLS
