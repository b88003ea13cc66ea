/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_ZONE_ROW (roster_zone_row_get_type ())

G_DECLARE_FINAL_TYPE (RosterZoneRow, roster_zone_row, ROSTER, ZONE_ROW, AdwComboRow)

GtkWidget          *roster_zone_row_new            (void);
const char         *roster_zone_row_get_zone       (RosterZoneRow *self);
void                roster_zone_row_set_zone       (RosterZoneRow *self,
                                                    const char    *zone);

const char * const *roster_zone_row_get_zones      (void);
char               *roster_zone_row_dup_saved_zone (GSettings     *settings,
                                                    gint64         webinar_id);
void                roster_zone_row_save_zone      (GSettings     *settings,
                                                    gint64         webinar_id,
                                                    const char    *zone);

G_END_DECLS
