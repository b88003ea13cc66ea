/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "roster-registrant-filter.h"
#include "roster-registrants-filter-popover.h"
#include "roster-segment.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_REGISTRANTS_FILTER_BAR (roster_registrants_filter_bar_get_type ())

G_DECLARE_FINAL_TYPE (RosterRegistrantsFilterBar, roster_registrants_filter_bar, ROSTER, REGISTRANTS_FILTER_BAR, GtkBox)

GtkWidget                      *roster_registrants_filter_bar_new              (void);
void                            roster_registrants_filter_bar_set_filter       (RosterRegistrantsFilterBar   *self,
                                                                                const RosterRegistrantFilter *filter);
RosterRegistrantsFilterPopover *roster_registrants_filter_bar_get_popover      (RosterRegistrantsFilterBar   *self);
GtkFilter                      *roster_registrants_filter_bar_get_local_filter (RosterRegistrantsFilterBar   *self);
const char                     *roster_registrants_filter_bar_get_local_search (RosterRegistrantsFilterBar   *self);
void                            roster_registrants_filter_bar_set_columns_menu (RosterRegistrantsFilterBar   *self,
                                                                                GMenuModel                   *menu);
void                            roster_registrants_filter_bar_clear_filter     (RosterRegistrantsFilterBar   *self,
                                                                                const char                   *which);
void                            roster_registrants_filter_bar_clear_search     (RosterRegistrantsFilterBar   *self);
void                            roster_registrants_filter_bar_focus_search     (RosterRegistrantsFilterBar   *self);

const RosterSegment *roster_registrants_filter_bar_get_segment        (RosterRegistrantsFilterBar *self);
GtkFilter           *roster_registrants_filter_bar_get_segment_filter (RosterRegistrantsFilterBar *self);

G_END_DECLS
