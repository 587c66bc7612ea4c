"""Fixtures for the reminder tests: officers at every district, the 2020 six-month period (due
10/6/2020), reports sent by chosen districts, a plan with tasks, and frozen local time."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

LOCAL = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DISTRICTS = ["070", "071", "072", "073", "074", "075", "076"]


def local(year, month, day, hour=7, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=LOCAL)


@pytest.fixture
def at():
    """at(2020, 6, 7) freezes the clock at 07:00 local that day (or at the given hour, minute)."""
    travellers = []

    def move(*args, **kwargs):
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(local(*args, **kwargs), tick=False)
        traveller.start()
        travellers.append(traveller)

    yield move
    for traveller in travellers:
        traveller.stop()


@pytest.fixture
def staffed(world):
    """Every district has an active officer (the demo's loader makes the five that are missing)."""
    from reminders.demo import ensure_district_officers

    ensure_district_officers(world.units)
    return world


@pytest.fixture
def six_month(staffed):
    from reports.models import ReportingPeriod

    return ReportingPeriod.objects.create(
        campaign=staffed.campaign,
        kind=ReportingPeriod.Kind.SIX_MONTH,
        title="Sơ kết 6 tháng năm 2020",
        covers_from=dt.date(2020, 1, 1),
        covers_to=dt.date(2020, 6, 30),
        due_on=dt.date(2020, 6, 10),
        receiving_unit=staffed.units["08"],
    )


@pytest.fixture
def submit(staffed):
    """submit(period, "076", when) records that unit's report as sent at `when` (local datetime)."""
    from reports.models import Report

    def do(period, code, when=None):
        when = when or local(2020, 6, 5, 9)
        return Report.objects.create(
            period=period,
            unit=staffed.units[code],
            status=Report.Status.SUBMITTED,
            submitted_at=when,
            last_submitted_at=when,
            days_late=0 if when.date() <= period.due_on else (when.date() - period.due_on).days,
        )

    return do


@pytest.fixture
def officers(staffed):
    """officers("072") → the active officers of that unit."""
    from accounts.models import Membership
    from core.roles import Role

    def of(code):
        return [
            m.user for m in Membership.objects.active().filter(unit=staffed.units[code], role=Role.OFFICER).select_related("user")
        ]

    return of


@pytest.fixture
def plan_task(staffed):
    """plan_task(code, due_on, kind="action") → an assignment of an issued province plan to that unit."""
    from plans.models import Plan, PlanTask, TaskAssignment

    plan = Plan.objects.create(
        campaign=staffed.campaign,
        unit=staffed.units["08"],
        number="04/KH-MTTQ-BTT",
        issued_on=dt.date(2020, 2, 12),
        title="Kế hoạch thực hiện Phong trào thi đua “Dân vận khéo” năm 2020",
        status=Plan.Status.ISSUED,
        issued_at=local(2020, 2, 12, 9),
    )

    def make(code, due_on, kind=PlanTask.Kind.ACTION, text="Xây dựng ít nhất 01 mô hình “Dân vận khéo” tiêu biểu"):
        task = PlanTask.objects.create(plan=plan, kind=kind, text=text, target_unit=staffed.units[code], due_on=due_on)
        return TaskAssignment.objects.create(task=task, unit=staffed.units[code], due_on=due_on)

    return make
