/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-memory"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "roster-import-memory.h"
#include "roster-import-tidy.h"

/* Remembered mappings: the header signature they are found by, a round trip through the file
 * on disk (mode, atomic rewrite, every part of the mapping), forgetting, and files that are
 * damaged, of the wrong types or too big, which are ignored with a warning, never a crash. */

typedef struct
{
  char               *dir;
  char               *path;
  RosterImportMemory *memory;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("roster-memory-XXXXXX", &error);
  g_assert_no_error (error);
  /* A folder that does not exist yet: remembering makes it. */
  fixture->path = g_build_filename (fixture->dir, "mappings", "account.json", NULL);
  fixture->memory = roster_import_memory_new (fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *sub = g_path_get_dirname (fixture->path);
  g_autofree char *lock = g_strconcat (fixture->path, ".lock", NULL);

  g_clear_object (&fixture->memory);
  g_unlink (fixture->path);
  g_unlink (lock);
  g_rmdir (sub);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* ---- Signature ---------------------------------------------------------------------------------- */

static void
test_signature_table (void)
{
  static const struct {
    const char *a[4];
    const char *b[4];
    gboolean    same;
  } cases[] = {
    /* Case, spaces at the ends, invisible characters and a BOM do not count. */
    { { "Email", "First Name", NULL }, { "EMAIL", "first name", NULL }, TRUE },
    { { "Email", "First Name", NULL }, { "  Email ", "First Name\t", NULL }, TRUE },
    { { "Email", "Phone", NULL }, { "\xef\xbb\xbf" "Email", "Ph\xe2\x80\x8bone", NULL }, TRUE },
    { { "Email", "Name", NULL }, { "Email\xc2\xa0", "\xe2\x80\x8e" "Name", NULL }, TRUE },
    { { "E-Mail", "Vorname", NULL }, { "e mail", "VORNAME", NULL }, TRUE },
    { { "Prénom", NULL }, { "PRENOM", NULL }, TRUE },
    /* Order, other names, more or fewer columns do. */
    { { "Email", "Name", NULL }, { "Name", "Email", NULL }, FALSE },
    { { "Email", "Name", NULL }, { "Email", "Surname", NULL }, FALSE },
    { { "Email", "Name", NULL }, { "Email", "Name", "Phone", NULL }, FALSE },
    { { "Email", "", NULL }, { "Email", NULL }, FALSE },
    { { "ab", "c", NULL }, { "a", "bc", NULL }, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *a = roster_import_header_signature (cases[i].a);
      g_autofree char *b = roster_import_header_signature (cases[i].b);

      g_test_message ("case %u", i);
      g_assert_true (g_str_has_prefix (a, "v1:"));
      g_assert_cmpint (g_str_equal (a, b), ==, cases[i].same);
    }
}

/* ---- Round trip -------------------------------------------------------------------------------- */

static const char * const header[] = { "E-Mail", "Vorname", "Nachname", "Telefon", "Firma", "Firma", NULL };

static RosterImportMapping *
make_mapping (void)
{
  RosterImportMapping *mapping = roster_import_mapping_guess (header);

  /* Not what the guess says, so that the round trip shows the choice was kept. */
  roster_import_mapping_set_column (mapping, ROSTER_IMPORT_FIELD_LAST_NAME, -1);
  roster_import_mapping_set_column (mapping, ROSTER_IMPORT_FIELD_FULL_NAME, 2);
  roster_import_mapping_set_extra (mapping, 5, "company");
  roster_import_mapping_set_tidy (mapping, ROSTER_IMPORT_TIDY_TRIM | ROSTER_IMPORT_TIDY_TITLE_CASE |
                                           ROSTER_IMPORT_TIDY_PHONE);
  roster_import_mapping_set_default_country_code (mapping, "+49");
  /* Accepted corrections belong to one import: never remembered. */
  roster_import_mapping_set_email_correction (mapping, "ada@gmial.com", "ada@gmail.com");

  return mapping;
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(RosterImportMapping) mapping = make_mapping ();
  g_autoptr(RosterImportTarget) target = roster_import_target_new (7, 3, "2026-12-03 10:00", "GMT+1");
  g_autoptr(RosterImportMemory) again = NULL;
  g_autoptr(RosterImportRemembered) found = NULL;
  g_autoptr(RosterImportMapping) applied = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = roster_import_header_signature (header);
  g_autofree char *contents = NULL;
  const RosterImportTarget *kept;
  GStatBuf st;

  g_assert_null (roster_import_memory_lookup (fixture->memory, signature));
  g_assert_true (roster_import_memory_remember (fixture->memory, header, mapping, target, "Teardown", &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (fixture->path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "gmial"));

  /* Another object on the same file, as roster-cli would be. */
  again = roster_import_memory_new (fixture->path);
  found = roster_import_memory_lookup (again, signature);
  g_assert_nonnull (found);
  g_assert_cmpstr (roster_import_remembered_get_signature (found), ==, signature);
  g_assert_cmpstrv (roster_import_remembered_get_header (found), header);
  g_assert_cmpstr (roster_import_remembered_get_webinar_title (found), ==, "Teardown");
  g_assert_cmpstr (roster_import_remembered_get_column_name (found, ROSTER_IMPORT_FIELD_EMAIL), ==, "E-Mail");
  kept = roster_import_remembered_get_target (found);
  g_assert_true (roster_import_target_equal (kept, target));
  g_assert_nonnull (roster_import_remembered_get_saved (found));

  /* Applied to a file whose header differs only as the signature allows. */
  {
    const char * const other[] = { "e-mail", "VORNAME", "Nachname ", "Telefon", "Firma", "Firma", NULL };

    applied = roster_import_remembered_dup_mapping (found, other);
  }
  g_assert_cmpint (roster_import_mapping_get_column (applied, ROSTER_IMPORT_FIELD_EMAIL), ==, 0);
  g_assert_cmpint (roster_import_mapping_get_column (applied, ROSTER_IMPORT_FIELD_FIRST_NAME), ==, 1);
  g_assert_cmpint (roster_import_mapping_get_column (applied, ROSTER_IMPORT_FIELD_LAST_NAME), ==, -1);
  g_assert_cmpint (roster_import_mapping_get_column (applied, ROSTER_IMPORT_FIELD_FULL_NAME), ==, 2);
  g_assert_cmpint (roster_import_mapping_get_column (applied, ROSTER_IMPORT_FIELD_PHONE), ==, 3);
  g_assert_null (roster_import_mapping_get_extra (applied, 4));
  g_assert_cmpstr (roster_import_mapping_get_extra (applied, 5), ==, "company");
  g_assert_cmpuint (roster_import_mapping_get_tidy (applied), ==,
                    ROSTER_IMPORT_TIDY_TRIM | ROSTER_IMPORT_TIDY_TITLE_CASE | ROSTER_IMPORT_TIDY_PHONE);
  g_assert_cmpstr (roster_import_mapping_get_default_country_code (applied), ==, "+49");
  g_assert_null (roster_import_mapping_get_email_correction (applied, "ada@gmial.com"));

  /* Remembering the same header again replaces it; another header is another entry. */
  {
    const char * const second[] = { "Email", "Name", NULL };
    g_autoptr(RosterImportMapping) guessed = roster_import_mapping_guess (second);

    g_assert_true (roster_import_memory_remember (again, header, mapping, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (roster_import_memory_remember (again, second, guessed, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  list = roster_import_memory_list (fixture->memory);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstrv (roster_import_remembered_get_header (g_ptr_array_index (list, 1)), header);
  g_assert_null (roster_import_remembered_get_target (g_ptr_array_index (list, 1)));
  {
    g_autoptr(RosterImportRemembered) copy = roster_import_remembered_copy (g_ptr_array_index (list, 1));

    g_assert_null (roster_import_remembered_get_target (copy));
    g_assert_cmpstr (roster_import_remembered_get_signature (copy), ==, signature);
  }

  g_assert_true (roster_import_memory_forget (fixture->memory, signature, &error));
  g_assert_no_error (error);
  g_assert_null (roster_import_memory_lookup (again, signature));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = roster_import_memory_list (again);
  g_assert_cmpuint (list->len, ==, 1);

  g_assert_true (roster_import_memory_forget_all (again, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = roster_import_memory_list (fixture->memory);
  g_assert_cmpuint (list->len, ==, 0);
  /* Forgetting what is not there is no error. */
  g_assert_true (roster_import_memory_forget_all (again, &error));
  g_assert_true (roster_import_memory_forget (again, signature, &error));
  g_assert_no_error (error);
}

/* ---- Damage -------------------------------------------------------------------------------------- */

static void
write_file (Fixture    *fixture,
            const char *contents,
            gssize      length)
{
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (fixture->path, contents, length, &error);
  g_assert_no_error (error);
}

/* A damaged file: nothing found, a warning, and written anew, whole, on the next remember. */
static void
assert_ignored_and_rewritten (Fixture    *fixture,
                              const char *contents)
{
  g_autoptr(RosterImportMapping) mapping = make_mapping ();
  g_autofree char *signature = roster_import_header_signature (header);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(RosterImportRemembered) found = NULL;

  write_file (fixture, contents, -1);
  g_test_expect_message ("roster-import-memory", G_LOG_LEVEL_WARNING, "Remembered mappings in * ignored*");
  g_assert_null (roster_import_memory_lookup (fixture->memory, signature));
  g_test_assert_expected_messages ();

  g_test_expect_message ("roster-import-memory", G_LOG_LEVEL_WARNING, "Remembered mappings in * ignored*");
  g_assert_true (roster_import_memory_remember (fixture->memory, header, mapping, NULL, NULL, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  found = roster_import_memory_lookup (fixture->memory, signature);
  g_assert_nonnull (found);
  list = roster_import_memory_list (fixture->memory);
  g_assert_cmpuint (list->len, ==, 1);
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const damaged[] = {
    "{ \"version\": 1, \"mappings\": [ { \"signature\": ",   /* torn */
    "\xff\xfe garbage \x01",
    "[ 1, 2, 3 ]",
    "{ \"mappings\": 42 }",
    "",
  };
  g_autofree char *open = g_strnfill (100000, '[');
  g_autofree char *close = g_strnfill (100000, ']');
  g_autofree char *deep = g_strconcat ("{ \"mappings\": ", open, close, " }", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_test_message ("damage %u", i);
      assert_ignored_and_rewritten (fixture, damaged[i]);
    }
  /* Nested past any stack: refused before it is parsed. */
  assert_ignored_and_rewritten (fixture, deep);
}

/* Entries of the wrong types, or whose header was edited away from its signature, are
 * skipped one by one; the good one stays. */
static void
test_damaged_entries (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RosterImportMapping) mapping = make_mapping ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *good = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *signature = roster_import_header_signature (header);
  const char *start;

  g_assert_true (roster_import_memory_remember (fixture->memory, header, mapping, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fixture->path, &good, NULL, NULL));
  start = strchr (good, '[');
  g_assert_nonnull (start);

  contents = g_strdup_printf ("{ \"mappings\": [ 17, { \"signature\": 5, \"header\": \"x\" },"
                              " { \"signature\": \"%s\", \"header\": [ \"Other\" ], \"saved\": \"2026-12-03T10:00:00Z\" },"
                              " { \"signature\": \"%s\", \"header\": [ \"E-Mail\", \"Vorname\", \"Nachname\", \"Telefon\", \"Firma\", \"Firma\" ],"
                              "   \"fields\": { \"email\": { \"name\": 3, \"index\": \"x\" } }, \"saved\": \"2026-12-03T10:00:00Z\" },"
                              " %s",
                              signature, signature, start + 1);
  write_file (fixture, contents, -1);
  for (guint i = 0; i < 4; i++)
    g_test_expect_message ("roster-import-memory", G_LOG_LEVEL_WARNING, "Remembered mappings in *: entry * ignored*");
  list = roster_import_memory_list (fixture->memory);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (roster_import_remembered_get_column_name (g_ptr_array_index (list, 0), ROSTER_IMPORT_FIELD_EMAIL),
                   ==, "E-Mail");
}

static void
test_too_big (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *huge = g_strnfill (2 * 1024 * 1024, ' ');
  g_autofree char *signature = roster_import_header_signature (header);

  write_file (fixture, huge, -1);
  g_test_expect_message ("roster-import-memory", G_LOG_LEVEL_WARNING, "*too big*");
  g_assert_null (roster_import_memory_lookup (fixture->memory, signature));
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-memory/signature/table", test_signature_table);
  g_test_add ("/import-memory/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/import-memory/damaged/file", Fixture, NULL, fixture_set_up, test_damaged, fixture_tear_down);
  g_test_add ("/import-memory/damaged/entries", Fixture, NULL, fixture_set_up, test_damaged_entries,
              fixture_tear_down);
  g_test_add ("/import-memory/damaged/too-big", Fixture, NULL, fixture_set_up, test_too_big, fixture_tear_down);

  return g_test_run ();
}
