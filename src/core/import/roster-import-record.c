/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-import-record.h"

/* One import of the history: its journal's header and counts, when it last changed, whether it
 * runs, and what an undo did to it.  Made by roster_import_history_list_async(). */

#define ID_LENGTH 8

struct _RosterImportRecord
{
  GObject                  parent_instance;

  RosterImportJournalInfo *info;
  char                    *id;
  GDateTime               *started;
  gint64                   duration;   /* seconds from start to the journal's last change */
  RosterImportState        state;
  guint                    n_unsubscribed;
};

G_DEFINE_FINAL_TYPE (RosterImportRecord, roster_import_record, G_TYPE_OBJECT)

static void
roster_import_record_finalize (GObject *object)
{
  RosterImportRecord *self = ROSTER_IMPORT_RECORD (object);

  roster_import_journal_info_free (self->info);
  g_free (self->id);
  g_clear_pointer (&self->started, g_date_time_unref);

  G_OBJECT_CLASS (roster_import_record_parent_class)->finalize (object);
}

static void
roster_import_record_class_init (RosterImportRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_import_record_finalize;
}

static void
roster_import_record_init (RosterImportRecord *self)
{
}

/**
 * roster_import_record_new:
 * @info: the journal's header and counts
 * @last_change: Unix time of the journal's last write
 * @running: whether its lock is held
 * @has_undo: whether an undo began
 * @undo_complete: whether it finished
 * @n_unsubscribed: people the undo unsubscribed
 */
RosterImportRecord *
roster_import_record_new (const RosterImportJournalInfo *info,
                          gint64                         last_change,
                          gboolean                       running,
                          gboolean                       has_undo,
                          gboolean                       undo_complete,
                          guint                          n_unsubscribed)
{
  RosterImportRecord *self;
  g_autofree char *base = NULL;

  g_return_val_if_fail (info != NULL && info->path != NULL, NULL);

  self = g_object_new (ROSTER_TYPE_IMPORT_RECORD, NULL);
  self->info = roster_import_journal_info_copy (info);
  base = g_path_get_basename (info->path);
  self->id = g_strndup (base, ID_LENGTH);
  self->started = info->created ? g_date_time_new_from_iso8601 (info->created, NULL) : NULL;
  if (self->started == NULL)
    self->started = g_date_time_new_from_unix_utc (last_change);
  self->duration = MAX (0, last_change - g_date_time_to_unix (self->started));
  self->n_unsubscribed = n_unsubscribed;

  if (running)
    self->state = ROSTER_IMPORT_STATE_RUNNING;
  else if (has_undo)
    self->state = undo_complete ? ROSTER_IMPORT_STATE_UNDONE : ROSTER_IMPORT_STATE_UNDOING;
  else if (info->damaged)
    self->state = ROSTER_IMPORT_STATE_DAMAGED;
  else if (info->complete)
    self->state = ROSTER_IMPORT_STATE_FINISHED;
  else
    self->state = ROSTER_IMPORT_STATE_PAUSED;

  return self;
}

const RosterImportJournalInfo *
roster_import_record_get_info (RosterImportRecord *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RECORD (self), NULL);

  return self->info;
}

/* A short ID for the command line: the start of the journal's name. */
const char *
roster_import_record_get_id (RosterImportRecord *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RECORD (self), NULL);

  return self->id;
}

const char *
roster_import_record_get_path (RosterImportRecord *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RECORD (self), NULL);

  return self->info->path;
}

GDateTime *
roster_import_record_get_started (RosterImportRecord *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RECORD (self), NULL);

  return self->started;
}

/* Seconds from its start to its journal's last line. */
gint64
roster_import_record_get_duration (RosterImportRecord *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RECORD (self), 0);

  return self->duration;
}

RosterImportState
roster_import_record_get_state (RosterImportRecord *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RECORD (self), ROSTER_IMPORT_STATE_PAUSED);

  return self->state;
}

const char *
roster_import_record_get_state_label (RosterImportRecord *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RECORD (self), NULL);

  switch (self->state)
    {
    case ROSTER_IMPORT_STATE_RUNNING:
      return C_("import state", "Running");
    case ROSTER_IMPORT_STATE_PAUSED:
      return C_("import state", "Paused");
    case ROSTER_IMPORT_STATE_FINISHED:
      return C_("import state", "Finished");
    case ROSTER_IMPORT_STATE_DAMAGED:
      return C_("import state", "Needs recovery");
    case ROSTER_IMPORT_STATE_UNDOING:
      return C_("import state", "Unsubscribing paused");
    case ROSTER_IMPORT_STATE_UNDONE:
      return C_("import state", "Unsubscribed");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Rows sent to nobody: left out in the review, or never reached. */
guint
roster_import_record_get_n_skipped (RosterImportRecord *self)
{
  guint n_sent;

  g_return_val_if_fail (ROSTER_IS_IMPORT_RECORD (self), 0);

  n_sent = self->info->n_registered + self->info->n_failed + self->info->n_unknown;
  return self->info->n_rows > n_sent ? self->info->n_rows - n_sent : 0;
}

guint
roster_import_record_get_n_unsubscribed (RosterImportRecord *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RECORD (self), 0);

  return self->n_unsubscribed;
}

/* "180 registered, 2 failed, 0 unknown, 18 skipped" */
char *
roster_import_record_dup_summary (RosterImportRecord *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RECORD (self), NULL);

  /* Translators: counts of the rows of one import */
  return g_strdup_printf (_("%u registered, %u failed, %u unknown, %u skipped"),
                          self->info->n_registered, self->info->n_failed, self->info->n_unknown,
                          roster_import_record_get_n_skipped (self));
}
