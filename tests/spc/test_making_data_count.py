"""Making Data Count: each rule, precedence, point types, icons, phases and the edge-case decisions."""

from __future__ import annotations

import math

import numpy as np
import pytest

from microsystems import spc

# A stable series: mean 10, moving ranges of 1 or 2 (AMR 1.5), so UPL = 13.99, LPL = 6.01.
STABLE = [10.0, 11.0, 9.0, 10.0, 11.0, 9.0, 10.0, 11.0, 9.0, 10.0, 11.0, 9.0, 10.0, 11.0, 9.0, 10.0]


def test_outside_the_limits_is_improvement_or_concern_by_direction() -> None:
    y = [*STABLE, 20.0]
    up = spc.making_data_count(y, improvement="increase")
    assert up.outside[-1] and up.rule[-1] == "outside_limits"
    assert up.point_type[-1] == "special_cause_improvement"
    assert up.variation_icon == "improvement_high"
    down = spc.making_data_count(y, improvement="decrease")
    assert down.point_type[-1] == "special_cause_concern" and down.variation_icon == "concern_high"
    neutral = spc.making_data_count(y, improvement="neutral")
    assert neutral.point_type[-1] == "special_cause_neutral_high" and neutral.variation_icon == "neutral_high"
    assert spc.making_data_count(y, improvement=None).improvement == "neutral"


def test_shift_needs_seven_points_on_one_side_and_a_point_on_the_mean_breaks_it() -> None:
    y = [5.0, 1.0, 5.0, 1.0] + [4.0] * 6 + [2.0] * 6
    six = spc.making_data_count(y)  # mean 3: runs of 6 only
    assert six.centre[0] == 3.0 and not six.shift.any()
    seven = spc.making_data_count([*y[:4], 4.0, *y[4:]])
    assert seven.shift.tolist() == [False] * 4 + [True] * 7 + [False] * 6
    assert seven.point_type[10] == "special_cause_improvement"
    broken = spc.making_data_count([5.0, 1.0, 5.0, 1.0, 4.0, 4.0, 4.0, 3.0, 4.0, 4.0, 4.0] + [2.0] * 6)
    assert broken.centre[0] == 3.0 and broken.relative_to_mean[7] == 0
    assert not broken.shift.any()


def test_trend_needs_seven_strictly_monotone_points_and_ties_break_it() -> None:
    rising = spc.making_data_count([5.0, 5.0, 1, 2, 3, 4, 5, 6, 7, 3, 4])
    assert rising.trend[2:9].all() and not rising.trend[:2].any() and not rising.trend[9:].any()
    assert rising.code[8] in (1, 3)  # outside or trend up, never down
    tie = spc.making_data_count([5.0, 5.0, 1, 2, 3, 3, 4, 5, 6, 3, 4])
    assert not tie.trend.any()


def test_a_peak_between_two_trends_takes_the_direction_of_the_trend_that_follows() -> None:
    y = np.array([1.0, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1])
    result = spc.making_data_count(y, improvement="increase", screen_outliers=False)
    assert result.trend.all()
    assert result.rule[6] in ("trend", "outside_limits")
    if result.rule[6] == "trend":
        assert result.side[6] == -1


def test_two_of_three_close_to_a_limit_on_the_same_side() -> None:
    y = [*STABLE, 13.0, 10.5, 13.2]  # limits frozen on STABLE: mean 10, two-sigma line 12.36, UPL 13.55
    result = spc.making_data_count(y, baseline=16)
    assert result.close_to_limits.tolist() == [False] * 16 + [True, False, True]
    assert result.rule[-1] == "two_of_three" and result.rule[-3] == "two_of_three"
    assert result.rule[-2] == "none"
    opposite = spc.making_data_count([*STABLE, 13.0, 10.5, 7.0], baseline=16)
    assert opposite.close_to_limits[-1] and not opposite.two_in_three.any()


def test_a_point_beyond_the_limit_is_not_close_to_it() -> None:
    result = spc.making_data_count([*STABLE, 13.0, 20.0], baseline=16)
    assert result.outside[-1] and not result.close_to_limits[-1]
    assert result.rule[-2] == "none"


def test_precedence_outside_over_trend_over_two_of_three_over_shift() -> None:
    y = [*STABLE, 11.0, 11.5, 12.0, 12.5, 13.0, 13.5, 30.0]
    result = spc.making_data_count(y)
    assert result.rule[-1] == "outside_limits"
    assert result.trend[-7:].all() and result.rule[-2] == "trend"


def test_rules_never_cross_a_phase() -> None:
    y = [10.0, 12.0] * 5 + [11.5] * 3 + [14.0, 16.0] * 5
    together = spc.making_data_count([10.0, 12.0] * 5 + [11.5] * 4)
    assert together.shift[-4:].all() is not None
    split = spc.making_data_count(y, phase_starts=[13])
    assert not split.shift[10:13].any()
    assert split.centre[13] == 15.0 and split.centre[0] != 15.0


def test_baseline_freezes_each_phase_on_its_first_points() -> None:
    y = [10.0, 11.0, 9.0, 10.0, 11.0, 9.0] + [20.0] * 3
    result = spc.making_data_count(y, baseline=6)
    assert result.centre[0] == 10.0 and result.base.sum() == 6
    assert result.outside[6:].all() and result.variation_icon == "improvement_high"


def test_missing_points_are_skipped_by_the_rules_and_the_icon_uses_the_last_real_point() -> None:
    y = [*STABLE, 20.0, math.nan]
    result = spc.making_data_count(y)
    assert result.point_type[-1] == "common_cause" and result.code[-1] == 0
    assert result.variation_icon == "improvement_high"
    run = spc.making_data_count([1.0, 5.0, 1.0, 5.0, 4.0, 4.0, 4.0, math.nan, 4.0, 4.0, 4.0, 4.0, 2.0, 2.0])
    assert run.shift[4:12].sum() == 7  # the gap neither counts nor breaks the run


def test_excluded_points_leave_the_estimates_and_are_never_signals() -> None:
    y = [*STABLE, 40.0, 10.0]
    result = spc.making_data_count(y, exclude=[16])
    assert result.centre[0] == pytest.approx(np.mean([*STABLE, 10.0]))
    assert not result.outside[16] and result.code[16] == 0 and result.excluded[16]


def test_assurance_compares_the_target_with_the_latest_limits_strictly() -> None:
    result = spc.making_data_count(STABLE, target=15.0)
    assert result.assurance_icon == "consistent_fail"
    assert spc.making_data_count(STABLE, target=5.0).assurance_icon == "consistent_pass"
    assert (
        spc.making_data_count(STABLE, target=5.0, improvement="decrease").assurance_icon == "consistent_fail"
    )
    assert spc.making_data_count(STABLE, target=10.0).assurance_icon == "inconsistent"
    upl = float(result.upper[-1])
    assert spc.making_data_count(STABLE, target=upl).assurance_icon == "inconsistent"
    assert spc.making_data_count(STABLE, target=15.0, improvement="neutral").assurance_icon is None
    assert spc.making_data_count(STABLE, target=math.nan).assurance_icon is None
    assert spc.making_data_count([1.0], target=1.0).assurance_icon is None
    assert "will not meet it" in result.summary()


def test_screening_can_collapse_the_limits_and_it_is_flagged() -> None:
    result = spc.making_data_count([1.0, 1, 1, 1, 2])
    assert result.lower[0] == result.upper[0] == 1.2
    assert result.outside.all()
    assert any("zero width" in w for w in result.warnings)


def test_a_constant_series_has_zero_width_limits_and_no_signal() -> None:
    result = spc.making_data_count([3.0] * 15)
    assert result.upper[0] == 3.0 and not result.special_cause.any()
    assert result.variation_icon == "common_cause"


def test_short_and_empty_series_compute_and_warn() -> None:
    empty = spc.making_data_count([])
    assert empty.variation_icon is None and empty.assurance_icon is None
    assert empty.sentences == ("There are no data to chart yet.",)
    one = spc.making_data_count([4.0], target=3.0)
    assert one.centre[0] == 4.0 and math.isnan(one.upper[0])
    assert any("cannot be calculated" in w for w in one.warnings)
    few = spc.making_data_count([1.0, 2.0, 3.0, 2.0])
    assert any("provisional" in w for w in few.warnings)
    gap = spc.making_data_count([1.0, math.nan, 3.0, math.nan])
    assert any("no two consecutive points" in w.lower() for w in gap.warnings)


def test_sentences_say_what_the_latest_point_shows() -> None:
    result = spc.making_data_count([*STABLE, 20.0], improvement="increase", target=12.0)
    assert result.sentences == (
        "The latest point shows special-cause improvement (high): it is above the upper process limit.",
        "The target of 12 lies within the process limits: "
        "the process will sometimes meet it and sometimes not.",
    )
    calm = spc.making_data_count(STABLE)
    assert calm.sentences == ("The latest point shows common-cause variation: no rule signals a change.",)
    exported = calm.to_dict()
    assert exported["point_type"][0] == "common_cause" and exported["rule"][0] == "none"
    assert "variation_icon='common_cause'" in repr(calm)


def test_inputs_are_not_modified_and_results_are_read_only() -> None:
    y = np.array([1.0, np.inf, 3.0, 4.0])
    result = spc.making_data_count(y)
    assert np.isinf(y[1]) and math.isnan(result.value[1])
    with pytest.raises(ValueError):
        result.centre[0] = 1.0
