/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-import-plan.h"

G_BEGIN_DECLS

/* The plan's insides, shared by its files: building and access (roster-import-plan.c), the
 * registered check (-registered.c) and the user's corrections (-correct.c).  Not for use
 * outside the plan. */

/* Index into Row.values; FULL_NAME is split, never stored. */
enum
{
  VALUE_EMAIL,
  VALUE_FIRST_NAME,
  VALUE_LAST_NAME,
  VALUE_PHONE_COUNTRY_CODE,
  VALUE_PHONE,
  N_VALUES,
};

typedef struct
{
  const char *values[N_VALUES];  /* in strings; "" when empty */
  guint       line;
  guint       duplicate_of;      /* line of the earlier row with the same email, or 0 */
  guint       first_problem;
  guint16     n_problems;
  guint8      status;
} Row;

struct _RosterImportPlan
{
  GObject       parent_instance;

  GStringChunk *strings;
  GArray       *rows;           /* Row */
  GArray       *problems;       /* RosterImportProblem of rows, in row order */
  GArray       *file_problems;  /* RosterImportProblem outside rows */
  guint         counts[ROSTER_IMPORT_N_ROW_STATES];
  guint         n_extras;
  const char  **extra_labels;
  GPtrArray    *extra_values;   /* n_extras per row, in row order */
  GArray       *changes;        /* RosterImportChange, in row order */

  /* What a corrected row is checked with again, as the mapping said. */
  RosterImportTidy  tidy;
  char             *default_country_code;
  GArray           *corrections; /* RosterImportCorrection; NULL: none */
};

static inline Row *
plan_get_row (RosterImportPlan *self,
              guint             row)
{
  return &g_array_index (self->rows, Row, row);
}

const char *plan_store               (RosterImportPlan *self,
                                      const char       *value,
                                      gboolean          often_repeated);
char       *plan_shorten             (const char       *value);
void        plan_notify_counts       (RosterImportPlan *self);
RosterImportPlan *plan_check_one_row (RosterImportPlan *self,
                                      guint             line,
                                      const char * const *columns);

G_END_DECLS
