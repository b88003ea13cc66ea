/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The fake EverWebinar service: the object, its server and thread, and the routing of paths.
 * The API's methods, faults and counters live in the other roster-fake-*.c files. */

#define G_LOG_DOMAIN "roster-fake"

#include "config.h"

#include <string.h>

#include "roster-fake-service-private.h"

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

/* ---- state the other files share ----------------------------------------------------------- */

gint64
fake_service_now_locked (RosterFakeService *self)
{
  return self->fixed_now != 0 ? self->fixed_now : g_get_real_time () / G_USEC_PER_SEC;
}

FakeData *
fake_service_ensure_data_locked (RosterFakeService *self)
{
  if (self->data == NULL)
    self->data = fake_data_new (self->seed, fake_service_now_locked (self));
  return self->data;
}

void
fake_service_emit_handled (RosterFakeService *self,
                           const char        *method,
                           guint              status)
{
  g_mutex_lock (&self->lock);
  self->n_handled++;
  g_mutex_unlock (&self->lock);
  g_signal_emit (self, signals[REQUEST_HANDLED], 0, method, status);
}

/* ---- routing ------------------------------------------------------------------------------- */

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  RosterFakeService *self = user_data;
  FakeProduct product;
  const char *rest;
  const char *method;

  if (g_str_has_prefix (path, "/everwebinar/"))
    {
      product = FAKE_PRODUCT_EVERWEBINAR;
      rest = path + strlen ("/everwebinar/");
    }
  else if (g_str_has_prefix (path, "/webinarjam/"))
    {
      product = FAKE_PRODUCT_WEBINARJAM;
      rest = path + strlen ("/webinarjam/");
    }
  else
    {
      fake_handle_page (self, msg, path);
      return;
    }

  method = fake_intern_method (rest);
  if (method == NULL)
    {
      fake_respond_not_found (msg);
      return;
    }
  fake_call_start (self, msg, query, product, method);
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
  fake_body_free_all (self);
  soup_server_disconnect (self->server);
  while (self->calls != NULL)
    {
      FakeCall *call = self->calls->data;

      self->calls = g_list_delete_link (self->calls, self->calls);
      fake_call_free (call);
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

  g_queue_clear_full (&self->faults, fake_pending_fault_free);
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
  g_hash_table_unref (self->unsubscribes);
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
  self->unsubscribes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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

  SET_KNOB (self, fixed_now, unix_time);
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
  webinar = fake_data_find_webinar_any (fake_service_ensure_data_locked (self), webinar_id);
  if (webinar != NULL)
    fake_webinar_regenerate (webinar, n_registrants, fake_service_now_locked (self));
  g_mutex_unlock (&self->lock);
  return webinar != NULL;
}

/* Finds a registrant under the lock; NULL when the webinar or the lead is unknown. */
static FakeRegistrant *
find_lead_locked (RosterFakeService *self,
                  gint64             webinar_id,
                  gint64             lead_id,
                  FakeWebinar      **webinar_out)
{
  FakeWebinar *webinar = fake_data_find_webinar_any (fake_service_ensure_data_locked (self),
                                                     webinar_id);

  if (webinar == NULL)
    return NULL;
  fake_webinar_ensure_generated (webinar, fake_service_now_locked (self));
  *webinar_out = webinar;
  return fake_webinar_find_lead (webinar, lead_id);
}

/**
 * roster_fake_service_remove_registrant:
 *
 * Deletes a registrant on the server, as the vendor's dashboard can: `registrants` no longer
 * lists them. Returns %FALSE when there is no such registrant.
 */
gboolean
roster_fake_service_remove_registrant (RosterFakeService *self,
                                       gint64             webinar_id,
                                       gint64             lead_id)
{
  FakeWebinar *webinar = NULL;
  FakeRegistrant *r;

  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), FALSE);

  g_mutex_lock (&self->lock);
  r = find_lead_locked (self, webinar_id, lead_id, &webinar);
  if (r != NULL)
    {
      r->removed = TRUE;
      webinar->n_removed++;
    }
  g_mutex_unlock (&self->lock);
  return r != NULL;
}

/**
 * roster_fake_service_set_attended:
 * @live: the live session, else the replay
 *
 * Lets a registrant attend their session (live, two minutes in, for half an hour) or watch
 * its replay (an hour after it). Returns %FALSE when there is no such registrant.
 */
gboolean
roster_fake_service_set_attended (RosterFakeService *self,
                                  gint64             webinar_id,
                                  gint64             lead_id,
                                  gboolean           live)
{
  FakeWebinar *webinar = NULL;
  FakeRegistrant *r;

  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), FALSE);

  g_mutex_lock (&self->lock);
  r = find_lead_locked (self, webinar_id, lead_id, &webinar);
  if (r != NULL && live)
    {
      r->live_join = r->event + 120;
      r->time_live = 1800;
    }
  else if (r != NULL)
    {
      r->replay_at = r->event + 3600;
      r->time_replay = 1200;
    }
  g_mutex_unlock (&self->lock);
  return r != NULL;
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
  data = fake_service_ensure_data_locked (self);
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
  id = ((FakeWebinar *) g_ptr_array_index (fake_service_ensure_data_locked (self)->webinars, 0))->id;
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
  webinar = fake_data_find_webinar_any (fake_service_ensure_data_locked (self), webinar_id);
  if (webinar != NULL)
    n = webinar->generated ? webinar->registrants->len : webinar->n_target;
  g_mutex_unlock (&self->lock);
  return n;
}
