"""The results: frozen dataclasses of numpy arrays, one value per input point (per phase for runs)."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import cached_property
from typing import Any

import numpy as np

from ._types import POINT_TYPES, RULE_NAMES, BoolArray, CodeArray, FloatArray, IntArray, direction_sign
from .rules import CODE_RULE, CODE_SIDE

_POINT_TYPE_NAMES = np.array(POINT_TYPES, dtype=object)
_RULE_NAMES = np.array(RULE_NAMES, dtype=object)
# Point type index (into POINT_TYPES) for each point code, by improvement direction (+1, -1, 0).
_TYPE_BY_DIRECTION = {
    1: np.array([0, 1, 2, 1, 2, 1, 2, 1, 2], dtype=np.int8),
    -1: np.array([0, 2, 1, 2, 1, 2, 1, 2, 1], dtype=np.int8),
    0: np.array([0, 3, 4, 3, 4, 3, 4, 3, 4], dtype=np.int8),
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "f":
            return [None if math.isnan(v) else v for v in value.tolist()]
        return value.tolist()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, tuple):
        return list(value)
    return value


class _Described:
    """Sentences and export shared by every result; every array of a result is read-only."""

    def __post_init__(self) -> None:
        for value in self.__dict__.values():
            if type(value) is np.ndarray:
                value.setflags(write=False)

    @cached_property
    def sentences(self) -> tuple[str, ...]:
        """One or two plain-English sentences saying what the chart shows."""
        from .describe import describe

        return describe(self)

    def summary(self) -> str:
        """The sentences as one paragraph."""
        return " ".join(self.sentences)

    def to_dict(self) -> dict[str, Any]:
        """Every field as plain Python values (lists, None for nan), ready for JSON."""
        result = {f.name: _jsonable(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]
        for name in self._derived:
            result[name] = _jsonable(getattr(self, name))
        result["sentences"] = list(self.sentences)
        return result

    _derived: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class _Chart(_Described):
    #: The plotted value of each point (for p and u charts the proportion or rate; for xbar and s the
    #: subgroup mean or standard deviation; for mr the moving range).  nan where missing.
    value: FloatArray
    #: Centre line (median for run and g charts, else the mean or pooled estimate) of each point's phase.
    centre: FloatArray
    #: Lower and upper control limits (nan where undefined, and always nan for a run chart).
    lower: FloatArray
    upper: FloatArray
    #: True where the point is beyond a limit (strictly); never for excluded or missing points.
    outside: BoolArray
    #: Phase number (0-based) of each point.
    phase: IntArray
    #: True for points the caller excluded.
    excluded: BoolArray
    #: True for the points that estimated the centre line and limits.
    base: BoolArray
    #: First point of each phase, then per phase the runs analysis (Anhøj): non-excluded points, of them the
    #: useful ones (not missing, not on the centre line), the longest run and its upper limit, the number of
    #: crossings of the centre line and its lower limit, and whether either rule signals.
    phase_starts: IntArray
    n_obs: IntArray
    n_useful: IntArray
    longest_run: IntArray
    longest_run_max: FloatArray
    crossings: IntArray
    crossings_min: FloatArray
    runs_signal: BoolArray
    #: The direction the caller says is better ("increase", "decrease") or None.
    improvement: str | None
    #: Caveats in plain English (too few points, zero-width limits, ignored or invalid input...).
    warnings: tuple[str, ...]

    @property
    def shift(self) -> BoolArray:
        """Per phase: the longest run is longer than Anhøj's limit."""
        with np.errstate(invalid="ignore"):
            return self.longest_run > self.longest_run_max

    @property
    def too_few_crossings(self) -> BoolArray:
        """Per phase: the centre line is crossed fewer times than Anhøj's limit."""
        with np.errstate(invalid="ignore"):
            return self.crossings < self.crossings_min

    @property
    def signal(self) -> bool:
        """Any point outside the limits or any runs signal in any phase."""
        return bool(self.outside.any() or self.runs_signal.any())

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(points={self.value.size}, phases={self.phase_starts.size}, "
            f"outside={int(self.outside.sum())}, runs_signal={self.runs_signal.tolist()}, "
            f"warnings={len(self.warnings)})"
        )


@dataclass(frozen=True, eq=False, repr=False)
class RunChart(_Chart):
    """A run chart: median centre line per phase and Anhøj's runs analysis (shift and crossings rules)."""

    _derived = ("shift", "too_few_crossings")


@dataclass(frozen=True, eq=False, repr=False)
class ControlChart(_Chart):
    """A Shewhart control chart (qicharts2's estimators) with a runs analysis per phase."""

    #: Chart type: "i", "mr", "xbar", "s", "t", "g", "p", "pp", "c", "u" or "up".
    chart: str
    #: Denominator (p, pp, u, up) or subgroup size (xbar, s) of each point; None for other charts.
    n: FloatArray | None
    #: Subgroup label of each point (xbar and s); None for other charts.
    labels: np.ndarray[Any, Any] | None
    #: Multiplier applied to value, centre and limits (e.g. 100 for percentages).
    multiply: float

    _derived = ("shift", "too_few_crossings")


@dataclass(frozen=True, eq=False, repr=False)
class MakingDataCount(_Described):
    """NHS England's Making Data Count XmR chart: process limits, the four rules, point types and icons."""

    value: FloatArray
    #: Mean, process limits (mean ± 2.66 x mean moving range) and the two-sigma lines (± 1.773 x AMR).
    centre: FloatArray
    lower: FloatArray
    upper: FloatArray
    lower_2sigma: FloatArray
    upper_2sigma: FloatArray
    #: Beyond a process limit (strictly).
    outside: BoolArray
    #: +1 above the mean, -1 below, 0 on it or missing.
    relative_to_mean: CodeArray
    #: Beyond a two-sigma line but within the limits.
    close_to_limits: BoolArray
    #: Points that are part of each rule's pattern (before precedence).
    shift: BoolArray
    trend: BoolArray
    two_in_three: BoolArray
    #: Per point: 0 common cause; 1/2 outside high/low; 3/4 trend up/down; 5/6 two-in-three high/low;
    #: 7/8 shift high/low (the rule of highest precedence that fired).
    code: CodeArray
    phase: IntArray
    excluded: BoolArray
    base: BoolArray
    phase_starts: IntArray
    #: "increase", "decrease" or "neutral".
    improvement: str
    target: float | None
    #: From the last usable point's type; None when there is no usable point.
    variation_icon: str | None
    #: "consistent_pass", "consistent_fail", "inconsistent", or None (no target, neutral, no limits).
    assurance_icon: str | None
    warnings: tuple[str, ...]

    _derived = ("point_type", "rule", "special_cause")

    @cached_property
    def point_type(self) -> np.ndarray[Any, np.dtype[np.object_]]:
        """common_cause, special_cause_improvement / _concern, special_cause_neutral_high / _low."""
        table = _TYPE_BY_DIRECTION[direction_sign(self.improvement)]
        names: np.ndarray[Any, np.dtype[np.object_]] = _POINT_TYPE_NAMES[table[self.code]]
        return names

    @cached_property
    def rule(self) -> np.ndarray[Any, np.dtype[np.object_]]:
        """Per point: the rule that fired ("outside_limits", "trend", "two_of_three", "shift") or "none"."""
        names: np.ndarray[Any, np.dtype[np.object_]] = _RULE_NAMES[CODE_RULE[self.code]]
        return names

    @property
    def special_cause(self) -> BoolArray:
        """True where any rule fired."""
        special: BoolArray = self.code != 0
        return special

    @property
    def side(self) -> CodeArray:
        """+1 for a high / increasing signal, -1 for a low / decreasing one, 0 for common cause."""
        side: CodeArray = CODE_SIDE[self.code]
        return side

    def __repr__(self) -> str:
        return (
            f"MakingDataCount(points={self.value.size}, phases={self.phase_starts.size}, "
            f"variation_icon={self.variation_icon!r}, assurance_icon={self.assurance_icon!r}, "
            f"special_causes={int(np.count_nonzero(self.code))}, warnings={len(self.warnings)})"
        )


@dataclass(frozen=True, eq=False, repr=False)
class MakingDataCountBatch(_Described):
    """Icons (and limits) of many series at once: one row of the input matrix per series."""

    #: Mean and process limits of each series.
    centre: FloatArray
    lower: FloatArray
    upper: FloatArray
    #: Usable (finite) points of each series.
    n_points: IntArray
    #: Point code (as ``MakingDataCount.code``) of each series' last usable point (0 when none).
    last_code: CodeArray
    #: Variation icon of each series (None where a series has no usable point).
    variation_icon: np.ndarray[Any, np.dtype[np.object_]]
    #: Assurance icon of each series (None without a target, with a neutral direction or without limits).
    assurance_icon: np.ndarray[Any, np.dtype[np.object_]]

    def __repr__(self) -> str:
        return f"MakingDataCountBatch(series={self.centre.size})"
