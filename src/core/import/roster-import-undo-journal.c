/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-undo"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "roster-import-undo-journal.h"

#define UNDO_FORMAT  "roster-undo-journal"
#define UNDO_VERSION 1

typedef struct
{
  RosterUndoRowState state;
  gint64             lead_id;
} UndoRow;

struct _RosterImportUndoJournal
{
  GObject   parent_instance;

  char     *path;
  int       fd;
  GArray   *rows;      /* UndoRow by import row */
  gboolean  complete;
};

G_DEFINE_FINAL_TYPE (RosterImportUndoJournal, roster_import_undo_journal, G_TYPE_OBJECT)

static const char * const state_words[ROSTER_UNDO_N_ROW_STATES] = {
  [ROSTER_UNDO_ROW_PENDING] = "pending",
  [ROSTER_UNDO_ROW_SENDING] = "sending",
  [ROSTER_UNDO_ROW_UNSUBSCRIBED] = "unsubscribed",
  [ROSTER_UNDO_ROW_GONE] = "gone",
  [ROSTER_UNDO_ROW_FAILED] = "failed",
  [ROSTER_UNDO_ROW_UNKNOWN] = "unknown",
};

static void
roster_import_undo_journal_finalize (GObject *object)
{
  RosterImportUndoJournal *self = ROSTER_IMPORT_UNDO_JOURNAL (object);

  /* Closing the file releases the lock. */
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->path);
  g_array_unref (self->rows);

  G_OBJECT_CLASS (roster_import_undo_journal_parent_class)->finalize (object);
}

static void
roster_import_undo_journal_class_init (RosterImportUndoJournalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_import_undo_journal_finalize;
}

static void
roster_import_undo_journal_init (RosterImportUndoJournal *self)
{
  self->fd = -1;
  self->rows = g_array_new (FALSE, TRUE, sizeof (UndoRow));
}

/* The undo of /x/import.journal is /x/import.undo. */
char *
roster_import_undo_journal_path_for (const char *import_path)
{
  g_return_val_if_fail (import_path != NULL, NULL);

  if (g_str_has_suffix (import_path, ".journal"))
    return g_strdup_printf ("%.*s.undo", (int) (strlen (import_path) - strlen (".journal")), import_path);
  return g_strconcat (import_path, ".undo", NULL);
}

static UndoRow *
row_at (RosterImportUndoJournal *self,
        guint                    row)
{
  if (row >= self->rows->len)
    g_array_set_size (self->rows, row + 1);
  return &g_array_index (self->rows, UndoRow, row);
}

/* Applies one line; FALSE for a line Roster never writes. */
static gboolean
apply_line (RosterImportUndoJournal *self,
            JsonParser              *parser,
            const char              *line)
{
  JsonObject *object;
  const char *word;
  gint64 row;

  if (!json_parser_load_from_data (parser, line, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (object, "format"))
    return g_strcmp0 (json_object_get_string_member_with_default (object, "format", ""), UNDO_FORMAT) == 0;
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "event", ""), "complete") == 0)
    {
      self->complete = TRUE;
      return TRUE;
    }

  row = json_object_get_int_member_with_default (object, "row", -1);
  word = json_object_get_string_member_with_default (object, "state", "");
  if (row < 0 || row >= G_MAXUINT / 2)
    return FALSE;
  for (guint i = 0; i < ROSTER_UNDO_N_ROW_STATES; i++)
    {
      if (g_strcmp0 (word, state_words[i]) == 0)
        {
          UndoRow *undo_row = row_at (self, (guint) row);

          undo_row->state = i;
          if (json_object_has_member (object, "lead_id"))
            undo_row->lead_id = json_object_get_int_member (object, "lead_id");
          self->complete = FALSE;
          return TRUE;
        }
    }
  return FALSE;
}

/* A torn last line is what a kill leaves; a bad line anywhere else means damage, and then every
 * row not known to be done may have been sent: it is looked up as unknown. */
static void
load (RosterImportUndoJournal *self,
      const char              *contents)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  guint n_lines = g_strv_length (lines);
  gboolean damaged = FALSE;

  /* The last piece follows the last newline: empty, or torn. */
  for (guint i = 0; i + 1 < n_lines; i++)
    if (!apply_line (self, parser, lines[i]))
      damaged = TRUE;

  if (!damaged)
    return;
  g_debug ("%s is damaged; unfinished rows are looked up", self->path);
  self->complete = FALSE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      UndoRow *undo_row = &g_array_index (self->rows, UndoRow, i);

      if (undo_row->state != ROSTER_UNDO_ROW_UNSUBSCRIBED && undo_row->state != ROSTER_UNDO_ROW_GONE)
        undo_row->state = ROSTER_UNDO_ROW_UNKNOWN;
    }
}

static gboolean
write_durably (int          fd,
               const char  *text,
               gsize        len,
               GError     **error)
{
  while (len > 0)
    {
      ssize_t n = write (fd, text, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        goto failed;
      text += n;
      len -= n;
    }
  if (fdatasync (fd) == 0)
    return TRUE;

failed:
  {
    int saved_errno = errno;

    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not write the undo journal: %s"), g_strerror (saved_errno));
    return FALSE;
  }
}

static char *
object_line (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  return g_strconcat (text, "\n", NULL);
}

/**
 * roster_import_undo_journal_open:
 * @import_path: the import's journal
 *
 * Opens (or creates) the undo journal of the import at @import_path and locks it.  Blocking:
 * call it from a thread.
 */
RosterImportUndoJournal *
roster_import_undo_journal_open (const char  *import_path,
                                 GError     **error)
{
  g_autoptr(RosterImportUndoJournal) self = g_object_new (ROSTER_TYPE_IMPORT_UNDO_JOURNAL, NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (import_path != NULL, NULL);

  self->path = roster_import_undo_journal_path_for (import_path);
  self->fd = open (self->path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (self->fd < 0 || flock (self->fd, LOCK_EX | LOCK_NB) < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EWOULDBLOCK)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                             _("This import is being undone by another window or command."));
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                     _("Could not open the undo journal: %s"), g_strerror (saved_errno));
      return NULL;
    }

  if (!g_file_get_contents (self->path, &contents, &len, error))
    return NULL;
  if (len == 0)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *header = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "format");
      json_builder_add_string_value (builder, UNDO_FORMAT);
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, UNDO_VERSION);
      header = object_line (builder);
      if (!write_durably (self->fd, header, strlen (header), error))
        return NULL;
    }
  else
    load (self, contents);

  return g_steal_pointer (&self);
}

/* Whether the import at @import_path has an undo journal, and what it says: cheap enough for a
 * listing, and without the lock (a running undo is only a little ahead). */
gboolean
roster_import_undo_journal_peek (const char *import_path,
                                 guint      *n_unsubscribed,
                                 gboolean   *complete)
{
  g_autoptr(RosterImportUndoJournal) self = g_object_new (ROSTER_TYPE_IMPORT_UNDO_JOURNAL, NULL);
  g_autofree char *contents = NULL;

  self->path = roster_import_undo_journal_path_for (import_path);
  *n_unsubscribed = 0;
  *complete = FALSE;
  if (!g_file_get_contents (self->path, &contents, NULL, NULL))
    return FALSE;
  load (self, contents);
  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->rows, UndoRow, i).state == ROSTER_UNDO_ROW_UNSUBSCRIBED)
      (*n_unsubscribed)++;
  *complete = self->complete;
  return TRUE;
}

RosterUndoRowState
roster_import_undo_journal_get_state (RosterImportUndoJournal *self,
                                      guint                    row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_UNDO_JOURNAL (self), ROSTER_UNDO_ROW_PENDING);

  return row < self->rows->len ? g_array_index (self->rows, UndoRow, row).state : ROSTER_UNDO_ROW_PENDING;
}

gint64
roster_import_undo_journal_get_lead_id (RosterImportUndoJournal *self,
                                        guint                    row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_UNDO_JOURNAL (self), 0);

  return row < self->rows->len ? g_array_index (self->rows, UndoRow, row).lead_id : 0;
}

gboolean
roster_import_undo_journal_is_complete (RosterImportUndoJournal *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_UNDO_JOURNAL (self), FALSE);

  return self->complete;
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  RosterImportUndoJournal *self = source_object;
  const char *line = task_data;
  GError *error = NULL;

  if (write_durably (self->fd, line, strlen (line), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* One line, whole, in one write (O_APPEND keeps concurrent lines apart), then fdatasync. */
static void
write_line_async (RosterImportUndoJournal *self,
                  char                    *line,
                  GAsyncReadyCallback      callback,
                  gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, roster_import_undo_journal_append_async);
  g_task_set_task_data (task, line, g_free);
  g_task_run_in_thread (task, write_in_thread);
}

/* Applies the state at once and writes its line in a thread; the callback runs once the line
 * is on the disk. */
void
roster_import_undo_journal_append_async (RosterImportUndoJournal *self,
                                         guint                    row,
                                         const char              *email,
                                         RosterUndoRowState       state,
                                         gint64                   lead_id,
                                         const char              *message,
                                         GAsyncReadyCallback      callback,
                                         gpointer                 user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  UndoRow *undo_row;

  g_return_if_fail (ROSTER_IS_IMPORT_UNDO_JOURNAL (self));
  g_return_if_fail (state < ROSTER_UNDO_N_ROW_STATES);

  undo_row = row_at (self, row);
  undo_row->state = state;
  if (lead_id > 0)
    undo_row->lead_id = lead_id;
  self->complete = FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "row");
  json_builder_add_int_value (builder, row);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, state_words[state]);
  if (undo_row->lead_id > 0)
    {
      json_builder_set_member_name (builder, "lead_id");
      json_builder_add_int_value (builder, undo_row->lead_id);
    }
  if (message != NULL)
    {
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message);
    }
  write_line_async (self, object_line (builder), callback, user_data);
}

gboolean
roster_import_undo_journal_append_finish (RosterImportUndoJournal  *self,
                                          GAsyncResult             *result,
                                          GError                  **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Every row is done; finish with roster_import_undo_journal_append_finish(). */
void
roster_import_undo_journal_complete_async (RosterImportUndoJournal *self,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);

  g_return_if_fail (ROSTER_IS_IMPORT_UNDO_JOURNAL (self));

  self->complete = TRUE;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "event");
  json_builder_add_string_value (builder, "complete");
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, when);
  write_line_async (self, object_line (builder), callback, user_data);
}
