/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-import-job.h"
#include "roster-import-plan.h"
#include "roster-import-target-summary.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_REVIEW_STEP (roster_import_review_step_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportReviewStep, roster_import_review_step, ROSTER, IMPORT_REVIEW_STEP, AdwBin)

GtkWidget *roster_import_review_step_new             (void);
void       roster_import_review_step_set_plan        (RosterImportReviewStep *self,
                                                      RosterImportPlan       *plan);
void       roster_import_review_step_check_registered (RosterImportReviewStep *self,
                                                       RosterRegistrantStore  *store,
                                                       RosterClient           *client,
                                                       gint64                  webinar_id);
gboolean   roster_import_review_step_forget_check    (RosterImportReviewStep *self);
gboolean   roster_import_review_step_get_checking    (RosterImportReviewStep *self);
gboolean   roster_import_review_step_get_checked     (RosterImportReviewStep *self);
void       roster_import_review_step_show_resume     (RosterImportReviewStep *self,
                                                      const char             *file_name,
                                                      guint                   n_registered);
void       roster_import_review_step_show_retry      (RosterImportReviewStep *self,
                                                      const char             *file_name,
                                                      guint                   n_failed);
gboolean   roster_import_review_step_get_consent     (RosterImportReviewStep *self);
void       roster_import_review_step_set_consent     (RosterImportReviewStep *self,
                                                      gboolean                consent);
gboolean   roster_import_review_step_get_ready       (RosterImportReviewStep *self);
guint      roster_import_review_step_get_n_to_send   (RosterImportReviewStep *self);
void       roster_import_review_step_skip_rows       (RosterImportReviewStep *self,
                                                      RosterImportJob        *job);

RosterImportTargetSummary *roster_import_review_step_get_target_summary (RosterImportReviewStep *self);

G_END_DECLS
