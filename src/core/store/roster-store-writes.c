/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-store"

#include "config.h"

#include "roster-registrant-store-private.h"
#include "roster-schedule.h"

/* What a sync and Roster's own calls write: each step one transaction, so that a crash leaves
 * the store as it was after the last step. */

static void
read_state_work (GTask   *task,
                 sqlite3 *db,
                 gpointer data)
{
  RosterStoreSyncState *state = g_new0 (RosterStoreSyncState, 1);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT last_sync, kind, full_sync, resume_page, generation"
                              " FROM sync_state WHERE webinar_id = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_free (state);
      roster_store_return_error (task, db, "Reading the sync state");
      return;
    }
  sqlite3_bind_int64 (stmt, 1, *(gint64 *) data);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      state->last_sync = sqlite3_column_int64 (stmt, 0);
      state->kind = sqlite3_column_int (stmt, 1);
      state->full_sync = sqlite3_column_int64 (stmt, 2);
      state->resume_page = sqlite3_column_int (stmt, 3);
      state->generation = sqlite3_column_int64 (stmt, 4);
    }
  sqlite3_finalize (stmt);
  g_task_return_pointer (task, state, g_free);
}

void
roster_registrant_store_read_state_async (RosterRegistrantStore *self,
                                          gint64                 webinar_id,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data)
{
  roster_registrant_store_run (self, read_state_work, g_memdup2 (&webinar_id, sizeof webinar_id),
                               g_free, cancellable, callback, user_data);
}

gboolean
roster_registrant_store_read_state_finish (RosterRegistrantStore  *self,
                                           GAsyncResult           *result,
                                           RosterStoreSyncState   *state,
                                           GError                **error)
{
  g_autofree RosterStoreSyncState *found = g_task_propagate_pointer (G_TASK (result), error);

  if (found == NULL)
    return FALSE;
  *state = *found;
  return TRUE;
}

/* When the webinar was last synced (0: never) and how. */
void
roster_registrant_store_get_sync_state_async (RosterRegistrantStore *self,
                                              gint64                 webinar_id,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data)
{
  g_return_if_fail (ROSTER_IS_REGISTRANT_STORE (self));

  roster_registrant_store_read_state_async (self, webinar_id, cancellable, callback, user_data);
}

gboolean
roster_registrant_store_get_sync_state_finish (RosterRegistrantStore  *self,
                                               GAsyncResult           *result,
                                               gint64                 *last_sync,
                                               RosterStoreSyncKind    *kind,
                                               GError                **error)
{
  RosterStoreSyncState state;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!roster_registrant_store_read_state_finish (self, result, &state, error))
    return FALSE;
  if (last_sync != NULL)
    *last_sync = state.last_sync;
  if (kind != NULL)
    *kind = state.kind;
  return TRUE;
}

static void
put_webinar_work (GTask   *task,
                  sqlite3 *db,
                  gpointer data)
{
  RosterWebinar *w = data;
  GListModel *schedules = roster_webinar_get_schedules (w);
  sqlite3_stmt *stmt = NULL;
  int i = 1;

  roster_store_exec (db, "BEGIN", NULL);
  if (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO webinars VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      roster_store_return_error (task, db, "Storing the webinar");
      return;
    }
  sqlite3_bind_int64 (stmt, i++, roster_webinar_get_id (w));
  sqlite3_bind_text (stmt, i++, roster_webinar_get_hash (w), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, i++, roster_webinar_get_name (w), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, i++, roster_webinar_get_title (w), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, i++, roster_webinar_get_description (w), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, i++, roster_webinar_get_timezone (w), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, i++, roster_webinar_get_webinar_type (w), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, i++, roster_webinar_get_registration_url (w), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, i++, roster_webinar_get_registration_type (w), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, i++, roster_webinar_get_registration_fee (w));
  sqlite3_bind_text (stmt, i++, roster_webinar_get_registration_currency (w), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, i++, roster_webinar_get_registration_checkout_url (w), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, i++, roster_webinar_get_registration_post_payment_url (w), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, i++, roster_webinar_get_live_room_url (w), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, i++, roster_webinar_get_replay_room_url (w), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_finalize (stmt);
      roster_store_return_error (task, db, "Storing the webinar");
      return;
    }
  sqlite3_finalize (stmt);

  sqlite3_prepare_v2 (db, "DELETE FROM schedules WHERE webinar_id = ?", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, roster_webinar_get_id (w));
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO schedules VALUES (?,?,?,?,?,?)", -1, &stmt, NULL);
  for (guint n = 0; schedules != NULL && n < g_list_model_get_n_items (schedules); n++)
    {
      g_autoptr(RosterSchedule) s = g_list_model_get_item (schedules, n);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, roster_webinar_get_id (w));
      sqlite3_bind_int64 (stmt, 2, roster_schedule_get_id (s));
      sqlite3_bind_text (stmt, 3, roster_schedule_get_date (s), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, roster_schedule_get_date_time (s));
      sqlite3_bind_text (stmt, 5, roster_schedule_get_comment (s), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, roster_schedule_get_kind (s));
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (!roster_store_exec (db, "COMMIT", NULL))
    roster_store_return_error (task, db, "Storing the webinar");
  else
    g_task_return_boolean (task, TRUE);
}

void
roster_registrant_store_put_webinar_async (RosterRegistrantStore *self,
                                           RosterWebinar         *webinar,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data)
{
  roster_registrant_store_run (self, put_webinar_work, g_object_ref (webinar), g_object_unref,
                               cancellable, callback, user_data);
}

gboolean
roster_registrant_store_write_finish (RosterRegistrantStore  *self,
                                      GAsyncResult           *result,
                                      GError                **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  gint64               webinar_id;
  GListModel          *rows;
  RosterStoreSyncState state;
} Page;

static void
page_free (Page *page)
{
  g_clear_object (&page->rows);
  g_free (page);
}

static gboolean
exec_for_webinar (sqlite3    *db,
                  const char *sql,
                  gint64      webinar_id,
                  gint64      value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, webinar_id);
  sqlite3_bind_int64 (stmt, 2, value);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  return ok;
}

static void
put_page_work (GTask   *task,
               sqlite3 *db,
               gpointer data)
{
  Page *page = data;
  const RosterStoreSyncState *state = &page->state;
  sqlite3_stmt *stmt = NULL;
  guint n = page->rows != NULL ? g_list_model_get_n_items (page->rows) : 0;
  gboolean ok = TRUE;
  int removed = 0;

  roster_store_exec (db, "BEGIN IMMEDIATE", NULL);
  if (sqlite3_prepare_v2 (db, ROSTER_STORE_UPSERT_SQL, -1, &stmt, NULL) != SQLITE_OK)
    {
      roster_store_return_error (task, db, "Storing registrants");
      return;
    }
  for (guint i = 0; ok && i < n; i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (page->rows, i);

      ok = roster_store_bind_registrant (stmt, page->webinar_id, r, 0, state->generation);
      /* A row Roster made when it registered someone gives way to the real one. */
      ok = ok && exec_for_webinar (db, "DELETE FROM registrants WHERE webinar_id = ?1 AND id < 0"
                                       " AND email_folded = (SELECT email_folded FROM registrants"
                                       " WHERE webinar_id = ?1 AND id = ?2)",
                                   page->webinar_id, roster_registrant_get_id (r));
    }
  sqlite3_finalize (stmt);

  /* The end of a full sync: whoever it did not see is gone from the server. */
  if (ok && state->resume_page == 0 && state->kind == ROSTER_STORE_SYNC_FULL)
    {
      ok = exec_for_webinar (db, "DELETE FROM registrants WHERE webinar_id = ? AND id > 0"
                                 " AND generation IS NOT ?", page->webinar_id, state->generation);
      removed = sqlite3_changes (db);
    }

  ok = ok && sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO sync_state VALUES (?,?,?,?,?,?)",
                                 -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, page->webinar_id);
      sqlite3_bind_int64 (stmt, 2, state->last_sync);
      sqlite3_bind_int (stmt, 3, state->kind);
      sqlite3_bind_int64 (stmt, 4, state->full_sync);
      sqlite3_bind_int (stmt, 5, state->resume_page);
      sqlite3_bind_int64 (stmt, 6, state->generation);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_finalize (stmt);
    }
  if (!ok || !roster_store_exec (db, "COMMIT", NULL))
    roster_store_return_error (task, db, "Storing registrants");
  else
    {
      if (n > 0 || removed > 0)
        roster_registrant_store_queue_changed (g_task_get_source_object (task), page->webinar_id);
      g_task_return_boolean (task, TRUE);
    }
}

void
roster_registrant_store_put_page_async (RosterRegistrantStore      *self,
                                        gint64                      webinar_id,
                                        GListModel                 *rows,
                                        const RosterStoreSyncState *state,
                                        GCancellable               *cancellable,
                                        GAsyncReadyCallback         callback,
                                        gpointer                    user_data)
{
  Page *page = g_new0 (Page, 1);

  page->webinar_id = webinar_id;
  page->rows = rows != NULL ? g_object_ref (rows) : NULL;
  page->state = *state;
  roster_registrant_store_run (self, put_page_work, page, (GDestroyNotify) page_free,
                               cancellable, callback, user_data);
}

typedef struct
{
  gint64 webinar_id, from, to;
} Sessions;

static void
sessions_work (GTask   *task,
               sqlite3 *db,
               gpointer data)
{
  Sessions *sessions = data;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT DISTINCT schedule_id FROM registrants WHERE webinar_id = ?"
                              " AND event_time BETWEEN ? AND ? ORDER BY schedule_id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      roster_store_return_error (task, db, "Reading sessions");
      return;
    }
  sqlite3_bind_int64 (stmt, 1, sessions->webinar_id);
  sqlite3_bind_int64 (stmt, 2, sessions->from);
  sqlite3_bind_int64 (stmt, 3, sessions->to);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify) g_array_unref);
}

void
roster_registrant_store_sessions_async (RosterRegistrantStore *self,
                                        gint64                 webinar_id,
                                        gint64                 from,
                                        gint64                 to,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data)
{
  Sessions sessions = { webinar_id, from, to };

  roster_registrant_store_run (self, sessions_work, g_memdup2 (&sessions, sizeof sessions), g_free,
                               cancellable, callback, user_data);
}

GArray *
roster_registrant_store_sessions_finish (RosterRegistrantStore  *self,
                                         GAsyncResult           *result,
                                         GError                **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Now as the API writes a sign-up ("Tue, 28 Oct 2026, 03:45 PM", UTC), whatever the locale:
 * a person Roster just registered sorts with the newest sign-ups. */
static char *
signup_now (void)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                                         "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int hour = g_date_time_get_hour (now);

  return g_strdup_printf ("%s, %d %s %d, %02d:%02d %s", days[g_date_time_get_day_of_week (now) - 1],
                          g_date_time_get_day_of_month (now), months[g_date_time_get_month (now) - 1],
                          g_date_time_get_year (now), hour % 12 == 0 ? 12 : hour % 12,
                          g_date_time_get_minute (now), hour < 12 ? "AM" : "PM");
}

static void
registered_work (GTask   *task,
                 sqlite3 *db,
                 gpointer data)
{
  RosterRegistration *reg = data;
  g_autofree char *signup = signup_now ();
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(RosterRegistrant) registrant = NULL;
  sqlite3_stmt *stmt = NULL;

  /* Until the next sync brings the real row, the person stands in under a negative ID. */
  json = g_strdup_printf ("{\"schedule_id\": %" G_GINT64_FORMAT "}",
                          roster_registration_get_schedule (reg));
  node = json_from_string (json, NULL);
  json_object_set_string_member (json_node_get_object (node), "first_name",
                                 roster_registration_get_first_name (reg) ?: "");
  json_object_set_string_member (json_node_get_object (node), "last_name",
                                 roster_registration_get_last_name (reg) ?: "");
  json_object_set_string_member (json_node_get_object (node), "email",
                                 roster_registration_get_email (reg) ?: "");
  json_object_set_string_member (json_node_get_object (node), "schedule",
                                 roster_registration_get_date (reg) ?: "");
  json_object_set_string_member (json_node_get_object (node), "live_room",
                                 roster_registration_get_live_room_url (reg) ?: "");
  json_object_set_string_member (json_node_get_object (node), "replay_room",
                                 roster_registration_get_replay_room_url (reg) ?: "");
  json_object_set_string_member (json_node_get_object (node), "signup_date", signup);
  /* The webinar's title as its registrants carry it, when the store has the webinar */
  if (sqlite3_prepare_v2 (db, "SELECT coalesce (title, name) FROM webinars WHERE id = ?", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, roster_registration_get_webinar_id (reg));
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
        json_object_set_string_member (json_node_get_object (node), "webinar",
                                       (const char *) sqlite3_column_text (stmt, 0));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  registrant = roster_registrant_new_from_json (node, NULL);
  if (registrant == NULL ||
      sqlite3_prepare_v2 (db, ROSTER_STORE_UPSERT_SQL, -1, &stmt, NULL) != SQLITE_OK ||
      !roster_store_bind_registrant (stmt, roster_registration_get_webinar_id (reg), registrant,
                                     -MAX (roster_registration_get_user_id (reg), 1), 0))
    g_warning ("Could not store a new registration: %s", sqlite3_errmsg (db));
  else
    roster_registrant_store_queue_changed (g_task_get_source_object (task),
                                           roster_registration_get_webinar_id (reg));
  sqlite3_finalize (stmt);
  g_task_return_boolean (task, TRUE);
}

/* Roster registered someone: the store has them at once, before any sync. */
void
roster_registrant_store_note_registered (RosterRegistrantStore *self,
                                         RosterRegistration    *registration)
{
  g_return_if_fail (ROSTER_IS_REGISTRANT_STORE (self));
  g_return_if_fail (ROSTER_IS_REGISTRATION (registration));

  roster_registrant_store_run (self, registered_work, g_object_ref (registration),
                               g_object_unref, NULL, NULL, NULL);
}

static void
unsubscribed_work (GTask   *task,
                   sqlite3 *db,
                   gpointer data)
{
  gint64 *ids = data;

  if (!exec_for_webinar (db, "UPDATE registrants SET subscribed = 0,"
                             " raw = json_set (raw, '$.subscribed', 'No')"
                             " WHERE webinar_id = ? AND lead_id = ?", ids[0], ids[1]))
    g_warning ("Could not store an unsubscription: %s", sqlite3_errmsg (db));
  else
    roster_registrant_store_queue_changed (g_task_get_source_object (task), ids[0]);
  g_task_return_boolean (task, TRUE);
}

/* Roster unsubscribed someone: the store says so at once. */
void
roster_registrant_store_note_unsubscribed (RosterRegistrantStore *self,
                                           gint64                 webinar_id,
                                           gint64                 lead_id)
{
  gint64 ids[2] = { webinar_id, lead_id };

  g_return_if_fail (ROSTER_IS_REGISTRANT_STORE (self));

  roster_registrant_store_run (self, unsubscribed_work, g_memdup2 (ids, sizeof ids), g_free,
                               NULL, NULL, NULL);
}
