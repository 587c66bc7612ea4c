"""Word by word differences between two texts, for the pages that show what changed (a plan against
its parent or the revision it amends, a report against an earlier version). Segments are plain
text; templates escape them (user text is never marked safe).

The comparison is difflib's (SequenceMatcher without autojunk: every word may anchor a match), with
a budget on its work. SequenceMatcher's cost grows faster than the product of the lengths (two
unrelated 500-word texts split into words and spaces took 5 s), so:
- ordinary texts are compared exactly as SequenceMatcher compares them;
- long texts first set aside their common beginning and end (what a small edit leaves alike), and
  the middle is compared word by word with the spaces after each word kept with it (a space on its
  own would match every other space);
- the search for matches stops when the budget is spent; what is left is shown as removed and
  added whole.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from typing import NamedTuple

SAME, REMOVED, ADDED = "same", "removed", "added"

# Units of work: one step of SequenceMatcher.find_longest_match's inner loop (one candidate pair
# of equal tokens) or one token of a range it scans: at most a few tenths of a second.
BUDGET = 2_000_000

_TOKENS = re.compile(r"\s+|[^\s]+")


class Segment(NamedTuple):
    op: str  # SAME, REMOVED or ADDED
    text: str


def word_diff(old: str, new: str, *, keep_spaces: bool = True) -> list[Segment]:
    """The segments that turn `old` into `new`, in order; adjacent segments never share an op.

    keep_spaces: words and runs of whitespace are both tokens, so the segments put end to end give
    back the texts (line breaks included). Otherwise the texts are split at single spaces, each
    segment's words are joined by one space, and the caller puts a space between segments."""
    if keep_spaces:
        a, b, sep = _TOKENS.findall(old or ""), _TOKENS.findall(new or ""), ""
    else:
        a, b, sep = (old or "").split(" "), (new or "").split(" "), " "
    out: list[Segment] = []

    def add(op: str, tokens: Sequence[str]) -> None:
        if not tokens:
            return
        text = sep.join(tokens)
        if out and out[-1].op == op:
            out[-1] = Segment(op, out[-1].text + sep + text)
        else:
            out.append(Segment(op, text))

    for tag, before, after in _pieces(a, b):
        if tag == "equal":
            add(SAME, before)
        else:
            add(REMOVED, before)
            add(ADDED, after)
    return out


def _pieces(a: list[str], b: list[str]) -> Iterator[tuple[str, list[str], list[str]]]:
    """(tag, tokens of a, tokens of b) in order, tag "equal" or "replace" (either side may be empty)."""
    budget = [BUDGET]
    if _first_search_cost(a, b) <= BUDGET // 4:
        yield from _matched(a, b, budget)
        return
    head = 0
    end = min(len(a), len(b))
    while head < end and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < end - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    if head:
        yield "equal", a[:head], b[:head]
    yield from _matched(_glue(a[head : len(a) - tail]), _glue(b[head : len(b) - tail]), budget)
    if tail:
        yield "equal", a[len(a) - tail :], b[len(b) - tail :]


def _first_search_cost(a: Sequence[str], b: Sequence[str]) -> int:
    """The work of the first (widest) search for a match: the pairs of equal tokens, plus a's tokens."""
    counts = Counter(b)
    return len(a) + sum(counts[t] for t in a)


def _glue(tokens: list[str]) -> list[str]:
    """Each run of whitespace joined to the word before it (a leading run stays on its own)."""
    out: list[str] = []
    for t in tokens:
        if out and t.isspace():
            out[-1] += t
        else:
            out.append(t)
    return out


def _matched(a: list[str], b: list[str], budget: list[int]) -> Iterator[tuple[str, list[str], list[str]]]:
    """SequenceMatcher.get_opcodes(), with equal/insert/delete/replace told as equal/replace, computed
    as get_matching_blocks() does (the longest match of a range, then the ranges either side of it),
    breadth first, each search paid from `budget`; ranges left when it runs out stay unmatched."""
    if not a or not b:
        if a or b:
            yield "replace", a, b
        return
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    where: dict[str, list[int]] = {}
    for j, t in enumerate(b):
        where.setdefault(t, []).append(j)
    blocks = []
    queue = deque([(0, len(a), 0, len(b))])
    while queue and budget[0] > 0:
        alo, ahi, blo, bhi = queue.popleft()
        # find_longest_match scans a[alo:ahi] and, for each token, b's positions of it below bhi.
        cost = 0
        for i in range(alo, ahi):
            positions = where.get(a[i])
            cost += 1 + (bisect_left(positions, bhi) if positions else 0)
            if cost > budget[0]:
                break
        budget[0] -= cost
        if budget[0] < 0:
            break
        i, j, k = matcher.find_longest_match(alo, ahi, blo, bhi)
        if k:
            blocks.append((i, j, k))
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    blocks.sort()
    i = j = 0
    for bi, bj, k in blocks:
        if i < bi or j < bj:
            yield "replace", a[i:bi], b[j:bj]
        yield "equal", a[bi : bi + k], b[bj : bj + k]
        i, j = bi + k, bj + k
    if i < len(a) or j < len(b):
        yield "replace", a[i:], b[j:]
