"""A hand-made request with a character that looks like a digit ("²") is refused politely: the page
answers, nothing is added, and nothing fails on the server."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from microsystems.people.models import User
from microsystems.projects.models import Action, Cause, Project
from tests.demo_people import ORCHARD_LANE_STAFF

HTMX = {"HX-Request": "true"}


def test_the_fishbone_takes_no_cause_under_a_garbled_parent(
    client_for: Callable[[str], Client], project: Project
) -> None:
    champion = client_for(ORCHARD_LANE_STAFF)
    live = reverse("project-fishbone-live", args=[project.public_id])
    page = reverse("project-fishbone", args=[project.public_id])
    for vote in ("²", "¹²"):
        assert champion.post(live, {"vote": vote}, headers=HTMX).status_code == 200
    answer = champion.post(live, {"category": "People", "parent": "²", "text": "Rota set late"}, headers=HTMX)
    assert answer.status_code == 200
    assert "has just been removed by someone else" in answer.text
    assert champion.post(page, {"category": "People", "parent": "²", "text": ""}).status_code == 200
    assert not Cause.objects.filter(project=project).exists()


def test_an_action_with_a_garbled_meeting_number_is_kept_without_a_meeting(
    client_for: Callable[[str], Client], project: Project
) -> None:
    champion = client_for(ORCHARD_LANE_STAFF)
    owner = User.objects.get(email=ORCHARD_LANE_STAFF)
    response = champion.post(
        reverse("project-action-add", args=[project.public_id]),
        {
            "meeting": "²",
            "text": "Ask the lab for its turnaround times",
            "owner": owner.id,
            "due_on": "2027-01-19",
        },
        headers=HTMX,
    )
    assert response.status_code == 200
    action = Action.objects.get(project=project, text="Ask the lab for its turnaround times")
    assert action.meeting is None
