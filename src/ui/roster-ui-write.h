/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void roster_ui_write_for_task (GFile            *file,
                               GBytes           *bytes,
                               GFileCreateFlags  flags,
                               GTask            *task);

G_END_DECLS
