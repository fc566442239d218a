"""Making Data Count icons for a whole portfolio at once: one series per row of a matrix.

The variation icon depends only on the last usable point, so after the limits (vectorised over rows) only
the last seven usable points of each series are examined.  Each row gives exactly the icons (and limits) of
``making_data_count`` on that row alone; rows may end early (pad with nan) or have gaps, start new phases
and leave points out.  With phases, only the phase of the last usable point (for the variation icon) and
the last phase (for the limits and the assurance icon) are estimated, rows grouped by where those phases
start and stop so that each sum runs over the same numbers, in the same order, as for the row alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ._input import _indices, check_baseline, quietly
from ._types import BoolArray, FloatArray, direction_sign
from .constants import MDC_LIMIT, MDC_NEAR, MR_SCREEN
from .mdc import variation_icon
from .results import MakingDataCountBatch
from .rules import OUTSIDE_HIGH, SHIFT_HIGH, SHIFT_LENGTH, TREND_UP, TWO3_HIGH

_TAIL = SHIFT_LENGTH  # the longest pattern that can end at the last point has 7 points
_ASSURANCE = np.array([None, "consistent_pass", "consistent_fail", "inconsistent"], dtype=object)
_ICONS = {
    direction: np.array([variation_icon(code, direction) for code in range(9)], dtype=object)
    for direction in (-1, 0, 1)
}


def _batch_xmr(values: FloatArray, base: BoolArray, screen: bool) -> tuple[FloatArray, FloatArray]:
    """Mean and mean moving range of every row, exactly as ``xmr_estimate`` computes them for one series."""
    count = base.sum(axis=1)
    mean = np.where(base, values, 0.0).sum(axis=1) / count
    pairs = base[:, 1:] & base[:, :-1]
    moving = np.where(pairs, np.abs(values[:, 1:] - values[:, :-1]), 0.0)
    n_pairs = pairs.sum(axis=1)
    amr = moving.sum(axis=1) / n_pairs
    if screen:
        high = moving >= (MR_SCREEN * amr)[:, None]
        high &= (amr > 0.0)[:, None]
        n_high = high.sum(axis=1)
        screened = np.where(high, 0.0, moving).sum(axis=1) / (n_pairs - n_high)
        amr = np.where(n_high > 0, screened, amr)
    mean = np.where(count > 0, mean, np.nan)
    amr = np.where(n_pairs > 0, amr, np.nan)
    return mean, amr


def _tails(values: FloatArray, finite: BoolArray) -> FloatArray:
    """The last seven usable values of each row, right-aligned (nan where a row has fewer)."""
    rows, columns = values.shape
    if finite.all() and columns >= _TAIL:
        return values[:, -_TAIL:]
    tail = np.full((rows, _TAIL), np.nan)
    rank = np.cumsum(finite[:, ::-1], axis=1)[:, ::-1]  # usable points at or after each column
    row, column = np.nonzero(finite & (rank <= _TAIL))
    tail[row, _TAIL - rank[row, column]] = values[row, column]
    return tail


def _directions(improvement: str | Sequence[str | None] | None, rows: int) -> npt.NDArray[np.int8]:
    if improvement is None or isinstance(improvement, str):
        return np.full(rows, direction_sign(improvement), dtype=np.int8)
    signs = [direction_sign(item) for item in improvement]
    if len(signs) != rows:
        raise ValueError(f"improvement must be one direction or one per series ({rows}), not {len(signs)}")
    return np.asarray(signs, dtype=np.int8)


def _phase_starts(phase_starts: Sequence[Iterable[int]] | None, rows: int, columns: int) -> BoolArray | None:
    """A mask of the columns where a new phase starts (out-of-range starts ignored), or None for none."""
    if phase_starts is None:
        return None
    if len(phase_starts) != rows:
        raise ValueError(
            f"phase_starts must give one list of starts per series ({rows}), not {len(phase_starts)}"
        )
    mask = np.zeros((rows, columns), dtype=np.bool_)
    for row, starts in enumerate(phase_starts):
        kept = [s for s in _indices(starts, "phase_starts") if 0 < s < columns]
        mask[row, kept] = True
    return mask if mask.any() else None


def _exclusions(
    exclude: npt.ArrayLike | Sequence[Iterable[int]] | None, rows: int, columns: int
) -> BoolArray | None:
    """The excluded points as a mask: from a boolean matrix of the same shape, or one list of indices per
    series (out-of-range indices ignored); None when nothing is excluded."""
    if exclude is None:
        return None
    try:
        as_array = np.asarray(exclude)
    except ValueError:  # lists of different lengths: indices
        as_array = np.zeros(0)
    if as_array.dtype == np.bool_ and as_array.shape == (rows, columns):
        mask = np.array(as_array, dtype=np.bool_)
    else:
        listed: list[Any] = list(exclude)  # type: ignore[arg-type]
        if len(listed) != rows:
            raise ValueError(f"exclude must give one list of indices per series ({rows}), not {len(listed)}")
        mask = np.zeros((rows, columns), dtype=np.bool_)
        for row, indices in enumerate(listed):
            kept = [i for i in _indices(indices, "exclude") if 0 <= i < columns]
            mask[row, kept] = True
    return mask if mask.any() else None


def _phase_estimates(
    values: FloatArray,
    usable: BoolArray,
    starts: npt.NDArray[np.int64],
    stops: npt.NDArray[np.int64],
    k: int | None,
    screen: bool,
) -> tuple[FloatArray, FloatArray]:
    """Mean and mean moving range of each row's phase [start, stop), from its first k usable points."""
    rows = values.shape[0]
    mean, amr = np.full(rows, np.nan), np.full(rows, np.nan)
    pairs = np.stack([starts, stops], axis=1)
    for start, stop in np.unique(pairs, axis=0).tolist():
        group = np.flatnonzero((starts == start) & (stops == stop))
        segment = values[group, start:stop]
        base = usable[group, start:stop]
        if k is not None and k < stop - start:
            base = base & (np.arange(stop - start) < k)
        mean[group], amr[group] = _batch_xmr(segment, base, screen)
    return mean, amr


@quietly
def making_data_count_batch(
    matrix: npt.ArrayLike,
    *,
    improvement: str | Sequence[str | None] | None = "increase",
    target: float | npt.ArrayLike | None = None,
    baseline: int | None = None,
    screen_outliers: bool = True,
    phase_starts: Sequence[Iterable[int]] | None = None,
    exclude: npt.ArrayLike | Sequence[Iterable[int]] | None = None,
) -> MakingDataCountBatch:
    """Variation and assurance icons of every row of ``matrix`` (series x points, nan = missing).

    ``improvement`` is one direction for all series or one per series; ``target`` one value, one per series
    (nan = none) or None; ``baseline=k`` fixes each phase's limits on its first k points; ``phase_starts``
    gives each series its list of phase starts (0-based; an empty list for none); ``exclude`` leaves points
    out of every estimate and rule: a boolean matrix the shape of ``matrix``, or one list of indices per
    series.  The limits reported are those of each series' last phase.
    """
    values = np.asarray(matrix, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError(f"matrix must be two-dimensional (series x points), not of shape {values.shape}")
    rows, columns = values.shape
    k = check_baseline(baseline)
    finite = np.isfinite(values)
    if not finite.all():
        values = np.where(finite, values, np.nan)
    starting = _phase_starts(phase_starts, rows, columns)
    excluded = _exclusions(exclude, rows, columns)
    if starting is None and excluded is None:
        base = finite if k is None or k >= columns else finite & (np.arange(columns) < k)
        mean, amr = _batch_xmr(values, base, screen_outliers)
        end_mean, end_amr = mean, amr
        usable_count = finite.sum(axis=1)
    else:
        usable = finite if excluded is None else finite & ~excluded
        usable_count = usable.sum(axis=1)
        column = np.arange(columns, dtype=np.int64)
        if starting is None:
            start_of = np.zeros((rows, columns), dtype=np.int64)
        else:
            start_of = np.maximum.accumulate(np.where(starting, column, 0), axis=1)
        if columns:
            # The phase of each row's last usable point gives its variation icon; the last phase its limits.
            last = columns - 1 - np.argmax(usable[:, ::-1], axis=1)
            icon_start = np.where(usable.any(axis=1), start_of[np.arange(rows), last], start_of[:, -1])
            end_start = start_of[:, -1]
        else:
            icon_start = end_start = np.zeros(rows, dtype=np.int64)
        if starting is None:
            icon_stop = np.full(rows, columns, dtype=np.int64)
        else:
            later = starting & (column > icon_start[:, None])
            icon_stop = np.where(later, column, columns).min(axis=1, initial=columns)
        mean, amr = _phase_estimates(values, usable, icon_start, icon_stop, k, screen_outliers)
        if np.array_equal(icon_start, end_start):
            end_mean, end_amr = mean, amr
        else:
            end_stop = np.full(rows, columns, dtype=np.int64)
            end_mean, end_amr = _phase_estimates(values, usable, end_start, end_stop, k, screen_outliers)
        # Only the usable points of the icon's phase take part in the rules.
        in_phase = usable & (start_of == icon_start[:, None])
        values = np.where(in_phase, values, np.nan)
        finite = in_phase
    lower, upper = mean - MDC_LIMIT * amr, mean + MDC_LIMIT * amr
    lower2, upper2 = mean - MDC_NEAR * amr, mean + MDC_NEAR * amr

    tail = _tails(values, finite)
    rtm = (tail > mean[:, None]).view(np.int8) - (tail < mean[:, None]).view(np.int8)
    outside = (tail > upper[:, None]) | (tail < lower[:, None])
    close = ((tail > upper2[:, None]) | (tail < lower2[:, None])) & ~outside
    steps = (tail[:, 1:] > tail[:, :-1]).view(np.int8) - (tail[:, 1:] < tail[:, :-1]).view(np.int8)
    last_side = rtm[:, -1]
    low = (last_side <= 0).view(np.int8)
    shift = (last_side != 0) & (rtm == last_side[:, None]).all(axis=1)
    trend = (steps[:, -1] != 0) & (steps == steps[:, -1:]).all(axis=1)
    window = np.abs(rtm[:, -3:].sum(axis=1, dtype=np.int8)) == 3
    two3 = close[:, -1] & (close[:, -3:].sum(axis=1) >= 2) & window
    code = np.where(
        outside[:, -1],
        OUTSIDE_HIGH + low,
        np.where(
            trend,
            TREND_UP + (steps[:, -1] < 0).view(np.int8),
            np.where(two3, TWO3_HIGH + low, np.where(shift, SHIFT_HIGH + low, 0)),
        ),
    ).astype(np.int8)
    n_points = usable_count
    code[finite.sum(axis=1) == 0] = 0

    directions = _directions(improvement, rows)
    icons = np.empty(rows, dtype=object)
    for direction in (-1, 0, 1):
        chosen = directions == direction
        if chosen.any():
            icons[chosen] = _ICONS[direction][code[chosen]]
    icons[n_points == 0] = None

    end_lower, end_upper = end_mean - MDC_LIMIT * end_amr, end_mean + MDC_LIMIT * end_amr
    assurance = np.zeros(rows, dtype=np.int8)
    if target is not None:
        goal = np.broadcast_to(np.asarray(target, dtype=np.float64), (rows,))
        known = np.isfinite(goal) & (directions != 0) & np.isfinite(end_lower) & np.isfinite(end_upper)
        above, below = goal > end_upper, goal < end_lower
        good = directions > 0
        assurance = np.where(above, np.where(good, 2, 1), np.where(below, np.where(good, 1, 2), 3))
        assurance = np.where(known, assurance, 0).astype(np.int8)
    assurance_names: np.ndarray[Any, np.dtype[np.object_]] = _ASSURANCE[assurance]
    return MakingDataCountBatch(
        centre=end_mean,
        lower=end_lower,
        upper=end_upper,
        n_points=n_points.astype(np.int64),
        last_code=code,
        variation_icon=icons,
        assurance_icon=assurance_names,
    )
