/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-review-step"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-fix-table.h"
#include "roster-import-review-step.h"
#include "roster-import-target-summary.h"
#include "roster-index-list.h"
#include "roster-ui-call.h"
#include "roster-ui-util.h"

/* The "Review" step of the import dialog: what the plan will send and skip, its problems by
 * line, leaving out rows with warnings, and the people's consent, without which nothing is
 * sent.  Its Check and Reload buttons activate the window's `import.check-registered` and
 * `import.reload`, as the import dialog provides them; the dialog has the step do the check,
 * which marks the plan's rows with who is registered already. */

struct _RosterImportReviewStep
{
  AdwBin               parent_instance;

  RosterImportPlan    *plan;
  GCancellable        *check_cancellable;  /* who is already registered */
  gboolean             checking;
  gboolean             checked;
  gboolean             ready;
  guint                n_warned;
  RosterIndexList     *problems;
  AdwActionRow        *warnings_row;
  GtkSwitch           *warnings_switch;

  /* Template widgets */
  AdwPreferencesGroup *resume_group;
  AdwActionRow        *resume_row;
  GtkLabel            *ready_label;
  GtkLabel            *invalid_label;
  GtkLabel            *duplicate_label;
  AdwActionRow        *registered_row;
  GtkSpinner          *check_spinner;
  GtkButton           *check_button;
  GtkLabel            *registered_label;
  AdwActionRow        *skip_row;
  GtkButton           *reload_button;
  GtkWidget           *problems_scroll;
  AdwPreferencesGroup *problems_group;
  GtkListView         *problems_view;
  GtkCheckButton      *consent_check;
  RosterImportFixTable *fix_table;
  RosterImportTargetSummary *target_summary;
};

G_DEFINE_FINAL_TYPE (RosterImportReviewStep, roster_import_review_step, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONSENT,
  PROP_READY,
  PROP_CHECKING,
  PROP_CHECKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A ready row the plan has something to say about (a warning): the user may leave it out. */
static gboolean
row_has_warnings (RosterImportPlan *plan,
                  guint             row)
{
  const RosterImportProblem *problems = NULL;

  return roster_import_plan_get_row_status (plan, row) == ROSTER_IMPORT_ROW_READY &&
         roster_import_plan_get_row_problems (plan, row, &problems) > 0;
}

static guint
count_warned (RosterImportPlan *plan)
{
  guint n_rows = roster_import_plan_get_n_rows (plan);
  guint n = 0;

  for (guint row = 0; row < n_rows; row++)
    if (row_has_warnings (plan, row))
      n++;
  return n;
}

static void
set_count (GtkLabel *label,
           guint     n)
{
  g_autofree char *text = g_strdup_printf ("%u", n);

  gtk_label_set_text (label, text);
}

/* Start needs rows to send and the consent. */
static void
update_ready (RosterImportReviewStep *self)
{
  gboolean ready = roster_import_review_step_get_n_to_send (self) > 0 &&
                   gtk_check_button_get_active (self->consent_check);

  if (ready == self->ready)
    return;
  self->ready = ready;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
fill_review (RosterImportReviewStep *self)
{
  guint n_rows, n_ready, n_skipped, n_problems;
  g_autofree char *skip = NULL;

  if (self->plan == NULL)
    {
      roster_index_list_set_range (self->problems, 0);
      update_ready (self);
      return;
    }

  n_rows = roster_import_plan_get_n_rows (self->plan);
  n_ready = roster_import_review_step_get_n_to_send (self);
  set_count (self->ready_label, n_ready);
  set_count (self->invalid_label, roster_import_plan_get_count (self->plan, ROSTER_IMPORT_ROW_INVALID));
  set_count (self->duplicate_label, roster_import_plan_get_count (self->plan, ROSTER_IMPORT_ROW_DUPLICATE));
  set_count (self->registered_label, roster_import_plan_get_count (self->plan, ROSTER_IMPORT_ROW_ALREADY_REGISTERED));
  gtk_widget_set_visible (GTK_WIDGET (self->registered_label), self->checked);
  gtk_widget_set_visible (GTK_WIDGET (self->check_button), !self->checked && !self->checking);
  gtk_widget_set_visible (GTK_WIDGET (self->check_spinner), self->checking);
  gtk_spinner_set_spinning (self->check_spinner, self->checking);
  if (self->checking)
    adw_action_row_set_subtitle (self->registered_row, _("Looking through the webinar’s registrants…"));
  else if (self->checked)
    adw_action_row_set_subtitle (self->registered_row, _("People the webinar has already; they are not sent again"));
  else
    adw_action_row_set_subtitle (self->registered_row, _("Not checked yet"));

  n_skipped = n_rows - n_ready;
  if (n_skipped > 0)
    /* Translators: rows with problems; the subtitle says they are never sent */
    skip = g_strdup_printf (ngettext ("%u row will be skipped", "%u rows will be skipped", n_skipped), n_skipped);
  else
    skip = g_strdup (_("Every row can be sent"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->skip_row), skip);
  adw_action_row_set_subtitle (self->skip_row,
                               n_skipped > 0 ? _("They are never sent. Fix them in the table below, or in the file and reload it.") : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reload_button), n_skipped > 0);

  self->n_warned = count_warned (self->plan);
  if (self->n_warned > 0)
    {
      g_autofree char *title = NULL;

      /* Translators: rows that can be sent but have a warning */
      title = g_strdup_printf (ngettext ("Also skip the %u row with warnings",
                                         "Also skip the %u rows with warnings", self->n_warned),
                               self->n_warned);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->warnings_row), title);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_row), self->n_warned > 0);

  n_problems = roster_import_plan_get_n_problems (self->plan);
  roster_index_list_set_range (self->problems, n_problems);
  gtk_widget_set_visible (self->problems_scroll, n_problems > 0);

  update_ready (self);
}

static void
problem_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
problem_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 RosterImportReviewStep   *self)
{
  RosterIndexItem *index = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (image);
  const RosterImportProblem *problem;
  gboolean error;

  if (self->plan == NULL || roster_index_item_get_index (index) >= roster_import_plan_get_n_problems (self->plan))
    return;

  problem = roster_import_plan_get_problem (self->plan, roster_index_item_get_index (index));
  error = problem->severity == ROSTER_IMPORT_SEVERITY_ERROR;
  gtk_image_set_from_icon_name (GTK_IMAGE (image), error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (image, error ? "warning" : "error");
  gtk_widget_add_css_class (image, error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  error ? _("Error") : _("Warning"), -1);
  gtk_label_set_text (GTK_LABEL (label), problem->message);
}

static void
consent_toggled_cb (RosterImportReviewStep *self)
{
  update_ready (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT]);
}

/* Fewer rows to send: the counts change. */
static void
warnings_toggled_cb (RosterImportReviewStep *self)
{
  fill_review (self);
}

/* Focus goes to the consent, the one thing left to do. */
static gboolean
roster_import_review_step_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (ROSTER_IMPORT_REVIEW_STEP (widget)->consent_check));
}

static void
roster_import_review_step_dispose (GObject *object)
{
  RosterImportReviewStep *self = ROSTER_IMPORT_REVIEW_STEP (object);

  g_cancellable_cancel (self->check_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_IMPORT_REVIEW_STEP);

  G_OBJECT_CLASS (roster_import_review_step_parent_class)->dispose (object);
}

static void
roster_import_review_step_finalize (GObject *object)
{
  RosterImportReviewStep *self = ROSTER_IMPORT_REVIEW_STEP (object);

  g_clear_object (&self->plan);
  g_clear_object (&self->problems);
  g_clear_object (&self->check_cancellable);

  G_OBJECT_CLASS (roster_import_review_step_parent_class)->finalize (object);
}

static void
roster_import_review_step_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  RosterImportReviewStep *self = ROSTER_IMPORT_REVIEW_STEP (object);

  switch (prop_id)
    {
    case PROP_CONSENT:
      g_value_set_boolean (value, roster_import_review_step_get_consent (self));
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    case PROP_CHECKING:
      g_value_set_boolean (value, self->checking);
      break;
    case PROP_CHECKED:
      g_value_set_boolean (value, self->checked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_import_review_step_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  RosterImportReviewStep *self = ROSTER_IMPORT_REVIEW_STEP (object);

  switch (prop_id)
    {
    case PROP_CONSENT:
      roster_import_review_step_set_consent (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_import_review_step_class_init (RosterImportReviewStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (ROSTER_TYPE_IMPORT_FIX_TABLE);
  object_class->dispose = roster_import_review_step_dispose;
  object_class->finalize = roster_import_review_step_finalize;
  object_class->get_property = roster_import_review_step_get_property;
  object_class->set_property = roster_import_review_step_set_property;
  widget_class->grab_focus = roster_import_review_step_grab_focus;

  /* Whether the user confirmed that the people agreed to be registered. */
  properties[PROP_CONSENT] =
    g_param_spec_boolean ("consent", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Whether there are rows to send and the consent is given. */
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Whether the webinar's registrants are being looked through. */
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Whether the plan's rows are marked with who is registered already. */
  properties[PROP_CHECKED] =
    g_param_spec_boolean ("checked", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-import-review-step.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, resume_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, resume_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, ready_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, invalid_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, duplicate_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, registered_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, check_spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, check_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, registered_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, skip_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, reload_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, problems_scroll);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, problems_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, problems_view);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, consent_check);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, fix_table);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReviewStep, target_summary);
  g_type_ensure (ROSTER_TYPE_IMPORT_TARGET_SUMMARY);
}

static void
roster_import_review_step_init (RosterImportReviewStep *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->check_cancellable = g_cancellable_new ();
  self->problems = roster_index_list_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (problem_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (problem_bind_cb), self, 0);
  gtk_list_view_set_factory (self->problems_view, factory);
  gtk_list_view_set_model (self->problems_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->problems)))));
  g_signal_connect_object (self->consent_check, "notify::active",
                           G_CALLBACK (consent_toggled_cb), self, G_CONNECT_SWAPPED);

  self->warnings_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->warnings_row), FALSE);
  adw_action_row_set_subtitle (self->warnings_row, _("They could be sent, but something in them looks wrong"));
  self->warnings_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->warnings_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->warnings_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Also skip the rows with warnings"), -1);
  adw_action_row_add_suffix (self->warnings_row, GTK_WIDGET (self->warnings_switch));
  adw_action_row_set_activatable_widget (self->warnings_row, GTK_WIDGET (self->warnings_switch));
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_row), FALSE);
  g_signal_connect_object (self->warnings_switch, "notify::active",
                           G_CALLBACK (warnings_toggled_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->problems_group, GTK_WIDGET (self->warnings_row));
}

/* Whether the webinar's registrants are being looked through, and whether the plan's rows
 * are marked with who is registered already. */
static void
set_check_state (RosterImportReviewStep *self,
                 gboolean                checking,
                 gboolean                checked)
{
  /* A large plan takes a while to count. */
  if (checking == self->checking && checked == self->checked)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (checking != self->checking)
    {
      self->checking = checking;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
    }
  if (checked != self->checked)
    {
      self->checked = checked;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
    }
  fill_review (self);
  g_object_thaw_notify (G_OBJECT (self));
}

GtkWidget *
roster_import_review_step_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORT_REVIEW_STEP, NULL);
}

/* The plan to review.  Marks made on another plan are gone, and a check still running for it
 * is of no use. */
void
roster_import_review_step_set_plan (RosterImportReviewStep *self,
                                    RosterImportPlan       *plan)
{
  g_return_if_fail (ROSTER_IS_IMPORT_REVIEW_STEP (self));
  g_return_if_fail (plan == NULL || ROSTER_IS_IMPORT_PLAN (plan));

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_func (self->plan, fill_review, self);
  g_set_object (&self->plan, plan);
  if (plan != NULL)
    g_signal_connect_object (plan, "row-changed", G_CALLBACK (fill_review), self, G_CONNECT_SWAPPED);
  roster_import_fix_table_set_plan (self->fix_table, plan);
  g_cancellable_cancel (self->check_cancellable);
  set_check_state (self, FALSE, FALSE);
  fill_review (self);
}

static void
check_registered_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(RosterUiCall) call = user_data;
  g_autoptr(GError) error = NULL;
  RosterImportReviewStep *self;
  guint n_marked = 0;
  gboolean ok;

  ok = roster_import_plan_mark_registered_finish (ROSTER_IMPORT_PLAN (object), result, &n_marked, &error);
  self = roster_ui_call_get_owner (call);
  if (self == NULL)
    return;

  /* Rows marked as registered: the counts and the preview change. */
  set_check_state (self, FALSE, ok);

  if (!ok)
    {
      g_autofree char *message = NULL;
      g_autoptr(AdwToast) toast = NULL;

      /* Translators: %s is the server's or the network's own message */
      message = g_strdup_printf (_("Could not check who is registered: %s"), error->message);
      toast = adw_toast_new (message);
      roster_ui_add_toast (GTK_WIDGET (self), toast);
    }
}

/* Refreshes @store for webinar @webinar_id and marks the plan's rows of people it
 * has already, so they are not sent again. */
void
roster_import_review_step_check_registered (RosterImportReviewStep *self,
                                            RosterRegistrantStore  *store,
                                            RosterClient           *client,
                                            gint64                  webinar_id)
{
  g_return_if_fail (ROSTER_IS_IMPORT_REVIEW_STEP (self));
  g_return_if_fail (ROSTER_IS_REGISTRANT_STORE (store));
  g_return_if_fail (ROSTER_IS_CLIENT (client));

  if (self->plan == NULL || self->checking)
    return;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();
  set_check_state (self, TRUE, FALSE);
  roster_import_plan_mark_registered_async (self->plan, store, client, webinar_id, self->check_cancellable,
                                            check_registered_cb,
                                            roster_ui_call_new (self, self->check_cancellable));
}

/* Stops a check and forgets its marks (for another webinar, or file).  Returns whether the
 * plan's rows were marked: then it must be read again to lose them. */
gboolean
roster_import_review_step_forget_check (RosterImportReviewStep *self)
{
  gboolean checked;

  g_return_val_if_fail (ROSTER_IS_IMPORT_REVIEW_STEP (self), FALSE);

  checked = self->checked;
  g_cancellable_cancel (self->check_cancellable);
  set_check_state (self, FALSE, FALSE);
  return checked;
}

gboolean
roster_import_review_step_get_checking (RosterImportReviewStep *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REVIEW_STEP (self), FALSE);

  return self->checking;
}

gboolean
roster_import_review_step_get_checked (RosterImportReviewStep *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REVIEW_STEP (self), FALSE);

  return self->checked;
}

/* The row above the summary that says which earlier import goes on, and how. */
static void
show_resume_row (RosterImportReviewStep *self,
                 const char             *title,
                 const char             *subtitle)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->resume_row), title);
  adw_action_row_set_subtitle (self->resume_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->resume_group), TRUE);
}

/* Resuming an unfinished import of @file_name, or %NULL when it is not (or no longer) resumed. */
void
roster_import_review_step_show_resume (RosterImportReviewStep *self,
                                       const char             *file_name,
                                       guint                   n_registered)
{
  g_autofree char *text = NULL;
  g_autofree char *done = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (ROSTER_IS_IMPORT_REVIEW_STEP (self));

  if (file_name == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->resume_group), FALSE);
      return;
    }

  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Resuming the unfinished import of “%s”"), file_name);
  /* Translators: people registered before the import stopped */
  done = g_strdup_printf (ngettext ("%u person was registered before it stopped.",
                                    "%u people were registered before it stopped.", n_registered),
                          n_registered);
  /* Translators: the first %s is the sentence above */
  subtitle = g_strdup_printf (_("%s Rows already done are not sent again; rows whose outcome is not "
                                "known are looked up first."), done);
  show_resume_row (self, text, subtitle);
}

/* The history's "Retry": the same journal, but its failed rows are sent again. */
void
roster_import_review_step_show_retry (RosterImportReviewStep *self,
                                      const char             *file_name,
                                      guint                   n_failed)
{
  g_autofree char *text = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (ROSTER_IS_IMPORT_REVIEW_STEP (self));
  g_return_if_fail (file_name != NULL);

  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Retrying the import of “%s”"), file_name);
  /* Translators: rows of an earlier run that failed */
  failed = g_strdup_printf (ngettext ("%u row failed and is sent again.",
                                     "%u rows failed and are sent again.", n_failed),
                            n_failed);
  /* Translators: the first %s is the sentence above */
  subtitle = g_strdup_printf (_("%s People already registered are not sent again; rows whose outcome is "
                                "not known are looked up first."), failed);
  show_resume_row (self, text, subtitle);
}

gboolean
roster_import_review_step_get_consent (RosterImportReviewStep *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REVIEW_STEP (self), FALSE);

  return gtk_check_button_get_active (self->consent_check);
}

void
roster_import_review_step_set_consent (RosterImportReviewStep *self,
                                       gboolean                consent)
{
  g_return_if_fail (ROSTER_IS_IMPORT_REVIEW_STEP (self));

  gtk_check_button_set_active (self->consent_check, consent);
}

gboolean
roster_import_review_step_get_ready (RosterImportReviewStep *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REVIEW_STEP (self), FALSE);

  return self->ready;
}

/* The rows Start would send. */
guint
roster_import_review_step_get_n_to_send (RosterImportReviewStep *self)
{
  guint n;

  g_return_val_if_fail (ROSTER_IS_IMPORT_REVIEW_STEP (self), 0);

  if (self->plan == NULL)
    return 0;
  n = roster_import_plan_get_count (self->plan, ROSTER_IMPORT_ROW_READY);
  if (gtk_switch_get_active (self->warnings_switch))
    n -= MIN (n, self->n_warned);
  return n;
}

/* Tells @job which rows the user left out: the ready rows with warnings, while they are
 * skipped. */
void
roster_import_review_step_skip_rows (RosterImportReviewStep *self,
                                     RosterImportJob        *job)
{
  g_return_if_fail (ROSTER_IS_IMPORT_REVIEW_STEP (self));
  g_return_if_fail (ROSTER_IS_IMPORT_JOB (job));

  if (self->plan == NULL || !gtk_switch_get_active (self->warnings_switch))
    return;
  for (guint row = 0; row < roster_import_plan_get_n_rows (self->plan); row++)
    if (row_has_warnings (self->plan, row))
      roster_import_job_set_row_skipped (job, row, TRUE);
}

/* The webinar, schedule and session restated before Start Import */
RosterImportTargetSummary *
roster_import_review_step_get_target_summary (RosterImportReviewStep *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REVIEW_STEP (self), NULL);
  return self->target_summary;
}
