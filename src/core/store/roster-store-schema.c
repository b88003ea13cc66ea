/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "roster-registrant-store-private.h"

/* Each step takes the schema from version i to i + 1; a store only ever moves forward. */
static const char * const migrations[] = {
  /* 1: webinars, schedules, registrants, and each webinar's sync state */
  "CREATE TABLE webinars (id INTEGER PRIMARY KEY, hash TEXT, name TEXT, title TEXT,"
  " description TEXT, timezone TEXT, type TEXT, registration_url TEXT, registration_type TEXT,"
  " registration_fee REAL, registration_currency TEXT, checkout_url TEXT, post_payment_url TEXT,"
  " live_room_url TEXT, replay_room_url TEXT);"
  "CREATE TABLE schedules (webinar_id INTEGER NOT NULL, id INTEGER NOT NULL, date TEXT,"
  " date_time INTEGER, comment TEXT, kind INTEGER, PRIMARY KEY (webinar_id, id));"
  "CREATE TABLE registrants (webinar_id INTEGER NOT NULL, id INTEGER NOT NULL, lead_id INTEGER,"
  " schedule_id INTEGER, event_id INTEGER, first_name TEXT, last_name TEXT, email TEXT,"
  " name_folded TEXT, email_folded TEXT, signup_time INTEGER, event_time INTEGER,"
  " attended_live INTEGER, attended_replay INTEGER, purchased_live INTEGER,"
  " purchased_replay INTEGER, subscribed INTEGER, revenue_live REAL, revenue_replay REAL,"
  " live_left INTEGER, replay_left INTEGER, raw TEXT NOT NULL, generation INTEGER,"
  " PRIMARY KEY (webinar_id, id));"
  "CREATE INDEX registrants_email ON registrants (email_folded, webinar_id);"
  "CREATE INDEX registrants_signup ON registrants (webinar_id, signup_time);"
  "CREATE TABLE sync_state (webinar_id INTEGER PRIMARY KEY, last_sync INTEGER, kind INTEGER,"
  " full_sync INTEGER, resume_page INTEGER, generation INTEGER);",

  /* 2: sorting by name (in the user's language) and session, and local search over name and
   * email */
  "ALTER TABLE registrants ADD COLUMN name_key TEXT;"
  "UPDATE registrants SET name_key = roster_collate_key (name_folded);"
  "CREATE INDEX registrants_name ON registrants (webinar_id, name_key);"
  "CREATE INDEX registrants_event ON registrants (webinar_id, event_time);"
  "CREATE VIRTUAL TABLE registrants_fts USING fts5 (name_folded, email_folded,"
  " content='registrants', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');"
  "CREATE TRIGGER registrants_ai AFTER INSERT ON registrants BEGIN"
  " INSERT INTO registrants_fts (rowid, name_folded, email_folded)"
  " VALUES (new.rowid, new.name_folded, new.email_folded); END;"
  "CREATE TRIGGER registrants_ad AFTER DELETE ON registrants BEGIN"
  " INSERT INTO registrants_fts (registrants_fts, rowid, name_folded, email_folded)"
  " VALUES ('delete', old.rowid, old.name_folded, old.email_folded); END;"
  "CREATE TRIGGER registrants_au AFTER UPDATE ON registrants BEGIN"
  " INSERT INTO registrants_fts (registrants_fts, rowid, name_folded, email_folded)"
  " VALUES ('delete', old.rowid, old.name_folded, old.email_folded);"
  " INSERT INTO registrants_fts (rowid, name_folded, email_folded)"
  " VALUES (new.rowid, new.name_folded, new.email_folded); END;"
  "INSERT INTO registrants_fts (registrants_fts) VALUES ('rebuild');",

  /* 3: prefix indexes for the first four letters of each word: the people search (GNOME Shell
   * sends the first letter typed) otherwise merges the postings of every word they start,
   * hundreds of thousands for one letter in a big store, before its limit can stop it. The
   * triggers name the table and find the new one. */
  "DROP TABLE registrants_fts;"
  "CREATE VIRTUAL TABLE registrants_fts USING fts5 (name_folded, email_folded,"
  " content='registrants', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2',"
  " prefix='1 2 3 4');"
  "INSERT INTO registrants_fts (registrants_fts) VALUES ('rebuild');",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ROSTER_STORE_SCHEMA_VERSION);

void
roster_store_set_error (GError     **error,
                        sqlite3     *db,
                        const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what,
               db != NULL ? sqlite3_errmsg (db) : "out of memory");
}

/* Ends @task with SQLite's error, rolling back a transaction left open. */
void
roster_store_return_error (GTask      *task,
                           sqlite3    *db,
                           const char *what)
{
  GError *error = NULL;

  roster_store_set_error (&error, db, what);
  if (!sqlite3_get_autocommit (db))
    roster_store_exec (db, "ROLLBACK", NULL);
  g_task_return_error (task, error);
}

gboolean
roster_store_exec (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", message ? message : "SQLite error");
  sqlite3_free (message);
  return FALSE;
}

int
roster_store_schema_get_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

gboolean
roster_store_schema_migrate (sqlite3     *db,
                             int          target_version,
                             GError     **error)
{
  int version = roster_store_schema_get_version (db);

  if (version < 0)
    {
      roster_store_set_error (error, db, "Reading the schema version");
      return FALSE;
    }
  if (version > ROSTER_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The stored registrants were written by a newer Roster (schema %d)"), version);
      return FALSE;
    }

  for (; version < target_version; version++)
    {
      g_autofree char *sql = g_strdup_printf ("BEGIN; %s PRAGMA user_version = %d; COMMIT;",
                                              migrations[version], version + 1);

      if (!roster_store_exec (db, sql, error))
        {
          roster_store_exec (db, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  return TRUE;
}

/* roster_collate_key (text): a key that sorts bytewise as the user's language sorts text. */
static void
collate_key (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, g_utf8_collate_key (text, -1), -1, g_free);
}

static sqlite3 *
open_and_check (const char  *path,
                GError     **error)
{
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *wal = path != NULL ? g_strconcat (path, "-wal", NULL) : NULL;
  /* The last connection to close a database in WAL mode removes the log: a log left over
   * means a crash (or another process using it), and only then is the whole file read
   * through, which takes seconds for a big store. Otherwise reading the schema finds a file
   * that is not a database; damage deeper in makes queries fail, never crash. */
  const char *check = wal != NULL && g_file_test (wal, G_FILE_TEST_EXISTS)
                      ? "PRAGMA quick_check"
                      : "SELECT 'ok' FROM (SELECT count(*) FROM sqlite_schema)";

  if (sqlite3_open_v2 (path != NULL ? path : ":memory:", &db, flags, NULL) != SQLITE_OK)
    {
      roster_store_set_error (error, db, _("Could not open the stored registrants"));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  sqlite3_create_function (db, "roster_collate_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           collate_key, NULL, NULL);

  /* A file that is not a database, or a damaged one, fails here rather than mid-sync. */
  if (sqlite3_prepare_v2 (db, check, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The stored registrants are damaged (%s)"), sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_finalize (stmt);

  /* recursive_triggers: a row that INSERT OR REPLACE replaces leaves the search index too. */
  if (!roster_store_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                              "PRAGMA recursive_triggers = ON;", error) ||
      !roster_store_schema_migrate (db, ROSTER_STORE_SCHEMA_VERSION, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* Moves a damaged database (and its WAL) aside, keeping it for whoever wants to look. */
static gboolean
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strdup_printf ("%s.damaged-%s%s", path, stamp, suffixes[i]);

      if (g_rename (from, to) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not move the damaged store aside: %s"), g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

/* Opens (creating it 0600 in a 0700 folder) and migrates the store at @path, NULL for one in
 * memory. A damaged file is moved aside and a new store made in its place; @recovered then
 * says what was wrong. */
sqlite3 *
roster_store_schema_open (const char  *path,
                          GError     **recovered,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db;

  if (path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      int fd;

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dir,
                       g_strerror (saved));
          return NULL;
        }
      /* Created 0600 before SQLite sees it, so that no moment exists where others may read. */
      fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (fd >= 0)
        close (fd);
      g_chmod (path, 0600);
    }

  db = open_and_check (path, &local_error);
  if (db != NULL || path == NULL ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    {
      if (db == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return db;
    }

  g_warning ("%s; moved it aside and starting afresh", local_error->message);
  if (!move_aside (path, error))
    return NULL;
  g_propagate_error (recovered, g_steal_pointer (&local_error));
  return roster_store_schema_open (path, NULL, error);
}
