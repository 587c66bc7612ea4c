"""Differences between two versions of a report: word by word in each narrative section, value by
value in the figures. Segments are plain text; templates escape them (user text is never marked
safe)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from reports.models import SECTIONS

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class Segment:
    op: str  # "same" | "added" | "removed"
    text: str


@dataclass
class SectionDiff:
    key: str
    label: str
    changed: bool
    segments: list[Segment]


def words_diff(old: str, new: str) -> list[Segment]:
    a = _TOKENS.findall(old or "")
    b = _TOKENS.findall(new or "")
    out: list[Segment] = []

    def add(op, tokens):
        text = "".join(tokens)
        if not text:
            return
        if out and out[-1].op == op:
            out[-1].text += text
        else:
            out.append(Segment(op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("same", a[i1:i2])
        else:
            add("removed", a[i1:i2])
            add("added", b[j1:j2])
    return out


def sections_diff(old: dict, new: dict) -> list[SectionDiff]:
    result = []
    for key, label in SECTIONS:
        before, after = (old or {}).get(key, "") or "", (new or {}).get(key, "") or ""
        result.append(SectionDiff(key, label, before != after, words_diff(before, after)))
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
