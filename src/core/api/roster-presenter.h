/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_PRESENTER (roster_presenter_get_type ())

G_DECLARE_FINAL_TYPE (RosterPresenter, roster_presenter, ROSTER, PRESENTER, GObject)

RosterPresenter *roster_presenter_new_from_json (JsonNode         *node,
                                                 GError          **error);
const char      *roster_presenter_get_name      (RosterPresenter  *self);
const char      *roster_presenter_get_email     (RosterPresenter  *self);
const char      *roster_presenter_get_picture   (RosterPresenter  *self);

G_END_DECLS
