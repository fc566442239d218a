"""Making Data Count: NHSRplotthedots' XmR chart, its four rules, point types and the two icons."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from ._input import (
    MIN_POINTS_LIMITS,
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
from ._types import BoolArray, CodeArray, FloatArray, Series, direction_sign
from .constants import MDC_LIMIT, MDC_NEAR
from .limits import xmr_estimate
from .results import MakingDataCount
from .rules import CODE_SIDE, point_codes, shift_and_trend, side_of, two_in_three_flags

_NEUTRAL_NAMES = {None: "neutral", "neutral": "neutral", "increase": "increase", "decrease": "decrease"}


def _assurance(direction: int, target: float | None, lower: float, upper: float) -> str | None:
    if target is None or direction == 0 or math.isnan(lower) or math.isnan(upper):
        return None
    if target > upper:
        return "consistent_fail" if direction > 0 else "consistent_pass"
    if target < lower:
        return "consistent_pass" if direction > 0 else "consistent_fail"
    return "inconsistent"


def variation_icon(code: int, direction: int) -> str:
    """NHSRplotthedots' variation icon for the last point's code and the improvement direction."""
    side = int(CODE_SIDE[code])
    if side == 0:
        return "common_cause"
    if direction == 0:
        return "neutral_high" if side > 0 else "neutral_low"
    if side * direction > 0:
        return "improvement_high" if direction > 0 else "improvement_low"
    return "concern_low" if direction > 0 else "concern_high"


def _rules(
    y: FloatArray, mean: float, lower: float, upper: float, lower2: float, upper2: float
) -> tuple[BoolArray, CodeArray, BoolArray, BoolArray, BoolArray, BoolArray, CodeArray]:
    """The four rules on consecutive usable points of one phase."""
    outside = (y > upper) | (y < lower)
    rtm = side_of(y, mean)
    close = ((y > upper2) | (y < lower2)) & ~outside
    shift, trend, trend_direction = shift_and_trend(y, rtm)
    two3 = two_in_three_flags(close, rtm)
    code = point_codes(outside, rtm, trend, trend_direction, two3, shift)
    return outside, rtm, close, shift, trend, two3, code


def _phase_warnings(warnings: list[str], phase: int, n_phases: int, count: int, amr: float) -> None:
    where = phase_label(phase, n_phases)
    if count == 0:
        warnings.append(say(where, "there are no data to analyse."))
    elif count < 2:
        warnings.append(say(where, "only 1 point sets the limits, so they cannot be calculated."))
    elif math.isnan(amr):
        warnings.append(say(where, "no two consecutive points set the limits, so they cannot be calculated."))
    else:
        if count < MIN_POINTS_LIMITS:
            warnings.append(
                say(
                    where,
                    f"only {count} points set the limits (fewer than {MIN_POINTS_LIMITS}): "
                    "treat them as provisional and the signals with caution.",
                )
            )
        if amr == 0.0:
            warnings.append(
                say(
                    where,
                    "the limits have zero width (consecutive points never differ), so every point off the "
                    "mean counts as outside them: the measure may be too coarse for this chart.",
                )
            )


@quietly
def making_data_count(
    y: Series,
    *,
    improvement: str | None = "increase",
    target: float | None = None,
    phase_starts: Iterable[int] = (),
    baseline: int | None = None,
    exclude: Iterable[int] = (),
    screen_outliers: bool = True,
) -> MakingDataCount:
    """Making Data Count XmR chart of ``y`` with NHSRplotthedots' rules, point types and icons.

    ``improvement`` is "increase", "decrease" or "neutral" (None = neutral).  ``target`` adds the assurance
    icon.  ``phase_starts`` (0-based) start new phases (own mean, limits and rules), ``baseline=k`` fixes
    each phase's limits on its first k points, ``exclude`` leaves points out of every estimate and rule,
    ``screen_outliers`` drops moving ranges at or above 3.267 x their mean before the second estimate.
    """
    direction = direction_sign(improvement)
    improvement_name = _NEUTRAL_NAMES[improvement]
    k = check_baseline(baseline)
    warnings: list[str] = []
    values, finite = finite_or_nan(as_series(y), "y", warnings)
    size = values.size
    starts = phase_bounds(size, phase_starts, warnings)
    excluded = exclusion_mask(size, exclude, warnings)
    if target is not None:
        target = float(target)
        if math.isnan(target):
            target = None
    all_usable = excluded is None and bool(finite.all())

    if all_usable and starts.size == 1 and (k is None or k >= size):
        # Fast path: one phase, every point usable and in the base.
        mean, amr, count = xmr_estimate(values, None, screen_outliers)
        lower, upper = mean - MDC_LIMIT * amr, mean + MDC_LIMIT * amr
        lower2, upper2 = mean - MDC_NEAR * amr, mean + MDC_NEAR * amr
        outside, rtm, close, shift, trend, two3, code = _rules(values, mean, lower, upper, lower2, upper2)
        centre = constant(mean, size)
        lower_a, upper_a = constant(lower, size), constant(upper, size)
        lower2_a, upper2_a = constant(lower2, size), constant(upper2, size)
        phase = np.zeros(size, dtype=np.int64)
        excluded_a = np.zeros(size, dtype=np.bool_)
        base = np.ones(size, dtype=np.bool_)
        if count < MIN_POINTS_LIMITS or not amr > 0.0:
            _phase_warnings(warnings, 0, 1, count, amr)
        last = size - 1
    else:
        usable = finite if excluded is None else finite & ~excluded
        excluded_a = np.zeros(size, dtype=np.bool_) if excluded is None else excluded
        base = base_mask(size, starts, k, usable)
        phase = phase_index(size, starts)
        centre = np.empty(size)
        lower_a, upper_a = np.empty(size), np.empty(size)
        lower2_a, upper2_a = np.empty(size), np.empty(size)
        outside = np.zeros(size, dtype=np.bool_)
        close = np.zeros(size, dtype=np.bool_)
        shift = np.zeros(size, dtype=np.bool_)
        trend = np.zeros(size, dtype=np.bool_)
        two3 = np.zeros(size, dtype=np.bool_)
        rtm = np.zeros(size, dtype=np.int8)
        code = np.zeros(size, dtype=np.int8)
        stops = np.append(starts[1:], size)
        for number, (start, stop) in enumerate(zip(starts.tolist(), stops.tolist(), strict=True)):
            segment = values[start:stop]
            mean, amr, count = xmr_estimate(segment, base[start:stop], screen_outliers)
            lower, upper = mean - MDC_LIMIT * amr, mean + MDC_LIMIT * amr
            lower2, upper2 = mean - MDC_NEAR * amr, mean + MDC_NEAR * amr
            centre[start:stop] = mean
            lower_a[start:stop], upper_a[start:stop] = lower, upper
            lower2_a[start:stop], upper2_a[start:stop] = lower2, upper2
            _phase_warnings(warnings, number, starts.size, count, amr)
            where = start + np.flatnonzero(usable[start:stop])
            if where.size == 0:
                continue
            p_outside, p_rtm, p_close, p_shift, p_trend, p_two3, p_code = _rules(
                values[where], mean, lower, upper, lower2, upper2
            )
            outside[where], rtm[where], close[where] = p_outside, p_rtm, p_close
            shift[where], trend[where], two3[where], code[where] = p_shift, p_trend, p_two3, p_code
        usable_points = np.flatnonzero(usable)
        last = int(usable_points[-1]) if usable_points.size else -1

    icon = variation_icon(int(code[last]), direction) if last >= 0 else None
    assurance = _assurance(direction, target, float(lower_a[-1]), float(upper_a[-1])) if size else None
    return MakingDataCount(
        value=values,
        centre=centre,
        lower=lower_a,
        upper=upper_a,
        lower_2sigma=lower2_a,
        upper_2sigma=upper2_a,
        outside=outside,
        relative_to_mean=rtm,
        close_to_limits=close,
        shift=shift,
        trend=trend,
        two_in_three=two3,
        code=code,
        phase=phase,
        excluded=excluded_a,
        base=base,
        phase_starts=starts,
        improvement=improvement_name,
        target=target,
        variation_icon=icon,
        assurance_icon=assurance,
        warnings=tuple(warnings),
    )
