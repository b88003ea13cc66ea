/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-fake-service.h"
#include "roster-register-dialog.h"

G_BEGIN_DECLS

/* The register dialog's tests: a dialog over the fake service, and the ways a user reaches
 * into it. */

typedef struct
{
  RosterFakeService    *service;
  RosterRateLimiter    *limiter;
  RosterClient         *client;
  GSettings            *settings;
  GListStore           *webinars;
  GtkWindow            *parent;
  RosterRegisterDialog *dialog;
  GPtrArray            *registered;   /* RosterRegistration, one per "registered" */
} Fixture;

typedef gboolean (*Condition) (Fixture *fixture);

void           wait_until           (Fixture            *fixture,
                                     Condition           condition,
                                     guint               timeout_ms);
void           pause_for_screenshot (const char         *name);
void           fixture_set_up       (Fixture            *fixture,
                                     gconstpointer       data);
void           fixture_tear_down    (Fixture            *fixture,
                                     gconstpointer       data);
RosterWebinar *find_webinar         (Fixture            *fixture,
                                     const char         *title);
gboolean       detail_loaded        (Fixture            *fixture);
gboolean       not_busy             (Fixture            *fixture);
void           open_dialog          (Fixture            *fixture,
                                     const char         *title);
GtkWidget     *find                 (Fixture            *fixture,
                                     GType               type,
                                     const char         *property,
                                     const char         *value);
GtkWidget     *entry_row            (Fixture            *fixture,
                                     const char         *title);
AdwComboRow   *combo_row            (Fixture            *fixture,
                                     const char         *title);
void           set_field            (Fixture            *fixture,
                                     const char         *title,
                                     const char         *text);
const char    *get_field            (Fixture            *fixture,
                                     const char         *title);
gboolean       register_enabled     (Fixture            *fixture);
gboolean       label_shown          (Fixture            *fixture,
                                     const char         *text);
gboolean       message_shown        (Fixture            *fixture,
                                     const char         *text);
void           try_to_register      (Fixture            *fixture);
void           select_schedule      (Fixture            *fixture,
                                     RosterScheduleKind  kind);
void           select_zone          (Fixture            *fixture,
                                     const char         *zone);
void           fill_person          (Fixture            *fixture,
                                     const char         *first,
                                     const char         *last,
                                     const char         *email);

G_END_DECLS
