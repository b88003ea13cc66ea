/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-client.h"
#include "roster-registrant-store.h"
#include "roster-csv-reader.h"
#include "roster-import-journal.h"
#include "roster-import-mapping.h"
#include "roster-import-row.h"
#include "roster-import-tidy.h"

G_BEGIN_DECLS

/* The rows of a CSV file as an import would send them: mapped, cleaned (emails and names
 * trimmed, phones reduced to digits, country codes as "+N") and checked, each with its line
 * number, a state (ready, or why it is left out) and the problems found, in human words.  Stored compactly: one string
 * chunk and one array of small row structs, so that 200,000 rows fit in a few tens of MiB. */

typedef enum
{
  ROSTER_IMPORT_SEVERITY_ERROR,    /* the row cannot be sent as it is */
  ROSTER_IMPORT_SEVERITY_WARNING,  /* worth a look; the status says whether it is sent */
} RosterImportSeverity;

typedef struct
{
  guint                 row;       /* index into the plan's rows; G_MAXUINT: none (the header) */
  guint                 line;      /* physical line where the record starts */
  RosterImportSeverity  severity;
  const char           *message;   /* translated; "Line 12: …" */
} RosterImportProblem;

#define ROSTER_TYPE_IMPORT_PLAN (roster_import_plan_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportPlan, roster_import_plan, ROSTER, IMPORT_PLAN, GObject)

RosterImportPlan          *roster_import_plan_new                    (RosterCsvReader           *reader,
                                                                      const RosterImportMapping *mapping,
                                                                      GCancellable              *cancellable,
                                                                      GError                   **error);
void                       roster_import_plan_new_async              (RosterCsvReader           *reader,
                                                                      const RosterImportMapping *mapping,
                                                                      GCancellable              *cancellable,
                                                                      GAsyncReadyCallback        callback,
                                                                      gpointer                   user_data);
RosterImportPlan          *roster_import_plan_new_finish             (GAsyncResult              *result,
                                                                      GError                   **error);

guint                      roster_import_plan_get_n_rows             (RosterImportPlan          *self);
guint                      roster_import_plan_get_count              (RosterImportPlan          *self,
                                                                      RosterImportRowState       status);
RosterImportRowState       roster_import_plan_get_row_status         (RosterImportPlan          *self,
                                                                      guint                      row);
guint                      roster_import_plan_get_row_line           (RosterImportPlan          *self,
                                                                      guint                      row);
const char                *roster_import_plan_get_row_value          (RosterImportPlan          *self,
                                                                      guint                      row,
                                                                      RosterImportField          field);
guint                      roster_import_plan_get_row_duplicate_of   (RosterImportPlan          *self,
                                                                      guint                      row);
guint                      roster_import_plan_get_n_extras           (RosterImportPlan          *self);
const char                *roster_import_plan_get_extra_label        (RosterImportPlan          *self,
                                                                      guint                      extra);
const char                *roster_import_plan_get_row_extra          (RosterImportPlan          *self,
                                                                      guint                      row,
                                                                      guint                      extra);
guint                      roster_import_plan_get_row_problems       (RosterImportPlan          *self,
                                                                      guint                      row,
                                                                      const RosterImportProblem **problems);
guint                      roster_import_plan_get_n_problems         (RosterImportPlan          *self);
const RosterImportProblem *roster_import_plan_get_problem            (RosterImportPlan          *self,
                                                                      guint                      index);

guint                      roster_import_plan_get_n_changes          (RosterImportPlan          *self);
const RosterImportChange  *roster_import_plan_get_change             (RosterImportPlan          *self,
                                                                      guint                      index);

gboolean                   roster_import_plan_correct                (RosterImportPlan          *self,
                                                                      guint                      row,
                                                                      const char                *field,
                                                                      const char                *value);
guint                      roster_import_plan_get_n_corrections      (RosterImportPlan          *self);
const RosterImportCorrection *roster_import_plan_get_correction      (RosterImportPlan          *self,
                                                                      guint                      index);
gboolean                   roster_import_plan_get_row_corrected      (RosterImportPlan          *self,
                                                                      guint                      row);
void                       roster_import_plan_dismiss_warnings       (RosterImportPlan          *self,
                                                                      guint                      row);
GArray                    *roster_import_plan_dup_corrections        (RosterImportPlan          *self,
                                                                      GArray                   **lines);
void                       roster_import_plan_apply_journal          (RosterImportPlan          *self,
                                                                      RosterImportJournal       *journal);
const char                *roster_import_field_get_key               (RosterImportField          field);

guint                      roster_import_plan_mark_registered        (RosterImportPlan          *self,
                                                                      GHashTable                *emails_casefolded);
void                       roster_import_plan_mark_registered_async  (RosterImportPlan          *self,
                                                                      RosterRegistrantStore     *store,
                                                                      RosterClient              *client,
                                                                      gint64                     webinar_id,
                                                                      GCancellable              *cancellable,
                                                                      GAsyncReadyCallback        callback,
                                                                      gpointer                   user_data);
gboolean                   roster_import_plan_mark_registered_finish (RosterImportPlan          *self,
                                                                      GAsyncResult              *result,
                                                                      guint                     *n_marked,
                                                                      GError                   **error);

G_END_DECLS
