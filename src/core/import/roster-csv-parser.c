/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Parsing: the record state machine, with its limits and its recovery from stray quotes. */

#define G_LOG_DOMAIN "roster-csv-reader"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "roster-csv-reader-private.h"

/* Text kept after an open quote's line end, in max_record_size. */
#define REPLAY_RECORDS 16

/* Flags in self->stops: the bytes that end a run of field text. */
enum
{
  STOP_UNQUOTED = 1 << 0,
  STOP_QUOTED   = 1 << 1,
};

typedef enum
{
  ST_FIELD_START,
  ST_LEADING_SPACE,
  ST_UNQUOTED,
  ST_QUOTED,
  ST_QUOTE_IN_QUOTED,
  ST_AFTER_QUOTED,
} ParseState;

/* The bytes that end a run of field text, for the delimiter the reader settled on. */
void
roster_csv_parser_set_delimiter (RosterCsvReader *self,
                                 char             delimiter)
{
  memset (self->stops, 0, sizeof self->stops);
  self->stops[(guint8) delimiter] |= STOP_UNQUOTED;
  self->stops['\r'] |= STOP_UNQUOTED | STOP_QUOTED;
  self->stops['\n'] |= STOP_UNQUOTED | STOP_QUOTED;
  self->stops['\0'] |= STOP_UNQUOTED | STOP_QUOTED;
  self->stops['"'] |= STOP_QUOTED;
}

void
roster_csv_add_record_problem (RosterCsvReader      *self,
                               RosterCsvProblemKind  kind,
                               guint                 line,
                               char                 *message)
{
  if (self->rec_problems == NULL)
    self->rec_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_csv_problem_free);
  g_ptr_array_add (self->rec_problems, roster_csv_problem_new (kind, line, message));
}

static void
begin_record (RosterCsvReader *self,
              guint           *rec_line)
{
  *rec_line = self->line;
  g_string_truncate (self->recbuf, 0);
  self->n_offsets = 0;
  self->field_start = 0;
  self->field_truncated = FALSE;
  self->record_truncated = FALSE;
  self->dropping_fields = FALSE;
  self->nul_seen = FALSE;
  self->field_bits = 0;
  g_array_set_size (self->non_ascii, 0);
}

/* g_string_append_len without the function call per field (GLib 2.74 does not inline it). */
static inline void
buf_append (GString    *buf,
            const char *bytes,
            gsize       n)
{
  if (G_UNLIKELY (buf->len + n + 1 > buf->allocated_len))
    {
      gsize len = buf->len;

      g_string_set_size (buf, len + n);
      buf->len = len;
    }
  memcpy (buf->str + buf->len, bytes, n);
  buf->len += n;
  buf->str[buf->len] = '\0';
}

/* Appends field bytes within the limits; a cut never splits a UTF-8 character. */
static void
append_bytes (RosterCsvReader *self,
              guint            rec_line,
              const char      *bytes,
              gsize            n)
{
  gsize field_len = self->recbuf->len - self->field_start;
  gsize cut = n;

  if (self->dropping_fields || self->field_truncated || self->record_truncated || n == 0)
    return;

  if (field_len + cut > self->max_field_size)
    {
      cut = self->max_field_size - field_len;
      self->field_truncated = TRUE;
      roster_csv_add_record_problem (self, ROSTER_CSV_PROBLEM_FIELD_TOO_LONG, rec_line,
                          g_strdup_printf (_("Line %u: field %u is longer than %u KiB and was cut short"),
                                           rec_line, self->n_offsets + 1,
                                           (guint) (self->max_field_size / 1024)));
    }
  if (self->recbuf->len + cut > self->max_record_size)
    {
      cut = self->recbuf->len < self->max_record_size ? self->max_record_size - self->recbuf->len : 0;
      self->record_truncated = TRUE;
      roster_csv_add_record_problem (self, ROSTER_CSV_PROBLEM_RECORD_TOO_LONG, rec_line,
                          g_strdup_printf (_("Line %u: the row is longer than %u KiB; the rest of it was ignored"),
                                           rec_line, (guint) (self->max_record_size / 1024)));
    }
  if (cut < n)
    while (cut > 0 && ((guchar) bytes[cut] & 0xC0) == 0x80)
      cut--;

  buf_append (self->recbuf, bytes, cut);
}

static void
append_spaces (RosterCsvReader *self,
               guint            rec_line,
               guint            n)
{
  for (guint i = 0; i < n; i++)
    append_bytes (self, rec_line, " ", 1);
}

/* @more: another field follows on this record. */
static void
end_field (RosterCsvReader *self,
           guint            rec_line,
           gboolean         more)
{
  guint start = self->field_start;

  if (self->dropping_fields)
    return;

  if (self->field_bits & 0x80)
    g_array_append_val (self->non_ascii, self->n_offsets);
  self->field_bits = 0;
  buf_append (self->recbuf, "", 1);
  if (self->n_offsets == self->offsets_size)
    {
      self->offsets_size *= 2;
      self->offsets = g_renew (guint, self->offsets, self->offsets_size);
    }
  self->offsets[self->n_offsets++] = start;
  self->field_start = self->recbuf->len;
  self->field_truncated = FALSE;

  if (more && self->n_offsets >= self->max_fields)
    {
      self->dropping_fields = TRUE;
      roster_csv_add_record_problem (self, ROSTER_CSV_PROBLEM_TOO_MANY_FIELDS, rec_line,
                          g_strdup_printf (_("Line %u: the row has more than %u fields; the rest were ignored"),
                                           rec_line, self->max_fields));
    }
}

static inline void
count_line_end (RosterCsvReader *self,
                guint8           c)
{
  if (c == '\r')
    {
      self->line++;
      self->pending_cr = TRUE;
    }
  else if (self->pending_cr)
    self->pending_cr = FALSE;  /* the \n of \r\n */
  else
    self->line++;
  self->last_was_eol = TRUE;
}

static void
forget_quote (RosterCsvReader *self)
{
  self->quote.line = 0;
  g_byte_array_set_size (self->replay, 0);
}

/* The quoted field being read passes its first line end, @c. */
static void
mark_quote (RosterCsvReader *self,
            guint8           c)
{
  self->quote.line = self->line;
  self->quote.recbuf_len = self->recbuf->len;
  self->quote.n_problems = self->rec_problems != NULL ? self->rec_problems->len : 0;
  self->quote.field_truncated = self->field_truncated;
  self->quote.record_truncated = self->record_truncated;
  self->quote.nul_seen = self->nul_seen;
  self->quote.pending_cr = c == '\r';
  self->quote.overflow = FALSE;
  g_byte_array_set_size (self->replay, 0);
}

/* Keeps the text parsed since self->replay_pos while a marked quote is open. */
static void
keep_text (RosterCsvReader *self)
{
  gsize limit = self->max_record_size > G_MAXSIZE / REPLAY_RECORDS ? G_MAXSIZE
                                                                     : self->max_record_size * REPLAY_RECORDS;
  gsize n = self->text->len - self->replay_pos;

  if (self->quote.line == 0 || self->quote.overflow)
    return;

  if (n > limit - self->replay->len)
    {
      self->quote.overflow = TRUE;
      g_byte_array_unref (self->replay);
      self->replay = g_byte_array_new ();
      return;
    }
  g_byte_array_append (self->replay, self->text->data + self->replay_pos, n);
}

/* Ends the record at the line end where its open quote was marked, and makes the text after
 * that line end the next to parse. */
static void
cut_at_quote (RosterCsvReader *self)
{
  GByteArray *text = self->text;

  g_string_truncate (self->recbuf, self->quote.recbuf_len);
  if (self->rec_problems != NULL)
    g_ptr_array_set_size (self->rec_problems, self->quote.n_problems);
  self->field_truncated = self->quote.field_truncated;
  self->record_truncated = self->quote.record_truncated;
  self->nul_seen = self->quote.nul_seen;
  self->line = self->quote.line + 1;
  self->pending_cr = self->quote.pending_cr;
  self->last_was_eol = TRUE;

  self->text = self->replay;
  self->replay = text;
  self->text_pos = 0;
  self->replay_pos = 0;
}

static void
add_stray_quote_problem (RosterCsvReader *self,
                         guint            rec_line,
                         guint            last_line)
{
  if (self->quote.overflow)
    roster_csv_add_record_problem (self, ROSTER_CSV_PROBLEM_UNTERMINATED_QUOTE, rec_line,
                        g_strdup_printf (_("Line %u: the quote opened on line %u is never closed; lines %u–%u were read as one value"),
                                         rec_line, self->quote.line, self->quote.line, last_line));
  else
    roster_csv_add_record_problem (self, ROSTER_CSV_PROBLEM_UNTERMINATED_QUOTE, rec_line,
                        g_strdup_printf (_("Line %u: the quote opened on line %u is never closed; the row was cut at the end of that line, and the lines after it were read as rows of their own"),
                                         rec_line, self->quote.line));
}

/* A quoted field that ran past a line end closed, and text follows its closing quote (as in
 * `"NASA⏎…⏎…,"Films", …`) or its lines look like rows (quote_holds_rows): the quote was a
 * stray one that swallowed the lines up to the next quote.  Returns TRUE when the record was
 * cut there (the caller ends it). */
static gboolean
cut_stray_quote (RosterCsvReader *self,
                 guint            rec_line)
{
  keep_text (self);
  if (self->quote.overflow)
    {
      /* Reported; read on as it is. */
      add_stray_quote_problem (self, rec_line, self->line);
      forget_quote (self);
      return FALSE;
    }

  cut_at_quote (self);
  add_stray_quote_problem (self, rec_line, self->line);
  forget_quote (self);
  return TRUE;
}

/* Whether the lines of the marked quoted field after its first line end, up to @n_more bytes
 * of self->text past self->replay_pos, include one that looks like a row of its own: an email
 * and as many delimiters as the header has.  Notes and addresses over several lines rarely
 * have either; the rows a stray quote swallows up to a quote further on have both. */
static gboolean
quote_holds_rows (RosterCsvReader *self,
                  gsize            n_more)
{
  const guint8 *pieces[2] = { self->replay->data, self->text->data + self->replay_pos };
  const gsize lengths[2] = { self->replay->len, n_more };
  guint need = MAX (self->header_len, 2) - 1;
  guint n_delimiters = 0;
  gboolean has_at = FALSE;

  if (!self->has_header || self->quote.line == 0 || self->quote.overflow)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    for (gsize j = 0; j < lengths[i]; j++)
      {
        guint8 c = pieces[i][j];

        if (c == '\r' || c == '\n')
          {
            n_delimiters = 0;
            has_at = FALSE;
          }
        else if (c == '@')
          has_at = TRUE;
        else if (c == (guint8) self->delimiter)
          n_delimiters++;
        if (has_at && n_delimiters >= need)
          return TRUE;
      }

  return FALSE;
}

/* The end of the file came inside a quoted field. */
static void
end_open_quote (RosterCsvReader *self,
                guint            rec_line)
{
  guint last_line = self->last_was_eol ? self->line - 1 : self->line;

  if (self->quote.line != 0 && last_line > self->quote.line)
    {
      if (!self->quote.overflow)
        cut_at_quote (self);
      add_stray_quote_problem (self, rec_line, last_line);
      forget_quote (self);
      return;
    }

  /* Nothing after the quote's line to lose. */
  if (self->quote.line != 0)
    g_string_truncate (self->recbuf, self->quote.recbuf_len);
  roster_csv_add_record_problem (self, ROSTER_CSV_PROBLEM_UNTERMINATED_QUOTE, rec_line,
                      g_strdup_printf (_("Line %u: a quoted field is not closed before the end of the file"),
                                       rec_line));
}

typedef enum
{
  FIELD_GOES_ON,
  FIELD_ENDS,
  FIELD_ENDS_RECORD,
} FieldEnding;

/* After a field's text, a delimiter ends the field and a line end the record; any other byte
 * belongs to the field. */
static inline FieldEnding
end_field_on (RosterCsvReader *self,
              guint            rec_line,
              guint8           c,
              guint8           delim)
{
  if (c == delim)
    {
      end_field (self, rec_line, TRUE);
      return FIELD_ENDS;
    }
  if (c == '\r' || c == '\n')
    {
      end_field (self, rec_line, FALSE);
      count_line_end (self, c);
      return FIELD_ENDS_RECORD;
    }
  return FIELD_GOES_ON;
}

/* Parses one record into recbuf/offsets.  *got is FALSE at the end of the input. */
gboolean
roster_csv_parse_record (RosterCsvReader  *self,
                         guint            *rec_line,
                         gboolean         *got,
                         GCancellable     *cancellable,
                         GError          **error)
{
  ParseState state = ST_FIELD_START;
  FieldEnding ending;
  gboolean in_record = FALSE;
  guint spaces = 0;
  const guint8 delim = (guint8) self->delimiter;
  const gboolean space_rule = delim != ' ';
  const guint8 *stops = self->stops;

  *got = FALSE;
  forget_quote (self);

  for (;;)
    {
      const guint8 *p, *end;

      if (self->text_pos >= self->text->len)
        {
          gboolean more;

          keep_text (self);
          if (!roster_csv_fill_text (self, &more, cancellable, error))
            return FALSE;
          self->replay_pos = 0;
          if (!more)
            break;
        }

      p = self->text->data + self->text_pos;
      end = self->text->data + self->text->len;

      while (p < end)
        {
          guint8 c = *p;

          if (c == '\0')
            {
              p++;
              self->pending_cr = FALSE;
              self->last_was_eol = FALSE;
              if (!in_record)
                {
                  begin_record (self, rec_line);
                  in_record = TRUE;
                }
              self->nul_seen = TRUE;
              continue;
            }

          if (!in_record)
            {
              if (c == '\r' || c == '\n')
                {
                  /* A blank line, or the \n of a record that ended on \r. */
                  count_line_end (self, c);
                  p++;
                  continue;
                }
              begin_record (self, rec_line);
              in_record = TRUE;
            }

          switch (state)
            {
            case ST_FIELD_START:
              if ((ending = end_field_on (self, *rec_line, c, delim)) != FIELD_GOES_ON)
                {
                  p++;
                  if (ending == FIELD_ENDS_RECORD)
                    goto record_done;
                }
              else if (c == '"')
                {
                  forget_quote (self);
                  state = ST_QUOTED;
                  p++;
                }
              else if (c == ' ' && space_rule)
                {
                  /* ` "quoted"` after a delimiter: spreadsheets and people write it. */
                  state = ST_LEADING_SPACE;
                  spaces = 1;
                  p++;
                }
              else
                state = ST_UNQUOTED;
              self->pending_cr = FALSE;
              self->last_was_eol = FALSE;
              break;

            case ST_LEADING_SPACE:
              if (c == ' ')
                {
                  spaces++;
                  p++;
                }
              else if (c == '"')
                {
                  forget_quote (self);
                  state = ST_QUOTED;
                  p++;
                }
              else
                {
                  append_spaces (self, *rec_line, spaces);
                  state = ST_UNQUOTED;
                }
              self->pending_cr = FALSE;
              break;

            case ST_UNQUOTED:
              {
                const guint8 *run = p;
                guint8 bits = 0;

                while (p < end && !(stops[*p] & STOP_UNQUOTED))
                  bits |= *p++;
                self->field_bits |= bits;
                append_bytes (self, *rec_line, (const char *) run, p - run);
                self->pending_cr = FALSE;
                self->last_was_eol = FALSE;
                if (p == end || *p == '\0')
                  break;
                if (*p == delim)
                  {
                    end_field (self, *rec_line, TRUE);
                    state = ST_FIELD_START;
                    p++;
                    break;
                  }
                end_field (self, *rec_line, FALSE);
                count_line_end (self, *p);
                p++;
                goto record_done;
              }

            case ST_QUOTED:
              {
                const guint8 *run = p;
                guint8 bits = 0;

                while (p < end && !(stops[*p] & STOP_QUOTED))
                  bits |= *p++;
                self->field_bits |= bits;
                if (p > run)
                  {
                    append_bytes (self, *rec_line, (const char *) run, p - run);
                    self->pending_cr = FALSE;
                    self->last_was_eol = FALSE;
                  }
                if (p == end || *p == '\0')
                  break;
                if (*p == '"')
                  {
                    state = ST_QUOTE_IN_QUOTED;
                    self->pending_cr = FALSE;
                    self->last_was_eol = FALSE;
                  }
                else
                  {
                    gboolean first = self->quote.line == 0;

                    /* Line ends inside quotes are data, kept as written. */
                    if (first)
                      mark_quote (self, *p);
                    append_bytes (self, *rec_line, (const char *) p, 1);
                    count_line_end (self, *p);
                    if (first)
                      self->replay_pos = p + 1 - self->text->data;
                  }
                p++;
                break;
              }

            case ST_QUOTE_IN_QUOTED:
              if (c == '"')
                {
                  append_bytes (self, *rec_line, "\"", 1);
                  state = ST_QUOTED;
                  p++;
                }
              else if (self->quote.line != 0 && c != delim && c != '\r' && c != '\n' &&
                       !(c == ' ' && space_rule))
                {
                  if (cut_stray_quote (self, *rec_line))
                    goto record_cut;
                  state = ST_UNQUOTED;
                }
              else if (self->quote.line != 0 &&
                       quote_holds_rows (self, p - (self->text->data + self->replay_pos)) &&
                       cut_stray_quote (self, *rec_line))
                goto record_cut;
              else if ((ending = end_field_on (self, *rec_line, c, delim)) != FIELD_GOES_ON)
                {
                  state = ST_FIELD_START;
                  p++;
                  if (ending == FIELD_ENDS_RECORD)
                    goto record_done;
                }
              else if (c == ' ' && space_rule)
                {
                  state = ST_AFTER_QUOTED;
                  spaces = 1;
                  p++;
                }
              else
                state = ST_UNQUOTED;  /* "abc"def reads as abcdef, like Python's csv */
              self->pending_cr = FALSE;
              self->last_was_eol = FALSE;
              break;

            case ST_AFTER_QUOTED:
              if (c == ' ')
                {
                  spaces++;
                  p++;
                }
              else if ((ending = end_field_on (self, *rec_line, c, delim)) != FIELD_GOES_ON)
                {
                  state = ST_FIELD_START;
                  p++;
                  if (ending == FIELD_ENDS_RECORD)
                    goto record_done;
                }
              else
                {
                  if (self->quote.line != 0 && cut_stray_quote (self, *rec_line))
                    goto record_cut;
                  append_spaces (self, *rec_line, spaces);
                  state = ST_UNQUOTED;
                }
              self->pending_cr = FALSE;
              break;

            default:
              g_assert_not_reached ();
            }
        }

      self->text_pos = p - self->text->data;
      continue;

    record_done:
      self->text_pos = p - self->text->data;
      *got = TRUE;
      return TRUE;

    record_cut:
      end_field (self, *rec_line, FALSE);
      *got = TRUE;
      return TRUE;
    }

  /* End of input. */
  if (!in_record)
    return TRUE;

  switch (state)
    {
    case ST_QUOTED:
      end_open_quote (self, *rec_line);
      break;
    case ST_QUOTE_IN_QUOTED:
      /* Closed by the very last quote of the file, after rows it swallowed. */
      if (quote_holds_rows (self, 0))
        end_open_quote (self, *rec_line);
      break;
    case ST_LEADING_SPACE:
      append_spaces (self, *rec_line, spaces);
      break;
    case ST_FIELD_START:
    case ST_UNQUOTED:
    case ST_AFTER_QUOTED:
    default:
      break;
    }
  end_field (self, *rec_line, FALSE);
  *got = TRUE;

  return TRUE;
}

gboolean
roster_csv_field_is_blank (const char *field)
{
  for (const char *p = field; *p != '\0'; p++)
    if (*p != ' ' && *p != '\t')
      return FALSE;

  return TRUE;
}

