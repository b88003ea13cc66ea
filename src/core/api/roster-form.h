/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GHashTable *roster_form_new        (void);
void        roster_form_add_int    (GHashTable *form,
                                    const char *name,
                                    gint64      value);
void        roster_form_add_string (GHashTable *form,
                                    const char *name,
                                    const char *value);

G_END_DECLS
