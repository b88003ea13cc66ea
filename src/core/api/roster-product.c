/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-product"

#include "config.h"

#include "roster-product.h"

const char *
roster_product_get_default_endpoint (RosterProduct product)
{
  switch (product)
    {
    case ROSTER_PRODUCT_WEBINARJAM:
      return "https://api.webinarjam.com/webinarjam";
    case ROSTER_PRODUCT_EVERWEBINAR:
    default:
      return "https://api.webinarjam.com/everwebinar";
    }
}

/* The name used on the command line, in settings and in the endpoint path. */
const char *
roster_product_to_string (RosterProduct product)
{
  return product == ROSTER_PRODUCT_WEBINARJAM ? "webinarjam" : "everwebinar";
}

gboolean
roster_product_from_string (const char    *text,
                            RosterProduct *product)
{
  g_return_val_if_fail (product != NULL, FALSE);

  if (g_ascii_strcasecmp (text ? text : "", "everwebinar") == 0)
    *product = ROSTER_PRODUCT_EVERWEBINAR;
  else if (g_ascii_strcasecmp (text ? text : "", "webinarjam") == 0)
    *product = ROSTER_PRODUCT_WEBINARJAM;
  else
    return FALSE;

  return TRUE;
}
