#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes the XLSX and ODS fixtures here with LibreOffice Calc (Debian's libreoffice-calc-nogui,
# 7.4.7), from the CSV and flat ODS files in source/, and the hostile files with Python.
# Run from this folder: sh make-fixtures.sh
set -eu
out=$(mktemp -d)
# CSV: comma, double quote, UTF-8 (76), from line 1, standard cells, en-US, quoted as text
# off, special numbers (dates) detected: so phones become numbers and dates real dates.
soffice --headless --infilter="CSV:44,34,76,1,,1033,false,true" --convert-to xlsx --outdir "$out" source/contacts.csv
soffice --headless --infilter="CSV:44,34,76,1,,1033,false,true" --convert-to ods --outdir "$out" source/contacts.csv
# Several sheets, merged cells, a zero-padded phone format, a DD.MM.YYYY date, empty runs.
soffice --headless --convert-to xlsx --outdir "$out" source/workbook.fods
soffice --headless --convert-to ods --outdir "$out" source/workbook.fods
cp "$out"/contacts.xlsx "$out"/contacts.ods "$out"/workbook.xlsx "$out"/workbook.ods .
rm -rf "$out"
python3 make-hostile.py
