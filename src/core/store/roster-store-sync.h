/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-client.h"
#include "roster-registrant-store.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_STORE_SYNC (roster_store_sync_get_type ())

G_DECLARE_FINAL_TYPE (RosterStoreSync, roster_store_sync, ROSTER, STORE_SYNC, GObject)

/* A refresh older than this falls back to a full sync. */
#define ROSTER_STORE_SYNC_DEFAULT_MAX_AGE (7 * 24 * 3600)

RosterStoreSync *roster_store_sync_new         (RosterRegistrantStore *store,
                                                RosterClient          *client);
void             roster_store_sync_set_max_age (RosterStoreSync       *self,
                                                gint64                 seconds);
void             roster_store_sync_set_now     (RosterStoreSync       *self,
                                                gint64                 unix_time);
guint            roster_store_sync_get_n_calls (RosterStoreSync       *self);
void             roster_store_sync_run_async   (RosterStoreSync       *self,
                                                gint64                 webinar_id,
                                                gboolean               full,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
gboolean         roster_store_sync_run_finish  (RosterStoreSync       *self,
                                                GAsyncResult          *result,
                                                RosterStoreSyncKind   *kind,
                                                GError               **error);

G_END_DECLS
