/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrants-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-registrant-format.h"
#include "roster-registrant-stats.h"
#include "roster-registrants-chart.h"
#include "roster-registrants-summary.h"
#include "roster-store-list-model.h"
#include "roster-utm-chart.h"
#include "roster-wrap-layout.h"

/* The numbers above the registrants table and its three charts (sign-ups per day, the
 * funnel from sign-up to purchase, and sign-ups by UTM source), of whatever model it is given: the view gives it the rows
 * the search leaves. The counting is roster_registrant_stats_new(); this only shows it. */

#define UPDATE_DELAY_MS  150
#define MAX_CHART_DAYS   60

struct _RosterRegistrantsSummary
{
  GtkBox                  parent_instance;

  GListModel             *model;
  GListModel             *stored_rows;  /* counted by SQL, when the model is unset */
  char                   *currency;
  char                   *placeholder;  /* why there are no numbers yet, or NULL */
  guint                   update_source;

  /* Template widgets */
  GtkLabel               *registered_value;
  GtkLabel               *live_value;
  GtkLabel               *replay_value;
  GtkLabel               *purchased_value;
  GtkLabel               *revenue_value;
  GtkLabel               *partial_label;
  RosterRegistrantsChart *signups_chart;
  RosterRegistrantsChart *funnel_chart;
  RosterUtmChart         *utm_chart;
};

G_DEFINE_FINAL_TYPE (RosterRegistrantsSummary, roster_registrants_summary, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_CURRENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
roster_registrants_summary_new (void)
{
  return g_object_new (ROSTER_TYPE_REGISTRANTS_SUMMARY, NULL);
}

static void
show_signups (RosterRegistrantsSummary    *self,
              const RosterRegistrantStats *stats)
{
  g_autofree double *per_day = g_new0 (double, MAX (stats->n_days, 1));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *description = NULL;

  for (guint d = 0; d < stats->n_days; d++)
    {
      g_autoptr(GDateTime) day = roster_registrant_stats_dup_day (stats, d);

      per_day[d] = stats->per_day[d];
      /* Translators: a day under the sign-ups chart, see the strftime() manual */
      g_ptr_array_add (labels, g_date_time_format (day, _("%-d %b")));
    }
  g_ptr_array_add (labels, NULL);

  if (stats->n_days > 0)
    /* Translators: the sign-ups chart in words: first day, last day, the most on one day, that day */
    description = g_strdup_printf (_("Sign-ups per day from %s to %s: at most %'.0f, on %s."),
                                   (char *) g_ptr_array_index (labels, 0),
                                   (char *) g_ptr_array_index (labels, stats->n_days - 1),
                                   per_day[stats->peak_day],
                                   (char *) g_ptr_array_index (labels, stats->peak_day));
  else
    description = g_strdup (_("No sign-up dates to show."));
  roster_registrants_chart_set_data (self->signups_chart, stats->n_days > 0 ? per_day : NULL,
                                     (const char * const *) labels->pdata, stats->n_days, description);
}

static void show_stats (RosterRegistrantsSummary    *self,
                        const RosterRegistrantStats *stats);

static void
update (RosterRegistrantsSummary *self)
{
  g_autoptr(GListModel) empty = NULL;
  g_autoptr(RosterRegistrantStats) stats = NULL;

  /* Nothing counted yet, or the load failed: a dash, never a zero that reads as a fact */
  if (self->placeholder != NULL)
    {
      GtkLabel *values[] = { self->registered_value, self->live_value, self->replay_value,
                             self->purchased_value, self->revenue_value };

      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        gtk_label_set_text (values[i], "—");
      roster_registrants_chart_set_data (self->signups_chart, NULL, NULL, 0, self->placeholder);
      roster_registrants_chart_set_data (self->funnel_chart, NULL, NULL, 0, self->placeholder);
      roster_utm_chart_update (self->utm_chart, NULL, self->placeholder);
      return;
    }

  if (self->model == NULL && ROSTER_IS_STORE_LIST_MODEL (self->stored_rows))
    stats = roster_store_list_model_dup_stats (ROSTER_STORE_LIST_MODEL (self->stored_rows),
                                               MAX_CHART_DAYS, NULL);
  if (stats == NULL)
    {
      if (self->model == NULL)
        empty = G_LIST_MODEL (g_list_store_new (G_TYPE_OBJECT));
      stats = roster_registrant_stats_new (self->model != NULL ? self->model : empty, MAX_CHART_DAYS);
    }
  show_stats (self, stats);
}

static void
show_stats (RosterRegistrantsSummary    *self,
            const RosterRegistrantStats *stats)
{
  g_autofree char *n_text = NULL, *live_text = NULL, *replay_text = NULL, *bought_text = NULL;
  g_autofree char *money = NULL, *funnel_description = NULL;
  double funnel[4];
  const char *funnel_labels[4];

  n_text = roster_registrant_format_count (stats->n_registered);
  live_text = roster_registrant_format_count (stats->n_live);
  replay_text = roster_registrant_format_count (stats->n_replay);
  bought_text = roster_registrant_format_count (stats->n_bought);
  money = roster_registrant_format_money (stats->revenue, self->currency);
  gtk_label_set_text (self->registered_value, n_text);
  gtk_label_set_text (self->live_value, live_text);
  gtk_label_set_text (self->replay_value, replay_text);
  gtk_label_set_text (self->purchased_value, bought_text);
  gtk_label_set_text (self->revenue_value, money);

  show_signups (self, stats);

  funnel[0] = stats->n_registered;
  funnel[1] = stats->n_live;
  funnel[2] = stats->n_replay;
  funnel[3] = stats->n_bought;
  funnel_labels[0] = _("Registered");
  funnel_labels[1] = _("Live");
  funnel_labels[2] = _("Replay");
  funnel_labels[3] = _("Bought");
  /* Translators: the funnel chart in words; the counts of registered, attended live, watched
   * the replay and bought */
  funnel_description = g_strdup_printf (_("%s registered, %s attended live, %s watched the replay and %s bought."),
                                        n_text, live_text, replay_text, bought_text);
  roster_registrants_chart_set_data (self->funnel_chart, funnel, funnel_labels, 4, funnel_description);
  roster_utm_chart_update (self->utm_chart, self->model != NULL ? self->model : self->stored_rows, NULL);
}

static gboolean
update_timeout_cb (gpointer user_data)
{
  RosterRegistrantsSummary *self = user_data;

  self->update_source = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

/* Pages land many times a second: count at most a few times a second. */
static void
queue_update (RosterRegistrantsSummary *self)
{
  if (self->update_source == 0)
    self->update_source = g_timeout_add (UPDATE_DELAY_MS, update_timeout_cb, self);
}

/* Counts now what is still waiting to be counted: when the rows stop coming, the numbers
 * should not lag behind them. */
void
roster_registrants_summary_flush (RosterRegistrantsSummary *self)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_SUMMARY (self));

  if (self->update_source == 0)
    return;
  g_clear_handle_id (&self->update_source, g_source_remove);
  update (self);
}

static void
roster_registrants_summary_dispose (GObject *object)
{
  RosterRegistrantsSummary *self = ROSTER_REGISTRANTS_SUMMARY (object);

  g_clear_handle_id (&self->update_source, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->stored_rows);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_REGISTRANTS_SUMMARY);

  G_OBJECT_CLASS (roster_registrants_summary_parent_class)->dispose (object);
}

static void
roster_registrants_summary_finalize (GObject *object)
{
  RosterRegistrantsSummary *self = ROSTER_REGISTRANTS_SUMMARY (object);

  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->placeholder, g_free);

  G_OBJECT_CLASS (roster_registrants_summary_parent_class)->finalize (object);
}

static void
roster_registrants_summary_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  RosterRegistrantsSummary *self = ROSTER_REGISTRANTS_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_registrants_summary_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  RosterRegistrantsSummary *self = ROSTER_REGISTRANTS_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      roster_registrants_summary_set_model (self, g_value_get_object (value));
      break;
    case PROP_CURRENCY:
      roster_registrants_summary_set_currency (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_registrants_summary_class_init (RosterRegistrantsSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = roster_registrants_summary_dispose;
  object_class->finalize = roster_registrants_summary_finalize;
  object_class->get_property = roster_registrants_summary_get_property;
  object_class->set_property = roster_registrants_summary_set_property;

  properties[PROP_MODEL] = g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL, rw);
  /* Labels the revenue; NULL: the amount alone */
  properties[PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ROSTER_TYPE_REGISTRANTS_CHART);
  g_type_ensure (ROSTER_TYPE_UTM_CHART);
  g_type_ensure (ROSTER_TYPE_WRAP_LAYOUT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-registrants-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsSummary, registered_value);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsSummary, live_value);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsSummary, replay_value);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsSummary, purchased_value);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsSummary, revenue_value);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsSummary, partial_label);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsSummary, signups_chart);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsSummary, funnel_chart);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsSummary, utm_chart);
}

static void
roster_registrants_summary_init (RosterRegistrantsSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GListModel *
roster_registrants_summary_get_model (RosterRegistrantsSummary *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_SUMMARY (self), NULL);
  return self->model;
}

/* The registrants to count; they are counted again, a little later, whenever it changes. */
void
roster_registrants_summary_set_model (RosterRegistrantsSummary *self,
                                      GListModel               *model)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_SUMMARY (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (queue_update), self, G_CONNECT_SWAPPED);
  g_clear_handle_id (&self->update_source, g_source_remove);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

const char *
roster_registrants_summary_get_currency (RosterRegistrantsSummary *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_SUMMARY (self), NULL);
  return self->currency;
}

void
roster_registrants_summary_set_currency (RosterRegistrantsSummary *self,
                                         const char               *currency)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_SUMMARY (self));

  if (currency != NULL && *currency == '\0')
    currency = NULL;
  if (g_strcmp0 (self->currency, currency) == 0)
    return;
  g_free (self->currency);
  self->currency = g_strdup (currency);
  queue_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
}

/* A warning under the numbers, such as that loading stopped early; NULL hides it. */
void
roster_registrants_summary_set_note (RosterRegistrantsSummary *self,
                                     const char               *note)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_SUMMARY (self));

  if (note != NULL)
    gtk_label_set_text (self->partial_label, note);
  gtk_widget_set_visible (GTK_WIDGET (self->partial_label), note != NULL);
}

/* Instead of the numbers, a dash in each and this reason in the charts' descriptions ("Loading
 * registrants…"), while nothing is counted yet or after a load failed; NULL shows the numbers. */
void
roster_registrants_summary_set_placeholder (RosterRegistrantsSummary *self,
                                            const char               *reason)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_SUMMARY (self));

  if (g_strcmp0 (self->placeholder, reason) == 0)
    return;
  g_free (self->placeholder);
  self->placeholder = g_strdup (reason);
  g_clear_handle_id (&self->update_source, g_source_remove);
  update (self);
}

gboolean
roster_registrants_summary_get_placeholder_shown (RosterRegistrantsSummary *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_SUMMARY (self), FALSE);
  return self->placeholder != NULL;
}

/* Shows numbers counted elsewhere (by SQL, for the stored registrants) instead of counting a
 * model; call with the model unset. */
void
roster_registrants_summary_set_stats (RosterRegistrantsSummary    *self,
                                      GListModel                  *rows,
                                      const RosterRegistrantStats *stats)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_SUMMARY (self));
  g_return_if_fail (stats != NULL);
  g_return_if_fail (self->model == NULL);

  g_clear_handle_id (&self->update_source, g_source_remove);
  g_set_object (&self->stored_rows, rows);
  /* Nothing counted yet: the dashes stay until the placeholder goes */
  if (self->placeholder == NULL)
    show_stats (self, stats);
}
