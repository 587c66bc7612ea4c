"""Reading an uploaded .xlsx or .csv table for imports, with errors that name the row.

The type is decided by content (an Office Open XML spreadsheet, or UTF-8 text), never by the
file name. Headers are matched after folding, so "Họ và tên", "HO VA TEN" and "ho va ten" all
match; each column lists the header spellings it accepts.
"""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from core.exports import BOLD, StreamingXlsx
from core.text import fold, nfc
from core.uploads import sniff

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class TableRow:
    line: int
    values: dict[str, str]


def _normalise(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(" ".join(str(value).split()))


def _rows_from_xlsx(data: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ValidationError("Tệp .xlsx bị hỏng hoặc không đúng định dạng Excel.", code="bad_xlsx") from exc
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [_normalise(v) for v in row]
    finally:
        workbook.close()


def _rows_from_csv(data: bytes):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            "Tệp .csv phải được lưu với mã UTF-8 (trong Excel: Lưu thành → CSV UTF-8).", code="bad_encoding"
        ) from exc
    if "\x00" in text:
        raise ValidationError("Tệp không phải bảng tính .xlsx hay .csv.", code="bad_type")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield [_normalise(v) for v in row]


def read_table(
    uploaded, *, columns: dict[str, tuple[str, ...]], required: tuple[str, ...], max_rows: int = 2000
) -> list[TableRow]:
    """Rows of the first sheet as dicts keyed by the column keys; raise ValidationError for a file
    that cannot be read as a table at all (row-level problems are the caller's to report)."""
    if uploaded.size > MAX_BYTES:
        raise ValidationError("Tệp quá lớn (tối đa 5 MB).", code="too_large")
    data = uploaded.read()
    uploaded.seek(0)
    mime = sniff(uploaded)
    if mime == XLSX:
        rows = _rows_from_xlsx(data)
    elif mime is None:
        rows = _rows_from_csv(data)
    else:
        raise ValidationError("Tệp không phải bảng tính .xlsx hay .csv.", code="bad_type")

    accepted = {fold(name): key for key, names in columns.items() for name in names}
    header_map: dict[int, str] | None = None
    result: list[TableRow] = []
    for line, cells in enumerate(rows, start=1):
        if not any(cells):
            continue
        if header_map is None:
            header_map = {i: accepted[fold(c)] for i, c in enumerate(cells) if fold(c) in accepted}
            missing = [columns[k][0] for k in required if k not in header_map.values()]
            if missing:
                raise ValidationError(
                    "Dòng %(line)s: thiếu cột %(missing)s. Hãy dùng tệp mẫu.",
                    code="missing_columns",
                    params={"line": line, "missing": ", ".join(f"“{m}”" for m in missing)},
                )
            continue
        values = {key: (cells[i] if i < len(cells) else "") for i, key in header_map.items()}
        result.append(TableRow(line, values))
        if len(result) > max_rows:
            raise ValidationError("Tệp có quá %(max)s dòng; hãy chia nhỏ.", code="too_many_rows", params={"max": max_rows})
    if header_map is None:
        raise ValidationError("Tệp rỗng.", code="empty")
    if not result:
        raise ValidationError("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.", code="no_rows")
    return result


def xlsx_template(headers: list[str], example: list[str] | None = None, title: str = "Danh sách") -> bytes:
    """A small .xlsx with the header row (and an example row) for users to fill in."""
    buffer = io.BytesIO()
    book = StreamingXlsx(buffer, sheet_name=title, widths=[max(14, len(h) + 6) for h in headers])
    book.write_row(headers, style=BOLD)
    if example:
        book.write_row(example)
    book.close()
    return buffer.getvalue()
