/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-progress-window"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-progress-window.h"
#include "roster-import-results-page.h"
#include "roster-import-run-page.h"

/* An import that runs on after its dialog closed, opened again from the window's banner or a
 * notification: its progress while it runs, its results once it has ended, and Retry Failed. */

struct _RosterImportProgressWindow
{
  AdwWindow                parent_instance;

  RosterImportJob         *job;

  /* Template widgets */
  AdwWindowTitle          *window_title;
  GtkStack                *stack;
  RosterImportRunPage     *run_page;
  RosterImportResultsPage *results_page;
};

G_DEFINE_FINAL_TYPE (RosterImportProgressWindow, roster_import_progress_window, ADW_TYPE_WINDOW)

static gboolean
is_running (RosterImportJob *job)
{
  RosterImportJobState state = roster_import_job_get_state (job);

  return state == ROSTER_IMPORT_JOB_RUNNING || state == ROSTER_IMPORT_JOB_PAUSED ||
         roster_import_job_is_busy (job);
}

static void
update (RosterImportProgressWindow *self)
{
  gboolean running = is_running (self->job);

  gtk_stack_set_visible_child_name (self->stack, running ? "run" : "results");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.retry",
                                 !running && roster_import_job_get_n_failed (self->job) > 0);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RosterImportProgressWindow *self = ROSTER_IMPORT_PROGRESS_WINDOW (widget);

  if (is_running (self->job) || roster_import_job_get_n_failed (self->job) == 0)
    return;

  roster_import_job_set_retry_failed (self->job, TRUE);
  roster_import_job_start (self->job);
}

static void
roster_import_progress_window_dispose (GObject *object)
{
  RosterImportProgressWindow *self = ROSTER_IMPORT_PROGRESS_WINDOW (object);

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_IMPORT_PROGRESS_WINDOW);
  g_clear_object (&self->job);

  G_OBJECT_CLASS (roster_import_progress_window_parent_class)->dispose (object);
}

static void
roster_import_progress_window_class_init (RosterImportProgressWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_import_progress_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-import-progress-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportProgressWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RosterImportProgressWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterImportProgressWindow, run_page);
  gtk_widget_class_bind_template_child (widget_class, RosterImportProgressWindow, results_page);

  gtk_widget_class_install_action (widget_class, "import.retry", NULL, retry_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
roster_import_progress_window_init (RosterImportProgressWindow *self)
{
  g_type_ensure (ROSTER_TYPE_IMPORT_RUN_PAGE);
  g_type_ensure (ROSTER_TYPE_IMPORT_RESULTS_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
roster_import_progress_window_new (GtkWindow       *parent,
                                   RosterImportJob *job,
                                   GFile           *file,
                                   const char      *webinar_name)
{
  RosterImportProgressWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOB (job), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (ROSTER_TYPE_IMPORT_PROGRESS_WINDOW, "transient-for", parent, NULL);
  self->job = g_object_ref (job);
  adw_window_title_set_subtitle (self->window_title, webinar_name);
  roster_import_run_page_set_job (self->run_page, job);
  roster_import_results_page_set_job (self->results_page, job, file);
  g_signal_connect_object (job, "notify::state", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (job, "notify::busy", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

RosterImportJob *
roster_import_progress_window_get_job (RosterImportProgressWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PROGRESS_WINDOW (self), NULL);

  return self->job;
}
