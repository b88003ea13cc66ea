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

/* The file format: one JSON object a line.  The first line is the header, the identity of the
 * import; every other line is an event of one row ("row", "line", "email", "state" and the
 * registration's links or a message), {"event":"complete"}, or (version 3) a value the user
 * corrected, {"event":"correct","row":N,"line":L,"field":"email","value":"…"}.  Version 2
 * journals are read as ever; a correction Roster cannot read is damage like any other line. */

/* The words of the file; only these states are ever written. */
static const char * const state_words[ROSTER_IMPORT_N_ROW_STATES] = {
  [ROSTER_IMPORT_ROW_READY] = "none",
  [ROSTER_IMPORT_ROW_SENDING] = "sending",
  [ROSTER_IMPORT_ROW_REGISTERED] = "registered",
  [ROSTER_IMPORT_ROW_FAILED] = "failed",
  [ROSTER_IMPORT_ROW_UNKNOWN] = "unknown",
};

/* NULL for a state the journal never records. */
const char *
journal_state_word (RosterImportRowState state)
{
  return state < ROSTER_IMPORT_N_ROW_STATES ? state_words[state] : NULL;
}

gboolean
journal_row_state_from_string (const char           *text,
                               RosterImportRowState *state)
{
  for (guint i = 0; i < ROSTER_IMPORT_N_ROW_STATES; i++)
    {
      if (state_words[i] != NULL && g_strcmp0 (text, state_words[i]) == 0)
        {
          *state = i;
          return TRUE;
        }
    }

  return FALSE;
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

gboolean
journal_parse_header (RosterImportJournal *self,
                      JsonObject          *object)
{
  gint64 version = 0, webinar_id = 0, schedule_id = 0, n_rows = 0;
  JsonNode *recovering;

  if (g_strcmp0 (object_get_string (object, "format"), JOURNAL_FORMAT) != 0 ||
      !object_get_int (object, "version", &version) ||
      version < JOURNAL_OLDEST_VERSION || version > JOURNAL_VERSION ||
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
  RosterImportRow event = { 0, };

  if (len == 0 || !json_parser_load_from_data (parser, text, len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      self->n_junk++;
      return;
    }
  object = json_node_get_object (root);

  if (!self->has_header)
    {
      if (!journal_parse_header (self, object))
        self->n_junk++;
      return;
    }

  if (g_strcmp0 (object_get_string (object, "event"), "complete") == 0)
    {
      self->complete = TRUE;
      return;
    }
  if (g_strcmp0 (object_get_string (object, "event"), "correct") == 0)
    {
      const char *field = object_get_string (object, "field");
      const char *value = object_get_string (object, "value");

      if (!object_get_int (object, "row", &row) || row < 0 || row >= G_MAXUINT / 2 ||
          field == NULL || field[0] == '\0' || value == NULL)
        self->n_junk++;
      else
        roster_import_corrections_set (self->corrections, (guint) row, field, value);
      return;
    }

  /* "none" is a row put back unsent (its call certainly never left), as valid as any other. */
  if (!object_get_int (object, "row", &row) || row < 0 || row >= G_MAXUINT / 2 ||
      !journal_row_state_from_string (object_get_string (object, "state"), &state))
    {
      self->n_junk++;
      return;
    }
  object_get_int (object, "line", &line);
  if (object_get_int (object, "user_id", &user_id))
    user_id_text = g_strdup_printf ("%" G_GINT64_FORMAT, user_id);

  event.line = (guint) CLAMP (line, 0, G_MAXUINT);
  event.state = state;
  event.email = (char *) object_get_string (object, "email");
  event.user_id = user_id_text;
  event.live_room_url = (char *) object_get_string (object, "live_room_url");
  event.replay_room_url = (char *) object_get_string (object, "replay_room_url");
  event.thank_you_url = (char *) object_get_string (object, "thank_you_url");
  event.message = (char *) object_get_string (object, "message");
  journal_apply_event (self, (guint) row, &event);
}

/* Calls @func with every complete line of @fd, from its start, until it returns FALSE.
 * *@valid_len: where the last complete line ends; anything after it is a torn line. */
gboolean
journal_read_lines (int               fd,
                    const char       *path,
                    JournalLineFunc   func,
                    gpointer          user_data,
                    goffset          *valid_len,
                    GError          **error)
{
  g_autoptr(GString) pending = g_string_new (NULL);
  g_autofree char *buffer = g_malloc (READ_CHUNK);
  goffset offset = 0;

  *valid_len = 0;
  if (lseek (fd, 0, SEEK_SET) < 0)
    return journal_set_error_from_errno (error, errno, _("Could not read the import journal"), path);

  for (;;)
    {
      ssize_t n = read (fd, buffer, READ_CHUNK);
      const char *start, *end, *newline;

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return journal_set_error_from_errno (error, errno, _("Could not read the import journal"), path);
      if (n == 0)
        break;

      start = buffer;
      end = buffer + n;
      while ((newline = memchr (start, '\n', end - start)) != NULL)
        {
          gboolean go_on;

          if (pending->len > 0)
            {
              g_string_append_len (pending, start, newline - start);
              go_on = func (pending->str, pending->len, user_data);
              g_string_truncate (pending, 0);
            }
          else
            go_on = func (start, newline - start, user_data);
          offset += newline - start + 1;
          *valid_len = offset;
          start = newline + 1;
          if (!go_on)
            return TRUE;
        }
      g_string_append_len (pending, start, end - start);
      offset += end - start;
    }

  if (pending->len > 0)
    g_debug ("Ignoring a torn last line of %" G_GSIZE_FORMAT " bytes", pending->len);

  return TRUE;
}

typedef struct
{
  RosterImportJournal *self;
  JsonParser          *parser;
} Loading;

static gboolean
load_line (const char *text,
           gsize       len,
           gpointer    user_data)
{
  Loading *loading = user_data;

  parse_line (loading->self, loading->parser, text, len);
  return TRUE;
}

/* Reads every complete line of @fd into @self. */
gboolean
journal_load_lines (RosterImportJournal  *self,
                    int                   fd,
                    goffset              *valid_len,
                    GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Loading loading = { self, parser };

  return journal_read_lines (fd, self->path, load_line, &loading, valid_len, error);
}

/* Empty, without a header, or with a line that cannot be read: see the top of the file. */
gboolean
journal_is_damaged (RosterImportJournal *self)
{
  return !self->has_header || self->n_junk > 0;
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

/* One row's event as a line: @event's state and what came with it. */
GString *
journal_event_line (guint                  row,
                    const RosterImportRow *event)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 id;

  json_builder_begin_object (builder);
  add_int (builder, "row", row);
  add_int (builder, "line", event->line);
  add_string (builder, "email", event->email);
  add_string (builder, "state", state_words[event->state]);
  if (event->user_id != NULL && g_ascii_string_to_signed (event->user_id, 10, 1, G_MAXINT64, &id, NULL))
    add_int (builder, "user_id", id);
  add_string (builder, "live_room_url", event->live_room_url);
  add_string (builder, "replay_room_url", event->replay_room_url);
  add_string (builder, "thank_you_url", event->thank_you_url);
  add_string (builder, "message", event->message);

  return builder_to_line (builder);
}

GString *
journal_header_line (RosterImportJournal *self)
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

/* A value the user corrected; "event" first, so that listing can skip it cheaply. */
GString *
journal_correction_line (guint       row,
                         guint       line,
                         const char *field,
                         const char *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "event", "correct");
  add_int (builder, "row", row);
  add_int (builder, "line", line);
  add_string (builder, "field", field);
  add_string (builder, "value", value);

  return builder_to_line (builder);
}

GString *
journal_complete_line (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);

  json_builder_begin_object (builder);
  add_string (builder, "event", "complete");
  add_string (builder, "time", when);

  return builder_to_line (builder);
}
