/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-target"

#include "config.h"

#include "roster-import-target.h"

G_DEFINE_BOXED_TYPE (RosterImportTarget, roster_import_target,
                     roster_import_target_copy, roster_import_target_free)

/* An empty string is the same as no value: neither is sent. */
static char *
dup_nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

RosterImportTarget *
roster_import_target_new (gint64      webinar_id,
                          gint64      schedule_id,
                          const char *date,
                          const char *timezone)
{
  RosterImportTarget *self = g_new0 (RosterImportTarget, 1);

  self->webinar_id = webinar_id;
  self->schedule_id = schedule_id;
  self->date = dup_nonempty (date);
  self->timezone = dup_nonempty (timezone);

  return self;
}

RosterImportTarget *
roster_import_target_copy (const RosterImportTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return roster_import_target_new (self->webinar_id, self->schedule_id, self->date, self->timezone);
}

void
roster_import_target_free (RosterImportTarget *self)
{
  if (self == NULL)
    return;

  g_free (self->date);
  g_free (self->timezone);
  g_free (self);
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL && a[0] != '\0' ? a : NULL, b != NULL && b[0] != '\0' ? b : NULL) == 0;
}

gboolean
roster_import_target_equal (const RosterImportTarget *a,
                            const RosterImportTarget *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->webinar_id == b->webinar_id &&
         a->schedule_id == b->schedule_id &&
         same_text (a->date, b->date) &&
         same_text (a->timezone, b->timezone);
}

/* A stable text naming the target; part of the journal's file name, so it must never change
 * between versions for the same target. */
char *
roster_import_target_dup_key (const RosterImportTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_strdup_printf ("webinar=%" G_GINT64_FORMAT ";schedule=%" G_GINT64_FORMAT ";date=%s;timezone=%s",
                          self->webinar_id, self->schedule_id,
                          self->date != NULL ? self->date : "",
                          self->timezone != NULL ? self->timezone : "");
}
