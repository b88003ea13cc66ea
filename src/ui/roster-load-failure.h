/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

void roster_load_failure_class_add_signals (GObjectClass *klass);
void roster_load_failure_report            (gpointer      view,
                                            const GError *error,
                                            gboolean      content_shown);

G_END_DECLS
