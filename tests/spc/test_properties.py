"""Properties that must hold for any input (hypothesis)."""

from __future__ import annotations

import math
from itertools import pairwise
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microsystems import spc
from microsystems.spc import rules

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

whole = st.integers(min_value=-1000, max_value=1000)
whole_series = st.lists(whole, min_size=0, max_size=60)
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
anything = st.one_of(finite, st.just(math.nan), st.just(math.inf), st.just(-math.inf), st.just(0.0))
messy_series = st.lists(anything, min_size=0, max_size=40)
CHARTS = ["i", "mr", "t", "g", "c", "p", "pp", "u", "up", "xbar", "s"]


def indices(draw: st.DrawFn, size: int) -> list[int]:
    return draw(st.lists(st.integers(min_value=-2, max_value=size + 2), max_size=4))


@st.composite
def messy_call(draw: st.DrawFn) -> dict[str, Any]:
    y = draw(messy_series)
    return {
        "y": y,
        "phase_starts": indices(draw, len(y)),
        "exclude": indices(draw, len(y)),
        "baseline": draw(st.one_of(st.none(), st.integers(min_value=1, max_value=50))),
    }


@FAST
@given(messy_call(), st.sampled_from(CHARTS), st.lists(anything, min_size=40, max_size=40))
def test_no_input_of_finite_and_missing_values_raises(
    call: dict[str, Any], chart: str, n: list[float]
) -> None:
    """Any mix of numbers, nan and infinities, any phases and exclusions: a result, never an exception
    (and, since warnings are errors in this suite, never a numpy warning either)."""
    size = len(call["y"])
    extra: dict[str, Any] = {}
    if chart in ("p", "pp", "u", "up"):
        extra["n"] = n[:size]
    if chart in ("xbar", "s"):
        extra["subgroups"] = [i // 3 for i in range(size)]
    kwargs = {k: v for k, v in call.items() if k != "y"}
    chart_result = spc.control_chart(call["y"], extra.pop("n", None), chart=chart, **kwargs, **extra)
    assert chart_result.sentences and chart_result.outside.dtype == np.bool_
    run = spc.run_chart(call["y"], **kwargs)
    assert run.value.size == size and run.sentences
    mdc = spc.making_data_count(call["y"], target=1.0, **kwargs)
    assert mdc.point_type.size == size and mdc.sentences


@FAST
@given(st.lists(finite, min_size=2, max_size=50), st.floats(0.01, 100), st.floats(-1e3, 1e3))
def test_i_chart_limits_scale_and_shift_with_the_data(y: list[float], scale: float, shift: float) -> None:
    base = spc.control_chart(y)
    moved = spc.control_chart([scale * v + shift for v in y])
    tolerance = 1e-7 * (scale * max(1.0, max(abs(v) for v in y)) + abs(shift))
    for ours, theirs in ((base.centre, moved.centre), (base.lower, moved.lower), (base.upper, moved.upper)):
        np.testing.assert_allclose(scale * ours + shift, theirs, rtol=1e-7, atol=tolerance)


@FAST
@given(whole_series, st.integers(1, 50), st.integers(-100, 100))
def test_making_data_count_is_unchanged_by_a_positive_affine_change_of_units(
    y: list[int], scale: int, shift: int
) -> None:
    """Whole numbers keep the arithmetic exact, so even ties and points on the mean are preserved."""
    base = spc.making_data_count(y, target=7)
    moved = spc.making_data_count([scale * v + shift for v in y], target=7 * scale + shift)
    assert base.code.tolist() == moved.code.tolist()
    assert (base.variation_icon, base.assurance_icon) == (moved.variation_icon, moved.assurance_icon)


@FAST
@given(st.lists(st.one_of(whole, st.just(None)), max_size=60), st.lists(st.integers(0, 60), max_size=3))
def test_runs_analysis_is_unchanged_by_any_strictly_increasing_transform(
    y: list[int | None], starts: list[int]
) -> None:
    """(Not with a frozen baseline of an even number of points: a later point may then fall between the two
    middle baseline values, where the median of the transformed values need not be the transformed median.)"""

    def transform(v: int | None) -> float | None:
        return None if v is None else float(v) ** 3 + 2.0 * v - 5.0  # exact for |v| <= 1000

    base = spc.run_chart(y, phase_starts=starts)
    moved = spc.run_chart([transform(v) for v in y], phase_starts=starts)
    for field in ("n_useful", "longest_run", "crossings", "runs_signal"):
        assert getattr(base, field).tolist() == getattr(moved, field).tolist()


@st.composite
def portfolio(draw: st.DrawFn) -> tuple[np.ndarray[Any, np.dtype[np.float64]], list[float]]:
    rows = draw(st.integers(1, 8))
    columns = draw(st.integers(0, 30))
    cells = st.one_of(st.integers(-20, 20).map(float), st.just(math.nan))
    matrix = np.array(
        draw(st.lists(st.lists(cells, min_size=columns, max_size=columns), min_size=rows, max_size=rows))
    )
    targets = draw(
        st.lists(st.one_of(st.integers(-20, 20).map(float), st.just(math.nan)), min_size=rows, max_size=rows)
    )
    return matrix.reshape(rows, columns), targets


@FAST
@given(
    portfolio(),
    st.sampled_from(["increase", "decrease", "neutral"]),
    st.one_of(st.none(), st.integers(1, 20)),
)
def test_batch_icons_equal_the_single_series_icons(
    data: tuple[np.ndarray[Any, np.dtype[np.float64]], list[float]], improvement: str, baseline: int | None
) -> None:
    matrix, targets = data
    batch = spc.making_data_count_batch(matrix, improvement=improvement, target=targets, baseline=baseline)
    for number, (row, target) in enumerate(zip(matrix, targets, strict=True)):
        single = spc.making_data_count(row, improvement=improvement, target=target, baseline=baseline)
        assert batch.variation_icon[number] == single.variation_icon
        assert batch.assurance_icon[number] == single.assurance_icon
        np.testing.assert_array_equal(batch.upper[number], single.upper[-1] if row.size else math.nan)


def _naive_runs(v: list[int], length: int) -> list[bool]:
    flags = [False] * len(v)
    start = 0
    for i in range(1, len(v) + 1):
        if i == len(v) or v[i] != v[start]:
            if i - start >= length and v[start] != 0:
                flags[start:i] = [True] * (i - start)
            start = i
    return flags


@FAST
@given(st.lists(st.integers(-1, 1), max_size=80))
def test_shift_rule_equals_the_naive_definition_and_the_peer_primitives(rtm: list[int]) -> None:
    v = np.array(rtm, dtype=np.int8)
    flags = rules.shift_flags(v).tolist()
    assert flags == _naive_runs(rtm, 7)
    assert flags == [bool(x) for x in rules.part_of_seven(rules.seven_point_one_side_mean(v))]


@FAST
@given(st.lists(st.integers(0, 6), max_size=80))
def test_trend_rule_equals_the_naive_definition_and_the_peer_primitives(y: list[int]) -> None:
    values = np.array(y, dtype=np.float64)
    flags, direction = rules.trend_flags(values)
    steps = [int(np.sign(b - a)) for a, b in pairwise(y)]
    in_step = _naive_runs(steps, 6)
    naive = [(i < len(in_step) and in_step[i]) or (i > 0 and in_step[i - 1]) for i in range(len(y))]
    assert flags.tolist() == naive
    assert flags.tolist() == [bool(x) for x in rules.part_of_seven(rules.seven_point_trend(values))]
    for i in np.flatnonzero(flags).tolist():
        following = i < len(in_step) and in_step[i]
        assert direction[i] == (steps[i] if following else steps[i - 1])


@FAST
@given(st.lists(st.tuples(st.booleans(), st.integers(-1, 1)), max_size=60))
def test_two_in_three_rule_equals_the_peer_primitive(points: list[tuple[bool, int]]) -> None:
    close = np.array([c for c, _ in points], dtype=np.bool_)
    rtm = np.array([r for _, r in points], dtype=np.int8)
    ours = rules.two_in_three_flags(close, rtm).tolist()
    assert ours == [bool(x) for x in rules.part_of_two_in_three(close, rtm)]


@FAST
@given(st.lists(st.integers(0, 4), max_size=80), st.integers(0, 4))
def test_fused_shift_and_trend_equal_the_separate_rules(y: list[int], centre: int) -> None:
    values = np.array(y, dtype=np.float64)
    rtm = rules.side_of(values, float(centre))
    shift, trend, direction = rules.shift_and_trend(values, rtm)
    expected_trend, expected_direction = rules.trend_flags(values)
    assert shift.tolist() == rules.shift_flags(rtm).tolist()
    assert trend.tolist() == expected_trend.tolist()
    assert direction.tolist() == expected_direction.tolist()


@FAST
@given(st.lists(st.integers(-50, 50), min_size=0, max_size=50), st.sampled_from(["increase", "decrease"]))
def test_the_single_phase_fast_path_equals_the_general_path(y: list[int], improvement: str) -> None:
    """Appending an excluded point forces the general (masked) path; whole numbers keep sums exact, so the
    first points must come out identical."""
    size = len(y)
    fast = spc.making_data_count(y, improvement=improvement, target=3)
    general = spc.making_data_count([*y, 99], improvement=improvement, target=3, exclude=[size])
    assert fast.code.tolist() == general.code[:size].tolist()
    np.testing.assert_array_equal(fast.upper, general.upper[:size])
    assert (fast.variation_icon, fast.assurance_icon) == (general.variation_icon, general.assurance_icon)
    for chart in ("i", "c"):
        plain = spc.control_chart([abs(v) for v in y], chart=chart)
        masked = spc.control_chart([*(abs(v) for v in y), 99], chart=chart, exclude=[size])
        np.testing.assert_array_equal(plain.upper, masked.upper[:size])
        assert plain.outside.tolist() == masked.outside[:size].tolist()
        assert plain.runs_signal.tolist() == masked.runs_signal.tolist()
    run = spc.run_chart(y)
    masked_run = spc.run_chart([*y, 99], exclude=[size])
    assert run.longest_run.tolist() == masked_run.longest_run.tolist()
    assert run.crossings.tolist() == masked_run.crossings.tolist()


@st.composite
def phased_portfolio(
    draw: st.DrawFn,
) -> tuple[np.ndarray[Any, np.dtype[np.float64]], list[float], list[list[int]], list[list[int]]]:
    matrix, targets = draw(portfolio())
    rows, columns = matrix.shape
    indices = st.integers(-2, columns + 2)
    starts = draw(st.lists(st.lists(indices, max_size=3), min_size=rows, max_size=rows))
    excluded = draw(st.lists(st.lists(indices, max_size=4), min_size=rows, max_size=rows))
    return matrix, targets, starts, excluded


@FAST
@given(
    phased_portfolio(),
    st.sampled_from(["increase", "decrease", "neutral"]),
    st.one_of(st.none(), st.integers(1, 20)),
    st.booleans(),
)
def test_batch_with_phases_and_exclusions_equals_the_single_series(
    data: tuple[np.ndarray[Any, np.dtype[np.float64]], list[float], list[list[int]], list[list[int]]],
    improvement: str,
    baseline: int | None,
    as_mask: bool,
) -> None:
    matrix, targets, starts, excluded = data
    rows, columns = matrix.shape
    exclude: Any = excluded
    if as_mask:
        exclude = np.zeros((rows, columns), dtype=bool)
        for row, indices in enumerate(excluded):
            exclude[row, [i for i in indices if 0 <= i < columns]] = True
    batch = spc.making_data_count_batch(
        matrix,
        improvement=improvement,
        target=targets,
        baseline=baseline,
        phase_starts=starts,
        exclude=exclude,
    )
    for number, (row, target) in enumerate(zip(matrix, targets, strict=True)):
        single = spc.making_data_count(
            row,
            improvement=improvement,
            target=target,
            baseline=baseline,
            phase_starts=starts[number],
            exclude=excluded[number],
        )
        assert batch.variation_icon[number] == single.variation_icon
        assert batch.assurance_icon[number] == single.assurance_icon
        np.testing.assert_array_equal(batch.upper[number], single.upper[-1] if row.size else math.nan)
        np.testing.assert_array_equal(batch.centre[number], single.centre[-1] if row.size else math.nan)
        usable = np.isfinite(row) & ~np.isin(np.arange(columns), excluded[number])
        assert batch.n_points[number] == usable.sum()
