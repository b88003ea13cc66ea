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

/* A value the user corrected in a row, as typed: the plan checks it like the file's values,
 * and the journal keeps it so that a resumed import sends it too.  @field is "email",
 * "first_name", "last_name", "phone_country_code", "phone" or "extra:" and an extra's label. */
typedef struct
{
  guint  row;
  char  *field;
  char  *value;
} RosterImportCorrection;

const char *roster_import_row_state_to_string (RosterImportRowState state);
void        roster_import_row_clear           (RosterImportRow      *row);

GArray     *roster_import_corrections_new     (void);
gboolean    roster_import_corrections_set     (GArray               *corrections,
                                               guint                 row,
                                               const char           *field,
                                               const char           *value);
const char *roster_import_corrections_lookup  (GArray               *corrections,
                                               guint                 row,
                                               const char           *field);

G_END_DECLS
