/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-registrant.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_PERSON_MATCH (roster_person_match_get_type ())

G_DECLARE_FINAL_TYPE (RosterPersonMatch, roster_person_match, ROSTER, PERSON_MATCH, GObject)

RosterPersonMatch *roster_person_match_new            (gint64             webinar_id,
                                                       RosterRegistrant  *registrant);
gint64             roster_person_match_get_webinar_id (RosterPersonMatch *self);
RosterRegistrant  *roster_person_match_get_registrant (RosterPersonMatch *self);
const char        *roster_person_match_get_email      (RosterPersonMatch *self);

G_END_DECLS
