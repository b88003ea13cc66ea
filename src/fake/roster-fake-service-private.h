/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the files of the fake service share: the object's state and the helpers one file
 * offers the others. Not installed, not used outside src/fake. */

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "roster-fake-data.h"
#include "roster-fake-service.h"

G_BEGIN_DECLS

/* Strict mode: like a busy real server seen over a real network. */
#define STRICT_NETWORK_JITTER_MS 25   /* each request arrives 25 ± 25 ms after it was sent */
#define STRICT_CHECK_USEC        (2 * G_TIME_SPAN_MILLISECOND) /* one front worker, per check */
#define STRICT_LISTEN_BACKLOG    8

typedef enum
{
  FAKE_PRODUCT_EVERWEBINAR,
  FAKE_PRODUCT_WEBINARJAM,
} FakeProduct;

typedef struct _FakeCall FakeCall;
typedef void (*FakeCallStage) (FakeCall *call);

struct _FakeCall
{
  RosterFakeService *service;
  SoupServerMessage *msg;
  FakeProduct        product;
  const char        *method;      /* static string, see fake_intern_method() */
  GHashTable        *form;
  RosterFakeFault    fault;
  GSource           *source;
  FakeCallStage      next_stage;
  gulong             disconnected_id;
};

/* A request handler: fills @body (NULL for none) and returns the HTTP status. Called with
 * the service's lock held. */
typedef guint (*FakeHandler) (RosterFakeService  *self,
                              FakeCall           *call,
                              char              **body);

struct _RosterFakeService
{
  GObject       parent_instance;

  guint32       seed;

  /* Lives on the server's context only. */
  SoupServer   *server;
  GMainContext *context;
  GList        *calls;
  GList        *streams;

  /* Threaded mode */
  GThread      *thread;
  GMainLoop    *loop;
  GCond         cond;
  gboolean      thread_ready;
  GError       *thread_error;

  char         *base_url;
  guint         port;
  guint         requested_port;

  /* Everything below is guarded by the lock: knobs are set and counters read from other
   * threads when the server runs in its own. */
  GMutex        lock;
  GRand        *timing_rand;
  guint         latency_mean;
  guint         latency_jitter;
  guint         network_jitter;
  guint         page_size;
  guint         rate_limit;
  gint64        fixed_now;
  GQueue        faults;            /* FakePendingFault, see roster-fake-faults.c */
  GHashTable   *api_keys;          /* set of valid keys */
  GHashTable   *windows;           /* api key -> GQueue of accepted times (µs) */
  FakeData     *data;
  char         *redirect_method;   /* NULL: every method */
  guint         redirect_status;
  char         *redirect_location; /* NULL: no redirect */
  guint         search_lag;
  GHashTable   *lagging;           /* registrant id -> monotonic µs when searches see it */
  RosterFakePaging paging;
  RosterFakeOrder  order;
  guint         slow_body;         /* bytes per second, 0: off */
  guint64       huge_body;         /* bytes, 0: off */

  GHashTable   *n_calls;           /* method -> count */
  guint         n_calls_total;
  guint         n_accepted;
  guint         n_rate_limited;
  guint         n_handled;
  guint         n_registrations_total;
  guint         n_key_exposed;
  GHashTable   *registrations;     /* "webinar_id\nfolded email" -> count */
  GHashTable   *unsubscribes;      /* the same keys -> `unsubscribe` calls that were processed */
  GHashTable   *last_forms;        /* method -> GHashTable */

  /* Strict mode (roster_fake_service_set_strict) */
  gboolean      strict;
  gint64        strict_front_free_at; /* when the front worker is free for the next check */
  GArray       *strict_arrivals;      /* gint64 µs of every call the window check counted */

  GHashTable   *client_ports;      /* the client's port of each connection calls came on */
};

/* Sets one knob under the lock, since knobs are set from other threads than the server's. */
#define SET_KNOB(self, knob, value) \
  G_STMT_START { \
    g_mutex_lock (&(self)->lock); \
    (self)->knob = (value); \
    g_mutex_unlock (&(self)->lock); \
  } G_STMT_END

/* roster-fake-service.c: the object */
gint64       fake_service_now_locked           (RosterFakeService  *self);
FakeData    *fake_service_ensure_data_locked   (RosterFakeService  *self);
void         fake_service_emit_handled         (RosterFakeService  *self,
                                                const char         *method,
                                                guint               status);

/* roster-fake-call.c: a call's way through the server */
const char  *fake_intern_method                (const char         *name);
void         fake_call_start                   (RosterFakeService  *self,
                                                SoupServerMessage  *msg,
                                                GHashTable         *query,
                                                FakeProduct         product,
                                                const char         *method);
void         fake_call_free                    (FakeCall           *call);

/* roster-fake-body.c: writing answers */
void         fake_respond_now                  (SoupServerMessage  *msg,
                                                guint               status,
                                                const char         *content_type,
                                                char               *body);
void         fake_respond_body                 (RosterFakeService  *self,
                                                SoupServerMessage  *msg,
                                                guint               status,
                                                const char         *content_type,
                                                char               *body);
void         fake_body_free_all                (RosterFakeService  *self);

/* roster-fake-faults.c: fault and rate emulation */
void         fake_pending_fault_free           (gpointer            data);
RosterFakeFault fake_take_fault_locked         (RosterFakeService  *self,
                                                const char         *method);
gboolean     fake_peek_storm_locked            (RosterFakeService  *self,
                                                const char         *method);
gboolean     fake_rate_check_locked            (RosterFakeService  *self,
                                                const char         *api_key);
guint        fake_random_delay_locked          (RosterFakeService  *self,
                                                guint               mean,
                                                guint               jitter);
guint        fake_network_delay_locked         (RosterFakeService  *self);
guint        fake_strict_queue_delay           (RosterFakeService  *self);
char        *fake_dup_redirect_locked          (RosterFakeService  *self,
                                                const char         *method,
                                                guint              *status);
void         fake_search_lag_hide_locked       (RosterFakeService  *self,
                                                gint64              registrant_id);
GHashTable  *fake_search_lag_hidden_locked     (RosterFakeService  *self);
void         fake_paging_adjust_locked         (RosterFakeService  *self,
                                                guint               n_rows,
                                                gint64              page,
                                                gint64              skip,
                                                guint               per_page,
                                                GArray             *page_rows,
                                                gint64             *last_page,
                                                gint64             *total);

/* roster-fake-counters.c: what tests read back */
void         fake_counters_record_call_locked  (RosterFakeService  *self,
                                                SoupServerMessage  *msg,
                                                GHashTable         *query,
                                                const char         *method,
                                                GHashTable         *form);
void         fake_counters_record_registration_locked (RosterFakeService *self,
                                                gint64              webinar_id,
                                                const char         *email);
void         fake_counters_record_unsubscribe_locked (RosterFakeService *self,
                                                gint64              webinar_id,
                                                const char         *email);

/* roster-fake-pages.c: what is not the API */
void         fake_handle_page                  (RosterFakeService  *self,
                                                SoupServerMessage  *msg,
                                                const char         *path);
void         fake_respond_not_found            (SoupServerMessage  *msg);

/* The handlers, one file per API area */
guint        fake_handle_webinars              (RosterFakeService  *self,
                                                FakeCall           *call,
                                                char              **body);
guint        fake_handle_webinar               (RosterFakeService  *self,
                                                FakeCall           *call,
                                                char              **body);
guint        fake_handle_register              (RosterFakeService  *self,
                                                FakeCall           *call,
                                                char              **body);
guint        fake_handle_registrants           (RosterFakeService  *self,
                                                FakeCall           *call,
                                                char              **body);
guint        fake_handle_unsubscribe           (RosterFakeService  *self,
                                                FakeCall           *call,
                                                char              **body);
FakeWebinar *fake_lookup_webinar               (RosterFakeService  *self,
                                                FakeCall           *call,
                                                JsonObject         *errors,
                                                guint              *status);
GTimeZone   *fake_output_zone                  (FakeWebinar        *webinar,
                                                GTimeZone          *requested);

/* roster-fake-form.c: form fields */
const char  *fake_form_get                     (FakeCall           *call,
                                                const char         *name);
gboolean     fake_parse_int64                  (const char         *text,
                                                gint64             *out);
gboolean     fake_is_valid_email               (const char         *email);
gboolean     fake_all_digits                   (const char         *text);
GTimeZone   *fake_parse_gmt_zone               (const char         *text);
GTimeZone   *fake_parse_requested_zone         (const char         *text,
                                                JsonObject         *errors);

/* roster-fake-json.c: JSON answers */
char        *fake_link                         (RosterFakeService  *self,
                                                const char         *page,
                                                FakeWebinar        *webinar,
                                                const char         *token);
void         fake_add_error                    (JsonObject         *errors,
                                                const char         *field,
                                                const char         *message);
void         fake_add_required_error           (JsonObject         *errors,
                                                const char         *field);
char        *fake_errors_body                  (JsonObject         *errors);
char        *fake_message_body                 (const char         *message);
void         fake_builder_add_string_or_null   (JsonBuilder        *builder,
                                                const char         *member,
                                                const char         *value);
void         fake_builder_take_string_or_null  (JsonBuilder        *builder,
                                                const char         *member,
                                                char               *value);
void         fake_builder_add_string           (JsonBuilder        *builder,
                                                const char         *member,
                                                const char         *value);
void         fake_builder_add_int              (JsonBuilder        *builder,
                                                const char         *member,
                                                gint64              value);
void         fake_builder_begin_success        (JsonBuilder        *builder,
                                                const char         *payload_key);
guint        fake_builder_end_success          (JsonBuilder        *builder,
                                                char              **body);

G_END_DECLS
