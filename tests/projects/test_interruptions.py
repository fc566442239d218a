"""The interruptions tally (T2.11): tallies pooled into a Pareto chart, biggest cause first."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from microsystems.projects.interruptions import pareto, pool
from microsystems.projects.models import InterruptionTally, Project, ToolMark
from tests.demo_people import LEAD, MILLBROOK_STAFF, ORCHARD_LANE_STAFF
from tests.projects.builders import ORCHARD_LANE_RECEPTIONIST

ClientFor = Callable[[str], Client]


def test_the_pareto_puts_the_biggest_cause_first_with_the_running_share() -> None:
    counts = pool([{"Phone calls": 6, "Other": 1}, {"Phone calls": 3, "Missing information": 5, "Other": 0}])
    bars = pareto(counts)
    assert [(b.category, b.count, b.cumulative) for b in bars] == [
        ("Phone calls", 9, 60.0),
        ("Missing information", 5, 93.3),
        ("Other", 1, 100.0),
    ]
    assert bars[0].height > bars[1].height > bars[2].height
    assert bars[0].point_y > bars[-1].point_y  # the running share climbs to the top
    assert pareto({}) == []


def url(project: Project) -> str:
    return reverse("project-interruptions", args=[project.public_id])


def test_the_team_adds_tallies_and_sees_the_biggest_causes(client_for: ClientFor, project: Project) -> None:
    client_for(ORCHARD_LANE_RECEPTIONIST).post(
        url(project), {"role": "Receptionist", "session_on": "2027-01-12", "c2": "14", "c4": "3"}
    )
    client_for(ORCHARD_LANE_STAFF).post(url(project), {"role": "GP", "session_on": "2027-01-12", "c3": "5"})
    page = client_for(ORCHARD_LANE_STAFF).get(url(project)).text
    assert "22 interruptions from 2 sessions" in page
    assert (
        page.index("Phone calls")
        < page.index("A colleague&#39;s question")
        < page.index("Missing information")
    )
    assert ToolMark.objects.filter(project=project, tool_id="T2.11").exists()


def test_a_tally_needs_a_role_a_date_and_at_least_one_mark(client_for: ClientFor, project: Project) -> None:
    response = client_for(ORCHARD_LANE_STAFF).post(
        url(project), {"role": "", "session_on": "soon", "c1": "-1"}
    )
    for message in ("Enter whose session it was", "Enter a real date", "Enter 0 or more"):
        assert message in response.text
    response = client_for(ORCHARD_LANE_STAFF).post(url(project), {"role": "GP", "session_on": "2027-01-12"})
    assert "Enter at least one interruption" in response.text
    assert not InterruptionTally.objects.exists()


@pytest.mark.parametrize(("email", "get", "post"), [(LEAD, 200, 403), (MILLBROOK_STAFF, 404, 404)])
def test_who_sees_and_who_adds(
    client_for: ClientFor, project: Project, email: str, get: int, post: int
) -> None:
    client = client_for(email)
    assert client.get(url(project)).status_code == get
    assert (
        client.post(url(project), {"role": "GP", "session_on": "2027-01-12", "c1": "2"}).status_code == post
    )
