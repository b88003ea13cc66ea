/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-client.h"
#include "roster-core-enums.h"
#include "roster-import-journal.h"
#include "roster-import-plan.h"
#include "roster-import-row.h"
#include "roster-import-target.h"

G_BEGIN_DECLS

/* Sends the ready rows of a plan to one target through the account's client (bulk priority,
 * several calls in flight, paced by the shared limiter), recording every step in the journal
 * so that nobody is registered twice: a row is sent again only when the first call certainly
 * did not go out, or a `registrants` search showed the person is not there. */

typedef enum
{
  ROSTER_IMPORT_JOB_IDLE,
  ROSTER_IMPORT_JOB_RUNNING,
  ROSTER_IMPORT_JOB_PAUSED,
  ROSTER_IMPORT_JOB_CANCELLED,
  ROSTER_IMPORT_JOB_FINISHED,
} RosterImportJobState;

#define ROSTER_TYPE_IMPORT_JOB (roster_import_job_get_type ())


G_DECLARE_FINAL_TYPE (RosterImportJob, roster_import_job, ROSTER, IMPORT_JOB, GObject)

RosterImportJob     *roster_import_job_new                    (RosterClient              *client,
                                                               RosterImportPlan          *plan,
                                                               const RosterImportTarget  *target,
                                                               RosterImportJournal       *journal);
RosterImportPlan    *roster_import_job_get_plan               (RosterImportJob           *self);
RosterImportJournal *roster_import_job_get_journal            (RosterImportJob           *self);
const RosterImportTarget *roster_import_job_get_target        (RosterImportJob           *self);

void                 roster_import_job_set_retry_failed       (RosterImportJob           *self,
                                                               gboolean                   retry_failed);
void                 roster_import_job_set_resend_unknown     (RosterImportJob           *self,
                                                               gboolean                   resend_unknown);
void                 roster_import_job_set_check_window       (RosterImportJob           *self,
                                                               guint                      msec);
void                 roster_import_job_set_give_up_after      (RosterImportJob           *self,
                                                               guint                      msec);
void                 roster_import_job_set_network_monitor    (RosterImportJob           *self,
                                                               GNetworkMonitor           *monitor);
void                 roster_import_job_set_registrant_store   (RosterImportJob           *self,
                                                               RosterRegistrantStore     *store);
void                 roster_import_job_set_max_in_flight      (RosterImportJob           *self,
                                                               guint                      max_in_flight);
void                 roster_import_job_set_row_skipped        (RosterImportJob           *self,
                                                               guint                      row,
                                                               gboolean                   skipped);

void                 roster_import_job_start                  (RosterImportJob           *self);
void                 roster_import_job_pause                  (RosterImportJob           *self);
void                 roster_import_job_resume                 (RosterImportJob           *self);
void                 roster_import_job_cancel                 (RosterImportJob           *self);

RosterImportJobState roster_import_job_get_state              (RosterImportJob           *self);
gboolean             roster_import_job_is_busy                (RosterImportJob           *self);
guint                roster_import_job_get_n_total            (RosterImportJob           *self);
guint                roster_import_job_get_n_registered       (RosterImportJob           *self);
guint                roster_import_job_get_n_failed           (RosterImportJob           *self);
guint                roster_import_job_get_n_unknown          (RosterImportJob           *self);
guint                roster_import_job_get_n_remaining        (RosterImportJob           *self);
double               roster_import_job_get_rate               (RosterImportJob           *self);
double               roster_import_job_get_pace               (RosterImportJob           *self);
gint64               roster_import_job_get_eta_seconds        (RosterImportJob           *self);
gint64               roster_import_job_get_retry_at           (RosterImportJob           *self);
gboolean             roster_import_job_get_offline            (RosterImportJob           *self);
const GError        *roster_import_job_get_error              (RosterImportJob           *self);

RosterImportRowState roster_import_job_get_row_outcome        (RosterImportJob           *self,
                                                               guint                      row);
gboolean             roster_import_job_get_row                (RosterImportJob           *self,
                                                               guint                      row,
                                                               RosterImportRow           *record);

GString             *roster_import_job_results_csv            (RosterImportJob           *self,
                                                               gboolean                   with_bom);
gboolean             roster_import_job_write_results          (RosterImportJob           *self,
                                                               GOutputStream             *stream,
                                                               GCancellable              *cancellable,
                                                               GError                   **error);
gboolean             roster_import_job_write_results_to_path  (RosterImportJob           *self,
                                                               const char                *path,
                                                               GError                   **error);

G_END_DECLS
