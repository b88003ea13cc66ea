/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include "roster-client-private.h"

/* The API's methods: each builds its form, sends it down the request path (roster-call.c)
 * and reads the answer into the models. */

/* Every call about one webinar names it first. */
static GHashTable *
form_for_webinar (gint64 webinar_id)
{
  GHashTable *form = roster_form_new ();

  roster_form_add_int (form, "webinar_id", webinar_id);
  return form;
}

void
roster_client_list_webinars_async (RosterClient        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (ROSTER_IS_CLIENT (self));

  roster_call_enqueue (roster_call_new (self, "webinars", "webinars", roster_form_new (),
                                        ROSTER_PRIORITY_INTERACTIVE, TRUE,
                                        roster_client_list_webinars_async,
                                        cancellable, callback, user_data),
                       FALSE);
}

/* Returns an array of RosterWebinar. */
GPtrArray *
roster_client_list_webinars_finish (RosterClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_autoptr(JsonNode) payload = roster_call_finish (self, result, roster_client_list_webinars_async, error);

  if (payload == NULL)
    return NULL;

  return roster_webinar_list_new_from_json (payload, error);
}

void
roster_client_get_webinar_async (RosterClient        *self,
                                 gint64               webinar_id,
                                 const char          *tz,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GHashTable *form;

  g_return_if_fail (ROSTER_IS_CLIENT (self));

  form = form_for_webinar (webinar_id);
  /* WebinarJam's `webinar` takes no zone. */
  if (self->product == ROSTER_PRODUCT_EVERWEBINAR)
    roster_form_add_string (form, "timezone", tz);

  roster_call_enqueue (roster_call_new (self, "webinar", "webinar", form,
                                        ROSTER_PRIORITY_INTERACTIVE, TRUE,
                                        roster_client_get_webinar_async,
                                        cancellable, callback, user_data),
                       FALSE);
}

RosterWebinar *
roster_client_get_webinar_finish (RosterClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_autoptr(JsonNode) payload = roster_call_finish (self, result, roster_client_get_webinar_async, error);

  if (payload == NULL)
    return NULL;

  return roster_webinar_new_from_json (payload, error);
}

void
roster_client_register_async (RosterClient               *self,
                              const RosterRegisterParams *params,
                              RosterPriority              priority,
                              GCancellable               *cancellable,
                              GAsyncReadyCallback         callback,
                              gpointer                    user_data)
{
  GHashTable *form;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (params != NULL);

  form = roster_form_new ();
  roster_register_params_add_to_form (params, form);
  /* WebinarJam's `register` takes neither; a series is joined through its first schedule. */
  if (self->product == ROSTER_PRODUCT_WEBINARJAM)
    {
      g_hash_table_remove (form, "date");
      g_hash_table_remove (form, "timezone");
    }

  roster_call_enqueue (roster_call_new (self, "register", "user", form, priority, FALSE,
                                        roster_client_register_async,
                                        cancellable, callback, user_data),
                       FALSE);
}

/* Fails with ROSTER_API_ERROR_OUTCOME_UNKNOWN when the call may have been acted on: never send
 * it again without checking `registrants` first. */
RosterRegistration *
roster_client_register_finish (RosterClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_autoptr(JsonNode) payload = roster_call_finish (self, result, roster_client_register_async, error);
  g_autoptr(GError) local_error = NULL;
  RosterRegistration *registration;

  if (payload == NULL)
    return NULL;

  /* The server said success; a `user` we cannot read does not undo the registration. */
  registration = roster_registration_new_from_json (payload, &local_error);
  if (registration == NULL)
    g_propagate_error (error, roster_call_outcome_unknown_error_new (local_error->message));

  return registration;
}

void
roster_client_list_registrants_async (RosterClient                 *self,
                                      gint64                        webinar_id,
                                      const RosterRegistrantFilter *filter,
                                      guint                         page,
                                      RosterPriority                priority,
                                      GCancellable                 *cancellable,
                                      GAsyncReadyCallback           callback,
                                      gpointer                      user_data)
{
  g_autoptr(GError) error = NULL;
  GHashTable *form;
  GTask *task;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (page >= 1);

  form = form_for_webinar (webinar_id);
  roster_form_add_int (form, "page", page);
  if (filter != NULL)
    roster_registrant_filter_add_to_form (filter, form);

  task = roster_call_new (self, "registrants", "registrants", form, priority, TRUE,
                          roster_client_list_registrants_async, cancellable, callback, user_data);

  if (filter != NULL && !roster_registrant_filter_validate (filter, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  roster_call_enqueue (task, FALSE);
}

RosterRegistrantPage *
roster_client_list_registrants_finish (RosterClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_autoptr(JsonNode) payload = roster_call_finish (self, result, roster_client_list_registrants_async, error);

  if (payload == NULL)
    return NULL;

  return roster_registrant_page_new_from_json (payload, error);
}

static void
unsubscribe_enqueue (RosterClient        *self,
                     gint64               webinar_id,
                     gint64               lead_id,
                     RosterPriority       priority,
                     gboolean             retried,
                     gpointer             source_tag,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GHashTable *form = form_for_webinar (webinar_id);

  roster_form_add_int (form, "lead_id", lead_id);
  roster_call_enqueue (roster_call_new (self, "unsubscribe", NULL, form, priority, retried, source_tag,
                                        cancellable, callback, user_data),
                       FALSE);
}

void
roster_client_unsubscribe_async (RosterClient        *self,
                                 gint64               webinar_id,
                                 gint64               lead_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (ROSTER_IS_CLIENT (self));

  /* Unsubscribing twice does no harm, so it is retried like a read. */
  unsubscribe_enqueue (self, webinar_id, lead_id, ROSTER_PRIORITY_INTERACTIVE, TRUE,
                       roster_client_unsubscribe_async, cancellable, callback, user_data);
}

/* `unsubscribe` answers 204 with no body: only the error counts. */
static gboolean
unsubscribe_finish (RosterClient  *self,
                    GAsyncResult  *result,
                    gpointer       source_tag,
                    GError       **error)
{
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(GError) local_error = NULL;

  payload = roster_call_finish (self, result, source_tag, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
roster_client_unsubscribe_finish (RosterClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return unsubscribe_finish (self, result, roster_client_unsubscribe_async, error);
}

/* An `unsubscribe` sent at most once, for a batch that keeps its own journal: a failure after
 * the call left is ROSTER_API_ERROR_OUTCOME_UNKNOWN (the caller looks the person up) instead
 * of a silent resend. */
void
roster_client_unsubscribe_once_async (RosterClient        *self,
                                      gint64               webinar_id,
                                      gint64               lead_id,
                                      RosterPriority       priority,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (ROSTER_IS_CLIENT (self));

  unsubscribe_enqueue (self, webinar_id, lead_id, priority, FALSE,
                       roster_client_unsubscribe_once_async, cancellable, callback, user_data);
}

gboolean
roster_client_unsubscribe_once_finish (RosterClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return unsubscribe_finish (self, result, roster_client_unsubscribe_once_async, error);
}
