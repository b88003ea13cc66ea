/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a program a test ran did. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} RosterTestRun;

void          roster_test_store_result            (GObject       *object,
                                                   GAsyncResult  *result,
                                                   gpointer       user_data);
GAsyncResult *roster_test_wait_for_result         (GAsyncResult **result);
guint         roster_test_assert_no_file_contains (const char    *dir,
                                                   const char    *needle);
guint         roster_test_assert_no_xdg_file_contains (const char *needle);
void          roster_test_forget_mappings         (void);

GSubprocessLauncher *roster_test_launcher_new (GSubprocessFlags  flags);
void                 roster_test_run_wait     (GSubprocess      *process,
                                               RosterTestRun    *run);
void                 roster_test_run_clear    (RosterTestRun    *run);

GPtrArray           *roster_test_cli_argv_new (const char * const *args);
void                 roster_test_cli_run      (GSubprocessLauncher *launcher,
                                               const char * const  *args,
                                               RosterTestRun       *run);

char                *roster_test_sample_path  (const char       *name);
char                *roster_test_csv_path     (const char       *name);

G_END_DECLS
