/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-webinar-cache"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "roster-client.h"
#include "roster-fake-service.h"
#include "roster-webinar-cache.h"
#include "roster-test-fake.h"

/* RosterWebinarCache: models written back in the API's shape parse to equal models, the file is
 * replaced atomically, writes are coalesced, and any damaged or foreign file loads as empty
 * without a warning (GTest makes warnings fatal, so a warning fails the test). The data comes
 * from the fake service over real HTTP on loopback. */

typedef struct
{
  RosterFakeService *service;
  RosterClient      *client;
  GPtrArray         *webinars;   /* from `webinars` */
  GPtrArray         *overviews;  /* from `webinar`, one per webinar */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *endpoint = NULL;

  fixture->service = roster_test_fake_start (7, 0);

  endpoint = roster_fake_service_dup_endpoint (fixture->service, FALSE);
  fixture->client = roster_client_new (ROSTER_PRODUCT_EVERWEBINAR, endpoint,
                                       roster_fake_service_get_api_key (fixture->service), &error);
  g_assert_no_error (error);

  roster_client_list_webinars_async (fixture->client, NULL, roster_test_store_result, &result);
  fixture->webinars = roster_client_list_webinars_finish (fixture->client, roster_test_wait_for_result (&result),
                                                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->webinars->len, >, 1);

  fixture->overviews = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < fixture->webinars->len; i++)
    {
      g_autoptr(GAsyncResult) detail_result = NULL;
      RosterWebinar *webinar;

      roster_client_get_webinar_async (fixture->client,
                                       roster_webinar_get_id (g_ptr_array_index (fixture->webinars, i)),
                                       NULL, NULL, roster_test_store_result, &detail_result);
      webinar = roster_client_get_webinar_finish (fixture->client, roster_test_wait_for_result (&detail_result),
                                                  &error);
      g_assert_no_error (error);
      g_ptr_array_add (fixture->overviews, webinar);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->webinars, g_ptr_array_unref);
  g_clear_pointer (&fixture->overviews, g_ptr_array_unref);
  g_clear_object (&fixture->client);
  roster_fake_service_stop (fixture->service);
  g_clear_object (&fixture->service);
  while (g_main_context_iteration (NULL, FALSE));
}

/* Every readable property equal, recursing into list models. */
static void
assert_objects_equal (GObject *a,
                      GObject *b)
{
  g_autofree GParamSpec **specs = NULL;
  guint n_specs;

  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));
  specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_specs);

  for (guint i = 0; i < n_specs; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      g_value_init (&va, specs[i]->value_type);
      g_value_init (&vb, specs[i]->value_type);
      g_object_get_property (a, specs[i]->name, &va);
      g_object_get_property (b, specs[i]->name, &vb);

      if (g_type_is_a (specs[i]->value_type, G_TYPE_LIST_MODEL))
        {
          GListModel *la = g_value_get_object (&va);
          GListModel *lb = g_value_get_object (&vb);

          g_assert_cmpuint (g_list_model_get_n_items (la), ==, g_list_model_get_n_items (lb));
          for (guint k = 0; k < g_list_model_get_n_items (la); k++)
            {
              g_autoptr(GObject) ia = g_list_model_get_item (la, k);
              g_autoptr(GObject) ib = g_list_model_get_item (lb, k);

              assert_objects_equal (ia, ib);
            }
        }
      else if (g_param_values_cmp (specs[i], &va, &vb) != 0)
        {
          g_autofree char *sa = g_strdup_value_contents (&va);
          g_autofree char *sb = g_strdup_value_contents (&vb);

          g_error ("%s.%s differs: %s vs %s", G_OBJECT_TYPE_NAME (a), specs[i]->name, sa, sb);
        }
    }
}

static RosterWebinar *
round_trip (RosterWebinar *webinar)
{
  g_autoptr(JsonNode) node = roster_webinar_cache_webinar_to_json (webinar);
  g_autoptr(GError) error = NULL;
  RosterWebinar *copy = roster_webinar_new_from_json (node, &error);

  g_assert_no_error (error);
  return copy;
}

static void
test_cache_model_round_trip (Fixture       *fixture,
                             gconstpointer  data)
{
  gboolean saw_paid = FALSE, saw_presenter = FALSE, saw_list_schedule = FALSE;

  for (guint i = 0; i < fixture->webinars->len; i++)
    {
      RosterWebinar *webinar = g_ptr_array_index (fixture->webinars, i);
      g_autoptr(RosterWebinar) copy = round_trip (webinar);

      assert_objects_equal (G_OBJECT (webinar), G_OBJECT (copy));
      if (g_list_model_get_n_items (roster_webinar_get_schedules (webinar)) > 0)
        saw_list_schedule = TRUE;
    }

  for (guint i = 0; i < fixture->overviews->len; i++)
    {
      RosterWebinar *webinar = g_ptr_array_index (fixture->overviews, i);
      g_autoptr(RosterWebinar) copy = round_trip (webinar);

      assert_objects_equal (G_OBJECT (webinar), G_OBJECT (copy));
      if (roster_webinar_get_registration_fee (webinar) > 0)
        saw_paid = TRUE;
      if (g_list_model_get_n_items (roster_webinar_get_presenters (webinar)) > 0)
        saw_presenter = TRUE;
    }

  /* The seed covers what matters, or the round trip above proved little. */
  g_assert_true (saw_paid);
  g_assert_true (saw_presenter);
  g_assert_true (saw_list_schedule);
}

/* Odd values the fake never sends: a fractional fee, a schedule without a comment, unicode. */
static void
test_cache_model_round_trip_edges (void)
{
  const char *json =
    "{\"webinar_id\": \"12\", \"name\": \"Grüße 🎉\", \"title\": \"\\\"Quoted\\\"\","
    " \"registration_fee\": 19.5, \"registration_type\": \"paid\", \"type\": \"Always on\","
    " \"schedules\": [{\"schedule\": 4, \"date\": \"2030-01-02 03:04\"}, \"Every day, 01:00 PM\"],"
    " \"presenters\": [{\"name\": \"Only a name\"}]}";
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterWebinar) webinar = roster_webinar_new_from_json (node, &error);
  g_autoptr(RosterWebinar) copy = NULL;

  g_assert_no_error (error);
  copy = round_trip (webinar);
  assert_objects_equal (G_OBJECT (webinar), G_OBJECT (copy));
  g_assert_cmpfloat (roster_webinar_get_registration_fee (copy), ==, 19.5);
}

static void
save_and_wait (RosterWebinarCache *cache)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  roster_webinar_cache_save_async (cache, NULL, roster_test_store_result, &result);
  g_assert_true (roster_webinar_cache_save_finish (cache, roster_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
}

static GPtrArray *
load_and_wait (RosterWebinarCache *cache)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *webinars;

  roster_webinar_cache_load_async (cache, NULL, roster_test_store_result, &result);
  webinars = roster_webinar_cache_load_finish (cache, roster_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (webinars);
  g_assert_true (roster_webinar_cache_get_loaded (cache));
  return webinars;
}

/* Lets a cache's delayed save and its worker finish, so it can go away. */
static void
drain (void)
{
  gint64 end = g_get_monotonic_time () + 400 * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static void
test_cache_file_round_trip (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(RosterWebinarCache) cache = roster_webinar_cache_new ("Main account");
  g_autoptr(RosterWebinarCache) again = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected_dir = g_build_filename (g_get_user_cache_dir (), "roster", NULL);
  g_autofree char *dir = g_path_get_dirname (roster_webinar_cache_get_path (cache));

  g_assert_cmpstr (dir, ==, expected_dir);
  g_assert_true (g_str_has_suffix (roster_webinar_cache_get_path (cache), ".json"));

  roster_webinar_cache_store_list (cache, fixture->webinars);
  for (guint i = 0; i < fixture->overviews->len; i++)
    roster_webinar_cache_store_overview (cache, g_ptr_array_index (fixture->overviews, i));
  save_and_wait (cache);

  /* No secret on disk, whatever else is there. */
  g_assert_true (g_file_get_contents (roster_webinar_cache_get_path (cache), &contents, NULL, NULL));
  g_assert_null (strstr (contents, roster_fake_service_get_api_key (fixture->service)));
  g_assert_null (strstr (contents, "api_key"));
  g_assert_nonnull (strstr (contents, "\"version\""));

  again = roster_webinar_cache_new ("Main account");
  loaded = load_and_wait (again);
  g_assert_cmpuint (loaded->len, ==, fixture->webinars->len);
  for (guint i = 0; i < loaded->len; i++)
    assert_objects_equal (g_ptr_array_index (fixture->webinars, i), g_ptr_array_index (loaded, i));

  for (guint i = 0; i < fixture->overviews->len; i++)
    {
      RosterWebinar *overview = g_ptr_array_index (fixture->overviews, i);
      g_autoptr(RosterWebinar) cached =
        roster_webinar_cache_lookup_overview (again, roster_webinar_get_id (overview));

      g_assert_nonnull (cached);
      assert_objects_equal (G_OBJECT (overview), G_OBJECT (cached));
    }
  g_assert_null (roster_webinar_cache_lookup_overview (again, 999999999));

  /* A new list without a webinar drops its overview too. */
  g_ptr_array_remove_index (fixture->webinars, 0);
  roster_webinar_cache_store_list (again, fixture->webinars);
  g_assert_null (roster_webinar_cache_lookup_overview (again,
                                                       roster_webinar_get_id (g_ptr_array_index (fixture->overviews, 0))));
  save_and_wait (again);
  drain ();
}

static void
test_cache_file_names (void)
{
  const char *names[] = { "Main", "main", "../../etc/passwd", "a/b", "a_b", "", "Ümlaut café",
                          "x\n.json" };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *expected_dir = g_build_filename (g_get_user_cache_dir (), "roster", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(RosterWebinarCache) cache = roster_webinar_cache_new (names[i]);
      const char *path = roster_webinar_cache_get_path (cache);
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (path);

      /* Always one plain file right in the cache dir, and one per account. */
      g_assert_cmpstr (dir, ==, expected_dir);
      g_assert_false (base[0] == '.');
      for (const char *p = base; *p; p++)
        g_assert_true (g_ascii_isalnum (*p) || strchr ("-_.", *p) != NULL);
      g_assert_false (g_hash_table_contains (seen, base));
      g_hash_table_add (seen, g_steal_pointer (&base));
    }
}

static char *
new_cache_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("roster-cache-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, name, NULL);
}

static void
test_cache_atomic_write (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = new_cache_path ("atomic.json");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(RosterWebinarCache) cache = roster_webinar_cache_new_for_path ("A", path);
  g_autofree char *first = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) old_seen = g_string_new (NULL);
  g_autoptr(GDir) listing = NULL;
  const char *entry;
  char buffer[4096];
  GStatBuf buf;
  gssize n;
  int fd;

  roster_webinar_cache_store_list (cache, fixture->webinars);
  save_and_wait (cache);
  g_assert_true (g_file_get_contents (path, &first, NULL, NULL));
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);

  /* A reader that opened the old file keeps reading the whole old file while the new one
   * replaces it: the write goes to a new file renamed over the old, never in place. */
  fd = g_open (path, O_RDONLY, 0);
  g_assert_cmpint (fd, >=, 0);

  for (guint i = 0; i < fixture->overviews->len; i++)
    roster_webinar_cache_store_overview (cache, g_ptr_array_index (fixture->overviews, i));
  save_and_wait (cache);

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (old_seen, buffer, n);
  close (fd);
  g_assert_cmpstr (old_seen->str, ==, first);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, !=, first);
  g_assert_cmpuint (strlen (after), >, strlen (first));

  /* No temporary file left behind. */
  listing = g_dir_open (dir, 0, NULL);
  while ((entry = g_dir_read_name (listing)) != NULL)
    g_assert_cmpstr (entry, ==, "atomic.json");

  drain ();
}

static void
test_cache_coalesced (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = new_cache_path ("coalesce.json");
  g_autoptr(RosterWebinarCache) cache = roster_webinar_cache_new_for_path ("A", path);
  g_autoptr(RosterWebinarCache) reader = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  GAsyncResult *results[5] = { NULL, };

  /* Stores in a burst become one delayed write. */
  roster_webinar_cache_store_list (cache, fixture->webinars);
  for (guint i = 0; i < fixture->overviews->len; i++)
    roster_webinar_cache_store_overview (cache, g_ptr_array_index (fixture->overviews, i));
  g_assert_cmpuint (roster_webinar_cache_get_n_writes (cache), ==, 0);
  drain ();
  g_assert_cmpuint (roster_webinar_cache_get_n_writes (cache), ==, 1);

  /* Saves asked for together share writes; the last state is what lands. */
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      roster_webinar_cache_store_overview (cache, g_ptr_array_index (fixture->overviews, i % fixture->overviews->len));
      roster_webinar_cache_save_async (cache, NULL, roster_test_store_result, &results[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_assert_true (roster_webinar_cache_save_finish (cache, roster_test_wait_for_result (&results[i]), NULL));
      g_clear_object (&results[i]);
    }
  g_assert_cmpuint (roster_webinar_cache_get_n_writes (cache), <=, 3);

  /* Nothing new: a save writes nothing. */
  {
    guint before = roster_webinar_cache_get_n_writes (cache);

    save_and_wait (cache);
    g_assert_cmpuint (roster_webinar_cache_get_n_writes (cache), ==, before);
  }

  reader = roster_webinar_cache_new_for_path ("A", path);
  loaded = load_and_wait (reader);
  g_assert_cmpuint (loaded->len, ==, fixture->webinars->len);
  drain ();
}

/* A store that happens while the file is read is newer than the file and wins. */
static void
test_cache_store_during_load (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = new_cache_path ("late.json");
  g_autoptr(RosterWebinarCache) writer = roster_webinar_cache_new_for_path ("A", path);
  g_autoptr(RosterWebinarCache) cache = roster_webinar_cache_new_for_path ("A", path);
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) now = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  roster_webinar_cache_store_list (writer, fixture->webinars);
  save_and_wait (writer);

  g_ptr_array_add (one, g_ptr_array_index (fixture->webinars, 0));
  roster_webinar_cache_load_async (cache, NULL, roster_test_store_result, &result);
  roster_webinar_cache_store_list (cache, one);
  loaded = roster_webinar_cache_load_finish (cache, roster_test_wait_for_result (&result), NULL);
  g_assert_cmpuint (loaded->len, ==, 1);
  now = roster_webinar_cache_dup_webinars (cache);
  g_assert_cmpuint (now->len, ==, 1);
  drain ();
}

static void
test_cache_ignores_bad_files (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = new_cache_path ("bad.json");
  g_autoptr(RosterWebinarCache) writer = roster_webinar_cache_new_for_path ("A", path);
  g_autofree char *good = NULL;
  gsize good_length;
  const char *bad[] = {
    "",
    "{",
    "\x00\x01\x02\xff\xfe garbage",
    "null",
    "[]",
    "\"a string\"",
    "{}",
    "{\"format\": \"something-else\", \"version\": 1, \"account\": \"A\", \"webinars\": []}",
    "{\"format\": \"roster-webinar-cache\", \"version\": 2, \"account\": \"A\", \"webinars\": [{\"webinar_id\": 1}]}",
    "{\"format\": \"roster-webinar-cache\", \"version\": \"1\", \"account\": \"A\", \"webinars\": [{\"webinar_id\": 1}]}",
    "{\"format\": \"roster-webinar-cache\", \"version\": 1, \"account\": \"B\", \"webinars\": [{\"webinar_id\": 1}]}",
    "{\"format\": \"roster-webinar-cache\", \"version\": 1, \"account\": \"A\", \"webinars\": {\"webinar_id\": 1}}",
    "{\"format\": \"roster-webinar-cache\", \"version\": 1, \"account\": \"A\", \"webinars\": [{\"webinar_id\": 1}], \"overviews\": 5}",
    "{\"format\": \"roster-webinar-cache\", \"version\": 1, \"account\": \"A\", \"webinars\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
  };

  roster_webinar_cache_store_list (writer, fixture->webinars);
  for (guint i = 0; i < fixture->overviews->len; i++)
    roster_webinar_cache_store_overview (writer, g_ptr_array_index (fixture->overviews, i));
  save_and_wait (writer);
  g_assert_true (g_file_get_contents (path, &good, &good_length, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad) + 3; i++)
    {
      g_autoptr(RosterWebinarCache) cache = roster_webinar_cache_new_for_path ("A", path);
      g_autoptr(GPtrArray) loaded = NULL;
      g_autoptr(RosterWebinar) overview = NULL;
      g_autoptr(GError) error = NULL;

      if (i < G_N_ELEMENTS (bad))
        g_file_set_contents (path, bad[i], i == 2 ? 20 : -1, &error);
      else if (i == G_N_ELEMENTS (bad))
        g_file_set_contents (path, good, good_length / 2, &error);  /* cut short */
      else if (i == G_N_ELEMENTS (bad) + 1)
        g_file_set_contents (path, good, good_length - 1, &error);  /* last byte missing */
      else
        g_unlink (path);  /* no file at all */
      g_assert_no_error (error);

      loaded = load_and_wait (cache);
      g_assert_cmpuint (loaded->len, ==, 0);
      overview = roster_webinar_cache_lookup_overview (cache,
                                                       roster_webinar_get_id (g_ptr_array_index (fixture->overviews, 0)));
      g_assert_null (overview);
    }

  /* One broken entry is dropped; the others stay. */
  {
    g_autoptr(RosterWebinarCache) cache = roster_webinar_cache_new_for_path ("A", path);
    g_autoptr(GPtrArray) loaded = NULL;

    g_assert_true (g_file_set_contents (path,
                                        "{\"format\": \"roster-webinar-cache\", \"version\": 1, \"account\": \"A\","
                                        " \"webinars\": [{\"webinar_id\": 1, \"title\": \"One\"}, {\"webinar_id\": \"x\"},"
                                        " 7, {\"webinar_id\": 3, \"schedules\": \"no\"}, {\"webinar_id\": 2}],"
                                        " \"overviews\": [{\"title\": \"no id\"}]}",
                                        -1, NULL));
    loaded = load_and_wait (cache);
    g_assert_cmpuint (loaded->len, ==, 2);
    g_assert_cmpint (roster_webinar_get_id (g_ptr_array_index (loaded, 0)), ==, 1);
    g_assert_cmpint (roster_webinar_get_id (g_ptr_array_index (loaded, 1)), ==, 2);
  }
  drain ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/webinar-cache/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("model/round-trip", test_cache_model_round_trip);
  g_test_add_func ("/webinar-cache/model/round-trip-edges", test_cache_model_round_trip_edges);
  g_test_add_func ("/webinar-cache/file/names", test_cache_file_names);
  ADD ("file/round-trip", test_cache_file_round_trip);
  ADD ("file/atomic-write", test_cache_atomic_write);
  ADD ("save/coalesced", test_cache_coalesced);
  ADD ("load/store-during-load", test_cache_store_during_load);
  ADD ("load/ignores-bad-files", test_cache_ignores_bad_files);
#undef ADD

  return g_test_run ();
}
