/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "roster-import-memory.h"

G_BEGIN_DECLS

/* A remembered mapping to and from its JSON object (roster-import-remembered.c). */
RosterImportRemembered *_roster_import_remembered_new       (const char * const        *header,
                                                             const RosterImportMapping *mapping,
                                                             const RosterImportTarget  *target,
                                                             const char                *webinar_title,
                                                             GDateTime                 *saved);
RosterImportRemembered *_roster_import_remembered_from_json (JsonObject                *object);
void                    _roster_import_remembered_to_json   (const RosterImportRemembered *self,
                                                             JsonBuilder               *builder);

G_END_DECLS
