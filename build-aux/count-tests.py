#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts individual test cases in a meson testlog.json.

A TAP-speaking program counts each `ok` / `not ok` line; any other program counts as one case.
A program that failed without reporting a failing case (a crash, a timeout) adds one failure.
Prints the failing cases, then `N passed, N failed` as the last line.
"""
import json
import re
import sys

TAP_LINE = re.compile(r'^(not ok|ok)\b(.*)$')

passed = failed = skipped = 0
failures = []

with open(sys.argv[1], encoding='utf-8', errors='replace') as log:
    for line in log:
        if not line.strip():
            continue
        entry = json.loads(line)
        name, result = entry['name'], entry['result']
        p = f = s = 0
        for out_line in (entry.get('stdout') or '').splitlines():
            m = TAP_LINE.match(out_line.strip())
            if not m:
                continue
            if '# SKIP' in m.group(2).upper():
                s += 1
            elif m.group(1) == 'ok':
                p += 1
            else:
                f += 1
                failures.append(f'{name}: {out_line.strip()}')
        if p + f + s == 0:
            if result in ('OK', 'EXPECTEDFAIL'):
                p = 1
            elif result == 'SKIP':
                s = 1
            else:
                f = 1
                failures.append(f'{name}: {result}')
        elif result not in ('OK', 'EXPECTEDFAIL', 'SKIP') and f == 0:
            f = 1
            failures.append(f'{name}: {result} (after {p} passing cases)')
        passed, failed, skipped = passed + p, failed + f, skipped + s

for failure in failures:
    print(f'FAILED {failure}')
summary = f'{passed} passed, {failed} failed'
if skipped:
    summary += f', {skipped} skipped'
print(summary)
sys.exit(1 if failed else 0)
