"""Defining a measure, entering data by grid or paste, the chart with its sentences, corrections with
history, exclusions and phases; who may do what."""

import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microsystems.measures.models import DataPoint, Measure, Phase
from microsystems.projects.models import Project
from tests.demo_people import (
    EVALUATOR,
    LEAD,
    MILLBROOK_STAFF,
    ORCHARD_LANE_COACH,
    ORCHARD_LANE_STAFF,
    OTHER_COACH,
)
from tests.measures.builders import AFTER, BEFORE, weeks
from tests.projects.builders import ORCHARD_LANE_RECEPTIONIST, user

Clients = Callable[[str], Client]


def detail(measure: Measure) -> str:
    return reverse("measure-detail", args=[measure.project.public_id, measure.id])


def test_the_champion_defines_a_measure(project: Project, client_for: Clients) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    url = reverse("measure-add", args=[project.public_id])
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "", "kind": "count"})
    assert "Enter" in response.content.decode() or "required" in response.content.decode()
    response = client.post(
        url,
        {
            "name": "Calls chasing results",
            "measure_type": "balancing",
            "definition": "Calls to reception asking for a result, tallied at the desk.",
            "data_source": "Tally sheet",
            "kind": "count",
            "frequency": "daily",
            "better": "down",
            "multiplier": "1",
        },
    )
    measure = Measure.objects.get(project=project, name="Calls chasing results")
    assert response.status_code == 302
    assert response["Location"] == reverse("measure-data", args=[project.public_id, measure.id])


def test_pasting_thirty_rows_draws_the_chart_with_its_signal_and_sentence(
    project: Project, client_for: Clients
) -> None:
    from tests.measures.builders import results_measure

    measure = results_measure(project, with_data=False)
    rows = "\n".join(f"{d:%d/%m/%Y}\t{v}\t50" for d, v in zip(weeks(30), BEFORE + AFTER, strict=True))
    client = client_for(ORCHARD_LANE_STAFF)
    response = client.post(reverse("measure-data", args=[project.public_id, measure.id]), {"pasted": rows})
    assert response.status_code == 302
    assert DataPoint.objects.filter(measure=measure).count() == 30
    page = client.get(detail(measure)).content.decode()
    assert "p chart" in page
    assert "this is a shift, a signal that the process has changed, in the better direction" in page
    assert "<svg" in page and "<title>" in page
    assert "Special cause variation: improvement (higher)" in page
    assert "The chart as a table" in page


def test_a_paste_with_a_bad_row_saves_nothing(measure: Measure, client_for: Clients) -> None:
    before = DataPoint.objects.filter(measure=measure).count()
    response = client_for(ORCHARD_LANE_STAFF).post(
        reverse("measure-data", args=[measure.project.public_id, measure.id]),
        {"pasted": "1/6/2026\t10\t20\n8/6/2026\t10\t0\n"},
    )
    assert response.status_code == 200
    assert "Row 2: the denominator is 0." in response.content.decode()
    assert DataPoint.objects.filter(measure=measure).count() == before


def test_typing_in_the_grid(measure: Measure, client_for: Clients) -> None:
    response = client_for(ORCHARD_LANE_STAFF).post(
        reverse("measure-data", args=[measure.project.public_id, measure.id]),
        {"grid_rows": "12", "period_0": "3/8/2026", "value_0": "40", "denominator_0": "50", "value_1": "4"},
    )
    assert "Row 2: there is no date." in response.content.decode()
    response = client_for(ORCHARD_LANE_STAFF).post(
        reverse("measure-data", args=[measure.project.public_id, measure.id]),
        {"grid_rows": "12", "period_0": "3/8/2026", "value_0": "40", "denominator_0": "50"},
    )
    assert response.status_code == 302
    assert DataPoint.objects.filter(measure=measure, value=40, denominator=50).exists()


def stamp_in(page: str) -> str:
    found = re.search(r'name="stamp" value="([0-9a-f]+)"', page)
    assert found, "the form carries the fingerprint it was opened from"
    return found.group(1)


def test_a_correction_made_from_an_older_copy_is_caught(measure: Measure, client_for: Clients) -> None:
    point = DataPoint.objects.filter(measure=measure).order_by("period").first()
    assert point is not None
    url = reverse("measure-point", args=[measure.project.public_id, measure.id, point.id])
    champion, coach = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_COACH)
    opened = stamp_in(champion.get(url).content.decode())
    data = {"value": "30", "denominator": "50", "exclusion_reason": "", "stamp": opened}
    assert champion.post(url, data).status_code == 302
    page = coach.post(url, {**data, "value": "31"}).content.decode()
    assert (
        "Someone else changed this value while you were editing" in page and "It is now 30.0 of 50.0" in page
    )
    point.refresh_from_db()
    assert point.value == 30


def test_a_definition_changed_from_an_older_copy_is_caught(measure: Measure, client_for: Clients) -> None:
    url = reverse("measure-edit", args=[measure.project.public_id, measure.id])
    champion, coach = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_COACH)
    opened = stamp_in(champion.get(url).content.decode())
    data = {
        "name": "Results filed within two working days",
        "measure_type": "outcome",
        "definition": "Results received in the week, filed within two working days (weekends not counted).",
        "data_source": "Weekly search",
        "kind": "proportion",
        "unit": "",
        "multiplier": "1",
        "frequency": "weekly",
        "better": "up",
        "target": "80",
        "owner": "",
        "stamp": opened,
    }
    assert champion.post(url, data).status_code == 302
    page = coach.post(url, {**data, "definition": "Results filed in two days"}).content.decode()
    assert "Someone else changed this measure while you were editing" in page
    assert "(weekends not counted)" in page and "Results filed in two days" in page
    measure.refresh_from_db()
    assert measure.definition.endswith("(weekends not counted).")


def test_a_phase_started_by_mistake_is_removed(measure: Measure, client_for: Clients) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    client.post(
        reverse("measure-phase-add", args=[measure.project.public_id, measure.id]),
        {"starts_on": weeks(30)[10].strftime("%d/%m/%Y"), "reason": "Wrong week"},
    )
    phase = Phase.objects.get(measure=measure)
    remove = reverse("measure-phase-remove", args=[measure.project.public_id, measure.id, phase.id])
    assert remove in client.get(detail(measure)).content.decode()
    assert client.get(remove).status_code == 405
    assert client_for(LEAD).post(remove).status_code == 403
    assert client.post(remove).status_code == 302
    assert not Phase.objects.filter(measure=measure).exists()
    assert "Removed the phase from" in client.get(detail(measure)).content.decode()


def test_a_correction_keeps_the_old_value(measure: Measure, client_for: Clients) -> None:
    point = DataPoint.objects.filter(measure=measure).first()
    assert point is not None
    url = reverse("measure-point", args=[measure.project.public_id, measure.id, point.id])
    client = client_for(ORCHARD_LANE_COACH)
    opened = stamp_in(client.get(url).content.decode())
    response = client.post(url, {"value": "33", "denominator": "50", "exclusion_reason": "", "stamp": opened})
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.value == 33
    assert "29.0 of 50.0, replaced" in client.get(url).content.decode()


def test_a_point_left_out_with_a_reason_and_a_new_phase(measure: Measure, client_for: Clients) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    point = DataPoint.objects.filter(measure=measure).order_by("period")[3]
    url = reverse("measure-point", args=[measure.project.public_id, measure.id, point.id])
    client.post(
        url,
        {
            "value": point.value,
            "denominator": point.denominator,
            "exclusion_reason": "Clinical system down for two days",
            "stamp": stamp_in(client.get(url).content.decode()),
        },
    )
    point.refresh_from_db()
    assert point.excluded
    client.post(
        reverse("measure-phase-add", args=[measure.project.public_id, measure.id]),
        {
            "starts_on": weeks(30)[15].strftime("%d/%m/%Y"),
            "reason": "Text message for normal results adopted",
        },
    )
    assert Phase.objects.filter(measure=measure).count() == 1
    page = client.get(detail(measure)).content.decode()
    assert "Left out: Clinical system down for two days" in page
    assert "Text message for normal results adopted" in page
    assert "app-chart__phase" in page


def test_the_chart_can_be_overridden_and_the_baseline_frozen(measure: Measure, client_for: Clients) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    client.post(detail(measure), {"chart_choice": "run", "baseline_points": "15"})
    measure.refresh_from_db()
    assert (measure.chart_choice, measure.baseline_points) == ("run", 15)
    page = client.get(detail(measure)).content.decode()
    assert "Run chart" in page


def test_the_chart_is_the_same_svg_for_download(measure: Measure, client_for: Clients) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    svg = client.get(reverse("measure-chart-svg", args=[measure.project.public_id, measure.id]))
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.decode() in client.get(detail(measure)).content.decode()
    assert "style=" not in svg.content.decode()


@pytest.mark.parametrize("email", [ORCHARD_LANE_STAFF, ORCHARD_LANE_COACH])
def test_the_lead_team_and_coach_change_data(email: str, measure: Measure, client_for: Clients) -> None:
    client = client_for(email)
    assert (
        client.get(reverse("measure-data", args=[measure.project.public_id, measure.id])).status_code == 200
    )


@pytest.mark.parametrize("email", [ORCHARD_LANE_RECEPTIONIST, LEAD])
def test_other_staff_and_the_programme_lead_read_only(
    email: str, measure: Measure, client_for: Clients
) -> None:
    client = client_for(email)
    assert client.get(detail(measure)).status_code == 200
    assert "Add data" not in client.get(detail(measure)).content.decode()
    assert (
        client.get(reverse("measure-data", args=[measure.project.public_id, measure.id])).status_code == 403
    )
    response = client.post(
        reverse("measure-data", args=[measure.project.public_id, measure.id]), {"pasted": "1/6/2026\t1\t2"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("email", [MILLBROOK_STAFF, OTHER_COACH, EVALUATOR])
def test_nobody_else_finds_the_measure(email: str, measure: Measure, client_for: Clients) -> None:
    assert client_for(email).get(detail(measure)).status_code == 404


def test_the_chart_page_runs_a_fixed_number_of_queries(measure: Measure, client_for: Clients) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    client.get(detail(measure))
    with CaptureQueriesContext(connection) as small:
        client.get(detail(measure))
    for index, day in enumerate(weeks(60, weeks(31)[-1])):
        DataPoint.objects.create(measure=measure, period=day, value=40 + index % 5, denominator=50)
    with CaptureQueriesContext(connection) as large:
        client.get(detail(measure))
    assert len(large) == len(small)


def test_zooming_in_draws_the_latest_points_with_the_whole_series_statistics(
    measure: Measure, client_for: Clients
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    whole = client.get(detail(measure)).content.decode()
    zoomed = client.get(detail(measure) + "?show=12").content.decode()
    assert whole.count('class="app-chart__point') == 30
    assert zoomed.count('class="app-chart__point') == 12
    sentence = "this is a shift, a signal that the process has changed, in the better direction"
    assert sentence in whole and sentence in zoomed
    assert '<option value="12" selected>' in zoomed


def test_zooming_to_dates_draws_those_points_with_the_whole_series_statistics(
    measure: Measure, client_for: Clients
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    # Weekly from 5 January 2026: February and March hold 9 weeks (2 February to 30 March).
    page = client.get(detail(measure) + "?from=1/2/2026&to=31/3/2026").content.decode()
    assert page.count('class="app-chart__point') == 9
    assert "this is a shift, a signal that the process has changed, in the better direction" in page
    assert "Show all the points again" in page
    # A month name works as the start of that month.
    assert (
        client.get(detail(measure) + "?from=March 2026").content.decode().count('class="app-chart__point')
        == 30 - 8
    )
    for query, message in (
        ("?from=31/02/2026", "“31/02/2026” is not a real date"),
        ("?from=1/4/2026&to=1/3/2026", "The end of the range must be on or after its start"),
        ("?from=1/1/2030", "There are no data points between those dates"),
        ("?from=soon", "“soon” is not a date we can read"),
    ):
        page = client.get(detail(measure) + query).content.decode()
        assert message in page, query
        assert page.count('class="app-chart__point') == 30, query  # the whole chart, and the error


def test_the_list_shows_each_measure_latest_value_and_icon_in_fixed_queries(
    measure: Measure, client_for: Clients
) -> None:
    from microsystems.measures import actions

    client = client_for(ORCHARD_LANE_STAFF)
    url = reverse("measure-list", args=[measure.project.public_id])
    page = client.get(url).content.decode()
    assert "Special cause variation: improvement (higher)" in page
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(3):
        actions.define_measure(
            project=measure.project,
            by=user(ORCHARD_LANE_STAFF),
            name=f"Other {n}",
            definition="x",
            kind="count",
        )
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


def test_a_completed_projects_measure_says_what_it_has_done_since(demo: object, client_for: Clients) -> None:
    measure = Measure.objects.get(
        name="Results filed within two working days", project__practice__ods_code="Z90002"
    )
    page = client_for(LEAD).get(detail(measure)).content.decode()
    assert "The project completed on 30 July 2026; the measure continues. Since completion (" in page
    since = detail(measure) + "?from=30/07/2026#chart"
    assert since in page.replace("&amp;", "&")
    after = measure.points.filter(period__gte="2026-07-30").count()
    assert after and client_for(LEAD).get(since).content.decode().count('class="app-chart__point') == after


def test_the_data_wall_shows_every_chart_with_its_sentences(demo: object, client_for: Clients) -> None:
    project = Project.objects.get(title="Incoming test results handled within two working days")
    page = client_for(LEAD).get(reverse("data-wall", args=[project.public_id])).content.decode()
    assert page.count('class="app-chart"') == 2
    assert "up from 62.4, in the better direction" in page
    assert "PDSA 2" in page


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(since=st.text(max_size=14), until=st.text(max_size=14), show=st.text(max_size=3))
def test_any_zoom_asked_for_is_answered(
    since: str, until: str, show: str, measure: Measure, client_for: Clients
) -> None:
    response = client_for(ORCHARD_LANE_STAFF).get(detail(measure), {"from": since, "to": until, "show": show})
    assert response.status_code == 200
