/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-register-params"

#include "config.h"

#include "roster-register-params.h"

G_DEFINE_BOXED_TYPE (RosterRegisterParams, roster_register_params,
                     roster_register_params_copy, roster_register_params_free)

RosterRegisterParams *
roster_register_params_new (void)
{
  RosterRegisterParams *self = g_new0 (RosterRegisterParams, 1);

  self->twilio_consent = -1;

  return self;
}

RosterRegisterParams *
roster_register_params_copy (const RosterRegisterParams *self)
{
  RosterRegisterParams *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->first_name = g_strdup (self->first_name);
  copy->last_name = g_strdup (self->last_name);
  copy->email = g_strdup (self->email);
  copy->date = g_strdup (self->date);
  copy->timezone = g_strdup (self->timezone);
  copy->phone_country_code = g_strdup (self->phone_country_code);
  copy->phone = g_strdup (self->phone);
  copy->ip_address = g_strdup (self->ip_address);
  copy->country = g_strdup (self->country);
  copy->state = g_strdup (self->state);
  copy->custom_fields = NULL;
  if (self->custom_fields != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      copy->custom_fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, self->custom_fields);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (copy->custom_fields, g_strdup (key), g_strdup (value));
    }

  return copy;
}

void
roster_register_params_free (RosterRegisterParams *self)
{
  if (self == NULL)
    return;

  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->email);
  g_free (self->date);
  g_free (self->timezone);
  g_free (self->phone_country_code);
  g_free (self->phone);
  g_free (self->ip_address);
  g_free (self->country);
  g_free (self->state);
  g_clear_pointer (&self->custom_fields, g_hash_table_unref);
  g_free (self);
}

static void
add_string (GHashTable *form,
            const char *name,
            const char *value)
{
  if (value != NULL && *value != '\0')
    g_hash_table_insert (form, g_strdup (name), g_strdup (value));
}

/* Adds every field to a form (name -> value, both owned by the table) for `register`. */
void
roster_register_params_add_to_form (const RosterRegisterParams *self,
                                    GHashTable                 *form)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (form != NULL);

  /* Custom fields first, so that a label equal to a standard field cannot replace it. */
  if (self->custom_fields != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->custom_fields);
      while (g_hash_table_iter_next (&iter, &key, &value))
        add_string (form, key, value);
    }

  g_hash_table_insert (form, g_strdup ("webinar_id"), g_strdup_printf ("%" G_GINT64_FORMAT, self->webinar_id));
  g_hash_table_insert (form, g_strdup ("schedule"), g_strdup_printf ("%" G_GINT64_FORMAT, self->schedule_id));
  add_string (form, "first_name", self->first_name);
  add_string (form, "last_name", self->last_name);
  add_string (form, "email", self->email);
  add_string (form, "date", self->date);
  add_string (form, "timezone", self->timezone);
  add_string (form, "phone_country_code", self->phone_country_code);
  add_string (form, "phone", self->phone);
  if (self->twilio_consent >= 0)
    add_string (form, "twilio_consent", self->twilio_consent ? "1" : "0");
  add_string (form, "ip_address", self->ip_address);
  add_string (form, "country", self->country);
  add_string (form, "state", self->state);
  if (self->timezone_id > 0)
    g_hash_table_insert (form, g_strdup ("timezone_id"), g_strdup_printf ("%d", self->timezone_id));
}
