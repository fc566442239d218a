"""Visit cycle time (T2.6): the waits and time with the clinician worked out and pooled."""

from collections.abc import Callable
from datetime import time

import pytest
from django.test import Client
from django.urls import reverse

from microsystems.projects.cycle_time import VisitTimes, minutes_between, summarise
from microsystems.projects.models import CycleVisit, Project
from tests.demo_people import LEAD, MILLBROOK_STAFF, ORCHARD_LANE_STAFF

ClientFor = Callable[[str], Client]


def visit(
    arrived: str, seen_from: str, seen_until: str, left: str, appointment: str | None = None
) -> VisitTimes:
    def t(text: str | None) -> time | None:
        return time.fromisoformat(text) if text else None

    return VisitTimes(
        t(appointment),
        time.fromisoformat(arrived),
        None,
        t(seen_from),
        t(seen_until),
        time.fromisoformat(left),
    )


def test_the_waits_and_time_with_the_clinician_are_worked_out() -> None:
    one = visit("09:00", "09:25", "09:35", "09:40", appointment="09:10")
    assert (one.cycle, one.waiting_to_be_seen, one.with_clinician, one.after_appointment_time) == (
        40,
        25,
        10,
        15,
    )
    assert one.share_with_clinician == 25
    assert minutes_between(time(10, 0), time(9, 0)) is None


def test_visits_are_pooled_with_the_median() -> None:
    found = summarise(
        [
            visit("09:00", "09:10", "09:20", "09:25"),
            visit("09:00", "09:20", "09:30", "09:35"),
            visit("09:00", "10:30", "10:40", "10:45"),
        ]
    )
    assert (found.visits, found.median_cycle, found.median_wait, found.median_with_clinician) == (
        3,
        35.0,
        20.0,
        10.0,
    )
    assert not found.enough
    assert summarise([]).median_cycle is None


def url(project: Project) -> str:
    return reverse("project-cycle-time", args=[project.public_id])


def test_the_team_times_visits_and_times_out_of_order_are_refused(
    client_for: ClientFor, project: Project
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    data = {
        "visit_on": "2027-01-12",
        "appointment": "09:10",
        "arrived": "09:00",
        "seen_from": "09:25",
        "seen_until": "09:35",
        "left": "09:40",
    }
    assert client.post(url(project), data).status_code == 302
    page = client.get(url(project)).text
    assert "1 visit timed" in page and "Time 14 more visits for a fair picture" in page
    bad = client.post(url(project), {**data, "left": "09:30"})
    assert "Left the practice must not be earlier than the step before it" in bad.text
    assert CycleVisit.objects.filter(project=project).count() == 1


@pytest.mark.parametrize(("email", "get", "post"), [(LEAD, 200, 403), (MILLBROOK_STAFF, 404, 404)])
def test_who_sees_and_who_adds(
    client_for: ClientFor, project: Project, email: str, get: int, post: int
) -> None:
    client = client_for(email)
    assert client.get(url(project)).status_code == get
    data = {"visit_on": "2027-01-12", "arrived": "09:00", "left": "09:40"}
    assert client.post(url(project), data).status_code == post
