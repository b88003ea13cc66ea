/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The registrants of a webinar, generated from its seed: names, emails, phones, sign-ups,
 * attendance and purchases; and the rows the API adds. */

#define G_LOG_DOMAIN "roster-fake"

#include "config.h"

#include "roster-fake-data.h"

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
make_phone (FakeWebinar  *webinar,
            GRand        *rand,
            const char  **cc)
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

  ensure_tables ();
  g_clear_pointer (&webinar->registrants, g_array_unref);
  g_clear_pointer (&webinar->strings, g_string_chunk_free);
  webinar->registrants = g_array_sized_new (FALSE, TRUE, sizeof (FakeRegistrant), n);
  webinar->strings = g_string_chunk_new (64 * 1024);
  webinar->generated = TRUE;
  webinar->n_removed = 0;
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
        fake_series_sessions (webinar, schedule, now - span - 86400, now + 15 * 86400, sessions);
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
              r->event = fake_just_in_time_after (r->signup);
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
  FakeRegistrant *r;

  if (index < 0 || index >= webinar->registrants->len)
    return NULL;
  r = &g_array_index (webinar->registrants, FakeRegistrant, index);
  return r->removed ? NULL : r;
}

FakeRegistrant *
fake_webinar_append (FakeWebinar *webinar,
                     gint64       now)
{
  FakeRegistrant *r;
  guint i = webinar->registrants->len;

  if (i >= FAKE_ID_BLOCK)
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
