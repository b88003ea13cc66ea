/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-presenter.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_PRESENTER_ROW (roster_presenter_row_get_type ())

G_DECLARE_FINAL_TYPE (RosterPresenterRow, roster_presenter_row, ROSTER, PRESENTER_ROW, AdwActionRow)

GtkWidget *roster_presenter_row_new (RosterPresenter *presenter);

G_END_DECLS
