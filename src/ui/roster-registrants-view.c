/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrants-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "roster-error.h"
#include "roster-registrant-export.h"
#include "roster-registrants-chart.h"
#include "roster-registrants-view.h"
#include "roster-ui-util.h"

/* The content pane's Registrants: every page of `registrants` for one webinar in a sortable
 * column view, with the API's filters, a local search over what is loaded, counts and two
 * charts, per-person links, details and unsubscribe, and export to CSV.
 *
 * The schedule filter needs the schedule IDs that only `webinar` returns. The window sets the
 * overview's answer as the `detail` property (bind overview:detail to it); only when the filters
 * are opened before any detail of this webinar is there does the view fetch `webinar` itself. */

#define SERVER_SEARCH_DELAY_MS  800
#define SECONDS_DELAY_MS        600
#define STATS_DELAY_MS          150
#define MAX_CHART_DAYS          60

typedef enum
{
  COL_NAME,
  COL_EMAIL,
  COL_PHONE,
  COL_SESSION,
  COL_SIGNUP,
  COL_LIVE,
  COL_REPLAY,
  COL_PURCHASED,
  COL_SUBSCRIBED,
  COL_ACTIONS,
  N_COLUMNS
} ColumnId;

/* id is what the `registrant-columns` setting lists. */
/* Widths are a starting point (the columns are resizable): the cells ellipsize, so the column
 * view would otherwise squeeze every column to a few letters. */
static const struct {
  const char *id;
  const char *title;
  gboolean    expand;
  int         width;
} column_info[N_COLUMNS] = {
  [COL_NAME] = { "name", N_("Name"), TRUE, 170 },
  [COL_EMAIL] = { "email", N_("Email"), TRUE, 210 },
  [COL_PHONE] = { "phone", N_("Phone"), FALSE, 130 },
  [COL_SESSION] = { "session", N_("Session"), FALSE, 150 },
  [COL_SIGNUP] = { "signup", N_("Signed Up"), FALSE, 150 },
  [COL_LIVE] = { "live", N_("Live"), FALSE, 110 },
  [COL_REPLAY] = { "replay", N_("Replay"), FALSE, 110 },
  [COL_PURCHASED] = { "purchased", N_("Purchased"), FALSE, 130 },
  [COL_SUBSCRIBED] = { "subscribed", N_("Subscribed"), FALSE, 100 },
  [COL_ACTIONS] = { NULL, NULL, FALSE, 56 },
};

typedef enum
{
  LINK_LIVE,
  LINK_REPLAY,
  LINK_UNSUBSCRIBE,
  N_LINKS
} LinkKind;

static const struct {
  const char *id;
  const char *title;
  const char *copy_label;
  const char *(*get) (RosterRegistrant *registrant);
} link_info[N_LINKS] = {
  [LINK_LIVE] = { "live", N_("Live Room"), N_("Copy Live Room Link"),
                  roster_registrant_get_live_room_url },
  [LINK_REPLAY] = { "replay", N_("Replay Room"), N_("Copy Replay Room Link"),
                    roster_registrant_get_replay_room_url },
  [LINK_UNSUBSCRIBE] = { "unsubscribe", N_("Unsubscribe Page"), N_("Copy Unsubscribe Link"),
                         roster_registrant_get_unsubscribe_url },
};

/* One run of list_all_registrants. The page callback may outlive the view's interest in it,
 * so it checks its own cancellable before it touches the view. */
typedef struct
{
  RosterRegistrantsView *self;
  GCancellable          *cancellable;
} Load;

struct _RosterRegistrantsView
{
  AdwBin                  parent_instance;

  RosterClient           *client;
  RosterWebinar          *webinar;
  RosterWebinar          *detail;
  RosterRegistrantFilter *filter;          /* what the server is asked for, search included */
  GCancellable           *load_cancellable;
  GCancellable           *detail_cancellable;
  GCancellable           *cancellable;     /* unsubscribe, export: cancelled in dispose */
  GSettings              *settings;

  GListStore             *store;           /* every row loaded, in the server's order */
  GtkCustomFilter        *search_filter;
  GtkFilterListModel     *filtered;
  GtkSortListModel       *sorted;
  GtkSingleSelection     *selection;
  char                   *local_search;    /* casefolded, NULL: none */

  GtkColumnViewColumn    *columns[N_COLUMNS];
  GSimpleActionGroup     *column_actions;
  GMenu                  *columns_menu;
  GArray                 *schedule_ids;    /* gint64, parallel to the schedule drop-down after "Any" */
  GtkFileChooserNative   *chooser;

  RosterRegistrant       *details_registrant;
  gulong                  details_notify_id;
  AdwActionRow           *link_rows[N_LINKS];
  AdwActionRow           *subscribed_row;

  guint                   n_loaded;
  gint64                  total;           /* -1 unknown */
  gboolean                loading;
  gboolean                stopped;         /* the user stopped the last load */
  gboolean                failed;          /* the last load ended in an error */
  guint                   search_source;
  guint                   seconds_source;
  guint                   stats_source;
  guint                   suppress_widgets;

  /* Template widgets */
  GtkStack               *stack;
  GtkSearchEntry         *search_entry;
  GtkMenuButton          *filters_button;
  GtkMenuButton          *columns_button;
  GtkRevealer            *chips_revealer;
  GtkFlowBox             *chips_box;
  GtkLabel               *registered_value;
  GtkLabel               *live_value;
  GtkLabel               *replay_value;
  GtkLabel               *purchased_value;
  GtkLabel               *revenue_value;
  GtkLabel               *partial_label;
  RosterRegistrantsChart *signups_chart;
  RosterRegistrantsChart *funnel_chart;
  GtkRevealer            *progress_revealer;
  GtkProgressBar         *progress_bar;
  GtkStack               *list_stack;
  GtkSpinner             *loading_spinner;
  AdwStatusPage          *error_page;
  AdwStatusPage          *none_page;
  GtkStack               *none_stack;
  GtkColumnView          *column_view;
  GtkRevealer            *details_revealer;
  GtkLabel               *details_title;
  GtkListBox             *links_list;
  GtkButton              *details_unsubscribe_button;
  GtkListBox             *fields_list;
  GtkPopover             *filters_popover;
  GtkDropDown            *schedule_dropdown;
  GtkDropDown            *date_range_dropdown;
  GtkDropDown            *live_dropdown;
  GtkBox                 *live_seconds_box;
  GtkSpinButton          *live_seconds;
  GtkDropDown            *replay_dropdown;
  GtkBox                 *replay_seconds_box;
  GtkSpinButton          *replay_seconds;
  GtkDropDown            *purchased_dropdown;
};

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
static void schedule_stats     (RosterRegistrantsView *self);
static void sync_filter_widgets (RosterRegistrantsView *self);
static void update_chips       (RosterRegistrantsView *self);
static void fill_details       (RosterRegistrantsView *self);

GtkWidget *
roster_registrants_view_new (void)
{
  return g_object_new (ROSTER_TYPE_REGISTRANTS_VIEW, NULL);
}

/* ---- small helpers --------------------------------------------------------------------------- */

static void
toast (RosterRegistrantsView *self,
       const char            *title)
{
  g_autoptr(AdwToast) toast = adw_toast_new (title);
  gboolean handled = FALSE;

  adw_toast_set_timeout (toast, 3);
  g_signal_emit (self, signals[TOAST], 0, toast, &handled);
}

static char *
format_count (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

static char *
format_duration (gint64      seconds,
                 const char *raw)
{
  if (seconds < 0)
    return g_strdup (raw != NULL ? raw : "");
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                          (int) (seconds / 60 % 60), (int) (seconds % 60));
}

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

static char *
format_money (RosterRegistrantsView *self,
              double                 value)
{
  g_autofree char *amount = NULL;
  const char *code = currency (self);

  amount = value == (gint64) value ? g_strdup_printf ("%'" G_GINT64_FORMAT, (gint64) value)
                                   : g_strdup_printf ("%'.2f", value);
  if (code == NULL)
    return g_steal_pointer (&amount);
  /* Translators: a price, the amount then the currency, e.g. "97 USD" */
  return g_strdup_printf (_("%s %s"), amount, code);
}

static gint64
registrant_key (RosterRegistrant *registrant)
{
  gint64 id = roster_registrant_get_id (registrant);

  return id != 0 ? id : roster_registrant_get_lead_id (registrant);
}

/* The loaded registrant an action names (by row ID, else lead ID), or the one in the details. */
static RosterRegistrant *
find_registrant (RosterRegistrantsView *self,
                 gint64                 key)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (self->details_registrant != NULL && registrant_key (self->details_registrant) == key)
    return self->details_registrant;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (registrant_key (r) == key)
        return r;  /* the store keeps it alive */
    }
  return NULL;
}

static gboolean
is_yes (RosterFlag flag)
{
  return flag == ROSTER_FLAG_YES;
}

static gboolean
has_bought (RosterRegistrant *r)
{
  return is_yes (roster_registrant_get_purchased_live (r)) ||
         is_yes (roster_registrant_get_purchased_replay (r));
}

/* ---- sorting keys ---------------------------------------------------------------------------- */

static gint64
session_time_cb (RosterRegistrant *r,
                 gpointer          user_data)
{
  gint64 t;

  if (r == NULL)
    return -1;
  t = roster_registrant_get_event_time (r);
  return t >= 0 ? t : roster_registrant_get_schedule_time (r);
}

/* Not attended sorts before attended; among those who came, by time in the room. */
static gint64
live_key_cb (RosterRegistrant *r,
             gpointer          user_data)
{
  if (r == NULL || !is_yes (roster_registrant_get_attended_live (r)))
    return -1;
  return MAX (roster_registrant_get_time_live_seconds (r), 0);
}

static gint64
replay_key_cb (RosterRegistrant *r,
               gpointer          user_data)
{
  if (r == NULL || !is_yes (roster_registrant_get_attended_replay (r)))
    return -1;
  return MAX (roster_registrant_get_time_replay_seconds (r), 0);
}

static double
purchased_key_cb (RosterRegistrant *r,
                  gpointer          user_data)
{
  if (r == NULL || !has_bought (r))
    return -1;
  return roster_registrant_get_revenue_live (r) + roster_registrant_get_revenue_replay (r);
}

static int
subscribed_key_cb (RosterRegistrant *r,
                   gpointer          user_data)
{
  return r != NULL ? (int) roster_registrant_get_subscribed (r) : 0;
}

static GtkSorter *
numeric_sorter (GType     type,
                GCallback callback)
{
  GtkExpression *expression = gtk_cclosure_expression_new (type, NULL, 0, NULL, callback, NULL, NULL);

  return GTK_SORTER (gtk_numeric_sorter_new (expression));
}

static GtkSorter *
column_sorter (ColumnId column)
{
  switch (column)
    {
    case COL_NAME:
      return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (ROSTER_TYPE_REGISTRANT, NULL,
                                                                             "display-name")));
    case COL_EMAIL:
      return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (ROSTER_TYPE_REGISTRANT, NULL,
                                                                             "email")));
    case COL_PHONE:
      return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (ROSTER_TYPE_REGISTRANT, NULL,
                                                                             "phone")));
    case COL_SESSION:
      return numeric_sorter (G_TYPE_INT64, G_CALLBACK (session_time_cb));
    case COL_SIGNUP:
      /* The parsed time, so that dates sort as dates and not as text */
      return GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (ROSTER_TYPE_REGISTRANT, NULL,
                                                                              "signup-time")));
    case COL_LIVE:
      return numeric_sorter (G_TYPE_INT64, G_CALLBACK (live_key_cb));
    case COL_REPLAY:
      return numeric_sorter (G_TYPE_INT64, G_CALLBACK (replay_key_cb));
    case COL_PURCHASED:
      return numeric_sorter (G_TYPE_DOUBLE, G_CALLBACK (purchased_key_cb));
    case COL_SUBSCRIBED:
      return numeric_sorter (G_TYPE_INT, G_CALLBACK (subscribed_key_cb));
    case COL_ACTIONS:
    case N_COLUMNS:
    default:
      return NULL;
    }
}

/* ---- cells ----------------------------------------------------------------------------------- */

static char *
attendance_text (RosterFlag  attended,
                 gint64      seconds,
                 const char *raw)
{
  g_autofree char *duration = NULL;

  switch (attended)
    {
    case ROSTER_FLAG_YES:
      duration = format_duration (seconds, raw);
      if (*duration == '\0')
        return g_strdup (_("Yes"));
      /* Translators: attended, then the time spent in the room, e.g. "Yes, 0:45:30" */
      return g_strdup_printf (_("Yes, %s"), duration);
    case ROSTER_FLAG_NO:
      return g_strdup (_("No"));
    case ROSTER_FLAG_UNKNOWN:
    default:
      return g_strdup ("");
    }
}

static char *
purchased_text (RosterRegistrantsView *self,
                RosterRegistrant      *r)
{
  gboolean live = is_yes (roster_registrant_get_purchased_live (r));
  gboolean replay = is_yes (roster_registrant_get_purchased_replay (r));
  double revenue = roster_registrant_get_revenue_live (r) + roster_registrant_get_revenue_replay (r);
  g_autofree char *money = format_money (self, revenue);

  if (live && replay)
    /* Translators: bought in the live session and in the replay, then the revenue */
    return g_strdup_printf (_("Live and replay, %s"), money);
  if (live)
    /* Translators: bought in the live session, then the revenue */
    return g_strdup_printf (_("Live, %s"), money);
  if (replay)
    /* Translators: bought while watching the replay, then the revenue */
    return g_strdup_printf (_("Replay, %s"), money);
  if (roster_registrant_get_purchased_live (r) == ROSTER_FLAG_UNKNOWN &&
      roster_registrant_get_purchased_replay (r) == ROSTER_FLAG_UNKNOWN)
    return g_strdup ("");
  return g_strdup (_("No"));
}

static const char *
flag_text (RosterFlag flag)
{
  switch (flag)
    {
    case ROSTER_FLAG_YES:
      return _("Yes");
    case ROSTER_FLAG_NO:
      return _("No");
    case ROSTER_FLAG_UNKNOWN:
    default:
      return "";
    }
}

static char *
cell_text (RosterRegistrantsView *self,
           ColumnId               column,
           RosterRegistrant      *r)
{
  switch (column)
    {
    case COL_NAME:
      return g_strdup (roster_registrant_get_display_name (r));
    case COL_EMAIL:
      return g_strdup (roster_registrant_get_email (r) ?: "");
    case COL_PHONE:
      {
        const char *code = roster_registrant_get_phone_country_code (r);
        const char *phone = roster_registrant_get_phone (r);

        if (phone == NULL)
          return g_strdup ("");
        return code != NULL ? g_strdup_printf ("%s %s", code, phone) : g_strdup (phone);
      }
    case COL_SESSION:
      return roster_registrant_dup_session_text (r);
    case COL_SIGNUP:
      return roster_registrant_dup_signup_text (r);
    case COL_LIVE:
      return attendance_text (roster_registrant_get_attended_live (r),
                              roster_registrant_get_time_live_seconds (r),
                              roster_registrant_get_time_live (r));
    case COL_REPLAY:
      return attendance_text (roster_registrant_get_attended_replay (r),
                              roster_registrant_get_time_replay_seconds (r),
                              roster_registrant_get_time_replay (r));
    case COL_PURCHASED:
      return purchased_text (self, r);
    case COL_SUBSCRIBED:
      return g_strdup (flag_text (roster_registrant_get_subscribed (r)));
    case COL_ACTIONS:
    case N_COLUMNS:
    default:
      return NULL;
    }
}

static GMenuModel *
registrant_menu_new (RosterRegistrant *r)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) links = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();
  g_autoptr(GMenuItem) details = g_menu_item_new (_("Show _Details"), NULL);
  gint64 key = registrant_key (r);

  g_menu_item_set_action_and_target_value (details, "registrants.show-details", g_variant_new_int64 (key));
  g_menu_append_item (menu, details);

  for (guint i = 0; i < N_LINKS; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      const char *url = link_info[i].get (r);

      if (url == NULL || *url == '\0')
        continue;
      item = g_menu_item_new (_(link_info[i].copy_label), NULL);
      g_menu_item_set_action_and_target_value (item, "registrants.copy-link",
                                               g_variant_new ("(xs)", key, link_info[i].id));
      g_menu_append_item (links, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (links));

  if (roster_registrant_get_subscribed (r) != ROSTER_FLAG_NO && roster_registrant_get_lead_id (r) > 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("_Unsubscribe…"), NULL);

      g_menu_item_set_action_and_target_value (item, "registrants.unsubscribe", g_variant_new_int64 (key));
      g_menu_append_item (danger, item);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));
    }

  return G_MENU_MODEL (menu);
}

/* The row's menu is made when it opens: rows are recycled, and most menus never open. */
static void
create_row_menu (GtkMenuButton *button,
                 gpointer       user_data)
{
  GtkListItem *item = user_data;
  RosterRegistrant *r = gtk_list_item_get_item (item);
  g_autoptr(GMenuModel) menu = NULL;

  if (r == NULL)
    return;
  menu = registrant_menu_new (r);
  gtk_menu_button_set_menu_model (button, menu);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  ColumnId column = GPOINTER_TO_INT (user_data);
  GtkWidget *child;

  if (column == COL_ACTIONS)
    {
      child = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (child), "view-more-symbolic");
      gtk_widget_add_css_class (child, "flat");
      gtk_widget_set_tooltip_text (child, _("Actions"));
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (child), create_row_menu, item, NULL);
    }
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), 0);
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      gtk_label_set_single_line_mode (GTK_LABEL (child), TRUE);
      if (column != COL_NAME && column != COL_EMAIL)
        gtk_widget_add_css_class (child, "numeric");
    }
  gtk_list_item_set_child (item, child);
}

static void
subscribed_changed_cb (RosterRegistrant *r,
                       GParamSpec       *pspec,
                       GtkLabel         *label)
{
  gtk_label_set_text (label, flag_text (roster_registrant_get_subscribed (r)));
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  ColumnId column = GPOINTER_TO_INT (user_data);
  RosterRegistrantsView *self = g_object_get_data (G_OBJECT (factory), "view");
  RosterRegistrant *r = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (column == COL_ACTIONS)
    {
      /* Translators: the accessible name of a row's menu button, %s is a person's name */
      g_autofree char *label = g_strdup_printf (_("Actions for %s"), roster_registrant_get_display_name (r));

      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      return;
    }

  text = cell_text (self, column, r);
  gtk_label_set_text (GTK_LABEL (child), text);

  /* After an unsubscribe, the row says so without a reload. */
  if (column == COL_SUBSCRIBED)
    {
      gulong id = g_signal_connect_object (r, "notify::subscribed", G_CALLBACK (subscribed_changed_cb),
                                           child, 0);

      g_object_set_data (G_OBJECT (item), "notify-id", GSIZE_TO_POINTER ((gsize) id));
    }
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  RosterRegistrant *r = gtk_list_item_get_item (item);
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "notify-id"));

  /* The label may have gone first, taking the handler with it. */
  if (id != 0 && r != NULL && g_signal_handler_is_connected (r, id))
    g_signal_handler_disconnect (r, id);
  g_object_set_data (G_OBJECT (item), "notify-id", NULL);
}

/* ---- columns and the `registrant-columns` setting -------------------------------------------- */

static void
columns_setting_changed_cb (RosterRegistrantsView *self)
{
  g_auto(GStrv) visible = g_settings_get_strv (self->settings, "registrant-columns");

  for (guint i = 0; i < COL_ACTIONS; i++)
    {
      gboolean shown = g_strv_contains ((const char * const *) visible, column_info[i].id);
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->column_actions), column_info[i].id);

      gtk_column_view_column_set_visible (self->columns[i], shown);
      g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (shown));
    }
}

static void
column_toggled_cb (GSimpleAction         *action,
                   GVariant              *state,
                   RosterRegistrantsView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) visible = NULL;
  const char *changed = g_action_get_name (G_ACTION (action));

  for (guint i = 0; i < COL_ACTIONS; i++)
    {
      gboolean shown = g_str_equal (column_info[i].id, changed)
                         ? g_variant_get_boolean (state)
                         : gtk_column_view_column_get_visible (self->columns[i]);

      if (shown)
        g_strv_builder_add (builder, column_info[i].id);
    }
  visible = g_strv_builder_end (builder);
  /* The setting's change handler shows or hides the column. */
  g_settings_set_strv (self->settings, "registrant-columns", (const char * const *) visible);
}

static void
setup_columns (RosterRegistrantsView *self)
{
  self->column_actions = g_simple_action_group_new ();
  self->columns_menu = g_menu_new ();

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = column_sorter (i);
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "view", self);
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), GINT_TO_POINTER (i));

      column = gtk_column_view_column_new (column_info[i].title ? _(column_info[i].title) : NULL,
                                           factory);
      gtk_column_view_column_set_expand (column, column_info[i].expand);
      gtk_column_view_column_set_fixed_width (column, column_info[i].width);
      gtk_column_view_column_set_resizable (column, i != COL_ACTIONS);
      if (sorter != NULL)
        gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (self->column_view, column);
      self->columns[i] = column;  /* the column view holds it */
      g_object_unref (column);

      if (i != COL_ACTIONS)
        {
          g_autoptr(GSimpleAction) action = NULL;
          g_autofree char *detailed = g_strconcat ("registrants-columns.", column_info[i].id, NULL);

          action = g_simple_action_new_stateful (column_info[i].id, NULL, g_variant_new_boolean (TRUE));
          g_signal_connect_object (action, "change-state", G_CALLBACK (column_toggled_cb), self, 0);
          g_action_map_add_action (G_ACTION_MAP (self->column_actions), G_ACTION (action));
          g_menu_append (self->columns_menu, _(column_info[i].title), detailed);
        }
    }

  gtk_widget_insert_action_group (GTK_WIDGET (self), "registrants-columns",
                                  G_ACTION_GROUP (self->column_actions));
  gtk_menu_button_set_menu_model (self->columns_button, G_MENU_MODEL (self->columns_menu));
  /* The same choice on a right click on any header */
  for (guint i = 0; i < COL_ACTIONS; i++)
    gtk_column_view_column_set_header_menu (self->columns[i], G_MENU_MODEL (self->columns_menu));

  g_signal_connect_object (self->settings, "changed::registrant-columns",
                           G_CALLBACK (columns_setting_changed_cb), self, G_CONNECT_SWAPPED);
  columns_setting_changed_cb (self);
}

/* ---- local search ---------------------------------------------------------------------------- */

static gboolean
local_match (gpointer item,
             gpointer user_data)
{
  RosterRegistrantsView *self = user_data;
  RosterRegistrant *r = item;

  return roster_ui_contains_folded (roster_registrant_get_display_name (r), self->local_search) ||
         roster_ui_contains_folded (roster_registrant_get_email (r), self->local_search) ||
         roster_ui_contains_folded (roster_registrant_get_phone (r), self->local_search);
}

static void
set_local_search (RosterRegistrantsView *self,
                  const char            *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *folded = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;

  if (g_strcmp0 (folded, self->local_search) == 0)
    return;
  g_free (self->local_search);
  self->local_search = g_steal_pointer (&folded);

  /* No search: no filter function, so the filter model passes every row straight through. */
  if (self->local_search != NULL)
    gtk_custom_filter_set_filter_func (self->search_filter, local_match, self, NULL);
  else
    gtk_custom_filter_set_filter_func (self->search_filter, NULL, NULL, NULL);
}

/* ---- the filter ------------------------------------------------------------------------------ */

static void
apply_filter (RosterRegistrantsView        *self,
              const RosterRegistrantFilter *filter)
{
  g_autoptr(RosterRegistrantFilter) copy = roster_registrant_filter_copy (filter);

  if (copy->search != NULL && *copy->search == '\0')
    g_clear_pointer (&copy->search, g_free);

  roster_registrant_filter_free (self->filter);
  self->filter = g_steal_pointer (&copy);

  sync_filter_widgets (self);
  update_chips (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
  start_load (self);
}

static int
dropdown_code (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  /* The first choice is the API's 0, which is also its default: it is not sent. */
  return selected == GTK_INVALID_LIST_POSITION || selected == 0 ? -1 : (int) selected;
}

static void
read_filter_widgets (RosterRegistrantsView  *self,
                     RosterRegistrantFilter *filter)
{
  guint schedule = gtk_drop_down_get_selected (self->schedule_dropdown);

  filter->schedule_id = 0;
  if (schedule != GTK_INVALID_LIST_POSITION && schedule > 0 && schedule <= self->schedule_ids->len)
    filter->schedule_id = g_array_index (self->schedule_ids, gint64, schedule - 1);
  filter->date_range = dropdown_code (self->date_range_dropdown);
  filter->attended_live = dropdown_code (self->live_dropdown);
  filter->attended_live_timestamp = filter->attended_live >= 3
                                      ? gtk_spin_button_get_value_as_int (self->live_seconds) : -1;
  filter->attended_replay = dropdown_code (self->replay_dropdown);
  filter->attended_replay_timestamp = filter->attended_replay >= 3
                                        ? gtk_spin_button_get_value_as_int (self->replay_seconds) : -1;
  filter->purchased = dropdown_code (self->purchased_dropdown);
}

static void
filters_from_widgets (RosterRegistrantsView *self)
{
  g_autoptr(RosterRegistrantFilter) filter = roster_registrant_filter_copy (self->filter);

  g_clear_handle_id (&self->seconds_source, g_source_remove);
  read_filter_widgets (self, filter);
  apply_filter (self, filter);
}

static void
filter_widget_changed_cb (RosterRegistrantsView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->live_seconds_box),
                          gtk_drop_down_get_selected (self->live_dropdown) >= 3 &&
                          gtk_drop_down_get_selected (self->live_dropdown) != GTK_INVALID_LIST_POSITION);
  gtk_widget_set_visible (GTK_WIDGET (self->replay_seconds_box),
                          gtk_drop_down_get_selected (self->replay_dropdown) >= 3 &&
                          gtk_drop_down_get_selected (self->replay_dropdown) != GTK_INVALID_LIST_POSITION);
  if (self->suppress_widgets > 0)
    return;
  filters_from_widgets (self);
}

static gboolean
seconds_timeout_cb (gpointer user_data)
{
  RosterRegistrantsView *self = user_data;

  self->seconds_source = 0;
  filters_from_widgets (self);
  return G_SOURCE_REMOVE;
}

/* Typing a number of seconds should not send a call per digit. */
static void
seconds_changed_cb (RosterRegistrantsView *self)
{
  if (self->suppress_widgets > 0)
    return;
  g_clear_handle_id (&self->seconds_source, g_source_remove);
  self->seconds_source = g_timeout_add (SECONDS_DELAY_MS, seconds_timeout_cb, self);
}

static void
rebuild_schedules (RosterRegistrantsView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  RosterWebinar *source = NULL;
  GListModel *schedules;
  guint n;

  g_array_set_size (self->schedule_ids, 0);
  /* Translators: the schedule filter's choice that filters nothing */
  gtk_string_list_append (names, _("Any Schedule"));

  if (self->detail != NULL)
    source = self->detail;
  else if (self->webinar != NULL)
    source = self->webinar;  /* from the list: IDs only when a cache had the detail */

  schedules = source != NULL ? roster_webinar_get_schedules (source) : NULL;
  n = schedules != NULL ? g_list_model_get_n_items (schedules) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterSchedule) schedule = g_list_model_get_item (schedules, i);
      gint64 id = roster_schedule_get_id (schedule);
      const char *comment = roster_schedule_get_comment (schedule);
      const char *date = roster_schedule_get_date (schedule);
      gboolean seen = FALSE;
      g_autofree char *label = NULL;

      /* One ID can stand for a whole series: list it once. */
      for (guint k = 0; k < self->schedule_ids->len && !seen; k++)
        seen = g_array_index (self->schedule_ids, gint64, k) == id;
      if (id <= 0 || seen)
        continue;

      if (comment != NULL && *comment != '\0')
        label = g_strdup (comment);
      else if (date != NULL)
        label = g_strdup (date);
      else
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          /* Translators: a schedule known only by its ID */
          label = g_strdup_printf (_("Schedule %s"), number);
        }
      gtk_string_list_append (names, label);
      g_array_append_val (self->schedule_ids, id);
    }

  /* A filter set before the schedules were known keeps its choice on screen. */
  if (self->filter->schedule_id > 0)
    {
      gboolean found = FALSE;

      for (guint k = 0; k < self->schedule_ids->len && !found; k++)
        found = g_array_index (self->schedule_ids, gint64, k) == self->filter->schedule_id;
      if (!found)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->filter->schedule_id);
          g_autofree char *label = g_strdup_printf (_("Schedule %s"), number);

          gtk_string_list_append (names, label);
          g_array_append_val (self->schedule_ids, self->filter->schedule_id);
        }
    }

  self->suppress_widgets++;
  gtk_drop_down_set_model (self->schedule_dropdown, G_LIST_MODEL (names));
  self->suppress_widgets--;
  sync_filter_widgets (self);
}

static void
set_dropdown (GtkDropDown *dropdown,
              int          code)
{
  guint n = g_list_model_get_n_items (gtk_drop_down_get_model (dropdown));

  gtk_drop_down_set_selected (dropdown, code > 0 && (guint) code < n ? (guint) code : 0);
}

static void
sync_filter_widgets (RosterRegistrantsView *self)
{
  RosterRegistrantFilter *f = self->filter;
  guint schedule = 0;

  for (guint k = 0; k < self->schedule_ids->len; k++)
    if (f->schedule_id > 0 && g_array_index (self->schedule_ids, gint64, k) == f->schedule_id)
      schedule = k + 1;

  self->suppress_widgets++;
  gtk_drop_down_set_selected (self->schedule_dropdown, schedule);
  set_dropdown (self->date_range_dropdown, f->date_range);
  set_dropdown (self->live_dropdown, f->attended_live);
  if (f->attended_live >= 3 && f->attended_live_timestamp >= 0)
    gtk_spin_button_set_value (self->live_seconds, f->attended_live_timestamp);
  set_dropdown (self->replay_dropdown, f->attended_replay);
  if (f->attended_replay >= 3 && f->attended_replay_timestamp >= 0)
    gtk_spin_button_set_value (self->replay_seconds, f->attended_replay_timestamp);
  set_dropdown (self->purchased_dropdown, f->purchased);
  filter_widget_changed_cb (self);  /* the seconds rows */

  if (g_strcmp0 (f->search, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0 &&
      !(f->search == NULL && *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0'))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), f->search != NULL ? f->search : "");
      set_local_search (self, f->search);
    }
  self->suppress_widgets--;
}

static const char *
dropdown_label (GtkDropDown *dropdown)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (!GTK_IS_STRING_LIST (model) || selected == GTK_INVALID_LIST_POSITION)
    return "";
  return gtk_string_list_get_string (GTK_STRING_LIST (model), selected);
}

static char *
attendance_chip (int          code,
                 gint64       seconds,
                 GtkDropDown *dropdown)
{
  g_autofree char *duration = format_duration (MAX (seconds, 0), NULL);

  if (code == 3)
    /* Translators: attendance filter, left before a time into the session, e.g. "left before 0:10:00" */
    return g_strdup_printf (_("left before %s"), duration);
  if (code == 4)
    /* Translators: attendance filter, stayed past a time into the session, e.g. "stayed past 0:10:00" */
    return g_strdup_printf (_("stayed past %s"), duration);
  return g_utf8_strdown (dropdown_label (dropdown), -1);
}

static void
add_chip (RosterRegistrantsView *self,
          const char            *which,
          const char            *text)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *icon = gtk_image_new_from_icon_name ("window-close-symbolic");
  /* Translators: the accessible name of a button that removes one filter, %s describes it */
  g_autofree char *name = g_strdup_printf (_("Remove filter %s"), text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 12);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "filter-chip");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("Remove this filter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", which);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "registrants.clear-filter");
  gtk_flow_box_append (self->chips_box, button);
}

/* The filters in force, as small buttons that each remove one. */
static void
update_chips (RosterRegistrantsView *self)
{
  RosterRegistrantFilter *f = self->filter;
  GtkWidget *child;
  gboolean any;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))) != NULL)
    gtk_flow_box_remove (self->chips_box, child);

  if (f->schedule_id > 0)
    {
      /* Translators: a filter in force, "Schedule: Every day, 01:00 PM" */
      g_autofree char *text = g_strdup_printf (_("Schedule: %s"), dropdown_label (self->schedule_dropdown));

      add_chip (self, "schedule", text);
    }
  if (f->date_range > 0)
    {
      /* Translators: a filter in force, "Signed up: Last 7 Days" */
      g_autofree char *text = g_strdup_printf (_("Signed up: %s"), dropdown_label (self->date_range_dropdown));

      add_chip (self, "date-range", text);
    }
  if (f->attended_live > 0)
    {
      g_autofree char *what = attendance_chip (f->attended_live, f->attended_live_timestamp, self->live_dropdown);
      /* Translators: a filter in force, "Live: attended" */
      g_autofree char *text = g_strdup_printf (_("Live: %s"), what);

      add_chip (self, "live", text);
    }
  if (f->attended_replay > 0)
    {
      g_autofree char *what = attendance_chip (f->attended_replay, f->attended_replay_timestamp,
                                               self->replay_dropdown);
      /* Translators: a filter in force, "Replay: watched" */
      g_autofree char *text = g_strdup_printf (_("Replay: %s"), what);

      add_chip (self, "replay", text);
    }
  if (f->purchased > 0)
    {
      g_autofree char *what = g_utf8_strdown (dropdown_label (self->purchased_dropdown), -1);
      /* Translators: a filter in force, "Purchased: bought" */
      g_autofree char *text = g_strdup_printf (_("Purchased: %s"), what);

      add_chip (self, "purchased", text);
    }
  if (f->search != NULL)
    {
      /* Translators: a filter in force, the text searched for in quotes */
      g_autofree char *text = g_strdup_printf (_("Search: “%s”"), f->search);

      add_chip (self, "search", text);
    }

  any = !roster_registrant_filter_is_empty (f);
  gtk_revealer_set_reveal_child (self->chips_revealer, any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registrants.clear-filters",
                                 any || self->local_search != NULL);
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
  g_autofree char *loaded = format_count (self->n_loaded);

  if (self->total > 0)
    {
      g_autofree char *total = format_count (self->total);
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
  gboolean partial = self->stopped && self->total > self->n_loaded;

  if (partial)
    {
      g_autofree char *loaded = format_count (self->n_loaded);
      g_autofree char *total = format_count (self->total);
      /* Translators: after the user stopped loading, "1,500 of 2,400 loaded" */
      g_autofree char *text = g_strdup_printf (_("Loading stopped: %s of %s loaded"), loaded, total);

      gtk_label_set_text (self->partial_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->partial_label), partial);
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

          toast (self, text);
        }
      self->failed = TRUE;
      if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION))
        g_signal_emit (self, signals[AUTHENTICATION_FAILED], 0, error);
    }

  /* Every page landed: the server may have counted differently while pages came in. */
  if (error == NULL && self->total != self->n_loaded)
    {
      self->total = self->n_loaded;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }

  update_list_state (self);
  schedule_stats (self);
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
      gboolean filtered = !roster_registrant_filter_is_empty (self->filter) || self->local_search != NULL;

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

/* ---- counts and charts ----------------------------------------------------------------------- */

static void
update_stats (RosterRegistrantsView *self)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (model);
  guint live = 0, replay = 0, bought = 0;
  double revenue = 0;
  gint64 first_day = G_MAXINT64, last_day = G_MININT64;
  g_autofree double *per_day = NULL;
  g_autoptr(GPtrArray) day_labels = g_ptr_array_new_with_free_func (g_free);
  guint n_days = 0;
  g_autofree char *n_text = NULL, *live_text = NULL, *replay_text = NULL, *bought_text = NULL;
  g_autofree char *money = NULL, *funnel_description = NULL, *bars_description = NULL;
  double funnel[4];
  const char *funnel_labels[4];

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterRegistrant) r = g_list_model_get_item (model, i);
      gint64 t = roster_registrant_get_signup_time (r);

      live += is_yes (roster_registrant_get_attended_live (r));
      replay += is_yes (roster_registrant_get_attended_replay (r));
      bought += has_bought (r);
      revenue += roster_registrant_get_revenue_live (r) + roster_registrant_get_revenue_replay (r);
      if (t >= 0)
        {
          first_day = MIN (first_day, t / 86400);
          last_day = MAX (last_day, t / 86400);
        }
    }

  /* Sign-ups per day, up to the last MAX_CHART_DAYS days that have any */
  if (last_day >= first_day)
    {
      first_day = MAX (first_day, last_day - MAX_CHART_DAYS + 1);
      n_days = (guint) (last_day - first_day + 1);
      per_day = g_new0 (double, n_days);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RosterRegistrant) r = g_list_model_get_item (model, i);
          gint64 t = roster_registrant_get_signup_time (r);

          if (t >= 0 && t / 86400 >= first_day)
            per_day[t / 86400 - first_day]++;
        }
      for (guint d = 0; d < n_days; d++)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((first_day + d) * 86400);

          /* Translators: a day under the sign-ups chart, see the strftime() manual */
          g_ptr_array_add (day_labels, g_date_time_format (dt, _("%-d %b")));
        }
    }
  g_ptr_array_add (day_labels, NULL);

  n_text = format_count (n);
  live_text = format_count (live);
  replay_text = format_count (replay);
  bought_text = format_count (bought);
  money = format_money (self, revenue);
  gtk_label_set_text (self->registered_value, n_text);
  gtk_label_set_text (self->live_value, live_text);
  gtk_label_set_text (self->replay_value, replay_text);
  gtk_label_set_text (self->purchased_value, bought_text);
  gtk_label_set_text (self->revenue_value, money);

  if (n_days > 0)
    {
      double peak = 0;
      guint peak_day = 0;

      for (guint d = 0; d < n_days; d++)
        if (per_day[d] > peak)
          {
            peak = per_day[d];
            peak_day = d;
          }
      /* Translators: the sign-ups chart in words: first day, last day, the most on one day, that day */
      bars_description = g_strdup_printf (_("Sign-ups per day from %s to %s: at most %'.0f, on %s."),
                                          (char *) g_ptr_array_index (day_labels, 0),
                                          (char *) g_ptr_array_index (day_labels, n_days - 1),
                                          peak, (char *) g_ptr_array_index (day_labels, peak_day));
    }
  else
    bars_description = g_strdup (_("No sign-up dates to show."));
  roster_registrants_chart_set_data (self->signups_chart, per_day,
                                     (const char * const *) day_labels->pdata, n_days, bars_description);

  funnel[0] = n;
  funnel[1] = live;
  funnel[2] = replay;
  funnel[3] = bought;
  funnel_labels[0] = _("Registered");
  funnel_labels[1] = _("Live");
  funnel_labels[2] = _("Replay");
  funnel_labels[3] = _("Bought");
  /* Translators: the funnel chart in words; the counts of registered, attended live, watched
   * the replay and bought */
  funnel_description = g_strdup_printf (_("%s registered, %s attended live, %s watched the replay and %s bought."),
                                        n_text, live_text, replay_text, bought_text);
  roster_registrants_chart_set_data (self->funnel_chart, funnel, funnel_labels, 4, funnel_description);
}

static gboolean
stats_timeout_cb (gpointer user_data)
{
  RosterRegistrantsView *self = user_data;

  self->stats_source = 0;
  update_stats (self);
  return G_SOURCE_REMOVE;
}

/* Pages land many times a second: count at most a few times a second. */
static void
schedule_stats (RosterRegistrantsView *self)
{
  if (self->stats_source == 0)
    self->stats_source = g_timeout_add (STATS_DELAY_MS, stats_timeout_cb, self);
}

static void
shown_changed_cb (RosterRegistrantsView *self)
{
  update_list_state (self);
  schedule_stats (self);
}

/* ---- search ---------------------------------------------------------------------------------- */

static void
server_search (RosterRegistrantsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(RosterRegistrantFilter) filter = NULL;

  g_clear_handle_id (&self->search_source, g_source_remove);
  if (g_strcmp0 (*stripped != '\0' ? stripped : NULL, self->filter->search) == 0)
    return;

  filter = roster_registrant_filter_copy (self->filter);
  g_free (filter->search);
  filter->search = *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;
  apply_filter (self, filter);
}

static gboolean
search_timeout_cb (gpointer user_data)
{
  RosterRegistrantsView *self = user_data;

  self->search_source = 0;
  server_search (self);
  return G_SOURCE_REMOVE;
}

/* What is loaded narrows at once; the server is asked after a pause in typing. */
static void
search_changed_cb (RosterRegistrantsView *self)
{
  if (self->suppress_widgets > 0)
    return;
  set_local_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_chips (self);
  g_clear_handle_id (&self->search_source, g_source_remove);
  self->search_source = g_timeout_add (SERVER_SEARCH_DELAY_MS, search_timeout_cb, self);
}

static void
search_activate_cb (RosterRegistrantsView *self)
{
  set_local_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  server_search (self);
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
  return self->detail != NULL || self->schedule_ids->len > 0;
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

/* ---- details --------------------------------------------------------------------------------- */

static void
clear_list_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

/* The member's name small and dim above its value, which can be selected and copied (the
 * "property" row style is newer than libadwaita 1.2). */
static GtkWidget *
field_row_new (const char *title,
               const char *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *text = gtk_label_new (value != NULL && *value != '\0' ? value : "—");

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (name, "caption");
  gtk_widget_add_css_class (name, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Read as "name: value" */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  name, text, NULL, -1);
  return row;
}

static void
details_subscribed_cb (RosterRegistrantsView *self)
{
  fill_details (self);
}

static void
fill_details (RosterRegistrantsView *self)
{
  RosterRegistrant *r = self->details_registrant;
  const char * const *fields;
  gint64 key;

  clear_list_box (self->links_list);
  clear_list_box (self->fields_list);
  if (r == NULL)
    return;

  key = registrant_key (r);
  gtk_label_set_text (self->details_title, roster_registrant_get_display_name (r));

  for (guint i = 0; i < N_LINKS; i++)
    {
      const char *url = link_info[i].get (r);
      GtkWidget *row, *copy;

      if (url == NULL || *url == '\0')
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(link_info[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), url);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (copy, "flat");
      gtk_widget_set_tooltip_text (copy, _(link_info[i].copy_label));
      gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(link_info[i].copy_label), -1);
      /* The target first: an action name without its target makes GTK warn */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (copy), "(xs)", key, link_info[i].id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "registrants.copy-link");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), copy);
      gtk_list_box_append (self->links_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->links_list),
                          gtk_widget_get_first_child (GTK_WIDGET (self->links_list)) != NULL);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->details_unsubscribe_button), "x", key);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->details_unsubscribe_button), "registrants.unsubscribe");
  gtk_widget_set_visible (GTK_WIDGET (self->details_unsubscribe_button),
                          roster_registrant_get_subscribed (r) != ROSTER_FLAG_NO &&
                          roster_registrant_get_lead_id (r) > 0);

  /* Every member as the API sent it; `subscribed` as it is now. */
  fields = roster_registrant_get_fields (r);
  for (guint i = 0; fields[i] != NULL && fields[i + 1] != NULL; i += 2)
    {
      const char *value = fields[i + 1];

      if (g_str_equal (fields[i], "subscribed") &&
          roster_registrant_get_subscribed (r) == ROSTER_FLAG_NO)
        value = "No";
      gtk_list_box_append (self->fields_list, field_row_new (fields[i], value));
    }
}

static void
set_details_registrant (RosterRegistrantsView *self,
                        RosterRegistrant      *registrant)
{
  if (self->details_registrant == registrant)
    return;
  if (self->details_registrant != NULL)
    g_clear_signal_handler (&self->details_notify_id, self->details_registrant);
  g_set_object (&self->details_registrant, registrant);
  if (registrant != NULL)
    self->details_notify_id = g_signal_connect_object (registrant, "notify::subscribed",
                                                       G_CALLBACK (details_subscribed_cb), self,
                                                       G_CONNECT_SWAPPED);
  fill_details (self);
}

/* ---- actions --------------------------------------------------------------------------------- */

static gboolean
default_toast_handler (RosterRegistrantsView *self,
                       AdwToast              *toast)
{
  roster_ui_add_toast (GTK_WIDGET (self), toast);
  return TRUE;
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  roster_registrants_view_reload (ROSTER_REGISTRANTS_VIEW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  roster_registrants_view_cancel_load (ROSTER_REGISTRANTS_VIEW (widget));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  roster_registrants_view_clear_filters (ROSTER_REGISTRANTS_VIEW (widget));
}

static void
clear_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  g_autoptr(RosterRegistrantFilter) filter = roster_registrant_filter_copy (self->filter);

  if (g_str_equal (which, "schedule"))
    filter->schedule_id = 0;
  else if (g_str_equal (which, "date-range"))
    filter->date_range = -1;
  else if (g_str_equal (which, "live"))
    {
      filter->attended_live = -1;
      filter->attended_live_timestamp = -1;
    }
  else if (g_str_equal (which, "replay"))
    {
      filter->attended_replay = -1;
      filter->attended_replay_timestamp = -1;
    }
  else if (g_str_equal (which, "purchased"))
    filter->purchased = -1;
  else if (g_str_equal (which, "search"))
    {
      g_clear_pointer (&filter->search, g_free);
      g_clear_handle_id (&self->search_source, g_source_remove);
      self->suppress_widgets++;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      self->suppress_widgets--;
      set_local_search (self, NULL);
    }
  else
    return;

  apply_filter (self, filter);
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (widget);
  RosterRegistrant *r;
  const char *kind;
  gint64 key;

  g_variant_get (parameter, "(x&s)", &key, &kind);
  if (!(r = find_registrant (self, key)))
    return;

  for (guint i = 0; i < N_LINKS; i++)
    {
      const char *url = link_info[i].get (r);

      if (!g_str_equal (kind, link_info[i].id) || url == NULL || *url == '\0')
        continue;
      gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), url);
      toast (self, _("Link copied"));
      return;
    }
}

static void
show_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (widget);
  RosterRegistrant *r = find_registrant (self, g_variant_get_int64 (parameter));

  if (r != NULL)
    roster_registrants_view_show_details (self, r);
}

static void
hide_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  roster_registrants_view_show_details (ROSTER_REGISTRANTS_VIEW (widget), NULL);
}

static void
row_activated_cb (RosterRegistrantsView *self,
                  guint                  position)
{
  g_autoptr(RosterRegistrant) r = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (r != NULL)
    roster_registrants_view_show_details (self, r);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Unsubscribe */

typedef struct
{
  RosterRegistrantsView *self;
  RosterRegistrant      *registrant;
} Unsubscribe;

static void
unsubscribe_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Unsubscribe *data = user_data;
  g_autoptr(RosterRegistrant) r = data->registrant;
  RosterRegistrantsView *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_free (data);
  if (!roster_client_unsubscribe_finish (ROSTER_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: the first %s is a person's name, the second the server's message */
      text = g_strdup_printf (_("Could not unsubscribe %s: %s"), roster_registrant_get_display_name (r),
                              error->message);
      toast (self, text);
      if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION))
        g_signal_emit (self, signals[AUTHENTICATION_FAILED], 0, error);
      return;
    }

  roster_registrant_set_subscribed (r, ROSTER_FLAG_NO);
  /* Translators: %s is a person's name */
  text = g_strdup_printf (_("%s was unsubscribed"), roster_registrant_get_display_name (r));
  toast (self, text);
}

static void
unsubscribe_response_cb (AdwMessageDialog      *dialog,
                         const char            *response,
                         RosterRegistrantsView *self)
{
  RosterRegistrant *r = g_object_get_data (G_OBJECT (dialog), "registrant");
  Unsubscribe *data;

  if (!g_str_equal (response, "unsubscribe") || self->client == NULL || self->webinar == NULL)
    return;

  data = g_new0 (Unsubscribe, 1);
  data->self = self;
  data->registrant = g_object_ref (r);
  roster_client_unsubscribe_async (self->client, roster_webinar_get_id (self->webinar),
                                   roster_registrant_get_lead_id (r), self->cancellable,
                                   unsubscribe_cb, data);
}

static void
unsubscribe_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (widget);
  RosterRegistrant *r = find_registrant (self, g_variant_get_int64 (parameter));
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (r == NULL || roster_registrant_get_lead_id (r) <= 0)
    return;
  if (roster_registrant_get_subscribed (r) == ROSTER_FLAG_NO)
    {
      toast (self, _("Already unsubscribed"));
      return;
    }

  /* Translators: %s is a person's name */
  heading = g_strdup_printf (_("Unsubscribe %s?"), roster_registrant_get_display_name (r));
  body = g_strdup (_("They will get no more emails or reminders about this webinar. Roster cannot subscribe them again."));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "unsubscribe", _("_Unsubscribe"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unsubscribe",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "registrant", g_object_ref (r), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsubscribe_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Export */

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  if (!roster_registrants_view_export_to_file_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s is the reason, from the file system */
      text = g_strdup_printf (_("Could not export: %s"), error->message);
      toast (self, text);
      return;
    }

  name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Exported to “%s”"), name);
  toast (self, text);
}

static void
chooser_response_cb (GtkNativeDialog       *chooser,
                     int                    response,
                     RosterRegistrantsView *self)
{
  g_autoptr(GFile) file = NULL;
  const char *rows, *bom;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      rows = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "rows");
      bom = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "bom");
      roster_registrants_view_export_to_file_async (self, file,
                                                    g_strcmp0 (rows, "shown") == 0,
                                                    g_strcmp0 (bom, "true") == 0,
                                                    self->cancellable, export_done_cb,
                                                    g_object_ref (file));
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static char *
export_file_name (RosterRegistrantsView *self)
{
  const char *title = self->webinar != NULL ? roster_webinar_get_title (self->webinar) : NULL;
  g_autofree char *base = NULL;

  if (title == NULL || *title == '\0')
    title = self->webinar != NULL ? roster_webinar_get_name (self->webinar) : NULL;
  /* Translators: the suggested file name of an export, %s is the webinar's title */
  base = g_strdup_printf (_("%s registrants"), title != NULL && *title != '\0' ? title : _("Webinar"));
  g_strdelimit (base, "/\\:*?\"<>|", '-');
  return g_strconcat (base, ".csv", NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autofree char *name = export_file_name (self);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  if (self->chooser != NULL || self->n_loaded == 0)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Registrants"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  /* The rows: all that are loaded, or what the search leaves on screen (in its order). */
  if (shown != self->n_loaded)
    {
      g_autofree char *all_count = format_count (self->n_loaded);
      g_autofree char *shown_count = format_count (shown);
      /* Translators: an export choice, %s is a count */
      g_autofree char *all_label = g_strdup_printf (_("All %s loaded"), all_count);
      /* Translators: an export choice, %s is a count */
      g_autofree char *shown_label = g_strdup_printf (_("The %s shown"), shown_count);
      const char *options[] = { "all", "shown", NULL };
      const char *labels[] = { all_label, shown_label, NULL };

      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "rows", _("Registrants"),
                                   options, labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), "rows", "shown");
    }
  /* A byte order mark makes Excel read the file as UTF-8. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "bom",
                               _("For Microsoft Excel (byte order mark)"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), "bom", "false");

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
roster_registrants_view_dispose (GObject *object)
{
  RosterRegistrantsView *self = ROSTER_REGISTRANTS_VIEW (object);

  cancel_load (self);
  g_cancellable_cancel (self->detail_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->search_source, g_source_remove);
  g_clear_handle_id (&self->seconds_source, g_source_remove);
  g_clear_handle_id (&self->stats_source, g_source_remove);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->details_registrant != NULL)
    g_clear_signal_handler (&self->details_notify_id, self->details_registrant);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_REGISTRANTS_VIEW);

  g_clear_object (&self->details_registrant);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->store);
  g_clear_object (&self->column_actions);
  g_clear_object (&self->columns_menu);
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
  g_clear_pointer (&self->local_search, g_free);
  g_clear_pointer (&self->schedule_ids, g_array_unref);

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

  g_type_ensure (ROSTER_TYPE_REGISTRANTS_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-registrants-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, filters_button);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, columns_button);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, chips_revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, chips_box);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, registered_value);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, live_value);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, replay_value);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, purchased_value);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, revenue_value);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, partial_label);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, signups_chart);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, funnel_chart);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, none_page);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, none_stack);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, details_revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, details_title);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, links_list);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, details_unsubscribe_button);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, fields_list);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, filters_popover);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, schedule_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, date_range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, live_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, live_seconds_box);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, live_seconds);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, replay_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, replay_seconds_box);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, replay_seconds);
  gtk_widget_class_bind_template_child (widget_class, RosterRegistrantsView, purchased_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_widget_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, seconds_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "registrants.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "registrants.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "registrants.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "registrants.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "registrants.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "registrants.clear-filter", "s", clear_filter_action);
  gtk_widget_class_install_action (widget_class, "registrants.copy-link", "(xs)", copy_link_action);
  gtk_widget_class_install_action (widget_class, "registrants.show-details", "x", show_details_action);
  gtk_widget_class_install_action (widget_class, "registrants.hide-details", NULL, hide_details_action);
  gtk_widget_class_install_action (widget_class, "registrants.unsubscribe", "x", unsubscribe_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "registrants.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "registrants.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "registrants.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "registrants.hide-details", NULL);
}

static void
roster_registrants_view_init (RosterRegistrantsView *self)
{
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->filter = roster_registrant_filter_new ();
  self->cancellable = g_cancellable_new ();
  self->schedule_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->total = -1;

  /* store → local search → the column view's sort → selection */
  self->store = g_list_store_new (ROSTER_TYPE_REGISTRANT);
  self->search_filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (GTK_FILTER (self->search_filter)));
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          sorter != NULL ? g_object_ref (sorter) : NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (shown_changed_cb), self,
                           G_CONNECT_SWAPPED);

  setup_columns (self);
  rebuild_schedules (self);
  update_chips (self);
  update_stats (self);
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
  set_details_registrant (self, NULL);
  gtk_revealer_set_reveal_child (self->details_revealer, FALSE);
  if (self->detail != NULL &&
      (webinar == NULL || roster_webinar_get_id (self->detail) != roster_webinar_get_id (webinar)))
    {
      g_clear_object (&self->detail);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
    }
  self->filter->schedule_id = 0;
  rebuild_schedules (self);
  update_chips (self);
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

  rebuild_schedules (self);
  update_chips (self);
  schedule_stats (self);
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

  copy = filter != NULL ? roster_registrant_filter_copy (filter) : roster_registrant_filter_new ();
  if (self->filter->schedule_id != copy->schedule_id)
    {
      self->filter->schedule_id = copy->schedule_id;
      rebuild_schedules (self);  /* an ID not listed yet gets a choice of its own */
    }
  apply_filter (self, copy);
}

void
roster_registrants_view_clear_filters (RosterRegistrantsView *self)
{
  g_autoptr(RosterRegistrantFilter) empty = roster_registrant_filter_new ();

  g_return_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self));

  g_clear_handle_id (&self->search_source, g_source_remove);
  g_clear_handle_id (&self->seconds_source, g_source_remove);
  self->suppress_widgets++;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->suppress_widgets--;
  set_local_search (self, NULL);
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
  schedule_stats (self);
}

/* Opens the side panel on this registrant, or closes it (NULL). */
void
roster_registrants_view_show_details (RosterRegistrantsView *self,
                                      RosterRegistrant      *registrant)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self));
  g_return_if_fail (registrant == NULL || ROSTER_IS_REGISTRANT (registrant));

  if (registrant != NULL)
    set_details_registrant (self, registrant);
  gtk_revealer_set_reveal_child (self->details_revealer, registrant != NULL);
}

RosterRegistrant *
roster_registrants_view_get_details_registrant (RosterRegistrantsView *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), NULL);
  return gtk_revealer_get_reveal_child (self->details_revealer) ? self->details_registrant : NULL;
}

static void
replace_contents_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Writes the loaded rows (or only those shown, in their order) as CSV with roster-cli's
 * columns, cells that a spreadsheet would run as formulas neutralised; with_bom starts the
 * file with a UTF-8 byte order mark, for Excel. */
void
roster_registrants_view_export_to_file_async (RosterRegistrantsView *self,
                                              GFile                 *file,
                                              gboolean               only_shown,
                                              gboolean               with_bom,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GString *csv;

  g_return_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_registrants_view_export_to_file_async);

  csv = roster_registrant_export_csv (only_shown ? G_LIST_MODEL (self->sorted) : G_LIST_MODEL (self->store),
                                      with_bom);
  bytes = g_string_free_to_bytes (csv);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, replace_contents_cb, g_steal_pointer (&task));
}

gboolean
roster_registrants_view_export_to_file_finish (RosterRegistrantsView  *self,
                                               GAsyncResult           *result,
                                               GError                **error)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
