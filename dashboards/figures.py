"""The dashboards' summary rows: how each figure is counted, how a change is carried up the tree,
and the recomputation from scratch.

Every figure is counted the same way in three places, which the tests compare:
  1. `compute(family, campaign_id, unit_ids)`: set-based queries giving each unit's OWN value;
  2. `update_units(...)`: after a change, recompute the own values of the touched units (under a
     row lock per tree), and add the difference to the subtree total of the unit and
     of each of its ancestors with F() increments — a fixed number of queries per change;
  3. `refresh_campaign(...)`: own values of every unit in one pass per family, rolled up to the
     ancestors in Python, written with bulk inserts (after bulk loads; nightly).

Ancestors are found by the materialised path among open units (a closed unit keeps counting for
the open units above it).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q

from dashboards.models import UnitFigure

LOCK_PREFIX = "~"
# A revision per unit, raised whenever a subtree total of the unit changes (and set to a new
# random value by a recount): the dashboards cache their rendered figures under it.
REV_KEY = "~rev"
# One row per campaign and top unit, locked by every change of the tree below it (see _lock).
TREE_LOCK_KEY = "~tree"
FAMILIES = ("reg", "cad", "plan", "rep", "task", "ex", "art")
BATCH = 2000


# --- counting: each unit's own values ----------------------------------------------------------------------
def _in(qs, field: str, unit_ids):
    return qs if unit_ids is None else qs.filter(**{f"{field}__in": list(unit_ids)})


def _reg(campaign_id, unit_ids) -> dict:
    from registrations.models import Registration

    out: dict = defaultdict(int)
    rows = (
        _in(Registration.objects.filter(campaign_id=campaign_id), "unit_id", unit_ids)
        .values_list("unit_id", "kind", "status", "field_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for unit_id, kind, status, field_id, n in rows:
        out[(unit_id, f"reg:{kind}:{status}")] += n
        if status != Registration.Status.DRAFT and field_id:
            out[(unit_id, f"field:{field_id}")] += n
    return out


def _cad(campaign_id, unit_ids) -> dict:
    from accounts.models import Membership
    from core.roles import Role
    from registrations.models import Registration

    sent_task = Registration.objects.filter(
        campaign_id=campaign_id, kind=Registration.Kind.TASK, person_id=OuterRef("user_id")
    ).exclude(status=Registration.Status.DRAFT)
    rows = (
        _in(Membership.objects.active().filter(role=Role.CADRE), "unit_id", unit_ids)
        .annotate(sent=Exists(sent_task))
        .values_list("unit_id")
        .annotate(n=Count("id"), done=Count("id", filter=Q(sent=True)))
        .order_by()
    )
    out = {}
    for unit_id, n, done in rows:
        out[(unit_id, "cadres")] = n
        if done:
            out[(unit_id, "cadres_reg")] = done
    return out


def _plan(campaign_id, unit_ids) -> dict:
    from plans.models import Plan
    from units.models import Unit

    issued = Plan.objects.filter(campaign_id=campaign_id, unit_id=OuterRef("pk"), status=Plan.Status.ISSUED)
    rows = _in(Unit.objects.open().committees(), "pk", unit_ids).annotate(has=Exists(issued)).values_list("pk", "has").order_by()
    out = {}
    for unit_id, has in rows:
        out[(unit_id, "committees")] = 1
        if has:
            out[(unit_id, "plans_issued")] = 1
    return out


def _rep(campaign_id, unit_ids) -> dict:
    """As the receiving unit of a period: how many units must report, how many sent on time (first
    sent by the end of the due day, local time) and late. Timeliness is decided from the first
    submission and the period's current due date, as reports.models.days_late_for does."""
    from core.dates import end_of_day
    from reports.models import Report, ReportingPeriod
    from units.models import Unit

    periods = list(_in(ReportingPeriod.objects.filter(campaign_id=campaign_id), "receiving_unit_id", unit_ids))
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


def _task(campaign_id, unit_ids) -> dict:
    from plans.models import TaskAssignment

    rows = (
        _in(TaskAssignment.objects.in_force().filter(task__plan__campaign_id=campaign_id), "unit_id", unit_ids)
        .values_list("unit_id", "status", "due_on")
        .annotate(n=Count("id"))
        .order_by()
    )
    out: dict = defaultdict(int)
    for unit_id, status, due_on, n in rows:
        out[(unit_id, "tasks")] += n
        if status == TaskAssignment.Status.DONE:
            out[(unit_id, "tasks_done")] += n
        else:
            out[(unit_id, f"taskdue:{due_on.isoformat()}")] += n
    return out


def _year_range(campaign_id):
    from campaigns.models import Campaign
    from core.dates import end_of_day

    year = Campaign.objects.filter(pk=campaign_id).values_list("year", flat=True).first()
    if year is None:
        return None
    return end_of_day(dt.date(year - 1, 12, 31)), end_of_day(dt.date(year, 12, 31))


def _ex(campaign_id, unit_ids) -> dict:
    """Exemplars nominated in the campaign's year (local time), by status."""
    from publishing.models import Exemplar

    span = _year_range(campaign_id)
    if span is None:
        return {}
    rows = (
        _in(Exemplar.objects.filter(nominated_at__gt=span[0], nominated_at__lte=span[1]), "unit_id", unit_ids)
        .values_list("unit_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(unit_id, f"ex:{status}"): n for unit_id, status, n in rows}


def _art(campaign_id, unit_ids) -> dict:
    """Articles published in the campaign's year, by the local day they go (or went) out: the
    read counts the days up to today, so an article scheduled for later is not counted early."""
    from core.dates import local_day
    from publishing.models import Article

    span = _year_range(campaign_id)
    if span is None:
        return {}
    rows = _in(
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=span[0], published_at__lte=span[1]),
        "unit_id",
        unit_ids,
    ).values_list("unit_id", "published_at")
    out: dict = defaultdict(int)
    for unit_id, at in rows:
        out[(unit_id, f"artpub:{local_day(at).isoformat()}")] += 1
    return out


COMPUTE = {
    "reg": _reg,
    "cad": _cad,
    "plan": _plan,
    "rep": _rep,
    "task": _task,
    "ex": _ex,
    "art": _art,
}


def compute(family: str, campaign_id: int, unit_ids=None) -> dict:
    """{(unit_id, key): own value} for the units (every unit when None); zeros are left out."""
    return {k: v for k, v in COMPUTE[family](campaign_id, unit_ids).items() if v}


# --- the tree: each unit with its ancestors --------------------------------------------------------------
def _prefixes(path: str) -> list[str]:
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts))]


def chains_for(unit_ids) -> dict[int, list[int]]:
    """unit id → [the unit, its open ancestors from the root down to the parent] (two queries)."""
    from units.models import Unit

    paths = dict(Unit.objects.filter(pk__in=list(unit_ids)).values_list("pk", "path"))
    wanted = {p for path in paths.values() for p in _prefixes(path)}
    by_path = dict(Unit.objects.open().filter(path__in=wanted).values_list("path", "pk")) if wanted else {}
    return {pk: [pk] + [by_path[p] for p in _prefixes(path) if p in by_path] for pk, path in paths.items()}


def all_chains() -> dict[int, list[int]]:
    """The same for every unit (one query)."""
    from units.models import Unit

    units = list(Unit.objects.values_list("pk", "path", "valid_to"))
    by_path = {path: pk for pk, path, valid_to in units if valid_to is None}
    return {pk: [pk] + [by_path[p] for p in _prefixes(path) if p in by_path] for pk, path, _ in units}


def _family_of(key: str) -> str:
    if key == REV_KEY:
        return "rev"
    if key.startswith(("reg:", "field:")):
        return "reg"
    if key.startswith("cadres"):
        return "cad"
    if key in ("committees", "plans_issued"):
        return "plan"
    if key.startswith(("tasks", "taskdue:")):
        return "task"
    if key.startswith("artpub:"):
        return "art"
    return key.split(":", 1)[0]


# --- a change: carry the difference up the tree ----------------------------------------------------------
def update_units(campaign_id: int, unit_ids, families, *, chains: dict | None = None) -> None:
    """Recompute the own values of these units for these families and add the differences to the
    subtree totals of each unit and its ancestors. Runs in (or opens) a transaction; the changes
    of one tree are counted one after the other (see _lock). `chains`: chains_for(unit_ids), when
    the caller already has them."""
    unit_ids = {u for u in unit_ids if u}
    families = list(families)
    if not unit_ids or not families or not campaign_id:
        return
    with transaction.atomic():
        chains = chains_for(unit_ids) if chains is None else chains
        unit_ids = set(chains)
        if not unit_ids:
            return
        _lock(campaign_id, chains)
        fresh = {}
        for family in families:
            fresh.update(compute(family, campaign_id, unit_ids))
        everyone = {a for chain in chains.values() for a in chain}
        rows = {
            (unit_id, key): (pk, own)
            for pk, unit_id, key, own in UnitFigure.objects.filter(campaign_id=campaign_id, unit_id__in=everyone)
            .filter(Q(family__in=families) | Q(key=REV_KEY))
            .values_list("pk", "unit_id", "key", "own")
            if key == REV_KEY or not key.startswith(LOCK_PREFIX)
        }
        old = {(u, k): own for (u, k), (_, own) in rows.items() if u in unit_ids and own}
        deltas = {}
        for pair in set(fresh) | set(old):
            d = fresh.get(pair, 0) - old.get(pair, 0)
            if d:
                deltas[pair] = d
        if not deltas:
            return
        total_delta: dict = defaultdict(int)
        for (unit_id, key), d in deltas.items():
            for ancestor in chains[unit_id]:
                total_delta[(ancestor, key)] += d
        for ancestor in {a for a, _ in total_delta}:
            total_delta[(ancestor, REV_KEY)] = 1
        _apply(campaign_id, rows, deltas, total_delta)


def _lock(campaign_id: int, chains: dict) -> None:
    """Take the lock row of the top of each unit's tree, in id order, creating it the first time.

    Two changes that would write a common summary row share that row's unit among their ancestors,
    hence the top of their trees: the second waits here, before it has read or written anything,
    and counts after the first has committed. Rows are thus created and updated by one change at a
    time per tree (no deadlock between two changes inserting the same ancestor rows), while trees
    apart (two provinces of the national list) do not wait for each other. Every change already
    raised the top unit's revision row, so no change that could run side by side before waits now."""
    tops = sorted({_top(chain) for chain in chains.values()})
    base = UnitFigure.objects.select_for_update().filter(campaign_id=campaign_id, unit_id__in=tops, key=TREE_LOCK_KEY).order_by("unit_id")
    found = set(base.values_list("unit_id", flat=True))
    missing = [u for u in tops if u not in found]
    if missing:
        UnitFigure.objects.bulk_create(
            [UnitFigure(campaign_id=campaign_id, unit_id=u, key=TREE_LOCK_KEY, family="lock") for u in missing],
            ignore_conflicts=True,
        )
        list(base.filter(unit_id__in=missing).values_list("pk"))


def _top(chain: list[int]) -> int:
    """The highest open unit of a chain (chains run unit, root, …, parent)."""
    return chain[1] if len(chain) > 1 else chain[0]


def _apply(campaign_id: int, rows: dict, deltas: dict, total_delta: dict) -> None:
    missing = sorted(pair for pair in total_delta if pair not in rows)
    if missing:
        UnitFigure.objects.bulk_create(
            [UnitFigure(campaign_id=campaign_id, unit_id=u, key=k, family=_family_of(k)) for u, k in missing],
            ignore_conflicts=True,
            batch_size=BATCH,
        )
        keys = {k for _, k in missing}
        units = {u for u, _ in missing}
        for pk, unit_id, key in UnitFigure.objects.filter(campaign_id=campaign_id, unit_id__in=units, key__in=keys).values_list(
            "pk", "unit_id", "key"
        ):
            rows.setdefault((unit_id, key), (pk, 0))
    groups: dict = defaultdict(list)
    for pair, td in total_delta.items():
        od = deltas.get(pair, 0)
        if td or od:
            groups[(od, td)].append(rows[pair][0])
    for (od, td), ids in sorted(groups.items()):
        ids.sort()
        for i in range(0, len(ids), BATCH):
            UnitFigure.objects.filter(pk__in=ids[i : i + BATCH]).update(own=F("own") + od, total=F("total") + td)


def update_all_campaigns(unit_ids, families) -> None:
    from campaigns.models import Campaign

    unit_ids = {u for u in unit_ids if u}
    if not unit_ids:
        return
    chains = chains_for(unit_ids)  # the same tree for every campaign
    for campaign_id in Campaign.objects.order_by("pk").values_list("pk", flat=True):
        update_units(campaign_id, unit_ids, families, chains=chains)


# --- plans issued: their assignments are made in bulk ------------------------------------------------------
def mark_plan_issued(plan) -> None:
    """Note, in the issuing transaction, that this plan's assignments must be counted; done right
    after the commit and, should that fail, by the next dashboard read."""
    UnitFigure.objects.bulk_create(
        [UnitFigure(campaign_id=plan.campaign_id, unit_id=plan.unit_id, family="pending", key=f"pending:{plan.pk}")],
        ignore_conflicts=True,
    )
    campaign_id = plan.campaign_id
    transaction.on_commit(lambda: flush_pending(campaign_id), robust=True)


def flush_pending(campaign_id: int | None = None) -> int:
    """Count the assignments of plans issued since; returns how many plans were handled."""
    from plans.models import Plan, TaskAssignment

    qs = UnitFigure.objects.filter(family="pending")
    if campaign_id is not None:
        qs = qs.filter(campaign_id=campaign_id)
    marks = list(qs.values_list("pk", "campaign_id", "key"))
    if not marks:
        return 0
    with transaction.atomic():
        for pk, camp_id, key in marks:
            plan_id = int(key.split(":", 1)[1])
            previous = Plan.objects.filter(pk=plan_id).values_list("previous_id", flat=True).first()
            plan_ids = [p for p in (plan_id, previous) if p]
            units = set(TaskAssignment.objects.filter(task__plan_id__in=plan_ids).values_list("unit_id", flat=True).distinct())
            update_units(camp_id, units, ["task"])
            UnitFigure.objects.filter(pk=pk).delete()
    return len(marks)


# --- from scratch -----------------------------------------------------------------------------------------------
def refresh_campaign(campaign_id: int, chains: dict | None = None) -> int:
    """Recompute every summary row of the campaign with a few set-based queries; returns the
    number of rows written."""
    chains = chains if chains is not None else all_chains()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Changes made meanwhile wait for the recount to commit, then add their difference to
            # it (their own values are read after the lock); the dashboards keep reading.
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {UnitFigure._meta.db_table} IN EXCLUSIVE MODE")
        own: dict = {}
        for family in FAMILIES:
            own.update(compute(family, campaign_id, None))
        total: dict = defaultdict(int)
        for (unit_id, key), value in own.items():
            for ancestor in chains.get(unit_id, [unit_id]):
                total[(ancestor, key)] += value
        UnitFigure.objects.filter(campaign_id=campaign_id).delete()
        generation = secrets.randbelow(2**30)
        revisions = [UnitFigure(campaign_id=campaign_id, unit_id=pk, key=REV_KEY, family="rev", total=generation) for pk in chains]
        UnitFigure.objects.bulk_create(revisions, batch_size=BATCH)
        rows = [
            UnitFigure(
                campaign_id=campaign_id,
                unit_id=unit_id,
                key=key,
                family=_family_of(key),
                own=own.get((unit_id, key), 0),
                total=value,
            )
            for (unit_id, key), value in total.items()
        ]
        UnitFigure.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def bump_revisions(unit_ids=None) -> None:
    """Something dashboards show changed outside the figures (a field's name, a campaign's title:
    every dashboard; a unit's name or a period's title: the dashboards of those units): those
    cached dashboards are drawn again. The trees' locks are taken first, as a change does, so a
    change counted meanwhile does not hold one revision row while this holds another."""
    from campaigns.models import Campaign

    with transaction.atomic():
        rows = UnitFigure.objects.filter(key=REV_KEY)
        if unit_ids is None:
            chains = all_chains()
        else:
            chains = chains_for({u for u in unit_ids if u})
            rows = rows.filter(unit_id__in=list(chains))
        if not chains:
            return
        for campaign_id in Campaign.objects.order_by("pk").values_list("pk", flat=True):
            _lock(campaign_id, chains)
        rows.update(total=F("total") + 1)


def revision(campaign_id: int, unit_id: int) -> tuple[int | None, bool]:
    """(the unit's revision, whether issued plans wait to be counted), in one query: a cached
    dashboard is good while the revision is the one it was drawn under and nothing is pending."""
    rev, pending = None, False
    rows = (
        UnitFigure.objects.filter(campaign_id=campaign_id)
        .filter(Q(unit_id=unit_id, key=REV_KEY) | Q(family="pending"))
        .values_list("key", "total")[:2]
    )
    for key, total in rows:
        if key == REV_KEY:
            rev = total
        else:
            pending = True
    return rev, pending


def refresh_all(campaign_ids=None) -> dict[int, int]:
    from campaigns.models import Campaign

    ids = list(campaign_ids) if campaign_ids else list(Campaign.objects.values_list("pk", flat=True))
    chains = all_chains()
    return {pk: refresh_campaign(pk, chains) for pk in ids}


# --- reading ---------------------------------------------------------------------------------------------------
def overdue_from(values: dict, today: dt.date) -> int:
    """Open assignments due before today, from a unit's taskdue:<date> figures."""
    limit = f"taskdue:{today.isoformat()}"
    return sum(v for k, v in values.items() if k.startswith("taskdue:") and k < limit)


def published_from(values: dict, today: dt.date) -> int:
    """Articles out by the end of today, from a unit's artpub:<date> figures."""
    limit = f"artpub:{today.isoformat()}"
    return sum(v for k, v in values.items() if k.startswith("artpub:") and k <= limit)


def stored(campaign_id: int, *, field: str = "total") -> dict:
    """{(unit_id, key): value} as stored, zeros and locks left out (for the tests and checks)."""
    return {
        (u, k): v
        for u, k, v in UnitFigure.objects.filter(campaign_id=campaign_id)
        .exclude(family="pending")
        .values_list("unit_id", "key", field)
        if v and not k.startswith(LOCK_PREFIX)
    }


def expected(campaign_id: int) -> tuple[dict, dict]:
    """(own, total) counted directly from the source tables, for comparison with `stored`."""
    chains = all_chains()
    own: dict = {}
    for family in FAMILIES:
        own.update(compute(family, campaign_id, None))
    total: dict = defaultdict(int)
    for (unit_id, key), value in own.items():
        for ancestor in chains.get(unit_id, [unit_id]):
            total[(ancestor, key)] += value
    return own, dict(total)
