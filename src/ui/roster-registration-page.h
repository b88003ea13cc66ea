/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-registration.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_REGISTRATION_PAGE (roster_registration_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterRegistrationPage, roster_registration_page, ROSTER, REGISTRATION_PAGE, AdwBin)

GtkWidget *roster_registration_page_new   (void);
void       roster_registration_page_show  (RosterRegistrationPage *self,
                                           RosterRegistration     *registration,
                                           const char             *webinar_title);
void       roster_registration_page_clear (RosterRegistrationPage *self);

G_END_DECLS
