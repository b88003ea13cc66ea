/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-clock"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <string.h>

#include "roster-clock.h"

/* One way to write times everywhere: the desktop's clock format
 * (org.gnome.desktop.interface clock-format), or the locale's when that schema is not
 * installed (another desktop, a minimal container). The API writes "01:00 PM" in its own text
 * ("Every day, 01:00 PM"); format_text() rewrites such times to match. */

#define INTERFACE_SCHEMA "org.gnome.desktop.interface"
#define CLOCK_KEY        "clock-format"

struct _RosterClock
{
  GObject    parent_instance;

  GSettings *settings;  /* NULL without the schema */
  gboolean   twelve_hour;
};

G_DEFINE_FINAL_TYPE (RosterClock, roster_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TWELVE_HOUR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The locale's own time format says whether it counts to twelve: "%r", "%I" and "%p" do. */
gboolean
roster_clock_locale_twelve_hour (void)
{
  const char *t_fmt = nl_langinfo (T_FMT);

  return t_fmt != NULL && (strstr (t_fmt, "%r") != NULL || strstr (t_fmt, "%I") != NULL ||
                           strstr (t_fmt, "%l") != NULL || strstr (t_fmt, "%p") != NULL);
}

static void
settings_changed_cb (RosterClock *self)
{
  g_autofree char *format = g_settings_get_string (self->settings, CLOCK_KEY);

  roster_clock_set_twelve_hour (self, g_strcmp0 (format, "12h") == 0);
}

static void
roster_clock_dispose (GObject *object)
{
  RosterClock *self = ROSTER_CLOCK (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (roster_clock_parent_class)->dispose (object);
}

static void
roster_clock_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RosterClock *self = ROSTER_CLOCK (object);

  switch (prop_id)
    {
    case PROP_TWELVE_HOUR:
      g_value_set_boolean (value, self->twelve_hour);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_clock_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RosterClock *self = ROSTER_CLOCK (object);

  switch (prop_id)
    {
    case PROP_TWELVE_HOUR:
      roster_clock_set_twelve_hour (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_clock_class_init (RosterClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_clock_dispose;
  object_class->get_property = roster_clock_get_property;
  object_class->set_property = roster_clock_set_property;

  properties[PROP_TWELVE_HOUR] =
    g_param_spec_boolean ("twelve-hour", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_clock_init (RosterClock *self)
{
}

/**
 * roster_clock_new:
 * @source: (nullable): where to look for the desktop's schema; %NULL: the locale decides
 *
 * A clock that follows the desktop's setting when @source has it (with the key: an old
 * schema may lack it), else the locale's format.
 */
RosterClock *
roster_clock_new (GSettingsSchemaSource *source)
{
  RosterClock *self = g_object_new (ROSTER_TYPE_CLOCK, NULL);
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, INTERFACE_SCHEMA, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, CLOCK_KEY))
    {
      self->settings = g_settings_new_full (schema, NULL, NULL);
      g_signal_connect_object (self->settings, "changed::" CLOCK_KEY, G_CALLBACK (settings_changed_cb),
                               self, G_CONNECT_SWAPPED);
      settings_changed_cb (self);
    }
  else
    self->twelve_hour = roster_clock_locale_twelve_hour ();

  return self;
}

/* The process's clock, made on first use and never freed: every view shares it. */
RosterClock *
roster_clock_get_default (void)
{
  static RosterClock *clock;

  if (g_once_init_enter (&clock))
    g_once_init_leave (&clock, roster_clock_new (g_settings_schema_source_get_default ()));
  return clock;
}

gboolean
roster_clock_get_twelve_hour (RosterClock *self)
{
  g_return_val_if_fail (ROSTER_IS_CLOCK (self), FALSE);
  return self->twelve_hour;
}

/* Tests, and the setting as it changes */
void
roster_clock_set_twelve_hour (RosterClock *self,
                              gboolean     twelve_hour)
{
  g_return_if_fail (ROSTER_IS_CLOCK (self));

  twelve_hour = !!twelve_hour;
  if (self->twelve_hour == twelve_hour)
    return;
  self->twelve_hour = twelve_hour;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TWELVE_HOUR]);
}

char *
roster_clock_format (RosterClock      *self,
                     GDateTime        *date_time,
                     RosterClockStyle  style)
{
  const char *format;

  g_return_val_if_fail (ROSTER_IS_CLOCK (self), NULL);
  g_return_val_if_fail (date_time != NULL, NULL);

  /* Translators: every format here is a strftime() format; %I:%M %p is "01:00 PM" and
   * %H:%M is "13:00". Keep the clock part as it is: the desktop's setting chooses between them */
  switch (style)
    {
    case ROSTER_CLOCK_TIME_ONLY:
      format = self->twelve_hour ? _("%I:%M %p") : _("%H:%M");
      break;
    case ROSTER_CLOCK_DATE:
      /* Translators: a registrant's sign-up or session time */
      format = self->twelve_hour ? _("%-d %b %Y, %I:%M %p") : _("%-d %b %Y, %H:%M");
      break;
    case ROSTER_CLOCK_WEEKDAY_DATE:
    default:
      /* Translators: a session's date, e.g. "Sat, 6 Jan 2024, 15:00" */
      format = self->twelve_hour ? _("%a, %-d %b %Y, %I:%M %p") : _("%a, %-d %b %Y, %H:%M");
      break;
    }
  return g_date_time_format (date_time, format);
}

/* Reads "1:05 PM" or "01:05:30 am" at p: the hour (0-23) and minute, and where it ends. */
static gboolean
parse_twelve_hour (const char  *p,
                   int         *hour,
                   int         *minute,
                   const char **end)
{
  int h = 0, m;
  gboolean pm;

  if (!g_ascii_isdigit (p[0]))
    return FALSE;
  h = *p++ - '0';
  if (g_ascii_isdigit (*p))
    h = h * 10 + (*p++ - '0');
  if (*p++ != ':' || !g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return FALSE;
  m = (p[0] - '0') * 10 + (p[1] - '0');
  p += 2;
  if (p[0] == ':' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
    p += 3;  /* seconds: the API's times never need them */
  if (*p == ' ')
    p++;
  if (g_ascii_tolower (p[0]) != 'a' && g_ascii_tolower (p[0]) != 'p')
    return FALSE;
  if (g_ascii_tolower (p[1]) != 'm' || g_ascii_isalnum (p[2]))
    return FALSE;
  if (h < 1 || h > 12 || m > 59)
    return FALSE;

  pm = g_ascii_tolower (p[0]) == 'p';
  *hour = h % 12 + (pm ? 12 : 0);
  *minute = m;
  *end = p + 2;
  return TRUE;
}

/**
 * roster_clock_format_text:
 *
 * The server's own text with each of its 12-hour times ("Every day, 01:00 PM") written the
 * way this clock writes them ("Every day, 13:00"). Durations ("00:45:30") have no AM or PM and
 * are left as they are; so is text the clock has nothing to change in.
 */
char *
roster_clock_format_text (RosterClock *self,
                          const char  *text)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (ROSTER_IS_CLOCK (self), NULL);

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (p = text; *p != '\0';)
    {
      int hour, minute;
      const char *end;

      /* A time starts at a digit that does not continue a number */
      if ((p == text || !g_ascii_isalnum (p[-1])) && parse_twelve_hour (p, &hour, &minute, &end))
        {
          g_autoptr(GDateTime) dt = g_date_time_new_utc (2000, 1, 1, hour, minute, 0);
          g_autofree char *time = roster_clock_format (self, dt, ROSTER_CLOCK_TIME_ONLY);

          g_string_append (out, time);
          p = end;
          continue;
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}
