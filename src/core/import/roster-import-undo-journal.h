/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What an undo did to each registered row of one import, kept next to the import's journal
 * (same name, ".undo" instead of ".journal"), one JSON object a line, each line made durable
 * before the caller goes on: "sending" before an `unsubscribe` leaves, the outcome when it
 * lands.  One process at a time holds it (flock on the file itself). */

typedef enum
{
  ROSTER_UNDO_ROW_PENDING,       /* nothing sent yet */
  ROSTER_UNDO_ROW_SENDING,       /* write-ahead: an unsubscribe was about to go out */
  ROSTER_UNDO_ROW_UNSUBSCRIBED,
  ROSTER_UNDO_ROW_GONE,          /* already unsubscribed, or no longer among the registrants */
  ROSTER_UNDO_ROW_FAILED,        /* certainly not done: tried again on the next run */
  ROSTER_UNDO_ROW_UNKNOWN,       /* sent, outcome unknown: look it up before resending */
  ROSTER_UNDO_N_ROW_STATES,
} RosterUndoRowState;

#define ROSTER_TYPE_IMPORT_UNDO_JOURNAL (roster_import_undo_journal_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportUndoJournal, roster_import_undo_journal, ROSTER, IMPORT_UNDO_JOURNAL, GObject)

char                    *roster_import_undo_journal_path_for    (const char               *import_path);
RosterImportUndoJournal *roster_import_undo_journal_open        (const char               *import_path,
                                                                 GError                  **error);
gboolean                 roster_import_undo_journal_peek        (const char               *import_path,
                                                                 guint                    *n_unsubscribed,
                                                                 gboolean                 *complete);
RosterUndoRowState       roster_import_undo_journal_get_state   (RosterImportUndoJournal  *self,
                                                                 guint                     row);
gint64                   roster_import_undo_journal_get_lead_id (RosterImportUndoJournal  *self,
                                                                 guint                     row);
gboolean                 roster_import_undo_journal_is_complete (RosterImportUndoJournal  *self);
void                     roster_import_undo_journal_append_async (RosterImportUndoJournal *self,
                                                                 guint                     row,
                                                                 const char               *email,
                                                                 RosterUndoRowState        state,
                                                                 gint64                    lead_id,
                                                                 const char               *message,
                                                                 GAsyncReadyCallback       callback,
                                                                 gpointer                  user_data);
gboolean                 roster_import_undo_journal_append_finish (RosterImportUndoJournal *self,
                                                                 GAsyncResult             *result,
                                                                 GError                  **error);
void                     roster_import_undo_journal_complete_async (RosterImportUndoJournal *self,
                                                                 GAsyncReadyCallback       callback,
                                                                 gpointer                  user_data);

G_END_DECLS
