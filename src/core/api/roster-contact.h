/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "roster-register-params.h"

G_BEGIN_DECLS

/* The rules for a person's contact details, the same for the register dialog, the import and
 * roster-cli: what a valid email, phone number, country code and name is, and the form each
 * is sent in.  Each roster_contact_normalise_*() returns the value as it is sent, or NULL and
 * one error, in words for the user, about that field. */

#define ROSTER_CONTACT_ERROR (roster_contact_error_quark ())

typedef enum
{
  ROSTER_CONTACT_ERROR_MISSING,  /* a required field is empty */
  ROSTER_CONTACT_ERROR_INVALID,  /* not in a form the rule takes */
  ROSTER_CONTACT_ERROR_CONFLICT, /* the phone number's own country code is not the one given */
} RosterContactError;

/* A person's fields, in the order roster_contact_normalise_person() checks them. */
typedef enum
{
  ROSTER_CONTACT_FIELD_EMAIL,
  ROSTER_CONTACT_FIELD_FIRST_NAME,
  ROSTER_CONTACT_FIELD_LAST_NAME,
  ROSTER_CONTACT_FIELD_COUNTRY_CODE,
  ROSTER_CONTACT_FIELD_PHONE,
} RosterContactField;

/* "+NNN" and the nul; E.164 numbers have at most 15 digits, and the nul. */
#define ROSTER_CONTACT_COUNTRY_CODE_SIZE 5
#define ROSTER_CONTACT_PHONE_SIZE        16

GQuark      roster_contact_error_quark            (void);

const char *roster_contact_trim_into              (GString     *buf,
                                                   const char  *value);
const char *roster_contact_clean_name_into        (GString     *buf,
                                                   const char  *name);
gboolean    roster_contact_split_phone            (const char  *phone,
                                                   char         country_code[ROSTER_CONTACT_COUNTRY_CODE_SIZE],
                                                   char         digits[ROSTER_CONTACT_PHONE_SIZE]);

gboolean    roster_contact_email_is_valid         (const char  *email);
char       *roster_contact_casefold_email         (const char  *email);
gboolean    roster_contact_same_email             (const char  *a,
                                                   const char  *b);

char       *roster_contact_normalise_email        (const char  *email,
                                                   GError     **error);
char       *roster_contact_normalise_first_name   (const char  *name,
                                                   GError     **error);
char       *roster_contact_normalise_last_name    (const char  *name,
                                                   gboolean     required,
                                                   GError     **error);
char       *roster_contact_normalise_country_code (const char  *code,
                                                   GError     **error);
char       *roster_contact_normalise_phone        (const char  *phone,
                                                   const char  *country_code,
                                                   char       **phone_country_code,
                                                   GError     **error);

/* Tidying, before → after (roster-contact-tidy.c); second opinions (roster-email-check.c). */
char       *roster_contact_strip_invisible        (const char  *value);
char       *roster_contact_lower_email_domain     (const char  *email);
char       *roster_contact_title_case_name        (const char  *name);
char       *roster_contact_country_to_code        (const char  *country);
gboolean    roster_contact_complete_phone         (const char  *phone,
                                                   const char  *country_code,
                                                   char         phone_country_code[ROSTER_CONTACT_COUNTRY_CODE_SIZE],
                                                   char         digits[ROSTER_CONTACT_PHONE_SIZE]);
char       *roster_contact_suggest_email          (const char  *email);
char       *roster_contact_email_mailbox_key      (const char  *email);

gboolean    roster_contact_normalise_person       (RosterRegisterParams  *params,
                                                   gboolean               last_name_required,
                                                   RosterContactField    *field,
                                                   GError               **error);

G_END_DECLS
