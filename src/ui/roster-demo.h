/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "roster-account.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_DEMO (roster_demo_get_type ())

G_DECLARE_FINAL_TYPE (RosterDemo, roster_demo, ROSTER, DEMO, GObject)

RosterDemo    *roster_demo_new         (void);
RosterAccount *roster_demo_get_account (RosterDemo  *self,
                                        GError     **error);

G_END_DECLS
