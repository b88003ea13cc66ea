/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrants-columns"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-clock.h"
#include "roster-registrant-details.h"
#include "roster-registrant-format.h"
#include "roster-registrant-stats.h"
#include "roster-registrants-columns.h"

/* The registrants table's columns: their cells, how each sorts, the menu in each row, and
 * which are shown, bound to the `registrant-columns` setting. */

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

#define SETTINGS_KEY "registrant-columns"

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

/* What each column's factory needs to bind a cell. */
typedef struct
{
  ColumnId                      column;
  RosterRegistrantsCurrencyFunc currency_func;
  gpointer                      user_data;
} Cell;

/* ---- sorting -------------------------------------------------------------------------------- */

/* The rows are sorted by SQL, not here: each column's sorter only names its order, and
 * roster_registrants_columns_get_sort() asks the column view's sorter which column leads by
 * comparing two stand-ins (GTK 4.8 has no getter for the primary column). */
static const RosterStoreSort column_sorts[N_COLUMNS] = {
  [COL_NAME] = ROSTER_STORE_SORT_NAME,
  [COL_EMAIL] = ROSTER_STORE_SORT_EMAIL,
  [COL_PHONE] = ROSTER_STORE_SORT_PHONE,
  [COL_SESSION] = ROSTER_STORE_SORT_SESSION,
  [COL_SIGNUP] = ROSTER_STORE_SORT_SIGNUP,
  [COL_LIVE] = ROSTER_STORE_SORT_LIVE,
  [COL_REPLAY] = ROSTER_STORE_SORT_REPLAY,
  [COL_PURCHASED] = ROSTER_STORE_SORT_PURCHASED,
  [COL_SUBSCRIBED] = ROSTER_STORE_SORT_SUBSCRIBED,
};

static int probed_sort = -1;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  probed_sort = GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_SMALLER;
}

static GtkSorter *
column_sorter (ColumnId column)
{
  if (column >= COL_ACTIONS)
    return NULL;
  return GTK_SORTER (gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (column_sorts[column]), NULL));
}

/**
 * roster_registrants_columns_get_sort:
 *
 * The order the user chose by clicking a header. Returns %FALSE when none was chosen.
 */
gboolean
roster_registrants_columns_get_sort (GtkColumnView   *column_view,
                                     RosterStoreSort *sort,
                                     gboolean        *descending)
{
  GtkSorter *sorter;
  g_autoptr(GObject) a = NULL;
  g_autoptr(GObject) b = NULL;
  GtkOrdering order;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (column_view), FALSE);

  sorter = gtk_column_view_get_sorter (column_view);
  if (sorter == NULL)
    return FALSE;
  a = g_object_new (G_TYPE_OBJECT, NULL);
  b = g_object_new (G_TYPE_OBJECT, NULL);
  probed_sort = -1;
  order = gtk_sorter_compare (sorter, a, b);
  if (probed_sort < 0)
    return FALSE;
  *sort = probed_sort;
  *descending = order == GTK_ORDERING_LARGER;
  return TRUE;
}

/* ---- cells ----------------------------------------------------------------------------------- */

static char *
cell_text (const Cell       *cell,
           RosterRegistrant *r)
{
  switch (cell->column)
    {
    case COL_NAME:
      return g_strdup (roster_registrant_get_display_name (r));
    case COL_EMAIL:
      return g_strdup (roster_registrant_get_email (r) ?: "");
    case COL_PHONE:
      return roster_registrant_format_phone (r);
    case COL_SESSION:
      return roster_registrant_dup_session_text (r);
    case COL_SIGNUP:
      return roster_registrant_dup_signup_text (r);
    case COL_LIVE:
      return roster_registrant_format_live (r);
    case COL_REPLAY:
      return roster_registrant_format_replay (r);
    case COL_PURCHASED:
      return roster_registrant_format_purchased (r, cell->currency_func (cell->user_data));
    case COL_SUBSCRIBED:
      return g_strdup (roster_registrant_format_flag (roster_registrant_get_subscribed (r)));
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
  gint64 key = roster_registrant_details_key (r);

  g_menu_item_set_action_and_target_value (details, "registrants.show-details", g_variant_new_int64 (key));
  g_menu_append_item (menu, details);

  for (RosterRegistrantLink link = 0; link < ROSTER_REGISTRANT_N_LINKS; link++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (roster_registrant_link_get_url (link, r) == NULL)
        continue;
      item = g_menu_item_new (roster_registrant_link_get_copy_label (link), NULL);
      g_menu_item_set_action_and_target_value (item, "registrants.copy-link",
                                               g_variant_new ("(xs)", key, roster_registrant_link_get_id (link)));
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
               const Cell               *cell)
{
  GtkWidget *child;

  if (cell->column == COL_ACTIONS)
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
      if (cell->column != COL_NAME && cell->column != COL_EMAIL)
        gtk_widget_add_css_class (child, "numeric");
    }
  gtk_list_item_set_child (item, child);
}

static void
subscribed_changed_cb (RosterRegistrant *r,
                       GParamSpec       *pspec,
                       GtkLabel         *label)
{
  gtk_label_set_text (label, roster_registrant_format_flag (roster_registrant_get_subscribed (r)));
}

static void
clock_changed_cb (RosterClock *clock,
                  GParamSpec  *pspec,
                  GtkListItem *item)
{
  RosterRegistrant *r = gtk_list_item_get_item (item);
  const Cell *cell = g_object_get_data (G_OBJECT (item), "cell");
  g_autofree char *text = NULL;

  if (r == NULL || cell == NULL)
    return;
  text = cell_text (cell, r);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const Cell               *cell)
{
  RosterRegistrant *r = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (cell->column == COL_ACTIONS)
    {
      /* Translators: the accessible name of a row's menu button, %s is a person's name */
      g_autofree char *label = g_strdup_printf (_("Actions for %s"), roster_registrant_get_display_name (r));

      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      return;
    }

  text = cell_text (cell, r);
  gtk_label_set_text (GTK_LABEL (child), text);

  /* Times follow the desktop's clock format as it changes. */
  if (cell->column == COL_SESSION || cell->column == COL_SIGNUP)
    {
      gulong id = g_signal_connect_object (roster_clock_get_default (), "notify::twelve-hour",
                                           G_CALLBACK (clock_changed_cb), item, 0);

      g_object_set_data (G_OBJECT (item), "cell", (gpointer) cell);
      g_object_set_data (G_OBJECT (item), "clock-id", GSIZE_TO_POINTER ((gsize) id));
    }

  /* After an unsubscribe, the row says so without a reload. */
  if (cell->column == COL_SUBSCRIBED)
    {
      gulong id = g_signal_connect_object (r, "notify::subscribed", G_CALLBACK (subscribed_changed_cb),
                                           child, 0);

      g_object_set_data (G_OBJECT (item), "notify-id", GSIZE_TO_POINTER ((gsize) id));
    }
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                const Cell               *cell)
{
  RosterRegistrant *r = gtk_list_item_get_item (item);
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "notify-id"));
  gulong clock_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "clock-id"));

  /* The label may have gone first, taking the handler with it. */
  if (id != 0 && r != NULL && g_signal_handler_is_connected (r, id))
    g_signal_handler_disconnect (r, id);
  g_object_set_data (G_OBJECT (item), "notify-id", NULL);
  g_clear_signal_handler (&clock_id, roster_clock_get_default ());
  g_object_set_data (G_OBJECT (item), "clock-id", NULL);
}

/* ---- the setting ----------------------------------------------------------------------------- */

typedef struct
{
  GSettings *settings;  /* the binding holds it */
  ColumnId   column;
} Binding;

static gboolean
visible_from_setting (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  Binding *binding = user_data;
  g_autofree const char **visible = g_variant_get_strv (variant, NULL);

  g_value_set_boolean (value, g_strv_contains (visible, column_info[binding->column].id));
  return TRUE;
}

/* One column shown or hidden: the whole list again, in the columns' order. */
static GVariant *
visible_to_setting (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  Binding *binding = user_data;
  g_auto(GStrv) visible = g_settings_get_strv (binding->settings, SETTINGS_KEY);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (ColumnId i = 0; i < COL_ACTIONS; i++)
    {
      gboolean shown = i == binding->column ? g_value_get_boolean (value)
                                            : g_strv_contains ((const char * const *) visible, column_info[i].id);

      if (shown)
        g_strv_builder_add (builder, column_info[i].id);
    }
  result = g_strv_builder_end (builder);
  return g_variant_new_strv ((const char * const *) result, -1);
}

/* ---- public ---------------------------------------------------------------------------------- */

/* Adds the columns to column_view, each shown as the `registrant-columns` key of settings
 * says, and a stateful action per column to actions (named by the column's ID in the setting)
 * that shows or hides it. Returns the menu of those actions, which every header offers too;
 * the caller inserts actions as "registrants-columns". */
GMenuModel *
roster_registrants_columns_add (GtkColumnView                 *column_view,
                                GSettings                     *settings,
                                GActionMap                    *actions,
                                RosterRegistrantsCurrencyFunc  currency_func,
                                gpointer                       user_data)
{
  GMenu *menu = g_menu_new ();
  GtkColumnViewColumn *columns[N_COLUMNS];

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (column_view), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (G_IS_ACTION_MAP (actions), NULL);
  g_return_val_if_fail (currency_func != NULL, NULL);

  for (ColumnId i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = column_sorter (i);
      Cell *cell = g_new0 (Cell, 1);
      GtkColumnViewColumn *column;

      cell->column = i;
      cell->currency_func = currency_func;
      cell->user_data = user_data;
      g_object_set_data_full (G_OBJECT (factory), "cell", cell, g_free);
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), cell);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), cell);
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), cell);

      column = gtk_column_view_column_new (column_info[i].title ? _(column_info[i].title) : NULL,
                                           factory);
      gtk_column_view_column_set_expand (column, column_info[i].expand);
      gtk_column_view_column_set_fixed_width (column, column_info[i].width);
      gtk_column_view_column_set_resizable (column, i != COL_ACTIONS);
      if (sorter != NULL)
        gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (column_view, column);
      columns[i] = column;  /* the column view holds it */
      g_object_unref (column);

      if (i != COL_ACTIONS)
        {
          g_autoptr(GPropertyAction) action = g_property_action_new (column_info[i].id, column, "visible");
          g_autofree char *detailed = g_strconcat ("registrants-columns.", column_info[i].id, NULL);
          Binding *binding = g_new0 (Binding, 1);

          binding->settings = settings;
          binding->column = i;
          g_settings_bind_with_mapping (settings, SETTINGS_KEY, column, "visible", G_SETTINGS_BIND_DEFAULT,
                                        visible_from_setting, visible_to_setting, binding, g_free);
          g_action_map_add_action (actions, G_ACTION (action));
          g_menu_append (menu, _(column_info[i].title), detailed);
        }
    }

  /* The same choice on a right click on any header */
  for (ColumnId i = 0; i < COL_ACTIONS; i++)
    gtk_column_view_column_set_header_menu (columns[i], G_MENU_MODEL (menu));

  return G_MENU_MODEL (menu);
}
