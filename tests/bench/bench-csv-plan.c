/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-csv-plan"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "roster-csv-reader.h"
#include "roster-csv-writer.h"
#include "roster-import-mapping.h"
#include "roster-import-plan.h"

/* Reads and plans a 200,000-row Mailchimp-like export with Roster, then has Python's csv
 * module read the same file in the same run, and prints both times, their ratio and Roster's
 * peak RSS.  Targets: Roster faster than Python (which only splits rows; Roster also maps,
 * cleans, checks and deduplicates them), and under 200 MiB.  The ratio compares CPU time
 * (on a shared or busy machine wall time mostly measures the neighbours); wall times are
 * printed too.  Python's time excludes starting the interpreter. */

#define N_ROWS 200000

static const char * const first_names[] = {
  "Ada", "Grace", "Linus", "Zoë", "Björn", "Çağla", "José", "Siobhán", "Mei", "Oluwaseun",
  "Łukasz", "Anaïs", "Hiroshi", "Priya", "Kwame", "Émilie",
};
static const char * const last_names[] = {
  "Lovelace", "Hopper", "Torvalds", "Müller", "Núñez", "Ní Bhriain", "van der Berg", "Okafor",
  "Lindqvist", "du Châtelet", "Haddad", "Tanaka", "Wałęsa", "Fernández",
};
static const char * const cities[] = {
  "Springfield", "Köln", "São Paulo", "Zürich", "Lagos", "Kyoto", "Montréal",
};

static void
write_file (int fd)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (200000);
  g_autoptr(RosterCsvWriter) writer = roster_csv_writer_new (FALSE);
  static const char * const header[] = {
    "Email Address", "First Name", "Last Name", "Address", "Phone Number", "Company",
    "MEMBER_RATING", "OPTIN_TIME", "Notes", NULL,
  };
  GString *buffer;

  roster_csv_writer_add_row (writer, header);
  for (guint i = 0; i < N_ROWS; i++)
    {
      const char *first = first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))];
      const char *last = last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))];
      g_autofree char *email = g_strdup_printf ("person.%u.%c@example%u.org", i, 'a' + i % 26, i % 50);
      g_autofree char *address = g_strdup_printf ("%u Main Street, %s", g_rand_int_range (rand, 1, 999),
                                                  cities[g_rand_int_range (rand, 0, G_N_ELEMENTS (cities))]);
      g_autofree char *phone = g_strdup_printf ("+%u %u %u", g_rand_boolean (rand) ? 44 : 1,
                                                g_rand_int_range (rand, 200, 999),
                                                g_rand_int_range (rand, 1000000, 9999999));
      g_autofree char *company = g_strdup_printf ("%s & Sons, Ltd.", last);
      g_autofree char *rating = g_strdup_printf ("%u", g_rand_int_range (rand, 1, 6));
      g_autofree char *notes = i % 10 == 0 ? g_strdup_printf ("Said \"see you there\", row %u", i) : g_strdup ("");
      const char *row[] = { email, first, last, address, phone, company, rating,
                            "2025-10-09 10:26:00", notes, NULL };

      roster_csv_writer_add_row (writer, row);
      /* Write as we go, so that the generator does not inflate the peak RSS. */
      if (i % 1000 == 999)
        {
          buffer = roster_csv_writer_steal_buffer (writer);
          g_assert_true (write (fd, buffer->str, buffer->len) == (gssize) buffer->len);
          g_string_free (buffer, TRUE);
        }
    }
  buffer = roster_csv_writer_steal_buffer (writer);
  g_assert_true (write (fd, buffer->str, buffer->len) == (gssize) buffer->len);
  g_string_free (buffer, TRUE);
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static guint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");

  return line != NULL ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

int
main (int   argc,
      char *argv[])
{
  static const char script[] =
    "import csv, sys, time\n"
    "t = time.perf_counter()\n"
    "c = time.process_time()\n"
    "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
    "    n = sum(1 for _ in csv.reader(f))\n"
    "print(n, time.perf_counter() - t, time.process_time() - c)\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(RosterImportPlan) plan = NULL;
  g_autofree char *python = g_find_program_in_path ("python3");
  GStatBuf st;
  gint64 start, roster_usec;
  double cpu_start, roster_cpu;
  guint64 rss_kib;
  int fd;

  fd = g_file_open_tmp ("roster-bench-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  write_file (fd);
  close (fd);
  g_stat (path, &st);
  file = g_file_new_for_path (path);

  /* Roster: read, guess the columns, plan every row. */
  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds ();
  reader = roster_csv_reader_new_for_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  roster_csv_reader_detect (reader, NULL, &error);
  g_assert_no_error (error);
  mapping = roster_import_mapping_guess (roster_csv_reader_get_header (reader));
  plan = roster_import_plan_new (reader, mapping, NULL, &error);
  g_assert_no_error (error);
  roster_usec = g_get_monotonic_time () - start;
  roster_cpu = cpu_seconds () - cpu_start;
  rss_kib = peak_rss_kib ();

  g_assert_cmpuint (roster_import_plan_get_n_rows (plan), ==, N_ROWS);
  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_READY), ==, N_ROWS);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, ROSTER_IMPORT_FIELD_PHONE), ==, 4);

  printf ("file: %u rows, %.1f MiB\n", N_ROWS, st.st_size / (1024.0 * 1024.0));
  printf ("roster: read + plan %.3f s CPU (%.3f s wall), peak RSS %.1f MiB (target < 200 MiB: %s)\n",
          roster_cpu, roster_usec / 1e6, rss_kib / 1024.0, rss_kib < 200 * 1024 ? "met" : "MISSED");

  if (python == NULL)
    printf ("python3: not found, no comparison\n");
  else
    {
      const char *child_argv[] = { python, "-c", script, path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int wait_status = 0;
      gint64 spawn_start = g_get_monotonic_time ();
      gint64 spawn_usec;
      guint64 n_rows = 0;
      double python_sec = 0, python_cpu = 0;

      g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                    &out, &err, &wait_status, &error);
      spawn_usec = g_get_monotonic_time () - spawn_start;
      g_assert_no_error (error);
      g_spawn_check_wait_status (wait_status, &error);
      g_assert_no_error (error);
      if (sscanf (out, "%" G_GUINT64_FORMAT " %lf %lf", &n_rows, &python_sec, &python_cpu) != 3)
        g_error ("unexpected output from python3: %s %s", out, err);
      g_assert_cmpuint (n_rows, ==, N_ROWS + 1);

      printf ("python3 csv.reader: %.3f s CPU (%.3f s wall, %.3f s with interpreter start)\n",
              python_cpu, python_sec, spawn_usec / 1e6);
      printf ("ratio python/roster: %.2fx CPU, %.2fx wall (target > 1: %s)\n",
              python_cpu / roster_cpu, python_sec / (roster_usec / 1e6),
              python_cpu > roster_cpu ? "met" : "MISSED");
    }

  g_unlink (path);

  return 0;
}
