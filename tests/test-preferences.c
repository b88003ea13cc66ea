/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-preferences"

#include "config.h"

#include <adwaita.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <string.h>

#include "roster-account-store.h"
#include "roster-import-memory.h"
#include "roster-keyring.h"
#include "roster-preferences-window.h"
#include "roster-remembered-mappings-group.h"
#include "roster-stored-people-group.h"
#include "roster-test-people.h"
#include "roster-test-ui.h"
#include "roster-test-util.h"

/* The preferences window against a real account store (memory settings): the rows follow the
 * store, and renaming and forgetting through the window's own dialogs change the store. The
 * keyring case runs against the throwaway gnome-keyring of build-aux/test-session.sh and skips
 * without one. */

typedef struct
{
  GSettings               *settings;
  RosterAccountStore      *store;
  GtkWindow               *parent;
  GSimpleActionGroup      *parent_actions;
  guint                    n_connects;
  RosterPreferencesWindow *window;
} Fixture;

static void
connect_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  Fixture *fixture = user_data;

  fixture->n_connects++;
}

static void
add_session_account (Fixture       *fixture,
                     const char    *name,
                     RosterProduct  product,
                     const char    *endpoint)
{
  g_autoptr(GError) error = NULL;
  RosterAccount *account;

  account = roster_account_store_add_session_only (fixture->store, name, product, endpoint,
                                                   "test-key-not-secret", &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_object_unref (account);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  const GActionEntry entries[] = { { .name = "connect", .activate = connect_activated_cb } };

  fixture->settings = g_settings_new_with_backend (ROSTER_SETTINGS_SCHEMA_ID, backend);
  fixture->store = roster_account_store_new_with_settings (fixture->settings);

  /* A stand-in for the main window: all the preferences need of it is "win.connect". */
  fixture->parent = GTK_WINDOW (gtk_window_new ());
  fixture->parent_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (fixture->parent_actions), entries,
                                   G_N_ELEMENTS (entries), fixture);
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->parent), "win",
                                  G_ACTION_GROUP (fixture->parent_actions));
  gtk_window_present (fixture->parent);

  if (GPOINTER_TO_INT (data))
    {
      add_session_account (fixture, "Webinars Inc", ROSTER_PRODUCT_EVERWEBINAR, NULL);
      add_session_account (fixture, "Jam & <Co>", ROSTER_PRODUCT_WEBINARJAM, "http://127.0.0.1:9/jam");
    }
}

/* For screenshots: ROSTER_TEST_PAUSE_MS holds the window still at interesting moments. */
static void
pause_for_screenshot (void)
{
  const char *pause = g_getenv ("ROSTER_TEST_PAUSE_MS");

  if (pause != NULL)
    roster_test_ui_iterate ((guint) g_ascii_strtoull (pause, NULL, 10));
}

static void
open_window (Fixture *fixture)
{
  fixture->window = roster_preferences_window_new (fixture->parent, fixture->store);
  g_object_ref_sink (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  roster_test_ui_iterate (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  pause_for_screenshot ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      gpointer weak = fixture->window;

      /* Nothing but the fixture may keep the window alive once it is destroyed. */
      g_object_add_weak_pointer (G_OBJECT (fixture->window), &weak);
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      g_clear_object (&fixture->window);
      roster_test_ui_iterate (50);
      g_assert_null (weak);
    }

  gtk_window_destroy (fixture->parent);
  g_clear_object (&fixture->parent_actions);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->settings);
  roster_test_ui_iterate (20);
}

/* ---- Helpers --------------------------------------------------------------------------------- */

static AdwActionRow *
find_row (Fixture    *fixture,
          const char *title)
{
  return (AdwActionRow *) roster_test_ui_find_widget (GTK_WIDGET (fixture->window),
                                                      ADW_TYPE_ACTION_ROW, "title", title);
}

static GtkWidget *
find_row_button (AdwActionRow *row,
                 const char   *action_name)
{
  return roster_test_ui_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON, "action-name", action_name);
}

/* The message dialog over the preferences, once it shows. */
static AdwMessageDialog *
find_dialog (Fixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (fixture->window) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static AdwMessageDialog *
click_for_dialog (Fixture    *fixture,
                  const char *row_title,
                  const char *action_name)
{
  AdwActionRow *row = find_row (fixture, row_title);
  GtkWidget *button;
  AdwMessageDialog *dialog;

  g_assert_nonnull (row);
  button = find_row_button (row, action_name);
  g_assert_nonnull (button);
  g_assert_null (find_dialog (fixture));

  g_assert_true (gtk_widget_is_sensitive (button));
  /* "clicked" rather than gtk_widget_activate(), which only clicks after a visual delay */
  g_signal_emit_by_name (button, "clicked");
  roster_test_ui_iterate (100);

  dialog = find_dialog (fixture);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));

  return dialog;
}

/* Whether the row of this title shows its "In Use" tag */
static gboolean
row_in_use (Fixture    *fixture,
            const char *title)
{
  AdwActionRow *row = find_row (fixture, title);
  GtkWidget *label;

  g_assert_nonnull (row);
  label = roster_test_ui_find_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, "label", "In Use");
  return label != NULL && gtk_widget_is_visible (label);
}

/* The account the main window works with is marked; in the demo, the demo is. */
static void
test_in_use (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(RosterAccount) demo = roster_account_new_demo ("http://127.0.0.1:9/demo", "demo-key");
  RosterAccount *jam = roster_account_store_lookup (fixture->store, "Jam & <Co>");
  GtkWidget *demo_row;

  open_window (fixture);
  g_assert_false (row_in_use (fixture, "Webinars Inc"));
  g_assert_false (row_in_use (fixture, "Jam & <Co>"));

  roster_preferences_window_set_active_account (fixture->window, jam);
  roster_test_ui_iterate (50);
  g_assert_false (row_in_use (fixture, "Webinars Inc"));
  g_assert_true (row_in_use (fixture, "Jam & <Co>"));
  demo_row = GTK_WIDGET (find_row (fixture, "Demo"));
  g_assert_false (demo_row != NULL && gtk_widget_is_visible (demo_row));

  roster_preferences_window_set_active_account (fixture->window, demo);
  roster_test_ui_iterate (50);
  pause_for_screenshot ();
  g_assert_false (row_in_use (fixture, "Webinars Inc"));
  g_assert_false (row_in_use (fixture, "Jam & <Co>"));
  g_assert_true (row_in_use (fixture, "Demo"));
}

/* Answers as the user does, then lets the dialog close as it does after a click. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
wait_for_account (RosterAccountStore *store,
                  const char         *name,
                  gboolean            present)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      if ((roster_account_store_lookup (store, name) != NULL) == present)
        return TRUE;
      roster_test_ui_iterate (10);
    }

  return FALSE;
}

/* ---- Tests ----------------------------------------------------------------------------------- */

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  AdwActionRow *row;
  GtkWidget *empty_row;

  open_window (fixture);

  row = find_row (fixture, "Webinars Inc");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "EverWebinar"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "https://"));

  /* Markup characters in a name are shown as they are. */
  row = find_row (fixture, "Jam & <Co>");
  g_assert_nonnull (row);
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "WebinarJam · http://127.0.0.1:9/jam"));

  /* Each button says what it does. */
  for (const char *const *action = (const char *const[]) { "account.rename", "account.forget", NULL };
       *action != NULL;
       action++)
    {
      GtkWidget *button = find_row_button (row, *action);

      g_assert_nonnull (button);
      g_assert_nonnull (gtk_widget_get_tooltip_text (button));
      g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)), NULL),
                       ==, "Jam & <Co>");
    }

  empty_row = roster_test_ui_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_ACTION_ROW,
                                          "title", "No accounts yet");
  g_assert_true (empty_row == NULL || !gtk_widget_get_mapped (empty_row));

  /* An account added meanwhile (by the connect dialog, say) shows up at once. */
  add_session_account (fixture, "Later", ROSTER_PRODUCT_EVERWEBINAR, NULL);
  roster_test_ui_iterate (50);
  g_assert_nonnull (find_row (fixture, "Later"));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *empty_row;

  open_window (fixture);

  empty_row = roster_test_ui_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_ACTION_ROW,
                                          "title", "No accounts yet");
  g_assert_nonnull (empty_row);
  g_assert_true (gtk_widget_get_mapped (empty_row));

  add_session_account (fixture, "First", ROSTER_PRODUCT_EVERWEBINAR, NULL);
  roster_test_ui_iterate (50);
  g_assert_false (gtk_widget_get_mapped (empty_row));
}

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  GtkWidget *error_label;
  RosterAccount *account;

  open_window (fixture);
  account = roster_account_store_lookup (fixture->store, "Webinars Inc");

  dialog = click_for_dialog (fixture, "Webinars Inc", "account.rename");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Rename “Webinars Inc”");

  entry = roster_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL, NULL);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Webinars Inc");
  /* The name as it is renames nothing. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));

  /* An empty name and a taken one are refused, with the reason. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  error_label = roster_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL,
                                            "label", "An account needs a name.");
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "Jam & <Co>");
  pause_for_screenshot ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), ==,
                   "There is already an account named “Jam & <Co>”.");

  gtk_editable_set_text (GTK_EDITABLE (entry), "  Renamed Account ");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rename"));
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));

  respond (dialog, "rename");
  g_assert_true (wait_for_account (fixture->store, "Renamed Account", TRUE));
  g_assert_true (roster_account_store_lookup (fixture->store, "Renamed Account") == account);
  g_assert_null (roster_account_store_lookup (fixture->store, "Webinars Inc"));
  roster_test_ui_iterate (50);
  g_assert_nonnull (find_row (fixture, "Renamed Account"));
  g_assert_null (find_row (fixture, "Webinars Inc"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 2);
}

static void
test_rename_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  open_window (fixture);

  dialog = click_for_dialog (fixture, "Webinars Inc", "account.rename");
  entry = roster_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Not Wanted");
  respond (dialog, "cancel");
  roster_test_ui_iterate (100);

  g_assert_nonnull (roster_account_store_lookup (fixture->store, "Webinars Inc"));
  g_assert_null (roster_account_store_lookup (fixture->store, "Not Wanted"));
}

static void
test_forget (Fixture       *fixture,
             gconstpointer  data)
{
  AdwMessageDialog *dialog;

  open_window (fixture);

  dialog = click_for_dialog (fixture, "Jam & <Co>", "account.forget");
  pause_for_screenshot ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Forget “Jam & <Co>”?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Roster removes the account and deletes its API key from the keyring.");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "forget"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  /* Enter does not forget anything. */
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");

  respond (dialog, "forget");
  g_assert_true (wait_for_account (fixture->store, "Jam & <Co>", FALSE));
  roster_test_ui_iterate (50);
  g_assert_null (find_row (fixture, "Jam & <Co>"));
  g_assert_nonnull (find_row (fixture, "Webinars Inc"));

  /* Forgetting the last one leaves the empty state. */
  dialog = click_for_dialog (fixture, "Webinars Inc", "account.forget");
  respond (dialog, "forget");
  g_assert_true (wait_for_account (fixture->store, "Webinars Inc", FALSE));
  roster_test_ui_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);
  g_assert_true (gtk_widget_get_mapped (roster_test_ui_find_widget (GTK_WIDGET (fixture->window),
                                                                    ADW_TYPE_ACTION_ROW, "title",
                                                                    "No accounts yet")));
}

static void
test_forget_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwMessageDialog *dialog;

  open_window (fixture);

  dialog = click_for_dialog (fixture, "Jam & <Co>", "account.forget");
  respond (dialog, "cancel");
  roster_test_ui_iterate (100);
  g_assert_nonnull (roster_account_store_lookup (fixture->store, "Jam & <Co>"));

  /* Closing the dialog (Escape) is cancelling too. */
  dialog = click_for_dialog (fixture, "Jam & <Co>", "account.forget");
  gtk_window_close (GTK_WINDOW (dialog));
  roster_test_ui_iterate (100);
  g_assert_null (find_dialog (fixture));
  g_assert_nonnull (roster_account_store_lookup (fixture->store, "Jam & <Co>"));
  g_assert_nonnull (find_row (fixture, "Jam & <Co>"));
}

static void
remove_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (roster_account_store_remove_finish (ROSTER_ACCOUNT_STORE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* The account went away while its dialog was open: the store's refusal shows as a toast. */
static void
test_forget_error_toast (Fixture       *fixture,
                         gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *toast_label;
  gboolean done = FALSE;

  open_window (fixture);

  dialog = click_for_dialog (fixture, "Webinars Inc", "account.forget");
  roster_account_store_remove_async (fixture->store,
                                     roster_account_store_lookup (fixture->store, "Webinars Inc"),
                                     NULL, remove_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  respond (dialog, "forget");
  roster_test_ui_iterate (300);
  pause_for_screenshot ();

  toast_label = roster_test_ui_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, "label",
                                            "The account “Webinars Inc” no longer exists.");
  g_assert_nonnull (toast_label);
  g_assert_true (gtk_widget_get_mapped (toast_label));
  g_assert_nonnull (roster_account_store_lookup (fixture->store, "Jam & <Co>"));
}

static void
test_add_account (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwActionRow *add_row;

  open_window (fixture);

  add_row = find_row (fixture, "_Add Account…");
  g_assert_nonnull (add_row);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (add_row)), ==,
                   "preferences.add-account");

  gtk_widget_activate (GTK_WIDGET (add_row));
  roster_test_ui_iterate (50);
  g_assert_cmpuint (fixture->n_connects, ==, 1);

  /* A parent without the action: nothing happens, and nothing complains. */
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->parent), "win", NULL);
  gtk_widget_activate (GTK_WIDGET (add_row));
  roster_test_ui_iterate (50);
  g_assert_cmpuint (fixture->n_connects, ==, 1);
}

/* ---- With the keyring ------------------------------------------------------------------------ */

static gboolean
secret_service_available (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  const char *methods[] = { "ListNames", "ListActivatableNames" };

  if (bus == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(GVariant) reply = NULL;
      g_autofree const char **names = NULL;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", methods[i], NULL,
                                           G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                           NULL, NULL);
      if (reply == NULL)
        continue;
      g_variant_get (reply, "(^a&s)", &names);
      if (g_strv_contains (names, "org.freedesktop.secrets"))
        return TRUE;
    }

  return FALSE;
}

static void
test_keyring_rename_forget (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *new_name = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (!secret_service_available ())
    {
      g_test_skip ("No Secret Service on the session bus: run through build-aux/test-session.sh");
      return;
    }

  /* Names of their own, so that a rerun against the same keyring starts clean. */
  old_name = g_strdup_printf ("Stored %u", g_random_int ());
  new_name = g_strdup_printf ("%s renamed", old_name);

  roster_account_store_add_async (fixture->store, old_name, ROSTER_PRODUCT_EVERWEBINAR, NULL,
                                  "stored-key-0123", FALSE, NULL, roster_test_store_result, &result);
  account = roster_account_store_add_finish (fixture->store, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_false (roster_account_get_session_only (account));

  open_window (fixture);

  dialog = click_for_dialog (fixture, old_name, "account.rename");
  entry = roster_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), new_name);
  respond (dialog, "rename");
  g_assert_true (wait_for_account (fixture->store, new_name, TRUE));
  roster_test_ui_iterate (50);
  g_assert_nonnull (find_row (fixture, new_name));

  /* The key moved with the account. */
  key = roster_test_keyring_lookup (new_name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "stored-key-0123");
  g_clear_pointer (&key, g_free);
  key = roster_test_keyring_lookup (old_name, &error);
  g_assert_error (error, ROSTER_KEYRING_ERROR, ROSTER_KEYRING_ERROR_NO_KEY);
  g_assert_null (key);
  g_clear_error (&error);

  dialog = click_for_dialog (fixture, new_name, "account.forget");
  respond (dialog, "forget");
  g_assert_true (wait_for_account (fixture->store, new_name, FALSE));

  /* Forgetting cleared the secret too. */
  key = roster_test_keyring_lookup (new_name, &error);
  g_assert_error (error, ROSTER_KEYRING_ERROR, ROSTER_KEYRING_ERROR_NO_KEY);
  g_assert_null (key);
}

/* ---- Remembered mappings ----------------------------------------------------------------------- */

static gboolean
mappings_loaded (RosterRememberedMappingsGroup *group)
{
  roster_test_ui_iterate (10);
  return !roster_remembered_mappings_group_get_loading (group);
}

/* Each account's remembered columns are listed and can be forgotten. */
static void
test_remembered_mappings (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const header[] = { "Email", "Vorname", "Nachname", "Telefon", "Firma", NULL };
  g_autofree char *dir = roster_import_memory_dup_dir ();
  g_autofree char *path = g_build_filename (dir, "account.json", NULL);
  g_autoptr(RosterImportMemory) memory = roster_import_memory_new (path);
  g_autoptr(RosterImportMapping) mapping = roster_import_mapping_guess (header);
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  RosterRememberedMappingsGroup *group;
  AdwActionRow *row;
  GtkWidget *button;

  roster_test_forget_mappings ();
  g_assert_true (roster_import_memory_remember (memory, header, mapping, NULL, "Growth Masterclass", &error));
  g_assert_no_error (error);

  open_window (fixture);
  group = ROSTER_REMEMBERED_MAPPINGS_GROUP (roster_test_ui_find_widget (GTK_WIDGET (fixture->window),
                                                                        ROSTER_TYPE_REMEMBERED_MAPPINGS_GROUP,
                                                                        NULL, NULL));
  g_assert_nonnull (group);
  for (guint i = 0; !mappings_loaded (group); i++)
    g_assert_cmpuint (i, <, 1000);
  row = ADW_ACTION_ROW (roster_test_ui_find_widget (GTK_WIDGET (group), ADW_TYPE_ACTION_ROW, "title",
                                                    "Email, Vorname, Nachname, Telefon and 1 more"));
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Growth Masterclass · "));
  pause_for_screenshot ();

  button = roster_test_ui_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON, "action-name", "mappings.forget");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  for (guint i = 0; !mappings_loaded (group); i++)
    g_assert_cmpuint (i, <, 1000);
  left = roster_import_memory_list (memory);
  g_assert_cmpuint (left->len, ==, 0);
  g_assert_null (roster_test_ui_find_widget (GTK_WIDGET (group), ADW_TYPE_ACTION_ROW, "title",
                                             "Email, Vorname, Nachname, Telefon and 1 more"));
  g_assert_true (gtk_widget_get_mapped (roster_test_ui_find_widget (GTK_WIDGET (group), ADW_TYPE_ACTION_ROW, "title",
                                                                    "No remembered columns yet")));
}

/* ---- Stored people ---------------------------------------------------------------------------- */

static void
fill_store (RosterAccount *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistrantStore) store = NULL;

  roster_account_get_registrant_store_async (account, NULL, roster_test_store_result, &result);
  store = roster_account_get_registrant_store_finish (account, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  roster_test_people_fill (store, ROSTER_TEST_PEOPLE_GROWTH, ROSTER_TEST_PEOPLE_LAUNCH);
}

static AdwActionRow *
stored_people_row (Fixture    *fixture,
                   const char *account)
{
  GtkWidget *group = roster_test_ui_find_widget (GTK_WIDGET (fixture->window),
                                                 ROSTER_TYPE_STORED_PEOPLE_GROUP, NULL, NULL);
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_assert_nonnull (group);
  while (roster_stored_people_group_get_loading (ROSTER_STORED_PEOPLE_GROUP (group)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      roster_test_ui_iterate (5);
    }
  return ADW_ACTION_ROW (roster_test_ui_find_widget (group, ADW_TYPE_ACTION_ROW, "title", account));
}

/* "Stored People": how much each account's store holds, and "Forget Stored People" after a
 * question whose default is to keep them. */
static void
test_stored_people (Fixture       *fixture,
                    gconstpointer  data)
{
  RosterAccount *account = roster_account_store_lookup (fixture->store, "Webinars Inc");
  g_autofree char *path = roster_account_dup_registrant_store_path (account, NULL);
  AdwMessageDialog *dialog;
  AdwActionRow *row;
  GtkWidget *button;

  fill_store (account);
  open_window (fixture);

  row = stored_people_row (fixture, "Webinars Inc");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "36 people in 2 webinars"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "last synced"));
  g_assert_null (strstr (adw_action_row_get_subtitle (row), "never"));
  /* An account that stored nothing has nothing to forget, and no file was made for it. */
  g_assert_cmpstr (adw_action_row_get_subtitle (stored_people_row (fixture, "Jam & <Co>")), ==,
                   "Nothing stored");
  g_assert_false (gtk_widget_get_sensitive (roster_test_ui_find_widget (GTK_WIDGET (stored_people_row (fixture, "Jam & <Co>")),
                                                                        GTK_TYPE_BUTTON, NULL, NULL)));
  pause_for_screenshot ();

  button = roster_test_ui_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON, NULL, NULL);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  roster_test_ui_iterate (100);
  dialog = find_dialog (fixture);
  g_assert_nonnull (dialog);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "forget"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  respond (dialog, "cancel");
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  g_signal_emit_by_name (button, "clicked");
  roster_test_ui_iterate (100);
  respond (find_dialog (fixture), "forget");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (roster_account_peek_registrant_store (account));
  row = stored_people_row (fixture, "Webinars Inc");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Nothing stored");
  g_assert_false (gtk_widget_get_sensitive (button));
}

int
main (int   argc,
      char *argv[])
{
  roster_test_ui_init (&argc, &argv);
  if (g_getenv ("ROSTER_TEST_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  g_test_add ("/preferences/rows", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_rows, fixture_tear_down);
  g_test_add ("/preferences/in-use", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_in_use,
              fixture_tear_down);
  g_test_add ("/preferences/empty", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/preferences/rename", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_rename, fixture_tear_down);
  g_test_add ("/preferences/rename-cancel", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_rename_cancel, fixture_tear_down);
  g_test_add ("/preferences/forget", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_forget, fixture_tear_down);
  g_test_add ("/preferences/forget-cancel", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_forget_cancel, fixture_tear_down);
  g_test_add ("/preferences/forget-error-toast", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_forget_error_toast, fixture_tear_down);
  g_test_add ("/preferences/stored-people", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_stored_people, fixture_tear_down);
  g_test_add ("/preferences/add-account", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_add_account, fixture_tear_down);
  g_test_add ("/preferences/remembered-mappings", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_remembered_mappings, fixture_tear_down);
  g_test_add ("/preferences/keyring/rename-forget", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_keyring_rename_forget, fixture_tear_down);

  return g_test_run ();
}
