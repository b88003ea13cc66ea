/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-csv-writer"

#include "config.h"

#include <string.h>

#include "roster-csv-writer.h"

struct _RosterCsvWriter
{
  GString  *buffer;
  gboolean  row_started;
};

RosterCsvWriter *
roster_csv_writer_new (gboolean with_bom)
{
  RosterCsvWriter *self = g_new0 (RosterCsvWriter, 1);

  self->buffer = g_string_new (NULL);
  /* Excel reads UTF-8 only with a byte order mark. */
  if (with_bom)
    g_string_append (self->buffer, "\xEF\xBB\xBF");

  return self;
}

void
roster_csv_writer_free (RosterCsvWriter *self)
{
  if (self == NULL)
    return;

  g_string_free (self->buffer, TRUE);
  g_free (self);
}

/* A plain number such as "+44" or "-5" is no formula; keep phone codes as they are. */
static gboolean
is_plain_number (const char *value)
{
  const char *p = value + 1;

  if (*p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != ' ' && *p != '.' && *p != ',')
      return FALSE;

  return TRUE;
}

/* A spreadsheet runs a cell that starts with = + - @ (or a tab or CR before one) as a formula,
 * so "=cmd|' /C calc'!A0" in a registrant's name could run a program on the reader's machine.
 * Such cells get a leading apostrophe, which spreadsheets show as text. */
char *
roster_csv_neutralise (const char *value)
{
  if (value == NULL)
    return g_strdup ("");

  switch (value[0])
    {
    case '=':
    case '@':
    case '\t':
    case '\r':
      return g_strconcat ("'", value, NULL);
    case '+':
    case '-':
      if (!is_plain_number (value))
        return g_strconcat ("'", value, NULL);
      G_GNUC_FALLTHROUGH;
    default:
      return g_strdup (value);
    }
}

void
roster_csv_writer_add_field (RosterCsvWriter *self,
                             const char      *value)
{
  g_autofree char *safe = NULL;

  g_return_if_fail (self != NULL);

  if (self->row_started)
    g_string_append_c (self->buffer, ',');
  self->row_started = TRUE;

  safe = roster_csv_neutralise (value);
  if (strpbrk (safe, ",\"\r\n") == NULL)
    {
      g_string_append (self->buffer, safe);
      return;
    }

  g_string_append_c (self->buffer, '"');
  for (const char *p = safe; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (self->buffer, '"');
      g_string_append_c (self->buffer, *p);
    }
  g_string_append_c (self->buffer, '"');
}

void
roster_csv_writer_end_row (RosterCsvWriter *self)
{
  g_return_if_fail (self != NULL);

  g_string_append (self->buffer, "\r\n");
  self->row_started = FALSE;
}

void
roster_csv_writer_add_row (RosterCsvWriter    *self,
                           const char * const *fields)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (fields != NULL);

  for (guint i = 0; fields[i] != NULL; i++)
    roster_csv_writer_add_field (self, fields[i]);
  roster_csv_writer_end_row (self);
}

/* Returns what was written so far and starts an empty buffer. */
GString *
roster_csv_writer_steal_buffer (RosterCsvWriter *self)
{
  GString *buffer;

  g_return_val_if_fail (self != NULL, NULL);

  buffer = g_steal_pointer (&self->buffer);
  self->buffer = g_string_new (NULL);

  return buffer;
}
