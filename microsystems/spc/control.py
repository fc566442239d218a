"""Run charts and control charts: the public entry points and the per-phase assembly."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from ._input import (
    MIN_POINTS_LIMITS,
    MIN_POINTS_RUNS,
    as_series,
    base_mask,
    check_baseline,
    constant,
    exclusion_mask,
    finite_or_nan,
    phase_bounds,
    phase_index,
    phase_label,
    quietly,
    say,
)
from ._types import CHARTS, BoolArray, FloatArray, IntArray, Series, direction_sign
from .limits import Segment, phase_limits
from .results import ControlChart, RunChart
from .runs import RUNS_METHODS, runs_by_phase
from .subgroups import chart_values, moving_ranges

_RATIO_CHARTS = ("p", "pp", "u", "up")


def median(values: FloatArray) -> float:
    """Median of a 1-D array without nan (nan when empty); a sort is faster than np.median when small."""
    size = values.size
    if size == 0:
        return math.nan
    middle = size // 2
    if size < 2000:
        ordered = np.sort(values)
    else:
        ordered = np.partition(values, (middle - 1, middle) if size % 2 == 0 else middle)
    if size % 2:
        return float(ordered[middle])
    return (float(ordered[middle - 1]) + float(ordered[middle])) / 2.0


def _frame(
    values: FloatArray,
    phase_starts: Iterable[int],
    baseline: int | None,
    exclude: Iterable[int],
    usable_values: FloatArray,
    warnings: list[str],
) -> tuple[IntArray, BoolArray | None, BoolArray, BoolArray, bool]:
    """Phases, excluded points, usable points, base points, and whether the single-phase path applies."""
    size = values.size
    k = check_baseline(baseline)
    starts = phase_bounds(size, phase_starts, warnings)
    excluded = exclusion_mask(size, exclude, warnings)
    finite = np.isfinite(usable_values)
    usable = finite if excluded is None else finite & ~excluded
    simple = starts.size == 1 and (k is None or k >= size)
    base = usable if simple else base_mask(size, starts, k, usable)
    return starts, excluded, usable, base, simple


def _runs_warnings(n_useful: IntArray, warnings: list[str], on: str) -> None:
    for number, useful in enumerate(n_useful.tolist()):
        if useful < MIN_POINTS_RUNS:
            where = phase_label(number, n_useful.size)
            warnings.append(
                say(
                    where,
                    f"only {useful} point(s) are off the {on}: the runs rules need at least "
                    f"{MIN_POINTS_RUNS} to detect a change reliably.",
                )
            )


def _check_method(method: str) -> None:
    if method not in RUNS_METHODS:
        raise ValueError(f"method must be one of {', '.join(RUNS_METHODS)}; not {method!r}")


def _excluded_array(excluded: BoolArray | None, size: int) -> BoolArray:
    return np.zeros(size, dtype=np.bool_) if excluded is None else excluded


@quietly
def run_chart(
    y: Series,
    *,
    phase_starts: Iterable[int] = (),
    baseline: int | None = None,
    exclude: Iterable[int] = (),
    improvement: str | None = None,
    method: str = "anhoej",
) -> RunChart:
    """Run chart of ``y``: the median of each phase and Anhøj's runs analysis.

    ``phase_starts`` are 0-based indices where a new phase begins; ``baseline=k`` computes each phase's
    median from its first k points only (later points are analysed against it); ``exclude`` leaves points
    out of the median and the runs analysis.  ``improvement`` ("increase" or "decrease") lets the sentences
    say whether a shift is in the better direction.  ``method`` "bestbox" or "cutbox" uses Anhøj &
    Wentzel-Larsen's experimental bounds (10 to 100 useful points) instead of Anhøj's rules.
    """
    direction_sign(improvement)
    _check_method(method)
    warnings: list[str] = []
    values, _ = finite_or_nan(as_series(y), "y", warnings)
    size = values.size
    starts, excluded, usable, base, simple = _frame(values, phase_starts, baseline, exclude, values, warnings)
    if simple:
        centres = [median(values[base] if excluded is not None or not usable.all() else values)]
        centre = constant(centres[0], size)
    else:
        centres = []
        centre = np.empty(size)
        stops = np.append(starts[1:], size).tolist()
        for start, stop in zip(starts.tolist(), stops, strict=True):
            centres.append(median(values[start:stop][base[start:stop]]))
            centre[start:stop] = centres[-1]
    included = None if excluded is None else ~excluded
    runs = runs_by_phase(values, centres, starts, included, True, method, warnings)
    _runs_warnings(runs[1], warnings, "median")
    nothing = constant(math.nan, size)
    return RunChart(
        value=values,
        centre=centre,
        lower=nothing,
        upper=nothing,
        outside=np.zeros(size, dtype=np.bool_),
        phase=phase_index(size, starts),
        excluded=_excluded_array(excluded, size),
        base=base,
        phase_starts=starts,
        n_obs=runs[0],
        n_useful=runs[1],
        longest_run=runs[2],
        longest_run_max=runs[3],
        crossings=runs[4],
        crossings_min=runs[5],
        runs_signal=runs[6],
        improvement=improvement,
        warnings=tuple(warnings),
    )


def _limit_warnings(
    chart: str, number: int, n_phases: int, count: int, spread: float, warnings: list[str]
) -> None:
    where = phase_label(number, n_phases)
    needed = 1 if chart in ("c", "g", "p", "u") else 2
    if count < needed or not math.isfinite(spread):
        warnings.append(say(where, f"{count} point(s) set the limits: too few for them to be calculated."))
        return
    if count < MIN_POINTS_LIMITS:
        warnings.append(
            say(
                where,
                f"only {count} points set the limits (fewer than {MIN_POINTS_LIMITS}): "
                "treat them as provisional and the signals with caution.",
            )
        )
    if spread == 0.0:
        warnings.append(
            say(
                where,
                "the limits have zero width (the data show no variation to estimate them from), so every "
                "point off the centre line counts as outside them: the measure may be too coarse for this "
                "chart.",
            )
        )


@quietly
def control_chart(
    y: Series,
    n: Series | None = None,
    *,
    chart: str = "i",
    subgroups: Series | None = None,
    phase_starts: Iterable[int] = (),
    baseline: int | None = None,
    exclude: Iterable[int] = (),
    screen_mr: bool = True,
    improvement: str | None = None,
    multiply: float = 1.0,
    time_ordered: bool = True,
    method: str = "anhoej",
) -> ControlChart:
    """Shewhart control chart of ``y`` (qicharts2's estimators) with Anhøj's runs analysis per phase.

    ``chart``: "i" (individuals), "mr" (moving ranges), "xbar" and "s" (raw observations in ``y`` and a
    subgroup label for each in ``subgroups``), "t" (time between events), "g" (opportunities between
    events), "p" / "pp" (proportions y / n, Laney's p'), "c" (counts), "u" / "up" (rates y / n, Laney's u').
    ``n`` are the denominators for p, pp, u and up.  Phases, baseline and exclusions refer to points (for
    xbar and s: subgroups, in sorted label order).  ``screen_mr`` screens moving ranges (i, t, pp, up).
    ``multiply`` scales value, centre and limits (e.g. 100 for percentages).  ``time_ordered=False`` (a
    funnel of units, say) still reports the runs statistics but never signals from them.  ``method`` chooses
    the runs rules as for :func:`run_chart`.
    """
    if chart not in CHARTS:
        raise ValueError(f"chart must be one of {', '.join(CHARTS)}; not {chart!r}")
    direction_sign(improvement)
    _check_method(method)
    multiply = float(multiply)
    warnings: list[str] = []
    values, sizes, sds, labels, raw = chart_values(chart, y, n, subgroups, warnings)
    size = values.size
    source = raw if chart == "mr" else values
    counts = raw if chart in _RATIO_CHARTS else None
    starts, excluded, _, base, simple = _frame(values, phase_starts, baseline, exclude, source, warnings)
    if chart == "mr":
        values = moving_ranges(raw, starts)
    lower: FloatArray
    upper: FloatArray
    if simple:
        limits = phase_limits(chart, Segment(values, base, sizes, sds, counts), screen_mr)
        centres = [limits.centre]
        centre = constant(limits.centre, size)
        lower = limits.lower if isinstance(limits.lower, np.ndarray) else constant(limits.lower, size)
        upper = limits.upper if isinstance(limits.upper, np.ndarray) else constant(limits.upper, size)
        _limit_warnings(chart, 0, 1, limits.count, limits.spread, warnings)
    else:
        centres = []
        centre, lower, upper = np.empty(size), np.empty(size), np.empty(size)
        stops = np.append(starts[1:], size).tolist()
        for number, (start, stop) in enumerate(zip(starts.tolist(), stops, strict=True)):
            part = slice(start, stop)
            segment = Segment(
                values[part],
                base[part],
                None if sizes is None else sizes[part],
                None if sds is None else sds[part],
                None if counts is None else counts[part],
            )
            limits = phase_limits(chart, segment, screen_mr)
            centres.append(limits.centre)
            centre[part], lower[part], upper[part] = limits.centre, limits.lower, limits.upper
            _limit_warnings(chart, number, starts.size, limits.count, limits.spread, warnings)
    outside = (values > upper) | (values < lower)
    if excluded is not None:
        outside &= ~excluded
        if chart == "mr":  # a moving range that touches an excluded point is not a signal either
            outside[1:] &= ~excluded[:-1]
    included = None if excluded is None else ~excluded
    may_signal = chart != "mr" and time_ordered
    runs = runs_by_phase(values, centres, starts, included, may_signal, method, warnings)
    _runs_warnings(runs[1], warnings, "centre line")
    if multiply != 1.0:
        values, centre, lower, upper = (
            values * multiply,
            centre * multiply,
            lower * multiply,
            upper * multiply,
        )
    return ControlChart(
        value=values,
        centre=centre,
        lower=lower,
        upper=upper,
        outside=outside,
        phase=phase_index(size, starts),
        excluded=_excluded_array(excluded, size),
        base=base,
        phase_starts=starts,
        n_obs=runs[0],
        n_useful=runs[1],
        longest_run=runs[2],
        longest_run_max=runs[3],
        crossings=runs[4],
        crossings_min=runs[5],
        runs_signal=runs[6],
        improvement=improvement,
        warnings=tuple(warnings),
        chart=chart,
        n=sizes,
        labels=labels,
        multiply=multiply,
    )
