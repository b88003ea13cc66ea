/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "roster-client.h"

G_BEGIN_DECLS

/* The rows roster_target_picker_mark_error() can mark. */
typedef enum
{
  ROSTER_TARGET_PICKER_ROW_SCHEDULE,
  ROSTER_TARGET_PICKER_ROW_DATE,
  ROSTER_TARGET_PICKER_ROW_TIMEZONE,
} RosterTargetPickerRow;

#define ROSTER_TYPE_TARGET_PICKER (roster_target_picker_get_type ())

G_DECLARE_FINAL_TYPE (RosterTargetPicker, roster_target_picker, ROSTER, TARGET_PICKER, GtkBox)

GtkWidget     *roster_target_picker_new                  (void);
RosterClient  *roster_target_picker_get_client           (RosterTargetPicker    *self);
void           roster_target_picker_set_client           (RosterTargetPicker    *self,
                                                          RosterClient          *client);
GListModel    *roster_target_picker_get_webinars         (RosterTargetPicker    *self);
void           roster_target_picker_set_webinars         (RosterTargetPicker    *self,
                                                          GListModel            *webinars);
RosterWebinar *roster_target_picker_get_webinar          (RosterTargetPicker    *self);
void           roster_target_picker_set_webinar          (RosterTargetPicker    *self,
                                                          RosterWebinar         *webinar);
void           roster_target_picker_select               (RosterTargetPicker    *self,
                                                          gint64                 webinar_id,
                                                          gint64                 schedule_id,
                                                          const char            *date,
                                                          const char            *timezone);
RosterWebinar *roster_target_picker_get_detail           (RosterTargetPicker    *self);
gint64         roster_target_picker_get_schedule_id      (RosterTargetPicker    *self);
const char    *roster_target_picker_get_date             (RosterTargetPicker    *self);
const char    *roster_target_picker_get_timezone         (RosterTargetPicker    *self);
gboolean       roster_target_picker_get_loading          (RosterTargetPicker    *self);
gboolean       roster_target_picker_get_valid            (RosterTargetPicker    *self);
const char    *roster_target_picker_get_message          (RosterTargetPicker    *self);
char          *roster_target_picker_dup_webinar_title    (RosterTargetPicker    *self);
GtkWidget     *roster_target_picker_mark_error           (RosterTargetPicker    *self,
                                                          RosterTargetPickerRow  row);
void           roster_target_picker_clear_errors         (RosterTargetPicker    *self);
const char    *roster_target_picker_get_title            (RosterTargetPicker    *self);
void           roster_target_picker_set_title            (RosterTargetPicker    *self,
                                                          const char            *title);
const char    *roster_target_picker_get_timezone_tooltip (RosterTargetPicker    *self);
void           roster_target_picker_set_timezone_tooltip (RosterTargetPicker    *self,
                                                          const char            *tooltip);

G_END_DECLS
