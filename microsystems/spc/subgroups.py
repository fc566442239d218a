"""What each chart plots: proportions and rates from counts and denominators, subgroup means and standard
deviations from raw observations, moving ranges; values a chart cannot take are set aside with a warning."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._input import as_series, finite_or_nan, point_list
from ._types import BoolArray, FloatArray, IntArray, Series

_RATIO = ("p", "pp", "u", "up")
_SUBGROUP = ("xbar", "s")
_NON_NEGATIVE = {"t": "times between events", "g": "counts between events", "c": "counts"}


def _set_aside(values: FloatArray, invalid: BoolArray, what: str, warnings: list[str]) -> FloatArray:
    if invalid.any():
        warnings.append(f"Point(s) {point_list(invalid)} have {what} and are treated as missing.")
        values = np.where(invalid, np.nan, values)
    return values


def moving_ranges(y: FloatArray, starts: IntArray) -> FloatArray:
    """|y_i - y_(i-1)| within each phase (nan for each phase's first point and next to a missing value)."""
    ranges = np.full(y.size, np.nan)
    if y.size > 1:
        ranges[1:] = np.abs(y[1:] - y[:-1])
        ranges[starts] = np.nan
    return ranges


def aggregate(
    observations: FloatArray, labels: Series
) -> tuple[FloatArray, FloatArray, FloatArray, np.ndarray[Any, Any]]:
    """Mean, standard deviation (n - 1) and size of each subgroup, in sorted label order, and the labels.

    Missing observations are ignored; a subgroup with none has mean nan and size 0, with one sd nan.
    """
    label_array = np.asarray(labels)
    if label_array.ndim != 1 or label_array.size != observations.size:
        raise ValueError("subgroups must give one label for each observation in y")
    try:
        unique, inverse = np.unique(label_array, return_inverse=True)
    except TypeError as error:
        raise ValueError(f"subgroup labels must be sortable (numbers, dates or text): {error}") from None
    finite = np.isfinite(observations)
    clean = np.where(finite, observations, 0.0)
    count = unique.size
    sizes = np.bincount(inverse, weights=finite.astype(np.float64), minlength=count)
    sums = np.bincount(inverse, weights=clean, minlength=count)
    means = sums / sizes
    deviations = np.where(finite, observations - means[inverse], 0.0)
    squares = np.bincount(inverse, weights=deviations * deviations, minlength=count)
    sds = np.sqrt(squares / (sizes - 1.0))
    sds[sizes < 2] = np.nan
    return means, sds, sizes, unique


def _ratios(
    chart: str, counts: FloatArray, denominators: FloatArray, warnings: list[str]
) -> tuple[FloatArray, FloatArray, None, None, FloatArray]:
    """Proportions or rates; a point without a usable count and denominator is missing (with a warning)."""
    if denominators.size != counts.size:
        raise ValueError(f"y and n must have the same length ({counts.size} and {denominators.size})")
    usable = (denominators > 0.0) & (denominators < np.inf) & (counts >= 0.0)
    usable &= counts <= denominators if chart in ("p", "pp") else counts < np.inf
    if not usable.all():
        given = ~np.isnan(counts)
        bad_n = given & ~((denominators > 0.0) & (denominators < np.inf))
        problems = (
            (bad_n, "no usable denominator (missing, infinite, or 0 or less)"),
            (given & ~bad_n & (counts < 0.0), "a negative count"),
            (given & ~bad_n & np.isinf(counts), "an infinite count"),
            (
                given & ~bad_n & (counts > denominators) & (chart in ("p", "pp")),
                "more events than the denominator",
            ),
        )
        for mask, what in problems:
            if mask.any():
                warnings.append(f"Point(s) {point_list(mask)} have {what} and are treated as missing.")
        counts = np.where(usable, counts, np.nan)
        denominators = np.where(usable, denominators, np.nan)
    return counts / denominators, denominators, None, None, counts


def chart_values(
    chart: str, y: Series, n: Series | None, subgroups: Series | None, warnings: list[str]
) -> tuple[FloatArray, FloatArray | None, FloatArray | None, np.ndarray[Any, Any] | None, FloatArray]:
    """Plotted values, sizes (denominators or subgroup sizes), subgroup sds, labels, and the raw series."""
    if n is not None and chart not in _RATIO:
        raise ValueError(f"chart {chart!r} does not use n (denominators are for p, pp, u and up charts)")
    if subgroups is not None and chart not in _SUBGROUP:
        raise ValueError(f"chart {chart!r} does not use subgroups (they are for xbar and s charts)")
    if chart in _RATIO:
        if n is None:
            raise ValueError(f"chart {chart!r} needs n: the denominator of each point")
        return _ratios(chart, as_series(y, copy=False), as_series(n, "n"), warnings)
    values, _ = finite_or_nan(as_series(y), "y", warnings)
    if chart in _SUBGROUP:
        if subgroups is None:
            raise ValueError(f"chart {chart!r} needs subgroups=: a subgroup label for each observation in y")
        means, sds, sizes, labels = aggregate(values, subgroups)
        empty = sizes == 0
        if empty.any():
            warnings.append(
                f"Subgroup(s) {point_list(empty)} have no observations and are treated as missing."
            )
        return (means if chart == "xbar" else sds), sizes, sds, labels, means
    if chart in _NON_NEGATIVE:
        values = _set_aside(
            values, values < 0, f"negative values (impossible for {_NON_NEGATIVE[chart]})", warnings
        )
    return values, None, None, None, values
