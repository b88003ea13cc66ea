/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-registrant-format"

#include "config.h"

#include <locale.h>

#include "roster-registrant-format.h"
#include "roster-test-fake.h"

/* A registrant's fields as people read them in the table, the details pane and the summary:
 * attendance with the time in the room, purchases with their revenue, money with its currency,
 * and the personal links. The registrants are parsed from the API's JSON as the client parses
 * them. The tests run in the C locale, so counts have no thousands separator. */

static void
test_numbers (void)
{
  g_autofree char *count = roster_registrant_format_count (2400);
  g_autofree char *duration = roster_registrant_format_duration (2730, "00:45:30");
  g_autofree char *long_duration = roster_registrant_format_duration (3 * 3600 + 5, NULL);
  g_autofree char *raw = roster_registrant_format_duration (-1, "soon");
  g_autofree char *none = roster_registrant_format_duration (-1, NULL);

  g_assert_cmpstr (count, ==, "2400");
  g_assert_cmpstr (duration, ==, "0:45:30");
  g_assert_cmpstr (long_duration, ==, "3:00:05");
  /* Seconds that could not be read: the server's own text */
  g_assert_cmpstr (raw, ==, "soon");
  g_assert_cmpstr (none, ==, "");
}

static void
test_money (void)
{
  g_autofree char *whole = roster_registrant_format_money (97, "USD");
  g_autofree char *cents = roster_registrant_format_money (12.5, "EUR");
  g_autofree char *bare = roster_registrant_format_money (97, NULL);
  g_autofree char *empty_code = roster_registrant_format_money (0, "");

  g_assert_cmpstr (whole, ==, "97 USD");
  g_assert_cmpstr (cents, ==, "12.50 EUR");
  /* Said plainly: a bare amount reads as dollars to some and euros to others */
  g_assert_cmpstr (bare, ==, "97 (currency unknown)");
  /* Nothing is unknown about nothing */
  g_assert_cmpstr (empty_code, ==, "0");
}

/* The locale's separators: 81,011 in the US is 81.011 in Germany. */
static void
test_money_locale (void)
{
  struct {
    const char *locale;
    double      amount;
    const char *currency;
    const char *expected;
  } cases[] = {
    { "en_US.UTF-8", 81011, "USD", "81,011 USD" },
    { "en_US.UTF-8", 1234.5, "EUR", "1,234.50 EUR" },
    { "en_US.UTF-8", 81011, NULL, "81,011 (currency unknown)" },
    { "de_DE.UTF-8", 81011, "EUR", "81.011 EUR" },
    { "de_DE.UTF-8", 1234.5, "EUR", "1.234,50 EUR" },
    { "de_DE.UTF-8", 497, "", "497 (currency unknown)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;

      /* build-aux/install-deps.sh generates both locales */
      g_assert_nonnull (setlocale (LC_NUMERIC, cases[i].locale));
      text = roster_registrant_format_money (cases[i].amount, cases[i].currency);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  setlocale (LC_NUMERIC, "C");
}

/* "All Fields" names every member in words, documented or not. */
static void
test_field_labels (void)
{
  struct {
    const char *name;
    const char *label;
  } cases[] = {
    { "lead_id", "Lead ID" },
    { "gdpr_status", "GDPR Status" },
    { "utm_source", "UTM Source" },
    { "ip", "IP Address" },
    { "links.live_room", "Live Room Link" },
    { "replay_room", "Replay Room Link" },
    { "signup_date", "Signed Up" },
    /* Not in the API page: its words, capitalised */
    { "favourite_color", "Favourite Color" },
    { "extra.shoe_size", "Shoe Size" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = roster_registrant_field_label (cases[i].name);

      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static void
test_attendance (void)
{
  g_autoptr(RosterRegistrant) came = roster_test_registrant_from_json ("{\"attended_live\": \"Yes\", \"time_live\": \"00:45:30\","
                                                      " \"attended_replay\": \"No\"}");
  g_autoptr(RosterRegistrant) no_time = roster_test_registrant_from_json ("{\"attended_live\": \"Yes\", \"time_live\": \"\"}");
  g_autoptr(RosterRegistrant) unknown = roster_test_registrant_from_json ("{}");
  g_autofree char *live = roster_registrant_format_live (came);
  g_autofree char *replay = roster_registrant_format_replay (came);
  g_autofree char *live_no_time = roster_registrant_format_live (no_time);
  g_autofree char *live_unknown = roster_registrant_format_live (unknown);

  g_assert_cmpstr (live, ==, "Yes, 0:45:30");
  g_assert_cmpstr (replay, ==, "No");
  g_assert_cmpstr (live_no_time, ==, "Yes");
  /* The server did not say: nothing, not "No" */
  g_assert_cmpstr (live_unknown, ==, "");
  g_assert_cmpstr (roster_registrant_format_flag (ROSTER_FLAG_YES), ==, "Yes");
  g_assert_cmpstr (roster_registrant_format_flag (ROSTER_FLAG_NO), ==, "No");
  g_assert_cmpstr (roster_registrant_format_flag (ROSTER_FLAG_UNKNOWN), ==, "");
}

static void
test_purchased (void)
{
  struct {
    const char *json;
    const char *currency;
    const char *expected;
  } cases[] = {
    { "{\"purchased_live\": \"Yes\", \"purchased_replay\": \"Yes\", \"revenue_live\": 97, \"revenue_replay\": 47}",
      "USD", "Live and replay, 144 USD" },
    { "{\"purchased_live\": \"Yes\", \"purchased_replay\": \"No\", \"revenue_live\": 97}", "USD", "Live, 97 USD" },
    { "{\"purchased_live\": \"No\", \"purchased_replay\": \"Yes\", \"revenue_replay\": 9.99}", NULL,
      "Replay, 9.99 (currency unknown)" },
    { "{\"purchased_live\": \"No\", \"purchased_replay\": \"No\"}", "USD", "No" },
    /* One of the two known is enough to say "No" */
    { "{\"purchased_live\": \"No\"}", "USD", "No" },
    { "{}", "USD", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RosterRegistrant) r = roster_test_registrant_from_json (cases[i].json);
      g_autofree char *text = roster_registrant_format_purchased (r, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_phone (void)
{
  g_autoptr(RosterRegistrant) both = roster_test_registrant_from_json ("{\"phone_country_code\": \"+44\", \"phone_number\": \"2071234567\"}");
  g_autoptr(RosterRegistrant) number = roster_test_registrant_from_json ("{\"phone_number\": \"2071234567\"}");
  g_autoptr(RosterRegistrant) none = roster_test_registrant_from_json ("{\"phone_country_code\": \"+44\"}");
  g_autofree char *both_text = roster_registrant_format_phone (both);
  g_autofree char *number_text = roster_registrant_format_phone (number);
  g_autofree char *none_text = roster_registrant_format_phone (none);

  g_assert_cmpstr (both_text, ==, "+44 2071234567");
  g_assert_cmpstr (number_text, ==, "2071234567");
  g_assert_cmpstr (none_text, ==, "");
}

static void
test_links (void)
{
  g_autoptr(RosterRegistrant) r =
    roster_test_registrant_from_json ("{\"links\": {\"live_room\": \"https://example.org/live/ada\", \"replay_room\": \"\"}}");

  g_assert_cmpstr (roster_registrant_link_get_id (ROSTER_REGISTRANT_LINK_LIVE), ==, "live");
  g_assert_cmpstr (roster_registrant_link_get_id (ROSTER_REGISTRANT_LINK_REPLAY), ==, "replay");
  g_assert_cmpstr (roster_registrant_link_get_id (ROSTER_REGISTRANT_LINK_UNSUBSCRIBE), ==, "unsubscribe");
  g_assert_cmpstr (roster_registrant_link_get_title (ROSTER_REGISTRANT_LINK_REPLAY), ==, "Replay Room");
  g_assert_cmpstr (roster_registrant_link_get_copy_label (ROSTER_REGISTRANT_LINK_LIVE), ==, "Copy Live Room Link");
  g_assert_cmpstr (roster_registrant_link_get_url (ROSTER_REGISTRANT_LINK_LIVE, r), ==, "https://example.org/live/ada");
  /* Empty or missing: no link at all, so that no one offers to copy nothing */
  g_assert_null (roster_registrant_link_get_url (ROSTER_REGISTRANT_LINK_REPLAY, r));
  g_assert_null (roster_registrant_link_get_url (ROSTER_REGISTRANT_LINK_UNSUBSCRIBE, r));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/registrant-format/numbers", test_numbers);
  g_test_add_func ("/registrant-format/money", test_money);
  g_test_add_func ("/registrant-format/money-locale", test_money_locale);
  g_test_add_func ("/registrant-format/field-labels", test_field_labels);
  g_test_add_func ("/registrant-format/attendance", test_attendance);
  g_test_add_func ("/registrant-format/purchased", test_purchased);
  g_test_add_func ("/registrant-format/phone", test_phone);
  g_test_add_func ("/registrant-format/links", test_links);

  return g_test_run ();
}
