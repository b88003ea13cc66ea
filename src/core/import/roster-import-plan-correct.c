/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-plan"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "roster-contact.h"
#include "roster-import-journal.h"
#include "roster-import-plan-private.h"

/* Values the user corrected in the review: the row is checked again with the same rules as
 * the file's rows (a plan of one row), and its values, state and problems replaced. */

#define EXTRA_PREFIX "extra:"

static const char * const field_keys[ROSTER_IMPORT_N_FIELDS] = {
  [ROSTER_IMPORT_FIELD_EMAIL] = "email",
  [ROSTER_IMPORT_FIELD_FIRST_NAME] = "first_name",
  [ROSTER_IMPORT_FIELD_LAST_NAME] = "last_name",
  [ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE] = "phone_country_code",
  [ROSTER_IMPORT_FIELD_PHONE] = "phone",
};

static const int field_values[ROSTER_IMPORT_N_FIELDS] = {
  [ROSTER_IMPORT_FIELD_EMAIL] = VALUE_EMAIL,
  [ROSTER_IMPORT_FIELD_FIRST_NAME] = VALUE_FIRST_NAME,
  [ROSTER_IMPORT_FIELD_LAST_NAME] = VALUE_LAST_NAME,
  [ROSTER_IMPORT_FIELD_FULL_NAME] = -1,
  [ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE] = VALUE_PHONE_COUNTRY_CODE,
  [ROSTER_IMPORT_FIELD_PHONE] = VALUE_PHONE,
};

/* The key a correction of @field has; %NULL for the full name, which is never a row's value. */
const char *
roster_import_field_get_key (RosterImportField field)
{
  g_return_val_if_fail (field < ROSTER_IMPORT_N_FIELDS, NULL);

  return field_keys[field];
}

/* Index into the columns of a one-row check (the Row values, then the extras), or -1. */
static int
column_of (RosterImportPlan *self,
           const char       *field)
{
  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    if (field_keys[i] != NULL && g_str_equal (field, field_keys[i]))
      return field_values[i];

  if (g_str_has_prefix (field, EXTRA_PREFIX))
    for (guint i = 0; i < self->n_extras; i++)
      if (g_str_equal (field + strlen (EXTRA_PREFIX), self->extra_labels[i]))
        return N_VALUES + i;

  return -1;
}

/* Whether two emails are the same in any case, without an allocation in the usual, ASCII,
 * case: this runs over every row on every keystroke of a correction. */
static gboolean
same_email (const char *a,
            const char *b)
{
  g_autofree char *folded_a = NULL;
  g_autofree char *folded_b = NULL;

  if (g_ascii_strcasecmp (a, b) == 0)
    return TRUE;
  if (g_str_is_ascii (a) && g_str_is_ascii (b))
    return FALSE;
  folded_a = roster_contact_casefold_email (a);
  folded_b = roster_contact_casefold_email (b);
  return g_str_equal (folded_a, folded_b);
}

/* Another row that would be sent with the same email makes @one's row a duplicate. */
static void
check_duplicate (RosterImportPlan *self,
                 guint             row,
                 RosterImportPlan *one)
{
  Row *r = plan_get_row (one, 0);

  if (r->status != ROSTER_IMPORT_ROW_READY)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *other = plan_get_row (self, i);
      g_autofree char *shown = NULL;
      g_autofree char *message = NULL;
      RosterImportProblem problem = { 0, };

      if (i == row || (other->status != ROSTER_IMPORT_ROW_READY &&
                       other->status != ROSTER_IMPORT_ROW_ALREADY_REGISTERED))
        continue;
      if (!same_email (r->values[VALUE_EMAIL], other->values[VALUE_EMAIL]))
        continue;

      shown = plan_shorten (r->values[VALUE_EMAIL]);
      message = g_strdup_printf (_("Line %u: “%s” is a duplicate of line %u"), r->line, shown, other->line);
      problem.line = r->line;
      problem.severity = ROSTER_IMPORT_SEVERITY_WARNING;
      problem.message = g_string_chunk_insert (one->strings, message);
      g_array_append_val (one->problems, problem);
      r->n_problems++;
      r->status = ROSTER_IMPORT_ROW_DUPLICATE;
      r->duplicate_of = other->line;
      return;
    }
}

/* Replaces row @row's problems with @problems (of a one-row plan). */
static void
replace_problems (RosterImportPlan *self,
                  guint             row,
                  GArray           *problems,
                  guint             n_problems)
{
  Row *r = plan_get_row (self, row);
  int delta = (int) n_problems - (int) r->n_problems;

  if (r->n_problems > 0)
    g_array_remove_range (self->problems, r->first_problem, r->n_problems);
  for (guint i = 0; i < n_problems; i++)
    {
      RosterImportProblem problem = g_array_index (problems, RosterImportProblem, i);

      problem.row = row;
      problem.message = g_string_chunk_insert (self->strings, problem.message);
      g_array_insert_val (self->problems, r->first_problem + i, problem);
    }
  r->n_problems = n_problems;
  if (delta != 0)
    for (guint i = row + 1; i < self->rows->len; i++)
      plan_get_row (self, i)->first_problem += delta;
}

static void
set_status (RosterImportPlan *self,
            Row              *r,
            guint8            status)
{
  if (r->status == status)
    return;
  self->counts[r->status]--;
  self->counts[status]++;
  r->status = status;
  plan_notify_counts (self);
}

/**
 * roster_import_plan_correct:
 * @field: "email", "first_name", "last_name", "phone_country_code", "phone" or "extra:LABEL"
 * @value: as the user typed it
 *
 * Sets a value of row @row and checks the row again as the file's rows are checked: a fixed
 * row becomes ready (or a duplicate), a broken one invalid.  The correction is kept for the
 * import's journal.  Returns %FALSE when @field is not one of the plan's.
 */
gboolean
roster_import_plan_correct (RosterImportPlan *self,
                            guint             row,
                            const char       *field,
                            const char       *value)
{
  g_autoptr(RosterImportPlan) one = NULL;
  const char **columns;
  Row *r, *fixed;
  int column;

  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), FALSE);
  g_return_val_if_fail (row < self->rows->len, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  column = column_of (self, field);
  if (column < 0)
    return FALSE;

  r = plan_get_row (self, row);
  columns = g_new0 (const char *, N_VALUES + self->n_extras + 1);
  for (guint i = 0; i < N_VALUES; i++)
    columns[i] = r->values[i];
  for (guint i = 0; i < self->n_extras; i++)
    columns[N_VALUES + i] = roster_import_plan_get_row_extra (self, row, i);
  columns[column] = value;
  one = plan_check_one_row (self, r->line, columns);
  g_free (columns);
  check_duplicate (self, row, one);

  fixed = plan_get_row (one, 0);
  for (guint i = 0; i < N_VALUES; i++)
    r->values[i] = plan_store (self, fixed->values[i], FALSE);
  for (guint i = 0; i < self->n_extras; i++)
    self->extra_values->pdata[(gsize) row * self->n_extras + i] =
      (gpointer) plan_store (self, g_ptr_array_index (one->extra_values, i), TRUE);
  r->duplicate_of = fixed->duplicate_of;
  replace_problems (self, row, one->problems, fixed->n_problems);
  set_status (self, r, fixed->status);
  if (self->corrections == NULL)
    self->corrections = roster_import_corrections_new ();
  roster_import_corrections_set (self->corrections, row, field, value);
  g_signal_emit_by_name (self, "row-changed", row);

  return TRUE;
}

guint
roster_import_plan_get_n_corrections (RosterImportPlan *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), 0);

  return self->corrections != NULL ? self->corrections->len : 0;
}

/* The corrections in the order they were first made; the last value of each row and field. */
const RosterImportCorrection *
roster_import_plan_get_correction (RosterImportPlan *self,
                                   guint             index)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), NULL);
  g_return_val_if_fail (index < roster_import_plan_get_n_corrections (self), NULL);

  return &g_array_index (self->corrections, RosterImportCorrection, index);
}

/* Whether the user corrected a value of row @row. */
gboolean
roster_import_plan_get_row_corrected (RosterImportPlan *self,
                                      guint             row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), FALSE);

  for (guint i = 0; self->corrections != NULL && i < self->corrections->len; i++)
    if (g_array_index (self->corrections, RosterImportCorrection, i).row == row)
      return TRUE;
  return FALSE;
}

/* The user looked at the warnings of ready row @row (a possible duplicate, say) and keeps it:
 * they go, so that skipping the rows with warnings does not skip it. */
void
roster_import_plan_dismiss_warnings (RosterImportPlan *self,
                                     guint             row)
{
  g_autoptr(GArray) none = NULL;
  Row *r;

  g_return_if_fail (ROSTER_IS_IMPORT_PLAN (self));
  g_return_if_fail (row < self->rows->len);

  r = plan_get_row (self, row);
  if (r->status != ROSTER_IMPORT_ROW_READY || r->n_problems == 0)
    return;
  none = g_array_new (FALSE, FALSE, sizeof (RosterImportProblem));
  replace_problems (self, row, none, 0);
  g_signal_emit_by_name (self, "row-changed", row);
}

/* A copy of the corrections, and in *@lines (guint) each one's line, for a thread to journal. */
GArray *
roster_import_plan_dup_corrections (RosterImportPlan  *self,
                                    GArray           **lines)
{
  GArray *copy = roster_import_corrections_new ();
  guint n = roster_import_plan_get_n_corrections (self);

  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), copy);
  g_return_val_if_fail (lines != NULL, copy);

  *lines = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n; i++)
    {
      const RosterImportCorrection *c = roster_import_plan_get_correction (self, i);
      guint line = plan_get_row (self, c->row)->line;

      roster_import_corrections_set (copy, c->row, c->field, c->value);
      g_array_append_val (*lines, line);
    }
  return copy;
}

/* The corrections @journal kept (from an earlier run): a resumed import sends the corrected
 * values, and its results show them. */
void
roster_import_plan_apply_journal (RosterImportPlan    *self,
                                  RosterImportJournal *journal)
{
  guint n;

  g_return_if_fail (ROSTER_IS_IMPORT_PLAN (self));
  g_return_if_fail (ROSTER_IS_IMPORT_JOURNAL (journal));

  n = roster_import_journal_get_n_corrections (journal);
  for (guint i = 0; i < n; i++)
    {
      const RosterImportCorrection *c = roster_import_journal_get_correction (journal, i);

      if (c->row < self->rows->len && !roster_import_plan_correct (self, c->row, c->field, c->value))
        g_debug ("Ignoring a correction of an unknown field in row %u", c->row);
    }
}
