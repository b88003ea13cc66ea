/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-client.h"

G_BEGIN_DECLS

/* The commands of the local registrant store: sync, people, forget-data, and the stored rows
 * behind `registrants --cached`. @demo: the store lives in memory and is gone on exit. */

int         roster_cli_sync_run        (RosterClient                 *client,
                                        gboolean                      demo,
                                        int                           argc,
                                        char                        **argv);
int         roster_cli_people_run      (RosterClient                 *client,
                                        gboolean                      demo,
                                        int                           argc,
                                        char                        **argv);
int         roster_cli_forget_data_run (RosterClient                 *client,
                                        gboolean                      demo,
                                        int                           argc,
                                        char                        **argv);
void        roster_cli_store_note      (RosterClient                 *client,
                                        gboolean                      demo,
                                        RosterRegistration           *registration,
                                        gint64                        webinar_id,
                                        gint64                        unsubscribed_lead_id);
GListModel *roster_cli_store_list      (RosterClient                 *client,
                                        gboolean                      demo,
                                        gint64                        webinar_id,
                                        const RosterRegistrantFilter *filter,
                                        GError                      **error);

G_END_DECLS
