/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-client.h"
#include "roster-csv-reader.h"
#include "roster-import-job.h"
#include "roster-import-journal.h"
#include "roster-import-mapping.h"
#include "roster-import-memory.h"
#include "roster-import-plan.h"
#include "roster-import-target.h"

G_BEGIN_DECLS

/* One import, from the file to the job, for both front ends: load the file (detection and a
 * preview, the guessed mapping), change the mapping, plan, then start, which finds the journal
 * an earlier run of the same import left (or the one the import is resumed from) and owns the
 * job that sends.  Every step that touches the disk runs in a thread; the front ends only say
 * what the user chose and show what comes back.
 *
 * Starting fails, and the front end asks the user, with:
 * %ROSTER_IMPORT_ERROR_JOURNAL_DAMAGED: start again with %ROSTER_IMPORT_JOURNAL_OPEN_RECOVER;
 * %ROSTER_IMPORT_ERROR_FILE_CHANGED: the resumed journal is dropped, a new start is a new import;
 * %ROSTER_IMPORT_ERROR_JOURNAL_OTHER_ACCOUNT (opening a journal to resume it);
 * %G_IO_ERROR_BUSY: the same import runs in another window or process. */

typedef enum
{
  ROSTER_IMPORT_RESUME_NONE,      /* a new import: no earlier run left anything */
  ROSTER_IMPORT_RESUME_CONTINUE,  /* an earlier run's journal goes on */
  ROSTER_IMPORT_RESUME_RECOVER,   /* a damaged journal was recovered: unfinished rows are looked up */
} RosterImportResume;

#define ROSTER_TYPE_IMPORT_SESSION (roster_import_session_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportSession, roster_import_session, ROSTER, IMPORT_SESSION, GObject)

RosterImportSession       *roster_import_session_new                (RosterClient                 *client);

void                       roster_import_session_set_csv_options    (RosterImportSession          *self,
                                                                     const char                   *encoding,
                                                                     char                          delimiter);
void                       roster_import_session_set_sheet          (RosterImportSession          *self,
                                                                     const char                   *sheet);
void                       roster_import_session_load_async         (RosterImportSession          *self,
                                                                     GFile                        *file,
                                                                     GCancellable                 *cancellable,
                                                                     GAsyncReadyCallback           callback,
                                                                     gpointer                      user_data);
void                       roster_import_session_load_text_async    (RosterImportSession          *self,
                                                                     const char                   *text,
                                                                     GCancellable                 *cancellable,
                                                                     GAsyncReadyCallback           callback,
                                                                     gpointer                      user_data);
gboolean                   roster_import_session_load_finish        (RosterImportSession          *self,
                                                                     GAsyncResult                 *result,
                                                                     GError                      **error);
GFile                     *roster_import_session_get_file           (RosterImportSession          *self);
const RosterCsvPreview    *roster_import_session_get_preview        (RosterImportSession          *self);
guint                      roster_import_session_get_n_columns      (RosterImportSession          *self);

void                       roster_import_session_set_memory         (RosterImportSession          *self,
                                                                     RosterImportMemory           *memory);
const RosterImportRemembered *roster_import_session_get_remembered  (RosterImportSession          *self);
void                       roster_import_session_set_webinar_title  (RosterImportSession          *self,
                                                                     const char                   *title);

RosterImportMapping       *roster_import_session_get_mapping        (RosterImportSession          *self);
void                       roster_import_session_set_mapping        (RosterImportSession          *self,
                                                                     const RosterImportMapping    *mapping);

void                       roster_import_session_plan_async         (RosterImportSession          *self,
                                                                     GCancellable                 *cancellable,
                                                                     GAsyncReadyCallback           callback,
                                                                     gpointer                      user_data);
RosterImportPlan          *roster_import_session_plan_finish        (RosterImportSession          *self,
                                                                     GAsyncResult                 *result,
                                                                     GError                      **error);
RosterImportPlan          *roster_import_session_get_plan           (RosterImportSession          *self);
void                       roster_import_session_get_csv_options    (RosterImportSession          *self,
                                                                     RosterCsvOptions             *options);

void                       roster_import_session_open_journal_async (RosterImportSession          *self,
                                                                     const char                   *path,
                                                                     GCancellable                 *cancellable,
                                                                     GAsyncReadyCallback           callback,
                                                                     gpointer                      user_data);
gboolean                   roster_import_session_open_journal_finish (RosterImportSession         *self,
                                                                     GAsyncResult                 *result,
                                                                     GError                      **error);
RosterImportJournal       *roster_import_session_get_journal        (RosterImportSession          *self);
const RosterImportTarget  *roster_import_session_get_resume_target  (RosterImportSession          *self);

void                       roster_import_session_start_async        (RosterImportSession          *self,
                                                                     const RosterImportTarget     *target,
                                                                     RosterImportJournalOpenFlags  flags,
                                                                     GCancellable                 *cancellable,
                                                                     GAsyncReadyCallback           callback,
                                                                     gpointer                      user_data);
RosterImportJob           *roster_import_session_start_finish       (RosterImportSession          *self,
                                                                     GAsyncResult                 *result,
                                                                     RosterImportResume           *resume,
                                                                     GError                      **error);
RosterImportJob           *roster_import_session_get_job            (RosterImportSession          *self);

char                      *roster_import_file_sha256                (GFile                        *file,
                                                                     GCancellable                 *cancellable,
                                                                     GError                      **error);

G_END_DECLS
