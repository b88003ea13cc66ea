/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-register-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "roster-error.h"
#include "roster-person-form.h"
#include "roster-register-dialog.h"
#include "roster-registrant-lookup.h"
#include "roster-registration-page.h"
#include "roster-target-picker.h"
#include "roster-ui-call.h"

/* "Register one person": a webinar, one of its schedules (and a session of a series, in a zone
 * of the user's choice) in a RosterTargetPicker, then the person in a RosterPersonForm. Input is
 * checked as it is typed, by core's contact rules, and the Register action stays disabled until
 * it is valid, so bad input never reaches the API; what only the server knows (a webinar that
 * needs a last name) comes back as its own message, shown inline with everything typed kept. A
 * success shows the person's own links (RosterRegistrationPage). Before anything is sent the
 * person is looked up in the webinar: someone already registered (for any of its schedules) is
 * registered again only when the user says so. The dialog keeps this flow. */

struct _RosterRegisterDialog
{
  AdwWindow            parent_instance;

  RosterClient        *client;
  GListModel          *webinars;          /* the webinar row's model */
  RosterWebinar       *initial;           /* construct-time choice */
  gint64               webinar_id;        /* the one the server's words were about, or -1 */
  GCancellable        *cancellable;       /* everything; cancelled in dispose */
  RosterRegisterParams *pending;          /* looked up or asked about, not sent yet */
  gboolean             busy;
  gboolean             message_sticky;
  gboolean             ready;             /* constructed: "webinar" now chooses in the list */

  /* Template widgets */
  GtkButton           *close_button;
  GtkButton           *register_button;
  GtkSpinner          *spinner;
  GtkStack            *stack;
  GtkWidget           *form_box;
  AdwPreferencesGroup *message_group;
  AdwActionRow        *message_row;
  RosterTargetPicker  *picker;
  RosterPersonForm    *person_form;
  RosterRegistrationPage *result_page;
};

G_DEFINE_FINAL_TYPE (RosterRegisterDialog, roster_register_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_WEBINARS,
  PROP_WEBINAR,
  PROP_DETAIL,
  PROP_LOADING,
  PROP_BUSY,
  N_PROPS
};

enum {
  REGISTERED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_validity (RosterRegisterDialog *self);

/* ---- Messages -------------------------------------------------------------------------------- */

static void
show_message (RosterRegisterDialog *self,
              const char           *message,
              gboolean              sticky)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->message_row), message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_group), message != NULL);
  self->message_sticky = message != NULL && sticky;
}

static void
clear_server_marks (RosterRegisterDialog *self)
{
  roster_person_form_clear_errors (self->person_form);
  roster_target_picker_clear_errors (self->picker);
}

/* Input changed: a message about the old input no longer applies, unless it is one the user
 * must not miss (a registration that may have been made). */
static void
input_changed (RosterRegisterDialog *self)
{
  if (!self->message_sticky)
    show_message (self, NULL, FALSE);
}

/* Marks the rows that the server's message names. The server speaks of its fields
 * ("The last name field is required."), so that is what is looked for. */
static GtkWidget *
mark_server_fields (RosterRegisterDialog *self,
                    const char           *message)
{
  static const struct {
    const char *needle;
    int         field;   /* a RosterPersonField, or -1 for a row below */
    int         row;     /* a RosterTargetPickerRow, for a row of the target */
  } needles[] = {
    { "phone country code", ROSTER_PERSON_FIELD_COUNTRY_CODE, 0 },
    { "phone_country_code", ROSTER_PERSON_FIELD_COUNTRY_CODE, 0 },
    { "first name", ROSTER_PERSON_FIELD_FIRST_NAME, 0 }, { "first_name", ROSTER_PERSON_FIELD_FIRST_NAME, 0 },
    { "last name", ROSTER_PERSON_FIELD_LAST_NAME, 0 }, { "last_name", ROSTER_PERSON_FIELD_LAST_NAME, 0 },
    { "email", ROSTER_PERSON_FIELD_EMAIL, 0 }, { "phone", ROSTER_PERSON_FIELD_PHONE, 0 },
    { "timezone", -1, ROSTER_TARGET_PICKER_ROW_TIMEZONE },
    { "time zone", -1, ROSTER_TARGET_PICKER_ROW_TIMEZONE },
    { "date", -1, ROSTER_TARGET_PICKER_ROW_DATE },
    { "schedule", -1, ROSTER_TARGET_PICKER_ROW_SCHEDULE },
  };
  g_autofree char *lower = g_utf8_strdown (message, -1);
  g_auto(GStrv) parts = g_strsplit (lower, "; ", -1);
  GtkWidget *first = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      for (guint n = 0; n < G_N_ELEMENTS (needles); n++)
        {
          GtkWidget *row;

          if (strstr (parts[i], needles[n].needle) == NULL)
            continue;

          if (needles[n].field >= 0)
            {
              if (needles[n].field == ROSTER_PERSON_FIELD_LAST_NAME && strstr (parts[i], "required") != NULL)
                roster_person_form_set_last_name_required (self->person_form, TRUE);
              row = roster_person_form_mark_error (self->person_form, needles[n].field);
            }
          else
            row = roster_target_picker_mark_error (self->picker, needles[n].row);
          if (first == NULL)
            first = row;
          /* One field per part: "phone country code" is not also "phone". */
          break;
        }
    }

  return first;
}

/* ---- Validity -------------------------------------------------------------------------------- */

static gboolean
form_is_complete (RosterRegisterDialog *self)
{
  return !self->busy && self->pending == NULL && roster_target_picker_get_valid (self->picker);
}

/* Whether Register may send: every field fine and a webinar, schedule (and session) chosen. */
static gboolean
form_is_valid (RosterRegisterDialog *self)
{
  return roster_person_form_get_valid (self->person_form) && form_is_complete (self);
}

static void
update_validity (RosterRegisterDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.register", form_is_valid (self));
}

static void
person_changed_cb (RosterRegisterDialog *self)
{
  input_changed (self);
  update_validity (self);
}

/* Enter in a field registers once everything is filled in. */
static gboolean
person_submit_cb (RosterRegisterDialog *self)
{
  if (!form_is_valid (self))
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), "register.register", NULL);
  return TRUE;
}

static void
set_busy (RosterRegisterDialog *self,
          gboolean              busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_widget_set_sensitive (self->form_box, !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_validity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ---- Target ---------------------------------------------------------------------------------- */

static void
picker_changed_cb (RosterRegisterDialog *self)
{
  RosterWebinar *webinar = roster_target_picker_get_webinar (self->picker);
  gint64 webinar_id = webinar != NULL ? roster_webinar_get_id (webinar) : -1;
  const char *message = roster_target_picker_get_message (self->picker);

  if (webinar_id != self->webinar_id)
    {
      /* What the server said of the last webinar says nothing of this one. */
      self->webinar_id = webinar_id;
      roster_person_form_set_last_name_required (self->person_form, FALSE);
      clear_server_marks (self);
      self->message_sticky = FALSE;
      show_message (self, NULL, FALSE);
    }
  else
    input_changed (self);

  /* The schedules could not be loaded, or there are none. */
  if (message != NULL)
    show_message (self, message, FALSE);
  update_validity (self);
}

/* "webinar", "detail" and "loading" are the picker's. */
static void
picker_notify_cb (RosterRegisterDialog *self,
                  GParamSpec           *pspec)
{
  g_object_notify_by_pspec (G_OBJECT (self),
                            g_object_class_find_property (G_OBJECT_GET_CLASS (self), pspec->name));
}

/* ---- Register ---------------------------------------------------------------------------------- */

static void
show_registration (RosterRegisterDialog *self,
                   RosterRegistration   *registration)
{
  g_autofree char *title = roster_target_picker_dup_webinar_title (self->picker);

  roster_registration_page_show (self->result_page, registration, title);
  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_button_set_label (self->close_button, _("_Close"));
  gtk_widget_set_visible (GTK_WIDGET (self->register_button), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->result_page));
}

static void
register_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RosterUiCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistration) registration = NULL;
  RosterRegisterDialog *self;
  GtkWidget *focus = NULL;

  registration = roster_client_register_finish (ROSTER_CLIENT (object), result, &error);
  self = roster_ui_call_get_owner (call);
  if (self == NULL)
    return;

  set_busy (self, FALSE);

  if (registration != NULL)
    {
      show_registration (self, registration);
      g_signal_emit (self, signals[REGISTERED], 0, registration);
      return;
    }

  if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_OUTCOME_UNKNOWN))
    {
      g_autofree char *email = roster_person_form_dup_text (self->person_form, ROSTER_PERSON_FIELD_EMAIL);
      g_autofree char *message = NULL;

      /* Never offered again as is: a second call may register the person twice. */
      /* Translators: %s is an email address, then the cause on a line of its own */
      message = g_strdup_printf (_("The registration may or may not have been made. Look for %s "
                                   "in the webinar’s registrants before you try again, so that "
                                   "nobody is registered twice.\n%s"),
                                 email, error->message);
      show_message (self, message, TRUE);
    }
  else
    {
      /* The server's own words; the rows they name are marked. */
      show_message (self, error->message, FALSE);
      focus = mark_server_fields (self, error->message);
    }

  update_validity (self);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

/* Sends what was looked up (and perhaps asked about). */
static void
send_pending (RosterRegisterDialog *self)
{
  g_autoptr(RosterRegisterParams) params = g_steal_pointer (&self->pending);

  set_busy (self, TRUE);
  roster_client_register_async (self->client, params, ROSTER_PRIORITY_INTERACTIVE,
                                self->cancellable, register_cb,
                                roster_ui_call_new (self, self->cancellable));
}

static void
confirm_response_cb (AdwMessageDialog     *dialog,
                     const char           *response,
                     RosterRegisterDialog *self)
{
  /* The dialog went first (dispose cancels): nothing here to touch. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (g_str_equal (response, "register"))
    {
      send_pending (self);
      return;
    }

  g_clear_pointer (&self->pending, roster_register_params_free);
  update_validity (self);
  roster_person_form_focus (self->person_form, ROSTER_PERSON_FIELD_EMAIL);
}

/* The person is registered already (@found), or whether they are could not be told (@error):
 * the user decides. */
static void
ask_before_sending (RosterRegisterDialog *self,
                    RosterRegistrant     *found,
                    const GError         *error)
{
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;
  const char *heading;
  const char *button;

  if (found != NULL)
    {
      g_autofree char *session = roster_registrant_dup_session_text (found);
      g_autofree char *signup = roster_registrant_dup_signup_text (found);

      heading = _("Already Registered");
      button = _("_Register Again");
      /* Translators: %s is an email address */
      g_string_append_printf (body, _("%s is already registered for this webinar."), self->pending->email);
      g_string_append_c (body, '\n');
      if (*session != '\0')
        {
          g_string_append_c (body, '\n');
          /* Translators: %s is the date and time of the session someone is registered for */
          g_string_append_printf (body, _("Session: %s"), session);
        }
      if (*signup != '\0')
        {
          g_string_append_c (body, '\n');
          /* Translators: %s is the date and time someone signed up */
          g_string_append_printf (body, _("Signed up: %s"), signup);
        }
      g_string_append (body, "\n\n");
      g_string_append (body, _("Registering them again may give them a second registration."));
    }
  else
    {
      heading = _("Could Not Check for an Earlier Registration");
      button = _("_Register Anyway");
      /* Translators: %s is an email address, then the cause on a line of its own */
      g_string_append_printf (body, _("Roster could not look up whether %s is already registered "
                                      "for this webinar.\n%s"),
                              self->pending->email, error->message);
      g_string_append (body, "\n\n");
      g_string_append (body, _("Register only if you are sure they are not, or cancel and try again later."));
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body->str));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "register", button,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "register", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
find_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RosterUiCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistrant) found = NULL;
  RosterRegisterDialog *self;

  found = roster_client_find_registrant_finish (ROSTER_CLIENT (object), result, &error);
  self = roster_ui_call_get_owner (call);
  if (self == NULL)
    return;

  if (found == NULL && error == NULL)
    {
      send_pending (self);
      return;
    }

  set_busy (self, FALSE);
  ask_before_sending (self, found, error);
}

static void
register_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RosterRegisterDialog *self = ROSTER_REGISTER_DIALOG (widget);
  g_autoptr(RosterRegisterParams) params = NULL;

  /* The action is disabled while the form is invalid; this is the last guard. */
  if (!form_is_valid (self))
    {
      roster_person_form_reveal_problems (self->person_form);
      return;
    }

  params = roster_register_params_new ();
  params->webinar_id = roster_webinar_get_id (roster_target_picker_get_webinar (self->picker));
  params->schedule_id = roster_target_picker_get_schedule_id (self->picker);
  roster_person_form_fill_params (self->person_form, params);
  /* The date is in the zone the schedules were fetched in; the server needs the same. Both
   * are NULL for WebinarJam, which takes neither. */
  params->date = g_strdup (roster_target_picker_get_date (self->picker));
  params->timezone = g_strdup (roster_target_picker_get_timezone (self->picker));

  clear_server_marks (self);
  show_message (self, NULL, FALSE);
  set_busy (self, TRUE);

  /* Looked up first: one person, one registration, unless the user says otherwise. */
  roster_client_find_registrant_async (self->client, params->webinar_id, 0, params->email,
                                       ROSTER_PRIORITY_INTERACTIVE, self->cancellable, find_cb,
                                       roster_ui_call_new (self, self->cancellable));
  self->pending = g_steal_pointer (&params);
}

/* ---- Result page ------------------------------------------------------------------------------- */

/* Back to the form for the next person: same webinar, schedule and session. */
static void
another_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RosterRegisterDialog *self = ROSTER_REGISTER_DIALOG (widget);

  roster_person_form_reset (self->person_form);
  roster_registration_page_clear (self->result_page);
  show_message (self, NULL, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "form");
  gtk_button_set_label (self->close_button, _("_Cancel"));
  gtk_widget_set_visible (GTK_WIDGET (self->register_button), TRUE);
  update_validity (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->person_form));
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
roster_register_dialog_constructed (GObject *object)
{
  RosterRegisterDialog *self = ROSTER_REGISTER_DIALOG (object);

  G_OBJECT_CLASS (roster_register_dialog_parent_class)->constructed (object);

  g_assert (self->client != NULL);

  if (self->webinars == NULL)
    {
      GListStore *store = g_list_store_new (ROSTER_TYPE_WEBINAR);

      if (self->initial != NULL)
        g_list_store_append (store, self->initial);
      self->webinars = G_LIST_MODEL (store);
    }

  /* The list chooses none at first, so the first choice is fetched once: the one given, or
   * else the first. */
  roster_target_picker_set_client (self->picker, self->client);
  roster_target_picker_set_webinars (self->picker, self->webinars);
  if (self->initial != NULL)
    roster_target_picker_set_webinar (self->picker, self->initial);
  if (roster_target_picker_get_webinar (self->picker) == NULL &&
      g_list_model_get_n_items (self->webinars) > 0)
    {
      g_autoptr(RosterWebinar) first = g_list_model_get_item (self->webinars, 0);

      roster_target_picker_set_webinar (self->picker, first);
    }
  self->ready = TRUE;

  gtk_widget_grab_focus (GTK_WIDGET (self->person_form));
}

static void
roster_register_dialog_dispose (GObject *object)
{
  RosterRegisterDialog *self = ROSTER_REGISTER_DIALOG (object);

  /* Callbacks check these before touching anything. */
  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_REGISTER_DIALOG);

  G_OBJECT_CLASS (roster_register_dialog_parent_class)->dispose (object);
}

static void
roster_register_dialog_finalize (GObject *object)
{
  RosterRegisterDialog *self = ROSTER_REGISTER_DIALOG (object);

  g_clear_object (&self->client);
  g_clear_object (&self->webinars);
  g_clear_object (&self->initial);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending, roster_register_params_free);

  G_OBJECT_CLASS (roster_register_dialog_parent_class)->finalize (object);
}

static void
roster_register_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RosterRegisterDialog *self = ROSTER_REGISTER_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_WEBINARS:
      g_value_set_object (value, self->webinars);
      break;
    case PROP_WEBINAR:
      g_value_set_object (value, roster_register_dialog_get_webinar (self));
      break;
    case PROP_DETAIL:
      g_value_set_object (value, roster_register_dialog_get_detail (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, roster_register_dialog_get_loading (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_register_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RosterRegisterDialog *self = ROSTER_REGISTER_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_WEBINARS:
      self->webinars = g_value_dup_object (value);
      break;
    case PROP_WEBINAR:
      /* Before construction this is the first choice; afterwards it chooses in the list. */
      if (!self->ready)
        g_set_object (&self->initial, g_value_get_object (value));
      else
        roster_register_dialog_set_webinar (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_register_dialog_class_init (RosterRegisterDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = roster_register_dialog_constructed;
  object_class->dispose = roster_register_dialog_dispose;
  object_class->finalize = roster_register_dialog_finalize;
  object_class->get_property = roster_register_dialog_get_property;
  object_class->set_property = roster_register_dialog_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         ROSTER_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* RosterWebinar items, as the webinar list has them. */
  properties[PROP_WEBINARS] =
    g_param_spec_object ("webinars", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_WEBINAR] =
    g_param_spec_object ("webinar", NULL, NULL,
                         ROSTER_TYPE_WEBINAR,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DETAIL] =
    g_param_spec_object ("detail", NULL, NULL,
                         ROSTER_TYPE_WEBINAR,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RosterRegisterDialog::registered:
   * @registration: what `register` answered, with the person's own links
   *
   * A person was registered; the registrants on screen are out of date.
   */
  signals[REGISTERED] =
    g_signal_new ("registered",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ROSTER_TYPE_REGISTRATION);

  g_type_ensure (ROSTER_TYPE_TARGET_PICKER);
  g_type_ensure (ROSTER_TYPE_PERSON_FORM);
  g_type_ensure (ROSTER_TYPE_REGISTRATION_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-register-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterRegisterDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, RosterRegisterDialog, register_button);
  gtk_widget_class_bind_template_child (widget_class, RosterRegisterDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterRegisterDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterRegisterDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, RosterRegisterDialog, message_group);
  gtk_widget_class_bind_template_child (widget_class, RosterRegisterDialog, message_row);
  gtk_widget_class_bind_template_child (widget_class, RosterRegisterDialog, picker);
  gtk_widget_class_bind_template_child (widget_class, RosterRegisterDialog, person_form);
  gtk_widget_class_bind_template_child (widget_class, RosterRegisterDialog, result_page);

  gtk_widget_class_install_action (widget_class, "register.register", NULL, register_action);
  gtk_widget_class_install_action (widget_class, "register.another", NULL, another_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
roster_register_dialog_init (RosterRegisterDialog *self)
{
  static const char * const forwarded[] = { "notify::webinar", "notify::detail", "notify::loading" };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->webinar_id = -1;

  g_signal_connect_object (self->person_form, "changed",
                           G_CALLBACK (person_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->person_form, "submit",
                           G_CALLBACK (person_submit_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->picker, "changed",
                           G_CALLBACK (picker_changed_cb), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (forwarded); i++)
    g_signal_connect_object (self->picker, forwarded[i],
                             G_CALLBACK (picker_notify_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.register", FALSE);
}

/* ---- Public API ------------------------------------------------------------------------------ */

/**
 * roster_register_dialog_new:
 * @parent: (nullable): the main window
 * @client: the account's client
 * @webinars: (nullable): RosterWebinar items to choose from, as the webinar list has them
 * @selected: (nullable): the webinar chosen at first
 *
 * Without @webinars, @selected is the only choice.
 */
RosterRegisterDialog *
roster_register_dialog_new (GtkWindow     *parent,
                            RosterClient  *client,
                            GListModel    *webinars,
                            RosterWebinar *selected)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (webinars == NULL || G_IS_LIST_MODEL (webinars), NULL);
  g_return_val_if_fail (selected == NULL || ROSTER_IS_WEBINAR (selected), NULL);

  return g_object_new (ROSTER_TYPE_REGISTER_DIALOG,
                       "transient-for", parent,
                       "client", client,
                       "webinars", webinars,
                       "webinar", selected,
                       NULL);
}

RosterClient *
roster_register_dialog_get_client (RosterRegisterDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTER_DIALOG (self), NULL);

  return self->client;
}

GListModel *
roster_register_dialog_get_webinars (RosterRegisterDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTER_DIALOG (self), NULL);

  return self->webinars;
}

/* The webinar chosen in the dialog, as the list has it. */
RosterWebinar *
roster_register_dialog_get_webinar (RosterRegisterDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTER_DIALOG (self), NULL);

  return self->picker != NULL ? roster_target_picker_get_webinar (self->picker) : NULL;
}

/* Chooses @webinar (matched by ID) when the list has it. */
void
roster_register_dialog_set_webinar (RosterRegisterDialog *self,
                                    RosterWebinar        *webinar)
{
  g_return_if_fail (ROSTER_IS_REGISTER_DIALOG (self));
  g_return_if_fail (webinar == NULL || ROSTER_IS_WEBINAR (webinar));

  if (webinar != NULL)
    roster_target_picker_set_webinar (self->picker, webinar);
}

/* The chosen webinar as `webinar` answered, with its schedules, or NULL while loading. */
RosterWebinar *
roster_register_dialog_get_detail (RosterRegisterDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTER_DIALOG (self), NULL);

  return self->picker != NULL ? roster_target_picker_get_detail (self->picker) : NULL;
}

/* Whether the chosen webinar's schedules are being fetched. */
gboolean
roster_register_dialog_get_loading (RosterRegisterDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTER_DIALOG (self), FALSE);

  return self->picker != NULL && roster_target_picker_get_loading (self->picker);
}

/* Whether a registration is in flight. */
gboolean
roster_register_dialog_get_busy (RosterRegisterDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTER_DIALOG (self), FALSE);

  return self->busy;
}
