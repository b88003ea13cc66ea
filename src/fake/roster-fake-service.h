/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-fake-enums.h"

G_BEGIN_DECLS

/* The fixed key of the fake service: demo mode, tests and benchmarks use it. */
#define ROSTER_FAKE_DEMO_KEY "roster-demo-key"

typedef enum
{
  ROSTER_FAKE_FAULT_NONE,
  ROSTER_FAKE_FAULT_HTTP_500_HTML,           /* 500 with an HTML body, nothing processed */
  ROSTER_FAKE_FAULT_CLOSE_BEFORE_PROCESSING, /* connection closed, nothing processed */
  ROSTER_FAKE_FAULT_CLOSE_AFTER_PROCESSING,  /* processed (a register lands), then closed unanswered */
  ROSTER_FAKE_FAULT_TIMEOUT,                 /* nothing processed, response held 60 s or until stop */
  ROSTER_FAKE_FAULT_MALFORMED_JSON,          /* processed, then 200 with truncated JSON */
  ROSTER_FAKE_FAULT_RATE_LIMIT_STORM,        /* 429 whatever the window says */
} RosterFakeFault;


/* How `registrants` pages, for clients that must not follow a server forever. */
typedef enum
{
  ROSTER_FAKE_PAGING_NORMAL,
  ROSTER_FAKE_PAGING_ENDLESS, /* every page has data and a next_page_url; last_page grows forever */
  ROSTER_FAKE_PAGING_STUCK,   /* always answers current_page 1 with a next_page_url */
} RosterFakePaging;

/* In which order `registrants` lists the people: the API does not say. */
typedef enum
{
  ROSTER_FAKE_ORDER_OLDEST_FIRST, /* by sign-up, the default */
  ROSTER_FAKE_ORDER_NEWEST_FIRST,
  ROSTER_FAKE_ORDER_SCRAMBLED,    /* no order a client could rely on, the same for every call */
} RosterFakeOrder;


#define ROSTER_TYPE_FAKE_SERVICE (roster_fake_service_get_type ())

G_DECLARE_FINAL_TYPE (RosterFakeService, roster_fake_service, ROSTER, FAKE_SERVICE, GObject)

RosterFakeService *roster_fake_service_new                     (guint32             seed);
gboolean           roster_fake_service_start                   (RosterFakeService  *self,
                                                                GError            **error);
gboolean           roster_fake_service_start_on_port           (RosterFakeService  *self,
                                                                guint               port,
                                                                GError            **error);
gboolean           roster_fake_service_start_in_thread         (RosterFakeService  *self,
                                                                GError            **error);
void               roster_fake_service_stop                    (RosterFakeService  *self);
gboolean           roster_fake_service_is_running              (RosterFakeService  *self);
guint32            roster_fake_service_get_seed                (RosterFakeService  *self);
const char        *roster_fake_service_get_base_url            (RosterFakeService  *self);
char              *roster_fake_service_dup_endpoint            (RosterFakeService  *self,
                                                                gboolean            webinarjam);
guint              roster_fake_service_get_port                (RosterFakeService  *self);
const char        *roster_fake_service_get_api_key             (RosterFakeService  *self);
void               roster_fake_service_add_api_key             (RosterFakeService  *self,
                                                                const char         *api_key);
void               roster_fake_service_remove_api_key          (RosterFakeService  *self,
                                                                const char         *api_key);

/* Knobs (thread-safe) */
void               roster_fake_service_set_latency             (RosterFakeService  *self,
                                                                guint               mean_ms,
                                                                guint               jitter_ms);
void               roster_fake_service_set_network_jitter      (RosterFakeService  *self,
                                                                guint               max_ms);
void               roster_fake_service_set_page_size           (RosterFakeService  *self,
                                                                guint               page_size);
void               roster_fake_service_set_rate_limit          (RosterFakeService  *self,
                                                                guint               calls_per_second);
void               roster_fake_service_set_now                 (RosterFakeService  *self,
                                                                gint64              unix_time);
void               roster_fake_service_inject_fault            (RosterFakeService  *self,
                                                                RosterFakeFault     fault,
                                                                guint               count);
void               roster_fake_service_inject_fault_for_method (RosterFakeService  *self,
                                                                RosterFakeFault     fault,
                                                                const char         *method,
                                                                guint               count);
void               roster_fake_service_clear_faults            (RosterFakeService  *self);
void               roster_fake_service_set_redirect            (RosterFakeService  *self,
                                                                const char         *method,
                                                                guint               status,
                                                                const char         *location);
void               roster_fake_service_set_search_lag          (RosterFakeService  *self,
                                                                guint               lag_ms);
void               roster_fake_service_set_paging              (RosterFakeService  *self,
                                                                RosterFakePaging    paging);
void               roster_fake_service_set_order               (RosterFakeService  *self,
                                                                RosterFakeOrder     order);
void               roster_fake_service_set_slow_body           (RosterFakeService  *self,
                                                                guint               bytes_per_second);
void               roster_fake_service_set_huge_body           (RosterFakeService  *self,
                                                                guint64             bytes);
gboolean           roster_fake_service_set_registrant_count    (RosterFakeService  *self,
                                                                gint64              webinar_id,
                                                                guint               n_registrants);
gboolean           roster_fake_service_remove_registrant       (RosterFakeService  *self,
                                                                gint64              webinar_id,
                                                                gint64              lead_id);
gboolean           roster_fake_service_set_attended            (RosterFakeService  *self,
                                                                gint64              webinar_id,
                                                                gint64              lead_id,
                                                                gboolean            live);
void               roster_fake_service_set_strict              (RosterFakeService  *self,
                                                                gboolean            strict);

/* Data */
gint64            *roster_fake_service_dup_webinar_ids         (RosterFakeService  *self,
                                                                gboolean            webinarjam,
                                                                guint              *n_ids);
gint64             roster_fake_service_get_main_webinar_id     (RosterFakeService  *self);
guint              roster_fake_service_get_registrant_count    (RosterFakeService  *self,
                                                                gint64              webinar_id);

/* Counters (thread-safe) */
guint              roster_fake_service_get_n_calls             (RosterFakeService  *self,
                                                                const char         *method);
guint              roster_fake_service_get_n_accepted          (RosterFakeService  *self);
guint              roster_fake_service_get_n_rate_limited      (RosterFakeService  *self);
guint              roster_fake_service_get_n_handled           (RosterFakeService  *self);
guint              roster_fake_service_get_n_registrations     (RosterFakeService  *self,
                                                                gint64              webinar_id,
                                                                const char         *email);
guint              roster_fake_service_get_n_registrations_total (RosterFakeService *self);
guint              roster_fake_service_get_n_unsubscribes      (RosterFakeService  *self,
                                                                gint64              webinar_id,
                                                                const char         *email);
guint              roster_fake_service_get_n_key_exposed       (RosterFakeService  *self);
guint              roster_fake_service_get_peak_per_second     (RosterFakeService  *self);
guint              roster_fake_service_get_n_connections       (RosterFakeService  *self);
GHashTable        *roster_fake_service_dup_last_form           (RosterFakeService  *self,
                                                                const char         *method);
void               roster_fake_service_reset_counters          (RosterFakeService  *self);

G_END_DECLS
