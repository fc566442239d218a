"""What the measure pages show, shaped for the templates: the chart as SVG, its sentences, icons and table."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from markupsafe import Markup

from .charting import ASSURANCE_ICONS, VARIATION_ICONS, Chart, Series, chart_for, scale
from .models import DataPoint, Measure, Phase
from .svg import Band, Drawing, render


def period_label(period: date, frequency: str, short: bool = False) -> str:
    if frequency == "monthly":
        return f"{period:%b %Y}" if short else f"{period:%B %Y}"
    return f"{period.day} {period:%b %Y}" if short else f"{period.day} {period:%B %Y}"


def number(value: float | None, digits: int = 1) -> str:
    if value is None or not math.isfinite(value):
        return ""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def unit_of(measure: Measure) -> str:
    if measure.kind == "proportion":
        return "%"
    if measure.kind == "rate":
        return f" per {measure.multiplier:,}"
    return f" {measure.unit}" if measure.unit else ""


def shown(measure: Measure, value: float | None) -> str:
    text = number(value)
    return f"{text}{unit_of(measure)}" if text else ""


@dataclass(frozen=True)
class Icon:
    key: str
    label: str
    colour: str
    letter: str


@dataclass(frozen=True)
class TableRow:
    id: int
    period: str
    value: str
    numerator: str
    denominator: str
    centre: str
    lower: str
    upper: str
    signal: bool
    excluded: bool
    note: str


@dataclass(frozen=True)
class ChartPanel:
    svg: Markup
    name: str
    sentences: tuple[str, ...]
    warnings: tuple[str, ...]
    variation: Icon | None
    assurance: Icon | None
    rows: list[TableRow]
    has_data: bool
    has_limits: bool
    centre_name: str


def _icon_variation(key: str | None) -> Icon | None:
    if key is None:
        return None
    colour = (
        "#768692"
        if key == "common_cause"
        else "#41b6e6"
        if key.startswith("improvement")
        else "#ed8b00"
        if key.startswith("concern")
        else "#7c2855"
    )
    letter = "H" if key.endswith("high") else "L" if key.endswith("low") else "~"
    return Icon(key, VARIATION_ICONS[key], colour, letter)


def _icon_assurance(key: str | None) -> Icon | None:
    if key is None:
        return None
    colour = {"consistent_pass": "#41b6e6", "consistent_fail": "#ed8b00"}.get(key, "#768692")
    letter = {"consistent_pass": "P", "consistent_fail": "F"}.get(key, "?")
    return Icon(key, ASSURANCE_ICONS[key], colour, letter)


def series_of(measure: Measure, points: Sequence[DataPoint], phases: Iterable[Phase]) -> Series:
    periods = [p.period for p in points]
    starts = sorted(
        {next((i for i, d in enumerate(periods) if d >= phase.starts_on), len(periods)) for phase in phases}
    )
    return Series(
        periods=periods,
        values=[p.value for p in points],
        denominators=[p.denominator for p in points],
        kind=measure.kind,
        better=measure.better,
        target=measure.target,
        choice=measure.chart_choice,
        phase_starts=[s for s in starts if 0 < s < len(periods)],
        baseline=measure.baseline_points,
        exclude=[i for i, p in enumerate(points) if p.excluded],
        multiplier=float(measure.multiplier),
    )


def _finite(values: Iterable[float]) -> list[float]:
    return [float(v) for v in values]


def chart_panel(
    measure: Measure,
    points: Sequence[DataPoint],
    phases: Iterable[Phase],
    bands: Sequence[Band] = (),
    title: str | None = None,
    last: int | None = None,
    start_at: int | None = None,
    end_at: int | None = None,
) -> ChartPanel:
    """The measure's chart: computed by the engine, drawn as SVG, with its sentences, icons and table.
    ``last`` zooms the drawing in on the latest points; the statistics are always those of the whole
    series; ``start_at`` draws from that point on instead, and ``end_at`` stops before that point."""
    points = list(points)
    series = series_of(measure, points, phases)
    if not points:
        return ChartPanel(Markup(""), "", (), (), None, None, [], False, False, "")
    chart: Chart = chart_for(series)
    result = chart.result
    values = result.value.tolist()
    centre, lower, upper = result.centre.tolist(), result.lower.tolist(), result.upper.tolist()
    outside = result.outside.tolist()
    better = {"up": 1, "down": -1}.get(measure.better, 0)
    kinds: list[str] = []
    titles: list[str] = []
    rows: list[TableRow] = []
    for index, point in enumerate(points):
        value = values[index]
        if point.excluded:
            kind = "excluded"
        elif outside[index]:
            side = 1 if value > centre[index] else -1
            kind = "neutral" if better == 0 else "improvement" if side == better else "concern"
        else:
            kind = "common"
        kinds.append(kind)
        label = period_label(point.period, measure.frequency)
        tip = f"{label}: {shown(measure, value)}"
        if point.denominator is not None:
            tip += f" ({number(point.value)} of {number(point.denominator)})"
        if point.excluded:
            tip += f" — left out: {point.exclusion_reason}"
        titles.append(tip)
        rows.append(
            TableRow(
                id=point.id,
                period=label,
                value=shown(measure, value),
                numerator=number(point.value, 2),
                denominator=number(point.denominator, 2),
                centre=shown(measure, centre[index]),
                lower=shown(measure, lower[index]),
                upper=shown(measure, upper[index]),
                signal=bool(outside[index]),
                excluded=point.excluded,
                note=point.exclusion_reason if point.excluded else point.note,
            )
        )
    centre_name = "Median" if chart.chart == "run" else "Mean"
    target = measure.target
    start = max(0, len(points) - last) if last else 0
    if start_at is not None:
        start = min(max(0, start_at), len(points) - 1)
    end = len(points) if end_at is None else min(max(start + 1, end_at), len(points))
    shown_periods = series.periods[start:end]
    drawing = Drawing(
        title=title or f"{chart.name} of {measure.name}",
        periods=shown_periods,
        labels=[period_label(p, measure.frequency, short=True) for p in shown_periods],
        values=values[start:end],
        centre=centre[start:end],
        lower=lower[start:end],
        upper=upper[start:end],
        point_kinds=kinds[start:end],
        point_titles=titles[start:end],
        phase_starts=[p - start for p in result.phase_starts.tolist() if start < p < end],
        bands=[
            b
            for b in bands
            if b.ends >= shown_periods[0] and (end_at is None or b.starts <= shown_periods[-1])
        ],
        target=target,
        y_title=(
            "Per cent"
            if measure.kind == "proportion"
            else f"Per {measure.multiplier:,}"
            if measure.kind == "rate"
            else measure.unit
        ),
        centre_name=centre_name,
    )
    has_limits = any(math.isfinite(v) for v in upper + lower)
    return ChartPanel(
        svg=Markup(render(drawing)),  # built from escaped text only
        name=chart.name,
        sentences=chart.sentences,
        warnings=chart.warnings,
        variation=_icon_variation(chart.variation_icon),
        assurance=_icon_assurance(chart.assurance_icon),
        rows=rows,
        has_data=True,
        has_limits=has_limits,
        centre_name=centre_name,
    )


@dataclass(frozen=True)
class MeasureRow:
    name: str
    href: str
    measure_type: str
    kind: str
    frequency: str
    points: int
    latest: str
    variation: Icon | None


def measure_rows(measures: Iterable[Measure]) -> list[MeasureRow]:
    """The list of measures, each with its latest value and Making Data Count variation icon (points and
    phases prefetched: a fixed number of queries)."""
    rows = []
    for measure in measures:
        points = list(measure.points.all())
        variation = None
        latest = ""
        if points:
            chart = chart_for(series_of(measure, points, list(measure.phases.all())))
            variation = _icon_variation(chart.variation_icon)
            value = float(chart.result.value[-1])
            latest = f"{shown(measure, value)} ({period_label(points[-1].period, measure.frequency)})"
        rows.append(
            MeasureRow(
                name=measure.name,
                href=measure_href(measure),
                measure_type=measure.get_measure_type_display(),
                kind=measure.get_kind_display(),
                frequency=measure.get_frequency_display()
                + (f", by {measure.owner.full_name}" if measure.owner else ""),
                points=len(points),
                latest=latest or "None yet",
                variation=variation,
            )
        )
    return rows


def measure_href(measure: Measure) -> str:
    return reverse("measure-detail", args=[measure.project.public_id, measure.id])


def scale_of(measure: Measure) -> float:
    return scale(measure.kind, float(measure.multiplier))
