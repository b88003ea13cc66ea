/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sample data of the fake service: webinars and their registrants, generated from a seed.
 * Not thread-safe; RosterFakeService guards it with its lock. */

/* Rows of one webinar live in blocks of IDs so that lazily generated webinars never collide
 * and an ID tells its webinar. */
#define FAKE_ID_BLOCK 2000000

typedef enum
{
  FAKE_SCHEDULE_INSTANT_REPLAY,
  FAKE_SCHEDULE_JUST_IN_TIME,
  FAKE_SCHEDULE_DAILY,
  FAKE_SCHEDULE_WEEKLY,
  FAKE_SCHEDULE_ONE_TIME,
} FakeScheduleKind;

typedef struct
{
  gint64            id;
  FakeScheduleKind  kind;
  int               hour;
  int               minute;
  int               weekday;  /* 1 = Monday … 7 = Sunday, weekly only */
  gint64            when;     /* one-time only: Unix time */
  char             *comment;
} FakeSchedule;

typedef struct
{
  char *name;
  char *email;
  char *picture_path;
} FakePresenter;

typedef struct
{
  gint64      id;
  gint64      lead_id;
  gint64      user_id;
  gint64      schedule_id;
  gint64      signup;       /* Unix time */
  gint64      event;        /* the session the person is in */
  gint64      live_join;    /* 0: did not attend live */
  gint64      replay_at;    /* 0: did not watch the replay */
  gint64      gdpr_at;      /* 0: GDPR "Off" */
  gint64      twilio_at;    /* 0: no SMS consent */
  const char *first_name;
  const char *last_name;
  const char *first_folded;
  const char *last_folded;
  const char *email;
  const char *email_folded;
  const char *phone_cc;     /* NULL: no phone */
  const char *phone;
  const char *ip;
  const char *timezone;     /* NULL: the webinar's */
  const char *utm_source;
  const char *utm_medium;
  const char *utm_campaign;
  guint32     time_live;    /* seconds watched */
  guint32     time_replay;
  guint32     revenue_live;
  guint32     revenue_replay;
  guint8      purchased_live;
  guint8      purchased_replay;
  guint8      subscribed;
  guint8      gdpr_communications;
  guint8      removed;      /* deleted on the server: no longer listed */
} FakeRegistrant;

typedef struct
{
  guint          index;
  gboolean       webinarjam;
  gint64         id;
  char          *hash;
  char          *name;
  char          *title;
  char          *description;
  char          *timezone;        /* IANA */
  GTimeZone     *tz;
  char          *type;            /* WebinarJam only */
  gboolean       attendee_zones;  /* shows times in each attendee's zone */
  gboolean       last_name_required;
  gboolean       paid;
  guint          fee;
  char          *currency;
  guint          offer_price;
  GPtrArray     *schedules;       /* FakeSchedule */
  GPtrArray     *presenters;      /* FakePresenter */

  guint          n_target;        /* registrants to generate */
  gboolean       generated;
  guint          n_removed;
  GArray        *registrants;     /* FakeRegistrant, sorted by sign-up */
  GStringChunk  *strings;
  gint64         id_base;
  gint64         lead_base;
  gint64         user_base;
  guint32        seed;
} FakeWebinar;

typedef struct
{
  guint32    seed;
  gint64     created;     /* Unix time the data is anchored to */
  GPtrArray *webinars;    /* FakeWebinar, EverWebinar ones first */
} FakeData;

FakeData       *fake_data_new                 (guint32            seed,
                                               gint64             now);
void            fake_data_free                (FakeData          *data);
FakeWebinar    *fake_data_find_webinar        (FakeData          *data,
                                               gboolean           webinarjam,
                                               gint64             id);
FakeWebinar    *fake_data_find_webinar_any    (FakeData          *data,
                                               gint64             id);
FakeSchedule   *fake_webinar_find_schedule    (FakeWebinar       *webinar,
                                               gint64             schedule_id);
void            fake_webinar_ensure_generated (FakeWebinar       *webinar,
                                               gint64             now);
void            fake_webinar_regenerate       (FakeWebinar       *webinar,
                                               guint              n,
                                               gint64             now);
FakeRegistrant *fake_webinar_find_lead        (FakeWebinar       *webinar,
                                               gint64             lead_id);
FakeRegistrant *fake_webinar_append           (FakeWebinar       *webinar,
                                               gint64             now);
const char     *fake_webinar_intern           (FakeWebinar       *webinar,
                                               const char        *str);
GArray         *fake_schedule_next_sessions   (FakeWebinar       *webinar,
                                               FakeSchedule      *schedule,
                                               gint64             now);
char           *fake_token                    (guint32            seed,
                                               gint64             id);

/* English, zone-aware formatting as the vendor prints it. */
char           *fake_format_human             (gint64             t,
                                               GTimeZone         *tz,
                                               gboolean           long_weekday);
char           *fake_format_clock             (gint64             t,
                                               GTimeZone         *tz);
char           *fake_format_iso               (gint64             t,
                                               GTimeZone         *tz);
char           *fake_format_duration          (guint32            seconds);

/* @t in @tz, the start of the day @add_days after it there, and @hour:@minute on @day_t's day. */
GDateTime      *fake_local_time               (gint64             t,
                                               GTimeZone         *tz);
gint64          fake_local_midnight           (gint64             t,
                                               GTimeZone         *tz,
                                               int                add_days);
gint64          fake_local_at                 (gint64             day_t,
                                               GTimeZone         *tz,
                                               int                hour,
                                               int                minute);

/* Schedules (roster-fake-time.c) */
void            fake_series_sessions          (FakeWebinar       *webinar,
                                               FakeSchedule      *schedule,
                                               gint64             from,
                                               gint64             to,
                                               GArray            *out);
gint64          fake_just_in_time_after       (gint64             t);
char           *fake_schedule_comment         (FakeWebinar       *webinar,
                                               FakeSchedule      *schedule);

G_END_DECLS
