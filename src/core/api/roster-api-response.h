/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean roster_api_response_parse (guint         http_status,
                                    const char   *content_type,
                                    GBytes       *body,
                                    const char   *payload_key,
                                    JsonNode    **payload,
                                    GError      **error);

G_END_DECLS
