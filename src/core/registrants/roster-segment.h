/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "roster-registrant.h"
#include "roster-registrant-filter.h"

G_BEGIN_DECLS

/* A segment: a named set of registrant filters, one click away in the registrants view. The
 * API's filters go to the server; what they cannot say ("attended live or replay") is a local
 * rule over the rows that come back. */

typedef enum
{
  ROSTER_SEGMENT_RULE_NONE,     /* the server's filters say it all */
  ROSTER_SEGMENT_RULE_WATCHED,  /* attended live or watched the replay */
} RosterSegmentRule;

typedef struct
{
  char                   *id;      /* "no-shows", or "saved:<name>" */
  char                   *name;    /* for people */
  RosterRegistrantFilter *filter;
  RosterSegmentRule       rule;
  gboolean                builtin;
} RosterSegment;

#define ROSTER_TYPE_SEGMENT (roster_segment_get_type ())

GType          roster_segment_get_type     (void) G_GNUC_CONST;
RosterSegment *roster_segment_new          (const char                   *name,
                                            const RosterRegistrantFilter *filter);
RosterSegment *roster_segment_copy         (const RosterSegment          *self);
void           roster_segment_free         (RosterSegment                *self);
GPtrArray     *roster_segment_get_builtins (void);
gboolean       roster_segment_matches      (const RosterSegment          *self,
                                            RosterRegistrant             *registrant);
gboolean       roster_segment_is_applied   (const RosterSegment          *self,
                                            const RosterRegistrantFilter *filter);
GVariant      *roster_segment_to_variant   (const RosterSegment          *self);
RosterSegment *roster_segment_new_from_variant (GVariant                 *variant);

gboolean       roster_registrant_filter_equal (const RosterRegistrantFilter *a,
                                               const RosterRegistrantFilter *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterSegment, roster_segment_free)

G_END_DECLS
