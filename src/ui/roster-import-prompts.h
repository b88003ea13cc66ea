/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Called with the parent window when the user agreed. */
typedef void (*RosterImportPromptFunc) (GtkWindow *parent);

void roster_import_prompt_recover        (GtkWindow              *parent,
                                          const char             *message,
                                          RosterImportPromptFunc  recover);
void roster_import_prompt_resend_unknown (GtkWindow              *parent,
                                          guint                   n_unknown,
                                          RosterImportPromptFunc  send);
void roster_import_prompt_stop           (GtkWindow              *parent,
                                          RosterImportPromptFunc  stop);
void roster_import_show_file_changed     (GtkWidget              *widget);

G_END_DECLS
