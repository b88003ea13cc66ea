/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-registrant-stats.h"
#include "roster-registrant-store.h"
#include "roster-utm-stats.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_STORE_LIST_MODEL (roster_store_list_model_get_type ())

G_DECLARE_FINAL_TYPE (RosterStoreListModel, roster_store_list_model, ROSTER, STORE_LIST_MODEL, GObject)

RosterStoreListModel  *roster_store_list_model_new           (RosterRegistrantStore        *store,
                                                              gint64                        webinar_id,
                                                              GError                      **error);
RosterRegistrantStore *roster_store_list_model_get_store     (RosterStoreListModel         *self);
gint64                 roster_store_list_model_get_webinar_id (RosterStoreListModel        *self);
void                   roster_store_list_model_set_filter    (RosterStoreListModel         *self,
                                                              const RosterRegistrantFilter *filter);
void                   roster_store_list_model_set_watched_only (RosterStoreListModel      *self,
                                                                gboolean                   watched_only);
void                   roster_store_list_model_set_sort      (RosterStoreListModel         *self,
                                                              RosterStoreSort               sort,
                                                              gboolean                      descending);
void                   roster_store_list_model_reload        (RosterStoreListModel         *self);
guint                  roster_store_list_model_get_n_created (RosterStoreListModel         *self);
guint                  roster_store_list_model_get_n_cached  (RosterStoreListModel         *self);
RosterRegistrant      *roster_store_list_model_find_cached (RosterStoreListModel         *self,
                                                              gint64                        key);
RosterRegistrantStats *roster_store_list_model_dup_stats     (RosterStoreListModel         *self,
                                                              guint                         max_days,
                                                              GError                      **error);
RosterUtmStats        *roster_store_list_model_dup_utm_stats (RosterStoreListModel        *self,
                                                             RosterUtmField               field,
                                                             guint                        max_values,
                                                             GError                     **error);

G_END_DECLS
