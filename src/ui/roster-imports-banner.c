/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-imports-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-imports-banner.h"
#include "roster-registrant-format.h"

/* A strip at the foot of the main window with one line per import that runs on without its
 * dialog: what it does, how far it is, and Show, which opens its progress and results.  A
 * window opened while imports run (the application activated again) shows them at once.
 * Libadwaita 1.2 has no banner widget of its own (1.3 added one), hence a revealer. */

struct _RosterImportsBanner
{
  AdwBin              parent_instance;

  RosterImportRunner *runner;

  /* Template widgets */
  GtkRevealer        *revealer;
  GtkLabel           *refused_label;
  GtkListBox         *list_box;
};

G_DEFINE_FINAL_TYPE (RosterImportsBanner, roster_imports_banner, ADW_TYPE_BIN)

static void
update_reveal (RosterImportsBanner *self)
{
  gboolean refused = self->runner != NULL && roster_import_runner_get_background_refused (self->runner);
  guint n_active = self->runner != NULL ? roster_import_runner_get_n_active (self->runner) : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->refused_label), refused && n_active > 0);
  gtk_revealer_set_reveal_child (self->revealer, n_active > 0);
}

/* ---- One import's line ------------------------------------------------------------------------ */

static void
update_row (GtkWidget *row)
{
  RosterImportJob *job = g_object_get_data (G_OBJECT (row), "roster-job");
  RosterImportRunner *runner = g_object_get_data (G_OBJECT (row), "roster-runner");
  GtkLabel *title = g_object_get_data (G_OBJECT (row), "roster-title");
  GtkLabel *subtitle = g_object_get_data (G_OBJECT (row), "roster-subtitle");
  GtkProgressBar *bar = g_object_get_data (G_OBJECT (row), "roster-progress");
  guint total = roster_import_job_get_n_total (job);
  guint done = total - MIN (total, roster_import_job_get_n_remaining (job));
  g_autofree char *summary = roster_import_runner_dup_summary (runner, job);
  g_autofree char *done_text = roster_registrant_format_count (done);
  g_autofree char *total_text = roster_registrant_format_count (total);
  g_autofree char *text = NULL;

  if (roster_import_job_get_offline (job))
    text = g_strdup (_("Waiting for the network"));
  else if (roster_import_job_get_state (job) == ROSTER_IMPORT_JOB_PAUSED)
    /* Translators: "Paused at 1,200 of 2,000" */
    text = g_strdup_printf (_("Paused at %s of %s"), done_text, total_text);
  else
    /* Translators: "1,200 of 2,000 done" */
    text = g_strdup_printf (_("%s of %s done"), done_text, total_text);

  gtk_label_set_text (title, summary);
  gtk_label_set_text (subtitle, text);
  gtk_progress_bar_set_fraction (bar, total > 0 ? (double) done / total : 0.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
}

static void
show_clicked_cb (GtkButton *button,
                 GtkWidget *row)
{
  RosterImportRunner *runner = g_object_get_data (G_OBJECT (row), "roster-runner");
  RosterImportJob *job = g_object_get_data (G_OBJECT (row), "roster-job");

  roster_import_runner_show (runner, job, GTK_WINDOW (gtk_widget_get_root (row)));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RosterImportsBanner *self = user_data;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Show"));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set (box, "margin-top", 6, "margin-bottom", 6, "margin-start", 12, "margin-end", 12, NULL);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 120, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Import progress"), -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Show the import’s progress and results"));

  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "roster-job", g_object_ref (item), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "roster-runner", g_object_ref (self->runner), g_object_unref);
  g_object_set_data (G_OBJECT (row), "roster-title", title);
  g_object_set_data (G_OBJECT (row), "roster-subtitle", subtitle);
  g_object_set_data (G_OBJECT (row), "roster-progress", bar);
  g_signal_connect (button, "clicked", G_CALLBACK (show_clicked_cb), row);
  g_signal_connect_object (item, "notify", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  update_row (row);

  return row;
}

/* ---- Object ----------------------------------------------------------------------------------- */

static void
find_runner (RosterImportsBanner *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->runner == NULL && GTK_IS_WINDOW (root))
    roster_imports_banner_set_runner (self, roster_import_runner_for_window (GTK_WINDOW (root)));
}

/* The runner is the application's: found once the banner is in a window that has one (a
 * window built from a template gets its application after its children). */
static void
roster_imports_banner_root (GtkWidget *widget)
{
  RosterImportsBanner *self = ROSTER_IMPORTS_BANNER (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (roster_imports_banner_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "notify::application", G_CALLBACK (find_runner), self, G_CONNECT_SWAPPED);
  find_runner (self);
}

static void
roster_imports_banner_dispose (GObject *object)
{
  RosterImportsBanner *self = ROSTER_IMPORTS_BANNER (object);

  if (self->runner != NULL)
    g_signal_handlers_disconnect_by_data (self->runner, self);
  /* No gtk_widget_dispose_template(): the revealer is the bin's own child, which AdwBin lets
   * go of itself. */
  g_clear_object (&self->runner);

  G_OBJECT_CLASS (roster_imports_banner_parent_class)->dispose (object);
}

static void
roster_imports_banner_class_init (RosterImportsBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_imports_banner_dispose;
  widget_class->root = roster_imports_banner_root;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-imports-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportsBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterImportsBanner, refused_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportsBanner, list_box);
}

static void
roster_imports_banner_init (RosterImportsBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
roster_imports_banner_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORTS_BANNER, NULL);
}

RosterImportRunner *
roster_imports_banner_get_runner (RosterImportsBanner *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORTS_BANNER (self), NULL);

  return self->runner;
}

void
roster_imports_banner_set_runner (RosterImportsBanner *self,
                                  RosterImportRunner  *runner)
{
  g_return_if_fail (ROSTER_IS_IMPORTS_BANNER (self));
  g_return_if_fail (runner == NULL || ROSTER_IS_IMPORT_RUNNER (runner));

  if (self->runner == runner)
    return;

  if (self->runner != NULL)
    g_signal_handlers_disconnect_by_data (self->runner, self);
  g_set_object (&self->runner, runner);

  if (runner != NULL)
    {
      g_signal_connect_object (runner, "notify::n-active", G_CALLBACK (update_reveal), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (runner, "notify::background-refused", G_CALLBACK (update_reveal), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_list_box_bind_model (self->list_box, runner != NULL ? roster_import_runner_get_active (runner) : NULL,
                           create_row, self, NULL);
  update_reveal (self);
}
