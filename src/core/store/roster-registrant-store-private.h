/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "roster-registrant-store.h"
#include "roster-webinar.h"

G_BEGIN_DECLS

/* Runs in the store's worker: the one connection is locked for it, and it returns through the
 * task. */
typedef void (*RosterStoreWorkFunc) (GTask    *task,
                                     sqlite3  *db,
                                     gpointer  data);

void      roster_registrant_store_run          (RosterRegistrantStore *self,
                                                RosterStoreWorkFunc    func,
                                                gpointer               data,
                                                GDestroyNotify         data_destroy,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);

/* Emits ::changed for @webinar_id on the store's main context; callable from the worker. */
void      roster_registrant_store_queue_changed (RosterRegistrantStore *self,
                                                 gint64                 webinar_id);

/* roster-store-schema.c */
sqlite3  *roster_store_schema_open             (const char  *path,
                                                GError     **recovered,
                                                GError     **error);
gboolean  roster_store_schema_migrate          (sqlite3     *db,
                                                int          target_version,
                                                GError     **error);
int       roster_store_schema_get_version      (sqlite3     *db);
gboolean  roster_store_exec                    (sqlite3     *db,
                                                const char  *sql,
                                                GError     **error);
void      roster_store_set_error               (GError     **error,
                                                sqlite3     *db,
                                                const char  *what);
void      roster_store_return_error            (GTask       *task,
                                                sqlite3     *db,
                                                const char  *what);

/* roster-store-rows.c */
#define ROSTER_STORE_UPSERT_SQL \
  "INSERT OR REPLACE INTO registrants (webinar_id, id, lead_id, schedule_id, event_id, " \
  "first_name, last_name, email, name_folded, email_folded, signup_time, event_time, " \
  "attended_live, attended_replay, purchased_live, purchased_replay, subscribed, revenue_live, " \
  "revenue_replay, live_left, replay_left, raw, generation, name_key) " \
  "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,roster_collate_key (?9))"

gboolean          roster_store_bind_registrant (sqlite3_stmt     *stmt,
                                                gint64            webinar_id,
                                                RosterRegistrant *registrant,
                                                gint64            id,
                                                gint64            generation);
RosterRegistrant *roster_store_read_registrant (sqlite3_stmt     *stmt,
                                                int               column);
char             *roster_store_filter_where    (const RosterRegistrantFilter *filter,
                                                GPtrArray        *texts);
char             *roster_store_fts_query       (const char       *text);
char             *roster_store_fold            (const char       *text);
const char       *roster_store_sort_sql        (RosterStoreSort   sort);
sqlite3_stmt     *roster_store_prepare_filtered (sqlite3                      *db,
                                                 const char                   *what,
                                                 gint64                        webinar_id,
                                                 const RosterRegistrantFilter *filter,
                                                 const char                   *tail,
                                                 GError                      **error);

/* roster-store-writes.c: what a sync writes, each step one transaction. */
typedef struct
{
  gint64              last_sync;
  RosterStoreSyncKind kind;
  gint64              full_sync;    /* when the last full sync ended */
  guint               resume_page;  /* a full sync under way: the next page, else 0 */
  gint64              generation;   /* of the full sync under way or last done */
} RosterStoreSyncState;

void      roster_registrant_store_read_state_async   (RosterRegistrantStore *self,
                                                      gint64                 webinar_id,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
gboolean  roster_registrant_store_read_state_finish  (RosterRegistrantStore *self,
                                                      GAsyncResult          *result,
                                                      RosterStoreSyncState  *state,
                                                      GError               **error);
void      roster_registrant_store_put_webinar_async  (RosterRegistrantStore *self,
                                                      RosterWebinar         *webinar,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
/* Writes a page's rows and, in the same transaction, the sync state that says what comes next
 * (resume_page 0 and kind set: the sync is done; a full one then drops the rows it never saw). */
void      roster_registrant_store_put_page_async     (RosterRegistrantStore *self,
                                                      gint64                 webinar_id,
                                                      GListModel            *rows,
                                                      const RosterStoreSyncState *state,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
gboolean  roster_registrant_store_write_finish       (RosterRegistrantStore *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);
/* The schedules with a stored person whose session lies in [from, to]. */
void      roster_registrant_store_sessions_async     (RosterRegistrantStore *self,
                                                      gint64                 webinar_id,
                                                      gint64                 from,
                                                      gint64                 to,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
GArray   *roster_registrant_store_sessions_finish    (RosterRegistrantStore *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);

G_END_DECLS
