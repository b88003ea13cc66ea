/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-paste"

#include "config.h"

#include <string.h>

#include "roster-contact.h"
#include "roster-paste.h"

/* ---- Writing ---------------------------------------------------------------------------------- */

static void
append_field (GString    *out,
              const char *value,
              gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_record (GString    *out,
               GPtrArray  *fields)
{
  for (guint i = 0; i < fields->len; i++)
    append_field (out, g_ptr_array_index (fields, i), i == 0);
  g_string_append (out, "\r\n");
}

/* ---- Tab-separated ---------------------------------------------------------------------------- */

/* Records of tab-separated text as spreadsheets put it on the clipboard: a cell with a tab, a
 * newline or a quote is quoted, its quotes doubled.  Blank lines are dropped. */
static GPtrArray *
split_tabs (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *record = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  const char *p = text;

  for (;;)
    {
      gboolean end_of_record;

      if (*p == '"')
        {
          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                p++;
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              g_string_append_c (cell, *p);
            }
        }
      while (*p != '\0' && *p != '\t' && *p != '\n' && *p != '\r')
        g_string_append_c (cell, *p++);

      g_ptr_array_add (record, g_strdup (cell->str));
      g_string_truncate (cell, 0);
      end_of_record = *p != '\t';
      if (*p == '\r' && p[1] == '\n')
        p++;
      if (end_of_record)
        {
          gboolean blank = record->len == 1 && *(char *) g_ptr_array_index (record, 0) == '\0';

          if (!blank)
            g_ptr_array_add (records, record);
          else
            g_ptr_array_unref (record);
          record = g_ptr_array_new_with_free_func (g_free);
        }
      if (*p == '\0')
        break;
      p++;
    }

  g_ptr_array_unref (record);
  g_string_free (cell, TRUE);

  return records;
}

static gboolean
looks_like_email (const char *cell)
{
  g_autofree char *trimmed = roster_contact_strip_invisible (cell);

  return roster_contact_email_is_valid (trimmed);
}

static gboolean
looks_like_phone (const char *cell)
{
  char cc[ROSTER_CONTACT_COUNTRY_CODE_SIZE];
  char digits[ROSTER_CONTACT_PHONE_SIZE];

  return cell[0] != '\0' && roster_contact_split_phone (cell, cc, digits) && strlen (digits) >= 6;
}

/* Names for the columns of a paste without a header, from its first row: the email column,
 * a phone column, and the text beside them as a full name (one column) or first and last
 * name (two), so that the mapping guess finds them. */
static GPtrArray *
make_header (GPtrArray *first)
{
  GPtrArray *header = g_ptr_array_new_with_free_func (g_free);
  guint n_text = 0, n_text_seen = 0;

  for (guint i = 0; i < first->len; i++)
    {
      const char *cell = g_ptr_array_index (first, i);

      if (!looks_like_email (cell) && !looks_like_phone (cell) && cell[0] != '\0')
        n_text++;
    }

  for (guint i = 0; i < first->len; i++)
    {
      const char *cell = g_ptr_array_index (first, i);

      if (looks_like_email (cell))
        g_ptr_array_add (header, g_strdup ("Email"));
      else if (looks_like_phone (cell))
        g_ptr_array_add (header, g_strdup ("Phone"));
      else if (cell[0] != '\0' && n_text == 1)
        g_ptr_array_add (header, g_strdup ("Name"));
      else if (cell[0] != '\0' && n_text == 2)
        g_ptr_array_add (header, g_strdup (n_text_seen++ == 0 ? "First Name" : "Last Name"));
      else
        g_ptr_array_add (header, g_strdup_printf ("Column %u", i + 1));
    }

  return header;
}

/* A first row is a header unless one of its cells is an email address: a header names
 * columns, it holds no addresses. */
static void
tabs_to_csv (GString    *out,
             const char *text)
{
  g_autoptr(GPtrArray) records = split_tabs (text);
  gboolean has_header = TRUE;

  if (records->len == 0)
    return;

  {
    GPtrArray *first = g_ptr_array_index (records, 0);

    for (guint i = 0; i < first->len; i++)
      if (looks_like_email (g_ptr_array_index (first, i)))
        has_header = FALSE;
    if (!has_header)
      {
        g_autoptr(GPtrArray) header = make_header (first);
        append_record (out, header);
      }
  }

  for (guint i = 0; i < records->len; i++)
    append_record (out, g_ptr_array_index (records, i));
}

/* ---- A list of emails ------------------------------------------------------------------------- */

/* Pieces of a list separated by commas, semicolons and newlines outside quotes. */
static GPtrArray *
split_list (const char *text)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func (g_free);
  GString *piece = g_string_new (NULL);
  gboolean quoted = FALSE, angle = FALSE;

  for (const char *p = text; ; p++)
    {
      if (*p == '\0' || (!quoted && !angle && (*p == ',' || *p == ';' || *p == '\n' || *p == '\r')))
        {
          g_autofree char *trimmed = roster_contact_strip_invisible (piece->str);

          if (trimmed[0] != '\0')
            g_ptr_array_add (pieces, g_steal_pointer (&trimmed));
          g_string_truncate (piece, 0);
          quoted = angle = FALSE;
          if (*p == '\0')
            break;
          continue;
        }
      if (*p == '"')
        quoted = !quoted;
      else if (*p == '<' && !quoted)
        angle = TRUE;
      else if (*p == '>' && !quoted)
        angle = FALSE;
      g_string_append_c (piece, *p);
    }
  g_string_free (piece, TRUE);

  return pieces;
}

typedef struct
{
  char *email;
  char *name;
} Entry;

static void
add_entry (GArray     *entries,
           const char *email,
           const char *name,
           gsize       name_len)
{
  g_autofree char *raw_name = g_strndup (name != NULL ? name : "", name_len);
  Entry entry;

  g_strstrip (raw_name);
  if (raw_name[0] == '"' && raw_name[strlen (raw_name) - 1] == '"' && strlen (raw_name) >= 2)
    {
      raw_name[strlen (raw_name) - 1] = '\0';
      memmove (raw_name, raw_name + 1, strlen (raw_name));
    }
  entry.email = g_strstrip (g_strdup (email));
  entry.name = g_strstrip (g_steal_pointer (&raw_name));
  g_array_append_val (entries, entry);
}

/* One piece: "Name <email>", "Name email", or addresses separated by white space. */
static void
parse_piece (GArray     *entries,
             const char *piece,
             gboolean    first)
{
  const char *open = strchr (piece, '<');
  const char *close = open != NULL ? strchr (open, '>') : NULL;
  g_auto(GStrv) words = NULL;
  guint n_at = 0;

  if (open != NULL && close != NULL)
    {
      g_autofree char *email = g_strndup (open + 1, close - open - 1);

      add_entry (entries, email, piece, open - piece);
      return;
    }

  words = g_strsplit_set (piece, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (strchr (words[i], '@') != NULL)
      n_at++;

  if (n_at == 0)
    {
      /* A first line without an address is a header such as "Email"; later ones are kept, for
       * the plan to say what is wrong with them. */
      if (!first)
        add_entry (entries, piece, NULL, 0);
    }
  else if (n_at == 1)
    {
      GString *name = g_string_new (NULL);
      const char *email = NULL;

      for (guint i = 0; words[i] != NULL; i++)
        if (strchr (words[i], '@') != NULL)
          email = words[i];
        else if (words[i][0] != '\0')
          g_string_append_printf (name, "%s%s", name->len > 0 ? " " : "", words[i]);
      add_entry (entries, email, name->str, name->len);
      g_string_free (name, TRUE);
    }
  else
    for (guint i = 0; words[i] != NULL; i++)
      if (words[i][0] != '\0')
        add_entry (entries, words[i], NULL, 0);
}

static void
list_to_csv (GString    *out,
             const char *text)
{
  g_autoptr(GPtrArray) pieces = split_list (text);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  gboolean names = FALSE;

  for (guint i = 0; i < pieces->len; i++)
    parse_piece (entries, g_ptr_array_index (pieces, i), i == 0);
  for (guint i = 0; i < entries->len; i++)
    names = names || g_array_index (entries, Entry, i).name[0] != '\0';

  if (entries->len == 0)
    return;
  g_string_append (out, names ? "\"Email\",\"Name\"\r\n" : "\"Email\"\r\n");
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      append_field (out, entry->email, TRUE);
      if (names)
        append_field (out, entry->name, FALSE);
      g_string_append (out, "\r\n");
      g_free (entry->email);
      g_free (entry->name);
    }
}

/* ---- Public ----------------------------------------------------------------------------------- */

/**
 * roster_paste_to_csv:
 * @text: the clipboard's text (invalid UTF-8 is replaced)
 *
 * Pasted text as a UTF-8 CSV file with a header row: tab-separated text when any line holds a
 * tab (its first row a header unless it holds an email address; else one is made up from what
 * the cells look like), otherwise a list of addresses ("Email" and, when any has one, "Name").
 * Line numbers in the reader's messages are those of this CSV, not of the paste.
 *
 * Returns: (transfer full): the CSV; empty when the paste holds nothing.
 */
GBytes *
roster_paste_to_csv (const char *text)
{
  g_autofree char *valid = NULL;
  const char *start;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  start = valid;
  if (g_str_has_prefix (start, "\xEF\xBB\xBF"))
    start += 3;

  out = g_string_new (NULL);
  if (strchr (start, '\t') != NULL)
    tabs_to_csv (out, start);
  else
    list_to_csv (out, start);

  return g_string_free_to_bytes (out);
}

/* A reader over roster_paste_to_csv (@text), for the same steps as a file. */
RosterCsvReader *
roster_paste_reader_new (const char *text)
{
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  csv = roster_paste_to_csv (text);
  stream = g_memory_input_stream_new_from_bytes (csv);

  return roster_csv_reader_new_for_stream (stream, NULL);
}
