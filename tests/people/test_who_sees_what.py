"""For each role: what it can and cannot see."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
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

ClientFor = Callable[[str], Client]
PracticeFor = Callable[[str], Organisation]


def practice_url(practice: Organisation) -> str:
    return reverse("practice-detail", args=[practice.public_id])


@pytest.mark.parametrize(
    ("email", "status"),
    [
        (ORCHARD_LANE_STAFF, 200),
        (ORCHARD_LANE_PATIENT, 200),
        (ORCHARD_LANE_COACH, 200),
        (LEAD, 200),
        (MILLBROOK_STAFF, 404),  # another practice
        (OTHER_COACH, 404),  # a coach of another practice
        (EVALUATOR, 404),  # evaluators see figures, not a practice's own work
    ],
)
def test_a_practice_page_is_seen_by_its_team_its_coach_and_its_programme_lead_only(
    client_for: ClientFor, practice: PracticeFor, email: str, status: int
) -> None:
    response = client_for(email).get(practice_url(practice(ORCHARD_LANE)))
    assert response.status_code == status
    if status == 200:
        assert "Orchard Lane Surgery" in response.text
        assert "Margaret Ellis" in response.text  # the patient representative on the team
    else:
        assert "Orchard Lane" not in response.text


def test_signed_out_visitors_are_sent_to_sign_in_from_every_private_page(
    client: Client, practice: PracticeFor, demo: Programme
) -> None:
    for url in [
        reverse("home"),
        reverse("account"),
        reverse("practice-list"),
        practice_url(practice(ORCHARD_LANE)),
        reverse("programme-list"),
        reverse("programme-detail", args=[demo.public_id]),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("sign-in")), url


def test_practice_list_holds_only_the_practices_a_user_may_see(client_for: ClientFor) -> None:
    staff_page = client_for(ORCHARD_LANE_STAFF).get(reverse("practice-list")).text
    assert "Orchard Lane Surgery" in staff_page
    assert "Millbrook" not in staff_page

    coach_page = client_for(ORCHARD_LANE_COACH).get(reverse("practice-list")).text
    assert "Orchard Lane Surgery" in coach_page
    assert "Kingsfield" not in coach_page

    lead_page = client_for(LEAD).get(reverse("practice-list")).text
    for name in ["Orchard Lane Surgery", "Millbrook Medical Centre", "Beacon View Surgery", "Chalk Hill"]:
        assert name in lead_page


@pytest.mark.parametrize(
    ("email", "status", "sees_practices"),
    [
        (LEAD, 200, True),
        (ORCHARD_LANE_COACH, 200, False),
        (EVALUATOR, 200, False),
        (ORCHARD_LANE_STAFF, 404, False),
        (ORCHARD_LANE_PATIENT, 404, False),
    ],
)
def test_programme_page_is_for_programme_staff_and_only_the_lead_sees_each_practice(
    client_for: ClientFor, demo: Programme, email: str, status: int, sees_practices: bool
) -> None:
    response = client_for(email).get(reverse("programme-detail", args=[demo.public_id]))
    assert response.status_code == status
    if status == 200:
        assert "Practices by engagement" in response.text
        assert ("Every practice in the programme" in response.text) is sees_practices
        assert ("Chalk Hill Medical Practice" in response.text) is sees_practices


def test_home_page_shows_each_role_its_own_world(client_for: ClientFor) -> None:
    lead = client_for(LEAD).get(reverse("home")).text
    assert "You lead this programme" in lead
    assert "Withdrew" in lead

    coach = client_for(ORCHARD_LANE_COACH).get(reverse("home")).text
    assert "Practices you coach" in coach
    assert "Orchard Lane Surgery" in coach
    assert "Millbrook" not in coach

    staff = client_for(ORCHARD_LANE_STAFF).get(reverse("home")).text
    assert "Your practice" in staff
    assert "forming your lead team" in staff  # the empty state says what to do first
    assert "You lead this programme" not in staff

    patient = client_for(ORCHARD_LANE_PATIENT).get(reverse("home")).text
    assert "When the practice starts an improvement project" in patient
    assert "forming your lead team" not in patient

    evaluator = client_for(EVALUATOR).get(reverse("home")).text
    assert "You evaluate this programme" in evaluator
    assert "Orchard Lane" not in evaluator


def test_navigation_follows_the_role(client_for: ClientFor) -> None:
    assert 'href="/programmes/"' in client_for(LEAD).get(reverse("home")).text
    assert 'href="/programmes/"' not in client_for(ORCHARD_LANE_STAFF).get(reverse("home")).text


def test_a_user_who_left_the_practice_no_longer_sees_it(client_for: ClientFor, practice: PracticeFor) -> None:
    from microsystems.people.models import Membership

    Membership.objects.filter(user__email=ORCHARD_LANE_STAFF).update(ended_on="2026-10-01")
    response = client_for(ORCHARD_LANE_STAFF).get(practice_url(practice(ORCHARD_LANE)))
    assert response.status_code == 404
