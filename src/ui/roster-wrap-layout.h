/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_WRAP_LAYOUT (roster_wrap_layout_get_type ())

G_DECLARE_FINAL_TYPE (RosterWrapLayout, roster_wrap_layout, ROSTER, WRAP_LAYOUT, GtkLayoutManager)

GtkLayoutManager *roster_wrap_layout_new         (void);
int               roster_wrap_layout_get_spacing (RosterWrapLayout *self);
void              roster_wrap_layout_set_spacing (RosterWrapLayout *self,
                                                  int               spacing);

G_END_DECLS
