/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-store"

#include "config.h"

#include <string.h>

#include "roster-registrant-store-private.h"

/* Members the API sends as numbers; the rest travel as text. */
static const char * const number_members[] = {
  "id", "lead_id", "schedule_id", "event_id", "revenue_live", "revenue_replay",
};

char *
roster_store_fold (const char *text)
{
  g_autofree char *normal = NULL;

  if (text == NULL)
    return g_strdup ("");
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  return g_utf8_casefold (normal != NULL ? normal : "", -1);
}

/* What ORDER BY sorts by, as the view's columns sort: not attended or not bought before the
 * rest, those by time in the room or amount. */
const char *
roster_store_sort_sql (RosterStoreSort sort)
{
  static const char * const orders[] = {
    [ROSTER_STORE_SORT_SIGNUP] = "signup_time",
    [ROSTER_STORE_SORT_NAME] = "name_key",
    [ROSTER_STORE_SORT_EMAIL] = "email_folded",
    [ROSTER_STORE_SORT_SESSION] = "event_time",
    [ROSTER_STORE_SORT_PHONE] = "coalesce (json_extract (raw, '$.phone_number'),"
                                " json_extract (raw, '$.phone'))",
    [ROSTER_STORE_SORT_LIVE] = "CASE WHEN attended_live = 1 THEN max (live_left, 0) ELSE -1 END",
    [ROSTER_STORE_SORT_REPLAY] = "CASE WHEN attended_replay = 1 THEN max (replay_left, 0) ELSE -1 END",
    [ROSTER_STORE_SORT_PURCHASED] = "CASE WHEN purchased_live = 1 OR purchased_replay = 1"
                                    " THEN revenue_live + revenue_replay ELSE -1 END",
    [ROSTER_STORE_SORT_SUBSCRIBED] = "subscribed",
  };

  g_return_val_if_fail (sort < G_N_ELEMENTS (orders), orders[0]);
  return orders[sort];
}

static int
flag_value (RosterFlag flag)
{
  return flag == ROSTER_FLAG_YES ? 1 : flag == ROSTER_FLAG_NO ? 0 : -1;
}

/* How far into the live session the person left, as the API's attendance filters 3 and 4 read
 * it: when they joined plus how long they stayed. The API gives the join to the minute, so this
 * takes the middle of that minute: near the threshold the local filter can differ from the
 * server's. A replay is watched from its start, so there the time watched is the answer. */
static gint64
live_left (RosterRegistrant *r)
{
  gint64 joined = roster_registrant_get_date_live_time (r);
  gint64 event = roster_registrant_get_event_time (r);
  gint64 watched = roster_registrant_get_time_live_seconds (r);

  if (joined < 0 || event < 0 || watched < 0)
    return watched;
  return MAX (joined + 30 - event, 0) + watched;
}

/* The API's own members as a JSON object of text, links one level down: the raw record. */
static char *
raw_json (RosterRegistrant *registrant)
{
  const char * const *fields = roster_registrant_get_fields (registrant);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; fields[i] != NULL; i += 2)
    {
      json_builder_set_member_name (builder, fields[i]);
      json_builder_add_string_value (builder, fields[i + 1]);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Stores @r under @id, 0 for its own. */
gboolean
roster_store_bind_registrant (sqlite3_stmt     *stmt,
                              gint64            webinar_id,
                              RosterRegistrant *r,
                              gint64            id,
                              gint64            generation)
{
  g_autofree char *name = g_strdup_printf ("%s %s",
                                           roster_registrant_get_first_name (r) ?: "",
                                           roster_registrant_get_last_name (r) ?: "");
  char *name_folded = roster_store_fold (name);
  char *email_folded = roster_store_fold (roster_registrant_get_email (r));
  int i = 1;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, i++, webinar_id);
  sqlite3_bind_int64 (stmt, i++, id != 0 ? id : roster_registrant_get_id (r));
  sqlite3_bind_int64 (stmt, i++, roster_registrant_get_lead_id (r));
  sqlite3_bind_int64 (stmt, i++, roster_registrant_get_schedule_id (r));
  sqlite3_bind_int64 (stmt, i++, roster_registrant_get_event_id (r));
  sqlite3_bind_text (stmt, i++, roster_registrant_get_first_name (r), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, roster_registrant_get_last_name (r), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, roster_registrant_get_email (r), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, g_strstrip (name_folded), -1, g_free);
  sqlite3_bind_text (stmt, i++, email_folded, -1, g_free);
  sqlite3_bind_int64 (stmt, i++, roster_registrant_get_signup_time (r));
  sqlite3_bind_int64 (stmt, i++, roster_registrant_get_event_time (r));
  sqlite3_bind_int (stmt, i++, flag_value (roster_registrant_get_attended_live (r)));
  sqlite3_bind_int (stmt, i++, flag_value (roster_registrant_get_attended_replay (r)));
  sqlite3_bind_int (stmt, i++, flag_value (roster_registrant_get_purchased_live (r)));
  sqlite3_bind_int (stmt, i++, flag_value (roster_registrant_get_purchased_replay (r)));
  sqlite3_bind_int (stmt, i++, flag_value (roster_registrant_get_subscribed (r)));
  sqlite3_bind_double (stmt, i++, roster_registrant_get_revenue_live (r));
  sqlite3_bind_double (stmt, i++, roster_registrant_get_revenue_replay (r));
  sqlite3_bind_int64 (stmt, i++, live_left (r));
  sqlite3_bind_int64 (stmt, i++, roster_registrant_get_time_replay_seconds (r));
  sqlite3_bind_text (stmt, i++, raw_json (r), -1, g_free);
  sqlite3_bind_int64 (stmt, i++, generation);
  return sqlite3_step (stmt) == SQLITE_DONE;
}

/* Back from the raw record to the model: numbers as numbers, empty text as null, links one
 * level down again, so the model parses exactly what the API sent. */
RosterRegistrant *
roster_store_read_registrant (sqlite3_stmt *stmt,
                              int           column)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonObject) links = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *raw;
  g_autoptr(GList) members = NULL;
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  raw = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (raw);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const char *value = json_object_get_string_member (raw, name);
      const char *dot = strchr (name, '.');
      JsonObject *target = object;
      JsonNode *member = json_node_new (JSON_NODE_VALUE);

      if (value == NULL || *value == '\0')
        json_node_init_null (member);
      else if (g_strv_contains (number_members, name) && strchr (value, '.') != NULL)
        json_node_set_double (member, g_ascii_strtod (value, NULL));
      else if (g_strv_contains (number_members, name))
        json_node_set_int (member, g_ascii_strtoll (value, NULL, 10));
      else
        json_node_set_string (member, value);

      if (dot != NULL)
        {
          if (links == NULL)
            links = json_object_new ();
          target = links;
          name = dot + 1;
        }
      json_object_set_member (target, name, member);
    }
  if (links != NULL)
    json_object_set_object_member (object, "links", json_object_ref (links));

  node = json_node_init_object (json_node_alloc (), object);
  return roster_registrant_new_from_json (node, NULL);
}

/* The FTS5 query for what a person typed: every word a prefix, all of them needed. */
char *
roster_store_fts_query (const char *text)
{
  g_autofree char *folded = roster_store_fold (text);
  g_autoptr(GString) split = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) query = g_string_new (NULL);

  /* The tokenizer splits on punctuation too, so an email becomes its parts. The fold
   * decomposes "ó" into "o" and a combining accent, which belongs to its word. */
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || g_unichar_ismark (c))
        g_string_append_unichar (split, c);
      else
        g_string_append_c (split, ' ');
    }
  words = g_strsplit (split->str, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (query, "%s\"%s\"*", query->len ? " " : "", words[i]);
  return query->len > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

static void
add_attendance (GString    *where,
                const char *column,
                const char *seconds,
                int         code,
                gint64      timestamp)
{
  switch (code)
    {
    case 1: g_string_append_printf (where, " AND %s = 1", column); break;
    case 2: g_string_append_printf (where, " AND %s IS NOT 1", column); break;
    case 3: g_string_append_printf (where, " AND %s = 1 AND %s < %" G_GINT64_FORMAT, column, seconds, timestamp); break;
    case 4: g_string_append_printf (where, " AND %s = 1 AND %s >= %" G_GINT64_FORMAT, column, seconds, timestamp); break;
    default: break;
    }
}

/* SQL after "WHERE webinar_id = ?" for every filter of the API, done locally; texts to bind
 * after the webinar go to @texts. The date ranges count from now, in UTC. */
char *
roster_store_filter_where (const RosterRegistrantFilter *filter,
                           GPtrArray                    *texts)
{
  GString *where = g_string_new (NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 today = now - now % 86400;

  if (filter == NULL)
    return g_string_free (where, FALSE);
  if (filter->schedule_id > 0)
    g_string_append_printf (where, " AND schedule_id = %" G_GINT64_FORMAT, filter->schedule_id);
  switch (filter->date_range)
    {
    case 1: g_string_append_printf (where, " AND signup_time >= %" G_GINT64_FORMAT, today); break;
    case 2: g_string_append_printf (where, " AND signup_time >= %" G_GINT64_FORMAT " AND signup_time < %" G_GINT64_FORMAT, today - 86400, today); break;
    case 3: case 5: g_string_append_printf (where, " AND signup_time >= %" G_GINT64_FORMAT, now - 7 * 86400); break;
    case 4: g_string_append_printf (where, " AND signup_time >= %" G_GINT64_FORMAT " AND signup_time < %" G_GINT64_FORMAT, now - 14 * 86400, now - 7 * 86400); break;
    case 6: case 8: g_string_append_printf (where, " AND signup_time >= %" G_GINT64_FORMAT, now - 30 * 86400); break;
    case 7: g_string_append_printf (where, " AND signup_time >= %" G_GINT64_FORMAT " AND signup_time < %" G_GINT64_FORMAT, now - 60 * 86400, now - 30 * 86400); break;
    default: break;
    }
  add_attendance (where, "attended_live", "live_left", filter->attended_live,
                  filter->attended_live_timestamp);
  add_attendance (where, "attended_replay", "replay_left", filter->attended_replay,
                  filter->attended_replay_timestamp);
  if (filter->purchased == 1)
    g_string_append (where, " AND (purchased_live = 1 OR purchased_replay = 1)");
  else if (filter->purchased == 2)
    g_string_append (where, " AND purchased_live IS NOT 1 AND purchased_replay IS NOT 1");
  if (filter->search != NULL)
    {
      char *query = roster_store_fts_query (filter->search);

      if (query != NULL)
        {
          g_string_append (where, " AND rowid IN (SELECT rowid FROM registrants_fts"
                                  " WHERE registrants_fts MATCH ?)");
          g_ptr_array_add (texts, query);
        }
    }
  return g_string_free (where, FALSE);
}

/* Prepares "SELECT @what FROM registrants WHERE webinar_id = ? <filter> @tail" and binds it.
 * A search finds a few rows through the full-text index: the + keeps SQLite from starting at
 * an index that would hand the ORDER BY every row of the webinar instead. */
sqlite3_stmt *
roster_store_prepare_filtered (sqlite3                      *db,
                               const char                   *what,
                               gint64                        webinar_id,
                               const RosterRegistrantFilter *filter,
                               const char                   *tail,
                               GError                      **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *where = roster_store_filter_where (filter, texts);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;

  sql = g_strdup_printf ("SELECT %s FROM registrants WHERE %swebinar_id = ?%s%s", what,
                         filter != NULL && filter->search != NULL ? "+" : "", where, tail);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      roster_store_set_error (error, db, "Reading the stored registrants");
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, webinar_id);
  for (guint i = 0; i < texts->len; i++)
    sqlite3_bind_text (stmt, 2 + i, g_ptr_array_index (texts, i), -1, SQLITE_TRANSIENT);
  return stmt;
}
