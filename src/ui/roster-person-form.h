/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-register-params.h"

G_BEGIN_DECLS

/* The fields of the form, in order. */
typedef enum
{
  ROSTER_PERSON_FIELD_FIRST_NAME,
  ROSTER_PERSON_FIELD_LAST_NAME,
  ROSTER_PERSON_FIELD_EMAIL,
  ROSTER_PERSON_FIELD_COUNTRY_CODE,
  ROSTER_PERSON_FIELD_PHONE,
  ROSTER_PERSON_N_FIELDS
} RosterPersonField;

#define ROSTER_TYPE_PERSON_FORM (roster_person_form_get_type ())

G_DECLARE_FINAL_TYPE (RosterPersonForm, roster_person_form, ROSTER, PERSON_FORM, GtkBox)

GtkWidget *roster_person_form_new                    (void);
gboolean   roster_person_form_get_valid              (RosterPersonForm     *self);
void       roster_person_form_set_last_name_required (RosterPersonForm     *self,
                                                      gboolean              required);
void       roster_person_form_fill_params            (RosterPersonForm     *self,
                                                      RosterRegisterParams *params);
char      *roster_person_form_dup_text               (RosterPersonForm     *self,
                                                      RosterPersonField     field);
void       roster_person_form_reveal_problems        (RosterPersonForm     *self);
GtkWidget *roster_person_form_mark_error             (RosterPersonForm     *self,
                                                      RosterPersonField     field);
void       roster_person_form_clear_errors           (RosterPersonForm     *self);
void       roster_person_form_focus                  (RosterPersonForm     *self,
                                                      RosterPersonField     field);
void       roster_person_form_reset                  (RosterPersonForm     *self);

G_END_DECLS
