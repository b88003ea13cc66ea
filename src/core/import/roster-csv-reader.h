/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A streaming CSV reader for what spreadsheets and contact tools really write: RFC 4180 plus
 * UTF-8 with or without a BOM, UTF-16 with a BOM, Windows-1252, any of , ; TAB | as the
 * delimiter, CRLF/LF/CR line ends, ragged rows and blank lines.  Whatever the bytes, reading
 * never fails on content: problems become RosterCsvProblem items tied to the physical line on
 * which the record starts.  Only I/O errors (and an unknown encoding override) are GErrors.
 *
 * No row is lost without a problem naming it.  A file with UTF-8 in it is read as UTF-8, and
 * only its rows that are not valid UTF-8 are read as Windows-1252 (a warning each).  A stray
 * quote (one never closed, or "closed" lines later by a quote that text follows, or after
 * lines that look like rows: an email and as many delimiters as the header) ends its record
 * with the line it opened on, and the lines after it are read again as records of their own
 * (an error on the cut record); only when more than 16 records' worth of text follows it do
 * those lines stay one value, and the error names them.
 *
 * An XLSX or ODS workbook (told by its first bytes) is read through RosterSheetReader into the
 * same records, one per non-empty row, tied to the row's number; its "encoding" is the format's
 * name ("XLSX", "ODS") and its delimiter '\0'.  A legacy .xls, a damaged or a hostile
 * workbook is a GError. */

typedef enum
{
  ROSTER_CSV_HEADER_AUTO,
  ROSTER_CSV_HEADER_YES,
  ROSTER_CSV_HEADER_NO,
} RosterCsvHeaderMode;

/* Zero-initialise (or roster_csv_options_init) for "detect everything, default limits". */
typedef struct
{
  const char          *encoding;        /* NULL: detect; else an iconv name ("UTF-16LE", "ISO-8859-15") */
  char                 delimiter;       /* '\0': sniff among , ; TAB | */
  RosterCsvHeaderMode  header;
  gsize                max_field_size;  /* bytes; 0: 64 KiB */
  gsize                max_record_size; /* bytes; 0: 1 MiB */
  guint                max_fields;      /* 0: 1024 */
  const char          *sheet;           /* XLSX/ODS: the sheet to read; NULL: the first */
} RosterCsvOptions;

typedef enum
{
  ROSTER_CSV_PROBLEM_UNTERMINATED_QUOTE,  /* error: a quote is never closed; the record was cut */
  ROSTER_CSV_PROBLEM_FIELD_TOO_LONG,      /* error: the field was cut at max_field_size */
  ROSTER_CSV_PROBLEM_RECORD_TOO_LONG,     /* error: the rest of the record was dropped */
  ROSTER_CSV_PROBLEM_TOO_MANY_FIELDS,     /* error: fields past max_fields were dropped */
  ROSTER_CSV_PROBLEM_EXTRA_FIELDS,        /* warning: more fields than the header has */
  ROSTER_CSV_PROBLEM_NUL_BYTES,           /* warning: NUL bytes were removed */
  ROSTER_CSV_PROBLEM_ENCODING_FALLBACK,   /* warning: a row of a UTF-8 file read as Windows-1252 */
  ROSTER_CSV_PROBLEM_INVALID_CHARACTERS,  /* warning: undecodable bytes became U+FFFD */
} RosterCsvProblemKind;

typedef struct
{
  RosterCsvProblemKind  kind;
  guint                 line;     /* physical line (1-based) where the record starts */
  char                 *message;  /* translated, for people */
} RosterCsvProblem;

typedef struct _RosterCsvRecord RosterCsvRecord;

#define ROSTER_TYPE_CSV_RECORD (roster_csv_record_get_type ())
#define ROSTER_TYPE_CSV_READER (roster_csv_reader_get_type ())

G_DECLARE_FINAL_TYPE (RosterCsvReader, roster_csv_reader, ROSTER, CSV_READER, GObject)

typedef struct
{
  char      *encoding;     /* the name the reader settled on, e.g. "UTF-8", "UTF-16LE" */
  char       delimiter;
  gboolean   has_header;
  GStrv      header;       /* NULL when the file has no header row */
  GPtrArray *records;      /* RosterCsvRecord, the first data records */
  GPtrArray *problems;     /* RosterCsvProblem not tied to a returned record */
  gboolean   complete;     /* TRUE when the whole file fit in the preview */
  GStrv      sheet_names;  /* a workbook's sheets; NULL for text */
  char      *sheet;        /* the sheet read */
} RosterCsvPreview;

void                     roster_csv_options_init           (RosterCsvOptions        *options);

gboolean                 roster_csv_problem_is_error       (const RosterCsvProblem  *problem);
void                     roster_csv_problem_free           (RosterCsvProblem        *problem);

GType                    roster_csv_record_get_type        (void) G_GNUC_CONST;
RosterCsvRecord         *roster_csv_record_ref             (RosterCsvRecord         *self);
void                     roster_csv_record_unref           (RosterCsvRecord         *self);
const char * const      *roster_csv_record_get_fields      (RosterCsvRecord         *self);
guint                    roster_csv_record_get_n_fields    (RosterCsvRecord         *self);
const char              *roster_csv_record_get_field       (RosterCsvRecord         *self,
                                                            guint                    index);
guint                    roster_csv_record_get_line        (RosterCsvRecord         *self);
GPtrArray               *roster_csv_record_get_problems    (RosterCsvRecord         *self);
gboolean                 roster_csv_record_has_errors      (RosterCsvRecord         *self);

RosterCsvReader         *roster_csv_reader_new_for_stream  (GInputStream            *stream,
                                                            const RosterCsvOptions  *options);
RosterCsvReader         *roster_csv_reader_new_for_file    (GFile                   *file,
                                                            const RosterCsvOptions  *options,
                                                            GCancellable            *cancellable,
                                                            GError                 **error);
gboolean                 roster_csv_reader_detect          (RosterCsvReader         *self,
                                                            GCancellable            *cancellable,
                                                            GError                 **error);
gboolean                 roster_csv_reader_read_record     (RosterCsvReader         *self,
                                                            RosterCsvRecord        **out_record,
                                                            GCancellable            *cancellable,
                                                            GError                 **error);
const char              *roster_csv_reader_get_encoding    (RosterCsvReader         *self);
char                     roster_csv_reader_get_delimiter   (RosterCsvReader         *self);
gboolean                 roster_csv_reader_get_has_header  (RosterCsvReader         *self);
const char * const      *roster_csv_reader_get_header      (RosterCsvReader         *self);
guint                    roster_csv_reader_get_n_records   (RosterCsvReader         *self);
guint                    roster_csv_reader_get_n_lines     (RosterCsvReader         *self);
guint                    roster_csv_reader_get_n_problems  (RosterCsvReader         *self);
guint                    roster_csv_reader_get_n_converted_rows (RosterCsvReader    *self);
GPtrArray               *roster_csv_reader_get_problems    (RosterCsvReader         *self);
const char * const      *roster_csv_reader_get_sheet_names (RosterCsvReader         *self);
const char              *roster_csv_reader_get_sheet       (RosterCsvReader         *self);

RosterCsvPreview        *roster_csv_reader_preview         (GInputStream            *stream,
                                                            const RosterCsvOptions  *options,
                                                            guint                    max_records,
                                                            GCancellable            *cancellable,
                                                            GError                 **error);
void                     roster_csv_preview_free           (RosterCsvPreview        *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterCsvRecord, roster_csv_record_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterCsvProblem, roster_csv_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterCsvPreview, roster_csv_preview_free)

G_END_DECLS
