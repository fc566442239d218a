"""The demo's measures show real signals, explained by PDSA ramps: a shift after an adopted change, a
trend, an astronomical point."""

from microsystems.measures.charting import chart_for
from microsystems.measures.models import DataPoint, Measure, Phase
from microsystems.measures.presenters import chart_panel, series_of
from microsystems.programme.models import Programme
from microsystems.treat.charts import cycle_bands
from microsystems.treat.models import Huddle, PDSACycle, SpecificAim
from microsystems.treat.presenters import aim_rows


def panel(name: str):  # type: ignore[no-untyped-def]
    measure = Measure.objects.get(name=name)
    points = list(DataPoint.objects.filter(measure=measure))
    return chart_panel(measure, points, list(Phase.objects.filter(measure=measure)), cycle_bands(measure))


def test_millbrook_results_shift_after_the_adopted_texts_with_an_astronomical_week(demo: Programme) -> None:
    chart = panel("Results filed within two working days")
    text = " ".join(chart.sentences)
    assert chart.name.startswith("p chart")
    assert "Since point 24 the centre line is" in text and "up from 62.4, in the better direction." in text
    assert (
        "below the lower control limit: a special cause, not random variation, in the worse direction" in text
    )
    assert sum(1 for row in chart.rows if row.signal) >= 1
    assert any(row.note == "Clinical system down for three days" for row in chart.rows)
    cycles = PDSACycle.objects.filter(measure__name="Results filed within two working days")
    assert [c.decision for c in cycles.order_by("idea_id", "number")] == ["adapt", "adopt", "abandon"]
    aim = SpecificAim.objects.get(measure__name="Results filed within two working days")
    assert aim.baseline is not None and 55 < aim.baseline < 70
    (row,) = aim_rows([aim])
    assert row.met is True


def test_calls_chasing_results_fall_in_a_trend(demo: Programme) -> None:
    measure = Measure.objects.get(name="Calls to reception chasing results")
    points = list(DataPoint.objects.filter(measure=measure))
    chart = chart_for(series_of(measure, points, []))
    assert chart.mdc is not None
    trend = [p.period for p, flagged in zip(points, chart.mdc.trend.tolist(), strict=True) if flagged]
    assert len(trend) >= 7  # the weeks the calls fell, one after another
    assert "in the better direction" in " ".join(chart.sentences)


def test_birthday_reviews_shift_to_a_new_level(demo: Programme) -> None:
    chart = panel("Annual reviews done in the birthday month")
    assert "in the better direction" in " ".join(chart.sentences)


def test_the_care_home_project_has_a_running_test_and_huddles(demo: Programme) -> None:
    chart = panel("Calls from Willowmere Care Home")
    assert "better direction" in " ".join(chart.sentences)
    assert PDSACycle.objects.filter(measure__name="Calls from Willowmere Care Home", decision="").count() == 1
    assert Huddle.objects.filter(measure__name="Calls from Willowmere Care Home").count() == 10
