/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-registrant.h"

G_BEGIN_DECLS

/* Sign-ups by where they came from: the registrants' UTM source, medium or campaign. */
typedef enum
{
  ROSTER_UTM_SOURCE,
  ROSTER_UTM_MEDIUM,
  ROSTER_UTM_CAMPAIGN,
} RosterUtmField;

typedef struct
{
  char     *value;     /* NULL: none given, or the rest (is_other) */
  guint     count;
  gboolean  is_other;  /* the values past the most common, added up */
} RosterUtmCount;

typedef struct
{
  guint           total;
  guint           n_counts;
  RosterUtmCount *counts;  /* the most first; ties by value, "none" last */
} RosterUtmStats;

RosterUtmStats *roster_utm_stats_new   (GListModel     *registrants,
                                        RosterUtmField  field,
                                        guint           max_values);
RosterUtmStats *roster_utm_stats_new_from_counts (const char * const *values,
                                                  const guint        *counts,
                                                  guint               n,
                                                  guint               max_values);
void            roster_utm_stats_free  (RosterUtmStats *self);
const char     *roster_utm_count_get_label (const RosterUtmCount *count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterUtmStats, roster_utm_stats_free)

G_END_DECLS
