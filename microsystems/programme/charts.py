"""The portfolio's charts, drawn by the measures' SVG charting (measures.svg): the adoption curve is a
measure's chart of practices joined month by month, and the bars share its scale, grid, fonts and colours.
Each chart has a text alternative beside it on the page (the table it is drawn from). No scripts, no inline
styles: presentation attributes and classes only."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from markupsafe import Markup

from microsystems.measures.svg import WIDTH, Band, Drawing, nice_ticks, render

NAN = math.nan
BAR = "#005eb8"  # the measures' data colour
GRID, AXIS_TEXT, TEXT = "#e8edee", "#4c6272", "#212b32"


@dataclass(frozen=True)
class Joined:
    """A practice that joined the programme: when, and the adopter category the lead recorded."""

    name: str  # "" for a viewer who may not see which practice it is
    on: date
    category: str  # the category's label, or "" when not set

    @property
    def described(self) -> str:
        category = f" ({self.category.lower()})" if self.category else ""
        return f"{self.name or 'A practice'}{category}"


@dataclass(frozen=True)
class Month:
    """A month of the adoption curve: who joined in it, and how many had joined by its end."""

    ends_on: date
    joined: tuple[Joined, ...]
    total: int

    @property
    def label(self) -> str:
        return f"{self.ends_on:%b %Y}"


def adoption_months(joined: Sequence[Joined], today: date) -> list[Month]:
    """Month by month from the month before the first practice joined (none yet) to this month, with the
    running total."""
    if not joined:
        return []
    ordered = sorted(joined, key=lambda j: (j.on, j.name))
    first = ordered[0].on
    year, month = (first.year, first.month - 1) if first.month > 1 else (first.year - 1, 12)
    months, total, i = [], 0, 0
    while (year, month) <= (today.year, today.month):
        following = date(year + month // 12, month % 12 + 1, 1)
        these = []
        while i < len(ordered) and ordered[i].on < following:
            these.append(ordered[i])
            i += 1
        total += len(these)
        months.append(Month(min(today, date.fromordinal(following.toordinal() - 1)), tuple(these), total))
        year, month = following.year, following.month
    return months


def category_bands(months: Sequence[Month], order: Sequence[str]) -> list[Band]:
    """For each adopter category the lead recorded, the span of months in which its practices joined."""
    spans: dict[str, list[date]] = {}
    for month in months:
        for practice in month.joined:
            if practice.category:
                spans.setdefault(practice.category, []).append(month.ends_on)
    bands = []
    for category in order:
        if category in spans:
            days, count = spans[category], len(spans[category])
            bands.append(
                Band(
                    min(days).replace(day=1),
                    max(days),
                    f"{category}: {count} practice{'s' if count != 1 else ''} joined "
                    f"{min(days):%B %Y}" + (f" to {max(days):%B %Y}" if max(days) != min(days) else ""),
                    category,
                )
            )
    return bands


def adoption_chart(title: str, months: Sequence[Month], categories: Sequence[str]) -> Markup:
    """The cumulative curve of practices joining, drawn as a measure's chart is, with the months in which
    each adopter category joined shaded behind it."""
    if not months:
        return Markup("")
    titles = []
    for month in months:
        who = "; ".join(j.described for j in month.joined)
        titles.append(
            f"{month.ends_on:%B %Y}: {month.total} joined so far" + (f". Joined: {who}" if who else "")
        )
    nothing = [NAN] * len(months)
    drawing = Drawing(
        title=title,
        periods=[m.ends_on for m in months],
        labels=[m.label for m in months],
        values=[float(m.total) for m in months],
        centre=nothing,
        lower=nothing,
        upper=nothing,
        point_kinds=["improvement" if m.joined else "common" for m in months],
        point_titles=titles,
        bands=category_bands(months, categories),
        y_title="Practices joined so far",
        centre_name="",
        band_name="When each adopter category joined",
    )
    return Markup(render(drawing))  # render escapes every text it draws


def bar_chart(title: str, items: Sequence[tuple[str, int | float]], *, chart_id: str) -> Markup:
    """Horizontal bars on the measures' scale and grid: one per item, its value written at its end."""
    row, label_width, top = 28, 230, 24
    height = top + max(1, len(items)) * row + 12
    right = WIDTH - 60
    biggest = max((float(value) for _, value in items), default=0.0)
    ticks = nice_ticks(0.0, biggest or 1.0, 4)
    if all(float(value).is_integer() for _, value in items):  # counts: whole-number ticks only
        ticks = [t for t in ticks if float(t).is_integer()] or [0.0, 1.0]
    scale_max = max(ticks[-1], biggest) or 1.0

    def x(value: float) -> float:
        return label_width + (right - label_width) * value / scale_max

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" class="app-chart" '
        f'role="img" aria-label="{escape(title)}" id="{escape(chart_id)}" font-family="Arial, sans-serif" '
        f'font-size="12"><title>{escape(title)}</title>'
    ]
    for tick in ticks:
        out.append(
            f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{top - 4}" y2="{height - 8}" stroke="{GRID}"/>'
            f'<text x="{x(tick):.1f}" y="{top - 8}" text-anchor="middle" fill="{AXIS_TEXT}">'
            f"{_number(tick)}</text>"
        )
    for i, (label, value) in enumerate(items):
        y = top + i * row
        end = x(max(0.0, float(value)))
        out.append(
            f'<text x="{label_width - 8}" y="{y + 18}" text-anchor="end" fill="{TEXT}">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 5}" width="{end - label_width:.1f}" height="{row - 10}" '
            f'fill="{BAR}" class="app-chart__bar"><title>{escape(label)}: {_number(value)}</title></rect>'
            f'<text x="{end + 6:.1f}" y="{y + 18}" fill="{TEXT}">{_number(value)}</text>'
        )
    out.append(
        f'<line x1="{label_width}" x2="{label_width}" y1="{top - 4}" y2="{height - 8}" stroke="{AXIS_TEXT}"/>'
        "</svg>"
    )
    return Markup("".join(out))  # every text is escaped above


def _number(value: int | float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
