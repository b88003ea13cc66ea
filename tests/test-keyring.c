/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-keyring"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>
#include <unistd.h>

#include "roster-account-store.h"
#include "roster-error.h"
#include "roster-fake-service.h"
#include "roster-keyring.h"
#include "roster-test-fake.h"

/* The keyring cases run against the real gnome-keyring-daemon that build-aux/test-session.sh
 * unlocks on the test's private D-Bus session; they skip when no Secret Service is on the bus.
 * The no-keyring cases run in a subprocess on a D-Bus daemon of their own with no services at
 * all, or with no bus whatsoever. Every log line of the process is captured, so that the leak
 * test can prove the key is in none. */

static GString *captured_log;
static GMutex   captured_log_lock;
static char    *name_prefix;

/* ---- Log capture ---------------------------------------------------------------------------- */

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_autofree char *line = g_log_writer_format_fields (log_level, fields, n_fields, FALSE);

  g_mutex_lock (&captured_log_lock);
  g_string_append (captured_log, line);
  g_string_append_c (captured_log, '\n');
  g_mutex_unlock (&captured_log_lock);

  /* Debug chatter stays in the capture; anything louder is shown as usual. */
  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static gboolean
log_contains (const char *needle)
{
  gboolean found;

  g_mutex_lock (&captured_log_lock);
  found = strstr (captured_log->str, needle) != NULL;
  g_mutex_unlock (&captured_log_lock);

  return found;
}

/* ---- Helpers -------------------------------------------------------------------------------- */

static char *
test_name (const char *suffix)
{
  return g_strconcat (name_prefix, suffix, NULL);
}

static void
assert_no_key_stored (const char *account)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = roster_test_keyring_lookup (account, &error);

  g_assert_null (key);
  g_assert_error (error, ROSTER_KEYRING_ERROR, ROSTER_KEYRING_ERROR_NO_KEY);
}

static void
assert_key_stored (const char *account,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterKeyringKey) key = roster_test_keyring_lookup (account, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, expected);
}

static RosterAccount *
store_add (RosterAccountStore  *store,
           const char          *name,
           const char          *endpoint,
           const char          *api_key,
           gboolean             check,
           GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_account_store_add_async (store, name, ROSTER_PRODUCT_EVERWEBINAR, endpoint, api_key,
                                  check, NULL, roster_test_store_result, &result);
  return roster_account_store_add_finish (store, roster_test_wait_for_result (&result), error);
}

static gboolean
store_rename (RosterAccountStore  *store,
              RosterAccount       *account,
              const char          *new_name,
              GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_account_store_rename_async (store, account, new_name, NULL, roster_test_store_result, &result);
  return roster_account_store_rename_finish (store, roster_test_wait_for_result (&result), error);
}

static gboolean
store_remove (RosterAccountStore  *store,
              RosterAccount       *account,
              GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_account_store_remove_async (store, account, NULL, roster_test_store_result, &result);
  return roster_account_store_remove_finish (store, roster_test_wait_for_result (&result), error);
}

static RosterClient *
account_client (RosterAccount  *account,
                GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_account_get_client_async (account, NULL, roster_test_store_result, &result);
  return roster_account_get_client_finish (account, roster_test_wait_for_result (&result), error);
}

static GPtrArray *
client_webinars (RosterClient  *client,
                 GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_list_webinars_async (client, NULL, roster_test_store_result, &result);
  return roster_client_list_webinars_finish (client, roster_test_wait_for_result (&result), error);
}

/* Settings of their own for each test: a fresh memory backend, or a keyfile under the test's
 * XDG config dir when a file on disk is wanted. */
static GSettings *
new_settings (GSettingsBackend *backend)
{
  g_autoptr(GSettingsBackend) own = NULL;

  if (backend == NULL)
    backend = own = g_memory_settings_backend_new ();

  return g_settings_new_with_backend (ROSTER_SETTINGS_SCHEMA_ID, backend);
}

static char *
settings_accounts_text (GSettings *settings)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, ROSTER_SETTINGS_ACCOUNTS);

  return g_variant_print (value, FALSE);
}

static gboolean
secret_service_on_bus (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) owned = NULL;
  g_autoptr(GVariant) activatable = NULL;
  g_autofree const char **names = NULL;
  gboolean has_owner = FALSE;

  if (bus == NULL)
    return FALSE;

  owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  if (owned != NULL)
    g_variant_get (owned, "(b)", &has_owner);
  if (has_owner)
    return TRUE;

  activatable = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                             "org.freedesktop.DBus", "ListActivatableNames",
                                             NULL, G_VARIANT_TYPE ("(as)"),
                                             G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (activatable == NULL)
    return FALSE;

  g_variant_get (activatable, "(^a&s)", &names);
  return g_strv_contains (names, "org.freedesktop.secrets");
}

static gboolean
require_keyring (void)
{
  static int available = -1;

  if (available < 0)
    available = secret_service_on_bus ();

  if (!available)
    g_test_skip ("No Secret Service on the session bus: run through build-aux/test.sh, "
                 "which unlocks a throwaway gnome-keyring");

  return available;
}

/* The Secret Service's own view: items whose "account" attribute is @account, whatever their
 * schema. */
static guint
count_items (const char  *account,
             char       **first_path)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) unlocked = NULL;
  g_autoptr(GVariant) locked = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder attributes;

  g_variant_builder_init (&attributes, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&attributes, "{ss}", "account", account);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "SearchItems",
                                       g_variant_new ("(a{ss})", &attributes),
                                       G_VARIANT_TYPE ("(aoao)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);

  unlocked = g_variant_get_child_value (reply, 0);
  locked = g_variant_get_child_value (reply, 1);
  g_assert_cmpuint (g_variant_n_children (locked), ==, 0);
  if (first_path != NULL && g_variant_n_children (unlocked) > 0)
    g_variant_get_child (unlocked, 0, "o", first_path);

  return g_variant_n_children (unlocked);
}

static void
read_item (const char  *path,
           char       **label,
           GVariant   **attributes)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) properties = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", path,
                                       "org.freedesktop.DBus.Properties", "GetAll",
                                       g_variant_new ("(s)", "org.freedesktop.Secret.Item"),
                                       G_VARIANT_TYPE ("(a{sv})"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);

  properties = g_variant_get_child_value (reply, 0);
  g_assert_true (g_variant_lookup (properties, "Label", "s", label));
  *attributes = g_variant_lookup_value (properties, "Attributes", G_VARIANT_TYPE ("a{ss}"));
  g_assert_nonnull (*attributes);
}

/* ---- The keyring itself --------------------------------------------------------------------- */

static void
test_schema (void)
{
  const SecretSchema *schema = roster_keyring_get_schema ();

  g_assert_cmpstr (schema->name, ==, "io.github.rosterapp.Roster.ApiKey");
  g_assert_cmpint (schema->flags, ==, SECRET_SCHEMA_NONE);
  g_assert_cmpstr (schema->attributes[0].name, ==, "account");
  g_assert_cmpint (schema->attributes[0].type, ==, SECRET_SCHEMA_ATTRIBUTE_STRING);
  g_assert_null (schema->attributes[1].name);
}

static void
test_store_lookup_replace_clear (void)
{
  g_autofree char *name = test_name ("basic");
  g_autoptr(GError) error = NULL;

  if (!require_keyring ())
    return;

  assert_no_key_stored (name);

  roster_test_keyring_store (name, "first-key-1234", &error);
  g_assert_no_error (error);
  assert_key_stored (name, "first-key-1234");

  /* Storing again replaces, rather than adding a second item. */
  roster_test_keyring_store (name, "second-key-5678", &error);
  g_assert_no_error (error);
  assert_key_stored (name, "second-key-5678");

  g_assert_cmpuint (count_items (name, NULL), ==, 1);

  g_assert_true (roster_test_keyring_clear (name, &error));
  g_assert_no_error (error);
  assert_no_key_stored (name);

  /* Clearing what is not there succeeds: the goal is reached. */
  g_assert_true (roster_test_keyring_clear (name, &error));
  g_assert_no_error (error);
}

static void
test_accounts_are_separate (void)
{
  g_autofree char *alpha = test_name ("alpha");
  g_autofree char *beta = test_name ("beta");
  g_autoptr(GError) error = NULL;

  if (!require_keyring ())
    return;

  roster_test_keyring_store (alpha, "alpha-key", &error);
  g_assert_no_error (error);
  assert_no_key_stored (beta);

  roster_test_keyring_store (beta, "beta-key", &error);
  g_assert_no_error (error);
  assert_key_stored (alpha, "alpha-key");
  assert_key_stored (beta, "beta-key");

  roster_test_keyring_clear (alpha, &error);
  g_assert_no_error (error);
  assert_no_key_stored (alpha);
  assert_key_stored (beta, "beta-key");

  roster_test_keyring_clear (beta, &error);
  g_assert_no_error (error);
}

static void
test_stored_item (void)
{
  g_autofree char *name = test_name ("Café Team");
  g_autofree char *expected_label = NULL;
  g_autofree char *label = NULL;
  g_autofree char *item_path = NULL;
  g_autoptr(GVariant) attributes = NULL;
  g_autoptr(GError) error = NULL;
  const char *value;

  if (!require_keyring ())
    return;

  roster_test_keyring_store (name, "item-key-42", &error);
  g_assert_no_error (error);

  /* Asked of the Secret Service itself, not through libsecret's schema: one item carries the
   * name, and it is ours. */
  g_assert_cmpuint (count_items (name, &item_path), ==, 1);
  read_item (item_path, &label, &attributes);

  /* Exactly DESIGN.md: the schema name and the one "account" attribute, nothing more. */
  g_assert_cmpuint (g_variant_n_children (attributes), ==, 2);
  g_assert_true (g_variant_lookup (attributes, "account", "&s", &value));
  g_assert_cmpstr (value, ==, name);
  g_assert_true (g_variant_lookup (attributes, "xdg:schema", "&s", &value));
  g_assert_cmpstr (value, ==, "io.github.rosterapp.Roster.ApiKey");

  expected_label = g_strconcat ("Roster: ", name, NULL);
  g_assert_cmpstr (label, ==, expected_label);

  assert_key_stored (name, "item-key-42");

  roster_test_keyring_clear (name, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (name, NULL), ==, 0);
}

/* ---- The account store ---------------------------------------------------------------------- */

static void
test_store_add_checked (void)
{
  g_autoptr(RosterFakeService) fake = NULL;
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = new_settings (backend);
  g_autoptr(RosterAccountStore) store = NULL;
  g_autoptr(RosterAccountStore) other_store = NULL;
  g_autoptr(RosterAccount) account = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(RosterClient) other_client = NULL;
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = test_name ("checked");
  g_autofree char *endpoint = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *accounts = NULL;
  RosterAccount *other;

  if (!require_keyring ())
    return;

  fake = roster_test_fake_start (7, 20);
  endpoint = roster_fake_service_dup_endpoint (fake, FALSE);
  store = roster_account_store_new_with_settings (settings);

  account = store_add (store, name, endpoint, roster_fake_service_get_api_key (fake), TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpuint (roster_fake_service_get_n_calls (fake, "webinars"), ==, 1);

  /* Everything but the key in settings, the key in the keyring. */
  accounts = settings_accounts_text (settings);
  expected = g_strdup_printf ("[('%s', 'everwebinar', '%s')]", name, endpoint);
  g_assert_cmpstr (accounts, ==, expected);
  assert_key_stored (name, roster_fake_service_get_api_key (fake));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_true (roster_account_store_lookup (store, name) == account);
  g_assert_false (roster_account_get_session_only (account));
  g_assert_false (roster_account_get_is_demo (account));
  g_assert_cmpstr (roster_account_get_endpoint (account), ==, endpoint);

  /* The checked client is kept: one client per account. */
  client = account_client (account, &error);
  g_assert_no_error (error);
  g_assert_true (client == roster_account_peek_client (account));
  webinars = client_webinars (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (webinars->len, >, 0);

  /* Another store on the same settings (the CLI, or another window) sees the account and gets
   * its key from the keyring. */
  other_store = roster_account_store_new_with_settings (settings);
  other = roster_account_store_lookup (other_store, name);
  g_assert_nonnull (other);
  g_assert_null (roster_account_peek_client (other));
  other_client = account_client (other, &error);
  g_assert_no_error (error);
  g_assert_true (other_client != client);
  g_clear_pointer (&webinars, g_ptr_array_unref);
  webinars = client_webinars (other_client, &error);
  g_assert_no_error (error);

  store_remove (store, account, &error);
  g_assert_no_error (error);
}

static void
test_store_rejected_key (void)
{
  g_autoptr(RosterFakeService) fake = NULL;
  g_autoptr(GSettings) settings = new_settings (NULL);
  g_autoptr(RosterAccountStore) store = NULL;
  g_autoptr(RosterAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = test_name ("rejected");
  g_autofree char *endpoint = NULL;
  g_autofree char *accounts = NULL;

  if (!require_keyring ())
    return;

  fake = roster_test_fake_start (7, 20);
  endpoint = roster_fake_service_dup_endpoint (fake, FALSE);
  store = roster_account_store_new_with_settings (settings);

  account = store_add (store, name, endpoint, "wrong-key-that-is-rejected", TRUE, &error);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION);
  g_assert_null (account);
  g_assert_null (strstr (error->message, "wrong-key-that-is-rejected"));
  g_assert_cmpuint (roster_fake_service_get_n_calls (fake, "webinars"), ==, 1);

  /* Nothing stored anywhere. */
  assert_no_key_stored (name);
  accounts = settings_accounts_text (settings);
  g_assert_cmpstr (accounts, ==, "[]");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  /* The name is free again for a good key. */
  g_clear_error (&error);
  account = store_add (store, name, endpoint, roster_fake_service_get_api_key (fake), TRUE, &error);
  g_assert_no_error (error);
  store_remove (store, account, &error);
  g_assert_no_error (error);
}

static void
test_store_rename (void)
{
  g_autoptr(GSettings) settings = new_settings (NULL);
  g_autoptr(RosterAccountStore) store = roster_account_store_new_with_settings (settings);
  g_autoptr(RosterAccount) account = NULL;
  g_autoptr(RosterAccount) bystander = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_name = test_name ("before");
  g_autofree char *new_name = test_name ("after");
  g_autofree char *bystander_name = test_name ("bystander");
  g_autofree char *accounts = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *active = NULL;
  g_autofree char *padded = NULL;

  if (!require_keyring ())
    return;

  account = store_add (store, old_name, NULL, "rename-key", FALSE, &error);
  g_assert_no_error (error);
  bystander = store_add (store, bystander_name, NULL, "bystander-key", FALSE, &error);
  g_assert_no_error (error);
  g_settings_set_string (settings, ROSTER_SETTINGS_ACTIVE_ACCOUNT, old_name);

  /* Taken names are refused. */
  g_assert_false (store_rename (store, account, bystander_name, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  padded = g_strconcat ("  ", new_name, "\t", NULL);
  g_assert_true (store_rename (store, account, padded, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (roster_account_get_name (account), ==, new_name);
  g_assert_true (roster_account_store_lookup (store, new_name) == account);
  g_assert_null (roster_account_store_lookup (store, old_name));
  assert_no_key_stored (old_name);
  assert_key_stored (new_name, "rename-key");
  assert_key_stored (bystander_name, "bystander-key");

  /* Same place in the list, same product and endpoint. */
  accounts = settings_accounts_text (settings);
  expected = g_strdup_printf ("[('%s', 'everwebinar', ''), ('%s', 'everwebinar', '')]",
                              new_name, bystander_name);
  g_assert_cmpstr (accounts, ==, expected);
  active = g_settings_get_string (settings, ROSTER_SETTINGS_ACTIVE_ACCOUNT);
  g_assert_cmpstr (active, ==, new_name);

  store_remove (store, account, &error);
  g_assert_no_error (error);
  store_remove (store, bystander, &error);
  g_assert_no_error (error);
}

static void
test_store_remove (void)
{
  g_autoptr(GSettings) settings = new_settings (NULL);
  g_autoptr(RosterAccountStore) store = roster_account_store_new_with_settings (settings);
  g_autoptr(RosterAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = test_name ("removed");
  g_autofree char *accounts = NULL;
  g_autofree char *active = NULL;

  if (!require_keyring ())
    return;

  account = store_add (store, name, NULL, "remove-key", FALSE, &error);
  g_assert_no_error (error);
  g_settings_set_string (settings, ROSTER_SETTINGS_ACTIVE_ACCOUNT, name);
  assert_key_stored (name, "remove-key");

  g_assert_true (store_remove (store, account, &error));
  g_assert_no_error (error);

  assert_no_key_stored (name);
  g_assert_null (roster_account_store_lookup (store, name));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  accounts = settings_accounts_text (settings);
  g_assert_cmpstr (accounts, ==, "[]");
  active = g_settings_get_string (settings, ROSTER_SETTINGS_ACTIVE_ACCOUNT);
  g_assert_cmpstr (active, ==, "");

  /* Gone: a second remove says so. */
  g_assert_false (store_remove (store, account, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_store_names (void)
{
  g_autoptr(GSettings) settings = new_settings (NULL);
  g_autoptr(RosterAccountStore) store = roster_account_store_new_with_settings (settings);
  g_autoptr(RosterAccount) plain = NULL;
  g_autoptr(RosterAccount) upper = NULL;
  g_autoptr(RosterAccount) nothing = NULL;
  g_autoptr(GError) error = NULL;

  nothing = roster_account_store_add_session_only (store, "   ", ROSTER_PRODUCT_EVERWEBINAR, NULL, "k", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (nothing);
  g_clear_error (&error);

  nothing = roster_account_store_add_session_only (store, "two\nlines", ROSTER_PRODUCT_EVERWEBINAR, NULL, "k", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  nothing = roster_account_store_add_session_only (store, "no key", ROSTER_PRODUCT_EVERWEBINAR, NULL, "  \n", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  nothing = roster_account_store_add_session_only (store, "bad address", ROSTER_PRODUCT_EVERWEBINAR,
                                                   "http://example.com/everwebinar", "k", &error);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_VALIDATION);
  g_clear_error (&error);

  plain = roster_account_store_add_session_only (store, "  Acme  ", ROSTER_PRODUCT_WEBINARJAM, "", " key-1 ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_account_get_name (plain), ==, "Acme");
  g_assert_cmpint (roster_account_get_product (plain), ==, ROSTER_PRODUCT_WEBINARJAM);
  g_assert_null (roster_account_get_endpoint (plain));
  g_assert_cmpstr (roster_account_get_effective_endpoint (plain), ==,
                   roster_product_get_default_endpoint (ROSTER_PRODUCT_WEBINARJAM));

  nothing = roster_account_store_add_session_only (store, "Acme", ROSTER_PRODUCT_EVERWEBINAR, NULL, "key-2", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  /* Names are case-sensitive. */
  upper = roster_account_store_add_session_only (store, "ACME", ROSTER_PRODUCT_EVERWEBINAR, NULL, "key-2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);

  /* The async add checks names before it touches the network or the keyring. */
  nothing = store_add (store, " ACME ", NULL, "key-3", TRUE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_null (nothing);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_signals)
{
  (*n_signals)++;
}

static void
test_store_follows_settings (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = new_settings (backend);
  g_autoptr(GSettings) elsewhere = new_settings (backend);
  g_autoptr(RosterAccountStore) store = roster_account_store_new_with_settings (settings);
  g_autoptr(RosterAccount) session = NULL;
  g_autoptr(RosterAccount) first = NULL;
  g_autoptr(GError) error = NULL;
  guint n_signals = 0;

  session = roster_account_store_add_session_only (store, "Session", ROSTER_PRODUCT_EVERWEBINAR, NULL, "k", &error);
  g_assert_no_error (error);
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &n_signals);

  /* Another process adds two accounts, one with a bad product that is skipped. */
  g_settings_set_value (elsewhere, ROSTER_SETTINGS_ACCOUNTS,
                        g_variant_new_parsed ("[('Acme', 'webinarjam', ''), ('Odd', 'zoom', ''),"
                                              " ('Beta', 'everwebinar', 'https://api.example.com/ew')]"));
  while (g_main_context_iteration (NULL, FALSE));

  g_assert_cmpuint (n_signals, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpstr (roster_account_get_name (first), ==, "Acme");
  g_assert_cmpint (roster_account_get_product (first), ==, ROSTER_PRODUCT_WEBINARJAM);
  g_assert_null (roster_account_store_lookup (store, "Odd"));
  g_assert_cmpstr (roster_account_get_endpoint (roster_account_store_lookup (store, "Beta")), ==,
                   "https://api.example.com/ew");
  /* The session-only account stays, and is still not in the setting. */
  g_assert_true (roster_account_store_lookup (store, "Session") == session);

  /* A change of endpoint keeps the object but drops its stale client. */
  n_signals = 0;
  g_settings_set_value (elsewhere, ROSTER_SETTINGS_ACCOUNTS,
                        g_variant_new_parsed ("[('Acme', 'webinarjam', 'https://api.example.com/wj')]"));
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_true (roster_account_store_lookup (store, "Acme") == first);
  g_assert_cmpstr (roster_account_get_endpoint (first), ==, "https://api.example.com/wj");
  g_assert_null (roster_account_store_lookup (store, "Beta"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpuint (n_signals, >, 0);
}

static void
test_account_clients (void)
{
  g_autoptr(RosterFakeService) fake = roster_test_fake_start (7, 20);
  g_autofree char *endpoint = roster_fake_service_dup_endpoint (fake, FALSE);
  g_autoptr(RosterAccount) one = NULL;
  g_autoptr(RosterAccount) two = NULL;
  g_autoptr(RosterAccount) demo = NULL;
  g_autoptr(RosterClient) client_one = NULL;
  g_autoptr(RosterClient) client_one_again = NULL;
  g_autoptr(RosterClient) client_two = NULL;
  g_autoptr(RosterClient) client_demo = NULL;
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(GError) error = NULL;

  roster_fake_service_add_api_key (fake, "second-account-key");
  one = roster_account_new_session_only ("One", ROSTER_PRODUCT_EVERWEBINAR, endpoint, ROSTER_FAKE_DEMO_KEY);
  two = roster_account_new_session_only ("Two", ROSTER_PRODUCT_EVERWEBINAR, endpoint, "second-account-key");

  client_one = account_client (one, &error);
  g_assert_no_error (error);
  client_one_again = account_client (one, &error);
  g_assert_no_error (error);
  client_two = account_client (two, &error);
  g_assert_no_error (error);

  /* One client per account, so one limiter per key; accounts never share. */
  g_assert_true (client_one == client_one_again);
  g_assert_true (client_one != client_two);
  g_assert_true (roster_client_get_rate_limiter (client_one) != roster_client_get_rate_limiter (client_two));

  webinars = client_webinars (client_two, &error);
  g_assert_no_error (error);

  /* A new session key makes a new client. */
  roster_account_set_session_key (one, "second-account-key");
  g_assert_null (roster_account_peek_client (one));

  demo = roster_account_new_demo (endpoint, roster_fake_service_get_api_key (fake));
  g_assert_true (roster_account_get_is_demo (demo));
  g_assert_true (roster_account_get_session_only (demo));
  g_assert_cmpstr (roster_account_get_name (demo), !=, "");
  client_demo = account_client (demo, &error);
  g_assert_no_error (error);
  g_clear_pointer (&webinars, g_ptr_array_unref);
  webinars = client_webinars (client_demo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (webinars->len, >, 0);
}

static void
test_account_missing_key (void)
{
  g_autofree char *name = test_name ("never-stored");
  g_autoptr(RosterAccount) account = roster_account_new (name, ROSTER_PRODUCT_EVERWEBINAR, NULL);
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (!require_keyring ())
    return;

  client = account_client (account, &error);
  g_assert_error (error, ROSTER_KEYRING_ERROR, ROSTER_KEYRING_ERROR_NO_KEY);
  g_assert_null (client);
  g_assert_false (roster_keyring_error_offers_session_only (error));
}

/* ---- Without a keyring ---------------------------------------------------------------------- */

static void
assert_no_setting_contains (GSettings  *settings,
                            const char *needle)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, needle));
    }
}

static void
check_unavailable_error (const GError *error,
                         const char   *message)
{
  g_assert_error (error, ROSTER_KEYRING_ERROR, ROSTER_KEYRING_ERROR_UNAVAILABLE);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_true (roster_keyring_error_offers_session_only (error));
}

/* Runs in a subprocess whose session bus has no services at all, or that has no bus. */
static void
check_no_keyring (void)
{
  const char *key = "session-only-key-Kq7Zx";
  g_autoptr(RosterFakeService) fake = roster_test_fake_start (7, 20);
  g_autofree char *endpoint = roster_fake_service_dup_endpoint (fake, FALSE);
  g_autoptr(GSettings) settings = new_settings (NULL);
  g_autoptr(RosterAccountStore) store = roster_account_store_new_with_settings (settings);
  g_autoptr(RosterAccount) account = NULL;
  g_autoptr(RosterAccount) stored = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *accounts = NULL;
  g_autofree char *looked_up = NULL;

  roster_fake_service_add_api_key (fake, key);

  g_assert_false (roster_test_keyring_store ("Nowhere", key, &error));
  check_unavailable_error (error, "No keyring is available on this system, so Roster cannot store the key.");
  g_clear_error (&error);

  looked_up = roster_test_keyring_lookup ("Nowhere", &error);
  g_assert_null (looked_up);
  check_unavailable_error (error, "No keyring is available on this system, so Roster cannot read the stored key.");
  g_clear_error (&error);

  g_assert_false (roster_test_keyring_clear ("Nowhere", &error));
  check_unavailable_error (error, "No keyring is available on this system, so Roster cannot remove the stored key.");
  g_clear_error (&error);

  /* Adding checks the key, then the keyring refuses: nothing is written, and the caller is
   * told plainly so that it can offer the session-only path. */
  account = store_add (store, "Nowhere", endpoint, key, TRUE, &error);
  g_assert_null (account);
  check_unavailable_error (error, "No keyring is available on this system, so Roster cannot store the key.");
  g_clear_error (&error);
  accounts = settings_accounts_text (settings);
  g_assert_cmpstr (accounts, ==, "[]");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  /* "Use this key until Roster quits". */
  account = roster_account_store_add_session_only (store, "Nowhere", ROSTER_PRODUCT_EVERWEBINAR,
                                                   endpoint, key, &error);
  g_assert_no_error (error);
  g_assert_true (roster_account_get_session_only (account));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  client = account_client (account, &error);
  g_assert_no_error (error);
  webinars = client_webinars (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (webinars->len, >, 0);

  g_clear_pointer (&accounts, g_free);
  accounts = settings_accounts_text (settings);
  g_assert_cmpstr (accounts, ==, "[]");
  assert_no_setting_contains (settings, key);
  roster_test_assert_no_xdg_file_contains (key);
  g_assert_false (log_contains (key));

  /* A stored account whose key cannot be read says so, and offers the session key. */
  g_settings_set_value (settings, ROSTER_SETTINGS_ACCOUNTS,
                        g_variant_new_parsed ("[('Stored', 'everwebinar', '')]"));
  stored = g_object_ref (roster_account_store_lookup (store, "Stored"));
  g_clear_object (&client);
  client = account_client (stored, &error);
  g_assert_null (client);
  check_unavailable_error (error, "No keyring is available on this system, so Roster cannot read the stored key.");
  g_clear_error (&error);

  /* With no keyring there is no secret to clear: forgetting the account still works. */
  g_assert_true (store_remove (store, stored, &error));
  g_assert_no_error (error);
  g_assert_true (store_remove (store, account, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

static const char bus_config[] =
  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
  "<busconfig>\n"
  "  <type>session</type>\n"
  "  <listen>unix:tmpdir=%s</listen>\n"
  "  <policy context=\"default\">\n"
  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
  "    <allow eavesdrop=\"true\"/>\n"
  "    <allow own=\"*\"/>\n"
  "  </policy>\n"
  "</busconfig>\n";

static void
test_no_secret_service (void)
{
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GDataInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *config = NULL;
  g_autofree char *address = NULL;
  g_autofree char *runtime = NULL;

  if (g_test_subprocess ())
    {
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", g_getenv ("ROSTER_TEST_PRIVATE_BUS"), TRUE);
      check_no_keyring ();
      return;
    }

  /* A bus of our own with no service files, so that nothing can be activated on it. Its socket
   * goes in a short directory: the isolated XDG dirs are too deep for a socket path. */
  runtime = g_dir_make_tmp ("roster-bus-XXXXXX", &error);
  g_assert_no_error (error);
  config = g_strdup_printf (bus_config, runtime);
  config_path = g_build_filename (runtime, "session.conf", NULL);
  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);

  daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                             "dbus-daemon", "--config-file", config_path, "--print-address=1",
                             "--nofork", NULL);
  if (daemon == NULL)
    {
      g_test_skip ("dbus-daemon could not run");
      return;
    }

  input = g_data_input_stream_new (g_subprocess_get_stdout_pipe (daemon));
  address = g_data_input_stream_read_line_utf8 (input, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);

  g_setenv ("ROSTER_TEST_PRIVATE_BUS", address, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("ROSTER_TEST_PRIVATE_BUS");

  g_subprocess_force_exit (daemon);
  g_subprocess_wait (daemon, NULL, NULL);
  g_remove (config_path);
  g_rmdir (runtime);

  g_test_trap_assert_passed ();
}

static void
test_no_session_bus (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *looked_up = NULL;

  if (g_test_subprocess ())
    {
      /* Nothing to reach and nothing to autolaunch. */
      g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
      g_unsetenv ("DISPLAY");
      g_unsetenv ("WAYLAND_DISPLAY");

      g_assert_false (roster_test_keyring_store ("Nowhere", "no-bus-key", &error));
      check_unavailable_error (error, "No keyring is available on this system, so Roster cannot store the key.");
      g_clear_error (&error);

      looked_up = roster_test_keyring_lookup ("Nowhere", &error);
      check_unavailable_error (error, "No keyring is available on this system, so Roster cannot read the stored key.");
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ---- The key is nowhere else ---------------------------------------------------------------- */

static void
test_key_leaks_nowhere (void)
{
  const char *stored_key = "ZQXJ-stored-key-5bd1e6a0";
  const char *session_key = "ZQXJ-session-key-77c2f0b9";
  const char *wrong_key = "ZQXJ-wrong-key-0e93d1aa";
  g_autoptr(RosterFakeService) fake = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(RosterAccountStore) store = NULL;
  g_autoptr(RosterAccountStore) reopened = NULL;
  g_autoptr(RosterAccount) account = NULL;
  g_autoptr(RosterAccount) session = NULL;
  g_autoptr(RosterAccount) rejected = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(RosterClient) session_client = NULL;
  g_autoptr(GPtrArray) webinars = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = test_name ("leak-check");
  g_autofree char *endpoint = NULL;
  g_autofree char *keyfile_path = NULL;
  g_autofree char *keyfile = NULL;
  const char *keys[3];

  if (!require_keyring ())
    return;

  keys[0] = stored_key;
  keys[1] = session_key;
  keys[2] = wrong_key;

  fake = roster_test_fake_start (7, 20);
  roster_fake_service_add_api_key (fake, stored_key);
  roster_fake_service_add_api_key (fake, session_key);
  endpoint = roster_fake_service_dup_endpoint (fake, FALSE);

  /* Settings on disk, where a leak could be found. */
  keyfile_path = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", "keyfile", NULL);
  backend = g_keyfile_settings_backend_new (keyfile_path, "/", NULL);
  settings = new_settings (backend);
  store = roster_account_store_new_with_settings (settings);

  g_debug ("Log capture is on");

  account = store_add (store, name, endpoint, stored_key, TRUE, &error);
  g_assert_no_error (error);
  rejected = store_add (store, "Rejected", endpoint, wrong_key, TRUE, &error);
  g_assert_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_AUTHENTICATION);
  g_assert_null (strstr (error->message, wrong_key));
  g_clear_error (&error);
  session = roster_account_store_add_session_only (store, "Session", ROSTER_PRODUCT_EVERWEBINAR,
                                                   endpoint, session_key, &error);
  g_assert_no_error (error);

  /* Use both keys for real calls, and read the stored one back through a fresh store. */
  session_client = account_client (session, &error);
  g_assert_no_error (error);
  webinars = client_webinars (session_client, &error);
  g_assert_no_error (error);
  reopened = roster_account_store_new_with_settings (settings);
  client = account_client (roster_account_store_lookup (reopened, name), &error);
  g_assert_no_error (error);
  g_clear_pointer (&webinars, g_ptr_array_unref);
  webinars = client_webinars (client, &error);
  g_assert_no_error (error);
  g_settings_sync ();

  /* The walk sees the settings file, with the account's name in it ... */
  g_assert_true (g_file_get_contents (keyfile_path, &keyfile, NULL, NULL));
  g_assert_nonnull (strstr (keyfile, name));
  g_assert_null (strstr (keyfile, "Session"));
  /* ... and the capture sees the debug lines. */
  g_assert_true (log_contains ("Log capture is on"));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_cmpuint (roster_test_assert_no_xdg_file_contains (keys[i]), >, 0);
      assert_no_setting_contains (settings, keys[i]);
      g_assert_false (log_contains (keys[i]));
    }

  store_remove (store, account, &error);
  g_assert_no_error (error);
  assert_no_key_stored (name);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Every message of every domain, debug included, goes through the capture. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Names of our own on the shared test keyring, which other test programs use too. */
  name_prefix = g_strdup_printf ("roster-test-keyring-%d-", (int) getpid ());

  g_test_add_func ("/keyring/schema", test_schema);
  g_test_add_func ("/keyring/store-lookup-replace-clear", test_store_lookup_replace_clear);
  g_test_add_func ("/keyring/accounts-are-separate", test_accounts_are_separate);
  g_test_add_func ("/keyring/stored-item", test_stored_item);
  g_test_add_func ("/keyring/store/add-checked", test_store_add_checked);
  g_test_add_func ("/keyring/store/rejected-key", test_store_rejected_key);
  g_test_add_func ("/keyring/store/rename", test_store_rename);
  g_test_add_func ("/keyring/store/remove", test_store_remove);
  g_test_add_func ("/keyring/store/names", test_store_names);
  g_test_add_func ("/keyring/store/follows-settings", test_store_follows_settings);
  g_test_add_func ("/keyring/account/clients", test_account_clients);
  g_test_add_func ("/keyring/account/missing-key", test_account_missing_key);
  g_test_add_func ("/keyring/unavailable/no-secret-service", test_no_secret_service);
  g_test_add_func ("/keyring/unavailable/no-session-bus", test_no_session_bus);
  g_test_add_func ("/keyring/key-leaks-nowhere", test_key_leaks_nowhere);

  status = g_test_run ();

  secret_service_disconnect ();
  g_clear_pointer (&name_prefix, g_free);

  return status;
}
