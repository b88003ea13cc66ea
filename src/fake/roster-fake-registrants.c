/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The `registrants` and `unsubscribe` methods. */

#define G_LOG_DOMAIN "roster-fake"

#include "config.h"

#include <string.h>

#include "roster-fake-service-private.h"

typedef struct
{
  gint64      schedule_id;   /* 0: any */
  gint64      signup_from;   /* inclusive */
  gint64      signup_to;     /* exclusive */
  int         live;
  gint64      live_ts;
  int         replay;
  gint64      replay_ts;
  int         purchased;
  const char *search;        /* casefolded, NULL: none */
  GHashTable *lagging;       /* registrants searches do not see yet, NULL: none */
} Filter;

static gboolean
attendance_matches (int      code,
                    gint64   joined_at,
                    gint64   event,
                    guint32  watched,
                    gint64   ts,
                    gboolean live)
{
  gint64 left_at;

  switch (code)
    {
    case 0:
      return TRUE;
    case 1:
      return joined_at != 0;
    case 2:
      return joined_at == 0;
    default:
      break;
    }
  if (joined_at == 0)
    return FALSE;
  /* Offset into the session at which the person left; a replay is watched from its start. */
  left_at = (live ? MAX (joined_at - event, 0) : 0) + watched;
  return code == 3 ? left_at < ts : left_at >= ts;
}

static gboolean
filter_matches (const Filter         *filter,
                const FakeRegistrant *r)
{
  if (r->removed)
    return FALSE;
  if (filter->schedule_id != 0 && r->schedule_id != filter->schedule_id)
    return FALSE;
  if (r->signup < filter->signup_from || r->signup >= filter->signup_to)
    return FALSE;
  if (!attendance_matches (filter->live, r->live_join, r->event, r->time_live, filter->live_ts, TRUE))
    return FALSE;
  if (!attendance_matches (filter->replay, r->replay_at, r->event, r->time_replay, filter->replay_ts, FALSE))
    return FALSE;
  if (filter->lagging != NULL && g_hash_table_contains (filter->lagging, &r->id))
    return FALSE;
  if (filter->purchased == 1 && !(r->purchased_live || r->purchased_replay))
    return FALSE;
  if (filter->purchased == 2 && (r->purchased_live || r->purchased_replay))
    return FALSE;
  if (filter->search != NULL)
    {
      char full[512];

      if (strstr (r->first_folded, filter->search) == NULL &&
          strstr (r->last_folded, filter->search) == NULL &&
          strstr (r->email_folded, filter->search) == NULL)
        {
          g_snprintf (full, sizeof full, "%s %s", r->first_folded, r->last_folded);
          if (strstr (full, filter->search) == NULL)
            return FALSE;
        }
    }
  return TRUE;
}

static gint64
month_start (gint64     t,
             GTimeZone *tz,
             int        add_months)
{
  g_autoptr(GDateTime) local = fake_local_time (t, tz);
  g_autoptr(GDateTime) first = g_date_time_new (tz, g_date_time_get_year (local),
                                                g_date_time_get_month (local), 1, 0, 0, 0);
  g_autoptr(GDateTime) moved = g_date_time_add_months (first, add_months);

  return g_date_time_to_unix (moved);
}

static void
date_range_bounds (int          code,
                   FakeWebinar *webinar,
                   gint64       now,
                   gint64      *from,
                   gint64      *to)
{
  gint64 today = fake_local_midnight (now, webinar->tz, 0);
  g_autoptr(GDateTime) local = fake_local_time (now, webinar->tz);
  int since_monday = g_date_time_get_day_of_week (local) - 1;

  *from = G_MININT64;
  *to = G_MAXINT64;
  switch (code)
    {
    case 1: *from = today; *to = fake_local_midnight (now, webinar->tz, 1); break;
    case 2: *from = fake_local_midnight (now, webinar->tz, -1); *to = today; break;
    case 3: *from = fake_local_midnight (now, webinar->tz, -since_monday); *to = fake_local_midnight (now, webinar->tz, 7 - since_monday); break;
    case 4: *from = fake_local_midnight (now, webinar->tz, -since_monday - 7); *to = fake_local_midnight (now, webinar->tz, -since_monday); break;
    case 5: *from = now - 7 * 86400; *to = now + 1; break;
    case 6: *from = month_start (now, webinar->tz, 0); *to = month_start (now, webinar->tz, 1); break;
    case 7: *from = month_start (now, webinar->tz, -1); *to = month_start (now, webinar->tz, 0); break;
    case 8: *from = now - 30 * 86400; *to = now + 1; break;
    default: break;
    }
}

/* Parses an optional small code field; FALSE (and an error) when out of range. */
static gboolean
parse_code (FakeCall   *call,
            JsonObject *errors,
            const char *field,
            int         max,
            int        *out)
{
  const char *text = fake_form_get (call, field);
  gint64 value;

  *out = 0;
  if (text == NULL)
    return TRUE;
  if (!fake_parse_int64 (text, &value) || value < 0 || value > max)
    {
      g_autofree char *label = g_strdelimit (g_strdup (field), "_", ' ');
      g_autofree char *message = g_strdup_printf ("The selected %s is invalid.", label);

      fake_add_error (errors, field, message);
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

static void
parse_attendance (FakeCall   *call,
                  JsonObject *errors,
                  const char *field,
                  int        *code,
                  gint64     *ts,
                  gboolean   *missing)
{
  g_autofree char *ts_field = g_strconcat (field, "_timestamp", NULL);
  const char *ts_text;

  if (!parse_code (call, errors, field, 4, code) || *code < 3)
    return;
  ts_text = fake_form_get (call, ts_field);
  if (ts_text == NULL)
    {
      fake_add_required_error (errors, ts_field);
      *missing = TRUE;
    }
  else if (!fake_parse_int64 (ts_text, ts) || *ts < 0)
    {
      g_autofree char *label = g_strdelimit (g_strdup (ts_field), "_", ' ');
      g_autofree char *message = g_strdup_printf ("The %s must be a number of seconds.", label);

      fake_add_error (errors, ts_field, message);
    }
}

static void
build_registrant (RosterFakeService    *self,
                  JsonBuilder          *builder,
                  FakeWebinar          *webinar,
                  const FakeRegistrant *r)
{
  g_autofree char *token = fake_token (self->seed, r->id);
  g_autofree char *event = fake_format_human (r->event, webinar->tz, FALSE);
  GTimeZone *tz = webinar->tz;

  json_builder_begin_object (builder);
  fake_builder_add_int (builder, "id", r->id);
  fake_builder_add_int (builder, "lead_id", r->lead_id);
  fake_builder_add_int (builder, "schedule_id", r->schedule_id);
  /* One event per session of a schedule. */
  fake_builder_add_int (builder, "event_id", 100000 + (r->schedule_id * 7919 + r->event / 60) % 900000);
  fake_builder_add_string (builder, "first_name", r->first_name);
  fake_builder_add_string (builder, "last_name", r->last_name);
  fake_builder_add_string (builder, "email", r->email);
  fake_builder_add_string_or_null (builder, "phone_country_code", r->phone_cc);
  fake_builder_add_string_or_null (builder, "phone_number", r->phone);
  fake_builder_add_string_or_null (builder, "ip", r->ip);
  fake_builder_add_string (builder, "webinar", webinar->title);
  fake_builder_add_string (builder, "schedule", event);
  fake_builder_add_string (builder, "event", event);
  fake_builder_take_string_or_null (builder, "signup_date", fake_format_human (r->signup, tz, FALSE));
  fake_builder_add_string (builder, "attended_live", r->live_join ? "Yes" : "No");
  fake_builder_take_string_or_null (builder, "date_live",
                               r->live_join ? fake_format_human (r->live_join, tz, FALSE) : NULL);
  fake_builder_take_string_or_null (builder, "entered_live",
                               r->live_join ? fake_format_clock (r->live_join, tz) : NULL);
  fake_builder_take_string_or_null (builder, "time_live",
                               r->live_join ? fake_format_duration (r->time_live) : NULL);
  fake_builder_add_string (builder, "purchased_live", r->purchased_live ? "Yes" : "No");
  fake_builder_add_int (builder, "revenue_live", r->revenue_live);
  fake_builder_add_string (builder, "attended_replay", r->replay_at ? "Yes" : "No");
  fake_builder_take_string_or_null (builder, "date_replay",
                               r->replay_at ? fake_format_human (r->replay_at, tz, FALSE) : NULL);
  fake_builder_take_string_or_null (builder, "time_replay",
                               r->replay_at ? fake_format_duration (r->time_replay) : NULL);
  fake_builder_add_string (builder, "purchased_replay", r->purchased_replay ? "Yes" : "No");
  fake_builder_add_int (builder, "revenue_replay", r->revenue_replay);
  fake_builder_add_string (builder, "subscribed", r->subscribed ? "Yes" : "No");
  fake_builder_add_string (builder, "gdpr_status", r->gdpr_at ? "On" : "Off");
  fake_builder_add_string (builder, "gdpr_communications", r->gdpr_at && r->gdpr_communications ? "On" : "Off");
  fake_builder_take_string_or_null (builder, "gdpr_status_date",
                               r->gdpr_at ? fake_format_human (r->gdpr_at, tz, FALSE) : NULL);
  fake_builder_add_string_or_null (builder, "gdpr_status_ip", r->gdpr_at ? r->ip : NULL);
  fake_builder_take_string_or_null (builder, "twilio_consented_at",
                               r->twilio_at ? fake_format_human (r->twilio_at, tz, FALSE) : NULL);
  fake_builder_add_string_or_null (builder, "utm_source", r->utm_source);
  fake_builder_add_string_or_null (builder, "utm_medium", r->utm_medium);
  fake_builder_add_string_or_null (builder, "utm_campaign", r->utm_campaign);
  fake_builder_add_string_or_null (builder, "utm_term", NULL);
  fake_builder_add_string_or_null (builder, "utm_content", NULL);
  json_builder_set_member_name (builder, "links");
  json_builder_begin_object (builder);
  fake_builder_take_string_or_null (builder, "live_room", fake_link (self, "live", webinar, token));
  fake_builder_take_string_or_null (builder, "replay_room", fake_link (self, "replay", webinar, token));
  fake_builder_take_string_or_null (builder, "unsubscribe", fake_link (self, "unsubscribe", webinar, token));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
builder_add_page_url (JsonBuilder *builder,
                      const char  *member,
                      const char  *path,
                      gint64       page)
{
  fake_builder_take_string_or_null (builder, member,
                               page > 0 ? g_strdup_printf ("%s?page=%" G_GINT64_FORMAT, path, page) : NULL);
}

/* A scramble that is the same on every call, so pages still partition the people. */
static int
compare_scrambled (gconstpointer a,
                   gconstpointer b)
{
  guint ha = *(const guint *) a * 2654435761u;
  guint hb = *(const guint *) b * 2654435761u;

  return ha < hb ? -1 : ha > hb;
}

/* Every match in the service's order, of which @page_rows gets one page; returns the total. */
static gint64
select_ordered (RosterFakeService *self,
                FakeWebinar       *webinar,
                const Filter      *filter,
                gint64             skip,
                gint64             per_page,
                GArray            *page_rows)
{
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < webinar->registrants->len; i++)
    if (filter_matches (filter, &g_array_index (webinar->registrants, FakeRegistrant, i)))
      g_array_append_val (matches, i);
  if (self->order == ROSTER_FAKE_ORDER_SCRAMBLED)
    g_array_sort (matches, compare_scrambled);
  for (gint64 k = skip; k < (gint64) matches->len && k < skip + per_page; k++)
    {
      guint index = g_array_index (matches, guint,
                                   self->order == ROSTER_FAKE_ORDER_NEWEST_FIRST ? matches->len - 1 - k : k);

      g_array_append_val (page_rows, index);
    }
  return matches->len;
}

guint
fake_handle_registrants (RosterFakeService  *self,
                         FakeCall           *call,
                         char              **body)
{
  g_autoptr(JsonObject) errors = json_object_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GArray) page_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *search_folded = NULL;
  g_autofree char *path = NULL;
  Filter filter = { 0, };
  FakeWebinar *webinar;
  const char *text;
  gboolean missing = FALSE;
  guint status = 0;
  gint64 page = 1, shown, last_page, total = 0, skip;
  gint64 now = fake_service_now_locked (self);
  guint per_page = self->page_size;
  int date_range;

  webinar = fake_lookup_webinar (self, call, errors, &status);
  if (webinar == NULL)
    goto error;

  text = fake_form_get (call, "schedule_id");
  if (text != NULL && (!fake_parse_int64 (text, &filter.schedule_id) ||
                       fake_webinar_find_schedule (webinar, filter.schedule_id) == NULL))
    fake_add_error (errors, "schedule_id", "The selected schedule id is invalid.");
  if (parse_code (call, errors, "date_range", 8, &date_range))
    date_range_bounds (date_range, webinar, now, &filter.signup_from, &filter.signup_to);
  parse_attendance (call, errors, "attended_live", &filter.live, &filter.live_ts, &missing);
  parse_attendance (call, errors, "attended_replay", &filter.replay, &filter.replay_ts, &missing);
  parse_code (call, errors, "purchased", 2, &filter.purchased);
  text = fake_form_get (call, "page");
  if (text != NULL && (!fake_parse_int64 (text, &page) || page < 1))
    fake_add_error (errors, "page", "The page must be at least 1.");
  text = fake_form_get (call, "search");
  if (text != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (*stripped != '\0')
        search_folded = g_utf8_casefold (stripped, -1);
    }
  filter.search = search_folded;
  if (json_object_get_size (errors) > 0)
    {
      status = missing ? SOUP_STATUS_BAD_REQUEST : 422;
      goto error;
    }

  fake_webinar_ensure_generated (webinar, now);

  filter.lagging = fake_search_lag_hidden_locked (self);

  /* One pass over the rows: count every match, keep only the indices of this page. */
  shown = self->paging == ROSTER_FAKE_PAGING_STUCK ? 1 : page;
  skip = (shown - 1) * per_page;
  if (self->order != ROSTER_FAKE_ORDER_OLDEST_FIRST)
    total = select_ordered (self, webinar, &filter, skip, per_page, page_rows);
  else if (filter.schedule_id == 0 && filter.signup_from == G_MININT64 && filter.signup_to == G_MAXINT64 &&
      filter.live == 0 && filter.replay == 0 && filter.purchased == 0 && filter.search == NULL &&
      filter.lagging == NULL && webinar->n_removed == 0)
    {
      total = webinar->registrants->len;
      for (gint64 i = skip; i < total && i < skip + per_page; i++)
        {
          guint index = (guint) i;

          g_array_append_val (page_rows, index);
        }
    }
  else
    {
      for (guint i = 0; i < webinar->registrants->len; i++)
        {
          if (!filter_matches (&filter, &g_array_index (webinar->registrants, FakeRegistrant, i)))
            continue;
          if (total >= skip && total < skip + per_page)
            g_array_append_val (page_rows, i);
          total++;
        }
    }
  last_page = MAX (1, (total + per_page - 1) / per_page);
  fake_paging_adjust_locked (self, webinar->registrants->len, page, skip, per_page, page_rows,
                             &last_page, &total);
  path = g_strdup_printf ("%s/%s/registrants", self->base_url,
                          call->product == FAKE_PRODUCT_WEBINARJAM ? "webinarjam" : "everwebinar");

  fake_builder_begin_success (builder, "registrants");
  json_builder_begin_object (builder);
  fake_builder_add_int (builder, "current_page", shown);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_array (builder);
  for (guint k = 0; k < page_rows->len; k++)
    build_registrant (self, builder, webinar,
                      &g_array_index (webinar->registrants, FakeRegistrant,
                                      g_array_index (page_rows, guint, k)));
  json_builder_end_array (builder);
  builder_add_page_url (builder, "first_page_url", path, 1);
  json_builder_set_member_name (builder, "from");
  if (page_rows->len > 0)
    json_builder_add_int_value (builder, skip + 1);
  else
    json_builder_add_null_value (builder);
  fake_builder_add_int (builder, "last_page", last_page);
  builder_add_page_url (builder, "last_page_url", path, last_page);
  builder_add_page_url (builder, "next_page_url", path, shown < last_page ? shown + 1 : 0);
  fake_builder_add_string (builder, "path", path);
  fake_builder_add_int (builder, "per_page", per_page);
  builder_add_page_url (builder, "prev_page_url", path, shown > 1 ? shown - 1 : 0);
  json_builder_set_member_name (builder, "to");
  if (page_rows->len > 0)
    json_builder_add_int_value (builder, skip + page_rows->len);
  else
    json_builder_add_null_value (builder);
  fake_builder_add_int (builder, "total", total);
  json_builder_end_object (builder);
  return fake_builder_end_success (builder, body);

error:
  *body = fake_errors_body (errors);
  return status;
}

guint
fake_handle_unsubscribe (RosterFakeService  *self,
                         FakeCall           *call,
                         char              **body)
{
  g_autoptr(JsonObject) errors = json_object_new ();
  const char *lead_text = fake_form_get (call, "lead_id");
  FakeRegistrant *r = NULL;
  FakeWebinar *webinar;
  guint status = 0;
  gint64 lead_id;

  webinar = fake_lookup_webinar (self, call, errors, &status);
  if (webinar == NULL && status != SOUP_STATUS_BAD_REQUEST)
    goto error;
  if (lead_text == NULL)
    {
      fake_add_required_error (errors, "lead_id");
      status = SOUP_STATUS_BAD_REQUEST;
    }
  if (status != 0)
    goto error;

  fake_webinar_ensure_generated (webinar, fake_service_now_locked (self));
  if (fake_parse_int64 (lead_text, &lead_id))
    r = fake_webinar_find_lead (webinar, lead_id);
  if (r == NULL)
    {
      fake_add_error (errors, "lead_id", "The selected lead id is invalid.");
      status = 422;
      goto error;
    }
  r->subscribed = FALSE;
  /* Counted even when it was already off: a client must not send it twice. */
  fake_counters_record_unsubscribe_locked (self, webinar->id, r->email);
  *body = NULL;
  return SOUP_STATUS_NO_CONTENT;

error:
  *body = fake_errors_body (errors);
  return status;
}
