/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

#define ROSTER_KEYRING_SCHEMA_NAME       "io.github.rosterapp.Roster.ApiKey"
#define ROSTER_KEYRING_ATTRIBUTE_ACCOUNT "account"

#define ROSTER_KEYRING_ERROR (roster_keyring_error_quark ())

/* Why the keyring could not do what was asked. UNAVAILABLE, LOCKED and DISMISSED are the cases
 * where the UI offers to use the key for this session only. */
typedef enum
{
  ROSTER_KEYRING_ERROR_UNAVAILABLE, /* no Secret Service on the bus, or no session bus */
  ROSTER_KEYRING_ERROR_LOCKED,      /* the keyring is locked and stayed locked */
  ROSTER_KEYRING_ERROR_DISMISSED,   /* the user dismissed the unlock prompt */
  ROSTER_KEYRING_ERROR_NO_KEY,      /* nothing is stored for this account */
  ROSTER_KEYRING_ERROR_FAILED,      /* anything else the Secret Service reported */
} RosterKeyringError;

GQuark              roster_keyring_error_quark             (void);
gboolean            roster_keyring_error_offers_session_only (const GError        *error);

const SecretSchema *roster_keyring_get_schema              (void);

void                roster_keyring_store_async             (const char          *account,
                                                            const char          *api_key,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean            roster_keyring_store_finish            (GAsyncResult        *result,
                                                            GError             **error);
void                roster_keyring_lookup_async            (const char          *account,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
char               *roster_keyring_lookup_finish           (GAsyncResult        *result,
                                                            GError             **error);
void                roster_keyring_clear_async             (const char          *account,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean            roster_keyring_clear_finish            (GAsyncResult        *result,
                                                            GError             **error);

void                roster_keyring_key_free                (char                *api_key);

/* A key in memory: g_autoptr(RosterKeyringKey) wipes it before freeing it. */
typedef char RosterKeyringKey;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterKeyringKey, roster_keyring_key_free)

G_END_DECLS
