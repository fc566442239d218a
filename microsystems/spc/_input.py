"""Checking and normalising the caller's input: series, phases, exclusions and the baseline."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

import numpy as np

from ._types import BoolArray, FloatArray, IntArray, Series

#: Fewer points than this estimating a phase's limits (or centre line) gives a "provisional" warning.
MIN_POINTS_LIMITS = 12
#: Fewer useful points than this in a phase gives a run-chart warning (Anhøj's tables start at 10).
MIN_POINTS_RUNS = 10


def as_series(values: Series, name: str = "y", copy: bool = True) -> FloatArray:
    """A 1-D float64 array (``None`` becomes nan).  A copy unless ``copy=False``, for input that is only read:
    the caller's data are never shared with a result or modified."""
    try:
        array = np.array(values, dtype=np.float64, copy=copy or None)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be a sequence of numbers (nan or None for missing): {error}") from None
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, not of shape {array.shape}")
    return array


def finite_or_nan(array: FloatArray, name: str, warnings: list[str]) -> tuple[FloatArray, BoolArray]:
    """Replace ±inf by nan (with a warning) and return the array and its finite mask."""
    finite = np.isfinite(array)
    if not finite.all():
        infinite = np.isinf(array)
        if infinite.any():
            warnings.append(
                f"{int(infinite.sum())} infinite value(s) in {name} (point(s) {point_list(infinite)}) "
                "were treated as missing."
            )
            array = np.where(infinite, np.nan, array)
    return array, finite


def point_list(mask: BoolArray, limit: int = 5) -> str:
    """Human point numbers (1-based) of a mask, shortened after ``limit``."""
    points = np.flatnonzero(mask) + 1
    shown = ", ".join(str(p) for p in points[:limit])
    return shown + (f" and {points.size - limit} more" if points.size > limit else "")


def _indices(values: Iterable[int], what: str) -> list[int]:
    result = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int | np.integer):
            raise TypeError(f"{what} must be whole-number point indices, not {value!r}")
        result.append(int(value))
    return result


def phase_bounds(size: int, phase_starts: Iterable[int], warnings: list[str]) -> IntArray:
    """Sorted first indices of the phases, always starting with 0; out-of-range starts are ignored."""
    starts = _indices(phase_starts, "phase_starts")
    if not starts:
        return np.zeros(1, dtype=np.int64)
    ignored = sorted({s for s in starts if s < 0 or (s >= size and size > 0)})
    if ignored:
        warnings.append(f"Phase start(s) {ignored} are outside the {size} points and were ignored.")
    kept = sorted({s for s in starts if 0 < s < size} | {0})
    return np.asarray(kept, dtype=np.int64)


def exclusion_mask(size: int, exclude: Iterable[int], warnings: list[str]) -> BoolArray | None:
    """Boolean mask of excluded points, or None when nothing is excluded."""
    indices = _indices(exclude, "exclude")
    if not indices:
        return None
    ignored = sorted({i for i in indices if i < 0 or i >= size})
    if ignored:
        warnings.append(f"Excluded index(es) {ignored} are outside the {size} points and were ignored.")
    mask = np.zeros(size, dtype=np.bool_)
    kept = [i for i in indices if 0 <= i < size]
    if not kept:
        return None
    mask[kept] = True
    return mask


def check_baseline(baseline: int | None) -> int | None:
    if baseline is None:
        return None
    if isinstance(baseline, bool) or not isinstance(baseline, int | np.integer):
        raise TypeError(f"baseline must be a whole number of points or None, not {baseline!r}")
    if baseline < 1:
        raise ValueError(f"baseline must be at least 1 point, not {baseline}")
    return int(baseline)


def phase_index(size: int, starts: IntArray) -> IntArray:
    """The phase number (0-based) of every point."""
    phase = np.zeros(size, dtype=np.int64)
    if starts.size > 1:
        phase[starts[1:]] = 1
        np.cumsum(phase, out=phase)
    return phase


def base_mask(size: int, starts: IntArray, baseline: int | None, usable: BoolArray) -> BoolArray:
    """Points that estimate the centre line and limits: usable and among the first ``baseline`` of a phase."""
    if baseline is None:
        return usable.copy()
    position = np.arange(size, dtype=np.int64)
    if starts.size > 1:
        position -= starts[phase_index(size, starts)]
    return usable & (position < baseline)


def phase_label(phase: int, n_phases: int) -> str:
    """ "phase 2" when there are several phases, else an empty string (for sentences and warnings)."""
    return f"phase {phase + 1}" if n_phases > 1 else ""


def say(where: str, text: str) -> str:
    """Prefix a sentence with "In phase 2, " when it concerns one of several phases, else capitalise it."""
    return f"In {where}, {text}" if where else text[0].upper() + text[1:]


def constant(value: float, size: int) -> FloatArray:
    """A read-only array of ``size`` copies of ``value`` that takes no memory (a zero-stride view)."""
    line: FloatArray = np.ndarray((size,), np.float64, np.array([value], dtype=np.float64), 0, (0,))
    line.setflags(write=False)
    return line


def quietly[**P, R](function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` with numpy's floating-point warnings off: extreme inputs (overflowing sums, tiny
    denominators) give inf or nan in the result and a caveat where it matters, never a stream of warnings."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with np.errstate(all="ignore"):
            return function(*args, **kwargs)

    return wrapper
