/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrant-filter"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-error.h"
#include "roster-form.h"
#include "roster-registrant-filter.h"

G_DEFINE_BOXED_TYPE (RosterRegistrantFilter, roster_registrant_filter,
                     roster_registrant_filter_copy, roster_registrant_filter_free)

RosterRegistrantFilter *
roster_registrant_filter_new (void)
{
  RosterRegistrantFilter *self = g_new0 (RosterRegistrantFilter, 1);

  self->date_range = -1;
  self->attended_live = -1;
  self->attended_replay = -1;
  self->attended_live_timestamp = -1;
  self->attended_replay_timestamp = -1;
  self->purchased = -1;

  return self;
}

RosterRegistrantFilter *
roster_registrant_filter_copy (const RosterRegistrantFilter *self)
{
  RosterRegistrantFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->search = g_strdup (self->search);

  return copy;
}

void
roster_registrant_filter_free (RosterRegistrantFilter *self)
{
  if (self == NULL)
    return;

  g_free (self->search);
  g_free (self);
}

gboolean
roster_registrant_filter_is_empty (const RosterRegistrantFilter *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->schedule_id <= 0 &&
         self->date_range <= 0 &&
         self->attended_live <= 0 &&
         self->attended_replay <= 0 &&
         self->purchased <= 0 &&
         (self->search == NULL || *self->search == '\0');
}

static gboolean
check_range (const char  *name,
             int          value,
             int          max,
             GError     **error)
{
  if (value > max)
    {
      g_set_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_VALIDATION,
                   /* Translators: %s is a filter's name, %d its highest code */
                   _("The %s filter takes a code from 0 to %d."), name, max);
      return FALSE;
    }
  return TRUE;
}

/* Catches codes the server would reject, before a call is spent on them. */
gboolean
roster_registrant_filter_validate (const RosterRegistrantFilter  *self,
                                   GError                       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return check_range ("date_range", self->date_range, 8, error) &&
         check_range ("attended_live", self->attended_live, 4, error) &&
         check_range ("attended_replay", self->attended_replay, 4, error) &&
         check_range ("purchased", self->purchased, 2, error);
}

void
roster_registrant_filter_add_to_form (const RosterRegistrantFilter *self,
                                      GHashTable                   *form)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (form != NULL);

  if (self->schedule_id > 0)
    roster_form_add_int (form, "schedule_id", self->schedule_id);
  if (self->date_range >= 0)
    roster_form_add_int (form, "date_range", self->date_range);
  if (self->attended_live >= 0)
    roster_form_add_int (form, "attended_live", self->attended_live);
  if (self->attended_live >= 3 && self->attended_live_timestamp >= 0)
    roster_form_add_int (form, "attended_live_timestamp", self->attended_live_timestamp);
  if (self->attended_replay >= 0)
    roster_form_add_int (form, "attended_replay", self->attended_replay);
  if (self->attended_replay >= 3 && self->attended_replay_timestamp >= 0)
    roster_form_add_int (form, "attended_replay_timestamp", self->attended_replay_timestamp);
  if (self->purchased >= 0)
    roster_form_add_int (form, "purchased", self->purchased);
  roster_form_add_string (form, "search", self->search);
}
