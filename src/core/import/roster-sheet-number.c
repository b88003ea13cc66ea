/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A stored number as the spreadsheet shows it: integers without ".0" or an exponent, other
 * numbers in fifteen significant digits without trailing zeros, zero-padded and fixed-decimal formats,
 * percentages, and dates and times as ISO 8601 text. */

#define G_LOG_DOMAIN "roster-sheet-reader"

#include "config.h"

#include <math.h>
#include <string.h>

#include "roster-sheet-reader-private.h"

typedef enum
{
  KIND_GENERAL,
  KIND_DATE,
  KIND_TIME,
  KIND_DATE_TIME,
} FormatKind;

/* The format code without its quoted text, escapes and [colour]/[$-locale] brackets. */
static char *
format_skeleton (const char *code)
{
  GString *out = g_string_new (NULL);

  for (const char *p = code; *p != '\0'; p++)
    {
      if (*p == '"')
        {
          while (p[1] != '\0' && p[1] != '"')
            p++;
          if (p[1] != '\0')
            p++;
        }
      else if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '[')
        {
          /* [h], [mm], [ss]: elapsed time, which is still time. */
          if (p[1] != '\0' && strchr ("hHmMsS", p[1]) != NULL)
            g_string_append_c (out, 'h');
          while (p[1] != '\0' && p[1] != ']')
            p++;
          if (p[1] != '\0')
            p++;
        }
      else if (*p == ';')
        break;
      else
        g_string_append_c (out, g_ascii_tolower (*p));
    }

  return g_string_free (out, FALSE);
}

static FormatKind
format_kind (guint       id,
             const char *code)
{
  g_autofree char *skeleton = NULL;
  gboolean date, time;

  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return id == 22 ? KIND_DATE_TIME : KIND_DATE;
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
    return KIND_TIME;
  if (code == NULL)
    return KIND_GENERAL;

  skeleton = format_skeleton (code);
  if (strstr (skeleton, "general") != NULL)
    return KIND_GENERAL;
  date = strpbrk (skeleton, "dy") != NULL || (strchr (skeleton, 'm') != NULL && strpbrk (skeleton, "hs") == NULL);
  time = strpbrk (skeleton, "hs") != NULL;

  if (date && time)
    return KIND_DATE_TIME;
  if (date)
    return KIND_DATE;
  if (time)
    return KIND_TIME;
  return KIND_GENERAL;
}

/* Days since 1970-01-01 as a proleptic Gregorian date (Howard Hinnant's civil_from_days):
 * a GDateTime and its format cost more than the rest of reading a date cell. */
static void
civil_from_days (gint64  z,
                 gint64 *year,
                 guint  *month,
                 guint  *day)
{
  gint64 era;
  guint doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (guint) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = (gint64) yoe + era * 400 + (*month <= 2);
}

/* @value in @width digits, zero-padded (the leading ones dropped when it has more). */
static void
put_digits (char  *out,
            guint  value,
            int    width)
{
  for (int i = width - 1; i >= 0; i--, value /= 10)
    out[i] = '0' + value % 10;
}

static char *
format_date (double     serial,
             FormatKind kind,
             gboolean   date1904)
{
  double days = floor (serial);
  gint64 seconds = (gint64) llround ((serial - days) * 86400.0);
  gint64 total, year;
  guint month, day, second_of_day;
  char out[32];
  int date_len = 10;

  if (date1904)
    days += 1462;
  /* Lotus' 29 February 1900, kept by Excel: serials before it are a day off. */
  if (days < 61)
    days += 1;
  if (days < 1 || days > 2958465)
    return NULL;

  /* Serial 0 is 1899-12-30, 25,569 days before 1970-01-01. */
  total = (gint64) days * 86400 + seconds;
  civil_from_days (total / 86400 - 25569, &year, &month, &day);
  second_of_day = (guint) (total % 86400);

  /* Digits by hand: a printf per date cell cost more than the rest of the cell.  The last
   * serial's last second rounds up into the year 10000. */
  if (year > 9999)
    date_len = g_snprintf (out, sizeof out, "%" G_GINT64_FORMAT "-%02u-%02u %02u:%02u:%02u", year, month, day,
                           second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60) - 9;
  else
    {
      put_digits (out, (guint) year, 4);
      out[4] = '-';
      put_digits (out + 5, month, 2);
      out[7] = '-';
      put_digits (out + 8, day, 2);
      out[10] = ' ';
      put_digits (out + 11, second_of_day / 3600, 2);
      out[13] = ':';
      put_digits (out + 14, second_of_day / 60 % 60, 2);
      out[16] = ':';
      put_digits (out + 17, second_of_day % 60, 2);
      out[19] = '\0';
    }

  switch (kind)
    {
    case KIND_DATE:
      return g_strndup (out, date_len);
    case KIND_TIME:
      return g_strdup (out + date_len + 1);
    case KIND_DATE_TIME:
    case KIND_GENERAL:
    default:
      return g_strdup (out);
    }
}

/* Fifteen significant digits, as spreadsheets show and compute: 0.1 + 0.2 reads 0.3. */
static char *
format_general (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == 0)
    return g_strdup ("0");
  /* Phones stored as numbers are most of a contact list's numbers: no printf for them. */
  if (fabs (value) < 1e15 && value == floor (value))
    {
      char digits[24];
      gint64 n = (gint64) fabs (value);
      int i = sizeof digits - 1;

      digits[i] = '\0';
      do
        digits[--i] = '0' + n % 10;
      while ((n /= 10) > 0);
      if (value < 0)
        digits[--i] = '-';
      return g_strdup (digits + i);
    }

  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  return g_strdup (buf);
}

/* printf's %f in the C locale: a cell reads "3.50", whatever the user's decimal comma. */
static char *
format_fixed (double      value,
              int         decimals,
              const char *suffix)
{
  char format[16];
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
  double scale = pow (10, CLAMP (decimals, 0, 15));

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 15));
  if (fabs (value) >= 1e15)
    return format_general (value);
  /* Half away from zero, as spreadsheets round, not printf's half to even. */
  g_ascii_formatd (buf, sizeof buf, format, round (value * scale) / scale);

  return g_strconcat (buf, suffix, NULL);
}

/* "0.00", "#,##0.000": the decimals after the point; -1 when the code is not of that form. */
static int
fixed_decimals (const char *skeleton)
{
  const char *point = strchr (skeleton, '.');
  int decimals = 0;

  for (const char *p = skeleton; *p != '\0' && p != point; p++)
    if (strchr ("0#,", *p) == NULL)
      return -1;
  if (point == NULL)
    return 0;
  for (const char *p = point + 1; *p != '\0'; p++, decimals++)
    if (*p != '0')
      return -1;

  return decimals;
}

/**
 * roster_sheet_format_number:
 * @value: the number as stored ("4915112345678", "4.9151123456E+12", "45263.5")
 * @format_id: the cell style's number format (0: General)
 * @format_code: (nullable): its code when it is a custom one
 *
 * Returns: the text a person would read in the cell; @value itself when it is not a number.
 */
char *
roster_sheet_format_number (const char *value,
                            guint       format_id,
                            const char *format_code,
                            gboolean    date1904)
{
  g_autofree char *skeleton = NULL;
  char *end = NULL;
  double number;
  FormatKind kind;
  int decimals;

  g_return_val_if_fail (value != NULL, NULL);

  number = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !isfinite (number))
    return g_strdup (value);

  kind = format_kind (format_id, format_code);
  if (kind != KIND_GENERAL)
    {
      char *date = format_date (number, kind, date1904);

      if (date != NULL)
        return date;
    }

  switch (format_id)
    {
    case 1: case 3: case 37: case 38:
      return format_fixed (number, 0, "");
    case 2: case 4: case 39: case 40:
      return format_fixed (number, 2, "");
    case 9:
      return format_fixed (number * 100, 0, "%");
    case 10:
      return format_fixed (number * 100, 2, "%");
    default:
      break;
    }

  if (format_code == NULL || fabs (number) >= 1e15)
    return format_general (number);

  skeleton = format_skeleton (format_code);
  /* "00000000000": the leading zeros of a phone number stored as a number. */
  if (skeleton[0] == '0' && strspn (skeleton, "0") == strlen (skeleton) && number >= 0 &&
      number == floor (number) && strlen (skeleton) <= 20)
    return g_strdup_printf ("%0*.0f", (int) strlen (skeleton), number);
  if (g_str_has_suffix (skeleton, "%"))
    {
      skeleton[strlen (skeleton) - 1] = '\0';
      decimals = fixed_decimals (skeleton);
      if (decimals >= 0)
        return format_fixed (number * 100, decimals, "%");
    }
  decimals = fixed_decimals (skeleton);
  if (decimals >= 0 && decimals <= 15 && skeleton[0] != '\0')
    return format_fixed (number, decimals, "");

  return format_general (number);
}
