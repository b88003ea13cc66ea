/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void roster_top_pin_hold    (GtkScrolledWindow *scroller);
void roster_top_pin_release (GtkScrolledWindow *scroller);

G_END_DECLS
