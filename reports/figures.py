"""The figures of a report: a registry of counts computed over a unit's subtree.

Each figure has a key (stable: frozen versions keep it), a Vietnamese label, a group, and belongs
to a *source*: a queryset of rows for a period (registrations of the campaign, plan tasks due in
the period, …) plus the lookup of the unit path on a row. Figures of one source are counted
together with conditional aggregates, so:

- `compute(unit, period)` runs one query per source for a unit's subtree (the unit included);
- `compute_many(units, period)` runs one query per source for any number of units (rows are
  grouped by unit path inside the common subtree and added up to every target unit above them),
  so the province's tables and the .xlsx by unit cost the same for 7 units or 700.

Values are frozen in a report version as [{"key", "label", "group", "value"}], so a later change
of label, or a figure removed from the registry, never changes what a unit sent.

The sources are registered at the bottom of this module, importing the other apps' models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

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


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    group: str
    source: str
    condition: Q | None = None


@dataclass
class Source:
    name: str
    # (period, today) → the rows this source counts for the period.
    rows: Callable
    # Lookup from a row to the path of the unit it belongs to ("unit__path").
    unit_path: str
    figures: list[Figure] = field(default_factory=list)


_SOURCES: dict[str, Source] = {}


def register_source(name: str, *, rows: Callable, unit_path: str) -> Source:
    source = Source(name, rows, unit_path)
    _SOURCES[name] = source
    return source


def register(source: str, key: str, label: str, group: str, condition: Q | None = None) -> Figure:
    if any(f.key == key for f in all_figures()):
        raise ValueError(f"figure {key!r} registered twice")
    figure = Figure(key, label, group, source, condition)
    _SOURCES[source].figures.append(figure)
    return figure


def unregister_source(name: str) -> None:
    """For tests that add a source of their own."""
    _SOURCES.pop(name, None)


def all_figures() -> list[Figure]:
    figures = [f for s in _SOURCES.values() for f in s.figures]
    order = {g: i for i, g in enumerate(GROUPS)}
    return sorted(figures, key=lambda f: order.get(f.group, len(GROUPS)))  # stable: registration order inside a group


def labels() -> dict[str, str]:
    return {f.key: f.label for f in all_figures()}


def _aggregates(source: Source) -> dict:
    return {f.key: Count("pk", filter=f.condition) if f.condition is not None else Count("pk") for f in source.figures}


def _today(today):
    return today or timezone.localdate()


def compute(unit, period, *, today: dt.date | None = None) -> dict[str, int]:
    """Every registered figure for the unit's subtree: one query per source."""
    today = _today(today)
    values: dict[str, int] = {}
    for source in _SOURCES.values():
        if not source.figures:
            continue
        rows: QuerySet = source.rows(period, today)
        result = rows.filter(**{f"{source.unit_path}__startswith": unit.path}).order_by().aggregate(**_aggregates(source))
        values.update({k: int(v or 0) for k, v in result.items()})
    return values


def common_root(paths: Iterable[str]) -> str:
    """The deepest path every given path lies under ("/" when they share nothing)."""
    split = [p.strip("/").split("/") for p in paths]
    if not split:
        return "/"
    prefix: list[str] = []
    for parts in zip(*split):
        if all(p == parts[0] for p in parts):
            prefix.append(parts[0])
        else:
            break
    return "/" + "".join(part + "/" for part in prefix) if prefix else "/"


def _ancestor_paths(path: str) -> list[str]:
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]


def compute_many(units, period, *, today: dt.date | None = None) -> dict[int, dict[str, int]]:
    """Every figure for each unit's subtree, one query per source whatever the number of units."""
    units = list(units)
    today = _today(today)
    keys = [f.key for f in all_figures()]
    result = {u.pk: dict.fromkeys(keys, 0) for u in units}
    if not units:
        return result
    targets: dict[str, list[int]] = {}
    for u in units:
        targets.setdefault(u.path, []).append(u.pk)
    root = common_root(targets)
    for source in _SOURCES.values():
        if not source.figures:
            continue
        rows: QuerySet = source.rows(period, today)
        grouped = (
            rows.filter(**{f"{source.unit_path}__startswith": root})
            .order_by()
            .values(source.unit_path)
            .annotate(**_aggregates(source))
        )
        for row in grouped:
            for path in _ancestor_paths(row[source.unit_path] or ""):
                for unit_id in targets.get(path, ()):
                    bucket = result[unit_id]
                    for f in source.figures:
                        bucket[f.key] += int(row[f.key] or 0)
    return result


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


# ==================================================================================================
# Sources. Each block imports the models of the app that owns the rows (the agreed contracts).
# ==================================================================================================


# --- Registrations (registrations app, issue 4) ---------------------------------------------------
# Registrations of the period's campaign that were sent at least once (drafts do not count), as
# they stand when the figures are computed (frozen at the report's submission).
def _registrations(period, today):
    from registrations.models import Registration

    return Registration.objects.filter(campaign_id=period.campaign_id).exclude(status=Registration.Status.DRAFT)


def _register_registrations():
    from registrations.models import Registration

    S, K, R = Registration.Status, Registration.Kind, Registration.Rating
    register_source("registrations", rows=_registrations, unit_path="unit__path")
    add = lambda key, label, group, q=None: register("registrations", key, label, group, q)  # noqa: E731
    g = gettext_noop("Đăng ký thực hiện")
    add("reg_content", gettext_noop("Nội dung “Dân vận khéo” của tập thể"), g, Q(kind=K.CONTENT))
    add("reg_task", gettext_noop("Việc làm “Dân vận khéo” của cán bộ, đảng viên"), g, Q(kind=K.TASK))
    add("reg_model", gettext_noop("Mô hình “Dân vận khéo”"), g, Q(kind=K.MODEL))
    g = gettext_noop("Tình trạng đăng ký")
    add("reg_submitted", gettext_noop("Chờ duyệt"), g, Q(status=S.SUBMITTED))
    add("reg_returned", gettext_noop("Bị trả lại để bổ sung"), g, Q(status=S.RETURNED))
    add("reg_approved", gettext_noop("Đã duyệt, chưa triển khai"), g, Q(status=S.APPROVED))
    add("reg_in_progress", gettext_noop("Đang thực hiện"), g, Q(status=S.IN_PROGRESS))
    add("reg_completed", gettext_noop("Đã hoàn thành, chờ đánh giá"), g, Q(status=S.COMPLETED))
    add("reg_evaluated", gettext_noop("Đã đánh giá"), g, Q(status=S.EVALUATED))
    g = gettext_noop("Kết quả đánh giá")
    add("reg_excellent", gettext_noop("Hoàn thành xuất sắc"), g, Q(status=S.EVALUATED, rating=R.EXCELLENT))
    add("reg_good", gettext_noop("Hoàn thành tốt"), g, Q(status=S.EVALUATED, rating=R.GOOD))
    add("reg_done", gettext_noop("Hoàn thành"), g, Q(status=S.EVALUATED, rating=R.DONE))
    add("reg_not_done", gettext_noop("Không hoàn thành"), g, Q(status=S.EVALUATED, rating=R.NOT_DONE))
    g = gettext_noop("Mô hình “Dân vận khéo”")
    add("model_running", gettext_noop("Mô hình đang triển khai"), g, Q(kind=K.MODEL, status__in=[S.APPROVED, S.IN_PROGRESS]))
    add("model_completed", gettext_noop("Mô hình đã hoàn thành"), g, Q(kind=K.MODEL, status__in=[S.COMPLETED, S.EVALUATED]))
    add(
        "model_good",
        gettext_noop("Mô hình được đánh giá hoàn thành tốt trở lên"),
        g,
        Q(kind=K.MODEL, status=S.EVALUATED, rating__in=[R.EXCELLENT, R.GOOD]),
    )


_register_registrations()


# --- Plans, plan tasks and inspections (campaigns app, issue 3) ------------------------------------
# Plans in force (issued, not replaced by a revision) dated by the end of the period; plan task
# assignments of plans in force due within the period (overdue: not done and due before today);
# inspection and supervision records dated within the period, counted both for the units that
# inspected and for the units inspected.
def _plans(period, today):
    from plans.models import Plan

    return Plan.objects.current().filter(campaign_id=period.campaign_id, issued_on__lte=period.covers_to)


def _assignments(period, today):
    from plans.models import TaskAssignment

    # "Overdue" depends on the day the figures are computed, so it is an annotation of the rows.
    return (
        TaskAssignment.objects.in_force()
        .filter(task__plan__campaign_id=period.campaign_id, due_on__gte=period.covers_from, due_on__lte=period.covers_to)
        .annotate(overdue=ExpressionWrapper(Q(due_on__lt=today), output_field=BooleanField()))
    )


def _inspections(period, today):
    from plans.models import Inspection

    return Inspection.objects.filter(
        Q(campaign_id=period.campaign_id) | Q(campaign__isnull=True),
        inspected_on__gte=period.covers_from,
        inspected_on__lte=period.covers_to,
    )


def _register_campaigns():
    from plans.models import TaskAssignment

    done = TaskAssignment.Status.DONE
    g = gettext_noop("Kế hoạch, nhiệm vụ")
    register_source("plans", rows=_plans, unit_path="unit__path")
    register("plans", "plans_issued", gettext_noop("Kế hoạch triển khai đã ban hành (kể cả cấp dưới)"), g)
    register_source("assignments", rows=_assignments, unit_path="unit__path")
    register("assignments", "tasks_due", gettext_noop("Việc được giao đến hạn trong kỳ"), g)
    register("assignments", "tasks_done", gettext_noop("Việc được giao đã hoàn thành"), g, Q(status=done))
    register("assignments", "tasks_overdue", gettext_noop("Việc được giao quá hạn, chưa hoàn thành"), g, Q(overdue=True) & ~Q(status=done))
    g = gettext_noop("Kiểm tra, giám sát")
    register_source("inspections_made", rows=_inspections, unit_path="unit__path")
    register("inspections_made", "inspections_made", gettext_noop("Cuộc kiểm tra, giám sát đã tiến hành"), g)
    register_source("inspections_received", rows=_inspections, unit_path="inspected_unit__path")
    register("inspections_received", "inspections_received", gettext_noop("Lượt đơn vị được kiểm tra, giám sát"), g)


_register_campaigns()


# --- Exemplars and articles (registrations app, issue 5) ------------------------------------------
# Exemplars recognised by the province within covers_from..covers_to (collective and individual;
# a recognition later withdrawn no longer counts), and articles published on the public pages
# within the period whose publication time has come (scheduled ones count once they are out; an
# article taken down no longer counts). Counted for the unit the exemplar or article belongs to.
def _period_bounds(period):
    from core.dates import end_of_day

    tz = timezone.get_current_timezone()
    return dt.datetime.combine(period.covers_from, dt.time.min, tzinfo=tz), end_of_day(period.covers_to)


def _exemplars(period, today):
    from publishing.models import Exemplar

    start, end = _period_bounds(period)
    return Exemplar.objects.filter(status=Exemplar.Status.RECOGNISED, recognised_at__gte=start, recognised_at__lte=end)


def _articles(period, today):
    from publishing.models import Article

    start, end = _period_bounds(period)
    return Article.objects.public().filter(published_at__gte=start, published_at__lte=end)


def _register_exemplars_and_articles():
    from publishing.models import Exemplar

    K = Exemplar.Kind
    g = gettext_noop("Gương điển hình")
    register_source("exemplars", rows=_exemplars, unit_path="unit__path")
    register("exemplars", "exemplars_recognised", gettext_noop("Gương điển hình được tỉnh công nhận trong kỳ"), g)
    register("exemplars", "exemplars_collective", gettext_noop("Trong đó: tập thể"), g, Q(kind=K.COLLECTIVE))
    register("exemplars", "exemplars_individual", gettext_noop("Trong đó: cá nhân"), g, Q(kind=K.INDIVIDUAL))
    g = gettext_noop("Tin, bài")
    register_source("articles", rows=_articles, unit_path="unit__path")
    register("articles", "articles_published", gettext_noop("Tin, bài được đăng trên trang tin công khai trong kỳ"), g)


_register_exemplars_and_articles()
