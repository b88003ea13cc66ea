/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the files of the CSV reader share: the reader's state and the steps one file offers
 * the others (decode, detect, parser, record). Not part of the reader's API. */

#include "roster-csv-reader.h"
#include "roster-sheet-reader.h"

G_BEGIN_DECLS

/* The fuzz target shrinks these so that its inputs cross chunk boundaries. */
#ifndef ROSTER_CSV_CHUNK_SIZE
#define ROSTER_CSV_CHUNK_SIZE   (64 * 1024)
#endif
#ifndef ROSTER_CSV_SAMPLE_SIZE
#define ROSTER_CSV_SAMPLE_SIZE  (64 * 1024)
#endif
#define CHUNK_SIZE              ROSTER_CSV_CHUNK_SIZE
#define SAMPLE_SIZE             ROSTER_CSV_SAMPLE_SIZE
#define RAW_CAPACITY            (CHUNK_SIZE + SAMPLE_SIZE)
#define REPLACEMENT_CHARACTER   "\xEF\xBF\xBD"

typedef enum
{
  DECODE_UTF8,       /* passed through; rows that are not UTF-8 are read as Windows-1252 */
  DECODE_CONVERTER,  /* whole file through a GCharsetConverter */
} DecodeMode;

/* A quoted field that runs past a line end may have been opened by a stray quote, one that
 * swallows the rows after it up to the next quote or the end of the file.  Where the field
 * passed its first line end the parser notes how far the record had got, and keeps the text
 * after it (up to a limit), to go back and read that text again as rows of their own when the
 * field turns out to be such a quote's (end_open_quote, cut_stray_quote). */
typedef struct
{
  guint     line;              /* of that line end, where the quote opened; 0: none */
  gsize     recbuf_len;        /* the record up to the line end */
  guint     n_problems;
  gboolean  field_truncated;
  gboolean  record_truncated;
  gboolean  nul_seen;
  gboolean  pending_cr;        /* the line end was a \r */
  gboolean  overflow;          /* too much text after it to keep */
} QuoteMark;

struct _RosterCsvRecord
{
  gatomicrefcount  ref_count;
  guint            line;
  guint            n_fields;
  GPtrArray       *problems;
  char            *fields[];  /* n_fields + 1 pointers, then the strings, in one block */
};

struct _RosterCsvReader
{
  GObject          parent_instance;

  GInputStream    *stream;
  char            *encoding_override;
  char             delimiter_override;
  RosterCsvHeaderMode header_mode;
  gsize            max_field_size;
  gsize            max_record_size;
  guint            max_fields;

  /* Detection */
  gboolean         detected;
  DecodeMode       mode;
  char            *encoding;
  GConverter      *converter;
  guint            unit_size;       /* bytes skipped past an undecodable sequence */
  GConverter      *row_converter;   /* Windows-1252, for rows of a UTF-8 file that are not */
  char             delimiter;
  gboolean         has_header;
  GStrv            header;
  guint            header_len;
  RosterCsvRecord *pending_record;  /* the first record, when it was not a header */

  /* Input: raw bytes not yet decoded, decoded text not yet parsed */
  guint8          *raw;
  gsize            raw_len;
  gboolean         eof;
  GByteArray      *text;
  gsize            text_pos;
  guint            n_replaced;      /* U+FFFD written by the decoder */

  /* Parser */
  guint8           stops[256];      /* STOP_* flags: the bytes that end a run of field text */
  guint            line;
  gboolean         pending_cr;
  gboolean         last_was_eol;
  GString         *recbuf;          /* the record's fields, each NUL-terminated */
  guint           *offsets;         /* where each field starts in recbuf */
  guint            n_offsets;
  guint            offsets_size;
  gsize            field_start;
  gboolean         field_truncated;
  gboolean         record_truncated;
  gboolean         dropping_fields;
  gboolean         nul_seen;
  guint8           field_bits;      /* OR of the field's bytes: 0x80 set if not all ASCII */
  GArray          *non_ascii;       /* guint: the record's fields that are not plain ASCII */
  GPtrArray       *rec_problems;
  GString         *scratch;
  QuoteMark        quote;           /* the open quoted field's first line end */
  GByteArray      *replay;          /* the text after it, while it stays open */
  gsize            replay_pos;      /* where in self->text the next text to keep starts */

  /* A workbook read instead of text (roster-csv-sheet.c) */
  char            *sheet_name;
  RosterSheetReader *sheet;

  /* Results */
  guint            n_records;
  guint            n_converted_rows;
  guint            n_problems;
  GPtrArray       *problems;        /* not tied to a returned record */
};

/* roster-csv-decode.c */
gboolean          roster_csv_read_raw                      (RosterCsvReader       *self,
                                                            gsize                  want,
                                                            GCancellable          *cancellable,
                                                            GError               **error);
void              roster_csv_decode_raw                    (RosterCsvReader       *self);
gboolean          roster_csv_fill_text                     (RosterCsvReader       *self,
                                                            gboolean              *more,
                                                            GCancellable          *cancellable,
                                                            GError               **error);
void              roster_csv_convert_row_from_windows_1252 (RosterCsvReader       *self);
gboolean          roster_csv_has_replacement               (RosterCsvReader       *self);

/* roster-csv-detect.c */
gboolean          roster_csv_detect_encoding               (RosterCsvReader       *self,
                                                            GError               **error);
char              roster_csv_sniff_delimiter               (const guint8          *text,
                                                            gsize                  len,
                                                            gboolean               complete);

/* roster-csv-parser.c */
void              roster_csv_parser_set_delimiter          (RosterCsvReader       *self,
                                                            char                   delimiter);
gboolean          roster_csv_parse_record                  (RosterCsvReader       *self,
                                                            guint                 *rec_line,
                                                            gboolean              *got,
                                                            GCancellable          *cancellable,
                                                            GError               **error);
void              roster_csv_add_record_problem            (RosterCsvReader       *self,
                                                            RosterCsvProblemKind   kind,
                                                            guint                  line,
                                                            char                  *message);
gboolean          roster_csv_field_is_blank                (const char            *field);

/* roster-csv-sheet.c */
gboolean          roster_csv_open_sheet                    (RosterCsvReader       *self,
                                                            GCancellable          *cancellable,
                                                            GError               **error);
gboolean          roster_csv_parse_sheet_row               (RosterCsvReader       *self,
                                                            guint                 *rec_line,
                                                            gboolean              *got,
                                                            GError               **error);

/* roster-csv-record.c */
RosterCsvProblem *roster_csv_problem_new                   (RosterCsvProblemKind   kind,
                                                            guint                  line,
                                                            char                  *message);
RosterCsvRecord  *roster_csv_finish_record                 (RosterCsvReader       *self,
                                                            guint                  rec_line,
                                                            gboolean               is_header);

G_END_DECLS
