/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One row of an import, whoever tells about it: the plan (ready, or left out for a reason), the
 * journal (what was sent and what came of it, on the disk) and the job (all of it, while it
 * runs).  One state for the whole life of a row, and one record of what is known about it. */

typedef enum
{
  ROSTER_IMPORT_ROW_READY,               /* may be sent, and was not (or certainly did not land) */
  ROSTER_IMPORT_ROW_INVALID,             /* an error problem: bad or missing values, bad CSV */
  ROSTER_IMPORT_ROW_DUPLICATE,           /* the email is on an earlier row (any case) */
  ROSTER_IMPORT_ROW_ALREADY_REGISTERED,  /* found among the webinar's registrants before sending */
  ROSTER_IMPORT_ROW_SKIPPED,             /* left out by the user, or not sent before a cancel */
  ROSTER_IMPORT_ROW_SENDING,             /* write-ahead: a call was about to go out */
  ROSTER_IMPORT_ROW_REGISTERED,
  ROSTER_IMPORT_ROW_FAILED,
  ROSTER_IMPORT_ROW_UNKNOWN,             /* sent; may have landed: look it up before resending */
  ROSTER_IMPORT_N_ROW_STATES,
} RosterImportRowState;

/* The journal keeps one per row it has heard of; roster_import_job_get_row() fills one in with
 * the plan's line and email.  The strings belong to whoever handed the record out. */
typedef struct
{
  guint                 line;             /* physical line where the record starts */
  RosterImportRowState  state;
  char                 *email;
  char                 *user_id;          /* the rest: only for REGISTERED rows */
  char                 *live_room_url;
  char                 *replay_room_url;
  char                 *thank_you_url;
  char                 *message;          /* the server's words, why unknown, or the plan's problem */
} RosterImportRow;

const char *roster_import_row_state_to_string (RosterImportRowState state);
void        roster_import_row_clear           (RosterImportRow      *row);

G_END_DECLS
