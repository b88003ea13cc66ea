#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds with -Werror, and runs the whole test suite headless: under
# Xvfb, on a private D-Bus session with a real, unlocked gnome-keyring. Ends with the line
# "N passed, N failed" counting individual test cases.
set -eu
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh
builddir=${ROSTER_BUILDDIR:-_build-test}
[ -f "$builddir/build.ninja" ] || meson setup "$builddir" -Dwerror=true
ninja -C "$builddir"

status=0
dbus-run-session -- ./build-aux/test-session.sh "$builddir" "$@" || status=$?
python3 build-aux/count-tests.py "$builddir/meson-logs/testlog.json" || status=1
exit $status
