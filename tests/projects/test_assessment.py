"""Step 2: the self-assessment against ten characteristics (anonymous, pooled, re-runnable) and the 5Ps at a
glance that fills itself from the worksheets."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from microsystems.projects import actions
from microsystems.projects.assessment import CHARACTERISTICS, change, pool
from microsystems.projects.method import TOOLS_BY_ID
from microsystems.projects.models import Project, SelfAssessmentRating, SelfAssessmentReturn
from tests.demo_people import LEAD, MILLBROOK_STAFF, ORCHARD_LANE_PATIENT, ORCHARD_LANE_STAFF
from tests.projects.builders import ORCHARD_LANE_GP, ORCHARD_LANE_NURSE, ORCHARD_LANE_RECEPTIONIST, user

ClientFor = Callable[[str], Client]


def test_ratings_are_pooled_per_characteristic_leaving_out_cant_rate() -> None:
    pooled = pool([(1, 1), (1, 3), (1, 0), (2, 2)])
    assert pooled[0].counts == (1, 0, 1) and pooled[0].cant_rate == 1 and pooled[0].mean == 2.0
    assert pooled[1].mean == 2.0 and pooled[2].mean is None
    assert len(pooled) == len(CHARACTERISTICS) == 10
    assert change({1: 1.5, 2: None}, {1: 2.0, 2: 2.0}) == {1: 0.5, 2: None}


def url(project: Project) -> str:
    return reverse("project-self-assessment", args=[project.public_id])


def answers(level: int) -> dict[str, int]:
    return {f"c{c.number}": level for c in CHARACTERISTICS}


def test_everyone_answers_once_anonymously_and_results_show_after_three(
    client_for: ClientFor, project: Project
) -> None:
    champion = client_for(ORCHARD_LANE_STAFF)
    champion.post(url(project), {"open": "round"})
    champion.post(url(project), answers(2))
    assert "The results will show when at least three people have answered" in champion.get(url(project)).text
    client_for(ORCHARD_LANE_RECEPTIONIST).post(url(project), answers(1))  # not on the lead team, still rates
    client_for(ORCHARD_LANE_PATIENT).post(url(project), answers(3))
    again = champion.post(url(project), answers(3))
    assert again.status_code == 302
    assert SelfAssessmentReturn.objects.count() == 3
    assert SelfAssessmentRating.objects.count() == 30  # the second answer from the champion was refused
    assert not hasattr(SelfAssessmentRating, "respondent")
    page = champion.get(url(project)).text
    assert "Pooled ratings for each characteristic" in page
    assert "You have answered this round" in page


def test_a_second_round_shows_the_change(client_for: ClientFor, project: Project) -> None:
    people = [ORCHARD_LANE_STAFF, ORCHARD_LANE_NURSE, ORCHARD_LANE_GP]
    first = actions.open_self_assessment(project=project, by=user(ORCHARD_LANE_STAFF))
    for email in people:
        actions.answer_self_assessment(
            assessment=first, levels={c.number: 1 for c in CHARACTERISTICS}, by=user(email)
        )
    second = actions.open_self_assessment(project=project, by=user(ORCHARD_LANE_STAFF))
    for email in people:
        actions.answer_self_assessment(
            assessment=second, levels={c.number: 2 for c in CHARACTERISTICS}, by=user(email)
        )
    page = client_for(ORCHARD_LANE_STAFF).get(url(project)).text
    assert "Change since last round" in page and "+1.0" in page


def test_every_characteristic_must_be_answered(client_for: ClientFor, project: Project) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    client.post(url(project), {"open": "round"})
    response = client.post(url(project), {"c1": 2})
    assert "Choose the description that fits best for leadership" not in response.text
    assert "Choose the description that fits best for results" in response.text
    assert not SelfAssessmentRating.objects.exists()


@pytest.mark.parametrize(("email", "get", "post"), [(LEAD, 200, 403), (MILLBROOK_STAFF, 404, 404)])
def test_the_programme_lead_sees_but_does_not_rate_and_others_cannot_see(
    client_for: ClientFor, project: Project, email: str, get: int, post: int
) -> None:
    actions.open_self_assessment(project=project, by=user(ORCHARD_LANE_STAFF))
    client = client_for(email)
    assert client.get(url(project)).status_code == get
    assert client.post(url(project), answers(2)).status_code == post
    assert client.get(reverse("project-five-ps", args=[project.public_id])).status_code == get


def test_the_5ps_fill_themselves_from_the_worksheets(client_for: ClientFor, project: Project) -> None:
    actions.save_worksheet(
        project=project,
        tool=TOOLS_BY_ID["T2.2"],
        answers={"statement": "Our practice exists to keep Orchard Lane well."},
        based_on_version=0,
        by=user(ORCHARD_LANE_STAFF),
    )
    page = client_for(ORCHARD_LANE_STAFF).get(reverse("project-five-ps", args=[project.public_id])).text
    assert "Our practice exists to keep Orchard Lane well." in page
    assert "Staff and patient surveys" in page
