/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-segment"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-registrant-stats.h"
#include "roster-segment.h"

/* The `registrants` codes used here: attended 2 "did not attend", purchased 2 "did not buy". */
#define DID_NOT 2

G_DEFINE_BOXED_TYPE (RosterSegment, roster_segment, roster_segment_copy, roster_segment_free)

static RosterSegment *
segment_new (const char                   *id,
             const char                   *name,
             const RosterRegistrantFilter *filter,
             RosterSegmentRule             rule,
             gboolean                      builtin)
{
  RosterSegment *self = g_new0 (RosterSegment, 1);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->filter = filter != NULL ? roster_registrant_filter_copy (filter) : roster_registrant_filter_new ();
  self->rule = rule;
  self->builtin = builtin;
  return self;
}

/* A segment the user saved: these filters under this name. A schedule belongs to one webinar,
 * so it is not part of a segment, which any webinar can use. */
RosterSegment *
roster_segment_new (const char                   *name,
                    const RosterRegistrantFilter *filter)
{
  g_autofree char *id = NULL;
  RosterSegment *self;

  g_return_val_if_fail (name != NULL && *name != '\0', NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  id = g_strconcat ("saved:", name, NULL);
  self = segment_new (id, name, filter, ROSTER_SEGMENT_RULE_NONE, FALSE);
  self->filter->schedule_id = 0;
  return self;
}

RosterSegment *
roster_segment_copy (const RosterSegment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return segment_new (self->id, self->name, self->filter, self->rule, self->builtin);
}

void
roster_segment_free (RosterSegment *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  roster_registrant_filter_free (self->filter);
  g_free (self);
}

/**
 * roster_segment_get_builtins:
 *
 * The segments marketers build by hand today: "No-shows" (registered, attended neither live
 * nor the replay: the re-invite list) and "Watched but did not buy" (the follow-up list).
 *
 * Returns: (transfer container) (element-type RosterSegment): a new array
 */
GPtrArray *
roster_segment_get_builtins (void)
{
  GPtrArray *segments = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_segment_free);
  g_autoptr(RosterRegistrantFilter) no_show = roster_registrant_filter_new ();
  g_autoptr(RosterRegistrantFilter) no_sale = roster_registrant_filter_new ();

  no_show->attended_live = DID_NOT;
  no_show->attended_replay = DID_NOT;
  g_ptr_array_add (segments, segment_new ("no-shows", _("No-shows"), no_show,
                                          ROSTER_SEGMENT_RULE_NONE, TRUE));

  /* The API cannot ask for "live or replay": the server leaves out the buyers, the rule the
   * people who watched neither. */
  no_sale->purchased = DID_NOT;
  g_ptr_array_add (segments, segment_new ("watched-no-purchase", _("Watched but Did Not Buy"), no_sale,
                                          ROSTER_SEGMENT_RULE_WATCHED, TRUE));
  return segments;
}

static gboolean
attended (RosterRegistrant *r)
{
  return roster_registrant_get_attended_live (r) == ROSTER_FLAG_YES ||
         roster_registrant_get_attended_replay (r) == ROSTER_FLAG_YES;
}

/* Whether a row the server returned for the segment's filters belongs to it. The server's
 * answer is checked again where the row says, so that a server that ignored a filter does
 * not put a buyer on a list of people who did not buy. */
gboolean
roster_segment_matches (const RosterSegment *self,
                        RosterRegistrant    *r)
{
  const RosterRegistrantFilter *f;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ROSTER_IS_REGISTRANT (r), FALSE);

  f = self->filter;
  if (f->purchased == DID_NOT && roster_registrant_stats_has_bought (r))
    return FALSE;
  if (f->purchased == 1 && !roster_registrant_stats_has_bought (r))
    return FALSE;
  if (f->attended_live == DID_NOT && roster_registrant_get_attended_live (r) == ROSTER_FLAG_YES)
    return FALSE;
  if (f->attended_replay == DID_NOT && roster_registrant_get_attended_replay (r) == ROSTER_FLAG_YES)
    return FALSE;
  if (self->rule == ROSTER_SEGMENT_RULE_WATCHED && !attended (r))
    return FALSE;
  return TRUE;
}

gboolean
roster_registrant_filter_equal (const RosterRegistrantFilter *a,
                                const RosterRegistrantFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->schedule_id == b->schedule_id &&
         MAX (a->date_range, 0) == MAX (b->date_range, 0) &&
         MAX (a->attended_live, 0) == MAX (b->attended_live, 0) &&
         MAX (a->attended_replay, 0) == MAX (b->attended_replay, 0) &&
         MAX (a->attended_live_timestamp, -1) == MAX (b->attended_live_timestamp, -1) &&
         MAX (a->attended_replay_timestamp, -1) == MAX (b->attended_replay_timestamp, -1) &&
         MAX (a->purchased, 0) == MAX (b->purchased, 0) &&
         g_strcmp0 (a->search != NULL && *a->search != '\0' ? a->search : NULL,
                    b->search != NULL && *b->search != '\0' ? b->search : NULL) == 0;
}

/* Whether the view's filters are still this segment's (a schedule may narrow it further). */
gboolean
roster_segment_is_applied (const RosterSegment          *self,
                           const RosterRegistrantFilter *filter)
{
  g_autoptr(RosterRegistrantFilter) without_schedule = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  without_schedule = roster_registrant_filter_copy (filter);
  without_schedule->schedule_id = 0;
  return roster_registrant_filter_equal (self->filter, without_schedule);
}

/* As GSettings keeps a saved segment: a{sv} with the name and the filters that are set. */
GVariant *
roster_segment_to_variant (const RosterSegment *self)
{
  GVariantBuilder builder;
  const RosterRegistrantFilter *f;

  g_return_val_if_fail (self != NULL, NULL);

  f = self->filter;
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "name", g_variant_new_string (self->name));
  if (f->date_range > 0)
    g_variant_builder_add (&builder, "{sv}", "date-range", g_variant_new_int32 (f->date_range));
  if (f->attended_live > 0)
    g_variant_builder_add (&builder, "{sv}", "attended-live", g_variant_new_int32 (f->attended_live));
  if (f->attended_replay > 0)
    g_variant_builder_add (&builder, "{sv}", "attended-replay", g_variant_new_int32 (f->attended_replay));
  if (f->attended_live_timestamp >= 0)
    g_variant_builder_add (&builder, "{sv}", "attended-live-timestamp", g_variant_new_int64 (f->attended_live_timestamp));
  if (f->attended_replay_timestamp >= 0)
    g_variant_builder_add (&builder, "{sv}", "attended-replay-timestamp", g_variant_new_int64 (f->attended_replay_timestamp));
  if (f->purchased > 0)
    g_variant_builder_add (&builder, "{sv}", "purchased", g_variant_new_int32 (f->purchased));
  if (f->search != NULL && *f->search != '\0')
    g_variant_builder_add (&builder, "{sv}", "search", g_variant_new_string (f->search));
  return g_variant_builder_end (&builder);
}

/* NULL for a dictionary without a name or with filters the API does not have (an older or
 * hand-edited setting): it is left out rather than sent. */
RosterSegment *
roster_segment_new_from_variant (GVariant *variant)
{
  g_autoptr(GVariantDict) dict = NULL;
  g_autoptr(RosterRegistrantFilter) filter = roster_registrant_filter_new ();
  const char *name = NULL;

  g_return_val_if_fail (variant != NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT))
    return NULL;
  dict = g_variant_dict_new (variant);
  if (!g_variant_dict_lookup (dict, "name", "&s", &name) || *name == '\0')
    return NULL;
  g_variant_dict_lookup (dict, "date-range", "i", &filter->date_range);
  g_variant_dict_lookup (dict, "attended-live", "i", &filter->attended_live);
  g_variant_dict_lookup (dict, "attended-replay", "i", &filter->attended_replay);
  g_variant_dict_lookup (dict, "attended-live-timestamp", "x", &filter->attended_live_timestamp);
  g_variant_dict_lookup (dict, "attended-replay-timestamp", "x", &filter->attended_replay_timestamp);
  g_variant_dict_lookup (dict, "purchased", "i", &filter->purchased);
  g_variant_dict_lookup (dict, "search", "s", &filter->search);
  if (!roster_registrant_filter_validate (filter, NULL))
    return NULL;
  return roster_segment_new (name, filter);
}
