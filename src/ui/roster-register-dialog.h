/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-client.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_REGISTER_DIALOG (roster_register_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RosterRegisterDialog, roster_register_dialog, ROSTER, REGISTER_DIALOG, AdwWindow)

RosterRegisterDialog *roster_register_dialog_new         (GtkWindow            *parent,
                                                          RosterClient         *client,
                                                          GListModel           *webinars,
                                                          RosterWebinar        *selected);
RosterClient         *roster_register_dialog_get_client  (RosterRegisterDialog *self);
GListModel           *roster_register_dialog_get_webinars (RosterRegisterDialog *self);
RosterWebinar        *roster_register_dialog_get_webinar (RosterRegisterDialog *self);
void                  roster_register_dialog_set_webinar (RosterRegisterDialog *self,
                                                          RosterWebinar        *webinar);
RosterWebinar        *roster_register_dialog_get_detail  (RosterRegisterDialog *self);
gboolean              roster_register_dialog_get_loading (RosterRegisterDialog *self);
gboolean              roster_register_dialog_get_busy    (RosterRegisterDialog *self);

G_END_DECLS
