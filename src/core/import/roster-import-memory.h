/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "roster-client.h"
#include "roster-import-mapping.h"
#include "roster-import-target.h"

G_BEGIN_DECLS

/* Remembered mappings, per account: a file whose header has the same signature
 * (roster_import_header_signature()) as one imported before gets the columns, the target and
 * the tidying chosen then.  One small JSON file per account (0600, written atomically); a
 * damaged one is ignored with a warning and written anew.  Consent is never remembered, nor
 * are accepted email corrections: both belong to one import.  Safe to use from several
 * threads; every call may touch the disk, so front ends call it from a thread. */

typedef struct _RosterImportRemembered RosterImportRemembered;

#define ROSTER_TYPE_IMPORT_REMEMBERED (roster_import_remembered_get_type ())

GType                      roster_import_remembered_get_type           (void) G_GNUC_CONST;
RosterImportRemembered    *roster_import_remembered_copy               (const RosterImportRemembered *self);
void                       roster_import_remembered_free               (RosterImportRemembered       *self);
const char                *roster_import_remembered_get_signature      (const RosterImportRemembered *self);
const char * const        *roster_import_remembered_get_header         (const RosterImportRemembered *self);
const RosterImportTarget  *roster_import_remembered_get_target         (const RosterImportRemembered *self);
const char                *roster_import_remembered_get_webinar_title  (const RosterImportRemembered *self);
GDateTime                 *roster_import_remembered_get_saved          (const RosterImportRemembered *self);
guint                      roster_import_remembered_get_tidy           (const RosterImportRemembered *self);
const char                *roster_import_remembered_get_default_country_code (const RosterImportRemembered *self);
const char                *roster_import_remembered_get_column_name    (const RosterImportRemembered *self,
                                                                         RosterImportField             field);
char                      *roster_import_remembered_format_date        (GDateTime                    *saved);
RosterImportMapping       *roster_import_remembered_dup_mapping        (const RosterImportRemembered *self,
                                                                         const char * const           *header);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterImportRemembered, roster_import_remembered_free)

#define ROSTER_TYPE_IMPORT_MEMORY (roster_import_memory_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportMemory, roster_import_memory, ROSTER, IMPORT_MEMORY, GObject)

RosterImportMemory            *roster_import_memory_new             (const char                *path);
RosterImportMemory            *roster_import_memory_new_for_client  (RosterClient              *client);
char                          *roster_import_memory_dup_dir         (void);
const char                    *roster_import_memory_get_path        (RosterImportMemory        *self);
RosterImportRemembered        *roster_import_memory_lookup          (RosterImportMemory        *self,
                                                                     const char                *signature);
GPtrArray                     *roster_import_memory_list_accounts   (void);
RosterImportRemembered        *roster_import_memory_lookup_any      (const char                *signature);
gboolean                       roster_import_memory_remember        (RosterImportMemory        *self,
                                                                     const char * const        *header,
                                                                     const RosterImportMapping *mapping,
                                                                     const RosterImportTarget  *target,
                                                                     const char                *webinar_title,
                                                                     GError                   **error);
GPtrArray                     *roster_import_memory_list            (RosterImportMemory        *self);
gboolean                       roster_import_memory_forget          (RosterImportMemory        *self,
                                                                     const char                *signature,
                                                                     GError                   **error);
gboolean                       roster_import_memory_forget_all      (RosterImportMemory        *self,
                                                                     GError                   **error);

G_END_DECLS
