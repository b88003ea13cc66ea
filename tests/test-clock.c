/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-clock"

#include "config.h"

#include <locale.h>

#include "roster-clock.h"

/* One time format everywhere, the desktop's: org.gnome.desktop.interface clock-format through
 * the memory GSettings backend the tests run with, changes included, and the locale's format
 * where the schema is missing. */

static GDateTime *
afternoon (void)
{
  return g_date_time_new_utc (2024, 1, 6, 13, 5, 0);
}

static void
test_formats (void)
{
  g_autoptr(RosterClock) clock = roster_clock_new (NULL);
  g_autoptr(GDateTime) dt = afternoon ();
  struct {
    gboolean          twelve_hour;
    RosterClockStyle  style;
    const char       *expected;
  } cases[] = {
    { FALSE, ROSTER_CLOCK_TIME_ONLY, "13:05" },
    { TRUE, ROSTER_CLOCK_TIME_ONLY, "01:05 PM" },
    { FALSE, ROSTER_CLOCK_DATE, "6 Jan 2024, 13:05" },
    { TRUE, ROSTER_CLOCK_DATE, "6 Jan 2024, 01:05 PM" },
    { FALSE, ROSTER_CLOCK_WEEKDAY_DATE, "Sat, 6 Jan 2024, 13:05" },
    { TRUE, ROSTER_CLOCK_WEEKDAY_DATE, "Sat, 6 Jan 2024, 01:05 PM" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;

      roster_clock_set_twelve_hour (clock, cases[i].twelve_hour);
      text = roster_clock_format (clock, dt, cases[i].style);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* The API's own text ("Every day, 01:00 PM") in the same clock as the rest. */
static void
test_text (void)
{
  g_autoptr(RosterClock) clock = roster_clock_new (NULL);
  struct {
    const char *text;
    const char *in_24h;
    const char *in_12h;
  } cases[] = {
    { "Every day, 01:00 PM", "Every day, 13:00", "Every day, 01:00 PM" },
    { "Every Monday, 12:30 AM", "Every Monday, 00:30", "Every Monday, 12:30 AM" },
    { "Fri, 31 Oct 2025, 12:00 PM", "Fri, 31 Oct 2025, 12:00", "Fri, 31 Oct 2025, 12:00 PM" },
    { "9:14am", "09:14", "09:14 AM" },
    /* Durations and words are no times */
    { "00:45:30", "00:45:30", "00:45:30" },
    { "Instant replay", "Instant replay", "Instant replay" },
    { "Room 12:30 PMX", "Room 12:30 PMX", "Room 12:30 PMX" },
    { "13:00 PM", "13:00 PM", "13:00 PM" },
    { "", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *h24 = NULL, *h12 = NULL;

      roster_clock_set_twelve_hour (clock, FALSE);
      h24 = roster_clock_format_text (clock, cases[i].text);
      roster_clock_set_twelve_hour (clock, TRUE);
      h12 = roster_clock_format_text (clock, cases[i].text);
      g_assert_cmpstr (h24, ==, cases[i].in_24h);
      g_assert_cmpstr (h12, ==, cases[i].in_12h);
    }
  g_assert_null (roster_clock_format_text (clock, NULL));
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *n_notified)
{
  (*n_notified)++;
}

/* The desktop's setting, read at the start and followed as it changes. */
static void
test_setting (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  g_autoptr(GSettings) interface = NULL;
  g_autoptr(RosterClock) clock = NULL;
  guint n_notified = 0;

  /* gsettings-desktop-schemas is a dependency (build-aux/install-deps.sh) */
  g_assert_nonnull (schema);
  interface = g_settings_new_full (schema, NULL, NULL);
  g_settings_set_string (interface, "clock-format", "12h");

  clock = roster_clock_new (source);
  g_assert_true (roster_clock_get_twelve_hour (clock));
  g_signal_connect (clock, "notify::twelve-hour", G_CALLBACK (notify_cb), &n_notified);

  g_settings_set_string (interface, "clock-format", "24h");
  g_assert_false (roster_clock_get_twelve_hour (clock));
  g_assert_cmpuint (n_notified, ==, 1);
  g_settings_set_string (interface, "clock-format", "12h");
  g_assert_true (roster_clock_get_twelve_hour (clock));
  g_assert_cmpuint (n_notified, ==, 2);
  g_settings_reset (interface, "clock-format");
}

/* No desktop schema (another desktop, a container): the locale decides. */
static void
test_locale_fallback (void)
{
  g_autoptr(GSettingsSchemaSource) empty = NULL;
  g_autofree char *dir = g_build_filename (g_getenv ("ROSTER_BUILD_ROOT"), "data", NULL);
  g_autoptr(GError) error = NULL;

  /* Roster's own schemas only, as on a desktop without GNOME's */
  empty = g_settings_schema_source_new_from_directory (dir, NULL, FALSE, &error);
  g_assert_no_error (error);

  /* build-aux/install-deps.sh generates both locales */
  g_assert_nonnull (setlocale (LC_TIME, "en_US.UTF-8"));
  {
    g_autoptr(RosterClock) clock = roster_clock_new (empty);

    g_assert_true (roster_clock_get_twelve_hour (clock));
  }
  g_assert_nonnull (setlocale (LC_TIME, "de_DE.UTF-8"));
  {
    g_autoptr(RosterClock) clock = roster_clock_new (empty);

    g_assert_false (roster_clock_get_twelve_hour (clock));
  }
  setlocale (LC_TIME, "C");
  {
    g_autoptr(RosterClock) clock = roster_clock_new (NULL);

    g_assert_false (roster_clock_get_twelve_hour (clock));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clock/formats", test_formats);
  g_test_add_func ("/clock/text", test_text);
  g_test_add_func ("/clock/setting", test_setting);
  g_test_add_func ("/clock/locale-fallback", test_locale_fallback);

  return g_test_run ();
}
