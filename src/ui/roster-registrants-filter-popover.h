/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "roster-registrant-filter.h"
#include "roster-webinar.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_REGISTRANTS_FILTER_POPOVER (roster_registrants_filter_popover_get_type ())

G_DECLARE_FINAL_TYPE (RosterRegistrantsFilterPopover, roster_registrants_filter_popover, ROSTER, REGISTRANTS_FILTER_POPOVER, GtkPopover)

GtkWidget              *roster_registrants_filter_popover_new           (void);
void                    roster_registrants_filter_popover_set_filter    (RosterRegistrantsFilterPopover *self,
                                                                         const RosterRegistrantFilter   *filter);
void                    roster_registrants_filter_popover_set_webinar   (RosterRegistrantsFilterPopover *self,
                                                                         RosterWebinar                  *webinar);
gboolean                roster_registrants_filter_popover_has_schedules (RosterRegistrantsFilterPopover *self);
char                   *roster_registrants_filter_popover_describe      (RosterRegistrantsFilterPopover *self,
                                                                         const char                     *which);

G_END_DECLS
