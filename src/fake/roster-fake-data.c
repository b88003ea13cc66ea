/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "roster-fake"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "roster-fake-data.h"

/* Rows of one webinar live in blocks of IDs so that lazily generated webinars never collide
 * and an ID tells its webinar. */
#define ID_BLOCK   2000000
#define MAX_ROWS   1000000

static const char * const first_names[] = {
  "Ada", "Zoë", "José", "Łukasz", "Amara", "Chen", "Priya", "Mohammed", "Fatima", "Sofía",
  "Mateo", "Noah", "Emma", "Olivia", "Liam", "Aisha", "Yuki", "Haruto", "Min-jun", "Seo-yeon",
  "Arjun", "Ananya", "Kwame", "Ngozi", "Oluwaseun", "Thandiwe", "Björn", "Ingrid", "Søren",
  "Astrid", "François", "Élodie", "Jürgen", "Anneliese", "Giulia", "Lorenzo", "Małgorzata",
  "Agnieszka", "Dmitri", "Anastasia", "Mehmet", "Ayşe", "Çağla", "Linh", "Minh", "Camila",
  "Joaquín", "Renée", "Siobhán", "Niamh", "Seán", "Ólafur", "Sigríður", "Tomás", "Inês", "João",
  "Maria", "David", "Sarah", "Michael", "Jennifer", "James", "Emily", "Daniel", "Grace", "Omar",
  "Layla", "Ravi", "Kiran", "Wei", "Mei", "Hiroshi", "Sakura", "Tariq", "Zainab", "Aleksandr",
  "Oksana", "Katarzyna", "Mateusz", "Dorothée", "Hélène", "Pedro", "Lucía", "Ezra", "Maya",
  "Tevita", "Aroha", "Marek", "Zdeněk", "Chloé", "Noémie", "Rafael", "Beatriz", "Karim",
  "Yasmin", "Leilani", "Kofi", "Efua", "Andrés", "Valentina", "Hannah", "Lukas", "Mia",
};

static const char * const last_names[] = {
  "Lovelace", "Müller", "García", "Kowalski", "Nowak", "Smith", "Johnson", "Williams", "Brown",
  "Okafor", "Adeyemi", "Mensah", "Dlamini", "Nakamura", "Sato", "Suzuki", "Kim", "Park", "Lee",
  "Wang", "Li", "Zhang", "Chen", "Nguyễn", "Trần", "Patel", "Sharma", "Gupta", "Singh", "Khan",
  "Haddad", "Al-Masri", "Yılmaz", "Öztürk", "Kaya", "Rossi", "Bianchi", "Ferrari", "Dubois",
  "Lefèvre", "Moreau", "Schmidt", "Schröder", "Weiß", "Jansen", "de Vries", "van den Berg",
  "Andersson", "Johansson", "Nielsen", "Jørgensen", "Hansen", "Virtanen", "Korhonen", "Ivanov",
  "Petrova", "Kovačević", "Horvat", "Novák", "Dvořák", "Fernández", "López", "Martínez",
  "Rodríguez", "Silva", "Santos", "Pereira", "O'Brien", "Murphy", "MacLeod", "Ó Súilleabháin",
  "Jónsdóttir", "Cohen", "Levi", "Mwangi", "Otieno", "Tanaka", "Watanabe", "da Costa",
  "Hernández", "Ramírez", "Wójcik", "Zieliński", "Taylor", "Anderson", "Thompson", "Garcia",
  "Martin", "Robinson", "Clark", "Walker", "Young", "Becker", "Hoffmann", "Fischer", "Bernard",
};

/* Reserved (RFC 2606 / 6761) domains: sample data must never reach a real inbox. */
static const char * const email_domains[] = {
  "example.com", "example.org", "example.net", "mail.example.com", "inbox.example",
  "northwind.example", "contoso.example", "fabrikam.example", "globex.example",
  "initech.example", "acme.example", "tailspin.example",
};

static const struct { const char *code; int digits; } phone_plans[] = {
  { "+1", 10 }, { "+1", 10 }, { "+1", 10 }, { "+44", 10 }, { "+49", 11 }, { "+33", 9 },
  { "+34", 9 }, { "+39", 10 }, { "+48", 9 }, { "+91", 10 }, { "+81", 10 }, { "+55", 11 },
  { "+61", 9 }, { "+52", 10 }, { "+234", 10 }, { "+27", 9 }, { "+353", 9 }, { "+46", 9 },
  { "+82", 10 },
};

static const struct { const char *source; const char *medium; } utm_pairs[] = {
  { "facebook", "cpc" }, { "google", "cpc" }, { "newsletter", "email" }, { "youtube", "video" },
  { "linkedin", "social" }, { "partner", "referral" }, { "instagram", "social" },
  { "podcast", "audio" },
};

static const char * const utm_campaigns[] = {
  "spring-launch", "evergreen-funnel", "retargeting-q2", "black-friday", "webinar-series",
  "cold-traffic", "list-reactivation",
};

static const char * const presenter_names[] = {
  "Dana Whitfield", "Marcus Oyelaran", "Sofia Lindqvist", "Kenji Morimoto", "Isabel Duarte",
  "Priyanka Rao", "Tom Brennan", "Léa Fontaine", "Aleksander Wiśniewski", "Naledi Khumalo",
};

typedef struct
{
  const char *name;
  const char *title;
  const char *description;
  const char *timezone;
  gboolean    webinarjam;
  const char *type;
  gboolean    paid;
  guint       fee;
  const char *currency;
  guint       offer_price;
  gboolean    attendee_zones;
  gboolean    last_name_required;
  guint       n_registrants;
  /* I instant replay, J just in time, Dhh:mm daily, Wd/hh:mm weekly (1 = Monday),
   * Odays/hh:mm one-time, that many days from today */
  const char *schedules;
  guint       n_presenters;
} WebinarTemplate;

static const WebinarTemplate templates[] = {
  { "Growth Masterclass (evergreen)", "Growth Masterclass",
    "How small teams grow a list to 10,000 subscribers without paid ads.",
    "America/New_York", FALSE, NULL, FALSE, 0, NULL, 497, FALSE, FALSE, 2400,
    "I J D13:00 W2/19:00", 2 },
  { "Pricing Psychology Workshop", "Pricing Psychology Workshop",
    "A hands-on workshop on anchoring, tiers and annual plans. Bring your pricing page.",
    "Europe/London", FALSE, NULL, TRUE, 97, "USD", 997, FALSE, TRUE, 640,
    "W4/18:00 W6/10:00", 1 },
  { "Launch Day Replay", "Launch Day: The Full Replay",
    "The launch event, replayed once for everyone who missed it.",
    "Australia/Sydney", FALSE, NULL, FALSE, 0, NULL, 297, FALSE, FALSE, 350,
    "O9/15:00", 1 },
  { "Onboarding Bootcamp", "Onboarding Bootcamp: Your First 30 Days",
    "A guided tour of the product for new customers, at a time that suits you.",
    "America/Los_Angeles", FALSE, NULL, FALSE, 0, NULL, 0, TRUE, FALSE, 420,
    "J I D09:00", 1 },
  { "Funnel Teardown (EU)", "Webinar Funnel Teardown",
    "We take three real funnels apart, live, and rebuild them better.",
    "Europe/Berlin", FALSE, NULL, TRUE, 49, "EUR", 490, FALSE, FALSE, 180,
    "D18:30", 2 },
  { "Q&A Session (draft)", "Ask Me Anything: Spring Edition",
    "Draft: schedules not set up yet.",
    "Asia/Tokyo", FALSE, NULL, FALSE, 0, NULL, 0, FALSE, FALSE, 0,
    "", 1 },
  { "Weekly Live Coaching", "Weekly Live Coaching Calls",
    "Live coaching with hot seats and Q&A, three sessions in a series.",
    "America/Chicago", TRUE, "Series of presentations", FALSE, 0, NULL, 1997, FALSE, FALSE, 260,
    "O3/12:00 O10/12:00 O17/12:00", 2 },
  { "Product Launch Keynote", "Product Launch Keynote",
    "The yearly product keynote, streamed live.",
    "Europe/Paris", TRUE, "Single presentation", TRUE, 19, "EUR", 0, FALSE, FALSE, 120,
    "O5/17:00", 1 },
};

typedef struct
{
  const char *name;
  const char *folded;
  const char *ascii;   /* lower-case letters and digits, for e-mail addresses */
} NameEntry;

static NameEntry *first_table;
static NameEntry *last_table;

static char *
ascii_for_email (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  if (out->len == 0)
    g_string_append (out, "user");
  return g_string_free (out, FALSE);
}

static NameEntry *
build_table (const char * const *names,
             guint               n)
{
  NameEntry *table = g_new0 (NameEntry, n);

  for (guint i = 0; i < n; i++)
    {
      table[i].name = names[i];
      table[i].folded = g_utf8_casefold (names[i], -1);
      table[i].ascii = ascii_for_email (names[i]);
    }
  return table;
}

static void
ensure_tables (void)
{
  static gsize initialized = 0;

  /* Built once per process and kept: a few hundred short strings. */
  if (g_once_init_enter (&initialized))
    {
      first_table = build_table (first_names, G_N_ELEMENTS (first_names));
      last_table = build_table (last_names, G_N_ELEMENTS (last_names));
      g_once_init_leave (&initialized, 1);
    }
}

/* splitmix64's finalizer: a bijection, so distinct IDs give distinct tokens. */
static guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

char *
fake_token (guint32 seed,
            gint64  id)
{
  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x",
                          mix64 (((guint64) seed << 40) ^ (guint64) id));
}

static const char * const weekdays_long[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
static const char * const weekdays_short[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char * const months_short[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

GDateTime *
fake_local_time (gint64     t,
                 GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);

  return g_date_time_to_timezone (utc, tz);
}

static void
hour12 (int   hour,
        int  *h12,
        const char **ampm)
{
  *ampm = hour < 12 ? "AM" : "PM";
  *h12 = hour % 12 == 0 ? 12 : hour % 12;
}

/* The process locale must not leak into the API's English dates, so no strftime here. */
char *
fake_format_human (gint64     t,
                   GTimeZone *tz,
                   gboolean   long_weekday)
{
  g_autoptr(GDateTime) dt = fake_local_time (t, tz);
  const char *ampm;
  int h12;
  int wd = g_date_time_get_day_of_week (dt) - 1;

  hour12 (g_date_time_get_hour (dt), &h12, &ampm);
  return g_strdup_printf ("%s, %d %s %d, %02d:%02d %s",
                          long_weekday ? weekdays_long[wd] : weekdays_short[wd],
                          g_date_time_get_day_of_month (dt),
                          months_short[g_date_time_get_month (dt) - 1],
                          g_date_time_get_year (dt),
                          h12, g_date_time_get_minute (dt), ampm);
}

char *
fake_format_clock (gint64     t,
                   GTimeZone *tz)
{
  g_autoptr(GDateTime) dt = fake_local_time (t, tz);
  const char *ampm;
  int h12;

  hour12 (g_date_time_get_hour (dt), &h12, &ampm);
  return g_strdup_printf ("%02d:%02d %s", h12, g_date_time_get_minute (dt), ampm);
}

char *
fake_format_iso (gint64     t,
                 GTimeZone *tz)
{
  g_autoptr(GDateTime) dt = fake_local_time (t, tz);

  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d",
                          g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt));
}

char *
fake_format_duration (guint32 seconds)
{
  return g_strdup_printf ("%02u:%02u:%02u", seconds / 3600, (seconds / 60) % 60, seconds % 60);
}

gint64
fake_local_midnight (gint64     t,
                     GTimeZone *tz,
                     int        add_days)
{
  g_autoptr(GDateTime) dt = fake_local_time (t, tz);
  g_autoptr(GDateTime) day = g_date_time_add_days (dt, add_days);
  g_autoptr(GDateTime) midnight = g_date_time_new (tz, g_date_time_get_year (day),
                                                   g_date_time_get_month (day),
                                                   g_date_time_get_day_of_month (day), 0, 0, 0);

  return g_date_time_to_unix (midnight);
}

static gint64
local_at (gint64     day_t,
          GTimeZone *tz,
          int        hour,
          int        minute)
{
  g_autoptr(GDateTime) dt = fake_local_time (day_t, tz);
  g_autoptr(GDateTime) at = g_date_time_new (tz, g_date_time_get_year (dt),
                                             g_date_time_get_month (dt),
                                             g_date_time_get_day_of_month (dt),
                                             hour, minute, 0);

  return g_date_time_to_unix (at);
}

/* Sessions of a daily or weekly schedule between two instants, ascending. */
static void
series_sessions (FakeWebinar  *webinar,
                 FakeSchedule *schedule,
                 gint64        from,
                 gint64        to,
                 GArray       *out)
{
  for (int d = 0;; d++)
    {
      gint64 day = fake_local_midnight (from, webinar->tz, d);
      gint64 at;

      if (day > to)
        break;
      if (schedule->kind == FAKE_SCHEDULE_WEEKLY)
        {
          g_autoptr(GDateTime) dt = fake_local_time (day + 12 * 3600, webinar->tz);

          if (g_date_time_get_day_of_week (dt) != schedule->weekday)
            continue;
        }
      at = local_at (day + 12 * 3600, webinar->tz, schedule->hour, schedule->minute);
      if (at >= from && at <= to)
        g_array_append_val (out, at);
    }
}

static gint64
just_in_time_after (gint64 t)
{
  /* Starts at the next quarter hour at least five minutes away. */
  return ((t + 5 * 60) / 900 + 1) * 900;
}

GArray *
fake_schedule_next_sessions (FakeWebinar  *webinar,
                             FakeSchedule *schedule,
                             gint64        now)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 t;

  switch (schedule->kind)
    {
    case FAKE_SCHEDULE_INSTANT_REPLAY:
      t = now - now % 60;
      g_array_append_val (out, t);
      break;
    case FAKE_SCHEDULE_JUST_IN_TIME:
      t = just_in_time_after (now);
      g_array_append_val (out, t);
      break;
    case FAKE_SCHEDULE_DAILY:
      /* One schedule ID stands for the series; the next few sessions are listed. */
      series_sessions (webinar, schedule, now, now + 4 * 86400, out);
      if (out->len > 3)
        g_array_set_size (out, 3);
      break;
    case FAKE_SCHEDULE_WEEKLY:
      series_sessions (webinar, schedule, now, now + 15 * 86400, out);
      if (out->len > 2)
        g_array_set_size (out, 2);
      break;
    case FAKE_SCHEDULE_ONE_TIME:
      g_array_append_val (out, schedule->when);
      break;
    default:
      g_assert_not_reached ();
    }
  return out;
}

static char *
random_alnum (GRand *rand,
              guint  len)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  char *s = g_malloc (len + 1);

  for (guint i = 0; i < len; i++)
    s[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
  s[len] = '\0';
  return s;
}

static char *
schedule_comment (FakeWebinar  *webinar,
                  FakeSchedule *schedule)
{
  const char *ampm;
  int h12;

  hour12 (schedule->hour, &h12, &ampm);
  switch (schedule->kind)
    {
    case FAKE_SCHEDULE_INSTANT_REPLAY:
      return g_strdup ("Instant replay");
    case FAKE_SCHEDULE_JUST_IN_TIME:
      return g_strdup ("Just in time");
    case FAKE_SCHEDULE_DAILY:
      return g_strdup_printf ("Every day, %02d:%02d %s", h12, schedule->minute, ampm);
    case FAKE_SCHEDULE_WEEKLY:
      return g_strdup_printf ("Every %s, %02d:%02d %s", weekdays_long[schedule->weekday - 1],
                              h12, schedule->minute, ampm);
    case FAKE_SCHEDULE_ONE_TIME:
      return fake_format_human (schedule->when, webinar->tz, TRUE);
    default:
      g_assert_not_reached ();
    }
}

static void
schedule_free (gpointer data)
{
  FakeSchedule *schedule = data;

  g_free (schedule->comment);
  g_free (schedule);
}

static void
presenter_free (gpointer data)
{
  FakePresenter *presenter = data;

  g_free (presenter->name);
  g_free (presenter->email);
  g_free (presenter->picture_path);
  g_free (presenter);
}

static void
webinar_free (gpointer data)
{
  FakeWebinar *webinar = data;

  g_free (webinar->hash);
  g_free (webinar->name);
  g_free (webinar->title);
  g_free (webinar->description);
  g_free (webinar->timezone);
  g_clear_pointer (&webinar->tz, g_time_zone_unref);
  g_free (webinar->type);
  g_free (webinar->currency);
  g_ptr_array_unref (webinar->schedules);
  g_ptr_array_unref (webinar->presenters);
  g_clear_pointer (&webinar->registrants, g_array_unref);
  g_clear_pointer (&webinar->strings, g_string_chunk_free);
  g_free (webinar);
}

static void
parse_schedules (FakeWebinar           *webinar,
                 const WebinarTemplate *tmpl,
                 GRand                 *rand,
                 gint64                 now)
{
  g_auto(GStrv) specs = g_strsplit (tmpl->schedules, " ", -1);
  gint64 next_id = 900 + g_rand_int_range (rand, 0, 9000);

  for (guint i = 0; specs[i] && specs[i][0]; i++)
    {
      const char *spec = specs[i];
      FakeSchedule *schedule = g_new0 (FakeSchedule, 1);

      schedule->id = next_id;
      next_id += g_rand_int_range (rand, 1, 40);
      switch (spec[0])
        {
        case 'I':
          schedule->kind = FAKE_SCHEDULE_INSTANT_REPLAY;
          break;
        case 'J':
          schedule->kind = FAKE_SCHEDULE_JUST_IN_TIME;
          break;
        case 'D':
          schedule->kind = FAKE_SCHEDULE_DAILY;
          sscanf (spec + 1, "%d:%d", &schedule->hour, &schedule->minute);
          break;
        case 'W':
          schedule->kind = FAKE_SCHEDULE_WEEKLY;
          sscanf (spec + 1, "%d/%d:%d", &schedule->weekday, &schedule->hour, &schedule->minute);
          break;
        case 'O':
          {
            int days = 0;

            schedule->kind = FAKE_SCHEDULE_ONE_TIME;
            sscanf (spec + 1, "%d/%d:%d", &days, &schedule->hour, &schedule->minute);
            schedule->when = local_at (fake_local_midnight (now, webinar->tz, days) + 12 * 3600,
                                       webinar->tz, schedule->hour, schedule->minute);
          }
          break;
        default:
          g_assert_not_reached ();
        }
      schedule->comment = schedule_comment (webinar, schedule);
      g_ptr_array_add (webinar->schedules, schedule);
    }
}

FakeData *
fake_data_new (guint32 seed,
               gint64  now)
{
  FakeData *data = g_new0 (FakeData, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) used_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint presenter_offset;

  ensure_tables ();
  data->seed = seed;
  data->created = now;
  data->webinars = g_ptr_array_new_with_free_func (webinar_free);
  presenter_offset = g_rand_int_range (rand, 0, G_N_ELEMENTS (presenter_names));

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      const WebinarTemplate *tmpl = &templates[i];
      FakeWebinar *webinar = g_new0 (FakeWebinar, 1);

      webinar->index = i;
      do
        webinar->id = g_rand_int_range (rand, 10000, 99999);
      while (g_hash_table_contains (used_ids, &webinar->id));
      g_hash_table_add (used_ids, &webinar->id);
      webinar->webinarjam = tmpl->webinarjam;
      webinar->hash = random_alnum (rand, 12);
      webinar->name = g_strdup (tmpl->name);
      webinar->title = g_strdup (tmpl->title);
      webinar->description = g_strdup (tmpl->description);
      webinar->timezone = g_strdup (tmpl->timezone);
      webinar->tz = g_time_zone_new_identifier (tmpl->timezone);
      if (webinar->tz == NULL)
        webinar->tz = g_time_zone_new_utc ();
      webinar->type = g_strdup (tmpl->type);
      webinar->attendee_zones = tmpl->attendee_zones;
      webinar->last_name_required = tmpl->last_name_required;
      webinar->paid = tmpl->paid;
      webinar->fee = tmpl->fee;
      webinar->currency = g_strdup (tmpl->currency);
      webinar->offer_price = tmpl->offer_price;
      webinar->schedules = g_ptr_array_new_with_free_func (schedule_free);
      webinar->presenters = g_ptr_array_new_with_free_func (presenter_free);
      parse_schedules (webinar, tmpl, rand, now);

      for (guint p = 0; p < tmpl->n_presenters; p++)
        {
          FakePresenter *presenter = g_new0 (FakePresenter, 1);
          guint n = (presenter_offset + i * 3 + p) % G_N_ELEMENTS (presenter_names);
          g_autofree char *ascii = g_str_to_ascii (presenter_names[n], "C");
          g_autofree char *lower = g_ascii_strdown (ascii, -1);

          g_strdelimit (lower, " ", '.');
          presenter->name = g_strdup (presenter_names[n]);
          presenter->email = g_strdup_printf ("%s@growthlab.example", lower);
          presenter->picture_path = g_strdup_printf ("/media/presenters/%u.svg", n);
          g_ptr_array_add (webinar->presenters, presenter);
        }

      webinar->n_target = tmpl->n_registrants;
      webinar->id_base = 10000000 + (gint64) i * ID_BLOCK;
      webinar->lead_base = 50000000 + (gint64) i * ID_BLOCK;
      webinar->user_base = 90000000 + (gint64) i * ID_BLOCK;
      webinar->seed = seed ^ (0x9e3779b9u * (i + 1));
      g_ptr_array_add (data->webinars, webinar);
    }

  return data;
}

void
fake_data_free (FakeData *data)
{
  if (data == NULL)
    return;
  g_ptr_array_unref (data->webinars);
  g_free (data);
}

FakeWebinar *
fake_data_find_webinar_any (FakeData *data,
                            gint64    id)
{
  for (guint i = 0; i < data->webinars->len; i++)
    {
      FakeWebinar *webinar = g_ptr_array_index (data->webinars, i);

      if (webinar->id == id)
        return webinar;
    }
  return NULL;
}

FakeWebinar *
fake_data_find_webinar (FakeData *data,
                        gboolean  webinarjam,
                        gint64    id)
{
  FakeWebinar *webinar = fake_data_find_webinar_any (data, id);

  return webinar != NULL && webinar->webinarjam == webinarjam ? webinar : NULL;
}

FakeSchedule *
fake_webinar_find_schedule (FakeWebinar *webinar,
                            gint64       schedule_id)
{
  for (guint i = 0; i < webinar->schedules->len; i++)
    {
      FakeSchedule *schedule = g_ptr_array_index (webinar->schedules, i);

      if (schedule->id == schedule_id)
        return schedule;
    }
  return NULL;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* First session at or after @t: binary search in the precomputed series. */
static gint64
session_after (GArray *sessions,
               gint64  t)
{
  guint lo = 0, hi = sessions->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (sessions, gint64, mid) < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < sessions->len ? g_array_index (sessions, gint64, lo) : t;
}

static const char *
make_phone (FakeWebinar *webinar,
            GRand       *rand,
            const char **cc)
{
  guint plan = g_rand_int_range (rand, 0, G_N_ELEMENTS (phone_plans));
  char digits[16];
  int n = phone_plans[plan].digits;

  digits[0] = '2' + g_rand_int_range (rand, 0, 8);
  for (int i = 1; i < n; i++)
    digits[i] = '0' + g_rand_int_range (rand, 0, 10);
  digits[n] = '\0';
  *cc = phone_plans[plan].code;
  return g_string_chunk_insert (webinar->strings, digits);
}

static const char *
make_email (FakeWebinar     *webinar,
            GRand           *rand,
            const NameEntry *first,
            const NameEntry *last)
{
  const char *domain = email_domains[g_rand_int_range (rand, 0, G_N_ELEMENTS (email_domains))];
  char buf[256];

  switch (g_rand_int_range (rand, 0, 7))
    {
    case 0:
    case 1:
      g_snprintf (buf, sizeof buf, "%s.%s@%s", first->ascii, last->ascii, domain);
      break;
    case 2:
      g_snprintf (buf, sizeof buf, "%s%s@%s", first->ascii, last->ascii, domain);
      break;
    case 3:
      g_snprintf (buf, sizeof buf, "%c.%s@%s", first->ascii[0], last->ascii, domain);
      break;
    case 4:
      g_snprintf (buf, sizeof buf, "%s_%s%02d@%s", first->ascii, last->ascii,
                  g_rand_int_range (rand, 1, 100), domain);
      break;
    case 5:
      g_snprintf (buf, sizeof buf, "%s%c%d@%s", first->ascii, last->ascii[0],
                  g_rand_int_range (rand, 1960, 2006), domain);
      break;
    default:
      g_snprintf (buf, sizeof buf, "%s.%s@%s", last->ascii, first->ascii, domain);
      break;
    }
  return g_string_chunk_insert_const (webinar->strings, buf);
}

static void
generate (FakeWebinar *webinar,
          guint        n,
          gint64       now)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (webinar->seed);
  g_autoptr(GArray) signups = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  const gint64 span = 42 * 86400;
  guint n_first = G_N_ELEMENTS (first_names);
  guint n_last = G_N_ELEMENTS (last_names);

  g_clear_pointer (&webinar->registrants, g_array_unref);
  g_clear_pointer (&webinar->strings, g_string_chunk_free);
  webinar->registrants = g_array_sized_new (FALSE, TRUE, sizeof (FakeRegistrant), n);
  webinar->strings = g_string_chunk_new (64 * 1024);
  webinar->generated = TRUE;
  webinar->n_target = n;

  for (guint i = 0; i < n; i++)
    {
      /* More sign-ups lately: the square skews them toward now. */
      double u = g_rand_double (rand);
      gint64 t = now - (gint64) (span * u * u) - g_rand_int_range (rand, 0, 600);

      g_array_append_val (signups, t);
    }
  g_array_sort (signups, compare_int64);

  for (guint s = 0; s < webinar->schedules->len; s++)
    {
      FakeSchedule *schedule = g_ptr_array_index (webinar->schedules, s);
      GArray *sessions = g_array_new (FALSE, FALSE, sizeof (gint64));

      if (schedule->kind == FAKE_SCHEDULE_DAILY || schedule->kind == FAKE_SCHEDULE_WEEKLY)
        series_sessions (webinar, schedule, now - span - 86400, now + 15 * 86400, sessions);
      g_ptr_array_add (series, sessions);
    }

  g_array_set_size (webinar->registrants, n);
  for (guint i = 0; i < n; i++)
    {
      FakeRegistrant *r = &g_array_index (webinar->registrants, FakeRegistrant, i);
      const NameEntry *first = &first_table[g_rand_int_range (rand, 0, n_first)];
      const NameEntry *last = &last_table[g_rand_int_range (rand, 0, n_last)];
      gboolean session_over;
      char ip[32];

      r->id = webinar->id_base + i;
      r->lead_id = webinar->lead_base + i;
      r->user_id = webinar->user_base + i;
      r->signup = g_array_index (signups, gint64, i);
      r->first_name = first->name;
      r->last_name = last->name;
      r->first_folded = first->folded;
      r->last_folded = last->folded;
      r->email = make_email (webinar, rand, first, last);
      r->email_folded = r->email;   /* generated addresses are lower-case ASCII */
      if (g_rand_int_range (rand, 0, 100) < 85)
        r->phone = make_phone (webinar, rand, &r->phone_cc);
      g_snprintf (ip, sizeof ip, "%s.%d",
                  (const char *[]) { "203.0.113", "198.51.100", "192.0.2" }[g_rand_int_range (rand, 0, 3)],
                  g_rand_int_range (rand, 1, 255));
      r->ip = g_string_chunk_insert_const (webinar->strings, ip);

      if (webinar->schedules->len > 0)
        {
          /* The first schedule draws most people, as the default choice on a form does. */
          guint s = g_rand_int_range (rand, 0, 100) < 55 ? 0
                    : g_rand_int_range (rand, 0, webinar->schedules->len);
          FakeSchedule *schedule = g_ptr_array_index (webinar->schedules, s);

          r->schedule_id = schedule->id;
          switch (schedule->kind)
            {
            case FAKE_SCHEDULE_INSTANT_REPLAY:
              r->event = r->signup + g_rand_int_range (rand, 10, 300);
              break;
            case FAKE_SCHEDULE_JUST_IN_TIME:
              r->event = just_in_time_after (r->signup);
              break;
            case FAKE_SCHEDULE_DAILY:
            case FAKE_SCHEDULE_WEEKLY:
              r->event = session_after (g_ptr_array_index (series, s), r->signup);
              break;
            case FAKE_SCHEDULE_ONE_TIME:
              r->event = schedule->when;
              break;
            default:
              g_assert_not_reached ();
            }
          r->event -= r->event % 60;
        }
      else
        {
          r->event = r->signup - r->signup % 60;
        }

      session_over = r->event + 3600 < now;
      if (session_over && g_rand_int_range (rand, 0, 100) < 45)
        {
          r->live_join = r->event + g_rand_int_range (rand, 0, 8 * 60);
          r->time_live = g_rand_int_range (rand, 3 * 60, 75 * 60);
          if (webinar->offer_price > 0 && g_rand_int_range (rand, 0, 100) < 12)
            {
              r->purchased_live = TRUE;
              r->revenue_live = webinar->offer_price;
            }
        }
      if (session_over && g_rand_int_range (rand, 0, 100) < 20)
        {
          gint64 at = r->event + g_rand_int_range (rand, 3 * 3600, 5 * 86400);

          if (at < now)
            {
              r->replay_at = at;
              r->time_replay = g_rand_int_range (rand, 2 * 60, 60 * 60);
              if (webinar->offer_price > 0 && g_rand_int_range (rand, 0, 100) < 8)
                {
                  r->purchased_replay = TRUE;
                  r->revenue_replay = webinar->offer_price;
                }
            }
        }
      r->subscribed = g_rand_int_range (rand, 0, 100) < 96;
      if (g_rand_int_range (rand, 0, 100) < 30)
        {
          r->gdpr_at = r->signup;
          r->gdpr_communications = g_rand_boolean (rand);
        }
      if (r->phone != NULL && g_rand_int_range (rand, 0, 100) < 30)
        r->twilio_at = r->signup;
      if (g_rand_int_range (rand, 0, 100) < 60)
        {
          guint u = g_rand_int_range (rand, 0, G_N_ELEMENTS (utm_pairs));

          r->utm_source = utm_pairs[u].source;
          r->utm_medium = utm_pairs[u].medium;
          r->utm_campaign = utm_campaigns[g_rand_int_range (rand, 0, G_N_ELEMENTS (utm_campaigns))];
        }
    }
}

void
fake_webinar_ensure_generated (FakeWebinar *webinar,
                               gint64       now)
{
  if (!webinar->generated)
    generate (webinar, webinar->n_target, now);
}

void
fake_webinar_regenerate (FakeWebinar *webinar,
                         guint        n,
                         gint64       now)
{
  generate (webinar, MIN (n, MAX_ROWS), now);
}

FakeRegistrant *
fake_webinar_find_lead (FakeWebinar *webinar,
                        gint64       lead_id)
{
  gint64 index = lead_id - webinar->lead_base;

  if (index < 0 || index >= webinar->registrants->len)
    return NULL;
  return &g_array_index (webinar->registrants, FakeRegistrant, index);
}

FakeRegistrant *
fake_webinar_append (FakeWebinar *webinar,
                     gint64       now)
{
  FakeRegistrant *r;
  guint i = webinar->registrants->len;

  if (i >= ID_BLOCK)
    return NULL;
  g_array_set_size (webinar->registrants, i + 1);
  r = &g_array_index (webinar->registrants, FakeRegistrant, i);
  r->id = webinar->id_base + i;
  r->lead_id = webinar->lead_base + i;
  r->user_id = webinar->user_base + i;
  r->signup = now;
  r->subscribed = TRUE;
  return r;
}

const char *
fake_webinar_intern (FakeWebinar *webinar,
                     const char  *str)
{
  return str != NULL ? g_string_chunk_insert_const (webinar->strings, str) : NULL;
}
