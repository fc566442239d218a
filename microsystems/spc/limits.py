"""Centre lines and control limits of one phase, chart by chart (qicharts2's estimators).

Every function receives the points of one phase and the mask of those that estimate the centre line and
limits (``base``), and returns a :class:`Limits`.  Limits are clipped where the quantity cannot go.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._types import BoolArray, FloatArray
from .constants import D2, MR_SCREEN, T_EXPONENT, a3, b3, b4


@dataclass(frozen=True, slots=True)
class Limits:
    """Centre line (one value) and lower / upper limits (one value or one per point) of a phase."""

    centre: float
    lower: FloatArray | float
    upper: FloatArray | float
    #: Points that estimated them.
    count: int
    #: The spread behind the limits (sigma, or for p and u charts sigma x sqrt(n)); 0 means zero-width
    #: limits and nan limits that cannot be calculated.
    spread: float


@dataclass(frozen=True, slots=True)
class Segment:
    """The points of one phase: plotted value, denominators or subgroup sizes, subgroup sds, base mask."""

    value: FloatArray
    base: BoolArray
    n: FloatArray | None = None
    sd: FloatArray | None = None
    #: Event counts of p, pp, u and up charts (value = counts / n).
    counts: FloatArray | None = None


def xmr_estimate(y: FloatArray, base: BoolArray | None, screen: bool) -> tuple[float, float, int]:
    """Mean and mean moving range of the base points, and how many base points there are.

    Moving ranges are taken only between consecutive points that are both in the base (never across a
    missing or excluded point).  With ``screen``, moving ranges at or above 3.267 x the mean moving range
    are dropped and the mean recomputed (Nelson 1982); a mean moving range of 0 is left as it is.  Sums run
    over zero-filled full-length arrays so that a series gives bit-for-bit the same limits alone and as a
    row of :func:`~microsystems.spc.batch.making_data_count_batch`.
    """
    if base is None:
        count = y.size
        if count == 0:
            return math.nan, math.nan, 0
        mean = float(y.sum()) / count
        moving = y[1:] - y[:-1]
        np.abs(moving, out=moving)
        n_pairs = moving.size
    else:
        count = int(np.count_nonzero(base))
        if count == 0:
            return math.nan, math.nan, 0
        mean = float(np.where(base, y, 0.0).sum()) / count
        pairs = base[1:] & base[:-1]
        moving = np.where(pairs, np.abs(y[1:] - y[:-1]), 0.0)
        n_pairs = int(np.count_nonzero(pairs))
    if n_pairs == 0:
        return mean, math.nan, count
    amr = float(moving.sum()) / n_pairs
    if screen and amr > 0.0:
        high = moving >= MR_SCREEN * amr
        n_high = int(np.count_nonzero(high))
        if n_high:
            amr = float(np.where(high, 0.0, moving).sum()) / (n_pairs - n_high)
    return mean, amr, count


def _mean(values: FloatArray) -> float:
    return float(values.sum()) / values.size if values.size else math.nan


def limits_i(seg: Segment, screen: bool) -> Limits:
    """Individuals (XmR): mean ± 3 x mean moving range / 1.128."""
    mean, amr, count = xmr_estimate(seg.value, seg.base, screen)
    sigma = amr / D2
    return Limits(mean, mean - 3.0 * sigma, mean + 3.0 * sigma, count, sigma)


def limits_mr(seg: Segment, screen: bool) -> Limits:
    """Moving ranges: centre = mean moving range of consecutive base points, UCL = 3.267 x centre, LCL = 0."""
    pairs = seg.base.copy()
    pairs[:1] = False
    pairs[1:] &= seg.base[:-1]
    centre = _mean(seg.value[pairs])
    return Limits(centre, 0.0, MR_SCREEN * centre, int(np.count_nonzero(pairs)), centre / D2)


def limits_t(seg: Segment, screen: bool) -> Limits:
    """Time between events: I chart of y ** (1/3.6), centre and limits transformed back; LCL >= 0."""
    transformed = seg.value ** (1.0 / T_EXPONENT)
    mean, amr, count = xmr_estimate(transformed, seg.base, screen)
    sigma = amr / D2
    low = mean - 3.0 * sigma
    lower = low**T_EXPONENT if low > 0.0 else (0.0 if not math.isnan(low) else math.nan)
    return Limits(mean**T_EXPONENT, lower, (mean + 3.0 * sigma) ** T_EXPONENT, count, sigma)


def limits_g(seg: Segment, screen: bool) -> Limits:
    """Opportunities between events: mean ± 3·sqrt(mean·(mean + 1)), LCL >= 0; centre line = median."""
    values = seg.value[seg.base]
    mean = _mean(values)
    sigma = math.sqrt(mean * (mean + 1.0)) if values.size else math.nan
    centre = float(np.median(values)) if values.size else math.nan
    return Limits(centre, max(0.0, mean - 3.0 * sigma), mean + 3.0 * sigma, values.size, sigma)


def limits_c(seg: Segment, screen: bool) -> Limits:
    """Counts: mean ± 3·sqrt(mean), LCL >= 0."""
    values = seg.value[seg.base]
    mean = _mean(values)
    sigma = math.sqrt(mean) if values.size else math.nan
    return Limits(mean, max(0.0, mean - 3.0 * sigma), mean + 3.0 * sigma, values.size, sigma)


def _ratio_centre(seg: Segment) -> tuple[float, FloatArray, int]:
    """Pooled ratio sum(y) / sum(n) over the base, the denominators and the number of base points."""
    assert seg.n is not None and seg.counts is not None
    count = int(np.count_nonzero(seg.base))
    total = float(np.sum(seg.n, where=seg.base))
    centre = float(np.sum(seg.counts, where=seg.base)) / total if count and total > 0 else math.nan
    return centre, seg.n, count


def _laney_factor(seg: Segment, centre: float, sigma: FloatArray, screen: bool) -> float:
    """Laney's sigma_z: the XmR sigma of the z-scores of the base points."""
    z = (seg.value - centre) / sigma
    usable = seg.base & np.isfinite(z)
    _, amr, _ = xmr_estimate(np.where(usable, z, 0.0), usable, screen)
    return amr / D2


def _ratio_limits(
    seg: Segment, screen: bool, laney: bool, spread: float, centre: float, count: int
) -> tuple[FloatArray, FloatArray, float]:
    """centre -/+ 3 x spread / sqrt(n_i), Laney's factor applied to the spread; unclipped."""
    assert seg.n is not None
    root = np.sqrt(seg.n)
    if laney and spread > 0.0:
        spread *= _laney_factor(seg, centre, spread / root, screen)
    half = np.divide(3.0 * spread, root, out=root)  # reuse the buffer: fewer fresh pages for long series
    lower = centre - half
    return lower, np.add(centre, half, out=half), spread


def limits_p(seg: Segment, screen: bool, laney: bool = False) -> Limits:
    """Proportions: p-bar -/+ 3 sqrt(p-bar (1 - p-bar) / n_i) per point (Laney's p' if laney), in [0, 1]."""
    centre, _, count = _ratio_centre(seg)
    spread = math.sqrt(centre * (1.0 - centre)) if 0.0 <= centre <= 1.0 else math.nan
    lower, upper, spread = _ratio_limits(seg, screen, laney, spread, centre, count)
    np.maximum(lower, 0.0, out=lower)
    np.minimum(upper, 1.0, out=upper)
    return Limits(centre, lower, upper, count, spread)


def limits_u(seg: Segment, screen: bool, laney: bool = False) -> Limits:
    """Rates: u-bar -/+ 3 sqrt(u-bar / n_i) per point (Laney's u' with ``laney``), LCL >= 0."""
    centre, _, count = _ratio_centre(seg)
    spread = math.sqrt(centre) if centre >= 0.0 else math.nan
    lower, upper, spread = _ratio_limits(seg, screen, laney, spread, centre, count)
    np.maximum(lower, 0.0, out=lower)
    return Limits(centre, lower, upper, count, spread)


def _pooled_sd(seg: Segment) -> tuple[float, int]:
    """Mean subgroup sd (all subgroup sizes equal) or pooled sd (sizes vary), over base subgroups of 2+."""
    assert seg.n is not None and seg.sd is not None
    informative = seg.base & (seg.n >= 2)
    sizes, sds = seg.n[informative], seg.sd[informative]
    if sizes.size == 0:
        return math.nan, int(np.count_nonzero(seg.base))
    if np.all(sizes == sizes[0]):
        return float(sds.mean()), int(np.count_nonzero(seg.base))
    return math.sqrt(float(((sizes - 1.0) * sds**2).sum()) / float((sizes - 1.0).sum())), int(
        np.count_nonzero(seg.base)
    )


def _factor(function: object, sizes: FloatArray) -> FloatArray:
    """A per-size constant (A3, B3, B4) for each subgroup size, computed once per distinct size."""
    assert callable(function)
    unique, inverse = np.unique(sizes, return_inverse=True)
    table = np.array([function(int(s)) if s >= 2 else math.nan for s in unique.tolist()], dtype=np.float64)
    result: FloatArray = table[inverse]
    return result


def limits_xbar(seg: Segment, screen: bool) -> Limits:
    """Subgroup means: size-weighted grand mean ± A3(n_i) x (mean or pooled) sd; exact c4."""
    assert seg.n is not None
    sd, count = _pooled_sd(seg)
    weights = seg.n[seg.base]
    total = float(weights.sum())
    centre = float((weights * seg.value[seg.base]).sum()) / total if total > 0 else math.nan
    spread = _factor(a3, seg.n) * sd
    return Limits(centre, centre - spread, centre + spread, count, sd)


def limits_s(seg: Segment, screen: bool) -> Limits:
    """Subgroup standard deviations: centre = mean or pooled sd, limits B3(n_i)·centre and B4(n_i)·centre."""
    assert seg.n is not None
    centre, count = _pooled_sd(seg)
    return Limits(centre, _factor(b3, seg.n) * centre, _factor(b4, seg.n) * centre, count, centre)


def phase_limits(chart: str, seg: Segment, screen: bool) -> Limits:
    """Dispatch on the chart type."""
    if chart == "i":
        return limits_i(seg, screen)
    if chart == "mr":
        return limits_mr(seg, screen)
    if chart == "t":
        return limits_t(seg, screen)
    if chart == "g":
        return limits_g(seg, screen)
    if chart == "c":
        return limits_c(seg, screen)
    if chart in ("p", "pp"):
        return limits_p(seg, screen, laney=chart == "pp")
    if chart in ("u", "up"):
        return limits_u(seg, screen, laney=chart == "up")
    if chart == "xbar":
        return limits_xbar(seg, screen)
    if chart == "s":
        return limits_s(seg, screen)
    raise ValueError(f"unknown chart {chart!r}")  # pragma: no cover - checked by the caller
