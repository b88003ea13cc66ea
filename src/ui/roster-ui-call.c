/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-ui-call"

#include "config.h"

#include "roster-ui-call.h"

/* The user data of a widget's async call: what its callback needs to know whether it may
 * touch the widget.  The widget cancels the call's cancellable in dispose, so while that is not
 * cancelled the widget is alive; no reference is held, so a call in flight never keeps a
 * closed dialog around. */

struct _RosterUiCall
{
  gpointer      owner;
  GCancellable *cancellable;
};

RosterUiCall *
roster_ui_call_new (gpointer      owner,
                    GCancellable *cancellable)
{
  RosterUiCall *call;

  g_return_val_if_fail (owner != NULL, NULL);
  g_return_val_if_fail (G_IS_CANCELLABLE (cancellable), NULL);

  call = g_new0 (RosterUiCall, 1);
  call->owner = owner;
  call->cancellable = g_object_ref (cancellable);
  return call;
}

/* The widget, or NULL once the call was cancelled (superseded, or the widget is gone): then
 * nothing of it may be touched. */
gpointer
roster_ui_call_get_owner (RosterUiCall *call)
{
  g_return_val_if_fail (call != NULL, NULL);

  return g_cancellable_is_cancelled (call->cancellable) ? NULL : call->owner;
}

void
roster_ui_call_free (RosterUiCall *call)
{
  if (call == NULL)
    return;

  g_object_unref (call->cancellable);
  g_free (call);
}
