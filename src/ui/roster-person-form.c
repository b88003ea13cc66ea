/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-person-form"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-contact.h"
#include "roster-person-form.h"

/* The person of the register dialog: names, email and phone, checked as they are typed with
 * core's contact rules (the same as an import's and roster-cli's). A field's problem shows
 * below the group, in the row's accessible description and as a sign in the row, once the
 * user has been there; a field the server's message named is marked until it is changed.
 *
 * Enter moves on to the next field, unless a "submit" handler takes it. */

#define N_FIELDS ROSTER_PERSON_N_FIELDS

struct _RosterPersonForm
{
  GtkBox               parent_instance;

  gboolean             last_name_required;
  gboolean             touched[N_FIELDS];
  gboolean             server_marked[N_FIELDS];
  guint                suppress;          /* > 0 while rows are changed from code */

  AdwEntryRow         *field_rows[N_FIELDS];
  GtkLabel            *field_errors[N_FIELDS];
  GtkWidget           *field_icons[N_FIELDS];  /* a sign in the row itself */

  /* Template widgets */
  AdwPreferencesGroup *person_group;
  AdwEntryRow         *first_row;
  AdwEntryRow         *last_row;
  AdwEntryRow         *email_row;
  AdwEntryRow         *country_code_row;
  AdwEntryRow         *phone_row;
  GtkLabel            *first_error;
  GtkLabel            *last_error;
  GtkLabel            *email_error;
  GtkLabel            *country_code_error;
  GtkLabel            *phone_error;
};

G_DEFINE_FINAL_TYPE (RosterPersonForm, roster_person_form, GTK_TYPE_BOX)

enum {
  CHANGED,
  SUBMIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Input ----------------------------------------------------------------------------------- */

static const char *
field_text (RosterPersonForm  *self,
            RosterPersonField  field)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->field_rows[field]));

  return text != NULL ? text : "";
}

/* The field's value as it is sent ("" for an optional one left empty), or NULL and why not. */
static char *
normalise_field (RosterPersonForm  *self,
                 RosterPersonField  field,
                 GError           **error)
{
  const char *text = field_text (self, field);

  switch (field)
    {
    case ROSTER_PERSON_FIELD_FIRST_NAME:
      return roster_contact_normalise_first_name (text, error);
    case ROSTER_PERSON_FIELD_LAST_NAME:
      return roster_contact_normalise_last_name (text, self->last_name_required, error);
    case ROSTER_PERSON_FIELD_EMAIL:
      return roster_contact_normalise_email (text, error);
    case ROSTER_PERSON_FIELD_COUNTRY_CODE:
      return roster_contact_normalise_country_code (text, error);
    case ROSTER_PERSON_FIELD_PHONE:
      {
        /* A number that carries its own country code must agree with the one beside it. */
        g_autofree char *code = normalise_field (self, ROSTER_PERSON_FIELD_COUNTRY_CODE, NULL);

        return roster_contact_normalise_phone (text, code, NULL, error);
      }
    case ROSTER_PERSON_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* Why a field's text cannot be sent, or NULL when it can. */
static char *
dup_field_problem (RosterPersonForm  *self,
                   RosterPersonField  field)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = normalise_field (self, field, &error);

  return value == NULL ? g_strdup (error->message) : NULL;
}

/* ---- Validity -------------------------------------------------------------------------------- */

static void
update_fields (RosterPersonForm *self)
{
  adw_preferences_group_set_description (self->person_group,
                                         self->last_name_required
                                         ? _("First name, last name and email address are required.")
                                         : _("First name and email address are required."));

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *text = roster_person_form_dup_text (self, i);
      g_autofree char *problem = dup_field_problem (self, i);
      /* An empty required field is only pointed out once the user has been there. */
      gboolean shown = problem != NULL && (self->touched[i] || *text != '\0');

      gtk_label_set_text (self->field_errors[i], shown ? problem : "");
      gtk_widget_set_visible (GTK_WIDGET (self->field_errors[i]), shown);
      gtk_widget_set_tooltip_text (self->field_icons[i], shown ? problem : NULL);
      gtk_widget_set_visible (self->field_icons[i], shown);
      if (shown || self->server_marked[i])
        gtk_widget_add_css_class (GTK_WIDGET (self->field_rows[i]), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->field_rows[i]), "error");

      if (shown)
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->field_rows[i]),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (self->field_rows[i]),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
field_changed_cb (GtkEditable      *editable,
                  RosterPersonForm *self)
{
  if (self->suppress > 0)
    return;

  for (guint i = 0; i < N_FIELDS; i++)
    if (GTK_EDITABLE (self->field_rows[i]) == editable)
      {
        self->touched[i] = TRUE;
        self->server_marked[i] = FALSE;
      }

  update_fields (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Enter: whatever the owner does with it (register once everything is filled in), else on to
 * the next field, and from the last one every problem is shown. */
static void
entry_activated_cb (AdwEntryRow      *row,
                    RosterPersonForm *self)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[SUBMIT], 0, &handled);
  if (handled)
    return;

  if (row == self->field_rows[N_FIELDS - 1])
    {
      roster_person_form_reveal_problems (self);
      return;
    }
  for (guint i = 0; i + 1 < N_FIELDS; i++)
    if (self->field_rows[i] == row)
      gtk_widget_grab_focus (GTK_WIDGET (self->field_rows[i + 1]));
}

/* ---- GObject --------------------------------------------------------------------------------- */

static gboolean
roster_person_form_grab_focus (GtkWidget *widget)
{
  RosterPersonForm *self = ROSTER_PERSON_FORM (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->first_row));
}

static void
roster_person_form_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_PERSON_FORM);

  G_OBJECT_CLASS (roster_person_form_parent_class)->dispose (object);
}

static void
roster_person_form_class_init (RosterPersonFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_person_form_dispose;
  widget_class->grab_focus = roster_person_form_grab_focus;

  /**
   * RosterPersonForm::changed:
   *
   * The user changed a field.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * RosterPersonForm::submit:
   *
   * Enter was pressed in a field. Returns: %TRUE when the handler took it (and the focus is
   * not moved on).
   */
  signals[SUBMIT] =
    g_signal_new ("submit",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-person-form.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterPersonForm, person_group);
  gtk_widget_class_bind_template_child (widget_class, RosterPersonForm, first_row);
  gtk_widget_class_bind_template_child (widget_class, RosterPersonForm, last_row);
  gtk_widget_class_bind_template_child (widget_class, RosterPersonForm, email_row);
  gtk_widget_class_bind_template_child (widget_class, RosterPersonForm, country_code_row);
  gtk_widget_class_bind_template_child (widget_class, RosterPersonForm, phone_row);
  gtk_widget_class_bind_template_child (widget_class, RosterPersonForm, first_error);
  gtk_widget_class_bind_template_child (widget_class, RosterPersonForm, last_error);
  gtk_widget_class_bind_template_child (widget_class, RosterPersonForm, email_error);
  gtk_widget_class_bind_template_child (widget_class, RosterPersonForm, country_code_error);
  gtk_widget_class_bind_template_child (widget_class, RosterPersonForm, phone_error);
}

static void
roster_person_form_init (RosterPersonForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->field_rows[ROSTER_PERSON_FIELD_FIRST_NAME] = self->first_row;
  self->field_rows[ROSTER_PERSON_FIELD_LAST_NAME] = self->last_row;
  self->field_rows[ROSTER_PERSON_FIELD_EMAIL] = self->email_row;
  self->field_rows[ROSTER_PERSON_FIELD_COUNTRY_CODE] = self->country_code_row;
  self->field_rows[ROSTER_PERSON_FIELD_PHONE] = self->phone_row;
  self->field_errors[ROSTER_PERSON_FIELD_FIRST_NAME] = self->first_error;
  self->field_errors[ROSTER_PERSON_FIELD_LAST_NAME] = self->last_error;
  self->field_errors[ROSTER_PERSON_FIELD_EMAIL] = self->email_error;
  self->field_errors[ROSTER_PERSON_FIELD_COUNTRY_CODE] = self->country_code_error;
  self->field_errors[ROSTER_PERSON_FIELD_PHONE] = self->phone_error;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      /* The row's own sign of trouble; the words are below the group and in the row's
       * accessible description. */
      self->field_icons[i] = g_object_new (GTK_TYPE_IMAGE,
                                           "icon-name", "dialog-error-symbolic",
                                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                           NULL);
      gtk_widget_add_css_class (self->field_icons[i], "error");
      gtk_widget_set_visible (self->field_icons[i], FALSE);
      adw_entry_row_add_suffix (self->field_rows[i], self->field_icons[i]);

      g_signal_connect_object (self->field_rows[i], "changed",
                               G_CALLBACK (field_changed_cb), self, 0);
      g_signal_connect_object (self->field_rows[i], "entry-activated",
                               G_CALLBACK (entry_activated_cb), self, 0);
    }
}

/* ---- Public API ------------------------------------------------------------------------------ */

GtkWidget *
roster_person_form_new (void)
{
  return g_object_new (ROSTER_TYPE_PERSON_FORM, NULL);
}

/* Whether every field may be sent as it is. */
gboolean
roster_person_form_get_valid (RosterPersonForm *self)
{
  g_return_val_if_fail (ROSTER_IS_PERSON_FORM (self), FALSE);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *value = normalise_field (self, i, NULL);

      if (value == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Whether the webinar needs a last name, as only its server can say. */
void
roster_person_form_set_last_name_required (RosterPersonForm *self,
                                           gboolean          required)
{
  g_return_if_fail (ROSTER_IS_PERSON_FORM (self));

  self->last_name_required = !!required;
  update_fields (self);
}

/* Puts the person into @params as it is sent, by the same rules as roster-cli's: names,
 * email, and the phone as digits with its country code (the number's own when none is given
 * beside it). The form must be valid. */
void
roster_person_form_fill_params (RosterPersonForm     *self,
                                RosterRegisterParams *params)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ROSTER_IS_PERSON_FORM (self));
  g_return_if_fail (params != NULL);

  g_free (params->first_name);
  params->first_name = g_strdup (field_text (self, ROSTER_PERSON_FIELD_FIRST_NAME));
  g_free (params->last_name);
  params->last_name = g_strdup (field_text (self, ROSTER_PERSON_FIELD_LAST_NAME));
  g_free (params->email);
  params->email = g_strdup (field_text (self, ROSTER_PERSON_FIELD_EMAIL));
  g_free (params->phone_country_code);
  params->phone_country_code = g_strdup (field_text (self, ROSTER_PERSON_FIELD_COUNTRY_CODE));
  g_free (params->phone);
  params->phone = g_strdup (field_text (self, ROSTER_PERSON_FIELD_PHONE));

  if (!roster_contact_normalise_person (params, self->last_name_required, NULL, &error))
    g_critical ("The person form sent what it had not checked: %s", error->message);
}

/* The field's text as typed, without white space around it. */
char *
roster_person_form_dup_text (RosterPersonForm  *self,
                             RosterPersonField  field)
{
  g_return_val_if_fail (ROSTER_IS_PERSON_FORM (self), NULL);
  g_return_val_if_fail (field < N_FIELDS, NULL);

  return g_strstrip (g_strdup (field_text (self, field)));
}

/* Shows every problem, empty required fields included, and focuses the first. */
void
roster_person_form_reveal_problems (RosterPersonForm *self)
{
  g_return_if_fail (ROSTER_IS_PERSON_FORM (self));

  for (guint i = 0; i < N_FIELDS; i++)
    self->touched[i] = TRUE;
  update_fields (self);

  for (guint i = 0; i < N_FIELDS; i++)
    if (gtk_widget_get_visible (GTK_WIDGET (self->field_errors[i])))
      {
        gtk_widget_grab_focus (GTK_WIDGET (self->field_rows[i]));
        return;
      }
}

/* Marks @field as one a server's message is about, until it is changed or
 * roster_person_form_clear_errors(). Returns its row, to focus. */
GtkWidget *
roster_person_form_mark_error (RosterPersonForm  *self,
                               RosterPersonField  field)
{
  g_return_val_if_fail (ROSTER_IS_PERSON_FORM (self), NULL);
  g_return_val_if_fail (field < N_FIELDS, NULL);

  self->server_marked[field] = TRUE;
  update_fields (self);
  return GTK_WIDGET (self->field_rows[field]);
}

void
roster_person_form_clear_errors (RosterPersonForm *self)
{
  g_return_if_fail (ROSTER_IS_PERSON_FORM (self));

  for (guint i = 0; i < N_FIELDS; i++)
    self->server_marked[i] = FALSE;
  update_fields (self);
}

void
roster_person_form_focus (RosterPersonForm  *self,
                          RosterPersonField  field)
{
  g_return_if_fail (ROSTER_IS_PERSON_FORM (self));
  g_return_if_fail (field < N_FIELDS);

  gtk_widget_grab_focus (GTK_WIDGET (self->field_rows[field]));
}

/* Empties every field, for the next person, without pointing out what is now missing. */
void
roster_person_form_reset (RosterPersonForm *self)
{
  g_return_if_fail (ROSTER_IS_PERSON_FORM (self));

  self->suppress++;
  for (guint i = 0; i < N_FIELDS; i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->field_rows[i]), "");
      self->touched[i] = FALSE;
      self->server_marked[i] = FALSE;
    }
  self->suppress--;
  update_fields (self);
}
