/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-person-match.h"
#include "roster-registrant-store.h"

G_BEGIN_DECLS

/* What one account's store holds, for Preferences' "Stored People". */
typedef struct
{
  gint64 n_people;         /* distinct emails */
  gint64 n_registrations;
  gint64 n_webinars;       /* webinars with a stored person */
  gint64 last_sync;        /* Unix time of the latest sync of any webinar, 0 for never */
} RosterStoreSummary;

void       roster_registrant_store_search_people_async  (RosterRegistrantStore *self,
                                                         const char            *text,
                                                         guint                  max_people,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
GPtrArray *roster_registrant_store_search_people_finish (RosterRegistrantStore *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);

void       roster_registrant_store_summary_async        (RosterRegistrantStore *self,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
gboolean   roster_registrant_store_summary_finish       (RosterRegistrantStore *self,
                                                         GAsyncResult          *result,
                                                         RosterStoreSummary    *summary,
                                                         GError               **error);

guint64    roster_registrant_store_size_on_disk         (const char            *path);

G_END_DECLS
