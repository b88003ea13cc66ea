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

/* The disk: writes made durable (write(), fdatasync(), the folder synced for new names), the
 * lock that keeps one process per import, and the writer thread that puts the lines queued by
 * the journal on the disk in order, never on the caller's main loop. */

gboolean
journal_set_error_from_errno (GError     **error,
                              int          saved_errno,
                              const char  *what,
                              const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s “%s”: %s", what, path, g_strerror (saved_errno));
  return FALSE;
}

static void
set_replaced_error (GError **error)
{
  g_set_error_literal (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_REPLACED,
                       _("The import’s journal was deleted or replaced while the import ran; Roster "
                         "stopped sending so that nobody is registered twice."));
}

gboolean
journal_write_all (int          fd,
                   const char  *data,
                   gsize        len)
{
  gsize written = 0;

  while (written < len)
    {
      ssize_t n = write (fd, data + written, len - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      written += n;
    }

  while (fdatasync (fd) < 0)
    {
      if (errno != EINTR)
        return FALSE;
    }

  return TRUE;
}

void
journal_sync_dir (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* So that a new or renamed file's name survives a power cut as well as its lines. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* TRUE when @fd is still the file at @path: not deleted, not replaced by another one. */
static gboolean
is_file_at_path (int         fd,
                 const char *path)
{
  struct stat by_fd, by_path;

  return fstat (fd, &by_fd) == 0 && by_fd.st_nlink > 0 &&
         stat (path, &by_path) == 0 &&
         by_fd.st_dev == by_path.st_dev && by_fd.st_ino == by_path.st_ino;
}

/* Locks @lock_path for this process.  The lock file may be removed (by
 * roster_import_journal_remove(), under the lock) between our open() and flock(): then the lock
 * is on a file nobody else will ever open, and we try again with the one on disk now. */
int
journal_lock_identity (const char  *lock_path,
                       GError     **error)
{
  for (;;)
    {
      int fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      int res;

      if (fd < 0)
        {
          journal_set_error_from_errno (error, errno, _("Could not open the import journal"), lock_path);
          return -1;
        }
      while ((res = flock (fd, LOCK_EX | LOCK_NB)) < 0 && errno == EINTR)
        ;
      if (res < 0)
        {
          int saved_errno = errno;

          close (fd);
          if (saved_errno == EWOULDBLOCK)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                                 _("This import is already running in another window or process."));
          else
            journal_set_error_from_errno (error, saved_errno, _("Could not open the import journal"), lock_path);
          return -1;
        }
      if (is_file_at_path (fd, lock_path))
        return fd;
      close (fd);
    }
}

char *
journal_lock_path_for (const char *journal_path)
{
  g_autofree char *stem = g_strndup (journal_path, strlen (journal_path) - strlen (".journal"));

  return g_strconcat (stem, ".lock", NULL);
}

void
journal_pending_free (gpointer data)
{
  Pending *pending = data;

  g_string_free (pending->text, TRUE);
  g_clear_object (&pending->task);
  g_free (pending);
}

/* ---- The writer thread ------------------------------------------------------------------------- */

typedef struct
{
  GTask  *task;
  GError *error;
} Completion;

static void
completion_free (gpointer data)
{
  Completion *completion = data;

  g_clear_object (&completion->task);
  g_clear_error (&completion->error);
  g_free (completion);
}

static gboolean
complete_cb (gpointer data)
{
  Completion *completion = data;

  if (completion->error != NULL)
    g_task_return_error (completion->task, g_steal_pointer (&completion->error));
  else
    g_task_return_boolean (completion->task, TRUE);

  return G_SOURCE_REMOVE;
}

/* The task is returned, and let go, in the caller's context, never here: it holds the journal,
 * whose dispose joins this thread. */
static void
complete_task (GTask        *task,
               const GError *error)
{
  Completion *completion = g_new0 (Completion, 1);
  GSource *source = g_idle_source_new ();

  completion->task = task;
  completion->error = error != NULL ? g_error_copy (error) : NULL;
  g_source_set_callback (source, complete_cb, completion, completion_free);
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

static gpointer
writer_thread (gpointer data)
{
  RosterImportJournal *self = data;

  g_mutex_lock (&self->mutex);
  for (;;)
    {
      g_autoptr(GPtrArray) batch = NULL;
      g_autoptr(GString) text = NULL;
      g_autoptr(GError) error = NULL;
      gboolean failed;

      while (self->queue->len == 0 && !self->stopping)
        g_cond_wait (&self->queued_cond, &self->mutex);
      if (self->queue->len == 0)
        break;

      batch = g_steal_pointer (&self->queue);
      self->queue = g_ptr_array_new_with_free_func (journal_pending_free);
      failed = self->write_error != NULL;
      g_mutex_unlock (&self->mutex);

      if (!failed)
        {
          text = g_string_new (NULL);
          for (guint i = 0; i < batch->len; i++)
            {
              Pending *pending = g_ptr_array_index (batch, i);

              g_string_append_len (text, pending->text->str, pending->text->len);
            }
          if (!journal_write_all (self->fd, text->str, text->len))
            journal_set_error_from_errno (&error, errno, _("Could not write the import journal"), self->path);
          else if (!is_file_at_path (self->fd, self->path) || !is_file_at_path (self->lock_fd, self->lock_path))
            set_replaced_error (&error);
        }

      g_mutex_lock (&self->mutex);
      if (error != NULL)
        {
          g_debug ("Journal writes stopped: %s", error->message);
          self->write_error = g_steal_pointer (&error);
        }
      self->n_written += batch->len;
      g_cond_broadcast (&self->written_cond);

      for (guint i = 0; i < batch->len; i++)
        {
          Pending *pending = g_ptr_array_index (batch, i);

          if (pending->task != NULL)
            complete_task (g_steal_pointer (&pending->task), self->write_error);
        }
    }
  g_mutex_unlock (&self->mutex);

  return NULL;
}

/* Queues @text (taken) behind every earlier line; returns its sequence number. */
guint64
journal_enqueue (RosterImportJournal *self,
                 GString             *text,
                 GTask               *task)
{
  Pending *pending = g_new0 (Pending, 1);
  guint64 seq;

  pending->text = text;
  pending->task = task;

  g_mutex_lock (&self->mutex);
  if (self->writer == NULL)
    self->writer = g_thread_new ("roster-journal", writer_thread, self);
  g_ptr_array_add (self->queue, pending);
  seq = ++self->n_queued;
  g_cond_signal (&self->queued_cond);
  g_mutex_unlock (&self->mutex);

  return seq;
}

/* Blocks until line @seq is durable (or writing failed). */
gboolean
journal_wait_written (RosterImportJournal  *self,
                      guint64               seq,
                      GError              **error)
{
  gboolean ok;

  g_mutex_lock (&self->mutex);
  while (self->n_written < seq)
    g_cond_wait (&self->written_cond, &self->mutex);
  ok = self->write_error == NULL;
  if (!ok)
    g_propagate_error (error, g_error_copy (self->write_error));
  g_mutex_unlock (&self->mutex);

  return ok;
}

