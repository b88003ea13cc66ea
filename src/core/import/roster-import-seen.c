/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-import-plan"

#include "config.h"

#include <string.h>

#include "roster-import-seen-private.h"

static guint32
hash_key (const char *key,
          gsize      len)
{
  guint32 hash = 2166136261u;  /* FNV-1a */

  for (gsize i = 0; i < len; i++)
    hash = (hash ^ (guchar) key[i]) * 16777619u;

  return hash;
}

static SeenSlot *
seen_find (RosterImportSeen    *set,
           const char *key,
           guint32     hash)
{
  gsize i = hash & set->mask;

  for (;;)
    {
      SeenSlot *slot = &set->slots[i];

      if (slot->key == NULL || (slot->hash == hash && strcmp (slot->key, key) == 0))
        return slot;
      i = (i + 1) & set->mask;
    }
}

/* Returns the line already stored for @key, or stores @line and returns 0.  @stored is a
 * lasting copy of @key when the plan has one already (an email that is its own casefold). */
guint
roster_import_seen_check_and_add (RosterImportSeen *set,
                                  GStringChunk     *keys,
                                  const char       *key,
                                  gsize             len,
                                  const char       *stored,
                                  guint             line)
{
  guint32 hash = hash_key (key, len);
  SeenSlot *slot = seen_find (set, key, hash);

  if (slot->key != NULL)
    return slot->line;

  slot->key = stored != NULL ? stored : g_string_chunk_insert_len (keys, key, len);
  slot->hash = hash;
  slot->line = line;

  /* Keep the load under a half. */
  if (++set->n_used * 2 > set->mask)
    {
      SeenSlot *old = set->slots;
      gsize old_size = set->mask + 1;

      set->mask = old_size * 2 - 1;
      set->slots = g_new0 (SeenSlot, old_size * 2);
      for (gsize i = 0; i < old_size; i++)
        if (old[i].key != NULL)
          *seen_find (set, old[i].key, old[i].hash) = old[i];
      g_free (old);
    }

  return 0;
}
