#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs inside the private D-Bus session of test.sh: unlocks a throwaway keyring, then runs
# meson test under Xvfb. Extra arguments go to meson test.
set -eu
builddir=$1
shift

keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
# The daemon keeps its keyrings under its own HOME, never the user's.
printf 'roster-test' | HOME="$keyring_home" XDG_DATA_HOME="$keyring_home/data" \
  gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null

xvfb-run -a -s "-screen 0 1280x800x24" \
  meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@"
