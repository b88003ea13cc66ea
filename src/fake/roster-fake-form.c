/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Reading and checking the form fields of a call, as the vendor's Laravel validators do. */

#define G_LOG_DOMAIN "roster-fake"

#include "config.h"

#include <string.h>

#include "roster-fake-service-private.h"

/* A form value, with "" treated as absent as Laravel's `required` rule does. */
const char *
fake_form_get (FakeCall   *call,
               const char *name)
{
  const char *value = call->form ? g_hash_table_lookup (call->form, name) : NULL;

  return value != NULL && *value != '\0' ? value : NULL;
}

gboolean
fake_parse_int64 (const char *text,
                  gint64     *out)
{
  return text != NULL && g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, out, NULL);
}

gboolean
fake_is_valid_email (const char *email)
{
  const char *at = strchr (email, '@');
  const char *dot;

  if (at == NULL || at == email || strchr (at + 1, '@') != NULL || strlen (email) > 254)
    return FALSE;
  for (const char *p = email; *p; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == '<' || *p == '>' || *p == '"')
      return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0' && strstr (email, "..") == NULL;
}

gboolean
fake_all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* "GMT-5", "GMT+2", "GMT+4:30" → a fixed-offset zone; NULL when it is not one. */
GTimeZone *
fake_parse_gmt_zone (const char *text)
{
  int sign, hours = 0, minutes = 0;
  const char *p;
  char *end;

  if (!g_str_has_prefix (text, "GMT"))
    return NULL;
  p = text + 3;
  if (*p == '\0')
    return g_time_zone_new_utc ();
  if (*p != '+' && *p != '-')
    return NULL;
  sign = *p == '-' ? -1 : 1;
  p++;
  if (!g_ascii_isdigit (*p))
    return NULL;
  hours = (int) g_ascii_strtoull (p, &end, 10);
  if (end - p > 2 || hours > 14)
    return NULL;
  p = end;
  if (*p == ':')
    {
      p++;
      if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || p[2] != '\0')
        return NULL;
      minutes = (p[0] - '0') * 10 + (p[1] - '0');
      if (minutes >= 60)
        return NULL;
    }
  else if (*p != '\0')
    {
      return NULL;
    }
  return g_time_zone_new_offset (sign * (hours * 3600 + minutes * 60));
}

/* The `timezone` a call sent: its zone, or NULL with the API's complaint added to @errors. */
GTimeZone *
fake_parse_requested_zone (const char *text,
                           JsonObject *errors)
{
  GTimeZone *zone = fake_parse_gmt_zone (text);

  if (zone == NULL)
    fake_add_error (errors, "timezone", "The timezone format is invalid.");
  return zone;
}
