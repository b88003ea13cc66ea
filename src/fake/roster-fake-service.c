/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "roster-fake"

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "roster-fake-data.h"
#include "roster-fake-service.h"

#define TIMEOUT_HOLD_MS 60000
#define STREAM_CHUNK    (64 * 1024)

/* Strict mode: like a busy real server seen over a real network. */
#define STRICT_NETWORK_JITTER_MS 25   /* each request arrives 25 ± 25 ms after it was sent */
#define STRICT_CHECK_USEC        (2 * G_TIME_SPAN_MILLISECOND) /* one front worker, per check */
#define STRICT_LISTEN_BACKLOG    8

typedef enum
{
  PRODUCT_EVERWEBINAR,
  PRODUCT_WEBINARJAM,
} Product;

static const char * const api_methods[] = {
  "webinars", "webinar", "register", "registrants", "unsubscribe",
};

typedef struct
{
  RosterFakeFault  fault;
  char            *method;   /* NULL: any */
  guint            remaining;
} PendingFault;

typedef struct _Call Call;
typedef void (*CallStage) (Call *call);

struct _Call
{
  RosterFakeService *service;
  SoupServerMessage *msg;
  Product            product;
  const char        *method;      /* static string from api_methods */
  GHashTable        *form;
  RosterFakeFault    fault;
  GSource           *source;
  CallStage          next_stage;
  gulong             disconnected_id;
};

/* An answer whose body is written piece by piece: dribbled (slow) or generated (huge). */
typedef struct
{
  RosterFakeService *service;
  SoupServerMessage *msg;
  GBytes            *body;       /* slow: the whole answer; huge: NULL */
  GBytes            *filler;     /* huge: one chunk of padding, appended again and again */
  guint64            size;
  guint64            offset;
  guint              tick_bytes; /* slow: bytes per tick */
  GSource           *timer;      /* slow */
  gulong             finished_id;
  gulong             wrote_chunk_id;
} Stream;

struct _RosterFakeService
{
  GObject       parent_instance;

  guint32       seed;

  /* Lives on the server's context only. */
  SoupServer   *server;
  GMainContext *context;
  GList        *calls;
  GList        *streams;

  /* Threaded mode */
  GThread      *thread;
  GMainLoop    *loop;
  GCond         cond;
  gboolean      thread_ready;
  GError       *thread_error;

  char         *base_url;
  guint         port;
  guint         requested_port;

  /* Everything below is guarded by the lock: knobs are set and counters read from other
   * threads when the server runs in its own. */
  GMutex        lock;
  GRand        *timing_rand;
  guint         latency_mean;
  guint         latency_jitter;
  guint         network_jitter;
  guint         page_size;
  guint         rate_limit;
  gint64        fixed_now;
  GQueue        faults;
  GHashTable   *api_keys;          /* set of valid keys */
  GHashTable   *windows;           /* api key -> GQueue of accepted times (µs) */
  FakeData     *data;
  char         *redirect_method;   /* NULL: every method */
  guint         redirect_status;
  char         *redirect_location; /* NULL: no redirect */
  guint         search_lag;
  GHashTable   *lagging;           /* registrant id -> monotonic µs when searches see it */
  RosterFakePaging paging;
  guint         slow_body;         /* bytes per second, 0: off */
  guint64       huge_body;         /* bytes, 0: off */

  GHashTable   *n_calls;           /* method -> count */
  guint         n_calls_total;
  guint         n_accepted;
  guint         n_rate_limited;
  guint         n_handled;
  guint         n_registrations_total;
  guint         n_key_exposed;
  GHashTable   *registrations;     /* "webinar_id\nfolded email" -> count */
  GHashTable   *last_forms;        /* method -> GHashTable */

  /* Strict mode (roster_fake_service_set_strict) */
  gboolean      strict;
  gint64        strict_front_free_at; /* when the front worker is free for the next check */
  GArray       *strict_arrivals;      /* gint64 µs of every call the window check counted */

  GHashTable   *client_ports;      /* the client's port of each connection calls came on */
};

G_DEFINE_FINAL_TYPE (RosterFakeService, roster_fake_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEED,
  PROP_BASE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REQUEST_HANDLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- small helpers ------------------------------------------------------------------------- */

static gint64
now_unix_locked (RosterFakeService *self)
{
  return self->fixed_now != 0 ? self->fixed_now : g_get_real_time () / G_USEC_PER_SEC;
}

static FakeData *
ensure_data_locked (RosterFakeService *self)
{
  if (self->data == NULL)
    self->data = fake_data_new (self->seed, now_unix_locked (self));
  return self->data;
}

static const char *
intern_method (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (api_methods); i++)
    if (g_strcmp0 (api_methods[i], name) == 0)
      return api_methods[i];
  return NULL;
}

/* A form value, with "" treated as absent as Laravel's `required` rule does. */
static const char *
form_get (Call       *call,
          const char *name)
{
  const char *value = call->form ? g_hash_table_lookup (call->form, name) : NULL;

  return value != NULL && *value != '\0' ? value : NULL;
}

static gboolean
parse_int64 (const char *text,
             gint64     *out)
{
  return text != NULL && g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, out, NULL);
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return node_to_string (root);
}

/* Errors in the envelope real traffic shows: each field maps to an array of messages. */
static void
add_error (JsonObject *errors,
           const char *field,
           const char *message)
{
  JsonArray *array;

  if (!json_object_has_member (errors, field))
    json_object_set_array_member (errors, field, json_array_new ());
  array = json_object_get_array_member (errors, field);
  json_array_add_string_element (array, message);
}

static void
add_required_error (JsonObject *errors,
                    const char *field)
{
  g_autofree char *label = g_strdelimit (g_strdup (field), "_", ' ');
  g_autofree char *message = g_strdup_printf ("The %s field is required.", label);

  add_error (errors, field, message);
}

static char *
errors_body (JsonObject *errors)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "status", "error");
  json_object_set_object_member (object, "errors", json_object_ref (errors));
  json_node_take_object (root, object);
  return node_to_string (root);
}

static char *
message_body (const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "error");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  return builder_to_string (builder);
}

static void
builder_add_string_or_null (JsonBuilder *builder,
                            const char  *member,
                            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
builder_take_string_or_null (JsonBuilder *builder,
                             const char  *member,
                             char        *value)
{
  builder_add_string_or_null (builder, member, value);
  g_free (value);
}

static void
builder_add_string (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value ? value : "");
}

static void
builder_add_int (JsonBuilder *builder,
                 const char  *member,
                 gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
builder_begin_success (JsonBuilder *builder,
                       const char  *payload_key)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "success");
  json_builder_set_member_name (builder, payload_key);
}

static gboolean
is_valid_email (const char *email)
{
  const char *at = strchr (email, '@');
  const char *dot;

  if (at == NULL || at == email || strchr (at + 1, '@') != NULL || strlen (email) > 254)
    return FALSE;
  for (const char *p = email; *p; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == '<' || *p == '>' || *p == '"')
      return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0' && strstr (email, "..") == NULL;
}

static gboolean
all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* "GMT-5", "GMT+2", "GMT+4:30" → a fixed-offset zone; NULL when it is not one. */
static GTimeZone *
parse_gmt_zone (const char *text)
{
  int sign, hours = 0, minutes = 0;
  const char *p;
  char *end;

  if (!g_str_has_prefix (text, "GMT"))
    return NULL;
  p = text + 3;
  if (*p == '\0')
    return g_time_zone_new_utc ();
  if (*p != '+' && *p != '-')
    return NULL;
  sign = *p == '-' ? -1 : 1;
  p++;
  if (!g_ascii_isdigit (*p))
    return NULL;
  hours = (int) g_ascii_strtoull (p, &end, 10);
  if (end - p > 2 || hours > 14)
    return NULL;
  p = end;
  if (*p == ':')
    {
      p++;
      if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || p[2] != '\0')
        return NULL;
      minutes = (p[0] - '0') * 10 + (p[1] - '0');
      if (minutes >= 60)
        return NULL;
    }
  else if (*p != '\0')
    {
      return NULL;
    }
  return g_time_zone_new_offset (sign * (hours * 3600 + minutes * 60));
}

/* ---- webinars and webinar ------------------------------------------------------------------ */

static void
build_webinar_common (RosterFakeService *self,
                      JsonBuilder       *builder,
                      FakeWebinar       *webinar)
{
  builder_add_int (builder, "webinar_id", webinar->id);
  builder_add_string (builder, "webinar_hash", webinar->hash);
  builder_add_string (builder, "name", webinar->name);
  builder_add_string (builder, "title", webinar->title);
  builder_add_string (builder, "description", webinar->description);
  builder_add_string (builder, "timezone", webinar->timezone);
  if (webinar->webinarjam)
    builder_add_string_or_null (builder, "type", webinar->type);
}

static guint
handle_webinars (RosterFakeService  *self,
                 Call               *call,
                 char              **body)
{
  FakeData *data = ensure_data_locked (self);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  builder_begin_success (builder, "webinars");
  json_builder_begin_array (builder);
  for (guint i = 0; i < data->webinars->len; i++)
    {
      FakeWebinar *webinar = g_ptr_array_index (data->webinars, i);

      if (webinar->webinarjam != (call->product == PRODUCT_WEBINARJAM))
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
  json_builder_end_object (builder);
  *body = builder_to_string (builder);
  return SOUP_STATUS_OK;
}

/* Looks up webinar_id; on failure fills @body with the 400/404/422 answer. */
static FakeWebinar *
lookup_webinar (RosterFakeService  *self,
                Call               *call,
                JsonObject         *errors,
                guint              *status)
{
  const char *text = form_get (call, "webinar_id");
  FakeWebinar *webinar;
  gint64 id;

  if (text == NULL)
    {
      add_required_error (errors, "webinar_id");
      *status = SOUP_STATUS_BAD_REQUEST;
      return NULL;
    }
  if (!parse_int64 (text, &id))
    {
      add_error (errors, "webinar_id", "The webinar id must be an integer.");
      *status = 422;
      return NULL;
    }
  webinar = fake_data_find_webinar (ensure_data_locked (self),
                                    call->product == PRODUCT_WEBINARJAM, id);
  if (webinar == NULL)
    {
      add_error (errors, "webinar_id", "The selected webinar id is invalid.");
      *status = SOUP_STATUS_NOT_FOUND;
    }
  return webinar;
}

/* The zone dates are shown in: the requested one, EST for attendee-zone webinars asked
 * without one, else the webinar's own. */
static GTimeZone *
output_zone (FakeWebinar *webinar,
             GTimeZone   *requested)
{
  if (requested != NULL)
    return g_time_zone_ref (requested);
  if (webinar->attendee_zones)
    return g_time_zone_new_identifier ("America/New_York");
  return g_time_zone_ref (webinar->tz);
}

static guint
handle_webinar (RosterFakeService  *self,
                Call               *call,
                char              **body)
{
  g_autoptr(JsonObject) errors = json_object_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GTimeZone) requested = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  FakeWebinar *webinar;
  const char *tz_text;
  guint status = 0;
  gint64 now = now_unix_locked (self);

  webinar = lookup_webinar (self, call, errors, &status);
  if (webinar == NULL)
    goto error;

  tz_text = form_get (call, "timezone");
  if (tz_text != NULL && !webinar->webinarjam)
    {
      requested = parse_gmt_zone (tz_text);
      if (requested == NULL)
        {
          add_error (errors, "timezone", "The timezone format is invalid.");
          status = 422;
          goto error;
        }
    }
  zone = output_zone (webinar, requested);

  builder_begin_success (builder, "webinar");
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
          builder_add_int (builder, "schedule", schedule->id);
          builder_take_string_or_null (builder, "date",
                                       fake_format_iso (g_array_index (sessions, gint64, k), zone));
          builder_add_string (builder, "comment", schedule->comment);
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
      builder_add_string (builder, "name", presenter->name);
      builder_add_string (builder, "email", presenter->email);
      builder_take_string_or_null (builder, "picture",
                                   g_strconcat (self->base_url, presenter->picture_path, NULL));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  builder_take_string_or_null (builder, "registration_url",
                               g_strdup_printf ("%s/register/%s", self->base_url, webinar->hash));
  builder_add_string (builder, "registration_type", webinar->paid ? "paid" : "free");
  builder_add_int (builder, "registration_fee", webinar->paid ? webinar->fee : 0);
  builder_add_string (builder, "registration_currency", webinar->paid ? webinar->currency : "");
  if (webinar->paid)
    {
      builder_take_string_or_null (builder, "registration_checkout_url",
                                   g_strdup_printf ("%s/checkout/%s", self->base_url, webinar->hash));
      builder_take_string_or_null (builder, "registration_post_payment_url",
                                   g_strdup_printf ("%s/thank-you/%s", self->base_url, webinar->hash));
    }
  else
    {
      builder_add_string (builder, "registration_checkout_url", "");
      builder_add_string (builder, "registration_post_payment_url", "");
    }
  builder_take_string_or_null (builder, "direct_live_room_url",
                               g_strdup_printf ("%s/live/%s", self->base_url, webinar->hash));
  builder_take_string_or_null (builder, "direct_replay_room_url",
                               g_strdup_printf ("%s/replay/%s", self->base_url, webinar->hash));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  *body = builder_to_string (builder);
  return SOUP_STATUS_OK;

error:
  *body = errors_body (errors);
  return status;
}

/* ---- register ------------------------------------------------------------------------------ */

static char *
registration_key (gint64      webinar_id,
                  const char *email)
{
  g_autofree char *folded = g_utf8_casefold (email, -1);

  return g_strdup_printf ("%" G_GINT64_FORMAT "\n%s", webinar_id, folded);
}

static guint
handle_register (RosterFakeService  *self,
                 Call               *call,
                 char              **body)
{
  g_autoptr(JsonObject) errors = json_object_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GTimeZone) requested = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GArray) sessions = NULL;
  g_autofree char *token = NULL;
  g_autofree char *key = NULL;
  g_autofree char *first_folded = NULL;
  g_autofree char *last_folded = NULL;
  g_autofree char *email_folded = NULL;
  gboolean everwebinar = call->product == PRODUCT_EVERWEBINAR;
  const char *first_name = form_get (call, "first_name");
  const char *last_name = form_get (call, "last_name");
  const char *email = form_get (call, "email");
  const char *schedule_text = form_get (call, "schedule");
  const char *date = everwebinar ? form_get (call, "date") : NULL;
  const char *tz_text = everwebinar ? form_get (call, "timezone") : NULL;
  const char *phone_cc = form_get (call, "phone_country_code");
  const char *phone = form_get (call, "phone");
  const char *twilio = form_get (call, "twilio_consent");
  FakeSchedule *schedule = NULL;
  FakeWebinar *webinar;
  FakeRegistrant *r;
  guint status = 0;
  gint64 schedule_id = 0;
  gint64 event = 0;
  gint64 now = now_unix_locked (self);
  guint count;

  webinar = lookup_webinar (self, call, errors, &status);
  if (webinar == NULL && status != SOUP_STATUS_BAD_REQUEST)
    goto error;

  /* Every missing field is reported at once, as Laravel's validator does. */
  if (first_name == NULL)
    add_required_error (errors, "first_name");
  if (webinar != NULL && webinar->last_name_required && last_name == NULL)
    add_required_error (errors, "last_name");
  if (email == NULL)
    add_required_error (errors, "email");
  if (schedule_text == NULL)
    add_required_error (errors, "schedule");
  if (webinar != NULL && webinar->attendee_zones && tz_text == NULL)
    add_required_error (errors, "timezone");
  if (json_object_get_size (errors) > 0)
    {
      status = SOUP_STATUS_BAD_REQUEST;
      goto error;
    }

  if (!is_valid_email (email))
    add_error (errors, "email", "The email must be a valid email address.");
  if (phone_cc != NULL && (phone_cc[0] != '+' || !all_digits (phone_cc + 1)))
    add_error (errors, "phone_country_code", "The phone country code format is invalid.");
  if (phone != NULL && !all_digits (phone))
    add_error (errors, "phone", "The phone must contain only digits.");
  if (twilio != NULL && g_strcmp0 (twilio, "0") != 0 && g_strcmp0 (twilio, "1") != 0)
    add_error (errors, "twilio_consent", "The twilio consent field must be 0 or 1.");
  if (tz_text != NULL)
    {
      requested = parse_gmt_zone (tz_text);
      if (requested == NULL)
        add_error (errors, "timezone", "The timezone format is invalid.");
    }
  if (!parse_int64 (schedule_text, &schedule_id) ||
      (schedule = fake_webinar_find_schedule (webinar, schedule_id)) == NULL)
    add_error (errors, "schedule", "The selected schedule is invalid.");

  if (schedule != NULL && (tz_text == NULL || requested != NULL))
    {
      zone = output_zone (webinar, requested);
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
            add_error (errors, "date", "The date does not match any session of this schedule.");
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
      *body = message_body ("The webinar is full.");
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
  r->ip = fake_webinar_intern (webinar, form_get (call, "ip_address"));
  r->timezone = fake_webinar_intern (webinar, tz_text);
  if (g_strcmp0 (twilio, "1") == 0)
    r->twilio_at = now;

  key = registration_key (webinar->id, email);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->registrations, key));
  g_hash_table_insert (self->registrations, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));
  self->n_registrations_total++;
  if (self->search_lag > 0)
    {
      gint64 visible_at = g_get_monotonic_time () + (gint64) self->search_lag * 1000;

      g_hash_table_insert (self->lagging, g_memdup2 (&r->id, sizeof r->id),
                           g_memdup2 (&visible_at, sizeof visible_at));
    }

  token = fake_token (self->seed, r->id);
  builder_begin_success (builder, "user");
  json_builder_begin_object (builder);
  builder_add_int (builder, "webinar_id", webinar->id);
  builder_add_string (builder, "webinar_hash", webinar->hash);
  builder_add_int (builder, "user_id", r->user_id);
  builder_add_string (builder, "first_name", r->first_name);
  builder_add_string (builder, "last_name", r->last_name);
  builder_add_string (builder, "phone_country_code", r->phone_cc ? r->phone_cc : "");
  builder_add_string (builder, "phone", r->phone ? r->phone : "");
  builder_add_string (builder, "email", r->email);
  builder_add_string_or_null (builder, "password", NULL);
  builder_add_int (builder, "schedule", schedule_id);
  builder_take_string_or_null (builder, "date", fake_format_iso (event, zone));
  builder_add_string (builder, "timezone", tz_text ? tz_text : webinar->timezone);
  builder_take_string_or_null (builder, "live_room_url",
                               g_strdup_printf ("%s/live/%s/%s", self->base_url, webinar->hash, token));
  builder_take_string_or_null (builder, "replay_room_url",
                               g_strdup_printf ("%s/replay/%s/%s", self->base_url, webinar->hash, token));
  builder_take_string_or_null (builder, "thank_you_url",
                               g_strdup_printf ("%s/thank-you/%s/%s", self->base_url, webinar->hash, token));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  *body = builder_to_string (builder);
  return SOUP_STATUS_OK;

error:
  *body = errors_body (errors);
  return status;
}

/* ---- registrants ----------------------------------------------------------------------------- */

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
attendance_matches (int     code,
                    gint64  joined_at,
                    gint64  event,
                    guint32 watched,
                    gint64  ts,
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
midnight (gint64     t,
          GTimeZone *tz,
          int        add_days)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) day = g_date_time_add_days (local, add_days);
  g_autoptr(GDateTime) start = g_date_time_new (tz, g_date_time_get_year (day),
                                                g_date_time_get_month (day),
                                                g_date_time_get_day_of_month (day), 0, 0, 0);

  return g_date_time_to_unix (start);
}

static gint64
month_start (gint64     t,
             GTimeZone *tz,
             int        add_months)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
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
  gint64 today = midnight (now, webinar->tz, 0);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, webinar->tz);
  int since_monday = g_date_time_get_day_of_week (local) - 1;

  *from = G_MININT64;
  *to = G_MAXINT64;
  switch (code)
    {
    case 1: *from = today; *to = midnight (now, webinar->tz, 1); break;
    case 2: *from = midnight (now, webinar->tz, -1); *to = today; break;
    case 3: *from = midnight (now, webinar->tz, -since_monday); *to = midnight (now, webinar->tz, 7 - since_monday); break;
    case 4: *from = midnight (now, webinar->tz, -since_monday - 7); *to = midnight (now, webinar->tz, -since_monday); break;
    case 5: *from = now - 7 * 86400; *to = now + 1; break;
    case 6: *from = month_start (now, webinar->tz, 0); *to = month_start (now, webinar->tz, 1); break;
    case 7: *from = month_start (now, webinar->tz, -1); *to = month_start (now, webinar->tz, 0); break;
    case 8: *from = now - 30 * 86400; *to = now + 1; break;
    default: break;
    }
}

/* Parses an optional small code field; FALSE (and an error) when out of range. */
static gboolean
parse_code (Call       *call,
            JsonObject *errors,
            const char *field,
            int         max,
            int        *out)
{
  const char *text = form_get (call, field);
  gint64 value;

  *out = 0;
  if (text == NULL)
    return TRUE;
  if (!parse_int64 (text, &value) || value < 0 || value > max)
    {
      g_autofree char *label = g_strdelimit (g_strdup (field), "_", ' ');
      g_autofree char *message = g_strdup_printf ("The selected %s is invalid.", label);

      add_error (errors, field, message);
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

static void
parse_attendance (Call       *call,
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
  ts_text = form_get (call, ts_field);
  if (ts_text == NULL)
    {
      add_required_error (errors, ts_field);
      *missing = TRUE;
    }
  else if (!parse_int64 (ts_text, ts) || *ts < 0)
    {
      g_autofree char *label = g_strdelimit (g_strdup (ts_field), "_", ' ');
      g_autofree char *message = g_strdup_printf ("The %s must be a number of seconds.", label);

      add_error (errors, ts_field, message);
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
  builder_add_int (builder, "id", r->id);
  builder_add_int (builder, "lead_id", r->lead_id);
  builder_add_int (builder, "schedule_id", r->schedule_id);
  /* One event per session of a schedule. */
  builder_add_int (builder, "event_id", 100000 + (r->schedule_id * 7919 + r->event / 60) % 900000);
  builder_add_string (builder, "first_name", r->first_name);
  builder_add_string (builder, "last_name", r->last_name);
  builder_add_string (builder, "email", r->email);
  builder_add_string_or_null (builder, "phone_country_code", r->phone_cc);
  builder_add_string_or_null (builder, "phone_number", r->phone);
  builder_add_string_or_null (builder, "ip", r->ip);
  builder_add_string (builder, "webinar", webinar->title);
  builder_add_string (builder, "schedule", event);
  builder_add_string (builder, "event", event);
  builder_take_string_or_null (builder, "signup_date", fake_format_human (r->signup, tz, FALSE));
  builder_add_string (builder, "attended_live", r->live_join ? "Yes" : "No");
  builder_take_string_or_null (builder, "date_live",
                               r->live_join ? fake_format_human (r->live_join, tz, FALSE) : NULL);
  builder_take_string_or_null (builder, "entered_live",
                               r->live_join ? fake_format_clock (r->live_join, tz) : NULL);
  builder_take_string_or_null (builder, "time_live",
                               r->live_join ? fake_format_duration (r->time_live) : NULL);
  builder_add_string (builder, "purchased_live", r->purchased_live ? "Yes" : "No");
  builder_add_int (builder, "revenue_live", r->revenue_live);
  builder_add_string (builder, "attended_replay", r->replay_at ? "Yes" : "No");
  builder_take_string_or_null (builder, "date_replay",
                               r->replay_at ? fake_format_human (r->replay_at, tz, FALSE) : NULL);
  builder_take_string_or_null (builder, "time_replay",
                               r->replay_at ? fake_format_duration (r->time_replay) : NULL);
  builder_add_string (builder, "purchased_replay", r->purchased_replay ? "Yes" : "No");
  builder_add_int (builder, "revenue_replay", r->revenue_replay);
  builder_add_string (builder, "subscribed", r->subscribed ? "Yes" : "No");
  builder_add_string (builder, "gdpr_status", r->gdpr_at ? "On" : "Off");
  builder_add_string (builder, "gdpr_communications", r->gdpr_at && r->gdpr_communications ? "On" : "Off");
  builder_take_string_or_null (builder, "gdpr_status_date",
                               r->gdpr_at ? fake_format_human (r->gdpr_at, tz, FALSE) : NULL);
  builder_add_string_or_null (builder, "gdpr_status_ip", r->gdpr_at ? r->ip : NULL);
  builder_take_string_or_null (builder, "twilio_consented_at",
                               r->twilio_at ? fake_format_human (r->twilio_at, tz, FALSE) : NULL);
  builder_add_string_or_null (builder, "utm_source", r->utm_source);
  builder_add_string_or_null (builder, "utm_medium", r->utm_medium);
  builder_add_string_or_null (builder, "utm_campaign", r->utm_campaign);
  builder_add_string_or_null (builder, "utm_term", NULL);
  builder_add_string_or_null (builder, "utm_content", NULL);
  json_builder_set_member_name (builder, "links");
  json_builder_begin_object (builder);
  builder_take_string_or_null (builder, "live_room",
                               g_strdup_printf ("%s/live/%s/%s", self->base_url, webinar->hash, token));
  builder_take_string_or_null (builder, "replay_room",
                               g_strdup_printf ("%s/replay/%s/%s", self->base_url, webinar->hash, token));
  builder_take_string_or_null (builder, "unsubscribe",
                               g_strdup_printf ("%s/unsubscribe/%s/%s", self->base_url, webinar->hash, token));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
builder_add_page_url (JsonBuilder *builder,
                      const char  *member,
                      const char  *path,
                      gint64       page)
{
  builder_take_string_or_null (builder, member,
                               page > 0 ? g_strdup_printf ("%s?page=%" G_GINT64_FORMAT, path, page) : NULL);
}

static guint
handle_registrants (RosterFakeService  *self,
                    Call               *call,
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
  gint64 now = now_unix_locked (self);
  guint per_page = self->page_size;
  int date_range;

  webinar = lookup_webinar (self, call, errors, &status);
  if (webinar == NULL)
    goto error;

  text = form_get (call, "schedule_id");
  if (text != NULL && (!parse_int64 (text, &filter.schedule_id) ||
                       fake_webinar_find_schedule (webinar, filter.schedule_id) == NULL))
    add_error (errors, "schedule_id", "The selected schedule id is invalid.");
  if (parse_code (call, errors, "date_range", 8, &date_range))
    date_range_bounds (date_range, webinar, now, &filter.signup_from, &filter.signup_to);
  parse_attendance (call, errors, "attended_live", &filter.live, &filter.live_ts, &missing);
  parse_attendance (call, errors, "attended_replay", &filter.replay, &filter.replay_ts, &missing);
  parse_code (call, errors, "purchased", 2, &filter.purchased);
  text = form_get (call, "page");
  if (text != NULL && (!parse_int64 (text, &page) || page < 1))
    add_error (errors, "page", "The page must be at least 1.");
  text = form_get (call, "search");
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

  if (g_hash_table_size (self->lagging) > 0)
    {
      gint64 mono_now = g_get_monotonic_time ();
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->lagging);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (*(gint64 *) value <= mono_now)
          g_hash_table_iter_remove (&iter);
      if (g_hash_table_size (self->lagging) > 0)
        filter.lagging = self->lagging;
    }

  /* One pass over the rows: count every match, keep only the indices of this page. */
  shown = self->paging == ROSTER_FAKE_PAGING_STUCK ? 1 : page;
  skip = (shown - 1) * per_page;
  if (filter.schedule_id == 0 && filter.signup_from == G_MININT64 && filter.signup_to == G_MAXINT64 &&
      filter.live == 0 && filter.replay == 0 && filter.purchased == 0 && filter.search == NULL &&
      filter.lagging == NULL)
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
  if (self->paging == ROSTER_FAKE_PAGING_ENDLESS)
    {
      /* Past the real rows the pages repeat them, so that no page is ever empty. */
      gboolean empty = page_rows->len == 0;

      for (gint64 k = 0; empty && webinar->registrants->len > 0 && k < per_page; k++)
        {
          guint index = (guint) ((skip + k) % webinar->registrants->len);

          g_array_append_val (page_rows, index);
        }
      last_page = page + 1;
      total = last_page * per_page;
    }
  else if (self->paging == ROSTER_FAKE_PAGING_STUCK)
    {
      last_page = MAX (last_page, 2);
    }
  path = g_strdup_printf ("%s/%s/registrants", self->base_url,
                          call->product == PRODUCT_WEBINARJAM ? "webinarjam" : "everwebinar");

  builder_begin_success (builder, "registrants");
  json_builder_begin_object (builder);
  builder_add_int (builder, "current_page", shown);
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
  builder_add_int (builder, "last_page", last_page);
  builder_add_page_url (builder, "last_page_url", path, last_page);
  builder_add_page_url (builder, "next_page_url", path, shown < last_page ? shown + 1 : 0);
  builder_add_string (builder, "path", path);
  builder_add_int (builder, "per_page", per_page);
  builder_add_page_url (builder, "prev_page_url", path, shown > 1 ? shown - 1 : 0);
  json_builder_set_member_name (builder, "to");
  if (page_rows->len > 0)
    json_builder_add_int_value (builder, skip + page_rows->len);
  else
    json_builder_add_null_value (builder);
  builder_add_int (builder, "total", total);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  *body = builder_to_string (builder);
  return SOUP_STATUS_OK;

error:
  *body = errors_body (errors);
  return status;
}

/* ---- unsubscribe ----------------------------------------------------------------------------- */

static guint
handle_unsubscribe (RosterFakeService  *self,
                    Call               *call,
                    char              **body)
{
  g_autoptr(JsonObject) errors = json_object_new ();
  const char *lead_text = form_get (call, "lead_id");
  FakeRegistrant *r = NULL;
  FakeWebinar *webinar;
  guint status = 0;
  gint64 lead_id;

  webinar = lookup_webinar (self, call, errors, &status);
  if (webinar == NULL && status != SOUP_STATUS_BAD_REQUEST)
    goto error;
  if (lead_text == NULL)
    {
      add_required_error (errors, "lead_id");
      status = SOUP_STATUS_BAD_REQUEST;
    }
  if (status != 0)
    goto error;

  fake_webinar_ensure_generated (webinar, now_unix_locked (self));
  if (parse_int64 (lead_text, &lead_id))
    r = fake_webinar_find_lead (webinar, lead_id);
  if (r == NULL)
    {
      add_error (errors, "lead_id", "The selected lead id is invalid.");
      status = 422;
      goto error;
    }
  r->subscribed = FALSE;
  *body = NULL;
  return SOUP_STATUS_NO_CONTENT;

error:
  *body = errors_body (errors);
  return status;
}

/* ---- the request path ------------------------------------------------------------------------ */

static guint
process_locked (RosterFakeService  *self,
                Call               *call,
                char              **body)
{
  if (call->method == api_methods[0])
    return handle_webinars (self, call, body);
  if (call->method == api_methods[1])
    return handle_webinar (self, call, body);
  if (call->method == api_methods[2])
    return handle_register (self, call, body);
  if (call->method == api_methods[3])
    return handle_registrants (self, call, body);
  return handle_unsubscribe (self, call, body);
}

static void
call_free (Call *call)
{
  if (call->source != NULL)
    {
      g_source_destroy (call->source);
      g_source_unref (call->source);
    }
  if (call->disconnected_id != 0)
    g_signal_handler_disconnect (call->msg, call->disconnected_id);
  g_clear_object (&call->msg);
  g_clear_pointer (&call->form, g_hash_table_unref);
  g_free (call);
}

static void
emit_handled (RosterFakeService *self,
              const char        *method,
              guint              status)
{
  g_mutex_lock (&self->lock);
  self->n_handled++;
  g_mutex_unlock (&self->lock);
  g_signal_emit (self, signals[REQUEST_HANDLED], 0, method, status);
}

static void
call_done (Call  *call,
           guint  status)
{
  RosterFakeService *self = call->service;
  const char *method = call->method;

  self->calls = g_list_remove (self->calls, call);
  call_free (call);
  emit_handled (self, method, status);
}

static void
stream_free (Stream *stream)
{
  RosterFakeService *self = stream->service;

  self->streams = g_list_remove (self->streams, stream);
  if (stream->timer != NULL)
    {
      g_source_destroy (stream->timer);
      g_source_unref (stream->timer);
    }
  g_signal_handler_disconnect (stream->msg, stream->finished_id);
  if (stream->wrote_chunk_id != 0)
    g_signal_handler_disconnect (stream->msg, stream->wrote_chunk_id);
  g_object_unref (stream->msg);
  g_clear_pointer (&stream->body, g_bytes_unref);
  g_clear_pointer (&stream->filler, g_bytes_unref);
  g_free (stream);
}

static void
stream_finished_cb (SoupServerMessage *msg,
                    Stream            *stream)
{
  stream_free (stream);
}

static const char huge_head[] = "{\"status\":\"success\",\"padding\":\"";
static const char huge_tail[] = "\"}";

/* Appends the next piece of a huge answer: only one chunk is ever held, since written chunks
 * are not kept (the body does not accumulate). */
static void
stream_append_huge (SoupServerMessage *msg,
                    Stream            *stream)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize head_len = sizeof huge_head - 1;
  gsize tail_len = sizeof huge_tail - 1;

  if (stream->offset == 0)
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC, huge_head, head_len);
      stream->offset = head_len;
    }
  else if (stream->offset < stream->size - tail_len)
    {
      gsize n = (gsize) MIN (STREAM_CHUNK, stream->size - tail_len - stream->offset);
      g_autoptr(GBytes) chunk = g_bytes_new_from_bytes (stream->filler, 0, n);

      soup_message_body_append_bytes (body, chunk);
      stream->offset += n;
    }
  else if (stream->offset < stream->size)
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC, huge_tail, tail_len);
      stream->offset = stream->size;
    }
  else
    {
      soup_message_body_complete (body);
    }
}

/* Slow: a few bytes a tick, then I/O resumes (it paused itself when it ran out of body). */
static gboolean
stream_tick_cb (gpointer user_data)
{
  Stream *stream = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);
  gsize n = (gsize) MIN (stream->tick_bytes, stream->size - stream->offset);

  if (n > 0)
    {
      g_autoptr(GBytes) piece = g_bytes_new_from_bytes (stream->body, stream->offset, n);

      soup_message_body_append_bytes (body, piece);
      stream->offset += n;
    }
  if (stream->offset == stream->size)
    {
      soup_message_body_complete (body);
      g_clear_pointer (&stream->timer, g_source_unref);
    }
  soup_server_message_unpause (stream->msg);

  return stream->timer != NULL ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Sets the answer and lets libsoup send it, at once, dribbled or blown up as the knobs say.
 * Does not unpause @msg. */
static void
respond_body (RosterFakeService *self,
              SoupServerMessage *msg,
              guint              status,
              const char        *content_type,
              char              *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  guint slow_body;
  guint64 huge_body;
  Stream *stream;

  g_mutex_lock (&self->lock);
  slow_body = self->slow_body;
  huge_body = self->huge_body;
  g_mutex_unlock (&self->lock);

  if (huge_body > 0)
    {
      g_free (body);
      status = SOUP_STATUS_OK;
      content_type = "application/json";
    }
  else if (slow_body == 0 || body == NULL)
    {
      soup_server_message_set_status (msg, status, NULL);
      if (body != NULL)
        soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
      return;
    }

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_set_content_type (headers, content_type, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);

  stream = g_new0 (Stream, 1);
  stream->service = self;
  stream->msg = g_object_ref (msg);
  stream->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (stream_finished_cb), stream);
  self->streams = g_list_prepend (self->streams, stream);

  if (huge_body > 0)
    {
      char *filler = g_malloc (STREAM_CHUNK);

      memset (filler, 'x', STREAM_CHUNK);
      stream->filler = g_bytes_new_take (filler, STREAM_CHUNK);
      stream->size = MAX (huge_body, sizeof huge_head + sizeof huge_tail);
      stream->wrote_chunk_id = g_signal_connect (msg, "wrote-chunk", G_CALLBACK (stream_append_huge), stream);
      stream_append_huge (msg, stream);
    }
  else
    {
      /* At most a hundred ticks a second. */
      guint interval = slow_body >= 100 ? 10 : 1000 / slow_body;

      stream->body = g_bytes_new_take (body, strlen (body));
      stream->size = g_bytes_get_size (stream->body);
      stream->tick_bytes = slow_body >= 100 ? slow_body / 100 : 1;
      stream->timer = g_timeout_source_new (interval);
      g_source_set_callback (stream->timer, stream_tick_cb, stream, NULL);
      g_source_attach (stream->timer, self->context);
    }
}

static void
call_respond (Call        *call,
              guint        status,
              const char  *content_type,
              char        *body)
{
  respond_body (call->service, call->msg, status, content_type, body);
  soup_server_message_unpause (call->msg);
  call_done (call, status);
}

/* Drops the connection without an answer, as a crashed or unplugged server would. */
static void
call_close (Call *call)
{
  g_autoptr(SoupServerMessage) msg = g_object_ref (call->msg);
  g_autoptr(GIOStream) stream = NULL;

  g_signal_handler_disconnect (msg, call->disconnected_id);
  call->disconnected_id = 0;
  stream = soup_server_message_steal_connection (msg);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
  call_done (call, 0);
}

static gboolean
call_source_cb (gpointer user_data)
{
  Call *call = user_data;
  CallStage stage = call->next_stage;

  g_clear_pointer (&call->source, g_source_unref);
  stage (call);
  return G_SOURCE_REMOVE;
}

/* Every stage runs from a source on the server's context, never inside libsoup's I/O, so a
 * stage may steal the connection safely. */
static void
call_schedule (Call      *call,
               guint      delay_ms,
               CallStage  stage)
{
  call->next_stage = stage;
  /* A timeout even for 0 ms: default priority keeps checks in arrival order under load,
   * where idle sources would starve behind socket I/O. */
  call->source = g_timeout_source_new (delay_ms);
  g_source_set_callback (call->source, call_source_cb, call, NULL);
  g_source_attach (call->source, call->service->context);
}

static void
call_disconnected_cb (SoupServerMessage *msg,
                      Call              *call)
{
  /* Only soup_server_disconnect() gets here (a paused message does not watch its socket);
   * stop() frees the call right after. */
  if (call->source != NULL)
    {
      g_source_destroy (call->source);
      g_clear_pointer (&call->source, g_source_unref);
    }
}

static const char html_500[] =
  "<!DOCTYPE html>\n<html>\n<head><title>500 Internal Server Error</title></head>\n"
  "<body>\n<h1>Whoops, looks like something went wrong.</h1>\n</body>\n</html>\n";

static void
stage_hold_expired (Call *call)
{
  call_close (call);
}

static void
stage_process (Call *call)
{
  RosterFakeService *self = call->service;
  g_autofree char *body = NULL;
  guint status;

  if (call->fault == ROSTER_FAKE_FAULT_HTTP_500_HTML)
    {
      call_respond (call, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/html; charset=UTF-8",
                    g_strdup (html_500));
      return;
    }

  g_mutex_lock (&self->lock);
  status = process_locked (self, call, &body);
  g_mutex_unlock (&self->lock);
  g_debug ("%s: HTTP %u", call->method, status);

  switch (call->fault)
    {
    case ROSTER_FAKE_FAULT_CLOSE_AFTER_PROCESSING:
      call_close (call);
      break;
    case ROSTER_FAKE_FAULT_MALFORMED_JSON:
      {
        /* Cut mid-document: never valid JSON. */
        gsize len = body != NULL ? strlen (body) : 0;
        char *cut = len > 8 ? g_strndup (body, len / 2) : g_strdup ("{\"status\": \"succ");

        call_respond (call, SOUP_STATUS_OK, "application/json", cut);
      }
      break;
    case ROSTER_FAKE_FAULT_NONE:
    case ROSTER_FAKE_FAULT_HTTP_500_HTML:
    case ROSTER_FAKE_FAULT_CLOSE_BEFORE_PROCESSING:
    case ROSTER_FAKE_FAULT_TIMEOUT:
    case ROSTER_FAKE_FAULT_RATE_LIMIT_STORM:
    default:
      call_respond (call, status, "application/json", g_steal_pointer (&body));
      break;
    }
}

static RosterFakeFault
take_fault_locked (RosterFakeService *self,
                   const char        *method)
{
  for (GList *l = self->faults.head; l != NULL; l = l->next)
    {
      PendingFault *pending = l->data;
      RosterFakeFault fault = pending->fault;

      if (pending->method != NULL && g_strcmp0 (pending->method, method) != 0)
        continue;
      if (--pending->remaining == 0)
        {
          g_queue_delete_link (&self->faults, l);
          g_free (pending->method);
          g_free (pending);
        }
      return fault;
    }
  return ROSTER_FAKE_FAULT_NONE;
}

static gboolean
peek_storm_locked (RosterFakeService *self,
                   const char        *method)
{
  for (GList *l = self->faults.head; l != NULL; l = l->next)
    {
      PendingFault *pending = l->data;

      if (pending->method == NULL || g_strcmp0 (pending->method, method) == 0)
        return pending->fault == ROSTER_FAKE_FAULT_RATE_LIMIT_STORM;
    }
  return FALSE;
}

/* Sliding one-second window per key; only accepted calls enter it. */
static gboolean
rate_check_locked (RosterFakeService *self,
                   const char        *api_key)
{
  gint64 now = g_get_monotonic_time ();
  GQueue *window;

  if (self->strict)
    g_array_append_val (self->strict_arrivals, now);
  if (self->rate_limit == 0)
    return TRUE;
  window = g_hash_table_lookup (self->windows, api_key);
  if (window == NULL)
    {
      window = g_queue_new ();
      g_hash_table_insert (self->windows, g_strdup (api_key), window);
    }
  while (!g_queue_is_empty (window) &&
         *(gint64 *) g_queue_peek_head (window) <= now - G_USEC_PER_SEC)
    g_free (g_queue_pop_head (window));
  if (g_queue_get_length (window) >= self->rate_limit)
    return FALSE;
  g_queue_push_tail (window, g_memdup2 (&now, sizeof now));
  return TRUE;
}

static guint
random_delay_locked (RosterFakeService *self,
                     guint              mean,
                     guint              jitter)
{
  gint64 delay = mean;

  if (jitter > 0)
    delay += g_rand_int_range (self->timing_rand, -(gint32) jitter, (gint32) jitter + 1);
  return (guint) MAX (delay, 0);
}

/* After the network jitter: the checks a real server's middleware does before the work. */
static void
stage_check (Call *call)
{
  RosterFakeService *self = call->service;
  const char *api_key = form_get (call, "api_key");
  g_autoptr(JsonObject) errors = NULL;
  guint latency;

  if (api_key == NULL)
    {
      errors = json_object_new ();
      add_error (errors, "api_key", "The api key field is required.");
      call_respond (call, SOUP_STATUS_BAD_REQUEST, "application/json", errors_body (errors));
      return;
    }

  g_mutex_lock (&self->lock);
  if (!g_hash_table_contains (self->api_keys, api_key))
    {
      g_mutex_unlock (&self->lock);
      call_respond (call, SOUP_STATUS_UNAUTHORIZED, "application/json",
                    g_strdup ("{\"status\":\"error\",\"errors\":{\"api_key\":\"You must specify a valid API key\"}}"));
      return;
    }
  if (peek_storm_locked (self, call->method) || !rate_check_locked (self, api_key))
    {
      if (peek_storm_locked (self, call->method))
        take_fault_locked (self, call->method);
      self->n_rate_limited++;
      g_mutex_unlock (&self->lock);
      call_respond (call, 429 /* Too Many Requests */, "application/json",
                    message_body ("Too many requests"));
      return;
    }
  self->n_accepted++;
  call->fault = take_fault_locked (self, call->method);
  latency = random_delay_locked (self, self->latency_mean, self->latency_jitter);
  g_mutex_unlock (&self->lock);

  switch (call->fault)
    {
    case ROSTER_FAKE_FAULT_CLOSE_BEFORE_PROCESSING:
      call_close (call);
      break;
    case ROSTER_FAKE_FAULT_TIMEOUT:
      call_schedule (call, TIMEOUT_HOLD_MS, stage_hold_expired);
      break;
    case ROSTER_FAKE_FAULT_NONE:
    case ROSTER_FAKE_FAULT_HTTP_500_HTML:
    case ROSTER_FAKE_FAULT_CLOSE_AFTER_PROCESSING:
    case ROSTER_FAKE_FAULT_MALFORMED_JSON:
    case ROSTER_FAKE_FAULT_RATE_LIMIT_STORM:
    default:
      call_schedule (call, latency, stage_process);
      break;
    }
}

/* Strict mode, after the network: one front worker checks requests one at a time, so a burst
 * queues and its later calls are counted later, maybe in the next second of the window. */
static void
stage_strict_arrive (Call *call)
{
  RosterFakeService *self = call->service;
  gint64 now = g_get_monotonic_time ();
  gint64 checked_at;

  g_mutex_lock (&self->lock);
  checked_at = MAX (now, self->strict_front_free_at) + STRICT_CHECK_USEC;
  self->strict_front_free_at = checked_at;
  g_mutex_unlock (&self->lock);

  call_schedule (call, (guint) ((checked_at - now) / G_TIME_SPAN_MILLISECOND), stage_check);
}

static void
respond_now (RosterFakeService *self,
             SoupServerMessage *msg,
             const char        *method,
             guint              status,
             const char        *content_type,
             char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
  emit_handled (self, method, status);
}

static GHashTable *
decode_form (SoupServerMessage *msg)
{
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  const char *content_type;
  g_autofree char *text = NULL;

  content_type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg),
                                                        NULL);
  /* Like Laravel, a body of another type carries no fields at all. */
  if (g_strcmp0 (content_type, "application/x-www-form-urlencoded") != 0 ||
      request_body->length == 0)
    return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  text = g_strndup (request_body->data, request_body->length);
  return soup_form_decode (text);
}

static void
record_call_locked (RosterFakeService *self,
                    const char        *method,
                    GHashTable        *form)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->n_calls, method));

  g_hash_table_insert (self->n_calls, (gpointer) method, GUINT_TO_POINTER (count + 1));
  self->n_calls_total++;

  /* The key is a secret: it never enters what tests can read back. */
  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (key, "api_key") != 0)
      g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  g_hash_table_insert (self->last_forms, (gpointer) method, copy);
}

/* The key belongs in the form body only: count calls that also put it in the URL or a header. */
static void
check_key_exposure_locked (RosterFakeService *self,
                           SoupServerMessage *msg,
                           GHashTable        *query)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;
  gboolean exposed = query != NULL && g_hash_table_contains (query, "api_key");

  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (!exposed && soup_message_headers_iter_next (&iter, &name, &value))
    {
      GHashTableIter keys;
      gpointer key;

      g_hash_table_iter_init (&keys, self->api_keys);
      while (!exposed && g_hash_table_iter_next (&keys, &key, NULL))
        exposed = strstr (value, key) != NULL;
    }
  if (exposed)
    self->n_key_exposed++;
}

/* Each connection has a port of its own on the client's side, so counting ports counts them. */
static void
record_connection_locked (RosterFakeService *self,
                          SoupServerMessage *msg)
{
  GSocketAddress *address = soup_server_message_get_remote_address (msg);

  if (G_IS_INET_SOCKET_ADDRESS (address))
    g_hash_table_add (self->client_ports,
                      GUINT_TO_POINTER (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address))));
}

static void
handle_api (RosterFakeService *self,
            SoupServerMessage *msg,
            GHashTable        *query,
            Product            product,
            const char        *method)
{
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *location = NULL;
  gboolean is_post = g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_POST) == 0;
  guint redirect_status = 0;
  Call *call;
  guint jitter;

  form = is_post ? decode_form (msg) : g_hash_table_new (g_str_hash, g_str_equal);
  g_mutex_lock (&self->lock);
  record_call_locked (self, method, form);
  record_connection_locked (self, msg);
  check_key_exposure_locked (self, msg, query);
  if (self->redirect_location != NULL &&
      (self->redirect_method == NULL || g_strcmp0 (self->redirect_method, method) == 0))
    {
      location = g_strdup (self->redirect_location);
      redirect_status = self->redirect_status;
    }
  if (self->strict)
    jitter = (guint) g_rand_int_range (self->timing_rand, 0, 2 * STRICT_NETWORK_JITTER_MS + 1);
  else
    jitter = self->network_jitter > 0 ? (guint) g_rand_int_range (self->timing_rand, 0, self->network_jitter + 1) : 0;
  g_mutex_unlock (&self->lock);

  /* A proxy in front of the API would answer before any of it runs. */
  if (location != NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
      respond_now (self, msg, method, redirect_status, NULL, NULL);
      return;
    }

  if (!is_post)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "POST");
      respond_now (self, msg, method, SOUP_STATUS_METHOD_NOT_ALLOWED, "application/json",
                   message_body ("The method is not allowed: use POST."));
      return;
    }

  call = g_new0 (Call, 1);
  call->service = self;
  call->msg = g_object_ref (msg);
  call->product = product;
  call->method = method;
  call->form = g_steal_pointer (&form);
  call->disconnected_id = g_signal_connect (msg, "disconnected", G_CALLBACK (call_disconnected_cb), call);
  self->calls = g_list_prepend (self->calls, call);
  soup_server_message_pause (msg);
  call_schedule (call, jitter, self->strict ? stage_strict_arrive : stage_check);
}

/* Personal links and pictures point at the fake service itself, so demo mode opens something. */
static void
handle_page (RosterFakeService *self,
             SoupServerMessage *msg,
             const char        *path)
{
  static const struct { const char *prefix; const char *title; } pages[] = {
    { "/live/", "Live room" }, { "/replay/", "Replay room" }, { "/thank-you/", "Thank you" },
    { "/unsubscribe/", "Unsubscribed" }, { "/register/", "Registration page" },
    { "/checkout/", "Checkout" },
  };
  const char *method = soup_server_message_get_method (msg);

  if (g_strcmp0 (method, SOUP_METHOD_GET) != 0 && g_strcmp0 (method, SOUP_METHOD_HEAD) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  if (g_str_has_prefix (path, "/media/presenters/"))
    {
      static const char * const colors[] = { "#3584e4", "#2ec27e", "#e66100", "#9141ac", "#c64600" };
      guint n = (guint) g_ascii_strtoull (path + strlen ("/media/presenters/"), NULL, 10);
      char *svg = g_strdup_printf ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"128\" height=\"128\">"
                                   "<circle cx=\"64\" cy=\"64\" r=\"64\" fill=\"%s\"/>"
                                   "<circle cx=\"64\" cy=\"50\" r=\"24\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>"
                                   "<ellipse cx=\"64\" cy=\"112\" rx=\"40\" ry=\"32\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>"
                                   "</svg>", colors[n % G_N_ELEMENTS (colors)]);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/svg+xml", SOUP_MEMORY_TAKE, svg, strlen (svg));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_str_has_prefix (path, pages[i].prefix))
      {
        char *html = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head>"
                                      "<body><h1>%s</h1><p>This page belongs to Roster's demo service; "
                                      "a real webinar would show it here.</p></body></html>\n",
                                      pages[i].title, pages[i].title);

        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "text/html; charset=UTF-8", SOUP_MEMORY_TAKE,
                                          html, strlen (html));
        return;
      }

  {
    char *body = message_body ("Not found");

    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, strlen (body));
  }
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  RosterFakeService *self = user_data;
  Product product;
  const char *rest;
  const char *method;

  if (g_str_has_prefix (path, "/everwebinar/"))
    {
      product = PRODUCT_EVERWEBINAR;
      rest = path + strlen ("/everwebinar/");
    }
  else if (g_str_has_prefix (path, "/webinarjam/"))
    {
      product = PRODUCT_WEBINARJAM;
      rest = path + strlen ("/webinarjam/");
    }
  else
    {
      handle_page (self, msg, path);
      return;
    }

  method = intern_method (rest);
  if (method == NULL)
    {
      char *body = message_body ("Not found");

      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, strlen (body));
      return;
    }
  handle_api (self, msg, query, product, method);
}

/* ---- lifecycle ------------------------------------------------------------------------------- */

static gboolean
setup_server (RosterFakeService  *self,
              GError            **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocketAddress) bound = NULL;

  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, self->requested_port);

  server = soup_server_new ("server-header", "Roster-Fake/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (server, NULL, server_cb, self, NULL);

  /* Our own socket rather than soup_server_listen_local(): its backlog of 10 resets
   * connections when a client opens dozens at once, as benchmarks do. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_mutex_lock (&self->lock);
  g_socket_set_listen_backlog (socket, self->strict ? STRICT_LISTEN_BACKLOG : 512);
  g_mutex_unlock (&self->lock);
  if (!g_socket_bind (socket, address, TRUE, error) ||
      !g_socket_listen (socket, error) ||
      !soup_server_listen_socket (server, socket, 0, error))
    return FALSE;

  /* Not soup_server_get_uris(): libsoup 3.2 leaks the address it builds. */
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return FALSE;
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  self->server = g_steal_pointer (&server);
  return TRUE;
}

/* Runs on the server's context. */
static void
teardown_server (RosterFakeService *self)
{
  if (self->server == NULL)
    return;
  while (self->streams != NULL)
    stream_free (self->streams->data);
  soup_server_disconnect (self->server);
  while (self->calls != NULL)
    {
      Call *call = self->calls->data;

      self->calls = g_list_delete_link (self->calls, self->calls);
      call_free (call);
    }
  g_clear_object (&self->server);
}

static gpointer
server_thread (gpointer user_data)
{
  RosterFakeService *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (self->context);
  ok = setup_server (self, &error);

  g_mutex_lock (&self->lock);
  self->thread_ready = TRUE;
  self->thread_error = g_steal_pointer (&error);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  if (ok)
    g_main_loop_run (self->loop);

  teardown_server (self);
  /* Let libsoup's pending completions run so nothing it owns outlives the thread. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/**
 * roster_fake_service_start:
 *
 * Listens on 127.0.0.1 at a free port and serves on the thread-default main context.
 */
gboolean
roster_fake_service_start (RosterFakeService  *self,
                           GError            **error)
{
  return roster_fake_service_start_on_port (self, 0, error);
}

/* As roster_fake_service_start(), on a given port (0: a free one). */
gboolean
roster_fake_service_start_on_port (RosterFakeService  *self,
                                   guint               port,
                                   GError            **error)
{
  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), FALSE);
  g_return_val_if_fail (self->server == NULL && self->thread == NULL, FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);

  self->requested_port = port;
  self->context = g_main_context_ref_thread_default ();
  if (!setup_server (self, error))
    {
      g_clear_pointer (&self->context, g_main_context_unref);
      return FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
  return TRUE;
}

gboolean
roster_fake_service_start_in_thread (RosterFakeService  *self,
                                     GError            **error)
{
  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), FALSE);
  g_return_val_if_fail (self->server == NULL && self->thread == NULL, FALSE);

  /* Its own context in its own thread, so a client's loop and the server never share one. */
  self->requested_port = 0;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread_ready = FALSE;
  self->thread = g_thread_new ("roster-fake", server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->thread_ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->thread_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->thread_error));
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
      return FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
  return TRUE;
}

void
roster_fake_service_stop (RosterFakeService *self)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));

  if (self->thread != NULL)
    {
      g_main_loop_quit (self->loop);
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
    }
  else
    {
      teardown_server (self);
    }
  g_clear_pointer (&self->context, g_main_context_unref);
}

gboolean
roster_fake_service_is_running (RosterFakeService *self)
{
  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), FALSE);

  return self->server != NULL || self->thread != NULL;
}

static void
pending_fault_free (gpointer data)
{
  PendingFault *pending = data;

  g_free (pending->method);
  g_free (pending);
}

static void
roster_fake_service_dispose (GObject *object)
{
  RosterFakeService *self = (RosterFakeService *) object;

  roster_fake_service_stop (self);

  G_OBJECT_CLASS (roster_fake_service_parent_class)->dispose (object);
}

static void
roster_fake_service_finalize (GObject *object)
{
  RosterFakeService *self = (RosterFakeService *) object;

  g_queue_clear_full (&self->faults, pending_fault_free);
  g_clear_pointer (&self->data, fake_data_free);
  g_free (self->redirect_method);
  g_free (self->redirect_location);
  g_hash_table_unref (self->lagging);
  g_hash_table_unref (self->api_keys);
  g_hash_table_unref (self->windows);
  g_array_unref (self->strict_arrivals);
  g_hash_table_unref (self->client_ports);
  g_hash_table_unref (self->n_calls);
  g_hash_table_unref (self->registrations);
  g_hash_table_unref (self->last_forms);
  g_rand_free (self->timing_rand);
  g_clear_error (&self->thread_error);
  g_free (self->base_url);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (roster_fake_service_parent_class)->finalize (object);
}

static void
roster_fake_service_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RosterFakeService *self = ROSTER_FAKE_SERVICE (object);

  switch (prop_id)
    {
    case PROP_SEED:
      g_value_set_uint (value, self->seed);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_fake_service_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RosterFakeService *self = ROSTER_FAKE_SERVICE (object);

  switch (prop_id)
    {
    case PROP_SEED:
      self->seed = g_value_get_uint (value);
      g_rand_set_seed (self->timing_rand, self->seed ^ 0x5bd1e995u);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_fake_service_class_init (RosterFakeServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_fake_service_dispose;
  object_class->finalize = roster_fake_service_finalize;
  object_class->get_property = roster_fake_service_get_property;
  object_class->set_property = roster_fake_service_set_property;

  properties[PROP_SEED] =
    g_param_spec_uint ("seed", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RosterFakeService::request-handled:
   * @method: the API method name
   * @status: the HTTP status sent, 0 when the connection was closed unanswered
   *
   * Emitted on the server's context (the worker thread in threaded mode) when a call to
   * the API has been answered or dropped.
   */
  signals[REQUEST_HANDLED] =
    g_signal_new ("request-handled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_UINT);
}

static void
window_free (gpointer data)
{
  g_queue_free_full (data, g_free);
}

static void
roster_fake_service_init (RosterFakeService *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->faults);
  self->timing_rand = g_rand_new_with_seed (0x5bd1e995u);
  self->page_size = 50;
  self->rate_limit = 20;
  self->api_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (self->api_keys, g_strdup (ROSTER_FAKE_DEMO_KEY));
  self->windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, window_free);
  self->n_calls = g_hash_table_new (g_str_hash, g_str_equal);
  self->lagging = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->registrations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->last_forms = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) g_hash_table_unref);
  self->strict_arrivals = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->client_ports = g_hash_table_new (NULL, NULL);
}

RosterFakeService *
roster_fake_service_new (guint32 seed)
{
  return g_object_new (ROSTER_TYPE_FAKE_SERVICE, "seed", seed, NULL);
}

guint32
roster_fake_service_get_seed (RosterFakeService *self)
{
  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), 0);

  return self->seed;
}

const char *
roster_fake_service_get_base_url (RosterFakeService *self)
{
  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), NULL);

  return self->base_url;
}

/**
 * roster_fake_service_dup_endpoint:
 *
 * Returns: the product's base URL, e.g. "http://127.0.0.1:PORT/everwebinar".
 */
char *
roster_fake_service_dup_endpoint (RosterFakeService *self,
                                  gboolean           webinarjam)
{
  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), NULL);
  g_return_val_if_fail (self->base_url != NULL, NULL);

  return g_strconcat (self->base_url, webinarjam ? "/webinarjam" : "/everwebinar", NULL);
}

guint
roster_fake_service_get_port (RosterFakeService *self)
{
  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), 0);

  return self->port;
}

const char *
roster_fake_service_get_api_key (RosterFakeService *self)
{
  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), NULL);

  return ROSTER_FAKE_DEMO_KEY;
}

/* A second account for tests of per-key limits. */
void
roster_fake_service_add_api_key (RosterFakeService *self,
                                 const char        *api_key)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));
  g_return_if_fail (api_key != NULL && *api_key != '\0');

  g_mutex_lock (&self->lock);
  g_hash_table_add (self->api_keys, g_strdup (api_key));
  g_mutex_unlock (&self->lock);
}

/* The key is revoked: its calls get 401 from now on, as when a key is reset in the dashboard. */
void
roster_fake_service_remove_api_key (RosterFakeService *self,
                                    const char        *api_key)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));
  g_return_if_fail (api_key != NULL);

  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->api_keys, api_key);
  g_mutex_unlock (&self->lock);
}

void
roster_fake_service_set_latency (RosterFakeService *self,
                                 guint              mean_ms,
                                 guint              jitter_ms)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));

  g_mutex_lock (&self->lock);
  self->latency_mean = mean_ms;
  self->latency_jitter = MIN (jitter_ms, G_MAXINT32 / 2);
  g_mutex_unlock (&self->lock);
}

void
roster_fake_service_set_network_jitter (RosterFakeService *self,
                                        guint              max_ms)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));

  g_mutex_lock (&self->lock);
  self->network_jitter = MIN (max_ms, G_MAXINT32 / 2);
  g_mutex_unlock (&self->lock);
}

void
roster_fake_service_set_page_size (RosterFakeService *self,
                                   guint              page_size)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));
  g_return_if_fail (page_size > 0);

  g_mutex_lock (&self->lock);
  self->page_size = page_size;
  g_mutex_unlock (&self->lock);
}

void
roster_fake_service_set_rate_limit (RosterFakeService *self,
                                    guint              calls_per_second)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));

  g_mutex_lock (&self->lock);
  self->rate_limit = calls_per_second;
  g_hash_table_remove_all (self->windows);
  g_mutex_unlock (&self->lock);
}

/**
 * roster_fake_service_set_now:
 * @unix_time: the time the service takes as now, 0 for the real clock
 *
 * Pins the clock that dates, sessions and date-range filters use. Set it before the first
 * call to make generated data identical across runs.
 */
void
roster_fake_service_set_now (RosterFakeService *self,
                             gint64             unix_time)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));

  g_mutex_lock (&self->lock);
  self->fixed_now = unix_time;
  g_mutex_unlock (&self->lock);
}

void
roster_fake_service_inject_fault_for_method (RosterFakeService *self,
                                             RosterFakeFault    fault,
                                             const char        *method,
                                             guint              count)
{
  PendingFault *pending;

  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));
  g_return_if_fail (method == NULL || intern_method (method) != NULL);

  if (fault == ROSTER_FAKE_FAULT_NONE || count == 0)
    return;
  pending = g_new0 (PendingFault, 1);
  pending->fault = fault;
  pending->method = g_strdup (method);
  pending->remaining = count;
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->faults, pending);
  g_mutex_unlock (&self->lock);
}

/**
 * roster_fake_service_inject_fault:
 *
 * The next @count calls that get past the rate limit (of any method) suffer @fault;
 * RATE_LIMIT_STORM answers the next @count calls 429 whatever the window says.
 * Faults queue up in the order injected.
 */
void
roster_fake_service_inject_fault (RosterFakeService *self,
                                  RosterFakeFault    fault,
                                  guint              count)
{
  roster_fake_service_inject_fault_for_method (self, fault, NULL, count);
}

void
roster_fake_service_clear_faults (RosterFakeService *self)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));

  g_mutex_lock (&self->lock);
  g_queue_clear_full (&self->faults, pending_fault_free);
  g_mutex_unlock (&self->lock);
}

/**
 * roster_fake_service_set_redirect:
 * @method: (nullable): the API method to redirect, %NULL for every one
 * @status: 301, 302, 303, 307 or 308
 * @location: (nullable): the `Location` to send; %NULL turns redirects off
 *
 * Answers calls with @status and @location without processing them, as a misconfigured proxy
 * in front of the API would. The calls still count in roster_fake_service_get_n_calls().
 */
void
roster_fake_service_set_redirect (RosterFakeService *self,
                                  const char        *method,
                                  guint              status,
                                  const char        *location)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));
  g_return_if_fail (method == NULL || intern_method (method) != NULL);
  g_return_if_fail (location == NULL || SOUP_STATUS_IS_REDIRECTION (status));

  g_mutex_lock (&self->lock);
  g_free (self->redirect_method);
  g_free (self->redirect_location);
  self->redirect_method = g_strdup (method);
  self->redirect_status = status;
  self->redirect_location = g_strdup (location);
  g_mutex_unlock (&self->lock);
}

/**
 * roster_fake_service_set_search_lag:
 * @lag_ms: how long a new registration stays out of `registrants` answers, 0 for not at all
 *
 * Mimics a lagging search index: a registration made from now on appears in `registrants`
 * (whatever the filter) only @lag_ms after it was made. Registration counters see it at once.
 */
void
roster_fake_service_set_search_lag (RosterFakeService *self,
                                    guint              lag_ms)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));

  g_mutex_lock (&self->lock);
  self->search_lag = lag_ms;
  g_mutex_unlock (&self->lock);
}

void
roster_fake_service_set_paging (RosterFakeService *self,
                                RosterFakePaging   paging)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));
  g_return_if_fail (paging <= ROSTER_FAKE_PAGING_STUCK);

  g_mutex_lock (&self->lock);
  self->paging = paging;
  g_mutex_unlock (&self->lock);
}

/**
 * roster_fake_service_set_slow_body:
 * @bytes_per_second: 0 for full speed
 *
 * Headers go out at once; the body of each answer follows at this rate (chunked).
 */
void
roster_fake_service_set_slow_body (RosterFakeService *self,
                                   guint              bytes_per_second)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));

  g_mutex_lock (&self->lock);
  self->slow_body = bytes_per_second;
  g_mutex_unlock (&self->lock);
}

/**
 * roster_fake_service_set_huge_body:
 * @bytes: 0 for normal answers
 *
 * Every API answer becomes a 200 with a JSON document of @bytes bytes, generated (chunked) as
 * the client reads it and never held whole in memory. The call is still processed.
 */
void
roster_fake_service_set_huge_body (RosterFakeService *self,
                                   guint64            bytes)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));

  g_mutex_lock (&self->lock);
  self->huge_body = bytes;
  g_mutex_unlock (&self->lock);
}

/**
 * roster_fake_service_set_registrant_count:
 *
 * Regenerates the webinar's registrants (up to a million), dropping registrations made
 * through the API. Returns %FALSE when there is no such webinar.
 */
gboolean
roster_fake_service_set_registrant_count (RosterFakeService *self,
                                          gint64             webinar_id,
                                          guint              n_registrants)
{
  FakeWebinar *webinar;

  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), FALSE);

  g_mutex_lock (&self->lock);
  webinar = fake_data_find_webinar_any (ensure_data_locked (self), webinar_id);
  if (webinar != NULL)
    fake_webinar_regenerate (webinar, n_registrants, now_unix_locked (self));
  g_mutex_unlock (&self->lock);
  return webinar != NULL;
}

/**
 * roster_fake_service_dup_webinar_ids:
 *
 * Returns: (transfer full): the IDs of one product's webinars, in the order `webinars` lists them.
 */
gint64 *
roster_fake_service_dup_webinar_ids (RosterFakeService *self,
                                     gboolean           webinarjam,
                                     guint             *n_ids)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  FakeData *data;

  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), NULL);

  g_mutex_lock (&self->lock);
  data = ensure_data_locked (self);
  for (guint i = 0; i < data->webinars->len; i++)
    {
      FakeWebinar *webinar = g_ptr_array_index (data->webinars, i);

      if (webinar->webinarjam == webinarjam)
        g_array_append_val (ids, webinar->id);
    }
  g_mutex_unlock (&self->lock);
  if (n_ids != NULL)
    *n_ids = ids->len;
  return (gint64 *) g_array_free (ids, FALSE);
}

/* The EverWebinar webinar with the most registrants (2,400 by default). */
gint64
roster_fake_service_get_main_webinar_id (RosterFakeService *self)
{
  gint64 id;

  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), 0);

  g_mutex_lock (&self->lock);
  id = ((FakeWebinar *) g_ptr_array_index (ensure_data_locked (self)->webinars, 0))->id;
  g_mutex_unlock (&self->lock);
  return id;
}

guint
roster_fake_service_get_registrant_count (RosterFakeService *self,
                                          gint64             webinar_id)
{
  FakeWebinar *webinar;
  guint n = 0;

  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), 0);

  g_mutex_lock (&self->lock);
  webinar = fake_data_find_webinar_any (ensure_data_locked (self), webinar_id);
  if (webinar != NULL)
    n = webinar->generated ? webinar->registrants->len : webinar->n_target;
  g_mutex_unlock (&self->lock);
  return n;
}

/* Counters are written on the server's thread and read on the test's. */
static guint
read_counter (RosterFakeService *self,
              const guint       *counter)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = *counter;
  g_mutex_unlock (&self->lock);
  return n;
}

/* Calls that reached an API method (any status); @method NULL counts all of them. */
guint
roster_fake_service_get_n_calls (RosterFakeService *self,
                                 const char        *method)
{
  guint n;

  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), 0);

  g_mutex_lock (&self->lock);
  n = method == NULL ? self->n_calls_total
                     : GPOINTER_TO_UINT (g_hash_table_lookup (self->n_calls, method));
  g_mutex_unlock (&self->lock);
  return n;
}

/* Calls with a valid key that got past the rate limit (faulted ones included). */
guint
roster_fake_service_get_n_accepted (RosterFakeService *self)
{
  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), 0);

  return read_counter (self, &self->n_accepted);
}

guint
roster_fake_service_get_n_rate_limited (RosterFakeService *self)
{
  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), 0);

  return read_counter (self, &self->n_rate_limited);
}

/* Calls answered or dropped; held (TIMEOUT) calls count when they end. */
guint
roster_fake_service_get_n_handled (RosterFakeService *self)
{
  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), 0);

  return read_counter (self, &self->n_handled);
}

/**
 * roster_fake_service_get_n_registrations:
 * @webinar_id: a webinar, or 0 for all
 * @email: compared case-insensitively
 *
 * Returns: how many registrations `register` created for @email.
 */
guint
roster_fake_service_get_n_registrations (RosterFakeService *self,
                                         gint64             webinar_id,
                                         const char        *email)
{
  g_autofree char *folded = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), 0);
  g_return_val_if_fail (email != NULL, 0);

  folded = g_utf8_casefold (email, -1);
  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->registrations);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *nl = strchr (key, '\n');
      gint64 id = g_ascii_strtoll (key, NULL, 10);

      if ((webinar_id == 0 || id == webinar_id) && g_strcmp0 (nl + 1, folded) == 0)
        n += GPOINTER_TO_UINT (value);
    }
  g_mutex_unlock (&self->lock);
  return n;
}

guint
roster_fake_service_get_n_registrations_total (RosterFakeService *self)
{
  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), 0);

  return read_counter (self, &self->n_registrations_total);
}

/**
 * roster_fake_service_dup_last_form:
 *
 * Returns: (transfer full) (nullable): a copy of the form fields of the last call to
 *   @method, without `api_key`; %NULL if it was never called.
 */
GHashTable *
roster_fake_service_dup_last_form (RosterFakeService *self,
                                   const char        *method)
{
  GHashTable *copy = NULL;
  GHashTable *form;

  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);

  g_mutex_lock (&self->lock);
  form = g_hash_table_lookup (self->last_forms, method);
  if (form != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
    }
  g_mutex_unlock (&self->lock);
  return copy;
}

void
roster_fake_service_reset_counters (RosterFakeService *self)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));

  g_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->n_calls);
  g_hash_table_remove_all (self->registrations);
  g_hash_table_remove_all (self->last_forms);
  self->n_calls_total = 0;
  self->n_accepted = 0;
  self->n_rate_limited = 0;
  self->n_handled = 0;
  self->n_registrations_total = 0;
  self->n_key_exposed = 0;
  g_array_set_size (self->strict_arrivals, 0);
  g_hash_table_remove_all (self->client_ports);
  g_mutex_unlock (&self->lock);
}

/* Calls that carried a valid API key in the URL or a request header as well as (or instead
 * of) the form body: a client must keep this at 0. */
guint
roster_fake_service_get_n_key_exposed (RosterFakeService *self)
{
  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), 0);

  return read_counter (self, &self->n_key_exposed);
}

/**
 * roster_fake_service_set_strict:
 * @self: a #RosterFakeService
 * @strict: whether to behave like a busy real server
 *
 * In strict mode every request arrives 25 ± 25 ms after it was sent (network jitter, before the
 * window check, so a call that arrives later is counted later), one front worker checks requests
 * one at a time (2 ms each, so a burst queues), the rate limit's sliding one-second window
 * counts a call when it is checked, and the listen backlog is small (8; this takes effect at the
 * next start). Every checked call's time is recorded for
 * roster_fake_service_get_peak_per_second(). The other knobs keep working.
 */
void
roster_fake_service_set_strict (RosterFakeService *self,
                                gboolean           strict)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));

  g_mutex_lock (&self->lock);
  self->strict = !!strict;
  g_mutex_unlock (&self->lock);
}

/**
 * roster_fake_service_get_peak_per_second:
 * @self: a #RosterFakeService
 *
 * In strict mode: the most calls (of all keys, accepted or refused with 429) the window check
 * counted within any one second since the last roster_fake_service_reset_counters().
 *
 * Returns: the peak number of calls in any one-second window, as the server saw them
 */
guint
roster_fake_service_get_peak_per_second (RosterFakeService *self)
{
  guint peak = 0;

  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), 0);

  g_mutex_lock (&self->lock);
  /* Times were taken under the lock, so they are in order. */
  for (guint first = 0, last = 0; last < self->strict_arrivals->len; last++)
    {
      gint64 t = g_array_index (self->strict_arrivals, gint64, last);

      while (g_array_index (self->strict_arrivals, gint64, first) <= t - G_USEC_PER_SEC)
        first++;
      peak = MAX (peak, last - first + 1);
    }
  g_mutex_unlock (&self->lock);

  return peak;
}

/**
 * roster_fake_service_get_n_connections:
 * @self: a #RosterFakeService
 *
 * Returns: how many connections API calls came on since the last
 *   roster_fake_service_reset_counters()
 */
guint
roster_fake_service_get_n_connections (RosterFakeService *self)
{
  guint n;

  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), 0);

  g_mutex_lock (&self->lock);
  n = g_hash_table_size (self->client_ports);
  g_mutex_unlock (&self->lock);

  return n;
}
