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
