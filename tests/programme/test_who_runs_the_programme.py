"""Who may do what in the programme: the lead runs it; a coach works with the practices they coach; a
practice sees its own agreement, funding and reviews; an evaluator sees figures only."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from microsystems.people.models import Organisation
from microsystems.programme.models import CoachingAgreement, Programme
from tests.demo_people import (
    EVALUATOR,
    LEAD,
    MILLBROOK_STAFF,
    ORCHARD_LANE,
    ORCHARD_LANE_COACH,
    ORCHARD_LANE_PATIENT,
    ORCHARD_LANE_STAFF,
    OTHER_COACH,
)

LEAD_ONLY = [
    "programme-settings",
    "programme-practices",
    "programme-projects",
    "programme-recruit",
    "programme-coaches",
    "programme-coach-add",
    "programme-payments",
    "programme-payments-csv",
    "programme-follow-ups",
    "programme-portfolio-csv",
    "programme-portfolio-xlsx",
]


@pytest.mark.parametrize("name", LEAD_ONLY)
@pytest.mark.parametrize("email", [ORCHARD_LANE_COACH, EVALUATOR])
def test_lead_only_pages_are_not_found_for_coaches_and_evaluators(
    name: str, email: str, demo: Programme, client_for: Callable[[str], Client]
) -> None:
    url = reverse(name, args=[demo.public_id])
    assert client_for(email).get(url).status_code == 404
    assert client_for(LEAD).get(url).status_code == 200


def test_a_coach_sees_the_practice_they_coach_but_cannot_manage_it(
    demo: Programme, client_for: Callable[[str], Client], practice: Callable[[str], Organisation]
) -> None:
    orchard = practice(ORCHARD_LANE)
    enrolment_url = reverse("programme-enrolment", args=[demo.public_id, orchard.public_id])
    coach = client_for(ORCHARD_LANE_COACH)
    assert coach.get(enrolment_url).status_code == 200
    for name in ("programme-engagement", "programme-adopter", "programme-readiness", "programme-match"):
        assert coach.get(reverse(name, args=[demo.public_id, orchard.public_id])).status_code == 403
    assert client_for(OTHER_COACH).get(enrolment_url).status_code == 404


def test_the_evaluator_sees_the_portfolio_figures_without_links_to_practices(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    response = client_for(EVALUATOR).get(reverse("programme-portfolio", args=[demo.public_id]))
    assert response.status_code == 200
    assert "Orchard Lane" not in response.text
    assert reverse("programme-practices", args=[demo.public_id]) not in response.text


def test_the_practice_sees_and_signs_its_own_agreement_only(
    demo: Programme, client_for: Callable[[str], Client], practice: Callable[[str], Organisation]
) -> None:
    agreement = CoachingAgreement.objects.get(enrolment__practice=practice(ORCHARD_LANE))
    url = reverse("programme-agreement", args=[demo.public_id, agreement.public_id])
    assert client_for(ORCHARD_LANE_STAFF).get(url).status_code == 200
    assert client_for(ORCHARD_LANE_PATIENT).get(url).status_code == 200
    assert client_for(MILLBROOK_STAFF).get(url).status_code == 404
    assert client_for(OTHER_COACH).get(url).status_code == 404


def test_views_reach_objects_only_through_the_permission_layer() -> None:
    views = Path(__file__).parents[2] / "microsystems" / "programme" / "views"
    for path in views.glob("*.py"):
        source = path.read_text()
        assert "get_object_or_404" not in source, path
        assert not re.search(r"\.objects\.get\(", source), path


def test_the_lead_ends_a_coachs_assignment_and_the_history_stays(
    demo: Programme, client_for: Callable[[str], Client], practice: Callable[[str], Organisation]
) -> None:
    from microsystems.programme.models import CoachAssignment

    orchard = practice(ORCHARD_LANE)
    chloe = CoachAssignment.objects.get(
        enrolment__practice=orchard, coach__user__email="chloe.coach@demo.example"
    )
    url = reverse("programme-end-coaching", args=[demo.public_id, orchard.public_id, chloe.coach.public_id])
    assert client_for(ORCHARD_LANE_COACH).post(url).status_code == 403
    assert client_for(LEAD).get(url).status_code == 405
    assert client_for(LEAD).post(url).status_code == 302
    chloe.refresh_from_db()
    assert chloe.ended_on is not None
    assert client_for(LEAD).post(url).status_code == 404  # already ended
    assert (
        client_for("chloe.coach@demo.example")
        .get(reverse("programme-enrolment", args=[demo.public_id, orchard.public_id]))
        .status_code
        == 404
    )
