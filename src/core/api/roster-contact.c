/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-contact"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "roster-contact.h"

G_DEFINE_QUARK (roster-contact-error-quark, roster_contact_error)

/* ---- Building blocks -------------------------------------------------------------------------- */

/* Copies @value into @buf without the white space around it: ASCII white space and the no-break
 * spaces that spreadsheets and web forms leave.  Returns @buf's text. */
const char *
roster_contact_trim_into (GString    *buf,
                          const char *value)
{
  const char *start = value;
  const char *end = value + strlen (value);

  for (;;)
    {
      if (start < end && g_ascii_isspace (*start))
        start++;
      else if (end - start >= 2 && (guchar) start[0] == 0xC2 && (guchar) start[1] == 0xA0)
        start += 2;
      else
        break;
    }
  for (;;)
    {
      if (end > start && g_ascii_isspace (end[-1]))
        end--;
      else if (end - start >= 2 && (guchar) end[-2] == 0xC2 && (guchar) end[-1] == 0xA0)
        end -= 2;
      else
        break;
    }

  g_string_truncate (buf, 0);
  g_string_append_len (buf, start, end - start);

  return buf->str;
}

/* Names: trimmed, runs of white space (newlines from quoted cells too) as one space, no control
 * characters.  Returns @buf's text. */
const char *
roster_contact_clean_name_into (GString    *buf,
                                const char *name)
{
  gboolean space = FALSE;

  g_string_truncate (buf, 0);
  for (const char *p = name; *p != '\0'; p++)
    {
      guchar c = *p;

      if (g_ascii_isspace (c) || c < 0x20 || c == 0x7F)
        {
          space = buf->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (buf, ' ');
      space = FALSE;
      g_string_append_c (buf, c);
    }

  return buf->str;
}

/* E.164 country codes are prefix-free: +1 and +7 are one digit, these are two, every other
 * code is three.  So "+4915112345678" splits as +49 without a separator. */
static guint
country_code_length (const char *digits)
{
  static const char two_digit[][3] = {
    "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
    "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
    "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
  };

  if (digits[0] == '1' || digits[0] == '7')
    return 1;
  for (guint i = 0; i < G_N_ELEMENTS (two_digit); i++)
    if (digits[0] == two_digit[i][0] && digits[1] == two_digit[i][1])
      return 2;

  return 3;
}

/* Reduces a phone number to digits in fixed buffers, so that planning 200,000 rows allocates
 * nothing for it.  Spaces (also no-break ones), dashes, dots, slashes and parentheses are
 * layout; a leading "+" or "00" means the number carries its country code, put in
 * @country_code as "+N" (else ""), and a "(0)" after it is dropped.  Returns FALSE for anything
 * else (letters, extensions) and for too few (under four) or too many digits. */
gboolean
roster_contact_split_phone (const char *phone,
                            char        country_code[ROSTER_CONTACT_COUNTRY_CODE_SIZE],
                            char        digits[ROSTER_CONTACT_PHONE_SIZE])
{
  const char *p = phone;
  gboolean international = FALSE;
  gsize n = 0, cc_len = 0;

  country_code[0] = '\0';
  digits[0] = '\0';

  while (*p == ' ' || *p == '(')
    p++;
  if (*p == '+')
    {
      international = TRUE;
      p++;
    }
  else if (p[0] == '0' && p[1] == '0')
    {
      international = TRUE;
      p += 2;
    }

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n == ROSTER_CONTACT_PHONE_SIZE - 1)
            return FALSE;
          digits[n++] = *p;
        }
      else if (*p == '(' && international && p[1] == '0' && p[2] == ')')
        p += 2;
      else if ((guchar) p[0] == 0xC2 && (guchar) p[1] == 0xA0)                        /* no-break space */
        p += 1;
      else if ((guchar) p[0] == 0xE2 && (guchar) p[1] == 0x80 && (guchar) p[2] == 0xAF) /* narrow one */
        p += 2;
      else if (*p != ' ' && *p != '\t' && *p != '-' && *p != '.' && *p != '/' && *p != '(' && *p != ')')
        return FALSE;
    }
  digits[n] = '\0';

  if (international)
    {
      if (n < 1 || digits[0] == '0')
        return FALSE;
      cc_len = MIN (country_code_length (digits), n);
    }

  if (n - cc_len < 4)
    return FALSE;

  if (international)
    {
      country_code[0] = '+';
      memcpy (country_code + 1, digits, cc_len);
      country_code[cc_len + 1] = '\0';
      memmove (digits, digits + cc_len, n - cc_len + 1);
    }

  return TRUE;
}

/* ---- Email ------------------------------------------------------------------------------------ */

/* Pragmatic, not RFC 5322, as the server is the judge: one @, a local part, a dotted domain, no
 * white space or characters that only quoted local parts may hold (so no commas: "a,b@example.org"
 * is two people run together), at most 254 bytes. */
gboolean
roster_contact_email_is_valid (const char *email)
{
  const char *at = NULL, *domain, *last_dot;
  gboolean ascii = TRUE;
  const char *p;

  g_return_val_if_fail (email != NULL, FALSE);

  for (p = email; *p != '\0'; p++)
    switch (*p)
      {
      case '(': case ')': case ',': case ':': case ';': case '<': case '>':
      case '[': case '\\': case ']': case '"': case 0x7F:
        return FALSE;
      case '@':
        if (at != NULL)
          return FALSE;
        at = p;
        break;
      default:
        if ((guchar) *p <= ' ')
          return FALSE;
        if ((guchar) *p >= 0x80)
          ascii = FALSE;
      }

  if (p - email > 254 || at == NULL || at == email || at - email > 64 ||
      (!ascii && !g_utf8_validate (email, p - email, NULL)))
    return FALSE;

  /* No-break and other Unicode spaces are white space too. */
  if (!ascii)
    for (p = email; *p != '\0'; p = g_utf8_next_char (p))
      if (g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;

  domain = at + 1;
  last_dot = strrchr (domain, '.');
  if (last_dot == NULL || domain[0] == '.' || domain[0] == '-' ||
      strstr (domain, "..") != NULL || strlen (last_dot + 1) < 2 ||
      email[0] == '.' || at[-1] == '.')
    return FALSE;

  return TRUE;
}

/* Case-insensitive key for an email: ASCII fast, casefolding otherwise. */
char *
roster_contact_casefold_email (const char *email)
{
  g_return_val_if_fail (email != NULL, NULL);

  for (const char *p = email; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      {
        g_autofree char *composed = g_utf8_normalize (email, -1, G_NORMALIZE_DEFAULT_COMPOSE);
        return g_utf8_casefold (composed != NULL ? composed : email, -1);
      }

  return g_ascii_strdown (email, -1);
}

/* Whether two emails are one person's: white space around them and case do not count. */
gboolean
roster_contact_same_email (const char *a,
                           const char *b)
{
  g_autoptr(GString) ta = NULL;
  g_autoptr(GString) tb = NULL;
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  ta = g_string_new (NULL);
  tb = g_string_new (NULL);
  fa = roster_contact_casefold_email (roster_contact_trim_into (ta, a));
  fb = roster_contact_casefold_email (roster_contact_trim_into (tb, b));

  return g_strcmp0 (fa, fb) == 0;
}

/* ---- One field each --------------------------------------------------------------------------- */

/* The email as sent: trimmed.  Required. */
char *
roster_contact_normalise_email (const char  *email,
                                GError     **error)
{
  g_autoptr(GString) buf = g_string_new (NULL);

  g_return_val_if_fail (email != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  roster_contact_trim_into (buf, email);
  if (buf->len == 0)
    {
      g_set_error_literal (error, ROSTER_CONTACT_ERROR, ROSTER_CONTACT_ERROR_MISSING,
                           _("Enter an email address."));
      return NULL;
    }
  if (!roster_contact_email_is_valid (buf->str))
    {
      g_set_error_literal (error, ROSTER_CONTACT_ERROR, ROSTER_CONTACT_ERROR_INVALID,
                           _("Enter an email address such as name@example.org."));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&buf), FALSE);
}

/* The first name as sent, cleaned as roster_contact_clean_name_into() does.  Required. */
char *
roster_contact_normalise_first_name (const char  *name,
                                     GError     **error)
{
  g_autoptr(GString) buf = g_string_new (NULL);

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*roster_contact_clean_name_into (buf, name) == '\0')
    {
      g_set_error_literal (error, ROSTER_CONTACT_ERROR, ROSTER_CONTACT_ERROR_MISSING,
                           _("Enter a first name."));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&buf), FALSE);
}

/* The last name as sent, cleaned, "" when there is none; @required: the webinar needs one. */
char *
roster_contact_normalise_last_name (const char  *name,
                                    gboolean     required,
                                    GError     **error)
{
  g_autoptr(GString) buf = g_string_new (NULL);

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*roster_contact_clean_name_into (buf, name) == '\0' && required)
    {
      g_set_error_literal (error, ROSTER_CONTACT_ERROR, ROSTER_CONTACT_ERROR_MISSING,
                           _("This webinar needs a last name."));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&buf), FALSE);
}

/* The country code as "+N", "" when there is none.  "+44", "44", "0044", "(+44)" and "+ 44" all
 * become "+44": spreadsheets drop the plus sign of a number, and "00" is the international
 * prefix most of the world dials.  Anything else (letters, more than three digits, a leading
 * zero) is an error. */
char *
roster_contact_normalise_country_code (const char  *code,
                                       GError     **error)
{
  g_autoptr(GString) digits = NULL;
  const char *p;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  digits = g_string_new ("+");
  p = code;
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '\0')
    return g_strdup ("");
  while (*p == ' ' || *p == '\t' || *p == '(')
    p++;
  if (*p == '+')
    p++;
  else if (p[0] == '0' && p[1] == '0')
    p += 2;

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '\t' && *p != ')')
        break;
    }

  if (*p != '\0' || digits->len < 2 || digits->len > ROSTER_CONTACT_COUNTRY_CODE_SIZE - 1 ||
      digits->str[1] == '0')
    {
      g_set_error_literal (error, ROSTER_CONTACT_ERROR, ROSTER_CONTACT_ERROR_INVALID,
                           _("Enter the country code as a plus sign and digits, such as +49."));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&digits), FALSE);
}

/* The phone number as sent: digits only, "" when there is none, as
 * roster_contact_split_phone() reads it.  @country_code: the one given beside it ("+N"), or
 * NULL; a number that carries another one is an error.  @phone_country_code: (out) (optional):
 * the number's own country code, or NULL. */
char *
roster_contact_normalise_phone (const char  *phone,
                                const char  *country_code,
                                char       **phone_country_code,
                                GError     **error)
{
  g_autoptr(GString) buf = g_string_new (NULL);
  char cc[ROSTER_CONTACT_COUNTRY_CODE_SIZE];
  char digits[ROSTER_CONTACT_PHONE_SIZE];

  g_return_val_if_fail (phone != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (phone_country_code != NULL)
    *phone_country_code = NULL;

  if (*roster_contact_trim_into (buf, phone) == '\0')
    return g_strdup ("");

  if (!roster_contact_split_phone (buf->str, cc, digits))
    {
      g_set_error_literal (error, ROSTER_CONTACT_ERROR, ROSTER_CONTACT_ERROR_INVALID,
                           _("Enter the phone number in digits; spaces and dashes are fine."));
      return NULL;
    }
  if (cc[0] != '\0' && country_code != NULL && country_code[0] != '\0' &&
      !g_str_equal (cc, country_code))
    {
      /* Translators: both %s are country codes such as +44 */
      g_set_error (error, ROSTER_CONTACT_ERROR, ROSTER_CONTACT_ERROR_CONFLICT,
                   _("The phone number starts with %s, but the country code is %s."),
                   cc, country_code);
      return NULL;
    }

  if (phone_country_code != NULL && cc[0] != '\0')
    *phone_country_code = g_strdup (cc);

  return g_strdup (digits);
}

/* ---- A person --------------------------------------------------------------------------------- */

static void
replace (char **value,
         char  *normalised)
{
  g_free (*value);
  *value = normalised != NULL && *normalised != '\0' ? normalised : NULL;
  if (*value == NULL)
    g_free (normalised);
}

/**
 * roster_contact_normalise_person:
 * @params: the person as given (NULL strings are empty), changed in place to be sent as is
 * @last_name_required: whether the webinar needs a last name
 * @field: (out) (optional): the field in error
 * @error: the first field's problem
 *
 * Every field of the person in @params as it is sent: names cleaned, the email trimmed, the
 * phone as digits with its country code (the number's own when none is given beside it), and
 * an empty optional field not sent at all.  Nothing in @params changes when a field is not
 * valid: its error names it.
 */
gboolean
roster_contact_normalise_person (RosterRegisterParams  *params,
                                 gboolean               last_name_required,
                                 RosterContactField    *field,
                                 GError               **error)
{
  g_autofree char *email = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *code = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *phone_code = NULL;
  RosterContactField failed;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((email = roster_contact_normalise_email (params->email ?: "", error)) == NULL)
    failed = ROSTER_CONTACT_FIELD_EMAIL;
  else if ((first = roster_contact_normalise_first_name (params->first_name ?: "", error)) == NULL)
    failed = ROSTER_CONTACT_FIELD_FIRST_NAME;
  else if ((last = roster_contact_normalise_last_name (params->last_name ?: "", last_name_required, error)) == NULL)
    failed = ROSTER_CONTACT_FIELD_LAST_NAME;
  else if ((code = roster_contact_normalise_country_code (params->phone_country_code ?: "", error)) == NULL)
    failed = ROSTER_CONTACT_FIELD_COUNTRY_CODE;
  else if ((phone = roster_contact_normalise_phone (params->phone ?: "", code, &phone_code, error)) == NULL)
    failed = ROSTER_CONTACT_FIELD_PHONE;
  else
    {
      replace (&params->email, g_steal_pointer (&email));
      replace (&params->first_name, g_steal_pointer (&first));
      replace (&params->last_name, g_steal_pointer (&last));
      replace (&params->phone_country_code, *code != '\0' ? g_steal_pointer (&code) : g_steal_pointer (&phone_code));
      replace (&params->phone, g_steal_pointer (&phone));
      return TRUE;
    }

  if (field != NULL)
    *field = failed;
  return FALSE;
}
