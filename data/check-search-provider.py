#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validates the GNOME Shell search provider file against the application it names: the keys
Shell reads, the bus name and object path the application registers, and the D-Bus activation
that Shell needs to start it (the .service file and DBusActivatable in the desktop file).
Usage: check-search-provider.py INI APP_ID SERVICE DESKTOP. Prints TAP."""
import configparser
import sys

ini_path, app_id, service_path, desktop_path = sys.argv[1:5]
results = []


def check(ok, description, diagnostic=''):
    results.append((bool(ok), description, diagnostic))


def read(path):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    with open(path, encoding='utf-8') as f:
        parser.read_file(f)
    return parser


try:
    ini = read(ini_path)
    section = 'Shell Search Provider'
    check(ini.sections() == [section], 'one [Shell Search Provider] section', ini.sections())
    keys = dict(ini.items(section)) if ini.has_section(section) else {}
    check(set(keys) == {'DesktopId', 'BusName', 'ObjectPath', 'Version'},
          'the keys Shell reads, and no others', sorted(keys))
    check(keys.get('DesktopId') == app_id + '.desktop', 'DesktopId is the desktop file',
          keys.get('DesktopId'))
    check(keys.get('BusName') == app_id, 'BusName is the application ID', keys.get('BusName'))
    check(keys.get('ObjectPath') == '/' + app_id.replace('.', '/') + '/SearchProvider',
          'ObjectPath is the application\'s path + /SearchProvider', keys.get('ObjectPath'))
    check(keys.get('Version') == '2', 'Version is 2 (org.gnome.Shell.SearchProvider2)',
          keys.get('Version'))

    service = read(service_path)
    check(service.get('D-BUS Service', 'Name', fallback=None) == app_id,
          'the D-Bus service file owns the bus name', service.items('D-BUS Service'))
    exec_line = service.get('D-BUS Service', 'Exec', fallback='')
    check(exec_line.startswith('/') and exec_line.endswith(' --gapplication-service'),
          'the service starts the application as a service', exec_line)

    desktop = read(desktop_path)
    check(desktop.get('Desktop Entry', 'DBusActivatable', fallback='') == 'true',
          'the desktop file is DBusActivatable')
except Exception as e:  # a broken file is a failed check, not a traceback without TAP
    check(False, 'files parse', repr(e))

print('1..{}'.format(len(results)))
for number, (ok, description, diagnostic) in enumerate(results, 1):
    print('{} {} - {}'.format('ok' if ok else 'not ok', number, description))
    if not ok and diagnostic:
        print('#   {}'.format(diagnostic))
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
