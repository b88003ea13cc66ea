/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-webinar-cache"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>

#include "roster-json-private.h"
#include "roster-presenter.h"
#include "roster-schedule.h"
#include "roster-webinar-cache.h"

/* The last webinar list and the overviews of one account, kept on disk so that the window can
 * show them at once on the next start while the live answer is on its way. The file holds the
 * API's own JSON shape, so loading it goes through the same parser as a live answer. It never
 * holds the API key: the models carry none. Anything unexpected in the file (corrupt, cut
 * short, another version, another account) means "no cache", never an error shown to anyone. */

#define CACHE_FORMAT      "roster-webinar-cache"
#define MAX_FILE_SIZE     (32 * 1024 * 1024)
#define SAVE_DELAY_MSEC   200

struct _RosterWebinarCache
{
  GObject     parent_instance;

  char       *account_name;
  char       *path;

  GPtrArray  *webinars;    /* RosterWebinar from `webinars` */
  GHashTable *overviews;   /* gint64* id → RosterWebinar from `webinar` */
  guint       generation;  /* bumped by every store, so a late load never overwrites news */
  gboolean    loaded;

  /* Saving: stores schedule one write a little later, so a list and the overviews that follow
   * it land in one write; a write asked for during another waits for it and then runs once. */
  guint       save_source;
  gboolean    dirty;
  gboolean    writing;
  GPtrArray  *waiting;     /* GTask of save_async, for the next write */
  GPtrArray  *in_write;    /* GTask of save_async, for the write under way */
  guint       n_writes;
};

G_DEFINE_FINAL_TYPE (RosterWebinarCache, roster_webinar_cache, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT_NAME,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void roster_webinar_cache_kick (RosterWebinarCache *self);

/* ---- serialising models back to the API's shape --------------------------------------------- */

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

/* The `webinar` payload shape (or the `webinars` item shape when the schedules carry no IDs),
 * such that roster_webinar_new_from_json() gives back an equal model. */
JsonNode *
roster_webinar_cache_webinar_to_json (RosterWebinar *webinar)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *schedules;
  GListModel *presenters;
  double fee;
  guint n;

  g_return_val_if_fail (ROSTER_IS_WEBINAR (webinar), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "webinar_id");
  json_builder_add_int_value (builder, roster_webinar_get_id (webinar));
  add_string (builder, "webinar_hash", roster_webinar_get_hash (webinar));
  add_string (builder, "name", roster_webinar_get_name (webinar));
  add_string (builder, "title", roster_webinar_get_title (webinar));
  add_string (builder, "description", roster_webinar_get_description (webinar));
  add_string (builder, "timezone", roster_webinar_get_timezone (webinar));
  add_string (builder, "type", roster_webinar_get_webinar_type (webinar));

  schedules = roster_webinar_get_schedules (webinar);
  n = g_list_model_get_n_items (schedules);
  json_builder_set_member_name (builder, "schedules");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterSchedule) schedule = g_list_model_get_item (schedules, i);
      const char *comment = roster_schedule_get_comment (schedule);

      /* The list's schedules are bare strings; keep them so. */
      if (roster_schedule_get_id (schedule) == 0 && roster_schedule_get_date (schedule) == NULL &&
          comment != NULL)
        {
          json_builder_add_string_value (builder, comment);
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "schedule");
      json_builder_add_int_value (builder, roster_schedule_get_id (schedule));
      add_string (builder, "date", roster_schedule_get_date (schedule));
      add_string (builder, "comment", comment);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  presenters = roster_webinar_get_presenters (webinar);
  n = g_list_model_get_n_items (presenters);
  if (n > 0)
    {
      json_builder_set_member_name (builder, "presenters");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RosterPresenter) presenter = g_list_model_get_item (presenters, i);

          json_builder_begin_object (builder);
          add_string (builder, "name", roster_presenter_get_name (presenter));
          add_string (builder, "email", roster_presenter_get_email (presenter));
          add_string (builder, "picture", roster_presenter_get_picture (presenter));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  add_string (builder, "registration_url", roster_webinar_get_registration_url (webinar));
  add_string (builder, "registration_type", roster_webinar_get_registration_type (webinar));
  fee = roster_webinar_get_registration_fee (webinar);
  if (fee != 0 || roster_webinar_get_registration_type (webinar) != NULL)
    {
      json_builder_set_member_name (builder, "registration_fee");
      /* The API sends whole numbers; anything else stays exact as a double. */
      if (fee == floor (fee) && fabs (fee) < 1e15)
        json_builder_add_int_value (builder, (gint64) fee);
      else
        json_builder_add_double_value (builder, fee);
    }
  add_string (builder, "registration_currency", roster_webinar_get_registration_currency (webinar));
  add_string (builder, "registration_checkout_url",
              roster_webinar_get_registration_checkout_url (webinar));
  add_string (builder, "registration_post_payment_url",
              roster_webinar_get_registration_post_payment_url (webinar));
  add_string (builder, "direct_live_room_url", roster_webinar_get_live_room_url (webinar));
  add_string (builder, "direct_replay_room_url", roster_webinar_get_replay_room_url (webinar));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ---- the file -------------------------------------------------------------------------------- */

/* A readable, file-name-safe prefix of the account name, and a hash of the whole name so that
 * two names that sanitise alike still get files of their own. */
static char *
file_name_for_account (const char *account_name)
{
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, account_name, -1);
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = account_name; *p != '\0' && name->len < 40; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) || *p == '-' || *p == '_' ? *p : '_');
  if (name->len > 0)
    g_string_append_c (name, '-');
  g_string_append_len (name, checksum, 16);
  g_string_append (name, ".json");

  return g_string_free (g_steal_pointer (&name), FALSE);
}

typedef struct
{
  GPtrArray  *webinars;
  GHashTable *overviews;
} CacheContents;

static GHashTable *
overviews_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

static void
cache_contents_free (CacheContents *contents)
{
  g_clear_pointer (&contents->webinars, g_ptr_array_unref);
  g_clear_pointer (&contents->overviews, g_hash_table_unref);
  g_free (contents);
}

static CacheContents *
cache_contents_new (void)
{
  CacheContents *contents = g_new0 (CacheContents, 1);

  contents->webinars = g_ptr_array_new_with_free_func (g_object_unref);
  contents->overviews = overviews_new ();
  return contents;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CacheContents, cache_contents_free)

static void
add_overview (GHashTable    *overviews,
              RosterWebinar *webinar)
{
  gint64 *key = g_new (gint64, 1);

  *key = roster_webinar_get_id (webinar);
  g_hash_table_replace (overviews, key, g_object_ref (webinar));
}

/* Each entry that does not parse is dropped on its own; the rest stays usable. */
static void
read_webinars (JsonArray  *array,
               const char *what,
               GPtrArray  *out)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      RosterWebinar *webinar = roster_webinar_new_from_json (json_array_get_element (array, i),
                                                             &error);
      if (webinar == NULL)
        {
          g_debug ("Dropping %s %u of the cache: %s", what, i, error->message);
          continue;
        }
      g_ptr_array_add (out, webinar);
    }
}

static JsonArray *
get_array_member (JsonObject *object,
                  const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

/* Runs in a worker thread. Never fails: whatever is wrong with the file yields empty contents
 * and a debug message. */
static CacheContents *
read_cache_file (const char *path,
                 const char *account_name)
{
  g_autoptr(CacheContents) contents = cache_contents_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) overviews = NULL;
  g_autofree char *data = NULL;
  JsonArray *webinars_array;
  JsonArray *overviews_array;
  JsonObject *object;
  const char *format;
  const char *account;
  GStatBuf buf;
  gsize length;

  if (g_stat (path, &buf) != 0)
    {
      int saved_errno = errno;

      g_debug ("No webinar cache yet at %s: %s", path, g_strerror (saved_errno));
      return g_steal_pointer (&contents);
    }
  if (buf.st_size > MAX_FILE_SIZE)
    {
      g_debug ("Ignoring the webinar cache %s: too large", path);
      return g_steal_pointer (&contents);
    }
  if (!g_file_get_contents (path, &data, &length, &error))
    {
      g_debug ("Ignoring the webinar cache %s: %s", path, error->message);
      return g_steal_pointer (&contents);
    }
  if (!roster_json_parse (data, length, &root, &error))
    {
      g_debug ("Ignoring the webinar cache %s: %s", path, error->message);
      return g_steal_pointer (&contents);
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("Ignoring the webinar cache %s: not an object", path);
      return g_steal_pointer (&contents);
    }

  object = json_node_get_object (root);
  format = json_object_get_string_member_with_default (object, "format", NULL);
  account = json_object_get_string_member_with_default (object, "account", NULL);
  if (g_strcmp0 (format, CACHE_FORMAT) != 0 ||
      !json_object_has_member (object, "version") ||
      json_node_get_value_type (json_object_get_member (object, "version")) != G_TYPE_INT64 ||
      json_object_get_int_member (object, "version") != ROSTER_WEBINAR_CACHE_VERSION)
    {
      g_debug ("Ignoring the webinar cache %s: not of version %d", path,
               ROSTER_WEBINAR_CACHE_VERSION);
      return g_steal_pointer (&contents);
    }
  if (g_strcmp0 (account, account_name) != 0)
    {
      g_debug ("Ignoring the webinar cache %s: it belongs to another account", path);
      return g_steal_pointer (&contents);
    }
  webinars_array = get_array_member (object, "webinars");
  overviews_array = get_array_member (object, "overviews");
  if (webinars_array == NULL || (overviews_array == NULL && json_object_has_member (object, "overviews")))
    {
      g_debug ("Ignoring the webinar cache %s: wrong shape", path);
      return g_steal_pointer (&contents);
    }

  read_webinars (webinars_array, "webinar", contents->webinars);
  if (overviews_array != NULL)
    {
      overviews = g_ptr_array_new_with_free_func (g_object_unref);
      read_webinars (overviews_array, "overview", overviews);
      for (guint i = 0; i < overviews->len; i++)
        add_overview (contents->overviews, g_ptr_array_index (overviews, i));
    }

  g_debug ("Loaded %u webinars and %u overviews from the cache",
           contents->webinars->len, g_hash_table_size (contents->overviews));

  return g_steal_pointer (&contents);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = **(gint64 **) a;
  gint64 y = **(gint64 **) b;

  return x < y ? -1 : x > y;
}

/* Serialises the current state on the main thread, so the worker never touches the models. */
static GBytes *
serialize (RosterWebinarCache *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  char *data;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, CACHE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, ROSTER_WEBINAR_CACHE_VERSION);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, self->account_name);
  json_builder_set_member_name (builder, "saved");
  json_builder_add_int_value (builder, g_get_real_time () / G_USEC_PER_SEC);

  json_builder_set_member_name (builder, "webinars");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->webinars->len; i++)
    json_builder_add_value (builder, roster_webinar_cache_webinar_to_json (g_ptr_array_index (self->webinars, i)));
  json_builder_end_array (builder);

  /* In ID order, so that the same state always gives the same file. */
  g_hash_table_iter_init (&iter, self->overviews);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_ids);

  json_builder_set_member_name (builder, "overviews");
  json_builder_begin_array (builder);
  for (guint i = 0; i < keys->len; i++)
    json_builder_add_value (builder,
                            roster_webinar_cache_webinar_to_json (g_hash_table_lookup (self->overviews,
                                                                                       keys->pdata[i])));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  return g_bytes_new_take (data, length);
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
roster_webinar_cache_finalize (GObject *object)
{
  RosterWebinarCache *self = (RosterWebinarCache *) object;

  /* Pending sources and writes hold a reference, so none can be left here. */
  g_assert (self->save_source == 0);
  g_assert (self->waiting->len == 0);

  g_clear_pointer (&self->account_name, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->webinars, g_ptr_array_unref);
  g_clear_pointer (&self->overviews, g_hash_table_unref);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_pointer (&self->in_write, g_ptr_array_unref);

  G_OBJECT_CLASS (roster_webinar_cache_parent_class)->finalize (object);
}

static void
roster_webinar_cache_constructed (GObject *object)
{
  RosterWebinarCache *self = (RosterWebinarCache *) object;

  G_OBJECT_CLASS (roster_webinar_cache_parent_class)->constructed (object);

  if (self->account_name == NULL)
    self->account_name = g_strdup ("");
  if (self->path == NULL)
    {
      g_autofree char *file_name = file_name_for_account (self->account_name);

      self->path = g_build_filename (g_get_user_cache_dir (), "roster", file_name, NULL);
    }
}

static void
roster_webinar_cache_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RosterWebinarCache *self = ROSTER_WEBINAR_CACHE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_NAME:
      g_value_set_string (value, self->account_name);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_webinar_cache_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RosterWebinarCache *self = ROSTER_WEBINAR_CACHE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_NAME:
      self->account_name = g_value_dup_string (value);
      break;
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_webinar_cache_class_init (RosterWebinarCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = roster_webinar_cache_constructed;
  object_class->finalize = roster_webinar_cache_finalize;
  object_class->get_property = roster_webinar_cache_get_property;
  object_class->set_property = roster_webinar_cache_set_property;

  properties[PROP_ACCOUNT_NAME] =
    g_param_spec_string ("account-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_webinar_cache_init (RosterWebinarCache *self)
{
  self->webinars = g_ptr_array_new_with_free_func (g_object_unref);
  self->overviews = overviews_new ();
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->in_write = g_ptr_array_new_with_free_func (g_object_unref);
}

/* The cache of one account, in the user's cache dir. */
RosterWebinarCache *
roster_webinar_cache_new (const char *account_name)
{
  g_return_val_if_fail (account_name != NULL, NULL);

  return g_object_new (ROSTER_TYPE_WEBINAR_CACHE,
                       "account-name", account_name,
                       NULL);
}

/* For tests and benchmarks: a cache at a path of the caller's choosing. */
RosterWebinarCache *
roster_webinar_cache_new_for_path (const char *account_name,
                                   const char *path)
{
  g_return_val_if_fail (account_name != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (ROSTER_TYPE_WEBINAR_CACHE,
                       "account-name", account_name,
                       "path", path,
                       NULL);
}

const char *
roster_webinar_cache_get_account_name (RosterWebinarCache *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_CACHE (self), NULL);
  return self->account_name;
}

const char *
roster_webinar_cache_get_path (RosterWebinarCache *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_CACHE (self), NULL);
  return self->path;
}

/* Whether a load finished (with or without anything in it). */
gboolean
roster_webinar_cache_get_loaded (RosterWebinarCache *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_CACHE (self), FALSE);
  return self->loaded;
}

/* ---- loading --------------------------------------------------------------------------------- */

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  RosterWebinarCache *self = source_object;

  /* path and account_name are set at construction and never change: safe to read here. */
  g_task_return_pointer (task, read_cache_file (self->path, self->account_name),
                         (GDestroyNotify) cache_contents_free);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RosterWebinarCache *self = ROSTER_WEBINAR_CACHE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(CacheContents) contents = NULL;
  g_autoptr(GError) error = NULL;
  guint generation = GPOINTER_TO_UINT (g_task_get_task_data (task));

  contents = g_task_propagate_pointer (G_TASK (result), &error);
  if (contents == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Something stored while the file was read is newer than the file: keep it. */
  if (generation == self->generation)
    {
      g_ptr_array_unref (self->webinars);
      self->webinars = g_steal_pointer (&contents->webinars);
      g_hash_table_unref (self->overviews);
      self->overviews = g_steal_pointer (&contents->overviews);
    }
  self->loaded = TRUE;

  g_task_return_pointer (task, roster_webinar_cache_dup_webinars (self),
                         (GDestroyNotify) g_ptr_array_unref);
}

/* Reads the file in a worker thread. Never fails for what is in the file: a missing, corrupt
 * or foreign file loads as empty. */
void
roster_webinar_cache_load_async (RosterWebinarCache  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;

  g_return_if_fail (ROSTER_IS_WEBINAR_CACHE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_webinar_cache_load_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (self->generation), NULL);

  /* The worker itself is not cancellable: it is short, and its result still fills the cache. */
  worker = g_task_new (self, NULL, load_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, load_thread);
  g_task_run_in_thread (worker, load_thread);
}

/* Returns the cached webinars (a new array, maybe empty) or NULL with G_IO_ERROR_CANCELLED. */
GPtrArray *
roster_webinar_cache_load_finish (RosterWebinarCache  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- state ----------------------------------------------------------------------------------- */

/* A new array of the webinars of the last list (the array's own; the models are shared). */
GPtrArray *
roster_webinar_cache_dup_webinars (RosterWebinarCache *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (ROSTER_IS_WEBINAR_CACHE (self), NULL);

  copy = g_ptr_array_new_full (self->webinars->len, g_object_unref);
  for (guint i = 0; i < self->webinars->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (self->webinars, i)));
  return copy;
}

/* The last overview (`webinar` answer) stored for this webinar, or NULL. Transfer full. */
RosterWebinar *
roster_webinar_cache_lookup_overview (RosterWebinarCache *self,
                                      gint64              webinar_id)
{
  RosterWebinar *webinar;

  g_return_val_if_fail (ROSTER_IS_WEBINAR_CACHE (self), NULL);

  webinar = g_hash_table_lookup (self->overviews, &webinar_id);
  return webinar != NULL ? g_object_ref (webinar) : NULL;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  RosterWebinarCache *self = user_data;

  self->save_source = 0;
  roster_webinar_cache_kick (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (RosterWebinarCache *self)
{
  self->generation++;
  self->dirty = TRUE;
  if (self->save_source == 0)
    self->save_source = g_timeout_add_full (G_PRIORITY_LOW, SAVE_DELAY_MSEC, save_timeout_cb,
                                            g_object_ref (self), g_object_unref);
}

/* Replaces the list, drops overviews of webinars no longer in it, and saves soon. */
void
roster_webinar_cache_store_list (RosterWebinarCache *self,
                                 GPtrArray          *webinars)
{
  g_autoptr(GHashTable) ids = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (ROSTER_IS_WEBINAR_CACHE (self));
  g_return_if_fail (webinars != NULL);

  ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_ptr_array_set_size (self->webinars, 0);
  for (guint i = 0; i < webinars->len; i++)
    {
      RosterWebinar *webinar = g_ptr_array_index (webinars, i);
      gint64 *id;

      g_return_if_fail (ROSTER_IS_WEBINAR (webinar));
      g_ptr_array_add (self->webinars, g_object_ref (webinar));
      id = g_new (gint64, 1);
      *id = roster_webinar_get_id (webinar);
      g_hash_table_add (ids, id);
    }

  g_hash_table_iter_init (&iter, self->overviews);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (ids, key))
      g_hash_table_iter_remove (&iter);

  schedule_save (self);
}

/* Remembers the answer of `webinar` for this webinar, and saves soon. */
void
roster_webinar_cache_store_overview (RosterWebinarCache *self,
                                     RosterWebinar      *webinar)
{
  g_return_if_fail (ROSTER_IS_WEBINAR_CACHE (self));
  g_return_if_fail (ROSTER_IS_WEBINAR (webinar));

  add_overview (self->overviews, webinar);
  schedule_save (self);
}

/* ---- saving ---------------------------------------------------------------------------------- */

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  RosterWebinarCache *self = source_object;
  GBytes *bytes = task_data;
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "%s: %s", dir, g_strerror (saved_errno));
      return;
    }

  /* Written to a temporary file, synced and renamed over the old one: a crash leaves either
   * the old file or the new one, never half of one. */
  if (!g_file_set_contents_full (self->path, data, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  RosterWebinarCache *self = ROSTER_WEBINAR_CACHE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiters = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  if (!ok)
    g_debug ("Could not write the webinar cache %s: %s", self->path, error->message);
  else
    self->n_writes++;

  self->writing = FALSE;
  waiters = g_steal_pointer (&self->in_write);
  self->in_write = g_ptr_array_new_with_free_func (g_object_unref);

  /* Before the callbacks run: what was stored meanwhile goes out in the next write. */
  if (self->dirty || self->waiting->len > 0)
    roster_webinar_cache_kick (self);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);

      if (ok)
        g_task_return_boolean (waiter, TRUE);
      else
        g_task_return_error (waiter, g_error_copy (error));
    }
}

/* Starts a write of the current state unless one is under way (then it runs after it). */
static void
roster_webinar_cache_kick (RosterWebinarCache *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->writing)
    return;

  if (!self->dirty)
    {
      g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiting);

      /* Nothing new since the last write: every waiter is already served. */
      self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < waiters->len; i++)
        g_task_return_boolean (g_ptr_array_index (waiters, i), TRUE);
      return;
    }

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->dirty = FALSE;
  self->writing = TRUE;
  g_ptr_array_extend_and_steal (self->in_write, g_steal_pointer (&self->waiting));
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);

  task = g_task_new (self, NULL, write_done_cb, NULL);
  g_task_set_source_tag (task, write_thread);
  g_task_set_task_data (task, serialize (self), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, write_thread);
}

/* Writes what is stored now (at once, or right after a write under way) and completes when it
 * is on disk. Several calls in a row share writes. */
void
roster_webinar_cache_save_async (RosterWebinarCache  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROSTER_IS_WEBINAR_CACHE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_webinar_cache_save_async);

  /* A write under way that already holds everything stored serves this call too. */
  if (self->writing && !self->dirty)
    g_ptr_array_add (self->in_write, g_steal_pointer (&task));
  else
    g_ptr_array_add (self->waiting, g_steal_pointer (&task));
  roster_webinar_cache_kick (self);
}

gboolean
roster_webinar_cache_save_finish (RosterWebinarCache  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_CACHE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* How many writes reached the disk; tests use it to see coalescing. */
guint
roster_webinar_cache_get_n_writes (RosterWebinarCache *self)
{
  g_return_val_if_fail (ROSTER_IS_WEBINAR_CACHE (self), 0);
  return self->n_writes;
}
