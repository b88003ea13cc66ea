#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs Roster's build and test dependencies on Debian 12 when any is missing.
set -eu

PACKAGES="
  build-essential pkg-config meson ninja-build gettext itstool
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  libgsf-1-dev
  libxml2-dev
  desktop-file-utils appstream
  xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools
  libsqlite3-dev
  python3 imagemagick adwaita-icon-theme fonts-cantarell librsvg2-common xdotool
  at-spi2-core python3-pyatspi gir1.2-atspi-2.0
"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing:$missing" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
