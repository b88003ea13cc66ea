/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-undo"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-error.h"
#include "roster-import-journal.h"
#include "roster-import-undo.h"
#include "roster-import-undo-journal.h"
#include "roster-registrant-lookup.h"

/* Unsubscribes the people one import registered: only the rows its journal has as registered
 * (never people skipped as already there, nor another import's), each found by a registrants
 * search for the address in the import's webinar and schedule.  The same address may be
 * registered more than once; the import's registration is the newest.  Every unsubscribe is
 * written ahead to the undo journal and sent once: an unknown outcome, or a run killed in the
 * middle, is settled by looking the person up again (unsubscribed already means done), so a
 * rerun finishes the batch exactly once. */

#define MAX_IN_FLIGHT     4
#define RETRY_LOOKUP_MSEC 2000
#define MAX_SENDS         3   /* per row and run: a server that never says stops here */

enum {
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  guint               index;
  char               *email;
  gint64              first_miss;   /* monotonic time of the first lookup that missed, or 0 */
  guint               n_sends;
} UndoRow;

struct _RosterImportUndo
{
  GObject                  parent_instance;

  RosterClient            *client;
  RosterRegistrantStore   *registrant_store;  /* told of each unsubscription, when set */
  char                    *path;
  guint                    check_window;   /* seconds an unfound person is looked for */

  GTask                   *task;           /* while running */
  RosterImportJournal     *journal;
  RosterImportUndoJournal *undo;
  RosterImportTarget      *target;
  GPtrArray               *rows;           /* UndoRow */
  guint                    next;
  guint                    in_flight;
  GError                  *error;          /* what stops the run */

  guint                    n_done;
  guint                    n_unsubscribed;
  guint                    n_gone;
  guint                    n_failed;
  guint                    n_sent;
};

G_DEFINE_FINAL_TYPE (RosterImportUndo, roster_import_undo, G_TYPE_OBJECT)

static void
undo_row_free (UndoRow *row)
{
  g_free (row->email);
  g_free (row);
}

static void
roster_import_undo_finalize (GObject *object)
{
  RosterImportUndo *self = ROSTER_IMPORT_UNDO (object);

  g_clear_object (&self->client);
  g_clear_object (&self->registrant_store);
  g_free (self->path);
  g_clear_object (&self->journal);
  g_clear_object (&self->undo);
  g_clear_pointer (&self->target, roster_import_target_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (roster_import_undo_parent_class)->finalize (object);
}

static void
roster_import_undo_class_init (RosterImportUndoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_import_undo_finalize;

  /**
   * RosterImportUndo::progress:
   *
   * A row was settled; the getters tell the counts.
   */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
roster_import_undo_init (RosterImportUndo *self)
{
  self->check_window = 60;
}

/**
 * roster_import_undo_new:
 * @client: the account the import ran with
 * @journal_path: the import's journal
 */
RosterImportUndo *
roster_import_undo_new (RosterClient *client,
                        const char   *journal_path)
{
  RosterImportUndo *self;

  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (journal_path != NULL, NULL);

  self = g_object_new (ROSTER_TYPE_IMPORT_UNDO, NULL);
  self->client = g_object_ref (client);
  self->path = g_strdup (journal_path);
  return self;
}

/* How long a registered person the search does not show yet is looked for: the search may lag
 * behind a registration by tens of seconds. */
void
roster_import_undo_set_check_window (RosterImportUndo *self,
                                     guint             seconds)
{
  g_return_if_fail (ROSTER_IS_IMPORT_UNDO (self));

  self->check_window = seconds;
}

/* The account's local store, told of each unsubscription as it lands. */
void
roster_import_undo_set_registrant_store (RosterImportUndo      *self,
                                         RosterRegistrantStore *store)
{
  g_return_if_fail (ROSTER_IS_IMPORT_UNDO (self));
  g_return_if_fail (store == NULL || ROSTER_IS_REGISTRANT_STORE (store));

  g_set_object (&self->registrant_store, store);
}

/* ---- Running ------------------------------------------------------------------------------------ */

static void start_rows (RosterImportUndo *self);
static void look_up (RosterImportUndo *self,
                     UndoRow          *row);

/* Once nothing is out: the report, and "complete" when every row is settled. */
/* Lets go of both journals, so that the import may be resumed, forgotten or undone again. */
static void
return_run (GTask  *task,
            GError *error)
{
  RosterImportUndo *self = g_task_get_source_object (task);

  g_clear_object (&self->journal);
  g_clear_object (&self->undo);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
complete_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  roster_import_undo_journal_append_finish (ROSTER_IMPORT_UNDO_JOURNAL (object), result, &error);
  return_run (task, error);
}

static void
maybe_finish (RosterImportUndo *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->in_flight > 0 || (self->error == NULL && self->next < self->rows->len))
    return;

  task = g_steal_pointer (&self->task);
  if (self->error == NULL && self->n_failed == 0 && !roster_import_undo_journal_is_complete (self->undo))
    roster_import_undo_journal_complete_async (self->undo, complete_cb, g_steal_pointer (&task));
  else
    return_run (task, g_steal_pointer (&self->error));
}

static void
row_settled (RosterImportUndo   *self,
             RosterUndoRowState  state)
{
  self->n_done++;
  if (state == ROSTER_UNDO_ROW_UNSUBSCRIBED)
    self->n_unsubscribed++;
  else if (state == ROSTER_UNDO_ROW_GONE)
    self->n_gone++;
  else
    self->n_failed++;
  self->in_flight--;
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0);
  start_rows (self);
  maybe_finish (self);
}

/* A failure no other row would get past either. */
static gboolean
stops_the_run (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION) ||
         error->domain == G_IO_ERROR;   /* the journal could not be written */
}

static void
stop (RosterImportUndo *self,
      GError           *error)
{
  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);
  self->in_flight--;
  maybe_finish (self);
}

typedef struct
{
  RosterImportUndo   *self;
  UndoRow            *row;
  RosterUndoRowState  state;
} Pending;

static Pending *
pending_new (RosterImportUndo   *self,
             UndoRow            *row,
             RosterUndoRowState  state)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->row = row;
  pending->state = state;
  return pending;
}

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_free (pending);
}

static void
settled_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pending *pending = user_data;
  GError *error = NULL;

  if (!roster_import_undo_journal_append_finish (ROSTER_IMPORT_UNDO_JOURNAL (object), result, &error))
    stop (pending->self, error);
  else
    row_settled (pending->self, pending->state);
  pending_free (pending);
}

/* Records the row's last state for this run, durably, and counts it. */
static void
settle (RosterImportUndo   *self,
        UndoRow            *row,
        RosterUndoRowState  state,
        gint64              lead_id,
        const char         *message)
{
  roster_import_undo_journal_append_async (self->undo, row->index, row->email, state, lead_id, message,
                                           settled_cb, pending_new (self, row, state));
}

static gboolean
retry_lookup_cb (gpointer user_data)
{
  Pending *pending = user_data;

  look_up (pending->self, pending->row);
  pending_free (pending);
  return G_SOURCE_REMOVE;
}

static void
look_up_later (RosterImportUndo *self,
               UndoRow          *row)
{
  g_timeout_add (RETRY_LOOKUP_MSEC, retry_lookup_cb, pending_new (self, row, 0));
}

static void
unsubscribed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Pending *pending = user_data;
  RosterImportUndo *self = pending->self;
  UndoRow *row = pending->row;
  gint64 lead_id = roster_import_undo_journal_get_lead_id (self->undo, row->index);
  g_autoptr(GError) error = NULL;

  if (roster_client_unsubscribe_once_finish (ROSTER_CLIENT (object), result, &error))
    {
      if (self->registrant_store != NULL)
        roster_registrant_store_note_unsubscribed (self->registrant_store, self->target->webinar_id,
                                                   lead_id);
      settle (self, row, ROSTER_UNDO_ROW_UNSUBSCRIBED, lead_id, NULL);
    }
  else if (g_error_matches (error, ROSTER_API_ERROR, ROSTER_API_ERROR_OUTCOME_UNKNOWN))
    {
      g_debug ("Row %u: unsubscribe outcome unknown: %s", row->index, error->message);
      if (row->n_sends >= MAX_SENDS)
        settle (self, row, ROSTER_UNDO_ROW_UNKNOWN, lead_id,
                _("Unsubscribing was sent, but whether it was done is unknown."));
      else
        {
          /* Looked up again before anything is resent; "sending" is on the disk already. */
          roster_import_undo_journal_append_async (self->undo, row->index, row->email, ROSTER_UNDO_ROW_UNKNOWN,
                                                   lead_id, NULL, NULL, NULL);
          look_up_later (self, row);
        }
    }
  else if (stops_the_run (error))
    stop (self, g_steal_pointer (&error));
  else
    settle (self, row, ROSTER_UNDO_ROW_FAILED, lead_id, error->message);
  pending_free (pending);
}

static void
sending_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Pending *pending = user_data;
  RosterImportUndo *self = pending->self;
  GError *error = NULL;

  if (!roster_import_undo_journal_append_finish (ROSTER_IMPORT_UNDO_JOURNAL (object), result, &error))
    {
      stop (self, error);
      pending_free (pending);
      return;
    }

  /* Durable: now it may go. */
  pending->row->n_sends++;
  self->n_sent++;
  roster_client_unsubscribe_once_async (self->client, self->target->webinar_id,
                                        roster_import_undo_journal_get_lead_id (self->undo, pending->row->index),
                                        ROSTER_PRIORITY_BULK, g_task_get_cancellable (self->task),
                                        unsubscribed_cb, pending);
}

static RosterRegistrant *
pick (GPtrArray *matches,
      gint64     lead_id)
{
  RosterRegistrant *best = NULL;

  for (guint i = 0; i < matches->len; i++)
    {
      RosterRegistrant *registrant = matches->pdata[i];

      /* A row already sent to names its lead. */
      if (lead_id > 0)
        {
          if (roster_registrant_get_lead_id (registrant) == lead_id)
            return registrant;
          continue;
        }
      if (best == NULL || roster_registrant_get_id (registrant) > roster_registrant_get_id (best))
        best = registrant;
    }
  return best;
}

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Pending *pending = user_data;
  RosterImportUndo *self = pending->self;
  UndoRow *row = pending->row;
  RosterUndoRowState before = roster_import_undo_journal_get_state (self->undo, row->index);
  gboolean sent_before = before == ROSTER_UNDO_ROW_SENDING || before == ROSTER_UNDO_ROW_UNKNOWN;
  gint64 known_lead = sent_before ? roster_import_undo_journal_get_lead_id (self->undo, row->index) : 0;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  RosterRegistrant *registrant;

  matches = roster_client_find_registrants_finish (ROSTER_CLIENT (object), result, &error);
  if (matches == NULL)
    {
      if (stops_the_run (error))
        stop (self, g_steal_pointer (&error));
      else
        settle (self, row, ROSTER_UNDO_ROW_FAILED, known_lead, error->message);
      pending_free (pending);
      return;
    }

  registrant = pick (matches, known_lead);
  if (registrant == NULL)
    {
      gint64 now = g_get_monotonic_time ();

      if (row->first_miss == 0)
        row->first_miss = now;
      if (now - row->first_miss < (gint64) self->check_window * G_USEC_PER_SEC)
        look_up_later (self, row);
      else if (sent_before)
        /* Found before, and gone since. */
        settle (self, row, ROSTER_UNDO_ROW_GONE, known_lead, NULL);
      else
        settle (self, row, ROSTER_UNDO_ROW_FAILED, 0,
                _("Not found among the webinar’s registrants."));
      pending_free (pending);
      return;
    }

  if (roster_registrant_get_subscribed (registrant) == ROSTER_FLAG_NO)
    {
      /* Our earlier call landed after all; otherwise someone else got there first. */
      settle (self, row, sent_before ? ROSTER_UNDO_ROW_UNSUBSCRIBED : ROSTER_UNDO_ROW_GONE,
              roster_registrant_get_lead_id (registrant), NULL);
      pending_free (pending);
      return;
    }

  roster_import_undo_journal_append_async (self->undo, row->index, row->email, ROSTER_UNDO_ROW_SENDING,
                                           roster_registrant_get_lead_id (registrant), NULL,
                                           sending_written_cb, pending);
}

static void
look_up (RosterImportUndo *self,
         UndoRow          *row)
{
  roster_client_find_registrants_async (self->client, self->target->webinar_id, self->target->schedule_id,
                                        row->email, ROSTER_PRIORITY_BULK, g_task_get_cancellable (self->task),
                                        found_cb, pending_new (self, row, 0));
}

static void
start_rows (RosterImportUndo *self)
{
  while (self->error == NULL && self->in_flight < MAX_IN_FLIGHT && self->next < self->rows->len)
    {
      UndoRow *row = self->rows->pdata[self->next++];
      RosterUndoRowState state = roster_import_undo_journal_get_state (self->undo, row->index);

      if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (self->task), &self->error))
        break;

      if (state == ROSTER_UNDO_ROW_UNSUBSCRIBED || state == ROSTER_UNDO_ROW_GONE)
        {
          /* Done by an earlier run. */
          self->n_done++;
          if (state == ROSTER_UNDO_ROW_UNSUBSCRIBED)
            self->n_unsubscribed++;
          else
            self->n_gone++;
          continue;
        }
      self->in_flight++;
      look_up (self, row);
    }
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0);
}

/* ---- Opening ------------------------------------------------------------------------------------ */

typedef struct
{
  RosterImportJournal     *journal;
  RosterImportUndoJournal *undo;
} Opened;

static void
opened_free (Opened *opened)
{
  g_clear_object (&opened->journal);
  g_clear_object (&opened->undo);
  g_free (opened);
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RosterImportUndo *self = source_object;
  g_autofree char *account_id = task_data;
  g_autoptr(RosterImportJournal) journal = NULL;
  g_autoptr(RosterImportUndoJournal) undo = NULL;
  GError *error = NULL;
  Opened *opened;

  /* The import's lock keeps it from running meanwhile; the undo's keeps a second undo out. */
  journal = roster_import_journal_open_path (self->path, account_id, ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  if (journal == NULL || (undo = roster_import_undo_journal_open (self->path, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  opened = g_new0 (Opened, 1);
  opened->journal = g_steal_pointer (&journal);
  opened->undo = g_steal_pointer (&undo);
  g_task_return_pointer (task, opened, (GDestroyNotify) opened_free);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RosterImportUndo *self = ROSTER_IMPORT_UNDO (object);
  GError *error = NULL;
  Opened *opened = g_task_propagate_pointer (G_TASK (result), &error);
  guint n_rows;

  if (opened == NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->task);

      g_task_return_error (task, error);
      return;
    }
  self->journal = g_steal_pointer (&opened->journal);
  self->undo = g_steal_pointer (&opened->undo);
  opened_free (opened);
  self->target = roster_import_target_copy (roster_import_journal_get_target (self->journal));

  n_rows = roster_import_journal_get_n_rows (self->journal);
  for (guint i = 0; i < n_rows || roster_import_journal_get_row (self->journal, i) != NULL; i++)
    {
      const RosterImportRow *import_row = roster_import_journal_get_row (self->journal, i);
      UndoRow *row;

      if (import_row == NULL || import_row->state != ROSTER_IMPORT_ROW_REGISTERED || import_row->email == NULL)
        continue;
      row = g_new0 (UndoRow, 1);
      row->index = i;
      row->email = g_strdup (import_row->email);
      g_ptr_array_add (self->rows, row);
    }

  start_rows (self);
  maybe_finish (self);
}

/**
 * roster_import_undo_run_async:
 *
 * Unsubscribes everyone the import registered who is not yet, going on from where an earlier
 * run stopped.  Finishes TRUE when every row was tried (see the counts: some may have failed),
 * or with an error that stopped the run (the key rejected, the journal, a cancel).
 */
void
roster_import_undo_run_async (RosterImportUndo    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) open_task = NULL;

  g_return_if_fail (ROSTER_IS_IMPORT_UNDO (self));
  g_return_if_fail (self->task == NULL && self->rows == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, roster_import_undo_run_async);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_row_free);

  open_task = g_task_new (self, cancellable, opened_cb, NULL);
  g_task_set_task_data (open_task, roster_client_dup_account_id (self->client), NULL);
  g_task_run_in_thread (open_task, open_in_thread);
}

gboolean
roster_import_undo_run_finish (RosterImportUndo  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Counts ------------------------------------------------------------------------------------- */

/* People the import registered. */
guint
roster_import_undo_get_n_total (RosterImportUndo *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_UNDO (self), 0);

  return self->rows != NULL ? self->rows->len : 0;
}

guint
roster_import_undo_get_n_done (RosterImportUndo *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_UNDO (self), 0);

  return self->n_done;
}

guint
roster_import_undo_get_n_unsubscribed (RosterImportUndo *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_UNDO (self), 0);

  return self->n_unsubscribed;
}

/* Already unsubscribed by someone else, or no longer registered. */
guint
roster_import_undo_get_n_gone (RosterImportUndo *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_UNDO (self), 0);

  return self->n_gone;
}

guint
roster_import_undo_get_n_failed (RosterImportUndo *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_UNDO (self), 0);

  return self->n_failed;
}

/* `unsubscribe` calls this run sent. */
guint
roster_import_undo_get_n_sent (RosterImportUndo *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_UNDO (self), 0);

  return self->n_sent;
}
