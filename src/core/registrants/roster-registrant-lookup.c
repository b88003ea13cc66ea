/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrant-lookup"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-error.h"
#include "roster-contact.h"
#include "roster-registrant-lookup.h"

/* Whether one person is registered for a webinar (or one of its schedules): `registrants` with
 * `search=<email>`, followed page by page. The search also matches other people whose name or
 * address contains the text, so each registrant's email is compared as the import compares
 * them. Pages are followed only while the server answers the page asked for, and only so far:
 * a search for one address that fills more pages than this is not a search to trust. */

#define MAX_PAGES 10

typedef struct
{
  gint64                  webinar_id;
  char                   *email;
  RosterRegistrantFilter *filter;
  RosterPriority          priority;
  guint                   page;
  GPtrArray              *found;  /* every match, for roster_client_find_registrants_async() */
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_free (lookup->email);
  roster_registrant_filter_free (lookup->filter);
  g_clear_pointer (&lookup->found, g_ptr_array_unref);
  g_free (lookup);
}

static void request_page (GTask *task);

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(RosterRegistrantPage) page = NULL;
  GError *error = NULL;
  GListModel *items;
  guint n_items;

  page = roster_client_list_registrants_finish (ROSTER_CLIENT (object), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A server that ignores `page` would answer page 1 forever. */
  if (roster_registrant_page_get_current_page (page) != lookup->page)
    {
      g_autofree char *sent = g_strdup_printf ("%" G_GINT64_FORMAT, roster_registrant_page_get_current_page (page));

      /* Translators: the first %s and the %u are page numbers */
      g_task_return_new_error (task, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL,
                               _("The server sent page %s when page %u was asked for."),
                               sent, lookup->page);
      return;
    }

  items = roster_registrant_page_get_items (page);
  n_items = g_list_model_get_n_items (items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RosterRegistrant) registrant = g_list_model_get_item (items, i);

      if (!roster_contact_same_email (roster_registrant_get_email (registrant), lookup->email))
        continue;
      if (lookup->found == NULL)
        {
          g_task_return_pointer (task, g_steal_pointer (&registrant), g_object_unref);
          return;
        }
      g_ptr_array_add (lookup->found, g_steal_pointer (&registrant));
    }

  if (n_items == 0 || !roster_registrant_page_has_more (page))
    {
      /* Every match seen: not registered, or registered as found. */
      if (lookup->found != NULL)
        g_task_return_pointer (task, g_steal_pointer (&lookup->found), (GDestroyNotify) g_ptr_array_unref);
      else
        g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (lookup->page >= MAX_PAGES)
    {
      /* Translators: %s is an email address, %u a number of pages */
      g_task_return_new_error (task, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL,
                               _("The search for %s went on for more than %u pages, so not every "
                                 "registrant it found could be checked."),
                               lookup->email, MAX_PAGES);
      return;
    }

  lookup->page++;
  request_page (task);
}

static void
request_page (GTask *task)
{
  Lookup *lookup = g_task_get_task_data (task);

  roster_client_list_registrants_async (g_task_get_source_object (task), lookup->webinar_id,
                                        lookup->filter, lookup->page, lookup->priority,
                                        g_task_get_cancellable (task), page_cb,
                                        g_object_ref (task));
}

static void
start_lookup (RosterClient        *self,
              gint64               webinar_id,
              gint64               schedule_id,
              const char          *email,
              RosterPriority       priority,
              gboolean             all,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Lookup *lookup;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (webinar_id > 0);
  g_return_if_fail (schedule_id >= 0);
  g_return_if_fail (email != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  lookup = g_new0 (Lookup, 1);
  lookup->webinar_id = webinar_id;
  lookup->email = g_strstrip (g_strdup (email));
  lookup->filter = roster_registrant_filter_new ();
  lookup->filter->search = g_strdup (lookup->email);
  lookup->filter->schedule_id = schedule_id;
  lookup->priority = priority;
  lookup->page = 1;
  if (all)
    lookup->found = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);

  request_page (task);
}

/**
 * roster_client_find_registrant_async:
 * @self: a client
 * @webinar_id: the webinar
 * @schedule_id: one of its schedules, or 0 for all of them
 * @email: the person's email address
 * @priority: the limiter's priority for the calls
 * @cancellable: (nullable): cancels the lookup
 * @callback: called with the outcome
 * @user_data: for @callback
 *
 * Looks @email up among the webinar's registrants, reading as many pages of the search as
 * needed, up to a small bound.
 */
void
roster_client_find_registrant_async (RosterClient        *self,
                                     gint64               webinar_id,
                                     gint64               schedule_id,
                                     const char          *email,
                                     RosterPriority       priority,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  start_lookup (self, webinar_id, schedule_id, email, priority, FALSE,
                roster_client_find_registrant_async, cancellable, callback, user_data);
}

/**
 * roster_client_find_registrant_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: where a failure of the lookup goes
 *
 * Returns: (transfer full) (nullable): the person's registration, or %NULL with no error
 *   when they are certainly not registered, or %NULL with @error set when that could not be
 *   told
 */
RosterRegistrant *
roster_client_find_registrant_finish (RosterClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_client_find_registrant_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * roster_client_find_registrants_async:
 *
 * As roster_client_find_registrant_async(), but reads every page of the search and gives
 * every registration of @email: the same address may be registered more than once.
 */
void
roster_client_find_registrants_async (RosterClient        *self,
                                      gint64               webinar_id,
                                      gint64               schedule_id,
                                      const char          *email,
                                      RosterPriority       priority,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  start_lookup (self, webinar_id, schedule_id, email, priority, TRUE,
                roster_client_find_registrants_async, cancellable, callback, user_data);
}

/**
 * roster_client_find_registrants_finish:
 *
 * Returns: (transfer container) (element-type RosterRegistrant): every registration of the
 *   address (maybe none), or %NULL with @error set when that could not be told
 */
GPtrArray *
roster_client_find_registrants_finish (RosterClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_client_find_registrants_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
