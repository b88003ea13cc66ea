/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-target-step"

#include "config.h"

#include "roster-import-target-step.h"

/* The "Webinar" step of the import dialog: the webinar, schedule, session and zone everyone is
 * registered for, with what the picker has to say about them.  Its picker's ::changed and
 * :valid are what the dialog's navigation follows. */

struct _RosterImportTargetStep
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *target_message_group;
  AdwActionRow        *target_message_row;
  RosterTargetPicker  *picker;
};

G_DEFINE_FINAL_TYPE (RosterImportTargetStep, roster_import_target_step, ADW_TYPE_BIN)

static void
picker_changed_cb (RosterImportTargetStep *self)
{
  const char *message = roster_target_picker_get_message (self->picker);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->target_message_row), message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->target_message_group), message != NULL);
}

static gboolean
roster_import_target_step_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (ROSTER_IMPORT_TARGET_STEP (widget)->picker));
}

static void
roster_import_target_step_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_IMPORT_TARGET_STEP);

  G_OBJECT_CLASS (roster_import_target_step_parent_class)->dispose (object);
}

static void
roster_import_target_step_class_init (RosterImportTargetStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_import_target_step_dispose;
  widget_class->grab_focus = roster_import_target_step_grab_focus;

  g_type_ensure (ROSTER_TYPE_TARGET_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-import-target-step.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportTargetStep, target_message_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportTargetStep, target_message_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportTargetStep, picker);
}

static void
roster_import_target_step_init (RosterImportTargetStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->picker, "changed",
                           G_CALLBACK (picker_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
roster_import_target_step_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORT_TARGET_STEP, NULL);
}

/* The picker, for its client, webinars, state and ::changed. */
RosterTargetPicker *
roster_import_target_step_get_picker (RosterImportTargetStep *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_TARGET_STEP (self), NULL);

  return self->picker;
}

/* The first webinar, when none is chosen yet. */
void
roster_import_target_step_choose_default (RosterImportTargetStep *self)
{
  GListModel *webinars;

  g_return_if_fail (ROSTER_IS_IMPORT_TARGET_STEP (self));

  webinars = roster_target_picker_get_webinars (self->picker);
  if (roster_target_picker_get_webinar (self->picker) == NULL &&
      webinars != NULL && g_list_model_get_n_items (webinars) > 0)
    {
      g_autoptr(RosterWebinar) first = g_list_model_get_item (webinars, 0);

      roster_target_picker_set_webinar (self->picker, first);
    }
}

/* What is chosen, or NULL while it is not complete. */
RosterImportTarget *
roster_import_target_step_dup_target (RosterImportTargetStep *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_TARGET_STEP (self), NULL);

  if (!roster_target_picker_get_valid (self->picker))
    return NULL;

  return roster_import_target_new (roster_webinar_get_id (roster_target_picker_get_webinar (self->picker)),
                                   roster_target_picker_get_schedule_id (self->picker),
                                   roster_target_picker_get_date (self->picker),
                                   roster_target_picker_get_timezone (self->picker));
}
