"""Anhøj's runs analysis for run charts and control charts (as qicharts2's ``runs.analysis``)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._types import BoolArray, FloatArray, IntArray
from .constants import crossings_min, longest_run_max


@dataclass(frozen=True, slots=True)
class Runs:
    """The runs analysis of one phase."""

    n_obs: int
    n_useful: int
    longest_run: int
    longest_run_max: float
    crossings: int
    crossings_min: float
    signal: bool


def runs_analysis(y: FloatArray, centre: float) -> Runs:
    """Anhøj's rules on the points of one phase (missing and excluded points already removed, or nan).

    Points on the centre line (and missing points) neither count nor break a run.  A shift is a longest
    run longer than round(log2(n)) + 3; too few crossings is fewer than the 5th percentile of
    Binomial(n - 1, ½), n being the number of useful points.
    """
    side = (y > centre).view(np.int8) - (y < centre).view(np.int8)
    side = side[side != 0]
    n_useful = side.size
    if n_useful == 0:
        return Runs(y.size, 0, 0, math.nan, 0, math.nan, False)
    change = side[1:] != side[:-1]
    crossings = int(np.count_nonzero(change))
    if crossings == 0:
        longest = n_useful
    else:
        ends = np.flatnonzero(change)
        longest = int(max(ends[0] + 1, n_useful - 1 - ends[-1], int(np.max(ends[1:] - ends[:-1], initial=0))))
    run_max = longest_run_max(n_useful)
    cross_min = crossings_min(n_useful)
    return Runs(
        y.size, n_useful, longest, run_max, crossings, cross_min, longest > run_max or crossings < cross_min
    )


def runs_by_phase(
    value: FloatArray,
    centre_by_phase: list[float],
    starts: IntArray,
    included: BoolArray | None,
    may_signal: bool,
) -> tuple[IntArray, IntArray, IntArray, FloatArray, IntArray, FloatArray, BoolArray]:
    """Runs analysis of each phase over its non-excluded points, as per-phase arrays.

    ``may_signal`` False reports the statistics but never signals (moving-range charts, and points that are
    not in time order, such as a funnel of practices).
    """
    count = starts.size
    n_obs = np.zeros(count, dtype=np.int64)
    n_useful = np.zeros(count, dtype=np.int64)
    longest = np.zeros(count, dtype=np.int64)
    longest_max = np.full(count, math.nan)
    crossings = np.zeros(count, dtype=np.int64)
    crossings_low = np.full(count, math.nan)
    signal = np.zeros(count, dtype=np.bool_)
    stops = np.append(starts[1:], value.size).tolist()
    for number, (start, stop) in enumerate(zip(starts.tolist(), stops, strict=True)):
        segment = value[start:stop]
        if included is not None:
            segment = segment[included[start:stop]]
        runs = runs_analysis(segment, centre_by_phase[number])
        n_obs[number], n_useful[number], longest[number] = runs.n_obs, runs.n_useful, runs.longest_run
        longest_max[number], crossings[number] = runs.longest_run_max, runs.crossings
        crossings_low[number], signal[number] = runs.crossings_min, runs.signal and may_signal
    return n_obs, n_useful, longest, longest_max, crossings, crossings_low, signal
