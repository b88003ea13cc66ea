/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "roster-registrant.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_REGISTRANT_DETAILS (roster_registrant_details_get_type ())

G_DECLARE_FINAL_TYPE (RosterRegistrantDetails, roster_registrant_details, ROSTER, REGISTRANT_DETAILS, GtkBox)

GtkWidget        *roster_registrant_details_new            (void);
RosterRegistrant *roster_registrant_details_get_registrant (RosterRegistrantDetails *self);
void              roster_registrant_details_set_registrant (RosterRegistrantDetails *self,
                                                            RosterRegistrant        *registrant);
gint64            roster_registrant_details_key            (RosterRegistrant        *registrant);

G_END_DECLS
