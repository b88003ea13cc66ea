/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-mapping"

#include "config.h"

#include <string.h>

#include "roster-contact.h"
#include "roster-import-mapping.h"

struct _RosterImportMapping
{
  guint   n_columns;
  GStrv   names;                           /* the header, or NULL */
  int     columns[ROSTER_IMPORT_N_FIELDS]; /* -1: none */
  GPtrArray *extras;                       /* per column: label or NULL; grows with set_extra */
  char   *default_country_code;
  guint   tidy;                            /* RosterImportTidy; none until a front end asks */
  GHashTable *email_corrections;           /* suggestions the user accepted: before -> after */
};

G_DEFINE_BOXED_TYPE (RosterImportMapping, roster_import_mapping,
                     roster_import_mapping_copy, roster_import_mapping_free)

typedef struct
{
  const char        *alias;  /* normalised: alphanumerics only, accents stripped, casefolded */
  RosterImportField  field;
  guint              rank;   /* lower wins when several columns match one field */
} Alias;

/* "name" alone is special: a full name, except beside a first-name column with no last-name
 * column, where it is the family name (German forms: "Vorname", "Name"). */
#define PLAIN_NAME "name"

static const Alias aliases[] = {
  /* Email: Mailchimp "Email Address", HubSpot "Email", Google "E-mail 1 - Value", Outlook
   * "E-mail Address", German "E-Mail(-Adresse)", French "Courriel"/"Adresse e-mail", Spanish
   * "Correo (electrónico)". */
  { "email", ROSTER_IMPORT_FIELD_EMAIL, 0 },
  { "emailaddress", ROSTER_IMPORT_FIELD_EMAIL, 0 },
  { "email1value", ROSTER_IMPORT_FIELD_EMAIL, 0 },
  { "emailadresse", ROSTER_IMPORT_FIELD_EMAIL, 0 },
  { "mailadresse", ROSTER_IMPORT_FIELD_EMAIL, 0 },
  { "courriel", ROSTER_IMPORT_FIELD_EMAIL, 0 },
  { "adresseemail", ROSTER_IMPORT_FIELD_EMAIL, 0 },
  { "adressecourriel", ROSTER_IMPORT_FIELD_EMAIL, 0 },
  { "adresseelectronique", ROSTER_IMPORT_FIELD_EMAIL, 0 },
  { "adressemail", ROSTER_IMPORT_FIELD_EMAIL, 0 },
  { "correoelectronico", ROSTER_IMPORT_FIELD_EMAIL, 0 },
  { "correo", ROSTER_IMPORT_FIELD_EMAIL, 0 },
  { "direcciondecorreo", ROSTER_IMPORT_FIELD_EMAIL, 0 },
  { "direcciondecorreoelectronico", ROSTER_IMPORT_FIELD_EMAIL, 0 },
  { "primaryemail", ROSTER_IMPORT_FIELD_EMAIL, 0 },
  { "mail", ROSTER_IMPORT_FIELD_EMAIL, 1 },
  { "email1", ROSTER_IMPORT_FIELD_EMAIL, 1 },
  { "personalemail", ROSTER_IMPORT_FIELD_EMAIL, 1 },
  { "workemail", ROSTER_IMPORT_FIELD_EMAIL, 1 },
  { "email2value", ROSTER_IMPORT_FIELD_EMAIL, 2 },
  { "email2address", ROSTER_IMPORT_FIELD_EMAIL, 2 },
  { "email2", ROSTER_IMPORT_FIELD_EMAIL, 2 },
  { "email3value", ROSTER_IMPORT_FIELD_EMAIL, 3 },
  { "email3address", ROSTER_IMPORT_FIELD_EMAIL, 3 },

  /* First name */
  { "firstname", ROSTER_IMPORT_FIELD_FIRST_NAME, 0 },
  { "givenname", ROSTER_IMPORT_FIELD_FIRST_NAME, 0 },
  { "vorname", ROSTER_IMPORT_FIELD_FIRST_NAME, 0 },
  { "prenom", ROSTER_IMPORT_FIELD_FIRST_NAME, 0 },
  { "nombre", ROSTER_IMPORT_FIELD_FIRST_NAME, 0 },
  { "nombredepila", ROSTER_IMPORT_FIELD_FIRST_NAME, 0 },
  { "forename", ROSTER_IMPORT_FIELD_FIRST_NAME, 1 },
  { "first", ROSTER_IMPORT_FIELD_FIRST_NAME, 1 },
  { "fname", ROSTER_IMPORT_FIELD_FIRST_NAME, 1 },
  { "nome", ROSTER_IMPORT_FIELD_FIRST_NAME, 1 },
  { "voornaam", ROSTER_IMPORT_FIELD_FIRST_NAME, 1 },

  /* Last name */
  { "lastname", ROSTER_IMPORT_FIELD_LAST_NAME, 0 },
  { "familyname", ROSTER_IMPORT_FIELD_LAST_NAME, 0 },
  { "surname", ROSTER_IMPORT_FIELD_LAST_NAME, 0 },
  { "nachname", ROSTER_IMPORT_FIELD_LAST_NAME, 0 },
  { "familienname", ROSTER_IMPORT_FIELD_LAST_NAME, 0 },
  { "nomdefamille", ROSTER_IMPORT_FIELD_LAST_NAME, 0 },
  { "nom", ROSTER_IMPORT_FIELD_LAST_NAME, 0 },
  { "apellidos", ROSTER_IMPORT_FIELD_LAST_NAME, 0 },
  { "apellido", ROSTER_IMPORT_FIELD_LAST_NAME, 0 },
  { "last", ROSTER_IMPORT_FIELD_LAST_NAME, 1 },
  { "lname", ROSTER_IMPORT_FIELD_LAST_NAME, 1 },
  { "primerapellido", ROSTER_IMPORT_FIELD_LAST_NAME, 1 },
  { "cognome", ROSTER_IMPORT_FIELD_LAST_NAME, 1 },
  { "achternaam", ROSTER_IMPORT_FIELD_LAST_NAME, 1 },

  /* Full name */
  { "fullname", ROSTER_IMPORT_FIELD_FULL_NAME, 0 },
  { PLAIN_NAME, ROSTER_IMPORT_FIELD_FULL_NAME, 0 },
  { "displayname", ROSTER_IMPORT_FIELD_FULL_NAME, 1 },
  { "contactname", ROSTER_IMPORT_FIELD_FULL_NAME, 1 },
  { "yourname", ROSTER_IMPORT_FIELD_FULL_NAME, 1 },
  { "nomcomplet", ROSTER_IMPORT_FIELD_FULL_NAME, 0 },
  { "nombrecompleto", ROSTER_IMPORT_FIELD_FULL_NAME, 0 },
  { "nombreyapellidos", ROSTER_IMPORT_FIELD_FULL_NAME, 0 },
  { "vollstandigername", ROSTER_IMPORT_FIELD_FULL_NAME, 0 },
  { "vollername", ROSTER_IMPORT_FIELD_FULL_NAME, 0 },

  /* Phone country code */
  { "phonecountrycode", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 0 },
  { "countrycallingcode", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 0 },
  { "callingcode", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 0 },
  { "dialcode", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 0 },
  { "dialingcode", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 0 },
  { "landervorwahl", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 0 },
  { "laendervorwahl", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 0 },
  { "internationalevorwahl", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 0 },
  { "indicatif", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 0 },
  { "indicatifpays", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 0 },
  { "indicatiftelephonique", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 0 },
  { "indicatifinternational", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 0 },
  { "prefijo", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 0 },
  { "prefijotelefonico", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 0 },
  { "prefijointernacional", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 0 },
  { "prefijodepais", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 0 },
  { "countrycode", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 1 },
  { "phonecode", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 1 },
  { "vorwahl", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 1 },
  { "codigodepais", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 1 },
  { "codigopais", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 1 },

  /* Phone: the main number first, then mobiles, then the rest. */
  { "phone", ROSTER_IMPORT_FIELD_PHONE, 0 },
  { "phonenumber", ROSTER_IMPORT_FIELD_PHONE, 0 },
  { "phone1value", ROSTER_IMPORT_FIELD_PHONE, 0 },
  { "primaryphone", ROSTER_IMPORT_FIELD_PHONE, 0 },
  { "telephone", ROSTER_IMPORT_FIELD_PHONE, 0 },
  { "telephonenumber", ROSTER_IMPORT_FIELD_PHONE, 0 },
  { "numerodetelephone", ROSTER_IMPORT_FIELD_PHONE, 0 },
  { "telefon", ROSTER_IMPORT_FIELD_PHONE, 0 },
  { "telefonnummer", ROSTER_IMPORT_FIELD_PHONE, 0 },
  { "telefono", ROSTER_IMPORT_FIELD_PHONE, 0 },
  { "numerodetelefono", ROSTER_IMPORT_FIELD_PHONE, 0 },
  { "tel", ROSTER_IMPORT_FIELD_PHONE, 0 },
  { "mobilephonenumber", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "mobilephone", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "mobilenumber", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "mobile", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "cellphone", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "cellphonenumber", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "cell", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "handy", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "handynummer", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "mobil", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "mobilnummer", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "mobiltelefon", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "portable", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "telephoneportable", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "movil", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "telefonomovil", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "celular", ROSTER_IMPORT_FIELD_PHONE, 1 },
  { "businessphone", ROSTER_IMPORT_FIELD_PHONE, 2 },
  { "workphone", ROSTER_IMPORT_FIELD_PHONE, 2 },
  { "homephone", ROSTER_IMPORT_FIELD_PHONE, 2 },
  { "phone2value", ROSTER_IMPORT_FIELD_PHONE, 3 },
};

/* Names that merely contain one of these still count, below every exact alias
 * ("Your email (required)"). */
static const Alias partial_aliases[] = {
  { "email", ROSTER_IMPORT_FIELD_EMAIL, 10 },
  { "courriel", ROSTER_IMPORT_FIELD_EMAIL, 10 },
  { "correo", ROSTER_IMPORT_FIELD_EMAIL, 10 },
  { "firstname", ROSTER_IMPORT_FIELD_FIRST_NAME, 10 },
  { "vorname", ROSTER_IMPORT_FIELD_FIRST_NAME, 10 },
  { "prenom", ROSTER_IMPORT_FIELD_FIRST_NAME, 10 },
  { "lastname", ROSTER_IMPORT_FIELD_LAST_NAME, 10 },
  { "surname", ROSTER_IMPORT_FIELD_LAST_NAME, 10 },
  { "nachname", ROSTER_IMPORT_FIELD_LAST_NAME, 10 },
  { "apellido", ROSTER_IMPORT_FIELD_LAST_NAME, 10 },
  { "fullname", ROSTER_IMPORT_FIELD_FULL_NAME, 10 },
  { "countrycode", ROSTER_IMPORT_FIELD_PHONE_COUNTRY_CODE, 10 },
  { "phone", ROSTER_IMPORT_FIELD_PHONE, 11 },
  { "telefon", ROSTER_IMPORT_FIELD_PHONE, 11 },
  { "telephone", ROSTER_IMPORT_FIELD_PHONE, 11 },
  { "mobile", ROSTER_IMPORT_FIELD_PHONE, 12 },
};

/* The field's name in files and on the command line: "email", "first_name", …, "phone". */
const char *
roster_import_field_to_string (RosterImportField field)
{
  static const char * const names[ROSTER_IMPORT_N_FIELDS] = {
    "email", "first_name", "last_name", "full_name", "phone_country_code", "phone",
  };

  g_return_val_if_fail (field < ROSTER_IMPORT_N_FIELDS, NULL);

  return names[field];
}

/* Lower-case letters and digits only, accents removed: "E-Mail-Adresse" -> "emailadresse",
 * "Prénom" -> "prenom", "Apellido(s)" -> "apellidos". */
char *
roster_import_normalise_header (const char *name)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  GString *out;

  g_return_val_if_fail (name != NULL, NULL);

  valid = g_utf8_make_valid (name, -1);
  decomposed = g_utf8_normalize (valid, -1, G_NORMALIZE_ALL);
  out = g_string_new (NULL);
  if (decomposed != NULL)
    for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar ch = g_utf8_get_char (p);

        /* Combining accents are marks, not alphanumerics: dropping them strips accents. */
        if (g_unichar_isalnum (ch))
          g_string_append_unichar (out, ch);
      }

  {
    g_autofree char *folded = g_utf8_casefold (out->str, out->len);
    g_string_free (out, TRUE);
    /* Casefolding can compose again (ß -> ss is fine); normalise once more to be sure the
     * result compares byte for byte. */
    return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  }
}

/**
 * roster_import_header_signature:
 * @header: a file's header, as the reader gives it
 *
 * A stable name for a file layout, to remember a mapping by: each header name as
 * roster_import_normalise_header() folds it (case, accents, spaces, punctuation; a BOM is
 * none of those, so it goes too), in order — a mapping names columns by position, so the same
 * names in another order are another layout — hashed with SHA-256.  Empty names count, as
 * their columns do.
 *
 * Returns: "v1:" and 64 hex digits.
 */
char *
roster_import_header_signature (const char * const *header)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_return_val_if_fail (header != NULL, NULL);

  for (guint i = 0; header[i] != NULL; i++)
    {
      g_autofree char *name = roster_import_normalise_header (header[i]);

      /* A separator no folded name holds, so ("ab", "c") and ("a", "bc") differ. */
      g_checksum_update (checksum, (const guchar *) name, strlen (name));
      g_checksum_update (checksum, (const guchar *) "\x1f", 1);
    }

  return g_strconcat ("v1:", g_checksum_get_string (checksum), NULL);
}

static gboolean
match_alias (const char *normalised,
             Alias      *out)
{
  const Alias *best = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (normalised, aliases[i].alias))
      {
        *out = aliases[i];
        return TRUE;
      }

  for (guint i = 0; i < G_N_ELEMENTS (partial_aliases); i++)
    if (strstr (normalised, partial_aliases[i].alias) != NULL &&
        (best == NULL || partial_aliases[i].rank < best->rank))
      best = &partial_aliases[i];

  if (best == NULL)
    return FALSE;
  *out = *best;

  return TRUE;
}

RosterImportMapping *
roster_import_mapping_new (guint n_columns)
{
  RosterImportMapping *self = g_new0 (RosterImportMapping, 1);

  self->n_columns = n_columns;
  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    self->columns[i] = -1;
  self->extras = g_ptr_array_new_with_free_func (g_free);

  return self;
}

/* Guesses the mapping from the header row; a column feeds at most one field, the best
 * matching column (then the leftmost) wins each field. */
RosterImportMapping *
roster_import_mapping_guess (const char * const *header)
{
  RosterImportMapping *self;
  guint ranks[ROSTER_IMPORT_N_FIELDS];
  int plain_name_column = -1;
  guint n;

  g_return_val_if_fail (header != NULL, NULL);

  n = g_strv_length ((char **) header);
  self = roster_import_mapping_new (n);
  self->names = g_strdupv ((char **) header);

  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    ranks[i] = G_MAXUINT;

  for (guint column = 0; column < n; column++)
    {
      g_autofree char *normalised = roster_import_normalise_header (header[column]);
      Alias alias;

      if (normalised == NULL || normalised[0] == '\0' || !match_alias (normalised, &alias))
        continue;
      if (alias.rank < ranks[alias.field])
        {
          ranks[alias.field] = alias.rank;
          self->columns[alias.field] = column;
          if (alias.field == ROSTER_IMPORT_FIELD_FULL_NAME)
            plain_name_column = g_str_equal (normalised, PLAIN_NAME) ? (int) column : -1;
        }
    }

  if (plain_name_column >= 0 &&
      self->columns[ROSTER_IMPORT_FIELD_FIRST_NAME] >= 0 &&
      self->columns[ROSTER_IMPORT_FIELD_LAST_NAME] < 0)
    {
      self->columns[ROSTER_IMPORT_FIELD_LAST_NAME] = plain_name_column;
      self->columns[ROSTER_IMPORT_FIELD_FULL_NAME] = -1;
    }

  return self;
}

RosterImportMapping *
roster_import_mapping_copy (const RosterImportMapping *self)
{
  RosterImportMapping *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = roster_import_mapping_new (self->n_columns);
  copy->names = g_strdupv (self->names);
  memcpy (copy->columns, self->columns, sizeof self->columns);
  for (guint i = 0; i < self->extras->len; i++)
    g_ptr_array_add (copy->extras, g_strdup (g_ptr_array_index (self->extras, i)));
  copy->default_country_code = g_strdup (self->default_country_code);
  copy->tidy = self->tidy;
  if (self->email_corrections != NULL)
    {
      GHashTableIter iter;
      gpointer before, after;

      g_hash_table_iter_init (&iter, self->email_corrections);
      while (g_hash_table_iter_next (&iter, &before, &after))
        roster_import_mapping_set_email_correction (copy, before, after);
    }

  return copy;
}

void
roster_import_mapping_free (RosterImportMapping *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->names);
  g_ptr_array_unref (self->extras);
  g_free (self->default_country_code);
  g_clear_pointer (&self->email_corrections, g_hash_table_unref);
  g_free (self);
}

guint
roster_import_mapping_get_n_columns (const RosterImportMapping *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_columns;
}

/* The header's name for @column, or NULL. */
const char *
roster_import_mapping_get_column_name (const RosterImportMapping *self,
                                       guint                      column)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->names == NULL || column >= self->n_columns)
    return NULL;

  return self->names[column];
}

/* Returns the column feeding @field, or -1. */
int
roster_import_mapping_get_column (const RosterImportMapping *self,
                                  RosterImportField          field)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (field < ROSTER_IMPORT_N_FIELDS, -1);

  return self->columns[field];
}

/* @column -1 unmaps @field.  Columns past the header are allowed (rows may be wider). */
void
roster_import_mapping_set_column (RosterImportMapping *self,
                                  RosterImportField    field,
                                  int                  column)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (field < ROSTER_IMPORT_N_FIELDS);
  g_return_if_fail (column >= -1);

  self->columns[field] = column;
}

/* The custom registration field label @column is sent under, or NULL. */
const char *
roster_import_mapping_get_extra (const RosterImportMapping *self,
                                 guint                      column)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (column >= self->extras->len)
    return NULL;

  return g_ptr_array_index (self->extras, column);
}

/* Sends @column as the custom field @label (the webinar's label is the parameter name);
 * NULL stops sending it. */
void
roster_import_mapping_set_extra (RosterImportMapping *self,
                                 guint                column,
                                 const char          *label)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (column < 100000);

  if (column >= self->extras->len)
    {
      if (label == NULL)
        return;
      g_ptr_array_set_size (self->extras, column + 1);
    }
  g_free (g_ptr_array_index (self->extras, column));
  g_ptr_array_index (self->extras, column) = (label != NULL && label[0] != '\0') ? g_strdup (label) : NULL;
}

static gboolean
column_is_mapped (const RosterImportMapping *self,
                  guint                      column)
{
  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    if (self->columns[i] == (int) column)
      return TRUE;

  return FALSE;
}

/* Matches the webinar's custom field @labels against the header names of the columns that
 * feed no built-in field; returns how many it mapped. */
guint
roster_import_mapping_guess_extras (RosterImportMapping *self,
                                    const char * const  *labels)
{
  guint n_mapped = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (labels != NULL, 0);

  if (self->names == NULL)
    return 0;

  for (guint l = 0; labels[l] != NULL; l++)
    {
      g_autofree char *wanted = roster_import_normalise_header (labels[l]);

      if (wanted == NULL || wanted[0] == '\0')
        continue;
      for (guint column = 0; column < self->n_columns; column++)
        {
          g_autofree char *have = NULL;

          if (column_is_mapped (self, column) || roster_import_mapping_get_extra (self, column) != NULL)
            continue;
          have = roster_import_normalise_header (self->names[column]);
          if (g_strcmp0 (have, wanted) == 0)
            {
              roster_import_mapping_set_extra (self, column, labels[l]);
              n_mapped++;
              break;
            }
        }
    }

  return n_mapped;
}

/* Returns: (transfer full): the columns sent as extras, in column order. */
guint *
roster_import_mapping_dup_extra_columns (const RosterImportMapping *self,
                                         guint                     *n_extras)
{
  GArray *columns;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_extras != NULL, NULL);

  columns = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->extras->len; i++)
    if (g_ptr_array_index (self->extras, i) != NULL)
      g_array_append_val (columns, i);
  *n_extras = columns->len;

  return (guint *) g_array_free (columns, FALSE);
}

const char *
roster_import_mapping_get_default_country_code (const RosterImportMapping *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->default_country_code;
}

/* The code for rows whose phone has none, as "+44" (or "44", "0044"); NULL clears it.
 * Returns FALSE and changes nothing when @code is no country code. */
gboolean
roster_import_mapping_set_default_country_code (RosterImportMapping *self,
                                                const char          *code)
{
  char *normalised = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (code != NULL && code[0] != '\0')
    {
      normalised = roster_contact_normalise_country_code (code, NULL);
      if (normalised == NULL || *normalised == '\0')
        {
          g_free (normalised);
          return FALSE;
        }
    }
  g_free (self->default_country_code);
  self->default_country_code = normalised;

  return TRUE;
}

static char *
collapse_spaces (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* "Ada Lovelace" -> "Ada" + "Lovelace"; "Lovelace, Ada" -> "Ada" + "Lovelace"; one word is a
 * first name only (*last_name = NULL).  With more words the first is the first name and the
 * rest the family name, which keeps "Ludwig van Beethoven" and "Gabriel García Márquez" whole.
 * Returns FALSE (both NULL) when there is no name at all. */
gboolean
roster_import_split_full_name (const char  *full_name,
                               char       **first_name,
                               char       **last_name)
{
  g_autofree char *name = NULL;
  const char *comma, *space;

  g_return_val_if_fail (full_name != NULL, FALSE);
  g_return_val_if_fail (first_name != NULL, FALSE);
  g_return_val_if_fail (last_name != NULL, FALSE);

  *first_name = NULL;
  *last_name = NULL;

  name = collapse_spaces (full_name);
  comma = strchr (name, ',');
  if (comma != NULL)
    {
      g_autofree char *before = g_strstrip (g_strndup (name, comma - name));
      g_autofree char *after = g_strstrip (g_strdup (comma + 1));

      if (after[0] != '\0' && before[0] != '\0')
        {
          *first_name = g_steal_pointer (&after);
          *last_name = g_steal_pointer (&before);
          return TRUE;
        }
      /* "Lovelace," or ", Ada": whatever is there is the name. */
      name[comma - name] = ' ';
      g_strstrip (name);
    }

  if (name[0] == '\0')
    return FALSE;

  space = strchr (name, ' ');
  if (space == NULL)
    {
      *first_name = g_steal_pointer (&name);
      return TRUE;
    }

  *first_name = g_strndup (name, space - name);
  *last_name = g_strdup (space + 1);

  return TRUE;
}

/* The tidying (RosterImportTidy) the plan does: none for a new mapping, so a plan cleans
 * values as it always did until a front end turns the kinds on. */
guint
roster_import_mapping_get_tidy (const RosterImportMapping *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->tidy;
}

void
roster_import_mapping_set_tidy (RosterImportMapping *self,
                                guint                kinds)
{
  g_return_if_fail (self != NULL);

  self->tidy = kinds;
}

/* An email suggestion the user accepted: rows whose email is @before (as the plan tidied it)
 * are sent as @after.  NULL @after takes the acceptance back.  Never remembered. */
void
roster_import_mapping_set_email_correction (RosterImportMapping *self,
                                            const char          *before,
                                            const char          *after)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (before != NULL);

  if (after == NULL)
    {
      if (self->email_corrections != NULL)
        g_hash_table_remove (self->email_corrections, before);
      return;
    }
  if (self->email_corrections == NULL)
    self->email_corrections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (self->email_corrections, g_strdup (before), g_strdup (after));
}

/* The accepted correction of @email, or NULL. */
const char *
roster_import_mapping_get_email_correction (const RosterImportMapping *self,
                                            const char                *email)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (email != NULL, NULL);

  return self->email_corrections != NULL ? g_hash_table_lookup (self->email_corrections, email) : NULL;
}
