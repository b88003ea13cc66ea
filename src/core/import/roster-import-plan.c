/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-plan"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "roster-contact.h"
#include "roster-import-plan-private.h"
#include "roster-import-seen-private.h"
#include "roster-import-tidy.h"

#define CHECK_CANCEL_EVERY 4096
#define MAX_SHOWN_VALUE    80

G_DEFINE_FINAL_TYPE (RosterImportPlan, roster_import_plan, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_N_ROWS,
  PROP_N_READY,
  PROP_N_INVALID,
  PROP_N_DUPLICATE,
  PROP_N_ALREADY_REGISTERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Values --------------------------------------------------------------------------------- */

/* roster_contact_casefold_email without an allocation for the usual, ASCII, case. */
static const char *
casefold_into (GString    *buf,
               const char *email)
{
  g_string_truncate (buf, 0);
  for (const char *p = email; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        {
          g_autofree char *folded = roster_contact_casefold_email (email);

          g_string_assign (buf, folded);
          break;
        }
      g_string_append_c (buf, (*p >= 'A' && *p <= 'Z') ? *p + ('a' - 'A') : *p);
    }

  return buf->str;
}

/* For messages: a long or multi-line value shown whole would bury the message. */
static char *
shorten (const char *value)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = value; *p != '\0' && n < MAX_SHOWN_VALUE; p = g_utf8_next_char (p), n++)
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_iscntrl (ch))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, ch);
    }
  if (g_utf8_strlen (value, -1) > MAX_SHOWN_VALUE)
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

/* ---- Object --------------------------------------------------------------------------------- */

static void
roster_import_plan_finalize (GObject *object)
{
  RosterImportPlan *self = (RosterImportPlan *) object;

  g_string_chunk_free (self->strings);
  g_array_unref (self->rows);
  g_array_unref (self->problems);
  g_array_unref (self->file_problems);
  g_free (self->extra_labels);
  g_ptr_array_unref (self->extra_values);
  g_array_unref (self->changes);
  g_free (self->default_country_code);
  g_clear_pointer (&self->corrections, g_array_unref);

  G_OBJECT_CLASS (roster_import_plan_parent_class)->finalize (object);
}

static void
roster_import_plan_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RosterImportPlan *self = ROSTER_IMPORT_PLAN (object);

  switch (prop_id)
    {
    case PROP_N_ROWS:
      g_value_set_uint (value, self->rows->len);
      break;
    case PROP_N_READY:
      g_value_set_uint (value, self->counts[ROSTER_IMPORT_ROW_READY]);
      break;
    case PROP_N_INVALID:
      g_value_set_uint (value, self->counts[ROSTER_IMPORT_ROW_INVALID]);
      break;
    case PROP_N_DUPLICATE:
      g_value_set_uint (value, self->counts[ROSTER_IMPORT_ROW_DUPLICATE]);
      break;
    case PROP_N_ALREADY_REGISTERED:
      g_value_set_uint (value, self->counts[ROSTER_IMPORT_ROW_ALREADY_REGISTERED]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_import_plan_class_init (RosterImportPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_import_plan_finalize;
  object_class->get_property = roster_import_plan_get_property;

  properties[PROP_N_ROWS] =
    g_param_spec_uint ("n-rows", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_READY] =
    g_param_spec_uint ("n-ready", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_INVALID] =
    g_param_spec_uint ("n-invalid", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_DUPLICATE] =
    g_param_spec_uint ("n-duplicate", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ALREADY_REGISTERED] =
    g_param_spec_uint ("n-already-registered", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A row's values, state or problems changed: the user corrected it. */
  g_signal_new ("row-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
roster_import_plan_init (RosterImportPlan *self)
{
  self->strings = g_string_chunk_new (1024 * 1024);
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->problems = g_array_new (FALSE, FALSE, sizeof (RosterImportProblem));
  self->file_problems = g_array_new (FALSE, FALSE, sizeof (RosterImportProblem));
  self->changes = g_array_new (FALSE, FALSE, sizeof (RosterImportChange));
  self->extra_values = g_ptr_array_new ();
}

/* ---- Building ------------------------------------------------------------------------------- */

typedef struct
{
  RosterImportPlan *plan;
  int               columns[ROSTER_IMPORT_N_FIELDS];
  guint            *extra_columns;
  const char       *default_country_code;
  RosterImportTidy  tidy;
  const RosterImportMapping *corrections;  /* the mapping, for accepted email suggestions */
  GHashTable       *mailboxes;  /* Gmail mailbox key -> line of its first ready row */
  RosterImportSeen  seen;
  GStringChunk     *keys;
  GString          *buf[7];
  GString          *tidied[ROSTER_IMPORT_N_FIELDS];
  const char * const *fields;  /* a corrected row's fields instead of a record's */
  guint             line;      /* with @fields */
} Builder;

static void
add_problem (RosterImportPlan     *self,
             GArray               *problems,
             guint                 row,
             guint                 line,
             RosterImportSeverity  severity,
             char                 *message)
{
  RosterImportProblem problem = {
    .row = row,
    .line = line,
    .severity = severity,
    .message = g_string_chunk_insert (self->strings, message),
  };

  g_array_append_val (problems, problem);
  g_free (message);
}

static const char *
store (RosterImportPlan *self,
       const char       *value,
       gboolean          often_repeated)
{
  if (value == NULL || value[0] == '\0')
    return "";

  return often_repeated ? g_string_chunk_insert_const (self->strings, value)
                        : g_string_chunk_insert (self->strings, value);
}

const char *
plan_store (RosterImportPlan *self,
            const char       *value,
            gboolean          often_repeated)
{
  return store (self, value, often_repeated);
}

char *
plan_shorten (const char *value)
{
  return shorten (value);
}

/* The counts changed: a row was marked, or corrected. */
void
plan_notify_counts (RosterImportPlan *self)
{
  for (guint i = PROP_N_READY; i <= PROP_N_ALREADY_REGISTERED; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
}

static const char *
field_of (Builder         *b,
          RosterCsvRecord *record,
          int              column)
{
  if (column < 0)
    return "";
  return b->fields != NULL ? b->fields[column] : roster_csv_record_get_field (record, column);
}

static void
add_change (RosterImportPlan  *self,
            guint              row,
            guint              line,
            RosterImportField  field,
            RosterImportTidy   kinds,
            gboolean           applied,
            const char        *before,
            const char        *after)
{
  RosterImportChange change = {
    .row = row, .line = line, .field = field, .kinds = kinds, .applied = applied,
    .before = g_string_chunk_insert (self->strings, before),
    .after = g_string_chunk_insert (self->strings, after),
  };

  g_array_append_val (self->changes, change);
}

/* The field's value in the record, tidied as the mapping asks and the change noted. */
static const char *
tidy_field_of (Builder           *b,
               RosterCsvRecord   *record,
               RosterImportField  field,
               guint              line)
{
  const char *value = field_of (b, record, b->columns[field]);
  RosterImportTidy changed;

  if (b->tidy == ROSTER_IMPORT_TIDY_NONE)
    return value;
  changed = roster_import_tidy_field (b->tidy, field, value, b->tidied[field]);
  if (changed != ROSTER_IMPORT_TIDY_NONE)
    add_change (b->plan, b->plan->rows->len, line, field, changed, TRUE, value, b->tidied[field]->str);

  return b->tidied[field]->str;
}

#define ROW_ERROR(...) \
  G_STMT_START { \
    add_problem (plan, plan->problems, index, line, ROSTER_IMPORT_SEVERITY_ERROR, g_strdup_printf (__VA_ARGS__)); \
    invalid = TRUE; \
  } G_STMT_END
#define ROW_WARNING(...) \
  add_problem (plan, plan->problems, index, line, ROSTER_IMPORT_SEVERITY_WARNING, g_strdup_printf (__VA_ARGS__))

/* Gmail addresses that differ only by dots or a +tag reach one mailbox: a warning the user may
 * dismiss, as the row is still sent.  Exact duplicates are found before, by the email itself. */
static void
check_same_mailbox (Builder    *b,
                    guint       index,
                    guint       line,
                    const char *email)
{
  RosterImportPlan *plan = b->plan;
  g_autofree char *key = roster_contact_email_mailbox_key (email);
  g_autofree char *folded = roster_contact_casefold_email (email);
  gpointer first_line;

  if (g_str_equal (key, folded) && !g_str_has_suffix (folded, "@gmail.com"))
    return;
  if (g_hash_table_lookup_extended (b->mailboxes, key, NULL, &first_line))
    {
      g_autofree char *shown = shorten (email);

      ROW_WARNING (_("Line %u: “%s” may reach the same mailbox as line %u"), line, shown,
                   GPOINTER_TO_UINT (first_line));
    }
  else
    g_hash_table_insert (b->mailboxes, g_steal_pointer (&key), GUINT_TO_POINTER (line));
}

static void
add_record (Builder         *b,
            RosterCsvRecord *record)
{
  RosterImportPlan *plan = b->plan;
  guint index = plan->rows->len;
  guint line = record != NULL ? roster_csv_record_get_line (record) : b->line;
  GPtrArray *csv_problems = record != NULL ? roster_csv_record_get_problems (record) : NULL;
  gboolean invalid = FALSE;
  g_autofree char *split_first = NULL;
  g_autofree char *split_last = NULL;
  char country_code[5] = "";  /* "+N", or "" */
  char phone_cc[5] = "";
  char phone_digits[16] = "";
  const char *email, *first, *last, *cc_raw, *phone_raw, *phone_value;
  Row row = { 0 };

  row.line = line;
  row.first_problem = plan->problems->len;

  if (csv_problems != NULL)
    for (guint i = 0; i < csv_problems->len; i++)
      {
        RosterCsvProblem *problem = g_ptr_array_index (csv_problems, i);

        if (roster_csv_problem_is_error (problem))
          ROW_ERROR ("%s", problem->message);
        else
          ROW_WARNING ("%s", problem->message);
      }

  email = roster_contact_trim_into (b->buf[0], tidy_field_of (b, record, ROSTER_IMPORT_FIELD_EMAIL, line));
  first = roster_contact_clean_name_into (b->buf[1], tidy_field_of (b, record, ROSTER_IMPORT_FIELD_FIRST_NAME, line));
  last = roster_contact_clean_name_into (b->buf[2], tidy_field_of (b, record, ROSTER_IMPORT_FIELD_LAST_NAME, line));
  cc_raw = roster_contact_trim_into (b->buf[3], tidy_field_of (b, record, ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, line));
  phone_raw = roster_contact_trim_into (b->buf[4], tidy_field_of (b, record, ROSTER_IMPORT_FIELD_PHONE, line));

  /* A full name fills in whichever of first and last name is empty. */
  if ((first[0] == '\0' || last[0] == '\0') && b->columns[ROSTER_IMPORT_FIELD_FULL_NAME] >= 0 &&
      roster_import_split_full_name (tidy_field_of (b, record, ROSTER_IMPORT_FIELD_FULL_NAME, line),
                                     &split_first, &split_last))
    {
      if (first[0] == '\0')
        first = roster_contact_clean_name_into (b->buf[1], split_first);
      if (last[0] == '\0' && split_last != NULL)
        last = roster_contact_clean_name_into (b->buf[2], split_last);
      if (b->tidy & ROSTER_IMPORT_TIDY_SPLIT_NAME)
        {
          add_change (plan, index, line, ROSTER_IMPORT_FIELD_FIRST_NAME, ROSTER_IMPORT_TIDY_SPLIT_NAME, TRUE,
                      b->tidied[ROSTER_IMPORT_FIELD_FULL_NAME]->str, first);
          add_change (plan, index, line, ROSTER_IMPORT_FIELD_LAST_NAME, ROSTER_IMPORT_TIDY_SPLIT_NAME, TRUE,
                      b->tidied[ROSTER_IMPORT_FIELD_FULL_NAME]->str, last);
        }
    }

  /* A suggestion the user accepted: listed as applied, and checked like any other value. */
  if (email[0] != '\0' && b->corrections != NULL)
    {
      const char *corrected = roster_import_mapping_get_email_correction (b->corrections, email);

      if (corrected != NULL)
        {
          add_change (plan, index, line, ROSTER_IMPORT_FIELD_EMAIL, ROSTER_IMPORT_TIDY_EMAIL_SUGGESTION, TRUE,
                      email, corrected);
          email = roster_contact_trim_into (b->buf[0], corrected);
        }
    }

  if (email[0] == '\0')
    ROW_ERROR (_("Line %u: the email address is missing"), line);
  else if (!roster_contact_email_is_valid (email))
    {
      g_autofree char *shown = shorten (email);
      ROW_ERROR (_("Line %u: the email address “%s” is not valid"), line, shown);
    }
  if (email[0] != '\0' && (b->tidy & ROSTER_IMPORT_TIDY_EMAIL_SUGGESTION))
    {
      g_autofree char *suggestion = roster_contact_suggest_email (email);

      if (suggestion != NULL)
        add_change (plan, index, line, ROSTER_IMPORT_FIELD_EMAIL, ROSTER_IMPORT_TIDY_EMAIL_SUGGESTION, FALSE,
                    email, suggestion);
    }

  if (first[0] == '\0')
    ROW_ERROR (_("Line %u: the first name is missing"), line);

  if (cc_raw[0] != '\0')
    {
      g_autofree char *normalised = roster_contact_normalise_country_code (cc_raw, NULL);

      if (normalised != NULL)
        g_strlcpy (country_code, normalised, sizeof country_code);
      else
        {
          g_autofree char *shown = shorten (cc_raw);
          ROW_ERROR (_("Line %u: the country code “%s” is not valid; write it like +44"), line, shown);
        }
    }

  phone_value = phone_raw;
  if (phone_raw[0] != '\0')
    {
      g_autofree char *shown = NULL;

      gboolean complete = (b->tidy & ROSTER_IMPORT_TIDY_PHONE) != 0;
      const char *given = country_code[0] != '\0' ? country_code : b->default_country_code;

      if (complete ? !roster_contact_complete_phone (phone_raw, cc_raw[0] != '\0' ? country_code : given,
                                                     phone_cc, phone_digits)
                   : !roster_contact_split_phone (phone_raw, phone_cc, phone_digits))
        {
          shown = shorten (phone_raw);
          ROW_ERROR (_("Line %u: the phone number “%s” is not valid"), line, shown);
        }
      else
        {
          phone_value = phone_digits;
          if (complete)
            {
              g_autofree char *after = g_strdup_printf ("%s%s%s", phone_cc, phone_cc[0] != '\0' ? " " : "", phone_digits);

              if (!g_str_equal (after, phone_raw))
                add_change (plan, index, line, ROSTER_IMPORT_FIELD_PHONE, ROSTER_IMPORT_TIDY_PHONE, TRUE,
                            phone_raw, after);
            }
          if (phone_cc[0] != '\0' && country_code[0] != '\0' && !g_str_equal (phone_cc, country_code))
            {
              shown = shorten (phone_raw);
              ROW_ERROR (_("Line %u: the phone number “%s” starts with %s, but the country code is %s"),
                         line, shown, phone_cc, country_code);
            }
          else if (phone_cc[0] != '\0' && cc_raw[0] == '\0')
            memcpy (country_code, phone_cc, sizeof country_code);
          else if (country_code[0] == '\0' && cc_raw[0] == '\0')
            {
              if (b->default_country_code != NULL)
                g_strlcpy (country_code, b->default_country_code, sizeof country_code);
              else
                {
                  shown = shorten (phone_raw);
                  ROW_WARNING (_("Line %u: the phone number “%s” has no country code"), line, shown);
                }
            }
        }
    }

  row.values[VALUE_EMAIL] = store (plan, email, FALSE);
  row.values[VALUE_FIRST_NAME] = store (plan, first, FALSE);
  row.values[VALUE_LAST_NAME] = store (plan, last, FALSE);
  row.values[VALUE_PHONE_COUNTRY_CODE] = store (plan, country_code[0] != '\0' ? country_code : cc_raw, TRUE);
  row.values[VALUE_PHONE] = store (plan, phone_value, FALSE);

  for (guint i = 0; i < plan->n_extras; i++)
    g_ptr_array_add (plan->extra_values,
                     (gpointer) store (plan, roster_contact_trim_into (b->buf[5], field_of (b, record, b->extra_columns[i])), TRUE));

  if (invalid)
    row.status = ROSTER_IMPORT_ROW_INVALID;
  else
    {
      const char *key = casefold_into (b->buf[6], email);
      guint first_line;

      /* Only rows that would be sent claim an email: a broken first copy must not make the
       * good second one a duplicate. */
      first_line = roster_import_seen_check_and_add (&b->seen, b->keys, key, b->buf[6]->len,
                                       strcmp (key, row.values[VALUE_EMAIL]) == 0 ? row.values[VALUE_EMAIL] : NULL,
                                       line);
      if (first_line != 0)
        {
          g_autofree char *shown = shorten (email);

          row.status = ROSTER_IMPORT_ROW_DUPLICATE;
          row.duplicate_of = first_line;
          ROW_WARNING (_("Line %u: “%s” is a duplicate of line %u"), line, shown, row.duplicate_of);
        }
      else
        {
          row.status = ROSTER_IMPORT_ROW_READY;
          if (b->tidy & ROSTER_IMPORT_TIDY_SAME_MAILBOX)
            check_same_mailbox (b, index, line, email);
        }
    }

  row.n_problems = MIN (plan->problems->len - row.first_problem, G_MAXUINT16);
  plan->counts[row.status]++;
  g_array_append_val (plan->rows, row);
}

static void
builder_init (Builder *b)
{
  b->mailboxes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    b->tidied[i] = g_string_new (NULL);
  b->seen.mask = 1023;
  b->seen.slots = g_new0 (SeenSlot, b->seen.mask + 1);
  b->keys = g_string_chunk_new (256 * 1024);
  for (guint i = 0; i < G_N_ELEMENTS (b->buf); i++)
    b->buf[i] = g_string_sized_new (128);
}

static void
builder_clear (Builder *b)
{
  g_free (b->seen.slots);
  g_string_chunk_free (b->keys);
  g_free (b->extra_columns);
  for (guint i = 0; i < G_N_ELEMENTS (b->buf); i++)
    g_string_free (b->buf[i], TRUE);
  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    g_string_free (b->tidied[i], TRUE);
  g_hash_table_unref (b->mailboxes);
}

/* A plan of one row, checked as @self checks its rows: @columns holds the email, first name,
 * last name, country code, phone and then @self's extras.  The caller looks for duplicates. */
RosterImportPlan *
plan_check_one_row (RosterImportPlan   *self,
                    guint               line,
                    const char * const *columns)
{
  RosterImportPlan *one = g_object_new (ROSTER_TYPE_IMPORT_PLAN, NULL);
  static const int fixed[ROSTER_IMPORT_N_FIELDS] = { 0, 1, 2, -1, 3, 4 };
  Builder b = { .plan = one, .fields = columns, .line = line };

  memcpy (b.columns, fixed, sizeof b.columns);
  b.default_country_code = self->default_country_code;
  b.tidy = self->tidy & ~ROSTER_IMPORT_TIDY_SAME_MAILBOX;
  one->n_extras = self->n_extras;
  one->extra_labels = g_new0 (const char *, self->n_extras + 1);
  b.extra_columns = g_new0 (guint, self->n_extras + 1);
  for (guint i = 0; i < self->n_extras; i++)
    {
      one->extra_labels[i] = self->extra_labels[i];
      b.extra_columns[i] = N_VALUES + i;
    }
  builder_init (&b);
  add_record (&b, NULL);
  builder_clear (&b);

  return one;
}

static gboolean
build (RosterImportPlan          *plan,
       RosterCsvReader           *reader,
       const RosterImportMapping *mapping,
       GCancellable              *cancellable,
       GError                   **error)
{
  Builder b = { .plan = plan };
  GPtrArray *file_problems;
  gboolean ok = TRUE;

  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    b.columns[i] = roster_import_mapping_get_column (mapping, i);
  b.default_country_code = roster_import_mapping_get_default_country_code (mapping);
  b.tidy = roster_import_mapping_get_tidy (mapping);
  plan->default_country_code = g_strdup (b.default_country_code);
  plan->tidy = b.tidy;
  b.corrections = mapping;
  builder_init (&b);
  b.extra_columns = roster_import_mapping_dup_extra_columns (mapping, &plan->n_extras);
  plan->extra_labels = g_new0 (const char *, plan->n_extras + 1);
  for (guint i = 0; i < plan->n_extras; i++)
    plan->extra_labels[i] = store (plan, roster_import_mapping_get_extra (mapping, b.extra_columns[i]), TRUE);

  for (guint n = 1; ; n++)
    {
      RosterCsvRecord *record = NULL;

      if ((n - 1) % CHECK_CANCEL_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (!roster_csv_reader_read_record (reader, &record, cancellable, error))
        {
          ok = error == NULL || *error == NULL;
          break;
        }
      add_record (&b, record);
      roster_csv_record_unref (record);
    }

  if (ok)
    {
      file_problems = roster_csv_reader_get_problems (reader);
      for (guint i = 0; i < file_problems->len; i++)
        {
          RosterCsvProblem *problem = g_ptr_array_index (file_problems, i);

          add_problem (plan, plan->file_problems, G_MAXUINT, problem->line,
                       roster_csv_problem_is_error (problem) ? ROSTER_IMPORT_SEVERITY_ERROR
                                                             : ROSTER_IMPORT_SEVERITY_WARNING,
                       g_strdup (problem->message));
        }
    }

  builder_clear (&b);

  return ok;
}

/* Reads every record of @reader (synchronously: call it from a worker thread, or use
 * roster_import_plan_new_async). */
RosterImportPlan *
roster_import_plan_new (RosterCsvReader           *reader,
                        const RosterImportMapping *mapping,
                        GCancellable              *cancellable,
                        GError                   **error)
{
  g_autoptr(RosterImportPlan) self = NULL;

  g_return_val_if_fail (ROSTER_IS_CSV_READER (reader), NULL);
  g_return_val_if_fail (mapping != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ROSTER_TYPE_IMPORT_PLAN, NULL);
  if (!build (self, reader, mapping, cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

typedef struct
{
  RosterCsvReader     *reader;
  RosterImportMapping *mapping;
} NewData;

static void
new_data_free (NewData *data)
{
  g_object_unref (data->reader);
  roster_import_mapping_free (data->mapping);
  g_free (data);
}

static void
new_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  NewData *data = task_data;
  GError *error = NULL;
  RosterImportPlan *plan = roster_import_plan_new (data->reader, data->mapping, cancellable, &error);

  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, g_object_unref);
}

/* Builds the plan in a worker thread; @reader must not be used elsewhere until it is done. */
void
roster_import_plan_new_async (RosterCsvReader           *reader,
                              const RosterImportMapping *mapping,
                              GCancellable              *cancellable,
                              GAsyncReadyCallback        callback,
                              gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  NewData *data;

  g_return_if_fail (ROSTER_IS_CSV_READER (reader));
  g_return_if_fail (mapping != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_import_plan_new_async);
  data = g_new0 (NewData, 1);
  data->reader = g_object_ref (reader);
  data->mapping = roster_import_mapping_copy (mapping);
  g_task_set_task_data (task, data, (GDestroyNotify) new_data_free);
  g_task_run_in_thread (task, new_in_thread);
}

RosterImportPlan *
roster_import_plan_new_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_import_plan_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Access --------------------------------------------------------------------------------- */

guint
roster_import_plan_get_n_rows (RosterImportPlan *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), 0);

  return self->rows->len;
}

guint
roster_import_plan_get_count (RosterImportPlan     *self,
                              RosterImportRowState  status)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), 0);
  g_return_val_if_fail (status < ROSTER_IMPORT_N_ROW_STATES, 0);

  return self->counts[status];
}

RosterImportRowState
roster_import_plan_get_row_status (RosterImportPlan *self,
                                   guint             row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), ROSTER_IMPORT_ROW_INVALID);
  g_return_val_if_fail (row < self->rows->len, ROSTER_IMPORT_ROW_INVALID);

  return plan_get_row (self, row)->status;
}

guint
roster_import_plan_get_row_line (RosterImportPlan *self,
                                 guint             row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), 0);
  g_return_val_if_fail (row < self->rows->len, 0);

  return plan_get_row (self, row)->line;
}

/* The cleaned value ("" when empty): email and names trimmed, the country code as "+N", the
 * phone as digits (as written when it is not valid).  FULL_NAME has no value of its own: it
 * was split into the first and last name. */
const char *
roster_import_plan_get_row_value (RosterImportPlan  *self,
                                  guint              row,
                                  RosterImportField  field)
{
  Row *r;

  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  g_return_val_if_fail (field < ROSTER_IMPORT_N_FIELDS, NULL);

  r = plan_get_row (self, row);
  switch (field)
    {
    case ROSTER_IMPORT_FIELD_EMAIL:
      return r->values[VALUE_EMAIL];
    case ROSTER_IMPORT_FIELD_FIRST_NAME:
      return r->values[VALUE_FIRST_NAME];
    case ROSTER_IMPORT_FIELD_LAST_NAME:
      return r->values[VALUE_LAST_NAME];
    case ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE:
      return r->values[VALUE_PHONE_COUNTRY_CODE];
    case ROSTER_IMPORT_FIELD_PHONE:
      return r->values[VALUE_PHONE];
    case ROSTER_IMPORT_FIELD_FULL_NAME:
    case ROSTER_IMPORT_N_FIELDS:
    default:
      return NULL;
    }
}

/* The line of the earlier row with the same email, or 0. */
guint
roster_import_plan_get_row_duplicate_of (RosterImportPlan *self,
                                         guint             row)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), 0);
  g_return_val_if_fail (row < self->rows->len, 0);

  return plan_get_row (self, row)->duplicate_of;
}

guint
roster_import_plan_get_n_extras (RosterImportPlan *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), 0);

  return self->n_extras;
}

const char *
roster_import_plan_get_extra_label (RosterImportPlan *self,
                                    guint             extra)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), NULL);
  g_return_val_if_fail (extra < self->n_extras, NULL);

  return self->extra_labels[extra];
}

const char *
roster_import_plan_get_row_extra (RosterImportPlan *self,
                                  guint             row,
                                  guint             extra)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  g_return_val_if_fail (extra < self->n_extras, NULL);

  return g_ptr_array_index (self->extra_values, (gsize) row * self->n_extras + extra);
}

/* Sets *@problems to the row's problems and returns how many there are. */
guint
roster_import_plan_get_row_problems (RosterImportPlan           *self,
                                     guint                       row,
                                     const RosterImportProblem **problems)
{
  Row *r;

  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), 0);
  g_return_val_if_fail (row < self->rows->len, 0);
  g_return_val_if_fail (problems != NULL, 0);

  r = plan_get_row (self, row);
  *problems = r->n_problems > 0 ? &g_array_index (self->problems, RosterImportProblem, r->first_problem) : NULL;

  return r->n_problems;
}

guint
roster_import_plan_get_n_problems (RosterImportPlan *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), 0);

  return self->problems->len + self->file_problems->len;
}

/* The rows' problems in line order, then those outside rows (the header's, blank rows'). */
const RosterImportProblem *
roster_import_plan_get_problem (RosterImportPlan *self,
                                guint             index)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), NULL);
  g_return_val_if_fail (index < self->problems->len + self->file_problems->len, NULL);

  if (index < self->problems->len)
    return &g_array_index (self->problems, RosterImportProblem, index);

  return &g_array_index (self->file_problems, RosterImportProblem, index - self->problems->len);
}

/* The changes the mapping's tidying made or proposes, in row order. */
guint
roster_import_plan_get_n_changes (RosterImportPlan *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), 0);

  return self->changes->len;
}

const RosterImportChange *
roster_import_plan_get_change (RosterImportPlan *self,
                               guint             index)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PLAN (self), NULL);
  g_return_val_if_fail (index < self->changes->len, NULL);

  return &g_array_index (self->changes, RosterImportChange, index);
}
