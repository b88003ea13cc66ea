/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-account"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "roster-account-private.h"
#include "roster-import-journal.h"
#include "roster-keyring.h"
#include "roster-registrant-store.h"

/* One account: what GSettings says about it, and the way to its key. The key is either looked up
 * in the keyring when a client is first needed, or, for session-only and demo accounts, held in
 * memory here and never written anywhere. Each account caches one RosterClient, so every view of
 * the account shares one client, and through it the one rate limiter of its key; two accounts
 * never share a client, so switching accounts never mixes their data. */

struct _RosterAccount
{
  GObject        parent_instance;

  char          *name;
  RosterProduct  product;
  char          *endpoint;     /* NULL: the product's default */
  char          *session_key;  /* NULL unless the key lives in memory only */
  RosterClient  *client;
  guint          generation;   /* bumped when the cached client goes stale */
  char          *journal_dir;  /* the demo's temporary one, removed with the account */
  RosterRegistrantStore *registrant_store;
  GPtrArray     *store_waiters;  /* GTasks waiting for the store to open */
  guint          is_demo : 1;
};

G_DEFINE_FINAL_TYPE (RosterAccount, roster_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_PRODUCT,
  PROP_ENDPOINT,
  PROP_IS_DEMO,
  PROP_SESSION_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REGISTRANT_STORE_FORGOTTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
wipe_key (char **key)
{
  if (*key != NULL)
    {
      explicit_bzero (*key, strlen (*key));
      g_clear_pointer (key, g_free);
    }
}

static char *
normalize_endpoint (const char *endpoint)
{
  return endpoint != NULL && *endpoint != '\0' ? g_strdup (endpoint) : NULL;
}

/**
 * roster_account_new:
 * @name: the display name, unique among accounts
 * @endpoint: (nullable): the API address, or %NULL for the product's default
 *
 * An account whose key is in the keyring.
 */
RosterAccount *
roster_account_new (const char    *name,
                    RosterProduct  product,
                    const char    *endpoint)
{
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  return g_object_new (ROSTER_TYPE_ACCOUNT,
                       "name", name,
                       "product", product,
                       "endpoint", endpoint,
                       NULL);
}

/**
 * roster_account_new_session_only:
 *
 * An account whose key is used until the process exits, for when no keyring can keep it.
 */
RosterAccount *
roster_account_new_session_only (const char    *name,
                                 RosterProduct  product,
                                 const char    *endpoint,
                                 const char    *api_key)
{
  RosterAccount *self;

  g_return_val_if_fail (name != NULL && *name != '\0', NULL);
  g_return_val_if_fail (api_key != NULL && *api_key != '\0', NULL);

  self = roster_account_new (name, product, endpoint);
  roster_account_set_session_key (self, api_key);

  return self;
}

/**
 * roster_account_new_demo:
 * @endpoint: the in-process fake service's address for the product
 * @api_key: its demo key
 *
 * The demo account: never stored in settings nor in the keyring.
 */
RosterAccount *
roster_account_new_demo (const char *endpoint,
                         const char *api_key)
{
  RosterAccount *self;

  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (api_key != NULL && *api_key != '\0', NULL);

  self = g_object_new (ROSTER_TYPE_ACCOUNT,
                       /* Translators: the name of the demo account in the account switcher */
                       "name", _("Demo"),
                       "product", ROSTER_PRODUCT_EVERWEBINAR,
                       "endpoint", endpoint,
                       "is-demo", TRUE,
                       NULL);
  roster_account_set_session_key (self, api_key);

  return self;
}

const char *
roster_account_get_name (RosterAccount *self)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT (self), NULL);

  return self->name;
}

RosterProduct
roster_account_get_product (RosterAccount *self)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT (self), ROSTER_PRODUCT_EVERWEBINAR);

  return self->product;
}

/**
 * roster_account_get_endpoint:
 *
 * Returns: (nullable): the endpoint the user chose, or %NULL for the product's default
 */
const char *
roster_account_get_endpoint (RosterAccount *self)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT (self), NULL);

  return self->endpoint;
}

const char *
roster_account_get_effective_endpoint (RosterAccount *self)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT (self), NULL);

  return self->endpoint != NULL ? self->endpoint
                                : roster_product_get_default_endpoint (self->product);
}

gboolean
roster_account_get_is_demo (RosterAccount *self)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT (self), FALSE);

  return self->is_demo;
}

/**
 * roster_account_get_session_only:
 *
 * Whether the key lives in this process's memory only (a session-only or demo account, or a
 * stored account the user chose to use while the keyring is unusable).
 */
gboolean
roster_account_get_session_only (RosterAccount *self)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT (self), FALSE);

  return self->session_key != NULL;
}

/**
 * roster_account_set_session_key:
 * @api_key: (nullable): the key to use until the process exits, or %NULL to go back to the
 *   keyring
 *
 * "Use this key until Roster quits": the key is kept in memory only, never written.
 */
void
roster_account_set_session_key (RosterAccount *self,
                                const char    *api_key)
{
  gboolean was_session_only;

  g_return_if_fail (ROSTER_IS_ACCOUNT (self));

  if (api_key != NULL && *api_key == '\0')
    api_key = NULL;

  if (api_key != NULL && self->session_key != NULL && strcmp (api_key, self->session_key) == 0)
    return;

  was_session_only = self->session_key != NULL;
  wipe_key (&self->session_key);
  self->session_key = g_strdup (api_key);
  roster_account_forget_client (self);

  if (was_session_only != (self->session_key != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ONLY]);
}

/**
 * roster_account_forget_client:
 *
 * Drops the cached client, so that the next roster_account_get_client_async() looks the key up
 * again (after the key, product or endpoint changed).
 */
void
roster_account_forget_client (RosterAccount *self)
{
  g_return_if_fail (ROSTER_IS_ACCOUNT (self));

  self->generation++;
  g_clear_object (&self->client);
}

/**
 * roster_account_peek_client:
 *
 * Returns: (transfer none) (nullable): the cached client, if one was made already
 */
RosterClient *
roster_account_peek_client (RosterAccount *self)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT (self), NULL);

  return self->client;
}

/* The demo keeps nothing: its import journals and its registrant store live in a folder that
 * goes with the account. */
static gboolean
ensure_demo_dir (RosterAccount  *self,
                 GError        **error)
{
  if (self->is_demo && self->journal_dir == NULL)
    self->journal_dir = g_dir_make_tmp ("roster-demo-XXXXXX", error);

  return !self->is_demo || self->journal_dir != NULL;
}

static RosterClient *
ensure_client (RosterAccount  *self,
               const char     *api_key,
               guint           generation,
               GError        **error)
{
  RosterClient *client;

  /* Another lookup may have landed first; one client per account. */
  if (self->client != NULL && generation == self->generation)
    return g_object_ref (self->client);

  if (!ensure_demo_dir (self, error))
    return NULL;

  client = roster_client_new (self->product, self->endpoint, api_key, error);
  if (client == NULL)
    return NULL;

  roster_client_set_journal_dir (client, self->journal_dir);

  /* A lookup that started before the key or address changed must not stay cached. */
  if (generation == self->generation)
    g_set_object (&self->client, client);

  return client;
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterAccount *self = g_task_get_source_object (task);
  guint generation = GPOINTER_TO_UINT (g_task_get_task_data (task));
  g_autoptr(RosterKeyringKey) api_key = NULL;
  g_autoptr(GError) error = NULL;
  RosterClient *client;

  api_key = roster_keyring_lookup_finish (result, &error);
  if (api_key == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  client = ensure_client (self, api_key, generation, &error);
  if (client == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, client, g_object_unref);
}

/**
 * roster_account_get_client_async:
 *
 * Gets the account's client, looking its key up in the keyring the first time. Fails with a
 * ROSTER_KEYRING_ERROR when the keyring cannot give the key (roster_keyring_error_offers_session_only()
 * tells whether to offer a session key), or ROSTER_API_ERROR_VALIDATION for a bad endpoint.
 */
void
roster_account_get_client_async (RosterAccount       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROSTER_IS_ACCOUNT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_account_get_client_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (self->generation), NULL);

  if (self->client != NULL)
    {
      g_task_return_pointer (task, g_object_ref (self->client), g_object_unref);
      return;
    }

  if (self->session_key != NULL)
    {
      g_autoptr(GError) error = NULL;
      RosterClient *client = ensure_client (self, self->session_key, self->generation, &error);

      if (client == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, client, g_object_unref);
      return;
    }

  roster_keyring_lookup_async (self->name, cancellable, lookup_cb, g_steal_pointer (&task));
}

/**
 * roster_account_get_client_finish:
 *
 * Returns: (transfer full): the account's client
 */
RosterClient *
roster_account_get_client_finish (RosterAccount  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_account_get_client_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- The local registrant store -------------------------------------------------------------- */

/**
 * roster_account_dup_registrant_store_path:
 *
 * Where this account's registrant store lives: under the user data folder, or for the demo in
 * its temporary folder, gone with the account.
 *
 * Returns: (transfer full) (nullable): the path, or %NULL when the demo's folder cannot be made
 */
char *
roster_account_dup_registrant_store_path (RosterAccount  *self,
                                          GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT (self), NULL);

  if (!ensure_demo_dir (self, error))
    return NULL;
  if (self->is_demo)
    return g_build_filename (self->journal_dir, "registrants.sqlite3", NULL);

  return roster_registrant_store_path_for_account (self->name);
}

/* One opening of the store and the callers waiting for it. */
typedef struct
{
  RosterAccount *self;
  GPtrArray     *waiters;
} StoreOpening;

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  StoreOpening *opening = user_data;
  RosterAccount *self = opening->self;
  g_autoptr(RosterRegistrantStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = roster_registrant_store_open_finish (result, &error);

  /* Forgotten while it opened: its waiters were told, and the file it opened is gone. */
  if (self->store_waiters == opening->waiters)
    {
      g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->store_waiters);

      if (store != NULL)
        g_set_object (&self->registrant_store, store);
      for (guint i = 0; i < waiters->len; i++)
        {
          GTask *task = g_ptr_array_index (waiters, i);

          if (store != NULL)
            g_task_return_pointer (task, g_object_ref (store), g_object_unref);
          else
            g_task_return_error (task, g_error_copy (error));
        }
    }

  g_object_unref (opening->self);
  g_ptr_array_unref (opening->waiters);
  g_free (opening);
}

/**
 * roster_account_get_registrant_store_async:
 *
 * Opens the account's local registrant store once and shares it with every caller, so the
 * window, the import and the search all read one database through one worker thread.
 */
void
roster_account_get_registrant_store_async (RosterAccount       *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  StoreOpening *opening;

  g_return_if_fail (ROSTER_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_account_get_registrant_store_async);

  if (self->registrant_store != NULL)
    {
      g_task_return_pointer (task, g_object_ref (self->registrant_store), g_object_unref);
      return;
    }

  if (self->store_waiters != NULL)
    {
      g_ptr_array_add (self->store_waiters, g_steal_pointer (&task));
      return;
    }

  path = roster_account_dup_registrant_store_path (self, &error);
  if (path == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->store_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->store_waiters, g_steal_pointer (&task));

  opening = g_new0 (StoreOpening, 1);
  opening->self = g_object_ref (self);
  opening->waiters = g_ptr_array_ref (self->store_waiters);
  roster_registrant_store_open_async (path, NULL, store_opened_cb, opening);
}

/**
 * roster_account_get_registrant_store_finish:
 *
 * Returns: (transfer full): the account's registrant store
 */
RosterRegistrantStore *
roster_account_get_registrant_store_finish (RosterAccount  *self,
                                            GAsyncResult   *result,
                                            GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * roster_account_peek_registrant_store:
 *
 * Returns: (transfer none) (nullable): the store, if it is open already
 */
RosterRegistrantStore *
roster_account_peek_registrant_store (RosterAccount *self)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT (self), NULL);

  return self->registrant_store;
}

/* Callers that are still waiting get the error; a store opening now is dropped when it lands. */
static void
fail_store_waiters (RosterAccount *self)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->store_waiters);

  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    g_task_return_new_error (g_ptr_array_index (waiters, i), G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The stored people of this account were forgotten"));
}

/**
 * roster_account_forget_registrant_store:
 *
 * "Forget stored people": drops the open store and deletes its database. Views that hold the
 * store hear #RosterAccount::registrant-store-forgotten and let it go; the next call to
 * roster_account_get_registrant_store_async() starts an empty one.
 */
gboolean
roster_account_forget_registrant_store (RosterAccount  *self,
                                        GError        **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (ROSTER_IS_ACCOUNT (self), FALSE);

  path = roster_account_dup_registrant_store_path (self, error);
  if (path == NULL)
    return FALSE;

  fail_store_waiters (self);
  g_clear_object (&self->registrant_store);
  g_signal_emit (self, signals[REGISTRANT_STORE_FORGOTTEN], 0);

  return roster_registrant_store_forget (path, error);
}

/* The store's file is named after the account: a new name moves it along. */
static void
move_registrant_store (const char *old_name,
                       const char *new_name)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *old_path = roster_registrant_store_path_for_account (old_name);
  g_autofree char *new_path = roster_registrant_store_path_for_account (new_name);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (old_path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (new_path, suffixes[i], NULL);

      if (g_rename (from, to) != 0 && errno != ENOENT)
        g_warning ("Could not move the stored people of “%s”: %s", old_name, g_strerror (errno));
    }
}

/* ---- Private, for the store ------------------------------------------------------------------ */

void
_roster_account_set_name (RosterAccount *self,
                          const char    *name)
{
  g_return_if_fail (ROSTER_IS_ACCOUNT (self));
  g_return_if_fail (name != NULL && *name != '\0');

  if (g_strcmp0 (self->name, name) == 0)
    return;

  if (!self->is_demo)
    {
      fail_store_waiters (self);
      g_clear_object (&self->registrant_store);
      move_registrant_store (self->name, name);
    }

  g_free (self->name);
  self->name = g_strdup (name);
  /* The cached client holds the key, not the name, and the store moves the key with the
   * name: the client stays valid. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/* Returns whether anything changed. */
gboolean
_roster_account_update (RosterAccount *self,
                        RosterProduct  product,
                        const char    *endpoint)
{
  g_autofree char *normalized = normalize_endpoint (endpoint);
  gboolean product_changed;
  gboolean endpoint_changed;

  g_return_val_if_fail (ROSTER_IS_ACCOUNT (self), FALSE);

  product_changed = self->product != product;
  endpoint_changed = g_strcmp0 (self->endpoint, normalized) != 0;
  if (!product_changed && !endpoint_changed)
    return FALSE;

  self->product = product;
  g_free (self->endpoint);
  self->endpoint = g_steal_pointer (&normalized);
  roster_account_forget_client (self);

  if (product_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCT]);
  if (endpoint_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDPOINT]);

  return TRUE;
}

/* The store checked the key with this client already: keep it rather than look the key up
 * again. */
void
_roster_account_set_client (RosterAccount *self,
                            RosterClient  *client)
{
  g_return_if_fail (ROSTER_IS_ACCOUNT (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  self->generation++;
  g_set_object (&self->client, client);
}

/* ---- GObject ---------------------------------------------------------------------------------- */

static void
roster_account_finalize (GObject *object)
{
  RosterAccount *self = ROSTER_ACCOUNT (object);

  wipe_key (&self->session_key);
  g_clear_object (&self->client);
  g_clear_object (&self->registrant_store);
  if (self->journal_dir != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!roster_import_journal_remove_dir (self->journal_dir, &error))
        g_warning ("Could not remove the demo’s import journals: %s", error->message);
      g_free (self->journal_dir);
    }
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->endpoint, g_free);

  G_OBJECT_CLASS (roster_account_parent_class)->finalize (object);
}

static void
roster_account_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RosterAccount *self = ROSTER_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PRODUCT:
      g_value_set_enum (value, self->product);
      break;
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_IS_DEMO:
      g_value_set_boolean (value, self->is_demo);
      break;
    case PROP_SESSION_ONLY:
      g_value_set_boolean (value, self->session_key != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_account_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RosterAccount *self = ROSTER_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;
    case PROP_PRODUCT:
      self->product = g_value_get_enum (value);
      break;
    case PROP_ENDPOINT:
      g_free (self->endpoint);
      self->endpoint = normalize_endpoint (g_value_get_string (value));
      break;
    case PROP_IS_DEMO:
      self->is_demo = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_account_class_init (RosterAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_account_finalize;
  object_class->get_property = roster_account_get_property;
  object_class->set_property = roster_account_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PRODUCT] =
    g_param_spec_enum ("product", NULL, NULL,
                       ROSTER_TYPE_PRODUCT,
                       ROSTER_PRODUCT_EVERWEBINAR,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ENDPOINT] =
    g_param_spec_string ("endpoint", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_IS_DEMO] =
    g_param_spec_boolean ("is-demo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SESSION_ONLY] =
    g_param_spec_boolean ("session-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RosterAccount::registrant-store-forgotten:
   *
   * The stored people were deleted: whoever holds the store lets it go and asks again.
   */
  signals[REGISTRANT_STORE_FORGOTTEN] =
    g_signal_new ("registrant-store-forgotten", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
roster_account_init (RosterAccount *self)
{
}
