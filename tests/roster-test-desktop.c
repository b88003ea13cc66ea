/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-test-desktop"

#include "config.h"

#include <string.h>

#include "roster-test-desktop.h"

/* Runs in a thread of its own with its own bus connection: gtk_application_inhibit() waits for
 * its answer on the main thread, which would never come from a handler on that thread. */

struct _RosterTestDesktop
{
  GThread      *thread;
  GMainContext *context;
  GMutex        mutex;
  GCond         cond;
  gboolean      ready;
  gboolean      stopping;
  GPtrArray    *calls;        /* char*, under mutex */
  GHashTable   *inhibitors;   /* cookie set, under mutex */
  guint         next_cookie;
};

static const char introspection[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "  <interface name='org.gnome.SessionManager'>"
  "    <method name='Inhibit'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='u' direction='in'/><arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='Uninhibit'><arg type='u' direction='in'/></method>"
  "    <method name='IsInhibited'><arg type='u' direction='in'/><arg type='b' direction='out'/></method>"
  "  </interface>"
  "</node>";

static void
record (RosterTestDesktop *self,
        char              *line)
{
  g_mutex_lock (&self->mutex);
  g_ptr_array_add (self->calls, line);
  g_mutex_unlock (&self->mutex);
}

/* "add <id> title=… body=… priority=… default=<action>(<target>) button=<label>:<action>(<target>)" */
static char *
describe_notification (const char *id,
                       GVariant   *dict)
{
  GString *line = g_string_new ("add ");
  const char *text = NULL;
  const char *action = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GVariant) buttons = NULL;

  g_string_append (line, id);
  if (g_variant_lookup (dict, "title", "&s", &text))
    g_string_append_printf (line, " title=%s", text);
  if (g_variant_lookup (dict, "body", "&s", &text))
    g_string_append_printf (line, " body=%s", text);
  if (g_variant_lookup (dict, "priority", "&s", &text))
    g_string_append_printf (line, " priority=%s", text);
  if (g_variant_lookup (dict, "default-action", "&s", &action))
    {
      target = g_variant_lookup_value (dict, "default-action-target", NULL);
      g_string_append_printf (line, " default=%s(%s)", action,
                              target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING)
                                ? g_variant_get_string (target, NULL) : "");
      g_clear_pointer (&target, g_variant_unref);
    }
  buttons = g_variant_lookup_value (dict, "buttons", G_VARIANT_TYPE ("aa{sv}"));
  for (gsize i = 0; buttons != NULL && i < g_variant_n_children (buttons); i++)
    {
      g_autoptr(GVariant) button = g_variant_get_child_value (buttons, i);
      const char *label = "";

      g_variant_lookup (button, "label", "&s", &label);
      action = "";
      g_variant_lookup (button, "action", "&s", &action);
      target = g_variant_lookup_value (button, "target", NULL);
      g_string_append_printf (line, " button=%s:%s(%s)", label, action,
                              target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING)
                                ? g_variant_get_string (target, NULL) : "");
      g_clear_pointer (&target, g_variant_unref);
    }

  return g_string_free (line, FALSE);
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
  RosterTestDesktop *self = user_data;

  if (g_str_equal (method_name, "AddNotification"))
    {
      const char *app_id, *id;
      g_autoptr(GVariant) dict = NULL;

      g_variant_get (parameters, "(&s&s@a{sv})", &app_id, &id, &dict);
      record (self, describe_notification (id, dict));
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "RemoveNotification"))
    {
      const char *app_id, *id;

      g_variant_get (parameters, "(&s&s)", &app_id, &id);
      record (self, g_strdup_printf ("remove %s", id));
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "Inhibit"))
    {
      const char *app_id, *reason;
      guint32 xid, flags, cookie;

      g_variant_get (parameters, "(&su&su)", &app_id, &xid, &reason, &flags);
      g_mutex_lock (&self->mutex);
      cookie = ++self->next_cookie;
      g_hash_table_add (self->inhibitors, GUINT_TO_POINTER (cookie));
      g_mutex_unlock (&self->mutex);
      record (self, g_strdup_printf ("inhibit %u flags=%u reason=%s", cookie, flags, reason));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", cookie));
    }
  else if (g_str_equal (method_name, "Uninhibit"))
    {
      guint32 cookie;

      g_variant_get (parameters, "(u)", &cookie);
      g_mutex_lock (&self->mutex);
      g_hash_table_remove (self->inhibitors, GUINT_TO_POINTER (cookie));
      g_mutex_unlock (&self->mutex);
      record (self, g_strdup_printf ("uninhibit %u", cookie));
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    {
      g_mutex_lock (&self->mutex);
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(b)", g_hash_table_size (self->inhibitors) > 0));
      g_mutex_unlock (&self->mutex);
    }
}

static void
own (GDBusConnection *connection,
     const char      *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  guint32 result = 0;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", name, 4 /* DO_NOT_QUEUE */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  /* 1: the primary owner.  Nothing else on the private test bus may own it. */
  g_assert_cmpuint (result, ==, 1);
}

static gpointer
thread_func (gpointer data)
{
  RosterTestDesktop *self = data;
  static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autofree char *address = NULL;
  guint ids[2];

  g_main_context_push_thread_default (self->context);

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  node = g_dbus_node_info_new_for_xml (introspection, &error);
  g_assert_no_error (error);
  ids[0] = g_dbus_connection_register_object (connection, "/org/gtk/Notifications", node->interfaces[0],
                                              &vtable, self, NULL, &error);
  g_assert_no_error (error);
  ids[1] = g_dbus_connection_register_object (connection, "/org/gnome/SessionManager", node->interfaces[1],
                                              &vtable, self, NULL, &error);
  g_assert_no_error (error);
  own (connection, "org.gtk.Notifications");
  own (connection, "org.gnome.SessionManager");

  g_mutex_lock (&self->mutex);
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  while (!g_atomic_int_get (&self->stopping))
    g_main_context_iteration (self->context, TRUE);

  g_dbus_connection_unregister_object (connection, ids[0]);
  g_dbus_connection_unregister_object (connection, ids[1]);
  g_dbus_connection_close_sync (connection, NULL, NULL);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

/* Owns both names before it returns, so that an application made next finds them. */
RosterTestDesktop *
roster_test_desktop_start (void)
{
  RosterTestDesktop *self = g_new0 (RosterTestDesktop, 1);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->calls = g_ptr_array_new_with_free_func (g_free);
  self->inhibitors = g_hash_table_new (NULL, NULL);
  self->context = g_main_context_new ();
  self->thread = g_thread_new ("test-desktop", thread_func, self);

  g_mutex_lock (&self->mutex);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  return self;
}

void
roster_test_desktop_stop (RosterTestDesktop *self)
{
  g_atomic_int_set (&self->stopping, TRUE);
  g_main_context_wakeup (self->context);
  g_thread_join (self->thread);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->calls);
  g_hash_table_unref (self->inhibitors);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

GPtrArray *
roster_test_desktop_dup_calls (RosterTestDesktop *self)
{
  GPtrArray *copy;

  g_mutex_lock (&self->mutex);
  copy = g_ptr_array_copy (self->calls, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  g_ptr_array_set_free_func (copy, g_free);
  g_mutex_unlock (&self->mutex);

  return copy;
}

void
roster_test_desktop_clear (RosterTestDesktop *self)
{
  g_mutex_lock (&self->mutex);
  g_ptr_array_set_size (self->calls, 0);
  g_mutex_unlock (&self->mutex);
}

/* Cookies given out and not yet given back. */
guint
roster_test_desktop_get_n_inhibitors (RosterTestDesktop *self)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = g_hash_table_size (self->inhibitors);
  g_mutex_unlock (&self->mutex);

  return n;
}

/* The last call that starts with @prefix and holds @contains (NULL: any), or NULL. */
char *
roster_test_desktop_find (RosterTestDesktop *self,
                          const char        *prefix,
                          const char        *contains)
{
  char *found = NULL;

  g_mutex_lock (&self->mutex);
  for (guint i = self->calls->len; found == NULL && i > 0; i--)
    {
      const char *line = g_ptr_array_index (self->calls, i - 1);

      if (g_str_has_prefix (line, prefix) && (contains == NULL || strstr (line, contains) != NULL))
        found = g_strdup (line);
    }
  g_mutex_unlock (&self->mutex);

  return found;
}

/* Runs the main context until such a call has come, failing after @timeout_ms. */
char *
roster_test_desktop_wait_for (RosterTestDesktop *self,
                              const char        *prefix,
                              const char        *contains,
                              guint              timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  char *found;

  while ((found = roster_test_desktop_find (self, prefix, contains)) == NULL)
    {
      if (g_get_monotonic_time () > end)
        g_error ("No call “%s … %s” came", prefix, contains != NULL ? contains : "");
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return found;
}
