/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-import-runner.h"

G_BEGIN_DECLS

typedef void (*RosterQuitFunc) (GtkApplication *application);

void roster_quit_question_present (GtkApplication     *application,
                                   RosterImportRunner *runner,
                                   RosterQuitFunc      quit);
void roster_quit_question_close_windows (void);

G_END_DECLS
