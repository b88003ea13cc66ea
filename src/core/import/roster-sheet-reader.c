/* SPDX-License-Identifier: GPL-3.0-or-later */

/* RosterSheetReader: the object, the zip container, reading its parts as XML within caps, and
 * the rows of the chosen sheet. */

#define G_LOG_DOMAIN "roster-sheet-reader"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <gsf/gsf-infile-impl.h>

#include "roster-sheet-reader-private.h"

G_DEFINE_FINAL_TYPE (RosterSheetReader, roster_sheet_reader, G_TYPE_OBJECT)

struct _RosterSheetPart
{
  RosterSheetReader *reader;
  GsfInput          *member;
  xmlTextReaderPtr   xml;
  gsize              read;
  gboolean           too_big;
  char              *xml_error;
};

static void
roster_sheet_reader_finalize (GObject *object)
{
  RosterSheetReader *self = (RosterSheetReader *) object;

  g_clear_pointer (&self->part, roster_sheet_part_free);
  g_clear_pointer (&self->rows, roster_sheet_rows_free);
  g_clear_object (&self->zip);
  g_clear_object (&self->input);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->shared, g_array_unref);
  g_string_free (self->shared_text, TRUE);
  g_clear_pointer (&self->xf_formats, g_array_unref);
  g_clear_pointer (&self->custom_formats, g_hash_table_unref);
  g_clear_pointer (&self->repeat_cells, g_ptr_array_unref);
  g_string_free (self->cell_value, TRUE);

  G_OBJECT_CLASS (roster_sheet_reader_parent_class)->finalize (object);
}

static void
roster_sheet_reader_class_init (RosterSheetReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_sheet_reader_finalize;
}

static void
roster_sheet_reader_init (RosterSheetReader *self)
{
  self->max_bytes = ROSTER_SHEET_MAX_PART_BYTES;
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->targets = g_ptr_array_new_with_free_func (g_free);
  self->shared_text = g_string_new (NULL);
  self->shared = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->xf_formats = g_array_new (FALSE, TRUE, sizeof (guint));
  self->custom_formats = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->cell_value = g_string_new (NULL);
}

RosterSheetFormat
roster_sheet_sniff (const guint8 *data,
                    gsize         len)
{
  static const guint8 zip_magic[] = { 'P', 'K', 0x03, 0x04 };
  static const guint8 ole2_magic[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

  if (len >= sizeof zip_magic && memcmp (data, zip_magic, sizeof zip_magic) == 0)
    return ROSTER_SHEET_FORMAT_ZIP;
  if (len >= sizeof ole2_magic && memcmp (data, ole2_magic, sizeof ole2_magic) == 0)
    return ROSTER_SHEET_FORMAT_XLS;

  return ROSTER_SHEET_FORMAT_NONE;
}

void
roster_sheet_set_damaged (GError     **error,
                          const char  *detail)
{
  if (detail != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("The spreadsheet cannot be read: %s"), detail);
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("The spreadsheet cannot be read: it is damaged"));
}

void
roster_sheet_set_too_large (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The spreadsheet is too large to read: a part of it unpacks to more than Roster allows"));
}

/* Counts a cell's text before it is kept: a few bytes of XML can name a long shared string
 * many times, so the caps are on what comes out, per row and in all. */
gboolean
roster_sheet_count_text (RosterSheetReader  *self,
                         gsize               len,
                         GError            **error)
{
  /* What a kept cell costs: its text, its pointer and the allocator's share. */
  self->row_bytes += len + 2 * sizeof (gpointer);
  self->text_bytes += len + 2 * sizeof (gpointer);
  if (self->row_bytes > ROSTER_SHEET_MAX_ROW_BYTES || self->text_bytes > self->max_bytes)
    {
      roster_sheet_set_too_large (error);
      return FALSE;
    }

  return TRUE;
}

/* ---- Parts ------------------------------------------------------------------------------------- */

static int
part_read_cb (void *context,
              char *buffer,
              int   len)
{
  RosterSheetPart *part = context;
  RosterSheetReader *reader = part->reader;
  gsf_off_t left = gsf_input_remaining (part->member);
  gsize n = MIN ((gsize) len, (gsize) MAX (left, 0));

  if (n == 0)
    return 0;
  /* A zip bomb's declared sizes may lie: count what really comes out. */
  if (part->read + n > reader->max_bytes || reader->total_read + n > 2 * reader->max_bytes)
    {
      part->too_big = TRUE;
      return -1;
    }
  if (gsf_input_read (part->member, n, (guint8 *) buffer) == NULL)
    return -1;
  part->read += n;
  reader->total_read += n;

  return (int) n;
}

static void
part_error_cb (void           *context,
               const xmlError *xml_error)
{
  RosterSheetPart *part = context;

  if (part->xml_error == NULL && xml_error != NULL && xml_error->message != NULL)
    part->xml_error = g_strchomp (g_strdup (xml_error->message));
}

/* The member at @path ("xl/workbook.xml"), or NULL.  The class's own lookup is called, since
 * gsf_infile_child_by_name() logs a warning for a damaged entry, which a hostile file must
 * not be able to cause. */
GsfInput *
roster_sheet_find_member (RosterSheetReader *self,
                          const char        *path)
{
  g_auto(GStrv) names = g_strsplit (path, "/", 16);
  GsfInfile *dir = g_object_ref (self->zip);
  GsfInput *member = NULL;

  for (guint n = 0; names[n] != NULL && dir != NULL; n++)
    {
      int count = gsf_infile_num_children (dir);
      GsfInput *child = NULL;

      for (int i = 0; i < count && child == NULL; i++)
        if (g_strcmp0 (gsf_infile_name_by_index (dir, i), names[n]) == 0)
          {
            g_autoptr(GError) error = NULL;

            child = GSF_INFILE_CLASS (G_OBJECT_GET_CLASS (dir))->child_by_index (dir, i, &error);
          }
      g_object_unref (dir);
      dir = NULL;
      if (child == NULL)
        break;
      if (names[n + 1] == NULL)
        member = child;
      else if (GSF_IS_INFILE (child))
        dir = GSF_INFILE (child);
      else
        g_object_unref (child);
    }
  g_clear_object (&dir);

  return member;
}

/* Opens a member for streaming XML: no network, no DTD loading, no entity substitution. */
RosterSheetPart *
roster_sheet_part_open (RosterSheetReader  *self,
                        const char         *path,
                        GError            **error)
{
  g_autoptr(RosterSheetPart) part = g_new0 (RosterSheetPart, 1);

  part->reader = self;
  part->member = roster_sheet_find_member (self, path);
  if (part->member == NULL)
    {
      roster_sheet_set_damaged (error, NULL);
      return NULL;
    }
  if (gsf_input_size (part->member) > (gsf_off_t) self->max_bytes)
    {
      roster_sheet_set_too_large (error);
      return NULL;
    }

  part->xml = xmlReaderForIO (part_read_cb, NULL, part, path, NULL, XML_PARSE_NONET);
  if (part->xml == NULL)
    {
      roster_sheet_set_damaged (error, NULL);
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (part->xml, (xmlStructuredErrorFunc) part_error_cb, part);

  return g_steal_pointer (&part);
}

void
roster_sheet_part_free (RosterSheetPart *part)
{
  if (part == NULL)
    return;

  g_clear_pointer (&part->xml, xmlFreeTextReader);
  g_clear_object (&part->member);
  g_free (part->xml_error);
  g_free (part);
}

xmlTextReaderPtr
roster_sheet_part_xml (RosterSheetPart *part)
{
  return part->xml;
}

static gboolean
part_failed (RosterSheetPart  *part,
             GError          **error)
{
  if (part->too_big)
    roster_sheet_set_too_large (error);
  else
    roster_sheet_set_damaged (error, part->xml_error);

  return FALSE;
}

/* Steps to the next node; *more is FALSE at the end.  Entities have no place in a workbook:
 * a document type declaration or an entity reference ends the reading. */
gboolean
roster_sheet_part_read (RosterSheetPart  *part,
                        gboolean         *more,
                        GError          **error)
{
  int ret = xmlTextReaderRead (part->xml);
  int type;

  *more = ret == 1;
  if (ret < 0)
    return part_failed (part, error);
  if (ret == 0)
    return TRUE;

  type = xmlTextReaderNodeType (part->xml);
  if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE ||
      type == XML_READER_TYPE_ENTITY)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The spreadsheet cannot be read: it declares entities, which workbooks never do"));
      *more = FALSE;
      return FALSE;
    }

  return TRUE;
}

/* Skips the current element and what it holds. */
gboolean
roster_sheet_part_skip (RosterSheetPart  *part,
                        GError          **error)
{
  int depth = xmlTextReaderDepth (part->xml);
  gboolean more = TRUE;

  if (xmlTextReaderIsEmptyElement (part->xml))
    return TRUE;
  while (more)
    {
      if (!roster_sheet_part_read (part, &more, error))
        return FALSE;
      if (more && xmlTextReaderDepth (part->xml) == depth &&
          xmlTextReaderNodeType (part->xml) == XML_READER_TYPE_END_ELEMENT)
        return TRUE;
    }

  return part_failed (part, error);
}

/* Appends the text inside the current element (up to a cap) and stops on its end. */
gboolean
roster_sheet_part_text (RosterSheetPart  *part,
                        GString          *out,
                        GError          **error)
{
  int depth = xmlTextReaderDepth (part->xml);
  gboolean more = TRUE;

  if (xmlTextReaderIsEmptyElement (part->xml))
    return TRUE;
  while (more)
    {
      int type;

      if (!roster_sheet_part_read (part, &more, error))
        return FALSE;
      if (!more)
        break;
      type = xmlTextReaderNodeType (part->xml);
      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (part->xml) == depth)
        return TRUE;
      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
          type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
        {
          const char *value = (const char *) xmlTextReaderConstValue (part->xml);
          gsize len = value != NULL ? strlen (value) : 0;

          if (out->len + len > ROSTER_SHEET_MAX_CELL_BYTES)
            {
              const char *end = value;

              /* Cut on a character boundary. */
              while (*end != '\0' && out->len + (gsize) (g_utf8_next_char (end) - value) <= ROSTER_SHEET_MAX_CELL_BYTES)
                end = g_utf8_next_char (end);
              len = end - value;
            }
          g_string_append_len (out, value, len);
        }
    }

  return part_failed (part, error);
}

gboolean
roster_sheet_is_element (xmlTextReaderPtr  xml,
                         const char       *local_name)
{
  return xmlTextReaderNodeType (xml) == XML_READER_TYPE_ELEMENT &&
         g_strcmp0 ((const char *) xmlTextReaderConstLocalName (xml), local_name) == 0;
}

gboolean
roster_sheet_is_end (xmlTextReaderPtr  xml,
                     const char       *local_name)
{
  return xmlTextReaderNodeType (xml) == XML_READER_TYPE_END_ELEMENT &&
         g_strcmp0 ((const char *) xmlTextReaderConstLocalName (xml), local_name) == 0;
}

/* The value of the attribute with this local name, whatever its namespace prefix. */
char *
roster_sheet_attribute (xmlTextReaderPtr  xml,
                        const char       *local_name)
{
  char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (xml) != 1)
    return NULL;
  do
    {
      if (g_strcmp0 ((const char *) xmlTextReaderConstLocalName (xml), local_name) == 0)
        {
          value = g_strdup ((const char *) xmlTextReaderConstValue (xml));
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (xml) == 1);
  xmlTextReaderMoveToElement (xml);

  return value;
}

/* ---- The reader -------------------------------------------------------------------------------- */

/**
 * roster_sheet_reader_new:
 * @data: the whole file (at most %ROSTER_SHEET_MAX_FILE_SIZE bytes)
 *
 * Opens the workbook and lists its sheets; the first one is selected.
 */
RosterSheetReader *
roster_sheet_reader_new (GBytes  *data,
                         GError **error)
{
  g_autoptr(RosterSheetReader) self = NULL;
  GsfInput *mimetype;
  g_autoptr(GError) zip_error = NULL;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (data, &size);

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (roster_sheet_sniff (bytes, size) == ROSTER_SHEET_FORMAT_XLS)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This is a legacy Excel file (.xls), which Roster cannot read. Open it in your spreadsheet program and save it as XLSX or CSV."));
      return NULL;
    }
  if (size > ROSTER_SHEET_MAX_FILE_SIZE)
    {
      roster_sheet_set_too_large (error);
      return NULL;
    }

  self = g_object_new (ROSTER_TYPE_SHEET_READER, NULL);
  self->data = g_bytes_ref (data);
  self->input = gsf_input_memory_new (bytes, size, FALSE);
  self->zip = gsf_infile_zip_new (self->input, &zip_error);
  if (self->zip == NULL)
    {
      roster_sheet_set_damaged (error, NULL);
      return NULL;
    }

  mimetype = roster_sheet_find_member (self, "mimetype");
  if (mimetype != NULL)
    {
      guint8 buf[64] = { 0 };
      gsize n = MIN ((gsize) gsf_input_size (mimetype), sizeof buf - 1);

      self->is_ods = gsf_input_read (mimetype, n, buf) != NULL &&
                     g_str_has_prefix ((const char *) buf, "application/vnd.oasis.opendocument.spreadsheet");
      g_object_unref (mimetype);
    }

  if (self->is_ods ? !roster_sheet_ods_open (self, error) : !roster_sheet_xlsx_open (self, error))
    return NULL;
  if (self->names->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The spreadsheet has no sheets"));
      return NULL;
    }
  g_ptr_array_add (self->names, NULL);

  return g_steal_pointer (&self);
}

/* Caps the uncompressed bytes read from one part (and twice that from all), and the text of
 * all the rows; for tests and fuzzing, which need small caps to stay fast. */
void
roster_sheet_reader_set_max_bytes (RosterSheetReader *self,
                                   gsize              max_bytes)
{
  g_return_if_fail (ROSTER_IS_SHEET_READER (self));

  self->max_bytes = max_bytes;
}

/* "XLSX" or "ODS". */
const char *
roster_sheet_reader_get_format_name (RosterSheetReader *self)
{
  g_return_val_if_fail (ROSTER_IS_SHEET_READER (self), NULL);

  return self->is_ods ? "ODS" : "XLSX";
}

const char * const *
roster_sheet_reader_get_sheet_names (RosterSheetReader *self)
{
  g_return_val_if_fail (ROSTER_IS_SHEET_READER (self), NULL);

  return (const char * const *) self->names->pdata;
}

const char *
roster_sheet_reader_get_sheet_name (RosterSheetReader *self)
{
  g_return_val_if_fail (ROSTER_IS_SHEET_READER (self), NULL);

  return g_ptr_array_index (self->names, self->selected);
}

/* @name NULL: the first sheet.  Call before the first row. */
gboolean
roster_sheet_reader_select_sheet (RosterSheetReader  *self,
                                  const char         *name,
                                  GError            **error)
{
  g_return_val_if_fail (ROSTER_IS_SHEET_READER (self), FALSE);
  g_return_val_if_fail (self->part == NULL && self->rows == NULL, FALSE);

  if (name == NULL)
    {
      self->selected = 0;
      return TRUE;
    }
  for (guint i = 0; i + 1 < self->names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->names, i), name) == 0)
      {
        self->selected = i;
        return TRUE;
      }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("The spreadsheet has no sheet named “%s”"), name);
  return FALSE;
}

/* An ODS row, as the XLSX rows come: each cell NUL-terminated. */
static gboolean
ods_next_cells (RosterSheetReader  *self,
                GString            *cells,
                guint              *n_cells,
                gboolean           *got,
                GError            **error)
{
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

  if (!roster_sheet_ods_next_row (self, row, got, error))
    return FALSE;
  for (guint i = 0; i < row->len; i++)
    g_string_append_len (cells, g_ptr_array_index (row, i), strlen (g_ptr_array_index (row, i)) + 1);
  *n_cells = row->len;

  return TRUE;
}

/**
 * roster_sheet_reader_next_cells:
 * @row_number: (out): the row's number in the sheet, 1-based
 * @cells: the cells' text is appended here, each NUL-terminated ("" for an empty one)
 * @n_cells: (out): how many cells were appended
 *
 * Reads the next row that has a cell, even an empty one, without an allocation per cell;
 * FALSE at the end (with @error unset) or on a damaged or hostile file.
 */
gboolean
roster_sheet_reader_next_cells (RosterSheetReader  *self,
                                guint              *row_number,
                                GString            *cells,
                                guint              *n_cells,
                                GError            **error)
{
  gboolean got = FALSE;

  g_return_val_if_fail (ROSTER_IS_SHEET_READER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *n_cells = 0;
  if (self->done)
    return FALSE;

  if (self->part == NULL && self->rows == NULL)
    {
      if (self->is_ods)
        {
          if (!roster_sheet_ods_start (self, error))
            {
              self->done = TRUE;
              return FALSE;
            }
        }
      else
        {
          self->rows = roster_sheet_rows_open (self, g_ptr_array_index (self->targets, self->selected), error);
          if (self->rows == NULL)
            {
              self->done = TRUE;
              return FALSE;
            }
        }
    }

  self->row_bytes = 0;
  if (!(self->is_ods ? ods_next_cells (self, cells, n_cells, &got, error)
                     : roster_sheet_rows_next (self->rows, cells, n_cells, &got, error)) || !got)
    {
      self->done = TRUE;
      return FALSE;
    }

  if (self->row > ROSTER_SHEET_MAX_ROWS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The sheet has more than %u rows"), ROSTER_SHEET_MAX_ROWS);
      self->done = TRUE;
      return FALSE;
    }

  *row_number = self->row;

  return TRUE;
}

/**
 * roster_sheet_reader_next_row:
 * @row_number: (out): the row's number in the sheet, 1-based
 * @cells: (out) (transfer full): the cells' text, "" for an empty one
 *
 * As roster_sheet_reader_next_cells(), each cell in its own string.
 */
gboolean
roster_sheet_reader_next_row (RosterSheetReader  *self,
                              guint              *row_number,
                              GPtrArray         **cells,
                              GError            **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *cell;
  guint n_cells;

  *cells = NULL;
  if (!roster_sheet_reader_next_cells (self, row_number, text, &n_cells, error))
    return FALSE;

  *cells = g_ptr_array_new_full (n_cells, g_free);
  cell = text->str;
  for (guint i = 0; i < n_cells; i++, cell += strlen (cell) + 1)
    g_ptr_array_add (*cells, g_strdup (cell));

  return TRUE;
}
