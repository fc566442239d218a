"""The baseline of a specific aim and the result against it, computed by the statistics engine."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from microsystems.measures.charting import chart_for
from microsystems.measures.models import DataPoint, Measure, Phase
from microsystems.measures.presenters import series_of


@dataclass(frozen=True)
class Baseline:
    value: float
    first: date
    last: date
    points: int


def baseline_of(measure: Measure, points: Sequence[DataPoint]) -> Baseline | None:
    """The centre line of the first phase of the measure's chart (the median on a run chart), over the
    points of that phase."""
    if not points:
        return None
    chart = chart_for(series_of(measure, points, Phase.objects.filter(measure=measure)))
    centre = float(chart.result.centre[0])
    if not math.isfinite(centre):
        return None
    phase = chart.result.phase.tolist()
    first_phase = [p for p, number in zip(points, phase, strict=True) if number == 0]
    return Baseline(centre, first_phase[0].period, first_phase[-1].period, len(first_phase))


def current_level(measure: Measure, points: Sequence[DataPoint], phases: Sequence[Phase]) -> float | None:
    """Where the process is now: the centre line of the latest phase."""
    if not points:
        return None
    centre = float(chart_for(series_of(measure, points, phases)).result.centre[-1])
    return centre if math.isfinite(centre) else None
