/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "roster-utm-stats.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_UTM_CHART (roster_utm_chart_get_type ())

G_DECLARE_FINAL_TYPE (RosterUtmChart, roster_utm_chart, ROSTER, UTM_CHART, GtkBox)

GtkWidget      *roster_utm_chart_new       (void);
void            roster_utm_chart_update    (RosterUtmChart *self,
                                            GListModel     *registrants,
                                            const char     *placeholder);
RosterUtmField  roster_utm_chart_get_field (RosterUtmChart *self);
void            roster_utm_chart_set_field (RosterUtmChart *self,
                                            RosterUtmField  field);
GtkWidget      *roster_utm_chart_get_chart (RosterUtmChart *self);

G_END_DECLS
