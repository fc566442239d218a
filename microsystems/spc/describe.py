"""Plain-English sentences for every result: what the chart shows, direction-aware where the caller said
which direction is better.  Computed on demand (``result.sentences`` / ``result.summary()``)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._types import FloatArray, IntArray, direction_sign
from .results import ControlChart, MakingDataCount, MakingDataCountBatch, RunChart
from .rules import CODE_RULE, CODE_SIDE


def number(value: float) -> str:
    """A value as people write it: 1,234 / 12.3 / 0.215."""
    if math.isnan(value):
        return "undefined"
    size = abs(value)
    if size >= 100:
        return f"{value:,.0f}"
    if size >= 1:
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{value:.3g}"


def _better(side: int, direction: int) -> str:
    """ ", in the better direction" / ", in the worse direction" / "" for a signal on ``side``."""
    if direction == 0 or side == 0:
        return ""
    return ", in the better direction" if side * direction > 0 else ", in the worse direction"


@dataclass(frozen=True, slots=True)
class _LongestRun:
    length: int
    side: int
    first: int
    last: int
    at_end: bool
    interrupted: bool


def _longest_run(value: FloatArray, centre: float, points: IntArray) -> _LongestRun | None:
    """The latest longest run of ``points`` (indices) on one side of ``centre``, ignoring points on it."""
    side = np.sign(value[points] - centre)
    keep = np.isfinite(side) & (side != 0)
    where, side = points[keep], side[keep].astype(np.int8)
    if where.size == 0:
        return None
    change = np.flatnonzero(side[1:] != side[:-1]) + 1
    starts = np.concatenate(([0], change))
    stops = np.concatenate((change, [side.size]))
    lengths = stops - starts
    best = int(np.flatnonzero(lengths == lengths.max())[-1])
    first, last = int(where[starts[best]]), int(where[stops[best] - 1])
    observed = points[np.isfinite(value[points])]
    return _LongestRun(
        int(lengths[best]),
        int(side[starts[best]]),
        first,
        last,
        at_end=best == lengths.size - 1 and last == int(observed[-1]),
        interrupted=last - first + 1 != int(lengths[best]),
    )


def _runs_sentences(result: RunChart | ControlChart, phase: int, line: str, direction: int) -> list[str]:
    start = int(result.phase_starts[phase])
    stop = int(result.phase_starts[phase + 1]) if phase + 1 < result.phase_starts.size else result.value.size
    points = np.arange(start, stop)[~result.excluded[start:stop]]
    centre = float(result.centre[start]) if stop > start else math.nan
    sentences = []
    if result.shift[phase] and result.runs_signal[phase]:
        run = _longest_run(result.value, centre, points)
        if run is not None:
            where = "above" if run.side > 0 else "below"
            if run.at_end:
                lead = f"The last {run.length} points are all {where} the {line}"
            else:
                span = f"points {run.first + 1} to {run.last + 1}"
                lead = f"{run.length} points in a row ({span}) are {where} the {line}"
            lead += " (not counting points on it)" if run.interrupted else ""
            better = _better(run.side, direction)
            sentences.append(f"{lead}: this is a shift, a signal that the process has changed{better}.")
    if result.too_few_crossings[phase] and result.runs_signal[phase] and not sentences:
        crossings = int(result.crossings[phase])
        if crossings == 0:
            how_often = f"The data never cross the {line}"
        else:
            how_often = f"The data cross the {line} only {crossings} time{'' if crossings == 1 else 's'}"
        expected = int(result.crossings_min[phase])
        sentences.append(
            f"{how_often} where at least {expected} would be expected from random variation: a signal that "
            "the process has changed."
        )
    return sentences


def _phase_prefix(
    result: RunChart | ControlChart | MakingDataCount, phase: int, line: str, direction: int
) -> str:
    if result.phase_starts.size < 2:
        return ""
    start = int(result.phase_starts[phase])
    before, now = float(result.centre[start - 1]), float(result.centre[start])
    if math.isnan(before) or math.isnan(now) or before == now:
        return f"Since point {start + 1} (the current phase): "
    moved = "up" if now > before else "down"
    better = _better(1 if now > before else -1, direction)
    return f"Since point {start + 1} the {line} is {number(now)}, {moved} from {number(before)}{better}. "


def _join(prefix: str, sentence: str) -> str:
    if prefix.endswith(": "):
        return prefix + sentence[0].lower() + sentence[1:]
    return prefix + sentence


def _describe_chart(result: RunChart | ControlChart) -> tuple[str, ...]:
    direction = direction_sign(result.improvement)
    if not np.isfinite(result.value[~result.excluded]).any():
        return ("There are no data to chart yet.",)
    phase = result.phase_starts.size - 1
    is_control = isinstance(result, ControlChart)
    line = "centre line" if isinstance(result, ControlChart) and result.chart != "g" else "median"
    prefix = _phase_prefix(result, phase, line, direction)
    sentences: list[str] = []
    if isinstance(result, ControlChart):
        current = result.phase == phase
        outside = np.flatnonzero(result.outside & current)
        if outside.size:
            latest = int(outside[-1])
            side = 1 if result.value[latest] > result.upper[latest] else -1
            limit = "upper" if side > 0 else "lower"
            if outside.size == 1:
                lead = f"Point {latest + 1} is {'above' if side > 0 else 'below'} the {limit} control limit"
            else:
                lead = (
                    f"{outside.size} points are outside the control limits (the latest, point {latest + 1}, "
                    f"{'above' if side > 0 else 'below'} the {limit} limit)"
                )
            cause = "a special cause" if outside.size == 1 else "special causes"
            sentences.append(f"{lead}: {cause}, not random variation{_better(side, direction)}.")
    sentences += _runs_sentences(result, phase, line, direction)
    if not sentences:
        within = "All points are within the control limits and the" if is_control else "The"
        sentences.append(
            f"{within} runs show no shift and enough crossings of the {line}: only random (common-cause) "
            f"variation around {number(float(result.centre[-1]))}, no sign that the process has changed."
        )
    if result.n_useful[phase] < 10 and len(sentences) < 2:
        sentences.append(f"With only {int(result.n_useful[phase])} useful points, treat this as provisional.")
    return (_join(prefix, sentences[0]), *sentences[1:])


_RULE_TEXT = {
    1: "it is {side} the {limit} process limit",
    2: "it is part of a run of 7 or more points {moving} in a row",
    3: "it is one of 2 out of 3 points close to the {limit} process limit",
    4: "it is part of a run of 7 or more points {side} the mean",
}


def _describe_mdc(result: MakingDataCount) -> tuple[str, ...]:
    usable = np.flatnonzero(np.isfinite(result.value) & ~result.excluded)
    if usable.size == 0:
        return ("There are no data to chart yet.",)
    direction = direction_sign(result.improvement)
    phase = result.phase_starts.size - 1
    prefix = _phase_prefix(result, phase, "mean", direction)
    code = int(result.code[usable[-1]])
    side = int(CODE_SIDE[code])
    if side == 0:
        first = "The latest point shows common-cause variation: no rule signals a change."
    else:
        kind = "variation" if direction == 0 else ("improvement" if side * direction > 0 else "concern")
        text = _RULE_TEXT[int(CODE_RULE[code])].format(
            side="above" if side > 0 else "below",
            limit="upper" if side > 0 else "lower",
            moving="rising" if side > 0 else "falling",
        )
        first = f"The latest point shows special-cause {kind} ({'high' if side > 0 else 'low'}): {text}."
    sentences = [_join(prefix, first)]
    if result.assurance_icon is not None and result.target is not None:
        target = number(result.target)
        sentences.append(
            {
                "consistent_pass": f"The target of {target} lies beyond the process limits on the good side: "
                "the process will consistently meet it unless something changes.",
                "consistent_fail": f"The target of {target} lies beyond the process limits on the bad side: "
                "the process will not meet it unless something changes.",
                "inconsistent": f"The target of {target} lies within the process limits: the process will "
                "sometimes meet it and sometimes not.",
            }[result.assurance_icon]
        )
    return tuple(sentences)


def describe(result: object) -> tuple[str, ...]:
    """The sentences for any result of this package."""
    if isinstance(result, MakingDataCount):
        return _describe_mdc(result)
    if isinstance(result, RunChart | ControlChart):
        return _describe_chart(result)
    if isinstance(result, MakingDataCountBatch):  # pragma: no cover - batches have no sentences
        return ()
    raise TypeError(f"cannot describe {type(result).__name__}")
