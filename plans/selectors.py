"""Reads the plan pages share. Each runs a fixed number of queries whatever the data size."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from core.diff import word_diff
from plans.models import Plan, PlanSection, PlanTask, TaskAssignment
from units.models import Unit

AT_RISK_DAYS = 7


# --- a plan as a document ----------------------------------------------------------------------------------
@dataclass
class PlanPart:
    code: str
    numeral: str
    title: str
    sections: list = field(default_factory=list)


@dataclass
class PlanDocument:
    plan: Plan
    parts: list[PlanPart]
    loose_tasks: list  # tasks outside any section (deadlines named in the closing paragraph)

    @property
    def all_tasks(self) -> list:
        tasks = [t for part in self.parts for s in part.sections for t in s.task_list]
        return tasks + self.loose_tasks

    def digest(self) -> str:
        """Changes whenever anything printed changes: the PDF's source key."""
        plan = self.plan
        h = hashlib.sha256()
        for value in (
            plan.status,
            plan.board,
            plan.number,
            plan.issued_on,
            plan.place,
            plan.basis,
            plan.title,
            plan.intro,
            plan.closing,
            plan.recipients,
            plan.signer_authority,
            plan.signer_title,
            plan.signer_name,
            plan.unit.name,
            plan.revision,
        ):
            h.update(str(value).encode() + b"\x1f")
        for part in self.parts:
            for s in part.sections:
                h.update(f"{s.part}|{s.number}|{s.heading}|{s.body}\x1e".encode())
                for t in s.task_list:
                    h.update(f"{t.text}\x1d".encode())
        return h.hexdigest()[:16]


def plan_document(plan: Plan, *, with_targets: bool = True) -> PlanDocument:
    """The plan's parts, sections and tasks, in order (2 queries)."""
    tasks_qs = PlanTask.objects.order_by("position", "id")
    if with_targets:
        tasks_qs = tasks_qs.select_related("target_unit")
    sections = list(
        plan.sections.select_related("target_unit")
        .prefetch_related(Prefetch("tasks", queryset=tasks_qs, to_attr="task_list"))
        .order_by("position", "id")
    )
    parts = [
        PlanPart(code, PlanSection.PART_NUMERALS[code], PlanSection.PART_TITLES[code], [s for s in sections if s.part == code])
        for code in PlanSection.Part.values
    ]
    loose = list(tasks_qs.filter(plan=plan, section__isnull=True))
    return PlanDocument(plan, parts, loose)


def plan_task_stats(plan: Plan, today: dt.date) -> dict[int, dict]:
    """Per task: assignments, done, overdue (1 query)."""
    rows = (
        TaskAssignment.objects.filter(task__plan=plan)
        .values("task_id")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(status=TaskAssignment.Status.DONE)),
            overdue=Count("id", filter=~Q(status=TaskAssignment.Status.DONE) & Q(due_on__lt=today)),
        )
    )
    return {r["task_id"]: r for r in rows}


def tracked_assignments(tasks) -> dict[int, TaskAssignment]:
    """For a lower plan's own copies of upper tasks: the upper assignment that follows each (1 query)."""
    ids = [t.tracked_by_id for t in tasks if t.tracked_by_id]
    if not ids:
        return {}
    return {a.pk: a for a in TaskAssignment.objects.filter(pk__in=ids).select_related("task__plan__unit")}


def revisions_of(plan: Plan) -> list[Plan]:
    """Every revision of this plan's document, newest first (1 query: same unit and campaign,
    linked through `previous`)."""
    candidates = {
        p.pk: p
        for p in Plan.objects.filter(unit_id=plan.unit_id, campaign_id=plan.campaign_id).select_related("issued_by", "created_by")
    }
    root = plan
    seen = set()
    while root.previous_id and root.previous_id in candidates and root.pk not in seen:
        seen.add(root.pk)
        root = candidates[root.previous_id]
    chain, current = [], root
    children = {}
    for p in candidates.values():
        if p.previous_id:
            children.setdefault(p.previous_id, []).append(p)
    while current is not None and current not in chain:
        chain.append(current)
        nxt = sorted(children.get(current.pk, []), key=lambda p: p.revision)
        current = nxt[0] if nxt else None
    return list(reversed(chain))


# --- the cascade: which lower units have issued their plan ------------------------------------------------------
@dataclass
class CascadeRow:
    unit: Unit
    plan: Plan | None
    drafting: Plan | None

    @property
    def state(self) -> str:
        if self.plan is not None:
            return "issued"
        if self.drafting is not None:
            return "draft"
        return "none"


def cascade_rows(plan: Plan) -> list[CascadeRow]:
    """The plan unit's direct lower committees and, for each, its plan of the same campaign
    (in force, or being drafted) — 2 queries."""
    children = list(plan.unit.children.valid_on(plan.campaign.map_date).committees().order_by("position", "code"))
    plans = (
        Plan.objects.filter(campaign_id=plan.campaign_id, unit__in=children, superseded_at__isnull=True)
        .select_related("based_on")
        .order_by("issued_at", "id")
    )
    issued, drafts = {}, {}
    for p in plans:
        if p.is_issued:
            issued.setdefault(p.unit_id, p)
        else:
            drafts.setdefault(p.unit_id, p)
    return [CascadeRow(u, issued.get(u.pk), drafts.get(u.pk)) for u in children]


def cascade_summary(plan: Plan) -> tuple[int, int]:
    """(lower committees with an issued plan of the campaign, lower committees) — 1 query each."""
    children = plan.unit.children.valid_on(plan.campaign.map_date).committees()
    total = children.count()
    done = (
        Plan.objects.current().filter(campaign_id=plan.campaign_id, unit__in=children).values("unit_id").distinct().count()
        if total
        else 0
    )
    return done, total


# --- follow-up across a subtree ----------------------------------------------------------------------------------
SORTS = {
    "han": ("due_on", "unit__path", "id"),
    "-han": ("-due_on", "unit__path", "id"),
    "don-vi": ("unit__path", "due_on", "id"),
    "cap-nhat": ("last_update_at", "due_on", "id"),
    "don-doc": ("-last_urged", "due_on", "id"),
}


def followup_queryset(
    *,
    roots: list[Unit],
    today: dt.date,
    state: str = "late",
    unit: Unit | None = None,
    level: str = "",
    plan: Plan | None = None,
    campaign=None,
    sort: str = "han",
):
    """Assignments of plans in force, of units strictly below `roots`, filtered and sorted.
    "late" = overdue or due within AT_RISK_DAYS days."""
    qs = TaskAssignment.objects.in_force()
    below = Q(pk__in=[])
    for root in roots:
        below |= Q(unit__path__startswith=root.path) & ~Q(unit_id=root.pk)
    qs = qs.filter(below)
    if campaign is not None:
        qs = qs.filter(task__plan__campaign=campaign)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if level:
        qs = qs.filter(unit__level=level)
    if plan is not None:
        qs = qs.filter(task__plan=plan)
    soon = today + dt.timedelta(days=AT_RISK_DAYS)
    open_q = ~Q(status=TaskAssignment.Status.DONE)
    if state == "late":
        qs = qs.filter(open_q, due_on__lte=soon)
    elif state == "overdue":
        qs = qs.filter(open_q, due_on__lt=today)
    elif state == "at_risk":
        qs = qs.filter(open_q, due_on__gte=today, due_on__lte=soon)
    elif state == "open":
        qs = qs.filter(open_q)
    elif state == "done":
        qs = qs.filter(status=TaskAssignment.Status.DONE)
    qs = qs.annotate(urging_count=Count("urgings", distinct=True), last_urged=Max("urgings__created_at"))
    return qs.select_related("unit", "unit__parent", "task", "task__plan", "task__plan__unit").order_by(
        *SORTS.get(sort, SORTS["han"])
    )


def followup_counts(*, roots: list[Unit], today: dt.date, campaign=None) -> dict[str, int]:
    """Counts for the filter tabs (1 query)."""
    qs = TaskAssignment.objects.in_force()
    below = Q(pk__in=[])
    for root in roots:
        below |= Q(unit__path__startswith=root.path) & ~Q(unit_id=root.pk)
    qs = qs.filter(below)
    if campaign is not None:
        qs = qs.filter(task__plan__campaign=campaign)
    soon = today + dt.timedelta(days=AT_RISK_DAYS)
    open_q = ~Q(status=TaskAssignment.Status.DONE)
    return qs.aggregate(
        overdue=Count("id", filter=open_q & Q(due_on__lt=today)),
        at_risk=Count("id", filter=open_q & Q(due_on__gte=today, due_on__lte=soon)),
        open=Count("id", filter=open_q),
        done=Count("id", filter=Q(status=TaskAssignment.Status.DONE)),
        all=Count("id"),
    )


# --- comparing a lower plan with its parent ------------------------------------------------------------------------
@dataclass
class SectionChange:
    kind: str  # added / removed / changed / same
    part: str
    new: PlanSection | None = None
    old: PlanSection | None = None
    segments: list = field(default_factory=list)  # (op, text) for the body/heading diff
    task_changes: list = field(default_factory=list)

    @property
    def label(self) -> str:
        s = self.new or self.old
        if s.heading:
            return f"{s.number} {s.heading}".strip()
        body = " ".join(s.body.split())
        return f"{s.number} {body[:90]}{'…' if len(body) > 90 else ''}".strip()


def _section_text(s: PlanSection) -> str:
    return "\n".join(filter(None, [f"{s.number} {s.heading}".strip(), s.body]))


def _task_changes(new_tasks, old_tasks) -> list[tuple[str, object, object, list]]:
    old_by_id = {t.pk: t for t in old_tasks}
    used = set()
    changes = []
    for t in new_tasks:
        if t.origin_id in old_by_id:
            used.add(t.origin_id)
            o = old_by_id[t.origin_id]
            if o.text != t.text or o.due_on != t.due_on:
                changes.append(("changed", t, o, word_diff(o.text, t.text, keep_spaces=False)))
        else:
            changes.append(("added", t, None, []))
    changes.extend(("removed", None, o, []) for o in old_tasks if o.pk not in used)
    return changes


def plan_diff(new: Plan, old: Plan) -> list[SectionChange]:
    """How `new` differs from `old` (its parent, or the revision it amends): sections added,
    removed, changed (with a word diff), and their tasks — 4 queries."""
    new_doc, old_doc = plan_document(new, with_targets=False), plan_document(old, with_targets=False)
    old_sections = {s.pk: s for part in old_doc.parts for s in part.sections}
    used = set()
    changes: list[SectionChange] = []
    for part in new_doc.parts:
        for s in part.sections:
            o = old_sections.get(s.origin_id)
            if o is None:
                changes.append(SectionChange("added", s.part, new=s, task_changes=_task_changes(s.task_list, [])))
                continue
            used.add(o.pk)
            tasks = _task_changes(s.task_list, o.task_list)
            if _section_text(s) != _section_text(o) or tasks:
                segments = word_diff(
                    _section_text(o).replace("\n", " ¶ "), _section_text(s).replace("\n", " ¶ "), keep_spaces=False
                )
                changes.append(SectionChange("changed", s.part, new=s, old=o, segments=segments, task_changes=tasks))
            else:
                changes.append(SectionChange("same", s.part, new=s, old=o))
    for part in old_doc.parts:
        for o in part.sections:
            if o.pk not in used:
                changes.append(SectionChange("removed", o.part, old=o, task_changes=_task_changes([], o.task_list)))
    order = {code: i for i, code in enumerate(PlanSection.Part.values)}
    changes.sort(key=lambda c: (order[c.part], (c.new or c.old).position if c.new else 10**6 + c.old.position))
    return changes


HEADER_FIELDS = (
    ("title", _("Trích yếu")),
    ("basis", _("Căn cứ")),
    ("intro", _("Lời mở đầu")),
    ("closing", _("Đoạn kết")),
    ("recipients", _("Nơi nhận")),
)


def plan_header_diff(new: Plan, old: Plan) -> list[tuple[str, list]]:
    """(label, word diff) for the header fields that differ."""
    out = []
    for name, label in HEADER_FIELDS:
        a, b = getattr(old, name) or "", getattr(new, name) or ""
        if a != b:
            out.append((label, word_diff(a.replace("\n", " ¶ "), b.replace("\n", " ¶ "), keep_spaces=False)))
    return out
