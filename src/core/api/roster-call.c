/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "roster-client-private.h"

/* How the request path of DESIGN.md is walked: every call is queued on the account's rate
 * limiter; once released it goes out on the one shared SoupSession, never following a redirect,
 * its body read in chunks up to a size cap, each attempt bounded by the timeout and the whole
 * call by the deadline; the answer is mapped to a payload or a ROSTER_API_ERROR; a 429 slows
 * the limiter and puts the call back at the head of its queue. Reads are retried with backoff on
 * transport and 5xx errors. `register` is retried only when no connection to the server was ever
 * made, or it answered 429, since only then is it certain the server did not act on it; anything
 * else is reported as an unknown outcome. */

#define READ_CHUNK_SIZE        (64 * 1024)
#define MAX_RETRIES            3
#define RETRY_BASE_MSEC        250
#define MAX_RATE_LIMITED       60
#define RATE_LIMIT_WAIT_MSEC   1000

typedef struct
{
  RosterClient   *client;
  const char     *method;
  const char     *payload_key;
  GHashTable     *form;           /* without the key, which is added only when the body is made */
  RosterPriority  priority;
  gboolean        is_read;
  guint           retries;
  guint           rate_limited;

  GCancellable   *caller_cancellable; /* the task's */
  gulong          caller_cancelled_id;
  /* The call's own, cancelled with the caller's and when the deadline passes: the limiter's
   * queue and every attempt follow it. */
  GCancellable   *cancellable;
  gint64          deadline_at;        /* monotonic µs; 0 until the first attempt */
  guint           deadline_id;
  gboolean        out_of_time;

  /* One attempt */
  SoupMessage    *message;
  GInputStream   *stream;
  GByteArray     *body;
  gboolean        body_complete;
  GCancellable   *attempt_cancellable;
  gulong          cancelled_id;
  guint           timeout_id;
  gboolean        timed_out;
  gint64          sent_at;
} RosterCall;

/* Passes a cancellation on: the caller's to the call, the call's to its attempt. */
static void
roster_call_cancel_cb (GCancellable *cancellable,
                       GCancellable *target)
{
  g_cancellable_cancel (target);
}

static void
roster_call_end_attempt (RosterCall *call)
{
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  if (call->cancelled_id != 0)
    {
      g_cancellable_disconnect (call->cancellable, call->cancelled_id);
      call->cancelled_id = 0;
    }
  if (call->stream != NULL)
    {
      /* Closing a body not read to its end would first read (and wait for) the rest of it;
       * cancelled, libsoup drops the connection instead. */
      if (!call->body_complete)
        g_cancellable_cancel (call->attempt_cancellable);
      g_input_stream_close (call->stream, call->attempt_cancellable, NULL);
      g_clear_object (&call->stream);
    }
  g_clear_pointer (&call->body, g_byte_array_unref);
  call->body_complete = FALSE;
  g_clear_object (&call->attempt_cancellable);
  g_clear_object (&call->message);
}

static void
roster_call_free (RosterCall *call)
{
  roster_call_end_attempt (call);
  g_clear_handle_id (&call->deadline_id, g_source_remove);
  if (call->caller_cancelled_id != 0)
    g_cancellable_disconnect (call->caller_cancellable, call->caller_cancelled_id);
  g_clear_object (&call->caller_cancellable);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->client);
  g_clear_pointer (&call->form, g_hash_table_unref);
  g_free (call);
}

static gboolean
roster_call_caller_cancelled (RosterCall *call)
{
  return g_cancellable_is_cancelled (call->caller_cancellable);
}

GTask *
roster_call_new (RosterClient        *self,
                 const char          *method,
                 const char          *payload_key,
                 GHashTable          *form,
                 RosterPriority       priority,
                 gboolean             is_read,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  RosterCall *call = g_new0 (RosterCall, 1);

  call->client = g_object_ref (self);
  call->method = method;
  call->payload_key = payload_key;
  call->form = form;
  call->priority = priority;
  call->is_read = is_read;
  call->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      call->caller_cancellable = g_object_ref (cancellable);
      call->caller_cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (roster_call_cancel_cb),
                                                         call->cancellable, NULL);
    }

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, method);
  g_task_set_task_data (task, call, (GDestroyNotify) roster_call_free);
  /* The answer is handled where the call was made, which may be on a busy loop. */
  g_task_set_check_cancellable (task, FALSE);

  return task;
}

static gboolean
roster_call_retry_cb (gpointer user_data)
{
  roster_call_enqueue (user_data, TRUE);
  return G_SOURCE_REMOVE;
}

/* Waits with exponential backoff and some jitter, then queues the call again. FALSE when the
 * call has had its retries. */
static gboolean
roster_call_retry_later (GTask *task)
{
  RosterCall *call = g_task_get_task_data (task);
  guint delay;

  if (call->retries >= MAX_RETRIES)
    return FALSE;

  delay = (RETRY_BASE_MSEC << call->retries) + g_random_int_range (0, RETRY_BASE_MSEC);
  /* A retry that could not start before the deadline would only fail later. */
  if (g_get_monotonic_time () + (gint64) delay * 1000 >= call->deadline_at)
    return FALSE;
  call->retries++;
  g_debug ("%s: retry %u in %u ms", call->method, call->retries, delay);
  g_timeout_add (delay, roster_call_retry_cb, g_object_ref (task));

  return TRUE;
}

static gboolean
roster_call_timeout_cb (gpointer user_data)
{
  RosterCall *call = user_data;

  call->timeout_id = 0;
  call->timed_out = TRUE;
  g_cancellable_cancel (call->attempt_cancellable);

  return G_SOURCE_REMOVE;
}

static gboolean
roster_call_deadline_cb (gpointer user_data)
{
  RosterCall *call = user_data;

  call->deadline_id = 0;
  call->out_of_time = TRUE;
  g_cancellable_cancel (call->cancellable);

  return G_SOURCE_REMOVE;
}

/* Whether the server certainly never saw this attempt: it never had a connection, or making
 * one failed. Anything later (a reset, a timeout, even a cancellation) may come after the bytes
 * left, whatever libsoup has reported so far. The message has one hop, to the endpoint's host:
 * redirects are never followed, and libsoup does not restart a POST on another connection. (A
 * 429, the other certain case, is an answer and is handled where answers are.) */
static gboolean
roster_call_certainly_not_sent (RosterCall   *call,
                                const GError *error)
{
  if (soup_message_get_connection_id (call->message) == 0)
    return TRUE;

  return error != NULL &&
         (error->domain == G_RESOLVER_ERROR ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE));
}

/* A failure after the body of a `register` left: the server may or may not have acted. */
GError *
roster_call_outcome_unknown_error_new (const char *cause)
{
  return g_error_new (ROSTER_API_ERROR, ROSTER_API_ERROR_OUTCOME_UNKNOWN,
                      /* Translators: %s says what went wrong */
                      _("The registration was sent, but whether it was made is unknown: %s"),
                      cause);
}

static void
roster_call_return_unknown (GTask      *task,
                            const char *cause)
{
  g_task_return_error (task, roster_call_outcome_unknown_error_new (cause));
}

static char *
roster_call_timeout_message (RosterCall *call)
{
  guint msec = call->out_of_time ? call->client->deadline_msec : call->client->timeout_msec;
  guint seconds = (msec + 999) / 1000;

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The server did not answer within %u second.",
                                       "The server did not answer within %u seconds.",
                                       seconds),
                          seconds);
}

/* Ends the attempt with @message: for a read an error with @read_code, for a `register` (which
 * the server did receive) an unknown outcome. */
static void
roster_call_fail_after_answer (GTask          *task,
                               RosterApiError  read_code,
                               const char     *message)
{
  RosterCall *call = g_task_get_task_data (task);

  roster_call_end_attempt (call);
  if (call->is_read)
    g_task_return_new_error (task, ROSTER_API_ERROR, read_code, "%s", message);
  else
    roster_call_return_unknown (task, message);
}

/* The API never redirects: a 3xx is not a result, and following it would turn the POST into a
 * GET to wherever it points, or resend the form (and the key) there. Only the host is named:
 * the rest of the address may carry anything. */
static void
roster_call_redirected (GTask *task,
                        guint  status)
{
  RosterCall *call = g_task_get_task_data (task);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (call->message),
                                                       "Location");
  g_autoptr(GUri) target = NULL;
  g_autofree char *message = NULL;
  const char *host = NULL;

  if (location != NULL)
    target = g_uri_parse_relative (soup_message_get_uri (call->message), location, SOUP_HTTP_URI_FLAGS, NULL);
  if (target != NULL)
    host = g_uri_get_host (target);

  if (host != NULL && *host != '\0' && strlen (host) <= 253 && g_utf8_validate (host, -1, NULL))
    /* Translators: %u is an HTTP status such as 302, %s a host name such as api.example.com */
    message = g_strdup_printf (_("The server answered with a redirect (HTTP %u) to %s; the API never "
                                 "redirects, so Roster did not follow it."), status, host);
  else
    /* Translators: %u is an HTTP status such as 302 */
    message = g_strdup_printf (_("The server answered with a redirect (HTTP %u); the API never "
                                 "redirects, so Roster did not follow it."), status);

  /* Retrying a read would only be redirected again. */
  roster_call_fail_after_answer (task, ROSTER_API_ERROR_SERVER, message);
}

static void
roster_call_too_large (GTask *task)
{
  RosterCall *call = g_task_get_task_data (task);
  g_autofree char *size = g_format_size_full (call->client->max_response_size, G_FORMAT_SIZE_IEC_UNITS);
  /* Translators: %s is a size such as "32.0 MiB" */
  g_autofree char *message = g_strdup_printf (_("The server’s answer was larger than %s."), size);

  roster_call_fail_after_answer (task, ROSTER_API_ERROR_PROTOCOL, message);
}

static void
roster_call_transport_failed (GTask  *task,
                              GError *error)
{
  RosterCall *call = g_task_get_task_data (task);
  gboolean not_sent = roster_call_certainly_not_sent (call, error);
  gboolean timed_out = call->timed_out || call->out_of_time;
  g_autofree char *message = NULL;

  roster_call_end_attempt (call);

  if (roster_call_caller_cancelled (call) && !timed_out)
    {
      if (!call->is_read && !not_sent)
        roster_call_return_unknown (task, _("the request was cancelled while it was under way"));
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
      return;
    }

  if (error->domain == G_TLS_ERROR)
    {
      g_task_return_new_error (task, ROSTER_API_ERROR, ROSTER_API_ERROR_TLS,
                               _("The secure connection to the server failed: %s"), error->message);
      return;
    }

  if (timed_out)
    message = roster_call_timeout_message (call);
  else
    message = g_strdup_printf (_("Could not reach the server: %s"), error->message);

  if (!call->is_read && !not_sent)
    {
      roster_call_return_unknown (task, message);
      return;
    }

  if (call->out_of_time || !roster_call_retry_later (task))
    g_task_return_new_error (task, ROSTER_API_ERROR, ROSTER_API_ERROR_NETWORK, "%s", message);
}

/* The whole answer is in: map it to a payload or an error. Takes the reference on owned_task. */
static void
roster_call_answered (GTask *owned_task)
{
  g_autoptr(GTask) task = owned_task;
  RosterCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autofree char *content_type = NULL;
  guint status;

  status = soup_message_get_status (call->message);
  content_type = g_strdup (soup_message_headers_get_content_type (soup_message_get_response_headers (call->message), NULL));
  body = g_byte_array_free_to_bytes (g_steal_pointer (&call->body));
  g_debug ("%s: HTTP %u, %" G_GSIZE_FORMAT " bytes after %" G_GINT64_FORMAT " ms", call->method, status,
           g_bytes_get_size (body), (g_get_monotonic_time () - call->sent_at) / 1000);
  roster_call_end_attempt (call);

  if (status == 429 /* Too Many Requests */)
    {
      /* The refused call waits a second (the vendor's rule) and goes back to the head of its
       * queue; the others keep their slots, at a pace the limiter slows a little. */
      roster_rate_limiter_report_rate_limited (call->client->limiter);
      if (++call->rate_limited < MAX_RATE_LIMITED)
        {
          g_timeout_add (RATE_LIMIT_WAIT_MSEC, roster_call_retry_cb, g_steal_pointer (&task));
          return;
        }
    }
  else if (status >= 500)
    {
      if (!call->is_read)
        {
          g_autofree char *cause = g_strdup_printf (_("the server failed (HTTP %u)"), status);

          roster_call_return_unknown (task, cause);
          return;
        }
      if (roster_call_retry_later (task))
        return;
    }

  if (!roster_api_response_parse (status, content_type, body, call->payload_key, &payload, &error))
    {
      /* A `register` answered 2xx but garbled most likely landed. */
      if (!call->is_read && SOUP_STATUS_IS_SUCCESSFUL (status))
        roster_call_return_unknown (task, error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (payload == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    g_task_return_pointer (task, g_steal_pointer (&payload), (GDestroyNotify) json_node_unref);
}

static void roster_call_read_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data);

/* Takes the reference on task. */
static void
roster_call_read_more (GTask *task)
{
  RosterCall *call = g_task_get_task_data (task);
  /* One byte past the cap is enough to tell an answer too large. */
  gsize count = MIN (READ_CHUNK_SIZE, (gsize) call->client->max_response_size + 1 - call->body->len);

  g_input_stream_read_bytes_async (call->stream, count, G_PRIORITY_DEFAULT, call->attempt_cancellable,
                                   roster_call_read_cb, task);
}

static void
roster_call_read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      roster_call_transport_failed (task, error);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      call->body_complete = TRUE;
      roster_call_answered (g_steal_pointer (&task));
      return;
    }

  if (call->body->len + size > call->client->max_response_size)
    {
      roster_call_too_large (task);
      return;
    }

  g_byte_array_append (call->body, g_bytes_get_data (chunk, NULL), size);
  roster_call_read_more (g_steal_pointer (&task));
}

/* The status and headers are in; the body follows, read in chunks up to the size cap. */
static void
roster_call_sent_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  guint status;

  call->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (call->stream == NULL)
    {
      g_debug ("%s: %s after %" G_GINT64_FORMAT " ms", call->method, error->message,
               (g_get_monotonic_time () - call->sent_at) / 1000);
      roster_call_transport_failed (task, error);
      return;
    }

  status = soup_message_get_status (call->message);
  headers = soup_message_get_response_headers (call->message);

  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      roster_call_redirected (task, status);
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > call->client->max_response_size)
    {
      roster_call_too_large (task);
      return;
    }

  call->body = g_byte_array_new ();
  roster_call_read_more (g_steal_pointer (&task));
}

static void
roster_call_released_cb (GError   *error,
                         gpointer  user_data)
{
  GTask *task = user_data;
  RosterCall *call = g_task_get_task_data (task);
  RosterClient *self = call->client;
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *url = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (error != NULL)
    {
      /* Only a call certainly not sent waits in the queue again, so running out of time there
       * is a plain failure, even for `register`. */
      if (call->out_of_time && !roster_call_caller_cancelled (call))
        {
          g_autofree char *message = roster_call_timeout_message (call);

          g_task_return_new_error (task, ROSTER_API_ERROR, ROSTER_API_ERROR_NETWORK, "%s", message);
        }
      else
        g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
      return;
    }

  if (call->deadline_at == 0)
    {
      call->deadline_at = g_get_monotonic_time () + (gint64) self->deadline_msec * 1000;
      call->deadline_id = g_timeout_add (self->deadline_msec, roster_call_deadline_cb, call);
    }

  /* The key joins the form only here, in memory, on its way into the request body. */
  form = roster_form_new ();
  g_hash_table_iter_init (&iter, call->form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (form, g_strdup (key), g_strdup (value));
  g_hash_table_insert (form, g_strdup ("api_key"), g_strdup (self->api_key));

  url = g_strconcat (self->endpoint, "/", call->method, NULL);
  call->message = soup_message_new_from_encoded_form ("POST", url, soup_form_encode_hash (form));
  soup_message_add_flags (call->message, SOUP_MESSAGE_NO_REDIRECT);
  /* Lets a POST go out at once on an open keep-alive connection instead of a new one (libsoup
   * still never sends a POST twice by itself: it restarts only idempotent methods). */
  soup_message_add_flags (call->message, SOUP_MESSAGE_IDEMPOTENT);
  call->timed_out = FALSE;
  call->sent_at = g_get_monotonic_time ();

  call->attempt_cancellable = g_cancellable_new ();
  call->cancelled_id = g_cancellable_connect (call->cancellable, G_CALLBACK (roster_call_cancel_cb),
                                              call->attempt_cancellable, NULL);
  /* Covers the whole exchange, reading the body included. */
  call->timeout_id = g_timeout_add (self->timeout_msec, roster_call_timeout_cb, call);

  soup_session_send_async (roster_client_get_session (), call->message, G_PRIORITY_DEFAULT,
                           call->attempt_cancellable, roster_call_sent_cb, task);
}

/* Takes the reference on task. */
void
roster_call_enqueue (GTask    *task,
                     gboolean  at_head)
{
  RosterCall *call = g_task_get_task_data (task);

  roster_rate_limiter_enqueue (call->client->limiter, call->priority, at_head,
                               call->cancellable, roster_call_released_cb, task);
}

gpointer
roster_call_finish (RosterClient  *self,
                    GAsyncResult  *result,
                    gpointer       source_tag,
                    GError       **error)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
