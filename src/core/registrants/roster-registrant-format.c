/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrant-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "roster-clock.h"
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

/* Whole amounts without cents, with the locale's separators; the currency after the amount
 * when it is known, and said to be unknown when it is not (a bare "81,011" reads as dollars to
 * some and euros to others). Nothing is unknown about nothing: 0 stays "0". */
char *
roster_registrant_format_money (double      amount,
                                const char *currency)
{
  g_autofree char *text = NULL;

  text = amount == (gint64) amount ? g_strdup_printf ("%'" G_GINT64_FORMAT, (gint64) amount)
                                   : g_strdup_printf ("%'.2f", amount);
  if (currency == NULL || *currency == '\0')
    {
      if (amount == 0)
        return g_steal_pointer (&text);
      /* Translators: an amount whose currency the server did not give, e.g. "81,011 (currency unknown)" */
      return g_strdup_printf (_("%s (currency unknown)"), text);
    }
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

/* The API's member names as people read them; links sit under "links." or at the top. */
static const struct {
  const char *name;
  const char *label;
} field_labels[] = {
  { "id", N_("Registration ID") },
  { "lead_id", N_("Lead ID") },
  { "schedule_id", N_("Schedule ID") },
  { "event_id", N_("Event ID") },
  { "user_id", N_("User ID") },
  { "first_name", N_("First Name") },
  { "last_name", N_("Last Name") },
  { "email", N_("Email") },
  { "phone_country_code", N_("Phone Country Code") },
  { "phone_number", N_("Phone Number") },
  { "phone", N_("Phone Number") },
  { "ip", N_("IP Address") },
  { "webinar", N_("Webinar") },
  { "schedule", N_("Schedule") },
  { "event", N_("Session") },
  { "signup_date", N_("Signed Up") },
  { "attended_live", N_("Attended Live") },
  { "date_live", N_("Live Session Date") },
  { "entered_live", N_("Entered Live Room At") },
  { "time_live", N_("Time in Live Room") },
  { "purchased_live", N_("Purchased Live") },
  { "revenue_live", N_("Revenue Live") },
  { "attended_replay", N_("Watched Replay") },
  { "date_replay", N_("Replay Date") },
  { "time_replay", N_("Time in Replay") },
  { "purchased_replay", N_("Purchased in Replay") },
  { "revenue_replay", N_("Revenue in Replay") },
  { "subscribed", N_("Subscribed") },
  { "gdpr_status", N_("GDPR Status") },
  { "gdpr_communications", N_("GDPR Communications") },
  { "gdpr_status_date", N_("GDPR Status Date") },
  { "gdpr_status_ip", N_("GDPR Status IP Address") },
  { "twilio_consented_at", N_("SMS Consent Given") },
  { "utm_source", N_("UTM Source") },
  { "utm_medium", N_("UTM Medium") },
  { "utm_campaign", N_("UTM Campaign") },
  { "utm_term", N_("UTM Term") },
  { "utm_content", N_("UTM Content") },
  { "live_room", N_("Live Room Link") },
  { "replay_room", N_("Replay Room Link") },
  { "unsubscribe", N_("Unsubscribe Link") },
  { "timezone", N_("Time Zone") },
  { "date", N_("Session Date") },
  { "password", N_("Password") },
};

/**
 * roster_registrant_field_label:
 * @name: a member as roster_registrant_get_fields() names it ("lead_id", "links.live_room")
 *
 * Returns: (transfer full): its label ("Lead ID"); a member the API documents nowhere gets its
 * words capitalised ("favourite_color" → "Favourite Color"), so that nothing shows raw.
 */
char *
roster_registrant_field_label (const char *name)
{
  const char *dot;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_has_prefix (name, "links.") && strchr (name + 6, '.') == NULL)
    name += 6;
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_str_equal (name, field_labels[i].name))
      return g_strdup (_(field_labels[i].label));

  dot = strrchr (name, '.');
  words = g_strsplit (dot != NULL ? dot + 1 : name, "_", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      words[i][0] = g_ascii_toupper (words[i][0]);
  return g_strjoinv (" ", words);
}

/* A member's raw text for people: its 12-hour times in the desktop's clock format. */
char *
roster_registrant_format_field (const char *name,
                                const char *value)
{
  g_return_val_if_fail (name != NULL, NULL);

  return roster_clock_format_text (roster_clock_get_default (), value != NULL ? value : "");
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
