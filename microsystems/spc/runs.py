"""Anhøj's runs analysis for run charts and control charts (as qicharts2's ``runs.analysis``)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._input import phase_label, say
from ._types import BoolArray, FloatArray, IntArray
from .constants import crossings_min, longest_run_max, runs_box

RUNS_METHODS = ("anhoej", "bestbox", "cutbox")


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


def box_signal(n_useful: int, longest: int, crossings: int, method: str) -> tuple[float, float, bool] | None:
    """Anhøj & Wentzel-Larsen's "best box" or "cut box" (limits for the longest run and the crossings, and
    the signal), or None when the bounds do not cover ``n_useful`` (they exist for 10 to 100 points)."""
    box = runs_box(n_useful)
    if box is None:
        return None
    cb, lb, cbord, lbord = box
    if method == "bestbox" or cbord is None or lbord is None:
        return float(lb), float(cb), not (crossings >= cb and longest <= lb)
    quiet = (
        (crossings >= cb + 1 and longest <= lb - 1)
        or (crossings == cb and longest <= lbord)
        or (crossings >= cbord and longest <= lb)
    )
    return float(lb), float(cb), not quiet


def runs_analysis(y: FloatArray, centre: float, method: str = "anhoej") -> Runs:
    """Anhøj's rules on the points of one phase (missing and excluded points already removed, or nan).

    Points on the centre line (and missing points) neither count nor break a run.  A shift is a longest
    run longer than round(log2(n)) + 3; too few crossings is fewer than the 5th percentile of
    Binomial(n - 1, ½), n being the number of useful points.
    """
    above = y > centre
    useful = above | (y < centre)
    side = above[useful]
    n_useful = side.size
    if n_useful == 0:
        return Runs(y.size, 0, 0, math.nan, 0, math.nan, False)
    ends = np.flatnonzero(side[1:] != side[:-1])
    crossings = ends.size
    if crossings == 0:
        longest = n_useful
    else:
        inner = int((ends[1:] - ends[:-1]).max()) if crossings > 1 else 0
        longest = max(int(ends[0]) + 1, n_useful - 1 - int(ends[-1]), inner)
    box = box_signal(n_useful, longest, crossings, method) if method != "anhoej" else None
    if box is not None:
        return Runs(y.size, n_useful, longest, box[0], crossings, box[1], box[2])
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
    method: str = "anhoej",
    warnings: list[str] | None = None,
) -> tuple[IntArray, IntArray, IntArray, FloatArray, IntArray, FloatArray, BoolArray]:
    """Runs analysis of each phase over its non-excluded points, as per-phase arrays.

    ``may_signal`` False reports the statistics but never signals (moving-range charts, and points that are
    not in time order, such as a funnel of practices).
    """
    stops = [*starts[1:].tolist(), value.size]
    found = []
    for number, (start, stop) in enumerate(zip(starts.tolist(), stops, strict=True)):
        segment = value[start:stop]
        if included is not None:
            segment = segment[included[start:stop]]
        found.append(runs_analysis(segment, centre_by_phase[number], method))
        useful = found[-1].n_useful
        if method != "anhoej" and warnings is not None and useful and runs_box(useful) is None:
            warnings.append(
                say(
                    phase_label(number, starts.size),
                    f"the {method} bounds exist for 10 to 100 useful points, not {useful}: Anhøj's rules "
                    "were used instead.",
                )
            )
    return (
        np.array([r.n_obs for r in found], dtype=np.int64),
        np.array([r.n_useful for r in found], dtype=np.int64),
        np.array([r.longest_run for r in found], dtype=np.int64),
        np.array([r.longest_run_max for r in found], dtype=np.float64),
        np.array([r.crossings for r in found], dtype=np.int64),
        np.array([r.crossings_min for r in found], dtype=np.float64),
        np.array([r.signal and may_signal for r in found], dtype=np.bool_),
    )
