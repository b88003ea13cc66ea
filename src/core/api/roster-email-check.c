/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-contact"

#include "config.h"

#include <string.h>

#include "roster-contact.h"

/* Second opinions on an email address: a likely typo in its domain, and which addresses reach
 * one mailbox.  Both only ever inform the user; nothing here changes what is sent. */

/* Mail domains people type often: a domain one slip away from one of these is a suggestion,
 * the domain itself never is. */
static const char *const popular_domains[] = {
  "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
  "icloud.com", "aol.com", "msn.com", "me.com", "protonmail.com", "proton.me", "gmx.de",
  "gmx.net", "web.de", "t-online.de", "freenet.de", "yahoo.de", "hotmail.de", "outlook.de",
  "yahoo.co.uk", "hotmail.co.uk", "btinternet.com", "orange.fr", "free.fr", "yahoo.fr",
  "hotmail.fr", "libero.it", "bluewin.ch", "gmx.at", "gmx.ch",
};

/* Real domains close to a popular one: never "corrected". */
static const char *const known_domains[] = {
  "mail.com", "email.com", "ymail.com", "gmx.com", "live.de", "mac.com", "aim.com", "web.com",
  "outlook.at", "live.at", "hotmail.ch", "yahoo.it", "yahoo.es", "gmx.fr",
};

/* Misspellings too far from their domain for one slip. */
static const struct { const char *typo; const char *domain; } typos[] = {
  { "gamil.com", "gmail.com" }, { "gmial.com", "gmail.com" }, { "gmai.com", "gmail.com" },
  { "gnail.com", "gmail.com" }, { "gmaill.com", "gmail.com" }, { "gmali.com", "gmail.com" },
  { "gmail.co", "gmail.com" }, { "hotmial.com", "hotmail.com" }, { "hotmil.com", "hotmail.com" },
  { "hotnail.com", "hotmail.com" }, { "homail.com", "hotmail.com" }, { "yaho.com", "yahoo.com" },
  { "yahooo.com", "yahoo.com" }, { "outlok.com", "outlook.com" }, { "outllok.com", "outlook.com" },
  { "iclod.com", "icloud.com" }, { "icoud.com", "icloud.com" },
};

/* Top-level domains typed wrong: ".con" is no TLD, ".cmo" neither. */
static const struct { const char *typo; const char *tld; } tld_typos[] = {
  { ".con", ".com" }, { ".cmo", ".com" }, { ".ocm", ".com" }, { ".comm", ".com" },
  { ".vom", ".com" }, { ".xom", ".com" }, { ".coom", ".com" }, { ".nett", ".net" },
  { ".nte", ".net" }, { ".ogr", ".org" }, { ".rog", ".org" }, { ".dee", ".de" },
};

static gboolean
in_list (const char        *domain,
         const char *const *list,
         guint              n)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (domain, list[i]))
      return TRUE;

  return FALSE;
}

/* Whether @a becomes @b by one slip: a letter added, dropped, changed, or two swapped. */
static gboolean
one_slip (const char *a,
          const char *b)
{
  gsize la = strlen (a), lb = strlen (b), i = 0;

  if (la > lb)
    return one_slip (b, a);
  if (lb - la > 1)
    return FALSE;
  while (i < la && a[i] == b[i])
    i++;
  if (i == la)
    return lb == la + 1;
  if (la == lb)
    return g_str_equal (a + i + 1, b + i + 1) ||
           (i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && g_str_equal (a + i + 2, b + i + 2));

  return g_str_equal (a + i, b + i + 1);
}

/* The domain @domain was probably meant to be, or NULL. */
static const char *
suggest_domain (const char *domain,
                char      **fixed_tld)
{
  for (guint i = 0; i < G_N_ELEMENTS (typos); i++)
    if (g_str_equal (domain, typos[i].typo))
      return typos[i].domain;
  if (in_list (domain, popular_domains, G_N_ELEMENTS (popular_domains)) ||
      in_list (domain, known_domains, G_N_ELEMENTS (known_domains)))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (popular_domains); i++)
    if (strlen (domain) >= 6 && one_slip (domain, popular_domains[i]))
      return popular_domains[i];
  for (guint i = 0; i < G_N_ELEMENTS (tld_typos); i++)
    if (g_str_has_suffix (domain, tld_typos[i].typo) && strlen (domain) > strlen (tld_typos[i].typo))
      {
        *fixed_tld = g_strdup_printf ("%.*s%s", (int) (strlen (domain) - strlen (tld_typos[i].typo)),
                                      domain, tld_typos[i].tld);
        return *fixed_tld;
      }

  return NULL;
}

/**
 * roster_contact_suggest_email:
 * @email: an email address, as written
 *
 * A correction for an address at a commonly misspelled domain ("ada@gmial.com" →
 * "ada@gmail.com", "bob@example.con" → "bob@example.com"), for the user to accept or not:
 * never apply it unasked, as odd domains exist.  Case does not count.
 *
 * Returns: (nullable): the suggested address, or NULL when there is none.
 */
char *
roster_contact_suggest_email (const char *email)
{
  g_autofree char *domain = NULL;
  g_autofree char *fixed_tld = NULL;
  const char *at, *suggestion;

  g_return_val_if_fail (email != NULL, NULL);

  at = strrchr (email, '@');
  if (at == NULL || at == email || at[1] == '\0')
    return NULL;
  domain = g_ascii_strdown (at + 1, -1);
  suggestion = suggest_domain (domain, &fixed_tld);
  if (suggestion == NULL)
    return NULL;

  return g_strdup_printf ("%.*s@%s", (int) (at - email), email, suggestion);
}

/**
 * roster_contact_email_mailbox_key:
 * @email: an email address
 *
 * A key that two addresses share when they reach one mailbox although they differ as text:
 * Gmail ignores dots in the name and everything from a "+", and googlemail.com is gmail.com,
 * so "A.Da+news@googlemail.com" and "ada@gmail.com" share "ada@gmail.com".  Other providers'
 * rules vary, so other addresses are only case-folded.  For warnings ("possibly the same
 * person"), never for dropping a row.
 *
 * Returns: the key.
 */
char *
roster_contact_email_mailbox_key (const char *email)
{
  g_autofree char *folded = NULL;
  g_autoptr(GString) key = NULL;
  const char *at, *domain;

  g_return_val_if_fail (email != NULL, NULL);

  folded = roster_contact_casefold_email (email);
  at = strrchr (folded, '@');
  if (at == NULL)
    return g_steal_pointer (&folded);
  domain = at + 1;
  if (!g_str_equal (domain, "gmail.com") && !g_str_equal (domain, "googlemail.com"))
    return g_steal_pointer (&folded);

  key = g_string_new (NULL);
  for (const char *p = folded; p < at && *p != '+'; p++)
    if (*p != '.')
      g_string_append_c (key, *p);
  g_string_append (key, "@gmail.com");

  return g_string_free (g_steal_pointer (&key), FALSE);
}
