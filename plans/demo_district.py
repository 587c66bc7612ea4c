"""Demo: Huyện Sơn Dương's 2020 plan, derived from the province's seed plan and issued in February
2020 (the district carries the plan to its communes; the cascade shows it). A loader of its own, so
that tests building the province's plan alone (plans.tests.factories) get no district plan."""

import datetime as dt

from plans.demo import _aware

SONDUONG_NUMBER = "08/KH-MTTQ"
SONDUONG_ISSUED_ON = dt.date(2020, 2, 25)
SONDUONG_SIGNER = ("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "Trần Minh Tuấn")


def load(ctx):
    """Huyện Sơn Dương's plan, derived from the province's and issued in February 2020 (the
    district level carries the seed plan to its communes; the cascade shows it)."""
    from plans.models import Plan
    from plans.services.plan_lifecycle import plan_derive, plan_issue

    sonduong = ctx["users"]["sonduong"]
    plan = Plan.objects.filter(unit=ctx["units"]["076"], based_on=ctx["province_plan"]).first()
    if plan is None:  # loaded once: a second run (the 2020 year is then closed) writes nothing
        plan, _ = plan_derive(parent=ctx["province_plan"], unit=ctx["units"]["076"], by=sonduong)
    if plan.is_draft:
        Plan.objects.filter(pk=plan.pk).update(
            number=SONDUONG_NUMBER, issued_on=SONDUONG_ISSUED_ON, place="Sơn Dương", signer_authority=SONDUONG_SIGNER[0],
            signer_title=SONDUONG_SIGNER[1], signer_name=SONDUONG_SIGNER[2],
        )  # fmt: skip
        plan.refresh_from_db()
        plan, _ = plan_issue(plan=plan, by=sonduong)
        Plan.objects.filter(pk=plan.pk).update(issued_at=_aware(SONDUONG_ISSUED_ON, 16))
    return f"kế hoạch {plan.number} của {plan.unit.name} (đã ban hành)."
