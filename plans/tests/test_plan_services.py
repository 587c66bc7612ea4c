"""Plans: numbers, the lock, issuing once, the cascade from the province plan to a district plan,
and revisions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns.models import Campaign
from core.concurrency import StaleObjectError
from notifications.models import Notification
from plans.models import Plan, PlanSection, PlanTask, TaskAssignment, TaskUpdate
from plans.services import plan_lifecycle, plans
from plans.tests import factories


def test_seed_plan_is_issued_with_the_tasks_of_section_three_and_the_two_report_deadlines(province_plan, world):
    plan = province_plan
    assert plan.is_current and plan.number == "04/KH-MTTQ-BTT" and plan.issued_on == dt.date(2020, 2, 12)
    sections = {(s.part, s.number, s.heading) for s in plan.sections.all()}
    assert ("implementation", "1.", "Ủy ban MTTQ tỉnh") in sections
    assert ("implementation", "2.", "Ủy ban MTTQ các huyện, thành phố") in sections
    assert ("contents", "2.4.", "") in sections
    assert plan.tasks.filter(section__position=10).count() == 4 and plan.tasks.filter(section__position=20).count() == 4
    reports = list(plan.tasks.filter(kind=PlanTask.Kind.REPORT).order_by("due_on").values_list("due_on", flat=True))
    assert reports == [dt.date(2020, 6, 10), dt.date(2020, 12, 20)]
    # 4 tasks of the province itself, 4 + 2 for each of the 7 districts.
    assert TaskAssignment.objects.filter(task__plan=plan).count() == 4 + 6 * 7
    assert TaskAssignment.objects.filter(task__plan=plan, unit=world.units["072"]).count() == 6
    assert "kế hoạch này triển khai" in plan.closing and "kế hoạnh" not in plan.closing
    assert plan.recipient_lines == [
        "Ban Dân vận Tỉnh ủy",
        "BTT Uỷ ban MTTQ tỉnh",
        "BTT MTTQ các huyện, TP",
        "Lưu VT, Ban Tuyên giáo",
    ]


def test_seed_demo_twice_changes_nothing(province_plan, world):
    from plans import demo as demo_plans

    counts = (Plan.objects.count(), PlanTask.objects.count(), TaskAssignment.objects.count(), TaskUpdate.objects.count())
    demo_plans.load(world)
    assert (Plan.objects.count(), PlanTask.objects.count(), TaskAssignment.objects.count(), TaskUpdate.objects.count()) == counts


def test_next_number_is_suggested_per_issuer_and_year(province_plan, world):
    assert plans.number_suggestion(unit=world.units["08"], year=2020) == "05/KH-MTTQ-BTT"
    assert plans.number_suggestion(unit=world.units["08"], year=2021) == "01/KH-MTTQ-BTT"
    assert plans.number_suggestion(unit=world.units["076"], year=2020) == "01/KH-MTTQ-BTT"


def test_derived_plan_is_prefilled_from_the_province_plan(province_plan, world):
    plan, created = plan_lifecycle.plan_derive(parent=province_plan, unit=world.units["076"], by=world.users["sonduong"])
    assert created and plan.is_draft and plan.based_on == province_plan and plan.campaign == province_plan.campaign
    assert plan.basis.startswith(
        "Căn cứ Kế hoạch số 04/KH-MTTQ-BTT ngày 12/02/2020 của Ban Thường trực Ủy ban MTTQ tỉnh Tuyên Quang"
    )
    assert plan.intro.startswith("Ban Thường trực Ủy ban MTTQ huyện Sơn Dương xây dựng kế hoạch triển khai thực hiện")
    assert plan.number == "01/KH-MTTQ-BTT" and plan.place == "Sơn Dương"
    # Purposes and contents are copied, pointing at their origin for the comparison page.
    parent_sections = province_plan.sections.exclude(part=PlanSection.Part.IMPLEMENTATION)
    assert plan.sections.exclude(part=PlanSection.Part.IMPLEMENTATION).count() == parent_sections.count()
    assert set(plan.sections.exclude(part="implementation").values_list("origin_id", flat=True)) == set(
        parent_sections.values_list("id", flat=True)
    )
    implementation = list(plan.sections.filter(part="implementation").order_by("position"))
    # The district's own section holds the tasks the province gave to districts; the province's own
    # section stays with the province; a section for the communes receives what is passed on.
    assert [s.heading for s in implementation] == ["Ủy ban MTTQ huyện Sơn Dương"]
    own = implementation[0]
    assert own.target_unit == world.units["076"]
    assert own.tasks.count() == 4 and set(own.tasks.values_list("target_unit", flat=True)) == {world.units["076"].pk}
    # The two report deadlines become the district's own deadlines.
    assert plan.tasks.filter(section__isnull=True, kind=PlanTask.Kind.REPORT, target_unit=world.units["076"]).count() == 2
    assert "Ủy ban MTTQ các xã, thị trấn" in plan.closing


def test_commune_tasks_of_the_upper_plan_are_passed_on(province_plan, world):
    section = province_plan.sections.get(part="implementation", number="2.")
    PlanTask.objects.create(
        plan=province_plan,
        section=section,
        text="Rà soát khu dân cư tự quản",
        target_level="commune",
        due_on=dt.date(2020, 9, 30),
        position=99,
    )
    plan, _ = plan_lifecycle.plan_derive(parent=province_plan, unit=world.units["076"], by=world.users["sonduong"])
    below = plan.sections.get(part="implementation", target_level="commune")
    assert below.heading == "Ủy ban MTTQ các xã, thị trấn"
    assert list(below.tasks.values_list("text", flat=True)) == ["Rà soát khu dân cư tự quản"]


def test_deriving_twice_returns_the_same_plan(province_plan, world):
    first, created = plan_lifecycle.plan_derive(parent=province_plan, unit=world.units["076"], by=world.users["sonduong"])
    second, created_again = plan_lifecycle.plan_derive(parent=province_plan, unit=world.units["076"], by=world.users["sonduong"])
    assert created and not created_again and first.pk == second.pk
    assert Plan.objects.filter(unit=world.units["076"]).count() == 1


def test_only_a_lower_committee_derives(province_plan, world, scope_of):
    with pytest.raises(ValidationError, match="không trực thuộc"):
        plan_lifecycle.plan_derive(parent=province_plan, unit=world.units["02545"], by=world.users["tantrao"])
    with pytest.raises(PermissionDenied):
        plan_lifecycle.plan_derive(parent=province_plan, unit=world.units["076"], by=world.users["nahang"])


def test_issuing_the_district_plan_locks_it_finishes_the_write_your_plan_task_and_does_not_double_track(
    province_plan, world, django_capture_on_commit_callbacks
):
    plan = factories.sonduong_draft(world, signer="Trần Minh Tuấn")
    before = TaskAssignment.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        issued, changed = plan_lifecycle.plan_issue(plan=plan, by=world.users["sonduong"])
    assert changed and issued.is_current and issued.issued_at is not None
    # Its own copies of the province's tasks are followed by the province's assignments, not twice.
    assert TaskAssignment.objects.count() == before
    own_tasks = issued.tasks.filter(target_unit=world.units["076"])
    assert own_tasks.count() == 6 and not own_tasks.filter(tracked_by__isnull=True).exists()
    write_plan = TaskAssignment.objects.get(task__plan=province_plan, task__kind="plan", unit=world.units["076"])
    assert write_plan.status == "done" and write_plan.updates.filter(text__contains="Đã ban hành").exists()
    # The province hears that Sơn Dương issued its plan.
    assert Notification.objects.filter(kind="lower_plan_issued", recipient=world.users["tinh"], target_id=issued.pk).exists()


def test_issuing_twice_changes_nothing_the_second_time(province_plan, world):
    plan = factories.sonduong_draft(world, signer="Trần Minh Tuấn")
    first, changed = plan_lifecycle.plan_issue(plan=plan, by=world.users["sonduong"])
    at = first.issued_at
    again, changed_again = plan_lifecycle.plan_issue(plan=plan, by=world.users["sonduong"])
    assert changed and not changed_again and again.issued_at == at


def test_an_issued_plan_cannot_be_edited(province_plan, world, scope_of):
    with pytest.raises(ValidationError) as caught:
        plans.plan_update(plan=province_plan, by=world.users["tinh"], expected_version=province_plan.version, title="Khác")
    assert "đã ban hành nên không sửa được" in caught.value.messages[0]
    section = province_plan.sections.first()
    with pytest.raises(ValidationError, match="đã ban hành"):
        plans.section_save(
            plan=province_plan, by=world.users["tinh"], section=section, expected_version=section.version, body="x"
        )
    with pytest.raises(ValidationError, match="đã ban hành"):
        plans.task_delete(by=world.users["tinh"], task=province_plan.tasks.first())
    province_plan.refresh_from_db()
    assert province_plan.title.startswith("Triển khai") and province_plan.tasks.count() == 10


def test_only_the_committee_itself_edits_its_plan(province_plan, world, scope_of):
    plan = factories.sonduong_draft(world)
    with pytest.raises(PermissionDenied):
        plans.plan_update(plan=plan, by=world.users["tinh"], expected_version=plan.version, title="Sửa hộ")


def test_due_date_before_the_plan_date_is_refused(province_plan, world, scope_of):
    plan = factories.sonduong_draft(world)
    plans.plan_update(plan=plan, by=world.users["sonduong"], expected_version=plan.version, issued_on=dt.date(2020, 2, 20))
    section = plan.sections.get(part="implementation")
    with pytest.raises(ValidationError) as caught:
        plans.task_save(
            plan=plan, by=world.users["sonduong"], section=section, kind="action", text="Việc mới", due_on=dt.date(2020, 2, 1)
        )
    assert "trước ngày của kế hoạch (20/2/2020)" in caught.value.messages[0]
    # Moving the plan's date after a task's due date is refused too, naming the task.
    plan.refresh_from_db()
    with pytest.raises(ValidationError, match="muộn hơn hạn của nhiệm vụ"):
        plans.plan_update(plan=plan, by=world.users["sonduong"], expected_version=plan.version, issued_on=dt.date(2020, 4, 1))


def test_plan_date_before_the_parent_plan_is_refused(province_plan, world, scope_of):
    plan = factories.sonduong_draft(world)
    with pytest.raises(ValidationError, match=r"không thể trước ngày của kế hoạch cấp trên \(12/2/2020\)"):
        plans.plan_update(plan=plan, by=world.users["sonduong"], expected_version=plan.version, issued_on=dt.date(2020, 2, 1))


def test_a_plan_based_on_a_plan_of_another_campaign_is_refused(province_plan, world, scope_of):
    campaign_2021 = Campaign.objects.create(
        year=2021, name="Phong trào thi đua “Dân vận khéo” năm 2021", starts_on=dt.date(2021, 1, 1), ends_on=dt.date(2021, 12, 31)
    )
    with pytest.raises(ValidationError) as caught:
        plans.plan_create(
            unit=world.units["076"],
            campaign=campaign_2021,
            by=world.users["sonduong"],
            based_on=province_plan,
            title="Kế hoạch 2021",
        )
    assert "thuộc Phong trào thi đua “Dân vận khéo” năm 2020, khác với phong trào của kế hoạch này" in caught.value.messages[0]
    assert not Plan.objects.filter(campaign=campaign_2021).exists()


def test_a_stale_header_save_is_refused_and_lists_what_changed(province_plan, world, scope_of):
    plan = factories.sonduong_draft(world)
    loaded = plan.version
    plans.plan_update(plan=plan, by=world.users["sonduong"], expected_version=loaded, title="Tiêu đề của người thứ nhất")
    with pytest.raises(StaleObjectError) as caught:
        plans.plan_update(plan=plan, by=world.users["sonduong"], expected_version=loaded, title="Tiêu đề của người thứ hai")
    assert any(now == "Tiêu đề của người thứ nhất" for _label, _then, now in caught.value.changes)
    plan.refresh_from_db()
    assert plan.title == "Tiêu đề của người thứ nhất"


def test_issue_lists_what_is_missing(province_plan, world):
    plan = factories.sonduong_draft(world)
    with pytest.raises(ValidationError) as caught:
        plan_lifecycle.plan_issue(plan=plan, by=world.users["sonduong"])
    assert "Chưa có họ và tên người ký." in caught.value.messages
    plan.refresh_from_db()
    assert plan.is_draft and not TaskAssignment.objects.filter(task__plan=plan).exists()


def test_a_number_already_used_that_year_is_refused_at_issue(province_plan, world):
    plan = plans.plan_create(
        unit=world.units["08"],
        campaign=province_plan.campaign,
        by=world.users["tinh"],
        number="04/KH-MTTQ-BTT",
        issued_on=dt.date(2020, 3, 1),
        title="Kế hoạch khác",
        signer_name="A",
    )
    PlanSection.objects.create(plan=plan, part="contents", body="Nội dung")
    with pytest.raises(ValidationError) as caught:
        plan_lifecycle.plan_issue(plan=plan, by=world.users["tinh"])
    assert any("đã dùng cho kế hoạch" in m and "05/KH-MTTQ-BTT" in m for m in caught.value.messages)


def test_amending_makes_a_new_revision_that_replaces_the_old_one_when_issued(province_plan, world, scope_of):
    draft, created = plan_lifecycle.plan_amend(plan=province_plan, by=world.users["tinh"])
    again, created_again = plan_lifecycle.plan_amend(plan=province_plan, by=world.users["tinh"])
    assert created and not created_again and again.pk == draft.pk
    assert draft.revision == 2 and draft.previous == province_plan and draft.sections.count() == province_plan.sections.count()
    # The old revision stays in force while the new one is drafted.
    province_plan.refresh_from_db()
    assert province_plan.is_current
    nahang_task = TaskAssignment.objects.get(task__plan=province_plan, task__kind="plan", unit=world.units["072"])
    TaskUpdate.objects.create(assignment=nahang_task, text="Đang soạn", status="in_progress")
    task = draft.tasks.get(origin=nahang_task.task)
    plans.task_save(
        plan=draft,
        by=world.users["tinh"],
        task=task,
        expected_version=task.version,
        section=task.section,
        kind=task.kind,
        text=task.text,
        due_on=dt.date(2020, 4, 15),
    )
    plan_lifecycle.plan_issue(plan=draft, by=world.users["tinh"])
    province_plan.refresh_from_db()
    assert not province_plan.is_current and province_plan.superseded_at is not None
    # Status, updates and the due-date change follow the assignment into the new revision.
    nahang_task.refresh_from_db()
    assert (
        nahang_task.task.plan_id == draft.pk and nahang_task.due_on == dt.date(2020, 4, 15) and nahang_task.updates.count() == 1
    )
    assert TaskAssignment.objects.in_force().filter(task__plan=province_plan).count() == 0
    assert TaskAssignment.objects.in_force().filter(task__plan=draft).count() == 4 + 6 * 7
    # The old revision's text is kept as it was.
    assert province_plan.tasks.count() == 10 and Plan.objects.filter(pk=province_plan.pk, status="issued").exists()


def test_overdue_and_at_risk_querysets(province_plan, world, in_2020):
    overdue = TaskAssignment.objects.overdue(on=in_2020)
    assert overdue.filter(unit=world.units["072"]).count() == 3  # the plan task, the March task, the 10/6 report
    assert not overdue.filter(status="done").exists()
    at_risk = TaskAssignment.objects.at_risk(on=dt.date(2020, 11, 12), days=7)
    assert set(at_risk.values_list("due_on", flat=True)) == {dt.date(2020, 11, 18)}


def test_a_plan_keyed_in_after_its_campaign_is_numbered_in_the_campaigns_year(province_plan, world, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))), tick=False)
    assert plans.document_year(province_plan.campaign) == 2020
    assert plans.plan_defaults(unit=world.units["08"], campaign=province_plan.campaign)["number"] == "05/KH-MTTQ-BTT"
