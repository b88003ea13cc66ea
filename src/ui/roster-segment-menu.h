/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-segment.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_SEGMENT_MENU (roster_segment_menu_get_type ())

G_DECLARE_FINAL_TYPE (RosterSegmentMenu, roster_segment_menu, ROSTER, SEGMENT_MENU, AdwBin)

GtkWidget           *roster_segment_menu_new          (void);
GtkFilter           *roster_segment_menu_get_filter   (RosterSegmentMenu            *self);
void                 roster_segment_menu_set_filter   (RosterSegmentMenu            *self,
                                                       const RosterRegistrantFilter *filter);
const RosterSegment *roster_segment_menu_get_active   (RosterSegmentMenu            *self);
GPtrArray           *roster_segment_menu_get_segments (RosterSegmentMenu            *self);
gboolean             roster_segment_menu_save         (RosterSegmentMenu            *self,
                                                       const char                   *name);

G_END_DECLS
