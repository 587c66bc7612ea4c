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
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import figures
from core.text import nfc
from units.models import DEFAULT_VALID_FROM, Unit, kind_for

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
        lines = errors[:MAX_REPORTED_ERRORS]
        more = len(errors) - len(lines)
        if more > 0:
            lines = [*lines, ngettext("… và %(n)s lỗi khác.", "… và %(n)s lỗi khác.", more) % {"n": more}]
        super().__init__("\n".join([_("Không nhập được tệp đơn vị; chưa có gì được ghi."), *lines]))


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
        return _(
            "%(rows)s dòng: %(created)s đơn vị mới, %(versioned)s đơn vị đổi (phiên bản mới), "
            "%(unchanged)s không đổi, %(closed)s đơn vị hết hiệu lực."
        ) % {
            "rows": self.rows,
            "created": self.created,
            "versioned": self.versioned,
            "unchanged": self.unchanged,
            "closed": self.closed,
        }


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
                    [_("Dòng %(line)s: không phải mã UTF-8 (tệp cần lưu dạng CSV UTF-8).") % {"line": number}]
                ) from None
        raise


def _parse(text: str) -> tuple[list[_Row], list[tuple[int, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    errors: list[tuple[int, str]] = []  # (line, message)
    try:
        header = next(reader)
    except StopIteration:
        raise UnitImportError([_("Tệp rỗng.")]) from None
    if [h.strip().lower() for h in header] != HEADER:
        raise UnitImportError(
            [
                _("Dòng %(line)s: tiêu đề phải là “%(expected)s”, tệp có “%(found)s”.")
                % {"line": 1, "expected": ",".join(HEADER), "found": ",".join(header)}
            ]
        )
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != 4:
            errors.append((line, _("Dòng %(line)s: cần 4 cột, có %(n)s.") % {"line": line, "n": len(cells)}))
            continue
        code, name, level, parent_code = (nfc(" ".join(c.split())) for c in cells)
        if not code:
            errors.append((line, _("Dòng %(line)s: thiếu mã đơn vị.") % {"line": line}))
            continue
        if not CODE_RE.match(code):
            msg = _("Dòng %(line)s: mã “%(code)s” không hợp lệ (chỉ chữ, số, dấu . _ -; tối đa 20 ký tự).")
            errors.append((line, msg % {"line": line, "code": code}))
        if not name:
            errors.append((line, _("Dòng %(line)s: đơn vị %(code)s không có tên.") % {"line": line, "code": code}))
        if level not in LEVELS:
            msg = _("Dòng %(line)s: cấp “%(level)s” không hợp lệ (province, district, commune, department).")
            errors.append((line, msg % {"line": line, "level": level}))
        if code in seen:
            msg = _("Dòng %(line)s: mã %(code)s trùng với dòng %(other)s.")
            errors.append((line, msg % {"line": line, "code": code, "other": seen[code]}))
        else:
            seen[code] = line
        rows.append(_Row(line, code, name, level, parent_code))
    if not rows and not errors:
        raise UnitImportError([_("Tệp không có dòng dữ liệu nào.")])
    return rows, errors


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
            raise UnitImportError([_("Không có đơn vị trung ương mã “%(code)s” để đặt các tỉnh vào.") % {"code": root_code}])
        for row in rows:
            if row.level == "province" and not row.parent_code:
                row.parent_code = root_code
    by_code = {}
    for row in rows:
        by_code.setdefault(row.code, row)
    open_units = {
        u.code: u
        for u in Unit.objects.open().only("id", "code", "name", "level", "kind", "parent_id", "path", "depth", "valid_from")
    }
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
            msg = _("Dòng %(line)s: đơn vị %(code)s nằm trong một vòng cha–con.")
            errors.append((row.line, msg % {"line": row.line, "code": row.code}))
            return None
        if row.parent_code in by_code:
            parent_depth = resolve_depth(by_code[row.parent_code], trail + (row.code,))
        elif row.parent_code in open_units:
            parent_depth = open_units[row.parent_code].depth
        else:
            msg = _("Dòng %(line)s: đơn vị cấp trên “%(parent)s” của %(code)s không có trong tệp và chưa có trong hệ thống.")
            errors.append((row.line, msg % {"line": row.line, "parent": row.parent_code, "code": row.code}))
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
            msg = _("Dòng %(line)s: đơn vị %(code)s (%(level)s) phải có đơn vị cấp trên.")
            errors.append((row.line, msg % {"line": row.line, "code": row.code, "level": row.level}))
            continue
        if row.parent_code and parent_level is not None and parent_level not in allowed:
            msg = _("Dòng %(line)s: đơn vị %(code)s (%(level)s) không thể trực thuộc %(parent)s (%(parent_level)s).")
            params = {
                "line": row.line,
                "code": row.code,
                "level": row.level,
                "parent": row.parent_code,
                "parent_level": parent_level,
            }
            errors.append((row.line, msg % params))
            continue
        if row.parent_code and allowed == {None}:
            msg = _("Dòng %(line)s: đơn vị %(code)s (%(level)s) không được có đơn vị cấp trên.")
            errors.append((row.line, msg % {"line": row.line, "code": row.code, "level": row.level}))
            continue
        resolve_depth(row)
    if errors:
        raise UnitImportError([msg for line, msg in sorted(errors, key=lambda e: e[0])])

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
                msg = _(
                    "Dòng %(line)s: đơn vị %(code)s đã có với thông tin khác (hiệu lực từ %(date)s); "
                    "để ghi thay đổi, nhập với ngày hiệu lực sau ngày đó (--valid-from)."
                )
                params = {"line": row.line, "code": row.code, "date": f"{existing.valid_from:%d/%m/%Y}"}
                errors.append((row.line, msg % params))
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
        raise UnitImportError([msg for line, msg in errors])

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
            missing = [u for u in open_by_id.values() if u.code not in by_code and any(u.path.startswith(root) for root in roots)]
            for u in missing:
                u.valid_to = valid_from
            Unit.objects.bulk_update(missing, ["valid_to"], batch_size=BATCH)
            result.closed = len(missing)
        if to_close or to_create or close_missing:
            from units.cache import bump_units_version

            bump_units_version()  # bulk writes send no signals
            # A new tree: every figure is counted again under the units now open (the totals of a
            # new version of a unit include the rows of its closed predecessors' subtrees).
            figures.changed(units=None)
    return result
