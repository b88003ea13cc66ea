/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-utm-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-registrants-chart.h"
#include "roster-store-list-model.h"
#include "roster-utm-chart.h"

/* The third chart of the registrants summary: sign-ups by UTM source, or by medium or campaign
 * at a click on its title, the most common first. Its accessible description states
 * every number it draws. */

#define MAX_VALUES 6

struct _RosterUtmChart
{
  GtkBox          parent_instance;

  RosterUtmField  field;
  GListModel     *registrants;  /* as last counted, for another field */
  char           *placeholder;

  GtkLabel       *title;  /* with links to count by the other fields */
  RosterRegistrantsChart *chart;
};

G_DEFINE_FINAL_TYPE (RosterUtmChart, roster_utm_chart, GTK_TYPE_BOX)

static const char * const titles[] = {
  [ROSTER_UTM_SOURCE] = N_("Sign-ups by Source"),
  [ROSTER_UTM_MEDIUM] = N_("Sign-ups by Medium"),
  [ROSTER_UTM_CAMPAIGN] = N_("Sign-ups by Campaign"),
};

/* What the title's links say, and their URIs */
static const char * const field_names[] = {
  [ROSTER_UTM_SOURCE] = N_("Source"),
  [ROSTER_UTM_MEDIUM] = N_("Medium"),
  [ROSTER_UTM_CAMPAIGN] = N_("Campaign"),
};
static const char * const field_ids[] = { "source", "medium", "campaign" };

/* "Sign-ups by Source · Medium · Campaign": the field counted in bold, the others links, so
 * that the choice takes no more room than the other charts' titles */
static void
update_title (RosterUtmChart *self)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *current = g_markup_escape_text (_(titles[self->field]), -1);

  g_string_append_printf (markup, "<b>%s</b>", current);
  for (guint i = 0; i < G_N_ELEMENTS (field_ids); i++)
    {
      g_autofree char *name = NULL;

      if (i == self->field)
        continue;
      name = g_markup_escape_text (_(field_names[i]), -1);
      g_string_append_printf (markup, " · <a href=\"%s\">%s</a>", field_ids[i], name);
    }
  gtk_label_set_markup (self->title, markup->str);
}

/* The chart in words, with the list of values and their counts */
static char *
describe (RosterUtmField  field,
          const char     *counts)
{
  switch (field)
    {
    case ROSTER_UTM_MEDIUM:
      /* Translators: the chart in words; %s lists the UTM media with their counts */
      return g_strdup_printf (_("Sign-ups by UTM medium: %s."), counts);
    case ROSTER_UTM_CAMPAIGN:
      /* Translators: the chart in words; %s lists the UTM campaigns with their counts */
      return g_strdup_printf (_("Sign-ups by UTM campaign: %s."), counts);
    case ROSTER_UTM_SOURCE:
    default:
      /* Translators: the chart in words; %s lists the UTM sources with their counts */
      return g_strdup_printf (_("Sign-ups by UTM source: %s."), counts);
    }
}

GtkWidget *
roster_utm_chart_new (void)
{
  return g_object_new (ROSTER_TYPE_UTM_CHART, NULL);
}

static void
recount (RosterUtmChart *self)
{
  g_autoptr(RosterUtmStats) stats = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GString) words = NULL;
  g_autofree double *values = NULL;
  g_autofree char *description = NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(titles[self->field]), -1);
  if (self->placeholder != NULL || self->registrants == NULL)
    {
      roster_registrants_chart_set_data (self->chart, NULL, NULL, 0, self->placeholder);
      return;
    }

  /* Stored rows are counted by SQL rather than made one by one */
  if (ROSTER_IS_STORE_LIST_MODEL (self->registrants))
    {
      g_autoptr(GError) error = NULL;

      stats = roster_store_list_model_dup_utm_stats (ROSTER_STORE_LIST_MODEL (self->registrants),
                                                     self->field, MAX_VALUES, &error);
      if (stats == NULL)
        {
          g_warning ("Could not count the stored registrants: %s", error->message);
          roster_registrants_chart_set_data (self->chart, NULL, NULL, 0, NULL);
          return;
        }
    }
  else
    stats = roster_utm_stats_new (self->registrants, self->field, MAX_VALUES);
  values = g_new0 (double, MAX (stats->n_counts, 1));
  labels = g_ptr_array_new ();
  words = g_string_new (NULL);
  for (guint i = 0; i < stats->n_counts; i++)
    {
      const RosterUtmCount *count = &stats->counts[i];

      values[i] = count->count;
      g_ptr_array_add (labels, (gpointer) roster_utm_count_get_label (count));
      if (words->len > 0)
        g_string_append (words, ", ");
      /* Translators: one value of the UTM chart in words: "google 120 (30%)" */
      g_string_append_printf (words, _("%s %'u (%.0f%%)"), roster_utm_count_get_label (count), count->count,
                              stats->total > 0 ? 100.0 * count->count / stats->total : 0.0);
    }
  g_ptr_array_add (labels, NULL);

  if (stats->n_counts > 0)
    description = describe (self->field, words->str);
  else
    description = g_strdup (_("No sign-ups to show."));
  roster_registrants_chart_set_data (self->chart, values, (const char * const *) labels->pdata,
                                     stats->n_counts, description);
}

/* The links of the title name the field to count by */
static gboolean
activate_link_cb (RosterUtmChart *self,
                  const char     *uri)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_ids); i++)
    if (g_strcmp0 (uri, field_ids[i]) == 0)
      roster_utm_chart_set_field (self, i);
  return TRUE;
}

static void
roster_utm_chart_dispose (GObject *object)
{
  RosterUtmChart *self = ROSTER_UTM_CHART (object);

  g_clear_object (&self->registrants);

  G_OBJECT_CLASS (roster_utm_chart_parent_class)->dispose (object);
}

static void
roster_utm_chart_finalize (GObject *object)
{
  RosterUtmChart *self = ROSTER_UTM_CHART (object);

  g_clear_pointer (&self->placeholder, g_free);

  G_OBJECT_CLASS (roster_utm_chart_parent_class)->finalize (object);
}

static void
roster_utm_chart_class_init (RosterUtmChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_utm_chart_dispose;
  object_class->finalize = roster_utm_chart_finalize;
}

static void
roster_utm_chart_init (RosterUtmChart *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_wrap (self->title, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "caption");
  g_signal_connect_swapped (self->title, "activate-link", G_CALLBACK (activate_link_cb), self);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->title));

  self->chart = ROSTER_REGISTRANTS_CHART (roster_registrants_chart_new (ROSTER_REGISTRANTS_CHART_RANKING));
  gtk_widget_set_hexpand (GTK_WIDGET (self->chart), TRUE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->chart));

  self->field = ROSTER_UTM_SOURCE;
  update_title (self);
  recount (self);
}

/* Counts these registrants again, or shows the placeholder's dash (non-NULL) instead. */
void
roster_utm_chart_update (RosterUtmChart *self,
                         GListModel     *registrants,
                         const char     *placeholder)
{
  g_return_if_fail (ROSTER_IS_UTM_CHART (self));
  g_return_if_fail (registrants == NULL || G_IS_LIST_MODEL (registrants));

  g_set_object (&self->registrants, registrants);
  g_free (self->placeholder);
  self->placeholder = g_strdup (placeholder);
  recount (self);
}

RosterUtmField
roster_utm_chart_get_field (RosterUtmChart *self)
{
  g_return_val_if_fail (ROSTER_IS_UTM_CHART (self), ROSTER_UTM_SOURCE);
  return self->field;
}

/* By source, medium or campaign: what the links of its title choose */
void
roster_utm_chart_set_field (RosterUtmChart *self,
                            RosterUtmField  field)
{
  g_return_if_fail (ROSTER_IS_UTM_CHART (self));
  g_return_if_fail (field <= ROSTER_UTM_CAMPAIGN);

  if (self->field == field)
    return;
  self->field = field;
  update_title (self);
  recount (self);
}

/* The drawing, with its accessible description */
GtkWidget *
roster_utm_chart_get_chart (RosterUtmChart *self)
{
  g_return_val_if_fail (ROSTER_IS_UTM_CHART (self), NULL);
  return GTK_WIDGET (self->chart);
}
