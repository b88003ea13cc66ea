/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-client-private.h"

/* Pages requested and not yet landed, queued ones included: enough that the limiter always has
 * the next page waiting while about five are at the server (19 a second, up to 250 ms each). */
#define MAX_PAGES_IN_FLIGHT    8

/* Page 1 tells how many pages there are, when the server says; then several pages are in flight
 * at once so that loading does not wait on latency. Without a page count, pages are followed one
 * by one. Pages reach the caller in order, whatever order they land in. */
typedef struct
{
  gint64                  webinar_id;
  RosterRegistrantFilter *filter;
  RosterPriority          priority;
  RosterRegistrantPagesFunc page_func;
  gpointer                page_data;
  GDestroyNotify          page_data_destroy;
  GCancellable           *cancellable;  /* cancels pages in flight once one fails */
  gulong                  cancelled_id;
  GListStore             *store;
  GHashTable             *landed;       /* page number -> RosterRegistrantPage, not yet delivered */
  guint                   next_to_request;
  guint                   next_to_deliver;
  guint                   last_page;    /* 0 while unknown */
  guint                   in_flight;
  gboolean                finished;
} AllPages;

static void
all_pages_free (AllPages *all)
{
  if (all->page_data_destroy != NULL)
    all->page_data_destroy (all->page_data);
  roster_registrant_filter_free (all->filter);
  g_clear_object (&all->cancellable);
  g_clear_object (&all->store);
  g_clear_pointer (&all->landed, g_hash_table_unref);
  g_free (all);
}

static void all_pages_request_more (GTask *task);

typedef struct
{
  GTask *task;
  guint  number;
} PageRequest;

static void
all_pages_finish (GTask  *task,
                  GError *error)
{
  AllPages *all = g_task_get_task_data (task);

  if (all->finished)
    {
      g_clear_error (&error);
      return;
    }
  all->finished = TRUE;
  g_cancellable_cancel (all->cancellable);

  if (all->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), all->cancelled_id);
      all->cancelled_id = 0;
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (all->store), g_object_unref);
}

static void
all_pages_page_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PageRequest *request = user_data;
  g_autoptr(GTask) task = request->task;
  guint number = request->number;
  AllPages *all = g_task_get_task_data (task);
  g_autoptr(RosterRegistrantPage) page = NULL;
  GError *error = NULL;

  g_free (request);

  all->in_flight--;
  page = roster_client_list_registrants_finish (ROSTER_CLIENT (object), result, &error);

  if (all->finished)
    {
      g_clear_error (&error);
      return;
    }

  if (page == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        g_clear_error (&error);  /* one of ours, after another page failed */
      else
        all_pages_finish (task, error);
      return;
    }

  /* A server that ignores `page` would otherwise be followed forever. */
  if (roster_registrant_page_get_current_page (page) != number)
    {
      g_autofree char *sent = g_strdup_printf ("%" G_GINT64_FORMAT, roster_registrant_page_get_current_page (page));

      /* Translators: the first %s and the %u are page numbers */
      all_pages_finish (task, g_error_new (ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL,
                                           _("The server sent page %s when page %u was asked for."),
                                           sent, number));
      return;
    }

  if (number == 1)
    all->last_page = (guint) CLAMP (roster_registrant_page_get_last_page (page), 0, G_MAXUINT);

  g_hash_table_insert (all->landed, GUINT_TO_POINTER (number), g_steal_pointer (&page));

  while ((page = g_hash_table_lookup (all->landed, GUINT_TO_POINTER (all->next_to_deliver))) != NULL)
    {
      GListModel *items = roster_registrant_page_get_items (page);
      guint n_items = g_list_model_get_n_items (items);
      gboolean more;

      g_hash_table_steal (all->landed, GUINT_TO_POINTER (all->next_to_deliver));
      all->next_to_deliver++;

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (items, i);

          g_list_store_append (all->store, item);
        }

      if (all->page_func != NULL)
        all->page_func (page, g_list_model_get_n_items (G_LIST_MODEL (all->store)),
                        roster_registrant_page_get_total (page), all->page_data);

      if (all->last_page > 0)
        more = all->next_to_deliver <= all->last_page && n_items > 0;
      else
        more = roster_registrant_page_has_more (page) && n_items > 0;

      g_clear_object (&page);

      if (!more)
        {
          all_pages_finish (task, NULL);
          return;
        }
    }

  all_pages_request_more (task);
}

static void
all_pages_request_more (GTask *task)
{
  AllPages *all = g_task_get_task_data (task);
  RosterClient *self = g_task_get_source_object (task);

  for (;;)
    {
      PageRequest *request;

      if (all->in_flight >= MAX_PAGES_IN_FLIGHT)
        return;
      /* Without a known page count, only the page after the last delivered one is safe. */
      if (all->last_page == 0 && all->next_to_request > all->next_to_deliver)
        return;
      if (all->last_page > 0 && all->next_to_request > all->last_page)
        return;

      request = g_new0 (PageRequest, 1);
      request->task = g_object_ref (task);
      request->number = all->next_to_request++;
      all->in_flight++;
      roster_client_list_registrants_async (self, all->webinar_id, all->filter,
                                            request->number, all->priority,
                                            all->cancellable, all_pages_page_cb, request);

      if (all->last_page == 0)
        return;
    }
}

static void
all_pages_caller_cancelled_cb (GCancellable *cancellable,
                               GCancellable *ours)
{
  g_cancellable_cancel (ours);
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
  g_autoptr(GTask) task = NULL;
  AllPages *all;

  g_return_if_fail (ROSTER_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_list_all_registrants_async);

  all = g_new0 (AllPages, 1);
  all->webinar_id = webinar_id;
  all->filter = filter != NULL ? roster_registrant_filter_copy (filter) : roster_registrant_filter_new ();
  all->priority = priority;
  all->page_func = page_func;
  all->page_data = page_data;
  all->page_data_destroy = page_data_destroy;
  all->cancellable = g_cancellable_new ();
  all->store = g_list_store_new (ROSTER_TYPE_REGISTRANT);
  all->landed = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  all->next_to_request = 1;
  all->next_to_deliver = 1;
  g_task_set_task_data (task, all, (GDestroyNotify) all_pages_free);

  if (cancellable != NULL)
    all->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (all_pages_caller_cancelled_cb),
                                               all->cancellable, NULL);

  all_pages_request_more (task);
}

/* Returns a list model of RosterRegistrant, in page order. */
GListModel *
roster_client_list_all_registrants_finish (RosterClient  *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return roster_call_finish (self, result, roster_client_list_all_registrants_async, error);
}
