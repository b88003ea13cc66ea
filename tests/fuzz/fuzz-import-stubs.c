/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "roster-import-plan.h"
#include "fuzz-import-stubs.h"

/* The plan's "already registered" pass talks to the API client, which this target neither
 * needs nor links (no network here): these stand in for it and are never called. */
GType
roster_client_get_type (void)
{
  return G_TYPE_OBJECT;
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
  abort ();
}

GListModel *
roster_client_list_all_registrants_finish (RosterClient  *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  abort ();
}

const char *
roster_registrant_get_email (RosterRegistrant *self)
{
  abort ();
}

static void
log_fatal (const char     *domain,
           GLogLevelFlags  level,
           const char     *message,
           gpointer        user_data)
{
  /* Any warning or critical from reading hostile input is a bug. */
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_printerr ("%s: %s\n", domain ? domain : "", message);
      abort ();
    }
}

/* Makes every warning and critical a crash the fuzzer reports. */
void
roster_fuzz_init_logging (void)
{
  g_log_set_default_handler (log_fatal, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
}
