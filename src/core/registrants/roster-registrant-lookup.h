/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-client.h"

G_BEGIN_DECLS

void              roster_client_find_registrant_async  (RosterClient         *self,
                                                        gint64                webinar_id,
                                                        gint64                schedule_id,
                                                        const char           *email,
                                                        RosterPriority        priority,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
RosterRegistrant *roster_client_find_registrant_finish (RosterClient         *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void              roster_client_find_registrants_async  (RosterClient        *self,
                                                        gint64               webinar_id,
                                                        gint64               schedule_id,
                                                        const char          *email,
                                                        RosterPriority       priority,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GPtrArray        *roster_client_find_registrants_finish (RosterClient        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
