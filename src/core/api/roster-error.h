/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ROSTER_API_ERROR (roster_api_error_quark ())

/* Every failure of a call to the vendor's API lands in one of these. */
typedef enum
{
  ROSTER_API_ERROR_AUTHENTICATION,  /* 401, or key missing */
  ROSTER_API_ERROR_VALIDATION,      /* 400 or 422: a field missing or bad */
  ROSTER_API_ERROR_NOT_FOUND,       /* 404, or no such webinar */
  ROSTER_API_ERROR_RATE_LIMITED,    /* 429 that retries could not get past */
  ROSTER_API_ERROR_SERVER,          /* 5xx, HTML or other non-JSON body */
  ROSTER_API_ERROR_NETWORK,         /* no response, reset, timeout, DNS */
  ROSTER_API_ERROR_TLS,             /* certificate or handshake failure */
  ROSTER_API_ERROR_PROTOCOL,        /* JSON of the wrong shape or type */
  ROSTER_API_ERROR_OUTCOME_UNKNOWN, /* a register was sent, but whether it landed is unknown */
} RosterApiError;

#define ROSTER_IMPORT_ERROR (roster_import_error_quark ())

/* What keeps an import from going on safely. */
typedef enum
{
  ROSTER_IMPORT_ERROR_JOURNAL_DAMAGED,       /* unreadable lines or emptied: what was sent is unknown */
  ROSTER_IMPORT_ERROR_JOURNAL_REPLACED,      /* deleted or replaced while the import ran */
  ROSTER_IMPORT_ERROR_JOURNAL_OTHER_ACCOUNT, /* started with another account */
  ROSTER_IMPORT_ERROR_FILE_CHANGED,          /* the file is not the one the journal was kept for */
  ROSTER_IMPORT_ERROR_FILE_EMPTY,            /* no columns at all: nothing to map or send */
} RosterImportError;

GQuark roster_api_error_quark    (void);
GQuark roster_import_error_quark (void);

G_END_DECLS
