/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-keyring"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "roster-keyring.h"

/* The only place an account's API key is kept between runs: the system keyring, reached through
 * libsecret (inside Flatpak it goes through the Secret portal by itself). Every failure becomes a
 * ROSTER_KEYRING_ERROR with a message in plain words; no message and no log line here ever holds
 * the key. */

typedef enum
{
  OP_STORE,
  OP_LOOKUP,
  OP_CLEAR,
} Op;

G_DEFINE_QUARK (roster-keyring-error-quark, roster_keyring_error)

static const SecretSchema api_key_schema = {
  ROSTER_KEYRING_SCHEMA_NAME,
  SECRET_SCHEMA_NONE,
  {
    { ROSTER_KEYRING_ATTRIBUTE_ACCOUNT, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

const SecretSchema *
roster_keyring_get_schema (void)
{
  return &api_key_schema;
}

/**
 * roster_keyring_error_offers_session_only:
 *
 * Whether @error means the keyring cannot keep a key right now, so that the caller should offer
 * to use the key until Roster quits.
 */
gboolean
roster_keyring_error_offers_session_only (const GError *error)
{
  if (error == NULL || error->domain != ROSTER_KEYRING_ERROR)
    return FALSE;

  switch ((RosterKeyringError) error->code)
    {
    case ROSTER_KEYRING_ERROR_UNAVAILABLE:
    case ROSTER_KEYRING_ERROR_LOCKED:
    case ROSTER_KEYRING_ERROR_DISMISSED:
    case ROSTER_KEYRING_ERROR_FAILED:
      return TRUE;
    case ROSTER_KEYRING_ERROR_NO_KEY:
    default:
      return FALSE;
    }
}

void
roster_keyring_key_free (char *api_key)
{
  if (api_key == NULL)
    return;

  explicit_bzero (api_key, strlen (api_key));
  g_free (api_key);
}

/* No Secret Service answers: nothing owns or can activate org.freedesktop.secrets, or there is
 * no session bus to ask at all. */
static gboolean
is_unavailable (const GError *error)
{
  static const GDBusError unavailable_codes[] = {
    G_DBUS_ERROR_SERVICE_UNKNOWN,
    G_DBUS_ERROR_NAME_HAS_NO_OWNER,
    G_DBUS_ERROR_NO_SERVER,
    G_DBUS_ERROR_DISCONNECTED,
    G_DBUS_ERROR_FILE_NOT_FOUND,
    G_DBUS_ERROR_BAD_ADDRESS,
    G_DBUS_ERROR_SPAWN_EXEC_FAILED,
    G_DBUS_ERROR_SPAWN_FORK_FAILED,
    G_DBUS_ERROR_SPAWN_CHILD_EXITED,
    G_DBUS_ERROR_SPAWN_CHILD_SIGNALED,
    G_DBUS_ERROR_SPAWN_FAILED,
    G_DBUS_ERROR_SPAWN_SETUP_FAILED,
    G_DBUS_ERROR_SPAWN_CONFIG_INVALID,
    G_DBUS_ERROR_SPAWN_SERVICE_INVALID,
    G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND,
    G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID,
    G_DBUS_ERROR_SPAWN_FILE_INVALID,
    G_DBUS_ERROR_SPAWN_NO_MEMORY,
  };

  if (error->domain == G_DBUS_ERROR)
    {
      for (guint i = 0; i < G_N_ELEMENTS (unavailable_codes); i++)
        if (error->code == (int) unavailable_codes[i])
          return TRUE;
      return FALSE;
    }

  /* g_bus_get() with no session bus: "Cannot autolaunch D-Bus without X11 $DISPLAY", a
   * missing socket, or a dbus-launch that could not run. */
  if (error->domain == G_SPAWN_ERROR)
    return TRUE;
  if (error->domain == G_IO_ERROR)
    return error->code == G_IO_ERROR_FAILED ||
           error->code == G_IO_ERROR_NOT_FOUND ||
           error->code == G_IO_ERROR_CONNECTION_REFUSED ||
           error->code == G_IO_ERROR_CLOSED ||
           error->code == G_IO_ERROR_NOT_SUPPORTED ||
           error->code == G_IO_ERROR_INVALID_ARGUMENT;

  return FALSE;
}

static const char *
message_for (RosterKeyringError code,
             Op                 op)
{
  switch (code)
    {
    case ROSTER_KEYRING_ERROR_UNAVAILABLE:
      if (op == OP_STORE)
        return _("No keyring is available on this system, so Roster cannot store the key.");
      if (op == OP_LOOKUP)
        return _("No keyring is available on this system, so Roster cannot read the stored key.");
      return _("No keyring is available on this system, so Roster cannot remove the stored key.");

    case ROSTER_KEYRING_ERROR_LOCKED:
      if (op == OP_STORE)
        return _("The keyring is locked, so Roster cannot store the key.");
      if (op == OP_LOOKUP)
        return _("The keyring is locked, so Roster cannot read the stored key.");
      return _("The keyring is locked, so Roster cannot remove the stored key.");

    case ROSTER_KEYRING_ERROR_DISMISSED:
      if (op == OP_STORE)
        return _("The keyring was not unlocked, so Roster cannot store the key.");
      if (op == OP_LOOKUP)
        return _("The keyring was not unlocked, so Roster cannot read the stored key.");
      return _("The keyring was not unlocked, so Roster cannot remove the stored key.");

    case ROSTER_KEYRING_ERROR_NO_KEY:
    case ROSTER_KEYRING_ERROR_FAILED:
    default:
      if (op == OP_STORE)
        return _("The keyring could not store the key");
      if (op == OP_LOOKUP)
        return _("The keyring could not read the stored key");
      return _("The keyring could not remove the stored key");
    }
}

/* Turns what libsecret or D-Bus said into a ROSTER_KEYRING_ERROR. A cancellation the caller
 * asked for stays G_IO_ERROR_CANCELLED, so that a cancelled callback can return quietly; any
 * other cancellation comes from an unlock prompt the user dismissed. */
static GError *
map_error (const GError *error,
           Op            op,
           GCancellable *cancellable)
{
  RosterKeyringError code;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (g_cancellable_is_cancelled (cancellable))
        return g_error_copy (error);
      code = ROSTER_KEYRING_ERROR_DISMISSED;
    }
  else if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    code = ROSTER_KEYRING_ERROR_LOCKED;
  else if (is_unavailable (error))
    code = ROSTER_KEYRING_ERROR_UNAVAILABLE;
  else
    code = ROSTER_KEYRING_ERROR_FAILED;

  /* The Secret Service's own words help with an unusual failure; they never hold a secret. */
  if (code == ROSTER_KEYRING_ERROR_FAILED)
    return g_error_new (ROSTER_KEYRING_ERROR, code, "%s: %s", message_for (code, op), error->message);

  g_debug ("Keyring unusable (%s %d): %s",
           g_quark_to_string (error->domain), error->code, error->message);
  return g_error_new_literal (ROSTER_KEYRING_ERROR, code, message_for (code, op));
}

/* Every call is one task on no source object; the account's name rides along for messages. */
static GTask *
keyring_task_new (const char          *account,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_strdup (account), g_free);
  return task;
}

static gboolean
keyring_finish_boolean (GAsyncResult  *result,
                        gpointer       source_tag,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Ends a store or a clear: done, or what went wrong in the keyring's words. */
static void
return_done (GTask        *task,
             const GError *error,
             Op            op)
{
  if (error != NULL)
    g_task_return_error (task, map_error (error, op, g_task_get_cancellable (task)));
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- Store ----------------------------------------------------------------------------------- */

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_store_finish (result, &error);
  return_done (task, error, OP_STORE);
}

/**
 * roster_keyring_store_async:
 * @account: the account's name
 * @api_key: the key; libsecret copies it and this function keeps no copy
 *
 * Stores @api_key as the secret of @account in the default collection, replacing any key stored
 * for that name before.
 */
void
roster_keyring_store_async (const char          *account,
                            const char          *api_key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (account != NULL && *account != '\0');
  g_return_if_fail (api_key != NULL && *api_key != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = keyring_task_new (account, cancellable, callback, user_data, roster_keyring_store_async);

  /* Translators: the label of the API key in the system keyring (Passwords and Keys);
   * %s is the account's name. */
  label = g_strdup_printf (_("Roster: %s"), account);
  secret_password_store (&api_key_schema, SECRET_COLLECTION_DEFAULT, label, api_key,
                         cancellable, store_cb, g_steal_pointer (&task),
                         ROSTER_KEYRING_ATTRIBUTE_ACCOUNT, account,
                         NULL);
}

gboolean
roster_keyring_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  return keyring_finish_boolean (result, roster_keyring_store_async, error);
}

/* ---- Lookup ---------------------------------------------------------------------------------- */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *api_key;

  api_key = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, map_error (error, OP_LOOKUP, g_task_get_cancellable (task)));
  else if (api_key == NULL || *api_key == '\0')
    {
      roster_keyring_key_free (api_key);
      g_task_return_new_error (task, ROSTER_KEYRING_ERROR, ROSTER_KEYRING_ERROR_NO_KEY,
                               _("No API key is stored for the account “%s”."),
                               (const char *) g_task_get_task_data (task));
    }
  else
    g_task_return_pointer (task, api_key, (GDestroyNotify) roster_keyring_key_free);
}

/**
 * roster_keyring_lookup_async:
 *
 * Looks up the key stored for @account. The finish function fails with
 * %ROSTER_KEYRING_ERROR_NO_KEY when none is stored.
 */
void
roster_keyring_lookup_async (const char          *account,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (account != NULL && *account != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = keyring_task_new (account, cancellable, callback, user_data, roster_keyring_lookup_async);

  secret_password_lookup (&api_key_schema, cancellable, lookup_cb, g_steal_pointer (&task),
                          ROSTER_KEYRING_ATTRIBUTE_ACCOUNT, account,
                          NULL);
}

/**
 * roster_keyring_lookup_finish:
 *
 * Returns: (transfer full): the key; free it with roster_keyring_key_free(), which wipes it
 */
char *
roster_keyring_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_keyring_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Clear ----------------------------------------------------------------------------------- */

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error only means nothing was stored: the goal is reached all the same. */
  secret_password_clear_finish (result, &error);
  return_done (task, error, OP_CLEAR);
}

/**
 * roster_keyring_clear_async:
 *
 * Removes every key stored for @account. Succeeds when there was none.
 */
void
roster_keyring_clear_async (const char          *account,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (account != NULL && *account != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = keyring_task_new (account, cancellable, callback, user_data, roster_keyring_clear_async);

  secret_password_clear (&api_key_schema, cancellable, clear_cb, g_steal_pointer (&task),
                         ROSTER_KEYRING_ATTRIBUTE_ACCOUNT, account,
                         NULL);
}

gboolean
roster_keyring_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  return keyring_finish_boolean (result, roster_keyring_clear_async, error);
}
