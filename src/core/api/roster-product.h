/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "roster-core-enums.h"

G_BEGIN_DECLS

/* The vendor's two products share one key, one envelope and the same five methods. */
typedef enum
{
  ROSTER_PRODUCT_EVERWEBINAR,
  ROSTER_PRODUCT_WEBINARJAM,
} RosterProduct;

const char *roster_product_get_default_endpoint (RosterProduct  product);
const char *roster_product_to_string            (RosterProduct  product);
gboolean    roster_product_from_string          (const char    *text,
                                                 RosterProduct *product);

G_END_DECLS
