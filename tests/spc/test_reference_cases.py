"""The peers' own published cases (tests/spc/reference_cases.json), run against the engine.

Every case whose ``should_match`` is not false is checked.  Two documented decisions change how a case is
compared (not the numbers it checks):

* excluded points are never reported as outside the limits (qicharts2 still flags them): for those points the
  test checks that they are indeed beyond the limits, and that ``outside`` is False;
* empty subgroups do not count in the pooled standard deviation (qicharts2 lets them subtract one degree of
  freedom): the one fixture with an empty subgroup is compared at 2e-6 instead of 1e-7.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from microsystems import spc
from microsystems.spc import constants, rules
from microsystems.spc.mdc import variation_icon
from microsystems.spc.results import ControlChart
from microsystems.spc.runs import box_signal

CASES: list[dict[str, Any]] = json.loads((Path(__file__).parent / "reference_cases.json").read_text())[
    "cases"
]
CHECKED = [case for case in CASES if case["should_match"] is not False]
QIC_CHARTS = {"i", "mr", "p", "pp", "c", "u", "up", "t", "g", "xbar", "s"}


def by_kind(*kinds: str) -> list[Any]:
    return [pytest.param(case, id=case["name"]) for case in CHECKED if case["chart"] in kinds]


def floats(values: list[float | None]) -> np.ndarray[Any, np.dtype[np.float64]]:
    return np.array([math.nan if v is None else v for v in values], dtype=np.float64)


def close(actual: Any, expected: Any, tolerance: dict[str, float]) -> None:
    np.testing.assert_allclose(
        np.asarray(actual, dtype=np.float64),
        floats(expected) if isinstance(expected, list) else float(expected),
        rtol=tolerance["rel"],
        atol=tolerance["abs"],
        equal_nan=True,
    )


def qic_chart(case: dict[str, Any]) -> ControlChart:
    """Translate qicharts2's call (1-based freeze / part / exclude) into ours (baseline / 0-based indices)."""
    params = case["params"]
    kwargs: dict[str, Any] = {
        "chart": case["chart"],
        "screen_mr": params.get("screen_mr", True),
        "multiply": params.get("multiply", 1.0),
        "time_ordered": not params.get("categorical_x", False),
        "baseline": params.get("freeze"),
        "phase_starts": params.get("part", ()),  # "points before recalculation" = 0-based first new point
        "exclude": [i - 1 for i in params.get("exclude", ())],
    }
    if case["chart"] in ("xbar", "s"):
        observations = [v for group in case["subgroups"] for v in group]
        labels = [i for i, group in enumerate(case["subgroups"]) for _ in group]
        return spc.control_chart(floats(observations), subgroups=labels, **kwargs)
    y = floats(case["y"])
    n = None if case["n"] is None else floats(case["n"])
    return spc.control_chart(y, n, **kwargs)


@pytest.mark.parametrize(
    "case", [p for p in by_kind(*QIC_CHARTS) if "sigma_signal" in p.values[0]["expected"]]
)
def test_qicharts2_fixture(case: dict[str, Any]) -> None:
    expected, tolerance = case["expected"], dict(case["tolerance"])
    result = qic_chart(case)
    close(result.value, case["expected_y"], tolerance)
    close(result.centre, expected["cl"], tolerance)
    if any(len(g) == 0 or all(v is None for v in g) for g in case.get("subgroups") or []):
        tolerance["rel"] = 2e-6  # decision: an empty subgroup takes no degree of freedom (see module doc)
    close(result.lower, expected["lcl"], tolerance)
    close(result.upper, expected["ucl"], tolerance)
    signal = np.array(expected["sigma_signal"])
    np.testing.assert_array_equal(result.outside, signal & ~result.excluded)
    beyond = (result.value > result.upper) | (result.value < result.lower)
    np.testing.assert_array_equal(beyond[result.excluded], signal[result.excluded])
    assert len(expected["runs"]) == result.phase_starts.size
    for phase, runs in enumerate(expected["runs"]):
        assert result.n_obs[phase] == runs["n_obs"]
        assert result.n_useful[phase] == runs["n_useful"]
        assert result.longest_run[phase] == runs["longest_run"]
        assert result.longest_run_max[phase] == runs["longest_run_max"]
        assert result.crossings[phase] == runs["n_crossings"]
        assert result.crossings_min[phase] == runs["n_crossings_min"]
        assert result.runs_signal[phase] == runs["runs_signal"]


@pytest.mark.parametrize("case", [p for p in by_kind(*QIC_CHARTS) if "n_obs" in p.values[0]["expected"]])
def test_qicharts2_summary(case: dict[str, Any]) -> None:
    expected, tolerance = case["expected"], case["tolerance"]
    result = qic_chart(case)
    assert result.n_obs[0] == expected["n_obs"]
    assert result.n_useful[0] == expected["n_useful"]
    assert result.longest_run[0] == expected["longest_run"]
    assert result.longest_run_max[0] == expected["longest_run_max"]
    assert result.crossings[0] == expected["n_crossings"]
    assert result.crossings_min[0] == expected["n_crossings_min"]
    assert result.runs_signal[0] == expected["runs_signal"]
    close(np.nanmean(result.lower), expected["mean_lcl"], tolerance)
    close(result.centre[0], expected["cl"], tolerance)
    close(np.nanmean(result.upper), expected["mean_ucl"], tolerance)
    assert int(result.outside.sum()) == expected["n_sigma_signals"]


@pytest.mark.parametrize("case", by_kind("anhoej_table"))
def test_anhoej_critical_values(case: dict[str, Any]) -> None:
    for row in case["expected"]["table"]:
        assert constants.longest_run_max(row["n_useful"]) == row["longest_run_max"]
        assert constants.crossings_min(row["n_useful"]) == row["n_crossings_min"]


def _crsignal(c: int, longest: int, method: str, row: dict[str, Any]) -> bool:
    """qicharts2's crsignal, transcribed independently for the test."""
    cb, lb, cbord, lbord = row["cb"], row["lb"], row["cbord"], row["lbord"]
    if method == "bestbox" or cbord is None:
        return not (c >= cb and longest <= lb)
    quiet = (
        (c >= cb + 1 and longest <= lb - 1)
        or (c == cb and longest <= lbord)
        or (c >= cbord and longest <= lb)
    )
    return not quiet


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c["name"]) for c in CASES if c["chart"] == "runs_bounds_table"]
)
def test_best_box_and_cut_box_bounds(case: dict[str, Any]) -> None:
    """Anhøj & Wentzel-Larsen's experimental bounds: our table equals the published one, and the signal
    follows qicharts2's crsignal around every box."""
    for row in case["expected"]["table"]:
        n = row["n"]
        assert constants.runs_box(n) == (row["cb"], row["lb"], row["cbord"], row["lbord"])
        for method in ("bestbox", "cutbox"):
            for c in range(max(0, row["cb"] - 2), min(n, (row["cbord"] or row["cb"]) + 3)):
                for longest in range(max(1, row["lb"] - 3), row["lb"] + 3):
                    ours = box_signal(n, longest, c, method)
                    assert ours is not None and ours[2] == _crsignal(c, longest, method, row)
    assert constants.runs_box(9) is None and constants.runs_box(101) is None


def mdc_call(case: dict[str, Any], y: Any) -> spc.MakingDataCount:
    params = case["params"]
    direction = params.get("improvement_direction", "increase")
    return spc.making_data_count(
        floats(y),
        improvement=direction,
        target=params.get("target"),
        baseline=params.get("fix_after_n_points"),
        screen_outliers=params.get("screen_outliers", True),
    )


ASSURANCE = {"pass": "consistent_pass", "fail": "consistent_fail", "inconsistent": "inconsistent", None: None}


@pytest.mark.parametrize("case", by_kind("xmr_mdc"))
def test_making_data_count(case: dict[str, Any]) -> None:
    expected, tolerance = case["expected"], case["tolerance"]
    result = mdc_call(case, case["y"])
    for field, ours in (
        ("mean", result.centre),
        ("lpl", result.lower),
        ("upl", result.upper),
        ("nlpl", result.lower_2sigma),
        ("nupl", result.upper_2sigma),
    ):
        if field in expected:
            close(ours[-1], math.nan if expected[field] is None else expected[field], tolerance)
    if "relative_to_mean_prefix" in expected:
        prefix = expected["relative_to_mean_prefix"]
        assert result.relative_to_mean[: len(prefix)].tolist() == prefix
    if "relative_to_mean" in expected:
        assert result.relative_to_mean.tolist() == expected["relative_to_mean"]
    for field, flags in (
        ("outside_limits", result.outside),
        ("close_to_limits", result.close_to_limits),
        ("special_cause_flag", result.special_cause),
    ):
        if field in expected:
            assert flags.tolist() == expected[field]
    if "n_special_cause" in expected:
        assert int(result.special_cause.sum()) == expected["n_special_cause"]
    if "point_type" in expected:
        assert result.point_type.tolist() == expected["point_type"]
    if "point_type_tail" in expected:
        tail = expected["point_type_tail"]
        assert result.point_type[-len(tail) :].tolist() == tail
    if "variation_icon" in expected:
        assert result.variation_icon == expected["variation_icon"]
        assert result.assurance_icon == ASSURANCE[expected["assurance_icon"]]


@pytest.mark.parametrize("case", by_kind("xmr_mdc_groups"))
def test_making_data_count_groups(case: dict[str, Any]) -> None:
    sizes = case["params"]["groups"]
    starts = np.cumsum([0, *sizes[:-1]]).tolist()
    result = spc.making_data_count(
        floats(case["y"]), phase_starts=starts, screen_outliers=case["params"]["screen_outliers"]
    )
    for start, group in zip(starts, case["expected"]["groups"], strict=True):
        stop = start + sizes[starts.index(start)]
        close(result.centre[start], group["mean"], case["tolerance"])
        close(result.lower[start], group["lpl"], case["tolerance"])
        close(result.upper[start], group["upl"], case["tolerance"])
        assert int(result.special_cause[start:stop].sum()) == group["n_special_cause"]


@pytest.mark.parametrize("case", by_kind("mdc_assurance"))
def test_assurance(case: dict[str, Any]) -> None:
    """Assurance from the last point's limits, one row of the peer's unit table at a time."""
    params = case["params"]
    for lower, upper, expected in zip(
        params["lpl"], params["upl"], case["expected"]["assurance"], strict=True
    ):
        # A two-point series whose limits are exactly (lower, upper): mean in the middle, AMR from the width.
        mean, half = (lower + upper) / 2.0, (upper - lower) / 2.0
        amr = half / 2.66
        result = spc.making_data_count(
            [mean - amr / 2.0, mean + amr / 2.0],
            improvement=params["improvement_direction"],
            target=params["target"],
        )
        np.testing.assert_allclose([result.lower[-1], result.upper[-1]], [lower, upper])
        assert result.assurance_icon == expected


PRIMITIVES = {
    "seven_point_one_side_mean": lambda p: rules.seven_point_one_side_mean(p["v"]),
    "part_of_seven": lambda p: rules.part_of_seven(p["v"]),
    "seven_point_trend": lambda p: rules.seven_point_trend(p["y"]),
    "two_in_three": lambda p: rules.two_in_three(p["close"], p["rtm"]),
    "part_of_two_in_three": lambda p: rules.part_of_two_in_three(p["close"], p["rtm"]),
}


@pytest.mark.parametrize("case", by_kind("mdc_primitive"))
def test_rule_primitive(case: dict[str, Any]) -> None:
    params = case["params"]
    assert PRIMITIVES[params["function"]](params).tolist() == case["expected"]["flags"]


LABELS = {
    0: "Common Cause",
    1: "Above UCL",
    2: "Below LCL",
    3: "7 Point Trend (Increasing)",
    4: "7 Point Trend (Decreasing)",
    5: "2 in 3 Above CL",
    6: "2 in 3 Below CL",
    7: "7 Points Above CL",
    8: "7 Points Below CL",
}


@pytest.mark.parametrize("case", by_kind("mdc_precedence"))
def test_precedence(case: dict[str, Any]) -> None:
    p = case["params"]
    y = floats(p["y"])
    trend = np.array(p["part_trend"]) != 0
    # The trend's direction per point, as NHSRplotthedots derives it from the neighbouring steps.
    steps = np.sign(np.diff(y)).astype(np.int8)
    direction = np.where(
        np.append(trend[1:], False) & trend, np.append(steps, steps[-1]), np.insert(steps, 0, 0)
    )
    code = rules.point_codes(
        np.array(p["outside_limits"]) != 0,
        np.array(p["relative_to_mean"], dtype=np.int8),
        trend,
        direction.astype(np.int8),
        np.array(p["part_two_in_three"]) != 0,
        np.array(p["part_shift"]) != 0,
    )
    assert [LABELS[c] for c in code.tolist()] == case["expected"]["special_cause_type"]


def test_variation_icon_table() -> None:
    """The icon names follow NHSRplotthedots (a concern is low when higher is better, and vice versa)."""
    assert variation_icon(rules.OUTSIDE_LOW, 1) == "concern_low"
    assert variation_icon(rules.OUTSIDE_HIGH, -1) == "concern_high"
    assert variation_icon(rules.SHIFT_HIGH, 1) == "improvement_high"
    assert variation_icon(rules.SHIFT_LOW, -1) == "improvement_low"
    assert variation_icon(rules.TREND_UP, 0) == "neutral_high"
    assert variation_icon(rules.COMMON, 1) == "common_cause"


def test_every_checked_case_is_run() -> None:
    handled = QIC_CHARTS | {"anhoej_table", "xmr_mdc", "xmr_mdc_groups", "mdc_assurance", "mdc_primitive"}
    handled |= {"mdc_precedence", "runs_bounds_table"}
    assert {case["chart"] for case in CHECKED} <= handled
