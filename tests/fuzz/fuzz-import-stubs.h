/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the import fuzz targets share: stand-ins for the API client the plan links to, and
 * logging that turns any warning into a crash. */

void roster_fuzz_init_logging (void);
