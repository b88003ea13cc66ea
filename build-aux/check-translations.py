#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that translations are complete for the strings the sources have now.

Usage: check-translations.py SOURCE_ROOT LANG...

Extracts a fresh template from every file in po/POTFILES.in with the same xgettext call as
meson's i18n 'glib' preset (so .c, .ui, .desktop.in, .gschema.xml and .metainfo.xml.in are all
covered), merges each po/LANG.po against it and fails, naming every message, when one is
untranslated or fuzzy. Also runs `msgfmt --check` and checks the header. Prints TAP.
"""
import os
import subprocess
import sys
import tempfile

XGETTEXT_ARGS = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
]


def unquote(text):
    """Decodes the body of a PO string literal."""
    out = []
    i = 0
    escapes = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\', 'a': '\a', 'b': '\b',
               'f': '\f', 'v': '\v'}
    while i < len(text):
        c = text[i]
        if c == '\\' and i + 1 < len(text):
            out.append(escapes.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def parse_po(path):
    """Returns a list of entries: dicts with ctxt, id, plural, strs (list), flags (set)."""
    entries = []
    entry = None
    field = None

    def finish():
        if entry is not None and 'id' in entry:
            entries.append(entry)

    with open(path, encoding='utf-8') as po:
        for raw in po:
            line = raw.strip()
            if not line:
                finish()
                entry, field = None, None
                continue
            if line.startswith('#~'):
                continue  # obsolete
            if entry is None:
                entry = {'ctxt': None, 'plural': None, 'strs': {}, 'flags': set()}
            if line.startswith('#,'):
                entry['flags'].update(f.strip() for f in line[2:].split(','))
                continue
            if line.startswith('#'):
                continue
            if line.startswith('"'):
                value = unquote(line[1:-1])
                if field[0] == 'strs':
                    entry['strs'][field[1]] += value
                else:
                    entry[field] += value
                continue
            keyword, _, rest = line.partition(' ')
            value = unquote(rest.strip()[1:-1])
            if keyword == 'msgctxt':
                entry['ctxt'], field = value, 'ctxt'
            elif keyword == 'msgid':
                entry['id'], field = value, 'id'
            elif keyword == 'msgid_plural':
                entry['plural'], field = value, 'plural'
            elif keyword.startswith('msgstr'):
                index = int(keyword[7:-1]) if keyword.startswith('msgstr[') else 0
                entry['strs'][index] = value
                field = ('strs', index)
    finish()
    return entries


def describe(entry):
    text = entry['id'].replace('\n', '\\n')
    if len(text) > 70:
        text = text[:67] + '...'
    if entry['ctxt'] is not None:
        return '"{}" (context "{}")'.format(text, entry['ctxt'])
    return '"{}"'.format(text)


def main():
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    srcroot = sys.argv[1]
    languages = sys.argv[2:]
    po_dir = os.path.join(srcroot, 'po')

    results = []  # (ok, description, diagnostics)

    with tempfile.TemporaryDirectory(prefix='roster-po-') as tmp:
        # POTFILES.in may carry comments, which xgettext -f does not allow.
        potfiles = os.path.join(tmp, 'POTFILES')
        with open(os.path.join(po_dir, 'POTFILES.in'), encoding='utf-8') as src, \
             open(potfiles, 'w', encoding='utf-8') as dst:
            for line in src:
                line = line.strip()
                if line and not line.startswith('#'):
                    dst.write(line + '\n')

        pot = os.path.join(tmp, 'roster.pot')
        proc = subprocess.run(['xgettext', '--package-name=roster', '-D', srcroot,
                               '-f', potfiles, '-o', pot] + XGETTEXT_ARGS,
                              capture_output=True, text=True)
        if proc.returncode != 0 or not os.path.exists(pot):
            print('1..1')
            print('not ok 1 - extract messages from po/POTFILES.in')
            for line in proc.stderr.splitlines():
                print('# ' + line)
            return 1
        n_messages = sum(1 for e in parse_po(pot) if e['id'] != '')

        for lang in languages:
            po = os.path.join(po_dir, lang + '.po')
            if not os.path.exists(po):
                results.append((False, '{}.po exists'.format(lang), []))
                continue

            merged = os.path.join(tmp, lang + '.po')
            proc = subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged,
                                   po, pot], capture_output=True, text=True)
            if proc.returncode != 0:
                results.append((False, '{}.po merges with the sources'.format(lang),
                                proc.stderr.splitlines()))
                continue

            problems = []
            for entry in parse_po(merged):
                if entry['id'] == '':
                    continue
                if 'fuzzy' in entry['flags']:
                    problems.append('fuzzy: ' + describe(entry))
                elif not entry['strs'] or any(s == '' for s in entry['strs'].values()):
                    problems.append('untranslated: ' + describe(entry))
            results.append((not problems,
                            '{}.po translates all {} messages of the sources'.format(lang,
                                                                                  n_messages),
                            problems))

            proc = subprocess.run(['msgfmt', '--check', '-o', os.devnull, po],
                                  capture_output=True, text=True)
            results.append((proc.returncode == 0,
                            '{}.po passes msgfmt --check'.format(lang),
                            proc.stderr.splitlines()))

            header = next((e for e in parse_po(po) if e['id'] == '' and e['ctxt'] is None), None)
            fields = {}
            if header is not None:
                for line in header['strs'].get(0, '').splitlines():
                    key, _, value = line.partition(':')
                    fields[key.strip()] = value.strip()
            header_problems = []
            if fields.get('Language') != lang:
                header_problems.append('Language is "{}"'.format(fields.get('Language')))
            if 'charset=UTF-8' not in fields.get('Content-Type', ''):
                header_problems.append('Content-Type is not charset=UTF-8')
            if not fields.get('Plural-Forms', '').startswith('nplurals='):
                header_problems.append('Plural-Forms is missing')
            results.append((not header_problems, '{}.po header is complete'.format(lang),
                            header_problems))

    print('1..{}'.format(len(results)))
    for number, (ok, description, diagnostics) in enumerate(results, 1):
        print('{} {} - {}'.format('ok' if ok else 'not ok', number, description))
        for line in diagnostics:
            print('#   ' + line)
    return 0 if all(ok for ok, _, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
