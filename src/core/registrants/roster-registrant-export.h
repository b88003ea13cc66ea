/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-csv-writer.h"
#include "roster-registrant.h"

G_BEGIN_DECLS

/* One set of columns for every registrant export: roster-cli's CSV and JSON and the window's
 * "Export" alike. */
const char * const *roster_registrant_export_get_columns (void);
char              **roster_registrant_export_values      (RosterRegistrant *registrant);
GString            *roster_registrant_export_csv         (GListModel       *registrants,
                                                          gboolean          with_bom);

G_END_DECLS
