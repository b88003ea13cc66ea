/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrants-filter-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-registrant.h"
#include "roster-registrants-filter-bar.h"
#include "roster-segment-menu.h"
#include "roster-wrap-layout.h"
#include "roster-ui-util.h"

/* The bar above the registrants: the search, the filters button with its popover, and the
 * filters in force as chips that each remove one. Beside them sit the buttons of the view's
 * own actions (columns, export, reload).
 *
 * Typing narrows what is loaded at once (the local filter) and asks the server after a pause.
 * Whatever the user changes, the bar emits `changed` with the filter they want; the owner loads
 * with it and gives it back with set_filter(), which is what the bar then shows. */

#define SERVER_SEARCH_DELAY_MS 800

struct _RosterRegistrantsFilterBar
{
  GtkBox                          parent_instance;

  RosterRegistrantFilter         *filter;
  GtkCustomFilter                *local_filter;
  char                           *local_search;    /* casefolded, NULL: none */
  guint                           search_source;
  guint                           suppress_widgets;

  /* Template widgets */
  GtkSearchEntry                 *search_entry;
  GtkMenuButton                  *columns_button;
  GtkRevealer                    *chips_revealer;
  GtkFlowBox                     *chips_box;
  RosterRegistrantsFilterPopover *filters_popover;
  RosterSegmentMenu              *segment_menu;
};

G_DEFINE_FINAL_TYPE (RosterRegistrantsFilterBar, roster_registrants_filter_bar, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_LOCAL_SEARCH,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
roster_registrants_filter_bar_new (void)
{
  return g_object_new (ROSTER_TYPE_REGISTRANTS_FILTER_BAR, NULL);
}

static void
emit_changed (RosterRegistrantsFilterBar   *self,
              const RosterRegistrantFilter *filter)
{
  g_signal_emit (self, signals[CHANGED], 0, filter);
}

/* ---- local search ---------------------------------------------------------------------------- */

/* NULL also while the bar is taken apart */
static const RosterSegment *
active_segment (RosterRegistrantsFilterBar *self)
{
  return self->segment_menu != NULL ? roster_segment_menu_get_active (self->segment_menu) : NULL;
}

static gboolean
local_match (gpointer item,
             gpointer user_data)
{
  RosterRegistrantsFilterBar *self = user_data;
  RosterRegistrant *r = item;
  const RosterSegment *segment = active_segment (self);

  if (segment != NULL && !roster_segment_matches (segment, r))
    return FALSE;
  return self->local_search == NULL ||
         roster_ui_contains_folded (roster_registrant_get_display_name (r), self->local_search) ||
         roster_ui_contains_folded (roster_registrant_get_email (r), self->local_search) ||
         roster_ui_contains_folded (roster_registrant_get_phone (r), self->local_search);
}

/* No search and no segment: no filter function, so a filter model passes every row straight
 * through. */
static void
update_local_filter (RosterRegistrantsFilterBar *self)
{
  if (self->local_filter == NULL)  /* taken apart */
    return;
  if (self->local_search != NULL || active_segment (self) != NULL)
    gtk_custom_filter_set_filter_func (self->local_filter, local_match, self, NULL);
  else
    gtk_custom_filter_set_filter_func (self->local_filter, NULL, NULL, NULL);
}

static void
set_local_search (RosterRegistrantsFilterBar *self,
                  const char                 *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *folded = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;

  if (g_strcmp0 (folded, self->local_search) == 0)
    return;
  g_free (self->local_search);
  self->local_search = g_steal_pointer (&folded);

  update_local_filter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_SEARCH]);
}

/* ---- server search --------------------------------------------------------------------------- */

static void
server_search (RosterRegistrantsFilterBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(RosterRegistrantFilter) filter = NULL;

  g_clear_handle_id (&self->search_source, g_source_remove);
  if (g_strcmp0 (*stripped != '\0' ? stripped : NULL, self->filter->search) == 0)
    return;

  filter = roster_registrant_filter_copy (self->filter);
  g_free (filter->search);
  filter->search = *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;
  emit_changed (self, filter);
}

static gboolean
search_timeout_cb (gpointer user_data)
{
  RosterRegistrantsFilterBar *self = user_data;

  self->search_source = 0;
  server_search (self);
  return G_SOURCE_REMOVE;
}

/* What is loaded narrows at once; the server is asked after a pause in typing. */
static void
search_changed_cb (RosterRegistrantsFilterBar *self)
{
  if (self->suppress_widgets > 0)
    return;
  set_local_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  g_clear_handle_id (&self->search_source, g_source_remove);
  self->search_source = g_timeout_add (SERVER_SEARCH_DELAY_MS, search_timeout_cb, self);
}

static void
search_activate_cb (RosterRegistrantsFilterBar *self)
{
  set_local_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  server_search (self);
}

/* The user chose another filter in the popover. */
static void
popover_changed_cb (RosterRegistrantsFilterBar   *self,
                    const RosterRegistrantFilter *filter)
{
  emit_changed (self, filter);
}

/* ---- chips ----------------------------------------------------------------------------------- */

static void
add_chip (RosterRegistrantsFilterBar *self,
          const char                 *which,
          const char                 *text)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *icon = gtk_image_new_from_icon_name ("window-close-symbolic");
  /* Translators: the accessible name of a button that removes one filter, %s describes it */
  g_autofree char *name = g_strdup_printf (_("Remove filter %s"), text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 12);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "filter-chip");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("Remove this filter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  /* The owner's action, which hands it back to clear_filter() */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", which);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "registrants.clear-filter");
  gtk_flow_box_append (self->chips_box, button);
}

/* The filters in force, as small buttons that each remove one. */
static void
update_chips (RosterRegistrantsFilterBar *self)
{
  static const char * const popover_filters[] = { "schedule", "date-range", "live", "replay", "purchased" };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))) != NULL)
    gtk_flow_box_remove (self->chips_box, child);

  /* The popover says each of its filters in words, with the labels of its choices. */
  for (guint i = 0; i < G_N_ELEMENTS (popover_filters); i++)
    {
      g_autofree char *text = roster_registrants_filter_popover_describe (self->filters_popover,
                                                                          popover_filters[i]);

      if (text != NULL)
        add_chip (self, popover_filters[i], text);
    }
  if (self->filter->search != NULL)
    {
      /* Translators: a filter in force, the text searched for in quotes */
      g_autofree char *text = g_strdup_printf (_("Search: “%s”"), self->filter->search);

      add_chip (self, "search", text);
    }

  gtk_revealer_set_reveal_child (self->chips_revealer, !roster_registrant_filter_is_empty (self->filter));
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
roster_registrants_filter_bar_dispose (GObject *object)
{
  RosterRegistrantsFilterBar *self = ROSTER_REGISTRANTS_FILTER_BAR (object);

  g_clear_handle_id (&self->search_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_REGISTRANTS_FILTER_BAR);
  g_clear_object (&self->local_filter);

  G_OBJECT_CLASS (roster_registrants_filter_bar_parent_class)->dispose (object);
}

static void
roster_registrants_filter_bar_finalize (GObject *object)
{
  RosterRegistrantsFilterBar *self = ROSTER_REGISTRANTS_FILTER_BAR (object);

  g_clear_pointer (&self->filter, roster_registrant_filter_free);
  g_clear_pointer (&self->local_search, g_free);

  G_OBJECT_CLASS (roster_registrants_filter_bar_parent_class)->finalize (object);
}

static void
roster_registrants_filter_bar_get_property (GObject    *object,
                                            guint       prop_id,
                                            GValue     *value,
                                            GParamSpec *pspec)
{
  RosterRegistrantsFilterBar *self = ROSTER_REGISTRANTS_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_LOCAL_SEARCH:
      g_value_set_string (value, self->local_search);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_registrants_filter_bar_class_init (RosterRegistrantsFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_registrants_filter_bar_dispose;
  object_class->finalize = roster_registrants_filter_bar_finalize;
  object_class->get_property = roster_registrants_filter_bar_get_property;

  /* What the local filter looks for, casefolded; NULL: nothing */
  properties[PROP_LOCAL_SEARCH] =
    g_param_spec_string ("local-search", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user wants this filter (search included). */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ROSTER_TYPE_REGISTRANT_FILTER | G_SIGNAL_TYPE_STATIC_SCOPE);

  g_type_ensure (ROSTER_TYPE_REGISTRANTS_FILTER_POPOVER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-registrants-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsFilterBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsFilterBar, columns_button);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsFilterBar, chips_revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsFilterBar, chips_box);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsFilterBar, filters_popover);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsFilterBar, segment_menu);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, emit_changed);

  g_type_ensure (ROSTER_TYPE_SEGMENT_MENU);
  g_type_ensure (ROSTER_TYPE_WRAP_LAYOUT);
}

static void
roster_registrants_filter_bar_init (RosterRegistrantsFilterBar *self)
{
  self->filter = roster_registrant_filter_new ();
  self->local_filter = gtk_custom_filter_new (NULL, NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Another segment: its rule joins the search in the local filter */
  g_signal_connect_object (roster_segment_menu_get_filter (self->segment_menu), "changed",
                           G_CALLBACK (update_local_filter), self, G_CONNECT_SWAPPED);
  update_chips (self);
}

/* ---- public ---------------------------------------------------------------------------------- */

/* Shows this filter: in the popover, the search entry and the chips. It emits nothing. */
void
roster_registrants_filter_bar_set_filter (RosterRegistrantsFilterBar   *self,
                                          const RosterRegistrantFilter *filter)
{
  const char *text;

  g_return_if_fail (ROSTER_IS_REGISTRANTS_FILTER_BAR (self));
  g_return_if_fail (filter != NULL);

  roster_registrant_filter_free (self->filter);
  self->filter = roster_registrant_filter_copy (filter);
  roster_registrants_filter_popover_set_filter (self->filters_popover, filter);
  roster_segment_menu_set_filter (self->segment_menu, filter);

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  self->suppress_widgets++;
  if (g_strcmp0 (filter->search, text) != 0 && !(filter->search == NULL && *text == '\0'))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), filter->search != NULL ? filter->search : "");
      set_local_search (self, filter->search);
    }
  self->suppress_widgets--;
  update_chips (self);
}

RosterRegistrantsFilterPopover *
roster_registrants_filter_bar_get_popover (RosterRegistrantsFilterBar *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_FILTER_BAR (self), NULL);
  return self->filters_popover;
}

/* Matches the rows that the text typed so far finds (name, email or phone); it changes as the
 * user types, long before the server is asked; and the segment's rule, where the server's
 * filters cannot say it all. */
GtkFilter *
roster_registrants_filter_bar_get_local_filter (RosterRegistrantsFilterBar *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_FILTER_BAR (self), NULL);
  return GTK_FILTER (self->local_filter);
}

const char *
roster_registrants_filter_bar_get_local_search (RosterRegistrantsFilterBar *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_FILTER_BAR (self), NULL);
  return self->local_search;
}

/* The segment chosen, if any, and the filter that changes when another is chosen. */
const RosterSegment *
roster_registrants_filter_bar_get_segment (RosterRegistrantsFilterBar *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_FILTER_BAR (self), NULL);
  return active_segment (self);
}

GtkFilter *
roster_registrants_filter_bar_get_segment_filter (RosterRegistrantsFilterBar *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_FILTER_BAR (self), NULL);
  return roster_segment_menu_get_filter (self->segment_menu);
}

/* The menu of the columns button */
void
roster_registrants_filter_bar_set_columns_menu (RosterRegistrantsFilterBar *self,
                                                GMenuModel                 *menu)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_FILTER_BAR (self));
  gtk_menu_button_set_menu_model (self->columns_button, menu);
}

/* Emits `changed` with one filter taken away, as its chip's target names it. */
void
roster_registrants_filter_bar_clear_filter (RosterRegistrantsFilterBar *self,
                                            const char                 *which)
{
  g_autoptr(RosterRegistrantFilter) filter = NULL;

  g_return_if_fail (ROSTER_IS_REGISTRANTS_FILTER_BAR (self));
  g_return_if_fail (which != NULL);

  filter = roster_registrant_filter_copy (self->filter);
  if (g_str_equal (which, "schedule"))
    filter->schedule_id = 0;
  else if (g_str_equal (which, "date-range"))
    filter->date_range = -1;
  else if (g_str_equal (which, "live"))
    {
      filter->attended_live = -1;
      filter->attended_live_timestamp = -1;
    }
  else if (g_str_equal (which, "replay"))
    {
      filter->attended_replay = -1;
      filter->attended_replay_timestamp = -1;
    }
  else if (g_str_equal (which, "purchased"))
    filter->purchased = -1;
  else if (g_str_equal (which, "search"))
    {
      g_clear_pointer (&filter->search, g_free);
      roster_registrants_filter_bar_clear_search (self);
    }
  else
    return;

  emit_changed (self, filter);
}

/* Empties the search entry and the local search, and forgets a server search still waiting for
 * a pause in typing. */
void
roster_registrants_filter_bar_clear_search (RosterRegistrantsFilterBar *self)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_FILTER_BAR (self));

  g_clear_handle_id (&self->search_source, g_source_remove);
  self->suppress_widgets++;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->suppress_widgets--;
  set_local_search (self, NULL);
}

void
roster_registrants_filter_bar_focus_search (RosterRegistrantsFilterBar *self)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_FILTER_BAR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
