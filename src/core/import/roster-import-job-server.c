/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-job"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-error.h"
#include "roster-import-job-private.h"

/* The server's health: when it last answered, backing off while it cannot be reached, giving
 * up after the give-up time, and holding the import while the network is gone. */

void
job_set_retry_at (RosterImportJob *self,
                  gint64           retry_at)
{
  if (self->retry_at == retry_at)
    return;

  self->retry_at = retry_at;
  g_object_notify_by_pspec (G_OBJECT (self), job_properties[PROP_RETRY_AT]);
}

/* The server answered (whatever it said): it can be reached. */
void
job_note_contact (RosterImportJob *self)
{
  self->last_contact = g_get_monotonic_time ();
  self->backoff_sec = 0;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  job_set_retry_at (self, 0);
}

static gboolean
retry_cb (gpointer user_data)
{
  RosterImportJob *self = user_data;

  self->retry_id = 0;
  /* retry_at stays set until an answer comes: meanwhile job_pump() sends one call at a time. */
  job_pump (self);

  return G_SOURCE_REMOVE;
}

/* No connection could be made: wait 1, 2, 4 … 60 s between tries, and give up once nothing has
 * answered for the give-up time. */
void
job_note_unreachable (RosterImportJob *self,
                      const GError    *error)
{
  gint64 now = g_get_monotonic_time ();

  if (self->retry_id != 0)
    return;  /* already waiting: other calls of the same wave failed too */

  if (self->give_up_msec > 0 && now - self->last_contact >= (gint64) self->give_up_msec * 1000)
    {
      guint seconds = (self->give_up_msec + 999) / 1000;
      g_autofree char *duration = seconds % 60 == 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", seconds / 60), seconds / 60)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", seconds), seconds);

      job_fail (self, g_error_new (ROSTER_API_ERROR, ROSTER_API_ERROR_NETWORK,
                /* Translators: the first %s is a duration ("5 minutes"), the
                * second says why; the import can be resumed */
                _("Gave up: the server could not be reached for %s (%s). "
                "Nothing was lost: run the same import again to continue."),
                duration, error->message));
      return;
    }

  self->backoff_sec = self->backoff_sec == 0 ? MIN_SERVER_BACKOFF_SEC
                                             : MIN (self->backoff_sec * 2, MAX_SERVER_BACKOFF_SEC);
  g_debug ("Server unreachable (%s); next try in %u s", error->message, self->backoff_sec);
  job_set_retry_at (self, now + (gint64) self->backoff_sec * G_USEC_PER_SEC);
  self->retry_id = g_timeout_add_seconds (self->backoff_sec, retry_cb, self);
}

void
job_network_changed_cb (GNetworkMonitor *monitor,
                        gboolean         available,
                        RosterImportJob *self)
{
  gboolean offline = !g_network_monitor_get_network_available (monitor);

  if (offline == self->offline)
    return;

  self->offline = offline;
  g_debug ("Network %s", offline ? "gone: holding the import" : "back");
  /* Whatever failed while offline says nothing about the server. */
  if (!offline)
    job_note_contact (self);
  g_object_notify_by_pspec (G_OBJECT (self), job_properties[PROP_OFFLINE]);
  job_pump (self);
}
