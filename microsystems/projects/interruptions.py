"""The interruptions tally: each person notes every unplanned interruption during one session, and the
tallies are pooled into a Pareto chart, biggest cause first, with the running share of the total, so the
few causes behind most interruptions stand out. Plain Python."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

CATEGORIES = (
    "Looking for notes, forms or equipment",
    "Phone calls",
    "A colleague's question",
    "Missing information",
    "IT or clinical system problem",
    "Prescription query",
    "Patient at the door or desk",
    "Other",
)

CHART_WIDTH = 640
CHART_HEIGHT = 240
LEFT = 40
BOTTOM = 30


@dataclass(frozen=True)
class ParetoBar:
    category: str
    count: int
    share: float  # of all interruptions, per cent
    cumulative: float  # running share, per cent
    x: float
    y: float
    width: float
    height: float
    point_y: float  # where the running share sits


def pool(tallies: Iterable[Mapping[str, int]]) -> dict[str, int]:
    pooled: dict[str, int] = {}
    for tally in tallies:
        for category, count in tally.items():
            if count:
                pooled[category] = pooled.get(category, 0) + int(count)
    return pooled


def pareto(counts: Mapping[str, int]) -> list[ParetoBar]:
    """Bars biggest first (ties in the order of CATEGORIES), with the running share of the total."""
    order = {c: i for i, c in enumerate(CATEGORIES)}
    items = sorted(
        ((c, n) for c, n in counts.items() if n > 0), key=lambda p: (-p[1], order.get(p[0], 99), p[0])
    )
    total = sum(n for _, n in items)
    if not total:
        return []
    tallest = items[0][1]
    plot_height = CHART_HEIGHT - BOTTOM - 10
    slot = (CHART_WIDTH - LEFT - 40) / len(items)
    bars, running = [], 0
    for index, (category, count) in enumerate(items):
        running += count
        height = plot_height * count / tallest
        cumulative = 100 * running / total
        bars.append(
            ParetoBar(
                category=category,
                count=count,
                share=round(100 * count / total, 1),
                cumulative=round(cumulative, 1),
                x=LEFT + index * slot + slot * 0.15,
                y=CHART_HEIGHT - BOTTOM - height,
                width=slot * 0.7,
                height=height,
                point_y=CHART_HEIGHT - BOTTOM - plot_height * cumulative / 100,
            )
        )
    return bars
