/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-test-people"

#include "config.h"

#include "roster-registrant-store-private.h"
#include "roster-test-fake.h"
#include "roster-test-people.h"

/* Ada registered for both webinars, the second time with her email in capitals and later;
 * "Tom & Jerry <Co>" tests that names are never markup; the fillers share one name so that a
 * search finds more people than a limit lets through. */
static const char growth[] =
  "[{\"id\": 1, \"lead_id\": 11, \"schedule_id\": 7, \"first_name\": \"Ada\", \"last_name\": \"Lovelace\","
  "  \"email\": \"ada@example.org\", \"webinar\": \"Growth Masterclass\","
  "  \"schedule\": \"Fri, 31 Oct 2025, 12:00 PM\", \"signup_date\": \"Tue, 28 Oct 2025, 09:14 AM\","
  "  \"attended_live\": \"Yes\", \"time_live\": \"00:45:30\", \"purchased_live\": \"Yes\", \"revenue_live\": 97,"
  "  \"links\": {\"live_room\": \"https://example.org/live/ada\", \"replay_room\": \"https://example.org/replay/ada\"}},"
  " {\"id\": 2, \"lead_id\": 12, \"first_name\": \"Grace\", \"last_name\": \"Hopper\","
  "  \"email\": \"grace.hopper@navy.example.mil\", \"webinar\": \"Growth Masterclass\","
  "  \"signup_date\": \"Wed, 29 Oct 2025, 10:00 AM\", \"attended_live\": \"No\","
  "  \"links\": {\"live_room\": \"https://example.org/live/grace\"}},"
  " {\"id\": 3, \"lead_id\": 13, \"first_name\": \"Alan\", \"last_name\": \"Turing\","
  "  \"email\": \"alan@example.org\", \"webinar\": \"Growth Masterclass\"},"
  " {\"id\": 4, \"lead_id\": 14, \"first_name\": \"Tom & Jerry\", \"last_name\": \"<Co>\","
  "  \"email\": \"tom.jerry@example.com\", \"webinar\": \"Growth Masterclass\"}]";

static const char launch[] =
  "[{\"id\": 5, \"lead_id\": 21, \"first_name\": \"Ada\", \"last_name\": \"Lovelace\","
  "  \"email\": \"ADA@Example.org\", \"webinar\": \"Product Launch\","
  "  \"signup_date\": \"Mon, 2 Nov 2026, 08:00 AM\", \"attended_replay\": \"Yes\","
  "  \"links\": {\"live_room\": \"https://example.org/live/ada2\"}},"
  " {\"id\": 6, \"lead_id\": 22, \"first_name\": \"Linus\", \"last_name\": \"Torvalds\","
  "  \"email\": \"linus@kernel.example.org\", \"webinar\": \"Product Launch\"},"
  " {\"id\": 7, \"lead_id\": 23, \"first_name\": \"Jürgen\", \"last_name\": \"Müller-Lüdenscheidt\","
  "  \"email\": \"jm@example.de\", \"webinar\": \"Product Launch\"}]";

static void
put (RosterRegistrantStore *store,
     gint64                 webinar_id,
     const char            *json,
     gboolean               fillers)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GListStore) rows = g_list_store_new (ROSTER_TYPE_REGISTRANT);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterStoreSyncState state = { .last_sync = 1780000000, .kind = ROSTER_STORE_SYNC_FULL,
                                 .full_sync = 1780000000, .generation = 1 };
  JsonArray *array;

  g_assert_nonnull (node);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *one = json_to_string (json_array_get_element (array, i), FALSE);
      g_autoptr(RosterRegistrant) registrant = roster_test_registrant_from_json (one);

      g_list_store_append (rows, registrant);
    }
  if (fillers)
    for (guint i = 0; i < ROSTER_TEST_PEOPLE_N_FILLER; i++)
      {
        g_autofree char *one = g_strdup_printf ("{\"id\": %u, \"first_name\": \"Filler\","
                                                " \"last_name\": \"Person %02u\", \"email\":"
                                                " \"filler%02u@bulk.example.net\","
                                                " \"webinar\": \"Product Launch\"}",
                                                100 + i, i, i);
        g_autoptr(RosterRegistrant) registrant = roster_test_registrant_from_json (one);

        g_list_store_append (rows, registrant);
      }

  roster_registrant_store_put_page_async (store, webinar_id, G_LIST_MODEL (rows), &state, NULL,
                                          roster_test_store_result, &result);
  roster_registrant_store_write_finish (store, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
}

void
roster_test_people_fill (RosterRegistrantStore *store,
                         gint64                 growth_id,
                         gint64                 launch_id)
{
  put (store, growth_id, growth, FALSE);
  put (store, launch_id, launch, TRUE);
}
