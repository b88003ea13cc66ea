/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-registrant-store.h"

G_BEGIN_DECLS

/* Known people in two webinars (Growth Masterclass, Product Launch), written into a store as a
 * sync writes them, under the webinar IDs given. */
#define ROSTER_TEST_PEOPLE_GROWTH   101
#define ROSTER_TEST_PEOPLE_LAUNCH   202
#define ROSTER_TEST_PEOPLE_N_FILLER 30
#define ROSTER_TEST_PEOPLE_N_PEOPLE (4 + ROSTER_TEST_PEOPLE_N_FILLER + 2)
#define ROSTER_TEST_PEOPLE_N_REGISTRATIONS (4 + ROSTER_TEST_PEOPLE_N_FILLER + 3)

void roster_test_people_fill (RosterRegistrantStore *store,
                              gint64                 growth_id,
                              gint64                 launch_id);

G_END_DECLS
