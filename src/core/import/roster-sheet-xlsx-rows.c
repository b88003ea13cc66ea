/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The rows of an XLSX sheet, and its shared strings, through libxml2's SAX2 push parser, fed
 * from the zip member in chunks: they are most of a workbook's bytes, and the streaming text
 * reader spent most of the time building and freeing a node for every element and text.  The same limits as
 * every part: no network, no DTD, no entities, the uncompressed bytes, cells and rows capped. */

#define G_LOG_DOMAIN "roster-sheet-reader"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "roster-sheet-reader-private.h"

#define FEED_CHUNK 16384

typedef struct
{
  guint      number;
  GPtrArray *cells;
} Row;

struct _RosterSheetRows
{
  RosterSheetReader *reader;
  GsfInput          *member;
  xmlParserCtxtPtr   ctxt;
  gsize              read;
  gboolean           fed_all;
  gboolean           finished;    /* </sheetData>, or the end */
  gboolean           shared;      /* reading the shared strings, not rows */
  gsize              shared_bytes;
  GError            *error;
  char              *xml_error;

  int                depth;
  int                skip_depth;  /* inside <f> or <rPh>: 0 when not */
  int                text_depth;  /* inside <v> or <t>: 0 when not */
  gboolean           in_sheet_data;
  guint              last_row;
  Row               *row;         /* being read */
  gboolean           in_cell;
  guint              column;
  char               type[16];
  char               style[16];
  gboolean           has_style;
  gboolean           has_value;
  GQueue             rows;        /* Row, read and not yet returned */
};

static void
row_free (Row *row)
{
  if (row == NULL)
    return;
  g_clear_pointer (&row->cells, g_ptr_array_unref);
  g_free (row);
}

void
roster_sheet_rows_free (RosterSheetRows *rows)
{
  if (rows == NULL)
    return;
  if (rows->ctxt != NULL)
    {
      if (rows->ctxt->myDoc != NULL)
        xmlFreeDoc (rows->ctxt->myDoc);
      xmlFreeParserCtxt (rows->ctxt);
    }
  g_clear_object (&rows->member);
  g_clear_error (&rows->error);
  g_free (rows->xml_error);
  row_free (rows->row);
  g_queue_clear_full (&rows->rows, (GDestroyNotify) row_free);
  g_free (rows);
}

static void
fail (RosterSheetRows *rows,
      GError          *error)
{
  if (rows->error == NULL)
    rows->error = error;
  else
    g_error_free (error);
  xmlStopParser (rows->ctxt);
}

static void
fail_entities (RosterSheetRows *rows)
{
  fail (rows, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   _("The spreadsheet cannot be read: it declares entities, which workbooks never do")));
}

/* ---- Entities: never ------------------------------------------------------------------------- */

static void
internal_subset_cb (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  fail_entities (((xmlParserCtxtPtr) ctx)->_private);
}

static void
entity_decl_cb (void          *ctx,
                const xmlChar *name,
                int            type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar       *content)
{
  fail_entities (((xmlParserCtxtPtr) ctx)->_private);
}

static xmlEntityPtr
get_entity_cb (void          *ctx,
               const xmlChar *name)
{
  fail_entities (((xmlParserCtxtPtr) ctx)->_private);
  return NULL;
}

static void
structured_error_cb (void        *ctx,
                     xmlErrorPtr  xml_error)
{
  RosterSheetRows *rows = ((xmlParserCtxtPtr) ctx)->_private;

  if (rows->xml_error == NULL && xml_error != NULL && xml_error->message != NULL)
    rows->xml_error = g_strchomp (g_strdup (xml_error->message));
}

/* ---- Elements -------------------------------------------------------------------------------- */

/* The attribute's value, copied into @buf (cut to its size); FALSE when there is none. */
static gboolean
attribute (const xmlChar **attributes,
           int             n_attributes,
           const char     *name,
           char           *buf,
           gsize           size)
{
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **a = attributes + 5 * i;

      if (strcmp ((const char *) a[0], name) == 0)
        {
          gsize len = MIN ((gsize) (a[4] - a[3]), size - 1);

          memcpy (buf, a[3], len);
          buf[len] = '\0';
          return TRUE;
        }
    }
  return FALSE;
}

static void
start_element_cb (void           *ctx,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             n_namespaces,
                  const xmlChar **namespaces,
                  int             n_attributes,
                  int             n_defaulted,
                  const xmlChar **attributes)
{
  RosterSheetRows *rows = ((xmlParserCtxtPtr) ctx)->_private;
  const char *name = (const char *) localname;
  char buf[32];

  rows->depth++;
  if (rows->skip_depth > 0 || rows->finished)
    return;

  /* <si> holds a string in <t>s (rich text: several), and phonetic hints in <rPh>. */
  if (rows->shared)
    {
      if (strcmp (name, "si") == 0)
        {
          rows->in_cell = TRUE;
          g_string_truncate (rows->reader->cell_value, 0);
        }
      else if (rows->in_cell && strcmp (name, "rPh") == 0)
        rows->skip_depth = rows->depth;
      else if (rows->in_cell && strcmp (name, "t") == 0 && rows->text_depth == 0)
        rows->text_depth = rows->depth;
      return;
    }

  if (rows->in_cell)
    {
      if (strcmp (name, "v") == 0 || strcmp (name, "t") == 0)
        {
          rows->has_value = TRUE;
          if (rows->text_depth == 0)
            rows->text_depth = rows->depth;
        }
      else if (strcmp (name, "f") == 0 || strcmp (name, "rPh") == 0)
        rows->skip_depth = rows->depth;
    }
  else if (rows->row != NULL)
    {
      if (strcmp (name, "c") == 0)
        {
          rows->in_cell = TRUE;
          rows->has_value = FALSE;
          g_string_truncate (rows->reader->cell_value, 0);
          rows->column = attribute (attributes, n_attributes, "r", buf, sizeof buf)
                           ? roster_sheet_xlsx_column_of (buf) : G_MAXUINT;
          if (!attribute (attributes, n_attributes, "t", rows->type, sizeof rows->type))
            rows->type[0] = '\0';
          rows->has_style = attribute (attributes, n_attributes, "s", rows->style, sizeof rows->style);
        }
    }
  else if (rows->in_sheet_data)
    {
      if (strcmp (name, "row") == 0)
        {
          guint64 number = attribute (attributes, n_attributes, "r", buf, sizeof buf)
                             ? g_ascii_strtoull (buf, NULL, 10) : 0;

          rows->last_row = number > rows->last_row && number <= G_MAXUINT / 2 ? (guint) number
                                                                               : rows->last_row + 1;
          rows->row = g_new0 (Row, 1);
          rows->row->number = rows->last_row;
          rows->row->cells = g_ptr_array_new_with_free_func (g_free);
          rows->reader->row_bytes = 0;
        }
    }
  else if (strcmp (name, "sheetData") == 0)
    rows->in_sheet_data = TRUE;
}

/* As the streaming reader did: the cell's text in its column, empty ones before it. */
static void
end_cell (RosterSheetRows *rows)
{
  RosterSheetReader *reader = rows->reader;
  GPtrArray *cells = rows->row->cells;
  guint column = rows->column;
  GError *error = NULL;
  g_autofree char *text = NULL;

  rows->in_cell = FALSE;
  if (column == G_MAXUINT)
    column = cells->len;
  if (column >= ROSTER_SHEET_MAX_COLUMNS)
    {
      fail (rows, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The sheet has more than %u columns"), ROSTER_SHEET_MAX_COLUMNS));
      return;
    }
  if (!rows->has_value)
    return;
  text = roster_sheet_xlsx_cell_text (reader, rows->type[0] != '\0' ? rows->type : NULL,
                                      rows->has_style ? rows->style : NULL, reader->cell_value);
  if (!roster_sheet_count_text (reader, strlen (text) + (column >= cells->len ? column - cells->len : 0), &error))
    {
      fail (rows, error);
      return;
    }
  /* Cells may skip columns (empty ones are left out) but never go back. */
  while (cells->len <= column)
    g_ptr_array_add (cells, g_strdup (""));
  g_free (g_ptr_array_index (cells, column));
  g_ptr_array_index (cells, column) = g_steal_pointer (&text);
}

static void
end_shared_string (RosterSheetRows *rows)
{
  GString *text = rows->reader->cell_value;

  rows->in_cell = FALSE;
  rows->shared_bytes += text->len + 2 * sizeof (gpointer);
  if (rows->shared_bytes > ROSTER_SHEET_MAX_SHARED_BYTES)
    {
      GError *error = NULL;

      roster_sheet_set_too_large (&error);
      fail (rows, error);
      return;
    }
  g_ptr_array_add (rows->reader->shared, g_strndup (text->str, text->len));
}

static void
end_element_cb (void          *ctx,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  RosterSheetRows *rows = ((xmlParserCtxtPtr) ctx)->_private;
  int depth = rows->depth--;

  if (rows->finished)
    return;
  if (rows->skip_depth > 0)
    {
      if (depth == rows->skip_depth)
        rows->skip_depth = 0;
      return;
    }
  if (depth == rows->text_depth)
    rows->text_depth = 0;
  else if (rows->shared && rows->in_cell && strcmp ((const char *) localname, "si") == 0)
    end_shared_string (rows);
  else if (rows->shared)
    return;
  else if (rows->in_cell && strcmp ((const char *) localname, "c") == 0 && rows->text_depth == 0)
    end_cell (rows);
  else if (!rows->in_cell && rows->row != NULL && strcmp ((const char *) localname, "row") == 0)
    g_queue_push_tail (&rows->rows, g_steal_pointer (&rows->row));
  else if (rows->row == NULL && strcmp ((const char *) localname, "sheetData") == 0)
    rows->finished = TRUE;
}

static void
characters_cb (void          *ctx,
               const xmlChar *ch,
               int            len)
{
  RosterSheetRows *rows = ((xmlParserCtxtPtr) ctx)->_private;
  GString *out = rows->reader->cell_value;
  const char *value = (const char *) ch;
  gsize n = len;

  if (rows->text_depth == 0 || rows->skip_depth > 0 || rows->finished)
    return;
  if (out->len + n > ROSTER_SHEET_MAX_CELL_BYTES)
    {
      const char *end = value;

      /* Cut on a character boundary. */
      while (end < value + n && out->len + (gsize) (g_utf8_next_char (end) - value) <= ROSTER_SHEET_MAX_CELL_BYTES)
        end = g_utf8_next_char (end);
      n = end - value;
    }
  g_string_append_len (out, value, n);
}

/* ---- Feeding --------------------------------------------------------------------------------- */

RosterSheetRows *
roster_sheet_rows_open (RosterSheetReader  *reader,
                        const char         *path,
                        GError            **error)
{
  g_autoptr(RosterSheetRows) rows = g_new0 (RosterSheetRows, 1);
  xmlSAXHandler sax = { 0, };

  rows->reader = reader;
  rows->member = roster_sheet_find_member (reader, path);
  if (rows->member == NULL)
    {
      roster_sheet_set_damaged (error, NULL);
      return NULL;
    }
  if (gsf_input_size (rows->member) > (gsf_off_t) reader->max_bytes)
    {
      roster_sheet_set_too_large (error);
      return NULL;
    }

  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = start_element_cb;
  sax.endElementNs = end_element_cb;
  sax.characters = characters_cb;
  sax.cdataBlock = characters_cb;
  sax.internalSubset = internal_subset_cb;
  sax.externalSubset = internal_subset_cb;
  sax.entityDecl = entity_decl_cb;
  sax.getEntity = get_entity_cb;
  sax.getParameterEntity = get_entity_cb;
  sax.serror = structured_error_cb;
  rows->ctxt = xmlCreatePushParserCtxt (&sax, NULL, NULL, 0, path);
  if (rows->ctxt == NULL)
    {
      roster_sheet_set_damaged (error, NULL);
      return NULL;
    }
  rows->ctxt->_private = rows;
  /* No network, no entity substitution, no DTD loading. */
  xmlCtxtUseOptions (rows->ctxt, XML_PARSE_NONET | XML_PARSE_COMPACT);

  return g_steal_pointer (&rows);
}

/* Feeds the parser one chunk of the member; the bytes out of the zip are counted, as a zip
 * bomb's declared sizes may lie. */
static gboolean
feed (RosterSheetRows  *rows,
      GError          **error)
{
  RosterSheetReader *reader = rows->reader;
  guint8 buffer[FEED_CHUNK];
  gsf_off_t left = gsf_input_remaining (rows->member);
  gsize n = MIN ((gsize) FEED_CHUNK, (gsize) MAX (left, 0));
  int status;

  if (n > 0)
    {
      if (rows->read + n > reader->max_bytes || reader->total_read + n > 2 * reader->max_bytes)
        {
          roster_sheet_set_too_large (error);
          return FALSE;
        }
      if (gsf_input_read (rows->member, n, buffer) == NULL)
        {
          roster_sheet_set_damaged (error, NULL);
          return FALSE;
        }
      rows->read += n;
      reader->total_read += n;
    }
  rows->fed_all = n == 0;
  status = xmlParseChunk (rows->ctxt, (const char *) buffer, (int) n, rows->fed_all);
  if (rows->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&rows->error));
      return FALSE;
    }
  if (status != XML_ERR_OK || !rows->ctxt->wellFormed)
    {
      roster_sheet_set_damaged (error, rows->xml_error);
      return FALSE;
    }
  if (rows->fed_all)
    rows->finished = TRUE;

  return TRUE;
}

/* The next row into @cells (*@got FALSE at the end of the sheet's data). */
gboolean
roster_sheet_rows_next (RosterSheetRows  *rows,
                        GPtrArray        *cells,
                        gboolean         *got,
                        GError          **error)
{
  Row *row;

  *got = FALSE;
  while (g_queue_is_empty (&rows->rows) && !rows->finished)
    if (!feed (rows, error))
      return FALSE;

  row = g_queue_pop_head (&rows->rows);
  if (row == NULL)
    return TRUE;

  rows->reader->row = row->number;
  for (guint i = 0; i < row->cells->len; i++)
    g_ptr_array_add (cells, g_steal_pointer (&row->cells->pdata[i]));
  row_free (row);
  *got = TRUE;

  return TRUE;
}

/* Reads the workbook's shared strings (xl/sharedStrings.xml) into reader->shared. */
gboolean
roster_sheet_rows_read_shared (RosterSheetReader  *reader,
                               const char         *path,
                               GError            **error)
{
  g_autoptr(RosterSheetRows) rows = roster_sheet_rows_open (reader, path, error);

  if (rows == NULL)
    return FALSE;
  rows->shared = TRUE;
  while (!rows->finished)
    if (!feed (rows, error))
      return FALSE;

  return TRUE;
}
