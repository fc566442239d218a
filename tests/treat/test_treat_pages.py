"""The specific aim with its baseline from the data, change ideas, PDSA cycles from plan to act and on the
measure's chart, SDSA, and the daily huddle whose data point goes to the measure; who may do what."""

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from microsystems.measures import actions as measure_actions
from microsystems.measures.models import DataPoint, Measure, Phase
from microsystems.projects.models import Project
from microsystems.treat.models import ChangeIdea, Huddle, PDSACycle, SpecificAim
from tests.demo_people import LEAD, MILLBROOK_STAFF, ORCHARD_LANE_COACH, ORCHARD_LANE_STAFF, OTHER_COACH
from tests.projects.builders import ORCHARD_LANE_RECEPTIONIST, user
from tests.treat.builders import first_cycle, text_message_idea

Clients = Callable[[str], Client]


def test_a_specific_aim_takes_its_baseline_from_the_data(measure: Measure, client_for: Clients) -> None:
    project = measure.project
    client = client_for(ORCHARD_LANE_STAFF)
    response = client.post(
        reverse("aim-add", args=[project.public_id]),
        {
            "measure": measure.id,
            "target": "80",
            "target_date": "30/9/2026",
            "needs_ongoing_resources": "on",
            "resources_note": "Text messages cost money",
        },
    )
    assert response.status_code == 302
    aim = SpecificAim.objects.get(project=project)
    # The measure has 30 points, so its chart is a p chart whose centre is the mean of all 30 weeks.
    assert aim.baseline is not None and 70 < aim.baseline < 75
    page = client.get(reverse("treat-home", args=[project.public_id])).content.decode()
    assert "Increase results filed within two working days from 72" in page
    assert "to 80% by 30 September 2026." in page
    assert "This change will need ongoing resources after the project: Text messages cost money" in page


def test_a_pdsa_cycle_from_plan_to_adopt_and_on_the_chart(measure: Measure, client_for: Clients) -> None:
    project = measure.project
    idea = text_message_idea(measure)
    client = client_for(ORCHARD_LANE_STAFF)
    plan = reverse("pdsa-plan", args=[project.public_id, idea.id])
    response = client.post(
        plan, {"objective": "Text results", "starts_on": "13/4/2026", "ends_on": "1/4/2026"}
    )
    page = response.content.decode()
    assert "The test must end on or after the day it starts" in page
    assert "This field is required" in page  # no prediction: the plan asks for one
    response = client.post(
        plan,
        {
            "objective": "One GP texts normal results for one week",
            "question": "Do fewer patients phone?",
            "prediction": "Above 80% that week",
            "who": "Dr Hughes",
            "scale": "One GP, one week",
            "starts_on": "13/4/2026",
            "ends_on": "19/4/2026",
            "data_to_collect": "Weekly search",
            "measure": measure.id,
        },
    )
    cycle = PDSACycle.objects.get(idea=idea)
    url = reverse("pdsa-detail", args=[project.public_id, cycle.id])
    assert response["Location"] == url
    client.post(url, {"what_happened": "Went as planned", "surprises": ""})
    page = client.get(url).content.decode()
    assert "Study: the data against the prediction" in page and "<svg" in page
    # The chart of the cycle's dates: from ten weeks before the test (13 April 2026 is the 15th week).
    assert page.count('class="app-chart__point') == 30 - 4
    client.post(url, {"compared_with_prediction": "85% against 80% predicted", "learned": "Patients like it"})
    client.post(url, {"decision": "adopt", "next_step": "Every GP", "new_phase": "on"})
    cycle.refresh_from_db()
    idea.refresh_from_db()
    assert (cycle.decision, idea.status) == ("adopt", "adopted")
    assert Phase.objects.filter(measure=measure, starts_on=date(2026, 4, 19)).exists()
    chart = client.get(reverse("measure-detail", args=[project.public_id, measure.id])).content.decode()
    assert "PDSA 1: Text normal results to patients, cycle 1 (adopted)" in chart
    assert "app-chart__band" in chart


def test_an_adopted_change_is_standardised(measure: Measure, client_for: Clients) -> None:
    cycle = first_cycle(measure)
    client = client_for(ORCHARD_LANE_STAFF)
    url = reverse("sdsa-add", args=[measure.project.public_id, cycle.idea.id])
    response = client.post(
        url, {"standard": "Every GP texts normal results", "adherence_check": "Monthly audit"}
    )
    assert response.status_code == 302
    page = client.get(
        reverse("idea-detail", args=[measure.project.public_id, cycle.idea.id])
    ).content.decode()
    assert "Every GP texts normal results" in page


def test_the_huddle_data_point_goes_to_the_measure(project: Project, client_for: Clients) -> None:
    calls = measure_actions.define_measure(
        project=project,
        by=user(ORCHARD_LANE_STAFF),
        name="Calls chasing results",
        measure_type="balancing",
        definition="Calls asking for a result",
        kind="count",
        frequency="daily",
        better="down",
    )
    client = client_for(ORCHARD_LANE_STAFF)
    url = reverse("huddles", args=[project.public_id])
    response = client.post(
        url, {"held_on": "14/9/2026", "risks": "Patient 943 476 5919 called", "measure": calls.id}
    )
    page = response.content.decode()
    assert "This looks like an NHS number" in page
    assert "Enter today&#39;s value" in page or "Enter today's value" in page
    assert not Huddle.objects.filter(project__practice__ods_code="Z90001").exists()
    response = client.post(
        url,
        {
            "held_on": "14/9/2026",
            "capacity": "2 GPs, 1 nurse",
            "measure": calls.id,
            "value": "7",
            "minutes": "6",
        },
    )
    assert response.status_code == 302
    assert DataPoint.objects.get(measure=calls, period=date(2026, 9, 14)).value == 7
    assert "2 GPs, 1 nurse" in client.get(url).content.decode()
    # A second huddle sheet for the same day is not silently saved over the first: its author sees the
    # first, and saving again replaces it (the day's value corrected, the old one kept).
    second = {"held_on": "14/9/2026", "capacity": "1 GP", "measure": calls.id, "value": "9"}
    coach = client_for(ORCHARD_LANE_COACH)
    page = coach.post(url, second).content.decode()
    assert "The huddle of 14 September 2026 is already recorded" in page and "1 GP" in page
    assert Huddle.objects.get(project=project).capacity == "2 GPs, 1 nurse"
    replaces = page.split('name="replaces" value="')[1].split('"')[0]
    assert coach.post(url, {**second, "replaces": replaces}).status_code == 302
    assert Huddle.objects.get(project=project).capacity == "1 GP"
    assert DataPoint.objects.get(measure=calls, period=date(2026, 9, 14)).value == 9


@pytest.mark.parametrize("email", [ORCHARD_LANE_RECEPTIONIST, LEAD])
def test_the_practice_staff_and_programme_lead_read_only(
    email: str, measure: Measure, client_for: Clients
) -> None:
    cycle = first_cycle(measure)
    client = client_for(email)
    public_id = measure.project.public_id
    assert client.get(reverse("treat-home", args=[public_id])).status_code == 200
    assert client.get(reverse("pdsa-detail", args=[public_id, cycle.id])).status_code == 200
    assert (
        client.post(reverse("pdsa-detail", args=[public_id, cycle.id]), {"what_happened": "x"}).status_code
        == 403
    )
    assert client.get(reverse("pdsa-plan", args=[public_id, cycle.idea.id])).status_code == 403
    assert client.post(reverse("huddles", args=[public_id]), {"held_on": "14/9/2026"}).status_code == 403
    assert not Huddle.objects.filter(project__practice__ods_code="Z90001").exists()


def test_the_coach_works_on_the_tests(measure: Measure, client_for: Clients) -> None:
    cycle = first_cycle(measure)
    response = client_for(ORCHARD_LANE_COACH).post(
        reverse("pdsa-detail", args=[measure.project.public_id, cycle.id]), {"what_happened": "Done"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("email", [MILLBROOK_STAFF, OTHER_COACH])
def test_nobody_else_finds_them(email: str, measure: Measure, client_for: Clients) -> None:
    cycle = first_cycle(measure)
    client = client_for(email)
    assert client.get(reverse("pdsa-detail", args=[measure.project.public_id, cycle.id])).status_code == 404
    assert client.get(reverse("treat-home", args=[measure.project.public_id])).status_code == 404
    assert ChangeIdea.objects.filter(project=measure.project).count() == 1


def test_the_driver_diagram_links_causes_ideas_tests_and_measures(demo, client_for: Clients) -> None:  # type: ignore[no-untyped-def]
    project = Project.objects.get(title="Incoming test results handled within two working days")
    page = client_for(LEAD).get(reverse("driver-diagram", args=[project.public_id])).content.decode()
    assert "Increase results filed within two working days from" in page
    assert "Primary driver: Processes" in page
    assert "Secondary driver:</strong> Patients are not told when a result is normal" in page
    assert "Text normal results to patients the same day" in page
    assert "2 tests, the latest adopt" in page
    assert "No change idea yet" in page  # a cause on the fishbone nobody has tackled


def test_a_change_idea_names_its_fishbone_cause(project: Project, client_for: Clients) -> None:
    from microsystems.projects.models import Cause

    cause = Cause.objects.create(project=project, category="People", text="Locums do not file results")
    client = client_for(ORCHARD_LANE_STAFF)
    response = client.post(
        reverse("idea-add", args=[project.public_id]),
        {"title": "A locum induction sheet", "fishbone_cause": cause.id, "effort": "low", "impact": "high"},
    )
    idea = ChangeIdea.objects.get(project=project, title="A locum induction sheet")
    assert response.status_code == 302 and idea.fishbone_cause == cause
    page = client.get(reverse("driver-diagram", args=[project.public_id])).content.decode()
    assert "Primary driver: People" in page
    assert "Secondary driver:</strong> Locums do not file results" in page
    assert "A locum induction sheet" in page
    assert (idea.effort, idea.impact) == ("low", "high")
    home = client.get(reverse("treat-home", args=[project.public_id])).content.decode()
    assert "Effort: low; impact: high. A quick win: test it first." in home


def test_the_action_plan_shows_every_action_on_a_timeline(project: Project, client_for: Clients) -> None:
    from tests.projects.builders import with_a_meeting_and_an_action

    action = with_a_meeting_and_an_action(project)
    page = (
        client_for(ORCHARD_LANE_STAFF).get(reverse("action-plan", args=[project.public_id])).content.decode()
    )
    assert "Timeline of the action plan" in page
    assert f"{action.text} — " in page  # the bar's hover text
    assert '<td class="nhsuk-table__cell">Open</td>' in page or "Overdue" in page


def test_the_project_path_leads_to_the_treat_and_follow_up_pages(
    project: Project, client_for: Clients
) -> None:
    page = (
        client_for(ORCHARD_LANE_STAFF)
        .get(reverse("project-detail", args=[project.public_id]))
        .content.decode()
    )
    for name in ("treat-home", "measure-list", "huddles", "follow-up"):
        assert f'href="{reverse(name, args=[project.public_id])}"' in page


def test_a_test_of_change_is_kept_short_and_small(measure: Measure, client_for: Clients) -> None:
    idea = text_message_idea(measure)
    url = reverse("pdsa-plan", args=[measure.project.public_id, idea.id])
    client = client_for(ORCHARD_LANE_STAFF)
    assert "keep it small, such as one GP for one morning" in client.get(url).content.decode()
    response = client.post(url, {"starts_on": "1/1/2026", "ends_on": "30/6/2026"})
    assert "Keep a test short: three months at most" in response.content.decode()


def test_the_lead_team_votes_for_the_ideas_to_test_first(measure: Measure, client_for: Clients) -> None:
    from microsystems.treat import actions as treat_actions

    project = measure.project
    first = text_message_idea(measure)
    second = treat_actions.add_idea(project=project, by=user(ORCHARD_LANE_STAFF), title="A results poster")
    for email in (ORCHARD_LANE_STAFF, ORCHARD_LANE_COACH):
        client_for(email).post(reverse("idea-vote", args=[project.public_id, second.id]))
    client = client_for(ORCHARD_LANE_STAFF)
    page = client.get(reverse("treat-home", args=[project.public_id])).content.decode()
    assert page.index("A results poster") < page.index(first.title)  # most voted first
    assert "2 votes" in page and "Take back my vote" in page
    client.post(reverse("idea-vote", args=[project.public_id, second.id]))
    assert "1 vote" in client.get(reverse("treat-home", args=[project.public_id])).content.decode()
    assert client_for(LEAD).post(reverse("idea-vote", args=[project.public_id, second.id])).status_code == 403


def test_the_huddle_history_goes_back_page_by_page(project: Project, client_for: Clients) -> None:
    from datetime import timedelta

    for n in range(35):
        Huddle.objects.create(
            project=project, held_on=date(2026, 1, 1) + timedelta(days=n), capacity=f"Day {n}"
        )
    client = client_for(ORCHARD_LANE_STAFF)
    url = reverse("huddles", args=[project.public_id])
    first = client.get(url).content.decode()
    assert "4 February 2026" in first and "Older huddles" in first and "Newer huddles" not in first
    assert ">Day 0<" not in first and ">Day 5<" in first
    second = client.get(url + "?page=2").content.decode()
    assert (
        ">Day 0<" in second
        and ">Day 5<" not in second
        and "Newer huddles" in second
        and "Older huddles" not in second
    )
    for odd in ("0", "-1", "abc", "²", "999999999"):
        assert client.get(url, {"page": odd}).status_code == 200
