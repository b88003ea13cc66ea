/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-schedule.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_SCHEDULE_ROW (roster_schedule_row_get_type ())

G_DECLARE_FINAL_TYPE (RosterScheduleRow, roster_schedule_row, ROSTER, SCHEDULE_ROW, AdwActionRow)

GtkWidget *roster_schedule_row_new         (RosterSchedule *schedule,
                                            const char     *zone,
                                            const char     *later);

char      *roster_schedule_row_format_date (const char     *date);

G_END_DECLS
