/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-people-search"

#include "config.h"

#include <glib/gstdio.h>

#include "roster-store-people.h"
#include "roster-test-people.h"
#include "roster-test-util.h"

/* The people search that the People page and the GNOME Shell search provider share, and the
 * summary Preferences shows, on a real store file filled with known people. */

typedef struct
{
  char                  *dir;
  char                  *path;
  RosterRegistrantStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-people-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "registrants.sqlite3", NULL);
  roster_registrant_store_open_async (fixture->path, NULL, roster_test_store_result, &result);
  fixture->store = roster_registrant_store_open_finish (roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  if (data == NULL)
    roster_test_people_fill (fixture->store, ROSTER_TEST_PEOPLE_GROWTH, ROSTER_TEST_PEOPLE_LAUNCH);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_assert_true (roster_registrant_store_forget (fixture->path, NULL));
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static GPtrArray *
search (Fixture    *fixture,
        const char *text,
        guint       max_people)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *matches;

  roster_registrant_store_search_people_async (fixture->store, text, max_people, NULL,
                                               roster_test_store_result, &result);
  matches = roster_registrant_store_search_people_finish (fixture->store,
                                                          roster_test_wait_for_result (&result),
                                                          &error);
  g_assert_no_error (error);
  g_assert_nonnull (matches);
  return matches;
}

static RosterRegistrant *
registrant_at (GPtrArray *matches,
               guint      i)
{
  return roster_person_match_get_registrant (g_ptr_array_index (matches, i));
}

static guint
count_people (GPtrArray *matches)
{
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < matches->len; i++)
    g_hash_table_add (emails, g_utf8_casefold (roster_person_match_get_email (matches->pdata[i]), -1));
  return g_hash_table_size (emails);
}

/* Ada, by the start of her last name: both webinars, the newest sign-up first, each with the
 * webinar's ID, name and her own links. */
static void
test_name_prefix (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) matches = search (fixture, "lov", 0);

  g_assert_cmpuint (matches->len, ==, 2);
  g_assert_cmpint (roster_person_match_get_webinar_id (matches->pdata[0]), ==, ROSTER_TEST_PEOPLE_LAUNCH);
  g_assert_cmpint (roster_person_match_get_webinar_id (matches->pdata[1]), ==, ROSTER_TEST_PEOPLE_GROWTH);
  g_assert_cmpstr (roster_registrant_get_webinar (registrant_at (matches, 0)), ==, "Product Launch");
  g_assert_cmpstr (roster_registrant_get_webinar (registrant_at (matches, 1)), ==, "Growth Masterclass");
  g_assert_cmpstr (roster_registrant_get_live_room_url (registrant_at (matches, 1)), ==,
                   "https://example.org/live/ada");
  g_assert_cmpint (roster_registrant_get_purchased_live (registrant_at (matches, 1)), ==, ROSTER_FLAG_YES);
}

/* Every word a prefix, in any order; case and accents do not matter. */
static void
test_words (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) grace = search (fixture, "HOP gra", 0);
  g_autoptr(GPtrArray) none = search (fixture, "grace turing", 0);

  g_assert_cmpuint (grace->len, ==, 1);
  g_assert_cmpstr (roster_registrant_get_email (registrant_at (grace, 0)), ==,
                   "grace.hopper@navy.example.mil");
  g_assert_cmpuint (none->len, ==, 0);
}

/* Accents do not matter, and a word longer than the indexed prefixes must match whole. */
static void
test_long_words (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) plain = search (fixture, "jurgen ludensch", 0);
  g_autoptr(GPtrArray) accented = search (fixture, "MÜLLER-lüd", 0);
  g_autoptr(GPtrArray) longer = search (fixture, "mullerx", 0);
  g_autoptr(GPtrArray) lovelace = search (fixture, "lovelace", 0);

  g_assert_cmpuint (plain->len, ==, 1);
  g_assert_cmpstr (roster_registrant_get_email (registrant_at (plain, 0)), ==, "jm@example.de");
  g_assert_cmpuint (accented->len, ==, 1);
  g_assert_cmpuint (longer->len, ==, 0);
  g_assert_cmpuint (lovelace->len, ==, 2);
}

/* A whole email, in any case, and the start of one, go through the email index; "example.org"
 * in every other address must not make them match. */
static void
test_email (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) full = search (fixture, "  Ada@EXAMPLE.org ", 0);
  g_autoptr(GPtrArray) start = search (fixture, "ada@exa", 0);
  g_autoptr(GPtrArray) other = search (fixture, "alan@example.org", 0);
  g_autoptr(GPtrArray) nobody = search (fixture, "nobody@example.org", 0);

  g_assert_cmpuint (full->len, ==, 2);
  g_assert_cmpuint (count_people (full), ==, 1);
  g_assert_cmpuint (start->len, ==, 2);
  g_assert_cmpuint (other->len, ==, 1);
  g_assert_cmpstr (roster_registrant_get_display_name (registrant_at (other, 0)), ==, "Alan Turing");
  g_assert_cmpuint (nobody->len, ==, 0);
}

/* The limit counts people, not registrations, and people come in name order. */
static void
test_limit (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) ten = search (fixture, "filler", 10);
  g_autoptr(GPtrArray) all = search (fixture, "filler", 0);
  g_autoptr(GPtrArray) everyone_a = search (fixture, "a", 2);

  g_assert_cmpuint (ten->len, ==, 10);
  g_assert_cmpuint (count_people (ten), ==, 10);
  g_assert_cmpuint (all->len, ==, ROSTER_TEST_PEOPLE_N_FILLER);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (g_utf8_collate (roster_registrant_get_display_name (registrant_at (all, i - 1)),
                                     roster_registrant_get_display_name (registrant_at (all, i))), <, 0);
  /* Ada has two registrations: two people may be three rows. */
  g_assert_cmpuint (count_people (everyone_a), ==, 2);
}

/* Nothing to search for finds nobody, and text that means something to the index's query
 * language is only text. */
static void
test_odd_text (Fixture       *fixture,
               gconstpointer  data)
{
  const char *texts[] = { "", "   ", "\"", "*", "a OR b", "NEAR(", "@", "ada\"@", "-lov", "😀" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) matches = search (fixture, texts[i], 0);

      g_assert_cmpuint (matches->len, <=, 2);
    }
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterStoreSummary summary;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  GStatBuf buf;

  roster_registrant_store_summary_async (fixture->store, NULL, roster_test_store_result, &result);
  g_assert_true (roster_registrant_store_summary_finish (fixture->store,
                                                         roster_test_wait_for_result (&result),
                                                         &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.n_people, ==, ROSTER_TEST_PEOPLE_N_PEOPLE);
  g_assert_cmpint (summary.n_registrations, ==, ROSTER_TEST_PEOPLE_N_REGISTRATIONS);
  g_assert_cmpint (summary.n_webinars, ==, 2);
  g_assert_cmpint (summary.last_sync, ==, 1780000000);

  /* The size counts the write-ahead log, where the rows still are. */
  g_assert_cmpint (g_stat (wal, &buf), ==, 0);
  g_assert_cmpint (buf.st_size, >, 0);
  g_assert_cmpuint (roster_registrant_store_size_on_disk (fixture->path), >, (guint64) buf.st_size);
  g_assert_cmpuint (roster_registrant_store_size_on_disk (NULL), ==, 0);
}

static void
test_summary_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  RosterStoreSummary summary;

  roster_registrant_store_summary_async (fixture->store, NULL, roster_test_store_result, &result);
  g_assert_true (roster_registrant_store_summary_finish (fixture->store,
                                                         roster_test_wait_for_result (&result),
                                                         &summary, NULL));
  g_assert_cmpint (summary.n_people, ==, 0);
  g_assert_cmpint (summary.n_registrations, ==, 0);
  g_assert_cmpint (summary.n_webinars, ==, 0);
  g_assert_cmpint (summary.last_sync, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/people/search/name-prefix", test_name_prefix, NULL);
  ADD ("/people/search/words", test_words, NULL);
  ADD ("/people/search/email", test_email, NULL);
  ADD ("/people/search/long-words", test_long_words, NULL);
  ADD ("/people/search/limit", test_limit, NULL);
  ADD ("/people/search/odd-text", test_odd_text, NULL);
  ADD ("/people/summary/filled", test_summary, NULL);
  ADD ("/people/summary/empty", test_summary_empty, GINT_TO_POINTER (1));
#undef ADD

  return g_test_run ();
}
