#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds, and launches Roster from the build tree. Arguments go to
# roster (for example --demo).
set -eu
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh
builddir=${ROSTER_BUILDDIR:-_build}
[ -f "$builddir/build.ninja" ] || meson setup "$builddir"
ninja -C "$builddir"

# Run uninstalled: the schema and translations come from the build tree.
GSETTINGS_SCHEMA_DIR="$builddir/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}" \
ROSTER_LOCALEDIR="$builddir/po" \
  exec "$builddir/src/roster" "$@"
