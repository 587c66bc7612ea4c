"""Importing the unit tree from a CSV file `code,name,level,parent_code` (the GSO lists).

All or nothing: every row is checked first and any problem aborts the import with messages that
name the line; only then is the whole file written in one transaction. Re-importing the same
file changes nothing. A row that differs from the open unit with its code (another name, level or
parent) closes that unit on `valid_from` and opens a new version; so do its descendants, whose
parent is then the new version. A past row is never rewritten: it only gets its `valid_to`.

A name that differs only in where the tone mark of oa/oe/uy sits ("Hòa"/"Hoà") is the same name:
the row is unchanged and the stored name stays. The type word at the start of a name is written
as the official lists write it ("xã Bắc Sơn" → "Xã Bắc Sơn", with a note).

With `close_missing`, the open units under the file's roots (or under the central unit given as
root) that the file does not list close. Departments of a committee (which no GSO list has), the
central unit and units outside those roots stay, as every unlisted unit does without it; yet an
unlisted unit follows its parent: under a new version of the parent it gets a new version too, and
it closes with a parent that closes.
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
from units.models import DEFAULT_VALID_FROM, LEVEL_OF_SOURCE_LEVEL, Unit, kind_for, level_for
from units.names import same_name, with_kind_prefix_capitalised

HEADER = ["code", "name", "level", "parent_code"]
# The levels a file may use, in the order the refusal lists them: the stored levels, and the 2025
# lists' "ward" and "special_zone", which are commune-level units (see units.models).
SOURCE_LEVELS = [
    *(level for level in Unit.Level.values if level != Unit.Level.DEPARTMENT),
    *LEVEL_OF_SOURCE_LEVEL,
    Unit.Level.DEPARTMENT.value,
]
# Which (stored) levels may sit under which: a commune under a province is the post-2025 two-level tree.
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
    level: str  # as written in the file ("ward"); the stored level is unit_level
    parent_code: str

    @property
    def unit_level(self) -> str:
        return level_for(self.level)


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


def _parse(text: str) -> tuple[list[_Row], list[tuple[int, str]], list[str]]:
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
    notes: list[str] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != 4:
            errors.append((line, _("Dòng %(line)s: cần 4 cột, có %(n)s.") % {"line": line, "n": len(cells)}))
            continue
        code, name, level, parent_code = (nfc(" ".join(c.split())) for c in cells)
        level = level.lower()
        written, name = name, with_kind_prefix_capitalised(name)
        if name != written:
            msg = _("Dòng %(line)s: tên “%(found)s” được ghi là “%(name)s” (viết hoa chữ đầu của loại đơn vị).")
            notes.append(msg % {"line": line, "found": written, "name": name})
        if not code:
            errors.append((line, _("Dòng %(line)s: thiếu mã đơn vị.") % {"line": line}))
            continue
        if not CODE_RE.match(code):
            msg = _("Dòng %(line)s: mã “%(code)s” không hợp lệ (chỉ chữ, số, dấu . _ -; tối đa 20 ký tự).")
            errors.append((line, msg % {"line": line, "code": code}))
        if not name:
            errors.append((line, _("Dòng %(line)s: đơn vị %(code)s không có tên.") % {"line": line, "code": code}))
        if level not in SOURCE_LEVELS:
            msg = _("Dòng %(line)s: cấp “%(level)s” không hợp lệ; các cấp được nhận: %(levels)s.")
            errors.append((line, msg % {"line": line, "level": level, "levels": ", ".join(SOURCE_LEVELS)}))
        if code in seen:
            msg = _("Dòng %(line)s: mã %(code)s trùng với dòng %(other)s.")
            errors.append((line, msg % {"line": line, "code": code, "other": seen[code]}))
        else:
            seen[code] = line
        rows.append(_Row(line, code, name, level, parent_code))
    if not rows and not errors:
        raise UnitImportError([_("Tệp không có dòng dữ liệu nào.")])
    return rows, errors, notes


def units_import(
    *, data: bytes, valid_from: dt.date = DEFAULT_VALID_FROM, close_missing: bool = False, root_code: str = ""
) -> UnitImportResult:
    """Import the CSV bytes; raise UnitImportError (nothing written) when any row is bad.

    `root_code` puts the file's parentless provinces under that (open, central) unit: the GSO
    list has no national row, a national deployment has one committee above the provinces. With
    `close_missing`, what the file does not list under that unit closes (not the unit itself).
    """
    rows, errors, notes = _parse(_decode(data))
    root = None
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
        for u in Unit.objects.open().only(
            "id", "code", "name", "level", "kind", "parent_id", "path", "depth", "position", "valid_from"
        )
    }
    open_by_id = {u.id: u for u in open_units.values()}

    # Resolve every row's parent level and depth before writing anything.
    depth: dict[str, int] = {}

    def level_of(code: str) -> str | None:
        """The stored level of a code, from the file first."""
        if code in by_code:
            return by_code[code].unit_level
        unit = open_units.get(code)
        return unit.level if unit else None

    def written_level_of(code: str) -> str | None:
        """The level as a message names it: as written in the file, else as stored."""
        return by_code[code].level if code in by_code else level_of(code)

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
        if row.level not in SOURCE_LEVELS:
            continue
        allowed = ALLOWED_PARENT_LEVELS[row.unit_level]
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
                "parent_level": written_level_of(row.parent_code),
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

    result = UnitImportResult(rows=len(rows), notes=notes)
    ordered = sorted(rows, key=lambda r: (depth[r.code], r.line))
    current: dict[str, Unit] = {}  # code → the open version after this import
    closing: dict[int, Unit] = {}  # id → an open unit this import closes (gets valid_to)
    to_create: list[Unit] = []

    def new_version(*, code, name, level, kind, parent, position) -> Unit:
        unit = Unit(
            code=code,
            name=name,
            level=level,
            kind=kind,
            parent=parent,
            path=(parent.path if parent else "/") + code + "/",
            depth=parent.depth + 1 if parent else 0,
            position=position,
            valid_from=valid_from,
        )
        current[code] = unit
        to_create.append(unit)
        return unit

    for row in ordered:
        parent = None
        if row.parent_code:
            parent = current.get(row.parent_code) or open_units[row.parent_code]
        existing = open_units.get(row.code)
        level = row.unit_level
        kind = kind_for(row.level, row.name)
        if existing is not None:
            if parent is None:
                same_parent = existing.parent_id is None
            else:  # a parent written by this import (no id yet) is a change
                same_parent = parent.pk is not None and existing.parent_id == parent.pk
            same_place = same_parent and existing.level == level and existing.kind == kind
            if same_place and same_name(existing.name, row.name):
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
            closing[existing.id] = existing
            result.versioned += 1
        else:
            result.created += 1
        new_version(code=row.code, name=row.name, level=level, kind=kind, parent=parent, position=row.line)

    if close_missing:
        roots = tuple({"/" + r.code + "/" for r in rows if depth[r.code] == 0} | ({root.path} if root else set()))
        keep_levels = {Unit.Level.CENTRAL, Unit.Level.DEPARTMENT}
        for u in open_units.values():
            if u.code not in by_code and u.level not in keep_levels and u.path.startswith(roots):
                closing[u.id] = u
                result.closed += 1

    # The units the file does not list and that stay follow their parent (parents first).
    kept = sorted((u for u in open_units.values() if u.code not in by_code and u.id not in closing), key=lambda u: u.depth)
    for u in kept:
        if u.parent_id not in closing:
            continue
        successor = current.get(open_by_id[u.parent_id].code)
        if successor is None:  # the parent closed for good: so does the unit
            closing[u.id] = u
            result.closed += 1
            continue
        if valid_from <= u.valid_from:
            msg = _(
                "Đơn vị %(code)s (không có trong tệp) hiệu lực từ %(date)s, nên không chuyển được sang phiên bản mới "
                "của đơn vị cấp trên %(parent)s; nhập với ngày hiệu lực sau ngày đó (--valid-from)."
            )
            errors.append((0, msg % {"code": u.code, "date": f"{u.valid_from:%d/%m/%Y}", "parent": successor.code}))
            continue
        closing[u.id] = u
        result.versioned += 1
        new_version(code=u.code, name=u.name, level=u.level, kind=u.kind, parent=successor, position=u.position)
    if errors:
        raise UnitImportError([msg for line, msg in errors])

    with transaction.atomic():
        # Only valid_to of open rows is written: a past row is never rewritten. Closing first frees
        # the codes of the new versions (a code is unique among open units).
        ids = list(closing)
        for start in range(0, len(ids), BATCH):
            Unit.objects.filter(pk__in=ids[start : start + BATCH], valid_to__isnull=True).update(valid_to=valid_from)
        # Parents first, so each batch's parent ids exist when its children are written.
        for level_depth in sorted({u.depth for u in to_create}):
            batch = [u for u in to_create if u.depth == level_depth]
            for u in batch:
                if u.parent is not None and u.parent_id is None:
                    u.parent_id = u.parent.id
            Unit.objects.bulk_create(batch, batch_size=BATCH)
        if closing or to_create:
            from units.cache import bump_units_version

            bump_units_version()  # bulk writes send no signals
            # A new tree: every figure is counted again under the units now open (the totals of a
            # new version of a unit include the rows of its closed predecessors' subtrees).
            figures.changed(units=None)
    return result
