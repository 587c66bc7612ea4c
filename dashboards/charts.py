"""Server-rendered SVG charts: the geometry is computed here, the template draws it (role="img",
a <title>, and the same figures in a table next to it). Colours come from CSS classes."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape  # the standard library's: these loops format plain strings, no lazy ones

from django.utils.safestring import mark_safe

from core.templatetags.vn import number_formatter

WIDTH = 640
LABEL_W = 170
VALUE_W = 50
ROW_H = 24
BAR_H = 16
TOP = 8


@dataclass
class Segment:
    x: float
    width: float
    css: str
    label: str
    value: int


@dataclass
class Bar:
    y: float
    label: str
    total: int
    values: list[int] = field(default_factory=list)
    full_label: str = ""
    segments: list[Segment] = field(default_factory=list)

    @property
    def text_y(self) -> float:
        return self.y + BAR_H - 4

    @property
    def value_x(self) -> float:
        return round(self.segments[-1].x + self.segments[-1].width + 6, 2) if self.segments else LABEL_W + 6


@dataclass
class LegendItem:
    x: float
    css: str
    label: str


@dataclass
class Chart:
    title: str
    description: str
    bars: list[Bar]
    legend: list[LegendItem]
    height: float
    width: int = WIDTH
    label_w: int = LABEL_W
    bar_h: int = BAR_H

    @property
    def label_x(self) -> int:
        return self.label_w - 6

    @property
    def empty(self) -> bool:
        return not any(b.total for b in self.bars)

    @property
    def multi(self) -> bool:
        return len(self.legend) > 1

    # The bars and the table rows are written here rather than in the template: a national
    # dashboard draws 64 bars of up to six segments, which the template engine renders slowly.
    def svg_bars(self) -> str:
        number = number_formatter()
        out = []
        for bar in self.bars:
            label = escape(bar.label)
            out.append(f'<g><text class="dash-label" x="{self.label_x}" y="{bar.text_y}" text-anchor="end">{label}</text>')
            for s in bar.segments:
                out.append(
                    f'<rect class="{escape(s.css)}" x="{s.x}" y="{bar.y}" width="{s.width}" height="{self.bar_h}">'
                    f"<title>{label} — {escape(s.label)}: {number(s.value)}</title></rect>"
                )
            out.append(f'<text class="dash-value" x="{bar.value_x}" y="{bar.text_y}">{number(bar.total)}</text></g>')
        return mark_safe("\n".join(out))  # every text above is escaped

    def table_rows(self) -> str:
        number = number_formatter()
        out = []
        for bar in self.bars:
            cells = "".join(f'<td class="text-end">{number(v)}</td>' for v in bar.values)
            total = f'<td class="text-end">{number(bar.total)}</td>' if self.multi else ""
            out.append(f'<tr><th scope="row">{escape(bar.full_label)}</th>{cells}{total}</tr>')
        return mark_safe("\n".join(out))  # every text above is escaped


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def stacked(title: str, description: str, rows: list[tuple[str, list[int]]], series: list[tuple[str, str]]) -> Chart:
    """Horizontal bars, one per row, each split into the series (label, css class) in order; bars
    are scaled to the largest row total."""
    series = [(str(name), css) for name, css in series]  # translated once, not per segment
    area = WIDTH - LABEL_W - VALUE_W
    biggest = max((sum(values) for _, values in rows), default=0) or 1
    bars = []
    rows = [(str(label), values) for label, values in rows]
    for i, (label, values) in enumerate(rows):
        y = TOP + i * ROW_H
        bar = Bar(y=y, label=_short(label), total=sum(values), values=list(values), full_label=label)
        x = float(LABEL_W)
        for (name, css), value in zip(series, values, strict=True):
            if value <= 0:
                continue
            w = area * value / biggest
            bar.segments.append(Segment(round(x, 2), round(max(w, 1.5), 2), css, name, value))
            x += w
        bars.append(bar)
    legend = [LegendItem(0, css, name) for name, css in series]
    height = TOP + len(rows) * ROW_H + 4
    return Chart(title, description, bars, legend, height)
