"""Differences between two versions of a report: word by word in each narrative section, value by
value in the figures. Segments are plain text; templates escape them (user text is never marked
safe).

Comparing long sections costs up to a few tenths of a second each (core/diff.py bounds it), too
much for a page that anyone who sees the report may open as often as they like. So each version
stores its differences against the one before (`ReportVersion.changes`, written by a task queued
when it is sent; the first view does it when that has not run yet, or for a version loaded in bulk
or sent before there was a place for them), and any other pair of versions is compared once and
kept in the cache: versions never change, so neither do their differences.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.cache import cache

from core.diff import ADDED, REMOVED, SAME, Segment, word_diff
from reports.models import SECTIONS, ReportVersion

logger = logging.getLogger(__name__)

# A pair of versions compared on request: kept for a month (the page works without it, slower).
PAIR_CACHE_SECONDS = 30 * 24 * 3600


@dataclass
class SectionDiff:
    key: str
    label: str
    changed: bool
    segments: list[Segment]


def sections_diff(old: dict, new: dict) -> list[SectionDiff]:
    result = []
    for key, label in SECTIONS:
        before, after = (old or {}).get(key, "") or "", (new or {}).get(key, "") or ""
        result.append(SectionDiff(key, label, before != after, _segments(before, after)))
    return result


def _segments(before: str, after: str) -> list[Segment]:
    """word_diff's answer; the cases that need no comparison (a section unchanged, new or emptied)
    are answered without one."""
    if before == after:
        return [Segment(SAME, after)] if after else []
    if not before:
        return [Segment(ADDED, after)]
    if not after:
        return [Segment(REMOVED, before)]
    return word_diff(before, after)


def _dump(sections: list[SectionDiff]) -> list[dict]:
    return [{"key": s.key, "changed": s.changed, "segments": [[seg.op, seg.text] for seg in s.segments]} for s in sections]


def _load(stored: list[dict], old: dict, new: dict) -> list[SectionDiff]:
    by_key = {s["key"]: s for s in stored}
    result = []
    for key, label in SECTIONS:
        s = by_key.get(key)
        if s is None:  # a section added to the form after these were stored
            before, after = (old or {}).get(key, "") or "", (new or {}).get(key, "") or ""
            result.append(SectionDiff(key, label, before != after, _segments(before, after)))
        else:
            result.append(SectionDiff(key, label, s["changed"], [Segment(op, text) for op, text in s["segments"]]))
    return result


def version_changes_store(version: ReportVersion) -> dict:
    """Compare the version with the one sent before it (or with nothing, the first time) and keep
    the result on the version. Safe to run twice: the answer is the same."""
    previous = (
        ReportVersion.objects.filter(report_id=version.report_id, number=version.number - 1).only("number", "narrative").first()
        if version.number > 1
        else None
    )
    sections = sections_diff(previous.narrative if previous else {}, version.narrative)
    changes = {"against": previous.number if previous else None, "sections": _dump(sections)}
    ReportVersion.objects.filter(pk=version.pk).update(changes=changes)
    version.changes = changes
    return changes


def versions_diff(old: ReportVersion | None, new: ReportVersion) -> list[SectionDiff]:
    """The sections of `new` against `old` (None: against nothing), without comparing texts again
    when the answer is known: `new` against the version before it is stored on `new`, any other
    pair in the cache."""
    if old is None or old.pk == new.pk:
        return sections_diff(old.narrative if old else {}, new.narrative)  # no comparison needed
    if old.report_id == new.report_id and old.number == new.number - 1:
        changes = new.changes
        if not changes or changes.get("against") != old.number:
            changes = version_changes_store(new)
        return _load(changes["sections"], old.narrative, new.narrative)
    key = f"reports:versions-diff:{old.pk}:{new.pk}"
    try:
        stored = cache.get(key)
    except Exception:  # the cache is down: the page still works, comparing
        logger.warning("Cache unavailable for %s", key, exc_info=True)
        return sections_diff(old.narrative, new.narrative)
    if stored is None:
        stored = _dump(sections_diff(old.narrative, new.narrative))
        try:
            cache.set(key, stored, PAIR_CACHE_SECONDS)
        except Exception:
            logger.warning("Cache unavailable for %s", key, exc_info=True)
    return _load(stored, old.narrative, new.narrative)


def figures_diff(old: list[dict], new: list[dict]) -> list[dict]:
    """Every figure of either version: label, both values, the change."""
    before = {f["key"]: f for f in old or []}
    after = {f["key"]: f for f in new or []}
    keys = [f["key"] for f in new or []] + [k for k in before if k not in after]
    rows = []
    for key in keys:
        f = after.get(key) or before[key]
        a = before.get(key, {}).get("value")
        b = after.get(key, {}).get("value")
        rows.append(
            {
                "key": key,
                "label": f["label"],
                "group": f["group"],
                "old": a,
                "new": b,
                "delta": (b or 0) - (a or 0),
                "changed": a != b,
            }
        )
    return rows


def simple_changes(old: dict, new: dict, labels: dict) -> list[tuple[str, str, str]]:
    """(label, then, now) for fields whose values differ (the number, the signer)."""
    return [
        (labels.get(k, k), old.get(k, ""), new.get(k, "")) for k in labels if (old or {}).get(k, "") != (new or {}).get(k, "")
    ]
