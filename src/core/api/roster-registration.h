/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_REGISTRATION (roster_registration_get_type ())

G_DECLARE_FINAL_TYPE (RosterRegistration, roster_registration, ROSTER, REGISTRATION, GObject)

RosterRegistration *roster_registration_new_from_json         (JsonNode           *node,
                                                               GError            **error);
gint64              roster_registration_get_webinar_id        (RosterRegistration *self);
const char         *roster_registration_get_webinar_hash      (RosterRegistration *self);
gint64              roster_registration_get_user_id           (RosterRegistration *self);
const char         *roster_registration_get_first_name        (RosterRegistration *self);
const char         *roster_registration_get_last_name         (RosterRegistration *self);
const char         *roster_registration_get_phone_country_code (RosterRegistration *self);
const char         *roster_registration_get_phone             (RosterRegistration *self);
const char         *roster_registration_get_email             (RosterRegistration *self);
const char         *roster_registration_get_password          (RosterRegistration *self);
gint64              roster_registration_get_schedule          (RosterRegistration *self);
const char         *roster_registration_get_schedule_text     (RosterRegistration *self);
const char         *roster_registration_get_date              (RosterRegistration *self);
const char         *roster_registration_get_timezone          (RosterRegistration *self);
const char         *roster_registration_get_live_room_url     (RosterRegistration *self);
const char         *roster_registration_get_replay_room_url   (RosterRegistration *self);
const char         *roster_registration_get_thank_you_url     (RosterRegistration *self);

G_END_DECLS
