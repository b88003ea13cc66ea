/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the files of the sheet reader share: the reader's state, reading a part of the
 * container as XML, and the formats' own steps.  Not part of the reader's API. */

#include <gsf/gsf.h>
#include <libxml/xmlreader.h>

#include "roster-sheet-reader.h"

G_BEGIN_DECLS

#define ROSTER_SHEET_MAX_PART_BYTES    (256 * 1024 * 1024)
#define ROSTER_SHEET_MAX_SHARED_BYTES  (64 * 1024 * 1024)
#define ROSTER_SHEET_MAX_CELL_BYTES    (64 * 1024)
#define ROSTER_SHEET_MAX_SHEETS        1024
#define ROSTER_SHEET_MAX_ROW_BYTES     (1024 * 1024)

typedef struct _RosterSheetPart RosterSheetPart;
typedef struct _RosterSheetRows RosterSheetRows;

struct _RosterSheetReader
{
  GObject          parent_instance;

  GBytes          *data;
  GsfInput        *input;
  GsfInfile       *zip;
  gboolean         is_ods;
  gsize            max_bytes;      /* per part, uncompressed; and all the rows' text */
  gsize            total_read;     /* all parts, uncompressed; capped at 2 × max_bytes */

  GPtrArray       *names;          /* NULL-terminated */
  GPtrArray       *targets;        /* XLSX: each sheet's member path */
  guint            selected;

  /* XLSX */
  GString         *shared_text;    /* the shared strings, each NUL-terminated */
  GArray          *shared;         /* gsize: where each starts in shared_text */
  GArray          *xf_formats;     /* guint numFmtId, by cell style index */
  GHashTable      *custom_formats; /* numFmtId → format code */
  gboolean         date1904;
  GString         *cell_value;     /* reused for every cell */

  /* The sheet being read */
  RosterSheetPart *part;
  RosterSheetRows *rows;           /* XLSX: the sheet's rows, through a SAX parser */
  guint            row;            /* the last row returned or skipped */
  int              table_depth;    /* ODS: the depth of the selected table:table */
  GPtrArray       *repeat_cells;   /* ODS: a row that is repeated */
  guint            repeat_left;
  gsize            row_bytes_repeated;
  gboolean         done;
  gsize            row_bytes;      /* the text of the row being read */
  guint64          text_bytes;     /* the text of all rows: shared strings multiply */
};

/* roster-sheet-reader.c */
GsfInput         *roster_sheet_find_member    (RosterSheetReader  *self,
                                               const char         *path);
RosterSheetPart  *roster_sheet_part_open      (RosterSheetReader  *self,
                                               const char         *path,
                                               GError            **error);
void              roster_sheet_part_free      (RosterSheetPart    *part);
xmlTextReaderPtr  roster_sheet_part_xml       (RosterSheetPart    *part);
gboolean          roster_sheet_part_read      (RosterSheetPart    *part,
                                               gboolean           *more,
                                               GError            **error);
gboolean          roster_sheet_part_skip      (RosterSheetPart    *part,
                                               GError            **error);
gboolean          roster_sheet_part_text      (RosterSheetPart    *part,
                                               GString            *out,
                                               GError            **error);
gboolean          roster_sheet_is_element     (xmlTextReaderPtr    xml,
                                               const char         *local_name);
gboolean          roster_sheet_is_end         (xmlTextReaderPtr    xml,
                                               const char         *local_name);
char             *roster_sheet_attribute      (xmlTextReaderPtr    xml,
                                               const char         *local_name);
void              roster_sheet_set_damaged    (GError            **error,
                                               const char         *detail);
void              roster_sheet_set_too_large  (GError            **error);
gboolean          roster_sheet_count_text     (RosterSheetReader  *self,
                                               gsize               len,
                                               GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterSheetPart, roster_sheet_part_free)

/* roster-sheet-xlsx.c */
gboolean          roster_sheet_xlsx_open      (RosterSheetReader  *self,
                                               GError            **error);
guint             roster_sheet_xlsx_column_of (const char         *ref);
void              roster_sheet_xlsx_cell_text (RosterSheetReader  *self,
                                               const char         *type,
                                               const char         *style,
                                               GString            *value,
                                               GString            *out);

/* roster-sheet-xlsx-rows.c */
RosterSheetRows  *roster_sheet_rows_open      (RosterSheetReader  *reader,
                                               const char         *path,
                                               GError            **error);
gboolean          roster_sheet_rows_next      (RosterSheetRows    *rows,
                                               GString            *cells,
                                               guint              *n_cells,
                                               gboolean           *got,
                                               GError            **error);
gboolean          roster_sheet_rows_read_shared (RosterSheetReader *reader,
                                               const char         *path,
                                               GError            **error);
void              roster_sheet_rows_free      (RosterSheetRows    *rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterSheetRows, roster_sheet_rows_free)

/* roster-sheet-ods.c */
gboolean          roster_sheet_ods_open       (RosterSheetReader  *self,
                                               GError            **error);
gboolean          roster_sheet_ods_start      (RosterSheetReader  *self,
                                               GError            **error);
gboolean          roster_sheet_ods_next_row   (RosterSheetReader  *self,
                                               GPtrArray          *cells,
                                               gboolean           *got,
                                               GError            **error);

/* roster-sheet-number.c */
char             *roster_sheet_format_number  (const char         *value,
                                               guint               format_id,
                                               const char         *format_code,
                                               gboolean            date1904);

G_END_DECLS
