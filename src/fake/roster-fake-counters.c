/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the fake service counts and records for tests to read back. */

#define G_LOG_DOMAIN "roster-fake"

#include "config.h"

#include <string.h>

#include "roster-fake-service-private.h"

/* A deep copy of a form, without the field @except (NULL: none). */
static GHashTable *
copy_form (GHashTable *form,
           const char *except)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (key, except) != 0)
      g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}

static void
record_form_locked (RosterFakeService *self,
                    const char        *method,
                    GHashTable        *form)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->n_calls, method));

  g_hash_table_insert (self->n_calls, (gpointer) method, GUINT_TO_POINTER (count + 1));
  self->n_calls_total++;

  /* The key is a secret: it never enters what tests can read back. */
  g_hash_table_insert (self->last_forms, (gpointer) method, copy_form (form, "api_key"));
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

/* Every call that reaches an API method, whatever becomes of it. */
void
fake_counters_record_call_locked (RosterFakeService *self,
                                  SoupServerMessage *msg,
                                  GHashTable        *query,
                                  const char        *method,
                                  GHashTable        *form)
{
  record_form_locked (self, method, form);
  record_connection_locked (self, msg);
  check_key_exposure_locked (self, msg, query);
}

static char *
registration_key (gint64      webinar_id,
                  const char *email)
{
  g_autofree char *folded = g_utf8_casefold (email, -1);

  return g_strdup_printf ("%" G_GINT64_FORMAT "\n%s", webinar_id, folded);
}

void
fake_counters_record_registration_locked (RosterFakeService *self,
                                          gint64             webinar_id,
                                          const char        *email)
{
  g_autofree char *key = registration_key (webinar_id, email);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->registrations, key));

  g_hash_table_insert (self->registrations, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));
  self->n_registrations_total++;
}

void
fake_counters_record_unsubscribe_locked (RosterFakeService *self,
                                         gint64             webinar_id,
                                         const char        *email)
{
  g_autofree char *key = registration_key (webinar_id, email != NULL ? email : "");
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->unsubscribes, key));

  g_hash_table_insert (self->unsubscribes, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));
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
roster_fake_service_get_n_unsubscribes (RosterFakeService *self,
                                        gint64             webinar_id,
                                        const char        *email)
{
  g_autofree char *key = NULL;
  guint n;

  g_return_val_if_fail (ROSTER_IS_FAKE_SERVICE (self), 0);
  g_return_val_if_fail (email != NULL, 0);

  key = registration_key (webinar_id, email);
  g_mutex_lock (&self->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->unsubscribes, key));
  g_mutex_unlock (&self->lock);
  return n;
}

/**
 * roster_fake_service_get_n_registrations_total:
 *
 * Returns: every registration `register` created
 */
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
    copy = copy_form (form, NULL);
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
  g_hash_table_remove_all (self->unsubscribes);
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
