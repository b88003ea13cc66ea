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
#include "roster-import-journal.h"

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

#define JOURNAL_FORMAT  "roster-import-journal"
#define JOURNAL_VERSION 2  /* 2: the account is part of the identity */
#define READ_CHUNK      65536

typedef struct
{
  guint8  state;
  guint   line;
  char   *email;
  char   *user_id;
  char   *live_room_url;
  char   *replay_room_url;
  char   *thank_you_url;
  char   *message;
} Row;

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
  GArray             *rows;      /* Row */
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

G_DEFINE_FINAL_TYPE (RosterImportJournal, roster_import_journal, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (RosterImportJournalInfo, roster_import_journal_info,
                     roster_import_journal_info_copy, roster_import_journal_info_free)

static const char * const state_names[ROSTER_IMPORT_N_ROW_STATES] = {
  "none", "sending", "registered", "failed", "unknown",
};

const char *
roster_import_row_state_to_string (RosterImportRowState state)
{
  g_return_val_if_fail (state < ROSTER_IMPORT_N_ROW_STATES, NULL);

  return state_names[state];
}

static gboolean
row_state_from_string (const char           *text,
                       RosterImportRowState *state)
{
  for (guint i = 0; i < ROSTER_IMPORT_N_ROW_STATES; i++)
    {
      if (g_strcmp0 (text, state_names[i]) == 0)
        {
          *state = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_pointer (&row->email, g_free);
  g_clear_pointer (&row->user_id, g_free);
  g_clear_pointer (&row->live_room_url, g_free);
  g_clear_pointer (&row->replay_room_url, g_free);
  g_clear_pointer (&row->thank_you_url, g_free);
  g_clear_pointer (&row->message, g_free);
}

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_string_free (pending->text, TRUE);
  g_clear_object (&pending->task);
  g_free (pending);
}

/* ---- Info -------------------------------------------------------------------------------------- */

RosterImportJournalInfo *
roster_import_journal_info_copy (const RosterImportJournalInfo *info)
{
  RosterImportJournalInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->path = g_strdup (info->path);
  copy->account_id = g_strdup (info->account_id);
  copy->file_name = g_strdup (info->file_name);
  copy->file_sha256 = g_strdup (info->file_sha256);
  copy->target = info->target ? roster_import_target_copy (info->target) : NULL;
  copy->created = g_strdup (info->created);

  return copy;
}

void
roster_import_journal_info_free (RosterImportJournalInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->path);
  g_free (info->account_id);
  g_free (info->file_name);
  g_free (info->file_sha256);
  g_clear_pointer (&info->target, roster_import_target_free);
  g_free (info->created);
  g_free (info);
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
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  self->queue = g_ptr_array_new_with_free_func (pending_free);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->queued_cond);
  g_cond_init (&self->written_cond);
}

static Row *
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

  return &g_array_index (self->rows, Row, row);
}

static void
set_state (RosterImportJournal  *self,
           Row                  *row,
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

/* Applies one event to the rows in memory, as loading and appending both do. */
static void
apply_event (RosterImportJournal  *self,
             guint                 index,
             guint                 line,
             const char           *email,
             RosterImportRowState  state,
             const char           *user_id,
             const char           *live_room_url,
             const char           *replay_room_url,
             const char           *thank_you_url,
             const char           *message)
{
  guint old_len = self->rows->len;
  Row *row = get_row (self, index, TRUE);

  /* Rows the array just grew by count as NONE. */
  self->counts[ROSTER_IMPORT_ROW_STATE_NONE] += self->rows->len - old_len;
  set_state (self, row, state);
  if (line > 0)
    row->line = line;
  if (email != NULL)
    replace (&row->email, email);
  if (state == ROSTER_IMPORT_ROW_STATE_REGISTERED)
    {
      replace (&row->user_id, user_id);
      replace (&row->live_room_url, live_room_url);
      replace (&row->replay_room_url, replay_room_url);
      replace (&row->thank_you_url, thank_you_url);
    }
  replace (&row->message, message);
  self->complete = FALSE;
  self->n_events++;
}

/* ---- Reading ----------------------------------------------------------------------------------- */

static const char *
object_get_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
object_get_int (JsonObject *object,
                const char *name,
                gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64, value, NULL);

  return FALSE;
}

static gboolean
parse_header (RosterImportJournal *self,
              JsonObject          *object)
{
  gint64 version = 0, webinar_id = 0, schedule_id = 0, n_rows = 0;
  JsonNode *recovering;

  if (g_strcmp0 (object_get_string (object, "format"), JOURNAL_FORMAT) != 0 ||
      !object_get_int (object, "version", &version) || version != JOURNAL_VERSION ||
      object_get_string (object, "account_id") == NULL ||
      object_get_string (object, "file_sha256") == NULL ||
      !object_get_int (object, "webinar_id", &webinar_id) ||
      !object_get_int (object, "schedule_id", &schedule_id))
    return FALSE;

  object_get_int (object, "n_rows", &n_rows);
  self->account_id = g_strdup (object_get_string (object, "account_id"));
  self->file_sha256 = g_strdup (object_get_string (object, "file_sha256"));
  self->file_name = g_strdup (object_get_string (object, "file_name"));
  self->created = g_strdup (object_get_string (object, "created"));
  self->recovered_from = g_strdup (object_get_string (object, "recovered_from"));
  self->target = roster_import_target_new (webinar_id, schedule_id,
                                           object_get_string (object, "date"),
                                           object_get_string (object, "timezone"));
  self->n_rows = (guint) CLAMP (n_rows, 0, G_MAXUINT);
  recovering = json_object_get_member (object, "recovering");
  self->recovering = recovering != NULL && JSON_NODE_HOLDS_VALUE (recovering) &&
                     json_node_get_value_type (recovering) == G_TYPE_BOOLEAN &&
                     json_node_get_boolean (recovering);
  self->has_header = TRUE;

  return TRUE;
}

/* Roster never writes an empty or unreadable line: each one counts as junk, and junk means
 * the journal was damaged. */
static void
parse_line (RosterImportJournal *self,
            JsonParser          *parser,
            const char          *text,
            gsize                len)
{
  JsonNode *root;
  JsonObject *object;
  RosterImportRowState state;
  gint64 row = -1, line = 0, user_id = 0;
  g_autofree char *user_id_text = NULL;

  if (len == 0 || !json_parser_load_from_data (parser, text, len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      self->n_junk++;
      return;
    }
  object = json_node_get_object (root);

  if (!self->has_header)
    {
      if (!parse_header (self, object))
        self->n_junk++;
      return;
    }

  if (g_strcmp0 (object_get_string (object, "event"), "complete") == 0)
    {
      self->complete = TRUE;
      return;
    }

  /* "none" is a row put back unsent (its call certainly never left), as valid as any other. */
  if (!object_get_int (object, "row", &row) || row < 0 || row >= G_MAXUINT / 2 ||
      !row_state_from_string (object_get_string (object, "state"), &state))
    {
      self->n_junk++;
      return;
    }
  object_get_int (object, "line", &line);
  if (object_get_int (object, "user_id", &user_id))
    user_id_text = g_strdup_printf ("%" G_GINT64_FORMAT, user_id);

  apply_event (self, (guint) row, (guint) CLAMP (line, 0, G_MAXUINT),
               object_get_string (object, "email"), state, user_id_text,
               object_get_string (object, "live_room_url"),
               object_get_string (object, "replay_room_url"),
               object_get_string (object, "thank_you_url"),
               object_get_string (object, "message"));
}

static gboolean
set_error_from_errno (GError     **error,
                      int          saved_errno,
                      const char  *what,
                      const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s “%s”: %s", what, path, g_strerror (saved_errno));
  return FALSE;
}

/* Reads every complete line of @fd. *@valid_len: where the last complete line ends; anything
 * after it is a torn line. */
static gboolean
load_lines (RosterImportJournal  *self,
            int                   fd,
            goffset              *valid_len,
            GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) pending = g_string_new (NULL);
  g_autofree char *buffer = g_malloc (READ_CHUNK);
  goffset offset = 0;

  *valid_len = 0;
  if (lseek (fd, 0, SEEK_SET) < 0)
    return set_error_from_errno (error, errno, _("Could not read the import journal"), self->path);

  for (;;)
    {
      ssize_t n = read (fd, buffer, READ_CHUNK);
      const char *start, *end, *newline;

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_error_from_errno (error, errno, _("Could not read the import journal"), self->path);
      if (n == 0)
        break;

      start = buffer;
      end = buffer + n;
      while ((newline = memchr (start, '\n', end - start)) != NULL)
        {
          if (pending->len > 0)
            {
              g_string_append_len (pending, start, newline - start);
              parse_line (self, parser, pending->str, pending->len);
              g_string_truncate (pending, 0);
            }
          else
            parse_line (self, parser, start, newline - start);
          offset += newline - start + 1;
          *valid_len = offset;
          start = newline + 1;
        }
      g_string_append_len (pending, start, end - start);
      offset += end - start;
    }

  if (pending->len > 0)
    g_debug ("Ignoring a torn last line of %" G_GSIZE_FORMAT " bytes", pending->len);

  return TRUE;
}

/* Empty, without a header, or with a line that cannot be read: see the top of the file. */
static gboolean
is_damaged (RosterImportJournal *self)
{
  return !self->has_header || self->n_junk > 0;
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

static void
set_replaced_error (GError **error)
{
  g_set_error_literal (error, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_JOURNAL_REPLACED,
                       _("The import’s journal was deleted or replaced while the import ran; Roster "
                         "stopped sending so that nobody is registered twice."));
}

/* ---- Writing ----------------------------------------------------------------------------------- */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* Ends @builder's object and returns it as one line. */
static GString *
builder_to_line (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GString *text = g_string_new (NULL);

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_to_gstring (generator, text);
  g_string_append_c (text, '\n');

  return text;
}

static GString *
event_line (guint                 row,
            guint                 line,
            const char           *email,
            RosterImportRowState  state,
            const char           *user_id,
            const char           *live_room_url,
            const char           *replay_room_url,
            const char           *thank_you_url,
            const char           *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 id;

  json_builder_begin_object (builder);
  add_int (builder, "row", row);
  add_int (builder, "line", line);
  add_string (builder, "email", email);
  add_string (builder, "state", state_names[state]);
  if (user_id != NULL && g_ascii_string_to_signed (user_id, 10, 1, G_MAXINT64, &id, NULL))
    add_int (builder, "user_id", id);
  add_string (builder, "live_room_url", live_room_url);
  add_string (builder, "replay_room_url", replay_room_url);
  add_string (builder, "thank_you_url", thank_you_url);
  add_string (builder, "message", message);

  return builder_to_line (builder);
}

static GString *
header_line (RosterImportJournal *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "format", JOURNAL_FORMAT);
  add_int (builder, "version", JOURNAL_VERSION);
  add_string (builder, "account_id", self->account_id);
  add_string (builder, "file_sha256", self->file_sha256);
  add_string (builder, "file_name", self->file_name);
  add_int (builder, "webinar_id", self->target->webinar_id);
  add_int (builder, "schedule_id", self->target->schedule_id);
  add_string (builder, "date", self->target->date);
  add_string (builder, "timezone", self->target->timezone);
  add_string (builder, "created", self->created);
  add_int (builder, "n_rows", self->n_rows);
  if (self->recovering)
    {
      json_builder_set_member_name (builder, "recovering");
      json_builder_add_boolean_value (builder, TRUE);
      add_string (builder, "recovered_from", self->recovered_from);
    }

  return builder_to_line (builder);
}

static gboolean
write_all (int          fd,
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

static void
sync_dir (const char *path)
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
static int
lock_identity (const char  *lock_path,
               GError     **error)
{
  for (;;)
    {
      int fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      int res;

      if (fd < 0)
        {
          set_error_from_errno (error, errno, _("Could not open the import journal"), lock_path);
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
            set_error_from_errno (error, saved_errno, _("Could not open the import journal"), lock_path);
          return -1;
        }
      if (is_file_at_path (fd, lock_path))
        return fd;
      close (fd);
    }
}

static char *
lock_path_for (const char *journal_path)
{
  g_autofree char *stem = g_strndup (journal_path, strlen (journal_path) - strlen (".journal"));

  return g_strconcat (stem, ".lock", NULL);
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
      self->queue = g_ptr_array_new_with_free_func (pending_free);
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
          if (!write_all (self->fd, text->str, text->len))
            set_error_from_errno (&error, errno, _("Could not write the import journal"), self->path);
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
static guint64
enqueue (RosterImportJournal *self,
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
static gboolean
wait_written (RosterImportJournal  *self,
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
    return errno == ENOENT || set_error_from_errno (error, errno, _("Could not open the import journal"), self->path);
  if (!load_lines (self, *fd, valid_len, error))
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
  g_autoptr(GString) text = header_line (self);
  int fd;

  if (body != NULL)
    g_string_append_len (text, body->str, body->len);

  fd = open (tmp_path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_error_from_errno (error, errno, _("Could not write the import journal"), tmp_path);
  /* It holds personal data, whatever the umask. */
  fchmod (fd, 0600);
  if (!write_all (fd, text->str, text->len) || rename (tmp_path, self->path) < 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (tmp_path);
      return set_error_from_errno (error, saved_errno, _("Could not write the import journal"), self->path);
    }
  sync_dir (self->path);

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
    return set_error_from_errno (error, errno, _("Could not move the damaged import journal aside"), self->path);
  g_chmod (aside, 0600);
  g_debug ("Moved the damaged journal to %s", aside);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      g_autoptr(GString) line = NULL;

      if (row->state == ROSTER_IMPORT_ROW_STATE_NONE)
        continue;
      line = event_line (i, row->line, row->email, row->state, row->user_id, row->live_room_url,
                         row->replay_room_url, row->thank_you_url, row->message);
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

  self->lock_path = lock_path_for (self->path);
  self->lock_fd = lock_identity (self->lock_path, error);
  if (self->lock_fd < 0)
    return FALSE;

  if (!read_journal (self, &fd, &valid_len, error))
    return FALSE;
  *exists = fd >= 0;
  if (!*exists)
    return TRUE;

  if (is_damaged (self))
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
      set_error_from_errno (error, errno, _("Could not repair the import journal"), self->path);
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
      set_error_from_errno (error, errno, _("Could not create the folder"), dir);
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

  if (exists && !is_damaged (self))
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
  if (is_damaged (self) && !recover_journal (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* ---- Appending --------------------------------------------------------------------------------- */

/* Applies the event in memory at once and queues its line for the writer. */
static guint64
append_event (RosterImportJournal  *self,
              guint                 row,
              guint                 line,
              const char           *email,
              RosterImportRowState  state,
              const char           *user_id,
              const char           *live_room_url,
              const char           *replay_room_url,
              const char           *thank_you_url,
              const char           *message,
              GTask                *task)
{
  GString *text = event_line (row, line, email, state, user_id, live_room_url, replay_room_url,
                              thank_you_url, message);

  apply_event (self, row, line, email, state, user_id, live_room_url, replay_room_url, thank_you_url, message);
  return enqueue (self, text, task);
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
  const char *live = NULL, *replay = NULL, *thanks = NULL;

  if (registration != NULL)
    {
      if (roster_registration_get_user_id (registration) > 0)
        user_id = g_strdup_printf ("%" G_GINT64_FORMAT, roster_registration_get_user_id (registration));
      live = roster_registration_get_live_room_url (registration);
      replay = roster_registration_get_replay_room_url (registration);
      thanks = roster_registration_get_thank_you_url (registration);
    }

  return append_event (self, row, line, email, state, user_id, live, replay, thanks, message, task);
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
  g_return_val_if_fail (state < ROSTER_IMPORT_N_ROW_STATES, FALSE);
  g_return_val_if_fail (registration == NULL || ROSTER_IS_REGISTRATION (registration), FALSE);
  g_return_val_if_fail (row < G_MAXUINT / 2, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  seq = append_registration (self, row, line, email, state, registration, message, NULL);
  return wait_written (self, seq, error);
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
  g_return_if_fail (state < ROSTER_IMPORT_N_ROW_STATES);
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
  append_event (self, row, line, email, ROSTER_IMPORT_ROW_STATE_REGISTERED, NULL,
                live_room_url, replay_room_url, NULL, message, task);
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

  return wait_written (self, seq, error);
}

/* Records that every sendable row reached a final state, so that the journal no longer needs
 * to be offered for resuming. */
gboolean
roster_import_journal_mark_complete (RosterImportJournal  *self,
                                     GError              **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), FALSE);
  g_return_val_if_fail (self->fd >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  json_builder_begin_object (builder);
  add_string (builder, "event", "complete");
  add_string (builder, "time", when);
  if (!wait_written (self, enqueue (self, builder_to_line (builder), NULL), error))
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
         roster_import_journal_get_count (self, ROSTER_IMPORT_ROW_STATE_SENDING) == 0 &&
         roster_import_journal_get_count (self, ROSTER_IMPORT_ROW_STATE_UNKNOWN) == 0;
}

/* ---- Getters ----------------------------------------------------------------------------------- */

/* While recovering, a row without a final outcome may have been sent by the run whose lines
 * were lost: it reads as unknown, so that it is looked up before anything is sent. */
static RosterImportRowState
row_state (RosterImportJournal *self,
           guint                row)
{
  Row *r = get_row (self, row, FALSE);
  RosterImportRowState state = r != NULL ? r->state : ROSTER_IMPORT_ROW_STATE_NONE;

  if (self->recovering && state != ROSTER_IMPORT_ROW_STATE_REGISTERED && state != ROSTER_IMPORT_ROW_STATE_FAILED)
    return ROSTER_IMPORT_ROW_STATE_UNKNOWN;

  return state;
}

RosterImportRowState
roster_import_journal_get_row_state (RosterImportJournal *self,
                                     guint                row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), ROSTER_IMPORT_ROW_STATE_NONE);

  return row_state (self, row);
}

/* @name: "email", "user_id", "live_room_url", "replay_room_url", "thank_you_url" or
 * "message"; NULL when the row has none. */
const char *
roster_import_journal_get_row_field (RosterImportJournal *self,
                                     guint                row,
                                     const char          *name)
{
  Row *r;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  r = get_row (self, row, FALSE);
  if (r == NULL)
    return NULL;

  if (strcmp (name, "email") == 0)
    return r->email;
  if (strcmp (name, "user_id") == 0)
    return r->user_id;
  if (strcmp (name, "live_room_url") == 0)
    return r->live_room_url;
  if (strcmp (name, "replay_room_url") == 0)
    return r->replay_room_url;
  if (strcmp (name, "thank_you_url") == 0)
    return r->thank_you_url;
  if (strcmp (name, "message") == 0)
    return r->message;

  g_return_val_if_reached (NULL);
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
 * ROSTER_IMPORT_ROW_STATE_UNKNOWN, for as long as the journal lives. */
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

  if (state == ROSTER_IMPORT_ROW_STATE_NONE || (self->recovering && state != ROSTER_IMPORT_ROW_STATE_REGISTERED &&
                                                state != ROSTER_IMPORT_ROW_STATE_FAILED))
    {
      guint n = 0;

      for (guint i = 0; i < MAX (self->n_rows, self->rows->len); i++)
        if (row_state (self, i) == state &&
            (i < self->n_rows || state != ROSTER_IMPORT_ROW_STATE_NONE))
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

/* ---- Listing ----------------------------------------------------------------------------------- */

static gint
compare_info_by_created (gconstpointer a,
                         gconstpointer b)
{
  const RosterImportJournalInfo *ia = *(RosterImportJournalInfo * const *) a;
  const RosterImportJournalInfo *ib = *(RosterImportJournalInfo * const *) b;

  /* Newest first. */
  return -g_strcmp0 (ia->created, ib->created);
}

/**
 * roster_import_journal_list:
 * @dir: (nullable): the account's journal folder; %NULL for roster_import_journal_dup_dir()
 * @account_id: roster_client_dup_account_id() of the account
 *
 * The journals of @account_id in @dir as RosterImportJournalInfo, newest first.  Journals of
 * other accounts, journals older than accounts in journals, and files without a header are
 * left out; a journal with a header but damaged lines is listed with its damaged flag set.
 */
GPtrArray *
roster_import_journal_list (const char  *dir,
                            const char  *account_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_journal_info_free);
  g_autofree char *default_dir = NULL;
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (dir == NULL)
    dir = default_dir = roster_import_journal_dup_dir ();
  gdir = g_dir_open (dir, 0, &local_error);
  if (gdir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&infos);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autoptr(RosterImportJournal) journal = NULL;
      g_autoptr(GError) load_error = NULL;
      RosterImportJournalInfo *info;
      goffset valid_len;
      int fd;

      if (!g_str_has_suffix (name, ".journal"))
        continue;
      journal = g_object_new (ROSTER_TYPE_IMPORT_JOURNAL, NULL);
      journal->path = g_build_filename (dir, name, NULL);
      fd = open (journal->path, O_RDONLY | O_CLOEXEC);
      if (fd < 0 || !load_lines (journal, fd, &valid_len, &load_error) || !journal->has_header ||
          g_strcmp0 (journal->account_id, account_id) != 0)
        {
          g_debug ("Leaving out %s: %s", name, load_error ? load_error->message : "not this account’s");
          if (fd >= 0)
            close (fd);
          continue;
        }
      close (fd);

      info = g_new0 (RosterImportJournalInfo, 1);
      info->path = g_strdup (journal->path);
      info->account_id = g_strdup (journal->account_id);
      info->file_name = g_strdup (journal->file_name);
      info->file_sha256 = g_strdup (journal->file_sha256);
      info->target = roster_import_target_copy (journal->target);
      info->created = g_strdup (journal->created);
      info->n_rows = journal->n_rows;
      info->n_registered = roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_STATE_REGISTERED);
      info->n_failed = roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_STATE_FAILED);
      info->n_unknown = roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_STATE_SENDING) +
                        roster_import_journal_get_count (journal, ROSTER_IMPORT_ROW_STATE_UNKNOWN);
      info->complete = roster_import_journal_is_complete (journal);
      info->recovering = journal->recovering;
      info->damaged = is_damaged (journal);
      g_ptr_array_add (infos, info);
    }

  g_ptr_array_sort (infos, compare_info_by_created);
  return g_steal_pointer (&infos);
}

/* Removes a journal that is not running (under its lock, so that nobody opens it meanwhile),
 * and its lock file. */
gboolean
roster_import_journal_remove (const char  *path,
                              GError     **error)
{
  g_autofree char *lock_path = NULL;
  int lock_fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_str_has_suffix (path, ".journal"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not an import journal."), path);
      return FALSE;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” is not an import journal."), path);
      return FALSE;
    }

  lock_path = lock_path_for (path);
  lock_fd = lock_identity (lock_path, error);
  if (lock_fd < 0)
    return FALSE;
  if (g_unlink (path) < 0)
    {
      int saved_errno = errno;

      close (lock_fd);
      return set_error_from_errno (error, saved_errno, _("Could not remove the import journal"), path);
    }
  /* Whoever opened the lock file meanwhile sees that it is gone, and locks a new one. */
  g_unlink (lock_path);
  close (lock_fd);

  return TRUE;
}

/* Removes @dir and the files in it: the demo's journals end with the demo. */
gboolean
roster_import_journal_remove_dir (const char  *dir,
                                  GError     **error)
{
  g_autoptr(GDir) gdir = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  gdir = g_dir_open (dir, 0, error);
  if (gdir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_unlink (path) < 0)
        return set_error_from_errno (error, errno, _("Could not remove the import journal"), path);
    }
  if (g_rmdir (dir) < 0)
    return set_error_from_errno (error, errno, _("Could not remove the import journal"), dir);

  return TRUE;
}

/* The SHA-256 of @file's content, in lower-case hex. */
char *
roster_import_file_sha256 (GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree guchar *buffer = g_malloc (READ_CHUNK);

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, READ_CHUNK, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_checksum_update (checksum, buffer, n);
    }

  return g_strdup (g_checksum_get_string (checksum));
}
