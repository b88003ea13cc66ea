/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "roster-api-response.h"
#include "roster-client.h"
#include "roster-error.h"

/* How the request path of DESIGN.md is walked: every call is queued on the account's rate
 * limiter; once released it goes out on the one shared SoupSession, never following a redirect,
 * its body read in chunks up to a size cap, each attempt bounded by the timeout and the whole
 * call by the deadline; the answer is mapped to a payload or a ROSTER_API_ERROR; a 429 slows
 * the limiter and puts the call back at the head of its queue. Reads are retried with backoff on
 * transport and 5xx errors. `register` is retried only when no connection to the server was ever
 * made, or it answered 429, since only then is it certain the server did not act on it; anything
 * else is reported as an unknown outcome. */

#define DEFAULT_TIMEOUT_MSEC   30000
#define DEFAULT_DEADLINE_MSEC  120000
#define DEFAULT_MAX_RESPONSE_SIZE (32 * 1024 * 1024)
#define READ_CHUNK_SIZE        (64 * 1024)
#define MAX_RETRIES            3
#define RETRY_BASE_MSEC        250
#define MAX_RATE_LIMITED       60
#define RATE_LIMIT_WAIT_MSEC   1000
/* Pages requested and not yet landed, queued ones included: enough that the limiter always has
 * the next page waiting while about five are at the server (19 a second, up to 250 ms each). */
#define MAX_PAGES_IN_FLIGHT    8

struct _RosterClient
{
  GObject            parent_instance;

  RosterProduct      product;
  char              *endpoint;
  char              *api_key;
  RosterRateLimiter *limiter;
  guint              timeout_msec;
  guint              deadline_msec;
  guint              max_response_size;
  char              *journal_dir;
};

G_DEFINE_FINAL_TYPE (RosterClient, roster_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PRODUCT,
  PROP_ENDPOINT,
  PROP_TIMEOUT,
  PROP_DEADLINE,
  PROP_MAX_RESPONSE_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static void roster_call_enqueue (GTask *task, gboolean at_head);

SoupSession *
roster_client_get_session (void)
{
  static gsize initialized;
  static SoupSession *session;

  if (g_once_init_enter (&initialized))
    {
      g_autofree char *user_agent = g_strdup_printf ("Roster/%s", PACKAGE_VERSION);
      SoupSession *new_session;

      /* Enough connections that throughput never waits on latency: at 20 calls a second and
       * up to a second per call, about twenty are in flight. Timeouts are per call, below. */
      new_session = soup_session_new_with_options ("max-conns", 64,
                                                   "max-conns-per-host", 32,
                                                   "user-agent", user_agent,
                                                   NULL);

      /* Headers only: the body carries the key. */
      if (g_getenv ("ROSTER_DEBUG_HTTP") != NULL)
        {
          g_autoptr(SoupLogger) logger = soup_logger_new (SOUP_LOGGER_LOG_HEADERS);

          soup_session_add_feature (new_session, SOUP_SESSION_FEATURE (logger));
        }

      session = new_session;
      g_once_init_leave (&initialized, 1);
    }

  return session;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* The vendor drops plain connections, and the key must never cross a network in clear text:
 * only https, or plain http to this machine (the fake service). */
gboolean
roster_client_check_endpoint (const char  *endpoint,
                              GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (endpoint != NULL, FALSE);

  uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_VALIDATION,
                   _("“%s” is not a web address."), endpoint);
      return FALSE;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_VALIDATION,
                   _("The API address must not contain a query or a user name."));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri)))
    return TRUE;

  g_set_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_VALIDATION,
               _("The API address must start with https:// (plain http:// is allowed only "
                 "for this computer)."));
  return FALSE;
}

RosterClient *
roster_client_new (RosterProduct   product,
                   const char     *endpoint,
                   const char     *api_key,
                   GError        **error)
{
  g_autoptr(RosterClient) self = NULL;

  g_return_val_if_fail (api_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (endpoint == NULL || *endpoint == '\0')
    endpoint = roster_product_get_default_endpoint (product);

  if (!roster_client_check_endpoint (endpoint, error))
    return NULL;

  if (*api_key == '\0')
    {
      g_set_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION,
                   _("No API key was given."));
      return NULL;
    }

  self = g_object_new (ROSTER_TYPE_CLIENT,
                       "product", product,
                       "endpoint", endpoint,
                       NULL);
  self->api_key = g_strdup (api_key);
  self->limiter = roster_rate_limiter_ref (roster_rate_limiter_get_for_key (api_key));

  return g_steal_pointer (&self);
}

/* Whether the endpoint is this machine (the fake service, the demo): no network is needed. */
gboolean
roster_client_get_is_local (RosterClient *self)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (ROSTER_IS_CLIENT (self), FALSE);

  uri = g_uri_parse (self->endpoint, G_URI_FLAGS_NONE, NULL);
  return uri != NULL && host_is_loopback (g_uri_get_host (uri));
}

RosterProduct
roster_client_get_product (RosterClient *self)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), ROSTER_PRODUCT_EVERWEBINAR);

  return self->product;
}

const char *
roster_client_get_endpoint (RosterClient *self)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);

  return self->endpoint;
}

/**
 * roster_client_dup_account_id:
 *
 * Names the account this client talks to without revealing its key: the SHA-256 (hex) of the
 * product, the endpoint and the SHA-256 of the key.  Import journals carry it, so that an import
 * is only ever resumed with the account that started it.
 */
char *
roster_client_dup_account_id (RosterClient *self)
{
  g_autoptr(GChecksum) checksum = NULL;
  g_autofree char *key_digest = NULL;
  const char *product;

  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);

  key_digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, self->api_key, -1);
  product = roster_product_to_string (self->product);
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) product, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) self->endpoint, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) key_digest, -1);

  return g_strdup (g_checksum_get_string (checksum));
}

/* Where this account's import journals live: NULL for the user's data dir (see
 * roster_import_journal_dup_dir()), or a folder the front end chose, as the demo's temporary one. */
const char *
roster_client_get_journal_dir (RosterClient *self)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);

  return self->journal_dir;
}

void
roster_client_set_journal_dir (RosterClient *self,
                               const char   *dir)
{
  g_return_if_fail (ROSTER_IS_CLIENT (self));

  g_free (self->journal_dir);
  self->journal_dir = g_strdup (dir);
}

RosterRateLimiter *
roster_client_get_rate_limiter (RosterClient *self)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);

  return self->limiter;
}

/* Tests and benchmarks give a client a limiter of their own (another limit, a fake clock). */
void
roster_client_set_rate_limiter (RosterClient      *self,
                                RosterRateLimiter *limiter)
{
  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (limiter != NULL);

  roster_rate_limiter_ref (limiter);
  g_clear_pointer (&self->limiter, roster_rate_limiter_unref);
  self->limiter = limiter;
}

guint
roster_client_get_timeout (RosterClient *self)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), 0);

  return self->timeout_msec;
}

void
roster_client_set_timeout (RosterClient *self,
                           guint         msec)
{
  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (msec > 0);

  if (self->timeout_msec == msec)
    return;

  self->timeout_msec = msec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
roster_client_get_deadline (RosterClient *self)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), 0);

  return self->deadline_msec;
}

/* The most one call may take, its retries included, from the moment it first leaves the queue. */
void
roster_client_set_deadline (RosterClient *self,
                            guint         msec)
{
  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (msec > 0);

  if (self->deadline_msec == msec)
    return;

  self->deadline_msec = msec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE]);
}

guint
roster_client_get_max_response_size (RosterClient *self)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), 0);

  return self->max_response_size;
}

/* Bytes; a longer answer is an error, and no more of it is read. */
void
roster_client_set_max_response_size (RosterClient *self,
                                     guint         bytes)
{
  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (bytes > 0 && bytes <= G_MAXINT);

  if (self->max_response_size == bytes)
    return;

  self->max_response_size = bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RESPONSE_SIZE]);
}

/* ---- Warm connections ------------------------------------------------------------------------ */

typedef struct
{
  guint   pending;
  GError *error;   /* the first */
} WarmUp;

static void
warm_up_free (WarmUp *warm_up)
{
  g_clear_error (&warm_up->error);
  g_free (warm_up);
}

static void
roster_client_preconnected_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WarmUp *warm_up = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!soup_session_preconnect_finish (SOUP_SESSION (object), result, &error) && warm_up->error == NULL)
    warm_up->error = g_steal_pointer (&error);

  if (--warm_up->pending > 0)
    return;

  if (warm_up->error != NULL)
    g_task_return_error (task, g_steal_pointer (&warm_up->error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * roster_client_warm_up_async:
 * @self: a #RosterClient
 * @n_connections: how many connections to open
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called when they are open
 * @user_data: for @callback
 *
 * Opens @n_connections keep-alive connections to the endpoint (TLS handshake included) before
 * a run, so that a call the rate limiter releases goes out at once on an open connection
 * instead of arriving at the server a handshake later than its slot. Sends no request.
 */
void
roster_client_warm_up_async (RosterClient        *self,
                             guint                n_connections,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WarmUp *warm_up;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (n_connections > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_warm_up_async);
  warm_up = g_new0 (WarmUp, 1);
  warm_up->pending = n_connections;
  g_task_set_task_data (task, warm_up, (GDestroyNotify) warm_up_free);

  for (guint i = 0; i < n_connections; i++)
    {
      g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_POST, self->endpoint);

      /* A connection of its own each, even when one is idle already. */
      soup_message_add_flags (message, SOUP_MESSAGE_NEW_CONNECTION);
      soup_session_preconnect_async (roster_client_get_session (), message, G_PRIORITY_DEFAULT,
                                     cancellable, roster_client_preconnected_cb, g_object_ref (task));
    }
}

gboolean
roster_client_warm_up_finish (RosterClient  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- One call ---------------------------------------------------------------------------- */

static GHashTable *
form_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

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

static GTask *
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
static GError *
outcome_unknown_error_new (const char *cause)
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
  g_task_return_error (task, outcome_unknown_error_new (cause));
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
  form = form_new ();
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
static void
roster_call_enqueue (GTask    *task,
                     gboolean  at_head)
{
  RosterCall *call = g_task_get_task_data (task);

  roster_rate_limiter_enqueue (call->client->limiter, call->priority, at_head,
                               call->cancellable, roster_call_released_cb, task);
}

static gpointer
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

/* ---- webinars ---------------------------------------------------------------------------- */

void
roster_client_list_webinars_async (RosterClient        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (ROSTER_IS_CLIENT (self));

  roster_call_enqueue (roster_call_new (self, "webinars", "webinars", form_new (),
                                        ROSTER_PRIORITY_INTERACTIVE, TRUE,
                                        roster_client_list_webinars_async,
                                        cancellable, callback, user_data),
                       FALSE);
}

/* Returns an array of RosterWebinar. */
GPtrArray *
roster_client_list_webinars_finish (RosterClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_autoptr(JsonNode) payload = roster_call_finish (self, result, roster_client_list_webinars_async, error);

  if (payload == NULL)
    return NULL;

  return roster_webinar_list_new_from_json (payload, error);
}

/* ---- webinar ------------------------------------------------------------------------------ */

void
roster_client_get_webinar_async (RosterClient        *self,
                                 gint64               webinar_id,
                                 const char          *tz,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GHashTable *form;

  g_return_if_fail (ROSTER_IS_CLIENT (self));

  form = form_new ();
  g_hash_table_insert (form, g_strdup ("webinar_id"), g_strdup_printf ("%" G_GINT64_FORMAT, webinar_id));
  /* WebinarJam's `webinar` takes no zone. */
  if (tz != NULL && *tz != '\0' && self->product == ROSTER_PRODUCT_EVERWEBINAR)
    g_hash_table_insert (form, g_strdup ("timezone"), g_strdup (tz));

  roster_call_enqueue (roster_call_new (self, "webinar", "webinar", form,
                                        ROSTER_PRIORITY_INTERACTIVE, TRUE,
                                        roster_client_get_webinar_async,
                                        cancellable, callback, user_data),
                       FALSE);
}

RosterWebinar *
roster_client_get_webinar_finish (RosterClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_autoptr(JsonNode) payload = roster_call_finish (self, result, roster_client_get_webinar_async, error);

  if (payload == NULL)
    return NULL;

  return roster_webinar_new_from_json (payload, error);
}

/* ---- register ----------------------------------------------------------------------------- */

void
roster_client_register_async (RosterClient               *self,
                              const RosterRegisterParams *params,
                              RosterPriority              priority,
                              GCancellable               *cancellable,
                              GAsyncReadyCallback         callback,
                              gpointer                    user_data)
{
  GHashTable *form;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (params != NULL);

  form = form_new ();
  roster_register_params_add_to_form (params, form);
  /* WebinarJam's `register` takes neither; a series is joined through its first schedule. */
  if (self->product == ROSTER_PRODUCT_WEBINARJAM)
    {
      g_hash_table_remove (form, "date");
      g_hash_table_remove (form, "timezone");
    }

  roster_call_enqueue (roster_call_new (self, "register", "user", form, priority, FALSE,
                                        roster_client_register_async,
                                        cancellable, callback, user_data),
                       FALSE);
}

/* Fails with ROSTER_API_ERROR_OUTCOME_UNKNOWN when the call may have been acted on: never send
 * it again without checking `registrants` first. */
RosterRegistration *
roster_client_register_finish (RosterClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_autoptr(JsonNode) payload = roster_call_finish (self, result, roster_client_register_async, error);
  g_autoptr(GError) local_error = NULL;
  RosterRegistration *registration;

  if (payload == NULL)
    return NULL;

  /* The server said success; a `user` we cannot read does not undo the registration. */
  registration = roster_registration_new_from_json (payload, &local_error);
  if (registration == NULL)
    g_propagate_error (error, outcome_unknown_error_new (local_error->message));

  return registration;
}

/* ---- registrants, one page ----------------------------------------------------------------- */

void
roster_client_list_registrants_async (RosterClient                 *self,
                                      gint64                        webinar_id,
                                      const RosterRegistrantFilter *filter,
                                      guint                         page,
                                      RosterPriority                priority,
                                      GCancellable                 *cancellable,
                                      GAsyncReadyCallback           callback,
                                      gpointer                      user_data)
{
  g_autoptr(GError) error = NULL;
  GHashTable *form;
  GTask *task;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (page >= 1);

  form = form_new ();
  g_hash_table_insert (form, g_strdup ("webinar_id"), g_strdup_printf ("%" G_GINT64_FORMAT, webinar_id));
  g_hash_table_insert (form, g_strdup ("page"), g_strdup_printf ("%u", page));
  if (filter != NULL)
    roster_registrant_filter_add_to_form (filter, form);

  task = roster_call_new (self, "registrants", "registrants", form, priority, TRUE,
                          roster_client_list_registrants_async, cancellable, callback, user_data);

  if (filter != NULL && !roster_registrant_filter_validate (filter, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  roster_call_enqueue (task, FALSE);
}

RosterRegistrantPage *
roster_client_list_registrants_finish (RosterClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_autoptr(JsonNode) payload = roster_call_finish (self, result, roster_client_list_registrants_async, error);

  if (payload == NULL)
    return NULL;

  return roster_registrant_page_new_from_json (payload, error);
}

/* ---- registrants, every page ---------------------------------------------------------------- */

/* Page 1 tells how many pages there are, when the server says; then several pages are in flight
 * at once so that loading does not wait on latency. Without a page count, pages are followed one
 * by one. Pages reach the caller in order, whatever order they land in. */
typedef struct
{
  gint64                  webinar_id;
  RosterRegistrantFilter *filter;
  RosterPriority          priority;
  RosterRegistrantPagesFunc page_func;
  gpointer                page_data;
  GDestroyNotify          page_data_destroy;
  GCancellable           *cancellable;  /* cancels pages in flight once one fails */
  gulong                  cancelled_id;
  GListStore             *store;
  GHashTable             *landed;       /* page number -> RosterRegistrantPage, not yet delivered */
  guint                   next_to_request;
  guint                   next_to_deliver;
  guint                   last_page;    /* 0 while unknown */
  guint                   in_flight;
  gboolean                finished;
} AllPages;

static void
all_pages_free (AllPages *all)
{
  if (all->page_data_destroy != NULL)
    all->page_data_destroy (all->page_data);
  roster_registrant_filter_free (all->filter);
  g_clear_object (&all->cancellable);
  g_clear_object (&all->store);
  g_clear_pointer (&all->landed, g_hash_table_unref);
  g_free (all);
}

static void all_pages_request_more (GTask *task);

typedef struct
{
  GTask *task;
  guint  number;
} PageRequest;

static void
all_pages_finish (GTask  *task,
                  GError *error)
{
  AllPages *all = g_task_get_task_data (task);

  if (all->finished)
    {
      g_clear_error (&error);
      return;
    }
  all->finished = TRUE;
  g_cancellable_cancel (all->cancellable);

  if (all->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), all->cancelled_id);
      all->cancelled_id = 0;
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (all->store), g_object_unref);
}

static void
all_pages_page_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PageRequest *request = user_data;
  g_autoptr(GTask) task = request->task;
  guint number = request->number;
  AllPages *all = g_task_get_task_data (task);
  g_autoptr(RosterRegistrantPage) page = NULL;
  GError *error = NULL;

  g_free (request);

  all->in_flight--;
  page = roster_client_list_registrants_finish (ROSTER_CLIENT (object), result, &error);

  if (all->finished)
    {
      g_clear_error (&error);
      return;
    }

  if (page == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        g_clear_error (&error);  /* one of ours, after another page failed */
      else
        all_pages_finish (task, error);
      return;
    }

  /* A server that ignores `page` would otherwise be followed forever. */
  if (roster_registrant_page_get_current_page (page) != number)
    {
      g_autofree char *sent = g_strdup_printf ("%" G_GINT64_FORMAT, roster_registrant_page_get_current_page (page));

      /* Translators: the first %s and the %u are page numbers */
      all_pages_finish (task, g_error_new (ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL,
                                           _("The server sent page %s when page %u was asked for."),
                                           sent, number));
      return;
    }

  if (number == 1)
    all->last_page = (guint) CLAMP (roster_registrant_page_get_last_page (page), 0, G_MAXUINT);

  g_hash_table_insert (all->landed, GUINT_TO_POINTER (number), g_steal_pointer (&page));

  while ((page = g_hash_table_lookup (all->landed, GUINT_TO_POINTER (all->next_to_deliver))) != NULL)
    {
      GListModel *items = roster_registrant_page_get_items (page);
      guint n_items = g_list_model_get_n_items (items);
      gboolean more;

      g_hash_table_steal (all->landed, GUINT_TO_POINTER (all->next_to_deliver));
      all->next_to_deliver++;

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (items, i);

          g_list_store_append (all->store, item);
        }

      if (all->page_func != NULL)
        all->page_func (page, g_list_model_get_n_items (G_LIST_MODEL (all->store)),
                        roster_registrant_page_get_total (page), all->page_data);

      if (all->last_page > 0)
        more = all->next_to_deliver <= all->last_page && n_items > 0;
      else
        more = roster_registrant_page_has_more (page) && n_items > 0;

      g_clear_object (&page);

      if (!more)
        {
          all_pages_finish (task, NULL);
          return;
        }
    }

  all_pages_request_more (task);
}

static void
all_pages_request_more (GTask *task)
{
  AllPages *all = g_task_get_task_data (task);
  RosterClient *self = g_task_get_source_object (task);

  for (;;)
    {
      PageRequest *request;

      if (all->in_flight >= MAX_PAGES_IN_FLIGHT)
        return;
      /* Without a known page count, only the page after the last delivered one is safe. */
      if (all->last_page == 0 && all->next_to_request > all->next_to_deliver)
        return;
      if (all->last_page > 0 && all->next_to_request > all->last_page)
        return;

      request = g_new0 (PageRequest, 1);
      request->task = g_object_ref (task);
      request->number = all->next_to_request++;
      all->in_flight++;
      roster_client_list_registrants_async (self, all->webinar_id, all->filter,
                                            request->number, all->priority,
                                            all->cancellable, all_pages_page_cb, request);

      if (all->last_page == 0)
        return;
    }
}

static void
all_pages_caller_cancelled_cb (GCancellable *cancellable,
                               GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

void
roster_client_list_all_registrants_async (RosterClient                 *self,
                                          gint64                        webinar_id,
                                          const RosterRegistrantFilter *filter,
                                          RosterPriority                priority,
                                          RosterRegistrantPagesFunc     page_func,
                                          gpointer                      page_data,
                                          GDestroyNotify                page_data_destroy,
                                          GCancellable                 *cancellable,
                                          GAsyncReadyCallback           callback,
                                          gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  AllPages *all;

  g_return_if_fail (ROSTER_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_list_all_registrants_async);

  all = g_new0 (AllPages, 1);
  all->webinar_id = webinar_id;
  all->filter = filter != NULL ? roster_registrant_filter_copy (filter) : roster_registrant_filter_new ();
  all->priority = priority;
  all->page_func = page_func;
  all->page_data = page_data;
  all->page_data_destroy = page_data_destroy;
  all->cancellable = g_cancellable_new ();
  all->store = g_list_store_new (ROSTER_TYPE_REGISTRANT);
  all->landed = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  all->next_to_request = 1;
  all->next_to_deliver = 1;
  g_task_set_task_data (task, all, (GDestroyNotify) all_pages_free);

  if (cancellable != NULL)
    all->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (all_pages_caller_cancelled_cb),
                                               all->cancellable, NULL);

  all_pages_request_more (task);
}

/* Returns a list model of RosterRegistrant, in page order. */
GListModel *
roster_client_list_all_registrants_finish (RosterClient  *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return roster_call_finish (self, result, roster_client_list_all_registrants_async, error);
}

/* ---- unsubscribe ----------------------------------------------------------------------------- */

void
roster_client_unsubscribe_async (RosterClient        *self,
                                 gint64               webinar_id,
                                 gint64               lead_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GHashTable *form;

  g_return_if_fail (ROSTER_IS_CLIENT (self));

  form = form_new ();
  g_hash_table_insert (form, g_strdup ("webinar_id"), g_strdup_printf ("%" G_GINT64_FORMAT, webinar_id));
  g_hash_table_insert (form, g_strdup ("lead_id"), g_strdup_printf ("%" G_GINT64_FORMAT, lead_id));

  /* Unsubscribing twice does no harm, so it is retried like a read. */
  roster_call_enqueue (roster_call_new (self, "unsubscribe", NULL, form,
                                        ROSTER_PRIORITY_INTERACTIVE, TRUE,
                                        roster_client_unsubscribe_async,
                                        cancellable, callback, user_data),
                       FALSE);
}

gboolean
roster_client_unsubscribe_finish (RosterClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(GError) local_error = NULL;

  payload = roster_call_finish (self, result, roster_client_unsubscribe_async, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* ---- GObject ------------------------------------------------------------------------------------ */

static void
roster_client_finalize (GObject *object)
{
  RosterClient *self = ROSTER_CLIENT (object);

  g_clear_pointer (&self->limiter, roster_rate_limiter_unref);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->journal_dir, g_free);
  if (self->api_key != NULL)
    {
      /* Leave no copy of the secret in freed memory. */
      explicit_bzero (self->api_key, strlen (self->api_key));
      g_clear_pointer (&self->api_key, g_free);
    }

  G_OBJECT_CLASS (roster_client_parent_class)->finalize (object);
}

static void
roster_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RosterClient *self = ROSTER_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PRODUCT:
      g_value_set_enum (value, self->product);
      break;
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_msec);
      break;
    case PROP_DEADLINE:
      g_value_set_uint (value, self->deadline_msec);
      break;
    case PROP_MAX_RESPONSE_SIZE:
      g_value_set_uint (value, self->max_response_size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RosterClient *self = ROSTER_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PRODUCT:
      self->product = g_value_get_enum (value);
      break;
    case PROP_ENDPOINT:
      {
        const char *endpoint = g_value_get_string (value);
        gsize len = strlen (endpoint);

        /* One form for the URL join: no trailing slash. */
        while (len > 0 && endpoint[len - 1] == '/')
          len--;
        self->endpoint = g_strndup (endpoint, len);
      }
      break;
    case PROP_TIMEOUT:
      roster_client_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_DEADLINE:
      roster_client_set_deadline (self, g_value_get_uint (value));
      break;
    case PROP_MAX_RESPONSE_SIZE:
      roster_client_set_max_response_size (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_client_class_init (RosterClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_client_finalize;
  object_class->get_property = roster_client_get_property;
  object_class->set_property = roster_client_set_property;

  properties[PROP_PRODUCT] =
    g_param_spec_enum ("product", NULL, NULL,
                       ROSTER_TYPE_PRODUCT, ROSTER_PRODUCT_EVERWEBINAR,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENDPOINT] =
    g_param_spec_string ("endpoint", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_TIMEOUT_MSEC,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_DEADLINE_MSEC,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_RESPONSE_SIZE] =
    g_param_spec_uint ("max-response-size", NULL, NULL,
                       1, G_MAXINT, DEFAULT_MAX_RESPONSE_SIZE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_client_init (RosterClient *self)
{
  self->timeout_msec = DEFAULT_TIMEOUT_MSEC;
  self->deadline_msec = DEFAULT_DEADLINE_MSEC;
  self->max_response_size = DEFAULT_MAX_RESPONSE_SIZE;
}
