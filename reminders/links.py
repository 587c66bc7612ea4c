"""Where a reminder takes its reader. The pages belong to the reports and plans apps; their URL
names are tried in order and the first that exists wins, so a reminder never breaks on a page
that is renamed: it falls back to the app's index, then to the record of urging."""

from django.urls import NoReverseMatch, reverse


def _first(*candidates, fallback: str = "") -> str:
    for name, kwargs in candidates:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return fallback or reverse("reminders:reminders")


# Stands for a unit's code in a URL reversed once per period (the sweep builds thousands of links).
CODE = "0UNITCODE0"


def report_for_unit_pattern(period) -> str:
    """The page of a unit's report, with CODE in place of the unit's code (the caller puts it in)."""
    return _first(
        ("reports:report_detail", {"pk": period.pk, "code": CODE}),
        ("reports:period_detail", {"pk": period.pk}),
        ("reports:periods", {}),
        ("reports:index", {}),
    )


def period_overview(period) -> str:
    return _first(
        ("reports:period_detail", {"pk": period.pk}),
        ("reports:periods", {}),
        ("reports:index", {}),
    )


def assignment(assignment) -> str:
    return _first(
        ("plans:assignment_detail", {"pk": assignment.pk}),
        ("plans:plan_detail", {"pk": assignment.task.plan_id}),
        ("plans:plan_list", {}),
    )


def assignment_followup(assignment, upper) -> str:
    return _first(
        ("plans:followup", {}),
        ("plans:assignment_detail", {"pk": assignment.pk}),
        ("plans:plan_detail", {"pk": assignment.task.plan_id}),
        ("plans:plan_list", {}),
    )
