/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-segment-menu"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-segment-menu.h"

/* The Segments button of the registrants' filter bar: the built-in segments ("No-shows",
 * "Watched but did not buy") and the saved ones (GSettings `registrant-segments`), each one
 * click away; saving the filters in force under a name, and removing a saved segment.
 *
 * Choosing one emits `apply` with its filters for the server; what the server cannot be asked
 * is the filter this widget gives (get_filter()), which the bar puts in front of the rows. The
 * owner shows every filter it loads with set_filter(): another filter than the segment's ends
 * the segment. */

#define SEGMENTS_KEY "registrant-segments"

struct _RosterSegmentMenu
{
  AdwBin                  parent_instance;

  GSettings              *settings;
  GPtrArray              *segments;   /* RosterSegment: the built-in ones, then the saved */
  RosterSegment          *active;     /* NULL: none */
  RosterRegistrantFilter *filter;     /* what the view loads now, for "Save" */
  GtkCustomFilter        *rule_filter;
  GSimpleActionGroup     *actions;
  GtkMenuButton          *button;
};

G_DEFINE_FINAL_TYPE (RosterSegmentMenu, roster_segment_menu, ADW_TYPE_BIN)

enum {
  APPLY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
roster_segment_menu_new (void)
{
  return g_object_new (ROSTER_TYPE_SEGMENT_MENU, NULL);
}

static RosterSegment *
find_segment (RosterSegmentMenu *self,
              const char        *id)
{
  for (guint i = 0; i < self->segments->len; i++)
    {
      RosterSegment *segment = g_ptr_array_index (self->segments, i);

      if (g_strcmp0 (segment->id, id) == 0)
        return segment;
    }
  return NULL;
}

static gboolean
rule_match (gpointer item,
            gpointer user_data)
{
  RosterSegmentMenu *self = user_data;

  return roster_segment_matches (self->active, item);
}

/* The local rule, the button's look and the radio mark follow the active segment. */
static void
set_active (RosterSegmentMenu   *self,
            const RosterSegment *segment)
{
  GAction *apply = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "apply");
  GtkWidget *button = GTK_WIDGET (self->button);

  g_clear_pointer (&self->active, roster_segment_free);
  if (segment != NULL)
    self->active = roster_segment_copy (segment);

  if (self->active != NULL)
    gtk_custom_filter_set_filter_func (self->rule_filter, rule_match, self, NULL);
  else
    gtk_custom_filter_set_filter_func (self->rule_filter, NULL, NULL, NULL);

  g_simple_action_set_state (G_SIMPLE_ACTION (apply),
                             g_variant_new_string (self->active != NULL ? self->active->id : ""));
  gtk_menu_button_set_label (self->button, self->active != NULL ? self->active->name : _("_Segments"));
  if (self->active != NULL)
    {
      /* Translators: the segments button's accessible name while one is in force */
      g_autofree char *name = g_strdup_printf (_("Segments, “%s” in force"), self->active->name);

      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Segments"), -1);
  /* A segment in force stands out, as a filter chip does */
  if (self->active != NULL)
    gtk_widget_add_css_class (button, "accent");
  else
    gtk_widget_remove_css_class (button, "accent");
}

static void
rebuild_menu (RosterSegmentMenu *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) everyone = g_menu_new ();
  g_autoptr(GMenu) builtins = g_menu_new ();
  g_autoptr(GMenu) saved = g_menu_new ();
  g_autoptr(GMenu) manage = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();

  g_menu_append (everyone, _("All Registrants"), "segments.apply::");
  for (guint i = 0; i < self->segments->len; i++)
    {
      RosterSegment *segment = g_ptr_array_index (self->segments, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (segment->name, NULL);

      g_menu_item_set_action_and_target_value (item, "segments.apply", g_variant_new_string (segment->id));
      g_menu_append_item (segment->builtin ? builtins : saved, item);
      if (!segment->builtin)
        {
          g_autoptr(GMenuItem) remove_item = g_menu_item_new (segment->name, NULL);

          g_menu_item_set_action_and_target_value (remove_item, "segments.remove",
                                                   g_variant_new_string (segment->id));
          g_menu_append_item (remove, remove_item);
        }
    }
  g_menu_append (manage, _("_Save Filters as Segment…"), "segments.save");
  if (g_menu_model_get_n_items (G_MENU_MODEL (remove)) > 0)
    g_menu_append_submenu (manage, _("_Remove Segment"), G_MENU_MODEL (remove));

  g_menu_append_section (menu, NULL, G_MENU_MODEL (everyone));
  g_menu_append_section (menu, _("Built-in"), G_MENU_MODEL (builtins));
  if (g_menu_model_get_n_items (G_MENU_MODEL (saved)) > 0)
    g_menu_append_section (menu, _("Saved"), G_MENU_MODEL (saved));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (manage));
  gtk_menu_button_set_menu_model (self->button, G_MENU_MODEL (menu));
}

/* The built-in segments, then those in the setting (unreadable ones left out). */
static void
load_segments (RosterSegmentMenu *self)
{
  g_autoptr(GVariant) saved = g_settings_get_value (self->settings, SEGMENTS_KEY);
  g_autofree char *active_id = self->active != NULL ? g_strdup (self->active->id) : NULL;
  GVariantIter iter;
  GVariant *child;

  g_ptr_array_unref (self->segments);
  self->segments = roster_segment_get_builtins ();
  g_variant_iter_init (&iter, saved);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      RosterSegment *segment = roster_segment_new_from_variant (child);

      if (segment != NULL && find_segment (self, segment->id) == NULL)
        g_ptr_array_add (self->segments, segment);
      else
        g_clear_pointer (&segment, roster_segment_free);
      g_variant_unref (child);
    }
  /* A removed segment is no longer in force */
  if (active_id != NULL && find_segment (self, active_id) == NULL)
    set_active (self, NULL);
  rebuild_menu (self);
}

static void
store_segments (RosterSegmentMenu *self)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < self->segments->len; i++)
    {
      RosterSegment *segment = g_ptr_array_index (self->segments, i);

      if (!segment->builtin)
        g_variant_builder_add_value (&builder, roster_segment_to_variant (segment));
    }
  g_settings_set_value (self->settings, SEGMENTS_KEY, g_variant_builder_end (&builder));
}

/* ---- actions --------------------------------------------------------------------------------- */

static void
apply_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  RosterSegmentMenu *self = user_data;
  const char *id = g_variant_get_string (parameter, NULL);
  RosterSegment *segment = find_segment (self, id);
  g_autoptr(RosterRegistrantFilter) filter = NULL;

  /* The schedule chosen stays: a segment of one session is still that segment */
  filter = segment != NULL ? roster_registrant_filter_copy (segment->filter) : roster_registrant_filter_new ();
  if (self->filter != NULL)
    filter->schedule_id = self->filter->schedule_id;
  set_active (self, segment);
  g_signal_emit (self, signals[APPLY], 0, filter);
}

static void
remove_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  RosterSegmentMenu *self = user_data;
  RosterSegment *segment = find_segment (self, g_variant_get_string (parameter, NULL));

  if (segment == NULL || segment->builtin)
    return;
  g_ptr_array_remove (self->segments, segment);
  store_segments (self);  /* "changed" reloads them */
}

static void
name_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

static void
save_response_cb (AdwMessageDialog  *dialog,
                  const char        *response,
                  RosterSegmentMenu *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_strcmp0 (response, "save") == 0)
    roster_segment_menu_save (self, gtk_editable_get_text (entry));
}

static void
save_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  RosterSegmentMenu *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Save Segment"),
                                   _("The filters in force, under a name, one click away in every webinar."));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Segment name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
  g_signal_connect (entry, "changed", G_CALLBACK (name_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
roster_segment_menu_dispose (GObject *object)
{
  RosterSegmentMenu *self = ROSTER_SEGMENT_MENU (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->settings);
  g_clear_object (&self->actions);
  g_clear_object (&self->rule_filter);

  G_OBJECT_CLASS (roster_segment_menu_parent_class)->dispose (object);
}

static void
roster_segment_menu_finalize (GObject *object)
{
  RosterSegmentMenu *self = ROSTER_SEGMENT_MENU (object);

  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_clear_pointer (&self->active, roster_segment_free);
  g_clear_pointer (&self->filter, roster_registrant_filter_free);

  G_OBJECT_CLASS (roster_segment_menu_parent_class)->finalize (object);
}

static void
roster_segment_menu_class_init (RosterSegmentMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_segment_menu_dispose;
  object_class->finalize = roster_segment_menu_finalize;

  /* The filters to load for the segment chosen (for "All Registrants": none) */
  signals[APPLY] =
    g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ROSTER_TYPE_REGISTRANT_FILTER | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
roster_segment_menu_init (RosterSegmentMenu *self)
{
  const GActionEntry entries[] = {
    { "apply", apply_action, "s", "''", NULL },
    { "save", save_action },
    { "remove", remove_action, "s" },
  };

  self->settings = g_settings_new (APPLICATION_ID);
  self->segments = g_ptr_array_new ();
  self->rule_filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "segments", G_ACTION_GROUP (self->actions));

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_use_underline (self->button, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Segments: Saved Sets of Filters"));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->button));

  g_signal_connect_object (self->settings, "changed::" SEGMENTS_KEY, G_CALLBACK (load_segments), self,
                           G_CONNECT_SWAPPED);
  load_segments (self);
  set_active (self, NULL);
}

/* ---- public ---------------------------------------------------------------------------------- */

/* What the server's filters cannot say: the rows it keeps change with the active segment. */
GtkFilter *
roster_segment_menu_get_filter (RosterSegmentMenu *self)
{
  g_return_val_if_fail (ROSTER_IS_SEGMENT_MENU (self), NULL);
  return GTK_FILTER (self->rule_filter);
}

/* The filters the view loads now. Filters other than the active segment's end it. */
void
roster_segment_menu_set_filter (RosterSegmentMenu            *self,
                                const RosterRegistrantFilter *filter)
{
  g_return_if_fail (ROSTER_IS_SEGMENT_MENU (self));
  g_return_if_fail (filter != NULL);

  g_clear_pointer (&self->filter, roster_registrant_filter_free);
  self->filter = roster_registrant_filter_copy (filter);
  if (self->active != NULL && !roster_segment_is_applied (self->active, filter))
    set_active (self, NULL);
}

const RosterSegment *
roster_segment_menu_get_active (RosterSegmentMenu *self)
{
  g_return_val_if_fail (ROSTER_IS_SEGMENT_MENU (self), NULL);
  return self->active;
}

/* Every segment offered, the built-in ones first. */
GPtrArray *
roster_segment_menu_get_segments (RosterSegmentMenu *self)
{
  g_return_val_if_fail (ROSTER_IS_SEGMENT_MENU (self), NULL);
  return self->segments;
}

/* Saves the filters in force under @name (replacing a saved segment of that name) and makes it
 * the active one. FALSE for an empty name or a built-in segment's. */
gboolean
roster_segment_menu_save (RosterSegmentMenu *self,
                          const char        *name)
{
  g_autofree char *stripped = NULL, *id = NULL;
  g_autoptr(RosterRegistrantFilter) empty = NULL;
  RosterSegment *segment, *old;

  g_return_val_if_fail (ROSTER_IS_SEGMENT_MENU (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0')
    return FALSE;
  for (guint i = 0; i < self->segments->len; i++)
    {
      RosterSegment *s = g_ptr_array_index (self->segments, i);

      if (s->builtin && g_utf8_collate (s->name, stripped) == 0)
        return FALSE;
    }

  empty = roster_registrant_filter_new ();
  segment = roster_segment_new (stripped, self->filter != NULL ? self->filter : empty);
  id = g_strdup (segment->id);
  old = find_segment (self, id);
  if (old != NULL)
    g_ptr_array_remove (self->segments, old);
  g_ptr_array_add (self->segments, segment);
  /* The setting's "changed" may load the segments anew: look it up again after */
  store_segments (self);
  set_active (self, find_segment (self, id));
  return TRUE;
}
