/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The web pages personal links point at. */

#define G_LOG_DOMAIN "roster-fake"

#include "config.h"

#include <string.h>

#include "roster-fake-service-private.h"

/* Personal links and pictures point at the fake service itself, so demo mode opens something. */
void
fake_handle_page (RosterFakeService *self,
                  SoupServerMessage *msg,
                  const char        *path)
{
  static const struct { const char *prefix; const char *title; } pages[] = {
    { "/live/", "Live room" }, { "/replay/", "Replay room" }, { "/thank-you/", "Thank you" },
    { "/unsubscribe/", "Unsubscribed" }, { "/register/", "Registration page" },
    { "/checkout/", "Checkout" },
  };
  const char *method = soup_server_message_get_method (msg);

  if (g_strcmp0 (method, SOUP_METHOD_GET) != 0 && g_strcmp0 (method, SOUP_METHOD_HEAD) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  if (g_str_has_prefix (path, "/media/presenters/"))
    {
      static const char * const colors[] = { "#3584e4", "#2ec27e", "#e66100", "#9141ac", "#c64600" };
      guint n = (guint) g_ascii_strtoull (path + strlen ("/media/presenters/"), NULL, 10);
      char *svg = g_strdup_printf ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"128\" height=\"128\">"
                                   "<circle cx=\"64\" cy=\"64\" r=\"64\" fill=\"%s\"/>"
                                   "<circle cx=\"64\" cy=\"50\" r=\"24\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>"
                                   "<ellipse cx=\"64\" cy=\"112\" rx=\"40\" ry=\"32\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>"
                                   "</svg>", colors[n % G_N_ELEMENTS (colors)]);

      fake_respond_now (msg, SOUP_STATUS_OK, "image/svg+xml", svg);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_str_has_prefix (path, pages[i].prefix))
      {
        char *html = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head>"
                                      "<body><h1>%s</h1><p>This page belongs to Roster's demo service; "
                                      "a real webinar would show it here.</p></body></html>\n",
                                      pages[i].title, pages[i].title);

        fake_respond_now (msg, SOUP_STATUS_OK, "text/html; charset=UTF-8", html);
        return;
      }

  fake_respond_not_found (msg);
}

void
fake_respond_not_found (SoupServerMessage *msg)
{
  fake_respond_now (msg, SOUP_STATUS_NOT_FOUND, "application/json", fake_message_body ("Not found"));
}
