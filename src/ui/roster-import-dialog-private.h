/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-account.h"

#include <adwaita.h>

#include "roster-import-columns-step.h"
#include "roster-import-dialog.h"
#include "roster-import-file-step.h"
#include "roster-import-remembered-banner.h"
#include "roster-import-results-page.h"
#include "roster-import-review-step.h"
#include "roster-import-run-page.h"
#include "roster-import-session.h"
#include "roster-import-target-step.h"
#include "roster-import-tidy-step.h"
#include "roster-target-picker.h"

/* What the import dialog's files share: the dialog itself (navigation between the steps),
 * reading the file and planning (roster-import-dialog-load.c), and starting, resuming and
 * stopping the import (roster-import-dialog-start.c). */

G_BEGIN_DECLS

typedef enum
{
  STEP_FILE,
  STEP_COLUMNS,
  STEP_TARGET,
  STEP_TIDY,
  STEP_REVIEW,
  STEP_RUN,
  STEP_RESULTS,
  N_STEPS
} Step;

struct _RosterImportDialog
{
  AdwWindow             parent_instance;

  RosterClient         *client;
  RosterAccount        *account;            /* NULL: a store in memory for this dialog */
  RosterRegistrantStore *registrant_store;  /* once "already registered" was asked */
  RosterImportSession  *session;
  GListModel           *webinars;
  GFile                *file;
  char                 *journal_path;       /* resuming: the journal to continue */
  RosterImportTarget   *resume_target;      /* resuming: the target it was for */
  gboolean              retry_failed;       /* resuming: send its failed rows again too */

  GCancellable         *cancellable;        /* everything; cancelled in dispose */
  GSettings            *settings;
  GCancellable         *load_cancellable;   /* reading the file */
  GCancellable         *plan_cancellable;   /* reading it again for a new mapping */

  Step                  step;
  RosterImportPlan     *plan;
  gboolean              loading;
  gboolean              planning;
  guint                 replan_id;
  gboolean              starting;
  gboolean              close_confirmed;
  gboolean              backgrounded;       /* the application's runner keeps the job going */
  gboolean              use_remembered;     /* a remembered mapping chose the columns */

  /* Run: the session's */
  RosterImportJob      *job;
  RosterImportTarget   *target;

  RosterTargetPicker   *picker;             /* the target step's */
  GtkFileChooserNative *problems_chooser;   /* "Export Problem Rows…" */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  GtkButton            *next_button;
  GtkSpinner           *busy_spinner;
  GtkStack             *stack;
  RosterImportFileStep    *file_step;
  RosterImportColumnsStep *columns_step;
  RosterImportTargetStep  *target_step;
  RosterImportTidyStep    *tidy_step;
  RosterImportRememberedBanner *remembered_banner;
  RosterImportReviewStep  *review_step;
  RosterImportRunPage     *run_page;
  RosterImportResultsPage *results_page;
};

/* roster-import-dialog.c */
void     _roster_import_dialog_set_busy_spinner        (RosterImportDialog *self);
void     _roster_import_dialog_update_actions          (RosterImportDialog *self);
void     _roster_import_dialog_go_to                   (RosterImportDialog *self,
                                                        Step                step);

/* roster-import-dialog-load.c */
void     _roster_import_dialog_load_file               (RosterImportDialog *self,
                                                        GFile              *file);
void     _roster_import_dialog_load_text               (RosterImportDialog *self,
                                                        const char         *text);
void     _roster_import_dialog_schedule_replan         (RosterImportDialog *self,
                                                        gboolean            now);
void     _roster_import_dialog_checked_cb              (RosterImportDialog *self);
void     _roster_import_dialog_reload_action           (GtkWidget          *widget,
                                                        const char         *action_name,
                                                        GVariant           *parameter);
void     _roster_import_dialog_check_registered_action (GtkWidget          *widget,
                                                        const char         *action_name,
                                                        GVariant           *parameter);

/* roster-import-dialog-start.c */
gboolean _roster_import_dialog_is_running              (RosterImportDialog *self);
void     _roster_import_dialog_start_import            (RosterImportDialog *self);
void     _roster_import_dialog_resume                  (RosterImportDialog *self);
void     _roster_import_dialog_ask_stop                (RosterImportDialog *self);
void     _roster_import_dialog_retry_action            (GtkWidget          *widget,
                                                        const char         *action_name,
                                                        GVariant           *parameter);
void     _roster_import_dialog_resend_unknown_action   (GtkWidget          *widget,
                                                        const char         *action_name,
                                                        GVariant           *parameter);

/* roster-import-dialog-problems.c */
void     _roster_import_dialog_export_problems_action  (GtkWidget          *widget,
                                                        const char         *action_name,
                                                        GVariant           *parameter);

G_END_DECLS
