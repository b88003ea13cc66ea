/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void roster_a11y_label_row (GtkWidget  *child,
                            const char *label,
                            const char *description);

G_END_DECLS
