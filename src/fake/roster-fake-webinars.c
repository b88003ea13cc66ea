/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The `webinars` and `webinar` methods, and the webinar lookup the other methods share. */

#define G_LOG_DOMAIN "roster-fake"

#include "config.h"

#include "roster-fake-service-private.h"

static void
build_webinar_common (RosterFakeService *self,
                      JsonBuilder       *builder,
                      FakeWebinar       *webinar)
{
  fake_builder_add_int (builder, "webinar_id", webinar->id);
  fake_builder_add_string (builder, "webinar_hash", webinar->hash);
  fake_builder_add_string (builder, "name", webinar->name);
  fake_builder_add_string (builder, "title", webinar->title);
  fake_builder_add_string (builder, "description", webinar->description);
  fake_builder_add_string (builder, "timezone", webinar->timezone);
  if (webinar->webinarjam)
    fake_builder_add_string_or_null (builder, "type", webinar->type);
}

guint
fake_handle_webinars (RosterFakeService  *self,
                      FakeCall           *call,
                      char              **body)
{
  FakeData *data = fake_service_ensure_data_locked (self);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  fake_builder_begin_success (builder, "webinars");
  json_builder_begin_array (builder);
  for (guint i = 0; i < data->webinars->len; i++)
    {
      FakeWebinar *webinar = g_ptr_array_index (data->webinars, i);

      if (webinar->webinarjam != (call->product == FAKE_PRODUCT_WEBINARJAM))
        continue;
      json_builder_begin_object (builder);
      build_webinar_common (self, builder, webinar);
      json_builder_set_member_name (builder, "schedules");
      json_builder_begin_array (builder);
      for (guint s = 0; s < webinar->schedules->len; s++)
        json_builder_add_string_value (builder,
                                       ((FakeSchedule *) g_ptr_array_index (webinar->schedules, s))->comment);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return fake_builder_end_success (builder, body);
}

/* Looks up webinar_id; on failure fills @body with the 400/404/422 answer. */
FakeWebinar *
fake_lookup_webinar (RosterFakeService *self,
                     FakeCall          *call,
                     JsonObject        *errors,
                     guint             *status)
{
  const char *text = fake_form_get (call, "webinar_id");
  FakeWebinar *webinar;
  gint64 id;

  if (text == NULL)
    {
      fake_add_required_error (errors, "webinar_id");
      *status = SOUP_STATUS_BAD_REQUEST;
      return NULL;
    }
  if (!fake_parse_int64 (text, &id))
    {
      fake_add_error (errors, "webinar_id", "The webinar id must be an integer.");
      *status = 422;
      return NULL;
    }
  webinar = fake_data_find_webinar (fake_service_ensure_data_locked (self),
                                    call->product == FAKE_PRODUCT_WEBINARJAM, id);
  if (webinar == NULL)
    {
      fake_add_error (errors, "webinar_id", "The selected webinar id is invalid.");
      *status = SOUP_STATUS_NOT_FOUND;
    }
  return webinar;
}

/* The zone dates are shown in: the requested one, EST for attendee-zone webinars asked
 * without one, else the webinar's own. */
GTimeZone *
fake_output_zone (FakeWebinar *webinar,
                  GTimeZone   *requested)
{
  if (requested != NULL)
    return g_time_zone_ref (requested);
  if (webinar->attendee_zones)
    return g_time_zone_new_identifier ("America/New_York");
  return g_time_zone_ref (webinar->tz);
}

guint
fake_handle_webinar (RosterFakeService  *self,
                     FakeCall           *call,
                     char              **body)
{
  g_autoptr(JsonObject) errors = json_object_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GTimeZone) requested = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  FakeWebinar *webinar;
  const char *tz_text;
  guint status = 0;
  gint64 now = fake_service_now_locked (self);

  webinar = fake_lookup_webinar (self, call, errors, &status);
  if (webinar == NULL)
    goto error;

  tz_text = fake_form_get (call, "timezone");
  if (tz_text != NULL && !webinar->webinarjam)
    {
      requested = fake_parse_requested_zone (tz_text, errors);
      if (requested == NULL)
        {
          status = 422;
          goto error;
        }
    }
  zone = fake_output_zone (webinar, requested);

  fake_builder_begin_success (builder, "webinar");
  json_builder_begin_object (builder);
  build_webinar_common (self, builder, webinar);
  json_builder_set_member_name (builder, "schedules");
  json_builder_begin_array (builder);
  for (guint s = 0; s < webinar->schedules->len; s++)
    {
      FakeSchedule *schedule = g_ptr_array_index (webinar->schedules, s);
      g_autoptr(GArray) sessions = fake_schedule_next_sessions (webinar, schedule, now);

      for (guint k = 0; k < sessions->len; k++)
        {
          json_builder_begin_object (builder);
          fake_builder_add_int (builder, "schedule", schedule->id);
          fake_builder_take_string_or_null (builder, "date",
                                       fake_format_iso (g_array_index (sessions, gint64, k), zone));
          fake_builder_add_string (builder, "comment", schedule->comment);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "presenters");
  json_builder_begin_array (builder);
  for (guint p = 0; p < webinar->presenters->len; p++)
    {
      FakePresenter *presenter = g_ptr_array_index (webinar->presenters, p);

      json_builder_begin_object (builder);
      fake_builder_add_string (builder, "name", presenter->name);
      fake_builder_add_string (builder, "email", presenter->email);
      fake_builder_take_string_or_null (builder, "picture",
                                   g_strconcat (self->base_url, presenter->picture_path, NULL));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  fake_builder_take_string_or_null (builder, "registration_url", fake_link (self, "register", webinar, NULL));
  fake_builder_add_string (builder, "registration_type", webinar->paid ? "paid" : "free");
  fake_builder_add_int (builder, "registration_fee", webinar->paid ? webinar->fee : 0);
  fake_builder_add_string (builder, "registration_currency", webinar->paid ? webinar->currency : "");
  if (webinar->paid)
    {
      fake_builder_take_string_or_null (builder, "registration_checkout_url", fake_link (self, "checkout", webinar, NULL));
      fake_builder_take_string_or_null (builder, "registration_post_payment_url", fake_link (self, "thank-you", webinar, NULL));
    }
  else
    {
      fake_builder_add_string (builder, "registration_checkout_url", "");
      fake_builder_add_string (builder, "registration_post_payment_url", "");
    }
  fake_builder_take_string_or_null (builder, "direct_live_room_url", fake_link (self, "live", webinar, NULL));
  fake_builder_take_string_or_null (builder, "direct_replay_room_url", fake_link (self, "replay", webinar, NULL));
  json_builder_end_object (builder);
  return fake_builder_end_success (builder, body);

error:
  *body = fake_errors_body (errors);
  return status;
}
