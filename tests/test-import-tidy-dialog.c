/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-tidy-dialog"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "roster-fake-service.h"
#include "roster-import-dialog.h"
#include "roster-import-journal.h"
#include "roster-import-memory.h"
#include "roster-test-fake.h"
#include "roster-test-import.h"
#include "roster-test-ui.h"
#include "roster-test-util.h"

/* The import dialog's remembered mappings and tidying, on screen (Xvfb) against the fake
 * service over real HTTP: a file whose header was imported before skips the columns step and
 * registers with the remembered columns and webinar; a tidying switch and an accepted email
 * suggestion change what the fake receives. */

#define CONSENT "The people in this file agreed to be registered for this webinar and to be contacted about it"

typedef struct
{
  RosterTestImport    import;
  RosterFakeService  *service;   /* the import's */
  RosterClient       *client;
  GListStore         *webinars;
  GtkWindow          *parent;
  RosterImportDialog *dialog;
  char               *dir;
  GFile              *file;
} Fixture;

typedef gboolean (*Condition) (Fixture *fixture);

static void
wait_until (Fixture   *fixture,
            Condition  condition,
            guint      timeout_ms)
{
  /* Valgrind makes everything some twenty times slower. */
  const char *preload = g_getenv ("LD_PRELOAD");
  guint factor = preload != NULL && strstr (preload, "vgpreload") != NULL ? 20 : 1;
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000 * factor;

  while (!condition (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static void
write_csv (Fixture    *fixture,
           const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, "people.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  fixture->file = g_file_new_for_path (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *journals = roster_import_journal_dup_dir ();

  /* Nothing an earlier test left: no journal to continue, no mapping to remember. */
  if (g_file_test (journals, G_FILE_TEST_IS_DIR))
    {
      roster_import_journal_remove_dir (journals, &error);
      g_assert_no_error (error);
    }
  roster_test_forget_mappings ();

  fixture->dir = g_dir_make_tmp ("roster-tidy-XXXXXX", &error);
  g_assert_no_error (error);
  /* Wide open: no test waits for the real pace. */
  roster_test_import_set_up (&fixture->import, 1000);
  fixture->service = fixture->import.fake;
  fixture->client = fixture->import.client;

  roster_client_list_webinars_async (fixture->client, NULL, roster_test_store_result, &result);
  list = roster_client_list_webinars_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  fixture->webinars = g_list_store_new (ROSTER_TYPE_WEBINAR);
  g_list_store_splice (fixture->webinars, 0, 0, list->pdata, list->len);

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (fixture->parent);
  roster_test_ui_iterate (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "people.csv", NULL);

  if (fixture->dialog != NULL)
    {
      roster_test_ui_destroy (fixture->dialog);
      g_clear_object (&fixture->dialog);
    }
  roster_test_ui_destroy (fixture->parent);
  roster_test_ui_iterate (300);
  g_clear_object (&fixture->file);
  g_unlink (path);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_clear_object (&fixture->webinars);
  roster_test_import_tear_down (&fixture->import);
}

/* ---- Driving the dialog ------------------------------------------------------------------------ */

static GtkWidget *
find (Fixture    *fixture,
      GType       type,
      const char *property,
      const char *value)
{
  GtkWidget *widget = roster_test_ui_find_widget (GTK_WIDGET (fixture->dialog), type, property, value);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
step (Fixture *fixture)
{
  return roster_import_dialog_get_step (fixture->dialog);
}

static gboolean
can_go_next (Fixture *fixture)
{
  return gtk_widget_get_sensitive (find (fixture, GTK_TYPE_BUTTON, "action-name", "import.next"));
}

static gboolean
on_results (Fixture *fixture)
{
  return g_str_equal (step (fixture), "results");
}

static void
next (Fixture    *fixture,
      const char *expected)
{
  wait_until (fixture, can_go_next, 10000);
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.next", NULL);
  roster_test_ui_iterate (20);
  g_assert_cmpstr (step (fixture), ==, expected);
}

/* The account's main webinar, and its place in the list. */
static RosterWebinar *
main_webinar (Fixture *fixture,
              guint   *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->webinars));

  for (*position = 0; *position < n; (*position)++)
    {
      g_autoptr(RosterWebinar) webinar = g_list_model_get_item (G_LIST_MODEL (fixture->webinars), *position);

      if (roster_webinar_get_id (webinar) == fixture->import.webinar_id)
        return webinar;
    }
  g_assert_not_reached ();
}

static void
open_dialog (Fixture *fixture)
{
  fixture->dialog = g_object_ref_sink (roster_import_dialog_new (fixture->parent, fixture->client,
                                                                 G_LIST_MODEL (fixture->webinars), fixture->file));
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  roster_test_ui_iterate (50);
}

/* Consent, Start, and the run to its end. */
static void
import_all (Fixture *fixture)
{
  GtkWidget *row = find (fixture, ADW_TYPE_ACTION_ROW, "title", CONSENT);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (roster_test_ui_find_widget (row, GTK_TYPE_CHECK_BUTTON, NULL, NULL)),
                               TRUE);
  wait_until (fixture, can_go_next, 10000);
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.next", NULL);
  wait_until (fixture, on_results, 20000);
}

/* What the fake has for @email in @webinar_id, read back through the API. */
static RosterRegistrant *
registrant_of (Fixture    *fixture,
               gint64      webinar_id,
               const char *email)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) registrants = NULL;
  g_autoptr(GError) error = NULL;

  roster_client_list_all_registrants_async (fixture->client, webinar_id, NULL, ROSTER_PRIORITY_INTERACTIVE,
                                            NULL, NULL, NULL, NULL, roster_test_store_result, &result);
  registrants = roster_client_list_all_registrants_finish (fixture->client, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (registrants); i++)
    {
      g_autoptr(RosterRegistrant) registrant = g_list_model_get_item (registrants, i);

      if (g_strcmp0 (roster_registrant_get_email (registrant), email) == 0)
        return g_steal_pointer (&registrant);
    }

  return NULL;
}

/* ---- Remembered mapping ------------------------------------------------------------------------ */

static gboolean
banner_shown (Fixture *fixture)
{
  GtkWidget *banner = gtk_widget_get_ancestor (find (fixture, GTK_TYPE_BUTTON, "action-name", "import.change-columns"),
                                               ADW_TYPE_ACTION_ROW);

  return gtk_widget_is_visible (banner) &&
         g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (banner)),
                           "Using the columns from your import of ");
}

static void
test_remembered_skips_columns (Fixture       *fixture,
                               gconstpointer  data)
{
  /* No header name says which column is the first name: the guess leaves it out. */
  static const char * const header[] = { "Contact", "Called", "Family", NULL };
  g_autoptr(RosterImportMemory) memory = roster_import_memory_new_for_client (fixture->client);
  g_autoptr(RosterImportMapping) mapping = roster_import_mapping_guess (header);
  g_autoptr(RosterImportTarget) target = NULL;
  g_autoptr(RosterRegistrant) registrant = NULL;
  g_autoptr(RosterImportRemembered) remembered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = roster_import_header_signature (header);
  RosterWebinar *webinar;
  guint position;

  webinar = main_webinar (fixture, &position);
  write_csv (fixture, "contact,CALLED,Family\r\nada@example.org,Ada,Lovelace\r\n");

  /* First without a remembered mapping: the columns step, where the first name is missing. */
  open_dialog (fixture);
  next (fixture, "columns");
  g_assert_false (can_go_next (fixture));
  roster_test_ui_destroy (fixture->dialog);
  g_clear_object (&fixture->dialog);

  /* An earlier import of the same layout chose them, and the webinar. */
  roster_import_mapping_set_column (mapping, ROSTER_IMPORT_FIELD_EMAIL, 0);
  roster_import_mapping_set_column (mapping, ROSTER_IMPORT_FIELD_FIRST_NAME, 1);
  roster_import_mapping_set_column (mapping, ROSTER_IMPORT_FIELD_LAST_NAME, 2);
  roster_import_mapping_set_tidy (mapping, ROSTER_IMPORT_TIDY_SAFE | ROSTER_IMPORT_TIDY_TITLE_CASE);
  target = roster_import_target_new (roster_webinar_get_id (webinar), fixture->import.schedule_id, NULL, NULL);
  g_assert_true (roster_import_memory_remember (memory, header, mapping, target, roster_webinar_get_title (webinar), &error));
  g_assert_no_error (error);

  open_dialog (fixture);
  next (fixture, "target");
  wait_until (fixture, banner_shown, 10000);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find (fixture, ADW_TYPE_COMBO_ROW, "title", "Webinar"))),
                    ==, position);

  /* "Change" goes to the columns, chosen as remembered; Next comes back without the banner. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.change-columns", NULL);
  roster_test_ui_iterate (20);
  g_assert_cmpstr (step (fixture), ==, "columns");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find (fixture, ADW_TYPE_COMBO_ROW, "title", "First name"))),
                    ==, 2);
  next (fixture, "target");
  g_assert_false (banner_shown (fixture));

  /* The remembered tidying is on: title case is not on by default. */
  next (fixture, "tidy");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (roster_test_ui_find_widget (find (fixture, ADW_TYPE_ACTION_ROW, "title", "Names in ALL CAPS to title case"),
                                                                                GTK_TYPE_SWITCH, NULL, NULL))));
  next (fixture, "review");
  import_all (fixture);

  registrant = registrant_of (fixture, roster_webinar_get_id (webinar), "ada@example.org");
  g_assert_nonnull (registrant);
  g_assert_cmpstr (roster_registrant_get_first_name (registrant), ==, "Ada");
  g_assert_cmpstr (roster_registrant_get_last_name (registrant), ==, "Lovelace");

  /* Starting remembered it again, now. */
  remembered = roster_import_memory_lookup (memory, signature);
  g_assert_nonnull (remembered);
  g_assert_cmpstr (roster_import_remembered_get_webinar_title (remembered), ==, roster_webinar_get_title (webinar));
  g_assert_cmpint (roster_import_remembered_get_target (remembered)->schedule_id, ==, fixture->import.schedule_id);
}

/* ---- Tidying ----------------------------------------------------------------------------------- */

static GtkSwitch *
switch_of (Fixture    *fixture,
           const char *title)
{
  GtkWidget *row = find (fixture, ADW_TYPE_ACTION_ROW, "title", title);

  return GTK_SWITCH (roster_test_ui_find_widget (row, GTK_TYPE_SWITCH, NULL, NULL));
}

static gboolean
title_case_listed (Fixture *fixture)
{
  return !can_go_next (fixture) ? FALSE
         : roster_test_ui_find_widget (GTK_WIDGET (fixture->dialog), ADW_TYPE_ACTION_ROW, "title", "“ADA” → “Ada”") != NULL;
}

static gboolean
suggestion_accepted (Fixture *fixture)
{
  GtkWidget *row = roster_test_ui_find_widget (GTK_WIDGET (fixture->dialog), ADW_TYPE_ACTION_ROW, "title",
                                               "“grace@gmial.com” → “grace@gmail.com”");
  GtkWidget *button = row != NULL ? roster_test_ui_find_widget (row, GTK_TYPE_BUTTON, NULL, NULL) : NULL;

  return can_go_next (fixture) && button != NULL && g_str_equal (gtk_button_get_label (GTK_BUTTON (button)), "_Undo");
}

static void
test_switch_changes_sent_value (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(RosterRegistrant) ada = NULL;
  RosterWebinar *webinar;
  GtkWidget *row, *accept;
  guint position;

  webinar = main_webinar (fixture, &position);
  write_csv (fixture, "First Name,Last Name,Email\r\nADA,LOVELACE,ada@example.org\r\nGrace,Hopper,grace@gmial.com\r\n");

  open_dialog (fixture);
  next (fixture, "columns");
  next (fixture, "target");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find (fixture, ADW_TYPE_COMBO_ROW, "title", "Webinar")), position);
  next (fixture, "tidy");

  /* Off by default; on, the change is proposed before → after. */
  g_assert_false (gtk_switch_get_active (switch_of (fixture, "Names in ALL CAPS to title case")));
  g_assert_null (roster_test_ui_find_widget (GTK_WIDGET (fixture->dialog), ADW_TYPE_ACTION_ROW, "title", "“ADA” → “Ada”"));
  gtk_switch_set_active (switch_of (fixture, "Names in ALL CAPS to title case"), TRUE);
  wait_until (fixture, title_case_listed, 10000);

  /* A suggestion is only applied once accepted. */
  row = find (fixture, ADW_TYPE_ACTION_ROW, "title", "“grace@gmial.com” → “grace@gmail.com”");
  accept = roster_test_ui_find_widget (row, GTK_TYPE_BUTTON, NULL, NULL);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (accept)), ==, "_Accept");
  g_signal_emit_by_name (accept, "clicked");
  wait_until (fixture, suggestion_accepted, 10000);

  next (fixture, "review");
  import_all (fixture);

  ada = registrant_of (fixture, roster_webinar_get_id (webinar), "ada@example.org");
  g_assert_nonnull (ada);
  g_assert_cmpstr (roster_registrant_get_first_name (ada), ==, "Ada");
  g_assert_cmpstr (roster_registrant_get_last_name (ada), ==, "Lovelace");
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, 0, "grace@gmail.com"), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, 0, "grace@gmial.com"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  roster_test_ui_init (&argc, &argv);

  g_test_add ("/import-tidy-dialog/remembered-mapping-skips-columns", Fixture, NULL, fixture_set_up,
              test_remembered_skips_columns, fixture_tear_down);
  g_test_add ("/import-tidy-dialog/switch-changes-sent-value", Fixture, NULL, fixture_set_up,
              test_switch_changes_sent_value, fixture_tear_down);

  return g_test_run ();
}
