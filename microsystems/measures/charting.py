"""Which chart a measure gets, and the chart itself, from the statistics engine (never recomputed here).

Plain Python: the pages, the storyboard and the tests call `chart_for` with the measure's numbers."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from microsystems import spc
from microsystems.spc import ControlChart, MakingDataCount, RunChart

# A control chart needs enough points for its limits to mean something; until then, a run chart.
POINTS_FOR_LIMITS = 20
CONTROL_CHART_FOR_KIND = {"proportion": "p", "rate": "u", "count": "c", "continuous": "i"}
CHART_NAMES = {
    "run": "Run chart",
    "p": "p chart (control chart for proportions)",
    "u": "u chart (control chart for rates)",
    "c": "c chart (control chart for counts)",
    "i": "XmR chart (control chart for individual values)",
}
IMPROVEMENT = {"up": "increase", "down": "decrease", "neither": None}
VARIATION_ICONS = {
    "common_cause": "Common cause variation: no signal of change",
    "improvement_high": "Special cause variation: improvement (higher)",
    "improvement_low": "Special cause variation: improvement (lower)",
    "concern_high": "Special cause variation: concern (higher)",
    "concern_low": "Special cause variation: concern (lower)",
    "neutral_high": "Special cause variation: higher",
    "neutral_low": "Special cause variation: lower",
}
ASSURANCE_ICONS = {
    "consistent_pass": "The target will be met consistently",
    "consistent_fail": "The target will not be met without a change to the process",
    "inconsistent": "The target may or may not be met: it lies within the limits",
}


@dataclass(frozen=True)
class Series:
    """A measure's points in time order, with what the engine needs to know about them."""

    periods: list[date]
    values: list[float]
    denominators: list[float | None]
    kind: str
    better: str = "up"
    target: float | None = None
    choice: str = "auto"
    phase_starts: list[int] = field(default_factory=list)
    baseline: int | None = None
    exclude: list[int] = field(default_factory=list)
    multiplier: float = 1.0


@dataclass(frozen=True)
class Chart:
    chart: str  # "run", "p", "u", "c" or "i"
    name: str
    result: RunChart | ControlChart
    mdc: MakingDataCount | None
    percent: bool

    @property
    def sentences(self) -> tuple[str, ...]:
        return self.result.sentences

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.result.warnings

    @property
    def variation_icon(self) -> str | None:
        return self.mdc.variation_icon if self.mdc else None

    @property
    def assurance_icon(self) -> str | None:
        return self.mdc.assurance_icon if self.mdc else None


def choose_chart(kind: str, points: int, choice: str = "auto") -> str:
    """The chart for this kind of data: a run chart until there are enough points, then the control chart
    that fits the data (p for proportions, u for rates, c for counts, XmR for measurements); `choice`
    overrides it."""
    if choice != "auto":
        return choice
    if points < POINTS_FOR_LIMITS:
        return "run"
    return CONTROL_CHART_FOR_KIND[kind]


def scale(kind: str, multiplier: float) -> float:
    """What a ratio is multiplied by to be shown: 100 for a percentage, the rate's unit for a rate."""
    if kind == "proportion":
        return 100.0
    if kind == "rate":
        return float(multiplier)
    return 1.0


def plotted_values(series: Series) -> list[float]:
    """The value shown for each point: the percentage or rate for ratios, the value itself otherwise."""
    if series.kind not in ("proportion", "rate"):
        return list(series.values)
    factor = scale(series.kind, series.multiplier)
    shown: list[float] = []
    for value, denominator in zip(series.values, series.denominators, strict=True):
        shown.append(value / denominator * factor if denominator else math.nan)
    return shown


def chart_for(series: Series) -> Chart:
    """The measure's chart and its Making Data Count icons, computed by the statistics engine."""
    chart = choose_chart(series.kind, len(series.values), series.choice)
    if chart in ("p", "u") and series.kind not in ("proportion", "rate"):
        chart = "run"  # a ratio chart needs denominators: fall back rather than fail
    improvement = IMPROVEMENT.get(series.better)
    shown = plotted_values(series)
    starts, baseline, exclude = series.phase_starts, series.baseline, series.exclude
    result: RunChart | ControlChart
    if chart == "run":
        result = spc.run_chart(
            shown, phase_starts=starts, baseline=baseline, exclude=exclude, improvement=improvement
        )
    elif chart in ("p", "u"):
        denominators = [d if d else math.nan for d in series.denominators]
        result = spc.control_chart(
            series.values,
            denominators,
            chart=chart,
            multiply=scale(series.kind, series.multiplier),
            phase_starts=starts,
            baseline=baseline,
            exclude=exclude,
            improvement=improvement,
        )
    else:
        result = spc.control_chart(
            shown,
            chart=chart,
            phase_starts=starts,
            baseline=baseline,
            exclude=exclude,
            improvement=improvement,
        )
    mdc = None
    if chart != "run" and shown:
        mdc = spc.making_data_count(
            shown,
            improvement=improvement or "neutral",
            target=series.target,
            phase_starts=series.phase_starts,
            baseline=series.baseline,
            exclude=series.exclude,
        )
    return Chart(chart, CHART_NAMES[chart], result, mdc, series.kind == "proportion")
