/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrants-sync-line"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-registrants-sync-line.h"

/* "Synced 2 minutes ago" above the registrants, kept current, with a menu to refresh or read
 * everything from the server again (the view's registrants.refresh and
 * registrants.full-resync; the toolbar has the refresh button). */

#define TICK_SECONDS 20

struct _RosterRegistrantsSyncLine
{
  GtkBox     parent_instance;

  gint64     last_sync;     /* 0: never */
  gboolean   syncing;
  char      *failure;
  guint      tick_source;

  GtkLabel  *label;
};

G_DEFINE_FINAL_TYPE (RosterRegistrantsSyncLine, roster_registrants_sync_line, GTK_TYPE_BOX)

GtkWidget *
roster_registrants_sync_line_new (void)
{
  return g_object_new (ROSTER_TYPE_REGISTRANTS_SYNC_LINE, NULL);
}

static char *
synced_text (gint64 last_sync)
{
  gint64 age = MAX (g_get_real_time () / G_USEC_PER_SEC - last_sync, 0);
  int n;

  if (age < 60)
    return g_strdup (_("Synced just now"));
  if (age < 3600)
    {
      n = (int) (age / 60);
      /* Translators: when the stored registrants were last brought up to date */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %d minute ago", "Synced %d minutes ago", n), n);
    }
  if (age < 86400)
    {
      n = (int) (age / 3600);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %d hour ago", "Synced %d hours ago", n), n);
    }
  n = (int) MIN (age / 86400, G_MAXINT);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %d day ago", "Synced %d days ago", n), n);
}

static void
update (RosterRegistrantsSyncLine *self)
{
  g_autofree char *text = NULL;

  if (self->syncing)
    text = g_strdup (_("Syncing with the server…"));
  else if (self->last_sync <= 0)
    text = g_strdup (_("Not synced yet"));
  else
    text = synced_text (self->last_sync);

  if (self->failure != NULL && !self->syncing)
    {
      g_autofree char *synced = g_steal_pointer (&text);

      /* Translators: the first %s is "Synced 2 minutes ago" or the like, the second why the
       * refresh failed */
      text = g_strdup_printf (_("%s · Refresh failed, showing the stored registrants: %s"),
                              synced, self->failure);
      gtk_widget_add_css_class (GTK_WIDGET (self->label), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), "error");
  gtk_label_set_text (self->label, text);
}

static gboolean
tick_cb (gpointer user_data)
{
  update (user_data);
  return G_SOURCE_CONTINUE;
}

static void
roster_registrants_sync_line_dispose (GObject *object)
{
  RosterRegistrantsSyncLine *self = ROSTER_REGISTRANTS_SYNC_LINE (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_pointer (&self->failure, g_free);

  G_OBJECT_CLASS (roster_registrants_sync_line_parent_class)->dispose (object);
}

/* The clock only ticks while the line is on screen. */
static void
roster_registrants_sync_line_map (GtkWidget *widget)
{
  RosterRegistrantsSyncLine *self = ROSTER_REGISTRANTS_SYNC_LINE (widget);

  GTK_WIDGET_CLASS (roster_registrants_sync_line_parent_class)->map (widget);
  update (self);
  if (self->tick_source == 0)
    self->tick_source = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
}

static void
roster_registrants_sync_line_unmap (GtkWidget *widget)
{
  RosterRegistrantsSyncLine *self = ROSTER_REGISTRANTS_SYNC_LINE (widget);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  GTK_WIDGET_CLASS (roster_registrants_sync_line_parent_class)->unmap (widget);
}

static void
roster_registrants_sync_line_class_init (RosterRegistrantsSyncLineClass *klass)
{
  GTK_WIDGET_CLASS (klass)->map = roster_registrants_sync_line_map;
  GTK_WIDGET_CLASS (klass)->unmap = roster_registrants_sync_line_unmap;
  G_OBJECT_CLASS (klass)->dispose = roster_registrants_sync_line_dispose;
}

static void
roster_registrants_sync_line_init (RosterRegistrantsSyncLine *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *more;

  gtk_box_set_spacing (GTK_BOX (self), 6);
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_wrap (self->label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "caption");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->label));

  /* The toolbar has the refresh button; the menu repeats it beside the full resync. */
  g_menu_append (menu, _("_Refresh"), "registrants.refresh");
  g_menu_append (menu, _("Read _Everything Again"), "registrants.full-resync");
  more = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (more, _("More Sync Options"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("More sync options"), -1);
  gtk_widget_add_css_class (more, "flat");
  gtk_box_append (GTK_BOX (self), more);
  update (self);
}

/* When the webinar's stored registrants were last brought up to date, 0 for never. */
void
roster_registrants_sync_line_set_last_sync (RosterRegistrantsSyncLine *self,
                                            gint64                     unix_time)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_SYNC_LINE (self));

  self->last_sync = unix_time;
  update (self);
}

void
roster_registrants_sync_line_set_syncing (RosterRegistrantsSyncLine *self,
                                          gboolean                   syncing)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_SYNC_LINE (self));

  self->syncing = syncing;
  if (syncing)
    g_clear_pointer (&self->failure, g_free);
  update (self);
}

/* Why the last refresh failed (the stored rows stay); NULL: it did not. */
void
roster_registrants_sync_line_set_failure (RosterRegistrantsSyncLine *self,
                                          const char                *message)
{
  g_return_if_fail (ROSTER_IS_REGISTRANTS_SYNC_LINE (self));

  g_free (self->failure);
  self->failure = g_strdup (message);
  update (self);
}

const char *
roster_registrants_sync_line_get_text (RosterRegistrantsSyncLine *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANTS_SYNC_LINE (self), NULL);
  return gtk_label_get_text (self->label);
}
