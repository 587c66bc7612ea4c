"""The figure registry: what the portal counts, defined once for every page that shows a count.

Each domain app registers what it owns in `<app>/figures.py` (imported by its AppConfig.ready());
this module knows no domain. Three things are registered:

- a *source*: the rows counted for a window (a campaign, and the days from `start` to `end`),
  the unit each row counts for (`unit`: a lookup such as "unit" or "inspected_unit", "" when the
  rows are units), and its *family* (the name a service gives when it changes such rows);
- a *figure*: a count of a source's rows, under an optional condition, with a stable key (frozen
  in report versions) and, for the figures reports show, a label and a group. A figure whose
  value depends on the day it is read has `as_of`: the row's date (or time) from which it counts
  (`after=True`: from the day after, as "overdue" counts from the day after the due date);
- a *breakdown*: a source's rows counted by the values of some fields, keyed
  "<prefix>:<value>[:<value>…]" ("reg:content:draft", "field:3").

Readers: reports count a unit's subtree for a reporting period (`compute`, `compute_many`), the
statistics page a unit and its children for the campaign (`compute_many`), the dashboards each
unit's own values for the campaign (`own`), kept in summary rows. A source whose counting does
not fit a condition per row (the reports sent on time to a receiving unit) registers `count`, a
function giving the own values itself; only `own` reads it.

Writers: a service that changes counted rows calls `changed(...)` in its transaction (and
`renamed(...)` when a name shown next to the figures changes); the listeners registered with
`listen` (the dashboards' summary rows) follow. No signal receiver counts anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from core.dates import end_of_day, local_day


# --- what is registered --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Window:
    """What a count covers: the campaign's rows dated from `start` to `end` (both included, local
    days). `today` decides the figures that depend on the day of the read (None: the current day)."""

    campaign_id: int
    start: dt.date
    end: dt.date
    today: dt.date | None = None

    @property
    def day(self) -> dt.date:
        return self.today or timezone.localdate()

    def moments(self) -> tuple[dt.datetime, dt.datetime]:
        """(the first instant of `start`, the last instant of `end`) in the portal's time zone."""
        first = dt.datetime.combine(self.start, dt.time.min, tzinfo=timezone.get_current_timezone())
        return first, end_of_day(self.end)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    group: str
    source: str
    condition: Q | None = None
    as_of: str | None = None  # the row's date or time from which it counts, when the day of the read matters
    after: bool = False  # counted from the day after `as_of` (overdue: the day after the due date)
    reported: bool = True  # shown in report forms (and frozen in their versions)


@dataclass(frozen=True)
class Breakdown:
    prefix: str
    source: str
    by: tuple[str, ...]
    condition: Q | None = None

    def key(self, values) -> str:
        return self.prefix + "".join(":" + ("" if v is None else str(v)) for v in values)


@dataclass
class Source:
    name: str
    family: str
    rows: Callable[[Window], QuerySet] | None
    unit: str
    count: Callable | None = None  # (window, unit_ids or None) → {(unit id, key): value}
    figures: list[Figure] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)

    @property
    def unit_path(self) -> str:
        return f"{self.unit}__path" if self.unit else "path"

    @property
    def unit_id(self) -> str:
        return f"{self.unit}_id" if self.unit else "pk"


_SOURCES: dict[str, Source] = {}


def register_source(
    name: str, *, family: str, rows: Callable | None = None, unit: str = "unit", count: Callable | None = None
) -> Source:
    if (rows is None) == (count is None):
        raise ValueError(f"source {name!r}: give rows or count")
    source = Source(name, family, rows, unit, count)
    _SOURCES[name] = source
    return source


def _taken(key: str) -> bool:
    return any(f.key == key for s in _SOURCES.values() for f in s.figures) or any(
        b.prefix == key for s in _SOURCES.values() for b in s.breakdowns
    )


def register(
    source: str, key: str, label: str, group: str, condition: Q | None = None, *, as_of: str | None = None, after: bool = False,
    reported: bool = True,
) -> Figure:  # fmt: skip
    if _taken(key):
        raise ValueError(f"figure {key!r} registered twice")
    if ":" in key or "@" in key:
        raise ValueError(f"figure {key!r}: ':' and '@' belong to breakdowns and dated values")
    figure = Figure(key, label, group, source, condition, as_of, after, reported)
    _SOURCES[source].figures.append(figure)
    return figure


def register_breakdown(source: str, prefix: str, by: Iterable[str], condition: Q | None = None) -> Breakdown:
    if _taken(prefix):
        raise ValueError(f"breakdown {prefix!r} registered twice")
    breakdown = Breakdown(prefix, source, tuple(by), condition)
    _SOURCES[source].breakdowns.append(breakdown)
    return breakdown


def unregister_source(name: str) -> None:
    """For tests that add a source of their own."""
    _SOURCES.pop(name, None)


def figures(*, reported: bool | None = None) -> list[Figure]:
    """Every figure in registration order (only those reports show, or only the others)."""
    return [f for s in _SOURCES.values() for f in s.figures if reported is None or f.reported == reported]


def families() -> list[str]:
    return list(dict.fromkeys(s.family for s in _SOURCES.values()))


_registered_families = families  # for changed(), whose argument has the same name


def family_of(source_name: str) -> str:
    return _SOURCES[source_name].family


def dated_figures() -> list[Figure]:
    return [f for f in figures() if f.as_of]


def counted_until(figure: Figure, today: dt.date) -> dt.date:
    """The last day of `as_of` a dated figure counts on the day `today`."""
    return today - dt.timedelta(days=1) if figure.after else today


def dated_key(key: str, day: dt.date) -> str:
    """The key under which `own` gives a dated figure's rows of one day (summed at read time)."""
    return f"{key}@{day.isoformat()}"


def split(prefix: str, values: dict) -> dict[tuple[str, ...], int]:
    """A breakdown's values out of a dict of counts: {("content", "draft"): n, …} (values as strings,
    "" for none)."""
    start = prefix + ":"
    return {tuple(k[len(start) :].split(":")): v for k, v in values.items() if k.startswith(start) and v}


# --- counting ----------------------------------------------------------------------------------------------------
def _condition(figure: Figure, model, today: dt.date | None) -> Q | None:
    """The figure's condition; for a dated figure read on `today`, only the rows it counts by then."""
    condition = figure.condition
    if figure.as_of and today is not None:
        last = counted_until(figure, today)
        bound = end_of_day(last) if isinstance(model._meta.get_field(figure.as_of), models.DateTimeField) else last
        dated = Q(**{f"{figure.as_of}__lte": bound})
        condition = dated if condition is None else condition & dated
    return condition


def _aggregates(model, figs, breakdowns, today) -> dict:
    out = {}
    for i, f in enumerate(figs):
        condition = _condition(f, model, today)
        out[f"n_f{i}"] = Count("pk", filter=condition) if condition is not None else Count("pk")
    for j, b in enumerate(breakdowns):
        out[f"n_b{j}"] = Count("pk", filter=b.condition) if b.condition is not None else Count("pk")
    return out


def _selection(keys) -> list[tuple[Source, list[Figure], list[Breakdown]]]:
    """Per source, the figures and breakdowns asked for (None: the figures reports show)."""
    wanted = None if keys is None else set(keys)
    out = []
    for source in _SOURCES.values():
        figs = [f for f in source.figures if (f.reported if wanted is None else f.key in wanted)]
        breakdowns = [b for b in source.breakdowns if wanted is not None and b.prefix in wanted]
        if not figs and not breakdowns:
            continue
        if source.rows is None:
            raise ValueError(f"source {source.name!r} is counted by its app: read it with own()")
        out.append((source, figs, breakdowns))
    if wanted is not None:
        unknown = wanted - {f.key for _, fs, _ in out for f in fs} - {b.prefix for _, _, bs in out for b in bs}
        if unknown:
            raise KeyError(f"no such figures: {sorted(unknown)}")
    return out


def _group_fields(breakdowns) -> list[str]:
    return list(dict.fromkeys(f for b in breakdowns for f in b.by))


def _grouped(qs: QuerySet, group: list[str], aggregates: dict):
    if not group:
        return [qs.order_by().aggregate(**aggregates)]
    return qs.order_by().values(*group).annotate(**aggregates)


def _add(bucket: dict, row: dict, figs, breakdowns) -> None:
    for i, f in enumerate(figs):
        bucket[f.key] = bucket.get(f.key, 0) + int(row[f"n_f{i}"] or 0)
    for j, b in enumerate(breakdowns):
        n = int(row[f"n_b{j}"] or 0)
        if n:
            key = b.key(row[name] for name in b.by)
            bucket[key] = bucket.get(key, 0) + n


def compute(unit, window: Window, *, keys: Iterable[str] | None = None) -> dict[str, int]:
    """The figures (and breakdowns) asked for, over the unit's subtree (the unit included): one
    query per source. `keys` None: every figure reports show."""
    values: dict[str, int] = {}
    for source, figs, breakdowns in _selection(keys):
        qs = source.rows(window).filter(**{f"{source.unit_path}__startswith": unit.path})
        for row in _grouped(qs, _group_fields(breakdowns), _aggregates(qs.model, figs, breakdowns, window.day)):
            _add(values, row, figs, breakdowns)
    return values


def common_root(paths: Iterable[str]) -> str:
    """The deepest path every given path lies under ("/" when they share nothing)."""
    split_paths = [p.strip("/").split("/") for p in paths]
    if not split_paths:
        return "/"
    prefix: list[str] = []
    for parts in zip(*split_paths):
        if all(p == parts[0] for p in parts):
            prefix.append(parts[0])
        else:
            break
    return "/" + "".join(part + "/" for part in prefix) if prefix else "/"


def ancestor_paths(path: str) -> list[str]:
    """The path and every path above it ("/08/076/" → ["/08/", "/08/076/"])."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]


def compute_many(units, window: Window, *, keys: Iterable[str] | None = None) -> dict[int, dict[str, int]]:
    """The same for each unit's subtree, one query per source whatever the number of units (rows
    are grouped by unit path inside the common subtree and added up to every unit above them)."""
    units = list(units)
    selection = _selection(keys)
    result = {u.pk: {f.key: 0 for _, figs, _ in selection for f in figs} for u in units}
    if not units:
        return result
    targets: dict[str, list[int]] = {}
    for u in units:
        targets.setdefault(u.path, []).append(u.pk)
    root = common_root(targets)
    for source, figs, breakdowns in selection:
        qs = source.rows(window).filter(**{f"{source.unit_path}__startswith": root})
        group = [source.unit_path, *_group_fields(breakdowns)]
        for row in _grouped(qs, group, _aggregates(qs.model, figs, breakdowns, window.day)):
            for path in ancestor_paths(row[source.unit_path] or ""):
                for unit_id in targets.get(path, ()):
                    _add(result[unit_id], row, figs, breakdowns)
    return result


def own(family: str, window: Window, unit_ids: Iterable[int] | None = None) -> dict[tuple[int, str], int]:
    """{(unit id, key): value} of each unit's OWN rows (not its subtree's) for the sources of this
    family, every figure and breakdown; zeros are left out. A dated figure is given per day of its
    `as_of` (key "<key>@<YYYY-MM-DD>"), to be summed up to the day of a read. Every unit when
    `unit_ids` is None."""
    ids = None if unit_ids is None else list(unit_ids)
    out: dict[tuple[int, str], int] = {}
    for source in _SOURCES.values():
        if source.family != family:
            continue
        if source.count is not None:
            for pair, value in source.count(window, ids).items():
                if value:
                    out[pair] = out.get(pair, 0) + value
            continue
        if not source.figures and not source.breakdowns:
            continue
        qs = source.rows(window)
        if ids is not None:
            qs = qs.filter(**{f"{source.unit_id}__in": ids})
        dated = list(dict.fromkeys(f.as_of for f in source.figures if f.as_of))
        group = [source.unit_id, *_group_fields(source.breakdowns), *dated]
        aggregates = _aggregates(qs.model, source.figures, source.breakdowns, None)
        for row in _grouped(qs, group, aggregates):
            unit_id = row[source.unit_id]
            for i, f in enumerate(source.figures):
                n = int(row[f"n_f{i}"] or 0)
                if not n:
                    continue
                if f.as_of:
                    moment = row[f.as_of]
                    if moment is None:
                        continue
                    key = dated_key(f.key, local_day(moment) if isinstance(moment, dt.datetime) else moment)
                else:
                    key = f.key
                out[(unit_id, key)] = out.get((unit_id, key), 0) + n
            for j, b in enumerate(source.breakdowns):
                n = int(row[f"n_b{j}"] or 0)
                if n:
                    key = b.key(row[name] for name in b.by)
                    out[(unit_id, key)] = out.get((unit_id, key), 0) + n
    return out


# --- changes -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    """What a service changed. `units` None: every unit (a recount from scratch); `campaign_id`
    None: every campaign; `renamed`: only a name shown next to the figures changed; `later`: many
    units at once, counted right after the commit rather than in the writing transaction."""

    families: frozenset[str]
    units: frozenset[int] | None
    campaign_id: int | None
    renamed: bool = False
    later: bool = False


_LISTENERS: list[Callable[[Change], None]] = []


def listen(listener: Callable[[Change], None]) -> None:
    """Called with every change (the dashboards register their summary upkeep in their ready())."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def _ids(values) -> frozenset[int]:
    return frozenset(getattr(v, "pk", v) for v in values if v is not None and getattr(v, "pk", v) is not None)


def _notify(change: Change) -> None:
    for listener in list(_LISTENERS):
        listener(change)


def changed(*, families: Iterable[str] = (), units: Iterable | None = (), campaign=None, later: bool = False) -> None:
    """Rows of these families changed for these units (ids or units; a unit an object moved away
    from counts too) in this campaign (a campaign or its id; None: every campaign, for rows that
    are not tied to one). Call it in the transaction of the change, after the writes.

    `units=None` recounts every unit of every family (a new campaign, a new unit tree).
    `later=True` for changes of many units at once (a plan's assignments): counted after the
    commit, and by the next read should that fail."""
    families = frozenset(families) if units is not None else frozenset(_registered_families())
    unknown = families - set(_registered_families())
    if unknown:
        raise ValueError(f"unknown figure families: {sorted(unknown)}")
    unit_ids = None if units is None else _ids(units)
    if unit_ids is not None and (not unit_ids or not families):
        return
    _notify(Change(families, unit_ids, getattr(campaign, "pk", campaign), later=later))


def renamed(*, units: Iterable | None = None) -> None:
    """A name shown next to the figures changed (a unit's or a period's: its dashboards; a field's
    or a campaign's: None, every dashboard): what was drawn with the old name is drawn again."""
    _notify(Change(frozenset(), None if units is None else _ids(units), None, renamed=True))


def report(calls: Iterable[dict]) -> None:
    """Make changed() calls given as their keyword arguments ({"renamed": units} for renamed()),
    each once."""
    seen = set()
    for call in calls:
        key = repr(
            sorted(
                (k, sorted(map(repr, v)) if isinstance(v, list | set | frozenset | tuple) else repr(v)) for k, v in call.items()
            )
        )
        if key in seen:
            continue
        seen.add(key)
        if "renamed" in call:
            renamed(units=call["renamed"])
        else:
            changed(**call)


class CountedAdmin:
    """A ModelAdmin mixin. An edit in the Django admin goes through no service, so the admin reports
    what it changed as a service does: `counted_in(obj)` gives what an object counts in (changed()
    keyword arguments, or {"renamed": units}), read for the object as it was before the edit and as
    it is after it, once its related objects and inlines are saved too. Deletions likewise."""

    def counted_in(self, obj) -> list[dict]:
        return []

    def counted_change(self, before, after, before_calls: list[dict]) -> list[dict]:
        """What an edit (before is None: an addition) changed; by default what the object counted
        in before (read before the save) and what it counts in now."""
        return [*before_calls, *self.counted_in(after)]

    def save_model(self, request, obj, form, change):
        before = type(obj)._default_manager.filter(pk=obj.pk).first() if change and obj.pk else None
        obj._counted_before = (before, self.counted_in(before) if before is not None else [])
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        before, before_calls = getattr(obj, "_counted_before", (None, []))
        report(self.counted_change(before, obj, before_calls))

    def delete_model(self, request, obj):
        calls = self.counted_in(obj)
        super().delete_model(request, obj)
        report(calls)

    def delete_queryset(self, request, queryset):
        calls = [call for obj in queryset for call in self.counted_in(obj)]
        super().delete_queryset(request, queryset)
        report(calls)
