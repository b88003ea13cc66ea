/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_WEBINAR (roster_webinar_get_type ())

G_DECLARE_FINAL_TYPE (RosterWebinar, roster_webinar, ROSTER, WEBINAR, GObject)

RosterWebinar *roster_webinar_new_from_json                   (JsonNode       *node,
                                                               GError        **error);
GPtrArray     *roster_webinar_list_new_from_json              (JsonNode       *webinars_array,
                                                               GError        **error);
gint64         roster_webinar_get_id                          (RosterWebinar  *self);
const char    *roster_webinar_get_hash                        (RosterWebinar  *self);
const char    *roster_webinar_get_name                        (RosterWebinar  *self);
const char    *roster_webinar_get_title                       (RosterWebinar  *self);
const char    *roster_webinar_get_description                 (RosterWebinar  *self);
const char    *roster_webinar_get_timezone                    (RosterWebinar  *self);
const char    *roster_webinar_get_webinar_type                (RosterWebinar  *self);
GListModel    *roster_webinar_get_schedules                   (RosterWebinar  *self);
GListModel    *roster_webinar_get_presenters                  (RosterWebinar  *self);
const char    *roster_webinar_get_registration_url            (RosterWebinar  *self);
const char    *roster_webinar_get_registration_type           (RosterWebinar  *self);
double         roster_webinar_get_registration_fee            (RosterWebinar  *self);
const char    *roster_webinar_get_registration_currency       (RosterWebinar  *self);
const char    *roster_webinar_get_registration_checkout_url   (RosterWebinar  *self);
const char    *roster_webinar_get_registration_post_payment_url (RosterWebinar *self);
const char    *roster_webinar_get_live_room_url               (RosterWebinar  *self);
const char    *roster_webinar_get_replay_room_url             (RosterWebinar  *self);

G_END_DECLS
