/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-target-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-clock.h"
#include "roster-import-target-summary.h"
#include "roster-schedule-row.h"

/* "Registering into": the webinar, schedule and session the import will send people to,
 * restated on the review step beside Start Import, so that no one registers a list into the
 * wrong session because the target step is out of sight. */

struct _RosterImportTargetSummary
{
  AdwPreferencesGroup  parent_instance;

  AdwActionRow        *webinar_row;
  AdwActionRow        *schedule_row;
  AdwActionRow        *session_row;
  char                *text;  /* the three in one line, as the accessible description says */
};

G_DEFINE_FINAL_TYPE (RosterImportTargetSummary, roster_import_target_summary, ADW_TYPE_PREFERENCES_GROUP)

GtkWidget *
roster_import_target_summary_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORT_TARGET_SUMMARY, NULL);
}

static AdwActionRow *
add_row (RosterImportTargetSummary *self,
         const char                *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  return ADW_ACTION_ROW (row);
}

static void
roster_import_target_summary_finalize (GObject *object)
{
  RosterImportTargetSummary *self = ROSTER_IMPORT_TARGET_SUMMARY (object);

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (roster_import_target_summary_parent_class)->finalize (object);
}

static void
roster_import_target_summary_class_init (RosterImportTargetSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_import_target_summary_finalize;
}

static void
roster_import_target_summary_init (RosterImportTargetSummary *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Registering Into"));
  self->webinar_row = add_row (self, _("Webinar"));
  self->schedule_row = add_row (self, _("Schedule"));
  self->session_row = add_row (self, _("Session"));
}

static RosterSchedule *
find_schedule (RosterWebinar *detail,
               gint64         schedule_id)
{
  GListModel *schedules = detail != NULL ? roster_webinar_get_schedules (detail) : NULL;
  guint n = schedules != NULL ? g_list_model_get_n_items (schedules) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterSchedule) schedule = g_list_model_get_item (schedules, i);

      if (roster_schedule_get_id (schedule) == schedule_id)
        return g_steal_pointer (&schedule);
    }
  return NULL;
}

/* Says what the picker has chosen now: webinar, schedule, and session with its zone. */
void
roster_import_target_summary_show (RosterImportTargetSummary *self,
                                   RosterTargetPicker        *picker)
{
  g_autofree char *title = NULL, *comment = NULL, *date = NULL, *session = NULL;
  g_autoptr(RosterSchedule) schedule = NULL;
  RosterWebinar *detail;
  const char *zone, *raw_date;

  g_return_if_fail (ROSTER_IS_IMPORT_TARGET_SUMMARY (self));
  g_return_if_fail (ROSTER_IS_TARGET_PICKER (picker));

  title = roster_target_picker_dup_webinar_title (picker);
  detail = roster_target_picker_get_detail (picker);
  schedule = find_schedule (detail, roster_target_picker_get_schedule_id (picker));
  if (schedule != NULL)
    comment = roster_clock_format_text (roster_clock_get_default (), roster_schedule_get_comment (schedule));

  raw_date = roster_target_picker_get_date (picker);
  if (raw_date == NULL && schedule != NULL)
    raw_date = roster_schedule_get_date (schedule);
  date = roster_schedule_row_format_date (raw_date);
  zone = roster_target_picker_get_timezone (picker);
  if (zone == NULL && detail != NULL)
    zone = roster_webinar_get_timezone (detail);
  if (date != NULL && zone != NULL)
    /* Translators: a session's date, then its time zone: "Sat, 6 Jan 2024, 15:00 (Europe/Berlin)" */
    session = g_strdup_printf (_("%s (%s)"), date, zone);
  else
    session = g_strdup (date);

  adw_action_row_set_subtitle (self->webinar_row, title != NULL ? title : "—");
  adw_action_row_set_subtitle (self->schedule_row, comment != NULL && *comment != '\0' ? comment : "—");
  adw_action_row_set_subtitle (self->session_row, session != NULL ? session : _("The schedule’s next session"));

  g_free (self->text);
  /* Translators: what an import registers people into: webinar, schedule, session */
  self->text = g_strdup_printf (_("%s, %s, %s"),
                                adw_action_row_get_subtitle (self->webinar_row),
                                adw_action_row_get_subtitle (self->schedule_row),
                                adw_action_row_get_subtitle (self->session_row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->text, -1);
}

/* The target in one line, as shown last */
const char *
roster_import_target_summary_get_text (RosterImportTargetSummary *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_TARGET_SUMMARY (self), NULL);
  return self->text;
}
