"""Differences between two versions of a report: word by word in each narrative section, value by
value in the figures. Segments are plain text; templates escape them (user text is never marked
safe)."""

from __future__ import annotations

from dataclasses import dataclass

from core.diff import Segment, word_diff
from reports.models import SECTIONS


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
        result.append(SectionDiff(key, label, before != after, word_diff(before, after)))
    return result


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
