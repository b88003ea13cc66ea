#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Takes the README and metainfo screenshots of an uninstalled build under Xvfb, in light and
# dark style, of the demo account with its first webinar open: its overview, then its
# registrants. Needs xdotool. Usage: build-aux/screenshots.sh BUILDDIR
set -eu
builddir=${1:?usage: build-aux/screenshots.sh BUILDDIR}
out=data/screenshots

shoot() {
  scheme=$1 suffix=$2
  xvfb-run -a -s "-screen 0 1100x720x24" sh -c '
    scheme=$1 out=$2 suffix=$3 builddir=$4
    ADW_DEBUG_COLOR_SCHEME=$scheme GSETTINGS_BACKEND=memory \
      GSETTINGS_SCHEMA_DIR="$builddir/data" ROSTER_LOCALEDIR="$builddir/po" \
      "$builddir/src/roster" --demo &
    pid=$!
    sleep "${SCREENSHOT_DELAY:-4}"
    # Open the first webinar of the list, then move the pointer out of the way of tooltips.
    xdotool mousemove 150 130 click 1 mousemove 1090 710
    sleep 2
    import -window root "$out/main-$suffix.png"
    # The Registrants view, by its shortcut (the header bar moves as the window narrows).
    xdotool key alt+2
    # Its first sync reads some 50 pages at 20 calls a second
    sleep 10
    import -window root "$out/registrants-$suffix.png"
    kill "$pid"
  ' shoot "$scheme" "$out" "$suffix" "$builddir"
}

shoot prefer-light light
shoot prefer-dark dark
echo "Wrote the screenshots in $out"
