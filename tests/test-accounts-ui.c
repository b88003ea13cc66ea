/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-accounts-ui"

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "roster-connect-dialog.h"
#include "roster-fake-service.h"
#include "roster-import-dialog.h"
#include "roster-import-journal.h"
#include "roster-keyring.h"
#include "roster-register-dialog.h"
#include "roster-test-ui.h"
#include "roster-webinar-list.h"
#include "roster-window.h"

/* The first-run path a new user takes, driven end to end under Xvfb against the fake service
 * and the test session's real gnome-keyring: welcome page, a rejected key, a good key that lands
 * in the keyring, a restart that finds the account without the key typed again, and the demo. */

static RosterApplication *app;
static RosterFakeService *service;
static char *account_name;

static gboolean
wait_until (gboolean (*done) (gpointer data),
            gpointer   data,
            guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static const char *
visible_page (RosterWindow *window)
{
  GtkStack *stack = GTK_STACK (roster_test_ui_find_widget (GTK_WIDGET (window), GTK_TYPE_STACK, NULL, NULL));

  return gtk_stack_get_visible_child_name (stack);
}

static RosterWindow *
open_window (void)
{
  RosterWindow *window = roster_application_new_window (app);

  gtk_window_present (GTK_WINDOW (window));
  roster_test_ui_iterate (150);

  return window;
}

static RosterConnectDialog *
find_connect_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ROSTER_IS_CONNECT_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ROSTER_CONNECT_DIALOG (toplevel);
    }
  return NULL;
}

static void
fill_row (GtkWidget  *dialog,
          GType       type,
          const char *title,
          const char *text)
{
  GtkWidget *row = roster_test_ui_find_widget (dialog, type, "title", title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static RosterConnectDialog *
open_connect_dialog (RosterWindow *window,
                     const char   *key)
{
  g_autofree char *endpoint = roster_fake_service_dup_endpoint (service, FALSE);
  RosterConnectDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.connect", NULL);
  roster_test_ui_iterate (100);
  dialog = find_connect_dialog ();
  g_assert_nonnull (dialog);

  fill_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Account Name", account_name);
  fill_row (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW, "API Key", key);
  fill_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "API Address (empty for the vendor’s)", endpoint);

  return dialog;
}

static gboolean
error_shown (gpointer data)
{
  GtkWidget *label = data;

  return gtk_widget_get_visible (label) && *gtk_label_get_text (GTK_LABEL (label)) != '\0';
}

static gboolean
dialog_gone (gpointer data)
{
  return find_connect_dialog () == NULL;
}

static gboolean
window_has_webinars (gpointer data)
{
  RosterWebinarList *list = ROSTER_WEBINAR_LIST (roster_test_ui_find_widget (data, ROSTER_TYPE_WEBINAR_LIST, NULL, NULL));

  return g_list_model_get_n_items (roster_webinar_list_get_webinars (list)) > 0;
}

static char *
lookup_key (const char *name)
{
  g_autoptr(GError) error = NULL;
  char *key;

  key = roster_test_keyring_lookup (name, &error);
  if (g_error_matches (error, ROSTER_KEYRING_ERROR, ROSTER_KEYRING_ERROR_NO_KEY))
    return NULL;
  g_assert_no_error (error);

  return key;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }
  return NULL;
}

static gboolean
toplevel_shown (gpointer type)
{
  return find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

static void
test_welcome (void)
{
  RosterWindow *window = open_window ();

  g_assert_cmpstr (visible_page (window), ==, "welcome");
  g_assert_nonnull (roster_test_ui_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "action-name", "win.connect"));
  g_assert_nonnull (roster_test_ui_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "action-name", "win.try-demo"));
  roster_test_ui_destroy (window);
}

static void
test_connect_rejected_key (void)
{
  RosterWindow *window = open_window ();
  RosterConnectDialog *dialog = open_connect_dialog (window, "not-the-key");
  GtkWidget *error_label;
  g_autofree char *stored = NULL;

  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.connect", NULL);

  /* The server's own message, inline; the entry keeps its text; nothing stored. */
  error_label = roster_test_ui_find_widget_with_class (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "error");
  g_assert_nonnull (error_label);
  g_assert_true (wait_until (error_shown, error_label, 5000));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "valid API key"));
  /* ...below a sentence of our own */
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error_label)),
                                   "The service did not accept this API key."));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (roster_test_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW, NULL, NULL))),
                   ==, "not-the-key");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (roster_application_get_account_store (app))), ==, 0);
  stored = lookup_key (account_name);
  g_assert_null (stored);

  roster_test_ui_destroy (dialog);
  roster_test_ui_destroy (window);
}

/* The "needs a name" error goes once a name is typed. */
static void
test_connect_error_clears (void)
{
  RosterWindow *window = open_window ();
  RosterConnectDialog *dialog = open_connect_dialog (window, "any-key");
  GtkWidget *error_label;

  fill_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Account Name", "");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.connect", NULL);
  error_label = roster_test_ui_find_widget_with_class (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "error");
  g_assert_nonnull (error_label);
  g_assert_true (error_shown (error_label));

  fill_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Account Name", "Work");
  g_assert_false (gtk_widget_get_visible (error_label));

  roster_test_ui_destroy (dialog);
  roster_test_ui_destroy (window);
}

static void
test_connect_good_key (void)
{
  RosterWindow *window = open_window ();
  RosterConnectDialog *dialog = open_connect_dialog (window, roster_fake_service_get_api_key (service));
  g_autofree char *stored = NULL;

  gtk_widget_activate_action (GTK_WIDGET (dialog), "connect.connect", NULL);
  g_assert_true (wait_until (dialog_gone, NULL, 5000));

  /* Stored in the keyring, listed in settings, shown in the window. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (roster_application_get_account_store (app))), ==, 1);
  stored = lookup_key (account_name);
  g_assert_cmpstr (stored, ==, roster_fake_service_get_api_key (service));
  g_assert_cmpstr (roster_account_get_name (roster_window_get_account (window)), ==, account_name);
  g_assert_cmpstr (visible_page (window), ==, "account");
  g_assert_true (wait_until (window_has_webinars, window, 5000));

  roster_test_ui_destroy (window);
}

/* A new window, as after a restart: the account is there and its key comes from the keyring. */
static void
test_restart_finds_account (void)
{
  RosterWindow *window = open_window ();
  RosterAccountStore *store = roster_application_get_account_store (app);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (roster_window_get_account (window));
  g_assert_cmpstr (roster_account_get_name (roster_window_get_account (window)), ==, account_name);
  g_assert_true (wait_until (window_has_webinars, window, 5000));
  roster_test_ui_destroy (window);

  /* Leave the shared keyring as it was. */
  roster_account_store_remove_async (store, roster_account_store_lookup (store, account_name), NULL,
                                     roster_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (roster_account_store_remove_finish (store, result, &error));
  g_assert_no_error (error);
}

static void
test_demo (void)
{
  RosterWindow *window = open_window ();
  g_autofree char *stored = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.try-demo", NULL);
  roster_test_ui_iterate (50);

  g_assert_cmpstr (visible_page (window), ==, "account");
  g_assert_true (roster_account_get_is_demo (roster_window_get_account (window)));
  g_assert_true (gtk_widget_get_visible (roster_test_ui_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "label", "Demo")));
  g_assert_true (wait_until (window_has_webinars, window, 5000));

  /* With webinars shown, Ctrl+N's and Ctrl+I's actions open their dialogs. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.register", NULL));
  g_assert_true (wait_until (toplevel_shown, GSIZE_TO_POINTER (ROSTER_TYPE_REGISTER_DIALOG), 2000));
  roster_test_ui_destroy (find_toplevel (ROSTER_TYPE_REGISTER_DIALOG));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  g_assert_true (wait_until (toplevel_shown, GSIZE_TO_POINTER (ROSTER_TYPE_IMPORT_DIALOG), 2000));
  roster_test_ui_destroy (find_toplevel (ROSTER_TYPE_IMPORT_DIALOG));

  /* The demo stores nothing. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (roster_application_get_account_store (app))), ==, 0);
  stored = lookup_key ("Demo");
  g_assert_null (stored);

  roster_test_ui_destroy (window);
}

/* An import left unfinished for one of the account's webinars is offered for resuming; another
 * account's journal for the same file and webinar is not. */
static void
test_resume_offer (void)
{
  g_autoptr(RosterFakeService) same_seed = roster_fake_service_new (1);
  g_autoptr(RosterImportTarget) target = NULL;
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(RosterImportJournal) other = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *account_id = NULL;
  RosterAccount *demo;
  RosterWindow *window;
  AdwMessageDialog *offer;

  /* The demo's sample data comes from seed 1, so its webinars are known here. */
  target = roster_import_target_new (roster_fake_service_get_main_webinar_id (same_seed), 960, NULL, NULL);
  demo = roster_demo_get_account (roster_application_get_demo (app), &error);
  g_assert_no_error (error);
  roster_account_get_client_async (demo, NULL, roster_test_store_result, &result);
  client = roster_account_get_client_finish (demo, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  account_id = roster_client_dup_account_id (client);

  /* The demo keeps its journals in a folder of its own, outside the user's data. */
  g_assert_nonnull (roster_client_get_journal_dir (client));
  g_assert_false (g_str_has_prefix (roster_client_get_journal_dir (client), g_get_user_data_dir ()));
  journal = roster_import_journal_open (roster_client_get_journal_dir (client), account_id, "0123456789abcdef",
                                        "contacts.csv", target, 3, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_clear_object (&journal);
  /* Newer, so listed first, were it listed at all. */
  other = roster_import_journal_open (roster_client_get_journal_dir (client), "another-account", "0123456789abcdef",
                                      "other.csv", target, 3, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_clear_object (&other);

  window = open_window ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.try-demo", NULL);
  g_assert_true (wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000));
  offer = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (offer), ==, "Resume the Unfinished Import?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (offer), "contacts.csv"));
  adw_message_dialog_response (offer, "later");
  roster_test_ui_iterate (50);

  roster_test_ui_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setlocale (LC_ALL, "");
  roster_test_ui_init (&argc, &argv);

  service = roster_test_fake_start (3, 20);
  account_name = g_strdup_printf ("UI test %d", (int) getpid ());
  app = roster_test_ui_application_new ();

  g_test_add_func ("/accounts-ui/welcome", test_welcome);
  g_test_add_func ("/accounts-ui/connect-rejected-key", test_connect_rejected_key);
  g_test_add_func ("/accounts-ui/connect-good-key", test_connect_good_key);
  g_test_add_func ("/accounts-ui/connect-error-clears", test_connect_error_clears);
  g_test_add_func ("/accounts-ui/restart-finds-account", test_restart_finds_account);
  g_test_add_func ("/accounts-ui/demo", test_demo);
  g_test_add_func ("/accounts-ui/resume-offer", test_resume_offer);

  /* The cases build on each other, in this order. */
  ret = g_test_run ();

  g_clear_object (&app);
  g_clear_object (&service);
  g_free (account_name);

  return ret;
}
