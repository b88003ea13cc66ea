/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-target-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-schedule-chooser.h"
#include "roster-target-picker.h"
#include "roster-target-state.h"
#include "roster-ui-call.h"
#include "roster-zone-row.h"

/* Whom people are registered for: a webinar, one of its schedules, for a series one of its
 * sessions, and for EverWebinar the zone the sessions are given in and sent with. The chosen
 * webinar's schedules come from `webinar`, asked in that zone, so the dates shown are the
 * ones `register` takes. The register and the import dialogs both use it.
 *
 * Every change, from the user or from code, is one batch: the properties are notified and
 * "changed" is emitted once at its end, with everything already consistent. */

struct _RosterTargetPicker
{
  GtkBox               parent_instance;

  RosterClient        *client;
  GListModel          *webinars;          /* the webinar row's model */
  RosterWebinar       *detail;            /* `webinar` of the chosen one, or NULL */
  char                *zone;              /* the zone @detail's dates are in; NULL: server's */
  RosterScheduleChooser *chooser;         /* the schedule and session rows */
  GSettings           *settings;
  GCancellable        *fetch_cancellable; /* the current `webinar` call */
  gboolean             loading;
  char                *message;           /* why there is nothing to choose, or NULL */
  guint                suppress;          /* > 0 while rows are changed from code */

  /* roster_target_picker_select(): chosen again whenever that webinar is. */
  gint64               preset_webinar_id;
  gint64               preset_schedule_id;
  char                *preset_date;
  char                *preset_zone;

  guint                batch;             /* nesting of begin_change () */
  RosterTargetState    published;         /* as last notified */

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkSpinner          *loading_spinner;
  AdwComboRow         *webinar_row;
  AdwComboRow         *schedule_row;
  AdwComboRow         *date_row;
  RosterZoneRow       *timezone_row;
  AdwPreferencesGroup *warning_group;
};

G_DEFINE_FINAL_TYPE (RosterTargetPicker, roster_target_picker, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_WEBINARS,
  PROP_WEBINAR,
  PROP_DETAIL,
  PROP_SCHEDULE_ID,
  PROP_DATE,
  PROP_TIMEZONE,
  PROP_LOADING,
  PROP_VALID,
  PROP_MESSAGE,
  PROP_TITLE,
  PROP_TIMEZONE_TOOLTIP,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- State ----------------------------------------------------------------------------------- */

static gboolean
is_everwebinar (RosterTargetPicker *self)
{
  return self->client != NULL &&
         roster_client_get_product (self->client) == ROSTER_PRODUCT_EVERWEBINAR;
}

static RosterSchedule *
get_selected_schedule (RosterTargetPicker *self)
{
  return self->chooser != NULL ? roster_schedule_chooser_get_schedule (self->chooser) : NULL;
}

static void
begin_change (RosterTargetPicker *self)
{
  if (self->batch++ == 0)
    g_object_freeze_notify (G_OBJECT (self));
}

/* Notifies what differs from what was last told, then says "changed" if the target did; only
 * the webinar object being replaced by the same webinar (a list refresh) is not a change.
 * Compared with the last told state, not the batch's start: a row's own "selected" has
 * already changed when its callback begins the batch. */
static void
end_change (RosterTargetPicker *self)
{
  RosterTargetState now = { 0 };
  gboolean changed;

  g_assert (self->batch > 0);
  if (--self->batch > 0)
    return;

  roster_target_state_capture (&now, self);
  changed = roster_target_state_notify (&self->published, &now, self);
  roster_target_state_clear (&self->published);
  self->published = now;

  /* Before the notifications: whoever follows both reads a settled picker either way. */
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_message (RosterTargetPicker *self,
             const char         *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
}

static void
set_loading (RosterTargetPicker *self,
             gboolean            loading)
{
  self->loading = loading;
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), loading);
  gtk_spinner_set_spinning (self->loading_spinner, loading);
}

/* ---- Labels ---------------------------------------------------------------------------------- */

static char *
webinar_label (RosterWebinar *webinar,
               gpointer       user_data)
{
  const char *title;

  if (webinar == NULL)
    return NULL;

  title = roster_webinar_get_title (webinar);
  if (title == NULL || *title == '\0')
    title = roster_webinar_get_name (webinar);
  return g_strdup (title != NULL ? title : "");
}

/* ---- Schedules and sessions -------------------------------------------------------------------- */

static void
update_warning (RosterTargetPicker *self)
{
  RosterSchedule *schedule = get_selected_schedule (self);
  RosterScheduleKind kind = schedule != NULL ? roster_schedule_get_kind (schedule)
                                             : ROSTER_SCHEDULE_KIND_UNKNOWN;

  gtk_widget_set_visible (GTK_WIDGET (self->warning_group),
                          kind == ROSTER_SCHEDULE_KIND_INSTANT_REPLAY ||
                          kind == ROSTER_SCHEDULE_KIND_JUST_IN_TIME);
}

/* The user chose another schedule or session. */
static void
chooser_changed_cb (RosterTargetPicker *self)
{
  begin_change (self);
  update_warning (self);
  end_change (self);
}

/* ---- The webinar's detail ------------------------------------------------------------------------ */

/* A new zone for the same webinar keeps the schedule and session chosen; a webinar loaded
 * anew starts on the preselected ones, if it is the preselected webinar. */
static void
set_detail (RosterTargetPicker *self,
            RosterWebinar      *detail)
{
  RosterSchedule *old = get_selected_schedule (self);
  gint64 keep_id = -1;
  const char *keep_date = NULL;
  guint keep_position = 0;

  if (detail != NULL && self->detail != NULL &&
      roster_webinar_get_id (detail) == roster_webinar_get_id (self->detail))
    {
      keep_id = old != NULL ? roster_schedule_get_id (old) : -1;
      keep_position = roster_schedule_chooser_get_date_position (self->chooser);
    }
  else if (detail != NULL && roster_webinar_get_id (detail) == self->preset_webinar_id)
    {
      keep_id = self->preset_schedule_id;
      keep_date = self->preset_date;
    }

  g_set_object (&self->detail, detail);
  roster_schedule_chooser_set_detail (self->chooser, detail, is_everwebinar (self),
                                      keep_id, keep_date, keep_position);
  update_warning (self);
}

static void
get_webinar_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RosterUiCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterWebinar) detail = NULL;
  RosterTargetPicker *self;

  detail = roster_client_get_webinar_finish (ROSTER_CLIENT (object), result, &error);
  /* Superseded, or the picker is gone: not a widget may be touched. */
  self = roster_ui_call_get_owner (call);
  if (self == NULL)
    return;

  begin_change (self);
  set_loading (self, FALSE);
  set_detail (self, detail);

  if (detail == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the server's or the network's own message */
      message = g_strdup_printf (_("The webinar’s schedules could not be loaded: %s"), error->message);
      set_message (self, message);
    }
  else if (roster_schedule_chooser_get_n_schedules (self->chooser) == 0)
    set_message (self, _("No schedules are set up for this webinar yet."));
  else
    set_message (self, NULL);
  end_change (self);
}

static void
fetch_detail (RosterTargetPicker *self)
{
  RosterWebinar *webinar = roster_target_picker_get_webinar (self);

  g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  set_message (self, NULL);

  if (webinar == NULL || self->client == NULL)
    {
      set_detail (self, NULL);
      set_loading (self, FALSE);
      return;
    }

  self->fetch_cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  roster_client_get_webinar_async (self->client, roster_webinar_get_id (webinar),
                                   self->zone, self->fetch_cancellable,
                                   get_webinar_cb, roster_ui_call_new (self, self->fetch_cancellable));
}

/* ---- Time zone ----------------------------------------------------------------------------------- */

static void
sync_zone_row (RosterTargetPicker *self)
{
  self->suppress++;
  roster_zone_row_set_zone (self->timezone_row, self->zone);
  self->suppress--;
}

/* The dates must be the ones `webinar` gives in the zone that `register` is sent with, so a
 * new zone means fetching again. The choice is the attendees' zone, not a display
 * preference, so it is not saved. */
static void
timezone_selected_cb (RosterTargetPicker *self)
{
  const char *zone = roster_zone_row_get_zone (self->timezone_row);

  if (self->suppress > 0)
    return;

  if (g_strcmp0 (zone, self->zone) == 0)
    return;

  begin_change (self);
  g_free (self->zone);
  self->zone = g_strdup (zone);
  gtk_widget_remove_css_class (GTK_WIDGET (self->timezone_row), "error");
  fetch_detail (self);
  end_change (self);
}

/* ---- Webinar --------------------------------------------------------------------------------------- */

/* Starts over for the chosen webinar: its zone, then its schedules. */
static void
reload (RosterTargetPicker *self)
{
  RosterWebinar *webinar = roster_target_picker_get_webinar (self);

  roster_target_picker_clear_errors (self);

  g_clear_pointer (&self->zone, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->timezone_row), webinar != NULL && is_everwebinar (self));
  if (webinar != NULL && is_everwebinar (self))
    {
      if (roster_webinar_get_id (webinar) == self->preset_webinar_id)
        self->zone = g_strdup (self->preset_zone);
      else
        self->zone = roster_zone_row_dup_saved_zone (self->settings, roster_webinar_get_id (webinar));
    }
  sync_zone_row (self);

  set_detail (self, NULL);
  fetch_detail (self);
}

/* Chooses the list's webinar with this ID, if it has one. */
static void
choose_webinar_id (RosterTargetPicker *self,
                   gint64              webinar_id)
{
  guint n = self->webinars != NULL ? g_list_model_get_n_items (self->webinars) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterWebinar) item = g_list_model_get_item (self->webinars, i);

      if (roster_webinar_get_id (item) == webinar_id)
        {
          adw_combo_row_set_selected (self->webinar_row, i);
          return;
        }
    }
}

static void
webinar_selected_cb (RosterTargetPicker *self)
{
  RosterWebinar *webinar = roster_target_picker_get_webinar (self);

  if (self->suppress > 0)
    return;

  begin_change (self);
  /* The list may hand out a fresh object for the same webinar after a refresh. */
  if (webinar == NULL || self->detail == NULL ||
      roster_webinar_get_id (webinar) != roster_webinar_get_id (self->detail))
    reload (self);
  end_change (self);
}

/* ---- GObject --------------------------------------------------------------------------------- */

static gboolean
roster_target_picker_grab_focus (GtkWidget *widget)
{
  RosterTargetPicker *self = ROSTER_TARGET_PICKER (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->webinar_row));
}

static void
roster_target_picker_dispose (GObject *object)
{
  RosterTargetPicker *self = ROSTER_TARGET_PICKER (object);

  /* The callback checks it before touching anything. */
  g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_TARGET_PICKER);

  G_OBJECT_CLASS (roster_target_picker_parent_class)->dispose (object);
}

static void
roster_target_picker_finalize (GObject *object)
{
  RosterTargetPicker *self = ROSTER_TARGET_PICKER (object);

  g_clear_object (&self->client);
  g_clear_object (&self->webinars);
  g_clear_object (&self->detail);
  g_clear_pointer (&self->zone, g_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->fetch_cancellable);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->preset_date, g_free);
  g_clear_pointer (&self->preset_zone, g_free);
  roster_target_state_clear (&self->published);

  G_OBJECT_CLASS (roster_target_picker_parent_class)->finalize (object);
}

static void
roster_target_picker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RosterTargetPicker *self = ROSTER_TARGET_PICKER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_WEBINARS:
      g_value_set_object (value, self->webinars);
      break;
    case PROP_WEBINAR:
      g_value_set_object (value, roster_target_picker_get_webinar (self));
      break;
    case PROP_DETAIL:
      g_value_set_object (value, self->detail);
      break;
    case PROP_SCHEDULE_ID:
      g_value_set_int64 (value, roster_target_picker_get_schedule_id (self));
      break;
    case PROP_DATE:
      g_value_set_string (value, roster_target_picker_get_date (self));
      break;
    case PROP_TIMEZONE:
      g_value_set_string (value, self->zone);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, roster_target_picker_get_valid (self));
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_TITLE:
      g_value_set_string (value, roster_target_picker_get_title (self));
      break;
    case PROP_TIMEZONE_TOOLTIP:
      g_value_set_string (value, roster_target_picker_get_timezone_tooltip (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_target_picker_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RosterTargetPicker *self = ROSTER_TARGET_PICKER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      roster_target_picker_set_client (self, g_value_get_object (value));
      break;
    case PROP_WEBINARS:
      roster_target_picker_set_webinars (self, g_value_get_object (value));
      break;
    case PROP_WEBINAR:
      roster_target_picker_set_webinar (self, g_value_get_object (value));
      break;
    case PROP_TITLE:
      roster_target_picker_set_title (self, g_value_get_string (value));
      break;
    case PROP_TIMEZONE_TOOLTIP:
      roster_target_picker_set_timezone_tooltip (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_target_picker_class_init (RosterTargetPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_target_picker_dispose;
  object_class->finalize = roster_target_picker_finalize;
  object_class->get_property = roster_target_picker_get_property;
  object_class->set_property = roster_target_picker_set_property;
  widget_class->grab_focus = roster_target_picker_grab_focus;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         ROSTER_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* RosterWebinar items, as the webinar list has them. */
  properties[PROP_WEBINARS] =
    g_param_spec_object ("webinars", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_WEBINAR] =
    g_param_spec_object ("webinar", NULL, NULL,
                         ROSTER_TYPE_WEBINAR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DETAIL] =
    g_param_spec_object ("detail", NULL, NULL,
                         ROSTER_TYPE_WEBINAR,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SCHEDULE_ID] =
    g_param_spec_int64 ("schedule-id", NULL, NULL, -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIMEZONE] =
    g_param_spec_string ("timezone", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIMEZONE_TOOLTIP] =
    g_param_spec_string ("timezone-tooltip", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RosterTargetPicker::changed:
   *
   * The target changed: the webinar, the detail, the schedule, the session, the zone, whether
   * it is loading, valid, or the message. Emitted once per change, when all of it is settled.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (ROSTER_TYPE_ZONE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-target-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterTargetPicker, group);
  gtk_widget_class_bind_template_child (widget_class, RosterTargetPicker, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterTargetPicker, webinar_row);
  gtk_widget_class_bind_template_child (widget_class, RosterTargetPicker, schedule_row);
  gtk_widget_class_bind_template_child (widget_class, RosterTargetPicker, date_row);
  gtk_widget_class_bind_template_child (widget_class, RosterTargetPicker, timezone_row);
  gtk_widget_class_bind_template_child (widget_class, RosterTargetPicker, warning_group);
}

static void
roster_target_picker_init (RosterTargetPicker *self)
{
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->chooser = roster_schedule_chooser_new (self->schedule_row, self->date_row);
  self->preset_webinar_id = -1;
  self->preset_schedule_id = -1;
  self->published.webinar_id = -1;
  self->published.schedule_id = -1;

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (webinar_label), NULL, NULL);
  adw_combo_row_set_expression (self->webinar_row, expression);
  gtk_expression_unref (expression);

  g_signal_connect_object (self->webinar_row, "notify::selected",
                           G_CALLBACK (webinar_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chooser, "changed",
                           G_CALLBACK (chooser_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timezone_row, "notify::zone",
                           G_CALLBACK (timezone_selected_cb), self, G_CONNECT_SWAPPED);
}

/* ---- Public API ------------------------------------------------------------------------------ */

GtkWidget *
roster_target_picker_new (void)
{
  return g_object_new (ROSTER_TYPE_TARGET_PICKER, NULL);
}

RosterClient *
roster_target_picker_get_client (RosterTargetPicker *self)
{
  g_return_val_if_fail (ROSTER_IS_TARGET_PICKER (self), NULL);

  return self->client;
}

/* The account whose webinars are chosen from; the chosen one is loaded again with it. */
void
roster_target_picker_set_client (RosterTargetPicker *self,
                                 RosterClient       *client)
{
  g_return_if_fail (ROSTER_IS_TARGET_PICKER (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  if (self->client == client)
    return;

  begin_change (self);
  g_set_object (&self->client, client);
  reload (self);
  end_change (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

GListModel *
roster_target_picker_get_webinars (RosterTargetPicker *self)
{
  g_return_val_if_fail (ROSTER_IS_TARGET_PICKER (self), NULL);

  return self->webinars;
}

/* RosterWebinar items to choose from, as the webinar list has them. None is chosen at first. */
void
roster_target_picker_set_webinars (RosterTargetPicker *self,
                                   GListModel         *webinars)
{
  g_return_if_fail (ROSTER_IS_TARGET_PICKER (self));
  g_return_if_fail (webinars == NULL || G_IS_LIST_MODEL (webinars));

  if (self->webinars == webinars)
    return;

  begin_change (self);
  g_set_object (&self->webinars, webinars);
  self->suppress++;
  adw_combo_row_set_model (self->webinar_row, webinars);
  adw_combo_row_set_selected (self->webinar_row, GTK_INVALID_LIST_POSITION);
  self->suppress--;
  reload (self);
  end_change (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEBINARS]);
}

/* The chosen webinar as the list has it, or NULL. */
RosterWebinar *
roster_target_picker_get_webinar (RosterTargetPicker *self)
{
  g_return_val_if_fail (ROSTER_IS_TARGET_PICKER (self), NULL);

  return self->webinar_row != NULL ? adw_combo_row_get_selected_item (self->webinar_row) : NULL;
}

/* Chooses @webinar (matched by ID) when the list has it; NULL chooses none. */
void
roster_target_picker_set_webinar (RosterTargetPicker *self,
                                  RosterWebinar      *webinar)
{
  g_return_if_fail (ROSTER_IS_TARGET_PICKER (self));
  g_return_if_fail (webinar == NULL || ROSTER_IS_WEBINAR (webinar));

  if (webinar == NULL)
    adw_combo_row_set_selected (self->webinar_row, GTK_INVALID_LIST_POSITION);
  else
    choose_webinar_id (self, roster_webinar_get_id (webinar));
}

/**
 * roster_target_picker_select:
 * @webinar_id: the webinar to choose
 * @schedule_id: the schedule to choose once its schedules are in, or -1 for the first
 * @date: (nullable): the session of a series to choose, as the API writes it
 * @timezone: (nullable): the zone to ask in (EverWebinar), NULL for the server's
 *
 * Chooses a target known from before, as an import being resumed has it. The webinar is
 * chosen now when the list has it; the rest whenever its schedules are loaded afresh, so
 * that coming back to this webinar brings back this choice.
 */
void
roster_target_picker_select (RosterTargetPicker *self,
                             gint64              webinar_id,
                             gint64              schedule_id,
                             const char         *date,
                             const char         *timezone)
{
  RosterWebinar *webinar;

  g_return_if_fail (ROSTER_IS_TARGET_PICKER (self));

  self->preset_webinar_id = webinar_id;
  self->preset_schedule_id = schedule_id;
  g_free (self->preset_date);
  self->preset_date = g_strdup (date);
  g_free (self->preset_zone);
  self->preset_zone = g_strdup (timezone);

  /* Already chosen: started over, so that the rest applies too. */
  webinar = roster_target_picker_get_webinar (self);
  if (webinar != NULL && roster_webinar_get_id (webinar) == webinar_id)
    {
      begin_change (self);
      reload (self);
      end_change (self);
    }
  else
    choose_webinar_id (self, webinar_id);
}

/* The chosen webinar as `webinar` answered, with its schedules, or NULL while loading. */
RosterWebinar *
roster_target_picker_get_detail (RosterTargetPicker *self)
{
  g_return_val_if_fail (ROSTER_IS_TARGET_PICKER (self), NULL);

  return self->detail;
}

/* The chosen schedule's ID, or -1. */
gint64
roster_target_picker_get_schedule_id (RosterTargetPicker *self)
{
  RosterSchedule *schedule;

  g_return_val_if_fail (ROSTER_IS_TARGET_PICKER (self), -1);

  schedule = get_selected_schedule (self);
  return schedule != NULL ? roster_schedule_get_id (schedule) : -1;
}

/* The session to send, as the API writes it, or NULL when the schedule is not a series
 * (the server picks) or the API takes none (WebinarJam). */
const char *
roster_target_picker_get_date (RosterTargetPicker *self)
{
  g_return_val_if_fail (ROSTER_IS_TARGET_PICKER (self), NULL);

  return self->chooser != NULL ? roster_schedule_chooser_get_date (self->chooser) : NULL;
}

/* The zone the dates are in and to send with them (EverWebinar), or NULL for the server's. */
const char *
roster_target_picker_get_timezone (RosterTargetPicker *self)
{
  g_return_val_if_fail (ROSTER_IS_TARGET_PICKER (self), NULL);

  return self->zone;
}

/* Whether the chosen webinar's schedules are being fetched. */
gboolean
roster_target_picker_get_loading (RosterTargetPicker *self)
{
  g_return_val_if_fail (ROSTER_IS_TARGET_PICKER (self), FALSE);

  return self->loading;
}

/* Whether a webinar and a schedule (and for a series a session) are chosen, with the
 * webinar's schedules loaded in the zone shown. */
gboolean
roster_target_picker_get_valid (RosterTargetPicker *self)
{
  RosterWebinar *webinar;

  g_return_val_if_fail (ROSTER_IS_TARGET_PICKER (self), FALSE);

  webinar = roster_target_picker_get_webinar (self);
  if (self->loading || webinar == NULL || self->detail == NULL ||
      roster_webinar_get_id (self->detail) != roster_webinar_get_id (webinar))
    return FALSE;
  return self->chooser != NULL && roster_schedule_chooser_get_complete (self->chooser);
}

/* Why there is nothing to choose (the schedules could not be loaded, or there are none), for
 * the owner to show; NULL otherwise. */
const char *
roster_target_picker_get_message (RosterTargetPicker *self)
{
  g_return_val_if_fail (ROSTER_IS_TARGET_PICKER (self), NULL);

  return self->message;
}

/* The chosen webinar's title as the row shows it, or NULL. */
char *
roster_target_picker_dup_webinar_title (RosterTargetPicker *self)
{
  g_return_val_if_fail (ROSTER_IS_TARGET_PICKER (self), NULL);

  return webinar_label (roster_target_picker_get_webinar (self), NULL);
}

/* Marks @row as the one a server's message is about, until it is changed or
 * roster_target_picker_clear_errors(). Returns the row, to focus. */
GtkWidget *
roster_target_picker_mark_error (RosterTargetPicker    *self,
                                 RosterTargetPickerRow  row)
{
  AdwComboRow *rows[] = { self->schedule_row, self->date_row, ADW_COMBO_ROW (self->timezone_row) };

  g_return_val_if_fail (ROSTER_IS_TARGET_PICKER (self), NULL);
  g_return_val_if_fail (row < G_N_ELEMENTS (rows), NULL);

  gtk_widget_add_css_class (GTK_WIDGET (rows[row]), "error");
  return GTK_WIDGET (rows[row]);
}

void
roster_target_picker_clear_errors (RosterTargetPicker *self)
{
  g_return_if_fail (ROSTER_IS_TARGET_PICKER (self));

  gtk_widget_remove_css_class (GTK_WIDGET (self->schedule_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->timezone_row), "error");
}

/* The group's title: what the target is for. */
const char *
roster_target_picker_get_title (RosterTargetPicker *self)
{
  g_return_val_if_fail (ROSTER_IS_TARGET_PICKER (self), NULL);

  return adw_preferences_group_get_title (self->group);
}

void
roster_target_picker_set_title (RosterTargetPicker *self,
                                const char         *title)
{
  g_return_if_fail (ROSTER_IS_TARGET_PICKER (self));

  if (g_strcmp0 (title, adw_preferences_group_get_title (self->group)) == 0)
    return;

  adw_preferences_group_set_title (self->group, title != NULL ? title : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* What the time zone row's zone is used for, as its tooltip. */
const char *
roster_target_picker_get_timezone_tooltip (RosterTargetPicker *self)
{
  g_return_val_if_fail (ROSTER_IS_TARGET_PICKER (self), NULL);

  return gtk_widget_get_tooltip_text (GTK_WIDGET (self->timezone_row));
}

void
roster_target_picker_set_timezone_tooltip (RosterTargetPicker *self,
                                           const char         *tooltip)
{
  g_return_if_fail (ROSTER_IS_TARGET_PICKER (self));

  if (g_strcmp0 (tooltip, gtk_widget_get_tooltip_text (GTK_WIDGET (self->timezone_row))) == 0)
    return;

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->timezone_row), tooltip);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEZONE_TOOLTIP]);
}
