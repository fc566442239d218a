"""The action plan's timeline (a Gantt chart): one bar per action from the day it starts (or was set) to
the day it is due, an arrow from each action to the one that waits for it, drawn as SVG. Plain Python."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

WIDTH, ROW, LEFT, TOP, KEY = 720, 26, 230, 30, 24
COLOURS = {"done": "#007f3b", "overdue": "#d5281b", "open": "#005eb8"}


@dataclass(frozen=True)
class Bar:
    label: str
    owner: str
    starts: date
    ends: date
    state: str  # "done", "overdue" or "open"
    waits_for: int | None = None  # the index of the bar this one waits for


def render(bars: list[Bar], today: date) -> str:
    if not bars:
        return ""
    first = min(min(b.starts for b in bars), today) - timedelta(days=3)
    last = max(max(b.ends for b in bars), today) + timedelta(days=3)
    span = max((last - first).days, 1)
    plot = WIDTH - LEFT - 10
    plot_bottom = TOP + ROW * len(bars) + 10
    height = plot_bottom + KEY

    def x(day: date) -> float:
        return LEFT + plot * (day - first).days / span

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" class="app-chart" '
        'role="img" aria-label="Timeline of the action plan" font-family="Arial, sans-serif" '
        'font-size="12">',
        "<title>Timeline of the action plan</title>",
    ]
    months = []
    day = date(first.year, first.month, 1)
    while day <= last:
        if day >= first:
            months.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    for month in months:
        mx = x(month)
        out.append(
            f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{TOP - 6}" y2="{height - 6}" stroke="#e8edee"/>'
            f'<text x="{mx + 3:.1f}" y="{TOP - 10}" fill="#4c6272" font-size="11">{month:%b %Y}</text>'
        )
    for index, bar in enumerate(bars):
        y = TOP + ROW * index
        x1, x2 = x(bar.starts), max(x(bar.ends), x(bar.starts) + 4)
        tip = f"{bar.label} — {bar.owner}, due {bar.ends.day} {bar.ends:%B %Y} ({bar.state})"
        out.append(
            f'<text x="{LEFT - 8}" y="{y + 16}" text-anchor="end" fill="#212b32">'
            f"{escape(bar.label[:34])}</text>"
            f'<rect x="{x1:.1f}" y="{y + 5}" width="{x2 - x1:.1f}" height="15" rx="3" '
            f'fill="{COLOURS.get(bar.state, "#005eb8")}"><title>{escape(tip)}</title></rect>'
        )
    out.append(
        '<defs><marker id="plan-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#4c6272"/>'
        "</marker></defs>"
    )
    for index, bar in enumerate(bars):
        if bar.waits_for is None or not 0 <= bar.waits_for < len(bars):
            continue
        before = bars[bar.waits_for]
        fx, fy = max(x(before.ends), x(before.starts) + 4), TOP + ROW * bar.waits_for + 12.5
        tx_, ty = x(bar.starts), TOP + ROW * index + 12.5
        mid = fx + 6
        out.append(
            f'<polyline points="{fx:.1f},{fy:.1f} {mid:.1f},{fy:.1f} {mid:.1f},{ty:.1f} '
            f'{tx_ - 1:.1f},{ty:.1f}" '
            f'fill="none" stroke="#4c6272" stroke-width="1.2" marker-end="url(#plan-arrow)">'
            f"<title>{escape(bar.label)} waits for {escape(before.label)}</title></polyline>"
        )
    tx = x(today)
    out.append(
        f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{TOP - 4}" y2="{plot_bottom - 4}" stroke="#212b32" '
        f'stroke-dasharray="4 3"><title>Today</title></line>'
    )
    # The key: what the colours and the dashed line mean (the table beside says each status in words).
    key_y, key_x = height - 8, LEFT
    for state, text in (("open", "Open"), ("overdue", "Overdue"), ("done", "Done")):
        out.append(
            f'<rect x="{key_x}" y="{key_y - 10}" width="18" height="10" rx="2" fill="{COLOURS[state]}"/>'
            f'<text x="{key_x + 22}" y="{key_y}" fill="#212b32" font-size="11">{text}</text>'
        )
        key_x += 80
    out.append(
        f'<line x1="{key_x}" x2="{key_x + 18}" y1="{key_y - 4}" y2="{key_y - 4}" stroke="#212b32" '
        f'stroke-dasharray="4 3"/>'
        f'<text x="{key_x + 22}" y="{key_y}" fill="#212b32" font-size="11">Today</text></svg>'
    )
    return "".join(out)
