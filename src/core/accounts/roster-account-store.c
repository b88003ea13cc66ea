/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-account-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "roster-account-private.h"
#include "roster-account-store.h"
#include "roster-error.h"
#include "roster-keyring.h"

/* The list of accounts the app and roster-cli share. Names, products and endpoints live in the
 * `accounts` GSettings key, an a(sss) of (name, product, endpoint or ""); the key of each lives
 * in the keyring under the account's name (roster-keyring.c), and nowhere else. The list follows
 * the setting, so an account that roster-cli adds while the app runs shows up at once.
 * Session-only accounts, whose key the keyring could not keep, live in this process only: they
 * are never written to settings. */

struct _RosterAccountStore
{
  GObject     parent_instance;

  GSettings  *settings;
  GPtrArray  *items;            /* RosterAccount: settings order, then session-only ones */
  GPtrArray  *session_accounts; /* RosterAccount that are in no setting */
  GHashTable *reserved;         /* names an add or rename in flight is about to take */
};

static void roster_account_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RosterAccountStore, roster_account_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      roster_account_store_list_model_init))

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Names ----------------------------------------------------------------------------------- */

/**
 * roster_account_store_normalize_name:
 *
 * Returns: (transfer full) (nullable): @name without leading and trailing white space, or
 *   %NULL with G_IO_ERROR_INVALID_ARGUMENT when that leaves nothing or a control character
 */
char *
roster_account_store_normalize_name (const char  *name,
                                     GError     **error)
{
  g_autofree char *normalized = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The account name is not valid text."));
      return NULL;
    }

  normalized = g_strstrip (g_strdup (name));
  if (*normalized == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("An account needs a name."));
      return NULL;
    }

  for (const char *p = normalized; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("An account name cannot contain tabs or line breaks."));
          return NULL;
        }
    }

  return g_steal_pointer (&normalized);
}

static gboolean
name_is_taken (RosterAccountStore *self,
               const char         *name,
               GError            **error)
{
  if (roster_account_store_lookup (self, name) != NULL ||
      g_hash_table_contains (self->reserved, name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("There is already an account named “%s”."), name);
      return TRUE;
    }

  return FALSE;
}

/* A key as pasted: surrounding white space is never part of it. */
static char *
normalize_key (const char  *api_key,
               GError     **error)
{
  g_autoptr(RosterKeyringKey) key = g_strdup (api_key != NULL ? api_key : "");

  g_strstrip (key);
  if (*key == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The API key is empty."));
      return NULL;
    }

  for (const char *p = key; *p != '\0'; p++)
    {
      if (g_ascii_iscntrl (*p))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The API key cannot contain tabs or line breaks."));
          return NULL;
        }
    }

  return g_steal_pointer (&key);
}

/* ---- Following the setting ------------------------------------------------------------------- */

static RosterAccount *
find_in (GPtrArray  *accounts,
         const char *name,
         guint      *position)
{
  for (guint i = 0; i < accounts->len; i++)
    {
      RosterAccount *account = g_ptr_array_index (accounts, i);

      if (g_strcmp0 (roster_account_get_name (account), name) == 0)
        {
          if (position != NULL)
            *position = i;
          return account;
        }
    }

  return NULL;
}

static void
reload (RosterAccountStore *self)
{
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, ROSTER_SETTINGS_ACCOUNTS);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) old_items = NULL;
  GVariantIter iter;
  const char *name;
  const char *product_name;
  const char *endpoint;
  gboolean changed = FALSE;
  guint old_len;

  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &name, &product_name, &endpoint))
    {
      g_autofree char *normalized = roster_account_store_normalize_name (name, NULL);
      RosterProduct product;
      RosterAccount *account;
      guint position;

      /* Written by hand or by a newer version: skip what this one cannot use. */
      if (normalized == NULL || g_strcmp0 (normalized, name) != 0 || find_in (items, name, NULL) != NULL)
        continue;
      if (!roster_product_from_string (product_name, &product))
        continue;

      if ((account = find_in (self->items, name, NULL)) != NULL)
        {
          g_object_ref (account);
          if (_roster_account_update (account, product, endpoint))
            changed = TRUE;
          if (find_in (self->session_accounts, name, &position) != NULL)
            g_ptr_array_remove_index (self->session_accounts, position);
        }
      else
        account = roster_account_new (name, product, endpoint);

      g_ptr_array_add (items, account);
    }

  for (guint i = 0; i < self->session_accounts->len; i++)
    g_ptr_array_add (items, g_object_ref (g_ptr_array_index (self->session_accounts, i)));

  if (items->len != self->items->len)
    changed = TRUE;
  for (guint i = 0; !changed && i < items->len; i++)
    changed = g_ptr_array_index (items, i) != g_ptr_array_index (self->items, i);
  if (!changed)
    return;

  /* An account that left the setting (another process removed it) keeps no client. */
  for (guint i = 0; i < self->items->len; i++)
    {
      RosterAccount *account = g_ptr_array_index (self->items, i);

      if (!g_ptr_array_find (items, account, NULL))
        roster_account_forget_client (account);
    }

  old_len = self->items->len;
  old_items = g_steal_pointer (&self->items);
  self->items = g_steal_pointer (&items);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);
}

static void
accounts_changed_cb (GSettings          *settings,
                     const char         *key,
                     RosterAccountStore *self)
{
  reload (self);
}

/* Each edit starts from the setting as it is now, not from this list, so that an account another
 * process added meanwhile is kept. */
static void
settings_edit (RosterAccountStore *self,
               const char         *remove_name,
               const char         *add_name,
               RosterProduct       product,
               const char         *endpoint)
{
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, ROSTER_SETTINGS_ACCOUNTS);
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(sss)"));
  GVariantIter iter;
  const char *name;
  const char *product_name;
  const char *old_endpoint;
  gboolean added = FALSE;

  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &name, &product_name, &old_endpoint))
    {
      if (remove_name != NULL && g_strcmp0 (name, remove_name) == 0)
        {
          /* A rename keeps the account's place in the list. */
          if (add_name != NULL && !added)
            {
              g_variant_builder_add (&builder, "(sss)", add_name, product_name, old_endpoint);
              added = TRUE;
            }
          continue;
        }
      if (add_name != NULL && g_strcmp0 (name, add_name) == 0)
        continue;
      g_variant_builder_add (&builder, "(sss)", name, product_name, old_endpoint);
    }

  if (add_name != NULL && !added)
    g_variant_builder_add (&builder, "(sss)", add_name, roster_product_to_string (product),
                           endpoint != NULL ? endpoint : "");

  g_settings_set_value (self->settings, ROSTER_SETTINGS_ACCOUNTS, g_variant_builder_end (&builder));

  if (remove_name != NULL)
    {
      g_autofree char *active = g_settings_get_string (self->settings, ROSTER_SETTINGS_ACTIVE_ACCOUNT);

      if (g_strcmp0 (active, remove_name) == 0)
        g_settings_set_string (self->settings, ROSTER_SETTINGS_ACTIVE_ACCOUNT,
                               add_name != NULL ? add_name : "");
    }

  reload (self);
}

/* ---- Public API ------------------------------------------------------------------------------ */

RosterAccountStore *
roster_account_store_new (void)
{
  g_autoptr(GSettings) settings = g_settings_new (ROSTER_SETTINGS_SCHEMA_ID);

  return roster_account_store_new_with_settings (settings);
}

/**
 * roster_account_store_new_with_settings:
 * @settings: a #GSettings of the io.github.rosterapp.Roster schema (tests pass one with a
 *   backend of their own)
 */
RosterAccountStore *
roster_account_store_new_with_settings (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (ROSTER_TYPE_ACCOUNT_STORE,
                       "settings", settings,
                       NULL);
}

GSettings *
roster_account_store_get_settings (RosterAccountStore *self)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT_STORE (self), NULL);

  return self->settings;
}

/**
 * roster_account_store_lookup:
 *
 * Returns: (transfer none) (nullable): the account named exactly @name
 */
RosterAccount *
roster_account_store_lookup (RosterAccountStore *self,
                             const char         *name)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return find_in (self->items, name, NULL);
}

/* Fails @task and frees the account name it had reserved while adding or renaming. */
static void
release_name_and_fail (GTask      *task,
                       const char *name,
                       GError     *error)
{
  RosterAccountStore *self = g_task_get_source_object (task);

  g_hash_table_remove (self->reserved, name);
  g_task_return_error (task, error);
}

/* Fails @task when @account has left the store meanwhile (forgotten in another window). */
static gboolean
return_if_gone (RosterAccountStore *self,
                GTask              *task,
                RosterAccount      *account)
{
  if (g_ptr_array_find (self->items, account, NULL))
    return FALSE;

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The account “%s” no longer exists."),
                           roster_account_get_name (account));
  return TRUE;
}

/* ---- Add ------------------------------------------------------------------------------------- */

typedef struct
{
  char          *name;
  RosterProduct  product;
  char          *endpoint;
  char          *api_key;
  RosterClient  *client;
} AddData;

static void
add_data_free (AddData *data)
{
  roster_keyring_key_free (data->api_key);
  g_clear_object (&data->client);
  g_free (data->name);
  g_free (data->endpoint);
  g_free (data);
}

static void
add_stored_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterAccountStore *self = g_task_get_source_object (task);
  AddData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  RosterAccount *account;

  if (!roster_keyring_store_finish (result, &error))
    {
      release_name_and_fail (task, data->name, g_steal_pointer (&error));
      return;
    }

  g_hash_table_remove (self->reserved, data->name);
  settings_edit (self, NULL, data->name, data->product, data->endpoint);

  account = roster_account_store_lookup (self, data->name);
  if (account == NULL)
    {
      /* Only a schema without the key, or another process removing it at once, gets here. */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The account “%s” could not be saved."), data->name);
      return;
    }

  _roster_account_set_client (account, data->client);
  g_task_return_pointer (task, g_object_ref (account), g_object_unref);
}

static void
add_store (GTask *task)
{
  AddData *data = g_task_get_task_data (task);

  roster_keyring_store_async (data->name, data->api_key, g_task_get_cancellable (task),
                              add_stored_cb, task);
}

static void
add_checked_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  AddData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(GError) error = NULL;

  webinars = roster_client_list_webinars_finish (ROSTER_CLIENT (object), result, &error);
  if (webinars == NULL)
    {
      /* A key that the service rejected, or could not be checked, is never stored. */
      release_name_and_fail (task, data->name, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  add_store (task);
}

/**
 * roster_account_store_add_async:
 * @name: the account's name; surrounding white space is removed
 * @endpoint: (nullable): the API address, or %NULL (or "") for the product's default
 * @api_key: the key; this call wipes its own copies when done
 * @check: whether to check the key with a `webinars` call first (the app and roster-cli always
 *   do; tests may not)
 *
 * Checks the key, stores it in the keyring and then adds the account to the setting. A key the
 * service rejects fails with ROSTER_API_ERROR_AUTHENTICATION and nothing is stored; a keyring
 * that cannot keep it fails with a ROSTER_KEYRING_ERROR, after which the caller may offer
 * roster_account_store_add_session_only().
 */
void
roster_account_store_add_async (RosterAccountStore  *self,
                                const char          *name,
                                RosterProduct        product,
                                const char          *endpoint,
                                const char          *api_key,
                                gboolean             check,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  AddData *data;

  g_return_if_fail (ROSTER_IS_ACCOUNT_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_account_store_add_async);

  data = g_new0 (AddData, 1);
  data->product = product;
  data->endpoint = endpoint != NULL && *endpoint != '\0' ? g_strdup (endpoint) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) add_data_free);

  if ((data->name = roster_account_store_normalize_name (name, &error)) == NULL ||
      name_is_taken (self, data->name, &error) ||
      (data->api_key = normalize_key (api_key, &error)) == NULL ||
      (data->client = roster_client_new (product, data->endpoint, data->api_key, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_hash_table_add (self->reserved, g_strdup (data->name));

  if (check)
    roster_client_list_webinars_async (data->client, cancellable, add_checked_cb,
                                       g_steal_pointer (&task));
  else
    add_store (g_steal_pointer (&task));
}

/**
 * roster_account_store_add_finish:
 *
 * Returns: (transfer full): the new account, with its checked client already cached
 */
RosterAccount *
roster_account_store_add_finish (RosterAccountStore  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_account_store_add_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * roster_account_store_add_session_only:
 *
 * "Use this key until Roster quits": adds an account whose key stays in this process's memory.
 * Nothing is written to settings, the keyring or any file. The caller checked the key already
 * (usually the add_async that failed on the keyring did).
 *
 * Returns: (transfer full) (nullable): the new account
 */
RosterAccount *
roster_account_store_add_session_only (RosterAccountStore  *self,
                                       const char          *name,
                                       RosterProduct        product,
                                       const char          *endpoint,
                                       const char          *api_key,
                                       GError             **error)
{
  g_autofree char *normalized = NULL;
  g_autoptr(RosterKeyringKey) key = NULL;
  RosterAccount *account;

  g_return_val_if_fail (ROSTER_IS_ACCOUNT_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (endpoint != NULL && *endpoint == '\0')
    endpoint = NULL;

  if ((normalized = roster_account_store_normalize_name (name, error)) == NULL ||
      name_is_taken (self, normalized, error) ||
      (key = normalize_key (api_key, error)) == NULL ||
      (endpoint != NULL && !roster_client_check_endpoint (endpoint, error)))
    return NULL;

  account = roster_account_new_session_only (normalized, product, endpoint, key);
  g_ptr_array_add (self->session_accounts, g_object_ref (account));
  g_ptr_array_add (self->items, g_object_ref (account));
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);

  return account;
}

/* ---- Rename ---------------------------------------------------------------------------------- */

typedef struct
{
  RosterAccount *account;
  char          *old_name;
  char          *new_name;
} RenameData;

static void
rename_data_free (RenameData *data)
{
  g_clear_object (&data->account);
  g_free (data->old_name);
  g_free (data->new_name);
  g_free (data);
}

static void
rename_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RenameData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The account already lives under its new name; a left-over entry is only clutter. */
  if (!roster_keyring_clear_finish (result, &error))
    g_message ("The keyring entry of “%s” was kept: %s", data->old_name, error->message);

  g_task_return_boolean (task, TRUE);
}

static void
rename_commit (GTask    *task,
               gboolean  clear_old)
{
  RosterAccountStore *self = g_task_get_source_object (task);
  RenameData *data = g_task_get_task_data (task);

  /* Renamed first, so that the reload finds the same object under the new name. */
  g_hash_table_remove (self->reserved, data->new_name);
  _roster_account_set_name (data->account, data->new_name);
  settings_edit (self, data->old_name, data->new_name, ROSTER_PRODUCT_EVERWEBINAR, NULL);

  if (clear_old)
    roster_keyring_clear_async (data->old_name, NULL, rename_cleared_cb, task);
  else
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void
rename_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  RenameData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!roster_keyring_store_finish (result, &error))
    {
      release_name_and_fail (task, data->new_name, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  rename_commit (task, TRUE);
}

static void
rename_looked_up_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  RenameData *data = g_task_get_task_data (task);
  g_autoptr(RosterKeyringKey) api_key = NULL;
  g_autoptr(GError) error = NULL;

  api_key = roster_keyring_lookup_finish (result, &error);
  if (g_error_matches (error, ROSTER_KEYRING_ERROR, ROSTER_KEYRING_ERROR_NO_KEY))
    {
      /* Nothing to move. */
      rename_commit (task, FALSE);
      return;
    }
  if (api_key == NULL)
    {
      release_name_and_fail (task, data->new_name, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  roster_keyring_store_async (data->new_name, api_key, g_task_get_cancellable (task),
                              rename_stored_cb, task);
}

/**
 * roster_account_store_rename_async:
 *
 * Renames @account, moving its key in the keyring: stored under the new name first, then the
 * setting changes, then the old entry is cleared. A session-only account is renamed in memory.
 */
void
roster_account_store_rename_async (RosterAccountStore  *self,
                                   RosterAccount       *account,
                                   const char          *new_name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  RenameData *data;
  guint position;

  g_return_if_fail (ROSTER_IS_ACCOUNT_STORE (self));
  g_return_if_fail (ROSTER_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_account_store_rename_async);

  if (return_if_gone (self, task, account))
    return;

  if ((normalized = roster_account_store_normalize_name (new_name, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_strcmp0 (normalized, roster_account_get_name (account)) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (name_is_taken (self, normalized, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_ptr_array_find (self->session_accounts, account, NULL))
    {
      _roster_account_set_name (account, normalized);
      if (g_ptr_array_find (self->items, account, &position))
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
      g_task_return_boolean (task, TRUE);
      return;
    }

  data = g_new0 (RenameData, 1);
  data->account = g_object_ref (account);
  data->old_name = g_strdup (roster_account_get_name (account));
  data->new_name = g_steal_pointer (&normalized);
  g_task_set_task_data (task, data, (GDestroyNotify) rename_data_free);
  g_hash_table_add (self->reserved, g_strdup (data->new_name));

  roster_keyring_lookup_async (data->old_name, cancellable, rename_looked_up_cb,
                               g_steal_pointer (&task));
}

gboolean
roster_account_store_rename_finish (RosterAccountStore  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_account_store_rename_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Remove ---------------------------------------------------------------------------------- */

/* A forgotten account leaves no personal data behind. */
static void
forget_stored_people (RosterAccount *account)
{
  g_autoptr(GError) error = NULL;

  if (!roster_account_forget_registrant_store (account, &error))
    g_warning ("Could not delete the stored people of “%s”: %s",
               roster_account_get_name (account), error->message);
}

static void
remove_from_settings (RosterAccountStore *self,
                      RosterAccount      *account)
{
  g_autofree char *name = g_strdup (roster_account_get_name (account));

  forget_stored_people (account);
  roster_account_forget_client (account);
  roster_account_set_session_key (account, NULL);
  settings_edit (self, name, NULL, ROSTER_PRODUCT_EVERWEBINAR, NULL);
}

static void
remove_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterAccountStore *self = g_task_get_source_object (task);
  RosterAccount *account = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* With no keyring at all there is no secret to clear: forgetting the account is enough. A
   * locked keyring still holds the key, so the account stays until it can be cleared. */
  if (!roster_keyring_clear_finish (result, &error) &&
      !g_error_matches (error, ROSTER_KEYRING_ERROR, ROSTER_KEYRING_ERROR_UNAVAILABLE))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  remove_from_settings (self, account);
  g_task_return_boolean (task, TRUE);
}

/**
 * roster_account_store_remove_async:
 *
 * "Forget account": clears the key from the keyring, then removes the account from the setting.
 */
void
roster_account_store_remove_async (RosterAccountStore  *self,
                                   RosterAccount       *account,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  guint position;

  g_return_if_fail (ROSTER_IS_ACCOUNT_STORE (self));
  g_return_if_fail (ROSTER_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_account_store_remove_async);
  g_task_set_task_data (task, g_object_ref (account), g_object_unref);

  if (return_if_gone (self, task, account))
    return;

  if (g_ptr_array_find (self->session_accounts, account, &position))
    {
      g_ptr_array_remove_index (self->session_accounts, position);
      forget_stored_people (account);
      roster_account_forget_client (account);
      roster_account_set_session_key (account, NULL);
      if (g_ptr_array_find (self->items, account, &position))
        {
          g_ptr_array_remove_index (self->items, position);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  roster_keyring_clear_async (roster_account_get_name (account), cancellable, remove_cleared_cb,
                              g_steal_pointer (&task));
}

gboolean
roster_account_store_remove_finish (RosterAccountStore  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_account_store_remove_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- GListModel ------------------------------------------------------------------------------ */

static GType
roster_account_store_get_item_type (GListModel *model)
{
  return ROSTER_TYPE_ACCOUNT;
}

static guint
roster_account_store_get_n_items (GListModel *model)
{
  RosterAccountStore *self = ROSTER_ACCOUNT_STORE (model);

  return self->items->len;
}

static gpointer
roster_account_store_get_item (GListModel *model,
                               guint       position)
{
  RosterAccountStore *self = ROSTER_ACCOUNT_STORE (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
roster_account_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = roster_account_store_get_item_type;
  iface->get_n_items = roster_account_store_get_n_items;
  iface->get_item = roster_account_store_get_item;
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
roster_account_store_constructed (GObject *object)
{
  RosterAccountStore *self = ROSTER_ACCOUNT_STORE (object);

  G_OBJECT_CLASS (roster_account_store_parent_class)->constructed (object);

  g_assert (self->settings != NULL);
  g_signal_connect_object (self->settings, "changed::" ROSTER_SETTINGS_ACCOUNTS,
                           G_CALLBACK (accounts_changed_cb), self, 0);
  reload (self);
}

static void
roster_account_store_finalize (GObject *object)
{
  RosterAccountStore *self = ROSTER_ACCOUNT_STORE (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->session_accounts, g_ptr_array_unref);
  g_clear_pointer (&self->reserved, g_hash_table_unref);

  G_OBJECT_CLASS (roster_account_store_parent_class)->finalize (object);
}

static void
roster_account_store_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RosterAccountStore *self = ROSTER_ACCOUNT_STORE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_account_store_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RosterAccountStore *self = ROSTER_ACCOUNT_STORE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_account_store_class_init (RosterAccountStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = roster_account_store_constructed;
  object_class->finalize = roster_account_store_finalize;
  object_class->get_property = roster_account_store_get_property;
  object_class->set_property = roster_account_store_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_account_store_init (RosterAccountStore *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->session_accounts = g_ptr_array_new_with_free_func (g_object_unref);
  self->reserved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
