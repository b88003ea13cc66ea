/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrants-view"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-registrant-format.h"
#include "roster-registrants-columns.h"
#include "roster-registrants-view-private.h"
#include "roster-top-pin.h"

/* The registrants view's data: the account's local store, read through a model over SQL
 * (filters, search and order are SQL; rows are made only for what is on screen), shown at
 * once, then brought up to date in the background by a RosterStoreSync (a refresh, or a full
 * sync the first time or on request, at bulk priority). A failed sync keeps the stored rows
 * and says so. The numbers and charts are counted by SQL too. */

#define MAX_CHART_DAYS 60
#define STATS_DELAY_MS 150

guint
_roster_registrants_view_n_rows (RosterRegistrantsView *self)
{
  return self->rows != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->rows)) : 0;
}

static void
update_progress (RosterRegistrantsView *self)
{
  g_autofree char *loaded = roster_registrant_format_count (self->sync_loaded);

  if (self->total > 0)
    {
      g_autofree char *total = roster_registrant_format_count (self->total);
      /* Translators: registrants loaded so far, "1,500 of 2,400" */
      g_autofree char *text = g_strdup_printf (_("%s of %s"), loaded, total);

      gtk_progress_bar_set_fraction (self->progress_bar,
                                     CLAMP ((double) self->sync_loaded / self->total, 0, 1));
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  else
    {
      /* Translators: registrants loaded so far when the total is not known, "1,500 loaded" */
      g_autofree char *text = g_strdup_printf (_("%s loaded"), loaded);

      gtk_progress_bar_pulse (self->progress_bar);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
}

static gboolean
stats_cb (gpointer user_data)
{
  RosterRegistrantsView *self = user_data;
  g_autoptr(RosterRegistrantStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  self->stats_source = 0;
  if (self->summary == NULL)  /* the view is taken apart */
    return G_SOURCE_REMOVE;
  if (self->rows == NULL)
    stats = g_new0 (RosterRegistrantStats, 1);
  else
    stats = roster_store_list_model_dup_stats (self->rows, MAX_CHART_DAYS, &error);
  if (stats == NULL)
    {
      g_warning ("Could not count the stored registrants: %s", error->message);
      return G_SOURCE_REMOVE;
    }
  roster_registrants_summary_set_stats (self->summary, G_LIST_MODEL (self->rows), stats);
  return G_SOURCE_REMOVE;
}

/* Rows land many times a second while a sync runs: count a few times a second at most. */
static void
queue_stats (RosterRegistrantsView *self)
{
  if (self->stats_source == 0)
    self->stats_source = g_timeout_add (STATS_DELAY_MS, stats_cb, self);
}

static void
rows_changed_cb (RosterRegistrantsView *self)
{
  self->n_loaded = _roster_registrants_view_n_rows (self);
  _roster_registrants_view_notify_counts (self);
  _roster_registrants_view_update_list_state (self);
  queue_stats (self);
}

/* The filters, the search typed and the column clicked, all to SQL. */
void
_roster_registrants_view_apply_query (RosterRegistrantsView *self)
{
  g_autoptr(RosterRegistrantFilter) filter = NULL;
  const RosterSegment *segment;
  const char *local;
  RosterStoreSort sort = ROSTER_STORE_SORT_SIGNUP;
  gboolean descending = FALSE;

  /* No rows yet, or the view is taken apart */
  if (self->rows == NULL || self->filter_bar == NULL)
    return;
  local = roster_registrants_filter_bar_get_local_search (self->filter_bar);
  filter = roster_registrant_filter_copy (self->filter);
  if (local != NULL)
    {
      g_free (filter->search);
      filter->search = g_strdup (local);
    }
  roster_registrants_columns_get_sort (self->column_view, &sort, &descending);

  segment = roster_registrants_filter_bar_get_segment (self->filter_bar);
  roster_store_list_model_set_watched_only (self->rows, segment != NULL &&
                                            segment->rule == ROSTER_SEGMENT_RULE_WATCHED);
  /* The order first: a new filter then lists the rows once, in it. */
  roster_store_list_model_set_sort (self->rows, sort, descending);
  roster_store_list_model_set_filter (self->rows, filter);
  /* Every row was replaced: the list starts at its top, for a few frames of layout, or
   * until the sync that brings the rows ends. */
  roster_top_pin_hold (self->list_scroller);
  if (!self->loading)
    roster_top_pin_release (self->list_scroller);
}

/* Lets the rows go (another webinar, the store forgotten): the list shows nothing. */
void
_roster_registrants_view_drop_rows (RosterRegistrantsView *self)
{
  gtk_single_selection_set_model (self->selection, NULL);
  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_data (self->rows, self);
  g_clear_object (&self->rows);
  g_clear_handle_id (&self->stats_source, g_source_remove);
  self->n_loaded = 0;
  self->total = -1;
  stats_cb (self);
  _roster_registrants_view_notify_counts (self);
}

void
_roster_registrants_view_cancel_load (RosterRegistrantsView *self)
{
  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
    }
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
}

/* A callback of a load that was replaced, stopped, or whose view is gone touches nothing. */
static RosterRegistrantsView *
still_wanted (GCancellable *cancellable)
{
  if (g_cancellable_is_cancelled (cancellable))
    return NULL;
  return g_object_get_data (G_OBJECT (cancellable), "view");
}

static void
sync_progress_cb (RosterStoreSync       *sync,
                  guint                  n_loaded,
                  gint64                 total,
                  RosterRegistrantsView *self)
{
  self->sync_loaded = n_loaded;
  if (total >= 0)
    self->total = total;
  update_progress (self);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GCancellable) cancellable = user_data;
  g_autoptr(GError) error = NULL;
  RosterRegistrantsView *self;

  roster_store_sync_run_finish (ROSTER_STORE_SYNC (object), result, NULL, &error);
  if ((self = still_wanted (cancellable)) == NULL)
    return;

  _roster_registrants_view_cancel_load (self);
  /* The last page's rows now, not after the model's pause */
  if (self->rows != NULL)
    roster_store_list_model_reload (self->rows);
  _roster_registrants_view_set_loading (self, FALSE);
  roster_registrants_sync_line_set_syncing (self->sync_line, FALSE);
  if (error == NULL)
    roster_registrants_sync_line_set_last_sync (self->sync_line, g_get_real_time () / G_USEC_PER_SEC);
  else
    {
      g_debug ("Could not sync the registrants: %s", error->message);
      self->failed = TRUE;
      if (_roster_registrants_view_n_rows (self) == 0)
        adw_status_page_set_description (self->error_page, error->message);
      else
        {
          /* Translators: %s is the server's or the network's error message */
          g_autofree char *text = g_strdup_printf (_("Could not refresh the registrants: %s"),
                                                   error->message);

          _roster_registrants_view_toast (self, text);
        }
      roster_registrants_sync_line_set_failure (self->sync_line, error->message);
      if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION))
        _roster_registrants_view_authentication_failed (self, error);
    }
  self->total = _roster_registrants_view_n_rows (self);
  _roster_registrants_view_notify_counts (self);
  _roster_registrants_view_update_list_state (self);
}

static void
sync_state_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GCancellable) cancellable = user_data;
  g_autoptr(GError) error = NULL;
  RosterRegistrantsView *self;
  gint64 last_sync = 0;
  gboolean full;

  roster_registrant_store_get_sync_state_finish (ROSTER_REGISTRANT_STORE (object), result,
                                                 &last_sync, NULL, &error);
  if ((self = still_wanted (cancellable)) == NULL)
    return;
  if (error != NULL)
    g_debug ("No sync state: %s", error->message);

  full = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cancellable), "full"));
  roster_registrants_sync_line_set_last_sync (self->sync_line, last_sync);
  self->sync_loaded = 0;
  self->total = -1;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  update_progress (self);

  self->sync = roster_store_sync_new (self->registrant_store, self->client);
  g_signal_connect (self->sync, "progress", G_CALLBACK (sync_progress_cb), self);
  roster_store_sync_run_async (self->sync, roster_webinar_get_id (self->webinar), full,
                               cancellable, sync_done_cb, g_object_ref (cancellable));
}

static void
begin_sync (RosterRegistrantsView *self)
{
  _roster_registrants_view_set_loading (self, TRUE);
  roster_registrants_sync_line_set_syncing (self->sync_line, TRUE);
  _roster_registrants_view_update_list_state (self);
  roster_registrant_store_get_sync_state_async (self->registrant_store,
                                                roster_webinar_get_id (self->webinar),
                                                self->load_cancellable, sync_state_cb,
                                                g_object_ref (self->load_cancellable));
}

static void
show_rows (RosterRegistrantsView *self,
           RosterStoreListModel  *rows)
{
  _roster_registrants_view_drop_rows (self);
  self->rows = g_object_ref (rows);
  _roster_registrants_view_apply_query (self);
  g_signal_connect_object (self->rows, "items-changed", G_CALLBACK (rows_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
  rows_changed_cb (self);
  stats_cb (self);
}

static void
store_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GCancellable) cancellable = user_data;
  g_autoptr(RosterRegistrantStore) store = NULL;
  g_autoptr(RosterStoreListModel) rows = NULL;
  g_autoptr(GError) error = NULL;
  RosterRegistrantsView *self;

  store = roster_account_get_registrant_store_finish (ROSTER_ACCOUNT (object), result, &error);
  if ((self = still_wanted (cancellable)) == NULL)
    return;

  if (store != NULL)
    rows = roster_store_list_model_new (store, roster_webinar_get_id (self->webinar), &error);
  if (rows == NULL)
    {
      g_warning ("Could not open the stored registrants: %s", error->message);
      _roster_registrants_view_cancel_load (self);
      _roster_registrants_view_set_loading (self, FALSE);
      self->failed = TRUE;
      adw_status_page_set_description (self->error_page, error->message);
      _roster_registrants_view_update_list_state (self);
      return;
    }
  g_set_object (&self->registrant_store, store);
  show_rows (self, rows);
  begin_sync (self);
}

/**
 * _roster_registrants_view_start_load:
 * @full: read every page again rather than refresh
 *
 * Shows the webinar's stored rows (opening the store and the model if need be) and syncs them
 * in the background. What is stored stays on screen while the sync runs.
 */
void
_roster_registrants_view_start_load (RosterRegistrantsView *self,
                                     gboolean               full)
{
  gint64 webinar_id;

  _roster_registrants_view_cancel_load (self);
  self->stopped = FALSE;
  self->failed = FALSE;

  if (self->client == NULL || self->webinar == NULL || self->account == NULL)
    {
      _roster_registrants_view_drop_rows (self);
      _roster_registrants_view_set_loading (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "registrants.refresh", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "registrants.full-resync", FALSE);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "content");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registrants.refresh", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registrants.full-resync", TRUE);

  self->load_cancellable = g_cancellable_new ();
  g_object_set_data (G_OBJECT (self->load_cancellable), "view", self);
  g_object_set_data (G_OBJECT (self->load_cancellable), "full", GINT_TO_POINTER (full));
  webinar_id = roster_webinar_get_id (self->webinar);

  /* The same webinar of the same store: its rows stay, only the sync runs again. */
  if (self->rows != NULL && self->registrant_store != NULL &&
      roster_store_list_model_get_webinar_id (self->rows) == webinar_id &&
      roster_account_peek_registrant_store (self->account) == self->registrant_store)
    {
      begin_sync (self);
      return;
    }

  _roster_registrants_view_drop_rows (self);
  _roster_registrants_view_set_loading (self, TRUE);
  /* Another webinar starts at its first row, however its rows land */
  roster_top_pin_hold (self->list_scroller);
  _roster_registrants_view_update_list_state (self);
  roster_account_get_registrant_store_async (self->account, self->load_cancellable, store_ready_cb,
                                             g_object_ref (self->load_cancellable));
}
