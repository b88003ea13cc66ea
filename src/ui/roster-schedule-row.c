/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-schedule-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "roster-clock.h"
#include "roster-schedule-row.h"

/* A schedule in the webinar overview: its comment (or kind) as the title; its next session, the
 * later ones and its ID below; its kind as a label beside. */

struct _RosterScheduleRow
{
  AdwActionRow parent_instance;
};

G_DEFINE_FINAL_TYPE (RosterScheduleRow, roster_schedule_row, ADW_TYPE_ACTION_ROW)

static const char *
schedule_kind_label (RosterScheduleKind kind)
{
  switch (kind)
    {
    case ROSTER_SCHEDULE_KIND_INSTANT_REPLAY:
      return _("Instant replay");
    case ROSTER_SCHEDULE_KIND_JUST_IN_TIME:
      return _("Just in time");
    case ROSTER_SCHEDULE_KIND_RECURRING:
      return _("Recurring");
    case ROSTER_SCHEDULE_KIND_ONE_TIME:
      return _("One-time");
    case ROSTER_SCHEDULE_KIND_UNKNOWN:
    default:
      return NULL;
    }
}

static void
roster_schedule_row_class_init (RosterScheduleRowClass *klass)
{
}

static void
roster_schedule_row_init (RosterScheduleRow *self)
{
  /* Server text: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
}

/**
 * roster_schedule_row_new:
 * @schedule: the schedule, with its next session
 * @zone: (nullable): the zone its dates are in
 * @later: (nullable): the later sessions of a recurring schedule, as a list of dates
 */
GtkWidget *
roster_schedule_row_new (RosterSchedule *schedule,
                         const char     *zone,
                         const char     *later)
{
  const char *comment;
  const char *kind;
  g_autofree char *date = NULL, *comment_text = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  RosterScheduleRow *self;

  g_return_val_if_fail (ROSTER_IS_SCHEDULE (schedule), NULL);

  comment = roster_schedule_get_comment (schedule);
  kind = schedule_kind_label (roster_schedule_get_kind (schedule));
  date = roster_schedule_row_format_date (roster_schedule_get_date (schedule));

  if (date != NULL)
    {
      /* Translators: the next session of a schedule, then its time zone */
      if (zone != NULL)
        g_string_append_printf (subtitle, _("Next session %s (%s)"), date, zone);
      else
        g_string_append_printf (subtitle, _("Next session %s"), date);
    }
  if (later != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, "\n");
      /* Translators: the later sessions of a recurring schedule, a list of dates */
      g_string_append_printf (subtitle, _("Then %s"), later);
    }
  if (roster_schedule_get_id (schedule) > 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, roster_schedule_get_id (schedule));

      if (subtitle->len > 0)
        g_string_append (subtitle, "\n");
      /* Translators: the ID that registration and registrant filters use */
      g_string_append_printf (subtitle, _("Schedule ID %s"), id);
    }

  self = g_object_new (ROSTER_TYPE_SCHEDULE_ROW, NULL);
  /* "Every day, 01:00 PM" in the clock the dates use */
  comment_text = roster_clock_format_text (roster_clock_get_default (), comment);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 comment != NULL ? comment_text : (kind != NULL ? kind : _("Unnamed schedule")));
  if (subtitle->len > 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle->str);

  /* The kind as a label, unless the comment already says it ("Instant replay"). */
  if (kind != NULL && (comment == NULL || g_utf8_collate (comment, kind) != 0))
    {
      GtkWidget *label = gtk_label_new (kind);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), label);
    }

  return GTK_WIDGET (self);
}

/* "2024-01-06 15:00", as the API writes a session, in the user's words; the text as it is when
 * it does not parse. The text has no zone and none is added: whoever shows it says which. */
char *
roster_schedule_row_format_date (const char *date)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *iso = NULL;

  if (date == NULL)
    return NULL;
  /* The wall clock in the zone the request named; read as UTC only to format it. */
  if (strlen (date) == 16 && date[10] == ' ')
    {
      iso = g_strdup_printf ("%.10sT%s:00Z", date, date + 11);
      dt = g_date_time_new_from_iso8601 (iso, NULL);
    }
  if (dt == NULL)
    return g_strdup (date);
  return roster_clock_format (roster_clock_get_default (), dt, ROSTER_CLOCK_WEEKDAY_DATE);
}
