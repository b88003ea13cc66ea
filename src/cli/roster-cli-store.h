/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-client.h"
#include "roster-registrant-store.h"

G_BEGIN_DECLS

/* The commands of the local registrant store: sync, people, forget-data, and the stored rows
 * behind `registrants --cached`. @path: the account's store, or %NULL for the demo's, which lives
 * in memory and is gone on exit. */

RosterRegistrantStore *roster_cli_store_open (const char        *path,
                                              GError           **error);
void                   roster_cli_store_wait (RosterRegistrantStore *store);

int         roster_cli_sync_run        (RosterClient                 *client,
                                        const char                   *path,
                                        int                           argc,
                                        char                        **argv);
int         roster_cli_people_run      (const char                   *path,
                                        int                           argc,
                                        char                        **argv);
int         roster_cli_forget_data_run (const char                   *path,
                                        int                           argc,
                                        char                        **argv);
void        roster_cli_store_note      (const char                   *path,
                                        RosterRegistration           *registration,
                                        gint64                        webinar_id,
                                        gint64                        unsubscribed_lead_id);
GListModel *roster_cli_store_list      (const char                   *path,
                                        gint64                        webinar_id,
                                        const RosterRegistrantFilter *filter,
                                        GError                      **error);

G_END_DECLS
