/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-memory"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-import-memory-private.h"
#include "roster-json-private.h"
#include "roster-import-tidy.h"

/* One remembered mapping: columns by header name (with the position as a tie-break for
 * repeated names), so that it applies to any file of the same layout. */

typedef struct
{
  char *name;   /* the header's name for the column */
  guint index;  /* its position then */
} ColumnRef;

typedef struct
{
  ColumnRef  column;
  char      *label;
} ExtraRef;

struct _RosterImportRemembered
{
  char               *signature;
  GStrv               header;
  ColumnRef           fields[ROSTER_IMPORT_N_FIELDS];  /* name NULL: none */
  GArray             *extras;                          /* ExtraRef */
  RosterImportTarget *target;
  char               *webinar_title;
  guint               tidy;
  char               *default_country_code;
  GDateTime          *saved;
};

G_DEFINE_BOXED_TYPE (RosterImportRemembered, roster_import_remembered,
                     roster_import_remembered_copy, roster_import_remembered_free)

static const struct {
  const char       *key;
  RosterImportTidy  kind;
} tidy_keys[] = {
  { "trim", ROSTER_IMPORT_TIDY_TRIM },
  { "email-domain", ROSTER_IMPORT_TIDY_EMAIL_DOMAIN },
  { "split-name", ROSTER_IMPORT_TIDY_SPLIT_NAME },
  { "title-case", ROSTER_IMPORT_TIDY_TITLE_CASE },
  { "phone", ROSTER_IMPORT_TIDY_PHONE },
  { "country-name", ROSTER_IMPORT_TIDY_COUNTRY_NAME },
  { "email-suggestion", ROSTER_IMPORT_TIDY_EMAIL_SUGGESTION },
  { "same-mailbox", ROSTER_IMPORT_TIDY_SAME_MAILBOX },
};

static void
extra_ref_clear (gpointer data)
{
  ExtraRef *extra = data;

  g_free (extra->column.name);
  g_free (extra->label);
}

static RosterImportRemembered *
remembered_alloc (void)
{
  RosterImportRemembered *self = g_new0 (RosterImportRemembered, 1);

  self->extras = g_array_new (FALSE, TRUE, sizeof (ExtraRef));
  g_array_set_clear_func (self->extras, extra_ref_clear);

  return self;
}

void
roster_import_remembered_free (RosterImportRemembered *self)
{
  if (self == NULL)
    return;

  g_free (self->signature);
  g_strfreev (self->header);
  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    g_free (self->fields[i].name);
  g_array_unref (self->extras);
  g_clear_pointer (&self->target, roster_import_target_free);
  g_free (self->webinar_title);
  g_free (self->default_country_code);
  g_clear_pointer (&self->saved, g_date_time_unref);
  g_free (self);
}

RosterImportRemembered *
roster_import_remembered_copy (const RosterImportRemembered *self)
{
  RosterImportRemembered *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = remembered_alloc ();
  copy->signature = g_strdup (self->signature);
  copy->header = g_strdupv (self->header);
  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    {
      copy->fields[i].name = g_strdup (self->fields[i].name);
      copy->fields[i].index = self->fields[i].index;
    }
  for (guint i = 0; i < self->extras->len; i++)
    {
      const ExtraRef *extra = &g_array_index (self->extras, ExtraRef, i);
      ExtraRef dup = { { g_strdup (extra->column.name), extra->column.index }, g_strdup (extra->label) };

      g_array_append_val (copy->extras, dup);
    }
  copy->target = self->target != NULL ? roster_import_target_copy (self->target) : NULL;
  copy->webinar_title = g_strdup (self->webinar_title);
  copy->tidy = self->tidy;
  copy->default_country_code = g_strdup (self->default_country_code);
  copy->saved = g_date_time_ref (self->saved);

  return copy;
}

RosterImportRemembered *
_roster_import_remembered_new (const char * const        *header,
                               const RosterImportMapping *mapping,
                               const RosterImportTarget  *target,
                               const char                *webinar_title,
                               GDateTime                 *saved)
{
  RosterImportRemembered *self = remembered_alloc ();
  guint n = g_strv_length ((char **) header);
  g_autofree guint *extras = NULL;
  guint n_extras = 0;

  self->signature = roster_import_header_signature (header);
  self->header = g_strdupv ((char **) header);
  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    {
      int column = roster_import_mapping_get_column (mapping, i);

      /* A column past the header has no name to find it by again. */
      if (column >= 0 && (guint) column < n)
        {
          self->fields[i].name = g_strdup (header[column]);
          self->fields[i].index = column;
        }
    }
  extras = roster_import_mapping_dup_extra_columns (mapping, &n_extras);
  for (guint i = 0; i < n_extras; i++)
    if (extras[i] < n)
      {
        ExtraRef extra = { { g_strdup (header[extras[i]]), extras[i] },
                           g_strdup (roster_import_mapping_get_extra (mapping, extras[i])) };

        g_array_append_val (self->extras, extra);
      }
  self->target = target != NULL ? roster_import_target_copy (target) : NULL;
  self->webinar_title = g_strdup (webinar_title);
  self->tidy = roster_import_mapping_get_tidy (mapping);
  self->default_country_code = g_strdup (roster_import_mapping_get_default_country_code (mapping));
  self->saved = g_date_time_ref (saved);

  return self;
}

/* ---- Getters ------------------------------------------------------------------------------------ */

const char *
roster_import_remembered_get_signature (const RosterImportRemembered *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->signature;
}

/* The header of the file it was remembered from. */
const char * const *
roster_import_remembered_get_header (const RosterImportRemembered *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->header;
}

/* The target then, or NULL. */
const RosterImportTarget *
roster_import_remembered_get_target (const RosterImportRemembered *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->target;
}

const char *
roster_import_remembered_get_webinar_title (const RosterImportRemembered *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->webinar_title;
}

/* When it was saved (UTC). */
GDateTime *
roster_import_remembered_get_saved (const RosterImportRemembered *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->saved;
}

guint
roster_import_remembered_get_tidy (const RosterImportRemembered *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->tidy;
}

const char *
roster_import_remembered_get_default_country_code (const RosterImportRemembered *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->default_country_code;
}

/* The header name of the column that fed @field, or NULL. */
const char *
roster_import_remembered_get_column_name (const RosterImportRemembered *self,
                                          RosterImportField             field)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (field < ROSTER_IMPORT_N_FIELDS, NULL);

  return self->fields[field].name;
}

/* The column of @header named as @ref: the same position when its name still matches, else
 * the first column of that name; -1 when none is. */
static int
find_column (const char * const *header,
             const ColumnRef    *ref)
{
  g_autofree char *wanted = roster_import_normalise_header (ref->name);
  guint n = g_strv_length ((char **) header);

  if (ref->index < n)
    {
      g_autofree char *there = roster_import_normalise_header (header[ref->index]);

      if (g_str_equal (there, wanted))
        return ref->index;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = roster_import_normalise_header (header[i]);

      if (g_str_equal (name, wanted))
        return i;
    }

  return -1;
}

/**
 * roster_import_remembered_dup_mapping:
 * @header: the header of the file to apply it to (of the same signature)
 *
 * Returns: (transfer full): the mapping, tidying and default country remembered, for @header.
 */
RosterImportMapping *
roster_import_remembered_dup_mapping (const RosterImportRemembered *self,
                                      const char * const           *header)
{
  RosterImportMapping *mapping;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (header != NULL, NULL);

  /* The guess carries the header's names; every field is then set as remembered. */
  mapping = roster_import_mapping_guess (header);
  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    roster_import_mapping_set_column (mapping, i, self->fields[i].name != NULL
                                                  ? find_column (header, &self->fields[i]) : -1);
  for (guint i = 0; i < self->extras->len; i++)
    {
      const ExtraRef *extra = &g_array_index (self->extras, ExtraRef, i);
      int column = find_column (header, &extra->column);

      if (column >= 0)
        roster_import_mapping_set_extra (mapping, column, extra->label);
    }
  roster_import_mapping_set_tidy (mapping, self->tidy);
  roster_import_mapping_set_default_country_code (mapping, self->default_country_code);

  return mapping;
}

/* "3 Dec", with the year when it is not this one's: when a mapping was remembered, in words. */
char *
roster_import_remembered_format_date (GDateTime *saved)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (saved != NULL, NULL);

  local = g_date_time_to_local (saved);
  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: a day this year, as in "your import of 3 Dec"; see strftime(3) */
    return g_date_time_format (local, _("%-d %b"));
  /* Translators: a day of another year, as in "your import of 3 Dec 2025"; see strftime(3) */
  return g_date_time_format (local, _("%-d %b %Y"));
}

/* ---- JSON ------------------------------------------------------------------------------------- */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_column (JsonBuilder     *builder,
            const ColumnRef *ref)
{
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, ref->name);
  json_builder_set_member_name (builder, "index");
  json_builder_add_int_value (builder, ref->index);
}

void
_roster_import_remembered_to_json (const RosterImportRemembered *self,
                                   JsonBuilder                  *builder)
{
  g_autofree char *saved = g_date_time_format_iso8601 (self->saved);

  json_builder_begin_object (builder);
  add_string (builder, "signature", self->signature);

  json_builder_set_member_name (builder, "header");
  json_builder_begin_array (builder);
  for (guint i = 0; self->header[i] != NULL; i++)
    json_builder_add_string_value (builder, self->header[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    if (self->fields[i].name != NULL)
      {
        /* Names, never the enum's numbers. */
        json_builder_set_member_name (builder, roster_import_field_to_string (i));
        json_builder_begin_object (builder);
        add_column (builder, &self->fields[i]);
        json_builder_end_object (builder);
      }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "extras");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->extras->len; i++)
    {
      const ExtraRef *extra = &g_array_index (self->extras, ExtraRef, i);

      json_builder_begin_object (builder);
      add_column (builder, &extra->column);
      add_string (builder, "label", extra->label);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (self->target != NULL)
    {
      json_builder_set_member_name (builder, "webinar_id");
      json_builder_add_int_value (builder, self->target->webinar_id);
      json_builder_set_member_name (builder, "schedule_id");
      json_builder_add_int_value (builder, self->target->schedule_id);
      add_string (builder, "date", self->target->date);
      add_string (builder, "timezone", self->target->timezone);
    }
  add_string (builder, "webinar_title", self->webinar_title);

  json_builder_set_member_name (builder, "tidy");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (tidy_keys); i++)
    if (self->tidy & tidy_keys[i].kind)
      json_builder_add_string_value (builder, tidy_keys[i].key);
  json_builder_end_array (builder);
  add_string (builder, "default_country_code", self->default_country_code);
  add_string (builder, "saved", saved);
  json_builder_end_object (builder);
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The file is never trusted: a member of the wrong type makes the entry damaged. */
static gboolean
read_column (JsonObject *object,
             ColumnRef  *ref)
{
  g_autofree char *name = NULL;
  gint64 index = -1;

  if (object == NULL ||
      !roster_json_get_string (object, "name", ROSTER_JSON_REQUIRED, &name, NULL) ||
      !roster_json_get_int64 (object, "index", ROSTER_JSON_REQUIRED, &index, NULL) ||
      index < 0 || index > G_MAXINT)
    return FALSE;
  ref->name = g_steal_pointer (&name);
  ref->index = index;

  return TRUE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *member,
             char       **value)
{
  return roster_json_get_string (object, member, ROSTER_JSON_OPTIONAL, value, NULL);
}

/* Returns: (nullable): the mapping, or NULL when @object is not one. */
RosterImportRemembered *
_roster_import_remembered_from_json (JsonObject *object)
{
  g_autoptr(RosterImportRemembered) self = remembered_alloc ();
  g_autoptr(GStrvBuilder) header = g_strv_builder_new ();
  g_autofree char *signature = NULL;
  g_autofree char *date = NULL;
  g_autofree char *timezone = NULL;
  g_autofree char *saved = NULL;
  JsonObject *fields;
  JsonArray *array;
  gint64 webinar_id = 0, schedule_id = 0;

  array = get_array (object, "header");
  if (!roster_json_get_string (object, "signature", ROSTER_JSON_REQUIRED, &signature, NULL) || array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return NULL;
      g_strv_builder_add (header, json_node_get_string (node));
    }
  self->header = g_strv_builder_end (header);
  self->signature = roster_import_header_signature ((const char * const *) self->header);
  /* A header that no longer has the signature it was saved under is someone else's edit. */
  if (!g_str_equal (self->signature, signature))
    return NULL;

  fields = get_object (json_object_get_member (object, "fields"));
  for (guint i = 0; fields != NULL && i < ROSTER_IMPORT_N_FIELDS; i++)
    if (json_object_has_member (fields, roster_import_field_to_string (i)) &&
        !read_column (get_object (json_object_get_member (fields, roster_import_field_to_string (i))), &self->fields[i]))
      return NULL;

  array = get_array (object, "extras");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = get_object (json_array_get_element (array, i));
      ExtraRef extra = { { NULL, 0 }, NULL };

      if (!read_column (item, &extra.column) ||
          !roster_json_get_string (item, "label", ROSTER_JSON_REQUIRED, &extra.label, NULL))
        {
          extra_ref_clear (&extra);
          return NULL;
        }
      g_array_append_val (self->extras, extra);
    }

  if (!roster_json_get_int64 (object, "webinar_id", ROSTER_JSON_OPTIONAL, &webinar_id, NULL) ||
      !roster_json_get_int64 (object, "schedule_id", ROSTER_JSON_OPTIONAL, &schedule_id, NULL) ||
      !read_string (object, "date", &date) || !read_string (object, "timezone", &timezone) ||
      !read_string (object, "webinar_title", &self->webinar_title) ||
      !read_string (object, "default_country_code", &self->default_country_code) ||
      !read_string (object, "saved", &saved))
    return NULL;
  if (webinar_id > 0 && schedule_id > 0)
    self->target = roster_import_target_new (webinar_id, schedule_id, date, timezone);

  array = get_array (object, "tidy");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      /* A kind a later version added is skipped, not an error. */
      for (guint k = 0; k < G_N_ELEMENTS (tidy_keys); k++)
        if (g_str_equal (json_node_get_string (node), tidy_keys[k].key))
          self->tidy |= tidy_keys[k].kind;
    }
  self->saved = saved != NULL ? g_date_time_new_from_iso8601 (saved, NULL) : NULL;
  if (self->saved == NULL)
    return NULL;

  return g_steal_pointer (&self);
}
