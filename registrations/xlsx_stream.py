"""A minimal streaming .xlsx (Office Open XML spreadsheet) writer: rows go straight into the
compressed sheet member of the zip, so memory stays flat and 100,000 rows take seconds.

openpyxl's write-only mode also keeps memory flat but spends ~0.9 ms per row of 20 cells
(measured here: 85 s for 100,000 rows, beyond a web worker's timeout); this writer produces the
same kind of file (inline strings, real dates with a number format, bold headers, frozen header
rows, column widths) by writing the XML itself. Files open in Excel, LibreOffice and openpyxl.
"""

import datetime as dt
import re
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape

# Styles (cellXfs indexes) defined in STYLES below.
PLAIN, BOLD_WRAP, DATE, DATETIME, TITLE = 0, 1, 2, 3, 4

_EPOCH = dt.datetime(1899, 12, 30)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""

WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""

WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>
</cp:coreProperties>"""

STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/></numFmts>
<fonts count="3">
<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>
<font><b/><sz val="13"/><name val="Calibri"/><family val="2"/></font>
</fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment wrapText="1" vertical="center"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: str) -> str:
    return escape(_INVALID_XML.sub("", value))


class StreamingXlsx:
    """Write rows one by one into `fileobj` (a binary file); call close() at the end."""

    def __init__(
        self, fileobj, *, sheet_name: str, widths: list[float], freeze_rows: int = 0, title: str = "", creator: str = ""
    ):
        self.zip = zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=5)
        self.zip.writestr("[Content_Types].xml", CONTENT_TYPES)
        self.zip.writestr("_rels/.rels", ROOT_RELS)
        self.zip.writestr("xl/workbook.xml", WORKBOOK.format(name=_text(sheet_name[:31])))
        self.zip.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        self.zip.writestr("xl/styles.xml", STYLES)
        created = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.zip.writestr("docProps/core.xml", CORE.format(title=_text(title), creator=_text(creator), created=created))
        self.sheet = self.zip.open("xl/worksheets/sheet1.xml", "w")
        self.letters = [column_letter(i) for i in range(1, max(len(widths), 1) + 60)]
        self.row_number = 0
        head = [
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        ]
        if freeze_rows:
            head.append(
                f'<sheetViews><sheetView workbookViewId="0"><pane ySplit="{freeze_rows}" topLeftCell="A{freeze_rows + 1}" '
                'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
            )
        head.append("<cols>")
        head.extend(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, start=1))
        head.append("</cols><sheetData>")
        self._write("".join(head))

    def _write(self, text: str) -> None:
        self.sheet.write(text.encode("utf-8"))

    def write_row(self, values, *, style: int | None = None) -> None:
        """Strings, numbers, dates and datetimes (naive, local); None leaves the cell empty."""
        self.row_number += 1
        n = self.row_number
        cells = []
        for letter, value in zip(self.letters, values, strict=False):
            if value is None or value == "":
                continue
            ref = f"{letter}{n}"
            s = f' s="{style}"' if style else ""
            if isinstance(value, bool):
                cells.append(f'<c r="{ref}" t="b"{s}><v>{int(value)}</v></c>')
            elif isinstance(value, int | float | Decimal):
                cells.append(f'<c r="{ref}"{s}><v>{value}</v></c>')
            elif isinstance(value, dt.datetime):
                serial = (value.replace(tzinfo=None) - _EPOCH).total_seconds() / 86400
                cells.append(f'<c r="{ref}" s="{DATETIME}"><v>{serial:.6f}</v></c>')
            elif isinstance(value, dt.date):
                serial = (value - _EPOCH.date()).days
                cells.append(f'<c r="{ref}" s="{DATE}"><v>{serial}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"{s}><is><t xml:space="preserve">{_text(str(value))}</t></is></c>')
        self._write(f'<row r="{n}">{"".join(cells)}</row>')

    def close(self) -> None:
        self._write("</sheetData></worksheet>")
        self.sheet.close()
        self.zip.close()
