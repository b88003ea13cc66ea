/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrants-view"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-registrant-format.h"
#include "roster-registrants-columns.h"
#include "roster-registrants-view-private.h"
#include "roster-top-pin.h"
#include "roster-ui-util.h"

/* The content pane's Registrants: one webinar's registrants from the account's local store in
 * a sortable column view, with the API's filters and a search (all SQL), counts and two charts,
 * per-person links, details and unsubscribe, and export to CSV. This file lists; the stored
 * rows and their sync are in roster-registrants-view-store.c, the actions in
 * roster-registrants-view-actions.c. The search, filters and chips
 * (RosterRegistrantsFilterBar), the numbers and charts (RosterRegistrantsSummary), the details
 * pane (RosterRegistrantDetails) and the columns (roster-registrants-columns) are their own
 * pieces.
 *
 * The schedule filter needs the schedule IDs that only `webinar` returns. The window sets the
 * overview's answer as the `detail` property (bind overview:detail to it); only when the filters
 * are opened before any detail of this webinar is there does the view fetch `webinar` itself. */

G_DEFINE_FINAL_TYPE (RosterRegistrantsView, roster_registrants_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_CLIENT,
  PROP_WEBINAR,
  PROP_DETAIL,
  PROP_FILTER,
  PROP_LOADING,
  PROP_N_LOADED,
  PROP_TOTAL,
  N_PROPS
};

enum {
  TOAST,
  AUTHENTICATION_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define start_load(self) _roster_registrants_view_start_load ((self), FALSE)
#define update_list_state(self) _roster_registrants_view_update_list_state (self)

GtkWidget *
roster_registrants_view_new (void)
{
  return g_object_new (ROSTER_TYPE_REGISTRANTS_VIEW, NULL);
}

/* ---- small helpers --------------------------------------------------------------------------- */

static gboolean
default_toast_handler (RosterRegistrantsView *self,
                       AdwToast              *toast)
{
  roster_ui_add_toast (GTK_WIDGET (self), toast);
  return TRUE;
}

void
_roster_registrants_view_toast (RosterRegistrantsView *self,
                                const char            *title)
{
  g_autoptr(AdwToast) toast = adw_toast_new (title);
  gboolean handled = FALSE;

  adw_toast_set_timeout (toast, 3);
  g_signal_emit (self, signals[TOAST], 0, toast, &handled);
}

void
_roster_registrants_view_authentication_failed (RosterRegistrantsView *self,
                                                const GError          *error)
{
  g_signal_emit (self, signals[AUTHENTICATION_FAILED], 0, error);
}

/* What labels revenue: the webinar's registration currency, if any. */
static const char *
currency (RosterRegistrantsView *self)
{
  const char *code = NULL;

  if (self->detail != NULL)
    code = roster_webinar_get_registration_currency (self->detail);
  if ((code == NULL || *code == '\0') && self->webinar != NULL)
    code = roster_webinar_get_registration_currency (self->webinar);
  return code != NULL && *code != '\0' ? code : NULL;
}

/* The webinar, or its detail, came or went: the schedules to filter by and the currency. */
static void
webinar_changed (RosterRegistrantsView *self)
{
  roster_registrants_filter_popover_set_webinar (roster_registrants_filter_bar_get_popover (self->filter_bar),
                                                 self->detail != NULL ? self->detail : self->webinar);
  roster_registrants_summary_set_currency (self->summary, currency (self));
}

/* The registrant an action names (by row ID, else lead ID): one on screen, so one the model
 * holds, or the one in the details. */
RosterRegistrant *
_roster_registrants_view_find_registrant (RosterRegistrantsView *self,
                                          gint64                 key)
{
  RosterRegistrant *shown = roster_registrant_details_get_registrant (self->details);

  if (shown != NULL && roster_registrant_details_key (shown) == key)
    return shown;
  return self->rows != NULL ? roster_store_list_model_find_cached (self->rows, key) : NULL;
}

/* ---- the filter ------------------------------------------------------------------------------ */

static gboolean
searching (RosterRegistrantsView *self)
{
  return roster_registrants_filter_bar_get_local_search (self->filter_bar) != NULL;
}

static void
update_clear_filters (RosterRegistrantsView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registrants.clear-filters",
                                 !roster_registrant_filter_is_empty (self->filter) || searching (self));
}

static gboolean
scroll_to_top_cb (gpointer user_data)
{
  RosterRegistrantsView *self = user_data;

  self->scroll_source = 0;
  if (self->list_scroller != NULL)  /* NULL while the view is taken apart */
    roster_ui_scroll_to_top (self->list_scroller);
  return G_SOURCE_REMOVE;
}

/* Another order or search: the first rows of the new list are what to see. Every row was
 * replaced at once, so the list takes them in before it can scroll to one. */
static void
scroll_to_top (RosterRegistrantsView *self)
{
  if (self->scroll_source == 0)
    self->scroll_source = g_timeout_add (0, scroll_to_top_cb, self);
}

static void
local_search_changed_cb (RosterRegistrantsView *self)
{
  update_clear_filters (self);
  _roster_registrants_view_apply_query (self);
  scroll_to_top (self);
}

/* A header was clicked: SQL sorts again. */
static void
sort_changed_cb (RosterRegistrantsView *self)
{
  _roster_registrants_view_apply_query (self);
  scroll_to_top (self);
}

static void
apply_filter (RosterRegistrantsView        *self,
              const RosterRegistrantFilter *filter)
{
  g_autoptr(RosterRegistrantFilter) copy = roster_registrant_filter_copy (filter);

  if (copy->search != NULL && *copy->search == '\0')
    g_clear_pointer (&copy->search, g_free);

  roster_registrant_filter_free (self->filter);
  self->filter = g_steal_pointer (&copy);

  roster_registrants_filter_bar_set_filter (self->filter_bar, self->filter);
  update_clear_filters (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
  _roster_registrants_view_apply_query (self);
  update_list_state (self);
}

/* The user wants another filter: from the popover, a chip, or the search. */
static void
filter_changed_cb (RosterRegistrantsView        *self,
                   const RosterRegistrantFilter *filter)
{
  apply_filter (self, filter);
}

/* ---- loading --------------------------------------------------------------------------------- */

void
_roster_registrants_view_set_loading (RosterRegistrantsView *self,
                                      gboolean               loading)
{
  gtk_revealer_set_reveal_child (self->progress_revealer, loading);
  gtk_spinner_set_spinning (self->loading_spinner, loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registrants.cancel", loading);

  if (self->loading == loading)
    return;
  self->loading = loading;
  if (!loading && self->list_scroller != NULL)
    roster_top_pin_release (self->list_scroller);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
_roster_registrants_view_notify_counts (RosterRegistrantsView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
}

/* The store was forgotten (Preferences, roster-cli): nothing stored to show; the next open
 * syncs again from nothing. */
static void
store_forgotten_cb (RosterRegistrantsView *self)
{
  _roster_registrants_view_cancel_load (self);
  _roster_registrants_view_set_loading (self, FALSE);
  roster_registrants_sync_line_set_syncing (self->sync_line, FALSE);
  roster_registrants_sync_line_set_last_sync (self->sync_line, 0);
  _roster_registrants_view_drop_rows (self);
  g_clear_object (&self->registrant_store);
  update_list_state (self);
}

/* The page under the toolbar follows the load and what the filters leave. */
void
_roster_registrants_view_update_list_state (RosterRegistrantsView *self)
{
  guint shown = _roster_registrants_view_n_rows (self);
  gboolean failed = self->failed;
  const char *page;

  if (shown > 0)
    page = "list";
  else if (self->n_loaded == 0 && self->loading)
    page = "loading";
  else if (self->n_loaded == 0 && failed)
    page = "error";
  else if (self->loading)
    page = "list";  /* rows are landing; the search has not matched one yet */
  else
    {
      gboolean filtered = !roster_registrant_filter_is_empty (self->filter) || searching (self);

      page = "none";
      if (self->stopped && self->n_loaded == 0)
        {
          adw_status_page_set_title (self->none_page, _("Loading Stopped"));
          adw_status_page_set_description (self->none_page, _("Reload to load the registrants."));
          gtk_stack_set_visible_child_name (self->none_stack, "reload");
        }
      else if (filtered)
        {
          adw_status_page_set_title (self->none_page, _("No Matching Registrants"));
          adw_status_page_set_description (self->none_page,
                                           _("No one matches these filters. Try other filters or clear them."));
          gtk_stack_set_visible_child_name (self->none_stack, "clear");
        }
      else
        {
          adw_status_page_set_title (self->none_page, _("No Registrants Yet"));
          adw_status_page_set_description (self->none_page, _("No one has registered for this webinar yet."));
          gtk_stack_set_visible_child_name (self->none_stack, "reload");
        }
    }

  gtk_stack_set_visible_child_name (self->list_stack, page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registrants.export", self->n_loaded > 0);
  roster_registrants_summary_set_placeholder (self->summary,
                                              self->n_loaded > 0 ? NULL
                                              : self->loading ? _("Loading registrants…")
                                              : failed ? _("The registrants could not be loaded.")
                                              : NULL);
}

/* ---- the webinar's schedules ----------------------------------------------------------------- */

static void
get_webinar_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RosterWebinar) detail = NULL;
  g_autoptr(GError) error = NULL;
  RosterRegistrantsView *self;

  detail = roster_client_get_webinar_finish (ROSTER_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = ROSTER_REGISTRANTS_VIEW (user_data);
  g_clear_object (&self->detail_cancellable);
  if (detail == NULL)
    {
      g_debug ("No schedules for the filter: %s", error->message);
      return;
    }
  roster_registrants_view_set_detail (self, detail);
}

static gboolean
have_schedule_ids (RosterRegistrantsView *self)
{
  RosterRegistrantsFilterPopover *popover = roster_registrants_filter_bar_get_popover (self->filter_bar);

  return self->detail != NULL || roster_registrants_filter_popover_has_schedules (popover);
}

/* The filters opened before the window gave a detail: ask `webinar` for the schedule IDs. */
static void
filters_shown_cb (RosterRegistrantsView *self)
{
  if (have_schedule_ids (self) || self->client == NULL || self->webinar == NULL ||
      self->detail_cancellable != NULL)
    return;

  self->detail_cancellable = g_cancellable_new ();
  roster_client_get_webinar_async (self->client, roster_webinar_get_id (self->webinar), NULL,
                                   self->detail_cancellable, get_webinar_cb, self);
}

/* ---- the list ------------------------------------------------------------------------------- */

static void
row_activated_cb (RosterRegistrantsView *self,
                  guint                  position)
{
  g_autoptr(RosterRegistrant) r = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (r != NULL)
    roster_registrants_view_show_details (self, r);
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
roster_registrants_view_dispose (GObject *object)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (object);

  _roster_registrants_view_cancel_load (self);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
  _roster_registrants_view_drop_rows (self);
  g_cancellable_cancel (self->detail_cancellable);
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_REGISTRANTS_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->registrant_store);
  g_clear_object (&self->account);
  g_clear_object (&self->column_actions);
  g_clear_object (&self->detail_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->webinar);
  g_clear_object (&self->detail);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (roster_registrants_view_parent_class)->dispose (object);
}

static void
roster_registrants_view_finalize (GObject *object)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (object);

  g_clear_pointer (&self->filter, roster_registrant_filter_free);

  G_OBJECT_CLASS (roster_registrants_view_parent_class)->finalize (object);
}

static void
roster_registrants_view_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_WEBINAR:
      g_value_set_object (value, self->webinar);
      break;
    case PROP_DETAIL:
      g_value_set_object (value, self->detail);
      break;
    case PROP_FILTER:
      g_value_set_boxed (value, self->filter);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_N_LOADED:
      g_value_set_uint (value, self->n_loaded);
      break;
    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_registrants_view_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      roster_registrants_view_set_account (self, g_value_get_object (value));
      break;
    case PROP_CLIENT:
      roster_registrants_view_set_client (self, g_value_get_object (value));
      break;
    case PROP_WEBINAR:
      roster_registrants_view_set_webinar (self, g_value_get_object (value));
      break;
    case PROP_DETAIL:
      roster_registrants_view_set_detail (self, g_value_get_object (value));
      break;
    case PROP_FILTER:
      roster_registrants_view_set_filter (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_registrants_view_class_init (RosterRegistrantsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = roster_registrants_view_dispose;
  object_class->finalize = roster_registrants_view_finalize;
  object_class->get_property = roster_registrants_view_get_property;
  object_class->set_property = roster_registrants_view_set_property;

  /* Whose stored registrants to show; the client syncs them */
  properties[PROP_ACCOUNT] = g_param_spec_object ("account", NULL, NULL, ROSTER_TYPE_ACCOUNT, rw);
  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, ROSTER_TYPE_CLIENT, rw);
  properties[PROP_WEBINAR] = g_param_spec_object ("webinar", NULL, NULL, ROSTER_TYPE_WEBINAR, rw);
  properties[PROP_DETAIL] = g_param_spec_object ("detail", NULL, NULL, ROSTER_TYPE_WEBINAR, rw);
  properties[PROP_FILTER] = g_param_spec_boxed ("filter", NULL, NULL, ROSTER_TYPE_REGISTRANT_FILTER, rw);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_N_LOADED] = g_param_spec_uint ("n-loaded", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_TOTAL] = g_param_spec_int64 ("total", NULL, NULL, -1, G_MAXINT64, -1, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Transient news ("Link copied"). By default it goes to the AdwToastOverlay above the
   * widget; a handler connected before may show it elsewhere and return TRUE. */
  signals[TOAST] =
    g_signal_new_class_handler ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (default_toast_handler),
                                g_signal_accumulator_true_handled, NULL, NULL,
                                G_TYPE_BOOLEAN, 1, ADW_TYPE_TOAST);
  signals[AUTHENTICATION_FAILED] =
    g_signal_new ("authentication-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  g_type_ensure (ROSTER_TYPE_REGISTRANTS_SUMMARY);
  g_type_ensure (ROSTER_TYPE_REGISTRANT_DETAILS);
  g_type_ensure (ROSTER_TYPE_REGISTRANTS_FILTER_BAR);
  g_type_ensure (ROSTER_TYPE_REGISTRANTS_SYNC_LINE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-registrants-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, summary);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, sync_line);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, none_page);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, none_stack);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, details_flap);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, details);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  _roster_registrants_view_class_actions_init (widget_class);
}

static void
roster_registrants_view_init (RosterRegistrantsView *self)
{
  g_autoptr(GMenuModel) columns_menu = NULL;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->filter = roster_registrant_filter_new ();
  self->cancellable = g_cancellable_new ();
  self->total = -1;

  /* The stored rows (filtered and sorted by SQL) → selection; the model comes with the store */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  sorter = gtk_column_view_get_sorter (self->column_view);
  if (sorter != NULL)
    g_signal_connect_object (sorter, "changed", G_CALLBACK (sort_changed_cb), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  self->column_actions = g_simple_action_group_new ();
  columns_menu = roster_registrants_columns_add (self->column_view, self->settings,
                                                 G_ACTION_MAP (self->column_actions),
                                                 (RosterRegistrantsCurrencyFunc) currency, self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "registrants-columns",
                                  G_ACTION_GROUP (self->column_actions));
  roster_registrants_filter_bar_set_columns_menu (self->filter_bar, columns_menu);

  /* The filters opened before the window gave a detail: the view fetches the schedules. */
  g_signal_connect_object (roster_registrants_filter_bar_get_popover (self->filter_bar), "show",
                           G_CALLBACK (filters_shown_cb), self, G_CONNECT_SWAPPED);
  /* A segment's rule is SQL too */
  g_signal_connect_object (roster_registrants_filter_bar_get_segment_filter (self->filter_bar), "changed",
                           G_CALLBACK (local_search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_bar, "notify::local-search", G_CALLBACK (local_search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_clear_filters (self);
  _roster_registrants_view_set_loading (self, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registrants.refresh", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registrants.full-resync", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registrants.export", FALSE);
}

/* ---- public ---------------------------------------------------------------------------------- */

RosterAccount *
roster_registrants_view_get_account (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), NULL);
  return self->account;
}

/* The account whose local store holds the registrants shown. */
void
roster_registrants_view_set_account (RosterRegistrantsView *self,
                                     RosterAccount         *account)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self));
  g_return_if_fail (account == NULL || ROSTER_IS_ACCOUNT (account));

  if (self->account == account)
    return;
  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
  _roster_registrants_view_cancel_load (self);
  _roster_registrants_view_drop_rows (self);
  g_clear_object (&self->registrant_store);
  g_set_object (&self->account, account);
  if (account != NULL)
    g_signal_connect_object (account, "registrant-store-forgotten", G_CALLBACK (store_forgotten_cb),
                             self, G_CONNECT_SWAPPED);
  start_load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

RosterClient *
roster_registrants_view_get_client (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), NULL);
  return self->client;
}

void
roster_registrants_view_set_client (RosterRegistrantsView *self,
                                    RosterClient          *client)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
  start_load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

RosterWebinar *
roster_registrants_view_get_webinar (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), NULL);
  return self->webinar;
}

/* The webinar whose registrants to load, as the list has it. Another webinar starts a new load
 * (the previous one is cancelled) and forgets the schedule filter, which belongs to the old
 * one; a fresh object of the same webinar (after a list refresh) changes nothing. */
void
roster_registrants_view_set_webinar (RosterRegistrantsView *self,
                                     RosterWebinar         *webinar)
{
  gboolean same;

  g_return_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self));
  g_return_if_fail (webinar == NULL || ROSTER_IS_WEBINAR (webinar));

  if (self->webinar == webinar)
    return;

  same = self->webinar != NULL && webinar != NULL &&
         roster_webinar_get_id (self->webinar) == roster_webinar_get_id (webinar);
  g_set_object (&self->webinar, webinar);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEBINAR]);
  if (same)
    return;

  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
  roster_registrant_details_set_registrant (self->details, NULL);
  adw_flap_set_reveal_flap (self->details_flap, FALSE);
  if (self->detail != NULL &&
      (webinar == NULL || roster_webinar_get_id (self->detail) != roster_webinar_get_id (webinar)))
    {
      g_clear_object (&self->detail);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
    }
  self->filter->schedule_id = 0;
  webinar_changed (self);
  roster_registrants_filter_bar_set_filter (self->filter_bar, self->filter);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
  start_load (self);
}

RosterWebinar *
roster_registrants_view_get_detail (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), NULL);
  return self->detail;
}

/* The webinar as `webinar` returns it (the overview's `detail`): its schedule IDs fill the
 * schedule filter and its currency labels revenue. A detail of another webinar is ignored. */
void
roster_registrants_view_set_detail (RosterRegistrantsView *self,
                                    RosterWebinar         *detail)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self));
  g_return_if_fail (detail == NULL || ROSTER_IS_WEBINAR (detail));

  if (detail != NULL && (self->webinar == NULL ||
                         roster_webinar_get_id (detail) != roster_webinar_get_id (self->webinar)))
    detail = NULL;
  if (!g_set_object (&self->detail, detail))
    return;

  webinar_changed (self);
  roster_registrants_filter_bar_set_filter (self->filter_bar, self->filter);  /* the chips' labels */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}

/* A copy of the filter the server is asked with (search included). */
RosterRegistrantFilter *
roster_registrants_view_dup_filter (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), NULL);
  return roster_registrant_filter_copy (self->filter);
}

/* Loads again with these filters (NULL: none); the load in flight is cancelled. */
void
roster_registrants_view_set_filter (RosterRegistrantsView        *self,
                                    const RosterRegistrantFilter *filter)
{
  g_autoptr(RosterRegistrantFilter) copy = NULL;

  g_return_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self));

  /* The popover gives a schedule ID not listed yet a choice of its own. */
  copy = filter != NULL ? roster_registrant_filter_copy (filter) : roster_registrant_filter_new ();
  apply_filter (self, copy);
}

void
roster_registrants_view_clear_filters (RosterRegistrantsView *self)
{
  g_autoptr(RosterRegistrantFilter) empty = roster_registrant_filter_new ();

  g_return_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self));

  roster_registrants_filter_bar_clear_search (self->filter_bar);
  apply_filter (self, empty);
}

gboolean
roster_registrants_view_get_loading (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), FALSE);
  return self->loading;
}

guint
roster_registrants_view_get_n_loaded (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), 0);
  return self->n_loaded;
}

/* The server's count for the filters, -1 while unknown. */
gint64
roster_registrants_view_get_total (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), -1);
  return self->total;
}

/* "empty" (no webinar), "loading", "error", "none" (nothing to show) or "list". */
const char *
roster_registrants_view_get_state (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0)
    return "empty";
  return gtk_stack_get_visible_child_name (self->list_stack);
}

/* The stored registrants shown, filtered and in the column view's order; rows are made as they
 * are asked for. */
GListModel *
roster_registrants_view_get_loaded (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), NULL);
  return G_LIST_MODEL (self->selection);
}

GListModel *
roster_registrants_view_get_shown (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), NULL);
  return G_LIST_MODEL (self->selection);
}

GtkColumnView *
roster_registrants_view_get_column_view (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), NULL);
  return self->column_view;
}

/* Shows the stored rows again and syncs them; @full reads every page from the server. */
void
roster_registrants_view_reload (RosterRegistrantsView *self)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self));
  _roster_registrants_view_start_load (self, FALSE);
}

void
roster_registrants_view_resync (RosterRegistrantsView *self)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self));
  _roster_registrants_view_start_load (self, TRUE);
}

/* Stops the sync in flight; what it stored stays, and the next one goes on from there. */
void
roster_registrants_view_cancel_load (RosterRegistrantsView *self)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self));

  if (!self->loading)
    return;
  _roster_registrants_view_cancel_load (self);
  self->stopped = TRUE;
  _roster_registrants_view_set_loading (self, FALSE);
  roster_registrants_sync_line_set_syncing (self->sync_line, FALSE);
  update_list_state (self);
}

/* Opens the side panel on this registrant, or closes it (NULL). */
void
roster_registrants_view_show_details (RosterRegistrantsView *self,
                                      RosterRegistrant      *registrant)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self));
  g_return_if_fail (registrant == NULL || ROSTER_IS_REGISTRANT (registrant));

  if (registrant != NULL)
    roster_registrant_details_set_registrant (self->details, registrant);
  adw_flap_set_reveal_flap (self->details_flap, registrant != NULL);
}

RosterRegistrant *
roster_registrants_view_get_details_registrant (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), NULL);
  return adw_flap_get_reveal_flap (self->details_flap)
           ? roster_registrant_details_get_registrant (self->details) : NULL;
}

