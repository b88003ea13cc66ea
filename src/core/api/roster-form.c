/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-form"

#include "config.h"

#include "roster-form.h"

/* Every call is a POST form: a table of name -> value, both owned by the table. The client,
 * the register parameters and the registrant filter all fill the same kind. */

GHashTable *
roster_form_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Numbers go out in decimal, as the API reads them. */
void
roster_form_add_int (GHashTable *form,
                     const char *name,
                     gint64      value)
{
  g_return_if_fail (form != NULL);
  g_return_if_fail (name != NULL);

  g_hash_table_insert (form, g_strdup (name), g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

/* A NULL or empty @value adds nothing: the API reads an empty field as one given. */
void
roster_form_add_string (GHashTable *form,
                        const char *name,
                        const char *value)
{
  g_return_if_fail (form != NULL);
  g_return_if_fail (name != NULL);

  if (value != NULL && *value != '\0')
    g_hash_table_insert (form, g_strdup (name), g_strdup (value));
}
