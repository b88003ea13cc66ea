/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrants-filter-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-registrant-format.h"
#include "roster-registrants-filter-popover.h"
#include "roster-schedule.h"

/* Every filter of the `registrants` call but the search, as drop-downs. It shows the filter it
 * is given and emits `changed` with a new one when the user picks another choice; the owner
 * decides what to do with it and gives it back with set_filter(). Choices are in the API's
 * codes: a drop-down's position is its code, and the first (0, the API's default) is not
 * sent. The schedule choices come from the webinar's schedules. */

#define SECONDS_DELAY_MS 600

struct _RosterRegistrantsFilterPopover
{
  GtkPopover              parent_instance;

  RosterRegistrantFilter *filter;
  RosterWebinar          *webinar;
  GArray                 *schedule_ids;    /* gint64, parallel to the schedule drop-down after "Any" */
  guint                   seconds_source;
  guint                   suppress_widgets;

  /* Template widgets */
  GtkDropDown            *schedule_dropdown;
  GtkDropDown            *date_range_dropdown;
  GtkDropDown            *live_dropdown;
  GtkBox                 *live_seconds_box;
  GtkSpinButton          *live_seconds;
  GtkDropDown            *replay_dropdown;
  GtkBox                 *replay_seconds_box;
  GtkSpinButton          *replay_seconds;
  GtkDropDown            *purchased_dropdown;
};

G_DEFINE_FINAL_TYPE (RosterRegistrantsFilterPopover, roster_registrants_filter_popover, GTK_TYPE_POPOVER)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void sync_widgets (RosterRegistrantsFilterPopover *self);

GtkWidget *
roster_registrants_filter_popover_new (void)
{
  return g_object_new (ROSTER_TYPE_REGISTRANTS_FILTER_POPOVER, NULL);
}

/* ---- from the widgets ------------------------------------------------------------------------ */

static int
dropdown_code (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  /* The first choice is the API's 0, which is also its default: it is not sent. */
  return selected == GTK_INVALID_LIST_POSITION || selected == 0 ? -1 : (int) selected;
}

static void
read_widgets (RosterRegistrantsFilterPopover *self,
              RosterRegistrantFilter         *filter)
{
  guint schedule = gtk_drop_down_get_selected (self->schedule_dropdown);

  filter->schedule_id = 0;
  if (schedule != GTK_INVALID_LIST_POSITION && schedule > 0 && schedule <= self->schedule_ids->len)
    filter->schedule_id = g_array_index (self->schedule_ids, gint64, schedule - 1);
  filter->date_range = dropdown_code (self->date_range_dropdown);
  filter->attended_live = dropdown_code (self->live_dropdown);
  filter->attended_live_timestamp = filter->attended_live >= 3
                                      ? gtk_spin_button_get_value_as_int (self->live_seconds) : -1;
  filter->attended_replay = dropdown_code (self->replay_dropdown);
  filter->attended_replay_timestamp = filter->attended_replay >= 3
                                        ? gtk_spin_button_get_value_as_int (self->replay_seconds) : -1;
  filter->purchased = dropdown_code (self->purchased_dropdown);
}

static void
emit_changed (RosterRegistrantsFilterPopover *self)
{
  g_autoptr(RosterRegistrantFilter) filter = roster_registrant_filter_copy (self->filter);

  g_clear_handle_id (&self->seconds_source, g_source_remove);
  read_widgets (self, filter);
  g_signal_emit (self, signals[CHANGED], 0, filter);
}

static gboolean
shows_seconds (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected >= 3 && selected != GTK_INVALID_LIST_POSITION;
}

static void
filter_widget_changed_cb (RosterRegistrantsFilterPopover *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->live_seconds_box), shows_seconds (self->live_dropdown));
  gtk_widget_set_visible (GTK_WIDGET (self->replay_seconds_box), shows_seconds (self->replay_dropdown));
  if (self->suppress_widgets > 0)
    return;
  emit_changed (self);
}

static gboolean
seconds_timeout_cb (gpointer user_data)
{
  RosterRegistrantsFilterPopover *self = user_data;

  self->seconds_source = 0;
  emit_changed (self);
  return G_SOURCE_REMOVE;
}

/* Typing a number of seconds should not send a call per digit. */
static void
seconds_changed_cb (RosterRegistrantsFilterPopover *self)
{
  if (self->suppress_widgets > 0)
    return;
  g_clear_handle_id (&self->seconds_source, g_source_remove);
  self->seconds_source = g_timeout_add (SECONDS_DELAY_MS, seconds_timeout_cb, self);
}

/* ---- to the widgets -------------------------------------------------------------------------- */

static gboolean
has_schedule_id (RosterRegistrantsFilterPopover *self,
                 gint64                          id)
{
  for (guint k = 0; k < self->schedule_ids->len; k++)
    if (g_array_index (self->schedule_ids, gint64, k) == id)
      return TRUE;
  return FALSE;
}

static void
add_schedule (RosterRegistrantsFilterPopover *self,
              GtkStringList                  *names,
              gint64                          id,
              const char                     *label)
{
  g_autofree char *fallback = NULL;

  if (label == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      /* Translators: a schedule known only by its ID */
      label = fallback = g_strdup_printf (_("Schedule %s"), number);
    }
  gtk_string_list_append (names, label);
  g_array_append_val (self->schedule_ids, id);
}

static void
rebuild_schedules (RosterRegistrantsFilterPopover *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *schedules;
  guint n;

  g_array_set_size (self->schedule_ids, 0);
  /* Translators: the schedule filter's choice that filters nothing */
  gtk_string_list_append (names, _("Any Schedule"));

  schedules = self->webinar != NULL ? roster_webinar_get_schedules (self->webinar) : NULL;
  n = schedules != NULL ? g_list_model_get_n_items (schedules) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterSchedule) schedule = g_list_model_get_item (schedules, i);
      gint64 id = roster_schedule_get_id (schedule);
      const char *comment = roster_schedule_get_comment (schedule);
      const char *date = roster_schedule_get_date (schedule);

      /* One ID can stand for a whole series: list it once. */
      if (id <= 0 || has_schedule_id (self, id))
        continue;
      add_schedule (self, names, id, comment != NULL && *comment != '\0' ? comment : date);
    }

  /* A filter set before the schedules were known keeps its choice on screen. */
  if (self->filter->schedule_id > 0 && !has_schedule_id (self, self->filter->schedule_id))
    add_schedule (self, names, self->filter->schedule_id, NULL);

  self->suppress_widgets++;
  gtk_drop_down_set_model (self->schedule_dropdown, G_LIST_MODEL (names));
  self->suppress_widgets--;
  sync_widgets (self);
}

static void
set_dropdown (GtkDropDown *dropdown,
              int          code)
{
  guint n = g_list_model_get_n_items (gtk_drop_down_get_model (dropdown));

  gtk_drop_down_set_selected (dropdown, code > 0 && (guint) code < n ? (guint) code : 0);
}

static void
sync_widgets (RosterRegistrantsFilterPopover *self)
{
  RosterRegistrantFilter *f = self->filter;
  guint schedule = 0;

  for (guint k = 0; k < self->schedule_ids->len; k++)
    if (f->schedule_id > 0 && g_array_index (self->schedule_ids, gint64, k) == f->schedule_id)
      schedule = k + 1;

  self->suppress_widgets++;
  gtk_drop_down_set_selected (self->schedule_dropdown, schedule);
  set_dropdown (self->date_range_dropdown, f->date_range);
  set_dropdown (self->live_dropdown, f->attended_live);
  if (f->attended_live >= 3 && f->attended_live_timestamp >= 0)
    gtk_spin_button_set_value (self->live_seconds, f->attended_live_timestamp);
  set_dropdown (self->replay_dropdown, f->attended_replay);
  if (f->attended_replay >= 3 && f->attended_replay_timestamp >= 0)
    gtk_spin_button_set_value (self->replay_seconds, f->attended_replay_timestamp);
  set_dropdown (self->purchased_dropdown, f->purchased);
  filter_widget_changed_cb (self);  /* the seconds rows */
  self->suppress_widgets--;
}

/* ---- in words -------------------------------------------------------------------------------- */

static const char *
dropdown_label (GtkDropDown *dropdown)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (!GTK_IS_STRING_LIST (model) || selected == GTK_INVALID_LIST_POSITION)
    return "";
  return gtk_string_list_get_string (GTK_STRING_LIST (model), selected);
}

static char *
attendance_text (int          code,
                 gint64       seconds,
                 GtkDropDown *dropdown)
{
  g_autofree char *duration = roster_registrant_format_duration (MAX (seconds, 0), NULL);

  if (code == 3)
    /* Translators: attendance filter, left before a time into the session, e.g. "left before 0:10:00" */
    return g_strdup_printf (_("left before %s"), duration);
  if (code == 4)
    /* Translators: attendance filter, stayed past a time into the session, e.g. "stayed past 0:10:00" */
    return g_strdup_printf (_("stayed past %s"), duration);
  return g_utf8_strdown (dropdown_label (dropdown), -1);
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
roster_registrants_filter_popover_dispose (GObject *object)
{
  RosterRegistrantsFilterPopover *self = ROSTER_REGISTRANTS_FILTER_POPOVER (object);

  g_clear_handle_id (&self->seconds_source, g_source_remove);
  g_clear_object (&self->webinar);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_REGISTRANTS_FILTER_POPOVER);

  G_OBJECT_CLASS (roster_registrants_filter_popover_parent_class)->dispose (object);
}

static void
roster_registrants_filter_popover_finalize (GObject *object)
{
  RosterRegistrantsFilterPopover *self = ROSTER_REGISTRANTS_FILTER_POPOVER (object);

  g_clear_pointer (&self->filter, roster_registrant_filter_free);
  g_clear_pointer (&self->schedule_ids, g_array_unref);

  G_OBJECT_CLASS (roster_registrants_filter_popover_parent_class)->finalize (object);
}

static void
roster_registrants_filter_popover_class_init (RosterRegistrantsFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_registrants_filter_popover_dispose;
  object_class->finalize = roster_registrants_filter_popover_finalize;

  /* The user chose another filter: the one shown, with that choice. The search is kept as
   * set_filter() gave it. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ROSTER_TYPE_REGISTRANT_FILTER | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-registrants-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsFilterPopover, schedule_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsFilterPopover, date_range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsFilterPopover, live_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsFilterPopover, live_seconds_box);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsFilterPopover, live_seconds);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsFilterPopover, replay_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsFilterPopover, replay_seconds_box);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsFilterPopover, replay_seconds);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsFilterPopover, purchased_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, filter_widget_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, seconds_changed_cb);
}

static void
roster_registrants_filter_popover_init (RosterRegistrantsFilterPopover *self)
{
  self->filter = roster_registrant_filter_new ();
  self->schedule_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* Template signals fire while it is built: nothing is the user's yet. */
  self->suppress_widgets++;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->suppress_widgets--;
  rebuild_schedules (self);
}

/* ---- public ---------------------------------------------------------------------------------- */

/* Shows this filter without emitting `changed`; a schedule not listed gets a choice of its own.
 * A number of seconds still being typed is dropped: the widgets now show this filter. */
void
roster_registrants_filter_popover_set_filter (RosterRegistrantsFilterPopover *self,
                                              const RosterRegistrantFilter   *filter)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_FILTER_POPOVER (self));
  g_return_if_fail (filter != NULL);

  g_clear_handle_id (&self->seconds_source, g_source_remove);
  roster_registrant_filter_free (self->filter);
  self->filter = roster_registrant_filter_copy (filter);
  if (filter->schedule_id > 0 && !has_schedule_id (self, filter->schedule_id))
    rebuild_schedules (self);
  else
    sync_widgets (self);
}

/* The webinar whose schedules to offer: the IDs come only with `webinar`'s answer, or from a
 * cache that had it. */
void
roster_registrants_filter_popover_set_webinar (RosterRegistrantsFilterPopover *self,
                                               RosterWebinar                  *webinar)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_FILTER_POPOVER (self));
  g_return_if_fail (webinar == NULL || ROSTER_IS_WEBINAR (webinar));

  g_set_object (&self->webinar, webinar);
  rebuild_schedules (self);
}

gboolean
roster_registrants_filter_popover_has_schedules (RosterRegistrantsFilterPopover *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_FILTER_POPOVER (self), FALSE);
  return self->schedule_ids->len > 0;
}

/* One filter in force in words, as its chip says it ("Live: attended"), or NULL when it is
 * not set. which: "schedule", "date-range", "live", "replay" or "purchased". */
char *
roster_registrants_filter_popover_describe (RosterRegistrantsFilterPopover *self,
                                            const char                     *which)
{
  RosterRegistrantFilter *f;

  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_FILTER_POPOVER (self), NULL);
  g_return_val_if_fail (which != NULL, NULL);

  f = self->filter;
  if (g_str_equal (which, "schedule") && f->schedule_id > 0)
    /* Translators: a filter in force, "Schedule: Every day, 01:00 PM" */
    return g_strdup_printf (_("Schedule: %s"), dropdown_label (self->schedule_dropdown));
  if (g_str_equal (which, "date-range") && f->date_range > 0)
    /* Translators: a filter in force, "Signed up: Last 7 Days" */
    return g_strdup_printf (_("Signed up: %s"), dropdown_label (self->date_range_dropdown));
  if (g_str_equal (which, "live") && f->attended_live > 0)
    {
      g_autofree char *what = attendance_text (f->attended_live, f->attended_live_timestamp,
                                               self->live_dropdown);

      /* Translators: a filter in force, "Live: attended" */
      return g_strdup_printf (_("Live: %s"), what);
    }
  if (g_str_equal (which, "replay") && f->attended_replay > 0)
    {
      g_autofree char *what = attendance_text (f->attended_replay, f->attended_replay_timestamp,
                                               self->replay_dropdown);

      /* Translators: a filter in force, "Replay: watched" */
      return g_strdup_printf (_("Replay: %s"), what);
    }
  if (g_str_equal (which, "purchased") && f->purchased > 0)
    {
      g_autofree char *what = g_utf8_strdown (dropdown_label (self->purchased_dropdown), -1);

      /* Translators: a filter in force, "Purchased: bought" */
      return g_strdup_printf (_("Purchased: %s"), what);
    }
  return NULL;
}
