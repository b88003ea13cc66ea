/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "roster-cli-common.h"
#include "roster-cli-store.h"
#include "roster-registrant-store.h"
#include "roster-store-sync.h"

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Opens the account's store (in memory for the demo), saying so when a damaged one was rebuilt. */
RosterRegistrantStore *
roster_cli_store_open (const char  *path,
                       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  RosterRegistrantStore *store;
  const GError *recovered;

  roster_registrant_store_open_async (path, NULL, store_result, &result);
  store = roster_registrant_store_open_finish (wait_for (&result), error);
  if (store != NULL && (recovered = roster_registrant_store_get_recovered (store)) != NULL)
    g_printerr (_("roster-cli: %s; it was moved aside and the store starts afresh\n"),
                recovered->message);
  return store;
}

static gboolean
parse_webinar_id (const char *text,
                  gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

/* ---- sync ------------------------------------------------------------------------------------- */

static void
sync_progress (RosterStoreSync *sync,
               guint            n_loaded,
               gint64           total,
               gpointer         user_data)
{
  g_printerr ("\r");
  if (total >= 0)
    g_printerr (_("%s: %u of %u registrants"), (const char *) user_data, n_loaded,
                (guint) CLAMP (total, 0, G_MAXUINT));
  else
    g_printerr (_("%s: %u changed registrants"), (const char *) user_data, n_loaded);
}

static GArray *
all_webinar_ids (RosterClient  *client,
                 GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) webinars = NULL;
  GArray *ids;

  roster_client_list_webinars_async (client, NULL, store_result, &result);
  webinars = roster_client_list_webinars_finish (client, wait_for (&result), error);
  if (webinars == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < webinars->len; i++)
    {
      gint64 id = roster_webinar_get_id (webinars->pdata[i]);

      g_array_append_val (ids, id);
    }
  return ids;
}

int
roster_cli_sync_run (RosterClient  *client,
                     const char    *path,
                     int            argc,
                     char         **argv)
{
  gboolean all = FALSE;
  gboolean full = FALSE;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every webinar of the account"), NULL },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full, N_("Read every page, not only what changed"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistrantStore) store = NULL;
  g_autoptr(RosterStoreSync) sync = NULL;
  g_autoptr(GArray) ids = NULL;
  gboolean progress = isatty (STDERR_FILENO);
  int status = ROSTER_CLI_OK;

  if (!roster_cli_parse_options (entries, "[WEBINAR_ID…]", &argc, &argv, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
  if (all == (argc > 1))
    return roster_cli_fail (ROSTER_CLI_USAGE, _("sync needs WEBINAR_IDs or --all"));

  if (all)
    ids = all_webinar_ids (client, &error);
  else
    {
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (int i = 1; i < argc; i++)
        {
          gint64 id;

          if (!parse_webinar_id (argv[i], &id))
            return roster_cli_fail (ROSTER_CLI_USAGE, _("“%s” is not a webinar ID"), argv[i]);
          g_array_append_val (ids, id);
        }
    }
  if (ids == NULL || (store = roster_cli_store_open (path, &error)) == NULL)
    return roster_cli_fail (roster_cli_status_for_error (error), "%s", error->message);

  sync = roster_store_sync_new (store, client);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *label = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (ids, gint64, i));
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) sync_error = NULL;
      gulong handler = 0;

      if (progress)
        handler = g_signal_connect (sync, "progress", G_CALLBACK (sync_progress), label);
      roster_store_sync_run_async (sync, g_array_index (ids, gint64, i), full, NULL,
                                   store_result, &result);
      if (!roster_store_sync_run_finish (sync, wait_for (&result), NULL, &sync_error))
        {
          if (progress)
            g_printerr ("\n");
          /* Translators: %s is a webinar ID, then an error message */
          g_printerr (_("roster-cli: %s: %s\n"), label, sync_error->message);
          status = ids->len > 1 ? ROSTER_CLI_PARTIAL : roster_cli_status_for_error (sync_error);
        }
      else if (progress)
        g_printerr ("\n");
      g_clear_signal_handler (&handler, sync);
    }
  return status;
}

/* ---- register and unsubscribe ----------------------------------------------------------------- */

/* Tells the account's store, when it has one, about a registration or an unsubscription that
 * just went through, so that it needs no sync to show it. */
void
roster_cli_store_note (const char         *path,
                       RosterRegistration *registration,
                       gint64              webinar_id,
                       gint64              unsubscribed_lead_id)
{
  g_autoptr(RosterRegistrantStore) store = NULL;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
      (store = roster_cli_store_open (path, NULL)) == NULL)
    return;
  if (registration != NULL)
    roster_registrant_store_note_registered (store, registration);
  else
    roster_registrant_store_note_unsubscribed (store, webinar_id, unsubscribed_lead_id);
  roster_cli_store_wait (store);
}

/* Returns once every write asked of @store so far is done: the process may exit then. */
void
roster_cli_store_wait (RosterRegistrantStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;

  /* The store works in order: once this answers, what came before is written. */
  roster_registrant_store_get_sync_state_async (store, 0, NULL, store_result, &result);
  roster_registrant_store_get_sync_state_finish (store, wait_for (&result), NULL, NULL, NULL);
}

/* ---- registrants --cached --------------------------------------------------------------------- */

GListModel *
roster_cli_store_list (const char                    *path,
                       gint64                         webinar_id,
                       const RosterRegistrantFilter  *filter,
                       GError                       **error)
{
  g_autoptr(RosterRegistrantStore) store = roster_cli_store_open (path, error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GListStore *list;

  if (store == NULL)
    return NULL;
  roster_registrant_store_list_async (store, webinar_id, filter, ROSTER_STORE_SORT_SIGNUP, FALSE,
                                      0, 0, NULL, store_result, &result);
  rows = roster_registrant_store_list_finish (store, wait_for (&result), error);
  if (rows == NULL)
    return NULL;
  list = g_list_store_new (ROSTER_TYPE_REGISTRANT);
  g_list_store_splice (list, 0, 0, rows->pdata, rows->len);
  return G_LIST_MODEL (list);
}

/* ---- people ----------------------------------------------------------------------------------- */

static const char *
flag_text (RosterFlag flag)
{
  return flag == ROSTER_FLAG_YES ? _("yes") : flag == ROSTER_FLAG_NO ? _("no") : "?";
}

static void
print_person (RosterRegistrant *r,
              const char       *previous_email)
{
  const char *email = roster_registrant_get_email (r);
  g_autofree char *session = roster_registrant_dup_session_text (r);
  g_autofree char *lead = g_strdup_printf ("%" G_GINT64_FORMAT, roster_registrant_get_lead_id (r));

  if (g_strcmp0 (previous_email, email) != 0)
    g_print ("%s <%s>\n", roster_registrant_get_display_name (r), email);
  /* Translators: a webinar's name, then the session */
  g_print (_("  %s, %s\n"), roster_registrant_get_webinar (r) ?: "", session ?: "");
  /* Translators: yes or no three times, then a number */
  g_print (_("    live: %s, replay: %s, bought: %s, lead %s\n"),
           flag_text (roster_registrant_get_attended_live (r)),
           flag_text (roster_registrant_get_attended_replay (r)),
           flag_text (roster_registrant_get_purchased_live (r) == ROSTER_FLAG_YES ?
                      ROSTER_FLAG_YES : roster_registrant_get_purchased_replay (r)),
           lead);
  if (roster_registrant_get_live_room_url (r) != NULL)
    g_print (_("    live room: %s\n"), roster_registrant_get_live_room_url (r));
  if (roster_registrant_get_replay_room_url (r) != NULL)
    g_print (_("    replay room: %s\n"), roster_registrant_get_replay_room_url (r));
}

int
roster_cli_people_run (const char    *path,
                       int            argc,
                       char         **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRegistrantStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  if (!roster_cli_parse_options (entries, "TEXT", &argc, &argv, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
  if (argc != 2 || *g_strstrip (argv[1]) == '\0')
    return roster_cli_fail (ROSTER_CLI_USAGE, _("people needs one TEXT: a name or an email"));
  store = roster_cli_store_open (path, &error);
  if (store == NULL)
    return roster_cli_fail (roster_cli_status_for_error (error), "%s", error->message);

  roster_registrant_store_people_async (store, argv[1], 0, NULL, store_result, &result);
  rows = roster_registrant_store_people_finish (store, wait_for (&result), &error);
  if (rows == NULL)
    return roster_cli_fail (roster_cli_status_for_error (error), "%s", error->message);

  if (json)
    {
      g_autoptr(GListStore) list = g_list_store_new (ROSTER_TYPE_REGISTRANT);
      g_autoptr(GString) text = NULL;

      g_list_store_splice (list, 0, 0, rows->pdata, rows->len);
      text = roster_cli_registrants_json (G_LIST_MODEL (list));
      g_print ("%s", text->str);
    }
  else
    for (guint i = 0; i < rows->len; i++)
      print_person (rows->pdata[i],
                    i > 0 ? roster_registrant_get_email (rows->pdata[i - 1]) : NULL);
  return ROSTER_CLI_OK;
}

/* ---- forget-data ------------------------------------------------------------------------------ */

int
roster_cli_forget_data_run (const char    *path,
                            int            argc,
                            char         **argv)
{
  g_autoptr(GError) error = NULL;

  if (argc != 1)
    return roster_cli_fail (ROSTER_CLI_USAGE, _("forget-data takes no arguments"));
  if (path != NULL && !roster_registrant_store_forget (path, &error))
    return roster_cli_fail (ROSTER_CLI_USAGE, "%s", error->message);
  g_print (_("Forgot the stored registrants of this account\n"));
  return ROSTER_CLI_OK;
}
