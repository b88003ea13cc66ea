/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-schedule-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-schedule-chooser.h"
#include "roster-schedule-row.h"

/* The schedule and session rows of the target picker: one row per schedule of a webinar's
 * `webinar` answer, and for a series the session to register for. It fills both rows' models,
 * keeps a choice across a reload where it can, and says "changed" when the user chooses;
 * what it fills from code is never a "changed". */

struct _RosterScheduleChooser
{
  GObject        parent_instance;

  AdwComboRow   *schedule_row;
  AdwComboRow   *date_row;
  RosterWebinar *detail;
  GListStore    *schedules;  /* RosterSchedule, one per distinct ID */
  GtkStringList *dates;      /* the chosen schedule's sessions, as the API writes them */
  gboolean       sessions;   /* a series' session may be chosen (EverWebinar) */
  guint          suppress;   /* > 0 while rows are changed from code */
};

G_DEFINE_FINAL_TYPE (RosterScheduleChooser, roster_schedule_chooser, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Labels ---------------------------------------------------------------------------------- */

static char *
schedule_label (RosterSchedule *schedule,
                gpointer        user_data)
{
  g_autofree char *id = NULL;
  const char *comment;

  if (schedule == NULL)
    return NULL;

  comment = roster_schedule_get_comment (schedule);
  if (comment != NULL && *comment != '\0')
    return g_strdup (comment);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, roster_schedule_get_id (schedule));
  /* Translators: the ID that registration and registrant filters use */
  return g_strdup_printf (_("Schedule ID %s"), id);
}

/* As the overview shows a session: the text has no zone, and the time zone row says which. */
static char *
session_label (GtkStringObject *item,
               gpointer         user_data)
{
  return item != NULL ? roster_schedule_row_format_date (gtk_string_object_get_string (item)) : NULL;
}

/* ---- Filling --------------------------------------------------------------------------------- */

/* Fills the session row with the chosen schedule's dates; a series (several dates) shows it.
 * Chosen again: @keep_date when it is there, else the session at @keep_position (after a
 * zone change the same session has another date), else the first. */
static void
fill_dates (RosterScheduleChooser *self,
            const char            *keep_date,
            guint                  keep_position)
{
  RosterSchedule *chosen = roster_schedule_chooser_get_schedule (self);
  g_autoptr(GPtrArray) dates = g_ptr_array_new ();
  guint position = GTK_INVALID_LIST_POSITION;
  guint n;

  if (chosen != NULL && self->detail != NULL)
    {
      GListModel *all = roster_webinar_get_schedules (self->detail);

      n = g_list_model_get_n_items (all);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RosterSchedule) schedule = g_list_model_get_item (all, i);
          const char *date = roster_schedule_get_date (schedule);

          if (roster_schedule_get_id (schedule) == roster_schedule_get_id (chosen) &&
              date != NULL && *date != '\0')
            {
              if (keep_date != NULL && g_str_equal (date, keep_date))
                position = dates->len;
              g_ptr_array_add (dates, (gpointer) date);
            }
        }
    }
  if (position == GTK_INVALID_LIST_POSITION)
    position = keep_position < dates->len ? keep_position : 0;
  g_ptr_array_add (dates, NULL);

  self->suppress++;
  gtk_string_list_splice (self->dates, 0, g_list_model_get_n_items (G_LIST_MODEL (self->dates)),
                          (const char * const *) dates->pdata);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->dates));
  /* WebinarJam's `register` takes no date: a series is joined as a whole. */
  gtk_widget_set_visible (GTK_WIDGET (self->date_row), n > 1 && self->sessions);
  if (n > 0)
    adw_combo_row_set_selected (self->date_row, position);
  self->suppress--;

  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
}

static void
schedule_selected_cb (RosterScheduleChooser *self)
{
  if (self->suppress > 0)
    return;

  gtk_widget_remove_css_class (GTK_WIDGET (self->schedule_row), "error");
  fill_dates (self, NULL, 0);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
date_selected_cb (RosterScheduleChooser *self)
{
  if (self->suppress > 0)
    return;

  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
roster_schedule_chooser_dispose (GObject *object)
{
  RosterScheduleChooser *self = ROSTER_SCHEDULE_CHOOSER (object);

  if (self->schedule_row != NULL)
    g_signal_handlers_disconnect_by_data (self->schedule_row, self);
  if (self->date_row != NULL)
    g_signal_handlers_disconnect_by_data (self->date_row, self);
  g_clear_object (&self->schedule_row);
  g_clear_object (&self->date_row);
  g_clear_object (&self->detail);

  G_OBJECT_CLASS (roster_schedule_chooser_parent_class)->dispose (object);
}

static void
roster_schedule_chooser_finalize (GObject *object)
{
  RosterScheduleChooser *self = ROSTER_SCHEDULE_CHOOSER (object);

  g_clear_object (&self->schedules);
  g_clear_object (&self->dates);

  G_OBJECT_CLASS (roster_schedule_chooser_parent_class)->finalize (object);
}

static void
roster_schedule_chooser_class_init (RosterScheduleChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_schedule_chooser_dispose;
  object_class->finalize = roster_schedule_chooser_finalize;

  /**
   * RosterScheduleChooser::changed:
   *
   * The user chose another schedule or session.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
roster_schedule_chooser_init (RosterScheduleChooser *self)
{
  self->schedules = g_list_store_new (ROSTER_TYPE_SCHEDULE);
  self->dates = gtk_string_list_new (NULL);
}

/* ---- Public API ------------------------------------------------------------------------------ */

/* Fills and follows @schedule_row and @date_row, which it sets the models of. */
RosterScheduleChooser *
roster_schedule_chooser_new (AdwComboRow *schedule_row,
                             AdwComboRow *date_row)
{
  RosterScheduleChooser *self;
  GtkExpression *expression;

  g_return_val_if_fail (ADW_IS_COMBO_ROW (schedule_row), NULL);
  g_return_val_if_fail (ADW_IS_COMBO_ROW (date_row), NULL);

  self = g_object_new (ROSTER_TYPE_SCHEDULE_CHOOSER, NULL);
  self->schedule_row = g_object_ref (schedule_row);
  self->date_row = g_object_ref (date_row);

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (schedule_label), NULL, NULL);
  adw_combo_row_set_expression (schedule_row, expression);
  gtk_expression_unref (expression);
  adw_combo_row_set_model (schedule_row, G_LIST_MODEL (self->schedules));

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (session_label), NULL, NULL);
  adw_combo_row_set_expression (date_row, expression);
  gtk_expression_unref (expression);
  adw_combo_row_set_model (date_row, G_LIST_MODEL (self->dates));

  g_signal_connect_swapped (schedule_row, "notify::selected", G_CALLBACK (schedule_selected_cb), self);
  g_signal_connect_swapped (date_row, "notify::selected", G_CALLBACK (date_selected_cb), self);

  return self;
}

/**
 * roster_schedule_chooser_set_detail:
 * @detail: (nullable): the webinar as `webinar` answered, with its schedules
 * @sessions: whether a series' session may be chosen (EverWebinar)
 * @keep_id: the schedule to choose, or -1 for the first
 * @keep_date: (nullable): the session of it to choose
 * @keep_position: the session to choose when @keep_date is not there
 *
 * One row per schedule ID: a recurring schedule comes once per upcoming session.
 */
void
roster_schedule_chooser_set_detail (RosterScheduleChooser *self,
                                    RosterWebinar         *detail,
                                    gboolean               sessions,
                                    gint64                 keep_id,
                                    const char            *keep_date,
                                    guint                  keep_position)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) distinct = g_ptr_array_new_with_free_func (g_object_unref);
  guint keep = 0;
  gboolean found = FALSE;

  g_return_if_fail (ROSTER_IS_SCHEDULE_CHOOSER (self));
  g_return_if_fail (detail == NULL || ROSTER_IS_WEBINAR (detail));

  g_set_object (&self->detail, detail);
  self->sessions = sessions;

  if (detail != NULL)
    {
      GListModel *all = roster_webinar_get_schedules (detail);
      guint n = g_list_model_get_n_items (all);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RosterSchedule) schedule = g_list_model_get_item (all, i);
          gint64 id = roster_schedule_get_id (schedule);

          if (g_hash_table_contains (seen, &id))
            continue;
          g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
          if (id == keep_id)
            {
              keep = distinct->len;
              found = TRUE;
            }
          g_ptr_array_add (distinct, g_steal_pointer (&schedule));
        }
    }

  self->suppress++;
  g_list_store_splice (self->schedules, 0, g_list_model_get_n_items (G_LIST_MODEL (self->schedules)),
                       distinct->pdata, distinct->len);
  if (distinct->len > 0)
    adw_combo_row_set_selected (self->schedule_row, keep);
  self->suppress--;

  gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_row), distinct->len > 0);
  gtk_widget_remove_css_class (GTK_WIDGET (self->schedule_row), "error");
  fill_dates (self, found ? keep_date : NULL, found ? keep_position : 0);
}

/* The chosen schedule, or NULL. */
RosterSchedule *
roster_schedule_chooser_get_schedule (RosterScheduleChooser *self)
{
  g_return_val_if_fail (ROSTER_IS_SCHEDULE_CHOOSER (self), NULL);

  return self->schedule_row != NULL ? adw_combo_row_get_selected_item (self->schedule_row) : NULL;
}

/* How many schedules there are to choose from. */
guint
roster_schedule_chooser_get_n_schedules (RosterScheduleChooser *self)
{
  g_return_val_if_fail (ROSTER_IS_SCHEDULE_CHOOSER (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->schedules));
}

/* The session to send, as the API writes it, or NULL when the schedule is not a series (the
 * server picks) or no session may be chosen. */
const char *
roster_schedule_chooser_get_date (RosterScheduleChooser *self)
{
  guint position;

  g_return_val_if_fail (ROSTER_IS_SCHEDULE_CHOOSER (self), NULL);

  if (self->date_row == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->date_row)))
    return NULL;
  position = adw_combo_row_get_selected (self->date_row);
  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->dates, position);
}

/* Where the chosen session is in the list, to choose the same one in another zone. */
guint
roster_schedule_chooser_get_date_position (RosterScheduleChooser *self)
{
  g_return_val_if_fail (ROSTER_IS_SCHEDULE_CHOOSER (self), GTK_INVALID_LIST_POSITION);

  return self->date_row != NULL ? adw_combo_row_get_selected (self->date_row) : GTK_INVALID_LIST_POSITION;
}

/* Whether a schedule (and for a series a session) is chosen. */
gboolean
roster_schedule_chooser_get_complete (RosterScheduleChooser *self)
{
  g_return_val_if_fail (ROSTER_IS_SCHEDULE_CHOOSER (self), FALSE);

  if (roster_schedule_chooser_get_schedule (self) == NULL)
    return FALSE;
  return !gtk_widget_get_visible (GTK_WIDGET (self->date_row)) ||
         roster_schedule_chooser_get_date (self) != NULL;
}
