/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes RFC 4180 CSV into a GString: fields quoted where needed, CRLF line ends, and cells that
 * a spreadsheet would run as a formula neutralised. */
typedef struct _RosterCsvWriter RosterCsvWriter;

RosterCsvWriter *roster_csv_writer_new          (gboolean         with_bom);
void             roster_csv_writer_free         (RosterCsvWriter *self);
void             roster_csv_writer_add_field    (RosterCsvWriter *self,
                                                 const char      *value);
void             roster_csv_writer_end_row      (RosterCsvWriter *self);
void             roster_csv_writer_add_row      (RosterCsvWriter *self,
                                                 const char * const *fields);
GString         *roster_csv_writer_steal_buffer (RosterCsvWriter *self);
char            *roster_csv_neutralise          (const char      *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterCsvWriter, roster_csv_writer_free)

G_END_DECLS
