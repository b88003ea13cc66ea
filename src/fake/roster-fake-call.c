/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A call's way through the server: the network's delay, the middleware's checks, the
 * method's handler, then the answer or an injected fault. Each stage runs from a source. */

#define G_LOG_DOMAIN "roster-fake"

#include "config.h"

#include <string.h>

#include "roster-fake-service-private.h"

#define TIMEOUT_HOLD_MS 60000

static const struct
{
  const char  *name;
  FakeHandler  handler;
} api_methods[] = {
  { "webinars", fake_handle_webinars },
  { "webinar", fake_handle_webinar },
  { "register", fake_handle_register },
  { "registrants", fake_handle_registrants },
  { "unsubscribe", fake_handle_unsubscribe },
};

/* The method's name as a static string, so that it can key tables and go in signals; NULL when
 * the API has no such method. */
const char *
fake_intern_method (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (api_methods); i++)
    if (g_strcmp0 (api_methods[i].name, name) == 0)
      return api_methods[i].name;
  return NULL;
}

static guint
process_locked (RosterFakeService  *self,
                FakeCall           *call,
                char              **body)
{
  for (guint i = 0; i < G_N_ELEMENTS (api_methods); i++)
    if (call->method == api_methods[i].name)
      return api_methods[i].handler (self, call, body);
  g_return_val_if_reached (SOUP_STATUS_NOT_FOUND);
}

void
fake_call_free (FakeCall *call)
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
call_done (FakeCall *call,
           guint     status)
{
  RosterFakeService *self = call->service;
  const char *method = call->method;

  self->calls = g_list_remove (self->calls, call);
  fake_call_free (call);
  fake_service_emit_handled (self, method, status);
}

static void
call_respond (FakeCall   *call,
              guint       status,
              const char *content_type,
              char       *body)
{
  fake_respond_body (call->service, call->msg, status, content_type, body);
  soup_server_message_unpause (call->msg);
  call_done (call, status);
}

/* Drops the connection without an answer, as a crashed or unplugged server would. */
static void
call_close (FakeCall *call)
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
  FakeCall *call = user_data;
  FakeCallStage stage = call->next_stage;

  g_clear_pointer (&call->source, g_source_unref);
  stage (call);
  return G_SOURCE_REMOVE;
}

/* Every stage runs from a source on the server's context, never inside libsoup's I/O, so a
 * stage may steal the connection safely. */
static void
call_schedule (FakeCall      *call,
               guint          delay_ms,
               FakeCallStage  stage)
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
                      FakeCall          *call)
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
stage_hold_expired (FakeCall *call)
{
  call_close (call);
}

static void
stage_process (FakeCall *call)
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

/* After the network jitter: the checks a real server's middleware does before the work. */
static void
stage_check (FakeCall *call)
{
  RosterFakeService *self = call->service;
  const char *api_key = fake_form_get (call, "api_key");
  g_autoptr(JsonObject) errors = NULL;
  guint latency;

  if (api_key == NULL)
    {
      errors = json_object_new ();
      fake_add_error (errors, "api_key", "The api key field is required.");
      call_respond (call, SOUP_STATUS_BAD_REQUEST, "application/json", fake_errors_body (errors));
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
  if (fake_peek_storm_locked (self, call->method) || !fake_rate_check_locked (self, api_key))
    {
      if (fake_peek_storm_locked (self, call->method))
        fake_take_fault_locked (self, call->method);
      self->n_rate_limited++;
      g_mutex_unlock (&self->lock);
      call_respond (call, 429 /* Too Many Requests */, "application/json",
                    fake_message_body ("Too many requests"));
      return;
    }
  self->n_accepted++;
  call->fault = fake_take_fault_locked (self, call->method);
  latency = fake_random_delay_locked (self, self->latency_mean, self->latency_jitter);
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
stage_strict_arrive (FakeCall *call)
{
  call_schedule (call, fake_strict_queue_delay (call->service), stage_check);
}

static void
respond_now (RosterFakeService *self,
             SoupServerMessage *msg,
             const char        *method,
             guint              status,
             const char        *content_type,
             char              *body)
{
  fake_respond_now (msg, status, content_type, body);
  fake_service_emit_handled (self, method, status);
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

void
fake_call_start (RosterFakeService *self,
                 SoupServerMessage *msg,
                 GHashTable        *query,
                 FakeProduct        product,
                 const char        *method)
{
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *location = NULL;
  gboolean is_post = g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_POST) == 0;
  guint redirect_status = 0;
  gboolean strict;
  FakeCall *call;
  guint jitter;

  form = is_post ? decode_form (msg) : g_hash_table_new (g_str_hash, g_str_equal);
  g_mutex_lock (&self->lock);
  fake_counters_record_call_locked (self, msg, query, method, form);
  location = fake_dup_redirect_locked (self, method, &redirect_status);
  jitter = fake_network_delay_locked (self);
  strict = self->strict;
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
                   fake_message_body ("The method is not allowed: use POST."));
      return;
    }

  call = g_new0 (FakeCall, 1);
  call->service = self;
  call->msg = g_object_ref (msg);
  call->product = product;
  call->method = method;
  call->form = g_steal_pointer (&form);
  call->disconnected_id = g_signal_connect (msg, "disconnected", G_CALLBACK (call_disconnected_cb), call);
  self->calls = g_list_prepend (self->calls, call);
  soup_server_message_pause (msg);
  call_schedule (call, jitter, strict ? stage_strict_arrive : stage_check);
}
