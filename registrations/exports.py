"""The filtered list as .xlsx and .csv, streamed with flat memory.

Rows are read from the database in chunks (a server-side cursor on PostgreSQL), movements are
fetched per chunk, and the .xlsx is written row by row (core.exports.StreamingXlsx) into a
temporary file that is then streamed; the .csv is generated row by row by core.exports.
"""

import tempfile
from collections import defaultdict

from django.utils import timezone

from core import exports
from core.exports import BOLD_WRAP, TITLE, StreamingXlsx
from registrations.models import Registration

CHUNK = 2000

COLUMNS = [
    # (header, width)
    ("STT", 6),
    ("Mã đăng ký", 10),
    ("Loại", 16),
    ("Tên nội dung, việc làm, mô hình", 60),
    ("Đơn vị", 28),
    ("Cán bộ đăng ký", 22),
    ("Lĩnh vực", 22),
    ("Cuộc vận động, phong trào", 36),
    ("Thôn, tổ, khu dân cư", 24),
    ("Bắt đầu", 12),
    ("Kết thúc", 12),
    ("Người phụ trách", 22),
    ("Kết quả dự kiến", 40),
    ("Trạng thái", 18),
    ("Tiến độ (%)", 10),
    ("Gửi duyệt lúc", 17),
    ("Duyệt lúc", 17),
    ("Hoàn thành lúc", 17),
    ("Kết quả đánh giá", 20),
    ("Nhận xét đánh giá", 40),
]
HEADERS = [c[0] for c in COLUMNS]
_VALUES = (
    "pk", "kind", "title", "unit__name", "person__full_name", "field__name", "area_note", "starts_on", "ends_on",
    "responsible", "expected_result", "status", "percent_done", "submitted_at", "approved_at", "completed_at", "rating",
    "evaluation_comment",
)  # fmt: skip
KIND_LABELS = dict(Registration.Kind.choices)
STATUS_LABELS = dict(Registration.Status.choices)
RATING_LABELS = {k: v for k, v in Registration.Rating.choices if k}


def _local(value):
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def rows(queryset):
    """Export rows (Python values: dates stay dates) for the queryset, chunk by chunk."""
    through = Registration.movements.through
    chunk = []
    number = 0

    def flush(chunk, start):
        names = defaultdict(list)
        for reg_id, short, name in (
            through.objects.filter(registration_id__in=[r[0] for r in chunk])
            .order_by("movement__position", "movement__name")
            .values_list("registration_id", "movement__short_name", "movement__name")
        ):
            names[reg_id].append(short or name)
        for i, r in enumerate(chunk, start=start):
            (pk, kind, title, unit, person, field, area_note, starts, ends, responsible, expected, status, percent,
             submitted, approved, completed, rating, comment) = r  # fmt: skip
            yield [
                i, pk, KIND_LABELS.get(kind, kind), title, unit, person or "", field or "", "; ".join(names[pk]), area_note,
                starts, ends, responsible, expected, STATUS_LABELS.get(status, status), percent, _local(submitted),
                _local(approved), _local(completed), RATING_LABELS.get(rating, ""), comment,
            ]  # fmt: skip

    for record in queryset.values_list(*_VALUES).iterator(chunk_size=CHUNK):
        chunk.append(record)
        if len(chunk) >= CHUNK:
            yield from flush(chunk, number + 1)
            number += len(chunk)
            chunk = []
    if chunk:
        yield from flush(chunk, number + 1)


def write_xlsx(queryset, *, title: str, subtitle: str = "", creator: str = ""):
    """A temporary file (already rewound) holding the .xlsx; the caller streams and closes it."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115  (FileResponse closes it after streaming)
    book = StreamingXlsx(
        handle, sheet_name="Đăng ký", widths=[w for _, w in COLUMNS], freeze_rows=3, title=title, creator=creator
    )
    book.write_row([title], style=TITLE)
    book.write_row([subtitle])
    book.write_row(HEADERS, style=BOLD_WRAP)
    for row in rows(queryset):
        book.write_row(row)
    book.close()
    handle.seek(0)
    return handle


def csv_rows(queryset):
    """The headings, then the export rows."""
    yield HEADERS
    yield from rows(queryset)


def csv_lines(queryset):
    """The .csv, line by line, starting with a UTF-8 byte order mark for Excel."""
    return exports.csv_lines(csv_rows(queryset))
