/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-country"

#include "config.h"

#include <string.h>

#include "roster-country.h"

/* The countries most contact lists come from.  Where several share a calling code (+1, +7) the
 * first is the one a bare calling code means.  Trunk prefixes: the digits dialled before a
 * national number inside the country, dropped after the calling code; Italy keeps its 0, Russia
 * and Kazakhstan dial 8, Hungary 06, the NANP countries 1; Spain, Portugal, Denmark, Norway,
 * Poland, Czechia, Greece, Luxembourg, Mexico and Singapore have none. */
static const RosterCountry countries[] = {
  { "US", "+1",   "1",  FALSE, "United States",        "Vereinigte Staaten" },
  { "CA", "+1",   "1",  FALSE, "Canada",               "Kanada" },
  { "RU", "+7",   "8",  FALSE, "Russia",               "Russland" },
  { "KZ", "+7",   "8",  FALSE, "Kazakhstan",           "Kasachstan" },
  { "ZA", "+27",  "0",  FALSE, "South Africa",         "Südafrika" },
  { "GR", "+30",  "",   FALSE, "Greece",               "Griechenland" },
  { "NL", "+31",  "0",  FALSE, "Netherlands",          "Niederlande" },
  { "BE", "+32",  "0",  FALSE, "Belgium",              "Belgien" },
  { "FR", "+33",  "0",  FALSE, "France",               "Frankreich" },
  { "ES", "+34",  "",   FALSE, "Spain",                "Spanien" },
  { "HU", "+36",  "06", FALSE, "Hungary",              "Ungarn" },
  { "IT", "+39",  "0",  TRUE,  "Italy",                "Italien" },
  { "RO", "+40",  "0",  FALSE, "Romania",              "Rumänien" },
  { "CH", "+41",  "0",  FALSE, "Switzerland",          "Schweiz" },
  { "AT", "+43",  "0",  FALSE, "Austria",              "Österreich" },
  { "GB", "+44",  "0",  FALSE, "United Kingdom",       "Vereinigtes Königreich" },
  { "DK", "+45",  "",   FALSE, "Denmark",              "Dänemark" },
  { "SE", "+46",  "0",  FALSE, "Sweden",               "Schweden" },
  { "NO", "+47",  "",   FALSE, "Norway",               "Norwegen" },
  { "PL", "+48",  "",   FALSE, "Poland",               "Polen" },
  { "DE", "+49",  "0",  FALSE, "Germany",              "Deutschland" },
  { "MX", "+52",  "",   FALSE, "Mexico",               "Mexiko" },
  { "AR", "+54",  "0",  FALSE, "Argentina",            "Argentinien" },
  { "BR", "+55",  "0",  FALSE, "Brazil",               "Brasilien" },
  { "CO", "+57",  "0",  FALSE, "Colombia",             "Kolumbien" },
  { "MY", "+60",  "0",  FALSE, "Malaysia",             "Malaysia" },
  { "AU", "+61",  "0",  FALSE, "Australia",            "Australien" },
  { "ID", "+62",  "0",  FALSE, "Indonesia",            "Indonesien" },
  { "PH", "+63",  "0",  FALSE, "Philippines",          "Philippinen" },
  { "NZ", "+64",  "0",  FALSE, "New Zealand",          "Neuseeland" },
  { "SG", "+65",  "",   FALSE, "Singapore",            "Singapur" },
  { "TH", "+66",  "0",  FALSE, "Thailand",             "Thailand" },
  { "JP", "+81",  "0",  FALSE, "Japan",                "Japan" },
  { "KR", "+82",  "0",  FALSE, "South Korea",          "Südkorea" },
  { "CN", "+86",  "0",  FALSE, "China",                "China" },
  { "TR", "+90",  "0",  FALSE, "Turkey",               "Türkei" },
  { "IN", "+91",  "0",  FALSE, "India",                "Indien" },
  { "PT", "+351", "",   FALSE, "Portugal",             "Portugal" },
  { "LU", "+352", "",   FALSE, "Luxembourg",           "Luxemburg" },
  { "IE", "+353", "0",  FALSE, "Ireland",              "Irland" },
  { "FI", "+358", "0",  FALSE, "Finland",              "Finnland" },
  { "UA", "+380", "0",  FALSE, "Ukraine",              "Ukraine" },
  { "HR", "+385", "0",  FALSE, "Croatia",              "Kroatien" },
  { "SI", "+386", "0",  FALSE, "Slovenia",             "Slowenien" },
  { "CZ", "+420", "",   FALSE, "Czechia",              "Tschechien" },
  { "SK", "+421", "0",  FALSE, "Slovakia",             "Slowakei" },
  { "LI", "+423", "",   FALSE, "Liechtenstein",        "Liechtenstein" },
  { "AE", "+971", "0",  FALSE, "United Arab Emirates", "Vereinigte Arabische Emirate" },
  { "IL", "+972", "0",  FALSE, "Israel",               "Israel" },
};

/* Other names people write in a country column. */
static const struct { const char *name; const char *iso; } aliases[] = {
  { "usa", "US" }, { "united states of america", "US" }, { "america", "US" }, { "vereinigte staaten von amerika", "US" },
  { "uk", "GB" }, { "great britain", "GB" }, { "england", "GB" }, { "scotland", "GB" }, { "wales", "GB" },
  { "grossbritannien", "GB" }, { "holland", "NL" }, { "the netherlands", "NL" },
  { "czech republic", "CZ" }, { "tschechische republik", "CZ" }, { "korea", "KR" },
  { "russian federation", "RU" }, { "uae", "AE" }, { "suisse", "CH" }, { "espana", "ES" },
  { "italia", "IT" },
};

/* Lower case, no accents, no white space around, for comparing names. */
static char *
fold_name (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name, -1);
  g_autofree char *decomposed = g_utf8_normalize (g_strstrip (valid), -1, G_NORMALIZE_NFD);
  g_autoptr(GString) out = g_string_new (NULL);

  if (decomposed != NULL)
    for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar ch = g_utf8_get_char (p);

        if (g_unichar_ismark (ch))
          continue;
        /* "ß" folds as "ss", "ö" as "o" (the mark dropped): "grossbritannien" for both spellings. */
        g_string_append_unichar (out, ch);
      }

  return g_utf8_casefold (out->str, -1);
}

static const RosterCountry *
for_iso (const char *iso)
{
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_ascii_strcasecmp (countries[i].iso, iso) == 0)
      return &countries[i];

  return NULL;
}

/* Every country of the table, for a chooser; @n_countries is set to how many. */
const RosterCountry *
roster_country_get_all (guint *n_countries)
{
  g_return_val_if_fail (n_countries != NULL, NULL);

  *n_countries = G_N_ELEMENTS (countries);
  return countries;
}

/**
 * roster_country_lookup:
 * @name_or_code: an ISO 3166 code ("DE", "deu" is not known), an English or German name
 *   ("Germany", "Deutschland", "Österreich"), or a calling code ("+49", "0049", "49")
 *
 * Returns: (nullable): the country, or NULL when the table has none such.
 */
const RosterCountry *
roster_country_lookup (const char *name_or_code)
{
  g_autofree char *folded = NULL;
  const char *p;

  g_return_val_if_fail (name_or_code != NULL, NULL);

  folded = fold_name (name_or_code);
  if (folded[0] == '\0')
    return NULL;

  p = folded;
  if (*p == '+' || g_ascii_isdigit (*p))
    return roster_country_for_calling_code (p);

  if (strlen (folded) == 2 && for_iso (folded) != NULL)
    return for_iso (folded);

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    {
      g_autofree char *en = fold_name (countries[i].name_en);
      g_autofree char *de = fold_name (countries[i].name_de);

      if (g_str_equal (folded, en) || g_str_equal (folded, de))
        return &countries[i];
    }
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (folded, aliases[i].name))
      return for_iso (aliases[i].iso);

  return NULL;
}

/* "+49", "49", "0049": the first country with that calling code. */
const RosterCountry *
roster_country_for_calling_code (const char *calling_code)
{
  const char *p = calling_code;

  g_return_val_if_fail (calling_code != NULL, NULL);

  while (*p == ' ')
    p++;
  if (*p == '+')
    p++;
  else if (p[0] == '0' && p[1] == '0')
    p += 2;
  if (*p == '\0')
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_str_equal (countries[i].calling_code + 1, p))
      return &countries[i];

  return NULL;
}

/* The territory of a POSIX locale name: "de_AT.UTF-8@euro" is Austria.  "C", "POSIX" and a
 * language alone ("de") name no country. */
const RosterCountry *
roster_country_for_locale (const char *locale)
{
  const char *underscore;
  char iso[3];

  if (locale == NULL || (underscore = strchr (locale, '_')) == NULL)
    return NULL;
  if (!g_ascii_isalpha (underscore[1]) || !g_ascii_isalpha (underscore[2]) ||
      g_ascii_isalpha (underscore[3]))
    return NULL;
  iso[0] = underscore[1];
  iso[1] = underscore[2];
  iso[2] = '\0';

  return for_iso (iso);
}

/* The default country for national numbers: the territory of the first of LC_ALL,
 * LC_TELEPHONE, LC_ADDRESS and LANG that is set and names one; NULL when none does. */
const RosterCountry *
roster_country_guess_from_environment (void)
{
  static const char *const variables[] = { "LC_ALL", "LC_TELEPHONE", "LC_ADDRESS", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = g_getenv (variables[i]);

      if (value != NULL && value[0] != '\0')
        {
          const RosterCountry *country = roster_country_for_locale (value);

          if (country != NULL)
            return country;
          /* LC_ALL=C.UTF-8 overrides everything else for the C library; do as it does. */
          if (i == 0)
            return NULL;
        }
    }

  return NULL;
}

/* @digits, a number dialled inside @country, without its trunk prefix: the national
 * significant number that follows the calling code.  Italy's 0 stays; the NANP "1" and
 * Russia's "8" go only from a number one digit longer than a national one (eleven digits), so
 * that a number that happens to start with that digit is not cut. */
char *
roster_country_complete_national (const RosterCountry *country,
                                  const char          *digits)
{
  gsize trunk_len;

  g_return_val_if_fail (country != NULL, NULL);
  g_return_val_if_fail (digits != NULL, NULL);

  trunk_len = strlen (country->trunk_prefix);
  if (country->keep_trunk || trunk_len == 0 || !g_str_has_prefix (digits, country->trunk_prefix))
    return g_strdup (digits);
  if (country->trunk_prefix[0] != '0' && strlen (digits) != 11)
    return g_strdup (digits);

  return g_strdup (digits + trunk_len);
}
