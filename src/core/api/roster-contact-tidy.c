/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-contact"

#include "config.h"

#include <string.h>

#include "roster-contact.h"
#include "roster-country.h"

/* Tidying proposals: each returns the value as it would be better sent, for a front end to show
 * before → after and the user to accept.  Unlike roster_contact_normalise_*() they never refuse
 * a value; they return it unchanged (a copy) when there is nothing to tidy. */

/* Characters that take no room and are never meant: zero-width space, joiners, word joiner,
 * byte-order mark, soft hyphen. */
static gboolean
is_invisible (gunichar ch)
{
  return ch == 0x200B || ch == 0x200C || ch == 0x200D || ch == 0x2060 || ch == 0xFEFF || ch == 0x00AD;
}

/* @value without invisible characters anywhere and without white space (ASCII, no-break,
 * narrow and other Unicode spaces) around it.  Invalid UTF-8 is kept as it is. */
char *
roster_contact_strip_invisible (const char *value)
{
  g_autoptr(GString) out = NULL;
  const char *start, *end;

  g_return_val_if_fail (value != NULL, NULL);

  if (!g_utf8_validate (value, -1, NULL))
    return g_strdup (value);

  out = g_string_new (NULL);
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_invisible (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));

  start = out->str;
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = out->str + out->len;
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

/* The email with its domain in lower case: domains are case-insensitive, and "Gmail.COM" looks
 * like a typo to whoever reads the list.  The local part is the mailbox's and stays as it is. */
char *
roster_contact_lower_email_domain (const char *email)
{
  const char *at;
  g_autofree char *domain = NULL;

  g_return_val_if_fail (email != NULL, NULL);

  at = strrchr (email, '@');
  if (at == NULL || !g_utf8_validate (at, -1, NULL))
    return g_strdup (email);
  domain = g_utf8_strdown (at + 1, -1);

  return g_strdup_printf ("%.*s@%s", (int) (at - email), email, domain);
}

/* Words that start a family name in lower case ("van der Berg", "de la Cruz", "von Trapp")
 * except as the name's first word. */
static gboolean
is_particle (const char *word,
             gsize       len)
{
  static const char *const particles[] = {
    "van", "von", "der", "den", "de", "del", "della", "da", "das", "dos", "du", "di", "la",
    "le", "ter", "ten", "zu", "zum", "zur", "y",
  };

  for (guint i = 0; i < G_N_ELEMENTS (particles); i++)
    if (strlen (particles[i]) == len && strncmp (particles[i], word, len) == 0)
      return TRUE;

  return FALSE;
}

/* A name written in capitals in title case, or NULL when @name is not ALL CAPS (it has a
 * lower-case letter, or no letter at all): a name someone typed in mixed case is theirs.  The
 * rules are simple on purpose: each word and each part after a hyphen or apostrophe starts
 * with a capital ("Jean-Luc", "O'Neil"); "Mc" is followed by a capital ("McDonald"), "Mac" is
 * not (Mack, Macy); particles (van, von, der, de, la, …) are lower case except as the first
 * word ("VAN DER BERG" as a whole name stays "Van der Berg"). */
char *
roster_contact_title_case_name (const char *name)
{
  g_autofree char *lower = NULL;
  g_autoptr(GString) out = NULL;
  gboolean has_upper = FALSE;
  gboolean word_start = TRUE, first_word = TRUE;

  g_return_val_if_fail (name != NULL, NULL);

  if (!g_utf8_validate (name, -1, NULL))
    return NULL;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_islower (ch))
        return NULL;
      if (g_unichar_isupper (ch))
        has_upper = TRUE;
    }
  if (!has_upper)
    return NULL;

  lower = g_utf8_strdown (name, -1);
  out = g_string_new (NULL);
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (!g_unichar_isalpha (ch))
        {
          word_start = TRUE;
          g_string_append_unichar (out, ch);
          continue;
        }
      if (word_start)
        {
          gsize len = strcspn (p, " -'");

          word_start = FALSE;
          if (!first_word && (p == lower || p[-1] == ' ') && is_particle (p, len))
            {
              g_string_append_len (out, p, len);
              p += len - 1;
              continue;
            }
          g_string_append_unichar (out, g_unichar_totitle (ch));
          if (len > 3 && p[0] == 'm' && p[1] == 'c')
            {
              g_string_append_c (out, 'c');
              p++;
              word_start = TRUE;
            }
          first_word = FALSE;
          continue;
        }
      g_string_append_unichar (out, ch);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A country code ("+49", "0049", "49") or a country's name or ISO code ("Germany",
 * "Deutschland", "DE") as "+N", or NULL when it is neither. */
char *
roster_contact_country_to_code (const char *country)
{
  const RosterCountry *found;
  g_autofree char *code = NULL;

  g_return_val_if_fail (country != NULL, NULL);

  code = roster_contact_normalise_country_code (country, NULL);
  if (code != NULL && code[0] != '\0')
    return g_steal_pointer (&code);
  found = roster_country_lookup (country);

  return found != NULL ? g_strdup (found->calling_code) : NULL;
}

/**
 * roster_contact_complete_phone:
 * @phone: a phone number as written
 * @country_code: (nullable): "+N" for a number written without one (a country column, else
 *   the default country), or NULL
 * @phone_country_code: (out): "+N", or "" when neither @phone nor @country_code gives one
 * @digits: (out): the national significant number, digits only
 *
 * The phone number in the API's form: the number's own country code ("+49 …", "0049 …") or
 * else @country_code, and the digits after it without the national trunk prefix ("0151 …" in
 * Germany is +49 151…; "+49 (0)151 …" and "+49 0151 …" too; Italy keeps its 0).
 *
 * Returns: FALSE when @phone is no phone number (see roster_contact_split_phone()).
 */
gboolean
roster_contact_complete_phone (const char *phone,
                               const char *country_code,
                               char        phone_country_code[ROSTER_CONTACT_COUNTRY_CODE_SIZE],
                               char        digits[ROSTER_CONTACT_PHONE_SIZE])
{
  const RosterCountry *country;
  g_autofree char *national = NULL;

  g_return_val_if_fail (phone != NULL, FALSE);

  if (!roster_contact_split_phone (phone, phone_country_code, digits))
    return FALSE;

  if (phone_country_code[0] == '\0' && country_code != NULL && country_code[0] != '\0')
    g_strlcpy (phone_country_code, country_code, ROSTER_CONTACT_COUNTRY_CODE_SIZE);
  else if (phone_country_code[0] != '\0' && digits[0] != '0')
    return TRUE;  /* international and well formed already */
  if (phone_country_code[0] == '\0' ||
      (country = roster_country_for_calling_code (phone_country_code)) == NULL)
    return TRUE;

  national = roster_country_complete_national (country, digits);
  if (strlen (national) < 4)
    return TRUE;
  g_strlcpy (digits, national, ROSTER_CONTACT_PHONE_SIZE);

  return TRUE;
}
