/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-memory"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "roster-import-memory-private.h"
#include "roster-json-private.h"

/* The file of one account's remembered mappings.  It is read again on every call, so that the
 * GUI, roster-cli and the preferences see each other's changes; it is small and bounded. */

#define FORMAT_VERSION  1
#define MAX_FILE_SIZE   (1024 * 1024)
#define MAX_REMEMBERED  100  /* the oldest go first */

struct _RosterImportMemory
{
  GObject  parent_instance;

  char    *path;
  GMutex   lock;  /* one read-modify-write at a time within the process; flock() across them */
};

G_DEFINE_FINAL_TYPE (RosterImportMemory, roster_import_memory, G_TYPE_OBJECT)

static void
roster_import_memory_finalize (GObject *object)
{
  RosterImportMemory *self = ROSTER_IMPORT_MEMORY (object);

  g_free (self->path);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (roster_import_memory_parent_class)->finalize (object);
}

static void
roster_import_memory_class_init (RosterImportMemoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_import_memory_finalize;
}

static void
roster_import_memory_init (RosterImportMemory *self)
{
  g_mutex_init (&self->lock);
}

/* @path: the account's file, as roster_import_memory_new_for_client() chooses it */
RosterImportMemory *
roster_import_memory_new (const char *path)
{
  RosterImportMemory *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (ROSTER_TYPE_IMPORT_MEMORY, NULL);
  self->path = g_strdup (path);

  return self;
}

/* Where every account's file lives: g_get_user_data_dir()/roster/mappings. */
char *
roster_import_memory_dup_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "roster", "mappings", NULL);
}

/**
 * roster_import_memory_new_for_client:
 *
 * The memory of @client's account, named by its account ID (never the key); the demo, whose
 * journals live in a temporary folder, remembers beside them.
 */
RosterImportMemory *
roster_import_memory_new_for_client (RosterClient *client)
{
  g_autofree char *account_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *journal_dir;

  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);

  account_id = roster_client_dup_account_id (client);
  journal_dir = roster_client_get_journal_dir (client);
  /* Beside the demo's journals, flat, so that removing their folder removes it too. */
  name = g_strconcat (account_id, journal_dir != NULL ? ".mappings.json" : ".json", NULL);
  dir = journal_dir != NULL ? g_strdup (journal_dir) : roster_import_memory_dup_dir ();
  path = g_build_filename (dir, name, NULL);

  return roster_import_memory_new (path);
}

const char *
roster_import_memory_get_path (RosterImportMemory *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_MEMORY (self), NULL);

  return self->path;
}

/* ---- The file ----------------------------------------------------------------------------------- */

/* Every remembered mapping in the file, newest first; a missing file is none, a damaged one is
 * none with a warning (the next save writes it anew). */
static GPtrArray *
read_all (RosterImportMemory *self)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_remembered_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root = NULL;
  JsonArray *array = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_stat (self->path, &st) != 0)
    {
      if (errno != ENOENT)
        g_warning ("Remembered mappings in %s cannot be read: %s", self->path, g_strerror (errno));
      return all;
    }
  if (st.st_size > MAX_FILE_SIZE)
    {
      g_warning ("Remembered mappings in %s ignored: the file is too big", self->path);
      return all;
    }
  /* Parsed as the API's answers are: bounded depth, valid text. */
  if (!g_file_get_contents (self->path, &contents, &length, &error) ||
      !roster_json_parse (contents, length, &node, &error))
    {
      g_warning ("Remembered mappings in %s ignored: %s", self->path, error->message);
      return all;
    }

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    root = json_node_get_object (node);
  if (root != NULL && json_object_has_member (root, "mappings") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "mappings")))
    array = json_object_get_array_member (root, "mappings");
  if (array == NULL)
    {
      g_warning ("Remembered mappings in %s ignored: not a list of mappings", self->path);
      return all;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      RosterImportRemembered *remembered = NULL;

      if (JSON_NODE_HOLDS_OBJECT (item))
        remembered = _roster_import_remembered_from_json (json_node_get_object (item));
      if (remembered == NULL)
        g_warning ("Remembered mappings in %s: entry %u ignored, it is damaged", self->path, i);
      else
        g_ptr_array_add (all, remembered);
    }

  return all;
}

static gboolean
write_all (RosterImportMemory  *self,
           GPtrArray           *all,
           GError             **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *data = NULL;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  json_builder_set_member_name (builder, "mappings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < all->len; i++)
    _roster_import_remembered_to_json (g_ptr_array_index (all, i), builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }

  /* A temporary file, made durable, renamed over the old one: never half a file. */
  return g_file_set_contents_full (self->path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* Holds the account's lock file while a change is read, made and written, so that the GUI and
 * roster-cli remembering at once both keep theirs.  Returns the fd to close, or -1 (then the
 * change goes ahead unlocked: a lost entry is better than a lost import). */
static int
lock_for_change (RosterImportMemory *self)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *lock = g_strconcat (self->path, ".lock", NULL);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return -1;
  fd = g_open (lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd >= 0)
    while (flock (fd, LOCK_EX) != 0 && errno == EINTR)
      ;

  return fd;
}

static void
unlock_after_change (int fd)
{
  if (fd >= 0)
    close (fd);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const RosterImportRemembered *ra = *(const RosterImportRemembered **) a;
  const RosterImportRemembered *rb = *(const RosterImportRemembered **) b;

  return -g_date_time_compare (roster_import_remembered_get_saved (ra), roster_import_remembered_get_saved (rb));
}

static guint
find (GPtrArray  *all,
      const char *signature)
{
  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (roster_import_remembered_get_signature (g_ptr_array_index (all, i)), signature))
      return i;

  return G_MAXUINT;
}

/* ---- API ------------------------------------------------------------------------------------ */

/**
 * roster_import_memory_lookup:
 * @signature: roster_import_header_signature() of a file's header
 *
 * Returns: (transfer full) (nullable): the mapping remembered for files of that header.
 */
RosterImportRemembered *
roster_import_memory_lookup (RosterImportMemory *self,
                             const char         *signature)
{
  g_autoptr(GPtrArray) all = NULL;
  guint index;

  g_return_val_if_fail (ROSTER_IS_IMPORT_MEMORY (self), NULL);
  g_return_val_if_fail (signature != NULL, NULL);

  g_mutex_lock (&self->lock);
  all = read_all (self);
  g_mutex_unlock (&self->lock);
  index = find (all, signature);

  return index != G_MAXUINT ? g_ptr_array_steal_index (all, index) : NULL;
}

/**
 * roster_import_memory_list_accounts:
 *
 * Every account's memory under roster_import_memory_dup_dir(), for Preferences, which has
 * the accounts' names but not their keys, and so not their account IDs.
 *
 * Returns: (transfer container) (element-type RosterImportMemory): the memories.
 */
GPtrArray *
roster_import_memory_list_accounts (void)
{
  g_autofree char *path = roster_import_memory_dup_dir ();
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = NULL;

      /* Not the temporary files of an atomic write under way. */
      if (!g_str_has_suffix (name, ".json"))
        continue;
      file = g_build_filename (path, name, NULL);
      g_ptr_array_add (all, roster_import_memory_new (file));
    }

  return all;
}

/**
 * roster_import_memory_lookup_any:
 * @signature: roster_import_header_signature() of a file's header
 *
 * Looks in every account's file, for a front end that has no account (`roster-cli preview`).
 *
 * Returns: (transfer full) (nullable): the newest mapping remembered for that header.
 */
RosterImportRemembered *
roster_import_memory_lookup_any (const char *signature)
{
  g_autoptr(GPtrArray) all = roster_import_memory_list_accounts ();
  RosterImportRemembered *newest = NULL;

  g_return_val_if_fail (signature != NULL, NULL);

  for (guint i = 0; i < all->len; i++)
    {
      RosterImportRemembered *found = roster_import_memory_lookup (g_ptr_array_index (all, i), signature);

      if (found == NULL)
        continue;
      if (newest == NULL ||
          g_date_time_compare (roster_import_remembered_get_saved (found), roster_import_remembered_get_saved (newest)) > 0)
        {
          roster_import_remembered_free (newest);
          newest = found;
        }
      else
        roster_import_remembered_free (found);
    }

  return newest;
}

/**
 * roster_import_memory_remember:
 * @header: the file's header
 * @mapping: the mapping of the import, with its tidying and default country
 * @target: (nullable): where it registered people
 * @webinar_title: (nullable): the target's title, to show
 *
 * Remembers (or replaces) the mapping for files with @header's signature.
 */
gboolean
roster_import_memory_remember (RosterImportMemory         *self,
                               const char * const         *header,
                               const RosterImportMapping  *mapping,
                               const RosterImportTarget   *target,
                               const char                 *webinar_title,
                               GError                    **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  RosterImportRemembered *remembered;
  gboolean ok;
  guint index;
  int fd;

  g_return_val_if_fail (ROSTER_IS_IMPORT_MEMORY (self), FALSE);
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (mapping != NULL, FALSE);

  remembered = _roster_import_remembered_new (header, mapping, target, webinar_title, now);

  g_mutex_lock (&self->lock);
  fd = lock_for_change (self);
  all = read_all (self);
  index = find (all, roster_import_remembered_get_signature (remembered));
  if (index != G_MAXUINT)
    g_ptr_array_remove_index (all, index);
  g_ptr_array_insert (all, 0, remembered);
  g_ptr_array_sort (all, compare_newest_first);
  if (all->len > MAX_REMEMBERED)
    g_ptr_array_set_size (all, MAX_REMEMBERED);
  ok = write_all (self, all, error);
  unlock_after_change (fd);
  g_mutex_unlock (&self->lock);

  return ok;
}

/**
 * roster_import_memory_list:
 *
 * Returns: (transfer container) (element-type RosterImportRemembered): every remembered mapping,
 * newest first.
 */
GPtrArray *
roster_import_memory_list (RosterImportMemory *self)
{
  GPtrArray *all;

  g_return_val_if_fail (ROSTER_IS_IMPORT_MEMORY (self), NULL);

  g_mutex_lock (&self->lock);
  all = read_all (self);
  g_mutex_unlock (&self->lock);
  g_ptr_array_sort (all, compare_newest_first);

  return all;
}

/* Forgets the mapping of @signature; one that is not there is no error. */
gboolean
roster_import_memory_forget (RosterImportMemory  *self,
                             const char          *signature,
                             GError             **error)
{
  g_autoptr(GPtrArray) all = NULL;
  gboolean ok = TRUE;
  guint index;
  int fd = -1;

  g_return_val_if_fail (ROSTER_IS_IMPORT_MEMORY (self), FALSE);
  g_return_val_if_fail (signature != NULL, FALSE);

  g_mutex_lock (&self->lock);
  /* Nothing to forget in a file that is not there: no folder made for the lock either. */
  if (g_file_test (self->path, G_FILE_TEST_EXISTS))
    fd = lock_for_change (self);
  all = read_all (self);
  index = find (all, signature);
  if (index != G_MAXUINT)
    {
      g_ptr_array_remove_index (all, index);
      ok = write_all (self, all, error);
    }
  unlock_after_change (fd);
  g_mutex_unlock (&self->lock);

  return ok;
}

/* Forgets every mapping of the account: the file goes. */
gboolean
roster_import_memory_forget_all (RosterImportMemory  *self,
                                 GError             **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (ROSTER_IS_IMPORT_MEMORY (self), FALSE);

  g_mutex_lock (&self->lock);
  {
    g_autofree char *lock = g_strconcat (self->path, ".lock", NULL);

    g_unlink (lock);
  }
  if (g_unlink (self->path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", self->path, g_strerror (saved));
      ok = FALSE;
    }
  g_mutex_unlock (&self->lock);

  return ok;
}
