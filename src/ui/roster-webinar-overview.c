/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-webinar-overview"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "roster-clock.h"
#include "roster-load-failure.h"
#include "roster-registrant-format.h"
#include "roster-presenter-row.h"
#include "roster-schedule-row.h"
#include "roster-webinar-overview.h"
#include "roster-ui-util.h"
#include "roster-zone-row.h"

/* The content pane's Overview: everything `webinar` returns for one webinar. A cached
 * overview shows at once while the live one is fetched. For EverWebinar, the dates can be
 * asked for in a GMT offset of the user's choice, remembered per webinar in GSettings. */

typedef enum
{
  LINK_REGISTRATION,
  LINK_CHECKOUT,
  LINK_POST_PAYMENT,
  LINK_LIVE_ROOM,
  LINK_REPLAY_ROOM,
  N_LINKS
} LinkKind;

static const struct {
  const char *title;
  const char *copy_label;
  const char *open_label;
  const char *(*get) (RosterWebinar *webinar);
} links[N_LINKS] = {
  [LINK_REGISTRATION] = { N_("Registration Page"), N_("Copy Registration Page Link"),
                          N_("Open Registration Page in Browser"), roster_webinar_get_registration_url },
  [LINK_CHECKOUT] = { N_("Checkout Page"), N_("Copy Checkout Page Link"),
                      N_("Open Checkout Page in Browser"), roster_webinar_get_registration_checkout_url },
  [LINK_POST_PAYMENT] = { N_("After Payment Page"), N_("Copy After Payment Page Link"),
                          N_("Open After Payment Page in Browser"),
                          roster_webinar_get_registration_post_payment_url },
  [LINK_LIVE_ROOM] = { N_("Live Room"), N_("Copy Live Room Link"),
                       N_("Open Live Room in Browser"), roster_webinar_get_live_room_url },
  [LINK_REPLAY_ROOM] = { N_("Replay Room"), N_("Copy Replay Room Link"),
                         N_("Open Replay Room in Browser"), roster_webinar_get_replay_room_url },
};

struct _RosterWebinarOverview
{
  AdwBin               parent_instance;

  RosterClient        *client;
  RosterWebinarCache  *cache;
  RosterWebinar       *webinar;          /* from the list */
  RosterWebinar       *detail;           /* from `webinar`, on screen */
  char                *timezone;         /* NULL: the server's default */
  GCancellable        *cancellable;      /* the fetch of the current webinar */
  GSettings           *settings;
  GPtrArray           *dynamic_rows;     /* schedule and presenter rows, to remove on change */
  gboolean             refreshing;
  guint                suppress_zone;

  AdwActionRow        *link_rows[N_LINKS];

  /* Template widgets */
  GtkStack            *stack;
  GtkScrolledWindow   *scroller;
  GtkSpinner          *loading_spinner;
  AdwStatusPage       *error_page;
  GtkLabel            *title_label;
  GtkSpinner          *refresh_spinner;
  GtkLabel            *description_label;
  AdwPreferencesGroup *details_group;
  AdwActionRow        *name_row;
  AdwActionRow        *id_row;
  AdwActionRow        *type_row;
  AdwActionRow        *timezone_row;
  RosterZoneRow       *zone_row;
  AdwPreferencesGroup *schedules_group;
  AdwPreferencesGroup *presenters_group;
  AdwPreferencesGroup *registration_group;
  AdwActionRow        *registration_type_row;
  AdwActionRow        *fee_row;
  AdwPreferencesGroup *links_group;
};

G_DEFINE_FINAL_TYPE (RosterWebinarOverview, roster_webinar_overview, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CACHE,
  PROP_WEBINAR,
  PROP_DETAIL,
  PROP_TIMEZONE,
  PROP_REFRESHING,
  N_PROPS
};

enum {
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void roster_webinar_overview_fetch (RosterWebinarOverview *self);

GtkWidget *
roster_webinar_overview_new (void)
{
  return g_object_new (ROSTER_TYPE_WEBINAR_OVERVIEW, NULL);
}

/* ---- helpers --------------------------------------------------------------------------------- */

static gboolean
is_web_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || !(uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)))
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0;
}

/* A row of server text: never markup. */
static GtkWidget *
text_row_new (const char *title,
              const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
set_row (AdwActionRow *row,
         const char   *value)
{
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL && value[0] != '\0');
  adw_action_row_set_subtitle (row, value != NULL ? value : "");
}

static void
remove_dynamic_rows (RosterWebinarOverview *self)
{
  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->dynamic_rows, 0);
}

static void
add_dynamic_row (RosterWebinarOverview *self,
                 AdwPreferencesGroup   *group,
                 GtkWidget             *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->dynamic_rows, g_object_ref (row));
}

/* ---- showing a webinar ----------------------------------------------------------------------- */

static void
string_free (gpointer string)
{
  g_string_free (string, TRUE);
}

static char *
format_fee (RosterWebinar *webinar)
{
  double fee = roster_webinar_get_registration_fee (webinar);

  if (fee <= 0)
    return NULL;
  return roster_registrant_format_money (fee, roster_webinar_get_registration_currency (webinar));
}

static const char *
registration_type_label (const char *type)
{
  if (type == NULL)
    return NULL;
  if (g_ascii_strcasecmp (type, "paid") == 0)
    return _("Paid");
  if (g_ascii_strcasecmp (type, "free") == 0)
    return _("Free");
  return type;
}

static void
show_detail (RosterWebinarOverview *self)
{
  RosterWebinar *detail = self->detail;
  const char *title = roster_webinar_get_title (detail);
  const char *name = roster_webinar_get_name (detail);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, roster_webinar_get_id (detail));
  g_autofree char *fee = format_fee (detail);
  GListModel *schedules = roster_webinar_get_schedules (detail);
  GListModel *presenters = roster_webinar_get_presenters (detail);
  const char *zone = self->timezone != NULL ? self->timezone : roster_webinar_get_timezone (detail);
  gboolean any_link = FALSE;
  guint n;

  gtk_label_set_text (self->title_label, title != NULL ? title : name != NULL ? name : id);
  gtk_label_set_text (self->description_label, roster_webinar_get_description (detail));
  gtk_widget_set_visible (GTK_WIDGET (self->description_label),
                          roster_webinar_get_description (detail) != NULL);

  set_row (self->name_row, name);
  set_row (self->id_row, id);
  set_row (self->type_row, roster_webinar_get_webinar_type (detail));
  set_row (self->timezone_row, roster_webinar_get_timezone (detail));
  /* WebinarJam's `webinar` takes no zone; EverWebinar's may need one (the API does not say
   * which webinars use attendee zones, so it is offered for all of them). */
  gtk_widget_set_visible (GTK_WIDGET (self->zone_row),
                          self->client != NULL &&
                          roster_client_get_product (self->client) == ROSTER_PRODUCT_EVERWEBINAR);

  remove_dynamic_rows (self);

  /* The API lists a recurring schedule once per upcoming session, all with one ID: show it
   * once, its next session first and the later ones after. */
  n = g_list_model_get_n_items (schedules);
  {
    g_autoptr(GHashTable) later = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         string_free);
    g_autoptr(GPtrArray) firsts = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < n; i++)
      {
        RosterSchedule *schedule = g_list_model_get_item (schedules, i);
        gint64 schedule_id = roster_schedule_get_id (schedule);
        GString *dates;
        g_autofree char *date = NULL;

        if (schedule_id <= 0 || !g_hash_table_contains (later, &schedule_id))
          {
            g_ptr_array_add (firsts, schedule);
            if (schedule_id > 0)
              g_hash_table_insert (later, g_memdup2 (&schedule_id, sizeof schedule_id), g_string_new (NULL));
            continue;
          }

        dates = g_hash_table_lookup (later, &schedule_id);
        date = roster_schedule_row_format_date (roster_schedule_get_date (schedule));
        if (date != NULL)
          g_string_append_printf (dates, "%s%s", dates->len > 0 ? ", " : "", date);
        g_object_unref (schedule);
      }

    for (guint i = 0; i < firsts->len; i++)
      {
        RosterSchedule *schedule = g_ptr_array_index (firsts, i);
        gint64 schedule_id = roster_schedule_get_id (schedule);
        GString *dates = schedule_id > 0 ? g_hash_table_lookup (later, &schedule_id) : NULL;

        add_dynamic_row (self, self->schedules_group,
                         roster_schedule_row_new (schedule, zone,
                                                  dates != NULL && dates->len > 0 ? dates->str : NULL));
      }
  }
  adw_preferences_group_set_description (self->schedules_group,
                                         n == 0 ? _("No schedules are set up for this webinar yet.") : NULL);

  n = g_list_model_get_n_items (presenters);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterPresenter) presenter = g_list_model_get_item (presenters, i);

      add_dynamic_row (self, self->presenters_group, roster_presenter_row_new (presenter));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->presenters_group), n > 0);

  set_row (self->registration_type_row,
           registration_type_label (roster_webinar_get_registration_type (detail)));
  set_row (self->fee_row, fee);
  gtk_widget_set_visible (GTK_WIDGET (self->registration_group),
                          gtk_widget_get_visible (GTK_WIDGET (self->registration_type_row)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->fee_row)));

  for (guint i = 0; i < N_LINKS; i++)
    {
      const char *url = links[i].get (detail);

      set_row (self->link_rows[i], url);
      any_link |= url != NULL;

      /* The buttons act on this row's URL; only web links open in a browser. */
      for (guint b = 0; b < 2; b++)
        {
          GtkActionable *button = g_object_get_data (G_OBJECT (self->link_rows[i]),
                                                     b == 0 ? "copy-button" : "open-button");

          gtk_actionable_set_action_target (button, "s", url != NULL ? url : "");
          gtk_widget_set_visible (GTK_WIDGET (button), b == 0 || is_web_url (url));
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->links_group), any_link);

  gtk_stack_set_visible_child_name (self->stack, "overview");
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
}

static void
clock_changed_cb (RosterWebinarOverview *self)
{
  if (self->detail != NULL)
    show_detail (self);
}

static void
set_refreshing (RosterWebinarOverview *self,
                gboolean               refreshing)
{
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_spinner), refreshing);
  gtk_spinner_set_spinning (self->refresh_spinner, refreshing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.reload",
                                 !refreshing && self->client != NULL && self->webinar != NULL);

  if (self->refreshing == refreshing)
    return;
  self->refreshing = refreshing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
}

static void
set_detail (RosterWebinarOverview *self,
            RosterWebinar         *detail)
{
  if (g_set_object (&self->detail, detail))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}

/* ---- fetching -------------------------------------------------------------------------------- */

static void
get_webinar_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RosterWebinarOverview *self;
  g_autoptr(RosterWebinar) detail = NULL;
  g_autoptr(GError) error = NULL;

  detail = roster_client_get_webinar_finish (ROSTER_CLIENT (object), result, &error);
  /* Cancelled: another webinar, or the widget is gone; touch nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = ROSTER_WEBINAR_OVERVIEW (user_data);
  set_refreshing (self, FALSE);

  if (detail != NULL)
    {
      set_detail (self, detail);
      show_detail (self);
      if (self->cache != NULL)
        roster_webinar_cache_store_overview (self->cache, detail);
      return;
    }

  g_debug ("Could not load webinar %" G_GINT64_FORMAT ": %s",
           roster_webinar_get_id (self->webinar), error->message);

  if (self->detail == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_spinner_set_spinning (self->loading_spinner, FALSE);
    }

  roster_load_failure_report (self, error, self->detail != NULL);
}

static void
roster_webinar_overview_fetch (RosterWebinarOverview *self)
{
  const char *zone = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->client == NULL || self->webinar == NULL)
    {
      set_refreshing (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  if (roster_client_get_product (self->client) == ROSTER_PRODUCT_EVERWEBINAR)
    zone = self->timezone;

  if (self->detail == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_set_spinning (self->loading_spinner, TRUE);
    }
  set_refreshing (self, TRUE);
  roster_client_get_webinar_async (self->client, roster_webinar_get_id (self->webinar), zone,
                                   self->cancellable, get_webinar_cb, self);
}

/* ---- the time zone ----------------------------------------------------------------------------- */

static void
sync_zone_row (RosterWebinarOverview *self)
{
  self->suppress_zone++;
  roster_zone_row_set_zone (self->zone_row, self->timezone);
  self->suppress_zone--;
}

static gboolean
set_timezone_internal (RosterWebinarOverview *self,
                       const char            *timezone)
{
  if (g_strcmp0 (self->timezone, timezone) == 0)
    return FALSE;
  g_free (self->timezone);
  self->timezone = g_strdup (timezone);
  sync_zone_row (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEZONE]);
  return TRUE;
}

static void
zone_selected_cb (RosterWebinarOverview *self)
{
  if (self->suppress_zone > 0)
    return;

  roster_webinar_overview_set_timezone (self, roster_zone_row_get_zone (self->zone_row));
}

/* ---- actions --------------------------------------------------------------------------------- */

static gboolean
default_toast_handler (RosterWebinarOverview *self,
                       AdwToast              *toast)
{
  roster_ui_add_toast (GTK_WIDGET (self), toast);
  return TRUE;
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RosterWebinarOverview *self = ROSTER_WEBINAR_OVERVIEW (widget);
  const char *url = g_variant_get_string (parameter, NULL);
  g_autoptr(AdwToast) toast = NULL;
  gboolean handled = FALSE;

  if (url[0] == '\0')
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), url);

  toast = adw_toast_new (_("Link copied"));
  adw_toast_set_timeout (toast, 2);
  g_signal_emit (self, signals[TOAST], 0, toast, &handled);
}

/* No browser (or it failed to start): rather than GTK's bare error dialog, the link is copied
 * and a toast says so, so that it can be pasted where it is wanted. */
static void
open_link_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RosterWebinarOverview) self = user_data;
  const char *url = g_object_get_data (G_OBJECT (self), "roster-open-link-url");
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwToast) toast = NULL;
  gboolean handled = FALSE;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    return;

  g_debug ("Could not open a link: %s", error->message);
  if (url != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), url);
  toast = adw_toast_new (_("No web browser could open the link, so it was copied"));
  g_signal_emit (self, signals[TOAST], 0, toast, &handled);
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *url = g_variant_get_string (parameter, NULL);
  g_autoptr(GdkAppLaunchContext) context = NULL;

  if (!is_web_url (url))
    return;

  /* The last link asked for, for the copy if no browser opens it */
  g_object_set_data_full (G_OBJECT (widget), "roster-open-link-url", g_strdup (url), g_free);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  g_app_info_launch_default_for_uri_async (url, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           open_link_done_cb, g_object_ref (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  roster_webinar_overview_reload (ROSTER_WEBINAR_OVERVIEW (widget));
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
roster_webinar_overview_dispose (GObject *object)
{
  RosterWebinarOverview *self = ROSTER_WEBINAR_OVERVIEW (object);

  g_cancellable_cancel (self->cancellable);

  /* The bin's child is (or holds) template children: drop it first, once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_WEBINAR_OVERVIEW);

  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->cache);
  g_clear_object (&self->webinar);
  g_clear_object (&self->detail);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (roster_webinar_overview_parent_class)->dispose (object);
}

static void
roster_webinar_overview_finalize (GObject *object)
{
  RosterWebinarOverview *self = ROSTER_WEBINAR_OVERVIEW (object);

  g_clear_pointer (&self->timezone, g_free);

  G_OBJECT_CLASS (roster_webinar_overview_parent_class)->finalize (object);
}

static void
roster_webinar_overview_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RosterWebinarOverview *self = ROSTER_WEBINAR_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_WEBINAR:
      g_value_set_object (value, self->webinar);
      break;
    case PROP_DETAIL:
      g_value_set_object (value, self->detail);
      break;
    case PROP_TIMEZONE:
      g_value_set_string (value, self->timezone);
      break;
    case PROP_REFRESHING:
      g_value_set_boolean (value, self->refreshing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_webinar_overview_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RosterWebinarOverview *self = ROSTER_WEBINAR_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      roster_webinar_overview_set_client (self, g_value_get_object (value));
      break;
    case PROP_CACHE:
      roster_webinar_overview_set_cache (self, g_value_get_object (value));
      break;
    case PROP_WEBINAR:
      roster_webinar_overview_set_webinar (self, g_value_get_object (value));
      break;
    case PROP_TIMEZONE:
      roster_webinar_overview_set_timezone (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_webinar_overview_class_init (RosterWebinarOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = roster_webinar_overview_dispose;
  object_class->finalize = roster_webinar_overview_finalize;
  object_class->get_property = roster_webinar_overview_get_property;
  object_class->set_property = roster_webinar_overview_set_property;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, ROSTER_TYPE_CLIENT, rw);
  properties[PROP_CACHE] = g_param_spec_object ("cache", NULL, NULL, ROSTER_TYPE_WEBINAR_CACHE, rw);
  properties[PROP_WEBINAR] = g_param_spec_object ("webinar", NULL, NULL, ROSTER_TYPE_WEBINAR, rw);
  properties[PROP_DETAIL] = g_param_spec_object ("detail", NULL, NULL, ROSTER_TYPE_WEBINAR, ro);
  properties[PROP_TIMEZONE] = g_param_spec_string ("timezone", NULL, NULL, NULL, rw);
  properties[PROP_REFRESHING] = g_param_spec_boolean ("refreshing", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Transient news ("Link copied"). By default it goes to the AdwToastOverlay above the
   * widget; a handler connected before may show it elsewhere and return TRUE. */
  signals[TOAST] =
    g_signal_new_class_handler ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (default_toast_handler),
                                g_signal_accumulator_true_handled, NULL, NULL,
                                G_TYPE_BOOLEAN, 1, ADW_TYPE_TOAST);
  /* "network-error" while a cached overview stays on screen. */
  roster_load_failure_class_add_signals (object_class);

  g_type_ensure (ROSTER_TYPE_ZONE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-webinar-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, scroller);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, error_page);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, title_label);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, description_label);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, details_group);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, name_row);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, id_row);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, type_row);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, timezone_row);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, zone_row);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, schedules_group);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, presenters_group);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, registration_group);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, registration_type_row);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, fee_row);
  gtk_widget_class_bind_template_child (widget_class, RosterWebinarOverview, links_group);
  gtk_widget_class_bind_template_callback (widget_class, zone_selected_cb);

  gtk_widget_class_install_action (widget_class, "overview.copy-link", "s", copy_link_action);
  gtk_widget_class_install_action (widget_class, "overview.open-link", "s", open_link_action);
  gtk_widget_class_install_action (widget_class, "overview.reload", NULL, reload_action);
}

static GtkWidget *
link_button_new (const char *icon_name,
                 const char *action_name,
                 const char *label)
{
  GtkWidget *button = roster_ui_row_button_new (icon_name, label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "");
  return button;
}

static void
roster_webinar_overview_init (RosterWebinarOverview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->dynamic_rows = g_ptr_array_new_with_free_func (g_object_unref);
  /* The desktop's clock format changed: the schedules' times follow */
  g_signal_connect_object (roster_clock_get_default (), "notify::twelve-hour",
                           G_CALLBACK (clock_changed_cb), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < N_LINKS; i++)
    {
      GtkWidget *row = text_row_new (_(links[i].title), NULL);
      GtkWidget *copy = link_button_new ("edit-copy-symbolic", "overview.copy-link",
                                         _(links[i].copy_label));
      GtkWidget *open = link_button_new ("adw-external-link-symbolic", "overview.open-link",
                                         _(links[i].open_label));

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      g_object_set_data (G_OBJECT (row), "copy-button", copy);
      g_object_set_data (G_OBJECT (row), "open-button", open);
      adw_preferences_group_add (self->links_group, row);
      self->link_rows[i] = ADW_ACTION_ROW (row);
    }

  set_refreshing (self, FALSE);
}

/* ---- public ---------------------------------------------------------------------------------- */

RosterClient *
roster_webinar_overview_get_client (RosterWebinarOverview *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_OVERVIEW (self), NULL);
  return self->client;
}

void
roster_webinar_overview_set_client (RosterWebinarOverview *self,
                                    RosterClient          *client)
{
  g_return_if_fail (ROSTER_IS_WEBINAR_OVERVIEW (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  roster_webinar_overview_fetch (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

RosterWebinarCache *
roster_webinar_overview_get_cache (RosterWebinarOverview *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_OVERVIEW (self), NULL);
  return self->cache;
}

void
roster_webinar_overview_set_cache (RosterWebinarOverview *self,
                                   RosterWebinarCache    *cache)
{
  g_return_if_fail (ROSTER_IS_WEBINAR_OVERVIEW (self));
  g_return_if_fail (cache == NULL || ROSTER_IS_WEBINAR_CACHE (cache));

  if (g_set_object (&self->cache, cache))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
}

RosterWebinar *
roster_webinar_overview_get_webinar (RosterWebinarOverview *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_OVERVIEW (self), NULL);
  return self->webinar;
}

/* The webinar to show, as the list has it; the overview fetches its detail (showing the cached
 * detail first). A fresh object of the webinar on screen (after a list refresh) changes nothing. */
void
roster_webinar_overview_set_webinar (RosterWebinarOverview *self,
                                     RosterWebinar         *webinar)
{
  g_autoptr(RosterWebinar) cached = NULL;
  g_autofree char *zone = NULL;
  gboolean same;

  g_return_if_fail (ROSTER_IS_WEBINAR_OVERVIEW (self));
  g_return_if_fail (webinar == NULL || ROSTER_IS_WEBINAR (webinar));

  if (self->webinar == webinar)
    return;

  same = self->webinar != NULL && webinar != NULL &&
         roster_webinar_get_id (self->webinar) == roster_webinar_get_id (webinar) &&
         self->detail != NULL;
  g_set_object (&self->webinar, webinar);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEBINAR]);
  if (same)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  remove_dynamic_rows (self);
  set_detail (self, NULL);
  /* Another webinar starts at its title, not where the last one was left */
  roster_ui_scroll_to_top (self->scroller);

  if (webinar == NULL)
    {
      set_refreshing (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  zone = roster_zone_row_dup_saved_zone (self->settings, roster_webinar_get_id (webinar));
  set_timezone_internal (self, zone);
  sync_zone_row (self);

  if (self->cache != NULL)
    cached = roster_webinar_cache_lookup_overview (self->cache, roster_webinar_get_id (webinar));
  if (cached != NULL)
    {
      set_detail (self, cached);
      show_detail (self);
    }

  roster_webinar_overview_fetch (self);
}

/* The last answer of `webinar` on screen, or NULL. */
RosterWebinar *
roster_webinar_overview_get_detail (RosterWebinarOverview *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_OVERVIEW (self), NULL);
  return self->detail;
}

/* "GMT+2" and so on, or NULL for the server's default. */
const char *
roster_webinar_overview_get_timezone (RosterWebinarOverview *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_OVERVIEW (self), NULL);
  return self->timezone;
}

/* Shows the dates in this zone (one of roster_zone_row_get_zones(), or NULL),
 * remembers it for the webinar and fetches the webinar again with it. */
void
roster_webinar_overview_set_timezone (RosterWebinarOverview *self,
                                      const char            *timezone)
{
  g_return_if_fail (ROSTER_IS_WEBINAR_OVERVIEW (self));
  g_return_if_fail (timezone == NULL || g_strv_contains (roster_zone_row_get_zones (), timezone));

  if (!set_timezone_internal (self, timezone))
    return;

  if (self->webinar != NULL)
    {
      roster_zone_row_save_zone (self->settings, roster_webinar_get_id (self->webinar), timezone);
      roster_webinar_overview_fetch (self);
    }
}

gboolean
roster_webinar_overview_get_refreshing (RosterWebinarOverview *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_OVERVIEW (self), FALSE);
  return self->refreshing;
}

/* "empty", "loading", "error" or "overview": the page on screen. */
const char *
roster_webinar_overview_get_state (RosterWebinarOverview *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_OVERVIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
roster_webinar_overview_reload (RosterWebinarOverview *self)
{
  g_return_if_fail (ROSTER_IS_WEBINAR_OVERVIEW (self));

  roster_webinar_overview_fetch (self);
}
