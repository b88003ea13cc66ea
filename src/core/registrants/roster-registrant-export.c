/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrant-export"

#include "config.h"

#include "roster-registrant-export.h"

static const char * const columns[] = {
  "lead_id", "first_name", "last_name", "email", "phone_country_code", "phone",
  "schedule", "signup_date", "attended_live", "time_live", "attended_replay", "time_replay",
  "purchased_live", "revenue_live", "purchased_replay", "revenue_replay", "subscribed",
  "live_room_url", "replay_room_url", "unsubscribe_url",
  NULL
};

const char * const *
roster_registrant_export_get_columns (void)
{
  return columns;
}

static char *
flag_text (RosterFlag flag)
{
  switch (flag)
    {
    case ROSTER_FLAG_YES:
      return g_strdup ("yes");
    case ROSTER_FLAG_NO:
      return g_strdup ("no");
    case ROSTER_FLAG_UNKNOWN:
    default:
      return g_strdup ("");
    }
}

static char *
money_text (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* A dot, whatever the locale, so that the file reads the same everywhere. */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
}

/* The values of one registrant, in the order of roster_registrant_export_get_columns(). */
char **
roster_registrant_export_values (RosterRegistrant *r)
{
  GPtrArray *values;

  g_return_val_if_fail (ROSTER_IS_REGISTRANT (r), NULL);

  values = g_ptr_array_new ();
  g_ptr_array_add (values, g_strdup_printf ("%" G_GINT64_FORMAT, roster_registrant_get_lead_id (r)));
  g_ptr_array_add (values, g_strdup (roster_registrant_get_first_name (r) ?: ""));
  g_ptr_array_add (values, g_strdup (roster_registrant_get_last_name (r) ?: ""));
  g_ptr_array_add (values, g_strdup (roster_registrant_get_email (r) ?: ""));
  g_ptr_array_add (values, g_strdup (roster_registrant_get_phone_country_code (r) ?: ""));
  g_ptr_array_add (values, g_strdup (roster_registrant_get_phone (r) ?: ""));
  g_ptr_array_add (values, g_strdup (roster_registrant_get_schedule (r) ?: ""));
  g_ptr_array_add (values, g_strdup (roster_registrant_get_signup_date (r) ?: ""));
  g_ptr_array_add (values, flag_text (roster_registrant_get_attended_live (r)));
  g_ptr_array_add (values, g_strdup (roster_registrant_get_time_live (r) ?: ""));
  g_ptr_array_add (values, flag_text (roster_registrant_get_attended_replay (r)));
  g_ptr_array_add (values, g_strdup (roster_registrant_get_time_replay (r) ?: ""));
  g_ptr_array_add (values, flag_text (roster_registrant_get_purchased_live (r)));
  g_ptr_array_add (values, money_text (roster_registrant_get_revenue_live (r)));
  g_ptr_array_add (values, flag_text (roster_registrant_get_purchased_replay (r)));
  g_ptr_array_add (values, money_text (roster_registrant_get_revenue_replay (r)));
  g_ptr_array_add (values, flag_text (roster_registrant_get_subscribed (r)));
  g_ptr_array_add (values, g_strdup (roster_registrant_get_live_room_url (r) ?: ""));
  g_ptr_array_add (values, g_strdup (roster_registrant_get_replay_room_url (r) ?: ""));
  g_ptr_array_add (values, g_strdup (roster_registrant_get_unsubscribe_url (r) ?: ""));

  g_assert (values->len == G_N_ELEMENTS (columns) - 1);
  g_ptr_array_add (values, NULL);

  return (char **) g_ptr_array_free (values, FALSE);
}

/* The whole model as CSV, with a header row. */
GString *
roster_registrant_export_csv (GListModel *registrants,
                              gboolean    with_bom)
{
  g_autoptr(RosterCsvWriter) writer = roster_csv_writer_new (with_bom);
  guint n_items;

  g_return_val_if_fail (G_IS_LIST_MODEL (registrants), NULL);

  roster_csv_writer_add_row (writer, columns);
  n_items = g_list_model_get_n_items (registrants);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RosterRegistrant) registrant = g_list_model_get_item (registrants, i);
      g_auto(GStrv) values = roster_registrant_export_values (registrant);

      roster_csv_writer_add_row (writer, (const char * const *) values);
    }

  return roster_csv_writer_steal_buffer (writer);
}
