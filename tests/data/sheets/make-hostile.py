#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the hostile files the sheet reader must refuse with a clear error and bounded memory.
import zipfile

WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>')
SHEET_HEAD = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_TAIL = '</sheetData></worksheet>'


def xlsx(name, sheet):
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr('xl/workbook.xml', WORKBOOK)
        z.writestr('xl/_rels/workbook.xml.rels', RELS)
        z.writestr('xl/worksheets/sheet1.xml', sheet)


def row(cell):
    return '<row r="1"><c r="A1" t="inlineStr"><is><t>%s</t></is></c></row>' % cell


LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY lol "lol">' +
          ''.join('<!ENTITY lol%d "%s">' % (i, ('&lol%s;' % (i - 1 if i > 1 else '')) * 10)
                  for i in range(1, 10)) + ']>')

# A sheet that unpacks to 300 MiB of spaces from a few hundred KiB.
with zipfile.ZipFile('zip-bomb.xlsx', 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr('xl/workbook.xml', WORKBOOK)
    z.writestr('xl/_rels/workbook.xml.rels', RELS)
    with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=True) as member:
        member.write(SHEET_HEAD.encode())
        chunk = b' ' * (1024 * 1024)
        for _ in range(300):
            member.write(chunk)
        member.write(SHEET_TAIL.encode())

xlsx('billion-laughs.xlsx', '<?xml version="1.0"?>' + LAUGHS + SHEET_HEAD + row('&lol9;') + SHEET_TAIL)
xlsx('external-entity.xlsx',
     '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY ext SYSTEM "file:///etc/passwd">'
     '<!ENTITY net SYSTEM "http://127.0.0.1:9/x">]>' + SHEET_HEAD + row('&ext;&net;') + SHEET_TAIL)

with zipfile.ZipFile('billion-laughs.ods', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', zipfile.ZIP_STORED)
    z.writestr('content.xml', '<?xml version="1.0"?>' + LAUGHS.replace('worksheet', 'office:document-content') +
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               '<table:table table:name="S"><table:table-row><table:table-cell><text:p>&lol9;</text:p>'
               '</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>'
               '</office:document-content>')

# A huge sheet in a few bytes: one cell repeated past every cap.
with zipfile.ZipFile('huge-repeat.ods', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', zipfile.ZIP_STORED)
    z.writestr('content.xml', '<?xml version="1.0"?>'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               '<table:table table:name="S"><table:table-row table:number-rows-repeated="1048576">'
               '<table:table-cell table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell>'
               '</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>')

# The OLE2 compound file's magic: legacy Excel.
with open('legacy.xls', 'wb') as f:
    f.write(bytes.fromhex('D0CF11E0A1B11AE1') + bytes(504))

with zipfile.ZipFile('not-a-sheet.zip', 'w') as z:
    z.writestr('readme.txt', 'hello')
