"""The period's figures by unit as .xlsx: one row per unit that must report (when and how it
reported, then every figure), a total row. Built from reports.tables.period_table, so it costs a
fixed number of queries; a period has at most a few hundred rows, so the workbook is built in
memory (by core.exports' writer)."""

import io

from django.conf import settings
from django.utils import timezone, translation

from core.exports import BOLD, BOLD_WRAP, StreamingXlsx, Styled
from core.text import slugify_vi
from reports.models import ReportingPeriod
from reports.tables import period_table

BASE_HEADERS = [
    "STT",
    "Mã đơn vị",
    "Đơn vị",
    "Gửi báo cáo",
    "Gửi lần đầu lúc",
    "Số ngày muộn",
    "Tình trạng xử lý",
    "Nguồn số liệu",
]


def period_filename(period: ReportingPeriod) -> str:
    return f"so-lieu-{slugify_vi(period.title, 60)}-{period.receiving_unit.code}.xlsx"


@translation.override(settings.LANGUAGE_CODE)  # spreadsheets exchanged between units are Vietnamese
def period_xlsx(period: ReportingPeriod) -> bytes:
    table = period_table(period)
    buffer = io.BytesIO()
    book = StreamingXlsx(buffer, sheet_name="Số liệu theo đơn vị", widths=[5, 10, 28, 14, 17], freeze_rows=3, freeze_cols=3)
    book.write_row([f"{period.title} — {period.receiving_unit.committee_name}"], style=BOLD)
    book.write_row(
        [
            f"Số liệu từ {period.covers_from:%d/%m/%Y} đến {period.covers_to:%d/%m/%Y}; hạn gửi {period.due_on:%d/%m/%Y}; "
            f"xuất lúc {timezone.localtime():%H:%M %d/%m/%Y}. Đơn vị đã gửi: số liệu của lần gửi gần nhất; "
            "đơn vị chưa gửi: số liệu hệ thống tại thời điểm xuất."
        ]
    )
    book.write_row([*BASE_HEADERS, *(f["label"] for f in table.figures)], style=BOLD_WRAP)
    for i, row in enumerate(table.rows, start=1):
        submitted = row.submitted
        book.write_row(
            [
                i,
                row.code,
                row.name,
                row.state_label,
                timezone.localtime(submitted).replace(tzinfo=None) if submitted else None,
                row.days_late if row.state == "late" else (0 if row.state == "on_time" else None),
                row.status_label,
                f"Báo cáo lần {row.version_number}" if row.version_number else "Số liệu hệ thống (chưa gửi)",
                *[row.values.get(f["key"], 0) for f in table.figures],
            ]
        )
    totals = table.totals
    counts = table.counts
    book.write_row(
        [
            None,
            None,
            Styled("Tổng cộng", BOLD),
            Styled(f"{counts['reported']}/{counts['required']} đã gửi", BOLD),
            None,
            Styled(f"{counts['on_time']} đúng hạn, {counts['late']} muộn", BOLD),
            None,
            None,
            *[Styled(totals.get(f["key"], 0), BOLD) for f in table.figures],
        ]
    )
    book.close()
    return buffer.getvalue()
