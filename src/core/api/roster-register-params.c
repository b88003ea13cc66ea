/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-register-params"

#include "config.h"

#include "roster-form.h"
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
        roster_form_add_string (form, key, value);
    }

  roster_form_add_int (form, "webinar_id", self->webinar_id);
  roster_form_add_int (form, "schedule", self->schedule_id);
  roster_form_add_string (form, "first_name", self->first_name);
  roster_form_add_string (form, "last_name", self->last_name);
  roster_form_add_string (form, "email", self->email);
  roster_form_add_string (form, "date", self->date);
  roster_form_add_string (form, "timezone", self->timezone);
  roster_form_add_string (form, "phone_country_code", self->phone_country_code);
  roster_form_add_string (form, "phone", self->phone);
  if (self->twilio_consent >= 0)
    roster_form_add_string (form, "twilio_consent", self->twilio_consent ? "1" : "0");
  roster_form_add_string (form, "ip_address", self->ip_address);
  roster_form_add_string (form, "country", self->country);
  roster_form_add_string (form, "state", self->state);
  if (self->timezone_id > 0)
    roster_form_add_int (form, "timezone_id", self->timezone_id);
}
