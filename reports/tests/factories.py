"""Test data for reports: the province's 2020 periods and district reports in a given state. Reports
are made through the services (so they hold what the portal itself would write)."""

import datetime as dt
from zoneinfo import ZoneInfo

import factory
from factory.django import DjangoModelFactory

from accounts.models import Membership
from accounts.tests.factories import MembershipFactory
from core.roles import Role
from reports.models import Report, ReportingPeriod

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# kind → (title, covers_from, covers_to, due_on) of the 2020 campaign.
PERIODS = {
    ReportingPeriod.Kind.SIX_MONTH: (
        "Báo cáo sơ kết 6 tháng đầu năm 2020",
        dt.date(2020, 1, 1),
        dt.date(2020, 5, 31),
        dt.date(2020, 6, 10),
    ),
    ReportingPeriod.Kind.ANNUAL: ("Báo cáo tổng kết năm 2020", dt.date(2020, 1, 1), dt.date(2020, 11, 30), dt.date(2020, 12, 20)),
}
PROVINCE = "08"


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)


def _period_title(period) -> str:
    title = PERIODS[period.kind][0]
    unit = period.receiving_unit
    return title if unit.code == PROVINCE else f"{title} ({unit.name})"


class ReportingPeriodFactory(DjangoModelFactory):
    """One period per (campaign, kind, receiving unit): asking again returns the existing one."""

    class Meta:
        model = ReportingPeriod
        django_get_or_create = ("campaign", "kind", "receiving_unit")

    kind = ReportingPeriod.Kind.SIX_MONTH
    title = factory.LazyAttribute(_period_title)
    covers_from = factory.LazyAttribute(lambda p: PERIODS[p.kind][1])
    covers_to = factory.LazyAttribute(lambda p: PERIODS[p.kind][2])
    due_on = factory.LazyAttribute(lambda p: PERIODS[p.kind][3])


def make_period(world, kind=ReportingPeriod.Kind.SIX_MONTH, *, receiver=PROVINCE, **overrides) -> ReportingPeriod:
    return ReportingPeriodFactory(campaign=world.campaign, kind=kind, receiving_unit=world.units[receiver], **overrides)


def officer_of(world, code: str):
    """The demo officer of the unit, or a new one for units without a demo account."""
    membership = Membership.objects.filter(unit__code=code, role=Role.OFFICER, is_active=True).select_related("user").first()
    if membership is not None:
        return membership.user
    unit = world.units[code]
    return MembershipFactory(
        unit=unit, role=Role.OFFICER, user__username=f"canbo{code}", user__full_name=f"Cán bộ {unit.name}"
    ).user


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
