#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Screenshots of every screen of the demo account at 360, 800 and 1280 px wide, to look at
# before a change to the layout is committed: the webinar list, overview, registrants and one
# person's details, and the register, import, connect and preferences dialogs. Needs xdotool.
# Usage: build-aux/screenshots-narrow.sh BUILDDIR [OUTDIR] [WIDTHS]
# SCHEME=prefer-dark and LANGUAGE=de shoot the dark style and the German translation.
set -eu
builddir=${1:?usage: build-aux/screenshots-narrow.sh BUILDDIR [OUTDIR] [WIDTHS]}
out=${2:-_screenshots}
widths=${3:-360 800 1280}
mkdir -p "$out"

xvfb-run -a -s "-screen 0 1400x900x24" sh -c '
  set -eu
  builddir=$1 out=$2 widths=$3
  height=760
  suffix=${SCHEME:-light}${LANGUAGE:+-$LANGUAGE}

  shoot () {
    sleep 1.5
    xdotool mousemove 1390 890
    import -window "$1" "$out/$2-$w-$suffix.png"
  }
  # The newest window of the app beside the main one: a dialog, in any language.
  other_window () {
    for i in $(seq 50); do
      d=$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | grep -v "^$main\$" | tail -n 1) || true
      [ -n "$d" ] && { echo "$d"; return; }
      sleep 0.1
    done
  }
  # A dialog opened by shortcut, sized to the width, shot and closed with Escape.
  dialog () {
    xdotool windowfocus --sync "$main" key "$1"
    d=$(other_window)
    xdotool windowsize --sync "$d" "$w" "$height" windowfocus --sync "$d"
    shoot "$d" "$2"
    xdotool key Escape
    sleep 0.5
  }

  for w in $widths; do
    ADW_DEBUG_COLOR_SCHEME=${SCHEME:-prefer-light} GSETTINGS_BACKEND=memory \
      GSETTINGS_SCHEMA_DIR="$builddir/data" ROSTER_LOCALEDIR="$builddir/po" \
      "$builddir/src/roster" --demo &
    pid=$!
    main=$(xdotool search --sync --onlyvisible --pid "$pid" | head -n 1)
    xdotool windowsize --sync "$main" "$w" "$height"
    sleep 3
    shoot "$main" list
    # The first webinar of the list: folded, it opens the content page.
    xdotool mousemove --window "$main" 150 110 click 1
    shoot "$main" overview
    xdotool windowfocus --sync "$main" key alt+2
    sleep 2
    shoot "$main" registrants
    # The last row in view, double-clicked, opens its details.
    xdotool mousemove --window "$main" $((w / 3)) $((height - 110)) click --repeat 2 1
    shoot "$main" details
    xdotool key Escape
    dialog ctrl+n register
    dialog ctrl+i import
    dialog ctrl+comma preferences
    dialog ctrl+shift+n connect
    kill "$pid"
    wait "$pid" || true
  done
' shoot "$builddir" "$out" "$widths"
echo "Wrote the screenshots in $out"
