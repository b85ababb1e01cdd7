"""CSV and ODS files of the evaluation tables: the same suppressed figures as the page (no Flask).

The ODS file is written directly (a zip with the OpenDocument spreadsheet parts), so no extra library
is needed for a handful of small tables. Labels arrive translated; a hidden figure is the words
"fewer than 5" in the reader's language, never a number.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

Cell = str | int


@dataclass(frozen=True)
class Sheet:
    """One exported table: a name, a header row and rows of cells."""

    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]


def _safe(cell: Cell) -> Cell:
    """Keep a text cell from being read as a formula by a spreadsheet (CSV injection)."""
    if isinstance(cell, str) and cell[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + cell
    return cell


def to_csv(sheets: Sequence[Sheet]) -> str:
    """All tables one after the other, each with its name and header, separated by an empty line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for index, sheet in enumerate(sheets):
        if index:
            writer.writerow([])
        writer.writerow([_safe(sheet.name)])
        writer.writerow([_safe(cell) for cell in sheet.header])
        for row in sheet.rows:
            writer.writerow([_safe(cell) for cell in row])
    return out.getvalue()


_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def _cell(value: Cell) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def _row(cells: Sequence[Cell]) -> str:
    return "<table:table-row>" + "".join(_cell(cell) for cell in cells) + "</table:table-row>"


def to_ods(sheets: Sequence[Sheet]) -> bytes:
    """An OpenDocument spreadsheet with one sheet per table."""
    tables = []
    for sheet in sheets:
        name = sheet.name.replace("[", "(").replace("]", ")")[:31] or "table"
        body = _row(list(sheet.header)) + "".join(_row(list(row)) for row in sheet.rows)
        tables.append(f"<table:table table:name={quoteattr(name)}>{body}</table:table>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>" + "".join(tables) + "</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # The mimetype comes first and uncompressed, so tools recognise the file.
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", _MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
