/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-account.h"
#include "roster-client.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_REGISTRANTS_VIEW (roster_registrants_view_get_type ())

G_DECLARE_FINAL_TYPE (RosterRegistrantsView, roster_registrants_view, ROSTER, REGISTRANTS_VIEW, AdwBin)

GtkWidget              *roster_registrants_view_new               (void);
RosterAccount          *roster_registrants_view_get_account       (RosterRegistrantsView        *self);
void                    roster_registrants_view_set_account       (RosterRegistrantsView        *self,
                                                                   RosterAccount                *account);
RosterClient           *roster_registrants_view_get_client        (RosterRegistrantsView        *self);
void                    roster_registrants_view_set_client        (RosterRegistrantsView        *self,
                                                                   RosterClient                 *client);
RosterWebinar          *roster_registrants_view_get_webinar       (RosterRegistrantsView        *self);
void                    roster_registrants_view_set_webinar       (RosterRegistrantsView        *self,
                                                                   RosterWebinar                *webinar);
RosterWebinar          *roster_registrants_view_get_detail        (RosterRegistrantsView        *self);
void                    roster_registrants_view_set_detail        (RosterRegistrantsView        *self,
                                                                   RosterWebinar                *detail);
RosterRegistrantFilter *roster_registrants_view_dup_filter        (RosterRegistrantsView        *self);
void                    roster_registrants_view_set_filter        (RosterRegistrantsView        *self,
                                                                   const RosterRegistrantFilter *filter);
void                    roster_registrants_view_clear_filters     (RosterRegistrantsView        *self);
gboolean                roster_registrants_view_get_loading       (RosterRegistrantsView        *self);
guint                   roster_registrants_view_get_n_loaded      (RosterRegistrantsView        *self);
gint64                  roster_registrants_view_get_total         (RosterRegistrantsView        *self);
const char             *roster_registrants_view_get_state         (RosterRegistrantsView        *self);
GListModel             *roster_registrants_view_get_loaded        (RosterRegistrantsView        *self);
GListModel             *roster_registrants_view_get_shown         (RosterRegistrantsView        *self);
GtkColumnView          *roster_registrants_view_get_column_view   (RosterRegistrantsView        *self);
void                    roster_registrants_view_reload            (RosterRegistrantsView        *self);
void                    roster_registrants_view_resync            (RosterRegistrantsView        *self);
void                    roster_registrants_view_cancel_load       (RosterRegistrantsView        *self);
void                    roster_registrants_view_show_details      (RosterRegistrantsView        *self,
                                                                   RosterRegistrant             *registrant);
RosterRegistrant       *roster_registrants_view_get_details_registrant (RosterRegistrantsView  *self);

void                    roster_registrants_view_export_to_file_async  (RosterRegistrantsView    *self,
                                                                       GFile                    *file,
                                                                       gboolean                  only_shown,
                                                                       gboolean                  with_bom,
                                                                       GCancellable             *cancellable,
                                                                       GAsyncReadyCallback       callback,
                                                                       gpointer                  user_data);
gboolean                roster_registrants_view_export_to_file_finish (RosterRegistrantsView    *self,
                                                                       GAsyncResult             *result,
                                                                       GError                  **error);

G_END_DECLS
