/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "roster-webinar.h"

G_BEGIN_DECLS

/* Bumped whenever the file's shape changes; a file of another version is ignored. */
#define ROSTER_WEBINAR_CACHE_VERSION 1

#define ROSTER_TYPE_WEBINAR_CACHE (roster_webinar_cache_get_type ())

G_DECLARE_FINAL_TYPE (RosterWebinarCache, roster_webinar_cache, ROSTER, WEBINAR_CACHE, GObject)

RosterWebinarCache *roster_webinar_cache_new                (const char          *account_name);
RosterWebinarCache *roster_webinar_cache_new_for_path       (const char          *account_name,
                                                             const char          *path);
const char         *roster_webinar_cache_get_account_name   (RosterWebinarCache  *self);
const char         *roster_webinar_cache_get_path           (RosterWebinarCache  *self);
gboolean            roster_webinar_cache_get_loaded         (RosterWebinarCache  *self);

void                roster_webinar_cache_load_async         (RosterWebinarCache  *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
GPtrArray          *roster_webinar_cache_load_finish        (RosterWebinarCache  *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

GPtrArray          *roster_webinar_cache_dup_webinars       (RosterWebinarCache  *self);
RosterWebinar      *roster_webinar_cache_lookup_overview    (RosterWebinarCache  *self,
                                                             gint64               webinar_id);
void                roster_webinar_cache_store_list         (RosterWebinarCache  *self,
                                                             GPtrArray           *webinars);
void                roster_webinar_cache_store_overview     (RosterWebinarCache  *self,
                                                             RosterWebinar       *webinar);

void                roster_webinar_cache_save_async         (RosterWebinarCache  *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean            roster_webinar_cache_save_finish        (RosterWebinarCache  *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
guint               roster_webinar_cache_get_n_writes       (RosterWebinarCache  *self);

JsonNode           *roster_webinar_cache_webinar_to_json    (RosterWebinar       *webinar);

G_END_DECLS
