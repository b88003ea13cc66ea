/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-journal"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "roster-error.h"
#include "roster-import-journal-private.h"

/* One import's identity (account, file content, target) names two files in the journal folder:
 * `<id>.journal`, the lines, and `<id>.lock`, held with flock() for as long as the journal is
 * open.  The lock is not the journal itself, so that deleting the journal cannot let a second
 * process start the same import.
 *
 * A journal comes into being whole: its header is written to a temporary file, made durable and
 * renamed into place while the lock is held.  So a journal that is empty, has no header or has
 * an unreadable line anywhere but at its very end was damaged after Roster wrote it, and means
 * "we do not know what was sent": it is refused unless the caller asks to recover, which keeps
 * what can be read, moves the damaged file aside and starts a journal marked "recovering", whose
 * rows without a final outcome all read as unknown (looked up before anything is sent).
 *
 * Lines are written by one writer thread per journal, in order: whatever is queued goes out in
 * one write() and one fdatasync() (group commit), and after each batch the writer checks that the
 * journal and its lock are still the files on disk.  A crash can at worst tear the last line;
 * loading ignores it and reopening cuts it off, so the next line starts clean. */

G_DEFINE_FINAL_TYPE (RosterImportJournal, roster_import_journal, G_TYPE_OBJECT)

static void
row_clear (gpointer data)
{
  roster_import_row_clear (data);
}

/* ---- Object ------------------------------------------------------------------------------------ */

static void
roster_import_journal_dispose (GObject *object)
{
  RosterImportJournal *self = ROSTER_IMPORT_JOURNAL (object);

  /* The writer drains what is queued, then ends: no thread outlives the journal. */
  if (self->writer != NULL)
    {
      g_mutex_lock (&self->mutex);
      self->stopping = TRUE;
      g_cond_signal (&self->queued_cond);
      g_mutex_unlock (&self->mutex);
      g_thread_join (g_steal_pointer (&self->writer));
    }

  G_OBJECT_CLASS (roster_import_journal_parent_class)->dispose (object);
}

static void
roster_import_journal_finalize (GObject *object)
{
  RosterImportJournal *self = ROSTER_IMPORT_JOURNAL (object);

  if (self->fd >= 0)
    close (self->fd);
  if (self->lock_fd >= 0)
    close (self->lock_fd);  /* drops the flock */
  g_free (self->path);
  g_free (self->lock_path);
  g_free (self->account_id);
  g_free (self->file_name);
  g_free (self->file_sha256);
  g_clear_pointer (&self->target, roster_import_target_free);
  g_free (self->created);
  g_free (self->recovered_from);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->corrections, g_array_unref);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_error (&self->write_error);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->queued_cond);
  g_cond_clear (&self->written_cond);

  G_OBJECT_CLASS (roster_import_journal_parent_class)->finalize (object);
}

static void
roster_import_journal_class_init (RosterImportJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_import_journal_dispose;
  object_class->finalize = roster_import_journal_finalize;
}

static void
roster_import_journal_init (RosterImportJournal *self)
{
  self->fd = -1;
  self->lock_fd = -1;
  self->rows = g_array_new (FALSE, TRUE, sizeof (RosterImportRow));
  g_array_set_clear_func (self->rows, row_clear);
  self->corrections = roster_import_corrections_new ();
  self->queue = g_ptr_array_new_with_free_func (journal_pending_free);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->queued_cond);
  g_cond_init (&self->written_cond);
}

static RosterImportRow *
get_row (RosterImportJournal *self,
         guint                row,
         gboolean             create)
{
  if (row >= self->rows->len)
    {
      if (!create)
        return NULL;
      g_array_set_size (self->rows, row + 1);
    }

  return &g_array_index (self->rows, RosterImportRow, row);
}

static void
set_state (RosterImportJournal  *self,
           RosterImportRow                  *row,
           RosterImportRowState  state)
{
  self->counts[row->state]--;
  row->state = state;
  self->counts[state]++;
}

static void
replace (char       **slot,
         const char  *value)
{
  if (value != NULL && value[0] != '\0')
    {
      if (g_strcmp0 (*slot, value) != 0)
        {
          g_free (*slot);
          *slot = g_strdup (value);
        }
    }
  else
    g_clear_pointer (slot, g_free);
}

/* Applies one event (a row's new state and what came with it) to the rows in memory, as
 * loading and appending both do. */
void
journal_apply_event (RosterImportJournal   *self,
                     guint                  index,
                     const RosterImportRow *event)
{
  guint old_len = self->rows->len;
  RosterImportRow *row = get_row (self, index, TRUE);

  /* Rows the array just grew by count as ready. */
  self->counts[ROSTER_IMPORT_ROW_READY] += self->rows->len - old_len;
  set_state (self, row, event->state);
  if (event->line > 0)
    row->line = event->line;
  if (event->email != NULL)
    replace (&row->email, event->email);
  if (event->state == ROSTER_IMPORT_ROW_REGISTERED)
    {
      replace (&row->user_id, event->user_id);
      replace (&row->live_room_url, event->live_room_url);
      replace (&row->replay_room_url, event->replay_room_url);
      replace (&row->thank_you_url, event->thank_you_url);
    }
  replace (&row->message, event->message);
  self->complete = FALSE;
  self->n_events++;
}

static void
set_damaged_error (GError **error)
{
  g_set_error_literal (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_DAMAGED,
                       _("This import’s journal is damaged (emptied, or with lines that cannot be "
                         "read), so Roster cannot tell who was already registered, and sent nobody. "
                         "Recover the import to go on: Roster then looks up everyone without a known "
                         "outcome before sending, so that nobody is registered twice."));
}

/* ---- Opening ----------------------------------------------------------------------------------- */

/* Reads the journal at self->path, if there is one, into self, and opens it for appending.
 * *@fd: -1 when there is none. */
static gboolean
read_journal (RosterImportJournal  *self,
              int                  *fd,
              goffset              *valid_len,
              GError              **error)
{
  *fd = open (self->path, O_RDWR | O_APPEND | O_CLOEXEC);
  if (*fd < 0)
    return errno == ENOENT || journal_set_error_from_errno (error, errno, _("Could not open the import journal"), self->path);
  if (!journal_load_lines (self, *fd, valid_len, error))
    {
      close (*fd);
      *fd = -1;
      return FALSE;
    }

  return TRUE;
}

/* Writes the header and @body into a temporary file, makes it durable and renames it over
 * self->path: a journal is never seen without its header. */
static gboolean
create_journal (RosterImportJournal  *self,
                GString              *body,
                GError              **error)
{
  g_autofree char *tmp_path = g_strconcat (self->path, ".new", NULL);
  g_autoptr(GString) text = journal_header_line (self);
  int fd;

  if (body != NULL)
    g_string_append_len (text, body->str, body->len);

  fd = open (tmp_path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    return journal_set_error_from_errno (error, errno, _("Could not write the import journal"), tmp_path);
  /* It holds personal data, whatever the umask. */
  fchmod (fd, 0600);
  if (!journal_write_all (fd, text->str, text->len) || rename (tmp_path, self->path) < 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (tmp_path);
      return journal_set_error_from_errno (error, saved_errno, _("Could not write the import journal"), self->path);
    }
  journal_sync_dir (self->path);

  self->fd = fd;
  self->has_header = TRUE;
  return TRUE;
}

/* Keeps what the damaged journal still tells (already in self), moves it aside and starts a
 * fresh journal marked "recovering" that records those outcomes again. */
static gboolean
recover_journal (RosterImportJournal  *self,
                 GError              **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S.%fZ");
  g_autofree char *aside = g_strconcat (self->path, ".damaged-", stamp, NULL);
  g_autoptr(GString) body = g_string_new (NULL);

  /* link() and unlink() rather than rename(): an earlier damaged file is never overwritten. */
  if (link (self->path, aside) < 0 || g_unlink (self->path) < 0)
    return journal_set_error_from_errno (error, errno, _("Could not move the damaged import journal aside"), self->path);
  g_chmod (aside, 0600);
  g_debug ("Moved the damaged journal to %s", aside);

  for (guint i = 0; i < self->rows->len; i++)
    {
      RosterImportRow *row = &g_array_index (self->rows, RosterImportRow, i);
      g_autoptr(GString) line = NULL;

      if (row->state == ROSTER_IMPORT_ROW_READY)
        continue;
      line = journal_event_line (i, row);
      g_string_append_len (body, line->str, line->len);
    }
  /* The user's corrections still hold: the rows are sent with them. */
  for (guint i = 0; i < self->corrections->len; i++)
    {
      RosterImportCorrection *c = &g_array_index (self->corrections, RosterImportCorrection, i);
      guint line_number = c->row < self->rows->len ? g_array_index (self->rows, RosterImportRow, c->row).line : 0;
      g_autoptr(GString) line = journal_correction_line (c->row, line_number, c->field, c->value);

      g_string_append_len (body, line->str, line->len);
    }

  self->recovering = TRUE;
  g_free (self->recovered_from);
  self->recovered_from = g_path_get_basename (aside);
  self->complete = FALSE;

  return create_journal (self, body, error);
}

/* Locks and reads self->path; a healthy journal stays open for appending, a damaged one is
 * refused or (with RECOVER) recovered.  @exists: whether a journal was there. */
static gboolean
open_locked (RosterImportJournal           *self,
             RosterImportJournalOpenFlags   flags,
             gboolean                      *exists,
             GError                       **error)
{
  goffset valid_len = 0;
  struct stat st;
  int fd;

  self->lock_path = journal_lock_path_for (self->path);
  self->lock_fd = journal_lock_identity (self->lock_path, error);
  if (self->lock_fd < 0)
    return FALSE;

  if (!read_journal (self, &fd, &valid_len, error))
    return FALSE;
  *exists = fd >= 0;
  if (!*exists)
    return TRUE;

  if (journal_is_damaged (self))
    {
      close (fd);
      if (!(flags & ROSTER_IMPORT_JOURNAL_OPEN_RECOVER))
        {
          set_damaged_error (error);
          return FALSE;
        }
      return TRUE;  /* the caller recovers, once the identity is known */
    }

  /* It holds personal data; an older file may have been created with a looser mode. */
  fchmod (fd, 0600);
  if (fstat (fd, &st) == 0 && st.st_size > valid_len && ftruncate (fd, valid_len) < 0)
    {
      journal_set_error_from_errno (error, errno, _("Could not repair the import journal"), self->path);
      close (fd);
      return FALSE;
    }
  self->fd = fd;

  return TRUE;
}

static void
set_other_account_error (GError **error)
{
  g_set_error_literal (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_OTHER_ACCOUNT,
                       _("This import was started with another account. Roster continues an import "
                         "only with the account that started it."));
}

char *
roster_import_journal_dup_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "roster", "imports", NULL);
}

/**
 * roster_import_journal_open:
 * @dir: (nullable): the account's journal folder; %NULL for roster_import_journal_dup_dir()
 * @account_id: roster_client_dup_account_id() of the account that imports
 * @flags: %ROSTER_IMPORT_JOURNAL_OPEN_RECOVER to accept a damaged journal
 *
 * Creates the journal of @account_id importing the file with content hash @file_sha256 into
 * @target, or reopens (and locks) the one an earlier run left.  Fails with
 * %G_IO_ERROR_BUSY while another process or window holds it, and with
 * %ROSTER_IMPORT_ERROR_JOURNAL_DAMAGED for a damaged journal unless @flags says to recover it.
 */
RosterImportJournal *
roster_import_journal_open (const char                    *dir,
                            const char                    *account_id,
                            const char                    *file_sha256,
                            const char                    *file_name,
                            const RosterImportTarget      *target,
                            guint                          n_rows,
                            RosterImportJournalOpenFlags   flags,
                            GError                       **error)
{
  g_autoptr(RosterImportJournal) self = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *default_dir = NULL;
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  gboolean exists = FALSE;

  g_return_val_if_fail (account_id != NULL && *account_id != '\0', NULL);
  g_return_val_if_fail (file_sha256 != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (dir == NULL)
    dir = default_dir = roster_import_journal_dup_dir ();
  if (g_mkdir_with_parents (dir, 0700) < 0)
    {
      journal_set_error_from_errno (error, errno, _("Could not create the folder"), dir);
      return NULL;
    }

  /* The identity: the same file into the same target with another account is another import. */
  key = roster_import_target_dup_key (target);
  g_checksum_update (checksum, (const guchar *) account_id, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) file_sha256, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) key, -1);
  name = g_strconcat (g_checksum_get_string (checksum), ".journal", NULL);

  self = g_object_new (ROSTER_TYPE_IMPORT_JOURNAL, NULL);
  self->path = g_build_filename (dir, name, NULL);
  if (!open_locked (self, flags, &exists, error))
    return NULL;

  if (self->has_header &&
      (g_strcmp0 (self->account_id, account_id) != 0 || g_strcmp0 (self->file_sha256, file_sha256) != 0 ||
       !roster_import_target_equal (self->target, target)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not an import journal."), self->path);
      return NULL;
    }

  if (exists && !journal_is_damaged (self))
    {
      self->n_rows = MAX (self->n_rows, n_rows);
      return g_steal_pointer (&self);
    }

  /* New, or damaged and to be recovered: the identity is the caller's. */
  if (!self->has_header)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      self->account_id = g_strdup (account_id);
      self->file_sha256 = g_strdup (file_sha256);
      self->target = roster_import_target_copy (target);
      self->created = g_date_time_format_iso8601 (now);
    }
  g_free (self->file_name);
  self->file_name = g_strdup (file_name);
  self->n_rows = MAX (self->n_rows, n_rows);

  if (exists ? !recover_journal (self, error) : !create_journal (self, NULL, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * roster_import_journal_open_path:
 * @path: a journal as roster_import_journal_list() gives it
 * @account_id: roster_client_dup_account_id() of the account that resumes
 * @flags: %ROSTER_IMPORT_JOURNAL_OPEN_RECOVER to accept a damaged journal
 *
 * Reopens (and locks) a journal for resuming it; only the account that started it may.
 */
RosterImportJournal *
roster_import_journal_open_path (const char                    *path,
                                 const char                    *account_id,
                                 RosterImportJournalOpenFlags   flags,
                                 GError                       **error)
{
  g_autoptr(RosterImportJournal) self = NULL;
  gboolean exists = FALSE;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (account_id != NULL && *account_id != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_str_has_suffix (path, ".journal") || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” is not an import journal."), path);
      return NULL;
    }

  self = g_object_new (ROSTER_TYPE_IMPORT_JOURNAL, NULL);
  self->path = g_strdup (path);
  if (!open_locked (self, flags, &exists, error))
    return NULL;
  if (!exists)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” is not an import journal."), path);
      return NULL;
    }
  /* Without a header there is no telling whose import it was, so no recovering it from here. */
  if (!self->has_header)
    {
      set_damaged_error (error);
      return NULL;
    }
  if (g_strcmp0 (self->account_id, account_id) != 0)
    {
      set_other_account_error (error);
      return NULL;
    }
  if (journal_is_damaged (self) && !recover_journal (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* ---- Appending --------------------------------------------------------------------------------- */

/* Applies the event in memory at once and queues its line for the writer. */
static guint64
append_event (RosterImportJournal   *self,
              guint                  row,
              const RosterImportRow *event,
              GTask                 *task)
{
  GString *text = journal_event_line (row, event);

  journal_apply_event (self, row, event);
  return journal_enqueue (self, text, task);
}

static guint64
append_registration (RosterImportJournal  *self,
                     guint                 row,
                     guint                 line,
                     const char           *email,
                     RosterImportRowState  state,
                     RosterRegistration   *registration,
                     const char           *message,
                     GTask                *task)
{
  g_autofree char *user_id = NULL;
  RosterImportRow event = { line, state, (char *) email, NULL, NULL, NULL, NULL, (char *) message };

  if (registration != NULL)
    {
      if (roster_registration_get_user_id (registration) > 0)
        user_id = g_strdup_printf ("%" G_GINT64_FORMAT, roster_registration_get_user_id (registration));
      event.user_id = user_id;
      event.live_room_url = (char *) roster_registration_get_live_room_url (registration);
      event.replay_room_url = (char *) roster_registration_get_replay_room_url (registration);
      event.thank_you_url = (char *) roster_registration_get_thank_you_url (registration);
    }

  return append_event (self, row, &event, task);
}

/* @registration: the server's answer for a REGISTERED row, or NULL.  Returns when the line is
 * on the disk: it blocks for an fdatasync(), so the main loop uses the _async variant. */
gboolean
roster_import_journal_append (RosterImportJournal   *self,
                              guint                  row,
                              guint                  line,
                              const char            *email,
                              RosterImportRowState   state,
                              RosterRegistration    *registration,
                              const char            *message,
                              GError               **error)
{
  guint64 seq;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), FALSE);
  g_return_val_if_fail (self->fd >= 0, FALSE);
  g_return_val_if_fail (journal_state_word (state) != NULL, FALSE);
  g_return_val_if_fail (registration == NULL || ROSTER_IS_REGISTRATION (registration), FALSE);
  g_return_val_if_fail (row < G_MAXUINT / 2, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  seq = append_registration (self, row, line, email, state, registration, message, NULL);
  return journal_wait_written (self, seq, error);
}

/**
 * roster_import_journal_append_correction:
 * @field: as in #RosterImportCorrection
 *
 * Records a value the user corrected in row @row, unless the journal has it already, so that
 * a resumed import sends the same.  Blocks until the line is on the disk, like
 * roster_import_journal_append(): call it from a thread.
 */
gboolean
roster_import_journal_append_correction (RosterImportJournal  *self,
                                         guint                 row,
                                         guint                 line,
                                         const char           *field,
                                         const char           *value,
                                         GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), FALSE);
  g_return_val_if_fail (self->fd >= 0, FALSE);
  g_return_val_if_fail (row < G_MAXUINT / 2, FALSE);
  g_return_val_if_fail (field != NULL && field[0] != '\0' && value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!roster_import_corrections_set (self->corrections, row, field, value))
    return TRUE;
  return journal_wait_written (self, journal_enqueue (self, journal_correction_line (row, line, field, value), NULL),
                               error);
}

/* The values the user corrected, each row's field once with its last value. */
guint
roster_import_journal_get_n_corrections (RosterImportJournal *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), 0);

  return self->corrections->len;
}

const RosterImportCorrection *
roster_import_journal_get_correction (RosterImportJournal *self,
                                      guint                index)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), NULL);
  g_return_val_if_fail (index < self->corrections->len, NULL);

  return &g_array_index (self->corrections, RosterImportCorrection, index);
}

/**
 * roster_import_journal_append_async:
 *
 * Like roster_import_journal_append(), without waiting: the row's state changes in memory at
 * once, the line is written by the journal's writer thread behind every earlier one, and
 * @callback runs in the caller's thread-default main context once the line is durable (or
 * writing failed: then every later append fails too).
 */
void
roster_import_journal_append_async (RosterImportJournal  *self,
                                    guint                 row,
                                    guint                 line,
                                    const char           *email,
                                    RosterImportRowState  state,
                                    RosterRegistration   *registration,
                                    const char           *message,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (ROSTER_IS_IMPORT_JOURNAL (self));
  g_return_if_fail (self->fd >= 0);
  g_return_if_fail (journal_state_word (state) != NULL);
  g_return_if_fail (registration == NULL || ROSTER_IS_REGISTRATION (registration));
  g_return_if_fail (row < G_MAXUINT / 2);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_import_journal_append_async);
  append_registration (self, row, line, email, state, registration, message, task);
}

gboolean
roster_import_journal_append_finish (RosterImportJournal  *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A row found registered by looking it up: the registrant has room links but no user_id or
 * thank-you link.  Finish with roster_import_journal_append_finish(). */
void
roster_import_journal_append_links_async (RosterImportJournal *self,
                                          guint                row,
                                          guint                line,
                                          const char          *email,
                                          const char          *live_room_url,
                                          const char          *replay_room_url,
                                          const char          *message,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ROSTER_IS_IMPORT_JOURNAL (self));
  g_return_if_fail (self->fd >= 0);
  g_return_if_fail (row < G_MAXUINT / 2);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_import_journal_append_async);
  append_event (self, row, &(RosterImportRow) { line, ROSTER_IMPORT_ROW_REGISTERED, (char *) email, NULL,
                                                (char *) live_room_url, (char *) replay_room_url, NULL,
                                                (char *) message }, task);
}

/* Waits until every line appended so far is durable; FALSE once writing failed. */
gboolean
roster_import_journal_flush (RosterImportJournal  *self,
                             GError              **error)
{
  guint64 seq;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->mutex);
  seq = self->n_queued;
  g_mutex_unlock (&self->mutex);

  return journal_wait_written (self, seq, error);
}

/* Records that every sendable row reached a final state, so that the journal no longer needs
 * to be offered for resuming. */
gboolean
roster_import_journal_mark_complete (RosterImportJournal  *self,
                                     GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), FALSE);
  g_return_val_if_fail (self->fd >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!journal_wait_written (self, journal_enqueue (self, journal_complete_line (), NULL), error))
    return FALSE;
  self->complete = TRUE;

  return TRUE;
}

/* TRUE when an import ran to its end (marked complete) and no row's fate is unknown. */
gboolean
roster_import_journal_is_complete (RosterImportJournal *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), FALSE);

  return self->complete &&
         roster_import_journal_get_count (self, ROSTER_IMPORT_ROW_SENDING) == 0 &&
         roster_import_journal_get_count (self, ROSTER_IMPORT_ROW_UNKNOWN) == 0;
}

/* ---- Getters ----------------------------------------------------------------------------------- */

/* While recovering, a row without a final outcome may have been sent by the run whose lines
 * were lost: it reads as unknown, so that it is looked up before anything is sent. */
static RosterImportRowState
row_state (RosterImportJournal *self,
           guint                row)
{
  RosterImportRow *r = get_row (self, row, FALSE);
  RosterImportRowState state = r != NULL ? r->state : ROSTER_IMPORT_ROW_READY;

  if (self->recovering && state != ROSTER_IMPORT_ROW_REGISTERED && state != ROSTER_IMPORT_ROW_FAILED)
    return ROSTER_IMPORT_ROW_UNKNOWN;

  return state;
}

RosterImportRowState
roster_import_journal_get_row_state (RosterImportJournal *self,
                                     guint                row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), ROSTER_IMPORT_ROW_READY);

  return row_state (self, row);
}

/* What the journal knows of @row, or %NULL when it never heard of it.  Its state is as
 * written: see roster_import_journal_get_row_state() for the state to act on. */
const RosterImportRow *
roster_import_journal_get_row (RosterImportJournal *self,
                               guint                row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), NULL);

  return get_row (self, row, FALSE);
}

const char *
roster_import_journal_get_path (RosterImportJournal *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), NULL);
  return self->path;
}

const char *
roster_import_journal_get_account_id (RosterImportJournal *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), NULL);
  return self->account_id;
}

const char *
roster_import_journal_get_file_name (RosterImportJournal *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), NULL);
  return self->file_name;
}

const char *
roster_import_journal_get_file_sha256 (RosterImportJournal *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), NULL);
  return self->file_sha256;
}

const RosterImportTarget *
roster_import_journal_get_target (RosterImportJournal *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), NULL);
  return self->target;
}

const char *
roster_import_journal_get_created (RosterImportJournal *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), NULL);
  return self->created;
}

guint
roster_import_journal_get_n_rows (RosterImportJournal *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), 0);
  return self->n_rows;
}

/* After recovering: the lines of the damaged journal that could not be read. */
guint
roster_import_journal_get_n_junk_lines (RosterImportJournal *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), 0);
  return self->n_junk;
}

/* TRUE for a journal that replaced a damaged one: every row without a final outcome reads as
 * ROSTER_IMPORT_ROW_UNKNOWN, for as long as the journal lives. */
gboolean
roster_import_journal_get_recovering (RosterImportJournal *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), FALSE);
  return self->recovering;
}

/* How many rows are in @state; for NONE (and UNKNOWN while recovering) that includes the
 * first n_rows that were never mentioned. */
guint
roster_import_journal_get_count (RosterImportJournal  *self,
                                 RosterImportRowState  state)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), 0);
  g_return_val_if_fail (state < ROSTER_IMPORT_N_ROW_STATES, 0);

  if (state == ROSTER_IMPORT_ROW_READY || (self->recovering && state != ROSTER_IMPORT_ROW_REGISTERED &&
                                                state != ROSTER_IMPORT_ROW_FAILED))
    {
      guint n = 0;

      for (guint i = 0; i < MAX (self->n_rows, self->rows->len); i++)
        if (row_state (self, i) == state &&
            (i < self->n_rows || state != ROSTER_IMPORT_ROW_READY))
          n++;
      return n;
    }

  return self->counts[state];
}

/* TRUE when no row event was ever recorded: nothing to resume. */
gboolean
roster_import_journal_is_empty (RosterImportJournal *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), TRUE);
  return self->n_events == 0;
}

