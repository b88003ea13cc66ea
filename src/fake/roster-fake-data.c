/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The sample account's webinars, built from templates and a seed: schedules, presenters and
 * the lookups the service makes. Their registrants are in roster-fake-people.c. */

#define G_LOG_DOMAIN "roster-fake"

#include "config.h"

#include <stdio.h>

#include "roster-fake-data.h"

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
            schedule->when = fake_local_at (fake_local_midnight (now, webinar->tz, days) + 12 * 3600,
                                            webinar->tz, schedule->hour, schedule->minute);
          }
          break;
        default:
          g_assert_not_reached ();
        }
      schedule->comment = fake_schedule_comment (webinar, schedule);
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
      webinar->id_base = 10000000 + (gint64) i * FAKE_ID_BLOCK;
      webinar->lead_base = 50000000 + (gint64) i * FAKE_ID_BLOCK;
      webinar->user_base = 90000000 + (gint64) i * FAKE_ID_BLOCK;
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
