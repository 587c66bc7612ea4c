"""Figures over a unit's subtree: counted from registrations, plans, plan tasks and inspections;
the same for one unit or many; frozen when the report is sent."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Inspection, Plan, PlanTask, TaskAssignment
from registrations.models import Registration
from reports import figures, services
from reports.tests.factories import local
from units.models import Unit

TODAY = dt.date(2020, 6, 8)


def reg(world, code, kind="content", status="submitted", rating="", person=None):
    return Registration.objects.create(
        campaign=world.campaign, kind=kind, unit=world.units[code], status=status, rating=rating,
        person=person or (world.users["canbo"] if kind == "task" else None), title=f"Đăng ký {kind} {code}",
    )  # fmt: skip


@pytest.fixture
def registrations(world):
    # Sơn Dương (076) and its commune Tân Trào (02545), plus Na Hang (072) which must not count.
    reg(world, "076", "content", "approved")
    reg(world, "02545", "content", "in_progress")
    reg(world, "076", "task", "evaluated", "excellent")
    reg(world, "02545", "model", "evaluated", "good")
    reg(world, "02545", "model", "in_progress")
    reg(world, "076", "model", "returned")
    reg(world, "076", "content", "draft")  # drafts are not counted
    reg(world, "072", "content", "completed")
    reg(world, "072", "model", "evaluated", "not_done")


@pytest.fixture
def plan_work(world):
    province, sd, tt, nh = (world.units[c] for c in ("08", "076", "02545", "072"))
    plan = Plan.objects.create(
        campaign=world.campaign, unit=province, title="Kế hoạch tỉnh", status="issued", issued_on=dt.date(2020, 2, 12)
    )
    Plan.objects.create(campaign=world.campaign, unit=sd, title="Kế hoạch huyện", status="issued", issued_on=dt.date(2020, 3, 1))
    Plan.objects.create(campaign=world.campaign, unit=nh, title="Kế hoạch Na Hang (nháp)", status="draft")
    task = PlanTask.objects.create(plan=plan, text="Tuyên truyền", due_on=dt.date(2020, 5, 30))
    late_task = PlanTask.objects.create(plan=plan, text="Tổng kết", due_on=dt.date(2020, 12, 1))
    TaskAssignment.objects.create(task=task, unit=sd, due_on=dt.date(2020, 5, 30), status="done")
    TaskAssignment.objects.create(task=task, unit=tt, due_on=dt.date(2020, 5, 20), status="in_progress")
    TaskAssignment.objects.create(task=task, unit=nh, due_on=dt.date(2020, 5, 30), status="not_started")
    TaskAssignment.objects.create(task=late_task, unit=sd, due_on=dt.date(2020, 12, 1))  # outside the period
    Inspection.objects.create(
        unit=province,
        inspected_unit=sd,
        inspected_on=dt.date(2020, 4, 2),
        team="Đoàn tỉnh",
        content="Kiểm tra",
        campaign=world.campaign,
    )
    Inspection.objects.create(unit=sd, inspected_unit=tt, inspected_on=dt.date(2020, 5, 5), team="Đoàn huyện", content="Kiểm tra")
    Inspection.objects.create(unit=sd, inspected_unit=tt, inspected_on=dt.date(2020, 7, 5), team="Đoàn huyện", content="Ngoài kỳ")


def test_registration_figures_cover_the_subtree_and_skip_drafts(six, world, registrations):
    values = figures.compute(world.units["076"], six, today=TODAY)
    assert values["reg_content"] == 2 and values["reg_task"] == 1 and values["reg_model"] == 3
    assert (
        values["reg_approved"] == 1
        and values["reg_in_progress"] == 2
        and values["reg_returned"] == 1
        and values["reg_evaluated"] == 2
    )
    assert values["reg_excellent"] == 1 and values["reg_good"] == 1 and values["reg_not_done"] == 0
    assert values["model_running"] == 1 and values["model_completed"] == 1 and values["model_good"] == 1
    commune = figures.compute(world.units["02545"], six, today=TODAY)
    assert commune["reg_content"] == 1 and commune["reg_model"] == 2
    province = figures.compute(world.units["08"], six, today=TODAY)
    assert province["reg_content"] == 3 and province["reg_not_done"] == 1


def test_plan_task_and_inspection_figures(six, world, plan_work):
    sd = figures.compute(world.units["076"], six, today=TODAY)
    assert sd["plans_issued"] == 1  # the district's own plan; the province's is above it
    assert sd["tasks_due"] == 2 and sd["tasks_done"] == 1 and sd["tasks_overdue"] == 1
    assert sd["inspections_made"] == 1 and sd["inspections_received"] == 2
    early = figures.compute(world.units["076"], six, today=dt.date(2020, 5, 25))
    assert early["tasks_overdue"] == 1  # Tân Trào's task was due on 20/5
    assert figures.compute(world.units["08"], six, today=TODAY)["plans_issued"] == 2


def test_many_units_give_the_same_values_in_one_query_per_source(six, world, registrations, plan_work):
    districts = list(Unit.objects.open().committees().filter(parent=world.units["08"]))
    with CaptureQueriesContext(connection) as queries:
        many = figures.compute_many(districts, six, today=TODAY)
    sources = len({f.source for f in figures.all_figures()})
    assert len(queries) == sources
    for unit in districts:
        assert many[unit.pk] == figures.compute(unit, six, today=TODAY), unit.code
    # Nested targets: a unit and one of its communes each get their own subtree.
    nested = figures.compute_many([world.units["076"], world.units["02545"]], six, today=TODAY)
    assert nested[world.units["076"].pk]["reg_model"] == 3 and nested[world.units["02545"].pk]["reg_model"] == 2


def test_figures_are_frozen_when_the_report_is_sent(six, world, registrations):
    unit, by = world.units["076"], world.users["sonduong"]
    report = services.report_submit(
        period=six, unit=unit, by=by, expected_version=0, data={"results": "Kết quả."}, now=local(2020, 6, 8, 9, 0)
    )
    reg(world, "076", "content", "approved")
    frozen = report.versions.get().figure_values()
    assert frozen["reg_content"] == 2 and figures.compute(unit, six, today=TODAY)["reg_content"] == 3
    labels = {f["key"]: f["label"] for f in report.versions.get().figures}
    assert labels["reg_model"] == "Mô hình “Dân vận khéo”"


def test_the_registry_refuses_a_key_twice():
    with pytest.raises(ValueError, match="twice"):
        figures.register("registrations", "reg_content", "Trùng", "Đăng ký thực hiện")


def test_common_root_of_paths():
    assert figures.common_root(["/08/076/", "/08/072/"]) == "/08/"
    assert figures.common_root(["/08/076/02545/"]) == "/08/076/02545/"
    assert figures.common_root(["/08/", "/01/"]) == "/"
