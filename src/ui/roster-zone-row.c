/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-zone-row"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-zone-row.h"

/* A combo row that chooses the zone EverWebinar gives a webinar's dates in: the server's
 * default, or one of the GMT offsets the API takes.  The webinar overview shows the dates in it
 * and the target picker sends a registration with it; both choose it here, and the overview's
 * choice is remembered per webinar in GSettings `webinar-timezones`. */

struct _RosterZoneRow
{
  AdwComboRow  parent_instance;

  const char  *zone;  /* one of zones[], or NULL: the server's default */
};

G_DEFINE_FINAL_TYPE (RosterZoneRow, roster_zone_row, ADW_TYPE_COMBO_ROW)

enum {
  PROP_0,
  PROP_ZONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The offsets the API takes ("GMT-5", "GMT+4:30"); every zone in use today. */
static const char * const zones[] = {
  "GMT-12", "GMT-11", "GMT-10", "GMT-9:30", "GMT-9", "GMT-8", "GMT-7", "GMT-6", "GMT-5",
  "GMT-4", "GMT-3:30", "GMT-3", "GMT-2", "GMT-1", "GMT+0", "GMT+1", "GMT+2", "GMT+3",
  "GMT+3:30", "GMT+4", "GMT+4:30", "GMT+5", "GMT+5:30", "GMT+5:45", "GMT+6", "GMT+6:30",
  "GMT+7", "GMT+8", "GMT+8:45", "GMT+9", "GMT+9:30", "GMT+10", "GMT+10:30", "GMT+11",
  "GMT+12", "GMT+12:45", "GMT+13", "GMT+14", NULL
};

/* The entry of zones[] that is @zone, or NULL. */
static const char *
find_zone (const char *zone)
{
  for (guint i = 0; zone != NULL && zones[i] != NULL; i++)
    if (g_str_equal (zones[i], zone))
      return zones[i];
  return NULL;
}

/* Position 0 is the server's default, then zones[] in order. */
static void
selected_cb (RosterZoneRow *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self));
  const char *zone = NULL;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected < G_N_ELEMENTS (zones))
    zone = zones[selected - 1];
  if (zone == self->zone)
    return;

  self->zone = zone;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZONE]);
}

static void
roster_zone_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RosterZoneRow *self = ROSTER_ZONE_ROW (object);

  switch (prop_id)
    {
    case PROP_ZONE:
      g_value_set_string (value, self->zone);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_zone_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RosterZoneRow *self = ROSTER_ZONE_ROW (object);

  switch (prop_id)
    {
    case PROP_ZONE:
      roster_zone_row_set_zone (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_zone_row_class_init (RosterZoneRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = roster_zone_row_get_property;
  object_class->set_property = roster_zone_row_set_property;

  /**
   * RosterZoneRow:zone: (nullable)
   *
   * The chosen zone, one of roster_zone_row_get_zones(), or NULL for the server's default.
   */
  properties[PROP_ZONE] =
    g_param_spec_string ("zone", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_zone_row_init (RosterZoneRow *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  /* Translators: the time zone choice that sends none, so the server picks */
  gtk_string_list_append (model, _("Server Default"));
  for (guint i = 0; zones[i] != NULL; i++)
    gtk_string_list_append (model, zones[i]);
  adw_combo_row_set_model (ADW_COMBO_ROW (self), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self), 0);

  g_signal_connect (self, "notify::selected", G_CALLBACK (selected_cb), NULL);
}

GtkWidget *
roster_zone_row_new (void)
{
  return g_object_new (ROSTER_TYPE_ZONE_ROW, NULL);
}

/* "GMT+2" and so on, or NULL for the server's default. */
const char *
roster_zone_row_get_zone (RosterZoneRow *self)
{
  g_return_val_if_fail (ROSTER_IS_ZONE_ROW (self), NULL);

  return self->zone;
}

/* Chooses @zone, one of roster_zone_row_get_zones(); NULL or any other is the server's
 * default. */
void
roster_zone_row_set_zone (RosterZoneRow *self,
                          const char    *zone)
{
  const char *found;
  guint position = 0;

  g_return_if_fail (ROSTER_IS_ZONE_ROW (self));

  found = find_zone (zone);
  for (guint i = 0; found != NULL && zones[i] != NULL; i++)
    if (zones[i] == found)
      position = i + 1;

  /* selected_cb follows and notifies. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (self), position);
}

/* "GMT-12" … "GMT+14", the choices after the server's default. */
const char * const *
roster_zone_row_get_zones (void)
{
  return zones;
}

/* The zone the main window shows this webinar in, if any; a zone this version does not offer
 * (edited by hand) counts as none. */
char *
roster_zone_row_dup_saved_zone (GSettings *settings,
                                gint64     webinar_id)
{
  g_autoptr(GVariant) saved = NULL;
  GVariantIter iter;
  const char *zone;
  gint64 id;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  saved = g_settings_get_value (settings, "webinar-timezones");
  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{x&s}", &id, &zone))
    if (id == webinar_id && find_zone (zone) != NULL)
      return g_strdup (zone);
  return NULL;
}

/* Remembers @zone (NULL: none) as the one the main window shows this webinar in. */
void
roster_zone_row_save_zone (GSettings  *settings,
                           gint64      webinar_id,
                           const char *zone)
{
  g_autoptr(GVariant) old = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *value;
  gint64 id;

  g_return_if_fail (G_IS_SETTINGS (settings));

  old = g_settings_get_value (settings, "webinar-timezones");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{xs}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{x&s}", &id, &value))
    if (id != webinar_id)
      g_variant_builder_add (&builder, "{xs}", id, value);
  if (zone != NULL)
    g_variant_builder_add (&builder, "{xs}", webinar_id, zone);

  g_settings_set_value (settings, "webinar-timezones", g_variant_builder_end (&builder));
}
