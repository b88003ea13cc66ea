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

#include "roster-import-journal.h"

/* The file is a plain fd opened with O_APPEND: each line goes out in one write() and is made
 * durable with fdatasync() before append returns (about a millisecond on a local disk, nothing
 * next to the 50 ms that one call in twenty per second leaves).  A crash can at worst tear the
 * last line; loading ignores it and reopening for writing cuts it off, so the next line starts
 * clean.  An exclusive flock() keeps two processes from running the same import at once. */

#define JOURNAL_FORMAT  "roster-import-journal"
#define JOURNAL_VERSION 1
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

struct _RosterImportJournal
{
  GObject             parent_instance;

  char               *path;
  int                 fd;        /* -1 when read-only */
  char               *file_name;
  char               *file_sha256;
  RosterImportTarget *target;
  char               *created;
  guint               n_rows;
  gboolean            has_header;
  gboolean            complete;
  guint               n_junk;
  guint               n_events;
  GArray             *rows;      /* Row */
  guint               counts[ROSTER_IMPORT_N_ROW_STATES];
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

/* ---- Info -------------------------------------------------------------------------------------- */

RosterImportJournalInfo *
roster_import_journal_info_copy (const RosterImportJournalInfo *info)
{
  RosterImportJournalInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->path = g_strdup (info->path);
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
  g_free (info->file_name);
  g_free (info->file_sha256);
  g_clear_pointer (&info->target, roster_import_target_free);
  g_free (info->created);
  g_free (info);
}

/* ---- Object ------------------------------------------------------------------------------------ */

static void
roster_import_journal_finalize (GObject *object)
{
  RosterImportJournal *self = ROSTER_IMPORT_JOURNAL (object);

  if (self->fd >= 0)
    close (self->fd);  /* also drops the flock */
  g_free (self->path);
  g_free (self->file_name);
  g_free (self->file_sha256);
  g_clear_pointer (&self->target, roster_import_target_free);
  g_free (self->created);
  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (roster_import_journal_parent_class)->finalize (object);
}

static void
roster_import_journal_class_init (RosterImportJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_import_journal_finalize;
}

static void
roster_import_journal_init (RosterImportJournal *self)
{
  self->fd = -1;
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
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

  if (g_strcmp0 (object_get_string (object, "format"), JOURNAL_FORMAT) != 0 ||
      !object_get_int (object, "version", &version) || version != JOURNAL_VERSION ||
      object_get_string (object, "file_sha256") == NULL ||
      !object_get_int (object, "webinar_id", &webinar_id) ||
      !object_get_int (object, "schedule_id", &schedule_id))
    return FALSE;

  object_get_int (object, "n_rows", &n_rows);
  self->file_sha256 = g_strdup (object_get_string (object, "file_sha256"));
  self->file_name = g_strdup (object_get_string (object, "file_name"));
  self->created = g_strdup (object_get_string (object, "created"));
  self->target = roster_import_target_new (webinar_id, schedule_id,
                                           object_get_string (object, "date"),
                                           object_get_string (object, "timezone"));
  self->n_rows = (guint) CLAMP (n_rows, 0, G_MAXUINT);
  self->has_header = TRUE;

  return TRUE;
}

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

  if (len == 0)
    return;

  if (!json_parser_load_from_data (parser, text, len, NULL) ||
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

/* ---- Writing ----------------------------------------------------------------------------------- */

static gboolean
write_line (RosterImportJournal  *self,
            JsonBuilder          *builder,
            GError              **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(GString) text = g_string_new (NULL);
  gsize written = 0;

  g_return_val_if_fail (self->fd >= 0, FALSE);

  json_generator_set_root (generator, root);
  json_generator_to_gstring (generator, text);
  g_string_append_c (text, '\n');

  while (written < text->len)
    {
      ssize_t n = write (self->fd, text->str + written, text->len - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_error_from_errno (error, errno, _("Could not write the import journal"), self->path);
      written += n;
    }

  /* Durable before the caller goes on: the write-ahead promise depends on it. */
  while (fdatasync (self->fd) < 0)
    {
      if (errno != EINTR)
        return set_error_from_errno (error, errno, _("Could not write the import journal"), self->path);
    }

  return TRUE;
}

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

static gboolean
write_header (RosterImportJournal  *self,
              GError              **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "format", JOURNAL_FORMAT);
  add_int (builder, "version", JOURNAL_VERSION);
  add_string (builder, "file_sha256", self->file_sha256);
  add_string (builder, "file_name", self->file_name);
  add_int (builder, "webinar_id", self->target->webinar_id);
  add_int (builder, "schedule_id", self->target->schedule_id);
  add_string (builder, "date", self->target->date);
  add_string (builder, "timezone", self->target->timezone);
  add_string (builder, "created", self->created);
  add_int (builder, "n_rows", self->n_rows);
  json_builder_end_object (builder);

  return write_line (self, builder, error);
}

static void
sync_dir (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* So that the new file's name survives a power cut as well as its lines. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Loads @path; with @writable also locks it, cuts off a torn last line and keeps it open. */
static RosterImportJournal *
journal_load (const char  *path,
              gboolean     writable,
              GError     **error)
{
  g_autoptr(RosterImportJournal) self = g_object_new (ROSTER_TYPE_IMPORT_JOURNAL, NULL);
  goffset valid_len = 0;
  int fd;

  self->path = g_strdup (path);
  fd = open (path, writable ? (O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC) : (O_RDONLY | O_CLOEXEC), 0600);
  if (fd < 0)
    {
      set_error_from_errno (error, errno, _("Could not open the import journal"), path);
      return NULL;
    }

  if (writable)
    {
      self->fd = fd;
      if (flock (fd, LOCK_EX | LOCK_NB) < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                       _("This import is already running in another window or process."));
          return NULL;
        }
      /* It holds personal data; an older file may have been created with a looser mode. */
      fchmod (fd, 0600);
    }

  if (!load_lines (self, fd, &valid_len, error))
    {
      if (!writable)
        close (fd);
      return NULL;
    }
  if (!writable)
    close (fd);

  if (writable)
    {
      struct stat st;

      if (fstat (fd, &st) == 0 && st.st_size > valid_len && ftruncate (fd, valid_len) < 0)
        {
          set_error_from_errno (error, errno, _("Could not repair the import journal"), path);
          return NULL;
        }
    }

  if (!self->has_header && valid_len > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not an import journal."), path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

char *
roster_import_journal_dup_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "roster", "imports", NULL);
}

/* Creates the journal of importing the file with content hash @file_sha256 into @target, or
 * reopens it (with its rows' states) when an earlier run left one. */
RosterImportJournal *
roster_import_journal_open (const char                *file_sha256,
                            const char                *file_name,
                            const RosterImportTarget  *target,
                            guint                      n_rows,
                            GError                   **error)
{
  g_autoptr(RosterImportJournal) self = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *dir = roster_import_journal_dup_dir ();
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (file_sha256 != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (dir, 0700) < 0)
    {
      set_error_from_errno (error, errno, _("Could not create the folder"), dir);
      return NULL;
    }

  key = roster_import_target_dup_key (target);
  g_checksum_update (checksum, (const guchar *) file_sha256, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) key, -1);
  name = g_strconcat (g_checksum_get_string (checksum), ".journal", NULL);
  path = g_build_filename (dir, name, NULL);

  self = journal_load (path, TRUE, error);
  if (self == NULL)
    return NULL;

  if (self->has_header)
    {
      if (g_strcmp0 (self->file_sha256, file_sha256) != 0 || !roster_import_target_equal (self->target, target))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not an import journal."), path);
          return NULL;
        }
      if (n_rows > self->n_rows)
        self->n_rows = n_rows;
      return g_steal_pointer (&self);
    }

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    self->file_sha256 = g_strdup (file_sha256);
    self->file_name = g_strdup (file_name);
    self->target = roster_import_target_copy (target);
    self->created = g_date_time_format_iso8601 (now);
    self->n_rows = n_rows;
  }
  if (!write_header (self, error))
    return NULL;
  self->has_header = TRUE;
  sync_dir (path);

  return g_steal_pointer (&self);
}

/* Reopens a journal found with roster_import_journal_list(), for resuming it. */
RosterImportJournal *
roster_import_journal_open_path (const char  *path,
                                 GError     **error)
{
  g_autoptr(RosterImportJournal) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” is not an import journal."), path);
      return NULL;
    }
  self = journal_load (path, TRUE, error);
  if (self == NULL)
    return NULL;
  if (!self->has_header)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is not an import journal."), path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/* @registration: the server's answer for a REGISTERED row, or NULL.  Returns when the line is
 * on the disk. */
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
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *user_id = NULL;
  const char *live = NULL, *replay = NULL, *thanks = NULL;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), FALSE);
  g_return_val_if_fail (state < ROSTER_IMPORT_N_ROW_STATES, FALSE);
  g_return_val_if_fail (registration == NULL || ROSTER_IS_REGISTRATION (registration), FALSE);
  g_return_val_if_fail (row < G_MAXUINT / 2, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  json_builder_begin_object (builder);
  add_int (builder, "row", row);
  add_int (builder, "line", line);
  add_string (builder, "email", email);
  add_string (builder, "state", state_names[state]);
  if (registration != NULL)
    {
      if (roster_registration_get_user_id (registration) > 0)
        {
          add_int (builder, "user_id", roster_registration_get_user_id (registration));
          user_id = g_strdup_printf ("%" G_GINT64_FORMAT, roster_registration_get_user_id (registration));
        }
      live = roster_registration_get_live_room_url (registration);
      replay = roster_registration_get_replay_room_url (registration);
      thanks = roster_registration_get_thank_you_url (registration);
      add_string (builder, "live_room_url", live);
      add_string (builder, "replay_room_url", replay);
      add_string (builder, "thank_you_url", thanks);
    }
  add_string (builder, "message", message);
  json_builder_end_object (builder);

  if (!write_line (self, builder, error))
    return FALSE;

  apply_event (self, row, line, email, state, user_id, live, replay, thanks, message);
  return TRUE;
}

/* A row found registered by looking it up: the registrant has room links but no user_id or
 * thank-you link. */
gboolean
roster_import_journal_append_links (RosterImportJournal  *self,
                                    guint                 row,
                                    guint                 line,
                                    const char           *email,
                                    const char           *live_room_url,
                                    const char           *replay_room_url,
                                    const char           *message,
                                    GError              **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), FALSE);
  g_return_val_if_fail (row < G_MAXUINT / 2, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  json_builder_begin_object (builder);
  add_int (builder, "row", row);
  add_int (builder, "line", line);
  add_string (builder, "email", email);
  add_string (builder, "state", state_names[ROSTER_IMPORT_ROW_STATE_REGISTERED]);
  add_string (builder, "live_room_url", live_room_url);
  add_string (builder, "replay_room_url", replay_room_url);
  add_string (builder, "message", message);
  json_builder_end_object (builder);

  if (!write_line (self, builder, error))
    return FALSE;

  apply_event (self, row, line, email, ROSTER_IMPORT_ROW_STATE_REGISTERED, NULL,
               live_room_url, replay_room_url, NULL, message);
  return TRUE;
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

  json_builder_begin_object (builder);
  add_string (builder, "event", "complete");
  add_string (builder, "time", when);
  json_builder_end_object (builder);

  if (!write_line (self, builder, error))
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
         self->counts[ROSTER_IMPORT_ROW_STATE_SENDING] == 0 &&
         self->counts[ROSTER_IMPORT_ROW_STATE_UNKNOWN] == 0;
}

/* ---- Getters ----------------------------------------------------------------------------------- */

RosterImportRowState
roster_import_journal_get_row_state (RosterImportJournal *self,
                                     guint                row)
{
  Row *r;

  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), ROSTER_IMPORT_ROW_STATE_NONE);

  r = get_row (self, row, FALSE);
  return r != NULL ? r->state : ROSTER_IMPORT_ROW_STATE_NONE;
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

/* Lines that were neither the header nor an event, a torn last line not counted. */
guint
roster_import_journal_get_n_junk_lines (RosterImportJournal *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), 0);
  return self->n_junk;
}

/* How many rows are in @state; for NONE, how many of the first n_rows were never mentioned. */
guint
roster_import_journal_get_count (RosterImportJournal  *self,
                                 RosterImportRowState  state)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_JOURNAL (self), 0);
  g_return_val_if_fail (state < ROSTER_IMPORT_N_ROW_STATES, 0);

  if (state == ROSTER_IMPORT_ROW_STATE_NONE)
    {
      guint n = 0;

      for (guint i = 0; i < self->n_rows; i++)
        if (i >= self->rows->len || g_array_index (self->rows, Row, i).state == ROSTER_IMPORT_ROW_STATE_NONE)
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

/* Every journal under the user data dir as RosterImportJournalInfo, newest first; unreadable
 * files are left out. */
GPtrArray *
roster_import_journal_list (GError **error)
{
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_journal_info_free);
  g_autofree char *dir_path = roster_import_journal_dup_dir ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_dir_open (dir_path, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&infos);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(RosterImportJournal) journal = NULL;
      g_autoptr(GError) load_error = NULL;
      RosterImportJournalInfo *info;

      if (!g_str_has_suffix (name, ".journal"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      journal = journal_load (path, FALSE, &load_error);
      if (journal == NULL || !journal->has_header)
        {
          g_debug ("Skipping %s: %s", name, load_error ? load_error->message : "no header");
          continue;
        }

      info = g_new0 (RosterImportJournalInfo, 1);
      info->path = g_steal_pointer (&path);
      info->file_name = g_strdup (journal->file_name);
      info->file_sha256 = g_strdup (journal->file_sha256);
      info->target = roster_import_target_copy (journal->target);
      info->created = g_strdup (journal->created);
      info->n_rows = journal->n_rows;
      info->n_registered = journal->counts[ROSTER_IMPORT_ROW_STATE_REGISTERED];
      info->n_failed = journal->counts[ROSTER_IMPORT_ROW_STATE_FAILED];
      info->n_unknown = journal->counts[ROSTER_IMPORT_ROW_STATE_SENDING] +
                        journal->counts[ROSTER_IMPORT_ROW_STATE_UNKNOWN];
      info->complete = roster_import_journal_is_complete (journal);
      g_ptr_array_add (infos, info);
    }

  g_ptr_array_sort (infos, compare_info_by_created);
  return g_steal_pointer (&infos);
}

gboolean
roster_import_journal_remove (const char  *path,
                              GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_str_has_suffix (path, ".journal"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not an import journal."), path);
      return FALSE;
    }
  if (g_unlink (path) < 0)
    return set_error_from_errno (error, errno, _("Could not remove the import journal"), path);

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
