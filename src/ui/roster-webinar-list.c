/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-webinar-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "roster-clock.h"
#include "roster-a11y.h"
#include "roster-load-failure.h"
#include "roster-webinar-list.h"
#include "roster-ui-util.h"

/* The sidebar: the account's webinars, searchable. With a cache, the last list shows at once
 * (marked as refreshing) while the live one is fetched; a failed refresh then keeps the rows
 * and only reports the failure, so the window can show a toast. */

struct _RosterWebinarList
{
  AdwBin               parent_instance;

  RosterClient        *client;
  RosterWebinarCache  *cache;
  GCancellable        *cancellable;   /* the current account's cache load and fetches */

  GListStore          *store;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  GtkSingleSelection  *selection;
  RosterWebinar       *selected_webinar;
  char                *search_folded;

  guint                start_source;
  guint                suppress_selection;
  gboolean             refreshing;
  gboolean             have_live;
  gboolean             failed;

  /* Template widgets */
  GtkSearchEntry      *search_entry;
  GtkStack            *refresh_stack;
  GtkSpinner          *refresh_spinner;
  GtkStack            *stack;
  GtkSpinner          *loading_spinner;
  AdwStatusPage       *error_page;
  GtkListView         *list_view;
};

G_DEFINE_FINAL_TYPE (RosterWebinarList, roster_webinar_list, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CACHE,
  PROP_REFRESHING,
  PROP_SELECTED_WEBINAR,
  N_PROPS
};

enum {
  WEBINAR_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
roster_webinar_list_new (void)
{
  return g_object_new (ROSTER_TYPE_WEBINAR_LIST, NULL);
}

/* ---- state ----------------------------------------------------------------------------------- */

static void
update_state (RosterWebinarList *self)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  const char *page;

  if (n_all == 0)
    {
      if (self->refreshing)
        page = "loading";
      else if (self->failed)
        page = "error";
      else
        page = "empty";
    }
  else if (n_shown == 0)
    {
      page = "no-results";
    }
  else
    {
      page = "list";
    }

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
}

static void
set_refreshing (RosterWebinarList *self,
                gboolean           refreshing)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "webinars.refresh",
                                 self->client != NULL && !refreshing);
  gtk_stack_set_visible_child_name (self->refresh_stack, refreshing ? "spinner" : "button");
  gtk_spinner_set_spinning (self->refresh_spinner, refreshing);

  if (self->refreshing == refreshing)
    return;
  self->refreshing = refreshing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
}

static void
set_selected_webinar (RosterWebinarList *self,
                      RosterWebinar     *webinar)
{
  if (g_set_object (&self->selected_webinar, webinar))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_WEBINAR]);
}

static guint
find_in_model (GListModel *model,
               gint64      webinar_id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterWebinar) webinar = g_list_model_get_item (model, i);

      if (roster_webinar_get_id (webinar) == webinar_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* After the rows or the filter changed: select the selected webinar again where it is shown. */
static void
restore_selection (RosterWebinarList *self)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->selected_webinar != NULL)
    position = find_in_model (G_LIST_MODEL (self->filtered),
                              roster_webinar_get_id (self->selected_webinar));

  self->suppress_selection++;
  gtk_single_selection_set_selected (self->selection, position);
  self->suppress_selection--;
}

static void
replace_rows (RosterWebinarList *self,
              GPtrArray         *webinars)
{
  g_autoptr(RosterWebinar) still_there = NULL;

  self->suppress_selection++;
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       webinars->pdata, webinars->len);
  self->suppress_selection--;

  /* The fresh object of the same webinar replaces the old one; a webinar that is gone is no
   * longer selected. */
  if (self->selected_webinar != NULL)
    {
      guint position = find_in_model (G_LIST_MODEL (self->store),
                                      roster_webinar_get_id (self->selected_webinar));

      if (position != GTK_INVALID_LIST_POSITION)
        still_there = g_list_model_get_item (G_LIST_MODEL (self->store), position);
      set_selected_webinar (self, still_there);
    }
  restore_selection (self);
  update_state (self);
}

/* ---- loading --------------------------------------------------------------------------------- */

static void
list_webinars_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RosterWebinarList *self;
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(GError) error = NULL;

  webinars = roster_client_list_webinars_finish (ROSTER_CLIENT (object), result, &error);
  /* Cancelled: the widget may be gone; touch nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = ROSTER_WEBINAR_LIST (user_data);
  set_refreshing (self, FALSE);

  if (webinars != NULL)
    {
      self->have_live = TRUE;
      self->failed = FALSE;
      replace_rows (self, webinars);
      if (self->cache != NULL)
        roster_webinar_cache_store_list (self->cache, webinars);
      return;
    }

  g_debug ("Could not list webinars: %s", error->message);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    {
      self->failed = TRUE;
      adw_status_page_set_description (self->error_page, error->message);
    }
  update_state (self);

  roster_load_failure_report (self, error, !self->failed);
}

static void
start_fetch (RosterWebinarList *self)
{
  g_return_if_fail (self->client != NULL);

  self->failed = FALSE;
  set_refreshing (self, TRUE);
  update_state (self);
  roster_client_list_webinars_async (self->client, self->cancellable, list_webinars_cb, self);
}

static void
cache_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RosterWebinarList *self;
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(GError) error = NULL;

  webinars = roster_webinar_cache_load_finish (ROSTER_WEBINAR_CACHE (object), result, &error);
  if (webinars == NULL)
    return;  /* only ever cancelled: the widget may be gone */

  self = ROSTER_WEBINAR_LIST (user_data);
  /* The live list may have won the race; it is newer. */
  if (!self->have_live && webinars->len > 0)
    replace_rows (self, webinars);
}

static gboolean
start_cb (gpointer user_data)
{
  RosterWebinarList *self = user_data;

  self->start_source = 0;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->have_live = FALSE;
  self->failed = FALSE;

  /* Another account: nothing of the last one stays on screen. */
  set_selected_webinar (self, NULL);
  g_list_store_remove_all (self->store);

  if (self->client == NULL)
    {
      set_refreshing (self, FALSE);
      update_state (self);
      return G_SOURCE_REMOVE;
    }

  if (self->cache != NULL)
    {
      if (roster_webinar_cache_get_loaded (self->cache))
        {
          g_autoptr(GPtrArray) webinars = roster_webinar_cache_dup_webinars (self->cache);

          replace_rows (self, webinars);
        }
      else
        {
          roster_webinar_cache_load_async (self->cache, self->cancellable, cache_loaded_cb, self);
        }
    }

  start_fetch (self);

  return G_SOURCE_REMOVE;
}

/* Client and cache are usually set one after the other: start once both are in. */
static void
schedule_start (RosterWebinarList *self)
{
  if (self->start_source == 0)
    self->start_source = g_idle_add_full (G_PRIORITY_HIGH, start_cb, self, NULL);
}

/* ---- rows ------------------------------------------------------------------------------------ */

static void
row_released_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkListItem     *list_item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *self = gtk_widget_get_ancestor (row, ROSTER_TYPE_WEBINAR_LIST);
  RosterWebinar *webinar = gtk_list_item_get_item (list_item);

  /* A click on a row that is already selected still opens it (on a folded window, the
   * selection alone would not change and nothing would happen). */
  if (self != NULL && webinar != NULL)
    g_signal_emit (self, signals[WEBINAR_ACTIVATED], 0, webinar);
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  RosterWebinarList        *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkGesture *gesture = gtk_gesture_click_new ();
  const char *names[] = { "title", "name", "next" };

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_widget_set_name (label, names[i]);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      if (i == 0)
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_lines (GTK_LABEL (label), 2);
          gtk_widget_add_css_class (label, "heading");
        }
      else
        {
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, "dim-label");
        }
      gtk_box_append (GTK_BOX (box), label);
    }

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (gesture, "released", G_CALLBACK (row_released_cb), list_item, 0);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (gesture));

  gtk_list_item_set_child (list_item, box);
}

/* The list's schedules have no dates, only the server's labels ("Instant replay", "Every
 * day, 01:00 PM", "Saturday, 6 Jan 2024, 03:00 PM"): the first says when the next one is. */
static char *
describe_schedules (RosterWebinar *webinar)
{
  GListModel *schedules = roster_webinar_get_schedules (webinar);
  guint n = g_list_model_get_n_items (schedules);
  g_autoptr(RosterSchedule) first = NULL;
  g_autofree char *comment = NULL;

  if (n == 0)
    return g_strdup (_("No sessions scheduled"));

  first = g_list_model_get_item (schedules, 0);
  /* "Every day, 01:00 PM" in the desktop's clock format, as the overview has it */
  comment = roster_clock_format_text (roster_clock_get_default (), roster_schedule_get_comment (first));
  if (comment == NULL)
    comment = g_strdup (roster_schedule_get_date (first));
  if (comment == NULL)
    comment = g_strdup (_("Unnamed schedule"));
  if (n == 1)
    return g_steal_pointer (&comment);

  /* Translators: the first schedule of a webinar, e.g. "Instant replay and 2 more" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u more", "%s and %u more", n - 1),
                          comment, n - 1);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 RosterWebinarList        *self)
{
  RosterWebinar *webinar = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_next_sibling (title);
  GtkWidget *next = gtk_widget_get_next_sibling (name);
  const char *title_text = roster_webinar_get_title (webinar);
  const char *name_text = roster_webinar_get_name (webinar);
  g_autofree char *untitled = NULL;
  g_autofree char *sessions = describe_schedules (webinar);

  if (title_text == NULL)
    title_text = name_text;
  if (title_text == NULL)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, roster_webinar_get_id (webinar));

      /* Translators: a webinar without title or name, by its ID */
      title_text = untitled = g_strdup_printf (_("Webinar %s"), id);
    }

  gtk_label_set_text (GTK_LABEL (title), title_text);
  gtk_label_set_text (GTK_LABEL (name), name_text != NULL ? name_text : "");
  gtk_widget_set_visible (name, name_text != NULL && g_strcmp0 (name_text, title_text) != 0);
  gtk_label_set_text (GTK_LABEL (next), sessions);
  gtk_widget_set_tooltip_text (box, roster_webinar_get_description (webinar));
  roster_a11y_label_row (box, title_text, sessions);
}

/* ---- search ---------------------------------------------------------------------------------- */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  RosterWebinarList *self = user_data;
  RosterWebinar *webinar = item;
  char id[32];

  if (self->search_folded == NULL)
    return TRUE;

  g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, roster_webinar_get_id (webinar));
  return roster_ui_contains_folded (roster_webinar_get_title (webinar), self->search_folded) ||
         roster_ui_contains_folded (roster_webinar_get_name (webinar), self->search_folded) ||
         g_str_equal (id, self->search_folded);
}

static void
search_changed_cb (RosterWebinarList *self,
                   GtkSearchEntry    *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;
  char *folded = stripped[0] != '\0' ? g_utf8_casefold (stripped, -1) : NULL;

  if (folded == NULL && self->search_folded == NULL)
    return;
  if (folded != NULL && self->search_folded != NULL)
    {
      if (strstr (folded, self->search_folded) != NULL)
        change = GTK_FILTER_CHANGE_MORE_STRICT;
      else if (strstr (self->search_folded, folded) != NULL)
        change = GTK_FILTER_CHANGE_LESS_STRICT;
    }
  g_free (self->search_folded);
  self->search_folded = folded;

  self->suppress_selection++;
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  self->suppress_selection--;
  restore_selection (self);
  update_state (self);
}

static void
stop_search_cb (RosterWebinarList *self,
                GtkSearchEntry    *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* ---- selection and activation ---------------------------------------------------------------- */

static void
selection_changed_cb (RosterWebinarList *self)
{
  if (self->suppress_selection > 0)
    return;
  set_selected_webinar (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
list_activate_cb (RosterWebinarList *self,
                  guint              position,
                  GtkListView       *list_view)
{
  g_autoptr(RosterWebinar) webinar = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (webinar == NULL)
    return;
  if (self->selected_webinar != webinar)
    {
      self->suppress_selection++;
      gtk_single_selection_set_selected (self->selection, position);
      self->suppress_selection--;
      set_selected_webinar (self, webinar);
    }
  g_signal_emit (self, signals[WEBINAR_ACTIVATED], 0, webinar);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  roster_webinar_list_refresh (ROSTER_WEBINAR_LIST (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  roster_webinar_list_focus_search (ROSTER_WEBINAR_LIST (widget));
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
roster_webinar_list_dispose (GObject *object)
{
  RosterWebinarList *self = ROSTER_WEBINAR_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->start_source, g_source_remove);

  /* The bin's child is (or holds) template children: drop it first, once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_WEBINAR_LIST);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->cache);
  g_clear_object (&self->selected_webinar);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (roster_webinar_list_parent_class)->dispose (object);
}

static void
roster_webinar_list_finalize (GObject *object)
{
  RosterWebinarList *self = ROSTER_WEBINAR_LIST (object);

  g_clear_pointer (&self->search_folded, g_free);

  G_OBJECT_CLASS (roster_webinar_list_parent_class)->finalize (object);
}

static void
roster_webinar_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RosterWebinarList *self = ROSTER_WEBINAR_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_REFRESHING:
      g_value_set_boolean (value, self->refreshing);
      break;
    case PROP_SELECTED_WEBINAR:
      g_value_set_object (value, self->selected_webinar);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_webinar_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RosterWebinarList *self = ROSTER_WEBINAR_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      roster_webinar_list_set_client (self, g_value_get_object (value));
      break;
    case PROP_CACHE:
      roster_webinar_list_set_cache (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_webinar_list_class_init (RosterWebinarListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_webinar_list_dispose;
  object_class->finalize = roster_webinar_list_finalize;
  object_class->get_property = roster_webinar_list_get_property;
  object_class->set_property = roster_webinar_list_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, ROSTER_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, ROSTER_TYPE_WEBINAR_CACHE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_WEBINAR] =
    g_param_spec_object ("selected-webinar", NULL, NULL, ROSTER_TYPE_WEBINAR,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user opened a webinar: a click, Enter or a double click on its row. */
  signals[WEBINAR_ACTIVATED] =
    g_signal_new ("webinar-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ROSTER_TYPE_WEBINAR);
  /* "network-error" while rows (from the cache or an earlier fetch) stay on screen. */
  roster_load_failure_class_add_signals (object_class);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-webinar-list.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarList, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarList, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarList, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarList, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarList, error_page);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarList, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_action (widget_class, "webinars.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "webinars.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "webinars.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "webinars.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "webinars.search", NULL);
}

static void
roster_webinar_list_init (RosterWebinarList *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (ROSTER_TYPE_WEBINAR);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (factory_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (factory_bind_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  set_refreshing (self, FALSE);
  update_state (self);
}

/* ---- public ---------------------------------------------------------------------------------- */

RosterClient *
roster_webinar_list_get_client (RosterWebinarList *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_LIST (self), NULL);
  return self->client;
}

/* Shows the account's webinars: the cached ones at once, then the live list. */
void
roster_webinar_list_set_client (RosterWebinarList *self,
                                RosterClient      *client)
{
  g_return_if_fail (ROSTER_IS_WEBINAR_LIST (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  schedule_start (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

RosterWebinarCache *
roster_webinar_list_get_cache (RosterWebinarList *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_LIST (self), NULL);
  return self->cache;
}

/* The account's cache; set it together with the client (in any order, in the same main loop
 * iteration) so that the cached list shows before the network answers. */
void
roster_webinar_list_set_cache (RosterWebinarList  *self,
                               RosterWebinarCache *cache)
{
  g_return_if_fail (ROSTER_IS_WEBINAR_LIST (self));
  g_return_if_fail (cache == NULL || ROSTER_IS_WEBINAR_CACHE (cache));

  if (!g_set_object (&self->cache, cache))
    return;

  if (self->client != NULL)
    schedule_start (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
}

gboolean
roster_webinar_list_get_refreshing (RosterWebinarList *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_LIST (self), FALSE);
  return self->refreshing;
}

RosterWebinar *
roster_webinar_list_get_selected_webinar (RosterWebinarList *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_LIST (self), NULL);
  return self->selected_webinar;
}

/* Selects the webinar (clearing a search that hides it); FALSE when it is not in the list. */
gboolean
roster_webinar_list_select_webinar (RosterWebinarList *self,
                                    gint64             webinar_id)
{
  g_autoptr(RosterWebinar) webinar = NULL;
  guint position;

  g_return_val_if_fail (ROSTER_IS_WEBINAR_LIST (self), FALSE);

  position = find_in_model (G_LIST_MODEL (self->store), webinar_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  webinar = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  if (find_in_model (G_LIST_MODEL (self->filtered), webinar_id) == GTK_INVALID_LIST_POSITION)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  set_selected_webinar (self, webinar);
  restore_selection (self);
  update_state (self);
  return TRUE;
}

/* Every webinar of the account (a GListModel of RosterWebinar), whatever the search. */
GListModel *
roster_webinar_list_get_webinars (RosterWebinarList *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_LIST (self), NULL);
  return G_LIST_MODEL (self->store);
}

/* The webinars the search lets through, as shown. */
GListModel *
roster_webinar_list_get_shown (RosterWebinarList *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_LIST (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

/* "loading", "empty", "no-results", "error" or "list": the page on screen. */
const char *
roster_webinar_list_get_state (RosterWebinarList *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_LIST (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* Fetches the live list again (keeping the rows on screen meanwhile). */
void
roster_webinar_list_refresh (RosterWebinarList *self)
{
  g_return_if_fail (ROSTER_IS_WEBINAR_LIST (self));

  if (self->client == NULL || self->refreshing)
    return;
  if (self->start_source != 0)
    return;  /* a start is due and fetches anyway */
  start_fetch (self);
}

void
roster_webinar_list_focus_search (RosterWebinarList *self)
{
  g_return_if_fail (ROSTER_IS_WEBINAR_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
