/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-plan"

#include "config.h"

#include <string.h>

#include "roster-client.h"
#include "roster-contact.h"
#include "roster-csv-reader.h"
#include "roster-fake-service.h"
#include "roster-import-mapping.h"
#include "roster-import-plan.h"
#include "roster-test-fake.h"
#include "roster-test-util.h"

/* Column guessing for each tool's export and the shared samples, overrides, the full-name
 * split, the values' cleaning and checks with their line numbers, duplicates, and "already
 * registered" both from a set and from the fake service over real HTTP. */

#define E ROSTER_IMPORT_FIELD_EMAIL
#define FN ROSTER_IMPORT_FIELD_FIRST_NAME
#define LN ROSTER_IMPORT_FIELD_LAST_NAME
#define FULL ROSTER_IMPORT_FIELD_FULL_NAME
#define CC ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE
#define PH ROSTER_IMPORT_FIELD_PHONE

static RosterCsvReader *
reader_for (const char *data)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_strdup (data), strlen (data), g_free);

  return roster_csv_reader_new_for_stream (stream, NULL);
}

/* Reads the header, guesses the mapping and plans the file. */
static RosterImportPlan *
plan_for_reader (RosterCsvReader      *reader,
                 RosterImportMapping **out_mapping)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportMapping) mapping = NULL;
  RosterImportPlan *plan;

  roster_csv_reader_detect (reader, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (roster_csv_reader_get_header (reader));
  mapping = roster_import_mapping_guess (roster_csv_reader_get_header (reader));
  plan = roster_import_plan_new (reader, mapping, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  if (out_mapping != NULL)
    *out_mapping = g_steal_pointer (&mapping);

  return plan;
}

static RosterImportPlan *
plan_for (const char *data)
{
  g_autoptr(RosterCsvReader) reader = reader_for (data);

  return plan_for_reader (reader, NULL);
}

static void
assert_counts (RosterImportPlan *plan,
               guint             ready,
               guint             invalid,
               guint             duplicate,
               guint             registered)
{
  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_READY), ==, ready);
  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_INVALID), ==, invalid);
  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_DUPLICATE), ==, duplicate);
  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_ALREADY_REGISTERED), ==, registered);
  g_assert_cmpuint (roster_import_plan_get_n_rows (plan), ==, ready + invalid + duplicate + registered);
}

/* The messages of a row, joined with "\n". */
static char *
row_messages (RosterImportPlan *plan,
              guint             row)
{
  const RosterImportProblem *problems;
  guint n = roster_import_plan_get_row_problems (plan, row, &problems);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (problems[i].row, ==, row);
      g_assert_cmpuint (problems[i].line, ==, roster_import_plan_get_row_line (plan, row));
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, problems[i].message);
    }

  return g_string_free (out, FALSE);
}

#define assert_row(plan, row, status, email, first, last, cc, phone) \
  G_STMT_START { \
    g_assert_cmpint (roster_import_plan_get_row_status (plan, row), ==, status); \
    g_assert_cmpstr (roster_import_plan_get_row_value (plan, row, E), ==, email); \
    g_assert_cmpstr (roster_import_plan_get_row_value (plan, row, FN), ==, first); \
    g_assert_cmpstr (roster_import_plan_get_row_value (plan, row, LN), ==, last); \
    g_assert_cmpstr (roster_import_plan_get_row_value (plan, row, CC), ==, cc); \
    g_assert_cmpstr (roster_import_plan_get_row_value (plan, row, PH), ==, phone); \
  } G_STMT_END

/* ---- Mapping -------------------------------------------------------------------------------- */

static void
test_normalise_header (void)
{
  static const char * const cases[][2] = {
    { "E-Mail-Adresse", "emailadresse" },
    { "  Email Address ", "emailaddress" },
    { "E-mail 1 - Value", "email1value" },
    { "Prénom", "prenom" },
    { "Ländervorwahl", "landervorwahl" },
    { "Apellido(s)", "apellidos" },
    { "Correo electrónico", "correoelectronico" },
    { "TÉLÉPHONE", "telephone" },
    { "first_name", "firstname" },
    { "Straße", "strasse" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalised = roster_import_normalise_header (cases[i][0]);
      g_assert_cmpstr (normalised, ==, cases[i][1]);
    }
}

typedef struct
{
  const char *tool;
  const char *header[12];
  int         expected[ROSTER_IMPORT_N_FIELDS];  /* E, FN, LN, FULL, CC, PH */
} GuessCase;

static void
test_mapping_guess (void)
{
  static const GuessCase cases[] = {
    { "Mailchimp", { "Email Address", "First Name", "Last Name", "Address", "Phone Number", "Birthday", "MEMBER_RATING", NULL },
      { 0, 1, 2, -1, -1, 4 } },
    { "HubSpot", { "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Company Name", NULL },
      { 3, 1, 2, -1, -1, 4 } },
    { "HubSpot, mobile only", { "Email", "First Name", "Mobile Phone Number", NULL },
      { 0, 1, -1, -1, -1, 2 } },
    { "Google Contacts", { "Name", "Given Name", "Additional Name", "Family Name", "E-mail 1 - Type", "E-mail 1 - Value", "E-mail 2 - Value", "Phone 1 - Type", "Phone 1 - Value", NULL },
      { 5, 1, 3, 0, -1, 8 } },
    { "Outlook", { "First Name", "Middle Name", "Last Name", "E-mail Address", "E-mail 2 Address", "Business Phone", "Mobile Phone", "Home Phone", NULL },
      { 3, 0, 2, -1, -1, 6 } },
    { "Excel", { "Full name", "Email", "Phone", NULL },
      { 1, -1, -1, 0, -1, 2 } },
    { "Excel, Name", { "Name", "E-mail", NULL },
      { 1, -1, -1, 0, -1, -1 } },
    { "German", { "Nachname", "Vorname", "E-Mail-Adresse", "Ländervorwahl", "Telefon", "Einwilligung", NULL },
      { 2, 1, 0, -1, 3, 4 } },
    { "German, Name", { "Vorname", "Name", "E-Mail", "Handy", NULL },
      { 2, 0, 1, -1, -1, 3 } },
    { "French", { "Prénom", "Nom", "Courriel", "Indicatif", "Téléphone", NULL },
      { 2, 0, 1, -1, 3, 4 } },
    { "French, long", { "Prénom", "Nom de famille", "Adresse e-mail", "Portable", NULL },
      { 2, 0, 1, -1, -1, 3 } },
    { "Spanish", { "Nombre", "Apellido(s)", "Correo electrónico", "Prefijo", "Móvil", NULL },
      { 2, 0, 1, -1, 3, 4 } },
    { "Spanish, short", { "Correo", "Nombre", "Apellidos", "Teléfono", NULL },
      { 0, 1, 2, -1, -1, 3 } },
    { "Weak names", { "Your email (required)", "First name *", "Notes", NULL },
      { 0, 1, -1, -1, -1, -1 } },
    { "Nothing", { "foo", "bar", NULL },
      { -1, -1, -1, -1, -1, -1 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RosterImportMapping) mapping = roster_import_mapping_guess (cases[i].header);

      g_test_message ("%s", cases[i].tool);
      for (guint f = 0; f < ROSTER_IMPORT_N_FIELDS; f++)
        g_assert_cmpint (roster_import_mapping_get_column (mapping, f), ==, cases[i].expected[f]);
      g_assert_cmpuint (roster_import_mapping_get_n_columns (mapping), ==, g_strv_length ((char **) cases[i].header));
      g_assert_cmpstr (roster_import_mapping_get_column_name (mapping, 0), ==, cases[i].header[0]);
    }
}

static void
test_mapping_override (void)
{
  static const char * const header[] = { "Email", "Full name", "Company", "Webinar source", NULL };
  static const char * const labels[] = { "company", "How did you hear about us?", NULL };
  g_autoptr(RosterImportMapping) mapping = roster_import_mapping_guess (header);
  g_autoptr(RosterImportMapping) copy = NULL;
  g_autofree guint *extras = NULL;
  guint n_extras;

  g_assert_cmpint (roster_import_mapping_get_column (mapping, FULL), ==, 1);
  roster_import_mapping_set_column (mapping, FULL, -1);
  roster_import_mapping_set_column (mapping, FN, 1);
  roster_import_mapping_set_column (mapping, PH, 7);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, FULL), ==, -1);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, FN), ==, 1);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, PH), ==, 7);

  /* Extras: guessed from the webinar's custom field labels, or set by hand. */
  g_assert_cmpuint (roster_import_mapping_guess_extras (mapping, labels), ==, 1);
  g_assert_cmpstr (roster_import_mapping_get_extra (mapping, 2), ==, "company");
  g_assert_null (roster_import_mapping_get_extra (mapping, 3));
  roster_import_mapping_set_extra (mapping, 3, "How did you hear about us?");
  extras = roster_import_mapping_dup_extra_columns (mapping, &n_extras);
  g_assert_cmpuint (n_extras, ==, 2);
  g_assert_cmpuint (extras[0], ==, 2);
  g_assert_cmpuint (extras[1], ==, 3);
  roster_import_mapping_set_extra (mapping, 3, NULL);
  g_assert_null (roster_import_mapping_get_extra (mapping, 3));

  g_assert_true (roster_import_mapping_set_default_country_code (mapping, "0049"));
  g_assert_cmpstr (roster_import_mapping_get_default_country_code (mapping), ==, "+49");
  g_assert_false (roster_import_mapping_set_default_country_code (mapping, "DE"));
  g_assert_false (roster_import_mapping_set_default_country_code (mapping, "  "));
  g_assert_cmpstr (roster_import_mapping_get_default_country_code (mapping), ==, "+49");

  copy = roster_import_mapping_copy (mapping);
  g_assert_cmpint (roster_import_mapping_get_column (copy, PH), ==, 7);
  g_assert_cmpstr (roster_import_mapping_get_extra (copy, 2), ==, "company");
  g_assert_cmpstr (roster_import_mapping_get_default_country_code (copy), ==, "+49");
}

static void
test_name_split (void)
{
  static const char * const cases[][3] = {
    { "Ada Lovelace", "Ada", "Lovelace" },
    { "Lovelace, Ada", "Ada", "Lovelace" },
    { "  Lovelace ,  Ada  King ", "Ada King", "Lovelace" },
    { "Plato", "Plato", NULL },
    { "Ludwig van Beethoven", "Ludwig", "van Beethoven" },
    { "Gabriel  García\tMárquez", "Gabriel", "García Márquez" },
    { "Lovelace,", "Lovelace", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      g_assert_true (roster_import_split_full_name (cases[i][0], &first, &last));
      g_assert_cmpstr (first, ==, cases[i][1]);
      g_assert_cmpstr (last, ==, cases[i][2]);
    }

  {
    g_autofree char *first = NULL;
    g_autofree char *last = NULL;

    g_assert_false (roster_import_split_full_name ("  ,  ", &first, &last));
    g_assert_null (first);
    g_assert_null (last);
  }
}

/* ---- Plans ---------------------------------------------------------------------------------- */

static void
test_plan_problems (void)
{
  g_autoptr(RosterImportPlan) plan = plan_for (
    "Email,First Name,Last Name,Country code,Phone\n"
    "ada@example.org,Ada,Lovelace,+44,020 7946 0958\n"        /* 2 ready */
    "foo@,Foo,Bar,,\n"                                         /* 3 invalid email */
    ",NoEmail,X,,\n"                                           /* 4 missing email */
    "grace@example.com,,Hopper,,\n"                            /* 5 missing first name */
    "alan@example.org,Alan,Turing,UK,123456\n"                 /* 6 bad country code */
    "kurt@example.org,Kurt,Gödel,43,555-CALL-NOW\n"            /* 7 bad phone */
    "emmy@example.org,Emmy,Noether,49,+44 20 7946 0958\n"      /* 8 conflicting codes */
    "john@example.org,John,von Neumann,,+1 (555) 010-9999\n"   /* 9 code from the phone */
    "barbara@example.org,Barbara,Liskov,,555 0100\n"           /* 10 phone without code */
    "\"  spaced@example.org \",\"  Trim \n Me \",  Too ,0044,\n" /* 11-12 trimmed */
    "late@example.org,Late,\"open\n");                         /* 13 unterminated quote */
  g_autofree char *m2 = row_messages (plan, 0);
  g_autofree char *m3 = row_messages (plan, 1);
  g_autofree char *m4 = row_messages (plan, 2);
  g_autofree char *m5 = row_messages (plan, 3);
  g_autofree char *m6 = row_messages (plan, 4);
  g_autofree char *m7 = row_messages (plan, 5);
  g_autofree char *m8 = row_messages (plan, 6);
  g_autofree char *m9 = row_messages (plan, 7);
  g_autofree char *m10 = row_messages (plan, 8);
  g_autofree char *m11 = row_messages (plan, 9);
  g_autofree char *m13 = row_messages (plan, 10);

  g_assert_cmpuint (roster_import_plan_get_n_rows (plan), ==, 11);
  assert_counts (plan, 4, 7, 0, 0);

  assert_row (plan, 0, ROSTER_IMPORT_ROW_READY, "ada@example.org", "Ada", "Lovelace", "+44", "02079460958");
  g_assert_cmpstr (m2, ==, "");
  g_assert_cmpuint (roster_import_plan_get_row_line (plan, 1), ==, 3);
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 1), ==, ROSTER_IMPORT_ROW_INVALID);
  g_assert_cmpstr (m3, ==, "Line 3: the email address “foo@” is not valid");
  g_assert_cmpstr (m4, ==, "Line 4: the email address is missing");
  g_assert_cmpstr (m5, ==, "Line 5: the first name is missing");
  g_assert_cmpstr (m6, ==, "Line 6: the country code “UK” is not valid; write it like +44");
  g_assert_cmpstr (m7, ==, "Line 7: the phone number “555-CALL-NOW” is not valid");
  g_assert_cmpstr (m8, ==, "Line 8: the phone number “+44 20 7946 0958” starts with +44, but the country code is +49");
  assert_row (plan, 7, ROSTER_IMPORT_ROW_READY, "john@example.org", "John", "von Neumann", "+1", "5550109999");
  g_assert_cmpstr (m9, ==, "");
  assert_row (plan, 8, ROSTER_IMPORT_ROW_READY, "barbara@example.org", "Barbara", "Liskov", "", "5550100");
  g_assert_cmpstr (m10, ==, "Line 10: the phone number “555 0100” has no country code");
  assert_row (plan, 9, ROSTER_IMPORT_ROW_READY, "spaced@example.org", "Trim Me", "Too", "+44", "");
  g_assert_cmpstr (m11, ==, "");
  g_assert_cmpuint (roster_import_plan_get_row_line (plan, 10), ==, 13);
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 10), ==, ROSTER_IMPORT_ROW_INVALID);
  g_assert_cmpstr (m13, ==, "Line 13: a quoted field is not closed before the end of the file");

  /* Every problem, in line order. */
  g_assert_cmpuint (roster_import_plan_get_n_problems (plan), ==, 8);
  for (guint i = 1; i < roster_import_plan_get_n_problems (plan); i++)
    g_assert_cmpuint (roster_import_plan_get_problem (plan, i - 1)->line, <=,
                      roster_import_plan_get_problem (plan, i)->line);
  g_assert_cmpint (roster_import_plan_get_problem (plan, 5)->severity, ==, ROSTER_IMPORT_SEVERITY_ERROR);
  g_assert_cmpint (roster_import_plan_get_problem (plan, 6)->severity, ==, ROSTER_IMPORT_SEVERITY_WARNING);
  g_assert_cmpuint (roster_import_plan_get_problem (plan, 7)->line, ==, 13);
}

static void
test_plan_default_country_code (void)
{
  g_autoptr(RosterCsvReader) reader = reader_for ("Email,First Name,Phone\nb@example.org,B,555 0100\n");
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(RosterImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  roster_csv_reader_detect (reader, NULL, &error);
  g_assert_no_error (error);
  mapping = roster_import_mapping_guess (roster_csv_reader_get_header (reader));
  roster_import_mapping_set_default_country_code (mapping, "1");
  plan = roster_import_plan_new (reader, mapping, NULL, &error);
  g_assert_no_error (error);
  assert_row (plan, 0, ROSTER_IMPORT_ROW_READY, "b@example.org", "B", "", "+1", "5550100");
  g_assert_cmpuint (roster_import_plan_get_n_problems (plan), ==, 0);
}

static void
test_plan_duplicates (void)
{
  g_autoptr(RosterImportPlan) plan = plan_for (
    "email,first_name\n"
    "ada@example.org,\n"           /* 2 invalid: claims nothing */
    "Ada@Example.org,Ada\n"        /* 3 ready */
    "ADA@EXAMPLE.ORG,Ada\n"        /* 4 duplicate of 3 */
    "zoë@example.org,Zoë\n"        /* 5 ready */
    "ZOË@example.org,Zoë\n"        /* 6 duplicate of 5 */
    " ada@example.org ,A\n");      /* 7 duplicate of 3 */
  g_autofree char *m4 = row_messages (plan, 2);

  assert_counts (plan, 2, 1, 3, 0);
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 1), ==, ROSTER_IMPORT_ROW_READY);
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 2), ==, ROSTER_IMPORT_ROW_DUPLICATE);
  g_assert_cmpuint (roster_import_plan_get_row_duplicate_of (plan, 2), ==, 3);
  g_assert_cmpstr (m4, ==, "Line 4: “ADA@EXAMPLE.ORG” is a duplicate of line 3");
  g_assert_cmpuint (roster_import_plan_get_row_duplicate_of (plan, 4), ==, 5);
  g_assert_cmpuint (roster_import_plan_get_row_duplicate_of (plan, 5), ==, 3);
  g_assert_cmpuint (roster_import_plan_get_row_duplicate_of (plan, 1), ==, 0);
}

static void
test_plan_full_name_and_extras (void)
{
  g_autoptr(RosterCsvReader) reader = reader_for (
    "Full name,Email,Company\n"
    "Ada Lovelace,ada@example.org,Analytical Engines\n"
    "\"Hopper, Grace\",grace@example.com,US Navy\n"
    "Plato,plato@example.org,\n"
    ",nobody@example.org,X\n");
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(RosterImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const labels[] = { "Company", NULL };

  roster_csv_reader_detect (reader, NULL, &error);
  mapping = roster_import_mapping_guess (roster_csv_reader_get_header (reader));
  g_assert_cmpuint (roster_import_mapping_guess_extras (mapping, labels), ==, 1);
  plan = roster_import_plan_new (reader, mapping, NULL, &error);
  g_assert_no_error (error);

  assert_counts (plan, 3, 1, 0, 0);
  assert_row (plan, 0, ROSTER_IMPORT_ROW_READY, "ada@example.org", "Ada", "Lovelace", "", "");
  assert_row (plan, 1, ROSTER_IMPORT_ROW_READY, "grace@example.com", "Grace", "Hopper", "", "");
  assert_row (plan, 2, ROSTER_IMPORT_ROW_READY, "plato@example.org", "Plato", "", "", "");
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 3), ==, ROSTER_IMPORT_ROW_INVALID);
  g_assert_null (roster_import_plan_get_row_value (plan, 0, FULL));
  g_assert_cmpuint (roster_import_plan_get_n_extras (plan), ==, 1);
  g_assert_cmpstr (roster_import_plan_get_extra_label (plan, 0), ==, "Company");
  g_assert_cmpstr (roster_import_plan_get_row_extra (plan, 1, 0), ==, "US Navy");
  g_assert_cmpstr (roster_import_plan_get_row_extra (plan, 2, 0), ==, "");
}

/* ---- The shared samples and our own files --------------------------------------------------- */

static RosterImportPlan *
plan_for_path (const char           *path,
               RosterImportMapping **mapping)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterCsvReader) reader = roster_csv_reader_new_for_file (file, NULL, NULL, &error);

  g_assert_no_error (error);

  return plan_for_reader (reader, mapping);
}

static void
check_contacts_simple (const char *path)
{
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(RosterImportPlan) plan = plan_for_path (path, &mapping);

  g_assert_cmpint (roster_import_mapping_get_column (mapping, E), ==, 0);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, FN), ==, 1);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, LN), ==, 2);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, PH), ==, -1);
  assert_counts (plan, 50, 0, 0, 0);
  assert_row (plan, 1, ROSTER_IMPORT_ROW_READY, "mateo.muller2@example.org", "Mateo", "Müller", "", "");
}

static void
check_excel_de (const char *path)
{
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(RosterImportPlan) plan = plan_for_path (path, &mapping);

  g_assert_cmpint (roster_import_mapping_get_column (mapping, E), ==, 2);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, FN), ==, 1);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, LN), ==, 0);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, CC), ==, 3);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, PH), ==, 4);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, FULL), ==, -1);
  assert_counts (plan, 100, 0, 0, 0);
  assert_row (plan, 0, ROSTER_IMPORT_ROW_READY, "cagla.nunez251@example.com", "Çağla", "Núñez", "+34", "84420942902");
  assert_row (plan, 99, ROSTER_IMPORT_ROW_READY, "jose.hamilton350@example.net", "José", "Hamilton", "+91", "780600301");
  g_assert_cmpuint (roster_import_plan_get_row_line (plan, 99), ==, 101);
  g_assert_cmpuint (roster_import_plan_get_n_problems (plan), ==, 0);
}

static void
check_mailchimp (const char *path)
{
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(RosterImportPlan) plan = plan_for_path (path, &mapping);

  g_assert_cmpint (roster_import_mapping_get_column (mapping, E), ==, 0);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, FN), ==, 1);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, LN), ==, 2);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, PH), ==, 4);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, CC), ==, -1);
  assert_counts (plan, 200, 0, 0, 0);
  /* "+81 3834316717" carries its country code. */
  assert_row (plan, 0, ROSTER_IMPORT_ROW_READY, "chloe.sjoberg51@example.net", "Chloé", "Sjöberg", "+81", "3834316717");
  assert_row (plan, 199, ROSTER_IMPORT_ROW_READY, "ada.sjoberg250@mail.example.org", "Ada", "Sjöberg", "+33", "964135109");
  g_assert_cmpuint (roster_import_plan_get_n_problems (plan), ==, 0);
}

static void
check_messy (const char *path)
{
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(RosterImportPlan) plan = plan_for_path (path, &mapping);
  g_autofree char *m33 = NULL, *m34 = NULL, *m39 = NULL, *m40 = NULL;

  g_assert_cmpint (roster_import_mapping_get_column (mapping, E), ==, 0);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, FN), ==, 1);
  g_assert_cmpint (roster_import_mapping_get_column (mapping, LN), ==, 2);
  g_assert_cmpuint (roster_import_plan_get_n_rows (plan), ==, 38);
  /* Invalid: not-an-email (33), no email (40).  Duplicate: line 34 of line 2. */
  assert_counts (plan, 35, 2, 1, 0);

  m33 = row_messages (plan, 30);
  m34 = row_messages (plan, 31);
  m39 = row_messages (plan, 35);
  m40 = row_messages (plan, 36);
  g_assert_cmpstr (m33, ==, "Line 33: the email address “not-an-email” is not valid");
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 31), ==, ROSTER_IMPORT_ROW_DUPLICATE);
  g_assert_cmpuint (roster_import_plan_get_row_duplicate_of (plan, 31), ==, 2);
  g_assert_cmpstr (m34, ==, "Line 34: “MARGARET.VANDERBERG351@EXAMPLE.ORG” is a duplicate of line 2");
  assert_row (plan, 32, ROSTER_IMPORT_ROW_READY, "spaced@example.org", "Trim", "Me", "", "");
  assert_row (plan, 33, ROSTER_IMPORT_ROW_READY, "quoted@example.org", "Multi Line", "Name", "", "");
  g_assert_cmpuint (roster_import_plan_get_row_line (plan, 33), ==, 36);
  assert_row (plan, 34, ROSTER_IMPORT_ROW_READY, "ragged@example.org", "Only", "Two", "", "");
  assert_row (plan, 35, ROSTER_IMPORT_ROW_READY, "toolong@example.org", "A", "B", "", "");
  g_assert_cmpstr (m39, ==, "Line 39: the row has 7 fields but the header has 4; the extra ones are ignored");
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 36), ==, ROSTER_IMPORT_ROW_INVALID);
  g_assert_cmpstr (m40, ==, "Line 40: the email address is missing");
  assert_row (plan, 37, ROSTER_IMPORT_ROW_READY, "unicode@example.org", "Åsa", "Øvergård", "", "");
}

typedef struct
{
  const char *name;
  void      (*check) (const char *path);
} SampleTest;

static void
run_sample (gconstpointer data)
{
  const SampleTest *test = data;
  g_autofree char *path = roster_test_sample_path (test->name);

  test->check (path);
}

static void
test_plan_data_files (void)
{
  g_autofree char *outlook = g_test_build_filename (G_TEST_DIST, "data", "csv", "outlook-utf16le.csv", NULL);
  g_autofree char *french = g_test_build_filename (G_TEST_DIST, "data", "csv", "french-windows-1252.csv", NULL);
  g_autofree char *google = g_test_build_filename (G_TEST_DIST, "data", "csv", "google-contacts.csv", NULL);
  g_autoptr(RosterImportPlan) p1 = plan_for_path (outlook, NULL);
  g_autoptr(RosterImportPlan) p2 = plan_for_path (french, NULL);
  g_autoptr(RosterImportPlan) p3 = plan_for_path (google, NULL);
  g_autofree char *french_note = row_messages (p2, 2);

  /* Outlook: the mobile phone column; Grace has none. */
  assert_counts (p1, 3, 0, 0, 0);
  assert_row (p1, 0, ROSTER_IMPORT_ROW_READY, "ada@example.org", "Ada", "Lovelace", "+44", "7700900123");
  assert_row (p1, 1, ROSTER_IMPORT_ROW_READY, "bjorn@example.se", "Björn", "Östlund", "", "0701234567");
  assert_row (p1, 2, ROSTER_IMPORT_ROW_READY, "grace@example.com", "Grace", "Hopper", "", "");

  /* French, Windows-1252, country codes written three ways. */
  assert_counts (p2, 2, 1, 0, 0);
  assert_row (p2, 0, ROSTER_IMPORT_ROW_READY, "elodie@example.fr", "Élodie", "Lefèvre", "+33", "0612345678");
  assert_row (p2, 1, ROSTER_IMPORT_ROW_READY, "francois@example.fr", "François", "Dupont", "+33", "0123456789");
  g_assert_cmpstr (french_note, ==, "Line 4: the phone number “€ non” is not valid");

  /* Google: given and family names win over "Name". */
  assert_counts (p3, 2, 0, 0, 0);
  assert_row (p3, 1, ROSTER_IMPORT_ROW_READY, "GRACE@example.com", "Grace", "Hopper", "+1", "5550109999");
}

/* ---- Already registered --------------------------------------------------------------------- */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_mark_registered (void)
{
  g_autoptr(RosterImportPlan) plan = plan_for (
    "email,first_name\n"
    "ada@example.org,Ada\n"
    "grace@example.com,Grace\n"
    "GRACE@example.com,Grace\n"
    "bad,Bad\n"
    "zoë@example.org,Zoë\n");
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint notified = 0;

  assert_counts (plan, 3, 1, 1, 0);
  g_signal_connect (plan, "notify::n-already-registered", G_CALLBACK (count_notify), &notified);

  g_hash_table_add (emails, roster_contact_casefold_email ("Grace@Example.com"));
  g_hash_table_add (emails, roster_contact_casefold_email ("ZOË@EXAMPLE.ORG"));
  g_hash_table_add (emails, roster_contact_casefold_email ("bad"));
  g_hash_table_add (emails, roster_contact_casefold_email ("someone.else@example.org"));

  g_assert_cmpuint (roster_import_plan_mark_registered (plan, emails), ==, 2);
  assert_counts (plan, 1, 1, 1, 2);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 1), ==, ROSTER_IMPORT_ROW_ALREADY_REGISTERED);
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 2), ==, ROSTER_IMPORT_ROW_DUPLICATE);
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 3), ==, ROSTER_IMPORT_ROW_INVALID);
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 4), ==, ROSTER_IMPORT_ROW_ALREADY_REGISTERED);

  /* Again: nothing new. */
  g_assert_cmpuint (roster_import_plan_mark_registered (plan, emails), ==, 0);
  g_assert_cmpuint (notified, ==, 1);
}

static RosterRegistrantStore *
memory_store (void)
{
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GError) error = NULL;
  RosterRegistrantStore *store;

  roster_registrant_store_open_async (NULL, NULL, roster_test_store_result, &opened);
  store = roster_registrant_store_open_finish (roster_test_wait_for_result (&opened), &error);
  g_assert_no_error (error);
  return store;
}

/* Against the fake service over loopback: its registrants, in other case, are marked, from the
 * local store; a second check refreshes the store (a few calls) instead of reading every page,
 * and still sees who signed up in between. */
static void
test_mark_registered_async (void)
{
  g_autoptr(RosterRegistrantStore) store = memory_store ();
  g_autoptr(RosterImportPlan) second = NULL;
  g_autoptr(GAsyncResult) registered = NULL;
  g_autoptr(RosterRegistration) registration = NULL;
  g_autoptr(RosterRegisterParams) params = NULL;
  guint n_first_calls;
  guint n_second_calls;
  g_autoptr(RosterFakeService) service = roster_fake_service_new (7);
  g_autoptr(RosterRateLimiter) limiter = roster_rate_limiter_new (1000, G_USEC_PER_SEC);
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GAsyncResult) marked = NULL;
  g_autoptr(GListModel) registrants = NULL;
  g_autoptr(GString) csv = g_string_new ("Email,First Name\n");
  g_autoptr(RosterImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  gint64 webinar_id;
  guint n_marked = 0;
  guint n_known;

  roster_fake_service_set_rate_limit (service, 0);
  roster_fake_service_start (service, &error);
  g_assert_no_error (error);
  g_source_attach ((GSource *) limiter, NULL);
  endpoint = roster_fake_service_dup_endpoint (service, FALSE);
  client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, endpoint, roster_fake_service_get_api_key (service), &error);
  g_assert_no_error (error);
  roster_client_set_rate_limiter (client, limiter);
  webinar_id = roster_fake_service_get_main_webinar_id (service);

  /* Who is registered already, as the service says. */
  roster_client_list_all_registrants_async (client, webinar_id, NULL, ROSTER_PRIORITY_INTERACTIVE,
                                            NULL, NULL, NULL, NULL, roster_test_store_result, &listed);
  registrants = roster_client_list_all_registrants_finish (client, roster_test_wait_for_result (&listed), &error);
  g_assert_no_error (error);
  n_known = MIN (g_list_model_get_n_items (registrants), 5);
  g_assert_cmpuint (n_known, >=, 3);
  for (guint i = 0; i < n_known; i++)
    {
      g_autoptr(RosterRegistrant) registrant = g_list_model_get_item (registrants, i);
      g_autofree char *upper = g_utf8_strup (roster_registrant_get_email (registrant), -1);

      g_string_append_printf (csv, "%s,Known%u\n", upper, i);
    }
  g_string_append (csv, "new.person.1@example.invalid.org,New\nnew.person.2@example.invalid.org,New\n");

  plan = plan_for (csv->str);
  assert_counts (plan, n_known + 2, 0, 0, 0);
  roster_fake_service_reset_counters (service);
  roster_import_plan_mark_registered_async (plan, store, client, webinar_id, NULL, roster_test_store_result, &marked);
  g_assert_true (roster_import_plan_mark_registered_finish (plan, roster_test_wait_for_result (&marked), &n_marked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_marked, ==, n_known);
  assert_counts (plan, 2, 0, 0, n_known);
  g_assert_cmpint (roster_import_plan_get_row_status (plan, n_known), ==, ROSTER_IMPORT_ROW_READY);
  n_first_calls = roster_fake_service_get_n_calls (service, NULL);

  /* Someone of the file signs up elsewhere; the next check finds them through a refresh. */
  {
    g_autoptr(RosterWebinar) webinar = roster_test_get_webinar (client, webinar_id);
    g_autoptr(RosterSchedule) schedule = g_list_model_get_item (roster_webinar_get_schedules (webinar), 0);

    params = roster_register_params_new ();
    params->webinar_id = webinar_id;
    params->schedule_id = roster_schedule_get_id (schedule);
    params->email = g_strdup ("new.person.1@example.invalid.org");
    params->first_name = g_strdup ("New");
  }
  roster_client_register_async (client, params, ROSTER_PRIORITY_INTERACTIVE, NULL,
                                roster_test_store_result, &registered);
  registration = roster_client_register_finish (client, roster_test_wait_for_result (&registered), &error);
  g_assert_no_error (error);
  roster_fake_service_reset_counters (service);
  g_clear_object (&marked);
  second = plan_for (csv->str);
  roster_import_plan_mark_registered_async (second, store, client, webinar_id, NULL, roster_test_store_result, &marked);
  g_assert_true (roster_import_plan_mark_registered_finish (second, roster_test_wait_for_result (&marked), &n_marked, &error));
  g_assert_cmpuint (n_marked, ==, n_known + 1);
  n_second_calls = roster_fake_service_get_n_calls (service, NULL);
  g_test_message ("first check: %u calls, second: %u", n_first_calls, n_second_calls);
  g_assert_cmpuint (n_second_calls, <, n_first_calls);

  /* An unknown webinar fails with the client's error. */
  {
    g_autoptr(GAsyncResult) failed = NULL;
    g_autoptr(GError) not_found = NULL;

    roster_import_plan_mark_registered_async (plan, store, client, 987654321, NULL, roster_test_store_result, &failed);
    g_assert_false (roster_import_plan_mark_registered_finish (plan, roster_test_wait_for_result (&failed), NULL, &not_found));
    g_assert_nonnull (not_found);
    assert_counts (plan, 2, 0, 0, n_known);
  }

  g_clear_object (&client);
  g_source_destroy ((GSource *) limiter);
  roster_fake_service_stop (service);
  while (g_main_context_iteration (NULL, FALSE));
}

/* ---- Async build, cancellation -------------------------------------------------------------- */

static void
test_plan_async (void)
{
  g_autoptr(GString) csv = g_string_new ("email,first_name\n");
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(RosterCsvReader) reader2 = NULL;
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(RosterImportPlan) plan = NULL;
  g_autoptr(RosterImportPlan) none = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (csv, "person%u@example.org,P%u\n", i, i);
  reader = reader_for (csv->str);
  roster_csv_reader_detect (reader, NULL, &error);
  g_assert_no_error (error);
  mapping = roster_import_mapping_guess (roster_csv_reader_get_header (reader));

  roster_import_plan_new_async (reader, mapping, NULL, roster_test_store_result, &result);
  plan = roster_import_plan_new_finish (roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  assert_counts (plan, 10000, 0, 0, 0);
  g_assert_cmpuint (roster_import_plan_get_row_line (plan, 9999), ==, 10001);

  reader2 = reader_for (csv->str);
  g_cancellable_cancel (cancellable);
  roster_import_plan_new_async (reader2, mapping, cancellable, roster_test_store_result, &cancelled_result);
  none = roster_import_plan_new_finish (roster_test_wait_for_result (&cancelled_result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);
}

int
main (int   argc,
      char *argv[])
{
  static const SampleTest samples[] = {
    { "contacts-simple.csv", check_contacts_simple },
    { "excel-de-semicolon-bom.csv", check_excel_de },
    { "mailchimp-export.csv", check_mailchimp },
    { "messy.csv", check_messy },
  };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import/mapping/normalise", test_normalise_header);
  g_test_add_func ("/import/mapping/guess", test_mapping_guess);
  g_test_add_func ("/import/mapping/override", test_mapping_override);
  g_test_add_func ("/import/values/name-split", test_name_split);
  g_test_add_func ("/import/plan/problems", test_plan_problems);
  g_test_add_func ("/import/plan/default-country-code", test_plan_default_country_code);
  g_test_add_func ("/import/plan/duplicates", test_plan_duplicates);
  g_test_add_func ("/import/plan/full-name-and-extras", test_plan_full_name_and_extras);
  g_test_add_func ("/import/plan/data-files", test_plan_data_files);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/plan/samples/%s", samples[i].name);
      g_test_add_data_func (path, &samples[i], run_sample);
    }
  g_test_add_func ("/import/plan/mark-registered", test_mark_registered);
  g_test_add_func ("/import/plan/mark-registered-async", test_mark_registered_async);
  g_test_add_func ("/import/plan/async", test_plan_async);

  return g_test_run ();
}
