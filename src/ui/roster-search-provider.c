/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-search-provider"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-search-provider.h"
#include "roster-store-people.h"

/* org.gnome.Shell.SearchProvider2: typing a name or an email in Activities finds people in the
 * stores of every account that has one on disk, never through the API. Every account, not only
 * the last one open: a marketer with two accounts expects to find a person whichever one the
 * window showed last, and each store answers in its own worker thread, side by side. The demo
 * is left out: its store lives only as long as a window shows it.
 *
 * Each call holds the application while it works, so a Roster that Shell started for a search
 * ends by itself a little after the last one (the application's inactivity timeout). */

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

/* A result is a person in one account: "<account>\x1f<email>". */
#define ID_SEPARATOR "\x1f"

struct _RosterSearchProvider
{
  GObject                   parent_instance;

  GApplication             *application;   /* owns us */
  RosterAccountStore       *accounts;
  RosterSearchProviderOpen  open;
  GDBusConnection          *connection;
  guint                     registration_id;
  GHashTable               *metas;          /* result ID → GVariant a{sv} */
};

G_DEFINE_FINAL_TYPE (RosterSearchProvider, roster_search_provider, G_TYPE_OBJECT)

static GDBusNodeInfo *node_info;

/* One search over every account's store. */
typedef struct
{
  RosterSearchProvider  *self;
  GDBusMethodInvocation *invocation;
  char                  *text;
  GPtrArray             *per_account;      /* for each account, its result IDs, in order */
  guint                  n_pending;
} Search;

typedef struct
{
  Search        *search;
  guint          index;
  RosterAccount *account;
} AccountSearch;

static void
search_finish (Search *search)
{
  RosterSearchProvider *self = search->self;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("as"));
  for (guint i = 0; i < search->per_account->len; i++)
    {
      GPtrArray *ids = g_ptr_array_index (search->per_account, i);

      for (guint j = 0; j < ids->len; j++)
        g_variant_builder_add (&builder, "s", g_ptr_array_index (ids, j));
    }
  g_dbus_method_invocation_return_value (search->invocation, g_variant_new ("(as)", &builder));

  g_application_release (self->application);
  g_object_unref (search->invocation);
  g_ptr_array_unref (search->per_account);
  g_free (search->text);
  g_object_unref (search->self);
  g_free (search);
}

static void
account_search_done (AccountSearch *as)
{
  Search *search = as->search;

  g_object_unref (as->account);
  g_free (as);
  if (--search->n_pending == 0)
    search_finish (search);
}

static GVariant *
make_meta (const char        *id,
           RosterPersonMatch *match)
{
  RosterRegistrant *r = roster_person_match_get_registrant (match);
  g_autoptr(GIcon) icon = g_themed_icon_new ("avatar-default-symbolic");
  g_autoptr(GVariant) serialized = g_icon_serialize (icon);
  g_autofree char *description = NULL;
  GVariantBuilder meta;

  /* Translators: a person's email and the webinar they registered for last */
  description = g_strdup_printf (_("%s · %s"), roster_registrant_get_email (r),
                                 roster_registrant_get_webinar (r) ?: "");
  g_variant_builder_init (&meta, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (id));
  g_variant_builder_add (&meta, "{sv}", "name",
                         g_variant_new_string (roster_registrant_get_display_name (r) ?: ""));
  g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
  g_variant_builder_add (&meta, "{sv}", "icon", serialized);
  return g_variant_ref_sink (g_variant_builder_end (&meta));
}

static void
people_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AccountSearch *as = user_data;
  RosterSearchProvider *self = as->search->self;
  GPtrArray *ids = g_ptr_array_index (as->search->per_account, as->index);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;

  matches = roster_registrant_store_search_people_finish (ROSTER_REGISTRANT_STORE (object),
                                                          result, &error);
  if (matches == NULL)
    g_debug ("Searching the people of “%s” failed: %s",
             roster_account_get_name (as->account), error->message);

  /* Each person once, with the webinar they registered for last. */
  for (guint i = 0; matches != NULL && i < matches->len; i++)
    {
      RosterPersonMatch *match = g_ptr_array_index (matches, i);
      g_autofree char *email = g_utf8_casefold (roster_person_match_get_email (match) ?: "", -1);
      char *id = g_strconcat (roster_account_get_name (as->account), ID_SEPARATOR, email, NULL);

      if (ids->len > 0 && g_str_equal (g_ptr_array_index (ids, ids->len - 1), id))
        {
          g_free (id);
          continue;
        }
      g_hash_table_replace (self->metas, g_strdup (id), make_meta (id, match));
      g_ptr_array_add (ids, id);
    }
  account_search_done (as);
}

static void
store_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AccountSearch *as = user_data;
  g_autoptr(RosterRegistrantStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = roster_account_get_registrant_store_finish (ROSTER_ACCOUNT (object), result, &error);
  if (store == NULL)
    {
      g_debug ("No stored people for “%s”: %s", roster_account_get_name (as->account),
               error->message);
      account_search_done (as);
      return;
    }
  roster_registrant_store_search_people_async (store, as->search->text,
                                               ROSTER_SEARCH_PROVIDER_MAX_PEOPLE, NULL,
                                               people_found_cb, as);
}

/* An account that never stored anyone has no file: opening it would make an empty one. */
static gboolean
has_stored_people (RosterAccount *account)
{
  g_autofree char *path = roster_account_dup_registrant_store_path (account, NULL);

  return roster_account_peek_registrant_store (account) != NULL ||
         (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static char *
join_terms (GVariant *terms)
{
  g_autofree const char **strv = g_variant_get_strv (terms, NULL);

  return g_strstrip (g_strjoinv (" ", (char **) strv));
}

static void
start_search (RosterSearchProvider  *self,
              GDBusMethodInvocation *invocation,
              GVariant              *terms)
{
  GListModel *accounts = G_LIST_MODEL (self->accounts);
  guint n_accounts = g_list_model_get_n_items (accounts);
  Search *search = g_new0 (Search, 1);

  g_application_hold (self->application);
  search->self = g_object_ref (self);
  search->invocation = g_object_ref (invocation);
  search->text = join_terms (terms);
  search->per_account = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  /* One reference for the loop below, so no account can finish the search before it ends. */
  search->n_pending = 1;

  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(RosterAccount) account = g_list_model_get_item (accounts, i);
      AccountSearch *as;

      g_ptr_array_add (search->per_account, g_ptr_array_new_with_free_func (g_free));
      if (*search->text == '\0' || !has_stored_people (account))
        continue;
      as = g_new0 (AccountSearch, 1);
      as->search = search;
      as->index = i;
      as->account = g_object_ref (account);
      search->n_pending++;
      roster_account_get_registrant_store_async (account, NULL, store_ready_cb, as);
    }
  if (--search->n_pending == 0)
    search_finish (search);
}

static void
return_metas (RosterSearchProvider  *self,
              GDBusMethodInvocation *invocation,
              GVariant              *ids)
{
  GVariantBuilder builder;
  GVariantIter iter;
  const char *id;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_iter_init (&iter, ids);
  while (g_variant_iter_next (&iter, "&s", &id))
    {
      GVariant *meta = g_hash_table_lookup (self->metas, id);

      if (meta != NULL)
        g_variant_builder_add_value (&builder, meta);
    }
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aa{sv})", &builder));
}

static void
activate_result (RosterSearchProvider *self,
                 const char           *id)
{
  g_auto(GStrv) parts = g_strsplit (id, ID_SEPARATOR, 2);
  RosterAccount *account = NULL;

  if (g_strv_length (parts) == 2)
    account = roster_account_store_lookup (self->accounts, parts[0]);
  self->open (self->application, account, g_strv_length (parts) == 2 ? parts[1] : id);
}

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  RosterSearchProvider *self = user_data;

  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      g_autoptr(GVariant) terms = g_variant_get_child_value (parameters, 0);

      start_search (self, invocation, terms);
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      /* A new search costs no more than filtering, and finds people the first one's limit
       * left out. */
      g_autoptr(GVariant) terms = g_variant_get_child_value (parameters, 1);

      start_search (self, invocation, terms);
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      g_autoptr(GVariant) ids = g_variant_get_child_value (parameters, 0);

      return_metas (self, invocation, ids);
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      const char *id;

      g_variant_get (parameters, "(&s@asu)", &id, NULL, NULL);
      activate_result (self, id);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      g_autoptr(GVariant) terms = g_variant_get_child_value (parameters, 0);
      g_autofree char *text = join_terms (terms);

      self->open (self->application, NULL, text);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "No such method: %s", method_name);
}

static void
roster_search_provider_finalize (GObject *object)
{
  RosterSearchProvider *self = ROSTER_SEARCH_PROVIDER (object);

  roster_search_provider_unregister (self);
  g_clear_object (&self->accounts);
  g_hash_table_unref (self->metas);

  G_OBJECT_CLASS (roster_search_provider_parent_class)->finalize (object);
}

static void
roster_search_provider_class_init (RosterSearchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_search_provider_finalize;

  node_info = g_dbus_node_info_new_for_xml (introspection_xml, NULL);
}

static void
roster_search_provider_init (RosterSearchProvider *self)
{
  self->metas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_variant_unref);
}

/**
 * roster_search_provider_new:
 * @application: the application, which owns the provider
 * @accounts: whose stores to search
 * @open: opens the People search of @application on a text (and an account)
 */
RosterSearchProvider *
roster_search_provider_new (GApplication             *application,
                            RosterAccountStore       *accounts,
                            RosterSearchProviderOpen  open)
{
  RosterSearchProvider *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ROSTER_IS_ACCOUNT_STORE (accounts), NULL);
  g_return_val_if_fail (open != NULL, NULL);

  self = g_object_new (ROSTER_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;
  self->accounts = g_object_ref (accounts);
  self->open = open;
  return self;
}

gboolean
roster_search_provider_register (RosterSearchProvider  *self,
                                 GDBusConnection       *connection,
                                 const char            *object_path,
                                 GError               **error)
{
  static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { 0 } };

  g_return_val_if_fail (ROSTER_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (self->registration_id == 0, FALSE);

  self->registration_id = g_dbus_connection_register_object (connection, object_path,
                                                             node_info->interfaces[0], &vtable,
                                                             self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;
  self->connection = g_object_ref (connection);
  return TRUE;
}

void
roster_search_provider_unregister (RosterSearchProvider *self)
{
  g_return_if_fail (ROSTER_IS_SEARCH_PROVIDER (self));

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
}
