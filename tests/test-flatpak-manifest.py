#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest against the tree it packages, and that an install to /app has
every file the manifest and the metadata promise. Prints TAP, one line per check."""
import configparser
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SOURCE_ROOT = os.environ.get('ROSTER_SOURCE_ROOT') or \
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MANIFEST = os.path.join(SOURCE_ROOT, 'flatpak', 'io.github.rosterapp.Roster.json')

results = []


def check(ok, description, *diagnostics):
    results.append((bool(ok), description, [str(d) for d in diagnostics if d]))
    return bool(ok)


def finish():
    print('1..{}'.format(len(results)))
    for number, (ok, description, diagnostics) in enumerate(results, 1):
        print('{} {} - {}'.format('ok' if ok else 'not ok', number, description))
        for diagnostic in diagnostics:
            for line in diagnostic.splitlines():
                print('#   ' + line)
    sys.stdout.flush()
    return 0 if all(ok for ok, _, _ in results) else 1


def only(paths, what):
    if len(paths) != 1:
        raise RuntimeError('expected one {}, found {}'.format(what, paths))
    return paths[0]


def main():
    try:
        with open(MANIFEST, encoding='utf-8') as f:
            manifest = json.load(f)
        check(isinstance(manifest, dict), 'manifest is valid JSON')
    except (OSError, ValueError) as e:
        check(False, 'manifest is valid JSON', e)
        return finish()

    app_id = manifest.get('id')
    data = os.path.join(SOURCE_ROOT, 'data')
    desktop_in = only(glob.glob(os.path.join(data, '*.desktop.in')), 'desktop file')
    metainfo_in = only(glob.glob(os.path.join(data, '*.metainfo.xml.in')), 'metainfo file')
    schema = only(glob.glob(os.path.join(data, '*.gschema.xml')), 'schema')

    desktop_id = os.path.basename(desktop_in)[:-len('.desktop.in')]
    check(app_id == desktop_id, 'id equals the desktop file name',
          'id {!r}, desktop file {!r}'.format(app_id, desktop_id))

    metainfo = ET.parse(metainfo_in).getroot()
    check(metainfo.findtext('id') == app_id, 'id equals the metainfo <id>',
          'metainfo id {!r}'.format(metainfo.findtext('id')))
    launchables = [l.text for l in metainfo.findall('launchable')
                   if l.get('type') == 'desktop-id']
    check(launchables == [app_id + '.desktop'], 'metainfo <launchable> names the desktop file',
          'launchables {!r}'.format(launchables))
    check(os.path.basename(metainfo_in) == app_id + '.metainfo.xml.in',
          'metainfo file is named after the id')

    schema_ids = [s.get('id') for s in ET.parse(schema).getroot().findall('schema')]
    check(app_id in schema_ids, 'id equals the GSettings schema id',
          'schema ids {!r}'.format(schema_ids))

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(desktop_in, encoding='utf-8')
    exec_line = parser.get('Desktop Entry', 'Exec', fallback='')
    exec_program = exec_line.split()[0] if exec_line.split() else ''
    command = manifest.get('command')
    check(command and command == exec_program, 'command equals the Exec= of the desktop file',
          'command {!r}, Exec={!r}'.format(command, exec_line))
    check(parser.get('Desktop Entry', 'Icon', fallback='') == app_id,
          'desktop file Icon= is the id')

    finish_args = manifest.get('finish-args', [])
    check(not [a for a in finish_args if a.startswith('--filesystem')],
          'finish-args grant no filesystem access', finish_args)
    check(not [a for a in finish_args if 'org.freedesktop.secrets' in a],
          'finish-args do not talk to org.freedesktop.secrets (the Secret portal is used)',
          finish_args)
    check(manifest.get('runtime') == 'org.gnome.Platform' and
          manifest.get('sdk') == 'org.gnome.Sdk', 'runtime and sdk are GNOME\'s')

    modules = [m for m in manifest.get('modules', []) if isinstance(m, dict)]
    roster = [m for m in modules if m.get('name') == 'roster']
    check(len(roster) == 1 and roster[0].get('buildsystem') == 'meson' and
          roster[0].get('run-tests') is True and
          roster[0].get('test-rule') == 'test-headless',
          'the roster module builds with meson and runs the headless tests', roster)
    sources = roster[0].get('sources', []) if roster else []
    check(any(s.get('type') == 'dir' and
              os.path.realpath(os.path.join(os.path.dirname(MANIFEST), s.get('path', ''))) ==
              os.path.realpath(SOURCE_ROOT) for s in sources),
          'the roster module is built from this source tree', sources)

    # A real install to /app, as flatpak-builder does it.
    tmp = tempfile.mkdtemp(prefix='roster-flatpak-')
    try:
        builddir = os.path.join(tmp, 'build')
        destdir = os.path.join(tmp, 'dest')
        steps = [
            ['meson', 'setup', '--prefix=/app', '-Dtests=false', builddir, SOURCE_ROOT],
            ['meson', 'compile', '-C', builddir],
            ['meson', 'install', '--quiet', '-C', builddir, '--destdir', destdir],
        ]
        env = dict(os.environ, DESTDIR=destdir)
        for step in steps:
            proc = subprocess.run(step, capture_output=True, text=True, env=env)
            if not check(proc.returncode == 0, ' '.join(step[:2]) + ' to /app succeeds',
                         (proc.stdout + proc.stderr)[-4000:] if proc.returncode else ''):
                return finish()

        app = os.path.join(destdir, 'app')
        binary = os.path.join(app, 'bin', command or 'roster')
        check(os.path.isfile(binary) and os.access(binary, os.X_OK),
              'meson installs the command bin/{}'.format(command))
        for path in [
            'share/applications/{}.desktop',
            'share/metainfo/{}.metainfo.xml',
            'share/glib-2.0/schemas/{}.gschema.xml',
            'share/icons/hicolor/scalable/apps/{}.svg',
            'share/icons/hicolor/symbolic/apps/{}-symbolic.svg',
            'share/locale/de/LC_MESSAGES/roster.mo',
            'share/dbus-1/services/{}.service',
            'share/gnome-shell/search-providers/{}.search-provider.ini',
        ]:
            path = path.format(app_id)
            check(os.path.isfile(os.path.join(app, path)), 'meson installs ' + path)

        # The translated desktop file is the one that lands, with the German name merged in.
        installed = configparser.ConfigParser(interpolation=None, strict=False)
        installed.optionxform = str
        installed.read(os.path.join(app, 'share/applications/{}.desktop'.format(app_id)),
                       encoding='utf-8')
        check(installed.has_option('Desktop Entry', 'Comment[de]'),
              'installed desktop file carries the German translation')
        # Shell starts the search provider by D-Bus activation, from the installed binary.
        service = configparser.ConfigParser(interpolation=None, strict=False)
        service.optionxform = str
        service.read(os.path.join(app, 'share/dbus-1/services/{}.service'.format(app_id)),
                     encoding='utf-8')
        check(service.get('D-BUS Service', 'Exec', fallback='').split()[:1] ==
              ['/app/bin/' + (command or 'roster')],
              'the D-Bus service starts the installed command',
              service.get('D-BUS Service', 'Exec', fallback=''))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    return finish()


if __name__ == '__main__':
    try:
        sys.exit(main())
    except Exception as e:  # a broken tree is a failed check, not a traceback without TAP
        check(False, 'unexpected error', repr(e))
        sys.exit(finish() or 1)
