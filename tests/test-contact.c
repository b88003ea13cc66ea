/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-contact"

#include "config.h"

#include <string.h>

#include "roster-contact.h"
#include "roster-csv-reader.h"
#include "roster-import-mapping.h"
#include "roster-import-plan.h"

/* The contact rules, one table per field: what each input becomes, or which error it is.  The
 * register dialog, the import plan and roster-cli all use them; the last tests check that an
 * import plans the cases the front ends once disagreed on as the rules say. */

#define MISSING  ROSTER_CONTACT_ERROR_MISSING
#define INVALID  ROSTER_CONTACT_ERROR_INVALID
#define CONFLICT ROSTER_CONTACT_ERROR_CONFLICT
#define OK       -1

/* ---- Email ------------------------------------------------------------------------------------ */

static void
test_email (void)
{
  static const struct { const char *in; const char *out; int error; } emails[] = {
    { "ada@example.org", "ada@example.org", OK },
    { "  Ada@Example.org\t", "Ada@Example.org", OK },
    { "\xC2\xA0" "ada@example.org\xC2\xA0", "ada@example.org", OK },
    { "a.b+tag@sub.example.co.uk", "a.b+tag@sub.example.co.uk", OK },
    { "zoë@exämple.org", "zoë@exämple.org", OK },
    { "", NULL, MISSING },
    { "   ", NULL, MISSING },
    /* Two people run together: the dialog once let it through, the import never did. */
    { "a,b@example.org", NULL, INVALID },
    { "a;b@example.org", NULL, INVALID },
    { "<ada@example.org>", NULL, INVALID },
    { "\"ada\"@example.org", NULL, INVALID },
    { "foo@", NULL, INVALID },
    { "@example.org", NULL, INVALID },
    { "a@b@example.org", NULL, INVALID },
    { "ada@@example.org", NULL, INVALID },
    { "ada@example", NULL, INVALID },
    { "ada@example.", NULL, INVALID },
    { "ada@example.o", NULL, INVALID },
    { "ada @example.org", NULL, INVALID },
    { "ada lovelace@example.org", NULL, INVALID },
    { "ada\xC2\xA0lovelace@example.org", NULL, INVALID },
    { "ada@exa..mple.org", NULL, INVALID },
    { "ada@.example.org", NULL, INVALID },
    { "ada@-example.org", NULL, INVALID },
    { ".ada@example.org", NULL, INVALID },
    { "ada.@example.org", NULL, INVALID },
    { "not-an-email", NULL, INVALID },
    { "ada\x7F@example.org", NULL, INVALID },
    { "ad\xFF" "a@example.org", NULL, INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = roster_contact_normalise_email (emails[i].in, &error);

      g_test_message ("“%s”", emails[i].in);
      g_assert_cmpstr (out, ==, emails[i].out);
      if (emails[i].error == OK)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, ROSTER_CONTACT_ERROR, emails[i].error);
          g_assert_cmpstr (error->message, ==, emails[i].error == MISSING
                                               ? "Enter an email address."
                                               : "Enter an email address such as name@example.org.");
        }
      g_assert_cmpint (roster_contact_email_is_valid (emails[i].in), ==,
                       emails[i].error == OK && g_str_equal (emails[i].in, emails[i].out));
    }
}

static void
test_email_long (void)
{
  g_autoptr(GString) local = g_string_new (NULL);
  g_autoptr(GString) whole = g_string_new (NULL);

  /* A local part of 64 bytes is fine, 65 is not. */
  g_string_append_len (local, "abcdefghabcdefghabcdefghabcdefghabcdefghabcdefghabcdefghabcdefgh", 64);
  g_string_append (local, "@example.org");
  g_assert_true (roster_contact_email_is_valid (local->str));
  g_string_prepend_c (local, 'x');
  g_assert_false (roster_contact_email_is_valid (local->str));

  /* At most 254 bytes in all. */
  g_string_append (whole, "ada@");
  while (whole->len < 250)
    g_string_append (whole, "abcd.");
  g_string_truncate (whole, 250);
  g_string_append (whole, ".org");
  g_assert_cmpuint (whole->len, ==, 254);
  g_assert_true (roster_contact_email_is_valid (whole->str));
  g_string_insert_c (whole, 4, 'x');
  g_assert_false (roster_contact_email_is_valid (whole->str));
}

static void
test_email_same (void)
{
  static const struct { const char *a; const char *b; gboolean same; } pairs[] = {
    { "ada@example.org", "ada@example.org", TRUE },
    { "Ada.Lovelace@Example.ORG", "ada.lovelace@example.org", TRUE },
    { " ada@example.org\xC2\xA0", "ADA@EXAMPLE.ORG", TRUE },
    { "ZOË@EXAMPLE.ORG", "zoë@example.org", TRUE },
    /* Composed and decomposed ë are one letter. */
    { "zo\xC3\xAB@example.org", "zoe\xCC\x88@example.org", TRUE },
    { "ada@example.org", "ada@example.com", FALSE },
    { "ada@example.org", NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_test_message ("“%s” and “%s”", pairs[i].a, pairs[i].b);
      g_assert_cmpint (roster_contact_same_email (pairs[i].a, pairs[i].b), ==, pairs[i].same);
    }

  {
    g_autofree char *a = roster_contact_casefold_email ("Ada.Lovelace@Example.ORG");
    g_autofree char *b = roster_contact_casefold_email ("ZOË@EXAMPLE.ORG");

    g_assert_cmpstr (a, ==, "ada.lovelace@example.org");
    g_assert_cmpstr (b, ==, "zoë@example.org");
  }
}

/* ---- Names ------------------------------------------------------------------------------------ */

static void
test_names (void)
{
  static const struct { const char *in; const char *out; } names[] = {
    { "Ada", "Ada" },
    { "  Ada  ", "Ada" },
    { "Ada\n  King", "Ada King" },
    { "Ada\tKing\r\n", "Ada King" },
    { "Ad\x01" "a", "Ad a" },
    { "Zoë", "Zoë" },
    { "", "" },
    { " \t\n", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) first_error = NULL;
      g_autoptr(GError) last_error = NULL;
      g_autoptr(GError) required_error = NULL;
      g_autofree char *first = roster_contact_normalise_first_name (names[i].in, &first_error);
      g_autofree char *last = roster_contact_normalise_last_name (names[i].in, FALSE, &last_error);
      g_autofree char *required = roster_contact_normalise_last_name (names[i].in, TRUE, &required_error);
      gboolean empty = names[i].out[0] == '\0';

      g_test_message ("“%s”", names[i].in);
      /* A last name may be left out, unless the webinar needs one; a first name never. */
      g_assert_no_error (last_error);
      g_assert_cmpstr (last, ==, names[i].out);
      g_assert_cmpstr (first, ==, empty ? NULL : names[i].out);
      g_assert_cmpstr (required, ==, empty ? NULL : names[i].out);
      if (empty)
        {
          g_assert_error (first_error, ROSTER_CONTACT_ERROR, MISSING);
          g_assert_cmpstr (first_error->message, ==, "Enter a first name.");
          g_assert_error (required_error, ROSTER_CONTACT_ERROR, MISSING);
          g_assert_cmpstr (required_error->message, ==, "This webinar needs a last name.");
        }
      else
        {
          g_assert_no_error (first_error);
          g_assert_no_error (required_error);
        }
    }
}

/* ---- Phone ------------------------------------------------------------------------------------ */

static void
test_country_code (void)
{
  static const struct { const char *in; const char *out; } codes[] = {
    { "+44", "+44" }, { "44", "+44" }, { "0044", "+44" }, { " (+44) ", "+44" }, { "+ 1", "+1" },
    { "+234", "+234" }, { "49", "+49" }, { "0049", "+49" }, { "", "" }, { "  ", "" },
    { "UK", NULL }, { "+0", NULL }, { "+1234", NULL }, { "+12345", NULL }, { "+", NULL },
    { "+4a", NULL }, { "(", NULL }, { "00", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *code = roster_contact_normalise_country_code (codes[i].in, &error);

      g_test_message ("“%s”", codes[i].in);
      g_assert_cmpstr (code, ==, codes[i].out);
      if (codes[i].out != NULL)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, ROSTER_CONTACT_ERROR, INVALID);
          g_assert_cmpstr (error->message, ==, "Enter the country code as a plus sign and digits, such as +49.");
        }
    }
}

static void
test_phone (void)
{
  static const struct {
    const char *in;
    const char *given;  /* the country code beside it */
    const char *cc;     /* the number's own */
    const char *digits;
    int         error;
  } phones[] = {
    { "020 7946 0958", NULL, NULL, "02079460958", OK },
    /* The slash of German numbers is layout: the dialog once refused it, the import never did. */
    { "030/1234567", NULL, NULL, "0301234567", OK },
    { "555 123-4567", "+1", NULL, "5551234567", OK },
    { "(555) 010-9999", NULL, NULL, "5550109999", OK },
    { "06.12.34.56.78", NULL, NULL, "0612345678", OK },
    { "  5550100  ", NULL, NULL, "5550100", OK },
    { "+44 20 7946 0958", NULL, "+44", "2079460958", OK },
    { "+44 20 7946 0958", "+44", "+44", "2079460958", OK },
    { "+44 (0)20 7946 0958", "", "+44", "2079460958", OK },
    { "+4915112345678", NULL, "+49", "15112345678", OK },
    { "0049 151 12345678", NULL, "+49", "15112345678", OK },
    { "+1 (555) 010-9999", NULL, "+1", "5550109999", OK },
    { "+234 501742803", NULL, "+234", "501742803", OK },
    { "+81\xC2\xA0" "3834316717", NULL, "+81", "3834316717", OK },
    { "+81\xE2\x80\xAF" "3834316717", NULL, "+81", "3834316717", OK },
    { "", "+44", NULL, "", OK },
    { "   ", NULL, NULL, "", OK },
    { "+44 20 7946 0958", "+49", NULL, NULL, CONFLICT },
    { "555-CALL-NOW", NULL, NULL, NULL, INVALID },
    { "555-12a4", NULL, NULL, NULL, INVALID },
    { "123", NULL, NULL, NULL, INVALID },
    { "+44", NULL, NULL, NULL, INVALID },
    { "+0 1234 5678", NULL, NULL, NULL, INVALID },
    { "1234567890123456", NULL, NULL, NULL, INVALID },
    { "555 0100 ext 2", NULL, NULL, NULL, INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autoptr(GError) error = NULL;
      char untouched[] = "untouched";
      char *cc = untouched;
      g_autofree char *digits = roster_contact_normalise_phone (phones[i].in, phones[i].given, &cc, &error);

      g_test_message ("“%s” beside “%s”", phones[i].in, phones[i].given);
      g_assert_cmpstr (digits, ==, phones[i].digits);
      /* Always set, also on an error. */
      g_assert_true (cc != untouched);
      g_assert_cmpstr (cc, ==, phones[i].cc);
      g_free (cc);
      if (phones[i].error == OK)
        g_assert_no_error (error);
      else
        g_assert_error (error, ROSTER_CONTACT_ERROR, phones[i].error);
      if (phones[i].error == INVALID)
        g_assert_cmpstr (error->message, ==, "Enter the phone number in digits; spaces and dashes are fine.");
      if (phones[i].error == CONFLICT)
        g_assert_cmpstr (error->message, ==, "The phone number starts with +44, but the country code is +49.");
    }
}

/* The allocation-free form the import plans its rows with reads numbers the same way. */
static void
test_phone_split (void)
{
  char cc[ROSTER_CONTACT_COUNTRY_CODE_SIZE];
  char digits[ROSTER_CONTACT_PHONE_SIZE];

  g_assert_true (roster_contact_split_phone ("+49 30/1234567", cc, digits));
  g_assert_cmpstr (cc, ==, "+49");
  g_assert_cmpstr (digits, ==, "301234567");

  /* Fifteen digits fit, sixteen do not. */
  g_assert_true (roster_contact_split_phone ("123456789012345", cc, digits));
  g_assert_cmpstr (cc, ==, "");
  g_assert_cmpstr (digits, ==, "123456789012345");
  g_assert_false (roster_contact_split_phone ("1234567890123456", cc, digits));
  g_assert_false (roster_contact_split_phone ("", cc, digits));
}

/* ---- A person ---------------------------------------------------------------------------------- */

static RosterRegisterParams *
person (const char *email,
        const char *first,
        const char *last,
        const char *code,
        const char *phone)
{
  RosterRegisterParams *params = roster_register_params_new ();

  params->email = g_strdup (email);
  params->first_name = g_strdup (first);
  params->last_name = g_strdup (last);
  params->phone_country_code = g_strdup (code);
  params->phone = g_strdup (phone);
  return params;
}

static void
test_person (void)
{
  static const struct {
    const char *in[5];   /* email, first, last, country code, phone */
    gboolean    last_required;
    const char *out[5];
    int         field;   /* the field in error, or OK */
    int         code;    /* its error */
  } people[] = {
    { { " ada@example.org ", " Ada  Augusta ", " King ", "49", "030/1234567" }, FALSE,
      { "ada@example.org", "Ada Augusta", "King", "+49", "0301234567" }, OK, OK },
    /* Empty optional fields are not sent; a number's own country code is. */
    { { "ada@example.org", "Ada", "  ", NULL, "+44 20 7946 0958" }, FALSE,
      { "ada@example.org", "Ada", NULL, "+44", "2079460958" }, OK, OK },
    { { "ada@example.org", "Ada", NULL, " ", "" }, FALSE,
      { "ada@example.org", "Ada", NULL, NULL, NULL }, OK, OK },
    /* The first field in error is named, and nothing changes. */
    { { "a,b@example.org", "", NULL, NULL, NULL }, FALSE,
      { "a,b@example.org", "", NULL, NULL, NULL }, ROSTER_CONTACT_FIELD_EMAIL, INVALID },
    { { "ada@example.org", " ", NULL, NULL, NULL }, FALSE,
      { "ada@example.org", " ", NULL, NULL, NULL }, ROSTER_CONTACT_FIELD_FIRST_NAME, MISSING },
    { { "ada@example.org", "Ada", NULL, NULL, NULL }, TRUE,
      { "ada@example.org", "Ada", NULL, NULL, NULL }, ROSTER_CONTACT_FIELD_LAST_NAME, MISSING },
    { { "ada@example.org", "Ada", NULL, "UK", NULL }, FALSE,
      { "ada@example.org", "Ada", NULL, "UK", NULL }, ROSTER_CONTACT_FIELD_COUNTRY_CODE, INVALID },
    { { "ada@example.org", "Ada", NULL, "+49", "+44 20 7946 0958" }, FALSE,
      { "ada@example.org", "Ada", NULL, "+49", "+44 20 7946 0958" }, ROSTER_CONTACT_FIELD_PHONE, CONFLICT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(RosterRegisterParams) params = person (people[i].in[0], people[i].in[1], people[i].in[2],
                                                       people[i].in[3], people[i].in[4]);
      g_autoptr(GError) error = NULL;
      RosterContactField field = (RosterContactField) -1;
      gboolean ok = roster_contact_normalise_person (params, people[i].last_required, &field, &error);

      g_test_message ("person %u", i);
      if (people[i].field == OK)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_cmpint (field, ==, people[i].field);
          g_assert_error (error, ROSTER_CONTACT_ERROR, people[i].code);
        }
      g_assert_cmpstr (params->email, ==, people[i].out[0]);
      g_assert_cmpstr (params->first_name, ==, people[i].out[1]);
      g_assert_cmpstr (params->last_name, ==, people[i].out[2]);
      g_assert_cmpstr (params->phone_country_code, ==, people[i].out[3]);
      g_assert_cmpstr (params->phone, ==, people[i].out[4]);
    }
}

/* ---- The import agrees ------------------------------------------------------------------------ */

static RosterImportPlan *
plan_for (const char *data)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_strdup (data), strlen (data), g_free);
  g_autoptr(RosterCsvReader) reader = roster_csv_reader_new_for_stream (stream, NULL);
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  RosterImportPlan *plan;

  roster_csv_reader_detect (reader, NULL, &error);
  g_assert_no_error (error);
  mapping = roster_import_mapping_guess (roster_csv_reader_get_header (reader));
  plan = roster_import_plan_new (reader, mapping, NULL, &error);
  g_assert_no_error (error);

  return plan;
}

static void
test_import_agrees (void)
{
  g_autoptr(RosterImportPlan) plan = plan_for ("Email,First Name,Phone Country Code,Phone\n"
                                               "\"a,b@example.org\",Ada,,\n"
                                               "ada@example.org,Ada,+49,030/1234567\n"
                                               "grace@example.org,Grace,49,+44 20 7946 0958\n");

  g_assert_cmpuint (roster_import_plan_get_n_rows (plan), ==, 3);

  /* As roster_contact_normalise_email says: not an email. */
  g_assert_false (roster_import_plan_get_row_status (plan, 0) == ROSTER_IMPORT_ROW_READY);
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 0), ==, ROSTER_IMPORT_ROW_INVALID);

  /* As roster_contact_normalise_phone says: digits. */
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 1), ==, ROSTER_IMPORT_ROW_READY);
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 1, ROSTER_IMPORT_FIELD_PHONE), ==, "0301234567");
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 1, ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE), ==, "+49");

  /* A number that carries another country code than the one beside it. */
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 2), ==, ROSTER_IMPORT_ROW_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contact/email/normalise", test_email);
  g_test_add_func ("/contact/email/length", test_email_long);
  g_test_add_func ("/contact/email/same-person", test_email_same);
  g_test_add_func ("/contact/name/normalise", test_names);
  g_test_add_func ("/contact/country-code/normalise", test_country_code);
  g_test_add_func ("/contact/phone/normalise", test_phone);
  g_test_add_func ("/contact/phone/split", test_phone_split);
  g_test_add_func ("/contact/person/normalise", test_person);
  g_test_add_func ("/contact/import-plan/agrees", test_import_agrees);

  return g_test_run ();
}
