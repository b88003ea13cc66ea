/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "roster-ui-enums.h"

G_BEGIN_DECLS

typedef enum
{
  ROSTER_REGISTRANTS_CHART_BARS,    /* one column per value, labels under the first and last */
  ROSTER_REGISTRANTS_CHART_FUNNEL,  /* one labelled row per value, as a share of the first */
  ROSTER_REGISTRANTS_CHART_RANKING, /* one labelled row per value, as a share of them all */
} RosterRegistrantsChartKind;

#define ROSTER_TYPE_REGISTRANTS_CHART (roster_registrants_chart_get_type ())

G_DECLARE_FINAL_TYPE (RosterRegistrantsChart, roster_registrants_chart, ROSTER, REGISTRANTS_CHART, GtkDrawingArea)

GtkWidget                  *roster_registrants_chart_new         (RosterRegistrantsChartKind  kind);
RosterRegistrantsChartKind  roster_registrants_chart_get_kind    (RosterRegistrantsChart     *self);
void                        roster_registrants_chart_set_kind    (RosterRegistrantsChart     *self,
                                                                  RosterRegistrantsChartKind  kind);
void                        roster_registrants_chart_set_data    (RosterRegistrantsChart     *self,
                                                                  const double               *values,
                                                                  const char * const         *labels,
                                                                  guint                       n_values,
                                                                  const char                 *description);
guint                       roster_registrants_chart_get_n_values (RosterRegistrantsChart    *self);
double                      roster_registrants_chart_get_value   (RosterRegistrantsChart     *self,
                                                                  guint                       index);

G_END_DECLS
