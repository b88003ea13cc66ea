/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "roster-error.h"
#include "roster-json-private.h"

typedef enum
{
  PRESCAN_OK,
  PRESCAN_INVALID,
  PRESCAN_TOO_DEEP,
} PrescanResult;

/* json-glib silently wraps integers that do not fit in 64 bits (99999999999999999999 reads as
 * -1) and recurses without limit on nesting.  So the text is checked first: nesting deeper than
 * ROSTER_JSON_MAX_DEPTH is refused, and every integer literal out of range gets ".0" appended,
 * which makes it a double that the readers below refuse as an integer.
 *
 * json-glib's lexer also takes things that are not JSON: 'single-quoted strings', comments,
 * hex numbers.  A quote inside those would make this scan lose track of what is a string and
 * miss the nesting, so outside double-quoted strings only strict JSON characters pass.
 * *rewritten is set only when a literal had to change. */
static PrescanResult
roster_json_prescan (const char  *data,
                     gsize        length,
                     GString    **rewritten)
{
  static const char allowed[] = " \t\r\n{}[],:-+.0123456789eE" "truefalsn";
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  guint depth = 0;
  gsize copied = 0;
  gsize i = 0;

  *rewritten = NULL;

  while (i < length)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          i++;
          continue;
        }

      if (c == '"')
        {
          in_string = TRUE;
          i++;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > ROSTER_JSON_MAX_DEPTH)
            {
              if (*rewritten != NULL)
                g_string_free (g_steal_pointer (rewritten), TRUE);
              return PRESCAN_TOO_DEEP;
            }
          i++;
        }
      else if (c == ']' || c == '}')
        {
          if (depth > 0)
            depth--;
          i++;
        }
      else if ((c == '-' || g_ascii_isdigit (c)) &&
               (i == 0 || !(g_ascii_isalnum (data[i - 1]) || data[i - 1] == '_' ||
                            data[i - 1] == '.' || data[i - 1] == '+' || data[i - 1] == '-')))
        {
          gsize start = i;
          gboolean integer = TRUE;
          gsize n_digits = 0;

          i++;
          while (i < length &&
                 (g_ascii_isdigit (data[i]) || data[i] == '.' || data[i] == 'e' ||
                  data[i] == 'E' || data[i] == '+' || data[i] == '-'))
            {
              if (!g_ascii_isdigit (data[i]))
                integer = FALSE;
              i++;
            }

          n_digits = i - start - (c == '-' ? 1 : 0);

          if (integer && n_digits >= 19)
            {
              g_autofree char *literal = g_strndup (data + start, i - start);
              gint64 v;

              if (!g_ascii_string_to_signed (literal, 10, G_MININT64, G_MAXINT64, &v, NULL))
                {
                  if (*rewritten == NULL)
                    *rewritten = g_string_sized_new (length + 16);
                  g_string_append_len (*rewritten, data + copied, i - copied);
                  g_string_append (*rewritten, ".0");
                  copied = i;
                }
            }
        }
      else if (c != '\0' && strchr (allowed, c) != NULL)
        {
          i++;
        }
      else
        {
          if (*rewritten != NULL)
            g_string_free (g_steal_pointer (rewritten), TRUE);
          return PRESCAN_INVALID;
        }
    }

  if (*rewritten != NULL)
    g_string_append_len (*rewritten, data + copied, length - copied);

  return PRESCAN_OK;
}

/* Parses a body into a root node.  Errors: ROSTER_API_ERROR_SERVER when the text is not JSON
 * at all (empty, bad UTF-8, NUL bytes, syntax), ROSTER_API_ERROR_PROTOCOL when it is nested
 * absurdly deep.  The messages never quote the body. */
gboolean
roster_json_parse (const char  *data,
                   gsize        length,
                   JsonNode   **root,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) rewritten = NULL;
  JsonNode *node;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (root != NULL, FALSE);

  *root = NULL;

  if (length > G_MAXSSIZE || !g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER,
                           _("The server’s answer is not valid text"));
      return FALSE;
    }

  switch (roster_json_prescan (data, length, &rewritten))
    {
    case PRESCAN_OK:
      break;
    case PRESCAN_TOO_DEEP:
      g_set_error_literal (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL,
                           _("The server’s answer is nested too deeply"));
      return FALSE;
    case PRESCAN_INVALID:
    default:
      g_set_error_literal (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER,
                           _("The server’s answer is not valid JSON"));
      return FALSE;
    }

  if (rewritten != NULL)
    {
      data = rewritten->str;
      length = rewritten->len;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, NULL) ||
      (node = json_parser_get_root (parser)) == NULL)
    {
      g_set_error_literal (error, ROSTER_API_ERROR, ROSTER_API_ERROR_SERVER,
                           _("The server’s answer is not valid JSON"));
      return FALSE;
    }

  *root = json_node_copy (node);
  return TRUE;
}

void
roster_json_set_type_error (GError     **error,
                            const char  *member)
{
  /* Translators: %s is the name of a field in the server's JSON answer. */
  g_set_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL,
               _("The server’s answer has an unexpected “%s” value"), member);
}

void
roster_json_set_missing_error (GError     **error,
                               const char  *member)
{
  /* Translators: %s is the name of a field in the server's JSON answer. */
  g_set_error (error, ROSTER_API_ERROR, ROSTER_API_ERROR_PROTOCOL,
               _("The server’s answer lacks “%s”"), member);
}

JsonObject *
roster_json_node_get_object (JsonNode    *node,
                             const char  *what,
                             GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      roster_json_set_type_error (error, what);
      return NULL;
    }

  return json_node_get_object (node);
}

/* A JSON integer, an integral double in range, or a string of digits. */
gboolean
roster_json_node_to_int64 (JsonNode *node,
                           gint64   *value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  else if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* ±2^63 are exact as doubles.  -2^63 itself is refused too: an overflowing integer
       * literal such as -9223372036854775809 becomes a double that rounds to it. */
      if (!isfinite (d) || d != floor (d) ||
          d <= -9223372036854775808.0 || d >= 9223372036854775808.0)
        return FALSE;

      *value = (gint64) d;
      return TRUE;
    }
  else if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      g_autofree char *copy = NULL;

      if (s == NULL)
        return FALSE;

      copy = g_strstrip (g_strdup (s));

      /* g_ascii_string_to_signed() takes a leading '+' but not a lone sign. */
      if (copy[0] == '+')
        return FALSE;

      return g_ascii_string_to_signed (copy, 10, G_MININT64, G_MAXINT64, value, NULL);
    }

  return FALSE;
}

static gboolean
node_is_empty_string (JsonNode *node)
{
  const char *s;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  s = json_node_get_string (node);
  while (s != NULL && g_ascii_isspace (*s))
    s++;

  return s == NULL || *s == '\0';
}

/* Returns the member's node, or NULL for absent and null.  With ROSTER_JSON_REQUIRED an absent
 * or null member sets @error and *failed. */
static JsonNode *
lookup (JsonObject      *object,
        const char      *member,
        RosterJsonFlags  flags,
        gboolean        *failed,
        GError         **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *failed = FALSE;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (flags & ROSTER_JSON_REQUIRED)
        {
          roster_json_set_missing_error (error, member);
          *failed = TRUE;
        }
      return NULL;
    }

  return node;
}

/* Absent, null or "" leave *value untouched, so callers preset the default. */
gboolean
roster_json_get_int64 (JsonObject       *object,
                       const char       *member,
                       RosterJsonFlags   flags,
                       gint64           *value,
                       GError          **error)
{
  gboolean failed;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  node = lookup (object, member, flags, &failed, error);
  if (node == NULL)
    return !failed;

  if (node_is_empty_string (node))
    {
      if (flags & ROSTER_JSON_REQUIRED)
        {
          roster_json_set_missing_error (error, member);
          return FALSE;
        }
      return TRUE;
    }

  if (!roster_json_node_to_int64 (node, value))
    {
      roster_json_set_type_error (error, member);
      return FALSE;
    }

  return TRUE;
}

gboolean
roster_json_get_id (JsonObject       *object,
                    const char       *member,
                    RosterJsonFlags   flags,
                    gint64           *value,
                    GError          **error)
{
  gint64 v = *value;

  if (!roster_json_get_int64 (object, member, flags, &v, error))
    return FALSE;

  /* Absent members leave the caller's default, which may be negative ("unknown"). */
  if (v < 0 && v != *value)
    {
      roster_json_set_type_error (error, member);
      return FALSE;
    }

  *value = v;
  return TRUE;
}

gboolean
roster_json_get_double (JsonObject       *object,
                        const char       *member,
                        RosterJsonFlags   flags,
                        double           *value,
                        GError          **error)
{
  gboolean failed;
  JsonNode *node;
  GType type;
  double d;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  node = lookup (object, member, flags, &failed, error);
  if (node == NULL)
    return !failed;

  if (node_is_empty_string (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node))
    goto wrong_type;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    d = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    d = json_node_get_double (node);
  else if (type == G_TYPE_STRING)
    {
      g_autofree char *copy = g_strstrip (g_strdup (json_node_get_string (node)));
      char *end = NULL;

      /* Money may come as "12.50"; g_ascii_strtod() ignores the user's locale. */
      d = g_ascii_strtod (copy, &end);
      if (end == copy || *end != '\0')
        goto wrong_type;
    }
  else
    goto wrong_type;

  if (!isfinite (d))
    goto wrong_type;

  *value = d;
  return TRUE;

wrong_type:
  roster_json_set_type_error (error, member);
  return FALSE;
}

gboolean
roster_json_get_string (JsonObject       *object,
                        const char       *member,
                        RosterJsonFlags   flags,
                        char            **value,
                        GError          **error)
{
  gboolean failed;
  JsonNode *node;
  GType type;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  *value = NULL;

  node = lookup (object, member, flags, &failed, error);
  if (node == NULL)
    return !failed;

  if (!JSON_NODE_HOLDS_VALUE (node))
    goto wrong_type;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);

      if ((flags & ROSTER_JSON_EMPTY_IS_NULL) && node_is_empty_string (node))
        return TRUE;

      *value = g_strdup (s);
      return TRUE;
    }
  else if ((flags & ROSTER_JSON_NUMBER_AS_TEXT) &&
           (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE))
    {
      *value = roster_json_node_to_text (node);
      return TRUE;
    }

wrong_type:
  roster_json_set_type_error (error, member);
  return FALSE;
}

gboolean
roster_json_parse_flag (const char *text,
                        RosterFlag *value)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    {
      *value = ROSTER_FLAG_UNKNOWN;
      return TRUE;
    }

  copy = g_strstrip (g_strdup (text));

  if (copy[0] == '\0')
    *value = ROSTER_FLAG_UNKNOWN;
  else if (g_ascii_strcasecmp (copy, "yes") == 0 ||
           g_ascii_strcasecmp (copy, "true") == 0 ||
           g_strcmp0 (copy, "1") == 0)
    *value = ROSTER_FLAG_YES;
  else if (g_ascii_strcasecmp (copy, "no") == 0 ||
           g_ascii_strcasecmp (copy, "false") == 0 ||
           g_strcmp0 (copy, "0") == 0)
    *value = ROSTER_FLAG_NO;
  else
    return FALSE;

  return TRUE;
}

/* "Yes"/"No" (any case), 0/1, true/false, null, absent. */
gboolean
roster_json_get_flag (JsonObject  *object,
                      const char  *member,
                      RosterFlag  *value,
                      GError     **error)
{
  gboolean failed;
  JsonNode *node;
  GType type;
  gint64 n;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  *value = ROSTER_FLAG_UNKNOWN;

  node = lookup (object, member, ROSTER_JSON_OPTIONAL, &failed, error);
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node))
    goto wrong_type;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    {
      *value = json_node_get_boolean (node) ? ROSTER_FLAG_YES : ROSTER_FLAG_NO;
      return TRUE;
    }
  else if (type == G_TYPE_STRING)
    {
      if (roster_json_parse_flag (json_node_get_string (node), value))
        return TRUE;
    }
  else if (roster_json_node_to_int64 (node, &n) && (n == 0 || n == 1))
    {
      *value = n == 1 ? ROSTER_FLAG_YES : ROSTER_FLAG_NO;
      return TRUE;
    }

wrong_type:
  roster_json_set_type_error (error, member);
  return FALSE;
}

/* A scalar's text as the API sent it: strings as they are, numbers in C notation. */
char *
roster_json_node_to_text (JsonNode *node)
{
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();

      json_generator_set_root (generator, node);
      return json_generator_to_data (generator, NULL);
    }

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  else if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
    }
  else if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");

  return NULL;
}

/* A member that is text or a number: *raw gets its text (NULL when absent, null or blank), and
 * *number the number when it is one. */
static gboolean
lookup_text_or_number (JsonObject  *object,
                       const char  *member,
                       char       **raw,
                       gint64      *number,
                       gboolean    *is_number,
                       GError     **error)
{
  gboolean failed;
  JsonNode *node;
  GType type;

  *raw = NULL;
  *is_number = FALSE;

  node = lookup (object, member, ROSTER_JSON_OPTIONAL, &failed, error);
  if (node == NULL || node_is_empty_string (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      type = json_node_get_value_type (node);
      if (type == G_TYPE_STRING)
        {
          *raw = g_strdup (json_node_get_string (node));
          return TRUE;
        }
      if ((type == G_TYPE_INT64 || type == G_TYPE_DOUBLE) && roster_json_node_to_int64 (node, number))
        {
          *raw = g_strdup_printf ("%" G_GINT64_FORMAT, *number);
          *is_number = TRUE;
          return TRUE;
        }
    }

  roster_json_set_type_error (error, member);
  return FALSE;
}

/* Dates: formatted text, Unix integers, or null.  *raw keeps the text (an integer becomes its
 * digits), *unix_time the parsed time or -1. */
gboolean
roster_json_get_date (JsonObject  *object,
                      const char  *member,
                      char       **raw,
                      gint64      *unix_time,
                      GError     **error)
{
  gboolean is_number;
  gint64 n = 0;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (raw != NULL, FALSE);

  if (unix_time != NULL)
    *unix_time = -1;

  if (!lookup_text_or_number (object, member, raw, &n, &is_number, error))
    return FALSE;

  /* 0 is how such APIs say "never". */
  if (*raw != NULL && unix_time != NULL)
    *unix_time = is_number ? (n > 0 ? n : -1) : roster_json_parse_date (*raw);
  return TRUE;
}

gboolean
roster_json_get_duration (JsonObject  *object,
                          const char  *member,
                          char       **raw,
                          gint64      *seconds,
                          GError     **error)
{
  gboolean is_number;
  gint64 n = 0;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (raw != NULL, FALSE);
  g_return_val_if_fail (seconds != NULL, FALSE);

  *seconds = -1;

  if (!lookup_text_or_number (object, member, raw, &n, &is_number, error))
    return FALSE;

  if (*raw != NULL)
    *seconds = is_number ? (n >= 0 ? n : -1) : roster_json_parse_duration (*raw);
  return TRUE;
}
