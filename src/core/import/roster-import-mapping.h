/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Which CSV column feeds which registration field.  Guessed from the header names that
 * Mailchimp, HubSpot, Google Contacts, Outlook and spreadsheets write (also in German, French
 * and Spanish), matched ignoring case, spaces, accents and punctuation; every choice can be
 * overridden.  Columns that feed no built-in field can be sent as custom registration fields
 * ("extras"), each under a label. */

typedef enum
{
  ROSTER_IMPORT_FIELD_EMAIL,
  ROSTER_IMPORT_FIELD_FIRST_NAME,
  ROSTER_IMPORT_FIELD_LAST_NAME,
  ROSTER_IMPORT_FIELD_FULL_NAME,           /* split into first and last where those are empty */
  ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE,
  ROSTER_IMPORT_FIELD_PHONE,
  ROSTER_IMPORT_N_FIELDS,
} RosterImportField;

typedef struct _RosterImportMapping RosterImportMapping;

#define ROSTER_TYPE_IMPORT_MAPPING (roster_import_mapping_get_type ())

GType                roster_import_mapping_get_type        (void) G_GNUC_CONST;
RosterImportMapping *roster_import_mapping_new             (guint                      n_columns);
RosterImportMapping *roster_import_mapping_guess           (const char * const        *header);
RosterImportMapping *roster_import_mapping_copy            (const RosterImportMapping *self);
void                 roster_import_mapping_free            (RosterImportMapping       *self);

guint                roster_import_mapping_get_n_columns   (const RosterImportMapping *self);
const char          *roster_import_mapping_get_column_name (const RosterImportMapping *self,
                                                            guint                      column);
int                  roster_import_mapping_get_column      (const RosterImportMapping *self,
                                                            RosterImportField          field);
void                 roster_import_mapping_set_column      (RosterImportMapping       *self,
                                                            RosterImportField          field,
                                                            int                        column);
const char          *roster_import_mapping_get_extra       (const RosterImportMapping *self,
                                                            guint                      column);
void                 roster_import_mapping_set_extra       (RosterImportMapping       *self,
                                                            guint                      column,
                                                            const char                *label);
guint                roster_import_mapping_guess_extras    (RosterImportMapping       *self,
                                                            const char * const        *labels);
guint               *roster_import_mapping_dup_extra_columns (const RosterImportMapping *self,
                                                            guint                     *n_extras);
const char          *roster_import_mapping_get_default_country_code (const RosterImportMapping *self);
gboolean             roster_import_mapping_set_default_country_code (RosterImportMapping       *self,
                                                            const char                *code);
guint                roster_import_mapping_get_tidy        (const RosterImportMapping *self);
void                 roster_import_mapping_set_tidy        (RosterImportMapping       *self,
                                                            guint                      kinds);
void                 roster_import_mapping_set_email_correction (RosterImportMapping  *self,
                                                            const char                *before,
                                                            const char                *after);
const char          *roster_import_mapping_get_email_correction (const RosterImportMapping *self,
                                                            const char                *email);

const char          *roster_import_field_to_string         (RosterImportField          field);
char                *roster_import_normalise_header        (const char                *name);
char                *roster_import_header_signature        (const char * const        *header);
gboolean             roster_import_split_full_name         (const char                *full_name,
                                                            char                     **first_name,
                                                            char                     **last_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterImportMapping, roster_import_mapping_free)

G_END_DECLS
