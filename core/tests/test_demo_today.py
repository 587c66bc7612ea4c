"""The demo lives today: `seed_demo` loads the 2020 campaign as the closed archive on its own map,
the 2025 map on top of it, and the current year's campaign on that map, with reports, registrations
and plans dated around the day it is loaded (never later); loading it twice changes nothing."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DAY_2026 = dt.datetime(2026, 12, 7, 10, 30, tzinfo=VN)
DAY_2027 = dt.datetime(2027, 3, 15, 9, 0, tzinfo=VN)


def _seed(moment):
    with time_machine.travel(moment, tick=False):
        call_command("seed_demo", verbosity=0)


def _main_tables():
    """Row counts of the tables the demo writes (the dashboards' summary rows aside: a recount
    rewrites their lock and revision rows)."""
    from django.apps import apps

    skip = {"dashboards.UnitFigure"}
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.label not in skip}


@pytest.fixture
def seeded_2026(db):
    _seed(DAY_2026)


def test_two_campaigns_2020_closed_on_its_map_and_this_year_current_on_the_new_one(seeded_2026):
    from campaigns.models import Campaign
    from plans.models import Plan

    archive, current = Campaign.objects.get(year=2020), Campaign.objects.get(year=2026)
    assert Campaign.objects.count() == 2
    assert archive.is_closed and current.status == Campaign.Status.ACTIVE and Campaign.current() == current
    assert current.opened_from == archive
    assert archive.units().filter(level="district", parent__code="08").count() == 7
    assert archive.units().filter(level="commune").count() == 138
    assert Plan.objects.current().filter(campaign=archive, unit__code="08", number="04/KH-MTTQ-BTT").exists()
    assert Plan.objects.current().filter(campaign=archive, unit__code="076").get().is_issued
    assert current.units().committees().filter(parent__code="08").count() == 124
    assert not current.units().filter(level="district").exists()
    province_plan = Plan.objects.current().get(campaign=current, unit__code="08")
    assert province_plan.is_issued and province_plan.issued_on.year == 2026
    assert province_plan.tasks.get(kind="plan").assignments.count() == 124


def test_the_six_month_period_has_reports_on_time_late_and_missing(seeded_2026):
    from reports.models import Report, ReportingPeriod
    from reports.selectors import completeness

    six = ReportingPeriod.objects.get(campaign__year=2026, kind="six_month", receiving_unit__code="08")
    assert six.due_on == dt.date(2026, 6, 10)
    state = completeness(period=six)
    assert state.required == 124
    assert state.on_time >= 5 and state.late >= 2 and state.missing >= 100
    assert {"draft", "submitted", "returned", "accepted"} <= set(
        Report.objects.filter(period=six).values_list("status", flat=True)
    )
    annual = ReportingPeriod.objects.get(campaign__year=2026, kind="annual", receiving_unit__code="08")
    early = Report.objects.filter(period=annual, submitted_at__isnull=False)
    assert early.exists() and all(r.days_late == 0 for r in early)
    assert Report.objects.filter(period=annual, status="draft").exists()


def test_registrations_of_this_year_in_every_state(seeded_2026):
    from registrations.models import Registration

    this_year = Registration.objects.filter(campaign__year=2026)
    assert set(this_year.values_list("status", flat=True)) == set(Registration.Status.values)
    assert this_year.filter(kind="task", person__username="canbohg").count() >= 3
    assert not this_year.exclude(unit__level="commune").exists()


def test_nothing_of_this_year_is_dated_after_today_or_before_its_first_day(seeded_2026):
    from notifications.models import Notification
    from plans.models import Plan, TaskAssignment, TaskUpdate
    from registrations.models import ProgressUpdate, Registration, Transition
    from reports.models import Report, ReportEvent, ReportVersion

    start = dt.datetime(2026, 1, 1, tzinfo=VN)
    moments = [
        *Registration.objects.filter(campaign__year=2026).values_list("created_at", "submitted_at", "approved_at",
                                                                       "completed_at", "evaluated_at", "updated_at"),
        *Transition.objects.filter(registration__campaign__year=2026).values_list("at"),
        *ProgressUpdate.objects.filter(registration__campaign__year=2026).values_list("created_at"),
        *Report.objects.filter(period__campaign__year=2026).values_list("created_at", "submitted_at", "accepted_at", "updated_at"),
        *ReportVersion.objects.filter(report__period__campaign__year=2026).values_list("submitted_at", "reviewed_at"),
        *ReportEvent.objects.filter(report__period__campaign__year=2026).values_list("at"),
        *Plan.objects.filter(campaign__year=2026).values_list("created_at", "issued_at"),
        *TaskAssignment.objects.filter(task__plan__campaign__year=2026).values_list("created_at", "last_update_at", "done_at"),
        *TaskUpdate.objects.filter(assignment__task__plan__campaign__year=2026).values_list("created_at"),
    ]  # fmt: skip
    stamps = [m for row in moments for m in row if m is not None]
    assert stamps and all(start <= m <= DAY_2026 for m in stamps)
    assert not Notification.objects.filter(created_at__gt=DAY_2026).exists()


def test_hagiang1_acts_for_phuong_ha_giang_1_and_hagiang2_does_not(seeded_2026, client):
    from accounts.models import User
    from accounts.scope import Scope
    from campaigns.models import Campaign
    from reports.models import ReportingPeriod

    ward = Campaign.objects.get(year=2026).units().get(code="00694")
    assert ward.name == "Phường Hà Giang 1"
    hagiang1, hagiang2 = User.objects.get(username="hagiang1"), User.objects.get(username="hagiang2")
    assert Scope.for_user(hagiang1).acts_for(ward)
    assert not Scope.for_user(hagiang2).acts_for(ward) and not Scope.for_user(hagiang2).sees_unit(ward)
    # The 2020 accounts stay on their 2020 units (the reform page moves them).
    tantrao = User.objects.get(username="tantrao").memberships.get()
    assert tantrao.is_active and tantrao.unit.valid_to == dt.date(2025, 7, 1)
    six = ReportingPeriod.objects.get(campaign__year=2026, kind="six_month", receiving_unit__code="08")
    with time_machine.travel(DAY_2026, tick=False):
        client.force_login(hagiang1)
        assert client.get(f"/bao-cao/ky/{six.pk}/don-vi/00694/").status_code == 200
        client.force_login(hagiang2)
        assert client.get(f"/bao-cao/ky/{six.pk}/don-vi/00694/").status_code == 404


def test_loading_twice_changes_nothing(seeded_2026):
    before = _main_tables()
    _seed(DAY_2026 + dt.timedelta(hours=2))
    assert _main_tables() == before


def test_a_day_before_the_six_month_deadline_loads_the_next_year(db):
    from campaigns.models import Campaign
    from reports.models import Report
    from reports.selectors import completeness

    _seed(DAY_2027)
    assert list(Campaign.objects.order_by("year").values_list("year", "status")) == [(2020, "closed"), (2027, "active")]
    six = Campaign.objects.get(year=2027).reporting_periods.get(kind="six_month")
    assert completeness(period=six).late == 0  # not due yet: nobody is late
    assert not Report.objects.filter(period__campaign__year=2027, submitted_at__gt=DAY_2027).exists()
    before = _main_tables()
    _seed(DAY_2027)
    assert _main_tables() == before
