/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-store"

#include "config.h"

#include <string.h>

#include "roster-registrant-store-private.h"
#include "roster-store-people.h"

/* The people search of the window and of GNOME Shell: a handful of people, found fast however
 * many registrants the store holds. It first picks at most @max_people distinct emails, walking
 * the matches in index order and stopping at the limit (no sort over every match), then reads
 * each one's registrations through the email index. */

typedef struct
{
  char  *text;
  guint  max_people;
} Search;

static void
search_free (Search *search)
{
  g_free (search->text);
  g_free (search);
}

/* The longest prefix schema 3 indexes: a longer word is looked up by its first letters, which
 * the index answers lazily so that the limit stops the search early, and checked whole here. */
#define INDEXED_PREFIX 4

/* Folded text's words as the search index splits them: letters and digits, accents dropped. */
static GStrv
split_words (const char *folded)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_ismark (c))
        continue;
      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        g_strv_builder_add (words, word->str);
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  return g_strv_builder_end (words);
}

static gboolean
starts_every_word (const char         *name_folded,
                   const char         *email_folded,
                   const char * const *words)
{
  g_autofree char *both = g_strconcat (name_folded ?: "", " ", email_folded ?: "", NULL);
  g_auto(GStrv) tokens = split_words (both);

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint j;

      for (j = 0; tokens[j] != NULL && !g_str_has_prefix (tokens[j], words[i]); j++)
        ;
      if (tokens[j] == NULL)
        return FALSE;
    }
  return TRUE;
}

static char *
match_for (const char * const *words)
{
  g_autoptr(GString) match = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *start = g_utf8_substring (words[i], 0, MIN (g_utf8_strlen (words[i], -1),
                                                                   INDEXED_PREFIX));

      g_string_append_printf (match, "%s\"%s\"*", i > 0 ? " " : "", start);
    }
  return g_string_free (g_steal_pointer (&match), FALSE);
}

/* Picks at most @max_people distinct emails that match @text into @emails. Text that is one
 * word with an "@" is the start of an email: the email index answers it, where the full-text
 * index would AND every part ("example", "com") that all rows share. */
static gboolean
find_emails (sqlite3    *db,
             const char *text,
             guint       max_people,
             GPtrArray  *emails)
{
  g_autofree char *folded = g_strstrip (roster_store_fold (text));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) words = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_DONE;

  if (max_people == 0)
    max_people = G_MAXUINT;
  if (strchr (folded, '@') != NULL && strpbrk (folded, " \t") == NULL)
    {
      if (sqlite3_prepare_v2 (db, "SELECT DISTINCT email_folded FROM registrants"
                                  " WHERE email_folded >= ?1 AND email_folded < ?1 || ?2 LIMIT ?3",
                              -1, &stmt, NULL) != SQLITE_OK)
        return FALSE;
      sqlite3_bind_text (stmt, 1, folded, -1, SQLITE_STATIC);
      /* U+10FFFF sorts after every character that can follow the prefix. */
      sqlite3_bind_text (stmt, 2, "\xf4\x8f\xbf\xbf", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, MIN (max_people, G_MAXINT32));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (emails, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
      return rc == SQLITE_DONE;
    }

  words = split_words (folded);
  if (words[0] == NULL)
    return TRUE;
  match = match_for ((const char * const *) words);
  if (sqlite3_prepare_v2 (db, "SELECT r.email_folded, r.name_folded FROM registrants_fts"
                              " CROSS JOIN registrants r ON r.rowid = registrants_fts.rowid"
                              " WHERE registrants_fts MATCH ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while (emails->len < max_people && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *email = (const char *) sqlite3_column_text (stmt, 0);
      char *copy;

      if (email == NULL || g_hash_table_contains (seen, email) ||
          !starts_every_word ((const char *) sqlite3_column_text (stmt, 1), email,
                              (const char * const *) words))
        continue;
      copy = g_strdup (email);
      g_ptr_array_add (emails, copy);
      g_hash_table_add (seen, copy);
    }
  sqlite3_finalize (stmt);
  return emails->len >= max_people || rc == SQLITE_DONE;
}

typedef struct
{
  char      *key;
  GPtrArray *matches;
} Person;

static void
person_free (Person *person)
{
  g_free (person->key);
  g_ptr_array_unref (person->matches);
  g_free (person);
}

static int
compare_people (gconstpointer a,
                gconstpointer b)
{
  const Person *pa = *(Person * const *) a;
  const Person *pb = *(Person * const *) b;

  return strcmp (pa->key, pb->key);
}

/* Every registration of @email, the newest sign-up first. */
static Person *
read_person (sqlite3_stmt *stmt,
             const char   *email)
{
  Person *person = g_new0 (Person, 1);

  person->matches = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(RosterRegistrant) registrant = roster_store_read_registrant (stmt, 1);

      if (registrant == NULL)
        continue;
      if (person->key == NULL)
        person->key = g_strconcat ((const char *) sqlite3_column_text (stmt, 2) ?: "", "\x01",
                                   email, NULL);
      g_ptr_array_add (person->matches,
                       roster_person_match_new (sqlite3_column_int64 (stmt, 0), registrant));
    }
  if (person->key == NULL)
    person->key = g_strdup (email);
  return person;
}

static void
search_work (GTask   *task,
             sqlite3 *db,
             gpointer data)
{
  Search *search = data;
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);
  g_autoptr(GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = NULL;

  if (!find_emails (db, search->text, search->max_people, emails) ||
      sqlite3_prepare_v2 (db, "SELECT webinar_id, raw, name_key FROM registrants"
                              " WHERE email_folded = ? ORDER BY signup_time DESC",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      roster_store_return_error (task, db, "Searching people");
      return;
    }
  for (guint i = 0; i < emails->len; i++)
    g_ptr_array_add (people, read_person (stmt, emails->pdata[i]));
  sqlite3_finalize (stmt);

  /* By name in the user's language (the stored sort key), then by email. */
  g_ptr_array_sort (people, compare_people);
  for (guint i = 0; i < people->len; i++)
    {
      Person *person = people->pdata[i];

      g_ptr_array_extend_and_steal (matches, g_steal_pointer (&person->matches));
      person->matches = g_ptr_array_new ();
    }
  g_task_return_pointer (task, g_steal_pointer (&matches), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * roster_registrant_store_search_people_async:
 * @text: a name or an email, or the start of one (each word a prefix)
 * @max_people: at most this many people (distinct emails), 0 for all
 *
 * Finds people across every webinar of the account, from the store alone.
 */
void
roster_registrant_store_search_people_async (RosterRegistrantStore *self,
                                             const char            *text,
                                             guint                  max_people,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data)
{
  Search *search;

  g_return_if_fail (ROSTER_IS_REGISTRANT_STORE (self));
  g_return_if_fail (text != NULL);

  search = g_new0 (Search, 1);
  search->text = g_strdup (text);
  search->max_people = max_people;
  roster_registrant_store_run (self, search_work, search, (GDestroyNotify) search_free,
                               cancellable, callback, user_data);
}

/**
 * roster_registrant_store_search_people_finish:
 *
 * Returns: (transfer container): #RosterPersonMatch objects, one per registration, each
 *   person's together (people by name, then email; their registrations newest first)
 */
GPtrArray *
roster_registrant_store_search_people_finish (RosterRegistrantStore  *self,
                                              GAsyncResult           *result,
                                              GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
