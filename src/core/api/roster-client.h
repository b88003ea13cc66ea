/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "roster-product.h"
#include "roster-rate-limiter.h"
#include "roster-register-params.h"
#include "roster-registrant-filter.h"
#include "roster-registrant.h"
#include "roster-registrant-page.h"
#include "roster-registration.h"
#include "roster-presenter.h"
#include "roster-schedule.h"
#include "roster-webinar.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_CLIENT (roster_client_get_type ())

G_DECLARE_FINAL_TYPE (RosterClient, roster_client, ROSTER, CLIENT, GObject)

/* Called for each page of list_all_registrants, in page order, as pages land. */
typedef void (*RosterRegistrantPagesFunc) (RosterRegistrantPage *page,
                                           guint                 n_loaded,
                                           gint64                total,
                                           gpointer              user_data);

SoupSession          *roster_client_get_session               (void);
gboolean              roster_client_check_endpoint            (const char                   *endpoint,
                                                               GError                      **error);

RosterClient         *roster_client_new                       (RosterProduct                 product,
                                                               const char                   *endpoint,
                                                               const char                   *api_key,
                                                               GError                      **error);
gboolean              roster_client_get_is_local              (RosterClient                 *self);
RosterProduct         roster_client_get_product               (RosterClient                 *self);
const char           *roster_client_get_endpoint              (RosterClient                 *self);
char                 *roster_client_dup_account_id            (RosterClient                 *self);
const char           *roster_client_get_journal_dir           (RosterClient                 *self);
void                  roster_client_set_journal_dir           (RosterClient                 *self,
                                                               const char                   *dir);
RosterRateLimiter    *roster_client_get_rate_limiter          (RosterClient                 *self);
void                  roster_client_set_rate_limiter          (RosterClient                 *self,
                                                               RosterRateLimiter            *limiter);
guint                 roster_client_get_timeout               (RosterClient                 *self);
void                  roster_client_set_timeout               (RosterClient                 *self,
                                                               guint                         msec);
guint                 roster_client_get_deadline              (RosterClient                 *self);
void                  roster_client_set_deadline              (RosterClient                 *self,
                                                               guint                         msec);
guint                 roster_client_get_max_response_size     (RosterClient                 *self);
void                  roster_client_set_max_response_size     (RosterClient                 *self,
                                                               guint                         bytes);

void                  roster_client_warm_up_async             (RosterClient                 *self,
                                                               guint                         n_connections,
                                                               GCancellable                 *cancellable,
                                                               GAsyncReadyCallback           callback,
                                                               gpointer                      user_data);
gboolean              roster_client_warm_up_finish            (RosterClient                 *self,
                                                               GAsyncResult                 *result,
                                                               GError                      **error);
void                  roster_client_list_webinars_async       (RosterClient                 *self,
                                                               GCancellable                 *cancellable,
                                                               GAsyncReadyCallback           callback,
                                                               gpointer                      user_data);
GPtrArray            *roster_client_list_webinars_finish      (RosterClient                 *self,
                                                               GAsyncResult                 *result,
                                                               GError                      **error);
void                  roster_client_get_webinar_async         (RosterClient                 *self,
                                                               gint64                        webinar_id,
                                                               const char                   *tz,
                                                               GCancellable                 *cancellable,
                                                               GAsyncReadyCallback           callback,
                                                               gpointer                      user_data);
RosterWebinar        *roster_client_get_webinar_finish        (RosterClient                 *self,
                                                               GAsyncResult                 *result,
                                                               GError                      **error);
void                  roster_client_register_async            (RosterClient                 *self,
                                                               const RosterRegisterParams   *params,
                                                               RosterPriority                priority,
                                                               GCancellable                 *cancellable,
                                                               GAsyncReadyCallback           callback,
                                                               gpointer                      user_data);
RosterRegistration   *roster_client_register_finish           (RosterClient                 *self,
                                                               GAsyncResult                 *result,
                                                               GError                      **error);
void                  roster_client_list_registrants_async    (RosterClient                 *self,
                                                               gint64                        webinar_id,
                                                               const RosterRegistrantFilter *filter,
                                                               guint                         page,
                                                               RosterPriority                priority,
                                                               GCancellable                 *cancellable,
                                                               GAsyncReadyCallback           callback,
                                                               gpointer                      user_data);
RosterRegistrantPage *roster_client_list_registrants_finish   (RosterClient                 *self,
                                                               GAsyncResult                 *result,
                                                               GError                      **error);
void                  roster_client_list_all_registrants_async (RosterClient                *self,
                                                               gint64                        webinar_id,
                                                               const RosterRegistrantFilter *filter,
                                                               RosterPriority                priority,
                                                               RosterRegistrantPagesFunc     page_func,
                                                               gpointer                      page_data,
                                                               GDestroyNotify                page_data_destroy,
                                                               GCancellable                 *cancellable,
                                                               GAsyncReadyCallback           callback,
                                                               gpointer                      user_data);
GListModel           *roster_client_list_all_registrants_finish (RosterClient               *self,
                                                               GAsyncResult                 *result,
                                                               GError                      **error);
void                  roster_client_unsubscribe_async         (RosterClient                 *self,
                                                               gint64                        webinar_id,
                                                               gint64                        lead_id,
                                                               GCancellable                 *cancellable,
                                                               GAsyncReadyCallback           callback,
                                                               gpointer                      user_data);
gboolean              roster_client_unsubscribe_finish        (RosterClient                 *self,
                                                               GAsyncResult                 *result,
                                                               GError                      **error);
void                  roster_client_unsubscribe_once_async    (RosterClient                 *self,
                                                               gint64                        webinar_id,
                                                               gint64                        lead_id,
                                                               RosterPriority                priority,
                                                               GCancellable                 *cancellable,
                                                               GAsyncReadyCallback           callback,
                                                               gpointer                      user_data);
gboolean              roster_client_unsubscribe_once_finish   (RosterClient                 *self,
                                                               GAsyncResult                 *result,
                                                               GError                      **error);

G_END_DECLS
