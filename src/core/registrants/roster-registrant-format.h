/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "roster-registrant.h"

G_BEGIN_DECLS

/* A registrant's fields as text for people: the table's cells, the details pane, the summary.
 * Every front end says "Yes, 0:45:30" or "Live, 97 USD" the same way. */

typedef enum
{
  ROSTER_REGISTRANT_LINK_LIVE,
  ROSTER_REGISTRANT_LINK_REPLAY,
  ROSTER_REGISTRANT_LINK_UNSUBSCRIBE,
  ROSTER_REGISTRANT_N_LINKS
} RosterRegistrantLink;

char       *roster_registrant_format_count      (guint64               n);
char       *roster_registrant_format_duration   (gint64                seconds,
                                                 const char           *raw);
char       *roster_registrant_format_money      (double                amount,
                                                 const char           *currency);
const char *roster_registrant_format_flag       (RosterFlag            flag);
char       *roster_registrant_format_phone      (RosterRegistrant     *registrant);
char       *roster_registrant_format_live       (RosterRegistrant     *registrant);
char       *roster_registrant_format_replay     (RosterRegistrant     *registrant);
char       *roster_registrant_format_purchased  (RosterRegistrant     *registrant,
                                                 const char           *currency);
char       *roster_registrant_field_label       (const char           *name);
char       *roster_registrant_format_field      (const char           *name,
                                                 const char           *value);

const char *roster_registrant_link_get_id       (RosterRegistrantLink  link);
const char *roster_registrant_link_get_title    (RosterRegistrantLink  link);
const char *roster_registrant_link_get_copy_label (RosterRegistrantLink link);
const char *roster_registrant_link_get_url      (RosterRegistrantLink  link,
                                                 RosterRegistrant     *registrant);

G_END_DECLS
