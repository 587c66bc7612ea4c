"""The figures of a report, read from the figure registry (core/figures.py) over a unit's subtree
for a reporting period (its days: covers_from..covers_to).

The figures are defined by the apps that own the rows (registrations/figures.py,
plans/figures.py, publishing/figures.py); a report shows those registered with a label. So:

- `compute(unit, period)` runs one query per source for a unit's subtree (the unit included);
- `compute_many(units, period)` runs one query per source for any number of units, so the
  province's tables and the .xlsx by unit cost the same for 7 units or 700.

Values are frozen in a report version as [{"key", "label", "group", "value"}], so a later change
of label, or a figure removed from the registry, never changes what a unit sent.

This module also registers what reports themselves count for the dashboards: the reports each
receiving unit must get in a period, and how many came on time or late (family "rep").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.utils.translation import gettext_noop

from core import figures as registry
from core.dates import end_of_day
from core.figures import common_root, register, unregister_source  # noqa: F401  (part of this module's interface)
from reports.models import Report, ReportingPeriod
from units.models import Unit

# Labels and groups are marked with gettext_noop: they stay Vietnamese strings in the registry, in
# frozen versions, PDFs and spreadsheets; pages translate them when shown ({% translate f.label %}),
# which also translates the labels frozen in earlier versions.
# Display order of the groups (a figure of an unknown group goes last).
GROUPS = [
    gettext_noop("Đăng ký thực hiện"),
    gettext_noop("Tình trạng đăng ký"),
    gettext_noop("Kết quả đánh giá"),
    gettext_noop("Mô hình “Dân vận khéo”"),
    gettext_noop("Kế hoạch, nhiệm vụ"),
    gettext_noop("Kiểm tra, giám sát"),
    gettext_noop("Gương điển hình"),
    gettext_noop("Tin, bài"),
]
REP = "rep"


def window(period, today: dt.date | None = None) -> registry.Window:
    return registry.Window(period.campaign_id, period.covers_from, period.covers_to, today)


def all_figures() -> list[registry.Figure]:
    """The figures a report shows, by group (registration order inside a group)."""
    order = {g: i for i, g in enumerate(GROUPS)}
    return sorted(registry.figures(reported=True), key=lambda f: order.get(f.group, len(GROUPS)))


def labels() -> dict[str, str]:
    return {f.key: f.label for f in all_figures()}


def compute(unit, period, *, today: dt.date | None = None) -> dict[str, int]:
    """Every figure of a report for the unit's subtree: one query per source."""
    return registry.compute(unit, window(period, today))


def compute_many(units, period, *, today: dt.date | None = None) -> dict[int, dict[str, int]]:
    """Every figure for each unit's subtree, one query per source whatever the number of units."""
    return registry.compute_many(units, window(period, today))


def freeze(values: dict[str, int]) -> list[dict]:
    """The list kept in a version: each figure with the label and group it had when sent."""
    return [{"key": f.key, "label": f.label, "group": f.group, "value": int(values.get(f.key, 0))} for f in all_figures()]


def as_rows(values: dict[str, int]) -> list[dict]:
    """Live values in display form (same shape as a frozen list)."""
    return freeze(values)


def grouped(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    """[(group, [rows])] in the order the rows come."""
    out: list[tuple[str, list[dict]]] = []
    for row in rows:
        if not out or out[-1][0] != row["group"]:
            out.append((row["group"], []))
        out[-1][1].append(row)
    return out


def total(per_unit: Iterable[dict[str, int]]) -> dict[str, int]:
    sums: dict[str, int] = {}
    for values in per_unit:
        for key, value in values.items():
            sums[key] = sums.get(key, 0) + int(value or 0)
    return sums


# --- what the dashboards count of reports ----------------------------------------------------------------
def _reports_received(window: registry.Window, unit_ids) -> dict:
    """As the receiving unit of a period of the campaign: how many units must report
    ("rep:<period kind>:required"), how many sent on time (first sent by the end of the due day,
    local time) and late. Timeliness is decided from the first submission and the period's
    current due date, as reports.models.days_late_for does."""
    periods = ReportingPeriod.objects.filter(campaign_id=window.campaign_id)
    if unit_ids is not None:
        periods = periods.filter(receiving_unit_id__in=list(unit_ids))
    periods = list(periods)
    if not periods:
        return {}
    children_of = [p.receiving_unit_id for p in periods if p.audience == ReportingPeriod.Audience.CHILDREN]
    lower: dict = defaultdict(list)
    if children_of:
        for pk, parent_id, start, end in (
            Unit.objects.committees().filter(parent_id__in=children_of).values_list("pk", "parent_id", "valid_from", "valid_to")
        ):
            lower[parent_id].append((pk, start, end))
    selected: dict = defaultdict(set)
    chosen = [p.pk for p in periods if p.audience == ReportingPeriod.Audience.SELECTED]
    if chosen:
        for period_id, unit_id in ReportingPeriod.selected_units.through.objects.filter(
            reportingperiod_id__in=chosen
        ).values_list("reportingperiod_id", "unit_id"):
            selected[period_id].add(unit_id)
    sent: dict = defaultdict(list)
    for period_id, unit_id, at in Report.objects.filter(period__in=periods, submitted_at__isnull=False).values_list(
        "period_id", "unit_id", "submitted_at"
    ):
        sent[period_id].append((unit_id, at))
    out: dict = defaultdict(int)
    for p in periods:
        if p.audience == ReportingPeriod.Audience.SELECTED:
            required = selected[p.pk]
        else:
            day = p.due_on
            required = {pk for pk, start, end in lower[p.receiving_unit_id] if start <= day and (end is None or end > day)}
        deadline = end_of_day(p.due_on)
        unit = p.receiving_unit_id
        if required:
            out[(unit, f"rep:{p.kind}:required")] += len(required)
        for unit_id, at in sent[p.pk]:
            if unit_id in required:
                out[(unit, f"rep:{p.kind}:{'on_time' if at <= deadline else 'late'}")] += 1
    return out


registry.register_source("reports", family=REP, count=_reports_received)


def period_changed(*periods) -> None:
    """Periods (before and after a change) or their reports changed: their receiving units count again."""
    for p in periods:
        registry.changed(families=[REP], units=[p.receiving_unit_id], campaign=p.campaign_id)
