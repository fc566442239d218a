"""Constants and critical values: bias-correction factors for subgroup charts and Anhøj's run-chart limits.

Everything here is computed exactly from its definition (no printed tables), with the standard library only.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

#: Moving-range screening factor (D4 for n = 2): moving ranges at or above 3.267 x the mean moving range
#: are left out of the second estimate (Nelson 1982).
MR_SCREEN = 3.267
#: d2 for n = 2: sigma = mean moving range / 1.128.
D2 = 1.128
#: Making Data Count's XmR factor: process limits = mean ± 2.66 x mean moving range.
MDC_LIMIT = 2.66
#: Making Data Count's "close to the limits" factor (two thirds of 2.66: the two-sigma line).
MDC_NEAR = 2.0 * 2.66 / 3.0
#: Exponent of the t chart transform (Nelson's y ** (1 / 3.6) makes exponential times roughly normal).
T_EXPONENT = 3.6
#: Above this many useful points the binomial quantile is found in floating point instead of exact integers.
_EXACT_BINOMIAL_LIMIT = 3000


@lru_cache(maxsize=1024)
def c4(n: int) -> float:
    """Bias-correction constant c4(n) = E[s] / sigma for a subgroup of n, or nan for n <= 1."""
    if n <= 1:
        return math.nan
    return math.sqrt(2.0 / (n - 1)) * math.exp(math.lgamma(n / 2.0) - math.lgamma((n - 1) / 2.0))


def a3(n: int) -> float:
    """Xbar chart factor: limits are centre ± A3(n) x mean standard deviation."""
    return 3.0 / (c4(n) * math.sqrt(n)) if n > 1 else math.nan


def b3(n: int) -> float:
    """S chart lower factor max(0, 1 - 3·c5/c4), c5 = sqrt(1 - c4²)."""
    if n <= 1:
        return math.nan
    c = c4(n)
    return max(0.0, 1.0 - 3.0 * math.sqrt(1.0 - c * c) / c)


def b4(n: int) -> float:
    """S chart upper factor 1 + 3·c5/c4."""
    if n <= 1:
        return math.nan
    c = c4(n)
    return 1.0 + 3.0 * math.sqrt(1.0 - c * c) / c


def longest_run_max(n_useful: int) -> float:
    """Anhøj's upper limit for the longest run: round(log2(n)) + 3 (Schilling 2012); nan for no points.

    log2(n) is never exactly halfway between two integers for a whole n, so rounding is unambiguous.
    """
    if n_useful <= 0:
        return math.nan
    return float(round(math.log2(n_useful)) + 3)


@lru_cache(maxsize=4096)
def crossings_min(n_useful: int) -> float:
    """Anhøj's lower limit for the number of crossings: the 5th percentile of Binomial(n - 1, ½) (Chen 2010).

    The smallest k with P(X <= k) >= 0.05, as R's ``qbinom(0.05, n - 1, 0.5)``; nan for no points.  Exact
    (integer arithmetic) up to 3000 useful points, and in floating point above (relative error below 1e-9).
    """
    if n_useful <= 0:
        return math.nan
    m = n_useful - 1
    if m <= _EXACT_BINOMIAL_LIMIT:
        total = 1 << m
        coefficient = 1
        cumulative = 0
        for k in range(m + 1):
            cumulative += coefficient
            if 20 * cumulative >= total:  # cumulative / 2**m >= 1/20
                return float(k)
            coefficient = coefficient * (m - k) // (k + 1)
        return float(m)  # pragma: no cover - the loop always returns
    return float(_binomial_half_quantile_float(m, 0.05))


def _binomial_half_quantile_float(m: int, p: float) -> int:
    """Smallest k with P(Binomial(m, ½) <= k) >= p, summing probabilities in log space near the quantile."""
    half_sd = math.sqrt(m) / 2.0
    k0 = max(0, math.floor(m / 2.0 - 9.0 * half_sd))
    k1 = math.ceil(m / 2.0)
    ks = np.arange(k0, k1 + 1, dtype=np.float64)
    log_p0 = math.lgamma(m + 1) - math.lgamma(k0 + 1) - math.lgamma(m - k0 + 1) - m * math.log(2.0)
    log_ratio = np.log((m - ks[:-1]) / (ks[:-1] + 1.0))
    log_pmf = np.empty_like(ks)
    log_pmf[0] = log_p0
    np.cumsum(log_ratio, out=log_pmf[1:])
    log_pmf[1:] += log_p0
    cdf = np.cumsum(np.exp(log_pmf))
    return int(ks[int(np.searchsorted(cdf, p, side="left"))])


# Anhøj & Wentzel-Larsen (2020), PLoS ONE 15(6): e0233920: the "best box" bounds for n = 10 ... 100 useful
# points (fewest crossings cb and longest run lb without a signal) and the borders that the "cut box"
# variant trims (cbord, lbord; none where the box is not cut).  Experimental in qicharts2, as here.
_BOX_CB = (
    2, 3, 3, 3, 3, 4, 5, 5, 5, 5, 6, 7, 6, 6, 6, 6, 9, 9, 9, 10, 11, 11, 11, 11, 11, 12, 13, 14, 13, 15, 15,
    15, 14, 14, 17, 17, 17, 17, 19, 19, 19, 19, 19, 21, 21, 21, 21, 23, 23, 23, 23, 23, 25, 25, 26, 26, 27,
    27, 27, 28, 29, 29, 29, 30, 30, 31, 31, 31, 32, 33, 33, 33, 34, 33, 35, 35, 35, 35, 37, 37, 38, 37, 39,
    39, 39, 39, 39, 41, 41, 42, 41,
)  # fmt: skip
_BOX_LB = (
    6, 7, 6, 6, 6, 7, 8, 7, 7, 7, 7, 8, 7, 7, 7, 7, 9, 8, 8, 8, 10, 9, 8, 8, 8, 8, 9, 10, 8, 11, 9, 9, 8, 8,
    10, 9, 9, 9, 12, 10, 9, 9, 9, 11, 10, 9, 9, 12, 10, 10, 9, 9, 11, 10, 11, 10, 12, 10, 10, 11, 14, 11,
    10, 11, 10, 12, 11, 10, 11, 13, 11, 10, 11, 10, 11, 11, 10, 10, 12, 11, 12, 10, 13, 11, 11, 10, 10, 12,
    11, 12, 10,
)  # fmt: skip
_BOX_CBORD = (
    3, 4, 0, 0, 0, 6, 6, 0, 6, 6, 0, 0, 7, 7, 7, 0, 10, 10, 11, 0, 12, 14, 0, 12, 13, 0, 15, 0, 0, 0, 0, 17,
    0, 0, 0, 0, 19, 20, 20, 21, 0, 21, 21, 23, 23, 0, 23, 25, 24, 26, 0, 24, 27, 27, 27, 27, 29, 0, 29, 29,
    30, 31, 30, 31, 0, 32, 34, 33, 33, 37, 35, 0, 36, 36, 0, 38, 36, 38, 38, 39, 0, 39, 41, 40, 42, 0, 41,
    42, 44, 43, 42,
)  # fmt: skip
_BOX_LBORD = (
    5, 6, 0, 0, 0, 6, 7, 0, 6, 5, 0, 0, 6, 6, 6, 0, 7, 7, 7, 0, 9, 8, 0, 7, 7, 0, 8, 0, 0, 0, 0, 8, 0, 0, 0,
    0, 8, 7, 11, 9, 0, 8, 7, 9, 8, 0, 8, 11, 9, 8, 0, 8, 9, 9, 10, 9, 10, 0, 8, 8, 13, 9, 9, 10, 0, 9, 8, 9,
    8, 11, 9, 0, 10, 7, 0, 8, 9, 8, 10, 9, 0, 9, 12, 10, 8, 0, 8, 9, 9, 10, 9,
)  # fmt: skip
BOX_RANGE = range(10, 101)


def runs_box(n_useful: int) -> tuple[int, int, int | None, int | None] | None:
    """(cb, lb, cbord, lbord) of the best box / cut box for ``n_useful`` points, or None outside 10-100."""
    if n_useful not in BOX_RANGE:
        return None
    i = n_useful - BOX_RANGE.start
    return _BOX_CB[i], _BOX_LB[i], _BOX_CBORD[i] or None, _BOX_LBORD[i] or None
