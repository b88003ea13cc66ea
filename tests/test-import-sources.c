/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-sources"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "roster-import-file-step.h"
#include "roster-test-import-dialog.h"
#include "roster-test-ui.h"
#include "roster-test-util.h"

/* Where an import's rows come from, on screen (Xvfb) against the fake service: a workbook of
 * several sheets offers them (the first by default) and reads the one chosen, and rows pasted
 * from a spreadsheet (Paste, as Ctrl+V does) are imported like a file's. */

static gboolean
header_is_contacts (Fixture *fixture)
{
  return file_read (fixture) && strstr (subtitle_of (fixture, "Header Row"), "Email") != NULL;
}

static void
test_sheet_chooser (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sheets", "workbook.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwComboRow *sheet;
  GListModel *sheets;
  gint64 webinar_id;
  guint n_ready;

  open_dialog (fixture, file);
  wait_until (fixture, file_read, 10000);
  sheet = combo_row (fixture, "Sheet");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (sheet)));
  sheets = adw_combo_row_get_model (sheet);
  g_assert_cmpuint (g_list_model_get_n_items (sheets), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (sheets), 0), ==, "Notes");
  g_assert_cmpuint (adw_combo_row_get_selected (sheet), ==, 0);
  g_assert_null (strstr (subtitle_of (fixture, "Header Row"), "Email"));

  adw_combo_row_set_selected (sheet, 1);
  wait_until (fixture, header_is_contacts, 10000);
  g_assert_cmpuint (adw_combo_row_get_selected (combo_row (fixture, "Sheet")), ==, 1);
  shoot (fixture, "file-sheets");

  walk_to_review (fixture);
  /* The Contacts sheet's three rows (one of them with a phone that needs a country). */
  n_ready = count_of (fixture, "Ready to register");
  g_assert_cmpuint (n_ready + count_of (fixture, "Invalid"), ==, 3);
  g_assert_cmpuint (n_ready, >=, 2);
  tick_consent (fixture);
  next (fixture);
  wait_until (fixture, on_results, 30000);
  webinar_id = roster_webinar_get_id (find_webinar (fixture, TARGET));
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, webinar_id, "ada@example.org"), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_registrations_total (fixture->service), ==, n_ready);
}

static void
test_paste (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *file_step;
  gint64 webinar_id;

  open_dialog (fixture, NULL);
  file_step = find (fixture, ROSTER_TYPE_IMPORT_FILE_STEP, NULL, NULL);
  g_assert_true (gtk_widget_is_visible (find (fixture, GTK_TYPE_BUTTON, "action-name", "file.paste")));

  /* Nothing on the clipboard: said so, nothing read. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (file_step), "  \n");
  gtk_widget_activate_action (file_step, "file.paste", NULL);
  roster_test_ui_iterate (200);
  g_assert_false (action_enabled (fixture, "import.next"));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (action_row (fixture, "The clipboard holds no text to import. Copy the "
                                                                   "rows in a spreadsheet, or a list of email addresses, "
                                                                   "and paste again."))));

  /* Rows a spreadsheet put on the clipboard, with its header. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (file_step),
                          "Email\tFirst name\tLast name\nada@example.org\tAda\tLovelace\ngrace@example.com\tGrace\tHopper\n");
  gtk_widget_activate_action (file_step, "file.paste", NULL);
  walk_to_review (fixture);
  g_assert_cmpuint (count_of (fixture, "Ready to register"), ==, 2);
  tick_consent (fixture);
  next (fixture);
  wait_until (fixture, on_results, 30000);
  webinar_id = roster_webinar_get_id (find_webinar (fixture, TARGET));
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, webinar_id, "ada@example.org"), ==, 1);
  g_assert_cmpuint (roster_fake_service_get_n_registrations (fixture->service, webinar_id, "grace@example.com"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  roster_test_ui_init (&argc, &argv);

  g_test_add ("/import-sources/sheet-chooser", Fixture, "typos.csv", fixture_set_up, test_sheet_chooser,
              fixture_tear_down);
  g_test_add ("/import-sources/paste", Fixture, "typos.csv", fixture_set_up, test_paste, fixture_tear_down);

  return g_test_run ();
}
