"""Report PDFs as Vietnamese administrative documents (docs/VN_DOCUMENT_FORMAT.md): a unit's report
as sent (a frozen version), a unit's working draft (stamped "DỰ THẢO"), and the receiving unit's
consolidated report. Rendered by documents.tasks.render_document (Celery); each kind is keyed by
the state it shows, so a report that changes gets a new PDF and an unchanged one is not rendered
twice."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.utils import timezone

from core import docformat
from core.dates import document_date, short_date
from documents.renderers import RenderSpec, register
from reports import figures
from reports.models import SECTIONS, ConsolidatedReport, Report, ReportingPeriod, ReportVersion
from reports.tables import PeriodTable, period_table

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
PROVINCE_ADDRESSEE = "Ban Thường trực Ủy ban MTTQ {level}"
# A document not numbered yet leaves room for the records office to write the number by hand.
BLANK_NUMBER = "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/{symbol}"


# --- words ---------------------------------------------------------------------------------------
def subject_line(period: ReportingPeriod) -> str:
    """The trích yếu: "Sơ kết 6 tháng đầu năm 2020 thực hiện Phong trào thi đua “Dân vận khéo”, Năm Dân vận khéo"."""
    campaign = period.campaign
    theme = f", {campaign.theme}" if campaign.theme else ""
    if period.kind == ReportingPeriod.Kind.SIX_MONTH:
        what = f"Sơ kết 6 tháng đầu năm {campaign.year}"
    else:
        what = f"Tổng kết năm {campaign.year}"
    return f"{what} thực hiện Phong trào thi đua “Dân vận khéo”{theme}"


def level_word(unit) -> str:
    """ "tỉnh", "huyện", "thành phố" …: how a lower unit names the committee above it."""
    short = unit.short_name
    if short == unit.name:
        return unit.name
    return unit.name[: len(unit.name) - len(short)].strip().lower()


def addressee_for(period: ReportingPeriod) -> str:
    """ "Ban Thường trực Ủy ban MTTQ tỉnh": a report sent upwards names the standing board above."""
    return PROVINCE_ADDRESSEE.format(level=level_word(period.receiving_unit))


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n") if p.strip()]


def numbered_sections(narrative: dict) -> list[dict]:
    """Non-empty sections, numbered I, II, … in the report's order."""
    out = []
    for key, label in SECTIONS:
        paras = paragraphs(narrative.get(key, ""))
        if paras:
            out.append({"number": ROMAN[len(out)], "title": label, "paragraphs": paras, "key": key})
    return out


def _report_recipients(period: ReportingPeriod) -> list[str]:
    return ["Như trên", "Lưu: VT"]


def _period_text(period: ReportingPeriod) -> str:
    return f"từ ngày {short_date(period.covers_from)} đến ngày {short_date(period.covers_to)}"


def _spec_for_report(*, report: Report, number: str, day: dt.date, narrative: dict, rows: list[dict], signer: dict, draft: bool):
    period, unit = report.period, report.unit
    head = docformat.DocumentHead(
        parent_lines=docformat.unit_parent_lines(unit),
        issuer="BAN THƯỜNG TRỰC",
        number_line=docformat.number_line(number) if number else BLANK_NUMBER.format(symbol="BC-MTTQ"),
        place_date=docformat.place_date(docformat.unit_place(unit), day),
        type_name="BÁO CÁO",
        summary=subject_line(period),
        addressees=[addressee_for(period)],
    )
    foot = docformat.DocumentFoot(
        authority=signer.get("authority", ""),
        title=signer.get("title", "") or "CHỦ TỊCH",
        name=signer.get("name", ""),
        recipients=_report_recipients(period),
    )
    number_text = number or "…/BC-MTTQ"
    return RenderSpec(
        "pdf/report.html",
        {
            "head": head,
            "foot": foot,
            "draft": draft,
            "unit": unit,
            "period": period,
            "period_text": _period_text(period),
            "sections": numbered_sections(narrative),
            "figure_groups": [(ROMAN[i], g, items) for i, (g, items) in enumerate(figures.grouped(rows))],
            "appendix_note": f"(Kèm theo Báo cáo số {number_text} {document_date(day)} của Ban Thường trực {unit.committee_name})",
        },
    )


def build_version(version: ReportVersion) -> RenderSpec:
    report = version.report
    return _spec_for_report(
        report=report,
        number=version.number_symbol,
        day=timezone.localdate(version.submitted_at),
        narrative=version.narrative,
        rows=version.figures,
        signer=version.signer,
        draft=False,
    )


def build_draft(report: Report) -> RenderSpec:
    values = figures.compute(report.unit, report.period)
    return _spec_for_report(
        report=report,
        number=report.number,
        day=timezone.localdate(),
        narrative=report.narrative(),
        rows=figures.as_rows(values),
        signer={"authority": report.signer_authority, "title": report.signer_title, "name": report.signer_name},
        draft=True,
    )


def draft_source_key(report: Report, values: dict[str, int]) -> str:
    """The draft's state: its saved version and the live figures (which change without it)."""
    digest = hashlib.sha1(json.dumps(values, sort_keys=True).encode()).hexdigest()[:12]
    return f"report:{report.pk}:v{report.version}:{digest}:{timezone.localdate().isoformat()}"


# --- the consolidated report ------------------------------------------------------------------------
def summary_table(summary: ConsolidatedReport) -> PeriodTable:
    if summary.frozen:
        return PeriodTable.from_json(summary.frozen)
    return period_table(summary.period)


def summary_source_key(summary: ConsolidatedReport, table: PeriodTable | None = None) -> str:
    if summary.status == ConsolidatedReport.Status.ISSUED:
        return f"summary:{summary.pk}:v{summary.version}"
    table = table or summary_table(summary)
    digest = hashlib.sha1(json.dumps(table.as_json(), sort_keys=True, default=str).encode()).hexdigest()[:12]
    return f"summary:{summary.pk}:v{summary.version}:{digest}"


def build_summary(summary: ConsolidatedReport) -> RenderSpec:
    period = summary.period
    receiver = period.receiving_unit
    table = summary_table(summary)
    issued = summary.status == ConsolidatedReport.Status.ISSUED
    day = summary.issued_on if issued and summary.issued_on else timezone.localdate()
    head = docformat.DocumentHead(
        parent_lines=docformat.unit_parent_lines(receiver),
        issuer="BAN THƯỜNG TRỰC",
        number_line=docformat.number_line(summary.number) if summary.number else BLANK_NUMBER.format(symbol="BC-MTTQ-BTT"),
        place_date=docformat.place_date(docformat.unit_place(receiver), day),
        type_name="BÁO CÁO",
        summary=subject_line(period),
        addressees=summary.addressee_lines(),
    )
    foot = docformat.DocumentFoot(
        authority=summary.signer_authority,
        title=summary.signer_title or "CHỦ TỊCH",
        name=summary.signer_name,
        recipients=summary.recipient_lines() or ["Lưu: VT"],
    )
    counts = table.counts
    missing = [r.name for r in table.rows if r.state == "missing"]
    late = [r for r in table.rows if r.state == "late"]
    number_text = summary.number or "…/BC-MTTQ-BTT"
    return RenderSpec(
        "pdf/report_summary.html",
        {
            "head": head,
            "foot": foot,
            "draft": not issued,
            "summary": summary,
            "period": period,
            "receiver": receiver,
            "period_text": _period_text(period),
            "counts": counts,
            "missing_names": missing,
            "late_rows": late,
            "table": table,
            "figure_rows": table.figure_rows(),
            "sections": numbered_sections(summary.narrative()),
            "wide": len(table.rows) > 8,
            "appendix_note": f"(Kèm theo Báo cáo số {number_text} {document_date(day)} của Ban Thường trực {receiver.committee_name})",
            "due_text": short_date(period.due_on),
            "computed_on": dt.date.fromisoformat(table.computed_on),
        },
    )


register("report_version", build_version)
register("report_draft", build_draft)
register("report_summary", build_summary)
