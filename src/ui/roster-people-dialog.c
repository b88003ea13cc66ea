/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-people-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-people-dialog.h"
#include "roster-person-group.h"
#include "roster-store-people.h"
#include "roster-ui-util.h"

/* People across webinars: what the user types, found in the active account's local store (no
 * API call), each person with every webinar they registered for. Activating a registration
 * emits "match-activated"; the window then shows that webinar's registrants on the person. */

#define MAX_PEOPLE 100

struct _RosterPeopleDialog
{
  AdwWindow              parent_instance;

  RosterAccount         *account;
  RosterRegistrantStore *store;
  GCancellable          *store_cancellable;   /* opening the store and checking it */
  GCancellable          *search_cancellable;  /* the search under way */
  GListStore            *matches;
  GPtrArray             *groups;              /* shown in results_page */
  gboolean               store_empty;
  GError                *store_error;

  AdwWindowTitle        *window_title;
  GtkSearchEntry        *search_entry;
  GtkStack              *stack;
  AdwStatusPage         *error_page;
  AdwPreferencesPage    *results_page;
};

G_DEFINE_FINAL_TYPE (RosterPeopleDialog, roster_people_dialog, ADW_TYPE_WINDOW)

enum {
  MATCH_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_results (RosterPeopleDialog *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->results_page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  g_list_store_remove_all (self->matches);
}

static void
group_activated_cb (RosterPeopleDialog *self,
                    RosterPersonMatch  *match)
{
  g_signal_emit (self, signals[MATCH_ACTIVATED], 0, match);
}

static void
show_matches (RosterPeopleDialog *self,
              GPtrArray          *matches)
{
  RosterPersonGroup *group = NULL;
  g_autofree char *group_email = NULL;

  clear_results (self);
  for (guint i = 0; i < matches->len; i++)
    {
      RosterPersonMatch *match = g_ptr_array_index (matches, i);
      g_autofree char *email = g_utf8_casefold (roster_person_match_get_email (match) ?: "", -1);

      g_list_store_append (self->matches, match);
      /* The store returns each person's registrations together, whatever the email's case. */
      if (group != NULL && g_str_equal (email, group_email))
        {
          roster_person_group_add_match (group, match);
          continue;
        }
      group = ROSTER_PERSON_GROUP (roster_person_group_new (match));
      g_free (group_email);
      group_email = g_steal_pointer (&email);
      g_signal_connect_object (group, "activated", G_CALLBACK (group_activated_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_page_add (self->results_page, ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->groups, group);
    }
  gtk_stack_set_visible_child_name (self->stack, matches->len > 0 ? "results" : "no-results");
}

static void
people_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RosterPeopleDialog *self;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;

  matches = roster_registrant_store_search_people_finish (ROSTER_REGISTRANT_STORE (object),
                                                          result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = ROSTER_PEOPLE_DIALOG (user_data);
  g_clear_object (&self->search_cancellable);
  if (matches == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  show_matches (self, matches);
}

/* Shows what fits the store and the text: a hint, the empty state, or a search. */
static void
update (RosterPeopleDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (self->store_error != NULL)
    {
      adw_status_page_set_description (self->error_page, self->store_error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  if (self->store_cancellable != NULL)
    return;   /* the store is still opening; it calls again */
  if (self->store == NULL || self->store_empty)
    {
      clear_results (self);
      gtk_stack_set_visible_child_name (self->stack, "nothing-stored");
      return;
    }
  if (*stripped == '\0')
    {
      clear_results (self);
      gtk_stack_set_visible_child_name (self->stack, "search");
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  roster_registrant_store_search_people_async (self->store, stripped, MAX_PEOPLE,
                                               self->search_cancellable, people_found_cb, self);
}

static void
summary_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  RosterPeopleDialog *self;
  RosterStoreSummary summary = { 0, };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = roster_registrant_store_summary_finish (ROSTER_REGISTRANT_STORE (object), result, &summary,
                                               &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = ROSTER_PEOPLE_DIALOG (user_data);
  g_clear_object (&self->store_cancellable);
  if (!ok)
    self->store_error = g_steal_pointer (&error);
  self->store_empty = summary.n_registrations == 0;
  update (self);
}

static void
store_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RosterPeopleDialog *self;
  g_autoptr(RosterRegistrantStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = roster_account_get_registrant_store_finish (ROSTER_ACCOUNT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = ROSTER_PEOPLE_DIALOG (user_data);
  if (store == NULL)
    {
      g_clear_object (&self->store_cancellable);
      self->store_error = g_steal_pointer (&error);
      update (self);
      return;
    }
  self->store = g_steal_pointer (&store);
  roster_registrant_store_summary_async (self->store, self->store_cancellable, summary_cb, self);
}

/* Opens the account's store, unless it has none on disk: opening would make an empty file. */
static void
load_store (RosterPeopleDialog *self)
{
  g_autofree char *path = NULL;

  g_cancellable_cancel (self->store_cancellable);
  g_clear_object (&self->store_cancellable);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  self->store_empty = FALSE;

  if (self->account != NULL)
    path = roster_account_dup_registrant_store_path (self->account, NULL);
  if (path != NULL && (roster_account_peek_registrant_store (self->account) != NULL ||
                       g_file_test (path, G_FILE_TEST_IS_REGULAR)))
    {
      self->store_cancellable = g_cancellable_new ();
      roster_account_get_registrant_store_async (self->account, self->store_cancellable,
                                                 store_ready_cb, self);
    }
  update (self);
}

static void
search_changed_cb (RosterPeopleDialog *self)
{
  update (self);
}

/* Enter on a single match shows it. */
static void
search_activate_cb (RosterPeopleDialog *self)
{
  g_autoptr(RosterPersonMatch) match = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->matches)) != 1)
    return;
  match = g_list_model_get_item (G_LIST_MODEL (self->matches), 0);
  g_signal_emit (self, signals[MATCH_ACTIVATED], 0, match);
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(AdwToast) toast = adw_toast_new (_("Link copied"));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (parameter, NULL));
  adw_toast_set_timeout (toast, 2);
  roster_ui_add_toast (widget, toast);
}

static void
open_link_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_debug ("Could not open a link: %s", error->message);
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *url = g_variant_get_string (parameter, NULL);
  g_autoptr(GdkAppLaunchContext) context = NULL;

  if (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    return;
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  g_app_info_launch_default_for_uri_async (url, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           open_link_done_cb, NULL);
}

static gboolean
reload_store_cb (gpointer user_data)
{
  load_store (ROSTER_PEOPLE_DIALOG (user_data));
  return G_SOURCE_REMOVE;
}

/* Heard before the file goes: drop the store now, look for a new one once it is gone. */
static void
store_forgotten_cb (RosterPeopleDialog *self)
{
  g_cancellable_cancel (self->store_cancellable);
  g_clear_object (&self->store_cancellable);
  g_clear_object (&self->store);
  update (self);
  g_idle_add_full (G_PRIORITY_DEFAULT, reload_store_cb, g_object_ref (self), g_object_unref);
}

static void
roster_people_dialog_dispose (GObject *object)
{
  RosterPeopleDialog *self = ROSTER_PEOPLE_DIALOG (object);

  g_cancellable_cancel (self->store_cancellable);
  g_cancellable_cancel (self->search_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_PEOPLE_DIALOG);

  G_OBJECT_CLASS (roster_people_dialog_parent_class)->dispose (object);
}

static void
roster_people_dialog_finalize (GObject *object)
{
  RosterPeopleDialog *self = ROSTER_PEOPLE_DIALOG (object);

  g_clear_object (&self->account);
  g_clear_object (&self->store);
  g_clear_object (&self->store_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->matches);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (roster_people_dialog_parent_class)->finalize (object);
}

static void
roster_people_dialog_class_init (RosterPeopleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_people_dialog_dispose;
  object_class->finalize = roster_people_dialog_finalize;

  /**
   * RosterPeopleDialog::match-activated:
   *
   * The user picked one of a person's registrations to see in its webinar.
   */
  signals[MATCH_ACTIVATED] =
    g_signal_new ("match-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, ROSTER_TYPE_PERSON_MATCH);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterapp/Roster/roster-people-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterPeopleDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RosterPeopleDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RosterPeopleDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterPeopleDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, RosterPeopleDialog, results_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);

  gtk_widget_class_install_action (widget_class, "people.copy-link", "s", copy_link_action);
  gtk_widget_class_install_action (widget_class, "people.open-link", "s", open_link_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
roster_people_dialog_init (RosterPeopleDialog *self)
{
  self->matches = g_list_store_new (ROSTER_TYPE_PERSON_MATCH);
  self->groups = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

RosterPeopleDialog *
roster_people_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (ROSTER_TYPE_PEOPLE_DIALOG, "transient-for", parent, NULL);
}

RosterAccount *
roster_people_dialog_get_account (RosterPeopleDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_PEOPLE_DIALOG (self), NULL);

  return self->account;
}

/* Searches @account's store; %NULL shows the empty state. */
void
roster_people_dialog_set_account (RosterPeopleDialog *self,
                                  RosterAccount      *account)
{
  g_return_if_fail (ROSTER_IS_PEOPLE_DIALOG (self));
  g_return_if_fail (account == NULL || ROSTER_IS_ACCOUNT (account));

  if (self->account == account)
    return;

  if (self->account != NULL)
    g_signal_handlers_disconnect_by_func (self->account, store_forgotten_cb, self);
  g_set_object (&self->account, account);
  if (account != NULL)
    g_signal_connect_object (account, "registrant-store-forgotten",
                             G_CALLBACK (store_forgotten_cb), self, G_CONNECT_SWAPPED);
  adw_window_title_set_subtitle (self->window_title,
                                 account != NULL ? roster_account_get_name (account) : NULL);
  load_store (self);
}

void
roster_people_dialog_set_text (RosterPeopleDialog *self,
                               const char         *text)
{
  g_return_if_fail (ROSTER_IS_PEOPLE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
  /* At once, not after the entry's typing delay. */
  update (self);
}

/* "search", "nothing-stored", "no-results", "error" or "results"; "opening" while the store
 * opens and "searching" while a search runs. */
const char *
roster_people_dialog_get_state (RosterPeopleDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_PEOPLE_DIALOG (self), NULL);

  if (self->store_cancellable != NULL)
    return "opening";
  if (self->search_cancellable != NULL)
    return "searching";
  return gtk_stack_get_visible_child_name (self->stack);
}

/* The registrations shown (RosterPersonMatch), each person's together. */
GListModel *
roster_people_dialog_get_matches (RosterPeopleDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_PEOPLE_DIALOG (self), NULL);

  return G_LIST_MODEL (self->matches);
}
