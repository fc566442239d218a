"""Control charts: each chart's estimator on hand-computed data, clipping, and the edge-case decisions."""

from __future__ import annotations

import math

import numpy as np
import pytest

from microsystems import spc
from microsystems.spc.constants import a3, b3, b4


def test_i_chart_limits_use_the_screened_mean_moving_range() -> None:
    y = [10.0, 12.0, 11.0, 13.0, 12.0, 40.0, 12.0, 11.0, 13.0, 12.0, 11.0, 12.0]
    moving = np.abs(np.diff(y))
    amr = moving.mean()
    screened = moving[moving < 3.267 * amr].mean()
    result = spc.control_chart(y)
    assert result.centre[0] == pytest.approx(np.mean(y))
    assert result.upper[0] == pytest.approx(np.mean(y) + 3 * screened / 1.128)
    unscreened = spc.control_chart(y, screen_mr=False)
    assert unscreened.upper[0] == pytest.approx(np.mean(y) + 3 * amr / 1.128)
    assert result.outside[5] and unscreened.upper[0] > result.upper[0]
    assert "(the latest, point 6, above the upper limit): special causes" in result.summary()


def test_moving_ranges_never_bridge_a_missing_or_excluded_point() -> None:
    y = [10.0, 11.0, math.nan, 30.0, 31.0, 10.0, 11.0]
    result = spc.control_chart(y, screen_mr=False, exclude=[5])
    # Usable consecutive pairs: (10, 11), (30, 31); (31, 10) and (10, 11) touch the excluded point 5.
    assert result.upper[0] - result.centre[0] == pytest.approx(3 * 1.0 / 1.128)
    assert result.centre[0] == pytest.approx(np.mean([10, 11, 30, 31, 11]))


def test_mr_chart_is_unscreened_and_never_signals_from_runs() -> None:
    y = [1.0, 2.0] * 10
    result = spc.control_chart(y, chart="mr")
    assert math.isnan(result.value[0]) and result.value[1] == 1.0
    assert result.centre[0] == 1.0 and result.upper[0] == pytest.approx(3.267) and result.lower[0] == 0.0
    assert not result.runs_signal.any()


def test_c_chart_clips_the_lower_limit_at_zero() -> None:
    result = spc.control_chart([1, 0, 2, 1, 0, 3, 1, 2], chart="c")
    assert result.centre[0] == 1.25
    assert result.lower[0] == 0.0
    assert result.upper[0] == pytest.approx(1.25 + 3 * math.sqrt(1.25))


def test_p_chart_limits_per_point_and_clipped_to_the_unit_interval() -> None:
    y = [1, 9, 2, 8]
    n = [2, 10, 2, 10]
    result = spc.control_chart(y, n, chart="p")
    p = 20 / 24
    sigma = np.sqrt(p * (1 - p) / np.array(n))
    np.testing.assert_allclose(result.value, np.array(y) / np.array(n))
    np.testing.assert_allclose(result.upper, np.minimum(1.0, p + 3 * sigma))
    np.testing.assert_allclose(result.lower, np.maximum(0.0, p - 3 * sigma))
    assert result.upper[0] == 1.0
    percent = spc.control_chart(y, n, chart="p", multiply=100)
    np.testing.assert_allclose(percent.upper, result.upper * 100)


def test_zero_or_missing_denominators_make_a_missing_point_without_limits() -> None:
    result = spc.control_chart([1, 2, 0, 3, 2], [10, 0, 0, math.nan, 10], chart="p")
    assert np.isnan(result.value[[1, 2, 3]]).all()
    assert np.isnan(result.upper[[1, 2, 3]]).all()
    assert not result.outside.any()
    assert result.centre[0] == pytest.approx(3 / 20)
    assert any("no usable denominator" in w for w in result.warnings)


def test_impossible_counts_are_set_aside_with_a_warning() -> None:
    result = spc.control_chart([5, -1, 2], [4, 10, 10], chart="p")
    assert np.isnan(result.value[:2]).all() and result.value[2] == 0.2
    assert any("more events than the denominator" in w for w in result.warnings)
    assert any("negative count" in w for w in result.warnings)
    negative = spc.control_chart([3, -2, 4], chart="c")
    assert math.isnan(negative.value[1])


def test_u_chart_and_laney_u_prime() -> None:
    y = np.array([12.0, 15, 9, 20, 14, 11, 25, 13, 10, 16])
    n = np.array([100.0, 120, 90, 130, 110, 100, 140, 105, 95, 115])
    u = spc.control_chart(y, n, chart="u")
    ubar = y.sum() / n.sum()
    np.testing.assert_allclose(u.upper, ubar + 3 * np.sqrt(ubar / n))
    prime = spc.control_chart(y, n, chart="up", screen_mr=False)
    z = (y / n - ubar) / np.sqrt(ubar / n)
    sigma_z = np.abs(np.diff(z)).mean() / 1.128
    np.testing.assert_allclose(prime.upper, ubar + 3 * np.sqrt(ubar / n) * sigma_z)
    np.testing.assert_allclose(prime.lower, np.maximum(0, ubar - 3 * np.sqrt(ubar / n) * sigma_z))


def test_laney_p_prime_scales_the_binomial_sigma() -> None:
    y = np.array([30.0, 45, 28, 50, 41, 33, 47, 39])
    n = np.array([300.0, 310, 290, 305, 300, 295, 310, 300])
    prime = spc.control_chart(y, n, chart="pp", screen_mr=False)
    p = y.sum() / n.sum()
    sigma = np.sqrt(p * (1 - p) / n)
    sigma_z = np.abs(np.diff((y / n - p) / sigma)).mean() / 1.128
    np.testing.assert_allclose(prime.upper, np.minimum(1, p + 3 * sigma * sigma_z))


def test_t_chart_transforms_and_clips() -> None:
    y = [5.0, 12.0, 3.0, 40.0, 8.0, 16.0, 2.0, 25.0, 9.0, 14.0, 0.0]
    result = spc.control_chart(y, chart="t", screen_mr=False)
    x = np.array(y) ** (1 / 3.6)
    amr = np.abs(np.diff(x)).mean()
    assert result.centre[0] == pytest.approx(x.mean() ** 3.6)
    assert result.upper[0] == pytest.approx((x.mean() + 3 * amr / 1.128) ** 3.6)
    low = x.mean() - 3 * amr / 1.128
    assert result.lower[0] == pytest.approx(low**3.6 if low > 0 else 0.0)


def test_g_chart_centre_is_the_median_and_limits_come_from_the_mean() -> None:
    y = [3.0, 10.0, 1.0, 7.0, 30.0, 2.0, 5.0]
    result = spc.control_chart(y, chart="g")
    mean = np.mean(y)
    assert result.centre[0] == 5.0
    assert result.upper[0] == pytest.approx(mean + 3 * math.sqrt(mean * (mean + 1)))
    assert result.lower[0] == 0.0


def test_xbar_and_s_with_equal_subgroups_use_the_exact_constants() -> None:
    rng = np.random.default_rng(7)
    data = rng.normal(50, 2, size=(12, 4))
    labels = np.repeat(np.arange(12), 4)
    xbar = spc.control_chart(data.ravel(), chart="xbar", subgroups=labels)
    s = spc.control_chart(data.ravel(), chart="s", subgroups=labels)
    sbar = data.std(axis=1, ddof=1).mean()
    np.testing.assert_allclose(xbar.value, data.mean(axis=1))
    assert xbar.upper[0] == pytest.approx(data.mean() + a3(4) * sbar)
    assert s.centre[0] == pytest.approx(sbar)
    assert s.upper[0] == pytest.approx(b4(4) * sbar) and s.lower[0] == pytest.approx(b3(4) * sbar)
    assert xbar.labels is not None and xbar.labels.tolist() == list(range(12))
    assert xbar.n is not None and xbar.n.tolist() == [4.0] * 12


def test_subgroups_are_ordered_by_label_and_empty_ones_are_missing() -> None:
    result = spc.control_chart(
        [5.0, 7.0, 1.0, 3.0, math.nan],
        chart="xbar",
        subgroups=["2024-02", "2024-02", "2024-01", "2024-01", "2024-03"],
    )
    assert result.labels is not None and result.labels.tolist() == ["2024-01", "2024-02", "2024-03"]
    assert result.value[:2].tolist() == [2.0, 6.0] and math.isnan(result.value[2])
    assert any("no observations" in w for w in result.warnings)


def test_chart_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="chart must be one of"):
        spc.control_chart([1, 2], chart="x")
    with pytest.raises(ValueError, match="needs n"):
        spc.control_chart([1, 2], chart="p")
    with pytest.raises(ValueError, match="does not use n"):
        spc.control_chart([1, 2], [3, 4], chart="i")
    with pytest.raises(ValueError, match="needs subgroups"):
        spc.control_chart([1, 2], chart="xbar")
    with pytest.raises(ValueError, match="does not use subgroups"):
        spc.control_chart([1, 2], chart="i", subgroups=[1, 1])
    with pytest.raises(ValueError, match="same length"):
        spc.control_chart([1, 2], [3], chart="u")
    with pytest.raises(ValueError, match="one label"):
        spc.control_chart([1, 2], chart="s", subgroups=[1])


def test_excluded_points_are_never_signals_but_stay_on_the_chart() -> None:
    y = [10.0, 11, 10, 12, 11, 10, 50, 11, 12, 10, 11, 12]
    result = spc.control_chart(y, exclude=[6])
    assert result.value[6] == 50 and result.value[6] > result.upper[6]
    assert not result.outside[6]
    assert result.centre[0] == pytest.approx(np.mean([v for i, v in enumerate(y) if i != 6]))


def test_zero_width_limits_are_kept_and_flagged() -> None:
    result = spc.control_chart([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], [50] * 13, chart="p", baseline=12)
    assert result.upper[0] == 0.0 and result.lower[0] == 0.0
    assert result.outside[-1]
    assert any("zero width" in w for w in result.warnings)


def test_funnel_of_units_reports_runs_without_signalling() -> None:
    y = [1.0] * 12 + [5.0] * 12
    assert spc.control_chart(y).runs_signal[0]
    assert not spc.control_chart(y, time_ordered=False).runs_signal[0]


def test_phases_each_get_their_own_limits() -> None:
    y = [10.0, 11, 9, 10, 11, 9, 10, 10, 20, 21, 19, 20, 21, 19, 20, 20]
    result = spc.control_chart(y, phase_starts=[8], improvement="increase")
    assert result.centre[0] == 10 and result.centre[8] == 20
    assert not result.outside.any()
    assert result.sentences[0].startswith(
        "Since point 9 the centre line is 20, up from 10, in the better direction."
    )


def test_too_few_points_still_compute_and_say_so() -> None:
    one = spc.control_chart([5.0])
    assert one.centre[0] == 5.0 and math.isnan(one.upper[0])
    assert any("too few for them to be calculated" in w for w in one.warnings)
    empty = spc.control_chart([], chart="u", n=[])
    assert empty.value.size == 0 and empty.sentences == ("There are no data to chart yet.",)
    three = spc.control_chart([1.0, 2.0, 3.0])
    assert any("provisional" in w for w in three.warnings)


def test_a_moving_range_next_to_an_excluded_point_is_not_a_signal() -> None:
    y = [10.0, 11, 10, 12, 11, 10, 50, 11, 12, 10, 11, 12]
    plain = spc.control_chart(y, chart="mr")
    assert plain.outside[6] and plain.outside[7]
    masked = spc.control_chart(y, chart="mr", exclude=[6])
    assert not masked.outside.any()
    assert masked.centre[0] == pytest.approx(np.mean([1, 1, 2, 1, 1, 1, 2, 1, 1]))
