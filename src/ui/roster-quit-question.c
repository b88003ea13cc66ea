/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-quit-question"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-quit-question.h"

/* Quitting while imports run asks first: Pause and Quit stops them where they are (each
 * resumes later from its journal), Keep Running closes the windows and lets the imports go
 * on (the application quits by itself after the last), Cancel does nothing. */

typedef struct
{
  GtkApplication     *application;
  RosterImportRunner *runner;
  RosterQuitFunc      quit;
  char               *response;
} Question;

static void
question_free (Question *question)
{
  g_object_unref (question->application);
  g_object_unref (question->runner);
  g_free (question->response);
  g_free (question);
}

/* Every toplevel, the import dialogs too (they are no application window). */
void
roster_quit_question_close_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) windows = g_ptr_array_new ();

  /* A snapshot, newest first: dialogs go before the windows they belong to, and each lets go
   * of its parent first (GTK 4.8 does not clear a transient parent that is destroyed). */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    g_ptr_array_add (windows, g_list_model_get_item (toplevels, i - 1));
  for (guint i = 0; i < windows->len; i++)
    {
      GtkWindow *window = g_ptr_array_index (windows, i);

      gtk_window_set_transient_for (window, NULL);
      gtk_window_destroy (window);
      g_object_unref (window);
    }
}

static void
paused_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Question *question = user_data;

  roster_import_runner_pause_all_finish (ROSTER_IMPORT_RUNNER (object), result, NULL);
  question->quit (question->application);
  question_free (question);
}

/* After the question has gone, so that nothing destroys its parent under it. */
static gboolean
answer_cb (gpointer user_data)
{
  Question *question = user_data;

  if (g_str_equal (question->response, "pause"))
    {
      roster_import_runner_pause_all_async (question->runner, paused_cb, question);
      return G_SOURCE_REMOVE;
    }

  if (g_str_equal (question->response, "keep"))
    roster_quit_question_close_windows ();
  question_free (question);

  return G_SOURCE_REMOVE;
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Question         *question)
{
  Question *copy = g_new0 (Question, 1);

  copy->application = g_object_ref (question->application);
  copy->runner = g_object_ref (question->runner);
  copy->quit = question->quit;
  copy->response = g_strdup (response);
  g_idle_add_full (G_PRIORITY_DEFAULT, answer_cb, copy, NULL);
}

void
roster_quit_question_present (GtkApplication     *application,
                              RosterImportRunner *runner,
                              RosterQuitFunc      quit)
{
  guint n = roster_import_runner_get_n_active (runner);
  GtkWindow *parent = gtk_application_get_active_window (application);
  Question *question = g_new0 (Question, 1);
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_APPLICATION (application));
  g_return_if_fail (ROSTER_IS_IMPORT_RUNNER (runner));

  question->application = g_object_ref (application);
  question->runner = g_object_ref (runner);
  question->quit = quit;

  dialog = adw_message_dialog_new (parent,
                                   ngettext ("An Import Is Running", "Imports Are Running", n),
                                   NULL);
  if (n <= 1)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                 _("Roster can pause the import and quit: it continues where it stopped "
                                   "the next time you open Roster. Or it can keep running without a "
                                   "window, and Roster tells you when it is done."));
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    ngettext ("Roster can pause the %u import and quit: it continues where "
                                              "it stopped the next time you open Roster. Or it can keep "
                                              "running without a window, and Roster tells you when it is done.",
                                              "Roster can pause the %u imports and quit: they continue where "
                                              "they stopped the next time you open Roster. Or they can keep "
                                              "running without a window, and Roster tells you when they are done.",
                                              n),
                                    n);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "keep", _("_Keep Running"),
                                    "pause", _("_Pause and Quit"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), question,
                         (GClosureNotify) (void (*) (void)) question_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
