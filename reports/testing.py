"""Test data for reports: the province's 2020 periods and district reports in a given state, made
through the services (so they hold what the portal itself would write)."""

import datetime as dt
from zoneinfo import ZoneInfo

from reports.models import Report, ReportingPeriod

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PERIODS = {
    ReportingPeriod.Kind.SIX_MONTH: (
        "Báo cáo sơ kết 6 tháng đầu năm 2020",
        dt.date(2020, 1, 1),
        dt.date(2020, 5, 31),
        dt.date(2020, 6, 10),
    ),
    ReportingPeriod.Kind.ANNUAL: ("Báo cáo tổng kết năm 2020", dt.date(2020, 1, 1), dt.date(2020, 11, 30), dt.date(2020, 12, 20)),
}


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)


def make_period(world, kind=ReportingPeriod.Kind.SIX_MONTH, *, receiver="08", **overrides) -> ReportingPeriod:
    title, start, end, due = PERIODS[kind]
    unit = world.units[receiver]
    defaults = {
        "title": title if receiver == "08" else f"{title} ({unit.name})",
        "covers_from": start,
        "covers_to": end,
        "due_on": due,
    }
    defaults.update(overrides)
    period, _ = ReportingPeriod.objects.get_or_create(campaign=world.campaign, kind=kind, receiving_unit=unit, defaults=defaults)
    return period


def officer_of(world, code: str):
    """The demo officer of the unit, or a new one for units without a demo account."""
    from accounts.models import Membership, User
    from core.roles import Role

    membership = Membership.objects.filter(unit__code=code, role=Role.OFFICER, is_active=True).select_related("user").first()
    if membership is not None:
        return membership.user
    user = User.objects.create(username=f"canbo{code}", full_name=f"Cán bộ {world.units[code].name}")
    Membership.objects.create(user=user, unit=world.units[code], role=Role.OFFICER)
    return user


def make_report(world, code: str, *, status="draft", period=None, submitted_at=None, text=None) -> Report:
    """A report of unit `code` in the given state ("draft", "submitted", "returned", "accepted")."""
    from reports import services

    period = period or make_period(world)
    unit = world.units[code]
    writer = officer_of(world, code)
    existing = Report.objects.filter(period=period, unit=unit).first()
    data = {"results": text or f"Kết quả thực hiện phong trào của {unit.name}.", "signer_title": "CHỦ TỊCH"}
    report = services.report_save(
        period=period, unit=unit, by=writer, expected_version=existing.version if existing else 0, data=data
    )
    if status == "draft":
        return report
    report = services.report_submit(
        period=period, unit=unit, by=writer, expected_version=report.version, now=submitted_at or local(2020, 6, 8, 10, 0)
    )
    reviewer = world.users["tuyengiao"]
    if status == "returned":
        report = services.report_return(
            report=report, by=reviewer, expected_version=report.version, comment="Đề nghị bổ sung số liệu."
        )
    elif status == "accepted":
        report = services.report_accept(report=report, by=reviewer, expected_version=report.version)
    return report
