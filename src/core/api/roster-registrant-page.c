/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-registrant-page"

#include "config.h"

#include "roster-json-private.h"
#include "roster-registrant.h"
#include "roster-registrant-page.h"

struct _RosterRegistrantPage
{
  GObject parent_instance;

  gint64 current_page;
  gint64 last_page;
  gint64 per_page;
  gint64 total;
  char *next_page_url;
  GListStore *items;
};

G_DEFINE_FINAL_TYPE (RosterRegistrantPage, roster_registrant_page, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CURRENT_PAGE,
  PROP_LAST_PAGE,
  PROP_PER_PAGE,
  PROP_TOTAL,
  PROP_NEXT_PAGE_URL,
  PROP_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_registrant_page_finalize (GObject *object)
{
  RosterRegistrantPage *self = (RosterRegistrantPage *) object;

  g_clear_pointer (&self->next_page_url, g_free);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (roster_registrant_page_parent_class)->finalize (object);
}

static void
roster_registrant_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RosterRegistrantPage *self = ROSTER_REGISTRANT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CURRENT_PAGE:
      g_value_set_int64 (value, self->current_page);
      break;
    case PROP_LAST_PAGE:
      g_value_set_int64 (value, self->last_page);
      break;
    case PROP_PER_PAGE:
      g_value_set_int64 (value, self->per_page);
      break;
    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;
    case PROP_NEXT_PAGE_URL:
      g_value_set_string (value, self->next_page_url);
      break;
    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_registrant_page_class_init (RosterRegistrantPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = roster_registrant_page_finalize;
  object_class->get_property = roster_registrant_page_get_property;

  properties[PROP_CURRENT_PAGE] =
    g_param_spec_int64 ("current-page", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LAST_PAGE] =
    g_param_spec_int64 ("last-page", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PER_PAGE] =
    g_param_spec_int64 ("per-page", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_NEXT_PAGE_URL] =
    g_param_spec_string ("next-page-url", NULL, NULL, NULL, flags);
  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL, G_TYPE_LIST_MODEL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_registrant_page_init (RosterRegistrantPage *self)
{
  self->total = -1;
  self->items = g_list_store_new (ROSTER_TYPE_REGISTRANT);
}

static gboolean
fill_items (RosterRegistrantPage  *self,
            JsonArray             *array,
            GError               **error)
{
  guint n = json_array_get_length (array);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      RosterRegistrant *registrant =
        roster_registrant_new_from_json (json_array_get_element (array, i), error);

      if (registrant == NULL)
        return FALSE;

      g_ptr_array_add (items, registrant);
    }

  /* One splice, so that a bound view sees a single items-changed. */
  g_list_store_splice (self->items, 0, 0, items->pdata, items->len);
  return TRUE;
}

/* The `registrants` payload: a Laravel-style page object of which only current_page and data
 * are certain.  A bare array (the vendor's documented shape) reads as a single, last page. */
RosterRegistrantPage *
roster_registrant_page_new_from_json (JsonNode  *node,
                                      GError   **error)
{
  g_autoptr(RosterRegistrantPage) self = NULL;
  JsonObject *object;
  JsonNode *data;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ROSTER_TYPE_REGISTRANT_PAGE, NULL);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      if (!fill_items (self, json_node_get_array (node), error))
        return NULL;

      self->current_page = 1;
      self->last_page = 1;
      self->total = g_list_model_get_n_items (G_LIST_MODEL (self->items));
      return g_steal_pointer (&self);
    }

  if (!(object = roster_json_node_get_object (node, "registrants", error)))
    return NULL;

  if (!roster_json_get_id (object, "current_page", ROSTER_JSON_REQUIRED, &self->current_page, error) ||
      !roster_json_get_id (object, "last_page", ROSTER_JSON_OPTIONAL, &self->last_page, error) ||
      !roster_json_get_id (object, "per_page", ROSTER_JSON_OPTIONAL, &self->per_page, error) ||
      !roster_json_get_id (object, "total", ROSTER_JSON_OPTIONAL, &self->total, error) ||
      !roster_json_get_string (object, "next_page_url", ROSTER_JSON_EMPTY_IS_NULL,
                               &self->next_page_url, error))
    return NULL;

  data = json_object_get_member (object, "data");
  if (data == NULL || JSON_NODE_HOLDS_NULL (data))
    {
      roster_json_set_missing_error (error, "data");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (data))
    {
      roster_json_set_type_error (error, "data");
      return NULL;
    }

  if (!fill_items (self, json_node_get_array (data), error))
    return NULL;

  return g_steal_pointer (&self);
}

/* 1-based. */
gint64
roster_registrant_page_get_current_page (RosterRegistrantPage *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANT_PAGE (self), 0);
  return self->current_page;
}

/* 0 when the server did not say. */
gint64
roster_registrant_page_get_last_page (RosterRegistrantPage *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANT_PAGE (self), 0);
  return self->last_page;
}

/* 0 when the server did not say; never assume a page size. */
gint64
roster_registrant_page_get_per_page (RosterRegistrantPage *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANT_PAGE (self), 0);
  return self->per_page;
}

/* -1 when the server did not say. */
gint64
roster_registrant_page_get_total (RosterRegistrantPage *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANT_PAGE (self), -1);
  return self->total;
}

const char *
roster_registrant_page_get_next_page_url (RosterRegistrantPage *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANT_PAGE (self), NULL);
  return self->next_page_url;
}

/* A list of RosterRegistrant. */
GListModel *
roster_registrant_page_get_items (RosterRegistrantPage *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANT_PAGE (self), NULL);
  return G_LIST_MODEL (self->items);
}

/* Keep paging while next_page_url is a string or current_page < last_page, and stop on an
 * empty page whatever the rest says. */
gboolean
roster_registrant_page_has_more (RosterRegistrantPage *self)
{
  g_return_val_if_fail (ROSTER_IS_REGISTRANT_PAGE (self), FALSE);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0)
    return FALSE;

  if (self->next_page_url != NULL)
    return TRUE;

  return self->last_page > 0 && self->current_page < self->last_page;
}
