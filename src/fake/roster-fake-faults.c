/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Fault and rate emulation: injected faults, the rate limit's window, latency and network
 * jitter, strict mode, redirects, search lag and paging modes. Slow and huge bodies are
 * written by roster-fake-body.c; their knobs are here with the others. */

#define G_LOG_DOMAIN "roster-fake"

#include "config.h"

#include "roster-fake-service-private.h"

typedef struct
{
  RosterFakeFault  fault;
  char            *method;   /* NULL: any */
  guint            remaining;
} FakePendingFault;

void
fake_pending_fault_free (gpointer data)
{
  FakePendingFault *pending = data;

  g_free (pending->method);
  g_free (pending);
}

RosterFakeFault
fake_take_fault_locked (RosterFakeService *self,
                        const char        *method)
{
  for (GList *l = self->faults.head; l != NULL; l = l->next)
    {
      FakePendingFault *pending = l->data;
      RosterFakeFault fault = pending->fault;

      if (pending->method != NULL && g_strcmp0 (pending->method, method) != 0)
        continue;
      if (--pending->remaining == 0)
        {
          g_queue_delete_link (&self->faults, l);
          fake_pending_fault_free (pending);
        }
      return fault;
    }
  return ROSTER_FAKE_FAULT_NONE;
}

gboolean
fake_peek_storm_locked (RosterFakeService *self,
                        const char        *method)
{
  for (GList *l = self->faults.head; l != NULL; l = l->next)
    {
      FakePendingFault *pending = l->data;

      if (pending->method == NULL || g_strcmp0 (pending->method, method) == 0)
        return pending->fault == ROSTER_FAKE_FAULT_RATE_LIMIT_STORM;
    }
  return FALSE;
}

/* Sliding one-second window per key; only accepted calls enter it. */
gboolean
fake_rate_check_locked (RosterFakeService *self,
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

guint
fake_random_delay_locked (RosterFakeService *self,
                          guint              mean,
                          guint              jitter)
{
  gint64 delay = mean;

  if (jitter > 0)
    delay += g_rand_int_range (self->timing_rand, -(gint32) jitter, (gint32) jitter + 1);
  return (guint) MAX (delay, 0);
}

/* How long a request takes to reach the server: strict mode's fixed network, or the jitter
 * set with roster_fake_service_set_network_jitter(). */
guint
fake_network_delay_locked (RosterFakeService *self)
{
  if (self->strict)
    return (guint) g_rand_int_range (self->timing_rand, 0, 2 * STRICT_NETWORK_JITTER_MS + 1);
  if (self->network_jitter > 0)
    return (guint) g_rand_int_range (self->timing_rand, 0, self->network_jitter + 1);
  return 0;
}

/* Strict mode, after the network: one front worker checks requests one at a time, so a burst
 * queues and its later calls are counted later, maybe in the next second of the window.
 * Returns how long the call waits for its check, in ms. */
guint
fake_strict_queue_delay (RosterFakeService *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 checked_at;

  g_mutex_lock (&self->lock);
  checked_at = MAX (now, self->strict_front_free_at) + STRICT_CHECK_USEC;
  self->strict_front_free_at = checked_at;
  g_mutex_unlock (&self->lock);

  return (guint) ((checked_at - now) / G_TIME_SPAN_MILLISECOND);
}

/* The Location a misconfigured proxy would answer a call to @method with, or NULL. */
char *
fake_dup_redirect_locked (RosterFakeService *self,
                          const char        *method,
                          guint             *status)
{
  if (self->redirect_location == NULL ||
      (self->redirect_method != NULL && g_strcmp0 (self->redirect_method, method) != 0))
    return NULL;
  *status = self->redirect_status;
  return g_strdup (self->redirect_location);
}

/* A registration just made stays out of searches for the search lag. */
void
fake_search_lag_hide_locked (RosterFakeService *self,
                             gint64             registrant_id)
{
  gint64 visible_at;

  if (self->search_lag == 0)
    return;
  visible_at = g_get_monotonic_time () + (gint64) self->search_lag * 1000;
  g_hash_table_insert (self->lagging, g_memdup2 (&registrant_id, sizeof registrant_id),
                       g_memdup2 (&visible_at, sizeof visible_at));
}

/* Returns: (nullable): the set of registrant IDs searches do not see yet, NULL when none. */
GHashTable *
fake_search_lag_hidden_locked (RosterFakeService *self)
{
  gint64 mono_now;
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_size (self->lagging) == 0)
    return NULL;
  mono_now = g_get_monotonic_time ();
  g_hash_table_iter_init (&iter, self->lagging);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (*(gint64 *) value <= mono_now)
      g_hash_table_iter_remove (&iter);
  return g_hash_table_size (self->lagging) > 0 ? self->lagging : NULL;
}

/* Bends a `registrants` page as the paging mode says. @page_rows holds the indices (of
 * @n_rows) of the page's rows; @last_page and @total are the true ones on entry. */
void
fake_paging_adjust_locked (RosterFakeService *self,
                           guint              n_rows,
                           gint64             page,
                           gint64             skip,
                           guint              per_page,
                           GArray            *page_rows,
                           gint64            *last_page,
                           gint64            *total)
{
  if (self->paging == ROSTER_FAKE_PAGING_ENDLESS)
    {
      /* Past the real rows the pages repeat them, so that no page is ever empty. */
      gboolean empty = page_rows->len == 0;

      for (gint64 k = 0; empty && n_rows > 0 && k < per_page; k++)
        {
          guint index = (guint) ((skip + k) % n_rows);

          g_array_append_val (page_rows, index);
        }
      *last_page = page + 1;
      *total = *last_page * per_page;
    }
  else if (self->paging == ROSTER_FAKE_PAGING_STUCK)
    {
      *last_page = MAX (*last_page, 2);
    }
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

  SET_KNOB (self, network_jitter, MIN (max_ms, G_MAXINT32 / 2));
}

void
roster_fake_service_set_page_size (RosterFakeService *self,
                                   guint              page_size)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));
  g_return_if_fail (page_size > 0);

  SET_KNOB (self, page_size, page_size);
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


void
roster_fake_service_inject_fault_for_method (RosterFakeService *self,
                                             RosterFakeFault    fault,
                                             const char        *method,
                                             guint              count)
{
  FakePendingFault *pending;

  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));
  g_return_if_fail (method == NULL || fake_intern_method (method) != NULL);

  if (fault == ROSTER_FAKE_FAULT_NONE || count == 0)
    return;
  pending = g_new0 (FakePendingFault, 1);
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
  g_queue_clear_full (&self->faults, fake_pending_fault_free);
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
  g_return_if_fail (method == NULL || fake_intern_method (method) != NULL);
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

  SET_KNOB (self, search_lag, lag_ms);
}

void
roster_fake_service_set_paging (RosterFakeService *self,
                                RosterFakePaging   paging)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));
  g_return_if_fail (paging <= ROSTER_FAKE_PAGING_STUCK);

  SET_KNOB (self, paging, paging);
}

void
roster_fake_service_set_order (RosterFakeService *self,
                               RosterFakeOrder    order)
{
  g_return_if_fail (ROSTER_IS_FAKE_SERVICE (self));
  g_return_if_fail (order <= ROSTER_FAKE_ORDER_SCRAMBLED);

  SET_KNOB (self, order, order);
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

  SET_KNOB (self, slow_body, bytes_per_second);
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

  SET_KNOB (self, huge_body, bytes);
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

  SET_KNOB (self, strict, !!strict);
}
