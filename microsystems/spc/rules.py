"""Making Data Count special-cause rules, vectorised (no Python loop per point).

Each rule works on the usable points of one phase, in time order, with missing and excluded points already
removed (so a gap neither counts nor breaks a run).  The engine uses :func:`shift_flags`,
:func:`trend_flags`, :func:`two_in_three_flags` and :func:`point_codes`.  The functions in the last section
reproduce NHSRplotthedots' rule primitives one for one (window end markers), so that their published unit
tests can be run against the same machinery.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ._types import BoolArray, CodeArray, FloatArray

#: Point codes: 0 common cause; then (rule, side) pairs in precedence order, odd = high/increasing,
#: even = low/decreasing.
COMMON, OUTSIDE_HIGH, OUTSIDE_LOW, TREND_UP, TREND_DOWN, TWO3_HIGH, TWO3_LOW, SHIFT_HIGH, SHIFT_LOW = range(9)
#: Rule index (into ``RULE_NAMES``) for each point code.
CODE_RULE = np.array([0, 1, 1, 2, 2, 3, 3, 4, 4], dtype=np.int8)
#: +1 for a high / increasing signal, -1 for a low / decreasing one, 0 for none, per point code.
CODE_SIDE = np.array([0, 1, -1, 1, -1, 1, -1, 1, -1], dtype=np.int8)

SHIFT_LENGTH = 7
TREND_LENGTH = 7


def sign_int8(difference: FloatArray) -> CodeArray:
    """Sign of each value as int8 (0 for zero and for nan)."""
    return (difference > 0).view(np.int8) - (difference < 0).view(np.int8)


def side_of(y: FloatArray, centre: float) -> CodeArray:
    """+1 above the centre line, -1 below, 0 on it (or missing)."""
    return (y > centre).view(np.int8) - (y < centre).view(np.int8)


def _window_all(b: BoolArray, width: int) -> BoolArray:
    """r[j] = all(b[j : j + width]) for each of the ``b.size - width + 1`` full windows (doubling spans)."""
    result, span = b, 1
    while span * 2 <= width:
        result = result[:-span] & result[span:]
        span *= 2
    if span < width:
        result = result[: -(width - span)] & result[width - span :]
    return result


def _window_any(b: BoolArray, width: int) -> BoolArray:
    """r[j] = any(b[j : j + width]) for each full window."""
    result, span = b, 1
    while span * 2 <= width:
        result = result[:-span] | result[span:]
        span *= 2
    if span < width:
        result = result[: -(width - span)] | result[width - span :]
    return result


def _cover(starts: BoolArray, length: int) -> BoolArray:
    """Points covered by a window of ``length`` points beginning at each True of ``starts``."""
    padded = np.zeros(starts.size + 2 * (length - 1), dtype=np.bool_)
    padded[length - 1 : length - 1 + starts.size] = starts
    return _window_any(padded, length)


def run_membership(v: npt.NDArray[np.integer], min_length: int) -> BoolArray:
    """True for every element of a run of at least ``min_length`` identical non-zero values."""
    size = v.size
    if size < min_length:
        return np.zeros(size, dtype=np.bool_)
    same = v[1:] == v[:-1]
    starts = _window_all(same, min_length - 1) if min_length > 1 else np.ones(size, dtype=np.bool_)
    starts &= v[: size - min_length + 1] != 0
    return _cover(starts, min_length)


def shift_flags(rtm: CodeArray) -> BoolArray:
    """Points in a run of 7 or more on the same side of the mean (a point on the mean breaks the run)."""
    return run_membership(rtm, SHIFT_LENGTH)


def trend_flags(y: FloatArray) -> tuple[BoolArray, CodeArray]:
    """Points in a run of 7 or more strictly rising (or falling) values, and the trend's direction per point.

    Equal consecutive values break a trend.  A point shared by a rising and a falling trend (a peak or a
    trough) takes the direction of the trend that continues from it, as NHSRplotthedots does.
    """
    size = y.size
    if size < TREND_LENGTH:
        return np.zeros(size, dtype=np.bool_), np.zeros(size, dtype=np.int8)
    up = y[1:] > y[:-1]
    down = y[1:] < y[:-1]
    rising = _cover(_window_all(up, TREND_LENGTH - 1), TREND_LENGTH)
    falling = _cover(_window_all(down, TREND_LENGTH - 1), TREND_LENGTH)
    direction = rising.view(np.int8) - falling.view(np.int8)
    both = rising & falling
    if both.any():  # a peak or trough: the direction of the step that follows it
        where = np.flatnonzero(both)
        direction[where] = np.where(down[where], np.int8(-1), np.int8(1))
    return rising | falling, direction


def shift_and_trend(y: FloatArray, rtm: CodeArray) -> tuple[BoolArray, BoolArray, CodeArray]:
    """:func:`shift_flags` and :func:`trend_flags` in one pass: the three patterns (same side of the mean,
    rising, falling) are rows of one matrix, so each window operation runs once for all three."""
    size = y.size
    if size < SHIFT_LENGTH:
        nothing = np.zeros(size, dtype=np.bool_)
        return nothing, nothing.copy(), np.zeros(size, dtype=np.int8)
    steps = np.empty((3, size - 1), dtype=np.bool_)
    np.equal(rtm[1:], rtm[:-1], out=steps[0])
    steps[0] &= rtm[:-1] != 0
    np.greater(y[1:], y[:-1], out=steps[1])
    np.less(y[1:], y[:-1], out=steps[2])
    starts = _window_all_rows(steps, SHIFT_LENGTH - 1)
    padded = np.zeros((3, size + SHIFT_LENGTH - 1), dtype=np.bool_)
    padded[:, SHIFT_LENGTH - 1 : size] = starts
    member = _window_any_rows(padded, SHIFT_LENGTH)
    rising, falling = member[1], member[2]
    direction = rising.view(np.int8) - falling.view(np.int8)
    both = rising & falling
    if both.any():  # a peak or trough: the direction of the step that follows it
        where = np.flatnonzero(both)
        direction[where] = np.where(steps[2][where], np.int8(-1), np.int8(1))
    return member[0], rising | falling, direction


def _window_all_rows(b: BoolArray, width: int) -> BoolArray:
    """Row-wise :func:`_window_all` of a 2-D array."""
    result, span = b, 1
    while span * 2 <= width:
        result = result[:, :-span] & result[:, span:]
        span *= 2
    if span < width:
        result = result[:, : -(width - span)] & result[:, width - span :]
    return result


def _window_any_rows(b: BoolArray, width: int) -> BoolArray:
    """Row-wise :func:`_window_any` of a 2-D array."""
    result, span = b, 1
    while span * 2 <= width:
        result = result[:, :-span] | result[:, span:]
        span *= 2
    if span < width:
        result = result[:, : -(width - span)] | result[:, width - span :]
    return result


def two_in_three_flags(close: BoolArray, rtm: CodeArray) -> BoolArray:
    """Close-to-limit points in a window of 3 with at least 2 such points, all 3 on one side of the mean."""
    size = close.size
    flags = np.zeros(size, dtype=np.bool_)
    if size < 3:
        return flags
    c = close.view(np.int8)
    count = c[:-2] + c[1:-1] + c[2:]
    side = rtm[:-2] + rtm[1:-1] + rtm[2:]
    window = (count >= 2) & ((side == 3) | (side == -3))
    flags[:-2] = window
    flags[1:-1] |= window
    flags[2:] |= window
    flags &= close
    return flags


def point_codes(
    outside: BoolArray,
    rtm: CodeArray,
    trend: BoolArray,
    trend_direction: CodeArray,
    two_in_three: BoolArray,
    shift: BoolArray,
) -> CodeArray:
    """One code per point by precedence: outside the limits > trend > two in three > shift > common cause."""
    special = outside | trend | two_in_three | shift
    code = np.zeros(outside.size, dtype=np.int8)
    where = np.flatnonzero(special)
    if where.size:
        low = (rtm[where] <= 0).view(np.int8)  # NHSRplotthedots: "Above" only when above the mean
        code[where] = np.where(
            outside[where],
            OUTSIDE_HIGH + low,
            np.where(
                trend[where],
                TREND_UP + (trend_direction[where] < 0).view(np.int8),
                np.where(two_in_three[where], TWO3_HIGH + low, SHIFT_HIGH + low),
            ),
        )
    return code


# --- NHSRplotthedots-shaped primitives (window end markers), built on the same run machinery ---------------


def _run_length_ending(v: npt.NDArray[np.integer]) -> npt.NDArray[np.intp]:
    size = v.size
    change = np.ones(size, dtype=np.bool_)
    change[1:] = v[1:] != v[:-1]
    index = np.arange(size)
    start = np.maximum.accumulate(np.where(change, index, 0))
    return index - start + 1


def seven_point_one_side_mean(rtm: npt.ArrayLike) -> npt.NDArray[np.int8]:
    """1 at each point that ends 7 consecutive points on the same (non-zero) side of the mean, else 0."""
    v = np.asarray(rtm, dtype=np.int8)
    if v.size == 0:
        return np.zeros(0, dtype=np.int8)
    markers: npt.NDArray[np.int8] = ((_run_length_ending(v) >= SHIFT_LENGTH) & (v != 0)).astype(np.int8)
    return markers


def part_of_seven(markers: npt.ArrayLike) -> npt.NDArray[np.int8]:
    """1 at each point that is one of the 7 points ending at a marker (a non-zero value), else 0."""
    m = (np.abs(np.asarray(markers, dtype=np.int8)) == 1).astype(np.int64)
    cumulative = np.concatenate(([0], np.cumsum(m)))
    upto = np.minimum(np.arange(m.size) + SHIFT_LENGTH, m.size)
    flags: npt.NDArray[np.int8] = (cumulative[upto] - cumulative[: m.size] > 0).astype(np.int8)
    return flags


def seven_point_trend(y: npt.ArrayLike) -> npt.NDArray[np.int8]:
    """+1 / -1 at each point that ends 7 strictly rising / falling points, else 0."""
    values = np.asarray(y, dtype=np.float64)
    markers = np.zeros(values.size, dtype=np.int8)
    if values.size < TREND_LENGTH:
        return markers
    steps = sign_int8(values[1:] - values[:-1])
    ending = (_run_length_ending(steps) >= TREND_LENGTH - 1) & (steps != 0)
    markers[1:] = np.where(ending, steps, np.int8(0))
    return markers


def two_in_three(close: npt.ArrayLike, rtm: npt.ArrayLike) -> npt.NDArray[np.int8]:
    """1 at every point of a 3-point window with 2+ close-to-limit points all on one side of the mean."""
    c = np.asarray(close, dtype=np.int8)
    r = np.asarray(rtm, dtype=np.int8)
    flags = np.zeros(c.size, dtype=np.bool_)
    if c.size >= 3:
        count = c[:-2] + c[1:-1] + c[2:]
        side = r[:-2] + r[1:-1] + r[2:]
        window = (count >= 2) & (np.abs(side) == 3)
        flags[:-2] |= window
        flags[1:-1] |= window
        flags[2:] |= window
    return flags.astype(np.int8)


def part_of_two_in_three(close: npt.ArrayLike, rtm: npt.ArrayLike) -> npt.NDArray[np.int8]:
    """The close-to-limit points among :func:`two_in_three`'s flagged points."""
    c = np.asarray(close, dtype=np.int8)
    flags: npt.NDArray[np.int8] = (two_in_three(c, rtm) & (c == 1)).astype(np.int8)
    return flags
