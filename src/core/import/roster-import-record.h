/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-import-journal.h"

G_BEGIN_DECLS

/* Where an import stands, as the history shows it. */
typedef enum
{
  ROSTER_IMPORT_STATE_RUNNING,   /* a window or process has it open */
  ROSTER_IMPORT_STATE_PAUSED,    /* stopped before the end: it can be resumed */
  ROSTER_IMPORT_STATE_FINISHED,
  ROSTER_IMPORT_STATE_DAMAGED,   /* its journal needs recovery */
  ROSTER_IMPORT_STATE_UNDOING,   /* an undo began and did not finish */
  ROSTER_IMPORT_STATE_UNDONE,
} RosterImportState;

#define ROSTER_TYPE_IMPORT_RECORD (roster_import_record_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportRecord, roster_import_record, ROSTER, IMPORT_RECORD, GObject)

RosterImportRecord            *roster_import_record_new              (const RosterImportJournalInfo *info,
                                                                      gint64                         last_change,
                                                                      gboolean                       running,
                                                                      gboolean                       has_undo,
                                                                      gboolean                       undo_complete,
                                                                      guint                          n_unsubscribed);
const RosterImportJournalInfo *roster_import_record_get_info         (RosterImportRecord            *self);
const char                    *roster_import_record_get_id           (RosterImportRecord            *self);
const char                    *roster_import_record_get_path         (RosterImportRecord            *self);
GDateTime                     *roster_import_record_get_started      (RosterImportRecord            *self);
gint64                         roster_import_record_get_duration     (RosterImportRecord            *self);
RosterImportState              roster_import_record_get_state        (RosterImportRecord            *self);
const char                    *roster_import_record_get_state_label  (RosterImportRecord            *self);
guint                          roster_import_record_get_n_skipped    (RosterImportRecord            *self);
guint                          roster_import_record_get_n_unsubscribed (RosterImportRecord          *self);
char                          *roster_import_record_dup_summary      (RosterImportRecord            *self);

G_END_DECLS
