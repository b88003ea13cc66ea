/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-person-group"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-person-group.h"
#include "roster-registrant-format.h"

/* One person of the People search: their name and email over a row per webinar they registered
 * for, with the session, attendance, purchase and a menu of their personal links. Activating a
 * row emits "activated" with its match. Link actions ("people.copy-link", "people.open-link",
 * with the URL) are the dialog's. */
struct _RosterPersonGroup
{
  AdwPreferencesGroup  parent_instance;

  guint                n_matches;
};

G_DEFINE_FINAL_TYPE (RosterPersonGroup, roster_person_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
roster_person_group_class_init (RosterPersonGroupClass *klass)
{
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, ROSTER_TYPE_PERSON_MATCH);
}

static void
roster_person_group_init (RosterPersonGroup *self)
{
}

GtkWidget *
roster_person_group_new (RosterPersonMatch *first)
{
  RosterRegistrant *r;
  RosterPersonGroup *self;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;

  g_return_val_if_fail (ROSTER_IS_PERSON_MATCH (first), NULL);

  /* The group's title and description are markup; names and emails are plain text. */
  r = roster_person_match_get_registrant (first);
  name = g_markup_escape_text (roster_registrant_get_display_name (r) ?: "", -1);
  email = g_markup_escape_text (roster_registrant_get_email (r) ?: "", -1);
  self = g_object_new (ROSTER_TYPE_PERSON_GROUP, NULL);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), name);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), email);
  roster_person_group_add_match (self, first);
  return GTK_WIDGET (self);
}

/* "Mon, 2 Nov, 6:00 PM · Live: Yes, 0:45:30 · Replay: No · Bought: Live, 97 USD" */
static char *
describe (RosterRegistrant *r)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *session = roster_registrant_dup_session_text (r);
  g_autofree char *live = roster_registrant_format_live (r);
  g_autofree char *replay = roster_registrant_format_replay (r);
  g_autofree char *bought = roster_registrant_format_purchased (r, NULL);

  if (session != NULL && *session != '\0')
    g_ptr_array_add (parts, g_strdup (session));
  if (*live != '\0')
    /* Translators: whether and how long the person watched the live session */
    g_ptr_array_add (parts, g_strdup_printf (_("Live: %s"), live));
  if (*replay != '\0')
    /* Translators: whether and how long the person watched the replay */
    g_ptr_array_add (parts, g_strdup_printf (_("Replay: %s"), replay));
  if (*bought != '\0')
    /* Translators: whether and where the person bought, and for how much */
    g_ptr_array_add (parts, g_strdup_printf (_("Bought: %s"), bought));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static GMenuModel *
links_menu_new (RosterRegistrant *r)
{
  static const struct {
    RosterRegistrantLink link;
    const char *open_label;
  } links[] = {
    { ROSTER_REGISTRANT_LINK_LIVE, N_("Open Live Room") },
    { ROSTER_REGISTRANT_LINK_REPLAY, N_("Open Replay Room") },
  };
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      const char *url = roster_registrant_link_get_url (links[i].link, r);
      g_autoptr(GMenu) section = NULL;
      g_autoptr(GMenuItem) copy = NULL;
      g_autoptr(GMenuItem) open = NULL;

      if (url == NULL)
        continue;
      section = g_menu_new ();
      copy = g_menu_item_new (roster_registrant_link_get_copy_label (links[i].link), NULL);
      g_menu_item_set_action_and_target (copy, "people.copy-link", "s", url);
      open = g_menu_item_new (_(links[i].open_label), NULL);
      g_menu_item_set_action_and_target (open, "people.open-link", "s", url);
      g_menu_append_item (section, copy);
      g_menu_append_item (section, open);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (menu)) == 0)
    g_clear_object (&menu);
  return G_MENU_MODEL (menu);
}

static void
row_activated_cb (AdwActionRow *row,
                  gpointer      user_data)
{
  RosterPersonGroup *self = ROSTER_PERSON_GROUP (user_data);

  g_signal_emit (self, signals[ACTIVATED], 0, g_object_get_data (G_OBJECT (row), "roster-match"));
}

void
roster_person_group_add_match (RosterPersonGroup *self,
                               RosterPersonMatch *match)
{
  RosterRegistrant *r;
  g_autoptr(GMenuModel) menu = NULL;
  g_autofree char *subtitle = NULL;
  const char *webinar;
  GtkWidget *row;

  g_return_if_fail (ROSTER_IS_PERSON_GROUP (self));
  g_return_if_fail (ROSTER_IS_PERSON_MATCH (match));

  r = roster_person_match_get_registrant (match);
  subtitle = describe (r);
  /* A registration stored by an import or the register dialog may lack its webinar's name;
   * the row still needs one, on screen and for a screen reader. */
  webinar = roster_registrant_get_webinar (r);
  if (webinar == NULL || *webinar == '\0')
    webinar = _("Unknown Webinar");
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), webinar);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Said outright, with the details as its description, rather than left to the title label. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, webinar,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  gtk_widget_set_tooltip_text (row, _("Show in the webinar’s registrants"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "roster-match", g_object_ref (match), g_object_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, 0);

  menu = links_menu_new (r);
  if (menu != NULL)
    {
      GtkWidget *button = gtk_menu_button_new ();

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Personal Links"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Personal Links"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  self->n_matches++;
}

guint
roster_person_group_get_n_matches (RosterPersonGroup *self)
{
  g_return_val_if_fail (ROSTER_IS_PERSON_GROUP (self), 0);

  return self->n_matches;
}
