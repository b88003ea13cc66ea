/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The `registrants` filters exactly as the API has them. A negative code, a zero ID and a NULL
 * search mean "not sent". */
typedef struct
{
  gint64  schedule_id;
  int     date_range;                /* 0-8 */
  int     attended_live;             /* 0-4 */
  int     attended_replay;           /* 0-4 */
  gint64  attended_live_timestamp;   /* seconds into the session, for codes 3 and 4 */
  gint64  attended_replay_timestamp;
  int     purchased;                 /* 0-2 */
  char   *search;
} RosterRegistrantFilter;

#define ROSTER_TYPE_REGISTRANT_FILTER (roster_registrant_filter_get_type ())

GType                   roster_registrant_filter_get_type    (void) G_GNUC_CONST;
RosterRegistrantFilter *roster_registrant_filter_new         (void);
RosterRegistrantFilter *roster_registrant_filter_copy        (const RosterRegistrantFilter *self);
void                    roster_registrant_filter_free        (RosterRegistrantFilter       *self);
gboolean                roster_registrant_filter_is_empty    (const RosterRegistrantFilter *self);
gboolean                roster_registrant_filter_validate    (const RosterRegistrantFilter *self,
                                                              GError                      **error);
void                    roster_registrant_filter_add_to_form (const RosterRegistrantFilter *self,
                                                              GHashTable                   *form);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterRegistrantFilter, roster_registrant_filter_free)

G_END_DECLS
