/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the files of RosterClient share: its fields, and the request path (roster-call.c) the
 * API's methods send their calls down. Not part of the client's API. */

#include "roster-api-response.h"
#include "roster-client.h"
#include "roster-error.h"
#include "roster-form.h"

G_BEGIN_DECLS

struct _RosterClient
{
  GObject            parent_instance;

  RosterProduct      product;
  char              *endpoint;
  char              *api_key;
  RosterRateLimiter *limiter;
  guint              timeout_msec;
  guint              deadline_msec;
  guint              max_response_size;
  char              *journal_dir;
};

/* roster-call.c: one call, from the limiter's queue to a payload or an error */
GTask      *roster_call_new                       (RosterClient        *self,
                                                   const char          *method,
                                                   const char          *payload_key,
                                                   GHashTable          *form,
                                                   RosterPriority       priority,
                                                   gboolean             is_read,
                                                   gpointer             source_tag,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
void        roster_call_enqueue                   (GTask               *task,
                                                   gboolean             at_head);
gpointer    roster_call_finish                    (RosterClient        *self,
                                                   GAsyncResult        *result,
                                                   gpointer             source_tag,
                                                   GError             **error);
GError     *roster_call_outcome_unknown_error_new (const char          *cause);

G_END_DECLS
