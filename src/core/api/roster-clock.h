/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How much of a date goes before the time */
typedef enum
{
  ROSTER_CLOCK_TIME_ONLY,     /* "13:00" */
  ROSTER_CLOCK_DATE,          /* "6 Jan 2024, 13:00" */
  ROSTER_CLOCK_WEEKDAY_DATE,  /* "Sat, 6 Jan 2024, 13:00" */
} RosterClockStyle;

#define ROSTER_TYPE_CLOCK (roster_clock_get_type ())

G_DECLARE_FINAL_TYPE (RosterClock, roster_clock, ROSTER, CLOCK, GObject)

RosterClock *roster_clock_get_default     (void);
RosterClock *roster_clock_new             (GSettingsSchemaSource *source);
gboolean     roster_clock_get_twelve_hour (RosterClock           *self);
void         roster_clock_set_twelve_hour (RosterClock           *self,
                                           gboolean               twelve_hour);
gboolean     roster_clock_locale_twelve_hour (void);
char        *roster_clock_format          (RosterClock           *self,
                                           GDateTime             *date_time,
                                           RosterClockStyle       style);
char        *roster_clock_format_text     (RosterClock           *self,
                                           const char            *text);

G_END_DECLS
