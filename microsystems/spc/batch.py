"""Making Data Count icons for a whole portfolio at once: one series per row of a matrix.

The variation icon depends only on the last usable point, so after the limits (vectorised over rows) only
the last seven usable points of each series are examined.  Each row gives exactly the icons (and limits) of
``making_data_count`` on that row alone; rows may end early (pad with nan) or have gaps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ._input import check_baseline, quietly
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


@quietly
def making_data_count_batch(
    matrix: npt.ArrayLike,
    *,
    improvement: str | Sequence[str | None] | None = "increase",
    target: float | npt.ArrayLike | None = None,
    baseline: int | None = None,
    screen_outliers: bool = True,
) -> MakingDataCountBatch:
    """Variation and assurance icons of every row of ``matrix`` (series x points, nan = missing).

    ``improvement`` is one direction for all series or one per series; ``target`` one value, one per series
    (nan = none) or None; ``baseline=k`` fixes each series' limits on its first k points.  Phases and
    exclusions are not supported here: use :func:`making_data_count` for such series.
    """
    values = np.asarray(matrix, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError(f"matrix must be two-dimensional (series x points), not of shape {values.shape}")
    rows, columns = values.shape
    k = check_baseline(baseline)
    finite = np.isfinite(values)
    if not finite.all():
        values = np.where(finite, values, np.nan)
    base = finite if k is None or k >= columns else finite & (np.arange(columns) < k)
    mean, amr = _batch_xmr(values, base, screen_outliers)
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
    n_points = finite.sum(axis=1)
    code[n_points == 0] = 0

    directions = _directions(improvement, rows)
    icons = np.empty(rows, dtype=object)
    for direction in (-1, 0, 1):
        chosen = directions == direction
        if chosen.any():
            icons[chosen] = _ICONS[direction][code[chosen]]
    icons[n_points == 0] = None

    assurance = np.zeros(rows, dtype=np.int8)
    if target is not None:
        goal = np.broadcast_to(np.asarray(target, dtype=np.float64), (rows,))
        known = np.isfinite(goal) & (directions != 0) & np.isfinite(lower) & np.isfinite(upper)
        above, below = goal > upper, goal < lower
        good = directions > 0
        assurance = np.where(above, np.where(good, 2, 1), np.where(below, np.where(good, 1, 2), 3))
        assurance = np.where(known, assurance, 0).astype(np.int8)
    assurance_names: np.ndarray[Any, np.dtype[np.object_]] = _ASSURANCE[assurance]
    return MakingDataCountBatch(
        centre=mean,
        lower=lower,
        upper=upper,
        n_points=n_points.astype(np.int64),
        last_code=code,
        variation_icon=icons,
        assurance_icon=assurance_names,
    )
