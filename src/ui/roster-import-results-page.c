/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-results-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "roster-import-results-page.h"
#include "roster-a11y.h"
#include "roster-index-list.h"
#include "roster-ui-util.h"
#include "roster-ui-write.h"
#include "roster-wrap-layout.h"

/* The "Results" step of the import dialog: every row of the file with its outcome and the
 * server's message, and for each registered person the user ID and personal links, each with
 * a copy button; the whole list can be saved as CSV.  Rows are bound as they scroll into view,
 * so a file of 200,000 rows costs no more than its plan and journal. */

typedef enum
{
  LINK_USER_ID,
  LINK_LIVE_ROOM,
  LINK_REPLAY_ROOM,
  LINK_THANK_YOU,
  N_LINKS
} Link;

static const char * const link_names[N_LINKS] = { "user-id", "live-room", "replay-room", "thank-you" };

struct _RosterImportResultsPage
{
  AdwBin                parent_instance;

  RosterImportJob      *job;
  GFile                *file;
  RosterIndexList      *rows;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  guint                 refresh_id;
  gboolean              exporting;

  /* Template widgets */
  GtkLabel             *title_label;
  GtkLabel             *summary_label;
  GtkButton            *export_button;
  GtkButton            *retry_button;
  GtkButton            *resend_button;
  GtkListView          *list_view;
};

G_DEFINE_FINAL_TYPE (RosterImportResultsPage, roster_import_results_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_JOB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Rows -------------------------------------------------------------------------------------- */

static const char *
outcome_label (RosterImportRowState outcome)
{
  switch (outcome)
    {
    case ROSTER_IMPORT_ROW_REGISTERED:
      return _("Registered");
    case ROSTER_IMPORT_ROW_FAILED:
      return _("Failed");
    case ROSTER_IMPORT_ROW_INVALID:
      return _("Invalid, not sent");
    case ROSTER_IMPORT_ROW_DUPLICATE:
      return _("Duplicate, not sent");
    case ROSTER_IMPORT_ROW_SKIPPED:
      return _("Skipped");
    case ROSTER_IMPORT_ROW_ALREADY_REGISTERED:
      return _("Already registered, not sent");
    case ROSTER_IMPORT_ROW_UNKNOWN:
      return _("Outcome unknown");
    case ROSTER_IMPORT_ROW_READY:
    case ROSTER_IMPORT_ROW_SENDING:
    case ROSTER_IMPORT_N_ROW_STATES:
    default:
      return _("Not sent yet");
    }
}

static const char *
outcome_icon (RosterImportRowState outcome,
              const char         **css_class)
{
  switch (outcome)
    {
    case ROSTER_IMPORT_ROW_REGISTERED:
      *css_class = "success";
      return "emblem-ok-symbolic";
    case ROSTER_IMPORT_ROW_FAILED:
    case ROSTER_IMPORT_ROW_INVALID:
      *css_class = "error";
      return "dialog-error-symbolic";
    case ROSTER_IMPORT_ROW_UNKNOWN:
    case ROSTER_IMPORT_ROW_DUPLICATE:
    case ROSTER_IMPORT_ROW_ALREADY_REGISTERED:
      *css_class = "warning";
      return "dialog-warning-symbolic";
    case ROSTER_IMPORT_ROW_SKIPPED:
    case ROSTER_IMPORT_ROW_READY:
    case ROSTER_IMPORT_ROW_SENDING:
    case ROSTER_IMPORT_N_ROW_STATES:
    default:
      *css_class = "dim-label";
      return "content-loading-symbolic";
    }
}

static const char *
link_label (Link link)
{
  switch (link)
    {
    case LINK_USER_ID:
      return _("User ID");
    case LINK_LIVE_ROOM:
      return _("Live Room");
    case LINK_REPLAY_ROOM:
      return _("Replay Room");
    case LINK_THANK_YOU:
      return _("Thank-You Page");
    case N_LINKS:
    default:
      g_assert_not_reached ();
    }
}

static const char *
link_value (RosterImportJob *job,
            guint            row,
            Link             link)
{
  RosterImportRow record;

  roster_import_job_get_row (job, row, &record);
  switch (link)
    {
    case LINK_USER_ID:
      return record.user_id;
    case LINK_LIVE_ROOM:
      return record.live_room_url;
    case LINK_REPLAY_ROOM:
      return record.replay_room_url;
    case LINK_THANK_YOU:
      return record.thank_you_url;
    case N_LINKS:
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  GtkImage  *icon;
  GtkLabel  *title;
  GtkLabel  *subtitle;
  GtkWidget *links;
  GtkWidget *buttons[N_LINKS];
} RowWidgets;

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  RowWidgets *w = g_new0 (RowWidgets, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  w->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (w->icon), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (w->icon), 2);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->icon));

  w->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (w->title, 0);
  gtk_label_set_ellipsize (w->title, PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (w->title, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (w->title), "heading");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (w->title));

  w->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (w->subtitle, 0);
  gtk_label_set_wrap (w->subtitle, TRUE);
  gtk_label_set_wrap_mode (w->subtitle, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (w->subtitle, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (w->subtitle), "dim-label");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (w->subtitle));

  w->links = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (w->links, 4);
  for (guint i = 0; i < N_LINKS; i++)
    {
      GtkWidget *content = adw_button_content_new ();

      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "edit-copy-symbolic");
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), link_label (i));
      w->buttons[i] = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (w->buttons[i]), content);
      gtk_widget_add_css_class (w->buttons[i], "flat");
      gtk_widget_add_css_class (w->buttons[i], "caption");
      /* A target of the right type before the name, so the button never has a wrong one. */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (w->buttons[i]), "(us)", 0, link_names[i]);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (w->buttons[i]), "results.copy");
      gtk_box_append (GTK_BOX (w->links), w->buttons[i]);
    }
  gtk_box_append (GTK_BOX (text), w->links);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  g_object_set_data_full (G_OBJECT (box), "roster-row-widgets", w, g_free);
  gtk_list_item_set_child (item, box);
}

/* Why a row that was not sent was not: the plan's first problem with it. */
static const char *
plan_message (RosterImportJob *job,
              guint            row)
{
  const RosterImportProblem *problems = NULL;
  RosterImportPlan *plan = roster_import_job_get_plan (job);

  if (roster_import_plan_get_row_problems (plan, row, &problems) > 0)
    return problems[0].message;
  return NULL;
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             RosterImportResultsPage  *self)
{
  RosterIndexItem *index = gtk_list_item_get_item (item);
  RowWidgets *w = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "roster-row-widgets");
  guint row = roster_index_item_get_index (index);
  RosterImportPlan *plan;
  RosterImportRowState outcome;
  RosterImportRow record;
  const char *email, *message, *css_class = NULL, *icon;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  gboolean registered;

  if (self->job == NULL)
    return;

  plan = roster_import_job_get_plan (self->job);
  outcome = roster_import_job_get_row_outcome (self->job, row);
  email = roster_import_plan_get_row_value (plan, row, ROSTER_IMPORT_FIELD_EMAIL);
  roster_import_job_get_row (self->job, row, &record);
  message = record.message;
  if ((message == NULL || *message == '\0') && outcome != ROSTER_IMPORT_ROW_REGISTERED)
    message = plan_message (self->job, row);

  /* Translators: a file's line number and the email address on it */
  title = g_strdup_printf (_("Line %u · %s"), roster_import_plan_get_row_line (plan, row),
                           email != NULL && *email != '\0' ? email : _("no email address"));
  gtk_label_set_text (w->title, title);

  registered = outcome == ROSTER_IMPORT_ROW_REGISTERED;
  if (registered && link_value (self->job, row, LINK_USER_ID) != NULL)
    /* Translators: the outcome, then the ID the server gave the person */
    subtitle = g_strdup_printf (_("%s · User ID %s"), outcome_label (outcome),
                                link_value (self->job, row, LINK_USER_ID));
  else if (message != NULL && *message != '\0')
    /* Translators: the outcome, then the server's or Roster's message */
    subtitle = g_strdup_printf (_("%s: %s"), outcome_label (outcome), message);
  else
    subtitle = g_strdup (outcome_label (outcome));
  gtk_label_set_text (w->subtitle, subtitle);
  roster_a11y_label_row (gtk_list_item_get_child (item), title, subtitle);

  icon = outcome_icon (outcome, &css_class);
  gtk_image_set_from_icon_name (w->icon, icon);
  for (guint i = 0; i < 4; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (w->icon), (const char *[]) { "success", "error", "warning", "dim-label" }[i]);
  gtk_widget_add_css_class (GTK_WIDGET (w->icon), css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  outcome_label (outcome), -1);

  gtk_widget_set_visible (w->links, registered);
  for (guint i = 0; i < N_LINKS; i++)
    {
      const char *value = registered ? link_value (self->job, row, i) : NULL;
      gboolean has = value != NULL && *value != '\0';
      g_autofree char *accessible = NULL;

      gtk_widget_set_visible (w->buttons[i], has);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (w->buttons[i]), "(us)", row, link_names[i]);
      /* Translators: %s is "User ID", "Live Room" and so on; for screen readers and tooltips */
      accessible = g_strdup_printf (_("Copy %s"), link_label (i));
      gtk_widget_set_tooltip_text (w->buttons[i], has ? value : NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (w->buttons[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
    }
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RosterImportResultsPage *self = ROSTER_IMPORT_RESULTS_PAGE (widget);
  g_autoptr(AdwToast) toast = NULL;
  const char *which;
  const char *value = NULL;
  guint row;

  if (self->job == NULL)
    return;

  g_variant_get (parameter, "(u&s)", &row, &which);
  if (row >= roster_import_plan_get_n_rows (roster_import_job_get_plan (self->job)))
    return;
  for (guint i = 0; i < N_LINKS; i++)
    if (g_str_equal (which, link_names[i]))
      value = link_value (self->job, row, i);
  if (value == NULL || *value == '\0')
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), value);
  toast = adw_toast_new (g_str_equal (which, "user-id") ? _("User ID copied") : _("Link copied"));
  adw_toast_set_timeout (toast, 2);
  roster_ui_add_toast (widget, toast);
}

/* ---- Summary ------------------------------------------------------------------------------------- */

static void
refresh (RosterImportResultsPage *self)
{
  guint counts[ROSTER_IMPORT_N_ROW_STATES] = { 0 };
  RosterImportPlan *plan;
  RosterImportJobState state;
  g_autofree char *registered = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *not_sent = NULL;
  g_autofree char *summary = NULL;
  guint n_rows, n_not_sent;

  /* Called directly too (a state change): a refresh still queued is no longer needed. */
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->job == NULL)
    return;

  plan = roster_import_job_get_plan (self->job);
  n_rows = roster_import_plan_get_n_rows (plan);
  for (guint row = 0; row < n_rows; row++)
    {
      RosterImportRowState outcome = roster_import_job_get_row_outcome (self->job, row);

      if (outcome < ROSTER_IMPORT_N_ROW_STATES)
        counts[outcome]++;
    }

  state = roster_import_job_get_state (self->job);
  gtk_label_set_text (self->title_label,
                      state == ROSTER_IMPORT_JOB_FINISHED ? _("Import Finished")
                      : state == ROSTER_IMPORT_JOB_CANCELLED ? _("Import Stopped")
                      : _("Import in Progress"));

  n_not_sent = n_rows - counts[ROSTER_IMPORT_ROW_REGISTERED] - counts[ROSTER_IMPORT_ROW_FAILED] -
               counts[ROSTER_IMPORT_ROW_UNKNOWN];
  registered = g_strdup_printf (ngettext ("%u registered", "%u registered", counts[ROSTER_IMPORT_ROW_REGISTERED]),
                                counts[ROSTER_IMPORT_ROW_REGISTERED]);
  failed = g_strdup_printf (ngettext ("%u failed", "%u failed", counts[ROSTER_IMPORT_ROW_FAILED]),
                            counts[ROSTER_IMPORT_ROW_FAILED]);
  not_sent = g_strdup_printf (ngettext ("%u not sent", "%u not sent", n_not_sent), n_not_sent);
  if (counts[ROSTER_IMPORT_ROW_UNKNOWN] > 0)
    {
      g_autofree char *unknown = g_strdup_printf (ngettext ("%u unknown", "%u unknown",
                                                            counts[ROSTER_IMPORT_ROW_UNKNOWN]),
                                                  counts[ROSTER_IMPORT_ROW_UNKNOWN]);

      /* Translators: the counts above, joined */
      summary = g_strdup_printf (_("%s, %s, %s, %s"), registered, failed, unknown, not_sent);
    }
  else
    /* Translators: the counts above, joined */
    summary = g_strdup_printf (_("%s, %s, %s"), registered, failed, not_sent);
  gtk_label_set_text (self->summary_label, summary);

  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), counts[ROSTER_IMPORT_ROW_FAILED] > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->resend_button),
                          counts[ROSTER_IMPORT_ROW_UNKNOWN] > 0 && state != ROSTER_IMPORT_JOB_RUNNING);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->rows)) != n_rows)
    roster_index_list_set_range (self->rows, n_rows);
  else
    roster_index_list_changed (self->rows);
}

static void
refresh_timeout_cb (gpointer user_data)
{
  RosterImportResultsPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);
}

/* Rows land many times a second: the list is bound again at most four times a second. */
static void
queue_refresh (RosterImportResultsPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_once (250, refresh_timeout_cb, self);
}

/* ---- Export ------------------------------------------------------------------------------------ */

static void
toast (RosterImportResultsPage *self,
       const char              *title)
{
  g_autoptr(AdwToast) toast = adw_toast_new (title);

  roster_ui_add_toast (GTK_WIDGET (self), toast);
}

/* One export at a time, and only of a job. */
static void
update_export_action (RosterImportResultsPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.export", self->job != NULL && !self->exporting);
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RosterImportResultsPage *self = ROSTER_IMPORT_RESULTS_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (roster_import_results_page_export_finish (self, result, &error))
    toast (self, _("Results saved"));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* disposed */
  else
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("The results could not be saved: %s"), error->message);

      toast (self, message);
    }
  self->exporting = FALSE;
  update_export_action (self);
}

static void
export_response_cb (GtkNativeDialog         *native,
                    int                      response,
                    RosterImportResultsPage *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  self->exporting = TRUE;
  update_export_action (self);
  roster_import_results_page_export_async (self, file, self->cancellable, export_cb, NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterImportResultsPage *self = ROSTER_IMPORT_RESULTS_PAGE (widget);
  g_autofree char *name = NULL;

  if (self->job == NULL || self->chooser != NULL)
    return;

  if (self->file != NULL)
    {
      g_autofree char *base = g_file_get_basename (self->file);
      char *dot = strrchr (base, '.');

      if (dot != NULL)
        *dot = '\0';
      /* Translators: the saved file's name; %s is the imported file's name without extension */
      name = g_strdup_printf (_("%s results.csv"), base);
    }
  else
    name = g_strdup (_("import results.csv"));
  self->chooser = roster_ui_csv_save_chooser_new (widget, _("Save Import Results"), name);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
disconnect_job (RosterImportResultsPage *self)
{
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
}

static void
roster_import_results_page_dispose (GObject *object)
{
  RosterImportResultsPage *self = ROSTER_IMPORT_RESULTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  disconnect_job (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_IMPORT_RESULTS_PAGE);

  /* The list's rows read the job while they exist. */
  g_clear_object (&self->job);

  G_OBJECT_CLASS (roster_import_results_page_parent_class)->dispose (object);
}

static void
roster_import_results_page_finalize (GObject *object)
{
  RosterImportResultsPage *self = ROSTER_IMPORT_RESULTS_PAGE (object);

  g_clear_object (&self->file);
  g_clear_object (&self->rows);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (roster_import_results_page_parent_class)->finalize (object);
}

static void
roster_import_results_page_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  RosterImportResultsPage *self = ROSTER_IMPORT_RESULTS_PAGE (object);

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
roster_import_results_page_class_init (RosterImportResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_import_results_page_dispose;
  object_class->finalize = roster_import_results_page_finalize;
  object_class->get_property = roster_import_results_page_get_property;

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL,
                         ROSTER_TYPE_IMPORT_JOB,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ROSTER_TYPE_WRAP_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-import-results-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportResultsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportResultsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportResultsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportResultsPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportResultsPage, resend_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportResultsPage, list_view);

  gtk_widget_class_install_action (widget_class, "results.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "results.copy", "(us)", copy_action);
}

static void
roster_import_results_page_init (RosterImportResultsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->rows = roster_index_list_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (row_bind_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)))));
  update_export_action (self);
}

GtkWidget *
roster_import_results_page_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORT_RESULTS_PAGE, NULL);
}

RosterImportJob *
roster_import_results_page_get_job (RosterImportResultsPage *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RESULTS_PAGE (self), NULL);

  return self->job;
}

/* Shows @job's rows; @file (nullable) names the export's suggested file. */
void
roster_import_results_page_set_job (RosterImportResultsPage *self,
                                    RosterImportJob         *job,
                                    GFile                   *file)
{
  g_return_if_fail (ROSTER_IS_IMPORT_RESULTS_PAGE (self));
  g_return_if_fail (job == NULL || ROSTER_IS_IMPORT_JOB (job));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->file, file);
  if (self->job == job)
    return;

  disconnect_job (self);
  roster_index_list_set_range (self->rows, 0);
  g_set_object (&self->job, job);

  if (job != NULL)
    {
      g_signal_connect_object (job, "row-done", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (job, "notify::state", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (job, "finished", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
      refresh (self);
    }
  update_export_action (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

/* Writes every row's outcome and links to @destination as CSV (what "Export Results…" does).
 * The rows are taken as they are now; the file is written without blocking the main loop. */
void
roster_import_results_page_export_async (RosterImportResultsPage *self,
                                         GFile                   *destination,
                                         GCancellable            *cancellable,
                                         GAsyncReadyCallback      callback,
                                         gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  GString *text;
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (ROSTER_IS_IMPORT_RESULTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_import_results_page_export_async);

  if (self->job == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Nothing was imported yet."));
      return;
    }

  /* A copy of the rows: the job lives on this thread and goes on changing them (a retry),
   * while the file is written. */
  text = roster_import_job_results_csv (self->job, FALSE);
  bytes = g_string_free_to_bytes (text);
  /* The results hold personal data: private to the user, like the journal. */
  roster_ui_write_for_task (destination, bytes, G_FILE_CREATE_PRIVATE, g_steal_pointer (&task));
}

gboolean
roster_import_results_page_export_finish (RosterImportResultsPage  *self,
                                          GAsyncResult             *result,
                                          GError                  **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RESULTS_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_import_results_page_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
