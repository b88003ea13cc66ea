/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The `register` method. */

#define G_LOG_DOMAIN "roster-fake"

#include "config.h"

#include "roster-fake-service-private.h"

guint
fake_handle_register (RosterFakeService  *self,
                      FakeCall           *call,
                      char              **body)
{
  g_autoptr(JsonObject) errors = json_object_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GTimeZone) requested = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GArray) sessions = NULL;
  g_autofree char *token = NULL;
  g_autofree char *first_folded = NULL;
  g_autofree char *last_folded = NULL;
  g_autofree char *email_folded = NULL;
  gboolean everwebinar = call->product == FAKE_PRODUCT_EVERWEBINAR;
  const char *first_name = fake_form_get (call, "first_name");
  const char *last_name = fake_form_get (call, "last_name");
  const char *email = fake_form_get (call, "email");
  const char *schedule_text = fake_form_get (call, "schedule");
  const char *date = everwebinar ? fake_form_get (call, "date") : NULL;
  const char *tz_text = everwebinar ? fake_form_get (call, "timezone") : NULL;
  const char *phone_cc = fake_form_get (call, "phone_country_code");
  const char *phone = fake_form_get (call, "phone");
  const char *twilio = fake_form_get (call, "twilio_consent");
  FakeSchedule *schedule = NULL;
  FakeWebinar *webinar;
  FakeRegistrant *r;
  guint status = 0;
  gint64 schedule_id = 0;
  gint64 event = 0;
  gint64 now = fake_service_now_locked (self);

  webinar = fake_lookup_webinar (self, call, errors, &status);
  if (webinar == NULL && status != SOUP_STATUS_BAD_REQUEST)
    goto error;

  /* Every missing field is reported at once, as Laravel's validator does. */
  if (first_name == NULL)
    fake_add_required_error (errors, "first_name");
  if (webinar != NULL && webinar->last_name_required && last_name == NULL)
    fake_add_required_error (errors, "last_name");
  if (email == NULL)
    fake_add_required_error (errors, "email");
  if (schedule_text == NULL)
    fake_add_required_error (errors, "schedule");
  if (webinar != NULL && webinar->attendee_zones && tz_text == NULL)
    fake_add_required_error (errors, "timezone");
  if (json_object_get_size (errors) > 0)
    {
      status = SOUP_STATUS_BAD_REQUEST;
      goto error;
    }

  if (!fake_is_valid_email (email))
    fake_add_error (errors, "email", "The email must be a valid email address.");
  if (phone_cc != NULL && (phone_cc[0] != '+' || !fake_all_digits (phone_cc + 1)))
    fake_add_error (errors, "phone_country_code", "The phone country code format is invalid.");
  if (phone != NULL && !fake_all_digits (phone))
    fake_add_error (errors, "phone", "The phone must contain only digits.");
  if (twilio != NULL && g_strcmp0 (twilio, "0") != 0 && g_strcmp0 (twilio, "1") != 0)
    fake_add_error (errors, "twilio_consent", "The twilio consent field must be 0 or 1.");
  if (tz_text != NULL)
    requested = fake_parse_requested_zone (tz_text, errors);
  if (!fake_parse_int64 (schedule_text, &schedule_id) ||
      (schedule = fake_webinar_find_schedule (webinar, schedule_id)) == NULL)
    fake_add_error (errors, "schedule", "The selected schedule is invalid.");

  if (schedule != NULL && (tz_text == NULL || requested != NULL))
    {
      zone = fake_output_zone (webinar, requested);
      sessions = fake_schedule_next_sessions (webinar, schedule, now);
      if (date != NULL)
        {
          /* The date must be one that `webinar` lists, in the same zone. */
          for (guint k = 0; k < sessions->len && event == 0; k++)
            {
              g_autofree char *text = fake_format_iso (g_array_index (sessions, gint64, k), zone);

              if (g_strcmp0 (text, date) == 0)
                event = g_array_index (sessions, gint64, k);
            }
          if (event == 0)
            fake_add_error (errors, "date", "The date does not match any session of this schedule.");
        }
      else if (sessions->len > 0)
        {
          event = g_array_index (sessions, gint64, 0);
        }
    }
  if (json_object_get_size (errors) > 0)
    {
      status = 422;
      goto error;
    }

  fake_webinar_ensure_generated (webinar, now);
  r = fake_webinar_append (webinar, now);
  if (r == NULL)
    {
      *body = fake_message_body ("The webinar is full.");
      return 422;
    }

  first_folded = g_utf8_casefold (first_name, -1);
  last_folded = last_name ? g_utf8_casefold (last_name, -1) : g_strdup ("");
  email_folded = g_utf8_casefold (email, -1);
  r->schedule_id = schedule_id;
  r->event = event;
  r->first_name = fake_webinar_intern (webinar, first_name);
  r->last_name = fake_webinar_intern (webinar, last_name ? last_name : "");
  r->first_folded = fake_webinar_intern (webinar, first_folded);
  r->last_folded = fake_webinar_intern (webinar, last_folded);
  r->email = fake_webinar_intern (webinar, email);
  r->email_folded = fake_webinar_intern (webinar, email_folded);
  r->phone_cc = phone ? fake_webinar_intern (webinar, phone_cc ? phone_cc : "+1") : NULL;
  r->phone = fake_webinar_intern (webinar, phone);
  r->ip = fake_webinar_intern (webinar, fake_form_get (call, "ip_address"));
  r->timezone = fake_webinar_intern (webinar, tz_text);
  if (g_strcmp0 (twilio, "1") == 0)
    r->twilio_at = now;

  fake_counters_record_registration_locked (self, webinar->id, email);
  fake_search_lag_hide_locked (self, r->id);

  token = fake_token (self->seed, r->id);
  fake_builder_begin_success (builder, "user");
  json_builder_begin_object (builder);
  fake_builder_add_int (builder, "webinar_id", webinar->id);
  fake_builder_add_string (builder, "webinar_hash", webinar->hash);
  fake_builder_add_int (builder, "user_id", r->user_id);
  fake_builder_add_string (builder, "first_name", r->first_name);
  fake_builder_add_string (builder, "last_name", r->last_name);
  fake_builder_add_string (builder, "phone_country_code", r->phone_cc ? r->phone_cc : "");
  fake_builder_add_string (builder, "phone", r->phone ? r->phone : "");
  fake_builder_add_string (builder, "email", r->email);
  fake_builder_add_string_or_null (builder, "password", NULL);
  fake_builder_add_int (builder, "schedule", schedule_id);
  fake_builder_take_string_or_null (builder, "date", fake_format_iso (event, zone));
  fake_builder_add_string (builder, "timezone", tz_text ? tz_text : webinar->timezone);
  fake_builder_take_string_or_null (builder, "live_room_url", fake_link (self, "live", webinar, token));
  fake_builder_take_string_or_null (builder, "replay_room_url", fake_link (self, "replay", webinar, token));
  fake_builder_take_string_or_null (builder, "thank_you_url", fake_link (self, "thank-you", webinar, token));
  json_builder_end_object (builder);
  return fake_builder_end_success (builder, body);

error:
  *body = fake_errors_body (errors);
  return status;
}
