/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrant-stats"

#include "config.h"

#include "roster-registrant-stats.h"

#define SECONDS_PER_DAY 86400

gboolean
roster_registrant_stats_has_bought (RosterRegistrant *registrant)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANT (registrant), FALSE);

  return roster_registrant_get_purchased_live (registrant) == ROSTER_FLAG_YES ||
         roster_registrant_get_purchased_replay (registrant) == ROSTER_FLAG_YES;
}

/* Counts everything in one pass; the histogram covers at most the last max_days days that
 * have a sign-up, so that one stray old date does not squeeze the chart to nothing. */
RosterRegistrantStats *
roster_registrant_stats_new (GListModel *registrants,
                             guint       max_days)
{
  RosterRegistrantStats *self;
  g_autofree gint64 *days = NULL;
  gint64 first_day = G_MAXINT64, last_day = G_MININT64;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (registrants), NULL);
  g_return_val_if_fail (max_days > 0, NULL);

  self = g_new0 (RosterRegistrantStats, 1);
  n = g_list_model_get_n_items (registrants);
  days = g_new (gint64, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (registrants, i);
      gint64 t = roster_registrant_get_signup_time (r);

      self->n_live += roster_registrant_get_attended_live (r) == ROSTER_FLAG_YES;
      self->n_replay += roster_registrant_get_attended_replay (r) == ROSTER_FLAG_YES;
      self->n_bought += roster_registrant_stats_has_bought (r);
      self->revenue += roster_registrant_get_revenue_live (r) + roster_registrant_get_revenue_replay (r);

      /* A missing or unreadable date is negative. */
      days[i] = t >= 0 ? t / SECONDS_PER_DAY : -1;
      if (t >= 0)
        {
          first_day = MIN (first_day, days[i]);
          last_day = MAX (last_day, days[i]);
        }
    }
  self->n_registered = n;

  if (last_day >= first_day)
    {
      first_day = MAX (first_day, last_day - (gint64) max_days + 1);
      self->first_day = first_day;
      self->n_days = (guint) (last_day - first_day + 1);
      self->per_day = g_new0 (guint, self->n_days);
      for (guint i = 0; i < n; i++)
        if (days[i] >= first_day)
          self->per_day[days[i] - first_day]++;
      for (guint d = 1; d < self->n_days; d++)
        if (self->per_day[d] > self->per_day[self->peak_day])
          self->peak_day = d;
    }

  return self;
}

void
roster_registrant_stats_free (RosterRegistrantStats *self)
{
  if (self == NULL)
    return;

  g_free (self->per_day);
  g_free (self);
}

/* The start of one day of the histogram, in UTC. */
GDateTime *
roster_registrant_stats_dup_day (const RosterRegistrantStats *self,
                                 guint                        day)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (day < self->n_days, NULL);

  return g_date_time_new_from_unix_utc ((self->first_day + day) * SECONDS_PER_DAY);
}
