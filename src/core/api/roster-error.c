/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-error"

#include "config.h"

#include "roster-error.h"

G_DEFINE_QUARK (roster-api-error-quark, roster_api_error)
G_DEFINE_QUARK (roster-import-error-quark, roster_import_error)
