/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-error.h"
#include "roster-registrant-store-private.h"
#include "roster-store-sync.h"

/* Brings a webinar's stored registrants up to date through the client (so through the
 * limiter, at bulk priority). A full sync reads every page and commits each with the number of
 * the next, so that a crash resumes where it stopped; at its end, whoever it did not see is
 * dropped. A refresh asks only for what can have changed: new sign-ups (the API's date_range)
 * and attendance in the schedules whose sessions took place since (the attendance filters). */

/* Replays are watched after the session: attendance can change this long after it. */
#define REPLAY_WINDOW (3 * 24 * 3600)
/* Sign-ups reach the search a little late, and clocks differ. */
#define CLOCK_MARGIN (15 * 60)
/* More pages than this is a server that pages forever. */
#define MAX_PAGES 200000

struct _RosterStoreSync
{
  GObject                parent_instance;

  RosterRegistrantStore *store;
  RosterClient          *client;
  gint64                 max_age;
  gint64                 now;
  guint                  n_calls;
};

G_DEFINE_FINAL_TYPE (RosterStoreSync, roster_store_sync, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How a sign-up query's pages are read. The API does not say how it sorts them; when a page
 * shows they are sorted by sign-up, only the pages with sign-ups since the last sync are read. */
typedef enum
{
  SIGNUP_ORDER_UNKNOWN,      /* every page, first to last */
  SIGNUP_ORDER_NEWEST_FIRST, /* forward, up to the first page reaching back before the sync */
  SIGNUP_ORDER_OLDEST_FIRST, /* the last page, then back, up to one reaching before the sync */
} SignupOrder;

typedef struct
{
  gint64                webinar_id;
  gboolean              full_requested;
  gint64                now;
  RosterStoreSyncState  state;     /* as stored */
  RosterStoreSyncState  next;      /* what the sync writes with its pages */
  GPtrArray            *filters;   /* RosterRegistrantFilter, NULL for a full sync */
  guint                 filter;    /* the one being read */
  guint                 page;
  SignupOrder           order;     /* how the sign-up query being read is sorted */
  guint                 n_loaded;
  gboolean              done;      /* the page being written is the last */
  RosterRegistrantPage *pending;   /* read, waiting for the attendance count */
  RosterWebinar        *webinar;
} Run;

static void
run_free (Run *run)
{
  g_clear_pointer (&run->filters, g_ptr_array_unref);
  g_clear_object (&run->webinar);
  g_clear_object (&run->pending);
  g_free (run);
}

static void
roster_store_sync_dispose (GObject *object)
{
  RosterStoreSync *self = ROSTER_STORE_SYNC (object);

  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (roster_store_sync_parent_class)->dispose (object);
}

static void
roster_store_sync_class_init (RosterStoreSyncClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = roster_store_sync_dispose;

  /**
   * RosterStoreSync::progress:
   * @n_loaded: registrants read so far
   * @total: how many the server says a full sync reads, -1 when unknown (a refresh)
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_INT64);
}

static void
roster_store_sync_init (RosterStoreSync *self)
{
  self->max_age = ROSTER_STORE_SYNC_DEFAULT_MAX_AGE;
}

RosterStoreSync *
roster_store_sync_new (RosterRegistrantStore *store,
                       RosterClient          *client)
{
  RosterStoreSync *self;

  g_return_val_if_fail (ROSTER_IS_REGISTRANT_STORE (store), NULL);
  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);

  self = g_object_new (ROSTER_TYPE_STORE_SYNC, NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  return self;
}

/* After @seconds since the last full sync, a refresh becomes a full sync. */
void
roster_store_sync_set_max_age (RosterStoreSync *self,
                               gint64           seconds)
{
  g_return_if_fail (ROSTER_IS_STORE_SYNC (self));

  self->max_age = seconds;
}

/* Sets the clock the sync reads (Unix time, 0 for the real one): tests and benchmarks move it
 * together with the fake service's. */
void
roster_store_sync_set_now (RosterStoreSync *self,
                           gint64           unix_time)
{
  g_return_if_fail (ROSTER_IS_STORE_SYNC (self));

  self->now = unix_time;
}

/* How many `registrants` and `webinar` calls this sync object has made. */
guint
roster_store_sync_get_n_calls (RosterStoreSync *self)
{
  g_return_val_if_fail (ROSTER_IS_STORE_SYNC (self), 0);

  return self->n_calls;
}

static gint64
local_midnight (GTimeZone *tz,
                gint64     time,
                int        days)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) in_zone = g_date_time_to_timezone (local, tz);
  g_autoptr(GDateTime) midnight = g_date_time_new (tz, g_date_time_get_year (in_zone),
                                                   g_date_time_get_month (in_zone),
                                                   g_date_time_get_day_of_month (in_zone), 0, 0, 0);
  g_autoptr(GDateTime) moved = g_date_time_add_days (midnight, days);

  return g_date_time_to_unix (moved);
}

static void
add_filter (GPtrArray *filters,
            gint64     schedule_id,
            int        date_range,
            int        attended_live,
            int        attended_replay)
{
  RosterRegistrantFilter *filter = roster_registrant_filter_new ();

  filter->schedule_id = schedule_id;
  filter->date_range = date_range;
  filter->attended_live = attended_live;
  filter->attended_replay = attended_replay;
  g_ptr_array_add (filters, filter);
}

/* The date_range codes that cover every sign-up since @since, in the webinar's zone; FALSE when
 * none does (too long ago: a full sync). */
static gboolean
add_signup_filters (GPtrArray     *filters,
                    RosterWebinar *webinar,
                    gint64         since,
                    gint64         now)
{
  const char *zone = webinar != NULL ? roster_webinar_get_timezone (webinar) : NULL;
  g_autoptr(GTimeZone) tz = zone != NULL ? g_time_zone_new_identifier (zone) : NULL;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  since -= CLOCK_MARGIN;
  if (since >= local_midnight (tz, now, 0))
    add_filter (filters, 0, 1, -1, -1);                /* today */
  else if (since >= local_midnight (tz, now, -1))
    {
      add_filter (filters, 0, 1, -1, -1);              /* today and yesterday */
      add_filter (filters, 0, 2, -1, -1);
    }
  else if (since >= now - 7 * 86400)
    add_filter (filters, 0, 5, -1, -1);                /* last 7 days */
  else if (since >= now - 30 * 86400)
    add_filter (filters, 0, 8, -1, -1);                /* last 30 days */
  else
    return FALSE;
  return TRUE;
}

static void read_page (GTask *task);

static void
emit_progress (GTask                *task,
               RosterRegistrantPage *page)
{
  RosterStoreSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  g_signal_emit (self, signals[PROGRESS], 0, run->n_loaded,
                 run->filters == NULL ? roster_registrant_page_get_total (page) : (gint64) -1);
}

static void
page_written (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!roster_registrant_store_write_finish (ROSTER_REGISTRANT_STORE (source), result, &error))
    g_task_return_error (task, error);
  else if (run->done)
    g_task_return_boolean (task, TRUE);
  else
    read_page (g_steal_pointer (&task));
}

/* Writes @page with the sync state that follows it; @next_page: the page of the current
 * filter to read next, 0 when it is done. */
static void
write_page (GTask                *task,
            RosterRegistrantPage *page,
            guint                 next_page)
{
  RosterStoreSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gboolean more = next_page > 0 && next_page <= MAX_PAGES;
  gboolean last;

  last = !more && (run->filters == NULL || run->filter + 1 >= run->filters->len);
  if (more)
    run->page = next_page;
  else
    {
      g_debug ("webinar %" G_GINT64_FORMAT ": %s %u done at page %u", run->webinar_id,
               run->filters != NULL ? "refresh query" : "full sync", run->filter, run->page);
      run->page = 1;
      run->order = SIGNUP_ORDER_UNKNOWN;
      run->filter++;
    }
  if (run->filters == NULL)
    run->next.resume_page = last ? 0 : run->page;
  run->done = last;
  if (last)
    {
      run->next.last_sync = run->now;
      run->next.kind = run->filters == NULL ? ROSTER_STORE_SYNC_FULL : ROSTER_STORE_SYNC_REFRESH;
      if (run->filters == NULL)
        run->next.full_sync = run->now;
    }
  emit_progress (task, page);
  roster_registrant_store_put_page_async (self->store, run->webinar_id,
                                          roster_registrant_page_get_items (page), &run->next,
                                          cancellable, page_written, task);
}

static void
attendance_counted (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(RosterRegistrantPage) page = g_steal_pointer (&run->pending);
  RosterStoreStats stored;
  GError *error = NULL;

  if (!roster_registrant_store_stats_finish (ROSTER_REGISTRANT_STORE (source), result, &stored,
                                             &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_debug ("webinar %" G_GINT64_FORMAT ": refresh query %u: %" G_GINT64_FORMAT " attendees stored, %"
           G_GINT64_FORMAT " on the server", run->webinar_id, run->filter, stored.total,
           roster_registrant_page_get_total (page));
  /* Attendance only ever goes from no to yes: as many as the store has means the same people. */
  write_page (task, page, stored.total != roster_registrant_page_get_total (page) ? run->page + 1 : 0);
}

static gboolean
is_attendance (const RosterRegistrantFilter *filter)
{
  return filter != NULL && (filter->attended_live == 1 || filter->attended_replay == 1);
}

static gboolean
is_signups (const RosterRegistrantFilter *filter)
{
  return filter != NULL && filter->date_range > 0 && !is_attendance (filter);
}

/* How @page's rows are sorted by sign-up (UNKNOWN when not, or when it cannot tell), and the
 * earliest sign-up on it. */
static SignupOrder
page_order (RosterRegistrantPage *page,
            gint64               *earliest)
{
  GListModel *items = roster_registrant_page_get_items (page);
  guint n = g_list_model_get_n_items (items);
  gboolean rising = TRUE, falling = TRUE;
  gint64 previous = 0;

  *earliest = G_MAXINT64;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (items, i);
      gint64 t = roster_registrant_get_signup_time (r);

      if (t <= 0)
        return SIGNUP_ORDER_UNKNOWN;
      *earliest = MIN (*earliest, t);
      if (i > 0)
        {
          rising = rising && t >= previous;
          falling = falling && t <= previous;
        }
      previous = t;
    }
  if (n < 2 || rising == falling)
    return SIGNUP_ORDER_UNKNOWN;
  return rising ? SIGNUP_ORDER_OLDEST_FIRST : SIGNUP_ORDER_NEWEST_FIRST;
}

/* The page of a sign-up query to read after @page, 0 for none: only those with sign-ups since
 * the last sync, while the pages keep showing the order the first one showed. A page out of
 * order reads every page after all, from the second on (a page read twice costs a call, a page
 * skipped would lose people). */
static guint
next_signup_page (Run                  *run,
                  RosterRegistrantPage *page)
{
  gint64 since = run->state.last_sync - CLOCK_MARGIN;
  gint64 last_page = roster_registrant_page_get_last_page (page);
  gint64 earliest;
  SignupOrder order = page_order (page, &earliest);

  if (run->page == 1)
    {
      if (!roster_registrant_page_has_more (page))
        return 0;
      run->order = order;
      if (order == SIGNUP_ORDER_OLDEST_FIRST && last_page > 1)
        return (guint) MIN (last_page, MAX_PAGES);
      if (order == SIGNUP_ORDER_NEWEST_FIRST && earliest < since)
        return 0;
      run->order = order == SIGNUP_ORDER_NEWEST_FIRST ? order : SIGNUP_ORDER_UNKNOWN;
      return 2;
    }

  switch (run->order)
    {
    case SIGNUP_ORDER_NEWEST_FIRST:
      if (order != SIGNUP_ORDER_NEWEST_FIRST)
        run->order = SIGNUP_ORDER_UNKNOWN;
      else if (earliest < since)
        return 0;
      return roster_registrant_page_has_more (page) ? run->page + 1 : 0;
    case SIGNUP_ORDER_OLDEST_FIRST:
      if (order != SIGNUP_ORDER_OLDEST_FIRST)
        {
          g_debug ("webinar %" G_GINT64_FORMAT ": sign-ups out of order on page %u, reading them all",
                   run->webinar_id, run->page);
          run->order = SIGNUP_ORDER_UNKNOWN;
          return 2;
        }
      return earliest < since || run->page <= 2 ? 0 : run->page - 1;
    case SIGNUP_ORDER_UNKNOWN:
    default:
      return roster_registrant_page_has_more (page) ? run->page + 1 : 0;
    }
}

static void
page_read (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterStoreSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(RosterRegistrantPage) page = NULL;
  const RosterRegistrantFilter *filter = NULL;
  GError *error = NULL;

  page = roster_client_list_registrants_finish (ROSTER_CLIENT (source), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (roster_registrant_page_get_current_page (page) != run->page)
    {
      /* Translators: a server that answers another page would be read forever */
      g_task_return_new_error (task, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL,
                               _("The server answered another page than page %u"), run->page);
      return;
    }
  run->n_loaded += g_list_model_get_n_items (roster_registrant_page_get_items (page));
  if (run->filters != NULL)
    filter = g_ptr_array_index (run->filters, run->filter);

  /* Before reading every attendee of a schedule again, see whether any are new. */
  if (run->page == 1 && is_attendance (filter) && roster_registrant_page_has_more (page) &&
      roster_registrant_page_get_total (page) >= 0)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      run->pending = g_steal_pointer (&page);
      roster_registrant_store_stats_async (self->store, run->webinar_id, filter, cancellable,
                                           attendance_counted, g_steal_pointer (&task));
      return;
    }
  if (is_signups (filter))
    {
      guint next = next_signup_page (run, page);

      write_page (g_steal_pointer (&task), page, next);
      return;
    }
  write_page (g_steal_pointer (&task), page, roster_registrant_page_has_more (page) ? run->page + 1 : 0);
}

static void
read_page (GTask *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  RosterStoreSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  const RosterRegistrantFilter *filter = NULL;

  if (run->filters != NULL)
    filter = g_ptr_array_index (run->filters, run->filter);
  self->n_calls++;
  roster_client_list_registrants_async (self->client, run->webinar_id, filter, run->page,
                                        ROSTER_PRIORITY_BULK, cancellable,
                                        page_read, task);
}

static void
start_full (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  g_clear_pointer (&run->filters, g_ptr_array_unref);
  run->next = run->state;
  if (run->state.resume_page > 0 && !run->full_requested)
    run->page = run->state.resume_page;   /* a full sync a crash stopped: go on from there */
  else
    {
      run->page = 1;
      run->next.generation = run->state.generation + 1;
    }
  run->next.resume_page = run->page;
  read_page (task);
}

static void
sessions_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GArray) schedules = NULL;
  GError *error = NULL;

  schedules = roster_registrant_store_sessions_finish (ROSTER_REGISTRANT_STORE (source), result,
                                                       &error);
  if (schedules == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < schedules->len; i++)
    {
      gint64 id = g_array_index (schedules, gint64, i);

      add_filter (run->filters, id, -1, 1, -1);
      add_filter (run->filters, id, -1, -1, 1);
    }
  run->next = run->state;
  run->filter = 0;
  run->page = 1;
  read_page (g_steal_pointer (&task));
}

static void
decide (GTask *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  RosterStoreSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  if (run->full_requested || run->state.last_sync == 0 || run->state.resume_page > 0 ||
      run->now - run->state.full_sync > self->max_age)
    {
      start_full (task);
      return;
    }
  run->filters = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_registrant_filter_free);
  if (!add_signup_filters (run->filters, run->webinar, run->state.last_sync, run->now))
    {
      start_full (task);
      return;
    }
  roster_registrant_store_sessions_async (self->store, run->webinar_id,
                                          run->state.last_sync - CLOCK_MARGIN - REPLAY_WINDOW,
                                          run->now, cancellable,
                                          sessions_read, task);
}

static void
webinar_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!roster_registrant_store_write_finish (ROSTER_REGISTRANT_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    decide (g_steal_pointer (&task));
}

static void
webinar_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  RosterStoreSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  run->webinar = roster_client_get_webinar_finish (ROSTER_CLIENT (source), result, &error);
  if (run->webinar == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  roster_registrant_store_put_webinar_async (self->store, run->webinar,
                                             cancellable, webinar_written,
                                             g_steal_pointer (&task));
}

static void
state_read (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  RosterStoreSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!roster_registrant_store_read_state_finish (ROSTER_REGISTRANT_STORE (source), result,
                                                  &run->state, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* The webinar first: its schedules and zone are stored, and the zone says what "today" is. */
  self->n_calls++;
  roster_client_get_webinar_async (self->client, run->webinar_id, NULL,
                                   cancellable, webinar_read,
                                   g_steal_pointer (&task));
}

/**
 * roster_store_sync_run_async:
 * @full: read every page even when a refresh would do
 *
 * Syncs one webinar: a full sync the first time, after a crash stopped one, when the last one
 * is older than the maximum age or when asked; otherwise a refresh.
 */
void
roster_store_sync_run_async (RosterStoreSync     *self,
                             gint64               webinar_id,
                             gboolean             full,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (ROSTER_IS_STORE_SYNC (self));
  g_return_if_fail (webinar_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_store_sync_run_async);
  run = g_new0 (Run, 1);
  run->webinar_id = webinar_id;
  run->full_requested = full;
  run->now = self->now > 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  roster_registrant_store_read_state_async (self->store, webinar_id, cancellable, state_read,
                                            g_steal_pointer (&task));
}

/* @kind: (out) (optional): whether it was a full sync or a refresh */
gboolean
roster_store_sync_run_finish (RosterStoreSync      *self,
                              GAsyncResult         *result,
                              RosterStoreSyncKind  *kind,
                              GError              **error)
{
  Run *run;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  run = g_task_get_task_data (G_TASK (result));
  if (kind != NULL)
    *kind = run->filters == NULL ? ROSTER_STORE_SYNC_FULL : ROSTER_STORE_SYNC_REFRESH;
  return g_task_propagate_boolean (G_TASK (result), error);
}
