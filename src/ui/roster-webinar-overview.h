/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-webinar-cache.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_WEBINAR_OVERVIEW (roster_webinar_overview_get_type ())

G_DECLARE_FINAL_TYPE (RosterWebinarOverview, roster_webinar_overview, ROSTER, WEBINAR_OVERVIEW, AdwBin)

GtkWidget          *roster_webinar_overview_new               (void);
RosterClient       *roster_webinar_overview_get_client        (RosterWebinarOverview *self);
void                roster_webinar_overview_set_client        (RosterWebinarOverview *self,
                                                               RosterClient          *client);
RosterWebinarCache *roster_webinar_overview_get_cache         (RosterWebinarOverview *self);
void                roster_webinar_overview_set_cache         (RosterWebinarOverview *self,
                                                               RosterWebinarCache    *cache);
RosterWebinar      *roster_webinar_overview_get_webinar       (RosterWebinarOverview *self);
void                roster_webinar_overview_set_webinar       (RosterWebinarOverview *self,
                                                               RosterWebinar         *webinar);
RosterWebinar      *roster_webinar_overview_get_detail        (RosterWebinarOverview *self);
const char         *roster_webinar_overview_get_timezone      (RosterWebinarOverview *self);
void                roster_webinar_overview_set_timezone      (RosterWebinarOverview *self,
                                                               const char            *timezone);
gboolean            roster_webinar_overview_get_refreshing    (RosterWebinarOverview *self);
const char         *roster_webinar_overview_get_state         (RosterWebinarOverview *self);
void                roster_webinar_overview_reload            (RosterWebinarOverview *self);

G_END_DECLS
