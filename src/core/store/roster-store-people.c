/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-store"

#include "config.h"

#include <string.h>

#include "roster-registrant-store-private.h"
#include "roster-store-people.h"

/* The people search of the window and of GNOME Shell: a handful of people, found fast however
 * many registrants the store holds. It first picks at most @max_people distinct emails, letting
 * SQLite stop at the limit (no sort over every match), then reads each one's registrations
 * through the email index. */

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

/* Text that is one word with an "@" is the start of an email: the email index answers it,
 * where the full-text index would AND every part ("example", "com") that all rows share. */
static gboolean
prepare_emails (sqlite3       *db,
                const char    *text,
                guint          max_people,
                sqlite3_stmt **out)
{
  g_autofree char *folded = g_strstrip (roster_store_fold (text));
  sqlite3_stmt *stmt = NULL;

  *out = NULL;
  if (*folded == '\0')
    return TRUE;

  if (strchr (folded, '@') != NULL && strpbrk (folded, " \t") == NULL)
    {
      if (sqlite3_prepare_v2 (db, "SELECT DISTINCT email_folded FROM registrants"
                                  " WHERE email_folded >= ?1 AND email_folded < ?1 || ?2 LIMIT ?3",
                              -1, &stmt, NULL) != SQLITE_OK)
        return FALSE;
      sqlite3_bind_text (stmt, 1, folded, -1, SQLITE_TRANSIENT);
      /* U+10FFFF sorts after every character that can follow the prefix. */
      sqlite3_bind_text (stmt, 2, "\xf4\x8f\xbf\xbf", -1, SQLITE_STATIC);
    }
  else
    {
      g_autofree char *match = roster_store_fts_query (text);

      if (match == NULL)
        return TRUE;
      if (sqlite3_prepare_v2 (db, "SELECT DISTINCT r.email_folded FROM registrants_fts"
                                  " CROSS JOIN registrants r ON r.rowid = registrants_fts.rowid"
                                  " WHERE registrants_fts MATCH ?1 LIMIT ?3",
                              -1, &stmt, NULL) != SQLITE_OK)
        return FALSE;
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (stmt, 3, max_people > 0 ? max_people : G_MAXINT32);
  *out = stmt;
  return TRUE;
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
  int rc = SQLITE_DONE;

  if (!prepare_emails (db, search->text, search->max_people, &stmt))
    rc = SQLITE_ERROR;
  else if (stmt != NULL)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (emails, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
    }
  if (rc != SQLITE_DONE ||
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
