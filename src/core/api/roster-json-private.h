/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "roster-registrant.h"

G_BEGIN_DECLS

/* Deeper than anything the API sends; json-glib recurses once per level and has no limit. */
#define ROSTER_JSON_MAX_DEPTH 64

typedef enum
{
  ROSTER_JSON_OPTIONAL       = 0,
  ROSTER_JSON_REQUIRED       = 1 << 0, /* absent or null is a protocol error */
  ROSTER_JSON_EMPTY_IS_NULL  = 1 << 1, /* "" reads as NULL */
  ROSTER_JSON_NUMBER_AS_TEXT = 1 << 2, /* a number is taken as its decimal text */
} RosterJsonFlags;

gboolean  roster_json_parse            (const char       *data,
                                        gsize             length,
                                        JsonNode        **root,
                                        GError          **error);

void      roster_json_set_type_error   (GError          **error,
                                        const char       *member);
void      roster_json_set_missing_error (GError         **error,
                                        const char       *member);

JsonObject *roster_json_node_get_object (JsonNode        *node,
                                        const char       *what,
                                        GError          **error);

gboolean  roster_json_node_to_int64    (JsonNode         *node,
                                        gint64           *value);

gboolean  roster_json_get_int64        (JsonObject       *object,
                                        const char       *member,
                                        RosterJsonFlags   flags,
                                        gint64           *value,
                                        GError          **error);
gboolean  roster_json_get_id           (JsonObject       *object,
                                        const char       *member,
                                        RosterJsonFlags   flags,
                                        gint64           *value,
                                        GError          **error);
gboolean  roster_json_get_double       (JsonObject       *object,
                                        const char       *member,
                                        RosterJsonFlags   flags,
                                        double           *value,
                                        GError          **error);
gboolean  roster_json_get_string       (JsonObject       *object,
                                        const char       *member,
                                        RosterJsonFlags   flags,
                                        char            **value,
                                        GError          **error);
gboolean  roster_json_get_flag         (JsonObject       *object,
                                        const char       *member,
                                        RosterFlag       *value,
                                        GError          **error);
gboolean  roster_json_get_date         (JsonObject       *object,
                                        const char       *member,
                                        char            **raw,
                                        gint64           *unix_time,
                                        GError          **error);
gboolean  roster_json_get_duration     (JsonObject       *object,
                                        const char       *member,
                                        char            **raw,
                                        gint64           *seconds,
                                        GError          **error);

gint64    roster_json_parse_date       (const char       *text);
gint64    roster_json_parse_duration   (const char       *text);
gboolean  roster_json_parse_flag       (const char       *text,
                                        RosterFlag       *value);
char     *roster_json_node_to_text     (JsonNode         *node);

G_END_DECLS
