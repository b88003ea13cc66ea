/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _RosterUiCall RosterUiCall;

RosterUiCall *roster_ui_call_new       (gpointer      owner,
                                        GCancellable *cancellable);
gpointer      roster_ui_call_get_owner (RosterUiCall *call);
void          roster_ui_call_free      (RosterUiCall *call);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterUiCall, roster_ui_call_free)

G_END_DECLS
