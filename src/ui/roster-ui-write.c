/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-ui-write"

#include "config.h"

#include "roster-ui-write.h"

/* Saving an export: the file is replaced without blocking the main loop, and the task of the
 * export finishes with how that went. */

static void
replace_contents_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Writes @bytes over @file (with @flags besides replacing it), then returns TRUE or the error
 * on @task, which it takes; the write uses the task's cancellable. */
void
roster_ui_write_for_task (GFile            *file,
                          GBytes           *bytes,
                          GFileCreateFlags  flags,
                          GTask            *task)
{
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (bytes != NULL);
  g_return_if_fail (G_IS_TASK (task));

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, flags | G_FILE_CREATE_REPLACE_DESTINATION,
                                       g_task_get_cancellable (task), replace_contents_cb, task);
}
