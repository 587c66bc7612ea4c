"""What a dashboard shows, read from the summary rows: six queries whatever the data size (the
child units, their figures, the periods, the reports of the unit's period, the fields, the
campaign), the same at provincial and national scale."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import CharField, Q, Sum, Value
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from core import figures as registry
from dashboards import figures
from dashboards.models import UnitFigure
from plans import figures as plan_figures
from registrations import figures as reg_figures
from registrations.models import Field, Registration
from reports.models import Report, ReportingPeriod
from units.models import Unit

Kind = Registration.Kind
Status = Registration.Status
SENT_STATUSES = [Status.SUBMITTED, Status.RETURNED, Status.APPROVED, Status.IN_PROGRESS, Status.COMPLETED, Status.EVALUATED]
STATUS_SHORT = {
    Status.SUBMITTED: _("Chờ duyệt"),
    Status.RETURNED: _("Bị trả lại"),
    Status.APPROVED: _("Đã duyệt"),
    Status.IN_PROGRESS: _("Đang thực hiện"),
    Status.COMPLETED: _("Hoàn thành, chờ đánh giá"),
    Status.EVALUATED: _("Đã đánh giá"),
}
KIND_SHORT = {Kind.CONTENT: _("Nội dung (tập thể)"), Kind.TASK: _("Việc làm (cá nhân)"), Kind.MODEL: _("Mô hình")}

# --- traffic lights: thresholds, stated on the page -------------------------------------------------------
GOOD, WATCH, BAD, NONE = "good", "watch", "bad", "none"
LIGHT_LABELS = {GOOD: _("Tốt"), WATCH: _("Cần chú ý"), BAD: _("Chậm"), NONE: _("Chưa đánh giá")}
LIGHT_ORDER = {NONE: 0, GOOD: 1, WATCH: 2, BAD: 3}
PLAN_GOOD, PLAN_WATCH = 90, 50  # % of committees with an issued plan
CADRE_GOOD, CADRE_WATCH = 80, 50  # % of cadres who sent a task
REPORT_GOOD, REPORT_WATCH = 90, 60  # % of required reports sent on time (subtree rows)
OVERDUE_WATCH, OVERDUE_BAD = 1, 3  # open plan tasks past their due date


def thresholds() -> list[tuple[str, str]]:
    """The thresholds of the traffic lights as the page states them (name, rule)."""
    return [
        (
            gettext("Kế hoạch"),
            gettext("Tốt: từ %(good)s%% đơn vị đã ban hành kế hoạch; Cần chú ý: từ %(watch)s%%; Chậm: dưới %(watch)s%%.")
            % {"good": PLAN_GOOD, "watch": PLAN_WATCH},
        ),
        (
            gettext("Cán bộ đăng ký"),
            gettext("Tốt: từ %(good)s%% cán bộ đã gửi đăng ký việc làm; Cần chú ý: từ %(watch)s%%; Chậm: dưới %(watch)s%%.")
            % {"good": CADRE_GOOD, "watch": CADRE_WATCH},
        ),
        (
            gettext("Báo cáo"),
            gettext(
                "Tốt: gửi đúng hạn; Cần chú ý: gửi muộn; Chậm: quá hạn chưa gửi; chưa đến hạn thì chưa đánh giá. "
                "Khi tính cho cả địa bàn: Tốt từ %(good)s%% báo cáo đúng hạn, Cần chú ý từ %(watch)s%%, Chậm dưới %(watch)s%%."
            )
            % {"good": REPORT_GOOD, "watch": REPORT_WATCH},
        ),
        (
            gettext("Nhiệm vụ quá hạn"),
            gettext("Tốt: không có; Cần chú ý: %(watch)s–%(bad_minus_one)s nhiệm vụ; Chậm: từ %(bad)s nhiệm vụ.")
            % {"watch": OVERDUE_WATCH, "bad_minus_one": OVERDUE_BAD - 1, "bad": OVERDUE_BAD},
        ),
        (gettext("Đánh giá chung"), gettext("Mức thấp nhất trong các tiêu chí trên.")),
    ]


def _rate_light(part: int, whole: int, good: int, watch: int) -> str:
    if not whole:
        return NONE
    pct = 100 * part / whole
    return GOOD if pct >= good else WATCH if pct >= watch else BAD


def _pct(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None


@dataclass
class Light:
    state: str

    @property
    def label(self) -> str:
        return LIGHT_LABELS[self.state]


@dataclass
class Figures:
    """One unit's subtree figures for the campaign, by the keys of the figure registry
    (core/figures.py; what each counts is defined there)."""

    values: dict
    today: dt.date
    kind: str | None = None

    def get(self, key: str) -> int:
        return self.values.get(key, 0)

    # registrations ---------------------------------------------------------------------------------
    @cached_property
    def _sent_by_kind(self) -> dict:
        return {k: self.get(reg_figures.BY_KIND[k]) for k in Kind.values}

    def sent(self, kind: str | None = None) -> int:
        return self._sent_by_kind[kind] if kind else sum(self._sent_by_kind.values())

    def _kind_status(self, kind: str, status: str) -> int:
        return self.get(f"{reg_figures.KIND_STATUS}:{kind}:{status}")

    def drafts(self) -> int:
        return sum(self._kind_status(k, Status.DRAFT) for k in Kind.values)

    def by_status(self, kind: str | None = None) -> dict:
        if kind is None:
            return {s: self.get(reg_figures.BY_STATUS[s]) for s in SENT_STATUSES}
        return {s: self._kind_status(kind, s) for s in SENT_STATUSES}

    def by_kind(self) -> dict:
        return dict(self._sent_by_kind)

    # people, plans, tasks ----------------------------------------------------------------------------
    @property
    def cadres(self) -> int:
        return self.get(reg_figures.CADRES)

    @property
    def cadres_reg(self) -> int:
        return self.get(reg_figures.CADRES_REGISTERED)

    @property
    def cadre_pct(self):
        return _pct(self.cadres_reg, self.cadres)

    @property
    def committees(self) -> int:
        return self.get(plan_figures.COMMITTEES)

    @property
    def plans(self) -> int:
        """Committees with a plan in force (not the number of plans)."""
        return self.get(plan_figures.COMMITTEES_PLANNED)

    @property
    def plan_pct(self):
        return _pct(self.plans, self.committees)

    @property
    def tasks(self) -> int:
        return self.get("tasks_due")

    @property
    def tasks_done(self) -> int:
        return self.get("tasks_done")

    @property
    def overdue(self) -> int:
        """Open assignments due before the day of the read (summed by the query from the dated rows)."""
        return self.get("tasks_overdue")

    # exemplars, articles ------------------------------------------------------------------------------
    @property
    def exemplars_nominated(self) -> int:
        return self.get("exemplars_nominated")

    @property
    def exemplars_recognised(self) -> int:
        return self.get("exemplars_recognised")

    @property
    def articles(self) -> int:
        """Articles out by the end of the day of the read (summed by the query from the dated rows)."""
        return self.get("articles_published")

    # reports of the subtree, for the period kind shown ------------------------------------------------
    @property
    def rep_required(self) -> int:
        return self.get(f"rep:{self.kind}:required") if self.kind else 0

    @property
    def rep_on_time(self) -> int:
        return self.get(f"rep:{self.kind}:on_time") if self.kind else 0

    @property
    def rep_late(self) -> int:
        return self.get(f"rep:{self.kind}:late") if self.kind else 0

    @property
    def rep_missing(self) -> int:
        return max(0, self.rep_required - self.rep_on_time - self.rep_late)

    # lights --------------------------------------------------------------------------------------------
    @property
    def plan_light(self) -> Light:
        return Light(_rate_light(self.plans, self.committees, PLAN_GOOD, PLAN_WATCH))

    @property
    def cadre_light(self) -> Light:
        return Light(_rate_light(self.cadres_reg, self.cadres, CADRE_GOOD, CADRE_WATCH))

    @property
    def overdue_light(self) -> Light:
        n = self.overdue
        return Light(GOOD if n < OVERDUE_WATCH else WATCH if n < OVERDUE_BAD else BAD)


@dataclass
class ReportState:
    """A child's own report in the dashboard unit's period (or its subtree's reports when the unit
    opened no period)."""

    state: str  # on_time | late | missing | not_due | none | subtree
    label: str
    light: Light
    days_late: int = 0


@dataclass
class ChildRow:
    unit: Unit
    figures: Figures
    report: ReportState
    visible: bool = True

    @property
    def overall(self) -> Light:
        lights = [self.figures.plan_light, self.figures.cadre_light, self.report.light, self.figures.overdue_light]
        return Light(max((light.state for light in lights), key=lambda s: LIGHT_ORDER[s]))


@dataclass(frozen=True)
class PeriodInfo:
    """What the page needs of a reporting period (read as values: up to 1,400 at national scale)."""

    pk: int
    kind: str
    title: str
    due_on: dt.date
    receiving_unit_id: int
    audience: str


@dataclass
class PeriodSummary:
    period: PeriodInfo | None
    required: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    is_due: bool = False
    subtree: bool = False  # counted over the subtree's periods (the unit opened none itself)


@dataclass
class Dashboard:
    unit: Unit
    campaign: Campaign
    today: dt.date
    total: Figures
    own: Figures  # the unit's own level (and its departments): total − children
    rows: list[ChildRow]
    fields: list[tuple[str, int]]
    kind: str | None
    kinds: list[tuple[str, str]]
    reports: PeriodSummary
    thresholds: list = field(default_factory=thresholds)

    @property
    def child_level_label(self) -> str:
        levels = {r.unit.level for r in self.rows}
        if levels == {Unit.Level.DISTRICT}:
            return gettext("Huyện, thành phố")
        if levels == {Unit.Level.COMMUNE}:
            return gettext("Xã, phường, thị trấn")
        if levels == {Unit.Level.PROVINCE}:
            return gettext("Tỉnh, thành phố")
        return gettext("Đơn vị trực thuộc")

    @property
    def kind_label(self) -> str:
        return dict(ReportingPeriod.Kind.choices).get(self.kind, "") if self.kind else ""


def _current_kind(periods, today: dt.date, wanted: str | None) -> str | None:
    kinds = {p.kind for p in periods}
    if wanted in ReportingPeriod.Kind.values:
        return wanted
    due = sorted((p for p in periods if p.due_on <= today), key=lambda p: p.due_on)
    if due:
        return due[-1].kind
    upcoming = sorted(periods, key=lambda p: p.due_on)
    if upcoming:
        return upcoming[0].kind
    return ReportingPeriod.Kind.SIX_MONTH if not kinds else sorted(kinds)[0]


def _valid_on(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day})
    )


def is_valid_on(unit: Unit, day: dt.date) -> bool:
    return unit.valid_from <= day and (unit.valid_to is None or day < unit.valid_to)


def unit_with_children(code: str, *, on: dt.date) -> tuple[Unit | None, list[Unit]]:
    """The committee with this code on the map of `on` (a campaign's `map_date`) and every child
    committee of that row (those of other days too: who had to report on a due date; the
    dashboard shows those of its campaign's map), in one query."""
    rows = list(
        Unit.objects.committees()
        .filter(Q(code=code) & _valid_on(on) | Q(parent__code=code) & _valid_on(on, "parent__"))
        .select_related("parent")
        .order_by("position", "code")
    )
    unit = next((u for u in rows if u.code == code and is_valid_on(u, on)), None)
    if unit is None:
        return None, []
    return unit, [u for u in rows if u.parent_id == unit.pk]


def children_of(unit: Unit) -> list[Unit]:
    """Every child committee of the unit's row (of every day)."""
    return list(Unit.objects.committees().filter(parent=unit).order_by("position", "code"))


FIELD_ROW = "fieldname"


def _values(campaign_id: int, ids: list[int], today: dt.date):
    """In one query: the summary rows of these units (and any pending mark); per unit, the figures
    that depend on the day of the read (open assignments due before today, articles out by today),
    summed from their rows per day; and the names of the fields the chart needs."""
    mine = UnitFigure.objects.filter(campaign_id=campaign_id, unit_id__in=ids)
    plain = mine.exclude(total=0).exclude(key__contains="@").values_list("unit_id", "key", "total", "family").order_by()

    def summed(name: str, family: str, last: str):
        return (
            mine.filter(key__gt=f"{name}@", key__lte=last)
            .values("unit_id")
            .annotate(k=Value(name, output_field=CharField()), t=Sum("total"), f=Value(family, output_field=CharField()))
            .values_list("unit_id", "k", "t", "f")
            .order_by()
        )

    dated = [summed(f.key, registry.family_of(f.source), last) for f, last in figures.dated_bounds(today)]
    pending = (
        UnitFigure.objects.filter(campaign_id=campaign_id, family=figures.PENDING)
        .values_list("unit_id", "key", "total", "family")
        .order_by()
    )
    names = (
        Field.objects.annotate(row=Value(FIELD_ROW, output_field=CharField()))
        .values_list("pk", "name", "position", "row")
        .order_by()
    )
    return list(plain.union(pending, *dated, names, all=True))


def _has_pending(rows) -> bool:
    return figures.PENDING in {row[3] for row in rows}


def dashboard(*, unit: Unit, campaign: Campaign, today: dt.date, kind: str | None = None, children=None) -> Dashboard:
    """The unit's dashboard in the campaign: its rows are the child committees on the campaign's
    map. `children`: every child committee of the unit's row (children_of), when the caller has them."""
    every_child = children if children is not None else children_of(unit)
    children = [c for c in every_child if is_valid_on(c, campaign.map_date)]
    ids = [unit.pk] + [c.pk for c in children]
    rows = _values(campaign.pk, ids, today)
    if _has_pending(rows):
        figures.flush_pending(campaign.pk)
        rows = _values(campaign.pk, ids, today)
    values: dict = {pk: {} for pk in ids}
    field_names = []
    for unit_id, key, total, family in rows:
        if family == FIELD_ROW:
            field_names.append((total, key, unit_id))
        elif family == figures.PENDING or key.startswith(figures.LOCK_PREFIX) or unit_id not in values:
            continue
        else:
            values[unit_id][key] = total

    periods = [
        PeriodInfo(*row)
        for row in ReportingPeriod.objects.filter(campaign=campaign, receiving_unit_id__in=ids).values_list(
            "id", "kind", "title", "due_on", "receiving_unit_id", "audience"
        )
    ]
    kind = _current_kind(periods, today, kind)
    kinds = [(k, label) for k, label in ReportingPeriod.Kind.choices if any(p.kind == k for p in periods)]
    own_period = next((p for p in periods if p.receiving_unit_id == unit.pk and p.kind == kind), None)
    # The reports sent to this unit in the period of that kind (one query, even when it has none).
    reports = {
        r.unit_id: r
        for r in Report.objects.filter(period__campaign=campaign, period__kind=kind, period__receiving_unit=unit).only(
            "id", "unit_id", "period_id", "submitted_at", "days_late", "status"
        )
    }
    required_ids = set()
    if own_period is not None:
        if own_period.audience == ReportingPeriod.Audience.SELECTED:
            through = ReportingPeriod.selected_units.through.objects
            required_ids = set(through.filter(reportingperiod_id=own_period.pk).values_list("unit_id", flat=True))
        else:
            day = own_period.due_on
            required_ids = {c.pk for c in every_child if c.valid_from <= day and (c.valid_to is None or c.valid_to > day)}
        reports = {pk: r for pk, r in reports.items() if pk in required_ids}

    total = Figures(values[unit.pk], today, kind)
    child_rows = []
    own_values = dict(values[unit.pk])
    for child in children:
        f = Figures(values[child.pk], today, kind)
        for key, v in f.values.items():
            own_values[key] = own_values.get(key, 0) - v
        child_rows.append(ChildRow(child, f, _report_state(child, f, own_period, required_ids, reports, today)))
    own = Figures({k: v for k, v in own_values.items() if v}, today, kind)
    if own_period is not None:
        summary = PeriodSummary(own_period, is_due=own_period.due_on < today)
        summary.required = len(required_ids)
        for r in reports.values():
            if r.submitted_at is not None:
                if r.days_late:
                    summary.late += 1
                else:
                    summary.on_time += 1
        summary.missing = summary.required - summary.on_time - summary.late
    else:
        summary = PeriodSummary(None, total.rep_required, total.rep_on_time, total.rep_late, total.rep_missing, subtree=True)

    fields = [(name, total.get(f"{reg_figures.SENT_BY_FIELD}:{pk}")) for _, name, pk in sorted(field_names)]
    return Dashboard(unit, campaign, today, total, own, child_rows, fields, kind, kinds, summary)


def _report_state(child, f: Figures, period, required_ids, reports, today) -> ReportState:
    if period is None:
        if not f.rep_required:
            return ReportState("none", gettext("Không có kỳ báo cáo"), Light(NONE))
        light = _rate_light(f.rep_on_time, f.rep_required, REPORT_GOOD, REPORT_WATCH)
        return ReportState(
            "subtree",
            gettext("%(sent)s/%(required)s đã gửi, %(on_time)s đúng hạn")
            % {"sent": f.rep_on_time + f.rep_late, "required": f.rep_required, "on_time": f.rep_on_time},
            Light(light),
        )
    if child.pk not in required_ids:
        return ReportState("none", gettext("Không phải báo cáo"), Light(NONE))
    report = reports.get(child.pk)
    if report is None or report.submitted_at is None:
        if period.due_on < today:
            days = (today - period.due_on).days
            label = ngettext("Quá hạn, chưa gửi (%(days)s ngày)", "Quá hạn, chưa gửi (%(days)s ngày)", days) % {"days": days}
            return ReportState("missing", label, Light(BAD))
        return ReportState("not_due", gettext("Chưa gửi, chưa đến hạn"), Light(NONE))
    if report.days_late:
        label = ngettext("Gửi muộn %(days)s ngày", "Gửi muộn %(days)s ngày", report.days_late) % {"days": report.days_late}
        return ReportState("late", label, Light(WATCH), report.days_late)
    return ReportState("on_time", gettext("Gửi đúng hạn"), Light(GOOD))
