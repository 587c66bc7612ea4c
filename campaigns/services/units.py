"""Importing the unit tree from a CSV file `code,name,level,parent_code` (the GSO lists).

All or nothing: every row is checked first and any problem aborts the import with messages that
name the line; only then is the whole file written in one transaction. Re-importing the same
file changes nothing. A row that differs from the open unit with its code (another name, level or
parent) closes that unit on `valid_from` and opens a new version; so do its descendants, whose
parent is then the new version.
"""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django.db import transaction

from danvan.text import nfc

from ..models import Unit
from ..models.units import DEFAULT_VALID_FROM, kind_for

HEADER = ["code", "name", "level", "parent_code"]
LEVELS = {choice.value for choice in Unit.Level}
# Which levels may sit under which: a commune under a province is the post-2025 two-level tree.
ALLOWED_PARENT_LEVELS = {
    "central": {None},
    "province": {None, "central"},
    "district": {"province"},
    "commune": {"district", "province"},
    "department": {"province", "district", "commune"},
}
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$")
MAX_REPORTED_ERRORS = 30
BATCH = 2000


class UnitImportError(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        shown = errors[:MAX_REPORTED_ERRORS]
        more = len(errors) - len(shown)
        text = "\n".join(shown) + (f"\n… và {more} lỗi khác." if more > 0 else "")
        super().__init__(f"Không nhập được tệp đơn vị; chưa có gì được ghi.\n{text}")


@dataclass
class _Row:
    line: int
    code: str
    name: str
    level: str
    parent_code: str


@dataclass
class UnitImportResult:
    rows: int = 0
    created: int = 0
    unchanged: int = 0
    versioned: int = 0
    closed: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.rows} dòng: {self.created} đơn vị mới, {self.versioned} đơn vị đổi (phiên bản mới), "
            f"{self.unchanged} không đổi, {self.closed} đơn vị hết hiệu lực."
        )


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        for number, raw in enumerate(data.split(b"\n"), start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                raise UnitImportError(
                    [f"Dòng {number}: không phải mã UTF-8 (tệp cần lưu dạng CSV UTF-8)."]
                ) from None
        raise


def _parse(text: str) -> tuple[list[_Row], list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    errors: list[str] = []
    try:
        header = next(reader)
    except StopIteration:
        raise UnitImportError(["Tệp rỗng."]) from None
    if [h.strip().lower() for h in header] != HEADER:
        raise UnitImportError([f"Dòng 1: tiêu đề phải là “{','.join(HEADER)}”, tệp có “{','.join(header)}”."])
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != 4:
            errors.append(f"Dòng {line}: cần 4 cột, có {len(cells)}.")
            continue
        code, name, level, parent_code = (nfc(" ".join(c.split())) for c in cells)
        if not code:
            errors.append(f"Dòng {line}: thiếu mã đơn vị.")
            continue
        if not CODE_RE.match(code):
            errors.append(f"Dòng {line}: mã “{code}” không hợp lệ (chỉ chữ, số, dấu . _ -; tối đa 20 ký tự).")
        if not name:
            errors.append(f"Dòng {line}: đơn vị {code} không có tên.")
        if level not in LEVELS:
            errors.append(f"Dòng {line}: cấp “{level}” không hợp lệ (province, district, commune, department).")
        if code in seen:
            errors.append(f"Dòng {line}: mã {code} trùng với dòng {seen[code]}.")
        else:
            seen[code] = line
        rows.append(_Row(line, code, name, level, parent_code))
    if not rows and not errors:
        raise UnitImportError(["Tệp không có dòng dữ liệu nào."])
    return rows, errors


def _line_of(message: str) -> int:
    match = re.match(r"Dòng (\d+)", message)
    return int(match.group(1)) if match else 0


def units_import(
    *, data: bytes, valid_from: dt.date = DEFAULT_VALID_FROM, close_missing: bool = False, root_code: str = ""
) -> UnitImportResult:
    """Import the CSV bytes; raise UnitImportError (nothing written) when any row is bad.

    `root_code` puts the file's parentless provinces under that (open, central) unit: the GSO
    list has no national row, a national deployment has one committee above the provinces.
    """
    rows, errors = _parse(_decode(data))
    if root_code:
        root = Unit.objects.open().filter(code=root_code, level=Unit.Level.CENTRAL).first()
        if root is None:
            raise UnitImportError([f"Không có đơn vị trung ương mã “{root_code}” để đặt các tỉnh vào."])
        for row in rows:
            if row.level == "province" and not row.parent_code:
                row.parent_code = root_code
    by_code = {}
    for row in rows:
        by_code.setdefault(row.code, row)
    open_units = {u.code: u for u in Unit.objects.open().only("id", "code", "name", "level", "kind", "parent_id", "path", "depth", "valid_from")}
    open_by_id = {u.id: u for u in open_units.values()}

    # Resolve every row's parent level and depth before writing anything.
    depth: dict[str, int] = {}

    def level_of(code: str) -> str | None:
        if code in by_code:
            return by_code[code].level
        unit = open_units.get(code)
        return unit.level if unit else None

    def resolve_depth(row: _Row, trail: tuple = ()) -> int | None:
        if row.code in depth:
            return depth[row.code]
        if not row.parent_code:
            depth[row.code] = 0
            return 0
        if row.parent_code in trail or row.parent_code == row.code:
            errors.append(f"Dòng {row.line}: đơn vị {row.code} nằm trong một vòng cha–con.")
            return None
        if row.parent_code in by_code:
            parent_depth = resolve_depth(by_code[row.parent_code], trail + (row.code,))
        elif row.parent_code in open_units:
            parent_depth = open_units[row.parent_code].depth
        else:
            errors.append(f"Dòng {row.line}: đơn vị cấp trên “{row.parent_code}” của {row.code} không có trong tệp và chưa có trong hệ thống.")
            return None
        if parent_depth is None:
            return None
        depth[row.code] = parent_depth + 1
        return depth[row.code]

    for row in rows:
        if row.level not in ALLOWED_PARENT_LEVELS:
            continue
        allowed = ALLOWED_PARENT_LEVELS[row.level]
        parent_level = level_of(row.parent_code) if row.parent_code else None
        if not row.parent_code and None not in allowed:
            errors.append(f"Dòng {row.line}: đơn vị {row.code} ({row.level}) phải có đơn vị cấp trên.")
            continue
        if row.parent_code and parent_level is not None and parent_level not in allowed:
            errors.append(
                f"Dòng {row.line}: đơn vị {row.code} ({row.level}) không thể trực thuộc {row.parent_code} ({parent_level})."
            )
            continue
        if row.parent_code and allowed == {None}:
            errors.append(f"Dòng {row.line}: đơn vị {row.code} ({row.level}) không được có đơn vị cấp trên.")
            continue
        resolve_depth(row)
    if errors:
        raise UnitImportError(sorted(errors, key=_line_of))

    result = UnitImportResult(rows=len(rows))
    ordered = sorted(rows, key=lambda r: (depth[r.code], r.line))
    current: dict[str, Unit] = {}  # code → the open version after this import
    to_close: list[Unit] = []
    to_create: list[Unit] = []

    for row in ordered:
        parent = None
        if row.parent_code:
            parent = current.get(row.parent_code) or open_units[row.parent_code]
        existing = open_units.get(row.code)
        kind = kind_for(row.level, row.name)
        if existing is not None:
            same = (
                existing.name == row.name
                and existing.level == row.level
                and existing.kind == kind
                and existing.parent_id == (parent.id if parent else None)
            )
            if same:
                current[row.code] = existing
                result.unchanged += 1
                continue
            if valid_from <= existing.valid_from:
                errors.append(
                    f"Dòng {row.line}: đơn vị {row.code} đã có với thông tin khác (hiệu lực từ {existing.valid_from:%d/%m/%Y}); "
                    f"để ghi thay đổi, nhập với ngày hiệu lực sau ngày đó (--valid-from)."
                )
                continue
            existing.valid_to = valid_from
            to_close.append(existing)
            result.versioned += 1
        else:
            result.created += 1
        path = (parent.path if parent else "/") + row.code + "/"
        unit = Unit(
            code=row.code,
            name=row.name,
            level=row.level,
            kind=kind,
            parent=parent,
            path=path,
            depth=depth[row.code],
            position=row.line,
            valid_from=valid_from,
        )
        current[row.code] = unit
        to_create.append(unit)
    if errors:
        raise UnitImportError(errors)

    with transaction.atomic():
        if to_close:
            Unit.objects.bulk_update(to_close, ["valid_to"], batch_size=BATCH)
        # Parents first, so each batch's parent ids exist when its children are written.
        for level_depth in sorted({u.depth for u in to_create}):
            batch = [u for u in to_create if u.depth == level_depth]
            for u in batch:
                if u.parent is not None and u.parent_id is None:
                    u.parent_id = u.parent.id
            Unit.objects.bulk_create(batch, batch_size=BATCH)
        if close_missing:
            roots = {("/" + r.code + "/") for r in rows if depth[r.code] == 0}
            missing = [
                u
                for u in open_by_id.values()
                if u.code not in by_code and any(u.path.startswith(root) for root in roots)
            ]
            for u in missing:
                u.valid_to = valid_from
            Unit.objects.bulk_update(missing, ["valid_to"], batch_size=BATCH)
            result.closed = len(missing)
        if to_close or to_create or close_missing:
            from ..unit_cache import bump_units_version

            bump_units_version()  # bulk writes send no signals
    return result
