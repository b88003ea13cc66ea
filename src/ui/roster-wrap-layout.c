/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-wrap-layout"

#include "config.h"

#include "roster-wrap-layout.h"

/* Lays its widget's children out in a row while they fit, and wraps them onto further rows
 * when they do not, each row sharing out its width like a horizontal GtkBox. This is
 * libadwaita 1.2's missing breakpoint for a row of panels (counts and charts): wide windows
 * see them side by side, a phone sees them stacked, and nothing sets a minimum width beyond
 * that of the widest child. */
struct _RosterWrapLayout
{
  GtkLayoutManager parent_instance;

  int spacing;
};

G_DEFINE_FINAL_TYPE (RosterWrapLayout, roster_wrap_layout, GTK_TYPE_LAYOUT_MANAGER)

enum {
  PROP_0,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The visible children, with their minimum and natural widths. */
typedef struct
{
  GtkWidget *child;
  int        min;
  int        nat;
  int        width;
} Item;

static GArray *
collect_items (GtkWidget *widget)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Item));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      Item item = { child, 0, 0, 0 };

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &item.min, &item.nat, NULL, NULL);
      g_array_append_val (items, item);
    }

  return items;
}

/* Gives the items from first to the end of its row their widths in a row width wide, and
 * returns the index after the row's last item. A row takes at least one item. */
static guint
share_row (RosterWrapLayout *self,
           GArray           *items,
           guint             first,
           int               width)
{
  g_autofree GtkRequestedSize *sizes = NULL;
  guint end = first + 1;
  int used, n_expand = 0, extra;

  used = g_array_index (items, Item, first).min;
  while (end < items->len && used + self->spacing + g_array_index (items, Item, end).min <= width)
    {
      used += self->spacing + g_array_index (items, Item, end).min;
      end++;
    }

  sizes = g_new0 (GtkRequestedSize, end - first);
  for (guint i = first; i < end; i++)
    {
      Item *item = &g_array_index (items, Item, i);

      sizes[i - first].minimum_size = item->min;
      sizes[i - first].natural_size = item->nat;
      if (gtk_widget_compute_expand (item->child, GTK_ORIENTATION_HORIZONTAL))
        n_expand++;
    }

  extra = gtk_distribute_natural_allocation (MAX (0, width - used), end - first, sizes);
  for (guint i = first; i < end; i++)
    {
      Item *item = &g_array_index (items, Item, i);

      item->width = sizes[i - first].minimum_size;
      if (n_expand > 0 && gtk_widget_compute_expand (item->child, GTK_ORIENTATION_HORIZONTAL))
        item->width += extra / n_expand;
    }
  /* A lone item takes the whole row (or its minimum, should the row be narrower). */
  if (end == first + 1)
    g_array_index (items, Item, first).width = MAX (width, g_array_index (items, Item, first).min);

  return end;
}

/* The height of the row from first to end, and each child's height in it. */
static int
row_height (GArray *items,
            guint   first,
            guint   end)
{
  int height = 0;

  for (guint i = first; i < end; i++)
    {
      Item *item = &g_array_index (items, Item, i);
      int min;

      gtk_widget_measure (item->child, GTK_ORIENTATION_VERTICAL, item->width, &min, NULL, NULL, NULL);
      height = MAX (height, min);
    }

  return height;
}

static GtkSizeRequestMode
roster_wrap_layout_get_request_mode (GtkLayoutManager *manager,
                                     GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
roster_wrap_layout_measure (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            GtkOrientation    orientation,
                            int               for_size,
                            int              *minimum,
                            int              *natural,
                            int              *minimum_baseline,
                            int              *natural_baseline)
{
  RosterWrapLayout *self = ROSTER_WRAP_LAYOUT (manager);
  g_autoptr(GArray) items = collect_items (widget);
  int min = 0, nat = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Narrow enough for the widest child alone; naturally all in one row. */
      for (guint i = 0; i < items->len; i++)
        {
          Item *item = &g_array_index (items, Item, i);

          min = MAX (min, item->min);
          nat += item->nat + (i > 0 ? self->spacing : 0);
        }
    }
  else
    {
      int width = for_size;

      /* Without a width, the height of one row at its natural width. */
      if (width < 0)
        {
          width = 0;
          for (guint i = 0; i < items->len; i++)
            width += g_array_index (items, Item, i).nat + (i > 0 ? self->spacing : 0);
        }
      for (guint first = 0; first < items->len;)
        {
          guint end = share_row (self, items, first, width);

          min += row_height (items, first, end) + (first > 0 ? self->spacing : 0);
          first = end;
        }
      nat = min;
    }

  *minimum = min;
  *natural = nat;
}

static void
roster_wrap_layout_allocate (GtkLayoutManager *manager,
                             GtkWidget        *widget,
                             int               width,
                             int               height,
                             int               baseline)
{
  RosterWrapLayout *self = ROSTER_WRAP_LAYOUT (manager);
  g_autoptr(GArray) items = collect_items (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int y = 0;

  for (guint first = 0; first < items->len;)
    {
      guint end = share_row (self, items, first, width);
      int h = row_height (items, first, end);
      int x = 0;

      for (guint i = first; i < end; i++)
        {
          Item *item = &g_array_index (items, Item, i);
          int child_x = rtl ? width - x - item->width : x;

          gtk_widget_size_allocate (item->child,
                                    &(GtkAllocation) { child_x, y, item->width, h }, -1);
          x += item->width + self->spacing;
        }
      y += h + self->spacing;
      first = end;
    }
}

static void
roster_wrap_layout_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RosterWrapLayout *self = ROSTER_WRAP_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_wrap_layout_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RosterWrapLayout *self = ROSTER_WRAP_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      roster_wrap_layout_set_spacing (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_wrap_layout_class_init (RosterWrapLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->get_property = roster_wrap_layout_get_property;
  object_class->set_property = roster_wrap_layout_set_property;

  layout_class->get_request_mode = roster_wrap_layout_get_request_mode;
  layout_class->measure = roster_wrap_layout_measure;
  layout_class->allocate = roster_wrap_layout_allocate;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_wrap_layout_init (RosterWrapLayout *self)
{
}

GtkLayoutManager *
roster_wrap_layout_new (void)
{
  return g_object_new (ROSTER_TYPE_WRAP_LAYOUT, NULL);
}

int
roster_wrap_layout_get_spacing (RosterWrapLayout *self)
{
  g_return_val_if_fail (ROSTER_IS_WRAP_LAYOUT (self), 0);
  return self->spacing;
}

void
roster_wrap_layout_set_spacing (RosterWrapLayout *self,
                                int               spacing)
{
  g_return_if_fail (ROSTER_IS_WRAP_LAYOUT (self));

  if (self->spacing == spacing)
    return;
  self->spacing = spacing;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}
