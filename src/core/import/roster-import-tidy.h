/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "roster-import-mapping.h"

G_BEGIN_DECLS

/* The tidying an import plan does before it checks a row, each kind switched on or off in the
 * mapping, and the changes it made or proposes, before → after, for a front end to show. */

typedef enum
{
  ROSTER_IMPORT_TIDY_NONE             = 0,
  ROSTER_IMPORT_TIDY_TRIM             = 1 << 0,  /* spaces and invisible characters */
  ROSTER_IMPORT_TIDY_EMAIL_DOMAIN     = 1 << 1,  /* the email's domain in lower case */
  ROSTER_IMPORT_TIDY_SPLIT_NAME       = 1 << 2,  /* list the split of a full-name column */
  ROSTER_IMPORT_TIDY_TITLE_CASE       = 1 << 3,  /* names in ALL CAPS in title case */
  ROSTER_IMPORT_TIDY_PHONE            = 1 << 4,  /* national numbers completed, trunk prefix dropped */
  ROSTER_IMPORT_TIDY_COUNTRY_NAME     = 1 << 5,  /* "Germany" in the country-code column: +49 */
  ROSTER_IMPORT_TIDY_EMAIL_SUGGESTION = 1 << 6,  /* "gmial.com": suggested, never applied */
  ROSTER_IMPORT_TIDY_SAME_MAILBOX     = 1 << 7,  /* Gmail dots and +tags: a warning */
} RosterImportTidy;

/* What a front end turns on unless the user says otherwise: all but title case, which can
 * spoil names written in capitals on purpose. */
#define ROSTER_IMPORT_TIDY_SAFE \
  (ROSTER_IMPORT_TIDY_TRIM | ROSTER_IMPORT_TIDY_EMAIL_DOMAIN | ROSTER_IMPORT_TIDY_SPLIT_NAME | \
   ROSTER_IMPORT_TIDY_PHONE | ROSTER_IMPORT_TIDY_COUNTRY_NAME | ROSTER_IMPORT_TIDY_EMAIL_SUGGESTION | \
   ROSTER_IMPORT_TIDY_SAME_MAILBOX)

typedef struct
{
  guint             row;      /* index into the plan's rows */
  guint             line;
  RosterImportField field;
  RosterImportTidy  kinds;    /* what changed it */
  gboolean          applied;  /* FALSE: a suggestion the plan did not apply */
  const char       *before;
  const char       *after;
} RosterImportChange;

RosterImportTidy  roster_import_tidy_field        (RosterImportTidy   kinds,
                                                   RosterImportField  field,
                                                   const char        *value,
                                                   GString           *buf);
const char       *roster_import_tidy_describe     (RosterImportTidy   kinds);

G_END_DECLS
