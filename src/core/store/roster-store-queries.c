/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-store"

#include "config.h"

#include "roster-registrant-store-private.h"

/* What the views, the import and the people search ask the store, each one SQL statement. */

typedef struct
{
  gint64                  webinar_id;
  RosterRegistrantFilter *filter;
  RosterStoreSort         sort;
  gboolean                descending;
  guint                   offset;
  guint                   limit;
  char                   *text;
  GStrv                   emails;
} Query;

static void
query_free (Query *query)
{
  g_clear_pointer (&query->filter, roster_registrant_filter_free);
  g_free (query->text);
  g_strfreev (query->emails);
  g_free (query);
}

static Query *
query_new (gint64                        webinar_id,
           const RosterRegistrantFilter *filter)
{
  Query *query = g_new0 (Query, 1);

  query->webinar_id = webinar_id;
  query->filter = filter != NULL ? roster_registrant_filter_copy (filter) : NULL;
  return query;
}

/* Prepares "SELECT @what FROM registrants WHERE webinar_id = ? <filter> @tail" and binds it. */
static sqlite3_stmt *
prepare_filtered (sqlite3                      *db,
                  const char                   *what,
                  const Query                  *query,
                  const char                   *tail,
                  GError                      **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *where = roster_store_filter_where (query->filter, texts);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM registrants WHERE webinar_id = ?%s%s",
                                          what, where, tail);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      roster_store_set_error (error, db, "Reading the stored registrants");
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, query->webinar_id);
  for (guint i = 0; i < texts->len; i++)
    sqlite3_bind_text (stmt, 2 + i, g_ptr_array_index (texts, i), -1, SQLITE_TRANSIENT);
  return stmt;
}

/* Steps @stmt to its end, making a registrant of column 0 of each row. */
static void
return_registrants (GTask        *task,
                    sqlite3      *db,
                    sqlite3_stmt *stmt)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RosterRegistrant *registrant = roster_store_read_registrant (stmt, 0);

      if (registrant != NULL)
        g_ptr_array_add (rows, registrant);
    }
  if (rc != SQLITE_DONE)
    roster_store_return_error (task, db, "Reading the stored registrants");
  else
    g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
  sqlite3_finalize (stmt);
}

static void
list_work (GTask   *task,
           sqlite3 *db,
           gpointer data)
{
  static const char * const orders[] = {
    [ROSTER_STORE_SORT_SIGNUP] = "signup_time",
    [ROSTER_STORE_SORT_NAME] = "name_key",
    [ROSTER_STORE_SORT_EMAIL] = "email_folded",
    [ROSTER_STORE_SORT_SESSION] = "event_time",
  };
  Query *query = data;
  g_autofree char *tail = NULL;
  GError *error = NULL;
  sqlite3_stmt *stmt;

  tail = g_strdup_printf (" ORDER BY %s %s, id LIMIT %u OFFSET %u", orders[query->sort],
                          query->descending ? "DESC" : "ASC",
                          query->limit > 0 ? query->limit : G_MAXINT32, query->offset);
  stmt = prepare_filtered (db, "raw", query, tail, &error);
  if (stmt == NULL)
    g_task_return_error (task, error);
  else
    return_registrants (task, db, stmt);
}

/**
 * roster_registrant_store_list_async:
 * @limit: at most this many rows, 0 for all
 *
 * A window of one webinar's stored registrants, filtered and sorted by SQL.
 */
void
roster_registrant_store_list_async (RosterRegistrantStore        *self,
                                    gint64                        webinar_id,
                                    const RosterRegistrantFilter *filter,
                                    RosterStoreSort               sort,
                                    gboolean                      descending,
                                    guint                         offset,
                                    guint                         limit,
                                    GCancellable                 *cancellable,
                                    GAsyncReadyCallback           callback,
                                    gpointer                      user_data)
{
  Query *query;

  g_return_if_fail (ROSTER_IS_REGISTRANT_STORE (self));
  g_return_if_fail (sort <= ROSTER_STORE_SORT_SESSION);

  query = query_new (webinar_id, filter);
  query->sort = sort;
  query->descending = descending;
  query->offset = offset;
  query->limit = limit;
  roster_registrant_store_run (self, list_work, query, (GDestroyNotify) query_free,
                               cancellable, callback, user_data);
}

/* Returns: (transfer container): RosterRegistrant objects */
GPtrArray *
roster_registrant_store_list_finish (RosterRegistrantStore  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
stats_work (GTask   *task,
            sqlite3 *db,
            gpointer data)
{
  GError *error = NULL;
  sqlite3_stmt *stmt;
  RosterStoreStats *stats;

  stmt = prepare_filtered (db, "count(*), total(attended_live = 1), total(attended_replay = 1),"
                               " total(purchased_live = 1 OR purchased_replay = 1),"
                               " total(subscribed = 1), total(revenue_live) + total(revenue_replay)",
                           data, "", &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      roster_store_return_error (task, db, "Counting the stored registrants");
      sqlite3_finalize (stmt);
      return;
    }
  stats = g_new0 (RosterStoreStats, 1);
  stats->total = sqlite3_column_int64 (stmt, 0);
  stats->attended_live = sqlite3_column_int64 (stmt, 1);
  stats->attended_replay = sqlite3_column_int64 (stmt, 2);
  stats->purchased = sqlite3_column_int64 (stmt, 3);
  stats->subscribed = sqlite3_column_int64 (stmt, 4);
  stats->revenue = sqlite3_column_double (stmt, 5);
  sqlite3_finalize (stmt);
  g_task_return_pointer (task, stats, g_free);
}

void
roster_registrant_store_stats_async (RosterRegistrantStore        *self,
                                     gint64                        webinar_id,
                                     const RosterRegistrantFilter *filter,
                                     GCancellable                 *cancellable,
                                     GAsyncReadyCallback           callback,
                                     gpointer                      user_data)
{
  g_return_if_fail (ROSTER_IS_REGISTRANT_STORE (self));

  roster_registrant_store_run (self, stats_work, query_new (webinar_id, filter),
                               (GDestroyNotify) query_free, cancellable, callback, user_data);
}

gboolean
roster_registrant_store_stats_finish (RosterRegistrantStore  *self,
                                      GAsyncResult           *result,
                                      RosterStoreStats       *stats,
                                      GError                **error)
{
  g_autofree RosterStoreStats *found = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return FALSE;
  *stats = *found;
  return TRUE;
}

static void
registered_work (GTask   *task,
                 sqlite3 *db,
                 gpointer data)
{
  Query *query = data;
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM registrants WHERE email_folded = ?"
                              " AND webinar_id = ? AND (?3 = 0 OR schedule_id = ?3) LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      roster_store_return_error (task, db, "Looking up registrants");
      return;
    }
  for (guint i = 0; query->emails[i] != NULL; i++)
    {
      char *folded = roster_store_fold (query->emails[i]);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, folded, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, query->webinar_id);
      sqlite3_bind_int64 (stmt, 3, query->offset);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (found, g_strdup (query->emails[i]));
      g_free (folded);
    }
  sqlite3_finalize (stmt);
  g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_hash_table_unref);
}

/**
 * roster_registrant_store_find_registered_async:
 * @schedule_id: the schedule, 0 for any
 *
 * Which of @emails the store has for the webinar, in one go.
 */
void
roster_registrant_store_find_registered_async (RosterRegistrantStore *self,
                                               gint64                 webinar_id,
                                               gint64                 schedule_id,
                                               const char * const    *emails,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data)
{
  Query *query;

  g_return_if_fail (ROSTER_IS_REGISTRANT_STORE (self));
  g_return_if_fail (emails != NULL);

  query = query_new (webinar_id, NULL);
  query->offset = (guint) schedule_id;
  query->emails = g_strdupv ((char **) emails);
  roster_registrant_store_run (self, registered_work, query, (GDestroyNotify) query_free,
                               cancellable, callback, user_data);
}

/* Returns: (transfer full): the set of those of the emails, as given, that are registered */
GHashTable *
roster_registrant_store_find_registered_finish (RosterRegistrantStore  *self,
                                                GAsyncResult           *result,
                                                GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
people_work (GTask   *task,
             sqlite3 *db,
             gpointer data)
{
  Query *query = data;
  g_autofree char *match = roster_store_fts_query (query->text);
  sqlite3_stmt *stmt = NULL;

  if (match == NULL)
    {
      g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  if (sqlite3_prepare_v2 (db, "SELECT raw FROM registrants WHERE rowid IN"
                              " (SELECT rowid FROM registrants_fts WHERE registrants_fts MATCH ?)"
                              " ORDER BY email_folded, signup_time LIMIT ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      roster_store_return_error (task, db, "Searching people");
      return;
    }
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, query->limit > 0 ? query->limit : G_MAXINT32);
  return_registrants (task, db, stmt);
}

/**
 * roster_registrant_store_people_async:
 * @limit: at most this many registrations, 0 for all
 *
 * Every registration, in any webinar of the account, of the people whose name or email
 * matches @text (each word a prefix), grouped by email. Each registrant carries its webinar's
 * name, session, attendance, purchases and personal links.
 */
void
roster_registrant_store_people_async (RosterRegistrantStore *self,
                                      const char            *text,
                                      guint                  limit,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  Query *query;

  g_return_if_fail (ROSTER_IS_REGISTRANT_STORE (self));
  g_return_if_fail (text != NULL);

  query = query_new (0, NULL);
  query->text = g_strdup (text);
  query->limit = limit;
  roster_registrant_store_run (self, people_work, query, (GDestroyNotify) query_free,
                               cancellable, callback, user_data);
}

GPtrArray *
roster_registrant_store_people_finish (RosterRegistrantStore  *self,
                                       GAsyncResult           *result,
                                       GError                **error)
{
  return roster_registrant_store_list_finish (self, result, error);
}
