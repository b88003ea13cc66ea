/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-runner-private.h"
#include "roster-registrant-format.h"

/* The runner's notifications: one per import, under the import's own ID so that each replaces
 * the last.  "Running" goes out while no Roster window is visible and is withdrawn when one is
 * shown again; the end (or the error that stopped an import) is told always, with Open Results
 * and Retry Failed, which target the import's journal so that they still mean the same import
 * when Roster was started again for them. */

gboolean
_roster_import_runner_any_visible (RosterImportRunner *self)
{
  guint n = g_list_model_get_n_items (self->toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (self->toplevels, i);

      if (gtk_widget_get_visible (window))
        return TRUE;
    }

  return FALSE;
}

static char *
dup_notification_id (RunnerEntry *entry)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, entry->id != NULL ? entry->id : "", -1);

  return g_strdup_printf ("import-%.16s", hash);
}

/* "Registering 2,000 people in Growth Masterclass" */
char *
roster_import_runner_dup_summary (RosterImportRunner *self,
                                  RosterImportJob    *job)
{
  RunnerEntry *entry;
  guint total;
  g_autofree char *count = NULL;

  g_return_val_if_fail (ROSTER_IS_IMPORT_RUNNER (self), NULL);

  entry = _roster_import_runner_find (self, job);
  total = roster_import_job_get_n_total (job);
  count = roster_registrant_format_count (total);
  if (entry == NULL || entry->webinar == NULL)
    /* Translators: %s is a count, "2,000" */
    return g_strdup_printf (ngettext ("Registering %s person", "Registering %s people", total), count);

  /* Translators: the first %s is a count, "2,000", the second a webinar's name */
  return g_strdup_printf (ngettext ("Registering %s person in %s", "Registering %s people in %s", total),
                          count, entry->webinar);
}

static void
add_open_results (GNotification *notification,
                  RunnerEntry   *entry,
                  gboolean       button)
{
  GVariant *target = g_variant_new_string (entry->id != NULL ? entry->id : "");

  if (button)
    g_notification_add_button_with_target_value (notification, _("Open Results"), "app.open-results", target);
  else
    g_notification_set_default_action_and_target_value (notification, "app.open-results", target);
}

void
_roster_import_runner_notify_running (RosterImportRunner *self,
                                      RunnerEntry        *entry)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = dup_notification_id (entry);
  g_autofree char *title = roster_import_runner_dup_summary (self, entry->job);
  g_autofree char *body = NULL;
  guint total = roster_import_job_get_n_total (entry->job);
  guint remaining = roster_import_job_get_n_remaining (entry->job);

  entry->notified_offline = roster_import_job_get_offline (entry->job);
  entry->notified_paused = roster_import_job_get_state (entry->job) == ROSTER_IMPORT_JOB_PAUSED;
  if (entry->notified_offline)
    body = g_strdup (_("Waiting for the network: the import goes on by itself when it is back."));
  else if (entry->notified_paused)
    body = g_strdup (_("Paused. Open Roster to resume it."));
  else
    {
      g_autofree char *done = roster_registrant_format_count (total - MIN (total, remaining));
      g_autofree char *all = roster_registrant_format_count (total);

      /* Translators: "1,200 of 2,000 done. …" */
      body = g_strdup_printf (_("%s of %s done. Roster goes on in the background."), done, all);
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_LOW);
  add_open_results (notification, entry, FALSE);
  g_application_send_notification (G_APPLICATION (self->application), id, notification);
  entry->running_notified = TRUE;
}

/* What the end of an import says: how many were registered, how many failed; or why it
 * stopped. */
static char *
dup_end_body (RunnerEntry  *entry,
              const char  **title)
{
  RosterImportJob *job = entry->job;
  const GError *error = roster_import_job_get_error (job);
  guint n_registered = roster_import_job_get_n_registered (job);
  guint n_failed = roster_import_job_get_n_failed (job);
  g_autofree char *registered = roster_registrant_format_count (n_registered);
  g_autofree char *failed = roster_registrant_format_count (n_failed);
  g_autofree char *text = NULL;

  if (error != NULL)
    {
      *title = _("Import Stopped");
      return g_strdup (error->message);
    }

  *title = roster_import_job_get_state (job) == ROSTER_IMPORT_JOB_FINISHED ? _("Import Finished") : _("Import Stopped");
  if (entry->webinar != NULL)
    /* Translators: the first %s is a count, "19,982", the second a webinar's name */
    text = g_strdup_printf (ngettext ("Registered %s person in %s", "Registered %s people in %s", n_registered),
                            registered, entry->webinar);
  else
    /* Translators: %s is a count, "19,982" */
    text = g_strdup_printf (ngettext ("Registered %s person", "Registered %s people", n_registered), registered);

  if (n_failed == 0)
    return g_steal_pointer (&text);

  /* Translators: "Registered 19,982 people in Growth Masterclass; 18 failed" */
  return g_strdup_printf (ngettext ("%s; %s failed", "%s; %s failed", n_failed), text, failed);
}

void
_roster_import_runner_notify_end (RosterImportRunner *self,
                                  RunnerEntry        *entry)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = dup_notification_id (entry);
  g_autofree char *body = NULL;
  const char *title = NULL;

  body = dup_end_body (entry, &title);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  if (roster_import_job_get_error (entry->job) != NULL)
    g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  add_open_results (notification, entry, FALSE);
  add_open_results (notification, entry, TRUE);
  if (roster_import_job_get_n_failed (entry->job) > 0 && roster_import_job_get_error (entry->job) == NULL)
    g_notification_add_button_with_target_value (notification, _("Retry Failed"), "app.retry-failed",
                                                 g_variant_new_string (entry->id != NULL ? entry->id : ""));
  g_application_send_notification (G_APPLICATION (self->application), id, notification);
  entry->running_notified = FALSE;
}

void
_roster_import_runner_withdraw (RosterImportRunner *self,
                                RunnerEntry        *entry)
{
  g_autofree char *id = dup_notification_id (entry);

  g_application_withdraw_notification (G_APPLICATION (self->application), id);
  entry->running_notified = FALSE;
}

/* ---- The notifications' actions ------------------------------------------------------------- */

/* An import this run of Roster does not know (it was started again for the action) is shown
 * by the window, which offers to resume unfinished ones. */
static RosterImportJob *
lookup_or_activate (RosterImportRunner *self,
                    GVariant           *parameter)
{
  RosterImportJob *job = roster_import_runner_lookup (self, g_variant_get_string (parameter, NULL));

  if (job == NULL)
    g_application_activate (G_APPLICATION (self->application));

  return job;
}

static void
open_results_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  RosterImportRunner *self = user_data;
  RosterImportJob *job = lookup_or_activate (self, parameter);

  if (job != NULL)
    roster_import_runner_show (self, job, gtk_application_get_active_window (self->application));
}

static void
retry_failed_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  RosterImportRunner *self = user_data;
  RosterImportJob *job = lookup_or_activate (self, parameter);
  RosterImportJobState state;

  if (job == NULL)
    return;

  state = roster_import_job_get_state (job);
  if (state != ROSTER_IMPORT_JOB_RUNNING && state != ROSTER_IMPORT_JOB_PAUSED && !roster_import_job_is_busy (job) &&
      roster_import_job_get_n_failed (job) > 0)
    {
      roster_import_job_set_retry_failed (job, TRUE);
      roster_import_job_start (job);
    }
  roster_import_runner_show (self, job, gtk_application_get_active_window (self->application));
}

void
_roster_import_runner_add_actions (RosterImportRunner *self)
{
  const GActionEntry actions[] = {
    { "open-results", open_results_action, "s" },
    { "retry-failed", retry_failed_action, "s" },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self->application), actions, G_N_ELEMENTS (actions), self);
}
