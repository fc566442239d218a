"""A chart drawn as SVG from the engine's results: the same picture on screen, in print and in PDFs.

Plain Python. Styling is by presentation attributes and classes (the Content Security Policy forbids
inline styles); every point carries a <title>, so hovering shows its value."""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from html import escape

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 34, 70


@dataclass(frozen=True)
class Band:
    """A period to shade on the chart, such as a PDSA cycle's dates."""

    starts: date
    ends: date
    label: str
    short: str = ""


@dataclass(frozen=True)
class Drawing:
    title: str
    periods: list[date]
    labels: list[str]
    values: list[float]
    centre: list[float]
    lower: list[float]
    upper: list[float]
    point_kinds: list[str]  # "common", "improvement", "concern", "neutral", "excluded"
    point_titles: list[str]
    phase_starts: list[int] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    target: float | None = None
    y_title: str = ""
    centre_name: str = "Median"  # "" when the chart has no centre line (nothing in the key)
    band_name: str = "Test of change (PDSA)"


def _finite(values: list[float]) -> list[float]:
    return [v for v in values if v is not None and math.isfinite(v)]


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low] if math.isfinite(low) else [0.0]
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= raw)
    first = math.ceil(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _fmt(value: float) -> str:
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2g}"


def render(drawing: Drawing) -> str:
    """The chart as an SVG element (a string of markup)."""
    size = len(drawing.values)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    every = _finite(drawing.values + drawing.centre + drawing.lower + drawing.upper)
    if drawing.target is not None:
        every.append(drawing.target)
    low, high = (min(every), max(every)) if every else (0.0, 1.0)
    if high == low:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad
    if min(_finite(drawing.values) or [0.0]) >= 0 and low < 0:
        low = 0.0
    ticks = nice_ticks(low, high)
    low, high = min([low, *ticks]), max([high, *ticks])

    def x(index: float) -> float:
        return LEFT + (plot_w * (index + 0.5) / size if size else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - low) / (high - low))

    def x_of_date(day: date) -> float:
        ordinals = [p.toordinal() for p in drawing.periods]
        target = day.toordinal()
        if not ordinals:
            return x(0)
        if target <= ordinals[0]:
            return x(0) - (plot_w / size / 2 if target < ordinals[0] else 0)
        if target >= ordinals[-1]:
            return x(size - 1) + (plot_w / size / 2 if target > ordinals[-1] else 0)
        at = bisect_left(ordinals, target)
        before, after = ordinals[at - 1], ordinals[at]
        return x(at - 1 + (target - before) / (after - before))

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" class="app-chart" '
        f'role="img" aria-label="{escape(drawing.title)}" font-family="Arial, sans-serif" font-size="12">',
        f"<title>{escape(drawing.title)}</title>",
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#ffffff" stroke="#aeb7bd"/>',
    ]
    for tick in ticks:
        ty = y(tick)
        out.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#e8edee"/>'
            f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="#4c6272">{_fmt(tick)}</text>'
        )
    if drawing.y_title:
        out.append(
            f'<text x="14" y="{TOP + plot_h / 2:.1f}" text-anchor="middle" fill="#4c6272" '
            f'transform="rotate(-90 14 {TOP + plot_h / 2:.1f})">{escape(drawing.y_title)}</text>'
        )
    # PDSA cycles and other bands, behind the data.
    for number, band in enumerate(drawing.bands):
        x1, x2 = x_of_date(band.starts), x_of_date(band.ends)
        if x2 - x1 < 4:
            x1, x2 = x1 - 2, x2 + 2
        row = TOP - 4 - 11 * (number % 2)
        out.append(
            f'<g class="app-chart__band"><title>{escape(band.label)}</title>'
            f'<rect x="{x1:.1f}" y="{TOP}" width="{x2 - x1:.1f}" height="{plot_h}" fill="#ffeb3b" '
            f'fill-opacity="0.25" stroke="#ffb81c"/>'
            f'<text x="{x1:.1f}" y="{row}" fill="#212b32" font-size="10">'
            f"{escape(band.short or band.label[:20])}</text></g>"
        )
    # Phase boundaries.
    for start in drawing.phase_starts:
        if 0 < start < size:
            bx = (x(start - 1) + x(start)) / 2
            out.append(
                f'<line x1="{bx:.1f}" x2="{bx:.1f}" y1="{TOP}" y2="{TOP + plot_h}" stroke="#212b32" '
                'stroke-dasharray="2 3" class="app-chart__phase"/>'
            )
    step = plot_w / size / 2 if size else 0

    def stepped(series: list[float], colour: str, dash: str, name: str) -> None:
        parts: list[str] = []
        for index, value in enumerate(series):
            if value is None or not math.isfinite(value):
                continue
            gap = index in drawing.phase_starts
            command = "M" if not parts or gap or not _ok(series, index - 1) else "L"
            parts.append(
                f"{command}{x(index) - step:.1f},{y(value):.1f}L{x(index) + step:.1f},{y(value):.1f}"
            )
        if parts:
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<path d="{"".join(parts)}" fill="none" stroke="{colour}" stroke-width="1.5"{dash_attr} '
                f'class="app-chart__{name}"/>'
            )

    stepped(drawing.centre, "#4c6272", "", "centre")
    stepped(drawing.upper, "#d5281b", "6 4", "limit")
    stepped(drawing.lower, "#d5281b", "6 4", "limit")
    if drawing.target is not None and math.isfinite(drawing.target):
        ty = y(drawing.target)
        out.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#007f3b" '
            f'stroke-dasharray="1 3" stroke-width="2" class="app-chart__target"><title>Target: '
            f"{_fmt(drawing.target)}</title></line>"
        )
    # The data line and points.
    line: list[str] = []
    for index, value in enumerate(drawing.values):
        if value is None or not math.isfinite(value):
            continue
        command = "M" if not line or not _ok(drawing.values, index - 1) else "L"
        line.append(f"{command}{x(index):.1f},{y(value):.1f}")
    if line:
        out.append(f'<path d="{"".join(line)}" fill="none" stroke="#005eb8" stroke-width="2"/>')
    colours = {
        "common": ("#005eb8", "#005eb8"),
        "improvement": ("#41b6e6", "#003087"),
        "concern": ("#ed8b00", "#7c2855"),
        "neutral": ("#7c2855", "#7c2855"),
        "excluded": ("#ffffff", "#768692"),
    }
    for index, value in enumerate(drawing.values):
        if value is None or not math.isfinite(value):
            continue
        kind = drawing.point_kinds[index] if index < len(drawing.point_kinds) else "common"
        fill, stroke = colours.get(kind, colours["common"])
        radius = 5 if kind in ("improvement", "concern", "neutral") else 3.5
        tip = drawing.point_titles[index] if index < len(drawing.point_titles) else ""
        out.append(
            f'<circle cx="{x(index):.1f}" cy="{y(value):.1f}" r="{radius}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="1.5" class="app-chart__point app-chart__point--{kind}" tabindex="-1">'
            f"<title>{escape(tip)}</title></circle>"
        )
    # Period labels along the bottom: at most about twelve.
    show = max(1, math.ceil(size / 12))
    for index, label in enumerate(drawing.labels):
        if index % show and index != size - 1:
            continue
        lx, ly = x(index), TOP + plot_h + 14
        out.append(
            f'<text x="{lx:.1f}" y="{ly}" text-anchor="end" fill="#4c6272" font-size="11" '
            f'transform="rotate(-35 {lx:.1f} {ly})">{escape(label)}</text>'
        )
    # Key.
    key_y = HEIGHT - 8
    out.append('<g font-size="11" fill="#212b32">')
    offset = LEFT
    if drawing.centre_name:
        out.append(
            f'<line x1="{LEFT}" x2="{LEFT + 18}" y1="{key_y - 4}" '
            f'y2="{key_y - 4}" stroke="#4c6272" stroke-width="1.5"/>'
            f'<text x="{LEFT + 22}" y="{key_y}">{escape(drawing.centre_name)}</text>'
        )
        offset = LEFT + 40 + 7 * len(drawing.centre_name)
    if _finite(drawing.upper) or _finite(drawing.lower):
        out.append(
            f'<line x1="{offset}" x2="{offset + 18}" y1="{key_y - 4}" y2="{key_y - 4}" stroke="#d5281b" '
            f'stroke-dasharray="6 4" stroke-width="1.5"/>'
            f'<text x="{offset + 22}" y="{key_y}">Control limits</text>'
        )
        offset += 120
    if drawing.target is not None:
        out.append(
            f'<line x1="{offset}" x2="{offset + 18}" y1="{key_y - 4}" y2="{key_y - 4}" stroke="#007f3b" '
            f'stroke-dasharray="1 3" stroke-width="2"/><text x="{offset + 22}" y="{key_y}">Target</text>'
        )
        offset += 70
    if drawing.bands:
        out.append(
            f'<rect x="{offset}" y="{key_y - 10}" width="18" height="10" fill="#ffeb3b" fill-opacity="0.25" '
            f'stroke="#ffb81c"/><text x="{offset + 22}" y="{key_y}">{escape(drawing.band_name)}</text>'
        )
    out.append("</g></svg>")
    return "".join(out)


def _ok(series: list[float], index: int) -> bool:
    return 0 <= index < len(series) and series[index] is not None and math.isfinite(series[index])
