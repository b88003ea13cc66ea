/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Time as the vendor shows it: local days, dates printed in English, and the sessions
 * and comments of schedules. */

#define G_LOG_DOMAIN "roster-fake"

#include "config.h"

#include "roster-fake-data.h"

static const char * const weekdays_long[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
static const char * const weekdays_short[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char * const months_short[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

GDateTime *
fake_local_time (gint64     t,
                 GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);

  return g_date_time_to_timezone (utc, tz);
}

static void
hour12 (int          hour,
        int         *h12,
        const char **ampm)
{
  *ampm = hour < 12 ? "AM" : "PM";
  *h12 = hour % 12 == 0 ? 12 : hour % 12;
}

/* The process locale must not leak into the API's English dates, so no strftime here. */
char *
fake_format_human (gint64     t,
                   GTimeZone *tz,
                   gboolean   long_weekday)
{
  g_autoptr(GDateTime) dt = fake_local_time (t, tz);
  const char *ampm;
  int h12;
  int wd = g_date_time_get_day_of_week (dt) - 1;

  hour12 (g_date_time_get_hour (dt), &h12, &ampm);
  return g_strdup_printf ("%s, %d %s %d, %02d:%02d %s",
                          long_weekday ? weekdays_long[wd] : weekdays_short[wd],
                          g_date_time_get_day_of_month (dt),
                          months_short[g_date_time_get_month (dt) - 1],
                          g_date_time_get_year (dt),
                          h12, g_date_time_get_minute (dt), ampm);
}

char *
fake_format_clock (gint64     t,
                   GTimeZone *tz)
{
  g_autoptr(GDateTime) dt = fake_local_time (t, tz);
  const char *ampm;
  int h12;

  hour12 (g_date_time_get_hour (dt), &h12, &ampm);
  return g_strdup_printf ("%02d:%02d %s", h12, g_date_time_get_minute (dt), ampm);
}

char *
fake_format_iso (gint64     t,
                 GTimeZone *tz)
{
  g_autoptr(GDateTime) dt = fake_local_time (t, tz);

  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d",
                          g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt));
}

char *
fake_format_duration (guint32 seconds)
{
  return g_strdup_printf ("%02u:%02u:%02u", seconds / 3600, (seconds / 60) % 60, seconds % 60);
}

gint64
fake_local_midnight (gint64     t,
                     GTimeZone *tz,
                     int        add_days)
{
  g_autoptr(GDateTime) dt = fake_local_time (t, tz);
  g_autoptr(GDateTime) day = g_date_time_add_days (dt, add_days);
  g_autoptr(GDateTime) midnight = g_date_time_new (tz, g_date_time_get_year (day),
                                                   g_date_time_get_month (day),
                                                   g_date_time_get_day_of_month (day), 0, 0, 0);

  return g_date_time_to_unix (midnight);
}

gint64
fake_local_at (gint64     day_t,
               GTimeZone *tz,
               int        hour,
               int        minute)
{
  g_autoptr(GDateTime) dt = fake_local_time (day_t, tz);
  g_autoptr(GDateTime) at = g_date_time_new (tz, g_date_time_get_year (dt),
                                             g_date_time_get_month (dt),
                                             g_date_time_get_day_of_month (dt),
                                             hour, minute, 0);

  return g_date_time_to_unix (at);
}

/* Sessions of a daily or weekly schedule between two instants, ascending. */
void
fake_series_sessions (FakeWebinar  *webinar,
                      FakeSchedule *schedule,
                      gint64        from,
                      gint64        to,
                      GArray       *out)
{
  for (int d = 0;; d++)
    {
      gint64 day = fake_local_midnight (from, webinar->tz, d);
      gint64 at;

      if (day > to)
        break;
      if (schedule->kind == FAKE_SCHEDULE_WEEKLY)
        {
          g_autoptr(GDateTime) dt = fake_local_time (day + 12 * 3600, webinar->tz);

          if (g_date_time_get_day_of_week (dt) != schedule->weekday)
            continue;
        }
      at = fake_local_at (day + 12 * 3600, webinar->tz, schedule->hour, schedule->minute);
      if (at >= from && at <= to)
        g_array_append_val (out, at);
    }
}

gint64
fake_just_in_time_after (gint64 t)
{
  /* Starts at the next quarter hour at least five minutes away. */
  return ((t + 5 * 60) / 900 + 1) * 900;
}

GArray *
fake_schedule_next_sessions (FakeWebinar  *webinar,
                             FakeSchedule *schedule,
                             gint64        now)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 t;

  switch (schedule->kind)
    {
    case FAKE_SCHEDULE_INSTANT_REPLAY:
      t = now - now % 60;
      g_array_append_val (out, t);
      break;
    case FAKE_SCHEDULE_JUST_IN_TIME:
      t = fake_just_in_time_after (now);
      g_array_append_val (out, t);
      break;
    case FAKE_SCHEDULE_DAILY:
      /* One schedule ID stands for the series; the next few sessions are listed. */
      fake_series_sessions (webinar, schedule, now, now + 4 * 86400, out);
      if (out->len > 3)
        g_array_set_size (out, 3);
      break;
    case FAKE_SCHEDULE_WEEKLY:
      fake_series_sessions (webinar, schedule, now, now + 15 * 86400, out);
      if (out->len > 2)
        g_array_set_size (out, 2);
      break;
    case FAKE_SCHEDULE_ONE_TIME:
      g_array_append_val (out, schedule->when);
      break;
    default:
      g_assert_not_reached ();
    }
  return out;
}

char *
fake_schedule_comment (FakeWebinar  *webinar,
                       FakeSchedule *schedule)
{
  const char *ampm;
  int h12;

  hour12 (schedule->hour, &h12, &ampm);
  switch (schedule->kind)
    {
    case FAKE_SCHEDULE_INSTANT_REPLAY:
      return g_strdup ("Instant replay");
    case FAKE_SCHEDULE_JUST_IN_TIME:
      return g_strdup ("Just in time");
    case FAKE_SCHEDULE_DAILY:
      return g_strdup_printf ("Every day, %02d:%02d %s", h12, schedule->minute, ampm);
    case FAKE_SCHEDULE_WEEKLY:
      return g_strdup_printf ("Every %s, %02d:%02d %s", weekdays_long[schedule->weekday - 1],
                              h12, schedule->minute, ampm);
    case FAKE_SCHEDULE_ONE_TIME:
      return fake_format_human (schedule->when, webinar->tz, TRUE);
    default:
      g_assert_not_reached ();
    }
}
