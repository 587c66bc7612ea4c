"""Who gets what from every report URL. The objects are the 2020 six-month period of the province
(the districts report to it) and Huyện Sơn Dương's report: nahang (another district) and tantrao
(a commune of Sơn Dương, which does not report to the province) are outsiders; sonduong writes;
tinh and tuyengiao receive; quansat reads."""

import datetime as dt

from core.matrix import rule
from reports.tests.factories import make_period, make_report

# Those who see the whole province period (its receiving unit, Tỉnh Tuyên Quang).
RECEIVERS = {"tinh": 200, "tuyengiao": 200, "quansat": 200, "sonduong": 403, "nahang": 403, "tantrao": 404, "canbo": 403}
# Only the province's staff configure the province's periods and write its summary.
PROVINCE_ONLY_POST = {"tinh": 302, "tuyengiao": 403, "quansat": 403, "sonduong": 403, "nahang": 403, "tantrao": 404, "canbo": 403}
PROVINCE_ONLY_GET = {**PROVINCE_ONLY_POST, "tinh": 200}
# Huyện Sơn Dương's report: seen by the province, the reviewer, the observer and Sơn Dương itself.
SEES_REPORT = {"tinh": 200, "tuyengiao": 200, "sonduong": 200, "quansat": 200, "nahang": 404, "tantrao": 404, "canbo": 403}
WRITER_POST = {"sonduong": 302, "tinh": 403, "tuyengiao": 403, "quansat": 403, "nahang": 404, "tantrao": 404, "canbo": 403}
REVIEWER_POST = {"tinh": 302, "tuyengiao": 302, "sonduong": 403, "quansat": 403, "nahang": 404, "tantrao": 404, "canbo": 403}


def _period(world):
    return {"pk": make_period(world).pk}


def _report_kwargs(report):
    return {"pk": report.period_id, "code": report.unit.code}


def _draft(world):
    return _report_kwargs(make_report(world, "076", status="draft"))


def _submitted(world):
    return _report_kwargs(make_report(world, "076", status="submitted"))


def _accepted(world):
    return _report_kwargs(make_report(world, "076", status="accepted"))


def _summary(world):
    from reports.services import summary_save

    period = make_period(world)
    summary_save(
        period=period, by=world.users["tinh"], expected_version=0, data={"results": "Kết quả chung của tỉnh."}
    )  # vi-only (test data)
    return {"pk": period.pk}


def _issued_summary(world):
    from reports.models import ConsolidatedReport
    from reports.services import summary_issue

    kwargs = _summary(world)
    summary = ConsolidatedReport.objects.get(period_id=kwargs["pk"])
    summary_issue(summary=summary, by=world.users["tinh"], expected_version=summary.version, issued_on=dt.date(2020, 6, 20))
    return kwargs


def _attachment(world):
    from documents.services import attachment_add
    from documents.tests.factories import png_upload
    from reports.models import Report

    kwargs = _draft(world)
    report = Report.objects.get(period_id=kwargs["pk"], unit__code="076")
    attachment = attachment_add(owner=report, uploaded=png_upload(), by=world.users["sonduong"])
    return {**kwargs, "attachment_pk": attachment.pk}


def _report_form(world):
    from reports.models import Report

    report = Report.objects.filter(unit__code="076").order_by("-id").first()
    return {
        "version": report.version if report else 0,
        "results": "Đã triển khai kế hoạch tới 100% cơ sở.",  # vi-only (test data)
        "signer_authority": "TM. BAN THƯỜNG TRỰC",  # vi-only (test data)
        "signer_title": "CHỦ TỊCH",  # vi-only (test data)
    }


def _review_form(world):
    from reports.models import Report

    report = Report.objects.filter(unit__code="076").order_by("-id").first()
    return {
        "version": report.version,
        "comment": "Đề nghị bổ sung số liệu mô hình.",
        "reason": "Sửa số liệu.",
    }  # vi-only (test data)


def _period_version(world):
    from reports.models import ReportingPeriod

    return {"version": ReportingPeriod.objects.order_by("-id").first().version, "status": "closed"}


def _summary_form(world):
    from reports.models import ConsolidatedReport

    summary = ConsolidatedReport.objects.order_by("-id").first()
    return {
        "version": summary.version if summary else 0,
        "results": "Kết quả chung.",  # vi-only (test data)
        "signer_title": "CHỦ TỊCH",  # vi-only (test data)
        "issued_on": "2020-06-20",
    }


def _upload(world):
    from documents.tests.factories import png_upload

    return {"file": png_upload(), "caption": "Ảnh hội nghị"}  # vi-only (test data)


rule("reports:index", default=200, canbo=403)
rule(
    "reports:period_create",
    default=403,
    tinh=200,
    sonduong=200,
    nahang=200,
    note="officers of a committee with lower committees may ask them to report",
)
rule("reports:period_detail", kwargs=_period, **RECEIVERS)
rule("reports:period_edit", kwargs=_period, **PROVINCE_ONLY_GET)
rule("reports:period_status", kwargs=_period, method="POST", data=_period_version, **PROVINCE_ONLY_POST)
rule("reports:period_export", kwargs=_period, **RECEIVERS)
rule("reports:summary_detail", kwargs=_period, **RECEIVERS)
rule("reports:summary_save", kwargs=_period, method="POST", data=_summary_form, **PROVINCE_ONLY_POST)
rule("reports:summary_issue", kwargs=_summary, method="POST", data=_summary_form, **PROVINCE_ONLY_POST)
rule("reports:summary_reopen", kwargs=_issued_summary, method="POST", data=_summary_form, **PROVINCE_ONLY_POST)
rule("reports:summary_pdf", kwargs=_summary, method="POST", **{**RECEIVERS, "tinh": 302, "tuyengiao": 302, "quansat": 302})
rule("reports:report_detail", kwargs=_submitted, **SEES_REPORT)
rule("reports:report_save", kwargs=_draft, method="POST", data=_report_form, **WRITER_POST)
rule("reports:report_submit", kwargs=_draft, method="POST", data=_report_form, **WRITER_POST)
rule("reports:report_accept", kwargs=_submitted, method="POST", data=_review_form, **REVIEWER_POST)
rule("reports:report_return", kwargs=_submitted, method="POST", data=_review_form, **REVIEWER_POST)
rule(
    "reports:report_reopen",
    kwargs=_accepted,
    method="POST",
    data=_review_form,
    **{**REVIEWER_POST, "tuyengiao": 403},
    note="reopening an accepted report is for provincial staff, not the reviewer",
)
rule("reports:report_versions", kwargs=_submitted, **SEES_REPORT)
rule(
    "reports:report_pdf",
    kwargs=_submitted,
    method="POST",
    **{**SEES_REPORT, "tinh": 302, "tuyengiao": 302, "sonduong": 302, "quansat": 302},
)
rule("reports:report_draft_pdf", kwargs=_draft, method="POST", **{**WRITER_POST, "sonduong": 302})
rule("reports:report_attachment_add", kwargs=_draft, method="POST", data=_upload, **WRITER_POST)
rule("reports:report_attachment_delete", kwargs=_attachment, method="POST", **WRITER_POST)
