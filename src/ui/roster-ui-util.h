/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void       roster_ui_add_toast       (GtkWidget  *widget,
                                      AdwToast   *toast);
gboolean   roster_ui_contains_folded (const char *haystack,
                                      const char *folded_needle);
GtkWidget *roster_ui_row_button_new  (const char *icon_name,
                                      const char *label);
void       roster_ui_scroll_to_top   (GtkScrolledWindow *scroller);
GtkFileChooserNative *roster_ui_csv_save_chooser_new (GtkWidget  *widget,
                                                      const char *title,
                                                      const char *name);

G_END_DECLS
