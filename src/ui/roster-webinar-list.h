/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-webinar-cache.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_WEBINAR_LIST (roster_webinar_list_get_type ())

G_DECLARE_FINAL_TYPE (RosterWebinarList, roster_webinar_list, ROSTER, WEBINAR_LIST, AdwBin)

GtkWidget          *roster_webinar_list_new                  (void);
RosterClient       *roster_webinar_list_get_client           (RosterWebinarList  *self);
void                roster_webinar_list_set_client           (RosterWebinarList  *self,
                                                              RosterClient       *client);
RosterWebinarCache *roster_webinar_list_get_cache            (RosterWebinarList  *self);
void                roster_webinar_list_set_cache            (RosterWebinarList  *self,
                                                              RosterWebinarCache *cache);
gboolean            roster_webinar_list_get_refreshing       (RosterWebinarList  *self);
RosterWebinar      *roster_webinar_list_get_selected_webinar (RosterWebinarList  *self);
gboolean            roster_webinar_list_select_webinar       (RosterWebinarList  *self,
                                                              gint64              webinar_id);
GListModel         *roster_webinar_list_get_webinars         (RosterWebinarList  *self);
GListModel         *roster_webinar_list_get_shown            (RosterWebinarList  *self);
const char         *roster_webinar_list_get_state            (RosterWebinarList  *self);
void                roster_webinar_list_refresh              (RosterWebinarList  *self);
void                roster_webinar_list_focus_search         (RosterWebinarList  *self);

G_END_DECLS
