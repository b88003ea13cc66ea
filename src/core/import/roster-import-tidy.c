/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-tidy"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "roster-contact.h"
#include "roster-import-tidy.h"

/* Whether roster_contact_strip_invisible() can change @value: only non-ASCII bytes and white
 * space at the ends can, so the usual value costs no allocation. */
static gboolean
may_need_strip (const char *value)
{
  gsize len = strlen (value);

  if (len > 0 && (g_ascii_isspace (value[0]) || g_ascii_isspace (value[len - 1])))
    return TRUE;
  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return TRUE;

  return FALSE;
}

static gboolean
replace (GString *buf,
         char    *tidied)
{
  gboolean changed = tidied != NULL && !g_str_equal (tidied, buf->str);

  if (changed)
    g_string_assign (buf, tidied);
  g_free (tidied);

  return changed;
}

/**
 * roster_import_tidy_field:
 * @kinds: the kinds switched on
 * @field: which field @value is
 * @value: the value as the file has it
 * @buf: set to the value tidied
 *
 * Returns: the kinds that changed the value, or %ROSTER_IMPORT_TIDY_NONE.
 */
RosterImportTidy
roster_import_tidy_field (RosterImportTidy   kinds,
                          RosterImportField  field,
                          const char        *value,
                          GString           *buf)
{
  RosterImportTidy changed = ROSTER_IMPORT_TIDY_NONE;
  gboolean is_name = field == ROSTER_IMPORT_FIELD_FIRST_NAME || field == ROSTER_IMPORT_FIELD_LAST_NAME ||
                     field == ROSTER_IMPORT_FIELD_FULL_NAME;

  g_string_assign (buf, value);
  if (value[0] == '\0')
    return changed;

  if ((kinds & ROSTER_IMPORT_TIDY_TRIM) && may_need_strip (value) &&
      replace (buf, roster_contact_strip_invisible (value)))
    changed |= ROSTER_IMPORT_TIDY_TRIM;

  if ((kinds & ROSTER_IMPORT_TIDY_EMAIL_DOMAIN) && field == ROSTER_IMPORT_FIELD_EMAIL &&
      replace (buf, roster_contact_lower_email_domain (buf->str)))
    changed |= ROSTER_IMPORT_TIDY_EMAIL_DOMAIN;

  if ((kinds & ROSTER_IMPORT_TIDY_TITLE_CASE) && is_name &&
      replace (buf, roster_contact_title_case_name (buf->str)))
    changed |= ROSTER_IMPORT_TIDY_TITLE_CASE;

  if ((kinds & ROSTER_IMPORT_TIDY_COUNTRY_NAME) && field == ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE)
    {
      g_autofree char *code = roster_contact_normalise_country_code (buf->str, NULL);

      /* Only a name is the country-name kind's: a code is cleaned as it always was. */
      if (code == NULL && replace (buf, roster_contact_country_to_code (buf->str)))
        changed |= ROSTER_IMPORT_TIDY_COUNTRY_NAME;
    }

  return changed;
}

/* The change's kind in words, for a list of changes: the first of @kinds. */
const char *
roster_import_tidy_describe (RosterImportTidy kinds)
{
  if (kinds & ROSTER_IMPORT_TIDY_TRIM)
    return _("Spaces and invisible characters removed");
  if (kinds & ROSTER_IMPORT_TIDY_EMAIL_DOMAIN)
    return _("Email domain in lower case");
  if (kinds & ROSTER_IMPORT_TIDY_SPLIT_NAME)
    return _("Full name split");
  if (kinds & ROSTER_IMPORT_TIDY_TITLE_CASE)
    return _("Name in title case");
  if (kinds & ROSTER_IMPORT_TIDY_PHONE)
    return _("Phone number in international form");
  if (kinds & ROSTER_IMPORT_TIDY_COUNTRY_NAME)
    return _("Country as its calling code");
  if (kinds & ROSTER_IMPORT_TIDY_EMAIL_SUGGESTION)
    return _("Suggested email address");

  return "";
}
