/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-client.h"
#include "roster-fake-service.h"
#include "roster-import-job.h"

G_BEGIN_DECLS

/* What the import tests share: the fake service on loopback with a client of its account on a
 * limiter of its own, the main webinar and its first schedule, and CSV files of made-up people. */
typedef struct
{
  RosterFakeService *fake;
  RosterClient      *client;
  RosterRateLimiter *limiter;
  gint64             webinar_id;
  gint64             schedule_id;
} RosterTestImport;

void   roster_test_import_set_up    (RosterTestImport *fixture,
                                     guint             per_second);
void   roster_test_import_tear_down (RosterTestImport *fixture);
void   roster_test_iterate_for      (guint             msec);
char  *roster_test_make_csv         (const char       *tag,
                                     guint             n_rows);
char  *roster_test_email_of         (const char       *tag,
                                     guint             i);
void   roster_test_run_job          (RosterImportJob  *job);
RosterImportRow roster_test_job_row (RosterImportJob  *job,
                                     guint             row);
void   roster_test_remove_journals  (void);
RosterRegistration *roster_test_register (RosterTestImport *fixture,
                                          const char       *email);

G_END_DECLS
