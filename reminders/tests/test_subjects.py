"""What has a deadline: units that must report and have not, open assignments of plans in force."""

import datetime as dt

from notifications.models import Notification
from reminders.models import Reminder
from reminders.subjects import report_candidates
from reminders.sweep import sweep


def test_the_bulk_query_agrees_with_the_reports_apps_selectors(six_month, submit, world):
    from reports.models import ReportingPeriod
    from reports.selectors import reports_missing

    submit(six_month, "076")
    submit(six_month, "072")
    by_district = ReportingPeriod.objects.create(
        campaign=world.campaign,
        kind="six_month",
        title="Sơ kết 6 tháng năm 2020 (các xã huyện Sơn Dương)",
        covers_from=dt.date(2020, 1, 1),
        covers_to=dt.date(2020, 6, 30),
        due_on=dt.date(2020, 6, 5),
        receiving_unit=world.units["076"],
    )
    chosen = ReportingPeriod.objects.create(
        campaign=world.campaign,
        kind="annual",
        title="Tổng kết năm 2020",
        audience="selected",
        covers_from=dt.date(2020, 1, 1),
        covers_to=dt.date(2020, 12, 31),
        due_on=dt.date(2020, 12, 20),
        receiving_unit=world.units["08"],
    )
    chosen.selected_units.set([world.units["072"], world.units["073"]])
    found = report_candidates(due_from=dt.date(2020, 1, 1), due_to=dt.date(2020, 12, 31))
    for period in (six_month, by_district, chosen):
        mine = sorted(c.unit.pk for c in found if c.subject_id == period.pk)
        theirs = sorted(reports_missing(period=period).values_list("pk", flat=True))
        assert mine == theirs and mine
    commune = next(c for c in found if c.subject_id == by_district.pk)
    assert commune.upper_unit == world.units["076"]
    assert commune.url == f"/bao-cao/ky/{by_district.pk}/don-vi/{commune.unit.code}/"
    assert commune.upper_url == f"/bao-cao/ky/{by_district.pk}/"


def test_a_plan_task_is_reminded_before_its_due_date_and_reported_to_its_issuer_after(plan_task, officers, world, at):
    assignment = plan_task("072", dt.date(2020, 6, 30))
    at(2020, 6, 27)
    (line,) = sweep().lines
    assert (line.unit, line.subject_kind, line.step) == ("Huyện Na Hang", "task", -3)
    (notice,) = Notification.objects.filter(recipient=officers("072")[0])
    assert (
        notice.title
        == "Còn 3 ngày đến hạn hoàn thành nhiệm vụ “Xây dựng ít nhất 01 mô hình “Dân vận khéo” tiêu biểu” (hạn 30/6/2020)"
    )
    assert notice.target == assignment and notice.url == f"/ke-hoach/viec-duoc-giao/{assignment.pk}/"
    assert "Nhiệm vụ theo Kế hoạch số 04/KH-MTTQ-BTT của Ủy ban MTTQ tỉnh Tuyên Quang." in notice.body
    at(2020, 7, 1)
    sweep()
    (digest,) = Notification.objects.filter(recipient=world.users["tinh"])
    assert (
        digest.title
        == "Huyện Na Hang chưa hoàn thành nhiệm vụ “Xây dựng ít nhất 01 mô hình “Dân vận khéo” tiêu biểu”, quá hạn 1 ngày"
    )
    assert digest.url == "/ke-hoach/theo-doi/"


def test_a_done_task_and_a_task_of_a_draft_plan_are_not_reminded(plan_task, at):
    from plans.models import Plan

    done = plan_task("072", dt.date(2020, 6, 30))
    done.status = "done"
    done.save()
    draft = plan_task("073", dt.date(2020, 6, 30))
    Plan.objects.filter(pk=draft.task.plan_id).update(status="draft")
    at(2020, 6, 27)
    assert sweep().total == 0


def test_a_report_deadline_in_a_plan_is_left_to_the_reporting_period(plan_task, six_month, at):
    plan_task("072", dt.date(2020, 6, 10), kind="report", text="Báo cáo sơ kết 6 tháng gửi Ủy ban MTTQ tỉnh trước ngày 10/6/2020")
    at(2020, 6, 7)
    result = sweep()
    assert {line.subject_kind for line in result.lines} == {"report"}
    assert Reminder.objects.filter(subject_kind="task").count() == 0


def test_a_report_deadline_without_a_reporting_period_is_reminded_as_a_task(plan_task, at):
    plan_task("072", dt.date(2020, 12, 20), kind="report", text="Báo cáo tổng kết năm gửi Ủy ban MTTQ tỉnh trước ngày 20/12/2020")
    at(2020, 12, 13)
    assert [(x.subject_kind, x.step) for x in sweep().lines] == [("task", -7)]


def test_a_unit_own_task_is_reported_to_its_parent_when_overdue(staffed, at):
    from plans.models import Plan, PlanTask, TaskAssignment

    plan = Plan.objects.create(
        campaign=staffed.campaign,
        unit=staffed.units["072"],
        number="02/KH-MTTQ",
        issued_on=dt.date(2020, 3, 1),
        title="Kế hoạch của huyện Na Hang",
        status="issued",
    )
    task = PlanTask.objects.create(plan=plan, text="Tổ chức hội nghị sơ kết", due_on=dt.date(2020, 6, 30))
    TaskAssignment.objects.create(task=task, unit=staffed.units["072"], due_on=task.due_on)
    at(2020, 7, 1)
    sweep()
    assert Reminder.objects.get().upper_unit == staffed.units["08"]
    assert Notification.objects.filter(recipient=staffed.users["tinh"], kind="deadline_overdue_below").count() == 1


def test_the_issuer_gets_one_notice_listing_every_late_unit_of_a_task(staffed, world, at):
    from plans.models import Plan, PlanTask, TaskAssignment

    plan = Plan.objects.create(
        campaign=staffed.campaign,
        unit=staffed.units["08"],
        number="04/KH-MTTQ-BTT",
        issued_on=dt.date(2020, 2, 12),
        title="Kế hoạch năm 2020",
        status="issued",
    )
    task = PlanTask.objects.create(
        plan=plan, text="Xây dựng kế hoạch của huyện", target_level="district", due_on=dt.date(2020, 3, 15)
    )
    for code in ("071", "072", "073"):
        TaskAssignment.objects.create(task=task, unit=staffed.units[code], due_on=task.due_on)
    at(2020, 3, 16)
    assert sweep().total == 3
    (digest,) = Notification.objects.filter(recipient=world.users["tinh"])
    assert digest.title == "3 đơn vị chưa hoàn thành nhiệm vụ “Xây dựng kế hoạch của huyện”, quá hạn 1 ngày"
    assert digest.target == task
    assert digest.reminders.count() == 3
