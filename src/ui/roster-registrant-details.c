/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrant-details"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "roster-clock.h"
#include "roster-registrant-details.h"
#include "roster-registrant-format.h"
#include "roster-ui-util.h"

/* The side pane of the registrants view: one person's name, personal links, the unsubscribe
 * button and every field the server sent. Its buttons name the person by
 * roster_registrant_details_key() and activate the view's `registrants.*` actions, which an
 * ancestor provides. */

struct _RosterRegistrantDetails
{
  GtkBox            parent_instance;

  RosterRegistrant *registrant;
  gulong            notify_id;

  /* Template widgets */
  GtkLabel         *title_label;
  GtkListBox       *links_list;
  GtkButton        *unsubscribe_button;
  GtkListBox       *fields_list;
};

G_DEFINE_FINAL_TYPE (RosterRegistrantDetails, roster_registrant_details, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_REGISTRANT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
roster_registrant_details_new (void)
{
  return g_object_new (ROSTER_TYPE_REGISTRANT_DETAILS, NULL);
}

/* How actions name a registrant: its row ID, else its lead ID. */
gint64
roster_registrant_details_key (RosterRegistrant *registrant)
{
  gint64 id;

  g_return_val_if_fail (ROSTER_IS_REGISTRANT (registrant), 0);

  id = roster_registrant_get_id (registrant);
  return id != 0 ? id : roster_registrant_get_lead_id (registrant);
}

static void
clear_list_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

/* The member's name small and dim above its value, which can be selected and copied (the
 * "property" row style is newer than libadwaita 1.2). */
static GtkWidget *
field_row_new (const char *title,
               const char *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *text = gtk_label_new (value != NULL && *value != '\0' ? value : "—");

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (name, "caption");
  gtk_widget_add_css_class (name, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Read as "name: value" */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  name, text, NULL, -1);
  return row;
}

static GtkWidget *
link_row_new (RosterRegistrantLink  link,
              const char           *url,
              gint64                key)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *copy = roster_ui_row_button_new ("edit-copy-symbolic",
                                              roster_registrant_link_get_copy_label (link));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), roster_registrant_link_get_title (link));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), url);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  /* The target first: an action name without its target makes GTK warn */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (copy), "(xs)", key, roster_registrant_link_get_id (link));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "registrants.copy-link");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), copy);
  return row;
}

static void
fill (RosterRegistrantDetails *self)
{
  RosterRegistrant *r = self->registrant;
  const char * const *fields;
  gint64 key;

  clear_list_box (self->links_list);
  clear_list_box (self->fields_list);
  if (r == NULL)
    return;

  key = roster_registrant_details_key (r);
  gtk_label_set_text (self->title_label, roster_registrant_get_display_name (r));

  for (RosterRegistrantLink link = 0; link < ROSTER_REGISTRANT_N_LINKS; link++)
    {
      const char *url = roster_registrant_link_get_url (link, r);

      if (url != NULL)
        gtk_list_box_append (self->links_list, link_row_new (link, url, key));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->links_list),
                          gtk_widget_get_first_child (GTK_WIDGET (self->links_list)) != NULL);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->unsubscribe_button), "x", key);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->unsubscribe_button), "registrants.unsubscribe");
  gtk_widget_set_visible (GTK_WIDGET (self->unsubscribe_button),
                          roster_registrant_get_subscribed (r) != ROSTER_FLAG_NO &&
                          roster_registrant_get_lead_id (r) > 0);

  /* Every member as the API sent it; `subscribed` as it is now. */
  fields = roster_registrant_get_fields (r);
  for (guint i = 0; fields[i] != NULL && fields[i + 1] != NULL; i += 2)
    {
      const char *value = fields[i + 1];
      g_autofree char *label = roster_registrant_field_label (fields[i]);
      g_autofree char *text = NULL;

      if (g_str_equal (fields[i], "subscribed") &&
          roster_registrant_get_subscribed (r) == ROSTER_FLAG_NO)
        value = "No";
      text = roster_registrant_format_field (fields[i], value);
      gtk_list_box_append (self->fields_list, field_row_new (label, text));
    }
}

static void
roster_registrant_details_dispose (GObject *object)
{
  RosterRegistrantDetails *self = ROSTER_REGISTRANT_DETAILS (object);

  if (self->registrant != NULL)
    g_clear_signal_handler (&self->notify_id, self->registrant);
  g_clear_object (&self->registrant);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_REGISTRANT_DETAILS);

  G_OBJECT_CLASS (roster_registrant_details_parent_class)->dispose (object);
}

static void
roster_registrant_details_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  RosterRegistrantDetails *self = ROSTER_REGISTRANT_DETAILS (object);

  switch (prop_id)
    {
    case PROP_REGISTRANT:
      g_value_set_object (value, self->registrant);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_registrant_details_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  RosterRegistrantDetails *self = ROSTER_REGISTRANT_DETAILS (object);

  switch (prop_id)
    {
    case PROP_REGISTRANT:
      roster_registrant_details_set_registrant (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_registrant_details_class_init (RosterRegistrantDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_registrant_details_dispose;
  object_class->get_property = roster_registrant_details_get_property;
  object_class->set_property = roster_registrant_details_set_property;

  properties[PROP_REGISTRANT] =
    g_param_spec_object ("registrant", NULL, NULL, ROSTER_TYPE_REGISTRANT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-registrant-details.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantDetails, links_list);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantDetails, unsubscribe_button);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantDetails, fields_list);
}

static void
roster_registrant_details_init (RosterRegistrantDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The desktop's clock format changed: the times follow */
  g_signal_connect_object (roster_clock_get_default (), "notify::twelve-hour", G_CALLBACK (fill), self,
                           G_CONNECT_SWAPPED);
}

RosterRegistrant *
roster_registrant_details_get_registrant (RosterRegistrantDetails *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANT_DETAILS (self), NULL);
  return self->registrant;
}

/* Shows this person; after an unsubscribe the pane says so without being asked again. */
void
roster_registrant_details_set_registrant (RosterRegistrantDetails *self,
                                          RosterRegistrant        *registrant)
{
  g_return_if_fail (ROSTER_IS_REGISTRANT_DETAILS (self));
  g_return_if_fail (registrant == NULL || ROSTER_IS_REGISTRANT (registrant));

  if (self->registrant == registrant)
    return;
  if (self->registrant != NULL)
    g_clear_signal_handler (&self->notify_id, self->registrant);
  g_set_object (&self->registrant, registrant);
  if (registrant != NULL)
    self->notify_id = g_signal_connect_object (registrant, "notify::subscribed", G_CALLBACK (fill), self,
                                               G_CONNECT_SWAPPED);
  fill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTRANT]);
}
