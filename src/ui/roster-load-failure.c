/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-load-failure"

#include "config.h"

#include "roster-error.h"
#include "roster-load-failure.h"

/* How a view of an account's data tells the window that a load failed, the same way in every
 * view: "authentication-failed" whenever the server rejected the key (the window asks for a new
 * one), and "network-error" only while older content stays on screen, since otherwise the view's
 * own error page already says it. */

/* Adds both signals, each with the GError, to a view's class. */
void
roster_load_failure_class_add_signals (GObjectClass *klass)
{
  GType type;

  g_return_if_fail (G_IS_OBJECT_CLASS (klass));

  type = G_TYPE_FROM_CLASS (klass);
  /* A refresh failed while content (from the cache or an earlier load) stays on screen. */
  g_signal_new ("network-error", type, G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* The server rejected the key. */
  g_signal_new ("authentication-failed", type, G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

/* Emits the signal @error calls for; @content_shown: whether the view still shows content. */
void
roster_load_failure_report (gpointer      view,
                            const GError *error,
                            gboolean      content_shown)
{
  g_return_if_fail (G_IS_OBJECT (view));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION))
    g_signal_emit_by_name (view, "authentication-failed", error);
  else if (content_shown)
    g_signal_emit_by_name (view, "network-error", error);
}
