/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-registrant.h"
#include "roster-registrant-filter.h"
#include "roster-registration.h"

G_BEGIN_DECLS

/* How stored registrants can be ordered. */
typedef enum
{
  ROSTER_STORE_SORT_SIGNUP,
  ROSTER_STORE_SORT_NAME,
  ROSTER_STORE_SORT_EMAIL,
  ROSTER_STORE_SORT_SESSION,
  ROSTER_STORE_SORT_PHONE,
  ROSTER_STORE_SORT_LIVE,
  ROSTER_STORE_SORT_REPLAY,
  ROSTER_STORE_SORT_PURCHASED,
  ROSTER_STORE_SORT_SUBSCRIBED,
} RosterStoreSort;

typedef enum
{
  ROSTER_STORE_SYNC_NONE,
  ROSTER_STORE_SYNC_FULL,
  ROSTER_STORE_SYNC_REFRESH,
} RosterStoreSyncKind;

/* Counts of one webinar's stored registrants that match a filter, made by SQL. */
typedef struct
{
  gint64 total;
  gint64 attended_live;
  gint64 attended_replay;
  gint64 purchased;
  gint64 subscribed;
  double revenue;
} RosterStoreStats;

#define ROSTER_STORE_SCHEMA_VERSION 3

#define ROSTER_TYPE_REGISTRANT_STORE (roster_registrant_store_get_type ())

G_DECLARE_FINAL_TYPE (RosterRegistrantStore, roster_registrant_store, ROSTER, REGISTRANT_STORE, GObject)

char                  *roster_registrant_store_path_for_account (const char            *account_id);
gboolean               roster_registrant_store_forget           (const char            *path,
                                                                 GError               **error);

void                   roster_registrant_store_open_async       (const char            *path,
                                                                 GCancellable          *cancellable,
                                                                 GAsyncReadyCallback    callback,
                                                                 gpointer               user_data);
RosterRegistrantStore *roster_registrant_store_open_finish      (GAsyncResult          *result,
                                                                 GError               **error);
const char            *roster_registrant_store_get_path         (RosterRegistrantStore *self);
const GError          *roster_registrant_store_get_recovered    (RosterRegistrantStore *self);

void                   roster_registrant_store_list_async       (RosterRegistrantStore *self,
                                                                 gint64                 webinar_id,
                                                                 const RosterRegistrantFilter *filter,
                                                                 RosterStoreSort        sort,
                                                                 gboolean               descending,
                                                                 guint                  offset,
                                                                 guint                  limit,
                                                                 GCancellable          *cancellable,
                                                                 GAsyncReadyCallback    callback,
                                                                 gpointer               user_data);
GPtrArray             *roster_registrant_store_list_finish      (RosterRegistrantStore *self,
                                                                 GAsyncResult          *result,
                                                                 GError               **error);
void                   roster_registrant_store_stats_async      (RosterRegistrantStore *self,
                                                                 gint64                 webinar_id,
                                                                 const RosterRegistrantFilter *filter,
                                                                 GCancellable          *cancellable,
                                                                 GAsyncReadyCallback    callback,
                                                                 gpointer               user_data);
gboolean               roster_registrant_store_stats_finish     (RosterRegistrantStore *self,
                                                                 GAsyncResult          *result,
                                                                 RosterStoreStats      *stats,
                                                                 GError               **error);
void                   roster_registrant_store_find_registered_async (RosterRegistrantStore *self,
                                                                 gint64                 webinar_id,
                                                                 gint64                 schedule_id,
                                                                 const char * const    *emails,
                                                                 GCancellable          *cancellable,
                                                                 GAsyncReadyCallback    callback,
                                                                 gpointer               user_data);
GHashTable            *roster_registrant_store_find_registered_finish (RosterRegistrantStore *self,
                                                                 GAsyncResult          *result,
                                                                 GError               **error);
void                   roster_registrant_store_people_async     (RosterRegistrantStore *self,
                                                                 const char            *text,
                                                                 guint                  limit,
                                                                 GCancellable          *cancellable,
                                                                 GAsyncReadyCallback    callback,
                                                                 gpointer               user_data);
GPtrArray             *roster_registrant_store_people_finish    (RosterRegistrantStore *self,
                                                                 GAsyncResult          *result,
                                                                 GError               **error);
void                   roster_registrant_store_get_sync_state_async (RosterRegistrantStore *self,
                                                                 gint64                 webinar_id,
                                                                 GCancellable          *cancellable,
                                                                 GAsyncReadyCallback    callback,
                                                                 gpointer               user_data);
gboolean               roster_registrant_store_get_sync_state_finish (RosterRegistrantStore *self,
                                                                 GAsyncResult          *result,
                                                                 gint64                *last_sync,
                                                                 RosterStoreSyncKind   *kind,
                                                                 GError               **error);

void                   roster_registrant_store_note_registered  (RosterRegistrantStore *self,
                                                                 RosterRegistration    *registration);
void                   roster_registrant_store_note_unsubscribed (RosterRegistrantStore *self,
                                                                 gint64                 webinar_id,
                                                                 gint64                 lead_id);

G_END_DECLS
