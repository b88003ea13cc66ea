/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-import-row.h"
#include "roster-import-target.h"
#include "roster-registration.h"

G_BEGIN_DECLS

/* The on-disk record of one import (one account, one file, one target): append-only JSON lines
 * in the account's journal folder (g_get_user_data_dir()/roster/imports/ unless the front end
 * gives another, as the demo does), mode 0600.  "sending" is written and made durable before a
 * `register` goes out, each outcome as it lands, so that after a crash no outcome is lost and
 * no row whose fate is unknown is sent again without checking.  Lines are written by a thread
 * of the journal's own, never on the caller's main loop. */

typedef enum
{
  ROSTER_IMPORT_JOURNAL_OPEN_NONE    = 0,
  ROSTER_IMPORT_JOURNAL_OPEN_RECOVER = 1 << 0,  /* accept a damaged journal: look every row up */
} RosterImportJournalOpenFlags;

typedef struct
{
  char               *path;
  char               *account_id;
  char               *file_name;
  char               *file_sha256;
  RosterImportTarget *target;
  char               *created;       /* ISO 8601, UTC */
  guint               n_rows;
  guint               n_registered;
  guint               n_failed;
  guint               n_unknown;     /* last state "sending" or "unknown" */
  gboolean            complete;
  gboolean            recovering;
  gboolean            damaged;       /* opening it needs ROSTER_IMPORT_JOURNAL_OPEN_RECOVER */
} RosterImportJournalInfo;

#define ROSTER_TYPE_IMPORT_JOURNAL_INFO (roster_import_journal_info_get_type ())
#define ROSTER_TYPE_IMPORT_JOURNAL (roster_import_journal_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportJournal, roster_import_journal, ROSTER, IMPORT_JOURNAL, GObject)

GType                    roster_import_journal_info_get_type   (void) G_GNUC_CONST;
RosterImportJournalInfo *roster_import_journal_info_copy       (const RosterImportJournalInfo *info);
void                     roster_import_journal_info_free       (RosterImportJournalInfo       *info);

char                    *roster_import_journal_dup_dir         (void);
RosterImportJournal     *roster_import_journal_open            (const char                    *dir,
                                                                const char                    *account_id,
                                                                const char                    *file_sha256,
                                                                const char                    *file_name,
                                                                const RosterImportTarget      *target,
                                                                guint                          n_rows,
                                                                RosterImportJournalOpenFlags   flags,
                                                                GError                       **error);
RosterImportJournal     *roster_import_journal_open_path       (const char                    *path,
                                                                const char                    *account_id,
                                                                RosterImportJournalOpenFlags   flags,
                                                                GError                       **error);
const char              *roster_import_journal_get_path        (RosterImportJournal           *self);
const char              *roster_import_journal_get_account_id  (RosterImportJournal           *self);
const char              *roster_import_journal_get_file_name   (RosterImportJournal           *self);
const char              *roster_import_journal_get_file_sha256 (RosterImportJournal           *self);
const RosterImportTarget *roster_import_journal_get_target     (RosterImportJournal           *self);
const char              *roster_import_journal_get_created     (RosterImportJournal           *self);
guint                    roster_import_journal_get_n_rows      (RosterImportJournal           *self);
guint                    roster_import_journal_get_n_junk_lines (RosterImportJournal          *self);
gboolean                 roster_import_journal_get_recovering  (RosterImportJournal           *self);
guint                    roster_import_journal_get_count       (RosterImportJournal           *self,
                                                                RosterImportRowState           state);
gboolean                 roster_import_journal_is_empty        (RosterImportJournal           *self);

RosterImportRowState     roster_import_journal_get_row_state   (RosterImportJournal           *self,
                                                                guint                          row);
const RosterImportRow    *roster_import_journal_get_row         (RosterImportJournal           *self,
                                                                guint                          row);
gboolean                 roster_import_journal_append          (RosterImportJournal           *self,
                                                                guint                          row,
                                                                guint                          line,
                                                                const char                    *email,
                                                                RosterImportRowState           state,
                                                                RosterRegistration            *registration,
                                                                const char                    *message,
                                                                GError                       **error);
void                     roster_import_journal_append_async    (RosterImportJournal           *self,
                                                                guint                          row,
                                                                guint                          line,
                                                                const char                    *email,
                                                                RosterImportRowState           state,
                                                                RosterRegistration            *registration,
                                                                const char                    *message,
                                                                GCancellable                  *cancellable,
                                                                GAsyncReadyCallback            callback,
                                                                gpointer                       user_data);
gboolean                 roster_import_journal_append_finish   (RosterImportJournal           *self,
                                                                GAsyncResult                  *result,
                                                                GError                       **error);
void                     roster_import_journal_append_links_async (RosterImportJournal        *self,
                                                                guint                          row,
                                                                guint                          line,
                                                                const char                    *email,
                                                                const char                    *live_room_url,
                                                                const char                    *replay_room_url,
                                                                const char                    *message,
                                                                GCancellable                  *cancellable,
                                                                GAsyncReadyCallback            callback,
                                                                gpointer                       user_data);
gboolean                 roster_import_journal_append_correction (RosterImportJournal       *self,
                                                                guint                          row,
                                                                guint                          line,
                                                                const char                    *field,
                                                                const char                    *value,
                                                                GError                       **error);
guint                    roster_import_journal_get_n_corrections (RosterImportJournal         *self);
const RosterImportCorrection *roster_import_journal_get_correction (RosterImportJournal       *self,
                                                                guint                          index);
gboolean                 roster_import_journal_flush           (RosterImportJournal           *self,
                                                                GError                       **error);
gboolean                 roster_import_journal_mark_complete   (RosterImportJournal           *self,
                                                                GError                       **error);
gboolean                 roster_import_journal_is_complete     (RosterImportJournal           *self);

GPtrArray               *roster_import_journal_list            (const char                    *dir,
                                                                const char                    *account_id,
                                                                GError                       **error);
void                     roster_import_journal_list_async      (const char                    *dir,
                                                                const char                    *account_id,
                                                                GCancellable                  *cancellable,
                                                                GAsyncReadyCallback            callback,
                                                                gpointer                       user_data);
GPtrArray               *roster_import_journal_list_finish     (GAsyncResult                  *result,
                                                                GError                       **error);
gboolean                 roster_import_journal_is_running      (const char                    *path);
gboolean                 roster_import_journal_remove          (const char                    *path,
                                                                GError                       **error);
gboolean                 roster_import_journal_remove_dir      (const char                    *dir,
                                                                GError                       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterImportJournalInfo, roster_import_journal_info_free)

G_END_DECLS
