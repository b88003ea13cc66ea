/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-run-page"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-run-page.h"
#include "roster-wrap-layout.h"

/* The "Run" step of the import dialog: a RosterImportJob's progress, counts, rate and time
 * left, with pause, resume and cancel.  Everything shown follows the job's properties. */

struct _RosterImportRunPage
{
  AdwBin           parent_instance;

  RosterImportJob *job;
  GPtrArray       *bindings;   /* GBinding, to the job */

  /* Template widgets */
  GtkLabel        *title_label;
  GtkLabel        *description_label;
  GtkProgressBar  *progress_bar;
  GtkLabel        *registered_label;
  GtkLabel        *failed_label;
  AdwActionRow    *unknown_row;
  GtkLabel        *unknown_label;
  GtkLabel        *remaining_label;
  GtkLabel        *rate_label;
  GtkLabel        *eta_label;
  GtkButton       *pause_button;
  GtkButton       *stop_button;

  char            *description;  /* the template's, shown while nothing is waiting */
  guint            countdown_id;
};

G_DEFINE_FINAL_TYPE (RosterImportRunPage, roster_import_run_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_JOB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
count_to_text (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_value_take_string (to, g_strdup_printf ("%u", g_value_get_uint (from)));
  return TRUE;
}

static gboolean
nonzero (GBinding     *binding,
         const GValue *from,
         GValue       *to,
         gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_uint (from) > 0);
  return TRUE;
}

static char *
format_eta (gint64 seconds)
{
  if (seconds < 0)
    /* Translators: the time left is not known yet */
    return g_strdup (C_("time left", "Unknown"));
  if (seconds < 60)
    return g_strdup_printf (ngettext ("%u second", "%u seconds", (guint) seconds), (guint) seconds);
  if (seconds < 3600)
    {
      guint minutes = (guint) ((seconds + 30) / 60);

      return g_strdup_printf (ngettext ("About %u minute", "About %u minutes", minutes), minutes);
    }
  else
    {
      guint hours = (guint) (seconds / 3600);
      guint minutes = (guint) ((seconds % 3600 + 30) / 60);

      /* Translators: hours and minutes left, e.g. "About 2 h 5 min" */
      return g_strdup_printf (_("About %u h %u min"), hours, minutes);
    }
}

static void update (RosterImportRunPage *self);

static gboolean
countdown_cb (gpointer user_data)
{
  update (user_data);
  return G_SOURCE_CONTINUE;
}

/* Says why nothing moves while the job waits for the network or the server, with the next
 * try's countdown; NULL when it does not wait. */
static char *
dup_waiting_text (RosterImportRunPage *self,
                  const char         **title)
{
  gint64 retry_at = roster_import_job_get_retry_at (self->job);

  if (roster_import_job_get_offline (self->job))
    {
      *title = _("Waiting for the Network…");
      return g_strdup (_("This computer is offline. The import goes on by itself when the network is back."));
    }

  if (retry_at > 0)
    {
      gint64 seconds = (retry_at - g_get_monotonic_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

      *title = _("Waiting for the Server…");
      if (seconds <= 0)
        return g_strdup (_("The server could not be reached. Trying again now…"));
      return g_strdup_printf (ngettext ("The server could not be reached. Next try in %u second.",
                                        "The server could not be reached. Next try in %u seconds.",
                                        (guint) seconds),
                              (guint) seconds);
    }

  return NULL;
}

static void
update (RosterImportRunPage *self)
{
  g_autofree char *waiting = NULL;
  RosterImportJobState state;
  gboolean busy, active;
  guint total, remaining, done;
  g_autofree char *progress = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *eta = NULL;
  const char *title;

  if (self->job == NULL)
    return;

  state = roster_import_job_get_state (self->job);
  busy = roster_import_job_is_busy (self->job);
  total = roster_import_job_get_n_total (self->job);
  remaining = roster_import_job_get_n_remaining (self->job);
  done = total > remaining ? total - remaining : 0;

  switch (state)
    {
    case ROSTER_IMPORT_JOB_RUNNING:
      title = _("Registering…");
      waiting = dup_waiting_text (self, &title);
      break;
    case ROSTER_IMPORT_JOB_PAUSED:
      title = busy ? _("Pausing…") : _("Paused");
      break;
    case ROSTER_IMPORT_JOB_CANCELLED:
      title = busy ? _("Stopping…") : _("Import Stopped");
      break;
    case ROSTER_IMPORT_JOB_FINISHED:
      title = _("Import Finished");
      break;
    case ROSTER_IMPORT_JOB_IDLE:
    default:
      title = _("Starting…");
      break;
    }
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->description_label, waiting != NULL ? waiting : self->description);
  if (waiting != NULL && self->countdown_id == 0)
    self->countdown_id = g_timeout_add_seconds (1, countdown_cb, self);
  else if (waiting == NULL)
    g_clear_handle_id (&self->countdown_id, g_source_remove);

  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0.0);
  /* Translators: rows done of the rows to send */
  progress = g_strdup_printf (_("%u of %u"), done, total);
  gtk_progress_bar_set_text (self->progress_bar, progress);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, progress, -1);

  /* Translators: registrations per second, then the calls per second the rate limit allows */
  rate = state == ROSTER_IMPORT_JOB_RUNNING ? g_strdup_printf (_("%.1f per second · pace %.1f/s"),
                                                               roster_import_job_get_rate (self->job),
                                                               roster_import_job_get_pace (self->job))
                                           : g_strdup ("—");
  gtk_label_set_text (self->rate_label, rate);
  eta = state == ROSTER_IMPORT_JOB_RUNNING ? format_eta (roster_import_job_get_eta_seconds (self->job))
                                           : g_strdup ("—");
  gtk_label_set_text (self->eta_label, eta);

  active = state == ROSTER_IMPORT_JOB_RUNNING || state == ROSTER_IMPORT_JOB_PAUSED;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.pause", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.cancel", active);
  gtk_button_set_label (self->pause_button, state == ROSTER_IMPORT_JOB_PAUSED ? _("_Resume") : _("_Pause"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button),
                               state == ROSTER_IMPORT_JOB_PAUSED ? _("Go on sending")
                                                                 : _("Stop sending for now; calls already sent still land"));
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RosterImportRunPage *self = ROSTER_IMPORT_RUN_PAGE (widget);

  if (self->job == NULL)
    return;

  if (roster_import_job_get_state (self->job) == ROSTER_IMPORT_JOB_PAUSED)
    roster_import_job_resume (self->job);
  else
    roster_import_job_pause (self->job);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterImportRunPage *self = ROSTER_IMPORT_RUN_PAGE (widget);

  if (self->job != NULL)
    roster_import_job_cancel (self->job);
}

static void
unbind (RosterImportRunPage *self)
{
  for (guint i = 0; self->bindings != NULL && i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  if (self->bindings != NULL)
    g_ptr_array_set_size (self->bindings, 0);
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
}

static void
roster_import_run_page_dispose (GObject *object)
{
  RosterImportRunPage *self = ROSTER_IMPORT_RUN_PAGE (object);

  unbind (self);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  g_clear_object (&self->job);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->description, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_IMPORT_RUN_PAGE);

  G_OBJECT_CLASS (roster_import_run_page_parent_class)->dispose (object);
}

static void
roster_import_run_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RosterImportRunPage *self = ROSTER_IMPORT_RUN_PAGE (object);

  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_import_run_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RosterImportRunPage *self = ROSTER_IMPORT_RUN_PAGE (object);

  switch (prop_id)
    {
    case PROP_JOB:
      roster_import_run_page_set_job (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_import_run_page_class_init (RosterImportRunPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_import_run_page_dispose;
  object_class->get_property = roster_import_run_page_get_property;
  object_class->set_property = roster_import_run_page_set_property;

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL,
                         ROSTER_TYPE_IMPORT_JOB,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ROSTER_TYPE_WRAP_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-import-run-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportRunPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportRunPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportRunPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RosterImportRunPage, registered_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportRunPage, failed_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportRunPage, unknown_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportRunPage, unknown_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportRunPage, remaining_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportRunPage, rate_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportRunPage, eta_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportRunPage, pause_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportRunPage, stop_button);

  gtk_widget_class_install_action (widget_class, "run.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "run.cancel", NULL, cancel_action);
}

static void
roster_import_run_page_init (RosterImportRunPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_ptr_array_new ();
  self->description = g_strdup (gtk_label_get_text (self->description_label));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.pause", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.cancel", FALSE);
}

GtkWidget *
roster_import_run_page_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORT_RUN_PAGE, NULL);
}

RosterImportJob *
roster_import_run_page_get_job (RosterImportRunPage *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RUN_PAGE (self), NULL);

  return self->job;
}

/* Shows @job (NULL: nothing); the counts are bound to its properties. */
void
roster_import_run_page_set_job (RosterImportRunPage *self,
                                RosterImportJob     *job)
{
  static const struct {
    const char *property;
    gsize       label_offset;
  } counts[] = {
    { "n-registered", G_STRUCT_OFFSET (RosterImportRunPage, registered_label) },
    { "n-failed", G_STRUCT_OFFSET (RosterImportRunPage, failed_label) },
    { "n-unknown", G_STRUCT_OFFSET (RosterImportRunPage, unknown_label) },
    { "n-remaining", G_STRUCT_OFFSET (RosterImportRunPage, remaining_label) },
  };

  g_return_if_fail (ROSTER_IS_IMPORT_RUN_PAGE (self));
  g_return_if_fail (job == NULL || ROSTER_IS_IMPORT_JOB (job));

  if (self->job == job)
    return;

  unbind (self);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  g_set_object (&self->job, job);

  if (job != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
        {
          GtkLabel *label = G_STRUCT_MEMBER (GtkLabel *, self, counts[i].label_offset);

          g_ptr_array_add (self->bindings,
                           g_object_bind_property_full (job, counts[i].property, label, "label",
                                                        G_BINDING_SYNC_CREATE, count_to_text,
                                                        NULL, NULL, NULL));
        }
      g_ptr_array_add (self->bindings,
                       g_object_bind_property_full (job, "n-unknown", self->unknown_row, "visible",
                                                    G_BINDING_SYNC_CREATE, nonzero, NULL, NULL, NULL));
      /* Title, progress, rate and time left follow any change. */
      g_signal_connect_object (job, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      update (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}
