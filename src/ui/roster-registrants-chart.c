/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrants-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-registrants-chart.h"

/* A small chart drawn with cairo in the colours of the current style (light or dark, and the
 * accent), so that it reads like the rest of the window. The numbers also go into the
 * accessible description, which the view writes, because a picture says nothing to a screen
 * reader. */

#define COUNT_GAP       6
#define MIN_BAR_WIDTH  40
#define DEFAULT_WIDTH 160
#define DEFAULT_HEIGHT 96

struct _RosterRegistrantsChart
{
  GtkDrawingArea              parent_instance;

  RosterRegistrantsChartKind  kind;
  GArray                     *values;  /* double */
  GPtrArray                  *labels;  /* char *, as many as values */
};

G_DEFINE_FINAL_TYPE (RosterRegistrantsChart, roster_registrants_chart, GTK_TYPE_DRAWING_AREA)

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
roster_registrants_chart_new (RosterRegistrantsChartKind kind)
{
  return g_object_new (ROSTER_TYPE_REGISTRANTS_CHART, "kind", kind, NULL);
}

/* ---- colours --------------------------------------------------------------------------------- */

/* A named colour of the stylesheet (@accent_bg_color and the palette), else the fallback.
 * gtk_style_context_lookup_color is what GTK 4.8 offers for this. */
static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static void
foreground_color (GtkWidget *widget,
                  GdkRGBA   *color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  if (radius <= 0.5)
    {
      cairo_rectangle (cr, x, y, width, height);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static PangoLayout *
caption_layout (GtkWidget  *widget,
                const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static int
caption_width (GtkWidget  *widget,
               const char *text)
{
  g_autoptr(PangoLayout) layout = caption_layout (widget, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* A small caption in the widget's font, drawn with its top-left corner at x, y (or its right
 * edge at x when align_right). Returns its width. */
static int
draw_text (GtkWidget     *widget,
           cairo_t       *cr,
           const char    *text,
           double         x,
           double         y,
           gboolean       align_right,
           const GdkRGBA *color,
           double         alpha,
           int           *height)
{
  g_autoptr(PangoLayout) layout = caption_layout (widget, text);
  int width, h;

  pango_layout_get_pixel_size (layout, &width, &h);

  set_source (cr, color, alpha);
  cairo_move_to (cr, align_right ? x - width : x, y);
  pango_cairo_show_layout (cr, layout);

  if (height != NULL)
    *height = h;
  return width;
}

static double
max_value (RosterRegistrantsChart *self)
{
  double max = 0;

  for (guint i = 0; i < self->values->len; i++)
    max = MAX (max, g_array_index (self->values, double, i));
  return max;
}

/* ---- drawing --------------------------------------------------------------------------------- */

static void
draw_bars (RosterRegistrantsChart *self,
           cairo_t                *cr,
           int                     width,
           int                     height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA fg, accent;
  guint n = self->values->len;
  double max = max_value (self);
  double slot, gap, plot_top, plot_bottom;
  int caption_height = 0;
  g_autofree char *max_text = NULL;

  foreground_color (widget, &fg);
  lookup_color (widget, "accent_bg_color", "#3584e4", &accent);

  /* Measure a caption once, for the space under the baseline. */
  draw_text (widget, cr, "0", 0, -1000, FALSE, &fg, 0, &caption_height);
  plot_top = caption_height + 2;
  plot_bottom = height - caption_height - 4;
  if (plot_bottom - plot_top < 8)
    return;

  /* The baseline */
  set_source (cr, &fg, 0.15);
  cairo_rectangle (cr, 0, plot_bottom, width, 1);
  cairo_fill (cr);

  if (n == 0)
    return;

  slot = (double) width / n;
  gap = slot > 6 ? MAX (1.0, slot * 0.2) : 0;
  set_source (cr, &accent, 1.0);
  for (guint i = 0; i < n && max > 0; i++)
    {
      double value = g_array_index (self->values, double, i);
      double bar = (plot_bottom - plot_top) * value / max;

      if (value <= 0)
        continue;
      bar = MAX (bar, 1.5);
      rounded_rectangle (cr, i * slot + gap / 2, plot_bottom - bar, MAX (slot - gap, 1), bar,
                         MIN (3, (slot - gap) / 2));
    }
  cairo_fill (cr);

  /* The scale: the highest day at the top left; the first and last day under the axis. */
  max_text = g_strdup_printf ("%'.0f", max);
  draw_text (widget, cr, max_text, 0, 0, FALSE, &fg, 0.55, NULL);
  if (self->labels->len > 0)
    {
      const char *first = g_ptr_array_index (self->labels, 0);
      const char *last = g_ptr_array_index (self->labels, self->labels->len - 1);
      int first_width;

      first_width = draw_text (widget, cr, first, 0, plot_bottom + 3, FALSE, &fg, 0.55, NULL);
      if (n > 1 && width > 2 * first_width + 12)
        draw_text (widget, cr, last, width, plot_bottom + 3, TRUE, &fg, 0.55, NULL);
    }
}

static double
sum_values (RosterRegistrantsChart *self)
{
  double sum = 0;

  for (guint i = 0; i < self->values->len; i++)
    sum += g_array_index (self->values, double, i);
  return sum;
}

/* A funnel step's count, and after the first its share of the first: "1,027 (43%)"; a ranked
 * value's count and its share of them all. */
static char *
funnel_count (RosterRegistrantsChart *self,
              guint                   i)
{
  gboolean ranking = self->kind == ROSTER_REGISTRANTS_CHART_RANKING;
  double first = ranking ? sum_values (self) : g_array_index (self->values, double, 0);
  double value = g_array_index (self->values, double, i);

  if ((i == 0 && !ranking) || first <= 0)
    return g_strdup_printf ("%'.0f", value);
  /* Translators: a count and its share of everyone registered, e.g. "120 (25%)" */
  return g_strdup_printf (_("%'.0f (%.0f%%)"), value, 100.0 * value / first);
}

static void
draw_funnel (RosterRegistrantsChart *self,
             cairo_t                *cr,
             int                     width,
             int                     height)
{
  static const struct { const char *name, *fallback; } palette[] = {
    { "accent_bg_color", "#3584e4" },
    { "success_bg_color", "#26a269" },
    { "warning_bg_color", "#e5a50a" },
    { "purple_3", "#9141ac" },
  };
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = self->values->len;
  /* A funnel's bars are shares of its first step; a ranking's, of its largest value */
  double first = self->kind == ROSTER_REGISTRANTS_CHART_RANKING ? max_value (self)
                 : n > 0 ? g_array_index (self->values, double, 0) : 0;
  double row, label_width = 0, bar_left, bar_room;
  int caption_height = 0, count_width = 0;
  GdkRGBA fg;

  foreground_color (widget, &fg);
  if (n == 0)
    return;

  /* The labels share one column, as wide as the widest. */
  for (guint i = 0; i < n; i++)
    label_width = MAX (label_width,
                       draw_text (widget, cr, g_ptr_array_index (self->labels, i), 0, -1000,
                                  FALSE, &fg, 0, &caption_height));
  label_width = MIN (label_width, width * 0.45);
  bar_left = label_width + 8;
  /* Room for the widest count after the longest bar: "1,027 (43%)" whole. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *count = funnel_count (self, i);

      count_width = MAX (count_width, draw_text (widget, cr, count, 0, -1000, FALSE, &fg, 0, NULL));
    }
  bar_room = MAX (width - bar_left - count_width - COUNT_GAP, 8);
  row = (double) height / n;

  for (guint i = 0; i < n; i++)
    {
      double value = g_array_index (self->values, double, i);
      double y = i * row;
      double bar_height = MIN (row - 4, caption_height + 6);
      double bar_y = y + (row - bar_height) / 2;
      double bar = first > 0 ? bar_room * value / first : 0;
      g_autofree char *count = NULL;
      GdkRGBA color;

      if (self->kind == ROSTER_REGISTRANTS_CHART_RANKING)
        lookup_color (widget, palette[0].name, palette[0].fallback, &color);
      else
        lookup_color (widget, palette[i % G_N_ELEMENTS (palette)].name,
                      palette[i % G_N_ELEMENTS (palette)].fallback, &color);

      draw_text (widget, cr, g_ptr_array_index (self->labels, i), label_width,
                 y + (row - caption_height) / 2, TRUE, &fg, 0.8, NULL);

      /* The track, then the share of the first step. */
      set_source (cr, &fg, 0.08);
      rounded_rectangle (cr, bar_left, bar_y, bar_room, bar_height, 3);
      cairo_fill (cr);
      if (value > 0)
        {
          set_source (cr, &color, 1.0);
          rounded_rectangle (cr, bar_left, bar_y, MAX (bar, 3), bar_height, 3);
          cairo_fill (cr);
        }

      count = funnel_count (self, i);
      draw_text (widget, cr, count, bar_left + bar_room + COUNT_GAP, y + (row - caption_height) / 2,
                 FALSE, &fg, 0.8, NULL);
    }
}

static void
draw_func (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  RosterRegistrantsChart *self = ROSTER_REGISTRANTS_CHART (area);

  if (self->kind != ROSTER_REGISTRANTS_CHART_BARS)
    draw_funnel (self, cr, width, height);
  else
    draw_bars (self, cr, width, height);
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
roster_registrants_chart_finalize (GObject *object)
{
  RosterRegistrantsChart *self = ROSTER_REGISTRANTS_CHART (object);

  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);

  G_OBJECT_CLASS (roster_registrants_chart_parent_class)->finalize (object);
}

static void
roster_registrants_chart_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  RosterRegistrantsChart *self = ROSTER_REGISTRANTS_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_registrants_chart_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  RosterRegistrantsChart *self = ROSTER_REGISTRANTS_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      roster_registrants_chart_set_kind (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_registrants_chart_class_init (RosterRegistrantsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = roster_registrants_chart_finalize;
  object_class->get_property = roster_registrants_chart_get_property;
  object_class->set_property = roster_registrants_chart_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, ROSTER_TYPE_REGISTRANTS_CHART_KIND,
                       ROSTER_REGISTRANTS_CHART_BARS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
roster_registrants_chart_init (RosterRegistrantsChart *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->labels = g_ptr_array_new_with_free_func (g_free);

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), DEFAULT_HEIGHT);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self), DEFAULT_WIDTH);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_func, NULL, NULL);
}

/* ---- public ---------------------------------------------------------------------------------- */

RosterRegistrantsChartKind
roster_registrants_chart_get_kind (RosterRegistrantsChart *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_CHART (self), ROSTER_REGISTRANTS_CHART_BARS);
  return self->kind;
}

void
roster_registrants_chart_set_kind (RosterRegistrantsChart     *self,
                                   RosterRegistrantsChartKind  kind)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_CHART (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/* Replaces what the chart shows: n values with a label each (for bars, only the first and last
 * label are drawn), and the accessible description that says the same in words. */
void
roster_registrants_chart_set_data (RosterRegistrantsChart *self,
                                   const double           *values,
                                   const char * const     *labels,
                                   guint                   n_values,
                                   const char             *description)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_CHART (self));
  g_return_if_fail (n_values == 0 || values != NULL);

  g_array_set_size (self->values, 0);
  g_ptr_array_set_size (self->labels, 0);
  if (n_values > 0)
    g_array_append_vals (self->values, values, n_values);
  for (guint i = 0; i < n_values; i++)
    g_ptr_array_add (self->labels, g_strdup (labels != NULL && labels[i] != NULL ? labels[i] : ""));

  /* A funnel asks for the width that shows every label and count whole beside a bar. */
  if (self->kind != ROSTER_REGISTRANTS_CHART_BARS)
    {
      int label_width = 0, count_width = 0;

      for (guint i = 0; i < n_values; i++)
        {
          g_autofree char *count = funnel_count (self, i);

          label_width = MAX (label_width, caption_width (GTK_WIDGET (self), g_ptr_array_index (self->labels, i)));
          count_width = MAX (count_width, caption_width (GTK_WIDGET (self), count));
        }
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self),
                                          MAX (DEFAULT_WIDTH,
                                               label_width + 8 + MIN_BAR_WIDTH + COUNT_GAP + count_width));
    }

  /* GTK 4.8 cannot read an accessible property back: tests read this */
  g_object_set_data_full (G_OBJECT (self), "roster-description", g_strdup (description), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "",
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
roster_registrants_chart_get_n_values (RosterRegistrantsChart *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_CHART (self), 0);
  return self->values->len;
}

double
roster_registrants_chart_get_value (RosterRegistrantsChart *self,
                                    guint                   index)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_CHART (self), 0);
  g_return_val_if_fail (index < self->values->len, 0);
  return g_array_index (self->values, double, index);
}
