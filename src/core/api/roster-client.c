/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "roster-client-private.h"

/* RosterClient: one account's endpoint, key, limiter and limits. The request path is in
 * roster-call.c, the API's methods in roster-client-calls.c and roster-client-all-pages.c. */

#define DEFAULT_TIMEOUT_MSEC   30000
#define DEFAULT_DEADLINE_MSEC  120000
#define DEFAULT_MAX_RESPONSE_SIZE (32 * 1024 * 1024)

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

static void
set_uint_property (RosterClient *self,
                   guint        *field,
                   guint         value,
                   guint         prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
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

  set_uint_property (self, &self->timeout_msec, msec, PROP_TIMEOUT);
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

  set_uint_property (self, &self->deadline_msec, msec, PROP_DEADLINE);
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

  set_uint_property (self, &self->max_response_size, bytes, PROP_MAX_RESPONSE_SIZE);
}


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
