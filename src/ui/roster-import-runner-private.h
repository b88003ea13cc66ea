/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-import-runner.h"

G_BEGIN_DECLS

/* What the runner's files share: roster-import-runner.c keeps the jobs, the application's
 * hold, the inhibitor, the network monitor and the background portal; -notify.c tells the
 * desktop how they go while no window shows them, and answers the notifications' actions. */

typedef struct
{
  RosterImportJob *job;
  GFile           *file;
  char            *webinar;            /* nullable: the target's name as the dialog showed it */
  char            *id;                 /* the journal's path: notification ID and action target */
  GtkWindow       *window;             /* weak: its progress window, while open */
  gboolean         active;             /* running or paused, or not yet "finished" */
  gboolean         pausing;            /* stopped by "Pause and Quit": nothing to tell */
  gboolean         running_notified;   /* a "running" notification is out */
  gboolean         notified_offline;   /* ...and it said the network was gone */
  gboolean         notified_paused;    /* ...or that the user paused it */
} RunnerEntry;

struct _RosterImportRunner
{
  GObject          parent_instance;

  GtkApplication  *application;        /* unowned: it owns the runner */
  GPtrArray       *entries;            /* RunnerEntry, every job handed over */
  GListStore      *active;             /* RosterImportJob, the active entries' */
  guint            n_active;
  guint            inhibit_cookie;
  GNetworkMonitor *network_monitor;
  GPtrArray       *pause_tasks;        /* GTask, done when nothing is active */

  GListModel      *toplevels;
  guint            visibility_id;
  gboolean         window_visible;

  gboolean         background_requested;
  gboolean         background_refused;
};

/* roster-import-runner.c */
RunnerEntry *_roster_import_runner_find         (RosterImportRunner *self,
                                                 RosterImportJob    *job);

/* roster-import-runner-notify.c */
void         _roster_import_runner_add_actions  (RosterImportRunner *self);
gboolean     _roster_import_runner_any_visible  (RosterImportRunner *self);
void         _roster_import_runner_notify_running (RosterImportRunner *self,
                                                 RunnerEntry        *entry);
void         _roster_import_runner_notify_end   (RosterImportRunner *self,
                                                 RunnerEntry        *entry);
void         _roster_import_runner_withdraw     (RosterImportRunner *self,
                                                 RunnerEntry        *entry);

G_END_DECLS
