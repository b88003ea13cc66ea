/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-stored-people-group"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-registrant-format.h"
#include "roster-stored-people-group.h"
#include "roster-store-people.h"
#include "roster-ui-util.h"

/* Preferences' "Stored People": for each account, how much its local store holds (people,
 * webinars, size on disk with the write-ahead log, last sync), and "Forget Stored People",
 * which deletes it after asking. The demo's store shows too while a window shows the demo. */

struct _RosterStoredPeopleGroup
{
  AdwPreferencesGroup  parent_instance;

  RosterAccountStore  *accounts;
  RosterAccount       *demo;       /* the demo, when a window shows it */
  GCancellable        *cancellable;
  GPtrArray           *rows;
  guint                n_loading;
};

G_DEFINE_FINAL_TYPE (RosterStoredPeopleGroup, roster_stored_people_group, ADW_TYPE_PREFERENCES_GROUP)

typedef struct
{
  RosterStoredPeopleGroup *self;
  AdwActionRow            *row;
  RosterAccount           *account;
  RosterRegistrantStore   *store;
} Load;

static void
load_free (Load *load)
{
  if (--load->self->n_loading == 0)
    g_object_notify (G_OBJECT (load->self), "loading");
  g_object_unref (load->self);
  g_object_unref (load->row);
  g_object_unref (load->account);
  g_clear_object (&load->store);
  g_free (load);
}

static char *
describe (RosterAccount            *account,
          const RosterStoreSummary *summary)
{
  g_autofree char *path = roster_account_dup_registrant_store_path (account, NULL);
  g_autofree char *size = g_format_size (roster_registrant_store_size_on_disk (path));
  g_autofree char *people_count = roster_registrant_format_count ((guint64) summary->n_people);
  g_autofree char *webinar_count = roster_registrant_format_count ((guint64) summary->n_webinars);
  g_autofree char *people = NULL;
  g_autofree char *when = NULL;

  /* Translators: the first part of "1,234 people in 5 webinars · 12.3 MB · synced …" */
  people = g_strdup_printf (ngettext ("%s person", "%s people", (gulong) summary->n_people), people_count);
  if (summary->last_sync > 0)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (summary->last_sync);

      when = g_date_time_format (time, "%x %H:%M");
    }
  /* Translators: "1,234 people", then how many webinars, the size on disk and the last sync */
  return g_strdup_printf (ngettext ("%s in %s webinar · %s · last synced %s",
                                    "%s in %s webinars · %s · last synced %s",
                                    (gulong) summary->n_webinars),
                          people, webinar_count, size, when != NULL ? when : _("never"));
}

static void
show_nothing (AdwActionRow *row)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "roster-forget-button");

  adw_action_row_set_subtitle (row, _("Nothing stored"));
  gtk_widget_set_sensitive (button, FALSE);
}

static void
summary_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Load *load = user_data;
  RosterStoreSummary summary = { 0, };
  g_autoptr(GError) error = NULL;

  if (!roster_registrant_store_summary_finish (ROSTER_REGISTRANT_STORE (object), result, &summary, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (load->row, error->message);
    }
  else if (summary.n_registrations == 0)
    show_nothing (load->row);
  else
    {
      g_autofree char *text = describe (load->account, &summary);

      adw_action_row_set_subtitle (load->row, text);
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (load->row), "roster-forget-button"), TRUE);
    }
  load_free (load);
}

static void
store_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(GError) error = NULL;

  load->store = roster_account_get_registrant_store_finish (ROSTER_ACCOUNT (object), result, &error);
  if (load->store == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (load->row, error->message);
      load_free (load);
      return;
    }
  roster_registrant_store_summary_async (load->store, load->self->cancellable, summary_cb, load);
}

/* Fills @row in; an account with no file on disk has nothing, and opening would make one. */
static void
load_row (RosterStoredPeopleGroup *self,
          AdwActionRow            *row)
{
  RosterAccount *account = g_object_get_data (G_OBJECT (row), "roster-account");
  g_autofree char *path = roster_account_dup_registrant_store_path (account, NULL);
  Load *load;

  if (roster_account_peek_registrant_store (account) == NULL &&
      (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR)))
    {
      show_nothing (row);
      return;
    }

  adw_action_row_set_subtitle (row, _("Counting…"));
  load = g_new0 (Load, 1);
  load->self = g_object_ref (self);
  load->row = g_object_ref (row);
  load->account = g_object_ref (account);
  self->n_loading++;
  roster_account_get_registrant_store_async (account, self->cancellable, store_ready_cb, load);
}

static void
forget_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AdwActionRow     *row)
{
  RosterStoredPeopleGroup *self = g_object_get_data (G_OBJECT (dialog), "roster-group");
  RosterAccount *account = g_object_get_data (G_OBJECT (row), "roster-account");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "forget") != 0)
    return;
  if (!roster_account_forget_registrant_store (account, &error))
    {
      g_autoptr(AdwToast) toast = adw_toast_new (error->message);
      GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

      if (window != NULL)
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), g_steal_pointer (&toast));
    }
  load_row (self, row);
}

static void
forget_clicked_cb (GtkButton    *button,
                   AdwActionRow *row)
{
  RosterStoredPeopleGroup *self = ROSTER_STORED_PEOPLE_GROUP (gtk_widget_get_ancestor (GTK_WIDGET (row), ROSTER_TYPE_STORED_PEOPLE_GROUP));
  RosterAccount *account = g_object_get_data (G_OBJECT (row), "roster-account");
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (row), GTK_TYPE_WINDOW);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  body = g_strdup_printf (_("The registrants of “%s” stored on this computer are deleted. The "
                            "webinars keep them: the next sync stores them again."),
                          roster_account_get_name (account));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                       _("Forget Stored People?"), body));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "forget", _("_Forget"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "forget", ADW_RESPONSE_DESTRUCTIVE);
  /* A destructive answer is never the default one. */
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "roster-group", self);
  g_signal_connect_object (dialog, "response", G_CALLBACK (forget_response_cb), row, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_row (RosterStoredPeopleGroup *self,
         RosterAccount           *account)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *label = g_strdup_printf (_("Forget the stored people of “%s”"),
                                            roster_account_get_name (account));
  GtkWidget *button = roster_ui_row_button_new ("user-trash-symbolic", label);

  /* Names are plain text, whatever characters they hold. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), roster_account_get_name (account));
  gtk_widget_set_tooltip_text (button, _("Forget Stored People…"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (forget_clicked_cb), row, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data_full (G_OBJECT (row), "roster-account", g_object_ref (account), g_object_unref);
  g_object_set_data (G_OBJECT (row), "roster-forget-button", button);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
  load_row (self, ADW_ACTION_ROW (row));
}

static void
rebuild (RosterStoredPeopleGroup *self)
{
  GListModel *accounts = G_LIST_MODEL (self->accounts);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  if (self->demo != NULL)
    add_row (self, self->demo);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RosterAccount) account = g_list_model_get_item (accounts, i);

      add_row (self, account);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0);
}

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_stored_people_group_dispose (GObject *object)
{
  RosterStoredPeopleGroup *self = ROSTER_STORED_PEOPLE_GROUP (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (roster_stored_people_group_parent_class)->dispose (object);
}

static void
roster_stored_people_group_finalize (GObject *object)
{
  RosterStoredPeopleGroup *self = ROSTER_STORED_PEOPLE_GROUP (object);

  g_clear_object (&self->accounts);
  g_clear_object (&self->demo);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (roster_stored_people_group_parent_class)->finalize (object);
}

static void
roster_stored_people_group_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  RosterStoredPeopleGroup *self = ROSTER_STORED_PEOPLE_GROUP (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->n_loading > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_stored_people_group_class_init (RosterStoredPeopleGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_stored_people_group_dispose;
  object_class->finalize = roster_stored_people_group_finalize;
  object_class->get_property = roster_stored_people_group_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_stored_people_group_init (RosterStoredPeopleGroup *self)
{
  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Stored People"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Roster keeps each account’s registrants on this computer, "
                                           "readable only by you, so that webinars open at once and "
                                           "people are found without the network."));
}

/**
 * roster_stored_people_group_new:
 * @accounts: the accounts whose stores to show
 * @shown: (nullable): the account a window shows; only the demo, which @accounts lacks, is used
 */
GtkWidget *
roster_stored_people_group_new (RosterAccountStore *accounts,
                                RosterAccount      *shown)
{
  RosterStoredPeopleGroup *self;

  g_return_val_if_fail (ROSTER_IS_ACCOUNT_STORE (accounts), NULL);
  g_return_val_if_fail (shown == NULL || ROSTER_IS_ACCOUNT (shown), NULL);

  self = g_object_new (ROSTER_TYPE_STORED_PEOPLE_GROUP, NULL);
  self->accounts = g_object_ref (accounts);
  if (shown != NULL && roster_account_get_is_demo (shown))
    self->demo = g_object_ref (shown);
  g_signal_connect_object (accounts, "items-changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  rebuild (self);
  return GTK_WIDGET (self);
}

/* Whether some row is still being counted. */
gboolean
roster_stored_people_group_get_loading (RosterStoredPeopleGroup *self)
{
  g_return_val_if_fail (ROSTER_IS_STORED_PEOPLE_GROUP (self), FALSE);

  return self->n_loading > 0;
}
