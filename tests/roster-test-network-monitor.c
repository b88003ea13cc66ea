/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-test-network-monitor"

#include "config.h"

#include "roster-test-network-monitor.h"

/* Online until the test says otherwise; "network-changed" follows each change. */

struct _RosterTestNetworkMonitor
{
  GObject  parent_instance;
  gboolean available;
};

static void roster_test_network_monitor_iface_init (GNetworkMonitorInterface *iface);
static void roster_test_network_monitor_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RosterTestNetworkMonitor, roster_test_network_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, roster_test_network_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, roster_test_network_monitor_iface_init))

enum { MONITOR_PROP_0, MONITOR_PROP_AVAILABLE, MONITOR_PROP_METERED, MONITOR_PROP_CONNECTIVITY };

static void
roster_test_network_monitor_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  RosterTestNetworkMonitor *self = ROSTER_TEST_NETWORK_MONITOR (object);

  switch (prop_id)
    {
    case MONITOR_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MONITOR_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case MONITOR_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
roster_test_network_monitor_init_sync (GInitable     *initable,
                                       GCancellable  *cancellable,
                                       GError       **error)
{
  return TRUE;
}

static void
roster_test_network_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = roster_test_network_monitor_init_sync;
}

static void
roster_test_network_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

static void
roster_test_network_monitor_class_init (RosterTestNetworkMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = roster_test_network_monitor_get_property;
  g_object_class_override_property (object_class, MONITOR_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MONITOR_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MONITOR_PROP_CONNECTIVITY, "connectivity");
}

static void
roster_test_network_monitor_init (RosterTestNetworkMonitor *self)
{
  self->available = TRUE;
}

void
roster_test_network_monitor_set_available (RosterTestNetworkMonitor *self,
                                           gboolean                  available)
{
  g_return_if_fail (ROSTER_IS_TEST_NETWORK_MONITOR (self));

  if (self->available == !!available)
    return;

  self->available = !!available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

RosterTestNetworkMonitor *
roster_test_network_monitor_new (void)
{
  return g_object_new (ROSTER_TYPE_TEST_NETWORK_MONITOR, NULL);
}
