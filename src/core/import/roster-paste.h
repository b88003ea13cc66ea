/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-csv-reader.h"

G_BEGIN_DECLS

/* Text from the clipboard as a CSV file the reader takes: what a spreadsheet copies
 * (tab-separated, with or without a header row) or a plain list of emails, one per line or
 * separated by commas, semicolons or spaces, also as "Name <email>".  So a paste goes through
 * the same reading, mapping and plan as a file. */

GBytes          *roster_paste_to_csv     (const char *text);
RosterCsvReader *roster_paste_reader_new (const char *text);

G_END_DECLS
