/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads the rows of one sheet of an XLSX or ODS workbook, cells as text as the spreadsheet
 * shows them: shared and inline strings, numbers without float noise (integers as integers, a
 * format of zeros such as "00000000000" pads), dates as ISO 8601 text ("2026-12-03", with
 * " 14:30:00" when the cell has a time), booleans as TRUE/FALSE, merged cells as the value in
 * the first cell and empty ones after it.  The container is read with libgsf; an XLSX sheet
 * and its shared strings with libxml2's SAX2 push parser, the other parts with its streaming
 * reader, all without network access, DTDs or entities (a document type declaration is
 * refused).  Every part's uncompressed bytes, the shared strings, the rows and
 * the columns have caps, so a hostile file costs bounded memory and ends in a GError
 * (G_IO_ERROR_INVALID_DATA; G_IO_ERROR_NOT_SUPPORTED for a legacy .xls). */

typedef enum
{
  ROSTER_SHEET_FORMAT_NONE,  /* not a workbook: read it as text */
  ROSTER_SHEET_FORMAT_ZIP,   /* XLSX or ODS, to be told apart by the members */
  ROSTER_SHEET_FORMAT_XLS,   /* an OLE2 compound file: legacy Excel */
} RosterSheetFormat;

#define ROSTER_SHEET_MAX_FILE_SIZE  (100 * 1024 * 1024)
#define ROSTER_SHEET_MAX_ROWS       1048576
#define ROSTER_SHEET_MAX_COLUMNS    16384

#define ROSTER_TYPE_SHEET_READER (roster_sheet_reader_get_type ())

G_DECLARE_FINAL_TYPE (RosterSheetReader, roster_sheet_reader, ROSTER, SHEET_READER, GObject)

RosterSheetFormat      roster_sheet_sniff                  (const guint8        *data,
                                                            gsize                len);

RosterSheetReader     *roster_sheet_reader_new             (GBytes              *data,
                                                            GError             **error);
void                   roster_sheet_reader_set_max_bytes   (RosterSheetReader   *self,
                                                            gsize                max_bytes);
const char            *roster_sheet_reader_get_format_name (RosterSheetReader   *self);
const char * const    *roster_sheet_reader_get_sheet_names (RosterSheetReader   *self);
gboolean               roster_sheet_reader_select_sheet    (RosterSheetReader   *self,
                                                            const char          *name,
                                                            GError             **error);
const char            *roster_sheet_reader_get_sheet_name  (RosterSheetReader   *self);
gboolean               roster_sheet_reader_next_row        (RosterSheetReader   *self,
                                                            guint               *row_number,
                                                            GPtrArray          **cells,
                                                            GError             **error);
gboolean               roster_sheet_reader_next_cells      (RosterSheetReader   *self,
                                                            guint               *row_number,
                                                            GString             *cells,
                                                            guint               *n_cells,
                                                            GError             **error);

G_END_DECLS
