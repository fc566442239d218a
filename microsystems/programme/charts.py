"""Small server-drawn SVG charts for the portfolio, each with a text alternative beside it (the table
it is drawn from). No scripts, no inline styles: classes from programme.css."""

from collections.abc import Sequence
from datetime import date
from html import escape

from markupsafe import Markup

WIDTH = 720


def bar_chart(title: str, items: Sequence[tuple[str, int | float]], *, chart_id: str) -> Markup:
    """Horizontal bars, one per item, with the value written at the end of each."""
    row, label_width, height = 28, 220, max(1, len(items)) * 28 + 8
    biggest = max((value for _, value in items), default=0) or 1
    scale = (WIDTH - label_width - 60) / biggest
    parts = [
        f'<svg class="app-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
    ]
    for i, (label, value) in enumerate(items):
        y = 4 + i * row
        length = max(0.0, value * scale)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 18}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="app-chart__bar" x="{label_width}" y="{y + 4}" width="{length:.1f}" '
            f'height="{row - 10}"></rect>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 18}">{escape(_number(value))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def cumulative_chart(title: str, points: Sequence[tuple[date, int]], *, chart_id: str) -> Markup:
    """A step line of a running total over time (the adoption curve), with the first and last dates and
    the total marked."""
    height, left, bottom, top = 220, 48, 190, 16
    if not points:
        return Markup("")
    start, end = points[0][0], points[-1][0]
    span = max(1, (end - start).days)
    biggest = max(count for _, count in points) or 1

    def x(day: date) -> float:
        return left + (WIDTH - left - 16) * (day - start).days / span

    def y(count: int) -> float:
        return bottom - (bottom - top) * count / biggest

    path, previous = [], 0
    for day, count in points:
        path.append(f"L{x(day):.1f},{y(previous):.1f} L{x(day):.1f},{y(count):.1f}")
        previous = count
    d = f"M{x(start):.1f},{y(0):.1f} " + " ".join(path)
    return Markup(
        f'<svg class="app-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<line class="app-chart__axis" x1="{left}" y1="{bottom}" x2="{WIDTH - 16}" y2="{bottom}"></line>'
        f'<line class="app-chart__axis" x1="{left}" y1="{top}" x2="{left}" y2="{bottom}"></line>'
        f'<path class="app-chart__line" d="{d}"></path>'
        f'<text x="{left - 6}" y="{y(biggest) + 4:.1f}" text-anchor="end">{biggest}</text>'
        f'<text x="{left - 6}" y="{bottom + 4}" text-anchor="end">0</text>'
        f'<text x="{left}" y="{bottom + 20}">{start:%b %Y}</text>'
        f'<text x="{WIDTH - 16}" y="{bottom + 20}" text-anchor="end">{end:%b %Y}</text>'
        "</svg>"
    )


def _number(value: int | float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
