/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "roster-error.h"
#include "roster-form.h"
#include "roster-json-private.h"
#include "roster-presenter.h"
#include "roster-register-params.h"
#include "roster-registrant.h"
#include "roster-registrant-filter.h"
#include "roster-registrant-page.h"
#include "roster-registration.h"
#include "roster-schedule.h"
#include "roster-webinar.h"

/* Test input goes through the same parser as server answers. */
static JsonNode *
node_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = NULL;

  g_assert_true (roster_json_parse (json, strlen (json), &node, &error));
  g_assert_no_error (error);
  return node;
}

typedef gpointer (*Constructor) (JsonNode *node, GError **error);

/* Asserts that @json makes @constructor fail with a protocol error naming @member. */
static void
assert_protocol_error (Constructor  constructor,
                       const char  *json,
                       const char  *member)
{
  g_autoptr(JsonNode) node = node_from (json);
  g_autoptr(GError) error = NULL;
  gpointer object = constructor (node, &error);

  if (object != NULL)
    g_error ("%s parsed, but should have failed", json);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL);
  if (member != NULL && strstr (error->message, member) == NULL)
    g_error ("“%s” does not name %s", error->message, member);
}

static gpointer
webinar_list_new (JsonNode *node, GError **error)
{
  return roster_webinar_list_new_from_json (node, error);
}

static gpointer
webinar_new (JsonNode *node, GError **error)
{
  return roster_webinar_new_from_json (node, error);
}

static gpointer
schedule_new (JsonNode *node, GError **error)
{
  return roster_schedule_new_from_json (node, error);
}

static gpointer
presenter_new (JsonNode *node, GError **error)
{
  return roster_presenter_new_from_json (node, error);
}

static gpointer
registrant_new (JsonNode *node, GError **error)
{
  return roster_registrant_new_from_json (node, error);
}

static gpointer
registration_new (JsonNode *node, GError **error)
{
  return roster_registration_new_from_json (node, error);
}

static gpointer
page_new (JsonNode *node, GError **error)
{
  return roster_registrant_page_new_from_json (node, error);
}

/* ---- webinars ---------------------------------------------------------------------------- */

static const char webinars_example[] =
  "[{\"webinar_id\": 12, \"webinar_hash\": \"a1b2c3\", \"name\": \"growth-mc\","
  "  \"title\": \"Growth Masterclass\", \"description\": \"How to grow\","
  "  \"schedules\": [\"Instant replay\", \"Just in time\", \"Every day, 01:00 PM\","
  "                 \"Every Monday, 02:00 PM\", \"Saturday, 6 Jan 2024, 03:00 PM\"],"
  "  \"timezone\": \"America/Los_Angeles\"},"
  " {\"webinar_id\": \"42\", \"webinar_hash\": \"zz\", \"name\": \"n\", \"title\": \"t\","
  "  \"description\": \"\", \"schedules\": [], \"timezone\": \"Europe/Paris\","
  "  \"some_new_key\": {\"nested\": [1, 2]}}]";

static void
test_webinar_list (void)
{
  g_autoptr(JsonNode) node = node_from (webinars_example);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) webinars = roster_webinar_list_new_from_json (node, &error);
  static const RosterScheduleKind kinds[] = {
    ROSTER_SCHEDULE_KIND_INSTANT_REPLAY, ROSTER_SCHEDULE_KIND_JUST_IN_TIME,
    ROSTER_SCHEDULE_KIND_RECURRING, ROSTER_SCHEDULE_KIND_RECURRING,
    ROSTER_SCHEDULE_KIND_ONE_TIME,
  };
  RosterWebinar *w;
  GListModel *schedules;

  g_assert_no_error (error);
  g_assert_cmpuint (webinars->len, ==, 2);

  w = g_ptr_array_index (webinars, 0);
  g_assert_cmpint (roster_webinar_get_id (w), ==, 12);
  g_assert_cmpstr (roster_webinar_get_hash (w), ==, "a1b2c3");
  g_assert_cmpstr (roster_webinar_get_name (w), ==, "growth-mc");
  g_assert_cmpstr (roster_webinar_get_title (w), ==, "Growth Masterclass");
  g_assert_cmpstr (roster_webinar_get_description (w), ==, "How to grow");
  g_assert_cmpstr (roster_webinar_get_timezone (w), ==, "America/Los_Angeles");
  g_assert_null (roster_webinar_get_webinar_type (w));
  g_assert_null (roster_webinar_get_registration_url (w));

  schedules = roster_webinar_get_schedules (w);
  g_assert_true (g_list_model_get_item_type (schedules) == ROSTER_TYPE_SCHEDULE);
  g_assert_cmpuint (g_list_model_get_n_items (schedules), ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(RosterSchedule) s = g_list_model_get_item (schedules, i);

      g_assert_cmpint (roster_schedule_get_id (s), ==, 0);
      g_assert_null (roster_schedule_get_date (s));
      g_assert_cmpint (roster_schedule_get_kind (s), ==, kinds[i]);
    }
  {
    g_autoptr(RosterSchedule) s = g_list_model_get_item (schedules, 2);
    g_assert_cmpstr (roster_schedule_get_comment (s), ==, "Every day, 01:00 PM");
  }
  g_assert_cmpuint (g_list_model_get_n_items (roster_webinar_get_presenters (w)), ==, 0);

  /* ID as a string of digits; "" description reads as NULL; unknown keys ignored. */
  w = g_ptr_array_index (webinars, 1);
  g_assert_cmpint (roster_webinar_get_id (w), ==, 42);
  g_assert_null (roster_webinar_get_description (w));
  g_assert_cmpuint (g_list_model_get_n_items (roster_webinar_get_schedules (w)), ==, 0);

  /* Properties match the getters. */
  {
    gint64 id;
    g_autofree char *title = NULL;
    g_autoptr(GListModel) model = NULL;

    g_object_get (g_ptr_array_index (webinars, 0), "id", &id, "title", &title,
                  "schedules", &model, NULL);
    g_assert_cmpint (id, ==, 12);
    g_assert_cmpstr (title, ==, "Growth Masterclass");
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  }

  /* An empty list is fine. */
  {
    g_autoptr(JsonNode) empty = node_from ("[]");
    g_autoptr(GPtrArray) none = roster_webinar_list_new_from_json (empty, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static const char webinar_example[] =
  "{\"webinar_id\": 12, \"webinar_hash\": \"a1b2c3\", \"name\": \"growth-mc\","
  " \"title\": \"Growth Masterclass\", \"description\": \"How to grow\","
  " \"timezone\": \"America/Los_Angeles\","
  " \"schedules\": ["
  "   {\"schedule\": 938, \"date\": \"2025-10-31 12:00\", \"comment\": \"Every day, 12:00 PM\"},"
  "   {\"schedule\": \"939\", \"date\": \"2025-10-28 09:14\", \"comment\": \"Instant replay\","
  "    \"time\": \"09:14\", \"timezone\": \"EST\"},"
  "   {\"schedule\": 940, \"date\": \"2024-01-06 15:00\","
  "    \"comment\": \"Saturday, 6 Jan 2024, 03:00 PM\"},"
  "   {\"schedule\": 941, \"date\": \"2025-10-31 12:00\", \"comment\": \"Just in time\"}],"
  " \"presenters\": [{\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\","
  "                  \"picture\": \"https://example.org/ada.png\"}, {\"name\": \"Bob\"}],"
  " \"registration_url\": \"https://example.org/register\","
  " \"registration_type\": \"paid\", \"registration_fee\": 49,"
  " \"registration_currency\": \"USD\", \"registration_checkout_url\": \"\","
  " \"direct_live_room_url\": \"https://example.org/live\","
  " \"direct_replay_room_url\": \"\","
  " \"custom_field_label_1\": {\"type\": \"text\"}}";

static void
test_webinar_details (void)
{
  g_autoptr(JsonNode) node = node_from (webinar_example);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterWebinar) w = roster_webinar_new_from_json (node, &error);
  g_autoptr(RosterSchedule) s0 = NULL;
  g_autoptr(RosterSchedule) s1 = NULL;
  g_autoptr(RosterSchedule) s2 = NULL;
  g_autoptr(RosterSchedule) s3 = NULL;
  g_autoptr(RosterPresenter) p0 = NULL;
  g_autoptr(RosterPresenter) p1 = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (roster_webinar_get_id (w), ==, 12);
  g_assert_cmpstr (roster_webinar_get_registration_url (w), ==, "https://example.org/register");
  g_assert_cmpstr (roster_webinar_get_registration_type (w), ==, "paid");
  g_assert_cmpfloat (roster_webinar_get_registration_fee (w), ==, 49);
  g_assert_cmpstr (roster_webinar_get_registration_currency (w), ==, "USD");
  /* "may be absent or empty" both read as NULL */
  g_assert_null (roster_webinar_get_registration_checkout_url (w));
  g_assert_null (roster_webinar_get_registration_post_payment_url (w));
  g_assert_cmpstr (roster_webinar_get_live_room_url (w), ==, "https://example.org/live");
  g_assert_null (roster_webinar_get_replay_room_url (w));

  g_assert_cmpuint (g_list_model_get_n_items (roster_webinar_get_schedules (w)), ==, 4);
  s0 = g_list_model_get_item (roster_webinar_get_schedules (w), 0);
  s1 = g_list_model_get_item (roster_webinar_get_schedules (w), 1);
  s2 = g_list_model_get_item (roster_webinar_get_schedules (w), 2);
  s3 = g_list_model_get_item (roster_webinar_get_schedules (w), 3);
  g_assert_cmpint (roster_schedule_get_id (s0), ==, 938);
  g_assert_cmpstr (roster_schedule_get_date (s0), ==, "2025-10-31 12:00");
  g_assert_cmpint (roster_schedule_get_date_time (s0), ==, 1761912000);
  g_assert_cmpint (roster_schedule_get_kind (s0), ==, ROSTER_SCHEDULE_KIND_RECURRING);
  g_assert_cmpint (roster_schedule_get_id (s1), ==, 939);
  g_assert_cmpint (roster_schedule_get_kind (s1), ==, ROSTER_SCHEDULE_KIND_INSTANT_REPLAY);
  g_assert_cmpint (roster_schedule_get_kind (s2), ==, ROSTER_SCHEDULE_KIND_ONE_TIME);
  g_assert_cmpint (roster_schedule_get_date_time (s2), ==, 1704553200);
  g_assert_cmpint (roster_schedule_get_kind (s3), ==, ROSTER_SCHEDULE_KIND_JUST_IN_TIME);

  p0 = g_list_model_get_item (roster_webinar_get_presenters (w), 0);
  p1 = g_list_model_get_item (roster_webinar_get_presenters (w), 1);
  g_assert_cmpstr (roster_presenter_get_name (p0), ==, "Ada Lovelace");
  g_assert_cmpstr (roster_presenter_get_email (p0), ==, "ada@example.org");
  g_assert_cmpstr (roster_presenter_get_picture (p0), ==, "https://example.org/ada.png");
  g_assert_cmpstr (roster_presenter_get_name (p1), ==, "Bob");
  g_assert_null (roster_presenter_get_email (p1));
}

static void
test_webinar_webinarjam (void)
{
  g_autoptr(JsonNode) node = node_from ("[{\"webinar_id\": 1, \"type\": \"Series of presentations\"},"
                                        " {\"webinar_id\": 2, \"type\": null}]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = roster_webinar_list_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (roster_webinar_get_webinar_type (g_ptr_array_index (list, 0)), ==,
                   "Series of presentations");
  g_assert_null (roster_webinar_get_webinar_type (g_ptr_array_index (list, 1)));
}

static void
test_webinar_hostile (void)
{
  assert_protocol_error (webinar_new, "{}", "webinar_id");
  assert_protocol_error (webinar_new, "{\"webinar_id\": null}", "webinar_id");
  assert_protocol_error (webinar_new, "{\"webinar_id\": \"\"}", "webinar_id");
  assert_protocol_error (webinar_new, "{\"webinar_id\": \"abc\"}", "webinar_id");
  assert_protocol_error (webinar_new, "{\"webinar_id\": \"12abc\"}", "webinar_id");
  assert_protocol_error (webinar_new, "{\"webinar_id\": 1.5}", "webinar_id");
  assert_protocol_error (webinar_new, "{\"webinar_id\": -5}", "webinar_id");
  assert_protocol_error (webinar_new, "{\"webinar_id\": true}", "webinar_id");
  assert_protocol_error (webinar_new, "{\"webinar_id\": [1]}", "webinar_id");
  assert_protocol_error (webinar_new, "{\"webinar_id\": 99999999999999999999}", "webinar_id");
  assert_protocol_error (webinar_new, "{\"webinar_id\": -99999999999999999999}", "webinar_id");
  assert_protocol_error (webinar_new, "{\"webinar_id\": \"99999999999999999999\"}", "webinar_id");
  assert_protocol_error (webinar_new, "{\"webinar_id\": 1e400}", "webinar_id");
  assert_protocol_error (webinar_new, "{\"webinar_id\": 1, \"title\": 5}", "title");
  assert_protocol_error (webinar_new, "{\"webinar_id\": 1, \"name\": {}}", "name");
  assert_protocol_error (webinar_new, "{\"webinar_id\": 1, \"schedules\": \"x\"}", "schedules");
  assert_protocol_error (webinar_new, "{\"webinar_id\": 1, \"schedules\": [5]}", "schedules");
  assert_protocol_error (webinar_new, "{\"webinar_id\": 1, \"schedules\": [{}]}", "schedule");
  assert_protocol_error (webinar_new, "{\"webinar_id\": 1, \"schedules\": [{\"schedule\": 1,"
                                      " \"date\": 5}]}", "date");
  assert_protocol_error (webinar_new, "{\"webinar_id\": 1, \"presenters\": {}}", "presenters");
  assert_protocol_error (webinar_new, "{\"webinar_id\": 1, \"presenters\": [[]]}", "presenters");
  assert_protocol_error (webinar_new, "{\"webinar_id\": 1, \"presenters\": [{\"name\": 1}]}",
                         "name");
  assert_protocol_error (webinar_new, "{\"webinar_id\": 1, \"registration_fee\": \"abc\"}",
                         "registration_fee");
  assert_protocol_error (webinar_new, "{\"webinar_id\": 1, \"registration_fee\": 1e400}",
                         "registration_fee");
  assert_protocol_error (webinar_new, "[]", NULL);
  assert_protocol_error (webinar_new, "5", NULL);
  assert_protocol_error (webinar_list_new, "{\"webinars\": []}", "webinars");
  assert_protocol_error (webinar_list_new, "5", "webinars");
  assert_protocol_error (webinar_list_new, "[{\"webinar_id\": 1}, 5]", NULL);
  assert_protocol_error (webinar_list_new, "[{\"webinar_id\": 1}, {}]", "webinar_id");

  /* NULL node: a protocol error, not a critical. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (roster_webinar_new_from_json (NULL, &error));
    g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL);
    g_clear_error (&error);
    g_assert_null (roster_webinar_list_new_from_json (NULL, &error));
    g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL);
  }

  /* The biggest integers that do fit are fine. */
  {
    g_autoptr(JsonNode) node = node_from ("{\"webinar_id\": 9223372036854775807,"
                                          " \"registration_fee\": \"12.50\"}");
    g_autoptr(GError) error = NULL;
    g_autoptr(RosterWebinar) w = roster_webinar_new_from_json (node, &error);

    g_assert_no_error (error);
    g_assert_cmpint (roster_webinar_get_id (w), ==, G_MAXINT64);
    g_assert_cmpfloat (roster_webinar_get_registration_fee (w), ==, 12.5);
  }
}

static void
test_schedule_kind (void)
{
  g_assert_cmpint (roster_schedule_kind_from_comment (NULL), ==, ROSTER_SCHEDULE_KIND_UNKNOWN);
  g_assert_cmpint (roster_schedule_kind_from_comment (""), ==, ROSTER_SCHEDULE_KIND_UNKNOWN);
  g_assert_cmpint (roster_schedule_kind_from_comment ("Instant replay"), ==,
                   ROSTER_SCHEDULE_KIND_INSTANT_REPLAY);
  g_assert_cmpint (roster_schedule_kind_from_comment (" instant REPLAY "), ==,
                   ROSTER_SCHEDULE_KIND_INSTANT_REPLAY);
  g_assert_cmpint (roster_schedule_kind_from_comment ("Just in time"), ==,
                   ROSTER_SCHEDULE_KIND_JUST_IN_TIME);
  g_assert_cmpint (roster_schedule_kind_from_comment ("Every day, 01:00 PM"), ==,
                   ROSTER_SCHEDULE_KIND_RECURRING);
  g_assert_cmpint (roster_schedule_kind_from_comment ("Every Monday, 02:00 PM"), ==,
                   ROSTER_SCHEDULE_KIND_RECURRING);
  g_assert_cmpint (roster_schedule_kind_from_comment ("Saturday, 6 Jan 2024, 03:00 PM"), ==,
                   ROSTER_SCHEDULE_KIND_ONE_TIME);
  g_assert_cmpint (roster_schedule_kind_from_comment ("2024-01-06 15:00"), ==,
                   ROSTER_SCHEDULE_KIND_ONE_TIME);
  g_assert_cmpint (roster_schedule_kind_from_comment ("Sometime soon"), ==,
                   ROSTER_SCHEDULE_KIND_UNKNOWN);
  g_assert_cmpint (roster_schedule_kind_from_comment ("Everyday"), ==,
                   ROSTER_SCHEDULE_KIND_UNKNOWN);

  /* The enum has a GType with nicks for bindings and settings. */
  {
    g_autoptr(GEnumClass) klass = g_type_class_ref (ROSTER_TYPE_SCHEDULE_KIND);
    GEnumValue *value = g_enum_get_value (klass, ROSTER_SCHEDULE_KIND_JUST_IN_TIME);

    g_assert_cmpstr (value->value_nick, ==, "just-in-time");
  }
  {
    g_autoptr(RosterSchedule) s = roster_schedule_new (5, "2025-10-31 12:00", NULL);

    g_assert_cmpint (roster_schedule_get_kind (s), ==, ROSTER_SCHEDULE_KIND_ONE_TIME);
    g_assert_cmpint (roster_schedule_get_id (s), ==, 5);
  }
}

/* ---- dates, durations, numbers ----------------------------------------------------------- */

static void
test_json_dates (void)
{
  static const struct { const char *text; gint64 expected; } cases[] = {
    { "Fri, 31 Oct 2025, 12:00 PM", 1761912000 },
    { "Tue, 28 Oct 2025, 09:14 AM", 1761642840 },
    { "Fri, 31 Oct 2025, 12:02 PM", 1761912120 },
    { "Fri, 31 Oct 2025, 12:00 AM", 1761868800 },
    { "friday, 31 october 2025, 12:00 pm", 1761912000 },
    { "31 Oct 2025, 12:00 PM", 1761912000 },
    { "Saturday, 6 Jan 2024, 03:00 PM", 1704553200 },
    { "Thu, 29 Feb 2024, 11:59 PM", 1709251140 },
    { "2025-10-31 12:00", 1761912000 },
    { "2025-10-31 12:00:00", 1761912000 },
    { "2025-10-31T12:00:00", 1761912000 },
    { "2025-10-31", 1761868800 },
    { "1761912000", 1761912000 },
    { NULL, -1 },
    { "", -1 },
    { "Fri, 31 Foo 2025, 12:00 PM", -1 },
    { "Fri, 30 Feb 2025, 12:00 PM", -1 },
    { "Fri, 31 Oct 2025, 13:00 PM", -1 },
    { "Fri, 31 Oct 2025, 00:00 AM", -1 },
    { "Fri, 31 Oct 2025, 12:00 XM", -1 },
    { "Fri, 31 Oct 2025, 12:00 PM trailing", -1 },
    { "Frieday, 31 Oct 2025, 12:00 PM", -1 },
    { "2025-13-01 00:00", -1 },
    { "2025-10-31 24:00", -1 },
    { "2025-10-31 12:60", -1 },
    { "99999999999999999999", -1 },
    { "12:02 PM", -1 },
    { "-5", -1 },
    { "Every day, 01:00 PM", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 got = roster_json_parse_date (cases[i].text);

      if (got != cases[i].expected)
        g_error ("“%s”: expected %" G_GINT64_FORMAT ", got %" G_GINT64_FORMAT,
                 cases[i].text, cases[i].expected, got);
    }

  /* The month names are the server's English, whatever the user's locale. */
  if (setlocale (LC_ALL, "de_DE.UTF-8") != NULL || setlocale (LC_ALL, "fr_FR.UTF-8") != NULL)
    {
      g_assert_cmpint (roster_json_parse_date ("Fri, 31 Oct 2025, 12:00 PM"), ==, 1761912000);
      g_assert_cmpint (roster_json_parse_date ("Tue, 28 Oct 2025, 09:14 AM"), ==, 1761642840);
      setlocale (LC_ALL, "C");
    }
}

static void
test_json_durations (void)
{
  g_assert_cmpint (roster_json_parse_duration ("00:45:30"), ==, 2730);
  g_assert_cmpint (roster_json_parse_duration ("01:00:00"), ==, 3600);
  g_assert_cmpint (roster_json_parse_duration ("123:00:01"), ==, 123 * 3600 + 1);
  g_assert_cmpint (roster_json_parse_duration ("45:30"), ==, 2730);
  g_assert_cmpint (roster_json_parse_duration ("90"), ==, 90);
  g_assert_cmpint (roster_json_parse_duration ("3600000000"), ==, G_GINT64_CONSTANT (3600000000));
  g_assert_cmpint (roster_json_parse_duration ("3600000001"), ==, -1);
  g_assert_cmpint (roster_json_parse_duration ("1000000:00:00"), ==, G_GINT64_CONSTANT (3600000000));
  /* Found by the fuzzer: the bound itself overflowed an int. */
  g_assert_cmpint (roster_json_parse_duration ("Unauthorized"), ==, -1);
  g_assert_cmpint (roster_json_parse_duration (NULL), ==, -1);
  g_assert_cmpint (roster_json_parse_duration (""), ==, -1);
  g_assert_cmpint (roster_json_parse_duration ("00:61:00"), ==, -1);
  g_assert_cmpint (roster_json_parse_duration ("a:b:c"), ==, -1);
  g_assert_cmpint (roster_json_parse_duration ("1:2:3:4"), ==, -1);
  g_assert_cmpint (roster_json_parse_duration ("-1:00:00"), ==, -1);
  g_assert_cmpint (roster_json_parse_duration ("99999999999999999999:00:00"), ==, -1);
}

static void
test_json_numbers (void)
{
  static const struct { const char *json; gboolean ok; gint64 value; } cases[] = {
    { "{\"v\": 5}", TRUE, 5 },
    { "{\"v\": \"5\"}", TRUE, 5 },
    { "{\"v\": \" 17 \"}", TRUE, 17 },
    { "{\"v\": 5.0}", TRUE, 5 },
    { "{\"v\": -3}", TRUE, -3 },
    { "{\"v\": \"-3\"}", TRUE, -3 },
    { "{\"v\": 9223372036854775807}", TRUE, G_MAXINT64 },
    { "{\"v\": -9223372036854775808}", TRUE, G_MININT64 },
    { "{\"v\": \"9223372036854775807\"}", TRUE, G_MAXINT64 },
    { "{\"v\": null}", TRUE, 77 },
    { "{}", TRUE, 77 },
    { "{\"v\": \"\"}", TRUE, 77 },
    { "{\"v\": 9223372036854775808}", FALSE, 0 },
    { "{\"v\": -9223372036854775809}", FALSE, 0 },
    { "{\"v\": 99999999999999999999}", FALSE, 0 },
    { "{\"v\": \"99999999999999999999\"}", FALSE, 0 },
    { "{\"v\": 1e400}", FALSE, 0 },
    { "{\"v\": -1e400}", FALSE, 0 },
    { "{\"v\": 1e19}", FALSE, 0 },
    { "{\"v\": 0.5}", FALSE, 0 },
    { "{\"v\": \"+5\"}", FALSE, 0 },
    { "{\"v\": \"5x\"}", FALSE, 0 },
    { "{\"v\": \"0x10\"}", FALSE, 0 },
    { "{\"v\": true}", FALSE, 0 },
    { "{\"v\": []}", FALSE, 0 },
    { "{\"v\": {}}", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = node_from (cases[i].json);
      g_autoptr(GError) error = NULL;
      gint64 value = 77;
      gboolean ok = roster_json_get_int64 (json_node_get_object (node), "v",
                                           ROSTER_JSON_OPTIONAL, &value, &error);

      if (ok != cases[i].ok)
        g_error ("%s: expected %s", cases[i].json, cases[i].ok ? "success" : "failure");
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpint (value, ==, cases[i].value);
        }
      else
        {
          g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL);
          g_assert_nonnull (strstr (error->message, "“v”"));
        }
    }
}

static void
test_json_limits (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *node = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (deep, "{\"a\":");
  g_string_append (deep, "1");
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, '}');

  g_assert_false (roster_json_parse (deep->str, deep->len, &node, &error));
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL);
  g_assert_null (node);
  g_clear_error (&error);

  /* Exactly at the limit is still fine. */
  g_string_truncate (deep, 0);
  for (guint i = 0; i < ROSTER_JSON_MAX_DEPTH; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < ROSTER_JSON_MAX_DEPTH; i++)
    g_string_append_c (deep, ']');
  g_assert_true (roster_json_parse (deep->str, deep->len, &node, &error));
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);

  g_assert_false (roster_json_parse ("", 0, &node, &error));
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_false (roster_json_parse ("{\"a\":\"\xff\"}", 8, &node, &error));
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_false (roster_json_parse ("{\"a\":\0}", 7, &node, &error));
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER);
  g_clear_error (&error);

  /* json-glib's lexer takes single quotes and comments; a double quote inside them must not
   * hide deep nesting from the depth check (found while reviewing the fuzz target). */
  {
    static const char * const openers[] = { "['\"', ", "[/* \" */ ", "{'a\"':", "[0x10, " };

    for (guint k = 0; k < G_N_ELEMENTS (openers); k++)
      {
        g_string_assign (deep, openers[k]);
        for (guint i = 0; i < 100000; i++)
          g_string_append_c (deep, '[');
        for (guint i = 0; i < 100000; i++)
          g_string_append_c (deep, ']');
        g_string_append (deep, ", '\"']");

        g_assert_false (roster_json_parse (deep->str, deep->len, &node, &error));
        g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER);
        g_assert_null (node);
        g_clear_error (&error);
      }
  }

  /* Not JSON, even though json-glib would take it. */
  g_assert_false (roster_json_parse ("['a']", 5, &node, &error));
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_false (roster_json_parse ("[0x10]", 6, &node, &error));
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER);
  g_clear_error (&error);

  /* Overflowing integers inside strings and keys are left alone. */
  g_assert_true (roster_json_parse ("{\"99999999999999999999\":\"99999999999999999999\"}", 47,
                                    &node, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node),
                                                  "99999999999999999999"),
                   ==, "99999999999999999999");
  g_clear_pointer (&node, json_node_unref);
}

/* ---- registrants ------------------------------------------------------------------------- */

/* The page example from the API reference, as real traffic shows it. */
static const char page_example[] =
  "{\"current_page\": 1, \"per_page\": 50, \"total\": 1234, \"last_page\": 25,"
  "  \"next_page_url\": \"https://api.webinarjam.com/everwebinar/registrants?page=2\","
  "  \"data\": [{"
  "    \"id\": 841, \"lead_id\": 299, \"schedule_id\": 938, \"event_id\": 5120,"
  "    \"first_name\": \"Ada\", \"last_name\": \"Lovelace\", \"email\": \"ada@example.org\","
  "    \"phone_country_code\": \"+44\", \"phone_number\": \"2071234567\", \"ip\": \"203.0.113.9\","
  "    \"webinar\": \"Growth Masterclass\", \"schedule\": \"Fri, 31 Oct 2025, 12:00 PM\","
  "    \"event\": \"Fri, 31 Oct 2025, 12:00 PM\", \"signup_date\": \"Tue, 28 Oct 2025, 09:14 AM\","
  "    \"attended_live\": \"Yes\", \"date_live\": \"Fri, 31 Oct 2025, 12:02 PM\", \"entered_live\": \"12:02 PM\","
  "    \"time_live\": \"00:45:30\", \"purchased_live\": \"No\", \"revenue_live\": 0,"
  "    \"attended_replay\": \"No\", \"date_replay\": null, \"time_replay\": null,"
  "    \"purchased_replay\": \"No\", \"revenue_replay\": 0, \"subscribed\": \"Yes\","
  "    \"gdpr_status\": \"Off\", \"gdpr_communications\": \"Off\", \"gdpr_status_date\": null, \"gdpr_status_ip\": null,"
  "    \"twilio_consented_at\": null, \"utm_source\": null, \"utm_medium\": null, \"utm_campaign\": null,"
  "    \"utm_term\": null, \"utm_content\": null,"
  "    \"links\": {\"live_room\": \"https://example.org/live/ada\", \"replay_room\": \"https://example.org/replay/ada\","
  "               \"unsubscribe\": \"https://example.org/unsub/ada\"}"
  "  }]}";

static RosterRegistrant *
registrant_from (const char *json)
{
  g_autoptr(JsonNode) node = node_from (json);
  g_autoptr(GError) error = NULL;
  RosterRegistrant *r = roster_registrant_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static void
test_page_documented (void)
{
  g_autoptr(JsonNode) node = node_from (page_example);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistrantPage) page = roster_registrant_page_new_from_json (node, &error);
  g_autoptr(RosterRegistrant) r = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (roster_registrant_page_get_current_page (page), ==, 1);
  g_assert_cmpint (roster_registrant_page_get_per_page (page), ==, 50);
  g_assert_cmpint (roster_registrant_page_get_total (page), ==, 1234);
  g_assert_cmpint (roster_registrant_page_get_last_page (page), ==, 25);
  g_assert_cmpstr (roster_registrant_page_get_next_page_url (page), ==,
                   "https://api.webinarjam.com/everwebinar/registrants?page=2");
  g_assert_true (roster_registrant_page_has_more (page));
  g_assert_cmpuint (g_list_model_get_n_items (roster_registrant_page_get_items (page)), ==, 1);

  r = g_list_model_get_item (roster_registrant_page_get_items (page), 0);
  g_assert_cmpint (roster_registrant_get_id (r), ==, 841);
  g_assert_cmpint (roster_registrant_get_lead_id (r), ==, 299);
  g_assert_cmpint (roster_registrant_get_schedule_id (r), ==, 938);
  g_assert_cmpint (roster_registrant_get_event_id (r), ==, 5120);
  g_assert_cmpstr (roster_registrant_get_first_name (r), ==, "Ada");
  g_assert_cmpstr (roster_registrant_get_last_name (r), ==, "Lovelace");
  g_assert_cmpstr (roster_registrant_get_display_name (r), ==, "Ada Lovelace");
  g_assert_cmpstr (roster_registrant_get_email (r), ==, "ada@example.org");
  g_assert_cmpstr (roster_registrant_get_phone_country_code (r), ==, "+44");
  g_assert_cmpstr (roster_registrant_get_phone (r), ==, "2071234567");
  g_assert_cmpstr (roster_registrant_get_ip (r), ==, "203.0.113.9");
  g_assert_cmpstr (roster_registrant_get_webinar (r), ==, "Growth Masterclass");
  g_assert_cmpstr (roster_registrant_get_schedule (r), ==, "Fri, 31 Oct 2025, 12:00 PM");
  g_assert_cmpint (roster_registrant_get_schedule_time (r), ==, 1761912000);
  g_assert_cmpstr (roster_registrant_get_event (r), ==, "Fri, 31 Oct 2025, 12:00 PM");
  g_assert_cmpint (roster_registrant_get_event_time (r), ==, 1761912000);
  g_assert_cmpstr (roster_registrant_get_signup_date (r), ==, "Tue, 28 Oct 2025, 09:14 AM");
  g_assert_cmpint (roster_registrant_get_signup_time (r), ==, 1761642840);
  g_assert_cmpint (roster_registrant_get_attended_live (r), ==, ROSTER_FLAG_YES);
  g_assert_cmpstr (roster_registrant_get_date_live (r), ==, "Fri, 31 Oct 2025, 12:02 PM");
  g_assert_cmpint (roster_registrant_get_date_live_time (r), ==, 1761912120);
  g_assert_cmpstr (roster_registrant_get_entered_live (r), ==, "12:02 PM");
  g_assert_cmpstr (roster_registrant_get_time_live (r), ==, "00:45:30");
  g_assert_cmpint (roster_registrant_get_time_live_seconds (r), ==, 2730);
  g_assert_cmpint (roster_registrant_get_purchased_live (r), ==, ROSTER_FLAG_NO);
  g_assert_cmpfloat (roster_registrant_get_revenue_live (r), ==, 0);
  g_assert_cmpint (roster_registrant_get_attended_replay (r), ==, ROSTER_FLAG_NO);
  g_assert_null (roster_registrant_get_date_replay (r));
  g_assert_cmpint (roster_registrant_get_date_replay_time (r), ==, -1);
  g_assert_null (roster_registrant_get_time_replay (r));
  g_assert_cmpint (roster_registrant_get_time_replay_seconds (r), ==, -1);
  g_assert_cmpint (roster_registrant_get_purchased_replay (r), ==, ROSTER_FLAG_NO);
  g_assert_cmpfloat (roster_registrant_get_revenue_replay (r), ==, 0);
  g_assert_cmpint (roster_registrant_get_subscribed (r), ==, ROSTER_FLAG_YES);
  g_assert_cmpstr (roster_registrant_get_gdpr_status (r), ==, "Off");
  g_assert_cmpstr (roster_registrant_get_gdpr_communications (r), ==, "Off");
  g_assert_null (roster_registrant_get_gdpr_status_date (r));
  g_assert_null (roster_registrant_get_gdpr_status_ip (r));
  g_assert_null (roster_registrant_get_twilio_consented_at (r));
  g_assert_null (roster_registrant_get_utm_source (r));
  g_assert_null (roster_registrant_get_utm_medium (r));
  g_assert_null (roster_registrant_get_utm_campaign (r));
  g_assert_null (roster_registrant_get_utm_term (r));
  g_assert_null (roster_registrant_get_utm_content (r));
  g_assert_cmpstr (roster_registrant_get_live_room_url (r), ==, "https://example.org/live/ada");
  g_assert_cmpstr (roster_registrant_get_replay_room_url (r), ==, "https://example.org/replay/ada");
  g_assert_cmpstr (roster_registrant_get_unsubscribe_url (r), ==, "https://example.org/unsub/ada");

  /* Properties agree with the getters. */
  {
    gint64 lead_id, signup_time;
    RosterFlag attended;
    g_autofree char *email = NULL;

    g_object_get (r, "lead-id", &lead_id, "signup-time", &signup_time,
                  "attended-live", &attended, "email", &email, NULL);
    g_assert_cmpint (lead_id, ==, 299);
    g_assert_cmpint (signup_time, ==, 1761642840);
    g_assert_cmpint (attended, ==, ROSTER_FLAG_YES);
    g_assert_cmpstr (email, ==, "ada@example.org");
  }
}

static void
test_registrant_fields (void)
{
  g_autoptr(RosterRegistrant) r =
    registrant_from ("{\"id\": 1, \"first_name\": \"Ada\", \"revenue_live\": 12.5,"
                     " \"subscribed\": true, \"date_replay\": null, \"custom\": [1, \"x\"],"
                     " \"links\": {\"live_room\": \"L\", \"unsubscribe\": null}}");
  const char * const *fields = roster_registrant_get_fields (r);
  static const char * const expected[] = {
    "id", "1", "first_name", "Ada", "revenue_live", "12.5", "subscribed", "true",
    "date_replay", "", "custom", "[1,\"x\"]", "links.live_room", "L", "links.unsubscribe", "",
    NULL
  };

  g_assert_cmpstrv (fields, expected);
  g_assert_cmpstr (roster_registrant_get_field (r, "first_name"), ==, "Ada");
  g_assert_cmpstr (roster_registrant_get_field (r, "links.live_room"), ==, "L");
  g_assert_null (roster_registrant_get_field (r, "last_name"));

  /* A registrant made without JSON still has an (empty) list. */
  {
    g_autoptr(RosterRegistrant) bare = g_object_new (ROSTER_TYPE_REGISTRANT, NULL);
    g_assert_null (roster_registrant_get_fields (bare)[0]);
  }
}

static void
test_registrant_flags (void)
{
  static const struct { const char *value; RosterFlag expected; } cases[] = {
    { "\"Yes\"", ROSTER_FLAG_YES }, { "\"No\"", ROSTER_FLAG_NO },
    { "\"yes\"", ROSTER_FLAG_YES }, { "\"NO\"", ROSTER_FLAG_NO },
    { "\"TRUE\"", ROSTER_FLAG_YES }, { "\"false\"", ROSTER_FLAG_NO },
    { "\"1\"", ROSTER_FLAG_YES }, { "\"0\"", ROSTER_FLAG_NO },
    { "1", ROSTER_FLAG_YES }, { "0", ROSTER_FLAG_NO },
    { "1.0", ROSTER_FLAG_YES }, { "0.0", ROSTER_FLAG_NO },
    { "true", ROSTER_FLAG_YES }, { "false", ROSTER_FLAG_NO },
    { "null", ROSTER_FLAG_UNKNOWN }, { "\"\"", ROSTER_FLAG_UNKNOWN },
    { "\" Yes \"", ROSTER_FLAG_YES },
  };
  static const char * const bad[] = { "2", "-1", "0.5", "\"maybe\"", "[]", "{}", "1e400" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"attended_live\": %s, \"purchased_live\": %s,"
                                               " \"attended_replay\": %s, \"purchased_replay\": %s,"
                                               " \"subscribed\": %s}",
                                               cases[i].value, cases[i].value, cases[i].value,
                                               cases[i].value, cases[i].value);
      g_autoptr(RosterRegistrant) r = registrant_from (json);

      g_assert_cmpint (roster_registrant_get_attended_live (r), ==, cases[i].expected);
      g_assert_cmpint (roster_registrant_get_purchased_live (r), ==, cases[i].expected);
      g_assert_cmpint (roster_registrant_get_attended_replay (r), ==, cases[i].expected);
      g_assert_cmpint (roster_registrant_get_purchased_replay (r), ==, cases[i].expected);
      g_assert_cmpint (roster_registrant_get_subscribed (r), ==, cases[i].expected);
    }

  {
    g_autoptr(RosterRegistrant) r = registrant_from ("{}");
    g_assert_cmpint (roster_registrant_get_subscribed (r), ==, ROSTER_FLAG_UNKNOWN);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"purchased_replay\": %s}", bad[i]);
      assert_protocol_error (registrant_new, json, "purchased_replay");
    }
}

static void
test_registrant_dates (void)
{
  g_autoptr(RosterRegistrant) unix_times =
    registrant_from ("{\"signup_date\": 1761642840, \"date_live\": \"1761912120\","
                     " \"date_replay\": 0, \"event\": \"2025-10-31 12:00\","
                     " \"schedule\": \"next week\", \"time_live\": 2730, \"time_replay\": \"45:30\"}");
  g_autoptr(RosterRegistrant) nulls =
    registrant_from ("{\"signup_date\": null, \"date_live\": \"\", \"time_live\": \"soon\"}");

  g_assert_cmpstr (roster_registrant_get_signup_date (unix_times), ==, "1761642840");
  g_assert_cmpint (roster_registrant_get_signup_time (unix_times), ==, 1761642840);
  g_assert_cmpstr (roster_registrant_get_date_live (unix_times), ==, "1761912120");
  g_assert_cmpint (roster_registrant_get_date_live_time (unix_times), ==, 1761912120);
  g_assert_cmpstr (roster_registrant_get_date_replay (unix_times), ==, "0");
  g_assert_cmpint (roster_registrant_get_date_replay_time (unix_times), ==, -1);
  g_assert_cmpint (roster_registrant_get_event_time (unix_times), ==, 1761912000);
  /* Unreadable text is kept, with no time. */
  g_assert_cmpstr (roster_registrant_get_schedule (unix_times), ==, "next week");
  g_assert_cmpint (roster_registrant_get_schedule_time (unix_times), ==, -1);
  g_assert_cmpstr (roster_registrant_get_time_live (unix_times), ==, "2730");
  g_assert_cmpint (roster_registrant_get_time_live_seconds (unix_times), ==, 2730);
  g_assert_cmpint (roster_registrant_get_time_replay_seconds (unix_times), ==, 2730);

  g_assert_null (roster_registrant_get_signup_date (nulls));
  g_assert_cmpint (roster_registrant_get_signup_time (nulls), ==, -1);
  g_assert_null (roster_registrant_get_date_live (nulls));
  g_assert_cmpstr (roster_registrant_get_time_live (nulls), ==, "soon");
  g_assert_cmpint (roster_registrant_get_time_live_seconds (nulls), ==, -1);

  assert_protocol_error (registrant_new, "{\"signup_date\": true}", "signup_date");
  assert_protocol_error (registrant_new, "{\"signup_date\": {}}", "signup_date");
  assert_protocol_error (registrant_new, "{\"date_live\": 1e400}", "date_live");
  assert_protocol_error (registrant_new, "{\"time_live\": []}", "time_live");
}

static void
test_registrant_variants (void)
{
  /* phone vs phone_number, numbers as phone text, IDs as digit strings, flat links */
  g_autoptr(RosterRegistrant) flat =
    registrant_from ("{\"id\": \"841\", \"lead_id\": \"299\", \"schedule_id\": \"938\","
                     " \"event_id\": \"5120\", \"phone\": \"555 0100\", \"phone_country_code\": 1,"
                     " \"live_room\": \"https://l\", \"replay_room\": \"https://r\","
                     " \"unsubscribe\": \"https://u\", \"revenue_live\": \"19.90\","
                     " \"email\": \"x@example.org\"}");
  g_autoptr(RosterRegistrant) numeric =
    registrant_from ("{\"phone_number\": 2071234567, \"phone\": \"ignored\","
                     " \"live_room_url\": \"https://l2\", \"links\": null}");
  g_autoptr(RosterRegistrant) empty_phone =
    registrant_from ("{\"phone_number\": \"\", \"phone\": \"123\","
                     " \"links\": {\"live_room\": \"\"}, \"live_room\": \"https://top\"}");

  g_assert_cmpint (roster_registrant_get_id (flat), ==, 841);
  g_assert_cmpint (roster_registrant_get_lead_id (flat), ==, 299);
  g_assert_cmpint (roster_registrant_get_schedule_id (flat), ==, 938);
  g_assert_cmpint (roster_registrant_get_event_id (flat), ==, 5120);
  g_assert_cmpstr (roster_registrant_get_phone (flat), ==, "555 0100");
  g_assert_cmpstr (roster_registrant_get_phone_country_code (flat), ==, "1");
  g_assert_cmpstr (roster_registrant_get_live_room_url (flat), ==, "https://l");
  g_assert_cmpstr (roster_registrant_get_replay_room_url (flat), ==, "https://r");
  g_assert_cmpstr (roster_registrant_get_unsubscribe_url (flat), ==, "https://u");
  g_assert_cmpfloat (roster_registrant_get_revenue_live (flat), ==, 19.9);
  g_assert_cmpstr (roster_registrant_get_display_name (flat), ==, "x@example.org");

  g_assert_cmpstr (roster_registrant_get_phone (numeric), ==, "2071234567");
  g_assert_cmpstr (roster_registrant_get_live_room_url (numeric), ==, "https://l2");
  g_assert_null (roster_registrant_get_unsubscribe_url (numeric));
  g_assert_cmpstr (roster_registrant_get_display_name (numeric), ==, "Unnamed registrant");

  g_assert_cmpstr (roster_registrant_get_phone (empty_phone), ==, "123");
  g_assert_cmpstr (roster_registrant_get_live_room_url (empty_phone), ==, "https://top");

  {
    g_autoptr(RosterRegistrant) last_only = registrant_from ("{\"last_name\": \"Hopper\"}");
    g_assert_cmpstr (roster_registrant_get_display_name (last_only), ==, "Hopper");
  }

  assert_protocol_error (registrant_new, "{\"links\": \"x\"}", "links");
  assert_protocol_error (registrant_new, "{\"links\": [\"https://l\"]}", "links");
  assert_protocol_error (registrant_new, "{\"links\": {\"live_room\": 5}}", "live_room");
  assert_protocol_error (registrant_new, "{\"id\": \"abc\"}", "id");
  assert_protocol_error (registrant_new, "{\"lead_id\": -1}", "lead_id");
  assert_protocol_error (registrant_new, "{\"lead_id\": 99999999999999999999}", "lead_id");
  assert_protocol_error (registrant_new, "{\"first_name\": 5}", "first_name");
  assert_protocol_error (registrant_new, "{\"email\": []}", "email");
  assert_protocol_error (registrant_new, "{\"phone\": true}", "phone");
  assert_protocol_error (registrant_new, "{\"revenue_live\": \"lots\"}", "revenue_live");
  assert_protocol_error (registrant_new, "[]", NULL);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_registrant_subscribed (void)
{
  g_autoptr(RosterRegistrant) r = registrant_from ("{\"subscribed\": \"Yes\"}");
  guint count = 0;

  g_signal_connect (r, "notify::subscribed", G_CALLBACK (notify_count_cb), &count);

  roster_registrant_set_subscribed (r, ROSTER_FLAG_YES);
  g_assert_cmpuint (count, ==, 0);
  roster_registrant_set_subscribed (r, ROSTER_FLAG_NO);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpint (roster_registrant_get_subscribed (r), ==, ROSTER_FLAG_NO);
  roster_registrant_set_subscribed (r, ROSTER_FLAG_NO);
  g_assert_cmpuint (count, ==, 1);
  g_object_set (r, "subscribed", ROSTER_FLAG_YES, NULL);
  g_assert_cmpuint (count, ==, 2);
  g_object_set (r, "subscribed", ROSTER_FLAG_YES, NULL);
  g_assert_cmpuint (count, ==, 2);

  {
    g_autoptr(GEnumClass) klass = g_type_class_ref (ROSTER_TYPE_FLAG);
    g_assert_cmpstr (g_enum_get_value (klass, ROSTER_FLAG_YES)->value_nick, ==, "yes");
  }
}

static void
test_page_paging (void)
{
  static const struct { const char *json; gboolean more; gint64 last, per, total; } cases[] = {
    /* only current_page and data are certain */
    { "{\"current_page\": 3, \"data\": [{}]}", FALSE, 0, 0, -1 },
    { "{\"current_page\": \"3\", \"data\": [{}], \"next_page_url\": \"https://x?page=4\"}",
      TRUE, 0, 0, -1 },
    { "{\"current_page\": 3, \"data\": [{}], \"next_page_url\": null, \"last_page\": 4}",
      TRUE, 4, 0, -1 },
    { "{\"current_page\": 25, \"data\": [{}], \"next_page_url\": null, \"last_page\": 25,"
      " \"per_page\": 50, \"total\": 1234}", FALSE, 25, 50, 1234 },
    { "{\"current_page\": 2, \"data\": [{}], \"next_page_url\": \"\", \"last_page\": \"2\"}",
      FALSE, 2, 0, -1 },
    /* an empty page stops paging whatever the rest says */
    { "{\"current_page\": 2, \"data\": [], \"next_page_url\": \"https://x\", \"last_page\": 9}",
      FALSE, 9, 0, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = node_from (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(RosterRegistrantPage) page = roster_registrant_page_new_from_json (node, &error);

      g_assert_no_error (error);
      if (roster_registrant_page_has_more (page) != cases[i].more)
        g_error ("%s: has_more should be %d", cases[i].json, cases[i].more);
      g_assert_cmpint (roster_registrant_page_get_last_page (page), ==, cases[i].last);
      g_assert_cmpint (roster_registrant_page_get_per_page (page), ==, cases[i].per);
      g_assert_cmpint (roster_registrant_page_get_total (page), ==, cases[i].total);
    }

  /* The vendor's flat shape: a bare array is one, last page. */
  {
    g_autoptr(JsonNode) node = node_from ("[{\"id\": 1}, {\"id\": 2}]");
    g_autoptr(GError) error = NULL;
    g_autoptr(RosterRegistrantPage) page = roster_registrant_page_new_from_json (node, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (roster_registrant_page_get_items (page)), ==, 2);
    g_assert_false (roster_registrant_page_has_more (page));
    g_assert_cmpint (roster_registrant_page_get_total (page), ==, 2);
  }

  assert_protocol_error (page_new, "{\"data\": []}", "current_page");
  assert_protocol_error (page_new, "{\"current_page\": 1}", "data");
  assert_protocol_error (page_new, "{\"current_page\": 1, \"data\": null}", "data");
  assert_protocol_error (page_new, "{\"current_page\": 1, \"data\": {}}", "data");
  assert_protocol_error (page_new, "{\"current_page\": 1, \"data\": \"x\"}", "data");
  assert_protocol_error (page_new, "{\"current_page\": 1, \"data\": [5]}", "data");
  assert_protocol_error (page_new, "{\"current_page\": 1, \"data\": [{}, []]}", "data");
  assert_protocol_error (page_new, "{\"current_page\": \"one\", \"data\": []}", "current_page");
  assert_protocol_error (page_new, "{\"current_page\": 1, \"total\": \"many\", \"data\": []}",
                         "total");
  assert_protocol_error (page_new, "{\"current_page\": 1, \"next_page_url\": 2, \"data\": []}",
                         "next_page_url");
  assert_protocol_error (page_new, "\"registrants\"", "registrants");
  assert_protocol_error (page_new, "[1]", "data");
}

/* ---- register --------------------------------------------------------------------------- */

static void
test_registration (void)
{
  static const char user_example[] =
    "{\"webinar_id\": 12, \"webinar_hash\": \"a1b2c3\", \"user_id\": 70001,"
    " \"first_name\": \"Ada\", \"last_name\": \"Lovelace\", \"phone_country_code\": \"+44\","
    " \"phone\": \"2071234567\", \"email\": \"ada@example.org\", \"password\": null,"
    " \"schedule\": 938, \"date\": \"2025-10-31 12:00\", \"timezone\": \"GMT+0\","
    " \"live_room_url\": \"https://example.org/live/u70001\","
    " \"replay_room_url\": \"https://example.org/replay/u70001\","
    " \"thank_you_url\": \"https://example.org/thanks/u70001\"}";
  g_autoptr(JsonNode) node = node_from (user_example);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistration) r = roster_registration_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_cmpint (roster_registration_get_webinar_id (r), ==, 12);
  g_assert_cmpstr (roster_registration_get_webinar_hash (r), ==, "a1b2c3");
  g_assert_cmpint (roster_registration_get_user_id (r), ==, 70001);
  g_assert_cmpstr (roster_registration_get_first_name (r), ==, "Ada");
  g_assert_cmpstr (roster_registration_get_last_name (r), ==, "Lovelace");
  g_assert_cmpstr (roster_registration_get_phone_country_code (r), ==, "+44");
  g_assert_cmpstr (roster_registration_get_phone (r), ==, "2071234567");
  g_assert_cmpstr (roster_registration_get_email (r), ==, "ada@example.org");
  g_assert_null (roster_registration_get_password (r));
  g_assert_cmpint (roster_registration_get_schedule (r), ==, 938);
  g_assert_cmpstr (roster_registration_get_schedule_text (r), ==, "938");
  g_assert_cmpstr (roster_registration_get_date (r), ==, "2025-10-31 12:00");
  g_assert_cmpstr (roster_registration_get_timezone (r), ==, "GMT+0");
  g_assert_cmpstr (roster_registration_get_live_room_url (r), ==, "https://example.org/live/u70001");
  g_assert_cmpstr (roster_registration_get_replay_room_url (r), ==,
                   "https://example.org/replay/u70001");
  g_assert_cmpstr (roster_registration_get_thank_you_url (r), ==,
                   "https://example.org/thanks/u70001");

  /* schedule as a string, or as text that is not an ID; IDs as strings; numeric phone */
  {
    g_autoptr(JsonNode) n2 = node_from ("{\"user_id\": \"70002\", \"webinar_id\": \"12\","
                                        " \"schedule\": \"939\", \"phone\": 2071234567,"
                                        " \"password\": \"s3cret\"}");
    g_autoptr(RosterRegistration) r2 = roster_registration_new_from_json (n2, &error);
    g_autoptr(JsonNode) n3 = node_from ("{\"user_id\": 3, \"schedule\": \"Instant replay\"}");
    g_autoptr(RosterRegistration) r3 = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (roster_registration_get_user_id (r2), ==, 70002);
    g_assert_cmpint (roster_registration_get_schedule (r2), ==, 939);
    g_assert_cmpstr (roster_registration_get_schedule_text (r2), ==, "939");
    g_assert_cmpstr (roster_registration_get_phone (r2), ==, "2071234567");
    g_assert_cmpstr (roster_registration_get_password (r2), ==, "s3cret");

    r3 = roster_registration_new_from_json (n3, &error);
    g_assert_no_error (error);
    g_assert_cmpint (roster_registration_get_schedule (r3), ==, 0);
    g_assert_cmpstr (roster_registration_get_schedule_text (r3), ==, "Instant replay");
  }

  assert_protocol_error (registration_new, "[]", "user");
  assert_protocol_error (registration_new, "{\"user_id\": \"x\"}", "user_id");
  assert_protocol_error (registration_new, "{\"user_id\": 99999999999999999999}", "user_id");
  assert_protocol_error (registration_new, "{\"email\": {}}", "email");
  assert_protocol_error (registration_new, "{\"schedule\": [938]}", "schedule");
}

/* ---- everything on junk ------------------------------------------------------------------ */

static void
test_hostile_everything (void)
{
  static const char * const junk[] = {
    "null", "0", "-1", "1e400", "\"\"", "\"x\"", "true", "[]", "{}", "[[]]", "[{}]", "[null]",
    "[\"Instant replay\"]", "{\"webinars\": 5}", "{\"schedules\": \"x\"}", "{\"data\": {}}",
    "{\"current_page\": 1, \"data\": [{\"links\": {\"live_room\": {\"a\": 1}}}]}",
    "{\"webinar_id\": 1, \"schedules\": [{\"schedule\": 99999999999999999999}]}",
    "{\"webinar_id\": 1, \"schedules\": [\"x\", {\"schedule\": 1}, null]}",
    "{\"webinar_id\": 1, \"presenters\": [null]}",
    "[{\"webinar_id\": 1, \"schedules\": [[[[[[]]]]]]}]",
    "{\"id\": 1e300, \"lead_id\": -0, \"signup_date\": -99999999999999999999}",
    "{\"time_live\": \"999999999:00:00\", \"date_live\": \"Fri, 99 Oct 99999, 99:99 PM\"}",
  };
  static const Constructor constructors[] = {
    webinar_list_new, webinar_new, schedule_new, presenter_new, registrant_new,
    registration_new, page_new,
  };

  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      g_autoptr(JsonNode) node = node_from (junk[i]);

      for (guint j = 0; j < G_N_ELEMENTS (constructors); j++)
        {
          g_autoptr(GError) error = NULL;
          gpointer result = constructors[j] (node, &error);

          if (result != NULL)
            {
              g_assert_no_error (error);
              if (constructors[j] == webinar_list_new)
                g_ptr_array_unref (result);
              else
                g_object_unref (result);
            }
          else
            g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL);
        }
    }
}

/* ---- Forms ------------------------------------------------------------------------------ */

static void
test_form_fields (void)
{
  g_autoptr(GHashTable) form = roster_form_new ();

  roster_form_add_int (form, "webinar_id", 42);
  roster_form_add_int (form, "offset", -7);
  roster_form_add_int (form, "big", G_MAXINT64);
  roster_form_add_string (form, "email", "a@example.org");
  roster_form_add_string (form, "blank", "");
  roster_form_add_string (form, "absent", NULL);

  g_assert_cmpuint (g_hash_table_size (form), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (form, "webinar_id"), ==, "42");
  g_assert_cmpstr (g_hash_table_lookup (form, "offset"), ==, "-7");
  g_assert_cmpstr (g_hash_table_lookup (form, "big"), ==, "9223372036854775807");
  g_assert_cmpstr (g_hash_table_lookup (form, "email"), ==, "a@example.org");
  g_assert_false (g_hash_table_contains (form, "blank"));
  g_assert_false (g_hash_table_contains (form, "absent"));
}

static void
test_form_register_params (void)
{
  g_autoptr(RosterRegisterParams) params = roster_register_params_new ();
  g_autoptr(GHashTable) form = roster_form_new ();

  params->webinar_id = 7;
  params->schedule_id = 12;
  params->first_name = g_strdup ("Ada");
  params->email = g_strdup ("ada@example.org");
  params->phone = g_strdup ("");
  params->timezone_id = 3;
  roster_register_params_add_to_form (params, form);

  g_assert_cmpstr (g_hash_table_lookup (form, "webinar_id"), ==, "7");
  g_assert_cmpstr (g_hash_table_lookup (form, "schedule"), ==, "12");
  g_assert_cmpstr (g_hash_table_lookup (form, "first_name"), ==, "Ada");
  g_assert_cmpstr (g_hash_table_lookup (form, "email"), ==, "ada@example.org");
  g_assert_cmpstr (g_hash_table_lookup (form, "timezone_id"), ==, "3");
  g_assert_false (g_hash_table_contains (form, "phone"));
  g_assert_false (g_hash_table_contains (form, "last_name"));
  g_assert_false (g_hash_table_contains (form, "twilio_consent"));
}

static void
test_form_registrant_filter (void)
{
  g_autoptr(RosterRegistrantFilter) filter = roster_registrant_filter_new ();
  g_autoptr(GHashTable) form = roster_form_new ();

  roster_registrant_filter_add_to_form (filter, form);
  g_assert_cmpuint (g_hash_table_size (form), ==, 0);

  filter->schedule_id = 5;
  filter->attended_live = 3;
  filter->attended_live_timestamp = 600;
  filter->search = g_strdup ("");
  roster_registrant_filter_add_to_form (filter, form);
  g_assert_cmpuint (g_hash_table_size (form), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (form, "schedule_id"), ==, "5");
  g_assert_cmpstr (g_hash_table_lookup (form, "attended_live"), ==, "3");
  g_assert_cmpstr (g_hash_table_lookup (form, "attended_live_timestamp"), ==, "600");

  g_free (filter->search);
  filter->search = g_strdup ("ada");
  roster_registrant_filter_add_to_form (filter, form);
  g_assert_cmpstr (g_hash_table_lookup (form, "search"), ==, "ada");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/models/webinar/list", test_webinar_list);
  g_test_add_func ("/models/webinar/details", test_webinar_details);
  g_test_add_func ("/models/webinar/webinarjam", test_webinar_webinarjam);
  g_test_add_func ("/models/webinar/hostile", test_webinar_hostile);
  g_test_add_func ("/models/schedule/kind", test_schedule_kind);
  g_test_add_func ("/models/json/dates", test_json_dates);
  g_test_add_func ("/models/json/durations", test_json_durations);
  g_test_add_func ("/models/json/numbers", test_json_numbers);
  g_test_add_func ("/models/json/limits", test_json_limits);
  g_test_add_func ("/models/registrant/documented", test_page_documented);
  g_test_add_func ("/models/registrant/fields", test_registrant_fields);
  g_test_add_func ("/models/registrant/flags", test_registrant_flags);
  g_test_add_func ("/models/registrant/dates", test_registrant_dates);
  g_test_add_func ("/models/registrant/variants", test_registrant_variants);
  g_test_add_func ("/models/registrant/subscribed", test_registrant_subscribed);
  g_test_add_func ("/models/page/paging", test_page_paging);
  g_test_add_func ("/models/registration/documented", test_registration);
  g_test_add_func ("/models/hostile/everything", test_hostile_everything);
  g_test_add_func ("/models/form/numbers-in-decimal-blanks-left-out", test_form_fields);
  g_test_add_func ("/models/form/register-params", test_form_register_params);
  g_test_add_func ("/models/form/registrant-filter", test_form_registrant_filter);

  return g_test_run ();
}
