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
  gsettings-desktop-schemas
  xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools
  libsqlite3-dev
  locales
  libportal-gtk4-dev
  python3 imagemagick adwaita-icon-theme fonts-cantarell librsvg2-common xdotool
  at-spi2-core python3-pyatspi gir1.2-atspi-2.0
"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ -n "$missing" ]; then
  echo "Installing:$missing" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The money and time formats are tested in German and US English.
for l in de_DE en_US; do
  if ! locale -a | grep -qi "^$l\.utf-\?8$"; then
    $SUDO sed -i "s/^# *\($l\.UTF-8 UTF-8\)/\1/" /etc/locale.gen
    need_gen=1
  fi
done
[ -n "${need_gen:-}" ] && $SUDO locale-gen >/dev/null
exit 0
