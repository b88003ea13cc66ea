/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registration-page"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-registration-page.h"
#include "roster-ui-util.h"

/* What the register dialog shows once a person is registered: who, for which webinar, and the
 * person's own links and user ID, each with a button that copies it. Its "Register Another"
 * button is the dialog's `register.another`. */

struct _RosterRegistrationPage
{
  AdwBin              parent_instance;

  RosterRegistration *registration;

  /* Template widgets */
  AdwStatusPage      *status_page;
  AdwActionRow       *live_row;
  AdwActionRow       *replay_row;
  AdwActionRow       *thank_you_row;
  AdwActionRow       *user_id_row;
  GtkButton          *another_button;
};

G_DEFINE_FINAL_TYPE (RosterRegistrationPage, roster_registration_page, ADW_TYPE_BIN)

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RosterRegistrationPage *self = ROSTER_REGISTRATION_PAGE (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  g_autofree char *user_id = NULL;
  g_autoptr(AdwToast) toast = NULL;
  const char *text = NULL;
  const char *toast_title = _("Link copied");

  if (self->registration == NULL)
    return;

  if (g_str_equal (which, "live"))
    text = roster_registration_get_live_room_url (self->registration);
  else if (g_str_equal (which, "replay"))
    text = roster_registration_get_replay_room_url (self->registration);
  else if (g_str_equal (which, "thank-you"))
    text = roster_registration_get_thank_you_url (self->registration);
  else if (g_str_equal (which, "user-id"))
    {
      text = user_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                        roster_registration_get_user_id (self->registration));
      toast_title = _("User ID copied");
    }

  if (text == NULL || *text == '\0')
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  toast = adw_toast_new (toast_title);
  adw_toast_set_timeout (toast, 2);
  roster_ui_add_toast (widget, toast);
}

static gboolean
roster_registration_page_grab_focus (GtkWidget *widget)
{
  RosterRegistrationPage *self = ROSTER_REGISTRATION_PAGE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->another_button));
}

static void
roster_registration_page_dispose (GObject *object)
{
  RosterRegistrationPage *self = ROSTER_REGISTRATION_PAGE (object);

  g_clear_object (&self->registration);
  /* The bin's child is a template child: drop it first, once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_REGISTRATION_PAGE);

  G_OBJECT_CLASS (roster_registration_page_parent_class)->dispose (object);
}

static void
roster_registration_page_class_init (RosterRegistrationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_registration_page_dispose;
  widget_class->grab_focus = roster_registration_page_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-registration-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrationPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrationPage, live_row);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrationPage, replay_row);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrationPage, thank_you_row);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrationPage, user_id_row);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrationPage, another_button);

  gtk_widget_class_install_action (widget_class, "registration.copy", "s", copy_action);
}

static void
roster_registration_page_init (RosterRegistrationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
roster_registration_page_new (void)
{
  return g_object_new (ROSTER_TYPE_REGISTRATION_PAGE, NULL);
}

/* Shows @registration, what `register` answered, for the webinar titled @webinar_title. */
void
roster_registration_page_show (RosterRegistrationPage *self,
                               RosterRegistration     *registration,
                               const char             *webinar_title)
{
  struct {
    AdwActionRow *row;
    const char   *value;
  } links[] = {
    { self->live_row, roster_registration_get_live_room_url (registration) },
    { self->replay_row, roster_registration_get_replay_room_url (registration) },
    { self->thank_you_row, roster_registration_get_thank_you_url (registration) },
  };
  g_autofree char *user_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *escaped = NULL;
  const char *first = roster_registration_get_first_name (registration);
  const char *last = roster_registration_get_last_name (registration);
  const char *email = roster_registration_get_email (registration);

  g_return_if_fail (ROSTER_IS_REGISTRATION_PAGE (self));
  g_return_if_fail (ROSTER_IS_REGISTRATION (registration));

  g_set_object (&self->registration, registration);

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      gboolean has = links[i].value != NULL && *links[i].value != '\0';

      adw_action_row_set_subtitle (links[i].row, has ? links[i].value : "");
      gtk_widget_set_visible (GTK_WIDGET (links[i].row), has);
    }
  user_id = g_strdup_printf ("%" G_GINT64_FORMAT, roster_registration_get_user_id (registration));
  adw_action_row_set_subtitle (self->user_id_row, user_id);

  name = g_strstrip (g_strdup_printf ("%s %s", first != NULL ? first : "", last != NULL ? last : ""));
  if (*name == '\0')
    {
      g_free (name);
      name = g_strdup (email != NULL ? email : "");
    }
  /* Translators: the first %s is a person's name, the second a webinar's title */
  description = g_strdup_printf (_("%s is registered for “%s”."), name,
                                 webinar_title != NULL ? webinar_title : "");
  /* The status page's description is markup; names are text. */
  escaped = g_markup_escape_text (description, -1);
  adw_status_page_set_description (self->status_page, escaped);
}

/* Forgets the registration shown, for the next person. */
void
roster_registration_page_clear (RosterRegistrationPage *self)
{
  g_return_if_fail (ROSTER_IS_REGISTRATION_PAGE (self));

  g_clear_object (&self->registration);
}
