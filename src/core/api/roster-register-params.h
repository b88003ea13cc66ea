/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What `register` sends for one person. Strings may be NULL (not sent). */
typedef struct
{
  gint64      webinar_id;
  gint64      schedule_id;
  char       *first_name;
  char       *last_name;
  char       *email;
  char       *date;               /* "YYYY-MM-DD HH:MM", one session of a series */
  char       *timezone;           /* "GMT+2", when the webinar uses attendee zones */
  char       *phone_country_code; /* "+1" */
  char       *phone;              /* digits */
  int         twilio_consent;     /* -1 not sent, else 0 or 1 */
  char       *ip_address;
  char       *country;
  char       *state;
  int         timezone_id;        /* 0 not sent, 2 Mountain, 3 Central (Texas) */
  GHashTable *custom_fields;      /* label -> value, may be NULL */
} RosterRegisterParams;

#define ROSTER_TYPE_REGISTER_PARAMS (roster_register_params_get_type ())

GType                 roster_register_params_get_type (void) G_GNUC_CONST;
RosterRegisterParams *roster_register_params_new      (void);
RosterRegisterParams *roster_register_params_copy     (const RosterRegisterParams *self);
void                  roster_register_params_free     (RosterRegisterParams       *self);
void                  roster_register_params_add_to_form (const RosterRegisterParams *self,
                                                          GHashTable                 *form);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterRegisterParams, roster_register_params_free)

G_END_DECLS
