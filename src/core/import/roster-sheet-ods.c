/* SPDX-License-Identifier: GPL-3.0-or-later */

/* ODS: the tables of content.xml and the cells of their rows, with the repeats that
 * LibreOffice writes for runs of equal cells and rows (a row's trailing empty cells and a
 * sheet's trailing empty rows are skipped, never allocated). */

#define G_LOG_DOMAIN "roster-sheet-reader"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "roster-sheet-reader-private.h"

#define CONTENT "content.xml"

static guint
repeat_count (xmlTextReaderPtr  xml,
              const char       *attribute)
{
  g_autofree char *value = roster_sheet_attribute (xml, attribute);
  guint64 n = value != NULL ? g_ascii_strtoull (value, NULL, 10) : 1;

  return (guint) CLAMP (n, 1, G_MAXUINT / 4);
}

/* The table names, in order; the tables themselves are skipped. */
gboolean
roster_sheet_ods_open (RosterSheetReader  *self,
                       GError            **error)
{
  g_autoptr(RosterSheetPart) part = roster_sheet_part_open (self, CONTENT, error);
  gboolean more = TRUE;

  if (part == NULL)
    return FALSE;
  while (more)
    {
      xmlTextReaderPtr xml = roster_sheet_part_xml (part);

      if (!roster_sheet_part_read (part, &more, error))
        return FALSE;
      if (more && roster_sheet_is_element (xml, "table") && self->names->len < ROSTER_SHEET_MAX_SHEETS)
        {
          char *name = roster_sheet_attribute (xml, "name");

          g_ptr_array_add (self->names, name != NULL ? name : g_strdup (""));
          if (!roster_sheet_part_skip (part, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Opens content.xml again and stops inside the selected table. */
gboolean
roster_sheet_ods_start (RosterSheetReader  *self,
                        GError            **error)
{
  gboolean more = TRUE;
  guint index = 0;

  self->part = roster_sheet_part_open (self, CONTENT, error);
  if (self->part == NULL)
    return FALSE;
  while (more)
    {
      xmlTextReaderPtr xml = roster_sheet_part_xml (self->part);

      if (!roster_sheet_part_read (self->part, &more, error))
        return FALSE;
      if (more && roster_sheet_is_element (xml, "table"))
        {
          if (index++ == self->selected)
            {
              self->table_depth = xmlTextReaderDepth (xml);
              if (xmlTextReaderIsEmptyElement (xml))
                self->done = TRUE;
              return TRUE;
            }
          if (!roster_sheet_part_skip (self->part, error))
            return FALSE;
        }
    }

  roster_sheet_set_damaged (error, NULL);
  return FALSE;
}

/* The text of a cell's paragraphs, one line each; spaces (<text:s text:c="3"/>), tabs and
 * line breaks as written; comments (office:annotation) left out. */
static gboolean
cell_paragraphs (RosterSheetPart  *part,
                 GString          *out,
                 GError          **error)
{
  xmlTextReaderPtr xml = roster_sheet_part_xml (part);
  int depth = xmlTextReaderDepth (xml);
  gboolean more = TRUE;
  guint n_paragraphs = 0;

  if (xmlTextReaderIsEmptyElement (xml))
    return TRUE;

  while (more)
    {
      int type;

      if (!roster_sheet_part_read (part, &more, error))
        return FALSE;
      if (!more)
        break;
      type = xmlTextReaderNodeType (xml);
      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (xml) == depth)
        return TRUE;
      if (out->len >= ROSTER_SHEET_MAX_CELL_BYTES)
        continue;
      if (roster_sheet_is_element (xml, "annotation"))
        {
          if (!roster_sheet_part_skip (part, error))
            return FALSE;
        }
      else if (roster_sheet_is_element (xml, "p") || roster_sheet_is_element (xml, "h"))
        {
          if (n_paragraphs++ > 0)
            g_string_append_c (out, '\n');
        }
      else if (roster_sheet_is_element (xml, "s"))
        {
          guint n = MIN (repeat_count (xml, "c"), ROSTER_SHEET_MAX_CELL_BYTES - out->len);

          for (guint i = 0; i < n; i++)
            g_string_append_c (out, ' ');
        }
      else if (roster_sheet_is_element (xml, "tab"))
        g_string_append_c (out, '\t');
      else if (roster_sheet_is_element (xml, "line-break"))
        g_string_append_c (out, '\n');
      else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
               type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE)
        {
          const char *value = (const char *) xmlTextReaderConstValue (xml);

          g_string_append (out, value != NULL ? value : "");
        }
    }

  roster_sheet_set_damaged (error, NULL);
  return FALSE;
}

/* What the cell shows: its paragraphs, except that a date is written as its ISO value and a
 * number whose text is in exponent form (or missing) is written from its value. */
static char *
cell_text (const char *type,
           char       *value,
           char       *date,
           const char *boolean,
           GString    *shown)
{
  if (g_strcmp0 (type, "date") == 0 && date != NULL)
    {
      char *t = strchr (date, 'T');

      if (t != NULL && g_str_has_prefix (t, "T00:00:00"))
        *t = '\0';
      else if (t != NULL)
        *t = ' ';
      return g_strdup (date);
    }
  if (g_strcmp0 (type, "boolean") == 0)
    return g_strdup (g_strcmp0 (boolean, "true") == 0 ? "TRUE" : "FALSE");
  if (g_strcmp0 (type, "float") == 0 && value != NULL &&
      (shown->len == 0 || strpbrk (shown->str, "Ee") != NULL))
    return roster_sheet_format_number (value, 0, NULL, FALSE);

  return g_strndup (shown->str, shown->len);
}

static gboolean
append_cells (RosterSheetReader *self,
              GPtrArray   *cells,
              guint        empty_before,
              const char  *text,
              guint        count,
              GError     **error)
{
  if ((guint64) cells->len + empty_before + count > ROSTER_SHEET_MAX_COLUMNS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The sheet has more than %u columns"), ROSTER_SHEET_MAX_COLUMNS);
      return FALSE;
    }
  if (!roster_sheet_count_text (self, (gsize) (strlen (text) + 1) * count + empty_before, error))
    return FALSE;
  for (guint i = 0; i < empty_before; i++)
    g_ptr_array_add (cells, g_strdup (""));
  for (guint i = 0; i < count; i++)
    g_ptr_array_add (cells, g_strdup (text));

  return TRUE;
}

/* One <table:table-row>: its cells, empty runs kept only when a value follows them. */
static gboolean
read_row (RosterSheetReader  *self,
          GPtrArray          *cells,
          GError            **error)
{
  RosterSheetPart *part = self->part;
  xmlTextReaderPtr xml = roster_sheet_part_xml (part);
  int depth = xmlTextReaderDepth (xml);
  gboolean more = TRUE;
  guint64 empty = 0;

  if (xmlTextReaderIsEmptyElement (xml))
    return TRUE;

  while (more)
    {
      if (!roster_sheet_part_read (part, &more, error))
        return FALSE;
      if (!more)
        break;
      if (xmlTextReaderNodeType (xml) == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (xml) == depth)
        return TRUE;
      if (roster_sheet_is_element (xml, "table-cell") || roster_sheet_is_element (xml, "covered-table-cell"))
        {
          g_autoptr(GString) shown = g_string_new (NULL);
          g_autofree char *text = NULL;
          g_autofree char *type = roster_sheet_attribute (xml, "value-type");
          g_autofree char *value = roster_sheet_attribute (xml, "value");
          g_autofree char *date = roster_sheet_attribute (xml, "date-value");
          g_autofree char *boolean = roster_sheet_attribute (xml, "boolean-value");
          guint count = repeat_count (xml, "number-columns-repeated");
          gboolean covered = roster_sheet_is_element (xml, "covered-table-cell");

          /* A merged cell's covered ones read as empty, whatever LibreOffice kept in them. */
          if (!cell_paragraphs (part, shown, error))
            return FALSE;
          if (!covered)
            text = cell_text (type, value, date, boolean, shown);
          if (text == NULL || text[0] == '\0')
            {
              empty += count;
              continue;
            }
          if (empty > ROSTER_SHEET_MAX_COLUMNS || !append_cells (self, cells, (guint) empty, text, count, error))
            {
              if (empty > ROSTER_SHEET_MAX_COLUMNS)
                g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("The sheet has more than %u columns"), ROSTER_SHEET_MAX_COLUMNS);
              return FALSE;
            }
          empty = 0;
        }
    }

  roster_sheet_set_damaged (error, NULL);
  return FALSE;
}

gboolean
roster_sheet_ods_next_row (RosterSheetReader  *self,
                           GPtrArray          *cells,
                           gboolean           *got,
                           GError            **error)
{
  RosterSheetPart *part = self->part;
  xmlTextReaderPtr xml = roster_sheet_part_xml (part);
  gboolean more = !self->done;

  *got = FALSE;
  if (self->repeat_left > 0)
    {
      self->repeat_left--;
      self->row++;
      if (!roster_sheet_count_text (self, self->row_bytes_repeated, error))
        return FALSE;
      for (guint i = 0; i < self->repeat_cells->len; i++)
        g_ptr_array_add (cells, g_strdup (g_ptr_array_index (self->repeat_cells, i)));
      *got = TRUE;
      return TRUE;
    }

  while (more)
    {
      guint count;

      if (!roster_sheet_part_read (part, &more, error))
        return FALSE;
      if (!more)
        break;
      if (xmlTextReaderNodeType (xml) == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (xml) == self->table_depth)
        break;
      if (!roster_sheet_is_element (xml, "table-row"))
        continue;

      count = repeat_count (xml, "number-rows-repeated");
      if (!read_row (self, cells, error))
        return FALSE;
      if (cells->len == 0)
        {
          /* Empty rows, however many, cost nothing. */
          self->row = (guint) MIN ((guint64) self->row + count, (guint64) ROSTER_SHEET_MAX_ROWS + 1);
          continue;
        }

      self->row++;
      if (count > 1)
        {
          if ((guint64) self->row + count - 1 > ROSTER_SHEET_MAX_ROWS)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The sheet has more than %u rows"), ROSTER_SHEET_MAX_ROWS);
              return FALSE;
            }
          g_clear_pointer (&self->repeat_cells, g_ptr_array_unref);
          self->repeat_cells = g_ptr_array_new_with_free_func (g_free);
          for (guint i = 0; i < cells->len; i++)
            g_ptr_array_add (self->repeat_cells, g_strdup (g_ptr_array_index (cells, i)));
          self->repeat_left = count - 1;
          self->row_bytes_repeated = self->row_bytes;
        }
      *got = TRUE;
      return TRUE;
    }

  return TRUE;
}
