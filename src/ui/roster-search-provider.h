/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "roster-account-store.h"

G_BEGIN_DECLS

#define ROSTER_SEARCH_PROVIDER_MAX_PEOPLE 10

#define ROSTER_TYPE_SEARCH_PROVIDER (roster_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (RosterSearchProvider, roster_search_provider, ROSTER, SEARCH_PROVIDER, GObject)

/* What the provider asks of the application when the user picks a result or "more results". */
typedef void (*RosterSearchProviderOpen) (GApplication  *application,
                                          RosterAccount *account,
                                          const char    *text);

RosterSearchProvider *roster_search_provider_new        (GApplication             *application,
                                                         RosterAccountStore       *accounts,
                                                         RosterSearchProviderOpen  open);
gboolean              roster_search_provider_register   (RosterSearchProvider     *self,
                                                         GDBusConnection          *connection,
                                                         const char               *object_path,
                                                         GError                  **error);
void                  roster_search_provider_unregister (RosterSearchProvider     *self);

G_END_DECLS
