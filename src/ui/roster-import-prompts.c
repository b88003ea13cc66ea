/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-prompts"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-prompts.h"
#include "roster-ui-util.h"

/* The questions the import dialog asks before it starts, resumes, resends or stops an import,
 * and what it says when the file changed: the wording and the safe defaults live here, what
 * is done on a yes stays with the dialog. */

typedef struct
{
  char                   *yes;
  RosterImportPromptFunc  func;
  gboolean                let_go;
} Prompt;

static void
prompt_free (Prompt *prompt)
{
  g_free (prompt->yes);
  g_free (prompt);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GtkWindow        *parent)
{
  Prompt *prompt = g_object_get_data (G_OBJECT (dialog), "roster-import-prompt");

  if (!g_str_equal (response, prompt->yes))
    return;

  if (prompt->let_go)
    {
      g_autoptr(AdwMessageDialog) question = g_object_ref (dialog);

      /* The question goes before its parent, and lets go of it: it may outlive the parent
       * while it emits this, and GTK 4.8 does not clear a closed window's transient parent
       * when the parent is destroyed, so it would later reach into the parent after it is
       * freed. */
      gtk_window_destroy (GTK_WINDOW (question));
      gtk_window_set_transient_for (GTK_WINDOW (question), NULL);
    }
  prompt->func (parent);
}

/* Asks @dialog with two answers: @no (the close response) and @yes, which runs @func;
 * @fallback is the default response, @let_go when @func closes @parent. */
static void
present (GtkWindow              *parent,
         AdwMessageDialog       *dialog,
         const char             *no,
         const char             *no_label,
         const char             *yes,
         const char             *yes_label,
         AdwResponseAppearance   yes_appearance,
         const char             *fallback,
         RosterImportPromptFunc  func,
         gboolean                let_go)
{
  Prompt *prompt = g_new0 (Prompt, 1);

  prompt->yes = g_strdup (yes);
  prompt->func = func;
  prompt->let_go = let_go;
  g_object_set_data_full (G_OBJECT (dialog), "roster-import-prompt", prompt, (GDestroyNotify) prompt_free);
  adw_message_dialog_add_responses (dialog, no, no_label, yes, yes_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, yes, yes_appearance);
  adw_message_dialog_set_default_response (dialog, fallback);
  adw_message_dialog_set_close_response (dialog, no);
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), parent, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What this import sent is unknown (@message says why): go on only when the user agrees to
 * look everyone up. */
void
roster_import_prompt_recover (GtkWindow              *parent,
                              const char             *message,
                              RosterImportPromptFunc  recover)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Recover the Damaged Import?"), message));
  present (parent, dialog, "cancel", _("_Cancel"), "recover", _("_Recover"), ADW_RESPONSE_SUGGESTED,
           "recover", recover, FALSE);
}

/* Rows whose call may have landed, and that lookups could not settle: sending them is the
 * user's call, after a plain warning. */
void
roster_import_prompt_resend_unknown (GtkWindow              *parent,
                                     guint                   n_unknown,
                                     RosterImportPromptFunc  send)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       ngettext ("Send the Unknown Row?",
                                                                 "Send the Unknown Rows?", n_unknown),
                                                       NULL));
  adw_message_dialog_format_body (dialog,
                                  ngettext ("Roster could not prove whether %u person was registered: "
                                            "the answer was lost and the server’s search could not "
                                            "settle it. Sending the row again may register the "
                                            "person twice. Check the webinar’s registrants first if "
                                            "you can.",
                                            "Roster could not prove whether %u people were registered: "
                                            "the answers were lost and the server’s search could not "
                                            "settle it. Sending the rows again may register some of "
                                            "them twice. Check the webinar’s registrants first if you "
                                            "can.", n_unknown),
                                  n_unknown);
  present (parent, dialog, "cancel", _("_Cancel"), "send", _("_Send Anyway"), ADW_RESPONSE_DESTRUCTIVE,
           "cancel", send, FALSE);
}

/* Closing while an import runs: @stop runs when the user chose to stop it, and closes @parent. */
void
roster_import_prompt_stop (GtkWindow              *parent,
                           RosterImportPromptFunc  stop)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Stop the import?"),
                                                       _("Everyone registered so far stays registered. "
                                                         "Roster’s journal keeps track of every row that "
                                                         "is done, so you can resume this import later "
                                                         "and nobody is registered twice.")));
  present (parent, dialog, "continue", _("_Keep Importing"), "stop", _("_Stop Import"),
           ADW_RESPONSE_DESTRUCTIVE, "continue", stop, TRUE);
}

/* Resuming failed because the file changed since the import stopped: starting again is a new
 * import. */
void
roster_import_show_file_changed (GtkWidget *widget)
{
  g_autoptr(AdwToast) toast = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  toast = adw_toast_new (_("The file changed since the import stopped, so it "
                           "can’t be resumed. Use “Check” on the review to "
                           "leave out people already registered."));
  roster_ui_add_toast (widget, toast);
}
