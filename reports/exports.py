"""The period's figures by unit as .xlsx: one row per unit that must report (when and how it
reported, then every figure), a total row. Built from reports.tables.period_table, so it costs a
fixed number of queries; a period has at most a few hundred rows, so the workbook is built in
memory (write-only mode keeps it small)."""

import io

from django.conf import settings
from django.utils import timezone, translation

from core.tabular import inert_cell
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
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    table = period_table(period)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Số liệu theo đơn vị")
    bold = Font(bold=True)

    def cell(value, *, strong=False, number_format=None, wrap=False):
        c = WriteOnlyCell(sheet, value=inert_cell(value))
        if strong:
            c.font = bold
        if number_format:
            c.number_format = number_format
        if wrap:
            c.alignment = Alignment(wrap_text=True, vertical="top")
        return c

    sheet.column_dimensions["A"].width = 5
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 28
    sheet.column_dimensions["D"].width = 14
    sheet.column_dimensions["E"].width = 17
    sheet.freeze_panes = "D4"
    sheet.append([cell(f"{period.title} — {period.receiving_unit.committee_name}", strong=True)])
    sheet.append(
        [
            cell(
                f"Số liệu từ {period.covers_from:%d/%m/%Y} đến {period.covers_to:%d/%m/%Y}; hạn gửi {period.due_on:%d/%m/%Y}; "
                f"xuất lúc {timezone.localtime():%H:%M %d/%m/%Y}. Đơn vị đã gửi: số liệu của lần gửi gần nhất; "
                "đơn vị chưa gửi: số liệu hệ thống tại thời điểm xuất."
            )
        ]
    )
    sheet.append(
        [cell(h, strong=True, wrap=True) for h in BASE_HEADERS]
        + [cell(f["label"], strong=True, wrap=True) for f in table.figures]
    )
    for i, row in enumerate(table.rows, start=1):
        submitted = row.submitted
        sheet.append(
            [
                i,
                row.code,
                row.name,
                row.state_label,
                cell(timezone.localtime(submitted).replace(tzinfo=None), number_format="dd/mm/yyyy hh:mm") if submitted else None,
                row.days_late if row.state == "late" else (0 if row.state == "on_time" else None),
                row.status_label,
                f"Báo cáo lần {row.version_number}" if row.version_number else "Số liệu hệ thống (chưa gửi)",
                *[row.values.get(f["key"], 0) for f in table.figures],
            ]
        )
    totals = table.totals
    counts = table.counts
    sheet.append(
        [
            None,
            None,
            cell("Tổng cộng", strong=True),
            cell(f"{counts['reported']}/{counts['required']} đã gửi", strong=True),
            None,
            cell(f"{counts['on_time']} đúng hạn, {counts['late']} muộn", strong=True),
            None,
            None,
            *[cell(totals.get(f["key"], 0), strong=True) for f in table.figures],
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
