/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrants-view"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-registrant-format.h"
#include "roster-registrants-columns.h"
#include "roster-registrants-view-private.h"
#include "roster-ui-util.h"

/* The content pane's Registrants: every page of `registrants` for one webinar in a sortable
 * column view, with the API's filters, a local search over what is loaded, counts and two
 * charts, per-person links, details and unsubscribe, and export to CSV. This file loads and
 * lists; the actions are in roster-registrants-view-actions.c. The search, filters and chips
 * (RosterRegistrantsFilterBar), the numbers and charts (RosterRegistrantsSummary), the details
 * pane (RosterRegistrantDetails) and the columns (roster-registrants-columns) are their own
 * pieces.
 *
 * The schedule filter needs the schedule IDs that only `webinar` returns. The window sets the
 * overview's answer as the `detail` property (bind overview:detail to it); only when the filters
 * are opened before any detail of this webinar is there does the view fetch `webinar` itself. */

/* One run of list_all_registrants. The page callback may outlive the view's interest in it,
 * so it checks its own cancellable before it touches the view. */
typedef struct
{
  RosterRegistrantsView *self;
  GCancellable          *cancellable;
} Load;

G_DEFINE_FINAL_TYPE (RosterRegistrantsView, roster_registrants_view, ADW_TYPE_BIN)

enum {
  PROP_0,
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

static void start_load         (RosterRegistrantsView *self);
static void update_list_state  (RosterRegistrantsView *self);

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

/* The loaded registrant an action names (by row ID, else lead ID), or the one in the details. */
RosterRegistrant *
_roster_registrants_view_find_registrant (RosterRegistrantsView *self,
                                          gint64                 key)
{
  RosterRegistrant *shown = roster_registrant_details_get_registrant (self->details);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (shown != NULL && roster_registrant_details_key (shown) == key)
    return shown;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (roster_registrant_details_key (r) == key)
        return r;  /* the store keeps it alive */
    }
  return NULL;
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

/* Another order or search: the first rows of the new list are what to see. */
static void
scroll_to_top (RosterRegistrantsView *self)
{
  if (self->list_scroller != NULL)  /* NULL while the view is taken apart */
    roster_ui_scroll_to_top (self->list_scroller);
}

static void
local_search_changed_cb (RosterRegistrantsView *self)
{
  update_clear_filters (self);
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
  start_load (self);
}

/* The user wants another filter: from the popover, a chip, or the search. */
static void
filter_changed_cb (RosterRegistrantsView        *self,
                   const RosterRegistrantFilter *filter)
{
  apply_filter (self, filter);
}

/* ---- loading --------------------------------------------------------------------------------- */

static void
load_free (Load *load)
{
  g_clear_object (&load->cancellable);
  g_free (load);
}

static void
update_progress (RosterRegistrantsView *self)
{
  g_autofree char *loaded = roster_registrant_format_count (self->n_loaded);

  if (self->total > 0)
    {
      g_autofree char *total = roster_registrant_format_count (self->total);
      /* Translators: registrants loaded so far, "1,500 of 2,400" */
      g_autofree char *text = g_strdup_printf (_("%s of %s"), loaded, total);

      gtk_progress_bar_set_fraction (self->progress_bar,
                                     CLAMP ((double) self->n_loaded / self->total, 0, 1));
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

static void
set_loading (RosterRegistrantsView *self,
             gboolean               loading)
{
  gtk_revealer_set_reveal_child (self->progress_revealer, loading);
  gtk_spinner_set_spinning (self->loading_spinner, loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registrants.cancel", loading);

  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
update_partial_label (RosterRegistrantsView *self)
{
  g_autofree char *text = NULL;

  if (self->stopped && self->total > self->n_loaded)
    {
      g_autofree char *loaded = roster_registrant_format_count (self->n_loaded);
      g_autofree char *total = roster_registrant_format_count (self->total);

      /* Translators: after the user stopped loading, "1,500 of 2,400 loaded" */
      text = g_strdup_printf (_("Loading stopped: %s of %s loaded"), loaded, total);
    }
  roster_registrants_summary_set_note (self->summary, text);
}

static void
page_cb (RosterRegistrantPage *page,
         guint                 n_loaded,
         gint64                total,
         gpointer              user_data)
{
  Load *load = user_data;
  RosterRegistrantsView *self;
  GListModel *items;
  g_autofree gpointer *array = NULL;
  guint n;

  /* Another filter, another webinar, or the view is gone. */
  if (g_cancellable_is_cancelled (load->cancellable))
    return;
  self = load->self;

  items = roster_registrant_page_get_items (page);
  n = g_list_model_get_n_items (items);
  array = g_new (gpointer, n + 1);
  for (guint i = 0; i < n; i++)
    array[i] = g_list_model_get_item (items, i);

  /* One change per page, so the models above update once. */
  g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0, array, n);
  for (guint i = 0; i < n; i++)
    g_object_unref (array[i]);

  self->n_loaded = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  if (total >= 0 && total != self->total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  update_progress (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GCancellable) cancellable = user_data;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;
  RosterRegistrantsView *self;

  all = roster_client_list_all_registrants_finish (ROSTER_CLIENT (object), result, &error);
  if (g_cancellable_is_cancelled (cancellable))
    return;  /* replaced, stopped, or the view is gone: touch nothing */

  self = g_object_get_data (G_OBJECT (cancellable), "view");
  set_loading (self, FALSE);
  g_clear_object (&self->load_cancellable);

  if (error != NULL)
    {
      g_debug ("Could not load registrants: %s", error->message);
      if (self->n_loaded == 0)
        adw_status_page_set_description (self->error_page, error->message);
      else
        {
          /* Translators: %s is the server's or the network's error message */
          g_autofree char *text = g_strdup_printf (_("Not every registrant could be loaded: %s"),
                                                   error->message);

          _roster_registrants_view_toast (self, text);
        }
      self->failed = TRUE;
      if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION))
        _roster_registrants_view_authentication_failed (self, error);
    }

  /* Every page landed: the server may have counted differently while pages came in. */
  if (error == NULL && self->total != self->n_loaded)
    {
      self->total = self->n_loaded;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }

  update_list_state (self);
  roster_registrants_summary_flush (self->summary);
}

static void
cancel_load (RosterRegistrantsView *self)
{
  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
    }
}

static void
start_load (RosterRegistrantsView *self)
{
  Load *load;

  cancel_load (self);
  g_list_store_remove_all (self->store);
  self->n_loaded = 0;
  self->total = -1;
  self->stopped = FALSE;
  self->failed = FALSE;
  update_partial_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);

  if (self->client == NULL || self->webinar == NULL)
    {
      set_loading (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "registrants.refresh", FALSE);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "content");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registrants.refresh", TRUE);

  self->load_cancellable = g_cancellable_new ();
  g_object_set_data (G_OBJECT (self->load_cancellable), "view", self);
  load = g_new0 (Load, 1);
  load->self = self;
  load->cancellable = g_object_ref (self->load_cancellable);

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  update_progress (self);
  set_loading (self, TRUE);
  update_list_state (self);

  roster_client_list_all_registrants_async (self->client, roster_webinar_get_id (self->webinar),
                                            self->filter, ROSTER_PRIORITY_INTERACTIVE,
                                            page_cb, load, (GDestroyNotify) load_free,
                                            self->load_cancellable, load_done_cb,
                                            g_object_ref (self->load_cancellable));
}

/* The page under the toolbar follows the load and what the local search leaves. */
static void
update_list_state (RosterRegistrantsView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
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
  g_autoptr(RosterRegistrant) r = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (r != NULL)
    roster_registrants_view_show_details (self, r);
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
roster_registrants_view_dispose (GObject *object)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (object);

  cancel_load (self);
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
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->store);
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-registrants-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, summary);
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

  /* store → local search → the column view's sort → selection */
  self->store = g_list_store_new (ROSTER_TYPE_REGISTRANT);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (roster_registrants_filter_bar_get_local_filter (self->filter_bar)));
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          sorter != NULL ? g_object_ref (sorter) : NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  /* After the sort model sorted again, so that the first row is the one shown */
  if (sorter != NULL)
    g_signal_connect_object (sorter, "changed", G_CALLBACK (scroll_to_top), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_list_state), self,
                           G_CONNECT_SWAPPED);
  roster_registrants_summary_set_model (self->summary, G_LIST_MODEL (self->filtered));

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
  g_signal_connect_object (self->filter_bar, "notify::local-search", G_CALLBACK (local_search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_clear_filters (self);
  set_loading (self, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registrants.refresh", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registrants.export", FALSE);
}

/* ---- public ---------------------------------------------------------------------------------- */

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

/* Every registrant loaded, in the server's order. */
GListModel *
roster_registrants_view_get_loaded (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), NULL);
  return G_LIST_MODEL (self->store);
}

/* The rows on screen: the local search applied, in the column view's order. */
GListModel *
roster_registrants_view_get_shown (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

GtkColumnView *
roster_registrants_view_get_column_view (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), NULL);
  return self->column_view;
}

void
roster_registrants_view_reload (RosterRegistrantsView *self)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self));
  start_load (self);
}

/* Stops the load in flight; the rows that landed stay. */
void
roster_registrants_view_cancel_load (RosterRegistrantsView *self)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self));

  if (!self->loading)
    return;
  cancel_load (self);
  self->stopped = TRUE;
  set_loading (self, FALSE);
  update_partial_label (self);
  update_list_state (self);
  roster_registrants_summary_flush (self->summary);
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

