/* SPDX-License-Identifier: GPL-3.0-or-later */

/* XLSX: the workbook's sheets and their parts, the shared strings, the cell styles' number
 * formats, and the cells of a sheet's rows. */

#define G_LOG_DOMAIN "roster-sheet-reader"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "roster-sheet-reader-private.h"

/* A part's path from a relationship's target, which is relative to xl/ unless absolute. */
static char *
resolve_target (const char *target)
{
  if (target[0] == '/')
    return g_strdup (target + 1);
  return g_strconcat ("xl/", target, NULL);
}

static gboolean
has_member (RosterSheetReader *self,
            const char        *path)
{
  GsfInput *member = roster_sheet_find_member (self, path);
  gboolean found = member != NULL;

  /* No g_autoptr: libgsf 1.14.50 declares no cleanup for its types. */
  g_clear_object (&member);
  return found;
}

/* Relationship ids → part paths; and the shared strings' and styles' parts. */
static gboolean
read_relationships (RosterSheetReader  *self,
                    GHashTable         *targets,
                    char              **shared_path,
                    char              **styles_path,
                    GError            **error)
{
  g_autoptr(RosterSheetPart) part = roster_sheet_part_open (self, "xl/_rels/workbook.xml.rels", error);
  gboolean more = TRUE;

  if (part == NULL)
    return FALSE;
  while (more)
    {
      xmlTextReaderPtr xml = roster_sheet_part_xml (part);

      if (!roster_sheet_part_read (part, &more, error))
        return FALSE;
      if (more && roster_sheet_is_element (xml, "Relationship"))
        {
          g_autofree char *id = roster_sheet_attribute (xml, "Id");
          g_autofree char *target = roster_sheet_attribute (xml, "Target");
          g_autofree char *type = roster_sheet_attribute (xml, "Type");

          if (id == NULL || target == NULL || g_hash_table_size (targets) > 4 * ROSTER_SHEET_MAX_SHEETS)
            continue;
          if (type != NULL && g_str_has_suffix (type, "/sharedStrings"))
            {
              g_free (*shared_path);
              *shared_path = resolve_target (target);
            }
          else if (type != NULL && g_str_has_suffix (type, "/styles"))
            {
              g_free (*styles_path);
              *styles_path = resolve_target (target);
            }
          g_hash_table_replace (targets, g_steal_pointer (&id), resolve_target (target));
        }
    }

  return TRUE;
}

static gboolean
read_workbook (RosterSheetReader  *self,
               GHashTable         *targets,
               GError            **error)
{
  g_autoptr(RosterSheetPart) part = roster_sheet_part_open (self, "xl/workbook.xml", error);
  gboolean more = TRUE;

  if (part == NULL)
    return FALSE;
  while (more)
    {
      xmlTextReaderPtr xml = roster_sheet_part_xml (part);

      if (!roster_sheet_part_read (part, &more, error))
        return FALSE;
      if (!more)
        break;
      if (roster_sheet_is_element (xml, "workbookPr"))
        {
          g_autofree char *date1904 = roster_sheet_attribute (xml, "date1904");

          self->date1904 = g_strcmp0 (date1904, "1") == 0 || g_strcmp0 (date1904, "true") == 0;
        }
      else if (roster_sheet_is_element (xml, "sheet") && self->names->len < ROSTER_SHEET_MAX_SHEETS)
        {
          g_autofree char *name = roster_sheet_attribute (xml, "name");
          g_autofree char *id = roster_sheet_attribute (xml, "id");
          const char *target = id != NULL ? g_hash_table_lookup (targets, id) : NULL;

          if (name == NULL || target == NULL)
            continue;
          g_ptr_array_add (self->names, g_steal_pointer (&name));
          g_ptr_array_add (self->targets, g_strdup (target));
        }
    }

  return TRUE;
}

/* Each <si>: the text of its runs, without the phonetic hints (<rPh>). */
static gboolean
read_shared_strings (RosterSheetReader  *self,
                     const char         *path,
                     GError            **error)
{
  if (!has_member (self, path))
    return TRUE;
  return roster_sheet_rows_read_shared (self, path, error);
}

/* The number format of each cell style (<cellXfs>), and the custom format codes. */
static gboolean
read_styles (RosterSheetReader  *self,
             const char         *path,
             GError            **error)
{
  g_autoptr(RosterSheetPart) part = NULL;
  gboolean more = TRUE, in_cell_xfs = FALSE;

  if (!has_member (self, path))
    return TRUE;
  part = roster_sheet_part_open (self, path, error);
  if (part == NULL)
    return FALSE;
  while (more)
    {
      xmlTextReaderPtr xml = roster_sheet_part_xml (part);

      if (!roster_sheet_part_read (part, &more, error))
        return FALSE;
      if (!more)
        break;
      if (roster_sheet_is_element (xml, "cellXfs"))
        in_cell_xfs = !xmlTextReaderIsEmptyElement (xml);
      else if (roster_sheet_is_end (xml, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (roster_sheet_is_element (xml, "numFmt") && g_hash_table_size (self->custom_formats) < 4096)
        {
          g_autofree char *id = roster_sheet_attribute (xml, "numFmtId");
          g_autofree char *code = roster_sheet_attribute (xml, "formatCode");

          if (id != NULL && code != NULL)
            g_hash_table_replace (self->custom_formats, GUINT_TO_POINTER ((guint) strtoul (id, NULL, 10)),
                                  g_steal_pointer (&code));
        }
      else if (in_cell_xfs && roster_sheet_is_element (xml, "xf") && self->xf_formats->len < 65536)
        {
          g_autofree char *id = roster_sheet_attribute (xml, "numFmtId");
          guint format_id = id != NULL ? (guint) strtoul (id, NULL, 10) : 0;

          g_array_append_val (self->xf_formats, format_id);
        }
    }

  return TRUE;
}

gboolean
roster_sheet_xlsx_open (RosterSheetReader  *self,
                        GError            **error)
{
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *shared_path = g_strdup ("xl/sharedStrings.xml");
  g_autofree char *styles_path = g_strdup ("xl/styles.xml");

  if (!has_member (self, "xl/workbook.xml"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The file is a zip archive but not a spreadsheet Roster can read (XLSX or ODS)"));
      return FALSE;
    }

  return read_relationships (self, targets, &shared_path, &styles_path, error) &&
         read_workbook (self, targets, error) &&
         read_shared_strings (self, shared_path, error) &&
         read_styles (self, styles_path, error);
}

/* "C12" → 2 (0-based); G_MAXUINT for a reference without letters. */
guint
roster_sheet_xlsx_column_of (const char *ref)
{
  guint column = 0;
  const char *p = ref;

  for (; g_ascii_isalpha (*p) && column <= ROSTER_SHEET_MAX_COLUMNS; p++)
    column = column * 26 + (g_ascii_toupper (*p) - 'A' + 1);

  return p == ref ? G_MAXUINT : column - 1;
}

/* Digits without a leading zero, fewer than 16 (or "0"): what General shows as stored. */
static gboolean
is_plain_integer (GString *value)
{
  if (value->len == 0 || value->len > 15 || (value->str[0] == '0' && value->len > 1))
    return FALSE;
  for (gsize i = 0; i < value->len; i++)
    if (!g_ascii_isdigit (value->str[i]))
      return FALSE;

  return TRUE;
}

/* Appends the text of a cell with a value to @out, from its type (t), style (s) and value
 * (<v> or an inline string). */
void
roster_sheet_xlsx_cell_text (RosterSheetReader *self,
                             const char        *type,
                             const char        *style,
                             GString           *value,
                             GString           *out)
{
  if (g_strcmp0 (type, "s") == 0)
    {
      char *end = NULL;
      guint64 index = g_ascii_strtoull (value->str, &end, 10);

      if (end != value->str && index < self->shared->len)
        {
          gsize start = g_array_index (self->shared, gsize, index);
          gsize stop = index + 1 < self->shared->len ? g_array_index (self->shared, gsize, index + 1)
                                                     : self->shared_text->len;

          g_string_append_len (out, self->shared_text->str + start, stop - start - 1);
        }
      return;
    }
  if (g_strcmp0 (type, "b") == 0)
    {
      g_string_append (out, g_strcmp0 (g_strstrip (value->str), "1") == 0 ? "TRUE" : "FALSE");
      return;
    }
  if (type == NULL || g_strcmp0 (type, "n") == 0)
    {
      guint64 xf = style != NULL ? g_ascii_strtoull (style, NULL, 10) : 0;
      guint format_id = xf < self->xf_formats->len ? g_array_index (self->xf_formats, guint, xf) : 0;
      g_autofree char *text = NULL;

      /* A whole number in General, such as a phone, reads as stored: no strtod and no copy. */
      if (format_id == 0 && !g_hash_table_contains (self->custom_formats, GUINT_TO_POINTER (0)) &&
          is_plain_integer (value))
        {
          g_string_append_len (out, value->str, value->len);
          return;
        }
      text = roster_sheet_format_number (value->str, format_id,
                                                          g_hash_table_lookup (self->custom_formats, GUINT_TO_POINTER (format_id)),
                                                          self->date1904);

      g_string_append (out, text);
      return;
    }
  if (g_strcmp0 (type, "d") == 0 && g_str_has_suffix (value->str, "T00:00:00"))
    g_string_truncate (value, value->len - strlen ("T00:00:00"));

  /* inlineStr, str (a formula's text), e (an error such as #N/A), d (ISO date) */
  g_string_append_len (out, value->str, value->len);
}
