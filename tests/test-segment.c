/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-segment"

#include "config.h"

#include "roster-segment.h"
#include "roster-test-fake.h"

/* Segments without a display: what the built-in ones ask the server for, the rows their local
 * rule keeps (registrants parsed as the client parses them), and a saved segment's round trip
 * through the variant GSettings keeps. */

static RosterSegment *
builtin (const char *id)
{
  g_autoptr(GPtrArray) all = roster_segment_get_builtins ();

  for (guint i = 0; i < all->len; i++)
    {
      RosterSegment *segment = g_ptr_array_index (all, i);

      if (g_str_equal (segment->id, id))
        return roster_segment_copy (segment);
    }
  g_assert_not_reached ();
}

static void
test_builtins (void)
{
  g_autoptr(RosterSegment) no_shows = builtin ("no-shows");
  g_autoptr(RosterSegment) no_sale = builtin ("watched-no-purchase");
  struct {
    const char *json;
    gboolean    no_show;
    gboolean    watched_no_sale;
  } cases[] = {
    { "{\"attended_live\": \"No\", \"attended_replay\": \"No\", \"purchased_live\": \"No\"}", TRUE, FALSE },
    { "{\"attended_live\": \"Yes\", \"attended_replay\": \"No\", \"purchased_live\": \"No\"}", FALSE, TRUE },
    { "{\"attended_live\": 0, \"attended_replay\": 1, \"purchased_replay\": false}", FALSE, TRUE },
    { "{\"attended_live\": \"Yes\", \"purchased_live\": \"Yes\", \"revenue_live\": 97}", FALSE, FALSE },
    { "{\"attended_live\": \"No\", \"attended_replay\": \"Yes\", \"purchased_replay\": \"Yes\"}", FALSE, FALSE },
  };

  g_assert_true (no_shows->builtin);
  g_assert_cmpint (no_shows->filter->attended_live, ==, 2);
  g_assert_cmpint (no_shows->filter->attended_replay, ==, 2);
  g_assert_cmpint (no_shows->filter->purchased, ==, -1);
  g_assert_cmpstr (no_shows->name, ==, "No-shows");
  /* The API cannot ask for live or replay: it is asked for who did not buy */
  g_assert_cmpint (no_sale->filter->purchased, ==, 2);
  g_assert_cmpint (no_sale->filter->attended_live, ==, -1);
  g_assert_cmpint (no_sale->rule, ==, ROSTER_SEGMENT_RULE_WATCHED);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RosterRegistrant) r = roster_test_registrant_from_json (cases[i].json);

      g_assert_cmpint (roster_segment_matches (no_shows, r), ==, cases[i].no_show);
      g_assert_cmpint (roster_segment_matches (no_sale, r), ==, cases[i].watched_no_sale);
    }
}

static void
test_applied (void)
{
  g_autoptr(RosterSegment) no_shows = builtin ("no-shows");
  g_autoptr(RosterRegistrantFilter) filter = roster_registrant_filter_copy (no_shows->filter);

  g_assert_true (roster_segment_is_applied (no_shows, filter));
  /* A schedule narrows a segment; it stays applied */
  filter->schedule_id = 938;
  g_assert_true (roster_segment_is_applied (no_shows, filter));
  /* Another filter is another list */
  filter->purchased = 1;
  g_assert_false (roster_segment_is_applied (no_shows, filter));
  /* "Not sent" and 0 ("everyone") ask the same */
  filter->purchased = 0;
  g_assert_true (roster_segment_is_applied (no_shows, filter));
  filter->search = g_strdup ("ada");
  g_assert_false (roster_segment_is_applied (no_shows, filter));
}

static void
test_saved (void)
{
  g_autoptr(RosterRegistrantFilter) filter = roster_registrant_filter_new ();
  g_autoptr(RosterSegment) saved = NULL;
  g_autoptr(RosterSegment) back = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) bad = NULL;

  filter->schedule_id = 938;
  filter->date_range = 5;
  filter->attended_live = 3;
  filter->attended_live_timestamp = 600;
  filter->purchased = 1;
  filter->search = g_strdup ("example.org");
  saved = roster_segment_new ("Stayed 10 min, bought", filter);
  g_assert_false (saved->builtin);
  g_assert_cmpstr (saved->id, ==, "saved:Stayed 10 min, bought");
  /* A schedule is one webinar's: a segment serves every webinar */
  g_assert_cmpint (saved->filter->schedule_id, ==, 0);

  variant = g_variant_ref_sink (roster_segment_to_variant (saved));
  back = roster_segment_new_from_variant (variant);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->name, ==, "Stayed 10 min, bought");
  g_assert_true (roster_registrant_filter_equal (back->filter, saved->filter));
  g_assert_cmpint (back->filter->attended_live_timestamp, ==, 600);
  g_assert_cmpstr (back->filter->search, ==, "example.org");

  /* Hand-edited settings: no name, or a code the API does not have */
  bad = g_variant_ref_sink (g_variant_new_parsed ("{'purchased': <1>}"));
  g_assert_null (roster_segment_new_from_variant (bad));
  g_clear_pointer (&bad, g_variant_unref);
  bad = g_variant_ref_sink (g_variant_new_parsed ("{'name': <'x'>, 'purchased': <7>}"));
  g_assert_null (roster_segment_new_from_variant (bad));
  g_clear_pointer (&bad, g_variant_unref);
  bad = g_variant_ref_sink (g_variant_new_parsed ("{'name': <'x'>, 'purchased': <'yes'>}"));
  g_clear_pointer (&back, roster_segment_free);
  back = roster_segment_new_from_variant (bad);
  /* A value of the wrong type is not read: the segment keeps its name and asks for everyone */
  g_assert_nonnull (back);
  g_assert_cmpint (back->filter->purchased, ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/segment/builtins", test_builtins);
  g_test_add_func ("/segment/applied", test_applied);
  g_test_add_func ("/segment/saved", test_saved);

  return g_test_run ();
}
