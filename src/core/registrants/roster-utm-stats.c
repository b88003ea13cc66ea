/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-utm-stats"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-utm-stats.h"

/* Values differ in case and spaces between links ("Facebook", "facebook "); they count as one,
 * under the spelling seen first. */

static const char *
utm_value (RosterRegistrant *r,
           RosterUtmField    field)
{
  switch (field)
    {
    case ROSTER_UTM_MEDIUM:
      return roster_registrant_get_utm_medium (r);
    case ROSTER_UTM_CAMPAIGN:
      return roster_registrant_get_utm_campaign (r);
    case ROSTER_UTM_SOURCE:
    default:
      return roster_registrant_get_utm_source (r);
    }
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const RosterUtmCount *x = a, *y = b;

  /* Most first; "none" after every named value of the same count */
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if ((x->value == NULL) != (y->value == NULL))
    return x->value == NULL ? 1 : -1;
  return g_strcmp0 (x->value, y->value);
}

/**
 * roster_utm_stats_new:
 * @max_values: how many values to keep; the rest add up to one "Other" count
 *
 * Counts the registrants by one UTM field.
 */
RosterUtmStats *
roster_utm_stats_new (GListModel     *registrants,
                      RosterUtmField  field,
                      guint           max_values)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (RosterUtmCount));
  RosterUtmStats *self;
  guint n, none = G_MAXUINT;

  g_return_val_if_fail (G_IS_LIST_MODEL (registrants), NULL);
  g_return_val_if_fail (max_values > 0, NULL);

  self = g_new0 (RosterUtmStats, 1);
  n = g_list_model_get_n_items (registrants);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (registrants, i);
      const char *value = utm_value (r, field);
      g_autofree char *stripped = g_strstrip (g_strdup (value != NULL ? value : ""));
      g_autofree char *key = g_utf8_casefold (stripped, -1);
      gpointer slot;

      self->total++;
      if (*stripped == '\0')
        {
          if (none == G_MAXUINT)
            {
              RosterUtmCount c = { NULL, 0, FALSE };

              none = counts->len;
              g_array_append_val (counts, c);
            }
          g_array_index (counts, RosterUtmCount, none).count++;
          continue;
        }
      if (g_hash_table_lookup_extended (index, key, NULL, &slot))
        {
          g_array_index (counts, RosterUtmCount, GPOINTER_TO_UINT (slot)).count++;
          continue;
        }
      {
        RosterUtmCount c = { g_steal_pointer (&stripped), 1, FALSE };

        g_hash_table_insert (index, g_steal_pointer (&key), GUINT_TO_POINTER (counts->len));
        g_array_append_val (counts, c);
      }
    }

  g_array_sort (counts, compare_counts);
  if (counts->len > max_values)
    {
      RosterUtmCount other = { NULL, 0, TRUE };

      /* The first max_values - 1 by name, the rest as one */
      for (guint i = max_values - 1; i < counts->len; i++)
        {
          other.count += g_array_index (counts, RosterUtmCount, i).count;
          g_free (g_array_index (counts, RosterUtmCount, i).value);
        }
      g_array_set_size (counts, max_values - 1);
      g_array_append_val (counts, other);
    }
  self->n_counts = counts->len;
  self->counts = (RosterUtmCount *) g_array_free (g_steal_pointer (&counts), FALSE);
  return self;
}

void
roster_utm_stats_free (RosterUtmStats *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_counts; i++)
    g_free (self->counts[i].value);
  g_free (self->counts);
  g_free (self);
}

/* For people: the value, "Other", or "None" for sign-ups that came without one */
const char *
roster_utm_count_get_label (const RosterUtmCount *count)
{
  g_return_val_if_fail (count != NULL, NULL);

  if (count->is_other)
    /* Translators: the UTM values too few to show one by one, added up */
    return C_("utm", "Other");
  if (count->value == NULL)
    /* Translators: sign-ups whose link had no UTM source (or medium, or campaign) */
    return C_("utm", "None");
  return count->value;
}
