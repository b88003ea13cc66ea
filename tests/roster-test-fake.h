/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "roster-client.h"
#include "roster-fake-service.h"
#include "roster-test-util.h"

G_BEGIN_DECLS

/* What the roster-cli tests share: the fake service in a thread of the test program (so that it
 * keeps serving while the test waits on the child), and the main webinar's third schedule as
 * the target, as command-line arguments. */
typedef struct
{
  RosterFakeService *fake;
  char              *endpoint;
  char              *webinar_id;
  char              *schedule_id;
  gint64             webinar;
} RosterTestCliFixture;

RosterFakeService *roster_test_fake_start           (guint                 seed,
                                                     guint                 rate_limit);
RosterFakeService *roster_test_fake_start_in_thread (guint                 seed,
                                                     guint                 rate_limit);
RosterClient      *roster_test_client_for           (RosterFakeService    *service,
                                                     const char           *api_key,
                                                     RosterRateLimiter    *limiter,
                                                     guint                 timeout_ms);
RosterWebinar     *roster_test_get_webinar          (RosterClient         *client,
                                                     gint64                webinar_id);
RosterWebinar     *roster_test_find_webinar         (GListModel           *webinars,
                                                     const char           *title);
RosterRegistrant  *roster_test_registrant_from_json (const char           *json);

gboolean           roster_test_keyring_store        (const char           *account,
                                                     const char           *api_key,
                                                     GError              **error);
char              *roster_test_keyring_lookup       (const char           *account,
                                                     GError              **error);
gboolean           roster_test_keyring_clear        (const char           *account,
                                                     GError              **error);

void               roster_test_cli_fixture_set_up    (RosterTestCliFixture *fixture,
                                                      guint                 seed,
                                                      guint                 rate_limit);
void               roster_test_cli_fixture_tear_down (RosterTestCliFixture *fixture);

G_END_DECLS
