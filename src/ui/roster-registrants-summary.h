/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "roster-registrant-stats.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_REGISTRANTS_SUMMARY (roster_registrants_summary_get_type ())

G_DECLARE_FINAL_TYPE (RosterRegistrantsSummary, roster_registrants_summary, ROSTER, REGISTRANTS_SUMMARY, GtkBox)

GtkWidget  *roster_registrants_summary_new          (void);
GListModel *roster_registrants_summary_get_model    (RosterRegistrantsSummary *self);
void        roster_registrants_summary_set_model    (RosterRegistrantsSummary *self,
                                                     GListModel               *model);
const char *roster_registrants_summary_get_currency (RosterRegistrantsSummary *self);
void        roster_registrants_summary_set_currency (RosterRegistrantsSummary *self,
                                                     const char               *currency);
void        roster_registrants_summary_set_note     (RosterRegistrantsSummary *self,
                                                     const char               *note);
void        roster_registrants_summary_flush        (RosterRegistrantsSummary *self);
void        roster_registrants_summary_set_placeholder (RosterRegistrantsSummary *self,
                                                        const char               *reason);
gboolean    roster_registrants_summary_get_placeholder_shown (RosterRegistrantsSummary *self);
void        roster_registrants_summary_set_stats    (RosterRegistrantsSummary    *self,
                                                     GListModel                  *rows,
                                                     const RosterRegistrantStats *stats);

G_END_DECLS
