/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "roster-sheet-reader.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
log_fatal (const char     *domain,
           GLogLevelFlags  level,
           const char     *message,
           gpointer        user_data)
{
  /* Any warning or critical from reading hostile input is a bug, except libgsf 1.14.50's
   * own: a zip entry with an impossible DOS date makes it unref the NULL GDateTime it got
   * for it (harmless; the entry reads as usual). */
  if (g_strcmp0 (domain, "GLib") == 0 && strstr (message, "g_date_time_unref") != NULL)
    return;
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_printerr ("%s: %s\n", domain ? domain : "", message);
      abort ();
    }
}

/* Every row of one sheet: cells are UTF-8, rows go forward, a failure is a GError. */
static void
read_sheet (GBytes     *bytes,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterSheetReader) reader = roster_sheet_reader_new (bytes, &error);
  guint last = 0, number = 0;
  GPtrArray *cells = NULL;

  if (reader == NULL)
    {
      if (error == NULL)
        abort ();
      return;
    }
  /* Small caps, so that a run stays fast; the caps' code paths are the same. */
  roster_sheet_reader_set_max_bytes (reader, 1024 * 1024);
  if (!roster_sheet_reader_select_sheet (reader, name, &error))
    return;

  while (roster_sheet_reader_next_row (reader, &number, &cells, &error))
    {
      if (number <= last || cells->len > ROSTER_SHEET_MAX_COLUMNS)
        abort ();
      last = number;
      for (guint i = 0; i < cells->len; i++)
        if (!g_utf8_validate (g_ptr_array_index (cells, i), -1, NULL))
          abort ();
      g_ptr_array_unref (cells);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(RosterSheetReader) reader = NULL;
  g_auto(GStrv) names = NULL;

  g_log_set_default_handler (log_fatal, NULL);

  reader = roster_sheet_reader_new (bytes, NULL);
  if (reader == NULL)
    return 0;
  names = g_strdupv ((GStrv) roster_sheet_reader_get_sheet_names (reader));
  g_clear_object (&reader);

  read_sheet (bytes, NULL);
  for (guint i = 1; names[i] != NULL && i < 3; i++)
    read_sheet (bytes, names[i]);

  return 0;
}
