/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrant-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-registrant-format.h"

static const struct {
  const char *id;
  const char *title;
  const char *copy_label;
  const char *(*get) (RosterRegistrant *registrant);
} link_info[ROSTER_REGISTRANT_N_LINKS] = {
  [ROSTER_REGISTRANT_LINK_LIVE] = { "live", N_("Live Room"), N_("Copy Live Room Link"),
                                    roster_registrant_get_live_room_url },
  [ROSTER_REGISTRANT_LINK_REPLAY] = { "replay", N_("Replay Room"), N_("Copy Replay Room Link"),
                                      roster_registrant_get_replay_room_url },
  [ROSTER_REGISTRANT_LINK_UNSUBSCRIBE] = { "unsubscribe", N_("Unsubscribe Page"), N_("Copy Unsubscribe Link"),
                                           roster_registrant_get_unsubscribe_url },
};

/* With the locale's thousands separator: "2,400" */
char *
roster_registrant_format_count (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

/* Seconds as "H:MM:SS"; the server's own text when it sent none that could be read. */
char *
roster_registrant_format_duration (gint64      seconds,
                                   const char *raw)
{
  if (seconds < 0)
    return g_strdup (raw != NULL ? raw : "");
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                          (int) (seconds / 60 % 60), (int) (seconds % 60));
}

/* Whole amounts without cents; the currency after the amount when it is known. */
char *
roster_registrant_format_money (double      amount,
                                const char *currency)
{
  g_autofree char *text = NULL;

  text = amount == (gint64) amount ? g_strdup_printf ("%'" G_GINT64_FORMAT, (gint64) amount)
                                   : g_strdup_printf ("%'.2f", amount);
  if (currency == NULL || *currency == '\0')
    return g_steal_pointer (&text);
  /* Translators: a price, the amount then the currency, e.g. "97 USD" */
  return g_strdup_printf (_("%s %s"), text, currency);
}

/* Unknown is empty: the server did not say. */
const char *
roster_registrant_format_flag (RosterFlag flag)
{
  switch (flag)
    {
    case ROSTER_FLAG_YES:
      return _("Yes");
    case ROSTER_FLAG_NO:
      return _("No");
    case ROSTER_FLAG_UNKNOWN:
    default:
      return "";
    }
}

char *
roster_registrant_format_phone (RosterRegistrant *registrant)
{
  const char *code = roster_registrant_get_phone_country_code (registrant);
  const char *phone = roster_registrant_get_phone (registrant);

  if (phone == NULL)
    return g_strdup ("");
  return code != NULL ? g_strdup_printf ("%s %s", code, phone) : g_strdup (phone);
}

static char *
attendance_text (RosterFlag  attended,
                 gint64      seconds,
                 const char *raw)
{
  g_autofree char *duration = NULL;

  if (attended != ROSTER_FLAG_YES)
    return g_strdup (roster_registrant_format_flag (attended));

  duration = roster_registrant_format_duration (seconds, raw);
  if (*duration == '\0')
    return g_strdup (_("Yes"));
  /* Translators: attended, then the time spent in the room, e.g. "Yes, 0:45:30" */
  return g_strdup_printf (_("Yes, %s"), duration);
}

char *
roster_registrant_format_live (RosterRegistrant *registrant)
{
  return attendance_text (roster_registrant_get_attended_live (registrant),
                          roster_registrant_get_time_live_seconds (registrant),
                          roster_registrant_get_time_live (registrant));
}

char *
roster_registrant_format_replay (RosterRegistrant *registrant)
{
  return attendance_text (roster_registrant_get_attended_replay (registrant),
                          roster_registrant_get_time_replay_seconds (registrant),
                          roster_registrant_get_time_replay (registrant));
}

/* Where they bought and for how much: "Live, 97 USD" */
char *
roster_registrant_format_purchased (RosterRegistrant *registrant,
                                    const char       *currency)
{
  RosterFlag live = roster_registrant_get_purchased_live (registrant);
  RosterFlag replay = roster_registrant_get_purchased_replay (registrant);
  double revenue = roster_registrant_get_revenue_live (registrant) +
                   roster_registrant_get_revenue_replay (registrant);
  g_autofree char *money = roster_registrant_format_money (revenue, currency);

  if (live == ROSTER_FLAG_YES && replay == ROSTER_FLAG_YES)
    /* Translators: bought in the live session and in the replay, then the revenue */
    return g_strdup_printf (_("Live and replay, %s"), money);
  if (live == ROSTER_FLAG_YES)
    /* Translators: bought in the live session, then the revenue */
    return g_strdup_printf (_("Live, %s"), money);
  if (replay == ROSTER_FLAG_YES)
    /* Translators: bought while watching the replay, then the revenue */
    return g_strdup_printf (_("Replay, %s"), money);
  if (live == ROSTER_FLAG_UNKNOWN && replay == ROSTER_FLAG_UNKNOWN)
    return g_strdup ("");
  return g_strdup (_("No"));
}

/* What actions name the link by: "live", "replay", "unsubscribe" */
const char *
roster_registrant_link_get_id (RosterRegistrantLink link)
{
  g_return_val_if_fail (link < ROSTER_REGISTRANT_N_LINKS, NULL);
  return link_info[link].id;
}

const char *
roster_registrant_link_get_title (RosterRegistrantLink link)
{
  g_return_val_if_fail (link < ROSTER_REGISTRANT_N_LINKS, NULL);
  return _(link_info[link].title);
}

const char *
roster_registrant_link_get_copy_label (RosterRegistrantLink link)
{
  g_return_val_if_fail (link < ROSTER_REGISTRANT_N_LINKS, NULL);
  return _(link_info[link].copy_label);
}

/* The person's own link, or NULL when the server sent none. */
const char *
roster_registrant_link_get_url (RosterRegistrantLink  link,
                                RosterRegistrant     *registrant)
{
  const char *url;

  g_return_val_if_fail (link < ROSTER_REGISTRANT_N_LINKS, NULL);

  url = link_info[link].get (registrant);
  return url != NULL && *url != '\0' ? url : NULL;
}
