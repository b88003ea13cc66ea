/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-normalise"

#include "config.h"

#include "roster-contact.h"
#include "roster-country.h"
#include "roster-import-mapping.h"
#include "roster-import-plan.h"

/* The tidying an import proposes, before → after, one table per kind, and the second opinions
 * on emails: suggested domains and which addresses reach one mailbox. */

static void
test_strip_invisible (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "ada@example.org", "ada@example.org" },
    { "\xE2\x80\x8B" "ada@example.org\xC2\xA0", "ada@example.org" },  /* zero-width space, NBSP */
    { "\xEF\xBB\xBF" "Ada", "Ada" },                                     /* BOM */
    { " Ada\xE2\x80\xAF", "Ada" },                                        /* narrow NBSP */
    { "a\xE2\x80\x8D" "b\xC2\xAD" "c", "abc" },                            /* joiner, soft hyphen */
    { "\t Ada Lovelace \r\n", "Ada Lovelace" },
    { "Ada\xC2\xA0Lovelace", "Ada\xC2\xA0Lovelace" },                      /* inside: a space */
    { "", "" },
    { "\xFF" "bad", "\xFF" "bad" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = roster_contact_strip_invisible (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_lower_email_domain (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "Ada@Example.ORG", "Ada@example.org" },
    { "ada@gmail.com", "ada@gmail.com" },
    { "ZOË@EXÄMPLE.ORG", "ZOË@exämple.org" },
    { "no-at-sign", "no-at-sign" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = roster_contact_lower_email_domain (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_title_case (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "ADA LOVELACE", "Ada Lovelace" },
    { "MCDONALD", "McDonald" },
    { "MACK", "Mack" },
    { "O'NEIL", "O'Neil" },
    { "JEAN-LUC", "Jean-Luc" },
    { "VAN DER BERG", "Van der Berg" },
    { "JAN VAN DER BERG", "Jan van der Berg" },
    { "DE LA CRUZ", "De la Cruz" },
    { "ZOË ÉMILE", "Zoë Émile" },
    { "Ada", NULL },          /* typed in mixed case: theirs */
    { "ADA lovelace", NULL },
    { "van der Berg", NULL },
    { "123", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = roster_contact_title_case_name (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

/* National numbers as people write them in each country, completed from the default country;
 * international ones as they are. */
static void
test_phone (void)
{
  static const struct { const char *in; const char *cc; const char *out_cc; const char *out; } cases[] = {
    { "0151 1234 5678",     "+49", "+49", "15112345678" },   /* DE mobile */
    { "030/123456",         "+49", "+49", "30123456" },
    { "15112345678",        "+49", "+49", "15112345678" },   /* the 0 a spreadsheet dropped */
    { "+49 (0)30 123456",   NULL,  "+49", "30123456" },
    { "+49 030 123456",     NULL,  "+49", "30123456" },
    { "0049 30 123456",     "+44", "+49", "30123456" },      /* its own code wins */
    { "0664 123 4567",      "+43", "+43", "6641234567" },    /* AT */
    { "044 668 18 00",      "+41", "+41", "446681800" },     /* CH */
    { "020 7946 0018",      "+44", "+44", "2079460018" },    /* GB */
    { "07700 900123",       "+44", "+44", "7700900123" },
    { "06 12 34 56 78",     "+33", "+33", "612345678" },     /* FR */
    { "06 1234 5678",       "+39", "+39", "0612345678" },    /* IT keeps its 0 */
    { "+39 06 1234 5678",   NULL,  "+39", "0612345678" },
    { "612 34 56 78",       "+34", "+34", "612345678" },     /* ES: no trunk prefix */
    { "06-12345678",        "+31", "+31", "612345678" },     /* NL */
    { "(555) 010-0199",     "+1",  "+1",  "5550100199" },    /* US */
    { "1-555-010-0199",     "+1",  "+1",  "5550100199" },
    { "(011) 91234-5678",   "+55", "+55", "11912345678" },   /* BR */
    { "098765 43210",       "+91", "+91", "9876543210" },    /* IN */
    { "0412 345 678",       "+61", "+61", "412345678" },     /* AU */
    { "8 (495) 123-45-67",  "+7",  "+7",  "4951234567" },    /* RU: trunk 8 */
    { "06 1 234 5678",      "+36", "+36", "12345678" },      /* HU: trunk 06 */
    { "02 1234 5678",       "+45", "+45", "0212345678" },    /* DK: no trunk, nothing cut */
    { "030 123456",         NULL,  "",    "030123456" },     /* no country known */
    { "030 123456",         "+999", "+999", "030123456" },   /* a code the table lacks */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char cc[ROSTER_CONTACT_COUNTRY_CODE_SIZE];
      char digits[ROSTER_CONTACT_PHONE_SIZE];

      g_test_message ("%s", cases[i].in);
      g_assert_true (roster_contact_complete_phone (cases[i].in, cases[i].cc, cc, digits));
      g_assert_cmpstr (cc, ==, cases[i].out_cc);
      g_assert_cmpstr (digits, ==, cases[i].out);
    }
}

static void
test_phone_invalid (void)
{
  static const char *const cases[] = { "call me", "123", "+49 151 1234 x12", "" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char cc[ROSTER_CONTACT_COUNTRY_CODE_SIZE];
      char digits[ROSTER_CONTACT_PHONE_SIZE];

      g_assert_false (roster_contact_complete_phone (cases[i], "+49", cc, digits));
    }
}

static void
test_country_to_code (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "Germany", "+49" }, { "Deutschland", "+49" }, { "DE", "+49" }, { " de ", "+49" },
    { "Österreich", "+43" }, { "Austria", "+43" }, { "Schweiz", "+41" }, { "CH", "+41" },
    { "United Kingdom", "+44" }, { "UK", "+44" }, { "Großbritannien", "+44" },
    { "Vereinigte Staaten", "+1" }, { "USA", "+1" }, { "Italien", "+39" }, { "Spain", "+34" },
    { "Frankreich", "+33" }, { "Brasilien", "+55" }, { "India", "+91" },
    { "+49", "+49" }, { "0049", "+49" }, { "44", "+44" },
    { "Narnia", NULL }, { "XX", NULL }, { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = roster_contact_country_to_code (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_country_locale (void)
{
  static const struct { const char *locale; const char *iso; } cases[] = {
    { "de_AT.UTF-8", "AT" }, { "en_GB", "GB" }, { "pt_BR.UTF-8@x", "BR" }, { "it_IT@euro", "IT" },
    { "C.UTF-8", NULL }, { "POSIX", NULL }, { "de", NULL }, { "sr_RS@latin", NULL }, { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const RosterCountry *country = roster_country_for_locale (cases[i].locale);
      g_assert_cmpstr (country != NULL ? country->iso : NULL, ==, cases[i].iso);
    }

  g_unsetenv ("LC_ALL");
  g_setenv ("LC_TELEPHONE", "de_CH.UTF-8", TRUE);
  g_setenv ("LANG", "en_US.UTF-8", TRUE);
  g_assert_cmpstr (roster_country_guess_from_environment ()->iso, ==, "CH");
  g_unsetenv ("LC_TELEPHONE");
  g_setenv ("LC_ADDRESS", "fr_FR.UTF-8", TRUE);
  g_assert_cmpstr (roster_country_guess_from_environment ()->iso, ==, "FR");
  g_unsetenv ("LC_ADDRESS");
  g_assert_cmpstr (roster_country_guess_from_environment ()->iso, ==, "US");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_assert_null (roster_country_guess_from_environment ());
}

static void
test_email_suggestion (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "ada@gmial.com", "ada@gmail.com" },
    { "ada@gmai.com", "ada@gmail.com" },
    { "ada@gamil.com", "ada@gmail.com" },
    { "ada@gmal.com", "ada@gmail.com" },         /* one slip from a popular domain */
    { "Ada@GMIAL.COM", "Ada@gmail.com" },
    { "ada@hotmial.com", "ada@hotmail.com" },
    { "ada@yaho.com", "ada@yahoo.com" },
    { "ada@outlok.com", "ada@outlook.com" },
    { "ada@wbe.de", "ada@web.de" },
    { "bob@example.con", "bob@example.com" },
    { "bob@example.cmo", "bob@example.com" },
    { "bob@example.ogr", "bob@example.org" },
    { "ada@gmail.com", NULL },
    { "ada@mail.com", NULL },                     /* real, though close to gmail.com */
    { "ada@ymail.com", NULL },
    { "ada@gmx.de", NULL },
    { "ada@example.org", NULL },
    { "ada@con", NULL },
    { "no-at-sign", NULL },
    { "@gmial.com", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = roster_contact_suggest_email (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_mailbox_key (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "ada@gmail.com", "ada@gmail.com" },
    { "A.Da+news@googlemail.com", "ada@gmail.com" },
    { "a.d.a@Gmail.com", "ada@gmail.com" },
    { "ada+x+y@gmail.com", "ada@gmail.com" },
    { "a.da@example.org", "a.da@example.org" },    /* other providers: only case */
    { "Ada+x@Example.org", "ada+x@example.org" },
    { "no-at-sign", "no-at-sign" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = roster_contact_email_mailbox_key (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_header_signature (void)
{
  static const char *const a[] = { "E-Mail", "First Name", NULL };
  static const char *const b[] = { "\xEF\xBB\xBF" "e mail ", "first_name", NULL };
  static const char *const reversed[] = { "First Name", "E-Mail", NULL };
  static const char *const split1[] = { "ab", "c", NULL };
  static const char *const split2[] = { "a", "bc", NULL };
  static const char *const more[] = { "E-Mail", "First Name", "", NULL };
  g_autofree char *sa = roster_import_header_signature (a);
  g_autofree char *sb = roster_import_header_signature (b);
  g_autofree char *sr = roster_import_header_signature (reversed);
  g_autofree char *s1 = roster_import_header_signature (split1);
  g_autofree char *s2 = roster_import_header_signature (split2);
  g_autofree char *sm = roster_import_header_signature (more);

  /* Stable across versions: remembered mappings are stored under it. */
  g_assert_cmpstr (sa, ==, "v1:95d973d166afcadd1e279ce46d5dd4a8353b60295965466617bb7fde8ca518b4");
  g_assert_cmpstr (sa, ==, sb);
  g_assert_cmpstr (sa, !=, sr);
  g_assert_cmpstr (s1, !=, s2);
  g_assert_cmpstr (sa, !=, sm);
}

/* @csv read with the guessed mapping; @before and @after: an accepted email suggestion. */
static RosterImportPlan *
plan_accepting (const char *csv,
                guint       tidy,
                const char *default_country_code,
                const char *before,
                const char *after)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_strdup (csv), -1, g_free);
  g_autoptr(RosterCsvReader) reader = roster_csv_reader_new_for_stream (stream, NULL);
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  RosterImportPlan *plan;

  roster_csv_reader_detect (reader, NULL, &error);
  g_assert_no_error (error);
  mapping = roster_import_mapping_guess (roster_csv_reader_get_header (reader));
  roster_import_mapping_set_tidy (mapping, tidy);
  if (before != NULL)
    roster_import_mapping_set_email_correction (mapping, before, after);
  if (default_country_code != NULL)
    g_assert_true (roster_import_mapping_set_default_country_code (mapping, default_country_code));
  plan = roster_import_plan_new (reader, mapping, NULL, &error);
  g_assert_no_error (error);

  return plan;
}

static RosterImportPlan *
plan_for (const char *csv,
          guint       tidy,
          const char *default_country_code)
{
  return plan_accepting (csv, tidy, default_country_code, NULL, NULL);
}

static char *
changes_of (RosterImportPlan *plan)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < roster_import_plan_get_n_changes (plan); i++)
    {
      const RosterImportChange *change = roster_import_plan_get_change (plan, i);

      g_string_append_printf (out, "%u:%s→%s%s\n", change->line, change->before, change->after,
                              change->applied ? "" : "?");
    }

  return g_string_free (out, FALSE);
}

#define CSV \
  "Email,Name,Phone Country Code,Phone\n" \
  "\xE2\x80\x8B" "Ada@Example.ORG ,ADA LOVELACE,Deutschland,0151 1234 5678\n" \
  "bob@gmial.com,Bob Brown,,030 123456\n" \
  "cy@example.org,Cy,Italien,06 1234 5678\n"

/* The safe kinds change what is sent and list each change; title case only when asked. */
static void
test_plan_tidy (void)
{
  g_autoptr(RosterImportPlan) plan = plan_for (CSV, ROSTER_IMPORT_TIDY_SAFE, "+44");
  g_autofree char *changes = changes_of (plan);

  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_READY), ==, 3);
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 0, ROSTER_IMPORT_FIELD_EMAIL), ==, "Ada@example.org");
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 0, ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE), ==, "+49");
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 0, ROSTER_IMPORT_FIELD_PHONE), ==, "15112345678");
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 0, ROSTER_IMPORT_FIELD_FIRST_NAME), ==, "ADA");
  /* The default country where the row names none. */
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 1, ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE), ==, "+44");
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 1, ROSTER_IMPORT_FIELD_PHONE), ==, "30123456");
  /* A suggestion is listed, not applied. */
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 1, ROSTER_IMPORT_FIELD_EMAIL), ==, "bob@gmial.com");
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 2, ROSTER_IMPORT_FIELD_PHONE), ==, "0612345678");
  g_assert_cmpstr (changes, ==,
                   "2:\xE2\x80\x8B" "Ada@Example.ORG →Ada@example.org\n"
                   "2:Deutschland→+49\n"
                   "2:ADA LOVELACE→ADA\n"
                   "2:ADA LOVELACE→LOVELACE\n"
                   "2:0151 1234 5678→+49 15112345678\n"
                   "3:Bob Brown→Bob\n"
                   "3:Bob Brown→Brown\n"
                   "3:bob@gmial.com→bob@gmail.com?\n"
                   "3:030 123456→+44 30123456\n"
                   "4:Italien→+39\n"
                   "4:Cy→Cy\n"
                   "4:Cy→\n"
                   "4:06 1234 5678→+39 0612345678\n");
}

static void
test_plan_tidy_title_case (void)
{
  g_autoptr(RosterImportPlan) plan = plan_for (CSV, ROSTER_IMPORT_TIDY_SAFE | ROSTER_IMPORT_TIDY_TITLE_CASE, NULL);

  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 0, ROSTER_IMPORT_FIELD_FIRST_NAME), ==, "Ada");
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 0, ROSTER_IMPORT_FIELD_LAST_NAME), ==, "Lovelace");
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 1, ROSTER_IMPORT_FIELD_FIRST_NAME), ==, "Bob");
}

/* Switched off, a plan cleans as it always did: the file's country names are errors. */
static void
test_plan_tidy_off (void)
{
  g_autoptr(RosterImportPlan) plan = plan_for (CSV, ROSTER_IMPORT_TIDY_NONE, "+44");

  g_assert_cmpuint (roster_import_plan_get_n_changes (plan), ==, 0);
  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_INVALID), ==, 2);
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 1, ROSTER_IMPORT_FIELD_PHONE), ==, "030123456");
}

/* Gmail's dots and +tags: a warning on a row still sent; an exact duplicate stays one. */
static void
test_plan_same_mailbox (void)
{
  g_autoptr(RosterImportPlan) plan = plan_for ("Email,First Name\n"
                                               "ada.lovelace@gmail.com,Ada\n"
                                               "AdaLovelace+news@googlemail.com,Ada\n"
                                               "ada.lovelace@gmail.com,Ada\n"
                                               "a.da@example.org,A\n"
                                               "ada@example.org,A\n",
                                               ROSTER_IMPORT_TIDY_SAFE, NULL);
  const RosterImportProblem *problems;

  g_assert_cmpint (roster_import_plan_get_row_status (plan, 1), ==, ROSTER_IMPORT_ROW_READY);
  g_assert_cmpuint (roster_import_plan_get_row_problems (plan, 1, &problems), ==, 1);
  g_assert_cmpint (problems[0].severity, ==, ROSTER_IMPORT_SEVERITY_WARNING);
  g_assert_cmpstr (problems[0].message, ==, "Line 3: “AdaLovelace+news@googlemail.com” may reach the same mailbox as line 2");
  g_assert_cmpint (roster_import_plan_get_row_status (plan, 2), ==, ROSTER_IMPORT_ROW_DUPLICATE);
  g_assert_cmpuint (roster_import_plan_get_row_problems (plan, 4, &problems), ==, 0);
  g_assert_cmpuint (roster_import_plan_get_count (plan, ROSTER_IMPORT_ROW_READY), ==, 4);
}

/* An accepted suggestion is sent and listed as applied; the others stay suggestions. */
static void
test_plan_accepted_suggestion (void)
{
  g_autoptr(RosterImportPlan) plan = plan_accepting ("Email,First Name\n"
                                                     "bob@gmial.com,Bob\n"
                                                     "cy@hotmial.com,Cy\n",
                                                     ROSTER_IMPORT_TIDY_SAFE, NULL, "bob@gmial.com", "bob@gmail.com");
  g_autofree char *changes = changes_of (plan);

  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 0, ROSTER_IMPORT_FIELD_EMAIL), ==, "bob@gmail.com");
  g_assert_cmpstr (roster_import_plan_get_row_value (plan, 1, ROSTER_IMPORT_FIELD_EMAIL), ==, "cy@hotmial.com");
  g_assert_cmpstr (changes, ==, "2:bob@gmial.com→bob@gmail.com\n3:cy@hotmial.com→cy@hotmail.com?\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/normalise/trim/invisible-characters", test_strip_invisible);
  g_test_add_func ("/normalise/email/lower-case-domain", test_lower_email_domain);
  g_test_add_func ("/normalise/name/title-case-all-caps", test_title_case);
  g_test_add_func ("/normalise/phone/national-completed", test_phone);
  g_test_add_func ("/normalise/phone/invalid-refused", test_phone_invalid);
  g_test_add_func ("/normalise/country/name-to-code", test_country_to_code);
  g_test_add_func ("/normalise/country/from-locale", test_country_locale);
  g_test_add_func ("/normalise/email/suggested-domain", test_email_suggestion);
  g_test_add_func ("/normalise/email/mailbox-key", test_mailbox_key);
  g_test_add_func ("/normalise/header/signature", test_header_signature);
  g_test_add_func ("/normalise/plan/accepted-suggestion-sent", test_plan_accepted_suggestion);

  g_test_add_func ("/normalise/plan/safe-kinds-applied-and-listed", test_plan_tidy);
  g_test_add_func ("/normalise/plan/title-case-when-asked", test_plan_tidy_title_case);
  g_test_add_func ("/normalise/plan/off-as-before", test_plan_tidy_off);
  g_test_add_func ("/normalise/plan/same-gmail-mailbox-warned", test_plan_same_mailbox);

  return g_test_run ();
}
