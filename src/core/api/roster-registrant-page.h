/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_REGISTRANT_PAGE (roster_registrant_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterRegistrantPage, roster_registrant_page, ROSTER, REGISTRANT_PAGE, GObject)

RosterRegistrantPage *roster_registrant_page_new_from_json      (JsonNode             *node,
                                                                 GError              **error);
gint64                roster_registrant_page_get_current_page   (RosterRegistrantPage *self);
gint64                roster_registrant_page_get_last_page      (RosterRegistrantPage *self);
gint64                roster_registrant_page_get_per_page       (RosterRegistrantPage *self);
gint64                roster_registrant_page_get_total          (RosterRegistrantPage *self);
const char           *roster_registrant_page_get_next_page_url  (RosterRegistrantPage *self);
GListModel           *roster_registrant_page_get_items          (RosterRegistrantPage *self);
gboolean              roster_registrant_page_has_more           (RosterRegistrantPage *self);

G_END_DECLS
