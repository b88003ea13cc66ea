/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-register-dialog"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "roster-error.h"
#include "roster-fake-service.h"
#include "roster-register-dialog.h"
#include "roster-test-register.h"
#include "roster-test-ui.h"
#include "roster-test-util.h"

/* The "Register one person" dialog on screen (Xvfb) against the fake service over real HTTP on
 * loopback: bad input never reaches the API, a registration shows the person's own links, the
 * server's refusals show inline with the input kept, someone already registered is registered
 * again only when the user says so (test-register-target.c has whom they are registered for).
 * GTest makes warnings fatal, so a warning anywhere fails the test. */

/* ---- Input checks ---------------------------------------------------------------------------- */

static void
test_invalid_input (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *bad_emails[] = { "ada@example", "ada lovelace@example.org", "ada@@example.org",
                               "@example.org", "ada@.org", "ada", "a,b@example.org", NULL };
  GtkWidget *email = NULL;

  open_dialog (fixture, "Growth Masterclass");

  /* Nothing typed: nothing to send, and no scolding before the user has been anywhere. */
  g_assert_false (register_enabled (fixture));
  g_assert_false (label_shown (fixture, "Enter a first name."));
  try_to_register (fixture);
  /* Trying shows what is missing. */
  g_assert_true (label_shown (fixture, "Enter a first name."));
  g_assert_true (label_shown (fixture, "Enter an email address."));

  fill_person (fixture, "Ada", "", "ada@example.org");
  g_assert_true (register_enabled (fixture));
  g_assert_false (label_shown (fixture, "Enter a first name."));

  /* A bad email address. */
  email = entry_row (fixture, "Email address");
  for (guint i = 0; bad_emails[i] != NULL; i++)
    {
      set_field (fixture, "Email address", bad_emails[i]);
      g_assert_false (register_enabled (fixture));
      g_assert_true (gtk_widget_has_css_class (email, "error"));
      g_assert_true (label_shown (fixture, "Enter an email address such as name@example.org."));
      try_to_register (fixture);
    }
  pause_for_screenshot ("invalid");
  set_field (fixture, "Email address", "  ada@example.org ");
  g_assert_true (register_enabled (fixture));
  g_assert_false (gtk_widget_has_css_class (email, "error"));

  /* No first name. */
  set_field (fixture, "First name", "   ");
  g_assert_false (register_enabled (fixture));
  g_assert_true (label_shown (fixture, "Enter a first name."));
  g_assert_true (gtk_widget_has_css_class (entry_row (fixture, "First name"), "error"));
  try_to_register (fixture);
  set_field (fixture, "First name", "Ada");
  g_assert_true (register_enabled (fixture));

  /* Letters in the phone number; spaces and dashes are fine. */
  set_field (fixture, "Phone number", "555-12a4");
  g_assert_false (register_enabled (fixture));
  g_assert_true (gtk_widget_has_css_class (entry_row (fixture, "Phone number"), "error"));
  g_assert_true (label_shown (fixture, "Enter the phone number in digits; spaces and dashes are fine."));
  try_to_register (fixture);
  set_field (fixture, "Phone number", "555 123-4567");
  g_assert_true (register_enabled (fixture));
  g_assert_false (gtk_widget_has_css_class (entry_row (fixture, "Phone number"), "error"));
  /* The slash of German numbers is layout too, as in an import. */
  set_field (fixture, "Phone number", "030/1234567");
  g_assert_true (register_enabled (fixture));
  g_assert_false (gtk_widget_has_css_class (entry_row (fixture, "Phone number"), "error"));

  /* A country code that is none; "49" and "0049" are +49, as in an import. */
  for (const char *const *code = (const char *const[]) { "+4a", "+", "+0", "+12345", "UK", NULL };
       *code != NULL;
       code++)
    {
      set_field (fixture, "Phone country code", *code);
      g_assert_false (register_enabled (fixture));
      g_assert_true (gtk_widget_has_css_class (entry_row (fixture, "Phone country code"), "error"));
      g_assert_true (label_shown (fixture, "Enter the country code as a plus sign and digits, such as +49."));
      try_to_register (fixture);
    }
  set_field (fixture, "Phone country code", "+49");
  g_assert_true (register_enabled (fixture));
  set_field (fixture, "Phone country code", "0049");
  g_assert_true (register_enabled (fixture));

  /* A number that carries another country code than the one beside it. */
  set_field (fixture, "Phone number", "+44 20 7946 0958");
  g_assert_false (register_enabled (fixture));
  g_assert_true (gtk_widget_has_css_class (entry_row (fixture, "Phone number"), "error"));
  g_assert_true (label_shown (fixture, "The phone number starts with +44, but the country code is +49."));
  set_field (fixture, "Phone country code", "");
  g_assert_true (register_enabled (fixture));

  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 0);
  g_assert_cmpuint (fixture->registered->len, ==, 0);
}

/* What is sent follows core's contact rules, the import's: "49" is +49, a slash in a number
 * is layout, a number's own country code is used when none is given beside it, and names and
 * emails are sent cleaned. */
static void
test_contact_rules (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct {
    const char *code;
    const char *phone;
    const char *sent_code;
    const char *sent_phone;
  } cases[] = {
    { "49", "030/1234567", "+49", "0301234567" },
    { "", "+44 20 7946 0958", "+44", "2079460958" },
  };

  open_dialog (fixture, "Growth Masterclass");
  select_schedule (fixture, ROSTER_SCHEDULE_KIND_RECURRING);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *email = g_strdup_printf ("  contact%u@example.org ", i);
      g_autoptr(GHashTable) form = NULL;

      fill_person (fixture, " Ada  Augusta ", "", email);
      set_field (fixture, "Phone country code", cases[i].code);
      set_field (fixture, "Phone number", cases[i].phone);
      g_assert_true (register_enabled (fixture));
      gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
      wait_until (fixture, not_busy, 5000);
      roster_test_ui_iterate (50);

      g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, i + 1);
      form = roster_fake_service_dup_last_form (fixture->service, "register");
      g_assert_cmpstr (g_hash_table_lookup (form, "first_name"), ==, "Ada Augusta");
      g_assert_cmpstr (g_hash_table_lookup (form, "email"), ==, g_strstrip (email));
      g_assert_cmpstr (g_hash_table_lookup (form, "phone_country_code"), ==, cases[i].sent_code);
      g_assert_cmpstr (g_hash_table_lookup (form, "phone"), ==, cases[i].sent_phone);

      gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.another", NULL);
      roster_test_ui_iterate (50);
    }
}

/* ---- A registration -------------------------------------------------------------------------- */

typedef struct
{
  char     *text;
  gboolean  done;
} ReadState;

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReadState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  state->done = TRUE;
}

static char *
read_clipboard (Fixture *fixture)
{
  ReadState state = { NULL, FALSE };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture->dialog)), NULL,
                                 read_text_cb, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  return state.text;
}

static void
test_register (Fixture       *fixture,
               gconstpointer  data)
{
  RosterWebinar *webinar;
  RosterRegistration *registration;
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *live_prefix = NULL;
  g_autofree char *clipboard = NULL;
  g_autofree char *user_id = NULL;
  GtkWidget *stack;

  open_dialog (fixture, "Growth Masterclass");
  webinar = roster_register_dialog_get_webinar (fixture->dialog);
  select_schedule (fixture, ROSTER_SCHEDULE_KIND_RECURRING);

  fill_person (fixture, "Grace", "Hopper", "grace.hopper@example.org");
  set_field (fixture, "Phone country code", "+1");
  set_field (fixture, "Phone number", "555 123-4567");
  g_assert_true (register_enabled (fixture));
  pause_for_screenshot ("form");

  /* Enter in the last field registers. */
  g_signal_emit_by_name (entry_row (fixture, "Phone number"), "entry-activated");
  g_assert_true (roster_register_dialog_get_busy (fixture->dialog));
  /* Nothing can be changed meanwhile. */
  g_assert_false (gtk_widget_is_sensitive (entry_row (fixture, "Email address")));
  g_assert_false (register_enabled (fixture));
  wait_until (fixture, not_busy, 5000);
  roster_test_ui_iterate (100);

  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service,
                                                             roster_webinar_get_id (webinar),
                                                             "grace.hopper@example.org"), ==, 1);
  form = roster_fake_service_dup_last_form (fixture->service, "register");
  g_assert_cmpstr (g_hash_table_lookup (form, "first_name"), ==, "Grace");
  g_assert_cmpstr (g_hash_table_lookup (form, "last_name"), ==, "Hopper");
  g_assert_cmpstr (g_hash_table_lookup (form, "phone_country_code"), ==, "+1");
  /* Digits only, whatever was typed between them. */
  g_assert_cmpstr (g_hash_table_lookup (form, "phone"), ==, "5551234567");
  /* A recurring schedule of this webinar lists several sessions: the first is sent. */
  g_assert_nonnull (g_hash_table_lookup (form, "date"));
  g_assert_null (g_hash_table_lookup (form, "timezone"));

  /* The signal carries what the server answered, and the page shows it. */
  g_assert_cmpuint (fixture->registered->len, ==, 1);
  registration = g_ptr_array_index (fixture->registered, 0);
  g_assert_cmpstr (roster_registration_get_email (registration), ==, "grace.hopper@example.org");
  live_prefix = g_strdup_printf ("%s/live/%s/", roster_fake_service_get_base_url (fixture->service),
                                 roster_webinar_get_hash (webinar));
  g_assert_true (g_str_has_prefix (roster_registration_get_live_room_url (registration), live_prefix));

  stack = find (fixture, GTK_TYPE_STACK, NULL, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "result");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find (fixture, ADW_TYPE_ACTION_ROW, "title", "Live Room"))),
                   ==, roster_registration_get_live_room_url (registration));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find (fixture, ADW_TYPE_ACTION_ROW, "title", "Replay Room"))),
                   ==, roster_registration_get_replay_room_url (registration));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find (fixture, ADW_TYPE_ACTION_ROW, "title", "Thank-You Page"))),
                   ==, roster_registration_get_thank_you_url (registration));
  user_id = g_strdup_printf ("%" G_GINT64_FORMAT, roster_registration_get_user_id (registration));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find (fixture, ADW_TYPE_ACTION_ROW, "title", "User ID"))),
                   ==, user_id);
  g_assert_true (gtk_widget_get_mapped (find (fixture, ADW_TYPE_ACTION_ROW, "title", "Live Room")));
  g_assert_false (gtk_widget_get_visible (find (fixture, GTK_TYPE_BUTTON, "action-name", "register.register")));
  pause_for_screenshot ("result");

  /* Copy puts the live-room link on the clipboard and says so. */
  g_signal_emit_by_name (find (fixture, GTK_TYPE_BUTTON, "tooltip-text", "Copy Live Room Link"), "clicked");
  roster_test_ui_iterate (100);
  g_assert_true (label_shown (fixture, "Link copied"));
  clipboard = read_clipboard (fixture);
  g_assert_cmpstr (clipboard, ==, roster_registration_get_live_room_url (registration));
  pause_for_screenshot ("copied");

  /* Register Another: the form again, the person cleared, the webinar and schedule kept. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.another", NULL);
  roster_test_ui_iterate (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "form");
  for (const char *const *title = (const char *const[]) { "First name", "Last name", "Email address",
                                                           "Phone country code", "Phone number", NULL };
       *title != NULL;
       title++)
    {
      g_assert_cmpstr (get_field (fixture, *title), ==, "");
      g_assert_false (gtk_widget_has_css_class (entry_row (fixture, *title), "error"));
    }
  g_assert_true (roster_register_dialog_get_webinar (fixture->dialog) == webinar);
  g_assert_cmpint (roster_schedule_get_kind (adw_combo_row_get_selected_item (combo_row (fixture, "Schedule"))),
                   ==, ROSTER_SCHEDULE_KIND_RECURRING);
  g_assert_false (register_enabled (fixture));
  g_assert_false (label_shown (fixture, "Enter a first name."));

  /* And the next person goes the same way. */
  fill_person (fixture, "Alan", "", "alan@example.org");
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  wait_until (fixture, not_busy, 5000);
  g_assert_cmpuint (fixture->registered->len, ==, 2);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service,
                                                             roster_webinar_get_id (webinar),
                                                             "alan@example.org"), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service,
                                                             roster_webinar_get_id (webinar),
                                                             "grace.hopper@example.org"), ==, 1);
}

/* ---- The server says no ---------------------------------------------------------------------- */

static void
test_server_error (Fixture       *fixture,
                   gconstpointer  data)
{
  RosterWebinar *webinar;
  GtkWidget *last;

  /* This webinar needs a last name, which nothing tells before the server does (400). */
  open_dialog (fixture, "Pricing Psychology Workshop");
  webinar = roster_register_dialog_get_webinar (fixture->dialog);
  fill_person (fixture, "Ada", "", "ada@example.org");
  set_field (fixture, "Phone number", "020 7123 4567");
  g_assert_true (register_enabled (fixture));

  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  wait_until (fixture, not_busy, 5000);
  roster_test_ui_iterate (50);
  pause_for_screenshot ("server-error");

  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, roster_webinar_get_id (webinar),
                                                             "ada@example.org"), ==, 0);
  g_assert_cmpuint (fixture->registered->len, ==, 0);
  g_assert_true (message_shown (fixture, "The last name field is required."));
  last = entry_row (fixture, "Last name");
  g_assert_true (gtk_widget_has_css_class (last, "error"));
  /* Everything typed is kept. */
  g_assert_cmpstr (get_field (fixture, "First name"), ==, "Ada");
  g_assert_cmpstr (get_field (fixture, "Email address"), ==, "ada@example.org");
  g_assert_cmpstr (get_field (fixture, "Phone number"), ==, "020 7123 4567");
  g_assert_true (roster_register_dialog_get_webinar (fixture->dialog) == webinar);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find (fixture, GTK_TYPE_STACK, NULL, NULL))),
                   ==, "form");
  /* Now it is known: no last name, no call. */
  g_assert_false (register_enabled (fixture));

  set_field (fixture, "Last name", "Lovelace");
  g_assert_true (register_enabled (fixture));
  g_assert_false (gtk_widget_has_css_class (last, "error"));
  g_assert_false (message_shown (fixture, "The last name field is required."));
  set_field (fixture, "Last name", "");
  g_assert_false (register_enabled (fixture));
  g_assert_true (label_shown (fixture, "This webinar needs a last name."));
  set_field (fixture, "Last name", "Lovelace");

  /* A value the server refuses (422), that the dialog lets through. */
  set_field (fixture, "Email address", "ada..lovelace@example.org");
  g_assert_true (register_enabled (fixture));
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  wait_until (fixture, not_busy, 5000);
  roster_test_ui_iterate (50);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 2);
  g_assert_true (message_shown (fixture, "The email must be a valid email address."));
  g_assert_true (gtk_widget_has_css_class (entry_row (fixture, "Email address"), "error"));
  g_assert_cmpstr (get_field (fixture, "Email address"), ==, "ada..lovelace@example.org");
  g_assert_cmpstr (get_field (fixture, "Last name"), ==, "Lovelace");

  set_field (fixture, "Email address", "ada.lovelace@example.org");
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  wait_until (fixture, not_busy, 5000);
  g_assert_cmpuint (fixture->registered->len, ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, roster_webinar_get_id (webinar),
                                                             "ada.lovelace@example.org"), ==, 1);
}

/* The call went out and the answer was lost: say so, and offer no retry. */
static void
test_outcome_unknown (Fixture       *fixture,
                      gconstpointer  data)
{
  RosterWebinar *webinar;
  GtkWidget *row;
  const char *title;

  open_dialog (fixture, "Growth Masterclass");
  webinar = roster_register_dialog_get_webinar (fixture->dialog);
  fill_person (fixture, "Ada", "Lovelace", "ada@example.org");

  roster_fake_service_inject_fault_for_method (fixture->service, ROSTER_FAKE_FAULT_CLOSE_AFTER_PROCESSING,
                                               "register", 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  wait_until (fixture, not_busy, 10000);
  roster_test_ui_iterate (50);
  pause_for_screenshot ("outcome-unknown");

  /* The server did act, once; the dialog did not send again by itself. */
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, roster_webinar_get_id (webinar),
                                                             "ada@example.org"), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 1);
  g_assert_cmpuint (fixture->registered->len, ==, 0);

  row = roster_test_ui_find_widget_with_class (GTK_WIDGET (fixture->dialog), GTK_TYPE_IMAGE, "error");
  g_assert_nonnull (row);
  row = gtk_widget_get_ancestor (row, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_visible (row));
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_assert_true (g_str_has_prefix (title, "The registration may or may not have been made."));
  g_assert_nonnull (strstr (title, "ada@example.org"));
  g_assert_nonnull (strstr (title, "registrants"));
  g_assert_cmpstr (get_field (fixture, "Email address"), ==, "ada@example.org");

  /* Editing does not hide it: it is what the user must check first. */
  set_field (fixture, "First name", "Augusta Ada");
  g_assert_true (gtk_widget_is_visible (row));
}

/* ---- Already registered -------------------------------------------------------------------------- */

static GtkWindow *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
question_shown (Fixture *fixture)
{
  return find_message_dialog () != NULL;
}

/* Clicks the question's button, as a user does. */
static void
answer (const char *label)
{
  GtkWindow *message = find_message_dialog ();
  GtkWidget *button;

  g_assert_nonnull (message);
  button = roster_test_ui_find_widget (GTK_WIDGET (message), GTK_TYPE_BUTTON, "label", label);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  roster_test_ui_iterate (50);
  g_assert_null (find_message_dialog ());
}

/* Registering someone twice takes a second, deliberate yes. */
static void
test_already_registered (Fixture       *fixture,
                         gconstpointer  data)
{
  RosterWebinar *webinar;
  AdwMessageDialog *message;
  GtkWidget *stack;
  gint64 webinar_id;

  open_dialog (fixture, "Growth Masterclass");
  webinar = roster_register_dialog_get_webinar (fixture->dialog);
  webinar_id = roster_webinar_get_id (webinar);
  stack = find (fixture, GTK_TYPE_STACK, NULL, NULL);

  /* Not there yet: looked up, then registered, no question. */
  fill_person (fixture, "Grace", "Hopper", "grace.twice@example.org");
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  wait_until (fixture, not_busy, 5000);
  roster_test_ui_iterate (50);
  g_assert_null (find_message_dialog ());
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "registrants"), ==, 1);
  g_assert_cmpuint (fixture->registered->len, ==, 1);

  /* The same person again, typed another way. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.another", NULL);
  roster_test_ui_iterate (50);
  select_schedule (fixture, ROSTER_SCHEDULE_KIND_INSTANT_REPLAY);
  fill_person (fixture, "Grace", "Hopper", "Grace.Twice@Example.ORG");
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  wait_until (fixture, question_shown, 5000);
  g_assert_false (roster_register_dialog_get_busy (fixture->dialog));
  message = ADW_MESSAGE_DIALOG (find_message_dialog ());
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (message)) == GTK_WINDOW (fixture->dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (message)));
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Already Registered");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (message),
                                   "Grace.Twice@Example.ORG is already registered for this webinar."));
  /* When they signed up and for which session, as the registrants view shows them. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "\nSession: "));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "\nSigned up: "));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (message, "register"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (message), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (message), ==, "cancel");
  /* Nothing sent while the question is open. */
  g_assert_false (register_enabled (fixture));
  roster_test_ui_iterate (200);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 1);
  pause_for_screenshot ("already-registered");

  /* Cancel: nothing sent, everything typed kept. */
  answer ("_Cancel");
  roster_test_ui_iterate (200);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 1);
  g_assert_cmpuint (fixture->registered->len, ==, 1);
  g_assert_cmpstr (get_field (fixture, "Email address"), ==, "Grace.Twice@Example.ORG");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "form");
  g_assert_true (register_enabled (fixture));

  /* Asked again; Register Again sends it, once. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  wait_until (fixture, question_shown, 5000);
  answer ("_Register Again");
  wait_until (fixture, not_busy, 5000);
  roster_test_ui_iterate (50);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 2);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, webinar_id,
                                                             "grace.twice@example.org"), ==, 2);
  g_assert_cmpuint (fixture->registered->len, ==, 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "result");
}

/* The lookup fails: the user is told, and chooses. */
static void
test_lookup_failed (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwMessageDialog *message;
  gint64 webinar_id;

  open_dialog (fixture, "Growth Masterclass");
  webinar_id = roster_webinar_get_id (roster_register_dialog_get_webinar (fixture->dialog));
  fill_person (fixture, "Ada", "", "ada.unchecked@example.org");

  roster_fake_service_inject_fault_for_method (fixture->service, ROSTER_FAKE_FAULT_HTTP_500_HTML,
                                               "registrants", 100);
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  wait_until (fixture, question_shown, 10000);
  message = ADW_MESSAGE_DIALOG (find_message_dialog ());
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Could Not Check for an Earlier Registration");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (message),
                                   "Roster could not look up whether ada.unchecked@example.org is already registered"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (message, "register"), ==, ADW_RESPONSE_DESTRUCTIVE);
  pause_for_screenshot ("lookup-failed");
  answer ("_Cancel");
  roster_test_ui_iterate (100);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  wait_until (fixture, question_shown, 10000);
  answer ("_Register Anyway");
  wait_until (fixture, not_busy, 5000);
  g_assert_cmpuint (fixture->registered->len, ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, webinar_id,
                                                             "ada.unchecked@example.org"), ==, 1);
}

/* Closed while the question is open: its answer touches nothing. */
static void
test_close_while_asking (Fixture       *fixture,
                         gconstpointer  data)
{
  gpointer weak;

  open_dialog (fixture, "Growth Masterclass");
  fill_person (fixture, "Ada", "", "ada.closing@example.org");
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  wait_until (fixture, not_busy, 5000);
  g_assert_cmpuint (fixture->registered->len, ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.another", NULL);
  fill_person (fixture, "Ada", "", "ada.closing@example.org");
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  wait_until (fixture, question_shown, 5000);

  weak = fixture->dialog;
  g_object_add_weak_pointer (G_OBJECT (weak), &weak);
  g_clear_object (&fixture->dialog);
  roster_test_ui_destroy (weak);
  roster_test_ui_iterate (200);
  g_assert_null (weak);
  g_assert_null (find_message_dialog ());
  g_assert_cmpuint (roster_fake_service_get_n_calls (fixture->service, "register"), ==, 1);
}

/* ---- Closing ----------------------------------------------------------------------------------- */

static gboolean
activate_escape (GtkWidget *widget)
{
  g_autoptr(GtkShortcutTrigger) escape = gtk_keyval_trigger_new (GDK_KEY_Escape, 0);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), escape))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

static void
test_escape_closes (Fixture       *fixture,
                    gconstpointer  data)
{
  gpointer weak;

  open_dialog (fixture, "Growth Masterclass");
  weak = fixture->dialog;
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), &weak);
  g_clear_object (&fixture->dialog);

  g_assert_true (activate_escape (GTK_WIDGET (weak)));
  roster_test_ui_iterate (100);
  g_assert_null (weak);
}

/* Closed with calls in flight: they are cancelled, and their callbacks touch nothing. */
static void
test_close_in_flight (Fixture       *fixture,
                      gconstpointer  data)
{
  RosterWebinar *selected = find_webinar (fixture, "Growth Masterclass");
  gpointer weak;

  /* While `webinar` is on its way. */
  roster_fake_service_set_latency (fixture->service, 300, 0);
  fixture->dialog = roster_register_dialog_new (fixture->parent, fixture->client,
                                                G_LIST_MODEL (fixture->webinars), selected);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  roster_test_ui_iterate (50);
  g_assert_true (roster_register_dialog_get_loading (fixture->dialog));
  weak = fixture->dialog;
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), &weak);
  roster_test_ui_destroy (fixture->dialog);
  fixture->dialog = NULL;
  g_assert_null (weak);
  roster_test_ui_iterate (500);

  /* While `register` is. */
  roster_fake_service_set_latency (fixture->service, 0, 0);
  open_dialog (fixture, "Growth Masterclass");
  fill_person (fixture, "Ada", "", "ada@example.org");
  roster_fake_service_set_latency (fixture->service, 300, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "register.register", NULL);
  g_assert_true (roster_register_dialog_get_busy (fixture->dialog));
  roster_test_ui_iterate (50);
  weak = fixture->dialog;
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), &weak);
  g_clear_object (&fixture->dialog);
  roster_test_ui_destroy (weak);
  g_assert_null (weak);
  roster_test_ui_iterate (600);
  g_assert_cmpuint (fixture->registered->len, ==, 0);
}

/* Without the list, the one webinar given is the choice. */
static void
test_single_webinar (Fixture       *fixture,
                     gconstpointer  data)
{
  RosterWebinar *selected = find_webinar (fixture, "Webinar Funnel Teardown");

  fixture->dialog = roster_register_dialog_new (fixture->parent, fixture->client, NULL, selected);
  g_object_ref_sink (fixture->dialog);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  wait_until (fixture, detail_loaded, 5000);
  g_assert_cmpuint (g_list_model_get_n_items (roster_register_dialog_get_webinars (fixture->dialog)), ==, 1);
  g_assert_true (roster_register_dialog_get_webinar (fixture->dialog) == selected);

  /* Every control says what it is. */
  for (const char *const *title = (const char *const[]) { "Webinar", "Schedule", "Session", "Time Zone", NULL };
       *title != NULL;
       title++)
    g_assert_nonnull (combo_row (fixture, *title));
  g_assert_nonnull (gtk_widget_get_tooltip_text (find (fixture, GTK_TYPE_BUTTON, "action-name", "register.register")));
  g_assert_nonnull (gtk_widget_get_tooltip_text (find (fixture, GTK_TYPE_BUTTON, "action-name", "register.another")));
}

int
main (int   argc,
      char *argv[])
{
  roster_test_ui_init (&argc, &argv);
  if (g_getenv ("ROSTER_TEST_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/register-dialog/invalid-input", test_invalid_input);
  ADD ("/register-dialog/register", test_register);
  ADD ("/register-dialog/contact-rules", test_contact_rules);
  ADD ("/register-dialog/server-error", test_server_error);
  ADD ("/register-dialog/outcome-unknown", test_outcome_unknown);
  ADD ("/register-dialog/already-registered", test_already_registered);
  ADD ("/register-dialog/lookup-failed", test_lookup_failed);
  ADD ("/register-dialog/close-while-asking", test_close_while_asking);
  ADD ("/register-dialog/escape-closes", test_escape_closes);
  ADD ("/register-dialog/close-in-flight", test_close_in_flight);
  ADD ("/register-dialog/single-webinar", test_single_webinar);
#undef ADD

  return g_test_run ();
}
