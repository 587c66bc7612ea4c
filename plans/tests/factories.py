"""Plan records for tests and for the access matrix (objects of Huyện Sơn Dương, so that
Huyện Na Hang is the outsider). Each helper is idempotent within a test's database."""

import datetime as dt

from django.utils import timezone


def province_plan(world):
    """The seed plan of the province, issued, with its assignments (campaigns.demo_plans)."""
    from plans import demo as demo_plans
    from plans.models import Plan

    plan = world.get("province_plan")
    if plan is None or not Plan.objects.filter(pk=plan.pk).exists():
        demo_plans.load(world)
        plan = world["province_plan"]
    return plan


def sonduong_draft(world, *, signer: str = ""):
    """Sơn Dương's draft derived from the province plan (not issuable while it has no signer)."""
    from plans.services.plan_lifecycle import plan_derive

    parent = province_plan(world)
    plan, _ = plan_derive(parent=parent, unit=world.units["076"], by=world.users["sonduong"])
    if signer and not plan.signer_name:
        plan.signer_name = signer
        plan.issued_on = plan.issued_on or dt.date(2020, 2, 20)
        plan.save()
    return plan


def sonduong_issued(world):
    from plans.services.plan_lifecycle import plan_issue

    plan = sonduong_draft(world, signer="Trần Minh Tuấn")
    if plan.is_draft:
        plan, _ = plan_issue(plan=plan, by=world.users["sonduong"])
    return plan


def sonduong_assignment(world):
    """Huyện Sơn Dương's assignment of the province plan's task 2 of section III.2."""
    from plans.models import TaskAssignment

    plan = province_plan(world)
    return TaskAssignment.objects.filter(task__plan=plan, unit=world.units["076"]).order_by("due_on", "id").first()


def sonduong_inspection(world):
    from plans.models import Inspection

    province_plan(world)
    return Inspection.objects.filter(inspected_unit=world.units["076"]).first()


def sonduong_notice(world):
    """An urging notice of the province to Huyện Sơn Dương."""
    from plans.models import UrgingNotice
    from plans.services.followup import urging_send

    existing = UrgingNotice.objects.filter(urgings__unit=world.units["076"]).first()
    if existing is not None:
        return existing
    assignment = sonduong_assignment(world)
    tinh = world.users["tinh"]
    notice, _ = urging_send(
        by=tinh,
        unit=world.units["08"],
        assignments=[assignment],
        subject="V/v đôn đốc",
        message="Đề nghị hoàn thành.",
        sent_on=timezone.localdate(),
    )
    return notice


def sonduong_activity(world):
    from campaigns.models import CommemorationActivity

    province_plan(world)
    return CommemorationActivity.objects.filter(unit=world.units["076"]).first()
