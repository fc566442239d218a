"""Array aliases and the small vocabularies (chart names, directions, point types, icons)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
CodeArray = npt.NDArray[np.int8]
#: Values accepted for a series: any sequence of numbers (``nan`` or ``None`` = missing) or a 1-D array.
Series = Sequence[float | None] | npt.ArrayLike

CHARTS: tuple[str, ...] = ("i", "mr", "xbar", "s", "t", "g", "p", "pp", "c", "u", "up")

POINT_TYPES: tuple[str, ...] = (
    "common_cause",
    "special_cause_improvement",
    "special_cause_concern",
    "special_cause_neutral_high",
    "special_cause_neutral_low",
)
VARIATION_ICONS: tuple[str, ...] = (
    "common_cause",
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    "neutral_high",
    "neutral_low",
)
ASSURANCE_ICONS: tuple[str, ...] = ("consistent_pass", "consistent_fail", "inconsistent")

#: Making Data Count rule per point code (see ``rules.point_codes``), highest precedence first.
RULE_NAMES: tuple[str, ...] = ("none", "outside_limits", "trend", "two_of_three", "shift")


def direction_sign(improvement: str | None) -> int:
    """+1 when higher is better, -1 when lower is better, 0 when neither (neutral or not given)."""
    if improvement is None or improvement == "neutral":
        return 0
    if improvement == "increase":
        return 1
    if improvement == "decrease":
        return -1
    raise ValueError(f"improvement must be 'increase', 'decrease', 'neutral' or None, not {improvement!r}")
