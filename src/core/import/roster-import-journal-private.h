/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "roster-import-journal.h"

G_BEGIN_DECLS

/* What the journal's files share: the object's insides, the file format (lines in and out,
 * roster-import-journal-format.c) and the disk (durable writes, the lock and the writer
 * thread, roster-import-journal-disk.c).  Not for use outside the journal. */

#define JOURNAL_FORMAT  "roster-import-journal"
#define JOURNAL_VERSION 3  /* 2: the account is part of the identity; 3: corrections */
#define JOURNAL_OLDEST_VERSION 2
#define READ_CHUNK      65536

typedef struct
{
  GString *text;  /* one line */
  GTask   *task;  /* NULL for a synchronous append */
} Pending;

struct _RosterImportJournal
{
  GObject             parent_instance;

  char               *path;
  char               *lock_path;
  int                 fd;        /* -1 when only read for listing */
  int                 lock_fd;
  char               *account_id;
  char               *file_name;
  char               *file_sha256;
  RosterImportTarget *target;
  char               *created;
  char               *recovered_from;
  guint               n_rows;
  gboolean            has_header;
  gboolean            recovering;
  gboolean            complete;
  guint               n_junk;
  guint               n_events;
  GArray             *rows;      /* RosterImportRow */
  GArray             *corrections; /* RosterImportCorrection, the last value of each */
  guint               counts[ROSTER_IMPORT_N_ROW_STATES];

  /* Shared with the writer thread, under mutex. */
  GMutex              mutex;
  GCond               queued_cond;
  GCond               written_cond;
  GThread            *writer;
  GPtrArray          *queue;     /* Pending */
  guint64             n_queued;
  guint64             n_written;
  GError             *write_error;
  gboolean            stopping;
};


const char *journal_state_word         (RosterImportRowState  state);
gboolean  journal_row_state_from_string (const char           *text,
                                         RosterImportRowState *state);
void      journal_apply_event           (RosterImportJournal   *self,
                                         guint                  index,
                                         const RosterImportRow *event);

/* Format */
typedef gboolean (*JournalLineFunc) (const char *line,
                                     gsize       len,
                                     gpointer    user_data);

gboolean  journal_read_lines            (int                   fd,
                                         const char           *path,
                                         JournalLineFunc       func,
                                         gpointer              user_data,
                                         goffset              *valid_len,
                                         GError              **error);
gboolean  journal_parse_header          (RosterImportJournal  *self,
                                         JsonObject           *object);
gboolean  journal_load_lines            (RosterImportJournal  *self,
                                         int                   fd,
                                         goffset              *valid_len,
                                         GError              **error);
gboolean  journal_is_damaged            (RosterImportJournal  *self);
GString  *journal_event_line            (guint                  row,
                                         const RosterImportRow *event);
GString  *journal_header_line           (RosterImportJournal  *self);
GString  *journal_complete_line         (void);
GString  *journal_correction_line       (guint                  row,
                                         guint                  line,
                                         const char            *field,
                                         const char            *value);

/* Disk */
gboolean  journal_set_error_from_errno  (GError              **error,
                                         int                   saved_errno,
                                         const char           *what,
                                         const char           *path);
gboolean  journal_write_all             (int                   fd,
                                         const char           *data,
                                         gsize                 len);
void      journal_sync_dir              (const char           *path);
int       journal_lock_identity         (const char           *lock_path,
                                         GError              **error);
char     *journal_lock_path_for         (const char           *journal_path);
void      journal_pending_free          (gpointer              data);
guint64   journal_enqueue               (RosterImportJournal  *self,
                                         GString              *text,
                                         GTask                *task);
gboolean  journal_wait_written          (RosterImportJournal  *self,
                                         guint64               seq,
                                         GError              **error);

G_END_DECLS
