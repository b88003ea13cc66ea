/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The countries whose phone numbers Roster completes: calling code and national trunk prefix,
 * found by ISO code, English or German name, or calling code.  A table, not a phone library:
 * enough to turn "0151 1234567" in Germany into +49 1511234567, not to validate numbers. */

typedef struct
{
  const char *iso;           /* "DE" */
  const char *calling_code;  /* "+49" */
  const char *trunk_prefix;  /* dialled before a national number: "0", "8", "06", "1", or "" */
  gboolean    keep_trunk;    /* Italy (and San Marino): the 0 is part of the number */
  const char *name_en;
  const char *name_de;
} RosterCountry;

const RosterCountry *roster_country_get_all               (guint      *n_countries);
const RosterCountry *roster_country_lookup                (const char *name_or_code);
const RosterCountry *roster_country_for_calling_code      (const char *calling_code);
const RosterCountry *roster_country_for_locale            (const char *locale);
const RosterCountry *roster_country_guess_from_environment (void);
char                *roster_country_complete_national     (const RosterCountry *country,
                                                           const char          *digits);

G_END_DECLS
