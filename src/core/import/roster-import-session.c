/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-session"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>

#include "roster-error.h"
#include "roster-import-session.h"
#include "roster-paste.h"

/* The records a preview reads: enough for sample values and for the column count of a file
 * without a header (ragged rows further down are rare, and the plan reads them all anyway). */
#define PREVIEW_RECORDS 100
#define READ_CHUNK      65536

struct _RosterImportSession
{
  GObject              parent_instance;

  RosterClient        *client;
  char                *encoding;      /* NULL: detect */
  char                *sheet;         /* a workbook's sheet; NULL: the first */
  char                 delimiter;     /* '\0': sniff */

  GFile               *file;
  RosterCsvPreview    *preview;
  RosterImportMapping *mapping;
  RosterImportPlan    *plan;
  char                *file_sha256;   /* of the content the plan was read from */

  RosterImportMemory  *memory;        /* remembered mappings; NULL: none looked up or kept */
  RosterImportRemembered *remembered; /* the one the last load applied */
  char                *webinar_title; /* remembered with the mapping */

  RosterImportJournal *journal;       /* the one resumed from, until a job takes it over */
  RosterImportTarget  *resume_target;
  RosterImportJob     *job;
};

G_DEFINE_FINAL_TYPE (RosterImportSession, roster_import_session, G_TYPE_OBJECT)

static void
roster_import_session_finalize (GObject *object)
{
  RosterImportSession *self = ROSTER_IMPORT_SESSION (object);

  g_clear_object (&self->client);
  g_free (self->encoding);
  g_free (self->sheet);
  g_clear_object (&self->file);
  g_clear_pointer (&self->preview, roster_csv_preview_free);
  g_clear_pointer (&self->mapping, roster_import_mapping_free);
  g_clear_object (&self->plan);
  g_free (self->file_sha256);
  g_clear_object (&self->journal);
  g_clear_pointer (&self->resume_target, roster_import_target_free);
  g_clear_object (&self->job);
  g_clear_object (&self->memory);
  g_clear_pointer (&self->remembered, roster_import_remembered_free);
  g_free (self->webinar_title);

  G_OBJECT_CLASS (roster_import_session_parent_class)->finalize (object);
}

static void
roster_import_session_class_init (RosterImportSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_import_session_finalize;
}

static void
roster_import_session_init (RosterImportSession *self)
{
}

RosterImportSession *
roster_import_session_new (RosterClient *client)
{
  RosterImportSession *self;

  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);

  self = g_object_new (ROSTER_TYPE_IMPORT_SESSION, NULL);
  self->client = g_object_ref (client);

  return self;
}

/* Overrides detection for the next load and plan: @encoding an iconv name or %NULL, @delimiter
 * one of , ; TAB | or '\0'. */
void
roster_import_session_set_csv_options (RosterImportSession *self,
                                       const char          *encoding,
                                       char                 delimiter)
{
  g_return_if_fail (ROSTER_IS_IMPORT_SESSION (self));

  g_free (self->encoding);
  self->encoding = g_strdup (encoding);
  self->delimiter = delimiter;
}

/* The sheet of an XLSX or ODS workbook that the next load and plan read; %NULL: the first. */
void
roster_import_session_set_sheet (RosterImportSession *self,
                                 const char          *sheet)
{
  g_return_if_fail (ROSTER_IS_IMPORT_SESSION (self));

  g_free (self->sheet);
  self->sheet = g_strdup (sheet);
}

/* ---- Reading in threads ------------------------------------------------------------------------ */

/* What a thread needs to read the file as the session would: its own copies. */
typedef struct
{
  GFile               *file;
  char                *encoding;
  char                 delimiter;
  char                *sheet;
  RosterImportMapping *mapping;   /* planning only */
  char                *pasted;    /* loading pasted text: written to @file first */
  RosterImportMemory  *memory;    /* loading: where a remembered mapping may be */
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->file);
  g_free (data->encoding);
  g_free (data->sheet);
  g_clear_pointer (&data->mapping, roster_import_mapping_free);
  g_free (data->pasted);
  g_clear_object (&data->memory);
  g_free (data);
}

static ReadData *
read_data_new (RosterImportSession *self,
               GFile               *file)
{
  ReadData *data = g_new0 (ReadData, 1);

  data->file = g_object_ref (file);
  data->encoding = g_strdup (self->encoding);
  data->delimiter = self->delimiter;
  data->sheet = g_strdup (self->sheet);
  data->memory = self->memory != NULL ? g_object_ref (self->memory) : NULL;

  return data;
}

static void
read_data_options (ReadData         *data,
                   RosterCsvOptions *options)
{
  roster_csv_options_init (options);
  options->encoding = data->encoding;
  options->delimiter = data->delimiter;
  options->sheet = data->sheet;
}

static guint
count_columns (const RosterCsvPreview *preview)
{
  guint n = 0;

  if (preview->header != NULL)
    n = g_strv_length (preview->header);
  for (guint i = 0; preview->records != NULL && i < preview->records->len; i++)
    n = MAX (n, roster_csv_record_get_n_fields (g_ptr_array_index (preview->records, i)));

  return n;
}

typedef struct
{
  RosterCsvPreview       *preview;
  RosterImportMapping    *mapping;
  RosterImportRemembered *remembered;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->preview, roster_csv_preview_free);
  g_clear_pointer (&loaded->mapping, roster_import_mapping_free);
  g_clear_pointer (&loaded->remembered, roster_import_remembered_free);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

/* Detection, the first records and the guessed mapping. */
static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ReadData *data = task_data;
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);
  g_autoptr(GFileInputStream) stream = NULL;
  RosterCsvOptions options;
  GError *error = NULL;
  guint n_columns;

  read_data_options (data, &options);
  stream = g_file_read (data->file, cancellable, &error);
  if (stream != NULL)
    loaded->preview = roster_csv_reader_preview (G_INPUT_STREAM (stream), &options, PREVIEW_RECORDS,
                                                 cancellable, &error);
  if (loaded->preview == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  n_columns = count_columns (loaded->preview);
  if (n_columns == 0)
    {
      g_task_return_new_error (task, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_FILE_EMPTY,
                               _("The file is empty: there are no rows to import."));
      return;
    }

  /* A header seen before: the columns, target and tidying chosen then. */
  if (loaded->preview->header != NULL && data->memory != NULL)
    {
      g_autofree char *signature = roster_import_header_signature ((const char * const *) loaded->preview->header);

      loaded->remembered = roster_import_memory_lookup (data->memory, signature);
      if (loaded->remembered != NULL)
        loaded->mapping = roster_import_remembered_dup_mapping (loaded->remembered,
                                                                (const char * const *) loaded->preview->header);
    }
  if (loaded->mapping == NULL && loaded->preview->header != NULL)
    loaded->mapping = roster_import_mapping_guess ((const char * const *) loaded->preview->header);
  else if (loaded->mapping == NULL)
    loaded->mapping = roster_import_mapping_new (n_columns);

  g_task_return_pointer (task, g_steal_pointer (&loaded), (GDestroyNotify) loaded_free);
}

typedef struct
{
  RosterImportPlan *plan;
  char             *file_sha256;
} Planned;

static void
planned_free (Planned *planned)
{
  g_clear_object (&planned->plan);
  g_free (planned->file_sha256);
  g_free (planned);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Planned, planned_free)

/* The content hash first, then the rows: the hash names the journal of the content planned. */
static void
plan_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ReadData *data = task_data;
  g_autoptr(Planned) planned = g_new0 (Planned, 1);
  g_autoptr(RosterCsvReader) reader = NULL;
  RosterCsvOptions options;
  GError *error = NULL;

  read_data_options (data, &options);
  planned->file_sha256 = roster_import_file_sha256 (data->file, cancellable, &error);
  if (planned->file_sha256 != NULL)
    reader = roster_csv_reader_new_for_file (data->file, &options, cancellable, &error);
  if (reader != NULL)
    planned->plan = roster_import_plan_new (reader, data->mapping, cancellable, &error);
  /* Each sheet of a workbook is an import of its own: rows are journaled by index. */
  if (planned->plan != NULL && roster_csv_reader_get_sheet (reader) != NULL)
    {
      g_autofree char *content = g_steal_pointer (&planned->file_sha256);
      g_autofree char *identity = g_strdup_printf ("%s\nsheet:%s", content, roster_csv_reader_get_sheet (reader));

      planned->file_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, identity, -1);
    }
  if (planned->plan == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&planned), (GDestroyNotify) planned_free);
}

/* ---- Load -------------------------------------------------------------------------------------- */

/**
 * roster_import_session_load_async:
 *
 * Reads the start of @file: its encoding, delimiter and header, the first records, and the
 * mapping guessed from the header.  Fails with %ROSTER_IMPORT_ERROR_FILE_EMPTY for a file
 * without a single field.  A plan made before is dropped: plan again.
 */
void
roster_import_session_load_async (RosterImportSession *self,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROSTER_IS_IMPORT_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_import_session_load_async);
  g_task_set_task_data (task, read_data_new (self, file), (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, load_in_thread);
}

/* Pasted text as a CSV file, then loaded as any file. */
static void
load_text_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ReadData *data = task_data;
  g_autoptr(GBytes) csv = roster_paste_to_csv (data->pasted);
  g_autoptr(GFile) dir = g_file_get_parent (data->file);
  g_autofree char *dir_path = g_file_get_path (dir);
  g_autofree char *path = g_file_get_path (data->file);
  GError *error = NULL;

  if (g_mkdir_with_parents (dir_path, 0700) != 0 ||
      !g_file_set_contents_full (path, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, g_io_error_from_errno (errno), g_strerror (errno));
      g_task_return_error (task, error);
      return;
    }

  load_in_thread (task, source_object, task_data, cancellable);
}

/**
 * roster_import_session_load_text_async:
 * @text: text from the clipboard (see roster_paste_to_csv())
 *
 * Loads pasted text as roster_import_session_load_async() loads a file, finished with
 * roster_import_session_load_finish().  The text is kept as a CSV file in the user's cache,
 * named by its hash, so that the import has a file to hash, plan, journal and resume like any
 * other; the session's CSV options go back to detection, as that file is plain UTF-8 CSV.
 */
void
roster_import_session_load_text_async (RosterImportSession *self,
                                       const char          *text,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  ReadData *data;

  g_return_if_fail (ROSTER_IS_IMPORT_SESSION (self));
  g_return_if_fail (text != NULL);

  name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  file = g_file_new_build_filename (g_get_user_cache_dir (), "roster", "pasted", name, NULL);
  roster_import_session_set_csv_options (self, NULL, '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_import_session_load_async);
  data = read_data_new (self, file);
  data->pasted = g_strdup (text);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, load_text_in_thread);
}

gboolean
roster_import_session_load_finish (RosterImportSession  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  ReadData *data;
  g_autoptr(Loaded) loaded = NULL;

  g_return_val_if_fail (ROSTER_IS_IMPORT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return FALSE;

  g_set_object (&self->file, data->file);
  g_clear_pointer (&self->preview, roster_csv_preview_free);
  g_clear_pointer (&self->mapping, roster_import_mapping_free);
  self->preview = g_steal_pointer (&loaded->preview);
  self->mapping = g_steal_pointer (&loaded->mapping);
  g_clear_pointer (&self->remembered, roster_import_remembered_free);
  self->remembered = g_steal_pointer (&loaded->remembered);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->file_sha256, g_free);

  return TRUE;
}

GFile *
roster_import_session_get_file (RosterImportSession *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_SESSION (self), NULL);
  return self->file;
}

/* Detection and the first records, once loaded. */
const RosterCsvPreview *
roster_import_session_get_preview (RosterImportSession *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_SESSION (self), NULL);
  return self->preview;
}

guint
roster_import_session_get_n_columns (RosterImportSession *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_SESSION (self), 0);
  return self->preview != NULL ? count_columns (self->preview) : 0;
}

/* ---- Mapping ----------------------------------------------------------------------------------- */

/* The mapping the next plan uses: guessed by the load, changed in place or replaced by the
 * front end. */
RosterImportMapping *
roster_import_session_get_mapping (RosterImportSession *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_SESSION (self), NULL);
  return self->mapping;
}

void
roster_import_session_set_mapping (RosterImportSession       *self,
                                   const RosterImportMapping *mapping)
{
  g_return_if_fail (ROSTER_IS_IMPORT_SESSION (self));
  g_return_if_fail (mapping != NULL);

  if (mapping == self->mapping)
    return;
  g_clear_pointer (&self->mapping, roster_import_mapping_free);
  self->mapping = roster_import_mapping_copy (mapping);
}

/* ---- Plan -------------------------------------------------------------------------------------- */

/* Reads every row of the loaded file with the current mapping, and the file's content hash. */
void
roster_import_session_plan_async (RosterImportSession *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadData *data;

  g_return_if_fail (ROSTER_IS_IMPORT_SESSION (self));
  g_return_if_fail (self->file != NULL && self->mapping != NULL);

  data = read_data_new (self, self->file);
  data->mapping = roster_import_mapping_copy (self->mapping);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_import_session_plan_async);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, plan_in_thread);
}

/* Returns: (transfer none): the plan, which the session keeps until the next plan or load. */
RosterImportPlan *
roster_import_session_plan_finish (RosterImportSession  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_autoptr(Planned) planned = NULL;

  g_return_val_if_fail (ROSTER_IS_IMPORT_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  planned = g_task_propagate_pointer (G_TASK (result), error);
  if (planned == NULL)
    return NULL;

  g_set_object (&self->plan, planned->plan);
  g_free (self->file_sha256);
  self->file_sha256 = g_steal_pointer (&planned->file_sha256);
  if (self->journal != NULL)
    roster_import_plan_apply_journal (self->plan, self->journal);

  return self->plan;
}

RosterImportPlan *
roster_import_session_get_plan (RosterImportSession *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_SESSION (self), NULL);
  return self->plan;
}

/* ---- Problem rows ----------------------------------------------------------------------------- */

/* The options the plan was read with, for reading the file again (roster-import-problems.c). */
void
roster_import_session_get_csv_options (RosterImportSession *self,
                                       RosterCsvOptions    *options)
{
  g_return_if_fail (ROSTER_IS_IMPORT_SESSION (self));
  g_return_if_fail (options != NULL);

  roster_csv_options_init (options);
  options->encoding = self->encoding;
  options->delimiter = self->delimiter;
  options->sheet = self->sheet;
}

/* ---- Resuming from a journal ------------------------------------------------------------------- */

static void
open_journal_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  char **args = task_data;  /* path, account ID */
  GError *error = NULL;
  RosterImportJournal *journal;

  journal = roster_import_journal_open_path (args[0], args[1], ROSTER_IMPORT_JOURNAL_OPEN_NONE, &error);
  if (journal == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, journal, g_object_unref);
}

/**
 * roster_import_session_open_journal_async:
 * @path: an unfinished import's journal, as roster_import_journal_list() gives it
 *
 * Opens (and locks) the journal an earlier run left, for resuming it: the session's file and
 * resume target become the journal's; load the file next.  Only the account that started the
 * import may (%ROSTER_IMPORT_ERROR_JOURNAL_OTHER_ACCOUNT).
 */
void
roster_import_session_open_journal_async (RosterImportSession *self,
                                          const char          *path,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char **args;

  g_return_if_fail (ROSTER_IS_IMPORT_SESSION (self));
  g_return_if_fail (path != NULL);

  args = g_new0 (char *, 3);
  args[0] = g_strdup (path);
  args[1] = roster_client_dup_account_id (self->client);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_import_session_open_journal_async);
  g_task_set_task_data (task, args, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, open_journal_in_thread);
}

gboolean
roster_import_session_open_journal_finish (RosterImportSession  *self,
                                           GAsyncResult         *result,
                                           GError              **error)
{
  RosterImportJournal *journal;

  g_return_val_if_fail (ROSTER_IS_IMPORT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  journal = g_task_propagate_pointer (G_TASK (result), error);
  if (journal == NULL)
    return FALSE;

  g_clear_object (&self->journal);
  self->journal = journal;
  g_clear_pointer (&self->resume_target, roster_import_target_free);
  self->resume_target = roster_import_target_copy (roster_import_journal_get_target (journal));
  g_clear_object (&self->file);
  self->file = g_file_new_for_path (roster_import_journal_get_file_name (journal));

  return TRUE;
}

/* The journal resumed from (or, once started, the job's). */
RosterImportJournal *
roster_import_session_get_journal (RosterImportSession *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_SESSION (self), NULL);

  if (self->job != NULL)
    return roster_import_job_get_journal (self->job);
  return self->journal;
}

/* The target of the journal resumed from, or %NULL. */
const RosterImportTarget *
roster_import_session_get_resume_target (RosterImportSession *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_SESSION (self), NULL);
  return self->resume_target;
}

/* ---- Remembered mappings ------------------------------------------------------------------------ */

/**
 * roster_import_session_set_memory:
 * @memory: (nullable): the account's remembered mappings
 *
 * With a memory, a load whose header was seen before applies the mapping remembered for it
 * (see roster_import_session_get_remembered()), and starting an import remembers its mapping,
 * target and tidying for the next file of that header.
 */
void
roster_import_session_set_memory (RosterImportSession *self,
                                  RosterImportMemory  *memory)
{
  g_return_if_fail (ROSTER_IS_IMPORT_SESSION (self));
  g_return_if_fail (memory == NULL || ROSTER_IS_IMPORT_MEMORY (memory));

  g_set_object (&self->memory, memory);
}

/* The remembered mapping the last load applied, or %NULL. */
const RosterImportRemembered *
roster_import_session_get_remembered (RosterImportSession *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_SESSION (self), NULL);

  return self->remembered;
}

/* The target's title, remembered with the mapping so that Preferences can show it. */
void
roster_import_session_set_webinar_title (RosterImportSession *self,
                                         const char          *title)
{
  g_return_if_fail (ROSTER_IS_IMPORT_SESSION (self));

  g_free (self->webinar_title);
  self->webinar_title = g_strdup (title);
}

/* ---- Start ------------------------------------------------------------------------------------- */

typedef struct
{
  char                         *dir;
  char                         *account_id;
  char                         *file_sha256;
  char                         *file_name;
  RosterImportTarget           *target;
  guint                         n_rows;
  RosterImportJournalOpenFlags  flags;
  RosterImportJournal          *journal;      /* the one resumed from, or NULL: open one */
  GArray                       *corrections;  /* the plan's, for the journal */
  GArray                       *lines;        /* guint: each correction's line */
  RosterImportMemory           *memory;   /* remembering: with the header, mapping and title */
  GStrv                         header;
  RosterImportMapping          *mapping;
  char                         *webinar_title;
} StartData;

static void
start_data_free (StartData *data)
{
  g_free (data->dir);
  g_free (data->account_id);
  g_free (data->file_sha256);
  g_free (data->file_name);
  g_clear_pointer (&data->target, roster_import_target_free);
  g_clear_object (&data->journal);
  g_clear_pointer (&data->corrections, g_array_unref);
  g_clear_pointer (&data->lines, g_array_unref);
  g_clear_object (&data->memory);
  g_strfreev (data->header);
  g_clear_pointer (&data->mapping, roster_import_mapping_free);
  g_free (data->webinar_title);
  g_free (data);
}

/* The journal is keyed by the account, the file's content and the target: the same file for
 * the same target continues where it stopped, and nobody in it is registered twice. */
static void
start_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  StartData *data = task_data;
  GError *error = NULL;
  RosterImportJournal *journal;

  if (data->journal != NULL)
    journal = g_object_ref (data->journal);
  else
    journal = roster_import_journal_open (data->dir, data->account_id, data->file_sha256, data->file_name,
                                          data->target, data->n_rows, data->flags, &error);
  if (journal == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Durable before anything is sent: a resumed run sends the corrected values too. */
  for (guint i = 0; i < data->corrections->len; i++)
    {
      const RosterImportCorrection *c = &g_array_index (data->corrections, RosterImportCorrection, i);

      if (!roster_import_journal_append_correction (journal, c->row, g_array_index (data->lines, guint, i),
                                                    c->field, c->value, &error))
        {
          g_object_unref (journal);
          g_task_return_error (task, error);
          return;
        }
    }

  /* Not being able to remember never stops an import. */
  if (data->memory != NULL &&
      !roster_import_memory_remember (data->memory, (const char * const *) data->header, data->mapping,
                                      data->target, data->webinar_title, &error))
    {
      g_warning ("The mapping could not be remembered: %s", error->message);
      g_clear_error (&error);
    }
  g_task_return_pointer (task, journal, g_object_unref);
}

static void
set_file_changed_error (GTask *task)
{
  g_task_return_new_error (task, ROSTER_IMPORT_ERROR, ROSTER_IMPORT_ERROR_FILE_CHANGED,
                           _("The file changed since the import stopped, so it can’t be resumed."));
}

/**
 * roster_import_session_start_async:
 * @target: where to register the people of the plan
 * @flags: %ROSTER_IMPORT_JOURNAL_OPEN_RECOVER once the user agreed to recover a damaged journal
 *
 * Resolves the journal (the one resumed from if the file and @target are still its own, else
 * the one of this account, file content and target, new or left by an earlier run) and makes
 * the job, not started yet.  See the top of the header for the errors a front end handles.
 */
void
roster_import_session_start_async (RosterImportSession          *self,
                                   const RosterImportTarget     *target,
                                   RosterImportJournalOpenFlags  flags,
                                   GCancellable                 *cancellable,
                                   GAsyncReadyCallback           callback,
                                   gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  StartData *data;

  g_return_if_fail (ROSTER_IS_IMPORT_SESSION (self));
  g_return_if_fail (target != NULL);
  g_return_if_fail (self->plan != NULL && self->file_sha256 != NULL);
  g_return_if_fail (self->job == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_import_session_start_async);
  data = g_new0 (StartData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) start_data_free);
  data->corrections = roster_import_plan_dup_corrections (self->plan, &data->lines);

  if (self->journal != NULL)
    {
      if (g_strcmp0 (self->file_sha256, roster_import_journal_get_file_sha256 (self->journal)) != 0)
        {
          /* Unlocked: starting again is a new import of the new content. */
          g_clear_object (&self->journal);
          g_clear_pointer (&self->resume_target, roster_import_target_free);
          set_file_changed_error (task);
          return;
        }
      if (roster_import_target_equal (target, roster_import_journal_get_target (self->journal)))
        {
          data->journal = g_object_ref (self->journal);
          g_task_run_in_thread (task, start_in_thread);
          return;
        }
      /* Another target has a journal of its own; this one is let go (and unlocked). */
      g_clear_object (&self->journal);
    }

  data->dir = g_strdup (roster_client_get_journal_dir (self->client));
  data->account_id = roster_client_dup_account_id (self->client);
  data->file_sha256 = g_strdup (self->file_sha256);
  data->file_name = g_file_get_path (self->file);
  if (data->file_name == NULL)
    data->file_name = g_file_get_uri (self->file);
  data->target = roster_import_target_copy (target);
  data->n_rows = roster_import_plan_get_n_rows (self->plan);
  data->flags = flags;
  if (self->memory != NULL && self->preview->header != NULL)
    {
      data->memory = g_object_ref (self->memory);
      data->header = g_strdupv (self->preview->header);
      data->mapping = roster_import_mapping_copy (self->mapping);
      data->webinar_title = g_strdup (self->webinar_title);
    }
  g_task_run_in_thread (task, start_in_thread);
}

/* Returns: (transfer none): the job, which the session owns; it is not started. */
RosterImportJob *
roster_import_session_start_finish (RosterImportSession  *self,
                                    GAsyncResult         *result,
                                    RosterImportResume   *resume,
                                    GError              **error)
{
  g_autoptr(RosterImportJournal) journal = NULL;
  const RosterImportTarget *target;

  g_return_val_if_fail (ROSTER_IS_IMPORT_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  journal = g_task_propagate_pointer (G_TASK (result), error);
  if (journal == NULL)
    return NULL;

  /* The job holds the journal from now on. */
  g_clear_object (&self->journal);
  roster_import_plan_apply_journal (self->plan, journal);
  target = roster_import_journal_get_target (journal);
  self->job = roster_import_job_new (self->client, self->plan, target, journal);

  if (resume != NULL)
    {
      if (roster_import_journal_get_recovering (journal))
        *resume = ROSTER_IMPORT_RESUME_RECOVER;
      else if (!roster_import_journal_is_empty (journal))
        *resume = ROSTER_IMPORT_RESUME_CONTINUE;
      else
        *resume = ROSTER_IMPORT_RESUME_NONE;
    }

  return self->job;
}

/* The job, once started. */
RosterImportJob *
roster_import_session_get_job (RosterImportSession *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_SESSION (self), NULL);
  return self->job;
}

/* The SHA-256 of @file's content, in lower-case hex. */
char *
roster_import_file_sha256 (GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree guchar *buffer = g_malloc (READ_CHUNK);

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, READ_CHUNK, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_checksum_update (checksum, buffer, n);
    }

  return g_strdup (g_checksum_get_string (checksum));
}
