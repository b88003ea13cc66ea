/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "roster-core-enums.h"

G_BEGIN_DECLS

/* The API's yes/no fields: "Yes"/"No", 0/1, true/false, or null (UNKNOWN). */
typedef enum
{
  ROSTER_FLAG_UNKNOWN,
  ROSTER_FLAG_NO,
  ROSTER_FLAG_YES,
} RosterFlag;

#define ROSTER_TYPE_REGISTRANT (roster_registrant_get_type ())

G_DECLARE_FINAL_TYPE (RosterRegistrant, roster_registrant, ROSTER, REGISTRANT, GObject)

RosterRegistrant  *roster_registrant_new_from_json            (JsonNode         *node,
                                                               GError          **error);

gint64             roster_registrant_get_id                   (RosterRegistrant *self);
gint64             roster_registrant_get_lead_id              (RosterRegistrant *self);
gint64             roster_registrant_get_schedule_id          (RosterRegistrant *self);
gint64             roster_registrant_get_event_id             (RosterRegistrant *self);
const char        *roster_registrant_get_first_name           (RosterRegistrant *self);
const char        *roster_registrant_get_last_name            (RosterRegistrant *self);
const char        *roster_registrant_get_display_name         (RosterRegistrant *self);
const char        *roster_registrant_get_email                (RosterRegistrant *self);
const char        *roster_registrant_get_phone_country_code   (RosterRegistrant *self);
const char        *roster_registrant_get_phone                (RosterRegistrant *self);
const char        *roster_registrant_get_ip                   (RosterRegistrant *self);
const char        *roster_registrant_get_webinar              (RosterRegistrant *self);
const char        *roster_registrant_get_schedule             (RosterRegistrant *self);
gint64             roster_registrant_get_schedule_time        (RosterRegistrant *self);
const char        *roster_registrant_get_event                (RosterRegistrant *self);
gint64             roster_registrant_get_event_time           (RosterRegistrant *self);
const char        *roster_registrant_get_signup_date          (RosterRegistrant *self);
gint64             roster_registrant_get_signup_time          (RosterRegistrant *self);
RosterFlag         roster_registrant_get_attended_live        (RosterRegistrant *self);
const char        *roster_registrant_get_date_live            (RosterRegistrant *self);
gint64             roster_registrant_get_date_live_time       (RosterRegistrant *self);
const char        *roster_registrant_get_entered_live         (RosterRegistrant *self);
const char        *roster_registrant_get_time_live            (RosterRegistrant *self);
gint64             roster_registrant_get_time_live_seconds    (RosterRegistrant *self);
RosterFlag         roster_registrant_get_purchased_live       (RosterRegistrant *self);
double             roster_registrant_get_revenue_live         (RosterRegistrant *self);
RosterFlag         roster_registrant_get_attended_replay      (RosterRegistrant *self);
const char        *roster_registrant_get_date_replay          (RosterRegistrant *self);
gint64             roster_registrant_get_date_replay_time     (RosterRegistrant *self);
const char        *roster_registrant_get_time_replay          (RosterRegistrant *self);
gint64             roster_registrant_get_time_replay_seconds  (RosterRegistrant *self);
RosterFlag         roster_registrant_get_purchased_replay     (RosterRegistrant *self);
double             roster_registrant_get_revenue_replay       (RosterRegistrant *self);
RosterFlag         roster_registrant_get_subscribed           (RosterRegistrant *self);
void               roster_registrant_set_subscribed           (RosterRegistrant *self,
                                                               RosterFlag        subscribed);
const char        *roster_registrant_get_gdpr_status          (RosterRegistrant *self);
const char        *roster_registrant_get_gdpr_communications  (RosterRegistrant *self);
const char        *roster_registrant_get_gdpr_status_date     (RosterRegistrant *self);
const char        *roster_registrant_get_gdpr_status_ip       (RosterRegistrant *self);
const char        *roster_registrant_get_twilio_consented_at  (RosterRegistrant *self);
const char        *roster_registrant_get_utm_source           (RosterRegistrant *self);
const char        *roster_registrant_get_utm_medium           (RosterRegistrant *self);
const char        *roster_registrant_get_utm_campaign         (RosterRegistrant *self);
const char        *roster_registrant_get_utm_term             (RosterRegistrant *self);
const char        *roster_registrant_get_utm_content          (RosterRegistrant *self);
const char        *roster_registrant_get_live_room_url        (RosterRegistrant *self);
const char        *roster_registrant_get_replay_room_url      (RosterRegistrant *self);
const char        *roster_registrant_get_unsubscribe_url      (RosterRegistrant *self);

char              *roster_registrant_dup_session_text         (RosterRegistrant *self);
char              *roster_registrant_dup_signup_text          (RosterRegistrant *self);

const char * const *roster_registrant_get_fields              (RosterRegistrant *self);
const char        *roster_registrant_get_field                (RosterRegistrant *self,
                                                               const char       *name);

G_END_DECLS
