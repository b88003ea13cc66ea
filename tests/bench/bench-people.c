/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-people"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "roster-registrant-store.h"
#include "roster-store-people.h"
#include "roster-test-util.h"

/* The people search (the window's People page and the GNOME Shell search provider) across 20
 * webinars of 100,000 registrants each: 2,000,000 stored rows, written straight into the
 * store's tables (its triggers fill the search index as a sync would). People come from a
 * pool of 600,000, so most are registered for several webinars. Prints the median and 95th
 * percentile of each kind of query, from one run; the target is < 50 ms per search. */

#define N_WEBINARS      20
#define N_PER_WEBINAR   100000
#define N_POOL          600000
#define N_RUNS          25
#define SHELL_PEOPLE    10
#define WINDOW_PEOPLE   100

static const char * const first_names[] = {
  "Anna", "Ben", "Carla", "David", "Eva", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Karin",
  "Lukas", "Maria", "Noah", "Olga", "Paul", "Quentin", "Rosa", "Simon", "Tina", "Ulrich",
  "Vera", "Walter", "Xenia", "Yusuf", "Zoe", "Ada", "Alan", "Linus", "Margaret", "Élodie",
  "Jürgen", "Søren", "Chloé", "Mateo", "Aiko", "Priya", "Omar", "Fatima", "Kenji",
};
static const char * const last_names[] = {
  "Miller", "Schmidt", "Garcia", "Rossi", "Dubois", "Nowak", "Jensen", "Novak", "Smith",
  "Müller", "Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Brown", "Wilson",
  "Taylor", "Moreau", "Bianchi", "Kowalski", "Andersen", "Svensson", "Fischer", "Weber",
  "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf",
  "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann",
  "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Huber", "Kaiser",
};
static const char * const domains[] = {
  "example.org", "example.com", "mail.example.net", "firma.example.de", "uni.example.edu",
};

static RosterRegistrantStore *
open_store (const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterRegistrantStore *store;

  roster_registrant_store_open_async (path, NULL, roster_test_store_result, &result);
  store = roster_registrant_store_open_finish (roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return store;
}

/* Person @n of the pool: the same name and email wherever they register. */
static void
person (guint   n,
        char  **first,
        char  **last,
        char  **email)
{
  const char *f = first_names[n % G_N_ELEMENTS (first_names)];
  const char *l = last_names[(n / G_N_ELEMENTS (first_names)) % G_N_ELEMENTS (last_names)];

  *first = g_strdup (f);
  *last = g_strdup_printf ("%s%s", l, n % 7 == 0 ? "-Weiss" : "");
  *email = g_strdup_printf ("%s.%s%u@%s", f, l, n, domains[n % G_N_ELEMENTS (domains)]);
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal, -1);
}

static void
fill (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GRand *rand = g_rand_new_with_seed (14);
  gint64 id = 1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA synchronous = OFF; PRAGMA cache_size = -524288; BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "INSERT INTO registrants (webinar_id, id, lead_id, schedule_id, first_name, last_name, email,"
    " name_folded, email_folded, signup_time, attended_live, purchased_live, subscribed, raw,"
    " generation, name_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,1,?,1,?)", -1, &stmt, NULL), ==, SQLITE_OK);

  for (guint w = 1; w <= N_WEBINARS; w++)
    for (guint i = 0; i < N_PER_WEBINAR; i++, id++)
      {
        guint n = g_rand_int_range (rand, 0, N_POOL);
        g_autofree char *first = NULL, *last = NULL, *email = NULL;
        g_autofree char *name = NULL, *name_folded = NULL, *key = NULL, *raw = NULL;
        gboolean live = g_rand_int_range (rand, 0, 3) == 0;
        gboolean bought = live && g_rand_int_range (rand, 0, 10) == 0;

        person (n, &first, &last, &email);
        name = g_strdup_printf ("%s %s", first, last);
        name_folded = fold (name);
        key = g_utf8_collate_key (name_folded, -1);
        raw = g_strdup_printf ("{\"id\":\"%" G_GINT64_FORMAT "\",\"lead_id\":\"%u\","
                               "\"schedule_id\":\"%u\",\"first_name\":\"%s\",\"last_name\":\"%s\","
                               "\"email\":\"%s\",\"webinar\":\"Webinar %u\","
                               "\"schedule\":\"Mon, 2 Nov 2026, 6:00 PM\",\"attended_live\":\"%s\","
                               "\"purchased_live\":\"%s\","
                               "\"links.live_room_url\":\"https://example.org/live/%" G_GINT64_FORMAT "\"}",
                               id, n, w * 10, first, last, email, w, live ? "Yes" : "No",
                               bought ? "Yes" : "No", id);
        sqlite3_reset (stmt);
        sqlite3_bind_int64 (stmt, 1, w);
        sqlite3_bind_int64 (stmt, 2, id);
        sqlite3_bind_int64 (stmt, 3, n);
        sqlite3_bind_int64 (stmt, 4, w * 10);
        sqlite3_bind_text (stmt, 5, first, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 6, last, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 7, email, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 8, name_folded, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 9, fold (email), -1, g_free);
        sqlite3_bind_int64 (stmt, 10, 1700000000 + (gint64) id * 7);
        sqlite3_bind_int (stmt, 11, live);
        sqlite3_bind_int (stmt, 12, bought);
        sqlite3_bind_text (stmt, 13, raw, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 14, key, -1, SQLITE_STATIC);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO sync_state (webinar_id, last_sync, kind)"
                                     " SELECT DISTINCT webinar_id, 1780000000, 1 FROM registrants;"
                                     "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_rand_free (rand);
}

static double
search_ms (RosterRegistrantStore *store,
           const char            *text,
           guint                  max_people,
           guint                 *n_found)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  gint64 start = g_get_monotonic_time ();

  roster_registrant_store_search_people_async (store, text, max_people, NULL, roster_test_store_result, &result);
  matches = roster_registrant_store_search_people_finish (store, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  *n_found = matches->len;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

/* Runs each of @texts (a kind of query) N_RUNS times over, and prints the spread. */
static gboolean
measure (RosterRegistrantStore *store,
         const char            *kind,
         const char * const    *texts,
         guint                  max_people)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_texts = g_strv_length ((char **) texts);
  guint found = 0;
  double median, p95;

  for (guint run = 0; run < N_RUNS; run++)
    for (guint i = 0; i < n_texts; i++)
      {
        guint n;
        double ms = search_ms (store, texts[i], max_people, &n);

        g_array_append_val (times, ms);
        found += n;
      }
  g_array_sort (times, compare_doubles);
  median = g_array_index (times, double, times->len / 2);
  p95 = g_array_index (times, double, (times->len * 95) / 100);
  g_print ("%-34s %3u people max  median %6.2f ms  95th %6.2f ms  max %6.2f ms  (%u queries, %.1f registrations each)\n",
           kind, max_people, median, p95, g_array_index (times, double, times->len - 1),
           times->len, (double) found / times->len);
  return p95 < 50.0;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const prefixes[] = { "mil", "schm", "lov", "hopp", "jens", "tor", NULL };
  static const char * const one_letter[] = { "a", "m", "s", NULL };
  static const char * const full_names[] = { "anna miller", "grace hopper", "linus torvalds",
                                             "jürgen müller", NULL };
  static const char * const email_starts[] = { "anna.miller", "grace.hopper1", "ada.l", NULL };
  const char *full_emails[5] = { NULL, };
  g_autofree char *dir = g_dir_make_tmp ("bench-people-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "registrants.sqlite3", NULL);
  g_autoptr(RosterRegistrantStore) store = NULL;
  g_autofree char *emails[4] = { NULL, };
  g_autoptr(GAsyncResult) result = NULL;
  RosterStoreSummary summary;
  gint64 start;
  gboolean ok = TRUE;

  g_clear_object (&store);
  store = open_store (path);
  g_clear_object (&store);   /* the schema is made; the rows go in straight */

  start = g_get_monotonic_time ();
  fill (path);
  g_print ("filled %d webinars × %d registrants in %.1f s, %.0f MiB on disk\n", N_WEBINARS,
           N_PER_WEBINAR, (g_get_monotonic_time () - start) / 1e6,
           roster_registrant_store_size_on_disk (path) / 1048576.0);

  start = g_get_monotonic_time ();
  store = open_store (path);
  g_print ("reopening the store: %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *first = NULL, *last = NULL;

      person (1000 + i * 77777, &first, &last, &emails[i]);
      full_emails[i] = emails[i];
    }

  ok &= measure (store, "name prefix (Shell)", prefixes, SHELL_PEOPLE);
  ok &= measure (store, "name prefix (window)", prefixes, WINDOW_PEOPLE);
  ok &= measure (store, "first and last name (Shell)", full_names, SHELL_PEOPLE);
  ok &= measure (store, "one letter (Shell)", one_letter, SHELL_PEOPLE);
  ok &= measure (store, "start of an email (Shell)", email_starts, SHELL_PEOPLE);
  ok &= measure (store, "full email (Shell)", full_emails, SHELL_PEOPLE);
  ok &= measure (store, "full email (window)", full_emails, WINDOW_PEOPLE);

  start = g_get_monotonic_time ();
  roster_registrant_store_summary_async (store, NULL, roster_test_store_result, &result);
  g_assert_true (roster_registrant_store_summary_finish (store, roster_test_wait_for_result (&result), &summary, NULL));
  g_print ("Preferences' summary: %" G_GINT64_FORMAT " people, %" G_GINT64_FORMAT
           " registrations, %" G_GINT64_FORMAT " webinars in %.1f ms\n",
           summary.n_people, summary.n_registrations, summary.n_webinars,
           (g_get_monotonic_time () - start) / 1000.0);

  g_print ("%s: every kind of search has its 95th percentile under 50 ms\n", ok ? "PASS" : "MISS");
  g_clear_object (&store);
  roster_registrant_store_forget (path, NULL);
  g_rmdir (dir);
  return 0;
}
