"""The period's table by unit: who reported when, and each unit's figures, with totals.

A unit that has sent its report contributes the figures frozen in its latest version (what it
actually reported); a unit that has not is shown with the figures the portal computes from its
subtree now, flagged as such. This one table feeds the consolidated report, its PDF appendix and
the .xlsx export; it costs a fixed number of queries (units, reports, latest versions, one per
figure source) for 7 units or 700.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from reports import figures
from reports.models import ReportingPeriod, ReportVersion
from reports.selectors import STATE_LABELS, completeness


@dataclass
class Row:
    unit_id: int
    code: str
    name: str
    state: str  # on_time | late | missing
    status: str  # report status, or "" when there is no report
    status_label: str
    submitted_at: str | None  # ISO, first submission
    days_late: int | None
    version_number: int | None  # the version whose figures are shown; None for live figures
    values: dict[str, int] = field(default_factory=dict)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def is_live(self) -> bool:
        return self.version_number is None

    @property
    def submitted(self) -> dt.datetime | None:
        return dt.datetime.fromisoformat(self.submitted_at) if self.submitted_at else None


@dataclass
class PeriodTable:
    computed_on: str
    figures: list[dict]  # [{"key", "label", "group"}] in display order
    rows: list[Row]
    counts: dict

    @property
    def computed_date(self) -> dt.date:
        return dt.date.fromisoformat(self.computed_on)

    @property
    def totals(self) -> dict[str, int]:
        return figures.total(r.values for r in self.rows)

    def figure_rows(self) -> list[dict]:
        """Per figure: label, group, the value of each unit (in row order) and the total."""
        totals = self.totals
        return [
            {**f, "values": [r.values.get(f["key"], 0) for r in self.rows], "total": totals.get(f["key"], 0)}
            for f in self.figures
        ]

    def as_json(self) -> dict:
        return {
            "computed_on": self.computed_on,
            "figures": self.figures,
            "rows": [asdict(r) for r in self.rows],
            "counts": self.counts,
        }

    @classmethod
    def from_json(cls, data: dict) -> PeriodTable:
        return cls(data["computed_on"], data["figures"], [Row(**r) for r in data["rows"]], data["counts"])


def period_table(period: ReportingPeriod, *, today: dt.date | None = None) -> PeriodTable:
    today = today or timezone.localdate()
    state = completeness(period=period, with_children=False)
    latest_number = ReportVersion.objects.filter(report=OuterRef("report")).order_by("-number").values("number")[:1]
    versions = {
        v.report_id: v
        for v in ReportVersion.objects.filter(report__period=period, number=Subquery(latest_number)).only(
            "id", "report_id", "number", "figures"
        )
    }
    missing_units = [r.unit for r in state.rows if r.report is None or r.report.pk not in versions]
    live = figures.compute_many(missing_units, period, today=today)
    registry = [{"key": f.key, "label": f.label, "group": f.group} for f in figures.all_figures()]
    known = {f["key"] for f in registry}
    extra: list[dict] = []
    rows = []
    for r in state.rows:
        version = versions.get(r.report.pk) if r.report else None
        if version is not None:
            values = {}
            for f in version.figures:
                values[f["key"]] = f["value"]
                if f["key"] not in known:
                    known.add(f["key"])
                    extra.append({"key": f["key"], "label": f["label"], "group": f["group"]})
        else:
            values = live.get(r.unit.pk, {})
        rows.append(
            Row(
                unit_id=r.unit.pk,
                code=r.unit.code,
                name=r.unit.name,
                state=r.state,
                status=r.report.status if r.report else "",
                status_label=r.review_label,
                submitted_at=r.report.submitted_at.isoformat() if r.report and r.report.submitted_at else None,
                days_late=r.report.days_late if r.report else None,
                version_number=version.number if version is not None else None,
                values=values,
            )
        )
    counts = {
        "required": state.required,
        "reported": state.reported,
        "on_time": state.on_time,
        "late": state.late,
        "missing": state.missing,
        "returned": state.returned,
        "accepted": state.accepted,
        "awaiting_review": state.awaiting_review,
        "reporting_rate": state.reporting_rate,
        "on_time_rate": state.on_time_rate,
    }
    return PeriodTable(today.isoformat(), registry + extra, rows, counts)
