/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Where an import registers people: one webinar, one schedule, and for a series the session
 * date, with the attendee zone where the webinar needs one. */
typedef struct
{
  gint64  webinar_id;
  gint64  schedule_id;
  char   *date;      /* nullable, "YYYY-MM-DD HH:MM" */
  char   *timezone;  /* nullable, "GMT+2" */
} RosterImportTarget;

#define ROSTER_TYPE_IMPORT_TARGET (roster_import_target_get_type ())

GType               roster_import_target_get_type (void) G_GNUC_CONST;
RosterImportTarget *roster_import_target_new      (gint64                    webinar_id,
                                                   gint64                    schedule_id,
                                                   const char               *date,
                                                   const char               *timezone);
RosterImportTarget *roster_import_target_copy     (const RosterImportTarget *self);
void                roster_import_target_free     (RosterImportTarget       *self);
gboolean            roster_import_target_equal    (const RosterImportTarget *a,
                                                   const RosterImportTarget *b);
char               *roster_import_target_dup_key  (const RosterImportTarget *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterImportTarget, roster_import_target_free)

G_END_DECLS
