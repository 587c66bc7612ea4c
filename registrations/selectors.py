"""Reads the pages share: the filtered list, the statistics of a subtree, what waits for an approver.

Each runs a fixed number of queries whatever the number of registrations: lists page in the
database, statistics are grouped in the database by unit and rolled up in Python over the units
(which are few), never one query per row.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from core import figures
from core.roles import Role
from core.text import fold
from registrations import figures as reg_figures
from registrations.access import visible_q
from registrations.forms import SORTS
from registrations.models import Field, Registration
from units.models import Unit

Kind = Registration.Kind
Status = Registration.Status
Rating = Registration.Rating
MAX_SEARCH_WORDS = 8


def filter_registrations(qs, data: dict):
    """Apply the list filters (cleaned data of forms.FilterForm) and the sort."""
    q = fold(data.get("q") or "")
    for word in q.split()[:MAX_SEARCH_WORDS]:
        qs = qs.filter(search_key__contains=word)
    if data.get("unit"):
        qs = qs.filter(unit__path__startswith=data["unit"].path)
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    if data.get("field"):
        qs = qs.filter(field=data["field"])
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("movement"):
        qs = qs.filter(movements=data["movement"])
    if data.get("rating"):
        qs = qs.filter(rating=data["rating"])
    return qs.order_by(*SORTS.get(data.get("sort") or "moi", SORTS["moi"]))


def registrations_for(scope, data: dict, campaign):
    """The registrations of one campaign year this scope sees, filtered and sorted."""
    if campaign is None:
        return Registration.objects.none()
    return filter_registrations(Registration.objects.filter(visible_q(scope), campaign=campaign), data)


def awaiting_q(scope, statuses) -> Q:
    """Registrations in these states whose approver is one of this scope's committees (the level
    the notifications go to; higher levels may act too, but their home page is not flooded)."""
    committees = {g.committee_id for g in scope.grants if g.role in (Role.OFFICER, Role.PROVINCE_STAFF)}
    if not committees:
        return Q(pk__in=[])
    tasks = Q(kind=Kind.TASK) & (Q(unit_id__in=committees) | Q(unit__parent_id__in=committees, unit__level=Unit.Level.DEPARTMENT))
    collective = ~Q(kind=Kind.TASK) & Q(unit__parent_id__in=committees)
    own_root = (
        ~Q(kind=Kind.TASK) & Q(unit_id__in=committees, unit__parent__isnull=True) if scope.is_province_staff else Q(pk__in=[])
    )
    return Q(status__in=statuses) & (tasks | collective | own_root) & ~Q(person_id=scope.user.pk)


# --- statistics ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    value: str
    label: str
    short: str


STAT_KINDS = [
    Column(Kind.CONTENT, Kind.CONTENT.label, gettext_lazy("Nội dung")),
    Column(Kind.TASK, Kind.TASK.label, gettext_lazy("Việc làm")),
    Column(Kind.MODEL, Kind.MODEL.label, gettext_lazy("Mô hình")),
]
STAT_STATUSES = [
    Column(Status.SUBMITTED, Status.SUBMITTED.label, gettext_lazy("Chờ duyệt")),
    Column(Status.RETURNED, Status.RETURNED.label, pgettext_lazy("status", "Trả lại")),
    Column(Status.APPROVED, Status.APPROVED.label, gettext_lazy("Đã duyệt")),
    Column(Status.IN_PROGRESS, Status.IN_PROGRESS.label, gettext_lazy("Đang làm")),
    Column(Status.COMPLETED, Status.COMPLETED.label, gettext_lazy("Hoàn thành")),
    Column(Status.EVALUATED, Status.EVALUATED.label, gettext_lazy("Đã đánh giá")),
]
STAT_RATINGS = [Column(r, r.label, r.label) for r in (Rating.EXCELLENT, Rating.GOOD, Rating.DONE, Rating.NOT_DONE)]


@dataclass
class StatRow:
    unit: Unit | None
    label: str
    is_total: bool = False
    is_own_level: bool = False
    by_kind: dict = field(default_factory=lambda: defaultdict(int))
    by_status: dict = field(default_factory=lambda: defaultdict(int))
    models_by_field: dict = field(default_factory=lambda: defaultdict(int))
    by_rating: dict = field(default_factory=lambda: defaultdict(int))
    cadres: int = 0
    cadres_registered: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    @property
    def cadre_share(self) -> float | None:
        return 100.0 * self.cadres_registered / self.cadres if self.cadres else None

    @property
    def has_children(self) -> bool:
        return self.unit is not None and not self.is_total and not self.is_own_level


@dataclass
class Statistics:
    root: Unit
    rows: list[StatRow]
    fields: list[Field]
    statuses: list = field(default_factory=lambda: STAT_STATUSES)
    ratings: list = field(default_factory=lambda: STAT_RATINGS)
    kinds: list = field(default_factory=lambda: STAT_KINDS)

    @property
    def total(self) -> StatRow:
        return self.rows[0]


def _fill(row: StatRow, values: dict) -> None:
    """The row's counts from the figure registry's values (zeros left out, as the tables show them)."""
    for kind, key in reg_figures.BY_KIND.items():
        if values.get(key):
            row.by_kind[kind] = values[key]
    for status, key in reg_figures.BY_STATUS.items():
        if values.get(key):
            row.by_status[status] = values[key]
    for rating, key in reg_figures.BY_RATING.items():
        if values.get(key):
            row.by_rating[rating] = values[key]
    for (field_id,), n in figures.split(reg_figures.MODELS_BY_FIELD, values).items():
        row.models_by_field[int(field_id) if field_id else None] = n
    row.cadres = values.get(reg_figures.CADRES, 0)
    row.cadres_registered = values.get(reg_figures.CADRES_REGISTERED, 0)


STAT_KEYS = [
    *reg_figures.BY_KIND.values(), *reg_figures.BY_STATUS.values(), *reg_figures.BY_RATING.values(),
    reg_figures.MODELS_BY_FIELD, reg_figures.CADRES, reg_figures.CADRES_REGISTERED,
]  # fmt: skip


def unit_statistics(*, root: Unit, campaign) -> Statistics:
    """Registrations (sent for approval; drafts are not counted) of the root's subtree in the
    campaign, per child unit: by kind and status, models by field, evaluation results, and the
    share of cadres who registered a task, as the figure registry counts them (the dashboards and
    the report forms read the same definitions). Four queries whatever the data size."""
    children = list(root.children.valid_on(campaign.map_date).select_related("parent").order_by("level", "position", "code"))
    child_committees = [c for c in children if c.level != Unit.Level.DEPARTMENT]
    total = StatRow(
        unit=root,
        label=_("Toàn %(unit)s") % {"unit": root.name_in_sentence if root.parent_id is None else root.name},
        is_total=True,
    )
    own = StatRow(
        unit=root,
        label=_("Cấp %(unit)s và các ban") % {"unit": root.name_in_sentence} if children else root.name,
        is_own_level=True,
    )
    child_rows = [StatRow(unit=c, label=c.name) for c in child_committees]
    # Each child's subtree, and the root's: what is left of the root's is its own level (the
    # root, its departments, and units closed since).
    window = figures.Window(campaign.pk, campaign.starts_on, campaign.ends_on)
    values = figures.compute_many([root, *child_committees], window, keys=STAT_KEYS)
    rest = dict(values[root.pk])
    for row in child_rows:
        _fill(row, values[row.unit.pk])
        for key, n in values[row.unit.pk].items():
            rest[key] = rest.get(key, 0) - n
    _fill(total, values[root.pk])
    _fill(own, rest)

    rows = [total]
    if children:
        rows.append(own)
    rows.extend(child_rows)
    fields = list(Field.objects.order_by("position", "name"))
    return Statistics(root=root, rows=rows, fields=fields)
