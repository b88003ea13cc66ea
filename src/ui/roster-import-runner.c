/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-runner"

#include "config.h"

#include <glib/gi18n.h>
#include <libportal-gtk4/portal-gtk4.h>

#include "roster-application.h"
#include "roster-import-progress-window.h"
#include "roster-import-runner-private.h"
#include "roster-registrant-format.h"

/* Every import the dialogs started, kept running after their dialog and every window close.
 * While any is running or paused the application holds itself, so it quits by itself once the
 * last one has ended and no window is open; while one sends, suspend and logout are
 * inhibited.  Inside Flatpak the background portal is asked for leave to go on without a
 * window.  A job the network monitor sees offline holds its queue by itself (the core job
 * sends nothing new; what is out lands in the journal), so pausing for the network is as safe
 * as the user's own pause. */

G_DEFINE_FINAL_TYPE (RosterImportRunner, roster_import_runner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_ACTIVE,
  PROP_BACKGROUND_REFUSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (RunnerEntry *entry)
{
  if (entry->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (entry->window), (gpointer *) &entry->window);
  g_clear_object (&entry->job);
  g_clear_object (&entry->file);
  g_free (entry->webinar);
  g_free (entry->id);
  g_free (entry);
}

RunnerEntry *
_roster_import_runner_find (RosterImportRunner *self,
                            RosterImportJob    *job)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      RunnerEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->job == job)
        return entry;
    }

  return NULL;
}

/* ---- Inhibiting suspend ----------------------------------------------------------------------- */

static void
update_inhibit (RosterImportRunner *self)
{
  guint64 n_people = 0;
  gboolean sending = FALSE;

  for (guint i = 0; i < self->entries->len; i++)
    {
      RunnerEntry *entry = g_ptr_array_index (self->entries, i);

      if (roster_import_job_get_state (entry->job) == ROSTER_IMPORT_JOB_RUNNING)
        {
          sending = TRUE;
          n_people += roster_import_job_get_n_total (entry->job);
        }
    }

  if (sending && self->inhibit_cookie == 0)
    {
      g_autofree char *count = roster_registrant_format_count (n_people);
      g_autofree char *reason = NULL;

      /* Translators: why the computer may not sleep now; %s is a count, "20,000" */
      reason = g_strdup_printf (ngettext ("Registering %s person", "Registering %s people",
                                          (gulong) MIN (n_people, G_MAXULONG)),
                                count);
      self->inhibit_cookie = gtk_application_inhibit (self->application, NULL,
                                                      GTK_APPLICATION_INHIBIT_SUSPEND |
                                                      GTK_APPLICATION_INHIBIT_LOGOUT,
                                                      reason);
    }
  else if (!sending && self->inhibit_cookie != 0)
    {
      gtk_application_uninhibit (self->application, self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
}

/* ---- Flatpak's background portal -------------------------------------------------------------- */

static void
background_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RosterImportRunner) self = user_data;
  g_autoptr(GError) error = NULL;

  if (xdp_portal_request_background_finish (XDP_PORTAL (object), result, &error))
    return;

  g_debug ("Running in the background was refused: %s", error->message);
  self->background_refused = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKGROUND_REFUSED]);
}

/* Outside Flatpak nothing stops a process without windows, so nobody is asked. */
static void
request_background (RosterImportRunner *self)
{
  g_autoptr(XdpPortal) portal = NULL;
  g_autofree char *reason = NULL;
  GtkWindow *window;
  XdpParent *parent = NULL;

  if (self->background_requested || !g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return;

  self->background_requested = TRUE;
  portal = xdp_portal_new ();
  window = gtk_application_get_active_window (self->application);
  if (window != NULL)
    parent = xdp_parent_new_gtk (window);
  reason = g_strdup (_("Imports go on when every Roster window is closed"));
  xdp_portal_request_background (portal, parent, reason, NULL, XDP_BACKGROUND_FLAG_NONE, NULL,
                                 background_cb, g_object_ref (self));
  g_clear_pointer (&parent, xdp_parent_free);
}

/* ---- Windows ---------------------------------------------------------------------------------- */

/* Notifies the running imports when the last window has gone, withdraws that when one is
 * back. */
static void
refresh_visibility (RosterImportRunner *self)
{
  gboolean visible = _roster_import_runner_any_visible (self);

  if (visible == self->window_visible)
    return;

  self->window_visible = visible;
  for (guint i = 0; i < self->entries->len; i++)
    {
      RunnerEntry *entry = g_ptr_array_index (self->entries, i);

      if (visible && entry->running_notified)
        _roster_import_runner_withdraw (self, entry);
      else if (!visible && entry->active)
        _roster_import_runner_notify_running (self, entry);
    }
}

static gboolean
visibility_cb (gpointer user_data)
{
  RosterImportRunner *self = user_data;

  self->visibility_id = 0;
  refresh_visibility (self);

  return G_SOURCE_REMOVE;
}

/* Looked at once the main loop is idle: a new window is shown just after it is made. */
static void
toplevels_changed_cb (RosterImportRunner *self)
{
  if (self->visibility_id == 0)
    self->visibility_id = g_idle_add_full (G_PRIORITY_DEFAULT, visibility_cb, self, NULL);
}

/* ---- Following each job ----------------------------------------------------------------------- */

static void
set_active (RosterImportRunner *self,
            RunnerEntry        *entry,
            gboolean            active)
{
  guint position;

  if (entry->active == active)
    return;

  entry->active = active;
  if (active)
    {
      entry->pausing = FALSE;
      g_list_store_append (self->active, entry->job);
      if (self->n_active++ == 0)
        g_application_hold (G_APPLICATION (self->application));
    }
  else
    {
      if (g_list_store_find (self->active, entry->job, &position))
        g_list_store_remove (self->active, position);
      self->n_active--;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACTIVE]);

  if (self->n_active == 0)
    {
      g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->pause_tasks);

      self->pause_tasks = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < tasks->len; i++)
        g_task_return_boolean (g_ptr_array_index (tasks, i), TRUE);
      /* Last: with no window open, the application ends after this. */
      g_application_release (G_APPLICATION (self->application));
    }
}

static void
job_changed_cb (RosterImportJob    *job,
                GParamSpec         *pspec,
                RosterImportRunner *self)
{
  RunnerEntry *entry = _roster_import_runner_find (self, job);
  RosterImportJobState state = roster_import_job_get_state (job);

  if (entry == NULL)
    return;

  /* Inactive again only once "finished" says the journal has everything. */
  if (state == ROSTER_IMPORT_JOB_RUNNING || state == ROSTER_IMPORT_JOB_PAUSED)
    set_active (self, entry, TRUE);
  update_inhibit (self);

  refresh_visibility (self);
  if (entry->active && !self->window_visible &&
      (!entry->running_notified || entry->notified_offline != roster_import_job_get_offline (job) ||
       entry->notified_paused != (state == ROSTER_IMPORT_JOB_PAUSED)))
    _roster_import_runner_notify_running (self, entry);
}

static void
job_finished_cb (RosterImportJob    *job,
                 RosterImportRunner *self)
{
  RunnerEntry *entry = _roster_import_runner_find (self, job);

  if (entry == NULL || !entry->active)
    return;

  update_inhibit (self);
  if (!entry->pausing)
    _roster_import_runner_notify_end (self, entry);
  else
    _roster_import_runner_withdraw (self, entry);
  set_active (self, entry, FALSE);
}

/* ---- Object ----------------------------------------------------------------------------------- */

static void
roster_import_runner_dispose (GObject *object)
{
  RosterImportRunner *self = ROSTER_IMPORT_RUNNER (object);

  g_clear_handle_id (&self->visibility_id, g_source_remove);
  /* The actions point at this runner. */
  if (self->application != NULL)
    {
      g_action_map_remove_action (G_ACTION_MAP (self->application), "open-results");
      g_action_map_remove_action (G_ACTION_MAP (self->application), "retry-failed");
    }
  if (self->toplevels != NULL)
    g_signal_handlers_disconnect_by_data (self->toplevels, self);
  self->toplevels = NULL;
  /* The application has shut down by now; the session manager drops an inhibitor whose
   * owner left the bus. */
  self->inhibit_cookie = 0;
  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    g_signal_handlers_disconnect_by_data (((RunnerEntry *) g_ptr_array_index (self->entries, i))->job, self);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->pause_tasks, g_ptr_array_unref);
  g_clear_object (&self->active);
  g_clear_object (&self->network_monitor);

  G_OBJECT_CLASS (roster_import_runner_parent_class)->dispose (object);
}

static void
roster_import_runner_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RosterImportRunner *self = ROSTER_IMPORT_RUNNER (object);

  switch (prop_id)
    {
    case PROP_N_ACTIVE:
      g_value_set_uint (value, self->n_active);
      break;
    case PROP_BACKGROUND_REFUSED:
      g_value_set_boolean (value, self->background_refused);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_import_runner_class_init (RosterImportRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = roster_import_runner_dispose;
  object_class->get_property = roster_import_runner_get_property;

  properties[PROP_N_ACTIVE] = g_param_spec_uint ("n-active", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_BACKGROUND_REFUSED] = g_param_spec_boolean ("background-refused", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_import_runner_init (RosterImportRunner *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->active = g_list_store_new (ROSTER_TYPE_IMPORT_JOB);
  self->pause_tasks = g_ptr_array_new_with_free_func (g_object_unref);
}

/* The application owns the runner; the runner adds app.open-results and app.retry-failed. */
RosterImportRunner *
roster_import_runner_new (GtkApplication *application)
{
  RosterImportRunner *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  self = g_object_new (ROSTER_TYPE_IMPORT_RUNNER, NULL);
  self->application = application;
  self->toplevels = gtk_window_get_toplevels ();
  g_signal_connect_object (self->toplevels, "items-changed", G_CALLBACK (toplevels_changed_cb),
                           self, G_CONNECT_SWAPPED);
  self->window_visible = _roster_import_runner_any_visible (self);
  _roster_import_runner_add_actions (self);

  return self;
}

/* The runner of @window's application (or of the window it belongs to); NULL outside Roster's
 * application, as in the dialog's own tests. */
RosterImportRunner *
roster_import_runner_for_window (GtkWindow *window)
{
  g_return_val_if_fail (window == NULL || GTK_IS_WINDOW (window), NULL);

  for (; window != NULL; window = gtk_window_get_transient_for (window))
    {
      GtkApplication *application = gtk_window_get_application (window);

      if (ROSTER_IS_APPLICATION (application))
        return roster_application_get_import_runner (ROSTER_APPLICATION (application));
    }

  return NULL;
}

/* Keeps @job going whatever happens to the window that started it. */
void
roster_import_runner_add (RosterImportRunner *self,
                          RosterImportJob    *job,
                          GFile              *file,
                          const char         *webinar_name)
{
  RunnerEntry *entry;

  g_return_if_fail (ROSTER_IS_IMPORT_RUNNER (self));
  g_return_if_fail (ROSTER_IS_IMPORT_JOB (job));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (_roster_import_runner_find (self, job) != NULL)
    return;

  entry = g_new0 (RunnerEntry, 1);
  entry->job = g_object_ref (job);
  entry->file = file != NULL ? g_object_ref (file) : NULL;
  entry->webinar = g_strdup (webinar_name);
  entry->id = g_strdup (roster_import_journal_get_path (roster_import_job_get_journal (job)));
  g_ptr_array_add (self->entries, entry);

  if (self->network_monitor != NULL)
    roster_import_job_set_network_monitor (job, self->network_monitor);
  g_signal_connect (job, "notify::state", G_CALLBACK (job_changed_cb), self);
  g_signal_connect (job, "notify::offline", G_CALLBACK (job_changed_cb), self);
  g_signal_connect (job, "finished", G_CALLBACK (job_finished_cb), self);
  job_changed_cb (job, NULL, self);
  request_background (self);
}

gboolean
roster_import_runner_contains (RosterImportRunner *self,
                               RosterImportJob    *job)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RUNNER (self), FALSE);

  return _roster_import_runner_find (self, job) != NULL;
}

/* RosterImportJob items, running or paused, in the order they started. */
GListModel *
roster_import_runner_get_active (RosterImportRunner *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RUNNER (self), NULL);

  return G_LIST_MODEL (self->active);
}

guint
roster_import_runner_get_n_active (RosterImportRunner *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RUNNER (self), 0);

  return self->n_active;
}

GFile *
roster_import_runner_get_file (RosterImportRunner *self,
                               RosterImportJob    *job)
{
  RunnerEntry *entry;

  g_return_val_if_fail (ROSTER_IS_IMPORT_RUNNER (self), NULL);

  entry = _roster_import_runner_find (self, job);
  return entry != NULL ? entry->file : NULL;
}

const char *
roster_import_runner_get_webinar_name (RosterImportRunner *self,
                                       RosterImportJob    *job)
{
  RunnerEntry *entry;

  g_return_val_if_fail (ROSTER_IS_IMPORT_RUNNER (self), NULL);

  entry = _roster_import_runner_find (self, job);
  return entry != NULL ? entry->webinar : NULL;
}

/* The job whose journal is @id, as the notifications' actions name it. */
RosterImportJob *
roster_import_runner_lookup (RosterImportRunner *self,
                             const char         *id)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RUNNER (self), NULL);

  for (guint i = 0; id != NULL && i < self->entries->len; i++)
    {
      RunnerEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (entry->id, id) == 0)
        return entry->job;
    }

  return NULL;
}

const char *
roster_import_runner_get_id (RosterImportRunner *self,
                             RosterImportJob    *job)
{
  RunnerEntry *entry;

  g_return_val_if_fail (ROSTER_IS_IMPORT_RUNNER (self), NULL);

  entry = _roster_import_runner_find (self, job);
  return entry != NULL ? entry->id : NULL;
}

/* The monitor every job watches (tests inject one); NULL leaves each job to its default. */
void
roster_import_runner_set_network_monitor (RosterImportRunner *self,
                                          GNetworkMonitor    *monitor)
{
  g_return_if_fail (ROSTER_IS_IMPORT_RUNNER (self));
  g_return_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor));

  if (!g_set_object (&self->network_monitor, monitor) || monitor == NULL)
    return;

  for (guint i = 0; i < self->entries->len; i++)
    roster_import_job_set_network_monitor (((RunnerEntry *) g_ptr_array_index (self->entries, i))->job,
                                           monitor);
}

/* Inside Flatpak, whether the portal said no to running without a window. */
gboolean
roster_import_runner_get_background_refused (RosterImportRunner *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RUNNER (self), FALSE);

  return self->background_refused;
}

/* The session manager's cookie while an import sends, else 0. */
guint
roster_import_runner_get_inhibit_cookie (RosterImportRunner *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RUNNER (self), 0);

  return self->inhibit_cookie;
}

/* Shows @job's progress, and its results once it has ended, in a window of its own. */
void
roster_import_runner_show (RosterImportRunner *self,
                           RosterImportJob    *job,
                           GtkWindow          *parent)
{
  RunnerEntry *entry;

  g_return_if_fail (ROSTER_IS_IMPORT_RUNNER (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  if ((entry = _roster_import_runner_find (self, job)) == NULL)
    return;

  if (entry->window == NULL)
    {
      entry->window = GTK_WINDOW (roster_import_progress_window_new (parent, job, entry->file, entry->webinar));
      g_object_add_weak_pointer (G_OBJECT (entry->window), (gpointer *) &entry->window);
      /* It goes with the window it was opened from (the import does not), and counts as one
       * of the application's while open. */
      gtk_window_set_destroy_with_parent (entry->window, TRUE);
      gtk_application_add_window (self->application, entry->window);
    }
  gtk_window_present (entry->window);
}

/* "Pause and Quit": stops every import where it is (calls out land and are journaled, so
 * each resumes later from its journal) and completes once all have ended. */
void
roster_import_runner_pause_all_async (RosterImportRunner  *self,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROSTER_IS_IMPORT_RUNNER (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, roster_import_runner_pause_all_async);
  if (self->n_active == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_add (self->pause_tasks, g_steal_pointer (&task));
  /* Entries stay for the runner's life, so cancelling (which may finish at once) keeps
   * the array as it is. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      RunnerEntry *entry = g_ptr_array_index (self->entries, i);

      if (!entry->active)
        continue;
      entry->pausing = TRUE;
      roster_import_job_cancel (entry->job);
    }
}

gboolean
roster_import_runner_pause_all_finish (RosterImportRunner  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
