/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-store"

#include "config.h"

#include "roster-registrant-store-private.h"
#include "roster-store-list-model.h"

/* One webinar's stored registrants as a GListModel, for the registrants view.
 *
 * Filter and order are SQL: one query lists the rowids of the matching rows in order (8 bytes a
 * person; the index on name or sign-up covers it), and its length is n_items. Rows become
 * RosterRegistrants only when asked for, a page at a time, and only the last few pages are
 * kept: scrolling through 100,000 people costs a few hundred objects, not 100,000.
 *
 * GListModel is synchronous, so the model reads on its own read-only connection in the calling
 * thread; WAL lets it read while the store's worker writes. When the store says a webinar's rows
 * changed, the model lists them again a moment later and reports only what moved (the common
 * start and end stay), and tells the rows it has made whose record changed. */

#define PAGE_SIZE       200
#define N_PAGES         4
#define RELOAD_DELAY_MS 100

typedef struct
{
  guint      index;      /* G_MAXUINT: empty */
  guint64    used;
  GPtrArray *rows;       /* RosterRegistrant */
  GArray    *hashes;     /* guint, of each row's record */
} Page;

struct _RosterStoreListModel
{
  GObject                 parent_instance;

  RosterRegistrantStore  *store;
  sqlite3                *db;
  sqlite3_stmt           *row_stmt;
  gint64                  webinar_id;
  RosterRegistrantFilter *filter;
  RosterStoreSort         sort;
  gboolean                descending;
  gboolean                watched_only;  /* what no API filter says: attended live or replay */

  GArray                 *rowids;     /* gint64, in order */
  Page                    pages[N_PAGES];
  guint64                 tick;
  guint                   n_created;
  guint                   reload_source;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RosterStoreListModel, roster_store_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
page_clear (Page *page)
{
  page->index = G_MAXUINT;
  g_clear_pointer (&page->rows, g_ptr_array_unref);
  g_clear_pointer (&page->hashes, g_array_unref);
}

static void
clear_pages (RosterStoreListModel *self)
{
  for (guint i = 0; i < N_PAGES; i++)
    page_clear (&self->pages[i]);
}

static sqlite3_stmt *
prepare_filtered (RosterStoreListModel  *self,
                  const char            *what,
                  const char            *tail,
                  GError               **error)
{
  g_autofree char *full_tail = g_strconcat (self->watched_only ? " AND (attended_live = 1 OR attended_replay = 1)" : "",
                                            tail, NULL);

  return roster_store_prepare_filtered (self->db, what, self->webinar_id, self->filter, full_tail, error);
}

static GArray *
query_rowids (RosterStoreListModel *self)
{
  const char *dir = self->descending ? "DESC" : "ASC";
  g_autofree char *tail = g_strdup_printf (" ORDER BY %s %s, rowid %s",
                                           roster_store_sort_sql (self->sort), dir, dir);
  g_autoptr(GError) error = NULL;
  GArray *rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = prepare_filtered (self, "rowid", tail, &error);
  int rc;

  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return rowids;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
    }
  if (rc != SQLITE_DONE)
    g_warning ("Listing the stored registrants: %s", sqlite3_errmsg (self->db));
  sqlite3_finalize (stmt);
  return rowids;
}

/* A row gone between the listing and the read (a sync replaced it): an empty stand-in until
 * the change the store is about to report lists the rows again. */
static RosterRegistrant *
stand_in (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{}", NULL);

  return roster_registrant_new_from_json (node, NULL);
}

static RosterRegistrant *
read_row (RosterStoreListModel *self,
          gint64                rowid,
          guint                *hash)
{
  RosterRegistrant *registrant = NULL;

  sqlite3_reset (self->row_stmt);
  sqlite3_bind_int64 (self->row_stmt, 1, rowid);
  *hash = 0;
  if (sqlite3_step (self->row_stmt) == SQLITE_ROW)
    {
      const char *raw = (const char *) sqlite3_column_text (self->row_stmt, 0);

      *hash = raw != NULL ? g_str_hash (raw) : 0;
      registrant = roster_store_read_registrant (self->row_stmt, 0);
    }
  sqlite3_reset (self->row_stmt);
  return registrant != NULL ? registrant : stand_in ();
}

static void
fill_page (RosterStoreListModel *self,
           Page                 *page,
           guint                 index)
{
  guint start = index * PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->rowids->len);

  page_clear (page);
  page->index = index;
  page->rows = g_ptr_array_new_full (end - start, g_object_unref);
  page->hashes = g_array_sized_new (FALSE, FALSE, sizeof (guint), end - start);
  for (guint i = start; i < end; i++)
    {
      guint hash;

      g_ptr_array_add (page->rows, read_row (self, g_array_index (self->rowids, gint64, i), &hash));
      g_array_append_val (page->hashes, hash);
      self->n_created++;
    }
}

static Page *
get_page (RosterStoreListModel *self,
          guint                 index)
{
  Page *oldest = &self->pages[0];

  for (guint i = 0; i < N_PAGES; i++)
    {
      Page *page = &self->pages[i];

      if (page->index == index)
        {
          page->used = ++self->tick;
          return page;
        }
      if (page->used < oldest->used)
        oldest = page;
    }
  fill_page (self, oldest, index);
  oldest->used = ++self->tick;
  return oldest;
}

/* The full pages that lie wholly in the unchanged start keep their objects: read their records
 * again and report the rows whose record changed (an unsubscription, new attendance). */
static void
revalidate_pages (RosterStoreListModel *self,
                  guint                 unchanged)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint p = 0; p < N_PAGES; p++)
    {
      Page *page = &self->pages[p];
      guint start = page->index * PAGE_SIZE;

      if (page->index == G_MAXUINT)
        continue;
      /* A short last page would miss the rows added after it. */
      if (page->rows->len < PAGE_SIZE || start + PAGE_SIZE > unchanged)
        {
          page_clear (page);
          continue;
        }
      for (guint i = 0; i < page->rows->len; i++)
        {
          guint hash, position;
          RosterRegistrant *fresh = read_row (self, g_array_index (self->rowids, gint64, start + i), &hash);

          if (hash == g_array_index (page->hashes, guint, i))
            {
              g_object_unref (fresh);
              continue;
            }
          g_object_unref (g_ptr_array_index (page->rows, i));
          g_ptr_array_index (page->rows, i) = fresh;
          g_array_index (page->hashes, guint, i) = hash;
          self->n_created++;
          position = start + i;
          g_array_append_val (changed, position);
        }
    }
  for (guint i = 0; i < changed->len; i++)
    g_list_model_items_changed (G_LIST_MODEL (self), g_array_index (changed, guint, i), 1, 1);
}

/**
 * roster_store_list_model_reload:
 *
 * Lists the rows again now, and reports what changed.
 */
void
roster_store_list_model_reload (RosterStoreListModel *self)
{
  g_autoptr(GArray) old = NULL;
  guint old_n, new_n, prefix = 0, suffix = 0;

  g_return_if_fail (ROSTER_IS_STORE_LIST_MODEL (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  old = g_steal_pointer (&self->rowids);
  self->rowids = query_rowids (self);
  old_n = old->len;
  new_n = self->rowids->len;

  while (prefix < old_n && prefix < new_n &&
         g_array_index (old, gint64, prefix) == g_array_index (self->rowids, gint64, prefix))
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         g_array_index (old, gint64, old_n - 1 - suffix) ==
         g_array_index (self->rowids, gint64, new_n - 1 - suffix))
    suffix++;

  revalidate_pages (self, prefix);
  if (old_n - prefix - suffix > 0 || new_n - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix,
                                new_n - prefix - suffix);
}

/* Another filter or order: every position means another row. */
static void
replace_all (RosterStoreListModel *self)
{
  guint old_n = self->rowids->len;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  clear_pages (self);
  g_array_unref (self->rowids);
  self->rowids = query_rowids (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->rowids->len);
}

static gboolean
reload_cb (gpointer user_data)
{
  RosterStoreListModel *self = user_data;

  self->reload_source = 0;
  roster_store_list_model_reload (self);
  return G_SOURCE_REMOVE;
}

/* A sync writes a page many times a second: list again at most every few tenths. */
static void
store_changed_cb (RosterRegistrantStore *store,
                  gint64                 webinar_id,
                  RosterStoreListModel  *self)
{
  if (webinar_id != self->webinar_id || self->reload_source != 0)
    return;
  self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_cb, self);
}

static GType
get_item_type (GListModel *list)
{
  return ROSTER_TYPE_REGISTRANT;
}

static guint
get_n_items (GListModel *list)
{
  return ROSTER_STORE_LIST_MODEL (list)->rowids->len;
}

static gpointer
get_item (GListModel *list,
          guint       position)
{
  RosterStoreListModel *self = ROSTER_STORE_LIST_MODEL (list);
  Page *page;

  if (position >= self->rowids->len)
    return NULL;
  page = get_page (self, position / PAGE_SIZE);
  return g_object_ref (g_ptr_array_index (page->rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
roster_store_list_model_dispose (GObject *object)
{
  RosterStoreListModel *self = ROSTER_STORE_LIST_MODEL (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  clear_pages (self);

  G_OBJECT_CLASS (roster_store_list_model_parent_class)->dispose (object);
}

static void
roster_store_list_model_finalize (GObject *object)
{
  RosterStoreListModel *self = ROSTER_STORE_LIST_MODEL (object);

  sqlite3_finalize (self->row_stmt);
  sqlite3_close (self->db);
  g_clear_pointer (&self->rowids, g_array_unref);
  g_clear_pointer (&self->filter, roster_registrant_filter_free);

  G_OBJECT_CLASS (roster_store_list_model_parent_class)->finalize (object);
}

static void
roster_store_list_model_class_init (RosterStoreListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_store_list_model_dispose;
  object_class->finalize = roster_store_list_model_finalize;
}

static void
roster_store_list_model_init (RosterStoreListModel *self)
{
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->sort = ROSTER_STORE_SORT_SIGNUP;
  for (guint i = 0; i < N_PAGES; i++)
    self->pages[i].index = G_MAXUINT;
}

/**
 * roster_store_list_model_new:
 *
 * The stored registrants of one webinar, in sign-up order, unfiltered. The store must live in a
 * file (the demo's does): the model opens it a second time, read-only, in this thread.
 */
RosterStoreListModel *
roster_store_list_model_new (RosterRegistrantStore  *store,
                             gint64                  webinar_id,
                             GError                **error)
{
  g_autoptr(RosterStoreListModel) self = NULL;
  const char *path;

  g_return_val_if_fail (ROSTER_IS_REGISTRANT_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = roster_registrant_store_get_path (store);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "A store in memory cannot be read from another connection");
      return NULL;
    }

  self = g_object_new (ROSTER_TYPE_STORE_LIST_MODEL, NULL);
  self->store = g_object_ref (store);
  self->webinar_id = webinar_id;
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "SELECT raw FROM registrants WHERE rowid = ?", -1,
                          &self->row_stmt, NULL) != SQLITE_OK)
    {
      roster_store_set_error (error, self->db, "Could not read the stored registrants");
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 2000);
  g_array_unref (self->rowids);
  self->rowids = query_rowids (self);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, 0);
  return g_steal_pointer (&self);
}

RosterRegistrantStore *
roster_store_list_model_get_store (RosterStoreListModel *self)
{
  g_return_val_if_fail (ROSTER_IS_STORE_LIST_MODEL (self), NULL);
  return self->store;
}

gint64
roster_store_list_model_get_webinar_id (RosterStoreListModel *self)
{
  g_return_val_if_fail (ROSTER_IS_STORE_LIST_MODEL (self), 0);
  return self->webinar_id;
}

/* Every filter of the API (search: every word a prefix of a word of the name or email). */
void
roster_store_list_model_set_filter (RosterStoreListModel         *self,
                                    const RosterRegistrantFilter *filter)
{
  g_return_if_fail (ROSTER_IS_STORE_LIST_MODEL (self));

  g_clear_pointer (&self->filter, roster_registrant_filter_free);
  self->filter = filter != NULL ? roster_registrant_filter_copy (filter) : NULL;
  replace_all (self);
}

/* Only those who attended live or watched the replay (a segment's rule no API filter has);
 * takes effect with the next set_filter() or reload. */
void
roster_store_list_model_set_watched_only (RosterStoreListModel *self,
                                          gboolean              watched_only)
{
  g_return_if_fail (ROSTER_IS_STORE_LIST_MODEL (self));

  self->watched_only = !!watched_only;
}

void
roster_store_list_model_set_sort (RosterStoreListModel *self,
                                  RosterStoreSort       sort,
                                  gboolean              descending)
{
  g_return_if_fail (ROSTER_IS_STORE_LIST_MODEL (self));
  g_return_if_fail (sort <= ROSTER_STORE_SORT_SUBSCRIBED);

  if (self->sort == sort && self->descending == !!descending)
    return;
  self->sort = sort;
  self->descending = !!descending;
  replace_all (self);
}

/* How many registrants the model has made so far (a measure of what scrolling cost). */
guint
roster_store_list_model_get_n_created (RosterStoreListModel *self)
{
  g_return_val_if_fail (ROSTER_IS_STORE_LIST_MODEL (self), 0);
  return self->n_created;
}

/* How many it holds now. */
guint
roster_store_list_model_get_n_cached (RosterStoreListModel *self)
{
  guint n = 0;

  g_return_val_if_fail (ROSTER_IS_STORE_LIST_MODEL (self), 0);

  for (guint i = 0; i < N_PAGES; i++)
    if (self->pages[i].rows != NULL)
      n += self->pages[i].rows->len;
  return n;
}

/**
 * roster_store_list_model_find_cached:
 * @key: a row ID, or for a row without one its lead ID
 *
 * A row the model has made and still holds: the ones on screen are among them.
 *
 * Returns: (transfer none) (nullable): the registrant
 */
RosterRegistrant *
roster_store_list_model_find_cached (RosterStoreListModel *self,
                                     gint64                key)
{
  g_return_val_if_fail (ROSTER_IS_STORE_LIST_MODEL (self), NULL);

  for (guint p = 0; p < N_PAGES; p++)
    for (guint i = 0; self->pages[p].rows != NULL && i < self->pages[p].rows->len; i++)
      {
        RosterRegistrant *r = g_ptr_array_index (self->pages[p].rows, i);
        gint64 id = roster_registrant_get_id (r);

        if ((id != 0 ? id : roster_registrant_get_lead_id (r)) == key)
          return r;
      }
  return NULL;
}

#define SECONDS_PER_DAY 86400

/* Fills the histogram: sign-ups per day (UTC) over at most the last @max_days days that have
 * any, as roster_registrant_stats_new() counts them. */
static gboolean
count_days (RosterStoreListModel   *self,
            RosterRegistrantStats  *stats,
            gint64                  first_day,
            gint64                  last_day,
            guint                   max_days,
            GError                **error)
{
  g_autofree char *tail = NULL;
  sqlite3_stmt *stmt;

  first_day = MAX (first_day, last_day - (gint64) max_days + 1);
  tail = g_strdup_printf (" AND signup_time >= %" G_GINT64_FORMAT " GROUP BY 1",
                          first_day * SECONDS_PER_DAY);
  stmt = prepare_filtered (self, "signup_time / 86400, count(*)", tail, error);
  if (stmt == NULL)
    return FALSE;
  stats->first_day = first_day;
  stats->n_days = (guint) (last_day - first_day + 1);
  stats->per_day = g_new0 (guint, stats->n_days);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 day = sqlite3_column_int64 (stmt, 0);

      if (day >= first_day && day <= last_day)
        stats->per_day[day - first_day] = sqlite3_column_int (stmt, 1);
    }
  sqlite3_finalize (stmt);
  for (guint d = 1; d < stats->n_days; d++)
    if (stats->per_day[d] > stats->per_day[stats->peak_day])
      stats->peak_day = d;
  return TRUE;
}

/**
 * roster_store_list_model_dup_stats:
 *
 * What the rows of the model add up to, counted by SQL, with sign-ups per day.
 */
RosterRegistrantStats *
roster_store_list_model_dup_stats (RosterStoreListModel  *self,
                                   guint                  max_days,
                                   GError               **error)
{
  g_autoptr(RosterRegistrantStats) stats = NULL;
  sqlite3_stmt *stmt;
  gboolean dated;
  gint64 first_day, last_day;

  g_return_val_if_fail (ROSTER_IS_STORE_LIST_MODEL (self), NULL);
  g_return_val_if_fail (max_days > 0, NULL);

  stmt = prepare_filtered (self, "count(*), total(attended_live = 1), total(attended_replay = 1),"
                                 " total(purchased_live = 1 OR purchased_replay = 1),"
                                 " total(revenue_live) + total(revenue_replay),"
                                 " min(CASE WHEN signup_time >= 0 THEN signup_time END),"
                                 " max(CASE WHEN signup_time >= 0 THEN signup_time END)", "", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      roster_store_set_error (error, self->db, "Counting the stored registrants");
      sqlite3_finalize (stmt);
      return NULL;
    }
  stats = g_new0 (RosterRegistrantStats, 1);
  stats->n_registered = sqlite3_column_int (stmt, 0);
  stats->n_live = (guint) sqlite3_column_int64 (stmt, 1);
  stats->n_replay = (guint) sqlite3_column_int64 (stmt, 2);
  stats->n_bought = (guint) sqlite3_column_int64 (stmt, 3);
  stats->revenue = sqlite3_column_double (stmt, 4);
  dated = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
  first_day = sqlite3_column_int64 (stmt, 5) / SECONDS_PER_DAY;
  last_day = sqlite3_column_int64 (stmt, 6) / SECONDS_PER_DAY;
  sqlite3_finalize (stmt);

  if (dated && !count_days (self, stats, first_day, last_day, max_days, error))
    return NULL;
  return g_steal_pointer (&stats);
}

/**
 * roster_store_list_model_dup_utm_stats:
 *
 * The rows of the model by UTM source, medium or campaign, counted by SQL.
 */
RosterUtmStats *
roster_store_list_model_dup_utm_stats (RosterStoreListModel  *self,
                                       RosterUtmField         field,
                                       guint                  max_values,
                                       GError               **error)
{
  static const char * const members[] = {
    [ROSTER_UTM_SOURCE] = "utm_source",
    [ROSTER_UTM_MEDIUM] = "utm_medium",
    [ROSTER_UTM_CAMPAIGN] = "utm_campaign",
  };
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *what = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ROSTER_IS_STORE_LIST_MODEL (self), NULL);
  g_return_val_if_fail (field <= ROSTER_UTM_CAMPAIGN, NULL);

  what = g_strdup_printf ("json_extract (raw, '$.%s'), count(*)", members[field]);
  stmt = prepare_filtered (self, what, " GROUP BY 1", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint count = (guint) sqlite3_column_int64 (stmt, 1);

      g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_array_append_val (counts, count);
    }
  if (rc != SQLITE_DONE)
    {
      roster_store_set_error (error, self->db, "Counting the stored registrants");
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return roster_utm_stats_new_from_counts ((const char * const *) values->pdata,
                                           (const guint *) counts->data, values->len, max_values);
}
