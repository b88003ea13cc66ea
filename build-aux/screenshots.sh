#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Takes the README and metainfo screenshots of an uninstalled build under Xvfb, in light and
# dark style, of the demo account with its first webinar open: build-aux/screenshots.sh BUILDDIR
set -eu
builddir=${1:?usage: build-aux/screenshots.sh BUILDDIR}

out=data/screenshots

shoot() {
  name=$1 scheme=$2
  xvfb-run -a -s "-screen 0 1100x720x24" sh -c '
    scheme=$1 out=$2 builddir=$3
    shift 3
    ADW_DEBUG_COLOR_SCHEME=$scheme GSETTINGS_BACKEND=memory \
      GSETTINGS_SCHEMA_DIR="$builddir/data" ROSTER_LOCALEDIR="$builddir/po" \
      "$builddir/src/roster" --demo &
    pid=$!
    sleep "${SCREENSHOT_DELAY:-4}"
    # Open the first webinar of the list.
    xdotool mousemove 150 130 click 1 mousemove 1090 710
    sleep 2
    import -window root "$out"
    kill "$pid"
  ' shoot "$scheme" "$out/$name.png" "$builddir"
}

shoot main-light prefer-light
shoot main-dark prefer-dark
echo "Wrote $out/main-light.png and $out/main-dark.png"
