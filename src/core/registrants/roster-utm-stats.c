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

/* Counts being made: one per value, case and spaces aside. */
typedef struct
{
  GHashTable *index;   /* casefolded value -> position in counts */
  GArray     *counts;  /* RosterUtmCount */
  guint       none;    /* position of the count without a value, G_MAXUINT before one */
  guint       total;
} Counting;

static void
counting_add (Counting   *counting,
              const char *value,
              guint       count)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value != NULL ? value : ""));
  g_autofree char *key = NULL;
  gpointer slot;

  counting->total += count;
  if (*stripped == '\0')
    {
      if (counting->none == G_MAXUINT)
        {
          RosterUtmCount c = { NULL, 0, FALSE };

          counting->none = counting->counts->len;
          g_array_append_val (counting->counts, c);
        }
      g_array_index (counting->counts, RosterUtmCount, counting->none).count += count;
      return;
    }
  key = g_utf8_casefold (stripped, -1);
  if (g_hash_table_lookup_extended (counting->index, key, NULL, &slot))
    {
      g_array_index (counting->counts, RosterUtmCount, GPOINTER_TO_UINT (slot)).count += count;
      return;
    }
  {
    RosterUtmCount c = { g_steal_pointer (&stripped), count, FALSE };

    g_hash_table_insert (counting->index, g_steal_pointer (&key), GUINT_TO_POINTER (counting->counts->len));
    g_array_append_val (counting->counts, c);
  }
}

static RosterUtmStats *
counting_end (Counting *counting,
              guint     max_values)
{
  g_autoptr(GArray) counts = counting->counts;
  RosterUtmStats *self = g_new0 (RosterUtmStats, 1);

  g_hash_table_unref (counting->index);
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
  self->total = counting->total;
  self->n_counts = counts->len;
  self->counts = (RosterUtmCount *) g_array_free (g_steal_pointer (&counts), FALSE);
  return self;
}

static void
counting_begin (Counting *counting)
{
  counting->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  counting->counts = g_array_new (FALSE, TRUE, sizeof (RosterUtmCount));
  counting->none = G_MAXUINT;
  counting->total = 0;
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
  Counting counting;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (registrants), NULL);
  g_return_val_if_fail (max_values > 0, NULL);

  counting_begin (&counting);
  n = g_list_model_get_n_items (registrants);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (registrants, i);

      counting_add (&counting, utm_value (r, field), 1);
    }
  return counting_end (&counting, max_values);
}

/**
 * roster_utm_stats_new_from_counts:
 * @values: (array length=n): values as counted elsewhere (by SQL); NULL for none
 * @counts: (array length=n): how many have each
 *
 * The same stats from counts made elsewhere: values that differ only in case and spaces are
 * added up, as roster_utm_stats_new() does.
 */
RosterUtmStats *
roster_utm_stats_new_from_counts (const char * const *values,
                                  const guint        *counts,
                                  guint               n,
                                  guint               max_values)
{
  Counting counting;

  g_return_val_if_fail (n == 0 || (values != NULL && counts != NULL), NULL);
  g_return_val_if_fail (max_values > 0, NULL);

  counting_begin (&counting);
  for (guint i = 0; i < n; i++)
    counting_add (&counting, values[i], counts[i]);
  return counting_end (&counting, max_values);
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
