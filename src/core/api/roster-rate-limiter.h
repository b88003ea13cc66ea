/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Interactive calls (from the views) always go ahead of bulk calls (from an import). */
typedef enum
{
  ROSTER_PRIORITY_INTERACTIVE,
  ROSTER_PRIORITY_BULK,
} RosterPriority;

/* A GSource subclass, not a GObject: ref/unref wrap g_source_ref/g_source_unref. */
typedef struct _RosterRateLimiter RosterRateLimiter;

/* Monotonic microseconds. */
typedef gint64 (*RosterClockFunc)   (gpointer  user_data);

/* @error == NULL: the call is released, send it now.
 * @error is G_IO_ERROR_CANCELLED: it left the queue because its cancellable fired.
 * @error is G_IO_ERROR_CLOSED: the limiter was finalized with the call still queued.
 * Always invoked from the limiter's main context, never synchronously from
 * roster_rate_limiter_enqueue() nor from inside g_cancellable_cancel(). */
typedef void   (*RosterReleaseFunc) (GError   *error,
                                     gpointer  user_data);

#define ROSTER_TYPE_RATE_LIMITER (roster_rate_limiter_get_type ())

GType              roster_rate_limiter_get_type            (void) G_GNUC_CONST;
RosterRateLimiter *roster_rate_limiter_new                 (guint              max_calls,
                                                            gint64             window_usec);
RosterRateLimiter *roster_rate_limiter_ref                 (RosterRateLimiter *self);
void               roster_rate_limiter_unref               (RosterRateLimiter *self);
void               roster_rate_limiter_set_clock           (RosterRateLimiter *self,
                                                            RosterClockFunc    clock,
                                                            gpointer           user_data);
void               roster_rate_limiter_set_margin          (RosterRateLimiter *self,
                                                            gint64             usec);
gboolean           roster_rate_limiter_set_state_file      (RosterRateLimiter *self,
                                                            const char        *path,
                                                            GError           **error);
void               roster_rate_limiter_enqueue             (RosterRateLimiter *self,
                                                            RosterPriority     priority,
                                                            gboolean           at_head,
                                                            GCancellable      *cancellable,
                                                            RosterReleaseFunc  func,
                                                            gpointer           user_data);
void               roster_rate_limiter_report_rate_limited (RosterRateLimiter *self);
double             roster_rate_limiter_get_pace            (RosterRateLimiter *self);
guint              roster_rate_limiter_get_n_queued        (RosterRateLimiter *self);
gint64             roster_rate_limiter_release_ready       (RosterRateLimiter *self);
RosterRateLimiter *roster_rate_limiter_get_for_key         (const char        *api_key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterRateLimiter, roster_rate_limiter_unref)

G_END_DECLS
