/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include "roster-client-private.h"

/* Opening connections before a run, so that released calls go out at once. */

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
