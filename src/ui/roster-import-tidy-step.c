/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-tidy-step"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-country.h"
#include "roster-import-tidy-step.h"

/* The "Tidy Up" step of the import dialog, before the review: a switch per kind of tidying,
 * the country that completes national phone numbers, the changes the plan proposes as
 * before → after (the first few of each kind and how many), and the suggested email
 * corrections, each applied only when the user accepts it.  It emits ::changed; the dialog
 * plans again with roster_import_tidy_step_apply() and hands the new plan back. */

#define SHOWN_PER_KIND    5
#define SHOWN_SUGGESTIONS 20

/* Always on: they only list things, the user decides. */
#define ALWAYS_ON (ROSTER_IMPORT_TIDY_EMAIL_SUGGESTION | ROSTER_IMPORT_TIDY_SAME_MAILBOX)

static const struct {
  RosterImportTidy  kind;
  const char       *title;
  const char       *subtitle;
} kinds[] = {
  { ROSTER_IMPORT_TIDY_TRIM, N_("Trim spaces and invisible characters"),
    N_("Spaces at the ends and characters copied from web pages") },
  { ROSTER_IMPORT_TIDY_EMAIL_DOMAIN, N_("Email domain in lower case"),
    N_("“ada@Example.COM” becomes “ada@example.com”") },
  { ROSTER_IMPORT_TIDY_SPLIT_NAME, N_("Split full names"),
    N_("“Ada Lovelace” and “Lovelace, Ada” into first and last name") },
  { ROSTER_IMPORT_TIDY_TITLE_CASE, N_("Names in ALL CAPS to title case"),
    N_("“ADA LOVELACE” becomes “Ada Lovelace”") },
  { ROSTER_IMPORT_TIDY_PHONE, N_("Phone numbers in international form"),
    N_("Punctuation and spaces removed, 00 as +, national numbers completed with the country below") },
  { ROSTER_IMPORT_TIDY_COUNTRY_NAME, N_("Country names as calling codes"),
    N_("“Germany” in the country code column becomes +49") },
};

struct _RosterImportTidyStep
{
  AdwBin               parent_instance;

  guint                tidy;        /* RosterImportTidy */
  char                *country_code;
  GHashTable          *accepted;    /* email suggestions accepted: before -> after */
  guint                suppress;

  GtkSwitch           *switches[G_N_ELEMENTS (kinds)];
  AdwComboRow         *country_row;
  GPtrArray           *list_rows;   /* rows of the plan's changes, rebuilt with each plan */

  /* Template widgets */
  AdwPreferencesGroup *kinds_group;
  AdwPreferencesGroup *suggestions_group;
  AdwPreferencesGroup *changes_group;
};

G_DEFINE_FINAL_TYPE (RosterImportTidyStep, roster_import_tidy_step, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- The country --------------------------------------------------------------------------------- */

static const char *
country_name (const RosterCountry *country)
{
  const char *language = g_get_language_names ()[0];

  return g_str_has_prefix (language, "de") ? country->name_de : country->name_en;
}

static void
select_country (RosterImportTidyStep *self)
{
  guint n_countries;
  const RosterCountry *countries = roster_country_get_all (&n_countries);
  guint selected = 0;

  for (guint i = 0; self->country_code != NULL && i < n_countries; i++)
    if (g_str_equal (countries[i].calling_code, self->country_code))
      {
        selected = i + 1;
        break;
      }
  adw_combo_row_set_selected (self->country_row, selected);
}

static void
country_selected_cb (RosterImportTidyStep *self)
{
  guint n_countries;
  const RosterCountry *countries = roster_country_get_all (&n_countries);
  guint selected = adw_combo_row_get_selected (self->country_row);
  const char *code = selected > 0 && selected <= n_countries ? countries[selected - 1].calling_code : NULL;

  if (self->suppress > 0 || g_strcmp0 (code, self->country_code) == 0)
    return;
  g_free (self->country_code);
  self->country_code = g_strdup (code);
  g_signal_emit (self, signals[CHANGED], 0);
}

static AdwComboRow *
create_country_row (RosterImportTidyStep *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n_countries;
  const RosterCountry *countries = roster_country_get_all (&n_countries);
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  /* Translators: no default country for phone numbers */
  gtk_string_list_append (names, _("None"));
  for (guint i = 0; i < n_countries; i++)
    {
      /* Translators: a country and its calling code, "Germany (+49)" */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), country_name (&countries[i]),
                                                countries[i].calling_code);

      gtk_string_list_append (names, label);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Default country"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("For phone numbers without a country code, unless a column gives it"));
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (country_selected_cb), self, G_CONNECT_SWAPPED);

  return row;
}

/* ---- The switches -------------------------------------------------------------------------------- */

static void
switch_cb (RosterImportTidyStep *self)
{
  guint tidy = self->tidy;

  if (self->suppress > 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (gtk_switch_get_active (self->switches[i]))
        tidy |= kinds[i].kind;
      else
        tidy &= ~kinds[i].kind;
    }
  if (tidy == self->tidy)
    return;
  self->tidy = tidy;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
create_switches (RosterImportTidyStep *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(kinds[i].title));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(kinds[i].subtitle));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _(kinds[i].title), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (switch_cb), self, G_CONNECT_SWAPPED);
      self->switches[i] = GTK_SWITCH (toggle);
      adw_preferences_group_add (self->kinds_group, row);

      if (kinds[i].kind == ROSTER_IMPORT_TIDY_PHONE)
        {
          self->country_row = create_country_row (self);
          adw_preferences_group_add (self->kinds_group, GTK_WIDGET (self->country_row));
        }
    }
}

/* ---- The plan's changes -------------------------------------------------------------------------- */

static GtkWidget *
change_row_new (const char *before,
                const char *after,
                guint       line)
{
  GtkWidget *row = adw_action_row_new ();
  /* Translators: a value as the file has it and as it is sent */
  g_autofree char *title = g_strdup_printf (_("“%s” → “%s”"), before, after);
  /* Translators: where a change is; %u is a line of the file */
  g_autofree char *subtitle = g_strdup_printf (_("Line %u"), line);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static void
add_list_row (RosterImportTidyStep *self,
              AdwPreferencesGroup  *group,
              GtkWidget            *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->list_rows, row);
}

static void
clear_lists (RosterImportTidyStep *self)
{
  for (guint i = 0; i < self->list_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->list_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->list_rows, 0);
}

static GtkWidget *
more_row_new (guint n_more)
{
  GtkWidget *row = adw_action_row_new ();
  /* Translators: the rest of a list that is not shown */
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more", "… and %u more", n_more),
                                            n_more);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "dim-label");

  return row;
}

/* The kind a change is listed under: the first that changed it. */
static RosterImportTidy
first_kind (RosterImportTidy kinds_changed)
{
  return kinds_changed & (~kinds_changed + 1);
}

static void
add_suggestion (RosterImportTidyStep     *self,
                const RosterImportChange *change)
{
  GtkWidget *row = change_row_new (change->before, change->after, change->line);
  GtkWidget *button;
  gboolean accepted = change->applied;

  button = gtk_button_new_with_mnemonic (accepted ? _("_Undo") : _("_Accept"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, accepted ? _("Send the address as the file has it")
                                                : _("Send the suggested address instead"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "tidy.toggle-suggestion");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", change->before, change->after);
  if (!accepted)
    gtk_widget_add_css_class (button, "suggested-action");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  add_list_row (self, self->suggestions_group, row);
}

static void
fill_lists (RosterImportTidyStep *self,
            RosterImportPlan     *plan)
{
  guint n_changes = plan != NULL ? roster_import_plan_get_n_changes (plan) : 0;
  g_autoptr(GHashTable) suggested = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_suggestions = 0;
  guint n_listed = 0;

  clear_lists (self);

  /* Suggestions, each address once. */
  for (guint i = 0; i < n_changes; i++)
    {
      const RosterImportChange *change = roster_import_plan_get_change (plan, i);

      if (first_kind (change->kinds) != ROSTER_IMPORT_TIDY_EMAIL_SUGGESTION ||
          !g_hash_table_add (suggested, (gpointer) change->before))
        continue;
      if (n_suggestions++ < SHOWN_SUGGESTIONS)
        add_suggestion (self, change);
    }
  if (n_suggestions > SHOWN_SUGGESTIONS)
    add_list_row (self, self->suggestions_group, more_row_new (n_suggestions - SHOWN_SUGGESTIONS));
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_group), n_suggestions > 0);

  /* Every other change, kind by kind: the first few and how many. */
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GtkWidget *expander = NULL;
      guint n = 0;

      for (guint i = 0; i < n_changes; i++)
        {
          const RosterImportChange *change = roster_import_plan_get_change (plan, i);

          if (!change->applied || first_kind (change->kinds) != kinds[k].kind)
            continue;
          if (expander == NULL)
            {
              expander = adw_expander_row_new ();
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), roster_import_tidy_describe (kinds[k].kind));
              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
              add_list_row (self, self->changes_group, expander);
            }
          if (n++ < SHOWN_PER_KIND)
            adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), change_row_new (change->before, change->after, change->line));
        }
      if (expander != NULL)
        {
          g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", n), n);

          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
          if (n > SHOWN_PER_KIND)
            adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), more_row_new (n - SHOWN_PER_KIND));
          n_listed++;
        }
    }

  if (n_listed == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), plan != NULL ? _("Nothing to change")
                                                                              : _("Reading the file…"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      add_list_row (self, self->changes_group, row);
    }
}

static void
toggle_suggestion_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RosterImportTidyStep *self = ROSTER_IMPORT_TIDY_STEP (widget);
  const char *before, *after;

  g_variant_get (parameter, "(&s&s)", &before, &after);
  /* An accepted one is listed with the corrected address as its "after": undo takes it back. */
  if (!g_hash_table_remove (self->accepted, before))
    g_hash_table_insert (self->accepted, g_strdup (before), g_strdup (after));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- GObject ------------------------------------------------------------------------------------- */

static void
roster_import_tidy_step_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_IMPORT_TIDY_STEP);

  G_OBJECT_CLASS (roster_import_tidy_step_parent_class)->dispose (object);
}

static void
roster_import_tidy_step_finalize (GObject *object)
{
  RosterImportTidyStep *self = ROSTER_IMPORT_TIDY_STEP (object);

  g_free (self->country_code);
  g_hash_table_unref (self->accepted);
  g_ptr_array_unref (self->list_rows);

  G_OBJECT_CLASS (roster_import_tidy_step_parent_class)->finalize (object);
}

static void
roster_import_tidy_step_class_init (RosterImportTidyStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_import_tidy_step_dispose;
  object_class->finalize = roster_import_tidy_step_finalize;

  /* The choices changed: plan again with roster_import_tidy_step_apply(). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterapp/Roster/roster-import-tidy-step.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportTidyStep, kinds_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportTidyStep, suggestions_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportTidyStep, changes_group);

  gtk_widget_class_install_action (widget_class, "tidy.toggle-suggestion", "(ss)", toggle_suggestion_action);
}

static void
roster_import_tidy_step_init (RosterImportTidyStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tidy = ROSTER_IMPORT_TIDY_SAFE;
  self->accepted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->list_rows = g_ptr_array_new ();
  create_switches (self);
  roster_import_tidy_step_set_mapping (self, NULL);
}

GtkWidget *
roster_import_tidy_step_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORT_TIDY_STEP, NULL);
}

/**
 * roster_import_tidy_step_set_mapping:
 * @mapping: (nullable): a new file's mapping, whose tidying and country the switches show
 *
 * Accepted suggestions are forgotten: they were the last file's.
 */
void
roster_import_tidy_step_set_mapping (RosterImportTidyStep      *self,
                                     const RosterImportMapping *mapping)
{
  g_return_if_fail (ROSTER_IS_IMPORT_TIDY_STEP (self));

  self->tidy = mapping != NULL ? roster_import_mapping_get_tidy (mapping) : ROSTER_IMPORT_TIDY_SAFE;
  g_free (self->country_code);
  self->country_code = mapping != NULL ? g_strdup (roster_import_mapping_get_default_country_code (mapping)) : NULL;
  g_hash_table_remove_all (self->accepted);

  self->suppress++;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_switch_set_active (self->switches[i], (self->tidy & kinds[i].kind) != 0);
  select_country (self);
  self->suppress--;

  fill_lists (self, NULL);
}

/* Writes the choices into @mapping: the tidying, the default country and the accepted email
 * corrections. */
void
roster_import_tidy_step_apply (RosterImportTidyStep *self,
                               RosterImportMapping  *mapping)
{
  GHashTableIter iter;
  gpointer before, after;

  g_return_if_fail (ROSTER_IS_IMPORT_TIDY_STEP (self));
  g_return_if_fail (mapping != NULL);

  roster_import_mapping_set_tidy (mapping, self->tidy | ALWAYS_ON);
  roster_import_mapping_set_default_country_code (mapping, self->country_code);
  g_hash_table_iter_init (&iter, self->accepted);
  while (g_hash_table_iter_next (&iter, &before, &after))
    roster_import_mapping_set_email_correction (mapping, before, after);
}

/* The plan made with the choices, whose changes are listed. */
void
roster_import_tidy_step_set_plan (RosterImportTidyStep *self,
                                  RosterImportPlan     *plan)
{
  g_return_if_fail (ROSTER_IS_IMPORT_TIDY_STEP (self));
  g_return_if_fail (plan == NULL || ROSTER_IS_IMPORT_PLAN (plan));

  fill_lists (self, plan);
}
