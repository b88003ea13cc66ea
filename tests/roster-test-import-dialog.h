/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-fake-service.h"
#include "roster-import-dialog.h"
#include "roster-import-plan.h"

G_BEGIN_DECLS

/* The import dialog's widget tests share this: the fake service, a client of it on a wide open
 * limiter, the sample file and what the core makes of it, a parent window, and the ways a user
 * reaches into the dialog. */

#define SAMPLE      "excel-de-semicolon-bom.csv"
#define TARGET      "Webinar Funnel Teardown"
#define CONSENT     "The people in this file agreed to be registered for this webinar and to be contacted about it"

typedef struct
{
  RosterFakeService  *service;
  RosterRateLimiter  *limiter;
  RosterClient       *client;
  GSettings          *settings;
  GListStore         *webinars;
  GtkWindow          *parent;
  RosterImportDialog *dialog;
  GFile              *file;
  RosterImportPlan   *plan;     /* the sample as the core reads it, to compare with */
} Fixture;

typedef gboolean (*Condition) (Fixture *fixture);

gboolean       under_valgrind                 (void);
void           wait_until                     (Fixture       *fixture,
                                               Condition      condition,
                                               guint          timeout_ms);
void           shoot                          (Fixture       *fixture,
                                               const char    *name);
void           fixture_set_up                 (Fixture       *fixture,
                                               gconstpointer  data);
void           fixture_tear_down              (Fixture       *fixture,
                                               gconstpointer  data);
GtkWidget     *find                           (Fixture       *fixture,
                                               GType          type,
                                               const char    *property,
                                               const char    *value);
AdwComboRow   *combo_row                      (Fixture       *fixture,
                                               const char    *title);
AdwActionRow  *action_row                     (Fixture       *fixture,
                                               const char    *title);
const char    *subtitle_of                    (Fixture       *fixture,
                                               const char    *title);
guint          count_of                       (Fixture       *fixture,
                                               const char    *title);
gboolean       action_enabled                 (Fixture       *fixture,
                                               const char    *action);
void           next                           (Fixture       *fixture);
const char    *step                           (Fixture       *fixture);
gboolean       file_read                      (Fixture       *fixture);
gboolean       columns_ready                  (Fixture       *fixture);
gboolean       target_ready                   (Fixture       *fixture);
gboolean       on_review                      (Fixture       *fixture);
gboolean       on_run                         (Fixture       *fixture);
gboolean       on_results                     (Fixture       *fixture);
gboolean       registered_checked             (Fixture       *fixture);
RosterWebinar *find_webinar                   (Fixture       *fixture,
                                               const char    *title);
void           choose_webinar                 (Fixture       *fixture,
                                               const char    *title);
void           open_dialog                    (Fixture       *fixture,
                                               GFile         *file);
void           walk_to_review                 (Fixture       *fixture);
void           tick_consent                   (Fixture       *fixture);
void           assert_registered_exactly_once (Fixture       *fixture);
gboolean       export_results                 (GtkWidget     *results_page,
                                               GFile         *file,
                                               GError       **error);
GtkWindow     *find_message_dialog_for        (GtkWindow     *parent);

G_END_DECLS
