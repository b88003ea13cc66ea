/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-store"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "roster-registrant-store-private.h"

/* One SQLite database per account. All SQL runs in one worker thread of the store's own, in
 * the order it was asked for, on the one connection: the main loop never waits on the disk,
 * and a write noted now is seen by every query asked after it. */
struct _RosterRegistrantStore
{
  GObject      parent_instance;

  GThreadPool  *worker;
  sqlite3      *db;
  char         *path;
  GError       *recovered;
  GMainContext *context;    /* where ::changed is emitted */
};

G_DEFINE_FINAL_TYPE (RosterRegistrantStore, roster_registrant_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
roster_registrant_store_finalize (GObject *object)
{
  RosterRegistrantStore *self = ROSTER_REGISTRANT_STORE (object);

  /* The last reference may go in the worker itself: do not wait for it. */
  g_thread_pool_free (self->worker, FALSE, FALSE);
  sqlite3_close (self->db);
  g_free (self->path);
  g_clear_error (&self->recovered);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (roster_registrant_store_parent_class)->finalize (object);
}

static void
roster_registrant_store_class_init (RosterRegistrantStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_registrant_store_finalize;

  /**
   * RosterRegistrantStore::changed:
   * @webinar_id: the webinar whose stored registrants changed
   *
   * Rows of a webinar were written (a sync's page, a registration or an unsubscription noted),
   * and committed: a query asked now sees them. Emitted in the main context of whoever opened
   * the store.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

typedef struct
{
  RosterRegistrantStore *self;
  gint64                 webinar_id;
} Changed;

static gboolean
emit_changed_cb (gpointer data)
{
  Changed *changed = data;

  g_signal_emit (changed->self, signals[CHANGED], 0, changed->webinar_id);
  return G_SOURCE_REMOVE;
}

static void
changed_free (gpointer data)
{
  Changed *changed = data;

  g_object_unref (changed->self);
  g_free (changed);
}

void
roster_registrant_store_queue_changed (RosterRegistrantStore *self,
                                       gint64                 webinar_id)
{
  Changed *changed = g_new0 (Changed, 1);
  GSource *source = g_idle_source_new ();

  changed->self = g_object_ref (self);
  changed->webinar_id = webinar_id;
  /* Ahead of the task's own callback, so a caller that waited for a write sees the signal
   * first. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_changed_cb, changed, changed_free);
  g_source_attach (source, self->context);
  g_source_unref (source);
}

static void work_thread (gpointer data,
                         gpointer user_data);

static void
roster_registrant_store_init (RosterRegistrantStore *self)
{
  self->worker = g_thread_pool_new (work_thread, self, 1, FALSE, NULL);
}

/**
 * roster_registrant_store_path_for_account:
 *
 * Where the store of the account with @account_id (roster_client_dup_account_id(), never the
 * key) lives.
 */
char *
roster_registrant_store_path_for_account (const char *account_id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (account_id != NULL && *account_id != '\0', NULL);

  name = g_strconcat (account_id, ".sqlite3", NULL);
  g_strdelimit (name, "/\\", '_');
  return g_build_filename (g_get_user_data_dir (), "roster", "store", name, NULL);
}

/* Deletes a store and its WAL; missing files are no error. */
gboolean
roster_registrant_store_forget (const char  *path,
                                GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      /* Missing, or under a folder that is not one (XDG_DATA_HOME=/dev/null): nothing stored */
      if (g_unlink (file) != 0 && errno != ENOENT && errno != ENOTDIR)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", file,
                       g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

typedef struct
{
  RosterStoreWorkFunc func;
  gpointer            data;
  GDestroyNotify      data_destroy;
} Work;

static void
work_free (Work *work)
{
  if (work->data_destroy != NULL)
    work->data_destroy (work->data);
  g_free (work);
}

static void
work_thread (gpointer data,
             gpointer user_data)
{
  GTask *task = data;
  RosterRegistrantStore *self = g_task_get_source_object (task);
  Work *work = g_task_get_task_data (task);

  if (!g_task_return_error_if_cancelled (task))
    work->func (task, self->db, work->data);
  g_object_unref (task);
}

void
roster_registrant_store_run (RosterRegistrantStore *self,
                             RosterStoreWorkFunc    func,
                             gpointer               data,
                             GDestroyNotify         data_destroy,
                             GCancellable          *cancellable,
                             GAsyncReadyCallback    callback,
                             gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Work *work = g_new0 (Work, 1);

  work->func = func;
  work->data = data;
  work->data_destroy = data_destroy;
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_thread_pool_push (self->worker, g_steal_pointer (&task), NULL);
}

static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(RosterRegistrantStore) self = g_object_new (ROSTER_TYPE_REGISTRANT_STORE, NULL);
  GError *error = NULL;

  self->path = g_strdup (task_data);
  self->context = g_main_context_ref (g_task_get_context (task));
  self->db = roster_store_schema_open (self->path, &self->recovered, &error);
  if (self->db == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&self), g_object_unref);
}

/**
 * roster_registrant_store_open_async:
 * @path: (nullable): the database file, %NULL for a store in memory (the demo)
 *
 * Opens the store, creating and migrating it. A damaged file is moved aside and the store
 * rebuilt empty: roster_registrant_store_get_recovered() then says what was wrong.
 */
void
roster_registrant_store_open_async (const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, roster_registrant_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

RosterRegistrantStore *
roster_registrant_store_open_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
roster_registrant_store_get_path (RosterRegistrantStore *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANT_STORE (self), NULL);

  return self->path;
}

/* Why the store was rebuilt empty when it was opened, or %NULL. */
const GError *
roster_registrant_store_get_recovered (RosterRegistrantStore *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANT_STORE (self), NULL);

  return self->recovered;
}
