/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-registrant.h"

G_BEGIN_DECLS

/* What a list of registrants adds up to: the counts of the summary and its funnel, and how many
 * signed up on each day (UTC) of the last days that have any. */
typedef struct
{
  guint   n_registered;
  guint   n_live;        /* attended the live session */
  guint   n_replay;      /* watched the replay */
  guint   n_bought;      /* bought in either */
  double  revenue;       /* live and replay together */
  gint64  first_day;     /* per_day[0] as days since 1970-01-01 UTC */
  guint   n_days;        /* 0: no sign-up date at all */
  guint  *per_day;       /* sign-ups on each day from first_day on */
  guint   peak_day;      /* the index of the first day with the most */
} RosterRegistrantStats;

RosterRegistrantStats *roster_registrant_stats_new           (GListModel                  *registrants,
                                                              guint                        max_days);
void                   roster_registrant_stats_free          (RosterRegistrantStats       *self);
GDateTime             *roster_registrant_stats_dup_day       (const RosterRegistrantStats *self,
                                                              guint                        day);
gboolean               roster_registrant_stats_has_bought    (RosterRegistrant            *registrant);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterRegistrantStats, roster_registrant_stats_free)

G_END_DECLS
