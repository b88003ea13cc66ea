/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-account.h"
#include "roster-registrant-details.h"
#include "roster-registrants-filter-bar.h"
#include "roster-registrants-summary.h"
#include "roster-registrants-sync-line.h"
#include "roster-store-list-model.h"
#include "roster-store-sync.h"
#include "roster-registrants-view.h"

/* What the view's files share: the view itself (the list, its properties), the stored rows and
 * their sync (roster-registrants-view-store.c) and its actions
 * (roster-registrants-view-actions.c), as GNOME Text Editor splits a window. */

G_BEGIN_DECLS

struct _RosterRegistrantsView
{
  AdwBin                          parent_instance;

  RosterClient                   *client;
  RosterWebinar                  *webinar;
  RosterWebinar                  *detail;
  RosterRegistrantFilter         *filter;          /* what the server is asked for, search included */
  GCancellable                   *load_cancellable;
  GCancellable                   *detail_cancellable;
  GCancellable                   *cancellable;     /* unsubscribe, export: cancelled in dispose */
  GSettings                      *settings;

  RosterAccount                  *account;
  RosterRegistrantStore          *registrant_store;
  RosterStoreListModel           *rows;            /* the stored rows, filtered and sorted by SQL */
  RosterStoreSync                *sync;
  GtkSingleSelection             *selection;
  guint                           stats_source;
  guint                           scroll_source;
  gint64                          sync_loaded;     /* the sync's progress */

  GSimpleActionGroup             *column_actions;
  GtkFileChooserNative           *chooser;

  guint                           n_loaded;
  gint64                          total;           /* -1 unknown */
  gboolean                        loading;
  gboolean                        stopped;         /* the user stopped the last load */
  gboolean                        failed;          /* the last load ended in an error */

  /* Template widgets */
  GtkStack                       *stack;
  RosterRegistrantsFilterBar     *filter_bar;
  RosterRegistrantsSummary       *summary;
  RosterRegistrantsSyncLine      *sync_line;
  GtkRevealer                    *progress_revealer;
  GtkProgressBar                 *progress_bar;
  GtkStack                       *list_stack;
  GtkSpinner                     *loading_spinner;
  AdwStatusPage                  *error_page;
  AdwStatusPage                  *none_page;
  GtkStack                       *none_stack;
  GtkScrolledWindow              *list_scroller;
  GtkColumnView                  *column_view;
  AdwFlap                        *details_flap;
  RosterRegistrantDetails        *details;
};

void              _roster_registrants_view_class_actions_init   (GtkWidgetClass        *widget_class);
void              _roster_registrants_view_toast                (RosterRegistrantsView *self,
                                                                 const char            *title);
void              _roster_registrants_view_authentication_failed (RosterRegistrantsView *self,
                                                                 const GError          *error);
RosterRegistrant *_roster_registrants_view_find_registrant      (RosterRegistrantsView *self,
                                                                 gint64                 key);
void              _roster_registrants_view_set_loading          (RosterRegistrantsView *self,
                                                                 gboolean               loading);
void              _roster_registrants_view_update_list_state    (RosterRegistrantsView *self);
void              _roster_registrants_view_notify_counts        (RosterRegistrantsView *self);

/* roster-registrants-view-store.c */
void              _roster_registrants_view_start_load           (RosterRegistrantsView *self,
                                                                 gboolean               full);
void              _roster_registrants_view_cancel_load          (RosterRegistrantsView *self);
void              _roster_registrants_view_apply_query          (RosterRegistrantsView *self);
void              _roster_registrants_view_drop_rows            (RosterRegistrantsView *self);
guint             _roster_registrants_view_n_rows               (RosterRegistrantsView *self);

G_END_DECLS
