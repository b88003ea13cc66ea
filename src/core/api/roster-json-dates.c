/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-json"

#include "config.h"

#include <string.h>

#include "roster-json-private.h"

/* The vendor's date and duration text ("Fri, 31 Oct 2025, 12:00 PM", "01:02:03"), read into
 * numbers. The members that hold them are read by roster_json_get_date() and _get_duration(). */

static gboolean
read_number (const char **p,
             guint        min_digits,
             guint        max_digits,
             int         *out)
{
  const char *s = *p;
  guint n = 0;
  int v = 0;

  while (n < max_digits && g_ascii_isdigit (s[n]))
    {
      v = v * 10 + (s[n] - '0');
      n++;
    }

  if (n < min_digits || g_ascii_isdigit (s[n]))
    return FALSE;

  *p = s + n;
  *out = v;
  return TRUE;
}

static void
skip_spaces (const char **p)
{
  while (**p == ' ' || **p == '\t')
    (*p)++;
}

static gboolean
skip_char (const char **p,
           char         c)
{
  if (**p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

static gsize
read_word (const char **p,
           char        *buf,
           gsize        buf_size)
{
  gsize n = 0;

  while (g_ascii_isalpha ((*p)[n]))
    {
      if (n + 1 >= buf_size)
        return 0;
      buf[n] = g_ascii_tolower ((*p)[n]);
      n++;
    }

  buf[n] = '\0';
  *p += n;
  return n;
}

/* The server writes English names whatever the user's locale, so they are matched here rather
 * than with strptime(), which would follow LC_TIME. */
static int
month_from_word (const char *word)
{
  static const char * const months[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
  };
  gsize len = strlen (word);

  if (len < 3)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      if (strcmp (word, months[i]) == 0 ||
          (len == 3 && strncmp (word, months[i], 3) == 0) ||
          (i == 8 && strcmp (word, "sept") == 0))
        return i + 1;
    }

  return 0;
}

static gboolean
is_weekday (const char *word)
{
  static const char * const days[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  };
  gsize len = strlen (word);

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      if (strcmp (word, days[i]) == 0 || (len == 3 && strncmp (word, days[i], 3) == 0))
        return TRUE;
    }

  return FALSE;
}

static gint64
to_unix (int year,
         int month,
         int day,
         int hour,
         int minute,
         int second)
{
  g_autoptr(GDateTime) dt = NULL;

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year) ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return -1;

  dt = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (dt == NULL)
    return -1;

  return g_date_time_to_unix (dt);
}

/* Reads "HH:MM[:SS]" with an optional AM/PM, then expects the end of the text. */
static gboolean
read_time_of_day (const char *p,
                  int        *hour,
                  int        *minute,
                  int        *second)
{
  char word[8];

  *second = 0;

  if (!read_number (&p, 1, 2, hour) || !skip_char (&p, ':') || !read_number (&p, 2, 2, minute))
    return FALSE;

  if (skip_char (&p, ':') && !read_number (&p, 2, 2, second))
    return FALSE;

  skip_spaces (&p);

  if (g_ascii_isalpha (*p))
    {
      if (read_word (&p, word, sizeof word) == 0)
        return FALSE;

      if (*hour < 1 || *hour > 12)
        return FALSE;

      if (strcmp (word, "am") == 0)
        *hour = *hour == 12 ? 0 : *hour;
      else if (strcmp (word, "pm") == 0)
        *hour = *hour == 12 ? 12 : *hour + 12;
      else
        return FALSE;
    }

  skip_spaces (&p);
  return *p == '\0';
}

/* Wall-clock text as the server writes it, read as if it were UTC: the API gives no zone, and
 * the result is only used to sort and group.  Returns -1 when the text is none of
 * "Fri, 31 Oct 2025, 12:00 PM", "Saturday, 6 Jan 2024, 03:00 PM", "2025-10-31 12:00[:SS]",
 * "2025-10-31" or a plain Unix time. */
gint64
roster_json_parse_date (const char *text)
{
  const char *p = text;
  int year, month, day, hour = 0, minute = 0, second = 0;
  char word[16];

  if (text == NULL)
    return -1;

  skip_spaces (&p);

  if (g_ascii_isdigit (*p))
    {
      const char *q = p;
      gint64 unix_time;

      /* Plain digits: a Unix time. */
      while (g_ascii_isdigit (*q))
        q++;
      if (*q == '\0' || (*q == ' ' && q[strspn (q, " ")] == '\0'))
        {
          g_autofree char *digits = g_strndup (p, q - p);

          if (g_ascii_string_to_signed (digits, 10, 1, G_MAXINT64, &unix_time, NULL))
            return unix_time;
          return -1;
        }

      if (read_number (&p, 4, 4, &year) && skip_char (&p, '-'))
        {
          if (!read_number (&p, 1, 2, &month) || !skip_char (&p, '-') ||
              !read_number (&p, 1, 2, &day))
            return -1;

          skip_spaces (&p);
          if (*p == '\0')
            return to_unix (year, month, day, 0, 0, 0);

          if (*p == 'T')
            p++;
          skip_spaces (&p);

          if (!read_time_of_day (p, &hour, &minute, &second))
            return -1;

          return to_unix (year, month, day, hour, minute, second);
        }

      p = text;
      skip_spaces (&p);
    }
  else if (g_ascii_isalpha (*p))
    {
      if (read_word (&p, word, sizeof word) == 0 || !is_weekday (word))
        return -1;
      skip_char (&p, ',');
      skip_spaces (&p);
    }
  else
    return -1;

  /* "31 Oct 2025, 12:00 PM" */
  if (!read_number (&p, 1, 2, &day))
    return -1;
  skip_spaces (&p);
  if (read_word (&p, word, sizeof word) == 0 || (month = month_from_word (word)) == 0)
    return -1;
  skip_spaces (&p);
  if (!read_number (&p, 4, 4, &year))
    return -1;
  skip_char (&p, ',');
  skip_spaces (&p);

  if (*p == '\0')
    return to_unix (year, month, day, 0, 0, 0);

  if (!read_time_of_day (p, &hour, &minute, &second))
    return -1;

  return to_unix (year, month, day, hour, minute, second);
}

/* "00:45:30" or "45:30" or plain seconds; -1 otherwise. */
gint64
roster_json_parse_duration (const char *text)
{
  g_auto(GStrv) parts = NULL;
  gint64 total = 0;
  guint n;

  if (text == NULL)
    return -1;

  parts = g_strsplit (text, ":", 0);
  n = g_strv_length (parts);
  if (n < 1 || n > 3)
    return -1;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      guint64 v;

      /* The leading part is unbounded in principle, but a million hours is nonsense. */
      guint64 max = i > 0 ? 59 : n == 1 ? G_GUINT64_CONSTANT (3600000000) : 1000000;

      if (!g_ascii_string_to_unsigned (part, 10, 0, max, &v, NULL))
        return -1;

      total = total * 60 + (gint64) v;
    }

  return total;
}
