/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "roster-account-store.h"
#include "roster-cli-accounts.h"
#include "roster-cli-common.h"
#include "roster-error.h"
#include "roster-keyring.h"

/* `roster-cli accounts …`: the same accounts as the app, through the same RosterAccountStore, so
 * a key added here is checked and stored exactly as the app does it. The key is read from
 * standard input, never from the command line, where other users could see it. */

/* The exit statuses of roster-cli.c. */
#define MAX_KEY_LENGTH 1024

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static void
wait_init (Wait *wait)
{
  wait->loop = g_main_loop_new (NULL, FALSE);
  wait->result = NULL;
}

static GAsyncResult *
wait_run (Wait *wait)
{
  g_clear_object (&wait->result);
  g_main_loop_run (wait->loop);
  return wait->result;
}

static void
wait_clear (Wait *wait)
{
  g_clear_object (&wait->result);
  g_clear_pointer (&wait->loop, g_main_loop_unref);
}

static int
fail (const GError *error)
{
  g_printerr ("roster-cli: %s\n", error->message);
  if (roster_keyring_error_offers_session_only (error))
    g_printerr ("roster-cli: %s\n",
                _("To use a key without storing it, set the ROSTER_API_KEY environment variable."));

  return roster_cli_status_for_error (error);
}

static RosterAccountStore *
open_store (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, ROSTER_SETTINGS_SCHEMA_ID, TRUE);

  if (schema == NULL || !g_settings_schema_has_key (schema, ROSTER_SETTINGS_ACCOUNTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The settings schema %s is not installed, so there are no accounts."),
                   ROSTER_SETTINGS_SCHEMA_ID);
      return NULL;
    }

  return roster_account_store_new ();
}

/* ---- Reading the key ------------------------------------------------------------------------- */

static struct termios saved_termios;
static volatile sig_atomic_t echo_is_off;

static void
restore_echo (void)
{
  if (echo_is_off)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
      echo_is_off = 0;
    }
}

/* Ctrl+C at the prompt must not leave the terminal without echo. */
static void
interrupted (int signum)
{
  restore_echo ();
  signal (signum, SIG_DFL);
  raise (signum);
}

/* Reads one line from standard input into memory that is wiped afterwards. On a terminal it
 * prompts on standard error and turns echo off, like passwd. */
static char *
read_key (const char  *account_name,
          GError     **error)
{
  char buffer[MAX_KEY_LENGTH + 2];
  gsize len = 0;
  gboolean tty = isatty (STDIN_FILENO);
  gboolean too_long = FALSE;
  struct sigaction action = { 0 };
  struct sigaction old_int;
  struct sigaction old_term;
  char *key;

  if (tty)
    {
      g_printerr (_("API key for “%s” (it will not be shown): "), account_name);

      if (tcgetattr (STDIN_FILENO, &saved_termios) == 0)
        {
          struct termios silent = saved_termios;

          action.sa_handler = interrupted;
          sigemptyset (&action.sa_mask);
          sigaction (SIGINT, &action, &old_int);
          sigaction (SIGTERM, &action, &old_term);

          silent.c_lflag &= ~(tcflag_t) ECHO;
          silent.c_lflag |= ECHONL;
          if (tcsetattr (STDIN_FILENO, TCSAFLUSH, &silent) == 0)
            echo_is_off = 1;
        }
    }

  for (;;)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || c == '\n')
        break;
      if (len < sizeof buffer - 1)
        buffer[len++] = c;
      else
        too_long = TRUE;
    }

  if (tty && action.sa_handler != NULL)
    {
      restore_echo ();
      sigaction (SIGINT, &old_int, NULL);
      sigaction (SIGTERM, &old_term, NULL);
    }

  if (len > 0 && buffer[len - 1] == '\r')
    len--;

  if (too_long || len > MAX_KEY_LENGTH)
    {
      explicit_bzero (buffer, sizeof buffer);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The API key on standard input is too long."));
      return NULL;
    }

  key = g_strndup (buffer, len);
  explicit_bzero (buffer, sizeof buffer);
  g_strstrip (key);

  if (*key == '\0')
    {
      roster_keyring_key_free (key);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("No API key on standard input. Give it on the first line, for example "
                             "from a password manager: … | roster-cli accounts add NAME"));
      return NULL;
    }

  return key;
}

/* ---- Commands -------------------------------------------------------------------------------- */

static int
accounts_list (int    argc,
               char **argv)
{
  g_autoptr(RosterAccountStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (argc > 1)
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", _("accounts list takes no arguments"));

  if ((store = open_store (&error)) == NULL)
    return fail (error);

  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (n == 0 && isatty (STDOUT_FILENO))
    g_printerr ("%s\n", _("No accounts yet. Add one with: roster-cli accounts add NAME"));

  /* Name, product, endpoint: never the key. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterAccount) account = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_print ("%s\t%s\t%s\n",
               roster_account_get_name (account),
               roster_product_to_string (roster_account_get_product (account)),
               roster_account_get_effective_endpoint (account));
    }

  return ROSTER_CLI_OK;
}

static int
accounts_add (int    argc,
              char **argv)
{
  g_autofree char *product_name = NULL;
  g_autofree char *endpoint = NULL;
  GOptionEntry entries[] = {
    { "product", 0, 0, G_OPTION_ARG_STRING, &product_name, N_("everwebinar (the default) or webinarjam"), "PRODUCT" },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint, N_("API address, when not the product’s own"), "URL" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(RosterAccountStore) store = NULL;
  g_autoptr(RosterAccount) account = NULL;
  g_autoptr(RosterKeyringKey) api_key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  RosterProduct product = ROSTER_PRODUCT_EVERWEBINAR;
  Wait wait;

  context = g_option_context_new ("NAME");
  g_option_context_set_summary (context, _("Adds an account. The API key is read from standard input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);

  if (argc != 2)
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", _("accounts add needs one NAME; the key is read from standard input"));
  if (product_name != NULL && !roster_product_from_string (product_name, &product))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", _("--product is everwebinar or webinarjam"));

  if ((name = roster_account_store_normalize_name (argv[1], &error)) == NULL ||
      (endpoint != NULL && !roster_client_check_endpoint (endpoint, &error)) ||
      (store = open_store (&error)) == NULL)
    return fail (error);

  /* Before asking for the key, which would be wasted. */
  if (roster_account_store_lookup (store, name) != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is already an account named “%s”."), name);
      return roster_cli_fail (ROSTER_CLI_USAGE, "%s", message);
    }

  if ((api_key = read_key (name, &error)) == NULL)
    return fail (error);

  wait_init (&wait);
  roster_account_store_add_async (store, name, product, endpoint, api_key, TRUE, NULL, wait_cb, &wait);
  account = roster_account_store_add_finish (store, wait_run (&wait), &error);
  wait_clear (&wait);

  /* dconf writes in the background: make sure the account is on disk before exiting. */
  g_settings_sync ();

  if (account == NULL)
    return fail (error);

  g_print (_("Added the account “%s”; its key is in the keyring.\n"), name);
  return ROSTER_CLI_OK;
}

static int
accounts_remove (int    argc,
                 char **argv)
{
  g_autoptr(RosterAccountStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  RosterAccount *account;
  gboolean removed;
  Wait wait;

  if (argc != 2)
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", _("accounts remove needs one NAME"));

  if ((name = roster_account_store_normalize_name (argv[1], &error)) == NULL ||
      (store = open_store (&error)) == NULL)
    return fail (error);

  if ((account = roster_account_store_lookup (store, name)) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no account named “%s”."), name);
      return roster_cli_fail (ROSTER_CLI_USAGE, "%s", message);
    }

  wait_init (&wait);
  roster_account_store_remove_async (store, account, NULL, wait_cb, &wait);
  removed = roster_account_store_remove_finish (store, wait_run (&wait), &error);
  wait_clear (&wait);
  g_settings_sync ();

  if (!removed)
    return fail (error);

  g_print (_("Removed the account “%s” and cleared its key.\n"), name);
  return ROSTER_CLI_OK;
}

/**
 * roster_cli_accounts_run:
 * @argv: the arguments from "accounts" on
 */
int
roster_cli_accounts_run (int    argc,
                         char **argv)
{
  g_return_val_if_fail (argc >= 1, ROSTER_CLI_USAGE);

  if (argc == 1 || g_strcmp0 (argv[1], "list") == 0)
    return accounts_list (argc == 1 ? 1 : argc - 1, argc == 1 ? argv : argv + 1);
  if (g_strcmp0 (argv[1], "add") == 0)
    return accounts_add (argc - 1, argv + 1);
  if (g_strcmp0 (argv[1], "remove") == 0)
    return accounts_remove (argc - 1, argv + 1);

  return roster_cli_fail (ROSTER_CLI_USAGE, "%s", _("accounts takes list, add NAME or remove NAME"));
}

/**
 * roster_cli_account_key:
 * @product: (out): the account's product
 * @endpoint: (out) (transfer full) (nullable): its endpoint, %NULL for the product's default
 *
 * For `roster-cli --account NAME`: the stored account's key, read from the keyring.
 *
 * Returns: (transfer full): the key; wipe it before freeing it
 */
char *
roster_cli_account_key (const char     *name,
                        RosterProduct  *product,
                        char          **endpoint,
                        GError        **error)
{
  g_autoptr(RosterAccountStore) store = NULL;
  g_autofree char *normalized = NULL;
  RosterAccount *account;
  char *api_key;
  Wait wait;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (product != NULL, NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);

  if ((normalized = roster_account_store_normalize_name (name, error)) == NULL ||
      (store = open_store (error)) == NULL)
    return NULL;

  if ((account = roster_account_store_lookup (store, normalized)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no account named “%s”. roster-cli accounts lists them."), normalized);
      return NULL;
    }

  wait_init (&wait);
  roster_keyring_lookup_async (normalized, NULL, wait_cb, &wait);
  api_key = roster_keyring_lookup_finish (wait_run (&wait), error);
  wait_clear (&wait);
  if (api_key == NULL)
    return NULL;

  *product = roster_account_get_product (account);
  *endpoint = g_strdup (roster_account_get_endpoint (account));

  return api_key;
}
