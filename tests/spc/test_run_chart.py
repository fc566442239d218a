"""Run charts: Anhøj's rules, phases, frozen baselines, exclusions and the decisions around them."""

from __future__ import annotations

import math
from fractions import Fraction
from math import comb

import numpy as np
import pytest

from microsystems import spc
from microsystems.spc import constants


def test_shift_above_the_median_is_a_signal_in_the_better_direction() -> None:
    y = [5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 8, 9, 8, 9, 10, 9, 8, 9, 10, 9]
    result = spc.run_chart(y, improvement="increase")
    assert result.centre[0] == 7.5
    assert result.longest_run[0] == 10 and result.longest_run_max[0] == 7
    assert result.runs_signal[0] and result.shift[0]
    assert result.sentences[0] == (
        "The last 10 points are all above the median: "
        "this is a shift, a signal that the process has changed, in the better direction."
    )
    worse = spc.run_chart(y, improvement="decrease")
    assert worse.sentences[0].endswith("in the worse direction.")
    assert spc.run_chart(y).sentences[0].endswith("the process has changed.")


def test_points_on_the_median_neither_count_nor_break_a_run() -> None:
    # Median 3: the points equal to 3 are dropped, the run of 4s is not broken by them.
    y = [1, 2, 1, 2, 3, 4, 3, 4, 4, 3, 4, 5, 3]
    result = spc.run_chart(y)
    assert result.centre[0] == 3
    assert result.n_obs[0] == 13
    assert result.n_useful[0] == 9
    assert result.longest_run[0] == 5
    assert result.crossings[0] == 1


def test_too_few_crossings() -> None:
    # 24 useful points, 3 crossings: at least 8 expected (Anhøj's table); runs of 6 (limit 8) are no shift.
    y = [1] * 6 + [9] * 6 + [2] * 6 + [8] * 6
    result = spc.run_chart(y)
    assert (result.n_useful[0], result.crossings[0], result.crossings_min[0]) == (24, 3, 8)
    assert not result.shift[0] and result.too_few_crossings[0] and result.runs_signal[0]
    assert "cross the median only 3 times where at least 8" in result.summary()


def test_random_variation_has_no_signal() -> None:
    y = [3, 5, 4, 6, 2, 5, 3, 6, 4, 5, 3, 4, 6, 2, 5, 4]
    result = spc.run_chart(y)
    assert not result.runs_signal[0]
    assert result.sentences == (
        "The runs show no shift and enough crossings of the median: only random (common-cause) variation "
        "around 4, no sign that the process has changed.",
    )


def test_frozen_baseline_analyses_later_points_against_the_baseline_median() -> None:
    y = [5, 6, 4, 5, 6, 4, 5, 6, 4, 5] + [8] * 8
    result = spc.run_chart(y, baseline=10)
    assert result.centre[0] == 5  # median of the first 10 only
    assert result.base.tolist() == [True] * 10 + [False] * 8
    assert result.longest_run[0] == 8  # the later points are analysed
    assert result.n_useful[0] == 14


def test_phases_are_independent_and_rules_never_cross_them() -> None:
    y = [1, 2, 1, 2, 1, 2, 8, 8, 8, 8, 3, 4, 3, 4, 3, 4]
    single = spc.run_chart(y)
    split = spc.run_chart(y, phase_starts=[10], improvement="decrease")
    assert split.phase_starts.tolist() == [0, 10]
    assert split.phase.tolist() == [0] * 10 + [1] * 6
    assert split.centre[0] == 2 and split.centre[10] == 3.5
    assert split.n_obs.tolist() == [10, 6]
    assert single.centre[0] == 3
    assert split.summary().startswith("Since point 11 the median is 3.5, up from 2, in the worse direction.")


def test_excluded_points_leave_the_median_and_the_runs() -> None:
    y = [1, 2, 3, 4, 100, 5, 6, 7, 8, 9]
    result = spc.run_chart(y, exclude=[4])
    assert result.centre[0] == 5  # median of the 9 others
    assert result.n_obs[0] == 9
    assert result.excluded.tolist() == [False] * 4 + [True] + [False] * 5
    assert not result.outside.any()


def test_missing_values_are_skipped() -> None:
    y = [1, math.nan, 2, None, 3, 4]
    result = spc.run_chart(y)
    assert result.centre[0] == 2.5
    assert result.n_obs[0] == 6 and result.n_useful[0] == 4


def test_no_data_and_too_few_points_never_crash() -> None:
    empty = spc.run_chart([])
    assert empty.n_useful.tolist() == [0] and math.isnan(empty.longest_run_max[0])
    assert not empty.runs_signal.any()
    assert empty.sentences == ("There are no data to chart yet.",)
    few = spc.run_chart([1.0, 2.0])
    assert few.longest_run_max[0] == 4 and few.crossings_min[0] == 0  # as qicharts2: can never signal
    assert any("runs rules need at least 10" in w for w in few.warnings)
    all_missing = spc.run_chart([math.nan, math.nan])
    assert math.isnan(all_missing.centre[0]) and not all_missing.runs_signal.any()


def test_bad_arguments_are_refused_clearly() -> None:
    with pytest.raises(ValueError, match="improvement"):
        spc.run_chart([1, 2], improvement="up")
    with pytest.raises(ValueError, match="baseline"):
        spc.run_chart([1, 2], baseline=0)
    with pytest.raises(TypeError, match="phase_starts"):
        spc.run_chart([1, 2], phase_starts=[1.5])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="one-dimensional"):
        spc.run_chart([[1, 2]])
    with pytest.raises(TypeError, match="numbers"):
        spc.run_chart(["a", "b"])


def test_out_of_range_phases_and_exclusions_are_ignored_with_a_warning() -> None:
    result = spc.run_chart([1, 2, 3, 4], phase_starts=[0, 9, -1], exclude=[7])
    assert result.phase_starts.tolist() == [0]
    assert any("Phase start(s) [-1, 9]" in w for w in result.warnings)
    assert any("Excluded index(es) [7]" in w for w in result.warnings)


def test_infinite_values_are_missing_with_a_warning() -> None:
    result = spc.run_chart([1, math.inf, 3])
    assert math.isnan(result.value[1])
    assert any("infinite" in w for w in result.warnings)


def test_results_are_immutable_and_export_to_plain_python() -> None:
    result = spc.run_chart([1, 2, 3])
    with pytest.raises(AttributeError):
        result.centre = np.zeros(3)  # type: ignore[misc]
    with pytest.raises(ValueError):
        result.centre[0] = 5.0
    exported = result.to_dict()
    assert exported["lower"] == [None, None, None]
    assert exported["centre"] == [2.0, 2.0, 2.0]
    assert exported["sentences"] == list(result.sentences)
    assert "RunChart(points=3" in repr(result)


def _exact_crossings_min(n_useful: int) -> int:
    m = n_useful - 1
    total = Fraction(0)
    for k in range(m + 1):
        total += Fraction(comb(m, k), 2**m)
        if total >= Fraction(1, 20):
            return k
    raise AssertionError  # pragma: no cover


@pytest.mark.parametrize("n_useful", [1, 2, 3, 9, 10, 101, 500, 2999, 3001, 3002, 4000])
def test_crossings_limit_is_the_exact_binomial_quantile(n_useful: int) -> None:
    assert constants.crossings_min(n_useful) == _exact_crossings_min(n_useful)


def test_crossings_limit_for_a_million_points_is_close_to_the_normal_approximation() -> None:
    limit = constants.crossings_min(1_000_000)
    approximation = (1_000_000 - 1) / 2 - 1.6449 * math.sqrt(1_000_000 - 1) / 2
    assert abs(limit - approximation) <= 1


def test_bias_correction_constants_match_the_published_tables() -> None:
    assert constants.c4(2) == pytest.approx(0.7979, abs=5e-5)
    assert constants.c4(5) == pytest.approx(0.9400, abs=5e-5)
    assert constants.c4(25) == pytest.approx(0.9896, abs=5e-5)
    assert constants.a3(5) == pytest.approx(1.427, abs=5e-4)
    assert constants.b3(6) == pytest.approx(0.030, abs=5e-4)
    assert constants.b4(5) == pytest.approx(2.089, abs=5e-4)
    assert constants.b3(5) == 0.0
    assert math.isnan(constants.c4(1)) and math.isnan(constants.a3(1)) and math.isnan(constants.b4(0))


def test_best_box_and_cut_box_methods() -> None:
    y = [float(v) for v in range(24)]
    anhoej = spc.run_chart(y)
    box = spc.run_chart(y, method="bestbox")
    assert box.n_useful[0] == 24 and anhoej.n_useful[0] == 24
    assert (box.longest_run_max[0], box.crossings_min[0]) == (7, 6)  # the published box for n = 24
    assert (anhoej.longest_run_max[0], anhoej.crossings_min[0]) == (8, 8)
    cut = spc.run_chart(y, method="cutbox")
    assert cut.longest_run_max[0] == 7
    short = spc.run_chart([1.0, 2.0, 1.0, 2.0], method="bestbox")
    assert short.longest_run_max[0] == 5  # Anhøj's rules, with a warning
    assert any("bounds exist for 10 to 100 useful points" in w for w in short.warnings)
    with pytest.raises(ValueError, match="method"):
        spc.control_chart([1.0, 2.0], method="box")


def test_sentences_name_a_shift_that_is_not_at_the_end_and_a_series_that_never_crosses() -> None:
    y = [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 2, 1, 2, 1, 2, 1, 2, 1]
    assert (
        spc.run_chart(y).sentences[0].startswith("10 points in a row (points 11 to 20) are above the median")
    )
    flat = spc.run_chart([1, 2, 1, 2, 1, 2, 5, 5, 5, 5, 5, 5, 5, 5, 5, math.nan])
    assert flat.sentences[0].startswith("The data never cross the median where at least 1 would be expected")
