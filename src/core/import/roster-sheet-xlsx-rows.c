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

#define FEED_CHUNK 65536

/* A row read and not yet returned: its cells' text, each NUL-terminated, in rows->text from
 * start on.  One buffer for all rows spares a malloc per cell and per row. */
typedef struct
{
  guint number;
  gsize start;
  guint n_cells;
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
  gboolean           in_row;
  Row                row;         /* being read, when in_row */
  gboolean           in_cell;
  guint              column;
  char               type[16];
  char               style[16];
  gboolean           has_style;
  gboolean           has_value;
  GString           *text;        /* the cells of the rows read, and of the row being read */
  GArray            *queue;       /* Row, read; those from head on not yet returned */
  guint              head;
  GString           *scratch;     /* a cell that replaces an earlier one */
  guint8             buffer[FEED_CHUNK];  /* not on the stack: imports run in threads */
};

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
  if (rows->text != NULL)
    g_string_free (rows->text, TRUE);
  g_clear_pointer (&rows->queue, g_array_unref);
  if (rows->scratch != NULL)
    g_string_free (rows->scratch, TRUE);
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

/* The value into @buf (cut to its size). */
static void
copy_value (const xmlChar **a,
            char           *buf,
            gsize           size)
{
  gsize len = MIN ((gsize) (a[4] - a[3]), size - 1);

  memcpy (buf, a[3], len);
  buf[len] = '\0';
}

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
          copy_value (a, buf, size);
          return TRUE;
        }
    }
  return FALSE;
}

/* A <c>'s reference (r), type (t) and style (s), in one pass: there is one <c> per cell. */
static void
read_cell_attributes (RosterSheetRows *rows,
                      const xmlChar  **attributes,
                      int              n_attributes)
{
  char ref[32];
  gboolean has_ref = FALSE;

  rows->type[0] = '\0';
  rows->has_style = FALSE;
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **a = attributes + 5 * i;

      if (a[0][0] == '\0' || a[0][1] != '\0')
        continue;
      if (a[0][0] == 'r')
        {
          copy_value (a, ref, sizeof ref);
          has_ref = TRUE;
        }
      else if (a[0][0] == 't')
        copy_value (a, rows->type, sizeof rows->type);
      else if (a[0][0] == 's')
        {
          copy_value (a, rows->style, sizeof rows->style);
          rows->has_style = TRUE;
        }
    }
  rows->column = has_ref ? roster_sheet_xlsx_column_of (ref) : G_MAXUINT;
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
  else if (rows->in_row)
    {
      if (strcmp (name, "c") == 0)
        {
          rows->in_cell = TRUE;
          rows->has_value = FALSE;
          g_string_truncate (rows->reader->cell_value, 0);
          read_cell_attributes (rows, attributes, n_attributes);
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
          rows->in_row = TRUE;
          rows->row.number = rows->last_row;
          rows->row.start = rows->text->len;
          rows->row.n_cells = 0;
          rows->reader->row_bytes = 0;
        }
    }
  else if (strcmp (name, "sheetData") == 0)
    rows->in_sheet_data = TRUE;
}

/* Puts @cell (NUL-terminated, in rows->scratch) in place of the row's cell @column: cells
 * go forward in every real file, so this is the rare path. */
static void
replace_cell (RosterSheetRows *rows,
              guint            column)
{
  GString *text = rows->text;
  gsize at = rows->row.start, len;

  for (guint i = 0; i < column; i++)
    at += strlen (text->str + at) + 1;
  len = strlen (text->str + at);
  g_string_erase (text, at, len);
  g_string_insert_len (text, at, rows->scratch->str, rows->scratch->len);
}

/* As the streaming reader did: the cell's text in its column, empty ones before it. */
static void
end_cell (RosterSheetRows *rows)
{
  RosterSheetReader *reader = rows->reader;
  Row *row = &rows->row;
  guint column = rows->column;
  gboolean forward;
  GString *out;
  gsize gap, mark;
  GError *error = NULL;

  rows->in_cell = FALSE;
  if (column == G_MAXUINT)
    column = row->n_cells;
  if (column >= ROSTER_SHEET_MAX_COLUMNS)
    {
      fail (rows, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The sheet has more than %u columns"), ROSTER_SHEET_MAX_COLUMNS));
      return;
    }
  if (!rows->has_value)
    return;

  /* Cells may skip columns (empty ones are left out): those are empty strings. */
  forward = column >= row->n_cells;
  gap = forward ? column - row->n_cells : 0;
  if (forward)
    out = rows->text;
  else
    out = rows->scratch != NULL ? rows->scratch : (rows->scratch = g_string_new (NULL));
  if (!forward)
    g_string_truncate (out, 0);
  for (gsize i = 0; i < gap; i++)
    g_string_append_c (out, '\0');
  mark = out->len;
  roster_sheet_xlsx_cell_text (reader, rows->type[0] != '\0' ? rows->type : NULL,
                               rows->has_style ? rows->style : NULL, reader->cell_value, out);
  /* Counted before the next cell: at most one cell's text is over the caps. */
  if (!roster_sheet_count_text (reader, out->len - mark + gap, &error))
    {
      fail (rows, error);
      return;
    }
  if (forward)
    {
      g_string_append_c (out, '\0');
      row->n_cells = column + 1;
    }
  else
    replace_cell (rows, column);
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
  /* One buffer for all: no malloc per string, and each one's length known when it is used. */
  g_array_append_val (rows->reader->shared, rows->reader->shared_text->len);
  g_string_append_len (rows->reader->shared_text, text->str, text->len + 1);
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
  else if (!rows->in_cell && rows->in_row && strcmp ((const char *) localname, "row") == 0)
    {
      g_array_append_val (rows->queue, rows->row);
      rows->in_row = FALSE;
    }
  else if (!rows->in_row && strcmp ((const char *) localname, "sheetData") == 0)
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
  rows->text = g_string_sized_new (2 * FEED_CHUNK);
  rows->queue = g_array_new (FALSE, FALSE, sizeof (Row));
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
      if (gsf_input_read (rows->member, n, rows->buffer) == NULL)
        {
          roster_sheet_set_damaged (error, NULL);
          return FALSE;
        }
      rows->read += n;
      reader->total_read += n;
    }
  rows->fed_all = n == 0;
  status = xmlParseChunk (rows->ctxt, (const char *) rows->buffer, (int) n, rows->fed_all);
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

/* Drops the rows returned, keeping the one being read, before the parser reads on. */
static void
drop_returned (RosterSheetRows *rows)
{
  gsize keep_from = rows->in_row ? rows->row.start : rows->text->len;

  g_array_set_size (rows->queue, 0);
  rows->head = 0;
  g_string_erase (rows->text, 0, keep_from);
  rows->row.start = 0;
}

/* Appends the next row's cells to @cells, each NUL-terminated, and sets *@n_cells (*@got
 * FALSE at the end of the sheet's data). */
gboolean
roster_sheet_rows_next (RosterSheetRows  *rows,
                        GString          *cells,
                        guint            *n_cells,
                        gboolean         *got,
                        GError          **error)
{
  Row *row;
  gsize end;

  *got = FALSE;
  *n_cells = 0;
  if (rows->head == rows->queue->len)
    drop_returned (rows);
  while (rows->head == rows->queue->len && !rows->finished)
    if (!feed (rows, error))
      return FALSE;
  if (rows->head == rows->queue->len)
    return TRUE;

  row = &g_array_index (rows->queue, Row, rows->head++);
  end = rows->head < rows->queue->len ? g_array_index (rows->queue, Row, rows->head).start
                                      : (rows->in_row ? rows->row.start : rows->text->len);
  rows->reader->row = row->number;
  g_string_append_len (cells, rows->text->str + row->start, end - row->start);
  *n_cells = row->n_cells;
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
