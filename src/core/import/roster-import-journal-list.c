/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-journal"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "roster-import-journal-private.h"

/* The journals of an account, as a front end offers them for resuming: each one's header and
 * how many of its rows reached which state.  Only the header is parsed as JSON; the other lines
 * are only scanned for their row and state, so that listing stays cheap however long the
 * journals are, and it runs in a thread for the main loop. */

G_DEFINE_BOXED_TYPE (RosterImportJournalInfo, roster_import_journal_info,
                     roster_import_journal_info_copy, roster_import_journal_info_free)

/* ---- Info -------------------------------------------------------------------------------------- */

RosterImportJournalInfo *
roster_import_journal_info_copy (const RosterImportJournalInfo *info)
{
  RosterImportJournalInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->path = g_strdup (info->path);
  copy->account_id = g_strdup (info->account_id);
  copy->file_name = g_strdup (info->file_name);
  copy->file_sha256 = g_strdup (info->file_sha256);
  copy->target = info->target ? roster_import_target_copy (info->target) : NULL;
  copy->created = g_strdup (info->created);

  return copy;
}

void
roster_import_journal_info_free (RosterImportJournalInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->path);
  g_free (info->account_id);
  g_free (info->file_name);
  g_free (info->file_sha256);
  g_clear_pointer (&info->target, roster_import_target_free);
  g_free (info->created);
  g_free (info);
}

/* ---- Scanning ---------------------------------------------------------------------------------- */

/* The states of one journal's rows, as its lines leave them. */
typedef struct
{
  GByteArray *states;    /* RosterImportRowState by row; rows never mentioned are NONE */
  gboolean    complete;
  gboolean    damaged;
} Scan;

/* The value of the first @key ("\"row\":") on @line: Roster writes keys before values and
 * escapes every quote inside a value, so the first match is the key. */
static const char *
find_key (const char *line,
          gsize       len,
          const char *key)
{
  const char *found = g_strstr_len (line, len, key);

  return found != NULL ? found + strlen (key) : NULL;
}

static void
scan_line (Scan       *scan,
           const char *line,
           gsize       len)
{
  const char *value, *end = line + len;
  guint64 row;
  char *row_end;
  g_autofree char *state_text = NULL;
  RosterImportRowState state;
  const char *quote;

  /* Roster writes one object a line: anything else is damage. */
  if (len < 2 || line[0] != '{' || line[len - 1] != '}')
    {
      scan->damaged = TRUE;
      return;
    }
  if (find_key (line, len, "\"event\":\"complete\"") != NULL)
    {
      scan->complete = TRUE;
      return;
    }
  /* A corrected value changes no row's state. */
  if (g_str_has_prefix (line, "{\"event\":\"correct\","))
    return;

  value = find_key (line, len, "\"row\":");
  if (value == NULL || !g_ascii_isdigit (*value))
    {
      scan->damaged = TRUE;
      return;
    }
  row = g_ascii_strtoull (value, &row_end, 10);
  value = find_key (line, len, "\"state\":\"");
  quote = value != NULL ? memchr (value, '"', end - value) : NULL;
  if (row >= G_MAXUINT / 2 || row_end >= end || quote == NULL)
    {
      scan->damaged = TRUE;
      return;
    }
  state_text = g_strndup (value, quote - value);
  if (!journal_row_state_from_string (state_text, &state))
    {
      scan->damaged = TRUE;
      return;
    }

  if (row >= scan->states->len)
    {
      guint old_len = scan->states->len;

      g_byte_array_set_size (scan->states, row + 1);
      memset (scan->states->data + old_len, ROSTER_IMPORT_ROW_READY, row + 1 - old_len);
    }
  scan->states->data[row] = state;
  /* An event after the "complete" one means another run went on. */
  scan->complete = FALSE;
}

typedef struct
{
  RosterImportJournal *journal;
  JsonParser          *parser;
  Scan                *scan;
  gboolean             has_header;
} Scanning;

/* The first line is parsed as the header; the others are only scanned. */
static gboolean
scan_one (const char *line,
          gsize       len,
          gpointer    user_data)
{
  Scanning *scanning = user_data;
  JsonNode *root;

  if (scanning->has_header)
    {
      scan_line (scanning->scan, line, len);
      return TRUE;
    }

  /* A journal comes into being with its header: without one it is none of ours. */
  scanning->has_header = json_parser_load_from_data (scanning->parser, line, len, NULL) &&
                         (root = json_parser_get_root (scanning->parser)) != NULL &&
                         JSON_NODE_HOLDS_OBJECT (root) &&
                         journal_parse_header (scanning->journal, json_node_get_object (root));
  return scanning->has_header;
}

/* Reads the header of the journal at its path into @journal and scans the rest into @scan.
 * FALSE when it is not a journal with a header. */
static gboolean
scan_journal (RosterImportJournal  *journal,
              Scan                 *scan,
              GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Scanning scanning = { journal, parser, scan, FALSE };
  goffset valid_len;
  gboolean ok;
  int fd;

  fd = open (journal->path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return journal_set_error_from_errno (error, errno, _("Could not read the import journal"), journal->path);
  ok = journal_read_lines (fd, journal->path, scan_one, &scanning, &valid_len, error);
  close (fd);

  return ok && scanning.has_header;
}

static RosterImportJournalInfo *
info_from_scan (RosterImportJournal *journal,
                Scan                *scan)
{
  RosterImportJournalInfo *info = g_new0 (RosterImportJournalInfo, 1);
  guint counts[ROSTER_IMPORT_N_ROW_STATES] = { 0, };
  guint n_rows = MAX (journal->n_rows, scan->states->len);

  for (guint i = 0; i < scan->states->len; i++)
    counts[scan->states->data[i]]++;

  info->path = g_strdup (journal->path);
  info->account_id = g_strdup (journal->account_id);
  info->file_name = g_strdup (journal->file_name);
  info->file_sha256 = g_strdup (journal->file_sha256);
  info->target = roster_import_target_copy (journal->target);
  info->created = g_strdup (journal->created);
  info->n_rows = journal->n_rows;
  info->n_registered = counts[ROSTER_IMPORT_ROW_REGISTERED];
  info->n_failed = counts[ROSTER_IMPORT_ROW_FAILED];
  /* While recovering, every row without a final outcome reads as unknown. */
  if (journal->recovering)
    info->n_unknown = n_rows - info->n_registered - info->n_failed;
  else
    info->n_unknown = counts[ROSTER_IMPORT_ROW_SENDING] + counts[ROSTER_IMPORT_ROW_UNKNOWN];
  info->complete = scan->complete && info->n_unknown == 0;
  info->recovering = journal->recovering;
  info->damaged = scan->damaged;

  return info;
}

/* ---- Listing ----------------------------------------------------------------------------------- */

static gint
compare_info_by_created (gconstpointer a,
                         gconstpointer b)
{
  const RosterImportJournalInfo *ia = *(RosterImportJournalInfo * const *) a;
  const RosterImportJournalInfo *ib = *(RosterImportJournalInfo * const *) b;

  /* Newest first. */
  return -g_strcmp0 (ia->created, ib->created);
}

/**
 * roster_import_journal_list:
 * @dir: (nullable): the account's journal folder; %NULL for roster_import_journal_dup_dir()
 * @account_id: (nullable): roster_client_dup_account_id() of the account; %NULL for every account
 *
 * The journals of @account_id in @dir as RosterImportJournalInfo, newest first.  Journals of
 * other accounts, journals older than accounts in journals, and files without a header are
 * left out; a journal with a header but damaged lines is listed with its damaged flag set.
 * It reads every journal of the folder: use roster_import_journal_list_async() on a main loop.
 */
GPtrArray *
roster_import_journal_list (const char  *dir,
                            const char  *account_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_journal_info_free);
  g_autofree char *default_dir = NULL;
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (dir == NULL)
    dir = default_dir = roster_import_journal_dup_dir ();
  gdir = g_dir_open (dir, 0, &local_error);
  if (gdir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&infos);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autoptr(RosterImportJournal) journal = NULL;
      g_autoptr(GError) scan_error = NULL;
      g_autoptr(GByteArray) states = g_byte_array_new ();
      Scan scan = { states, FALSE, FALSE };

      if (!g_str_has_suffix (name, ".journal"))
        continue;
      journal = g_object_new (ROSTER_TYPE_IMPORT_JOURNAL, NULL);
      journal->path = g_build_filename (dir, name, NULL);
      if (!scan_journal (journal, &scan, &scan_error) ||
          (account_id != NULL && g_strcmp0 (journal->account_id, account_id) != 0))
        {
          g_debug ("Leaving out %s: %s", name, scan_error ? scan_error->message : "not this account’s");
          continue;
        }
      g_ptr_array_add (infos, info_from_scan (journal, &scan));
    }

  g_ptr_array_sort (infos, compare_info_by_created);
  return g_steal_pointer (&infos);
}

static void
free_args (char **args)
{
  g_free (args[0]);
  g_free (args[1]);
  g_free (args);
}

static void
list_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  char **args = task_data;  /* dir (may be NULL: the default), account ID */
  GError *error = NULL;
  GPtrArray *infos = roster_import_journal_list (args[0], args[1], &error);

  if (infos == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, infos, (GDestroyNotify) g_ptr_array_unref);
}

/* roster_import_journal_list() in a thread. */
void
roster_import_journal_list_async (const char          *dir,
                                  const char          *account_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char **args;

  g_return_if_fail (account_id != NULL);

  args = g_new0 (char *, 3);
  args[0] = g_strdup (dir);
  args[1] = g_strdup (account_id);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_import_journal_list_async);
  /* Freed by hand: args[0] may be NULL, which would end a strv early. */
  g_task_set_task_data (task, args, (GDestroyNotify) free_args);
  g_task_run_in_thread (task, list_in_thread);
}

/* Returns: (transfer full) (element-type RosterImportJournalInfo): as roster_import_journal_list() */
GPtrArray *
roster_import_journal_list_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Whether a window or process has the journal at @path open (its import or its undo runs):
 * its lock is taken.  Within one process too, since flock() locks belong to open files. */
gboolean
roster_import_journal_is_running (const char *path)
{
  g_autofree char *lock_path = NULL;
  gboolean running;
  int fd;

  g_return_val_if_fail (path != NULL && g_str_has_suffix (path, ".journal"), FALSE);

  lock_path = journal_lock_path_for (path);
  fd = open (lock_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  running = flock (fd, LOCK_SH | LOCK_NB) < 0 && errno == EWOULDBLOCK;
  close (fd);
  return running;
}

/* ---- Removing ---------------------------------------------------------------------------------- */

/* Removes a journal that is not running (under its lock, so that nobody opens it meanwhile),
 * and its lock file. */
gboolean
roster_import_journal_remove (const char  *path,
                              GError     **error)
{
  g_autofree char *lock_path = NULL;
  int lock_fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_str_has_suffix (path, ".journal"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not an import journal."), path);
      return FALSE;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” is not an import journal."), path);
      return FALSE;
    }

  lock_path = journal_lock_path_for (path);
  lock_fd = journal_lock_identity (lock_path, error);
  if (lock_fd < 0)
    return FALSE;
  if (g_unlink (path) < 0)
    {
      int saved_errno = errno;

      close (lock_fd);
      return journal_set_error_from_errno (error, saved_errno, _("Could not remove the import journal"), path);
    }
  /* Whoever opened the lock file meanwhile sees that it is gone, and locks a new one. */
  g_unlink (lock_path);
  close (lock_fd);

  return TRUE;
}

/* Removes @dir and the files in it: the demo's journals end with the demo. */
gboolean
roster_import_journal_remove_dir (const char  *dir,
                                  GError     **error)
{
  g_autoptr(GDir) gdir = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  gdir = g_dir_open (dir, 0, error);
  if (gdir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_unlink (path) < 0)
        return journal_set_error_from_errno (error, errno, _("Could not remove the import journal"), path);
    }
  if (g_rmdir (dir) < 0)
    return journal_set_error_from_errno (error, errno, _("Could not remove the import journal"), dir);

  return TRUE;
}
