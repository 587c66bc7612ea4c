"""The dashboards' summary rows: each unit's own value and its subtree's total of every figure of
the figure registry (core/figures.py) for a campaign, how a change is carried up the tree, and the
recomputation from scratch.

What is counted is defined once, in the registry (each domain app's figures.py); this module only
keeps the counts:
  1. `compute(family, campaign_id, unit_ids)`: each unit's OWN values for the campaign's window
     (core.figures.own: set-based queries);
  2. `update_units(...)`: after a change, recompute the own values of the touched units (under a
     row lock per tree), and add the difference to the subtree total of the unit and
     of each of its ancestors with F() increments — a fixed number of queries per change;
  3. `refresh_campaign(...)`: own values of every unit in one pass per family, rolled up to the
     ancestors in Python, written with bulk inserts (after bulk loads; nightly).

Changes arrive through core.figures.changed()/renamed(), called by the services that write the
counted rows (`apply_change`, registered in DashboardsConfig.ready()); no signal is listened to.

Each campaign counts on its own map, the unit tree valid on its `map_date` (campaigns.Campaign):
a unit's chain is the unit and, from the root down to its parent, the rows valid on that day whose
path lies above the unit's. So the 2020 campaign keeps counting a commune for its 2020 district
after the 2025 map is loaded, and the 2026 campaign counts the 2025 communes for the province only;
a row of another map (a cadre of a 2020 commune not yet moved, read in 2026) counts for itself and
for the units of the campaign's map above it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import F, Q

from campaigns.models import Campaign
from core import figures as registry
from dashboards.models import UnitFigure

LOCK_PREFIX = "~"
# A revision per unit, raised whenever a subtree total of the unit changes (and set to a new
# random value by a recount): the dashboards cache their rendered figures under it.
REV_KEY = "~rev"
# One row per campaign and top unit, locked by every change of the tree below it (see _lock).
TREE_LOCK_KEY = "~tree"
PENDING = "pending"
BATCH = 2000


def families() -> list[str]:
    return registry.families()


# --- the campaigns: their days and their maps --------------------------------------------------------------
_CAMPAIGN_FIELDS = ("id", "starts_on", "ends_on", "map_on")


def _campaign(campaign_id: int) -> Campaign | None:
    """What counting needs of a campaign (its days and its map), in one query."""
    return Campaign.objects.only(*_CAMPAIGN_FIELDS).filter(pk=campaign_id).first()


def _campaigns() -> list[Campaign]:
    return list(Campaign.objects.only(*_CAMPAIGN_FIELDS).order_by("pk"))


def _window(campaign: Campaign) -> registry.Window:
    return registry.Window(campaign.pk, campaign.starts_on, campaign.ends_on)


# --- counting: each unit's own values ----------------------------------------------------------------------
def window(campaign_id: int) -> registry.Window | None:
    """The campaign's window: its rows, dated within its days (the registry's sources decide which
    dates count: a plan task's due date, an article's publication, …)."""
    campaign = _campaign(campaign_id)
    return _window(campaign) if campaign is not None else None


def compute(family: str, campaign_id: int, unit_ids=None, *, window_=None) -> dict:
    """{(unit_id, key): own value} for the units (every unit when None); zeros are left out."""
    w = window_ or window(campaign_id)
    return {} if w is None else registry.own(family, w, unit_ids)


def _own_by_family(families_, campaign_id: int, unit_ids, key_family: dict, *, window_=None) -> dict:
    w = window_ or window(campaign_id)
    own: dict = {}
    for family in families_:
        values = compute(family, campaign_id, unit_ids, window_=w)
        for _, key in values:
            key_family[key] = family
        own.update(values)
    return own


# --- the tree: each unit with its ancestors --------------------------------------------------------------
def _prefixes(path: str) -> list[str]:
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts))]


def _valid_on(valid_from: dt.date, valid_to: dt.date | None, day: dt.date) -> bool:
    return valid_from <= day and (valid_to is None or day < valid_to)


class Tree:
    """Units and every version of the paths above them, read once; `chains(day)` gives each unit's
    chain on the map of that day (a change counted in every campaign reads the tree once)."""

    def __init__(self, paths: dict[int, str], above: list[tuple[int, str, dt.date, dt.date | None]]):
        self.paths = paths  # unit id → path
        self.above = above  # (id, path, valid_from, valid_to) of the rows that may be ancestors
        self._chains: dict[dt.date, dict[int, list[int]]] = {}

    @classmethod
    def of(cls, unit_ids) -> Tree:
        """These units (two queries)."""
        from units.models import Unit

        paths = dict(Unit.objects.filter(pk__in=list(unit_ids)).values_list("pk", "path"))
        wanted = {p for path in paths.values() for p in _prefixes(path)}
        above = list(Unit.objects.filter(path__in=wanted).values_list("pk", "path", "valid_from", "valid_to")) if wanted else []
        return cls(paths, above)

    @classmethod
    def everything(cls) -> Tree:
        """Every unit, of every map (one query)."""
        from units.models import Unit

        rows = list(Unit.objects.values_list("pk", "path", "valid_from", "valid_to"))
        return cls({pk: path for pk, path, _, _ in rows}, rows)

    def chains(self, day: dt.date) -> dict[int, list[int]]:
        """unit id → [the unit, then from the root down to its parent the rows valid on `day` above
        it]. On one day a path has at most one valid row (a code is closed before it is opened again)."""
        if day not in self._chains:
            by_path = {path: pk for pk, path, valid_from, valid_to in self.above if _valid_on(valid_from, valid_to, day)}
            self._chains[day] = {
                pk: [pk] + [by_path[p] for p in _prefixes(path) if p in by_path] for pk, path in self.paths.items()
            }
        return self._chains[day]


def chains_for(unit_ids, *, on: dt.date) -> dict[int, list[int]]:
    """unit id → [the unit, its ancestors on the map of `on` from the root down to the parent]."""
    return Tree.of(unit_ids).chains(on)


def all_chains(*, on: dt.date) -> dict[int, list[int]]:
    """The same for every unit."""
    return Tree.everything().chains(on)


# --- a change: carry the difference up the tree ----------------------------------------------------------
def update_units(campaign_id: int, unit_ids, families, *, tree: Tree | None = None) -> None:
    """Recompute the own values of these units for these families and add the differences to the
    subtree totals of each unit and its ancestors on the campaign's map. Runs in (or opens) a
    transaction; the changes of one tree are counted one after the other (see _lock). `tree`:
    Tree.of(unit_ids), when the caller already has it."""
    unit_ids = {u for u in unit_ids if u}
    families = list(families)
    if not unit_ids or not families or not campaign_id:
        return
    campaign = _campaign(campaign_id)
    if campaign is not None:
        _update(campaign, unit_ids, families, tree or Tree.of(unit_ids))


def _update(campaign: Campaign, unit_ids: set[int], families, tree: Tree) -> None:
    campaign_id = campaign.pk
    families = list(families)
    if not unit_ids or not families:
        return
    with transaction.atomic():
        chains = {pk: chain for pk, chain in tree.chains(campaign.map_date).items() if pk in unit_ids}
        unit_ids = set(chains)
        if not unit_ids:
            return
        _lock(campaign_id, chains)
        key_family = {REV_KEY: "rev"}
        fresh = _own_by_family(families, campaign_id, unit_ids, key_family, window_=_window(campaign))
        everyone = {a for chain in chains.values() for a in chain}
        rows = {}
        for pk, unit_id, key, own, family in (
            UnitFigure.objects.filter(campaign_id=campaign_id, unit_id__in=everyone)
            .filter(Q(family__in=families) | Q(key=REV_KEY))
            .values_list("pk", "unit_id", "key", "own", "family")
        ):
            if key == REV_KEY or not key.startswith(LOCK_PREFIX):
                rows[(unit_id, key)] = (pk, own)
                key_family.setdefault(key, family)
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
        _apply(campaign_id, rows, deltas, total_delta, key_family)


def _lock(campaign_id: int, chains: dict) -> None:
    """Take the lock row of the top of each unit's tree, in id order, creating it the first time.

    Two changes that would write a common summary row share that row's unit among their ancestors,
    hence the top of their trees: the second waits here, before it has read or written anything,
    and counts after the first has committed. Rows are thus created and updated by one change at a
    time per tree (no deadlock between two changes inserting the same ancestor rows), while trees
    apart (two provinces of the national list) do not wait for each other. Every change already
    raised the top unit's revision row, so no change that could run side by side before waits now."""
    tops = sorted({_top(chain) for chain in chains.values()})
    base = (
        UnitFigure.objects.select_for_update()
        .filter(campaign_id=campaign_id, unit_id__in=tops, key=TREE_LOCK_KEY)
        .order_by("unit_id")
    )
    found = set(base.values_list("unit_id", flat=True))
    missing = [u for u in tops if u not in found]
    if missing:
        UnitFigure.objects.bulk_create(
            [UnitFigure(campaign_id=campaign_id, unit_id=u, key=TREE_LOCK_KEY, family="lock") for u in missing],
            ignore_conflicts=True,
        )
        list(base.filter(unit_id__in=missing).values_list("pk"))


def _top(chain: list[int]) -> int:
    """The top of a chain on the campaign's map (chains run unit, root, …, parent): the province
    row, the same in every map that keeps the province, the central committee in a national one."""
    return chain[1] if len(chain) > 1 else chain[0]


def _apply(campaign_id: int, rows: dict, deltas: dict, total_delta: dict, key_family: dict) -> None:
    missing = sorted(pair for pair in total_delta if pair not in rows)
    if missing:
        UnitFigure.objects.bulk_create(
            [UnitFigure(campaign_id=campaign_id, unit_id=u, key=k, family=key_family[k]) for u, k in missing],
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


def _campaign_ids() -> list[int]:
    return list(Campaign.objects.order_by("pk").values_list("pk", flat=True))


def update_all_campaigns(unit_ids, families) -> None:
    unit_ids = {u for u in unit_ids if u}
    if not unit_ids:
        return
    tree = Tree.of(unit_ids)  # read once, each campaign takes its map's chains from it
    for campaign in _campaigns():
        _update(campaign, unit_ids, families, tree)


# --- many units at once: counted right after the commit ------------------------------------------------
def mark_pending(campaign_ids, unit_ids, families) -> None:
    """Note, in the writing transaction, that these units' own values must be counted again; done
    right after the commit and, should that fail, by the next dashboard read (or the nightly
    recount). Each change has marks of its own, so a change never takes another's marks for done."""
    token = secrets.token_hex(6)
    UnitFigure.objects.bulk_create(
        [
            UnitFigure(campaign_id=c, unit_id=u, family=PENDING, key=f"{PENDING}:{family}:{token}")
            for c in campaign_ids
            for u in sorted(unit_ids)
            for family in sorted(families)
        ],
        ignore_conflicts=True,
        batch_size=BATCH,
    )
    for campaign_id in campaign_ids:
        transaction.on_commit(lambda campaign_id=campaign_id: flush_pending(campaign_id), robust=True)


def flush_pending(campaign_id: int | None = None) -> int:
    """Count the units marked since; returns how many changes were handled."""
    qs = UnitFigure.objects.filter(family=PENDING)
    if campaign_id is not None:
        qs = qs.filter(campaign_id=campaign_id)
    marks = list(qs.values_list("pk", "campaign_id", "unit_id", "key"))
    if not marks:
        return 0
    work: dict = defaultdict(set)
    for _, camp_id, unit_id, key in marks:
        work[(camp_id, key.split(":")[1])].add(unit_id)
    with transaction.atomic():
        for (camp_id, family), units in sorted(work.items()):
            update_units(camp_id, units, [family])
        ids = sorted(pk for pk, *_ in marks)
        for i in range(0, len(ids), BATCH):
            UnitFigure.objects.filter(pk__in=ids[i : i + BATCH]).delete()
    return len({key.rsplit(":", 1)[1] for *_, key in marks})


# --- from scratch -----------------------------------------------------------------------------------------------
def refresh_campaign(campaign_id: int, tree: Tree | None = None) -> int:
    """Recompute every summary row of the campaign, on its map, with a few set-based queries;
    returns the number of rows written. `tree`: Tree.everything(), when the caller has it."""
    campaign = _campaign(campaign_id)
    if campaign is None:
        return 0
    chains = (tree or Tree.everything()).chains(campaign.map_date)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Changes made meanwhile wait for the recount to commit, then add their difference to
            # it (their own values are read after the lock); the dashboards keep reading.
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {UnitFigure._meta.db_table} IN EXCLUSIVE MODE")
        key_family: dict = {}
        own = _own_by_family(families(), campaign_id, None, key_family, window_=_window(campaign))
        total: dict = defaultdict(int)
        for (unit_id, key), value in own.items():
            for ancestor in chains.get(unit_id, [unit_id]):
                total[(ancestor, key)] += value
        UnitFigure.objects.filter(campaign_id=campaign_id).exclude(family=PENDING).delete()
        generation = secrets.randbelow(2**30)
        revisions = [
            UnitFigure(campaign_id=campaign_id, unit_id=pk, key=REV_KEY, family="rev", total=generation) for pk in chains
        ]
        UnitFigure.objects.bulk_create(revisions, batch_size=BATCH)
        rows = [
            UnitFigure(
                campaign_id=campaign_id,
                unit_id=unit_id,
                key=key,
                family=key_family[key],
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
    with transaction.atomic():
        rows = UnitFigure.objects.filter(key=REV_KEY)
        if unit_ids is None:
            tree = Tree.everything()
        else:
            tree = Tree.of({u for u in unit_ids if u})
            rows = rows.filter(unit_id__in=list(tree.paths))
        if not tree.paths:
            return
        for campaign in _campaigns():
            _lock(campaign.pk, tree.chains(campaign.map_date))
        rows.update(total=F("total") + 1)


def revision(campaign_id: int, unit_id: int) -> tuple[int | None, bool]:
    """(the unit's revision, whether changes wait to be counted), in one query: a cached
    dashboard is good while the revision is the one it was drawn under and nothing is pending."""
    rev, pending = None, False
    rows = (
        UnitFigure.objects.filter(campaign_id=campaign_id)
        .filter(Q(unit_id=unit_id, key=REV_KEY) | Q(family=PENDING))
        .values_list("key", "total")[:2]
    )
    for key, total in rows:
        if key == REV_KEY:
            rev = total
        else:
            pending = True
    return rev, pending


def refresh_all(campaign_ids=None) -> dict[int, int]:
    """Recount these campaigns (every one when None), each on its own map."""
    ids = list(campaign_ids) if campaign_ids else _campaign_ids()
    tree = Tree.everything()
    return {pk: refresh_campaign(pk, tree) for pk in ids}


# --- the registry's changes -------------------------------------------------------------------------------
def apply_change(change: registry.Change) -> None:
    """Follow a change a service reported (core.figures.changed / renamed), in its transaction."""
    campaigns = None if change.campaign_id is None else [change.campaign_id]
    if change.renamed:
        bump_revisions(change.units)
    elif change.units is None:
        refresh_all(campaigns)
    elif change.later:
        mark_pending(campaigns or _campaign_ids(), change.units, change.families)
    elif campaigns is None:
        update_all_campaigns(change.units, change.families)
    else:
        update_units(change.campaign_id, change.units, change.families)


# --- reading ---------------------------------------------------------------------------------------------------
def dated_bounds(today: dt.date) -> list[tuple[registry.Figure, str]]:
    """For each figure that depends on the day of the read, the last stored "<key>@<day>" it sums
    on `today` (open assignments due before today; articles out by the end of today)."""
    return [(f, registry.dated_key(f.key, registry.counted_until(f, today))) for f in registry.dated_figures()]


def stored(campaign_id: int, *, field: str = "total") -> dict:
    """{(unit_id, key): value} as stored, zeros and locks left out (for the tests and checks)."""
    return {
        (u, k): v
        for u, k, v in UnitFigure.objects.filter(campaign_id=campaign_id)
        .exclude(family=PENDING)
        .values_list("unit_id", "key", field)
        if v and not k.startswith(LOCK_PREFIX)
    }


def expected(campaign_id: int) -> tuple[dict, dict]:
    """(own, total) counted directly from the source tables on the campaign's map, for comparison
    with `stored`."""
    campaign = _campaign(campaign_id)
    if campaign is None:
        return {}, {}
    chains = all_chains(on=campaign.map_date)
    own = _own_by_family(families(), campaign_id, None, {}, window_=_window(campaign))
    total: dict = defaultdict(int)
    for (unit_id, key), value in own.items():
        for ancestor in chains.get(unit_id, [unit_id]):
            total[(ancestor, key)] += value
    return own, dict(total)
