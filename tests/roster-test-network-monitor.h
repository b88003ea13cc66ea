/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A network monitor whose answer the test sets: the machine's own cannot be unplugged here. */
#define ROSTER_TYPE_TEST_NETWORK_MONITOR (roster_test_network_monitor_get_type ())
G_DECLARE_FINAL_TYPE (RosterTestNetworkMonitor, roster_test_network_monitor, ROSTER, TEST_NETWORK_MONITOR, GObject)

RosterTestNetworkMonitor *roster_test_network_monitor_new           (void);
void                      roster_test_network_monitor_set_available (RosterTestNetworkMonitor *self,
                                                                     gboolean                  available);

G_END_DECLS
